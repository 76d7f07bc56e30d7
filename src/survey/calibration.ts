import { type SurveyData, type Vector, compareLevels, labelAt } from './data.js';
import { DesignError, describeRows } from './errors.js';
import { type QrFactor, householderQr, luSolve, qrResidual, symmetricPinv } from './linear-algebra.js';

// ---------------------------------------------------------------------------------------------------------------------
// Weighting steps kept for the variance (R: the `postStrata` list of a survey.design2)
// ---------------------------------------------------------------------------------------------------------------------

/** Population-level GREG calibration (R `greg_calibration`, stage 0): scores become g*w0*(u - X B), B fitted with the original weights w0. */
export interface GregStep {
  readonly kind: 'greg';
  /** Model matrix, n x p row-major (the columns calibrated, after R's dropping of all-zero columns with a zero total). */
  readonly X: Float64Array;
  readonly p: number;
  /** Weights before calibration (R `weights(design)` when `calibrate` was called). */
  readonly w0: Float64Array;
  /** g-weights: final weight = w0 * g. */
  readonly g: Float64Array;
  /** Column names, for messages. */
  readonly names?: readonly string[];
}

/** Post-stratification (R `postStratify` index with its `oldweights` and `weights` attributes): codes 0..S-1 per row. */
export interface PostStrataStep {
  readonly kind: 'poststrata';
  readonly strata: Int32Array;
  readonly oldWeights: Float64Array;
  readonly weights: Float64Array;
}

/** Raking (R `rake`, class `raking`): the post-stratifications of the last sweep, one per margin, in margin order. */
export interface RakingStep {
  readonly kind: 'raking';
  readonly margins: readonly PostStrataStep[];
}

/** A weighting step whose residuals the Taylor variance uses (R survey: one entry of `design$postStrata`). */
export type CalibrationStep = GregStep | PostStrataStep | RakingStep;

/**
 * Replaces the weighted scores z (n x K row-major over all design rows, z = final weight x score) by their calibration
 * residuals, step by step in order, as R `svyrecvar` does with `postStrata` before the multistage variance:
 * greg `qr.resid(qr(X*sqrt(w0)), z/(g*sqrt(w0))) * g*sqrt(w0)`; post-strata `z - psw * rowsum(z*oldw/psw)/sum(oldw)`;
 * raking 10 sweeps of `z - psw * ave(z/psw, margin)` over the margins.
 * Differences from R on degenerate input, stated: a row with g*sqrt(w0) = 0 keeps z (R: 0/0 = NaN); in raking a row
 * with psw = 0 counts as z/psw = 0 (R: NaN). A post-stratum row with psw = oldw = 0 gets psw = 1, as R.
 */
export function applyCalibrationResiduals(steps: readonly CalibrationStep[], z: Float64Array, K: number): void {
  for (const step of steps) {
    const n = step.kind === 'greg' ? step.w0.length : step.kind === 'poststrata' ? step.strata.length : (step.margins[0]?.strata.length ?? z.length / K);
    if (z.length !== n * K) {
      throw new DesignError(`calibration residuals: ${z.length} score values for ${n} design rows x ${K} statistics; pass the scores of every design row`);
    }
    const inconsistent =
      step.kind === 'greg'
        ? step.X.length !== n * step.p || step.g.length !== n
        : (step.kind === 'poststrata' ? [step] : step.margins).some((m) => m.strata.length !== n || m.weights.length !== n || m.oldWeights.length !== n);
    if (inconsistent) throw new DesignError(`calibration residuals: a ${step.kind} step's arrays do not all have one entry per design row (${n})`);
    if (step.kind === 'greg') gregResiduals(step, z, K);
    else if (step.kind === 'poststrata') postStratumResiduals(step, z, K);
    else {
      for (let sweep = 0; sweep < 10; sweep++) for (const m of step.margins) rakingCentre(m, z, K);
    }
  }
}

const gregQr = new WeakMap<GregStep, QrFactor>();

function gregResiduals(step: GregStep, z: Float64Array, K: number): void {
  const { X, p, w0, g } = step;
  const n = w0.length;
  let qr = gregQr.get(step);
  if (!qr) {
    const A = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      const s = Math.sqrt(w0[i]!);
      for (let j = 0; j < p; j++) A[i + j * n] = X[i * p + j]! * s;
    }
    qr = householderQr(A, n, p);
    gregQr.set(step, qr);
  }
  const mult = new Float64Array(n);
  for (let i = 0; i < n; i++) mult[i] = g[i]! * Math.sqrt(w0[i]!);
  const y = new Float64Array(n);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < n; i++) y[i] = mult[i] !== 0 ? z[i * K + k]! / mult[i]! : 0;
    qrResidual(qr, y);
    for (let i = 0; i < n; i++) if (mult[i] !== 0) z[i * K + k] = y[i]! * mult[i]!;
  }
}

