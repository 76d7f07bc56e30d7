/**
 * Stata .dta reader, formats 113, 114, 115 (Stata 8-12, binary header), 117 (Stata 13), 118 and 119 (Stata 14+,
 * UTF-8), either byte order. Written from Stata's published file-format descriptions (`help dta`, `help dta_117`,
 * `help dta_115`).
 *
 * The file is read with fixed-size buffered reads from a FileHandle, never whole: the header and descriptors, then
 * the data records in chunks of whole records (only the requested columns are decoded), then strLs (format 117+,
 * from the strls section that follows the data, keeping only the strings the requested columns refer to) and value
 * labels.
 *
 * What comes back, stated:
 * - byte/int/long/float/double → NumberColumn. System missing `.` and extended missing `.a`-`.z` → NaN; the extended
 *   codes that occur in a column are listed in `meta.columns.get(name).missing.values` (`['.a', '.c']`), as Stata's
 *   declared missing codes. Which cell held which code is not kept (a Float64Array has one NaN).
 * - %td (and the old %d) → `type: 'date'`, days since 1970-01-01 (Stata counts from 1960-01-01); %tc → `type:
 *   'datetime'`, seconds since 1970-01-01T00:00Z (Stata: milliseconds since 1960). %tC (with leap seconds) and the
 *   other %t formats (%tw, %tm, %tq, %th, %ty, %tb) stay numeric, with their format.
 * - str# and strL → CategoryColumn, dictionary-encoded in first-seen order. An empty string is missing (code -1):
 *   Stata has no other missing string.
 * - Value labels: `valueLabels` of the variable's label set (attached by name); a label on an extended missing value
 *   has the value `'.a'`..`'.z'`. A label set named by a variable but absent from the file is an error (option
 *   `missingValueLabels: 'ignore'` reads such a file, without labels for that variable).
 * - Text of formats 113-117 is decoded as Windows-1252 (Stata's convention before Unicode; option `encoding`, any
 *   label the WHATWG TextDecoder knows, e.g. `utf-8` for files R haven wrote); 118 and 119 are UTF-8.
 */
import type { FileHandle } from 'node:fs/promises';
import { type TextDecode, textDecoder } from './encoding.js';
import { InputError } from './errors.js';
import { openForReading } from './read-util.js';
import { type Column, type ColumnMeta, Table, type ValueLabel } from './table.js';

export interface DtaReadOptions {
  /** Read only these columns, in this order (default: all, in file order). An unknown name is an error listing the columns there are. */
  readonly columns?: readonly string[];
  /** Encoding of the text in formats 113-117 (default `windows-1252`); 118 and 119 are always UTF-8. */
  readonly encoding?: string;
  /** A value label set named by a variable but absent from the file: `error` (default) or `ignore`. */
  readonly missingValueLabels?: 'error' | 'ignore';
}

/** The .dta formats this module reads and writes. */
export const DTA_FORMATS = [113, 114, 115, 117, 118, 119] as const;
export type DtaFormat = (typeof DTA_FORMATS)[number];

/** Field widths that differ between formats. */
export interface DtaLayout {
  readonly release: DtaFormat;
  /** 117+: tagged sections and a map. */
  readonly xml: boolean;
  readonly nameLen: number;
  readonly formatLen: number;
  readonly labelNameLen: number;
  readonly varLabelLen: number;
  /** Old formats: fixed data label field; 117: 1-byte length prefix; 118+: 2-byte length prefix. */
  readonly dataLabelLen: number;
  readonly typeWidth: 1 | 2;
  readonly kBytes: 2 | 4;
  readonly nBytes: 4 | 8;
  readonly sortEntry: 2 | 4;
  /** Bytes of v and o in a strL (v,o) cell of the data. */
  readonly strlV: number;
  readonly strlO: number;
  /** Bytes of o in a GSO header. */
  readonly gsoO: 4 | 8;
}

export function dtaLayout(release: DtaFormat): DtaLayout {
  const xml = release >= 117;
  const unicode = release >= 118;
  return {
    release,
    xml,
    nameLen: unicode ? 129 : 33,
    formatLen: release === 113 ? 12 : unicode ? 57 : 49,
    labelNameLen: unicode ? 129 : 33,
    varLabelLen: unicode ? 321 : 81,
    dataLabelLen: xml ? (unicode ? 2 : 1) : 81,
    typeWidth: xml ? 2 : 1,
    kBytes: release === 119 ? 4 : 2,
    nBytes: unicode ? 8 : 4,
    sortEntry: release === 119 ? 4 : 2,
    strlV: release === 117 ? 4 : release === 118 ? 2 : 3,
    strlO: release === 117 ? 4 : release === 118 ? 6 : 5,
    gsoO: unicode ? 8 : 4,
  };
}

