/**
 * Stata .dta writer, formats 113, 114, 115, 117, 118 (default) and 119, either byte order, written from Stata's
 * published file-format descriptions (`help dta`, `help dta_117`, `help dta_115`).
 *
 * Stated choices:
 * - Storage types come from the data: a numeric column whose values are all integers is byte, int or long (the
 *   smallest that holds them, Stata's missing codes excluded), otherwise double. NaN is written as system missing `.`;
 *   which cells held extended missing `.a`-`.z` is not in a Table, so they are written as `.` too (with a warning when
 *   the column's metadata lists extended codes). Infinities and values beyond Stata's largest double are errors.
 * - `meta.type` 'date' (days since 1970-01-01) is written as Stata days (%td), 'datetime' (seconds since 1970) as
 *   Stata milliseconds since 1960 rounded to the millisecond (%tc, a double).
 * - Text columns are str# up to 2045 bytes (244 before format 117) and strL beyond (117+; each distinct text once, as a
 *   GSO). Before 117 a longer text is an error. An empty string and a missing value are both written as "" (Stata
 *   has no other missing string), and read back as missing.
 * - Value labels: numeric columns' `valueLabels` with integer values (and `'.a'`..`'.z'`, Stata's labels on extended
 *   missing values) become a label set named after the variable. Stata has no value labels on strings, nor on
 *   non-integer values: those labels are left out, each with a warning in the result (never silently).
 * - Column names that Stata cannot take (characters other than letters, digits and _, a leading digit, more than 32
 *   characters, reserved words, duplicates after that) are changed, with a warning; variable and data labels longer
 *   than 80 characters are cut, with a warning.
 * - Text is UTF-8 in 118/119. Before 118 it is Windows-1252 by default (Stata's convention), or options.encoding
 *   (`utf-8` or a single-byte encoding); a character the encoding cannot hold is an error naming column and row.
 * - The header's timestamp is options.timestamp, else SOURCE_DATE_EPOCH, else 0 (1970-01-01 00:00), as "dd Mon yyyy
 *   hh:mm" in UTC. Same table and options, same bytes. The file is written to a temporary file beside the target, in
 *   chunks of whole records, then renamed over it.
 * - Format 119 strL cells use 119's layout (v in 3 bytes, o in 5). ReadStat 1.1.8 (and so R haven) reads 119 with
 *   118's layout (2 and 6), so ReadStat does not find the strLs of a 119 file from this writer (or from Stata).
 */
import { open } from 'node:fs/promises';
import { atomicWrite } from './atomic.js';
import { TextEncoder } from 'node:util';
import {
  type DtaFormat, DTA_FORMATS, type DtaLayout, MAX_INT, NEW_TYPE, OLD_TYPE, STATA_EPOCH_DAYS, STATA_EPOCH_SECONDS, dtaLayout, formatType,
} from './dta.js';
import { type TextDecode, textDecoder } from './encoding.js';
import { InputError } from './errors.js';
import type { ColumnMeta, Table } from './table.js';

export interface DtaWriteOptions {
  /** .dta format: 118 (Stata 14+, default), 119 (more than 32,767 variables), 117 (Stata 13), 115/114 (Stata 12/10-11), 113 (Stata 8-9). */
  readonly version?: DtaFormat;
  /** Byte order: `LSF` (little-endian, default) or `MSF`. */
  readonly byteOrder?: 'LSF' | 'MSF';
  /** Text encoding before format 118: `windows-1252` (default), `utf-8`, or another single-byte encoding. */
  readonly encoding?: string;
  /** Header timestamp in seconds since 1970-01-01T00:00Z; default SOURCE_DATE_EPOCH, else 0. */
  readonly timestamp?: number;
}

export interface DtaWriteResult {
  readonly version: DtaFormat;
  /** Stata variable names written, in table order. */
  readonly names: readonly string[];
  /** What could not be written as it was (renamed columns, labels left out or cut, extended missing codes). */
  readonly warnings: readonly string[];
  readonly bytes: number;
}

