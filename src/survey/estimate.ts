import { type Vector, compareLevels } from './data.js';
import type { SurveyDesign } from './design.js';
import { critical } from './distributions.js';
import { type Condition, type Domain, buildDomains } from './domains.js';
import { DesignError, describeRows } from './errors.js';
import { likelihoodInterval } from './likelihood-interval.js';
import { type DomainRows, domainFrom, domainRows, domainScoreCovariance, scoreCovariance } from './linearization.js';
import { type ProportionCiMethod, proportionInterval } from './proportion-interval.js';
import { type ReplicateDesign, replicateCovariance, replicateDf } from './replicate-design.js';
import { type QuantileIntervalType, type QuantileRule, quantileInterval, sortSample, weightedQuantile } from './quantile.js';

export type Statistic = 'total' | 'mean' | 'ratio' | 'proportion' | 'quantile' | 'var';

/** One statistic to estimate (R: svytotal, svymean, svyratio, svyciprop / proportions, svyquantile, svyvar). */
export type StatRequest =
  | { readonly statistic: 'total' | 'mean' | 'var'; readonly variable: string }
  | { readonly statistic: 'ratio'; readonly numerator: string; readonly denominator: string }
  /** Proportions of every level, or of `value` only (svyciprop of COL == VALUE). */
  | { readonly statistic: 'proportion'; readonly variable: string; readonly value?: string }
  | { readonly statistic: 'quantile'; readonly variable: string; readonly probs: readonly number[] };

/** Options of an estimation run; defaults as stated in the README. */
export interface EstimateOptions {
  readonly by?: readonly string[];
  readonly where?: readonly Condition[];
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** Degrees of freedom of every interval; default: the design df of each domain (R 4.5 `degf`), Infinity for normal intervals. */
  readonly df?: number;
  /** Design-effect reference: SRS without replacement (default, R `deff=TRUE`) or with replacement (`deff="replace"`). */
  readonly deffReplace?: boolean;
  /** Leave out rows with a missing analysis value (counted), instead of failing. */
  readonly naRm?: boolean;
  /** Numeric code columns to treat as categorical. */
  readonly categorical?: readonly string[];
  readonly ciMethod?: ProportionCiMethod;
  readonly qrule?: QuantileRule;
  readonly intervalType?: QuantileIntervalType;
  /** Compute the covariance matrix of all result rows (needed by `contrast`). */
  readonly covariance?: boolean;
}

/** One tidy result row: an estimate for one statistic x variable x level x domain. */
export interface EstimateRow {
  readonly statistic: Statistic;
  readonly variable: string;
  /** Factor level, or quantile probability, or null. */
  readonly level: string | number | null;
  readonly domain: Readonly<Record<string, string>>;
  readonly estimate: number;
  readonly se: number;
  readonly ci_low: number;
  readonly ci_high: number;
  /** Degrees of freedom the interval used. */
  readonly df: number;
  readonly deff: number | null;
  readonly cv: number;
  /** Unweighted rows behind the estimate. */
  readonly n: number;
  /** n / deff: the SRS sample size giving the same variance. */
  readonly n_eff: number | null;
  /** Sum of weights of those rows. */
  readonly N: number;
}

export interface DesignSummary {
  /** Rows and sum of weights of the (where-)subset. */
  readonly n: number;
  readonly N: number;
  /** Design df of the (where-)subset. */
  readonly df: number;
  /** `taylor`, or `replicate:TYPE`. */
  readonly variance: string;
  /** Taylor designs: first-stage strata and PSUs, sampling stages, lonely-PSU rule (null for replicate designs). */
  readonly strata: number | null;
  readonly psu: number | null;
  readonly stages: number | null;
  readonly lonely_psu: string | null;
  /** Replicate designs: the number of replicates (null for Taylor designs). */
  readonly replicates: number | null;
}

