/**
 * The population of foreign workers in Atlantis over 2019-2024 (datasets/atlantis-permits): who they are, when they
 * stay, and their true legal timeline of work permit spells (type, employer, application, labour market test,
 * renewal timing, cancellation), plus the refused applicants who never came. Parameters: permits-country.ts. One
 * stream (PERMITS_STREAMS.population) draws everything here; which of it a register records is drawn later
 * (permits-registers.ts).
 */
import { between, chance, childSeed, normal, pick, SeededRandom } from './draw.js';
import {
  AGE_AT_ENTRY, APPLICATION_LEAD, ARRIVALS_BY_YEAR, CANCEL_ON_DEPARTURE, EMPLOYER_CHANGE, EMPLOYERS_PER_SECTION, LMT, MEAN_STAY_YEARS,
  NATIONALITIES, OCCUPATIONS, PERIOD, PERMIT_TYPES, PERMITS_DEFAULT_PERSONS, PERMITS_DEFAULT_SEED, PERMITS_STREAMS, type PermitType,
  REFERENCE_DATES, REGION_SHARES, RENEWAL_ON_REFERENCE_DATE, RENEWAL_TIMING, SEASONAL, STOCK_AT_START, STOCK_MAX_YEARS, TYPE_MIX, ZERO_CHANCE, day,
} from './permits-country.js';
import { NAMES } from './permits-names.js';

/** A day far beyond the extraction date: the departure of a person who has not left. */
export const NEVER = day('2099-12-31');

/** A stay in Atlantis: first and last day present (last = NEVER when still there). */
export interface Stay {
  readonly entry: number;
  readonly exit: number;
}

/** Labour market test outcome: passed, exempt, failed. */
export type LmtOutcome = 'passed' | 'exempt' | 'failed';

/** One true work permit spell (granted), or a refused application (start = -1). */
export interface Spell {
  readonly type: PermitType;
  readonly application: number;
  readonly decision: number;
  readonly granted: boolean;
  readonly start: number;
  /** The end date the permit was issued with. */
  readonly end: number;
  /** Cancellation date, or -1. */
  readonly cancel: number;
  /** Index in the person's spells of the permit this one renews, or -1. */
  readonly renews: number;
  readonly employer: number;
  readonly lmt: LmtOutcome;
  readonly vacancy: string;
}

export interface Person {
  /** P000001...; refused applicants who never came: A000001... */
  readonly key: string;
  readonly given: string;
  readonly family: string;
  readonly birth: number;
  readonly sex: 'M' | 'F';
  /** Index in NATIONALITIES. */
  readonly nat: number;
  readonly occupation: string;
  readonly sector: string;
  readonly passport: string;
  readonly foreignerId: string;
  readonly seasonal: boolean;
  /** Never recorded in any list. */
  readonly zeroChance: boolean;
  /** Stays in order (one, or one per season); empty for refused applicants. */
  readonly stays: readonly Stay[];
  /** Work permit spells and applications in order of application; only those that matter for 2019-2024 (valid or applied in the period). */
  readonly spells: readonly Spell[];
}

export interface Employer {
  readonly id: string;
  readonly sector: string;
  readonly region: number;
  readonly size: number;
}

export interface PermitsPopulation {
  readonly seed: number;
  readonly persons: readonly Person[];
  /** Refused applicants who never came (recorded in the work permit list only, always). */
  readonly applicants: readonly Person[];
  readonly employers: readonly Employer[];
}

const YEAR = 365.25;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoYear(d: number): number {
  return new Date(d * 86_400_000).getUTCFullYear();
}

/** The skill profile of an occupation's major group (TYPE_MIX). */
function skillOf(isco: string): 'high' | 'mid' | 'low' {
  const major = Number(isco[0]);
  return major <= 2 ? 'high' : major <= 5 ? 'mid' : 'low';
}

/** Whether the labour market test applies to a first application of this type and occupation. */
export function lmtRequired(type: PermitType, isco: string): boolean {
  const occ = OCCUPATIONS.find((o) => o.isco === isco)!;
  return (type === 'ES' || type === 'SE') && !occ.shortage;
}