const RESERVED = new Set(['_all', '_b', 'byte', '_coef', '_cons', 'double', 'float', 'if', 'in', 'int', 'long', '_n', '_N', '_pi', '_pred', '_rc', '_skip', 'strL', 'using', 'with']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Largest double Stata holds as a value (bits 0x7fdfffffffffffff); from 2^1023 on are its missing codes. */
const MAX_DOUBLE = 2 ** 1023 - 2 ** 970;
const CHUNK = 1 << 20;

/** "dd Mon yyyy hh:mm" (UTC) of seconds since 1970. */
export function stataTimestamp(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** The writer's timestamp: options, else SOURCE_DATE_EPOCH (an integer number of seconds), else 0. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number {
  const s = env.SOURCE_DATE_EPOCH;
  if (s === undefined || s === '') return 0;
  if (!/^\d+$/.test(s)) throw new InputError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, not "${s}"`);
  return Number(s);
}

type Encode = (text: string) => Uint8Array | undefined;

function encoder(encoding: string): Encode {
  let dec: TextDecode;
  try {
    dec = textDecoder(encoding);
  } catch {
    throw new InputError(`unknown text encoding "${encoding}" (option encoding)`);
  }
  if (dec.encoding === 'utf-8') {
    const te = new TextEncoder();
    return (t) => te.encode(t);
  }
  const table = new Map<number, number>();
  let holes = 0;
  for (let b = 255; b >= 0; b--) {
    const s = dec.decode(Uint8Array.of(b));
    if (s.length === 1 && s !== '\ufffd') table.set(s.codePointAt(0)!, b);
    else holes++;
  }
  if (holes > 8) throw new InputError(`text encoding "${encoding}" is not a single-byte encoding; the .dta writer takes utf-8 or a single-byte encoding such as windows-1252`);
  return (t) => {
    const out = new Uint8Array(t.length);
    let n = 0;
    for (const ch of t) {
      const b = table.get(ch.codePointAt(0)!);
      if (b === undefined) return undefined;
      out[n++] = b;
    }
    return out.subarray(0, n);
  };
}

/** Cuts text to at most `chars` characters and `bytes` encoded bytes. */
function fit(text: string, enc: Encode, bytes: number, chars: number, what: string, warnings: string[]): Uint8Array {
  let cps = [...text];
  let b = enc(text);
  if (!b) throw new InputError(`${what}: "${text}" has a character the file's text encoding cannot hold`);
  if (cps.length <= chars && b.length <= bytes) return b;
  if (cps.length > chars) cps = cps.slice(0, chars);
  while ((b = enc(cps.join(''))!).length > bytes) cps.pop();
  warnings.push(`${what} is longer than Stata allows (${chars} characters, ${bytes} bytes) and was cut to "${cps.join('')}"`);
  return b;
}

function stataName(name: string, used: Set<string>, unicode: boolean): string {
  let s = [...name].map((ch) => (/[A-Za-z0-9_]/.test(ch) || (unicode && /[\p{L}\p{N}]/u.test(ch)) ? ch : '_')).join('');
  if (s === '') s = 'v';
  if (/^[0-9\p{N}]/u.test(s)) s = `_${s}`;
  const cut = (t: string, n: number): string => {
    let cps = [...t].slice(0, n);
    while (Buffer.byteLength(cps.join('')) > 128) cps = cps.slice(0, -1);
    return cps.join('');
  };
  s = cut(s, 32);
  if (RESERVED.has(s) || /^str([1-9]\d*)$/.test(s)) s = cut(`${s}_`, 32);
  let out = s;
  for (let i = 2; used.has(out); i++) out = `${cut(s, 32 - String(i).length - 1)}_${i}`;
  used.add(out);
  return out;
}

type Kind = 'byte' | 'int' | 'long' | 'double' | 'str' | 'strl';

interface Var {
  readonly name: string;
  readonly kind: Kind;
  readonly width: number;
  readonly format: string;
  readonly label: Uint8Array;
  readonly labelSet: string;
  /** Numeric columns: values as Stata stores them (dates converted). */
  readonly values?: Float64Array;
  /** Text columns: codes and encoded levels. */
  readonly codes?: Int32Array;
  readonly levels?: readonly Uint8Array[];
}

const WIDTH: Record<Exclude<Kind, 'str'>, number> = { byte: 1, int: 2, long: 4, double: 8, strl: 8 };
const DEFAULT_FORMAT: Record<Exclude<Kind, 'str' | 'strl'>, string> = { byte: '%8.0g', int: '%8.0g', long: '%12.0g', double: '%10.0g' };

function typeCode(v: Var, layout: DtaLayout): number {
  if (v.kind === 'str') return v.width;
  if (v.kind === 'strl') return NEW_TYPE.strl;
  return layout.xml ? NEW_TYPE[v.kind] : OLD_TYPE[v.kind];
}

function numericVar(
  col: string, name: string, values: Float64Array, meta: ColumnMeta | undefined, label: Uint8Array, labelSet: string, warnings: string[],
): Var {
  const type = meta?.type;
  let v = values;
  let dateFormat: string | undefined;
  if (type === 'date' || type === 'datetime') {
    v = new Float64Array(values.length);
    for (let i = 0; i < v.length; i++) {
      const x = values[i]!;
      v[i] = type === 'date' ? x + STATA_EPOCH_DAYS : Math.round((x + STATA_EPOCH_SECONDS) * 1000);
    }
    dateFormat = meta?.format && formatType(meta.format) === type ? meta.format : type === 'date' ? '%td' : '%tc';
  }
  let integer = true;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isNaN(x)) continue;
    if (!(Math.abs(x) <= MAX_DOUBLE)) throw new InputError(`column "${col}", row ${i + 1}: ${x} cannot be stored in a Stata .dta file (no infinities; largest value ${MAX_DOUBLE})`);
    if (integer && !Number.isInteger(x)) integer = false;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  let kind: Kind = 'double';
  if (integer) {
    if (lo >= -127 && hi <= MAX_INT.byte) kind = 'byte';
    else if (lo >= -32767 && hi <= MAX_INT.int) kind = 'int';
    else if (lo >= -2147483647 && hi <= MAX_INT.long) kind = 'long';
  }
  if (type === 'datetime') kind = 'double';
  let format = dateFormat ?? DEFAULT_FORMAT[kind as 'double'];
  const own = meta?.format;
  if (!dateFormat && own && own.startsWith('%') && !own.endsWith('s') && formatType(own) === undefined && own.length < 49) format = own;
  const ext = (meta?.missing?.values ?? []).filter((m) => typeof m === 'string' && /^\.[a-z]$/.test(m));
  if (ext.length > 0) warnings.push(`column "${col}": extended missing values (${ext.join(', ')}) are written as system missing (.): a table keeps only NaN`);
  if (meta?.missing?.range || (meta?.missing?.values ?? []).some((m) => typeof m === 'number')) {
    warnings.push(`column "${col}": declared missing values are not written (Stata has no user-defined missing values); those values stay in the data as they are`);
  }
  return { name, kind, width: WIDTH[kind as 'double'], format, label, labelSet, values: v };
}

