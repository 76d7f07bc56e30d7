/**
 * The Atlantis population: enumeration areas, households and persons (usual residents), with demography, migration
 * history, education, work abroad and household members living abroad. Labour market outcomes are in labour.ts.
 * Everything is drawn from one seed; the same seed and size give the same population on every platform.
 */
import {
  AGE_GROUPS, ATL, CORRIDORS, DESTINATIONS, EA_SIZE, IMMIGRANT_HEAD_BASE, MOS_ERROR_SD, NATIVE_EDUCATION, REFERENCE_YEAR, REGIONS,
  CROSS_BORDER, SEASONAL,
} from './country.js';
import { SeededRandom, between, chance, childSeed, normal, pick } from './draw.js';

/** Relation to the household head (codes of the person file). */
export const RELATION = { head: 1, spouse: 2, child: 3, parent: 4, relative: 5, other: 6 } as const;
/** Education codes: ISCED 2011 levels 1-8, and 10 for no schooling (ISCED X); the order of the corridors' mixes. */
export const EDUCATION_CODES = [10, 1, 2, 3, 4, 5, 6, 7, 8] as const;
export const NO_SCHOOLING = 10;
/** Missing marker of the small unsigned code arrays. */
export const NA = 255;

/** Every country code the population uses; person arrays hold indices into it (`ATL` is 0). */
export const COUNTRY_CODES: readonly string[] = [
  ...new Set([ATL, ...CORRIDORS.map((c) => c.iso3), ...CORRIDORS.map((c) => c.transit), ...DESTINATIONS.map(([c]) => c),
    ...CROSS_BORDER.countries.map(([c]) => c), ...SEASONAL.countries.map(([c]) => c)]),
];
const countryIndex = (iso3: string): number => COUNTRY_CODES.indexOf(iso3);
const CORRIDOR_COUNTRY = CORRIDORS.map((c) => countryIndex(c.iso3));
const TRANSIT_COUNTRY = CORRIDORS.map((c) => countryIndex(c.transit));
const DESTINATION_COUNTRY = DESTINATIONS.map(([c]) => countryIndex(c));
const DESTINATION_WEIGHT = DESTINATIONS.map(([, w]) => w);

export interface EnumerationAreas {
  readonly count: number;
  readonly stratum: Uint8Array;
  /** Measure of size: households counted at the last census (not the current count). */
  readonly mos: Int32Array;
  readonly firstHousehold: Int32Array;
  readonly households: Int32Array;
}

export interface Households {
  readonly count: number;
  readonly ea: Int32Array;
  readonly region: Uint8Array;
  /** 1 urban, 2 rural. */
  readonly urban: Uint8Array;
  /** (region - 1) * 2 + urban: 1..10. */
  readonly stratum: Uint8Array;
  readonly firstPerson: Int32Array;
  readonly size: Uint8Array;
  readonly immigrantHead: Uint8Array;
}

export interface Persons {
  readonly count: number;
  readonly household: Int32Array;
  readonly line: Uint8Array;
  readonly relation: Uint8Array;
  /** 1 male, 2 female. */
  readonly sex: Uint8Array;
  readonly age: Uint8Array;
  /** Country of birth and of citizenship: indices into COUNTRY_CODES. */
  readonly birth: Uint8Array;
  readonly citizenship: Uint8Array;
  /** Year of arrival (0 for the native-born), months lived in Atlantis at the first quarter (-1 native-born). */
  readonly arrivalYear: Uint16Array;
  readonly monthsInCountry: Int16Array;
  /** Total intended stay since arrival in months; 996 = indefinitely; -1 native-born. */
  readonly intendedStay: Int16Array;
  /** 1..6 as REASONS; 0 native-born. */
  readonly reason: Uint8Array;
  readonly previousResidence: Uint8Array;
  /** EDUCATION_CODES, NA under 15. */
  readonly education: Uint8Array;
  /** In education (latent): lowers participation. */
  readonly student: Uint8Array;
  /** Corridor index of the foreign-born (-1 native-born): their pay premium and occupations. */
  readonly corridor: Int8Array;
  /** Ever worked or sought work abroad: 1 yes, 2 no, 0 not asked (under 15). */
  readonly workedAbroad: Uint8Array;
  readonly lastCountryAbroad: Uint8Array;
  readonly yearsAbroad: Uint8Array;
  readonly yearOfReturn: Uint16Array;
}

