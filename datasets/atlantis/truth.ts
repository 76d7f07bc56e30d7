/**
 * truth.json: the population values of the headline cells (headline.ts) for both quarters, computed on every person
 * of the generated population with the same definitions the estimates use, and the non-resident frame's counts.
 */
import { ATL, QUARTERS, UNDEREMPLOYMENT_HOURS } from './country.js';
import { type AbsentSource, type Cell, cellSupport, cellValue, derive, headlineCells } from './headline.js';
import type { QuarterOutcomes } from './labour.js';
import { type NonResidentWorkers, nonResidentTruth } from './non-residents.js';
import { COUNTRY_CODES, type Population } from './population.js';
import { populationSource } from './tables.js';

/** The population's members living abroad, keyed like the person file (hh_id = household index + 1). */
export function populationAbsent(pop: Population): AbsentSource {
  const A = pop.absent;
  return {
    hhId: Float64Array.from(A.household, (h) => h + 1), sex: A.sex, age: A.age,
    citizenship: Array.from(A.citizenship, (c) => COUNTRY_CODES[c]!),
  };
}

export interface Truth {
  readonly dataset: string;
  readonly country: string;
  readonly population: { readonly seed: number; readonly persons: number; readonly households: number; readonly enumeration_areas: number };
  readonly definitions: Record<string, string | number>;
  readonly cells: readonly (Cell & { readonly value: number; readonly support: number })[];
  readonly non_resident_foreign_workers: Record<string, unknown>;
}

/** Computes the truth of every headline cell on the whole population. */
export function computeTruth(pop: Population, quarters: readonly QuarterOutcomes[], nonResidents: NonResidentWorkers): Truth {
  const absent = populationAbsent(pop);
  const derived = new Map(quarters.map((q) => [q.quarter, derive(populationSource(pop, q), absent)]));
  return {
    dataset: 'atlantis-lfs',
    country: ATL,
    population: { seed: pop.seed, persons: pop.persons.count, households: pop.households.count, enumeration_areas: pop.areas.count },
    definitions: {
      universe: 'usual residents of private households (12-month rule); non-resident foreign workers are reported separately',
      working_age: 'aged 15 and over',
      labour_force_standard: 'ICLS19',
      migrant_birth: 'born outside Atlantis (ILO default criterion)',
      migrant_citizenship: 'not a citizen of Atlantis',
      time_related_underemployment: `employed, wanting and available for more hours, less than ${UNDEREMPLOYMENT_HOURS} hours actually worked`,
      underemployment_hours_threshold: UNDEREMPLOYMENT_HOURS,
      potential_labour_force: 'outside the labour force: unavailable jobseekers and available potential jobseekers (19th ICLS)',
      for_work_migrants_12m: 'born abroad, arrived in the last 12 months, to take up or to seek work',
      return_workers: 'usual residents aged 15+ who ever worked or sought work abroad',
      nationals_abroad: 'household members living abroad, Atlantean citizens aged 15+, as households report them',
      earnings: 'mean monthly earnings of employees (ICSE-18 41-44) in the main job, ATD',
      units: 'count: persons; rate and share: proportion (0-1); mean: ATD per month',
      support: 'population persons (members abroad; employees for a mean) the numerator counts: times the sampling fraction, the expected sample count',
    },
    cells: headlineCells().map((c) => ({ ...c, value: cellValue(derived.get(c.quarter)!, c), support: cellSupport(derived.get(c.quarter)!, c) })),
    non_resident_foreign_workers: Object.fromEntries(QUARTERS.map((q) => [q, nonResidentTruth(nonResidents, q)])),
  };
}
