/**
 * Every parameter of the Atlantis administrative registers of foreign workers (datasets/atlantis-permits): the
 * population of foreign workers over 2019-2024, the three lists (work permits, residence permits, social security)
 * with their capture model, and the register defects with their rates. The codebook
 * (datasets/atlantis-permits/README.md) restates them. Dates are days since 1970-01-01.
 */

/** Days since 1970-01-01 of an ISO date `YYYY-MM-DD`. */
export function day(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** The period the registers cover (records valid on some day of it) and the extraction date (nothing starts later). */
export const PERIOD = { start: day('2019-01-01'), end: day('2024-12-31') } as const;
/** Reference dates of the stocks in truth.json. */
export const REFERENCE_DATES = ['2023-12-31', '2024-06-30'] as const;
/** The year of the flows (inflows, renewals, outflows, applications) in truth.json. */
export const FLOW_YEAR = 2023;
/** A renewal must start within this many days after the end of the previous spell, else the spell is an outflow. */
export const RENEWAL_WINDOW_DAYS = 30;

/** Default number of persons (foreign workers present in Atlantis on some day of 2019-2024). */
export const PERMITS_DEFAULT_PERSONS = 25_000;
/** The master seed of the shipped dataset (the LFS's; the permits draw on their own streams 40-42). */
export const PERMITS_DEFAULT_SEED = 20240401;
/** Streams (childSeed(seed, k)): the population; the capture of each person in each list; the register rows and their defects. */
export const PERMITS_STREAMS = { population: 40, capture: 41, registers: 42 } as const;

/** Share of the persons already in Atlantis on 2019-01-01 (entered 0-8 years before); the others arrive in 2019-2024. */
export const STOCK_AT_START = 0.45;
/** Years since entry of the persons present on 2019-01-01: uniform on [0, 8]. */
export const STOCK_MAX_YEARS = 8;
/** Arrivals in 2019-2024: relative intensity per year (COVID dip in 2020, recovery after). */
export const ARRIVALS_BY_YEAR = [1.0, 0.45, 0.8, 1.2, 1.3, 1.3] as const;
/** Length of stay: exponential with this mean in years (non-seasonal workers); censored at the extraction date. */
export const MEAN_STAY_YEARS = 4.5;
/** Age at entry: uniform on [lo, hi] years. */
export const AGE_AT_ENTRY = [19, 54] as const;
/** Share of the persons who never appear in any list (undeclared workers; capture probability zero in all three lists). */
export const ZERO_CHANCE = 0.06;
/** Seasonal workers: share (among persons of occupations 61/92) who come for seasons; a season runs from about April to October (start 1 Mar-15 May, 150-210 days); a seasonal worker comes for 1-6 consecutive seasons with chance 0.75 of returning each year. */
export const SEASONAL = { share: 0.55, occupations: ['61', '92'], startFrom: '03-01', startSpread: 75, length: [150, 210], returns: 0.75 } as const;

/**
 * Nationalities: ISO3, weight among persons, share of women, log-odds shifts of capture in the three lists, and
 * the permit type mix [employer-specific, general, highly skilled] of non-seasonal workers. Income groups are
 * looked up with src/classifications (incomeGroupOf).
 */
export interface Nationality {
  readonly iso3: string;
  readonly weight: number;
  readonly women: number;
  /** Log-odds shift of the capture probability in each list (work permits, residence permits, social security). */
  readonly capture: readonly [number, number, number];
  /** Skill profile: which column of OCCUPATIONS[].weight gives the occupation mix of this nationality. */
  readonly skill: 'high' | 'mid' | 'low';
}

export const NATIONALITIES: readonly Nationality[] = [
  { iso3: 'IND', weight: 0.17, women: 0.22, capture: [0.3, 0.2, 0.1], skill: 'mid' },
  { iso3: 'PHL', weight: 0.13, women: 0.58, capture: [0.4, 0.3, 0.2], skill: 'mid' },
  { iso3: 'NPL', weight: 0.1, women: 0.15, capture: [0.0, -0.1, -0.3], skill: 'low' },
  { iso3: 'BGD', weight: 0.1, women: 0.1, capture: [-0.2, -0.2, -0.4], skill: 'low' },
  { iso3: 'EGY', weight: 0.08, women: 0.12, capture: [-0.1, 0.0, -0.2], skill: 'low' },
  { iso3: 'UKR', weight: 0.08, women: 0.45, capture: [0.2, 0.4, 0.2], skill: 'mid' },
  { iso3: 'VNM', weight: 0.07, women: 0.4, capture: [0.0, 0.0, -0.1], skill: 'low' },
  { iso3: 'IDN', weight: 0.06, women: 0.55, capture: [-0.3, -0.2, -0.5], skill: 'low' },
  { iso3: 'MAR', weight: 0.06, women: 0.3, capture: [-0.4, -0.1, -0.3], skill: 'low' },
  { iso3: 'COL', weight: 0.05, women: 0.5, capture: [0.1, 0.2, 0.0], skill: 'mid' },
  { iso3: 'CHN', weight: 0.05, women: 0.35, capture: [0.5, 0.4, 0.3], skill: 'high' },
  { iso3: 'GBR', weight: 0.05, women: 0.4, capture: [0.6, 0.5, 0.6], skill: 'high' },
];

/**
 * Capture model (log-odds). For a person with a non-zero chance, independently per list given the covariates:
 *   logit P(work permit)       = wp  + nationality.capture[0] + women[0]
 *   logit P(residence permit)  = rp  + nationality.capture[1] + women[1]
 *   logit P(social security)   = ss  + nationality.capture[2] + women[2] + wpOnSs * [in the work permit list]
 * so that the lists are homogeneous within strata nationality x sex (x work permit status for social security), with
 * a positive dependence between work permits and social security (`wpOnSs`). `heterogeneity` is the standard
 * deviation of a person-level normal frailty added to all three log-odds (0 in the shipped draw: homogeneous).
 */
export const CAPTURE = { wp: 1.1, rp: 1.4, ss: -0.2, women: [-0.5, -0.2, -0.6], wpOnSs: 1.6, heterogeneity: 0 } as const;

/**
 * Occupations (ISCO-08 sub-major groups, 2 digits): relative weight by skill profile of the nationality
 * [high, mid, low], the ISIC Rev.4 sections where they work (with weights), whether the occupation is on the
 * shortage list (labour market test exempt) and its share of highly skilled permits.
 */
export interface Occupation {
  readonly isco: string;
  readonly weight: readonly [number, number, number];
  readonly sectors: Readonly<Record<string, number>>;
  readonly shortage: boolean;
}

export const OCCUPATIONS: readonly Occupation[] = [
  { isco: '12', weight: [4, 1, 0.1], sectors: { K: 2, M: 2, C: 1, G: 1 }, shortage: false },
  { isco: '21', weight: [8, 2, 0.2], sectors: { M: 3, C: 2, F: 1, J: 1 }, shortage: true },
  { isco: '22', weight: [4, 4, 0.3], sectors: { Q: 1 }, shortage: true },
  { isco: '25', weight: [8, 2, 0.1], sectors: { J: 3, K: 1, M: 1 }, shortage: true },
  { isco: '31', weight: [2, 3, 0.5], sectors: { C: 2, F: 2, D: 1 }, shortage: false },
  { isco: '32', weight: [1, 4, 0.5], sectors: { Q: 1 }, shortage: true },
  { isco: '41', weight: [1, 2, 0.5], sectors: { N: 1, G: 1, K: 1 }, shortage: false },
  { isco: '51', weight: [1, 5, 5], sectors: { I: 3, S: 1 }, shortage: false },
  { isco: '53', weight: [0.5, 5, 3], sectors: { Q: 2, T: 3 }, shortage: true },
  { isco: '61', weight: [0.1, 1, 5], sectors: { A: 1 }, shortage: false },
  { isco: '71', weight: [0.5, 4, 8], sectors: { F: 1 }, shortage: true },
  { isco: '72', weight: [0.5, 3, 4], sectors: { C: 3, F: 1 }, shortage: false },
  { isco: '83', weight: [0.3, 3, 4], sectors: { H: 3, F: 1 }, shortage: false },
  { isco: '91', weight: [0.2, 3, 6], sectors: { N: 2, T: 2, I: 1 }, shortage: false },
  { isco: '92', weight: [0.1, 1, 5], sectors: { A: 1 }, shortage: false },
  { isco: '93', weight: [0.2, 2, 8], sectors: { F: 2, C: 2, H: 1 }, shortage: false },
];

/** Employers: number per ISIC section (ids E00001...), each in one region (REGION_SHARES); workers pick an employer of their sector with probability proportional to a lognormal size (sd 1). */
export const EMPLOYERS_PER_SECTION: Readonly<Record<string, number>> = { A: 140, C: 260, D: 10, F: 300, G: 120, H: 90, I: 220, J: 70, K: 40, M: 110, N: 90, Q: 70, S: 60, T: 400 };
/** Regions of Atlantis (codes 1-5 of the LFS: Poseidonia, Gadeira, Ampheria, Evaemonia, Mnesea): share of employers. */
export const REGION_SHARES = [0.42, 0.22, 0.15, 0.12, 0.09] as const;
/** Chance of a change of employer at each renewal of a non-seasonal worker (within the same sector). */
export const EMPLOYER_CHANGE = 0.15;

/** Permit types: code, label, first and later spell lengths in days. Seasonal permits last one season. */
export const PERMIT_TYPES = {
  ES: { label: 'employer-specific', first: 365, later: 730 },
  GE: { label: 'general', first: 730, later: 730 },
  HS: { label: 'highly skilled', first: 1095, later: 1095 },
  SE: { label: 'seasonal', first: 0, later: 0 },
} as const;
export type PermitType = keyof typeof PERMIT_TYPES;
/** Non-seasonal permit type mix by skill profile of the occupation's major group: [ES, GE, HS]; major groups 1-2 use `high`, 3-5 `mid`, 6-9 `low`. */
export const TYPE_MIX = { high: [0.3, 0.2, 0.5], mid: [0.65, 0.3, 0.05], low: [0.85, 0.15, 0] } as const;

/**
 * Renewal timing (the true legal timeline): the next spell starts, relative to the day after the previous end,
 * seamlessly (0), early (overlap of 1-60 days), on the previous end date itself (overlap of 1 day), or late (a gap of
 * 1-90 days), with these chances. A renewal is applied for only if the person stays beyond the previous end.
 */
export const RENEWAL_TIMING = { seamless: 0.7, early: 0.1, sameDay: 0.05, late: 0.15 } as const;
/** Renewals forced onto a reference date: chance that a renewal whose previous spell ends within 45 days of a reference date is moved so that the previous spell ends on the reference date and the renewal starts on it (1-day overlap). */
export const RENEWAL_ON_REFERENCE_DATE = 0.2;
/** Chance that the work permit of a person who leaves before its end is cancelled (cancellation date 0-60 days after departure, before the end). */
export const CANCEL_ON_DEPARTURE = 0.4;
/** Application: 20-120 days before the start of a first permit (renewals: 10-60 days before the previous end); decision 5-60 days after the application; issue on the decision date. */
export const APPLICATION_LEAD = { first: [20, 120], renewal: [10, 60], decision: [5, 60] } as const;

/**
 * Labour market test: required for first employer-specific and seasonal permits outside shortage occupations, exempt
 * otherwise (and for renewals). A granted application with a required test passed it. Refused applications: a share
 * `retryAfterRefusal` of the persons has a refused application 60-240 days before their first permit, and
 * applicants who never come (person keys A...) apply at a uniform date of the period, `refusedApplicants` of them
 * per granted first permit applied for in the period, with the nationality's occupation mix except that applicants
 * in shortage occupations are kept with chance `refusedShortage` (drawn again otherwise); a refused application with a required test failed it with
 * chance `refusedFailed`, else passed it (refused for another reason). Applications that passed the test give a
 * vacancy id with chance `vacancyId` (one vacancy per application; filled when granted).
 */
export const LMT = { refusedFailed: 0.6, refusedShortage: 0.3, refusedApplicants: 0.15, retryAfterRefusal: 0.06, vacancyId: 0.85 } as const;

/** Residence permit types and chance for a worker: work, family, study, other (protection, humanitarian). Spells of 365 days (first) then 730, or 1825 for a 5-year permit after 4 years of stay; renewed seamlessly while the person stays. */
export const RESIDENCE_TYPES = { W: 0.82, F: 0.11, S: 0.05, O: 0.02 } as const;

/**
 * Register defects and their rates. Rates are per row unless said otherwise.
 * - duplicateId: per person with at least 2 rows in the list, chance that the rows from a random one on carry a second register person id.
 * - ssDuplicateSpell: per social security spell, chance of a second registration of the same spell (start 0-10 days later) under a second person id (an overlapping duplicate).
 * - transliteration / typo / swapped: per row, a name recorded in another transliteration, with one typo (substitution, deletion or transposition), or with the given and family names swapped.
 * - diacritics: residence permits record names that have diacritics in their national spelling (Colombian, Vietnamese) with them in this share of rows.
 * - dayMonthSwap: per row whose birth day is 1-12 and differs from the month, the day and month are swapped; missingBirth: birth date empty.
 * - missingPassport / missingForeignerId: the identifier is empty in this share of rows (where the list carries it).
 * - endBeforeStart: per row with an end date, the end date is recorded 1-365 days before the start (a data error; the true end is in truth_links.csv).
 */
export const DEFECTS = {
  duplicateId: { wp: 0.03, rp: 0.04, ss: 0.025 },
  ssDuplicateSpell: 0.01,
  transliteration: { wp: 0.05, rp: 0.08, ss: 0.06 },
  typo: { wp: 0.015, rp: 0.02, ss: 0.03 },
  swapped: { wp: 0.01, rp: 0.02, ss: 0.015 },
  diacritics: 0.5,
  dayMonthSwap: { wp: 0.03, rp: 0.02, ss: 0.04 },
  missingBirth: { wp: 0.005, rp: 0.002, ss: 0.02 },
  missingPassport: { wp: 0.05, rp: 0.1 },
  missingForeignerId: { rp: 0.15, ss: 0.35 },
  endBeforeStart: { wp: 0.003, rp: 0.002, ss: 0.004 },
} as const;
export type ListCode = 'wp' | 'rp' | 'ss';
