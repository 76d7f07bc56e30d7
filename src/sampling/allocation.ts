/**
 * Allocation of a sample across strata: proportional, equal, Neyman, optimal with costs and Bankier's power allocation,
 * under per-stratum bounds (a minimum for variance estimation, a maximum, take-all strata), rounded to integers that
 * keep the total; with the expected precision, design effect and Kish weighting design effect of the result.
 *
 * Notation: stratum h has N_h population units, W_h = N_h / N, unit standard deviation S_h (divisor N_h - 1), mean
 * Ybar_h, cost per completed unit c_h; n_h units are sampled (simple random sampling without replacement in each).
 *
 * Allocation scores a_h (n_h proportional to a_h before bounds):
 * - proportional: N_h.
 * - equal: 1.
 * - neyman: N_h S_h (Neyman 1934; Cochran 1977 ch. 5).
 * - optimal: N_h S_h / sqrt(c_h) (Cochran 1977 ch. 5, optimum allocation: minimises V(ybar_st) for a fixed cost sum c_h n_h, or the
 *   cost for a fixed variance). With a budget C instead of n: n = C sum(N_h S_h / sqrt c_h) / sum(N_h S_h sqrt c_h).
 * - power: X_h^a S_h / Ybar_h (Bankier 1988, "Power allocations: determining sample sizes for subnational areas", The
 *   American Statistician 42(3):174-177): the allocation that minimises sum_h (X_h^a CV_h)^2, with CV_h^2 = (S_h /
 *   Ybar_h)^2 / n_h the relative variance of the stratum estimate (fpc ignored) and X_h the stratum's importance, here
 *   its total X_h = N_h Ybar_h. Without stratum means (equal means) it is n_h proportional to N_h^a S_h. a = 1 gives Neyman
 *   (X_h S_h / Ybar_h = N_h S_h); a = 0 minimises the sum of the stratum relative variances (equal allocation when the
 *   unit CVs S_h / Ybar_h are equal); a = 0.5 is the usual compromise between national and stratum precision.
 * With prevalences P_h (the share of the target subpopulation, e.g. migrants) in place of S_h and Ybar_h:
 * S_h^2 = N_h P_h (1 - P_h) / (N_h - 1) and Ybar_h = P_h (Cochran 1977 ch. 5, proportions).
 *
 * Bounds: lo_h = min(min_h, floor N_h), hi_h = min(max_h, floor N_h). The continuous allocation is
 * n_h = clamp(lambda a_h, lo_h, hi_h) with the one lambda that gives sum n_h = n (or sum c_h n_h = budget). This is the
 * fixed point of the textbook iteration "give take-all strata n_h = N_h, re-allocate the rest in proportion to a_h,
 * repeat" (Cochran 1977 ch. 5), extended to lower bounds, and, the variance sum a_h^2 / n_h being convex, the
 * optimum under the bounds (Karush-Kuhn-Tucker); it is found exactly by a search over the breakpoints of lambda.
 *
 * Rounding (largest remainder, Hamilton's method): each stratum gets floor(n_h); the units left, n - sum floor(n_h), go
 * one each to the strata with the largest fractional parts (ties: the stratum listed first). Bounds are integers, so the
 * rounded allocation keeps them, and the total is n exactly. With a budget the total is floor(sum n_h), so the rounded
 * allocation's cost may differ from the budget by less than the largest c_h (reported as `cost`).
 */
import { SamplingDesignError } from './design-error.js';

export type AllocationMethod = 'proportional' | 'equal' | 'neyman' | 'optimal' | 'power';
export const ALLOCATION_METHODS: readonly AllocationMethod[] = ['proportional', 'equal', 'neyman', 'optimal', 'power'];

/** A stratum of the frame. */
export interface StratumSpec {
  readonly name: string;
  /** N_h: population units (> 0). */
  readonly size: number;
  /** S_h: unit standard deviation of the study variable (divisor N_h - 1). */
  readonly sd?: number;
  /** P_h: prevalence of the target subpopulation; gives S_h and the mean when `sd`/`mean` are not given. */
  readonly prevalence?: number;
  /** Ybar_h: stratum mean of the study variable (for CVs, the design effect and power allocation). */
  readonly mean?: number;
  /** c_h: cost per completed unit (> 0). */
  readonly cost?: number;
  /** Bounds on n_h for this stratum (override the options). */
  readonly min?: number;
  readonly max?: number;
}

