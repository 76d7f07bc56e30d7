/** Exercise 2: 19th ICLS labour force status and the potential labour force on a roster of 12 persons. */
import { fileURLToPath } from 'node:url';
import { LF_STATUS, labourForceStatus, potentialLabourForce, readCsv, type Table } from '../../../src/index.js';

const here = fileURLToPath(new URL('./', import.meta.url));

const num = (t: Table, name: string): Float64Array => {
  const c = t.column(name);
  if (c.kind !== 'number') throw new Error(`${name}: expected numbers`);
  return c.values;
};

export async function solve(): Promise<Record<string, number>> {
  const t = readCsv(`${here}roster.csv`);
  const items = {
    age: num(t, 'age'), worked: num(t, 'worked'), temporaryAbsence: num(t, 'temporary_absence'),
    jobSearch: num(t, 'job_search'), available: num(t, 'available'), futureStarter: num(t, 'future_starter'),
  };
  const { status } = labourForceStatus(items, { standard: 'ICLS19' });
  const plf = potentialLabourForce({ jobSearch: items.jobSearch, available: items.available, wantsToWork: num(t, 'wants_to_work') }, status);
  const count = (code: number): number => status.reduce((s, v) => s + (v === code ? 1 : 0), 0);
  const employed = count(LF_STATUS.employed);
  const unemployed = count(LF_STATUS.unemployed);
  const outside = count(LF_STATUS.outside);
  const potential = plf.reduce((s, v) => s + (v === 1 ? 1 : 0), 0);
  const lf = employed + unemployed;
  const out: Record<string, number> = {
    working_age: employed + unemployed + outside,
    not_working_age: count(LF_STATUS.notWorkingAge),
    employed,
    unemployed,
    outside_labour_force: outside,
    labour_force: lf,
    potential_labour_force: potential,
    unemployment_rate: unemployed / lf,
    labour_force_participation_rate: lf / (employed + unemployed + outside),
    employment_to_population_ratio: employed / (employed + unemployed + outside),
    lu3: (unemployed + potential) / (lf + potential),
  };
  const ids = num(t, 'id');
  ids.forEach((id, i) => {
    out[`status_${id}`] = status[i]!;
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
