/**
 * Delimited text (CSV, TSV) into a column table, streamed in chunks: a byte-level tokenizer (RFC 4180 quoting) fills
 * typed columns as it goes, so that neither the file nor its fields as strings are ever held whole.
 *
 * Typing rule (unchanged from the first reader): a column is numeric when every non-missing value is a plain number
 * (`-1.5`, `.5`, `2e3`; spaces around it allowed) without a leading zero (`0888` stays text, so codes keep their
 * zeros) and, for an integer, small enough to be held exactly (at most 2^53: longer identifiers stay text). Missing:
 * `NA` and empty, or the strings of `na` (compared after trimming spaces). Text columns are dictionary-encoded as they
 * are read; numbers are parsed straight from the bytes (exactly: the fast path is Clinger's, else `Number`). A column
 * that meets text after numbers becomes text: the earlier values are taken as their shortest text when that is what
 * the file said (`12`, `3.5`), else their text is read again from the file in a second pass over those columns only.
 *
 * The chunked reader measured against papaparse, DuckDB and arquero: bench/README.md ("Readers").
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './errors.js';
import { type Column, Table } from './table.js';
import { cannotRead, encodeText, fit, invalidUtf8At, invalidUtf8Message, lineAndByte, noColumn, resolveEncoding, textDecoder, openForReading } from './read-util.js';

export interface CsvOptions {
  /** Strings read as missing (after trimming spaces); default `NA` and empty. */
  readonly na?: readonly string[];
  /** Delimiter (one ASCII character, or `tab`); default detected among , ; tab | (tab for `format: 'tsv'`). */
  readonly delimiter?: string;
  /** Text encoding: `utf-8` (default; a UTF-8 byte-order mark is skipped), `latin1`/`windows-1252`, or another single-byte encoding. */
  readonly encoding?: string;
  /** Read only these columns, in this order (the others are checked for shape only). */
  readonly columns?: readonly string[];
  /** Longest line accepted, in bytes (default 4 MiB): a longer one is taken as a sign of a file that is not delimited text. */
  readonly maxLineBytes?: number;
  /** Recorded in the table's metadata; `tsv` also makes tab the default delimiter. */
  readonly format?: 'csv' | 'tsv';
  /** Bytes read at a time (default 1 MiB); tiny values test the chunk boundaries. */
  readonly chunkBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const CHUNK = 1 << 20;
/** Fields tokenized before the columns take them over (per batch). */
const BATCH_FIELDS = 1 << 17;
const DEFAULT_MAX_LINE = 4 << 20;

