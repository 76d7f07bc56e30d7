import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/errors.js';
import { readSav, readSavBatches, readSavInfo, SECONDS_PER_DAY, SPSS_EPOCH_OFFSET } from '../../src/io/sav.js';
import { writeSav } from '../../src/io/sav-writer.js';
import { type Column, type ColumnMeta, Table, encode } from '../../src/io/table.js';
import { available, itWith } from '../support/components.js';
import { SeededRandom } from '../support/random.js';

const root = new URL('../../', import.meta.url).pathname;
const dir = join(root, 'test/fixtures/io/sav');
const corpus = readdirSync(dir).filter((f) => /\.z?sav$/.test(f)).sort();
const hasReadstat = available('readstat', ['--version']);
const made: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'migstat-sav-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// readstat as the oracle

/** A copy readstat can open: .sav name (extract_metadata wants it), code page 819 (PSPP's ISO-8859-1) as 28591. */
function forReadstat(file: string): string {
  const bytes = Buffer.from(readFileSync(file));
  const at = findExtension(bytes, 3);
  if (at >= 0 && bytes.readInt32LE(at + 16 + 28) === 819) bytes.writeInt32LE(28591, at + 16 + 28);
  const out = join(tmp(), 'copy.sav');
  writeFileSync(out, bytes);
  return out;
}

/** Byte offset of the first extension record (type 7) of a subtype in a little-endian file, or -1. */
function findExtension(bytes: Buffer, subtype: number): number {
  const pattern = Buffer.alloc(12);
  pattern.writeInt32LE(7, 0);
  pattern.writeInt32LE(subtype, 4);
  pattern.writeInt32LE({ 3: 4, 4: 8, 11: 4, 16: 8 }[subtype] ?? 1, 8);
  return bytes.indexOf(pattern, 176);
}

function readstatCsv(file: string): string[][] {
  const out = join(tmp(), 'out.csv');
  const p = spawnSync('readstat', [forReadstat(file), out], { encoding: 'utf8' });
  expect(p.status, p.stderr).toBe(0);
  return Papa.parse<string[]>(readFileSync(out, 'utf8'), { header: false, skipEmptyLines: true }).data;
}