function textVar(
  col: string, name: string, codes: Int32Array, levels: readonly string[], meta: ColumnMeta | undefined, label: Uint8Array,
  layout: DtaLayout, enc: Encode, warnings: string[],
): Var {
  const used = new Uint8Array(levels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) used[codes[i]!] = 1;
  let max = 0;
  const bytes = levels.map((t, k) => {
    if (!used[k]) return new Uint8Array(0);
    const b = enc(t);
    if (!b) {
      const row = codes.findIndex((c) => c === k);
      throw new InputError(`column "${col}", row ${row + 1}: "${t}" has a character that ${layout.release >= 118 ? 'UTF-8' : "the file's text encoding"} cannot hold (format ${layout.release}; use version 118 or option encoding 'utf-8')`);
    }
    if (b.includes(0)) throw new InputError(`column "${col}", row ${codes.findIndex((c) => c === k) + 1}: text with a NUL character cannot be stored in a .dta file`);
    if (b.length > max) max = b.length;
    return b;
  });
  const strMax = layout.xml ? 2045 : 244;
  if (meta?.valueLabels?.length) warnings.push(`column "${col}": value labels on a text column are left out (Stata has value labels only on numeric variables)`);
  if (max > strMax) {
    if (!layout.xml) throw new InputError(`column "${col}": a text of ${max} bytes is longer than format ${layout.release} holds (244); use version 117 or later, which has strL`);
    return { name, kind: 'strl', width: 8, format: '%9s', label, labelSet: '', codes, levels: bytes };
  }
  const width = Math.max(1, max);
  const own = meta?.format;
  const format = own && /^%-?~?\d*s$/.test(own) ? own : `%${width}s`;
  return { name, kind: 'str', width, format, label, labelSet: '', codes, levels: bytes };
}

interface LabelSet {
  readonly name: string;
  readonly table: Buffer;
}

