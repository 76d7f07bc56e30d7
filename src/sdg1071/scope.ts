/**
 * Who is measured (spec sdg1071.md §2, rules 7-9, and rule 18): the in-scope migrant workers of a table of standard
 * variables, and for every other record the first reason it is left out. Nothing is dropped silently: every record
 * gets a reason or is in scope, and the reasons are counted (with their weights) in the output metadata.
 */
import type { Table } from '../io/table.js';
import { type NumberAt, type TextAt, numberColumn, required, textColumn } from './columns.js';

/** Why a record is not in the indicator, in the order the rules are applied (the first that applies is recorded). */
export type ExclusionReason =
  | 'no-reference-job'
  | 'self-employed'
  | 'other-status'
  | 'short-term'
  | 'residence-change-not-stated'
  | 'non-work-migrant'
  | 'reason-not-stated'
  | 'job-start-missing'
  | 'job-before-window'
  | 'earnings-missing'
  | 'earnings-zero'
  | 'cost-amount-missing';

/** Each reason in words, with the spec rule it applies. */
export const EXCLUSION_REASONS: Readonly<Record<ExclusionReason, { readonly text: string; readonly rule: string }>> = {
  'no-reference-job': { text: 'no reference job abroad (job_status_abroad missing): not a migrant worker of the survey', rule: '7' },
  'self-employed': { text: 'moved for self-employment (job_status_abroad self-employed)', rule: '8' },
  'other-status': { text: 'reference job not as an employee (job_status_abroad other or not stated)', rule: '7-8' },
  'short-term': { text: 'short-term migrant worker: did not change country of usual residence', rule: '8' },
  'residence-change-not-stated': { text: 'change of usual residence not stated (changed_usual_residence missing)', rule: '8' },
  'non-work-migrant': { text: 'migrated for reasons other than work (family, study, protection, other)', rule: '8' },
  'reason-not-stated': { text: 'reason for migration not stated (reason_for_migration missing)', rule: '8' },
  'job-start-missing': { text: 'start date of the reference job missing (job_start_date)', rule: '9' },
  'job-before-window': { text: 'reference job started before the reference window', rule: '9' },
  'earnings-missing': { text: 'first-month earnings missing: no ratio', rule: '18' },
  'earnings-zero': { text: 'first-month earnings zero: no ratio', rule: '18' },
  'cost-amount-missing': { text: 'amount missing for a cost item that counts in RC: RC unknown', rule: '25' },
};

export const EXCLUSION_ORDER = Object.keys(EXCLUSION_REASONS) as ExclusionReason[];

/** Reasons for migration that are work (standard codes of reason_for_migration). */
export const WORK_REASONS: readonly string[] = ['work-job-found', 'work-seeking', 'work'];

/** The standard variables of the scope, read by row. */
export interface ScopeColumns {
  readonly status: TextAt;
  readonly changedResidence: TextAt | undefined;
  readonly reason: TextAt | undefined;
  readonly jobStart: NumberAt;
  readonly earnings: NumberAt;
}

export function scopeColumns(workers: Table): ScopeColumns {
  const why = 'needed by the SDG 10.7.1 scope';
  return {
    status: required(textColumn(workers, 'job_status_abroad'), workers, 'job_status_abroad', why),
    changedResidence: textColumn(workers, 'changed_usual_residence'),
    reason: textColumn(workers, 'reason_for_migration'),
    jobStart: required(numberColumn(workers, 'job_start_date'), workers, 'job_start_date', why),
    earnings: required(numberColumn(workers, 'first_month_earnings'), workers, 'first_month_earnings', 'the denominator E'),
  };
}

/** Days since 1970-01-01 of 1 January of a year. */
export const januaryFirst = (year: number): number => Date.UTC(year, 0, 1) / 86_400_000;

/**
 * The first exclusion reason of row i under rules 7-9 and 18 (null: in scope so far; missing cost amounts are found
 * with the cost items). `windowStart` is the first day of the window (days since 1970-01-01).
 */
export function scopeReason(c: ScopeColumns, i: number, windowStart: number): ExclusionReason | null {
  const status = c.status(i);
  if (status === null) return 'no-reference-job';
  if (status === 'self-employed') return 'self-employed';
  if (status !== 'employee') return 'other-status';
  if (c.changedResidence) {
    const ch = c.changedResidence(i);
    if (ch === 'no') return 'short-term';
    if (ch !== 'yes') return 'residence-change-not-stated';
  }
  if (c.reason) {
    const r = c.reason(i);
    if (r === null || r === 'not-stated') return 'reason-not-stated';
    if (!WORK_REASONS.includes(r)) return 'non-work-migrant';
  }
  const start = c.jobStart(i);
  if (Number.isNaN(start)) return 'job-start-missing';
  if (start < windowStart) return 'job-before-window';
  const e = c.earnings(i);
  if (Number.isNaN(e)) return 'earnings-missing';
  if (e <= 0) return 'earnings-zero';
  return null;
}