function readstatSummary(file: string): Record<string, string> {
  const p = spawnSync('readstat', [forReadstat(file)], { encoding: 'utf8' });
  expect(p.status, p.stderr).toBe(0);
  return Object.fromEntries(p.stdout.split('\n').filter((l) => l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
}

interface ExtractedVariable {
  type: 'NUMERIC' | 'STRING';
  name: string;
  format?: string;
  decimals?: number;
  label?: string;
  categories?: { code: number | string; label: string }[];
  missing?: { type: 'DISCRETE' | 'RANGE'; values?: number[]; low?: number | string; high?: number | string; 'discrete-value'?: number };
}

/** extract_metadata's JSON, or undefined where it stops at string missing values (a readstat 1.1.8 limitation). */
function extractMetadata(file: string): ExtractedVariable[] | undefined {
  const out = join(tmp(), 'meta.json');
  const p = spawnSync('extract_metadata', [forReadstat(file), out], { encoding: 'utf8' });
  if (p.status !== 0) {
    expect(p.stderr).toContain('only implemented double support for missing values');
    return undefined;
  }
  // It prints infinite range ends as bare inf / -inf.
  const text = readFileSync(out, 'utf8').replace(/: (-?inf)\b/g, ': "$1"');
  return (JSON.parse(text) as { variables: ExtractedVariable[] }).variables;
}

/** C's printf("%.<d>f", v): the exact binary value rounded half to even (toFixed rounds exact ties away from zero). */
function printfFixed(v: number, d: number): string {
  const bits = Buffer.alloc(8);
  bits.writeDoubleBE(v);
  const negative = (bits[0]! & 0x80) !== 0;
  const exponent = (bits.readUInt16BE(0) >> 4) & 0x7ff;
  let mantissa = bits.readBigUInt64BE(0) & 0xfffffffffffffn;
  let e = exponent - 1075;
  if (exponent === 0) e = -1074;
  else mantissa |= 1n << 52n;
  // |v| * 10^d = mantissa * 2^e * 10^d, rounded half to even.
  let q: bigint;
  const scaled = mantissa * 10n ** BigInt(d);
  if (e >= 0) q = scaled << BigInt(e);
  else {
    const den = 1n << BigInt(-e);
    q = scaled / den;
    const twice = 2n * (scaled % den);
    if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  }
  const digits = q.toString().padStart(d + 1, '0');
  const text = d === 0 ? digits : `${digits.slice(0, digits.length - d)}.${digits.slice(digits.length - d)}`;
  return negative ? `-${text}` : text;
}

/** A number as readstat's CSV writer prints it: %lf, or %.14f when more than 6 decimals matter. */
function readstatNumber(v: number): string {
  if (Number.isNaN(v)) return '';
  const fixed = (d: number): string => printfFixed(v, d);
  const s14 = fixed(14);
  const dot = s14.indexOf('.');
  let last = dot;
  for (let i = dot + 1; i < s14.length; i++) if (s14[i] !== '0') last = i;
  return last - dot <= 6 ? fixed(6) : s14;
}

/** A Table cell in the file's units (SPSS seconds for dates), as readstat prints it. */
function readstatCell(col: Column, meta: ColumnMeta | undefined, i: number): string {
  if (col.kind === 'category') return col.codes[i]! < 0 ? '' : col.levels[col.codes[i]!]!;
  const v = col.values[i]!;
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '' : String(v);
  if (meta?.type === 'date') return readstatNumber(v * SECONDS_PER_DAY + SPSS_EPOCH_OFFSET);
  if (meta?.type === 'datetime') return readstatNumber(v + SPSS_EPOCH_OFFSET);
  return readstatNumber(v);
}

/** Two long arrays of plain values are equal (fast; shows the first rows that differ). */
function expectSameArrays<T>(actual: readonly T[], expected: readonly T[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  const i = actual.findIndex((v, k) => v !== expected[k]);
  if (i >= 0) expect(actual.slice(i, i + 3), `${what}, from row ${i + 1}`).toEqual(expected.slice(i, i + 3));
}

/** Every cell of the table against readstat's CSV of the file. */
function expectCellsMatchReadstat(t: Table, file: string): void {
  const [header, ...rows] = readstatCsv(file);
  expect(header).toEqual(t.names);
  expect(rows.length).toBe(t.nrows);
  t.names.forEach((name, j) => {
    const col = t.column(name);
    const meta = t.meta.columns?.get(name);
    const mine = Array.from({ length: t.nrows }, (_, i) => readstatCell(col, meta, i));
    expectSameArrays(mine, rows.map((r) => r[j]!), `${file}: column ${name}`);
  });
}

/** Table metadata against extract_metadata's JSON. */
function expectMetaMatchesExtract(t: Table, vars: ExtractedVariable[], file: string): void {
  expect(vars.map((v) => v.name)).toEqual(t.names);
  for (const v of vars) {
    const m = t.meta.columns!.get(v.name)!;
    const where = `${file}: ${v.name}`;
    expect(v.type, where).toBe(m.type === 'string' ? 'STRING' : 'NUMERIC');
    expect(v.label, where).toBe(m.label);
    if (v.format === 'DATE' && !/^(WKDAY|MONTH)/.test(m.format!)) expect(m.type, where).toBe('date');
    else if (v.format === 'DATE_TIME') expect(m.type, where).toBe('datetime');
    else if (v.type === 'NUMERIC') expect(m.type, where).toBe('numeric');
    if (v.format === 'NUMBER' && m.format!.startsWith('F')) expect(v.decimals ?? 0, where).toBe(Number(m.format!.split('.')[1]));
    const toFile = (x: number): number => (m.type === 'date' ? x * SECONDS_PER_DAY + SPSS_EPOCH_OFFSET : m.type === 'datetime' ? x + SPSS_EPOCH_OFFSET : x);
    const labels = (m.valueLabels ?? []).map((l) => ({ code: typeof l.value === 'number' ? toFile(l.value) : l.value, label: l.label }));
    // extract_metadata (readstat 1.1.8) leaves out the value labels of strings wider than 8 bytes (record 7.21).
    if (m.type !== 'string' || m.width! <= 8) expect(labels.length, where).toBe(v.categories?.length ?? 0);
    else expect(v.categories, where).toBeUndefined();
    (v.categories ?? []).forEach((c, k) => {
      expect(labels[k]!.label, where).toBe(c.label);
      if (typeof c.code === 'number') expect(Math.abs((labels[k]!.code as number) - c.code), where).toBeLessThan(5e-7);
      else expect(labels[k]!.code, where).toBe(c.code);
    });
    const miss = m.missing;
    if (!v.missing) {
      expect(miss, where).toBeUndefined();
      continue;
    }
    const num = (x: number | string | undefined): number => (x === 'inf' ? Infinity : x === '-inf' ? -Infinity : Number(x));
    const close = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));
    if (v.missing.type === 'DISCRETE') {
      expect(miss?.range, where).toBeUndefined();
      const mine = (miss?.values ?? []).map((x) => toFile(x as number));
      expect(mine.length, where).toBe(v.missing.values!.length);
      mine.forEach((x, k) => expect(close(x, v.missing!.values![k]!), `${where}: ${x} vs ${v.missing!.values![k]}`).toBe(true));
    } else {
      const [lo, hi] = miss!.range!.map(toFile) as [number, number];
      expect(close(lo, num(v.missing.low)) && close(hi, num(v.missing.high)), `${where}: range`).toBe(true);
      const discrete = v.missing['discrete-value'];
      expect((miss!.values ?? []).map((x) => toFile(x as number)), where).toEqual(discrete === undefined ? [] : [expect.closeTo(discrete, 5)]);
    }
  }
}

/** Whether a cell is user-missing under the column's declaration (in Table units). */
function declaredMissing(meta: ColumnMeta | undefined, x: number | string): boolean {
  const m = meta?.missing;
  if (!m) return false;
  if (m.values?.includes(x)) return true;
  return typeof x === 'number' && m.range !== undefined && x >= m.range[0] && x <= m.range[1];
}

/** Plain values of a column (strings, numbers, null for missing), for deep comparisons. */
function plain(c: Column): (string | number | null)[] {
  return c.kind === 'number' ? Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)) : Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]!));
}

function expectSameTables(a: Table, b: Table, ignoreWidths = false): void {
  expect(b.names).toEqual(a.names);
  expect(b.nrows).toBe(a.nrows);
  for (const n of a.names) {
    expect(plain(b.column(n)), n).toEqual(plain(a.column(n)));
    const ma = { ...a.meta.columns?.get(n) };
    const mb = { ...b.meta.columns?.get(n) };
    if (ignoreWidths && ma.type === 'string') {
      delete ma.width;
      delete ma.format;
      delete mb.width;
      delete mb.format;
    }
    expect(mb, n).toEqual(ma);
  }
  expect(b.meta.fileLabel).toBe(a.meta.fileLabel);
}

