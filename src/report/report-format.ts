/**
 * The report's view of an indicator table: readable labels of the codes, the display unit (counts in thousands of
 * persons, rates in percent), values rounded as text, and the reliability and suppression flag of each row. A
 * suppressed cell becomes a row of `x`: no statistic of it (estimate, SE, CI, CV, n) is ever formatted.
 */
import { ILO_REGIONS, ILO_SUBREGIONS_BROAD, ILO_SUBREGIONS_DETAILED, INCOME_GROUPS } from '../classifications/ilo-regions.js';
import { AGE_BREAKDOWNS } from '../concepts/derived-groups.js';
import type { IndicatorCell, IndicatorTable } from '../indicators/cell.js';
import { ilostatClassifItem } from '../indicators/codes/ilostat-classif-codes.js';
import { orderedCells } from '../indicators/ilostat.js';

/** The flag of a row: `E` less reliable, `U` unreliable, `x` suppressed, '' reliable. */
export type ReportFlag = '' | 'E' | 'U' | 'x';

/** What each flag and mark means: the legend of every table. */
export const FLAG_LEGEND: readonly { readonly symbol: string; readonly text: string }[] = [
  { symbol: 'E', text: 'less reliable: use with caution (see Methodology, Quality)' },
  { symbol: 'U', text: 'unreliable: too imprecise to be used on its own (see Methodology, Quality)' },
  { symbol: 'x', text: 'not published, to protect confidentiality (see Methodology, Suppression); no value of the cell is shown' },
  { symbol: '–', text: 'not applicable or not computable' },
];

/** The text of a value that is not finite (a CV at an estimate of 0, n of a gap). */
export const NOT_APPLICABLE = '–';

/** The text of every statistic of a suppressed cell. */
export const SUPPRESSED_MARK = 'x';

/** `x` rounded to `decimals` with `,` between thousands (`1,234.6`), `-` for negatives, no `-0`; `–` when not finite. */
export function formatNumber(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return NOT_APPLICABLE;
  const fixed = Math.abs(x).toFixed(decimals);
  const [whole, frac] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  const text = frac === undefined ? grouped : `${grouped}.${frac}`;
  return x < 0 && /[1-9]/.test(fixed) ? `-${text}` : text;
}

const MIGSTAT_LABELS: ReadonlyMap<string, string> = new Map([
  ['ILO_REGION_TOTAL', 'ILO region of origin: Total'],
  ...ILO_REGIONS.map((r) => [`ILO_REGION_${r.code}`, `ILO region of origin: ${r.name}`] as const),
  ['ILO_REGION_X', 'ILO region of origin: Not in the ILO country list'],
  ['ILO_SUBREGION_BROAD_TOTAL', 'ILO subregion of origin: Total'],
  ...ILO_SUBREGIONS_BROAD.map((r) => [`ILO_SUBREGION_BROAD_${r.code}`, `ILO subregion of origin: ${r.name}`] as const),
  ['ILO_SUBREGION_BROAD_X', 'ILO subregion of origin: Not in the ILO country list'],
  ['ILO_SUBREGION_DETAILED_TOTAL', 'ILO subregion (detailed) of origin: Total'],
  ...ILO_SUBREGIONS_DETAILED.map((r) => [`ILO_SUBREGION_DETAILED_${r.code}`, `ILO subregion (detailed) of origin: ${r.name}`] as const),
  ['ILO_SUBREGION_DETAILED_X', 'ILO subregion (detailed) of origin: Not in the ILO country list'],
  ['WB_INCOME_TOTAL', 'Income group of the country of origin: Total'],
  ...INCOME_GROUPS.map((g) => [`WB_INCOME_${g.code}`, `Income group of the country of origin: ${g.name}`] as const),
  ['WB_INCOME_X', 'Income group of the country of origin: No income group'],
  ['CBR_BRT_OTH', 'Country of birth: Other countries'],
  ['CBR_BRT_X', 'Country of birth: Not stated'],
  ['CCT_CTZ_OTH', 'Country of citizenship: Other countries'],
  ['CCT_CTZ_X', 'Country of citizenship: Not stated'],
]);

/** The label of a classification code: ILOSTAT's (`Age (Youth, adults): 15+`), migstat's own codes', else the code. */
export function classificationLabel(code: string): string {
  return ilostatClassifItem(code)?.label ?? MIGSTAT_LABELS.get(code) ?? code;
}

