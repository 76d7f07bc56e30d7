/**
 * Arrow IPC (file format, alias Feather v2, and stream format) into a column table, record batch by record batch
 * (apache-arrow), converting only the columns asked for.
 *
 * Types, as the Parquet reader: integers, floats and decimals -> numbers (a 64-bit integer column with a value beyond
 * 2^53 becomes text, exactly); Bool -> 0/1 with value labels false/true; Utf8, LargeUtf8 and dictionaries of them ->
 * text (levels in first-seen order); Date -> days since 1970-01-01 (meta type 'date'); Timestamp (any unit; a time
 * zone only labels the instant) -> seconds since 1970-01-01T00:00Z (meta type 'datetime'); Time -> seconds since
 * midnight; Null -> missing numbers. Other types are an error naming the column. Null is missing.
 */
import { type Data, type DataType, DateUnit, RecordBatchReader, TimeUnit, Type, type Vector, makeVector, util } from 'apache-arrow';
import { InputError } from './errors.js';
import { type Column, type ColumnMeta, Table, type TableMeta } from './table.js';
import { LevelBuilder, NumberBuilder, hexBytes, noColumn, numberColumn, numbersAsLevels, openForReading } from './read-util.js';

export interface ArrowOptions {
  /** Read only these columns, in this order. */
  readonly columns?: readonly string[];
}

const PER_SECOND: Record<number, number> = { [TimeUnit.SECOND]: 1, [TimeUnit.MILLISECOND]: 1e3, [TimeUnit.MICROSECOND]: 1e6, [TimeUnit.NANOSECOND]: 1e9 };
const NUMBER_TYPES = new Set([Type.Int, Type.Float, Type.Decimal, Type.Bool, Type.Date, Type.Timestamp, Type.Time, Type.Null]);
const isText = (t: DataType): boolean =>
  t.typeId === Type.Utf8 || t.typeId === Type.LargeUtf8 || (t.typeId === Type.Dictionary && isText((t as unknown as { dictionary: DataType }).dictionary));
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** One column being filled: numbers (until, for 64-bit integers, a value a double cannot hold) or text. */
class ColumnReader {
  private numbers: NumberBuilder | undefined;
  private text: LevelBuilder | undefined;
  readonly meta: ColumnMeta | undefined;
  /** Per dictionary seen: the level code of each of its values (-2 not looked up yet). */
  private readonly dictionaryCodes = new WeakMap<Vector, Int32Array>();

  constructor(
    readonly name: string,
    type: DataType,
    path: string,
  ) {
    if (isText(type)) this.text = new LevelBuilder(1024);
    else if (NUMBER_TYPES.has(type.typeId)) this.numbers = new NumberBuilder(1024);
    else throw new InputError(`${path}: column "${name}" has Arrow type ${String(type)}, which is not a column of numbers or text; leave it out (--columns)`);
    const t = type.typeId;
    this.meta =
      t === Type.Bool
        ? { type: 'numeric', valueLabels: [{ value: 0, label: 'false' }, { value: 1, label: 'true' }] }
        : t === Type.Date
          ? { type: 'date' }
          : t === Type.Timestamp
            ? { type: 'datetime' }
            : undefined;
  }