function postStratumResiduals(step: PostStrataStep, z: Float64Array, K: number): void {
  const { strata, oldWeights, weights } = step;
  const n = strata.length;
  let S = 0;
  for (let i = 0; i < n; i++) S = Math.max(S, strata[i]! + 1);
  const num = new Float64Array(S * K);
  const den = new Float64Array(S);
  const psw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    psw[i] = weights[i] === 0 && oldWeights[i] === 0 ? 1 : weights[i]!;
    const s = strata[i]!;
    den[s]! += oldWeights[i]!;
    const f = oldWeights[i]! / psw[i]!;
    for (let k = 0; k < K; k++) num[s * K + k]! += z[i * K + k]! * f;
  }
  for (let i = 0; i < n; i++) {
    const s = strata[i]!;
    for (let k = 0; k < K; k++) z[i * K + k]! -= (num[s * K + k]! / den[s]!) * psw[i]!;
  }
}

function rakingCentre(m: PostStrataStep, z: Float64Array, K: number): void {
  const { strata, weights } = m;
  const n = strata.length;
  let S = 0;
  for (let i = 0; i < n; i++) S = Math.max(S, strata[i]! + 1);
  const sum = new Float64Array(S * K);
  const count = new Float64Array(S);
  for (let i = 0; i < n; i++) {
    const s = strata[i]!;
    count[s]!++;
    const w = weights[i]!;
    if (w !== 0) for (let k = 0; k < K; k++) sum[s * K + k]! += z[i * K + k]! / w;
  }
  for (let i = 0; i < n; i++) {
    const s = strata[i]!;
    const w = weights[i]!;
    for (let k = 0; k < K; k++) z[i * K + k]! -= w * (sum[s * K + k]! / count[s]!);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Calibration (R calibrate / grake / regcalibrate)
// ---------------------------------------------------------------------------------------------------------------------

/** Calibration distance functions of R `calibrate(calfun = )`: `cal.linear`, `cal.raking`, `cal.logit`. */
export type CalibrationFunction = 'linear' | 'raking' | 'logit';

/** Inputs of `calibrationWeights` (R `calibrate(design, formula, population, bounds, calfun, maxit, epsilon)`). */
export interface CalibrationOptions {
  /** Model matrix, n x p row-major (R `model.matrix(formula)`). */
  readonly X: Float64Array;
  readonly p: number;
  /** Weights before calibration. */
  readonly w: Float64Array;
  /** Population totals of the p columns (R `population`). */
  readonly totals: ArrayLike<number>;
  /** Default `linear`. */
  readonly calfun?: CalibrationFunction;
  /** Bounds [L, U] on g: truncation for linear and raking, the range of the logit function (required there). */
  readonly bounds?: readonly [number, number];
  /** Convergence: max |misfit| / (1 + |total|) < epsilon; default 1e-7, as R. */
  readonly epsilon?: number;
  /** Newton-Raphson iterations, default 50, as R. */
  readonly maxit?: number;
  /** Column names (R `colnames(mm)`), for messages; default "column j". */
  readonly names?: readonly string[];
}

/** Result of `calibrationWeights`: g, the calibrated weights w*g, R grake's iteration count (Newton steps and step halvings; 1 for the closed form), the variance step and R's warnings. */
export interface CalibrationResult {
  readonly g: Float64Array;
  readonly weights: Float64Array;
  readonly iterations: number;
  readonly step: GregStep;
  readonly warnings: readonly string[];
}

/**
 * Calibrated weights as R `calibrate.survey.design2` at stage 0: unbounded linear in closed form (R `regcalibrate`,
 * g = 1 + X solve(X'WX, T - X'w)); otherwise `grake` Newton-Raphson on sum w F(x'eta) x = T with the Moore-Penrose inverse
 * (tol 256 eps), step halving on non-finite g, pre-scaling when every T/t > 20, stop at max|misfit|/(1+|T|) < epsilon.
 * Non-convergence (including unreachable bounds) is R's "Calibration failed", here a DesignError naming the worst column.
 */
export function calibrationWeights(options: CalibrationOptions): CalibrationResult {
  const { X, p, w } = options;
  const n = w.length;
  const calfun = options.calfun ?? 'linear';
  const epsilon = options.epsilon ?? 1e-7;
  const maxit = options.maxit ?? 50;
  const [lower, upper] = options.bounds ?? [-Infinity, Infinity];
  let names = options.names ?? Array.from({ length: p }, (_, j) => `column ${j + 1}`);
  if (!['linear', 'raking', 'logit'].includes(calfun)) throw new DesignError(`calibration function "${calfun}" is not one of linear, raking, logit`);
  if (!(p >= 1) || X.length !== n * p) throw new DesignError(`calibration: the model matrix has ${X.length} values, expected ${n} rows x ${p} columns`);
  if (options.totals.length !== p) {
    throw new DesignError(`calibration: ${options.totals.length} population totals for ${p} model columns (${names.join(', ')}); give one total per column`);
  }
  if (names.length !== p) throw new DesignError(`calibration: ${names.length} column names for ${p} columns`);
  if (!(lower < upper) || Number.isNaN(lower) || Number.isNaN(upper)) throw new DesignError(`calibration bounds [${lower}, ${upper}]: the lower bound must be below the upper`);
  if (calfun === 'logit' && (!Number.isFinite(lower) || !Number.isFinite(upper) || !(lower < 1 && upper > 1))) {
    throw new DesignError(`logit calibration needs finite bounds with L < 1 < U, got [${lower}, ${upper}] (R: "Logit calibration requires finite bounds")`);
  }
  if (!(maxit >= 1)) throw new DesignError(`calibration: maxit must be at least 1, got ${maxit}`);
  checkWeights(w, 'calibration');
  for (let j = 0; j < p; j++) {
    if (!Number.isFinite(options.totals[j]!)) throw new DesignError(`calibration: the population total of "${names[j]}" is ${options.totals[j]}, not a finite number`);
    const bad: number[] = [];
    for (let i = 0; i < n; i++) if (!Number.isFinite(X[i * p + j]!)) bad.push(i);
    if (bad.length > 0) throw new DesignError(`calibration variable "${names[j]}" is missing or not finite at ${describeRows(bad)}`);
  }

  // R: drop columns whose population total is 0 and whose values are all 0.
  let mm = X;
  let q = p;
  let totals = Float64Array.from(options.totals);
  let sample = columnTotals(mm, q, w);
  if (sample.some((t) => t === 0)) {
    const keep: number[] = [];
    for (let j = 0; j < p; j++) {
      let allZero = true;
      for (let i = 0; i < n && allZero; i++) if (X[i * p + j] !== 0) allZero = false;
      if (!(totals[j] === 0 && allZero)) keep.push(j);
    }
    if (keep.length < p) {
      if (keep.length === 0) throw new DesignError('calibration: every model column is zero with a zero population total');
      q = keep.length;
      mm = new Float64Array(n * q);
      for (let i = 0; i < n; i++) for (let a = 0; a < q; a++) mm[i * q + a] = X[i * p + keep[a]!]!;
      totals = Float64Array.from(keep, (j) => options.totals[j]!);
      names = keep.map((j) => names[j]!);
      sample = columnTotals(mm, q, w);
    }
  }

  if (calfun === 'linear' && lower === -Infinity && upper === Infinity) {
    const g = linearClosedForm(mm, q, w, totals, sample, names);
    const weights = Float64Array.from(w, (x, i) => x * g[i]!);
    return { g, weights, iterations: 1, step: { kind: 'greg', X: mm, p: q, w0: Float64Array.from(w), g, names }, warnings: [] };
  }
  const { g, iterations, warnings } = grake(mm, q, w, totals, sample, calfun, lower, upper, epsilon, maxit, names);
  const weights = Float64Array.from(w, (x, i) => x * g[i]!);
  return { g, weights, iterations, step: { kind: 'greg', X: mm, p: q, w0: Float64Array.from(w), g, names }, warnings };
}

function checkWeights(w: ArrayLike<number>, what: string): void {
  const bad: number[] = [];
  for (let i = 0; i < w.length; i++) if (!(w[i]! >= 0) || !Number.isFinite(w[i]!)) bad.push(i);
  if (bad.length > 0) {
    throw new DesignError(`${what}: weights must be finite and >= 0; ${bad.length} are not, at ${describeRows(bad)} (row ${bad[0]! + 1}: ${w[bad[0]!]})`);
  }
}

function columnTotals(X: Float64Array, p: number, w: ArrayLike<number>): Float64Array {
  const t = new Float64Array(p);
  for (let i = 0; i < w.length; i++) for (let j = 0; j < p; j++) t[j]! += X[i * p + j]! * w[i]!;
  return t;
}

/** R `regcalibrate` stage 0: g = 1 + X (X'WX)^{-1} (T - t). Collinear columns (rank by R's dqrdc2, tol 1e-7) are an error. */
function linearClosedForm(X: Float64Array, p: number, w: Float64Array, totals: Float64Array, sample: Float64Array, names: readonly string[]): Float64Array {
  const n = w.length;
  const A = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const s = Math.sqrt(w[i]!);
    for (let j = 0; j < p; j++) A[i + j * n] = X[i * p + j]! * s;
  }
  const qr = householderQr(A, n, p);
  if (qr.rank < p) {
    const dropped = Array.from(qr.pivot.slice(qr.rank), (j) => `"${names[j]}"`);
    throw new DesignError(
      `linear calibration: the calibration columns are collinear (rank ${qr.rank} of ${p}): ${dropped.join(', ')} ${dropped.length === 1 ? 'is a linear combination' : 'are linear combinations'} of the others (R: "system is computationally singular"); drop redundant totals`,
    );
  }
  const T = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) {
      const xa = X[i * p + a]! * w[i]!;
      if (xa === 0) continue;
      for (let b = 0; b < p; b++) T[a * p + b]! += xa * X[i * p + b]!;
    }
  }
  const rhs = Float64Array.from(totals, (t, j) => t - sample[j]!);
  const lambda = luSolve(T, p, rhs);
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 1;
    for (let j = 0; j < p; j++) s += X[i * p + j]! * lambda[j]!;
    g[i] = s;
  }
  return g;
}

