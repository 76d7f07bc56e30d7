/**
 * Register stocks at a reference date, and the tabulation shared by stocks and flows: register records counted (or
 * averaged) by sex and one classification at a time, as IndicatorTables in the ILOSTAT style (src/indicators/cell.ts).
 *
 * Registers are complete counts, not samples: every cell has se = 0, ci_low = ci_high = the estimate, cv = 0 (NaN at a
 * zero count), df and deff NaN (not applicable), n = n_domain = N = the records counted, and reliability `reliable`.
 * Small counts are still disclosive: `adminSuppression` applies the primary and secondary suppression of
 * src/indicators/suppression.ts to the count tables and propagates it to the means and medians.
 *
 * Classifications (`--by`), each a table of its own beside the sex-only table; sex is always the sex column
 * (`SEX_T`, `SEX_M`, `SEX_F`, `SEX_O`, and `SEX_X` for not stated, a migstat code):
 * | dimension | codes |
 * |---|---|
 * | nationality | `CCT_CTZ_<ISO3>`, `CCT_CTZ_X` not stated; total `CCT_CTZ_TOTAL` |
 * | nationality_region | ILO regions of the nationality `ILO_REGION_*` (src/concepts/derived-groups.ts; `_X` no region or not stated) |
 * | nationality_income | World Bank income group of the nationality `WB_INCOME_*` (`_X` none or not stated) |
 * | age | `AGE_AGGREGATE_*` from the birth date at the reference date (stocks) or at the start of the permit (flows); `AGE_AGGREGATE_X` not stated (migstat) |
 * | occupation | ISCO-08 major groups `OCU_ISCO08_*` (`_X` not stated) |
 * | sector | ISIC Rev.4 sections `ECO_ISIC4_*` (`_X` not stated) |
 * | permit_type | `MGS_PRT_<TYPE>` (the register's code, upper case, other characters `_`), `MGS_PRT_X` not stated |
 * | region | `MGS_RGN_<REGION>` likewise, `MGS_RGN_X` not stated |
 * | labour_market_test | `MGS_LMT_PASSED`, `_EXEMPT`, `_FAILED`, `_X` not stated; total `MGS_LMT_TOTAL` |
 */
import { AGE_BREAKDOWNS, ISCO08_BREAKDOWN, ISIC4_BREAKDOWN, ILO_REGION_BREAKDOWNS, INCOME_GROUP_BREAKDOWN, ageBandCodes, iloRegionCodes, incomeGroupCodes, iscoMajorGroupCodes, isicSectionCodes } from '../concepts/derived-groups.js';
import type { Breakdown, IndicatorCell, IndicatorTable } from '../indicators/cell.js';
import { type SuppressionPolicyInput, type SuppressedQuantity, propagateSuppression, suppressTables } from '../indicators/suppression.js';
import { AdminError, type PermitRecord } from './registers.js';
import { isValidAt } from './spells.js';

/** Classifications of register tables. */
export type AdminDimension = 'nationality' | 'nationality_region' | 'nationality_income' | 'age' | 'occupation' | 'sector' | 'permit_type' | 'region' | 'labour_market_test';
export const ADMIN_DIMENSIONS: readonly AdminDimension[] = ['nationality', 'nationality_region', 'nationality_income', 'age', 'occupation', 'sector', 'permit_type', 'region', 'labour_market_test'];

/** The token of a dimension in indicator codes (ILOSTAT style: `CCT` citizenship, `OCU`, `ECO`, `AGE`; migstat `REG`, `INC`, `PRT`, `RGN`). */
export const DIMENSION_TOKENS: Readonly<Record<AdminDimension, string>> = {
  nationality: 'CCT', nationality_region: 'REG', nationality_income: 'INC', age: 'AGE', occupation: 'OCU', sector: 'ECO', permit_type: 'PRT', region: 'RGN', labour_market_test: 'LMT',
};

