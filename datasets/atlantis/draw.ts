/** Seeded draws for the Atlantis generator, on migstat's xoshiro128** stream (SeededRandom). */
import { SeededRandom } from '../../src/survey/random.js';

export { SeededRandom };

/** A standard normal deviate (Box-Muller, one of the pair). */
export function normal(rng: SeededRandom): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** True with probability p. */
export function chance(rng: SeededRandom, p: number): boolean {
  return rng.next() < p;
}

/** A uniform integer in [lo, hi], both inclusive. */
export function between(rng: SeededRandom, lo: number, hi: number): number {
  return lo + rng.below(hi - lo + 1);
}

/** An index drawn with probability proportional to `weights`. */
export function pick(rng: SeededRandom, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** The logistic function 1 / (1 + exp(-x)). */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** A child seed for part `k` of the generator, so that each part has its own stream. */
export function childSeed(seed: number, k: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(k + 1, 0x85ebca6b)) >>> 0;
}
