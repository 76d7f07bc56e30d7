/**
 * `migstat sdg1071`: SDG indicator 10.7.1 (recruitment cost borne by employee in months of first-month earnings) from a
 * profiled recruitment cost survey: the profile maps the workers and their cost items to standard variables, the
 * design comes from its design columns, and src/sdg1071 computes the tables. Outputs go to one folder, atomically as a
 * set, with metadata.json (the choices, exclusions by reason, inputs and their SHA-256).
 */
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { obsStatusOf, RELIABILITY_PRESET_NAMES, type ReliabilityPresetName } from '../indicators/reliability.js';
import { atomicWrite } from '../io/atomic.js';
import { suppressedExclusions } from '../pipeline/indicators.js';
import { applyProfile } from '../profile/apply.js';
import { loadProfile } from '../profile/load.js';
import { INDICATOR_OUTPUT_FORMATS, METADATA_FILE, writeIndicatorOutputs } from '../report/indicator-files.js';
import { type RunExclusion, type RunMetadata, type RunStandards, buildRunMetadata, runMetadataJson, sha256 } from '../report/run-metadata.js';
import { computeSdg1071 } from '../sdg1071/compute.js';
import { Sdg1071Error } from '../sdg1071/errors.js';
import { type Deflator, readDeflator, readExchangeRates } from '../sdg1071/exchange-rates.js';
import { NET_EARNINGS_RULES, type NetEarningsRule, SDG1071_DEFAULTS, SDG1071_ESTIMATORS, type Sdg1071Estimator } from '../sdg1071/options.js';
import { unSdgCsv } from '../sdg1071/un-sdg.js';
import { collect, designFromOptions, number } from './design-options.js';
import { readTables } from './profile-command.js';
import { UsageError } from './usage-error.js';

/** Output formats: the UN SDG database layout, or the indicator formats of writeIndicatorOutputs. */
export const SDG1071_FORMATS = ['un-sdg', ...INDICATOR_OUTPUT_FORMATS] as const;
type Format = (typeof SDG1071_FORMATS)[number];

/** The name of the UN SDG file in the output folder. */
export const UN_SDG_FILE = 'SL_EMP_RCOST_MO.csv';

interface Sdg1071Flags {
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
  format: Format;
  output: string;
  time?: string;
  source: string;
  reliability: string;
  minCount?: string;
  protection?: string;
  suppression: boolean;
  level: string;
}

/** The survey year of a profile's reference period (`2024`, `2024Q1`, or a date range: the year it starts). */
export function surveyYearOf(period: string | { start: string; end: string }): number {
  const text = typeof period === 'string' ? period : period.start;
  const m = /^(\d{4})/.exec(text);
  if (!m) throw new UsageError(`the profile's reference period "${text}" has no year: give --survey-year`);
  return Number(m[1]);
}

const whole = (flag: string, v: string): number => {
  const x = number(flag, v);
  if (!Number.isInteger(x)) throw new UsageError(`${flag} ${v}: expected a whole number`);
  return x;
};

