import { describe, expect, it } from 'vitest';
import { buildFrame, imputeFrame, groupsOf, type CountryInput } from '../../src/global/imputation.js';
import { fitMigrantLabourForce } from '../../src/global/cross-product-ratio.js';

const margins = { population: 1000, migrants: 100, labourForce: 600 };
function country(iso3: string, region: string, sub: string, income: string, logTheta?: number): CountryInput {
  return {
    iso3, groups: { region, subregionBroad: sub, subregionDetailed: sub, income },
    cells: [{ sex: 'T', age: 'Y15+', ...margins, ...(logTheta === undefined ? {} : { national: { logTheta, logThetaSe: 0.1, source: `LFS ${iso3}` } }) }],
  };
}
// Donors: A1-A3 in R1/S1/HIC (0.1, 0.2, 0.6); D1, D2 in R2/S3/LIC (1.0, 2.0).
const world: CountryInput[] = [
  country('A1', 'R1', 'S1', 'HIC', 0.1), country('A2', 'R1', 'S1', 'HIC', 0.2), country('A3', 'R1', 'S1', 'HIC', 0.6),
  country('A4', 'R1', 'S1', 'HIC'), // subregion x income: mean of A1-A3 = 0.3
  country('B1', 'R1', 'S2', 'HIC'), // S2|HIC has no donor; R1|HIC has A1-A3: 0.3
  country('C1', 'R1', 'S1', 'LIC'), // no LIC donor in S1 nor R1; region R1: 0.3
  country('D1', 'R2', 'S3', 'LIC', 1), country('D2', 'R2', 'S3', 'LIC', 2),
  country('E1', 'R2', 'S3', 'LIC'), // 2 donors everywhere below world: world mean (0.1+0.2+0.6+1+2)/5 = 0.78
];

describe('imputation hierarchy (hand-computed means)', () => {
  const imp = imputeFrame(buildFrame(world));
  const rec = new Map(imp.records.map((r) => [r.iso3, r]));

  it('uses the narrowest group with at least 3 donors', () => {
    expect(rec.get('A4')).toMatchObject({ level: 'subregion-income', group: 'S1|HIC', donors: ['A1', 'A2', 'A3'] });
    expect(rec.get('A4')!.value).toBeCloseTo(0.3, 12);
    expect(rec.get('A4')!.weights).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(rec.get('B1')).toMatchObject({ level: 'region-income', group: 'R1|HIC' });
    expect(rec.get('C1')).toMatchObject({ level: 'region', group: 'R1' });
    expect(rec.get('E1')).toMatchObject({ level: 'world', group: 'WORLD', donors: ['A1', 'A2', 'A3', 'D1', 'D2'] });
    expect(rec.get('E1')!.value).toBeCloseTo(0.78, 12);
    expect(imp.records).toHaveLength(4);
  });

  it('flags every cell and fits it to its margins with exp(value)', () => {
    const e = new Map(imp.estimates.map((x) => [x.iso3, x]));
    expect(e.get('A1')).toMatchObject({ imputed: false, flag: 'national', source: 'LFS A1' });
    expect(e.get('E1')).toMatchObject({ imputed: true, flag: 'imputed:world' });
    expect(e.get('E1')!.migrantWorkers).toBeCloseTo(fitMigrantLabourForce(margins, Math.exp(0.78)), 9);
    expect(Math.log(e.get('E1')!.theta)).toBeCloseTo(0.78, 9);
  });

  it('minDonors 2 takes the subregion group of E1; migrant-stock weights', () => {
    const two = imputeFrame(buildFrame(world), { minDonors: 2 });
    const e1 = two.records.find((r) => r.iso3 === 'E1')!;
    expect(e1).toMatchObject({ level: 'subregion-income', group: 'S3|LIC' });
    expect(e1.value).toBeCloseTo(1.5, 12);
    const w = [...world];
    w[0] = { ...w[0]!, cells: [{ ...w[0]!.cells[0]!, migrants: 300 }] }; // A1 has 3x the migrants
    const mw = imputeFrame(buildFrame(w), { weighting: 'migrants' }).records.find((r) => r.iso3 === 'A4')!;
    expect(mw.value).toBeCloseTo((3 * 0.1 + 0.2 + 0.6) / 5, 12);
    expect(mw.weights).toEqual([0.6, 0.2, 0.2]);
  });

  it('a national cell without a finite value is imputed, with the reason recorded', () => {
    const w = [...world, { ...country('A5', 'R1', 'S1', 'HIC'), cells: [{ sex: 'T', age: 'Y15+', ...margins, national: { logTheta: -Infinity, logThetaSe: NaN } }] }];
    const r = imputeFrame(buildFrame(w)).records.find((x) => x.iso3 === 'A5')!;
    expect(r.reason).toMatch(/zero cell/);
    expect(r.value).toBeCloseTo(0.3, 12);
  });

  it('errors name the country and what is wrong', () => {
    expect(() => buildFrame([...world, country('A1', 'R1', 'S1', 'HIC')])).toThrow(/A1 appears twice/);
    expect(() => buildFrame([world[0]!, { iso3: 'X9', groups: world[0]!.groups, cells: [{ sex: 'F', age: 'Y15+', ...margins }] }])).toThrow(/lacks benchmark cells/);
    expect(() => groupsOf('ATL')).toThrow(/ATL has no region/);
    expect(() => imputeFrame(buildFrame([country('Z1', 'R1', 'S1', 'HIC')]))).toThrow(/nothing to impute from/);
  });

  it('ILO groups are looked up from the country list', () => {
    expect(groupsOf('DEU')).toEqual({ region: 'ECA', subregionBroad: 'NSWE', subregionDetailed: 'WEU', income: 'HIC' });
  });
});
