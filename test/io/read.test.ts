import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as A from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/errors.js';
import { FORMAT_BY_EXTENSION, formatOf, readTable } from '../../src/io/read.js';
import { type Column, type ColumnMeta, Table, encode } from '../../src/io/table.js';
import { writeTable } from '../../src/io/write-table.js';

const dir = mkdtempSync(join(tmpdir(), 'migstat-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

const num = (t: Table, n: string) => Array.from((t.column(n) as { values: Float64Array }).values);
const text = (t: Table, n: string) => {
  const c = t.column(n);
  if (c.kind !== 'category') throw new Error(`${n} is not text`);
  return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]!));
};

/** A labelled survey extract, as a .sav or .dta would give it. */
function labelled(): Table {
  const columns = new Map<string, Column>([
    ['id', { kind: 'number', values: Float64Array.from([1, 2, 3, 4]) }],
    ['sex', { kind: 'number', values: Float64Array.from([1, 2, NaN, 2]) }],
    ['born', { kind: 'number', values: Float64Array.from([0, 19724, NaN, -1]) }],
    ['w', { kind: 'number', values: Float64Array.from([1.5, 0.1 + 0.2, 1e-7, 123456.789]) }],
    ['isco', encode(['0110', '2211', null, 'x,"y"'])],
  ]);
  const meta = new Map<string, ColumnMeta>([
    ['sex', { label: 'Sex', valueLabels: [{ value: 1, label: 'Male' }, { value: 2, label: 'Female' }] }],
    ['born', { type: 'date' }],
    ['isco', { valueLabels: [{ value: '0110', label: 'Commissioned officers' }] }],
  ]);
  return new Table([...columns.keys()], columns, 4, 'labelled', { columns: meta });
}

describe('readTable: the reader by extension', () => {
  it('knows the extensions, takes a format instead, and lists the known ones for an unknown extension', async () => {
    expect(FORMAT_BY_EXTENSION['.feather']).toBe('arrow');
    expect(formatOf('a/b.JSONL')).toBe('ndjson');
    expect(formatOf('a/b.dat', 'tsv')).toBe('tsv');
    const p = file('data.dat', 'a\tb\n1\t2\n');
    await expect(readTable(p)).rejects.toThrow(`${p}: unknown file extension ".dat": cannot tell the format; known extensions are .csv .txt .tsv .sav .zsav .dta .parquet .arrow .feather .ipc .json .ndjson .jsonl`);
    await expect(readTable(p)).rejects.toBeInstanceOf(InputError);
    expect((await readTable(p, { format: 'tsv' })).names).toEqual(['a', 'b']);
    expect(() => formatOf(p, 'xlsx')).toThrow('unknown format "xlsx"');
  });

  it('reads CSV, TSV and .txt with the options (columns, na, delimiter, encoding)', async () => {
    const csv = file('d.csv', 'id;code;x\n1;0888;-9\n2;0123;3\n');
    const t = await readTable(csv, { columns: ['x', 'code'], na: ['-9'] });
    expect(t.names).toEqual(['x', 'code']);
    expect(num(t, 'x')).toEqual([NaN, 3]);
    expect(text(t, 'code')).toEqual(['0888', '0123']);
    expect((await readTable(file('d.tsv', 'a,b\tc\n1\t2\n'))).names).toEqual(['a,b', 'c']);
    expect((await readTable(file('d.txt', 'a|b\n1|2\n'), { delimiter: '|' })).meta.format).toBe('csv');
    const latin = file('l.csv', Uint8Array.from([...Buffer.from('n\n'), 0xe9, 0x80, 0x0a]));
    expect(text(await readTable(latin, { encoding: 'windows-1252' }), 'n')).toEqual(['é€']);
    await expect(readTable(latin)).rejects.toThrow(`${latin}: line 2, byte 1 (file offset 2): invalid UTF-8`);
  });

  it('reads .sav, .zsav and .dta (through the SPSS and Stata readers) as writeTable wrote them', async () => {
    const t = labelled();
    for (const ext of ['sav', 'zsav', 'dta']) {
      const p = join(dir, `l.${ext}`);
      await writeTable(t, p);
      const back = await readTable(p);
      expect(back.names, ext).toEqual(t.names);
      expect(num(back, 'sex'), ext).toEqual([1, 2, NaN, 2]);
      expect(num(back, 'born'), ext).toEqual([0, 19724, NaN, -1]);
      expect(text(back, 'isco'), ext).toEqual(['0110', '2211', null, 'x,"y"']);
      expect(back.meta.columns?.get('sex')?.valueLabels, ext).toEqual([{ value: 1, label: 'Male' }, { value: 2, label: 'Female' }]);
      const some = await readTable(p, { columns: ['isco', 'id'] });
      expect(some.names, ext).toEqual(['isco', 'id']);
    }
  });
});