/** F(u) - 1 and F'(u) of R's `cal.linear`, `cal.raking` (truncated at the bounds, derivative tested on u as R) and `cal.logit`. */
function calibrationFunction(calfun: CalibrationFunction, L: number, U: number): { Fm1: (u: number) => number; dF: (u: number) => number } {
  if (calfun === 'linear') {
    return { Fm1: (u) => Math.min(Math.max(u + 1, L), U) - 1, dF: (u) => (u < U - 1 && u > L - 1 ? 1 : 0) };
  }
  if (calfun === 'raking') {
    return { Fm1: (u) => Math.min(Math.max(Math.exp(u), L), U) - 1, dF: (u) => (u < U - 1 && u > L - 1 ? Math.exp(u) : 0) };
  }
  const A = (U - L) / ((U - 1) * (1 - L));
  return {
    Fm1: (u) => {
      const e = Math.exp(A * u);
      return (L * (U - 1) + U * (1 - L) * e) / (U - 1 + (1 - L) * e) - 1;
    },
    dF: (u) => {
      const e = Math.exp(A * u);
      const d = U - 1 + (1 - L) * e;
      return (U * (1 - L) * e * A) / d - ((L * (U - 1) + U * (1 - L) * e) * ((1 - L) * e * A)) / (d * d);
    },
  };
}

