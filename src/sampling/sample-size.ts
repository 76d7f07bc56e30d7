/**
 * Sample size for a proportion or a mean in a (sub)population, and the precision a given sample size achieves
 * (spec survey.md section 4).
 *
 * Sample size, target precision given as a margin of error e (absolute), a relative margin r = e/|theta|, or a CV c:
 *   proportion  n0 = deff z^2 p(1-p) / e^2  |  deff z^2 (1-p) / (p r^2)  |  deff (1-p) / (p c^2)
 *   mean        n0 = deff z^2 S^2 / e^2     |  deff z^2 S^2 / (mu^2 r^2) |  deff S^2 / (mu^2 c^2)
 * with z the normal quantile of the confidence level (a CV target needs none). Finite population of N units:
 *   proportion  n = n0 N / (N + n0 - 1)  (Cochran 1977 ch. 4: n0 / (1 + (n0 - 1)/N); samplics; PracTools nPropMoe:
 *                                         exact for V(p) = (N - n)/(N - 1) p(1-p)/n)
 *   mean        n = n0 / (1 + n0/N)      (Cochran 1977 ch. 4; PracTools nCont: exact for V(ybar) = (1 - n/N) S^2/n,
 *                                         S^2 the population variance with divisor N - 1)
 * n (rounded up) is the number of completed interviews needed in the target (sub)population. Units to select (issue,
 * or screen for a rare subpopulation) so that n are expected: n / (P RR e), with P the prevalence of the subpopulation
 * in the frame, RR the response rate and e the eligibility confirmation rate (spec section 4: p = 0.5, e = 0.05,
 * deff = 2 gives 769; with P = 0.08 and RR = 0.7, 769 / 0.056 = 13,733 units to screen).
 *
 * Rounding: every count is rounded up (ceiling) once, at the step that produces it: n = ceil(n after the fpc), then
 * units to select = ceil(n / (P RR e)) from the rounded n, as in the spec's example. Floating-point noise below a
 * relative 1e-9 is ignored by the ceiling (1600.0000000000002 is 1600).
 */
import { critical } from '../survey/distributions.js';
import { SamplingDesignError } from './design-error.js';

/** Target precision: a margin of error (absolute, or relative to the parameter), or a coefficient of variation. */
export type PrecisionTarget = { readonly moe: number; readonly relative?: boolean } | { readonly cv: number };

/** Design and field assumptions shared by sample-size and precision calculations; defaults in brackets. */
export interface PlanningOptions {
  /** Confidence level of the margin of error [0.95]. */
  readonly level?: number;
  /** Design effect of the planned design relative to SRS [1]. */
  readonly deff?: number;
  /** Size N of the target (sub)population, for the finite population correction [none: infinite]. */
  readonly population?: number;
  /** Response rate RR in (0, 1] [1]. */
  readonly responseRate?: number;
  /** Prevalence P of the target subpopulation among the units selected (screened), in (0, 1] [1]. */
  readonly prevalence?: number;
  /** Eligibility confirmation rate e in (0, 1]: the share of screened-in units confirmed eligible [1]. */
  readonly eligibility?: number;
}

/** What is estimated: a proportion p, or a mean with unit standard deviation S (and the mean mu, for relative targets). */
export type PlannedParameter =
  | { readonly proportion: number }
  | { readonly sd: number; readonly mean?: number };

/** A sample size and the steps to it (snake_case: written as is by the CLI). */
export interface SampleSize {
  readonly parameter: 'proportion' | 'mean';
  readonly p: number | null;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly target: 'moe' | 'relative_moe' | 'cv';
  readonly target_value: number;
  readonly level: number;
  /** Normal quantile of the level; null for a CV target. */
  readonly z: number | null;
  readonly deff: number;
  readonly population: number | null;
  readonly response_rate: number;
  readonly prevalence: number;
  readonly eligibility: number;
  /** Simple random sample size, infinite population, no design effect (unrounded). */
  readonly n_srs: number;
  /** n_srs x deff (unrounded). */
  readonly n0: number;
  /** n0 after the finite population correction (unrounded; n0 without a population size). */
  readonly n_fpc: number;
  /** Completed interviews needed in the target (sub)population: ceil(n_fpc). */
  readonly n: number;
  /** Units to select (issue, or screen): ceil(n / (prevalence x response_rate x eligibility)). */
  readonly n_select: number;
}

/** The precision a sample achieves. */
export interface Precision {
  readonly parameter: 'proportion' | 'mean';
  readonly p: number | null;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly level: number;
  readonly z: number;
  readonly deff: number;
  readonly population: number | null;
  readonly response_rate: number;
  readonly prevalence: number;
  readonly eligibility: number;
  /** Units selected (issued or screened), as given. */
  readonly n_select: number;
  /** Expected completed interviews in the target (sub)population: n_select x prevalence x response_rate x eligibility. */
  readonly n: number;
  readonly se: number;
  /** Margin of error z x se. */
  readonly moe: number;
  /** moe / |parameter|; null for a mean without `mean`. */
  readonly relative_moe: number | null;
  /** se / |parameter|; null for a mean without `mean`. */
  readonly cv: number | null;
}