/** A count of rows left out of an estimate, with the reason. */
export interface Exclusion {
  readonly reason: string;
  readonly variable?: string;
  readonly count: number;
}

export interface EstimateResult {
  readonly design: DesignSummary;
  readonly results: EstimateRow[];
  /** Covariance of the result rows (row-major, results.length squared); NaN where not defined (quantiles). */
  readonly covariance?: Float64Array;
  readonly warnings: string[];
  readonly exclusions: Exclusion[];
}

/** A statistic linearised on a domain: estimates, unweighted scores u (row-major, K per row) and labels. */
interface Linearised {
  /** None for a total: its estimate is the domain total of its scores (u = y), summed by the variance pass. */
  readonly estimates?: number[];
  readonly levels: (string | null)[];
  readonly u: Float64Array;
  readonly K: number;
}

interface Factor {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** A domain's rows with what every statistic on it shares (weights, units, n, N and design df), and its column values. */
interface Frame extends DomainRows {
  /** Values of a numeric column on the rows. */
  readonly values: (x: Float64Array) => Float64Array;
}

/** A design for estimation: Taylor linearisation (`svyDesign`) or replicate weights (`svrepDesign`, `asReplicateDesign`). */
export type Design = SurveyDesign | ReplicateDesign;

const NO_UNITS = new Int32Array(0);

/** A frame of any rows: weights, units and values gathered row by row (a replicate design has no units; its df is R's rank rule). */
function gatheredFrame(design: Design, rows: Int32Array): Frame {
  const values = (x: Float64Array): Float64Array => gather(x, rows);
  if (design.kind === 'taylor') return { ...domainRows(design, rows), values };
  const w = gather(design.weights, rows);
  let n = 0;
  let N = 0;
  for (let j = 0; j < w.length; j++) {
    N += w[j]!;
    if (w[j] !== 0) n++;
  }
  // df (R's rank rule, a QR of the domain's replicate weights) only when an interval asks for it: a given df skips it
  let df: number | undefined;
  return { rows, w, n, N, get df() { return (df ??= replicateDf(design, rows)); }, unit: NO_UNITS, unitCounts: NO_UNITS, values };
}

/** Replicate estimates of a statistic on a frame, row-major R x K: the statistic recomputed with each replicate's weights. */
function replicateEstimates(design: ReplicateDesign, f: Frame, K: number, recompute: (w: Float64Array, N: number) => readonly number[]): Float64Array {
  const R = design.replicates.length;
  const out = new Float64Array(R * K);
  const w = new Float64Array(f.rows.length);
  for (let r = 0; r < R; r++) {
    const rep = design.replicates[r]!;
    let N = 0;
    for (let j = 0; j < f.rows.length; j++) N += w[j] = rep[f.rows[j]!]!;
    out.set(recompute(w, N), r * K);
  }
  return out;
}

/**
 * Per-domain sums of every replicate, in one sequential pass per replicate column over the rows: for replicate r and
 * domain d, sums[(r * D + d) * (1 + V)] = sum of w_r, and + 1 + v = sum of w_r x_v for the numeric columns x_v. Each sum
 * runs in row order, as `replicateEstimates` sums the domain's gathered rows, so the sums are the same bit for bit.
 * Undefined (use `replicateEstimates`) when the domains' rows are not ascending or overlap.
 */
function replicateDomainSums(design: ReplicateDesign, dom: readonly Domain[], columns: readonly Float64Array[]): Float64Array | undefined {
  const D = dom.length;
  const V = columns.length;
  const S = 1 + V;
  const domainOf = new Int32Array(design.n).fill(-1);
  for (let d = 0; d < D; d++) {
    const rows = dom[d]!.rows;
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j]!;
      if (domainOf[i] !== -1 || (j > 0 && i <= rows[j - 1]!)) return undefined;
      domainOf[i] = d;
    }
  }
  const R = design.replicates.length;
  const sums = new Float64Array(R * D * S);
  const n = design.n;
  for (let r = 0; r < R; r++) {
    const rep = design.replicates[r]!;
    const base = r * D * S;
    if (V === 2) {
      const [x0, x1] = columns as [Float64Array, Float64Array];
      for (let i = 0; i < n; i++) {
        const d = domainOf[i]!;
        if (d < 0) continue;
        const w = rep[i]!;
        const o = base + d * 3;
        sums[o]! += w;
        sums[o + 1]! += w * x0[i]!;
        sums[o + 2]! += w * x1[i]!;
      }
      continue;
    }
    for (let i = 0; i < n; i++) {
      const d = domainOf[i]!;
      if (d < 0) continue;
      const w = rep[i]!;
      const o = base + d * S;
      sums[o]! += w;
      for (let v = 0; v < V; v++) sums[o + 1 + v]! += w * columns[v]![i]!;
    }
  }
  return sums;
}