/** R `grake` (survey 4.5), with sigma2 = 1 and eta starting at 0. */
function grake(
  X: Float64Array,
  p: number,
  w0: Float64Array,
  totals: Float64Array,
  sample0: Float64Array,
  calfun: CalibrationFunction,
  L: number,
  U: number,
  epsilon: number,
  maxit: number,
  names: readonly string[],
): { g: Float64Array; iterations: number; warnings: string[] } {
  const n = w0.length;
  const { Fm1, dF } = calibrationFunction(calfun, L, U);
  const warnings: string[] = [];
  const eta = new Float64Array(p);
  const xeta = new Float64Array(n);
  const fm1 = new Float64Array(n);
  const deriv = new Float64Array(n);
  const update = (): boolean => {
    let finite = true;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += X[i * p + j]! * eta[j]!;
      xeta[i] = s;
      fm1[i] = Fm1(s);
      deriv[i] = dF(s);
      if (!Number.isFinite(1 + fm1[i]!) || !Number.isFinite(deriv[i]!)) finite = false;
    }
    return finite;
  };
  update();
  let iter = 1;

  // Pre-scaling for weights far below the population (R: SOMETHRESHOLD = 20).
  let w = w0;
  const sample = Float64Array.from(sample0);
  let scale = 1;
  const scales = Float64Array.from(totals, (t, j) => t / sample[j]!);
  if (Math.min(...scales) > 20) {
    scale = scales.reduce((a, b) => a + b, 0) / p;
    w = Float64Array.from(w0, (x) => x * scale);
    for (let j = 0; j < p; j++) sample[j]! *= scale;
    if (Number.isFinite(L) || Number.isFinite(U)) warnings.push(`Bounds were set but will be interpreted after rescaling by ${scale.toPrecision(3)}`);
  }

  const misfit = new Float64Array(p);
  const computeMisfit = (): void => {
    misfit.set(totals);
    for (let j = 0; j < p; j++) misfit[j]! -= sample[j]!;
    for (let i = 0; i < n; i++) {
      const f = w[i]! * fm1[i]!;
      if (f === 0) continue;
      for (let j = 0; j < p; j++) misfit[j]! -= X[i * p + j]! * f;
    }
  };
  const T = new Float64Array(p * p);
  const deta = new Float64Array(p);
  for (;;) {
    T.fill(0);
    for (let i = 0; i < n; i++) {
      const c = w[i]! * deriv[i]!;
      if (c === 0) continue;
      for (let a = 0; a < p; a++) {
        const xa = X[i * p + a]! * c;
        for (let b = a; b < p; b++) T[a * p + b]! += xa * X[i * p + b]!;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) T[a * p + b] = T[b * p + a]!;
    computeMisfit();
    const G = symmetricPinv(T, p, 256 * Number.EPSILON);
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += G[a * p + b]! * misfit[b]!;
      deta[a] = s;
    }
    for (let j = 0; j < p; j++) eta[j]! += deta[j]!;
    let finite = update();
    while (iter < maxit && !finite) {
      iter++;
      for (let j = 0; j < p; j++) {
        deta[j]! /= 2;
        eta[j]! -= deta[j]!;
      }
      finite = update();
    }
    computeMisfit();
    let worst = 0;
    let achieved = -Infinity;
    for (let j = 0; j < p; j++) {
      const r = Math.abs(misfit[j]!) / (1 + Math.abs(totals[j]!));
      if (!(r <= achieved)) {
        achieved = r;
        worst = j;
      }
    }
    if (achieved < epsilon) break;
    iter++;
    if (iter > maxit) {
      const target = totals[worst]!;
      const got = target - misfit[worst]!;
      throw new DesignError(
        `Calibration failed (${calfun}${Number.isFinite(L) || Number.isFinite(U) ? `, bounds [${L}, ${U}]` : ''}): after ${maxit} iterations the calibrated total of ` +
          `"${names[worst]}" is ${got} against the population total ${target} (relative misfit ${achieved.toPrecision(3)}, epsilon ${epsilon})` +
          (Number.isFinite(L) || Number.isFinite(U) ? ': the totals cannot be met within the bounds; widen them' : ''),
      );
    }
  }
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) g[i] = (1 + fm1[i]!) * scale;
  return { g, iterations: iter, warnings };
}

