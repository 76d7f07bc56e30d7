/**
 * The observatory's vocabulary (src/global/OBSERVATORY.md §2): measures, sex, age bands, migrant status, criteria,
 * and how ILOSTAT indicator and classification codes map onto them.
 *
 * - indicator (measure): `POP` population, `XWAP` working-age population, `TEAP` labour force, `TEMP` employment,
 *   `TUNE` unemployment, `TEIP` outside the labour force (counts, in persons); `TEAP_RT` labour force participation
 *   rate, `TEMP_RT` employment-to-population ratio, `TUNE_RT` unemployment rate, `TEIP_RT` inactivity rate (percent).
 * - sex: `T`, `M`, `F`, `O`.
 * - age: a band `Y15-24` (both ends included), `YGE15` (15 and over), `YLT15` (under 15), `TOTAL` (all ages); the
 *   ILOSTAT scheme prefix (`AGE_YTHADULT_`, `AGE_5YRBANDS_`, ...) is dropped, so that `AGE_YTHADULT_Y15-24` and
 *   `AGE_AGGREGATE_Y15-24` are the same band.
 * - migrant: `TOTAL`, `MIGRANT` (foreign-born, or foreign citizen), `NONMIGRANT`, `UNKNOWN` (not stated), with the
 *   criterion `birth` or `citizenship` alongside (empty for `TOTAL`).
 */
export const COUNT_MEASURES = ['POP', 'XWAP', 'TEAP', 'TEMP', 'TUNE', 'TEIP'] as const;
export const RATE_MEASURES = ['TEAP_RT', 'TEMP_RT', 'TUNE_RT', 'TEIP_RT'] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];
export type RateMeasure = (typeof RATE_MEASURES)[number];
export type Measure = CountMeasure | RateMeasure;
export const MEASURES: readonly Measure[] = [...COUNT_MEASURES, ...RATE_MEASURES];

export const MEASURE_LABELS: Readonly<Record<Measure, string>> = {
  POP: 'Population',
  XWAP: 'Working-age population',
  TEAP: 'Labour force',
  TEMP: 'Employment',
  TUNE: 'Unemployment',
  TEIP: 'Outside the labour force',
  TEAP_RT: 'Labour force participation rate (%)',
  TEMP_RT: 'Employment-to-population ratio (%)',
  TUNE_RT: 'Unemployment rate (%)',
  TEIP_RT: 'Inactivity rate (%)',
};

/** A rate's numerator and denominator measures. */
export const RATE_PARTS: Readonly<Record<RateMeasure, { readonly numerator: CountMeasure; readonly denominator: CountMeasure }>> = {
  TEAP_RT: { numerator: 'TEAP', denominator: 'XWAP' },
  TEMP_RT: { numerator: 'TEMP', denominator: 'XWAP' },
  TUNE_RT: { numerator: 'TUNE', denominator: 'TEAP' },
  TEIP_RT: { numerator: 'TEIP', denominator: 'XWAP' },
};

export const isRate = (m: string): m is RateMeasure => (RATE_MEASURES as readonly string[]).includes(m);
export const isMeasure = (m: string): m is Measure => (MEASURES as readonly string[]).includes(m);

