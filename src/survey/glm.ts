import ptStd from '@stdlib/stats-base-dists-t-cdf';
import { type SurveyData, type Vector, compareLevels, labelAt } from './data.js';
import type { SurveyDesign } from './design.js';
import { critical } from './distributions.js';
import { type Condition, buildDomains } from './domains.js';
import { DesignError, describeRows } from './errors.js';
import type { Exclusion } from './estimate.js';
import { applyReflector, dot } from './linear-algebra.js';
import { designDf, scoreCovariance } from './linearization.js';
import { type ReplicateDesign, replicateCovariance, replicateDf } from './replicate-design.js';

/** Error distribution and link of the model: identity-link least squares, or logit-link quasi-binomial (R `quasibinomial()`). */
export type GlmFamily = 'gaussian' | 'quasibinomial';

/** A generalised linear model fitted to a survey sample, as R `svyglm(response ~ predictors, design, subset, family)`. */
export interface GlmSpec {
  /** Response column: numeric, or categorical with `responseLevel` (the 0/1 indicator of that level). */
  readonly response: string;
  /**
   * The response is the indicator of this value of the response column (R `I(col == 'value')`). Without it a
   * categorical response is allowed under `quasibinomial` only, as R's binomial factor response: 0 at the first level
   * (R order), 1 at any other.
   */
  readonly responseLevel?: string;
  /** Predictor columns, in order; an intercept is always included. */
  readonly predictors: readonly string[];
  readonly family: GlmFamily;
  /** Domain of the fit (ANDed): rows outside get no weight, the design is kept (R `subset=`). */
  readonly where?: readonly Condition[];
  /** Numeric code columns among the predictors to treat as categorical (treatment dummies, first level the reference). */
  readonly categorical?: readonly string[];
  /** Confidence level of the intervals, default 0.95. */
  readonly level?: number;
  /** Leave out rows with a missing model variable (counted in `exclusions`), instead of failing. */
  readonly naRm?: boolean;
  /** IRLS stops when the relative change of the deviance, |dev - dev_old| / (|dev| + 0.1), is below this (R `glm.control`: 1e-8). */
  readonly epsilon?: number;
  /** Most IRLS iterations (R `glm.control`: 25). */
  readonly maxit?: number;
}

/** One coefficient of the fit, as a row of R's `summary(svyglm)` with `confint()`. */
export interface GlmCoefficient {
  /** R's name of the term: `(Intercept)`, the column name, or column and level for a dummy (`stypeH`). */
  readonly term: string;
  readonly estimate: number;
  readonly se: number;
  /** estimate / se. */
  readonly t: number;
  /** Two-sided p-value of t on `df` degrees of freedom (NaN when df <= 0, as R). */
  readonly p_value: number;
  /** t interval on `df` (R `confint.svyglm`, Wald). */
  readonly ci_low: number;
  readonly ci_high: number;
  /** Residual degrees of freedom: design df - p + 1. */
  readonly df: number;
}

export interface GlmResult {
  readonly family: GlmFamily;
  readonly response: string;
  readonly coefficients: GlmCoefficient[];
  /** Design-based covariance of the coefficients, p x p row-major, terms in `coefficients` order. */
  readonly covariance: Float64Array;
  /** Residual df (R `df.residual`): design df - p + 1. */
  readonly df: number;
  /** Design df of the fit's rows (R `degf`). */
  readonly designDf: number;
  /** Rows in the fit with non-zero weight, and the sum of their weights. */
  readonly n: number;
  readonly N: number;
  /** Dispersion as R's `summary.svyglm`: the design-weighted variance (svyvar) of the Pearson residuals. */
  readonly dispersion: number;
  /** Deviance of the full-sample fit on the weights rescaled to mean 1 (R `deviance(svyglm)`). */
  readonly deviance: number;
  /** IRLS iterations of the full-sample fit (R `iter`). */
  readonly iterations: number;
  readonly warnings: string[];
  readonly exclusions: Exclusion[];
}

