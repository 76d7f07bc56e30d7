import { join } from 'node:path';
import { Command, Option } from 'commander';
import { MIGRANT_CRITERIA } from '../concepts/migrant-status.js';
import { RESIDENCE_RULES } from '../concepts/usual-residence.js';
import { INDICATOR_SETS } from '../indicators/catalogue.js';
import { obsStatusOf, type ReliabilityPresetName } from '../indicators/reliability.js';
import { type IndicatorRunOptions, runIndicators, runStandards, suppressedExclusions } from '../pipeline/indicators.js';
import { type ProfiledRound, ROUND_LABEL, poolRounds, pooledTime, roundChanges } from '../pipeline/rounds.js';
import { applyProfile } from '../profile/apply.js';
import { type LoadedProfile, loadProfile } from '../profile/load.js';
import { INDICATOR_OUTPUT_FORMATS, type IndicatorOutputFormat, writeIndicatorOutputs } from '../report/indicator-files.js';
import { type RunExclusion, buildRunMetadata } from '../report/run-metadata.js';
import { collect, designFromOptions, list, number } from './design-options.js';
import { readTables } from './profile-command.js';
import { type PublicationFlags, addPublicationOptions, suppressionOf } from './publication-options.js';
import { UsageError } from './usage-error.js';

interface IndicatorFlags extends PublicationFlags {
  profile: string[];
  table: string[];
  rounds?: string[];
  annual?: boolean;
  change?: boolean;
  set: string;
  indicator: string[];
  criterion?: 'birth' | 'citizenship';
  standard?: 'icls19' | 'icls13';
  residenceRule?: '12-months' | '6-months';
  format: IndicatorOutputFormat;
  output: string;
  time?: string;
  source: string;
}

/** The ILOSTAT time code of a profile's reference period (`2024`, `2024Q1`, `2024M03`); date ranges need --time. */
function timeCode(period: string | { start: string; end: string }): string {
  if (typeof period === 'string') return period.toUpperCase();
  throw new UsageError(`the profile's reference period is a date range (${period.start} to ${period.end}): give the ILOSTAT time code with --time (e.g. 2024, 2024Q1)`);
}

/** The run options of the flags (everything but the data and the design). */
function runOptions(o: IndicatorFlags): IndicatorRunOptions & { suppression: Record<string, unknown> } {
  const suppression = suppressionOf(o);
  return {
    set: o.set, codes: o.indicator, criterion: o.criterion, standard: o.standard?.toUpperCase() as 'ICLS19' | 'ICLS13' | undefined,
    residenceRule: o.residenceRule, level: number('--level', o.level), reliability: o.reliability as ReliabilityPresetName, suppression,
  };
}

/** `--table NAME=FILE` values per round: each name given once per round, the k-th for the k-th round. */
function tablesPerRound(tables: readonly string[], labels: readonly string[]): string[][] {
  const byName = new Map<string, string[]>();
  for (const t of tables) {
    const at = t.indexOf('=');
    if (at <= 0 || at === t.length - 1) throw new UsageError(`--table ${t}: expected NAME=FILE`);
    const name = t.slice(0, at);
    byName.set(name, [...(byName.get(name) ?? []), t]);
  }
  for (const [name, given] of byName) {
    if (given.length !== labels.length) throw new UsageError(`--table ${name}=...: given ${given.length} time(s) for ${labels.length} rounds (${labels.join(', ')}); with --rounds give each table once per round, in the order of the rounds`);
  }
  return labels.map((_, k) => [...byName.values()].map((given) => given[k]!));
}

/** One profiled survey: the indicator tables of its design. */
async function singleRun(file: string, o: IndicatorFlags): Promise<void> {
  if (o.profile.length !== 1) throw new UsageError(`-p/--profile is given ${o.profile.length} times: give it once (or once per round with --rounds)`);
  const profilePath = o.profile[0]!;
  const loaded = loadProfile(profilePath);
  const tables = await readTables(loaded, file, o.table);
  const applied = applyProfile(loaded, tables);
  if (!applied.estimateOptions) throw new UsageError(`the profile ${profilePath} has no design: indicators need its weights (design: weight, strata, psu, ... or replicate_weights)`);
  const design = designFromOptions(applied.table, applied.estimateOptions as Record<string, unknown>);
  const options = runOptions(o);
  const run = runIndicators(loaded, applied.table, design, options);
  const d = run.derivation;
  const reference = { ref_area: loaded.profile.survey.country, source: o.source, time: o.time ?? timeCode(loaded.profile.survey.reference_period) };
  const metadata = await buildRunMetadata({
    inputs: [{ path: file, role: 'person' }, ...o.table.map((t) => ({ path: t.slice(t.indexOf('=') + 1), role: t.slice(0, t.indexOf('=')) }))],
    profile: profilePath,
    options: { set: o.set, indicators: o.indicator, format: o.format, reliability: o.reliability, suppression: options.suppression, level: o.level },
    standards: runStandards(d),
    exclusions: [
      ...applied.problems.filter((p) => p.severity === 'warning').map((p) => ({ reason: p.message, count: 0, step: 'profile' })),
      ...d.exclusions.map((e) => ({ ...e, step: 'concepts' })),
      ...suppressedExclusions(run.suppression.suppressed, 'count cells'),
    ],
    reference,
  });
  const written = await writeIndicatorOutputs(run.tables, { format: o.format, outDir: o.output, ...reference, obsStatus: obsStatusOf(), metadata });
  const cells = run.tables.reduce((a, t) => a + t.cells.length, 0);
  process.stderr.write(`migstat indicators: ${run.tables.length} tables, ${cells} cells (${run.suppression.suppressed.length} count cells suppressed), criterion ${d.criterion}, ${d.standard}; ${written.length} files in ${o.output}\n`);
}

