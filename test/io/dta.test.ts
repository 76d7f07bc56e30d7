import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDta } from '../../src/io/dta.js';
import { textDecoder } from '../../src/io/encoding.js';
import { sourceDateEpoch, stataTimestamp, writeDta } from '../../src/io/dta-writer.js';
import { InputError } from '../../src/io/errors.js';
import { type CategoryColumn, type Column, type ColumnMeta, type NumberColumn, Table, tableFromArrays } from '../../src/io/table.js';
import { available, itWith } from '../support/components.js';

const root = new URL('../../', import.meta.url).pathname;
const CORPUS = join(root, 'test/fixtures/io/dta');
const READSTAT = available('readstat', ['--version']);
const R_HAVEN = available('Rscript', ['-e', 'library(haven)']);
const tmp = (): string => mkdtempSync(join(tmpdir(), 'migstat-dta-'));

const HAVEN = ['haven_113.dta', 'haven_114.dta', 'haven_115.dta', 'haven_117.dta', 'haven_118.dta', 'haven_119.dta'];
const LEGACY = ['latin1_114.dta', 'latin1_115.dta', 'latin1_117.dta'];
const CORPUS_FILES = [...HAVEN, ...LEGACY, 'float_118.dta'];

const num = (t: Table, name: string): Float64Array => (t.column(name) as NumberColumn).values;
const text = (c: Column): (string | null)[] => {
  const k = c as CategoryColumn;
  return Array.from(k.codes, (x) => (x < 0 ? null : k.levels[x]!));
};
const cp1252 = textDecoder('windows-1252');

// ---------------------------------------------------------------------------------------------------------------
// readstat as the oracle: `readstat f.dta -` prints CSV; `readstat f.dta` a summary; `extract_metadata` JSON.
// ---------------------------------------------------------------------------------------------------------------

interface Readstat {
  readonly names: string[];
  /** Raw bytes of each field (readstat writes text as the bytes it has: UTF-8, or for a pre-118 strL the file's own). */
  readonly rows: Buffer[][];
}

