/**
 * Seeded uniform numbers, for the random replicate weights of `asReplicateDesign` (bootstrap, subbootstrap) and for
 * simulations:
 * xoshiro128** (Blackman & Vigna, 2018) on four 32-bit words, seeded through splitmix32 so that nearby seeds give
 * unrelated streams. Pure 32-bit integer arithmetic, hence the same stream on every platform. It is not R's
 * Mersenne-Twister: R's `set.seed` streams cannot be reproduced.
 */
export class SeededRandom {
  private readonly state = new Uint32Array(4);

  constructor(seed: number) {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.state[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if (this.state.every((w) => w === 0)) this.state[0] = 1;
  }

  /** A uniform integer in [0, k), 1 <= k <= 2^32, without modulo bias (rejection of the top partial block). */
  below(k: number): number {
    if (!(Number.isInteger(k) && k >= 1 && k <= 0x1_0000_0000)) throw new RangeError(`below(${k}): k must be an integer in [1, 2^32]`);
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % k);
    let x: number;
    do x = this.nextUint32();
    while (x >= limit);
    return x % k;
  }

  /** A uniform number in [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.state;
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
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