/** Several rounds: pooled (annual) tables in OUT/annual, changes between the first and last round in OUT/change. */
async function roundsRun(files: readonly string[], o: IndicatorFlags): Promise<void> {
  const labels = o.rounds!;
  if (labels.length < 2) throw new UsageError(`--rounds ${labels.join(',')}: give at least two round labels, comma-separated (e.g. 2024Q1,2024Q2)`);
  const bad = labels.find((l) => !ROUND_LABEL.test(l));
  if (bad !== undefined) throw new UsageError(`--rounds: "${bad}" is not an ILOSTAT time code (2024, 2024Q1, 2024M03); round labels are the periods of the rounds`);
  const dup = labels.find((l, i) => labels.indexOf(l) !== i);
  if (dup !== undefined) throw new UsageError(`--rounds: round ${dup} is given twice`);
  if (files.length !== labels.length) throw new UsageError(`--rounds ${labels.join(',')} names ${labels.length} rounds but ${files.length} data file(s) are given: give one person file per round, in the order of the rounds`);
  if (!o.annual && !o.change) throw new UsageError('--rounds: give --annual (pooled estimates of the rounds) and/or --change (changes from the first to the last round)');
  if (o.profile.length !== 1 && o.profile.length !== labels.length) throw new UsageError(`-p/--profile is given ${o.profile.length} times for ${labels.length} rounds: give one profile for every round, or one per round in the order of the rounds`);
  const profilePaths = labels.map((_, k) => o.profile[o.profile.length === 1 ? 0 : k]!);
  const cache = new Map<string, LoadedProfile>();
  const tables = tablesPerRound(o.table, labels);
  const rounds: ProfiledRound[] = [];
  const inputs: { path: string; role: string }[] = [];
  const exclusions: RunExclusion[] = [];
  for (const [k, label] of labels.entries()) {
    const path = profilePaths[k]!;
    const loaded = cache.get(path) ?? loadProfile(path);
    cache.set(path, loaded);
    const applied = applyProfile(loaded, await readTables(loaded, files[k]!, tables[k]!));
    rounds.push({ table: applied.table, label, profile: loaded, design: applied.estimateOptions });
    inputs.push({ path: files[k]!, role: `person ${label}` }, ...tables[k]!.map((t) => ({ path: t.slice(t.indexOf('=') + 1), role: `${t.slice(0, t.indexOf('='))} ${label}` })));
    if (o.profile.length > 1 && k > 0) inputs.push({ path, role: `profile ${label}` });
    exclusions.push(...applied.problems.filter((p) => p.severity === 'warning').map((p) => ({ reason: p.message, count: 0, step: `profile ${label}` })));
  }
  const options = runOptions(o);
  const country = rounds[0]!.profile.profile.survey.country;
  // compute everything before writing anything: an error leaves no output
  const annualTime = o.annual ? pooledTime(labels, o.time) : undefined;
  const pooled = o.annual ? poolRounds(rounds, options) : undefined;
  const changes = o.change ? roundChanges(rounds, options) : undefined;
  const common = { set: o.set, indicators: o.indicator, format: o.format, reliability: o.reliability, suppression: options.suppression, level: o.level, rounds: labels, design: 'Taylor linearisation on the stacked rounds (strata and PSUs shared across rounds)' };
  const summary: string[] = [];
  if (pooled && annualTime) {
    if (annualTime.note) process.stderr.write(`migstat indicators: note: ${annualTime.note}\n`);
    const d = pooled.derivation;
    const reference = { ref_area: country, source: o.source, time: annualTime.time };
    const outDir = join(o.output, 'annual');
    const metadata = await buildRunMetadata({
      inputs, profile: profilePaths[0]!, reference, standards: runStandards(d),
      options: { ...common, mode: 'annual', pooling: `round weights divided by ${labels.length} (average of the rounds)` },
      exclusions: [...exclusions, ...d.exclusions.map((e) => ({ ...e, step: 'concepts (all rounds)' })), ...suppressedExclusions(pooled.suppression.suppressed, 'count cells')],
    });
    const written = await writeIndicatorOutputs(pooled.tables, { format: o.format, outDir, ...reference, obsStatus: obsStatusOf(), metadata });
    summary.push(`annual ${annualTime.time}: ${pooled.tables.length} tables, ${written.length} files in ${outDir}`);
  }
  if (changes) {
    const d = changes.derivation;
    const reference = { ref_area: country, source: o.source, time: changes.last };
    const outDir = join(o.output, 'change');
    const metadata = await buildRunMetadata({
      inputs, profile: profilePaths[0]!, reference, standards: runStandards(d),
      options: { ...common, mode: 'change', change: `${changes.last} minus ${changes.first}`, notComputed: changes.skipped },
      exclusions: [...exclusions, ...d.exclusions.map((e) => ({ ...e, step: 'concepts (all rounds)' })), ...suppressedExclusions(changes.tables.flatMap((t) => t.cells), 'change cells')],
    });
    const written = await writeIndicatorOutputs(changes.tables, { format: o.format, outDir, ...reference, obsStatus: obsStatusOf(), metadata });
    summary.push(`change ${changes.first} to ${changes.last}: ${changes.tables.length} tables${changes.skipped.length ? ` (${changes.skipped.length} indicators have no change table)` : ''}, ${written.length} files in ${outDir}`);
  }
  process.stderr.write(`migstat indicators: rounds ${labels.join(', ')}; ${summary.join('; ')}\n`);
}

