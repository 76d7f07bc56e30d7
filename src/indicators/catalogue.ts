/**
 * The indicator catalogue as data: the ILMS core set (ILOSTAT International Labour Migration Statistics, spec icls.md
 * section 4), each indicator by sex and by migrant status. Codes are ILOSTAT's where ILOSTAT has one (`MST_...`,
 * checked against the pinned code list); the others are migstat codes with the prefix `MGS_` (documented in
 * README.md here). `{MIG}` in a code is the migrant classification token: `CBR` (place of birth) or `CCT` (citizenship).
 */
import { z } from 'zod';
import { isIlostatIndicatorCode } from './codes/ilostat-indicator-codes.js';

/** Derived person-level variables the catalogue refers to (derive.ts makes them; 0/1 unless said). */
export const DERIVED_VARIABLES = {
  wap: 'working-age population (aged 15+ by default), usual residents',
  lf: 'in the labour force (employed or unemployed)',
  employed: 'employed',
  unemployed: 'unemployed',
  outside: 'outside the labour force',
  plf: 'potential labour force (19th ICLS para 51)',
  tru: 'time-related underemployment (19th ICLS para 43)',
  lu2_num: 'time-related underemployed or unemployed',
  lu3_num: 'unemployed or potential labour force',
  lu3_den: 'labour force or potential labour force (extended labour force)',
  lu4_num: 'time-related underemployed, unemployed or potential labour force',
  informal: 'in informal employment (21st ICLS by default)',
  employed_informality_known: 'employed with an informality status determined',
  employee: 'employee (ICSE-18 41-44, or ICSE-93 1)',
  hours_actual: 'hours actually worked in the reference week, all jobs (amount)',
  employed_hours: 'employed with hours actually worked stated',
  earnings_month: 'monthly earnings of the main job (amount)',
  employee_earnings: 'employee with monthly earnings stated',
  overqualified: 'employed with an ISCED level above the ISCO-08 skill level of the occupation',
  employed_overqualification_known: 'employed with education and occupation stated',
  migrant_wap: 'international migrant of working age',
  migrant_lf: 'international migrant in the labour force (category (a) migrant worker)',
  migrant_employed: 'international migrant in employment',
  for_work_migrant: 'for-work international migrant: arrived within the reference period to work or seek work',
  return_worker: 'return international migrant worker',
  person: 'a person record of the survey (not an absent household member)',
  national_abroad: 'national abroad: absent household member, citizen, working age',
} as const;
export type DerivedVariable = keyof typeof DERIVED_VARIABLES;

/** Classifications the catalogue tabulates by (classif1/classif2); derive.ts gives each row an item code of each. */
export const CLASSIFICATIONS = ['age_ythadult', 'age_aggregate', 'age_5yrbands', 'edu_aggregate', 'eco_isic4', 'ocu_isco08', 'ste_icse93', 'migrant', 'region_of_origin', 'income_of_origin', 'country_of_origin'] as const;
export type ClassificationName = (typeof CLASSIFICATIONS)[number];

const variable = z.enum(Object.keys(DERIVED_VARIABLES) as [DerivedVariable, ...DerivedVariable[]]);

/** An indicator definition; `unit` decides the statistic: NB total, RT ratio in percent, MEAN ratio of totals, MEDIAN quantile, GAP a contrast. */
export const IndicatorDefinitionSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9_{}]+$/),
  label: z.string(),
  unit: z.enum(['NB', 'RT', 'MEAN', 'MEDIAN', 'GAP']),
  /** NB: the persons counted; RT: the numerator. */
  numerator: variable.optional(),
  /** RT: the denominator; MEAN and MEDIAN: the population (domain) the amount is averaged over. */
  denominator: variable.optional(),
  /** MEAN and MEDIAN: the amount. */
  amount: variable.optional(),
  /** NB: the population counted, shared by tables that share margins (disclosure control). */
  measure: z.string().optional(),
  /** GAP: the code of the rate or mean compared, and the comparison: difference in points, or 1 - migrant/non-migrant in percent. */
  of: z.string().optional(),
  gap: z.enum(['difference', 'relative']).optional(),
  classif1: z.enum(CLASSIFICATIONS).optional(),
  classif2: z.enum(CLASSIFICATIONS).optional(),
  /** Where the code comes from: ILOSTAT's list, or migstat's own (README.md). */
  origin: z.enum(['ILOSTAT', 'migstat']),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinitionSchema>;

const MEASURES = [
  ['XWAP', 'Working-age population', 'wap', 'WAP'],
  ['TEAP', 'Labour force', 'lf', 'LF'],
  ['TEMP', 'Employment', 'employed', 'EMP'],
  ['TUNE', 'Unemployment', 'unemployed', 'UNE'],
  ['TEIP', 'Persons outside the labour force', 'outside', 'OLF'],
] as const;
const RATES = [
  ['TEAP', 'Labour force participation rate', 'lf', 'wap'],
  ['TEMP', 'Employment-to-population ratio', 'employed', 'wap'],
  ['TUNE', 'Unemployment rate', 'unemployed', 'lf'],
  ['TEIP', 'Inactivity rate', 'outside', 'wap'],
] as const;
const BY = { AGE: ['age_ythadult', 'age'], EDU: ['edu_aggregate', 'education'] } as const;
const MIG = 'by sex and {MIG_LABEL}';

