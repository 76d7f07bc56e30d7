/**
 * Multiple systems estimation (MSE) of a population size from three or more linked lists: log-linear Poisson models
 * of the 2^k − 1 observed capture-history counts (Fienberg 1972, Biometrika 59:591; Bishop, Fienberg & Holland 1975,
 * ch. 6), as R Rcapture `closedpMS.t` / `closedpCI.t` (Rivest & Baillargeon; gold values in
 * test/admin/multiple-systems.gold.json): N̂ = n + exp(intercept), the unobserved cell predicted by the model.
 */
import { qnorm } from '../survey/distributions.js';
import { symmetricPinv } from '../survey/linear-algebra.js';
import { CaptureRecaptureError } from './capture-recapture.js';

/**
 * Capture-history counts of k lists. `counts[h]` is the number of persons with history h, a bit mask: bit i (value
 * 2^i) set when the person is on list i (`lists[i]`). `counts[0]` (on no list) is unobserved and ignored.
 */
export interface CaptureHistoryTable {
  readonly lists: readonly string[];
  readonly counts: Float64Array;
}

/** A hierarchical log-linear model: the main effects of every list, and these two-way interactions (list index pairs). */
export interface LogLinearModel {
  readonly interactions: readonly (readonly [number, number])[];
}

/** One fitted model. */
export interface MseModelFit {
  /** Rcapture's name of the model, lists numbered from 1: "[12,3]" = interaction of lists 1 and 2, list 3 independent. */
  readonly name: string;
  /** The same with the list names: "[A*B, C]". */
  readonly label: string;
  readonly interactions: readonly (readonly [number, number])[];
  /** Parameters (intercept, k main effects, the interactions). */
  readonly parameters: number;
  /** N̂ = n + exp(intercept). */
  readonly N: number;
  /** Delta-method SE (Rcapture `getN`): sqrt(exp(b0) + exp(2 b0)·Var(b0)), the Poisson variance of the unobserved count included. */
  readonly se: number;
  /** Poisson deviance on the 2^k − 1 observed cells, and its df (cells − parameters). */
  readonly deviance: number;
  readonly df: number;
  /** −2 log L + 2p with the full Poisson log-likelihood (R `glm`'s aic); BIC = AIC + (ln n − 2)·p, n the persons observed (as Rcapture). */
  readonly aic: number;
  readonly bic: number;
  /**
   * Profile-likelihood interval (Rcapture `closedpCI.t`, Cormack 1992): the multinomial profile log-likelihood of N,
   * the model refitted with N − n in the unobserved cell and Cormack's correction, cut at max − χ²₁(level)/2.
   * `ciHigh` is Infinity when the bound lies beyond `maxUpperFactor`·N̂.
   */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** N at the maximum of the multinomial profile likelihood (Rcapture's CI "abundance"), slightly below N̂. */
  readonly profileN: number;
  /** Fitted intercept and log-linear coefficients. */
  readonly coefficients: Float64Array;
  readonly warnings: readonly string[];
}

/** Options of {@link multipleSystems}. */
export interface MultipleSystemsOptions {
  /** Criterion of the chosen model (default 'bic'). */
  readonly criterion?: 'aic' | 'bic';
  /** Models to fit (default: all hierarchical models from independence to all two-way interactions; k <= 5). */
  readonly models?: readonly LogLinearModel[];
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Search for the upper profile bound up to this multiple of N̂ (Rcapture `fmaxSupCL`, default 3). */
  readonly maxUpperFactor?: number;
}

/** All models fitted and the one chosen. */
export interface MultipleSystemsResult {
  readonly lists: readonly string[];
  /** Persons observed (on at least one list). */
  readonly observed: number;
  readonly criterion: 'aic' | 'bic';
  /** Every model, in the order fitted (most interactions first, as Rcapture). */
  readonly models: readonly MseModelFit[];
  /** The model with the smallest criterion. */
  readonly chosen: MseModelFit;
}

/** Builds a table from history strings ("101" = on lists 1 and 3 of 3) and counts. */
export function historyTable(lists: readonly string[], counts: Readonly<Record<string, number>>): CaptureHistoryTable {
  const k = lists.length;
  const out = new Float64Array(1 << k);
  for (const [h, c] of Object.entries(counts)) {
    if (h.length !== k || !/^[01]+$/.test(h)) throw new CaptureRecaptureError(`capture history "${h}" must be ${k} characters 0/1`);
    if (!(c >= 0)) throw new CaptureRecaptureError(`capture history "${h}": count ${c} must be >= 0`);
    let mask = 0;
    for (let i = 0; i < k; i++) if (h[i] === '1') mask |= 1 << i;
    out[mask]! += c;
  }
  return { lists: [...lists], counts: out };
}

/**
 * Builds capture-history tables from linked records: `person[r]` the person (cluster) of record r, `list[r]` its list
 * name; `stratum[r]` optionally, one table per stratum (a person whose records disagree on the stratum takes the
 * stratum of its first record; such persons are counted in `stratumConflicts`). `lists` fixes the order of the lists
 * (default: first seen).
 */
export function captureHistories(
  person: ArrayLike<number>,
  list: readonly string[],
  options: { readonly lists?: readonly string[]; readonly stratum?: readonly (string | null)[] } = {},
): { tables: Map<string, CaptureHistoryTable>; stratumConflicts: number } {
  const n = person.length;
  if (list.length !== n || (options.stratum && options.stratum.length !== n)) throw new CaptureRecaptureError('captureHistories: arrays of different lengths');
  const lists = options.lists ? [...options.lists] : [...new Set(list)];
  if (lists.length > 30) throw new CaptureRecaptureError(`captureHistories: ${lists.length} lists, at most 30`);
  const listIndex = new Map(lists.map((l, i) => [l, i]));
  const mask = new Map<number, number>();
  const stratumOf = new Map<number, string>();
  let stratumConflicts = 0;
  const conflicted = new Set<number>();
  for (let r = 0; r < n; r++) {
    const li = listIndex.get(list[r]!);
    if (li === undefined) throw new CaptureRecaptureError(`captureHistories: record ${r} is on list "${list[r]}", not among ${lists.join(', ')}`);
    const p = person[r]!;
    mask.set(p, (mask.get(p) ?? 0) | (1 << li));
    if (options.stratum) {
      const s = options.stratum[r];
      if (s === null || s === undefined) throw new CaptureRecaptureError(`captureHistories: record ${r} has no stratum`);
      const prev = stratumOf.get(p);
      if (prev === undefined) stratumOf.set(p, s);
      else if (prev !== s && !conflicted.has(p)) {
        conflicted.add(p);
        stratumConflicts++;
      }
    }
  }
  const tables = new Map<string, CaptureHistoryTable>();
  for (const [p, m] of mask) {
    const s = options.stratum ? stratumOf.get(p)! : 'all';
    let t = tables.get(s);
    if (!t) tables.set(s, (t = { lists, counts: new Float64Array(2 ** lists.length) }));
    t.counts[m]! += 1;
  }
  return { tables, stratumConflicts };
}

/** All hierarchical models with main effects and any subset of the two-way interactions of k lists (2^(k(k−1)/2) models). */
export function allTwoWayModels(k: number): LogLinearModel[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j]);
  if (pairs.length > 10) throw new CaptureRecaptureError(`${k} lists give 2^${pairs.length} models: pass options.models (at most 5 lists for the full search)`);
  const out: LogLinearModel[] = [];
  for (let s = (1 << pairs.length) - 1; s >= 0; s--) out.push({ interactions: pairs.filter((_, b) => s & (1 << b)) });
  // most interactions first, as Rcapture lists them
  return out.sort((a, b) => b.interactions.length - a.interactions.length);
}

