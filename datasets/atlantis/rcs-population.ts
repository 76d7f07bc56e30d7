/**
 * The population of the Atlantis recruitment cost survey: every return migrant worker living in Atlantis who came back
 * between 2021-07 and 2024-06, in enumeration areas of the 10 strata (region x urban/rural), with the first job in the
 * last country of destination (corridor, channel, status, dates, first-month earnings) and the cost items of getting
 * it. Parameters: rcs-country.ts. One stream (RCS_STREAMS.population) draws everything after the exchange rates.
 *
 * This population is its own frame: it is not drawn from the LFS population of population.ts (Atlantis there is a
 * high-immigration destination; here it is the origin of labour emigration), so its size need not match the LFS's
 * return-worker counts.
 */
import {
  AGE_AT_START, CHANNELS, COSTS, CURRENCIES, EARNINGS_MODEL, OCCUPATION_PAY, ORIGIN_CURRENCY, RCS_AREAS, RCS_CORRIDORS, RCS_DEFAULT_WORKERS,
  RCS_FIELDWORK, RCS_GEOGRAPHY, RCS_RETURNS, RCS_STREAMS, REASONS, REGIONS, SHORT_STAY_MONTHS, type Channel, type Currency, type RcsCorridor,
} from './rcs-country.js';
import { SeededRandom, between, chance, childSeed, normal, pick } from './draw.js';
import { type FxTable, currencyIndex, firstDayOfMonth, generateFx, lastDayOfMonth, monthIndex, monthOfDay, rateOf } from './rcs-fx.js';

/** Codes of the job status abroad, reasons, paid-by and cost types (indices of the typed arrays). */
export const JOB_STATUS = ['employee', 'self-employed', 'other'] as const;
export const REASON_CODES = ['work-job-found', 'work-seeking', 'work', 'family', 'study', 'protection', 'other'] as const;
export const PAID_BY = ['worker', 'family', 'employer', 'other'] as const;
export const COST_TYPES = [
  'recruitment-fee', 'medical', 'insurance', 'skills-test', 'training', 'equipment', 'travel-lodging', 'administrative', 'irregular', 'loan-interest', 'other',
] as const;
/** Questionnaire items of the cost roster (`cost_item`), each with its ILO 2019 type. */
export const COST_ITEMS = [
  ['agent-fee', 'recruitment-fee'], ['agent-fee-deducted', 'recruitment-fee'], ['passport', 'administrative'], ['visa-permit', 'administrative'],
  ['medical-exam', 'medical'], ['medical-arrival', 'medical'], ['air-ticket', 'travel-lodging'], ['internal-travel', 'travel-lodging'],
  ['skills-test', 'skills-test'], ['language-course', 'training'], ['orientation', 'training'], ['welfare-fund', 'insurance'],
  ['equipment', 'equipment'], ['bribe', 'irregular'], ['bond', 'irregular'], ['loan-interest', 'loan-interest'], ['other', 'other'],
] as const;
export type CostItem = (typeof COST_ITEMS)[number][0];
const ITEM_INDEX = new Map<string, number>(COST_ITEMS.map(([name], k) => [name, k]));
const TYPE_INDEX = new Map<string, number>(COST_TYPES.map((t, k) => [t, k]));
/** Education codes of the files: 10 no schooling (ISCED X), 1-8 ISCED 2011 levels; the order of the mixes. */
export const EDUCATION_CODES = [10, 1, 2, 3, 4, 5, 6, 7, 8] as const;

export interface RcsAreas {
  readonly count: number;
  /** 1..10: (region - 1) * 2 + urban. */
  readonly stratum: Uint8Array;
  readonly region: Uint8Array;
  /** 1 urban, 2 rural. */
  readonly urban: Uint8Array;
  /** Measure of size: return migrant workers counted by an earlier listing. */
  readonly mos: Int32Array;
  /** Return migrant workers living in the area now (the listing at fieldwork), rows firstWorker .. firstWorker + workers - 1. */
  readonly workers: Int32Array;
  readonly firstWorker: Int32Array;
}

