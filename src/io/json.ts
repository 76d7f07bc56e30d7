/**
 * JSON (an array of objects, one per row) and NDJSON / JSON Lines (one object per line, read line by line in chunks)
 * into a column table.
 *
 * Columns are the keys, in first-seen order; a row without a key has it missing. A column is numeric when its values
 * are all numbers (or booleans, read as 0/1), else text (numbers then as their shortest text). `null`, and strings that
 * are `NA` or empty (option `na`), are missing. Nested objects and arrays are an error naming the row and key.
 */
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { InputError } from './errors.js';
import { type Column, Table } from './table.js';
import { LevelBuilder, NumberBuilder, cannotRead, invalidUtf8At, invalidUtf8Message, lineAndByte, noColumn, numberColumn, numbersAsLevels, resolveEncoding, textDecoder, openForReading } from './read-util.js';

export interface JsonOptions {
  /** Read only these columns, in this order (the others are not kept). */
  readonly columns?: readonly string[];
  /** Strings read as missing (after trimming spaces); default `NA` and empty. */
  readonly na?: readonly string[];
  /** Text encoding (JSON is UTF-8; others as for CSV). */
  readonly encoding?: string;
}

/** The columns of a run of records. */
class Records {
  private readonly columns = new Map<string, { numbers?: NumberBuilder; text?: LevelBuilder }>();
  private readonly na: Set<string>;
  private readonly wanted: ReadonlySet<string> | undefined;
  rows = 0;

  constructor(
    private readonly source: string,
    options: JsonOptions,
  ) {
    this.na = new Set((options.na ?? ['NA', '']).map((s) => s.trim()));
    this.wanted = options.columns ? new Set(options.columns) : undefined;
  }

  /** Adds one record; `where` says where it is, for messages (`row 3`, `line 7`). */
  add(record: unknown, where: string): void {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new InputError(`${this.source}: ${where}: expected an object (one row, {"column": value, ...}), found ${describe(record)}`);
    }
    const row = this.rows++;
    for (const key of Object.keys(record)) {
      if (this.wanted && !this.wanted.has(key)) continue;
      let c = this.columns.get(key);
      if (!c) {
        const numbers = new NumberBuilder(Math.max(1024, row + 1));
        numbers.values.fill(NaN, 0, row); // the rows before that had no such key
        this.columns.set(key, (c = { numbers }));
      }
      const v = (record as Record<string, unknown>)[key];
      if (v === null || (typeof v === 'string' && this.na.has(v.trim()))) {
        if (c.numbers) c.numbers.set(row, NaN);
        else c.text!.setCode(row, -1);
      } else if (typeof v === 'number' || typeof v === 'boolean') {
        if (c.numbers) c.numbers.set(row, Number(v));
        else c.text!.set(row, String(v));
      } else if (typeof v === 'string') {
        if (c.numbers) {
          c.text = new LevelBuilder(c.numbers.values.length);
          numbersAsLevels(c.numbers.values, row, c.text);
          delete c.numbers;
        }
        c.text!.set(row, v);
      } else {
        throw new InputError(`${this.source}: ${where}: key "${key}": ${describe(v)} is not read: values must be numbers, strings, booleans or null`);
      }
    }
    // Keys this record lacks are missing.
    for (const [key, c] of this.columns) {
      if (Object.prototype.hasOwnProperty.call(record, key)) continue;
      if (c.numbers) c.numbers.set(row, NaN);
      else c.text!.setCode(row, -1);
    }
  }

  table(format: string, encoding: string, columns: readonly string[] | undefined): Table {
    const names = columns ?? [...this.columns.keys()];
    const out = new Map<string, Column>();
    for (const name of names) {
      const c = this.columns.get(name);
      if (!c) {
        if (columns && this.rows > 0) throw noColumn(this.source, name, [...this.columns.keys()]);
        out.set(name, { kind: 'number', values: new Float64Array(this.rows).fill(NaN) });
      } else out.set(name, c.numbers ? numberColumn(c.numbers, this.rows) : c.text!.column(this.rows));
    }
    return new Table([...names], out, this.rows, this.source, { format, encoding });
  }
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** Text of a whole file: BOM skipped, invalid UTF-8 an error naming line and byte. */
function decode(bytes: Buffer, source: string, encoding: string): string {
  let start = 0;
  if (encoding === 'utf-8') {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    if (!isUtf8(bytes.subarray(start))) {
      const at = invalidUtf8At(bytes, start, bytes.length);
      const pos = lineAndByte(bytes, start, at, 1);
      throw new InputError(invalidUtf8Message(source, pos.line, pos.byte, bytes, at, bytes.length, at));
    }
    return bytes.toString('utf8', start);
  }
  return textDecoder(encoding)(bytes);
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw cannotRead(path, e);
  }
}