/** Rcapture's model name: the interactions, then the lists in none of them, numbered from 1. */
export function modelName(k: number, model: LogLinearModel, names?: readonly string[]): string {
  const inPair = new Set<number>();
  const parts: string[] = [];
  const label = (i: number): string => (names ? names[i]! : String(i + 1));
  for (const [i, j] of model.interactions) {
    inPair.add(i);
    inPair.add(j);
    parts.push(names ? `${label(i)}*${label(j)}` : `${i + 1}${j + 1}`);
  }
  for (let i = 0; i < k; i++) if (!inPair.has(i)) parts.push(label(i));
  return names ? `[${parts.join(', ')}]` : `[${parts.join(',')}]`;
}

/** Design matrix (row-major, cells x p) of the histories 1..2^k − 1, plus the all-zero history as the last row when `withZero`. */
function design(k: number, model: LogLinearModel, withZero: boolean): { X: Float64Array; rows: number; p: number } {
  const cells = (1 << k) - 1;
  const rows = cells + (withZero ? 1 : 0);
  const p = 1 + k + model.interactions.length;
  const X = new Float64Array(rows * p);
  for (let r = 0; r < rows; r++) {
    const h = r < cells ? r + 1 : 0;
    const o = r * p;
    X[o] = 1;
    for (let i = 0; i < k; i++) X[o + 1 + i] = (h >> i) & 1;
    model.interactions.forEach(([i, j], c) => {
      X[o + 1 + k + c] = ((h >> i) & 1) * ((h >> j) & 1);
    });
  }
  return { X, rows, p };
}

