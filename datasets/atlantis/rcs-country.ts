/**
 * Parameters of the Atlantis recruitment cost survey (RCS 2024, SDG 10.7.1): Atlantis (`ATL`) as a country of ORIGIN,
 * its return migrant workers, their corridors of destination, recruitment channels, first-month earnings and cost
 * items, the exchange rates and the survey design. Every number is invented to look like a labour-sending country
 * with Gulf, South-East Asian, Korean and European corridors; none is an estimate of a real country or corridor.
 * The README of this folder (section "Recruitment cost survey") restates them.
 */
import { CURRENCY, REGIONS } from './country.js';

export { REGIONS };

/** Survey year (the reference period of the profile) and the default reference window of SDG 10.7.1 (spec rule 9). */
export const RCS_SURVEY_YEAR = 2024;
/** Jobs started on or after 1 January (survey year - 3) are in the reference window (spec rule 9: "for example 3 years"). */
export const RCS_WINDOW_YEARS = 3;
/** Fieldwork month (the listing screened return migrant workers back in Atlantis by then): 2024-07; ages are as of then. */
export const RCS_FIELDWORK = { year: 2024, month: 7 } as const;
/**
 * The universe: persons living in Atlantis who worked abroad and came back between 2021-07 and 2024-06 (the listing
 * screened returns of the last three years). The density of returns grows linearly over the period (`returnTrend`:
 * the last month is 1 + returnTrend times as likely as the first). `earlyReturn`: chance that a worker who moved for
 * 12 months or more came back early (after 3-11 months: contract ended, job lost), still a change of residence.
 */
export const RCS_RETURNS = { from: { year: 2021, month: 7 }, to: { year: 2024, month: 6 }, returnTrend: 2, earlyReturn: 0.05, earlyMonths: [3, 11] } as const;

/** Default size of the population of return migrant workers (the frame is built until each stratum reaches its share). */
export const RCS_DEFAULT_WORKERS = 150_000;

/**
 * Geography: the five regions of country.ts (share of households, urban share). Return migrants are more common in
 * rural areas: a rural area holds `ruralFactor` times as many per household as an urban one.
 */
export const RCS_GEOGRAPHY = { ruralFactor: 1.4 } as const;
/**
 * Enumeration areas of the frame: return migrant workers living in an area ~ round(exp(N(log(median), sd))),
 * clamped to [min, max]; the measure of size is the count of an earlier listing, off by a log-normal error (sd
 * `mosErrorSd`), so that the listing at fieldwork differs from it.
 */
export const RCS_AREAS = { median: 70, sd: 0.5, min: 8, max: 180, mosErrorSd: 0.12 } as const;

/**
 * The origin currency ATD, the Atlantean drachma of the LFS (country.ts CURRENCY): a fictional code, not in ISO 4217
 * (it only has ISO 4217's shape); and the destination currencies, real ISO 4217 codes.
 */
