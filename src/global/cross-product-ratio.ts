/**
 * The cross-product ratio (odds ratio) of the 2x2 table migrant status x labour force status, and the fit of a 2x2
 * table to benchmark margins with a given cross-product ratio: the country-level step of the 2nd and 3rd editions of
 * the ILO Global Estimates on International Migrant Workers (spec icls.md §3.2 items 36 and 38; src/global/METHOD.md §1).
 *
 * Cells, for one country x sex x age group:
 * ```
 *                     in LF        not in LF
 *   migrants          a = x        b = M - x          M
 *   non-migrants      c = L - x    d = P - M - L + x  P - M
 *                     L            P - L              P
 * ```
 */

/** The four cells of the 2x2 table (persons; any common scale: survey estimates of totals, or counts). */
export interface TwoByTwo {
  /** Migrants in the labour force (migrant workers). */
  readonly migrantInLf: number;
  /** Migrants outside the labour force. */
  readonly migrantOutLf: number;
  /** Non-migrants in the labour force. */
  readonly nonMigrantInLf: number;
  /** Non-migrants outside the labour force. */
  readonly nonMigrantOutLf: number;
}

/** Benchmark margins of one country x sex x age cell: total population P, migrant stock M, labour force L. */
export interface Margins {
  readonly population: number;
  readonly migrants: number;
  readonly labourForce: number;
}

/** A 4x4 covariance matrix of the cell estimates, in the order of `TwoByTwo` (a, b, c, d). */
export type CellCovariance = readonly (readonly number[])[];

/** The cells in order a, b, c, d. */
export function cellsOf(t: TwoByTwo): [number, number, number, number] {
  return [t.migrantInLf, t.migrantOutLf, t.nonMigrantInLf, t.nonMigrantOutLf];
}

/**
 * Cross-product ratio θ = (a·d)/(b·c) (icls.md §3.2 item 36): the odds of being in the labour force for migrants over
 * the odds for non-migrants. NaN unless all four cells are positive and finite.
 */
export function crossProductRatio(t: TwoByTwo): number {
  const [a, b, c, d] = cellsOf(t);
  if (![a, b, c, d].every((v) => Number.isFinite(v) && v > 0)) return NaN;
  return (a * d) / (b * c);
}

/**
 * Standard error of log θ by the delta method (METHOD.md §1.2): log θ = log a − log b − log c + log d has gradient
 * g = (1/a, −1/b, −1/c, 1/d), so Var(log θ) = g' V g with V the covariance of the cell estimates. Given only the cell
 * SEs, V is taken diagonal (Var = Σ (se_i/x_i)^2). For multinomial counts n_i, V = diag(n) − nn'/n (the
 * covariance terms vanish since g'n = 0) and this is Woolf's (1955) Σ 1/n_i.
 *
 * @param se the SEs of the four cell estimates (order a, b, c, d), used when `vcov` is not given.
 * @param vcov optional full 4x4 covariance of the cell estimates.
 */
export function logCrossProductRatioSe(t: TwoByTwo, se: readonly number[] | undefined, vcov?: CellCovariance): number {
  const x = cellsOf(t);
  if (!x.every((v) => Number.isFinite(v) && v > 0)) return NaN;
  const g = [1 / x[0], -1 / x[1], -1 / x[2], 1 / x[3]];
  let v = 0;
  if (vcov !== undefined) {
    if (vcov.length !== 4 || vcov.some((r) => r.length !== 4)) throw new RangeError('logCrossProductRatioSe: vcov must be 4x4 (order a, b, c, d)');
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) v += g[i]! * vcov[i]![j]! * g[j]!;
  } else {
    if (se === undefined || se.length !== 4) throw new RangeError('logCrossProductRatioSe: give the four cell SEs (order a, b, c, d) or vcov');
    for (let i = 0; i < 4; i++) v += (g[i]! * se[i]!) ** 2;
  }
  return Math.sqrt(v);
}

/** The interval of feasible values of the migrant-in-LF cell x given the margins: [max(0, M + L − P), min(M, L)]. */
export function feasibleRange(m: Margins): [number, number] {
  checkMargins(m);
  return [Math.max(0, m.migrants + m.labourForce - m.population), Math.min(m.migrants, m.labourForce)];
}

function checkMargins(m: Margins): void {
  const { population: p, migrants: mm, labourForce: l } = m;
  if (![p, mm, l].every((v) => Number.isFinite(v) && v >= 0) || mm > p || l > p) {
    throw new RangeError(`margins must satisfy 0 <= M <= P and 0 <= L <= P (P=${p}, M=${mm}, L=${l})`);
  }
}

/**
 * The migrant-in-LF cell x of the 2x2 table with margins (P, M, L) and cross-product ratio θ (icls.md §3.2 item 36;
 * METHOD.md §1.3): x solves θ = x(P − M − L + x) / ((M − x)(L − x)), i.e.
 * (θ − 1)x² − [θ(M + L) + P − M − L]x + θML = 0; x = ML/P when θ = 1. The left side increases from 0 to ∞ on the
 * feasible range, so exactly one root lies in it; the root is taken in the cancellation-free form (q = −(b + sign(b)·√Δ)/2,
 * roots q/a and c/q). θ = 0 gives the lower end of the range, θ = ∞ the upper end.
 */
