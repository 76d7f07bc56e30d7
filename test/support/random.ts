import { SeededRandom } from '../../src/survey/random.js';

export { SeededRandom };

/**
 * Partial Fisher-Yates shuffle: moves a uniform random n-subset of `items` (in uniform random order) into
 * `items[0..n)`, in place, and returns that prefix as a view. Whatever the starting order of `items`, the prefix is a
 * simple random sample without replacement of size n.
 */
export function sampleInPlace(items: Int32Array, n: number, rng: SeededRandom): Int32Array {
  const N = items.length;
  if (!(Number.isInteger(n) && n >= 0 && n <= N)) throw new RangeError(`cannot draw ${n} of ${N} items`);
  for (let i = 0; i < n; i++) {
    const j = i + rng.below(N - i);
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items.subarray(0, n);
}
