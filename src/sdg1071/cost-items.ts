/**
 * Worker-paid recruitment costs RC_i from cost items (spec sdg1071.md §3, rules 10-14, and rule 25), in the common
 * currency, by the item rules:
 * - an item counts when the worker or the family paid it (cost_paid_by worker/family), or when the employer (or
 *   someone else) paid it but deducted it from the worker's wages (cost_deducted yes: then the worker paid it, rule 12);
 *   employer- or other-paid items that were not deducted are left out. Without cost_paid_by every item is taken as
 *   paid by the worker; an item whose payer is missing is taken as paid by the worker and counted;
 * - interest on loans taken to pay for migration (cost_type loan-interest) is left out unless `includeInterest` (rule 13);
 * - irregular payments (bribes, kickbacks, bonds, ...: cost_type irregular) count (rule 11c);
 * - zero costs are data: a worker with no items, or only items that do not count, has RC_i = 0 and stays in (rule 14);
 * - an item that counts but has no amount makes RC_i unknown: the worker is left out and counted (rule 25);
 * - each amount is converted at the rate of the month of its cost_date; an item without a date at the month of the
 *   reference job's start (counted);
 * - the deducted items (cost_deducted yes, whoever paid them, interest included) are summed separately for the net
 *   earnings rule (earnings.ts).
 */
import type { Table } from '../io/table.js';
import { type NumberAt, type TextAt, numberColumn, required, textColumn } from './columns.js';
import { Sdg1071Error } from './errors.js';
import { type Deflator, type ExchangeRates, convert, deflatorFactor, monthOfDays } from './exchange-rates.js';

/** Counts of cost items by how the rules treated them. */
export interface CostItemCounts {
  readonly items: number;
  /** Items of no worker of the table (cost rows whose key matches no person record). */
  readonly unmatched: number;
  /** Items of workers out of scope (not looked at further). */
  readonly outOfScope: number;
  readonly counted: number;
  readonly paidByFamily: number;
  readonly deductedFromWages: number;
  readonly employerPaidExcluded: number;
  readonly interestExcluded: number;
  readonly interestIncluded: number;
  readonly irregularIncluded: number;
  readonly payerNotStated: number;
  readonly amountMissing: number;
  /** Items without cost_date, converted at the month of the reference job's start. */
  readonly dateFallback: number;
}

export interface WorkerCosts {
  /** RC_i in the common currency (0 for no items; NaN when an item that counts has no amount). */
  readonly rc: Float64Array;
  /** Deducted amounts (cost_deducted yes) in the common currency, for the net earnings rule. */
  readonly deducted: Float64Array;
  readonly counts: CostItemCounts;
}

/** The key of a row: household_id and person_id joined (as profile/apply.ts links cost items), or person_id alone. */
export function rowKeys(table: Table, useHousehold: boolean): (i: number) => string | null {
  const pid = required(textColumn(table, 'person_id'), table, 'person_id', 'cost items are linked to workers by household_id and person_id');
  const hh = useHousehold ? textColumn(table, 'household_id')! : undefined;
  return (i) => {
    const p = pid(i);
    if (p === null) return null;
    if (!hh) return p;
    const h = hh(i);
    return h === null ? null : `${h}\u0001${p}`;
  };
}

export interface CostContext {
  readonly fx: ExchangeRates;
  readonly deflator?: Deflator;
  readonly deflatorBaseYear: number;
  readonly includeInterest: boolean;
  /** Row of the worker of each key (person records only). */
  readonly workerOf: ReadonlyMap<string, number>;
  /** 1 where the worker is in scope so far (costs are looked at only there). */
  readonly inScope: Uint8Array;
  /** Start of the reference job of each worker row (days since 1970-01-01), for items without a date. */
  readonly jobStart: NumberAt;
}

/** RC_i and the deducted amounts of every worker row (module doc). */
export function workerCosts(costs: Table | undefined, nWorkers: number, ctx: CostContext): WorkerCosts {
  const rc = new Float64Array(nWorkers);
  const deducted = new Float64Array(nWorkers);
  const c = { items: 0, unmatched: 0, outOfScope: 0, counted: 0, paidByFamily: 0, deductedFromWages: 0, employerPaidExcluded: 0, interestExcluded: 0, interestIncluded: 0, irregularIncluded: 0, payerNotStated: 0, amountMissing: 0, dateFallback: 0 };
  if (!costs) return { rc, deducted, counts: c };
  const useHousehold = costs.columns.has('household_id');
  const key = rowKeys(costs, useHousehold);
  const amount = required(numberColumn(costs, 'cost_amount'), costs, 'cost_amount', 'the amount of each cost item');
  const currency: TextAt | undefined = textColumn(costs, 'cost_currency');
  const date = numberColumn(costs, 'cost_date');
  const payer = textColumn(costs, 'cost_paid_by');
  const type = textColumn(costs, 'cost_type');
  const ded = textColumn(costs, 'cost_deducted');
  for (let j = 0; j < costs.nrows; j++) {
    c.items++;
    const k = key(j);
    const w = k === null ? undefined : ctx.workerOf.get(k);
    if (w === undefined) {
      c.unmatched++;
      continue;
    }
    if (!ctx.inScope[w]) {
      c.outOfScope++;
      continue;
    }
    const isDeducted = ded?.(j) === 'yes';
    const by = payer?.(j) ?? null;
    const isInterest = type?.(j) === 'loan-interest';
    const workerPaid = by === null || by === 'worker' || by === 'family' || by === 'not-stated';
    const counts = (workerPaid || isDeducted) && (!isInterest || ctx.includeInterest);
    if (!counts && !isDeducted) {
      if (isInterest && (workerPaid || isDeducted)) c.interestExcluded++;
      else c.employerPaidExcluded++;
      continue;
    }
    if (!counts && isInterest) c.interestExcluded++;
    const a = amount(j);
    if (Number.isNaN(a)) {
      if (counts) {
        c.amountMissing++;
        rc[w] = NaN;
      }
      continue;
    }
    const where = `${costs.source} row ${j + 1} (cost item of person ${k!.replace('\u0001', '/')})`;
    const cur = currency?.(j) ?? null;
    if (cur === null || cur === 'not-stated') {
      if (!currency) throw new Sdg1071Error(`${costs.source}: no column "cost_currency"; map the standard variable cost_currency (or give it as a constant value in the profile)`);
      throw new Sdg1071Error(`${where}, column cost_currency: no currency for the amount ${a}`);
    }
    let day = date ? date(j) : NaN;
    if (Number.isNaN(day)) {
      day = ctx.jobStart(w);
      c.dateFallback++;
    }
    const month = monthOfDays(day);
    let base = convert(ctx.fx, a, cur, month, `${where}, cost_amount ${a} ${cur} of ${month}`);
    if (ctx.deflator) base *= deflatorFactor(ctx.deflator, Number(month.slice(0, 4)), ctx.deflatorBaseYear, where);
    if (isDeducted) deducted[w]! += base;
    if (!counts) continue;
    rc[w]! += base;
    c.counted++;
    if (by === 'family') c.paidByFamily++;
    if (by === null || by === 'not-stated') c.payerNotStated++;
    if (isDeducted) c.deductedFromWages++;
    if (isInterest) c.interestIncluded++;
    if (type?.(j) === 'irregular') c.irregularIncluded++;
  }
  return { rc, deducted, counts: c };
}
