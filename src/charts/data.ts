/**
 * Reading tidy result rows (src/indicators/tidy.ts) for charts: finding an indicator of either migrant criterion
 * (`{MIG}` = CBR place of birth, CCT citizenship), the migrant-status items, labels of codes, and the cells a chart
 * draws (suppressed cells counted and left out).
 */
import { countryByIso3 } from '../classifications/countries.js';
import { ilostatMigrantCode } from '../concepts/migrant-status.js';
import { ilostatClassifLabel } from '../indicators/codes/ilostat-classif-codes.js';
import type { Reliability } from '../indicators/cell.js';
import type { TidyRow, TidyValue } from '../indicators/tidy.js';
import { ChartError, type ChartOptions } from './chart.js';
import { RELIABILITY_LABELS } from './style.js';

/** The migrant criterion of an indicator code token: CBR place of birth, CCT citizenship. */
export type MigToken = 'CBR' | 'CCT';

/** The migrant-status items and their labels under a criterion (spec icls.md 4.4 para 52). */
export interface MigrantItems {
  readonly token: MigToken;
  readonly migrant: string;
  readonly nonMigrant: string;
  readonly migrantLabel: string;
  readonly nonMigrantLabel: string;
}

/** The items of a criterion token: migrants and non-migrants, labelled with the criterion's words. */
export function migrantItems(token: MigToken): MigrantItems {
  const criterion = token === 'CBR' ? 'birth' : 'citizenship';
  return {
    token,
    migrant: ilostatMigrantCode(1, criterion),
    nonMigrant: ilostatMigrantCode(0, criterion),
    migrantLabel: token === 'CBR' ? 'Migrants (foreign-born)' : 'Migrants (non-citizens)',
    nonMigrantLabel: token === 'CBR' ? 'Non-migrants (native-born)' : 'Non-migrants (citizens)',
  };
}

/** A tidy value as a number: numbers as they are, `Inf`/`-Inf` and numeric text parsed; null when missing or not a number. */
export function num(v: TidyValue | undefined): number | null {
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const x = v === 'Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v);
  return Number.isNaN(x) ? null : x;
}

/** The codes of a `{MIG}` pattern under each criterion, in order of preference. */
function tokensFor(options: ChartOptions): MigToken[] {
  return options.criterion === 'citizenship' ? ['CCT'] : options.criterion === 'birth' ? ['CBR'] : ['CBR', 'CCT'];
}

/** The indicator codes present in the rows. */
function presentCodes(rows: readonly TidyRow[]): Set<string> {
  return new Set(rows.map((r) => String(r.indicator)));
}

/**
 * Resolves `{MIG}` patterns against the rows: the first criterion (CBR before CCT, or the one asked for) under which
 * every required pattern is present. Throws a ChartError naming the chart and the missing codes otherwise.
 */
export function resolveIndicators(rows: readonly TidyRow[], chart: string, required: readonly string[], options: ChartOptions): { token: MigToken; codes: string[] } {
  const present = presentCodes(rows);
  const tokens = tokensFor(options);
  for (const token of tokens) {
    const codes = required.map((p) => p.replaceAll('{MIG}', token));
    if (codes.every((c) => present.has(c))) return { token, codes };
  }
  const missing = required.filter((p) => !tokens.some((t) => present.has(p.replaceAll('{MIG}', t))));
  const shown = (missing.length > 0 ? missing : required).map((p) => p.includes('{MIG}') ? tokens.map((t) => p.replaceAll('{MIG}', t)).join(' or ') : p);
  throw new ChartError(`chart ${chart} needs indicator${shown.length === 1 ? '' : 's'} not in the rows: ${shown.join(', ')}${missing.length === 0 ? ' (all under one migrant criterion)' : ''}`);
}

/** Optional indicators: the codes of those patterns present under the token. */
export function optionalIndicators(rows: readonly TidyRow[], patterns: readonly string[], token: MigToken): string[] {
  const present = presentCodes(rows);
  return patterns.map((p) => p.replaceAll('{MIG}', token)).filter((c) => present.has(c));
}

