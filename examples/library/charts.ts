/**
 * Charts: the labour force rates of migrants and non-migrants (Atlantis LFS 2024Q1) computed as tidy rows, drawn as
 * a Vega-Lite chart and rendered to SVG and PNG (and the Vega-Lite spec) in a temporary folder.
 *
 * Run: npx tsx examples/library/charts.ts [out-folder]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// In your own code: import { ... } from 'migstat';
import { applyProfile, chartFor, designFromOptions, loadProfile, readTable, renderChart, runIndicators, tidyRows, type ChartFormat } from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const lfs = `${root}datasets/atlantis-lfs/`;

export interface ChartsExample {
  readonly title: string;
  /** Written files: format -> path. */
  readonly files: Readonly<Record<string, string>>;
}

export async function main(out = mkdtempSync(join(tmpdir(), 'migstat-charts-')), log: (line: string) => void = console.log): Promise<ChartsExample> {
  mkdirSync(out, { recursive: true });
  const profile = loadProfile(`${lfs}profile.yaml`);
  const mapped = applyProfile(profile, {
    person: await readTable(`${lfs}lfs_2024q1_persons.parquet`),
    households: await readTable(`${lfs}lfs_2024q1_households.parquet`),
    absent: await readTable(`${lfs}lfs_2024q1_absent.parquet`),
  });
  const design = designFromOptions(mapped.table, mapped.estimateOptions ?? {});
  const codes = ['MST_TEAP_SEX_AGE_CBR_RT', 'MST_TEMP_SEX_AGE_CBR_RT', 'MST_TUNE_SEX_AGE_CBR_RT'];
  const run = runIndicators(profile, mapped.table, design, { codes, criterion: 'birth' });

  // Tidy rows: one row per indicator x cell, as `migstat indicators --format json` writes them (any such rows will do).
  const rows = tidyRows(run.tables, { ref_area: 'ATL', source: 'BA:0', time: '2024Q1', criterion: 'birth' });
  const chart = chartFor('labour-rates', rows, { source: 'Source: Atlantis LFS 2024Q1 (synthetic data); migstat estimates' });
  log(`${chart.title}\n  alt: ${chart.alt}`);

  const files: Record<string, string> = {};
  for (const format of ['svg', 'png', 'vl.json'] as ChartFormat[]) {
    const path = join(out, `${chart.id}.${format}`);
    writeFileSync(path, await renderChart(chart, format));
    files[format] = path;
    log(`  wrote ${path}`);
  }
  return { title: chart.title, files };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main(process.argv[2]);
