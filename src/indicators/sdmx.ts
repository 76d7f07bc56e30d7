/**
 * SDMX-CSV (version 1.0 of the SDMX-CSV format: one row per observation, the first column `DATAFLOW` naming the
 * dataflow as `AGENCY:ID(VERSION)`, then the dimensions, the measure `OBS_VALUE` and the attributes, each column named by
 * its component id) for indicator tables, shaped on ILOSTAT's SDMX dataflows: indicator X is dataflow `ILO:DF_X(1.0)`.
 *
 * Columns: DATAFLOW, REF_AREA, SEX, CLASSIF1, CLASSIF2, TIME_PERIOD, OBS_VALUE, OBS_STATUS, UNIT_MEASURE, UNIT_MULT.
 * CLASSIF1 and CLASSIF2 are present only when a table has them; in a file that mixes tables with and without them, a
 * table without one writes `_Z` (SDMX's "not applicable"). TIME_PERIOD is the SDMX form of the ILOSTAT period: `2024`,
 * `2024-Q1`, `2024-03`. OBS_VALUE and OBS_STATUS are the ILOSTAT bulk CSV's (ilostat.ts): counts in thousands with
 * UNIT_MULT 3, rates in percent with UNIT_MULT 0; empty for suppressed cells. UNIT_MEASURE `PS` (persons) for counts,
 * `PT` (percent) for rates, else from the `unitMeasure` option (empty by default: the cell does not carry the unit of a
 * mean's variable). The data structure, and which parts of it are migstat's assumption, is in src/indicators/README.md.
 */
import type { IndicatorCell, IndicatorTable } from './cell.js';
import { ILOSTAT_DECIMALS, type ObsStatusOf, defaultObsStatus, ilostatObsStatus, ilostatObsValue, orderedCells } from './ilostat.js';

/** The agency and version of every dataflow migstat writes. */
export const SDMX_AGENCY = 'ILO';
export const SDMX_DATAFLOW_VERSION = '1.0';

/** The SDMX "not applicable" code, for a classification dimension a table does not have. */
export const SDMX_NOT_APPLICABLE = '_Z';

/** All columns, in order; a file has those of its tables (CLASSIF1, CLASSIF2 only where used). */
export const SDMX_COLUMNS = [
  'DATAFLOW', 'REF_AREA', 'SEX', 'CLASSIF1', 'CLASSIF2', 'TIME_PERIOD', 'OBS_VALUE', 'OBS_STATUS', 'UNIT_MEASURE', 'UNIT_MULT',
] as const;

export type SdmxColumn = (typeof SDMX_COLUMNS)[number];

export type SdmxRow = { readonly [K in SdmxColumn]?: string };

export interface SdmxOptions {
  readonly ref_area: string;
  /** ILOSTAT period: `2024`, `2024Q1`, `2024M03`. */
  readonly time: string;
  readonly obsStatus?: ObsStatusOf;
  readonly decimals?: number;
  /** UNIT_MEASURE of tables whose unit is not NB or RT (means, medians, gaps): `(table) => code`; empty by default. */
  readonly unitMeasure?: (table: IndicatorTable) => string;
}

/** An SDMX-CSV file as rows of strings: its columns and its rows. */
export interface SdmxCsv {
  readonly columns: readonly SdmxColumn[];
  readonly rows: readonly SdmxRow[];
}

/** The dataflow of an indicator: `ILO:DF_<indicator>(1.0)`. */
export function sdmxDataflow(indicator: string): string {
  return `${SDMX_AGENCY}:DF_${indicator}(${SDMX_DATAFLOW_VERSION})`;
}

/** The SDMX TIME_PERIOD of an ILOSTAT period: `2024` -> `2024`, `2024Q1` -> `2024-Q1`, `2024M03` -> `2024-03`. */
export function sdmxTimePeriod(time: string): string {
  const m = /^([0-9]{4})(?:([Qq])([1-4])|[Mm](0[1-9]|1[0-2]))?$/.exec(time);
  if (!m) throw new RangeError(`time "${time}" is not an ILOSTAT period (2024, 2024Q1, 2024M03)`);
  if (m[2]) return `${m[1]}-Q${m[3]}`;
  if (m[4]) return `${m[1]}-${m[4]}`;
  return m[1]!;
}

/** UNIT_MEASURE and UNIT_MULT of a cell: `PS`/3 for counts (thousands of persons), `PT`/0 for rates, else (option)/0. */
export function sdmxUnit(cell: Pick<IndicatorCell, 'unit'>, table: IndicatorTable, unitMeasure?: (table: IndicatorTable) => string): { measure: string; mult: string } {
  if (cell.unit === 'NB') return { measure: 'PS', mult: '3' };
  if (cell.unit === 'RT') return { measure: 'PT', mult: '0' };
  return { measure: unitMeasure ? unitMeasure(table) : '', mult: '0' };
}

/** SDMX-CSV rows of the tables, in the ILOSTAT row order (ilostat.ts `orderedCells`), tables in the order given. */
export function sdmxCsv(tables: readonly IndicatorTable[], options: SdmxOptions): SdmxCsv {
  const decimals = options.decimals ?? ILOSTAT_DECIMALS;
  const obsStatus = options.obsStatus ?? defaultObsStatus;
  const period = sdmxTimePeriod(options.time);
  const has1 = tables.some((t) => t.cells.some((c) => c.classif1 !== null));
  const has2 = tables.some((t) => t.cells.some((c) => c.classif2 !== null));
  const columns = SDMX_COLUMNS.filter((c) => (c !== 'CLASSIF1' || has1) && (c !== 'CLASSIF2' || has2));
  const rows: SdmxRow[] = [];
  for (const table of tables) {
    for (const cell of orderedCells(table)) {
      const unit = sdmxUnit(cell, table, options.unitMeasure);
      rows.push({
        DATAFLOW: sdmxDataflow(cell.indicator),
        REF_AREA: options.ref_area,
        SEX: cell.sex,
        ...(has1 ? { CLASSIF1: cell.classif1 ?? SDMX_NOT_APPLICABLE } : {}),
        ...(has2 ? { CLASSIF2: cell.classif2 ?? SDMX_NOT_APPLICABLE } : {}),
        TIME_PERIOD: period,
        OBS_VALUE: ilostatObsValue(cell, decimals),
        OBS_STATUS: ilostatObsStatus(cell, obsStatus),
        UNIT_MEASURE: unit.measure,
        UNIT_MULT: unit.mult,
      });
    }
  }
  return { columns, rows };
}