export interface AllocationOptions {
  readonly method: AllocationMethod;
  /** Total sample size; or give `budget` (needs costs). */
  readonly n?: number;
  /** Total variable cost sum c_h n_h to spend instead of a fixed n. */
  readonly budget?: number;
  /** Exponent a of the power allocation [0.5]. */
  readonly power?: number;
  /** Minimum n_h per stratum [2: a variance needs two units], capped at N_h. */
  readonly min?: number;
  /** Maximum n_h per stratum [none], capped at N_h. */
  readonly max?: number;
}

/** One stratum of an allocation (snake_case: written as is by the CLI). */
export interface AllocatedStratum {
  readonly stratum: string;
  readonly N: number;
  readonly W: number;
  readonly sd: number | null;
  readonly mean: number | null;
  readonly cost: number | null;
  /** Continuous allocation under the bounds, before rounding. */
  readonly target: number;
  readonly n: number;
  /** Sampling fraction n_h / N_h. */
  readonly f: number;
  /** Design weight N_h / n_h (null when n_h = 0). */
  readonly weight: number | null;
  /** All units of the stratum are taken (n_h = N_h). */
  readonly take_all: boolean;
  /** The bound the continuous allocation sits at: min, max or take-all (null: none). */
  readonly bound: 'min' | 'max' | 'take-all' | null;
  /** Expected SE of the stratum mean S_h sqrt(1/n_h - 1/N_h), and its CV (null without S_h / Ybar_h). */
  readonly se: number | null;
  readonly cv: number | null;
  /** Expected sample of the target subpopulation n_h P_h (null without prevalence). */
  readonly expected: number | null;
}

export interface Allocation {
  readonly method: AllocationMethod;
  readonly power: number | null;
  readonly n: number;
  readonly N: number;
  readonly budget: number | null;
  /** sum c_h n_h of the rounded allocation (null without costs). */
  readonly cost: number | null;
  /** Expected SE of the stratified mean, sqrt(sum W_h^2 S_h^2 (1/n_h - 1/N_h)) (Cochran 1977 ch. 5); null without S_h. */
  readonly se: number | null;
  /** Population mean sum W_h Ybar_h and the CV se / |mean| (null without stratum means). */
  readonly mean: number | null;
  readonly cv: number | null;
  /**
   * Design effect V(ybar_st) / V_srs, V_srs = (1 - n/N) S^2 / n with S^2 = [sum (N_h - 1) S_h^2 + sum N_h (Ybar_h -
   * Ybar)^2] / (N - 1) the population variance (null without S_h and Ybar_h).
   */
  readonly deff: number | null;
  /** Kish weighting design effect 1 + CV^2 of the design weights N_h / n_h over the sample: n sum n_h w_h^2 / (sum n_h w_h)^2. */
  readonly deff_w: number;
  /** With prevalences: the expected subpopulation sample sum n_h P_h and the Kish deff of its weights. */
  readonly expected: number | null;
  readonly deff_w_expected: number | null;
  readonly strata: AllocatedStratum[];
}

function fail(message: string): never {
  throw new SamplingDesignError(message);
}

const isPositive = (x: number | undefined): x is number => typeof x === 'number' && x > 0 && Number.isFinite(x);

/** Unit SD, mean and the stratum checks. */
function describe(s: StratumSpec, i: number): { S: number | null; mean: number | null } {
  const at = `stratum "${s.name}" (${i + 1})`;
  if (!isPositive(s.size)) fail(`${at}: population size ${String(s.size)}: expected a number > 0`);
  if (s.sd !== undefined && !(s.sd >= 0 && Number.isFinite(s.sd))) fail(`${at}: sd ${s.sd}: expected a number >= 0`);
  if (s.prevalence !== undefined && !(s.prevalence >= 0 && s.prevalence <= 1)) fail(`${at}: prevalence ${s.prevalence}: expected a proportion in [0, 1]`);
  if (s.sd !== undefined && s.prevalence !== undefined) fail(`${at}: give sd or prevalence, not both`);
  if (s.mean !== undefined && !Number.isFinite(s.mean)) fail(`${at}: mean ${s.mean}: expected a finite number`);
  if (s.cost !== undefined && !isPositive(s.cost)) fail(`${at}: cost ${s.cost}: expected a number > 0`);
  let S: number | null = s.sd ?? null;
  if (s.prevalence !== undefined) {
    const p = s.prevalence;
    S = s.size > 1 ? Math.sqrt((s.size * p * (1 - p)) / (s.size - 1)) : 0;
  }
  return { S, mean: s.mean ?? s.prevalence ?? null };
}