function labelSet(col: string, name: string, meta: ColumnMeta, enc: Encode, le: boolean, warnings: string[]): LabelSet | undefined {
  const entries = new Map<number, Uint8Array>();
  const dropped: string[] = [];
  for (const { value, label } of meta.valueLabels ?? []) {
    let v: number | undefined;
    if (typeof value === 'number') v = Number.isInteger(value) && value >= -2147483647 && value <= MAX_INT.long ? value : undefined;
    else if (/^\.[a-z]$/.test(value)) v = MAX_INT.long + 1 + (value.charCodeAt(1) - 96);
    if (v === undefined) {
      dropped.push(JSON.stringify(value));
      continue;
    }
    if (entries.has(v)) warnings.push(`column "${col}": value ${JSON.stringify(value)} has more than one label; the first is kept`);
    else entries.set(v, fit(label, enc, 32000, 32000, `column "${col}": the label of value ${JSON.stringify(value)}`, warnings));
  }
  if (dropped.length > 0) warnings.push(`column "${col}": value labels of ${dropped.join(', ')} are left out (Stata labels only integer values and .a-.z)`);
  if (entries.size === 0) return undefined;
  const sorted = [...entries.entries()].sort((a, b) => a[0] - b[0]);
  const txtLen = sorted.reduce((s, [, b]) => s + b.length + 1, 0);
  const table = Buffer.alloc(8 + 8 * sorted.length + txtLen);
  const w32 = (x: number, at: number, signed = false): void => {
    const view = new DataView(table.buffer, table.byteOffset, table.length);
    if (signed) view.setInt32(at, x, le);
    else view.setUint32(at, x, le);
  };
  w32(sorted.length, 0);
  w32(txtLen, 4);
  let off = 0;
  sorted.forEach(([v, b], i) => {
    w32(off, 8 + 4 * i);
    w32(v, 8 + 4 * sorted.length + 4 * i, true);
    table.set(b, 8 + 8 * sorted.length + off);
    off += b.length + 1;
  });
  return { name, table };
}

/** Fixed-width, NUL-padded field. */
function field(b: Uint8Array, len: number): Buffer {
  const out = Buffer.alloc(len);
  out.set(b.subarray(0, len - 1));
  return out;
}

class Bytes {
  readonly parts: Buffer[] = [];
  length = 0;
  constructor(readonly le: boolean) {}
  push(b: Uint8Array | string): this {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : Buffer.from(b.buffer, b.byteOffset, b.length);
    this.parts.push(buf);
    this.length += buf.length;
    return this;
  }
  uint(n: 1 | 2 | 4 | 8, v: number): this {
    const b = Buffer.alloc(n);
    putUint(b, 0, n, v, this.le);
    return this.push(b);
  }
  concat(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}

/** Writes `len` bytes of `v` in the given byte order at `at`. */
function putUint(b: Buffer, at: number, len: number, v: number, le: boolean): void {
  for (let i = 0; i < len; i++) {
    b[le ? at + i : at + len - 1 - i] = v % 256;
    v = Math.floor(v / 256);
  }
}

/**
 * Writes a table as a Stata .dta file (format 118 unless options.version), atomically, and returns the names written
 * and what could not be carried over. See the module comment for the choices it makes.
 */
export async function writeDta(table: Table, path: string, options: DtaWriteOptions = {}): Promise<DtaWriteResult> {
  const release = options.version ?? 118;
  if (!(DTA_FORMATS as readonly number[]).includes(release)) throw new InputError(`${path}: cannot write .dta format ${release}; formats are ${DTA_FORMATS.join(', ')}`);
  const layout = dtaLayout(release);
  const le = (options.byteOrder ?? 'LSF') === 'LSF';
  const unicode = release >= 118;
  const enc = encoder(unicode ? 'utf-8' : (options.encoding ?? 'windows-1252'));
  const warnings: string[] = [];
  const k = table.names.length;
  const n = table.nrows;
  if (k > (release === 119 ? 2147483647 : 32767)) throw new InputError(`${path}: ${k} columns are more than format ${release} holds (32,767); use version 119`);
  if (n > (unicode ? Number.MAX_SAFE_INTEGER : 2147483647)) throw new InputError(`${path}: ${n} rows are more than format ${release} holds`);

  const usedNames = new Set<string>();
  const metas = table.meta.columns;
  const labelLimit = (what: string, text: string): Uint8Array => fit(text, enc, unicode ? 320 : 80, 80, what, warnings);
  const vars: Var[] = [];
  const sets: LabelSet[] = [];
  for (const col of table.names) {
    const name = stataName(col, usedNames, unicode);
    if (name !== col) warnings.push(`column "${col}" is written as Stata variable "${name}"`);
    const meta = metas?.get(col);
    const label = meta?.label ? labelLimit(`column "${col}": the variable label`, meta.label) : new Uint8Array(0);
    const c = table.column(col);
    if (c.kind === 'number') {
      const set = meta?.valueLabels?.length ? labelSet(col, name, meta, enc, le, warnings) : undefined;
      if (set) sets.push(set);
      vars.push(numericVar(col, name, c.values, meta, label, set ? name : '', warnings));
    } else vars.push(textVar(col, name, c.codes, c.levels, meta, label, layout, enc, warnings));
  }
  const dataLabel = table.meta.fileLabel ? labelLimit('the data label', table.meta.fileLabel) : new Uint8Array(0);
  const timestamp = stataTimestamp(options.timestamp ?? sourceDateEpoch());
  const recordLen = vars.reduce((s, v) => s + v.width, 0);

  // strLs: each distinct text of a column once, as the GSO of the first row that has it; GSOs in (o, v) order.
  const gsos: { v: number; o: number; bytes: Uint8Array }[] = [];
  const strlRefs = new Map<number, Float64Array>();
  vars.forEach((v, j) => {
    if (v.kind !== 'strl') return;
    const first = new Float64Array(v.levels!.length).fill(-1);
    const refs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const code = v.codes![i]!;
      if (code < 0 || v.levels![code]!.length === 0) {
        refs[i] = 0;
        continue;
      }
      if (first[code]! < 0) {
        first[code] = i + 1;
        gsos.push({ v: j + 1, o: i + 1, bytes: v.levels![code]! });
      }
      refs[i] = first[code]!;
    }
    strlRefs.set(j, refs);
  });
  gsos.sort((a, b) => a.o - b.o || a.v - b.v);

