/**
 * Krippendorff's alpha, the reliability of values that several assessors (coders) give to the same units, with any
 * number of assessors per unit and missing values: alpha = 1 - (n - 1) * sum_ck o_ck d2_ck / sum_ck n_c n_k d2_ck, over
 * the coincidence matrix o of pairable values (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability",
 * sections C-E; matches R irr `kripp.alpha`, test/coherence/fixtures/krippendorff-gold.R).
 *
 * Difference functions d2_ck (section E): nominal 0 when c = k else 1; ordinal (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2;
 * interval (c - k)^2; ratio ((c - k) / (c + k))^2. Units with fewer than two values are not pairable and are left out.
 */

/** Level of measurement of the values. */
export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export const ALPHA_METRICS: readonly AlphaMetric[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** A value given to a unit by one assessor; null (or NaN) when the assessor gave none. */
export type AlphaValue = number | string | null;

export interface AlphaResult {
  readonly metric: AlphaMetric;
  /** NaN when the expected disagreement is 0 (every pairable value the same) or nothing is pairable. */
  readonly alpha: number;
  /** Units with two or more values (pairable). */
  readonly units: number;
  /** Pairable values: n, the total of the coincidence matrix. */
  readonly values: number;
  /** Observed and expected disagreement (D_o, D_e). */
  readonly observed: number;
  readonly expected: number;
  /** The distinct values, in order (numeric order for numbers), and the coincidence matrix o_ck (row-major). */
  readonly categories: readonly (number | string)[];
  readonly coincidence: readonly (readonly number[])[];
}

const present = (v: AlphaValue): v is number | string => v !== null && !(typeof v === 'number' && Number.isNaN(v));

/**
 * Krippendorff's alpha of reliability data given unit by unit: `data[u]` holds the values that the assessors gave to
 * unit u (one entry per assessor, null where missing). Ordinal, interval and ratio metrics need numbers (ratio: >= 0).
 */
export function krippendorffAlpha(data: readonly (readonly AlphaValue[])[], metric: AlphaMetric): AlphaResult {
  const units = data.map((u) => u.filter(present)).filter((u) => u.length >= 2);
  const all = units.flat();
  if (metric !== 'nominal' && all.some((v) => typeof v !== 'number')) throw new RangeError(`Krippendorff's alpha (${metric}) needs numeric values`);
  if (metric === 'ratio' && all.some((v) => (v as number) < 0)) throw new RangeError("Krippendorff's alpha (ratio) needs values >= 0");
  const categories = [...new Set(all)].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  const index = new Map(categories.map((c, i) => [c, i]));
  const V = categories.length;
  const o = Array.from({ length: V }, () => new Array<number>(V).fill(0));
  for (const u of units) {
    const m = u.length;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i !== j) o[index.get(u[i]!)!]![index.get(u[j]!)!]! += 1 / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  const d2 = (c: number, k: number): number => {
    if (c === k) return 0;
    switch (metric) {
      case 'nominal':
        return 1;
      case 'ordinal': {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        let s = 0;
        for (let g = lo; g <= hi; g++) s += nc[g]!;
        return (s - (nc[c]! + nc[k]!) / 2) ** 2;
      }
      case 'interval':
        return ((categories[c] as number) - (categories[k] as number)) ** 2;
      case 'ratio': {
        const a = categories[c] as number;
        const b = categories[k] as number;
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      }
    }
  };
  let obs = 0;
  let exp = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      if (c === k) continue;
      const d = d2(c, k);
      obs += o[c]![k]! * d;
      exp += nc[c]! * nc[k]! * d;
    }
  }
  const observed = n > 0 ? obs / n : NaN;
  const expected = n > 1 ? exp / (n * (n - 1)) : NaN;
  const alpha = expected > 0 ? 1 - observed / expected : NaN;
  return { metric, alpha, units: units.length, values: n, observed, expected, categories, coincidence: o };
}