interface HavenVariable {
  name: string;
  label: string | null;
  format: string;
  labels: { value: number | string; label: string }[] | null;
  na_values: (number | string)[] | null;
  na_range: (number | string)[] | null;
}
const havenMeta = JSON.parse(readFileSync(join(dir, 'haven_meta.json'), 'utf8')) as Record<string, { files: string[]; nrows: number; variables: HavenVariable[] }>;

// ---------------------------------------------------------------------------------------------------------------

describe('readSav on the corpus (R haven and GNU PSPP files) against readstat', () => {
  it('the corpus is there and small', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(19);
    const bytes = corpus.reduce((s, f) => s + readFileSync(join(dir, f)).length, 0);
    expect(bytes).toBeLessThan(1 << 20);
  });

  for (const f of corpus) {
    itWith('readstat', hasReadstat, `${f}: every cell and the dictionary as readstat reads them`, async () => {
      const file = join(dir, f);
      const t = await readSav(file, { userMissing: 'keep' });
      expectCellsMatchReadstat(t, file);
      const vars = extractMetadata(file);
      if (vars) expectMetaMatchesExtract(t, vars, f);
      else expect(f).toMatch(/^strmissing/);
      const summary = readstatSummary(file);
      expect(t.nrows).toBe(Number(summary.Rows));
      expect(t.names.length).toBe(Number(summary.Columns));
      expect(t.meta.fileLabel).toBe(summary['Table label']);
      expect(t.meta.format).toBe(f.endsWith('.zsav') ? 'zsav' : 'sav');
      const info = await readSavInfo(file);
      expect(info.compression).toBe({ rows: 'bytecode', binary: 'zsav' }[summary.Compression ?? ''] ?? 'none');
      expect(info.byteOrder).toBe('little');
      expect(t.meta.encoding).toBe(f.startsWith('latin1') ? 'iso-8859-1' : summary['Text encoding']!.toLowerCase());
    });
  }
});

describe('readSav on the corpus against haven_meta.json (R haven reading the same files)', () => {
  for (const [set, expected] of Object.entries(havenMeta)) {
    it(`${set}: labels, formats, value labels and user-missing declarations, in every compression`, async () => {
      for (const f of expected.files) {
        const t = await readSav(join(dir, f));
        expect(t.nrows).toBe(expected.nrows);
        expect(t.names).toEqual(expected.variables.map((v) => v.name));
        for (const v of expected.variables) {
          const m = t.meta.columns!.get(v.name)!;
          const where = `${f}: ${v.name}`;
          expect(m.label ?? null, where).toBe(v.label);
          expect(m.format, where).toBe(v.format);
          expect(m.valueLabels ?? null, where).toEqual(v.labels);
          expect(m.missing?.values ?? null, where).toEqual(v.na_values);
          const range = v.na_range?.map((x) => (x === 'Inf' ? Infinity : x === '-Inf' ? -Infinity : x));
          expect(m.missing?.range ?? null, where).toEqual(range ?? null);
        }
      }
    });
  }

  it('types, formats and widths: dates become days since 1970, date-times seconds, strings keep their byte width', async () => {
    const d = await readSav(join(dir, 'dates-byte.sav'));
    expect(d.meta.columns!.get('d')).toMatchObject({ type: 'date', format: 'DATE11', label: 'Interview date' });
    expect(d.meta.columns!.get('dt')).toMatchObject({ type: 'datetime', format: 'DATETIME20' });
    expect(d.meta.columns!.get('tm')).toMatchObject({ type: 'numeric', format: 'TIME8' });
    expect(plain(d.column('d'))).toEqual([0, 19782, -141428, -25508, null, 47846, -1]);
    expect(plain(d.column('dt'))).toEqual([0, 1709251199.5, -11676052800, null, 2147483648, -1, 961057800]);
    const t = await readSav(join(dir, 'text.zsav'));
    expect(t.meta.columns!.get('longutf8')).toMatchObject({ type: 'string', format: 'A800', width: 800 });
    expect(plain(t.column('longutf8')).slice(0, 3)).toEqual(['é'.repeat(400), `${'a'.repeat(251)}ü${'b'.repeat(300)}`, '中'.repeat(200)]);
    expect(plain(t.column('s')).slice(7, 13)).toEqual(['emoji 🎉', '', '', 'quote " and, comma', '  leading', 'trailing']);
    const p = await readSavInfo(join(dir, 'cp1252-byte.sav'));
    expect(p).toMatchObject({ weight: 'größe', compression: 'bytecode', byteOrder: 'little' });
    expect(p.product).toMatch(/^GNU pspp/);
    expect(p.documents[0]).toBe("DOCUMENT Fichier d'essai: accents é à ü ß ñ.");
    expect(p.meta.fileLabel).toBe('Données légales: € “œ” Š');
    expect(p.meta.columns!.get('amount')!.missing).toEqual({ values: [999], range: [-Infinity, -1] });
    // Long string value labels (record 7.21), which extract_metadata leaves out.
    expect(p.meta.columns!.get('name')!.valueLabels).toEqual([{ value: 'plain', label: 'Ordinaire, café € “œ” Š' }, { value: 'Chez', label: 'Chez nous' }]);
  });
});

