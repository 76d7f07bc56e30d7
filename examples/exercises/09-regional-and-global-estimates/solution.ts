/**
 * Exercise 9: regional and global estimates. Part A: the cross-product ratio of a 2x2 table and the migrant labour
 * force of a country fitted to its benchmark margins with that ratio held fixed. Part B: the 2022 world total of
 * migrant workers and the regional shares from the published regional figures (regions-2022.csv).
 */
import { fileURLToPath } from 'node:url';
import { crossProductRatio, fitMigrantLabourForce, fitTwoByTwo, readCsv, replicatePublished, type Table } from '../../../src/index.js';

const here = fileURLToPath(new URL('./', import.meta.url));

const text = (t: Table, name: string): string[] => {
  const c = t.column(name);
  if (c.kind !== 'category') throw new Error(`${name}: expected text`);
  return Array.from(c.codes, (k) => c.levels[k]!);
};

export async function solve(): Promise<Record<string, number>> {
  // A: national table (migrant / non-migrant x in / outside the labour force), in thousands
  const national = { migrantInLf: 45, migrantOutLf: 15, nonMigrantInLf: 270, nonMigrantOutLf: 270 };
  const theta = crossProductRatio(national);
  const margins = { population: 1010, migrants: 100, labourForce: 600 };
  const x = fitMigrantLabourForce(margins, theta);
  const fitted = fitTwoByTwo(margins, theta);
  // B: the world as the sum of the regions, and each region's share of it
  const t = readCsv(`${here}regions-2022.csv`);
  const values = t.column('migrant_workers_millions');
  if (values.kind !== 'number') throw new Error('migrant_workers_millions: expected numbers');
  const codes = text(t, 'region');
  const regions = codes.map((region, i) => ({ region, migrantWorkers: values.values[i]!, sharePercent: NaN }));
  const r = replicatePublished(regions, 167.7);
  const out: Record<string, number> = {
    theta,
    migrant_labour_force: x,
    migrants_outside_lf: fitted.migrantOutLf,
    non_migrant_labour_force: fitted.nonMigrantInLf,
    migrant_lfpr: x / margins.migrants,
    world_total_millions: r.worldTotalRounded,
  };
  for (const s of r.shares) out[`share_${s.region}`] = s.rounded;
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
