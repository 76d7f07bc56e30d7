/** Bad input data: the message names the file, the row and column where known, the value and what was expected. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
