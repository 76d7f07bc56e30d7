/**
 * Writes a column table as CSV, TSV, JSON, NDJSON or Parquet (and .sav/.zsav/.dta through the SPSS and Stata writers),
 * by the path's extension or `format`; atomically: a temporary file beside the target, renamed over it at the end, and
 * removed on failure, so a failed write leaves no file behind.
 *
 * Text (CSV, TSV, JSON, NDJSON): codes, not labels (`labels: true` writes the value labels that `table.meta` has);
 * missing as empty (CSV/TSV) or null (JSON); numbers at full precision (the shortest text that reads back to the same
 * double; infinities as Inf/-Inf, in JSON as the strings "Inf"/"-Inf"); columns of meta type 'date' as yyyy-mm-dd and
 * 'datetime' as yyyy-mm-ddThh:mm:ss[.sss]Z. CSV quotes a field only when it holds the delimiter, a quote or a line end.
 *
 * Parquet (DuckDB): numbers as INTEGER when every value is a whole number in 32-bit range, BIGINT when whole and
 * within 2^53, else DOUBLE; text as strings (dictionary-encoded by the writer); dates as DATE; datetimes as TIMESTAMP
 * (microseconds); missing as NULL. Compression ZSTD (default) or SNAPPY. Labels, value labels, missing-value codes and
 * types go into the file's key-value metadata under `migstat` (JSON), which `readParquet` reads back. The same table
 * gives the same bytes (DuckDB writes no clock time; its `created_by` names the DuckDB version, so another DuckDB
 * version may give other bytes).
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import { tempPath } from './atomic.js';
import { InputError } from './errors.js';
import { type Column, type ColumnMeta, Table } from './table.js';

export type WriteFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet' | 'sav' | 'zsav' | 'dta';

export const WRITE_FORMATS: readonly WriteFormat[] = ['csv', 'tsv', 'json', 'ndjson', 'parquet', 'sav', 'zsav', 'dta'];

const WRITE_EXTENSIONS: Readonly<Record<string, WriteFormat>> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.parquet': 'parquet',
  '.sav': 'sav',
  '.zsav': 'zsav',
  '.dta': 'dta',
};

export interface WriteOptions {
  /** The format, instead of the one the extension names. */
  readonly format?: WriteFormat;
  /** CSV/TSV/JSON/NDJSON: write value labels instead of codes where the table's metadata has them. */
  readonly labels?: boolean;
  /** Write only these columns, in this order. */
  readonly columns?: readonly string[];
  /** Parquet compression (default zstd). */
  readonly compression?: 'zstd' | 'snappy';
}

/** The write format of a path: `format`, else the extension's; an unknown one is an error listing the known ones. */
export function writeFormatOf(path: string, format?: string): WriteFormat {
  if (format !== undefined) {
    if (!(WRITE_FORMATS as readonly string[]).includes(format)) throw new InputError(`${path}: cannot write format "${format}"; formats are: ${WRITE_FORMATS.join(', ')}`);
    return format as WriteFormat;
  }
  const ext = extname(path).toLowerCase();
  const f = WRITE_EXTENSIONS[ext];
  if (!f) {
    throw new InputError(
      `${path}: ${ext ? `unknown file extension "${ext}"` : 'no file extension'}: cannot tell the format to write; ` +
        `known extensions are ${Object.keys(WRITE_EXTENSIONS).join(' ')} (or name the format: ${WRITE_FORMATS.join(', ')})`,
    );
  }
  return f;
}

/** Writes a table to a file in the format its extension (or `format`) names, atomically. */
export async function writeTable(table: Table, path: string, options: WriteOptions = {}): Promise<void> {
  const format = writeFormatOf(path, options.format);
  const t = options.columns ? project(table, options.columns) : table;
  switch (format) {
    case 'csv':
    case 'tsv':
      return writeAtomic(path, (sink) => writeDelimited(t, sink, format === 'tsv' ? '\t' : ',', options.labels ?? false));
    case 'json':
    case 'ndjson':
      return writeAtomic(path, (sink) => writeJsonRows(t, sink, format === 'ndjson', options.labels ?? false));
    case 'parquet':
      return (await import('./parquet.js')).writeParquet(t, path, options.compression ?? 'zstd');
    case 'sav':
    case 'zsav':
      await (await import('./sav-writer.js')).writeSav(t, path, format === 'zsav' ? { compression: 'zsav' } : {});
      return;
    case 'dta':
      await (await import('./dta-writer.js')).writeDta(t, path);
      return;
  }
}

/** The table with only `columns`, in that order. */
function project(table: Table, columns: readonly string[]): Table {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new InputError(`${table.source}: column "${c}" is asked for twice`);
    seen.add(c);
  }
  const cols = new Map(columns.map((c) => [c, table.column(c)] as const));
  const metas = table.meta.columns ? new Map(columns.filter((c) => table.meta.columns!.has(c)).map((c) => [c, table.meta.columns!.get(c)!] as const)) : undefined;
  return new Table(columns, cols, table.nrows, table.source, { ...table.meta, ...(metas ? { columns: metas } : {}) });
}

/** Bytes going to a file descriptor through a 1 MiB buffer. */
export class ByteSink {
  private buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;
  constructor(private readonly fd: number) {}
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }
  flush(): void {
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.buf, off, this.pos - off);
    this.pos = 0;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }
  /** ASCII text (numbers). */
  ascii(s: string): void {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
  /** An integer in 32-bit range, digit by digit. */
  int(v: number): void {
    this.room(11);
    const b = this.buf;
    if (v < 0) {
      b[this.pos++] = 0x2d;
      v = -v;
    }
    let digits = 1;
    for (let x = v; x >= 10; x = (x / 10) | 0) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do {
      const q = (v / 10) | 0;
      b[--p] = 0x30 + v - q * 10;
      v = q;
    } while (v > 0);
  }
}

