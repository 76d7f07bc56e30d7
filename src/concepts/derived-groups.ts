/**
 * Derived groups coded with ILOSTAT classification item codes (spec icls.md 4.4 paras 51-53): age bands, ISCO-08
 * major groups and skill levels, ISIC Rev.4 sections and broad sectors, ICSE-93 groups and the employee /
 * self-employed aggregate, ISCED 2011 levels and aggregates, and (migstat codes; ILOSTAT has no classification items
 * for them) ILO regions, subregions and World Bank income groups of a country.
 *
 * Each function maps an array of source codes to an array of ILOSTAT codes, one per row, in one pass; missing values
 * (NaN, null, '', 'not-stated') give null, and a code that is not in the classification throws, naming the row and the
 * allowed values. Each classification has a Breakdown: its total code and the items that partition it.
 */
import { ICSE18_CATEGORIES, ICSE93_GROUPS } from '../classifications/icse.js';
import { ISCED2011_LEVELS } from '../classifications/isced2011.js';
import { ISCO08_MAJOR_GROUPS, isIsco08Code } from '../classifications/isco08.js';
import { ISIC4_SECTIONS, isic4SectionOf } from '../classifications/isic4.js';
import { ILO_REGIONS, ILO_SUBREGIONS_BROAD, ILO_SUBREGIONS_DETAILED, INCOME_GROUPS, iloCountryOf } from '../classifications/ilo-regions.js';
import { countryByIso3 } from '../classifications/countries.js';

/**
 * A classification as tabulated: its total code and the items that partition it. Structurally identical to the
 * indicators layer's Breakdown (src/indicators/cell.ts), which concepts may not import.
 */
export interface Breakdown {
  readonly total: string;
  readonly items: readonly string[];
}

const NOT_STATED = 'not-stated';

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === '' || v === NOT_STATED || (typeof v === 'number' && v !== v);
}

/**
 * Maps codes through `lookup` once per distinct code (memoised), one pass over the rows. `lookup` returns the ILOSTAT
 * code, or undefined for a code not in the classification (an error naming the row and `allowed`).
 */