/**
 * Replicate estimates of a total, mean or ratio on domain d from `replicateDomainSums` (S sums per replicate and domain,
 * `at` the offsets of the statistic's columns): sum w y, sum w y / sum w, sum w y / sum w x; as `linearise` computes them.
 */
function fastReplicateEstimates(design: ReplicateDesign, sums: Float64Array, D: number, d: number, S: number, statistic: 'total' | 'mean' | 'ratio', at: readonly number[]): Float64Array {
  const R = design.replicates.length;
  const out = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const o = (r * D + d) * S;
    const Y = sums[o + at[0]!]!;
    out[r] = statistic === 'total' ? Y : statistic === 'mean' ? Y / sums[o]! : Y / sums[o + at[1]!]!;
  }
  return out;
}

/**
 * Frames of all domains over columns laid out domain after domain (`position`: 1 + each row's index, 0 for none), each
 * by one sequential scatter (cached per column), so that every domain's values are contiguous: far fewer cache misses
 * than gathering each domain's rows from every column.
 */
function domainFrames(design: SurveyDesign, dom: readonly Domain[], position: Int32Array): Frame[] {
  const start = new Int32Array(dom.length + 1);
  for (let i = 0; i < dom.length; i++) start[i + 1] = start[i]! + dom[i]!.rows.length;
  const laidOut = new Map<Float64Array, Float64Array>();
  const column = (x: Float64Array): Float64Array => {
    let out = laidOut.get(x);
    if (!out) laidOut.set(x, (out = scatter(x, position, new Float64Array(start[dom.length]!))));
    return out;
  };
  const w = column(design.weights);
  const unit = scatter(design.stages[design.stages.length - 1]!.unitOfRow, position, new Int32Array(start[dom.length]!));
  return dom.map((d, i) => {
    const [a, b] = [start[i]!, start[i + 1]!];
    return { ...domainFrom(design, d.rows, w.subarray(a, b), unit.subarray(a, b)), values: (x: Float64Array) => column(x).subarray(a, b) };
  });
}

/** out[position[r] - 1] = x[r] for the rows r with a position (> 0). */
function scatter<T extends Float64Array | Int32Array>(x: T, position: Int32Array, out: T): T {
  for (let r = 0; r < position.length; r++) {
    const p = position[r]!;
    if (p > 0) out[p - 1] = x[r]!;
  }
  return out;
}

