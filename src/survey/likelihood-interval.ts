import pnormStd from '@stdlib/stats-base-dists-normal-cdf';
import { qnorm, qt } from './distributions.js';
import { DesignError } from './errors.js';

/**
 * Inputs for the profile-likelihood interval of a weighted proportion.
 *
 * The rows are those of R's model frame: rows with a missing response must already be removed
 * (when R drops them itself it rescales the weights by the mean over the design's rows including
 * them, which changes its answer slightly). Rows that R keeps with weight zero (domains of
 * calibrated or pps designs) may be passed with w = 0: they count in R's `n` and in the weight
 * rescaling, exactly as in R.
 */
export interface LikelihoodIntervalInput {
  /** Response in [0, 1] (a 0/1 indicator) for each row. */
  y: Float64Array;
  /** Sampling weights of the same rows (>= 0, at least two positive). */
  w: Float64Array;
  /** Design-based variance of the weighted proportion p̂ (the variance R's svymean reports). */
  varP: number;
  /** Denominator degrees of freedom (R's `ddf`; svyciprop passes degf(design)), or Infinity. */
  df: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

// Constants of R's logit link (src/library/stats/src/family.c).
const THRESH = 30;
const MTHRESH = -30;
const DBL_EPSILON = 2 ** -52;
const INVEPS = 1 / DBL_EPSILON;

// glm.control() defaults and MASS profile.glm's maxsteps.
const GLM_EPSILON = 1e-8;
const GLM_MAXIT = 25;
const PROFILE_MAXSTEPS = 10;

function logitLinkinv(eta: number): number {
  const t = eta < MTHRESH ? DBL_EPSILON : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

function logitMuEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < MTHRESH ? DBL_EPSILON : Math.exp(eta) / (opexp * opexp);
}

function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

/** Binomial deviance sum(dev.resids(y, mu, pw)) over rows with positive weight, mu given per row. */
function binomialDeviance(y: Float64Array, pw: Float64Array, mu: (i: number) => number): number {
  // Neumaier-compensated, standing in for R's long-double accumulation in sum().
  let s = 0;
  let comp = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = pw[i]!;
    if (wi === 0) continue;
    const yi = y[i]!;
    const mi = mu(i);
    const term = 2 * wi * (yLogY(yi, mi) + yLogY(1 - yi, 1 - mi));
    const t = s + term;
    comp += Math.abs(s) >= Math.abs(term) ? s - t + term : term - t + s;
    s = t;
  }
  return s + comp;
}

interface InterceptFit {
  /** Fitted intercept (logit scale). */
  coef: number;
  /** Fitted mean linkinv(coef). */
  mu: number;
  /** Residual deviance. */
  deviance: number;
  /** Sum of the final IRLS working weights: the inverse of summary.glm's cov.unscaled. */
  workingWeightSum: number;
}

/** Port of R's glm.fit IRLS for y ~ 1 with prior weights pw and the (quasi)binomial logit family. */
function fitIntercept(y: Float64Array, pw: Float64Array): InterceptFit {
  const n = y.length;
  // binomial()$initialize: mustart = (weights * y + 0.5)/(weights + 1); eta = linkfun(mustart)
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wi = pw[i]!;
    const yi = wi === 0 ? 0 : y[i]!;
    const m = (wi * yi + 0.5) / (wi + 1);
    eta[i] = Math.log(m / (1 - m));
    mu[i] = logitLinkinv(eta[i]!);
  }
  let devold = binomialDeviance(y, pw, (i) => mu[i]!);
  let coef = NaN;
  let muHat = NaN;
  let dev = NaN;
  let workingWeightSum = NaN;
  for (let iter = 1; iter <= GLM_MAXIT; iter++) {
    // One weighted least-squares step of z on the intercept column.
    let swz = 0;
    let sw = 0;
    for (let i = 0; i < n; i++) {
      const muEta = logitMuEta(eta[i]!);
      if (pw[i]! === 0 || muEta === 0) continue;
      const mi = mu[i]!;
      const z = eta[i]! + (y[i]! - mi) / muEta;
      const w2 = (pw[i]! * muEta * muEta) / (mi * (1 - mi));
      swz += w2 * z;
      sw += w2;
    }
    coef = swz / sw;
    workingWeightSum = sw;
    muHat = logitLinkinv(coef);
    eta.fill(coef);
    mu.fill(muHat);
    dev = binomialDeviance(y, pw, () => muHat);
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < GLM_EPSILON) break;
    devold = dev;
  }
  return { coef, mu: muHat, deviance: dev, workingWeightSum };
}

