/**
 * The survey steps of a pipeline: `indicators` (the tables of each round), `annual` (pooled estimates of the rounds)
 * and `change` (last round minus first, with the overlap in the variance). Each writes its tables in every format asked
 * for, each format in its own folder with its metadata.json, under `tables/<round>`, `tables/annual-<time>` and
 * `tables/change-<first>-<last>`.
 */
import { z } from 'zod';
import { MIGRANT_CRITERIA } from '../concepts/migrant-status.js';
import { INDICATOR_SETS, resolveCriterion } from '../indicators/catalogue.js';
import type { IndicatorTable } from '../indicators/cell.js';
import { obsStatusOf } from '../indicators/reliability.js';
import { INDICATOR_OUTPUT_FORMATS, type IndicatorOutputFormat, writeIndicatorOutputs } from '../report/indicator-files.js';
import type { ReportSection } from '../report/report-model.js';
import { type RunExclusion, type RunMetadata, type RunStandards, buildRunMetadata } from '../report/run-metadata.js';
import { designFromOptions } from './design-options.js';
import { type IndicatorRunOptions, runIndicators, runStandards, suppressedExclusions } from './indicators.js';
import type { Pipeline } from './pipeline-file.js';
import { pooledTime, poolRounds, type ProfiledRound, roundChanges } from './rounds.js';
import { relativeTo, withShownPaths } from './step-files.js';
import { type AnyStep, type PipelineContext, type ReportContribution, step } from './steps.js';
import type { SurveyRound } from './survey-input.js';

/** A set of published tables: one round, the pooled rounds or the changes, with the metadata written beside them. */
export interface TableSet {
  /** Folder under `tables/` and anchor in the report: `2024Q1`, `annual-2024`, `change-2024Q1-2024Q2`. */
  readonly id: string;
  readonly heading: string;
  /** ILOSTAT time code of the cells. */
  readonly time: string;
  readonly tables: readonly IndicatorTable[];
  readonly metadata: RunMetadata;
  readonly note?: string;
}

/** Codes of a step's `indicators` not in its set under either migrant criterion. */
function unknownCodes(where: string, stepName: string, o: { set: string; indicators: readonly string[] }): string[] {
  const known = new Set(MIGRANT_CRITERIA.flatMap((c) => (INDICATOR_SETS[o.set] ?? []).map((d) => resolveCriterion(d, c).code)));
  return o.indicators.filter((c) => !known.has(c)).map((c) => `${where}: ${stepName}: indicator ${c} is not in set ${o.set}; its codes: ${[...known].join(', ')}`);
}

const formats = z.array(z.enum(INDICATOR_OUTPUT_FORMATS as readonly [IndicatorOutputFormat, ...IndicatorOutputFormat[]])).min(1).default([...INDICATOR_OUTPUT_FORMATS]);
const selection = {
  set: z.string().refine((s) => s in INDICATOR_SETS, { message: `unknown indicator set; sets: ${Object.keys(INDICATOR_SETS).join(', ')}` }).default('ilms-core'),
  indicators: z.array(z.string().regex(/^[A-Z0-9_]+$/)).default([]),
  formats,
};

/** The run options of the pipeline (standards, quality and disclosure control) and a step's indicator selection. */
function runOptions(p: Pipeline, o: { set: string; indicators: readonly string[] }): IndicatorRunOptions {
  const x = p.options;
  return {
    set: o.set, codes: o.indicators, criterion: x.criterion, standard: x.standard.toUpperCase() as 'ICLS19' | 'ICLS13', residenceRule: x.residence_rule,
    level: x.level, reliability: x.reliability, suppression: x.suppression,
  };
}

/** Profile warnings of the rounds, as exclusions of count 0 (they are notes on the data). */
const profileNotes = (rounds: readonly SurveyRound[]): RunExclusion[] =>
  rounds.flatMap((r) => r.applied.problems.filter((p) => p.severity === 'warning').map((p) => ({ reason: p.message, count: 0, step: `profile ${r.label}` })));

/** The input files of rounds with their roles, paths relative to the pipeline file. */
const roundInputs = (rounds: readonly SurveyRound[], many: boolean): { path: string; role: string }[] =>
  rounds.flatMap((r) => Object.entries(r.files).map(([name, path]) => ({ path, role: many ? `${name} ${r.label}` : name })));

/** Builds the metadata with input paths shown relative to the pipeline file (hashes identify them). */
async function metadataOf(p: Pipeline, rounds: readonly SurveyRound[], extra: { options: Record<string, unknown>; standards: RunStandards; exclusions: RunExclusion[]; time: string }): Promise<RunMetadata> {
  const meta = await buildRunMetadata({
    inputs: roundInputs(rounds, rounds.length > 1), profile: rounds[0]!.profilePath, options: extra.options, standards: extra.standards, exclusions: extra.exclusions,
    reference: { ref_area: rounds[0]!.profile.profile.survey.country, source: p.survey!.source, time: extra.time },
  });
  return withShownPaths(meta, relativeTo(p.dir));
}