describe('user-missing values', () => {
  it('become NaN / code -1 by default (as haven) and stay as values with userMissing: keep', async () => {
    for (const f of corpus) {
      const file = join(dir, f);
      const kept = await readSav(file, { userMissing: 'keep' });
      const dropped = await readSav(file);
      for (const n of kept.names) {
        const meta = kept.meta.columns!.get(n);
        const expected = plain(kept.column(n)).map((x) => (x !== null && declaredMissing(meta, x) ? null : x));
        expect(plain(dropped.column(n)), `${f}: ${n}`).toEqual(expected);
      }
    }
    const s = await readSav(join(dir, 'strmissing-byte.sav'));
    expect(plain(s.column('code'))).toEqual(['A1', null, 'B2', 'A1', null, null, 'B2', '']);
    expect(plain(s.column('country'))).toEqual(['Germany', 'United Kingdom', null, 'France', null, "Côte d'Ivoire", null, 'Germany']);
    const l = await readSav(join(dir, 'labelled.zsav'));
    expect(plain(l.column('income'))).toEqual([1200.5, null, null, 0, null, 3000, 250.25, null]);
    expect(plain(l.column('score'))).toEqual([5, null, null, 50, null, null, 100, null]);
  });
});

describe('encodings', () => {
  it('Windows-1252 and ISO-8859-1 files decode (record 7.20), also from the code page alone (7.3), or as told', async () => {
    const a = await readSav(join(dir, 'cp1252-byte.sav'));
    expect(a.meta.encoding).toBe('windows-1252');
    expect(plain(a.column('name'))[1]).toBe('Ñandú € “œ” Š');
    const l = await readSav(join(dir, 'latin1-byte.sav'));
    expect(l.meta.encoding).toBe('iso-8859-1');
    expect(plain(l.column('name'))[1]).toBe('Ñandú ¤ ± ½');
    expect(l.meta.fileLabel).toBe('Données légales: ¤ ± ½');
    // Without record 7.20 (its subtype renamed to an unknown one), the code page decides: 1252, and 819 for PSPP's Latin-1.
    for (const f of ['cp1252-byte.sav', 'latin1-byte.sav']) {
      const bytes = Buffer.from(readFileSync(join(dir, f)));
      const at = findExtension(bytes, 20);
      expect(at).toBeGreaterThan(0);
      bytes.writeInt32LE(99, at + 4);
      const copy = join(tmp(), f);
      writeFileSync(copy, bytes);
      const t = await readSav(copy);
      expectSameTables(await readSav(join(dir, f)), t);
      expect(t.meta.encoding).toBe(f.startsWith('cp') ? 'windows-1252' : 'iso-8859-1');
    }
    const forced = await readSav(join(dir, 'cp1252-byte.sav'), { encoding: 'iso-8859-1' });
    expect(plain(forced.column('name'))[1]).toBe('Ñandú \x80 \x93\x9c\x94 \x8a');
    await expect(readSav(join(dir, 'cp1252-byte.sav'), { encoding: 'no-such-encoding' })).rejects.toThrow(/no-such-encoding.*not supported/);
  });
});

