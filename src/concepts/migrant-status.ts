/**
 * International migrant status of each person by country of birth (foreign-born) or country of citizenship
 * (foreign citizens), after the 20th ICLS (2018) Guidelines concerning statistics of international labour migration
 * and the UN recommendations they follow. Countries are ISO 3166-1 alpha-3 codes; null, '' and 'not-stated' are missing.
 *
 * The criterion is chosen per dataset, never per person (chooseMigrantCriterion): birth when the dataset has country
 * of birth, otherwise citizenship. Under the birth criterion a missing country of birth stays "not stated" (255,
 * ILOSTAT `CBR_BIR_X`), is counted, and is not replaced by citizenship: that is the ILO default (`fallback: false`).
 */
import type { Breakdown } from './derived-groups.js';

/** Which variable identifies international migrants: 'birth' (foreign-born; ILO default) or 'citizenship' (foreign citizens). */
export type MigrantCriterion = 'birth' | 'citizenship';
export const MIGRANT_CRITERIA: readonly MigrantCriterion[] = ['birth', 'citizenship'];

export interface MigrantStatusInput {
  /** ISO3 country of birth per person. */
  countryOfBirth?: ArrayLike<string | null>;
  /** ISO3 country of citizenship per person. */
  citizenship?: ArrayLike<string | null>;
}

export interface MigrantStatusOptions {
  /** ISO3 code of the country of measurement, e.g. 'ZAF'. */
  country: string;
  /** Default 'birth'. */
  criterion?: MigrantCriterion;
  /**
   * Where the criterion's variable is missing, use the other one (and count the row in fallbackRows). Default false,
   * the ILO default: it mixes criteria within one series, so a missing value should stay not stated (`CBR_BIR_X`).
   */
  fallback?: boolean;
}

export interface MigrantStatusResult {
  /** 1 = migrant, 0 = non-migrant, 255 = unknown. */
  migrant: Uint8Array;
  criterion: MigrantCriterion;
  /** Rows classified by the other variable because the criterion's variable was missing (fallback: true). */
  fallbackRows: number;
  /** Rows coded 255: the criterion's variable missing or not stated (and no fallback), ILOSTAT `CBR_BIR_X` / `CCT_CIT_X`. */
  unknown: number;
}

const MIGRANT = 1;
const NON_MIGRANT = 0;
const UNKNOWN = 255;
const MISSING = -1;

