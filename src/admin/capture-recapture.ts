/**
 * Two-list capture-recapture (dual-system estimation) of a population size from two linked registers, after
 * the project spec (shared/spec/survey.md §3.3): Lincoln-Petersen, Chapman (1951) with Seber's (1970) variance, Chao's (1987) log-normal
 * interval, and the stratified estimator (sum of stratum estimates, sum of variances).
 *
 * Assumptions (see src/admin/LINKAGE.md): a closed population, independent lists, capture probabilities homogeneous
 * within a stratum, exact linkage. People with no chance of being on either list are not estimated at all.
 */
import { qnorm } from '../survey/distributions.js';

/** Raised for counts that cannot give an estimate (m = 0 for Lincoln-Petersen, m > n1, negative counts, ...). */
export class CaptureRecaptureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaptureRecaptureError';
  }
}

/** The counts of a two-list table: n1 on list 1, n2 on list 2, m on both (after linkage). */
export interface TwoListCounts {
  readonly n1: number;
  readonly n2: number;
  readonly m: number;
}

/** Which estimator: Lincoln-Petersen n1·n2/m, or Chapman (n1+1)(n2+1)/(m+1) − 1. */
export type TwoListMethod = 'lincoln-petersen' | 'chapman';

/** Options of the two-list estimators. */
export interface TwoListOptions {
  /** Confidence level of the interval (default 0.95). */
  readonly level?: number;
}

/** A two-list estimate of the population size. */
export interface TwoListEstimate {
  readonly method: TwoListMethod;
  readonly n1: number;
  readonly n2: number;
  readonly m: number;
  /** Distinct persons observed, n1 + n2 − m. */
  readonly observed: number;
  /** Estimated population size N̂. */
  readonly N: number;
  /** Estimated persons on neither list, N̂ − observed. */
  readonly unobserved: number;
  /** Seber's variance estimate, and its square root. */
  readonly variance: number;
  readonly se: number;
  /** Chao's (1987) log-normal interval: [M + f0/C, M + f0·C], C = exp(z·sqrt(ln(1 + V/f0²))); never below the observed. */
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly level: number;
}

