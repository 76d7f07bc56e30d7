import { critical } from './distributions.js';
import { proportionInterval } from './proportion-interval.js';

/** Weighted quantile rules of R survey 4.5 (`qrule_math` = hf1, `qrule_school` = hf2, `qrule_hf7`). */
export type QuantileRule = 'math' | 'school' | 'hf7';
export const QUANTILE_RULES: readonly QuantileRule[] = ['math', 'school', 'hf7'];

/** Interval types (R `svyquantile(interval.type=)`): Woodruff on a proportion CI, `score` (Francisco-Fuller), or `quantile` (replicate designs: SE from the replicate quantiles). */
export type QuantileIntervalType = 'mean' | 'beta' | 'xlogit' | 'asin' | 'score' | 'quantile';
export const QUANTILE_INTERVAL_TYPES: readonly QuantileIntervalType[] = ['mean', 'beta', 'xlogit', 'asin', 'score', 'quantile'];

/** Values sorted ascending (stable, as R `order`) with their compensated cumulative weights; zero weights dropped. */
export interface SortedSample {
  readonly x: Float64Array;
  readonly w: Float64Array;
  readonly cumw: Float64Array;
  readonly total: number;
}

/** Sorts a weighted sample once for all quantiles of it; cumulative sums are compensated (close to R's long-double cumsum). */
export function sortSample(x: ArrayLike<number>, w: ArrayLike<number>): SortedSample {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (w[i] !== 0) idx.push(i);
  idx.sort((a, b) => x[a]! - x[b]! || a - b);
  const xs = new Float64Array(idx.length);
  const ws = new Float64Array(idx.length);
  const cumw = new Float64Array(idx.length);
  let sum = 0;
  let comp = 0;
  idx.forEach((i, j) => {
    xs[j] = x[i]!;
    ws[j] = w[i]!;
    const y = w[i]! - comp;
    const t = sum + y;
    comp = t - sum - y;
    sum = t;
    cumw[j] = sum;
  });
  return { x: xs, w: ws, cumw, total: sum };
}