function build(): IndicatorDefinition[] {
  const defs: IndicatorDefinition[] = [];
  for (const [token, [classif1, words]] of Object.entries(BY)) {
    for (const [v, label, numerator, measure] of MEASURES) {
      defs.push({ code: `MST_${v}_SEX_${token}_{MIG}_NB`, label: `${label} by sex, ${words} and {MIG_LABEL} (persons)`, unit: 'NB', numerator, measure, classif1, classif2: 'migrant', origin: 'ILOSTAT' });
    }
    for (const [v, label, numerator, denominator] of RATES) {
      defs.push({ code: `MST_${v}_SEX_${token}_{MIG}_RT`, label: `${label} by sex, ${words} and {MIG_LABEL} (%)`, unit: 'RT', numerator, denominator, classif1, classif2: 'migrant', origin: 'ILOSTAT' });
    }
  }
  defs.push(
    { code: 'MST_TEMP_SEX_OCU_{MIG}_NB', label: 'Employment by sex, occupation (ISCO-08) and {MIG_LABEL} (persons)', unit: 'NB', numerator: 'employed', measure: 'EMP', classif1: 'ocu_isco08', classif2: 'migrant', origin: 'ILOSTAT' },
    { code: 'MST_TEMP_SEX_ECO_{MIG}_NB', label: 'Employment by sex, economic activity (ISIC Rev.4) and {MIG_LABEL} (persons)', unit: 'NB', numerator: 'employed', measure: 'EMP', classif1: 'eco_isic4', classif2: 'migrant', origin: 'ILOSTAT' },
    { code: 'MST_TEMP_SEX_STE_{MIG}_NB', label: 'Employment by sex, status in employment (ICSE-93) and {MIG_LABEL} (persons)', unit: 'NB', numerator: 'employed', measure: 'EMP', classif1: 'ste_icse93', classif2: 'migrant', origin: 'ILOSTAT' },
    { code: 'MGS_TRU_SEX_{MIG}_RT', label: `Time-related underemployment rate (share of employment) ${MIG} (%)`, unit: 'RT', numerator: 'tru', denominator: 'employed', classif1: 'migrant', origin: 'migstat' },
    { code: 'MGS_LU2_SEX_{MIG}_RT', label: `Combined rate of time-related underemployment and unemployment (LU2) ${MIG} (%)`, unit: 'RT', numerator: 'lu2_num', denominator: 'lf', classif1: 'migrant', origin: 'migstat' },
    { code: 'MGS_LU3_SEX_{MIG}_RT', label: `Combined rate of unemployment and potential labour force (LU3) ${MIG} (%)`, unit: 'RT', numerator: 'lu3_num', denominator: 'lu3_den', classif1: 'migrant', origin: 'migstat' },
    { code: 'MGS_LU4_SEX_{MIG}_RT', label: `Composite measure of labour underutilization (LU4) ${MIG} (%)`, unit: 'RT', numerator: 'lu4_num', denominator: 'lu3_den', classif1: 'migrant', origin: 'migstat' },
    { code: 'MGS_IFL_SEX_{MIG}_RT', label: `Informal employment rate ${MIG} (%)`, unit: 'RT', numerator: 'informal', denominator: 'employed_informality_known', classif1: 'migrant', origin: 'migstat' },
    { code: 'MGS_HOW_SEX_{MIG}_MEAN', label: `Mean weekly hours actually worked per employed person ${MIG}`, unit: 'MEAN', amount: 'hours_actual', denominator: 'employed_hours', classif1: 'migrant', origin: 'migstat' },
    { code: 'MST_EARA_SEX_{MIG}_NB', label: `Mean monthly earnings of employees ${MIG} (local currency)`, unit: 'MEAN', amount: 'earnings_month', denominator: 'employee_earnings', classif1: 'migrant', origin: 'ILOSTAT' },
    { code: 'MGS_EARM_SEX_{MIG}_MEDIAN', label: `Median monthly earnings of employees ${MIG} (local currency)`, unit: 'MEDIAN', amount: 'earnings_month', denominator: 'employee_earnings', classif1: 'migrant', origin: 'migstat' },
    { code: 'MGS_PGAP_SEX_{MIG}_RT', label: 'Migrant pay gap: 1 - mean earnings of migrant over non-migrant employees, by sex (%)', unit: 'GAP', of: 'MST_EARA_SEX_{MIG}_NB', gap: 'relative', origin: 'migstat' },
    { code: 'MGS_GAP_TEAP_SEX_{MIG}_RT', label: 'Labour force participation rate: migrants minus non-migrants, by sex (percentage points)', unit: 'GAP', of: 'MST_TEAP_SEX_AGE_{MIG}_RT', gap: 'difference', origin: 'migstat' },
    { code: 'MGS_GAP_TUNE_SEX_{MIG}_RT', label: 'Unemployment rate: migrants minus non-migrants, by sex (percentage points)', unit: 'GAP', of: 'MST_TUNE_SEX_AGE_{MIG}_RT', gap: 'difference', origin: 'migstat' },
    { code: 'MGS_OVQ_SEX_{MIG}_RT', label: `Over-qualification rate: ISCED level above the ISCO-08 skill level of the job, ${MIG} (%)`, unit: 'RT', numerator: 'overqualified', denominator: 'employed_overqualification_known', classif1: 'migrant', origin: 'migstat' },
    { code: 'MGS_XWAP_SEX_AGE5_{MIG}_NB', label: 'Working-age population by sex, five-year age group and {MIG_LABEL} (persons)', unit: 'NB', numerator: 'wap', measure: 'WAP', classif1: 'age_5yrbands', classif2: 'migrant', origin: 'migstat' },
    { code: 'MGS_MSHR_SEX_XWAP_RT', label: 'Share of international migrants in the working-age population, by sex (%)', unit: 'RT', numerator: 'migrant_wap', denominator: 'wap', origin: 'migstat' },
    { code: 'MGS_MSHR_SEX_TEAP_RT', label: 'Share of international migrants in the labour force, by sex (%)', unit: 'RT', numerator: 'migrant_lf', denominator: 'lf', origin: 'migstat' },
    { code: 'MGS_MSHR_SEX_TEMP_RT', label: 'Share of international migrants in employment, by sex (%)', unit: 'RT', numerator: 'migrant_employed', denominator: 'employed', origin: 'migstat' },
    { code: 'MGS_MIGW_SEX_REG_NB', label: 'International migrant workers (labour force) by sex and ILO region of origin (persons)', unit: 'NB', numerator: 'migrant_lf', measure: 'MIGLF', classif1: 'region_of_origin', origin: 'migstat' },
    { code: 'MGS_MIGW_SEX_INC_NB', label: 'International migrant workers (labour force) by sex and income group of the country of origin (persons)', unit: 'NB', numerator: 'migrant_lf', measure: 'MIGLF', classif1: 'income_of_origin', origin: 'migstat' },
    { code: 'MGS_MIGW_SEX_CTY_NB', label: 'International migrant workers (labour force) by sex and country of origin, top countries (persons)', unit: 'NB', numerator: 'migrant_lf', measure: 'MIGLF', classif1: 'country_of_origin', origin: 'migstat' },
    { code: 'MGS_FWRK_SEX_AGE_NB', label: 'For-work international migrants (arrived in the reference period) by sex and age (persons)', unit: 'NB', numerator: 'for_work_migrant', measure: 'FWRK', classif1: 'age_ythadult', origin: 'migstat' },
    { code: 'MGS_NATA_SEX_NB', label: 'Nationals abroad of working age, as households report their members living abroad, by sex (persons)', unit: 'NB', numerator: 'national_abroad', measure: 'NATA', origin: 'migstat' },
    { code: 'MGS_RETW_SEX_AGE_NB', label: 'Return international migrant workers by sex and age (persons)', unit: 'NB', numerator: 'return_worker', measure: 'RETW', classif1: 'age_ythadult', origin: 'migstat' },
  );
  return defs.map((d) => IndicatorDefinitionSchema.parse(d));
}