/** Sorts (x, y) pairs by x and averages y over tied x (R's regularize.values with ties = mean). */
function regularize(x: Float64Array, y: Float64Array): { x: Float64Array; y: Float64Array } {
  const order = Array.from(x.keys()).sort((a, b) => x[a]! - x[b]! || a - b);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < order.length; ) {
    const xv = x[order[k]!]!;
    let sum = 0;
    let count = 0;
    for (; k < order.length && x[order[k]!]! === xv; k++) {
      sum += y[order[k]!]!;
      count++;
    }
    xs.push(xv);
    ys.push(sum / count);
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

/** R's seq.int(from, to, length.out = n): filled from both ends. */
function seqLengthOut(from: number, to: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n > 0) out[0] = from;
  if (n > 1) out[n - 1] = to;
  const by = (to - from) / (n - 1);
  for (let i = 1; i < n - 1; i++) {
    out[i] = i < Math.floor(n / 2) ? from + i * by : to - (n - 1 - i) * by;
  }
  return out;
}

/** Cubic spline coefficients with Forsythe–Malcolm–Moler end conditions (R's spline(method = "fmm")); needs >= 3 knots. */
function fmmCoefficients(x: Float64Array, y: Float64Array): { b: Float64Array; c: Float64Array; d: Float64Array } {
  const n = x.length;
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  const last = n - 1;
  // Tridiagonal system: b = diagonal, d = off-diagonal, c = right-hand side.
  d[0] = x[1]! - x[0]!;
  c[1] = (y[1]! - y[0]!) / d[0]!;
  for (let i = 1; i < last; i++) {
    d[i] = x[i + 1]! - x[i]!;
    b[i] = 2 * (d[i - 1]! + d[i]!);
    c[i + 1] = (y[i + 1]! - y[i]!) / d[i]!;
    c[i] = c[i + 1]! - c[i]!;
  }
  // End conditions: third derivatives at the ends matched to those of the cubics through the end four points.
  b[0] = -d[0]!;
  b[last] = -d[last - 1]!;
  c[0] = 0;
  c[last] = 0;
  if (n > 3) {
    const c0 = c[2]! / (x[3]! - x[1]!) - c[1]! / (x[2]! - x[0]!);
    const cn = c[last - 1]! / (x[last]! - x[last - 2]!) - c[last - 2]! / (x[last - 1]! - x[last - 3]!);
    c[0] = (c0 * d[0]! * d[0]!) / (x[3]! - x[0]!);
    c[last] = (-cn * d[last - 1]! * d[last - 1]!) / (x[last]! - x[last - 3]!);
  }
  // Forward elimination, then back substitution.
  for (let i = 1; i < n; i++) {
    const t = d[i - 1]! / b[i - 1]!;
    b[i] = b[i]! - t * d[i - 1]!;
    c[i] = c[i]! - t * c[i - 1]!;
  }
  c[last] = c[last]! / b[last]!;
  for (let i = last - 1; i >= 0; i--) c[i] = (c[i]! - d[i]! * c[i + 1]!) / b[i]!;
  // Polynomial coefficients on each interval.
  b[last] = (y[last]! - y[last - 1]!) / d[last - 1]! + d[last - 1]! * (c[last - 1]! + 2 * c[last]!);
  for (let i = 0; i < last; i++) {
    b[i] = (y[i + 1]! - y[i]!) / d[i]! - d[i]! * (c[i + 1]! + 2 * c[i]!);
    d[i] = (c[i + 1]! - c[i]!) / d[i]!;
    c[i] = 3 * c[i]!;
  }
  c[last] = 3 * c[last]!;
  d[last] = d[last - 1]!;
  return { b, c, d };
}

/** R's spline(x, y) with its defaults: method "fmm" evaluated at n = 3 * length(x) equally spaced points over range(x). */
function rSpline(xIn: Float64Array, yIn: Float64Array): { x: Float64Array; y: Float64Array } {
  const { x, y } = regularize(xIn, yIn);
  const { b, c, d } = fmmCoefficients(x, y);
  const n = x.length;
  const xout = seqLengthOut(x[0]!, x[n - 1]!, 3 * n);
  const yout = new Float64Array(xout.length);
  let i = 0;
  for (let l = 0; l < xout.length; l++) {
    const u = xout[l]!;
    if (u < x[i]! || (i < n - 1 && x[i + 1]! < u)) {
      i = 0;
      let j = n;
      do {
        const k = Math.floor((i + j) / 2);
        if (u < x[k]!) j = k;
        else i = k;
      } while (j > i + 1);
    }
    const dx = u - x[i]!;
    yout[l] = y[i]! + dx * (b[i]! + dx * (c[i]! + dx * d[i]!));
  }
  return { x: xout, y: yout };
}

/** R's approx(x, y, xout = v)$y: linear interpolation, NaN outside range(x) (rule = 1). */
function rApprox(xIn: Float64Array, yIn: Float64Array, v: number): number {
  const { x, y } = regularize(xIn, yIn);
  let i = 0;
  let j = x.length - 1;
  if (!(v >= x[i]! && v <= x[j]!)) return NaN;
  while (i < j - 1) {
    const ij = Math.floor((i + j) / 2);
    if (v < x[ij]!) j = ij;
    else i = ij;
  }
  if (v === x[j]!) return y[j]!;
  if (v === x[i]!) return y[i]!;
  return y[i]! + (y[j]! - y[i]!) * ((v - x[i]!) / (x[j]! - x[i]!));
}