describe('Arrow IPC', () => {
  const table = () =>
    new A.Table({
      f: A.vectorFromArray([1.5, null, -2], new A.Float64()),
      i: A.vectorFromArray([1, 2, null], new A.Int32()),
      big: A.vectorFromArray([1n, 2n ** 60n, null], new A.Int64()),
      small: A.vectorFromArray([1n, -2n, 3n], new A.Int64()),
      s: A.vectorFromArray(['a', null, 'ü'], new A.Utf8()),
      d: A.vectorFromArray(['x', 'y', 'x'], new A.Dictionary(new A.Utf8(), new A.Int32())),
      b: A.vectorFromArray([true, false, null], new A.Bool()),
      day: A.vectorFromArray([new Date(Date.UTC(2024, 0, 2)), null, new Date(0)], new A.DateDay()),
      ts: A.vectorFromArray([new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 500)), null, new Date(-1000)], new A.TimestampMillisecond()),
    });

  it('reads the file and stream formats (.arrow, .feather, .ipc) with types mapped as for Parquet', async () => {
    for (const [name, kind] of [['t.arrow', 'file'], ['t.feather', 'file'], ['t.ipc', 'stream']] as const) {
      const t = await readTable(file(name, A.tableToIPC(table(), kind)));
      expect(t.meta.format).toBe('arrow');
      expect(num(t, 'f')).toEqual([1.5, NaN, -2]);
      expect(num(t, 'i')).toEqual([1, 2, NaN]);
      expect(text(t, 'big')).toEqual(['1', '1152921504606846976', null]);
      expect(num(t, 'small')).toEqual([1, -2, 3]);
      expect(text(t, 's')).toEqual(['a', null, 'ü']);
      expect(text(t, 'd')).toEqual(['x', 'y', 'x']);
      expect(num(t, 'b')).toEqual([1, 0, NaN]);
      expect(num(t, 'day')).toEqual([19724, NaN, 0]);
      expect(t.meta.columns?.get('day')).toEqual({ type: 'date' });
      expect(num(t, 'ts')).toEqual([Date.UTC(2024, 0, 2, 3, 4, 5, 500) / 1000, NaN, -1]);
    }
  });

  it('reads many record batches, only the columns asked for; errors name the file', async () => {
    const batches = Array.from({ length: 5 }, (_, k) =>
      new A.Table({ x: A.vectorFromArray(Array.from({ length: 1000 }, (_, i) => k * 1000 + i), new A.Float64()), y: A.vectorFromArray(Array.from({ length: 1000 }, (_, i) => `l${(k * 1000 + i) % 3}`), new A.Utf8()) }),
    );
    const whole = batches.slice(1).reduce((a, b) => a.concat(b), batches[0]!);
    const p = file('many.arrow', A.tableToIPC(whole, 'file'));
    const t = await readTable(p, { columns: ['y', 'x'] });
    expect(t.names).toEqual(['y', 'x']);
    expect(t.nrows).toBe(5000);
    expect(num(t, 'x')[4321]).toBe(4321);
    expect((t.column('y') as { levels: readonly string[] }).levels).toEqual(['l0', 'l1', 'l2']);
    await expect(readTable(p, { columns: ['z'] })).rejects.toThrow(`${p}: no column "z"; columns are: x, y`);
    const bad = file('bad.feather', 'FEA1 not arrow');
    await expect(readTable(bad)).rejects.toThrow(`${bad}: byte 1: not an Arrow IPC file (it starts with 46 45 41 31 20 6E`);
    const cut = file('cut.arrow', A.tableToIPC(whole, 'file').subarray(0, 3000));
    await expect(readTable(cut)).rejects.toThrow(`${cut}: cannot read the Arrow file`);
    const list = file('list.arrow', A.tableToIPC(A.tableFromJSON([{ l: [1, 2] }]), 'file'));
    await expect(readTable(list)).rejects.toThrow(`${list}: column "l" has Arrow type`);
  });
});

