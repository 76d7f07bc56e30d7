/**
 * ILOSTAT bulk CSV rows for indicator tables (spec icls.md section 4.3, paras 46-48), and a schema check of such a file.
 *
 * Layout: the columns of ILOSTAT_COLUMNS in that order, one row per cell, one file per indicator. Values are codes.
 * - `obs_value`: counts (unit NB) in thousands, as ILOSTAT publishes them (estimate / 1000); rates (RT) in percent;
 *   means, medians and gaps in the unit of their variable. Rounded to `decimals` (default 3: a count to the person),
 *   written with `.` as decimal mark, no exponent, no trailing zeros. Empty for a suppressed cell and for a cell
 *   without a finite estimate.
 * - `obs_status`: from the `obsStatus(cell)` callback (the reliability policy, reliability.ts `obsStatus`); a cell
 *   without a value whose callback gives no status gets `C` (suppressed: confidential, as reliability.ts) or `O` (no
 *   finite estimate: SDMX CL_OBS_STATUS "missing value").
 * - `classif1`/`classif2`: an indicator without a classification keeps the column with empty values. ILOSTAT's own
 *   files leave inapplicable columns out (para 46); migstat keeps the twelve columns in every file (issue 6), so that
 *   all its files share one header.
 * - `note_classif`, `note_indicator`, `note_source`: from the options (ILOSTAT note tokens such as `R1:3513_T2:85`),
 *   empty by default.
 * Row order: tables in the order given (grouped by indicator), then sex T, M, F, O (others after, by code), then
 * classif1 and classif2 in the order of their first appearance in the table's cells.
 */
import type { IndicatorCell, IndicatorTable } from './cell.js';
import { isIlostatClassifCode, isIlostatSexCode } from './codes/ilostat-classif-codes.js';
import { isIlostatIndicatorCode, isMigstatIndicatorCode } from './codes/ilostat-indicator-codes.js';
import { isMigstatClassifCode } from './codes/migstat-classif-codes.js';
import { parseCsvRecords } from './codes/parse-csv.js';

/** The columns of an ILOSTAT bulk CSV file, in order. */
export const ILOSTAT_COLUMNS = [
  'ref_area', 'source', 'indicator', 'sex', 'classif1', 'classif2', 'time', 'obs_value', 'obs_status', 'note_classif', 'note_indicator', 'note_source',
] as const;

export type IlostatColumn = (typeof ILOSTAT_COLUMNS)[number];

/** One row of an ILOSTAT bulk CSV file: every field a string, empty when missing. */
export type IlostatRow = { readonly [K in IlostatColumn]: string };

/** The ILOSTAT `obs_status` of a cell (the reliability policy's `obsStatus`): `''` for a normal value, `U` unreliable, ... */
export type ObsStatusOf = (cell: IndicatorCell) => string;

/** Decimals of `obs_value` by default: 3 (counts in thousands to the person; rates to a thousandth of a point). */
export const ILOSTAT_DECIMALS = 3;

/**
 * `obs_status` codes that mean "no value published", for the schema check by default: the missing-value codes of SDMX
 * CL_OBS_STATUS (L not collected, M cannot exist, O missing, Q suppressed) and C (confidential, SDMX CL_CONF_STATUS).
 * ILOSTAT's own obs_status dictionary was not read (spec icls.md para 47, 64): confirm before relying on it.
 */
export const NOT_PUBLISHED_STATUSES: readonly string[] = ['L', 'M', 'O', 'Q', 'C'];

/** Where the cells come from: reference area, source and period, as ILOSTAT codes them. */
export interface IlostatRunOptions {
  /** ISO 3166-1 alpha-3 code of the country (`ATL`), or an ILOSTAT aggregate code (`X01`). */
  readonly ref_area: string;
  /** ILOSTAT source: type and id, `BA:453` (BA = labour force survey). */
  readonly source: string;
  /** Reference period: `2024` (year), `2024Q1` (quarter), `2024M03` (month). */
  readonly time: string;
}

export interface IlostatOptions extends IlostatRunOptions {
  /** `obs_status` of a cell; default `defaultObsStatus` (C suppressed, U unreliable, else empty). */
  readonly obsStatus?: ObsStatusOf;
  /** Decimals of `obs_value` (default 3). */
  readonly decimals?: number;
  /** Notes written on every row (ILOSTAT note tokens); empty by default. */
  readonly notes?: { readonly note_classif?: string; readonly note_indicator?: string; readonly note_source?: string };
}

