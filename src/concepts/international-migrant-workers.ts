/**
 * International migrant workers (20th ICLS 2018 Guidelines concerning statistics of international labour migration):
 * category (a) resident international migrant workers and category (b) non-resident foreign workers (spec icls.md
 * sections 1.3-1.4), for-work international migrants (1.7), return international migrant workers (1.8), recent
 * migrants and nationals abroad (1.9).
 *
 * Inputs are arrays of codes: LF_STATUS codes from labourForceStatus (which also carry working age: 0 = under the
 * working-age limit), 1/0/255 flags from migrantStatus and usualResident, yes/no items (1 yes, 0 no, NaN missing),
 * numbers (NaN missing) and ISO3 or code strings (null, '' or 'not-stated' missing). Every function returns a flag per
 * row, 1 = yes, 0 = no, 255 = undetermined, using three-valued logic: a missing value that cannot change the outcome
 * is ignored, one that can makes the row undetermined, counted with a reason naming the first deciding input.
 *
 * Category (b) is for sources that cover non-residents (border, establishment or administrative sources); an LFS of
 * usual residents measures category (a) only, and (b) never enters LFS denominators (spec icls.md para 16).
 */
import { LF_STATUS, type YesNoItem } from './labour-force-status.js';

/** A flag per row (1 yes, 0 no, 255 undetermined) and the undetermined rows: count, first 20 indices, counts by reason. */
export interface FlagResult {
  flag: Uint8Array;
  undetermined: { count: number; rows: number[]; reasons: Record<string, number> };
}

/** Main reason for the (last) international move, as the dataset profile codes it (spec icls.md para 18). */
export const MIGRATION_REASONS = ['work-job-found', 'work-seeking', 'work', 'family', 'study', 'protection', 'other'] as const;
export type MigrationReason = (typeof MIGRATION_REASONS)[number];
/** The work reasons: to take up a job already found, to seek work, or work without saying which (default of forWorkMigrants). */
export const WORK_REASONS: readonly MigrationReason[] = ['work-job-found', 'work-seeking', 'work'];

/** Main purpose of a visit (UN IRTS 2008 purposes, with employment in the country of visit as its own code). */
export const VISIT_PURPOSES = ['employment', 'business', 'holidays', 'visiting', 'education', 'health', 'religion', 'shopping', 'transit', 'other'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
/**
 * Purposes of international travellers on tourism trips "whose main purpose is not to work", excluded from category
 * (b) (spec icls.md para 10 (ii)). `employment` is included (para 9 (k)); `education` is too, because foreign
 * students working or seeking work are listed as included (para 9 (j)).
 */
export const NON_WORK_PURPOSES: readonly VisitPurpose[] = ['business', 'holidays', 'visiting', 'health', 'religion', 'shopping', 'transit', 'other'];

const VISIT_PURPOSE_SET: ReadonlySet<string | null | undefined> = new Set(VISIT_PURPOSES);
const MIGRATION_REASON_SET: ReadonlySet<string | null | undefined> = new Set(MIGRATION_REASONS);

const MAX_ROWS_SHOWN = 20;
const UNDETERMINED = 255;

/** Collects undetermined rows with their reasons, in the order reasons are first seen. */
class Tally {
  readonly flag: Uint8Array;
  private count = 0;
  private readonly rows: number[] = [];
  private readonly reasons: Record<string, number> = {};
  constructor(n: number) {
    this.flag = new Uint8Array(n);
  }
  undetermined(i: number, reason: string): void {
    this.flag[i] = UNDETERMINED;
    this.reasons[reason] = (this.reasons[reason] ?? 0) + 1;
    if (this.rows.length < MAX_ROWS_SHOWN) this.rows.push(i);
    this.count++;
  }
  result(): FlagResult {
    return { flag: this.flag, undetermined: { count: this.count, rows: this.rows, reasons: this.reasons } };
  }
}

function checkLength(fn: string, name: string, item: ArrayLike<unknown> | undefined, n: number, first: string): void {
  if (item !== undefined && item.length !== n) throw new Error(`${fn}: ${name} has ${item.length} rows, ${first} has ${n}`);
}

/** A yes/no item at row i as 1, 0 or NaN; throws on any other value. */
function yesNo(fn: string, item: YesNoItem, i: number, name: string): number {
  const v = item[i] as number;
  if (v === 1 || v === 0 || v !== v) return v;
  throw new Error(`${fn}: ${name} value ${String(v)} at index ${i}; a yes/no item holds 1 = yes, 0 = no, NaN = missing`);
}

/** A 1/0/255 flag (migrant, resident) at row i as 1, 0 or NaN; throws on any other value. */
function flagAt(fn: string, flags: Uint8Array, i: number, name: string): number {
  const v = flags[i] as number;
  if (v === 1 || v === 0) return v;
  if (v === UNDETERMINED) return NaN;
  throw new Error(`${fn}: ${name} code ${v} at index ${i} is not 1, 0 or 255`);
}

/** LF_STATUS at row i, checked. */
function statusAt(fn: string, status: Uint8Array, i: number): number {
  const s = status[i] as number;
  if (s === LF_STATUS.notWorkingAge || s === LF_STATUS.employed || s === LF_STATUS.unemployed || s === LF_STATUS.outside || s === LF_STATUS.undetermined) return s;
  throw new Error(`${fn}: status code ${s} at index ${i} is not an LF_STATUS code (0, 1, 2, 3, 255)`);
}

function nonNegative(fn: string, values: ArrayLike<number>, i: number, name: string): number {
  const v = values[i] as number;
  if (v !== v) return v;
  if (typeof v !== 'number' || !(v >= 0) || v === Infinity) throw new Error(`${fn}: ${name} ${String(v)} at index ${i} is not a number >= 0 (missing: NaN)`);
  return v;
}

function isMissingCode(v: string | null | undefined): boolean {
  return v === null || v === undefined || v === '' || v === 'not-stated';
}

/** Kleene AND / OR over 1 / 0 / NaN. */
function and(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a === 1 && b === 1 ? 1 : NaN;
}
function or(a: number, b: number): number {
  return a === 1 || b === 1 ? 1 : a === 0 && b === 0 ? 0 : NaN;
}

/** Evaluates a conjunction of three-valued terms: 0 if any is 0, else the index of the first NaN term, else -1 (all 1). */
function conjunction(terms: readonly number[]): number {
  let firstUnknown = -1;
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!;
    if (t === 0) return -2;
    if (t !== t && firstUnknown < 0) firstUnknown = k;
  }
  return firstUnknown;
}

