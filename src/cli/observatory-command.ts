import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { atomicWrite } from '../io/atomic.js';
import { sourceDateEpoch } from '../io/dta-writer.js';
import { type Conflict, type StoredRow, withObservatory } from '../global/observatory-db.js';
import { ObservatoryError } from '../global/observatory-errors.js';
import { type OnConflict, observatoryEstimates } from '../global/observatory-estimate.js';
import { comparabilityCsv, conflictsCsv, estimatesCsv, problemsCsv, seriesCsv } from '../global/observatory-export.js';
import { INPUT_KINDS, type InputKind, describeIngest, detectKind, ingestAndCheck, readInput, readMigstatOutput } from '../global/observatory-ingest.js';
import { templateWorkbook } from '../global/observatory-template.js';
import { validateSeries } from '../global/observatory-validate.js';
import { dashboardModel } from '../report/dashboard-data.js';
import { writeDashboard } from '../report/dashboard-site.js';
import { fixZipTimestamps } from '../report/indicator-workbook.js';
import { UsageError } from './usage-error.js';

const DB_HELP = 'the observatory database (a DuckDB file; created when missing)';

/** An integer option. */
function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new UsageError(`${name} ${v}: expected a whole number`);
  return Number(v);
}

/** A positive number option. */
function positive(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) throw new UsageError(`${name} ${v}: expected a number >= 0`);
  return x;
}

/** Writes text files into a folder, each atomically; the texts are all built before. */
async function writeFiles(dir: string, files: readonly [string, string][]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await atomicWrite(join(dir, name), (tmp) => writeFile(tmp, text));
}

function ingestCommand(): Command {
  return new Command('ingest')
    .description('ingest country results into the observatory database: national data collection templates (xlsx), ILOSTAT bulk CSV, migstat outputs, UN WPP, UN DESA and ILO modelled benchmark tables')
    .argument('<files...>', 'input files or migstat output folders')
    .requiredOption('--db <file>', DB_HELP)
    .addOption(new Option('--kind <kind>', 'input layout (default: told from the file name and header)').choices([...INPUT_KINDS]))
    .action(async (files: string[], o: { db: string; kind?: InputKind }) => {
      await withObservatory(o.db, async (db) => {
        const summaries = await ingestAndCheck(db, files, o.kind);
        for (const s of summaries) {
          const errors = s.problems.filter((p) => p.severity === 'error').length;
          process.stderr.write(`migstat observatory ingest: ${describeIngest(s)}${s.problems.length > 0 ? `; ${errors} consistency error(s), ${s.problems.length - errors} warning(s) in the file as read (migstat observatory validate lists them)` : ''}\n`);
          for (const p of s.problems) process.stderr.write(`  ${p.severity} ${p.check}: ${p.location}: ${p.message}\n`);
          for (const c of s.conflicts) {
            process.stderr.write(`  conflict: ${c.key.replace(/\|/g, ' ')}: ${c.a.value} (${c.a.file}, ${c.a.location}) and ${c.b.value} (${c.b.file}, ${c.b.location}); both kept\n`);
          }
        }
      });
    });
}