/** Writes a table set in each format, `tables/<id>/<format>/`, and returns it. */
async function publish(ctx: PipelineContext, stepName: string, set: TableSet, fmts: readonly IndicatorOutputFormat[]): Promise<TableSet> {
  const dir = ctx.stage.claim(`tables/${set.id}`, stepName);
  const reference = set.metadata.reference!;
  for (const format of fmts) {
    await writeIndicatorOutputs(set.tables, { format, outDir: `${dir}/${format}`, ...reference, obsStatus: obsStatusOf(), metadata: set.metadata });
    ctx.progress.tick(`${set.id} ${format}`);
  }
  return set;
}

/** The heading of a round's tables by its period: quarterly, monthly or annual estimates. */
const periodHeading = (label: string): string => (label.includes('Q') ? 'Quarterly estimates' : label.includes('M') ? 'Monthly estimates' : 'Annual estimates');

/** What a table set adds to the report: its section, its note, exclusions (named by the set) and inputs. */
const contribution = (sets: readonly TableSet[]): ReportContribution => ({
  sections: sets.map((set): ReportSection => ({ id: set.id, heading: set.heading, time: set.time, tables: set.tables, ...(set.note ? { note: set.note } : {}) })),
  notes: sets.filter((s) => s.note).map((s) => `${s.heading}: ${s.note}`),
  exclusions: sets.flatMap((s) => s.metadata.exclusions.map((e) => ({ ...e, step: e.step ? `${s.id}: ${e.step}` : s.id }))),
  inputs: sets.flatMap((s) => s.metadata.inputs),
});

/** The round a publication is about: the one named, else the last round computed. */
export function mainSet(sets: readonly TableSet[], round: string | undefined): TableSet {
  return (round === undefined ? sets.at(-1) : sets.find((s) => s.id === round)) ?? sets.at(-1)!;
}

const profiled = (r: SurveyRound): ProfiledRound => ({ table: r.applied.table, label: r.label, profile: r.profile, design: r.applied.estimateOptions });

const needSurvey = (p: Pipeline, min: number, what: string): string[] => {
  const n = p.survey?.rounds.length ?? 0;
  return n >= min ? [] : [`${p.locate(['inputs'])}: ${what} needs inputs.survey with ${min > 1 ? `at least ${min} rounds` : 'a round'} (given: ${n})`];
};

/** Rounds stacked for pooling or changes need the Taylor design: replicate weights of separate rounds do not stack (rounds.ts). */
const needTaylor = (p: Pipeline, rounds: readonly SurveyRound[], what: string): string[] =>
  rounds.filter((r) => r.profile.profile.design?.replicate_weights || r.profile.profile.design?.replicates).map((r) =>
    `${p.locate(['inputs', 'survey', 'rounds', p.survey!.rounds.findIndex((x) => x.label === r.label), 'profile'])}: round ${r.label}: ${what} stacks the rounds, which needs the profile's Taylor design (weight, strata, psu, fpc), but ${r.profilePath} uses replicate weights; give a profile without replicate weights for this round`);

const indicators = step({
  name: 'indicators',
  summary: 'indicator tables of each survey round (ILMS core set), with reliability flags and disclosure control',
  options: z.strictObject({ ...selection, rounds: z.array(z.string()).min(1).optional() }),
  needs: () => [],
  check: (p, _rounds, o, where) => [
    ...needSurvey(p, 1, 'the indicators step'), ...unknownCodes(where, 'indicators', o),
    ...(o.rounds ?? []).filter((l) => !p.survey?.rounds.some((r) => r.label === l)).map((l) => `${where}: indicators: round ${l} is not among inputs.survey.rounds (${p.survey?.rounds.map((r) => r.label).join(', ') ?? 'none'})`),
  ],
  units: (p, o) => (o.rounds?.length ?? p.survey?.rounds.length ?? 0) * (1 + o.formats.length),
  async run(ctx, o) {
    const sets: TableSet[] = [];
    for (const round of ctx.inputs.rounds.filter((r) => !o.rounds || o.rounds.includes(r.label))) {
      const design = designFromOptions(round.applied.table, round.applied.estimateOptions!);
      const run = runIndicators(round.profile, round.applied.table, design, runOptions(ctx.pipeline, o));
      ctx.progress.tick(`${round.label} computed`);
      const d = run.derivation;
      const exclusions = [
        ...profileNotes([round]), ...d.exclusions.map((e) => ({ ...e, step: 'concepts' })),
        ...suppressedExclusions(run.suppression.suppressed, 'count cells'),
      ];
      ctx.exclude(`indicators ${round.label}`, exclusions);
      const metadata = await metadataOf(ctx.pipeline, [round], { options: { set: o.set, indicators: o.indicators, ...ctx.pipeline.options }, standards: runStandards(d), exclusions, time: round.label });
      sets.push(await publish(ctx, 'indicators', { id: round.label, heading: periodHeading(round.label), time: round.label, tables: run.tables, metadata }, o.formats));
    }
    return sets;
  },
  report: (result) => contribution(result as TableSet[]),
});

