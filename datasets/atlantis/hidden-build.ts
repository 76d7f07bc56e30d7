/**
 * Writes the Atlantis hidden-population dataset (datasets/atlantis-hidden): the respondent-driven sample, the
 * time-location sample and its VDT frame, the population with its network (for simulation exercises), truth.json and
 * checksums.json. The codebook is datasets/atlantis-hidden/README.md.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromArrays } from '../../src/io/table.js';
import { writeTable } from '../../src/io/write-table.js';
import { type HiddenPopulation, NATIONALITIES, generateHiddenPopulation, hiddenTruth, partSeed } from './hidden-population.js';
import { drawRdsSample, rdsSampleTable } from './hidden-rds.js';
import { drawTlsSample, tlsFrameTable, tlsSampleTable } from './hidden-tls.js';

/** Seed of the shipped dataset. */
export const HIDDEN_SEED = 20240501;

/** The shipped samples' streams: the RDS and TLS draws take their own seeds from the master seed. */
export function hiddenSamples(pop: HiddenPopulation, seed: number): { rds: ReturnType<typeof drawRdsSample>; tls: ReturnType<typeof drawTlsSample> } {
  return { rds: drawRdsSample(pop, partSeed(seed, 10)), tls: drawTlsSample(pop, partSeed(seed, 11)) };
}

/** Writes the dataset into `outDir`; returns each data file's SHA-256 (checksums.json lists them too). */
export async function buildHidden(outDir: string, seed: number = HIDDEN_SEED): Promise<{ sha256: Record<string, string> }> {
  mkdirSync(outDir, { recursive: true });
  const pop = generateHiddenPopulation(seed);
  const { rds, tls } = hiddenSamples(pop, seed);
  const files: [string, ReturnType<typeof tableFromArrays>][] = [
    ['rds_sample.csv', rdsSampleTable(pop, rds)],
    ['tls_sample.csv', tlsSampleTable(pop, tls)],
    ['tls_frame.csv', tlsFrameTable(pop, tls)],
    ['population.csv', tableFromArrays({
      person_id: Array.from({ length: pop.N }, (_, j) => `P${String(j + 1).padStart(5, '0')}`),
      nationality: Array.from(pop.nationality, (k) => NATIONALITIES[k]![0] as string),
      live_in: Float64Array.from(pop.liveIn),
      below_min_wage: Float64Array.from(pop.belowMinWage),
      monthly_wage: pop.wage,
      degree: Float64Array.from(pop.degree),
      visits: Float64Array.from(pop.visits),
    }, 'population.csv')],
  ];
  const a: number[] = [];
  const b: number[] = [];
  for (let j = 0; j < pop.N; j++) {
    for (let e = pop.adjStart[j]!; e < pop.adjStart[j + 1]!; e++) {
      if (pop.adj[e]! > j) {
        a.push(j + 1);
        b.push(pop.adj[e]! + 1);
      }
    }
  }
  files.push(['network_edges.csv', tableFromArrays({ from: Float64Array.from(a), to: Float64Array.from(b) }, 'network_edges.csv')]);
  for (const [name, table] of files) await writeTable(table, join(outDir, name));
  writeFileSync(join(outDir, 'truth.json'), `${JSON.stringify({ seed, ...hiddenTruth(pop) }, null, 1)}\n`);
  const names = [...files.map(([name]) => name), 'truth.json'].sort();
  const sha256 = Object.fromEntries(names.map((f) => [f, createHash('sha256').update(readFileSync(join(outDir, f))).digest('hex')]));
  writeFileSync(join(outDir, 'checksums.json'), `${JSON.stringify({ seed, node: process.versions.node.split('.')[0], sha256 }, null, 1)}\n`);
  return { sha256 };
}
