import { describe, expect, it } from 'vitest';
import { type ColumnMeta, tableFromArrays } from '../../src/io/table.js';
import { makeResolver, recodeColumns } from '../../src/profile/recode.js';
import type { Mapping } from '../../src/profile/schema.js';
import { standardVariable } from '../../src/profile/variables.js';

/** Recodes plain values through a mapping; returns the standard values and the result. */
function recode(variable: string, values: readonly (string | null)[] | readonly (number | null)[], m: Mapping, meta?: ColumnMeta) {
  const t = tableFromArrays({ x: values as (string | null)[] });
  const r = recodeColumns(standardVariable(variable), { from: 'x', ...m }, [t.column('x')], [meta], t.nrows);
  return { out: Array.from(r.values as ArrayLike<unknown>), ...r };
}

describe('value maps', () => {
  it('maps numeric and text codes; keys match the number a text spells', () => {
    expect(recode('sex', [1, 2, 1, null], { map: { 1: 'M', 2: 'F' } }).out).toEqual(['M', 'F', 'M', null]);
    expect(recode('sex', ['01', '02'], { map: { 1: 'M', 2: 'F' } }).out).toEqual(['M', 'F']);
    expect(recode('sex', ['h', 'f'], { map: { h: 'M', f: 'F' } }).out).toEqual(['M', 'F']);
    expect(recode('sex', ['1', '01'], { map: { '01': 'F', 1: 'M' } }).out).toEqual(['M', 'F']);
  });

  it('counts kept, recoded, missing and reports map keys no value used', () => {
    const r = recode('status_icse93', [1, 2, 7, null, 1], { map: { 7: '6', 9: 'not-stated' } });
    expect(r.out).toEqual(['1', '2', '6', null, '1']);
    expect(r.counts).toEqual({ kept: 3, recoded: 1, missing: 1, setMissing: 0, rejected: 0 });
    expect(r.unusedMapKeys).toEqual(['9']);
  });

  it('maps numbers to numbers (hours codes) and keeps valid numbers', () => {
    expect(recode('hours_actual', [40, 97, 12.5], { map: { 97: 0 } }).out).toEqual([40, 0, 12.5]);
  });

  it('by: label matches the file\'s value labels', () => {
    const meta: ColumnMeta = { valueLabels: [{ value: 1, label: 'Male' }, { value: 2, label: 'Female' }] };
    expect(recode('sex', [2, 1], { by: 'label', map: { Male: 'M', Female: 'F' } }, meta).out).toEqual(['F', 'M']);
  });

  it('pad left-pads digit codes before lookup', () => {
    const r = recode('occupation_isco08', [110, 2411, 5], { pad: 4 });
    expect(r.out).toEqual(['0110', '2411', '0005']);
    expect(recode('industry_isic4', [1, 41, 970], { pad: 2 }).out).toEqual(['01', '41', '970']);
  });
});

describe('ranges', () => {
  const ranges = [{ max: 14, to: '0-14' }, { min: 15, max: 24, to: '15-24' }, { min: 25, max: 64, to: '25-64' }, { min: 65, to: '65+' }];
  it('maps numbers to groups, both ends inclusive, open ends', () => {
    expect(recode('age_group', [0, 14, 15, 24, 25, 64, 65, 101, null], { ranges }).out).toEqual(['0-14', '0-14', '15-24', '15-24', '25-64', '25-64', '65+', '65+', null]);
  });
  it('a value in no range, or not a number, is unknown', () => {
    const r = recode('age_group', [14.5, 30], { ranges: [{ max: 14, to: 'a' }, { min: 15, to: 'b' }] });
    expect(r.out).toEqual([null, 'b']);
    expect(r.counts.rejected).toBe(1);
    expect(r.stats[0]).toMatchObject({ value: 14.5, count: 1, rows: [1], resolved: { outcome: 'rejected' } });
  });
  it('text codes that spell numbers fall in ranges', () => {
    expect(recode('age_group', ['7', 'DK'], { ranges: [{ max: 14, to: 'child' }], missing: ['DK'] }).out).toEqual(['child', null]);
  });
});

describe('countries to ISO3', () => {
  it('by M49 code, ISO2, ISO3, English name or shape', () => {
    expect(recode('country_of_birth', [608, 4, 276], { country: 'm49' }).out).toEqual(['PHL', 'AFG', 'DEU']);
    expect(recode('country_of_birth', ['ph', 'NA'], { country: 'iso2' }).out).toEqual(['PHL', 'NAM']);
    expect(recode('citizenship', ['PHL', 'phl'], {}).out).toEqual(['PHL', 'PHL']);
    expect(recode('citizenship', ['Viet Nam', 'Vietnam', "Côte d'Ivoire", 'South Korea'], { country: 'name' }).out).toEqual(['VNM', 'VNM', 'CIV', 'KOR']);
    expect(recode('citizenship', ['608', 'DE', 'IND', 'Turkey'], { country: 'auto' }).out).toEqual(['PHL', 'DEU', 'IND', 'TUR']);
  });
  it('national codes: by label to names, and map first', () => {
    const meta: ColumnMeta = { valueLabels: [{ value: 1, label: 'Philippines' }, { value: 2, label: 'Hong Kong' }, { value: 3, label: 'Middle East' }] };
    const r = recode('previous_country_of_residence', [1, 2, 3, 1], { by: 'label', country: 'name', map: { 'Middle East': 'not-stated' } }, meta);
    expect(r.out).toEqual(['PHL', 'HKG', 'not-stated', 'PHL']);
    expect(recode('previous_country_of_residence', [1, 2, 3], { country: 'name', map: { 1: 'PHL', 2: 'HKG', 3: 'not-stated' } }).out).toEqual(['PHL', 'HKG', 'not-stated']);
  });
  it('counts an ISO3 code as kept and a lookup as recoded', () => {
    expect(recode('citizenship', ['PHL', 'PH'], { country: 'auto' }).counts).toMatchObject({ kept: 1, recoded: 1 });
  });
});

