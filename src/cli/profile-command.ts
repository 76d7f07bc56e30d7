import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { readTable } from '../io/read.js';
import { InputError } from '../io/errors.js';
import type { Table } from '../io/table.js';
import { toCsv, toJson, writeFileAtomic } from '../io/write.js';
import { applyProfile } from '../profile/apply.js';
import { checkProfile, failedLoadReport, formatCheckReport } from '../profile/check.js';
import { ProfileError } from '../profile/errors.js';
import { draftProfile } from '../profile/init.js';
import { type LoadedProfile, loadProfile } from '../profile/load.js';
import { UsageError } from './usage-error.js';
import { collect } from './design-options.js';

/** Reads a data file of any format migstat reads (`readTable`). */
async function readData(path: string): Promise<Table> {
  return readTable(path);
}

/** The data files of a profile: the positional file for the person table (or the only table), `--table name=file` for the others. */
export async function readTables(loaded: LoadedProfile, file: string, extra: readonly string[]): Promise<Record<string, Table>> {
  const specs = Object.entries(loaded.profile.tables);
  const person = specs.length === 1 ? specs[0]![0] : specs.find(([, t]) => t.role === 'person')![0];
  const files: Record<string, string> = { [person]: file };
  for (const e of extra) {
    const at = e.indexOf('=');
    if (at <= 0 || at === e.length - 1) throw new UsageError(`--table ${e}: expected NAME=FILE`);
    const name = e.slice(0, at);
    if (!loaded.profile.tables[name]) throw new UsageError(`--table ${e}: the profile ${loaded.source} has no table "${name}"; its tables: ${specs.map(([n]) => n).join(', ')}`);
    if (files[name]) throw new UsageError(`--table ${e}: table "${name}" is given twice`);
    files[name] = e.slice(at + 1);
  }
  const missing = specs.map(([n]) => n).filter((n) => !files[n]);
  if (missing.length) throw new UsageError(`the profile ${loaded.source} maps tables ${missing.map((n) => `"${n}"`).join(', ')} too: give each as --table NAME=FILE`);
  const tables: Record<string, Table> = {};
  for (const [name, path] of Object.entries(files)) tables[name] = await readData(path);
  return tables;
}

/** Records of a table for CSV: codes as text, numbers as numbers, dates as YYYY-MM-DD, missing as null. */
function records(table: Table): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const dates = new Set(table.names.filter((n) => table.meta.columns?.get(n)?.type === 'date'));
  for (let i = 0; i < table.nrows; i++) {
    const r: Record<string, unknown> = {};
    for (const name of table.names) {
      const c = table.column(name);
      if (c.kind === 'number') {
        const v = c.values[i]!;
        r[name] = dates.has(name) && Number.isFinite(v) ? new Date(v * 86_400_000).toISOString().slice(0, 10) : v;
      } else r[name] = c.codes[i]! < 0 ? null : c.levels[c.codes[i]!];
    }
    out.push(r);
  }
  return out;
}

/** `migstat profile init|check|apply`: dataset profiles mapping source variables to the standard variables. */
export function profileCommand(): Command {
  const cmd = new Command('profile').description('dataset profiles: map a survey\'s variables and codes to the standard variables (src/profile/README.md)');
  // Subcommands take the parent's settings (exitOverride, output) as they are when parsing starts.
  cmd.hook('preSubcommand', (parent, sub) => void sub.copyInheritedSettings(parent));

  cmd
    .command('init')
    .description('write a draft profile from a data file\'s variable names, labels and value labels, for a person to complete')
    .argument('<file>', 'data file')
    .option('-o, --output <file>', 'profile to write (YAML; atomically); default: standard output')
    .option('--table-name <name>', 'name of the table in the profile', 'person')
    .option('--force', 'overwrite an existing output file')
    .action(async (file: string, o: { output?: string; tableName: string; force?: boolean }) => {
      if (o.output && existsSync(o.output) && !o.force) throw new UsageError(`${o.output} exists: a profile may hold someone's work; give --force to overwrite it`);
      const table = await readData(file);
      const yaml = draftProfile(table, { tableName: o.tableName });
      if (o.output) writeFileAtomic(o.output, yaml);
      else process.stdout.write(yaml);
    });

  cmd
    .command('check')
    .description('check data against a profile: every problem, with counts and example rows; exit 2 when there are errors')
    .argument('<file>', 'data file of the person table (or of the only table)')
    .requiredOption('-p, --profile <file>', 'profile (YAML or JSON)')
    .option('--table <name=file>', 'data file of another table of the profile (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']).default('text'))
    .action(async (file: string, o: { profile: string; table: string[]; format: 'text' | 'json' }) => {
      const print = (r: ReturnType<typeof failedLoadReport>): void => void process.stdout.write(o.format === 'json' ? toJson(r) + '\n' : formatCheckReport(r));
      let loaded: LoadedProfile;
      try {
        loaded = loadProfile(o.profile);
      } catch (e) {
        if (!(e instanceof ProfileError)) throw e;
        print(failedLoadReport(o.profile, e.problems));
        throw new InputError(`profile ${o.profile} is invalid: ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'} (listed above)`);
      }
      const report = checkProfile(loaded, await readTables(loaded, file, o.table));
      print(report);
      if (!report.ok) throw new InputError(`profile check: ${report.errors} error${report.errors === 1 ? '' : 's'} in the data for ${o.profile} (listed above)`);
    });

  cmd
    .command('apply')
    .description('map data to the standard variables and write the standard table (CSV); cost-item tables beside it as OUT.<table>.csv')
    .argument('<file>', 'data file of the person table (or of the only table)')
    .requiredOption('-p, --profile <file>', 'profile (YAML or JSON)')
    .option('--table <name=file>', 'data file of another table of the profile (repeatable)', collect, [])
    .requiredOption('-o, --output <file>', 'standard table to write (CSV, atomically)')
    .option('--log <file>', 'write the recode log (JSON) here instead of standard error')
    .action(async (file: string, o: { profile: string; table: string[]; output: string; log?: string }) => {
      const loaded = loadProfile(o.profile);
      const result = applyProfile(loaded, await readTables(loaded, file, o.table));
      const base = o.output.replace(/\.csv$/i, '');
      const outputs: [string, string][] = [[o.output, toCsv(result.table.names, records(result.table))]];
      for (const [name, t] of Object.entries(result.linked)) outputs.push([`${base}.${name}.csv`, toCsv(t.names, records(t))]);
      const log = toJson({ profile: loaded.source, rows: result.table.nrows, log: result.log, joins: result.joins, warnings: result.problems, estimate: result.estimateOptions ?? null }) + '\n';
      if (o.log) outputs.push([o.log, log]);
      for (const [path, text] of outputs) writeFileAtomic(path, text);
      if (!o.log) process.stderr.write(log);
    });
  return cmd;
}
