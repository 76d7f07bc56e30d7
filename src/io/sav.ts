/**
 * SPSS system files: a streaming reader for .sav (uncompressed or bytecode-compressed) and .zsav (zlib).
 *
 * Written from the published format description (GNU PSPP developers guide, "System File Format"). The file is read
 * through a fixed-size buffer with positioned reads; only the requested columns are decoded, numbers into Float64Array
 * and strings dictionary-encoded into Int32Array codes. A .zsav is inflated one zlib block at a time.
 */
import type { FileHandle } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { textDecoder } from './encoding.js';
import { InputError } from './errors.js';
import { openForReading } from './read-util.js';
import { type CategoryColumn, type Column, type ColumnMeta, type NumberColumn, Table, type TableMeta, type ValueLabel } from './table.js';

export interface SavReadOptions {
  /** Decode only these columns, in this order (default: all, in file order). */
  readonly columns?: readonly string[];
  /** `missing` (default, as R haven): user-missing values become NaN / code -1; `keep` keeps them as values. */
  readonly userMissing?: 'missing' | 'keep';
  /** Text encoding to use instead of the file's own (record 7.20, else the code page of record 7.3). */
  readonly encoding?: string;
}

export interface SavBatchOptions extends SavReadOptions {
  /** Rows per batch (default 65 536). */
  readonly batchRows?: number;
}

/** A system file's dictionary, read without its data. */
export interface SavInfo {
  /** Variable names, in file order. */
  readonly names: readonly string[];
  /** Number of cases, or -1 when the file does not say. */
  readonly nrows: number;
  readonly meta: TableMeta;
  readonly compression: 'none' | 'bytecode' | 'zsav';
  readonly byteOrder: 'little' | 'big';
  /** The weight variable (header weight index), if any. */
  readonly weight?: string;
  /** Creation date and time as the header writes them (`dd Mmm yy hh:mm:ss`). */
  readonly created: string;
  /** Product string of the writer (after `@(#) SPSS DATA FILE`). */
  readonly product: string;
  /** Document (type 6) lines. */
  readonly documents: readonly string[];
}

/** Seconds from the SPSS epoch (1582-10-14 00:00) to 1970-01-01 00:00. */
export const SPSS_EPOCH_OFFSET = 12_219_379_200;
export const SECONDS_PER_DAY = 86_400;

/** SPSS format type codes (print/write formats) and their names. */
export const SPSS_FORMAT_NAMES: Readonly<Record<number, string>> = {
  1: 'A', 2: 'AHEX', 3: 'COMMA', 4: 'DOLLAR', 5: 'F', 6: 'IB', 7: 'PIBHEX', 8: 'P', 9: 'PIB', 10: 'PK', 11: 'RB', 12: 'RBHEX',
  15: 'Z', 16: 'N', 17: 'E', 20: 'DATE', 21: 'TIME', 22: 'DATETIME', 23: 'ADATE', 24: 'JDATE', 25: 'DTIME', 26: 'WKDAY',
  27: 'MONTH', 28: 'MOYR', 29: 'QYR', 30: 'WKYR', 31: 'PCT', 32: 'DOT', 33: 'CCA', 34: 'CCB', 35: 'CCC', 36: 'CCD', 37: 'CCE',
  38: 'EDATE', 39: 'SDATE', 40: 'MTIME', 41: 'YMDHMS',
};
/** Formats whose values are dates (held as days since 1970-01-01) and date-times (seconds since 1970-01-01T00:00Z). */
export const SPSS_DATE_FORMATS: ReadonlySet<string> = new Set(['DATE', 'ADATE', 'EDATE', 'JDATE', 'SDATE', 'MOYR', 'QYR', 'WKYR']);
export const SPSS_DATETIME_FORMATS: ReadonlySet<string> = new Set(['DATETIME', 'YMDHMS']);

/** Format text as SPSS and haven show it: `F8.2`, `F8.0`, `A20`, `DATE11`, `DATETIME23.2`. */
export function spssFormatText(type: number, width: number, decimals: number): string {
  const name = SPSS_FORMAT_NAMES[type] ?? 'F';
  return decimals > 0 || name === 'F' ? `${name}${width}.${decimals}` : `${name}${width}`;
}

/** How a numeric format's values are held in a Table: SPSS seconds become days or seconds since 1970. */
export function spssValueType(formatName: string): 'numeric' | 'date' | 'datetime' {
  return SPSS_DATE_FORMATS.has(formatName) ? 'date' : SPSS_DATETIME_FORMATS.has(formatName) ? 'datetime' : 'numeric';
}

/** Text decoding for one encoding. */
interface Codec {
  readonly name: string;
  decode(bytes: Uint8Array): string;
}

const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'cp819', 'ibm819', 'iso-ir-100', 'iso_8859-1:1987']);

/** Windows / IBM code pages (record 7.3 character code) and their encodings. */
const CODE_PAGES: Readonly<Record<number, string>> = {
  2: 'windows-1252', 3: 'windows-1252', 819: 'iso-8859-1', 866: 'ibm866', 874: 'windows-874', 912: 'iso-8859-2', 932: 'shift_jis',
  936: 'gbk', 949: 'euc-kr', 950: 'big5', 1208: 'utf-8', 1250: 'windows-1250', 1251: 'windows-1251', 1252: 'windows-1252',
  1253: 'windows-1253', 1254: 'windows-1254', 1255: 'windows-1255', 1256: 'windows-1256', 1257: 'windows-1257', 1258: 'windows-1258',
  10000: 'macintosh', 10007: 'x-mac-cyrillic', 20127: 'us-ascii', 20866: 'koi8-r', 20932: 'euc-jp', 21866: 'koi8-u',
  28591: 'iso-8859-1', 28592: 'iso-8859-2', 28593: 'iso-8859-3', 28594: 'iso-8859-4', 28595: 'iso-8859-5', 28596: 'iso-8859-6',
  28597: 'iso-8859-7', 28598: 'iso-8859-8', 28599: 'iso-8859-9', 28603: 'iso-8859-13', 28605: 'iso-8859-15', 50220: 'iso-2022-jp',
  51932: 'euc-jp', 51936: 'gbk', 51949: 'euc-kr', 54936: 'gb18030', 65001: 'utf-8',
};

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** A decoder for an encoding name, or undefined when Node cannot decode it (or it is not byte-oriented, like UTF-16). */
function codecFor(name: string): Codec | undefined {
  const label = name.trim().toLowerCase();
  if (LATIN1_NAMES.has(label)) {
    // The WHATWG decoder treats latin1 as windows-1252; ISO-8859-1 maps every byte to the same code point.
    return { name: 'iso-8859-1', decode: latin1 };
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { ignoreBOM: true });
  } catch {
    return undefined;
  }
  if (decoder.encoding.startsWith('utf-16')) return undefined;
  if (decoder.encoding === 'windows-1252') {
    // Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80 gives U+0080, not the euro sign).
    const cp1252 = textDecoder('windows-1252');
    return { name: cp1252.encoding, decode: (b) => cp1252.decode(b) };
  }
  return { name: decoder.encoding, decode: (b) => decoder.decode(b) };
}