function isIso3(code: string): boolean {
  if (code.length !== 3) return false;
  for (let k = 0; k < 3; k++) {
    const c = code.charCodeAt(k);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** 1 if the code at row i differs from the country, 0 if equal, MISSING for null / '' / 'not-stated'; throws on a non-ISO3 code. */
function compare(codes: ArrayLike<string | null | undefined>, i: number, country: string, name: string): number {
  const v = codes[i];
  if (v === null || v === undefined || v === '' || v === 'not-stated') return MISSING;
  if (typeof v !== 'string' || !isIso3(v)) {
    throw new Error(`migrantStatus: ${name} "${String(v)}" at index ${i} is not a 3-letter uppercase ISO 3166-1 alpha-3 code (missing: null, '' or 'not-stated')`);
  }
  return v === country ? NON_MIGRANT : MIGRANT;
}

/**
 * International migrant status (1 migrant, 0 non-migrant, 255 unknown): 20th ICLS 2018 Guidelines on international labour migration statistics, foreign-born or foreign-citizen population.
 *
 * Birth: migrant when the country of birth differs from `country` (so a naturalised foreign-born citizen is a
 * migrant); citizenship: migrant when the citizenship differs (so a native-born foreign citizen is a migrant).
 * With `fallback: true`, a missing value of the criterion's variable is replaced by the other variable, and the row
 * is counted in `fallbackRows`; rows with neither are unknown and counted.
 */
export function migrantStatus(input: MigrantStatusInput, options: MigrantStatusOptions): MigrantStatusResult {
  const { country } = options;
  if (typeof country !== 'string' || !isIso3(country)) {
    throw new Error(`migrantStatus: country "${String(country)}" must be a 3-letter uppercase ISO 3166-1 alpha-3 code, e.g. "ZAF"`);
  }
  const criterion = options.criterion ?? 'birth';
  if (!MIGRANT_CRITERIA.includes(criterion)) {
    throw new Error(`migrantStatus: criterion "${String(criterion)}" is not one of ${MIGRANT_CRITERIA.join(', ')}`);
  }
  const fallback = options.fallback ?? false;
  const primaryName = criterion === 'birth' ? 'countryOfBirth' : 'citizenship';
  const secondaryName = criterion === 'birth' ? 'citizenship' : 'countryOfBirth';
  const primary = criterion === 'birth' ? input.countryOfBirth : input.citizenship;
  const secondary = criterion === 'birth' ? input.citizenship : input.countryOfBirth;
  if (primary === undefined) {
    throw new Error(`migrantStatus: criterion "${criterion}" needs ${primaryName}; to classify by ${secondaryName}, choose criterion "${criterion === 'birth' ? 'citizenship' : 'birth'}"`);
  }
  if (fallback && secondary === undefined) {
    throw new Error(`migrantStatus: fallback: true needs ${secondaryName} to fall back to`);
  }
  const n = primary.length;
  if (secondary !== undefined && secondary.length !== n) {
    throw new Error(`migrantStatus: ${secondaryName} has ${secondary.length} rows, ${primaryName} has ${n}`);
  }
  const migrant = new Uint8Array(n);
  let fallbackRows = 0;
  let unknown = 0;
  for (let i = 0; i < n; i++) {
    let m = compare(primary, i, country, primaryName);
    if (m === MISSING && fallback) {
      m = compare(secondary as ArrayLike<string | null>, i, country, secondaryName);
      if (m !== MISSING) fallbackRows++;
    }
    if (m === MISSING) {
      migrant[i] = UNKNOWN;
      unknown++;
    } else {
      migrant[i] = m;
    }
  }
  return { migrant, criterion, fallbackRows, unknown };
}

/** What a dataset maps: country of birth, citizenship (from its profile). */
export interface MigrantVariablesAvailable {
  hasCountryOfBirth: boolean;
  hasCitizenship: boolean;
}

/**
 * The migrant criterion of a dataset, chosen once for the whole dataset: spec icls.md 1.5 para 12 (foreign-born, or foreign citizens where place of birth is not available).
 *
 * 'birth' when the dataset maps country of birth, else 'citizenship'; throws when it maps neither. Record the
 * result in the output metadata; never choose per person.
 */
export function chooseMigrantCriterion(available: MigrantVariablesAvailable): MigrantCriterion {
  if (available.hasCountryOfBirth) return 'birth';
  if (available.hasCitizenship) return 'citizenship';
  throw new Error('chooseMigrantCriterion: the dataset maps neither country_of_birth nor citizenship, so migrant status cannot be derived');
}

/** ILOSTAT migrant-status codes by criterion: place of birth (`CBR_BIR_*`) or citizenship (`CCT_CIT_*`). */
export type IlostatMigrantCode =
  | 'CBR_BIR_FOREIGN' | 'CBR_BIR_NATIVE' | 'CBR_BIR_X'
  | 'CCT_CIT_NONCIT' | 'CCT_CIT_CITIZEN' | 'CCT_CIT_X';

const ILOSTAT_CODES: Record<MigrantCriterion, readonly [IlostatMigrantCode, IlostatMigrantCode, IlostatMigrantCode]> = {
  // [non-migrant (0), migrant (1), not stated (255)]
  birth: ['CBR_BIR_NATIVE', 'CBR_BIR_FOREIGN', 'CBR_BIR_X'],
  citizenship: ['CCT_CIT_CITIZEN', 'CCT_CIT_NONCIT', 'CCT_CIT_X'],
};

function checkCriterion(fn: string, criterion: MigrantCriterion): void {
  if (!MIGRANT_CRITERIA.includes(criterion)) throw new Error(`${fn}: criterion "${String(criterion)}" is not one of ${MIGRANT_CRITERIA.join(', ')}`);
}

/**
 * The ILOSTAT code of a migrant-status code (1 migrant, 0 non-migrant, 255 not stated): spec icls.md 4.4 para 52.
 *
 * Birth: `CBR_BIR_FOREIGN` / `CBR_BIR_NATIVE` / `CBR_BIR_X`; citizenship: `CCT_CIT_NONCIT` / `CCT_CIT_CITIZEN` / `CCT_CIT_X`.
 */
export function ilostatMigrantCode(code: number, criterion: MigrantCriterion): IlostatMigrantCode {
  checkCriterion('ilostatMigrantCode', criterion);
  const codes = ILOSTAT_CODES[criterion];
  if (code === MIGRANT) return codes[1];
  if (code === NON_MIGRANT) return codes[0];
  if (code === UNKNOWN) return codes[2];
  throw new Error(`ilostatMigrantCode: migrant-status code ${String(code)} is not 1 (migrant), 0 (non-migrant) or 255 (not stated)`);
}

/** The ILOSTAT codes of a migrantStatus array, one per row: spec icls.md 4.4 para 52. */
export function ilostatMigrantCodes(migrant: ArrayLike<number>, criterion: MigrantCriterion): IlostatMigrantCode[] {
  checkCriterion('ilostatMigrantCodes', criterion);
  const codes = ILOSTAT_CODES[criterion];
  const n = migrant.length;
  const out = new Array<IlostatMigrantCode>(n);
  for (let i = 0; i < n; i++) {
    const v = migrant[i] as number;
    out[i] = v === MIGRANT ? codes[1] : v === NON_MIGRANT ? codes[0] : v === UNKNOWN ? codes[2] : ilostatMigrantCode(v, criterion);
  }
  return out;
}

/** The ILOSTAT migrant-status breakdown of a criterion (`CBR_BIR_TOTAL` = NATIVE + FOREIGN + X; `CCT_CIT_TOTAL` likewise): spec icls.md 4.4 para 52. */
export function migrantStatusBreakdown(criterion: MigrantCriterion): Breakdown {
  checkCriterion('migrantStatusBreakdown', criterion);
  const [non, mig, x] = ILOSTAT_CODES[criterion];
  return { total: criterion === 'birth' ? 'CBR_BIR_TOTAL' : 'CCT_CIT_TOTAL', items: [non, mig, x] };
}
