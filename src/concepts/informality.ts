/**
 * Informal employment (main job) after the 21st ICLS (2023) Resolution concerning statistics on the informal economy
 * (default) or the 17th ICLS (2003) Guidelines concerning a statistical definition of informal employment (option),
 * spec icls.md section 2.4, from the status in employment (ICSE-18 or ICSE-93) and yes/no items.
 *
 * Decision rules, in order:
 * 1. Contributing family workers (ICSE-18 51, ICSE-93 5) are informal (paras 33-34).
 * 2. Dependent workers in employment for pay, i.e. employees (ICSE-18 41-44, ICSE-93 1), are formal when their
 *    employer contributes to social insurance for the job. Under ICLS21 an employee not so covered is still formal
 *    when entitled to both paid annual leave and paid sick leave (where the survey has both leave items); under
 *    ICLS17 social insurance alone decides.
 * 3. Independent workers (employers 11, 12, owner-operators of corporations 21, own-account workers 22) and
 *    dependent contractors (30), and ICSE-93 employers (2), own-account workers (3) and members of producers'
 *    cooperatives (4), are informal when their economic unit is informal. Under ICLS21 registration decides, and
 *    the complete-accounts item (when given) decides only where registration is missing; under ICLS17 (the 15th ICLS
 *    informal sector) a unit that is registered or keeps complete accounts is formal, and only a unit that is neither
 *    is informal (an item the survey lacks counts as "no").
 * 4. ICSE-93 6 (not classifiable) and a missing status in employment of an employed person are undetermined.
 *
 * Output per row: 1 informal, 0 formal (or not employed, when `status` is given), 255 undetermined, with counts by
 * reason. Yes/no items: 1 yes, 0 no, NaN missing; three-valued logic, as in labour-force-status.ts.
 */
import { LF_STATUS, type YesNoItem } from './labour-force-status.js';

/** The informality standard: 21st ICLS (2023, default) or 17th ICLS (2003). */
export type InformalityStandard = 'ICLS21' | 'ICLS17';
export const INFORMALITY_STANDARDS: readonly InformalityStandard[] = ['ICLS21', 'ICLS17'];

export interface InformalityInput {
  /** LF_STATUS codes: when given, persons not employed are 0 and undetermined status is 255; absent = every row is employed. */
  status?: Uint8Array;
  /** Status in employment of the main job, ICSE-18 ('11' .. '51' or numbers 11 .. 51); give this or icse93. */
  icse18?: ArrayLike<string | number | null>;
  /** Status in employment of the main job, ICSE-93 ('1' .. '6' or numbers); used when icse18 is absent. */
  icse93?: ArrayLike<string | number | null>;
  /** The employer contributes to social insurance (pension) for the job (employees). */
  socialInsurance?: YesNoItem;
  /** Entitled to paid annual leave (employees; ICLS21, with paidSickLeave). */
  paidAnnualLeave?: YesNoItem;
  /** Entitled to paid sick leave (employees; ICLS21, with paidAnnualLeave). */
  paidSickLeave?: YesNoItem;
  /** The economic unit is registered (independent workers, dependent contractors). */
  unitRegistered?: YesNoItem;
  /** The economic unit keeps a complete set of accounts (independent workers, dependent contractors). */
  unitCompleteAccounts?: YesNoItem;
}

export interface InformalityOptions {
  /** Default 'ICLS21'. */
  standard?: InformalityStandard;
}

export interface InformalityResult {
  /** 1 informal, 0 formal or not employed, 255 undetermined. */
  informal: Uint8Array;
  standard: InformalityStandard;
  /** The status classification used: ICSE-18 when given, else ICSE-93. */
  classification: 'ICSE18' | 'ICSE93';
  /** Whether the ICLS21 employee rule used the paid-leave items (both given). */
  leaveItemsUsed: boolean;
  /** Rows coded 255: their count, the first 20 row indices (0-based), counts by reason. */
  undetermined: { count: number; rows: number[]; reasons: Record<string, number> };
}

