/** A command line that cannot be run as given. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