function mapCodes<T extends string | number>(
  fn: string, codes: ArrayLike<T | null>, lookup: (code: T) => string | undefined, allowed: string,
): (string | null)[] {
  const n = codes.length;
  const out = new Array<string | null>(n);
  const memo = new Map<T, string>();
  for (let i = 0; i < n; i++) {
    const v = codes[i];
    if (isMissing(v)) {
      out[i] = null;
      continue;
    }
    let r = memo.get(v as T);
    if (r === undefined) {
      r = lookup(v as T);
      if (r === undefined) throw new Error(`${fn}: code ${JSON.stringify(v)} at index ${i} is not ${allowed} (missing: null, '', 'not-stated' or NaN)`);
      memo.set(v as T, r);
    }
    out[i] = r;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Age

/** ILOSTAT age classifications: youth/adults, aggregate bands, 5-year and 10-year bands. */
export type AgeScheme = 'YTHADULT' | 'AGGREGATE' | '5YRBANDS' | '10YRBANDS';
export const AGE_SCHEMES: readonly AgeScheme[] = ['YTHADULT', 'AGGREGATE', '5YRBANDS', '10YRBANDS'];

const pad2 = (a: number): string => String(a).padStart(2, '0');
const FIVE_YEAR_WORKING_AGE = [15, 20, 25, 30, 35, 40, 45, 50, 55, 60].map((a) => `AGE_5YRBANDS_Y${a}-${a + 4}`).concat('AGE_5YRBANDS_YGE65');

/**
 * The breakdown of each age classification over the working-age population (15+), as ILOSTAT tabulates labour
 * statistics: `AGE_YTHADULT_YGE15` = `Y15-24` + `YGE25`; the `_TOTAL` of the other schemes is 15+ there too.
 * (Under-15 codes, `YLT15` and `Y00-04`..`Y10-14`, are produced by ageBandCodes but are not items of these.)
 */
export const AGE_BREAKDOWNS: Readonly<Record<AgeScheme, Breakdown>> = {
  YTHADULT: { total: 'AGE_YTHADULT_YGE15', items: ['AGE_YTHADULT_Y15-24', 'AGE_YTHADULT_YGE25'] },
  AGGREGATE: { total: 'AGE_AGGREGATE_TOTAL', items: ['AGE_AGGREGATE_Y15-24', 'AGE_AGGREGATE_Y25-54', 'AGE_AGGREGATE_Y55-64', 'AGE_AGGREGATE_YGE65'] },
  '5YRBANDS': { total: 'AGE_5YRBANDS_TOTAL', items: FIVE_YEAR_WORKING_AGE },
  '10YRBANDS': {
    total: 'AGE_10YRBANDS_TOTAL',
    items: ['AGE_10YRBANDS_Y15-24', 'AGE_10YRBANDS_Y25-34', 'AGE_10YRBANDS_Y35-44', 'AGE_10YRBANDS_Y45-54', 'AGE_10YRBANDS_Y55-64', 'AGE_10YRBANDS_YGE65'],
  },
};

/** Code of each completed year of age 0-65 (65 = 65+) under a scheme; null where the scheme has no item (YTHADULT under 15). */
function ageTable(scheme: AgeScheme): (string | null)[] {
  const t: (string | null)[] = [];
  for (let a = 0; a <= 65; a++) {
    switch (scheme) {
      case 'YTHADULT':
        t.push(a < 15 ? null : a < 25 ? 'AGE_YTHADULT_Y15-24' : 'AGE_YTHADULT_YGE25');
        break;
      case 'AGGREGATE':
        t.push(a < 15 ? 'AGE_AGGREGATE_YLT15' : a < 25 ? 'AGE_AGGREGATE_Y15-24' : a < 55 ? 'AGE_AGGREGATE_Y25-54' : a < 65 ? 'AGE_AGGREGATE_Y55-64' : 'AGE_AGGREGATE_YGE65');
        break;
      case '5YRBANDS': {
        const lo = a - (a % 5);
        t.push(a >= 65 ? 'AGE_5YRBANDS_YGE65' : `AGE_5YRBANDS_Y${pad2(lo)}-${pad2(lo + 4)}`);
        break;
      }
      default: {
        if (a < 15) t.push('AGE_10YRBANDS_YLT15');
        else if (a >= 65) t.push('AGE_10YRBANDS_YGE65');
        else {
          const lo = 15 + 10 * Math.floor((a - 15) / 10);
          t.push(`AGE_10YRBANDS_Y${lo}-${lo + 9}`);
        }
      }
    }
  }
  return t;
}
const AGE_TABLES = new Map(AGE_SCHEMES.map((s) => [s, ageTable(s)]));

/**
 * ILOSTAT age band of each age in completed years: spec icls.md 4.4 para 51 (`AGE_YTHADULT_*`, `AGE_AGGREGATE_*`, `AGE_5YRBANDS_*`, `AGE_10YRBANDS_*`).
 *
 * Fractional ages are floored. Under 15: `AGE_AGGREGATE_YLT15`, `AGE_10YRBANDS_YLT15`, `AGE_5YRBANDS_Y00-04` ..
 * `Y10-14`, and null under YTHADULT (which has no under-15 item). NaN gives null; a negative age throws.
 */
export function ageBandCodes(age: ArrayLike<number>, scheme: AgeScheme): (string | null)[] {
  const table = AGE_TABLES.get(scheme);
  if (table === undefined) throw new Error(`ageBandCodes: scheme "${String(scheme)}" is not one of ${AGE_SCHEMES.join(', ')}`);
  const n = age.length;
  const out = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const a = age[i] as number;
    if (a !== a) {
      out[i] = null;
      continue;
    }
    if (typeof a !== 'number' || !(a >= 0)) throw new Error(`ageBandCodes: age ${String(a)} at index ${i} is not a number >= 0 (missing: NaN)`);
    out[i] = table[a >= 65 ? 65 : Math.floor(a)]!;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Occupation (ISCO-08)

/** ISCO-08 major groups 1-9, 0 (armed forces), X. */
export const ISCO08_BREAKDOWN: Breakdown = { total: 'OCU_ISCO08_TOTAL', items: ISCO08_MAJOR_GROUPS.map((g) => g.ilostatCode) };
/** ISCO skill levels: low (1), medium (2), high (3-4), not classified. */
export const SKILL_BREAKDOWN: Breakdown = { total: 'OCU_SKILL_TOTAL', items: ['OCU_SKILL_L1', 'OCU_SKILL_L2', 'OCU_SKILL_L3-4', 'OCU_SKILL_X'] };

const ISCO_ALLOWED = 'an ISCO-08 code of 1 to 4 digits or X';
const majorCode = new Map(ISCO08_MAJOR_GROUPS.map((g) => [g.code, g.ilostatCode]));

/** ISCO-08 major group (`OCU_ISCO08_1` .. `_9`, `_0`, `_X`) of each 1-4 digit ISCO-08 code or X: spec icls.md 4.4 para 53; ISCO-08 structure (ILO 2012). */
export function iscoMajorGroupCodes(codes: ArrayLike<string | null>): (string | null)[] {
  return mapCodes('iscoMajorGroupCodes', codes, (c) => (typeof c === 'string' && isIsco08Code(c) ? majorCode.get(c[0]!) : undefined), ISCO_ALLOWED);
}

/** Skill level of an ISCO-08 code: 1-3 high, 4-8 medium, 9 low; armed forces by sub-major group (01 high, 02 medium, 03 low), else X. */
function skillOf(code: string): string | undefined {
  if (typeof code !== 'string' || !isIsco08Code(code)) return undefined;
  const g = code[0]!;
  if (g === 'X') return 'OCU_SKILL_X';
  if (g === '9') return 'OCU_SKILL_L1';
  if (g >= '4' && g <= '8') return 'OCU_SKILL_L2';
  if (g >= '1' && g <= '3') return 'OCU_SKILL_L3-4';
  // armed forces: 01 commissioned officers (skill 4), 02 non-commissioned officers (2), 03 other ranks (1)
  const sub = code[1];
  return sub === '1' ? 'OCU_SKILL_L3-4' : sub === '2' ? 'OCU_SKILL_L2' : sub === '3' ? 'OCU_SKILL_L1' : sub === undefined ? 'OCU_SKILL_X' : undefined;
}

/**
 * ISCO skill level (`OCU_SKILL_L1`, `L2`, `L3-4`, `X`) of each ISCO-08 code: spec icls.md 4.4 para 53; ISCO-08 skill levels of major groups (ILO 2012, table 1).
 *
 * Major groups 1-3 high (skill levels 3 and 4), 4-8 medium (2), 9 low (1). Armed forces (0) span skill levels, so
 * their sub-major group decides (01 -> L3-4, 02 -> L2, 03 -> L1); a bare `0` and `X` give `OCU_SKILL_X`.
 */
export function iscoSkillLevelCodes(codes: ArrayLike<string | null>): (string | null)[] {
  return mapCodes('iscoSkillLevelCodes', codes, skillOf, ISCO_ALLOWED);
}

// ---------------------------------------------------------------------------------------------------------------
// Industry (ISIC Rev.4)

/** ISIC Rev.4 sections A-U and X. */
export const ISIC4_BREAKDOWN: Breakdown = { total: 'ECO_ISIC4_TOTAL', items: ISIC4_SECTIONS.map((s) => s.ilostatCode) };
/** Broad sectors: agriculture (A), industry (B-F), services (G-U), not classified. */
export const SECTOR_BREAKDOWN: Breakdown = { total: 'ECO_SECTOR_TOTAL', items: ['ECO_SECTOR_AGR', 'ECO_SECTOR_IND', 'ECO_SECTOR_SER', 'ECO_SECTOR_X'] };

const ISIC_ALLOWED = 'an ISIC Rev.4 section letter (A-U, X) or a 2-4 digit code of an existing division';

/** ISIC Rev.4 section (`ECO_ISIC4_A` .. `_U`, `_X`) of each section letter or 2-4 digit code: spec icls.md 4.4 para 53 and 5 para 57. */
export function isicSectionCodes(codes: ArrayLike<string | null>): (string | null)[] {
  return mapCodes('isicSectionCodes', codes, (c) => (typeof c === 'string' ? isic4SectionOf(c)?.ilostatCode : undefined), ISIC_ALLOWED);
}

/** Broad sector (`ECO_SECTOR_AGR` = A, `IND` = B-F, `SER` = G-U, `X`) of each ISIC Rev.4 code: spec icls.md 5 para 57. */
export function isicSectorCodes(codes: ArrayLike<string | null>): (string | null)[] {
  return mapCodes('isicSectorCodes', codes, (c) => {
    const s = typeof c === 'string' ? isic4SectionOf(c) : undefined;
    return s === undefined ? undefined : `ECO_SECTOR_${s.iloBroadSector}`;
  }, ISIC_ALLOWED);
}

// ---------------------------------------------------------------------------------------------------------------
// Status in employment (ICSE-93, ICSE-18)

/** Which classification a status-in-employment array holds. */
export type IcseVersion = 'ICSE93' | 'ICSE18';
export const ICSE_VERSIONS: readonly IcseVersion[] = ['ICSE93', 'ICSE18'];

/** ICSE-93 groups 1-6. */
export const ICSE93_BREAKDOWN: Breakdown = { total: 'STE_ICSE93_TOTAL', items: ICSE93_GROUPS.map((g) => g.ilostatCode) };
/** Employees, self-employed, not classifiable. */
export const STE_AGGREGATE_BREAKDOWN: Breakdown = { total: 'STE_AGGREGATE_TOTAL', items: ['STE_AGGREGATE_EES', 'STE_AGGREGATE_SLF', 'STE_AGGREGATE_X'] };

/**
 * ICSE-93 group of each ICSE-18 category (the ILO's correspondence; owner-operators of corporations, 21, are paid by
 * their corporation and count as employees; dependent contractors, 30, as own-account workers). As in the bundled
 * Atlantis data.
 */
export const ICSE93_OF_ICSE18: Readonly<Record<string, string>> = { 11: '2', 12: '2', 21: '1', 22: '3', 30: '3', 41: '1', 42: '1', 43: '1', 44: '1', 51: '5' };

const icse93ByCode = new Map(ICSE93_GROUPS.map((g) => [g.code, g]));
const icse18Codes = new Set(ICSE18_CATEGORIES.map((c) => c.code));

/** The ICSE-93 group code ('1'..'6') of a source code (string or number) of the given version, or undefined. */
function icse93Of(code: string | number, version: IcseVersion): string | undefined {
  const c = typeof code === 'number' ? String(code) : code;
  if (version === 'ICSE93') return icse93ByCode.has(c) ? c : undefined;
  return icse18Codes.has(c) ? ICSE93_OF_ICSE18[c] : undefined;
}

function checkVersion(fn: string, version: IcseVersion): void {
  if (!ICSE_VERSIONS.includes(version)) throw new Error(`${fn}: version "${String(version)}" is not one of ${ICSE_VERSIONS.join(', ')}`);
}

const icseAllowed = (version: IcseVersion): string =>
  version === 'ICSE93' ? `an ICSE-93 code (${ICSE93_GROUPS.map((g) => g.code).join(', ')})` : `an ICSE-18 code (${ICSE18_CATEGORIES.map((g) => g.code).join(', ')})`;

/**
 * ICSE-93 group (`STE_ICSE93_1` .. `_6`) of each status code, ICSE-93 or (through ICSE93_OF_ICSE18) ICSE-18: spec icls.md 2.3 para 31 and 4.4 para 53.
 */
export function icse93Codes(codes: ArrayLike<string | number | null>, version: IcseVersion = 'ICSE93'): (string | null)[] {
  checkVersion('icse93Codes', version);
  return mapCodes('icse93Codes', codes, (c) => {
    const g = icse93Of(c, version);
    return g === undefined ? undefined : icse93ByCode.get(g)!.ilostatCode;
  }, icseAllowed(version));
}

/**
 * Employees / self-employed aggregate (`STE_AGGREGATE_EES`, `SLF`, `X`) of each status code: spec icls.md 2.3 para 31 (SLF = ICSE-93 2+3+4+5).
 *
 * ICSE-18 codes go through their ICSE-93 group: employees are 41-44 and 21, self-employed 11, 12, 22, 30 and 51.
 */
export function icseAggregateCodes(codes: ArrayLike<string | number | null>, version: IcseVersion = 'ICSE93'): (string | null)[] {
  checkVersion('icseAggregateCodes', version);
  return mapCodes('icseAggregateCodes', codes, (c) => {
    const g = icse93Of(c, version);
    return g === undefined ? undefined : `STE_AGGREGATE_${icse93ByCode.get(g)!.ilostatAggregate}`;
  }, icseAllowed(version));
}

// ---------------------------------------------------------------------------------------------------------------
// Education (ISCED 2011)

/** ISCED 2011 levels X (no schooling), 0-8, 9 (not classified). */
export const ISCED11_BREAKDOWN: Breakdown = { total: 'EDU_ISCED11_TOTAL', items: ISCED2011_LEVELS.map((l) => l.ilostatCode) };
/** Less than basic, basic, intermediate, advanced, level not stated. */
export const EDU_AGGREGATE_BREAKDOWN: Breakdown = {
  total: 'EDU_AGGREGATE_TOTAL', items: ['EDU_AGGREGATE_LTB', 'EDU_AGGREGATE_BAS', 'EDU_AGGREGATE_INT', 'EDU_AGGREGATE_ADV', 'EDU_AGGREGATE_X'],
};

const iscedByLevel = new Map(ISCED2011_LEVELS.map((l) => [l.level, l]));
const ISCED_ALLOWED = `an ISCED 2011 level (${ISCED2011_LEVELS.map((l) => l.level).join(', ')})`;
const iscedOf = (c: string | number): (typeof ISCED2011_LEVELS)[number] | undefined => iscedByLevel.get(typeof c === 'number' ? String(c) : c);

/** ISCED 2011 level (`EDU_ISCED11_X`, `_0` .. `_9`) of each level code ('X', '0'-'9', or a number 0-9): spec icls.md 4.4 para 53 and 5 para 58. */
export function iscedLevelCodes(codes: ArrayLike<string | number | null>): (string | null)[] {
  return mapCodes('iscedLevelCodes', codes, (c) => iscedOf(c)?.ilostatCode, ISCED_ALLOWED);
}

/**
 * ISCED aggregate level (`EDU_AGGREGATE_LTB` X and 0, `BAS` 1-2, `INT` 3-4, `ADV` 5-8, `X` 9): spec icls.md 4.4 para 53 (ILOSTAT practice; X/0 -> less than basic flagged in src/classifications/README.md).
 */
export function iscedAggregateCodes(codes: ArrayLike<string | number | null>): (string | null)[] {
  return mapCodes('iscedAggregateCodes', codes, (c) => {
    const l = iscedOf(c);
    return l === undefined ? undefined : `EDU_AGGREGATE_${l.ilostatAggregate}`;
  }, ISCED_ALLOWED);
}

// ---------------------------------------------------------------------------------------------------------------
// ILO regions and income groups of a country (migstat codes)

/** Level of the ILO regional hierarchy: region (5), broad subregion (11), detailed subregion (20). */
export type IloRegionLevel = 'region' | 'broad' | 'detailed';
export const ILO_REGION_LEVELS: readonly IloRegionLevel[] = ['region', 'broad', 'detailed'];

const REGION_PREFIX: Readonly<Record<IloRegionLevel, string>> = { region: 'ILO_REGION_', broad: 'ILO_SUBREGION_BROAD_', detailed: 'ILO_SUBREGION_DETAILED_' };

/**
 * Breakdowns of the migstat region codes (ILOSTAT publishes regions only as `ref_area` aggregates, not as
 * classification items): `ILO_REGION_AFR` .., `ILO_SUBREGION_BROAD_SSA` .., `ILO_SUBREGION_DETAILED_WAF` ..; `_X` =
 * a country with no ILO region (the fictional ATL, Antarctica and other areas outside ILOSTAT's list).
 */
export const ILO_REGION_BREAKDOWNS: Readonly<Record<IloRegionLevel, Breakdown>> = {
  region: { total: 'ILO_REGION_TOTAL', items: [...ILO_REGIONS.map((r) => `ILO_REGION_${r.code}`), 'ILO_REGION_X'] },
  broad: { total: 'ILO_SUBREGION_BROAD_TOTAL', items: [...ILO_SUBREGIONS_BROAD.map((r) => `ILO_SUBREGION_BROAD_${r.code}`), 'ILO_SUBREGION_BROAD_X'] },
  detailed: { total: 'ILO_SUBREGION_DETAILED_TOTAL', items: [...ILO_SUBREGIONS_DETAILED.map((r) => `ILO_SUBREGION_DETAILED_${r.code}`), 'ILO_SUBREGION_DETAILED_X'] },
};
/** World Bank income groups (migstat codes `WB_INCOME_LIC`, `LMC`, `UMC`, `HIC`; `_X` = no income group in ILOSTAT's list). */
export const INCOME_GROUP_BREAKDOWN: Breakdown = { total: 'WB_INCOME_TOTAL', items: [...INCOME_GROUPS.map((g) => `WB_INCOME_${g.code}`), 'WB_INCOME_X'] };

const COUNTRY_ALLOWED = 'an ISO 3166-1 alpha-3 code of the UN M49 list, ILOSTAT\'s list or ATL';

function isKnownCountry(c: string): boolean {
  return /^[A-Z]{3}$/.test(c) && (countryByIso3(c) !== undefined || iloCountryOf(c) !== undefined);
}

/**
 * ILO region, broad or detailed subregion (migstat codes `ILO_REGION_*`, ...) of each ISO3 country code, e.g. of birth or citizenship: spec icls.md 5 para 55 (ILOSTAT country list).
 *
 * A known country outside ILOSTAT's list (ATL, ATA, ...) gives the `_X` item; an unknown code throws.
 */
export function iloRegionCodes(codes: ArrayLike<string | null>, level: IloRegionLevel = 'region'): (string | null)[] {
  if (!ILO_REGION_LEVELS.includes(level)) throw new Error(`iloRegionCodes: level "${String(level)}" is not one of ${ILO_REGION_LEVELS.join(', ')}`);
  const prefix = REGION_PREFIX[level];
  return mapCodes('iloRegionCodes', codes, (c) => {
    if (typeof c !== 'string' || !isKnownCountry(c)) return undefined;
    const e = iloCountryOf(c);
    if (e === undefined) return `${prefix}X`;
    return prefix + (level === 'region' ? e.region.code : level === 'broad' ? e.subregionBroad.code : e.subregionDetailed.code);
  }, COUNTRY_ALLOWED);
}

/**
 * World Bank income group (migstat codes `WB_INCOME_LIC`, `LMC`, `UMC`, `HIC`) of each ISO3 country code: spec icls.md 5 para 55 (ILOSTAT country list, groups of about 2024).
 *
 * A known country outside ILOSTAT's list (ATL, ...) gives `WB_INCOME_X`; an unknown code throws.
 */
export function incomeGroupCodes(codes: ArrayLike<string | null>): (string | null)[] {
  return mapCodes('incomeGroupCodes', codes, (c) => {
    if (typeof c !== 'string' || !isKnownCountry(c)) return undefined;
    const e = iloCountryOf(c);
    return e === undefined ? 'WB_INCOME_X' : `WB_INCOME_${e.incomeGroup.code}`;
  }, COUNTRY_ALLOWED);
}
