/** A numeric column: NaN marks a missing value. */
export interface NumericVector {
  readonly kind: 'number';
  readonly values: Float64Array;
}

/** A categorical column held dictionary-encoded: code -1 marks a missing value. */
export interface CategoricalVector {
  readonly kind: 'category';
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type Vector = NumericVector | CategoricalVector;

/** What the survey core needs of a data table: a row count and columns by name. */
export interface SurveyData {
  readonly nrows: number;
  column(name: string): Vector;
}

/** Level order used everywhere: numeric-looking levels numerically, others in code-point order (as R's factor() on the gold data). */
export function compareLevels(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  const aNum = a.trim() !== '' && Number.isFinite(na);
  const bNum = b.trim() !== '' && Number.isFinite(nb);
  if (aNum && bNum) return na - nb || (a < b ? -1 : a > b ? 1 : 0);
  if (aNum !== bNum) return aNum ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The label of row i of a column, or null when missing. */
export function labelAt(v: Vector, i: number): string | null {
  if (v.kind === 'number') {
    const x = v.values[i]!;
    return Number.isNaN(x) ? null : String(x);
  }
  const c = v.codes[i]!;
  return c < 0 ? null : v.levels[c]!;
}