  const b = new Bytes(le);
  const buildSections = (): { meta: Buffer; strls: Buffer; labels: Buffer; dataStart: number } => {
    const names = new Bytes(le);
    const formats = new Bytes(le);
    const lbl = new Bytes(le);
    const vlabels = new Bytes(le);
    const types = new Bytes(le);
    for (const v of vars) {
      if (layout.xml) types.uint(2, typeCode(v, layout));
      else types.uint(1, typeCode(v, layout));
      names.push(field(enc(v.name)!, layout.nameLen));
      formats.push(field(Buffer.from(v.format, 'latin1'), layout.formatLen));
      lbl.push(field(enc(v.labelSet)!, layout.labelNameLen));
      vlabels.push(field(v.label, layout.varLabelLen));
    }
    const sort = Buffer.alloc((k + 1) * layout.sortEntry);
    const strls = new Bytes(le);
    const labels = new Bytes(le);
    if (layout.xml) {
      strls.push('<strls>');
      for (const g of gsos) {
        strls.push('GSO').uint(4, g.v).uint(layout.gsoO, g.o).uint(1, 130).uint(4, g.bytes.length + 1).push(g.bytes).push(Uint8Array.of(0));
      }
      strls.push('</strls>');
      labels.push('<value_labels>');
    }
    for (const s of sets) {
      if (layout.xml) labels.push('<lbl>');
      labels.uint(4, s.table.length).push(field(enc(s.name)!, layout.labelNameLen)).push(Buffer.alloc(3)).push(s.table);
      if (layout.xml) labels.push('</lbl>');
    }
    if (layout.xml) labels.push('</value_labels>');

    if (!layout.xml) {
      b.uint(1, release).uint(1, le ? 2 : 1).uint(1, 1).uint(1, 0).uint(2, k).uint(4, n);
      b.push(field(dataLabel, 81)).push(field(Buffer.from(timestamp, 'latin1'), 18));
      b.push(types.concat()).push(names.concat()).push(sort).push(formats.concat()).push(lbl.concat()).push(vlabels.concat());
      b.uint(1, 0).uint(4, 0);
      return { meta: b.concat(), strls: Buffer.alloc(0), labels: labels.concat(), dataStart: b.length };
    }
    b.push(`<stata_dta><header><release>${release}</release><byteorder>${le ? 'LSF' : 'MSF'}</byteorder>`);
    b.push('<K>').uint(layout.kBytes, k).push('</K><N>').uint(layout.nBytes, n).push('</N>');
    b.push('<label>').uint(layout.dataLabelLen as 1 | 2, dataLabel.length).push(dataLabel).push('</label>');
    b.push('<timestamp>').uint(1, timestamp.length).push(timestamp).push('</timestamp></header>');
    const map: number[] = [0, b.length];
    let at = b.length + '<map>'.length + 14 * 8 + '</map>'.length;
    const sections: [string, Buffer][] = [
      ['variable_types', types.concat()], ['varnames', names.concat()], ['sortlist', sort], ['formats', formats.concat()],
      ['value_label_names', lbl.concat()], ['variable_labels', vlabels.concat()], ['characteristics', Buffer.alloc(0)],
    ];
    for (const [tag, body] of sections) {
      map.push(at);
      at += tag.length * 2 + 5 + body.length;
    }
    map.push(at); // <data>
    const dataStart = at + '<data>'.length;
    at = dataStart + n * recordLen + '</data>'.length;
    const strlBytes = strls.concat();
    map.push(at); // <strls>
    at += strlBytes.length;
    const labelBytes = labels.concat();
    map.push(at); // <value_labels>
    at += labelBytes.length;
    map.push(at); // </stata_dta>
    map.push(at + '</stata_dta>'.length); // end of file
    b.push('<map>');
    for (const m of map) b.uint(8, m);
    b.push('</map>');
    for (const [tag, body] of sections) b.push(`<${tag}>`).push(body).push(`</${tag}>`);
    b.push('<data>');
    return { meta: b.concat(), strls: strlBytes, labels: labelBytes, dataStart };
  };
  const { meta, strls, labels } = buildSections();