/** Runs every request on every domain: estimates with SE, CI, df, deff, cv, n, n_eff and N (domains never subset the design). */
export function estimate(design: Design, requests: readonly StatRequest[], options: EstimateOptions = {}): EstimateResult {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new DesignError(`confidence level ${level} must be between 0 and 1`);
  if (options.df !== undefined && !(options.df > 0)) throw new DesignError(`df ${options.df} must be positive or Inf`);
  const data = design.data;
  const categorical = new Set(options.categorical ?? []);
  const { subset, domains, missingBy, position } = buildDomains(data, options.by ?? [], options.where ?? []);
  const warnings = new Set<string>(design.warnings ?? []);
  const exclusions: Exclusion[] = [];
  if (missingBy > 0) exclusions.push({ reason: `missing value of a by-variable (${(options.by ?? []).join(', ')})`, count: missingBy });
  const dom: readonly Domain[] = options.by?.length ? domains : [{ key: {}, rows: subset }];
  // Frames of the domains, shared by the requests without missing values.
  const frames = design.kind === 'taylor' ? domainFrames(design, dom, position) : dom.map((d) => gatheredFrame(design, d.rows));

  // Rows of the subset missing each analysis variable, found once per variable.
  const missingOf = new Map<string, number[]>();
  const missingRows = (name: string): number[] => {
    let rows = missingOf.get(name);
    if (!rows) missingOf.set(name, (rows = missingIn(data.column(name), subset)));
    return rows;
  };

  // Replicate designs: per-domain replicate sums of the numeric columns of totals, means and ratios, built on first use.
  const sumColumns: Float64Array[] = [];
  if (design.kind === 'replicate') {
    for (const req of requests) {
      if (req.statistic !== 'total' && req.statistic !== 'mean' && req.statistic !== 'ratio') continue;
      for (const name of req.statistic === 'ratio' ? [req.numerator, req.denominator] : [req.variable]) {
        const v = data.column(name);
        if (v.kind === 'number' && (req.statistic === 'ratio' || !isCategorical(v, categorical, name)) && !sumColumns.includes(v.values)) sumColumns.push(v.values);
      }
    }
  }
  let repSums: Float64Array | undefined | null = null; // null: not built yet
  const domainSums = (): Float64Array | undefined => {
    if (repSums === null) repSums = replicateDomainSums(design as ReplicateDesign, dom, sumColumns);
    return repSums;
  };

  const results: EstimateRow[] = [];
  const blocks: Block[] = [];
  const isQuantile: boolean[] = [];

  for (const req of requests) {
    const variables = req.statistic === 'ratio' ? [req.numerator, req.denominator] : [req.variable];
    const vectors = variables.map((name) => data.column(name));
    const missing = [...new Set(variables.flatMap(missingRows))].sort((a, b) => a - b);
    if (missing.length > 0) {
      if (!options.naRm) {
        throw new DesignError(
          `${variables.join('/')} has ${missing.length} missing value(s) at ${describeRows(missing)}: use --na-rm to leave them out (they are counted)`,
        );
      }
      exclusions.push({ reason: 'missing analysis value', variable: variables.join('/'), count: missing.length });
    }
    const factor = req.statistic === 'proportion' || isCategorical(vectors[0]!, categorical, variables[0]!) ? toFactor(vectors[0]!) : undefined;
    if (factor && req.statistic !== 'total' && req.statistic !== 'mean' && req.statistic !== 'proportion') {
      throw new DesignError(`--${req.statistic} needs a numeric column; "${variables[0]}" is categorical`);
    }
    for (const vec of req.statistic === 'ratio' ? vectors : []) {
      if (vec.kind !== 'number') throw new DesignError(`--ratio needs numeric columns; "${variables[vectors.indexOf(vec)]}" is categorical`);
    }

    for (let i = 0; i < dom.length; i++) {
      const d = dom[i]!;
      const f = missing.length > 0 ? gatheredFrame(design, dropMissing(d.rows, vectors)) : frames[i]!;
      const rows = f.rows;
      // the design df of the domain (for a replicate design a QR of its replicate weights) only where it is used
      const df = options.df ?? f.df;
      const common = { domain: d.key, df, n: f.n, N: f.N };

      if (req.statistic === 'quantile') {
        const xs = f.values((vectors[0] as { values: Float64Array }).values);
        const sample = sortSample(xs, f.w);
        const below = (threshold: number): { p: number; variance: number } => {
          const u = new Float64Array(rows.length);
          for (let j = 0; j < rows.length; j++) u[j] = xs[j]! <= threshold ? 1 : 0;
          const lin = linearMean(f, u, 1);
          const mean = (w: Float64Array, N: number): number[] => totals(w, u, 1).map((t) => t / N);
          const variance = design.kind === 'taylor'
            ? domainScoreCovariance(design, f, lin.u, 1, warnings).V[0]!
            : replicateVariance(design, lin.estimates, replicateEstimates(design, f, 1, mean), warnings)[0]!;
          return { p: lin.estimates[0]!, variance };
        };
        const rule = options.qrule ?? 'math';
        const type = options.intervalType ?? 'mean';
        if (type === 'quantile' && design.kind !== 'replicate') throw new DesignError('--interval-type quantile needs a replicate-weight design');
        for (const p of req.probs) {
          const q = weightedQuantile(sample, p, rule);
          const replicateSe = type === 'quantile'
            ? Math.sqrt(replicateVariance(design as ReplicateDesign, [q], replicateEstimates(design as ReplicateDesign, f, 1, (w) => [weightedQuantile(sortSample(xs, w), p, rule)]), warnings)[0]!)
            : NaN;
          const ci = type === 'quantile'
            ? { low: q - critical(level, df) * replicateSe, high: q + critical(level, df) * replicateSe, se: replicateSe }
            : quantileInterval({ sample, estimate: q, p, rule, type: type as Exclude<QuantileIntervalType, 'quantile'>, level, df, nRows: rows.length, designDf: f.df, below, values: xs });
          results.push(row('quantile', req.variable, p, q, ci.se, ci.low, ci.high, null, common));
          isQuantile.push(true);
        }
        continue;
      }

      const lin = linearise(req, vectors, factor, f);
      let V: Float64Array;
      let scoreTotals: Float64Array;
      let reps: Float64Array | undefined;
      if (design.kind === 'taylor') ({ V, totals: scoreTotals } = domainScoreCovariance(design, f, lin.u, lin.K, warnings));
      else {
        scoreTotals = Float64Array.from(totals(f.w, lin.u, lin.K));
        const at = vectors.map((v) => (v.kind === 'number' ? 1 + sumColumns.indexOf(v.values) : 0));
        const fast = !factor && missing.length === 0 && (req.statistic === 'total' || req.statistic === 'mean' || req.statistic === 'ratio') && at.every((a) => a > 0);
        const sums = fast ? domainSums() : undefined;
        reps = sums
          ? fastReplicateEstimates(design, sums, dom.length, i, 1 + sumColumns.length, req.statistic as 'total' | 'mean' | 'ratio', at)
          : replicateEstimates(design, f, lin.K, (w, N) => {
            const l = linearise(req, vectors, factor, { ...f, w, N });
            return l.estimates ?? totals(w, l.u, l.K);
          });
        V = replicateVariance(design, lin.estimates ?? Array.from(scoreTotals), reps, warnings);
      }
      const deffs = designEffects(V, scoreTotals, lin, f, options.deffReplace ?? false, warnings);
      const t = critical(level, df);
      const first = results.length;
      (lin.estimates ?? Array.from(scoreTotals)).forEach((est, k) => {
        if (req.statistic === 'proportion' && req.value !== undefined && lin.levels[k] !== req.value) return;
        const se = Math.sqrt(V[k * lin.K + k]!);
        let ci: [number, number];
        if (req.statistic === 'proportion') {
          const method = options.ciMethod ?? 'logit';
          const y = new Float64Array(rows.length);
          ci = method === 'likelihood'
            ? likelihoodInterval({ y: indicator(factor!, rows, k, y), w: f.w, varP: se * se, df, level })
            : proportionInterval(method, { p: est, variance: se * se, df, nRows: rows.length, designDf: f.df, level });
        } else {
          ci = [est - t * se, est + t * se];
        }
        const stat: Statistic = req.statistic === 'mean' && factor ? 'mean' : req.statistic;
        const variable = req.statistic === 'ratio' ? `${req.numerator}/${req.denominator}` : req.variable;
        results.push(row(stat, variable, lin.levels[k] ?? null, est, se, ci[0], ci[1], deffs[k]!, common));
        isQuantile.push(false);
      });
      if (options.covariance) {
        const keep = req.statistic === 'proportion' && req.value !== undefined ? lin.levels.indexOf(req.value) : -1;
        const full = lin.estimates ?? Array.from(scoreTotals);
        blocks.push(keep >= 0
          ? { rows, u: column(lin.u, lin.K, keep), K: 1, first, full: [full[keep]!], reps: reps && column(reps, lin.K, keep) }
          : { rows, u: lin.u, K: lin.K, first, full, reps });
      }
    }
  }

  const all = gatheredFrame(design, subset);
  const taylor = design.kind === 'taylor';
  const summary: DesignSummary = {
    n: subset.length,
    N: all.N,
    df: all.df,
    variance: taylor ? 'taylor' : `replicate:${design.type}`,
    strata: taylor ? design.stages[0]!.nStrata : null,
    psu: taylor ? design.stages[0]!.nUnits : null,
    stages: taylor ? (design.spec.psu?.length ?? 1) : null,
    lonely_psu: taylor ? design.lonelyPsu : null,
    replicates: taylor ? null : design.replicates.length,
  };
  const out: EstimateResult = { design: summary, results, warnings: [...warnings], exclusions };
  if (options.covariance) return { ...out, covariance: jointCovariance(design, subset, blocks, results, isQuantile) };
  return out;
}

