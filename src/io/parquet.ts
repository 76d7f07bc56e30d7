/**
 * Parquet through DuckDB: reading (below) and writing (writeParquet, for writeTable).
 *
 * Parquet into a column table through DuckDB's built-in Parquet reader (`read_parquet`), streamed chunk by chunk into
 * typed columns, reading only the columns asked for.
 *
 * Types: every integer, float and decimal type -> numbers (Float64Array), except an integer column with a value beyond
 * 2^53, which a double cannot hold exactly: it is read as text (identifiers), as the CSV reader does. BOOLEAN -> numbers
 * 0/1 with value labels false/true (so that a mean is a proportion, and `labels: true` writes false/true back).
 * VARCHAR, ENUM and UUID -> text, dictionary-encoded by DuckDB itself (an ENUM of the column's values in first-seen
 * order, so the codes arrive as integers, never as a string per row). DATE -> days since 1970-01-01 (meta type 'date');
 * TIMESTAMP (any unit, with or without time zone) -> seconds since 1970-01-01T00:00Z (meta type 'datetime'); TIME ->
 * seconds since midnight. Nested types, BLOB, INTERVAL and the like are an error naming the column. NULL is missing.
 * Metadata that migstat's Parquet writer stores (key `migstat` of the file's key-value metadata: variable labels, value
 * labels, missing-value codes, types) is read back into `table.meta`.
 */
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, type DuckDBConnection, type DuckDBVector } from '@duckdb/node-api';
import { atomicWrite } from './atomic.js';
import { InputError } from './errors.js';
import { hexBytes, noColumn, openForReading } from './read-util.js';
import { type Column, type ColumnMeta, Table, type TableMeta } from './table.js';

export interface ParquetOptions {
  /** Read only these columns, in this order. */
  readonly columns?: readonly string[];
}

/** The key of the Parquet key-value metadata under which migstat keeps its column metadata (JSON). */
export const PARQUET_META_KEY = 'migstat';

