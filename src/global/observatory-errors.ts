/**
 * An observatory input or database that cannot be used: the message names the file, and where known the sheet, row,
 * column and value, and what was expected. The CLI exits 2 on it.
 */
export class ObservatoryError extends Error {
  override readonly name = 'ObservatoryError';
}