function validateCommand(): Command {
  return new Command('validate')
    .description('validate country submissions: internal consistency (sums of sexes, migrant status, ages and measures; rates within bounds), change from the previous year, conflicts; and the comparability table across countries. With files and no --db: check the files alone, before sending or ingesting them')
    .argument('[files...]', 'submissions to check without a database (templates, ILOSTAT, migstat outputs)')
    .option('--db <file>', DB_HELP)
    .addOption(new Option('--kind <kind>', 'input layout of the files (default: told from the file name and header)').choices([...INPUT_KINDS]))
    .option('--country <iso3>', 'only this country\'s submissions')
    .option('--year <year>', 'only this year\'s submissions')
    .option('-o, --output <dir>', 'write problems.csv, comparability.csv and conflicts.csv to this folder')
    .option('--relative <r>', 'tolerance of sums, relative (default 0.0005)')
    .option('--absolute <n>', 'tolerance of sums, persons per part (default 1)')
    .option('--year-change <r>', 'relative change of a count from the previous year that is flagged (default 0.25)')
    .option('--rate-points <p>', 'change of a rate from the previous year that is flagged, points (default 5)')
    .addOption(new Option('--fail-on <severity>', 'exit 2 when a problem of this severity is found').choices(['error', 'warning', 'never']).default('error'))
    .action(async (files: string[], o: { db?: string; kind?: InputKind; country?: string; year?: string; output?: string; relative?: string; absolute?: string; yearChange?: string; ratePoints?: string; failOn: string }) => {
      if (files.length > 0 && o.db) throw new UsageError('give submission files (checked alone) or --db (the database), not both');
      if (files.length === 0 && !o.db) throw new UsageError('give --db (the database) or submission files to check');
      const options = {
        country: o.country?.toUpperCase(), year: int('--year', o.year), relative: positive('--relative', o.relative), absolute: positive('--absolute', o.absolute),
        yearChange: positive('--year-change', o.yearChange), ratePoints: positive('--rate-points', o.ratePoints),
      };
      const report = async (series: StoredRow[], conflicts: Conflict[]): Promise<void> => {
        const v = validateSeries(series, conflicts, options);
        if (o.output) await writeFiles(o.output, [['problems.csv', problemsCsv(v.problems)], ['comparability.csv', comparabilityCsv(v.comparability)], ['conflicts.csv', conflictsCsv(conflicts)]]);
        const errors = v.problems.filter((p) => p.severity === 'error');
        const warnings = v.problems.filter((p) => p.severity === 'warning');
        for (const p of v.problems) process.stderr.write(`  ${p.severity} ${p.check}: ${p.ref_area} ${p.year}: ${p.file}${p.location ? `, ${p.location}` : ''}: ${p.message}\n`);
        process.stderr.write(`migstat observatory validate: ${v.submissions} submission(s); ${errors.length} error(s), ${warnings.length} warning(s)${o.output ? `; report in ${o.output}` : ''}\n`);
        if ((o.failOn === 'error' && errors.length > 0) || (o.failOn === 'warning' && v.problems.length > 0)) {
          throw new ObservatoryError(`validation found ${errors.length} error(s) and ${warnings.length} warning(s) (--fail-on ${o.failOn})`);
        }
      };
      if (o.db) {
        await withObservatory(o.db, async (db) => report(await db.series(), await db.conflicts()));
        return;
      }
      const batches = [];
      for (const f of files) batches.push(...(await readInput(f, o.kind ?? detectKind(f))));
      let id = 0;
      await report(batches.flatMap((b) => b.rows.map((r) => ({ ...r, row_id: ++id, ingest_id: 0 }))), []);
    });
}

function estimateCommand(): Command {
  return new Command('estimate')
    .description('regional and global estimates of migrant workers for a year (cross-product ratio fitted to the benchmarks, imputation, aggregation, bootstrap intervals); stored in the database')
    .requiredOption('--db <file>', DB_HELP)
    .requiredOption('--year <year>', 'reference year')
    .option('--replicates <n>', 'bootstrap replicates (0: point estimates only)', '200')
    .option('--seed <n>', 'seed of the bootstrap')
    .addOption(new Option('--on-conflict <rule>', 'two values for one key: stop, or use the first or the latest ingested').choices(['error', 'first', 'latest']).default('error'))
    .addOption(new Option('--interpolation <method>', 'benchmarks missing in the year: interpolated between the years held around it, or not').choices(['linear', 'log-linear', 'none']).default('linear'))
    .option('-o, --output <dir>', 'also write estimates.csv to this folder')
    .action(async (o: { db: string; year: string; replicates: string; seed?: string; onConflict: OnConflict; interpolation: 'linear' | 'log-linear' | 'none'; output?: string }) => {
      const year = int('--year', o.year)!;
      await withObservatory(o.db, async (db) => {
        const { rows, leftOut } = observatoryEstimates(await db.series(), { year, replicates: int('--replicates', o.replicates)!, seed: int('--seed', o.seed), onConflict: o.onConflict, interpolation: o.interpolation });
        await db.saveEstimates([year], rows);
        if (o.output) await writeFiles(o.output, [['estimates.csv', estimatesCsv(await db.estimates())]]);
        for (const l of leftOut) process.stderr.write(`  left out: ${l.iso3}: ${l.reason}\n`);
        const countries = new Set(rows.filter((r) => r.level === 'country').map((r) => r.area));
        const imputed = new Set(rows.filter((r) => r.level === 'country' && r.imputed).map((r) => r.area));
        process.stderr.write(`migstat observatory estimate: ${year}: ${countries.size} countries (${imputed.size} with imputed cells), ${leftOut.length} left out; ${rows.length} estimates stored\n`);
      });
    });
}

function dashboardCommand(): Command {
  return new Command('dashboard')
    .description('write the static dashboard: one folder that opens offline (index.html with the world map and regional tables, a page per country, every table as CSV)')
    .requiredOption('--db <file>', DB_HELP)
    .requiredOption('-o, --output <dir>', 'the dashboard folder (replaced as a whole once the new one is complete)')
    .option('--title <text>', 'title of the dashboard', 'Labour migration observatory')
    .action(async (o: { db: string; output: string; title: string }) => {
      await withObservatory(o.db, async (db) => {
        const files = await writeDashboard(dashboardModel(await db.series(), await db.estimates(), { title: o.title }), o.output);
        process.stderr.write(`migstat observatory dashboard: ${files.filter((f) => f.endsWith('.html')).length} pages, ${files.filter((f) => f.endsWith('.csv')).length} CSV files in ${o.output}\n`);
      });
    });
}

