import { critical } from './distributions.js';
import { DesignError } from './errors.js';
import type { EstimateResult, EstimateRow } from './estimate.js';

/** Picks one result row: by index, or by the fields it must match (domain values must all match). */
export type RowRef =
  | number
  | { readonly statistic?: EstimateRow['statistic']; readonly variable?: string; readonly level?: string | number | null; readonly domain?: Readonly<Record<string, string>> };

/** A contrast: a linear combination, a ratio of two rows, or any smooth function with its gradient (delta method). */
export type ContrastSpec =
  | { readonly name: string; readonly linear: readonly { readonly row: RowRef; readonly coef: number }[] }
  | { readonly name: string; readonly ratio: readonly [RowRef, RowRef] }
  | { readonly name: string; readonly rows: readonly RowRef[]; readonly fn: (theta: readonly number[]) => number; readonly gradient: (theta: readonly number[]) => readonly number[] };

export interface ContrastRow {
  readonly name: string;
  readonly estimate: number;
  readonly se: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly df: number;
}

export interface ContrastResult {
  readonly results: ContrastRow[];
  /** Covariance of the contrasts, G V G' (row-major). */
  readonly covariance: Float64Array;
}

/** The index of the one result row that a reference names; none or several is an error listing what there is. */
export function rowIndex(result: EstimateResult, ref: RowRef): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= result.results.length) throw new DesignError(`result row ${ref} does not exist (0..${result.results.length - 1})`);
    return ref;
  }
  const hits: number[] = [];
  result.results.forEach((r, i) => {
    if (ref.statistic !== undefined && r.statistic !== ref.statistic) return;
    if (ref.variable !== undefined && r.variable !== ref.variable) return;
    if (ref.level !== undefined && r.level !== ref.level) return;
    if (ref.domain && Object.entries(ref.domain).some(([k, v]) => r.domain[k] !== v)) return;
    hits.push(i);
  });
  if (hits.length !== 1) {
    throw new DesignError(`${JSON.stringify(ref)} matches ${hits.length} result rows; name statistic, variable, level and domain so that exactly one matches`);
  }
  return hits[0]!;
}

/** Contrasts of estimates with delta-method SEs, as R `svycontrast(svyby(..., covmat = TRUE), ...)`; t intervals on the design df. */
export function contrast(
  result: EstimateResult,
  specs: readonly ContrastSpec[],
  options: { readonly level?: number; readonly df?: number } = {},
): ContrastResult {
  const V = result.covariance;
  if (!V) throw new DesignError('contrasts need the covariance of the estimates: estimate with { covariance: true }');
  const R = result.results.length;
  const theta = result.results.map((r) => r.estimate);
  const gradients: Float64Array[] = [];
  const estimates: number[] = [];
  for (const s of specs) {
    const g = new Float64Array(R);
    if ('linear' in s) {
      let est = 0;
      for (const t of s.linear) {
        const i = rowIndex(result, t.row);
        g[i]! += t.coef;
        est += t.coef * theta[i]!;
      }
      estimates.push(est);
    } else if ('ratio' in s) {
      const [a, b] = [rowIndex(result, s.ratio[0]), rowIndex(result, s.ratio[1])];
      estimates.push(theta[a]! / theta[b]!);
      g[a]! += 1 / theta[b]!;
      g[b]! -= theta[a]! / theta[b]! ** 2;
    } else {
      const idx = s.rows.map((r) => rowIndex(result, r));
      const args = idx.map((i) => theta[i]!);
      const grad = s.gradient(args);
      if (grad.length !== idx.length) throw new DesignError(`contrast ${s.name}: gradient has ${grad.length} entries for ${idx.length} rows`);
      estimates.push(s.fn(args));
      idx.forEach((i, k) => (g[i]! += grad[k]!));
    }
    gradients.push(g);
  }
  const C = specs.length;
  const cov = new Float64Array(C * C);
  for (let a = 0; a < C; a++) {
    for (let b = 0; b < C; b++) {
      let s = 0;
      for (let i = 0; i < R; i++) {
        const gi = gradients[a]![i]!;
        if (gi === 0) continue;
        for (let j = 0; j < R; j++) {
          const gj = gradients[b]![j]!;
          if (gj !== 0) s += gi * V[i * R + j]! * gj;
        }
      }
      cov[a * C + b] = s;
    }
  }
  const df = options.df ?? result.design.df;
  const t = critical(options.level ?? 0.95, df);
  const results = specs.map((s, a) => {
    const se = Math.sqrt(cov[a * C + a]!);
    const estimate = estimates[a]!;
    return { name: s.name, estimate, se, ci_low: estimate - t * se, ci_high: estimate + t * se, df };
  });
  return { results, covariance: cov };
}