export interface RcsWorkers {
  readonly count: number;
  readonly area: Int32Array;
  /** 1 male, 2 female. */
  readonly sex: Uint8Array;
  /** Age at fieldwork (2024-07). */
  readonly age: Uint8Array;
  /** EDUCATION_CODES. */
  readonly education: Uint8Array;
  /** Index into RCS_CORRIDORS. */
  readonly corridor: Uint8Array;
  /** ISCO-08 major group 1-9 of the first job abroad. */
  readonly occupation: Uint8Array;
  /** Index into CHANNELS. */
  readonly channel: Uint8Array;
  /** Index into JOB_STATUS. */
  readonly status: Uint8Array;
  /** 1 changed the country of usual residence (12 months or more), 0 short-term. */
  readonly changedResidence: Uint8Array;
  /** Index into REASON_CODES. */
  readonly reason: Uint8Array;
  /** Start of the first job in the last destination, days since 1970-01-01. */
  readonly jobStart: Int32Array;
  /** Months abroad in the last stay, and the year of return. */
  readonly monthsAbroad: Uint8Array;
  readonly returnYear: Uint16Array;
  /** First-month earnings as reported, destination currency (NaN: not reported). */
  readonly earnings: Float64Array;
  /** Latent gross first-month earnings, destination currency (the deductions are shares of it). */
  readonly grossEarnings: Float64Array;
  /** 0 gross, 1 net of the deductions from wages. */
  readonly netBasis: Uint8Array;
  /** Cost items firstItem .. firstItem + items - 1. */
  readonly firstItem: Int32Array;
  readonly items: Uint8Array;
}

export interface RcsItems {
  readonly count: number;
  readonly worker: Int32Array;
  /** Index into COST_ITEMS; the type is COST_ITEMS[item][1] (also in `type`, index into COST_TYPES). */
  readonly item: Uint8Array;
  readonly type: Uint8Array;
  /** Amount in `currency` (NaN: not reported). */
  readonly amount: Float64Array;
  /** Index into CURRENCIES. */
  readonly currency: Uint8Array;
  /** Days since 1970-01-01. */
  readonly date: Int32Array;
  /** Index into PAID_BY. */
  readonly paidBy: Uint8Array;
  /** 1 deducted from the worker's wages. */
  readonly deducted: Uint8Array;
}

/** The RCS population: areas, workers, their cost items and the exchange rates they were drawn with. */
export interface RcsPopulation {
  readonly seed: number;
  readonly areas: RcsAreas;
  readonly workers: RcsWorkers;
  readonly items: RcsItems;
  readonly fx: FxTable;
}

/** A growable Float64/Int column set (rows appended, trimmed at the end). */
class Grow<T extends Record<string, Float64Array | Int32Array | Uint8Array | Uint16Array>> {
  count = 0;
  constructor(public cols: T) {}
  row(): number {
    const first = Object.values(this.cols)[0]!;
    if (this.count === first.length) {
      for (const [k, old] of Object.entries(this.cols)) {
        const grown = new (old.constructor as new (n: number) => typeof old)(old.length * 2);
        grown.set(old);
        (this.cols as Record<string, typeof old>)[k] = grown;
      }
    }
    return this.count++;
  }
  finish(): T {
    return Object.fromEntries(Object.entries(this.cols).map(([k, v]) => [k, v.slice(0, this.count)])) as T;
  }
}

/** Rounding unit of amounts by currency: KRW to 1,000, ATD and the Gulf and Malaysian currencies to 10, EUR and USD to 5. */
function rounded(amount: number, currency: Currency): number {
  const unit = currency === 'KRW' ? 1000 : currency === 'EUR' || currency === 'USD' ? 5 : 10;
  return Math.max(unit, Math.round(amount / unit) * unit);
}
/** Earnings are rounded to 10 (KRW 10,000). */
function roundedEarnings(amount: number, currency: Currency): number {
  const unit = currency === 'KRW' ? 10_000 : 10;
  return Math.round(amount / unit) * unit;
}

const GULF = new Set(['SAU', 'ARE', 'QAT']);