/**
 * Writes through `fill` to a temporary file beside `path`, then renames it over `path`; on any failure the temporary
 * file is removed and `path` is left as it was.
 */
export function writeAtomic(path: string, fill: (sink: ByteSink) => void): void {
  const tmp = tempPath(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    const sink = new ByteSink(fd);
    fill(sink);
    sink.flush();
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** ISO 8601 text of a date (days since 1970-01-01). */
export function isoDate(days: number): string {
  return new Date(Math.floor(days) * 86_400_000).toISOString().slice(0, 10);
}

/** ISO 8601 text of a datetime (seconds since 1970-01-01T00:00Z), to the millisecond. */
export function isoDateTime(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString().replace('.000Z', 'Z');
}

/** How a text format writes a value: its quoting of text, and whether numbers are bare (CSV) or JSON. */
interface TextStyle {
  readonly quote: (s: string) => string;
  readonly missing: Uint8Array;
  readonly json: boolean;
}

/**
 * The writer of one column's cells: codes or (with `labels`) value labels; text quoted once per level; numbers
 * digit by digit when whole and in 32-bit range, else their shortest round-trip text.
 */
function cellWriter(sink: ByteSink, column: Column, meta: ColumnMeta | undefined, labels: boolean, style: TextStyle): (row: number) => void {
  const valueLabels = labels && meta?.valueLabels?.length ? meta.valueLabels : undefined;
  const encoded = (s: string) => Buffer.from(style.quote(s), 'utf8');
  const missing = style.missing;
  if (column.kind === 'category') {
    const byText = new Map(valueLabels?.map((l) => [String(l.value), l.label]));
    const levels = column.levels.map((l) => encoded(byText.get(l) ?? l));
    const codes = column.codes;
    return (row) => {
      const c = codes[row]!;
      sink.bytes(c < 0 ? missing : levels[c]!);
    };
  }
  const values = column.values;
  const byNumber = new Map(valueLabels?.filter((l) => typeof l.value === 'number').map((l) => [l.value as number, encoded(l.label)]));
  const labelled = byNumber.size > 0;
  if (meta?.type === 'date' || meta?.type === 'datetime') {
    const format = meta.type === 'date' ? isoDate : isoDateTime;
    return (row) => {
      const v = values[row]!;
      if (Number.isNaN(v)) return sink.bytes(missing);
      const l = labelled ? byNumber.get(v) : undefined;
      sink.bytes(l ?? encoded(Number.isFinite(v) ? format(v) : v > 0 ? 'Inf' : '-Inf'));
    };
  }
  const inf = encoded('Inf');
  const minusInf = encoded('-Inf');
  const bare = (s: string) => Buffer.from(s, 'latin1');
  const plainInf = style.json ? inf : bare('Inf');
  const plainMinusInf = style.json ? minusInf : bare('-Inf');
  return (row) => {
    const v = values[row]!;
    if (labelled) {
      const l = byNumber.get(v);
      if (l !== undefined) return sink.bytes(l);
    }
    if ((v | 0) === v && !Object.is(v, -0)) sink.int(v);
    else if (Number.isFinite(v)) sink.ascii(v === 0 ? '-0' : String(v));
    else sink.bytes(Number.isNaN(v) ? missing : v > 0 ? plainInf : plainMinusInf);
  };
}

/** CSV or TSV: a header line, then one line per row; fields quoted only when they hold the delimiter, a quote or a line end. */
function writeDelimited(table: Table, sink: ByteSink, delimiter: string, labels: boolean): void {
  const special = delimiter === ',' ? /[",\r\n]/ : /["\t\r\n]/;
  const quote = (s: string) => (special.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const style: TextStyle = { quote, missing: new Uint8Array(0), json: false };
  sink.text(table.names.map(quote).join(delimiter) + '\n');
  const cells = table.names.map((n) => cellWriter(sink, table.column(n), table.meta.columns?.get(n), labels, style));
  const d = delimiter.charCodeAt(0);
  for (let row = 0; row < table.nrows; row++) {
    for (let j = 0; j < cells.length; j++) {
      if (j > 0) sink.byte(d);
      cells[j]!(row);
    }
    sink.byte(0x0a);
  }
}

/** JSON (an array of objects, one row a line) or NDJSON (one object a line). */
function writeJsonRows(table: Table, sink: ByteSink, ndjson: boolean, labels: boolean): void {
  const style: TextStyle = { quote: (s) => JSON.stringify(s), missing: Buffer.from('null'), json: true };
  const keys = table.names.map((n, j) => Buffer.from(`${j === 0 ? '{' : ','}${JSON.stringify(n)}:`, 'utf8'));
  const cells = table.names.map((n) => cellWriter(sink, table.column(n), table.meta.columns?.get(n), labels, style));
  if (!ndjson) sink.ascii(table.nrows === 0 ? '[]\n' : '[\n');
  for (let row = 0; row < table.nrows; row++) {
    if (cells.length === 0) sink.byte(0x7b);
    for (let j = 0; j < cells.length; j++) {
      sink.bytes(keys[j]!);
      cells[j]!(row);
    }
    sink.ascii(ndjson || row + 1 === table.nrows ? '}\n' : '},\n');
  }
  if (!ndjson && table.nrows > 0) sink.ascii(']\n');
}
