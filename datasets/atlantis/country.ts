/**
 * Atlantis (ISO3 `ATL`), the fictional country of migstat's training data: its regions, origin corridors and the
 * parameters of its labour market, in one place. Every number here is invented to look like a small, open,
 * high-immigration economy; none is an estimate of a real country.
 */

/** The country of measurement. */
export const ATL = 'ATL';
/** Reference year of the survey rounds (ages and years of arrival are as of its first quarter). */
export const REFERENCE_YEAR = 2024;
export const QUARTERS = ['2024Q1', '2024Q2'] as const;
export type Quarter = (typeof QUARTERS)[number];
/** Currency of earnings: the Atlantean drachma (a fictional ISO 4217-style code). */
export const CURRENCY = 'ATD';

/** Regions: share of households, share of them urban, relative frequency of households headed by an immigrant. */
export const REGIONS = [
  { code: 1, name: 'Poseidonia', share: 0.34, urban: 0.92, immigrant: 2.1 },
  { code: 2, name: 'Gadeira', share: 0.2, urban: 0.6, immigrant: 1.2 },
  { code: 3, name: 'Ampheria', share: 0.18, urban: 0.45, immigrant: 0.8 },
  { code: 4, name: 'Evaemonia', share: 0.16, urban: 0.35, immigrant: 0.6 },
  { code: 5, name: 'Mnesea', share: 0.12, urban: 0.3, immigrant: 0.5 },
] as const;
/** Share of households headed by an immigrant at relative frequency 1. */
export const IMMIGRANT_HEAD_BASE = 0.17;

/** Enumeration areas: households per area (uniform range) by area type; the census count (measure of size) is off by a few per cent. */
export const EA_SIZE = { urban: [110, 290], rural: [60, 170] } as const;
export const MOS_ERROR_SD = 0.12;

/**
 * Origin corridors of the foreign-born: weight among immigrant households, share of women among heads, reason mix
 * [work with a job, work seeking, family, study, protection, other], education mix over ISCED levels
 * [X, 1, 2, 3, 4, 5, 6, 7, 8], the log pay premium of its workers and a transit country some came through.
 */
