/**
 * Uncertainty of the regional and global estimates: a seeded bootstrap over countries that combines the survey SEs of
 * the observed countries with the imputation error of the others (src/global/METHOD.md §4), and `estimateGlobal`,
 * the whole estimation (frame, imputation, fit, aggregation, intervals) in one call.
 */
import { SeededRandom } from '../survey/random.js';
import {
  aggregate, aggregationPlan, sumByPlan, measuresOf, AGGREGATE_MEASURES,
  type AggregateOptions, type AggregateRow, type AggregateMeasure, type AggregationPlan,
} from './aggregation.js';
import {
  buildFrame, imputeFrame, imputePass, migrantWorkersOf,
  type CountryInput, type ImputationOptions, type Imputation, type ImputationRecord, type CountryCellEstimate, type EstimationFrame,
} from './imputation.js';

/** How donor countries are resampled: within ILO regions (default), within income groups, or over all donors. */
export type BootstrapStrata = 'region' | 'income' | 'none';
export const BOOTSTRAP_STRATA: readonly BootstrapStrata[] = ['region', 'income', 'none'];

/** Options of the bootstrap (METHOD.md §4). */
export interface BootstrapOptions {
  /** Number of replicates (default 500). */
  readonly replicates?: number;
  /** Seed of the xoshiro128** stream (default 20_240_1216). */
  readonly seed?: number;
  /** Confidence level of the percentile intervals (default 0.95). */
  readonly level?: number;
  readonly strata?: BootstrapStrata;
  /** Draw each observed value from N(value, se²) (default true). */
  readonly surveyError?: boolean;
  /** Add a donor's residual to each imputed country (the country's own deviation from its group; default true). */
  readonly predictionError?: boolean;
  /**
   * Rescale the replicate's deviation of each imputed group mean from the point estimate by √(n/(n − 1)), n the
   * group's donors (default true): the plain bootstrap variance of a mean of n donors is (n − 1)/n of its variance.
   */
  readonly rescale?: boolean;
  /**
   * Draw, in each replicate and for each imputation group (level x group x cell), a factor √((n − 1)/χ²(n − 1)) that
   * multiplies the group's deviations and residuals: the uncertainty of a spread learnt from n donors (the predictive
   * t of a normal sample). Groups of fewer than 3 donors keep factor 1. Default true.
   */
  readonly spreadUncertainty?: boolean;
}

/** An interval of one measure. */
export interface Interval {
  /** Standard deviation of the bootstrap replicates. */
  readonly se: number;
  readonly low: number;
  readonly high: number;
}

/** An aggregate with bootstrap intervals for its measures. */
export interface AggregateEstimate extends AggregateRow {
  readonly intervals?: Readonly<Record<AggregateMeasure, Interval>>;
}

/** The replicate values of the aggregates: replicates[b][k * 5 + measure] in AGGREGATE_MEASURES order. */
export interface BootstrapResult {
  readonly plan: AggregationPlan;
  readonly replicates: readonly Float64Array[];
  readonly intervals: readonly Readonly<Record<AggregateMeasure, Interval>>[];
  readonly options: Required<BootstrapOptions>;
}

/** Default bootstrap options. */
export const BOOTSTRAP_DEFAULTS: Required<BootstrapOptions> = {
  replicates: 500, seed: 20_241_216, level: 0.95, strata: 'region', surveyError: true, predictionError: true, rescale: true, spreadUncertainty: true,
};

