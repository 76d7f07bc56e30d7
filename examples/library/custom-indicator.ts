/**
 * A custom indicator: an IndicatorDefinition of our own (the informal employment rate by sex, occupation and migrant
 * status, not in the ILMS core set), validated and computed by the indicator engine on the Atlantis LFS 2024Q1, next
 * to a catalogue indicator picked by code with runIndicators.
 *
 * Run: npx tsx examples/library/custom-indicator.ts
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// In your own code: import { ... } from 'migstat';
import {
  applyProfile, computeIndicators, deriveIndicatorData, designFromOptions, flagReliability, IndicatorDefinitionSchema, loadProfile, readTable,
  runIndicators, tidyRows, type IndicatorDefinition, type IndicatorTable, type TidyRow,
} from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const lfs = `${root}datasets/atlantis-lfs/`;

/** Our indicator, as data: `{MIG}` is resolved to CBR (country of birth) below, as the catalogue does. */
export const INFORMAL_BY_OCCUPATION: IndicatorDefinition = IndicatorDefinitionSchema.parse({
  code: 'MGS_IFL_SEX_OCU_CBR_RT',
  label: 'Informal employment rate by sex, occupation (ISCO-08) and place of birth (%)',
  unit: 'RT',
  numerator: 'informal',
  denominator: 'employed_informality_known',
  classif1: 'ocu_isco08',
  classif2: 'migrant',
  origin: 'migstat',
});

export interface CustomIndicator {
  readonly custom: IndicatorTable;
  readonly catalogue: IndicatorTable[];
  readonly rows: TidyRow[];
}

export async function main(log: (line: string) => void = console.log): Promise<CustomIndicator> {
  const profile = loadProfile(`${lfs}profile.yaml`);
  const tables = {
    person: await readTable(`${lfs}lfs_2024q1_persons.parquet`),
    households: await readTable(`${lfs}lfs_2024q1_households.parquet`),
    absent: await readTable(`${lfs}lfs_2024q1_absent.parquet`),
  };
  const mapped = applyProfile(profile, tables);
  const design = designFromOptions(mapped.table, mapped.estimateOptions ?? {});

  // The engine: derived variables (labour force status, informality, migrant status by birth), then our definition.
  const derivation = deriveIndicatorData(mapped.table, { country: profile.profile.survey.country, criterion: 'birth' });
  const [computed] = computeIndicators(design, derivation.data, [INFORMAL_BY_OCCUPATION]);
  const custom = { ...computed!, cells: flagReliability(computed!.cells) };
  log(`${custom.indicator}: ${custom.cells.length} cells`);
  for (const c of custom.cells.filter((x) => x.sex === 'SEX_T' && x.classif1 === 'OCU_ISCO08_TOTAL')) {
    log(`  ${c.classif2}: ${c.estimate.toFixed(1)}% (95% CI ${c.ci_low.toFixed(1)}-${c.ci_high.toFixed(1)}, n ${c.n_domain}, ${c.reliability})`);
  }

  // A catalogue indicator by code, with reliability flags and disclosure control applied as in `migstat indicators`.
  const run = runIndicators(profile, mapped.table, design, { codes: ['MST_TUNE_SEX_AGE_CBR_RT'], criterion: 'birth' });
  const rows = tidyRows(run.tables, { ref_area: 'ATL', source: 'BA:0', time: '2024Q1', criterion: 'birth' });
  log(`${run.tables.map((t) => t.indicator).join(', ')}: ${rows.length} tidy rows`);
  return { custom, catalogue: run.tables, rows };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
