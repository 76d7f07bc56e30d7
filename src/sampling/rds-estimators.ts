/**
 * RDS estimators on typed arrays: RDS-I (Salganik & Heckathorn 2004, with the data-smoothed variant), RDS-II (Volz &
 * Heckathorn 2008), Gile's successive-sampling estimator (Gile 2011) and the naive sample mean; the empirical-likelihood
 * point SE of R RDS `EL.se`. Formulas as in the R package RDS 0.9-10 (R/weights.R, R/estimate-utils.R, R/gile-ss-util.R).
 */
import { DesignError } from '../survey/errors.js';
import { SeededRandom } from '../survey/random.js';

export type RdsEstimator = 'naive' | 'rds1' | 'rds1-ds' | 'rds2' | 'ss';
export const RDS_ESTIMATORS: readonly RdsEstimator[] = ['naive', 'rds1', 'rds1-ds', 'rds2', 'ss'];

/**
 * Zero or missing degree: `max` sets them to the largest reported degree (R RDS `compute.weights` and
 * `RDS.estimates.local`, the default); `one` sets a zero to 1 and leaves out a missing one (R `vh.weights`); `drop` leaves
 * out both. The count changed or left out is reported.
 */
export type DegreeRule = 'max' | 'one' | 'drop';
export const DEGREE_RULES: readonly DegreeRule[] = ['max', 'one', 'drop'];

/** What the degree rule did. */
export interface DegreeTreatment {
  readonly rule: DegreeRule;
  readonly zero: number;
  readonly missing: number;
  /** Degrees replaced by a value. */
  readonly changed: number;
  /** Rows left out for their degree. */
  readonly excluded: number;
  /** The value given to the changed degrees (max rule: the largest reported degree). */
  readonly value: number | null;
}

/**
 * Applies the degree rule on the rows marked in `use` (others are ignored): returns the degrees to use (positive and
 * finite on the kept rows) and clears `use` where a row is left out.
 */
export function treatDegrees(degree: Float64Array, use: Uint8Array, rule: DegreeRule): { degree: Float64Array; treatment: DegreeTreatment } {
  const d = Float64Array.from(degree);
  let max = -Infinity;
  for (let i = 0; i < d.length; i++) if (use[i] && Number.isFinite(d[i]!) && d[i]! > max) max = d[i]!;
  let zero = 0;
  let missing = 0;
  let changed = 0;
  let excluded = 0;
  for (let i = 0; i < d.length; i++) {
    if (!use[i]) continue;
    const x = d[i]!;
    const isMissing = Number.isNaN(x);
    if (!isMissing && x > 0) continue;
    if (isMissing) missing++;
    else zero++;
    if (rule === 'max' && max > 0) {
      d[i] = max;
      changed++;
    } else if (rule === 'one' && !isMissing) {
      d[i] = 1;
      changed++;
    } else {
      use[i] = 0;
      excluded++;
    }
  }
  return { degree: d, treatment: { rule, zero, missing, changed, excluded, value: rule === 'max' && changed ? max : rule === 'one' && changed ? 1 : null } };
}

/** RDS-II (Volz-Heckathorn) weights 1/d_i on the used rows, 0 elsewhere (R `vh.weights`). */
export function vhWeights(degree: Float64Array, use: Uint8Array): Float64Array {
  const w = new Float64Array(degree.length);
  for (let i = 0; i < w.length; i++) if (use[i]) w[i] = 1 / degree[i]!;
  return w;
}

/** Equal weights on the used rows (the naive sample mean, R "Arithmetic Mean"). */
export function equalWeights(use: Uint8Array): Float64Array {
  return Float64Array.from(use, (u) => (u ? 1 : 0));
}

/** What RDS-I computed: transition counts t[g][h] (recruiter g, recruit h), the Markov chain, and the group shares. */
export interface Rds1Details {
  readonly transitions: number[][];
  /** Row-normalised transitions (after smoothing for RDS-I (DS)). */
  readonly markov: number[][];
  /** Stationary distribution q of the chain. */
  readonly stationary: number[];
  /** Harmonic-mean degree per group (R `get.h.hat`). */
  readonly harmonicDegree: number[];
  /** Estimated population share per group P_g = (q_g/h_g) / sum_j(q_j/h_j). */
  readonly share: number[];
  readonly counts: number[];
}