/** Writes the result of a conjunction of terms into row i (1, 0, or 255 with the reason of the first unknown term). */
function decide(tally: Tally, i: number, terms: readonly number[], reasons: readonly string[]): void {
  const c = conjunction(terms);
  if (c === -2) return;
  if (c === -1) tally.flag[i] = 1;
  else tally.undetermined(i, reasons[c]!);
}

export interface ResidentMigrantWorkerInput {
  /** LF_STATUS codes (labourForceStatus): 1 employed and 2 unemployed are in the labour force; 0 is under working age. */
  status: Uint8Array;
  /** 1 international migrant, 0 not, 255 unknown (migrantStatus). */
  migrant: Uint8Array;
  /** 1 usual resident, 0 not, 255 undetermined (usualResident). */
  resident: Uint8Array;
  /** Foreign military or diplomatic personnel (yes/no), excluded (spec icls.md para 10 (i)); absent = none in the source. */
  foreignMilitaryDiplomatic?: YesNoItem;
}

const A_REASONS = ['status undetermined', 'usual residence undetermined', 'migrant status unknown', 'foreignMilitaryDiplomatic missing'];

/**
 * Category (a) resident international migrant workers: 20th ICLS 2018 Guidelines, spec icls.md 1.3 para 5 (a) and para 8.
 *
 * Of working age, usual resident, international migrant and in the labour force (employed or unemployed), whatever
 * the initial purpose of migration or legal status (refugees included); foreign military and diplomatic personnel
 * excluded where the item is given. Migrants outside the labour force are migrants, not migrant workers.
 */
export function residentMigrantWorkers(input: ResidentMigrantWorkerInput): FlagResult {
  const fn = 'residentMigrantWorkers';
  const { status, migrant, resident, foreignMilitaryDiplomatic: fmd } = input;
  const n = status.length;
  checkLength(fn, 'migrant', migrant, n, 'status');
  checkLength(fn, 'resident', resident, n, 'status');
  checkLength(fn, 'foreignMilitaryDiplomatic', fmd, n, 'status');
  const tally = new Tally(n);
  const terms = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const s = statusAt(fn, status, i);
    terms[0] = s === LF_STATUS.employed || s === LF_STATUS.unemployed ? 1 : s === LF_STATUS.undetermined ? NaN : 0;
    terms[1] = flagAt(fn, resident, i, 'resident');
    terms[2] = flagAt(fn, migrant, i, 'migrant');
    terms[3] = fmd === undefined ? 1 : 1 - yesNo(fn, fmd, i, 'foreignMilitaryDiplomatic');
    decide(tally, i, terms, A_REASONS);
  }
  return tally.result();
}

