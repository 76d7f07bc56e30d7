/**
 * truth.json of the Atlantis recruitment cost survey: SDG 10.7.1 computed on EVERY worker of the population, with its
 * own code (not src/sdg1071), under the rules stated in the file (spec sdg1071.md §2-§5):
 * - scope: the first job in the last destination started on or after 1 January (survey year - window), the worker was
 *   an employee, changed the country of usual residence, and migrated for work (reason work-job-found, work-seeking or
 *   work);
 * - RC_i: items paid by the worker or the family, and items deducted from wages (whoever is recorded as payer), each
 *   converted to US dollars at the rate of its cost_date's month; loan interest excluded (option); employer- and
 *   other-paid items not deducted are excluded; a counted item without an amount makes RC_i missing (rule 25);
 * - E_i: first-month earnings in US dollars at the rate of the month of job_start_date; for net-basis records the
 *   deductions from wages recorded as cost items (cost_deducted yes) are added back (rule 17, gross before deductions);
 *   missing or zero E_i excludes the worker (rule 18);
 * - r_i = RC_i / E_i; RCI = mean of r_i (rule 20); median (lower-median convention of spec §10), ratio of means,
 *   share with RC > 0, mean RC and E (rule 21); r_i above 24 months counted, never trimmed (rule 26).
 */
import { CHANNELS, RCS_CORRIDORS, RCS_SURVEY_YEAR, RCS_WINDOW_YEARS } from './rcs-country.js';
import { currencyIndex, dayOf, deflator, monthOfDay, rateOf } from './rcs-fx.js';
import { COST_TYPES, JOB_STATUS, REASON_CODES, type RcsPopulation } from './rcs-population.js';

/** The options of the indicator the truth is computed under. */
export interface RcsRules {
  readonly surveyYear: number;
  readonly windowYears: number;
  readonly includeLoanInterest: boolean;
  /** Deflate RC and E to constant survey-year prices with deflator.csv (year of each amount's date). */
  readonly constantPrices: boolean;
}
export const DEFAULT_RULES: RcsRules = { surveyYear: RCS_SURVEY_YEAR, windowYears: RCS_WINDOW_YEARS, includeLoanInterest: false, constantPrices: false };

/**
 * Out-of-scope reasons in order of precedence (a worker is counted under the first that applies): status of the job
 * abroad (self-employed, other), no change of usual residence (short-term), a move not for work, a job before the
 * window. The names are those of src/sdg1071/scope.ts, which uses the same order.
 */
export const SCOPE_REASONS = ['self-employed', 'other-status', 'short-term', 'non-work-migrant', 'job-before-window'] as const;
/** In-scope workers the indicator cannot use, in order of precedence. */
export const EXCLUSION_REASONS = ['earnings-missing', 'earnings-zero', 'cost-amount-missing'] as const;
const WORK_REASONS = new Set(['work-job-found', 'work-seeking', 'work']);

/** Per-worker quantities: status 0 used, 1-5 out of scope (SCOPE_REASONS), 6-8 excluded (EXCLUSION_REASONS); RC, E in USD. */
export interface WorkerRatios {
  readonly status: Uint8Array;
  /** Reasons out of scope that apply, as bits (1 << k for SCOPE_REASONS[k]). */
  readonly scopeBits: Uint8Array;
  readonly rc: Float64Array;
  readonly e: Float64Array;
  readonly r: Float64Array;
}

