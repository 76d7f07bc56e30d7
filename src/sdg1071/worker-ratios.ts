/**
 * Per-worker amounts and ratios (spec sdg1071.md §4-5, rules 15-19): for every row of the workers table its scope
 * (scope.ts), RC_i (cost-items.ts), E_i and r_i = RC_i / E_i in months of earnings, all in the common currency.
 *
 * Earnings E_i (rules 15-18): first_month_earnings of the reference job, converted at the rate of the month of
 * job_start_date (the first month the earnings refer to), deflated with the amounts when a deflator is given. Gross is
 * the concept (rule 17 [R]). For a record with first_month_earnings_basis `net`, the rule `add-back-deductions` (default)
 * adds the amounts deducted from wages for recruitment costs (cost items with cost_deducted yes) back, so that a cost the
 * employer recovered from wages is in RC_i and not also out of E_i (rule 17 [I]; the deduction is taken as made from the
 * first month's wages: a deduction spread over several months is over-added); `as-given` takes net earnings as they are
 * and counts the records. A missing basis is taken as gross (counted).
 */
import type { Table } from '../io/table.js';
import { textColumn } from './columns.js';
import { type CostItemCounts, rowKeys, workerCosts } from './cost-items.js';
import { Sdg1071Error } from './errors.js';
import { type Deflator, type ExchangeRates, convert, deflatorFactor, monthOfDays } from './exchange-rates.js';
import type { ResolvedSdg1071Options } from './options.js';
import { EXCLUSION_ORDER, type ExclusionReason, januaryFirst, scopeColumns, scopeReason } from './scope.js';

export interface WorkerRatios {
  /** 1 for the workers in the indicator (in scope, E_i > 0, RC_i known). */
  readonly inScope: Uint8Array;
  /** Per row, the exclusion reason's index in EXCLUSION_ORDER (-1 in scope). */
  readonly reason: Int8Array;
  /** RC_i, E_i and r_i in the common currency (0 outside the scope). */
  readonly rc: Float64Array;
  readonly e: Float64Array;
  readonly r: Float64Array;
  readonly costItems: CostItemCounts;
  /** Net-basis records: earnings with deductions added back, and taken as given. */
  readonly netAddedBack: number;
  readonly netAsGiven: number;
  readonly basisNotStated: number;
  /** First day of the reference window (ISO date). */
  readonly windowStart: string;
}

export interface WorkerInput {
  readonly workers: Table;
  readonly costs?: Table;
  readonly rates: ExchangeRates;
  readonly deflator?: Deflator;
  readonly surveyYear: number;
}

/** The per-worker scope, amounts and ratios (module doc). */
export function workerRatios(input: WorkerInput, o: ResolvedSdg1071Options): WorkerRatios {
  const { workers, rates } = input;
  const n = workers.nrows;
  if (!Number.isInteger(input.surveyYear) || input.surveyYear < 1900 || input.surveyYear > 2200) throw new Sdg1071Error(`survey year ${input.surveyYear}: expected a calendar year`);
  const sc = scopeColumns(workers);
  const windowStartDay = januaryFirst(input.surveyYear - o.windowYears);
  const reason = new Int8Array(n).fill(-1);
  const inScope = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const why = scopeReason(sc, i, windowStartDay);
    if (why === null) inScope[i] = 1;
    else reason[i] = EXCLUSION_ORDER.indexOf(why);
  }
  // cost items, linked to the person records by household_id + person_id (as profile/apply.ts links them)
  const workerOf = new Map<string, number>();
  if (input.costs) {
    const key = rowKeys(workers, input.costs.columns.has('household_id') && workers.columns.has('household_id'));
    const record = textColumn(workers, 'record');
    for (let i = 0; i < n; i++) {
      if (record && record(i) !== null && record(i) !== 'person') continue;
      const k = key(i);
      if (k === null) continue;
      if (workerOf.has(k)) throw new Sdg1071Error(`${workers.source}: rows ${workerOf.get(k)! + 1} and ${i + 1} have the same person key ${k.replace('\u0001', '/')}; cost items cannot be linked`);
      workerOf.set(k, i);
    }
  }
  const deflatorBaseYear = o.deflatorBaseYear ?? input.surveyYear;
  const costs = workerCosts(input.costs, n, { fx: rates, deflator: input.deflator, deflatorBaseYear, includeInterest: o.includeInterest, workerOf, inScope, jobStart: sc.jobStart });
  const currency = textColumn(workers, 'first_month_earnings_currency');
  const basis = textColumn(workers, 'first_month_earnings_basis');
  const rc = new Float64Array(n);
  const e = new Float64Array(n);
  const r = new Float64Array(n);
  let netAddedBack = 0;
  let netAsGiven = 0;
  let basisNotStated = 0;
  const missingCost = EXCLUSION_ORDER.indexOf('cost-amount-missing' satisfies ExclusionReason);
  for (let i = 0; i < n; i++) {
    if (!inScope[i]) continue;
    if (Number.isNaN(costs.rc[i]!)) {
      inScope[i] = 0;
      reason[i] = missingCost;
      continue;
    }
    const where = `${workers.source} row ${i + 1}`;
    const cur = currency?.(i) ?? null;
    if (cur === null || cur === 'not-stated') {
      if (!currency) throw new Sdg1071Error(`${workers.source}: no column "first_month_earnings_currency"; map the standard variable (or give it as a constant value in the profile)`);
      throw new Sdg1071Error(`${where}, column first_month_earnings_currency: no currency for the earnings ${sc.earnings(i)}`);
    }
    const month = monthOfDays(sc.jobStart(i));
    let ei = convert(rates, sc.earnings(i), cur, month, `${where}, first_month_earnings ${sc.earnings(i)} ${cur} of ${month} (month of job_start_date)`);
    if (input.deflator) ei *= deflatorFactor(input.deflator, Number(month.slice(0, 4)), deflatorBaseYear, where);
    const b = basis?.(i) ?? null;
    if (b === 'net') {
      if (o.netEarnings === 'add-back-deductions') {
        ei += costs.deducted[i]!;
        if (costs.deducted[i]! > 0) netAddedBack++;
      } else netAsGiven++;
    } else if (b !== 'gross') basisNotStated++;
    rc[i] = costs.rc[i]!;
    e[i] = ei;
    r[i] = rc[i]! / ei;
  }
  const windowStart = new Date(windowStartDay * 86_400_000).toISOString().slice(0, 10);
  return { inScope, reason, rc, e, r, costItems: costs.counts, netAddedBack, netAsGiven, basisNotStated, windowStart };
}