/**
 * A minimal `obsStatus`, with the defaults of reliability.ts `obsStatus`: `C` (confidential) for a suppressed cell, `U`
 * (unreliable) for an unreliable one, empty otherwise. Pass the configured one of the reliability policy.
 */
export function defaultObsStatus(cell: IndicatorCell): string {
  if (cell.suppressed) return 'C';
  return cell.reliability === 'unreliable' ? 'U' : '';
}

/** `x` rounded to `decimals` as plain decimal text (`.` mark, no exponent, no trailing zeros, no `-0`). */
export function formatDecimal(x: number, decimals: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`formatDecimal: ${x} is not finite`);
  if (Math.abs(x) >= 1e21) throw new RangeError(`formatDecimal: ${x} is too large for plain decimal text`);
  let s = x.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** The factor that turns a cell's estimate into ILOSTAT's published unit: 1/1000 for counts (thousands), else 1. */
export function ilostatScale(cell: Pick<IndicatorCell, 'unit'>): number {
  return cell.unit === 'NB' ? 1 / 1000 : 1;
}

/** Whether a cell's value is published: not suppressed, and a finite estimate. */
export function isPublished(cell: IndicatorCell): boolean {
  return !cell.suppressed && Number.isFinite(cell.estimate);
}

const SEX_RANK: Readonly<Record<string, number>> = { SEX_T: 0, SEX_M: 1, SEX_F: 2, SEX_O: 3 };

/**
 * The cells of a table in ILOSTAT row order: sex T, M, F, O (other codes after, by code), then classif1 and classif2 in
 * the order of their first appearance in the table (null first when a table mixes null and codes).
 */
export function orderedCells(table: IndicatorTable): IndicatorCell[] {
  const rank1 = new Map<string | null, number>();
  const rank2 = new Map<string | null, number>();
  for (const c of table.cells) {
    if (!rank1.has(c.classif1)) rank1.set(c.classif1, c.classif1 === null ? -1 : rank1.size);
    if (!rank2.has(c.classif2)) rank2.set(c.classif2, c.classif2 === null ? -1 : rank2.size);
  }
  const sexKey = (s: string): number => SEX_RANK[s] ?? 4;
  return table.cells
    .map((cell, i) => ({ cell, i }))
    .sort((a, b) =>
      sexKey(a.cell.sex) - sexKey(b.cell.sex) ||
      (a.cell.sex < b.cell.sex ? -1 : a.cell.sex > b.cell.sex ? 1 : 0) ||
      rank1.get(a.cell.classif1)! - rank1.get(b.cell.classif1)! ||
      rank2.get(a.cell.classif2)! - rank2.get(b.cell.classif2)! ||
      a.i - b.i)
    .map((x) => x.cell);
}

/** The `obs_value` text of a cell: the estimate in ILOSTAT's unit, rounded; empty when not published. */
export function ilostatObsValue(cell: IndicatorCell, decimals: number = ILOSTAT_DECIMALS): string {
  return isPublished(cell) ? formatDecimal(cell.estimate * ilostatScale(cell), decimals) : '';
}

/** The `obs_status` of a cell: the callback's, else `C` (suppressed) or `O` (no finite estimate) for a cell without a value. */
export function ilostatObsStatus(cell: IndicatorCell, obsStatus: ObsStatusOf = defaultObsStatus): string {
  const s = obsStatus(cell);
  if (s !== '' || isPublished(cell)) return s;
  return cell.suppressed ? 'C' : 'O';
}

/** ILOSTAT bulk CSV rows of the tables, in ILOSTAT row order (see the module comment). */
export function ilostatRows(tables: readonly IndicatorTable[], options: IlostatOptions): IlostatRow[] {
  return ilostatFiles(tables, options).flatMap((f) => f.rows);
}

/** The rows of one indicator's file. */
export interface IlostatFile {
  readonly indicator: string;
  readonly rows: readonly IlostatRow[];
}