/**
 * Continuous allocation under bounds: x_h = clamp(lambda a_h, lo_h, hi_h) with sum u_h x_h = target (u_h = 1 for a
 * fixed n, c_h for a budget). Exact: lambda is found between the breakpoints lo_h/a_h, hi_h/a_h, where the sum is linear.
 * Strata with a zero score (S_h = 0) keep lo_h unless every other stratum is full; then they share the rest equally.
 */
export function boundedAllocation(
  scores: readonly number[], lo: readonly number[], hi: readonly number[], target: number, unitCost?: readonly number[],
): number[] {
  const H = scores.length;
  const u = unitCost ?? new Array<number>(H).fill(1);
  const at = (lambda: number): number[] => scores.map((a, h) => (a > 0 ? Math.min(hi[h]!, Math.max(lo[h]!, lambda * a)) : lo[h]!));
  const g = (lambda: number): number => at(lambda).reduce((s, x, h) => s + u[h]! * x, 0);
  const tol = 1e-9 * Math.max(1, Math.abs(target));
  const g0 = g(0);
  if (target < g0 - tol) fail(`the allocation cannot go below ${g0}, the sum of the minimums, to reach ${target}`);
  const breaks = [0];
  scores.forEach((a, h) => {
    if (a > 0) for (const b of [lo[h]! / a, hi[h]! / a]) if (Number.isFinite(b)) breaks.push(b);
  });
  breaks.sort((x, y) => x - y);
  const last = breaks[breaks.length - 1]!;
  const gLast = g(last);
  if (target <= gLast) {
    // The first breakpoint where g reaches the target; g is linear between it and the one before.
    let loI = 0;
    let hiI = breaks.length - 1;
    while (loI < hiI) {
      const mid = (loI + hiI) >> 1;
      if (g(breaks[mid]!) >= target) hiI = mid;
      else loI = mid + 1;
    }
    const b1 = breaks[loI]!;
    const g1 = g(b1);
    if (loI === 0 || g1 === target) return at(b1);
    const b0 = breaks[loI - 1]!;
    const gb0 = g(b0);
    return at(g1 === gb0 ? b1 : b0 + ((target - gb0) * (b1 - b0)) / (g1 - gb0));
  }
  // Beyond the last breakpoint only strata without an upper bound still grow.
  const slope = scores.reduce((s, a, h) => s + (a > 0 && hi[h] === Infinity ? u[h]! * a : 0), 0);
  if (slope > 0) return at(last + (target - gLast) / slope);
  const x = at(last);
  const zero = scores.map((a, h) => (a > 0 ? -1 : h)).filter((h) => h >= 0);
  const room = zero.reduce((s, h) => s + u[h]! * (hi[h]! - lo[h]!), 0);
  if (zero.length === 0 || target > gLast + room + tol) fail(`the allocation cannot exceed ${gLast + room}, the sum of the maximums, to reach ${target}`);
  const rest = boundedAllocation(zero.map(() => 1), zero.map((h) => lo[h]!), zero.map((h) => hi[h]!), target - gLast + zero.reduce((s, h) => s + u[h]! * lo[h]!, 0), zero.map((h) => u[h]!));
  zero.forEach((h, i) => (x[h] = rest[i]!));
  return x;
}

/**
 * Largest-remainder rounding of a continuous allocation to integers summing to `total`: floor, then one unit each to
 * the largest fractional parts (ties: the first listed), never above `hi`.
 */
export function roundAllocation(x: readonly number[], total: number, hi?: readonly number[]): number[] {
  const out = x.map((v) => Math.floor(v));
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = x.map((v, h) => ({ h, r: v - Math.floor(v) })).sort((a, b) => b.r - a.r || a.h - b.h);
  for (const { h } of order) {
    if (left <= 0) break;
    if (hi && out[h]! + 1 > hi[h]!) continue;
    out[h]!++;
    left--;
  }
  if (left !== 0) fail(`rounding: ${left} unit(s) could not be placed within the bounds`);
  return out;
}

/** Variance of the stratified mean, sum W_h^2 S_h^2 (1/n_h - 1/N_h) (Cochran 1977 ch. 5); Infinity if a stratum with S_h > 0 has n_h = 0. */
export function stratifiedVariance(strata: readonly { readonly size: number; readonly sd: number }[], n: ArrayLike<number>): number {
  const N = strata.reduce((s, x) => s + x.size, 0);
  let v = 0;
  strata.forEach((s, h) => {
    if (s.sd === 0) return;
    const nh = n[h]!;
    if (!(nh > 0)) {
      v = Infinity;
      return;
    }
    const W = s.size / N;
    v += W * W * s.sd * s.sd * (1 / nh - 1 / s.size);
  });
  return v;
}

