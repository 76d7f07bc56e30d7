/**
 * One entry point for every data file: picks the reader by the file's extension (or `format`) and returns the same
 * column table (numbers as Float64Array, text dictionary-encoded as Int32Array codes + levels) with the file's metadata.
 *
 * | format  | extensions                    | reader                                                        |
 * | ------- | ----------------------------- | ------------------------------------------------------------- |
 * | csv     | .csv .txt                     | readCsvStream (delimiter detected among , ; tab |)            |
 * | tsv     | .tsv                          | readCsvStream (tab)                                           |
 * | sav     | .sav  (zsav: .zsav)           | readSav (SPSS system file, compressed or not)                 |
 * | dta     | .dta                          | readDta (Stata 113-119)                                       |
 * | parquet | .parquet                      | readParquet (DuckDB's reader)                                 |
 * | arrow   | .arrow .feather .ipc          | readArrow (Arrow IPC file or stream; Feather v2)              |
 * | json    | .json                         | readJson (an array of objects)                                |
 * | ndjson  | .ndjson .jsonl                | readNdjson (one object per line)                              |
 *
 * Every reader streams (but JSON, which has no row boundary to stream on) and reads only `columns` when given.
 */
import { extname } from 'node:path';
import { readCsvStream } from './csv.js';
import { readDta } from './dta.js';
import { InputError } from './errors.js';
import { readJson, readNdjson } from './json.js';
import { readSav } from './sav.js';
import type { Table } from './table.js';

export type TableFormat = 'csv' | 'tsv' | 'sav' | 'zsav' | 'dta' | 'parquet' | 'arrow' | 'json' | 'ndjson';

export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'tsv', 'sav', 'zsav', 'dta', 'parquet', 'arrow', 'json', 'ndjson'];

/** The format each known extension stands for. */
export const FORMAT_BY_EXTENSION: Readonly<Record<string, TableFormat>> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.sav': 'sav',
  '.zsav': 'zsav',
  '.dta': 'dta',
  '.parquet': 'parquet',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

export interface ReadOptions {
  /** The format, instead of the one the extension names. */
  readonly format?: TableFormat;
  /** Read only these columns, in this order; an unknown name is an error listing the columns there are. */
  readonly columns?: readonly string[];
  /** Text encoding: CSV/TSV/JSON (default UTF-8; `latin1`, `windows-1252`, ...); .sav/.dta: instead of the file's own. */
  readonly encoding?: string;
  /** CSV/TSV: the delimiter (default detected; tab for TSV). */
  readonly delimiter?: string;
  /** CSV/TSV/JSON: strings read as missing (default `NA` and empty). */
  readonly na?: readonly string[];
  /** .sav: user-missing values become missing (`missing`, the default) or stay values (`keep`). */
  readonly userMissing?: 'missing' | 'keep';
}

/** The format of a path: `format` when given, else its extension's; an unknown extension is an error listing the known ones. */
export function formatOf(path: string, format?: string): TableFormat {
  if (format !== undefined) {
    if (!(TABLE_FORMATS as readonly string[]).includes(format)) {
      throw new InputError(`${path}: unknown format "${format}"; formats are: ${TABLE_FORMATS.join(', ')}`);
    }
    return format as TableFormat;
  }
  const ext = extname(path).toLowerCase();
  const f = FORMAT_BY_EXTENSION[ext];
  if (!f) {
    throw new InputError(
      `${path}: ${ext ? `unknown file extension "${ext}"` : 'no file extension'}: cannot tell the format; ` +
        `known extensions are ${Object.keys(FORMAT_BY_EXTENSION).join(' ')} (or name the format: ${TABLE_FORMATS.join(', ')})`,
    );
  }
  return f;
}

/** Reads a data file of any supported format into a column table. */
export async function readTable(path: string, options: ReadOptions = {}): Promise<Table> {
  const format = formatOf(path, options.format);
  const { columns, encoding, delimiter, na, userMissing } = options;
  switch (format) {
    case 'csv':
    case 'tsv':
      return readCsvStream(path, { format, ...def({ columns, encoding, delimiter, na }) });
    case 'sav':
    case 'zsav':
      return readSav(path, def({ columns, userMissing, encoding }));
    case 'dta':
      return readDta(path, def({ columns, encoding }));
    case 'parquet':
      // DuckDB (a native module) and apache-arrow load only when such a file is read.
      return (await import('./parquet.js')).readParquet(path, def({ columns }));
    case 'arrow':
      return (await import('./arrow.js')).readArrow(path, def({ columns }));
    case 'json':
      return readJson(path, def({ columns, na, encoding }));
    case 'ndjson':
      return readNdjson(path, def({ columns, na, encoding }));
  }
}

/** The options that are set (so that an absent one keeps the reader's default). */
function def<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