/** The weighted quantile of rule `rule` at probability p (R survey `qrule_*`). */
export function weightedQuantile(s: SortedSample, p: number, rule: QuantileRule): number {
  const n = s.x.length;
  if (n === 0) return NaN;
  if (rule === 'hf7') {
    if (n === 1) return s.x[0]!;
    // R qrule_hf7: pk = c(0, cumw[-n]) / cumw[n-1], then linear interpolation (approx, rule = 2).
    const denom = s.cumw[n - 2]!;
    const pk = new Float64Array(n);
    for (let i = 1; i < n; i++) pk[i] = s.cumw[i - 1]! / denom;
    return approx(pk, s.x, p);
  }
  // R qs(): pos = last index with cumw <= p * W (1 if none), then math/school rules.
  const target = p * s.total;
  let lo = 0;
  let hi = n; // first index with cumw > target
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.cumw[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  const pos = Math.max(lo - 1, 0);
  const next = pos === n - 1 ? pos : pos + 1;
  const wlow = p - s.cumw[pos]! / s.total;
  if (wlow <= 0) return rule === 'math' ? s.x[pos]! : (s.x[pos]! + s.x[next]!) / 2;
  return s.x[next]!;
}

/** Linear interpolation as R `approx(x, y, v, rule = 2)` on increasing x. */
function approx(x: Float64Array, y: Float64Array, v: number): number {
  const n = x.length;
  if (v <= x[0]!) return y[0]!;
  if (v >= x[n - 1]!) return y[n - 1]!;
  let i = 0;
  let j = n - 1;
  while (i < j - 1) {
    const ij = (i + j) >>> 1;
    if (v < x[ij]!) j = ij;
    else i = ij;
  }
  if (v === x[j]) return y[j]!;
  if (v === x[i]) return y[i]!;
  return y[i]! + (y[j]! - y[i]!) * ((v - x[i]!) / (x[j]! - x[i]!));
}

/** A proportion below a threshold, estimated on the domain with its design variance: the Woodruff building block. */
export interface IndicatorMean {
  (threshold: number): { p: number; variance: number };
}

export interface QuantileInterval {
  readonly low: number;
  readonly high: number;
  readonly se: number;
}

/** What the quantile intervals need besides the sample. */
export interface QuantileIntervalInput {
  readonly sample: SortedSample;
  readonly estimate: number;
  readonly p: number;
  readonly rule: QuantileRule;
  readonly type: Exclude<QuantileIntervalType, 'quantile'>;
  readonly level: number;
  readonly df: number;
  readonly nRows: number;
  readonly designDf: number;
  /** Design-based mean of 1{x <= t} over the domain. */
  readonly below: IndicatorMean;
  /** Unweighted values of the domain, for the score interval's mapping back (as R `ffullerCI`). */
  readonly values: ArrayLike<number>;
}

/** Woodruff (1952) interval for a quantile as R survey 4.5 `woodruffCI`, or the Francisco-Fuller score interval (`ffullerCI`). */
export function quantileInterval(q: QuantileIntervalInput): QuantileInterval {
  const t = critical(q.level, q.df);
  let low: number;
  let high: number;
  if (q.type === 'score') [low, high] = scoreInterval(q, t);
  else {
    const { p, variance } = q.below(q.estimate);
    const [pl, pu] = proportionInterval(q.type, { p, variance, df: q.df, nRows: q.nRows, designDf: q.designDf, level: q.level });
    low = Number.isNaN(pl) || pl < 0 ? NaN : weightedQuantile(q.sample, pl, q.rule);
    high = Number.isNaN(pu) || pu > 1 ? NaN : weightedQuantile(q.sample, pu, q.rule);
  }
  return { low, high, se: (high - low) / (2 * t) };
}

/** Francisco-Fuller (1991) test inversion, as R `ffullerCI`: roots of (F(theta) - p)/SE = -/+ t by Brent's method. */
function scoreInterval(q: QuantileIntervalInput, t: number): [number, number] {
  const n = q.values.length;
  const sorted = Float64Array.from(q.values).sort();
  const iqr = r7(sorted, 0.75) - r7(sorted, 0.25);
  const lowerT = sorted[0]! + iqr / 100;
  const upperT = sorted[n - 1]! - iqr / 100;
  const tol = 1 / (100 * Math.sqrt(q.nRows));
  const score = (theta: number, limit: number): number => {
    const { p, variance } = q.below(theta);
    return (1 - p - (1 - q.p)) / Math.sqrt(variance) - limit;
  };
  const qlow = zeroin((th) => score(th, t), lowerT, upperT, tol);
  const qup = zeroin((th) => score(th, -t), lowerT, upperT, tol);
  const unweightedBelow = (v: number): number => {
    let c = 0;
    for (let i = 0; i < n; i++) if (q.values[i]! <= v) c++;
    return c / n;
  };
  return [weightedQuantile(q.sample, unweightedBelow(qlow), q.rule), weightedQuantile(q.sample, unweightedBelow(qup), q.rule)];
}

/** Type-7 quantile of sorted values (R `quantile`, used by `IQR`). */
function r7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!));
}

/** Brent's root finder (R `uniroot`/zeroin) on [a, b]; NaN when the ends do not bracket a root. */
function zeroin(f: (x: number) => number, ax: number, bx: number, tol: number, maxit = 1000): number {
  let a = ax;
  let b = bx;
  let fa = f(a);
  let fb = f(b);
  if (!(fa * fb <= 0)) return NaN;
  let c = a;
  let fc = fa;
  const EPS = Number.EPSILON;
  for (let it = 0; it < maxit; it++) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const tolAct = 2 * EPS * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let qq: number;
      const cb = c - b;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        qq = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        qq = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) qq = -qq;
      else p = -p;
      if (p < 0.75 * cb * qq - Math.abs(tolAct * qq) / 2 && p < Math.abs((prevStep * qq) / 2)) newStep = p / qq;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
