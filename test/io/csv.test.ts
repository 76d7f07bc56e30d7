import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, readCsv, readCsvStream } from '../../src/io/csv.js';
import { type Column, type Table, encode } from '../../src/io/table.js';
import { SeededRandom } from '../support/random.js';

const uniform = (seed: number) => {
  const r = new SeededRandom(seed);
  return () => r.next();
};

const dir = mkdtempSync(join(tmpdir(), 'migstat-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('parseCsv', () => {
  it('types columns: numbers when every value is a number, codes stay text with leading zeros; NA and empty are missing', () => {
    const t = parseCsv('\ufeffid,code,x,s\n1,0888,1.5,a\n2,0123,NA,\n3,9,-2e3,b\n', 'mem.csv');
    expect(t.names).toEqual(['id', 'code', 'x', 's']);
    expect(t.column('x')).toMatchObject({ kind: 'number' });
    expect(Array.from((t.column('x') as { values: Float64Array }).values)).toEqual([1.5, NaN, -2000]);
    expect(t.column('code')).toMatchObject({ kind: 'category', levels: ['0888', '0123', '9'] });
    const s = t.column('s') as { codes: Int32Array; levels: readonly string[] };
    expect(Array.from(s.codes)).toEqual([0, -1, 1]);
    const c2 = parseCsv('code\n0888\nA1\n', 'mem.csv').column('code') as { levels: readonly string[] };
    expect(c2.levels).toEqual(['0888', 'A1']);
  });

  it('detects the delimiter and reads quoted fields', () => {
    const t = parseCsv('a;b\n"x;y";2\n', 'mem.csv');
    expect((t.column('a') as { levels: readonly string[] }).levels).toEqual(['x;y']);
  });

  it('names the file and line of bad input', () => {
    expect(() => parseCsv('', 'e.csv')).toThrow('e.csv: the file is empty');
    expect(() => parseCsv('a,a\n1,2\n', 'd.csv')).toThrow('d.csv: line 1: column name "a" appears twice (columns 1 and 2)');
    expect(() => parseCsv('a,b\n1,2,3\n', 'r.csv')).toThrow('r.csv: line 2: 3 fields, expected 2');
    expect(() => parseCsv('a,b\n"1,2\n', 'q.csv')).toThrow(/q.csv: line \d+: .*[Qq]uote/);
    expect(() => parseCsv('a\n1\n', 'x.csv').column('b')).toThrow('x.csv: no column "b"; columns are: a');
  });
});

/** The first reader (papaparse over the whole text, then the typing rule), kept as the oracle of the streaming one. */
function oracle(text: string, delimiter: string): Table {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true, delimiter });
  const [header, ...rows] = parsed.data;
  const names = header!.map((h) => h.trim());
  const columns = new Map<string, Column>();
  names.forEach((name, j) => {
    const raw = rows.map((r) => (['NA', ''].includes(r[j]!.trim()) ? null : r[j]!));
    const numeric = raw.every((v) => v === null || (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.trim()) && !/^[-+]?0\d/.test(v.trim())));
    columns.set(name, numeric ? { kind: 'number', values: Float64Array.from(raw, (v) => (v === null ? NaN : Number(v))) } : encode(raw));
  });
  return { names, columns, nrows: rows.length } as unknown as Table;
}

/** Plain arrays of a table, for comparison. */
function plain(t: Table) {
  return {
    names: t.names,
    nrows: t.nrows,
    columns: t.names.map((n) => {
      const c = t.columns.get(n)!;
      return c.kind === 'number' ? { kind: c.kind, values: Array.from(c.values) } : { kind: c.kind, codes: Array.from(c.codes), levels: c.levels };
    }),
  };
}

const VALUES = [
  '1', '12', '-3', '4.25', '-3.50', '1e3', '2.5E-2', '.5', '5.', '0', '-0', '+4', ' 7 ', '0.000001', '0.0000001', '123456789012345',
  '1234567890123456', '9007199254740993.5', '1e400', '0888', '007', '-01', 'a', 'x y', 'é', 'São Paulo', 'NA', '', ' ', 'N/A', '1,5',
  'say "hi"', 'two\nlines', 'tab\there', 'Inf',
];

