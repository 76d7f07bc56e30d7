/**
 * `npm run datasets`: writes the Atlantis LFS dataset (default: the shipped one, into datasets/atlantis-lfs), the
 * Atlantis recruitment cost survey (datasets/atlantis-rcs), the hidden population's respondent-driven and
 * time-location samples (datasets/atlantis-hidden) and the administrative registers (datasets/atlantis-permits);
 * `--only lfs|rcs|hidden|permits` writes one of them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BOOTSTRAP_REPLICATES, LFS_DESIGN } from './country.js';
import { DEFAULT_PERSONS, DEFAULT_SEED, buildAtlantisLfs } from './build.js';
import { RCS_DEFAULT_WORKERS, RCS_DESIGN } from './rcs-country.js';
import { buildAtlantisRcs } from './rcs-build.js';
import { HIDDEN_SEED, buildHidden } from './hidden-build.js';
import { buildAtlantisPermits } from './permits-build.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'datasets/atlantis-lfs' },
    persons: { type: 'string', default: String(DEFAULT_PERSONS) },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    areas: { type: 'string', default: String(LFS_DESIGN.areas) },
    take: { type: 'string', default: String(LFS_DESIGN.householdsPerArea) },
    replicates: { type: 'string', default: String(BOOTSTRAP_REPLICATES) },
    population: { type: 'boolean', default: false },
    only: { type: 'string', default: 'all' },
    'rcs-out': { type: 'string', default: 'datasets/atlantis-rcs' },
    'rcs-workers': { type: 'string', default: String(RCS_DEFAULT_WORKERS) },
    'rcs-replicates': { type: 'string', default: String(RCS_DESIGN.replicates) },
    'hidden-out': { type: 'string', default: 'datasets/atlantis-hidden' },
    'hidden-seed': { type: 'string', default: String(HIDDEN_SEED) },
    'permits-out': { type: 'string', default: 'datasets/atlantis-permits' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`npm run datasets -- [--only all|lfs|rcs|hidden|permits] [--out DIR] [--persons N] [--seed S] [--areas K] [--take M] [--replicates R] [--population]
       [--rcs-out DIR] [--rcs-workers N] [--rcs-replicates R] [--hidden-out DIR] [--hidden-seed S] [--permits-out DIR]
Writes the Atlantis LFS rounds 2024Q1 and 2024Q2, truth.json, margins.csv and checksums into DIR (--out), and the
Atlantis recruitment cost survey 2024 (workers, cost items, fx_rates.csv, deflator.csv, truth.json, checksums) into
--rcs-out (default datasets/atlantis-rcs; --rcs-workers: population of return migrant workers, default ${RCS_DEFAULT_WORKERS};
--rcs-replicates: bootstrap replicates, default ${RCS_DESIGN.replicates}). Both use --seed (their own streams). The hidden
population (a network of domestic workers), its respondent-driven and time-location samples go to --hidden-out (default
datasets/atlantis-hidden) with their own seed (--hidden-seed, default ${HIDDEN_SEED}). The administrative registers (work and
residence permits, social security) with their truth links go to --permits-out (default datasets/atlantis-permits).
Defaults give the shipped dataset (datasets/atlantis-lfs): ${LFS_DESIGN.areas} areas, ${LFS_DESIGN.householdsPerArea} households per area and quarter.
--take M: households per area and quarter, even (half of them stay for the next quarter); both quarters draw from
the first 3M/2 of an area's listing, and areas list 60 to 290 households, so M <= 40 fits every area. --areas K: the
population has about 2,130 areas per million persons, but an area above its stratum's sampling interval would be a
certainty unit, which the generator refuses: keep K below about 800 per million persons.
Larger populations for benchmarks: --persons 10000000 --areas 2000 --out bench/data/atlantis-10m (--population also
writes the population, a million persons per file). A sample of about a million persons (bench/README.md):
--persons 14000000 --areas 9600 --take 40 --replicates 0 --out bench/data/atlantis-1m`);
  process.exit(0);
}
const int = (name: string, text: string, min: number): number => {
  const x = Number(text);
  if (!Number.isInteger(x) || x < min) {
    console.error(`migstat datasets: --${name} must be a whole number >= ${min}, got "${text}"`);
    process.exit(2);
  }
  return x;
};
const even = (name: string, text: string): number => {
  const x = int(name, text, 2);
  if (x % 2 !== 0) {
    console.error(`migstat datasets: --${name} must be even (half of an area's households rotate out each quarter), got ${x}`);
    process.exit(2);
  }
  return x;
};
if (!['all', 'lfs', 'rcs', 'hidden', 'permits'].includes(values.only)) {
  console.error(`migstat datasets: --only must be all, lfs, rcs, hidden or permits, got "${values.only}"`);
  process.exit(2);
}
const started = Date.now();
const log = (line: string): void => console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
// the hashes hold for these versions of Node (number formatting, Math) and DuckDB (the Parquet writer)
const duckdb = JSON.parse(readFileSync(new URL('../../node_modules/@duckdb/node-api/package.json', import.meta.url), 'utf8')) as { version: string };
const node = process.versions.node.split('.')[0];
const seed = int('seed', values.seed, 0);
const wanted = (part: string): boolean => values.only === 'all' || values.only === part;
if (wanted('lfs')) {
  const built = await buildAtlantisLfs({
    out: values.out, persons: int('persons', values.persons, 10_000), seed, areas: int('areas', values.areas, 80), take: even('take', values.take),
    replicates: int('replicates', values.replicates, 0), population: values.population, log,
  });
  const checksums = { seed: Number(values.seed), persons: Number(values.persons), node, duckdb: duckdb.version, replicate_scale: built.replicateScale, sha256: built.sha256 };
  writeFileSync(join(values.out, 'checksums.json'), `${JSON.stringify(checksums, null, 1)}\n`);
  console.error(`wrote ${Object.keys(built.sha256).length} files to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (wanted('rcs')) {
  const rcsStarted = Date.now();
  const out = values['rcs-out'];
  const workers = int('rcs-workers', values['rcs-workers'], 10_000);
  const built = await buildAtlantisRcs({ out, seed, workers, replicates: int('rcs-replicates', values['rcs-replicates'], 0), log });
  const checksums = {
    seed, workers, node, duckdb: duckdb.version, selected: built.selected, responded: built.responded,
    ...(built.replicateScale === undefined ? {} : { replicate_scale: built.replicateScale }), sha256: built.sha256,
  };
  writeFileSync(join(out, 'checksums.json'), `${JSON.stringify(checksums, null, 1)}\n`);
  console.error(`wrote ${Object.keys(built.sha256).length} files to ${out} in ${((Date.now() - rcsStarted) / 1000).toFixed(1)} s`);
}
if (wanted('hidden')) {
  const hiddenStarted = Date.now();
  const built = await buildHidden(values['hidden-out'], int('hidden-seed', values['hidden-seed'], 0));
  console.error(`wrote ${Object.keys(built.sha256).length} files to ${values['hidden-out']} in ${((Date.now() - hiddenStarted) / 1000).toFixed(1)} s`);
}
if (wanted('permits')) {
  const permitsStarted = Date.now();
  const built = await buildAtlantisPermits({ out: values['permits-out'], seed, log });
  console.error(`wrote ${Object.keys(built.sha256).length} files to ${values['permits-out']} in ${((Date.now() - permitsStarted) / 1000).toFixed(1)} s`);
}
