/** A sampling-design request that cannot be computed as given (a parameter out of range, an infeasible allocation). */
export class SamplingDesignError extends Error {
  override readonly name = 'SamplingDesignError';
}
