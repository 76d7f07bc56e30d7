/** `npm run datasets`: writes the Atlantis LFS dataset (default: the shipped one, into datasets/atlantis-lfs). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BOOTSTRAP_REPLICATES, LFS_DESIGN } from './country.js';
import { DEFAULT_PERSONS, DEFAULT_SEED, buildAtlantisLfs } from './build.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'datasets/atlantis-lfs' },
    persons: { type: 'string', default: String(DEFAULT_PERSONS) },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    areas: { type: 'string', default: String(LFS_DESIGN.areas) },
    replicates: { type: 'string', default: String(BOOTSTRAP_REPLICATES) },
    population: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`npm run datasets -- [--out DIR] [--persons N] [--seed S] [--areas K] [--replicates R] [--population]
Writes the Atlantis LFS rounds 2024Q1 and 2024Q2, truth.json, margins.csv and checksums into DIR.
Defaults give the shipped dataset (datasets/atlantis-lfs). Larger populations for benchmarks: --persons 10000000
--areas 2000 --out bench/data/atlantis-10m (--population also writes the population, a million persons per file).`);
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
const started = Date.now();
const built = await buildAtlantisLfs({
  out: values.out, persons: int('persons', values.persons, 10_000), seed: int('seed', values.seed, 0), areas: int('areas', values.areas, 80),
  replicates: int('replicates', values.replicates, 0), population: values.population, log: (line) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`),
});
// the hashes hold for these versions of Node (number formatting, Math) and DuckDB (the Parquet writer)
const duckdb = JSON.parse(readFileSync(new URL('../../node_modules/@duckdb/node-api/package.json', import.meta.url), 'utf8')) as { version: string };
const checksums = { seed: Number(values.seed), persons: Number(values.persons), node: process.versions.node.split('.')[0], duckdb: duckdb.version, replicate_scale: built.replicateScale, sha256: built.sha256 };
writeFileSync(join(values.out, 'checksums.json'), `${JSON.stringify(checksums, null, 1)}\n`);
console.error(`wrote ${Object.keys(built.sha256).length} files to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
