/**
 * A time-location sample of the hidden population: the VDT (venue-day-time) frame of the four-week reference period,
 * stratified by venue type; a simple random sample of VDT units in each stratum; at each selected unit every eligible
 * attendee is counted (M) and up to `take` of them are intercepted at random and interviewed (m), reporting how many VDT
 * units of the frame they attend in the period (visits).
 */
import { type Table, tableFromArrays } from '../../src/io/table.js';
import { SeededRandom } from '../../src/survey/random.js';
import { type HiddenPopulation, NATIONALITIES, VENUE_TYPES } from './hidden-population.js';

/** VDT units selected per venue type (church, park, market, remittance) by default. */
export const TLS_UNITS = [12, 8, 10, 6] as const;

export interface TlsDrawOptions {
  /** VDT units selected per stratum (venue type); default TLS_UNITS. */
  readonly units?: readonly number[];
  /** Attendees intercepted per selected unit at most (default 10). */
  readonly take?: number;
}

/** A drawn TLS sample on typed arrays: one entry per interview. */
export interface TlsDraw {
  readonly n: number;
  readonly person: Int32Array;
  readonly vdt: Int32Array;
  /** Stratum (venue type index) of the unit. */
  readonly stratum: Int32Array;
  /** Selection probability of the unit, its stratum's frame size, eligible attendees counted (M) and interviewed (m). */
  readonly vdtProbability: Float64Array;
  readonly frameUnits: Float64Array;
  readonly attendance: Float64Array;
  readonly interviewed: Float64Array;
  /** Reported VDT units attended in the reference period (exact in this generator). */
  readonly visits: Float64Array;
  /** Selected units (also those where nobody was met). */
  readonly selected: Int32Array;
}

/** Draws a TLS sample (well under 1 ms). A person met at two selected units is interviewed twice, as the multiplicity estimator assumes. */
export function drawTlsSample(pop: HiddenPopulation, seed: number, options: TlsDrawOptions = {}): TlsDraw {
  const rng = new SeededRandom(seed);
  const units = options.units ?? TLS_UNITS;
  const take = options.take ?? 10;
  const byType: number[][] = VENUE_TYPES.map(() => []);
  for (let u = 0; u < pop.vdtType.length; u++) byType[pop.vdtType[u]!]!.push(u);
  const out = { person: [] as number[], vdt: [] as number[], stratum: [] as number[], prob: [] as number[], frame: [] as number[], M: [] as number[], m: [] as number[] };
  const selected: number[] = [];
  byType.forEach((frame, h) => {
    const k = Math.min(units[h] ?? 0, frame.length);
    const pool = [...frame];
    for (let s = 0; s < k; s++) {
      const j = s + rng.below(pool.length - s);
      [pool[s], pool[j]] = [pool[j]!, pool[s]!];
    }
    const chosen = pool.slice(0, k).sort((a, b) => a - b);
    for (const u of chosen) {
      selected.push(u);
      const att = Array.from(pop.attendees.subarray(pop.attendStart[u]!, pop.attendStart[u + 1]!));
      const M = att.length;
      const m = Math.min(take, M);
      for (let s = 0; s < m; s++) {
        const j = s + rng.below(M - s);
        [att[s], att[j]] = [att[j]!, att[s]!];
      }
      for (let s = 0; s < m; s++) {
        out.person.push(att[s]!);
        out.vdt.push(u);
        out.stratum.push(h);
        out.prob.push(k / frame.length);
        out.frame.push(frame.length);
        out.M.push(M);
        out.m.push(m);
      }
    }
  });
  const person = Int32Array.from(out.person);
  return {
    n: person.length, person, vdt: Int32Array.from(out.vdt), stratum: Int32Array.from(out.stratum),
    vdtProbability: Float64Array.from(out.prob), frameUnits: Float64Array.from(out.frame), attendance: Float64Array.from(out.M),
    interviewed: Float64Array.from(out.m), visits: Float64Array.from(person, (p) => pop.visits[p]!), selected: Int32Array.from(selected),
  };
}

const vdtId = (u: number): string => `V${String(u + 1).padStart(3, '0')}`;
const venueId = (v: number): string => `venue_${String(v + 1).padStart(2, '0')}`;

/** The interviews as the survey file. */
export function tlsSampleTable(pop: HiddenPopulation, d: TlsDraw): Table {
  return tableFromArrays({
    respondent_id: Array.from({ length: d.n }, (_, i) => `T${String(i + 1).padStart(4, '0')}`),
    venue_type: Array.from(d.stratum, (h) => VENUE_TYPES[h]!.type as string),
    venue: Array.from(d.vdt, (u) => venueId(pop.vdtVenue[u]!)),
    vdt: Array.from(d.vdt, vdtId),
    vdt_prob: d.vdtProbability,
    vdt_frame_units: d.frameUnits,
    attendance_count: d.attendance,
    interviewed: d.interviewed,
    visits: d.visits,
    nationality: Array.from(d.person, (p) => NATIONALITIES[pop.nationality[p]!]![0] as string),
    live_in: Float64Array.from(d.person, (p) => pop.liveIn[p]!),
    below_min_wage: Float64Array.from(d.person, (p) => pop.belowMinWage[p]!),
    monthly_wage: Float64Array.from(d.person, (p) => pop.wage[p]!),
  }, 'tls_sample.csv');
}

/** The VDT frame: every unit of the reference period, with its stratum, and whether the shipped sample selected it. */
export function tlsFrameTable(pop: HiddenPopulation, d: TlsDraw): Table {
  const n = pop.vdtVenue.length;
  const sel = new Set(d.selected);
  return tableFromArrays({
    vdt: Array.from({ length: n }, (_, u) => vdtId(u)),
    venue: Array.from(pop.vdtVenue, venueId),
    venue_type: Array.from(pop.vdtType, (h) => VENUE_TYPES[h]!.type as string),
    week: Float64Array.from(pop.vdtWeek, (w) => w + 1),
    slot: Array.from({ length: n }, (_, u) => VENUE_TYPES[pop.vdtType[u]!]!.slots[pop.vdtSlot[u]!]! as string),
    selected: Float64Array.from({ length: n }, (_, u) => (sel.has(u) ? 1 : 0)),
  }, 'tls_frame.csv');
}
