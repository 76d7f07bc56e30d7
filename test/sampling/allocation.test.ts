import { describe, expect, it } from 'vitest';
import { type StratumSpec, allocate, boundedAllocation, roundAllocation, stratifiedVariance } from '../../src/sampling/allocation.js';
import { SeededRandom } from '../support/random.js';

const near = (a: number, b: number, rel = 1e-9): void => {
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));
};

// Valliant, Dever & Kreuter (2018), Practical Tools for Designing and Weighting Survey Samples, ch. 3; the PracTools
// vignette "Sample Size Calculation in Single-stage Sampling" prints strAlloc() for these six strata (SMHO population).
const Nh = [215, 65, 252, 50, 149, 144];
const Sh = [26787207, 10645109, 6909676, 11085034, 9817762, 44553355];
const ch = [1400, 200, 300, 600, 450, 1000];
const smho: StratumSpec[] = Nh.map((N, h) => ({ name: `s${h + 1}`, size: N, sd: Sh[h]!, cost: ch[h]! }));

describe('allocate: published worked examples', () => {
  it('Neyman, n = 100 (VDK 2018 / PracTools strAlloc alloc = "neyman"): nh and anticipated SE 1727173', () => {
    const a = allocate(smho, { method: 'neyman', n: 100, min: 0 });
    const published = [34.641683, 4.161947, 10.473487, 3.333804, 8.79897, 38.590108];
    a.strata.forEach((s, h) => expect(Math.abs(s.target - published[h]!)).toBeLessThanOrEqual(5e-7));
    expect(Math.round(Math.sqrt(stratifiedVariance(smho.map((s) => ({ size: s.size, sd: s.sd! })), a.strata.map((s) => s.target))))).toBe(1727173);
    // largest remainder: floors 34,4,10,3,8,38 (97); the 3 units go to .83 (s5), .64 (s1), .59 (s6)
    expect(a.strata.map((s) => s.n)).toEqual([35, 4, 10, 3, 9, 39]);
    expect(a.n).toBe(100);
  });

  it('optimal with costs and a budget of 100,000 (VDK 2018 / PracTools alloc = "totcost"): nh and anticipated SE 1636053', () => {
    const a = allocate(smho, { method: 'optimal', budget: 100_000, min: 0 });
    const published = [30.605403, 9.728474, 19.989127, 4.499121, 13.711619, 40.340301];
    a.strata.forEach((s, h) => expect(Math.abs(s.target - published[h]!)).toBeLessThanOrEqual(5e-7));
    expect(Math.round(Math.sqrt(stratifiedVariance(smho.map((s) => ({ size: s.size, sd: s.sd! })), a.strata.map((s) => s.target))))).toBe(1636053);
    // n = floor(118.87) = 118; the rounded allocation's cost is reported
    expect(a.n).toBe(118);
    expect(a.cost).toBe(a.strata.reduce((s, r, h) => s + r.n * ch[h]!, 0));
    expect(a.cost!).toBeLessThanOrEqual(100_000 + Math.max(...ch));
    // the shares nh/n are those of the variance-constrained example too (0.2574608, 0.0818385, ...): N_h S_h / sqrt(c_h)
    const fixed = allocate(smho, { method: 'optimal', n: 406, min: 0 });
    const shares = [0.2574608, 0.0818385, 0.1681538, 0.0378478, 0.1153458, 0.3393533];
    fixed.strata.forEach((s, h) => expect(Math.abs(s.target / 406 - shares[h]!)).toBeLessThanOrEqual(5e-8));
  });

  it('Cochran (1977) ch. 5: the minimum (Neyman) variance is (sum W_h S_h)^2 / n - sum W_h S_h^2 / N', () => {
    const a = allocate(smho, { method: 'neyman', n: 100, min: 0 });
    const N = Nh.reduce((x, y) => x + y, 0);
    const W = Nh.map((x) => x / N);
    const closed = W.reduce((s, w, h) => s + w * Sh[h]!, 0) ** 2 / 100 - W.reduce((s, w, h) => s + w * Sh[h]! ** 2, 0) / N;
    near(stratifiedVariance(smho.map((s) => ({ size: s.size, sd: s.sd! })), a.strata.map((s) => s.target)), closed, 1e-12);
  });
});

