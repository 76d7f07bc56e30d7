/**
 * The LFS sample of Atlantis: a stratified two-stage design. Stage 1 selects enumeration areas with probability
 * proportional to their census household count (systematic PPS, within region x urban/rural strata); stage 2 selects
 * a fixed take of households from the current listing by simple random sampling. Half of a quarter's households stay
 * for the next quarter (rotation), so two consecutive rounds share 50% of their households; households respond or not
 * with a propensity that depends only on the area type and the listed household size (the nonresponse classes).
 */
import { LFS_DESIGN, QUARTERS, RESPONSE, type Quarter } from './country.js';
import { SeededRandom, chance, childSeed } from './draw.js';
import type { Population } from './population.js';

/** Household size class of the listing: 1, 2, 3-4, 5+ persons (codes 1..4). */
export function sizeClass(size: number): number {
  return size === 1 ? 1 : size === 2 ? 2 : size <= 4 ? 3 : 4;
}

/** Enumeration areas selected for the year, with their stage-1 inclusion probabilities. */
export interface AreaSample {
  readonly areas: Int32Array;
  readonly pi1: Float64Array;
  /** Households of each selected area in random order: the first `take` form quarter 1, rotation groups 1 (leaving) and 2 (staying). */
  readonly order: readonly Int32Array[];
}

/** One quarter's selected households (respondents and not), with design variables. */
export interface RoundSample {
  readonly quarter: Quarter;
  readonly household: Int32Array;
  /** Index of the household's area in AreaSample.areas. */
  readonly area: Int32Array;
  /** Base (design) weight 1 / (pi1 pi2). */
  readonly baseWeight: Float64Array;
  /** Rotation group: 1 first quarter only, 2 both quarters, 3 second quarter only. */
  readonly rotation: Uint8Array;
  readonly responded: Uint8Array;
}

/** Areas per stratum: proportional to households, at least `minAreasPerStratum`, summing to `areas` (largest remainders). */
function allocate(pop: Population, areas: number): Int32Array {
  const H = new Float64Array(11);
  for (let h = 0; h < pop.households.count; h++) H[pop.households.stratum[h]!]! += 1;
  const total = H.reduce((a, b) => a + b, 0);
  const { minAreasPerStratum } = LFS_DESIGN;
  const n = new Int32Array(11);
  const exact = Array.from(H, (x) => (x / total) * (areas - 10 * minAreasPerStratum));
  let used = 0;
  for (let s = 1; s <= 10; s++) used += n[s] = minAreasPerStratum + Math.floor(exact[s]!);
  const order = [...Array(10).keys()].map((k) => k + 1).sort((a, b) => (exact[b]! % 1) - (exact[a]! % 1) || a - b);
  for (let k = 0; used < areas; k++, used++) n[order[k]!]!++;
  return n;
}

/** Stage 1: systematic PPS selection of areas within strata on the census measure of size (list order, random start). */
export function selectAreas(pop: Population, seed: number, count: number = LFS_DESIGN.areas): AreaSample {
  const rng = new SeededRandom(childSeed(seed, 3));
  const A = pop.areas;
  const n = allocate(pop, count);
  const areas: number[] = [];
  const pi1: number[] = [];
  for (let s = 1; s <= 10; s++) {
    const members: number[] = [];
    let total = 0;
    for (let e = 0; e < A.count; e++) {
      if (A.stratum[e] === s) {
        members.push(e);
        total += A.mos[e]!;
      }
    }
    const step = total / n[s]!;
    let next = rng.next() * step;
    let cum = 0;
    for (const e of members) {
      const mos = A.mos[e]!;
      if (mos >= step) throw new Error(`area ${e} has a measure of size ${mos} above the sampling interval ${step}: it would be a certainty unit`);
      cum += mos;
      if (cum > next) {
        areas.push(e);
        pi1.push((n[s]! * mos) / total);
        next += step;
      }
    }
  }
  const take = 2 * LFS_DESIGN.householdsPerArea;
  const order = areas.map((e) => {
    const first = A.firstHousehold[e]!;
    const N = A.households[e]!;
    const list = Int32Array.from({ length: N }, (_, k) => first + k);
    for (let k = 0; k < Math.min(take, N - 1); k++) {
      const j = k + rng.below(N - k);
      [list[k], list[j]] = [list[j]!, list[k]!];
    }
    return list;
  });
  return { areas: Int32Array.from(areas), pi1: Float64Array.from(pi1), order };
}

/**
 * Stage 2 for one quarter: quarter 1 takes positions 0..m-1 of each area's random order (rotation groups 1 and 2),
 * quarter 2 keeps group 2 and adds positions m..3m/2-1 (group 3); each is a simple random sample of m households, so
 * pi2 = m / N in both. Response is drawn per quarter.
 */
export function selectRound(pop: Population, areas: AreaSample, quarter: Quarter, seed: number): RoundSample {
  const rng = new SeededRandom(childSeed(seed, 4 + QUARTERS.indexOf(quarter)));
  const m = LFS_DESIGN.householdsPerArea;
  const half = m / 2;
  const q2 = quarter === QUARTERS[1];
  const household: number[] = [];
  const area: number[] = [];
  const baseWeight: number[] = [];
  const rotation: number[] = [];
  const responded: number[] = [];
  areas.areas.forEach((e, k) => {
    const N = pop.areas.households[e]!;
    const w = N / (m * areas.pi1[k]!);
    const positions = q2 ? [...Array(m).keys()].map((j) => j + half) : [...Array(m).keys()];
    for (const pos of positions) {
      const h = areas.order[k]![pos]!;
      household.push(h);
      area.push(k);
      baseWeight.push(w);
      rotation.push(pos < half ? 1 : pos < m ? 2 : 3);
      const urban = pop.households.urban[h] === 1;
      const p = (urban ? RESPONSE.urban : RESPONSE.rural) + RESPONSE.bySize[sizeClass(pop.households.size[h]!) - 1]!;
      responded.push(chance(rng, p) ? 1 : 0);
    }
  });
  return {
    quarter, household: Int32Array.from(household), area: Int32Array.from(area), baseWeight: Float64Array.from(baseWeight),
    rotation: Uint8Array.from(rotation), responded: Uint8Array.from(responded),
  };
}
