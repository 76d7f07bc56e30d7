/**
 * Survey-register comparison: register stocks beside labour force survey estimates of migrant workers, with the
 * survey's intervals, and the coverage ratio register / survey.
 *
 * Input: register IndicatorTables (stocks: `MGS_PRMP_SEX[_CCT]_NB`, ...) and survey cells, the tidy rows of `migstat
 * indicators --format csv|json` (indicators.csv / indicators.json, src/indicators/tidy.ts) or IndicatorCells. One
 * register indicator is compared with one survey indicator: cells are matched on sex and on the register's
 * classification code, found in the survey cell's classif1 or classif2 (after the survey cells are narrowed to fixed
 * codes, `surveyFilter`, e.g. classif2 `CCT_CIT_NONCIT`); a register table without a classification matches the one
 * survey cell of each sex left after the filter (several is an error naming them).
 *
 * Coverage c = R / S, with R the register count (exact) and S the survey estimate. Its standard error by the delta
 * method, the register taken as fixed: se(c) = R se(S) / S^2 (first-order Taylor expansion of R / S in S), and the
 * interval c -/+ z se(c) with z the normal quantile of the level (default 0.95: 1.96), truncated at 0. A survey cell
 * that is suppressed or without an estimate gives no coverage (null).
 */
import type { IndicatorCell, IndicatorTable } from '../indicators/cell.js';
import type { Table } from '../io/table.js';
import { qnorm } from '../survey/distributions.js';
import { AdminError } from './registers.js';

/** A survey estimate of one cell (the fields of a tidy row that the comparison reads). */
export interface SurveyCell {
  readonly indicator: string;
  readonly sex: string;
  readonly classif1: string | null;
  readonly classif2: string | null;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly suppressed?: string | null;
}

/** The survey cells of a table of tidy rows (`migstat indicators` csv/json): columns indicator, sex, classif1, classif2, estimate, se, ci_low, ci_high. */
export function surveyCellsFromTable(table: Table): SurveyCell[] {
  for (const c of ['indicator', 'sex', 'estimate', 'se']) {
    if (!table.columns.has(c)) throw new AdminError(`${table.source}: no column "${c}"; survey estimates are the tidy rows of migstat indicators --format csv or json (columns indicator, sex, classif1, classif2, estimate, se, ci_low, ci_high)`);
  }
  const text = (name: string, i: number): string | null => {
    const c = table.columns.get(name);
    if (!c) return null;
    if (c.kind === 'number') return Number.isNaN(c.values[i]!) ? null : String(c.values[i]);
    const k = c.codes[i]!;
    return k < 0 || c.levels[k] === '' ? null : c.levels[k]!;
  };
  const num = (name: string, i: number): number | null => {
    const c = table.columns.get(name);
    if (!c) return null;
    if (c.kind === 'number') return Number.isNaN(c.values[i]!) ? null : c.values[i]!;
    const k = c.codes[i]!;
    if (k < 0 || c.levels[k] === '') return null;
    const x = Number(c.levels[k]);
    if (Number.isNaN(x)) throw new AdminError(`${table.source} row ${i + 1} column ${name}: ${JSON.stringify(c.levels[k])} is not a number`);
    return x;
  };
  return Array.from({ length: table.nrows }, (_, i) => ({
    indicator: text('indicator', i) ?? '', sex: text('sex', i) ?? '', classif1: text('classif1', i), classif2: text('classif2', i),
    estimate: num('estimate', i), se: num('se', i), ci_low: num('ci_low', i), ci_high: num('ci_high', i), suppressed: text('suppressed', i),
  }));
}

/** Survey cells of IndicatorCells (suppressed cells without values). */
export function surveyCellsFromIndicators(cells: readonly IndicatorCell[]): SurveyCell[] {
  return cells.map((c) => {
    const hide = c.suppressed !== undefined;
    return { indicator: c.indicator, sex: c.sex, classif1: c.classif1, classif2: c.classif2, estimate: hide ? null : c.estimate, se: hide ? null : c.se, ci_low: hide ? null : c.ci_low, ci_high: hide ? null : c.ci_high, suppressed: c.suppressed ?? null };
  });
}

export interface ComparisonOptions {
  readonly registerIndicator: string;
  readonly surveyIndicator: string;
  /** Fixed codes of the survey cells compared (e.g. `{ classif2: 'CCT_CIT_NONCIT' }`). */
  readonly surveyFilter?: { readonly classif1?: string; readonly classif2?: string };
  /** Confidence level of the coverage interval (default 0.95). */
  readonly level?: number;
}

