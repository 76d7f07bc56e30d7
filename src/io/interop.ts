/**
 * Interop with the tables analysts already use: Apache Arrow tables (apache-arrow, a dependency) and danfojs-node
 * DataFrames (an optional dependency, loaded on first use).
 *
 * - `toArrow(table)` / `fromArrow(arrowTable)`: number columns <-> Float64 (NaN <-> null), code columns <->
 *   Dictionary<Utf8, Int32> with the same levels in the same order (code -1 <-> null); each column's metadata
 *   (labels, value labels, missing codes) travels as JSON in the field metadata key `migstat.meta`.
 * - `toDataFrame(table | rows)` / `fromDataFrame(df)`: number columns <-> numeric columns (NaN missing), code columns
 *   <-> string columns (null missing). Result rows (estimate rows, indicator cells, tidy rows) are plain records:
 *   nested objects become `parent.key` columns (an estimate row's `domain.stype`) and arrays are joined with `;`.
 */
import {
  Bool, type DataType, Dictionary, Field, Float64, Int32, Schema, Table as ArrowTable, Type, Utf8, type Vector, makeData, makeVector, vectorFromArray,
} from 'apache-arrow';
import { InputError } from './errors.js';
import { type Column, type ColumnMeta, Table, encode } from './table.js';

/** Field metadata key holding a column's migstat metadata as JSON. */
export const ARROW_META_KEY = 'migstat.meta';

const DANFO_INSTALL =
  'npm install danfojs-node@1.2.0, with "overrides": {"xlsx": "0.18.5", "@tensorflow/tfjs-node": "npm:@tensorflow/tfjs@3.21.0"} in package.json ' +
  '(its own install script downloads a native library, which fails without them)';

/**
 * A danfojs-node DataFrame, typed here by the members migstat uses (the value is the real DataFrame, with all its
 * methods: cast it to danfojs-node's `DataFrame` type for the others).
 */
export interface DataFrameLike {
  readonly columns: string[];
  readonly shape: number[];
  column(name: string): { readonly values: readonly unknown[] };
  /** Prints the first rows as a table to the console. */
  print(): void;
}

/** A plain result record: an estimate row, an indicator cell, a tidy row (any object of fields). */
export type ResultRecord = object;

interface DanfoModule {
  DataFrame: new (data: unknown, options?: { columns?: string[] }) => DataFrameLike;
}

let danfo: Promise<DanfoModule> | undefined;

/**
 * Loads danfojs-node once; missing, an error that says how to install it. `importModule` replaces the dynamic import
 * (for tests; not cached).
 */
export async function loadDanfo(importModule?: (name: string) => Promise<unknown>): Promise<DanfoModule> {
  const load = async (): Promise<DanfoModule> => {
    const name = 'danfojs-node';
    try {
      const m = (await (importModule ? importModule(name) : import(name))) as DanfoModule & { default?: DanfoModule };
      const mod = m.DataFrame ? m : m.default;
      if (!mod?.DataFrame) throw new Error('the module has no DataFrame');
      return mod;
    } catch (e) {
      throw new InputError(`DataFrame interop needs the optional dependency danfojs-node, which could not be loaded (${(e as Error).message}): ${DANFO_INSTALL}`);
    }
  };
  if (importModule) return load();
  danfo ??= load().catch((e: unknown) => {
    danfo = undefined;
    throw e;
  });
  return danfo;
}

