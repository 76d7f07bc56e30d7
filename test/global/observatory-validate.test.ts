/**
 * Validation of submissions (sums of sexes, migrant status, age groups and measures; parts within wholes; rates within
 * bounds and equal to the rate of their counts; change from the previous year; criterion breaks; conflicts), the
 * comparability table, and the estimates run from the database (observatory-estimate.ts over estimateGlobal).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type StoredRow, withObservatory } from '../../src/global/observatory-db.js';
import { estimationInputs, interpolatedBenchmarks, observatoryEstimates } from '../../src/global/observatory-estimate.js';
import { ingestFiles } from '../../src/global/observatory-ingest.js';
import { comparabilityTable, validateSeries } from '../../src/global/observatory-validate.js';
import { ALL_INPUTS, tempDir } from './observatory-support.js';

let rows: StoredRow[];
beforeAll(async () => {
  rows = await withObservatory(join(tempDir(), 'o.duckdb'), async (db) => {
    await ingestFiles(db, ALL_INPUTS);
    return db.series();
  });
});

/** The rows with one value changed. */
function change(pred: (r: StoredRow) => boolean, value: number): StoredRow[] {
  let hit = 0;
  const out = rows.map((r) => (pred(r) ? (hit++, { ...r, value }) : r));
  expect(hit).toBe(1);
  return out;
}
const at = (indicator: string, sex: string, age: string, migrant: string, ref = 'MYS', year = 2024) => (r: StoredRow): boolean =>
  r.ref_area === ref && r.year === year && r.layer === 'national' && r.indicator === indicator && r.sex === sex && r.age === age && r.migrant === migrant;