/** Storage types. */
export type DtaType =
  | { readonly kind: 'byte' | 'int' | 'long' | 'float' | 'double' | 'strl'; readonly width: number }
  | { readonly kind: 'str'; readonly width: number };

/** Type codes of formats 113-115 (111+) and 117+. */
export const OLD_TYPE = { byte: 251, int: 252, long: 253, float: 254, double: 255 } as const;
export const NEW_TYPE = { byte: 65530, int: 65529, long: 65528, float: 65527, double: 65526, strl: 32768 } as const;
const WIDTH = { byte: 1, int: 2, long: 4, float: 4, double: 8, strl: 8 } as const;

/** Largest non-missing value of each integer type; the next value is `.`, then `.a`..`.z`. */
export const MAX_INT = { byte: 100, int: 32740, long: 2147483620 } as const;

export function decodeType(code: number, layout: DtaLayout): DtaType | undefined {
  if (!layout.xml) {
    if (code >= 1 && code <= 244) return { kind: 'str', width: code };
    for (const k of ['byte', 'int', 'long', 'float', 'double'] as const) if (OLD_TYPE[k] === code) return { kind: k, width: WIDTH[k] };
    return undefined;
  }
  if (code >= 1 && code <= 2045) return { kind: 'str', width: code };
  for (const k of ['byte', 'int', 'long', 'float', 'double', 'strl'] as const) if (NEW_TYPE[k] === code) return { kind: k, width: WIDTH[k] };
  return undefined;
}

/** Days from 1960-01-01 (Stata's epoch) to 1970-01-01. */
export const STATA_EPOCH_DAYS = 3653;
/** Seconds from 1960-01-01T00:00Z to 1970-01-01T00:00Z. */
export const STATA_EPOCH_SECONDS = STATA_EPOCH_DAYS * 86400;

/** Whether a Stata display format is a date (%td, old %d) or a datetime without leap seconds (%tc). */
export function formatType(format: string): 'date' | 'datetime' | undefined {
  const f = format.replace(/^%-?/, '%');
  if (f.startsWith('%td') || (f.startsWith('%d') && !/^%d\d/.test(f))) return 'date';
  if (f.startsWith('%tc')) return 'datetime';
  return undefined;
}

/** `.a`..`.z` for 1..26, `.` for 0. */
export function missingCode(n: number): string {
  return n === 0 ? '.' : `.${String.fromCharCode(96 + n)}`;
}

const CHUNK = 1 << 20;

/** Buffered random-access reads of a file; every read names what it was reading when the file is too short. */
class Source {
  private buf: Buffer = Buffer.alloc(0);
  private bufStart = 0;
  constructor(
    readonly fh: FileHandle,
    readonly size: number,
    readonly path: string,
  ) {}

  error(offset: number, message: string): InputError {
    return new InputError(`${this.path}: ${message} (at byte ${offset})`);
  }

  truncated(offset: number, n: number, what: string): InputError {
    return new InputError(`${this.path}: the file is truncated in ${what}: expected ${n} bytes at byte ${offset}, but the file ends at byte ${this.size}`);
  }

  /** Exactly n bytes at offset; the slice stays valid after later reads. */
  async read(offset: number, n: number, what: string): Promise<Buffer> {
    if (offset + n > this.size) throw this.truncated(offset, n, what);
    if (offset >= this.bufStart && offset + n <= this.bufStart + this.buf.length) return this.buf.subarray(offset - this.bufStart, offset - this.bufStart + n);
    const len = Math.min(Math.max(n, CHUNK), this.size - offset);
    const b = Buffer.allocUnsafe(len);
    await readFully(this.fh, b, len, offset);
    this.buf = b;
    this.bufStart = offset;
    return b.subarray(0, n);
  }
}