function row(
  statistic: Statistic, variable: string, level: string | number | null, estimate: number, se: number,
  ci_low: number, ci_high: number, deff: number | null,
  c: { domain: Readonly<Record<string, string>>; df: number; n: number; N: number },
): EstimateRow {
  return {
    statistic, variable, level, domain: c.domain, estimate, se, ci_low, ci_high, df: c.df, deff,
    cv: se / Math.abs(estimate), n: c.n, n_eff: deff === null || deff === 0 ? null : c.n / deff, N: c.N,
  };
}

function isCategorical(v: Vector, forced: ReadonlySet<string>, name: string): boolean {
  return v.kind === 'category' || forced.has(name);
}

/** Levels in R order (numeric-looking numerically, else code-point) with row codes. */
function toFactor(v: Vector): Factor {
  if (v.kind === 'category') {
    const order = v.levels.map((_, i) => i).sort((a, b) => compareLevels(v.levels[a]!, v.levels[b]!));
    const rank = new Int32Array(v.levels.length);
    order.forEach((o, r) => (rank[o] = r));
    return { codes: v.codes.map((c) => (c < 0 ? -1 : rank[c]!)), levels: order.map((o) => v.levels[o]!) };
  }
  const distinct = [...new Set(v.values.filter((x) => !Number.isNaN(x)))].sort((a, b) => a - b);
  const index = new Map(distinct.map((x, i) => [x, i]));
  return { codes: Int32Array.from(v.values, (x) => (Number.isNaN(x) ? -1 : index.get(x)!)), levels: distinct.map(String) };
}