class Builder {
  private vacancies = 0;
  readonly employersBySector = new Map<string, { ids: number[]; sizes: number[] }>();
  readonly employers: Employer[] = [];

  constructor(readonly rng: SeededRandom) {
    for (const [section, n] of Object.entries(EMPLOYERS_PER_SECTION)) {
      const group = { ids: [] as number[], sizes: [] as number[] };
      for (let i = 0; i < n; i++) {
        const size = Math.exp(normal(rng));
        group.ids.push(this.employers.length);
        group.sizes.push(size);
        this.employers.push({ id: `E${pad(this.employers.length + 1, 5)}`, sector: section, region: 1 + pick(rng, REGION_SHARES), size });
      }
      this.employersBySector.set(section, group);
    }
  }

  employerIn(sector: string): number {
    const g = this.employersBySector.get(sector)!;
    return g.ids[pick(this.rng, g.sizes)]!;
  }

  vacancy(application: number): string {
    this.vacancies += 1;
    return `V${isoYear(application)}-${pad(this.vacancies, 6)}`;
  }

  /** Test outcome and vacancy id of a granted application. */
  granted(type: PermitType, isco: string, application: number, renewal: boolean): { lmt: LmtOutcome; vacancy: string } {
    if (renewal || !lmtRequired(type, isco)) return { lmt: 'exempt', vacancy: '' };
    return { lmt: 'passed', vacancy: chance(this.rng, LMT.vacancyId) ? this.vacancy(application) : '' };
  }

  /** A refused application on `application` (test failed with chance LMT.refusedFailed when required). */
  refused(type: PermitType, isco: string, application: number, employer: number): Spell {
    const rng = this.rng;
    const required = lmtRequired(type, isco);
    const lmt: LmtOutcome = !required ? 'exempt' : chance(rng, LMT.refusedFailed) ? 'failed' : 'passed';
    const vacancy = lmt === 'passed' && chance(rng, LMT.vacancyId) ? this.vacancy(application) : '';
    return { type, application, decision: application + between(rng, 5, 60), granted: false, start: -1, end: -1, cancel: -1, renews: -1, employer, lmt, vacancy };
  }
}

/** Applications and decisions of a first permit starting on `start`: lead 20-120 days, decision 5 days after the application at the earliest, at the start at the latest. */
function firstApplication(rng: SeededRandom, start: number): { application: number; decision: number } {
  const lead = between(rng, APPLICATION_LEAD.first[0], APPLICATION_LEAD.first[1]);
  return { application: start - lead, decision: start - lead + between(rng, 5, lead) };
}

/** The spells of a non-seasonal stay. */
function chain(b: Builder, stay: Stay, type: PermitType, isco: string, sector: string): Spell[] {
  const rng = b.rng;
  const spells: Spell[] = [];
  const lengths = PERMIT_TYPES[type];
  let employer = b.employerIn(sector);
  let start = stay.entry;
  let { application, decision } = firstApplication(rng, start);
  let renews = -1;
  for (let k = 0; ; k++) {
    let end = start + (k === 0 ? lengths.first : lengths.later) - 1;
    const renewing = stay.exit > end && end < PERIOD.end;
    let next = end + 1;
    if (renewing) {
      const t = pick(rng, [RENEWAL_TIMING.seamless, RENEWAL_TIMING.early, RENEWAL_TIMING.sameDay, RENEWAL_TIMING.late]);
      next = t === 0 ? end + 1 : t === 1 ? end + 1 - between(rng, 1, 60) : t === 2 ? end : end + 1 + between(rng, 1, 90);
      for (const ref of REFERENCE_DATES) {
        const r = day(ref);
        if (Math.abs(end - r) <= 45 && r > start + 30 && chance(rng, RENEWAL_ON_REFERENCE_DATE)) {
          end = r;
          next = r;
        }
      }
    }
    let cancel = -1;
    if (!renewing && stay.exit < end && chance(rng, CANCEL_ON_DEPARTURE)) {
      const c = stay.exit + between(rng, 0, 60);
      if (c <= end) cancel = c;
    }
    const test = b.granted(type, isco, application, renews !== -1);
    spells.push({ type, application, decision, granted: true, start, end, cancel, renews, employer, lmt: test.lmt, vacancy: test.vacancy });
    if (!renewing || next > PERIOD.end) break;
    renews = spells.length - 1;
    const lead = between(rng, APPLICATION_LEAD.renewal[0], APPLICATION_LEAD.renewal[1]);
    application = Math.min(end, next) - lead;
    decision = application + between(rng, 5, lead);
    if (chance(rng, EMPLOYER_CHANGE)) employer = b.employerIn(sector);
    start = next;
  }
  return spells;
}

