/**
 * The three registers of foreign workers in Atlantis drawn from the population (permits-population.ts): who each
 * list captures (the capture model of permits-country.ts CAPTURE, stream PERMITS_STREAMS.capture) and the rows each
 * list records with their defects (DEFECTS; stream PERMITS_STREAMS.registers): work permits (every application,
 * granted or refused), residence permits, social security registrations, and the truth links of every row.
 */
import { isoDate as isoDateOf } from '../../src/io/write-table.js';
import { between, chance, childSeed, logistic, normal, pick, SeededRandom } from './draw.js';
import { CAPTURE, DEFECTS, type ListCode, NATIONALITIES, PERIOD, RESIDENCE_TYPES, PERMITS_STREAMS } from './permits-country.js';
import { DIACRITICS, transliterate, typo } from './permits-names.js';
import { NEVER, type Person, type PermitsPopulation } from './permits-population.js';

/** Capture parameters (defaults: CAPTURE, the shipped draw). */
export interface CaptureParams {
  readonly wp: number;
  readonly rp: number;
  readonly ss: number;
  readonly women: readonly [number, number, number] | readonly number[];
  readonly wpOnSs: number;
  /** Standard deviation of a person-level normal frailty added to all three log-odds (0: homogeneous within strata). */
  readonly heterogeneity: number;
}

export interface DrawOptions {
  /** Capture parameters replacing CAPTURE's. */
  readonly capture?: Partial<CaptureParams>;
  /** The lists to draw (default all three); a list left out has no rows and captures nobody. */
  readonly lists?: readonly ListCode[];
}

/** Capture history bits: 1 work permits, 2 residence permits, 4 social security. */
export const IN_WP = 1;
export const IN_RP = 2;
export const IN_SS = 4;

/** The capture probabilities of a person: [work permits, residence permits, social security given the work permit status]. */
export function captureProbabilities(p: Person, inWp: boolean, params: CaptureParams = CAPTURE, frailty = 0): [number, number, number] {
  if (p.zeroChance) return [0, 0, 0];
  const nat = NATIONALITIES[p.nat]!.capture;
  const f = p.sex === 'F' ? 1 : 0;
  return [
    logistic(params.wp + nat[0] + f * params.women[0]! + frailty),
    logistic(params.rp + nat[1] + f * params.women[1]! + frailty),
    logistic(params.ss + nat[2] + f * params.women[2]! + (inWp ? params.wpOnSs : 0) + frailty),
  ];
}

/** Who each list captures (bits IN_WP, IN_RP, IN_SS per person), on stream PERMITS_STREAMS.capture of `seed`: three uniforms per person (and a normal when heterogeneous). */
export function drawCapture(pop: PermitsPopulation, seed: number, options: DrawOptions = {}): Uint8Array {
  const params: CaptureParams = { ...CAPTURE, ...options.capture };
  const lists = new Set(options.lists ?? ['wp', 'rp', 'ss']);
  const rng = new SeededRandom(childSeed(seed, PERMITS_STREAMS.capture));
  const out = new Uint8Array(pop.persons.length);
  pop.persons.forEach((p, i) => {
    const frailty = params.heterogeneity > 0 ? params.heterogeneity * normal(rng) : 0;
    const u = [rng.next(), rng.next(), rng.next()];
    const wp = lists.has('wp') && u[0]! < captureProbabilities(p, false, params, frailty)[0];
    const pr = captureProbabilities(p, wp, params, frailty);
    out[i] = (wp ? IN_WP : 0) | (lists.has('rp') && u[1]! < pr[1] ? IN_RP : 0) | (lists.has('ss') && u[2]! < pr[2] ? IN_SS : 0);
  });
  return out;
}

/** A row of work_permits.csv (dates ISO 8601, '' when missing). */
export interface WorkPermitRow {
  permit_id: string;
  person_id: string;
  family_name: string;
  given_name: string;
  birth_date: string;
  sex: string;
  nationality: string;
  passport_no: string;
  permit_type: string;
  application_date: string;
  decision: string;
  decision_date: string;
  issue_date: string;
  start_date: string;
  end_date: string;
  previous_permit_id: string;
  cancellation_date: string;
  occupation: string;
  sector: string;
  employer_id: string;
  region: number | '';
  lmt_outcome: string;
  vacancy_id: string;
}

