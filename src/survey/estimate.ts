import { type Vector, compareLevels } from './data.js';
import type { SurveyDesign } from './design.js';
import { critical } from './distributions.js';
import { type Condition, type Domain, buildDomains } from './domains.js';
import { DesignError, describeRows } from './errors.js';
import { likelihoodInterval } from './likelihood-interval.js';
import { designDf, scoreCovariance } from './linearization.js';
import { type ProportionCiMethod, proportionInterval } from './proportion-interval.js';
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
  readonly strata: number;
  readonly psu: number;
  readonly stages: number;
  readonly lonely_psu: string;
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
  readonly estimates: number[];
  readonly levels: (string | null)[];
  readonly u: Float64Array;
  readonly K: number;
}

interface Factor {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/** Runs every request on every domain: estimates with SE, CI, df, deff, cv, n, n_eff and N (domains never subset the design). */
export function estimate(design: SurveyDesign, requests: readonly StatRequest[], options: EstimateOptions = {}): EstimateResult {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new DesignError(`confidence level ${level} must be between 0 and 1`);
  if (options.df !== undefined && !(options.df > 0)) throw new DesignError(`df ${options.df} must be positive or Inf`);
  const data = design.data;
  const w = design.weights;
  const categorical = new Set(options.categorical ?? []);
  const { subset, domains, missingBy } = buildDomains(data, options.by ?? [], options.where ?? []);
  const warnings = new Set<string>();
  const exclusions: Exclusion[] = [];
  if (missingBy > 0) exclusions.push({ reason: `missing value of a by-variable (${(options.by ?? []).join(', ')})`, count: missingBy });
  const dom: readonly Domain[] = options.by?.length ? domains : [{ key: {}, rows: subset }];

  const results: EstimateRow[] = [];
  const blocks: { rows: Int32Array; u: Float64Array; K: number; first: number }[] = [];
  const isQuantile: boolean[] = [];

  for (const req of requests) {
    const variables = req.statistic === 'ratio' ? [req.numerator, req.denominator] : [req.variable];
    const vectors = variables.map((name) => data.column(name));
    const missing = missingIn(vectors, subset);
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

    for (const d of dom) {
      const rows = missing.length > 0 ? dropMissing(d.rows, vectors) : d.rows;
      const df = options.df ?? designDf(design, rows);
      const ddf = designDf(design, rows);
      const n = countNonZero(w, rows);
      const N = sum(w, rows);
      const common = { domain: d.key, df, n, N };

      if (req.statistic === 'quantile') {
        const x = (vectors[0] as { values: Float64Array }).values;
        const xs = gather(x, rows);
        const sample = sortSample(xs, gather(w, rows));
        const below = (threshold: number): { p: number; variance: number } => {
          const u = new Float64Array(rows.length);
          for (let j = 0; j < rows.length; j++) u[j] = xs[j]! <= threshold ? 1 : 0;
          const lin = linearMean(w, rows, u, 1);
          const V = scoreCovariance(design, rows, weighted(w, rows, lin.u, 1), 1, warnings);
          return { p: lin.estimates[0]!, variance: V[0]! };
        };
        for (const p of req.probs) {
          const q = weightedQuantile(sample, p, options.qrule ?? 'math');
          const ci = quantileInterval({
            sample, estimate: q, p, rule: options.qrule ?? 'math', type: options.intervalType ?? 'mean',
            level, df, nRows: rows.length, designDf: ddf, below, values: xs,
          });
          results.push(row('quantile', req.variable, p, q, ci.se, ci.low, ci.high, null, common));
          isQuantile.push(true);
        }
        continue;
      }

      const lin = linearise(req, vectors, factor, w, rows);
      const z = weighted(w, rows, lin.u, lin.K);
      const V = scoreCovariance(design, rows, z, lin.K, warnings);
      const deffs = designEffects(V, lin, w, rows, n, N, options.deffReplace ?? false, warnings);
      const t = critical(level, df);
      const first = results.length;
      lin.estimates.forEach((est, k) => {
        if (req.statistic === 'proportion' && req.value !== undefined && lin.levels[k] !== req.value) return;
        const se = Math.sqrt(V[k * lin.K + k]!);
        let ci: [number, number];
        if (req.statistic === 'proportion') {
          const method = options.ciMethod ?? 'logit';
          const y = new Float64Array(rows.length);
          ci = method === 'likelihood'
            ? likelihoodInterval({ y: indicator(factor!, rows, k, y), w: gather(w, rows), varP: se * se, df, level })
            : proportionInterval(method, { p: est, variance: se * se, df, nRows: rows.length, designDf: ddf, level });
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
        blocks.push(keep >= 0 ? { rows, u: column(lin.u, lin.K, keep), K: 1, first } : { rows, u: lin.u, K: lin.K, first });
      }
    }
  }

  const summary: DesignSummary = {
    n: subset.length,
    N: sum(w, subset),
    df: designDf(design, subset),
    strata: design.stages[0]!.nStrata,
    psu: design.stages[0]!.nUnits,
    stages: design.spec.psu?.length ?? 1,
    lonely_psu: design.lonelyPsu,
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

function missingIn(vectors: readonly Vector[], rows: Int32Array): number[] {
  const out: number[] = [];
  for (const r of rows) if (vectors.some((v) => isMissing(v, r))) out.push(r);
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

function sum(x: Float64Array, rows: Int32Array): number {
  let s = 0;
  for (let j = 0; j < rows.length; j++) s += x[rows[j]!]!;
  return s;
}

function countNonZero(w: Float64Array, rows: Int32Array): number {
  let c = 0;
  for (let j = 0; j < rows.length; j++) if (w[rows[j]!] !== 0) c++;
  return c;
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

/** Weighted scores z = w u, the input of the variance estimator. */
function weighted(w: Float64Array, rows: Int32Array, u: Float64Array, K: number): Float64Array {
  const z = new Float64Array(u.length);
  for (let j = 0; j < rows.length; j++) {
    const wj = w[rows[j]!]!;
    for (let k = 0; k < K; k++) z[j * K + k] = wj * u[j * K + k]!;
  }
  return z;
}

/** Mean of K columns of values y (row-major over `rows`), score u = (y - mean)/N (spec F4). */
function linearMean(w: Float64Array, rows: Int32Array, y: Float64Array, K: number): Linearised {
  let Nhat = 0;
  const tot = new Float64Array(K);
  for (let j = 0; j < rows.length; j++) {
    const wj = w[rows[j]!]!;
    Nhat += wj;
    for (let k = 0; k < K; k++) tot[k]! += wj * y[j * K + k]!;
  }
  const means = Array.from(tot, (t) => t / Nhat);
  const u = new Float64Array(y.length);
  for (let j = 0; j < rows.length; j++) for (let k = 0; k < K; k++) u[j * K + k] = (y[j * K + k]! - means[k]!) / Nhat;
  return { estimates: means, levels: new Array(K).fill(null), u, K };
}

/** Estimates and linearised scores of one request on one domain (spec F1, F4, F5, F6, F9). */
function linearise(req: StatRequest, vectors: readonly Vector[], factor: Factor | undefined, w: Float64Array, rows: Int32Array): Linearised {
  const m = rows.length;
  if (factor && (req.statistic === 'total' || req.statistic === 'mean' || req.statistic === 'proportion')) {
    const K = factor.levels.length;
    const y = new Float64Array(m * K);
    for (let j = 0; j < m; j++) y[j * K + factor.codes[rows[j]!]!] = 1;
    const lin = req.statistic === 'total' ? { estimates: totals(w, rows, y, K), u: y, K, levels: [] } : linearMean(w, rows, y, K);
    return { ...lin, levels: [...factor.levels] };
  }
  if (req.statistic === 'ratio') {
    const y = gather((vectors[0] as { values: Float64Array }).values, rows);
    const x = gather((vectors[1] as { values: Float64Array }).values, rows);
    const [Y, X] = [totals(w, rows, y, 1)[0]!, totals(w, rows, x, 1)[0]!];
    const R = Y / X;
    const u = new Float64Array(m);
    for (let j = 0; j < m; j++) u[j] = (y[j]! - R * x[j]!) / X;
    return { estimates: [R], levels: [null], u, K: 1 };
  }
  const y = gather((vectors[0] as { values: Float64Array }).values, rows);
  if (req.statistic === 'total') return { estimates: totals(w, rows, y, 1), levels: [null], u: y, K: 1 };
  if (req.statistic === 'mean') return linearMean(w, rows, y, 1);
  // var: R svyvar = svymean of (y - ybar)^2 n/(n-1), n = rows with non-zero weight.
  const n = countNonZero(w, rows);
  const ybar = linearMean(w, rows, y, 1).estimates[0]!;
  const zz = y.map((v) => ((v - ybar) ** 2 * n) / (n - 1));
  return linearMean(w, rows, zz, 1);
}

function totals(w: Float64Array, rows: Int32Array, y: Float64Array, K: number): number[] {
  const tot = new Array<number>(K).fill(0);
  for (let j = 0; j < rows.length; j++) {
    const wj = w[rows[j]!]!;
    for (let k = 0; k < K; k++) tot[k]! += wj * y[j * K + k]!;
  }
  return tot;
}

/** Kish design effect as R computes it (spec F10): V / (N^2 (1 - n/N) s_u^2 / n), s_u^2 the svyvar of the score. */
function designEffects(
  V: Float64Array, lin: Linearised, w: Float64Array, rows: Int32Array, n: number, N: number, replace: boolean, warnings: Set<string>,
): (number | null)[] {
  const K = lin.K;
  if (!replace && N < n) {
    warnings.add('sum of weights below the sample size: weights do not look scaled to the population, so deff (without replacement) is not computed');
    return new Array(K).fill(null);
  }
  const out: (number | null)[] = [];
  for (let k = 0; k < K; k++) {
    let mean = 0;
    for (let j = 0; j < rows.length; j++) mean += w[rows[j]!]! * lin.u[j * K + k]!;
    mean /= N;
    let ss = 0;
    for (let j = 0; j < rows.length; j++) ss += w[rows[j]!]! * (lin.u[j * K + k]! - mean) ** 2;
    const s2 = ((n / (n - 1)) * ss) / N;
    const vsrs = (N * N * s2 * (replace ? 1 : 1 - n / N)) / n;
    out.push(V[k * K + k]! / vsrs);
  }
  return out;
}

/** Covariance of all linearised result rows over the (where-)subset, as R `svyby(..., covmat = TRUE)` (influence functions on the full design). */
function jointCovariance(
  design: SurveyDesign, subset: Int32Array, blocks: readonly { rows: Int32Array; u: Float64Array; K: number; first: number }[],
  results: readonly EstimateRow[], isQuantile: readonly boolean[],
): Float64Array {
  const R = results.length;
  const col = new Int32Array(R).fill(-1);
  let Ktot = 0;
  for (const b of blocks) for (let k = 0; k < b.K; k++) col[b.first + k] = Ktot++;
  const pos = new Int32Array(design.n).fill(-1);
  subset.forEach((r, j) => (pos[r] = j));
  const z = new Float64Array(subset.length * Ktot);
  for (const b of blocks) {
    const c0 = col[b.first]!;
    for (let j = 0; j < b.rows.length; j++) {
      const r = b.rows[j]!;
      for (let k = 0; k < b.K; k++) z[pos[r]! * Ktot + c0 + k] = design.weights[r]! * b.u[j * b.K + k]!;
    }
  }
  const V = scoreCovariance(design, subset, z, Ktot);
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
