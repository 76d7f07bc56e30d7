import { describe, expect, it } from 'vitest';
import {
  crossProductRatio, logCrossProductRatioSe, fitMigrantLabourForce, fitTwoByTwo, ipfTwoByTwo, feasibleRange, participationRates,
  type TwoByTwo,
} from '../../src/global/cross-product-ratio.js';

/*
 * Worked example, computed by hand (src/global/METHOD.md §1.4).
 * National survey (persons in the sample):        in LF  not in LF
 *                                   migrants          45         15
 *                                   non-migrants     270        270
 *   θ = (45·270)/(15·270) = 3.
 * Benchmarks of the same country x sex x age cell: P = 1010, M = 100, L = 600.
 *   θ = x(P − M − L + x)/((M − x)(L − x))  <=>  (θ − 1)x² − [θ(M + L) + P − M − L]x + θML = 0
 *   2x² − (2100 + 310)x + 180 000 = 0  <=>  x² − 1205x + 90 000 = 0
 *   Δ = 1205² − 4·90 000 = 1 452 025 − 360 000 = 1 092 025 = 1045²
 *   x = (1205 − 1045)/2 = 80   (the other root, 1125, exceeds min(M, L) = 100)
 * Fitted table: a = 80, b = M − a = 20, c = L − a = 520, d = P − M − L + a = 390; check θ = 80·390/(20·520) = 31 200/10 400 = 3.
 */
const national: TwoByTwo = { migrantInLf: 45, migrantOutLf: 15, nonMigrantInLf: 270, nonMigrantOutLf: 270 };
const margins = { population: 1010, migrants: 100, labourForce: 600 };
const handTable = { migrantInLf: 80, migrantOutLf: 20, nonMigrantInLf: 520, nonMigrantOutLf: 390 };

describe('cross-product ratio: worked 2x2 example', () => {
  it('θ of the national table is 3', () => {
    expect(crossProductRatio(national)).toBe(3);
  });

  it('the quadratic gives the hand-computed migrant workers (80) and table', () => {
    expect(fitMigrantLabourForce(margins, 3)).toBeCloseTo(80, 10);
    const t = fitTwoByTwo(margins, 3);
    for (const k of Object.keys(handTable) as (keyof TwoByTwo)[]) expect(t[k]).toBeCloseTo(handTable[k], 10);
    expect(crossProductRatio(t)).toBeCloseTo(3, 12);
  });

  it('iterative proportional fitting of the national table to the margins gives the same table', () => {
    const ipf = ipfTwoByTwo(margins, national);
    expect(ipf.converged).toBe(true);
    for (const k of Object.keys(handTable) as (keyof TwoByTwo)[]) expect(ipf.table[k]).toBeCloseTo(handTable[k], 8);
    // seeded with θ alone, too
    const fromTheta = ipfTwoByTwo(margins, 3);
    expect(fromTheta.table.migrantInLf).toBeCloseTo(80, 8);
  });

  it('quadratic = IPF over a grid of margins and θ', () => {
    for (const theta of [0.05, 0.5, 1, 1.7, 3, 12, 80]) {
      for (const m of [
        { population: 1e6, migrants: 2e4, labourForce: 6e5 },
        { population: 1e6, migrants: 7e5, labourForce: 8e5 }, // M + L > P: lower bound above 0
        { population: 5e3, migrants: 4e3, labourForce: 1e3 },
      ]) {
        const x = fitMigrantLabourForce(m, theta);
        const [lo, hi] = feasibleRange(m);
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(hi);
        expect(Math.abs(ipfTwoByTwo(m, theta).table.migrantInLf - x) / Math.max(1, x)).toBeLessThan(1e-9);
        expect(crossProductRatio(fitTwoByTwo(m, theta))).toBeCloseTo(theta, 6);
      }
    }
  });

  it('θ = 1 gives independence, x = ML/P; θ = 0 and ∞ give the ends of the feasible range', () => {
    expect(fitMigrantLabourForce(margins, 1)).toBeCloseTo((100 * 600) / 1010, 12);
    expect(fitMigrantLabourForce(margins, 0)).toBe(0);
    expect(fitMigrantLabourForce(margins, Infinity)).toBe(100);
    expect(fitMigrantLabourForce({ population: 10, migrants: 0, labourForce: 5 }, 2)).toBe(0);
    // a huge finite θ (a bootstrap draw) must not overflow θML into NaN
    expect(fitMigrantLabourForce({ population: 1e9, migrants: 3e8, labourForce: 6e8 }, Math.exp(700))).toBeCloseTo(3e8, 0);
    expect(fitMigrantLabourForce({ population: 1e9, migrants: 3e8, labourForce: 6e8 }, 1e-300)).toBeGreaterThanOrEqual(0);
  });

  it('participation rates of the fitted cell', () => {
    const r = participationRates(margins, 80);
    expect(r.migrant).toBeCloseTo(0.8, 12);
    expect(r.nonMigrant).toBeCloseTo(520 / 910, 12);
  });

  it('rejects impossible margins and θ', () => {
    expect(() => fitMigrantLabourForce({ population: 10, migrants: 11, labourForce: 5 }, 2)).toThrow(/margins/);
    expect(() => fitMigrantLabourForce(margins, -1)).toThrow(/θ/);
    expect(crossProductRatio({ ...national, migrantOutLf: 0 })).toBeNaN();
  });
});

describe('SE of log θ by the delta method', () => {
  it("multinomial counts: the full covariance gives Woolf's Σ 1/n_i, the diagonal slightly less", () => {
    const n = [45, 15, 270, 270];
    const N = 600;
    const woolf = Math.sqrt(n.reduce((s, v) => s + 1 / v, 0)); // 1/45 + 1/15 + 2/270 = 0.096296 -> 0.310316
    expect(woolf).toBeCloseTo(0.310316, 5);
    const vcov = n.map((a, i) => n.map((b, j) => (i === j ? a : 0) - (a * b) / N));
    expect(logCrossProductRatioSe(national, undefined, vcov)).toBeCloseTo(woolf, 12);
    const se = n.map((a) => Math.sqrt(a * (1 - a / N)));
    const diag = logCrossProductRatioSe(national, se);
    expect(diag).toBeCloseTo(Math.sqrt(woolf ** 2 - 4 / N), 12);
  });

  it('needs four SEs or a 4x4 covariance', () => {
    expect(() => logCrossProductRatioSe(national, [1, 2])).toThrow(/four/);
    expect(() => logCrossProductRatioSe(national, undefined, [[1]])).toThrow(/4x4/);
  });
});