const INTERCEPT = '(Intercept)';
const DEFAULT_EPSILON = 1e-8;
const DEFAULT_MAXIT = 25;
/** R's logit link clamps eta to +-30 (`THRESH`, `MTHRESH` in family.c). */
const LOGIT_THRESH = 30;
const DBL_EPSILON = 2.220446049250313e-16;

/**
 * Fits a design-weighted GLM and its design-based covariance (R survey 4.5 `svyglm`).
 *
 * The coefficients solve the weighted quasi-score equations, by IRLS on the weights rescaled to mean 1 (R
 * `rescale = TRUE`), following R's `glm.fit` step by step (start values, deviance convergence test), so that the
 * iterate R stops at is reproduced. Taylor designs: the covariance is A^-1 V(sum of scores) A^-1 (R `svy.varcoef`), with
 * A = X'WX at the working weights of the fit and V the linearisation covariance of the score totals over the rows of
 * the fit. Replicate designs: the fit is repeated with each replicate's weights, starting from the full-sample
 * coefficients (R `svyglm.svyrep.design`), and the replicate variance is taken of the coefficients.
 */
export function svyglm(design: SurveyDesign | ReplicateDesign, spec: GlmSpec): GlmResult {
  const level = spec.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new DesignError(`confidence level ${level} must be between 0 and 1`);
  if (spec.family !== 'gaussian' && spec.family !== 'quasibinomial') {
    throw new DesignError(`family "${String(spec.family)}" is not one of gaussian, quasibinomial`);
  }
  const epsilon = spec.epsilon ?? DEFAULT_EPSILON;
  const maxit = spec.maxit ?? DEFAULT_MAXIT;
  if (!(epsilon > 0)) throw new DesignError(`IRLS tolerance ${epsilon} must be positive`);
  if (!(Number.isInteger(maxit) && maxit >= 1)) throw new DesignError(`IRLS iteration limit ${maxit} must be a positive integer`);

  const data = design.data;
  const model = modelFrame(data, spec);
  const warnings = new Set<string>();
  const exclusions: Exclusion[] = [];
  if (model.missing.length > 0) {
    exclusions.push({ reason: 'missing model variable', variable: [spec.response, ...spec.predictors].join('/'), count: model.missing.length });
  }
  const { rows, X, y, terms } = model;
  const m = rows.length;
  const p = terms.length;

  // Weights of the fit's rows, rescaled by their mean over the rows R's model frame holds: the domain with the rows of
  // missing values (all rows for a calibrated design, whose subsets keep every row at weight zero).
  const calibrated = design.kind === 'taylor' && design.calibration !== undefined && design.calibration.length > 0;
  const frameRows = calibrated ? design.n : model.domain.length;
  let frameSum = 0;
  for (let j = 0; j < model.domain.length; j++) frameSum += design.weights[model.domain[j]!]!;
  const frameMean = frameSum / frameRows;
  const w = new Float64Array(m);
  const pw = new Float64Array(m);
  let n = 0;
  let N = 0;
  for (let j = 0; j < m; j++) {
    w[j] = design.weights[rows[j]!]!;
    pw[j] = w[j]! / frameMean;
    if (w[j] !== 0) n++;
    N += w[j]!;
  }
  if (n === 0) throw new DesignError('no row of the fit has a non-zero weight');

  const fam = FAMILIES[spec.family];
  const fit = irls(X, y, pw, fam, undefined, epsilon, maxit);
  if (fit.singular >= 0) throw singularError(terms, fit.singular);
  if (!fit.converged) {
    throw new DesignError(
      `the IRLS fit did not converge in ${maxit} iterations (relative deviance change above ${epsilon}): ` +
        `check for separation or rescale the predictors`,
    );
  }
  const beta = fit.beta;

  let covariance: Float64Array;
  let designDegrees: number;
  if (design.kind === 'taylor') {
    // Scores of the rows, x_i r_i w_i (working residual, working weight), times A^-1: the influence of each row.
    const z = new Float64Array(m * p);
    for (let j = 0; j < m; j++) {
      const s = fit.workingResid[j]! * fit.workingWeight[j]!;
      if (s === 0) continue;
      for (let b = 0; b < p; b++) {
        let v = 0;
        for (let a = 0; a < p; a++) v += X[a]![j]! * s * fit.Ainv[a * p + b]!;
        z[j * p + b] = v;
      }
    }
    covariance = scoreCovariance(design, rows, z, p, warnings);
    designDegrees = designDf(design, rows);
  } else {
    const R = design.replicates.length;
    const reps = new Float64Array(R * p);
    const wr = new Float64Array(m);
    for (let r = 0; r < R; r++) {
      const rw = design.replicates[r]!;
      let sum = 0;
      for (let j = 0; j < m; j++) sum += (wr[j] = rw[rows[j]!]!);
      if (!wr.some((x) => x !== 0)) {
        reps.fill(NaN, r * p, (r + 1) * p);
        continue;
      }
      for (let j = 0; j < m; j++) wr[j]! /= sum;
      const rf = irls(X, y, wr, fam, beta, epsilon, maxit);
      if (rf.singular >= 0) {
        warnings.add(`replicate ${r + 1}: the design matrix is singular (term "${terms[rf.singular]}"): replicate left out`);
        reps.fill(NaN, r * p, (r + 1) * p);
        continue;
      }
      // As R, a replicate fit that stops short of convergence is kept (with a warning); one without estimates is dropped.
      if (!rf.converged && rf.beta.every(Number.isFinite)) warnings.add(`replicate ${r + 1}: the IRLS fit did not converge in ${maxit} iterations`);
      reps.set(rf.beta, r * p);
    }
    const rv = replicateCovariance(design, Array.from(beta), reps);
    if (rv.dropped > 0) warnings.add(`${rv.dropped} replicate(s) gave no estimate and were left out of the variance`);
    covariance = rv.covariance;
    designDegrees = replicateDf(design, model.domain);
  }

  const df = designDegrees + 1 - p;
  const q = critical(level, df);
  const coefficients: GlmCoefficient[] = terms.map((term, a) => {
    const estimate = beta[a]!;
    const se = Math.sqrt(covariance[a * p + a]!);
    const t = estimate / se;
    return { term, estimate, se, t, p_value: df > 0 ? 2 * ptStd(-Math.abs(t), df) : NaN, ci_low: estimate - q * se, ci_high: estimate + q * se, df };
  });

  // Pearson residuals as R's residuals.svyglm: sqrt(prior weight / sampling weight rescaled over the fit's rows) times
  // (y - mu) / sqrt(V(mu)); the ratio differs from 1 only when rows with missing values were left out.
  let fitSum = 0;
  for (let j = 0; j < m; j++) fitSum += w[j]!;
  const ratio = calibrated ? fitSum / frameSum : fitSum / m / frameMean;
  const dispersion = pearsonVariance(fit, y, w, fam, ratio, n);

  return {
    family: spec.family,
    response: spec.responseLevel === undefined ? spec.response : `${spec.response}==${spec.responseLevel}`,
    coefficients,
    covariance,
    df,
    designDf: designDegrees,
    n,
    N,
    dispersion,
    deviance: fit.deviance,
    iterations: fit.iterations,
    warnings: [...warnings],
    exclusions,
  };
}