// ---------------------------------------------------------------------------------------------------------------------
// Post-stratification and raking
// ---------------------------------------------------------------------------------------------------------------------

/** Labels for messages of a post-stratification or raking margin. */
export interface StratumNames {
  /** The post-stratification variable, e.g. "stype" or "sex+agegroup". */
  readonly name?: string;
  /** Label of each code. */
  readonly labels?: readonly string[];
}

/** Result of `postStratifyWeights`: new weights, the variance step and the sample weight total of each post-stratum. */
export interface PostStratifyResult {
  readonly weights: Float64Array;
  readonly step: PostStrataStep;
  readonly sampleTotals: Float64Array;
}

/**
 * Post-stratified weights, R `postStratify.survey.design`: w * N_s / sum_{i in s} w_i. A post-stratum with sample weight
 * but no (or a zero) population total, or a positive population total without sample weight, is an error (R without `partial`).
 */
export function postStratifyWeights(strata: Int32Array, w: Float64Array, totals: ArrayLike<number>, names: StratumNames = {}): PostStratifyResult {
  const n = w.length;
  const what = names.name ? `post-stratification on "${names.name}"` : 'post-stratification';
  const label = (s: number): string => `"${names.labels?.[s] ?? String(s)}"`;
  if (strata.length !== n) throw new DesignError(`${what}: ${strata.length} post-stratum codes for ${n} weights`);
  checkWeights(w, what);
  const S = totals.length;
  const missing: number[] = [];
  for (let i = 0; i < n; i++) if (!(strata[i]! >= 0 && strata[i]! < S)) missing.push(i);
  if (missing.length > 0) {
    throw new DesignError(`${what}: ${missing.length} row(s) have a missing post-stratum or one without a population total, at ${describeRows(missing)}`);
  }
  const sums = new Float64Array(S);
  const rows: number[][] = Array.from({ length: S }, () => []);
  for (let i = 0; i < n; i++) {
    sums[strata[i]!]! += w[i]!;
    rows[strata[i]!]!.push(i);
  }
  for (let s = 0; s < S; s++) {
    const N = totals[s]!;
    if (Number.isNaN(N) || N < 0 || !Number.isFinite(N)) throw new DesignError(`${what}: population total of post-stratum ${label(s)} is ${N}, not a finite number >= 0`);
    if (sums[s]! > 0 && N === 0) {
      throw new DesignError(`${what}: post-stratum ${label(s)} has sample rows (${describeRows(rows[s]!)}, weight ${sums[s]}) but no population total (R: "Strata in sample absent from population")`);
    }
    if (sums[s] === 0 && N > 0) {
      throw new DesignError(
        `${what}: post-stratum ${label(s)} has population total ${N} but no sample rows${rows[s]!.length > 0 ? ' with a positive weight' : ''} (R: "Some strata absent from sample")`,
      );
    }
  }
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = strata[i]!;
    weights[i] = sums[s]! > 0 ? w[i]! * (totals[s]! / sums[s]!) : 0;
  }
  return { weights, step: { kind: 'poststrata', strata, oldWeights: Float64Array.from(w), weights }, sampleTotals: sums };
}

/** One raking margin: the code (0..S-1) of each row, the population total of each code, and names for messages. */
export interface RakingMargin extends StratumNames {
  readonly codes: Int32Array;
  readonly totals: ArrayLike<number>;
}

/** Result of `rakeWeights`: weights, the variance step, sweeps made, convergence and R's warning. */
export interface RakeResult {
  readonly weights: Float64Array;
  readonly step: RakingStep;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

/**
 * Raked weights, R `rake`: sweeps of post-stratification on each margin until the largest change of any margin's
 * weighted table between sweeps is below epsilon (epsilon < 1 is taken relative to the sum of weights), at most maxit sweeps
 * (not converging is R's warning); the step keeps the last sweep's post-stratifications.
 */
export function rakeWeights(margins: readonly RakingMargin[], w: Float64Array, options: { epsilon?: number; maxit?: number } = {}): RakeResult {
  const epsilon0 = options.epsilon ?? 1;
  const maxit = options.maxit ?? 10;
  if (margins.length === 0) throw new DesignError('raking: no margins given');
  checkWeights(w, 'raking');
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i]!;
  const epsilon = epsilon0 < 1 ? epsilon0 * total : epsilon0;
  const table = (m: RakingMargin, x: Float64Array): Float64Array => {
    const t = new Float64Array(m.totals.length);
    for (let i = 0; i < x.length; i++) {
      const c = m.codes[i]!;
      if (c >= 0 && c < t.length) t[c]! += x[i]!;
    }
    return t;
  };
  let old = margins.map((m) => table(m, w));
  let current = w;
  let last: PostStrataStep[] = [];
  let iter = 0;
  let converged = false;
  while (iter < maxit) {
    last = [];
    for (const m of margins) {
      const r = postStratifyWeights(m.codes, current, m.totals, m);
      current = r.weights;
      last.push(r.step);
    }
    const now = margins.map((m) => table(m, current));
    let delta = 0;
    now.forEach((t, a) => t.forEach((x, s) => (delta = Math.max(delta, Math.abs(x - old[a]![s]!)))));
    if (delta < epsilon) {
      converged = true;
      break;
    }
    old = now;
    iter++;
  }
  const warnings = converged ? [] : [`Raking did not converge after ${iter} iterations.`];
  return { weights: current === w ? Float64Array.from(w) : current, step: { kind: 'raking', margins: last }, iterations: converged ? iter + 1 : iter, converged, warnings };
}