/** Ceiling that ignores floating-point noise below a relative 1e-9. */
export function roundUp(x: number): number {
  return Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x)));
}

function check(name: string, v: number | undefined, ok: (x: number) => boolean, range: string): void {
  if (v !== undefined && !(typeof v === 'number' && ok(v))) throw new SamplingDesignError(`${name} ${String(v)}: expected ${range}`);
}

const unitOpen = (x: number): boolean => x > 0 && x < 1;
const unitHalfOpen = (x: number): boolean => x > 0 && x <= 1;
const positive = (x: number): boolean => x > 0 && Number.isFinite(x);

interface Resolved {
  readonly level: number;
  readonly deff: number;
  readonly population: number | null;
  readonly responseRate: number;
  readonly prevalence: number;
  readonly eligibility: number;
}

function resolve(o: PlanningOptions): Resolved {
  check('level', o.level, unitOpen, 'a confidence level strictly between 0 and 1');
  check('deff', o.deff, positive, 'a design effect > 0');
  check('population', o.population, (x) => x >= 1 && x <= Infinity, 'a population size >= 1');
  check('response rate', o.responseRate, unitHalfOpen, 'a rate in (0, 1]');
  check('prevalence', o.prevalence, unitHalfOpen, 'a prevalence in (0, 1]');
  check('eligibility', o.eligibility, unitHalfOpen, 'a rate in (0, 1]');
  return {
    level: o.level ?? 0.95,
    deff: o.deff ?? 1,
    population: o.population === undefined || o.population === Infinity ? null : o.population,
    responseRate: o.responseRate ?? 1,
    prevalence: o.prevalence ?? 1,
    eligibility: o.eligibility ?? 1,
  };
}

/** The parameter's unit variance, value, and kind; checked. */
function parameterOf(param: PlannedParameter): { kind: 'proportion' | 'mean'; s2: number; theta: number | null; p: number | null; mean: number | null; sd: number | null } {
  if ('proportion' in param) {
    const p = param.proportion;
    check('proportion', p, unitOpen, 'a proportion strictly between 0 and 1');
    return { kind: 'proportion', s2: p * (1 - p), theta: p, p, mean: null, sd: null };
  }
  check('sd', param.sd, positive, 'a standard deviation > 0');
  check('mean', param.mean, (x) => Number.isFinite(x) && x !== 0, 'a finite, non-zero mean');
  return { kind: 'mean', s2: param.sd * param.sd, theta: param.mean ?? null, p: null, mean: param.mean ?? null, sd: param.sd };
}

/**
 * Sample size for a proportion or a mean with a target margin of error (absolute or relative) or CV, at a confidence
 * level, with a design effect, a finite population correction and the inflation for prevalence, response and
 * eligibility (formulas in the module comment; spec survey.md section 4, samplics, Cochran 1977 ch. 4).
 */
export function sampleSize(param: PlannedParameter, target: PrecisionTarget, options: PlanningOptions = {}): SampleSize {
  const o = resolve(options);
  const q = parameterOf(param);
  let kind: SampleSize['target'];
  let value: number;
  let z: number | null = null;
  let nSrs: number;
  if ('cv' in target) {
    check('cv', target.cv, positive, 'a target coefficient of variation > 0');
    if (q.theta === null) throw new SamplingDesignError('a CV target for a mean needs the expected mean');
    kind = 'cv';
    value = target.cv;
    nSrs = q.s2 / (q.theta * q.theta * value * value);
  } else {
    check(target.relative ? 'relative margin of error' : 'margin of error', target.moe, positive, 'a margin of error > 0');
    if (q.kind === 'proportion' && !target.relative && target.moe >= 1) {
      throw new SamplingDesignError(`margin of error ${target.moe}: expected a margin below 1 on the proportion scale (or give a relative margin)`);
    }
    if (target.relative && q.theta === null) throw new SamplingDesignError('a relative margin of error for a mean needs the expected mean');
    kind = target.relative ? 'relative_moe' : 'moe';
    value = target.moe;
    z = critical(o.level, Infinity);
    const e = target.relative ? value * Math.abs(q.theta!) : value;
    nSrs = (z * z * q.s2) / (e * e);
  }
  const n0 = o.deff * nSrs;
  const N = o.population;
  const nFpc = N === null ? n0 : q.kind === 'proportion' ? (n0 * N) / (N + n0 - 1) : n0 / (1 + n0 / N);
  const n = roundUp(nFpc);
  return {
    parameter: q.kind,
    p: q.p,
    mean: q.mean,
    sd: q.sd,
    target: kind,
    target_value: value,
    level: o.level,
    z,
    deff: o.deff,
    population: N,
    response_rate: o.responseRate,
    prevalence: o.prevalence,
    eligibility: o.eligibility,
    n_srs: nSrs,
    n0,
    n_fpc: nFpc,
    n,
    n_select: roundUp(n / (o.prevalence * o.responseRate * o.eligibility)),
  };
}