const DEFAULT_SYSMIS = -Number.MAX_VALUE;
const DEFAULT_HIGHEST = Number.MAX_VALUE;
/** LOWEST: the largest finite double below -DBL_MAX's neighbour, 0xFFEFFFFFFFFFFFFE. */
const DEFAULT_LOWEST = (() => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(0xffeffffffffffffen);
  return b.readDoubleBE(0);
})();

const HEADER_BYTES = 176;
const CHUNK_BYTES = 1 << 20;

/** Reads the dictionary of a file through a growing buffer (records may be long), with offsets for messages. */
class DictReader {
  private buf = Buffer.alloc(1 << 16);
  private bufStart = 0;
  private len = 0;
  private p = 0;
  le = true;

  constructor(private readonly fh: FileHandle, private readonly path: string, readonly size: number) {}

  get pos(): number {
    return this.bufStart + this.p;
  }

  /** Makes n bytes available at the cursor, or fails naming what was being read. */
  async need(n: number, what: string): Promise<void> {
    if (this.len - this.p >= n) return;
    if (this.pos + n > this.size) {
      throw new InputError(`${this.path}: truncated file: ${what} needs ${n} bytes at byte ${this.pos}, but the file ends at byte ${this.size}`);
    }
    const keep = this.len - this.p;
    if (n > this.buf.length) {
      const bigger = Buffer.alloc(Math.max(n, 2 * this.buf.length));
      this.buf.copy(bigger, 0, this.p, this.len);
      this.buf = bigger;
    } else this.buf.copy(this.buf, 0, this.p, this.len);
    this.bufStart += this.p;
    this.p = 0;
    this.len = keep;
    while (this.len < n) {
      const want = Math.min(this.buf.length - this.len, this.size - (this.bufStart + this.len));
      const { bytesRead } = await this.fh.read(this.buf, this.len, want, this.bufStart + this.len);
      if (bytesRead === 0) throw new InputError(`${this.path}: truncated file: ${what} needs ${n} bytes at byte ${this.pos}, but the file ends early`);
      this.len += bytesRead;
    }
  }

  /** Skips n bytes (which must lie within the file). */
  async skip(n: number, what: string): Promise<void> {
    if (this.len - this.p >= n) {
      this.p += n;
      return;
    }
    if (this.pos + n > this.size) {
      throw new InputError(`${this.path}: truncated file: ${what} needs ${n} bytes at byte ${this.pos}, but the file ends at byte ${this.size}`);
    }
    this.bufStart = this.pos + n;
    this.p = 0;
    this.len = 0;
  }

  i32(): number {
    const v = this.le ? this.buf.readInt32LE(this.p) : this.buf.readInt32BE(this.p);
    this.p += 4;
    return v;
  }

  /** A copy of the next n bytes. */
  bytes(n: number): Buffer {
    const b = Buffer.from(this.buf.subarray(this.p, this.p + n));
    this.p += n;
    return b;
  }
}

/** One type-2 variable record that is not a continuation. */
interface RawVar {
  readonly offset: number;
  readonly name: Buffer;
  readonly width: number;
  elements: number;
  readonly element: number;
  readonly print: number;
  readonly label?: Buffer;
  readonly nMissing: number;
  readonly missing: Buffer[];
  labelSets: RawLabel[][];
}

interface RawLabel {
  readonly value: Buffer;
  readonly label: Buffer;
}

/** A variable after very long strings are joined from their segments. */
interface SavVar {
  name: string;
  readonly shortName: string;
  readonly width: number;
  readonly element: number;
  /** Byte ranges in the case record that hold the string, in order. */
  readonly pieces: readonly { readonly offset: number; readonly len: number }[];
  readonly formatName: string;
  readonly format: string;
  readonly type: 'numeric' | 'string' | 'date' | 'datetime';
  label?: string;
  valueLabels: { value: number | string; label: string }[];
  /** Missing declarations in file units (SPSS seconds for dates). */
  missingValues: (number | string)[];
  missingRange?: [number, number];
}

interface Dictionary {
  readonly path: string;
  readonly size: number;
  readonly le: boolean;
  readonly compression: 0 | 1 | 2;
  readonly bias: number;
  readonly ncases: number;
  readonly caseBytes: number;
  readonly dataStart: number;
  readonly vars: readonly SavVar[];
  readonly sysmis: number;
  readonly highest: number;
  readonly lowest: number;
  readonly codec: Codec;
  readonly info: SavInfo;
}

function printable(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

function trimRight(b: Uint8Array): Uint8Array {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x20 || b[end - 1] === 0)) end--;
  return b.subarray(0, end);
}

/** Why the first bytes are not a system file, with a hint when they are another known format. */
function magicError(path: string, head: Buffer): InputError {
  const shown = printable(head.subarray(0, 4));
  let hint = '';
  if (head[0] === 0x5b && head[1] === 0xc6 && head[2] === 0xd3 && (head[3] === 0xf2 || head[3] === 0xf3)) hint = ' (an EBCDIC system file, which is not supported)';
  else if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) hint = ' (this is a ZIP archive, e.g. .xlsx)';
  else if (head.toString('latin1').includes('SPSS PORT FILE')) hint = ' (this is an SPSS portable file, .por, which is not supported)';
  else if (head.toString('latin1', 0, 11) === '<stata_dta>' || (head[0]! >= 0x71 && head[0]! <= 0x77 && head[1]! <= 2)) hint = ' (this looks like a Stata .dta file)';
  return new InputError(`${path}: not an SPSS system file: the first bytes (byte 0) are "${shown}", expected "$FL2" (.sav) or "$FL3" (.zsav)${hint}`);
}

