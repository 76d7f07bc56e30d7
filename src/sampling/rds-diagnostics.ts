/**
 * RDS diagnostics as tidy tables (one row per outcome level x wave, tree or group), for printing or charting:
 * convergence of the estimate by wave (R RDS `convergence.plot`), the estimate within each seed's tree (R
 * `bottleneck.plot`) and recruitment homophily (R `homophily.estimates(recruitment = TRUE)`).
 */
import { type RdsOptions, type PreparedRds, prepareRds, rdsPoint } from './rds-analysis.js';
import type { RdsSample } from './rds-data.js';
import { countTransitions } from './rds-estimators.js';

/** The estimate from the respondents of waves 0..wave (cumulative). */
export interface ConvergenceRow {
  readonly outcome: string;
  readonly level: string | null;
  readonly wave: number;
  /** Respondents used up to this wave. */
  readonly n: number;
  readonly estimate: number;
}

/** The estimate from one seed's recruitment tree. */
export interface BottleneckRow {
  readonly outcome: string;
  readonly level: string | null;
  /** Id of the tree's seed. */
  readonly seed: string;
  readonly n: number;
  readonly max_wave: number;
  readonly estimate: number;
}

/** Recruitments within a group against the number expected under random mixing; group null is the whole sample. */
export interface HomophilyRow {
  readonly outcome: string;
  readonly group: string | null;
  /** Recruitments made by members of the group (all recruitments for the overall row). */
  readonly recruitments: number;
  /** Of which of a recruit of the same group. */
  readonly within: number;
  /** Expected within-group recruitments under random mixing: r_g c_g / T (row total x column total / all). */
  readonly expected: number;
  /** within / expected: 1 is no homophily, above 1 in-group recruitment. */
  readonly homophily: number;
}

function levelOf(p: PreparedRds, l: number): string | null {
  return p.input.outcome.kind === 'category' ? p.input.outcome.levels[l]! : null;
}

function subsetEstimates(p: PreparedRds, keep: (i: number) => boolean, options: RdsOptions): { n: number; estimates: number[] } {
  const use = Uint8Array.from(p.input.use, (u, i) => (u && keep(i) ? 1 : 0));
  let n = 0;
  for (const u of use) n += u;
  if (n === 0) return { n, estimates: [] };
  const N = options.populationSize;
  const sub: PreparedRds = { ...p, input: { ...p.input, use } };
  // the SS population size is that of the whole sample; a subset smaller than N/SS.infinity behaves as RDS-II
  return { n, estimates: rdsPoint(sub, options.estimator ?? 'rds2', { ...options, populationSize: N }).estimates };
}

/** Convergence table: the estimate from waves 0..k for every wave k. */
export function rdsConvergence(sample: RdsSample, outcome: string, options: RdsOptions = {}): ConvergenceRow[] {
  const p = prepareRds(sample, outcome, options);
  let maxWave = 0;
  for (let i = 0; i < sample.n; i++) if (p.input.use[i]) maxWave = Math.max(maxWave, sample.wave[i]!);
  const rows: ConvergenceRow[] = [];
  for (let k = 0; k <= maxWave; k++) {
    const { n, estimates } = subsetEstimates(p, (i) => sample.wave[i]! <= k, options);
    estimates.forEach((estimate, l) => rows.push({ outcome, level: levelOf(p, l), wave: k, n, estimate }));
  }
  return rows;
}

/** Bottleneck table: the estimate within each seed's tree (trees in the order of their seeds' rows). */
export function rdsBottlenecks(sample: RdsSample, outcome: string, options: RdsOptions = {}): BottleneckRow[] {
  const p = prepareRds(sample, outcome, { ...options, seeds: 'include' });
  const rows: BottleneckRow[] = [];
  for (let root = 0; root < sample.n; root++) {
    if (sample.recruiter[root]! >= 0) continue;
    let maxWave = 0;
    for (let i = 0; i < sample.n; i++) if (sample.tree[i] === root) maxWave = Math.max(maxWave, sample.wave[i]!);
    const { n, estimates } = subsetEstimates(p, (i) => sample.tree[i] === root, options);
    estimates.forEach((estimate, l) => rows.push({ outcome, level: levelOf(p, l), seed: sample.ids[root]!, n, max_wave: maxWave, estimate }));
  }
  return rows;
}

/**
 * Recruitment homophily by group of the outcome (levels, or the cut groups of a numeric outcome). The overall value is
 * R RDS's: sum_g t_gg / (sum_g r_g c_g / T); per group, t_gg / (r_g c_g / T) (R prints t_gg / (r_g^2 / T) per group).
 */
export function rdsHomophily(sample: RdsSample, outcome: string, options: RdsOptions = {}): HomophilyRow[] {
  const p = prepareRds(sample, outcome, { ...options, seeds: 'include' });
  const t = countTransitions(p.input.group, p.input.K, p.input.recruiter, p.input.use);
  const K = p.input.K;
  const r = t.map((row) => row.reduce((a, b) => a + b, 0));
  const c = Array.from({ length: K }, (_, h) => t.reduce((s, row) => s + row[h]!, 0));
  const T = r.reduce((a, b) => a + b, 0);
  const rows: HomophilyRow[] = p.groups.map((group, g) => {
    const expected = T > 0 ? (r[g]! * c[g]!) / T : NaN;
    return { outcome, group, recruitments: r[g]!, within: t[g]![g]!, expected, homophily: t[g]![g]! / expected };
  });
  const within = t.reduce((s, row, g) => s + row[g]!, 0);
  const expected = rows.reduce((s, x) => s + (Number.isFinite(x.expected) ? x.expected : 0), 0);
  rows.push({ outcome, group: null, recruitments: T, within, expected, homophily: within / expected });
  return rows;
}