/** The quantities of every worker of the population under the rules. */
export function workerRatios(pop: RcsPopulation, rules: RcsRules = DEFAULT_RULES): WorkerRatios {
  const W = pop.workers;
  const I = pop.items;
  const fx = pop.fx;
  const windowStart = dayOf(rules.surveyYear - rules.windowYears, 1, 1);
  const index = new Map(deflator().map((d) => [d.year, d.index]));
  const real = (usd: number, day: number): number => (rules.constantPrices ? (usd * 100) / index.get(Math.floor(monthOfDay(day) / 12))! : usd);
  const loan = COST_TYPES.indexOf('loan-interest');
  const status = new Uint8Array(W.count);
  const scopeBits = new Uint8Array(W.count);
  const rc = new Float64Array(W.count).fill(NaN);
  const e = new Float64Array(W.count).fill(NaN);
  const r = new Float64Array(W.count).fill(NaN);
  for (let i = 0; i < W.count; i++) {
    const job = JOB_STATUS[W.status[i]!];
    let bits = 0;
    if (job === 'self-employed') bits |= 1;
    if (job === 'other') bits |= 2;
    if (W.changedResidence[i] !== 1) bits |= 4;
    if (!WORK_REASONS.has(REASON_CODES[W.reason[i]!]!)) bits |= 8;
    if (W.jobStart[i]! < windowStart) bits |= 16;
    scopeBits[i] = bits;
    if (bits) {
      status[i] = 1 + Math.log2(bits & -bits);
      continue;
    }
    const reported = W.earnings[i]!;
    if (!(reported > 0)) {
      status[i] = Number.isNaN(reported) ? 6 : 7;
      continue;
    }
    // RC: items paid by the worker or family, or deducted from wages; loan interest per the rules. Deductions from
    // wages (any payer, any type) are also summed for the net-basis add-back.
    let cost = 0;
    let deductions = 0;
    let missing = false;
    for (let k = W.firstItem[i]!, end = k + W.items[i]!; k < end; k++) {
      const isDeducted = I.deducted[k] === 1;
      const counted = (I.paidBy[k]! <= 1 || isDeducted) && (I.type[k] !== loan || rules.includeLoanInterest);
      if (!counted && !isDeducted) continue;
      const amount = I.amount[k]!;
      if (Number.isNaN(amount)) {
        if (counted) missing = true;
        continue;
      }
      const usd = real(amount / rateOf(fx, I.currency[k]!, monthOfDay(I.date[k]!)), I.date[k]!);
      if (counted) cost += usd;
      if (isDeducted) deductions += usd;
    }
    if (missing) {
      status[i] = 8;
      continue;
    }
    const dest = currencyIndex(RCS_CORRIDORS[W.corridor[i]!]!.currency);
    const earnings = real(reported / rateOf(fx, dest, monthOfDay(W.jobStart[i]!)), W.jobStart[i]!) + (W.netBasis[i] === 1 ? deductions : 0);
    rc[i] = cost;
    e[i] = earnings;
    r[i] = cost / earnings;
  }
  return { status, scopeBits, rc, e, r };
}

/** A cell of the truth: mean of ratios and the number of population workers behind it. */
export interface TruthCell {
  readonly rci: number;
  readonly N: number;
}

/** Lower quantile of unit-weighted values (spec §10 convention): the smallest value whose cumulative count reaches p * N. */
export function lowerQuantile(values: readonly number[] | Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const target = p * sorted.length;
  for (let k = 0; k < sorted.length; k++) if (k + 1 >= target) return sorted[k]!;
  return NaN;
}