export const SEXES = ['T', 'M', 'F', 'O'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Readonly<Record<Sex, string>> = { T: 'Total', M: 'Men', F: 'Women', O: 'Other' };

export const MIGRANT_STATUSES = ['TOTAL', 'MIGRANT', 'NONMIGRANT', 'UNKNOWN'] as const;
export type MigrantStatus = (typeof MIGRANT_STATUSES)[number];
export const MIGRANT_LABELS: Readonly<Record<MigrantStatus, string>> = { TOTAL: 'Total', MIGRANT: 'Migrants', NONMIGRANT: 'Non-migrants', UNKNOWN: 'Not stated' };

export type Criterion = 'birth' | 'citizenship';
export const CRITERIA: readonly Criterion[] = ['birth', 'citizenship'];

export const STANDARDS = ['ICLS19', 'ICLS13'] as const;

/** Quality flags a series value can carry (OBSERVATORY.md §2). */
export const QUALITY_FLAGS: Readonly<Record<string, string>> = {
  E: 'less reliable: use with caution',
  U: 'unreliable',
  B: 'break in series',
  I: 'imputed',
  P: 'provisional',
  R: 'includes refugees (UN DESA type R)',
  X: 'estimated by the national office from another source',
};

/** An age band as an interval of completed years: [low, high], high Infinity for "and over". */
export interface AgeInterval {
  readonly low: number;
  readonly high: number;
}

const BAND = /^Y(\d{1,3})-(\d{1,3})$/;
const GE = /^YGE(\d{1,3})$/;
const LT = /^YLT(\d{1,3})$/;

/** The interval of an age band code, or undefined for a code that is not a band (`UNKNOWN`). */
export function ageInterval(age: string): AgeInterval | undefined {
  if (age === 'TOTAL') return { low: 0, high: Infinity };
  let m = BAND.exec(age);
  if (m) return Number(m[1]) <= Number(m[2]) ? { low: Number(m[1]), high: Number(m[2]) } : undefined;
  m = GE.exec(age);
  if (m) return { low: Number(m[1]), high: Infinity };
  m = LT.exec(age);
  if (m) return Number(m[1]) > 0 ? { low: 0, high: Number(m[1]) - 1 } : undefined;
  return undefined;
}

/** The age band code of an interval (`Y15-24`, `YGE15`, `YLT15`, `TOTAL`). */
export function ageCode(i: AgeInterval): string {
  if (i.low === 0 && i.high === Infinity) return 'TOTAL';
  if (i.high === Infinity) return `YGE${i.low}`;
  if (i.low === 0) return `YLT${i.high + 1}`;
  return `Y${i.low}-${i.high}`;
}

/** A readable label of an age band (`15-24`, `15+`, `under 15`, `all ages`). */
export function ageLabel(age: string): string {
  const i = ageInterval(age);
  if (!i) return age;
  if (age === 'TOTAL') return 'all ages';
  if (i.high === Infinity) return `${i.low}+`;
  if (i.low === 0) return `under ${i.high + 1}`;
  return `${i.low}-${i.high}`;
}

/** Order of age bands: all ages first, then by lower limit, a wider band before its parts (15+, 15-24, 25-54, 55-64, 65+). */
export function ageOrder(a: string, b: string): number {
  const x = ageInterval(a);
  const y = ageInterval(b);
  if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1) || (a < b ? -1 : a > b ? 1 : 0);
  return x.low - y.low || (y.high === x.high ? 0 : y.high > x.high ? 1 : -1);
}

/**
 * The age band of an ILOSTAT classification code or a plain band: `AGE_YTHADULT_Y15-24` -> `Y15-24`,
 * `AGE_AGGREGATE_TOTAL` -> `YGE15` (ILOSTAT's age totals of labour indicators are the working age, 15+:
 * derived-groups.ts; give `ilostatTotal` `TOTAL` for population indicators, whose total is all ages), `15-24`,
 * `15+`, `65+` -> the band. Undefined when the text is not an age band.
 */
export function parseAge(text: string, ilostatTotal: 'YGE15' | 'TOTAL' = 'YGE15'): string | undefined {
  const t = text.trim().toUpperCase().replace(/\s+/g, '');
  const m = /^AGE_[A-Z0-9]+_(.+)$/.exec(t);
  if (m) {
    const item = m[1]!;
    if (item === 'TOTAL') return ilostatTotal;
    return ageInterval(item) ? ageCode(ageInterval(item)!) : undefined;
  }
  if (t === 'TOTAL' || t === 'ALL' || t === 'ALLAGES') return 'TOTAL';
  let p = /^(\d{1,3})\+$/.exec(t);
  if (p) return ageCode({ low: Number(p[1]), high: Infinity });
  p = /^(\d{1,3})-(\d{1,3})$/.exec(t);
  if (p && Number(p[1]) <= Number(p[2])) return ageCode({ low: Number(p[1]), high: Number(p[2]) });
  return ageInterval(t) ? ageCode(ageInterval(t)!) : undefined;
}

/** Sex of an ILOSTAT code (`SEX_F`), a code (`F`) or a label (`Women`, `Female`, `Both sexes`). */
export function parseSex(text: string): Sex | undefined {
  const t = text.trim().toUpperCase();
  const map: Record<string, Sex> = {
    SEX_T: 'T', SEX_M: 'M', SEX_F: 'F', SEX_O: 'O', T: 'T', M: 'M', F: 'F', O: 'O',
    TOTAL: 'T', 'BOTH SEXES': 'T', BOTHSEXES: 'T', MEN: 'M', MALE: 'M', WOMEN: 'F', FEMALE: 'F', OTHER: 'O',
  };
  return map[t];
}