/** One file per indicator (tables of the same indicator go into one file, in the order given), rows in ILOSTAT order. */
export function ilostatFiles(tables: readonly IndicatorTable[], options: IlostatOptions): IlostatFile[] {
  const decimals = options.decimals ?? ILOSTAT_DECIMALS;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) throw new RangeError(`decimals must be an integer from 0 to 12, not ${decimals}`);
  const obsStatus = options.obsStatus ?? defaultObsStatus;
  const notes = options.notes ?? {};
  const files = new Map<string, IlostatRow[]>();
  for (const table of tables) {
    let rows = files.get(table.indicator);
    if (!rows) files.set(table.indicator, (rows = []));
    for (const cell of orderedCells(table)) {
      if (cell.indicator !== table.indicator) throw new Error(`table ${table.indicator} holds a cell of indicator ${cell.indicator}`);
      rows.push({
        ref_area: options.ref_area,
        source: options.source,
        indicator: cell.indicator,
        sex: cell.sex,
        classif1: cell.classif1 ?? '',
        classif2: cell.classif2 ?? '',
        time: options.time,
        obs_value: ilostatObsValue(cell, decimals),
        obs_status: ilostatObsStatus(cell, obsStatus),
        note_classif: notes.note_classif ?? '',
        note_indicator: notes.note_indicator ?? '',
        note_source: notes.note_source ?? '',
      });
    }
  }
  return [...files].map(([indicator, rows]) => ({ indicator, rows }));
}

// ---------------------------------------------------------------------------------------------------------------------
// Schema check

/** Allowed codes: a set, a list, or a predicate. */
export type CodeList = ReadonlySet<string> | readonly string[] | ((code: string) => boolean);

export interface IlostatCheckOptions {
  /** Allowed indicator codes; default: the pinned ILOSTAT list and migstat's `MGS_` codes. */
  readonly indicatorCodes?: CodeList;
  /** Allowed classif1/classif2 codes; default: the pinned ILOSTAT list (`isIlostatClassifCode`). */
  readonly classifCodes?: CodeList;
  /** Allowed sex codes; default `SEX_T`, `SEX_M`, `SEX_F`, `SEX_O`. */
  readonly sexCodes?: CodeList;
  /** `obs_status` codes under which `obs_value` may be empty; default NOT_PUBLISHED_STATUSES. */
  readonly notPublished?: readonly string[];
}

/** What a problem is about. */
export type IlostatProblemKind = 'header' | 'fields' | 'code' | 'key' | 'value' | 'time' | 'ref_area' | 'source' | 'classif';

/** One problem found by `checkIlostatCsv`: the line (1 = header), the column and value where it applies. */
export interface IlostatProblem {
  readonly kind: IlostatProblemKind;
  readonly line: number;
  readonly column?: IlostatColumn;
  readonly value?: string;
  readonly message: string;
}