/** Generates the population (about `workers` return migrant workers, default RCS_DEFAULT_WORKERS) from a seed. */
export function generateRcsPopulation(options: { seed: number; workers?: number }): RcsPopulation {
  const { seed } = options;
  const target = options.workers ?? RCS_DEFAULT_WORKERS;
  const fx = generateFx(seed);
  const rng = new SeededRandom(childSeed(seed, RCS_STREAMS.population));

  // --- areas: each stratum's share of returnees, areas drawn until the share is reached
  const strata: { stratum: number; region: number; urban: number; share: number }[] = [];
  for (const r of REGIONS) {
    strata.push({ stratum: (r.code - 1) * 2 + 1, region: r.code, urban: 1, share: r.share * r.urban });
    strata.push({ stratum: (r.code - 1) * 2 + 2, region: r.code, urban: 2, share: r.share * (1 - r.urban) * RCS_GEOGRAPHY.ruralFactor });
  }
  const totalShare = strata.reduce((a, s) => a + s.share, 0);
  const areaRows: { stratum: number; region: number; urban: number; mos: number; workers: number }[] = [];
  for (const s of strata) {
    const goal = (target * s.share) / totalShare;
    for (let sum = 0; sum < goal; ) {
      const n = Math.min(RCS_AREAS.max, Math.max(RCS_AREAS.min, Math.round(RCS_AREAS.median * Math.exp(RCS_AREAS.sd * normal(rng)))));
      const mos = Math.max(1, Math.round(n * Math.exp(RCS_AREAS.mosErrorSd * normal(rng))));
      areaRows.push({ stratum: s.stratum, region: s.region, urban: s.urban, mos, workers: n });
      sum += n;
    }
  }
  const A = areaRows.length;
  const areas: RcsAreas = {
    count: A,
    stratum: Uint8Array.from(areaRows, (a) => a.stratum),
    region: Uint8Array.from(areaRows, (a) => a.region),
    urban: Uint8Array.from(areaRows, (a) => a.urban),
    mos: Int32Array.from(areaRows, (a) => a.mos),
    workers: Int32Array.from(areaRows, (a) => a.workers),
    firstWorker: new Int32Array(A),
  };
  let N = 0;
  for (let e = 0; e < A; e++) {
    areas.firstWorker[e] = N;
    N += areas.workers[e]!;
  }

  // --- workers and their cost items
  const W = {
    area: new Int32Array(N), sex: new Uint8Array(N), age: new Uint8Array(N), education: new Uint8Array(N), corridor: new Uint8Array(N),
    occupation: new Uint8Array(N), channel: new Uint8Array(N), status: new Uint8Array(N), changedResidence: new Uint8Array(N), reason: new Uint8Array(N),
    jobStart: new Int32Array(N), monthsAbroad: new Uint8Array(N), returnYear: new Uint16Array(N), earnings: new Float64Array(N),
    grossEarnings: new Float64Array(N), netBasis: new Uint8Array(N), firstItem: new Int32Array(N), items: new Uint8Array(N),
  };
  const items = new Grow<ItemColumns>({
    worker: new Int32Array(1 << 16), item: new Uint8Array(1 << 16), type: new Uint8Array(1 << 16), amount: new Float64Array(1 << 16),
    currency: new Uint8Array(1 << 16), date: new Int32Array(1 << 16), paidBy: new Uint8Array(1 << 16), deducted: new Uint8Array(1 << 16),
  });
  const returnFrom = monthIndex(RCS_RETURNS.from.year, RCS_RETURNS.from.month);
  const returnMonths = monthIndex(RCS_RETURNS.to.year, RCS_RETURNS.to.month) - returnFrom + 1;
  const fieldwork = monthIndex(RCS_FIELDWORK.year, RCS_FIELDWORK.month);
  const trend = RCS_RETURNS.returnTrend;
  const corridorWeights = (urban: number): number[] => RCS_CORRIDORS.map((c) => c.weight * (urban === 2 ? c.rural : 1));
  const weightsUrban = corridorWeights(1);
  const weightsRural = corridorWeights(2);
  const ATD = currencyIndex(ORIGIN_CURRENCY);
  const USD = currencyIndex('USD');

  for (let e = 0, i = 0; e < A; e++) {
    for (let k = 0; k < areas.workers[e]!; k++, i++) {
      W.area[i] = e;
      const ci = pick(rng, areas.urban[e] === 1 ? weightsUrban : weightsRural);
      const c = RCS_CORRIDORS[ci]!;
      const dest = currencyIndex(c.currency);
      W.corridor[i] = ci;
      const woman = chance(rng, c.women);
      W.sex[i] = woman ? 2 : 1;
      const occ = pick(rng, woman ? c.occupationWomen : c.occupation) + 1;
      W.occupation[i] = occ;
      W.education[i] = occ <= 2 ? [6, 7, 8][pick(rng, [0.6, 0.35, 0.05])]! : occ === 3 ? [4, 5, 6][pick(rng, [0.3, 0.4, 0.3])]! : EDUCATION_CODES[pick(rng, c.education)]!;
      const ch = pick(rng, c.channels);
      const channel: Channel = CHANNELS[ch]!;
      W.channel[i] = ch;
      W.status[i] = chance(rng, c.selfEmployed) ? 1 : chance(rng, REASONS.otherStatus) ? 2 : 0;
      const short = chance(rng, c.shortTerm);
      W.changedResidence[i] = short ? 0 : 1;
      const reasons = chance(rng, c.nonWork) ? REASONS.nonWork : channel === 'network' ? REASONS.networkWork : REASONS.otherWork;
      const names = Object.keys(reasons) as (keyof typeof reasons)[];
      W.reason[i] = REASON_CODES.indexOf(names[pick(rng, names.map((n) => reasons[n]))]! as (typeof REASON_CODES)[number]);

      // dates: the month of return (density growing over the period), the stay, the job start
      const x = (-1 + Math.sqrt(1 + trend * (2 + trend) * rng.next())) / trend;
      const back = returnFrom + Math.min(returnMonths - 1, Math.floor(x * returnMonths));
      const stay = short
        ? between(rng, SHORT_STAY_MONTHS[0], SHORT_STAY_MONTHS[1])
        : chance(rng, RCS_RETURNS.earlyReturn)
          ? between(rng, RCS_RETURNS.earlyMonths[0], RCS_RETURNS.earlyMonths[1])
          : Math.max(12, c.stay[rng.below(c.stay.length)]! + between(rng, -3, 3));
      const startMonth = back - stay;
      const start = firstDayOfMonth(startMonth) + rng.below(28);
      W.jobStart[i] = start;
      W.monthsAbroad[i] = stay;
      W.returnYear[i] = Math.floor(back / 12);
      let ageStart = AGE_AT_START.base;
      for (let t = 0; t < AGE_AT_START.terms; t++) ageStart += -AGE_AT_START.mean * Math.log(1 - rng.next());
      W.age[i] = Math.min(AGE_AT_START.max, Math.floor(ageStart)) + Math.floor((fieldwork - startMonth) / 12);

      // first-month earnings (gross, destination currency at the job-start month)
      const usdGross = c.earnings * OCCUPATION_PAY[occ - 1]! * Math.exp((woman ? EARNINGS_MODEL.womenLogGap : 0) + EARNINGS_MODEL.logSd * normal(rng));
      const gross = roundedEarnings(usdGross * rateOf(fx, dest, startMonth), c.currency);
      W.grossEarnings[i] = gross;
      const u = rng.next();
      const earnings = u < EARNINGS_MODEL.missing ? NaN : u < EARNINGS_MODEL.missing + EARNINGS_MODEL.zero ? 0 : gross;
      const net = chance(rng, c.netBasis);
      W.netBasis[i] = net ? 1 : 0;

      W.firstItem[i] = items.count;
      const deductions = drawCosts(rng, items, fx, { i, c, channel, woman, occ, start, startMonth, returnMonth: back, dest, ATD, USD, gross, paid: earnings !== 0 });
      W.items[i] = items.count - W.firstItem[i]!;
      W.earnings[i] = net && earnings > 0 ? roundedEarnings(earnings - deductions, c.currency) : earnings;
    }
  }
  const I = items.finish();
  return {
    seed,
    areas,
    workers: { count: N, ...W },
    items: { count: items.count, ...I },
    fx,
  };
}

