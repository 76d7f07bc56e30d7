import { fileURLToPath } from 'node:url';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv.js';
import { fromArrow, fromDataFrame, loadDanfo, recordColumns, rowsToArrow, toArrow, toDataFrame } from '../../src/io/interop.js';
import { Table, tableFromArrays } from '../../src/io/table.js';
import { svyDesign } from '../../src/survey/design.js';
import { estimate } from '../../src/survey/estimate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sample(): Table {
  const t = tableFromArrays({
    age: [34, NaN, 51.5, 0],
    sex: ['2', '1', null, '2'],
    country: ['PH', 'ID', 'PH', null],
  });
  const meta = new Map([['sex', { label: 'Sex', valueLabels: [{ value: '1', label: 'Male' }, { value: '2', label: 'Female' }] }]]);
  return new Table(t.names, t.columns, t.nrows, 'sample', { columns: meta });
}

function expectSameTable(back: Table, t: Table): void {
  expect(back.names).toEqual(t.names);
  expect(back.nrows).toBe(t.nrows);
  for (const name of t.names) {
    const a = t.column(name);
    const b = back.column(name);
    expect(b.kind).toBe(a.kind);
    if (a.kind === 'number' && b.kind === 'number') expect(Array.from(b.values)).toEqual(Array.from(a.values));
    if (a.kind === 'category' && b.kind === 'category') {
      const strings = (c: typeof a) => Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
      expect(strings(b)).toEqual(strings(a));
    }
  }
}

describe('Arrow interop', () => {
  it('Table -> Arrow -> Table keeps names, numbers, NaN, codes as strings and metadata', () => {
    const t = sample();
    const arrow = toArrow(t);
    expect(arrow.numRows).toBe(4);
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(['age', 'sex', 'country']);
    expect(arrow.getChild('age')!.get(1)).toBeNull();
    expect(arrow.getChild('sex')!.get(0)).toBe('2');
    expect(arrow.getChild('country')!.get(3)).toBeNull();
    const back = fromArrow(arrow);
    expectSameTable(back, t);
    const sex = back.column('sex');
    expect(sex.kind === 'category' && sex.levels).toEqual(['2', '1']);
    expect(back.meta.columns?.get('sex')?.label).toBe('Sex');
  });

  it('survives Arrow IPC bytes', () => {
    const t = sample();
    const back = fromArrow(tableFromIPC(tableToIPC(toArrow(t))));
    expectSameTable(back, t);
    expect(back.meta.columns?.get('sex')?.valueLabels?.[1]?.label).toBe('Female');
  });

  it('round-trips a bundled survey file', () => {
    const api = readCsv(`${root}datasets/api/apistrat.csv`);
    expectSameTable(fromArrow(toArrow(api)), api);
  });

  it('estimate rows become an Arrow table with flattened domains', () => {
    const api = readCsv(`${root}datasets/api/apistrat.csv`);
    const d = svyDesign(api, { strata: 'stype', weight: 'pw', fpc: ['fpc'] });
    const r = estimate(d, [{ statistic: 'mean', variable: 'api00' }], { by: ['stype'] });
    const arrow = rowsToArrow(r.results);
    expect(arrow.numRows).toBe(3);
    expect(arrow.getChild('domain.stype')!.toArray()).toEqual(['E', 'H', 'M']);
    expect(arrow.getChild('estimate')!.get(0)).toBeCloseTo(r.results[0]!.estimate, 10);
  });
});

describe('DataFrame interop (danfojs-node)', () => {
  it('Table -> DataFrame -> Table keeps names, numbers, NaN and codes as strings', async () => {
    const t = sample();
    const df = await toDataFrame(t);
    expect(df.columns).toEqual(['age', 'sex', 'country']);
    expect(df.shape).toEqual([4, 3]);
    expect(df.column('sex').values).toEqual(['2', '1', null, '2']);
    expectSameTable(fromDataFrame(df), t);
  }, 30_000);

  it('estimate rows -> DataFrame, one column per field, domains flattened', async () => {
    const api = readCsv(`${root}datasets/api/apistrat.csv`);
    const d = svyDesign(api, { strata: 'stype', weight: 'pw', fpc: ['fpc'] });
    const r = estimate(d, [{ statistic: 'total', variable: 'enroll' }, { statistic: 'mean', variable: 'api00' }], { by: ['stype'] });
    const df = await toDataFrame(r.results);
    expect(df.shape[0]).toBe(6);
    for (const c of ['statistic', 'variable', 'domain.stype', 'estimate', 'se', 'ci_low', 'ci_high', 'df', 'cv', 'n', 'N']) expect(df.columns).toContain(c);
    expect(df.column('estimate').values).toEqual(r.results.map((x) => x.estimate));
    expect(df.column('domain.stype').values).toEqual(r.results.map((x) => x.domain['stype']));
    const back = fromDataFrame(df);
    const se = back.column('se');
    expect(se.kind).toBe('number');
    expect(se.kind === 'number' && Array.from(se.values)).toEqual(r.results.map((x) => x.se));
  }, 30_000);

  it('without danfojs-node, says how to install it (with the overrides)', async () => {
    const missing = () => Promise.reject(Object.assign(new Error("Cannot find package 'danfojs-node'"), { code: 'ERR_MODULE_NOT_FOUND' }));
    await expect(loadDanfo(missing)).rejects.toThrow(/optional dependency danfojs-node.*Cannot find package.*npm install danfojs-node@1\.2\.0.*"overrides".*"xlsx": "0\.18\.5"/);
    await expect(loadDanfo(() => Promise.resolve({}))).rejects.toThrow(/has no DataFrame/);
  });

  it('flattens nested records and arrays', () => {
    const cols = recordColumns([{ a: 1, d: { x: 'u' }, flags: ['B', 'U'] }, { a: null, d: { x: 'v', y: 'w' } }]);
    expect(cols).toEqual({ a: [1, null], 'd.x': ['u', 'v'], flags: ['B;U', null], 'd.y': [null, 'w'] });
  });
});
