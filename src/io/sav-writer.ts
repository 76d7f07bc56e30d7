/**
 * SPSS system file writer: .sav (uncompressed or bytecode-compressed) and .zsav, UTF-8 (record 7.20), with variable
 * and value labels, missing-value declarations, formats, dates and very long strings from a Table and its metadata.
 *
 * Written from the published format description (GNU PSPP developers guide, "System File Format"). Output is
 * deterministic: the header's creation date and time come from SOURCE_DATE_EPOCH (default 0, 1970-01-01 00:00:00 UTC),
 * so the same table gives the same bytes. The file is streamed to a temporary file beside the target and renamed.
 */
import { open } from 'node:fs/promises';
import { atomicWrite } from './atomic.js';
import { deflateSync } from 'node:zlib';
import { InputError } from './errors.js';
import { SECONDS_PER_DAY, SPSS_DATE_FORMATS, SPSS_DATETIME_FORMATS, SPSS_EPOCH_OFFSET, SPSS_FORMAT_NAMES } from './sav.js';
import type { ColumnMeta, Table } from './table.js';

export interface SavWriteOptions {
  /** `bytecode` (default, as SPSS and haven), `none`, or `zsav` (zlib; give the file a .zsav name). */
  readonly compression?: 'none' | 'bytecode' | 'zsav';
  /** Header creation time, seconds since 1970-01-01T00:00Z; default SOURCE_DATE_EPOCH, else 0. */
  readonly timestamp?: number;
  /** Byte order of the file (default little-endian, as SPSS on x86); readers take it from the layout code. */
  readonly byteOrder?: 'little' | 'big';
  /** Uncompressed bytes per zlib block of a .zsav (default 0x3FF000, as SPSS). */
  readonly zsavBlockSize?: number;
}

