/**
 * Builds the Atlantis LFS dataset: population, two quarters of labour market outcomes, the samples of both rounds with
 * their weights and replicate weights, the truth, and the files (datasets/atlantis-lfs by default).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LF_STATUS } from '../../src/concepts/labour-force-status.js';
import type { Table } from '../../src/io/table.js';
import { writeTable } from '../../src/io/write-table.js';
import { BOOTSTRAP_REPLICATES, LFS_DESIGN, QUARTERS, type Quarter } from './country.js';
import { childSeed } from './draw.js';
import { type QuarterOutcomes, drawQuarter, labourState } from './labour.js';
import { nonResidentWorkers } from './non-residents.js';
import { type Population, generatePopulation } from './population.js';
import { selectAreas, selectRound } from './sample.js';
import { type NewColumn, absentTable, householdTable, personTable, populationTable, respondingPersons, withColumns } from './tables.js';
import { computeTruth } from './truth.js';
import { populationMargins, weightRound } from './weights.js';

export interface BuildOptions {
  readonly out: string;
  readonly persons?: number;
  readonly seed?: number;
  /** Enumeration areas per round (default LFS_DESIGN.areas). */
  readonly areas?: number;
  /** Households per area and quarter (default LFS_DESIGN.householdsPerArea); even, half rotate out each quarter. */
  readonly take?: number;
  readonly replicates?: number;
  /** Also write the whole population (person table of the first quarter) in parts of a million rows. */
  readonly population?: boolean;
  /** Formats of the first round besides Parquet (default csv, sav, dta). */
  readonly formats?: readonly ('csv' | 'sav' | 'dta')[];
  readonly log?: (line: string) => void;
}

export const DEFAULT_SEED = 20240401;
export const DEFAULT_PERSONS = 1_000_000;

const repName = (r: number): string => `repw_${String(r + 1).padStart(3, '0')}`;

/** The population and both quarters' outcomes for a seed: the input of the samples, the truth and the coverage tests. */
export function generateWorld(persons: number, seed: number): { pop: Population; quarters: QuarterOutcomes[] } {
  const pop = generatePopulation({ persons, seed });
  const state = labourState(pop, seed);
  const q1 = drawQuarter(pop, state, QUARTERS[0]);
  const q2 = drawQuarter(pop, state, QUARTERS[1], q1);
  return { pop, quarters: [q1, q2] };
}

/** What a build wrote: each file (relative to `out`) with its SHA-256, and the variance scale of each round's replicates. */
export interface Built {
  readonly sha256: Record<string, string>;
  readonly replicateScale: Record<string, number>;
}

/** Writes the dataset. */
export async function buildAtlantisLfs(options: BuildOptions): Promise<Built> {
  const seed = options.seed ?? DEFAULT_SEED;
  const persons = options.persons ?? DEFAULT_PERSONS;
  const R = options.replicates ?? BOOTSTRAP_REPLICATES;
  const log = options.log ?? (() => {});
  const out = options.out;
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const write = async (table: Table, name: string, columns?: readonly string[]): Promise<void> => {
    await writeTable(table, join(out, name), columns ? { columns } : {});
    written.push(name);
  };

  const { pop, quarters } = generateWorld(persons, seed);
  log(`population: ${pop.persons.count} persons, ${pop.households.count} households, ${pop.areas.count} enumeration areas`);
  const labourForce = Object.fromEntries(quarters.map((q) => [q.quarter, q.latent.reduce((a, s) => a + (s === LF_STATUS.employed || s === LF_STATUS.unemployed ? 1 : 0), 0)])) as Record<Quarter, number>;
  const truth = computeTruth(pop, quarters, nonResidentWorkers(labourForce, seed));
  writeFileSync(join(out, 'truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
  written.push('truth.json');
  const margins = populationMargins(pop);
  writeFileSync(join(out, 'margins.csv'), margins.text);
  written.push('margins.csv');

  const take = options.take ?? LFS_DESIGN.householdsPerArea;
  const areas = selectAreas(pop, seed, options.areas ?? LFS_DESIGN.areas, take);
  const replicateScale: Record<string, number> = {};
  for (const [k, q] of quarters.entries()) {
    const round = selectRound(pop, areas, q.quarter, seed, take);
    const base = personTable(pop, q, round);
    const w = weightRound(pop, round, base, { margins: margins.margins, replicates: R, seed: childSeed(seed, 20 + k) });
    const finalWeight = w.design.weights;
    const { sampleRow } = respondingPersons(pop, round);
    // household weights: the final weight of the household's persons (missing for nonrespondents)
    const toHouseholds = (pw: Float64Array): Float64Array => {
      const hw = new Float64Array(round.household.length).fill(NaN);
      sampleRow.forEach((k2, i) => (hw[k2] = pw[i]!));
      return hw;
    };
    const hhFinal = toHouseholds(finalWeight);
    const reps = (w.replicate?.replicates ?? []).map((pw) => ({ persons: pw, households: toHouseholds(pw) }));
    if (w.replicate) replicateScale[q.quarter] = w.replicate.scale;
    const repLabel = (j: number): string => `Bootstrap replicate weight ${j + 1} (recalibrated; variance scale ${w.replicate!.scale})`;
    const repColumns = (values: (r: (typeof reps)[number]) => Float64Array): Record<string, NewColumn> =>
      Object.fromEntries(reps.map((r, j) => [repName(j), { values: values(r), label: repLabel(j) }]));
    const stem = `lfs_${q.quarter.toLowerCase()}`;
    const persons = withColumns(base, { weight: { values: finalWeight, label: 'Final person weight (calibrated; equal within the household)' }, ...repColumns((r) => r.persons) });
    const households = householdTable(pop, round, {
      nr_weight: { values: w.nonresponseWeight, label: 'Design weight after the nonresponse adjustment (0 for nonrespondents)' },
      weight: { values: hhFinal, label: 'Final household weight (calibrated; missing for nonrespondents)' },
      ...repColumns((r) => r.households),
    });
    const absent = absentTable(pop, round, (rows) => ({
      weight: { values: Float64Array.from(rows, (k2) => hhFinal[k2]!), label: 'Final weight of the household reporting the member' },
      ...repColumns((r) => Float64Array.from(rows, (k2) => r.households[k2]!)),
    }));
    for (const [table, name] of [[persons, 'persons'], [households, 'households'], [absent, 'absent']] as const) {
      await write(table, `${stem}_${name}.parquet`);
      if (k > 0) continue;
      // the other formats carry no replicate weights (to stay small)
      for (const f of options.formats ?? ['csv', 'sav', 'dta']) await write(table, `${stem}_${name}.${f}`, table.names.filter((c) => !c.startsWith('repw_')));
    }
    log(`${q.quarter}: ${round.household.length} households selected, ${round.responded.reduce((a, b) => a + b, 0)} responded, ${persons.nrows} persons`);
  }
  if (options.population) {
    const part = 1_000_000;
    for (let from = 0, k = 0; from < pop.persons.count; from += part, k++) {
      await write(populationTable(pop, quarters[0]!, from, Math.min(pop.persons.count, from + part)), `population_${String(k).padStart(3, '0')}.parquet`);
    }
  }
  const sha256 = Object.fromEntries(written.sort().map((f) => [f, createHash('sha256').update(readFileSync(join(out, f))).digest('hex')]));
  return { sha256, replicateScale };
}
