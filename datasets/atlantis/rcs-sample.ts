/**
 * The sample of the Atlantis recruitment cost survey: a stratified two-stage design. Strata: region x urban/rural (10).
 * Stage 1: enumeration areas by systematic PPS on the earlier listing's count of return migrant workers (list order,
 * random start), allocated to strata in proportion to that count with a minimum per stratum (largest remainders).
 * Stage 2: a simple random sample of `take` return migrant workers from the area's listing at fieldwork (all of them
 * when fewer are listed), so pi2 = min(take, N_area) / N_area. Workers respond with a chance by area type. Weights:
 * base weight 1 / (pi1 pi2), then a weighting-class nonresponse adjustment within strata; bootstrap replicate weights
 * (R `as.svrepdesign(type = "bootstrap")`, Canty-Davison rescaled bootstrap of areas with the first-stage fpc) go
 * through the same adjustment.
 */
import { svyDesign } from '../../src/survey/design.js';
import { asReplicateDesign } from '../../src/survey/replicate-design.js';
import { nonresponseAdjustment } from '../../src/survey/weighting.js';
import { tableFromArrays } from '../../src/io/table.js';
import { RCS_DESIGN, RCS_STREAMS } from './rcs-country.js';
import { SeededRandom, chance, childSeed } from './draw.js';
import type { RcsPopulation } from './rcs-population.js';

export interface RcsSampleOptions {
  /** Areas selected (default RCS_DESIGN.areas). */
  readonly areas?: number;
  /** Workers per area (default RCS_DESIGN.take). */
  readonly take?: number;
  /** Bootstrap replicates (default RCS_DESIGN.replicates; 0 for none). */
  readonly replicates?: number;
}

/** One sample: the responding workers (population rows, in file order) with their design variables and weights. */
export interface RcsSample {
  /** Population rows of the responding workers. */
  readonly workers: Int32Array;
  /** Base weight 1 / (pi1 pi2) and final (nonresponse-adjusted) weight of each responding worker. */
  readonly baseWeight: Float64Array;
  readonly weight: Float64Array;
  /** Areas in the stratum's frame (first-stage fpc) of each responding worker. */
  readonly eaTotal: Int32Array;
  /** Replicate weights of the responding workers, and their variance scale (none when replicates = 0). */
  readonly replicates: readonly Float64Array[];
  readonly replicateScale?: number;
  /** Workers selected, and how many responded. */
  readonly selected: number;
  readonly responded: number;
  /** Sum of the base weights of all selected workers (the unbiased estimate of the population size the weights keep). */
  readonly baseWeightSum: number;
}

/** Areas per stratum: proportional to the listing counts, at least the minimum, summing to `areas` (largest remainders). */
function allocate(pop: RcsPopulation, areas: number): Int32Array {
  const size = new Float64Array(11);
  for (let e = 0; e < pop.areas.count; e++) size[pop.areas.stratum[e]!]! += pop.areas.mos[e]!;
  const total = size.reduce((a, b) => a + b, 0);
  const min = RCS_DESIGN.minAreasPerStratum;
  const n = new Int32Array(11);
  const exact = Array.from(size, (x) => (x / total) * (areas - 10 * min));
  let used = 0;
  for (let s = 1; s <= 10; s++) used += n[s] = min + Math.floor(exact[s]!);
  const order = [...Array(10).keys()].map((k) => k + 1).sort((a, b) => (exact[b]! % 1) - (exact[a]! % 1) || a - b);
  for (let k = 0; used < areas; k++, used++) n[order[k]!]!++;
  return n;
}

const frameCounts = new WeakMap<RcsPopulation, Int32Array>();
/** Enumeration areas of each stratum (1..10) in the frame. */
export function rcsAreasInStratum(pop: RcsPopulation): Int32Array {
  let counts = frameCounts.get(pop);
  if (!counts) {
    counts = new Int32Array(11);
    for (let e = 0; e < pop.areas.count; e++) counts[pop.areas.stratum[e]!]!++;
    frameCounts.set(pop, counts);
  }
  return counts;
}