export const ORIGIN_CURRENCY = CURRENCY;
export const CURRENCIES = ['ATD', 'SAR', 'AED', 'QAR', 'MYR', 'KRW', 'EUR', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/**
 * Exchange rates: units of the currency per US dollar, monthly averages. Pegged currencies stay at their peg; the
 * others follow a seeded random walk on the log rate with a drift per year and a monthly sd, from `start` (the rate of
 * FX_START, 2012-01). ATD depreciates about 4% a year. Rates are written with 6 significant digits.
 */
export const FX: Readonly<Record<Currency, { readonly start: number; readonly drift: number; readonly sd: number }>> = {
  ATD: { start: 2.45, drift: 0.04, sd: 0.008 },
  SAR: { start: 3.75, drift: 0, sd: 0 },
  AED: { start: 3.6725, drift: 0, sd: 0 },
  QAR: { start: 3.64, drift: 0, sd: 0 },
  MYR: { start: 3.25, drift: 0.03, sd: 0.012 },
  KRW: { start: 1060, drift: 0.025, sd: 0.014 },
  EUR: { start: 0.76, drift: 0.015, sd: 0.01 },
  USD: { start: 1, drift: 0, sd: 0 },
};
/** First month of the FX model (the walk starts here; fx_rates.csv starts at the earliest month the data need). */
export const FX_START = { year: 2012, month: 1 } as const;
/**
 * Deflator (`deflator.csv`): a US-CPI-like annual index, 2024 = 100, from invented inflation rates (percent, year on
 * year; 2012 is the first year of the chain). For the constant-price option (spec rule 24): deflate both RC and E.
 */
export const INFLATION: Readonly<Record<number, number>> = {
  2013: 1.5, 2014: 1.6, 2015: 0.2, 2016: 1.3, 2017: 2.1, 2018: 2.4, 2019: 1.8, 2020: 1.2, 2021: 4.7, 2022: 8.0, 2023: 4.1, 2024: 2.9,
};

/** ISCO-08 major groups 1-9 (index 0 = group 1). */
export type OccupationMix = readonly [number, number, number, number, number, number, number, number, number];
/** Education mixes over ISCED 2011 [X, 1, 2, 3, 4, 5, 6, 7, 8] (codes 10, 1..8 in the files, 10 = no schooling). */
export type EducationMix = readonly [number, number, number, number, number, number, number, number, number];
/** Recruitment channels in the order of the standard codes. */
export const CHANNELS = ['private-agency', 'public-service', 'employer', 'network', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A corridor ATL -> destination:
 * - `weight`: share of the return migrant workers; `rural`: multiplier of the weight for rural residents;
 * - `women`: share of women; `channels`: mix over CHANNELS;
 * - `occupation` (men) and `occupationWomen`: ISCO-08 major group mixes; `education`: ISCED mix;
 * - `earnings`: median gross first-month earnings of a worker of occupation multiplier 1, in US dollars;
 * - `fee`: median recruitment fee paid to a private agency, US dollars; `visa`, `ticket`: median cost of the visa and
 *   work permit, and of the air ticket, US dollars; `ticketByEmployer`: chance the employer pays the ticket;
 * - `shortTerm`: chance the stay was shorter than 12 months with no change of usual residence (seasonal);
 * - `selfEmployed`: chance the first job was self-employment; `nonWork`: chance the move was not for work
 *   (family, study, ...) although the person then worked;
 * - `stay`: months of the (long-term) stay abroad, drawn uniformly from the list then +/- 3 months;
 * - `netBasis`: chance the first-month earnings were reported net of the deductions from wages;
 * - `medical`: chance of a pre-departure medical examination; `welfare`: chance of a migrant welfare fund fee.
 */
export interface RcsCorridor {
  readonly iso3: string;
  readonly currency: Currency;
  readonly weight: number;
  readonly rural: number;
  readonly women: number;
  readonly channels: readonly [number, number, number, number, number];
  readonly occupation: OccupationMix;
  readonly occupationWomen: OccupationMix;
  readonly education: EducationMix;
  readonly earnings: number;
  readonly fee: number;
  readonly visa: number;
  readonly ticket: number;
  readonly ticketByEmployer: number;
  readonly shortTerm: number;
  readonly selfEmployed: number;
  readonly nonWork: number;
  readonly stay: readonly number[];
  readonly netBasis: number;
  readonly medical: number;
  readonly welfare: number;
}

const GULF_MEN: OccupationMix = [0, 0.02, 0.04, 0.03, 0.12, 0.02, 0.32, 0.2, 0.25];
const GULF_WOMEN: OccupationMix = [0, 0.05, 0.08, 0.05, 0.27, 0, 0.02, 0.01, 0.52];
const LOW_EDU: EducationMix = [0.04, 0.2, 0.34, 0.3, 0.05, 0.03, 0.04, 0, 0];
const MID_EDU: EducationMix = [0.01, 0.08, 0.22, 0.42, 0.1, 0.07, 0.1, 0, 0];
const HIGH_EDU: EducationMix = [0, 0.02, 0.08, 0.3, 0.1, 0.12, 0.3, 0.07, 0.01];
const GULF_STAY = [12, 18, 24, 24, 24, 24, 36];

export const RCS_CORRIDORS: readonly RcsCorridor[] = [
  {
    iso3: 'SAU', currency: 'SAR', weight: 0.24, rural: 1.3, women: 0.3, channels: [0.62, 0.05, 0.08, 0.22, 0.03], occupation: GULF_MEN, occupationWomen: GULF_WOMEN,
    education: LOW_EDU, earnings: 430, fee: 1500, visa: 200, ticket: 400, ticketByEmployer: 0.55, shortTerm: 0.02, selfEmployed: 0.01, nonWork: 0.03, stay: GULF_STAY,
    netBasis: 0.2, medical: 0.9, welfare: 0.8,
  },
  {
    iso3: 'ARE', currency: 'AED', weight: 0.18, rural: 1.1, women: 0.35, channels: [0.5, 0.03, 0.15, 0.29, 0.03], occupation: GULF_MEN, occupationWomen: GULF_WOMEN,
    education: MID_EDU, earnings: 520, fee: 1100, visa: 180, ticket: 350, ticketByEmployer: 0.5, shortTerm: 0.03, selfEmployed: 0.04, nonWork: 0.05, stay: GULF_STAY,
    netBasis: 0.2, medical: 0.85, welfare: 0.8,
  },
  {
    iso3: 'QAT', currency: 'QAR', weight: 0.12, rural: 1.4, women: 0.12, channels: [0.66, 0.04, 0.08, 0.19, 0.03], occupation: GULF_MEN, occupationWomen: GULF_WOMEN,
    education: LOW_EDU, earnings: 460, fee: 1700, visa: 150, ticket: 380, ticketByEmployer: 0.55, shortTerm: 0.02, selfEmployed: 0.01, nonWork: 0.02, stay: GULF_STAY,
    netBasis: 0.2, medical: 0.9, welfare: 0.8,
  },
  {
    iso3: 'MYS', currency: 'MYR', weight: 0.14, rural: 1.3, women: 0.25, channels: [0.6, 0.08, 0.07, 0.22, 0.03], occupation: [0, 0.01, 0.02, 0.02, 0.08, 0.12, 0.2, 0.3, 0.25],
    occupationWomen: [0, 0.01, 0.02, 0.05, 0.25, 0.05, 0.05, 0.3, 0.27], education: LOW_EDU, earnings: 330, fee: 1300, visa: 120, ticket: 300, ticketByEmployer: 0.3,
    shortTerm: 0.04, selfEmployed: 0.02, nonWork: 0.03, stay: [24, 24, 36, 36, 36], netBasis: 0.15, medical: 0.9, welfare: 0.7,
  },
  {
    iso3: 'KOR', currency: 'KRW', weight: 0.08, rural: 0.9, women: 0.1, channels: [0.04, 0.86, 0.04, 0.05, 0.01], occupation: [0, 0, 0.01, 0.01, 0.03, 0.12, 0.15, 0.5, 0.18],
    occupationWomen: [0, 0, 0.01, 0.02, 0.05, 0.12, 0.1, 0.55, 0.15], education: MID_EDU, earnings: 1650, fee: 250, visa: 60, ticket: 600, ticketByEmployer: 0.2,
    shortTerm: 0.01, selfEmployed: 0, nonWork: 0.02, stay: [36, 48, 56, 58], netBasis: 0.1, medical: 0.95, welfare: 0.3,
  },
  {
    iso3: 'DEU', currency: 'EUR', weight: 0.08, rural: 0.6, women: 0.45, channels: [0.18, 0.22, 0.35, 0.22, 0.03], occupation: [0.01, 0.25, 0.2, 0.06, 0.18, 0.08, 0.12, 0.04, 0.06],
    occupationWomen: [0.01, 0.3, 0.25, 0.07, 0.2, 0.04, 0.03, 0.02, 0.08], education: HIGH_EDU, earnings: 2300, fee: 1200, visa: 90, ticket: 700, ticketByEmployer: 0.6,
    shortTerm: 0.12, selfEmployed: 0.04, nonWork: 0.14, stay: [12, 24, 36, 48, 60], netBasis: 0.1, medical: 0.4, welfare: 0.1,
  },
  {
    iso3: 'ITA', currency: 'EUR', weight: 0.09, rural: 0.9, women: 0.4, channels: [0.25, 0.05, 0.15, 0.52, 0.03], occupation: [0, 0.03, 0.04, 0.03, 0.25, 0.25, 0.1, 0.05, 0.25],
    occupationWomen: [0, 0.03, 0.05, 0.04, 0.45, 0.1, 0.02, 0.03, 0.28], education: MID_EDU, earnings: 1500, fee: 2200, visa: 130, ticket: 650, ticketByEmployer: 0.2,
    shortTerm: 0.18, selfEmployed: 0.08, nonWork: 0.12, stay: [12, 24, 36, 48, 60], netBasis: 0.15, medical: 0.4, welfare: 0.1,
  },
  {
    iso3: 'USA', currency: 'USD', weight: 0.07, rural: 0.7, women: 0.35, channels: [0.35, 0, 0.3, 0.32, 0.03], occupation: [0.02, 0.2, 0.12, 0.06, 0.16, 0.12, 0.1, 0.06, 0.16],
    occupationWomen: [0.02, 0.25, 0.15, 0.08, 0.25, 0.05, 0.02, 0.03, 0.15], education: HIGH_EDU, earnings: 2700, fee: 3000, visa: 250, ticket: 900, ticketByEmployer: 0.4,
    shortTerm: 0.1, selfEmployed: 0.07, nonWork: 0.12, stay: [12, 24, 36, 48, 60], netBasis: 0.1, medical: 0.4, welfare: 0.05,
  },
];

/** Pay multiplier of ISCO-08 major groups 1-9 (index 0 = group 1) on the corridor median, and the log pay gap of women. */
export const OCCUPATION_PAY: OccupationMix = [2.2, 2.0, 1.5, 1.2, 0.95, 0.9, 1.1, 1.05, 0.85];
export const EARNINGS_MODEL = { womenLogGap: -0.12, logSd: 0.3, missing: 0.012, zero: 0.004 } as const;

/** Age at the start of the job: 20 + a gamma-like draw (sum of `terms` exponentials of mean `mean`), at most 58. */
export const AGE_AT_START = { base: 20, terms: 2, mean: 4.5, max: 58 } as const;

/**
 * Work reasons by channel: a network hire more often went to seek work. Among non-work moves: family, study,
 * protection, other. Self-employed and `other` status: `other` takes `otherStatus`.
 */
export const REASONS = {
  networkWork: { 'work-job-found': 0.45, 'work-seeking': 0.45, work: 0.1 },
  otherWork: { 'work-job-found': 0.92, 'work-seeking': 0.03, work: 0.05 },
  nonWork: { family: 0.65, study: 0.25, protection: 0.02, other: 0.08 },
  otherStatus: 0.01,
} as const;

/** Short-term stays (no change of usual residence): 2 to 9 months. */
export const SHORT_STAY_MONTHS = [2, 9] as const;

/**
 * Cost items. Fees: chance a worker of the channel paid a recruitment fee, and its level relative to the corridor's
 * private-agency fee (log-normal, sd `feeSd`); women going to Gulf domestic and care work (ISCO 5 and 9) pay
 * `womenGulfFee` times the fee (fee-free schemes for domestic workers, partly applied). `employerPaysAll`: chance by
 * channel that the employer paid every cost (fair recruitment; the worker paid nothing).
 */
export const COSTS = {
  feeChance: { 'private-agency': 0.95, 'public-service': 0.6, employer: 0.25, network: 0.45, other: 0.5 } as Readonly<Record<Channel, number>>,
  feeLevel: { 'private-agency': 1, 'public-service': 0.15, employer: 0.3, network: 0.6, other: 0.5 } as Readonly<Record<Channel, number>>,
  employerPaysAll: { 'private-agency': 0.03, 'public-service': 0.1, employer: 0.45, network: 0.05, other: 0.05 } as Readonly<Record<Channel, number>>,
  feeSd: 0.6,
  womenGulfFee: 0.5,
  /** Fee paid in US dollars to the agent (not in ATD): chance, for private-agency fees. */
  feeInUsd: 0.2,
  /** Part of the family: chance a pre-departure item was paid by the family rather than the worker. */
  family: 0.2,
  /** Passport (ATD, fixed fee by date; the worker may already hold one). */
  passport: { chance: 0.8, usd: 45 },
  /** Visa and work permit: paid by the employer with this chance by channel. */
  visaByEmployer: { 'private-agency': 0.35, 'public-service': 0.3, employer: 0.7, network: 0.2, other: 0.3 } as Readonly<Record<Channel, number>>,
  visaChance: 0.75,
  /** Internal travel and lodging before departure. */
  internalTravel: { chance: 0.6, usd: [20, 90] },
  /** Employer-paid tickets recovered from wages (deducted, recorded paid by the employer and deducted: yes). */
  ticketDeducted: 0.25,
  /** Skills and language tests: chance and US dollars by destination (others: trade test). */
  skillsTest: { KOR: [0.95, 30], DEU: [0.8, 350], other: [0.1, 50] } as Readonly<Record<string, readonly [number, number]>>,
  /**
   * Pre-departure orientation (training): chance by channel, US dollars, and for public-service hires the chance the
   * government paid it (cost_paid_by other); DEU language course (training).
   */
  orientation: { chance: { 'private-agency': 0.5, 'public-service': 0.9, employer: 0.3, network: 0.3, other: 0.3 } as Readonly<Record<Channel, number>>, usd: 20, byGovernment: 0.5 },
  languageCourse: { DEU: [0.5, 600] } as Readonly<Record<string, readonly [number, number]>>,
  medicalUsd: 70,
  /** Post-arrival medical check in the destination (destination currency, after job start): chance (Gulf, MYS), paid by the employer half the time. */
  postArrivalMedical: { chance: 0.3, usd: 60, byEmployer: 0.5 },
  welfareUsd: 25,
  /** Equipment (uniform, tools) deducted from wages. */
  equipment: { chance: 0.08, usd: [30, 100] },
  /** Part of a private-agency fee recovered by deductions from the first month's wages (share of gross earnings). */
  feeDeducted: { chance: 0.12, share: [0.15, 0.35] },
  /** Deductions from the first month's wages never exceed this share of the gross earnings. */
  maxDeductionShare: 0.6,
  /** Irregular payments (bribes, kickbacks) for private-agency and network hires to the Gulf, MYS and ITA. */
  irregular: { chance: 0.08, usd: 400, sd: 0.7, corridors: ['SAU', 'ARE', 'QAT', 'MYS', 'ITA'] },
  /** Extortionate payments (the heavy right tail): chance among those, and their size in months of gross earnings. */
  extortion: { chance: 0.015, months: [20, 40] },
  /**
   * Loans for migration: chance a worker with a fee borrowed (private-agency Gulf/MYS, others), interest as a share of
   * the fee, paid (cost_date) `monthsAfterStart` months after the job start or in the month of return if earlier.
   */
  loan: { gulf: 0.35, other: 0.15, interest: [0.2, 0.6], monthsAfterStart: 6 },
  other: { chance: 0.1, usd: [20, 60] },
  /** A worker reported one counted item without its amount (spec rule 25). */
  missingAmount: 0.01,
} as const;

/** The sample design: areas selected (PPS systematic within strata), minimum per stratum, workers per area, response. */
export const RCS_DESIGN = { areas: 300, minAreasPerStratum: 8, take: 10, response: { urban: 0.86, rural: 0.92 }, replicates: 100 } as const;

/** Child seeds of the RCS streams (the LFS uses 1-7 and 20-21). */
export const RCS_STREAMS = { population: 30, fx: 31, areas: 32, response: 33, replicates: 34 } as const;