const ROUNDS_HELP = `
Several rounds (--rounds): one person file per round, in the order of the labels; -p once for every round, or once per
round; each --table NAME=FILE once per round, the k-th for the k-th round. The rounds are stacked and estimated with
the profile's Taylor design (strata and PSUs kept: an area or household in two rounds is one unit, so the variance
sees the overlap); replicate weights drawn for each round separately cannot be stacked and are an error.
  --annual  pooled estimates, weights divided by the number of rounds, written to OUT/annual
            (time: the year when the rounds are quarters or months of one year, else --time)
  --change  last round minus first, MGS_CHG_<indicator> tables (unit GAP; rates in percentage points),
            written to OUT/change (time: the last round)

Example:
  migstat indicators q1_persons.parquet q2_persons.parquet -p profile.yaml --rounds 2024Q1,2024Q2 \\
    --table households=q1_households.parquet --table households=q2_households.parquet \\
    --table absent=q1_absent.parquet --table absent=q2_absent.parquet --annual --change -o out
`;

/** `migstat indicators`: the ILMS indicator tables of a profiled survey, with reliability flags and disclosure control. */
export function indicatorsCommand(): Command {
  return addPublicationOptions(new Command('indicators')
    .description('labour migration indicator tables (ILMS core set) from a profiled survey: estimates with SE, CI, CV, n, reliability flags, suppression; pooled and change tables of several rounds')
    .argument('<files...>', 'data file of the person table (or of the only table); with --rounds, one per round')
    .option('-p, --profile <file>', 'dataset profile (YAML or JSON; required); its design columns give the sample design (with --rounds: once, or once per round)', collect, [])
    .option('--table <name=file>', 'data file of another table of the profile (repeatable; with --rounds, once per round)', collect, [])
    .option('--rounds <labels>', 'several rounds: their labels (ILOSTAT time codes), comma-separated, one per data file', list)
    .option('--annual', 'with --rounds: pooled (annual) estimates of the rounds')
    .option('--change', 'with --rounds: changes from the first to the last round, with SEs that account for the overlap')
    .addOption(new Option('--set <name>', 'indicator set').choices(Object.keys(INDICATOR_SETS)).default('ilms-core'))
    .option('--indicator <code>', 'compute only this indicator of the set (repeatable; e.g. MST_TEAP_SEX_AGE_CBR_RT)', collect, [])
    .addOption(new Option('--criterion <c>', 'migrant criterion (default: birth when the profile maps country of birth, else citizenship)').choices([...MIGRANT_CRITERIA]))
    .addOption(new Option('--standard <s>', 'labour force standard (default icls19)').choices(['icls19', 'icls13']))
    .addOption(new Option('--residence-rule <r>', 'usual-residence rule (default 12-months)').choices([...RESIDENCE_RULES]))
    .addOption(new Option('--format <f>', 'output format').choices([...INDICATOR_OUTPUT_FORMATS]).default('ilostat'))
    .requiredOption('-o, --output <dir>', 'output folder (files written atomically, with metadata.json)')
    .option('--time <code>', 'ILOSTAT time code (default: the profile reference period; with --annual, the year of the rounds)')
    .option('--source <code>', 'ILOSTAT source code TYPE:ID (e.g. BA:1234)', 'BA:0'))
    .addHelpText('after', ROUNDS_HELP)
    .action(async (files: string[], o: IndicatorFlags) => {
      if (o.profile.length === 0) throw new UsageError("required option '-p, --profile <file>' not specified");
      if (o.rounds) return roundsRun(files, o);
      if (o.annual || o.change) throw new UsageError(`${o.annual ? '--annual' : '--change'} needs several rounds: give --rounds LABELS and one data file per round`);
      if (files.length !== 1) throw new UsageError(`${files.length} data files given: one survey takes one person file (the other tables with --table NAME=FILE); several rounds need --rounds LABELS`);
      return singleRun(files[0]!, o);
    });
}