function means(keys: readonly string[], key: (i: number) => string, used: readonly number[], r: Float64Array): Record<string, TruthCell> {
  const sum = new Map<string, number>();
  const count = new Map<string, number>();
  for (const i of used) {
    const k = key(i);
    sum.set(k, (sum.get(k) ?? 0) + r[i]!);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  return Object.fromEntries(keys.filter((k) => count.has(k)).map((k) => [k, { rci: sum.get(k)! / count.get(k)!, N: count.get(k)! }]));
}

/** The headline values of one set of rules. */
export function indicatorValues(pop: RcsPopulation, rules: RcsRules = DEFAULT_RULES): Record<string, unknown> {
  const q = workerRatios(pop, rules);
  const W = pop.workers;
  const used: number[] = [];
  for (let i = 0; i < W.count; i++) if (q.status[i] === 0) used.push(i);
  let sumR = 0;
  let sumRc = 0;
  let sumE = 0;
  let positive = 0;
  let above24 = 0;
  let max = 0;
  for (const i of used) {
    sumR += q.r[i]!;
    sumRc += q.rc[i]!;
    sumE += q.e[i]!;
    if (q.rc[i]! > 0) positive++;
    if (q.r[i]! > 24) above24++;
    max = Math.max(max, q.r[i]!);
  }
  const n = used.length;
  const rs = used.map((i) => q.r[i]!);
  return {
    rci: sumR / n,
    N: n,
    by_sex: means(['M', 'F'], (i) => (W.sex[i] === 1 ? 'M' : 'F'), used, q.r),
    by_destination: means(RCS_CORRIDORS.map((c) => c.iso3), (i) => RCS_CORRIDORS[W.corridor[i]!]!.iso3, used, q.r),
    by_channel: means(CHANNELS, (i) => CHANNELS[W.channel[i]!]!, used, q.r),
    by_occupation_isco08_major: means(['1', '2', '3', '4', '5', '6', '7', '8', '9'], (i) => String(W.occupation[i]), used, q.r),
    median: lowerQuantile(rs, 0.5),
    p75: lowerQuantile(rs, 0.75),
    ratio_of_means: sumRc / sumE,
    share_rc_positive: positive / n,
    mean_rc_usd: sumRc / n,
    mean_e_usd: sumE / n,
    above_24_months: above24,
    max_ratio: max,
  };
}

/** Counts of the population by scope: first reason (precedence) and any reason, and the exclusions of in-scope workers. */
export function scopeCounts(pop: RcsPopulation, rules: RcsRules = DEFAULT_RULES): Record<string, unknown> {
  const q = workerRatios(pop, rules);
  const first: Record<string, number> = Object.fromEntries(SCOPE_REASONS.map((s) => [s, 0]));
  const any: Record<string, number> = Object.fromEntries(SCOPE_REASONS.map((s) => [s, 0]));
  const excluded: Record<string, number> = Object.fromEntries(EXCLUSION_REASONS.map((s) => [s, 0]));
  let inScope = 0;
  let used = 0;
  for (let i = 0; i < pop.workers.count; i++) {
    const s = q.status[i]!;
    SCOPE_REASONS.forEach((reason, k) => {
      if (q.scopeBits[i]! & (1 << k)) any[reason]!++;
    });
    if (s >= 1 && s <= SCOPE_REASONS.length) first[SCOPE_REASONS[s - 1]!]!++;
    else {
      inScope++;
      if (s === 0) used++;
      else excluded[EXCLUSION_REASONS[s - 1 - SCOPE_REASONS.length]!]!++;
    }
  }
  return { population: pop.workers.count, in_scope: inScope, out_of_scope: pop.workers.count - inScope, out_of_scope_first_reason: first, out_of_scope_any_reason: any, in_scope_excluded: excluded, used };
}

/** truth.json. */
export function computeRcsTruth(pop: RcsPopulation): Record<string, unknown> {
  const rules = DEFAULT_RULES;
  return {
    dataset: 'atlantis-rcs',
    country: 'ATL',
    survey_year: rules.surveyYear,
    population: { seed: pop.seed, workers: pop.workers.count, enumeration_areas: pop.areas.count, cost_items: pop.items.count },
    rules: {
      unit: 'months of earnings (SL_EMP_RCOST_MO): r_i = RC_i / E_i, both in US dollars',
      headline: 'mean of individual ratios over used workers (unit weights: every worker of the population), spec rule 20',
      reference_window: `first job in the last destination started on or after ${rules.surveyYear - rules.windowYears}-01-01 (window ${rules.windowYears} years before the survey year ${rules.surveyYear})`,
      scope: 'job_status_abroad employee, changed_usual_residence yes, reason_for_migration work-job-found, work-seeking or work, job in the window',
      scope_precedence: SCOPE_REASONS.join(', '),
      costs_counted: 'cost_paid_by worker or family, or cost_deducted yes (whoever is recorded as payer); employer- or other-paid items not deducted are excluded',
      loan_interest: 'excluded (cost_type loan-interest)',
      missing_cost_amount: 'a counted item without cost_amount makes RC_i missing: the worker is excluded and counted (rule 25); a worker with no cost row, or only uncounted rows, has RC_i = 0 and is kept',
      earnings: 'first_month_earnings; net-basis records: plus every item deducted from wages (cost_deducted yes, any payer), rule 17; missing or zero: excluded and counted (rule 18)',
      exclusion_precedence: EXCLUSION_REASONS.join(', '),
      exchange_rates: 'fx_rates.csv: units of currency per USD, monthly average; cost items at the month of cost_date, earnings at the month of job_start_date',
      prices: 'current prices (alternatives.constant_prices deflates RC and E by deflator.csv, year of each date, to 2024 = 100)',
      median: 'lower median: the smallest r_i whose cumulative count reaches N / 2 (spec section 10); p75 likewise at 0.75 N',
      outliers: 'no trimming; above_24_months counts r_i > 24 (flag them, rule 26)',
    },
    indicator: indicatorValues(pop, rules),
    scope: scopeCounts(pop, rules),
    alternatives: {
      include_loan_interest: pick(indicatorValues(pop, { ...rules, includeLoanInterest: true })),
      constant_prices: pick(indicatorValues(pop, { ...rules, constantPrices: true })),
    },
  };
}

function pick(v: Record<string, unknown>): Record<string, unknown> {
  return { rci: v.rci, N: v.N, median: v.median, ratio_of_means: v.ratio_of_means, mean_rc_usd: v.mean_rc_usd, mean_e_usd: v.mean_e_usd };
}