/** Household members living abroad, as the household reports them. */
export interface AbsentMembers {
  readonly count: number;
  readonly household: Int32Array;
  readonly line: Uint8Array;
  readonly sex: Uint8Array;
  readonly age: Uint8Array;
  readonly citizenship: Uint8Array;
  readonly residence: Uint8Array;
  readonly yearsAbroad: Uint8Array;
  /** 1 work, 2 study, 3 family, 4 other. */
  readonly reason: Uint8Array;
  /** Working abroad: 1 yes, 2 no. */
  readonly working: Uint8Array;
}

export interface Population {
  readonly seed: number;
  readonly areas: EnumerationAreas;
  readonly households: Households;
  readonly persons: Persons;
  readonly absent: AbsentMembers;
}

type Codes = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array;

/** Growable typed columns: rows are appended, `finish` trims them. */
class Columns<T extends Record<string, Codes>> {
  count = 0;
  constructor(public cols: T) {}
  row(): number {
    const all = this.cols as Record<string, Codes>;
    const first = Object.values(all)[0]!;
    if (this.count === first.length) {
      for (const [k, old] of Object.entries(all)) {
        const grown = new (old.constructor as new (n: number) => Codes)(old.length * 2);
        grown.set(old);
        all[k] = grown;
      }
    }
    return this.count++;
  }
  finish(): T & { count: number } {
    const out: Record<string, Codes | number> = { count: this.count };
    for (const [k, v] of Object.entries(this.cols as Record<string, Codes>)) out[k] = v.slice(0, this.count);
    return out as T & { count: number };
  }
}

const personColumns = (n: number) => ({
  household: new Int32Array(n), line: new Uint8Array(n), relation: new Uint8Array(n), sex: new Uint8Array(n), age: new Uint8Array(n),
  birth: new Uint8Array(n), citizenship: new Uint8Array(n), arrivalYear: new Uint16Array(n), monthsInCountry: new Int16Array(n),
  intendedStay: new Int16Array(n), reason: new Uint8Array(n), previousResidence: new Uint8Array(n), education: new Uint8Array(n),
  student: new Uint8Array(n), corridor: new Int8Array(n), workedAbroad: new Uint8Array(n), lastCountryAbroad: new Uint8Array(n),
  yearsAbroad: new Uint8Array(n), yearOfReturn: new Uint16Array(n),
});
const absentColumns = (n: number) => ({
  household: new Int32Array(n), line: new Uint8Array(n), sex: new Uint8Array(n), age: new Uint8Array(n), citizenship: new Uint8Array(n),
  residence: new Uint8Array(n), yearsAbroad: new Uint8Array(n), reason: new Uint8Array(n), working: new Uint8Array(n),
});

/** Household sizes 1..7 of native households. */
const NATIVE_SIZE = [0.18, 0.25, 0.2, 0.18, 0.1, 0.06, 0.03];
/** Years since arrival of immigrant household heads: recent, settling, settled. */
function yearsSinceArrival(rng: SeededRandom): number {
  const k = pick(rng, [0.16, 0.44, 0.4]);
  return k === 0 ? rng.next() * 2 : k === 1 ? 2 + rng.next() * 8 : 10 + rng.next() * 30;
}

interface Member {
  relation: number;
  sex: number;
  age: number;
  foreign: boolean;
  /** Years since arrival of a foreign-born member. */
  since: number;
  reason: number;
}

