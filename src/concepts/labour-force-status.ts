/**
 * Labour force status (employed, unemployed, outside the labour force), potential labour force and time-related
 * underemployment from yes/no questionnaire items, after the 19th ICLS (2013) resolution concerning statistics of
 * work, employment and labour underutilization, with the 13th ICLS (1982) treatment of own-use production as an option.
 *
 * Items: a yes/no item is an array with 1 = yes, 0 = no, NaN = not asked or missing (skip patterns leave items not
 * asked). Any other value is an error. Decisions use three-valued logic: an item that cannot change the outcome (the
 * job-search item of a person who worked) may be NaN; an item that can makes the row undetermined, with a reason.
 */

/** A yes/no questionnaire item: 1 = yes, 0 = no, NaN = not asked or missing. */
export type YesNoItem = ArrayLike<number>;

/** Labour force status codes of the `status` array; 255 marks a row whose status the items cannot determine. */
export const LF_STATUS = { notWorkingAge: 0, employed: 1, unemployed: 2, outside: 3, undetermined: 255 } as const;
export type LfStatus = (typeof LF_STATUS)[keyof typeof LF_STATUS];

/** The labour force standard: 19th ICLS (2013, default) or 13th ICLS (1982; own-use production counts as employment). */
export type LabourForceStandard = 'ICLS19' | 'ICLS13';
export const LABOUR_FORCE_STANDARDS: readonly LabourForceStandard[] = ['ICLS19', 'ICLS13'];

export interface LabourForceItems {
  /** Age in completed years; NaN = missing (the row is undetermined). */
  age: ArrayLike<number>;
  /** Worked at least one hour for pay or profit in the reference week. */
  worked: YesNoItem;
  /** Had a job or enterprise but was temporarily absent from it. */
  temporaryAbsence: YesNoItem;
  /** Did only own-use production work (goods for own final use); employment under ICLS13 only, required there. */
  ownUseProductionOnly?: YesNoItem;
  /** Carried out activities to seek employment in the last four weeks. */
  jobSearch: YesNoItem;
  /** Currently available to take up employment. */
  available: YesNoItem;
  /** Has arranged to start a job within a short subsequent period; absent = the survey has no such item (all no). */
  futureStarter?: YesNoItem;
}

export interface LabourForceOptions {
  /** Default 'ICLS19'. */
  standard?: LabourForceStandard;
  /** Lower limit of the working-age population (no upper limit); default 15, as in ILOSTAT and the Global Estimates. */
  workingAgeMin?: number;
}

export interface LabourForceResult {
  /** One LF_STATUS code per row. */
  status: Uint8Array;
  /** Rows coded `LF_STATUS.undetermined`: their count, the first 20 row indices (0-based), counts by reason. */
  undetermined: { count: number; rows: number[]; reasons: Record<string, number> };
  standard: LabourForceStandard;
  workingAgeMin: number;
}

const MAX_ROWS_SHOWN = 20;
const NOT_WORKING_AGE = LF_STATUS.notWorkingAge;
const EMPLOYED = LF_STATUS.employed;
const UNEMPLOYED = LF_STATUS.unemployed;
const OUTSIDE = LF_STATUS.outside;
const UNDETERMINED = LF_STATUS.undetermined;

/** Reasons, in the order a row is examined; a row's reason names the first missing item that decides its status. */
const REASONS = [
  'age missing',
  'worked missing',
  'temporaryAbsence missing',
  'ownUseProductionOnly missing',
  'jobSearch missing',
  'futureStarter missing',
  'available missing',
] as const;
const R_AGE = 0, R_WORKED = 1, R_ABSENCE = 2, R_OWN_USE = 3, R_SEARCH = 4, R_FUTURE = 5, R_AVAILABLE = 6;

function checkLength(name: string, item: ArrayLike<unknown> | undefined, n: number): void {
  if (item !== undefined && item.length !== n) {
    throw new Error(`labour force items: ${name} has ${item.length} rows, age has ${n}`);
  }
}

function invalidItem(name: string, i: number, v: unknown): Error {
  return new Error(`labour force item ${name}: value ${String(v)} at index ${i}; a yes/no item holds 1 = yes, 0 = no, NaN = missing`);
}

/** Reads a yes/no item at row i as 1, 0 or NaN; throws on any other value. */
function yesNo(item: YesNoItem, i: number, name: string): number {
  const v = item[i] as number;
  if (v === 1 || v === 0 || v !== v) return v;
  throw invalidItem(name, i, v);
}