/** Kish weighting design effect n sum n_h w_h^2 / (sum n_h w_h)^2 of stratum weights w_h = N_h / n_h, over strata with n_h > 0. */
export function stratumWeightDeff(size: readonly number[], n: readonly number[]): number {
  let nTot = 0;
  let sw = 0;
  let sw2 = 0;
  size.forEach((N, h) => {
    const nh = n[h]!;
    if (nh > 0) {
      const w = N / nh;
      nTot += nh;
      sw += nh * w;
      sw2 += nh * w * w;
    }
  });
  return (nTot * sw2) / (sw * sw);
}

/** Allocates a sample across strata (method, bounds, rounding and outputs in the module comment). */
export function allocate(strata: readonly StratumSpec[], options: AllocationOptions): Allocation {
  const H = strata.length;
  if (H === 0) fail('allocation: no strata');
  const method = options.method;
  if (!ALLOCATION_METHODS.includes(method)) fail(`allocation method "${String(method)}": expected one of ${ALLOCATION_METHODS.join(', ')}`);
  const names = new Set<string>();
  for (const s of strata) {
    if (names.has(s.name)) fail(`stratum "${s.name}" is listed twice`);
    names.add(s.name);
  }
  const info = strata.map(describe);
  const sizes = strata.map((s) => s.size);
  const N = sizes.reduce((a, b) => a + b, 0);
  const a = options.power ?? 0.5;
  if (method === 'power' && !(a >= 0 && Number.isFinite(a))) fail(`power ${options.power}: expected an exponent >= 0`);
  const needS = method === 'neyman' || method === 'optimal' || method === 'power';
  if (needS) {
    const missing = info.findIndex((x) => x.S === null);
    if (missing >= 0) fail(`${method} allocation needs the standard deviation (or prevalence) of every stratum; stratum "${strata[missing]!.name}" has none`);
  }
  const costs = strata.map((s) => s.cost);
  const hasCosts = costs.every((c) => c !== undefined);
  if ((method === 'optimal' || options.budget !== undefined) && !hasCosts) {
    const missing = costs.findIndex((c) => c === undefined);
    fail(`${options.budget !== undefined ? 'a budget' : 'optimal allocation'} needs the cost of every stratum; stratum "${strata[missing]!.name}" has none`);
  }
  const means = info.map((x) => x.mean);
  const hasMeans = means.every((m) => m !== null);
  if (method === 'power' && hasMeans) {
    const bad = means.findIndex((m) => !(m! > 0));
    if (bad >= 0) fail(`power allocation: stratum "${strata[bad]!.name}" has mean (or prevalence) ${means[bad]}: the CV of its estimate needs a mean > 0`);
  }
  const scores = strata.map((s, h) => {
    const S = info[h]!.S ?? 0;
    switch (method) {
      case 'proportional':
        return s.size;
      case 'equal':
        return 1;
      case 'neyman':
        return s.size * S;
      case 'optimal':
        return (s.size * S) / Math.sqrt(s.cost!);
      default: {
        const m = hasMeans ? means[h]! : 1;
        return (s.size * m) ** a * (S / m);
      }
    }
  });
  if (!scores.some((x) => x > 0)) fail(`${method} allocation: every stratum has a zero standard deviation (or prevalence 0 or 1)`);

  const minAll = options.min ?? 2;
  const maxAll = options.max ?? Infinity;
  const checkBound = (what: string, v: number): void => {
    if (!(v >= 0 && (Number.isInteger(v) || v === Infinity))) fail(`${what} ${v}: expected a whole number >= 0`);
  };
  checkBound('min', minAll);
  checkBound('max', maxAll);
  const cap = sizes.map((x) => Math.floor(x));
  const lo = strata.map((s, h) => {
    if (s.min !== undefined) checkBound(`stratum "${s.name}": min`, s.min);
    return Math.min(s.min ?? minAll, cap[h]!);
  });
  const hi = strata.map((s, h) => {
    if (s.max !== undefined) checkBound(`stratum "${s.name}": max`, s.max);
    return Math.min(s.max ?? maxAll, cap[h]!);
  });
  const badBounds = lo.findIndex((l, h) => l > hi[h]!);
  if (badBounds >= 0) fail(`stratum "${strata[badBounds]!.name}": minimum ${lo[badBounds]} above maximum ${hi[badBounds]}`);
  const sumLo = lo.reduce((x, y) => x + y, 0);
  const sumHi = hi.reduce((x, y) => x + y, 0);

  let x: number[];
  let total: number;
  if (options.budget !== undefined) {
    if (options.n !== undefined) fail('give n or budget, not both');
    if (!isPositive(options.budget)) fail(`budget ${options.budget}: expected an amount > 0`);
    const c = costs as number[];
    const costLo = lo.reduce((s, l, h) => s + l * c[h]!, 0);
    const costHi = hi.reduce((s, l, h) => s + l * c[h]!, 0);
    if (options.budget < costLo) fail(`budget ${options.budget} is below ${costLo}, the cost of the minimum sample (${sumLo} units)`);
    x = boundedAllocation(scores, lo, hi, Math.min(options.budget, costHi), c);
    total = Math.floor(x.reduce((s, v) => s + v, 0) + 1e-9);
  } else {
    const n = options.n;
    if (n === undefined) fail('give the total sample size n (or a budget)');
    if (!(Number.isInteger(n) && n > 0)) fail(`n ${n}: expected a whole number > 0`);
    if (n < sumLo) fail(`n = ${n} is below the ${sumLo} units the minimum per stratum needs (min ${minAll}, capped at N_h, in ${H} strata)`);
    if (n > sumHi) fail(`n = ${n} exceeds the ${sumHi} units the strata can give (population sizes${Number.isFinite(maxAll) ? ` and max ${maxAll}` : ''})`);
    x = boundedAllocation(scores, lo, hi, n);
    total = n;
  }
  const nh = roundAllocation(x, total, hi);

  const sdOf = info.map((i) => i.S);
  const hasS = sdOf.every((s) => s !== null);
  const V = hasS ? stratifiedVariance(strata.map((s, h) => ({ size: s.size, sd: sdOf[h]! })), nh) : null;
  const mean = hasMeans ? strata.reduce((s, st, h) => s + (st.size / N) * means[h]!, 0) : null;
  let deff: number | null = null;
  if (V !== null && mean !== null && N > 1) {
    let ss = 0;
    strata.forEach((st, h) => (ss += (st.size - 1) * sdOf[h]! ** 2 + st.size * (means[h]! - mean) ** 2));
    const S2 = ss / (N - 1);
    const vsrs = ((1 - total / N) * S2) / total;
    deff = vsrs > 0 ? V / vsrs : null;
  }
  const hasPrevalence = strata.every((s) => s.prevalence !== undefined);
  const expected = hasPrevalence ? strata.map((s, h) => nh[h]! * s.prevalence!) : null;
  const bound = (h: number): AllocatedStratum['bound'] => {
    const v = x[h]!;
    if (v >= hi[h]! && hi[h] === cap[h]) return 'take-all';
    if (v >= hi[h]!) return 'max';
    if (v <= lo[h]! && lo[h]! > 0) return 'min';
    return null;
  };
  const rows: AllocatedStratum[] = strata.map((s, h) => {
    const n = nh[h]!;
    const S = sdOf[h]!;
    const se = S === null ? null : n > 0 ? S * Math.sqrt(Math.max(0, 1 / n - 1 / s.size)) : S === 0 ? 0 : Infinity;
    return {
      stratum: s.name,
      N: s.size,
      W: s.size / N,
      sd: S,
      mean: means[h]!,
      cost: s.cost ?? null,
      target: x[h]!,
      n,
      f: n / s.size,
      weight: n > 0 ? s.size / n : null,
      take_all: n === cap[h],
      bound: bound(h),
      se,
      cv: se === null || means[h] === null || means[h] === 0 ? null : se / Math.abs(means[h]!),
      expected: expected ? expected[h]! : null,
    };
  });
  const se = V === null ? null : Math.sqrt(V);
  return {
    method,
    power: method === 'power' ? a : null,
    n: total,
    N,
    budget: options.budget ?? null,
    cost: hasCosts ? nh.reduce((s, v, h) => s + v * costs[h]!, 0) : null,
    se,
    mean,
    cv: se === null || mean === null || mean === 0 ? null : se / Math.abs(mean),
    deff,
    deff_w: stratumWeightDeff(sizes, nh),
    expected: expected ? expected.reduce((s, v) => s + v, 0) : null,
    deff_w_expected: expected && expected.some((v) => v > 0) ? stratumWeightDeff(strata.map((s) => s.size * s.prevalence!), nh.map((v, h) => v * strata[h]!.prevalence!)) : null,
    strata: rows,
  };
}