/** Members of a household: head first. Immigrant households are families or workers sharing a dwelling. */
function householdMembers(rng: SeededRandom, immigrant: boolean, corridor: number): Member[] {
  const members: Member[] = [];
  const women = immigrant ? CORRIDORS[corridor]!.women : 0.3;
  const since = immigrant ? yearsSinceArrival(rng) : 0;
  const headReason = immigrant ? pick(rng, CORRIDORS[corridor]!.reasons) + 1 : 0;
  if (immigrant && chance(rng, 0.32)) {
    const n = pick(rng, [0.45, 0.25, 0.18, 0.12]) + 1;
    for (let k = 0; k < n; k++) {
      const s = k === 0 ? since : Math.max(0, since - rng.next() * 3);
      const reason = k === 0 ? headReason : pick(rng, [0.5, 0.3, 0.05, 0.05, 0.05, 0.05]) + 1;
      members.push({ relation: k === 0 ? RELATION.head : chance(rng, 0.4) ? RELATION.relative : RELATION.other, sex: chance(rng, women) ? 2 : 1, age: between(rng, 20, 50), foreign: true, since: s, reason });
    }
    return members;
  }
  const size = immigrant ? pick(rng, [0.1, 0.22, 0.24, 0.24, 0.12, 0.08]) + 1 : pick(rng, NATIVE_SIZE) + 1;
  const headAge = size === 1 ? between(rng, 20, 88) : Math.min(90, 22 + Math.floor(Math.abs(normal(rng)) * 22 + rng.next() * 6));
  const headSex = chance(rng, size === 1 ? 0.5 : immigrant ? women * 0.6 : 0.28) ? 2 : 1;
  members.push({ relation: RELATION.head, sex: headSex, age: headAge, foreign: immigrant, since, reason: headReason });
  let left = size - 1;
  if (left > 0 && chance(rng, 0.82)) {
    const age = Math.max(18, Math.min(95, headAge + Math.round(normal(rng) * 4) + (headSex === 1 ? -2 : 2)));
    const foreign = immigrant ? chance(rng, 0.82) : chance(rng, 0.04);
    const s = immigrant ? (chance(rng, 0.6) ? since : Math.max(0, since - rng.next() * 4)) : yearsSinceArrival(rng);
    members.push({ relation: RELATION.spouse, sex: 3 - headSex, age, foreign, since: s, reason: immigrant && s < since ? 3 : immigrant ? headReason : 3 });
    left--;
  }
  if (left > 0 && headAge > 70 && chance(rng, 0.3)) {
    members.push({ relation: RELATION.relative, sex: chance(rng, 0.5) ? 2 : 1, age: between(rng, 18, 60), foreign: immigrant && chance(rng, 0.7), since, reason: 3 });
    left--;
  }
  if (left > 0 && headAge < 70 && chance(rng, 0.07)) {
    members.push({ relation: RELATION.parent, sex: chance(rng, 0.6) ? 2 : 1, age: Math.min(99, headAge + between(rng, 20, 32)), foreign: immigrant, since: Math.max(0, since - rng.next() * 5), reason: 3 });
    left--;
  }
  for (; left > 0; left--) {
    const age = Math.max(0, Math.min(headAge - 17, between(rng, 0, 26)));
    // children born before the family arrived are foreign-born; younger ones were born in Atlantis
    const foreign = immigrant && age > since;
    members.push({ relation: RELATION.child, sex: chance(rng, 0.49) ? 2 : 1, age: Math.max(0, age), foreign, since: foreign ? since : 0, reason: 3 });
  }
  return members;
}

/** Education of a person aged 15+ (an index into EDUCATION_CODES): younger people are still in school, older ones had less. */
function education(rng: SeededRandom, mix: readonly number[], age: number): number {
  let k = pick(rng, mix);
  if (age >= 60 && k > 3 && chance(rng, 0.35)) k = between(rng, 1, 3);
  if (age < 18) k = Math.min(k, 2);
  else if (age < 21) k = Math.min(k, 4);
  else if (age < 23) k = Math.min(k, 6);
  return k;
}