/** The label of a sex code: `Total`, `Male`, `Female` (ILOSTAT's labels). */
export function sexLabel(code: string): string {
  return ilostatClassifItem(code)?.label ?? code;
}

const AGE_TOTALS = new Set(Object.values(AGE_BREAKDOWNS).map((b) => b.total));

/** Whether a code is the total of its classification (`SEX_T`, `..._TOTAL`, the working-age total `AGE_YTHADULT_YGE15`). */
export function isTotalCode(code: string | null): boolean {
  return code === null || code === 'SEX_T' || code.endsWith('_TOTAL') || AGE_TOTALS.has(code);
}

/** How a table's values are shown: the factor from the cell's unit, the decimals, and the unit stated. */
export interface DisplayUnit {
  readonly scale: number;
  readonly decimals: number;
  /** `thousands of persons`, `percent`, `percentage points`, `local currency`, ... */
  readonly text: string;
  /** Appended to a value in the key figures: `%`, ` thousand`, ` pp`, or '' (the unit is stated beside it). */
  readonly suffix: string;
}

const THOUSANDS: DisplayUnit = { scale: 1 / 1000, decimals: 1, text: 'thousands of persons', suffix: ' thousand' };
const PERCENT: DisplayUnit = { scale: 1, decimals: 1, text: 'percent', suffix: '%' };
const POINTS: DisplayUnit = { scale: 1, decimals: 1, text: 'percentage points', suffix: ' pp' };

/** The trailing parenthesis of a label (`(persons)`, `(%)`, `(local currency)`), and the label without it. */
export function splitLabelUnit(label: string): { readonly label: string; readonly unit?: string } {
  const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(label);
  return m ? { label: m[1]!, unit: m[2]! } : { label };
}

/**
 * The display unit of a table from its cells' unit and its label: counts (NB) in thousands of persons, rates (RT) in
 * percent, means and medians in the unit the label names; gaps and changes (GAP) in the unit the label names, a
 * count change (`(persons)`) in thousands.
 */
export function displayUnit(table: IndicatorTable): DisplayUnit {
  const unit = table.cells[0]?.unit ?? 'NB';
  const named = splitLabelUnit(table.label).unit;
  switch (unit) {
    case 'NB':
      return THOUSANDS;
    case 'RT':
      return PERCENT;
    case 'GAP':
      if (named === 'persons') return THOUSANDS;
      if (named === '%') return PERCENT;
      if (named === 'percentage points') return POINTS;
      return { scale: 1, decimals: 1, text: named ?? 'difference, in the unit of the indicator', suffix: '' };
    case 'MEAN':
    case 'MEDIAN':
      return { scale: 1, decimals: 1, text: named ?? `${unit === 'MEAN' ? 'mean' : 'median'}, in the unit of the variable`, suffix: '' };
  }
}

/** The formatted statistics of a cell, in the order of `STAT_COLUMNS`: all `x` when it is suppressed. */
export interface DisplayStats {
  readonly estimate: string;
  readonly se: string;
  readonly ci_low: string;
  readonly ci_high: string;
  readonly cv: string;
  readonly n: string;
}

/** The statistic columns of a table, in order. */
export const STAT_COLUMNS: readonly (keyof DisplayStats)[] = ['estimate', 'se', 'ci_low', 'ci_high', 'cv', 'n'];

/** The flag of a cell: suppression first, then reliability. */
export function cellFlag(cell: IndicatorCell): ReportFlag {
  if (cell.suppressed) return 'x';
  return cell.reliability === 'unreliable' ? 'U' : cell.reliability === 'less-reliable' ? 'E' : '';
}

/** A cell's statistics as text in a display unit; a suppressed cell gives `x` everywhere and reads none of its values. */
export function displayStats(cell: IndicatorCell, unit: DisplayUnit): DisplayStats {
  if (cell.suppressed) {
    const x = SUPPRESSED_MARK;
    return { estimate: x, se: x, ci_low: x, ci_high: x, cv: x, n: x };
  }
  const v = (value: number) => formatNumber(value * unit.scale, unit.decimals);
  return {
    estimate: v(cell.estimate),
    se: v(cell.se),
    ci_low: v(cell.ci_low),
    ci_high: v(cell.ci_high),
    cv: formatNumber(cell.cv * 100, 1),
    n: formatNumber(cell.n_domain, 0),
  };
}

