/**
 * A small dense linear-program solver for the disclosure-control audit (suppression.ts): optimise c'x subject to
 * A x = b and lo <= x <= hi, by the two-phase bounded-variable primal simplex method on a full tableau (Dantzig 1963,
 * ch. 18; Chvatal 1983, Linear Programming, ch. 8 "upper-bounded variables") with Bland's (1977) smallest-index rule for
 * the entering and the leaving variable, so that it cannot cycle.
 *
 * Method. Each variable is shifted to y in [0, u]: x = lo + y (finite lo), x = hi - y (lo = -Infinity, finite hi), or
 * x = y+ - y- (free). Rows are signed so that b >= 0, and phase 1 minimises the sum of one artificial variable per row
 * from the all-artificial basis; the problem is infeasible when that minimum exceeds the feasibility tolerance.
 * Phase 2 fixes the artificial variables at 0 (those still basic leave by degenerate pivots) and optimises c'x.
 * A nonbasic variable sits at its lower or its upper bound; a step either flips it to its other bound or pivots.
 * The problem is unbounded when an improving direction meets no bound.
 *
 * Tolerances (all options of `solveLinearProgram`), chosen for problems whose coefficients are small integers (the
 * additivity relations of tables are 0/+1/-1) and whose right-hand sides are weighted counts:
 * - `pivotTolerance` 1e-9: tableau entries of smaller magnitude are not pivots (treated as 0 in the ratio test);
 * - `optimalityTolerance` 1e-9 x (1 + max|c|): a reduced cost must beat this to improve the objective;
 * - `feasibilityTolerance` 1e-9 x (1 + max|b|): the largest sum of artificial variables accepted as feasible, which
 *   absorbs the rounding of data that are additive only to floating-point precision.
 * The solution reports `residual` = max_i |(A x - b)_i| so that an audit can see how exactly it holds.
 */

/** A linear program: optimise `objective`'x subject to `A` x = `b`, `lower` <= x <= `upper`. */
export interface LinearProgram {
  /** 'min' (default) or 'max'. */
  readonly sense?: 'min' | 'max';
  /** c, length n. */
  readonly objective: ArrayLike<number>;
  /** A as m rows of length n (dense). */
  readonly A: readonly ArrayLike<number>[];
  /** b, length m. */
  readonly b: ArrayLike<number>;
  /** Lower bounds (default 0; -Infinity allowed). */
  readonly lower?: ArrayLike<number>;
  /** Upper bounds (default +Infinity). */
  readonly upper?: ArrayLike<number>;
}

export type LpStatus = 'optimal' | 'infeasible' | 'unbounded';

export interface LpSolution {
  readonly status: LpStatus;
  /** The optimal point (length n); empty unless `status` is 'optimal'. */
  readonly x: Float64Array;
  /** c'x at the optimum; NaN when infeasible; -Infinity (min) or +Infinity (max) when unbounded. */
  readonly value: number;
  /** Simplex steps (pivots and bound flips) over both phases. */
  readonly iterations: number;
  /** max_i |(A x - b)_i| at the optimum (NaN otherwise). */
  readonly residual: number;
}

export interface LpOptions {
  /** Default 1e-9 (absolute, on tableau entries). */
  readonly pivotTolerance?: number;
  /** Default 1e-9, relative to 1 + max|c|. */
  readonly optimalityTolerance?: number;
  /** Default 1e-9, relative to 1 + max|b|. */
  readonly feasibilityTolerance?: number;
  /** Default 50 (m + n) + 1000 steps per phase; beyond it the solver throws (Bland's rule is finite but can be slow). */
  readonly maxIterations?: number;
}

