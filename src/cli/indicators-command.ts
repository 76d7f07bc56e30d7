import { Command, Option } from 'commander';
import { MIGRANT_CRITERIA } from '../concepts/migrant-status.js';
import { RESIDENCE_RULES } from '../concepts/usual-residence.js';
import { INDICATOR_SETS } from '../indicators/catalogue.js';
import { obsStatusOf, RELIABILITY_PRESET_NAMES, type ReliabilityPresetName } from '../indicators/reliability.js';
import { runIndicators } from '../pipeline/indicators.js';
import { applyProfile } from '../profile/apply.js';
import { loadProfile } from '../profile/load.js';
import { INDICATOR_OUTPUT_FORMATS, type IndicatorOutputFormat, writeIndicatorOutputs } from '../report/indicator-files.js';
import { buildRunMetadata } from '../report/run-metadata.js';
import { collect, designFromOptions, number } from './design-options.js';
import { readTables } from './profile-command.js';
import { UsageError } from './usage-error.js';

interface IndicatorFlags {
  profile: string;
  table: string[];
  set: string;
  indicator: string[];
  criterion?: 'birth' | 'citizenship';
  standard?: 'icls19' | 'icls13';
  residenceRule?: '12-months' | '6-months';
  format: IndicatorOutputFormat;
  output: string;
  time?: string;
  source: string;
  reliability: string;
  minCount?: string;
  protection?: string;
  suppression: boolean;
  level?: string;
}

/** The ILOSTAT time code of a profile's reference period (`2024`, `2024Q1`, `2024M03`); date ranges need --time. */
function timeCode(period: string | { start: string; end: string }): string {
  if (typeof period === 'string') return period.toUpperCase();
  throw new UsageError(`the profile's reference period is a date range (${period.start} to ${period.end}): give the ILOSTAT time code with --time (e.g. 2024, 2024Q1)`);
}

/** `migstat indicators`: the ILMS indicator tables of a profiled survey, with reliability flags and disclosure control. */
export function indicatorsCommand(): Command {
  return new Command('indicators')
    .description('labour migration indicator tables (ILMS core set) from a profiled survey: estimates with SE, CI, CV, n, reliability flags, suppression')
    .argument('<file>', 'data file of the person table (or of the only table)')
    .requiredOption('-p, --profile <file>', 'dataset profile (YAML or JSON); its design columns give the sample design')
    .option('--table <name=file>', 'data file of another table of the profile (repeatable)', collect, [])
    .addOption(new Option('--set <name>', 'indicator set').choices(Object.keys(INDICATOR_SETS)).default('ilms-core'))
    .option('--indicator <code>', 'compute only this indicator of the set (repeatable; e.g. MST_TEAP_SEX_AGE_CBR_RT)', collect, [])
    .addOption(new Option('--criterion <c>', 'migrant criterion (default: birth when the profile maps country of birth, else citizenship)').choices([...MIGRANT_CRITERIA]))
    .addOption(new Option('--standard <s>', 'labour force standard (default icls19)').choices(['icls19', 'icls13']))
    .addOption(new Option('--residence-rule <r>', 'usual-residence rule (default 12-months)').choices([...RESIDENCE_RULES]))
    .addOption(new Option('--format <f>', 'output format').choices([...INDICATOR_OUTPUT_FORMATS]).default('ilostat'))
    .requiredOption('-o, --output <dir>', 'output folder (files written atomically, with metadata.json)')
    .option('--time <code>', 'ILOSTAT time code (default: the profile reference period)')
    .option('--source <code>', 'ILOSTAT source code TYPE:ID (e.g. BA:1234)', 'BA:0')
    .addOption(new Option('--reliability <preset>', 'reliability flag policy').choices([...RELIABILITY_PRESET_NAMES]).default('ilo'))
    .option('--min-count <n>', 'primary suppression: cells under this unweighted count (default of the suppression policy)')
    .option('--protection <percent>', 'protection interval of a suppressed cell, percent of its value (default of the policy)')
    .option('--no-suppression', 'publish every cell (disclosure control off)')
    .option('--level <p>', 'confidence level', '0.95')
    .action(async (file: string, o: IndicatorFlags) => {
      const loaded = loadProfile(o.profile);
      const tables = await readTables(loaded, file, o.table);
      const applied = applyProfile(loaded, tables);
      if (!applied.estimateOptions) throw new UsageError(`the profile ${o.profile} has no design: indicators need its weights (design: weight, strata, psu, ... or replicate_weights)`);
      const design = designFromOptions(applied.table, applied.estimateOptions as Record<string, unknown>);
      const suppression = o.suppression
        ? { ...(o.minCount ? { min_count: number('--min-count', o.minCount) } : {}), ...(o.protection ? { protection: number('--protection', o.protection) } : {}) }
        : { enabled: false };
      const run = runIndicators(loaded, applied.table, design, {
        set: o.set, codes: o.indicator, criterion: o.criterion, standard: o.standard?.toUpperCase() as 'ICLS19' | 'ICLS13' | undefined,
        residenceRule: o.residenceRule, level: number('--level', o.level ?? '0.95'), reliability: o.reliability as ReliabilityPresetName, suppression,
      });
      const d = run.derivation;
      const reference = { ref_area: loaded.profile.survey.country, source: o.source, time: o.time ?? timeCode(loaded.profile.survey.reference_period) };
      const metadata = await buildRunMetadata({
        inputs: [{ path: file, role: 'person' }, ...o.table.map((t) => ({ path: t.slice(t.indexOf('=') + 1), role: t.slice(0, t.indexOf('=')) }))],
        profile: o.profile,
        options: { set: o.set, indicators: o.indicator, format: o.format, reliability: o.reliability, suppression, level: o.level },
        standards: { labourForce: d.standard, migrantCriterion: d.criterion, usualResidence: d.residenceRule, informality: d.informality, workingAge: `${d.workingAgeMin}+` },
        exclusions: [
          ...applied.problems.filter((p) => p.severity === 'warning').map((p) => ({ reason: p.message, count: 0, step: 'profile' })),
          ...d.exclusions.map((e) => ({ ...e, step: 'concepts' })),
          ...(['primary', 'secondary'] as const).map((kind) => ({
            reason: `count cells not published: ${kind} suppression (rates and means on them follow)`,
            count: run.suppression.suppressed.filter((s) => s.suppressed === kind).length, step: 'disclosure control',
          })).filter((e) => e.count > 0),
        ],
        reference,
      });
      const written = await writeIndicatorOutputs(run.tables, { format: o.format, outDir: o.output, ...reference, obsStatus: obsStatusOf(), metadata });
      const cells = run.tables.reduce((a, t) => a + t.cells.length, 0);
      process.stderr.write(`migstat indicators: ${run.tables.length} tables, ${cells} cells (${run.suppression.suppressed.length} count cells suppressed), criterion ${d.criterion}, ${d.standard}; ${written.length} files in ${o.output}\n`);
    });
}
