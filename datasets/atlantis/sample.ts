/**
 * The LFS sample of Atlantis: a stratified two-stage design. Stage 1 selects enumeration areas with probability
 * proportional to their census household count (systematic PPS, within region x urban/rural strata); stage 2 selects
 * a fixed take of households (12 by default; `take` in selectAreas/selectRound) from the current listing by simple random
 * sampling. Half of a quarter's households stay
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
  /** Households per area and quarter the areas were selected for (stage 2's m). */
  readonly take: number;
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

/** The take (households per area and quarter) checked: a positive even number, for the rotation in halves. */
function checkTake(take: number): number {
  if (!Number.isInteger(take) || take < 2 || take % 2 !== 0) throw new Error(`the take per area must be an even whole number >= 2, got ${take}`);
  return take;
}

/**
 * Stage 1: systematic PPS selection of areas within strata on the census measure of size (list order, random start).
 * `take` is the households per area and quarter that stage 2 will select: each area's listing is shuffled far enough
 * for both quarters.
 */
export function selectAreas(pop: Population, seed: number, count: number = LFS_DESIGN.areas, take: number = LFS_DESIGN.householdsPerArea): AreaSample {
  checkTake(take);
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
  const shuffled = 2 * take;
  const order = areas.map((e) => {
    const first = A.firstHousehold[e]!;
    const N = A.households[e]!;
    // both quarters read positions 0..3m/2-1 of the order
    if (N < (3 * take) / 2) throw new Error(`area ${e} lists ${N} households: a take of ${take} per quarter needs at least ${(3 * take) / 2} in every selected area`);
    const list = Int32Array.from({ length: N }, (_, k) => first + k);
    for (let k = 0; k < Math.min(shuffled, N - 1); k++) {
      const j = k + rng.below(N - k);
      [list[k], list[j]] = [list[j]!, list[k]!];
    }
    return list;
  });
  return { areas: Int32Array.from(areas), pi1: Float64Array.from(pi1), order, take };
}

/**
 * Stage 2 for one quarter: quarter 1 takes positions 0..m-1 of each area's random order (rotation groups 1 and 2),
 * quarter 2 keeps group 2 and adds positions m..3m/2-1 (group 3); each is a simple random sample of m households, so
 * pi2 = m / N in both. Response is drawn per quarter. `take` (m, default the areas' own)
 * must be the one the areas were selected with.
 */
export function selectRound(pop: Population, areas: AreaSample, quarter: Quarter, seed: number, take: number = areas.take): RoundSample {
  if (take !== areas.take) throw new Error(`the areas were selected for a take of ${areas.take} households, not ${take}`);
  const rng = new SeededRandom(childSeed(seed, 4 + QUARTERS.indexOf(quarter)));
  const m = checkTake(take);
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
