import { DesignError } from './errors.js';

// Householder QR as R's LINPACK dqrdc2 (R `qr`, LAPACK = FALSE), qr.resid, a symmetric Moore-Penrose inverse, LU solve.
// Shared by calibration (GREG residuals), glm (IRLS least squares) and replicate designs (the rank of `degf`).

/** A QR factorisation in LINPACK dqrdc2's compact form (R `qr()$qr`, `$qraux`, `$rank`, `$pivot`). */
export interface QrFactor {
  /** Householder vectors and R, column-major n x p (columns in pivot order). */
  readonly qr: Float64Array;
  readonly qraux: Float64Array;
  readonly rank: number;
  /** Original column of each pivoted column. */
  readonly pivot: Int32Array;
  readonly n: number;
  readonly p: number;
}

/** Euclidean norm of x[from..to), scaled against overflow as LINPACK dnrm2 (used by dqrdc2). */
export function norm2(x: Float64Array, from: number, to: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    if (v === 0) continue;
    const a = Math.abs(v);
    if (scale < a) {
      ssq = 1 + ssq * (scale / a) * (scale / a);
      scale = a;
    } else ssq += (a / scale) * (a / scale);
  }
  return scale * Math.sqrt(ssq);
}

/** Sum of x[xo + i] * y[yo + i] for i in [from, to), in order (BLAS ddot as called by LINPACK dqrdc2/dqrsl). */
export function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[xo + i]! * y[yo + i]!;
  return s;
}

/** y[yo + i] += t * x[xo + i] for i in [from, to) (BLAS daxpy as called by LINPACK dqrdc2/dqrsl). */
export function axpy(t: number, x: Float64Array, xo: number, y: Float64Array, yo: number, from: number, to: number): void {
  for (let i = from; i < to; i++) y[yo + i]! += t * x[xo + i]!;
}

/** Scales x[cl + l..n) in place to LINPACK dqrdc2's Householder vector of that column, given its norm nrm > 0; returns nrm signed as x[l] (R_ll = -result). */
export function householderVector(x: Float64Array, cl: number, l: number, n: number, nrm: number): number {
  let nrmxl = nrm;
  if (x[cl + l] !== 0) nrmxl = Math.sign(x[cl + l]!) * Math.abs(nrmxl);
  for (let i = l; i < n; i++) x[cl + i]! /= nrmxl;
  x[cl + l] = 1 + x[cl + l]!;
  return nrmxl;
}

/** y[yo + l..n) <- H y for dqrdc2's Householder vector v = x[xo + l..n): y -= (v'y / v_l) v (LINPACK dqrdc2/dqrsl). */
export function applyHouseholder(x: Float64Array, xo: number, y: Float64Array, yo: number, l: number, n: number): void {
  const t = -dot(x, xo, y, yo, l, n) / x[xo + l]!;
  axpy(t, x, xo, y, yo, l, n);
}

/** x[k..] <- (I - 2 v v' / v'v) x, with v zero before k and vv = v'v (a Householder reflection as LAPACK dlarf, tau = 2 / v'v). */
export function applyReflector(v: Float64Array, vv: number, k: number, x: Float64Array): void {
  const f = (2 * dot(v, 0, x, 0, k, x.length)) / vv;
  axpy(-f, v, 0, x, 0, k, x.length);
}

/** Householder QR of a column-major n x p matrix (overwritten) as LINPACK dqrdc2 with limited pivoting (R `qr(x, tol)`, default tol 1e-7). */
export function householderQr(x: Float64Array, n: number, p: number, tol = 1e-7, rankOnly = false): QrFactor {
  // A column whose norm after the earlier reflections is below tol x its original norm is moved to the end; the rank
  // is the number of columns kept. With `rankOnly` the factorisation stops once the rank is known: rank and pivot are
  // then final, the factor of the columns after the rank is not.
  const qraux = new Float64Array(p);
  const work0 = new Float64Array(p);
  const work1 = new Float64Array(p);
  // Column l of the factor is stored at offset pivot[l] * n until the end, when the columns are put in pivot order.
  const pivot = Int32Array.from({ length: p }, (_, j) => j);
  for (let j = 0; j < p; j++) {
    qraux[j] = norm2(x, j * n, (j + 1) * n);
    work0[j] = qraux[j]!;
    work1[j] = qraux[j] === 0 ? 1 : qraux[j]!;
  }
  const lup = Math.min(n, p);
  let k = p;
  for (let l = 0; l < lup; l++) {
    while (!(l >= k || qraux[l]! >= work1[l]! * tol)) {
      // Move the negligible column l to the end.
      const [i, t, tt, ttt] = [pivot[l]!, qraux[l]!, work0[l]!, work1[l]!];
      for (let j = l + 1; j < p; j++) {
        pivot[j - 1] = pivot[j]!;
        qraux[j - 1] = qraux[j]!;
        work0[j - 1] = work0[j]!;
        work1[j - 1] = work1[j]!;
      }
      pivot[p - 1] = i;
      qraux[p - 1] = t;
      work0[p - 1] = tt;
      work1[p - 1] = ttt;
      k--;
    }
    if (rankOnly && l >= k) break;
    if (l === n - 1) continue;
    const cl = pivot[l]! * n;
    const nrm = norm2(x, cl + l, cl + n);
    if (nrm === 0) continue;
    const nrmxl = householderVector(x, cl, l, n, nrm);
    for (let j = l + 1; j < p; j++) {
      const cj = pivot[j]! * n;
      applyHouseholder(x, cl, x, cj, l, n);
      if (qraux[j] === 0) continue;
      const r = Math.abs(x[cj + l]!) / qraux[j]!;
      const tt = Math.max(1 - r * r, 0);
      if (Math.abs(tt) < 1e-6) {
        qraux[j] = norm2(x, cj + l + 1, cj + n);
        work0[j] = qraux[j]!;
      } else qraux[j]! *= Math.sqrt(tt);
    }
    qraux[l] = x[cl + l]!;
    x[cl + l] = -nrmxl;
  }
  permuteColumns(x, n, pivot);
  return { qr: x, qraux, rank: Math.min(k, n), pivot, n, p };
}