export interface NonResidentForeignWorkerInput {
  /** LF_STATUS codes (labourForceStatus) of the persons covered; 0 is under working age. */
  status: Uint8Array;
  /** 1 usual resident, 0 not, 255 undetermined (usualResident). */
  resident: Uint8Array;
  /** Present in the country during the reference period (yes/no). */
  present: YesNoItem;
  /** For the employed: the employer is a resident producer unit of the country (yes/no). */
  employerResidentUnit: YesNoItem;
  /** For the unemployed: the job search is in this country (yes/no); absent = every job search is in this country. */
  seekingWorkHere?: YesNoItem;
  /** Foreign military or diplomatic personnel (yes/no), excluded; absent = none in the source. */
  foreignMilitaryDiplomatic?: YesNoItem;
  /** Main purpose of the visit of international travellers (VISIT_PURPOSES); null or '' = not a visitor; absent = no visitors. */
  purposeOfVisit?: ArrayLike<string | null>;
}

export interface NonResidentForeignWorkerOptions {
  /** Visit purposes excluded as tourism trips not for work; default NON_WORK_PURPOSES. */
  nonWorkPurposes?: readonly VisitPurpose[];
}

const B_REASONS = [
  'status undetermined', 'usual residence undetermined', 'present missing', 'labour attachment undetermined (employerResidentUnit or seekingWorkHere missing)',
  'foreignMilitaryDiplomatic missing', 'purposeOfVisit not stated',
];

/**
 * Category (b) non-resident foreign workers: 20th ICLS 2018 Guidelines, spec icls.md 1.3 para 5 (b), 1.4 table and paras 9-10.
 *
 * Of working age, not a usual resident, present in the country, and with labour attachment: employed by a resident
 * producer unit, or unemployed and seeking work in this country. Excluded: foreign military and diplomatic personnel;
 * international travellers on tourism trips whose main purpose is not to work (visit purpose in `nonWorkPurposes`);
 * persons not present (call-centre staff and others serving from abroad). Frontier, seasonal, project-tied workers,
 * seafarers, foreign students and refugees with labour attachment are included. The definition has no citizenship
 * condition, so none is applied.
 */
export function nonResidentForeignWorkers(input: NonResidentForeignWorkerInput, options: NonResidentForeignWorkerOptions = {}): FlagResult {
  const fn = 'nonResidentForeignWorkers';
  const { status, resident, present, employerResidentUnit, seekingWorkHere, foreignMilitaryDiplomatic: fmd, purposeOfVisit } = input;
  const nonWork = new Set<string>(options.nonWorkPurposes ?? NON_WORK_PURPOSES);
  for (const p of nonWork) {
    if (!VISIT_PURPOSE_SET.has(p)) throw new Error(`${fn}: nonWorkPurposes "${p}" is not one of ${VISIT_PURPOSES.join(', ')}`);
  }
  const n = status.length;
  checkLength(fn, 'resident', resident, n, 'status');
  checkLength(fn, 'present', present, n, 'status');
  checkLength(fn, 'employerResidentUnit', employerResidentUnit, n, 'status');
  checkLength(fn, 'seekingWorkHere', seekingWorkHere, n, 'status');
  checkLength(fn, 'foreignMilitaryDiplomatic', fmd, n, 'status');
  checkLength(fn, 'purposeOfVisit', purposeOfVisit, n, 'status');
  const tally = new Tally(n);
  const terms = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const s = statusAt(fn, status, i);
    const unknownStatus = s === LF_STATUS.undetermined;
    terms[0] = s === LF_STATUS.notWorkingAge ? 0 : unknownStatus ? NaN : 1;
    terms[1] = 1 - flagAt(fn, resident, i, 'resident');
    terms[2] = yesNo(fn, present, i, 'present');
    // labour attachment: employed for a resident producer unit, or unemployed and seeking work here
    const employed = s === LF_STATUS.employed ? 1 : unknownStatus ? NaN : 0;
    const unemployed = s === LF_STATUS.unemployed ? 1 : unknownStatus ? NaN : 0;
    const forResidentUnit = yesNo(fn, employerResidentUnit, i, 'employerResidentUnit');
    const searchHere = seekingWorkHere === undefined ? 1 : yesNo(fn, seekingWorkHere, i, 'seekingWorkHere');
    terms[3] = or(and(employed, forResidentUnit), and(unemployed, searchHere));
    terms[4] = fmd === undefined ? 1 : 1 - yesNo(fn, fmd, i, 'foreignMilitaryDiplomatic');
    let tourism = 1;
    if (purposeOfVisit !== undefined) {
      const p = purposeOfVisit[i];
      if (p === 'not-stated') tourism = NaN;
      else if (!isMissingCode(p)) {
        if (!VISIT_PURPOSE_SET.has(p)) {
          throw new Error(`${fn}: purposeOfVisit "${String(p)}" at index ${i} is not one of ${VISIT_PURPOSES.join(', ')} (missing: null, '' or 'not-stated')`);
        }
        tourism = nonWork.has(p as string) ? 0 : 1;
      }
    }
    terms[5] = tourism;
    decide(tally, i, terms, B_REASONS);
  }
  return tally.result();
}