const TOTALS: Readonly<Record<AdminDimension, string>> = {
  nationality: 'CCT_CTZ_TOTAL', nationality_region: ILO_REGION_BREAKDOWNS.region.total, nationality_income: INCOME_GROUP_BREAKDOWN.total,
  age: AGE_BREAKDOWNS.AGGREGATE.total, occupation: ISCO08_BREAKDOWN.total, sector: ISIC4_BREAKDOWN.total, permit_type: 'MGS_PRT_TOTAL', region: 'MGS_RGN_TOTAL', labour_market_test: 'MGS_LMT_TOTAL',
};

/** Canonical order of a dimension's items (others follow alphabetically, `_X` last). */
const ORDER: Partial<Record<AdminDimension, readonly string[]>> = {
  nationality_region: ILO_REGION_BREAKDOWNS.region.items, nationality_income: INCOME_GROUP_BREAKDOWN.items,
  age: ['AGE_AGGREGATE_YLT15', ...AGE_BREAKDOWNS.AGGREGATE.items, 'AGE_AGGREGATE_X'], occupation: ISCO08_BREAKDOWN.items, sector: ISIC4_BREAKDOWN.items,
  labour_market_test: ['MGS_LMT_PASSED', 'MGS_LMT_EXEMPT', 'MGS_LMT_FAILED', 'MGS_LMT_X'],
};

/** The sex codes of register tables: ILOSTAT's, and `SEX_X` (not stated, migstat). */
export const ADMIN_SEX_CODES: readonly string[] = ['SEX_T', 'SEX_M', 'SEX_F', 'SEX_O', 'SEX_X'];

/** Whether a classification code is one of the migstat codes register tables add (`MGS_PRT_*`, `MGS_RGN_*`, `MGS_LMT_*`, `AGE_AGGREGATE_X`). */
export function isAdminClassifCode(code: string): boolean {
  return /^MGS_(PRT|RGN|LMT)_[A-Z0-9_]+$/.test(code) || code === 'AGE_AGGREGATE_X';
}

/** A free-text register code as a code token: upper case, runs of other characters `_`. */
export function codeToken(s: string): string {
  const t = s.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return t === '' ? 'X' : t;
}