/** Lanczos log-gamma (g = 7, n = 9), relative error about 1e-15 for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

interface PoissonFit {
  beta: Float64Array;
  mu: Float64Array;
  deviance: number;
  covariance: Float64Array;
  iterations: number;
  converged: boolean;
}

/** Poisson log-link GLM by IRLS from R's start (mu = y + 0.1), to |Δdev|/(|dev| + 0.1) < 1e-12. */
function poissonFit(X: Float64Array, rows: number, p: number, y: Float64Array): PoissonFit {
  const mu = new Float64Array(rows);
  const eta = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    mu[r] = y[r]! + 0.1;
    eta[r] = Math.log(mu[r]!);
  }
  let beta = new Float64Array(p);
  let devOld = Infinity;
  let converged = false;
  let it = 0;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  let inv = new Float64Array(p * p);
  const deviance = (): number => {
    let d = 0;
    for (let r = 0; r < rows; r++) {
      const yr = y[r]!;
      const m = mu[r]!;
      d += 2 * ((yr > 0 ? yr * Math.log(yr / m) : 0) - (yr - m));
    }
    return d;
  };
  for (it = 1; it <= 100; it++) {
    A.fill(0);
    b.fill(0);
    for (let r = 0; r < rows; r++) {
      const w = mu[r]!;
      const z = eta[r]! + (y[r]! - mu[r]!) / mu[r]!;
      const o = r * p;
      for (let i = 0; i < p; i++) {
        const xi = X[o + i]!;
        if (xi === 0) continue;
        b[i]! += w * xi * z;
        for (let j = 0; j < p; j++) A[i * p + j]! += w * xi * X[o + j]!;
      }
    }
    inv = symmetricPinv(A, p, 1e-12) as Float64Array<ArrayBuffer>;
    const next = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += inv[i * p + j]! * b[j]!;
      next[i] = s;
    }
    beta = next;
    for (let r = 0; r < rows; r++) {
      let e = 0;
      for (let j = 0; j < p; j++) e += X[r * p + j]! * beta[j]!;
      eta[r] = e;
      mu[r] = Math.exp(e);
    }
    const dev = deviance();
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < 1e-12) {
      converged = true;
      devOld = dev;
      break;
    }
    devOld = dev;
  }
  // covariance at the final mu
  A.fill(0);
  for (let r = 0; r < rows; r++) {
    const w = mu[r]!;
    const o = r * p;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) A[i * p + j]! += w * X[o + i]! * X[o + j]!;
  }
  return { beta, mu, deviance: devOld, covariance: symmetricPinv(A, p, 1e-12), iterations: it, converged };
}

/**
 * Fits one log-linear model to a capture-history table: N̂, delta-method SE, deviance, df, AIC, BIC and the
 * profile-likelihood interval (see {@link MseModelFit}).
 */
