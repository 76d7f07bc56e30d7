import { type CalibrationOptions, type CalibrationResult, calibrationWeights } from './calibration.js';
import { DesignError, describeRows } from './errors.js';

function checkWeights(w: ArrayLike<number>, what: string): void {
  const bad: number[] = [];
  for (let i = 0; i < w.length; i++) if (!(w[i]! >= 0) || !Number.isFinite(w[i]!)) bad.push(i);
  if (bad.length > 0) {
    throw new DesignError(`${what}: weights must be finite and >= 0; ${bad.length} are not, at ${describeRows(bad)} (row ${bad[0]! + 1}: ${w[bad[0]!]})`);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Nonresponse adjustment
// ---------------------------------------------------------------------------------------------------------------------

/** One weighting class of `nonresponseAdjustment`: its rows, respondents, weight sums and the factor applied to respondents. */
export interface NonresponseClass {
  readonly code: number;
  readonly label: string;
  readonly n: number;
  readonly respondents: number;
  /** Sum of the weights of all rows of the class. */
  readonly weightSum: number;
  /** Sum of the respondents' weights. */
  readonly respondentWeightSum: number;
  /** weightSum / respondentWeightSum. */
  readonly factor: number;
}

/**
 * Weighting-class nonresponse adjustment (cf. R `sampling`/`survey` practice, Kalton & Flores-Cervantes 2003): in each
 * class c, respondents get w * sum_c w / sum_{c, resp} w and nonrespondents 0, so class weight totals are kept. A class
 * whose respondents carry no weight, or a row without a class, is an error naming it.
 */
export function nonresponseAdjustment(
  w: Float64Array,
  respondent: Uint8Array,
  classes: Int32Array,
  labels?: readonly string[],
): { weights: Float64Array; classes: NonresponseClass[] } {
  const n = w.length;
  if (respondent.length !== n || classes.length !== n) {
    throw new DesignError(`nonresponse adjustment: ${n} weights, ${respondent.length} response flags and ${classes.length} class codes: give one of each per row`);
  }
  checkWeights(w, 'nonresponse adjustment');
  const missing: number[] = [];
  let C = 0;
  for (let i = 0; i < n; i++) {
    if (!(classes[i]! >= 0)) missing.push(i);
    else C = Math.max(C, classes[i]! + 1);
  }
  if (missing.length > 0) throw new DesignError(`nonresponse adjustment: the weighting class is missing at ${describeRows(missing)}`);
  const count = new Int32Array(C);
  const resp = new Int32Array(C);
  const all = new Float64Array(C);
  const rw = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    const c = classes[i]!;
    count[c]!++;
    all[c]! += w[i]!;
    if (respondent[i]) {
      resp[c]!++;
      rw[c]! += w[i]!;
    }
  }
  const out: NonresponseClass[] = [];
  for (let c = 0; c < C; c++) {
    if (count[c] === 0) continue;
    const label = labels?.[c] ?? String(c);
    if (resp[c] === 0 || !(rw[c]! > 0)) {
      throw new DesignError(
        `nonresponse adjustment: weighting class "${label}" has ${count[c]} row(s) and ${resp[c] === 0 ? 'no respondents' : 'respondents with zero weight only'}: ` +
          'its weight cannot be carried by respondents; merge it with a neighbouring class',
      );
    }
    out.push({ code: c, label, n: count[c]!, respondents: resp[c]!, weightSum: all[c]!, respondentWeightSum: rw[c]!, factor: all[c]! / rw[c]! });
  }
  const factor = Float64Array.from({ length: C }, (_, c) => (rw[c]! > 0 ? all[c]! / rw[c]! : 0));
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = respondent[i] ? w[i]! * factor[classes[i]!]! : 0;
  return { weights, classes: out };
}

// ---------------------------------------------------------------------------------------------------------------------
// Integrated household weighting
// ---------------------------------------------------------------------------------------------------------------------

/** The person-level model matrix X (n x p row-major) averaged within households (Lemaitre & Dufour 1987; R `calibrate(aggregate.stage=)` uses `ave`). */
export function householdAverage(X: Float64Array, p: number, households: Int32Array): Float64Array {
  const n = households.length;
  if (X.length !== n * p) throw new DesignError(`household averaging: the model matrix has ${X.length} values, expected ${n} rows x ${p} columns`);
  const missing: number[] = [];
  let H = 0;
  for (let i = 0; i < n; i++) {
    if (!(households[i]! >= 0)) missing.push(i);
    else H = Math.max(H, households[i]! + 1);
  }
  if (missing.length > 0) throw new DesignError(`household averaging: the household id is missing at ${describeRows(missing)}`);
  const sum = new Float64Array(H * p);
  const size = new Int32Array(H);
  for (let i = 0; i < n; i++) {
    const h = households[i]!;
    size[h]!++;
    for (let j = 0; j < p; j++) sum[h * p + j]! += X[i * p + j]!;
  }
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const h = households[i]!;
    for (let j = 0; j < p; j++) out[i * p + j] = sum[h * p + j]! / size[h]!;
  }
  return out;
}

/**
 * Integrated household weighting (Lemaitre & Dufour 1987): calibrates to person-level totals on the household means of
 * the person-level variables, so every member of a household gets the same calibrated weight (R `calibrate(...,
 * aggregate.stage=)` with the household as the stage). Design weights must be equal within a household (error naming it).
 */
