/** Reading standard variables of a table by row: text (codes, ids) and numbers, with messages naming the table. */
import type { Table } from '../io/table.js';
import { Sdg1071Error } from './errors.js';

/** The value of row i as text, or null when missing (numbers as their decimal text). */
export type TextAt = (i: number) => string | null;
/** The value of row i as a number, NaN when missing. */
export type NumberAt = (i: number) => number;

/** Row reader of a text or code column; undefined when the table does not have it (not mapped). */
export function textColumn(table: Table, name: string): TextAt | undefined {
  const c = table.columns.get(name);
  if (!c) return undefined;
  if (c.kind === 'category') return (i) => (c.codes[i]! < 0 ? null : c.levels[c.codes[i]!]!);
  return (i) => (Number.isNaN(c.values[i]!) ? null : String(c.values[i]!));
}

/** Row reader of a numeric column (numbers as text are parsed); undefined when the table does not have it. */
export function numberColumn(table: Table, name: string): NumberAt | undefined {
  const c = table.columns.get(name);
  if (!c) return undefined;
  if (c.kind === 'number') return (i) => c.values[i]!;
  const parsed = c.levels.map((l) => (l.trim() === '' ? NaN : Number(l)));
  return (i) => (c.codes[i]! < 0 ? NaN : parsed[c.codes[i]!]!);
}

/** A column the computation needs: an error naming the table and the standard variable when it is not mapped. */
export function required<T>(reader: T | undefined, table: Table, name: string, why: string): T {
  if (reader === undefined) {
    throw new Sdg1071Error(`${table.source}: no column "${name}" (${why}); map the standard variable ${name} in the profile; columns are: ${table.names.slice(0, 40).join(', ')}`);
  }
  return reader;
}