/** A standard normal draw (Box–Muller on two uniforms of the seeded stream). */
export function normalDraw(rng: SeededRandom): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Type-7 quantile (R's default) of a sorted array. */
function quantileSorted(s: Float64Array, p: number): number {
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/**
 * Bootstrap over countries (METHOD.md §4). Each replicate
 * 1. resamples the donor countries (those with national data for at least one cell) with replacement within strata;
 * 2. draws every observed value (log θ or logit rate) from N(value, se²);
 * 3. re-imputes the cells without data from the resampled, redrawn donors in the group the point estimate used
 *    (falling back to a broader level if the resample left that group empty);
 * 4. rescales the deviation of each re-imputed mean from the point estimate by √(n/(n − 1)) and adds to each imputed
 *    country one donor's residual from its group mean (donor chosen by one uniform per country, so a country's cells
 *    move together), inflated by √(n/(n − 1)) for the donor's own weight in the mean;
 * 5. multiplies both by a factor √((n − 1)/χ²(n − 1)) drawn per imputation group: a spread learnt from n donors is
 *    itself uncertain (the predictive t of a normal sample);
 * 6. refits every cell to its margins and re-aggregates.
 * The interval is the percentile interval of the replicates; the SE their standard deviation. Benchmarks P, M, L are
 * taken as known.
 */
export function bootstrapAggregates(imp: Imputation, aggregateOptions: AggregateOptions = {}, options: BootstrapOptions = {}): BootstrapResult {
  const o: Required<BootstrapOptions> = { ...BOOTSTRAP_DEFAULTS, ...options };
  if (!(Number.isInteger(o.replicates) && o.replicates >= 2)) throw new RangeError('bootstrap replicates must be an integer >= 2');
  if (!(o.level > 0 && o.level < 1)) throw new RangeError('bootstrap level must be in (0, 1)');
  if (!BOOTSTRAP_STRATA.includes(o.strata)) throw new RangeError(`bootstrap strata "${o.strata}" is not one of ${BOOTSTRAP_STRATA.join(', ')}`);
  const { frame, index: idx, pass } = imp;
  const { n, K } = frame;
  const rng = new SeededRandom(o.seed);
  const plan = aggregationPlan(imp.estimates, aggregateOptions);
  const nKeys = plan.keys.length;
  const P = sumByPlan(plan, frame.population);
  const M = sumByPlan(plan, frame.migrants);
  const L = sumByPlan(plan, frame.labourForce);

  // donors and strata
  const isDonor = new Uint8Array(n);
  for (let f = 0; f < n * K; f++) if (frame.observed[f] === 1) isDonor[Math.floor(f / K)] = 1;
  const strataKey = (i: number): string => (o.strata === 'none' ? '' : o.strata === 'region' ? frame.countries[i]!.groups.region : frame.countries[i]!.groups.income);
  const strata = new Map<string, number[]>();
  for (let i = 0; i < n; i++) if (isDonor[i] === 1) {
    const k = strataKey(i);
    if (!strata.has(k)) strata.set(k, []);
    strata.get(k)!.push(i);
  }

  // residuals of the donors of each imputed cell, at the point estimate's level and group (CSR over imputed cells)
  const resStart = new Int32Array(n * K + 1);
  const rescale = new Float64Array(n * K).fill(1);
  const resValue: number[] = [];
  const groupOfCell = new Int32Array(n * K).fill(-1);
  const groupIds = new Map<string, number>();
  const groupDonors: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < K; j++) {
      const f = i * K + j;
      resStart[f] = resValue.length;
      if (frame.observed[f] === 1) continue;
      const l = pass.level[f]!;
      const g = pass.group[f]!;
      const mean = pass.value[f]!;
      const vals: number[] = [];
      for (let d = 0; d < n; d++) if (idx.groupOf[l]![d] === g && frame.observed[d * K + j] === 1) vals.push(frame.value[d * K + j]!);
      const infl = vals.length > 1 ? Math.sqrt(vals.length / (vals.length - 1)) : 0;
      rescale[f] = vals.length > 1 ? infl : 1;
      const gkey = `${l}|${g}|${j}`;
      let gid = groupIds.get(gkey);
      if (gid === undefined) { gid = groupIds.size; groupIds.set(gkey, gid); groupDonors.push(vals.length); }
      groupOfCell[f] = gid;
      if (o.predictionError) for (const v of vals) resValue.push((v - mean) * infl);
    }
  }
  resStart[n * K] = resValue.length;

  const values = new Float64Array(n * K);
  const mult = new Float64Array(n);
  const x = new Float64Array(n * K);
  const u = new Float64Array(n);
  const sums = new Float64Array(nKeys);
  const factor = new Float64Array(groupDonors.length).fill(1);
  const nm = AGGREGATE_MEASURES.length;
  const replicates: Float64Array[] = [];
  for (let b = 0; b < o.replicates; b++) {
    mult.fill(0);
    for (const members of strata.values()) for (let t = 0; t < members.length; t++) mult[members[rng.below(members.length)]!]! += 1;
    for (let f = 0; f < n * K; f++) {
      values[f] = frame.observed[f] === 1 ? frame.value[f]! + (o.surveyError ? frame.valueSe[f]! * normalDraw(rng) : 0) : NaN;
    }
    const rep = imputePass(frame, idx, imp.options, values, mult, { level: pass.level });
    const v = rep.value;
    if (o.spreadUncertainty) {
      groupDonors.forEach((nd, gid) => {
        if (nd < 3) { factor[gid] = 1; return; } // t(1) has no mean: a group of 2 donors keeps the normal draw
        let chi = 0;
        for (let t = 0; t < nd - 1; t++) chi += normalDraw(rng) ** 2;
        factor[gid] = Math.sqrt((nd - 1) / Math.max(chi, 1e-12));
      });
    }
    if (o.predictionError) for (let i = 0; i < n; i++) u[i] = rng.next();
    for (let f = 0; f < n * K; f++) {
      if (frame.observed[f] === 1) continue;
      let dev = (o.rescale ? rescale[f]! : 1) * (v[f]! - pass.value[f]!);
      const s = resStart[f]!;
      const e = resStart[f + 1]!;
      if (e > s) dev += resValue[s + Math.floor(u[Math.floor(f / K)]! * (e - s))]!;
      v[f] = pass.value[f]! + factor[groupOfCell[f]!]! * dev;
    }
    migrantWorkersOf(frame, v, x);
    sumByPlan(plan, x, sums);
    const out = new Float64Array(nKeys * nm);
    for (let k = 0; k < nKeys; k++) {
      const ms = measuresOf(P[k]!, M[k]!, L[k]!, sums[k]!, sums[plan.world[k]!]!);
      AGGREGATE_MEASURES.forEach((name, q) => { out[k * nm + q] = ms[name]; });
    }
    replicates.push(out);
  }
  const alpha = (1 - o.level) / 2;
  const intervals = plan.keys.map((_, k) => {
    const rec = {} as Record<AggregateMeasure, Interval>;
    AGGREGATE_MEASURES.forEach((name, q) => {
      // NaN replicates (a rate with a zero denominator) are left out of the quantiles and the SE
      const s = Float64Array.from(replicates, (r) => r[k * nm + q]!).filter((v) => !Number.isNaN(v)).sort();
      let mean = 0;
      for (const v of s) mean += v;
      mean /= s.length;
      let ss = 0;
      for (const v of s) ss += (v - mean) ** 2;
      rec[name] = { se: Math.sqrt(ss / (s.length - 1)), low: quantileSorted(s, alpha), high: quantileSorted(s, 1 - alpha) };
    });
    return rec;
  });
  return { plan, replicates, intervals, options: o };
}

