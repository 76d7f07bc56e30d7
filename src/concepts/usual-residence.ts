/**
 * Usual residence in the country of measurement by the UN 12-month rule (criterion (b), the default) or its 6-month
 * variant (criterion (a)), from the months lived in the country since arrival and the total intended duration of stay
 * since arrival, as the 20th ICLS (2018) Guidelines take it from the UN recommendations (spec icls.md section 1.6).
 *
 * Numbers: NaN = missing. Yes/no items: 1 = yes, 0 = no, NaN = missing. Decisions use three-valued logic: a missing
 * value that cannot change the outcome is ignored; one that can makes the row undetermined (255), counted with a reason.
 */
import type { YesNoItem } from './labour-force-status.js';

/** The usual-residence rule: '12-months' (UN criterion (b); default) or '6-months' (UN criterion (a)). */
export type ResidenceRule = '12-months' | '6-months';
export const RESIDENCE_RULES: readonly ResidenceRule[] = ['12-months', '6-months'];

export interface UsualResidenceInput {
  /** Months lived in the country since arrival (of the last international move); NaN = missing or not asked. */
  monthsInCountry: ArrayLike<number>;
  /** Total intended duration of stay since arrival, in months; NaN = missing or not asked. */
  intendedStayMonths: ArrayLike<number>;
  /**
   * Born in the country of measurement (yes/no item). Used only where months and intended stay are both missing:
   * a native-born person who never moved (so was never asked) is a usual resident. Absent = no such information.
   */
  bornHere?: YesNoItem;
}

export interface UsualResidenceOptions {
  /** Default '12-months'. */
  rule?: ResidenceRule;
}

export interface UsualResidenceResult {
  /** 1 = usual resident, 0 = not a usual resident, 255 = undetermined. */
  resident: Uint8Array;
  rule: ResidenceRule;
  /** Rows made residents because months and intended stay are missing and the person was born here (never moved). */
  neverMoved: number;
  /** Rows coded 255: their count, the first 20 row indices (0-based), counts by reason. */
  undetermined: { count: number; rows: number[]; reasons: Record<string, number> };
}

const MAX_ROWS_SHOWN = 20;
const UNDETERMINED = 255;
const REASONS = [
  'monthsInCountry and intendedStayMonths missing, not known to be born here',
  'monthsInCountry missing',
  'intendedStayMonths missing',
] as const;
const R_BOTH = 0, R_MONTHS = 1, R_INTENDED = 2;

function duration(values: ArrayLike<number>, i: number, name: string): number {
  const v = values[i] as number;
  if (v !== v) return v;
  if (typeof v !== 'number' || v < 0 || v === Infinity) {
    throw new Error(`usualResident: ${name} ${String(v)} at index ${i} is not a number of months >= 0 (missing: NaN)`);
  }
  return v;
}

/**
 * Usual resident (1/0/255): UN Principles and Recommendations for Population and Housing Censuses Rev.3 12-month rule as in spec icls.md 1.6 paras 14 and 16.
 *
 * '12-months' (criterion (b), default): resident when months in the country >= 12 or total intended stay >= 12
 * months. '6-months' (criterion (a)): resident when months in the country > 6 (at least six months and one day) or
 * intended stay >= 6 months. Where both durations are missing, a person born here (`bornHere` = 1) never moved and
 * is a resident (counted in `neverMoved`); anyone else is undetermined, as is a row whose missing duration decides.
 */
export function usualResident(input: UsualResidenceInput, options: UsualResidenceOptions = {}): UsualResidenceResult {
  const rule = options.rule ?? '12-months';
  if (!RESIDENCE_RULES.includes(rule)) {
    throw new Error(`usualResident: rule "${String(rule)}" is not one of ${RESIDENCE_RULES.join(', ')}`);
  }
  const { monthsInCountry, intendedStayMonths, bornHere } = input;
  const n = monthsInCountry.length;
  if (intendedStayMonths.length !== n) throw new Error(`usualResident: intendedStayMonths has ${intendedStayMonths.length} rows, monthsInCountry has ${n}`);
  if (bornHere !== undefined && bornHere.length !== n) throw new Error(`usualResident: bornHere has ${bornHere.length} rows, monthsInCountry has ${n}`);
  const twelve = rule === '12-months';
  const resident = new Uint8Array(n);
  const reasonCounts = [0, 0, 0];
  const rows: number[] = [];
  let count = 0;
  let neverMoved = 0;
  for (let i = 0; i < n; i++) {
    const m = duration(monthsInCountry, i, 'monthsInCountry');
    const d = duration(intendedStayMonths, i, 'intendedStayMonths');
    // lived / intends: 1, 0 or NaN (missing)
    const lived = m !== m ? NaN : (twelve ? m >= 12 : m > 6) ? 1 : 0;
    const intends = d !== d ? NaN : (twelve ? d >= 12 : d >= 6) ? 1 : 0;
    if (lived === 1 || intends === 1) {
      resident[i] = 1;
      continue;
    }
    if (lived === 0 && intends === 0) continue;
    let reason: number;
    if (lived !== lived && intends !== intends) {
      const b = bornHere === undefined ? NaN : (bornHere[i] as number);
      if (b === 1) {
        resident[i] = 1;
        neverMoved++;
        continue;
      }
      if (b !== 0 && b === b) {
        throw new Error(`usualResident: bornHere value ${String(b)} at index ${i}; a yes/no item holds 1 = yes, 0 = no, NaN = missing`);
      }
      reason = R_BOTH;
    } else {
      reason = lived !== lived ? R_MONTHS : R_INTENDED;
    }
    resident[i] = UNDETERMINED;
    reasonCounts[reason]!++;
    if (rows.length < MAX_ROWS_SHOWN) rows.push(i);
    count++;
  }
  const reasons: Record<string, number> = {};
  REASONS.forEach((r, k) => {
    if (reasonCounts[k]! > 0) reasons[r] = reasonCounts[k]!;
  });
  return { resident, rule, neverMoved, undetermined: { count, rows, reasons } };
}