// ---------------------------------------------------------------------------------------------------------------------
// Margin files and the model matrix
// ---------------------------------------------------------------------------------------------------------------------

/** One line of a margin file: a variable (or `+`-joined crossed variables), a level (null for a numeric total) and its total. */
export interface MarginEntry {
  readonly variable: string;
  readonly level: string | null;
  readonly total: number;
  /** 1-based line in the file. */
  readonly line: number;
}

/** Population margins read from a file, with the file name for messages. */
export interface Margins {
  readonly source: string;
  readonly entries: readonly MarginEntry[];
}

/** The variable name of the intercept total in a margin file (R's `(Intercept)` column name). */
export const INTERCEPT = '(Intercept)';

function splitCsvLine(line: string, source: string, lineNo: number): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (ch === ',') {
      out.push(wasQuoted ? field : field.trim());
      field = '';
      wasQuoted = false;
    } else field += ch;
  }
  if (quoted) throw new DesignError(`${source}: line ${lineNo}: unterminated quoted field`);
  out.push(wasQuoted ? field : field.trim());
  return out;
}

/**
 * Reads population margins from CSV text with header `variable,level,total` (the layout of R's `margins2totals`
 * population tables, one line per level): an empty level gives a numeric variable's total, `(Intercept)` the population
 * size, and a `+`-joined variable (`sex+agegroup`) a crossed post-stratum whose level is `+`-joined too (`F+15-24`).
 */
export function parseMargins(text: string, source: string): Margins {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  let headerAt = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '') {
      headerAt = i;
      break;
    }
  }
  if (headerAt < 0) throw new DesignError(`${source}: the margin file is empty: expected the header "variable,level,total" and one line per total`);
  const header = splitCsvLine(lines[headerAt]!, source, headerAt + 1).map((h) => h.toLowerCase());
  if (header.length !== 3 || header[0] !== 'variable' || header[1] !== 'level' || header[2] !== 'total') {
    throw new DesignError(`${source}: line ${headerAt + 1}: header is "${lines[headerAt]!.trim()}", expected "variable,level,total"`);
  }
  const entries: MarginEntry[] = [];
  const seen = new Map<string, number>();
  const kinds = new Map<string, { numeric: boolean; line: number }>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const f = splitCsvLine(raw, source, line);
    if (f.length !== 3) throw new DesignError(`${source}: line ${line}: ${f.length} fields, expected 3 (variable,level,total)`);
    const [variable, levelText, totalText] = f as [string, string, string];
    if (variable === '') throw new DesignError(`${source}: line ${line}: empty variable name`);
    const total = totalText.trim() === '' ? NaN : Number(totalText);
    if (!Number.isFinite(total)) throw new DesignError(`${source}: line ${line}: total "${totalText}" of variable "${variable}" is not a number`);
    const level = levelText === '' ? null : levelText;
    if (variable === INTERCEPT && level !== null) throw new DesignError(`${source}: line ${line}: the ${INTERCEPT} total takes no level, found "${level}"`);
    const parts = variable.split('+');
    if (parts.some((x) => x.trim() === '')) throw new DesignError(`${source}: line ${line}: variable "${variable}" has an empty part`);
    if (level !== null && parts.length > 1 && level.split('+').length !== parts.length) {
      throw new DesignError(
        `${source}: line ${line}: level "${level}" of crossed variable "${variable}" has ${level.split('+').length} part(s), expected ${parts.length} joined by "+"`,
      );
    }
    if (level === null && parts.length > 1) throw new DesignError(`${source}: line ${line}: crossed variable "${variable}" needs a level (e.g. ${parts.map(() => 'x').join('+')})`);
    if (level !== null && level !== level.trim()) throw new DesignError(`${source}: line ${line}: level "${level}" of "${variable}" has leading or trailing spaces`);
    const kind = kinds.get(variable);
    if (kind && kind.numeric !== (level === null)) {
      throw new DesignError(
        `${source}: line ${line}: variable "${variable}" has ${level === null ? 'a numeric total (empty level)' : `level "${level}"`} here but ${kind.numeric ? 'a numeric total' : 'levels'} at line ${kind.line}`,
      );
    }
    if (!kind) kinds.set(variable, { numeric: level === null, line });
    const key = `${variable}\u0000${level ?? ''}`;
    if (seen.has(key)) {
      throw new DesignError(`${source}: line ${line}: variable "${variable}"${level === null ? '' : ` level "${level}"`} is given twice (also line ${seen.get(key)})`);
    }
    seen.set(key, line);
    entries.push({ variable, level, total, line });
  }
  if (entries.length === 0) throw new DesignError(`${source}: the margin file has a header but no totals`);
  return { source, entries };
}