function pearsonVariance(fit: IrlsFit, y: Float64Array, w: Float64Array, fam: Family, ratio: number, n: number): number {
  if (n < 2) return NaN;
  let sw = 0;
  let swe = 0;
  const e = new Float64Array(y.length);
  for (let j = 0; j < y.length; j++) {
    if (w[j] === 0) continue;
    const mu = fit.mu[j]!;
    e[j] = ((y[j]! - mu) * Math.sqrt(ratio)) / Math.sqrt(fam.variance(mu));
    sw += w[j]!;
    swe += w[j]! * e[j]!;
  }
  const mean = swe / sw;
  let ss = 0;
  for (let j = 0; j < y.length; j++) {
    if (w[j] === 0) continue;
    const d = e[j]! - mean;
    ss += w[j]! * ((d * d * n) / (n - 1));
  }
  return ss / sw;
}

function singularError(terms: readonly string[], k: number): DesignError {
  return new DesignError(
    `the design matrix is singular: term "${terms[k]}" is a linear combination of the terms before it ` +
      `(${terms.slice(0, k).join(', ')}) on the rows of the fit: drop it or one of those`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Model frame: rows, response, design matrix.

interface ModelFrame {
  /** Rows of the domain (the `where` subset), ascending, with the rows of missing values. */
  readonly domain: Int32Array;
  /** Rows of the fit: the domain without rows of missing values, ascending. */
  readonly rows: Int32Array;
  /** Rows of the domain left out for a missing value. */
  readonly missing: readonly number[];
  readonly terms: readonly string[];
  /** Design matrix by column: X[a][j] for rows[j]. */
  readonly X: readonly Float64Array[];
  readonly y: Float64Array;
}

function requireColumn(data: SurveyData, name: string, role: string): Vector {
  try {
    return data.column(name);
  } catch (e) {
    throw new DesignError(`${role} column "${name}": ${(e as Error).message}`);
  }
}

function isMissing(v: Vector, i: number): boolean {
  return v.kind === 'number' ? Number.isNaN(v.values[i]!) : v.codes[i]! < 0;
}

function modelFrame(data: SurveyData, spec: GlmSpec): ModelFrame {
  const response = requireColumn(data, spec.response, 'response');
  const seen = new Set<string>([spec.response]);
  const predictors = spec.predictors.map((name) => {
    if (seen.has(name)) {
      throw new DesignError(name === spec.response ? `"${name}" is both the response and a predictor` : `predictor "${name}" is listed twice`);
    }
    seen.add(name);
    return requireColumn(data, name, 'predictor');
  });
  const categorical = new Set(spec.categorical ?? []);
  for (const name of categorical) {
    if (!spec.predictors.includes(name)) throw new DesignError(`categorical column "${name}" is not among the predictors (${spec.predictors.join(', ')})`);
  }
  for (const c of spec.where ?? []) requireColumn(data, c.column, 'where');
  const domain = buildDomains(data, [], spec.where ?? []).subset;
  if (domain.length === 0) throw new DesignError('no row meets the where conditions');

  const vectors = [response, ...predictors];
  const missing: number[] = [];
  const missingBy = new Map<string, number[]>();
  const names = [spec.response, ...spec.predictors];
  for (let j = 0; j < domain.length; j++) {
    const r = domain[j]!;
    let any = false;
    vectors.forEach((v, k) => {
      if (!isMissing(v, r)) return;
      any = true;
      let list = missingBy.get(names[k]!);
      if (!list) missingBy.set(names[k]!, (list = []));
      list.push(r);
    });
    if (any) missing.push(r);
  }
  if (missing.length > 0 && !spec.naRm) {
    const detail = [...missingBy].map(([name, rs]) => `"${name}" at ${describeRows(rs)}`).join('; ');
    throw new DesignError(`missing values in the model variables: ${detail}: use naRm (--na-rm) to leave those rows out (they are counted)`);
  }
  const rows = missing.length > 0 ? domain.filter((r) => !vectors.some((v) => isMissing(v, r))) : domain;
  if (rows.length === 0) throw new DesignError('no row of the domain has all the model variables');
  const m = rows.length;

  const y = responseValues(response, spec, rows);
  const terms: string[] = [INTERCEPT];
  const X: Float64Array[] = [new Float64Array(m).fill(1)];
  predictors.forEach((v, k) => {
    const name = spec.predictors[k]!;
    if (v.kind === 'number' && !categorical.has(name)) {
      const x = new Float64Array(m);
      for (let j = 0; j < m; j++) x[j] = v.values[rows[j]!]!;
      terms.push(name);
      X.push(x);
      return;
    }
    // Treatment dummies of the levels present on the fit's rows (R drops unused levels), the first the reference.
    const label = new Array<string>(m);
    for (let j = 0; j < m; j++) label[j] = labelAt(v, rows[j]!)!;
    const levels = [...new Set(label)].sort(compareLevels);
    if (levels.length < 2) {
      throw new DesignError(`categorical predictor "${name}" has a single level ("${levels[0]}") on the rows of the fit: drop it`);
    }
    for (const lv of levels.slice(1)) {
      const x = new Float64Array(m);
      for (let j = 0; j < m; j++) x[j] = label[j] === lv ? 1 : 0;
      terms.push(`${name}${lv}`);
      X.push(x);
    }
  });
  return { domain, rows, missing, terms, X, y };
}

function responseValues(v: Vector, spec: GlmSpec, rows: Int32Array): Float64Array {
  const m = rows.length;
  const y = new Float64Array(m);
  const name = spec.response;
  if (spec.responseLevel !== undefined) {
    const target = spec.responseLevel;
    const x = target.trim() === '' ? NaN : Number(target);
    let found = false;
    for (let j = 0; j < m; j++) {
      const r = rows[j]!;
      const hit = v.kind === 'number' && Number.isFinite(x) ? v.values[r] === x : labelAt(v, r) === target;
      y[j] = hit ? 1 : 0;
      if (hit) found = true;
    }
    if (!found) {
      const shown = v.kind === 'category' ? `; its levels are ${[...v.levels].sort(compareLevels).join(', ')}` : '';
      throw new DesignError(`response column "${name}" has no value "${target}" on the rows of the fit${shown}`);
    }
    return y;
  }
  if (v.kind === 'category') {
    if (spec.family !== 'quasibinomial') {
      throw new DesignError(`response column "${name}" is categorical: give responseLevel for its 0/1 indicator, or use a numeric response`);
    }
    // As R's binomial family on a factor: the first level (R order) is 0, every other level 1.
    const present = new Set<string>();
    for (let j = 0; j < m; j++) present.add(v.levels[v.codes[rows[j]!]!]!);
    const first = [...present].sort(compareLevels)[0]!;
    for (let j = 0; j < m; j++) y[j] = v.levels[v.codes[rows[j]!]!] === first ? 0 : 1;
    return y;
  }
  const bad: number[] = [];
  for (let j = 0; j < m; j++) {
    y[j] = v.values[rows[j]!]!;
    if (spec.family === 'quasibinomial' && !(y[j]! >= 0 && y[j]! <= 1)) bad.push(rows[j]!);
  }
  if (bad.length > 0) {
    const r = bad[0]!;
    throw new DesignError(
      `quasibinomial response "${name}" must lie in [0, 1]: ${bad.length} value(s) outside at ${describeRows(bad)} (row ${r + 1}: ${v.values[r]})`,
    );
  }
  return y;
}

// ---------------------------------------------------------------------------------------------------------------
// Families and IRLS (R glm.fit).

interface Family {
  linkinv(eta: number): number;
  muEta(eta: number): number;
  variance(mu: number): number;
  /** Deviance of the rows (R `sum(family$dev.resids(y, mu, wt))`). */
  deviance(y: Float64Array, mu: Float64Array, wt: Float64Array): number;
  /** Initial eta from y and prior weights (R `family$initialize`, then `linkfun(mustart)`). */
  startEta(y: number, wt: number): number;
}

const yLogY = (y: number, mu: number): number => (y !== 0 ? y * Math.log(y / mu) : 0);

const FAMILIES: Record<GlmFamily, Family> = {
  gaussian: {
    linkinv: (eta) => eta,
    muEta: () => 1,
    variance: () => 1,
    deviance(y, mu, wt) {
      let d = 0;
      for (let j = 0; j < y.length; j++) d += wt[j]! * (y[j]! - mu[j]!) * (y[j]! - mu[j]!);
      return d;
    },
    startEta: (y) => y,
  },
  quasibinomial: {
    linkinv(eta) {
      const e = eta < -LOGIT_THRESH ? DBL_EPSILON : eta > LOGIT_THRESH ? 1 / DBL_EPSILON : Math.exp(eta);
      return e / (1 + e);
    },
    muEta(eta) {
      const opexp = 1 + Math.exp(eta);
      return eta > LOGIT_THRESH || eta < -LOGIT_THRESH ? DBL_EPSILON : Math.exp(eta) / (opexp * opexp);
    },
    variance: (mu) => mu * (1 - mu),
    deviance(y, mu, wt) {
      let d = 0;
      for (let j = 0; j < y.length; j++) d += 2 * wt[j]! * (yLogY(y[j]!, mu[j]!) + yLogY(1 - y[j]!, 1 - mu[j]!));
      return d;
    },
    startEta(y, wt) {
      const mu = (wt * y + 0.5) / (wt + 1);
      return Math.log(mu / (1 - mu));
    },
  },
};

interface IrlsFit {
  readonly beta: Float64Array;
  readonly mu: Float64Array;
  /** Working residuals (y - mu) / mu.eta(eta) at the final eta. */
  readonly workingResid: Float64Array;
  /** Working weights of the last iteration (0 for rows left out of it). */
  readonly workingWeight: Float64Array;
  /** (X'WX)^-1 at those weights, p x p row-major (R summary.glm `cov.unscaled`). */
  readonly Ainv: Float64Array;
  readonly deviance: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Index of the first term found collinear with the terms before it, else -1. */
  readonly singular: number;
}

/**
 * R's glm.fit for prior weights wt: start from the family's initial mu (or from `start`), then weighted least squares
 * of the working response on X, until the relative deviance change is below epsilon. Each least-squares step is a
 * Householder QR of sqrt(W) X; a column whose part orthogonal to the columns before it is below min(1e-7, epsilon/1000)
 * of its norm (R's `Cdqrls` tolerance) makes the fit singular.
 */
function irls(
  X: readonly Float64Array[],
  y: Float64Array,
  wt: Float64Array,
  fam: Family,
  start: Float64Array | undefined,
  epsilon: number,
  maxit: number,
): IrlsFit {
  const m = y.length;
  const p = X.length;
  const tol = Math.min(1e-7, epsilon / 1000);
  const eta = new Float64Array(m);
  const mu = new Float64Array(m);
  const linear = (beta: Float64Array): void => {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let a = 0; a < p; a++) s += X[a]![j]! * beta[a]!;
      eta[j] = s;
      mu[j] = fam.linkinv(s);
    }
  };
  if (start) linear(start);
  else {
    for (let j = 0; j < m; j++) {
      eta[j] = fam.startEta(y[j]!, wt[j]!);
      mu[j] = fam.linkinv(eta[j]!);
    }
  }
  let devold = fam.deviance(y, mu, wt);
  let coefold: Float64Array | undefined = start ? Float64Array.from(start) : undefined;
  const beta = new Float64Array(p);
  const workingWeight = new Float64Array(m);
  let qr: WeightedQr | undefined;
  let dev = devold;
  let converged = false;
  let iterations = 0;
  const good = new Int32Array(m);
  const sw = new Float64Array(m);
  const zw = new Float64Array(m);
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    let g = 0;
    for (let j = 0; j < m; j++) {
      workingWeight[j] = 0;
      if (!(wt[j]! > 0)) continue;
      const varmu = fam.variance(mu[j]!);
      if (!(varmu > 0) || !Number.isFinite(varmu)) throw new DesignError(`the variance function is 0 or not finite at row ${j + 1} of the fit`);
      const me = fam.muEta(eta[j]!);
      if (me === 0) continue;
      const z = eta[j]! + (y[j]! - mu[j]!) / me;
      const ww = Math.sqrt((wt[j]! * me * me) / varmu);
      good[g] = j;
      sw[g] = ww;
      zw[g] = z * ww;
      workingWeight[j] = ww * ww;
      g++;
    }
    qr = weightedQr(X, good, sw, g, tol);
    if (qr.singular >= 0) {
      return { beta, mu, workingResid: new Float64Array(m), workingWeight, Ainv: new Float64Array(p * p), deviance: NaN, iterations, converged: false, singular: qr.singular };
    }
    const coef = qr.solve(zw);
    if (!coef.every(Number.isFinite)) {
      beta.fill(NaN); // R: "non-finite coefficients at iteration k", not converged
      break;
    }
    beta.set(coef);
    linear(beta);
    dev = fam.deviance(y, mu, wt);
    if (!Number.isFinite(dev)) {
      if (!coefold) throw new DesignError('the IRLS fit gave a non-finite deviance and no earlier coefficients to step back to');
      for (let half = 1; !Number.isFinite(dev); half++) {
        if (half > maxit) throw new DesignError('the IRLS fit could not step back from a non-finite deviance');
        for (let a = 0; a < p; a++) beta[a] = (beta[a]! + coefold[a]!) / 2;
        linear(beta);
        dev = fam.deviance(y, mu, wt);
      }
    }
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
    coefold = Float64Array.from(beta);
  }
  const workingResid = new Float64Array(m);
  for (let j = 0; j < m; j++) workingResid[j] = (y[j]! - mu[j]!) / fam.muEta(eta[j]!);
  return { beta, mu, workingResid, workingWeight, Ainv: qr!.inverseGram(), deviance: dev, iterations, converged, singular: -1 };
}

