/** Reading the shipped Atlantis LFS rounds back, with their derived headline variables. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Derived, derive } from '../../datasets/atlantis/headline.js';
import { tableSource } from '../../datasets/atlantis/tables.js';
import type { Truth } from '../../datasets/atlantis/truth.js';
import { readTable } from '../../src/io/read.js';
import type { Table } from '../../src/io/table.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const shipped = `${root}datasets/atlantis-lfs/`;

export function readTruth(dir = shipped): Truth {
  return JSON.parse(readFileSync(`${dir}truth.json`, 'utf8')) as Truth;
}

export interface Round {
  readonly persons: Table;
  readonly absent: Table;
  readonly derived: Derived;
}

/** A round's person and absent-member files (Parquet unless told), with the headline variables derived from the answers. */
export async function readRound(quarter: string, format = 'parquet', dir = shipped): Promise<Round> {
  const stem = `${dir}lfs_${quarter.toLowerCase()}`;
  const persons = await readTable(`${stem}_persons.${format}`);
  const absent = await readTable(`${stem}_absent.${format}`);
  const a = tableSource(absent);
  const derived = derive(tableSource(persons), { hhId: a.num('hh_id'), sex: a.num('sex'), age: a.num('age'), citizenship: a.text('citizen') });
  return { persons, absent, derived };
}

/** Numeric values of a column. */
export function numbers(table: Table, name: string): Float64Array {
  const c = table.column(name);
  if (c.kind !== 'number') throw new Error(`${table.source}: "${name}" is not numeric`);
  return c.values;
}
