/**
 * Reads tidy result rows back from the files `migstat indicators --format json|csv` writes (src/indicators/tidy.ts):
 * a JSON array of row objects, or CSV with the TIDY_COLUMNS header. Missing columns are an error naming the file.
 */
import { readFile } from 'node:fs/promises';
import { readCsvStream } from '../io/csv.js';
import { InputError } from '../io/errors.js';
import type { Table } from '../io/table.js';
import { TIDY_COLUMNS, type TidyColumn, type TidyRow, type TidyValue } from '../indicators/tidy.js';
import { ChartError } from './chart.js';

/** The columns a chart reads from every row. */
const REQUIRED: readonly TidyColumn[] = ['indicator', 'sex', 'classif1', 'classif2', 'estimate', 'ci_low', 'ci_high', 'reliability', 'suppressed'];

/** A row with every tidy column, missing ones null; an error naming the file when a required column is absent. */
function tidyRow(record: Readonly<Record<string, unknown>>, path: string, index: number): TidyRow {
  const missing = REQUIRED.filter((c) => !(c in record));
  if (missing.length > 0) throw new ChartError(`${path}: row ${index + 1} has no ${missing.join(', ')}: not a tidy result table (write one with migstat indicators --format json or csv)`);
  const row: Record<string, TidyValue> = {};
  for (const c of TIDY_COLUMNS) {
    const v = record[c];
    row[c] = typeof v === 'number' || typeof v === 'string' ? v : null;
  }
  return row as TidyRow;
}

/** The text of a file; a ChartError naming it when it cannot be read. */
async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new ChartError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** The records of a JSON file holding an array of objects. */
function jsonRecords(path: string, text: string): Record<string, unknown>[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ChartError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(data) || data.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    throw new ChartError(`${path}: expected a JSON array of tidy rows (objects), as migstat indicators --format json writes`);
  }
  return data as Record<string, unknown>[];
}

/** The records of a CSV file, its values as text or numbers (missing as null). */
async function csvRecords(path: string): Promise<Record<string, unknown>[]> {
  let table: Table;
  try {
    table = await readCsvStream(path);
  } catch (e) {
    if (e instanceof InputError) throw new ChartError(e.message);
    throw e;
  }
  const missing = REQUIRED.filter((c) => !table.names.includes(c));
  if (missing.length > 0) throw new ChartError(`${path}: no column ${missing.join(', ')}: not a tidy result table (write one with migstat indicators --format json or csv)`);
  const records: Record<string, unknown>[] = Array.from({ length: table.nrows }, () => ({}));
  for (const name of table.names) {
    const col = table.column(name);
    for (let i = 0; i < table.nrows; i++) {
      const rec = records[i]!;
      if (col.kind === 'number') rec[name] = Number.isNaN(col.values[i]!) ? null : col.values[i];
      else rec[name] = col.codes[i]! < 0 ? null : col.levels[col.codes[i]!];
    }
  }
  return records;
}

/** Tidy rows of a JSON (`.json`) or CSV (any other extension) result file. */
export async function readTidyRows(path: string): Promise<TidyRow[]> {
  const records = path.toLowerCase().endsWith('.json') ? jsonRecords(path, await readText(path)) : await csvRecords(path);
  if (records.length === 0) throw new ChartError(`${path}: no rows`);
  return records.map((r, i) => tidyRow(r, path, i));
}