function isMissing(v: Vector, i: number): boolean {
  return v.kind === 'number' ? Number.isNaN(v.values[i]!) : v.codes[i]! < 0;
}

/** Rows (ascending) where the vector is missing. */
function missingIn(v: Vector, rows: Int32Array): number[] {
  const out: number[] = [];
  if (v.kind === 'number') {
    for (let j = 0; j < rows.length; j++) if (Number.isNaN(v.values[rows[j]!]!)) out.push(rows[j]!);
  } else {
    for (let j = 0; j < rows.length; j++) if (v.codes[rows[j]!]! < 0) out.push(rows[j]!);
  }
  return out;
}

function dropMissing(rows: Int32Array, vectors: readonly Vector[]): Int32Array {
  return rows.filter((r) => !vectors.some((v) => isMissing(v, r)));
}

function gather(x: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = x[rows[j]!]!;
  return out;
}

function column(u: Float64Array, K: number, k: number): Float64Array {
  const out = new Float64Array(u.length / K);
  for (let j = 0; j < out.length; j++) out[j] = u[j * K + k]!;
  return out;
}

function indicator(f: Factor, rows: Int32Array, level: number, out: Float64Array): Float64Array {
  for (let j = 0; j < rows.length; j++) out[j] = f.codes[rows[j]!] === level ? 1 : 0;
  return out;
}

