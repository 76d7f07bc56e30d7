import { InputError } from './errors.js';

/** A numeric column: NaN marks a missing value. */
export interface NumberColumn {
  readonly kind: 'number';
  readonly values: Float64Array;
}

/** A code column held dictionary-encoded: code -1 marks a missing value; levels in first-seen order. */
export interface CategoryColumn {
  readonly kind: 'category';
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type Column = NumberColumn | CategoryColumn;

/** A labelled value: a numeric code (or, for string variables, a text code) and its label. */
export interface ValueLabel {
  readonly value: number | string;
  readonly label: string;
}

/** What a file says about a variable besides its values (SPSS/Stata dictionaries; kept through conversion). */
export interface ColumnMeta {
  /** Variable label. */
  readonly label?: string;
  readonly valueLabels?: readonly ValueLabel[];
  /** Declared (user-)missing values: discrete codes and/or a range [low, high], as SPSS; Stata extended missing .a-.z. */
  readonly missing?: { readonly values?: readonly (number | string)[]; readonly range?: readonly [number, number] };
  /** How the values are stored in the source: numeric, string (with width), date (days since 1970-01-01) or datetime (seconds since 1970-01-01T00:00Z). */
  readonly type?: 'numeric' | 'string' | 'date' | 'datetime';
  /** The source's display format (`F8.2`, `A20`, `%9.0g`, `%td`, ...). */
  readonly format?: string;
  /** String width in bytes, for writers. */
  readonly width?: number;
}

/** File-level metadata. */
export interface TableMeta {
  /** Per column, where the source carries any. */
  readonly columns?: ReadonlyMap<string, ColumnMeta>;
  readonly fileLabel?: string;
  /** Encoding the text was decoded from. */
  readonly encoding?: string;
  /** The format read (`csv`, `sav`, `zsav`, `dta-118`, `parquet`, ...). */
  readonly format?: string;
}

/** A column table read from a file, with the file it came from for messages, and its metadata. */
export class Table {
  constructor(
    readonly names: readonly string[],
    readonly columns: ReadonlyMap<string, Column>,
    readonly nrows: number,
    readonly source = '<memory>',
    readonly meta: TableMeta = {},
  ) {}

  /** The column of that name; an unknown name is an error that lists the columns there are. */
  column(name: string): Column {
    const c = this.columns.get(name);
    if (!c) {
      const shown = this.names.slice(0, 40).join(', ');
      throw new InputError(`${this.source}: no column "${name}"; columns are: ${shown}${this.names.length > 40 ? ', ...' : ''}`);
    }
    return c;
  }
}

/** Builds a table from plain arrays: numbers (NaN or null missing) or strings (null missing). */
export function tableFromArrays(cols: Readonly<Record<string, ArrayLike<number | null> | readonly (string | null)[]>>, source?: string): Table {
  const names = Object.keys(cols);
  const columns = new Map<string, Column>();
  let nrows = -1;
  for (const name of names) {
    const a = cols[name]!;
    if (nrows >= 0 && a.length !== nrows) throw new InputError(`column "${name}" has ${a.length} values, others ${nrows}`);
    nrows = a.length;
    if (a instanceof Float64Array) columns.set(name, { kind: 'number', values: a });
    else if (Array.from(a as ArrayLike<unknown>).every((v) => v === null || typeof v === 'number')) {
      columns.set(name, { kind: 'number', values: Float64Array.from(a as ArrayLike<number | null>, (v) => (v === null ? NaN : v)) });
    } else columns.set(name, encode(a as readonly (string | null)[]));
  }
  return new Table(names, columns, Math.max(nrows, 0), source);
}

/** Dictionary-encodes strings (null = missing). */
export function encode(values: readonly (string | null)[]): CategoryColumn {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null) {
      codes[i] = -1;
      return;
    }
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = index.size));
    codes[i] = c;
  });
  return { kind: 'category', codes, levels: [...index.keys()] };
}