interface WeightedQr {
  /** First column found collinear with the ones before it, or -1. */
  readonly singular: number;
  /** Least-squares coefficients for the weighted response (already multiplied by sqrt(w)), on the rows of the QR. */
  solve(zw: Float64Array): Float64Array;
  /** (R'R)^-1 = (X'WX)^-1, p x p row-major. */
  inverseGram(): Float64Array;
}

/** Householder QR of the g x p matrix sqrt(w_j) X[a][good[j]], column by column, stopping at a collinear column. */
function weightedQr(X: readonly Float64Array[], good: Int32Array, sw: Float64Array, g: number, tol: number): WeightedQr {
  const p = X.length;
  const A: Float64Array[] = X.map((x) => {
    const col = new Float64Array(g);
    for (let j = 0; j < g; j++) col[j] = x[good[j]!]! * sw[j]!;
    return col;
  });
  const R = new Float64Array(p * p);
  const V: Float64Array[] = [];
  const vnorm2 = new Float64Array(p);
  const bad = { singular: -1, solve: () => new Float64Array(p), inverseGram: () => new Float64Array(p * p) };
  for (let k = 0; k < p; k++) {
    const a = A[k]!;
    let orig = 0;
    for (let j = 0; j < g; j++) orig += X[k]![good[j]!]! ** 2 * sw[j]! ** 2;
    orig = Math.sqrt(orig);
    const rem = Math.sqrt(dot(a, 0, a, 0, k, g));
    if (!(orig > 0) || rem <= tol * orig) return { ...bad, singular: k };
    const alpha = a[k]! > 0 ? -rem : rem;
    const v = a.slice();
    for (let j = 0; j < k; j++) v[j] = 0;
    v[k] = a[k]! - alpha;
    const vv = dot(v, 0, v, 0, k, g);
    V.push(v);
    vnorm2[k] = vv;
    for (let c = k + 1; c < p; c++) applyReflector(v, vv, k, A[c]!);
    for (let r = 0; r < k; r++) R[r * p + k] = a[r]!;
    R[k * p + k] = alpha;
  }
  return {
    singular: -1,
    solve(zw) {
      const b = zw.slice(0, g);
      for (let k = 0; k < p; k++) applyReflector(V[k]!, vnorm2[k]!, k, b);
      const beta = new Float64Array(p);
      for (let k = p - 1; k >= 0; k--) {
        let s = b[k]!;
        for (let c = k + 1; c < p; c++) s -= R[k * p + c]! * beta[c]!;
        beta[k] = s / R[k * p + k]!;
      }
      return beta;
    },
    inverseGram() {
      // R^-1 (upper triangular) by back substitution, then R^-1 R^-T.
      const Ri = new Float64Array(p * p);
      for (let c = 0; c < p; c++) {
        Ri[c * p + c] = 1 / R[c * p + c]!;
        for (let r = c - 1; r >= 0; r--) {
          let s = 0;
          for (let k = r + 1; k <= c; k++) s += R[r * p + k]! * Ri[k * p + c]!;
          Ri[r * p + c] = -s / R[r * p + r]!;
        }
      }
      const G = new Float64Array(p * p);
      for (let a = 0; a < p; a++) {
        for (let b = a; b < p; b++) {
          let s = 0;
          for (let k = b; k < p; k++) s += Ri[a * p + k]! * Ri[b * p + k]!;
          G[a * p + b] = s;
          G[b * p + a] = s;
        }
      }
      return G;
    },
  };
}