export function householdWeights(options: CalibrationOptions & { readonly households: Int32Array; readonly householdLabels?: readonly string[] }): CalibrationResult {
  const { households, w } = options;
  if (households.length !== w.length) throw new DesignError(`household weighting: ${households.length} household ids for ${w.length} weights`);
  const Xbar = householdAverage(options.X, options.p, households);
  const first = new Map<number, number>();
  for (let i = 0; i < w.length; i++) {
    const h = households[i]!;
    const r = first.get(h);
    if (r === undefined) first.set(h, i);
    else if (Math.abs(w[i]! - w[r]!) > 1e-9 * Math.max(Math.abs(w[r]!), 1e-300)) {
      throw new DesignError(
        `household weighting: household "${options.householdLabels?.[h] ?? String(h)}" has weight ${w[r]} at row ${r + 1} and ${w[i]} at row ${i + 1}: ` +
          'integrated weighting needs one design weight per household',
      );
    }
  }
  return calibrationWeights({ ...options, X: Xbar });
}

// ---------------------------------------------------------------------------------------------------------------------
// Diagnostics and trimming
// ---------------------------------------------------------------------------------------------------------------------

/** Summary of a set of weights (spec survey.md section 4). */
export interface WeightDiagnostics {
  readonly n: number;
  readonly zeros: number;
  readonly sum: number;
  readonly mean: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  /** Coefficient of variation with divisor n: sqrt(sum (w - mean)^2 / n) / mean. */
  readonly cv: number;
  /** Kish effective sample size (sum w)^2 / sum w^2. */
  readonly nEff: number;
  /** Kish weighting design effect n sum w^2 / (sum w)^2 = 1 + cv^2. */
  readonly deffW: number;
}

function quantile7(sorted: Float64Array, prob: number): number {
  const index = (sorted.length - 1) * prob;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const h = index - lo;
  const qs = sorted[lo]!;
  return h > 0 && sorted[hi] !== qs ? (1 - h) * qs + h * sorted[hi]! : qs;
}

/** Weight diagnostics: R `summary(weights(design))` (type-7 quartiles), CV, Kish n_eff = (sum w)^2/sum w^2 and deff_w = n sum w^2/(sum w)^2, over all n rows given. */
export function weightDiagnostics(w: ArrayLike<number>): WeightDiagnostics {
  const n = w.length;
  if (n === 0) throw new DesignError('weight diagnostics: no weights');
  checkWeights(w, 'weight diagnostics');
  const sorted = Float64Array.from(w).sort();
  let sum = 0;
  let sum2 = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    sum += w[i]!;
    sum2 += w[i]! * w[i]!;
    if (w[i] === 0) zeros++;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (w[i]! - mean) * (w[i]! - mean);
  return {
    n,
    zeros,
    sum,
    mean,
    min: sorted[0]!,
    q1: quantile7(sorted, 0.25),
    median: quantile7(sorted, 0.5),
    q3: quantile7(sorted, 0.75),
    max: sorted[n - 1]!,
    cv: Math.sqrt(ss / n) / mean,
    nEff: (sum * sum) / sum2,
    deffW: (n * sum2) / (sum * sum),
  };
}

/** Options of `trimWeights` (R `trimWeights(design, upper, lower, strict)`). */
export interface TrimOptions {
  readonly lower?: number;
  readonly upper?: number;
  readonly strict?: boolean;
}

/**
 * R `trimWeights.survey.design2`: weights are cut to [lower, upper] and the amount cut is shared equally (per unit, as R)
 * among units never trimmed; with `strict`, repeated until no weight is outside. R's warning "trimming failed" when no
 * unit can take the amount. The sum of weights is kept unless trimming failed.
 */
export function trimWeights(w: Float64Array, options: TrimOptions = {}): { weights: Float64Array; trimmed: Uint8Array; count: number; warnings: string[] } {
  const lower = options.lower ?? -Infinity;
  const upper = options.upper ?? Infinity;
  if (Number.isNaN(lower) || Number.isNaN(upper) || lower > upper) throw new DesignError(`trimming: lower bound ${lower} must not exceed upper bound ${upper}`);
  checkWeights(w, 'trimming');
  const n = w.length;
  let pw = Float64Array.from(w);
  const has = new Uint8Array(n);
  const warnings: string[] = [];
  const outsideOf = (x: Float64Array): Uint8Array => Uint8Array.from(x, (v) => (v < lower || v > upper ? 1 : 0));
  let outside = outsideOf(pw);
  while (outside.some((o) => o === 1)) {
    const next = Float64Array.from(pw, (v) => Math.max(lower, Math.min(v, upper)));
    let trimmings = 0;
    let canTrim = 0;
    for (let i = 0; i < n; i++) {
      trimmings += pw[i]! - next[i]!;
      if (!outside[i] && !has[i]) canTrim++;
    }
    if (canTrim === 0) warnings.push('trimming failed');
    else {
      const share = trimmings / canTrim;
      for (let i = 0; i < n; i++) if (!outside[i] && !has[i]) next[i]! += share;
    }
    for (let i = 0; i < n; i++) if (outside[i]) has[i] = 1;
    pw = next;
    if (!options.strict) break;
    outside = outsideOf(pw);
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += has[i]!;
  return { weights: pw, trimmed: has, count, warnings };
}
