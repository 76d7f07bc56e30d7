import { type FileHandle, open } from 'node:fs/promises';
/** Helpers shared by the readers (CSV, JSON, NDJSON, Arrow, Parquet): messages, encodings, byte positions, growable columns. */
import { textDecoder as dtaTextDecoder } from './encoding.js';
import { InputError } from './errors.js';
import { type CategoryColumn, type Column } from './table.js';

/** A file that cannot be opened or read. */
export function cannotRead(path: string, e: unknown): InputError {
  return new InputError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
}

/** Opens a file for reading; a failure is an `InputError` naming the file and the reason. */
export async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (e) {
    throw cannotRead(path, e);
  }
}

/** A column asked for that the file does not have: the message lists the columns there are (as Table.column does). */
export function noColumn(source: string, name: string, names: readonly string[]): InputError {
  return new InputError(`${source}: no column "${name}"; columns are: ${names.slice(0, 40).join(', ')}${names.length > 40 ? ', ...' : ''}`);
}

/** Bytes as hex for messages: `0xE9 0x0A` (prefix) or `E9 0A`. */
export function hexBytes(b: Uint8Array, prefix = ''): string {
  return Array.from(b, (x) => prefix + x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/**
 * Encodings a text reader accepts: UTF-8 and the WHATWG single-byte encodings, all ASCII-compatible, so that
 * delimiters, quotes and line ends are found byte by byte. `latin1` and `iso-8859-1` are labels of windows-1252
 * (the WHATWG Encoding Standard, which Node's TextDecoder follows).
 */
const SINGLE_BYTE = new Set([
  'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-8-i',
  'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16', 'koi8-r', 'koi8-u', 'macintosh', 'windows-874',
  'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257',
  'windows-1258', 'x-mac-cyrillic',
]);

/** The canonical name of an encoding label (`utf-8`, `windows-1252`, ...); an encoding the readers cannot handle is an error. */
export function resolveEncoding(label: string | undefined, source: string): string {
  if (label === undefined) return 'utf-8';
  let name: string;
  try {
    name = new TextDecoder(label).encoding;
  } catch {
    throw new InputError(`${source}: unknown encoding "${label}"; use utf-8, latin1 or windows-1252 (or another single-byte encoding such as iso-8859-15)`);
  }
  if (name !== 'utf-8' && !SINGLE_BYTE.has(name)) {
    throw new InputError(`${source}: encoding "${label}" (${name}) is not supported: re-save the file as UTF-8; supported are utf-8, latin1, windows-1252 and the other single-byte encodings`);
  }
  return name;
}

/**
 * A decoder for a supported encoding. Windows-1252 (also `latin1`) is decoded by the Stata reader's decoder, which
 * works around Node 20's TextDecoder (it decodes windows-1252 as ISO-8859-1, turning € and the rest of 0x80-0x9F into
 * control characters).
 */
export function textDecoder(encoding: string): (bytes: Uint8Array) => string {
  const d = dtaTextDecoder(encoding);
  return (bytes) => d.decode(bytes);
}

/** Bytes of `text` in a supported encoding, or undefined when a character has no byte in it. */
export function encodeText(text: string, encoding: string): Uint8Array | undefined {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const decoded = textDecoder(encoding)(Uint8Array.from({ length: 256 }, (_, i) => i));
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = decoded.indexOf(text[i]!);
    if (b < 0) return undefined;
    out[i] = b;
  }
  return out;
}

/** Offset of the first byte that is not valid UTF-8 in bytes[start, end), or -1 (RFC 3629: no overlongs, no surrogates). */
export function invalidUtf8At(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + n >= end) return i; // truncated sequence
    const c1 = b[i + 1]!;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** Line (1-based) and byte within the line (1-based) of offset `at` in bytes that start at line `line0`. */
export function lineAndByte(b: Uint8Array, start: number, at: number, line0: number): { line: number; byte: number } {
  let line = line0;
  let lineStart = start;
  for (let i = start; i < at; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, byte: at - lineStart + 1 };
}

/** The message for bytes that are not UTF-8: where, which bytes, and what to do. */
export function invalidUtf8Message(source: string, line: number, byte: number, b: Uint8Array, at: number, end: number, fileOffset: number): string {
  const shown = hexBytes(b.subarray(at, Math.min(at + 4, end)), '0x');
  return (
    `${source}: line ${line}, byte ${byte} (file offset ${fileOffset}): invalid UTF-8 (bytes ${shown}); ` +
    `if the file is in another encoding, name it (--encoding latin1, windows-1252, ...)`
  );
}

/** A numeric column being filled row by row. */
export class NumberBuilder {
  values: Float64Array;
  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(capacity, 16));
  }
  set(row: number, v: number): void {
    if (row >= this.values.length) this.values = grow(this.values, row + 1);
    this.values[row] = v;
  }
}

/** A text column being dictionary-encoded row by row (levels in first-seen order, code -1 missing). */
export class LevelBuilder {
  codes: Int32Array;
  readonly index = new Map<string, number>();
  constructor(capacity: number) {
    this.codes = new Int32Array(Math.max(capacity, 16));
  }
  set(row: number, v: string | null): void {
    this.setCode(row, v === null ? -1 : this.intern(v));
  }
  /** The code of a level, added when new. */
  intern(v: string): number {
    let c = this.index.get(v);
    if (c === undefined) this.index.set(v, (c = this.index.size));
    return c;
  }
  setCode(row: number, code: number): void {
    if (row >= this.codes.length) this.codes = grow(this.codes, row + 1);
    this.codes[row] = code;
  }
  column(n: number): CategoryColumn {
    return { kind: 'category', codes: fit(this.codes, n), levels: [...this.index.keys()] };
  }
}

/** A numeric column turned to text: each number as its shortest round-trip text (String(v)), NaN missing. */
export function numbersAsLevels(values: Float64Array, n: number, into: LevelBuilder): void {
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    into.set(i, Number.isNaN(v) ? null : String(v));
  }
}

/** The column from a builder, as a Column. */
export function numberColumn(b: NumberBuilder, n: number): Column {
  return { kind: 'number', values: fit(b.values, n) };
}

/** A larger copy of a typed array (x1.5, at least `min`). */
export function grow<T extends Float64Array | Int32Array>(a: T, min: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(min, Math.ceil(a.length * 1.5)));
  next.set(a);
  return next;
}

/** The first n values: the array itself when it fits, a view when the slack is small, else a copy. */
export function fit<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length - n <= n >> 3 ? a.subarray(0, n) : a.slice(0, n)) as T;
}