function readstatCsv(file: string): Readstat {
  const p = spawnSync('readstat', [file, '-'], { maxBuffer: 1 << 30 });
  expect(p.status, p.stderr.toString()).toBe(0);
  const parsed = Papa.parse<string[]>(p.stdout.toString('latin1'), { header: false, skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return {
    names: header!.map((h) => Buffer.from(h, 'latin1').toString('utf8')),
    rows: rows.map((r) => r.map((f) => Buffer.from(f, 'latin1'))),
  };
}

function readstatSummary(file: string): Record<string, string> {
  const p = spawnSync('readstat', [file], { encoding: 'utf8' });
  expect(p.status, p.stderr).toBe(0);
  return Object.fromEntries(p.stdout.split('\n').filter((l) => l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
}

interface MetaVar {
  type: 'NUMERIC' | 'STRING';
  name: string;
  format?: string;
  label?: string;
  categories?: { code: number | string; label: string }[];
}

function extractMetadata(file: string): MetaVar[] {
  const out = join(tmp(), 'meta.json');
  const p = spawnSync('extract_metadata', [file, out], { encoding: 'utf8' });
  expect(p.status, p.stderr).toBe(0);
  return (JSON.parse(readFileSync(out, 'utf8')) as { variables: MetaVar[] }).variables;
}

/**
 * Whether my number matches what readstat printed: doubles with 6 decimals (or 14 when 6 would drop digits), floats
 * with 6, integers as integers. Returns a message when not.
 */
function numberMismatch(mine: number, theirs: string, where: string): string | undefined {
  const decimals = theirs.includes('.') ? theirs.length - theirs.indexOf('.') - 1 : 0;
  const x = Number(theirs);
  const tol = (decimals > 0 ? 0.5 * 10 ** -decimals : 0) + 4 * Number.EPSILON * Math.abs(x);
  return theirs.trim() === '' || Number.isNaN(x) || !(Math.abs(mine - x) <= tol) ? `${where}: mine ${mine}, readstat ${theirs}` : undefined;
}

/** A Stata date as readstat prints a %td long ("2020-1-31") or as the plain number of days (a %td double). */
function stataDays(theirs: string): string {
  const m = /^(-?\d+)-(\d+)-(\d+)$/.exec(theirs);
  if (!m) return theirs;
  return String(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 + 3653);
}

/**
 * My cells against readstat's, in readstat's terms: Stata days and milliseconds for dates; text as readstat prints it,
 * which drops a str#'s trailing spaces (readstat_convert; Stata and migstat keep them) and prints a pre-118 strL's bytes
 * undecoded (so they are decoded here as Windows-1252).
 */
function compareColumn(file: string, name: string, col: Column, meta: ColumnMeta | undefined, cells: readonly Buffer[], how: { strl: boolean; legacy: boolean }): void {
  expect(cells.length, `${file}, ${name}`).toBe(col.kind === 'number' ? col.values.length : col.codes.length);
  const bad: string[] = [];
  if (col.kind === 'category') {
    const mine = text(col);
    cells.forEach((b, i) => {
      const theirs = how.strl && how.legacy ? cp1252.decode(b) : b.toString('utf8');
      const m = mine[i] ?? '';
      if ((how.strl ? m : m.replace(/ +$/, '')) !== theirs) bad.push(`${file}, ${name}, row ${i + 1}: mine ${JSON.stringify(m)}, readstat ${JSON.stringify(theirs)}`);
    });
  } else {
    cells.forEach((b, i) => {
      const theirs = b.toString('utf8');
      const v = col.values[i]!;
      const where = `${file}, ${name}, row ${i + 1}`;
      let miss: string | undefined;
      if (theirs === '') miss = Number.isNaN(v) ? undefined : `${where}: mine ${v}, readstat missing`;
      else if (meta?.type === 'date') miss = numberMismatch(v + 3653, stataDays(theirs), where);
      else if (meta?.type === 'datetime') miss = numberMismatch((v + 315619200) * 1000, theirs, where);
      else miss = numberMismatch(v, theirs, where);
      if (miss) bad.push(miss);
    });
  }
  expect(bad.slice(0, 10)).toEqual([]);
}

/** Every cell and the metadata of my reading of `file` against readstat's. */
function compareWithReadstat(file: string, t: Table, options: { skip?: readonly string[]; format?: string } = {}): void {
  const rs = readstatCsv(file);
  expect(rs.names).toEqual(t.names);
  expect(rs.rows.length).toBe(t.nrows);
  const legacy = !/dta-11[89]/.test(t.meta.format ?? '');
  t.names.forEach((name, j) => {
    if (options.skip?.includes(name)) return;
    const meta = t.meta.columns?.get(name);
    const strl = meta?.type === 'string' && meta.width === undefined;
    compareColumn(file, name, t.column(name), meta, rs.rows.map((r) => r[j]!), { strl, legacy });
  });
  const summary = readstatSummary(file);
  expect(summary['Rows']).toBe(String(t.nrows));
  expect(summary['Columns']).toBe(String(t.names.length));
  expect(`dta-${summary['Format version']}`).toBe(t.meta.format);
  expect(summary['Table label'] ?? '').toBe(t.meta.fileLabel ?? '');
  const vars = extractMetadata(file);
  expect(vars.map((v) => v.name)).toEqual(t.names);
  for (const v of vars) {
    const meta = t.meta.columns!.get(v.name)!;
    expect(v.type, v.name).toBe(t.column(v.name).kind === 'number' ? 'NUMERIC' : 'STRING');
    expect(v.label, v.name).toBe(meta.label);
    expect(v.categories?.map((c) => ({ value: c.code, label: c.label })), v.name).toEqual(meta.valueLabels);
    if (v.type === 'NUMERIC') expect(v.format, v.name).toBe(meta.format === '%td' ? 'DATE_TIME' : meta.format === '%d' ? 'DATE' : 'UNSPECIFIED');
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe('readDta on the corpus R haven wrote (test/fixtures/r/dta_corpus.R)', () => {
  for (const f of CORPUS_FILES) {
    itWith('readstat', READSTAT, `${f}: every cell, the labels and formats match readstat`, async () => {
      const file = join(CORPUS, f);
      compareWithReadstat(file, await readDta(file));
    });
  }

  it('reads every format to the same values, with extended missing codes, labels and dates', async () => {
    const t118 = await readDta(join(CORPUS, 'haven_118.dta'));
    expect(t118.meta).toMatchObject({ format: 'dta-118', encoding: 'utf-8', fileLabel: 'Encuesta de migración laboral — corpus' });
    expect(t118.names).toEqual(['id', 'wage', 'hours', 'sex', 'status', 'reason', 'flag', 'country', 'notes', 'essay', 'birth', 'arrived', 'año']);
    const m = t118.meta.columns!;
    expect(Array.from(num(t118, 'wage'))).toEqual([1234.5, NaN, NaN, -0.25, 1e10, 3.14159265358979, NaN, 0]);
    expect(m.get('wage')).toMatchObject({ label: 'Monthly wage', type: 'numeric', missing: { values: ['.a', '.z'] } });
    expect(Array.from(num(t118, 'hours'))).toEqual([40, 38, NaN, 0, -1, 2147483620, -2147483647, 7]);
    expect(m.get('hours')?.missing).toBeUndefined();
    expect(m.get('sex')).toMatchObject({ label: 'Sexe de la personne interrogée', valueLabels: [{ value: 1, label: 'Male' }, { value: 2, label: 'Female' }] });
    expect(m.get('status')?.valueLabels).toEqual([{ value: 1, label: 'employed' }, { value: 2, label: 'unemployed' }, { value: 3, label: 'outside' }]);
    expect(m.get('reason')).toMatchObject({
      missing: { values: ['.d', '.r'] },
      valueLabels: [{ value: 1, label: 'Work' }, { value: 2, label: 'Family' }, { value: '.d', label: "Don't know" }, { value: '.r', label: 'Refused' }],
    });
    expect(text(t118.column('country'))).toEqual(['Brasil', "Côte d'Ivoire", '日本', 'Ελλάδα', null, null, 'São Tomé e Príncipe', 'Україна']);
    const day = (s: string): number => Date.parse(s) / 86400000;
    expect(Array.from(num(t118, 'birth'))).toEqual(['1985-03-14', NaN, '1960-01-01', '1959-12-31', '2024-02-29', '1900-01-01', '1970-01-01', '2099-12-31'].map((s) => (typeof s === 'string' ? day(s) : s)));
    expect(m.get('birth')).toMatchObject({ type: 'date', format: '%td', label: 'Date of birth' });
    expect(Array.from(num(t118, 'arrived'))).toEqual([Date.UTC(2019, 6, 1, 8, 30) / 1000, NaN, -315619200, -0.5, Date.UTC(2023, 2, 26, 1, 59, 59) / 1000, 946684799, 2147483648, 1]);
    expect(m.get('arrived')).toMatchObject({ type: 'datetime', format: '%tc' });
    const essay = text(t118.column('essay'));
    expect(essay[0]!.length).toBe(3000);
    expect(essay[2]).toBe(`${essay[0]} été`);
    expect([essay[1], essay[3] === essay[0], essay[5], essay[7]]).toEqual([null, true, 'short strL', null]);
    expect(m.get('essay')).toMatchObject({ type: 'string' });
    expect(m.get('essay')?.width).toBeUndefined();
    expect(text(t118.column('notes'))[3]).toBeNull();
    expect(m.get('notes')?.width).toBeGreaterThan(244);

    // 119 from ReadStat has 118's strL layout; the reader finds it. Every column equals 118's.
    const t119 = await readDta(join(CORPUS, 'haven_119.dta'));
    expect(t119.meta.format).toBe('dta-119');
    expect(t119.names).toEqual(t118.names);
    for (const name of t118.names) expect(t119.column(name), name).toEqual(t118.column(name));
    expect(t119.meta.columns).toEqual(t118.meta.columns);

    // Formats 113-117 hold the ASCII variant of the same frame.
    for (const f of ['haven_113.dta', 'haven_114.dta', 'haven_115.dta', 'haven_117.dta']) {
      const t = await readDta(join(CORPUS, f));
      expect(t.meta).toMatchObject({ encoding: 'windows-1252', fileLabel: 'Labour migration survey corpus' });
      for (const name of ['id', 'wage', 'hours', 'sex', 'status', 'reason', 'flag', 'birth', 'arrived']) expect(t.column(name), `${f} ${name}`).toEqual(t118.column(name));
      expect(t.meta.columns!.get('reason')).toEqual(m.get('reason'));
      expect(text(t.column('country'))).toEqual(['Brasil', "Cote d'Ivoire", 'Japan', 'Greece', null, null, 'Sao Tome', '  padded  ']);
      expect(text(t.column('notes'))[0]!.length).toBe(f === 'haven_117.dta' ? text(t118.column('notes'))[0]!.length : 244);
    }
  });

  it('decodes the legacy files as Windows-1252 (euro sign, OE ligature), and the float file', async () => {
    for (const f of LEGACY) {
      const t = await readDta(join(CORPUS, f));
      expect(t.meta).toMatchObject({ encoding: 'windows-1252', fileLabel: 'Inquérito às migrações' });
      expect(text(t.column('city'))).toEqual(['São Paulo', 'Zürich', null, 'Ñandú', 'Preço 5 €', 'Œuvre']);
      expect(t.meta.columns!.get('city')?.label).toBe('Cidade de residência');
      expect(t.meta.columns!.get('grp')).toMatchObject({ label: 'Profissão', valueLabels: [{ value: 1, label: 'Médico' }, { value: 2, label: 'Enfermeira à noite' }] });
      if (f === 'latin1_117.dta') expect(text(t.column('story'))).toEqual(['coração '.repeat(300), null, 'coração '.repeat(300), null, null, 'naïve '.repeat(500)]);
    }
    // Read as ISO-8859-2 instead, the same bytes are other letters.
    const t2 = await readDta(join(CORPUS, 'latin1_114.dta'), { encoding: 'iso-8859-2' });
    expect(text(t2.column('city'))[0]).toBe('Săo Paulo');
    expect(t2.meta.encoding).toBe('iso-8859-2');

    const f = await readDta(join(CORPUS, 'float_118.dta'));
    expect(Array.from(num(f, 'xf'))).toEqual([1, -2.5, NaN, 0, Math.fround(2000000001 / 16), NaN, 0.0625, NaN]);
    expect(f.meta.columns!.get('xf')).toMatchObject({ format: '%9.0g', missing: { values: ['.a', '.z'] } });
    expect(Array.from(num(f, 'after'))).toEqual([1.5, 2.5, NaN, 4.5, 5.5, 6.5, 7.5, 8.5]);
  });

  it('reads only the requested columns, in the order asked; an unknown column lists the columns there are', async () => {
    const file = join(CORPUS, 'haven_117.dta');
    const all = await readDta(file);
    const some = await readDta(file, { columns: ['essay', 'wage', 'sex'] });
    expect(some.names).toEqual(['essay', 'wage', 'sex']);
    expect([...some.columns.keys()]).toEqual(['essay', 'wage', 'sex']);
    for (const name of some.names) expect(some.column(name)).toEqual(all.column(name));
    expect(some.meta.columns!.get('sex')).toEqual(all.meta.columns!.get('sex'));
    expect(some.nrows).toBe(8);
    await expect(readDta(file, { columns: ['wage', 'nosuch'] })).rejects.toThrow(`${file}: no column "nosuch"; columns are: id, wage, hours, sex`);
  });

  itWith('R haven', R_HAVEN, 'dta_corpus.R and patch.ts regenerate the committed corpus byte for byte', () => {
    const out = tmp();
    const p = spawnSync('Rscript', ['test/fixtures/r/dta_corpus.R'], { cwd: root, encoding: 'utf8', env: { ...process.env, DTA_CORPUS_OUT: out } });
    expect(p.status, p.stderr).toBe(0);
    const made = readdirSync(out).sort();
    expect(made).toEqual(CORPUS_FILES.slice().sort());
    for (const f of made) expect(readFileSync(join(out, f)).equals(readFileSync(join(CORPUS, f))), f).toBe(true);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------------

/** A table with every kind of column the writer handles; text a format can hold. */
function sample(version: number): Table {
  const unicode = version >= 118;
  const xml = version >= 117;
  const long = xml ? 'Ünïcödé lông têxt. '.repeat(150) : 'x'.repeat(243);
  const t = tableFromArrays({
    id: [1, 2, 3, 4, 5, 6, 7],
    small: [-127, 100, null, 0, 5, -3, 1],
    mid: [-32767, 32740, null, 1000, 0, -1, 2],
    big: [-2147483647, 2147483620, null, 40000, 0, 1, 2],
    real: [1.5, -0.25, null, 1e-10, 123456.789, 3.14159265358979, -8.98e307],
    sex: [1, 2, 2, null, 1, 2, 1],
    'place of birth': unicode ? ['São Paulo', '日本', '', null, 'Ελλάδα', 'a "quote", comma', '  pad  '] : ['São Paulo', 'Zürich', '', null, 'Preço 5 €', 'a "quote", comma', '  pad  '],
    story: [long, 'short', null, long, '', `${long}!`, 'short'],
    day: [0, -1, 18292, null, -3653, -25567, 47481],
    when: [0, -0.5, 1580474096.123, null, 1e9, -315619200, 2147483648],
  });
  const columns = new Map<string, ColumnMeta>([
    ['sex', { label: 'Sex of the person', valueLabels: [{ value: 1, label: 'Male' }, { value: 2, label: unicode ? 'Fémme ♀' : 'Femme' }, { value: '.a', label: 'Refused' }] }],
    ['real', { label: 'A real number', format: '%9.2f' }],
    ['place of birth', { label: unicode ? 'Lieu de naissance (ünïcode)' : 'Lieu de naissance' }],
    ['day', { type: 'date', label: 'A date' }],
    ['when', { type: 'datetime', label: 'A datetime' }],
  ]);
  return new Table(t.names, t.columns, t.nrows, '<sample>', { columns, fileLabel: unicode ? 'Échantillon — test' : 'Echantillon test' });
}

/** Values of `a` and `b` agree: numbers exactly (datetimes to the microsecond), text exactly, "" and missing alike. */
function expectSameColumn(a: Column, b: Column, meta: ColumnMeta | undefined, where: string): void {
  expect(b.kind, where).toBe(a.kind);
  const bad: string[] = [];
  if (a.kind === 'number') {
    const bv = (b as NumberColumn).values;
    expect(bv.length, where).toBe(a.values.length);
    a.values.forEach((x, i) => {
      const y = bv[i]!;
      const same = meta?.type === 'datetime' && !Number.isNaN(x) ? Math.abs(y - x) < 1e-6 : Object.is(x, y);
      if (!same) bad.push(`${where}, row ${i + 1}: wrote ${x}, read ${y}`);
    });
  } else {
    const [x, y] = [text(a), text(b)];
    expect(y.length, where).toBe(x.length);
    x.forEach((s, i) => {
      if ((s ?? '') !== (y[i] ?? '')) bad.push(`${where}, row ${i + 1}: wrote ${JSON.stringify(s)}, read ${JSON.stringify(y[i])}`);
    });
  }
  expect(bad.slice(0, 10)).toEqual([]);
}

/** Storage type codes of a format 118 LSF file (test-side parse of <variable_types>). */
function types118(file: string): number[] {
  const b = readFileSync(file);
  const at = b.indexOf('<variable_types>') + '<variable_types>'.length;
  const end = b.indexOf('</variable_types>');
  return Array.from({ length: (end - at) / 2 }, (_, i) => b.readUInt16LE(at + 2 * i));
}

describe('writeDta', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  for (const version of [113, 114, 115, 117, 118, 119] as const) {
    for (const byteOrder of ['LSF', 'MSF'] as const) {
      itWith('readstat', READSTAT, `format ${version}, ${byteOrder}: readstat reads back every cell, the labels and formats`, async () => {
        const table = sample(version);
        const file = join(tmp(), `out_${version}_${byteOrder}.dta`);
        const result = await writeDta(table, file, { version, byteOrder });
        expect(result.version).toBe(version);
        expect(result.names).toEqual(['id', 'small', 'mid', 'big', 'real', 'sex', 'place_of_birth', 'story', 'day', 'when']);
        expect(result.warnings).toEqual(['column "place of birth" is written as Stata variable "place_of_birth"']);
        expect(readFileSync(file).length).toBe(result.bytes);
        const back = await readDta(file);
        expect(back.names).toEqual(result.names);
        expect(back.meta).toMatchObject({ format: `dta-${version}`, fileLabel: table.meta.fileLabel, encoding: version >= 118 ? 'utf-8' : 'windows-1252' });
        table.names.forEach((name, j) => expectSameColumn(table.column(name), back.column(result.names[j]!), table.meta.columns?.get(name), `${version} ${byteOrder} ${name}`));
        const m = back.meta.columns!;
        expect(m.get('sex')).toMatchObject({ label: 'Sex of the person', valueLabels: table.meta.columns!.get('sex')!.valueLabels, format: '%8.0g' });
        expect(m.get('real')?.format).toBe('%9.2f');
        expect(m.get('day')).toMatchObject({ type: 'date', format: '%td' });
        expect(m.get('when')).toMatchObject({ type: 'datetime', format: '%tc' });
        expect(m.get('story')?.width).toBe(version >= 117 ? undefined : 244);
        // ReadStat 1.1.8 reads format 119 strLs with 118's layout, so it cannot find the strLs of a true 119 file.
        compareWithReadstat(file, back, { skip: version === 119 ? ['story'] : [] });
        // And readstat's cells against the table written, not just against the reader.
        const rs = readstatCsv(file);
        const legacy = version < 118;
        table.names.forEach((name, j) => {
          if (version === 119 && name === 'story') return;
          const strl = name === 'story' && version >= 117;
          compareColumn(file, name, table.column(name), table.meta.columns?.get(name), rs.rows.map((r) => r[j]!), { strl, legacy });
        });
        expect(readstatSummary(file)['Byte order']).toBe(byteOrder === 'LSF' ? 'little-endian' : 'big-endian');
      });
    }
  }

  it('chooses byte, int, long and double from the data; dates are long %td, datetimes double %tc; strL above 2045 bytes', async () => {
    const file = join(tmp(), 'types.dta');
    await writeDta(sample(118), file);
    // byte 65530, int 65529, long 65528, double 65526, strL 32768, str# = width.
    // id, small, sex: byte; mid: int; big: long; real: double; place of birth: str16; story: strL; day: long; when: double.
    expect(types118(file)).toEqual([65530, 65530, 65529, 65528, 65526, 65530, 16, 32768, 65528, 65526]);
    const t = tableFromArrays({ s: ['x'.repeat(2045), 'y'] });
    const f2 = join(tmp(), 'str2045.dta');
    await writeDta(t, f2);
    expect(types118(f2)).toEqual([2045]);
  });

  it('writes format 119 strLs in 119 layout (v in 3 bytes, o in 5) and reads them back', async () => {
    const file = join(tmp(), 'strl119.dta');
    const table = sample(119);
    await writeDta(table, file, { version: 119 });
    const back = await readDta(file);
    expect(text(back.column('story'))).toEqual(text(table.column('story')).map((s) => (s === '' ? null : s)));
    // Row 1 of `story` (variable 8) refers to its own GSO (v=8, o=1): bytes 08 00 00 | 01 00 00 00 00.
    const b = readFileSync(file);
    const data = b.indexOf('<data>') + 6;
    const offset = 33; // id byte, small byte, mid int, big long, real double, sex byte, place of birth str16
    expect([...b.subarray(data + offset, data + offset + 8)]).toEqual([8, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('writes text before 118 in Windows-1252, or UTF-8 when asked (read back with the same encoding)', async () => {
    const t = tableFromArrays({ city: ['Preço 5 €', 'Œuvre', '日本'] });
    const dir = tmp();
    await expect(writeDta(t, join(dir, 'a.dta'), { version: 114 })).rejects.toThrow('column "city", row 3: "日本" has a character that the file\'s text encoding cannot hold');
    await writeDta(t, join(dir, 'u.dta'), { version: 114, encoding: 'utf-8' });
    expect(text((await readDta(join(dir, 'u.dta'), { encoding: 'utf-8' })).column('city'))).toEqual(['Preço 5 €', 'Œuvre', '日本']);
    expect(text((await readDta(join(dir, 'u.dta'))).column('city'))[2]).toBe('æ—¥æœ¬');
    const w = tableFromArrays({ city: ['Preço 5 €', 'Œuvre'] });
    await writeDta(w, join(dir, 'w.dta'), { version: 115 });
    const bytes = readFileSync(join(dir, 'w.dta'));
    expect(bytes.includes(Buffer.from([0x50, 0x72, 0x65, 0xe7, 0x6f, 0x20, 0x35, 0x20, 0x80]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x8c, 0x75, 0x76, 0x72, 0x65]))).toBe(true);
  });

  it('says what it could not write: string and non-integer value labels, renamed columns, extended missing codes, long labels', async () => {
    const t = tableFromArrays({ 'sch.wide': ['Yes', 'No'], '1st': [1, 2], x: [1.5, 2], int: [1, 2], 'sch_wide': [3, 4] });
    const long = 'L'.repeat(100);
    const columns = new Map<string, ColumnMeta>([
      ['sch.wide', { valueLabels: [{ value: 'Yes', label: 'yes' }] }],
      ['x', { label: long, valueLabels: [{ value: 1.5, label: 'one and a half' }, { value: 2, label: 'two' }, { value: 'DK', label: 'do not know' }], missing: { values: ['.a', '.b'] } }],
    ]);
    const table = new Table(t.names, t.columns, t.nrows, 'mem', { columns });
    const file = join(tmp(), 'warn.dta');
    const r = await writeDta(table, file, { version: 117 });
    expect(r.names).toEqual(['sch_wide', '_1st', 'x', 'int_', 'sch_wide_2']);
    expect(r.warnings).toEqual([
      'column "sch.wide" is written as Stata variable "sch_wide"',
      'column "sch.wide": value labels on a text column are left out (Stata has value labels only on numeric variables)',
      'column "1st" is written as Stata variable "_1st"',
      `column "x": the variable label is longer than Stata allows (80 characters, 80 bytes) and was cut to "${'L'.repeat(80)}"`,
      'column "x": value labels of 1.5, "DK" are left out (Stata labels only integer values and .a-.z)',
      'column "x": extended missing values (.a, .b) are written as system missing (.): a table keeps only NaN',
      'column "int" is written as Stata variable "int_"',
      'column "sch_wide" is written as Stata variable "sch_wide_2"',
    ]);
    const back = await readDta(file);
    expect(back.meta.columns!.get('x')).toMatchObject({ label: 'L'.repeat(80), valueLabels: [{ value: 2, label: 'two' }] });
    expect(back.meta.columns!.get('sch_wide')?.valueLabels).toBeUndefined();
  });

  it('refuses what Stata cannot hold, and leaves no file behind', async () => {
    const dir = tmp();
    await expect(writeDta(tableFromArrays({ x: [1, Infinity] }), join(dir, 'inf.dta'))).rejects.toThrow('column "x", row 2: Infinity cannot be stored');
    await expect(writeDta(tableFromArrays({ x: [2 ** 1023] }), join(dir, 'big.dta'))).rejects.toThrow('column "x", row 1: 8.98846567431158e+307 cannot be stored');
    await expect(writeDta(tableFromArrays({ s: ['x'.repeat(245)] }), join(dir, 'long.dta'), { version: 114 })).rejects.toThrow('column "s": a text of 245 bytes is longer than format 114 holds (244)');
    await expect(writeDta(tableFromArrays({ s: ['a\0b'] }), join(dir, 'nul.dta'))).rejects.toThrow('column "s", row 1: text with a NUL character');
    await expect(writeDta(tableFromArrays({ x: [1] }), join(dir, 'v.dta'), { version: 116 as 118 })).rejects.toThrow('cannot write .dta format 116');
    await expect(writeDta(tableFromArrays({ x: [1] }), join(dir, 'no', 'such', 'dir.dta'))).rejects.toThrow(InputError);
    expect(readdirSync(dir)).toEqual([]);
    // Stata's largest double is a value, the next one up its missing code.
    await writeDta(tableFromArrays({ x: [2 ** 1023 - 2 ** 970, -(2 ** 1023 - 2 ** 970)] }), join(dir, 'max.dta'));
    expect(Array.from(num(await readDta(join(dir, 'max.dta')), 'x'))).toEqual([2 ** 1023 - 2 ** 970, -(2 ** 1023 - 2 ** 970)]);
  });

  it('is deterministic: the header timestamp is SOURCE_DATE_EPOCH (default 1970-01-01 00:00), same input same bytes', async () => {
    const dir = tmp();
    vi.stubEnv('SOURCE_DATE_EPOCH', '');
    await writeDta(sample(118), join(dir, 'a.dta'));
    expect(readFileSync(join(dir, 'a.dta')).includes('<timestamp>\x1101 Jan 1970 00:00</timestamp>', 0, 'latin1')).toBe(true);
    vi.stubEnv('SOURCE_DATE_EPOCH', '1700000000');
    await writeDta(sample(118), join(dir, 'b.dta'));
    await writeDta(sample(118), join(dir, 'c.dta'));
    const b = readFileSync(join(dir, 'b.dta'));
    expect(b.equals(readFileSync(join(dir, 'c.dta')))).toBe(true);
    expect(b.includes('<timestamp>\x1114 Nov 2023 22:13</timestamp>', 0, 'latin1')).toBe(true);
    await writeDta(sample(114), join(dir, 'd.dta'), { version: 114 });
    expect(readFileSync(join(dir, 'd.dta')).subarray(91, 109).toString('latin1')).toBe('14 Nov 2023 22:13\0');
    expect(stataTimestamp(0)).toBe('01 Jan 1970 00:00');
    expect(stataTimestamp(1709251199)).toBe('29 Feb 2024 23:59');
    vi.stubEnv('SOURCE_DATE_EPOCH', 'yesterday');
    expect(() => sourceDateEpoch()).toThrow('SOURCE_DATE_EPOCH must be a whole number of seconds');
    await writeDta(sample(118), join(dir, 'e.dta'), { timestamp: 1700000000 });
    expect(readFileSync(join(dir, 'e.dta')).equals(b)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('a 100,000-row file generated at test time', () => {
  const n = 100_000;
  const make = (): Table => {
    const regions = Array.from({ length: 20 }, (_, i) => `Région ${i + 1}`);
    const t = tableFromArrays({
      id: Float64Array.from({ length: n }, (_, i) => i + 1),
      weight: Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : 100 + ((i * 7919) % 1000) / 8)),
      sex: Float64Array.from({ length: n }, (_, i) => (i % 13 === 0 ? NaN : 1 + (i % 2))),
      region: Array.from({ length: n }, (_, i) => (i % 101 === 0 ? null : regions[(i * 31) % 20]!)),
      note: Array.from({ length: n }, (_, i) => (i % 5000 === 0 ? `${'long note '.repeat(300)}${i % 3}` : i % 7 === 0 ? 'short' : null)),
      day: Float64Array.from({ length: n }, (_, i) => (i % 89 === 0 ? NaN : 10000 + (i % 3000))),
    });
    const columns = new Map<string, ColumnMeta>([
      ['sex', { label: 'Sex', valueLabels: [{ value: 1, label: 'Male' }, { value: 2, label: 'Female' }] }],
      ['day', { type: 'date' }],
    ]);
    return new Table(t.names, t.columns, t.nrows, 'big', { columns });
  };

  it('is written, read back cell for cell, and read by column projection', async () => {
    const table = make();
    const file = join(tmp(), 'big.dta');
    await writeDta(table, file);
    const back = await readDta(file);
    expect(back.nrows).toBe(n);
    for (const name of table.names) expectSameColumn(table.column(name), back.column(name), table.meta.columns?.get(name), name);
    const some = await readDta(file, { columns: ['region', 'weight'] });
    expect(some.names).toEqual(['region', 'weight']);
    expect(some.column('region')).toEqual(back.column('region'));
    expect(some.column('weight')).toEqual(back.column('weight'));
    expect(some.meta.columns!.get('region')).toEqual(back.meta.columns!.get('region'));
  }, 60_000);

  itWith('readstat', READSTAT, 'readstat reads the 100,000 rows as written', async () => {
    const table = make();
    const file = join(tmp(), 'big.dta');
    await writeDta(table, file);
    const rs = readstatCsv(file);
    expect(rs.rows.length).toBe(n);
    table.names.forEach((name, j) => compareColumn(file, name, table.column(name), table.meta.columns?.get(name), rs.rows.map((r) => r[j]!), { strl: name === 'note', legacy: false }));
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------------

describe('readDta on bad input: the error names the file and the byte', () => {
  const bytes = (f: string): Buffer => readFileSync(join(CORPUS, f));
  const put = (name: string, content: Uint8Array | string): string => {
    const f = join(tmp(), name);
    writeFileSync(f, content);
    return f;
  };

  it('an empty file, a file that is not .dta, an unknown format', async () => {
    const empty = put('empty.dta', '');
    await expect(readDta(empty)).rejects.toThrow(`${empty}: the file is empty (0 bytes): not a Stata .dta file`);
    const csv = put('data.dta', 'id,x\n1,2\n');
    await expect(readDta(csv)).rejects.toThrow(`${csv}: not a Stata .dta file: it starts with bytes 69 64 2c 78 0a 31 2c 32; expected "<stata_dta>"`);
    await expect(readDta(csv)).rejects.toThrow('(at byte 0)');
    const html = put('page.dta', '<html><body>no</body></html>');
    await expect(readDta(html)).rejects.toThrow(`${html}: expected "<stata_dta>" in the file header, found "<html><body" (at byte 0)`);
    const old = put('old.dta', Buffer.from([110, 2, 1, 0, 1, 0, 1, 0, 0, 0]));
    await expect(readDta(old)).rejects.toThrow(`${old}: unsupported .dta format 110: this reader knows 113, 114, 115, 117, 118, 119 (at byte 0)`);
    const b = bytes('haven_118.dta');
    b.write('120', b.indexOf('<release>') + 9, 'latin1');
    const r120 = put('r120.dta', b);
    await expect(readDta(r120)).rejects.toThrow(`${r120}: unsupported .dta format "120": this reader knows 113, 114, 115, 117, 118, 119 (at byte 28)`);
    await expect(readDta(join(tmp(), 'missing.dta'))).rejects.toThrow(/missing\.dta: cannot read the file \(ENOENT\)/);
  });

  it('a truncated header, map, descriptors or data', async () => {
    const b118 = bytes('haven_118.dta');
    const h = put('h.dta', b118.subarray(0, 20));
    await expect(readDta(h)).rejects.toThrow(`${h}: the file is truncated in the file header: expected 9 bytes at byte 19, but the file ends at byte 20`);
    const mapAt = b118.indexOf('<map>') + 5;
    const m = put('m.dta', b118.subarray(0, mapAt + 20));
    await expect(readDta(m)).rejects.toThrow(`${m}: the file is truncated in the map: expected 8 bytes at byte ${mapAt + 16}, but the file ends at byte ${mapAt + 20}`);
    const cut = put('c.dta', b118.subarray(0, b118.indexOf('<data>') + 100));
    await expect(readDta(cut)).rejects.toThrow(new RegExp(`^${cut}: the file is truncated or damaged: map entry 11 of 14 points to byte \\d+, past its end \\(${b118.indexOf('<data>') + 100} bytes\\) \\(at byte ${mapAt + 80}\\)$`));

    const b114 = bytes('haven_114.dta');
    const d = put('d.dta', b114.subarray(0, 300));
    await expect(readDta(d)).rejects.toThrow(`${d}: the file is truncated in the variable names: expected 363 bytes at byte 120, but the file ends at byte 300`);
    const t = await readDta(join(CORPUS, 'haven_114.dta'));
    // 11 variables: id long, wage double, hours/sex/status long, reason double, flag long, country str13, notes str244, birth and arrived double.
    const recordLen = 4 + 8 + 4 + 4 + 4 + 8 + 4 + 13 + 244 + 8 + 8;
    expect(t.nrows).toBe(8);
    // Header, then per variable type, name, format, label set and label, the sort list and the end of the expansion fields.
    const dataStart = 109 + 11 * (1 + 33 + 49 + 33 + 81) + 12 * 2 + 5;
    const short = put('short.dta', b114.subarray(0, dataStart + 3 * recordLen + 10));
    await expect(readDta(short)).rejects.toThrow(
      `${short}: truncated data: 8 records of ${recordLen} bytes start at byte ${dataStart}, but the file ends at byte ${dataStart + 3 * recordLen + 10} (inside record 4, which starts at byte ${dataStart + 3 * recordLen})`,
    );
  });

  it('a value label set that a variable names but the file lacks (an error unless missingValueLabels: ignore)', async () => {
    const b = bytes('latin1_114.dta');
    const at = b.lastIndexOf('grp\0');
    b.write('grq', at, 'latin1');
    const f = put('labels.dta', b);
    await expect(readDta(f)).rejects.toThrow(new RegExp(`^${f}: variable "grp" refers to value label set "grp", which is not in the value labels section \\(at byte \\d+\\)`));
    const t = await readDta(f, { missingValueLabels: 'ignore' });
    expect(t.meta.columns!.get('grp')?.valueLabels).toBeUndefined();
    expect(Array.from(num(t, 'grp'))).toEqual([1, 2, NaN, 2, 1, 1]);
    // Not asked for, not checked.
    expect((await readDta(f, { columns: ['city'] })).names).toEqual(['city']);
  });
});