/** Writes files (name and bytes) and metadata.json atomically as a set: all temporary files first, then the renames. */
async function writeSet(outDir: string, files: readonly { file: string; bytes: Uint8Array }[], i = 0): Promise<void> {
  const f = files[i];
  if (!f) return;
  await atomicWrite(join(outDir, f.file), async (tmp) => {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(f.bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await writeSet(outDir, files, i + 1);
  });
}

async function run(file: string, o: Sdg1071Flags): Promise<void> {
  const loaded = loadProfile(o.profile);
  const tables = await readTables(loaded, file, o.table);
  const applied = applyProfile(loaded, tables);
  if (!applied.estimateOptions) throw new UsageError(`the profile ${o.profile} has no design: SDG 10.7.1 estimates need its weights (design: weight, strata, psu, ... or replicate_weights)`);
  const costNames = Object.keys(applied.linked);
  if (costNames.length === 0) throw new Sdg1071Error(`the profile ${o.profile} has no table of role cost_item: SDG 10.7.1 needs the workers' cost items (give them with --table NAME=FILE)`);
  if (costNames.length > 1) throw new Sdg1071Error(`the profile ${o.profile} has ${costNames.length} cost_item tables (${costNames.join(', ')}): give one table of cost items`);
  const costs = applied.linked[costNames[0]!]!;
  const design = designFromOptions(applied.table, applied.estimateOptions as Record<string, unknown>);
  const rates = await readExchangeRates(o.fx);
  const deflator: Deflator | undefined = o.deflator ? await readDeflator(o.deflator) : undefined;
  if (o.deflatorBaseYear && !o.deflator) throw new UsageError('--deflator-base-year needs --deflator FILE');
  const surveyYear = o.surveyYear ? whole('--survey-year', o.surveyYear) : surveyYearOf(loaded.profile.survey.reference_period);
  const country = loaded.profile.survey.country;
  const suppression = o.suppression
    ? { ...(o.minCount ? { min_count: number('--min-count', o.minCount) } : {}), ...(o.protection ? { protection: number('--protection', o.protection) } : {}) }
    : { enabled: false };
  const result = computeSdg1071({ workers: applied.table, costs, design, rates, deflator, country, surveyYear }, {
    windowYears: whole('--window-years', o.windowYears),
    includeInterest: Boolean(o.includeInterest),
    estimator: o.estimator,
    netEarnings: o.netEarnings,
    ratioLimit: number('--ratio-limit', o.ratioLimit),
    percent: Boolean(o.percent),
    level: number('--level', o.level),
    reliability: o.reliability as ReliabilityPresetName,
    suppression,
    ...(o.deflatorBaseYear ? { deflatorBaseYear: whole('--deflator-base-year', o.deflatorBaseYear) } : {}),
  });
  const reference = { ref_area: country, source: o.source, time: o.time ?? String(surveyYear) };
  // the ILMS standards do not apply: RunStandards records the SDG 10.7.1 ones instead
  const standards = {
    labourForce: 'not applied', migrantCriterion: 'not applied', informality: 'not applied',
    usualResidence: 'changed country of usual residence for the job (12 months; spec sdg1071.md rule 8)',
    sdg1071: 'SDG 10.7.1 (ILO/World Bank 2018 guidelines; ILO 2019 definition of recruitment fees and related costs); src/sdg1071/README.md',
  } as unknown as RunStandards;
  const exclusions: RunExclusion[] = [
    ...applied.problems.filter((p) => p.severity === 'warning').map((p) => ({ reason: p.message, count: 0, step: 'profile' })),
    ...result.exclusions.map((e) => ({ reason: `${e.reason} (rule ${e.rule}; weight ${Math.round(e.weight * 1000) / 1000})`, count: e.count, step: 'sdg1071 scope' })),
    ...(result.choices.costItems.unmatched > 0 ? [{ reason: 'cost items of no person record (not used)', count: result.choices.costItems.unmatched, step: 'sdg1071 costs' }] : []),
    ...suppressedExclusions(result.tables.filter((t) => t.measure).flatMap((t) => t.cells), 'count cells'),
  ];
  const metadata = await buildRunMetadata({
    inputs: [
      { path: file, role: 'person' },
      ...o.table.map((t) => ({ path: t.slice(t.indexOf('=') + 1), role: t.slice(0, t.indexOf('=')) })),
      { path: o.fx, role: 'exchange rates' },
      ...(o.deflator ? [{ path: o.deflator, role: 'deflator' }] : []),
    ],
    profile: o.profile,
    options: { format: o.format, reliability: o.reliability, suppression, level: o.level, sdg1071: result.choices, workers: result.workers },
    standards,
    exclusions,
    reference,
  });
  let written: number;
  if (o.format === 'un-sdg') {
    const bytes = new TextEncoder().encode(unSdgCsv(result.unSdgRows));
    const meta: RunMetadata = { ...metadata, outputs: [{ file: UN_SDG_FILE, sha256: sha256(bytes), bytes: bytes.length }] };
    await mkdir(o.output, { recursive: true });
    await writeSet(o.output, [{ file: UN_SDG_FILE, bytes }, { file: METADATA_FILE, bytes: new TextEncoder().encode(runMetadataJson(meta)) }]);
    written = 2;
  } else {
    const base = rates.base;
    const unitMeasure = (t: { indicator: string }) => (t.indicator.endsWith('_MO') ? (o.percent ? 'PT' : 'MO_EARN') : base);
    written = (await writeIndicatorOutputs(result.tables, { format: o.format, outDir: o.output, ...reference, obsStatus: obsStatusOf(), metadata, unitMeasure })).length;
  }
  const head = result.unSdgRows.find((r) => r.sex === 'bothsex');
  process.stderr.write(
    `migstat sdg1071: ${result.workers.inScope} workers in scope of ${result.workers.records} (${result.workers.excluded} excluded, by reason in metadata.json); ` +
      `${head ? `SDG 10.7.1 = ${head.sl_emp_rcost_mo} months of earnings (${result.choices.estimator})` : 'headline not published (suppressed)'}; ${written} files in ${o.output}\n`,
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
  return new Command('sdg1071')
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
    .option('--source <code>', 'ILOSTAT source code TYPE:ID', 'XX:0')
    .addOption(new Option('--reliability <preset>', 'reliability flag policy').choices([...RELIABILITY_PRESET_NAMES]).default('ilo'))
    .option('--min-count <n>', 'primary suppression: cells under this unweighted count (default of the suppression policy)')
    .option('--protection <percent>', 'protection interval of a suppressed cell, percent of its value (default of the policy)')
    .option('--no-suppression', 'publish every cell (disclosure control off)')
    .option('--level <p>', 'confidence level', '0.95')
    .addHelpText('after', HELP)
    .action((file: string, o: Sdg1071Flags) => run(file, o));
}