async function readFully(fh: FileHandle, b: Buffer, len: number, position: number): Promise<void> {
  let got = 0;
  while (got < len) {
    const { bytesRead } = await fh.read(b, got, len - got, position + got);
    if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${position + got}`);
    got += bytesRead;
  }
}

/** A position in a Source with typed reads in the file's byte order. */
class Cursor {
  le = true;
  constructor(
    readonly src: Source,
    public pos: number,
  ) {}

  async bytes(n: number, what: string): Promise<Buffer> {
    const b = await this.src.read(this.pos, n, what);
    this.pos += n;
    return b;
  }

  async uint(n: 1 | 2 | 4 | 8, what: string): Promise<number> {
    const at = this.pos;
    const b = await this.bytes(n, what);
    if (n === 1) return b[0]!;
    if (n === 2) return this.le ? b.readUInt16LE(0) : b.readUInt16BE(0);
    if (n === 4) return this.le ? b.readUInt32LE(0) : b.readUInt32BE(0);
    const v = this.le ? b.readBigUInt64LE(0) : b.readBigUInt64BE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw this.src.error(at, `${what}: ${v} is too large`);
    return Number(v);
  }

  async int32(what: string): Promise<number> {
    const b = await this.bytes(4, what);
    return this.le ? b.readInt32LE(0) : b.readInt32BE(0);
  }

  async tag(tag: string, what = tag): Promise<void> {
    const at = this.pos;
    const b = await this.bytes(tag.length, `${what}`);
    if (b.toString('latin1') !== tag) throw this.src.error(at, `expected "${tag}" in ${what}, found ${JSON.stringify(b.toString('latin1'))}`);
  }
}

/** Text up to the first NUL of a fixed-width field. */
function cString(b: Buffer, dec: TextDecode): string {
  const z = b.indexOf(0);
  return dec.decode(z < 0 ? b : b.subarray(0, z));
}

interface Variable {
  readonly name: string;
  readonly type: DtaType;
  /** Byte offset within a record. */
  readonly offset: number;
  readonly format: string;
  readonly labelSet: string;
  readonly label: string;
}

interface Header {
  readonly layout: DtaLayout;
  readonly le: boolean;
  readonly nvar: number;
  readonly nobs: number;
  readonly dataLabel: string;
  readonly vars: readonly Variable[];
  readonly recordLen: number;
  /** First byte of the first record. */
  readonly dataStart: number;
  /** 117+: offsets of <strls> and <value_labels>; old formats: value labels follow the data. */
  readonly strlsAt: number;
  readonly valueLabelsAt: number;
  readonly encoding: string;
  readonly decoder: TextDecode;
}

function makeDecoder(encoding: string, path: string): TextDecode {
  try {
    return textDecoder(encoding);
  } catch {
    throw new InputError(`${path}: unknown text encoding "${encoding}" (option encoding)`);
  }
}

const MAGIC_XML = '<stata_dta>';

async function readHeader(src: Source, options: DtaReadOptions): Promise<Header> {
  const { path, size } = src;
  if (size === 0) throw new InputError(`${path}: the file is empty (0 bytes): not a Stata .dta file`);
  const head = await src.read(0, Math.min(size, 16), 'header');
  let release: number;
  let xml: boolean;
  if (head[0] === 0x3c) {
    xml = true;
    const c = new Cursor(src, 0);
    await c.tag(MAGIC_XML, 'the file header');
    await c.tag('<header>', 'the file header');
    await c.tag('<release>', 'the file header');
    const at = c.pos;
    const r = (await c.bytes(3, 'the release number')).toString('latin1');
    release = /^\d{3}$/.test(r) ? Number(r) : NaN;
    if (!(release === 117 || release === 118 || release === 119)) {
      throw src.error(at, `unsupported .dta format "${r}": this reader knows ${DTA_FORMATS.join(', ')}`);
    }
  } else {
    xml = false;
    release = head[0]!;
    const order = head[1];
    const known = (DTA_FORMATS as readonly number[]).includes(release) && release < 117;
    if (!known || (order !== 1 && order !== 2) || (size > 2 && head[2] !== 1)) {
      const looksOld = release >= 102 && release <= 119 && (order === 1 || order === 2);
      if (looksOld && !known) throw src.error(0, `unsupported .dta format ${release}: this reader knows ${DTA_FORMATS.join(', ')}`);
      const shown = [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      throw src.error(0, `not a Stata .dta file: it starts with bytes ${shown}; expected "<stata_dta>" (formats 117-119) or a format byte 113-115 followed by byte order 1 or 2 and file type 1`);
    }
  }
  const layout = dtaLayout(release as DtaFormat);
  const encoding = layout.release >= 118 ? 'utf-8' : (options.encoding ?? 'windows-1252');
  const decoder = makeDecoder(encoding, path);
  return xml ? readXmlHeader(src, layout, decoder, decoder.encoding) : readOldHeader(src, layout, decoder, decoder.encoding);
}

async function readXmlHeader(src: Source, layout: DtaLayout, decoder: TextDecode, encoding: string): Promise<Header> {
  const c = new Cursor(src, MAGIC_XML.length + '<header><release>'.length + 3);
  await c.tag('</release>', 'the file header');
  await c.tag('<byteorder>', 'the file header');
  const boAt = c.pos;
  const bo = (await c.bytes(3, 'the byte order')).toString('latin1');
  if (bo !== 'LSF' && bo !== 'MSF') throw src.error(boAt, `byte order "${bo}" is neither LSF nor MSF`);
  c.le = bo === 'LSF';
  await c.tag('</byteorder>', 'the file header');
  await c.tag('<K>', 'the file header');
  const nvar = await c.uint(layout.kBytes, 'the number of variables');
  await c.tag('</K>', 'the file header');
  await c.tag('<N>', 'the file header');
  const nobs = await c.uint(layout.nBytes, 'the number of observations');
  await c.tag('</N>', 'the file header');
  await c.tag('<label>', 'the file header');
  const labelLen = await c.uint(layout.dataLabelLen as 1 | 2, 'the data label length');
  const dataLabel = decoder.decode(await c.bytes(labelLen, 'the data label'));
  await c.tag('</label>', 'the file header');
  await c.tag('<timestamp>', 'the file header');
  const tsLen = await c.uint(1, 'the timestamp length');
  await c.bytes(tsLen, 'the timestamp');
  await c.tag('</timestamp>', 'the file header');
  await c.tag('</header>', 'the file header');
  await c.tag('<map>', 'the map');
  const map: number[] = [];
  for (let i = 0; i < 14; i++) {
    const at = c.pos;
    const v = await c.uint(8, 'the map');
    if (v > src.size) throw src.error(at, `the file is truncated or damaged: map entry ${i + 1} of 14 points to byte ${v}, past its end (${src.size} bytes)`);
    map.push(v);
  }
  await c.tag('</map>', 'the map');

  const section = async (i: number, tag: string, n: number): Promise<Buffer> => {
    const s = new Cursor(src, map[i]!);
    await s.tag(`<${tag}>`, `the ${tag} section`);
    const b = await s.bytes(n, `the ${tag} section`);
    await s.tag(`</${tag}>`, `the ${tag} section`);
    return b;
  };
  const k = nvar;
  const typesB = await section(2, 'variable_types', k * 2);
  const namesB = await section(3, 'varnames', k * layout.nameLen);
  await section(4, 'sortlist', (k + 1) * layout.sortEntry);
  const formatsB = await section(5, 'formats', k * layout.formatLen);
  const lblB = await section(6, 'value_label_names', k * layout.labelNameLen);
  const varLblB = await section(7, 'variable_labels', k * layout.varLabelLen);
  const typeCodes = Array.from({ length: k }, (_, j) => (c.le ? typesB.readUInt16LE(2 * j) : typesB.readUInt16BE(2 * j)));
  const vars = describe(src, layout, decoder, typeCodes, map[2]! + '<variable_types>'.length, namesB, formatsB, lblB, varLblB);
  const d = new Cursor(src, map[9]!);
  await d.tag('<data>', 'the data section');
  return finish(src, layout, c.le, nvar, nobs, dataLabel, vars, d.pos, map[10]!, map[11]!, encoding, decoder);
}

async function readOldHeader(src: Source, layout: DtaLayout, decoder: TextDecode, encoding: string): Promise<Header> {
  const c = new Cursor(src, 0);
  const h = await c.bytes(4, 'the file header');
  c.le = h[1] === 2;
  const nvar = await c.uint(2, 'the file header (number of variables)');
  const nobs = await c.uint(4, 'the file header (number of observations)');
  const dataLabel = cString(await c.bytes(81, 'the file header (data label)'), decoder);
  await c.bytes(18, 'the file header (timestamp)');
  const k = nvar;
  const typeAt = c.pos;
  const typesB = await c.bytes(k, 'the variable types');
  const namesB = await c.bytes(k * layout.nameLen, 'the variable names');
  await c.bytes((k + 1) * 2, 'the sort list');
  const formatsB = await c.bytes(k * layout.formatLen, 'the display formats');
  const lblB = await c.bytes(k * layout.labelNameLen, 'the value label names');
  const varLblB = await c.bytes(k * layout.varLabelLen, 'the variable labels');
  const vars = describe(src, layout, decoder, [...typesB], typeAt, namesB, formatsB, lblB, varLblB);
  // Expansion fields: (type byte, int32 length, contents) until type 0 and length 0.
  for (;;) {
    const at = c.pos;
    const type = await c.uint(1, 'the expansion fields');
    const len = await c.uint(4, 'the expansion fields');
    if (type === 0 && len === 0) break;
    if (c.pos + len > src.size) throw src.truncated(c.pos, len, `expansion field (starting at byte ${at})`);
    c.pos += len;
  }
  const recordLen = vars.reduce((s, v) => s + v.type.width, 0);
  const valueLabelsAt = c.pos + nobs * recordLen;
  return finish(src, layout, c.le, nvar, nobs, dataLabel, vars, c.pos, -1, valueLabelsAt, encoding, decoder);
}

function describe(
  src: Source, layout: DtaLayout, decoder: TextDecode, typeCodes: readonly number[], typeAt: number,
  namesB: Buffer, formatsB: Buffer, lblB: Buffer, varLblB: Buffer,
): Variable[] {
  const vars: Variable[] = [];
  let offset = 0;
  const seen = new Set<string>();
  typeCodes.forEach((code, j) => {
    const type = decodeType(code, layout);
    const name = cString(namesB.subarray(j * layout.nameLen, (j + 1) * layout.nameLen), decoder);
    if (!type) throw src.error(typeAt + j * layout.typeWidth, `variable ${j + 1} ("${name}") has unknown type code ${code}`);
    if (name === '' || seen.has(name)) throw src.error(typeAt, `variable ${j + 1} has ${name === '' ? 'an empty name' : `the name "${name}" of an earlier variable`}`);
    seen.add(name);
    vars.push({
      name,
      type,
      offset,
      format: cString(formatsB.subarray(j * layout.formatLen, (j + 1) * layout.formatLen), decoder),
      labelSet: cString(lblB.subarray(j * layout.labelNameLen, (j + 1) * layout.labelNameLen), decoder),
      label: cString(varLblB.subarray(j * layout.varLabelLen, (j + 1) * layout.varLabelLen), decoder),
    });
    offset += type.width;
  });
  return vars;
}

function finish(
  src: Source, layout: DtaLayout, le: boolean, nvar: number, nobs: number, dataLabel: string, vars: Variable[],
  dataStart: number, strlsAt: number, valueLabelsAt: number, encoding: string, decoder: TextDecode,
): Header {
  const recordLen = vars.reduce((s, v) => s + v.type.width, 0);
  const need = nobs * recordLen;
  if (dataStart + need > src.size) {
    const whole = recordLen > 0 ? Math.floor((src.size - dataStart) / recordLen) : 0;
    throw new InputError(
      `${src.path}: truncated data: ${nobs} records of ${recordLen} bytes start at byte ${dataStart}, but the file ends at byte ${src.size} ` +
        `(inside record ${whole + 1}, which starts at byte ${dataStart + whole * recordLen})`,
    );
  }
  return { layout, le, nvar, nobs, dataLabel, vars, recordLen, dataStart, strlsAt, valueLabelsAt, encoding, decoder };
}

/** Decodes one column from chunks of records. */
interface ColumnReader {
  chunk(buf: Buffer, view: DataView, n: number, row0: number): void;
}

class NumberReader implements ColumnReader {
  readonly values: Float64Array;
  /** Bit i set: extended missing code i (1 = .a) occurs. */
  tags = 0;
  constructor(
    readonly v: Variable,
    nobs: number,
    readonly recordLen: number,
    readonly le: boolean,
  ) {
    this.values = new Float64Array(nobs);
  }

  chunk(_buf: Buffer, view: DataView, n: number, row0: number): void {
    const { values, recordLen: rl, le } = this;
    const off = this.v.offset;
    let tags = this.tags;
    switch (this.v.type.kind) {
      case 'byte':
        for (let r = 0, p = off; r < n; r++, p += rl) {
          const x = view.getInt8(p);
          if (x > MAX_INT.byte) {
            values[row0 + r] = NaN;
            tags |= 1 << (x - MAX_INT.byte - 1);
          } else values[row0 + r] = x;
        }
        break;
      case 'int':
        for (let r = 0, p = off; r < n; r++, p += rl) {
          const x = view.getInt16(p, le);
          if (x > MAX_INT.int) {
            values[row0 + r] = NaN;
            tags |= 1 << (x - MAX_INT.int - 1);
          } else values[row0 + r] = x;
        }
        break;
      case 'long':
        for (let r = 0, p = off; r < n; r++, p += rl) {
          const x = view.getInt32(p, le);
          if (x > MAX_INT.long) {
            values[row0 + r] = NaN;
            tags |= 1 << (x - MAX_INT.long - 1);
          } else values[row0 + r] = x;
        }
        break;
      case 'float':
        for (let r = 0, p = off; r < n; r++, p += rl) {
          const bits = view.getInt32(p, le);
          if (bits > 0x7effffff) {
            values[row0 + r] = NaN;
            const code = (bits - 0x7f000000) >>> 11;
            if (code <= 26) tags |= 1 << code;
          } else values[row0 + r] = view.getFloat32(p, le);
        }
        break;
      case 'double':
        for (let r = 0, p = off; r < n; r++, p += rl) {
          const hi = view.getInt32(le ? p + 4 : p, le);
          if (hi > 0x7fdfffff) {
            values[row0 + r] = NaN;
            const code = (hi - 0x7fe00000) >>> 8;
            if (code <= 26) tags |= 1 << code;
          } else values[row0 + r] = view.getFloat64(p, le);
        }
        break;
      default:
        throw new Error(`not a numeric type: ${this.v.type.kind}`);
    }
    this.tags = tags;
  }

  column(): Column {
    const kind = formatType(this.v.format);
    const values = this.values;
    if (kind === 'date') for (let i = 0; i < values.length; i++) values[i]! -= STATA_EPOCH_DAYS;
    else if (kind === 'datetime') for (let i = 0; i < values.length; i++) values[i] = values[i]! / 1000 - STATA_EPOCH_SECONDS;
    return { kind: 'number', values };
  }

  extendedMissing(): string[] {
    const out: string[] = [];
    for (let i = 1; i <= 26; i++) if (this.tags & (1 << i)) out.push(missingCode(i));
    return out;
  }
}

/** Dictionary-encodes text cells: byte strings are looked up as latin1 keys, each distinct one decoded once. */
class Dictionary {
  readonly levels: string[] = [];
  private readonly byBytes = new Map<string, number>();
  private readonly byText = new Map<string, number>();
  constructor(readonly decoder: TextDecode) {}

  code(buf: Buffer, start: number, end: number): number {
    if (end === start) return -1;
    const key = buf.toString('latin1', start, end);
    let c = this.byBytes.get(key);
    if (c !== undefined) return c;
    const text = this.decoder.decode(buf.subarray(start, end));
    c = this.byText.get(text);
    if (c === undefined) {
      c = this.levels.length;
      this.levels.push(text);
      this.byText.set(text, c);
    }
    this.byBytes.set(key, c);
    return c;
  }
}

class StringReader implements ColumnReader {
  readonly codes: Int32Array;
  readonly dict: Dictionary;
  constructor(
    readonly v: Variable,
    nobs: number,
    readonly recordLen: number,
    decoder: TextDecode,
  ) {
    this.codes = new Int32Array(nobs);
    this.dict = new Dictionary(decoder);
  }

  chunk(buf: Buffer, _view: DataView, n: number, row0: number): void {
    const { codes, dict, recordLen: rl } = this;
    const w = this.v.type.width;
    for (let r = 0, p = this.v.offset; r < n; r++, p += rl) {
      let e = p;
      const end = p + w;
      while (e < end && buf[e] !== 0) e++;
      codes[row0 + r] = dict.code(buf, p, e);
    }
  }
}

/** strL cells: the 8-byte (v,o) references are kept during the data pass and resolved from the strls section after it. */
class StrlReader implements ColumnReader {
  readonly refs: Uint8Array;
  constructor(
    readonly v: Variable,
    readonly nobs: number,
    readonly recordLen: number,
  ) {
    this.refs = new Uint8Array(nobs * 8);
  }

  chunk(buf: Buffer, _view: DataView, n: number, row0: number): void {
    const { refs, recordLen: rl } = this;
    for (let r = 0, p = this.v.offset; r < n; r++, p += rl) refs.set(buf.subarray(p, p + 8), (row0 + r) * 8);
  }
}

/** Unsigned integer of `len` bytes at `at` in the given byte order. */
function uintN(b: Uint8Array, at: number, len: number, le: boolean): number {
  let v = 0;
  for (let i = 0; i < len; i++) v = v * 256 + b[le ? at + len - 1 - i : at + i]!;
  return v;
}

/** A (v,o) pair as one number: o * (K + 1) + v. */
function strlKey(v: number, o: number, nvar: number): number {
  return o * (nvar + 1) + v;
}

/**
 * Reads a Stata .dta file (formats 113-119) into a column table, streaming the data in fixed-size chunks and decoding
 * only the requested columns. See the module comment for how values and metadata are represented.
 */
export async function readDta(path: string, options: DtaReadOptions = {}): Promise<Table> {
  const fh = await openForReading(path);
  try {
    const size = (await fh.stat()).size;
    const src = new Source(fh, size, path);
    const h = await readHeader(src, options);
    const byName = new Map(h.vars.map((v) => [v.name, v]));
    const wanted = options.columns ?? h.vars.map((v) => v.name);
    const selected = wanted.map((name) => {
      const v = byName.get(name);
      if (!v) {
        const shown = h.vars.slice(0, 40).map((x) => x.name).join(', ');
        throw new InputError(`${path}: no column "${name}"; columns are: ${shown}${h.vars.length > 40 ? ', ...' : ''}`);
      }
      return v;
    });
    if (new Set(wanted).size !== wanted.length) throw new InputError(`${path}: a column is requested twice in options.columns (${wanted.join(', ')})`);

    const readers = new Map<string, NumberReader | StringReader | StrlReader>();
    for (const v of selected) {
      const k = v.type.kind;
      readers.set(v.name, k === 'str' ? new StringReader(v, h.nobs, h.recordLen, h.decoder) : k === 'strl' ? new StrlReader(v, h.nobs, h.recordLen) : new NumberReader(v, h.nobs, h.recordLen, h.le));
    }
    await readData(src, h, [...readers.values()]);
    if (h.layout.xml) {
      const end = new Cursor(src, h.dataStart + h.nobs * h.recordLen);
      await end.tag('</data>', 'the data section');
    }

    const strls = [...readers.values()].filter((r): r is StrlReader => r instanceof StrlReader);
    const strlColumns = strls.length > 0 ? await resolveStrls(src, h, strls) : new Map<string, Column>();

    const needLabels = selected.some((v) => v.labelSet !== '');
    const labelSets = needLabels ? await readValueLabels(src, h) : new Map<string, ValueLabel[]>();

    const columns = new Map<string, Column>();
    const metas = new Map<string, ColumnMeta>();
    for (const v of selected) {
      const r = readers.get(v.name)!;
      const meta: { -readonly [K in keyof ColumnMeta]: ColumnMeta[K] } = { format: v.format };
      if (v.label !== '') meta.label = v.label;
      if (r instanceof NumberReader) {
        columns.set(v.name, r.column());
        meta.type = formatType(v.format) ?? 'numeric';
        const ext = r.extendedMissing();
        if (ext.length > 0) meta.missing = { values: ext };
      } else {
        columns.set(v.name, r instanceof StringReader ? { kind: 'category', codes: r.codes, levels: r.dict.levels } : strlColumns.get(v.name)!);
        meta.type = 'string';
        if (v.type.kind === 'str') meta.width = v.type.width;
      }
      if (v.labelSet !== '') {
        const set = labelSets.get(v.labelSet);
        if (set) meta.valueLabels = set;
        else if (options.missingValueLabels !== 'ignore') {
          throw new InputError(
            `${path}: variable "${v.name}" refers to value label set "${v.labelSet}", which is not in the value labels section (at byte ${h.valueLabelsAt}); ` +
              `option missingValueLabels: 'ignore' reads the file without it`,
          );
        }
      }
      metas.set(v.name, meta);
    }
    const meta = {
      columns: metas,
      encoding: h.encoding,
      format: `dta-${h.layout.release}`,
      ...(h.dataLabel !== '' ? { fileLabel: h.dataLabel } : {}),
    };
    return new Table(selected.map((v) => v.name), columns, h.nobs, path, meta);
  } finally {
    await fh.close();
  }
}

/** One pass over the data records, in chunks of whole records. */
async function readData(src: Source, h: Header, readers: readonly ColumnReader[]): Promise<void> {
  if (h.recordLen === 0 || h.nobs === 0 || readers.length === 0) return;
  const perChunk = Math.max(1, Math.floor(CHUNK / h.recordLen));
  const buf = Buffer.allocUnsafe(Math.min(perChunk, h.nobs) * h.recordLen);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  for (let row0 = 0; row0 < h.nobs; row0 += perChunk) {
    const n = Math.min(perChunk, h.nobs - row0);
    const at = h.dataStart + row0 * h.recordLen;
    try {
      await readFully(src.fh, buf, n * h.recordLen, at);
    } catch {
      throw new InputError(`${src.path}: truncated data: cannot read records ${row0 + 1}-${row0 + n} at byte ${at}`);
    }
    for (const r of readers) r.chunk(buf, view, n, row0);
  }
}

/** Reads the GSOs the requested strL columns refer to, and dictionary-encodes those columns. */
async function resolveStrls(src: Source, h: Header, strls: readonly StrlReader[]): Promise<Map<string, Column>> {
  const { layout, le, nvar, nobs } = h;
  // Format 119 stores v in 3 bytes and o in 5; ReadStat (and so R haven) writes 119 with 118's 2 and 6. Both are tried.
  const layouts: [number, number][] = [[layout.strlV, layout.strlO]];
  if (layout.release === 119) layouts.push([2, 6]);
  const keyAt = (refs: Uint8Array, i: number, [vl, ol]: [number, number]): number => {
    const at = i * 8;
    const v = uintN(refs, at, vl, le);
    const o = uintN(refs, at + vl, ol, le);
    return v === 0 && o === 0 ? 0 : strlKey(v, o, nvar);
  };
  const needed = new Set<number>();
  for (const s of strls) for (let i = 0; i < nobs; i++) for (const l of layouts) needed.add(keyAt(s.refs, i, l));
  needed.delete(0);

  const texts = new Map<number, string>();
  const present = new Set<number>();
  const c = new Cursor(src, h.strlsAt);
  c.le = le;
  await c.tag('<strls>', 'the strls section');
  for (;;) {
    const at = c.pos;
    const t = (await c.bytes(3, 'the strls section')).toString('latin1');
    if (t === '</s') {
      c.pos = at;
      await c.tag('</strls>', 'the strls section');
      break;
    }
    if (t !== 'GSO') throw src.error(at, `expected "GSO" or "</strls>" in the strls section, found ${JSON.stringify(t)}`);
    const v = await c.uint(4, 'a GSO header');
    const o = await c.uint(layout.gsoO, 'a GSO header');
    const type = await c.uint(1, 'a GSO header');
    const len = await c.uint(4, 'a GSO header');
    if (type !== 129 && type !== 130) throw src.error(at, `GSO (v=${v}, o=${o}) has type ${type}; expected 129 (binary) or 130 (text)`);
    const key = strlKey(v, o, nvar);
    present.add(key);
    if (needed.has(key)) {
      let b = await c.bytes(len, `the GSO (v=${v}, o=${o}) starting at byte ${at}`);
      if (type === 130 && b.length > 0 && b[b.length - 1] === 0) b = b.subarray(0, b.length - 1);
      texts.set(key, h.decoder.decode(b));
    } else {
      if (c.pos + len > src.size) throw src.truncated(c.pos, len, `GSO (v=${v}, o=${o}) starting at byte ${at}`);
      c.pos += len;
    }
  }

  const choice = layouts.find((l) => strls.every((s) => {
    for (let i = 0; i < nobs; i++) {
      const k = keyAt(s.refs, i, l);
      if (k !== 0 && !present.has(k)) return false;
    }
    return true;
  }));
  const out = new Map<string, Column>();
  for (const s of strls) {
    const l = choice ?? layouts[0]!;
    const codes = new Int32Array(nobs);
    const index = new Map<string, number>();
    const levels: string[] = [];
    for (let i = 0; i < nobs; i++) {
      const k = keyAt(s.refs, i, l);
      if (k === 0) {
        codes[i] = -1;
        continue;
      }
      const text = texts.get(k);
      if (text === undefined) {
        const vo = `${uintN(s.refs, i * 8, l[0], le)}, ${uintN(s.refs, i * 8 + l[0], l[1], le)}`;
        throw src.error(h.dataStart + i * h.recordLen + s.v.offset, `strL variable "${s.v.name}", row ${i + 1}: (v,o) = (${vo}) is not in the strls section`);
      }
      if (text === '') {
        codes[i] = -1;
        continue;
      }
      let code = index.get(text);
      if (code === undefined) {
        code = levels.length;
        levels.push(text);
        index.set(text, code);
      }
      codes[i] = code;
    }
    out.set(s.v.name, { kind: 'category', codes, levels });
  }
  return out;
}

/** All value label sets: name → labels in file order; values above the long range are `.`/`.a`..`.z`. */
async function readValueLabels(src: Source, h: Header): Promise<Map<string, ValueLabel[]>> {
  const { layout, le } = h;
  const sets = new Map<string, ValueLabel[]>();
  const c = new Cursor(src, h.valueLabelsAt);
  c.le = le;
  if (layout.xml) await c.tag('<value_labels>', 'the value_labels section');
  for (;;) {
    const at = c.pos;
    if (layout.xml) {
      const t = (await c.bytes(5, 'the value_labels section')).toString('latin1');
      if (t === '</val') {
        c.pos = at;
        await c.tag('</value_labels>', 'the value_labels section');
        break;
      }
      c.pos = at;
      await c.tag('<lbl>', 'the value_labels section');
    } else if (at >= src.size) break;
    const what = `the value label table starting at byte ${at}`;
    const len = await c.uint(4, what);
    const name = cString(await c.bytes(layout.labelNameLen, what), h.decoder);
    await c.bytes(3, what);
    const tableAt = c.pos;
    const t = await c.bytes(len, what);
    if (layout.xml) await c.tag('</lbl>', what);
    if (len < 8) throw src.error(tableAt, `value label table "${name}" is ${len} bytes, shorter than its 8-byte header`);
    const n = le ? t.readUInt32LE(0) : t.readUInt32BE(0);
    const txtLen = le ? t.readUInt32LE(4) : t.readUInt32BE(4);
    if (8 + 8 * n + txtLen > len) throw src.error(tableAt, `value label table "${name}": ${n} entries and ${txtLen} bytes of text do not fit in its ${len} bytes`);
    const txt = t.subarray(8 + 8 * n, 8 + 8 * n + txtLen);
    const labels: ValueLabel[] = [];
    for (let i = 0; i < n; i++) {
      const off = le ? t.readUInt32LE(8 + 4 * i) : t.readUInt32BE(8 + 4 * i);
      const val = le ? t.readInt32LE(8 + 4 * n + 4 * i) : t.readInt32BE(8 + 4 * n + 4 * i);
      if (off >= txtLen) throw src.error(tableAt, `value label table "${name}": label ${i + 1} starts at ${off}, past its ${txtLen} bytes of text`);
      const value = val > MAX_INT.long ? missingCode(val - MAX_INT.long - 1) : val;
      labels.push({ value, label: cString(txt.subarray(off), h.decoder) });
    }
    sets.set(name, labels);
  }
  return sets;
}
