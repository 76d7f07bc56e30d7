/**
 * RDS estimation on a sample read by `rdsFromRecruiters`/`rdsFromCoupons`: one tidy row per level of a categorical
 * outcome (or one row for the mean of a numeric one), with the seed and degree rules applied and reported, and an
 * uncertainty from Salganik's bootstrap (percentile intervals) or, without a bootstrap, R RDS's empirical-likelihood SE.
 */
import { compareLevels } from '../survey/data.js';
import { DesignError } from '../survey/errors.js';
import { qnorm } from '../survey/distributions.js';
import { type BootstrapResample, salganikBootstrap } from './rds-bootstrap.js';
import type { RdsSample } from './rds-data.js';
import { textAt } from './rds-data.js';
import {
  type DegreeRule, type DegreeTreatment, type Rds1Details, type RdsEstimator, type RdsInput, type RdsOutcomeValues,
  elStandardError, estimatorWeights, quantileGroups, treatDegrees, weightedEstimates,
} from './rds-estimators.js';

/** Seeds in the estimate (`include`, the default, as R RDS 0.9-10 code) or left out (`exclude`, as the `?fauxmadrona` help tables). */
export type SeedRule = 'include' | 'exclude';

export interface RdsOptions {
  /** Default `rds2`. */
  readonly estimator?: RdsEstimator;
  readonly seeds?: SeedRule;
  /** Zero or missing degrees (default `max`). */
  readonly degreeRule?: DegreeRule;
  /** Population size N: required by `ss`; used by the EL standard error's finite population factor. */
  readonly populationSize?: number;
  /** `auto` (default): a text column is categorical, a numeric one gives a mean. */
  readonly outcomeKind?: 'auto' | 'categorical' | 'numeric';
  /** Groups a numeric outcome is cut into for RDS-I and the bootstrap chain (R `cont.breaks`, default 3). */
  readonly numericGroups?: number;
  /** Salganik bootstrap replicates; 0 or absent: the EL standard error and a normal interval instead. */
  readonly bootstrap?: number;
  /** Seed of the bootstrap and of the SS Monte Carlo (default 1). */
  readonly seed?: number;
  readonly resample?: BootstrapResample;
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** Monte Carlo settings of the SS estimator (R defaults 500 samples per iteration, 5 iterations, SS.infinity 0.04). */
  readonly ss?: { readonly samplesPerIteration?: number; readonly iterations?: number; readonly ssInfinity?: number };
}

/** One result row (the shape `migstat rds --format json` prints). */
export interface RdsResultRow {
  readonly estimator: RdsEstimator;
  readonly outcome: string;
  /** The outcome level (categorical), or null for the mean of a numeric outcome. */
  readonly level: string | null;
  readonly estimate: number;
  readonly se: number;
  readonly ci_low: number;
  readonly ci_high: number;
  /** Respondents used. */
  readonly n: number;
}

export interface RdsExclusion {
  readonly reason: string;
  readonly count: number;
}

export interface RdsAnalysis {
  readonly results: RdsResultRow[];
  /** Final weights per row of the sample (0 where not used), normalised to N when given, else to the respondents used. */
  readonly weights: Float64Array;
  /** `bootstrap` (Salganik, percentile), `el` (R RDS EL.se, normal interval). */
  readonly uncertainty: 'bootstrap' | 'el';
  readonly degree: DegreeTreatment;
  readonly exclusions: RdsExclusion[];
  readonly warnings: string[];
  /** Labels of the groups of the Markov chain (levels, or the numeric cut intervals). */
  readonly groups: string[];
  readonly rds1?: Rds1Details;
  readonly bootstrap?: { readonly replicates: number; readonly failed: number; readonly resample: BootstrapResample; readonly seed: number };
}

/** The typed-array input of an analysis, with what the rules left out. */
export interface PreparedRds {
  readonly input: RdsInput;
  readonly degree: DegreeTreatment;
  readonly exclusions: RdsExclusion[];
  readonly groups: string[];
  readonly outcome: string;
}

/** Applies the seed, degree and missing-outcome rules and codes the outcome and its groups. */
export function prepareRds(sample: RdsSample, outcome: string, options: RdsOptions = {}): PreparedRds {
  const n = sample.n;
  const use = new Uint8Array(n).fill(1);
  const exclusions: RdsExclusion[] = [];
  if ((options.seeds ?? 'include') === 'exclude') {
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (sample.recruiter[i]! < 0) {
        use[i] = 0;
        k++;
      }
    }
    exclusions.push({ reason: 'seed (seeds excluded)', count: k });
  }
  // the degree rule comes before the outcome, so that it treats the same rows for every outcome
  const treated = treatDegrees(sample.degree, use, options.degreeRule ?? 'max');
  if (treated.treatment.excluded) exclusions.push({ reason: `zero or missing degree "${sample.degreeColumn}" (rule ${treated.treatment.rule})`, count: treated.treatment.excluded });
  const column = sample.table.column(outcome);
  const kind = options.outcomeKind ?? 'auto';
  let values: RdsOutcomeValues;
  if (column.kind === 'number' && kind !== 'categorical') values = { kind: 'number', values: column.values };
  else {
    const text = Array.from({ length: n }, (_, i) => textAt(column, i));
    const levels = [...new Set(text.filter((t): t is string => t !== null))].sort(compareLevels);
    if (kind === 'numeric') throw new DesignError(`${sample.table.source}: outcome "${outcome}" is text (${levels.slice(0, 3).join(', ')}), not numeric`);
    const index = new Map(levels.map((l, k) => [l, k]));
    values = { kind: 'category', codes: Int32Array.from(text, (t) => (t === null ? -1 : index.get(t)!)), levels };
  }
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const isMissing = values.kind === 'number' ? Number.isNaN(values.values[i]!) : values.codes[i]! < 0;
    if (isMissing && use[i]) {
      use[i] = 0;
      missing++;
    }
  }
  if (missing) exclusions.push({ reason: `missing outcome "${outcome}"`, count: missing });
  let group: Int32Array;
  let K: number;
  let groups: string[];
  if (values.kind === 'category') {
    group = values.codes;
    K = values.levels.length;
    groups = [...values.levels];
  } else {
    const q = quantileGroups(values.values, use, options.numericGroups ?? 3);
    group = q.group;
    K = q.K;
    groups = q.labels;
  }
  return { input: { recruiter: sample.recruiter, degree: treated.degree, use, outcome: values, group, K }, degree: treated.treatment, exclusions, groups, outcome };
}