/** Kleene (three-valued) AND and OR over 1 / 0 / NaN. */
function and(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a === 1 && b === 1 ? 1 : NaN;
}
function or(a: number, b: number): number {
  return a === 1 || b === 1 ? 1 : a === 0 && b === 0 ? 0 : NaN;
}

/**
 * Labour force status of each person: 19th ICLS 2013 resolution paras 27-29 (employed), 47-48 (unemployed); ICLS13 = 13th ICLS 1982 (own-use production is employment).
 *
 * Working age is age >= workingAgeMin. Employed: worked for pay or profit (>= 1 hour) or temporarily absent from a
 * job; under ICLS13 also own-use production only. Unemployed: not employed, available, and sought work in the last
 * four weeks or is a future starter. Outside: of working age and neither. A row whose deciding item is NaN is
 * `LF_STATUS.undetermined` and counted with the reason naming that item.
 */
export function labourForceStatus(items: LabourForceItems, options: LabourForceOptions = {}): LabourForceResult {
  const standard = options.standard ?? 'ICLS19';
  if (!LABOUR_FORCE_STANDARDS.includes(standard)) {
    throw new Error(`labourForceStatus: standard "${String(standard)}" is not one of ${LABOUR_FORCE_STANDARDS.join(', ')}`);
  }
  const workingAgeMin = options.workingAgeMin ?? 15;
  if (!Number.isFinite(workingAgeMin) || workingAgeMin < 0) {
    throw new Error(`labourForceStatus: workingAgeMin must be a non-negative number, got ${String(workingAgeMin)}`);
  }
  const icls13 = standard === 'ICLS13';
  if (icls13 && items.ownUseProductionOnly === undefined) {
    throw new Error('labourForceStatus: the ICLS13 standard needs items.ownUseProductionOnly (own-use production counts as employment)');
  }
  const { age, worked, temporaryAbsence, jobSearch, available } = items;
  const n = age.length;
  checkLength('worked', worked, n);
  checkLength('temporaryAbsence', temporaryAbsence, n);
  checkLength('ownUseProductionOnly', items.ownUseProductionOnly, n);
  checkLength('jobSearch', jobSearch, n);
  checkLength('available', available, n);
  checkLength('futureStarter', items.futureStarter, n);
  const ownUse = items.ownUseProductionOnly;
  const future = items.futureStarter;

  const status = new Uint8Array(n);
  const reasonCounts = new Array<number>(REASONS.length).fill(0);
  const rows: number[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const a = age[i] as number;
    let reason = -1;
    if (a !== a) {
      reason = R_AGE;
    } else if (a < workingAgeMin) {
      status[i] = NOT_WORKING_AGE;
      continue;
    } else {
      const w = yesNo(worked, i, 'worked');
      const t = yesNo(temporaryAbsence, i, 'temporaryAbsence');
      const o = icls13 ? yesNo(ownUse as YesNoItem, i, 'ownUseProductionOnly') : 0;
      const e = or(or(w, t), o);
      if (e === 1) {
        status[i] = EMPLOYED;
        continue;
      }
      if (e !== e) {
        reason = w !== w ? R_WORKED : t !== t ? R_ABSENCE : R_OWN_USE;
      } else {
        const s = yesNo(jobSearch, i, 'jobSearch');
        const f = future === undefined ? 0 : yesNo(future, i, 'futureStarter');
        const av = yesNo(available, i, 'available');
        const seeking = or(s, f);
        const u = and(av, seeking);
        if (u === 1) {
          status[i] = UNEMPLOYED;
          continue;
        }
        if (u === 0) {
          status[i] = OUTSIDE;
          continue;
        }
        // Unknown: a NaN search / future-starter item decides when availability is not "no"; NaN availability decides otherwise.
        reason = seeking !== seeking ? (s !== s ? R_SEARCH : R_FUTURE) : R_AVAILABLE;
      }
    }
    status[i] = UNDETERMINED;
    reasonCounts[reason]!++;
    if (rows.length < MAX_ROWS_SHOWN) rows.push(i);
    count++;
  }
  const reasons: Record<string, number> = {};
  REASONS.forEach((r, k) => {
    if (reasonCounts[k]! > 0) reasons[r] = reasonCounts[k]!;
  });
  return { status, undetermined: { count, rows, reasons }, standard, workingAgeMin };
}