/** Mean of K columns of values y (row-major, one row per domain row), score u = (y - mean)/N (spec F4). */
function linearMean(f: Frame, y: Float64Array, K: number): Required<Linearised> {
  const Nhat = f.N;
  const means = totals(f.w, y, K).map((t) => t / Nhat);
  const u = new Float64Array(y.length);
  for (let j = 0; j < f.w.length; j++) for (let k = 0; k < K; k++) u[j * K + k] = (y[j * K + k]! - means[k]!) / Nhat;
  return { estimates: means, levels: new Array(K).fill(null), u, K };
}

/** Estimates and linearised scores of one request on one domain (spec F1, F4, F5, F6, F9). */
function linearise(req: StatRequest, vectors: readonly Vector[], factor: Factor | undefined, f: Frame): Linearised {
  const { rows, w } = f;
  const m = rows.length;
  if (factor && (req.statistic === 'total' || req.statistic === 'mean' || req.statistic === 'proportion')) {
    const K = factor.levels.length;
    const y = new Float64Array(m * K);
    for (let j = 0; j < m; j++) y[j * K + factor.codes[rows[j]!]!] = 1;
    const lin = req.statistic === 'total' ? { u: y, K } : linearMean(f, y, K);
    return { ...lin, levels: [...factor.levels] };
  }
  if (req.statistic === 'ratio') {
    const y = f.values((vectors[0] as { values: Float64Array }).values);
    const x = f.values((vectors[1] as { values: Float64Array }).values);
    let Y = 0;
    let X = 0;
    for (let j = 0; j < m; j++) {
      Y += w[j]! * y[j]!;
      X += w[j]! * x[j]!;
    }
    const R = Y / X;
    const u = new Float64Array(m);
    for (let j = 0; j < m; j++) u[j] = (y[j]! - R * x[j]!) / X;
    return { estimates: [R], levels: [null], u, K: 1 };
  }
  const y = f.values((vectors[0] as { values: Float64Array }).values);
  if (req.statistic === 'total') return { levels: [null], u: y, K: 1 };
  if (req.statistic === 'mean') return linearMean(f, y, 1);
  // var: R svyvar = svymean of (y - ybar)^2 n/(n-1), n = rows with non-zero weight.
  const n = f.n;
  const ybar = linearMean(f, y, 1).estimates[0]!;
  const zz = y.map((v) => ((v - ybar) ** 2 * n) / (n - 1));
  return linearMean(f, zz, 1);
}

/** Weighted totals of K columns of values y (row-major, one row per weight in w); each sum runs in row order. */
function totals(w: Float64Array, y: Float64Array, K: number): number[] {
  const tot = new Array<number>(K);
  for (let k = 0; k < K; k++) {
    let t = 0;
    for (let j = 0; j < w.length; j++) t += w[j]! * y[j * K + k]!;
    tot[k] = t;
  }
  return tot;
}

