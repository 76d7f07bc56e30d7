/**
 * Runs a pipeline file: load and validate the file, its inputs and every step's options (all problems at once, before
 * any computation), then each step in the file's order into a staging folder, and only when all succeeded move the
 * outputs into the output folder (stage.ts). `only` runs the named steps and the steps they read, writing only the
 * named ones; `dryRun` stops after the checks.
 */
import type { RunExclusion } from '../report/run-metadata.js';
import { type Pipeline, PipelineError, loadPipeline } from './pipeline-file.js';
import { Progress } from './progress.js';
import { type OutputFile, StagedOutputs } from './stage.js';
import { PIPELINE_STEPS } from './step-list.js';
import type { AnyStep, PipelineContext } from './steps.js';
import { loadInputs } from './survey-input.js';

export interface RunPipelineOptions {
  /** Check the file, inputs, profiles and options; compute and write nothing. */
  readonly dryRun?: boolean;
  /** Run only these steps (and, without writing them, the steps they read). */
  readonly only?: readonly string[];
  /** Write to this folder instead of the pipeline's `output`. */
  readonly output?: string;
  /** Called with each phase's wall time in milliseconds: `check` (loading and checks), each step, `commit`. */
  readonly onTiming?: (phase: string, ms: number) => void;
  /** The progress bar; default none. */
  readonly progress?: (total: number) => Progress;
}

/** What a run did: the steps, the files written (by step), warnings and exclusions. Deterministic: no times. */
export interface RunSummary {
  readonly kind: 'migstat-pipeline-run';
  readonly pipeline: string;
  readonly title: string;
  readonly output: string;
  readonly dryRun: boolean;
  /** Steps whose outputs were written (all listed steps, or those of `only`). */
  readonly written: readonly string[];
  /** Steps computed only because a written step reads their results. */
  readonly computedOnly: readonly string[];
  readonly rounds: readonly string[];
  readonly outputs: readonly { readonly step: string; readonly files: readonly OutputFile[] }[];
  readonly warnings: readonly { readonly step: string; readonly message: string }[];
  readonly exclusions: readonly { readonly step: string; readonly exclusions: readonly RunExclusion[] }[];
}

/** The name of the summary file written in the output folder. */
export const SUMMARY_FILE = 'run-summary.json';

const STEPS: ReadonlyMap<string, AnyStep> = new Map(PIPELINE_STEPS.map((s) => [s.name, s]));

/** Problems of the step list: needed steps missing or listed after their readers, unknown `only` names. */
function planSteps(p: Pipeline, only: readonly string[] | undefined): { run: Set<string>; write: Set<string>; problems: string[] } {
  const problems: string[] = [];
  const listed = p.steps.map((s) => s.name);
  p.steps.forEach((s, k) => {
    for (const need of STEPS.get(s.name)!.needs(s.options, listed)) {
      const at = listed.indexOf(need);
      if (at < 0) problems.push(`${s.where}: step ${s.name} reads the results of step ${need}, which the pipeline does not list: add it to steps`);
      else if (at > k) problems.push(`${s.where}: step ${s.name} reads the results of step ${need}, listed after it: list ${need} first`);
    }
  });
  for (const name of only ?? []) if (!listed.includes(name)) problems.push(`--only ${name}: not a step of this pipeline; its steps: ${listed.join(', ')}`);
  const write = new Set(only?.length ? only : listed);
  const run = new Set<string>();
  const add = (name: string): void => {
    if (run.has(name) || !listed.includes(name)) return;
    run.add(name);
    const entry = p.steps.find((s) => s.name === name)!;
    for (const need of STEPS.get(name)!.needs(entry.options, listed)) add(need);
  };
  for (const name of write) add(name);
  return { run, write, problems };
}

