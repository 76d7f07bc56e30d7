import { writeAtomic } from './write-table.js';

/** JSON text with NaN as null and infinities as "Inf"/"-Inf" (JSON has no such numbers). */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? null : v > 0 ? 'Inf' : '-Inf') : v),
    2,
  );
}

/** One CSV field: numbers at full precision, NaN/null empty, infinities Inf, text quoted when needed. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'Inf' : '-Inf';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text of records over the given columns. */
export function toCsv(columns: readonly string[], records: readonly Readonly<Record<string, unknown>>[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const r of records) lines.push(columns.map((c) => csvField(r[c])).join(','));
  return lines.join('\n') + '\n';
}

/** Writes a text file atomically (a temporary file beside it, then a rename; nothing is left behind on failure). */
export function writeFileAtomic(path: string, text: string): void {
  writeAtomic(path, (sink) => sink.text(text));
}