export function fitLogLinear(table: CaptureHistoryTable, model: LogLinearModel, options: { level?: number; maxUpperFactor?: number } = {}): MseModelFit {
  const k = table.lists.length;
  if (k < 2) throw new CaptureRecaptureError('fitLogLinear: at least two lists');
  if (table.counts.length !== 1 << k) throw new CaptureRecaptureError(`fitLogLinear: ${table.counts.length} counts for ${k} lists (need 2^${k})`);
  for (const [i, j] of model.interactions) {
    if (!(i >= 0 && j < k && i < j)) throw new CaptureRecaptureError(`fitLogLinear: interaction [${i}, ${j}] out of range for ${k} lists`);
  }
  const level = options.level ?? 0.95;
  const warnings: string[] = [];
  const { X, rows, p } = design(k, model, false);
  const y = table.counts.subarray(1);
  let n = 0;
  for (let r = 0; r < rows; r++) n += y[r]!;
  if (!(n > 0)) throw new CaptureRecaptureError('fitLogLinear: nobody observed');
  if (p > rows) throw new CaptureRecaptureError(`model ${modelName(k, model)}: ${p} parameters for ${rows} cells`);
  const fit = poissonFit(X, rows, p, Float64Array.from(y));
  if (!fit.converged) warnings.push('IRLS did not converge in 100 iterations');
  const b0 = fit.beta[0]!;
  const N = n + Math.exp(b0);
  const se = Math.sqrt(Math.exp(b0) + Math.exp(2 * b0) * fit.covariance[0]!);
  let loglik = 0;
  for (let r = 0; r < rows; r++) {
    const yr = y[r]!;
    loglik += (yr > 0 ? yr * Math.log(fit.mu[r]!) : 0) - fit.mu[r]! - logGamma(yr + 1);
  }
  const aic = -2 * loglik + 2 * p;
  const bic = aic + (Math.log(n) - 2) * p;
  const ci = profileInterval(k, model, y, n, N, level, options.maxUpperFactor ?? 3, warnings);
  return {
    name: modelName(k, model),
    label: modelName(k, model, table.lists),
    interactions: model.interactions.map(([i, j]) => [i, j] as const),
    parameters: p,
    N,
    se,
    deviance: fit.deviance,
    df: rows - p,
    aic,
    bic,
    ciLow: ci.low,
    ciHigh: ci.high,
    profileN: ci.max,
    coefficients: fit.beta,
    warnings,
  };
}

/** The 0.95 quantile of χ²₁ at a level: qnorm(1 − α/2)². */
function chisq1(level: number): number {
  const z = qnorm(1 - (1 - level) / 2);
  return z * z;
}

/** Rcapture closedpCI.t's multinomial profile likelihood, its maximum on (n, 1.5 N̂) and the roots at max − χ²/2. */
function profileInterval(k: number, model: LogLinearModel, y: Float64Array, n: number, Nhat: number, level: number, maxUpperFactor: number, warnings: string[]): { low: number; high: number; max: number } {
  const { X, rows, p } = design(k, model, true);
  const yz = new Float64Array(rows);
  yz.set(y);
  const loglik = (N: number): number => {
    const n0 = N - n;
    yz[rows - 1] = n0;
    const dev = poissonFit(X, rows, p, yz).deviance;
    const Nn0 = N;
    let ct: number;
    if (Nn0 > 100) ct = n0 === 0 || n0 === 1 ? -Nn0 + 0.5 * Math.log(2 * Math.PI * Nn0) : n0 - Nn0 - 0.5 * Math.log(n0 / Nn0);
    else ct = (n0 > 0 ? n0 * Math.log(n0) : 0) + logGamma(Nn0 + 1) - Nn0 * Math.log(Nn0) - logGamma(n0 + 1);
    return (dev - 2 * ct) / -2;
  };
  // golden-section maximum on (n, 1.5 N̂), as R `optimize`
  let a = n;
  let b = 1.5 * Nhat;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = loglik(c);
  let fd = loglik(d);
  while (b - a > 1e-6 * Math.max(1, Nhat)) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = loglik(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = loglik(d);
    }
  }
  const max = (a + b) / 2;
  const lmax = loglik(max);
  const cut = lmax - chisq1(level) / 2;
  const root = (lo: number, hi: number): number => {
    let flo = loglik(lo) - cut;
    for (let i = 0; i < 200 && hi - lo > 1e-7 * Math.max(1, Nhat); i++) {
      const mid = (lo + hi) / 2;
      const fm = loglik(mid) - cut;
      if (fm === 0) return mid;
      if (fm > 0 === flo > 0) {
        lo = mid;
        flo = fm;
      } else hi = mid;
    }
    return (lo + hi) / 2;
  };
  let low: number;
  if (loglik(n) - cut >= 0) {
    low = n;
    warnings.push('the CI lower bound is set to the number observed');
  } else low = root(n, max);
  let high: number;
  const top = maxUpperFactor * Nhat;
  if (loglik(top) - cut >= 0) {
    high = Infinity;
    warnings.push(`the CI upper bound is above ${maxUpperFactor} x N`);
  } else high = root(max, top);
  return { low, high, max };
}

