/**
 * Salganik's (2006) bootstrap for RDS (J Urban Health 83:i98; R RDS `salganik.bootstrap.estimates`): each replicate is
 * one recruitment chain of the sample's length, run as a Markov chain over the groups with the observed transition
 * counts, each step drawing a respondent of the chosen group with replacement; the estimator is applied to the chain.
 */
import { SeededRandom } from '../survey/random.js';
import { type RdsEstimator, type RdsInput, type WeightOptions, countTransitions, estimatorWeights, weightedEstimates } from './rds-estimators.js';

/**
 * How a respondent is drawn within the chosen group: `uniform` (Salganik 2006, the default: the observed members
 * already carry the degree bias of recruitment) or `degree` (probability proportional to degree, as R RDS 0.9-10 codes it).
 */
export type BootstrapResample = 'uniform' | 'degree';

export interface BootstrapOptions extends WeightOptions {
  readonly replicates: number;
  readonly seed?: number;
  readonly resample?: BootstrapResample;
  /** Confidence level of the percentile intervals (default 0.95). */
  readonly level?: number;
}

export interface BootstrapResult {
  /** Replicate estimates: one array per replicate, one value per result row (level, or the mean). */
  readonly estimates: number[][];
  /** Per result row: standard deviation of the replicates and the percentile interval (type-7 quantiles). */
  readonly se: number[];
  readonly ciLow: number[];
  readonly ciHigh: number[];
  /** Replicates whose estimate was not finite (left out of se and intervals). */
  readonly failed: number;
}

/** Type-7 quantile of sorted values. */
export function quantileSorted(s: readonly number[], p: number): number {
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/** Runs the Salganik bootstrap of an estimator on the used rows of `input`. */
export function salganikBootstrap(input: RdsInput, estimator: RdsEstimator, options: BootstrapOptions): BootstrapResult {
  const rng = new SeededRandom(options.seed ?? 1);
  const { K, group, use } = input;
  const members: number[][] = Array.from({ length: K }, () => []);
  const all: number[] = [];
  for (let i = 0; i < group.length; i++) {
    if (!use[i] || group[i]! < 0) continue;
    members[group[i]!]!.push(i);
    all.push(i);
  }
  const m = all.length;
  const t = countTransitions(group, K, input.recruiter, use);
  const colSums = Array.from({ length: K }, (_, h) => t.reduce((s, row) => s + row[h]!, 0));
  const anyTransition = colSums.some((c) => c > 0);
  // a group that recruited nobody moves as the recruits' margin (R); no recruitment at all: as the group sizes
  const rows = t.map((row) => (row.reduce((a, b) => a + b, 0) > 0 ? row : anyTransition ? colSums : members.map((x) => x.length)));
  const cum = rows.map((row) => {
    let s = 0;
    return row.map((x) => (s += x));
  });
  const memberCum = members.map((list) => {
    let s = 0;
    return list.map((i) => (s += input.degree[i]!));
  });
  const resample = options.resample ?? 'uniform';
  const pickMember = (g: number): number => {
    const list = members[g]!;
    if (resample === 'uniform') return list[rng.below(list.length)]!;
    const c = memberCum[g]!;
    const u = rng.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < c[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return list[lo]!;
  };
  const nextGroup = (g: number): number => {
    const c = cum[g]!;
    const u = rng.next() * c[K - 1]!;
    let h = 0;
    while (h < K - 1 && u >= c[h]!) h++;
    return h;
  };
  const degree = new Float64Array(m);
  const bgroup = new Int32Array(m);
  const recruiter = Int32Array.from({ length: m }, (_, i) => i - 1);
  const buse = new Uint8Array(m).fill(1);
  const out = input.outcome;
  const codes = new Int32Array(m);
  const values = new Float64Array(m);
  const bout = out.kind === 'category' ? { kind: 'category' as const, codes, levels: out.levels } : { kind: 'number' as const, values };
  const estimates: number[][] = [];
  let failed = 0;
  for (let r = 0; r < options.replicates; r++) {
    let g = group[all[rng.below(m)]!]!;
    for (let i = 0; i < m; i++) {
      if (i > 0) g = nextGroup(g);
      const row = pickMember(g);
      degree[i] = input.degree[row]!;
      bgroup[i] = g;
      if (out.kind === 'category') codes[i] = out.codes[row]!;
      else values[i] = out.values[row]!;
    }
    const binput: RdsInput = { recruiter, degree, use: buse, outcome: bout, group: bgroup, K };
    const ss = options.ss ? { ...options.ss, seed: rng.nextUint32() } : { seed: rng.nextUint32() };
    const { weights } = estimatorWeights(binput, estimator, { populationSize: options.populationSize, ss });
    const e = weightedEstimates(weights, bout, buse);
    if (e.every(Number.isFinite)) estimates.push(e);
    else failed++;
  }
  const L = out.kind === 'category' ? out.levels.length : 1;
  const alpha = 1 - (options.level ?? 0.95);
  const se: number[] = [];
  const ciLow: number[] = [];
  const ciHigh: number[] = [];
  for (let l = 0; l < L; l++) {
    const x = estimates.map((e) => e[l]!).sort((a, b) => a - b);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    se.push(x.length > 1 ? Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1)) : NaN);
    ciLow.push(quantileSorted(x, alpha / 2));
    ciHigh.push(quantileSorted(x, 1 - alpha / 2));
  }
  return { estimates, se, ciLow, ciHigh, failed };
}