/** Draws one sample of the population with a seed (streams RCS_STREAMS.areas, response and replicates of that seed). */
export function selectRcsSample(pop: RcsPopulation, seed: number, options: RcsSampleOptions = {}): RcsSample {
  const A = pop.areas;
  const take = options.take ?? RCS_DESIGN.take;
  const R = options.replicates ?? RCS_DESIGN.replicates;
  const rng = new SeededRandom(childSeed(seed, RCS_STREAMS.areas));
  const respond = new SeededRandom(childSeed(seed, RCS_STREAMS.response));
  const n = allocate(pop, options.areas ?? RCS_DESIGN.areas);
  const frame = rcsAreasInStratum(pop);
  // selected workers (respondents and not), in stratum, area and population order
  const rows: number[] = [];
  const stratum: number[] = [];
  const ea: number[] = [];
  const eaTotal: number[] = [];
  const base: number[] = [];
  const responded: number[] = [];
  const scratch = new Int32Array(Math.max(...A.workers));
  for (let s = 1; s <= 10; s++) {
    let total = 0;
    for (let e = 0; e < A.count; e++) if (A.stratum[e] === s) total += A.mos[e]!;
    const step = total / n[s]!;
    let next = rng.next() * step;
    let cum = 0;
    for (let e = 0; e < A.count; e++) {
      if (A.stratum[e] !== s) continue;
      const mos = A.mos[e]!;
      if (mos >= step) throw new Error(`area ${e + 1} has a measure of size ${mos} above the sampling interval ${step}: it would be a certainty unit`);
      cum += mos;
      if (cum <= next) continue;
      next += step;
      const pi1 = (n[s]! * mos) / total;
      const N = A.workers[e]!;
      const m = Math.min(take, N);
      for (let k = 0; k < N; k++) scratch[k] = k;
      for (let k = 0; k < m; k++) {
        const j = k + rng.below(N - k);
        [scratch[k], scratch[j]] = [scratch[j]!, scratch[k]!];
      }
      const chosen = Array.from(scratch.subarray(0, m)).sort((a, b) => a - b);
      const p = A.urban[e] === 1 ? RCS_DESIGN.response.urban : RCS_DESIGN.response.rural;
      for (const k of chosen) {
        rows.push(A.firstWorker[e]! + k);
        stratum.push(s);
        ea.push(e + 1);
        eaTotal.push(frame[s]!);
        base.push(N / (m * pi1));
        responded.push(chance(respond, p) ? 1 : 0);
      }
    }
  }
  const resp = Uint8Array.from(responded);
  const classes = Int32Array.from(stratum, (s) => s - 1);
  const labels = Array.from({ length: 10 }, (_, k) => `stratum ${k + 1}`);
  const baseWeight = Float64Array.from(base);
  const final = nonresponseAdjustment(baseWeight, resp, classes, labels).weights;
  const keep: number[] = [];
  resp.forEach((r, k) => r && keep.push(k));
  // plain loops: TypedArray.from(array, f) is several times slower in V8
  const pickRows = (a: Float64Array): Float64Array => {
    const out = new Float64Array(keep.length);
    for (let k = 0; k < keep.length; k++) out[k] = a[keep[k]!]!;
    return out;
  };
  let replicates: Float64Array[] = [];
  let replicateScale: number | undefined;
  if (R > 0) {
    const selected = tableFromArrays({ stratum: Float64Array.from(stratum), ea: Float64Array.from(ea), ea_total: Float64Array.from(eaTotal), w: baseWeight });
    const boot = asReplicateDesign(svyDesign(selected, { weight: 'w', strata: 'stratum', psu: ['ea'], fpc: ['ea_total'] }), { type: 'bootstrap', replicates: R, seed: childSeed(seed, RCS_STREAMS.replicates) });
    replicates = boot.replicates.map((w) => pickRows(nonresponseAdjustment(w, resp, classes, labels).weights));
    replicateScale = boot.scale;
  }
  return {
    workers: Int32Array.from(keep, (k) => rows[k]!),
    baseWeight: pickRows(baseWeight),
    weight: pickRows(final),
    eaTotal: Int32Array.from(keep, (k) => eaTotal[k]!),
    replicates,
    ...(replicateScale === undefined ? {} : { replicateScale }),
    selected: rows.length,
    responded: keep.length,
    baseWeightSum: base.reduce((a, b) => a + b, 0),
  };
}