describe('validation of submissions', () => {
  it('finds no error in the bundled example; the previous-year comparison warns of a large change, naming both files', () => {
    const v = validateSeries(rows);
    expect(v.submissions).toBe(5);
    expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const w = v.problems.filter((p) => p.check === 'year-change');
    expect(w.length).toBeGreaterThan(0);
    expect(w[0]!.message).toMatch(/in 2024 against .* in 2023 .*THA-2023\.xlsx, sheet T5_OLF/);
  });

  it('finds sexes, migrants, ages and measures that do not add up, naming the cell', () => {
    const men = rows.find(at('TEAP', 'M', 'Y25-54', 'MIGRANT'))!;
    const v = validateSeries(change(at('TEAP', 'M', 'Y25-54', 'MIGRANT'), men.value + 5000), [], { country: 'MYS' });
    const checks = [...new Set(v.problems.filter((p) => p.severity === 'error').map((p) => p.check))].sort();
    expect(checks).toEqual(['ages-add-up', 'measures-add-up', 'migrants-add-up', 'sexes-add-up']);
    const sexes = v.problems.find((p) => p.check === 'sexes-add-up')!;
    expect(sexes.message).toContain('sheet T2_LF, row 12, column D (Migrants)');
    expect(sexes.expected! - sexes.value!).toBe(5000);
    // a small difference within the tolerance is not a problem
    expect(validateSeries(change(at('TEAP', 'M', 'Y25-54', 'MIGRANT'), men.value + 1), [], { country: 'MYS' }).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('checks rates: within 0-100, and equal to the rate of the counts; parts not above their whole', () => {
    const lf = rows.find(at('TEAP', 'T', 'YGE15', 'MIGRANT'))!;
    const wap = rows.find(at('XWAP', 'T', 'YGE15', 'MIGRANT'))!;
    const rate = (value: number): StoredRow => ({ ...lf, indicator: 'TEAP_RT', unit: 'percent', value, row_id: 99999, location: 'line 9' });
    const bounds = validateSeries([...rows, rate(104)], [], { country: 'MYS' }).problems;
    expect(bounds.map((p) => p.check)).toContain('rate-bounds');
    const off = validateSeries([...rows, rate(50)], [], { country: 'MYS' }).problems.find((p) => p.check === 'rate-consistency')!;
    expect(off.severity).toBe('warning');
    expect(off.expected).toBeCloseTo((100 * lf.value) / wap.value, 9);
    expect(validateSeries([...rows, rate((100 * lf.value) / wap.value)], [], { country: 'MYS' }).problems.filter((p) => p.check.startsWith('rate'))).toEqual([]);
    const total = rows.find(at('XWAP', 'F', 'Y15-24', 'TOTAL'))!;
    const big = validateSeries(change(at('XWAP', 'F', 'Y15-24', 'MIGRANT'), total.value * 2), [], { country: 'MYS' }).problems;
    expect(big.map((p) => p.check)).toContain('part-exceeds-whole');
  });

  it('reports conflicts and a change of criterion between years', () => {
    const tha23 = rows.filter((r) => r.ref_area === 'THA' && r.year === 2023);
    const cit = rows.map((r) => (r.ref_area === 'THA' && r.year === 2024 && r.migrant !== 'TOTAL' ? { ...r, criterion: 'citizenship' } : r));
    const v = validateSeries(cit, [{ key: 'k', a: tha23[0]!, b: { ...tha23[0]!, value: 1, row_id: 123456 } }], { country: 'THA' });
    expect(v.problems.find((p) => p.check === 'criterion-change')!.message).toBe('THA: migrants by citizenship in 2024, by birth in 2023: a break in the series');
    expect(v.problems.find((p) => p.check === 'conflict')!.message).toMatch(/two values for one key .* both kept/);
  });

  it('tabulates what is comparable: criteria, age limits, reference years, sources, standards', () => {
    const c = comparabilityTable(rows).filter((x) => x.layer === 'national');
    expect(c.map((x) => [x.ref_area, x.year, x.criteria, x.working_age_min, x.age_max, x.reference_years, x.standards, x.notes])).toEqual([
      ['MYS', 2024, 'birth', 15, 'none', '2024', 'ICLS19', ''],
      ['PHL', 2024, 'birth', 15, 'none', '2024', 'ICLS19', ''],
      ['SGP', 2024, 'citizenship', 15, 'none', '2024', 'ICLS19', 'migrants by citizenship'],
      ['THA', 2023, 'birth', 15, 'none', '2023', 'ICLS19', ''],
      ['THA', 2024, 'birth', 15, 'none', '2024', 'ICLS19', ''],
    ]);
    expect(c.find((x) => x.ref_area === 'PHL')!.flags).toBe('U');
  });
});

describe('estimates from the database', () => {
  it('builds the 2x2 tables and benchmark margins by sex and age group, and estimates: national where there are data, imputed elsewhere', () => {
    const { countries, leftOut } = estimationInputs(rows, { year: 2024 });
    expect(leftOut).toEqual([]);
    expect(countries.map((c) => [c.iso3, c.cells.length, c.cells.filter((x) => x.national).length])).toEqual([['KHM', 6, 0], ['MYS', 6, 6], ['PHL', 6, 6], ['SGP', 6, 6], ['THA', 6, 6]]);
    const tha = countries.find((c) => c.iso3 === 'THA')!.cells.find((x) => x.sex === 'F' && x.age === 'Y25-64')!;
    const wpp = rows.filter((r) => r.ref_area === 'THA' && r.year === 2024 && r.source_type === 'wpp' && r.sex === 'F' && /^Y(2[5-9]|[3-5]\d|6[0-4])-/.test(r.age));
    expect(wpp).toHaveLength(8);
    expect(tha.population).toBeCloseTo(wpp.reduce((s, r) => s + r.value, 0), 6);
    expect(tha.national!.logThetaSe).toBeGreaterThan(0); // THA gives SEs
    const { rows: est, leftOut: none } = observatoryEstimates(rows, { year: 2024, replicates: 50 });
    expect(none).toEqual([]);
    const khm = est.find((r) => r.level === 'country' && r.area === 'KHM' && r.sex === 'T' && r.age === 'TOTAL' && r.measure === 'migrantWorkers')!;
    expect(khm.imputed).toBe(true);
    const world = est.find((r) => r.level === 'world' && r.sex === 'T' && r.age === 'TOTAL' && r.measure === 'migrantWorkers')!;
    const sum = est.filter((r) => r.level === 'country' && r.sex === 'T' && r.age === 'TOTAL' && r.measure === 'migrantWorkers').reduce((s, r) => s + r.value, 0);
    expect(world.value).toBeCloseTo(sum, 3);
    expect(world.low!).toBeLessThanOrEqual(world.value);
    expect(world.high!).toBeGreaterThanOrEqual(world.value);
  });

  it('stops on a conflict unless told which value to use, and says which countries lack benchmarks', () => {
    const tha = rows.find(at('TEAP', 'M', 'Y15-24', 'MIGRANT', 'THA'))!;
    const conflicting = [...rows, { ...tha, value: tha.value * 1.5, row_id: 999999, file: 'other.xlsx' }];
    expect(() => estimationInputs(conflicting, { year: 2024 })).toThrow(/two values for THA national TEAP M Y15-24 MIGRANT birth in 2024: .* \(.*THA-2024\.xlsx, sheet T2_LF.*\) and .* \(other\.xlsx.*--on-conflict/);
    const latest = estimationInputs(conflicting, { year: 2024, onConflict: 'latest' }).countries.find((c) => c.iso3 === 'THA')!.cells.find((c) => c.sex === 'M' && c.age === 'Y15-24')!;
    expect(latest.national!.table!.migrantInLf).toBe(tha.value * 1.5);
    const noDesa = rows.filter((r) => !(r.ref_area === 'KHM' && r.source_type === 'desa'));
    expect(estimationInputs(noDesa, { year: 2024 }).leftOut).toEqual([{ iso3: 'KHM', reason: expect.stringMatching(/^no benchmark for M 15-24: migrant stock \(DESA\)/) }]);
  });

  it('interpolates a benchmark missing in the year between the years around it (UN DESA every five years), flagged I', () => {
    const desa = (y: number) => (r: StoredRow): boolean => r.source_type === 'desa' && r.year === y;
    const later = rows.filter(desa(2023)).map((r, i) => ({ ...r, year: 2025, value: r.value * 1.1, row_id: 900000 + i }));
    const gap = [...rows.filter((r) => !desa(2024)(r)), ...later];
    const made = interpolatedBenchmarks(gap, 2024);
    expect(made).toHaveLength(rows.filter(desa(2023)).length);
    const one = made.find((r) => r.ref_area === 'THA' && r.sex === 'F' && r.age === 'Y20-24')!;
    const base = rows.find((r) => desa(2023)(r) && r.ref_area === 'THA' && r.sex === 'F' && r.age === 'Y20-24')!;
    expect(one.value).toBeCloseTo(base.value * 1.05, 6);
    expect(one).toMatchObject({ year: 2024, flags: 'I', source: 'UN DESA International Migrant Stock (interpolated 2023-2025, linear)', location: 'interpolated from 2023 and 2025' });
    expect(estimationInputs(gap, { year: 2024 }).leftOut).toEqual([]);
    expect(estimationInputs(gap, { year: 2024, interpolation: 'none' }).leftOut.map((l) => l.iso3)).toEqual(['KHM', 'MYS', 'PHL', 'SGP', 'THA']);
  });
});