describe('allocate: properties', () => {
  it('Neyman minimises the variance among allocations of the same n (1000 random allocations)', () => {
    const rng = new SeededRandom(7);
    const strata = smho.map((s) => ({ size: s.size, sd: s.sd! }));
    const best = stratifiedVariance(strata, allocate(smho, { method: 'neyman', n: 100, min: 0 }).strata.map((s) => s.target));
    for (let t = 0; t < 1000; t++) {
      const u = strata.map(() => 0.05 + rng.next());
      const sum = u.reduce((x, y) => x + y, 0);
      const x = u.map((v) => (100 * v) / sum);
      expect(stratifiedVariance(strata, x)).toBeGreaterThanOrEqual(best);
    }
  });

  it('optimal allocation minimises the variance among allocations of the same cost', () => {
    const rng = new SeededRandom(11);
    const strata = smho.map((s) => ({ size: s.size, sd: s.sd! }));
    const a = allocate(smho, { method: 'optimal', budget: 100_000, min: 0 });
    const best = stratifiedVariance(strata, a.strata.map((s) => s.target));
    for (let t = 0; t < 500; t++) {
      const u = strata.map(() => 0.05 + rng.next());
      const cost = u.reduce((s, v, h) => s + v * ch[h]!, 0);
      expect(stratifiedVariance(strata, u.map((v) => (v * 100_000) / cost))).toBeGreaterThanOrEqual(best);
    }
  });

  it('power allocation (Bankier 1988): a = 1 is Neyman; it minimises sum (X_h^a CV_h)^2; a = 0 with equal unit CVs is equal allocation', () => {
    const strata: StratumSpec[] = [
      { name: 'capital', size: 400_000, sd: 0.4, mean: 0.2 },
      { name: 'north', size: 90_000, sd: 0.3, mean: 0.1 },
      { name: 'south', size: 30_000, sd: 0.2, mean: 0.04 },
      { name: 'islands', size: 5_000, sd: 0.25, mean: 0.07 },
    ];
    const noMeans = strata.map(({ mean: _m, ...s }) => s);
    const ney = allocate(noMeans, { method: 'neyman', n: 3000, min: 0 });
    allocate(noMeans, { method: 'power', power: 1, n: 3000, min: 0 }).strata.forEach((s, h) => near(s.target, ney.strata[h]!.target));
    // with means too: X_h S_h / Ybar_h = N_h S_h
    allocate(strata, { method: 'power', power: 1, n: 3000, min: 0 }).strata.forEach((s, h) => near(s.target, ney.strata[h]!.target));
    const sameCv = strata.map((s) => ({ ...s, sd: 2 * s.mean! }));
    allocate(sameCv, { method: 'power', power: 0, n: 3000, min: 0 }).strata.forEach((s) => near(s.target, 750));
    for (const a of [0, 0.3, 0.5, 0.8]) {
      const p = allocate(strata, { method: 'power', power: a, n: 3000, min: 0 });
      expect(p.power).toBe(a);
      const X = strata.map((s) => s.size * s.mean!);
      const C2 = strata.map((s) => (s.sd! / s.mean!) ** 2);
      const loss = (n: number[]): number => n.reduce((s, nh, h) => s + X[h]! ** (2 * a) * C2[h]! / nh, 0);
      const best = loss(p.strata.map((s) => s.target));
      const rng = new SeededRandom(3);
      for (let t = 0; t < 300; t++) {
        const u = strata.map(() => 0.05 + rng.next());
        const sum = u.reduce((x, y) => x + y, 0);
        expect(loss(u.map((v) => (3000 * v) / sum))).toBeGreaterThanOrEqual(best * (1 - 1e-12));
      }
    }
  });

  it('allocations sum to n, respect the bounds and N_h, and stay within 1 of the continuous allocation (random frames)', () => {
    const rng = new SeededRandom(2024);
    for (let t = 0; t < 300; t++) {
      const H = 2 + rng.below(12);
      const strata: StratumSpec[] = Array.from({ length: H }, (_, h) => ({
        name: `h${h}`, size: 1 + rng.below(rng.next() < 0.3 ? 20 : 5000), sd: rng.next() < 0.1 ? 0 : rng.next() * 10, cost: 1 + rng.next() * 9,
      }));
      const N = strata.reduce((s, x) => s + Math.floor(x.size), 0);
      const min = rng.below(4);
      const lo = strata.reduce((s, x) => s + Math.min(min, x.size), 0);
      const n = lo + rng.below(N - lo + 1) || 1;
      const method = (['proportional', 'equal', 'neyman', 'optimal', 'power'] as const)[rng.below(5)]!;
      if (method !== 'proportional' && method !== 'equal' && strata.every((s) => s.sd === 0)) continue;
      if (n < lo) continue;
      const a = allocate(strata, { method, n, min });
      expect(a.strata.reduce((s, r) => s + r.n, 0)).toBe(n);
      a.strata.forEach((r, h) => {
        expect(r.n).toBeLessThanOrEqual(strata[h]!.size);
        expect(r.n).toBeGreaterThanOrEqual(Math.min(min, strata[h]!.size));
        expect(Math.abs(r.n - r.target)).toBeLessThan(1);
        expect(r.take_all).toBe(r.n === strata[h]!.size);
      });
      near(a.strata.reduce((s, r) => s + r.target, 0), n, 1e-9);
    }
  });

  it('take-all strata: over-allocated strata get N_h and the rest is re-allocated, repeatedly (Cochran 1977 ch. 5)', () => {
    // Neyman scores 1000, 1200, 1000 on n = 100: 31.25 > 10 takes all of stratum a; re-allocating 90 gives b 49.1 > 40,
    // which takes all too; c gets the remaining 50.
    const a = allocate([
      { name: 'a', size: 10, sd: 100 },
      { name: 'b', size: 40, sd: 30 },
      { name: 'c', size: 1000, sd: 1 },
    ], { method: 'neyman', n: 100 });
    expect(a.strata.map((s) => s.n)).toEqual([10, 40, 50]);
    expect(a.strata.map((s) => s.take_all)).toEqual([true, true, false]);
    expect(a.strata.map((s) => s.bound)).toEqual(['take-all', 'take-all', null]);
    expect(a.strata[0]!.se).toBe(0);
  });

  it('minimum and maximum per stratum: a stratum with S_h = 0 gets the minimum, a capped one its maximum', () => {
    const a = allocate([
      { name: 'a', size: 1000, sd: 0 },
      { name: 'b', size: 1000, sd: 5 },
      { name: 'c', size: 1000, sd: 1 },
    ], { method: 'neyman', n: 60, min: 2, max: 40 });
    expect(a.strata.map((s) => s.n)).toEqual([2, 40, 18]);
    expect(a.strata.map((s) => s.bound)).toEqual(['min', 'max', null]);
  });

  it('proportional allocation: weights all equal, so the Kish weighting deff is 1; the design deff is at most 1', () => {
    const strata: StratumSpec[] = [
      { name: 'urban', size: 30_000, prevalence: 0.15 },
      { name: 'rural', size: 60_000, prevalence: 0.03 },
      { name: 'border', size: 10_000, prevalence: 0.3 },
    ];
    const a = allocate(strata, { method: 'proportional', n: 1000 });
    expect(a.strata.map((s) => s.n)).toEqual([300, 600, 100]);
    near(a.deff_w, 1, 1e-15);
    near(a.mean!, 0.3 * 0.15 + 0.6 * 0.03 + 0.1 * 0.3, 1e-15);
    expect(a.deff!).toBeLessThan(1);
    // Cochran 1977 ch. 5, proportions: V = sum W_h^2 (N_h - n_h)/(N_h - 1) P_h Q_h / n_h
    const v = strata.reduce((s, st, h) => {
      const W = st.size / 100_000;
      const n = a.strata[h]!.n;
      return s + (W * W * (st.size - n) * st.prevalence! * (1 - st.prevalence!)) / ((st.size - 1) * n);
    }, 0);
    near(a.se!, Math.sqrt(v), 1e-12);
    // expected migrants: sum n_h P_h
    near(a.expected!, 300 * 0.15 + 600 * 0.03 + 100 * 0.3, 1e-12);
    near(a.deff_w_expected!, 1, 1e-15);
  });

  it('Neyman on prevalences oversamples high-concentration strata: deff_w > 1 and a smaller SE than proportional', () => {
    const strata: StratumSpec[] = [
      { name: 'low', size: 90_000, prevalence: 0.02 },
      { name: 'high', size: 10_000, prevalence: 0.4 },
    ];
    const prop = allocate(strata, { method: 'proportional', n: 2000 });
    const ney = allocate(strata, { method: 'neyman', n: 2000 });
    expect(ney.strata[1]!.n).toBeGreaterThan(prop.strata[1]!.n);
    expect(ney.se!).toBeLessThan(prop.se!);
    expect(ney.deff_w).toBeGreaterThan(1);
    expect(ney.expected!).toBeGreaterThan(prop.expected!);
  });
});