/** Generates the population of usual residents in households: `persons` is the target size (met to within one area per stratum). */
export function generatePopulation(options: { persons: number; seed: number }): Population {
  const { persons: target, seed } = options;
  const rng = new SeededRandom(childSeed(seed, 1));
  const cap = Math.ceil(target * 1.05) + 25_000;
  const capAreas = Math.ceil(cap / 50);
  const capHouseholds = Math.ceil(cap / 2);
  const areas = new Columns({ stratum: new Uint8Array(capAreas), mos: new Int32Array(capAreas), firstHousehold: new Int32Array(capAreas), households: new Int32Array(capAreas) });
  const hhs = new Columns({
    ea: new Int32Array(capHouseholds), region: new Uint8Array(capHouseholds), urban: new Uint8Array(capHouseholds), stratum: new Uint8Array(capHouseholds),
    firstPerson: new Int32Array(capHouseholds), size: new Uint8Array(capHouseholds), immigrantHead: new Uint8Array(capHouseholds),
  });
  const ps = new Columns(personColumns(cap));
  const ab = new Columns(absentColumns(Math.ceil(cap / 10)));
  const corridorWeights = CORRIDORS.map((c) => c.weight);

  for (const region of REGIONS) {
    for (const urban of [1, 2]) {
      const quota = target * region.share * (urban === 1 ? region.urban : 1 - region.urban);
      const stratum = (region.code - 1) * 2 + urban;
      const immigrantShare = Math.min(0.6, IMMIGRANT_HEAD_BASE * region.immigrant * (urban === 1 ? 1.12 : 0.7));
      const [lo, hi] = urban === 1 ? EA_SIZE.urban : EA_SIZE.rural;
      const startPersons = ps.count;
      while (ps.count - startPersons < quota) {
        const e = areas.row();
        const size = between(rng, lo, hi);
        areas.cols.stratum[e] = stratum;
        areas.cols.households[e] = size;
        areas.cols.firstHousehold[e] = hhs.count;
        areas.cols.mos[e] = Math.max(20, Math.round(size * Math.exp(normal(rng) * MOS_ERROR_SD)));
        // immigrants cluster: the area's own immigrant share varies around the stratum's
        const areaShare = Math.min(0.9, immigrantShare * Math.exp(normal(rng) * 0.6 - 0.18));
        for (let k = 0; k < size; k++) {
          const h = hhs.row();
          const immigrant = chance(rng, areaShare);
          const corridor = immigrant ? pick(rng, corridorWeights) : -1;
          const members = householdMembers(rng, immigrant, corridor);
          const H = hhs.cols;
          H.ea[h] = e;
          H.region[h] = region.code;
          H.urban[h] = urban;
          H.stratum[h] = stratum;
          H.firstPerson[h] = ps.count;
          H.size[h] = members.length;
          H.immigrantHead[h] = immigrant ? 1 : 0;
          const foreignParent = members.some((m) => m.relation <= RELATION.spouse && m.foreign);
          members.forEach((m, line) => addPerson(rng, ps, h, line + 1, m, corridor, foreignParent));
          addAbsentMembers(rng, ab, h, immigrant, corridor, urban);
        }
      }
    }
  }
  return { seed, areas: areas.finish(), households: hhs.finish(), persons: ps.finish(), absent: ab.finish() };
}

