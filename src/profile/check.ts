/**
 * Checking data against a profile: every problem (not just the first), each with its count and example rows, and
 * what each mapping did. Nothing is written; `migstat profile check` prints the report.
 */
import type { Table } from '../io/table.js';
import { type JoinLog, type LogEntry, mapProfile } from './apply.js';
import { type Problem, formatProblem } from './errors.js';
import type { LoadedProfile } from './load.js';

export interface CheckReport {
  /** No errors (warnings allowed). */
  readonly ok: boolean;
  readonly profile: string;
  /** Profile files read: the profile, then those it extends. */
  readonly files: readonly string[];
  /** Data given per profile table: source and rows. */
  readonly tables: Readonly<Record<string, { readonly source: string; readonly rows: number }>>;
  readonly errors: number;
  readonly warnings: number;
  readonly problems: readonly Problem[];
  readonly log: readonly LogEntry[];
  readonly joins: readonly JoinLog[];
}

function report(profile: string, files: readonly string[], tables: Readonly<Record<string, Table>>, problems: readonly Problem[], log: readonly LogEntry[], joins: readonly JoinLog[]): CheckReport {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    ok: errors === 0,
    profile,
    files,
    tables: Object.fromEntries(Object.entries(tables).map(([n, t]) => [n, { source: t.source, rows: t.nrows }])),
    errors,
    warnings: problems.length - errors,
    problems,
    log,
    joins,
  };
}

/** Checks the data against a loaded profile. */
export function checkProfile(loaded: LoadedProfile, tables: Readonly<Record<string, Table>>): CheckReport {
  const r = mapProfile(loaded, tables);
  return report(loaded.source, loaded.files, tables, r.problems, r.log, r.joins);
}

/** A report for a profile that did not load (its schema problems), so that check prints them the same way. */
export function failedLoadReport(profile: string, problems: readonly Problem[], tables: Readonly<Record<string, Table>> = {}): CheckReport {
  return report(profile, [profile], tables, problems, [], []);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report as text: problems first, then what each mapping and join did, then the verdict. */
export function formatCheckReport(r: CheckReport): string {
  const lines: string[] = [];
  lines.push(`profile ${r.profile}${r.files.length > 1 ? ` (extends ${r.files.slice(1).join(' -> ')})` : ''}`);
  const data = Object.entries(r.tables).map(([n, t]) => `${n} = ${t.source} (${plural(t.rows, 'row')})`);
  if (data.length) lines.push(`data: ${data.join(', ')}`);
  if (r.problems.length) {
    lines.push('', 'problems:');
    for (const p of r.problems) lines.push(`  ${p.severity === 'error' ? 'error  ' : 'warning'} ${formatProblem(p)}`);
  }
  if (r.log.length) {
    lines.push('', 'variables (rows: kept, recoded, missing, set missing, rejected):');
    for (const e of r.log) {
      const from = e.column === null ? 'constant' : e.column;
      lines.push(`  ${e.table}.${e.variable} <- ${from}: ${e.kept}, ${e.recoded}, ${e.missing}, ${e.setMissing}, ${e.rejected}${e.rejected ? ` (unknown: ${e.unknown})` : ''}`);
    }
  }
  if (r.joins.length) {
    lines.push('', 'links:');
    for (const j of r.joins) lines.push(`  ${j.table} (${j.role}, ${plural(j.rows, 'row')}): ${j.matched} matched, ${j.unmatched} unmatched`);
  }
  lines.push('', r.ok ? `ok: ${plural(r.warnings, 'warning')}` : `${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}`);
  return lines.join('\n') + '\n';
}
