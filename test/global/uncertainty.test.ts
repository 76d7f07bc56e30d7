import { describe, expect, it } from 'vitest';
import { estimateGlobal, bootstrapAggregates, normalDraw } from '../../src/global/uncertainty.js';
import { buildFrame, imputeFrame, type CountryInput } from '../../src/global/imputation.js';
import { solveMigrantLabourForce } from '../../src/global/cross-product-ratio.js';
import { SeededRandom } from '../../src/survey/random.js';

const margins = { population: 1e6, migrants: 1e5, labourForce: 6e5 };
const g = { region: 'R1', subregionBroad: 'S1', subregionDetailed: 'S1', income: 'HIC' };

describe('bootstrap over countries', () => {
  it('one observed country: the bootstrap SE of X is the delta-method SE dX/dlogθ · se(log θ)', () => {
    const se = 0.05;
    const countries: CountryInput[] = [{ iso3: 'A1', groups: g, cells: [{ sex: 'T', age: 'A', ...margins, national: { logTheta: 0.5, logThetaSe: se } }] }];
    const est = estimateGlobal(countries, { dimensions: ['world'], breakdowns: ['total'], bootstrap: { replicates: 4000, seed: 3 } });
    const h = 1e-5;
    const x = (lt: number): number => solveMigrantLabourForce(1e6, 1e5, 6e5, Math.exp(lt));
    const delta = ((x(0.5 + h) - x(0.5 - h)) / (2 * h)) * se;
    const iv = est.aggregates[0]!.intervals!.migrantWorkers;
    expect(iv.se / delta).toBeGreaterThan(0.95);
    expect(iv.se / delta).toBeLessThan(1.05);
    expect(iv.low).toBeLessThan(x(0.5));
    expect(iv.high).toBeGreaterThan(x(0.5));
  });

  it('an imputed country adds the donors spread; without survey error or prediction error the interval shrinks', () => {
    const countries: CountryInput[] = [0.1, 0.4, 0.7, 1.0, undefined].map((lt, i) => ({
      iso3: `C${i}`, groups: g, cells: [{ sex: 'T', age: 'A', ...margins, ...(lt === undefined ? {} : { national: { logTheta: lt, logThetaSe: 0.02 } }) }],
    }));
    const imp = imputeFrame(buildFrame(countries));
    const opts = { dimensions: ['world' as const], breakdowns: ['total' as const] };
    const full = bootstrapAggregates(imp, opts, { replicates: 2000, seed: 1 }).intervals[0]!.migrantWorkers.se;
    const noPred = bootstrapAggregates(imp, opts, { replicates: 2000, seed: 1, predictionError: false }).intervals[0]!.migrantWorkers.se;
    const noSurvey = bootstrapAggregates(imp, opts, { replicates: 2000, seed: 1, surveyError: false }).intervals[0]!.migrantWorkers.se;
    expect(noPred).toBeLessThan(full);
    expect(noSurvey).toBeLessThan(full);
    expect(() => bootstrapAggregates(imp, opts, { replicates: 1 })).toThrow(/replicates/);
    expect(() => bootstrapAggregates(imp, opts, { strata: 'continent' as never })).toThrow(/strata/);
  });

  it('normal draws have mean 0 and variance 1', () => {
    const rng = new SeededRandom(11);
    let s = 0;
    let s2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) { const z = normalDraw(rng); s += z; s2 += z * z; }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });
});
