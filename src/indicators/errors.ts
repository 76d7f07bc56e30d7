/** An indicator run that cannot be done as asked: an unknown indicator or set, data without what a definition needs. */
export class IndicatorError extends Error {
  override readonly name = 'IndicatorError';
}