function check(c: TwoListCounts): void {
  const { n1, n2, m } = c;
  for (const [k, v] of [['n1', n1], ['n2', n2], ['m', m]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new CaptureRecaptureError(`${k} must be a non-negative integer, got ${v}`);
  }
  if (m > n1 || m > n2) throw new CaptureRecaptureError(`m (${m}) cannot exceed n1 (${n1}) or n2 (${n2})`);
}

/**
 * Chao's (1987, Biometrics 43:783) log-normal interval for N given N̂, its variance and the number observed M:
 * f0 = N̂ − M, C = exp(z·sqrt(ln(1 + V/f0²))), [M + f0/C, M + f0·C] (spec survey.md §3.3). f0 = 0 gives [M, M].
 */
export function chaoLogNormalInterval(N: number, variance: number, observed: number, level = 0.95): [number, number] {
  const f0 = N - observed;
  if (!(f0 > 0)) return [observed, observed];
  const z = qnorm(1 - (1 - level) / 2);
  const C = Math.exp(z * Math.sqrt(Math.log(1 + variance / (f0 * f0))));
  return [observed + f0 / C, observed + f0 * C];
}

function result(method: TwoListMethod, c: TwoListCounts, N: number, variance: number, level: number): TwoListEstimate {
  const observed = c.n1 + c.n2 - c.m;
  const [ciLow, ciHigh] = chaoLogNormalInterval(N, variance, observed, level);
  return { method, n1: c.n1, n2: c.n2, m: c.m, observed, N, unobserved: N - observed, variance, se: Math.sqrt(variance), ciLow, ciHigh, level };
}

/**
 * Lincoln-Petersen estimate N̂ = n1·n2/m with Seber's variance n1·n2·(n1−m)(n2−m)/m³ (R recapr `NPetersen`,
 * `vPetersen`). m = 0 is an error (the estimate is infinite): use {@link chapman}.
 */
export function lincolnPetersen(c: TwoListCounts, options: TwoListOptions = {}): TwoListEstimate {
  check(c);
  const { n1, n2, m } = c;
  if (m === 0) throw new CaptureRecaptureError(`Lincoln-Petersen needs m > 0 persons on both lists (n1 = ${n1}, n2 = ${n2}, m = 0): use Chapman's estimator`);
  const N = (n1 * n2) / m;
  const variance = (n1 * n2 * (n1 - m) * (n2 - m)) / (m * m * m);
  return result('lincoln-petersen', c, N, variance, options.level ?? 0.95);
}

/**
 * Chapman's (1951) estimate N̂ = (n1+1)(n2+1)/(m+1) − 1 with Seber's (1970) variance
 * (n1+1)(n2+1)(n1−m)(n2−m)/((m+1)²(m+2)) (R recapr `NChapman`, `vChapman`). Defined for m = 0.
 */
export function chapman(c: TwoListCounts, options: TwoListOptions = {}): TwoListEstimate {
  check(c);
  const { n1, n2, m } = c;
  const N = ((n1 + 1) * (n2 + 1)) / (m + 1) - 1;
  const variance = ((n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m)) / ((m + 1) * (m + 1) * (m + 2));
  return result('chapman', c, N, variance, options.level ?? 0.95);
}

/** A two-list estimate by method name. */
export function twoListEstimate(c: TwoListCounts, method: TwoListMethod = 'chapman', options: TwoListOptions = {}): TwoListEstimate {
  return method === 'chapman' ? chapman(c, options) : lincolnPetersen(c, options);
}

/** The counts of one stratum. */
export interface StratumCounts extends TwoListCounts {
  readonly stratum: string;
}

/** A stratified two-list estimate: each stratum's, and the total. */
export interface StratifiedTwoListEstimate {
  readonly method: TwoListMethod;
  readonly strata: readonly (TwoListEstimate & { readonly stratum: string })[];
  /**
   * The total: N̂ = Σ N̂_h, V = Σ V_h (strata independent), n1, n2, m and observed summed; its interval is Chao's
   * log-normal interval on the totals.
   */
  readonly total: TwoListEstimate;
}

/**
 * Stratified two-list estimate: the estimator in each stratum (capture homogeneous within strata), summed. With
 * Lincoln-Petersen a stratum with m = 0 is an error that names it.
 */
export function twoListStratified(strata: readonly StratumCounts[], method: TwoListMethod = 'chapman', options: TwoListOptions = {}): StratifiedTwoListEstimate {
  if (strata.length === 0) throw new CaptureRecaptureError('twoListStratified: no strata');
  const level = options.level ?? 0.95;
  const seen = new Set<string>();
  const out = strata.map((s) => {
    if (seen.has(s.stratum)) throw new CaptureRecaptureError(`stratum "${s.stratum}" appears twice`);
    seen.add(s.stratum);
    try {
      return { stratum: s.stratum, ...twoListEstimate(s, method, { level }) };
    } catch (e) {
      if (e instanceof CaptureRecaptureError) throw new CaptureRecaptureError(`stratum "${s.stratum}": ${e.message}`);
      throw e;
    }
  });
  let n1 = 0, n2 = 0, m = 0, N = 0, variance = 0;
  for (const s of out) {
    n1 += s.n1;
    n2 += s.n2;
    m += s.m;
    N += s.N;
    variance += s.variance;
  }
  return { method, strata: out, total: result(method, { n1, n2, m }, N, variance, level) };
}

/**
 * The two-list counts from list membership per person (after linkage): `inList1[i]`, `inList2[i]` for person i, and
 * optionally a stratum per person (null strata are an error: nothing is dropped silently). Persons on neither list
 * are ignored (they are not observed).
 */
export function twoListCounts(inList1: ArrayLike<boolean | number>, inList2: ArrayLike<boolean | number>, stratum?: readonly (string | null)[]): StratumCounts[] {
  if (inList1.length !== inList2.length || (stratum && stratum.length !== inList1.length)) throw new CaptureRecaptureError('twoListCounts: arrays of different lengths');
  const map = new Map<string, { n1: number; n2: number; m: number }>();
  for (let i = 0; i < inList1.length; i++) {
    const a = Boolean(inList1[i]);
    const b = Boolean(inList2[i]);
    if (!a && !b) continue;
    const s = stratum ? stratum[i] : 'all';
    if (s === null || s === undefined) throw new CaptureRecaptureError(`twoListCounts: person ${i} has no stratum`);
    let c = map.get(s);
    if (!c) map.set(s, (c = { n1: 0, n2: 0, m: 0 }));
    if (a) c.n1++;
    if (b) c.n2++;
    if (a && b) c.m++;
  }
  return [...map.entries()].map(([s, c]) => ({ stratum: s, ...c }));
}