/** Point estimates (one per level, or the mean) and weights of an estimator on prepared data. */
export function rdsPoint(p: PreparedRds, estimator: RdsEstimator, options: RdsOptions = {}): { estimates: number[]; weights: Float64Array; rds1?: Rds1Details } {
  const { weights, rds1 } = estimatorWeights(p.input, estimator, { populationSize: options.populationSize, ss: { ...options.ss, seed: options.seed ?? 1 } });
  return { estimates: weightedEstimates(weights, p.input.outcome, p.input.use), weights, ...(rds1 ? { rds1 } : {}) };
}

/** Estimates an outcome's distribution (or mean) from an RDS sample with one estimator. */
export function rdsEstimate(sample: RdsSample, outcome: string, options: RdsOptions = {}): RdsAnalysis {
  const estimator = options.estimator ?? 'rds2';
  const N = options.populationSize;
  if (N !== undefined && !(Number.isFinite(N) && N >= sample.n)) throw new DesignError(`the population size ${N} must be a number at least the sample size ${sample.n}`);
  if (estimator === 'ss' && N === undefined) throw new DesignError("Gile's SS estimator needs the population size N");
  const p = prepareRds(sample, outcome, options);
  const warnings: string[] = [];
  const t = p.degree;
  if (t.zero + t.missing > 0) {
    warnings.push(`${t.zero} zero and ${t.missing} missing degree(s) in "${sample.degreeColumn}": ${t.changed} set to ${t.value ?? '-'}, ${t.excluded} left out (rule ${t.rule})`);
  }
  if (sample.orphanRows.length) warnings.push(`${sample.orphanRows.length} respondent(s) whose recruiter matched nobody were made seeds of new trees`);
  const point = rdsPoint(p, estimator, options);
  let m = 0;
  for (let i = 0; i < sample.n; i++) m += p.input.use[i]!;
  let total = 0;
  for (const w of point.weights) total += w;
  const scale = (N ?? m) / total;
  const weights = Float64Array.from(point.weights, (w) => w * scale);
  const L = point.estimates.length;
  const level = options.level ?? 0.95;
  const B = options.bootstrap ?? 0;
  const seed = options.seed ?? 1;
  let se: number[];
  let lo: number[];
  let hi: number[];
  let boot: RdsAnalysis['bootstrap'];
  if (B > 0) {
    const b = salganikBootstrap(p.input, estimator, { replicates: B, seed, resample: options.resample ?? 'uniform', level, populationSize: N, ss: options.ss });
    ({ se } = b);
    lo = b.ciLow;
    hi = b.ciHigh;
    boot = { replicates: B, failed: b.failed, resample: options.resample ?? 'uniform', seed };
    if (b.failed) warnings.push(`${b.failed} of ${B} bootstrap replicates gave no finite estimate and were left out`);
    const outside = point.estimates.map((e, l) => (e < lo[l]! || e > hi[l]! ? l : -1)).filter((l) => l >= 0);
    if (outside.length) {
      const names = outside.map((l) => (p.input.outcome.kind === 'category' ? `"${p.input.outcome.levels[l]}"` : 'the mean'));
      warnings.push(`${outcome}: the ${estimator} estimate of ${names.join(', ')} lies outside its bootstrap interval: the Salganik bootstrap chain centres on the equilibrium of the recruitment matrix (an RDS-I-like value), which differs from this estimate when the sample is far from equilibrium (seed effects, few waves)`);
    }
  } else {
    const z = qnorm(1 - (1 - level) / 2);
    const used: number[] = [];
    for (let i = 0; i < sample.n; i++) if (p.input.use[i]) used.push(i);
    const w = used.map((i) => weights[i]!);
    const out = p.input.outcome;
    se = Array.from({ length: L }, (_, l) => elStandardError(w, used.map((i) => (out.kind === 'number' ? out.values[i]! : out.codes[i] === l ? 1 : 0)), N));
    lo = point.estimates.map((e, l) => e - z * se[l]!);
    hi = point.estimates.map((e, l) => e + z * se[l]!);
  }
  const out = p.input.outcome;
  const results: RdsResultRow[] = point.estimates.map((estimate, l) => ({
    estimator, outcome, level: out.kind === 'category' ? out.levels[l]! : null, estimate, se: se[l]!, ci_low: lo[l]!, ci_high: hi[l]!, n: m,
  }));
  return {
    results, weights, uncertainty: B > 0 ? 'bootstrap' : 'el', degree: p.degree, exclusions: p.exclusions, warnings, groups: p.groups,
    ...(point.rds1 ? { rds1: point.rds1 } : {}), ...(boot ? { bootstrap: boot } : {}),
  };
}