/** Transition counts between groups over recruiter -> recruit pairs where both are used and have a group (R `count.transitions`, before its fixes). */
export function countTransitions(group: Int32Array, K: number, recruiter: Int32Array, use: Uint8Array): number[][] {
  const t = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < group.length; i++) {
    const r = recruiter[i]!;
    if (r < 0 || !use[i] || !use[r] || group[i]! < 0 || group[r]! < 0) continue;
    t[group[r]!]![group[i]!]!++;
  }
  return t;
}

/**
 * Stationary distribution of a row-stochastic matrix: solves q S = q, sum(q) = 1 by Gaussian elimination; a singular
 * system (a reducible chain) falls back to the power iteration of the lazy chain (S + I)/2 from the uniform start.
 */
export function stationaryDistribution(S: readonly (readonly number[])[]): number[] {
  const K = S.length;
  // rows: equations j = 0..K-2 of sum_g q_g (S_gj - [g=j]) = 0, and sum q = 1
  const A = Array.from({ length: K }, (_, j) => Array.from({ length: K }, (_, g) => (j === K - 1 ? 1 : S[g]![j]! - (g === j ? 1 : 0))));
  const b: number[] = Array.from({ length: K }, (_, j) => (j === K - 1 ? 1 : 0));
  let singular = false;
  for (let c = 0; c < K && !singular; c++) {
    let piv = c;
    for (let r = c + 1; r < K; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[piv]![c]!)) piv = r;
    if (Math.abs(A[piv]![c]!) < 1e-12) {
      singular = true;
      break;
    }
    [A[c], A[piv]] = [A[piv]!, A[c]!];
    [b[c], b[piv]] = [b[piv]!, b[c]!];
    for (let r = 0; r < K; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      if (f === 0) continue;
      for (let j = c; j < K; j++) A[r]![j]! -= f * A[c]![j]!;
      b[r]! -= f * b[c]!;
    }
  }
  if (!singular) {
    const q = b.map((x, c) => x / A[c]![c]!);
    if (q.every((x) => x >= -1e-12)) return q.map((x) => Math.max(0, x));
  }
  let q = new Array<number>(K).fill(1 / K);
  for (let it = 0; it < 100_000; it++) {
    const next = q.map((_, j) => 0.5 * q[j]! + 0.5 * q.reduce((s, qg, g) => s + qg * S[g]![j]!, 0));
    const diff = next.reduce((s, x, j) => s + Math.abs(x - q[j]!), 0);
    q = next;
    if (diff < 1e-15) break;
  }
  return q;
}

function rowNormalise(t: readonly (readonly number[])[]): number[][] {
  return t.map((row) => {
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((x) => x / s);
  });
}

/**
 * RDS-I weights (Salganik & Heckathorn 2004, as R RDS `rds.I.weights`): transitions t between groups, S = t row-normalised
 * (a group that recruits nobody gets the row 0.1, as R), q the stationary distribution of S, h_g the harmonic-mean degree,
 * P_g = (q_g/h_g)/sum(q/h), unit weight P_g/n_g. `smoothed` is RDS-I (DS): t~ = sum(t) diag(q) S, symmetrised, then again.
 * Rows without a group, or not used, get weight 0. One group only: equal weights.
 */