/** Column j of the column-major n-row x becomes its column pivot[j], in place (cycle by cycle, one column of scratch). */
function permuteColumns(x: Float64Array, n: number, pivot: Int32Array): void {
  const p = pivot.length;
  const done = new Uint8Array(p);
  const col = new Float64Array(n);
  for (let s = 0; s < p; s++) {
    if (done[s] || pivot[s] === s) continue;
    col.set(x.subarray(s * n, (s + 1) * n));
    let d = s;
    for (let src = pivot[d]!; src !== s; src = pivot[d]!) {
      x.copyWithin(d * n, src * n, (src + 1) * n);
      done[d] = 1;
      d = src;
    }
    x.set(col, d * n);
    done[d] = 1;
  }
}

/** y <- residual of y on the first `rank` columns of the QR (R `qr.resid`, LINPACK dqrsl). */
export function qrResidual(f: QrFactor, y: Float64Array): void {
  const { qr, qraux, rank, n } = f;
  const ju = Math.min(rank, n - 1);
  const reflect = (j: number): void => {
    if (qraux[j] === 0) return;
    // As dqrsl: the Householder vector is qraux[j] on the diagonal and the factor below it.
    const cj = j * n;
    const diag = qr[cj + j]!;
    qr[cj + j] = qraux[j]!;
    applyHouseholder(qr, cj, y, 0, j, n);
    qr[cj + j] = diag;
  };
  for (let j = 0; j < ju; j++) reflect(j);
  for (let i = 0; i < Math.min(rank, n); i++) y[i] = 0;
  for (let j = ju - 1; j >= 0; j--) reflect(j);
}

/** Moore-Penrose inverse of a symmetric p x p matrix by Jacobi eigen-decomposition (MASS `ginv`: keep |lambda| > tol * max|lambda|). */
export function symmetricPinv(T: Float64Array, p: number, tol: number): Float64Array {
  const A = Float64Array.from(T);
  const V = new Float64Array(p * p);
  for (let i = 0; i < p; i++) V[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) off += A[a * p + b]! * A[a * p + b]!;
    if (off === 0) break;
    for (let a = 0; a < p; a++) {
      for (let b = a + 1; b < p; b++) {
        const apq = A[a * p + b]!;
        if (apq === 0) continue;
        const app = A[a * p + a]!;
        const aqq = A[b * p + b]!;
        if (sweep > 3 && Math.abs(app) + 100 * Math.abs(apq) === Math.abs(app) && Math.abs(aqq) + 100 * Math.abs(apq) === Math.abs(aqq)) {
          A[a * p + b] = 0;
          A[b * p + a] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < p; r++) {
          const xr = A[r * p + a]!;
          const yr = A[r * p + b]!;
          A[r * p + a] = c * xr - s * yr;
          A[r * p + b] = s * xr + c * yr;
        }
        for (let r = 0; r < p; r++) {
          const xr = A[a * p + r]!;
          const yr = A[b * p + r]!;
          A[a * p + r] = c * xr - s * yr;
          A[b * p + r] = s * xr + c * yr;
        }
        A[a * p + b] = 0;
        A[b * p + a] = 0;
        for (let r = 0; r < p; r++) {
          const xr = V[r * p + a]!;
          const yr = V[r * p + b]!;
          V[r * p + a] = c * xr - s * yr;
          V[r * p + b] = s * xr + c * yr;
        }
      }
    }
  }
  let dmax = 0;
  for (let a = 0; a < p; a++) dmax = Math.max(dmax, Math.abs(A[a * p + a]!));
  const G = new Float64Array(p * p);
  for (let e = 0; e < p; e++) {
    const lambda = A[e * p + e]!;
    if (!(Math.abs(lambda) > tol * dmax) || lambda === 0) continue;
    for (let a = 0; a < p; a++) {
      const va = V[a * p + e]! / lambda;
      for (let b = 0; b < p; b++) G[a * p + b]! += va * V[b * p + e]!;
    }
  }
  return G;
}

/** Solves A x = b (p x p row-major) by LU with partial pivoting (as LAPACK dgesv). */
export function luSolve(A0: Float64Array, p: number, b0: Float64Array): Float64Array {
  const A = Float64Array.from(A0);
  const b = Float64Array.from(b0);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r * p + c]!) > Math.abs(A[piv * p + c]!)) piv = r;
    if (A[piv * p + c] === 0) throw new DesignError('linear calibration: the calibration equations are singular');
    if (piv !== c) {
      for (let j = 0; j < p; j++) [A[c * p + j], A[piv * p + j]] = [A[piv * p + j]!, A[c * p + j]!];
      [b[c], b[piv]] = [b[piv]!, b[c]!];
    }
    for (let r = c + 1; r < p; r++) {
      const f = A[r * p + c]! / A[c * p + c]!;
      if (f === 0) continue;
      for (let j = c; j < p; j++) A[r * p + j]! -= f * A[c * p + j]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Float64Array(p);
  for (let r = p - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < p; j++) s -= A[r * p + j]! * x[j]!;
    x[r] = s / A[r * p + r]!;
  }
  return x;
}