function addPerson(rng: SeededRandom, ps: Columns<ReturnType<typeof personColumns>>, h: number, line: number, m: Member, corridor: number, foreignParent: boolean): void {
  const i = ps.row();
  const P = ps.cols;
  P.household[i] = h;
  P.line[i] = line;
  P.relation[i] = m.relation;
  P.sex[i] = m.sex;
  P.age[i] = m.age;
  const c = m.foreign ? corridor : -1;
  P.corridor[i] = c;
  if (c >= 0) {
    const since = Math.min(m.since, m.age);
    const months = Math.floor(since * 12);
    P.birth[i] = CORRIDOR_COUNTRY[c]!;
    // naturalisation grows with years of residence after eight years
    P.citizenship[i] = chance(rng, Math.min(0.75, Math.max(0, (since - 8) * 0.05))) ? 0 : CORRIDOR_COUNTRY[c]!;
    P.arrivalYear[i] = Math.floor(REFERENCE_YEAR + 0.1 - since);
    P.monthsInCountry[i] = months;
    // usual residents: a stay of 12 months or more so far, or intended
    const indefinite = chance(rng, months >= 12 ? 0.62 : 0.35);
    P.intendedStay[i] = indefinite ? 996 : Math.max(12, months + between(rng, 6, 120));
    P.reason[i] = m.reason;
    P.previousResidence[i] = chance(rng, 0.88) ? CORRIDOR_COUNTRY[c]! : TRANSIT_COUNTRY[c]!;
  } else {
    P.birth[i] = 0;
    // children born in Atlantis to immigrant parents often keep the parents' citizenship (no birthright citizenship)
    P.citizenship[i] = foreignParent && m.relation === RELATION.child && corridor >= 0 && chance(rng, 0.6) ? CORRIDOR_COUNTRY[corridor]! : 0;
    P.arrivalYear[i] = 0;
    P.monthsInCountry[i] = -1;
    P.intendedStay[i] = -1;
    P.reason[i] = 0;
    P.previousResidence[i] = NA;
  }
  P.lastCountryAbroad[i] = NA;
  P.yearsAbroad[i] = NA;
  P.yearOfReturn[i] = 0;
  if (m.age < 15) {
    P.education[i] = NA;
    P.student[i] = m.age >= 5 ? 1 : 0;
    P.workedAbroad[i] = 0;
    return;
  }
  P.education[i] = EDUCATION_CODES[education(rng, c >= 0 ? CORRIDORS[c]!.education : NATIVE_EDUCATION, m.age)]!;
  const studying = m.age < 18 ? 0.9 : m.age < 25 ? (m.reason === 4 ? 0.8 : 0.42) : m.reason === 4 && m.age < 35 ? 0.5 : 0.02;
  P.student[i] = chance(rng, studying) ? 1 : 0;
  // return migrant workers: Atlanteans back from work abroad; immigrants who worked in a transit country first
  const abroad = m.age < 22 ? 0 : c >= 0 ? 0.04 : (m.sex === 1 ? 0.07 : 0.04) * (m.age < 30 ? 0.5 : 1);
  if (chance(rng, abroad)) {
    const years = 1 + Math.min(m.age - 21, Math.floor(rng.next() * rng.next() * 15));
    P.workedAbroad[i] = 1;
    P.lastCountryAbroad[i] = c >= 0 ? TRANSIT_COUNTRY[c]! : DESTINATION_COUNTRY[pick(rng, DESTINATION_WEIGHT)]!;
    P.yearsAbroad[i] = years;
    P.yearOfReturn[i] = c >= 0 ? P.arrivalYear[i]! : REFERENCE_YEAR - Math.min(m.age - 20 - years + 1, Math.floor(rng.next() * 20));
  } else P.workedAbroad[i] = 2;
}

/** Members living abroad: Atlantean households report emigrants (nationals abroad); immigrant households family left at origin. */
function addAbsentMembers(rng: SeededRandom, ab: Columns<ReturnType<typeof absentColumns>>, h: number, immigrant: boolean, corridor: number, urban: number): void {
  if (!chance(rng, immigrant ? 0.15 : urban === 1 ? 0.1 : 0.14)) return;
  const n = pick(rng, [0.7, 0.22, 0.08]) + 1;
  for (let k = 0; k < n; k++) {
    const j = ab.row();
    const A = ab.cols;
    A.household[j] = h;
    A.line[j] = 51 + k;
    A.sex[j] = chance(rng, 0.55) ? 1 : 2;
    A.age[j] = between(rng, 16, 58);
    const reason = immigrant ? pick(rng, [0.3, 0.1, 0.55, 0.05]) + 1 : pick(rng, [0.65, 0.12, 0.18, 0.05]) + 1;
    A.reason[j] = reason;
    A.citizenship[j] = immigrant ? CORRIDOR_COUNTRY[corridor]! : 0;
    A.residence[j] = immigrant ? CORRIDOR_COUNTRY[corridor]! : DESTINATION_COUNTRY[pick(rng, DESTINATION_WEIGHT)]!;
    A.yearsAbroad[j] = Math.min(A.age[j]! - 15, Math.floor(rng.next() * rng.next() * 16));
    A.working[j] = chance(rng, [0.95, 0.3, 0.5, 0.4][reason - 1]!) ? 1 : 2;
  }
}

/** Calibration age group (index into AGE_GROUPS) of an age. */
export function ageGroup(age: number): number {
  let g = 0;
  while (g + 1 < AGE_GROUPS.length && age >= AGE_GROUPS[g + 1]!) g++;
  return g;
}