/** Reads a delimited text file into a column table (synchronously, in chunks). */
export function readCsv(path: string, options: CsvOptions = {}): Table {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    const passes = csvPasses(path, fstatSync(fd).size, options);
    for (let step = passes.next(); ; ) {
      if (step.done) return step.value;
      const r = step.value;
      let n: number;
      try {
        n = readSync(fd, r.buffer, r.offset, r.length, r.position);
      } catch (e) {
        throw cannotRead(path, e);
      }
      step = passes.next(n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads a delimited text file into a column table, streaming it with asynchronous reads (the reader of `readTable`). */
export async function readCsvStream(path: string, options: CsvOptions = {}): Promise<Table> {
  const fh = await openForReading(path);
  try {
    const passes = csvPasses(path, (await fh.stat()).size, options);
    for (let step = passes.next(); ; ) {
      if (step.done) return step.value;
      const r = step.value;
      let n: number;
      try {
        n = (await fh.read(r.buffer, r.offset, r.length, r.position)).bytesRead;
      } catch (e) {
        throw cannotRead(path, e);
      }
      step = passes.next(n);
    }
  } finally {
    await fh.close();
  }
}

/** Parses CSV text (or bytes) held in memory; errors name the source, the line and what was expected. */
export function parseCsv(text: string | Uint8Array, source: string, options: CsvOptions = {}): Table {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const passes = csvPasses(source, data.length, typeof text === 'string' ? { ...options, encoding: 'utf-8' } : options);
  for (let step = passes.next(); ; ) {
    if (step.done) return step.value;
    const r = step.value;
    step = passes.next(data.copy(r.buffer, r.offset, Math.min(r.position, data.length), Math.min(r.position + r.length, data.length)));
  }
}

/** A read the driver asks for: `length` bytes at file `position` into `buffer` at `offset`; it answers with the count read. */
interface ReadRequest {
  readonly buffer: Buffer;
  readonly offset: number;
  readonly length: number;
  readonly position: number;
}

interface Config {
  readonly source: string;
  readonly encoding: string;
  readonly format: 'csv' | 'tsv';
  readonly delimiter: number | undefined;
  readonly columns: readonly string[] | undefined;
  readonly maxLineBytes: number;
  readonly chunkBytes: number;
  readonly missing: Missing;
  /** Second pass: read these columns as text, and only the first `maxRows` rows. */
  readonly textOnly?: ReadonlySet<string>;
  readonly maxRows?: number;
}

/** The passes over a file: the main one, then (rarely) one that reads again as text the columns that changed type. */
function* csvPasses(source: string, size: number, options: CsvOptions): Generator<ReadRequest, Table, number> {
  const encoding = resolveEncoding(options.encoding, source);
  const config: Config = {
    source,
    encoding,
    format: options.format ?? 'csv',
    delimiter: delimiterByte(options.delimiter ?? (options.format === 'tsv' ? '\t' : undefined), source),
    columns: options.columns,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE,
    chunkBytes: Math.max(1, options.chunkBytes ?? CHUNK),
    missing: new Missing(options.na ?? ['NA', ''], encoding),
  };
  const main = new CsvParser(config, size);
  yield* scan(main, config);
  const again = main.textNeeded();
  if (again.size > 0) {
    const rows = Math.max(...again.values());
    const second = new CsvParser({ ...config, delimiter: main.delimiter, columns: [...again.keys()], textOnly: new Set(again.keys()), maxRows: rows }, size);
    yield* scan(second, config);
    main.takeText(second);
  }
  return main.table();
}

/** One pass: reads chunk after chunk, hands complete rows to the parser, keeps the incomplete tail for the next read. */
function* scan(parser: CsvParser, config: Config): Generator<ReadRequest, void, number> {
  let buf = Buffer.allocUnsafe(config.chunkBytes);
  let filled = 0;
  let position = 0;
  let eof = false;
  while (!parser.done) {
    if (filled === buf.length) {
      // No complete line in a full buffer: read on, in a larger one (the parser stops at maxLineBytes).
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    const n = yield { buffer: buf, offset: filled, length: buf.length - filled, position };
    if (n === 0) eof = true;
    filled += n;
    position += n;
    const used = parser.push(buf, filled, eof);
    if (eof) break;
    if (used > 0) {
      buf.copy(buf, 0, used, filled);
      filled -= used;
    }
  }
  if (!parser.done && !parser.sawHeader) {
    throw new InputError(`${config.source}: the file is empty: expected a header line and data rows`);
  }
}

function delimiterByte(d: string | undefined, source: string): number | undefined {
  if (d === undefined || d === '') return undefined;
  const s = d === 'tab' || d === '\\t' ? '\t' : d;
  const c = s.charCodeAt(0);
  if (s.length !== 1 || c > 0x7e || c === QUOTE || c === LF || c === CR) {
    throw new InputError(`${source}: delimiter "${d}" must be one ASCII character other than a quote or a line end (or "tab")`);
  }
  return c;
}

/** The strings read as missing, as bytes of the file's encoding. */
class Missing {
  readonly empty: boolean;
  readonly strings: readonly Uint8Array[];
  /** Some missing string is also a number (e.g. `-9`): numbers must then be checked against the list first. */
  readonly numeric: boolean;
  constructor(na: readonly string[], encoding: string) {
    this.empty = na.some((s) => s.trim() === '');
    this.strings = na
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => encodeText(s, encoding))
      .filter((b): b is Uint8Array => b !== undefined);
    this.numeric = this.strings.some((s) => !Number.isNaN(parseNumber(Buffer.from(s), 0, s.length)));
  }
  /** Whether bytes b[s, e), trimmed, are a missing value. */
  has(b: Uint8Array, s: number, e: number): boolean {
    while (s < e && isSpace(b[s]!)) s++;
    while (e > s && isSpace(b[e - 1]!)) e--;
    if (s === e) return this.empty;
    outer: for (const m of this.strings) {
      if (m.length !== e - s) continue;
      for (let i = 0; i < m.length; i++) if (m[i] !== b[s + i]) continue outer;
      return true;
    }
    return false;
  }
}

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Whether the last number parseNumber read was written as String(value) would write it (then no text need be kept). */
let numberCanonical = true;

/**
 * The number in bytes b[s, e) (spaces around it allowed), or NaN when they are not a plain number without a leading
 * zero (or are an integer beyond 2^53). Exact: Clinger's fast path (a mantissa below 2^53 times or over a power of ten
 * up to 10^22 is one correctly rounded operation), else `Number` of the text.
 */
function parseNumber(b: Buffer, s: number, e: number): number {
  let canonical = true;
  if (s < e && (isSpace(b[s]!) || isSpace(b[e - 1]!))) {
    canonical = false;
    while (s < e && isSpace(b[s]!)) s++;
    while (e > s && isSpace(b[e - 1]!)) e--;
  }
  let i = s;
  let negative = false;
  if (i < e && (b[i] === 0x2d || b[i] === 0x2b)) {
    negative = b[i] === 0x2d;
    if (!negative) canonical = false;
    i++;
  }
  const intStart = i;
  let m = 0;
  while (i < e) {
    const d = b[i]! - 0x30;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    i++;
  }
  const intDigits = i - intStart;
  if (intDigits > 1 && b[intStart] === 0x30) return NaN; // leading zero: a code, kept as text
  let fracDigits = 0;
  if (i < e && b[i] === 0x2e) {
    const fracStart = ++i;
    while (i < e) {
      const d = b[i]! - 0x30;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      i++;
    }
    fracDigits = i - fracStart;
    if (fracDigits === 0 || b[i - 1] === 0x30) canonical = false;
  }
  if (intDigits + fracDigits === 0) return NaN;
  let exp = 0;
  let hasExp = false;
  if (i < e && (b[i] === 0x65 || b[i] === 0x45)) {
    hasExp = true;
    canonical = false;
    i++;
    let expNegative = false;
    if (i < e && (b[i] === 0x2d || b[i] === 0x2b)) expNegative = b[i++] === 0x2d;
    const expStart = i;
    while (i < e) {
      const d = b[i]! - 0x30;
      if (d < 0 || d > 9) break;
      if (exp < 100000) exp = exp * 10 + d;
      i++;
    }
    if (i === expStart) return NaN;
    if (expNegative) exp = -exp;
  }
  if (i !== e) return NaN;
  let v: number;
  if (m > Number.MAX_SAFE_INTEGER) {
    if (fracDigits === 0 && !hasExp) return NaN; // an integer a double cannot hold exactly: an identifier, kept as text
    canonical = false;
    v = Math.abs(Number(b.toString('latin1', s, e)));
  } else {
    const p = exp - fracDigits;
    if (p === 0) v = m;
    else if (p > 0 && p <= 22) v = m * POW10[p]!;
    else if (p < 0 && p >= -22) v = m / POW10[-p]!;
    else v = Math.abs(Number(b.toString('latin1', s, e)));
  }
  if (canonical && (intDigits === 0 || m >= 1e15 || (v !== 0 && v < 1e-6) || (negative && v === 0))) canonical = false;
  numberCanonical = canonical;
  return negative ? -v : v;
}

/** A text column, dictionary-encoded on the bytes (levels decoded once, at the end). */
class TextColumn {
  codes: Int32Array;
  private keys = new Uint8Array(1024);
  private keyEnd = 0;
  private starts: Int32Array = new Int32Array(64);
  private hashes: Int32Array = new Int32Array(64);
  private table = new Int32Array(256);
  private count = 0;
  constructor(
    capacity: number,
    private readonly missing: Missing,
  ) {
    this.codes = new Int32Array(capacity);
  }

  resize(capacity: number): void {
    const c = new Int32Array(capacity);
    c.set(this.codes.subarray(0, Math.min(capacity, this.codes.length)));
    this.codes = c;
  }

  /** Rows row0 + r for r in [from, n) of a batch: field j of each row (row-major offsets, `stride` fields a row). */
  addBatch(b: Buffer, st: Int32Array, en: Int32Array, stride: number, j: number, from: number, n: number, row0: number): void {
    const codes = this.codes;
    for (let r = from, k = from * stride + j; r < n; r++, k += stride) codes[row0 + r] = this.code(b, st[k]!, en[k]!);
  }

  /** The level code of bytes b[s, e), adding a level when new; -1 for a missing value. */
  code(b: Uint8Array, s: number, e: number): number {
    if (this.missing.has(b, s, e)) return -1;
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 16777619);
    const table = this.table;
    const mask = table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const t = table[slot]!;
      if (t === 0) break;
      const level = t - 1;
      if (this.hashes[level] === h && this.equal(level, b, s, e)) return level;
    }
    return this.add(h, b, s, e);
  }

  private equal(level: number, b: Uint8Array, s: number, e: number): boolean {
    const k0 = this.starts[level]!;
    const len = (level + 1 < this.count ? this.starts[level + 1]! : this.keyEnd) - k0;
    if (len !== e - s) return false;
    const keys = this.keys;
    for (let i = 0; i < len; i++) if (keys[k0 + i] !== b[s + i]) return false;
    return true;
  }

  private add(h: number, b: Uint8Array, s: number, e: number): number {
    const level = this.count++;
    if (level === this.starts.length) {
      this.starts = growInt(this.starts, level * 2);
      this.hashes = growInt(this.hashes, level * 2);
    }
    if (this.keyEnd + (e - s) > this.keys.length) {
      const k = new Uint8Array(Math.max(this.keys.length * 2, this.keyEnd + (e - s)));
      k.set(this.keys.subarray(0, this.keyEnd));
      this.keys = k;
    }
    this.keys.set(b.subarray(s, e), this.keyEnd);
    this.starts[level] = this.keyEnd;
    this.keyEnd += e - s;
    this.hashes[level] = h;
    if (this.count * 2 > this.table.length) this.rehash();
    else this.place(level);
    return level;
  }

  private place(level: number): void {
    const mask = this.table.length - 1;
    let slot = this.hashes[level]! & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = level + 1;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let level = 0; level < this.count; level++) this.place(level);
  }

  /** The levels as strings, in first-seen order. */
  levels(encoding: string): string[] {
    const keys = Buffer.from(this.keys.buffer, this.keys.byteOffset, this.keyEnd);
    const ascii = encoding === 'utf-8' ? false : isAscii(keys);
    const decode = textDecoder(encoding);
    const out = new Array<string>(this.count);
    for (let level = 0; level < this.count; level++) {
      const s = this.starts[level]!;
      const e = level + 1 < this.count ? this.starts[level + 1]! : this.keyEnd;
      out[level] = encoding === 'utf-8' ? keys.toString('utf8', s, e) : ascii ? keys.toString('latin1', s, e) : decode(keys.subarray(s, e));
    }
    return out;
  }
}

