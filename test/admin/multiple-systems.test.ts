import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allTwoWayModels,
  captureHistories,
  historyTable,
  logGamma,
  modelName,
  multipleSystems,
  multipleSystemsStratified,
} from '../../src/admin/multiple-systems.js';

interface GoldModel {
  model: string;
  N: number;
  se: number;
  deviance: number;
  df: number;
  aic: number;
  bic: number;
  profileN: number;
  ciLow: number;
  ciHigh: number;
}
interface GoldTable {
  lists: number;
  counts: Record<string, number>;
  models: GoldModel[];
}
/** Written by test/admin/multiple-systems.R (Rcapture 1.4-4 closedpMS.t and closedpCI.t). */
const gold = JSON.parse(readFileSync(new URL('./multiple-systems.gold.json', import.meta.url), 'utf8')) as Record<string, GoldTable>;

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('multipleSystems against Rcapture', () => {
  for (const key of ['three', 'hiv']) {
    it(`${key}: every hierarchical model up to two-way interactions`, () => {
      const g = gold[key]!;
      const lists = Array.from({ length: g.lists }, (_, i) => `L${i + 1}`);
      const res = multipleSystems(historyTable(lists, g.counts));
      expect(res.models).toHaveLength(g.models.length);
      for (const gm of g.models) {
        const m = res.models.find((x) => x.name === gm.model);
        expect(m, gm.model).toBeDefined();
        expect(rel(m!.N, gm.N)).toBeLessThan(1e-6);
        expect(rel(m!.se, gm.se)).toBeLessThan(1e-5);
        expect(Math.abs(m!.deviance - gm.deviance)).toBeLessThan(1e-6);
        expect(m!.df).toBe(gm.df);
        expect(Math.abs(m!.aic - gm.aic)).toBeLessThan(1e-6);
        expect(Math.abs(m!.bic - gm.bic)).toBeLessThan(1e-6);
        // R's optimize/uniroot stop at tol 1e-4 on N
        expect(Math.abs(m!.profileN - gm.profileN)).toBeLessThan(0.05);
        expect(Math.abs(m!.ciLow - gm.ciLow)).toBeLessThan(0.05);
        expect(Math.abs(m!.ciHigh - gm.ciHigh)).toBeLessThan(0.05);
      }
      const byBic = [...g.models].sort((a, b) => a.bic - b.bic)[0]!;
      expect(res.chosen.name).toBe(byBic.model);
      const byAic = [...g.models].sort((a, b) => a.aic - b.aic)[0]!;
      expect(multipleSystems(historyTable(lists, g.counts), { criterion: 'aic' }).chosen.name).toBe(byAic.model);
    });
  }

  it('model names and counts of models', () => {
    expect(allTwoWayModels(3)).toHaveLength(8);
    expect(allTwoWayModels(4)).toHaveLength(64);
    expect(modelName(3, { interactions: [[0, 1]] })).toBe('[12,3]');
    expect(modelName(3, { interactions: [[0, 1]] }, ['permits', 'social security', 'tax'])).toBe('[permits*social security, tax]');
    expect(() => allTwoWayModels(6)).toThrow(/at most 5 lists/);
    expect(() => multipleSystems(historyTable(['a', 'b'], { '11': 3, '10': 4, '01': 5 }))).toThrow(/at least 3 lists/);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
  });
});

describe('captureHistories', () => {
  it('counts histories of linked persons, by stratum', () => {
    // persons 0..3; person 0 on A and B, 1 on C, 2 on A, B, C, 3 on B
    const person = [0, 0, 1, 2, 2, 2, 3];
    const list = ['A', 'B', 'C', 'A', 'B', 'C', 'B'];
    const { tables } = captureHistories(person, list, { lists: ['A', 'B', 'C'] });
    const t = tables.get('all')!;
    expect(t.counts[0b011]).toBe(1);
    expect(t.counts[0b100]).toBe(1);
    expect(t.counts[0b111]).toBe(1);
    expect(t.counts[0b010]).toBe(1);
    const strat = captureHistories(person, list, { stratum: ['x', 'y', 'x', 'x', 'x', 'x', 'y'] });
    expect(strat.stratumConflicts).toBe(1);
    expect([...strat.tables.keys()].sort()).toEqual(['x', 'y']);
  });

  it('stratified MSE sums the strata', () => {
    const g = gold.three!;
    const t = historyTable(['A', 'B', 'C'], g.counts);
    const res = multipleSystemsStratified(new Map([['s1', t], ['s2', t]]));
    expect(res.total.N).toBeCloseTo(2 * res.strata[0]!.chosen.N, 8);
    expect(res.total.se).toBeCloseTo(Math.SQRT2 * res.strata[0]!.chosen.se, 8);
    expect(res.total.ciLow).toBeLessThan(res.total.N);
    expect(res.total.ciHigh).toBeGreaterThan(res.total.N);
  });
});