type ItemColumns = { worker: Int32Array; item: Uint8Array; type: Uint8Array; amount: Float64Array; currency: Uint8Array; date: Int32Array; paidBy: Uint8Array; deducted: Uint8Array };

interface WorkerContext {
  readonly i: number;
  readonly c: RcsCorridor;
  readonly channel: Channel;
  readonly woman: boolean;
  readonly occ: number;
  /** Job start day and month. */
  readonly start: number;
  readonly startMonth: number;
  /** Month of return to Atlantis. */
  readonly returnMonth: number;
  /** Destination, origin and US currency indices. */
  readonly dest: number;
  readonly ATD: number;
  readonly USD: number;
  /** Gross first-month earnings, destination currency. */
  readonly gross: number;
  /** The worker was paid in the first month (deductions from wages possible). */
  readonly paid: boolean;
}

/**
 * Draws the cost items of one worker (COSTS in rcs-country.ts) and appends them; returns the total deducted from the
 * first month's wages, in the destination currency (items with cost_deducted yes, dated the last day of that month).
 */
function drawCosts(rng: SeededRandom, items: Grow<ItemColumns>, fx: FxTable, w: WorkerContext): number {
  const { c, channel } = w;
  const first = items.count;
  const employerPaysAll = chance(rng, COSTS.employerPaysAll[channel]);
  const payer = (): number => (employerPaysAll ? 2 : chance(rng, COSTS.family) ? 1 : 0);
  const add = (item: CostItem, amount: number, currency: number, date: number, paidBy: number, deducted: boolean): number => {
    const r = items.row();
    const cols = items.cols;
    cols.worker[r] = w.i;
    const k = ITEM_INDEX.get(item)!;
    cols.item[r] = k;
    cols.type[r] = TYPE_INDEX.get(COST_ITEMS[k]![1])!;
    cols.amount[r] = amount;
    cols.currency[r] = currency;
    cols.date[r] = date;
    cols.paidBy[r] = paidBy;
    cols.deducted[r] = deducted ? 1 : 0;
    return r;
  };
  /** An amount given in US dollars, in a currency at the date's month. */
  const inCurrency = (usd: number, currency: number, date: number): number => rounded(usd * rateOf(fx, currency, monthOfDay(date)), CURRENCIES[currency]!);
  const before = (lo: number, hi: number): number => w.start - between(rng, lo, hi);
  const addUsd = (item: CostItem, usd: number, currency: number, date: number, paidBy: number): number => add(item, inCurrency(usd, currency, date), currency, date, paidBy, false);
  const gulfOrMys = GULF.has(c.iso3) || c.iso3 === 'MYS';

  // recruitment fee
  let feeUsd = 0;
  if (!employerPaysAll && chance(rng, COSTS.feeChance[channel])) {
    const level = COSTS.feeLevel[channel] * (w.woman && GULF.has(c.iso3) && (w.occ === 5 || w.occ === 9) ? COSTS.womenGulfFee : 1);
    feeUsd = c.fee * level * Math.exp(COSTS.feeSd * normal(rng));
    const currency = channel === 'private-agency' && chance(rng, COSTS.feeInUsd) ? w.USD : w.ATD;
    addUsd('agent-fee', feeUsd, currency, before(5, 150), payer());
  }
  if (chance(rng, COSTS.passport.chance)) addUsd('passport', COSTS.passport.usd, w.ATD, before(60, 240), payer());
  if (chance(rng, COSTS.visaChance)) {
    const byEmployer = employerPaysAll || chance(rng, COSTS.visaByEmployer[channel]);
    addUsd('visa-permit', c.visa * Math.exp(0.2 * normal(rng)), chance(rng, 0.3) ? w.USD : w.ATD, before(10, 90), byEmployer ? 2 : payer());
  }
  if (chance(rng, c.medical)) addUsd('medical-exam', COSTS.medicalUsd * Math.exp(0.25 * normal(rng)), w.ATD, before(20, 120), payer());
  // an employer-paid air ticket may be recovered from the first month's wages (then a deduction, below)
  let ticketDeductedUsd = 0;
  if (chance(rng, 0.95)) {
    const byEmployer = employerPaysAll || chance(rng, c.ticketByEmployer);
    const usd = c.ticket * Math.exp(0.2 * normal(rng));
    if (byEmployer && !employerPaysAll && w.paid && chance(rng, COSTS.ticketDeducted)) ticketDeductedUsd = usd;
    else addUsd('air-ticket', usd, w.ATD, before(1, 20), byEmployer ? 2 : payer());
  }
  if (chance(rng, COSTS.internalTravel.chance)) addUsd('internal-travel', between(rng, COSTS.internalTravel.usd[0], COSTS.internalTravel.usd[1]), w.ATD, before(1, 120), payer());
  const test = COSTS.skillsTest[c.iso3] ?? COSTS.skillsTest.other!;
  if (chance(rng, test[0])) addUsd('skills-test', test[1] * Math.exp(0.2 * normal(rng)), w.ATD, before(60, 300), payer());
  const course = COSTS.languageCourse[c.iso3];
  if (course && chance(rng, course[0])) addUsd('language-course', course[1] * Math.exp(0.3 * normal(rng)), w.ATD, before(90, 360), payer());
  if (chance(rng, COSTS.orientation.chance[channel])) {
    // public schemes: the government (someone else: cost_paid_by other) often pays the orientation
    const byOther = channel === 'public-service' && chance(rng, COSTS.orientation.byGovernment);
    addUsd('orientation', COSTS.orientation.usd, w.ATD, before(3, 30), byOther ? 3 : payer());
  }
  if (chance(rng, c.welfare)) addUsd('welfare-fund', COSTS.welfareUsd, w.ATD, before(3, 30), payer());
  if (gulfOrMys && chance(rng, COSTS.postArrivalMedical.chance)) {
    const byEmployer = employerPaysAll || chance(rng, COSTS.postArrivalMedical.byEmployer);
    addUsd('medical-arrival', COSTS.postArrivalMedical.usd, w.dest, w.start + between(rng, 3, 45), byEmployer ? 2 : 0);
  }
  if (!employerPaysAll && (channel === 'private-agency' || channel === 'network') && (COSTS.irregular.corridors as readonly string[]).includes(c.iso3)) {
    if (chance(rng, COSTS.irregular.chance)) addUsd('bribe', COSTS.irregular.usd * Math.exp(COSTS.irregular.sd * normal(rng)), w.ATD, before(10, 150), payer());
    if (chance(rng, COSTS.extortion.chance)) {
      const months = COSTS.extortion.months[0] + (COSTS.extortion.months[1] - COSTS.extortion.months[0]) * rng.next();
      const grossUsd = w.gross / rateOf(fx, w.dest, w.startMonth);
      addUsd('bond', months * grossUsd, w.ATD, before(10, 150), payer());
    }
  }
  if (!employerPaysAll && chance(rng, COSTS.other.chance)) addUsd('other', between(rng, COSTS.other.usd[0], COSTS.other.usd[1]), w.ATD, before(1, 150), payer());
  if (feeUsd > 0 && chance(rng, gulfOrMys && channel === 'private-agency' ? COSTS.loan.gulf : COSTS.loan.other)) {
    const share = COSTS.loan.interest[0] + (COSTS.loan.interest[1] - COSTS.loan.interest[0]) * rng.next();
    // paid off after the job start, by the return at the latest
    const date = firstDayOfMonth(Math.min(w.startMonth + COSTS.loan.monthsAfterStart, w.returnMonth)) + rng.below(28);
    addUsd('loan-interest', share * feeUsd, w.ATD, date, 0);
  }

  // deductions from the first month's wages (destination currency, dated that month's last day)
  const payday = lastDayOfMonth(w.startMonth);
  const deducted: { item: CostItem; amount: number; paidBy: number }[] = [];
  if (ticketDeductedUsd > 0) deducted.push({ item: 'air-ticket', amount: ticketDeductedUsd * rateOf(fx, w.dest, w.startMonth), paidBy: 2 });
  if (w.paid && !employerPaysAll) {
    if (channel === 'private-agency' && chance(rng, COSTS.feeDeducted.chance)) {
      const share = COSTS.feeDeducted.share[0] + (COSTS.feeDeducted.share[1] - COSTS.feeDeducted.share[0]) * rng.next();
      deducted.push({ item: 'agent-fee-deducted', amount: share * w.gross, paidBy: 2 });
    }
    if (chance(rng, COSTS.equipment.chance)) {
      const usd = between(rng, COSTS.equipment.usd[0], COSTS.equipment.usd[1]);
      deducted.push({ item: 'equipment', amount: usd * rateOf(fx, w.dest, w.startMonth), paidBy: chance(rng, 0.5) ? 2 : 0 });
    }
  }
  let total = deducted.reduce((a, d) => a + rounded(d.amount, c.currency), 0);
  const cap = COSTS.maxDeductionShare * w.gross;
  const scale = total > cap ? cap / total : 1;
  total = 0;
  for (const d of deducted) {
    const amount = rounded(d.amount * scale, c.currency);
    total += amount;
    add(d.item, amount, w.dest, payday, d.paidBy, true);
  }

  // one counted item without its amount (spec rule 25): paid by the worker or family, or deducted; never loan interest
  if (chance(rng, COSTS.missingAmount)) {
    const counted: number[] = [];
    for (let r = first; r < items.count; r++) {
      const cols = items.cols;
      if (COST_TYPES[cols.type[r]!] !== 'loan-interest' && (cols.paidBy[r]! <= 1 || cols.deducted[r] === 1)) counted.push(r);
    }
    if (counted.length > 0) {
      items.cols.amount[counted[rng.below(counted.length)]!] = NaN;
    }
  }
  return total;
}

/** The earliest month of any job start or cost date of the population (fx_rates.csv starts there). */
export function earliestMonth(pop: RcsPopulation): number {
  let min = Infinity;
  for (let i = 0; i < pop.workers.count; i++) min = Math.min(min, pop.workers.jobStart[i]!);
  for (let r = 0; r < pop.items.count; r++) min = Math.min(min, pop.items.date[r]!);
  return monthOfDay(min);
}