function growInt(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/** A column read as numbers for as long as its values are numbers; then as text from the first value that is not. */
class NumberColumn {
  values: Float64Array;
  /** Every number so far was written as String(value) writes it. */
  canonical = true;
  /** The text column that took over at row `switchedAt`. */
  text: TextColumn | undefined;
  switchedAt = -1;
  constructor(
    capacity: number,
    private readonly missing: Missing,
  ) {
    this.values = new Float64Array(capacity);
  }

  resize(capacity: number): void {
    if (this.text) this.text.resize(capacity);
    const v = new Float64Array(capacity);
    v.set(this.values.subarray(0, Math.min(capacity, this.values.length)));
    this.values = v;
  }

  addBatch(b: Buffer, st: Int32Array, en: Int32Array, stride: number, j: number, n: number, row0: number): void {
    if (this.text) return this.text.addBatch(b, st, en, stride, j, 0, n, row0);
    const values = this.values;
    const missing = this.missing;
    for (let r = 0, k = j; r < n; r++, k += stride) {
      const s = st[k]!;
      const e = en[k]!;
      if (s === e && missing.empty) {
        values[row0 + r] = NaN;
        continue;
      }
      if (e - s <= 9 && !missing.numeric) {
        // Fast path: up to 9 digits, no sign, no leading zero (the shortest text of that number).
        let v = 0;
        let i = s;
        for (; i < e; i++) {
          const d = b[i]! - 0x30;
          if (d < 0 || d > 9) break;
          v = v * 10 + d;
        }
        if (i === e && i > s && (b[s] !== 0x30 || e - s === 1)) {
          values[row0 + r] = v;
          continue;
        }
      }
      if (missing.numeric && missing.has(b, s, e)) {
        values[row0 + r] = NaN;
        continue;
      }
      const v = parseNumber(b, s, e);
      if (v === v) {
        values[row0 + r] = v;
        if (!numberCanonical) this.canonical = false;
      } else if (missing.has(b, s, e)) values[row0 + r] = NaN;
      else {
        this.switchedAt = row0 + r;
        this.text = new TextColumn(values.length, missing);
        this.text.addBatch(b, st, en, stride, j, r, n, row0);
        return;
      }
    }
  }
}

/** The tokenizer and the columns it fills, for one pass over a file. */
class CsvParser {
  delimiter = 0;
  sawHeader = false;
  done = false;
  private ncols = 0;
  /** The columns read, in output order, with the field each comes from. */
  private out: { name: string; field: number; column: NumberColumn | TextColumn }[] = [];
  /** Line number at the start of the unconsumed bytes; file offset of the buffer's start. */
  private line = 1;
  private fileOffset = 0;
  /** Bytes checked (UTF-8, NUL) from the start of the buffer. */
  private checkedTo = 0;
  private st: Int32Array = new Int32Array(256);
  private en: Int32Array = new Int32Array(256);
  private batchRows = 0;
  private batchCap = 1;
  private rows = 0;
  private capacity = 0;
  /** Set by `row`: fields in the row, lines it spans, whether it is an empty line, fields with doubled quotes. */
  private nf = 0;
  private rowLines = 0;
  private emptyLine = false;
  private escaped: number[] = [];
  private crLines = false;

  constructor(
    private readonly config: Config,
    private readonly size: number,
  ) {}

  /** Takes the complete rows of b[0, end) (all of it when `final`); returns the bytes consumed. */
  push(b: Buffer, end: number, final: boolean): number {
    let pos = 0;
    if (this.fileOffset === 0 && !this.sawHeader) {
      if (end < 3 && !final) return 0;
      if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
        throw new InputError(`${this.config.source}: the file is UTF-16 text (byte-order mark ${b[0] === 0xff ? 'FF FE' : 'FE FF'}): save it as UTF-8`);
      }
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf && this.config.encoding === 'utf-8') pos = this.checkedTo = 3;
    }
    this.check(b, pos, end, final);
    if (!this.sawHeader) {
      pos = this.blankLines(b, pos, end);
      const next = this.header(b, pos, end, final);
      if (next < 0) return this.consumed(pos);
      pos = next;
    }
    const nc = this.ncols;
    while (pos < end && !this.done) {
      if (this.batchRows === this.batchCap) this.flush(b, pos);
      const base = this.batchRows * nc;
      const next = this.row(b, pos, end, final, base, base + nc);
      if (next < 0) break;
      const rowLine = this.line;
      this.line += this.rowLines;
      pos = next;
      if (this.emptyLine) continue;
      if (this.nf !== nc) {
        throw new InputError(`${this.config.source}: line ${rowLine}: ${this.nf} fields, expected ${nc} as in the header`);
      }
      if (this.escaped.length > 0) this.unescape(b, base);
      this.batchRows++;
      if (this.config.maxRows !== undefined && this.rows + this.batchRows >= this.config.maxRows) this.done = true;
    }
    this.flush(b, pos);
    return this.consumed(pos);
  }

  private consumed(pos: number): number {
    this.fileOffset += pos;
    this.checkedTo = Math.max(0, this.checkedTo - pos);
    return pos;
  }

  /** NUL bytes and, for UTF-8, invalid sequences, in the bytes not yet checked up to the last line end (or the end). */
  private check(b: Buffer, pos: number, end: number, final: boolean): void {
    const from = Math.max(this.checkedTo, pos);
    const to = final ? end : Math.max(b.lastIndexOf(LF, end - 1), b.lastIndexOf(CR, end - 1)) + 1;
    if (to <= from) return;
    const region = b.subarray(from, to);
    const nul = region.indexOf(0);
    const bad = this.config.encoding === 'utf-8' && !isUtf8(region) ? invalidUtf8At(b, from, to) : -1;
    if (nul >= 0 && (bad < 0 || from + nul < bad)) {
      const at = lineAndByte(b, pos, from + nul, this.line);
      throw new InputError(
        `${this.config.source}: line ${at.line}, byte ${at.byte} (file offset ${this.fileOffset + from + nul}): NUL byte (0x00): ` +
          'this is not delimited text (a binary file such as .sav, .dta, .xlsx, or UTF-16 text?)',
      );
    }
    if (bad >= 0) {
      const at = lineAndByte(b, pos, bad, this.line);
      throw new InputError(invalidUtf8Message(this.config.source, at.line, at.byte, b, bad, to, this.fileOffset + bad));
    }
    this.checkedTo = to;
  }

  /** Reads the header line; returns the position after it, or -1 when it is not complete yet. */
  private header(b: Buffer, pos: number, end: number, final: boolean): number {
    const source = this.config.source;
    if (this.config.delimiter !== undefined) this.delimiter = this.config.delimiter;
    else {
      const d = detectDelimiter(b, pos, end, final);
      if (d === undefined) return this.incomplete(pos, end, false);
      this.delimiter = d;
    }
    const firstLf = b.indexOf(LF, pos);
    const firstCr = b.indexOf(CR, pos);
    this.crLines = firstCr >= 0 && firstCr < end && (firstLf < 0 || firstLf >= end || firstCr < firstLf) && b[firstCr + 1] !== LF;
    let next: number;
    for (;;) {
      next = this.row(b, pos, end, final, 0, this.st.length);
      if (next < 0) return -1;
      if (this.nf > this.st.length) {
        this.st = new Int32Array(this.nf);
        this.en = new Int32Array(this.nf);
        continue;
      }
      if (!this.emptyLine) break;
      return -1; // only blank lines so far
    }
    const headerLine = this.line;
    this.line += this.rowLines;
    if (this.escaped.length > 0) this.unescape(b, 0);
    const decode = textDecoder(this.config.encoding);
    const names = Array.from({ length: this.nf }, (_, j) => decode(b.subarray(this.st[j]!, this.en[j]!)).trim());
    const seen = new Map<string, number>();
    names.forEach((name, j) => {
      if (name === '') throw new InputError(`${source}: line ${headerLine}, column ${j + 1}: empty column name`);
      if (seen.has(name)) throw new InputError(`${source}: line ${headerLine}: column name "${name}" appears twice (columns ${seen.get(name)! + 1} and ${j + 1})`);
      seen.set(name, j);
    });
    this.ncols = names.length;
    this.sawHeader = true;
    const wanted = this.config.columns ?? names;
    const asked = new Set<string>();
    for (const name of wanted) {
      if (asked.has(name)) throw new InputError(`${source}: column "${name}" is asked for twice`);
      asked.add(name);
      const field = seen.get(name);
      if (field === undefined) throw noColumn(source, name, names);
      const column = this.config.textOnly?.has(name) ? new TextColumn(0, this.config.missing) : new NumberColumn(0, this.config.missing);
      this.out.push({ name, field, column });
    }
    this.batchCap = Math.max(1, Math.floor(BATCH_FIELDS / this.ncols));
    this.st = new Int32Array(this.batchCap * this.ncols);
    this.en = new Int32Array(this.batchCap * this.ncols);
    return next;
  }

  /** Skips the blank (or all-space) lines before the header. */
  private blankLines(b: Buffer, pos: number, end: number): number {
    for (;;) {
      let i = pos;
      while (i < end && (b[i] === 0x20 || b[i] === 0x09)) i++;
      if (i >= end || (b[i] !== LF && b[i] !== CR)) return pos;
      if (b[i] === CR && i + 1 < end && b[i + 1] === LF) i++;
      this.line++;
      pos = i + 1;
    }
  }

  /**
   * Tokenizes the row at `pos`: field i's bytes go to st/en[base + i] while base + i < limit. Returns the position after
   * the row's line end, or -1 when the row is not complete in b[0, end) (and `final` is false).
   */
  private row(b: Buffer, pos: number, end: number, final: boolean, base: number, limit: number): number {
    const D = this.delimiter;
    const st = this.st;
    const en = this.en;
    let i = pos;
    let nf = 0;
    let lines = 0;
    this.escaped.length = 0;
    for (;;) {
      let fs: number;
      let fe: number;
      let next: number;
      let rowEnd = false;
      let nl = 1;
      if (i < end && b[i] === QUOTE) {
        let j = i + 1;
        let doubled = false;
        let inner = 0;
        for (;;) {
          while (j < end) {
            const c = b[j]!;
            if (c === QUOTE) break;
            if (c === LF) inner++;
            j++;
          }
          if (j >= end) {
            if (final) throw this.unterminated(nf + 1);
            return this.incomplete(pos, end, true);
          }
          if (j + 1 < end) {
            if (b[j + 1] === QUOTE) {
              doubled = true;
              j += 2;
              continue;
            }
          } else if (!final) return this.incomplete(pos, end, true);
          break;
        }
        lines += inner;
        fs = i + 1;
        fe = j;
        const k = j + 1;
        if (k >= end) {
          next = k;
          rowEnd = true;
          nl = 0;
        } else {
          const c = b[k]!;
          if (c === D) next = k + 1;
          else if (c === LF) {
            next = k + 1;
            rowEnd = true;
          } else if (c === CR) {
            if (k + 1 < end) next = b[k + 1] === LF ? k + 2 : k + 1;
            else if (final) next = k + 1;
            else return this.incomplete(pos, end, false);
            rowEnd = true;
          } else {
            throw new InputError(
              `${this.config.source}: line ${this.line + lines}: field ${nf + 1}: text after the closing quote of a quoted field ` +
                '(a quote inside a quoted field must be doubled: "")',
            );
          }
        }
        if (doubled && base + nf < limit) this.escaped.push(nf);
      } else {
        let j = i;
        for (;;) {
          while (j < end) {
            const c = b[j]!;
            if (c === D || c === LF || c === CR) break;
            j++;
          }
          if (j >= end) {
            if (!final) return this.incomplete(pos, end, false);
            next = j;
            rowEnd = true;
            nl = 0;
            break;
          }
          const c = b[j]!;
          if (c === D) {
            next = j + 1;
            break;
          }
          rowEnd = true;
          if (c === LF) {
            next = j + 1;
            break;
          }
          if (j + 1 < end) {
            if (b[j + 1] === LF) next = j + 2;
            else if (this.crLines) next = j + 1;
            else {
              rowEnd = false; // a lone CR inside a field of a file whose lines end in LF: a character like any other
              j++;
              continue;
            }
          } else if (!final) return this.incomplete(pos, end, false);
          else next = j + 1;
          break;
        }
        fs = i;
        fe = j;
        if (rowEnd && nf === 0 && fs === fe) {
          this.nf = 0;
          this.rowLines = nl;
          this.emptyLine = true;
          return next;
        }
      }
      if (base + nf < limit) {
        st[base + nf] = fs;
        en[base + nf] = fe;
      }
      nf++;
      if (rowEnd) {
        this.nf = nf;
        this.rowLines = lines + nl;
        this.emptyLine = false;
        return next;
      }
      i = next;
    }
  }

  /** A row that runs past the buffer: fine, unless it is already longer than any line should be. */
  private incomplete(pos: number, end: number, quoted: boolean): number {
    const max = this.config.maxLineBytes;
    if (end - pos > max) {
      const what = quoted
        ? `a quoted field runs on for more than ${max} bytes without its closing quote (an unterminated quote?)`
        : `no line end within ${max} bytes: is this delimited text? (the longest line accepted is ${max} bytes)`;
      throw new InputError(`${this.config.source}: line ${this.line}: ${what}`);
    }
    return -1;
  }

  private unterminated(field: number): InputError {
    return new InputError(`${this.config.source}: line ${this.line}: field ${field}: unterminated quote: the quoted field that starts on this line is never closed`);
  }

  /** Turns the doubled quotes of the row's escaped fields into single ones, in place (the row is complete). */
  private unescape(b: Buffer, base: number): void {
    for (const f of this.escaped) {
      const s = this.st[base + f]!;
      const e = this.en[base + f]!;
      let w = s;
      for (let r = s; r < e; r++, w++) {
        b[w] = b[r]!;
        if (b[r] === QUOTE) r++;
      }
      this.en[base + f] = w;
    }
  }

  /** Hands the batch of tokenized rows to the columns. */
  private flush(b: Buffer, pos: number): void {
    const n = this.batchRows;
    if (n === 0) return;
    this.reserve(this.rows + n, this.fileOffset + pos);
    for (const { field, column } of this.out) {
      if (column instanceof NumberColumn) column.addBatch(b, this.st, this.en, this.ncols, field, n, this.rows);
      else column.addBatch(b, this.st, this.en, this.ncols, field, 0, n, this.rows);
    }
    this.rows += n;
    this.batchRows = 0;
  }

  /** Room for `rows` rows: sized once from the bytes per row so far and the file size, grown by a quarter if short. */
  private reserve(rows: number, bytesRead: number): void {
    if (rows <= this.capacity) return;
    let capacity = Math.max(rows, Math.ceil(this.capacity * 1.25));
    if (bytesRead > 0 && this.size > bytesRead) capacity = Math.max(capacity, Math.ceil((rows * this.size * 1.04) / bytesRead) + 64);
    if (this.config.maxRows !== undefined) capacity = Math.min(capacity, Math.max(rows, this.config.maxRows));
    for (const { column } of this.out) column.resize(capacity);
    this.capacity = capacity;
  }

  /** Columns that turned to text after numbers whose text was not their shortest form: name -> rows to read again. */
  textNeeded(): Map<string, number> {
    const m = new Map<string, number>();
    for (const { name, column } of this.out) {
      if (column instanceof NumberColumn && column.text && !column.canonical) m.set(name, column.switchedAt);
    }
    return m;
  }

  /** The text of the earlier rows, read by a second pass. */
  private again: CsvParser | undefined;
  takeText(second: CsvParser): void {
    this.again = second;
  }

  private textOf(name: string): TextColumn | undefined {
    const c = this.again?.out.find((o) => o.name === name)?.column;
    return c instanceof TextColumn ? c : undefined;
  }

  table(): Table {
    const n = this.rows;
    const columns = new Map<string, Column>();
    const enc = this.config.encoding;
    for (const { name, column } of this.out) {
      if (column instanceof TextColumn) columns.set(name, { kind: 'category', codes: fit(column.codes, n), levels: column.levels(enc) });
      else if (!column.text) columns.set(name, { kind: 'number', values: fit(column.values, n) });
      else columns.set(name, this.merged(column, this.textOf(name), n));
    }
    return new Table(
      this.out.map((o) => o.name),
      columns,
      n,
      this.config.source,
      { format: this.config.format, encoding: this.config.encoding },
    );
  }

  /** A column that turned to text at row `switchedAt`: the earlier rows' text (their numbers, or the second pass), then its own. */
  private merged(column: NumberColumn, earlier: TextColumn | undefined, n: number): Column {
    const k = column.switchedAt;
    const later = column.text!;
    const index = new Map<string, number>();
    const intern = (s: string) => {
      let c = index.get(s);
      if (c === undefined) index.set(s, (c = index.size));
      return c;
    };
    const codes = later.codes;
    if (earlier) {
      const map = earlier.levels(this.config.encoding).map(intern);
      for (let i = 0; i < k; i++) {
        const c = earlier.codes[i]!;
        codes[i] = c < 0 ? -1 : map[c]!;
      }
    } else {
      for (let i = 0; i < k; i++) {
        const v = column.values[i]!;
        codes[i] = Number.isNaN(v) ? -1 : intern(String(v));
      }
    }
    const map = later.levels(this.config.encoding).map(intern);
    for (let i = k; i < n; i++) {
      const c = codes[i]!;
      codes[i] = c < 0 ? -1 : map[c]!;
    }
    return { kind: 'category', codes: fit(codes, n), levels: [...index.keys()] };
  }
}

