/**
 * The hidden population of Atlantis: domestic workers in an irregular situation, as a social network with homophily
 * (nationality, pay below the minimum wage) and, for time-location sampling, the venues they attend in a four-week
 * reference period. Seeded; one population feeds the shipped RDS and TLS samples and the simulation tests.
 */
import { SeededRandom } from '../../src/survey/random.js';

/** Nationality groups (ISO3) with their share of the hidden population. */
export const NATIONALITIES = [
  ['PHL', 0.38],
  ['IDN', 0.27],
  ['ETH', 0.2],
  ['NPL', 0.15],
] as const;

/** Monthly minimum wage of a domestic worker in Atlantis dollars (ATD). */
export const MINIMUM_WAGE = 700;

/** Venue types (the TLS strata), venues per type and the weekly time slots of each venue. */
export const VENUE_TYPES = [
  { type: 'church', venues: 6, slots: ['Sun 09-12', 'Sun 13-16'] },
  { type: 'park', venues: 6, slots: ['Sat 14-18', 'Sun 14-18'] },
  { type: 'market', venues: 6, slots: ['Sat 08-12', 'Sun 08-12'] },
  { type: 'remittance', venues: 6, slots: ['Fri 17-20', 'Sun 10-13'] },
] as const;

/** Weeks in the TLS reference period (the VDT frame covers them). */
export const WEEKS = 4;

export interface HiddenOptions {
  /** Persons generated before the giant component of the network is kept (default 10,000). */
  readonly persons?: number;
  /** Share of a person's ties formed inside their own group (nationality x pay below minimum; default 0.55). */
  readonly homophily?: number;
}

/** The population (the giant component of the generated network), its network and its venue attendance. */
export interface HiddenPopulation {
  readonly N: number;
  /** Index into NATIONALITIES. */
  readonly nationality: Int8Array;
  readonly liveIn: Uint8Array;
  readonly belowMinWage: Uint8Array;
  /** Monthly wage (ATD, multiple of 10). */
  readonly wage: Float64Array;
  /** Network degree (distinct contacts in the hidden population). */
  readonly degree: Int32Array;
  /** Neighbours of person i: adj[adjStart[i] .. adjStart[i+1]). */
  readonly adjStart: Int32Array;
  readonly adj: Int32Array;
  /** VDT frame: venue of each VDT unit, its venue type (stratum), week and slot. */
  readonly vdtVenue: Int32Array;
  readonly vdtType: Int32Array;
  readonly vdtWeek: Int32Array;
  readonly vdtSlot: Int32Array;
  /** Attendees of VDT v: attendees[attendStart[v] .. attendStart[v+1]). */
  readonly attendStart: Int32Array;
  readonly attendees: Int32Array;
  /** Number of VDT units of the frame each person attends in the reference period (0: never at a venue). */
  readonly visits: Int32Array;
  readonly seed: number;
}