/** A DuckDB in-memory database for one read or write, with extension downloads and autoloading off. */
export async function withDuckDB<T>(f: (c: DuckDBConnection) => Promise<T>, threads?: number): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...(threads ? { threads: String(threads) } : {}),
  });
  const connection = await instance.connect();
  try {
    return await f(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A SQL string literal. */
export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A SQL identifier. */
export const sqlName = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Checks the file is there and is Parquet (magic bytes PAR1 at both ends) before DuckDB sees it. */
async function checkMagic(path: string): Promise<void> {
  const fh = await openForReading(path);
  try {
    const { size } = await fh.stat();
    if (size === 0) throw new InputError(`${path}: the file is empty: expected a Parquet file`);
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    await fh.read(tail, 0, 4, Math.max(0, size - 4));
    if (head.toString('latin1') !== 'PAR1') {
      throw new InputError(`${path}: byte 1: not a Parquet file (it starts with ${hexBytes(head)}, not the magic bytes "PAR1")`);
    }
    if (size < 12 || tail.toString('latin1') !== 'PAR1') {
      throw new InputError(`${path}: byte ${size}: the Parquet file is truncated (it does not end with the magic bytes "PAR1")`);
    }
  } finally {
    await fh.close();
  }
}

type Kind = 'number' | 'text' | 'enum';
interface Plan {
  readonly name: string;
  readonly kind: Kind;
  readonly sql: string;
  readonly meta?: ColumnMeta;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|UTINYINT|USMALLINT|UINTEGER|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/;
const BIG_INTEGER = /^(BIGINT|UBIGINT|HUGEINT|UHUGEINT)$/;

/** How each column is read: the SQL that gives a DOUBLE with NaN for missing, or the text to dictionary-encode. */
function plan(name: string, type: string, path: string): Plan {
  const c = sqlName(name);
  if (NUMERIC.test(type) || BIG_INTEGER.test(type)) return { name, kind: 'number', sql: `CAST(${c} AS DOUBLE)` };
  if (type === 'BOOLEAN') {
    return { name, kind: 'number', sql: `CAST(${c} AS DOUBLE)`, meta: { type: 'numeric', valueLabels: [{ value: 0, label: 'false' }, { value: 1, label: 'true' }] } };
  }
  if (type === 'DATE') return { name, kind: 'number', sql: `CAST(date_diff('day', DATE '1970-01-01', ${c}) AS DOUBLE)`, meta: { type: 'date' } };
  if (/^TIMESTAMP/.test(type)) return { name, kind: 'number', sql: `CAST(epoch_us(${c}) AS DOUBLE) / 1e6`, meta: { type: 'datetime' } };
  if (type === 'TIME') return { name, kind: 'number', sql: `CAST(epoch_us(${c}) AS DOUBLE) / 1e6` };
  if (type === 'VARCHAR' || type === 'UUID' || type.startsWith('ENUM(')) return { name, kind: 'text', sql: `CAST(${c} AS VARCHAR)` };
  throw new InputError(`${path}: column "${name}" has type ${type}, which is not a column of numbers or text; leave it out (--columns)`);
}

/** Reads a Parquet file into a column table (only `columns`, when given). */
export async function readParquet(path: string, options: ParquetOptions = {}): Promise<Table> {
  await checkMagic(path);
  try {
    return await withDuckDB((db) => readWith(db, path, options));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: cannot read the Parquet file: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The read itself, in a DuckDB connection. */
async function readWith(db: DuckDBConnection, path: string, options: ParquetOptions): Promise<Table> {
  const from = `read_parquet(${sqlString(path)})`;
  const d = await db.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
  const described = d.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  const nrows = Number((await db.runAndReadAll(`SELECT count(*) FROM ${from}`)).getRowsJS()[0]![0]);
  const kv = await db.runAndReadAll(`SELECT decode(value) AS v FROM parquet_kv_metadata(${sqlString(path)}) WHERE decode(key) = ${sqlString(PARQUET_META_KEY)}`);
  const v = kv.getRowsJS()[0]?.[0];
  const stored = typeof v === 'string' ? parseStoredMeta(v) : undefined;
  const all = described.map((d) => d.name);
  const wanted = options.columns ?? all;
  const types = new Map(described.map((d) => [d.name, d.type]));
  for (const n of wanted) {
    if (!types.has(n)) throw noColumn(path, n, all);
  }
  const plans = wanted.map((n) => plan(n, types.get(n)!, path));
  // Integers beyond 2^53 would not be exact as doubles: such columns are read as text (min/max come from the statistics).
  const big = plans.filter((p) => BIG_INTEGER.test(types.get(p.name)!));
  if (big.length > 0) {
    const checks = big.map((p) => `coalesce(max(${sqlName(p.name)}) > 9007199254740992 OR min(${sqlName(p.name)}) < -9007199254740992, false)`).join(', ');
    const over = (await db.runAndReadAll(`SELECT ${checks} FROM ${from}`)).getRowsJS()[0]!;
    big.forEach((p, k) => {
      if (over[k] === true) plans[plans.indexOf(p)] = { name: p.name, kind: 'text', sql: `CAST(${sqlName(p.name)} AS VARCHAR)` };
    });
  }
  // Text: an ENUM of the column's values in first-seen order, so that the scan returns integer codes.
  const levels = new Map<string, string[]>();
  for (const [k, p] of plans.entries()) {
    if (p.kind !== 'text') continue;
    const e = `migstat_enum_${k}`;
    const q = `SELECT v FROM (SELECT ${p.sql} AS v, file_row_number AS r FROM read_parquet(${sqlString(path)}, file_row_number = true)) WHERE v IS NOT NULL GROUP BY v ORDER BY min(r)`;
    await db.run(`CREATE TYPE ${e} AS ENUM (${q})`);
    const values = (await db.runAndReadAll(`SELECT unnest(enum_range(NULL::${e}))`)).getRowsJS().map((r) => String(r[0]));
    levels.set(p.name, values);
    plans[k] = { ...p, kind: 'enum', sql: `CAST(enum_code(CAST(${p.sql} AS ${e})) AS INTEGER)` };
  }
  // NULL becomes NaN or code -1 in the query, for the columns whose statistics do not say they have none.
  const nullCounts = new Map<string, number | null>();
  for (const r of (await db.runAndReadAll(`SELECT path_in_schema, sum(stats_null_count) FROM parquet_metadata(${sqlString(path)}) GROUP BY ALL`)).getRowsJS()) {
    nullCounts.set(String(r[0]), r[1] === null ? null : Number(r[1]));
  }
  // (An ENUM vector itself would not do: node-api rebuilds the ENUM type, all its values, for every chunk.)
  const select = plans
    .map((p) => (nullCounts.get(p.name) === 0 ? p.sql : p.kind === 'enum' ? `coalesce(${p.sql}, -1)` : `coalesce(${p.sql}, 'NaN'::DOUBLE)`))
    .map((s, k) => `${s} AS c${k}`)
    .join(', ');
  const arrays = plans.map((p) => (p.kind === 'enum' ? new Int32Array(nrows) : new Float64Array(nrows)));
  let row = 0;
  const result = await db.stream(`SELECT ${select || '1'} FROM ${from}`);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    if (row + chunk.rowCount > nrows) throw new Error(`more rows than the ${nrows} the file declares`);
    arrays.forEach((a, k) => copyChunk(chunk, k, a, row));
    row += chunk.rowCount;
  }
  const columns = new Map<string, Column>();
  const metas = new Map<string, ColumnMeta>();
  plans.forEach((p, k) => {
    const a = arrays[k]!;
    columns.set(p.name, a instanceof Int32Array ? { kind: 'category', codes: a, levels: levels.get(p.name)! } : { kind: 'number', values: a });
    const m = stored?.columns?.[p.name] ?? p.meta;
    if (m) metas.set(p.name, m);
  });
  const meta: TableMeta = {
    format: 'parquet',
    ...(metas.size > 0 ? { columns: metas } : {}),
    ...(stored?.fileLabel !== undefined ? { fileLabel: stored.fileLabel } : {}),
  };
  return new Table(wanted, columns, row, path, meta);
}

/**
 * Column k of a chunk into `out` from `at`. The values are never NULL (coalesced in the query), so the vector's own
 * typed array is copied whole when the vector exposes it, else value by value.
 */
function copyChunk(chunk: DuckDBDataChunk, k: number, out: Float64Array | Int32Array, at: number): void {
  const vector = chunk.getColumnVector(k) as DuckDBVector & { items?: unknown };
  const items = vector.items;
  const n = chunk.rowCount;
  if ((items instanceof Float64Array || items instanceof Int32Array) && items.constructor === out.constructor && items.length >= n) {
    out.set(items.subarray(0, n), at);
    return;
  }
  for (let i = 0; i < n; i++) out[at + i] = Number(vector.getItem(i));
}

/** What migstat's Parquet writer keeps in the file's key-value metadata. */
export interface StoredMeta {
  readonly fileLabel?: string;
  readonly columns?: Readonly<Record<string, ColumnMeta>>;
}

function parseStoredMeta(text: string): StoredMeta | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' ? (v as StoredMeta) : undefined;
  } catch {
    return undefined;
  }
}

/** Rows appended to DuckDB at a time (its vector size). */
const APPEND_ROWS = 2048;

/**
 * Writes a table as Parquet through DuckDB (see write-table.ts for the types written), atomically: DuckDB writes a
 * temporary file beside `path`, renamed over it at the end.
 */
export async function writeParquet(table: Table, path: string, compression: 'zstd' | 'snappy' = 'zstd'): Promise<void> {
  if (table.names.length === 0) throw new InputError(`${path}: the table has no columns: a Parquet file needs at least one`);
  try {
    await atomicWrite(path, (tmp) => withDuckDB(async (db) => {
      const cols = table.names.map((name, k) => ({ name, id: `c${k}`, column: table.column(name), meta: table.meta.columns?.get(name) }));
      // The columns as they are held: numbers as DOUBLE (NaN missing), text as INTEGER codes (-1 missing) ...
      await db.run(`CREATE TABLE staging (${cols.map((c) => `${c.id} ${c.column.kind === 'number' ? 'DOUBLE' : 'INTEGER'}`).join(', ')})`);
      const types = cols.map((c) => (c.column.kind === 'number' ? DOUBLE : INTEGER));
      const appender = await db.createAppender('staging');
      for (let start = 0; start < table.nrows; start += APPEND_ROWS) {
        const m = Math.min(APPEND_ROWS, table.nrows - start);
        const chunk = DuckDBDataChunk.create(types, m);
        cols.forEach((c, k) => {
          const vector = chunk.getColumnVector(k) as DuckDBVector<number>;
          const src = c.column.kind === 'number' ? c.column.values : c.column.codes;
          for (let i = 0; i < m; i++) vector.setItem(i, src[start + i]!);
          vector.flush();
        });
        appender.appendDataChunk(chunk);
      }
      appender.closeSync();
      // ... and the levels of each text column as a list, looked up by code in the query that writes the file.
      for (const c of cols) {
        if (c.column.kind !== 'category') continue;
        await db.run(`CREATE TABLE ${c.id}_levels (code INTEGER, level VARCHAR)`);
        const a = await db.createAppender(`${c.id}_levels`);
        c.column.levels.forEach((level, code) => {
          a.appendInteger(code);
          a.appendVarchar(level);
          a.endRow();
        });
        a.closeSync();
        // A variable, not a subquery: a subquery would join, and a join need not keep the rows' order.
        await db.run(`SET VARIABLE ${c.id}_levels = (SELECT coalesce(list(level ORDER BY code), []) FROM ${c.id}_levels)`);
      }
      const exprs = cols.map((c) => `${writeExpression(c.id, c.column, c.meta)} AS ${sqlName(c.name)}`);
      const stored: StoredMeta = {
        ...(table.meta.fileLabel !== undefined ? { fileLabel: table.meta.fileLabel } : {}),
        ...(table.meta.columns && table.meta.columns.size > 0 ? { columns: Object.fromEntries([...table.meta.columns].filter(([n]) => table.names.includes(n))) } : {}),
      };
      const kv = Object.keys(stored).length > 0 ? `, KV_METADATA {${PARQUET_META_KEY}: ${sqlString(JSON.stringify(stored))}}` : '';
      await db.run(`COPY (SELECT ${exprs.join(', ')} FROM staging) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION ${compression}${kv})`);
    }));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: cannot write the Parquet file: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The SQL giving a column's Parquet values from the staging table: the narrowest exact type, NULL for missing. */
function writeExpression(id: string, column: Column, meta: ColumnMeta | undefined): string {
  if (column.kind === 'category') return `CASE WHEN ${id} >= 0 THEN getvariable('${id}_levels')[${id} + 1] END`;
  const value = `CASE WHEN isnan(${id}) THEN NULL ELSE ${id} END`;
  if (meta?.type === 'date') return `CAST(DATE '1970-01-01' + CAST(floor(${value}) AS INTEGER) AS DATE)`;
  if (meta?.type === 'datetime') return `make_timestamp(CAST(round(${value} * 1e6) AS BIGINT))`;
  let whole = true;
  let int32 = true;
  for (const v of column.values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER || Object.is(v, -0)) {
      whole = false;
      break;
    }
    if (v > 2147483647 || v < -2147483648) int32 = false;
  }
  return whole ? `CAST(${value} AS ${int32 ? 'INTEGER' : 'BIGINT'})` : value;
}