export interface ForWorkMigrantInput {
  /** 1 international migrant, 0 not, 255 unknown (migrantStatus). */
  migrant: Uint8Array;
  /** Months lived in the country since arrival; NaN = missing. */
  monthsInCountry: ArrayLike<number>;
  /** Main reason for migration (MIGRATION_REASONS); null, '' or 'not-stated' = missing. */
  reason: ArrayLike<string | null>;
  /** 1 usual resident, 0 not, 255 undetermined: when given, only usual residents changed their country of residence. */
  resident?: Uint8Array;
}

export interface ForWorkMigrantOptions {
  /** Reference period: arrived less than this many months ago; default 12. */
  periodMonths?: number;
  /** Reasons that count as work; default WORK_REASONS (work-job-found, work-seeking, work). */
  workReasons?: readonly MigrationReason[];
}

const FW_REASONS = ['migrant status unknown', 'monthsInCountry missing', 'reason missing', 'usual residence undetermined'];

/**
 * For-work international migrants: 20th ICLS 2018 Guidelines, spec icls.md 1.7 para 17 (flow; sketch in 1.13).
 *
 * International migrants who arrived within the reference period (months in the country < `periodMonths`, default
 * 12) and whose main reason for migrating was work (to take up a job found, to seek work, or work), whatever their
 * current labour force status; when `resident` is given, usual residents only.
 */
export function forWorkMigrants(input: ForWorkMigrantInput, options: ForWorkMigrantOptions = {}): FlagResult {
  const fn = 'forWorkMigrants';
  const periodMonths = options.periodMonths ?? 12;
  if (typeof periodMonths !== 'number' || !(periodMonths > 0) || periodMonths === Infinity) {
    throw new Error(`${fn}: periodMonths must be a positive number of months, got ${String(periodMonths)}`);
  }
  const work = new Set<string>(options.workReasons ?? WORK_REASONS);
  for (const r of work) {
    if (!MIGRATION_REASON_SET.has(r)) throw new Error(`${fn}: workReasons "${r}" is not one of ${MIGRATION_REASONS.join(', ')}`);
  }
  const { migrant, monthsInCountry, reason, resident } = input;
  const n = migrant.length;
  checkLength(fn, 'monthsInCountry', monthsInCountry, n, 'migrant');
  checkLength(fn, 'reason', reason, n, 'migrant');
  checkLength(fn, 'resident', resident, n, 'migrant');
  const tally = new Tally(n);
  const terms = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    terms[0] = flagAt(fn, migrant, i, 'migrant');
    const m = nonNegative(fn, monthsInCountry, i, 'monthsInCountry');
    terms[1] = m !== m ? NaN : m < periodMonths ? 1 : 0;
    const r = reason[i];
    if (isMissingCode(r)) terms[2] = NaN;
    else {
      if (!MIGRATION_REASON_SET.has(r)) {
        throw new Error(`${fn}: reason "${String(r)}" at index ${i} is not one of ${MIGRATION_REASONS.join(', ')} (missing: null, '' or 'not-stated')`);
      }
      terms[2] = work.has(r as string) ? 1 : 0;
    }
    terms[3] = resident === undefined ? 1 : flagAt(fn, resident, i, 'resident');
    decide(tally, i, terms, FW_REASONS);
  }
  return tally.result();
}