/** Solves a linear program exactly enough for an audit (see the module doc for the method and the tolerances). */
export function solveLinearProgram(lp: LinearProgram, options: LpOptions = {}): LpSolution {
  const n = lp.objective.length;
  const m = lp.b.length;
  if (lp.A.length !== m) throw new RangeError(`linear program: A has ${lp.A.length} rows but b has ${m} entries`);
  lp.A.forEach((row, i) => {
    if (row.length !== n) throw new RangeError(`linear program: row ${i + 1} of A has ${row.length} entries, expected ${n} (the length of the objective)`);
    for (let k = 0; k < n; k++) if (!Number.isFinite(row[k]!)) throw new RangeError(`linear program: A[${i + 1}][${k + 1}] is ${row[k]}`);
  });
  for (let k = 0; k < n; k++) if (!Number.isFinite(lp.objective[k]!)) throw new RangeError(`linear program: objective[${k + 1}] is ${lp.objective[k]}`);
  for (let i = 0; i < m; i++) if (!Number.isFinite(lp.b[i]!)) throw new RangeError(`linear program: b[${i + 1}] is ${lp.b[i]}`);
  const lower = Float64Array.from({ length: n }, (_, k) => (lp.lower ? lp.lower[k]! : 0));
  const upper = Float64Array.from({ length: n }, (_, k) => (lp.upper ? lp.upper[k]! : Infinity));
  for (let k = 0; k < n; k++) {
    const lo = lower[k]!;
    const hi = upper[k]!;
    if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi || lo === Infinity || hi === -Infinity) {
      throw new RangeError(`linear program: bounds of x[${k + 1}] are [${lo}, ${hi}]`);
    }
  }
  const maximise = lp.sense === 'max';
  const pivTol = options.pivotTolerance ?? 1e-9;
  const maxAbs = (v: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s = Math.max(s, Math.abs(v[i]!));
    return s;
  };

  // Shifted columns y in [0, u]: x_k = shift_k + sum over its columns of sign * y.
  const colVar: number[] = [];
  const colSign: number[] = [];
  const colUpper: number[] = [];
  const shift = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const lo = lower[k]!;
    const hi = upper[k]!;
    if (lo > -Infinity) {
      shift[k] = lo;
      colVar.push(k);
      colSign.push(1);
      colUpper.push(hi - lo);
    } else if (hi < Infinity) {
      shift[k] = hi;
      colVar.push(k);
      colSign.push(-1);
      colUpper.push(Infinity);
    } else {
      colVar.push(k, k);
      colSign.push(1, -1);
      colUpper.push(Infinity, Infinity);
    }
  }
  const ny = colVar.length;
  const N = ny + m;
  // Right-hand side after the shift, rows signed to b' >= 0.
  const rhs = new Float64Array(m);
  const rowSign = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let r = lp.b[i]!;
    const row = lp.A[i]!;
    for (let k = 0; k < n; k++) r -= row[k]! * shift[k]!;
    rowSign[i] = r < 0 ? -1 : 1;
    rhs[i] = Math.abs(r);
  }
  const T = new Float64Array(m * N);
  for (let i = 0; i < m; i++) {
    const row = lp.A[i]!;
    const s = rowSign[i]!;
    for (let j = 0; j < ny; j++) T[i * N + j] = s * colSign[j]! * row[colVar[j]!]!;
    T[i * N + ny + i] = 1;
  }
  const ub = new Float64Array(N);
  for (let j = 0; j < ny; j++) ub[j] = colUpper[j]!;
  for (let j = ny; j < N; j++) ub[j] = Infinity;
  const basis = Int32Array.from({ length: m }, (_, i) => ny + i);
  const isBasic = new Uint8Array(N);
  for (let i = 0; i < m; i++) isBasic[ny + i] = 1;
  const atUpper = new Uint8Array(N);
  const beta = Float64Array.from(rhs);
  const bScale = 1 + maxAbs(rhs);
  const maxIterations = options.maxIterations ?? 50 * (m + n) + 1000;
  let iterations = 0;

  /** One simplex phase minimising cost'y over the columns `enter` allows; returns false when unbounded. */
  const phase = (cost: Float64Array, canEnter: (j: number) => boolean, optTol: number): boolean => {
    const d = new Float64Array(N);
    for (let steps = 0; ; steps++) {
      if (steps > maxIterations) throw new Error(`linear program: no optimum after ${maxIterations} simplex steps (m = ${m}, n = ${n})`);
      // Reduced costs d_j = c_j - c_B' B^-1 A_j (the tableau holds B^-1 A).
      d.set(cost);
      for (let i = 0; i < m; i++) {
        const cb = cost[basis[i]!]!;
        if (cb === 0) continue;
        const off = i * N;
        for (let j = 0; j < N; j++) d[j]! -= cb * T[off + j]!;
      }
      // Bland: the smallest index that improves.
      let q = -1;
      for (let j = 0; j < N; j++) {
        if (isBasic[j] || !canEnter(j) || !(ub[j]! > 0)) continue;
        if ((!atUpper[j] && d[j]! < -optTol) || (atUpper[j] && d[j]! > optTol)) {
          q = j;
          break;
        }
      }
      if (q < 0) return true;
      const dir = atUpper[q] ? -1 : 1;
      // Ratio test: the entering variable moves by t >= 0 in direction dir; basic i changes by -dir * T[i][q] * t.
      let tMin = ub[q]!;
      let leave = -1;
      let leaveToUpper = false;
      for (let i = 0; i < m; i++) {
        const a = dir * T[i * N + q]!;
        const bi = basis[i]!;
        let t: number;
        let toUpper: boolean;
        if (a > pivTol) {
          t = Math.max(0, beta[i]!) / a;
          toUpper = false;
        } else if (a < -pivTol && ub[bi]! < Infinity) {
          t = Math.max(0, ub[bi]! - beta[i]!) / -a;
          toUpper = true;
        } else continue;
        // Smaller ratio wins; on a tie, the smaller variable index leaves (Bland); a bound flip wins ties.
        if (t < tMin || (t === tMin && leave >= 0 && bi < basis[leave]!)) {
          tMin = t;
          leave = i;
          leaveToUpper = toUpper;
        }
      }
      if (tMin === Infinity) return false;
      iterations++;
      for (let i = 0; i < m; i++) {
        const v = beta[i]! - dir * T[i * N + q]! * tMin;
        // Values that cancel to rounding noise are degenerate zeros: exact ties for Bland's leaving rule.
        beta[i] = Math.abs(v) < 1e-13 * bScale ? 0 : v;
      }
      if (leave < 0) {
        atUpper[q] = atUpper[q] ? 0 : 1;
        continue;
      }
      const entering = (atUpper[q] ? ub[q]! : 0) + dir * tMin;
      const out = basis[leave]!;
      isBasic[out] = 0;
      atUpper[out] = leaveToUpper ? 1 : 0;
      basis[leave] = q;
      isBasic[q] = 1;
      atUpper[q] = 0;
      beta[leave] = entering;
      pivot(T, N, m, leave, q);
    }
  };

  // Phase 1: minimise the sum of the artificial variables.
  const cost1 = new Float64Array(N);
  for (let j = ny; j < N; j++) cost1[j] = 1;
  phase(cost1, () => true, 1e-9);
  let infeasibility = 0;
  for (let i = 0; i < m; i++) if (basis[i]! >= ny) infeasibility += Math.max(0, beta[i]!);
  if (infeasibility > (options.feasibilityTolerance ?? 1e-9) * bScale) {
    return { status: 'infeasible', x: new Float64Array(0), value: NaN, iterations, residual: NaN };
  }
  // Phase 2: artificial variables fixed at 0; minimise c'x (or -c'x).
  for (let j = ny; j < N; j++) ub[j] = 0;
  const cost2 = new Float64Array(N);
  for (let j = 0; j < ny; j++) cost2[j] = (maximise ? -1 : 1) * colSign[j]! * lp.objective[colVar[j]!]!;
  const optTol = (options.optimalityTolerance ?? 1e-9) * (1 + maxAbs(lp.objective));
  const bounded = phase(cost2, (j) => j < ny, optTol);
  if (!bounded) return { status: 'unbounded', x: new Float64Array(0), value: maximise ? Infinity : -Infinity, iterations, residual: NaN };

  const y = new Float64Array(ny);
  for (let j = 0; j < ny; j++) y[j] = atUpper[j] ? ub[j]! : 0;
  for (let i = 0; i < m; i++) if (basis[i]! < ny) y[basis[i]!] = beta[i]!;
  const x = Float64Array.from(shift);
  for (let j = 0; j < ny; j++) {
    const yj = Math.min(Math.max(y[j]!, 0), colUpper[j]!);
    x[colVar[j]!]! += colSign[j]! * yj;
  }
  let value = 0;
  for (let k = 0; k < n; k++) value += lp.objective[k]! * x[k]!;
  let residual = 0;
  for (let i = 0; i < m; i++) {
    const row = lp.A[i]!;
    let r = -lp.b[i]!;
    for (let k = 0; k < n; k++) r += row[k]! * x[k]!;
    residual = Math.max(residual, Math.abs(r));
  }
  return { status: 'optimal', x, value, iterations, residual };
}

/** Gauss-Jordan pivot of the m x N tableau on (r, q); entries that cancel to rounding noise are set to 0. */
function pivot(T: Float64Array, N: number, m: number, r: number, q: number): void {
  const ro = r * N;
  const p = T[ro + q]!;
  for (let j = 0; j < N; j++) T[ro + j]! /= p;
  T[ro + q] = 1;
  for (let i = 0; i < m; i++) {
    if (i === r) continue;
    const io = i * N;
    const f = T[io + q]!;
    if (f === 0) continue;
    for (let j = 0; j < N; j++) {
      const v = T[io + j]! - f * T[ro + j]!;
      T[io + j] = Math.abs(v) < 1e-14 ? 0 : v;
    }
    T[io + q] = 0;
  }
}
