/** RDS estimators against the reference values of the R package RDS 0.9-10 on fauxmadrona (test/fixtures/rds/README.md). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv.js';
import { rdsEstimate } from '../../src/sampling/rds-analysis.js';
import { rdsFromRecruiters } from '../../src/sampling/rds-data.js';
import { elStandardError, vhWeights } from '../../src/sampling/rds-estimators.js';

const dir = new URL('../fixtures/rds/', import.meta.url).pathname;
const gold = (JSON.parse(readFileSync(`${dir}rds_gold.json`, 'utf8')) as { fauxmadrona: Record<string, unknown> }).fauxmadrona as {
  naive_mean: number; rds2_vh: number; rds2_vh_excluding_seeds: number; rds1_sh: number; rds1_ds_smoothed: number;
  rds1_transitions: number[][]; rds1_h_hat_harmonic_mean_degree: Record<string, number>; ss_weights_in_file_mean: number;
  rds2_vh_EL_se_N1000_numeric: number; rds2_vh_EL_se_N1000_first_order: number; N_mid: number;
};
const table = readCsv(`${dir}rds_fauxmadrona.csv`);
const sample = rdsFromRecruiters(table, { id: 'id', recruiter: 'recruiter.id' }, { degree: 'degree' });
const N = gold.N_mid;

describe('fauxmadrona: RDS-I and RDS-II reproduce R RDS to 1e-6', () => {
  it('reads 500 respondents in 10 trees with the file\'s waves', () => {
    expect(sample.n).toBe(500);
    expect(sample.problems).toEqual([]);
    expect(Array.from(sample.isSeed).reduce((a, b) => a + b, 0)).toBe(10);
    const wave = table.column('wave');
    expect(wave.kind === 'number' && Array.from(wave.values)).toEqual(Array.from(sample.wave));
  });

  it('naive mean', () => {
    expect(rdsEstimate(sample, 'disease', { estimator: 'naive' }).results[0]!.estimate).toBeCloseTo(gold.naive_mean, 12);
  });

  it('RDS-II (VH) with seeds (the default) and without', () => {
    expect(rdsEstimate(sample, 'disease', { estimator: 'rds2' }).results[0]!.estimate).toBeCloseTo(gold.rds2_vh, 6);
    const ex = rdsEstimate(sample, 'disease', { estimator: 'rds2', seeds: 'exclude' });
    expect(ex.results[0]!.estimate).toBeCloseTo(gold.rds2_vh_excluding_seeds, 6);
    expect(ex.results[0]!.n).toBe(490);
    expect(ex.exclusions).toEqual([{ reason: 'seed (seeds excluded)', count: 10 }]);
  });

  it('RDS-I: transition counts, harmonic-mean degrees, estimate; RDS-I (DS) equals it with two groups', () => {
    for (const kind of ['auto', 'categorical'] as const) {
      const a = rdsEstimate(sample, 'disease', { estimator: 'rds1', outcomeKind: kind });
      expect(a.rds1!.transitions).toEqual(gold.rds1_transitions);
      expect(a.rds1!.harmonicDegree[0]).toBeCloseTo(gold.rds1_h_hat_harmonic_mean_degree['0']!, 9);
      expect(a.rds1!.harmonicDegree[1]).toBeCloseTo(gold.rds1_h_hat_harmonic_mean_degree['1']!, 9);
      const p1 = kind === 'auto' ? a.results[0]!.estimate : a.results.find((r) => r.level === '1')!.estimate;
      expect(p1).toBeCloseTo(gold.rds1_sh, 6);
    }
    expect(rdsEstimate(sample, 'disease', { estimator: 'rds1-ds' }).results[0]!.estimate).toBeCloseTo(gold.rds1_ds_smoothed, 6);
  });

  it('categorical rows: one per level, in level order, summing to 1', () => {
    const r = rdsEstimate(sample, 'disease', { estimator: 'rds2', outcomeKind: 'categorical' }).results;
    expect(r.map((x) => x.level)).toEqual(['0', '1']);
    expect(r[0]!.estimate + r[1]!.estimate).toBeCloseTo(1, 14);
    expect(r[1]!.estimate).toBeCloseTo(gold.rds2_vh, 6);
  });

  it('EL standard errors (R EL.se, N = 1000), second and first order', () => {
    const a = rdsEstimate(sample, 'disease', { estimator: 'rds2', populationSize: N });
    expect(a.results[0]!.se).toBeCloseTo(gold.rds2_vh_EL_se_N1000_numeric, 9);
    const use = new Uint8Array(500).fill(1);
    const y = table.column('disease');
    const w = vhWeights(sample.degree, use);
    expect(elStandardError(w, y.kind === 'number' ? y.values : [], N, true)).toBeCloseTo(gold.rds2_vh_EL_se_N1000_first_order, 9);
  });

  it("Gile's SS within 0.005 of the stored SS weights' estimate over five seeds (Monte Carlo)", () => {
    const values = [1, 2, 3, 4, 5].map((seed) => rdsEstimate(sample, 'disease', { estimator: 'ss', populationSize: N, seed }).results[0]!.estimate);
    for (const v of values) expect(Math.abs(v - gold.ss_weights_in_file_mean)).toBeLessThan(0.005);
    expect(new Set(values).size).toBeGreaterThan(1);
    // same seed, same value
    expect(rdsEstimate(sample, 'disease', { estimator: 'ss', populationSize: N, seed: 3 }).results[0]!.estimate).toBe(values[2]);
  });

  it('SS tends to RDS-II as n/N goes to 0 (below SS.infinity it is RDS-II)', () => {
    const ss = rdsEstimate(sample, 'disease', { estimator: 'ss', populationSize: 1e6 }).results[0]!.estimate;
    expect(ss).toBeCloseTo(gold.rds2_vh, 12);
  });
});