/** One row of a displayed table. */
export interface DisplayRow {
  /** Sex, then the items of classif1 and classif2 the table has (dimension names in `DisplayTable.columns`). */
  readonly labels: readonly string[];
  readonly stats: DisplayStats;
  readonly flag: ReportFlag;
  /** Every code of the row is the total of its classification. */
  readonly total: boolean;
  /** The first row of a sex (a group rule is drawn above it). */
  readonly groupStart: boolean;
}

/** A table as the report shows it. */
export interface DisplayTable {
  /** The anchor: `<section id>-<indicator code>`. */
  readonly id: string;
  readonly code: string;
  /** The label without its trailing unit (stated in `unit`). */
  readonly heading: string;
  readonly unit: DisplayUnit;
  /** The names of the label columns: `Sex`, then the dimensions of classif1 and classif2 (`Age (Youth, adults)`). */
  readonly columns: readonly string[];
  readonly rows: readonly DisplayRow[];
  /** Counts of rows by flag. */
  readonly flags: Readonly<Record<Exclude<ReportFlag, ''>, number>>;
}

/** The dimension name and item labels of one classification column: a shared `Dimension: ` prefix becomes the header. */
function labelColumn(codes: readonly string[], fallback: string): { name: string; items: Map<string, string> } {
  const labels = codes.map((c) => classificationLabel(c));
  const split = labels.map((l) => {
    const at = l.indexOf(': ');
    return at < 0 ? undefined : { dim: l.slice(0, at), item: l.slice(at + 2) };
  });
  const dims = new Set(split.map((s) => s?.dim));
  const shared = dims.size === 1 && split[0] !== undefined;
  return {
    name: shared ? split[0]!.dim : fallback,
    items: new Map(codes.map((c, i) => [c, shared ? split[i]!.item : labels[i]!])),
  };
}

/** A table's label without its trailing parenthesis when that names the unit shown (`(persons)`, `(%)`, ...). */
function headingOf(label: string, unit: DisplayUnit): string {
  const { label: bare, unit: named } = splitLabelUnit(label);
  const shown = named === unit.text || (named === 'persons' && unit === THOUSANDS) || (named === '%' && unit === PERCENT);
  return shown ? bare : label;
}

/** The display of a table: cells in ILOSTAT row order (sex, then classifications), one row per cell. */
export function displayTable(table: IndicatorTable, sectionId: string): DisplayTable {
  const unit = displayUnit(table);
  const cells = orderedCells(table);
  const distinct = (pick: (c: IndicatorCell) => string | null) => [...new Set(cells.map(pick).filter((c): c is string => c !== null))];
  const classifs = [
    labelColumn(distinct((c) => c.classif1), 'Classification'),
    labelColumn(distinct((c) => c.classif2), 'Classification (2)'),
  ];
  const used = [distinct((c) => c.classif1).length > 0, distinct((c) => c.classif2).length > 0];
  const flags = { E: 0, U: 0, x: 0 };
  const rows = cells.map((c, i): DisplayRow => {
    const flag = cellFlag(c);
    if (flag !== '') flags[flag]++;
    const labels = [sexLabel(c.sex)];
    [c.classif1, c.classif2].forEach((code, k) => {
      if (used[k]) labels.push(code === null ? NOT_APPLICABLE : classifs[k]!.items.get(code)!);
    });
    return {
      labels,
      stats: displayStats(c, unit),
      flag,
      total: isTotalCode(c.sex) && isTotalCode(c.classif1) && isTotalCode(c.classif2),
      groupStart: i === 0 || cells[i - 1]!.sex !== c.sex,
    };
  });
  return {
    id: `${sectionId}-${table.indicator}`,
    code: table.indicator,
    heading: headingOf(table.label, unit),
    unit,
    columns: ['Sex', ...classifs.filter((_, k) => used[k]).map((c) => c.name)],
    rows,
    flags,
  };
}

/** The confidence level as a percentage label: 0.95 gives `95%`. */
export function levelLabel(level: number): string {
  return `${Number((level * 100).toFixed(1))}%`;
}
