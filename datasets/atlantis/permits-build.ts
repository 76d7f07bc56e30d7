/**
 * Builds datasets/atlantis-permits: the population of foreign workers (permits-population.ts), the three registers
 * with their defects (permits-registers.ts), the truth links and truth.json (permits-truth.ts), and checksums.json.
 * Also the API of simulation tests: `generatePermitsWorld` once, then `drawPermitsRegisters` or `drawCapture` per seed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv, writeFileAtomic } from '../../src/io/write.js';
import { PERMITS_DEFAULT_PERSONS, PERMITS_DEFAULT_SEED } from './permits-country.js';
import { generatePermitsPopulation, type PermitsPopulation } from './permits-population.js';
import {
  LINK_COLUMNS, RESIDENCE_PERMIT_COLUMNS, SOCIAL_SECURITY_COLUMNS, WORK_PERMIT_COLUMNS, captureProbabilities, drawCapture, drawPermitsRegisters,
  type CaptureParams, type DrawOptions, type PermitsDraw,
} from './permits-registers.js';
import { computePermitsTruth } from './permits-truth.js';

export { captureProbabilities, computePermitsTruth, drawCapture, drawPermitsRegisters };
export type { CaptureParams, DrawOptions, PermitsDraw, PermitsPopulation };

/** The population of a seed (default PERMITS_DEFAULT_SEED, PERMITS_DEFAULT_PERSONS persons): build it once, then draw the lists. */
export function generatePermitsWorld(options: { seed?: number; persons?: number } = {}): PermitsPopulation {
  return generatePermitsPopulation({ seed: options.seed ?? PERMITS_DEFAULT_SEED, persons: options.persons ?? PERMITS_DEFAULT_PERSONS });
}

/** The CSV texts of a draw: work_permits.csv, residence_permits.csv, social_security.csv, truth_links.csv. */
export function permitsCsv(draw: PermitsDraw): Record<string, string> {
  return {
    'work_permits.csv': toCsv(WORK_PERMIT_COLUMNS, draw.workPermits as unknown as Record<string, unknown>[]),
    'residence_permits.csv': toCsv(RESIDENCE_PERMIT_COLUMNS, draw.residencePermits as unknown as Record<string, unknown>[]),
    'social_security.csv': toCsv(SOCIAL_SECURITY_COLUMNS, draw.socialSecurity as unknown as Record<string, unknown>[]),
    'truth_links.csv': toCsv(LINK_COLUMNS, draw.links as unknown as Record<string, unknown>[]),
  };
}

export interface PermitsBuildOptions {
  readonly out: string;
  readonly seed?: number;
  readonly persons?: number;
  readonly log?: (line: string) => void;
}

/** Writes the dataset into `out` (the four CSV files, truth.json and checksums.json); returns the SHA-256 of the data files. */
export async function buildAtlantisPermits(options: PermitsBuildOptions): Promise<{ sha256: Record<string, string> }> {
  const seed = options.seed ?? PERMITS_DEFAULT_SEED;
  const persons = options.persons ?? PERMITS_DEFAULT_PERSONS;
  const log = options.log ?? (() => {});
  mkdirSync(options.out, { recursive: true });
  const pop = generatePermitsWorld({ seed, persons });
  const draw = drawPermitsRegisters(pop, seed);
  log(`permits: ${pop.persons.length} persons, ${draw.workPermits.length} work permit rows, ${draw.residencePermits.length} residence permit rows, ${draw.socialSecurity.length} social security rows`);
  const files = { ...permitsCsv(draw), 'truth.json': `${JSON.stringify(computePermitsTruth(pop, draw), null, 1)}\n` };
  for (const [name, text] of Object.entries(files)) writeFileAtomic(join(options.out, name), text);
  const sha256 = Object.fromEntries(Object.keys(files).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(options.out, f))).digest('hex')]));
  const node = process.versions.node.split('.')[0];
  writeFileAtomic(join(options.out, 'checksums.json'), `${JSON.stringify({ seed, persons, node, sha256 }, null, 1)}\n`);
  return { sha256 };
}