export function rds1Weights(group: Int32Array, K: number, recruiter: Int32Array, degree: Float64Array, use: Uint8Array, smoothed = false): { weights: Float64Array; details: Rds1Details } {
  const n = group.length;
  const counts = new Array<number>(K).fill(0);
  const invSum = new Array<number>(K).fill(0);
  for (let i = 0; i < n; i++) {
    if (!use[i] || group[i]! < 0) continue;
    counts[group[i]!]!++;
    invSum[group[i]!]! += 1 / degree[i]!;
  }
  const harmonicDegree = counts.map((c, g) => c / invSum[g]!);
  const transitions = countTransitions(group, K, recruiter, use);
  const w = new Float64Array(n);
  const present = counts.filter((c) => c > 0).length;
  if (present <= 1) {
    for (let i = 0; i < n; i++) if (use[i] && group[i]! >= 0) w[i] = 1;
    const share = counts.map((c) => (c > 0 ? 1 : 0));
    return { weights: w, details: { transitions, markov: transitions.map((r) => r.map(() => NaN)), stationary: share, harmonicDegree, share, counts } };
  }
  const t = transitions.map((row) => (row.reduce((a, b) => a + b, 0) === 0 ? row.map(() => 0.1) : [...row]));
  let markov = rowNormalise(t);
  let stationary = stationaryDistribution(markov);
  if (smoothed) {
    const total = t.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
    const st = markov.map((row, g) => row.map((s) => total * stationary[g]! * s));
    const sym = st.map((row, g) => row.map((x, h) => 0.5 * (x + st[h]![g]!)));
    markov = rowNormalise(sym);
    stationary = stationaryDistribution(markov);
  }
  const ratio = stationary.map((q, g) => (counts[g]! > 0 ? q / harmonicDegree[g]! : 0));
  const total = ratio.reduce((a, b) => a + b, 0);
  const share = ratio.map((r) => r / total);
  for (let i = 0; i < n; i++) if (use[i] && group[i]! >= 0) w[i] = share[group[i]!]! / counts[group[i]!]!;
  return { weights: w, details: { transitions, markov, stationary, harmonicDegree, share, counts } };
}

/** Monte Carlo settings of Gile's SS estimator (R `gile.ss.weights` defaults). */
export interface SsOptions {
  /** Population size N (required). */
  readonly populationSize: number;
  /** Simulated samples per iteration (R `number.ss.samples.per.iteration`, default 500). */
  readonly samplesPerIteration?: number;
  /** Iterations after the first (R `number.ss.iterations`, default 5). */
  readonly iterations?: number;
  /** Below this sampling fraction n/N the weights are the RDS-II ones (R `SS.infinity`, default 0.04). */
  readonly ssInfinity?: number;
  readonly seed?: number;
}

/**
 * Gile's successive-sampling weights (Gile 2011, JASA 106:135; algorithm of R RDS `getestCstacked`/`getinclCstacked`):
 * starting from the RDS-II estimate of the population degree distribution, a population of N units is built by degree
 * class (round(N p_k), at least 1, rounding error spread at random by the gap to N p_k); successive samples of size n,
 * without replacement and with probability proportional to degree, are simulated; the inclusion probability of class k is
 * pi_k = n (S_k + n_k)/(sum S + n)/N_k, where S_k counts the simulated draws of class k and n_k the observed ones; the
 * degree distribution is re-estimated as proportional to n_k/pi_k; repeated `iterations` times. Weights 1/pi(d_i),
 * normalised to N. Monte Carlo: results move by about 1e-3 with the seed.
 */