/**
 * Multiple systems estimation: fits every model (default all hierarchical models up to two-way interactions) and
 * chooses the one with the smallest AIC or BIC (default BIC). At least three lists.
 */
export function multipleSystems(table: CaptureHistoryTable, options: MultipleSystemsOptions = {}): MultipleSystemsResult {
  const k = table.lists.length;
  if (k < 3) throw new CaptureRecaptureError(`multiple systems estimation needs at least 3 lists, got ${k}: use the two-list estimators`);
  const criterion = options.criterion ?? 'bic';
  const models = (options.models ?? allTwoWayModels(k)).map((m) => fitLogLinear(table, m, options));
  let chosen = models[0]!;
  for (const m of models) if (m[criterion] < chosen[criterion]) chosen = m;
  let observed = 0;
  for (let h = 1; h < table.counts.length; h++) observed += table.counts[h]!;
  return { lists: table.lists, observed, criterion, models, chosen };
}

/** Stratified MSE: the model chosen in each stratum, and the total. */
export interface StratifiedMseResult {
  readonly strata: readonly (MultipleSystemsResult & { readonly stratum: string })[];
  /**
   * Σ N̂_h of the chosen models; SE sqrt(Σ se_h²); interval: Chao's log-normal form on the unobserved total,
   * [n + f0/C, n + f0·C], f0 = N̂ − n, C = exp(z·sqrt(ln(1 + V/f0²))) (the profile intervals do not add up).
   */
  readonly total: { readonly N: number; readonly se: number; readonly observed: number; readonly ciLow: number; readonly ciHigh: number };
}

/** MSE per stratum (the strata of {@link captureHistories}), summed. */
export function multipleSystemsStratified(tables: ReadonlyMap<string, CaptureHistoryTable>, options: MultipleSystemsOptions = {}): StratifiedMseResult {
  const strata = [...tables.entries()].map(([stratum, t]) => {
    try {
      return { stratum, ...multipleSystems(t, options) };
    } catch (e) {
      if (e instanceof CaptureRecaptureError) throw new CaptureRecaptureError(`stratum "${stratum}": ${e.message}`);
      throw e;
    }
  });
  let N = 0, v = 0, observed = 0;
  for (const s of strata) {
    N += s.chosen.N;
    v += s.chosen.se * s.chosen.se;
    observed += s.observed;
  }
  const f0 = N - observed;
  let ciLow = observed, ciHigh = observed;
  if (f0 > 0) {
    const C = Math.exp(qnorm(1 - (1 - (options.level ?? 0.95)) / 2) * Math.sqrt(Math.log(1 + v / (f0 * f0))));
    ciLow = observed + f0 / C;
    ciHigh = observed + f0 * C;
  }
  return { strata, total: { N, se: Math.sqrt(v), observed, ciLow, ciHigh } };
}