function checkStatus(status: Uint8Array, i: number): number {
  const s = status[i] as number;
  if (s === NOT_WORKING_AGE || s === EMPLOYED || s === UNEMPLOYED || s === OUTSIDE || s === UNDETERMINED) return s;
  throw new Error(`labour force status: code ${s} at index ${i} is not an LF_STATUS code (0, 1, 2, 3, 255)`);
}

export type PotentialLabourForceItems = Pick<LabourForceItems, 'jobSearch' | 'available'> & {
  /** Wants to work (wanted employment); absent = not collected, so available non-searchers are undetermined. */
  wantsToWork?: YesNoItem;
};

/**
 * Potential labour force (1 = yes, 0 = no, 255 = undetermined): 19th ICLS 2013 resolution para 51 (a) unavailable jobseekers and (b) available potential jobseekers.
 *
 * Only persons outside the labour force can be in it: those who sought work but are not available, and those who
 * did not seek work, are available and want to work. Rows with undetermined status, or whose deciding item is NaN,
 * are 255.
 */
export function potentialLabourForce(items: PotentialLabourForceItems, status: Uint8Array): Uint8Array {
  const n = status.length;
  const { jobSearch, available } = items;
  const wants = items.wantsToWork;
  if (jobSearch.length !== n) throw new Error(`potentialLabourForce: jobSearch has ${jobSearch.length} rows, status has ${n}`);
  if (available.length !== n) throw new Error(`potentialLabourForce: available has ${available.length} rows, status has ${n}`);
  if (wants !== undefined && wants.length !== n) throw new Error(`potentialLabourForce: wantsToWork has ${wants.length} rows, status has ${n}`);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const st = checkStatus(status, i);
    if (st === UNDETERMINED) {
      out[i] = UNDETERMINED;
      continue;
    }
    if (st !== OUTSIDE) continue;
    const s = yesNo(jobSearch, i, 'jobSearch');
    const av = yesNo(available, i, 'available');
    const w = wants === undefined ? NaN : yesNo(wants, i, 'wantsToWork');
    const unavailableJobseeker = and(s, 1 - av);
    const availablePotentialJobseeker = and(and(1 - s, av), w);
    const p = or(unavailableJobseeker, availablePotentialJobseeker);
    out[i] = p === 1 ? 1 : p === 0 ? 0 : UNDETERMINED;
  }
  return out;
}

export interface UnderemploymentInput {
  /** LF_STATUS codes, as returned by labourForceStatus. */
  status: Uint8Array;
  /** Wanted to work additional hours (yes/no item). */
  wantsMoreHours: YesNoItem;
  /** Available to work additional hours (yes/no item). */
  availableMoreHours: YesNoItem;
  /** Hours worked in all jobs, actual or usual (the caller chooses); NaN = missing. */
  hours: ArrayLike<number>;
}

/**
 * Time-related underemployment (1 = yes, 0 = no, 255 = undetermined): 19th ICLS 2013 resolution para 43.
 *
 * Employed persons who want and are available to work more hours and whose hours are strictly below `threshold`
 * (a national choice; no default). Persons not employed are 0; undetermined status, or a deciding NaN, gives 255.
 */
export function timeRelatedUnderemployment(input: UnderemploymentInput, threshold: number): Uint8Array {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
    throw new Error(`timeRelatedUnderemployment: threshold (hours, a national choice) must be a positive number, got ${String(threshold)}`);
  }
  const { status, wantsMoreHours, availableMoreHours, hours } = input;
  const n = status.length;
  if (wantsMoreHours.length !== n) throw new Error(`timeRelatedUnderemployment: wantsMoreHours has ${wantsMoreHours.length} rows, status has ${n}`);
  if (availableMoreHours.length !== n) throw new Error(`timeRelatedUnderemployment: availableMoreHours has ${availableMoreHours.length} rows, status has ${n}`);
  if (hours.length !== n) throw new Error(`timeRelatedUnderemployment: hours has ${hours.length} rows, status has ${n}`);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const st = checkStatus(status, i);
    if (st === UNDETERMINED) {
      out[i] = UNDETERMINED;
      continue;
    }
    if (st !== EMPLOYED) continue;
    const w = yesNo(wantsMoreHours, i, 'wantsMoreHours');
    const av = yesNo(availableMoreHours, i, 'availableMoreHours');
    const h = hours[i] as number;
    const below = h !== h ? NaN : h < threshold ? 1 : 0;
    const p = and(and(w, av), below);
    out[i] = p === 1 ? 1 : p === 0 ? 0 : UNDETERMINED;
  }
  return out;
}