  let bytes = 0;
  try {
    await atomicWrite(path, async (tmp) => {
      const fh = await open(tmp, 'w');
      try {
        const write = async (buf: Uint8Array): Promise<void> => {
          let done = 0;
          while (done < buf.length) done += (await fh.write(buf, done, buf.length - done)).bytesWritten;
          bytes += buf.length;
        };
        await write(meta);
        await writeData(vars, n, recordLen, layout, le, strlRefs, write);
        if (layout.xml) await write(Buffer.from('</data>', 'latin1'));
        await write(strls);
        await write(labels);
        if (layout.xml) await write(Buffer.from('</stata_dta>', 'latin1'));
        await fh.sync();
      } finally {
        await fh.close();
      }
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { version: release, names: vars.map((v) => v.name), warnings, bytes };
}

async function writeData(
  vars: readonly Var[], n: number, recordLen: number, layout: DtaLayout, le: boolean, strlRefs: ReadonlyMap<number, Float64Array>,
  write: (b: Uint8Array) => Promise<void>,
): Promise<void> {
  if (n === 0 || recordLen === 0) return;
  const perChunk = Math.max(1, Math.floor(CHUNK / recordLen));
  const buf = Buffer.alloc(Math.min(perChunk, n) * recordLen);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const offsets: number[] = [];
  vars.reduce((o, v) => (offsets.push(o), o + v.width), 0);
  for (let row0 = 0; row0 < n; row0 += perChunk) {
    const m = Math.min(perChunk, n - row0);
    buf.fill(0);
    vars.forEach((v, j) => {
      const off = offsets[j]!;
      switch (v.kind) {
        case 'byte':
        case 'int':
        case 'long': {
          const vals = v.values!;
          const miss = MAX_INT[v.kind] + 1;
          for (let r = 0, p = off; r < m; r++, p += recordLen) {
            const x = vals[row0 + r]!;
            const y = Number.isNaN(x) ? miss : x;
            if (v.kind === 'byte') view.setInt8(p, y);
            else if (v.kind === 'int') view.setInt16(p, y, le);
            else view.setInt32(p, y, le);
          }
          break;
        }
        case 'double': {
          const vals = v.values!;
          for (let r = 0, p = off; r < m; r++, p += recordLen) {
            const x = vals[row0 + r]!;
            if (Number.isNaN(x)) {
              view.setUint32(le ? p + 4 : p, 0x7fe00000, le);
              view.setUint32(le ? p : p + 4, 0, le);
            } else view.setFloat64(p, x, le);
          }
          break;
        }
        case 'str': {
          const codes = v.codes!;
          const levels = v.levels!;
          for (let r = 0, p = off; r < m; r++, p += recordLen) {
            const c = codes[row0 + r]!;
            if (c >= 0) buf.set(levels[c]!, p);
          }
          break;
        }
        case 'strl': {
          const refs = strlRefs.get(j)!;
          for (let r = 0, p = off; r < m; r++, p += recordLen) {
            const o = refs[row0 + r]!;
            if (o === 0) continue;
            putUint(buf, p, layout.strlV, j + 1, le);
            putUint(buf, p + layout.strlV, layout.strlO, o, le);
          }
          break;
        }
      }
    });
    await write(m === perChunk ? buf : buf.subarray(0, m * recordLen));
  }
}