/** Draws the population (its own stream, PERMITS_STREAMS.population). */
export function generatePermitsPopulation(options: { seed?: number; persons?: number } = {}): PermitsPopulation {
  const seed = options.seed ?? PERMITS_DEFAULT_SEED;
  const n = options.persons ?? PERMITS_DEFAULT_PERSONS;
  const rng = new SeededRandom(childSeed(seed, PERMITS_STREAMS.population));
  const b = new Builder(rng);
  const natWeights = NATIONALITIES.map((x) => x.weight);
  const yearWeights = [...ARRIVALS_BY_YEAR];
  const firstYear = isoYear(PERIOD.start);
  const persons: Person[] = [];
  const applicants: Person[] = [];
  let foreigner = 0;
  const identity = (key: string, nat: number, entry: number, isco?: string) => {
    const nt = NATIONALITIES[nat]!;
    const sex: 'M' | 'F' = chance(rng, nt.women) ? 'F' : 'M';
    const names = NAMES[nt.iso3]!;
    const givenList = sex === 'F' ? names.female : names.male;
    const given = givenList[rng.below(givenList.length)]!;
    const family = names.family[rng.below(names.family.length)]!;
    const age = between(rng, AGE_AT_ENTRY[0], AGE_AT_ENTRY[1]);
    const birth = entry - Math.floor(age * YEAR) - rng.below(365);
    const skill = nt.skill === 'high' ? 0 : nt.skill === 'mid' ? 1 : 2;
    const occ = isco ?? OCCUPATIONS[pick(rng, OCCUPATIONS.map((o) => o.weight[skill]))]!.isco;
    const sectors = OCCUPATIONS.find((o) => o.isco === occ)!.sectors;
    const sector = Object.keys(sectors)[pick(rng, Object.values(sectors))]!;
    const passport = `${String.fromCharCode(65 + rng.below(26))}${pad(rng.below(10_000_000), 7)}`;
    foreigner += 1;
    const foreignerId = `F${pad(foreigner * 7919 % 100_000_000, 8)}`;
    return { key, given, family, birth, sex, nat, occupation: occ, sector, passport, foreignerId };
  };
  for (let i = 0; i < n; i++) {
    const nat = pick(rng, natWeights);
    const stock = chance(rng, STOCK_AT_START);
    const entry = stock
      ? PERIOD.start - 1 - Math.floor(rng.next() * STOCK_MAX_YEARS * YEAR)
      : day(`${firstYear + pick(rng, yearWeights)}-01-01`) + rng.below(365);
    const id = identity(`P${pad(i + 1, 6)}`, nat, entry);
    const zeroChance = chance(rng, ZERO_CHANCE);
    const seasonal = !stock && (SEASONAL.occupations as readonly string[]).includes(id.occupation) && chance(rng, SEASONAL.share);
    const stays: Stay[] = [];
    let spells: Spell[] = [];
    if (seasonal) {
      const employer = b.employerIn(id.sector);
      for (let year = isoYear(entry); year <= isoYear(PERIOD.end); year++) {
        const start = day(`${year}-${SEASONAL.startFrom}`) + rng.below(SEASONAL.startSpread + 1);
        const end = start + between(rng, SEASONAL.length[0], SEASONAL.length[1]) - 1;
        stays.push({ entry: start, exit: end });
        const { application, decision } = firstApplication(rng, start);
        const test = b.granted('SE', id.occupation, application, false);
        spells.push({ type: 'SE', application, decision, granted: true, start, end, cancel: -1, renews: -1, employer, lmt: test.lmt, vacancy: test.vacancy });
        if (!chance(rng, SEASONAL.returns)) break;
      }
    } else {
      const stayYears = -Math.log(1 - rng.next()) * MEAN_STAY_YEARS;
      const exitRaw = (stock ? PERIOD.start : entry) + Math.floor(stayYears * YEAR);
      const exit = exitRaw > PERIOD.end ? NEVER : exitRaw;
      stays.push({ entry, exit });
      const mix = TYPE_MIX[skillOf(id.occupation)];
      const type = (['ES', 'GE', 'HS'] as const)[pick(rng, [...mix])]!;
      spells = chain(b, stays[0]!, type, id.occupation, id.sector);
    }
    // a refused application before the first permit (retry), when it falls in the period
    if (chance(rng, LMT.retryAfterRefusal)) {
      const first = spells[0]!;
      const application = first.application - between(rng, 60, 240);
      spells.unshift(b.refused(first.type, id.occupation, application, first.employer));
      spells = spells.map((s, k) => (k > 0 && s.renews >= 0 ? { ...s, renews: s.renews + 1 } : s));
    }
    // keep what matters for the period: spells valid on some day of it, applications in it
    const kept: Spell[] = [];
    const index = new Map<number, number>();
    spells.forEach((s, k) => {
      const inPeriod = s.granted ? s.end >= PERIOD.start && s.start <= PERIOD.end : s.application >= PERIOD.start && s.application <= PERIOD.end;
      if (!inPeriod) return;
      index.set(k, kept.length);
      kept.push({ ...s, renews: s.renews >= 0 ? (index.get(s.renews) ?? -1) : -1 });
    });
    persons.push({ ...id, seasonal, zeroChance, stays, spells: kept });
  }
  // refused applicants who never came: LMT.refusedApplicants per granted first permit applied for in the period
  let firsts = 0;
  for (const p of persons) for (const s of p.spells) if (s.granted && s.renews < 0 && s.application >= PERIOD.start) firsts += 1;
  const m = Math.round(firsts * LMT.refusedApplicants);
  for (let i = 0; i < m; i++) {
    const nat = pick(rng, natWeights);
    const application = PERIOD.start + rng.below(PERIOD.end - PERIOD.start - 60);
    let id = identity(`A${pad(i + 1, 6)}`, nat, application + 60);
    // shortage occupations are refused less: their applicants are thinned to LMT.refusedShortage of the others
    while (OCCUPATIONS.find((o) => o.isco === id.occupation)!.shortage && !chance(rng, LMT.refusedShortage)) id = identity(`A${pad(i + 1, 6)}`, nat, application + 60);
    const seasonal = (SEASONAL.occupations as readonly string[]).includes(id.occupation) && chance(rng, SEASONAL.share);
    const type: PermitType = seasonal ? 'SE' : (['ES', 'GE', 'HS'] as const)[pick(rng, [...TYPE_MIX[skillOf(id.occupation)]])]!;
    const spell = b.refused(type, id.occupation, application, b.employerIn(id.sector));
    applicants.push({ ...id, seasonal, zeroChance: false, stays: [], spells: [spell] });
  }
  return { seed, persons, applicants, employers: b.employers };
}

/** Whether a person is present on day d. */
export function presentOn(p: Person, d: number): boolean {
  for (const s of p.stays) if (s.entry <= d && d <= s.exit) return true;
  return false;
}

/** Last day of validity of a granted spell: min(end, cancellation - 1). */
export function lastValid(s: { end: number; cancel: number }): number {
  return s.cancel >= 0 ? Math.min(s.end, s.cancel - 1) : s.end;
}