/** Options of `estimateGlobal`. */
export interface GlobalEstimateOptions extends ImputationOptions, AggregateOptions {
  /** Bootstrap options, or false for point estimates only. */
  readonly bootstrap?: BootstrapOptions | false;
}

/** The whole estimation: country cells (flagged), imputation records, aggregates with intervals. */
export interface GlobalEstimates {
  readonly frame: EstimationFrame;
  readonly imputation: Imputation;
  readonly countries: readonly CountryCellEstimate[];
  readonly imputations: readonly ImputationRecord[];
  readonly aggregates: readonly AggregateEstimate[];
  readonly bootstrap?: BootstrapResult;
}

/**
 * Regional and global estimates of migrant workers by the method of the 2nd and 3rd editions of the ILO Global
 * Estimates (spec icls.md §3.2 items 36 and 38; METHOD.md): national θ where there are data, imputed θ elsewhere,
 * every cell fitted to its benchmark margins, aggregated to regions, subregions, income groups and the world by sex and
 * age, with bootstrap intervals.
 */
export function estimateGlobal(countries: readonly CountryInput[], options: GlobalEstimateOptions = {}): GlobalEstimates {
  const frame = buildFrame(countries, options.target ?? 'logTheta');
  const imputation = imputeFrame(frame, options);
  const rows = aggregate(imputation.estimates, options);
  if (options.bootstrap === false) {
    return { frame, imputation, countries: imputation.estimates, imputations: imputation.records, aggregates: rows };
  }
  const boot = bootstrapAggregates(imputation, options, options.bootstrap ?? {});
  const keyOf = (k: { dimension: string; code: string; sex: string; age: string }): string => `${k.dimension}\u0000${k.code}\u0000${k.sex}\u0000${k.age}`;
  const at = new Map(boot.plan.keys.map((k, i) => [keyOf(k), i]));
  const aggregates = rows.map((r) => ({ ...r, intervals: boot.intervals[at.get(keyOf(r))!]! }));
  return { frame, imputation, countries: imputation.estimates, imputations: imputation.records, aggregates, bootstrap: boot };
}