/** A column of a model matrix built by `modelMatrix`: its R-style name, the variable and the level (null for intercept or numeric). */
export interface ModelColumn {
  readonly name: string;
  readonly variable: string;
  readonly level: string | null;
}

/** Result of `modelMatrix`: X (n x p row-major), the population totals of its columns and their names. */
export interface ModelMatrix {
  readonly X: Float64Array;
  readonly n: number;
  readonly p: number;
  readonly totals: Float64Array;
  readonly names: readonly string[];
  readonly columns: readonly ModelColumn[];
}

interface FactorColumn {
  /** Row labels (`+`-joined for crossed variables); null when missing. */
  readonly labelOf: (row: number) => string | null;
}

function factorColumn(data: SurveyData, variable: string, source: string, line: number): FactorColumn {
  const parts = variable.split('+');
  const cols: Vector[] = parts.map((name) => dataColumn(data, name, source, line, variable));
  if (cols.length === 1) return { labelOf: (r) => labelAt(cols[0]!, r) };
  return {
    labelOf: (r) => {
      const ls: string[] = [];
      for (const c of cols) {
        const l = labelAt(c, r);
        if (l === null) return null;
        ls.push(l);
      }
      return ls.join('+');
    },
  };
}

function dataColumn(data: SurveyData, name: string, source: string, line: number, variable: string): Vector {
  try {
    return data.column(name);
  } catch (e) {
    const detail = (e as Error).message;
    throw new DesignError(`${source}: line ${line}: variable "${name}"${variable !== name ? ` (of "${variable}")` : ''} is not a column of the data (${detail})`);
  }
}

function rowLabels(data: SurveyData, variable: string, source: string, line: number): { labels: (string | null)[]; missing: number[] } {
  const f = factorColumn(data, variable, source, line);
  const labels: (string | null)[] = new Array(data.nrows);
  const missing: number[] = [];
  for (let i = 0; i < data.nrows; i++) {
    labels[i] = f.labelOf(i);
    if (labels[i] === null) missing.push(i);
  }
  return { labels, missing };
}

/**
 * The model matrix of `~ v1 + v2 + ...` for calibration to margins, in R's treatment coding (`model.matrix`), with the
 * totals aligned to its columns. Rules: a numeric variable (margin with an empty level) is one column; each level of a
 * categorical (or `+`-crossed) variable that has a total is an indicator column. The intercept is in the model when the
 * margins give `(Intercept)` or when some categorical variable has totals for all its levels in the data (a full dummy
 * set): its total is then the `(Intercept)` total or that variable's sum, every full set must sum to it (else an error),
 * and each full set drops its reference level (the first in level order, as R), whose total is implied. Thus
 * `stype E,H,M + api99` and R's `(Intercept), stypeH, stypeM, api99` give the same X. Margins of variables not listed
 * are ignored; a listed variable without totals, a variable not in the data, a level without rows, or a missing value
 * in a used variable is an error naming the margin file, line, variable and level.
 */