/** Runs (or with `dryRun` checks) the pipeline file; throws PipelineError before computing anything when it cannot run. */
export async function runPipeline(file: string, options: RunPipelineOptions = {}): Promise<RunSummary> {
  let clock = performance.now();
  const lap = (phase: string): void => {
    const now = performance.now();
    options.onTiming?.(phase, now - clock);
    clock = now;
  };
  const loaded = loadPipeline(file, STEPS);
  const pipeline = options.output === undefined ? loaded : { ...loaded, output: options.output };
  const plan = planSteps(pipeline, options.only);
  const { inputs, problems } = await loadInputs(pipeline);
  problems.unshift(...plan.problems);
  for (const s of pipeline.steps) problems.push(...(await STEPS.get(s.name)!.check(pipeline, inputs, s.options, s.where)));
  if (problems.length > 0) throw new PipelineError(problems, `pipeline ${file}: ${problems.length} problem${problems.length > 1 ? 's' : ''}; nothing was computed`);
  lap('check');
  const warnings: { step: string; message: string }[] = [];
  const exclusions: { step: string; exclusions: RunExclusion[] }[] = [];
  const base = {
    kind: 'migstat-pipeline-run' as const, pipeline: file, title: pipeline.title, output: pipeline.output, dryRun: options.dryRun === true,
    written: pipeline.steps.map((s) => s.name).filter((n) => plan.write.has(n)),
    computedOnly: pipeline.steps.map((s) => s.name).filter((n) => plan.run.has(n) && !plan.write.has(n)),
    rounds: inputs.rounds.map((r) => r.label),
  };
  if (options.dryRun) return { ...base, outputs: [], warnings, exclusions };
  const entries = pipeline.steps.filter((s) => plan.run.has(s.name));
  const progress = options.progress?.(entries.reduce((a, s) => a + STEPS.get(s.name)!.units(pipeline, s.options), 0)) ?? new Progress(0, undefined);
  const stage = await StagedOutputs.open(pipeline.output);
  const context: PipelineContext = {
    pipeline, inputs, results: new Map(), stage, progress,
    warn: (step, message) => warnings.push({ step, message }),
    exclude: (step, list) => void exclusions.push({ step, exclusions: [...list] }),
    reportParts: () => entries.filter((s) => context.results.has(s.name)).map((s) => STEPS.get(s.name)!.report?.(context.results.get(s.name)) ?? {}),
  };
  try {
    for (const entry of entries) {
      progress.begin(entry.name);
      try {
        context.results.set(entry.name, await STEPS.get(entry.name)!.run(context, entry.options));
        lap(entry.name);
      } catch (e) {
        if (e instanceof Error) e.message = `step ${entry.name} failed, no output was changed: ${e.message}`;
        throw e;
      }
    }
    const order = pipeline.steps.map((e) => e.name);
    const outputs = (await stage.files(plan.write)).sort((a, b) => order.indexOf(a.step) - order.indexOf(b.step));
    const summary: RunSummary = { ...base, outputs, warnings, exclusions };
    stage.claim(SUMMARY_FILE, 'run');
    await stage.write(SUMMARY_FILE, `${JSON.stringify({ ...summary, pipeline: undefined, output: undefined }, null, 2)}\n`);
    await stage.commit(new Set([...plan.write, 'run']));
    lap('commit');
    return summary;
  } catch (e) {
    await stage.discard();
    throw e;
  } finally {
    progress.end();
  }
}

/** The summary as lines of text: files written per step, warnings, exclusions. */
export function formatRunSummary(s: RunSummary): string {
  const lines: string[] = [];
  if (s.dryRun) {
    lines.push(`${s.pipeline}: valid. Steps: ${s.written.join(', ')}${s.computedOnly.length ? ` (computed for them: ${s.computedOnly.join(', ')})` : ''}; rounds: ${s.rounds.join(', ') || 'none'}; output: ${s.output}. Nothing computed (dry run).`);
    return lines.join('\n');
  }
  lines.push(`${s.title}: ${s.outputs.reduce((a, o) => a + o.files.length, 0)} files in ${s.output}`);
  const root = (file: string): string => {
    const parts = file.split('/');
    return parts.length > 1 ? parts.slice(0, Math.min(2, parts.length - 1)).join('/') : file;
  };
  for (const o of s.outputs) lines.push(`  ${o.step}: ${o.files.length} files (${[...new Set(o.files.map((f) => root(f.file)))].join(', ')})`);
  if (s.computedOnly.length) lines.push(`  computed, not written: ${s.computedOnly.join(', ')}`);
  if (s.warnings.length) lines.push(`warnings (${s.warnings.length}):`, ...s.warnings.map((w) => `  ${w.step}: ${w.message}`));
  const ex = s.exclusions.flatMap((e) => e.exclusions.filter((x) => x.count > 0).map((x) => `  ${e.step}: ${x.reason}: ${x.count}`));
  if (ex.length) lines.push(`exclusions (${ex.length}):`, ...ex);
  lines.push(`summary: ${SUMMARY_FILE}`);
  return lines.join('\n');
}