/**
 * The delimiter among , ; tab | from the first lines (quotes respected): the one that splits every line into the same
 * number (> 1) of fields, the most fields first; else the one that splits the header most; else a comma. Undefined
 * when no line is complete yet.
 */
function detectDelimiter(b: Buffer, pos: number, end: number, final: boolean): number | undefined {
  const candidates = [0x2c, 0x3b, 0x09, 0x7c];
  const limit = Math.min(end, pos + (64 << 10));
  const counts = candidates.map(() => [] as number[]);
  const current = candidates.map(() => 0);
  let inQuote = false;
  let lineEmpty = true;
  let lines = 0;
  let i = pos;
  for (; i < limit && lines < 20; i++) {
    const c = b[i]!;
    if (c === QUOTE) inQuote = !inQuote;
    if (inQuote) {
      lineEmpty = false;
      continue;
    }
    if (c === LF || c === CR) {
      if (!lineEmpty) {
        candidates.forEach((_, k) => counts[k]!.push(current[k]! + 1));
        lines++;
      }
      current.fill(0);
      lineEmpty = true;
      continue;
    }
    lineEmpty = false;
    const k = candidates.indexOf(c);
    if (k >= 0) current[k]!++;
  }
  if (!lineEmpty && i >= end && final) candidates.forEach((_, k) => counts[k]!.push(current[k]! + 1));
  if (counts[0]!.length === 0) return final ? 0x2c : undefined;
  let best = -1;
  let bestFields = 1;
  candidates.forEach((_, k) => {
    const c = counts[k]!;
    if (c[0]! > bestFields && c.every((x) => x === c[0])) {
      best = k;
      bestFields = c[0]!;
    }
  });
  if (best < 0) {
    candidates.forEach((_, k) => {
      if (counts[k]![0]! > bestFields) {
        best = k;
        bestFields = counts[k]![0]!;
      }
    });
  }
  return best < 0 ? 0x2c : candidates[best]!;
}
