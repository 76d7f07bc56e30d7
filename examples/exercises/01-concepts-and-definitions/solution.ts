/** Exercise 1: international migrants by birth and by citizenship, for-work migrants, return migrant workers (20th ICLS). */
import { fileURLToPath } from 'node:url';
import { forWorkMigrants, migrantStatus, readCsv, returnMigrantWorkers, type Table } from '../../../src/index.js';

const here = fileURLToPath(new URL('./', import.meta.url));

const text = (t: Table, name: string): (string | null)[] => {
  const c = t.column(name);
  return c.kind === 'category' ? Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]!)) : Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)));
};
const num = (t: Table, name: string): Float64Array => {
  const c = t.column(name);
  if (c.kind !== 'number') throw new Error(`${name}: expected numbers`);
  return c.values;
};

export async function solve(): Promise<Record<string, number>> {
  const t = readCsv(`${here}persons.csv`);
  const ids = text(t, 'id');
  const input = { countryOfBirth: text(t, 'country_of_birth'), citizenship: text(t, 'citizenship') };
  const byBirth = migrantStatus(input, { country: 'ATL', criterion: 'birth' }).migrant;
  const byCitizenship = migrantStatus(input, { country: 'ATL', criterion: 'citizenship' }).migrant;
  const forWork = forWorkMigrants({ migrant: byBirth, monthsInCountry: num(t, 'months_in_country'), reason: text(t, 'reason_for_migration') }).flag;
  const returned = returnMigrantWorkers({ everWorkedAbroad: num(t, 'ever_worked_abroad'), age: num(t, 'age') }).flag;
  const sum = (a: Uint8Array): number => a.reduce((s, v) => s + (v === 1 ? 1 : 0), 0);
  const out: Record<string, number> = {
    migrants_by_birth: sum(byBirth),
    migrants_by_citizenship: sum(byCitizenship),
    migrants_by_birth_not_citizenship: byBirth.reduce((s, v, i) => s + (v === 1 && byCitizenship[i] === 0 ? 1 : 0), 0),
    for_work_migrants: sum(forWork),
    return_migrant_workers: sum(returned),
  };
  ids.forEach((id, i) => {
    out[`${id}_migrant_birth`] = byBirth[i]!;
    out[`${id}_migrant_citizenship`] = byCitizenship[i]!;
    out[`${id}_for_work`] = forWork[i]!;
    out[`${id}_return_worker`] = returned[i]!;
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