export function modelMatrix(data: SurveyData, variables: readonly string[], margins: Margins): ModelMatrix {
  const { source } = margins;
  const n = data.nrows;
  const byVar = new Map<string, MarginEntry[]>();
  for (const e of margins.entries) {
    const list = byVar.get(e.variable) ?? [];
    list.push(e);
    byVar.set(e.variable, list);
  }
  const seenVars = new Set<string>();
  for (const v of variables) {
    if (seenVars.has(v)) throw new DesignError(`calibration variable "${v}" is listed twice`);
    seenVars.add(v);
    if (v === INTERCEPT) throw new DesignError(`calibration variables: "${INTERCEPT}" is not a variable; give its total in the margin file ${source}`);
  }
  if (variables.length === 0 && !byVar.has(INTERCEPT)) throw new DesignError(`calibration: no variables given (margin file ${source})`);

  interface Spec {
    readonly variable: string;
    readonly numeric: boolean;
    readonly entries: MarginEntry[];
    values?: Float64Array;
    labels?: (string | null)[];
    dataLevels?: string[];
    full?: boolean;
  }
  const specs: Spec[] = [];
  for (const v of variables) {
    const entries = byVar.get(v);
    if (!entries) {
      const known = [...byVar.keys()].join(', ');
      throw new DesignError(`margin file ${source}: no totals for calibration variable "${v}" (the file gives: ${known})`);
    }
    const numeric = entries[0]!.level === null;
    const spec: Spec = { variable: v, numeric, entries };
    if (numeric) {
      const col = dataColumn(data, v, source, entries[0]!.line, v);
      if (col.kind !== 'number') {
        throw new DesignError(`${source}: line ${entries[0]!.line}: variable "${v}" has a numeric total (empty level) but its data column holds text such as "${col.levels[0] ?? ''}"; give a total per level`);
      }
      const bad: number[] = [];
      for (let i = 0; i < n; i++) if (!Number.isFinite(col.values[i]!)) bad.push(i);
      if (bad.length > 0) throw new DesignError(`calibration variable "${v}" (margin file ${source}) is missing at ${describeRows(bad)}`);
      spec.values = col.values;
    } else {
      const { labels, missing } = rowLabels(data, v, source, entries[0]!.line);
      if (missing.length > 0) throw new DesignError(`calibration variable "${v}" (margin file ${source}) is missing at ${describeRows(missing)}`);
      const levels = [...new Set(labels as string[])].sort(compareLevels);
      const levelSet = new Set(levels);
      for (const e of entries) {
        if (!levelSet.has(e.level!)) {
          throw new DesignError(
            `${source}: line ${e.line}: level "${e.level}" of variable "${v}" has no rows in the data (levels there: ${levels.slice(0, 20).join(', ')}${levels.length > 20 ? ', ...' : ''})`,
          );
        }
      }
      const given = new Set(entries.map((e) => e.level!));
      spec.labels = labels;
      spec.dataLevels = levels;
      spec.full = levels.every((l) => given.has(l));
    }
    specs.push(spec);
  }

  const interceptEntry = byVar.get(INTERCEPT)?.[0];
  const firstFull = specs.find((s) => s.full);
  const hasIntercept = interceptEntry !== undefined || firstFull !== undefined;
  const sumOf = (s: Spec): number => s.entries.reduce((a, e) => a + e.total, 0);
  const N = interceptEntry ? interceptEntry.total : firstFull ? sumOf(firstFull) : NaN;
  for (const s of specs) {
    if (!s.full) continue;
    const sum = sumOf(s);
    if (Math.abs(sum - N) > 1e-8 * Math.max(Math.abs(N), 1)) {
      const ref = interceptEntry ? `the ${INTERCEPT} total ${N} (line ${interceptEntry.line})` : `the totals of "${firstFull!.variable}", which sum to ${N}`;
      throw new DesignError(`margin file ${source}: the totals of "${s.variable}" sum to ${sum} but ${ref}: the margins must agree on the population size`);
    }
  }

  const columns: ModelColumn[] = [];
  const totals: number[] = [];
  const fillers: ((row: number) => number)[] = [];
  if (hasIntercept) {
    columns.push({ name: INTERCEPT, variable: INTERCEPT, level: null });
    totals.push(N);
    fillers.push(() => 1);
  }
  for (const s of specs) {
    if (s.numeric) {
      const values = s.values!;
      columns.push({ name: s.variable, variable: s.variable, level: null });
      totals.push(s.entries[0]!.total);
      fillers.push((r) => values[r]!);
      continue;
    }
    const totalOf = new Map(s.entries.map((e) => [e.level!, e.total]));
    const levels = s.dataLevels!.filter((l) => totalOf.has(l));
    const used = s.full && hasIntercept ? levels.slice(1) : levels;
    const labels = s.labels!;
    for (const level of used) {
      columns.push({ name: `${s.variable}${level}`, variable: s.variable, level });
      totals.push(totalOf.get(level)!);
      fillers.push((r) => (labels[r] === level ? 1 : 0));
    }
  }
  const p = columns.length;
  if (p === 0) throw new DesignError(`margin file ${source}: the calibration model has no columns`);
  const X = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const f = fillers[j]!;
    for (let i = 0; i < n; i++) X[i * p + j] = f(i);
  }
  return { X, n, p, totals: Float64Array.from(totals), names: columns.map((c) => c.name), columns };
}

/**
 * A post-stratification or raking margin from a margin file (R `postStratify`/`rake` population table): row codes index
 * the variable's levels in file order. A data level without a total, a total whose level has no rows, or a missing
 * value is an error naming the file, variable and level.
 */
export function marginCodes(data: SurveyData, variable: string, margins: Margins): RakingMargin & { readonly labels: readonly string[] } {
  const { source } = margins;
  const entries = margins.entries.filter((e) => e.variable === variable);
  if (entries.length === 0) throw new DesignError(`margin file ${source}: no totals for variable "${variable}"`);
  if (entries[0]!.level === null) throw new DesignError(`${source}: line ${entries[0]!.line}: variable "${variable}" has a numeric total; post-stratification and raking need a total per level`);
  const { labels, missing } = rowLabels(data, variable, source, entries[0]!.line);
  if (missing.length > 0) throw new DesignError(`post-stratification variable "${variable}" (margin file ${source}) is missing at ${describeRows(missing)}`);
  const index = new Map(entries.map((e, s) => [e.level!, s]));
  const codes = new Int32Array(labels.length);
  const count = new Int32Array(entries.length);
  const noTotal = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const s = index.get(l!);
    if (s === undefined) {
      const rows = noTotal.get(l!) ?? [];
      rows.push(i);
      noTotal.set(l!, rows);
      codes[i] = -1;
    } else {
      codes[i] = s;
      count[s]!++;
    }
  });
  for (const [level, rows] of noTotal) {
    throw new DesignError(`margin file ${source}: level "${level}" of variable "${variable}" has sample rows (${describeRows(rows)}) but no population total`);
  }
  entries.forEach((e, s) => {
    if (count[s] === 0) throw new DesignError(`${source}: line ${e.line}: level "${e.level}" of variable "${variable}" has a population total (${e.total}) but no rows in the data`);
  });
  return { codes, totals: Float64Array.from(entries, (e) => e.total), name: variable, labels: entries.map((e) => e.level!) };
}