function randomCsv(u: () => number, delimiter: string, newline: string): string {
  const ncol = 1 + Math.floor(u() * 4);
  const nrow = Math.floor(u() * 9);
  const kinds = Array.from({ length: ncol }, () => u());
  const field = (col: number): string => {
    // Columns lean numeric, textual or mixed, so that columns switch from numbers to text at various rows.
    const k = kinds[col]!;
    let v = VALUES[Math.floor(u() * (k < 0.4 ? 20 : VALUES.length))]!;
    if (k < 0.2 && u() < 0.15) v = (u() * 2000 - 1000).toFixed(Math.floor(u() * 5));
    const needs = v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r') || v.startsWith(' ');
    return needs || u() < 0.1 ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines = [Array.from({ length: ncol }, (_, j) => `c${j}`).join(delimiter)];
  for (let i = 0; i < nrow; i++) {
    const line = Array.from({ length: ncol }, (_, j) => field(j)).join(delimiter);
    lines.push(line === '' || line === '""' ? 'NA' : line); // an empty line is skipped (and papaparse skips `""` too)
  }
  return (u() < 0.2 ? '\ufeff' : '') + lines.join(newline) + (u() < 0.7 ? newline : '');
}

describe('streaming CSV reader', () => {
  it('agrees with the first reader (papaparse + the typing rule) on random files, at any chunk size', () => {
    const u = uniform(20240607);
    for (let trial = 0; trial < 400; trial++) {
      const delimiter = [',', ';', '\t', '|'][trial % 4]!;
      const newline = trial % 3 === 0 ? '\r\n' : '\n';
      const text = randomCsv(u, delimiter, newline);
      const want = plain(oracle(text, delimiter));
      // Integers beyond 2^53 are text now (the first reader took them as inexact numbers).
      const bigInteger = text.includes('1234567890123456' + delimiter) || /1234567890123456(\r?\n|$)/.test(text);
      for (const chunkBytes of [1, 2, 3, 7, 64, 1 << 20]) {
        const got = plain(parseCsv(text, `t${trial}.csv`, { delimiter, chunkBytes }));
        if (bigInteger) expect(got.nrows, text).toBe(want.nrows);
        else expect(got, `trial ${trial}, chunk ${chunkBytes}:\n${text}`).toEqual(want);
      }
    }
  });

  it('reads files the same synchronously, streaming, and from memory; column projection keeps the order asked for', async () => {
    const u = uniform(7);
    const rows = ['id,code,x,label'];
    for (let i = 0; i < 5000; i++) rows.push(`${i},${String(Math.floor(u() * 100)).padStart(3, '0')},${(u() * 100).toFixed(3)},"l ${i % 7}, x"`);
    const text = rows.join('\n') + '\n';
    const p = file('big.csv', text);
    const mem = plain(parseCsv(text, p));
    expect(plain(readCsv(p, { chunkBytes: 4096 }))).toEqual(mem);
    expect(plain(await readCsvStream(p, { chunkBytes: 1000 }))).toEqual(mem);
    const some = await readCsvStream(p, { columns: ['x', 'id'] });
    expect(some.names).toEqual(['x', 'id']);
    expect(plain(some).columns).toEqual([mem.columns[2], mem.columns[0]]);
    expect(some.meta).toMatchObject({ format: 'csv', encoding: 'utf-8' });
    await expect(readCsvStream(p, { columns: ['nope'] })).rejects.toThrow(`${p}: no column "nope"; columns are: id, code, x, label`);
  });

  it('turns a numeric column into text when text comes, keeping the text of the earlier numbers as written', async () => {
    const body = Array.from({ length: 3000 }, (_, i) => `${i % 10},${(i % 10).toFixed(2)},${i % 4 === 0 ? 'NA' : i}`);
    const text = `a,b,c\n${body.join('\n')}\nX,Y,Z\n`;
    const p = file('switch.csv', text);
    for (const t of [parseCsv(text, 'm.csv', { chunkBytes: 999 }), readCsv(p, { chunkBytes: 4096 }), await readCsvStream(p)]) {
      const a = t.column('a');
      const b = t.column('b');
      expect(a.kind === 'category' && a.levels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
      // "1.00" is not how 1 prints: its text is read again from the file.
      expect(b.kind === 'category' && b.levels.slice(0, 3)).toEqual(['0.00', '1.00', '2.00']);
      expect(b.kind === 'category' && b.levels.at(-1)).toBe('Y');
      const c = t.column('c');
      expect(c.kind === 'category' && [c.codes[0], c.levels[c.codes[1]!], c.levels[c.codes[3000]!]]).toEqual([-1, '1', 'Z']);
    }
  });

  it('keeps integers beyond 2^53 as text (identifiers), and reads the `na` strings as missing', () => {
    const t = parseCsv('id,x\n12345678901234567,-9\n2,3\n', 'm.csv', { na: ['-9', ''] });
    expect(t.column('id')).toMatchObject({ kind: 'category', levels: ['12345678901234567', '2'] });
    expect(Array.from((t.column('x') as { values: Float64Array }).values)).toEqual([NaN, 3]);
    // Without '' among the missing strings an empty field is a value (text).
    expect(parseCsv('x\n1\n""\n', 'm.csv', { na: ['NA'] }).column('x')).toMatchObject({ kind: 'category', levels: ['1', ''] });
  });

  it('detects , ; tab | and takes tab for TSV; reads CRLF and CR line ends; skips blank lines', () => {
    expect(parseCsv('a\tb\n1\t2\n', 'm.tsv').names).toEqual(['a', 'b']);
    expect(parseCsv('a|b|c\n1|2|3\n', 'm.txt').names).toEqual(['a', 'b', 'c']);
    expect(parseCsv('a;b\n1,5;2,5\n', 'm.csv').names).toEqual(['a', 'b']);
    expect(parseCsv('a,b c\n1,2\n', 'm.tsv', { format: 'tsv' }).names).toEqual(['a,b c']);
    const crlf = parseCsv('\r\n\r\na,b\r\n1,"x\r\ny"\r\n\r\n2,z\r\n', 'm.csv');
    expect(crlf.nrows).toBe(2);
    expect((crlf.column('b') as { levels: readonly string[] }).levels).toEqual(['x\r\ny', 'z']);
    const cr = parseCsv('a,b\r1,2\r3,4\r', 'm.csv');
    expect(Array.from((cr.column('b') as { values: Float64Array }).values)).toEqual([2, 4]);
    expect(() => parseCsv('a,b\n1,2\n3\n', 'm.csv')).toThrow('m.csv: line 3: 1 fields, expected 2 as in the header');
  });

  it('decodes Latin-1 / Windows-1252 when told, and names the line and byte of invalid UTF-8', () => {
    const latin = Uint8Array.from([...Buffer.from('name,v\nS'), 0xe3, ...Buffer.from('o,1\n'), 0x80, ...Buffer.from(',2\n')]);
    const t = parseCsv(latin, 'l.csv', { encoding: 'latin1' });
    expect((t.column('name') as { levels: readonly string[] }).levels).toEqual(['São', '€']);
    expect(t.meta.encoding).toBe('windows-1252');
    expect(() => parseCsv(latin, 'l.csv')).toThrow('l.csv: line 2, byte 2 (file offset 8): invalid UTF-8 (bytes 0xE3 0x6F 0x2C 0x31)');
    expect(() => parseCsv(latin, 'l.csv', { encoding: 'utf-16le' })).toThrow('not supported');
    expect(() => parseCsv(latin, 'l.csv', { encoding: 'klingon' })).toThrow('unknown encoding "klingon"');
  });

  it('stops with the file, line and reason on NUL bytes, bad quotes, bad headers and overlong lines', () => {
    const nul = Uint8Array.from([...Buffer.from('a,b\n1,2\n3,'), 0, ...Buffer.from('\n')]);
    expect(() => parseCsv(nul, 'n.csv')).toThrow('n.csv: line 3, byte 3 (file offset 10): NUL byte (0x00)');
    expect(() => parseCsv('a,b\n1,"x"y\n', 'q.csv')).toThrow('q.csv: line 2: field 2: text after the closing quote');
    expect(() => parseCsv('a,b\n1,2\n3,"4\n5,6\n', 'q.csv')).toThrow('q.csv: line 3: field 2: unterminated quote');
    expect(() => parseCsv('a,,c\n1,2,3\n', 'h.csv')).toThrow('h.csv: line 1, column 2: empty column name');
    expect(() => parseCsv('a,b\n' + 'x'.repeat(5000), 'l.csv', { maxLineBytes: 1000, chunkBytes: 256 })).toThrow(
      'l.csv: line 2: no line end within 1000 bytes',
    );
    expect(() => parseCsv('a,b\n1,"' + 'x'.repeat(5000), 'l.csv', { maxLineBytes: 1000, chunkBytes: 256 })).toThrow(
      'l.csv: line 2: a quoted field runs on for more than 1000 bytes without its closing quote',
    );
    expect(() => parseCsv(Uint8Array.from([0xff, 0xfe, 0x61, 0]), 'u.csv')).toThrow('u.csv: the file is UTF-16 text');
    expect(() => parseCsv(' \n\n', 'e.csv')).toThrow('e.csv: the file is empty');
    expect(() => readCsv(join(dir, 'missing.csv'))).toThrow(`${join(dir, 'missing.csv')}: cannot read the file (ENOENT)`);
  });

  it('reads a header-only file as zero rows; a line `""` is a row with an empty value, an empty line none', () => {
    const t = parseCsv('a,b\n', 'h.csv');
    expect([t.nrows, t.names]).toEqual([0, ['a', 'b']]);
    const one = parseCsv('a\n1\n""\n\n2\n', 'h.csv');
    expect(Array.from((one.column('a') as { values: Float64Array }).values)).toEqual([1, NaN, 2]);
  });
});
