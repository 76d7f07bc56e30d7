import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { InputError } from './errors.js';
import { type Column, Table, encode } from './table.js';

export interface CsvOptions {
  /** Strings read as missing; default `NA` and empty. */
  readonly na?: readonly string[];
  /** Delimiter; default detected among , ; tab |. */
  readonly delimiter?: string;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** A code with a leading zero ("0888"): the column is read as text so that the code is kept. */
const LEADING_ZERO = /^[-+]?0\d/;

/** Reads a delimited text file into a column table: a column is numeric when every non-missing value is a plain number without a leading zero. */
export function readCsv(path: string, options: CsvOptions = {}): Table {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseCsv(text, path, options);
}

/** Parses CSV text; errors name the source, the line and what was expected. */
export function parseCsv(text: string, source: string, options: CsvOptions = {}): Table {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputError(`${source}: the file is empty: expected a header line and data rows`);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', delimiter: options.delimiter ?? '', delimitersToGuess: [',', ';', '\t', '|'] });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new InputError(`${source}: line ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
  const [header, ...rows] = parsed.data;
  if (!header) throw new InputError(`${source}: no header line`);
  const names = header.map((h) => h.trim());
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    if (name === '') throw new InputError(`${source}: line 1, column ${j + 1}: empty column name`);
    if (seen.has(name)) throw new InputError(`${source}: line 1: column name "${name}" appears twice (columns ${seen.get(name)! + 1} and ${j + 1})`);
    seen.set(name, j);
  });
  rows.forEach((r, i) => {
    if (r.length !== names.length) {
      throw new InputError(`${source}: line ${i + 2}: ${r.length} fields, expected ${names.length} as in the header`);
    }
  });
  const na = new Set(options.na ?? ['NA', '']);
  const columns = new Map<string, Column>();
  names.forEach((name, j) => {
    const raw = rows.map((r) => {
      const v = r[j]!;
      return na.has(v.trim()) ? null : v;
    });
    const numeric = raw.every((v) => v === null || (NUMBER.test(v.trim()) && !LEADING_ZERO.test(v.trim())));
    columns.set(name, numeric ? { kind: 'number', values: Float64Array.from(raw, (v) => (v === null ? NaN : Number(v))) } : encode(raw));
  });
  return new Table(names, columns, rows.length, source);
}