export function ssWeights(degree: Float64Array, use: Uint8Array, options: SsOptions): { weights: Float64Array; inclusion: { degree: number; probability: number }[] } {
  const N = options.populationSize;
  const nsim = options.samplesPerIteration ?? 500;
  const iterations = options.iterations ?? 5;
  const ssInfinity = options.ssInfinity ?? 0.04;
  const rng = new SeededRandom(options.seed ?? 1);
  const rows: number[] = [];
  for (let i = 0; i < degree.length; i++) if (use[i]) rows.push(i);
  const n = rows.length;
  const w = new Float64Array(degree.length);
  if (n === 0) return { weights: w, inclusion: [] };
  if (!(N >= n)) throw new DesignError(`the population size ${N} is smaller than the ${n} respondents used`);
  const byClass = new Map<number, number>();
  for (const i of rows) byClass.set(degree[i]!, (byClass.get(degree[i]!) ?? 0) + 1);
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const nums = classes.map((c) => byClass.get(c)!);
  const K = classes.length;
  const normalise = (x: number[]): number[] => {
    const s = x.reduce((a, b) => a + b, 0);
    return x.map((v) => v / s);
  };
  let props = normalise(nums.map((m, k) => m / classes[k]!));
  let probs: number[];
  if (n > N * ssInfinity && K > 1) {
    probs = inclusionBySimulation(classes, props, N, n, nsim, nums, rng);
    for (let it = 0; it < iterations; it++) {
      props = normalise(nums.map((m, k) => m / probs[k]!));
      probs = inclusionBySimulation(classes, props, N, n, nsim, nums, rng);
    }
  } else {
    const meanDegree = props.reduce((s, p, k) => s + p * classes[k]!, 0);
    probs = n < N ? classes.map((c) => (n * c) / (N * meanDegree)) : classes.map(() => n / N);
  }
  const index = new Map(classes.map((c, k) => [c, k]));
  let total = 0;
  for (const i of rows) total += w[i] = 1 / probs[index.get(degree[i]!)!]!;
  for (const i of rows) w[i] = (N * w[i]!) / total;
  return { weights: w, inclusion: classes.map((c, k) => ({ degree: c, probability: probs[k]! })) };
}

/** One round of R `getinclCstacked`: inclusion probability per degree class from `nsim` simulated successive samples. */
function inclusionBySimulation(classes: readonly number[], props: readonly number[], N: number, n: number, nsim: number, nums: readonly number[], rng: SeededRandom): number[] {
  const K = classes.length;
  const size = props.map((p) => Math.max(1, Math.round(N * p)));
  let off = N - size.reduce((a, b) => a + b, 0);
  const cum = new Float64Array(K);
  while (off !== 0) {
    // move one unit where the class count is furthest from N p_k (drawn with probability proportional to the gap)
    let t = 0;
    for (let k = 0; k < K; k++) {
      const gap = off > 0 ? props[k]! - size[k]! / N : size[k]! > 1 ? size[k]! / N - props[k]! : 0;
      t += Math.max(0, gap);
      cum[k] = t;
    }
    if (t === 0) for (let k = 0; k < K; k++) cum[k] = t += off > 0 || size[k]! > 1 ? 1 : 0;
    const u = rng.next() * t;
    let k = 0;
    while (k < K - 1 && u >= cum[k]!) k++;
    size[k]! += off > 0 ? 1 : -1;
    off += off > 0 ? -1 : 1;
  }
  const draws = new Float64Array(K);
  const left = new Float64Array(K);
  const take = Math.min(n, N);
  // scan the classes in descending order of their mass (size x degree), as R's stacked sampler keeps them
  const order = Int32Array.from({ length: K }, (_, k) => k).sort((a, b) => size[b]! * classes[b]! - size[a]! * classes[a]!);
  const deg = Float64Array.from(order, (k) => classes[k]!);
  for (let s = 0; s < nsim; s++) {
    let mass = 0;
    for (let r = 0; r < K; r++) {
      left[r] = size[order[r]!]!;
      mass += left[r]! * deg[r]!;
    }
    for (let j = 0; j < take; j++) {
      let u = rng.next() * mass;
      let r = 0;
      for (; r < K - 1; r++) {
        u -= left[r]! * deg[r]!;
        if (u < 0) break;
      }
      if (left[r]! <= 0) {
        // rounding left u past the last class with units: take the last one that has any
        r = K - 1;
        while (left[r]! <= 0) r--;
      }
      draws[order[r]!]!++;
      left[r]!--;
      mass -= deg[r]!;
    }
  }
  let totalDraws = 0;
  for (let k = 0; k < K; k++) totalDraws += draws[k]!;
  const denominator = totalDraws + n;
  return classes.map((_, k) => (n * ((draws[k]! + nums[k]!) / denominator)) / size[k]!);
}