/** A migstat table as an Apache Arrow table: Float64 numbers and dictionary-encoded text, missing values null. */
export function toArrow(table: Table): ArrowTable {
  const fields: Field[] = [];
  const vectors: Record<string, Vector> = {};
  for (const name of table.names) {
    const col = table.column(name);
    const meta = table.meta.columns?.get(name);
    const fieldMeta = new Map<string, string>();
    if (meta) fieldMeta.set(ARROW_META_KEY, JSON.stringify(meta));
    let vector: Vector;
    if (col.kind === 'number') {
      vector = vectorFromArray(Array.from(col.values, (v) => (Number.isNaN(v) ? null : v)), new Float64());
    } else {
      const type = new Dictionary(new Utf8(), new Int32());
      const n = col.codes.length;
      const bitmap = new Uint8Array((n + 7) >> 3);
      const codes = new Int32Array(n);
      let nulls = 0;
      for (let i = 0; i < n; i++) {
        const c = col.codes[i]!;
        if (c < 0) nulls++;
        else {
          codes[i] = c;
          bitmap[i >> 3]! |= 1 << (i & 7);
        }
      }
      const dictionary = vectorFromArray([...col.levels], new Utf8());
      vector = makeVector(makeData({ type, length: n, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data: codes, dictionary }));
    }
    vectors[name] = vector;
    fields.push(new Field(name, vector.type, true, fieldMeta));
  }
  const schema = new Schema(fields);
  if (table.names.length === 0) return new ArrowTable(schema);
  const t = new ArrowTable(vectors);
  return new ArrowTable(schema, t.batches);
}

const isText = (t: DataType): boolean =>
  t.typeId === Type.Utf8 || t.typeId === Type.LargeUtf8 || (t.typeId === Type.Dictionary && isText((t as unknown as { dictionary: DataType }).dictionary));

/**
 * An Apache Arrow table as a migstat table: numbers, booleans (0/1), dates (days since 1970-01-01) and timestamps
 * (seconds) become number columns (null -> NaN); text and dictionaries of text become code columns (null -> -1),
 * keeping a dictionary's level order. Other types are an error naming the column.
 */
export function fromArrow(arrow: ArrowTable, source = '<arrow>'): Table {
  const names: string[] = [];
  const columns = new Map<string, Column>();
  const metas = new Map<string, ColumnMeta>();
  const n = arrow.numRows;
  for (const field of arrow.schema.fields) {
    const name = field.name;
    const vector = arrow.getChild(name)!;
    const t = field.type as DataType;
    const metaJson = field.metadata.get(ARROW_META_KEY);
    if (metaJson) metas.set(name, JSON.parse(metaJson) as ColumnMeta);
    if (isText(t)) {
      const levels: string[] = t.typeId === Type.Dictionary ? dictionaryLevels(vector) : [];
      const index = new Map(levels.map((l, i) => [l, i]));
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = vector.get(i) as string | null;
        if (v === null || v === undefined) codes[i] = -1;
        else {
          let c = index.get(v);
          if (c === undefined) index.set(v, (c = levels.push(v) - 1));
          codes[i] = c;
        }
      }
      columns.set(name, { kind: 'category', codes, levels });
    } else if ([Type.Int, Type.Float, Type.Decimal, Type.Bool, Type.Date, Type.Timestamp, Type.Null].includes(t.typeId)) {
      const values = new Float64Array(n);
      const scale = t.typeId === Type.Date ? 86_400_000 : t.typeId === Type.Timestamp ? 1000 : 1;
      for (let i = 0; i < n; i++) {
        const v = vector.get(i) as unknown;
        if (v === null || v === undefined) values[i] = NaN;
        else if (v instanceof Date) values[i] = v.getTime() / scale;
        else if (typeof v === 'boolean') values[i] = v ? 1 : 0;
        else values[i] = scale === 1 ? Number(v) : Number(v) / scale;
      }
      columns.set(name, { kind: 'number', values });
      if (t.typeId === Type.Bool && !metas.has(name)) metas.set(name, { type: 'numeric', valueLabels: [{ value: 0, label: 'false' }, { value: 1, label: 'true' }] });
      if (t.typeId === Type.Date && !metas.has(name)) metas.set(name, { type: 'date' });
      if (t.typeId === Type.Timestamp && !metas.has(name)) metas.set(name, { type: 'datetime' });
    } else {
      throw new InputError(`${source}: column "${name}" has Arrow type ${String(t)}, which is not a column of numbers or text`);
    }
    names.push(name);
  }
  return new Table(names, columns, n, source, metas.size ? { columns: metas, format: 'arrow' } : { format: 'arrow' });
}