/** A row of residence_permits.csv. */
export interface ResidencePermitRow {
  permit_id: string;
  person_id: string;
  family_name: string;
  given_name: string;
  birth_date: string;
  sex: string;
  nationality: string;
  passport_no: string;
  foreigner_id: string;
  permit_type: string;
  start_date: string;
  end_date: string;
  region: number;
}

/** A row of social_security.csv. */
export interface SocialSecurityRow {
  registration_id: string;
  insured_id: string;
  family_name: string;
  given_name: string;
  birth_date: string;
  sex: string;
  nationality: string;
  foreigner_id: string;
  employer_id: string;
  sector: string;
  start_date: string;
  end_date: string;
}

/** A row of truth_links.csv: which true person a register row belongs to, and its defects. */
export interface LinkRow {
  register: ListCode;
  row_id: string;
  register_person_id: string;
  person_key: string;
  /** 1 when the row carries the person's second register id (a duplicate registration). */
  duplicate_id: 0 | 1;
  /** '' or a data error: end_before_start (the recorded end date precedes the start), duplicate_spell (a second registration of a spell). */
  error: string;
  /** The true end date of an end_before_start row, else ''. */
  true_end_date: string;
}

export const WORK_PERMIT_COLUMNS: readonly (keyof WorkPermitRow)[] = [
  'permit_id', 'person_id', 'family_name', 'given_name', 'birth_date', 'sex', 'nationality', 'passport_no', 'permit_type', 'application_date', 'decision',
  'decision_date', 'issue_date', 'start_date', 'end_date', 'previous_permit_id', 'cancellation_date', 'occupation', 'sector', 'employer_id', 'region',
  'lmt_outcome', 'vacancy_id',
];
export const RESIDENCE_PERMIT_COLUMNS: readonly (keyof ResidencePermitRow)[] = [
  'permit_id', 'person_id', 'family_name', 'given_name', 'birth_date', 'sex', 'nationality', 'passport_no', 'foreigner_id', 'permit_type', 'start_date', 'end_date', 'region',
];
export const SOCIAL_SECURITY_COLUMNS: readonly (keyof SocialSecurityRow)[] = [
  'registration_id', 'insured_id', 'family_name', 'given_name', 'birth_date', 'sex', 'nationality', 'foreigner_id', 'employer_id', 'sector', 'start_date', 'end_date',
];
export const LINK_COLUMNS: readonly (keyof LinkRow)[] = ['register', 'row_id', 'register_person_id', 'person_key', 'duplicate_id', 'error', 'true_end_date'];

/** One draw of the registers: the capture bits per person, the rows of the three lists and their truth links (wp rows, then rp, then ss). */
export interface PermitsDraw {
  readonly capture: Uint8Array;
  readonly workPermits: WorkPermitRow[];
  readonly residencePermits: ResidencePermitRow[];
  readonly socialSecurity: SocialSecurityRow[];
  readonly links: LinkRow[];
  /** The true spells behind the rows of each list, in row order: person index (applicants after the persons), start and end (NEVER when open; -1 for a refused application), and whether the row is a duplicate registration of a spell. */
  readonly spells: Readonly<Record<ListCode, readonly TrueSpell[]>>;
}