function allows(list: CodeList): (code: string) => boolean {
  if (typeof list === 'function') return list;
  const set = list instanceof Set ? list : new Set(list as readonly string[]);
  return (code) => set.has(code);
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const TIME = /^[0-9]{4}(Q[1-4]|M(0[1-9]|1[0-2]))?$/i;
const REF_AREA = /^[A-Z][A-Z0-9]{2}$/;
const SOURCE = /^[A-Z]{2}:[^\s,]+$/;
const KEY: readonly IlostatColumn[] = ['ref_area', 'source', 'indicator', 'sex', 'classif1', 'classif2', 'time'];

/**
 * Checks the text of an ILOSTAT bulk CSV file as migstat writes it and returns every problem found (none: a valid file):
 * - header: exactly ILOSTAT_COLUMNS, in order; every row has twelve fields;
 * - codes: `indicator`, `sex`, `classif1`, `classif2` from the given code lists (default: the pinned ILOSTAT lists);
 *   `classif2` only with a `classif1`; within an indicator, `classif1` (and `classif2`) either always or never empty;
 * - one value per key (ref_area, source, indicator, sex, classif1, classif2, time);
 * - `obs_value` a plain decimal number (`.` mark, no exponent), or empty only when `obs_status` is a not-published
 *   status (NOT_PUBLISHED_STATUSES); a not-published status with a value is a problem too;
 * - `time` `YYYY`, `YYYYQn` or `YYYYMmm` (either case); `ref_area` three upper-case letters or digits (ISO3, `X01`);
 *   `source` `XX:id`.
 */
export function checkIlostatCsv(text: string, options: IlostatCheckOptions = {}): IlostatProblem[] {
  const indicatorOk = allows(options.indicatorCodes ?? ((c: string) => isIlostatIndicatorCode(c) || isMigstatIndicatorCode(c)));
  const classifOk = allows(options.classifCodes ?? ((c: string) => (isIlostatClassifCode(c) && !isIlostatSexCode(c)) || isMigstatClassifCode(c)));
  const sexOk = allows(options.sexCodes ?? isIlostatSexCode);
  const notPublished = new Set(options.notPublished ?? NOT_PUBLISHED_STATUSES);
  const problems: IlostatProblem[] = [];
  const add = (kind: IlostatProblemKind, line: number, message: string, column?: IlostatColumn, value?: string): void => {
    problems.push({ kind, line, ...(column ? { column } : {}), ...(value !== undefined ? { value } : {}), message: `line ${line}: ${message}` });
  };

  const records = parseCsvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records[0];
  if (!header) {
    add('header', 1, 'the file is empty: no header');
    return problems;
  }
  if (header.join(',') !== ILOSTAT_COLUMNS.join(',')) {
    add('header', 1, `the header must be exactly "${ILOSTAT_COLUMNS.join(',')}", not "${header.join(',')}"`);
    return problems;
  }
  const seen = new Map<string, number>();
  const classifUse = new Map<string, { c1: Set<boolean>; c2: Set<boolean>; line: number }>();
  for (let r = 1; r < records.length; r++) {
    const line = r + 1;
    const fields = records[r]!;
    if (fields.length !== ILOSTAT_COLUMNS.length) {
      add('fields', line, `${fields.length} fields, not ${ILOSTAT_COLUMNS.length}`);
      continue;
    }
    const row = Object.fromEntries(ILOSTAT_COLUMNS.map((c, j) => [c, fields[j]!])) as Record<IlostatColumn, string>;
    if (!REF_AREA.test(row.ref_area)) add('ref_area', line, `ref_area "${row.ref_area}" is not an ISO3 or ILOSTAT area code`, 'ref_area', row.ref_area);
    if (!SOURCE.test(row.source)) add('source', line, `source "${row.source}" is not of the form XX:id (BA:453)`, 'source', row.source);
    if (!indicatorOk(row.indicator)) add('code', line, `indicator "${row.indicator}" is not in the indicator code list`, 'indicator', row.indicator);
    if (!sexOk(row.sex)) add('code', line, `sex "${row.sex}" is not a sex code (SEX_T, SEX_M, SEX_F, SEX_O)`, 'sex', row.sex);
    for (const c of ['classif1', 'classif2'] as const) {
      if (row[c] !== '' && !classifOk(row[c])) add('code', line, `${c} "${row[c]}" is not in the classification code list`, c, row[c]);
    }
    if (row.classif2 !== '' && row.classif1 === '') add('classif', line, 'classif2 is set but classif1 is empty', 'classif2', row.classif2);
    const use = classifUse.get(row.indicator) ?? { c1: new Set<boolean>(), c2: new Set<boolean>(), line };
    classifUse.set(row.indicator, use);
    use.c1.add(row.classif1 === '');
    use.c2.add(row.classif2 === '');
    if (!TIME.test(row.time)) add('time', line, `time "${row.time}" is not YYYY, YYYYQn or YYYYMmm`, 'time', row.time);
    const status = row.obs_status;
    if (row.obs_value === '') {
      if (!notPublished.has(status)) add('value', line, `obs_value is empty but obs_status "${status}" does not say the value is not published (${[...notPublished].join(', ')})`, 'obs_value', '');
    } else if (!NUMBER.test(row.obs_value)) {
      add('value', line, `obs_value "${row.obs_value}" is not a plain decimal number`, 'obs_value', row.obs_value);
    } else if (notPublished.has(status)) {
      add('value', line, `obs_status "${status}" says not published, but obs_value is "${row.obs_value}"`, 'obs_value', row.obs_value);
    }
    const key = KEY.map((k) => row[k]).join('\u0000');
    const first = seen.get(key);
    if (first !== undefined) add('key', line, `a second value for the key ${KEY.map((k) => `${k}=${row[k]}`).join(', ')} (first on line ${first})`);
    else seen.set(key, line);
  }
  for (const [indicator, use] of classifUse) {
    if (use.c1.size > 1) add('classif', use.line, `indicator ${indicator}: classif1 is empty on some rows and set on others`, 'classif1');
    if (use.c2.size > 1) add('classif', use.line, `indicator ${indicator}: classif2 is empty on some rows and set on others`, 'classif2');
  }
  return problems;
}