describe('JSON and NDJSON', () => {
  it('reads an array of objects: keys in first-seen order, absent keys and null missing, numbers or text per column', async () => {
    const p = file('r.json', '\ufeff[{"id": 1, "code": "0888", "x": 1.5, "ok": true},\n {"id": 2, "x": "NA", "extra": "e", "ok": false},\n {"id": 3, "code": 12, "x": null}]');
    const t = await readTable(p);
    expect(t.names).toEqual(['id', 'code', 'x', 'ok', 'extra']);
    expect(num(t, 'id')).toEqual([1, 2, 3]);
    expect(text(t, 'code')).toEqual(['0888', null, '12']);
    expect(num(t, 'x')).toEqual([1.5, NaN, NaN]);
    expect(num(t, 'ok')).toEqual([1, 0, NaN]);
    expect(text(t, 'extra')).toEqual([null, 'e', null]);
    expect((await readTable(p, { columns: ['x', 'id'] })).names).toEqual(['x', 'id']);
  });

  it('streams NDJSON line by line (blank lines skipped), with the same typing', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i, s: i === 2500 ? 'late text' : i % 5, w: i / 7 }));
    const p = file('r.ndjson', rows.slice(0, 10).join('\r\n') + '\n\n' + rows.slice(10).join('\n'));
    const t = await readTable(p);
    expect(t.nrows).toBe(3000);
    expect(num(t, 'i')[2999]).toBe(2999);
    expect(text(t, 's').slice(0, 3)).toEqual(['0', '1', '2']);
    expect(text(t, 's')[2500]).toBe('late text');
    expect(num(t, 'w')[7]).toBe(1);
  });

  it('names the file, line and column of bad JSON', async () => {
    const cases: [string, string, string][] = [
      ['e.json', '', 'the file is empty'],
      ['o.json', '{"a": 1}', 'expected a JSON array of objects (one per row), found an object'],
      ['s.json', '[{"a": 1},\n {"a": 2,}]', 'line 2, column 10: invalid JSON'],
      ['n.json', '[{"a": 1}, {"a": {"b": 2}}]', 'row 2: key "a": an object is not read'],
      ['r.json', '[{"a": 1}, [1]]', 'row 2: expected an object'],
      ['l.ndjson', '{"a": 1}\n{"a": 2\n', 'line 2, column'],
      ['a.ndjson', '{"a": 1}\n\n[1, 2]\n', 'line 3: expected an object'],
      ['e.ndjson', '\n \n', 'the file is empty'],
    ];
    for (const [name, content, message] of cases) {
      const p = file(name, content);
      await expect(readTable(p), name).rejects.toThrow(`${p}: ${message}`);
    }
    const bad = file('u.ndjson', Uint8Array.from([...Buffer.from('{"a": "x"}\n{"a": "'), 0xff, ...Buffer.from('"}\n')]));
    await expect(readTable(bad)).rejects.toThrow(`${bad}: line 2, byte 8 (file offset 18): invalid UTF-8 (bytes 0xFF`);
    const badJson = file('u.json', Uint8Array.from([...Buffer.from('[\n{"a": "'), 0xc3, 0x28, ...Buffer.from('"}]')]));
    await expect(readTable(badJson)).rejects.toThrow(`${badJson}: line 2, byte 8 (file offset 9): invalid UTF-8`);
  });
});

describe('writeTable', () => {
  it('writes CSV with codes, full-precision numbers, ISO dates and empty missing; labels on request', async () => {
    const p = join(dir, 'w.csv');
    await writeTable(labelled(), p);
    expect(readFileSync(p, 'utf8')).toBe(
      'id,sex,born,w,isco\n1,1,1970-01-01,1.5,0110\n2,2,2024-01-02,0.30000000000000004,2211\n3,,,1e-7,\n4,2,1969-12-31,123456.789,"x,""y"""\n',
    );
    await writeTable(labelled(), p, { labels: true, columns: ['isco', 'sex'] });
    expect(readFileSync(p, 'utf8')).toBe('isco,sex\nCommissioned officers,Male\n2211,Female\n,\n"x,""y""",Female\n');
    const back = await readTable(join(dir, 'w.csv'));
    expect(text(back, 'sex')).toEqual(['Male', 'Female', null, 'Female']);
  });

  it('writes TSV, JSON and NDJSON', async () => {
    await writeTable(labelled(), join(dir, 'w.tsv'), { columns: ['id', 'isco'] });
    expect(readFileSync(join(dir, 'w.tsv'), 'utf8')).toBe('id\tisco\n1\t0110\n2\t2211\n3\t\n4\tx,"""y"""\n'.replace('x,"""y"""', '"x,""y"""'));
    await writeTable(labelled(), join(dir, 'w.json'), { labels: true });
    expect(JSON.parse(readFileSync(join(dir, 'w.json'), 'utf8'))).toEqual([
      { id: 1, sex: 'Male', born: '1970-01-01', w: 1.5, isco: 'Commissioned officers' },
      { id: 2, sex: 'Female', born: '2024-01-02', w: 0.30000000000000004, isco: '2211' },
      { id: 3, sex: null, born: null, w: 1e-7, isco: null },
      { id: 4, sex: 'Female', born: '1969-12-31', w: 123456.789, isco: 'x,"y"' },
    ]);
    await writeTable(labelled(), join(dir, 'w.ndjson'), { columns: ['w', 'sex'] });
    expect(readFileSync(join(dir, 'w.ndjson'), 'utf8')).toBe('{"w":1.5,"sex":1}\n{"w":0.30000000000000004,"sex":2}\n{"w":1e-7,"sex":null}\n{"w":123456.789,"sex":2}\n');
    const round = await readTable(join(dir, 'w.ndjson'));
    expect(num(round, 'w')).toEqual(num(labelled(), 'w'));
  });

  it('leaves no file (and the old one untouched) when a write fails part way', async () => {
    const p = join(dir, 'keep.csv');
    writeFileSync(p, 'old\n');
    const n = 100_000;
    const values = new Proxy(new Float64Array(n), {
      get(target, key) {
        if (key === '50000') throw new Error('disk on fire');
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const t = new Table(['x'], new Map([['x', { kind: 'number', values }]]), n, 'bad');
    for (const out of [p, join(dir, 'new.ndjson')]) await expect(writeTable(t, out)).rejects.toThrow('disk on fire');
    expect(readFileSync(p, 'utf8')).toBe('old\n');
    expect(existsSync(join(dir, 'new.ndjson'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await expect(writeTable(t, join(dir, 'x.xlsx'))).rejects.toThrow('unknown file extension ".xlsx": cannot tell the format to write');
  });
});