/** Opens a file for reading, naming it in the error. */
async function openFile(path: string): Promise<{ fh: FileHandle; size: number }> {
  const fh = await openForReading(path);
  try {
    return { fh, size: (await fh.stat()).size };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

async function readDictionary(fh: FileHandle, path: string, size: number, encodingOverride: string | undefined): Promise<Dictionary> {
  if (size === 0) throw new InputError(`${path}: the file is empty: expected an SPSS system file starting with "$FL2" or "$FL3"`);
  const r = new DictReader(fh, path, size);
  const head = Buffer.alloc(Math.min(size, 512));
  await fh.read(head, 0, head.length, 0);
  const magic = head.toString('latin1', 0, 4);
  if (magic !== '$FL2' && magic !== '$FL3') throw magicError(path, head);
  await r.need(HEADER_BYTES, 'the file header record (176 bytes from byte 0)');
  const hdr = r.bytes(HEADER_BYTES);
  let le: boolean;
  const layoutLE = hdr.readInt32LE(64);
  if (layoutLE === 2 || layoutLE === 3) le = true;
  else {
    const layoutBE = hdr.readInt32BE(64);
    if (layoutBE !== 2 && layoutBE !== 3) throw new InputError(`${path}: the file header's layout code at byte 64 is ${layoutLE}, expected 2 or 3`);
    le = false;
  }
  r.le = le;
  const i32 = (o: number): number => (le ? hdr.readInt32LE(o) : hdr.readInt32BE(o));
  const compression = i32(72);
  if (compression !== 0 && compression !== 1 && compression !== 2) {
    throw new InputError(`${path}: the file header's compression code at byte 72 is ${compression}, expected 0 (none), 1 (bytecode) or 2 (zlib)`);
  }
  if ((magic === '$FL3') !== (compression === 2)) {
    throw new InputError(`${path}: inconsistent compression: the file starts with "${magic}" but the header's compression code at byte 72 is ${compression} (${magic === '$FL3' ? 'a .zsav needs 2' : '2 needs "$FL3"'})`);
  }
  const weightIndex = i32(76);
  let ncases = i32(80);
  const bias = le ? hdr.readDoubleLE(84) : hdr.readDoubleBE(84);
  if (compression !== 0 && !(bias >= 0 && bias <= 255)) throw new InputError(`${path}: the file header's compression bias at byte 84 is ${bias}, expected 100`);
  const product = hdr.toString('latin1', 4, 64).replace(/^@\(#\) SPSS DATA FILE\s*/, '').trimEnd();
  const created = `${hdr.toString('latin1', 92, 101)} ${hdr.toString('latin1', 101, 109)}`;
  const fileLabelRaw = hdr.subarray(109, 173);

  const raws: RawVar[] = [];
  const rawAt = new Map<number, RawVar>();
  let elements = 0;
  const documents: Buffer[] = [];
  const ext = new Map<number, { data: Buffer; size: number; count: number; offset: number }[]>();
  let dataStart = -1;
  while (dataStart < 0) {
    const at = r.pos;
    await r.need(4, `the record type of the record that starts at byte ${at} (the dictionary has no end record, type 999)`);
    const type = r.i32();
    if (type === 2) {
      const what = `the variable record (type 2) that starts at byte ${at}`;
      await r.need(28, what);
      const vtype = r.i32();
      const hasLabel = r.i32();
      const nMissing = r.i32();
      const print = r.i32();
      r.i32(); // write format
      const name = r.bytes(8);
      let label: Buffer | undefined;
      if (hasLabel !== 0 && hasLabel !== 1) throw new InputError(`${path}: ${what}: has_var_label is ${hasLabel} at byte ${at + 8}, expected 0 or 1`);
      if (hasLabel) {
        await r.need(4, what);
        const n = r.i32();
        if (n < 0 || n > 65535) throw new InputError(`${path}: ${what}: variable label length ${n} at byte ${r.pos - 4}`);
        const padded = (n + 3) & ~3;
        await r.need(padded, what);
        label = r.bytes(n);
        await r.skip(padded - n, what);
      }
      if (![0, 1, 2, 3, -2, -3].includes(nMissing)) {
        throw new InputError(`${path}: ${what}: the number of missing values at byte ${at + 12} is ${nMissing}, expected 0 to 3, -2 or -3`);
      }
      const missing: Buffer[] = [];
      if (nMissing !== 0) {
        await r.need(8 * Math.abs(nMissing), what);
        for (let i = 0; i < Math.abs(nMissing); i++) missing.push(r.bytes(8));
      }
      if (vtype === -1) {
        const prev = raws[raws.length - 1];
        if (!prev || prev.width === 0) throw new InputError(`${path}: ${what} continues a string variable, but no string variable comes before it`);
        prev.elements++;
      } else if (vtype >= 0 && vtype <= 255) {
        if (vtype > 0 && nMissing < 0) throw new InputError(`${path}: ${what}: a string variable cannot have a range of missing values`);
        raws.push({ offset: at, name, width: vtype, elements: 1, element: elements, print, ...(label ? { label } : {}), nMissing, missing, labelSets: [] });
        rawAt.set(elements, raws[raws.length - 1]!);
      } else {
        throw new InputError(`${path}: ${what}: variable type ${vtype} at byte ${at + 4}, expected 0 (numeric), 1 to 255 (string width) or -1 (continuation)`);
      }
      elements++;
    } else if (type === 3) {
      const what = `the value label record (type 3) that starts at byte ${at}`;
      await r.need(4, what);
      const count = r.i32();
      if (count < 0 || count * 16 > size - r.pos) throw new InputError(`${path}: ${what}: label count ${count} at byte ${at + 4} does not fit in the file`);
      const labels: RawLabel[] = [];
      for (let i = 0; i < count; i++) {
        await r.need(9, what);
        const value = r.bytes(8);
        const n = r.bytes(1)[0]!;
        const padded = ((n + 8) & ~7) - 1;
        await r.need(padded, what);
        const label = r.bytes(n);
        await r.skip(padded - n, what);
        labels.push({ value, label });
      }
      const at4 = r.pos;
      await r.need(8, `the value label variables record (type 4) that must follow the type 3 record at byte ${at}`);
      const t4 = r.i32();
      if (t4 !== 4) throw new InputError(`${path}: the value label record (type 3) at byte ${at} must be followed by a type 4 record, but byte ${at4} has record type ${t4}`);
      const nvars = r.i32();
      if (nvars < 0 || nvars * 4 > size - r.pos) throw new InputError(`${path}: the value label variables record (type 4) at byte ${at4}: variable count ${nvars} does not fit in the file`);
      await r.need(4 * nvars, `the value label variables record (type 4) that starts at byte ${at4}`);
      for (let i = 0; i < nvars; i++) {
        const index = r.i32();
        const v = rawAt.get(index - 1);
        if (!v) throw new InputError(`${path}: the value label variables record (type 4) at byte ${at4} names dictionary index ${index}, which is not the first element of a variable`);
        v.labelSets.push(labels);
      }
    } else if (type === 6) {
      const what = `the document record (type 6) that starts at byte ${at}`;
      await r.need(4, what);
      const n = r.i32();
      if (n < 0 || n * 80 > size - r.pos) throw new InputError(`${path}: ${what}: line count ${n} does not fit in the file`);
      await r.need(80 * n, what);
      for (let i = 0; i < n; i++) documents.push(r.bytes(80));
    } else if (type === 7) {
      const what = `the extension record (type 7) that starts at byte ${at}`;
      await r.need(12, what);
      const subtype = r.i32();
      const esize = r.i32();
      const count = r.i32();
      if (esize < 0 || count < 0 || esize * count > size - r.pos) {
        throw new InputError(`${path}: truncated file: ${what} (subtype ${subtype}) declares ${esize} x ${count} bytes at byte ${at + 16}, but the file ends at byte ${size}`);
      }
      const n = esize * count;
      if ([3, 4, 13, 14, 16, 20, 21, 22].includes(subtype)) {
        await r.need(n, what);
        const list = ext.get(subtype) ?? [];
        list.push({ data: r.bytes(n), size: esize, count, offset: at });
        ext.set(subtype, list);
      } else await r.skip(n, what);
    } else if (type === 999) {
      await r.need(4, `the dictionary termination record (type 999) that starts at byte ${at}`);
      r.i32();
      dataStart = r.pos;
    } else {
      throw new InputError(`${path}: unknown record type ${type} at byte ${at} (expected 2, 3, 6, 7 or 999)`);
    }
  }
  if (raws.length === 0) throw new InputError(`${path}: the dictionary has no variables`);
  for (const v of raws) {
    if (v.width > 0 && v.elements !== Math.ceil(v.width / 8)) {
      throw new InputError(`${path}: the string variable record at byte ${v.offset} has width ${v.width} but ${v.elements} 8-byte elements (expected ${Math.ceil(v.width / 8)})`);
    }
  }
  const int32At = (b: Buffer, o: number): number => (le ? b.readInt32LE(o) : b.readInt32BE(o));
  const f64At = (b: Buffer, o: number): number => (le ? b.readDoubleLE(o) : b.readDoubleBE(o));

  // Encoding: the option, else record 7.20, else the code page of record 7.3, else windows-1252.
  let codec: Codec | undefined;
  if (encodingOverride !== undefined) {
    codec = codecFor(encodingOverride);
    if (!codec) throw new InputError(`${path}: encoding "${encodingOverride}" (options.encoding) is not supported by this Node.js`);
  } else {
    const enc = ext.get(20)?.[0];
    const intInfo = ext.get(3)?.[0];
    if (enc) {
      const name = enc.data.toString('latin1').replace(/\0+$/, '');
      codec = codecFor(name);
      if (!codec) throw new InputError(`${path}: the character encoding record (7.20) at byte ${enc.offset} names "${name}", which is not supported; pass options.encoding`);
    } else if (intInfo && intInfo.data.length >= 32) {
      const cp = int32At(intInfo.data, 28);
      const name = CODE_PAGES[cp];
      codec = name === undefined ? undefined : codecFor(name);
      if (!codec) throw new InputError(`${path}: the machine integer record (7.3) at byte ${intInfo.offset} gives character code ${cp}, which is not supported; pass options.encoding`);
    } else codec = codecFor('windows-1252')!;
  }
  const text = (b: Uint8Array): string => codec.decode(trimRight(b).filter((c) => c !== 0));

  let sysmis = DEFAULT_SYSMIS;
  let highest = DEFAULT_HIGHEST;
  let lowest = DEFAULT_LOWEST;
  const fp = ext.get(4)?.[0];
  if (fp && fp.size === 8 && fp.count === 3) {
    sysmis = f64At(fp.data, 0);
    highest = f64At(fp.data, 8);
    lowest = f64At(fp.data, 16);
  }
  if (ncases < 0) {
    const n64 = ext.get(16)?.[0];
    if (n64 && n64.size === 8 && n64.count === 2) {
      const n = le ? n64.data.readBigInt64LE(8) : n64.data.readBigInt64BE(8);
      if (n >= 0n && n <= BigInt(Number.MAX_SAFE_INTEGER)) ncases = Number(n);
    }
  }
  if (ncases < -1) throw new InputError(`${path}: the file header's case count at byte 80 is ${ncases}`);
  // A case of E elements takes 8E bytes uncompressed and at least E code bytes compressed.
  const minBytes = ncases * elements * (compression === 0 ? 8 : 1);
  if (compression !== 2 && ncases > 0 && dataStart + minBytes > size) {
    throw new InputError(`${path}: truncated data: the header announces ${ncases} cases, which take ${compression === 0 ? '' : 'at least '}${minBytes} bytes from byte ${dataStart}, but the file ends at byte ${size}`);
  }

  // Very long strings (7.14): a variable of width w spans ceil(w / 252) segment variables.
  const shortNames = raws.map((v) => text(v.name));
  const veryLong = new Map<string, number>();
  for (const rec of ext.get(14) ?? []) {
    for (const pair of codec.decode(rec.data).split(/[\t\0]+/)) {
      if (pair.trim() === '') continue;
      const eq = pair.indexOf('=');
      const width = Number(pair.slice(eq + 1));
      if (eq < 0 || !Number.isInteger(width) || width < 256 || width > 32767) {
        throw new InputError(`${path}: the very long string record (7.14) at byte ${rec.offset} has the entry "${pair}", expected NAME=WIDTH with a width of 256 to 32767`);
      }
      veryLong.set(pair.slice(0, eq), width);
    }
  }
  const vars: SavVar[] = [];
  const varOfRaw = new Map<RawVar, SavVar>();
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i]!;
    const short = shortNames[i]!;
    const type = (raw.print >> 16) & 0xff;
    const fwidth = (raw.print >> 8) & 0xff;
    const decimals = raw.print & 0xff;
    let width = raw.width;
    const pieces: { offset: number; len: number }[] = [];
    if (raw.width > 0) {
      const vlWidth = veryLong.get(short);
      if (vlWidth !== undefined) {
        const nseg = Math.ceil(vlWidth / 252);
        if (i + nseg > raws.length) {
          throw new InputError(`${path}: the very long string ${short} of width ${vlWidth} needs ${nseg} segment variables from the record at byte ${raw.offset}, but the dictionary has only ${raws.length - i}`);
        }
        let remaining = vlWidth;
        for (let s = 0; s < nseg; s++) {
          const seg = raws[i + s]!;
          if (seg.width === 0) throw new InputError(`${path}: segment ${s + 1} of the very long string ${short} (the variable record at byte ${seg.offset}) is numeric`);
          const len = Math.min(s < nseg - 1 ? 255 : seg.width, seg.width, remaining);
          pieces.push({ offset: seg.element * 8, len });
          remaining -= len;
        }
        width = vlWidth;
        i += nseg - 1;
      } else pieces.push({ offset: raw.element * 8, len: raw.width });
    }
    const formatName = width > 0 ? 'A' : (SPSS_FORMAT_NAMES[type] ?? 'F');
    const format = width > 0 ? `A${width}` : spssFormatText(type, fwidth, decimals);
    const v: SavVar = {
      name: short,
      shortName: short,
      width,
      element: raw.element,
      pieces,
      formatName,
      format,
      type: width > 0 ? 'string' : spssValueType(formatName),
      ...(raw.label ? { label: text(raw.label) } : {}),
      valueLabels: [],
      missingValues: [],
    };
    for (const set of raw.labelSets) {
      for (const l of set) {
        const value = width > 0 ? text(l.value) : f64At(l.value, 0);
        v.valueLabels.push({ value, label: text(l.label) });
      }
    }
    if (raw.nMissing !== 0) {
      const vals = raw.missing.map((m) => (width > 0 ? text(m) : f64At(m, 0)));
      if (raw.nMissing < 0) {
        const lo = vals[0] as number;
        const hi = vals[1] as number;
        v.missingRange = [lo === lowest ? -Infinity : lo, hi === highest ? Infinity : hi];
        v.missingValues = vals.slice(2);
      } else v.missingValues = vals;
    }
    vars.push(v);
    varOfRaw.set(raw, v);
  }

  // Long variable names (7.13): SHORT=Long pairs.
  const byShort = new Map(vars.map((v) => [v.shortName.toUpperCase(), v]));
  for (const rec of ext.get(13) ?? []) {
    for (const pair of codec.decode(rec.data).split('\t')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const v = byShort.get(pair.slice(0, eq).toUpperCase());
      if (v) v.name = pair.slice(eq + 1).replace(/\0+$/, '');
    }
  }
  const byName = new Map(vars.map((v) => [v.name, v]));
  const findLong = (name: string): SavVar | undefined => byName.get(name) ?? vars.find((v) => v.name.toUpperCase() === name.toUpperCase());

  // Long string value labels (7.21) and missing values (7.22).
  for (const rec of ext.get(21) ?? []) {
    const b = rec.data;
    let o = 0;
    const bad = (why: string): InputError => new InputError(`${path}: the long string value label record (7.21) at byte ${rec.offset}: ${why} at byte ${rec.offset + 16 + o}`);
    const take = (n: number): Buffer => {
      if (o + n > b.length) throw bad('the record ends early');
      const s = b.subarray(o, o + n);
      o += n;
      return s;
    };
    const int = (): number => int32At(take(4), 0);
    while (o < b.length) {
      const nameLen = int();
      if (nameLen < 0) throw bad(`name length ${nameLen}`);
      const name = codec.decode(take(nameLen));
      int(); // width
      const n = int();
      if (n < 0) throw bad(`label count ${n}`);
      const v = findLong(name);
      if (!v) throw bad(`unknown variable "${name}"`);
      for (let i = 0; i < n; i++) {
        const vlen = int();
        if (vlen < 0) throw bad(`value length ${vlen}`);
        const value = text(take(vlen));
        const llen = int();
        if (llen < 0) throw bad(`label length ${llen}`);
        v.valueLabels.push({ value, label: text(take(llen)) });
      }
    }
  }
  for (const rec of ext.get(22) ?? []) {
    const b = rec.data;
    let o = 0;
    const bad = (why: string): InputError => new InputError(`${path}: the long string missing values record (7.22) at byte ${rec.offset}: ${why} at byte ${rec.offset + 16 + o}`);
    const take = (n: number): Buffer => {
      if (o + n > b.length) throw bad('the record ends early');
      const s = b.subarray(o, o + n);
      o += n;
      return s;
    };
    while (o < b.length) {
      const nameLen = int32At(take(4), 0);
      if (nameLen < 0) throw bad(`name length ${nameLen}`);
      const name = codec.decode(take(nameLen));
      const n = take(1)[0]!;
      if (n < 1 || n > 3) throw bad(`${n} missing values (expected 1 to 3)`);
      const vlen = int32At(take(4), 0);
      if (vlen < 0) throw bad(`value length ${vlen}`);
      const v = findLong(name);
      if (!v) throw bad(`unknown variable "${name}"`);
      v.missingValues = [];
      for (let i = 0; i < n; i++) v.missingValues.push(text(take(vlen)));
    }
  }

  const rawWeight = weightIndex > 0 ? rawAt.get(weightIndex - 1) : undefined;
  const weight = rawWeight ? varOfRaw.get(rawWeight)?.name : undefined;
  const fileLabel = text(fileLabelRaw);
  const info: SavInfo = {
    names: vars.map((v) => v.name),
    nrows: ncases,
    meta: {
      columns: new Map(vars.map((v) => [v.name, columnMeta(v)])),
      ...(fileLabel ? { fileLabel } : {}),
      encoding: codec.name,
      format: compression === 2 ? 'zsav' : 'sav',
    },
    compression: compression === 0 ? 'none' : compression === 1 ? 'bytecode' : 'zsav',
    byteOrder: le ? 'little' : 'big',
    ...(weight !== undefined ? { weight } : {}),
    created,
    product,
    documents: documents.map((d) => codec.decode(trimRight(d))),
  };
  return { path, size, le, compression, bias, ncases, caseBytes: elements * 8, dataStart, vars, sysmis, highest, lowest, codec, info };
}

/** Converts a file value (SPSS seconds for dates) to the Table's units. */
function toTableUnits(v: SavVar, x: number): number {
  if (v.type === 'date') return (x - SPSS_EPOCH_OFFSET) / SECONDS_PER_DAY;
  if (v.type === 'datetime') return x - SPSS_EPOCH_OFFSET;
  return x;
}

function columnMeta(v: SavVar): ColumnMeta {
  const conv = (x: number | string): number | string => (typeof x === 'number' ? toTableUnits(v, x) : x);
  const valueLabels: ValueLabel[] = v.valueLabels.map((l) => ({ value: conv(l.value), label: l.label }));
  const missing = v.missingValues.length > 0 || v.missingRange
    ? {
        ...(v.missingValues.length > 0 ? { values: v.missingValues.map(conv) } : {}),
        ...(v.missingRange ? { range: [conv(v.missingRange[0]), conv(v.missingRange[1])] as [number, number] } : {}),
      }
    : undefined;
  return {
    ...(v.label !== undefined ? { label: v.label } : {}),
    ...(valueLabels.length > 0 ? { valueLabels } : {}),
    ...(missing ? { missing } : {}),
    type: v.type,
    format: v.format,
    ...(v.width > 0 ? { width: v.width } : {}),
  };
}

/**
 * Decompresses the bytecode stream: 8 control bytes, then the 8-byte values that code 253 refers to. Codes 1-251 are
 * the number code - bias, 252 the end of the data, 254 eight spaces, 255 system-missing, 0 padding.
 */
class Bytecode {
  private readonly ctrl = new Uint8Array(8);
  private ci = 8;
  private readonly table = Buffer.alloc(256 * 8);
  done = false;
  out: Buffer = Buffer.alloc(0);
  outPos = 0;

  constructor(bias: number, sysmis: number, le: boolean) {
    for (let c = 1; c <= 251; c++) {
      if (le) this.table.writeDoubleLE(c - bias, c * 8);
      else this.table.writeDoubleBE(c - bias, c * 8);
    }
    this.table.fill(0x20, 254 * 8, 255 * 8);
    if (le) this.table.writeDoubleLE(sysmis, 255 * 8);
    else this.table.writeDoubleBE(sysmis, 255 * 8);
  }

  /** Decodes from inp[pos, end) into out until out is full, the input runs short or the end code; returns the new pos. */
  run(inp: Uint8Array, pos: number, end: number): number {
    const out = this.out;
    const cap = out.length;
    const table = this.table;
    const ctrl = this.ctrl;
    let op = this.outPos;
    let ci = this.ci;
    while (op < cap) {
      if (ci === 8) {
        if (end - pos < 8) break;
        for (let k = 0; k < 8; k++) ctrl[k] = inp[pos + k]!;
        pos += 8;
        ci = 0;
      }
      const c = ctrl[ci]!;
      if (c === 0) {
        ci++;
        continue;
      }
      if (c === 252) {
        this.done = true;
        break;
      }
      if (c === 253) {
        if (end - pos < 8) break;
        for (let k = 0; k < 8; k++) out[op + k] = inp[pos + k]!;
        pos += 8;
      } else {
        const t = c * 8;
        for (let k = 0; k < 8; k++) out[op + k] = table[t + k]!;
      }
      op += 8;
      ci++;
    }
    this.outPos = op;
    this.ci = ci;
    return pos;
  }
}

/** Yields the cases as uncompressed case records, a chunk at a time: `rows` records of `caseBytes` from byte 0 of buf. */
async function* caseChunks(fh: FileHandle, d: Dictionary): AsyncGenerator<{ buf: Buffer; rows: number }> {
  const { path, caseBytes, ncases } = d;
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / caseBytes));
  let done = 0;
  const left = (): number => (ncases >= 0 ? ncases - done : Infinity);
  if (ncases === 0) return;

  if (d.compression === 0) {
    const buf = Buffer.alloc(rowsPerChunk * caseBytes);
    let pos = d.dataStart;
    while (left() > 0) {
      const want = Math.min(rowsPerChunk, left()) * caseBytes;
      let got = 0;
      while (got < want) {
        const { bytesRead } = await fh.read(buf, got, want - got, pos + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      if (got % caseBytes !== 0) {
        throw new InputError(`${path}: truncated data: the file ends at byte ${pos + got}, inside case ${done + Math.floor(got / caseBytes) + 1} (cases are ${caseBytes} bytes from byte ${d.dataStart})`);
      }
      const rows = got / caseBytes;
      if (rows > 0) yield { buf, rows };
      done += rows;
      pos += got;
      if (got < want) break;
    }
    return;
  }

  const bc = new Bytecode(d.bias, d.sysmis, d.le);
  const out = Buffer.alloc(rowsPerChunk * caseBytes);
  const setOut = (): void => {
    const rows = Math.min(rowsPerChunk, left());
    bc.out = out.subarray(0, rows * caseBytes);
    bc.outPos = 0;
  };
  setOut();

  /** Feeds one input buffer; yields full output chunks; returns the unconsumed tail (< 8 bytes, or more when done). */
  async function* feed(inp: Buffer, start: number, end: number): AsyncGenerator<{ buf: Buffer; rows: number }, number> {
    let pos = start;
    while (true) {
      pos = bc.run(inp, pos, end);
      if (bc.outPos === bc.out.length && bc.out.length > 0) {
        const rows = bc.outPos / caseBytes;
        yield { buf: out, rows };
        done += rows;
        setOut();
        if (left() === 0) return pos;
        continue;
      }
      return pos;
    }
  }

  let where = '';
  if (d.compression === 1) {
    const inp = Buffer.alloc(CHUNK_BYTES + 8);
    let len = 0;
    let inpAt = d.dataStart;
    let eof = false;
    while (left() > 0 && !bc.done) {
      if (!eof) {
        const { bytesRead } = await fh.read(inp, len, CHUNK_BYTES, inpAt + len);
        if (bytesRead === 0) eof = true;
        len += bytesRead;
      }
      const pos = yield* feed(inp, 0, len);
      where = `at byte ${inpAt + pos}`;
      if (left() === 0 || bc.done || eof) break;
      inp.copy(inp, 0, pos, len);
      len -= pos;
      inpAt += pos;
    }
  } else {
    // zsav: zlib data header, blocks, trailer.
    const zh = Buffer.alloc(24);
    if (d.dataStart + 24 > d.size) throw new InputError(`${path}: truncated file: the zlib data header (24 bytes at byte ${d.dataStart}) is missing; the file ends at byte ${d.size}`);
    await fh.read(zh, 0, 24, d.dataStart);
    const i64 = (b: Buffer, o: number): number => Number(d.le ? b.readBigInt64LE(o) : b.readBigInt64BE(o));
    const i32 = (b: Buffer, o: number): number => (d.le ? b.readInt32LE(o) : b.readInt32BE(o));
    const zheaderOfs = i64(zh, 0);
    const ztrailerOfs = i64(zh, 8);
    const ztrailerLen = i64(zh, 16);
    if (zheaderOfs !== d.dataStart) throw new InputError(`${path}: the zlib data header at byte ${d.dataStart} gives its own offset as ${zheaderOfs}`);
    if (ztrailerLen < 24 || (ztrailerLen - 24) % 24 !== 0 || ztrailerOfs < d.dataStart + 24) {
      throw new InputError(`${path}: the zlib data header at byte ${d.dataStart} gives a trailer of ${ztrailerLen} bytes at byte ${ztrailerOfs}, which cannot be right`);
    }
    if (ztrailerOfs + ztrailerLen > d.size) {
      throw new InputError(`${path}: truncated file: the zlib trailer (${ztrailerLen} bytes at byte ${ztrailerOfs}, per the header at byte ${d.dataStart}) lies beyond the end of the file at byte ${d.size}`);
    }
    const zt = Buffer.alloc(ztrailerLen);
    await fh.read(zt, 0, ztrailerLen, ztrailerOfs);
    const nblocks = i32(zt, 20);
    if (nblocks !== (ztrailerLen - 24) / 24) {
      throw new InputError(`${path}: the zlib trailer at byte ${ztrailerOfs} lists ${nblocks} blocks but has room for ${(ztrailerLen - 24) / 24}`);
    }
    let expectOfs = d.dataStart + 24;
    let tail = Buffer.alloc(0);
    for (let b = 0; b < nblocks && left() > 0 && !bc.done; b++) {
      const e = 24 + 24 * b;
      const compressedOfs = i64(zt, e + 8);
      const usize = i32(zt, e + 16);
      const csize = i32(zt, e + 20);
      const blockWhat = `zlib block ${b + 1} of ${nblocks} (at byte ${compressedOfs}, ${csize} bytes, trailer entry at byte ${ztrailerOfs + e})`;
      if (compressedOfs !== expectOfs || csize < 0 || usize < 0 || compressedOfs + csize > ztrailerOfs) {
        throw new InputError(`${path}: the ${blockWhat} does not follow the previous block (expected byte ${expectOfs}) or overruns the trailer`);
      }
      expectOfs += csize;
      const comp = Buffer.alloc(csize);
      await fh.read(comp, 0, csize, compressedOfs);
      let plain: Buffer;
      try {
        plain = inflateSync(comp);
      } catch (err) {
        throw new InputError(`${path}: the ${blockWhat} does not inflate: ${(err as Error).message}`);
      }
      if (plain.length !== usize) throw new InputError(`${path}: the ${blockWhat} inflates to ${plain.length} bytes, the trailer says ${usize}`);
      const inp = tail.length > 0 ? Buffer.concat([tail, plain]) : plain;
      const pos = yield* feed(inp, 0, inp.length);
      tail = Buffer.from(inp.subarray(pos));
      where = `in ${blockWhat}`;
    }
  }
  const partial = bc.outPos % caseBytes;
  const rows = (bc.outPos - partial) / caseBytes;
  if (rows > 0) {
    yield { buf: out, rows };
    done += rows;
  }
  if (partial !== 0 || (ncases >= 0 && done < ncases)) {
    const cases = ncases >= 0 ? ` of the ${ncases} the header announces` : '';
    throw new InputError(`${path}: truncated data: the compressed data ends ${where} ${partial !== 0 ? `inside case ${done + 1}` : `after ${done} cases`}${cases}`);
  }
}

/** Decodes one variable's values from case records into a growing column. */
interface Decoder {
  readonly name: string;
  take(buf: Buffer, from: number, to: number): void;
  /** The values decoded since the last flush, as a column (and resets for the next batch). */
  flush(): Column;
  readonly count: number;
}

function numberDecoder(d: Dictionary, v: SavVar, keepUserMissing: boolean, capacity: number): Decoder {
  let values = new Float64Array(capacity);
  let n = 0;
  const { sysmis, highest, lowest, caseBytes } = d;
  const off = v.element * 8;
  const missing = keepUserMissing ? [] : (v.missingValues as number[]);
  const range = keepUserMissing ? undefined : v.missingRange;
  const checkMissing = missing.length > 0 || range !== undefined;
  const lo = range?.[0] ?? 0;
  const hi = range?.[1] ?? 0;
  const date = v.type === 'date';
  const shift = v.type === 'date' || v.type === 'datetime' ? SPSS_EPOCH_OFFSET : 0;
  const le = d.le;
  return {
    name: v.name,
    get count() {
      return n;
    },
    take(buf, from, to) {
      if (n + (to - from) > values.length) {
        const bigger = new Float64Array(Math.max(2 * values.length, n + (to - from), 1024));
        bigger.set(values.subarray(0, n));
        values = bigger;
      }
      for (let r = from; r < to; r++) {
        const o = r * caseBytes + off;
        let x = le ? buf.readDoubleLE(o) : buf.readDoubleBE(o);
        if (x === sysmis || x !== x) x = NaN;
        else {
          if (x === highest) x = Infinity;
          else if (x === lowest) x = -Infinity;
          if (checkMissing && ((range !== undefined && x >= lo && x <= hi) || missing.includes(x))) x = NaN;
          else if (shift !== 0) x = date ? (x - shift) / SECONDS_PER_DAY : x - shift;
        }
        values[n++] = x;
      }
    },
    flush(): NumberColumn {
      const out = n === values.length ? values : values.slice(0, n);
      values = new Float64Array(values.length);
      n = 0;
      return { kind: 'number', values: out };
    },
  };
}

function stringDecoder(d: Dictionary, v: SavVar, keepUserMissing: boolean, capacity: number): Decoder {
  let codes = new Int32Array(capacity);
  let n = 0;
  const raw = new Map<string, number>();
  const byText = new Map<string, number>();
  const levels: string[] = [];
  const missing = new Set(keepUserMissing ? [] : (v.missingValues as string[]));
  const { caseBytes, codec } = d;
  const pieces = v.pieces;
  const single = pieces.length === 1 ? pieces[0]! : undefined;
  const scratch = Buffer.alloc(pieces.reduce((s, p) => s + p.len, 0));
  const code = (bytes: Buffer, start: number, end: number): number => {
    while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
    const key = bytes.toString('latin1', start, end);
    let c = raw.get(key);
    if (c === undefined) {
      let b = bytes.subarray(start, end);
      if (b.includes(0)) b = Buffer.from(b.filter((x) => x !== 0));
      const s = codec.decode(b);
      if (missing.has(s)) c = -1;
      else {
        c = byText.get(s);
        if (c === undefined) {
          c = levels.length;
          levels.push(s);
          byText.set(s, c);
        }
      }
      raw.set(key, c);
    }
    return c;
  };
  return {
    name: v.name,
    get count() {
      return n;
    },
    take(buf, from, to) {
      if (n + (to - from) > codes.length) {
        const bigger = new Int32Array(Math.max(2 * codes.length, n + (to - from), 1024));
        bigger.set(codes.subarray(0, n));
        codes = bigger;
      }
      for (let r = from; r < to; r++) {
        const base = r * caseBytes;
        if (single) codes[n++] = code(buf, base + single.offset, base + single.offset + single.len);
        else {
          let w = 0;
          for (const p of pieces) {
            buf.copy(scratch, w, base + p.offset, base + p.offset + p.len);
            w += p.len;
          }
          codes[n++] = code(scratch, 0, w);
        }
      }
    },
    flush(): CategoryColumn {
      const out = n === codes.length ? codes : codes.slice(0, n);
      codes = new Int32Array(codes.length);
      n = 0;
      return { kind: 'category', codes: out, levels: levels.slice() };
    },
  };
}

function selectVars(d: Dictionary, columns: readonly string[] | undefined): SavVar[] {
  if (!columns) return [...d.vars];
  const byName = new Map(d.vars.map((v) => [v.name, v]));
  const seen = new Set<string>();
  const out: SavVar[] = [];
  for (const c of columns) {
    const v = byName.get(c);
    if (!v) {
      const shown = d.vars.slice(0, 40).map((x) => x.name).join(', ');
      throw new InputError(`${d.path}: no column "${c}"; columns are: ${shown}${d.vars.length > 40 ? ', ...' : ''}`);
    }
    if (!seen.has(c)) out.push(v);
    seen.add(c);
  }
  return out;
}

function tableMeta(d: Dictionary, vars: readonly SavVar[]): TableMeta {
  const all = d.info.meta;
  return { ...all, columns: new Map(vars.map((v) => [v.name, all.columns!.get(v.name)!])) };
}

/** Reads a system file's dictionary (names, labels, formats, missing declarations, case count) without its data. */
export async function readSavInfo(path: string, options: { readonly encoding?: string } = {}): Promise<SavInfo> {
  const { fh, size } = await openFile(path);
  try {
    return (await readDictionary(fh, path, size, options.encoding)).info;
  } finally {
    await fh.close();
  }
}

/**
 * Reads an SPSS .sav or .zsav file into a Table: numbers as NumberColumn (system-missing NaN; dates as days since
 * 1970-01-01, date-times as seconds since 1970-01-01T00:00Z), strings as CategoryColumn (trailing blanks trimmed).
 * Streams the file through a fixed-size buffer; only `options.columns` are decoded when given.
 */
export async function readSav(path: string, options: SavReadOptions = {}): Promise<Table> {
  const { fh, size } = await openFile(path);
  try {
    const d = await readDictionary(fh, path, size, options.encoding);
    const vars = selectVars(d, options.columns);
    const keep = options.userMissing === 'keep';
    const capacity = d.ncases < 0 ? 1024 : d.compression === 2 ? Math.min(d.ncases, 1 << 20) : d.ncases;
    const decoders = vars.map((v) => (v.width > 0 ? stringDecoder(d, v, keep, capacity) : numberDecoder(d, v, keep, capacity)));
    let nrows = 0;
    for await (const { buf, rows } of caseChunks(fh, d)) {
      for (const dec of decoders) dec.take(buf, 0, rows);
      nrows += rows;
    }
    const columns = new Map<string, Column>(decoders.map((dec) => [dec.name, dec.flush()]));
    return new Table(vars.map((v) => v.name), columns, nrows, path, tableMeta(d, vars));
  } finally {
    await fh.close();
  }
}

/**
 * Reads an SPSS .sav or .zsav file in batches of rows, for files whose columns do not fit in memory at once. String
 * columns share one dictionary across batches: a code means the same level in every batch (levels only grow).
 */
export async function* readSavBatches(path: string, options: SavBatchOptions = {}): AsyncGenerator<Table> {
  const batchRows = options.batchRows ?? 65_536;
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows must be a positive integer, got ${batchRows}`);
  const { fh, size } = await openFile(path);
  try {
    const d = await readDictionary(fh, path, size, options.encoding);
    const vars = selectVars(d, options.columns);
    const keep = options.userMissing === 'keep';
    const capacity = Math.min(batchRows, d.ncases >= 0 ? d.ncases : batchRows);
    const decoders = vars.map((v) => (v.width > 0 ? stringDecoder(d, v, keep, capacity) : numberDecoder(d, v, keep, capacity)));
    const names = vars.map((v) => v.name);
    const meta = tableMeta(d, vars);
    let pending = 0;
    const emit = (): Table => {
      const t = new Table(names, new Map<string, Column>(decoders.map((dec) => [dec.name, dec.flush()])), pending, path, meta);
      pending = 0;
      return t;
    };
    for await (const { buf, rows } of caseChunks(fh, d)) {
      let from = 0;
      while (from < rows) {
        const to = Math.min(rows, from + batchRows - pending);
        for (const dec of decoders) dec.take(buf, from, to);
        pending += to - from;
        from = to;
        if (pending === batchRows) yield emit();
      }
    }
    if (pending > 0) yield emit();
  } finally {
    await fh.close();
  }
}
