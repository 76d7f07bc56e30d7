import { describe, expect, it } from 'vitest';
import {
  CaptureRecaptureError,
  chaoLogNormalInterval,
  chapman,
  lincolnPetersen,
  twoListCounts,
  twoListStratified,
} from '../../src/admin/capture-recapture.js';
import { fitLogLinear, historyTable } from '../../src/admin/multiple-systems.js';
import { SeededRandom } from '../../src/survey/random.js';

describe('two-list estimators (spec survey.md §3.3 worked example)', () => {
  it('n1 = n2 = 100, m = 20', () => {
    const lp = lincolnPetersen({ n1: 100, n2: 100, m: 20 });
    expect(lp.N).toBe(500);
    expect(lp.se).toBeCloseTo(89.443, 3);
    const c = chapman({ n1: 100, n2: 100, m: 20 });
    expect(c.N).toBeCloseTo(484.762, 3);
    expect(c.se).toBeCloseTo(82.032, 3);
    expect(c.observed).toBe(180);
    expect(c.ciLow).toBeCloseTo(361.5, 1);
    expect(c.ciHigh).toBeCloseTo(691.8, 1);
    expect(chaoLogNormalInterval(180, 0, 180)).toEqual([180, 180]);
  });

  it('m = 0: Lincoln-Petersen fails clearly, Chapman does not', () => {
    expect(() => lincolnPetersen({ n1: 10, n2: 12, m: 0 })).toThrow(/m > 0.*Chapman/);
    expect(chapman({ n1: 10, n2: 12, m: 0 }).N).toBe(142);
    expect(() => twoListStratified([{ stratum: 'A', n1: 50, n2: 40, m: 10 }, { stratum: 'B', n1: 5, n2: 4, m: 0 }], 'lincoln-petersen')).toThrow(/stratum "B".*m > 0/);
    expect(() => chapman({ n1: 3, n2: 4, m: 5 })).toThrow(CaptureRecaptureError);
  });

  it('stratified: sum of estimates and of variances', () => {
    const s = twoListStratified([{ stratum: 'A', n1: 100, n2: 100, m: 20 }, { stratum: 'B', n1: 50, n2: 60, m: 30 }]);
    const a = chapman({ n1: 100, n2: 100, m: 20 });
    const b = chapman({ n1: 50, n2: 60, m: 30 });
    expect(s.total.N).toBeCloseTo(a.N + b.N, 10);
    expect(s.total.variance).toBeCloseTo(a.variance + b.variance, 8);
    expect(s.total.observed).toBe(180 + 80);
    const counts = twoListCounts([1, 1, 0, 1], [1, 0, 1, 0], ['x', 'x', 'y', 'y']);
    expect(counts).toEqual([{ stratum: 'x', n1: 2, n2: 1, m: 1 }, { stratum: 'y', n1: 1, n2: 1, m: 0 }]);
  });
});

/** Draws two (or three) lists over a population: person i is on list l with probability p[group(i)][l]. */
function draw(rng: SeededRandom, groups: readonly { N: number; p: readonly number[] }[]): { hist: Int32Array; group: Int32Array } {
  const total = groups.reduce((s, g) => s + g.N, 0);
  const hist = new Int32Array(total);
  const group = new Int32Array(total);
  let i = 0;
  groups.forEach((g, gi) => {
    for (let j = 0; j < g.N; j++, i++) {
      let h = 0;
      g.p.forEach((p, l) => {
        if (rng.next() < p) h |= 1 << l;
      });
      hist[i] = h;
      group[i] = gi;
    }
  });
  return { hist, group };
}

function strataCounts(hist: Int32Array, group: Int32Array, nGroups: number): { stratum: string; n1: number; n2: number; m: number }[] {
  const out = Array.from({ length: nGroups }, (_, g) => ({ stratum: `g${g}`, n1: 0, n2: 0, m: 0 }));
  for (let i = 0; i < hist.length; i++) {
    const c = out[group[i]!]!;
    const h = hist[i]!;
    if (h & 1) c.n1++;
    if (h & 2) c.n2++;
    if ((h & 3) === 3) c.m++;
  }
  return out;
}

describe('simulations', () => {
  it('coverage of the stratified Chapman estimate with Chao log-normal interval (R = 600)', () => {
    const R = 600;
    const strata = [
      { N: 400, p: [0.3, 0.4] },
      { N: 900, p: [0.5, 0.2] },
      { N: 1500, p: [0.25, 0.35] },
    ];
    const N = strata.reduce((s, g) => s + g.N, 0);
    const rng = new SeededRandom(20261129);
    let covered = 0;
    let sum = 0;
    for (let r = 0; r < R; r++) {
      const { hist, group } = draw(rng, strata);
      const est = twoListStratified(strataCounts(hist, group, strata.length)).total;
      if (est.ciLow <= N && N <= est.ciHigh) covered++;
      sum += est.N;
    }
    const coverage = covered / R;
    const band = 3 * Math.sqrt((0.95 * 0.05) / R);
    console.log(`Chapman stratified, Chao log-normal: coverage ${coverage.toFixed(3)} (band ±${band.toFixed(3)}), mean N ${(sum / R).toFixed(1)} of ${N}`);
    expect(Math.abs(coverage - 0.95)).toBeLessThanOrEqual(band);
    expect(Math.abs(sum / R - N) / N).toBeLessThan(0.01);
  });

  it('heterogeneous capture correlated across lists biases the pooled estimate down; stratification and a 3-list model with the interaction remove it', () => {
    // Two groups: the first is on both lists 1 and 2 much more often (heterogeneity correlated across lists 1 and 2);
    // list 3 catches everyone with the same probability.
    const groups = [
      { N: 2000, p: [0.7, 0.6, 0.3] },
      { N: 3000, p: [0.15, 0.2, 0.3] },
    ];
    const N = 5000;
    const R = 200;
    const rng = new SeededRandom(7);
    let pooled = 0, stratified = 0, independence = 0, interaction = 0;
    for (let r = 0; r < R; r++) {
      const { hist, group } = draw(rng, groups);
      const s = strataCounts(hist, group, 2);
      const total = { n1: s[0]!.n1 + s[1]!.n1, n2: s[0]!.n2 + s[1]!.n2, m: s[0]!.m + s[1]!.m };
      pooled += chapman(total).N;
      stratified += twoListStratified(s).total.N;
      const counts = new Float64Array(8);
      for (const h of hist) counts[h]! += 1;
      const table = { lists: ['1', '2', '3'], counts };
      independence += fitLogLinear(table, { interactions: [] }).N;
      interaction += fitLogLinear(table, { interactions: [[0, 1]] }).N;
    }
    const bias = (x: number): number => x / R / N - 1;
    console.log(
      `relative bias: pooled Chapman ${bias(pooled).toFixed(4)}, stratified ${bias(stratified).toFixed(4)}, ` +
        `3-list independence [1,2,3] ${bias(independence).toFixed(4)}, 3-list [12,3] ${bias(interaction).toFixed(4)}`,
    );
    expect(bias(pooled)).toBeLessThan(-0.1);
    expect(Math.abs(bias(stratified))).toBeLessThan(0.02);
    expect(Math.abs(bias(stratified))).toBeLessThan(Math.abs(bias(pooled)) / 5);
    expect(Math.abs(bias(interaction))).toBeLessThan(0.02);
    expect(Math.abs(bias(interaction))).toBeLessThan(Math.abs(bias(independence)) / 5);
    expect(historyTable(['a', 'b', 'c'], { '111': 1 }).counts[7]).toBe(1);
  });
});
