/**
 * `migstat sdg1071`: SDG indicator 10.7.1 (recruitment cost borne by employee in months of first-month earnings) from a
 * profiled recruitment cost survey: the profile maps the workers and their cost items to standard variables, the
 * design comes from its design columns, and src/sdg1071 computes the tables. Outputs go to one folder, atomically as a
 * set, with metadata.json (the choices, exclusions by reason, inputs and their SHA-256).
 */
import { Command, Option } from 'commander';
import type { ReliabilityPresetName } from '../indicators/reliability.js';
import { SDG1071_FORMATS, type Sdg1071Format, runSdg1071, writeSdg1071 } from '../pipeline/sdg1071.js';
import { applyProfile } from '../profile/apply.js';
import { loadProfile } from '../profile/load.js';
import { NET_EARNINGS_RULES, type NetEarningsRule, SDG1071_DEFAULTS, SDG1071_ESTIMATORS, type Sdg1071Estimator } from '../sdg1071/options.js';
import { collect, number } from './design-options.js';
import { readTables } from './profile-command.js';
import { type PublicationFlags, addPublicationOptions, suppressionOf } from './publication-options.js';
import { UsageError } from './usage-error.js';

interface Sdg1071Flags extends PublicationFlags {
  profile: string;
  table: string[];
  fx: string;
  deflator?: string;
  deflatorBaseYear?: string;
  windowYears: string;
  surveyYear?: string;
  includeInterest?: boolean;
  estimator: Sdg1071Estimator;
  netEarnings: NetEarningsRule;
  ratioLimit: string;
  percent?: boolean;
  format: Sdg1071Format;
  output: string;
  time?: string;
  source: string;
}

const whole = (flag: string, v: string): number => {
  const x = number(flag, v);
  if (!Number.isInteger(x)) throw new UsageError(`${flag} ${v}: expected a whole number`);
  return x;
};

async function run(file: string, o: Sdg1071Flags): Promise<void> {
  const loaded = loadProfile(o.profile);
  const applied = applyProfile(loaded, await readTables(loaded, file, o.table));
  if (o.deflatorBaseYear && !o.deflator) throw new UsageError('--deflator-base-year needs --deflator FILE');
  const suppression = suppressionOf(o);
  const sdg = await runSdg1071(
    {
      profilePath: o.profile, profile: loaded, applied, exchangeRates: o.fx, ...(o.deflator ? { deflator: o.deflator } : {}),
      files: [{ path: file, role: 'person' }, ...o.table.map((t) => ({ path: t.slice(t.indexOf('=') + 1), role: t.slice(0, t.indexOf('=')) }))],
    },
    {
      windowYears: whole('--window-years', o.windowYears),
      includeInterest: Boolean(o.includeInterest),
      estimator: o.estimator,
      netEarnings: o.netEarnings,
      ratioLimit: number('--ratio-limit', o.ratioLimit),
      percent: Boolean(o.percent),
      level: number('--level', o.level),
      reliability: o.reliability as ReliabilityPresetName,
      suppression,
      source: o.source,
      ...(o.time ? { time: o.time } : {}),
      ...(o.surveyYear ? { surveyYear: whole('--survey-year', o.surveyYear) } : {}),
      ...(o.deflatorBaseYear ? { deflatorBaseYear: whole('--deflator-base-year', o.deflatorBaseYear) } : {}),
    },
    { options: { format: o.format, reliability: o.reliability, suppression, level: o.level } },
  );
  const written = await writeSdg1071(sdg, o.format, o.output, Boolean(o.percent));
  const { result } = sdg;
  const head = result.unSdgRows.find((r) => r.sex === 'bothsex');
  process.stderr.write(
    `migstat sdg1071: ${result.workers.inScope} workers in scope of ${result.workers.records} (${result.workers.excluded} excluded, by reason in metadata.json); ` +
      `${head ? `SDG 10.7.1 = ${head.sl_emp_rcost_mo} months of earnings (${result.choices.estimator})` : 'headline not published (suppressed)'}; ${written.length} files in ${o.output}\n`,
  );
}

const HELP = `
Rules (src/sdg1071/README.md): employees who changed usual residence for work, first job in the last destination
starting on or after 1 January of (survey year - window); costs paid by the worker or family or deducted from wages;
loan interest excluded unless --include-interest; amounts converted at the monthly rate of their month (--fx: CSV
currency,month,rate,base with rate = units of currency per 1 base); exclusions counted by reason in metadata.json.

Example:
  migstat sdg1071 workers.csv -p profile.yaml --table costs=costs.csv --fx rates.csv --format un-sdg -o out
`;

/** `migstat sdg1071`: SDG indicator 10.7.1 from a recruitment cost survey. */
export function sdg1071Command(): Command {
  return addPublicationOptions(new Command('sdg1071')
    .description('SDG indicator 10.7.1 (recruitment cost borne by employee in months of first-month earnings) from a profiled recruitment cost survey: estimates with SE, CI, CV, n by sex, corridor, destination, occupation, education, recruitment channel')
    .argument('<workers-file>', 'data file of the person (worker) table')
    .requiredOption('-p, --profile <file>', 'dataset profile (YAML or JSON) mapping the workers and their cost items; its design columns give the sample design')
    .option('--table <name=file>', 'data file of another table of the profile, e.g. costs=FILE (repeatable)', collect, [])
    .requiredOption('--fx <file>', 'monthly exchange rates: CSV currency,month,rate,base (rate = units of currency per 1 base)')
    .option('--deflator <file>', 'constant prices: CSV year,index applied to costs and earnings')
    .option('--deflator-base-year <year>', 'base year of the constant prices (default the survey year)')
    .option('--window-years <n>', 'reference window: jobs starting on or after 1 January of (survey year - n)', String(SDG1071_DEFAULTS.windowYears))
    .option('--survey-year <year>', 'survey year (default: the year of the profile reference period)')
    .option('--include-interest', 'count interest on migration loans in the recruitment costs')
    .addOption(new Option('--estimator <e>', 'headline estimator').choices([...SDG1071_ESTIMATORS]).default(SDG1071_DEFAULTS.estimator))
    .addOption(new Option('--net-earnings <rule>', 'net first-month earnings: add back wage deductions for recruitment costs, or take as given').choices([...NET_EARNINGS_RULES]).default(SDG1071_DEFAULTS.netEarnings))
    .option('--ratio-limit <months>', 'flag (count, never trim) workers whose ratio exceeds this many months', String(SDG1071_DEFAULTS.ratioLimit))
    .option('--percent', 'tables in months of earnings are shown in percent (months x 100); the UN SDG file stays in months')
    .addOption(new Option('--format <f>', 'output format').choices([...SDG1071_FORMATS]).default('un-sdg'))
    .requiredOption('-o, --output <dir>', 'output folder (files written atomically, with metadata.json)')
    .option('--time <code>', 'ILOSTAT time code (default the survey year)')
    .option('--source <code>', 'ILOSTAT source code TYPE:ID', 'XX:0'))
    .addHelpText('after', HELP)
    .action((file: string, o: Sdg1071Flags) => run(file, o));
}
