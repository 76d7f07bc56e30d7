/**
 * Non-resident foreign workers present in Atlantis (20th ICLS guidelines, category (b) of international migrant
 * workers): cross-border commuters who live in a neighbouring country and seasonal workers staying under 12 months.
 * They live in their own frame: they are never in the LFS households, samples or denominators; their truth is reported
 * separately, for the administrative-source exercises.
 */
import { CROSS_BORDER, QUARTERS, SEASONAL, type Quarter } from './country.js';
import { SeededRandom, between, chance, childSeed, pick } from './draw.js';
import { COUNTRY_CODES } from './population.js';

export interface NonResidentWorkers {
  readonly count: number;
  /** 1 cross-border commuter, 2 seasonal worker. */
  readonly type: Uint8Array;
  readonly sex: Uint8Array;
  readonly age: Uint8Array;
  /** Country of usual residence: index into COUNTRY_CODES. */
  readonly residence: Uint8Array;
  /** Quarters present: bit 0 the first, bit 1 the second. */
  readonly quarters: Uint8Array;
  /** Months present in Atlantis at the quarter (seasonal workers; 0 for commuters, who go home every day). */
  readonly monthsPresent: Uint8Array;
  /** 1 seeking work here, 0 employed by a resident producer unit. */
  readonly seeking: Uint8Array;
}

/** Draws the frame: commuters in proportion to the first quarter's resident labour force, seasonal workers per quarter. */
export function nonResidentWorkers(labourForce: Readonly<Record<Quarter, number>>, seed: number): NonResidentWorkers {
  const rng = new SeededRandom(childSeed(seed, 7));
  const rows: { type: number; sex: number; age: number; residence: number; quarters: number; months: number; seeking: number }[] = [];
  const country = (list: readonly (readonly [string, number])[]): number => COUNTRY_CODES.indexOf(list[pick(rng, list.map(([, w]) => w))]![0]);
  const commuters = Math.round(CROSS_BORDER.perLabourForce * labourForce[QUARTERS[0]]);
  for (let k = 0; k < commuters; k++) {
    rows.push({ type: 1, sex: chance(rng, CROSS_BORDER.women) ? 2 : 1, age: between(rng, 20, 62), residence: country(CROSS_BORDER.countries), quarters: 3, months: 0, seeking: chance(rng, 0.02) ? 1 : 0 });
  }
  QUARTERS.forEach((q, bit) => {
    const seasonal = Math.round(SEASONAL.perLabourForce[q] * labourForce[q]);
    for (let k = 0; k < seasonal; k++) {
      rows.push({ type: 2, sex: chance(rng, SEASONAL.women) ? 2 : 1, age: between(rng, 19, 55), residence: country(SEASONAL.countries), quarters: 1 << bit, months: between(rng, 1, 9), seeking: chance(rng, 0.04) ? 1 : 0 });
    }
  });
  const col = (f: (r: (typeof rows)[number]) => number): Uint8Array => Uint8Array.from(rows, f);
  return {
    count: rows.length, type: col((r) => r.type), sex: col((r) => r.sex), age: col((r) => r.age), residence: col((r) => r.residence),
    quarters: col((r) => r.quarters), monthsPresent: col((r) => r.months), seeking: col((r) => r.seeking),
  };
}

/** Truth of the frame in a quarter: counts by type, sex, labour attachment and country of residence. */
export function nonResidentTruth(nr: NonResidentWorkers, quarter: Quarter): Record<string, number | Record<string, number>> {
  const bit = 1 << QUARTERS.indexOf(quarter);
  const out = { total: 0, cross_border: 0, seasonal: 0, men: 0, women: 0, employed: 0, seeking_work: 0 };
  const byCountry: Record<string, number> = {};
  for (let k = 0; k < nr.count; k++) {
    if (!(nr.quarters[k]! & bit)) continue;
    out.total++;
    if (nr.type[k] === 1) out.cross_border++;
    else out.seasonal++;
    if (nr.sex[k] === 1) out.men++;
    else out.women++;
    if (nr.seeking[k]) out.seeking_work++;
    else out.employed++;
    const c = COUNTRY_CODES[nr.residence[k]!]!;
    byCountry[c] = (byCountry[c] ?? 0) + 1;
  }
  return { ...out, by_country_of_residence: Object.fromEntries(Object.entries(byCountry).sort(([a], [b]) => (a < b ? -1 : 1))) };
}