/** The rows of an indicator that pass a test. */
export function cellsOf(rows: readonly TidyRow[], indicator: string, match: (r: TidyRow) => boolean): TidyRow[] {
  return rows.filter((r) => r.indicator === indicator && match(r));
}

/** Whether a row is of migrants or non-migrants (the item in classif2, or in classif1 of one-classification tables); undefined otherwise. */
export function statusOf(r: TidyRow, mig: MigrantItems): 'migrant' | 'nonMigrant' | undefined {
  const code = r.classif2 ?? r.classif1;
  return code === mig.migrant ? 'migrant' : code === mig.nonMigrant ? 'nonMigrant' : undefined;
}

/** Splits cells into those drawn and the count of suppressed ones left out. */
export function drawable(cells: readonly TidyRow[]): { drawn: TidyRow[]; suppressed: number } {
  const drawn = cells.filter((r) => r.suppressed === null && num(r.estimate) !== null);
  return { drawn, suppressed: cells.length - drawn.length };
}

/** The reliability of a row (`reliable` when the column is empty). */
export function reliabilityOf(r: TidyRow): Reliability {
  const v = r.reliability;
  return v === 'less-reliable' || v === 'unreliable' ? v : 'reliable';
}

/** The reliability fields of a drawn datum: the code and its legend label. */
export function reliabilityFields(r: TidyRow): { reliability: Reliability; reliability_label: string } {
  const reliability = reliabilityOf(r);
  return { reliability, reliability_label: RELIABILITY_LABELS[reliability] };
}

const SEX_LABELS: Readonly<Record<string, string>> = { SEX_T: 'Total', SEX_M: 'Men', SEX_F: 'Women', SEX_O: 'Other' };

/** The label of an ILOSTAT sex code (`SEX_F` Women). */
export function sexLabel(code: TidyValue): string {
  return SEX_LABELS[String(code)] ?? String(code);
}

/** The short label of a classification item: the ILOSTAT label without its classification prefix (`1. Managers`). */
export function itemLabel(code: string): string {
  const label = ilostatClassifLabel(code);
  const at = label.indexOf(': ');
  return at >= 0 ? label.slice(at + 2) : label;
}

/** The reference of the rows: the area's name (ISO3 looked up) and the period, `Atlantis, 2024Q1`. */
export function reference(rows: readonly TidyRow[]): string {
  const first = rows[0];
  if (!first) return '';
  const area = String(first.ref_area ?? '');
  const name = countryByIso3(area)?.name ?? area;
  return [name, first.time === null ? '' : String(first.time)].filter((s) => s !== '').join(', ');
}

/** The source line: the caller's, else one naming migstat and the rows' reference. */
export function sourceLine(rows: readonly TidyRow[], options: ChartOptions): string {
  return options.source ?? `Source: migstat estimates${rows.length > 0 ? `, ${reference(rows)}` : ''}`;
}

/** The notes every chart carries: cells left out by suppression, and what lighter marks mean when there are any. */
export function commonNotes(suppressed: number, drawn: readonly { reliability: Reliability }[], marking: string): string[] {
  const notes: string[] = [];
  const weak = drawn.filter((d) => d.reliability !== 'reliable').length;
  if (weak > 0) notes.push(`${marking}: ${weak} less reliable or unreliable estimate${weak === 1 ? '' : 's'} (see legend).`);
  if (suppressed > 0) notes.push(`${suppressed} cell${suppressed === 1 ? '' : 's'} not shown: suppressed for confidentiality.`);
  return notes;
}

/** The confidence interval note: `Lines: 95% confidence intervals.` */
export function intervalNote(options: ChartOptions): string {
  return `Lines: ${Math.round((options.level ?? 0.95) * 1000) / 10}% confidence intervals.`;
}

/** Text with its first letter in lower case, unless the first word is an acronym (`LU3`). */
export function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** A number for text: fixed decimals with thousands separators. */
export function fmt(x: number, decimals = 1): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
