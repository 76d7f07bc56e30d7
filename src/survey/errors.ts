/** An invalid design or estimation request; the message names the rows, columns and values at fault. */
export class DesignError extends Error {
  override readonly name = 'DesignError';
}

/** Formats up to `max` 1-based row numbers, e.g. "rows 3, 17 (and 5 more)". */
export function describeRows(rows: readonly number[], max = 5): string {
  const shown = rows.slice(0, max).map((r) => r + 1).join(', ');
  const more = rows.length > max ? ` (and ${rows.length - max} more)` : '';
  return `${rows.length === 1 ? 'row' : 'rows'} ${shown}${more}`;
}