/** Migrant status and criterion of an ILOSTAT migrant classification item (`CBR_BIR_FOREIGN`, `CCT_CIT_NONCIT`, `MIG_STATUS_*`). */
export function parseMigrantCode(code: string): { migrant: MigrantStatus; criterion: Criterion | null } | undefined {
  const map: Record<string, { migrant: MigrantStatus; criterion: Criterion | null }> = {
    CBR_BIR_TOTAL: { migrant: 'TOTAL', criterion: 'birth' },
    CBR_BIR_FOREIGN: { migrant: 'MIGRANT', criterion: 'birth' },
    CBR_BIR_NATIVE: { migrant: 'NONMIGRANT', criterion: 'birth' },
    CBR_BIR_X: { migrant: 'UNKNOWN', criterion: 'birth' },
    CCT_CIT_TOTAL: { migrant: 'TOTAL', criterion: 'citizenship' },
    CCT_CIT_NONCIT: { migrant: 'MIGRANT', criterion: 'citizenship' },
    CCT_CIT_CITIZEN: { migrant: 'NONMIGRANT', criterion: 'citizenship' },
    CCT_CIT_X: { migrant: 'UNKNOWN', criterion: 'citizenship' },
    MIG_STATUS_TOTAL: { migrant: 'TOTAL', criterion: null },
    MIG_STATUS_MIGRANT: { migrant: 'MIGRANT', criterion: null },
    MIG_STATUS_NONMIG: { migrant: 'NONMIGRANT', criterion: null },
    MIG_STATUS_X: { migrant: 'UNKNOWN', criterion: null },
  };
  return map[code.trim().toUpperCase()];
}

/** How an ILOSTAT (or migstat) indicator code maps onto an observatory measure. */
export interface IndicatorMapping {
  readonly measure: Measure;
  /** `national` data (surveys, censuses, registers) or a `benchmark` (UN WPP, UN DESA, ILO modelled estimates). */
  readonly layer: 'national' | 'benchmark';
  /** Whether the code carries a migrant classification (classif2, or classif1 when there is no age). */
  readonly migrant: boolean;
  /** Whether the code carries an age classification (classif1). */
  readonly age: boolean;
}

/** Variable tokens of the migrant stock indicators (`MST_<token>_SEX_AGE_CBR_NB`) and their measure. */
const MST_TOKENS: Readonly<Record<string, CountMeasure>> = { XWAP: 'XWAP', TEAP: 'TEAP', TEMP: 'TEMP', TUNE: 'TUNE', TEIP: 'TEIP' };
/** The newer ILOSTAT naming with a topic prefix (icls.md para 44): `EAP_DWAP_SEX_AGE_CBR_RT` and the like. */
const TOPIC_CODES: Readonly<Record<string, Measure>> = {
  POP_XWAP: 'XWAP', EAP_TEAP: 'TEAP', EMP_TEMP: 'TEMP', UNE_TUNE: 'TUNE', EIP_TEIP: 'TEIP',
  EAP_DWAP: 'TEAP_RT', EMP_DWAP: 'TEMP_RT', UNE_DEAP: 'TUNE_RT', EIP_DWAP: 'TEIP_RT',
};

/**
 * The observatory measure of an indicator code, or undefined when the observatory does not hold it:
 * `MST_{XWAP,TEAP,TEMP,TUNE,TEIP}_SEX_AGE_{CBR,CCT}_{NB,RT}` (ILMS, icls.md para 43; `_RT` of XWAP is not a rate and
 * is not held), the topic-prefixed forms of para 44 (`EAP_DWAP_SEX_AGE_CBR_RT`, ...), and the ILO modelled
 * benchmarks `POP_2POP_SEX_AGE_NB` (population, UN estimates) and `EAP_2EAP_SEX_AGE_NB` (labour force, ILO modelled).
 * A `_A` frequency suffix (bulk file names) is dropped first.
 */
export function mapIndicator(code: string): IndicatorMapping | undefined {
  const c = code.trim().toUpperCase().replace(/_A$/, '');
  if (c === 'POP_2POP_SEX_AGE_NB') return { measure: 'POP', layer: 'benchmark', migrant: false, age: true };
  if (c === 'EAP_2EAP_SEX_AGE_NB') return { measure: 'TEAP', layer: 'benchmark', migrant: false, age: true };
  if (c === 'EAP_2WAP_SEX_AGE_RT') return { measure: 'TEAP_RT', layer: 'benchmark', migrant: false, age: true };
  let m = /^MST_([A-Z]{4})_SEX_AGE_(CBR|CCT)_(NB|RT)$/.exec(c);
  if (m) {
    const measure = MST_TOKENS[m[1]!];
    if (!measure) return undefined;
    if (m[3] === 'NB') return { measure, layer: 'national', migrant: true, age: true };
    return measure === 'XWAP' ? undefined : { measure: `${measure}_RT` as Measure, layer: 'national', migrant: true, age: true };
  }
  m = /^([A-Z]{3}_[A-Z0-9]{4})_SEX_AGE_(CBR|CCT)_(NB|RT)$/.exec(c);
  if (m) {
    const measure = TOPIC_CODES[m[1]!];
    if (!measure || isRate(measure) !== (m[3] === 'RT')) return undefined;
    return { measure, layer: 'national', migrant: true, age: true };
  }
  return undefined;
}