/**
 * The precision `nSelect` selected units achieve: expected completed interviews n = nSelect x P x RR x e, then
 * V = deff x (N - n)/(N - 1) x p(1-p)/n for a proportion, V = deff x (1 - n/N) S^2/n for a mean (the variances the
 * sample-size formulas invert; no fpc without a population size), se = sqrt(V), moe = z se, cv = se/|parameter|.
 */
export function precision(param: PlannedParameter, nSelect: number, options: PlanningOptions = {}): Precision {
  const o = resolve(options);
  const q = parameterOf(param);
  check('sample size', nSelect, positive, 'a number of units > 0');
  const n = nSelect * o.prevalence * o.responseRate * o.eligibility;
  const N = o.population;
  if (N !== null && n > N * (1 + 1e-12)) {
    throw new SamplingDesignError(`sample size: ${n} expected interviews exceed the population size ${N}`);
  }
  const fpc = N === null ? 1 : q.kind === 'proportion' ? (N > 1 ? Math.max(0, (N - n) / (N - 1)) : 0) : Math.max(0, 1 - n / N);
  const se = Math.sqrt((o.deff * fpc * q.s2) / n);
  const z = critical(o.level, Infinity);
  return {
    parameter: q.kind,
    p: q.p,
    mean: q.mean,
    sd: q.sd,
    level: o.level,
    z,
    deff: o.deff,
    population: N,
    response_rate: o.responseRate,
    prevalence: o.prevalence,
    eligibility: o.eligibility,
    n_select: nSelect,
    n,
    se,
    moe: z * se,
    relative_moe: q.theta === null ? null : (z * se) / Math.abs(q.theta),
    cv: q.theta === null ? null : se / Math.abs(q.theta),
  };
}

/** Domain CV of a proportion (spec survey.md section 4): CV(p_D) = sqrt(deff (1 - p) / (n P_D p)), n P_D the expected domain sample. */
export function domainCv(args: { readonly n: number; readonly share: number; readonly p: number; readonly deff?: number }): number {
  check('sample size', args.n, positive, 'a number of units > 0');
  check('domain share', args.share, unitHalfOpen, 'a share in (0, 1]');
  check('proportion', args.p, unitOpen, 'a proportion strictly between 0 and 1');
  check('deff', args.deff, positive, 'a design effect > 0');
  const deff = args.deff ?? 1;
  return Math.sqrt((deff * (1 - args.p)) / (args.n * args.share * args.p));
}

/** A planned table cell: a domain (its share of the sample) and the proportion expected in it. */
export interface PlannedCell {
  readonly name: string;
  /** Share P_D of the (responding) sample expected in the domain. */
  readonly share: number;
  /** Expected proportion p in the domain. */
  readonly p: number;
}

/** Grades of a predicted cell, as src/indicators/reliability.ts grades published cells. */
export type PredictedReliability = 'reliable' | 'less_reliable' | 'unreliable';

/** A cell's predicted domain sample, CV and grade. */
export interface PredictedCell {
  readonly name: string;
  readonly share: number;
  readonly p: number;
  readonly n_domain: number;
  readonly cv: number;
  readonly reliability: PredictedReliability;
}

/** CV bands in percent and minimum domain n; defaults as the `ilo` reliability preset: 16.5 / 33.3 (spec section 5, Statistics Canada 2009) and 20. */
export interface CvBands {
  readonly reliable?: number;
  readonly lessReliable?: number;
  readonly minN?: number;
}

/**
 * Predicts which cells of a planned table will be flagged: for each cell the expected domain sample n P_D and the CV
 * of its proportion by `domainCv` (n the completed interviews), graded by CV bands (percent) and a minimum domain n.
 */
export function predictCells(cells: readonly PlannedCell[], n: number, options: { readonly deff?: number } & CvBands = {}): PredictedCell[] {
  const reliable = options.reliable ?? 16.5;
  const less = options.lessReliable ?? 33.3;
  const minN = options.minN ?? 20;
  if (!(reliable >= 0 && less >= reliable)) throw new SamplingDesignError(`CV bands ${reliable} / ${less}: expected 0 <= reliable <= less reliable (percent)`);
  return cells.map((c) => {
    const cv = domainCv({ n, share: c.share, p: c.p, deff: options.deff });
    const nd = n * c.share;
    const pct = 100 * cv;
    const reliability: PredictedReliability = nd < minN || pct > less ? 'unreliable' : pct > reliable ? 'less_reliable' : 'reliable';
    return { name: c.name, share: c.share, p: c.p, n_domain: nd, cv, reliability };
  });
}