/** Kish design effect as R computes it (spec F10): V / (N^2 (1 - n/N) s_u^2 / n), s_u^2 the svyvar of the score (mean: scoreTotals / N). */
function designEffects(
  V: Float64Array, scoreTotals: Float64Array, lin: Linearised, f: Frame, replace: boolean, warnings: Set<string>,
): (number | null)[] {
  const { w, n, N } = f;
  const K = lin.K;
  if (!replace && N < n) {
    warnings.add('sum of weights below the sample size: weights do not look scaled to the population, so deff (without replacement) is not computed');
    return new Array(K).fill(null);
  }
  const out: (number | null)[] = [];
  for (let k = 0; k < K; k++) {
    const mean = scoreTotals[k]! / N;
    let ss = 0;
    for (let j = 0; j < w.length; j++) {
      const d = lin.u[j * K + k]! - mean;
      ss += w[j]! * (d * d);
    }
    const s2 = ((n / (n - 1)) * ss) / N;
    const vsrs = (N * N * s2 * (replace ? 1 : 1 - n / N)) / n;
    out.push(V[k * K + k]! / vsrs);
  }
  return out;
}

/** Replicate covariance (R `svrVar`), with a warning when replicates gave no estimate. */
function replicateVariance(design: ReplicateDesign, full: readonly number[], reps: Float64Array, warnings: Set<string>): Float64Array {
  const { covariance, dropped } = replicateCovariance(design, full, reps);
  if (dropped > 0) warnings.add(`${dropped} replicate(s) gave no estimate (NaN) and were left out of the variance`);
  return covariance;
}

/** The scores (Taylor) or replicate estimates (replicate designs) of a request on a domain, for the joint covariance. */
interface Block {
  readonly rows: Int32Array;
  readonly u: Float64Array;
  readonly K: number;
  /** Index of its first result row. */
  readonly first: number;
  readonly full: readonly number[];
  readonly reps?: Float64Array;
}

/**
 * Covariance of all linearised result rows over the (where-)subset, as R `svyby(..., covmat = TRUE)`: influence functions
 * on the full design (Taylor), or the replicate estimates of every row together (replicate designs).
 */
function jointCovariance(design: Design, subset: Int32Array, blocks: readonly Block[], results: readonly EstimateRow[], isQuantile: readonly boolean[]): Float64Array {
  const R = results.length;
  const col = new Int32Array(R).fill(-1);
  let Ktot = 0;
  for (const b of blocks) for (let k = 0; k < b.K; k++) col[b.first + k] = Ktot++;
  const V = design.kind === 'taylor' ? jointScoreCovariance(design, subset, blocks, Ktot) : jointReplicateCovariance(design, blocks, Ktot);
  const out = new Float64Array(R * R).fill(NaN);
  for (let a = 0; a < R; a++) {
    if (isQuantile[a]) {
      out[a * R + a] = results[a]!.se ** 2;
      continue;
    }
    for (let b = 0; b < R; b++) if (!isQuantile[b]) out[a * R + b] = V[col[a]! * Ktot + col[b]!]!;
  }
  return out;
}

function jointReplicateCovariance(design: ReplicateDesign, blocks: readonly Block[], Ktot: number): Float64Array {
  const R = design.replicates.length;
  const reps = new Float64Array(R * Ktot);
  const full: number[] = [];
  for (const b of blocks) {
    for (let r = 0; r < R; r++) for (let k = 0; k < b.K; k++) reps[r * Ktot + full.length + k] = b.reps![r * b.K + k]!;
    full.push(...b.full);
  }
  return replicateCovariance(design, full, reps).covariance;
}

function jointScoreCovariance(design: SurveyDesign, subset: Int32Array, blocks: readonly Block[], Ktot: number): Float64Array {
  let c0 = 0;
  const pos = new Int32Array(design.n).fill(-1);
  subset.forEach((r, j) => (pos[r] = j));
  const z = new Float64Array(subset.length * Ktot);
  for (const b of blocks) {
    for (let j = 0; j < b.rows.length; j++) {
      const r = b.rows[j]!;
      for (let k = 0; k < b.K; k++) z[pos[r]! * Ktot + c0 + k] = design.weights[r]! * b.u[j * b.K + k]!;
    }
    c0 += b.K;
  }
  return scoreCovariance(design, subset, z, Ktot);
}