/** The levels of a dictionary column (of its first chunk; later chunks add their new values in order). */
function dictionaryLevels(vector: Vector): string[] {
  const dict = vector.data[0]?.dictionary;
  if (!dict) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < dict.length; i++) {
    const v = dict.get(i) as string | null;
    if (v !== null && !seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

/** Result records as columns: nested objects flattened to `parent.key`, arrays joined with `;`, undefined -> null. */
export function recordColumns(rows: readonly ResultRecord[]): Record<string, unknown[]> {
  const flat = rows.map((r) => flatten(r));
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of flat) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  const out: Record<string, unknown[]> = {};
  for (const k of names) out[k] = flat.map((r) => (r[k] === undefined ? null : r[k]));
  return out;
}

function flatten(r: ResultRecord, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(r as Record<string, unknown>)) {
    const key = prefix + k;
    if (Array.isArray(v)) out[key] = v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join(';');
    else if (v !== null && typeof v === 'object' && !(v instanceof Date)) flatten(v, `${key}.`, out);
    else out[key] = v;
  }
  return out;
}

/**
 * A migstat table, or result rows (estimate rows, indicator cells, tidy rows), as a danfojs-node DataFrame. Needs the
 * optional dependency danfojs-node (an error says how to install it). Numbers keep NaN for missing; codes become
 * strings with null for missing.
 */
export async function toDataFrame(data: Table | readonly ResultRecord[]): Promise<DataFrameLike> {
  const { DataFrame } = await loadDanfo();
  if (data instanceof Table) {
    const cols: Record<string, unknown[]> = {};
    for (const name of data.names) {
      const c = data.column(name);
      cols[name] = c.kind === 'number' ? Array.from(c.values) : Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]!));
    }
    return new DataFrame(cols, { columns: [...data.names] });
  }
  const cols = recordColumns(data);
  return new DataFrame(cols, { columns: Object.keys(cols) });
}

/**
 * A danfojs-node DataFrame as a migstat table: a column of numbers (null, undefined and NaN missing) becomes a number
 * column, booleans 0/1, anything else a code column of strings (null/undefined missing).
 */
export function fromDataFrame(df: DataFrameLike, source = '<DataFrame>'): Table {
  const names = [...df.columns];
  const columns = new Map<string, Column>();
  const n = df.shape[0] ?? 0;
  for (const name of names) {
    const values = df.column(name).values;
    const present = values.filter((v) => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v)));
    if (present.every((v) => typeof v === 'number' || typeof v === 'boolean')) {
      columns.set(name, { kind: 'number', values: Float64Array.from(values, (v) => (v === null || v === undefined ? NaN : Number(v))) });
    } else {
      columns.set(name, encode(values.map((v) => (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : String(v)))));
    }
  }
  return new Table(names, columns, n, source);
}

/** Result rows (estimate rows, indicator cells, tidy rows) as an Apache Arrow table, flattened as for DataFrames. */
export function rowsToArrow(rows: readonly ResultRecord[]): ArrowTable {
  const cols = recordColumns(rows);
  const vectors: Record<string, Vector> = {};
  for (const [name, values] of Object.entries(cols)) {
    const present = values.filter((v) => v !== null);
    if (present.length > 0 && present.every((v) => typeof v === 'boolean')) vectors[name] = vectorFromArray(values as (boolean | null)[], new Bool());
    else if (present.every((v) => typeof v === 'number')) vectors[name] = vectorFromArray(values.map((v) => (typeof v === 'number' && !Number.isNaN(v) ? v : null)), new Float64());
    else vectors[name] = vectorFromArray(values.map((v) => (v === null ? null : String(v))), new Dictionary(new Utf8(), new Int32()));
  }
  return new ArrowTable(vectors);
}