/** Age in completed years on day d of a person born on day b (NaN when either is missing). */
export function ageOn(birth: number, d: number): number {
  if (Number.isNaN(birth) || Number.isNaN(d)) return NaN;
  const b = new Date(birth * 86_400_000);
  const x = new Date(d * 86_400_000);
  let age = x.getUTCFullYear() - b.getUTCFullYear();
  if (x.getUTCMonth() < b.getUTCMonth() || (x.getUTCMonth() === b.getUTCMonth() && x.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

const sexCode = (s: string | null): string => (s === 'M' ? 'SEX_M' : s === 'F' ? 'SEX_F' : s === 'O' ? 'SEX_O' : 'SEX_X');

/** The code of each record in a dimension; `ageDay` gives the day age is measured on. */
export function dimensionCodes(records: readonly PermitRecord[], dim: AdminDimension, ageDay: (r: PermitRecord) => number): string[] {
  const wrap = (f: () => (string | null)[], x: string): string[] => {
    try {
      return f().map((c) => c ?? x);
    } catch (e) {
      throw new AdminError(`${dim}: ${(e as Error).message}`);
    }
  };
  switch (dim) {
    case 'nationality':
      return records.map((r) => (r.nationality === null ? 'CCT_CTZ_X' : `CCT_CTZ_${r.nationality}`));
    case 'nationality_region':
      return wrap(() => iloRegionCodes(records.map((r) => r.nationality), 'region'), 'ILO_REGION_X');
    case 'nationality_income':
      return wrap(() => incomeGroupCodes(records.map((r) => r.nationality)), 'WB_INCOME_X');
    case 'age': {
      const ages = Float64Array.from(records, (r) => ageOn(r.birth, ageDay(r)));
      for (let i = 0; i < ages.length; i++) if (ages[i]! < 0) ages[i] = NaN;
      return wrap(() => ageBandCodes(ages, 'AGGREGATE'), 'AGE_AGGREGATE_X');
    }
    case 'occupation':
      return wrap(() => iscoMajorGroupCodes(records.map((r) => r.occupation)), 'OCU_ISCO08_X');
    case 'sector':
      return wrap(() => isicSectionCodes(records.map((r) => r.industry)), 'ECO_ISIC4_X');
    case 'permit_type':
      return records.map((r) => (r.type === null ? 'MGS_PRT_X' : `MGS_PRT_${codeToken(r.type)}`));
    case 'region':
      return records.map((r) => (r.region === null ? 'MGS_RGN_X' : `MGS_RGN_${codeToken(r.region)}`));
    case 'labour_market_test':
      return records.map((r) => (r.labourMarketTest === null ? 'MGS_LMT_X' : `MGS_LMT_${codeToken(r.labourMarketTest)}`));
    default:
      throw new AdminError(`unknown dimension "${String(dim)}"; dimensions: sex, ${ADMIN_DIMENSIONS.join(', ')}`);
  }
}

/** Parses `--by` names (comma-separated list items); `sex` is accepted and always tabulated. */
export function parseDimensions(names: readonly string[]): AdminDimension[] {
  const out: AdminDimension[] = [];
  for (const n of names) {
    if (n === 'sex') continue;
    if (!(ADMIN_DIMENSIONS as readonly string[]).includes(n)) throw new AdminError(`--by ${n}: not a breakdown; breakdowns: sex, ${ADMIN_DIMENSIONS.join(', ')}`);
    if (!out.includes(n as AdminDimension)) out.push(n as AdminDimension);
  }
  return out;
}

/** A register cell: an exact count (or a mean/median of n records) with no sampling error. */
export function registerCell(indicator: string, sex: string, classif1: string | null, unit: IndicatorCell['unit'], estimate: number, n: number): IndicatorCell {
  return {
    indicator, sex, classif1, classif2: null, unit, estimate, se: 0, ci_low: estimate, ci_high: estimate, df: NaN, deff: NaN,
    cv: estimate !== 0 && Number.isFinite(estimate) ? 0 : NaN, n, n_domain: n, N: n, reliability: 'reliable',
  };
}

/** What is tabulated: a record, and for means and medians its value. */
export interface TabUnit {
  readonly record: PermitRecord;
  readonly value?: number;
}

/** One family of tables: the code (a function of the dimension; null: sex only), label, measure and statistic. */
export interface TableSpec {
  readonly code: (dim: AdminDimension | null) => string;
  readonly label: (dim: AdminDimension | null) => string;
  /** `count`: the number of units; `mean`, `median`: of their values. */
  readonly statistic: 'count' | 'mean' | 'median';
  /** Count tables: the measure shared by tables of the same quantity; means and medians: the measure of their count. */
  readonly measure: string;
}

const sortCodes = (dim: AdminDimension, codes: Iterable<string>): string[] => {
  const order = ORDER[dim] ?? [];
  return [...new Set(codes)].sort((a, b) => {
    const ra = order.indexOf(a);
    const rb = order.indexOf(b);
    if (ra >= 0 || rb >= 0) return (ra < 0 ? 1e9 : ra) - (rb < 0 ? 1e9 : rb);
    const xa = a.endsWith('_X') ? 1 : 0;
    const xb = b.endsWith('_X') ? 1 : 0;
    return xa - xb || (a < b ? -1 : a > b ? 1 : 0);
  });
};

function statistic(values: number[], s: TableSpec['statistic']): number {
  if (s === 'count') return values.length;
  if (values.length === 0) return NaN;
  if (s === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

const SEX_LABEL = 'sex';
const DIM_LABEL: Readonly<Record<AdminDimension, string>> = {
  nationality: 'nationality', nationality_region: 'ILO region of nationality', nationality_income: 'income group of the country of nationality', age: 'age',
  occupation: 'occupation (ISCO-08 major group)', sector: 'economic activity (ISIC Rev.4 section)', permit_type: 'permit type', region: 'region',
  labour_market_test: 'labour market test outcome',
};

/** A label suffix: "by sex" or "by sex and <dimension>". */
export const byLabel = (dim: AdminDimension | null): string => (dim === null ? `by ${SEX_LABEL}` : `by ${SEX_LABEL} and ${DIM_LABEL[dim]}`);

/**
 * The tables of one family: by sex alone, then by sex and each dimension. Every table has every sex code present (with
 * `SEX_M` and `SEX_F` always) crossed with every code of its dimension present, zeros included, so that totals add up.
 */
export function tabulate(units: readonly TabUnit[], dims: readonly AdminDimension[], spec: TableSpec, ageDay: (r: PermitRecord) => number): IndicatorTable[] {
  const records = units.map((u) => u.record);
  const sexes = units.map((u) => sexCode(u.record.sex));
  const sexItems = ADMIN_SEX_CODES.filter((s) => s === 'SEX_M' || s === 'SEX_F' || (s !== 'SEX_T' && sexes.includes(s)));
  const tables: IndicatorTable[] = [];
  for (const dim of [null, ...dims]) {
    const codes = dim === null ? undefined : dimensionCodes(records, dim, ageDay);
    const items = dim === null ? [] : sortCodes(dim, codes!);
    const lines: (string | null)[] = dim === null ? [null] : [TOTALS[dim], ...items];
    const groups = new Map<string, number[]>();
    units.forEach((u, i) => {
      const v = u.value ?? 1;
      for (const s of ['SEX_T', sexes[i]!]) {
        for (const c of dim === null ? [null] : [TOTALS[dim], codes![i]!]) {
          const k = `${s}|${c}`;
          const g = groups.get(k);
          if (g) g.push(v);
          else groups.set(k, [v]);
        }
      }
    });
    const indicator = spec.code(dim);
    const cells: IndicatorCell[] = [];
    for (const s of ['SEX_T', ...sexItems]) {
      for (const c of lines) {
        const vs = groups.get(`${s}|${c}`) ?? [];
        cells.push(registerCell(indicator, s, c, spec.statistic === 'count' ? 'NB' : spec.statistic === 'mean' ? 'MEAN' : 'MEDIAN', statistic(vs, spec.statistic), vs.length));
      }
    }
    const label = spec.label(dim);
    tables.push(spec.statistic === 'count' ? { indicator, label, measure: spec.measure, cells } : { indicator, label, numeratorMeasure: spec.measure, denominatorMeasure: spec.measure, cells });
  }
  return tables;
}

/** The breakdowns of a set of register tables: sex and each classification's total with the items the tables show. */
export function adminBreakdowns(tables: readonly IndicatorTable[]): Breakdown[] {
  const items = new Map<string, Set<string>>();
  const add = (total: string, code: string): void => {
    if (code === total) return;
    let s = items.get(total);
    if (!s) items.set(total, (s = new Set()));
    s.add(code);
  };
  const totalOf = new Map<string, string>(ADMIN_DIMENSIONS.map((d) => [TOTALS[d], TOTALS[d]]));
  for (const t of tables) {
    const total = t.cells.find((c) => c.classif1 !== null && totalOf.has(c.classif1))?.classif1;
    for (const c of t.cells) {
      add('SEX_T', c.sex);
      if (total && c.classif1 !== null) add(total, c.classif1);
    }
  }
  return [...items].map(([total, s]) => ({ total, items: [...s] }));
}

export interface AdminSuppression {
  readonly tables: IndicatorTable[];
  readonly suppressed: readonly SuppressedQuantity[];
}

/**
 * Disclosure control of register tables: primary and secondary suppression of the count tables (suppressTables: cells
 * with 0 < n < min_count, default 5, and their complements across tables of the same measure), then means and medians
 * built on a suppressed count or on fewer than min_count records (propagateSuppression). Order of the tables kept.
 */
export function adminSuppression(tables: readonly IndicatorTable[], policy?: SuppressionPolicyInput): AdminSuppression {
  const breakdowns = adminBreakdowns(tables);
  const counts = tables.filter((t) => t.measure !== undefined && t.cells.every((c) => c.unit === 'NB'));
  const others = tables.filter((t) => !counts.includes(t));
  const s = suppressTables(counts, breakdowns, policy);
  const rates = propagateSuppression(others, s.tables, { breakdowns, ...(policy ? { policy } : {}) });
  const byCode = new Map<IndicatorTable, IndicatorTable>();
  counts.forEach((t, i) => byCode.set(t, s.tables[i]!));
  others.forEach((t, i) => byCode.set(t, rates[i]!));
  return { tables: tables.map((t) => byCode.get(t)!), suppressed: s.suppressed };
}

export interface StockOptions {
  readonly by?: readonly AdminDimension[];
}

export interface StockResult {
  readonly tables: IndicatorTable[];
  /** Valid permits at the date. */
  readonly permits: number;
  /** Distinct persons (by the person key) holding a valid permit. */
  readonly persons: number;
  /** Valid permits without a person key (in the permit stock, not in the person stock). */
  readonly permitsWithoutPerson: number;
  /** Valid permits that renew another and start on the reference date (they count, like every permit valid that day). */
  readonly renewalsStartingOnDate: number;
}

const recordKey = (p: PermitRecord): string => `${p.permit ?? ''}\u0001${p.register}\u0001${String(p.row).padStart(12, '0')}`;

/**
 * The permits valid on day d, and one per person: the valid permit that started last (ties: the larger permit id),
 * whose characteristics the person is counted with. Overlapping permits of a person thus count once in the person stock.
 */
export function validAt(permits: readonly PermitRecord[], d: number): { permits: PermitRecord[]; persons: PermitRecord[] } {
  const valid = permits.filter((p) => isValidAt(p, d));
  const best = new Map<string, PermitRecord>();
  for (const p of valid) {
    if (p.person === null) continue;
    const b = best.get(p.person);
    if (!b || p.start > b.start || (p.start === b.start && recordKey(p) > recordKey(b))) best.set(p.person, p);
  }
  return { permits: valid, persons: [...best.keys()].sort().map((k) => best.get(k)!) };
}

/**
 * Stocks on day d: valid permits `MGS_PRM_SEX[_<DIM>]_NB` and distinct persons holding one `MGS_PRMP_SEX[_<DIM>]_NB`,
 * by sex and each dimension (age at d). Not suppressed: apply adminSuppression to the tables for publication.
 */
export function stockTables(permits: readonly PermitRecord[], d: number, options: StockOptions = {}): StockResult {
  const dims = options.by ?? [];
  const v = validAt(permits, d);
  const ageDay = (): number => d;
  const tok = (dim: AdminDimension | null): string => (dim === null ? '' : `_${DIMENSION_TOKENS[dim]}`);
  const tables = [
    ...tabulate(v.permits.map((record) => ({ record })), dims, { code: (x) => `MGS_PRM_SEX${tok(x)}_NB`, label: (x) => `Valid permits at the reference date ${byLabel(x)}`, statistic: 'count', measure: 'PERMITS_VALID' }, ageDay),
    ...tabulate(v.persons.map((record) => ({ record })), dims, { code: (x) => `MGS_PRMP_SEX${tok(x)}_NB`, label: (x) => `Persons holding a valid permit at the reference date ${byLabel(x)}`, statistic: 'count', measure: 'PERSONS_VALID' }, ageDay),
  ];
  return {
    tables, permits: v.permits.length, persons: v.persons.length, permitsWithoutPerson: v.permits.filter((p) => p.person === null).length,
    renewalsStartingOnDate: v.permits.filter((p) => p.previous !== null && p.start === d).length,
  };
}