/** One compared cell. */
export interface ComparisonRow {
  readonly register_indicator: string;
  readonly survey_indicator: string;
  readonly sex: string;
  readonly classif: string | null;
  /** Register count (null when suppressed). */
  readonly register: number | null;
  readonly survey: number | null;
  readonly survey_se: number | null;
  readonly survey_ci_low: number | null;
  readonly survey_ci_high: number | null;
  readonly coverage: number | null;
  readonly coverage_se: number | null;
  readonly coverage_ci_low: number | null;
  readonly coverage_ci_high: number | null;
  /** Why a coverage is missing: `register suppressed`, `survey suppressed`, `no survey cell`, `survey estimate 0`. */
  readonly note: string | null;
}

export const COMPARISON_COLUMNS: readonly (keyof ComparisonRow)[] = [
  'register_indicator', 'survey_indicator', 'sex', 'classif', 'register', 'survey', 'survey_se', 'survey_ci_low', 'survey_ci_high', 'coverage', 'coverage_se', 'coverage_ci_low', 'coverage_ci_high', 'note',
];

/** Coverage R / S with its delta-method SE and interval (module comment). */
export function coverageRatio(register: number, survey: number, surveySe: number, level = 0.95): { coverage: number; se: number; ci_low: number; ci_high: number } {
  if (!(level > 0 && level < 1)) throw new AdminError(`level ${level}: expected a number between 0 and 1`);
  const coverage = register / survey;
  const se = (Math.abs(register) * surveySe) / (survey * survey);
  const z = qnorm(1 - (1 - level) / 2);
  return { coverage, se, ci_low: Math.max(0, coverage - z * se), ci_high: coverage + z * se };
}

/** Register cells beside survey cells, with coverage ratios (module comment); rows in the register table's cell order. */
export function compareWithSurvey(register: readonly IndicatorTable[], survey: readonly SurveyCell[], options: ComparisonOptions): ComparisonRow[] {
  const table = register.find((t) => t.indicator === options.registerIndicator);
  if (!table) throw new AdminError(`no register table ${options.registerIndicator}; tables: ${register.map((t) => t.indicator).join(', ')}`);
  const f = options.surveyFilter ?? {};
  const cells = survey.filter((c) => c.indicator === options.surveyIndicator && (f.classif1 === undefined || c.classif1 === f.classif1) && (f.classif2 === undefined || c.classif2 === f.classif2));
  if (cells.length === 0) {
    const have = [...new Set(survey.map((c) => c.indicator))].slice(0, 20);
    throw new AdminError(`no survey cells of ${options.surveyIndicator}${f.classif1 || f.classif2 ? ` with ${JSON.stringify(f)}` : ''}; indicators given: ${have.join(', ')}`);
  }
  const level = options.level ?? 0.95;
  return table.cells.map((rc) => {
    const matches = cells.filter((c) => c.sex === rc.sex && (rc.classif1 === null || (f.classif1 === undefined && c.classif1 === rc.classif1) || (f.classif2 === undefined && c.classif2 === rc.classif1)));
    if (rc.classif1 === null && matches.length > 1) {
      throw new AdminError(`${options.surveyIndicator} has ${matches.length} cells for ${rc.sex}: ${matches.map((m) => [m.classif1, m.classif2].filter(Boolean).join(' x ')).join('; ')}; narrow them with a survey filter (classif1/classif2)`);
    }
    const s = matches[0];
    const r = rc.suppressed ? null : rc.estimate;
    const base = {
      register_indicator: table.indicator, survey_indicator: options.surveyIndicator, sex: rc.sex, classif: rc.classif1, register: r,
      survey: s?.estimate ?? null, survey_se: s?.se ?? null, survey_ci_low: s?.ci_low ?? null, survey_ci_high: s?.ci_high ?? null,
    };
    const none = (note: string): ComparisonRow => ({ ...base, coverage: null, coverage_se: null, coverage_ci_low: null, coverage_ci_high: null, note });
    if (r === null) return none('register suppressed');
    if (!s) return none('no survey cell');
    if (s.estimate === null || s.se === null) return none('survey suppressed');
    if (s.estimate === 0) return none('survey estimate 0');
    const c = coverageRatio(r, s.estimate, s.se, level);
    return { ...base, coverage: c.coverage, coverage_se: c.se, coverage_ci_low: c.ci_low, coverage_ci_high: c.ci_high, note: null };
  });
}
