/**
 * The corridor estimates of a run as rows for a chart or a report (the shape of src/charts/recruitment-costs.ts
 * `RecruitmentCostRow`): one row per corridor of the headline table by corridor, both sexes, with country names.
 */
import { countryByIso3 } from '../classifications/countries.js';
import type { IndicatorTable, Reliability, Suppression } from '../indicators/cell.js';

export interface CorridorRow {
  /** `Bangladesh - Saudi Arabia` (origin - destination). */
  readonly corridor: string;
  /** The classification code (`MGS_COR_BGD_SAU`). */
  readonly code: string;
  readonly estimate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly reliability: Reliability;
  readonly suppressed: Suppression | null;
}

/** Rows of the corridors of `tables` (the headline by corridor, `MGS_RCI_SEX_COR_MO`), both sexes; none when not tabulated. */
export function corridorRows(tables: readonly IndicatorTable[], indicator = 'MGS_RCI_SEX_COR_MO'): CorridorRow[] {
  const t = tables.find((x) => x.indicator === indicator);
  if (!t) return [];
  const name = (iso3: string) => countryByIso3(iso3)?.name ?? iso3;
  return t.cells
    .filter((c) => c.sex === 'SEX_T' && c.classif1 !== null && /^MGS_COR_[A-Z]{3}_[A-Z]{3}$/.test(c.classif1))
    .map((c) => {
      const [, , o, d] = c.classif1!.split('_');
      const hide = c.suppressed !== undefined;
      return {
        corridor: `${name(o!)} - ${name(d!)}`, code: c.classif1!,
        estimate: hide ? null : c.estimate, ci_low: hide ? null : c.ci_low, ci_high: hide ? null : c.ci_high,
        reliability: c.reliability, suppressed: c.suppressed ?? null,
      };
    });
}