export function fitMigrantLabourForce(m: Margins, theta: number): number {
  feasibleRange(m);
  if (!(theta >= 0)) throw new RangeError(`fitMigrantLabourForce: θ must be >= 0 (got ${theta})`);
  return solveMigrantLabourForce(m.population, m.migrants, m.labourForce, theta);
}

/**
 * The numeric core of `fitMigrantLabourForce`, without argument checks or allocation (for the bootstrap's inner
 * loop): P, M, L must satisfy 0 <= M, L <= P and θ >= 0.
 */
export function solveMigrantLabourForce(p: number, mm: number, l: number, theta: number): number {
  const lo = Math.max(0, mm + l - p);
  const hi = Math.min(mm, l);
  if (lo >= hi) return lo;
  if (theta === 0) return lo;
  if (theta === Infinity) return hi;
  // for θ > 1 the equation is divided by θ, so that a huge θ (a bootstrap draw) cannot overflow θML
  const big = theta > 1;
  const qa = big ? 1 - 1 / theta : theta - 1;
  const qb = big ? -(mm + l + (p - mm - l) / theta) : -(theta * (mm + l) + p - mm - l);
  const qc = big ? mm * l : theta * mm * l;
  let x: number;
  if (Math.abs(qa) < 1e-12) {
    x = qc / -qb; // linear (θ = 1): x = ML/P
  } else {
    const disc = Math.max(0, qb * qb - 4 * qa * qc);
    const q = -0.5 * (qb + (qb < 0 ? -1 : 1) * Math.sqrt(disc));
    const r1 = q / qa;
    const r2 = qc / q;
    const tol = 1e-9 * Math.max(1, hi);
    const in1 = r1 >= lo - tol && r1 <= hi + tol;
    const in2 = r2 >= lo - tol && r2 <= hi + tol;
    const mid = (lo + hi) / 2;
    x = in1 && in2 ? (Math.abs(r1 - mid) <= Math.abs(r2 - mid) ? r1 : r2) : in1 ? r1 : r2;
  }
  return Math.min(hi, Math.max(lo, x));
}

/** The full 2x2 table with margins (P, M, L) and cross-product ratio θ, by the closed-form solution. */
export function fitTwoByTwo(m: Margins, theta: number): TwoByTwo {
  const x = fitMigrantLabourForce(m, theta);
  return tableOf(m, x);
}

/** The 2x2 table with margins (P, M, L) and migrant-in-LF cell x. */
export function tableOf(m: Margins, x: number): TwoByTwo {
  return {
    migrantInLf: x,
    migrantOutLf: m.migrants - x,
    nonMigrantInLf: m.labourForce - x,
    nonMigrantOutLf: m.population - m.migrants - m.labourForce + x,
  };
}

/** The result of an iterative proportional fit. */
export interface IpfResult {
  readonly table: TwoByTwo;
  readonly iterations: number;
  /** Largest absolute margin discrepancy at the end. */
  readonly maxDiscrepancy: number;
  readonly converged: boolean;
}

/**
 * Iterative proportional fitting (Deming & Stephan 1940) of a seed 2x2 table to the margins: rows (migrants M,
 * non-migrants P − M) and columns (labour force L, outside P − L) are raked in turn until both margins hold within
 * `tolerance` (relative to P). Raking multiplies rows and columns, so it keeps the seed's cross-product ratio: with a
 * seed of ratio θ it converges to the table of `fitTwoByTwo(m, θ)` (METHOD.md §1.3). The seed is a table (national
 * survey estimates) or θ itself (seed [[θ, 1], [1, 1]]).
 */
export function ipfTwoByTwo(m: Margins, seed: TwoByTwo | number, options: { tolerance?: number; maxIterations?: number } = {}): IpfResult {
  checkMargins(m);
  const tol = (options.tolerance ?? 1e-12) * Math.max(1, m.population);
  const maxIt = options.maxIterations ?? 10_000;
  let [a, b, c, d] = typeof seed === 'number' ? [seed, 1, 1, 1] : cellsOf(seed);
  if (![a, b, c, d].every((v) => Number.isFinite(v) && v > 0)) throw new RangeError('ipfTwoByTwo: seed cells must be positive and finite');
  const rowM = m.migrants;
  const rowN = m.population - m.migrants;
  const colL = m.labourForce;
  const colO = m.population - m.labourForce;
  let it = 0;
  let disc = Infinity;
  while (it < maxIt) {
    it++;
    const fm = rowM / (a + b);
    const fn = rowN / (c + d);
    a *= fm; b *= fm; c *= fn; d *= fn;
    const fl = colL / (a + c);
    const fo = colO / (b + d);
    a *= fl; c *= fl; b *= fo; d *= fo;
    disc = Math.max(Math.abs(a + b - rowM), Math.abs(c + d - rowN), Math.abs(a + c - colL), Math.abs(b + d - colO));
    if (disc <= tol) break;
  }
  return {
    table: { migrantInLf: a, migrantOutLf: b, nonMigrantInLf: c, nonMigrantOutLf: d },
    iterations: it, maxDiscrepancy: disc, converged: disc <= tol,
  };
}

/** Migrant LFPR x/M and non-migrant LFPR (L − x)/(P − M) of a fitted cell (NaN where a denominator is 0). */
export function participationRates(m: Margins, x: number): { migrant: number; nonMigrant: number } {
  const nm = m.population - m.migrants;
  return { migrant: m.migrants > 0 ? x / m.migrants : NaN, nonMigrant: nm > 0 ? (m.labourForce - x) / nm : NaN };
}