/** The ILMS core set: every indicator, with `{MIG}` to be resolved by the migrant criterion. */
export const ILMS_CORE: readonly IndicatorDefinition[] = build();

/** Named sets of indicators (`--set`). */
export const INDICATOR_SETS: Readonly<Record<string, readonly IndicatorDefinition[]>> = { 'ilms-core': ILMS_CORE };

/**
 * A definition with the migrant criterion resolved in its code and label. An ILOSTAT code that the pinned list has
 * only for the other criterion (`MST_EARA_SEX_CCT_NB`) becomes migstat's (`MGS_EARA_SEX_CCT_NB`).
 */
export function resolveCriterion(def: IndicatorDefinition, criterion: 'birth' | 'citizenship'): IndicatorDefinition {
  const token = criterion === 'birth' ? 'CBR' : 'CCT';
  const words = criterion === 'birth' ? 'place of birth' : 'citizenship';
  const sub = (s: string): string => {
    const code = s.replaceAll('{MIG}', token).replaceAll('{MIG_LABEL}', words);
    return /^MST_/.test(code) && !isIlostatIndicatorCode(code) ? code.replace(/^MST_/, 'MGS_') : code;
  };
  const code = sub(def.code);
  return { ...def, code, label: sub(def.label), origin: code.startsWith('MGS_') ? 'migstat' : def.origin, ...(def.of ? { of: sub(def.of) } : {}) };
}
