import { describe, expect, it } from 'vitest';
import { aggregate, replicatePublished, GLOBAL_ESTIMATES_2022, type AggregateInput } from '../../src/global/aggregation.js';
import { estimateGlobal } from '../../src/global/uncertainty.js';
import type { CountryInput } from '../../src/global/imputation.js';

const g = (region: string, income: string) => ({ region, subregionBroad: region, subregionDetailed: region, income });
const rows: AggregateInput[] = [
  { iso3: 'A', groups: g('ECA', 'HIC'), sex: 'M', age: 'Y15-24', population: 100, migrants: 20, labourForce: 60, migrantWorkers: 15 },
  { iso3: 'A', groups: g('ECA', 'HIC'), sex: 'F', age: 'Y15-24', population: 100, migrants: 10, labourForce: 40, migrantWorkers: 5, imputed: true },
  { iso3: 'B', groups: g('AFR', 'LIC'), sex: 'M', age: 'Y15-24', population: 300, migrants: 10, labourForce: 200, migrantWorkers: 8 },
  { iso3: 'B', groups: g('AFR', 'LIC'), sex: 'F', age: 'Y15-24', population: 300, migrants: 10, labourForce: 150, migrantWorkers: 6 },
];

describe('aggregation', () => {
  const agg = aggregate(rows);
  const find = (dimension: string, code: string, sex = 'T', age = 'TOTAL') => agg.find((a) => a.dimension === dimension && a.code === code && a.sex === sex && a.age === age)!;

  it('sums and derives shares and participation rates (METHOD.md §3)', () => {
    const w = find('world', 'WORLD');
    expect(w).toMatchObject({ name: 'World', population: 800, migrants: 50, labourForce: 450, migrantWorkers: 34, countries: 2, countriesWithImputation: 1 });
    expect(w.shareOfLabourForce).toBeCloseTo(34 / 450, 12);
    expect(w.migrantLfpr).toBeCloseTo(34 / 50, 12);
    expect(w.nonMigrantLfpr).toBeCloseTo((450 - 34) / (800 - 50), 12);
    expect(w.imputedShare).toBeCloseTo(5 / 34, 12);
    const eca = find('region', 'ECA');
    expect(eca).toMatchObject({ name: 'Europe and Central Asia', migrantWorkers: 20 });
    expect(eca.shareOfWorld).toBeCloseTo(20 / 34, 12);
    expect(find('income', 'LIC')).toMatchObject({ name: 'Low income', migrantWorkers: 14 });
  });

  it('by sex: shares of the world total of the same sex', () => {
    const f = find('region', 'AFR', 'F');
    expect(f.migrantWorkers).toBe(6);
    expect(f.shareOfWorld).toBeCloseTo(6 / 11, 12);
    expect(find('world', 'WORLD', 'M', 'Y15-24').migrantWorkers).toBe(23);
  });

  it('only the dimensions and breakdowns asked for', () => {
    const only = aggregate(rows, { dimensions: ['region'], breakdowns: ['sex'] });
    expect(only.map((a) => `${a.code}/${a.sex}`)).toEqual(['AFR/M', 'AFR/F', 'ECA/M', 'ECA/F']);
    expect(() => aggregate(rows, { dimensions: ['continent' as never] })).toThrow(/not one of/);
  });
});

describe('course-style replication: ILO Global Estimates, 4th edition, 2022 (icls.md §3.1)', () => {
  it('aggregating the published regional figures reproduces the world total and the regional shares', () => {
    const rep = replicatePublished(GLOBAL_ESTIMATES_2022.regions, GLOBAL_ESTIMATES_2022.worldMigrantWorkers);
    console.log('4th edition 2022 replication: world', rep.worldTotalRounded, 'm; shares',
      rep.shares.map((s) => `${s.region} ${s.computed.toFixed(3)}% (published ${s.published}%)`).join(', '));
    expect(rep.worldTotalRounded).toBe(167.7);
    expect(rep.worldTotalMatches).toBe(true);
    for (const s of rep.shares) {
      expect(s.matches, s.region).toBe(true);
      expect(s.attainable).toBe(true);
    }
    expect(rep.shares.map((s) => s.rounded)).toEqual([34.5, 27.3, 16.2, 13.5, 8.5]);
  });

  it('a share that rounded inputs cannot reach is reported as such (age 15-24: 15.5 of 167.7 is 9.24%, published 9.3%)', () => {
    const rep = replicatePublished([
      { region: 'Y15-24', migrantWorkers: 15.5, sharePercent: 9.3 },
      { region: 'other', migrantWorkers: 152.2, sharePercent: 90.7 },
    ], 167.7);
    const y = rep.shares[0]!;
    expect(y.matches).toBe(false); // 9.243 rounds to 9.2
    expect(y.attainable).toBe(true); // 15.55 / (15.55 + 152.15) = 9.27% rounds to 9.3
  });
});

describe('estimateGlobal end to end', () => {
  const cell = (sex: string, national?: number) => ({
    sex, age: 'Y15+', population: 1000, migrants: 100, labourForce: 600,
    ...(national === undefined ? {} : { national: { logTheta: national, logThetaSe: 0.2 } }),
  });
  const countries: CountryInput[] = ['DEU', 'FRA', 'ITA', 'ESP', 'AUT', 'BEL'].map((iso3, i) => ({
    iso3, cells: i < 4 ? [cell('M', 0.1 * i), cell('F', -0.1 * i)] : [cell('M'), cell('F')],
  }));

  it('flags imputed cells, gives intervals, and is reproducible for a seed', () => {
    const a = estimateGlobal(countries, { dimensions: ['world', 'subregionBroad'], breakdowns: ['total', 'sex'], bootstrap: { replicates: 99, seed: 7 } });
    const b = estimateGlobal(countries, { dimensions: ['world', 'subregionBroad'], breakdowns: ['total', 'sex'], bootstrap: { replicates: 99, seed: 7 } });
    expect(JSON.stringify(a.aggregates)).toBe(JSON.stringify(b.aggregates));
    expect(a.imputations.map((r) => `${r.iso3}/${r.sex}/${r.level}`)).toEqual(['AUT/M/subregion-income', 'AUT/F/subregion-income', 'BEL/M/subregion-income', 'BEL/F/subregion-income']);
    const w = a.aggregates.find((x) => x.dimension === 'world' && x.sex === 'T')!;
    const iv = w.intervals!.migrantWorkers;
    expect(iv.low).toBeLessThan(w.migrantWorkers);
    expect(iv.high).toBeGreaterThan(w.migrantWorkers);
    expect(iv.se).toBeGreaterThan(0);
    expect(w.countriesWithImputation).toBe(2);
    expect(a.aggregates.find((x) => x.dimension === 'subregionBroad')!.name).toBe('Northern, Southern and Western Europe');
    expect(estimateGlobal(countries, { bootstrap: false }).aggregates[0]!.intervals).toBeUndefined();
  });
});