const MAX_ROWS_SHOWN = 20;
const UNDETERMINED = 255;

/** Kind of worker of a status code. */
const FAMILY = 1, EMPLOYEE = 2, INDEPENDENT = 3, NOT_CLASSIFIABLE = 4;
const KIND_18: Readonly<Record<string, number>> = {
  11: INDEPENDENT, 12: INDEPENDENT, 21: INDEPENDENT, 22: INDEPENDENT, 30: INDEPENDENT,
  41: EMPLOYEE, 42: EMPLOYEE, 43: EMPLOYEE, 44: EMPLOYEE, 51: FAMILY,
};
const KIND_93: Readonly<Record<string, number>> = { 1: EMPLOYEE, 2: INDEPENDENT, 3: INDEPENDENT, 4: INDEPENDENT, 5: FAMILY, 6: NOT_CLASSIFIABLE };

const REASONS = [
  'status undetermined',
  'status in employment missing',
  'status in employment not classifiable',
  'socialInsurance missing',
  'paid leave missing',
  'unitRegistered missing',
  'unitCompleteAccounts missing',
] as const;
const R_STATUS = 0, R_ICSE_MISSING = 1, R_NOT_CLASSIFIABLE = 2, R_INSURANCE = 3, R_LEAVE = 4, R_UNIT = 5, R_ACCOUNTS = 6;

function yesNo(item: YesNoItem, i: number, name: string): number {
  const v = item[i] as number;
  if (v === 1 || v === 0 || v !== v) return v;
  throw new Error(`informalEmployment: ${name} value ${String(v)} at index ${i}; a yes/no item holds 1 = yes, 0 = no, NaN = missing`);
}

/**
 * Informal employment (1/0/255): 21st ICLS 2023 Resolution concerning statistics on the informal economy (default) or 17th ICLS 2003 guidelines, spec icls.md 2.4 paras 33-34.
 *
 * See the module comment for the decision rules. Items needed: socialInsurance (or, under ICLS21, both leave items)
 * when there are employees; unitRegistered (or unitCompleteAccounts) when there are independent workers; a row whose
 * deciding item is missing is undetermined with a reason.
 */