describe('reading selected columns and in batches', () => {
  it('decodes only the requested columns, in the requested order; unknown names are errors listing the columns', async () => {
    const all = await readSav(join(dir, 'text-byte.sav'));
    const some = await readSav(join(dir, 'text-byte.sav'), { columns: ['yn', 'longutf8'] });
    expect(some.names).toEqual(['yn', 'longutf8']);
    expect([...some.columns.keys()]).toEqual(['yn', 'longutf8']);
    expect([...some.meta.columns!.keys()]).toEqual(['yn', 'longutf8']);
    expect(plain(some.column('longutf8'))).toEqual(plain(all.column('longutf8')));
    await expect(readSav(join(dir, 'text-byte.sav'), { columns: ['nope'] })).rejects.toThrow(/text-byte\.sav: no column "nope"; columns are: id, s, long300/);
  });

  it('reads files that do not say how many cases they hold (header -1, no record 7.16), in each compression', async () => {
    for (const f of ['labelled-none.sav', 'labelled-byte.sav', 'labelled.zsav']) {
      const bytes = Buffer.from(readFileSync(join(dir, f)));
      bytes.writeInt32LE(-1, 80);
      const at = findExtension(bytes, 16);
      expect(at).toBeGreaterThan(0);
      bytes.writeInt32LE(99, at + 4);
      const copy = join(tmp(), f);
      writeFileSync(copy, bytes);
      expect((await readSavInfo(copy)).nrows).toBe(-1);
      expectSameTables(await readSav(join(dir, f)), await readSav(copy));
    }
  });

  it('readSavBatches yields the same rows, with one dictionary shared across batches', async () => {
    for (const f of ['text-byte.sav', 'text-none.sav', 'text.zsav']) {
      const whole = await readSav(join(dir, f));
      const parts: Table[] = [];
      for await (const t of readSavBatches(join(dir, f), { batchRows: 4 })) parts.push(t);
      expect(parts.map((p) => p.nrows)).toEqual([4, 4, 4, 2]);
      for (const n of whole.names) {
        const last = parts[parts.length - 1]!.column(n);
        const joined = parts.flatMap((p) => {
          const c = p.column(n);
          return c.kind === 'number' ? plain(c) : Array.from(c.codes, (k) => (k < 0 ? null : (last as typeof c).levels[k]!));
        });
        expect(joined, `${f}: ${n}`).toEqual(plain(whole.column(n)));
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('writeSav', () => {
  const sources = ['numeric-byte.sav', 'labelled-byte.sav', 'strmissing-byte.sav', 'text-byte.sav', 'dates-byte.sav', 'cp1252-byte.sav', 'latin1-byte.sav'];
  const compressions = ['none', 'bytecode', 'zsav'] as const;

  it('round trip through the TypeScript reader: same cells and dictionary, for each compression', async () => {
    const out = tmp();
    for (const f of sources) {
      const t = await readSav(join(dir, f), { userMissing: 'keep' });
      for (const compression of compressions) {
        const path = join(out, `${f}.${compression}.sav`);
        await writeSav(t, path, { compression });
        const back = await readSav(path, { userMissing: 'keep' });
        expectSameTables(t, back, f.startsWith('cp') || f.startsWith('latin'));
        expect(back.meta.encoding).toBe('utf-8');
        expect(back.meta.format).toBe(compression === 'zsav' ? 'zsav' : 'sav');
        expect((await readSavInfo(path)).compression).toBe(compression);
      }
    }
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  for (const f of sources) {
    itWith('readstat', hasReadstat, `${f} read and written back: readstat reads the same cells and dictionary, for each compression`, async () => {
      const t = await readSav(join(dir, f), { userMissing: 'keep' });
      const original = readstatCsv(join(dir, f));
      const originalMeta = extractMetadata(join(dir, f));
      for (const compression of compressions) {
        const path = join(tmp(), `out.${compression === 'zsav' ? 'zsav' : 'sav'}`);
        await writeSav(t, path, { compression });
        expect(readstatCsv(path), `${f} ${compression}`).toEqual(original);
        const meta = extractMetadata(path);
        expect(meta, `${f} ${compression}`).toEqual(originalMeta);
        if (!meta) expectCellsMatchReadstat(await readSav(path, { userMissing: 'keep' }), path);
        const summary = readstatSummary(path);
        expect(summary['Text encoding']).toBe('UTF-8');
        expect(summary['Table label']).toBe(t.meta.fileLabel);
      }
    });
  }

  it('writes tables built in memory: missing codes of a text column become blanks declared missing, Inf round-trips', async () => {
    const t = new Table(
      ['id', 'x', 'when', 'at', 'cat', 'note'],
      new Map<string, Column>([
        ['id', { kind: 'number', values: Float64Array.from([1, 2, 3]) }],
        ['x', { kind: 'number', values: Float64Array.from([0.25, NaN, Infinity]) }],
        ['when', { kind: 'number', values: Float64Array.from([0, 19782, NaN]) }],
        ['at', { kind: 'number', values: Float64Array.from([1.5, -86400, NaN]) }],
        ['cat', encode(['a', null, 'ü'])],
        ['note', encode(['x'.repeat(700), 'y', null])],
      ]),
      3,
      'mem',
      {
        fileLabel: 'In memory',
        columns: new Map<string, ColumnMeta>([
          ['x', { label: 'X value', valueLabels: [{ value: 0.25, label: 'quarter' }], missing: { values: [-1], range: [90, Infinity] } }],
          ['when', { type: 'date' }],
          ['at', { type: 'datetime' }],
          ['cat', { valueLabels: [{ value: 'a', label: 'Letter A' }] }],
        ]),
      },
    );
    const path = join(tmp(), 'mem.sav');
    await writeSav(t, path);
    const back = await readSav(path);
    expect(plain(back.column('cat'))).toEqual(['a', null, 'ü']);
    expect(plain(back.column('note'))).toEqual(['x'.repeat(700), 'y', null]);
    expect(plain(back.column('x'))).toEqual([0.25, null, null]);
    expect(plain((await readSav(path, { userMissing: 'keep' })).column('x'))).toEqual([0.25, null, Infinity]);
    expect(plain(back.column('when'))).toEqual([0, 19782, null]);
    expect(plain(back.column('at'))).toEqual([1.5, -86400, null]);
    expect(back.meta.fileLabel).toBe('In memory');
    expect(back.meta.columns!.get('x')).toEqual({ label: 'X value', valueLabels: [{ value: 0.25, label: 'quarter' }], missing: { values: [-1], range: [90, Infinity] }, type: 'numeric', format: 'F8.2' });
    expect(back.meta.columns!.get('when')).toMatchObject({ type: 'date', format: 'DATE11' });
    expect(back.meta.columns!.get('at')).toMatchObject({ type: 'datetime', format: 'DATETIME23.2' });
    expect(back.meta.columns!.get('cat')).toEqual({ valueLabels: [{ value: 'a', label: 'Letter A' }], missing: { values: [''] }, type: 'string', format: 'A2', width: 2 });
    expect(back.meta.columns!.get('note')).toMatchObject({ type: 'string', format: 'A700', width: 700 });
  });

  it('writes an empty table, and names that share their first 8 bytes', async () => {
    const names = ['employment_status_main', 'employment_status_second', 'employment_status_third'];
    const empty = new Table(names, new Map<string, Column>(names.map((n) => [n, { kind: 'number', values: new Float64Array(0) }])), 0);
    for (const compression of compressions) {
      const path = join(tmp(), 'empty.sav');
      await writeSav(empty, path, { compression });
      const back = await readSav(path);
      expect(back.nrows).toBe(0);
      expect(back.names).toEqual(names);
    }
  });

  it('writes big-endian files that read the same (the layout code gives the byte order)', async () => {
    const t = await readSav(join(dir, 'labelled-byte.sav'), { userMissing: 'keep' });
    for (const compression of compressions) {
      const path = join(tmp(), 'big.sav');
      await writeSav(t, path, { compression, byteOrder: 'big' });
      expect(readFileSync(path).readInt32BE(64)).toBe(2);
      expect((await readSavInfo(path)).byteOrder).toBe('big');
      expectSameTables(t, await readSav(path, { userMissing: 'keep' }));
    }
  });

  itWith('readstat', hasReadstat, 'readstat reads the big-endian files the same', async () => {
    const t = await readSav(join(dir, 'labelled-byte.sav'), { userMissing: 'keep' });
    for (const compression of compressions) {
      const path = join(tmp(), 'big.sav');
      await writeSav(t, path, { compression, byteOrder: 'big' });
      expect(readstatCsv(path)).toEqual(readstatCsv(join(dir, 'labelled-byte.sav')));
      expect(extractMetadata(path)).toEqual(extractMetadata(join(dir, 'labelled-byte.sav')));
      expect(readstatSummary(path)['Byte order']).toBe('big-endian');
    }
  });

  describe('deterministic bytes', () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    afterEach(() => {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    });

    it('the same table gives the same bytes; the header date and time come from SOURCE_DATE_EPOCH (default 1970-01-01)', async () => {
      const t = await readSav(join(dir, 'text-byte.sav'), { userMissing: 'keep' });
      const out = tmp();
      for (const compression of compressions) {
        delete process.env.SOURCE_DATE_EPOCH;
        await writeSav(t, join(out, 'a.sav'), { compression });
        const a = readFileSync(join(out, 'a.sav'));
        expect(a.toString('latin1', 92, 109)).toBe('01 Jan 7000:00:00');
        process.env.SOURCE_DATE_EPOCH = '1700000000';
        await writeSav(t, join(out, 'b.sav'), { compression });
        await writeSav(t, join(out, 'c.sav'), { compression });
        const b = readFileSync(join(out, 'b.sav'));
        expect(b.equals(readFileSync(join(out, 'c.sav')))).toBe(true);
        expect(b.toString('latin1', 92, 109)).toBe('14 Nov 2322:13:20');
        expect(Buffer.concat([b.subarray(0, 92), b.subarray(109)]).equals(Buffer.concat([a.subarray(0, 92), a.subarray(109)]))).toBe(true);
        expect((await readSavInfo(join(out, 'b.sav'))).created).toBe('14 Nov 23 22:13:20');
      }
      process.env.SOURCE_DATE_EPOCH = 'yesterday';
      await expect(writeSav(t, join(out, 'd.sav'))).rejects.toThrow(/SOURCE_DATE_EPOCH.*yesterday/);
    });
  });

  it('refuses what SPSS cannot hold, naming the file and column, and leaves no file behind', async () => {
    const out = tmp();
    const path = join(out, 'bad.sav');
    const one = (name: string, col: Column, meta?: ColumnMeta, fileLabel?: string): Table =>
      new Table([name], new Map([[name, col]]), col.kind === 'number' ? col.values.length : col.codes.length, 'mem', {
        ...(meta ? { columns: new Map([[name, meta]]) } : {}),
        ...(fileLabel ? { fileLabel } : {}),
      });
    const num: Column = { kind: 'number', values: Float64Array.from([1, 2]) };
    await expect(writeSav(one('1abc', num), path)).rejects.toThrow(/bad\.sav: column "1abc": not a valid SPSS variable name/);
    await expect(writeSav(one('a b', num), path)).rejects.toThrow(InputError);
    await expect(writeSav(one('BY', num), path)).rejects.toThrow(/reserved word/);
    await expect(writeSav(one('x', num, { missing: { values: [1, 2, 3, 4] } }), path)).rejects.toThrow(/column "x": SPSS allows at most 3 discrete missing values/);
    await expect(writeSav(one('x', num, { missing: { values: [1, 2], range: [5, 6] } }), path)).rejects.toThrow(/a range and 1 discrete value/);
    await expect(writeSav(one('x', num, { valueLabels: [{ value: 'a', label: 'A' }] }), path)).rejects.toThrow(/"a" is text, but the column is numeric/);
    await expect(writeSav(one('s', encode(['a']), { missing: { values: ['too long a value'] } }), path)).rejects.toThrow(/at most 8 bytes/);
    await expect(writeSav(one('s', encode(['a']), { missing: { range: [1, 2] } }), path)).rejects.toThrow(/range of missing values/);
    await expect(writeSav(one('s', encode(['x'.repeat(40000)])), path)).rejects.toThrow(/at most 32 767 bytes/);
    await expect(writeSav(one('x', num, undefined, 'L'.repeat(65)), path)).rejects.toThrow(/file label is 65 bytes/);
    const dup = new Table(['a', 'A'], new Map([['a', num], ['A', num]]), 2);
    await expect(writeSav(dup, path)).rejects.toThrow(/column "A": SPSS names ignore case/);
    expect(readdirSync(out)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('a 100 000-row file made at test time', () => {
  const n = 100_000;
  const rng = new SeededRandom(20240607);
  const x = Float64Array.from({ length: n }, () => (rng.next() < 0.05 ? NaN : (rng.next() - 0.5) * 1e4));
  const age = Float64Array.from({ length: n }, () => 15 + rng.below(70));
  const status = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? null : ['employed', 'unemployed', 'outside', 'Ausländer/in'][rng.below(4)]!));
  const place = Array.from({ length: n }, (_, i) => `place ${i % 4999}${i % 3 ? ` ${'ß'.repeat(i % 3)}` : ''}`);
  const when = Float64Array.from({ length: n }, (_, i) => (i % 50 === 0 ? NaN : 10000 + (i % 9000)));
  const remark = Array.from({ length: n }, (_, i) => (i % 1000 === 0 ? `${'long remark '.repeat(30)}${i}` : ''));
  const table = new Table(
    ['id', 'x', 'age', 'status', 'place', 'when', 'remark'],
    new Map<string, Column>([
      ['id', { kind: 'number', values: Float64Array.from({ length: n }, (_, i) => i + 1) }],
      ['x', { kind: 'number', values: x }],
      ['age', { kind: 'number', values: age }],
      ['status', encode(status)],
      ['place', encode(place)],
      ['when', { kind: 'number', values: when }],
      ['remark', encode(remark)],
    ]),
    n,
    'generated',
    { columns: new Map<string, ColumnMeta>([['when', { type: 'date', label: 'Interview date' }], ['age', { missing: { range: [80, Infinity] } }]]) },
  );
  const out = tmp();

  it('writes, reads back whole, by selected columns and in batches, in each compression (zsav in many blocks)', async () => {
    for (const compression of ['bytecode', 'none', 'zsav'] as const) {
      const path = join(out, `big-${compression}.sav`);
      await writeSav(table, path, { compression, zsavBlockSize: 1 << 16 });
      const back = await readSav(path);
      expect(back.nrows).toBe(n);
      for (const name of table.names) {
        const expected = name === 'age' ? Array.from(age, (a) => (a >= 80 ? null : a)) : plain(table.column(name));
        expectSameArrays(plain(back.column(name)), expected, `${compression}: ${name}`);
      }
      // The missing status codes were written blank, with blank declared missing.
      expect(back.meta.columns!.get('status')!.missing).toEqual({ values: [''] });
      const some = await readSav(path, { columns: ['place', 'age'] });
      expect(some.names).toEqual(['place', 'age']);
      expectSameArrays(plain(some.column('place')), place, 'place');
      expectSameArrays(plain(some.column('age')), Array.from(age, (a) => (a >= 80 ? null : a)), 'age');
      const c = some.column('place');
      expect(c.kind === 'category' && c.levels.length).toBe(4999 * 3);
      let rows = 0;
      for await (const batch of readSavBatches(path, { columns: ['x'], batchRows: 30_000 })) {
        expectSameArrays(plain(batch.column('x')), plain({ kind: 'number', values: x.subarray(rows, rows + batch.nrows) }), `x from row ${rows + 1}`);
        rows += batch.nrows;
      }
      expect(rows).toBe(n);
    }
    // The zsav has many zlib blocks: the trailer (found through the zlib header after the 999 record) counts them.
    const z = readFileSync(join(out, 'big-zsav.sav'));
    const zheader = z.indexOf(Buffer.from([0xe7, 0x03, 0, 0, 0, 0, 0, 0])) + 8;
    expect(Number(z.readBigInt64LE(zheader))).toBe(zheader);
    expect(z.readInt32LE(Number(z.readBigInt64LE(zheader + 8)) + 20)).toBeGreaterThan(10);
  }, 60_000);

  itWith('readstat', hasReadstat, 'readstat reads every cell of the generated files', async () => {
    for (const compression of ['bytecode', 'zsav'] as const) {
      const path = join(out, `rs-${compression}.sav`);
      await writeSav(table, path, { compression, zsavBlockSize: 1 << 16 });
      expectCellsMatchReadstat(await readSav(path, { userMissing: 'keep' }), path);
    }
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------------

describe('bad input: clear errors naming the file and the byte', () => {
  const out = tmp();
  const variant = (name: string, bytes: Buffer): string => {
    const p = join(out, name);
    writeFileSync(p, bytes);
    return p;
  };
  const file = (f: string): Buffer => Buffer.from(readFileSync(join(dir, f)));

  it('a missing file, an empty file, a file that is not a system file', async () => {
    await expect(readSav(join(out, 'none.sav'))).rejects.toThrow(/none\.sav: cannot read the file \(ENOENT\)/);
    await expect(readSav(variant('empty.sav', Buffer.alloc(0)))).rejects.toThrow(/empty\.sav: the file is empty/);
    const csv = variant('data.sav', Buffer.from('id,x\n1,2\n'));
    await expect(readSav(csv)).rejects.toThrow(InputError);
    await expect(readSav(csv)).rejects.toThrow(/data\.sav: not an SPSS system file: the first bytes \(byte 0\) are "id,x", expected "\$FL2" \(\.sav\) or "\$FL3" \(\.zsav\)/);
    await expect(readSav(variant('x.sav', Buffer.from('PK\x03\x04rest of a zip file', 'latin1')))).rejects.toThrow(/ZIP archive/);
    const bad = file('numeric-byte.sav');
    bad.writeInt32LE(7, 64);
    await expect(readSav(variant('layout.sav', bad))).rejects.toThrow(/layout\.sav: the file header's layout code at byte 64 is 7, expected 2 or 3/);
  });

  it('truncated header, dictionary and data, in each compression', async () => {
    await expect(readSav(variant('h.sav', file('numeric-byte.sav').subarray(0, 100)))).rejects.toThrow(/h\.sav: truncated file: the file header record .* needs 176 bytes at byte 0, but the file ends at byte 100/);
    await expect(readSav(variant('d.sav', file('numeric-byte.sav').subarray(0, 300)))).rejects.toThrow(/d\.sav: truncated file: the variable record \(type 2\) that starts at byte \d+ needs \d+ bytes at byte \d+, but the file ends at byte 300/);
    for (const f of ['numeric-none.sav', 'numeric-byte.sav', 'text-byte.sav']) {
      const whole = file(f);
      const cut = variant(`cut-${f}`, whole.subarray(0, whole.length - 20));
      await expect(readSav(cut), f).rejects.toThrow(new RegExp(`cut-${f.replace('.', '\\.')}: truncated data: .*byte \\d+`));
    }
    const z = file('numeric.zsav');
    await expect(readSav(variant('cut.zsav', z.subarray(0, z.length - 10)))).rejects.toThrow(/cut\.zsav: truncated file: the zlib trailer \(\d+ bytes at byte \d+, per the header at byte \d+\) lies beyond the end of the file/);
  });

  it('corrupt data: a zlib block that does not inflate, a header announcing more cases than there are', async () => {
    const z = file('text.zsav');
    const info = await readSavInfo(join(dir, 'text.zsav'));
    expect(info.nrows).toBe(14);
    // The first block starts right after the 24-byte zlib header, which follows the dictionary.
    const zheader = z.indexOf(Buffer.from([0xe7, 0x03, 0, 0, 0, 0, 0, 0])) + 8;
    z.fill(0xff, zheader + 24 + 2, zheader + 24 + 40);
    await expect(readSav(variant('corrupt.zsav', z))).rejects.toThrow(/corrupt\.zsav: the zlib block 1 of 1 \(at byte \d+, \d+ bytes, trailer entry at byte \d+\) does not inflate/);
    const more = file('numeric-byte.sav');
    more.writeInt32LE(1000, 80);
    await expect(readSav(variant('more.sav', more))).rejects.toThrow(/more\.sav: truncated data: the header announces 1000 cases, which take at least \d+ bytes from byte \d+, but the file ends at byte \d+/);
    const fewer = file('numeric-byte.sav');
    fewer.writeInt32LE(11, 80);
    await expect(readSav(variant('fewer.sav', fewer))).rejects.toThrow(/fewer\.sav: truncated data: the compressed data ends at byte \d+ after 10 cases of the 11 the header announces/);
  });

  it('an unknown record type, inconsistent compression', async () => {
    const u = file('numeric-byte.sav');
    u.writeInt32LE(5, 176);
    await expect(readSav(variant('unknown.sav', u))).rejects.toThrow(/unknown\.sav: unknown record type 5 at byte 176/);
    const c = file('numeric-byte.sav');
    c.writeInt32LE(2, 72);
    await expect(readSav(variant('fl2.sav', c))).rejects.toThrow(/fl2\.sav: inconsistent compression: the file starts with "\$FL2" but the header's compression code at byte 72 is 2/);
    const z = file('numeric.zsav');
    z.writeInt32LE(1, 72);
    await expect(readSav(variant('fl3.zsav', z))).rejects.toThrow(/fl3\.zsav: inconsistent compression: the file starts with "\$FL3" but the header's compression code at byte 72 is 1/);
    const k = file('numeric-byte.sav');
    k.writeInt32LE(9, 72);
    await expect(readSav(variant('code.sav', k))).rejects.toThrow(/code\.sav: the file header's compression code at byte 72 is 9/);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('the corpus scripts reproduce the committed corpus', () => {
  const readAll = async (d: string, files: readonly string[]): Promise<Table[]> => Promise.all(files.map((f) => readSav(join(d, f), { userMissing: 'keep' })));

  itWith('R with haven and jsonlite', available('Rscript', ['-e', 'library(haven); library(jsonlite)']), 'test/fixtures/r/sav_corpus.R writes files that read the same', async () => {
    const out = tmp();
    const p = spawnSync('Rscript', ['test/fixtures/r/sav_corpus.R'], { cwd: root, encoding: 'utf8', env: { ...process.env, SAV_CORPUS_OUT: out } });
    expect(p.status, p.stderr).toBe(0);
    const files = Object.values(havenMeta).flatMap((s) => s.files);
    expect(readdirSync(out).filter((f) => /\.z?sav$/.test(f)).sort()).toEqual([...files].sort());
    const [fresh, committed] = [await readAll(out, files), await readAll(dir, files)];
    fresh.forEach((t, i) => expectSameTables(committed[i]!, t));
    expect(JSON.parse(readFileSync(join(out, 'haven_meta.json'), 'utf8'))).toEqual(havenMeta);
  }, 120_000);

  itWith('GNU PSPP', available('pspp', ['--version']), 'test/fixtures/io/sav/make-legacy.sh writes files that read the same', async () => {
    const out = tmp();
    const p = spawnSync('sh', ['test/fixtures/io/sav/make-legacy.sh'], { cwd: root, encoding: 'utf8', env: { ...process.env, SAV_LEGACY_OUT: out } });
    expect(p.status, p.stderr + p.stdout).toBe(0);
    const files = ['cp1252-byte.sav', 'cp1252-none.sav', 'cp1252.zsav', 'latin1-byte.sav'];
    expect(readdirSync(out).sort()).toEqual(files);
    const [fresh, committed] = [await readAll(out, files), await readAll(dir, files)];
    fresh.forEach((t, i) => expectSameTables(committed[i]!, t));
  }, 120_000);

});