function exportCommand(): Command {
  return new Command('export')
    .description('export the database as CSV: series.csv, conflicts.csv, estimates.csv (same content, same bytes)')
    .requiredOption('--db <file>', DB_HELP)
    .requiredOption('-o, --output <dir>', 'output folder')
    .action(async (o: { db: string; output: string }) => {
      await withObservatory(o.db, async (db) => {
        await writeFiles(o.output, [['series.csv', seriesCsv(await db.series())], ['conflicts.csv', conflictsCsv(await db.conflicts())], ['estimates.csv', estimatesCsv(await db.estimates())]]);
        process.stderr.write(`migstat observatory export: series.csv, conflicts.csv, estimates.csv in ${o.output}\n`);
      });
    });
}

function templateCommand(): Command {
  return new Command('template')
    .description('write a national data collection template (xlsx, OBSERVATORY.md §4.3) for a country and year: blank, or filled from a migstat indicator output')
    .requiredOption('-o, --output <file>', 'the workbook to write (.xlsx)')
    .option('--country <iso3>', 'country (default: of --from)')
    .option('--year <year>', 'year (default: of --from)')
    .option('--from <path>', 'a migstat indicator output (folder with indicators.csv/json or ILOSTAT files, or a tidy file)')
    .option('--source <text>', 'source of the figures (default: of --from)')
    .addOption(new Option('--criterion <c>', 'migrant criterion (default: of --from, else birth)').choices(['birth', 'citizenship']))
    .addOption(new Option('--standard <s>', 'labour force standard (default: of --from, else ICLS19)').choices(['ICLS19', 'ICLS13']))
    .addOption(new Option('--unit <u>', 'unit of the counts').choices(['persons', 'thousands']).default('persons'))
    .action(async (o: { output: string; country?: string; year?: string; from?: string; source?: string; criterion?: string; standard?: string; unit: 'persons' | 'thousands' }) => {
      if (!o.output.toLowerCase().endsWith('.xlsx')) throw new UsageError(`-o ${o.output}: the template is an .xlsx workbook`);
      const rows = o.from ? readMigstatOutput(o.from).flatMap((b) => b.rows) : [];
      const country = (o.country ?? rows[0]?.ref_area)?.toUpperCase();
      const year = int('--year', o.year) ?? rows[0]?.year;
      if (!country || year === undefined) throw new UsageError('give --country and --year (or --from a migstat output)');
      const mine = rows.filter((r) => r.ref_area === country && r.year === year);
      if (o.from && mine.length === 0) throw new ObservatoryError(`${o.from}: no value of ${country} in ${year}`);
      const criterion = o.criterion ?? mine.find((r) => r.criterion !== '')?.criterion ?? 'birth';
      const standard = o.standard ?? mine.find((r) => r.standard !== '')?.standard ?? 'ICLS19';
      const seconds = sourceDateEpoch();
      const bytes = await templateWorkbook({ country, year, source: o.source ?? mine[0]?.source ?? '', criterion, standard, unit: o.unit }, mine, seconds);
      await atomicWrite(o.output, (tmp) => writeFile(tmp, fixZipTimestamps(bytes, new Date(seconds * 1000))));
      process.stderr.write(`migstat observatory template: ${country} ${year}: ${o.output}${o.from ? ` (${mine.length} values from ${o.from})` : ' (blank)'}\n`);
    });
}

/** `migstat observatory`: the regional statistical observatory (src/global/OBSERVATORY.md). */
export function observatoryCommand(): Command {
  const cmd = new Command('observatory')
    .description('regional labour migration observatory: ingest country submissions and benchmarks into a DuckDB file, validate them, estimate regional and global figures, write a static dashboard')
    .addHelpText('after', `
Examples:
  migstat observatory ingest examples/observatory/templates/*.xlsx examples/observatory/benchmarks/*.csv --db obs.duckdb
  migstat observatory validate --db obs.duckdb -o validation
  migstat observatory estimate --db obs.duckdb --year 2024
  migstat observatory dashboard --db obs.duckdb -o dashboard
  migstat observatory template --country THA --year 2025 -o THA-2025.xlsx
`);
  for (const sub of [ingestCommand(), validateCommand(), estimateCommand(), dashboardCommand(), exportCommand(), templateCommand()]) cmd.addCommand(sub.exitOverride());
  return cmd;
}