export function informalEmployment(input: InformalityInput, options: InformalityOptions = {}): InformalityResult {
  const standard = options.standard ?? 'ICLS21';
  if (!INFORMALITY_STANDARDS.includes(standard)) {
    throw new Error(`informalEmployment: standard "${String(standard)}" is not one of ${INFORMALITY_STANDARDS.join(', ')}`);
  }
  const icls21 = standard === 'ICLS21';
  const classification = input.icse18 !== undefined ? 'ICSE18' : 'ICSE93';
  const codes = input.icse18 ?? input.icse93;
  if (codes === undefined) throw new Error('informalEmployment: needs input.icse18 or input.icse93 (status in employment)');
  const kinds = classification === 'ICSE18' ? KIND_18 : KIND_93;
  const { status, socialInsurance: insurance, paidAnnualLeave: annual, paidSickLeave: sick, unitRegistered: registered, unitCompleteAccounts: accounts } = input;
  const n = codes.length;
  const items: [string, ArrayLike<unknown> | undefined][] = [
    ['status', status], ['socialInsurance', insurance], ['paidAnnualLeave', annual], ['paidSickLeave', sick],
    ['unitRegistered', registered], ['unitCompleteAccounts', accounts],
  ];
  for (const [name, item] of items) {
    if (item !== undefined && item.length !== n) throw new Error(`informalEmployment: ${name} has ${item.length} rows, ${classification.toLowerCase()} has ${n}`);
  }
  const leaveItemsUsed = icls21 && annual !== undefined && sick !== undefined;
  if (insurance === undefined && !leaveItemsUsed) {
    throw new Error(`informalEmployment: employees need input.socialInsurance${icls21 ? ' (or both paidAnnualLeave and paidSickLeave)' : ''}`);
  }
  if (registered === undefined && accounts === undefined) {
    throw new Error('informalEmployment: independent workers need input.unitRegistered (or unitCompleteAccounts)');
  }

  const informal = new Uint8Array(n);
  const reasonCounts = new Array<number>(REASONS.length).fill(0);
  const rows: number[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    let reason = -1;
    if (status !== undefined) {
      const s = status[i] as number;
      if (s === LF_STATUS.undetermined) reason = R_STATUS;
      else if (s === LF_STATUS.notWorkingAge || s === LF_STATUS.unemployed || s === LF_STATUS.outside) continue;
      else if (s !== LF_STATUS.employed) throw new Error(`informalEmployment: status code ${s} at index ${i} is not an LF_STATUS code (0, 1, 2, 3, 255)`);
    }
    if (reason < 0) {
      const v = codes[i];
      let kind = 0;
      if (v === null || v === undefined || v === '' || v === 'not-stated' || (typeof v === 'number' && v !== v)) reason = R_ICSE_MISSING;
      else {
        kind = kinds[typeof v === 'number' ? String(v) : v] ?? 0;
        if (kind === 0) {
          throw new Error(`informalEmployment: ${classification} code ${JSON.stringify(v)} at index ${i} is not one of ${Object.keys(kinds).join(', ')} (missing: null, '', 'not-stated' or NaN)`);
        }
      }
      if (kind === FAMILY) {
        informal[i] = 1;
        continue;
      }
      if (kind === NOT_CLASSIFIABLE) reason = R_NOT_CLASSIFIABLE;
      else if (kind === EMPLOYEE) {
        // a survey without the insurance item (ICLS21 with both leave items) decides on leave alone
        const ins = insurance === undefined ? 0 : yesNo(insurance, i, 'socialInsurance');
        let formal = ins;
        if (leaveItemsUsed && ins !== 1) {
          const a = yesNo(annual!, i, 'paidAnnualLeave');
          const k = yesNo(sick!, i, 'paidSickLeave');
          const leave = a === 0 || k === 0 ? 0 : a === 1 && k === 1 ? 1 : NaN;
          formal = leave === 1 ? 1 : ins === 0 && leave === 0 ? 0 : NaN;
          if (formal !== formal) reason = ins !== ins ? R_INSURANCE : R_LEAVE;
        } else if (formal !== formal) reason = R_INSURANCE;
        if (reason < 0) {
          informal[i] = formal === 1 ? 0 : 1;
          continue;
        }
      } else if (kind === INDEPENDENT) {
        const reg = registered === undefined ? NaN : yesNo(registered, i, 'unitRegistered');
        const acc = accounts === undefined ? NaN : yesNo(accounts, i, 'unitCompleteAccounts');
        let formal: number;
        if (icls21) formal = reg === reg ? reg : acc;
        else {
          // either criterion formalises the unit; an item the survey lacks counts as "no"
          const r = registered === undefined ? 0 : reg;
          const c = accounts === undefined ? 0 : acc;
          formal = r === 1 || c === 1 ? 1 : r === 0 && c === 0 ? 0 : NaN;
        }
        if (formal === formal) {
          informal[i] = formal === 1 ? 0 : 1;
          continue;
        }
        reason = icls21 || reg !== reg ? R_UNIT : R_ACCOUNTS;
      }
    }
    informal[i] = UNDETERMINED;
    reasonCounts[reason]!++;
    if (rows.length < MAX_ROWS_SHOWN) rows.push(i);
    count++;
  }
  const reasons: Record<string, number> = {};
  REASONS.forEach((r, k) => {
    if (reasonCounts[k]! > 0) reasons[r] = reasonCounts[k]!;
  });
  return { informal, standard, classification, leaveItemsUsed, undetermined: { count, rows, reasons } };
}
