import { readFileSync, writeFileSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readParquet, sqlString, withDuckDB } from '../../src/io/parquet.js';
import { readTable } from '../../src/io/read.js';
import { type Column, type ColumnMeta, Table, encode } from '../../src/io/table.js';
import { writeTable } from '../../src/io/write-table.js';

const dir = mkdtempSync(join(tmpdir(), 'migstat-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A table with every kind of column the writer handles, and column metadata. */
function sample(): Table {
  const n = 5000;
  const meta = new Map<string, ColumnMeta>([
    ['sex', { label: 'Sex of the person', valueLabels: [{ value: 1, label: 'Male' }, { value: 2, label: 'Female' }], missing: { values: [9] } }],
    ['born', { type: 'date', format: '%td' }],
    ['seen', { type: 'datetime' }],
  ]);
  const columns = new Map<string, Column>([
    ['id', { kind: 'number' as const, values: Float64Array.from({ length: n }, (_, i) => i + 1) }],
    ['big', { kind: 'number' as const, values: Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? NaN : 2 ** 40 + i)) }],
    ['x', { kind: 'number' as const, values: Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : i === 1 ? Infinity : i === 2 ? -0.1 : i / 3)) }],
    ['sex', { kind: 'number' as const, values: Float64Array.from({ length: n }, (_, i) => 1 + (i % 2)) }],
    ['born', { kind: 'number' as const, values: Float64Array.from({ length: n }, (_, i) => (i === 3 ? NaN : -3000 + i * 7)) }],
    ['seen', { kind: 'number' as const, values: Float64Array.from({ length: n }, (_, i) => 1.7e9 + i * 3601.5) }],
    ['isco', encode(Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : ['0110', '2211', 'São Paulo, "x"', ''][i % 4]!)))],
    ['none', encode(Array.from({ length: n }, () => null))],
  ]);
  return new Table([...columns.keys()], columns, n, 'sample', { columns: meta, fileLabel: 'LFS 2024' });
}

function same(a: Table, b: Table): void {
  expect(b.names).toEqual(a.names);
  expect(b.nrows).toBe(a.nrows);
  for (const name of a.names) {
    const x = a.column(name);
    const y = b.column(name);
    expect(y.kind, name).toBe(x.kind);
    if (x.kind === 'number' && y.kind === 'number') expect(Array.from(y.values), name).toEqual(Array.from(x.values));
    if (x.kind === 'category' && y.kind === 'category') {
      const text = (c: typeof x) => Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
      expect(text(y), name).toEqual(text(x));
      expect(y.levels, name).toEqual(x.levels);
    }
  }
}

