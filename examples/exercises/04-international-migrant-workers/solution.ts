/** Exercise 4: migrant share of the labour force, migrant LFPR and UR in the Atlantis LFS 2024Q1, with SEs. */
import { fileURLToPath } from 'node:url';
import type { IndicatorCell, IndicatorTable } from '../../../src/indicators/cell.js';
import { applyProfile, designFromOptions, loadProfile, readTable, runIndicators } from '../../../src/index.js';

const dir = fileURLToPath(new URL('../../../datasets/atlantis-lfs/', import.meta.url));

function cell(tables: readonly IndicatorTable[], code: string, classif1: string | null, classif2: string | null): IndicatorCell {
  const c = tables.find((t) => t.indicator === code)?.cells.find((x) => x.sex === 'SEX_T' && x.classif1 === classif1 && x.classif2 === classif2);
  if (!c) throw new Error(`no cell ${code} ${classif1} ${classif2}`);
  return c;
}

/** The answers, as proportions (0-1), each with its standard error (`<key>_se`). */
export async function solve(): Promise<Record<string, number>> {
  const profile = loadProfile(`${dir}profile_replicates.yaml`);
  const applied = applyProfile(profile, {
    person: await readTable(`${dir}lfs_2024q1_persons.parquet`),
    absent: await readTable(`${dir}lfs_2024q1_absent.parquet`),
    households: await readTable(`${dir}lfs_2024q1_households.parquet`),
  });
  const design = designFromOptions(applied.table, applied.estimateOptions as Record<string, unknown>);
  const { tables } = runIndicators(profile, applied.table, design, { criterion: 'birth', suppression: { enabled: false } });
  const age = 'AGE_YTHADULT_YGE15';
  const picks: Record<string, IndicatorCell> = {
    migrant_share_lf: cell(tables, 'MGS_MSHR_SEX_TEAP_RT', null, null),
    migrant_lfpr: cell(tables, 'MST_TEAP_SEX_AGE_CBR_RT', age, 'CBR_BIR_FOREIGN'),
    migrant_ur: cell(tables, 'MST_TUNE_SEX_AGE_CBR_RT', age, 'CBR_BIR_FOREIGN'),
    non_migrant_ur: cell(tables, 'MST_TUNE_SEX_AGE_CBR_RT', age, 'CBR_BIR_NATIVE'),
  };
  const out: Record<string, number> = {};
  // the tables are in percent; the answers in proportions, as truth.json
  for (const [k, c] of Object.entries(picks)) {
    out[k] = c.estimate / 100;
    out[`${k}_se`] = c.se / 100;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