export interface ReturnMigrantWorkerInput {
  /** Ever worked or sought work in another country (yes/no). */
  everWorkedAbroad: YesNoItem;
  /** 1 usual resident, 0 not, 255 undetermined; absent = all usual residents (an LFS). */
  resident?: Uint8Array;
  /** Age in completed years; when given, persons under `workingAgeMin` are 0. NaN = missing. */
  age?: ArrayLike<number>;
  /** Year of return from the last stay abroad; needed with `windowYears`. NaN = missing. */
  yearOfReturn?: ArrayLike<number>;
}

export interface ReturnMigrantWorkerOptions {
  /** Only returns within this many years: the reference year and the windowYears - 1 years before it. Default: no window. */
  windowYears?: number;
  /** The reference year of the survey; needed with `windowYears`. */
  referenceYear?: number;
  /** Lower limit of working age when `age` is given; default 15. */
  workingAgeMin?: number;
}

const RW_REASONS = ['usual residence undetermined', 'age missing', 'everWorkedAbroad missing', 'yearOfReturn missing'];

/**
 * Return international migrant workers: 20th ICLS 2018 Guidelines, spec icls.md 1.8 para 19 (S1 as quoted in S5).
 *
 * Current usual residents who ever worked or sought work in another country, irrespective of citizenship, place of
 * birth, current labour force status, or residence abroad. Optional: a window of years since the return (a national
 * choice; returned in the reference year or the `windowYears` - 1 years before) and a working-age limit.
 */
export function returnMigrantWorkers(input: ReturnMigrantWorkerInput, options: ReturnMigrantWorkerOptions = {}): FlagResult {
  const fn = 'returnMigrantWorkers';
  const { everWorkedAbroad, resident, age, yearOfReturn } = input;
  const { windowYears, referenceYear } = options;
  const workingAgeMin = options.workingAgeMin ?? 15;
  if (!Number.isFinite(workingAgeMin) || workingAgeMin < 0) throw new Error(`${fn}: workingAgeMin must be a non-negative number, got ${String(workingAgeMin)}`);
  if (windowYears !== undefined) {
    if (!Number.isInteger(windowYears) || windowYears < 1) throw new Error(`${fn}: windowYears must be a whole number of years >= 1, got ${String(windowYears)}`);
    if (referenceYear === undefined || !Number.isInteger(referenceYear)) throw new Error(`${fn}: windowYears needs options.referenceYear (a whole year)`);
    if (yearOfReturn === undefined) throw new Error(`${fn}: windowYears needs input.yearOfReturn`);
  }
  const n = everWorkedAbroad.length;
  checkLength(fn, 'resident', resident, n, 'everWorkedAbroad');
  checkLength(fn, 'age', age, n, 'everWorkedAbroad');
  checkLength(fn, 'yearOfReturn', yearOfReturn, n, 'everWorkedAbroad');
  const tally = new Tally(n);
  const terms = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    terms[0] = resident === undefined ? 1 : flagAt(fn, resident, i, 'resident');
    if (age === undefined) terms[1] = 1;
    else {
      const a = nonNegative(fn, age, i, 'age');
      terms[1] = a !== a ? NaN : a >= workingAgeMin ? 1 : 0;
    }
    terms[2] = yesNo(fn, everWorkedAbroad, i, 'everWorkedAbroad');
    if (windowYears === undefined) terms[3] = 1;
    else {
      const y = yearOfReturn![i] as number;
      if (y !== y) terms[3] = NaN;
      else {
        if (!Number.isInteger(y) || y > referenceYear!) {
          throw new Error(`${fn}: yearOfReturn ${String(y)} at index ${i} is not a whole year up to the reference year ${referenceYear} (missing: NaN)`);
        }
        terms[3] = referenceYear! - y < windowYears ? 1 : 0;
      }
    }
    decide(tally, i, terms, RW_REASONS);
  }
  return tally.result();
}

export interface RecentMigrantInput {
  /** 1 international migrant, 0 not, 255 unknown (migrantStatus). */
  migrant: Uint8Array;
  /** Months lived in the country since arrival (used when given); NaN = missing. */
  monthsInCountry?: ArrayLike<number>;
  /** Year of arrival (used when monthsInCountry is absent; needs options.referenceYear); NaN = missing. */
  yearOfArrival?: ArrayLike<number>;
}

export interface RecentMigrantOptions {
  /** Arrived within this many years; default 5. */
  years?: number;
  /** Reference year, needed with yearOfArrival. */
  referenceYear?: number;
}

const RM_REASONS = ['migrant status unknown', 'duration of stay missing'];