export interface Corridor {
  readonly iso3: string;
  readonly weight: number;
  readonly women: number;
  readonly reasons: readonly number[];
  readonly education: readonly number[];
  readonly pay: number;
  readonly transit: string;
}
const LOW_EDU = [0.06, 0.22, 0.3, 0.28, 0.05, 0.03, 0.05, 0.01, 0];
const MID_EDU = [0.02, 0.1, 0.2, 0.36, 0.08, 0.07, 0.13, 0.04, 0];
const HIGH_EDU = [0, 0.02, 0.06, 0.28, 0.07, 0.09, 0.3, 0.16, 0.02];
export const CORRIDORS: readonly Corridor[] = [
  { iso3: 'IND', weight: 0.14, women: 0.22, reasons: [0.5, 0.2, 0.18, 0.08, 0, 0.04], education: MID_EDU, pay: -0.22, transit: 'ARE' },
  { iso3: 'PHL', weight: 0.1, women: 0.62, reasons: [0.62, 0.12, 0.16, 0.04, 0, 0.06], education: MID_EDU, pay: -0.28, transit: 'SAU' },
  { iso3: 'BGD', weight: 0.06, women: 0.12, reasons: [0.55, 0.25, 0.14, 0.02, 0, 0.04], education: LOW_EDU, pay: -0.35, transit: 'ARE' },
  { iso3: 'PAK', weight: 0.05, women: 0.1, reasons: [0.5, 0.26, 0.18, 0.02, 0, 0.04], education: LOW_EDU, pay: -0.32, transit: 'SAU' },
  { iso3: 'NPL', weight: 0.04, women: 0.15, reasons: [0.6, 0.22, 0.12, 0.02, 0, 0.04], education: LOW_EDU, pay: -0.36, transit: 'QAT' },
  { iso3: 'MAR', weight: 0.09, women: 0.38, reasons: [0.3, 0.3, 0.3, 0.05, 0, 0.05], education: LOW_EDU, pay: -0.25, transit: 'ESP' },
  { iso3: 'SEN', weight: 0.05, women: 0.3, reasons: [0.22, 0.38, 0.25, 0.07, 0.03, 0.05], education: LOW_EDU, pay: -0.3, transit: 'MRT' },
  { iso3: 'NGA', weight: 0.05, women: 0.4, reasons: [0.3, 0.25, 0.2, 0.15, 0.05, 0.05], education: MID_EDU, pay: -0.2, transit: 'GHA' },
  { iso3: 'CPV', weight: 0.03, women: 0.5, reasons: [0.3, 0.25, 0.35, 0.05, 0, 0.05], education: LOW_EDU, pay: -0.22, transit: 'PRT' },
  { iso3: 'PRT', weight: 0.06, women: 0.45, reasons: [0.45, 0.2, 0.25, 0.04, 0, 0.06], education: MID_EDU, pay: 0.02, transit: 'FRA' },
  { iso3: 'ESP', weight: 0.04, women: 0.48, reasons: [0.45, 0.18, 0.27, 0.05, 0, 0.05], education: HIGH_EDU, pay: 0.05, transit: 'FRA' },
  { iso3: 'GBR', weight: 0.04, women: 0.42, reasons: [0.55, 0.08, 0.25, 0.04, 0, 0.08], education: HIGH_EDU, pay: 0.18, transit: 'IRL' },
  { iso3: 'ROU', weight: 0.05, women: 0.4, reasons: [0.45, 0.3, 0.18, 0.03, 0, 0.04], education: MID_EDU, pay: -0.15, transit: 'ITA' },
  { iso3: 'UKR', weight: 0.06, women: 0.6, reasons: [0.15, 0.1, 0.15, 0.05, 0.5, 0.05], education: HIGH_EDU, pay: -0.2, transit: 'POL' },
  { iso3: 'SYR', weight: 0.04, women: 0.35, reasons: [0.05, 0.05, 0.1, 0.02, 0.75, 0.03], education: LOW_EDU, pay: -0.3, transit: 'TUR' },
  { iso3: 'BRA', weight: 0.05, women: 0.5, reasons: [0.4, 0.25, 0.22, 0.08, 0, 0.05], education: MID_EDU, pay: -0.1, transit: 'PRT' },
  { iso3: 'CHN', weight: 0.03, women: 0.45, reasons: [0.45, 0.1, 0.15, 0.25, 0, 0.05], education: HIGH_EDU, pay: 0, transit: 'SGP' },
  { iso3: 'EGY', weight: 0.02, women: 0.2, reasons: [0.5, 0.25, 0.15, 0.05, 0, 0.05], education: MID_EDU, pay: -0.18, transit: 'SAU' },
];
/** Education of the native-born aged 15+ (ISCED X, 1..8). */
export const NATIVE_EDUCATION = [0.01, 0.06, 0.14, 0.38, 0.07, 0.08, 0.18, 0.07, 0.01];

/** Countries where Atlantean return migrants worked and absent household members live, with weights. */
export const DESTINATIONS = [
  ['GBR', 0.2], ['FRA', 0.12], ['DEU', 0.12], ['USA', 0.14], ['CAN', 0.08], ['ESP', 0.08],
  ['PRT', 0.06], ['ARE', 0.1], ['AUS', 0.05], ['BRA', 0.05],
] as const;

/** Non-resident foreign workers (a separate frame: never in the LFS): cross-border commuters and seasonal workers. */
export const CROSS_BORDER = { perLabourForce: 0.012, countries: [['ESP', 0.55], ['MAR', 0.45]] as const, women: 0.3 };
export const SEASONAL = {
  perLabourForce: { '2024Q1': 0.004, '2024Q2': 0.016 } as Record<Quarter, number>,
  countries: [['MAR', 0.35], ['SEN', 0.2], ['UKR', 0.15], ['ROU', 0.15], ['PHL', 0.15]] as const,
  women: 0.35,
};

/** Two-stage LFS design: enumeration areas per quarter and households per area (half of them rotating out next quarter). */
export const LFS_DESIGN = { areas: 240, minAreasPerStratum: 12, householdsPerArea: 12 } as const;
/** Household response propensity by area type, shifted by household size class (1, 2, 3-4, 5+). */
export const RESPONSE = { urban: 0.82, rural: 0.9, bySize: [-0.08, -0.02, 0.02, 0.04] } as const;
/** Age groups of the calibration margins (lower bounds); the last is open. */
export const AGE_GROUPS = [0, 15, 25, 35, 45, 55, 65] as const;
/** Threshold of time-related underemployment: hours actually worked below it. */
export const UNDEREMPLOYMENT_HOURS = 35;
/** Replicate weights shipped with each round. */
export const BOOTSTRAP_REPLICATES = 200;
