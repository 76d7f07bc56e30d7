/**
 * The generator of the Atlantis recruitment cost survey (datasets/atlantis/rcs-*.ts): the population, the sample API
 * of the coverage tests (seeded, fast, shaped like the shipped files) and the unbiasedness of the design weights.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type RcsPopulation, drawRcsSample, generateRcsWorld } from '../../datasets/atlantis/rcs-build.js';
import { RCS_CORRIDORS, RCS_DESIGN } from '../../datasets/atlantis/rcs-country.js';
import { COST_TYPES } from '../../datasets/atlantis/rcs-population.js';
import { readTable } from '../../src/io/read.js';
import { numbers, root } from './support.js';

let pop: RcsPopulation;
beforeAll(() => {
  pop = generateRcsWorld();
});

describe('population', () => {
  it('has about 150,000 return migrant workers in 10 strata, with every corridor and cost type', () => {
    expect(pop.workers.count).toBeGreaterThan(145_000);
    expect(pop.workers.count).toBeLessThan(156_000);
    expect(new Set(pop.areas.stratum).size).toBe(10);
    expect(new Set(pop.workers.corridor).size).toBe(RCS_CORRIDORS.length);
    expect(new Set(pop.items.type).size).toBe(COST_TYPES.length);
    // items are stored worker by worker
    let gaps = 0;
    for (let i = 1; i < pop.workers.count; i++) if (pop.workers.firstItem[i] !== pop.workers.firstItem[i - 1]! + pop.workers.items[i - 1]!) gaps++;
    expect(gaps).toBe(0);
    // deductions from wages are on the first month's payday (on or after the job start, within 31 days)
    let deductions = 0;
    let misplaced = 0;
    for (let k = 0; k < pop.items.count; k++) {
      if (!pop.items.deducted[k]) continue;
      deductions++;
      const days = pop.items.date[k]! - pop.workers.jobStart[pop.items.worker[k]!]!;
      if (days < 0 || days >= 31) misplaced++;
    }
    expect(deductions).toBeGreaterThan(10_000);
    expect(misplaced).toBe(0);
  });
});

describe('drawRcsSample', () => {
  it('gives the shipped tables for the shipped seed', async () => {
    const draw = drawRcsSample(pop, 20240401);
    for (const [name, table] of [['workers', draw.workers], ['costs', draw.costs]] as const) {
      const shipped = await readTable(`${root}datasets/atlantis-rcs/rcs_2024_${name}.parquet`);
      expect(table.names).toEqual(shipped.names);
      expect(table.nrows).toBe(shipped.nrows);
      for (const column of ['worker_id', ...(name === 'workers' ? ['weight', 'repw_100', 'first_month_earnings'] : ['cost_amount', 'cost_date'])]) {
        expect(Array.from(numbers(table, column)), column).toEqual(Array.from(numbers(shipped, column)));
      }
    }
  });

  it('is seeded: the same seed gives the same sample, another seed another one', () => {
    const a = drawRcsSample(pop, 7, { replicates: 0 });
    const b = drawRcsSample(pop, 7, { replicates: 0 });
    const c = drawRcsSample(pop, 8, { replicates: 0 });
    expect(Array.from(numbers(a.workers, 'worker_id'))).toEqual(Array.from(numbers(b.workers, 'worker_id')));
    expect(Array.from(numbers(a.workers, 'worker_id'))).not.toEqual(Array.from(numbers(c.workers, 'worker_id')));
    expect(a.workers.names.some((n) => n.startsWith('repw_'))).toBe(false);
  });

  it('draws a sample in well under 100 ms (with its 100 replicate weights)', () => {
    drawRcsSample(pop, 1);
    const times: number[] = [];
    for (let s = 0; s < 11; s++) {
      const started = performance.now();
      drawRcsSample(pop, 100 + s);
      times.push(performance.now() - started);
    }
    // the median, so that a pause of a loaded machine does not fail the test
    expect(times.sort((a, b) => a - b)[5]).toBeLessThan(100);
  });

  it('has unbiased base weights: over 200 samples the mean estimate of N is within 3.5 SE of N', () => {
    const totals: number[] = [];
    for (let s = 0; s < 200; s++) totals.push(drawRcsSample(pop, 5000 + s, { replicates: 0 }).sample.baseWeightSum);
    const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
    const sd = Math.sqrt(totals.reduce((a, t) => a + (t - mean) ** 2, 0) / (totals.length - 1));
    expect(Math.abs(mean - pop.workers.count) / (sd / Math.sqrt(totals.length))).toBeLessThan(3.5);
    expect(sd / pop.workers.count).toBeLessThan(0.03);
  });

  it('selects the design size: areas x take workers, about 89% responding', () => {
    const { sample } = drawRcsSample(pop, 42, { replicates: 0 });
    expect(sample.selected).toBeLessThanOrEqual(RCS_DESIGN.areas * RCS_DESIGN.take);
    expect(sample.selected).toBeGreaterThan(0.97 * RCS_DESIGN.areas * RCS_DESIGN.take);
    expect(sample.responded / sample.selected).toBeGreaterThan(0.85);
    expect(sample.responded / sample.selected).toBeLessThan(0.93);
  });
});