  /** Appends the rows of one chunk of the column, from row `at`. */
  add(data: Data, at: number): void {
    const n = data.length;
    const vector = makeVector(data) as Vector;
    const valid = (i: number) => data.nullCount === 0 || data.getValid(i);
    const raw = data.values as unknown as ArrayLike<number | bigint>;
    const off = data.offset;
    if (this.text) {
      const text = this.text;
      const dict = data.dictionary as Vector | undefined;
      if (dict) {
        let codes = this.dictionaryCodes.get(dict);
        if (!codes) this.dictionaryCodes.set(dict, (codes = new Int32Array(dict.length).fill(-2)));
        for (let i = 0; i < n; i++) {
          if (!valid(i)) {
            text.setCode(at + i, -1);
            continue;
          }
          const k = Number(raw[off + i]);
          if (codes[k] === -2) {
            const v = dict.get(k) as unknown;
            codes[k] = v === null ? -1 : text.intern(String(v));
          }
          text.setCode(at + i, codes[k]!);
        }
      } else {
        const ints = data.type.typeId === Type.Int; // a 64-bit integer column turned text
        for (let i = 0; i < n; i++) text.set(at + i, valid(i) ? String(ints ? raw[off + i] : vector.get(i)) : null);
      }
      return;
    }
    const numbers = this.numbers!;
    const type = data.type as DataType & { unit?: number; scale?: number; precision?: number };
    const big = raw instanceof BigInt64Array || raw instanceof BigUint64Array;
    for (let i = 0; i < n; i++) {
      if (!valid(i)) {
        numbers.set(at + i, NaN);
        continue;
      }
      let v: number;
      switch (type.typeId) {
        case Type.Int:
          if (big && ((raw[off + i] as bigint) > MAX || (raw[off + i] as bigint) < -MAX)) {
            this.toText(at + i);
            for (let r = i; r < n; r++) this.text!.set(at + r, valid(r) ? String(raw[off + r]) : null);
            return;
          }
          v = Number(raw[off + i]);
          break;
        case Type.Float:
          v = type.precision === 0 ? (vector.get(i) as number) : (raw[off + i] as number); // half floats come through the getter
          break;
        case Type.Bool:
          v = vector.get(i) ? 1 : 0;
          break;
        case Type.Decimal:
          v = util.bigNumToNumber(vector.get(i) as Parameters<typeof util.bigNumToNumber>[0], type.scale);
          break;
        case Type.Date:
          v = type.unit === DateUnit.DAY ? Number(raw[off + i]) : Number(vector.get(i)) / 86_400_000;
          break;
        case Type.Timestamp:
        case Type.Time:
          v = Number(raw[off + i]) / PER_SECOND[type.unit!]!;
          break;
        default:
          v = NaN; // the Null type
      }
      numbers.set(at + i, v);
    }
  }

  /** From row `row` on, the column is text: the numbers before become their text. */
  private toText(row: number): void {
    this.text = new LevelBuilder(this.numbers!.values.length);
    numbersAsLevels(this.numbers!.values, row, this.text);
    this.numbers = undefined;
  }

  column(n: number): Column {
    return this.text ? this.text.column(n) : numberColumn(this.numbers!, n);
  }
}

/** Reads an Arrow IPC file (or stream) into a column table (only `columns`, when given). */
export async function readArrow(path: string, options: ArrowOptions = {}): Promise<Table> {
  const fh = await openForReading(path);
  try {
    const { size } = await fh.stat();
    if (size === 0) throw new InputError(`${path}: the file is empty: expected an Arrow IPC file`);
    const head = Buffer.alloc(8);
    await fh.read(head, 0, 8, 0);
    const isFile = head.toString('latin1', 0, 6) === 'ARROW1';
    if (!isFile && head.readUInt32LE(0) !== 0xffffffff) {
      const shown = hexBytes(head.subarray(0, Math.min(6, size)));
      throw new InputError(
        `${path}: byte 1: not an Arrow IPC file (it starts with ${shown}, not the magic bytes "ARROW1" nor a stream message; ` +
          'Feather v1 files are not read: rewrite them as Feather v2)',
      );
    }
    let reader: Awaited<ReturnType<typeof RecordBatchReader.from>>;
    try {
      reader = isFile ? await RecordBatchReader.from(fh) : await RecordBatchReader.from(fh.createReadStream({ start: 0, autoClose: false }));
      await reader.open();
    } catch (e) {
      throw new InputError(`${path}: cannot read the Arrow file: ${(e as Error).message}`);
    }
    const fields = reader.schema.fields;
    const all = fields.map((f) => f.name);
    const wanted = options.columns ?? all;
    const readers = wanted.map((name) => {
      const field = fields.find((f) => f.name === name);
      if (!field) throw noColumn(path, name, all);
      return new ColumnReader(name, field.type as DataType, path);
    });
    let rows = 0;
    try {
      for await (const batch of reader) {
        for (const r of readers) {
          let at = rows;
          for (const data of batch.getChild(r.name)!.data) {
            r.add(data as Data, at);
            at += data.length;
          }
        }
        rows += batch.numRows;
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`${path}: cannot read the Arrow file (after row ${rows}): ${(e as Error).message}`);
    }
    const columns = new Map<string, Column>(readers.map((r) => [r.name, r.column(rows)]));
    const metas = new Map(readers.filter((r) => r.meta).map((r) => [r.name, r.meta!]));
    const meta: TableMeta = { format: 'arrow', ...(metas.size > 0 ? { columns: metas } : {}) };
    return new Table([...wanted], columns, rows, path, meta);
  } finally {
    await fh.close();
  }
}