const annual = step({
  name: 'annual',
  summary: 'pooled (annual) estimates of the survey rounds, weights divided by the number of rounds',
  options: z.strictObject({ ...selection, time: z.string().regex(/^\d{4}([A-Z]\d{1,2})?$/).optional() }),
  needs: () => [],
  check: (p, inputs, o, where) => {
    const problems = [...needSurvey(p, 2, 'the annual step'), ...needTaylor(p, inputs.rounds, 'the annual step'), ...unknownCodes(where, 'annual', o)];
    if (problems.length === 0) {
      try {
        pooledTime(p.survey!.rounds.map((r) => r.label), o.time);
      } catch (e) {
        problems.push(`${where}: annual: ${(e as Error).message}`);
      }
    }
    return problems;
  },
  units: (_p, o) => 1 + o.formats.length,
  async run(ctx, o) {
    const labels = ctx.inputs.rounds.map((r) => r.label);
    const { time, note } = pooledTime(labels, o.time);
    if (note) ctx.warn('annual', note);
    const pooled = poolRounds(ctx.inputs.rounds.map(profiled), runOptions(ctx.pipeline, o));
    ctx.progress.tick('pooled');
    const d = pooled.derivation;
    const exclusions = [
      ...profileNotes(ctx.inputs.rounds), ...d.exclusions.map((e) => ({ ...e, step: 'concepts (all rounds)' })),
      ...suppressedExclusions(pooled.suppression.suppressed, 'count cells'),
    ];
    ctx.exclude('annual', exclusions);
    const pooling = `round weights divided by ${labels.length} (average of the rounds ${labels.join(', ')}); Taylor linearisation on the stacked rounds, strata and PSUs shared across rounds`;
    const metadata = await metadataOf(ctx.pipeline, ctx.inputs.rounds, { options: { set: o.set, indicators: o.indicators, mode: 'annual', pooling, ...ctx.pipeline.options }, standards: runStandards(d), exclusions, time });
    return publish(ctx, 'annual', { id: `annual-${time}`, heading: `Annual estimates, pooled rounds ${labels.join(', ')}`, time, tables: pooled.tables, metadata, note: note ?? pooling }, o.formats);
  },
  report: (result) => contribution([result as TableSet]),
});

const change = step({
  name: 'change',
  summary: 'changes from the first to the last survey round, with standard errors that account for the overlap',
  options: z.strictObject(selection),
  needs: () => [],
  check: (p, inputs, o, where) => [...needSurvey(p, 2, 'the change step'), ...needTaylor(p, inputs.rounds, 'the change step'), ...unknownCodes(where, 'change', o)],
  units: (_p, o) => 1 + o.formats.length,
  async run(ctx, o) {
    const changes = roundChanges(ctx.inputs.rounds.map(profiled), runOptions(ctx.pipeline, o));
    ctx.progress.tick('changes');
    const d = changes.derivation;
    const exclusions = [...profileNotes(ctx.inputs.rounds), ...d.exclusions.map((e) => ({ ...e, step: 'concepts (all rounds)' })), ...suppressedExclusions(changes.tables.flatMap((t) => t.cells), 'change cells')];
    ctx.exclude('change', exclusions);
    for (const s of changes.skipped) ctx.warn('change', `${s.indicator}: no change table (${s.reason})`);
    const what = `${changes.last} minus ${changes.first}`;
    const metadata = await metadataOf(ctx.pipeline, ctx.inputs.rounds, { options: { set: o.set, indicators: o.indicators, mode: 'change', change: what, notComputed: changes.skipped, ...ctx.pipeline.options }, standards: runStandards(d), exclusions, time: changes.last });
    const note = `Changes ${what} (rates in percentage points); Taylor linearisation on the stacked rounds, so the covariance of the overlapping sample is in the standard errors; calibration is not re-done in the variance (conservative).`;
    return publish(ctx, 'change', { id: `change-${changes.first}-${changes.last}`, heading: `Change from ${changes.first} to ${changes.last}`, time: changes.last, tables: changes.tables, metadata, note }, o.formats);
  },
  report: (result) => contribution([result as TableSet]),
});

/** The survey steps, in the order they run when listed together. */
export const SURVEY_STEPS: readonly AnyStep[] = [indicators, annual, change];
