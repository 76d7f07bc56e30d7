/**
 * What a pipeline step is: a name, the schema of its options in the pipeline file, the steps whose results it reads,
 * a check made before anything is computed, and the run that computes its results and writes its outputs into the
 * run's staging folder. Steps of later modules (SDG 10.7.1, registers, sampling, observatory, coherence) are added to
 * the list in step-list.ts; the runner, the schema of the file and the report take them as they are.
 */
import type { z } from 'zod';
import type { ReportChart, ReportSection } from '../report/report-model.js';
import type { RunExclusion, RunFile } from '../report/run-metadata.js';
import type { Pipeline } from './pipeline-file.js';
import type { Progress } from './progress.js';
import type { StagedOutputs } from './stage.js';
import type { LoadedInputs } from './survey-input.js';

/** Everything a step sees: the pipeline, its validated inputs, the results of the steps before it, and where to write. */
export interface PipelineContext {
  readonly pipeline: Pipeline;
  /** The inputs, read and checked against their profiles. */
  readonly inputs: LoadedInputs;
  /** Results of the steps run so far, by step name. */
  readonly results: Map<string, unknown>;
  readonly stage: StagedOutputs;
  readonly progress: Progress;
  /** Warnings and exclusions for the run's summary. */
  warn(step: string, message: string): void;
  exclude(step: string, exclusions: readonly RunExclusion[]): void;
  /** What the steps run so far add to the report, in the pipeline's order. */
  reportParts(): ReportContribution[];
}

export interface StepDefinition<O = Record<string, unknown>> {
  readonly name: string;
  /** One line for `--help` and messages. */
  readonly summary: string;
  /** Options of the step in the pipeline file (a strict zod object; defaults filled in). */
  readonly options: z.ZodType<O>;
  /** Steps whose results this one reads, given the steps the pipeline lists; they must be listed before it. */
  needs(options: O, listed: readonly string[]): readonly string[];
  /** Checks against the loaded inputs, before anything is computed: problems as messages (empty when fine); `where` is the step's `file:line:col`. */
  check(pipeline: Pipeline, inputs: LoadedInputs, options: O, where: string): string[] | Promise<string[]>;
  /** How many progress units `run` reports. */
  units(pipeline: Pipeline, options: O): number;
  /** Computes the step's results (stored under its name) and writes its outputs into the stage. */
  run(context: PipelineContext, options: O): Promise<unknown>;
  /** What the step's result adds to the report; steps without it add nothing. */
  report?(result: unknown): ReportContribution;
}

/** What a step's result adds to the report: sections of tables, charts, notes for the methodology. */
export interface ReportContribution {
  readonly sections?: readonly ReportSection[];
  readonly charts?: readonly ReportChart[];
  readonly notes?: readonly string[];
  /** Records and cells left out, and the input files read, for the methodology. */
  readonly exclusions?: readonly RunExclusion[];
  readonly inputs?: readonly RunFile[];
}

/** A step definition with its options type erased, for the registry. */
export type AnyStep = StepDefinition<Record<string, unknown>>;

/** Registers a typed step definition in a list of steps. */
export const step = <O>(definition: StepDefinition<O>): AnyStep => definition as unknown as AnyStep;