/**
 * The empirical-likelihood standard error of a weighted mean (R RDS `EL.se`, second order, homophily 1): w_ij = w_i w_j,
 * capped at 10 x median(w_ij); o_ij = (o_i + o_j)/2; est = sum_{i>j} o_ij w_ij / sum_{i>j} w_ij;
 * G_i = sum_{j<i} w_ij^2 (o_ij - est); var = 4 sum G_i^2 / (sum_{i>j} w_ij^2)^2, times (N - n)/(N - 1) when N is given.
 * `firstOrder`: w_i capped at 10 x median(w_i), var = sum ((o_i - est) w_i^2)^2 / (sum w_i^2)^2.
 */
export function elStandardError(weights: ArrayLike<number>, outcome: ArrayLike<number>, N?: number, firstOrder = false): number {
  const w: number[] = [];
  const o: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const a = weights[i]!;
    const y = outcome[i]!;
    if (Number.isFinite(a) && Number.isFinite(y)) {
      w.push(a);
      o.push(y);
    }
  }
  const m = w.length;
  if (m < 2) return NaN;
  let varest: number;
  if (firstOrder) {
    const cap = 10 * median(w);
    const wc = w.map((x) => Math.min(x, cap));
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < m; i++) {
      sw += wc[i]!;
      swy += wc[i]! * o[i]!;
    }
    const est = swy / sw;
    let num = 0;
    let den = 0;
    for (let i = 0; i < m; i++) {
      const w2 = wc[i]! * wc[i]!;
      num += ((o[i]! - est) * w2) ** 2;
      den += w2;
    }
    varest = num / (den * den);
  } else {
    const cap = 10 * productMedian(w);
    let sow = 0;
    let sw = 0;
    for (let i = 1; i < m; i++) {
      for (let j = 0; j < i; j++) {
        const p = Math.min(w[i]! * w[j]!, cap);
        sow += 0.5 * (o[i]! + o[j]!) * p;
        sw += p;
      }
    }
    const est = sow / sw;
    let sg = 0;
    let sv = 0;
    for (let i = 1; i < m; i++) {
      let g = 0;
      for (let j = 0; j < i; j++) {
        const p = Math.min(w[i]! * w[j]!, cap);
        const p2 = p * p;
        g += p2 * (0.5 * (o[i]! + o[j]!) - est);
        sv += p2;
      }
      sg += g * g;
    }
    varest = (4 * sg) / (sv * sv);
  }
  return N !== undefined && Number.isFinite(N) ? Math.sqrt(((N - m) * varest) / (N - 1)) : Math.sqrt(varest);
}

function median(x: readonly number[]): number {
  const s = [...x].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : 0.5 * (s[h - 1]! + s[h]!);
}

/** Median of all m^2 products w_i w_j (diagonal included, as R `median(outer(w, w))`), through the distinct values. */
function productMedian(w: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const x of w) counts.set(x, (counts.get(x) ?? 0) + 1);
  const values = [...counts.keys()];
  const pairs: [number, number][] = [];
  for (const a of values) for (const b of values) pairs.push([a * b, counts.get(a)! * counts.get(b)!]);
  pairs.sort((p, q) => p[0] - q[0]);
  const total = w.length * w.length;
  const at = (k: number): number => {
    // k-th smallest (0-based)
    let c = 0;
    for (const [v, m] of pairs) {
      c += m;
      if (k < c) return v;
    }
    return pairs[pairs.length - 1]![0];
  };
  return total % 2 ? at((total - 1) / 2) : 0.5 * (at(total / 2 - 1) + at(total / 2));
}

/**
 * Groups of a numeric variable for RDS-I and the bootstrap chain, as R RDS cuts it with Hmisc `cut2(x, g = 3)`: with the
 * distinct values x_(1) < ... and their cumulative counts c_k, cut j = the first value whose c_k >= j n/g (the last cut
 * the maximum); a group runs from the value after the previous cut to its cut, repeated cuts merged. A discrete variable
 * with few values (e.g. 0/1) keeps one group per value.
 */