const FORMAT_CODES: ReadonlyMap<string, number> = new Map(Object.entries(SPSS_FORMAT_NAMES).map(([k, v]) => [v, Number(k)]));
const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
const NAME = /^[\p{L}@][\p{L}\p{N}@#$_.]*$/u;
const SYSMIS = -Number.MAX_VALUE;
const HIGHEST = Number.MAX_VALUE;
const LOWEST = (() => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(0xffeffffffffffffen);
  return b.readDoubleBE(0);
})();
const BIAS = 100;
const CHUNK_BYTES = 1 << 20;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/** A growing byte buffer in the file's byte order. */
class Bytes {
  private buf = Buffer.alloc(4096);
  len = 0;
  constructor(private readonly le: boolean) {}

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const bigger = Buffer.alloc(Math.max(2 * this.buf.length, this.len + n));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }

  i32(v: number): this {
    this.room(4);
    if (this.le) this.buf.writeInt32LE(v, this.len);
    else this.buf.writeInt32BE(v, this.len);
    this.len += 4;
    return this;
  }

  i64(v: number): this {
    this.room(8);
    if (this.le) this.buf.writeBigInt64LE(BigInt(v), this.len);
    else this.buf.writeBigInt64BE(BigInt(v), this.len);
    this.len += 8;
    return this;
  }

  f64(v: number): this {
    this.room(8);
    if (this.le) this.buf.writeDoubleLE(v, this.len);
    else this.buf.writeDoubleBE(v, this.len);
    this.len += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** b, then `fill` up to n bytes (b must not be longer). */
  padded(b: Uint8Array, n: number, fill = 0x20): this {
    this.room(n);
    this.buf.set(b, this.len);
    this.buf.fill(fill, this.len + b.length, this.len + n);
    this.len += n;
    return this;
  }

  result(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

/** One variable to write: a numeric column, or a string column stored in one or more segments of at most 255 bytes. */
interface OutVar {
  readonly name: string;
  readonly shortNames: readonly string[];
  readonly numeric: boolean;
  /** String width in bytes (0 for numbers). */
  readonly width: number;
  /** Per segment: first element (8-byte unit) in the case, stored width, bytes of data it carries. */
  readonly segments: readonly { readonly element: number; readonly width: number; readonly carries: number }[];
  readonly format: readonly [type: number, width: number, decimals: number];
  readonly label?: Buffer;
  readonly valueLabels: readonly { readonly value: number | Buffer; readonly label: Buffer }[];
  readonly missingValues: readonly (number | Buffer)[];
  readonly missingRange?: readonly [number, number];
  /** Table units to file units (days or seconds since 1970 to SPSS seconds). */
  readonly toFile: (x: number) => number;
}

function fail(path: string, column: string, why: string): InputError {
  return new InputError(`${path}: column "${column}": ${why}`);
}

/** The header's creation date and time, from options.timestamp or SOURCE_DATE_EPOCH (default 0). */
function headerTime(timestamp: number | undefined): { date: string; time: string } {
  let secs = timestamp;
  if (secs === undefined) {
    const env = process.env.SOURCE_DATE_EPOCH;
    if (env !== undefined && env !== '') {
      if (!/^\d+$/.test(env.trim())) throw new Error(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got "${env}"`);
      secs = Number(env.trim());
    } else secs = 0;
  }
  if (!Number.isFinite(secs) || secs < 0) throw new Error(`the timestamp must be a non-negative number of seconds since 1970-01-01, got ${secs}`);
  const d = new Date(Math.floor(secs) * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return {
    date: `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCFullYear() % 100)}`,
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  };
}

/** The longest prefix of s whose UTF-8 encoding fits in n bytes. */
function truncateBytes(s: string, n: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const len = Buffer.byteLength(ch);
    if (used + len > n) break;
    out += ch;
    used += len;
  }
  return out;
}

/** Unique 8-byte short names (upper-case ASCII letters), as SPSS derives them from long names. */
function shortNamer(): (long: string) => string {
  const used = new Set<string>();
  /** Per first-8-bytes prefix, the next suffix number to try. */
  const next = new Map<string, number>();
  return (long: string) => {
    const upper = long.replace(/[a-z]/g, (c) => c.toUpperCase());
    const base = truncateBytes(upper, 8).replace(/\.+$/, '');
    let candidate = base;
    if (used.has(candidate.toUpperCase())) {
      let k = next.get(base) ?? 1;
      do {
        const suffix = `_${k}`;
        candidate = truncateBytes(upper, 8 - suffix.length).replace(/\.+$/, '') + suffix;
        if (!/^[\p{L}@]/u.test(candidate)) candidate = `V${k}`;
        k++;
      } while (used.has(candidate.toUpperCase()));
      next.set(base, k);
    }
    used.add(candidate.toUpperCase());
    return candidate;
  };
}

function parseFormat(text: string | undefined): [number, number, number] | undefined {
  const m = text === undefined ? null : /^([A-Za-z]+)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const code = FORMAT_CODES.get(m[1]!.toUpperCase());
  const width = Number(m[2]);
  const decimals = m[3] === undefined ? 0 : Number(m[3]);
  if (code === undefined || width < 1 || width > 255 || decimals > 16) return undefined;
  return [code, width, decimals];
}

/** An F format wide enough for the values: F8.0 for whole numbers, up to 6 decimals otherwise. */
function defaultNumberFormat(values: Float64Array): [number, number, number] {
  let digits = 1;
  let decimals = 0;
  let negative = false;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < 0) negative = true;
    const a = Math.abs(v);
    if (a >= 10) digits = Math.max(digits, Math.min(40, Math.floor(Math.log10(a)) + 1));
    if (decimals < 6 && !Number.isInteger(v)) {
      const s = String(a);
      const dot = s.indexOf('.');
      decimals = s.includes('e') ? 6 : Math.max(decimals, Math.min(6, s.length - dot - 1));
    }
  }
  const width = Math.min(40, Math.max(8, digits + (decimals > 0 ? decimals + 1 : 0) + (negative ? 1 : 0)));
  return [5, width, Math.min(decimals, Math.max(0, width - 2))];
}

/** Builds the variables to write from the table and its metadata, checking what SPSS can hold. */
function planVariables(table: Table, path: string): OutVar[] {
  if (table.names.length === 0) throw new InputError(`${path}: the table has no columns to write`);
  const seen = new Map<string, string>();
  const short = shortNamer();
  const vars: OutVar[] = [];
  let element = 0;
  for (const name of table.names) {
    const bytes = Buffer.byteLength(name);
    if (!NAME.test(name) || name.endsWith('.') || bytes > 64 || RESERVED.has(name.toUpperCase())) {
      throw fail(path, name, 'not a valid SPSS variable name (at most 64 bytes; a letter or @ first, then letters, digits, . _ $ # @; not ending in "."; not a reserved word such as BY or TO)');
    }
    const upper = name.toUpperCase();
    if (seen.has(upper)) throw fail(path, name, `SPSS names ignore case, and "${seen.get(upper)}" is already a column`);
    seen.set(upper, name);
    const col = table.column(name);
    const meta: ColumnMeta = table.meta.columns?.get(name) ?? {};
    const label = meta.label !== undefined && meta.label !== '' ? utf8(meta.label) : undefined;
    if (label && label.length > 65535) throw fail(path, name, 'the variable label is longer than 65 535 bytes');
    const labelText = (l: string): Buffer => {
      const b = utf8(l);
      if (b.length > 255) throw fail(path, name, `the value label "${l.slice(0, 40)}..." is ${b.length} bytes long; SPSS holds at most 255`);
      return b;
    };
    if (col.kind === 'number') {
      const kind = meta.type === 'date' || meta.type === 'datetime' ? meta.type : 'numeric';
      const toFile = kind === 'date' ? (x: number) => x * SECONDS_PER_DAY + SPSS_EPOCH_OFFSET : kind === 'datetime' ? (x: number) => x + SPSS_EPOCH_OFFSET : (x: number) => x;
      let format = parseFormat(meta.format);
      const fname = format ? SPSS_FORMAT_NAMES[format[0]]! : '';
      const fits = kind === 'date' ? SPSS_DATE_FORMATS.has(fname) : kind === 'datetime' ? SPSS_DATETIME_FORMATS.has(fname) : !!format && fname !== 'A' && fname !== 'AHEX' && !SPSS_DATE_FORMATS.has(fname) && !SPSS_DATETIME_FORMATS.has(fname);
      if (!fits) {
        if (kind === 'date') format = [20, 11, 0];
        else if (kind === 'datetime') format = col.values.some((x) => Number.isFinite(x) && !Number.isInteger(x)) ? [22, 23, 2] : [22, 20, 0];
        else format = defaultNumberFormat(col.values);
      }
      const num = (v: number | string, what: string): number => {
        if (typeof v !== 'number') throw fail(path, name, `the ${what} "${v}" is text, but the column is numeric`);
        return v;
      };
      const valueLabels = (meta.valueLabels ?? []).map((l) => ({ value: toFile(num(l.value, 'labelled value')), label: labelText(l.label) }));
      const missingValues = (meta.missing?.values ?? []).map((v) => toFile(num(v, 'missing value')));
      const range = meta.missing?.range;
      if (range && !(range[0] <= range[1])) throw fail(path, name, `the missing-value range [${range[0]}, ${range[1]}] is empty`);
      if (range ? missingValues.length > 1 : missingValues.length > 3) {
        throw fail(path, name, `SPSS allows at most 3 discrete missing values, or a range and 1 discrete value; the metadata has ${missingValues.length}${range ? ' and a range' : ''}`);
      }
      vars.push({
        name,
        shortNames: [short(name)],
        numeric: true,
        width: 0,
        segments: [{ element, width: 0, carries: 8 }],
        format: format!,
        ...(label ? { label } : {}),
        valueLabels,
        missingValues,
        ...(range ? { missingRange: [toFile(range[0]), toFile(range[1])] as const } : {}),
        toFile,
      });
      element++;
      continue;
    }
    // A string variable.
    const str = (v: number | string, what: string): Buffer => {
      if (typeof v !== 'string') throw fail(path, name, `the ${what} ${v} is a number, but the column is text`);
      return utf8(v.replace(/ +$/, ''));
    };
    const valueLabels = (meta.valueLabels ?? []).map((l) => ({ value: str(l.value, 'labelled value'), label: labelText(l.label) }));
    if (meta.missing?.range) throw fail(path, name, 'a text column cannot have a range of missing values');
    const missingValues = (meta.missing?.values ?? []).map((v) => str(v, 'missing value'));
    const hasMissingCodes = col.codes.some((c) => c < 0);
    if (hasMissingCodes && !col.levels.includes('') && missingValues.length < 3 && !missingValues.some((m) => m.length === 0)) {
      // SPSS strings have no system-missing value: missing codes are written blank, and blank is declared missing.
      missingValues.push(Buffer.alloc(0));
    }
    if (missingValues.length > 3) throw fail(path, name, `SPSS allows at most 3 missing values; the metadata has ${missingValues.length}`);
    for (const m of missingValues) {
      if (m.length > 8) throw fail(path, name, `the missing value "${m.toString()}" is ${m.length} bytes long; SPSS string missing values hold at most 8 bytes`);
    }
    let width = Math.max(1, meta.width ?? 0, ...valueLabels.map((l) => (l.value as Buffer).length));
    for (const level of col.levels) width = Math.max(width, Buffer.byteLength(level.replace(/ +$/, '')));
    if (width > 32767) throw fail(path, name, `a value is ${width} bytes long; SPSS strings hold at most 32 767 bytes`);
    const segments: { element: number; width: number; carries: number }[] = [];
    const shortNames: string[] = [];
    if (width <= 255) {
      segments.push({ element, width, carries: width });
      shortNames.push(short(name));
      element += Math.ceil(width / 8);
    } else {
      const n = Math.ceil(width / 252);
      for (let s = 0; s < n; s++) {
        const w = s < n - 1 ? 255 : width - 252 * (n - 1);
        segments.push({ element, width: w, carries: w });
        shortNames.push(short(s === 0 ? name : `${truncateBytes(name, 6)}${s}`));
        element += Math.ceil(w / 8);
      }
    }
    vars.push({
      name,
      shortNames,
      numeric: false,
      width,
      segments,
      format: [1, Math.min(width, 255), 0],
      ...(label ? { label } : {}),
      valueLabels,
      missingValues,
      toFile: (x) => x,
    });
  }
  return vars;
}

/** The dictionary: header, variable, value label and extension records, up to and including the 999 record. */
function dictionary(table: Table, vars: readonly OutVar[], le: boolean, compression: 0 | 1 | 2, timestamp: number | undefined, path: string): Buffer {
  const out = new Bytes(le);
  const elements = vars.reduce((s, v) => s + v.segments.reduce((t, g) => t + Math.max(1, Math.ceil(g.width / 8)), 0), 0);
  const { date, time } = headerTime(timestamp);
  const fileLabel = utf8(table.meta.fileLabel ?? '');
  if (fileLabel.length > 64) throw new InputError(`${path}: the file label is ${fileLabel.length} bytes long; SPSS holds at most 64`);
  out.bytes(utf8(compression === 2 ? '$FL3' : '$FL2'));
  out.padded(utf8('@(#) SPSS DATA FILE migstat'), 60);
  out.i32(2).i32(elements).i32(compression).i32(0).i32(table.nrows <= 0x7fffffff ? table.nrows : -1).f64(BIAS);
  out.bytes(utf8(date)).bytes(utf8(time)).padded(fileLabel, 64).padded(new Uint8Array(0), 3, 0);

  const spaces8 = (b: Uint8Array): Buffer => {
    const r = Buffer.alloc(8, 0x20);
    r.set(b.subarray(0, 8));
    return r;
  };
  for (const v of vars) {
    v.segments.forEach((seg, s) => {
      const first = s === 0;
      const typeCode = v.numeric ? 0 : seg.width;
      const [ft, fw, fd] = v.numeric ? v.format : [1, seg.width, 0];
      const fmt = (ft << 16) | (fw << 8) | fd;
      let nMissing = 0;
      if (first && v.numeric) nMissing = v.missingRange ? -(2 + v.missingValues.length) : v.missingValues.length;
      else if (first && v.width <= 8) nMissing = v.missingValues.length;
      out.i32(2).i32(typeCode).i32(first && v.label ? 1 : 0).i32(nMissing).i32(fmt).i32(fmt).padded(utf8(v.shortNames[s]!), 8);
      if (first && v.label) out.i32(v.label.length).padded(v.label, (v.label.length + 3) & ~3);
      if (nMissing !== 0) {
        if (v.missingRange) {
          const [lo, hi] = v.missingRange;
          out.f64(lo === -Infinity ? LOWEST : lo).f64(hi === Infinity ? HIGHEST : hi);
        }
        for (const m of v.missingValues) {
          if (typeof m === 'number') out.f64(m);
          else out.bytes(spaces8(m));
        }
      }
      for (let k = 1; k < Math.ceil(seg.width / 8); k++) out.i32(2).i32(-1).i32(0).i32(0).i32(0).i32(0).padded(new Uint8Array(0), 8);
    });
  }
  // Value labels of numbers and short strings: a type 3 record and its type 4 record per variable.
  for (const v of vars) {
    if (v.valueLabels.length === 0 || (!v.numeric && v.width > 8)) continue;
    out.i32(3).i32(v.valueLabels.length);
    for (const l of v.valueLabels) {
      if (typeof l.value === 'number') out.f64(l.value);
      else out.bytes(spaces8(l.value));
      out.bytes(Uint8Array.of(l.label.length)).padded(l.label, ((l.label.length + 8) & ~7) - 1);
    }
    out.i32(4).i32(1).i32(v.segments[0]!.element + 1);
  }
  const ext = (subtype: number, size: number, data: Buffer | Bytes): void => {
    const b = data instanceof Bytes ? data.result() : data;
    out.i32(7).i32(subtype).i32(size).i32(b.length / size).bytes(b);
  };
  // 7.3 machine integers: version 20.0.0, machine -1, IEEE, compression 1, endianness, code page 65001 (UTF-8).
  const ints = new Bytes(le);
  for (const x of [20, 0, 0, -1, 1, 1, le ? 2 : 1, 65001]) ints.i32(x);
  ext(3, 4, ints);
  ext(4, 8, new Bytes(le).f64(SYSMIS).f64(HIGHEST).f64(LOWEST));
  // 7.11 display parameters per variable record: measure (1 nominal, 3 scale), width, alignment (0 left, 1 right).
  const display = new Bytes(le);
  for (const v of vars) {
    for (const seg of v.segments) {
      const measure = !v.numeric || v.valueLabels.length > 0 ? 1 : 3;
      display.i32(measure).i32(v.numeric ? Math.max(8, v.format[1]) : Math.min(Math.max(seg.width, 1), 40)).i32(v.numeric ? 1 : 0);
    }
  }
  ext(11, 4, display);
  ext(13, 1, utf8(vars.map((v) => `${v.shortNames[0]}=${v.name}`).join('\t')));
  const veryLong = vars.filter((v) => v.width > 255);
  if (veryLong.length > 0) ext(14, 1, utf8(veryLong.map((v) => `${v.shortNames[0]}=${String(v.width).padStart(5, '0')}\0\t`).join('')));
  ext(16, 8, new Bytes(le).i64(1).i64(table.nrows));
  ext(20, 1, utf8('UTF-8'));
  const longLabels = vars.filter((v) => !v.numeric && v.width > 8 && v.valueLabels.length > 0);
  if (longLabels.length > 0) {
    const b = new Bytes(le);
    for (const v of longLabels) {
      const nm = utf8(v.name);
      b.i32(nm.length).bytes(nm).i32(v.width).i32(v.valueLabels.length);
      for (const l of v.valueLabels) b.i32(v.width).padded(l.value as Buffer, v.width).i32(l.label.length).bytes(l.label);
    }
    ext(21, 1, b);
  }
  const longMissing = vars.filter((v) => !v.numeric && v.width > 8 && v.missingValues.length > 0);
  if (longMissing.length > 0) {
    const b = new Bytes(le);
    for (const v of longMissing) {
      const nm = utf8(v.name);
      b.i32(nm.length).bytes(nm).bytes(Uint8Array.of(v.missingValues.length)).i32(8);
      for (const m of v.missingValues) b.bytes(spaces8(m as Buffer));
    }
    ext(22, 1, b);
  }
  out.i32(999).i32(0);
  return out.result();
}

/** Fills case records, a chunk of rows at a time. */
function caseFiller(table: Table, vars: readonly OutVar[], le: boolean, caseBytes: number, path: string): (buf: Buffer, row0: number, rows: number) => void {
  const writers: ((buf: Buffer, base: number, row: number) => void)[] = [];
  for (const v of vars) {
    const col = table.column(v.name);
    if (col.kind === 'number') {
      const off = v.segments[0]!.element * 8;
      const values = col.values;
      const toFile = v.toFile;
      writers.push((buf, base, row) => {
        const x = values[row]!;
        const y = x !== x ? SYSMIS : x === Infinity ? HIGHEST : x === -Infinity ? LOWEST : toFile(x);
        if (le) buf.writeDoubleLE(y, base + off);
        else buf.writeDoubleBE(y, base + off);
      });
    } else {
      const levels = col.levels.map((l) => utf8(l.replace(/ +$/, '')));
      const codes = col.codes;
      const segs = v.segments;
      writers.push((buf, base, row) => {
        const c = codes[row]!;
        if (c < 0) return;
        const bytes = levels[c];
        if (!bytes) throw fail(path, v.name, `row ${row + 1} has code ${c}, but the column has ${levels.length} levels`);
        let used = 0;
        for (const seg of segs) {
          if (used >= bytes.length) break;
          const n = Math.min(seg.carries, bytes.length - used);
          bytes.copy(buf, base + seg.element * 8, used, used + n);
          used += n;
        }
      });
    }
  }
  return (buf, row0, rows) => {
    buf.fill(0x20, 0, rows * caseBytes);
    for (let r = 0; r < rows; r++) {
      const base = r * caseBytes;
      for (const w of writers) w(buf, base, row0 + r);
    }
  };
}

/** Bytecode compression of case records into a stream of 8-byte control blocks and literal elements. */
class BytecodeWriter {
  private buf = Buffer.alloc(CHUNK_BYTES + 1024);
  private len = 0;
  private ctrl = -1;
  private nctrl = 8;
  private readonly numeric: Uint8Array;

  constructor(vars: readonly OutVar[], elements: number, private readonly le: boolean, private readonly emit: (b: Buffer) => Promise<void>) {
    this.numeric = new Uint8Array(elements);
    for (const v of vars) if (v.numeric) this.numeric[v.segments[0]!.element] = 1;
  }

  private code(c: number): void {
    if (this.nctrl === 8) {
      this.ctrl = this.len;
      this.buf.fill(0, this.len, this.len + 8);
      this.len += 8;
      this.nctrl = 0;
    }
    this.buf[this.ctrl + this.nctrl++] = c;
  }

  async rows(cases: Buffer, rows: number, caseBytes: number): Promise<void> {
    const elements = caseBytes / 8;
    for (let r = 0; r < rows; r++) {
      const base = r * caseBytes;
      for (let e = 0; e < elements; e++) {
        const o = base + 8 * e;
        if (this.numeric[e]) {
          const x = this.le ? cases.readDoubleLE(o) : cases.readDoubleBE(o);
          if (x === SYSMIS) this.code(255);
          else if (Number.isInteger(x) && x >= 1 - BIAS && x <= 251 - BIAS && !Object.is(x, -0)) this.code(x + BIAS);
          else this.literal(cases, o);
        } else {
          let blank = true;
          for (let k = 0; k < 8; k++) if (cases[o + k] !== 0x20) blank = false;
          if (blank) this.code(254);
          else this.literal(cases, o);
        }
      }
      if (this.len >= CHUNK_BYTES) await this.flush(false);
    }
  }

  private literal(cases: Buffer, o: number): void {
    this.code(253);
    cases.copy(this.buf, this.len, o, o + 8);
    this.len += 8;
  }

  /** Emits the finished control blocks (all, with the end code, when `end`). */
  async flush(end: boolean): Promise<void> {
    if (end) this.code(252);
    const upto = end ? this.len : this.ctrl;
    if (upto <= 0) return;
    await this.emit(Buffer.from(this.buf.subarray(0, upto)));
    this.buf.copy(this.buf, 0, upto, this.len);
    this.len -= upto;
    this.ctrl -= upto;
  }
}

/**
 * Writes a Table as an SPSS system file: numbers as numeric variables (NaN system-missing; `date`/`datetime` columns
 * converted to SPSS seconds), category columns as UTF-8 strings (wider than 255 bytes as very long strings; missing
 * codes written blank, with blank declared user-missing when room allows), with the variable labels, value labels,
 * missing-value declarations and formats in `table.meta`. Bad names or metadata SPSS cannot hold raise InputError.
 */
export async function writeSav(table: Table, path: string, options: SavWriteOptions = {}): Promise<void> {
  const compression = options.compression ?? 'bytecode';
  if (!['none', 'bytecode', 'zsav'].includes(compression)) throw new Error(`compression must be none, bytecode or zsav, got ${compression}`);
  const le = (options.byteOrder ?? 'little') === 'little';
  const blockSize = options.zsavBlockSize ?? 0x3ff000;
  if (!Number.isInteger(blockSize) || blockSize < 8 || blockSize % 8 !== 0) throw new Error(`zsavBlockSize must be a positive multiple of 8, got ${blockSize}`);
  const code = compression === 'none' ? 0 : compression === 'bytecode' ? 1 : 2;
  const vars = planVariables(table, path);
  const dict = dictionary(table, vars, le, code, options.timestamp, path);
  const elements = vars.reduce((s, v) => s + v.segments.reduce((t, g) => t + Math.max(1, Math.ceil(g.width / 8)), 0), 0);
  const caseBytes = elements * 8;
  const fill = caseFiller(table, vars, le, caseBytes, path);

  await atomicWrite(path, async (tmp) => {
    const fh = await open(tmp, 'w');
    try {
      let pos = 0;
      const write = async (b: Buffer): Promise<void> => {
        let done = 0;
        while (done < b.length) {
          const { bytesWritten } = await fh.write(b, done, b.length - done, pos + done);
          done += bytesWritten;
        }
        pos += b.length;
      };
      await write(dict);
      const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / caseBytes));
      const cases = Buffer.alloc(rowsPerChunk * caseBytes);
      const eachChunk = async (f: (rows: number) => Promise<void>): Promise<void> => {
        for (let row0 = 0; row0 < table.nrows; row0 += rowsPerChunk) {
          const rows = Math.min(rowsPerChunk, table.nrows - row0);
          fill(cases, row0, rows);
          await f(rows);
        }
      };
      if (code === 0) {
        await eachChunk((rows) => write(cases.subarray(0, rows * caseBytes)));
      } else if (code === 1) {
        const bc = new BytecodeWriter(vars, elements, le, write);
        await eachChunk((rows) => bc.rows(cases, rows, caseBytes));
        await bc.flush(true);
      } else {
        // zsav: a zlib data header (patched at the end), zlib blocks of the bytecode stream, then the trailer.
        const zheaderOfs = pos;
        await write(Buffer.alloc(24));
        const blocks: { usize: number; csize: number }[] = [];
        const block = Buffer.alloc(blockSize);
        let blockLen = 0;
        const deflateBlock = async (): Promise<void> => {
          const z = deflateSync(block.subarray(0, blockLen));
          blocks.push({ usize: blockLen, csize: z.length });
          await write(z);
          blockLen = 0;
        };
        const stream = async (b: Buffer): Promise<void> => {
          let used = 0;
          while (used < b.length) {
            const n = Math.min(blockSize - blockLen, b.length - used);
            b.copy(block, blockLen, used, used + n);
            blockLen += n;
            used += n;
            if (blockLen === blockSize) await deflateBlock();
          }
        };
        const bc = new BytecodeWriter(vars, elements, le, stream);
        await eachChunk((rows) => bc.rows(cases, rows, caseBytes));
        await bc.flush(true);
        if (blockLen > 0) await deflateBlock();
        const ztrailerOfs = pos;
        const trailer = new Bytes(le).i64(-BIAS).i64(0).i32(blockSize).i32(blocks.length);
        let uofs = zheaderOfs;
        let cofs = zheaderOfs + 24;
        for (const b of blocks) {
          trailer.i64(uofs).i64(cofs).i32(b.usize).i32(b.csize);
          uofs += b.usize;
          cofs += b.csize;
        }
        const t = trailer.result();
        await write(t);
        const zheader = new Bytes(le).i64(zheaderOfs).i64(ztrailerOfs).i64(t.length).result();
        await fh.write(zheader, 0, 24, zheaderOfs);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
}