/**
 * Recent migrants: international migrants by period of arrival, spec icls.md 1.11 (year of arrival: recent vs settled) and 1.12 para 22.
 *
 * International migrants who arrived within the last `years` years (default 5): months in the country < 12 x years,
 * or, from the year of arrival, reference year - year of arrival < years.
 */
export function recentMigrants(input: RecentMigrantInput, options: RecentMigrantOptions = {}): FlagResult {
  const fn = 'recentMigrants';
  const years = options.years ?? 5;
  if (typeof years !== 'number' || !(years > 0) || years === Infinity) throw new Error(`${fn}: years must be a positive number, got ${String(years)}`);
  const { migrant, monthsInCountry, yearOfArrival } = input;
  const { referenceYear } = options;
  if (monthsInCountry === undefined && yearOfArrival === undefined) throw new Error(`${fn}: needs input.monthsInCountry or input.yearOfArrival`);
  const byMonths = monthsInCountry !== undefined;
  if (!byMonths && (referenceYear === undefined || !Number.isInteger(referenceYear))) {
    throw new Error(`${fn}: yearOfArrival needs options.referenceYear (a whole year)`);
  }
  const n = migrant.length;
  checkLength(fn, 'monthsInCountry', monthsInCountry, n, 'migrant');
  checkLength(fn, 'yearOfArrival', yearOfArrival, n, 'migrant');
  const tally = new Tally(n);
  const terms = [0, 0];
  const months = years * 12;
  for (let i = 0; i < n; i++) {
    terms[0] = flagAt(fn, migrant, i, 'migrant');
    if (byMonths) {
      const m = nonNegative(fn, monthsInCountry!, i, 'monthsInCountry');
      terms[1] = m !== m ? NaN : m < months ? 1 : 0;
    } else {
      const y = yearOfArrival![i] as number;
      if (y !== y) terms[1] = NaN;
      else {
        if (!Number.isInteger(y) || y > referenceYear!) {
          throw new Error(`${fn}: yearOfArrival ${String(y)} at index ${i} is not a whole year up to the reference year ${referenceYear} (missing: NaN)`);
        }
        terms[1] = referenceYear! - y < years ? 1 : 0;
      }
    }
    decide(tally, i, terms, RM_REASONS);
  }
  return tally.result();
}

export interface NationalsAbroadInput {
  /** ISO3 citizenship of each absent household member living abroad; null, '' or 'not-stated' = missing. */
  citizenship: ArrayLike<string | null>;
  /** Age in completed years; NaN = missing. */
  age: ArrayLike<number>;
}

export interface NationalsAbroadOptions {
  /** ISO3 code of the country of measurement. */
  country: string;
  /** Lower limit of working age; default 15. */
  workingAgeMin?: number;
}

const NA_REASONS = ['citizenship missing', 'age missing'];

/**
 * Nationals abroad among household members living abroad: ILOSTAT ILMS definition, spec icls.md 1.9 para 20 (working-age citizens usually resident abroad).
 *
 * Rows are absent members reported by households (all living abroad). A member is counted when a citizen of
 * `country` and of working age.
 */
export function nationalsAbroad(input: NationalsAbroadInput, options: NationalsAbroadOptions): FlagResult {
  const fn = 'nationalsAbroad';
  const { country } = options;
  if (typeof country !== 'string' || !/^[A-Z]{3}$/.test(country)) throw new Error(`${fn}: country "${String(country)}" must be a 3-letter uppercase ISO 3166-1 alpha-3 code`);
  const workingAgeMin = options.workingAgeMin ?? 15;
  if (!Number.isFinite(workingAgeMin) || workingAgeMin < 0) throw new Error(`${fn}: workingAgeMin must be a non-negative number, got ${String(workingAgeMin)}`);
  const { citizenship, age } = input;
  const n = citizenship.length;
  checkLength(fn, 'age', age, n, 'citizenship');
  const tally = new Tally(n);
  const terms = [0, 0];
  for (let i = 0; i < n; i++) {
    const c = citizenship[i];
    if (isMissingCode(c)) terms[0] = NaN;
    else {
      if (typeof c !== 'string' || !/^[A-Z]{3}$/.test(c)) {
        throw new Error(`${fn}: citizenship "${String(c)}" at index ${i} is not a 3-letter uppercase ISO3 code (missing: null, '' or 'not-stated')`);
      }
      terms[0] = c === country ? 1 : 0;
    }
    const a = nonNegative(fn, age, i, 'age');
    terms[1] = a !== a ? NaN : a >= workingAgeMin ? 1 : 0;
    decide(tally, i, terms, NA_REASONS);
  }
  return tally.result();
}
