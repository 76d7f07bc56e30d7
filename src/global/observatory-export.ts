/**
 * Exports of the observatory as CSV text: the series, the conflicts, the validation problems, the comparability table
 * and the estimates. Deterministic: the same database content gives the same bytes (rows in their natural order, no
 * ids, numbers at full precision).
 */
import { toCsv } from '../io/write.js';
import type { Conflict, EstimateRow, SeriesRow } from './observatory-db.js';
import { COMPARABILITY_COLUMNS, type ComparabilityRow, PROBLEM_COLUMNS, type Problem } from './observatory-validate.js';

/** The columns of the series export. */
export const SERIES_EXPORT_COLUMNS = [
  'ref_area', 'year', 'layer', 'indicator', 'sex', 'age', 'migrant', 'criterion', 'value', 'se', 'unit', 'source', 'source_type', 'reference_year',
  'reference_period', 'standard', 'flags', 'file', 'location',
] as const;

export const ESTIMATE_COLUMNS = ['level', 'area', 'year', 'sex', 'age', 'measure', 'value', 'low', 'high', 'imputed', 'note'] as const;

export const CONFLICT_COLUMNS = [
  'ref_area', 'year', 'layer', 'indicator', 'sex', 'age', 'migrant', 'criterion', 'value_a', 'source_a', 'file_a', 'location_a', 'value_b', 'source_b', 'file_b', 'location_b',
] as const;

export function seriesCsv(rows: readonly SeriesRow[]): string {
  return toCsv(SERIES_EXPORT_COLUMNS, rows as unknown as Record<string, unknown>[]);
}

export function conflictsCsv(conflicts: readonly Conflict[]): string {
  return toCsv(CONFLICT_COLUMNS, conflicts.map((c) => ({
    ref_area: c.a.ref_area, year: c.a.year, layer: c.a.layer, indicator: c.a.indicator, sex: c.a.sex, age: c.a.age, migrant: c.a.migrant, criterion: c.a.criterion,
    value_a: c.a.value, source_a: c.a.source, file_a: c.a.file, location_a: c.a.location, value_b: c.b.value, source_b: c.b.source, file_b: c.b.file, location_b: c.b.location,
  })));
}

export function problemsCsv(problems: readonly Problem[]): string {
  return toCsv(PROBLEM_COLUMNS, problems as unknown as Record<string, unknown>[]);
}

export function comparabilityCsv(rows: readonly ComparabilityRow[]): string {
  return toCsv(COMPARABILITY_COLUMNS, rows as unknown as Record<string, unknown>[]);
}

export function estimatesCsv(rows: readonly EstimateRow[]): string {
  return toCsv(ESTIMATE_COLUMNS, rows as unknown as Record<string, unknown>[]);
}