describe('rounding and the bounded solver', () => {
  it('largest remainder keeps the total; ties go to the stratum listed first', () => {
    expect(roundAllocation([1.5, 1.5, 2], 5)).toEqual([2, 1, 2]);
    expect(roundAllocation([0.2, 0.3, 0.5], 1)).toEqual([0, 0, 1]);
    expect(roundAllocation([3.4, 2.4, 4.2], 10)).toEqual([4, 2, 4]);
  });

  it('boundedAllocation solves sum clamp(lambda a_h, lo_h, hi_h) = n exactly, also with unit costs', () => {
    const x = boundedAllocation([1, 2, 3], [0, 0, 0], [100, 5, 100], 40);
    near(x[1]!, 5);
    near(x[0]! + x[2]!, 35);
    near(x[2]! / x[0]!, 3);
    const y = boundedAllocation([1, 1], [0, 0], [Infinity, Infinity], 30, [1, 2]);
    near(y[0]! + 2 * y[1]!, 30);
    near(y[0]!, y[1]!);
    // zero scores keep their minimum until the others are full
    expect(boundedAllocation([0, 1], [2, 0], [50, 10], 8)).toEqual([2, 6]);
    expect(boundedAllocation([0, 1], [2, 0], [50, 10], 30)).toEqual([20, 10]);
    expect(() => boundedAllocation([0, 1], [2, 0], [50, 10], 61)).toThrow(/cannot exceed 60/);
  });
});

