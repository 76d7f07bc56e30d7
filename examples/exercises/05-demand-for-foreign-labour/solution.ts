/** Exercise 5: demand for foreign labour from the 2023 work permit applications of Atlantis. */
import { fileURLToPath } from 'node:url';
import { checkPermits, demandTables } from '../../../src/index.js';
import { day, workPermits } from '../permits.js';

/** Applications, grants, refusals, vacancies filled and grant rates (percent), overall and by ISCO-08 major group. */
export async function solve(): Promise<Record<string, number>> {
  const { records } = checkPermits(await workPermits());
  const d = demandTables(records, day('2023-01-01'), day('2023-12-31'), { by: ['occupation'] });
  const out: Record<string, number> = {
    applications: d.applications,
    granted: d.granted,
    refused: d.refused,
    vacancies_filled: d.vacanciesFilled,
    grant_rate: (100 * d.granted) / (d.granted + d.refused),
  };
  for (const g of ['1', '2', '3', '4', '5', '6', '7', '8', '9']) {
    const o = d.occupations.find((x) => x.occupation === `OCU_ISCO08_${g}`);
    if (!o) throw new Error(`no ISCO-08 major group ${g}`);
    out[`applications_isco${g}`] = o.applications ?? NaN;
    out[`granted_isco${g}`] = o.granted ?? NaN;
    out[`grant_rate_isco${g}`] = o.grant_rate ?? NaN;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
