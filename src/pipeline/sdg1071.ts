/**
 * SDG indicator 10.7.1 from a profiled recruitment cost survey, for `migstat sdg1071` and the pipeline's `sdg1071`
 * step: the design from the profile, the cost-item table, the exchange rates (and deflator) read, src/sdg1071
 * `computeSdg1071`, and the run metadata (inputs with SHA-256, every choice, exclusions by reason).
 */
import { obsStatusOf } from '../indicators/reliability.js';
import type { ProfileResult } from '../profile/apply.js';
import type { LoadedProfile } from '../profile/load.js';
import { INDICATOR_OUTPUT_FORMATS, METADATA_FILE, type WrittenFile, writeFilesAtomically, writeIndicatorOutputs } from '../report/indicator-files.js';
import { type RunExclusion, type RunMetadata, type RunStandards, buildRunMetadata, runMetadataJson, sha256 } from '../report/run-metadata.js';
import { type Sdg1071Result, computeSdg1071 } from '../sdg1071/compute.js';
import { Sdg1071Error } from '../sdg1071/errors.js';
import { type Deflator, readDeflator, readExchangeRates } from '../sdg1071/exchange-rates.js';
import type { Sdg1071Options } from '../sdg1071/options.js';
import { unSdgCsv } from '../sdg1071/un-sdg.js';
import { designFromOptions } from './design-options.js';
import { suppressedExclusions } from './indicators.js';
import { withShownPaths } from './step-files.js';

/** The name of the UN SDG database file in an output folder. */
export const UN_SDG_FILE = 'SL_EMP_RCOST_MO.csv';

/** Output formats: the UN SDG database layout, or the indicator formats of writeIndicatorOutputs. */
export const SDG1071_FORMATS = ['un-sdg', ...INDICATOR_OUTPUT_FORMATS] as const;
export type Sdg1071Format = (typeof SDG1071_FORMATS)[number];

/** A profiled recruitment cost survey and its side files. */
export interface Sdg1071Inputs {
  readonly profilePath: string;
  readonly profile: LoadedProfile;
  readonly applied: ProfileResult;
  /** Data files with their roles (person, costs, ...), for the metadata. */
  readonly files: readonly { readonly path: string; readonly role: string }[];
  readonly exchangeRates: string;
  readonly deflator?: string;
}

export interface Sdg1071Run {
  readonly result: Sdg1071Result;
  readonly metadata: RunMetadata;
  readonly reference: { readonly ref_area: string; readonly source: string; readonly time: string };
  /** The common currency of the amounts. */
  readonly currency: string;
}

/** The survey year of a profile's reference period (`2024`, `2024Q1`, or a date range: the year it starts). */
export function surveyYearOf(period: string | { start: string; end: string }): number {
  const text = typeof period === 'string' ? period : period.start;
  const m = /^(\d{4})/.exec(text);
  if (!m) throw new Sdg1071Error(`the profile's reference period "${text}" has no year: give the survey year`);
  return Number(m[1]);
}

/** The cost-item table of a profiled survey: exactly one table of role cost_item. */
function costTable(inputs: Sdg1071Inputs) {
  const names = Object.keys(inputs.applied.linked);
  if (names.length !== 1) {
    throw new Sdg1071Error(names.length === 0
      ? `the profile ${inputs.profilePath} has no table of role cost_item: SDG 10.7.1 needs the workers' cost items`
      : `the profile ${inputs.profilePath} has ${names.length} cost_item tables (${names.join(', ')}): give one table of cost items`);
  }
  return inputs.applied.linked[names[0]!]!;
}

/**
 * Computes SDG 10.7.1 and its metadata. `shown` maps a file path to the path recorded (relative to a pipeline file);
 * `extra` options are recorded beside the choices.
 */