describe('allocate: errors name the stratum or option', () => {
  const two: StratumSpec[] = [{ name: 'a', size: 100, sd: 1 }, { name: 'b', size: 50 }];
  it.each([
    [two, { method: 'neyman', n: 10 }, /neyman allocation needs the standard deviation .* stratum "b" has none/],
    [[{ name: 'a', size: 100, sd: 1 }], { method: 'optimal', n: 10 }, /optimal allocation needs the cost of every stratum; stratum "a"/],
    [[{ name: 'a', size: 3 }, { name: 'b', size: 3 }], { method: 'proportional', n: 7 }, /n = 7 exceeds the 6 units/],
    [[{ name: 'a', size: 100 }, { name: 'b', size: 100 }], { method: 'proportional', n: 3 }, /n = 3 is below the 4 units the minimum per stratum needs/],
    [[{ name: 'a', size: 100 }, { name: 'a', size: 100 }], { method: 'proportional', n: 30 }, /stratum "a" is listed twice/],
    [[{ name: 'a', size: -1 }], { method: 'proportional', n: 3 }, /stratum "a" \(1\): population size -1/],
    [[{ name: 'a', size: 10, prevalence: 1.5 }], { method: 'proportional', n: 3 }, /prevalence 1.5/],
    [[{ name: 'a', size: 10 }], { method: 'proportional', n: 2.5 }, /n 2.5: expected a whole number/],
    [[{ name: 'a', size: 10, sd: 1, mean: 0 }, { name: 'b', size: 10, sd: 1, mean: 1 }], { method: 'power', n: 5 }, /power allocation: stratum "a" has mean \(or prevalence\) 0/],
  ] as [StratumSpec[], Parameters<typeof allocate>[1], RegExp][])('%#', (strata, options, message) => {
    expect(() => allocate(strata, options)).toThrow(message);
  });
});
