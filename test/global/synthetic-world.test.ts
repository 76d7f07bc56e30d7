import { describe, expect, it, beforeAll } from 'vitest';
import {
  syntheticWorld, syntheticInputs, syntheticTruth, runSyntheticWorld, coverageStudy, SYNTHETIC_AGES, type CoverageStudy,
} from '../../src/global/synthetic-world.js';
import { iloCountryOf } from '../../src/classifications/ilo-regions.js';
import { estimateGlobal } from '../../src/global/uncertainty.js';

describe('synthetic world', () => {
  it('is seeded, uses real ILO countries, and has a subset with national data', () => {
    const a = syntheticWorld({ seed: 3 });
    const b = syntheticWorld({ seed: 3 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(syntheticWorld({ seed: 4 }))).not.toBe(JSON.stringify(a));
    expect(a.countries).toHaveLength(150);
    for (const c of a.countries) {
      const ilo = iloCountryOf(c.iso3)!;
      expect(ilo.region.code).toBe(c.groups.region);
      expect(ilo.incomeGroup.code).toBe(c.groups.income);
      expect(c.cells).toHaveLength(2 * SYNTHETIC_AGES.length);
      for (const cell of c.cells) {
        expect(cell.migrants).toBeLessThanOrEqual(cell.population);
        expect(cell.labourForce).toBeLessThanOrEqual(cell.population);
        expect(cell.migrantWorkers).toBeLessThanOrEqual(Math.min(cell.migrants, cell.labourForce));
        expect(cell.survey !== undefined).toBe(c.observed);
      }
    }
    const share = a.countries.filter((c) => c.observed).length / a.countries.length;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.75);
    expect(new Set(a.countries.map((c) => c.groups.region)).size).toBe(5);
  });

  it('runs the whole estimation: every cell estimated and flagged', () => {
    const run = runSyntheticWorld({ seed: 5 }, { bootstrap: false });
    expect(run.estimates.countries).toHaveLength(150 * 8);
    const imputedCells = run.estimates.countries.filter((c) => c.imputed).length;
    expect(run.estimates.imputations).toHaveLength(imputedCells);
    expect(run.accuracy.countries).toBe(run.world.countries.filter((c) => !c.observed).length);
  });

  it('with exact national θ (SE 0) and every country observed, the estimation returns the truth', () => {
    const world = syntheticWorld({ seed: 5, observedProbability: { HIC: 1, UMC: 1, LMC: 1, LIC: 1 } });
    const inputs = syntheticInputs(world).map((c, i) => ({
      ...c, cells: c.cells.map((cell, j) => ({ ...cell, national: { logTheta: world.countries[i]!.cells[j]!.logTheta, logThetaSe: 0 } })),
    }));
    const truth = syntheticTruth(world, { dimensions: ['world', 'region'], breakdowns: ['total', 'sex'] });
    const exact = estimateGlobal(inputs, { dimensions: ['world', 'region'], breakdowns: ['total', 'sex'], bootstrap: false });
    expect(exact.imputations).toHaveLength(0);
    for (const t of truth) {
      const e = exact.aggregates.find((a) => a.dimension === t.dimension && a.code === t.code && a.sex === t.sex)!;
      expect(e.migrantWorkers / t.migrantWorkers).toBeCloseTo(1, 9);
    }
  });
});

/*
 * Acceptance (issue 11 §4; docs/validation.md): 200 synthetic worlds (seeds 1..200), 200 bootstrap replicates each.
 */
describe('acceptance on 200 synthetic worlds', () => {
  let study: CoverageStudy;
  beforeAll(() => {
    study = coverageStudy({ replications: 200, replicates: 200, seed: 1 });
    console.log('coverage of 95% intervals of migrant workers over 200 worlds (coverage, Monte Carlo SE, mean relative half-width, mean relative error):');
    for (const r of study.rows) {
      console.log(`  ${r.dimension} ${r.code}: ${r.coverage.toFixed(3)} (MC SE ${r.monteCarloSe.toFixed(3)}), half-width ${(100 * r.meanRelativeHalfWidth).toFixed(2)}%, error ${(100 * r.meanRelativeError).toFixed(2)}%`);
    }
    const p = study.pooledRegions;
    console.log(`  regions pooled: ${p.covered}/${p.intervals} = ${p.coverage.toFixed(3)} (MC SE ${p.monteCarloSe.toFixed(4)})`);
    const a = study.meanAccuracy;
    console.log(`imputation accuracy, countries without national data (mean over worlds; ${a.countries.toFixed(1)} countries a world): `
      + `mean |X̂ − X|/X ${a.meanAbsoluteRelativeError.toFixed(4)}, median ${a.medianAbsoluteRelativeError.toFixed(4)}, Σ|X̂ − X|/ΣX ${a.weightedAbsoluteRelativeError.toFixed(4)}; `
      + `oracle ${a.oracleMeanAbsoluteRelativeError.toFixed(4)}, naive θ = 1 ${a.naiveMeanAbsoluteRelativeError.toFixed(4)}`);
  }, 120_000);

  it('imputation accuracy on held-out countries: within 1.3 x the oracle error and better than θ = 1', () => {
    const a = study.meanAccuracy;
    expect(a.meanAbsoluteRelativeError).toBeLessThan(1.3 * a.oracleMeanAbsoluteRelativeError);
    expect(a.meanAbsoluteRelativeError).toBeLessThan(a.naiveMeanAbsoluteRelativeError);
    expect(a.meanAbsoluteRelativeError).toBeLessThan(0.1);
  });

  it('coverage of the world and regional 95% intervals', () => {
    for (const r of study.rows) {
      expect(r.coverage, `${r.dimension} ${r.code}`).toBeGreaterThanOrEqual(0.88);
    }
    expect(study.pooledRegions.coverage).toBeGreaterThanOrEqual(0.93);
    expect(study.pooledRegions.coverage).toBeLessThanOrEqual(0.98);
  });
});
