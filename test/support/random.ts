/**
 * A small seeded PRNG for simulation tests: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words, seeded by
 * splitmix32 from one integer so that nearby seeds give unrelated streams. Deterministic across platforms (only
 * 32-bit integer arithmetic via `Math.imul` and `>>> 0`); never use Math.random in tests.
 */
export class Xoshiro128 {
  private readonly s = new Uint32Array(4);

  constructor(seed: number) {
    let x = seed >>> 0;
    // splitmix32: fills the state; the state is never all zero.
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if (this.s.every((w) => w === 0)) this.s[0] = 1;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** A uniform number in [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** A uniform integer in [0, k), without modulo bias (rejection sampling); 1 <= k <= 2^32. */
  below(k: number): number {
    if (!(Number.isInteger(k) && k >= 1 && k <= 0x1_0000_0000)) throw new RangeError(`below(${k}): k must be an integer in [1, 2^32]`);
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % k);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % k;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Partial Fisher-Yates shuffle: moves a uniform random n-subset of `items` (in uniform random order) into
 * `items[0..n)`, in place, and returns that prefix as a view. Whatever the starting order of `items`, the prefix is a
 * simple random sample without replacement of size n.
 */
export function sampleInPlace(items: Int32Array, n: number, rng: Xoshiro128): Int32Array {
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