function expit(eta: number): number {
  return Math.exp(eta) / (1 + Math.exp(eta));
}

/** Matches R survey 4.5 svyciprop(method = "likelihood"): expit of confint.svyglm(method = "likelihood") for quasibinomial y ~ 1 (MASS profile.glm + spline/approx); NaN where R gives NA. */
export function likelihoodInterval(input: LikelihoodIntervalInput): [number, number] {
  const { y, w, varP, df, level } = input;
  const n = y.length;
  if (w.length !== n) throw new DesignError(`likelihood interval: ${n} responses but ${w.length} weights`);
  if (!(level > 0 && level < 1)) throw new DesignError(`likelihood interval: level must be in (0, 1), got ${level}`);
  if (!(df > 0)) throw new DesignError(`likelihood interval: zero or negative denominator df (${df})`);
  if (!(varP > 0 && Number.isFinite(varP))) {
    throw new DesignError(`likelihood interval: the variance of the proportion must be positive and finite, got ${varP}`);
  }
  let wSum = 0;
  let ySum = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    const yi = y[i]!;
    if (!(wi >= 0 && Number.isFinite(wi))) throw new DesignError(`likelihood interval: weight ${wi} in row ${i + 1} is not a finite value >= 0`);
    if (!(yi >= 0 && yi <= 1)) throw new DesignError(`likelihood interval: response ${yi} in row ${i + 1} is not in [0, 1]`);
    if (wi > 0) positive++;
    wSum += wi;
    ySum += wi * yi;
  }
  if (positive < 2) throw new DesignError('likelihood interval: needs at least two rows with positive weight');
  const pHat = ySum / wSum;
  if (!(pHat > 0 && pHat < 1)) throw new DesignError(`likelihood interval: the proportion is ${pHat}; the profile needs 0 < p < 1`);

  // svyglm(rescale = TRUE): prior weights are the sampling weights over their mean across the rows.
  const wMean = wSum / n;
  const pw = w.map((wi) => wi / wMean);
  const fit = fitIntercept(y, pw);

  // Sandwich variance of the intercept (svy.varcoef): the design variance of p̂ over mu.eta² at the fit.
  const covUnscaled = varP / logitMuEta(fit.coef) ** 2;
  const stdErr = Math.sqrt(covUnscaled);
  const naiveCov = 1 / fit.workingWeightSum;
  const lambda = covUnscaled / naiveCov;

  // summary.svyglm dispersion: svyvar of the Pearson residuals (y - mu)/sqrt(mu(1 - mu)).
  const sdMu = Math.sqrt(fit.mu * (1 - fit.mu));
  let rBar = 0;
  for (let i = 0; i < n; i++) if (w[i]! > 0) rBar += w[i]! * ((y[i]! - fit.mu) / sdMu);
  rBar /= wSum;
  let dispersion = 0;
  for (let i = 0; i < n; i++) {
    if (w[i]! === 0) continue;
    const r = (y[i]! - fit.mu) / sdMu - rBar;
    dispersion += (w[i]! * ((r * r * positive) / (positive - 1)));
  }
  dispersion /= wSum;

  // confint.svyglm(method = "likelihood"): the level rescaled by the design effect lambda.
  const a = (1 - level) / 2;
  const alpha = pnormStd(qt(a, df) * Math.sqrt(lambda), 0, 1) / 2;
  const cutoff = qnorm(2 * alpha);

  // MASS profile.glm (quasi family): signed root deviance tau on a grid of del * SE steps each side.
  const zmax = -qt(alpha / 2, n - 1); // sqrt(qf(alpha, 1, n - 1, lower.tail = FALSE))
  const del = zmax / 5;
  const tau: number[] = [0];
  const beta: number[] = [fit.coef];
  for (const sgn of [-1, 1]) {
    let z = 0;
    for (let step = 1; step < PROFILE_MAXSTEPS && Math.abs(z) < zmax; step++) {
      const bi = fit.coef + sgn * step * del * stdErr;
      const muB = logitLinkinv(bi);
      const zz = (binomialDeviance(y, pw, () => muB) - fit.deviance) / dispersion;
      z = sgn * Math.sqrt(Math.max(zz, 0));
      tau.push(z);
      beta.push(bi);
    }
  }
  const order = Array.from(tau.keys()).sort((i, j) => tau[i]! - tau[j]! || i - j);
  const sp = rSpline(
    Float64Array.from(order, (k) => beta[k]!),
    Float64Array.from(order, (k) => tau[k]!),
  );
  return [expit(rApprox(sp.y, sp.x, cutoff)), expit(rApprox(sp.y, sp.x, -cutoff))];
}