describe('Parquet', () => {
  it('round-trips a table through writeTable and readTable: values, missing, dates, text, labels and metadata', async () => {
    const t = sample();
    const p = join(dir, 'sample.parquet');
    await writeTable(t, p);
    const back = await readTable(p);
    same(t, back);
    expect(back.meta.format).toBe('parquet');
    expect(back.meta.fileLabel).toBe('LFS 2024');
    expect(back.meta.columns?.get('sex')).toEqual(t.meta.columns!.get('sex'));
    expect(back.meta.columns?.get('born')).toEqual({ type: 'date', format: '%td' });
    // Types written: the narrowest exact one.
    const types = await withDuckDB(async (db) =>
      (await db.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(p)}))`)).getRowsJS(),
    );
    expect(Object.fromEntries(types)).toEqual({
      id: 'INTEGER', big: 'BIGINT', x: 'DOUBLE', sex: 'INTEGER', born: 'DATE', seen: 'TIMESTAMP', isco: 'VARCHAR', none: 'VARCHAR',
    });
  });

  it('writes the same bytes for the same table (zstd and snappy), atomically', async () => {
    const t = sample();
    for (const compression of ['zstd', 'snappy'] as const) {
      const a = join(dir, `a-${compression}.parquet`);
      const b = join(dir, `b-${compression}.parquet`);
      await writeTable(t, a, { compression });
      await writeTable(t, b, { compression });
      expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const sub = join(dir, 'absent', 'x.parquet');
    await expect(writeTable(t, sub)).rejects.toThrow(`${sub}: cannot write the Parquet file`);
  });

  it('reads only the columns asked for, in that order; an unknown one is an error listing the columns', async () => {
    const p = join(dir, 'sample.parquet');
    await writeTable(sample(), p);
    const t = await readParquet(p, { columns: ['isco', 'id'] });
    expect(t.names).toEqual(['isco', 'id']);
    expect(t.column('id')).toMatchObject({ kind: 'number' });
    await expect(readParquet(p, { columns: ['nope'] })).rejects.toThrow(`${p}: no column "nope"; columns are: id, big, x, sex, born, seen, isco, none`);
  });

  it('maps the types DuckDB writes: booleans 0/1, decimals, big integers as text, dates, timestamps, enums', async () => {
    const p = join(dir, 'types.parquet');
    await withDuckDB(async (db) => {
      await db.run(`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`);
      await db.run(`COPY (
        SELECT * FROM (VALUES
          (true, 1.25::DECIMAL(10,2), 9007199254740993::BIGINT, 7::HUGEINT, DATE '1969-12-31', TIMESTAMP '2024-01-02 03:04:05.5', TIMESTAMPTZ '2024-01-02 03:04:05+02', TIME '01:00:01', 'happy'::mood, 'a', [1, 2]),
          (false, NULL, 1, NULL, NULL, NULL, NULL, NULL, 'sad'::mood, NULL, NULL),
          (NULL, -3.5, -2, -7, DATE '2000-03-01', TIMESTAMP '1969-12-31 23:59:59', NULL, NULL, NULL, 'b', [])
        ) t(b, d, id, h, day, ts, tz, tm, e, s, l)
      ) TO ${sqlString(p)} (FORMAT parquet)`);
    });
    await expect(readParquet(p)).rejects.toThrow(`${p}: column "l" has type INTEGER[], which is not a column of numbers or text; leave it out (--columns)`);
    const t = await readParquet(p, { columns: ['b', 'd', 'id', 'h', 'day', 'ts', 'tz', 'tm', 'e', 's'] });
    const num = (n: string) => Array.from((t.column(n) as { values: Float64Array }).values);
    const text = (n: string) => {
      const c = t.column(n) as { codes: Int32Array; levels: readonly string[] };
      return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]));
    };
    expect(num('b')).toEqual([1, 0, NaN]);
    expect(t.meta.columns?.get('b')?.valueLabels).toEqual([{ value: 0, label: 'false' }, { value: 1, label: 'true' }]);
    expect(num('d')).toEqual([1.25, NaN, -3.5]);
    expect(text('id')).toEqual(['9007199254740993', '1', '-2']);
    expect(num('h')).toEqual([7, NaN, -7]);
    expect(num('day')).toEqual([-1, NaN, 11017]);
    expect(t.meta.columns?.get('day')).toEqual({ type: 'date' });
    expect(num('ts')).toEqual([Date.UTC(2024, 0, 2, 3, 4, 5, 500) / 1000, NaN, -1]);
    expect(num('tz')).toEqual([Date.UTC(2024, 0, 2, 1, 4, 5) / 1000, NaN, NaN]);
    expect(num('tm')).toEqual([3601, NaN, NaN]);
    expect(text('e')).toEqual(['happy', 'sad', null]);
    expect(text('s')).toEqual(['a', null, 'b']);
  });

  it('names the file on an empty, truncated or non-Parquet file', async () => {
    const good = join(dir, 'sample.parquet');
    await writeTable(sample(), good);
    const bytes = readFileSync(good);
    const cases: [string, Uint8Array, string][] = [
      ['empty.parquet', new Uint8Array(0), 'the file is empty'],
      ['text.parquet', Buffer.from('id,x\n1,2\n'), 'byte 1: not a Parquet file (it starts with 69 64 2C 78, not the magic bytes "PAR1")'],
      ['cut.parquet', bytes.subarray(0, bytes.length >> 1), 'the Parquet file is truncated'],
      ['bad-footer.parquet', Buffer.concat([bytes.subarray(0, 4), Buffer.alloc(64, 7), Buffer.from('PAR1')]), 'cannot read the Parquet file'],
    ];
    for (const [name, data, message] of cases) {
      const p = join(dir, name);
      writeFileSync(p, data);
      await expect(readTable(p)).rejects.toThrow(`${p}: `);
      await expect(readTable(p)).rejects.toThrow(message);
    }
    await expect(readTable(join(dir, 'absent.parquet'))).rejects.toThrow('cannot read the file (ENOENT)');
  });
});
