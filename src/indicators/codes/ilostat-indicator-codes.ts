/**
 * The pinned ILOSTAT indicator codes, from the copied code list in ilostat-indicator-data.ts. Rows listed as SDMX
 * dataflows (`DF_EMP_TEMP_SEX_OCU_CBR_NB`) give the indicator code without the `DF_` prefix (`EMP_TEMP_SEX_OCU_CBR_NB`),
 * the code the bulk CSV's `indicator` column carries; ILOSTAT names the dataflow of indicator X `DF_X`. Many labels in
 * the list are inferred from ILOSTAT's naming convention (`labelStatus`): see src/indicators/README.md, "Code lists".
 */
import { ILOSTAT_INDICATOR_CSV } from './ilostat-indicator-data.js';
import { parseCsvRecords } from './parse-csv.js';

/** One indicator of the pinned list. */
export interface IlostatIndicatorEntry {
  /** The indicator code as the bulk CSV writes it (`MST_TEAP_SEX_AGE_CBR_NB`). */
  readonly code: string;
  /** The code as listed (`DF_...` for dataflows seen in ILOSTAT's SDMX list). */
  readonly listed: string;
  readonly meaning: string;
  /** Whether the label was verified or inferred from the code convention. */
  readonly labelStatus: string;
  readonly evidence: string;
  /** `NB` (numbers, in thousands where persons) or `RT` (rate, percent): the code's last token. */
  readonly unit: string;
}

function build(): ReadonlyMap<string, IlostatIndicatorEntry> {
  const [header, ...rows] = parseCsvRecords(ILOSTAT_INDICATOR_CSV);
  if (header?.join(',') !== 'indicator_code,meaning,label_status,evidence') throw new Error('ilostat-indicator-data.ts: unexpected header');
  const entries = new Map<string, IlostatIndicatorEntry>();
  for (const [listed, meaning, labelStatus, evidence] of rows as [string, string, string, string][]) {
    const code = listed.replace(/^DF_/, '');
    entries.set(code, { code, listed, meaning, labelStatus, evidence, unit: code.slice(code.lastIndexOf('_') + 1) });
  }
  return entries;
}

/** The pinned indicators, by code (bulk CSV form, without `DF_`). */
export const ILOSTAT_INDICATORS: ReadonlyMap<string, IlostatIndicatorEntry> = build();

/** Whether `code` is an indicator code of the pinned ILOSTAT list (bulk CSV form: `UNE_DEAP_SEX_AGE_RT`, no `DF_`). */
export function isIlostatIndicatorCode(code: string): boolean {
  return ILOSTAT_INDICATORS.has(code);
}

/**
 * Whether `code` has the shape of a migstat indicator code (`MGS_` followed by upper-case tokens), the documented
 * codes migstat uses where ILOSTAT has none (src/indicators/cell.ts); whether a given one exists is the catalogue's call.
 */
export function isMigstatIndicatorCode(code: string): boolean {
  return /^MGS_[A-Z0-9]+(_[A-Z0-9]+)*$/.test(code);
}