export function quantileGroups(values: Float64Array, use: Uint8Array, g = 3): { group: Int32Array; K: number; labels: string[] } {
  const counts = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    if (!use[i] || Number.isNaN(values[i]!)) continue;
    counts.set(values[i]!, (counts.get(values[i]!) ?? 0) + 1);
    total++;
  }
  const xx = [...counts.keys()].sort((a, b) => a - b);
  const group = new Int32Array(values.length).fill(-1);
  if (xx.length === 0) return { group, K: 0, labels: [] };
  const cum: number[] = [];
  let c = 0;
  for (const x of xx) cum.push((c += counts.get(x)!));
  const cuts = Array.from({ length: g }, (_, j) => {
    const target = ((j + 1) * total) / g;
    const k = cum.findIndex((v) => v >= target);
    return j === g - 1 || k < 0 ? xx[xx.length - 1]! : xx[k]!;
  });
  const lows: number[] = [];
  const ups: number[] = [];
  let lower = xx[0]!;
  let upper = NaN;
  for (let j = 0; j < g; j++) {
    const cj = cuts[j]!;
    if (cj === upper) continue;
    upper = cj;
    lows.push(lower);
    lower = j === g - 1 ? upper : xx.find((x) => x > upper) ?? upper;
    ups.push(lower);
  }
  const K = lows.length;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!use[i] || Number.isNaN(x)) continue;
    let k = K - 1;
    while (k > 0 && x < lows[k]!) k--;
    group[i] = k;
  }
  const labels = lows.map((lo, k) => (lo === ups[k] ? String(lo) : `[${lo},${ups[k]}${k === K - 1 ? ']' : ')'}`));
  return { group, K, labels };
}

/** The outcome of an RDS analysis on typed arrays: a categorical variable (codes 0..L-1, -1 missing) or a numeric one (NaN missing). */
export type RdsOutcomeValues =
  | { readonly kind: 'category'; readonly codes: Int32Array; readonly levels: readonly string[] }
  | { readonly kind: 'number'; readonly values: Float64Array };

/** What an estimator needs: rows used, their degrees (already treated), recruiter rows and the outcome. */
export interface RdsInput {
  readonly recruiter: Int32Array;
  readonly degree: Float64Array;
  /** 1 for rows in the analysis (seed rule, degree rule and missing outcome applied). */
  readonly use: Uint8Array;
  readonly outcome: RdsOutcomeValues;
  /** Groups of the Markov chain of RDS-I and of the Salganik bootstrap: the levels, or quantile groups of a numeric outcome. */
  readonly group: Int32Array;
  readonly K: number;
}

export interface WeightOptions {
  readonly populationSize?: number;
  readonly ss?: Omit<SsOptions, 'populationSize'>;
}

/** Weights of an estimator (0 on rows not used), with the RDS-I details where computed. */
export function estimatorWeights(input: RdsInput, estimator: RdsEstimator, options: WeightOptions = {}): { weights: Float64Array; rds1?: Rds1Details } {
  switch (estimator) {
    case 'naive':
      return { weights: equalWeights(input.use) };
    case 'rds2':
      return { weights: vhWeights(input.degree, input.use) };
    case 'rds1':
    case 'rds1-ds': {
      const r = rds1Weights(input.group, input.K, input.recruiter, input.degree, input.use, estimator === 'rds1-ds');
      return { weights: r.weights, rds1: r.details };
    }
    case 'ss': {
      if (options.populationSize === undefined) throw new DesignError("Gile's SS estimator needs the population size N");
      return { weights: ssWeights(input.degree, input.use, { ...options.ss, populationSize: options.populationSize }).weights };
    }
  }
}

/** Weighted estimates: the share of each level (categorical) or the mean (numeric), over the used rows. */
export function weightedEstimates(weights: Float64Array, outcome: RdsOutcomeValues, use: Uint8Array): number[] {
  if (outcome.kind === 'number') {
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < weights.length; i++) {
      if (!use[i]) continue;
      sw += weights[i]!;
      swy += weights[i]! * outcome.values[i]!;
    }
    return [swy / sw];
  }
  const t = new Array<number>(outcome.levels.length).fill(0);
  let sw = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!use[i]) continue;
    t[outcome.codes[i]!]! += weights[i]!;
    sw += weights[i]!;
  }
  return t.map((x) => x / sw);
}