/** Where JSON.parse stopped, as line and column, from the position in its message. */
function syntaxError(source: string, text: string, e: unknown, line0 = 1): InputError {
  const message = (e as Error).message;
  const m = /position (\d+)/.exec(message);
  if (!m) return new InputError(`${source}: line ${line0}: invalid JSON: ${message}`);
  const pos = Number(m[1]);
  let line = line0;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return new InputError(`${source}: line ${line}, column ${pos - lineStart + 1}: invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
}

/** Reads a JSON file holding an array of objects (read whole: JSON has no row boundary to stream on). */
export async function readJson(path: string, options: JsonOptions = {}): Promise<Table> {
  const encoding = resolveEncoding(options.encoding, path);
  const bytes = await readBytes(path);
  const text = decode(bytes, path, encoding);
  if (text.trim() === '') throw new InputError(`${path}: the file is empty: expected a JSON array of objects`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw syntaxError(path, text, e);
  }
  if (!Array.isArray(value)) {
    throw new InputError(`${path}: expected a JSON array of objects (one per row), found ${describe(value)}; for one object per line, use .ndjson`);
  }
  const records = new Records(path, options);
  value.forEach((r, i) => records.add(r, `row ${i + 1}`));
  return records.table('json', encoding, options.columns);
}

/** Reads NDJSON / JSON Lines (one object per line; blank lines skipped), streaming it line by line. */
export async function readNdjson(path: string, options: JsonOptions = {}): Promise<Table> {
  const encoding = resolveEncoding(options.encoding, path);
  const decodeLine = textDecoder(encoding);
  const fh = await openForReading(path);
  const records = new Records(path, options);
  try {
    let buf = Buffer.allocUnsafe(1 << 20);
    let filled = 0;
    let position = 0;
    let line = 1;
    let fileOffset = 0;
    let any = false;
    for (;;) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, position);
      position += bytesRead;
      filled += bytesRead;
      const eof = bytesRead === 0;
      let start = 0;
      if (fileOffset === 0 && encoding === 'utf-8' && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
      for (;;) {
        let end = buf.indexOf(0x0a, start);
        if (end < 0 || end >= filled) {
          if (!eof || start >= filled) break;
          end = filled;
        }
        const bytes = buf.subarray(start, end > start && buf[end - 1] === 0x0d ? end - 1 : end);
        if (encoding === 'utf-8' && !isUtf8(bytes)) {
          const at = invalidUtf8At(bytes, 0, bytes.length);
          throw new InputError(invalidUtf8Message(path, line, at + 1, bytes, at, bytes.length, fileOffset + start + at));
        }
        const text = encoding === 'utf-8' ? bytes.toString('utf8') : decodeLine(bytes);
        if (text.trim() !== '') {
          any = true;
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch (e) {
            throw syntaxError(path, text, e, line);
          }
          records.add(value, `line ${line}`);
        }
        line++;
        start = end + 1;
      }
      if (eof) break;
      buf.copy(buf, 0, start, filled);
      filled -= start;
      fileOffset += start;
    }
    if (!any) throw new InputError(`${path}: the file is empty: expected one JSON object per line`);
  } finally {
    await fh.close();
  }
  return records.table('ndjson', encoding, options.columns);
}
