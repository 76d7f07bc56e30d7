/**
 * Exercise 7: SDG 10.7.1 (recruitment cost in months of earnings). Part A: the five workers of the spec's worked test
 * vector (workers.csv, costs.csv). Part B: the headline of the Atlantis recruitment cost survey 2024, with its SE.
 */
import { fileURLToPath } from 'node:url';
import type { IndicatorCell, IndicatorTable } from '../../../src/indicators/cell.js';
import {
  computeSdg1071, designFromOptions, exchangeRates, isoToDays, loadProfile, readCsv, readExchangeRates, readTable, svyDesign, tableFromArrays, type Table,
} from '../../../src/index.js';
import { mapProfile } from '../../../src/profile/apply.js';

const here = fileURLToPath(new URL('./', import.meta.url));
const rcs = fileURLToPath(new URL('../../../datasets/atlantis-rcs/', import.meta.url));

/** A CSV read as text and numbers, with the `*_date` columns as day numbers (what computeSdg1071 expects). */
function readWithDates(file: string): Table {
  const t = readCsv(file);
  const cols: Record<string, Float64Array | (string | null)[]> = {};
  for (const name of t.names) {
    const c = t.column(name);
    if (c.kind === 'number') cols[name] = c.values;
    else {
      const text = Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]!));
      cols[name] = name.endsWith('_date') ? Float64Array.from(text, (s) => (s === null ? NaN : isoToDays(s))) : text;
    }
  }
  return tableFromArrays(cols, file);
}

function cell(tables: readonly IndicatorTable[], code: string, sex = 'SEX_T'): IndicatorCell {
  const c = tables.find((t) => t.indicator === code)?.cells.find((x) => x.sex === sex && x.classif1 === null && x.classif2 === null);
  if (!c) throw new Error(`no cell ${code} ${sex}`);
  return c;
}

/** Part A: RCI overall and by sex, lower median and ratio of means of the five workers. */
export function specVector(): Record<string, number> {
  const workers = readWithDates(`${here}workers.csv`);
  const costs = readWithDates(`${here}costs.csv`);
  const design = svyDesign(workers, { weight: 'weight' });
  const r = computeSdg1071({ workers, costs, design, rates: exchangeRates('USD', {}), country: 'BGD', surveyYear: 2024 }, { suppression: { enabled: false } });
  return {
    spec_rci: cell(r.tables, 'MGS_RCI_SEX_MO').estimate,
    spec_rci_male: cell(r.tables, 'MGS_RCI_SEX_MO', 'SEX_M').estimate,
    spec_rci_female: cell(r.tables, 'MGS_RCI_SEX_MO', 'SEX_F').estimate,
    spec_median: cell(r.tables, 'MGS_RCIMED_SEX_MO').estimate,
    spec_ratio_of_means: cell(r.tables, 'MGS_RCIROM_SEX_MO').estimate,
  };
}

/** Part B: the Atlantis headline (mean of individual ratios) and its ratio of means, with SEs. */
export async function atlantis(): Promise<Record<string, number>> {
  const profile = loadProfile(`${rcs}profile.yaml`);
  const [workers, costs, rates] = await Promise.all([readTable(`${rcs}rcs_2024_workers.parquet`), readTable(`${rcs}rcs_2024_costs.parquet`), readExchangeRates(`${rcs}fx_rates.csv`)]);
  const mapped = mapProfile(profile, { workers, costs });
  const errors = mapped.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(errors.map((p) => p.message).join('\n'));
  const design = designFromOptions(mapped.table, mapped.estimateOptions as Record<string, unknown>);
  const r = computeSdg1071({ workers: mapped.table, costs: mapped.linked.costs!, design, rates, country: 'ATL', surveyYear: 2024 }, { suppression: { enabled: false } });
  const rci = cell(r.tables, 'MGS_RCI_SEX_MO');
  const rom = cell(r.tables, 'MGS_RCIROM_SEX_MO');
  return { atlantis_rci: rci.estimate, atlantis_rci_se: rci.se, atlantis_ratio_of_means: rom.estimate, atlantis_ratio_of_means_se: rom.se };
}

export async function solve(): Promise<Record<string, number>> {
  return { ...specVector(), ...(await atlantis()) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
