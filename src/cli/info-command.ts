import { Command } from 'commander';
import type { Table } from '../io/table.js';
import { toJson } from '../io/write.js';
import { addReadOptions, readInput } from './read-options.js';

/** What `info` reports of one variable: storage, label, value labels, missing declarations, and counts. */
function describe(table: Table, name: string): Record<string, unknown> {
  const c = table.column(name);
  const meta = table.meta.columns?.get(name) ?? {};
  let missing = 0;
  if (c.kind === 'number') for (const v of c.values) missing += Number.isNaN(v) ? 1 : 0;
  else for (const v of c.codes) missing += v < 0 ? 1 : 0;
  return {
    name,
    type: meta.type ?? (c.kind === 'number' ? 'numeric' : 'string'),
    format: meta.format ?? null,
    label: meta.label ?? null,
    missing,
    distinct: c.kind === 'category' ? c.levels.length : null,
    value_labels: meta.valueLabels ?? [],
    missing_declared: meta.missing ?? null,
  };
}

/** `migstat info`: variables, types, labels, value labels, missing-value declarations and row count of a data file. */
export function infoCommand(): Command {
  return addReadOptions(new Command('info').description('describe a data file: variables, types, labels, value labels, missing values, rows').argument('<file>', 'data file'))
    .action(async (file: string, o: Record<string, unknown>) => {
      const table = await readInput(file, o);
      const summary = {
        file,
        format: table.meta.format ?? null,
        encoding: table.meta.encoding ?? null,
        label: table.meta.fileLabel ?? null,
        rows: table.nrows,
        variables: table.names.map((name) => describe(table, name)),
      };
      process.stdout.write(toJson(summary) + '\n');
    });
}