export async function runSdg1071(
  inputs: Sdg1071Inputs,
  options: Sdg1071Options & { readonly surveyYear?: number; readonly source: string; readonly time?: string },
  record: { readonly options?: Record<string, unknown>; readonly shown?: (path: string) => string } = {},
): Promise<Sdg1071Run> {
  if (!inputs.applied.estimateOptions) throw new Sdg1071Error(`the profile ${inputs.profilePath} has no design: SDG 10.7.1 estimates need its weights (design: weight, strata, psu, ... or replicate_weights)`);
  const costs = costTable(inputs);
  const design = designFromOptions(inputs.applied.table, inputs.applied.estimateOptions as Record<string, unknown>);
  const rates = await readExchangeRates(inputs.exchangeRates);
  const deflator: Deflator | undefined = inputs.deflator ? await readDeflator(inputs.deflator) : undefined;
  const survey = inputs.profile.profile.survey;
  const surveyYear = options.surveyYear ?? surveyYearOf(survey.reference_period);
  const result = computeSdg1071({ workers: inputs.applied.table, costs, design, rates, deflator, country: survey.country, surveyYear }, options);
  const reference = { ref_area: survey.country, source: options.source, time: options.time ?? String(surveyYear) };
  // the ILMS standards do not apply: the record names the SDG 10.7.1 ones instead
  const standards = {
    labourForce: 'not applied', migrantCriterion: 'not applied', informality: 'not applied',
    usualResidence: 'changed country of usual residence for the job (12 months; spec sdg1071.md rule 8)',
    sdg1071: 'SDG 10.7.1 (ILO/World Bank 2018 guidelines; ILO 2019 definition of recruitment fees and related costs); src/sdg1071/README.md',
  } as unknown as RunStandards;
  const exclusions: RunExclusion[] = [
    ...inputs.applied.problems.filter((p) => p.severity === 'warning').map((p) => ({ reason: p.message, count: 0, step: 'profile' })),
    ...result.exclusions.map((e) => ({ reason: `${e.reason} (rule ${e.rule}; weight ${Math.round(e.weight * 1000) / 1000})`, count: e.count, step: 'sdg1071 scope' })),
    ...(result.choices.costItems.unmatched > 0 ? [{ reason: 'cost items of no person record (not used)', count: result.choices.costItems.unmatched, step: 'sdg1071 costs' }] : []),
    ...suppressedExclusions(result.tables.filter((t) => t.measure).flatMap((t) => t.cells), 'count cells'),
  ];
  const meta = await buildRunMetadata({
    inputs: [...inputs.files, { path: inputs.exchangeRates, role: 'exchange rates' }, ...(inputs.deflator ? [{ path: inputs.deflator, role: 'deflator' }] : [])],
    profile: inputs.profilePath,
    options: { ...record.options, sdg1071: result.choices, workers: result.workers },
    standards, exclusions, reference,
  });
  const metadata = record.shown ? withShownPaths(meta, record.shown) : meta;
  return { result, metadata, reference, currency: rates.base };
}

/** The files of a run in a format: the UN SDG database CSV with metadata.json, or the indicator formats. */
export async function writeSdg1071(run: Sdg1071Run, format: Sdg1071Format, outDir: string, percent: boolean): Promise<WrittenFile[]> {
  if (format !== 'un-sdg') {
    const unitMeasure = (t: { indicator: string }) => (t.indicator.endsWith('_MO') ? (percent ? 'PT' : 'MO_EARN') : run.currency);
    return writeIndicatorOutputs(run.result.tables, { format, outDir, ...run.reference, obsStatus: obsStatusOf(), metadata: run.metadata, unitMeasure });
  }
  const bytes = new TextEncoder().encode(unSdgCsv(run.result.unSdgRows));
  const meta: RunMetadata = { ...run.metadata, outputs: [{ file: UN_SDG_FILE, sha256: sha256(bytes), bytes: bytes.length }] };
  const metaBytes = new TextEncoder().encode(runMetadataJson(meta));
  return writeFilesAtomically(outDir, [{ file: UN_SDG_FILE, bytes }, { file: METADATA_FILE, bytes: metaBytes }]);
}