/** A standard normal deviate (Box-Muller). */
export function gaussian(rng: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Seed of part k of the generator (its own stream). */
export function partSeed(seed: number, k: number): number {
  return (Math.imul(seed ^ 0x27d4eb2f, 0x165667b1) + Math.imul(k + 1, 0x9e3779b1)) >>> 0;
}

function shuffle(a: Int32Array | number[], rng: SeededRandom): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** Generates the hidden population: persons, network, venues and attendance. About 0.1 s. */
export function generateHiddenPopulation(seed: number, options: HiddenOptions = {}): HiddenPopulation {
  const n0 = options.persons ?? 10_000;
  const h = options.homophily ?? 0.55;
  const rng = new SeededRandom(partSeed(seed, 1));
  const nat0 = new Int8Array(n0);
  const live0 = new Uint8Array(n0);
  const below0 = new Uint8Array(n0);
  const target = new Int32Array(n0);
  const natEffect = [0, 0.5, 1.0, 0.2];
  const liveShare = [0.45, 0.55, 0.65, 0.4];
  for (let i = 0; i < n0; i++) {
    let u = rng.next();
    let k = 0;
    while (k < NATIONALITIES.length - 1 && u >= NATIONALITIES[k]![1]) u -= NATIONALITIES[k++]![1];
    nat0[i] = k;
    live0[i] = rng.next() < liveShare[k]! ? 1 : 0;
    below0[i] = rng.next() < logistic(-1.6 + 1.4 * live0[i]! + natEffect[k]!) ? 1 : 0;
    // live-in and underpaid workers know fewer others: the degree is related to the outcome, as RDS-II corrects for
    const mu = 2.0 - 0.35 * live0[i]! - 0.25 * below0[i]!;
    target[i] = Math.min(80, 1 + Math.round(Math.exp(mu + 0.6 * gaussian(rng))));
  }
  // configuration model: a share h of each person's stubs pairs inside the group (nationality x below minimum), the rest at large
  const groups = NATIONALITIES.length * 2;
  const pools: number[][] = Array.from({ length: groups + 1 }, () => []);
  for (let i = 0; i < n0; i++) {
    const g = nat0[i]! * 2 + below0[i]!;
    for (let s = 0; s < target[i]!; s++) pools[rng.next() < h ? g : groups]!.push(i);
  }
  const edges = new Set<number>();
  const neighbours: number[][] = Array.from({ length: n0 }, () => []);
  for (const pool of pools) {
    shuffle(pool, rng);
    for (let s = 0; s + 1 < pool.length; s += 2) {
      const a = pool[s]!;
      const b = pool[s + 1]!;
      if (a === b) continue;
      const key = a < b ? a * n0 + b : b * n0 + a;
      if (edges.has(key)) continue;
      edges.add(key);
      neighbours[a]!.push(b);
      neighbours[b]!.push(a);
    }
  }
  // the giant component is the population
  const comp = new Int32Array(n0).fill(-1);
  let best = -1;
  let bestSize = 0;
  for (let s = 0, c = 0; s < n0; s++) {
    if (comp[s]! >= 0) continue;
    const stack = [s];
    comp[s] = c;
    let size = 0;
    while (stack.length) {
      const v = stack.pop()!;
      size++;
      for (const w of neighbours[v]!) {
        if (comp[w]! < 0) {
          comp[w] = c;
          stack.push(w);
        }
      }
    }
    if (size > bestSize) [best, bestSize] = [c, size];
    c++;
  }
  const index = new Int32Array(n0).fill(-1);
  let N = 0;
  for (let i = 0; i < n0; i++) if (comp[i] === best) index[i] = N++;
  const nationality = new Int8Array(N);
  const liveIn = new Uint8Array(N);
  const belowMinWage = new Uint8Array(N);
  const wage = new Float64Array(N);
  const degree = new Int32Array(N);
  const adjStart = new Int32Array(N + 1);
  for (let i = 0; i < n0; i++) {
    const j = index[i]!;
    if (j < 0) continue;
    nationality[j] = nat0[i]!;
    liveIn[j] = live0[i]!;
    belowMinWage[j] = below0[i]!;
    degree[j] = neighbours[i]!.length;
  }
  for (let j = 0; j < N; j++) adjStart[j + 1] = adjStart[j]! + degree[j]!;
  const adj = new Int32Array(adjStart[N]!);
  for (let i = 0; i < n0; i++) {
    const j = index[i]!;
    if (j < 0) continue;
    const list = neighbours[i]!.map((w) => index[w]!).sort((a, b) => a - b);
    adj.set(list, adjStart[j]!);
  }
  const wr = new SeededRandom(partSeed(seed, 2));
  for (let j = 0; j < N; j++) {
    const w = belowMinWage[j] ? 300 + 390 * wr.next() : MINIMUM_WAGE * Math.exp(Math.abs(0.35 * gaussian(wr))) + 10 * wr.next();
    wage[j] = Math.min(Math.round(w / 10) * 10, belowMinWage[j] ? MINIMUM_WAGE - 10 : Infinity);
    if (!belowMinWage[j] && wage[j]! < MINIMUM_WAGE) wage[j] = MINIMUM_WAGE;
  }
  const venues = attendance(N, liveIn, belowMinWage, nationality, new SeededRandom(partSeed(seed, 3)));
  return { N, nationality, liveIn, belowMinWage, wage, degree, adjStart, adj, ...venues, seed };
}

/**
 * Venue attendance in the reference period: a person attends venues with probability 0.85 (0.5 if living in);
 * attenders choose one or two venues and attend k of the VDT units of those venues, where k is larger for workers with
 * days off (not living in) and paid at least the minimum: frequent attenders differ in the outcome, so an estimate
 * without the frequency-of-attendance adjustment is biased.
 */
function attendance(N: number, liveIn: Uint8Array, below: Uint8Array, nationality: Int8Array, rng: SeededRandom): Omit<HiddenPopulation, 'N' | 'nationality' | 'liveIn' | 'belowMinWage' | 'wage' | 'degree' | 'adjStart' | 'adj' | 'seed'> {
  const slots = VENUE_TYPES[0].slots.length;
  const perVenue = WEEKS * slots;
  const venueType: number[] = [];
  VENUE_TYPES.forEach((t, k) => {
    for (let v = 0; v < t.venues; v++) venueType.push(k);
  });
  const V = venueType.length;
  const nv = V * perVenue;
  const vdtVenue = new Int32Array(nv);
  const vdtType = new Int32Array(nv);
  const vdtWeek = new Int32Array(nv);
  const vdtSlot = new Int32Array(nv);
  for (let v = 0; v < V; v++) {
    for (let w = 0; w < WEEKS; w++) {
      for (let s = 0; s < slots; s++) {
        const u = v * perVenue + w * slots + s;
        vdtVenue[u] = v;
        vdtType[u] = venueType[v]!;
        vdtWeek[u] = w;
        vdtSlot[u] = s;
      }
    }
  }
  // preferred venue types by nationality (church, park, market, remittance)
  const pref = [
    [0.45, 0.2, 0.15, 0.2],
    [0.2, 0.35, 0.25, 0.2],
    [0.4, 0.15, 0.2, 0.25],
    [0.15, 0.3, 0.3, 0.25],
  ];
  const visits = new Int32Array(N);
  const lists: number[][] = Array.from({ length: nv }, () => []);
  for (let j = 0; j < N; j++) {
    if (rng.next() >= (liveIn[j] ? 0.5 : 0.85)) continue;
    const chosen: number[] = [];
    const count = rng.next() < 0.35 ? 2 : 1;
    while (chosen.length < count) {
      let u = rng.next();
      let t = 0;
      while (t < 3 && u >= pref[nationality[j]!]![t]!) u -= pref[nationality[j]!]![t++]!;
      const first = VENUE_TYPES.slice(0, t).reduce((s, x) => s + x.venues, 0);
      const v = first + rng.below(VENUE_TYPES[t]!.venues);
      if (!chosen.includes(v)) chosen.push(v);
    }
    const units = chosen.flatMap((v) => Array.from({ length: perVenue }, (_, k) => v * perVenue + k));
    const mean = liveIn[j] ? 1.6 : below[j] ? 2.6 : 4.5;
    const k = Math.min(units.length, 1 + poisson(mean - 1, rng));
    shuffle(units, rng);
    for (let a = 0; a < k; a++) lists[units[a]!]!.push(j);
    visits[j] = k;
  }
  const attendStart = new Int32Array(nv + 1);
  for (let u = 0; u < nv; u++) attendStart[u + 1] = attendStart[u]! + lists[u]!.length;
  const attendees = new Int32Array(attendStart[nv]!);
  for (let u = 0; u < nv; u++) attendees.set(lists[u]!, attendStart[u]!);
  return { vdtVenue, vdtType, vdtWeek, vdtSlot, attendStart, attendees, visits };
}

function poisson(mean: number, rng: SeededRandom): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Population values the samples estimate: the whole hidden population (RDS) and the venue-attending part (TLS). */
export interface HiddenTruth {
  readonly N: number;
  readonly below_min_wage: number;
  readonly live_in: number;
  readonly mean_wage: number;
  readonly nationality: Record<string, number>;
  readonly mean_degree: number;
  /** Recruitment homophily of the network on below_min_wage: share of ties inside the group over its expectation under random mixing. */
  readonly tie_homophily_below_min_wage: number;
  readonly venue_attenders: {
    readonly N: number;
    readonly below_min_wage: number;
    readonly live_in: number;
    readonly mean_wage: number;
    readonly mean_visits: number;
    /** What the unadjusted (no frequency-of-attendance) weights estimate: the visit-weighted share. */
    readonly below_min_wage_visit_weighted: number;
  };
}

/** The truth of a population. */
export function hiddenTruth(pop: HiddenPopulation): HiddenTruth {
  const { N } = pop;
  let below = 0;
  let live = 0;
  let wage = 0;
  let deg = 0;
  const nat = new Array<number>(NATIONALITIES.length).fill(0);
  let within = 0;
  let ties = 0;
  let degBelow = 0;
  let att = 0;
  let attBelow = 0;
  let attLive = 0;
  let attWage = 0;
  let visits = 0;
  let visitsBelow = 0;
  for (let j = 0; j < N; j++) {
    below += pop.belowMinWage[j]!;
    live += pop.liveIn[j]!;
    wage += pop.wage[j]!;
    deg += pop.degree[j]!;
    nat[pop.nationality[j]!]!++;
    if (pop.belowMinWage[j]) degBelow += pop.degree[j]!;
    for (let e = pop.adjStart[j]!; e < pop.adjStart[j + 1]!; e++) {
      ties++;
      if (pop.belowMinWage[pop.adj[e]!] === pop.belowMinWage[j]) within++;
    }
    if (pop.visits[j]! > 0) {
      att++;
      attBelow += pop.belowMinWage[j]!;
      attLive += pop.liveIn[j]!;
      attWage += pop.wage[j]!;
      visits += pop.visits[j]!;
      visitsBelow += pop.visits[j]! * pop.belowMinWage[j]!;
    }
  }
  const p = degBelow / deg;
  return {
    N,
    below_min_wage: below / N,
    live_in: live / N,
    mean_wage: wage / N,
    nationality: Object.fromEntries(NATIONALITIES.map(([code], k) => [code, nat[k]! / N])),
    mean_degree: deg / N,
    tie_homophily_below_min_wage: within / ties / (p * p + (1 - p) * (1 - p)),
    venue_attenders: {
      N: att, below_min_wage: attBelow / att, live_in: attLive / att, mean_wage: attWage / att, mean_visits: visits / att,
      below_min_wage_visit_weighted: visitsBelow / visits,
    },
  };
}
