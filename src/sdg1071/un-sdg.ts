/**
 * The UN Global SDG Indicators Database layout of SDG 10.7.1 (series SL_EMP_RCOST_MO, "Migrant recruitment costs
 * (number of months of earnings)", unit MO_EARN; spec sdg1071.md rule 3 [V] and 22 [V]): one CSV with the columns
 * `geo_area,nature,sex,units,year,sl_emp_rcost_mo`, as in the open-numbers mirror of the UN database:
 * - geo_area: the UN M49 numeric code of the measuring country, without leading zeros (Bangladesh `50`; the fictional
 *   Atlantis has the user-assigned 900);
 * - nature: `c` (country data);
 * - sex: `bothsex`, `female`, `male` (in that order, as the mirror sorts them);
 * - units: `mo_earn` (months of earnings: never percent, whatever the display option of the tables);
 * - year: the survey year;
 * - sl_emp_rcost_mo: the headline value in months with one decimal (17.6, 0.7, 7.0), rounded half away from zero.
 * Cells not published (suppressed, or without a finite estimate) have no row. LF line ends, a final line end.
 */
import { countryByIso3 } from '../classifications/countries.js';
import type { IndicatorTable } from '../indicators/cell.js';
import { Sdg1071Error } from './errors.js';

export const UN_SDG_COLUMNS = ['geo_area', 'nature', 'sex', 'units', 'year', 'sl_emp_rcost_mo'] as const;

export interface UnSdgRow {
  readonly geo_area: string;
  readonly nature: 'c';
  readonly sex: 'bothsex' | 'female' | 'male';
  readonly units: 'mo_earn';
  readonly year: string;
  /** The value in months with one decimal. */
  readonly sl_emp_rcost_mo: string;
}

const SEXES = [['SEX_T', 'bothsex'], ['SEX_F', 'female'], ['SEX_M', 'male']] as const;

/** A number in months with one decimal, half away from zero (4.875 -> 4.9, 7 -> 7.0). */
export function oneDecimal(x: number): string {
  const r = Math.sign(x) * Math.round(Math.abs(x) * 10 + 1e-9) / 10;
  return (Object.is(r, -0) ? 0 : r).toFixed(1);
}

/** The UN SDG rows of the headline table by sex (months; `scale` 100 when the table is in percent). */
export function unSdgRows(headline: IndicatorTable, country: string, year: number, scale = 1): UnSdgRow[] {
  const c = countryByIso3(country);
  if (!c) throw new Sdg1071Error(`country "${country}" is not an ISO3 code of the UN M49 list (nor ATL)`);
  const geo = String(Number(c.m49));
  const rows: UnSdgRow[] = [];
  for (const [code, sex] of SEXES) {
    const cell = headline.cells.find((x) => x.sex === code && x.classif1 === null);
    if (!cell || cell.suppressed || !Number.isFinite(cell.estimate)) continue;
    rows.push({ geo_area: geo, nature: 'c', sex, units: 'mo_earn', year: String(year), sl_emp_rcost_mo: oneDecimal(cell.estimate / scale) });
  }
  return rows;
}

/** The CSV text of UN SDG rows (module doc). */
export function unSdgCsv(rows: readonly UnSdgRow[]): string {
  return [UN_SDG_COLUMNS.join(','), ...rows.map((r) => UN_SDG_COLUMNS.map((k) => r[k]).join(','))].join('\n') + '\n';
}