export interface TrueSpell {
  readonly who: number;
  readonly start: number;
  readonly end: number;
  readonly duplicate: boolean;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const isoCache = new Map<number, string>();
/** ISO text of a day (cached: the registers repeat a few thousand days). */
function isoDate(d: number): string {
  let text = isoCache.get(d);
  if (text === undefined) {
    text = isoDateOf(d);
    isoCache.set(d, text);
  }
  return text;
}

const iso = (d: number): string => (d < 0 || d >= NEVER ? '' : isoDate(d));

/** A row before ids and defects: its person (index; applicants after the persons), sort key and what it records. */
interface Raw<T> {
  readonly who: number;
  readonly person: Person;
  readonly sortKey: number;
  readonly seq: number;
  readonly data: T;
}

/** Assigns register person ids in row order (first appearance), splitting the rows of some persons under a second id. */
function personIds<T>(rng: SeededRandom, rows: readonly Raw<T>[], rate: number, prefix: string, forceSecond?: (r: Raw<T>) => boolean): { ids: string[]; second: boolean[] } {
  const rowsOf = new Map<number, number[]>();
  rows.forEach((r, i) => {
    const list = rowsOf.get(r.who);
    if (list) list.push(i);
    else rowsOf.set(r.who, [i]);
  });
  const second = new Array<boolean>(rows.length).fill(false);
  // persons in order of their first row; a split applies from a random row (not the first) on
  for (const list of rowsOf.values()) {
    if (list.length >= 2 && chance(rng, rate)) {
      const from = 1 + rng.below(list.length - 1);
      for (let j = from; j < list.length; j++) second[list[j]!] = true;
    }
  }
  if (forceSecond) rows.forEach((r, i) => (second[i] = second[i]! || forceSecond(r)));
  const idOf = new Map<number, string>();
  const ids = rows.map((r, i) => {
    const slot = r.who * 2 + (second[i] ? 1 : 0);
    let id = idOf.get(slot);
    if (id === undefined) {
      id = `${prefix}${pad(idOf.size + 1, 6)}`;
      idOf.set(slot, id);
    }
    return id;
  });
  return { ids, second };
}

/** Names as a list records them, with the list's defects (upper case in the work permit and social security lists). */
function recordedNames(rng: SeededRandom, p: Person, list: ListCode): { given: string; family: string } {
  let given = p.given;
  let family = p.family;
  if (list === 'rp' && chance(rng, DEFECTS.diacritics)) {
    given = given.split(' ').map((x) => DIACRITICS[x] ?? x).join(' ');
    family = family.split(' ').map((x) => DIACRITICS[x] ?? x).join(' ');
  }
  if (chance(rng, DEFECTS.transliteration[list])) {
    if (chance(rng, 0.5)) given = transliterate(rng, given);
    else family = transliterate(rng, family);
  }
  if (chance(rng, DEFECTS.typo[list])) {
    if (chance(rng, 0.5)) given = typo(rng, given);
    else family = typo(rng, family);
  }
  if (chance(rng, DEFECTS.swapped[list])) [given, family] = [family, given];
  return list === 'rp' ? { given, family } : { given: given.toUpperCase(), family: family.toUpperCase() };
}

/** A birth date as a list records it: day and month swapped (when the day is 1-12 and not the month) or missing. */
function recordedBirth(rng: SeededRandom, birth: number, list: ListCode): string {
  const text = isoDate(birth);
  if (chance(rng, DEFECTS.missingBirth[list])) return '';
  const [y, m, d] = text.split('-');
  if (Number(d) <= 12 && d !== m && chance(rng, DEFECTS.dayMonthSwap[list])) return `${y}-${d}-${m}`;
  return text;
}

/** A recorded end date: before the start with the list's rate (a data error), returning the recorded text and whether it is wrong. */
function recordedEnd(rng: SeededRandom, start: number, end: number, list: ListCode): { text: string; wrong: boolean } {
  if (end < 0 || end >= NEVER) return { text: '', wrong: false };
  if (chance(rng, DEFECTS.endBeforeStart[list])) return { text: isoDate(start - between(rng, 1, 365)), wrong: true };
  return { text: isoDate(end), wrong: false };
}

function byKey<T>(a: Raw<T>, b: Raw<T>): number {
  return a.sortKey - b.sortKey || a.who - b.who || a.seq - b.seq;
}

/** Residence permit spells of a stay: 365 days, then 730, then 1825 once the stay is 4 years old; renewed seamlessly while the person stays. */
function residenceSpells(entry: number, exit: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = entry;
  for (let k = 0; start <= PERIOD.end; k++) {
    const length = k === 0 ? 365 : start - entry >= 4 * 365 ? 1825 : 730;
    const end = start + length - 1;
    if (end >= PERIOD.start) out.push({ start, end });
    if (exit <= end) break;
    start = end + 1;
  }
  return out;
}

/**
 * Draws the registers of the population with a seed: the capture (drawCapture), then on stream
 * PERMITS_STREAMS.registers the rows and their defects. `drawPermitsRegisters(pop, PERMITS_DEFAULT_SEED)` gives the
 * shipped files.
 */
export function drawPermitsRegisters(pop: PermitsPopulation, seed: number, options: DrawOptions = {}): PermitsDraw {
  const capture = drawCapture(pop, seed, options);
  const lists = new Set(options.lists ?? ['wp', 'rp', 'ss']);
  const rng = new SeededRandom(childSeed(seed, PERMITS_STREAMS.registers));
  const links: LinkRow[] = [];
  const employer = (k: number) => pop.employers[k]!;

  // ---- work permits: every application of the captured persons and of the refused applicants
  const wpRaw: Raw<number>[] = [];
  const everyone = [...pop.persons, ...pop.applicants];
  everyone.forEach((p, who) => {
    if (who < pop.persons.length && !(capture[who]! & IN_WP)) return;
    if (who >= pop.persons.length && !lists.has('wp')) return;
    p.spells.forEach((s, k) => wpRaw.push({ who, person: p, sortKey: s.application, seq: k, data: k }));
  });
  wpRaw.sort(byKey);
  const wpIds = personIds(rng, wpRaw, DEFECTS.duplicateId.wp, 'WA');
  const permitIdOf = new Map<string, string>();
  const workPermits: WorkPermitRow[] = wpRaw.map((r, i) => {
    const p = r.person;
    const s = p.spells[r.data]!;
    const id = `WP${pad(i + 1, 7)}`;
    permitIdOf.set(`${r.who} ${r.data}`, id);
    const names = recordedNames(rng, p, 'wp');
    const birth = recordedBirth(rng, p.birth, 'wp');
    const passport = chance(rng, DEFECTS.missingPassport.wp) ? '' : p.passport;
    const end = s.granted ? recordedEnd(rng, s.start, s.end, 'wp') : { text: '', wrong: false };
    const e = employer(s.employer);
    links.push({ register: 'wp', row_id: id, register_person_id: wpIds.ids[i]!, person_key: p.key, duplicate_id: wpIds.second[i] ? 1 : 0, error: end.wrong ? 'end_before_start' : '', true_end_date: end.wrong ? isoDate(s.end) : '' });
    return {
      permit_id: id, person_id: wpIds.ids[i]!, family_name: names.family, given_name: names.given, birth_date: birth, sex: p.sex,
      nationality: NATIONALITIES[p.nat]!.iso3, passport_no: passport, permit_type: s.type, application_date: isoDate(s.application),
      decision: s.granted ? 'granted' : 'refused', decision_date: isoDate(s.decision), issue_date: s.granted ? isoDate(s.decision) : '',
      start_date: s.granted ? isoDate(s.start) : '', end_date: end.text, previous_permit_id: s.renews >= 0 ? (permitIdOf.get(`${r.who} ${s.renews}`) ?? '') : '',
      cancellation_date: iso(s.cancel), occupation: p.occupation, sector: e.sector, employer_id: e.id, region: e.region, lmt_outcome: s.lmt, vacancy_id: s.vacancy,
    };
  });

  // ---- residence permits: spells of every stay of the captured persons, one type per person
  const rpRaw: Raw<{ start: number; end: number; type: string; region: number }>[] = [];
  const rpTypes = Object.keys(RESIDENCE_TYPES);
  const rpWeights = Object.values(RESIDENCE_TYPES);
  pop.persons.forEach((p, who) => {
    if (!(capture[who]! & IN_RP)) return;
    const type = p.seasonal ? 'W' : rpTypes[pick(rng, rpWeights)]!;
    const region = p.spells.length > 0 ? employer(p.spells[p.spells.length - 1]!.employer).region : 1;
    let seq = 0;
    for (const stay of p.stays) {
      const spells = p.seasonal ? [{ start: stay.entry, end: stay.exit }] : residenceSpells(stay.entry, stay.exit);
      for (const s of spells) rpRaw.push({ who, person: p, sortKey: s.start, seq: seq++, data: { ...s, type, region } });
    }
  });
  rpRaw.sort(byKey);
  const rpIds = personIds(rng, rpRaw, DEFECTS.duplicateId.rp, 'RA');
  const residencePermits: ResidencePermitRow[] = rpRaw.map((r, i) => {
    const p = r.person;
    const id = `RP${pad(i + 1, 7)}`;
    const names = recordedNames(rng, p, 'rp');
    const birth = recordedBirth(rng, p.birth, 'rp');
    const passport = chance(rng, DEFECTS.missingPassport.rp) ? '' : p.passport;
    const foreigner = chance(rng, DEFECTS.missingForeignerId.rp) ? '' : p.foreignerId;
    const end = recordedEnd(rng, r.data.start, r.data.end, 'rp');
    links.push({ register: 'rp', row_id: id, register_person_id: rpIds.ids[i]!, person_key: p.key, duplicate_id: rpIds.second[i] ? 1 : 0, error: end.wrong ? 'end_before_start' : '', true_end_date: end.wrong ? isoDate(r.data.end) : '' });
    return {
      permit_id: id, person_id: rpIds.ids[i]!, family_name: names.family, given_name: names.given, birth_date: birth, sex: p.sex,
      nationality: NATIONALITIES[p.nat]!.iso3, passport_no: passport, foreigner_id: foreigner, permit_type: r.data.type,
      start_date: isoDate(r.data.start), end_date: end.text, region: r.data.region,
    };
  });

  // ---- social security: employment episodes (one per employer and stay) of the captured persons, some registered twice
  const ssRaw: Raw<{ start: number; end: number; employer: number; duplicate: boolean }>[] = [];
  pop.persons.forEach((p, who) => {
    if (!(capture[who]! & IN_SS)) return;
    const episodes: { start: number; end: number; employer: number }[] = [];
    for (const stay of p.stays) {
      const spells = p.spells.filter((s) => s.granted && s.start <= stay.exit && s.end >= stay.entry);
      let current: { start: number; end: number; employer: number } | undefined;
      for (const s of spells) {
        if (current && current.employer === s.employer) continue;
        if (current) {
          current.end = s.start - 1;
          episodes.push(current);
        }
        current = { start: Math.max(s.start, stay.entry), end: stay.exit, employer: s.employer };
      }
      if (current) episodes.push(current);
    }
    let seq = 0;
    for (const e of episodes) {
      if (e.end < PERIOD.start || e.start > PERIOD.end) continue;
      ssRaw.push({ who, person: p, sortKey: e.start, seq: seq++, data: { ...e, duplicate: false } });
      if (chance(rng, DEFECTS.ssDuplicateSpell)) {
        const start = Math.min(e.start + between(rng, 0, 10), e.end);
        ssRaw.push({ who, person: p, sortKey: start, seq: seq++, data: { ...e, start, duplicate: true } });
      }
    }
  });
  ssRaw.sort(byKey);
  const ssIds = personIds(rng, ssRaw, DEFECTS.duplicateId.ss, 'SA', (r) => r.data.duplicate);
  const socialSecurity: SocialSecurityRow[] = ssRaw.map((r, i) => {
    const p = r.person;
    const id = `SS${pad(i + 1, 7)}`;
    const names = recordedNames(rng, p, 'ss');
    const birth = recordedBirth(rng, p.birth, 'ss');
    const foreigner = chance(rng, DEFECTS.missingForeignerId.ss) ? '' : p.foreignerId;
    const end = r.data.duplicate ? { text: iso(r.data.end), wrong: false } : recordedEnd(rng, r.data.start, r.data.end, 'ss');
    const e = employer(r.data.employer);
    const error = r.data.duplicate ? 'duplicate_spell' : end.wrong ? 'end_before_start' : '';
    links.push({ register: 'ss', row_id: id, register_person_id: ssIds.ids[i]!, person_key: p.key, duplicate_id: ssIds.second[i] ? 1 : 0, error, true_end_date: end.wrong ? isoDate(r.data.end) : '' });
    return {
      registration_id: id, insured_id: ssIds.ids[i]!, family_name: names.family, given_name: names.given, birth_date: birth, sex: p.sex,
      nationality: NATIONALITIES[p.nat]!.iso3, foreigner_id: foreigner, employer_id: e.id, sector: e.sector, start_date: isoDate(r.data.start), end_date: end.text,
    };
  });
  const spells = {
    wp: wpRaw.map((r) => {
      const s = r.person.spells[r.data]!;
      return { who: r.who, start: s.granted ? s.start : -1, end: s.granted ? s.end : -1, duplicate: false };
    }),
    rp: rpRaw.map((r) => ({ who: r.who, start: r.data.start, end: r.data.end, duplicate: false })),
    ss: ssRaw.map((r) => ({ who: r.who, start: r.data.start, end: r.data.end, duplicate: r.data.duplicate })),
  };
  return { capture, workPermits, residencePermits, socialSecurity, links, spells };
}
