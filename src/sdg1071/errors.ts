/**
 * An SDG 10.7.1 computation that cannot be done as asked: a missing exchange rate or deflator, a malformed rate file,
 * a required variable not mapped, a cost item without a currency. The message names the file, row, column and value.
 */
export class Sdg1071Error extends Error {
  override readonly name = 'Sdg1071Error';
}
