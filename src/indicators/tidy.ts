/**
 * Tidy rows of indicator tables, for CSV and JSON: one row per cell with every field of IndicatorCell (cell.ts), the
 * table's label, the ILOSTAT obs_status, and the run's reference area, period, source, migrant criterion and labour
 * force standard. Estimates are in their own unit (persons for counts, not thousands) at full precision.
 *
 * Suppressed cells keep their keys and flags (`reliability`, `suppressed`, `obs_status`), and every value derived from
 * the microdata is blanked (null): estimate, se, ci_low, ci_high, df, deff, cv, n, n_domain and N, so that nothing of a
 * suppressed cell leaks (N of a count cell is the estimate itself; n is the small count that caused the suppression).
 */
import type { IndicatorTable } from './cell.js';
import { type ObsStatusOf, defaultObsStatus, ilostatObsStatus, orderedCells } from './ilostat.js';

/** The columns of a tidy row, in order. */
export const TIDY_COLUMNS = [
  'ref_area', 'source', 'time', 'indicator', 'label', 'sex', 'classif1', 'classif2', 'unit',
  'estimate', 'se', 'ci_low', 'ci_high', 'df', 'deff', 'cv', 'n', 'n_domain', 'N',
  'reliability', 'suppressed', 'obs_status', 'criterion', 'standard',
] as const;

export type TidyColumn = (typeof TIDY_COLUMNS)[number];

/** A tidy value: text, a number (NaN where the statistic is undefined), or null (missing or blanked). */
export type TidyValue = string | number | null;

export type TidyRow = { readonly [K in TidyColumn]: TidyValue };

/** The statistics blanked in a suppressed cell. */
export const SUPPRESSED_BLANKED: readonly TidyColumn[] = ['estimate', 'se', 'ci_low', 'ci_high', 'df', 'deff', 'cv', 'n', 'n_domain', 'N'];

export interface TidyOptions {
  readonly ref_area: string;
  readonly source: string;
  readonly time: string;
  /** Migrant criterion of the run (`birth`, `citizenship`); null when not given. */
  readonly criterion?: string;
  /** Labour force standard of the run (`ICLS19`, `ICLS13`); null when not given. */
  readonly standard?: string;
  readonly obsStatus?: ObsStatusOf;
}

/** Tidy rows of the tables: tables in the order given, cells in ILOSTAT row order (ilostat.ts `orderedCells`). */
export function tidyRows(tables: readonly IndicatorTable[], options: TidyOptions): TidyRow[] {
  const obsStatus = options.obsStatus ?? defaultObsStatus;
  const rows: TidyRow[] = [];
  for (const table of tables) {
    for (const c of orderedCells(table)) {
      const hide = c.suppressed !== undefined;
      const v = (x: number): number | null => (hide ? null : x);
      rows.push({
        ref_area: options.ref_area,
        source: options.source,
        time: options.time,
        indicator: c.indicator,
        label: table.label,
        sex: c.sex,
        classif1: c.classif1,
        classif2: c.classif2,
        unit: c.unit,
        estimate: v(c.estimate),
        se: v(c.se),
        ci_low: v(c.ci_low),
        ci_high: v(c.ci_high),
        df: v(c.df),
        deff: v(c.deff),
        cv: v(c.cv),
        n: v(c.n),
        n_domain: v(c.n_domain),
        N: v(c.N),
        reliability: c.reliability,
        suppressed: c.suppressed ?? null,
        obs_status: ilostatObsStatus(c, obsStatus),
        criterion: options.criterion ?? null,
        standard: options.standard ?? null,
      });
    }
  }
  return rows;
}