describe('missing codes', () => {
  it('the mapping\'s missing codes and range', () => {
    const r = recode('age', [30, 98, 99, 997, null], { missing: [98], missing_range: [99, 999] });
    expect(r.out).toEqual([30, NaN, NaN, NaN, NaN]);
    expect(r.counts).toEqual({ kept: 1, recoded: 0, missing: 1, setMissing: 3, rejected: 0 });
  });
  it('text missing codes and numeric codes held as text', () => {
    expect(recode('sex', ['M', 'DK', '9'], { missing: ['DK', 9] }).out).toEqual(['M', null, null]);
  });
  it('missing values declared by the file, unless file_missing: false', () => {
    const meta: ColumnMeta = { missing: { values: [9], range: [97, 99] } };
    expect(recode('age', [30, 9, 98], {}, meta).out).toEqual([30, NaN, NaN]);
    expect(recode('age', [30, 9, 98], { file_missing: false }, meta).out).toEqual([30, 9, 98]);
  });
});

describe('unknown codes', () => {
  it('under error (the default) they are rejected, counted, with their rows', () => {
    const r = recode('sex', [1, 3, 2, 3, 4], { map: { 1: 'M', 2: 'F' } });
    expect(r.out).toEqual(['M', null, 'F', null, null]);
    expect(r.counts.rejected).toBe(3);
    expect(r.stats.map((s) => [s.value, s.count, s.rows, s.resolved.outcome])).toEqual([[3, 2, [2, 4], 'rejected'], [1, 1, [1], 'recoded'], [2, 1, [3], 'recoded'], [4, 1, [5], 'rejected']]);
  });
  it('under not-stated codes become not-stated, numbers missing', () => {
    expect(recode('sex', [1, 3], { map: { 1: 'M' }, unknown: 'not-stated' }).out).toEqual(['M', 'not-stated']);
    expect(recode('citizenship', ['Lemuria'], { country: 'name', unknown: 'not-stated' }).out).toEqual(['not-stated']);
    const age = recode('age', [30, 150, -1], { unknown: 'not-stated' });
    expect(age.out).toEqual([30, NaN, NaN]);
    expect(age.counts.rejected).toBe(2);
  });
  it('numbers out of bounds or not whole, years out of range, text in a number column', () => {
    expect(recode('age', [30.5, 131], {}).counts.rejected).toBe(2);
    expect(recode('hours_usual', [169, 168], {}).counts).toMatchObject({ kept: 1, rejected: 1 });
    expect(recode('year_of_arrival', [1899, 2015, 2015.5], {}).counts).toMatchObject({ kept: 1, rejected: 2 });
    expect(recode('age', ['30', 'DK'], {}).counts).toMatchObject({ kept: 1, rejected: 1 });
  });
  it('text variables pass through without a map, but not outside a map', () => {
    expect(recode('region', ['North', 'South'], {}).out).toEqual(['North', 'South']);
    expect(recode('region', ['N', 'X'], { map: { N: 'North' } }).counts.rejected).toBe(1);
    expect(recode('earnings_currency', ['PHP', 'pesos'], {}).counts.rejected).toBe(1);
  });
});

describe('dates, constants, identifiers', () => {
  it('dates from ISO text, declared date columns, yyyymmdd numbers', () => {
    const day = Date.UTC(2019, 2, 1) / 86_400_000;
    expect(recode('date_of_arrival', ['2019-03-01', '2019-02-30'], {}).out).toEqual([day, NaN]);
    expect(recode('date_of_arrival', [day], {}, { type: 'date' }).out).toEqual([day]);
    expect(recode('date_of_arrival', [day * 86_400 + 3600], {}, { type: 'datetime' }).out).toEqual([day]);
    expect(recode('date_of_arrival', [20190301], { date_format: 'yyyymmdd' }).out).toEqual([day]);
    expect(recode('date_of_arrival', [20190301], {}).counts.rejected).toBe(1);
  });
  it('a constant value on every row', () => {
    const r = recodeColumns(standardVariable('earnings_currency'), { value: 'PHP' }, [], [], 3);
    expect(r.values).toEqual(['PHP', 'PHP', 'PHP']);
  });
  it('composite identifiers join their parts; a missing part makes the id missing', () => {
    const t = tableFromArrays({ psu: [1, 1, 2], hh: ['07', '08', null] });
    const r = recodeColumns(standardVariable('household_id'), { from: ['psu', 'hh'] }, [t.column('psu'), t.column('hh')], [undefined, undefined], 3);
    expect(r.values).toEqual(['1-07', '1-08', null]);
  });
  it('a resolver can be used alone', () => {
    const resolve = makeResolver(standardVariable('sex'), { map: { 1: 'M' }, missing: [9] });
    expect([resolve(1), resolve(9), resolve(null), resolve(5)].map((r) => r.outcome)).toEqual(['recoded', 'set-missing', 'missing', 'rejected']);
  });
});
