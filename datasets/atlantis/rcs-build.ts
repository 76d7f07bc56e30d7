/**
 * Builds the Atlantis recruitment cost survey 2024 (datasets/atlantis-rcs by default): the population of return
 * migrant workers, the sample with its weights and replicate weights, the truth, the exchange rates and the files.
 * Also the API of the coverage tests: `generateRcsWorld` once, then `drawRcsSample` per seed (in-memory tables shaped
 * like the shipped files), and `computeRcsTruth`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from '../../src/io/table.js';
import { writeTable } from '../../src/io/write-table.js';
import { RCS_DEFAULT_WORKERS } from './rcs-country.js';
import { deflatorCsv, fxCsv } from './rcs-fx.js';
import { type RcsPopulation, earliestMonth, generateRcsPopulation } from './rcs-population.js';
import { type RcsSample, type RcsSampleOptions, selectRcsSample } from './rcs-sample.js';
import { sampleTables } from './rcs-tables.js';
import { computeRcsTruth } from './rcs-truth.js';

export { computeRcsTruth };
export type { RcsPopulation, RcsSample, RcsSampleOptions };

/** The master seed of the shipped dataset (the LFS's, build.ts DEFAULT_SEED; the RCS draws on its own streams 30-34). */
export const RCS_DEFAULT_SEED = 20240401;

/** The population (and its exchange rates) of a seed: build it once, then draw samples of it. About 1 s. */
export function generateRcsWorld(options: { seed?: number; workers?: number } = {}): RcsPopulation {
  return generateRcsPopulation({ seed: options.seed ?? RCS_DEFAULT_SEED, workers: options.workers ?? RCS_DEFAULT_WORKERS });
}

/** One sample of the population: the worker and cost-item tables as the shipped files hold them, and the sample itself. */
export interface RcsDraw {
  readonly workers: Table;
  readonly costs: Table;
  readonly sample: RcsSample;
}

/**
 * Draws one sample with a seed (the shipped one is `RCS_DEFAULT_SEED`): the columns and rows of rcs_2024_workers and
 * rcs_2024_costs (replicate weights only when `replicates` > 0: default RCS_DESIGN.replicates, 100).
 */
export function drawRcsSample(pop: RcsPopulation, seed: number, options: RcsSampleOptions = {}): RcsDraw {
  const sample = selectRcsSample(pop, seed, options);
  return { ...sampleTables(pop, sample), sample };
}

export interface RcsBuildOptions {
  readonly out: string;
  readonly seed?: number;
  readonly workers?: number;
  readonly replicates?: number;
  readonly log?: (line: string) => void;
}

/** What a build wrote: each generated file with its SHA-256, the replicate scale and the sample counts. */
export interface RcsBuilt {
  readonly sha256: Record<string, string>;
  readonly replicateScale?: number;
  readonly selected: number;
  readonly responded: number;
}

/** Writes the dataset into `out`. */
export async function buildAtlantisRcs(options: RcsBuildOptions): Promise<RcsBuilt> {
  const seed = options.seed ?? RCS_DEFAULT_SEED;
  const log = options.log ?? (() => {});
  const out = options.out;
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const text = (name: string, content: string): void => {
    writeFileSync(join(out, name), content);
    written.push(name);
  };
  const pop = generateRcsWorld({ seed, workers: options.workers });
  log(`RCS population: ${pop.workers.count} return migrant workers, ${pop.items.count} cost items, ${pop.areas.count} enumeration areas`);
  text('truth.json', `${JSON.stringify(computeRcsTruth(pop), null, 1)}\n`);
  text('fx_rates.csv', fxCsv(pop.fx, earliestMonth(pop)));
  text('deflator.csv', deflatorCsv());
  const draw = drawRcsSample(pop, seed, options.replicates === undefined ? {} : { replicates: options.replicates });
  for (const [table, stem] of [[draw.workers, 'rcs_2024_workers'], [draw.costs, 'rcs_2024_costs']] as const) {
    await writeTable(table, join(out, `${stem}.parquet`));
    await writeTable(table, join(out, `${stem}.csv`), { columns: table.names.filter((c) => !c.startsWith('repw_')) });
    written.push(`${stem}.parquet`, `${stem}.csv`);
  }
  log(`RCS 2024: ${draw.sample.selected} workers selected, ${draw.sample.responded} responded, ${draw.costs.nrows} cost items`);
  const sha256 = Object.fromEntries(written.sort().map((f) => [f, createHash('sha256').update(readFileSync(join(out, f))).digest('hex')]));
  return { sha256, ...(draw.sample.replicateScale === undefined ? {} : { replicateScale: draw.sample.replicateScale }), selected: draw.sample.selected, responded: draw.sample.responded };
}
