/**
 * Pipeline files: a YAML (or JSON) document naming the inputs, the options of the standards and of disclosure control,
 * the steps to run and the output folder. Loading parses and validates it (zod) and resolves every path against the
 * file's folder; every problem is reported at once with its `file:line:col` and key, before anything is computed.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { MIGRANT_CRITERIA } from '../concepts/migrant-status.js';
import { RESIDENCE_RULES } from '../concepts/usual-residence.js';
import { ReliabilityPolicyInputSchema } from '../indicators/reliability.js';
import { SuppressionPolicyInputSchema } from '../indicators/suppression.js';
import { InputError } from '../io/errors.js';
import { yamlLocator } from '../profile/load.js';
import { ROUND_LABEL } from './rounds.js';
import { type StepDefinition } from './steps.js';

/** A pipeline file that cannot be run: every problem with its position, key and what was expected. */
export class PipelineError extends InputError {
  constructor(
    readonly problems: readonly string[],
    headline: string,
  ) {
    super([headline, ...problems.slice(0, 30), ...(problems.length > 30 ? [`... and ${problems.length - 30} more problems`] : [])].join('\n'));
  }
}

/** One round of a survey: its label (ILOSTAT time code), profile and data files by the profile's table names. */
const RoundSchema = z.strictObject({
  label: z.string().regex(ROUND_LABEL, 'expected an ILOSTAT time code: 2024, 2024Q1 or 2024M03'),
  profile: z.string().min(1),
  tables: z.record(z.string().min(1), z.string().min(1)).refine((t) => Object.keys(t).length > 0, 'give the data file of each table of the profile'),
});

/** The survey input: a labour force survey in one or more rounds (quarters), with its ILOSTAT source code. */
const SurveySchema = z.strictObject({
  name: z.string().min(1).optional(),
  source: z.string().regex(/^[A-Z]{2}:\d+$/, 'expected an ILOSTAT source code TYPE:ID, e.g. BA:1234').default('BA:0'),
  rounds: z.array(RoundSchema).min(1),
});

/** Options of the standards and of quality and disclosure control, shared by every step. */
const OptionsSchema = z.strictObject({
  criterion: z.enum(MIGRANT_CRITERIA as readonly ['birth', 'citizenship']).optional(),
  standard: z.enum(['icls19', 'icls13']).default('icls19'),
  residence_rule: z.enum(RESIDENCE_RULES as readonly ['12-months', '6-months']).default('12-months'),
  level: z.number().gt(0).lt(1).default(0.95),
  reliability: ReliabilityPolicyInputSchema.default('ilo'),
  suppression: SuppressionPolicyInputSchema.default({}),
});

/** The recruitment cost survey (SDG 10.7.1): profile, data files, exchange rates and an optional deflator. */
const RecruitmentCostSchema = z.strictObject({
  name: z.string().min(1).optional(),
  source: z.string().regex(/^[A-Z]{2}:\d+$/, 'expected an ILOSTAT source code TYPE:ID, e.g. XX:0').default('XX:0'),
  profile: z.string().min(1),
  tables: z.record(z.string().min(1), z.string().min(1)),
  /** CSV `currency,month,rate,base`: units of currency per unit of the base currency, monthly. */
  exchange_rates: z.string().min(1),
  /** CSV `year,index`, for constant prices. */
  deflator: z.string().min(1).optional(),
});

/** Administrative registers read through a register profile, with an optional person key from a keys file (e.g. a linkage result). */
const RegistersSchema = z.strictObject({
  name: z.string().min(1).optional(),
  source: z.string().regex(/^[A-Z]{2}:\d+$/, 'expected an ILOSTAT source code TYPE:ID, e.g. XA:0').default('XA:0'),
  profile: z.string().min(1),
  /** Data file of each register table of the profile. */
  files: z.record(z.string().min(1), z.string().min(1)),
  /** A standard identifier, a column of the registers, or with `keys` a column of the keys file. */
  person_key: z.string().min(1).optional(),
  keys: z.strictObject({ file: z.string().min(1), id: z.string().min(1).default('row_id') }).optional(),
  /** End date before start date: error (default), drop or swap (counted). */
  fix_reversed: z.enum(['error', 'drop', 'swap']).default('error'),
});

/** A policy coherence assessment: stakeholders' responses, the rubric (default the ILO rubric) and an interaction matrix. */
const CoherenceSchema = z.strictObject({
  name: z.string().min(1).optional(),
  responses: z.string().min(1),
  rubric: z.string().min(1).optional(),
  matrix: z.string().min(1).optional(),
});

/** Country submissions (templates, ILOSTAT or migstat outputs) and benchmark tables for the regional observatory. */
const ObservatorySchema = z.strictObject({
  files: z.array(z.string().min(1)).min(1),
});

/** A respondent-driven sample in recruiter-id format (seeds: recruiter empty or `seed`). */
const RdsInputSchema = z.strictObject({
  name: z.string().min(1).optional(),
  file: z.string().min(1),
  id: z.string().min(1),
  recruiter: z.string().min(1),
  degree: z.string().min(1),
  /** Categorical outcomes (one estimate per level). */
  outcomes: z.array(z.string().min(1)).min(1),
  population_size: z.number().int().positive().optional(),
});

const FileSchema = z.strictObject({
  pipeline: z.literal(1, 'expected `pipeline: 1` (the version of the pipeline file layout)'),
  title: z.string().min(1),
  /** Where the outputs go, relative to the pipeline file. */
  output: z.string().min(1),
  /** The source note of charts and the report, e.g. "Source: Atlantis LFS 2024, migstat estimates". */
  source_note: z.string().min(1).optional(),
  inputs: z.strictObject({ survey: SurveySchema.optional(), recruitment_costs: RecruitmentCostSchema.optional(), rds: RdsInputSchema.optional(), registers: RegistersSchema.optional(), coherence: CoherenceSchema.optional(), observatory: ObservatorySchema.optional() }),
  options: OptionsSchema.default(OptionsSchema.parse({})),
  steps: z.array(z.looseObject({ step: z.string() })).min(1),
});

export type PipelineOptions = z.infer<typeof OptionsSchema>;
export type SurveyInput = z.infer<typeof SurveySchema>;
export type RecruitmentCostInput = z.infer<typeof RecruitmentCostSchema>;
export type RdsInput = z.infer<typeof RdsInputSchema>;
export type RegistersInput = z.infer<typeof RegistersSchema>;
export type CoherenceInput = z.infer<typeof CoherenceSchema>;
export type ObservatoryInput = z.infer<typeof ObservatorySchema>;

/** A step as the file gives it: its name and its validated options. */
export interface PipelineStepEntry {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** `file:line:col` of the entry, for messages. */
  readonly where: string;
}

/** A loaded pipeline: every path absolute. */
export interface Pipeline {
  readonly file: string;
  readonly dir: string;
  readonly title: string;
  readonly output: string;
  readonly sourceNote: string;
  readonly survey?: SurveyInput;
  readonly recruitmentCosts?: RecruitmentCostInput;
  readonly rds?: RdsInput;
  readonly registers?: RegistersInput;
  readonly coherence?: CoherenceInput;
  readonly observatory?: ObservatoryInput;
  readonly options: PipelineOptions;
  readonly steps: readonly PipelineStepEntry[];
  /** `file:line:col` of a key path, for messages of later checks. */
  locate(path: readonly (string | number)[]): string;
}

/** Register input paths resolved. */
const registersOf = (r: RegistersInput, abs: (f: string) => string): RegistersInput => ({
  ...r, profile: abs(r.profile), files: Object.fromEntries(Object.entries(r.files).map(([n, f]) => [n, abs(f)])), ...(r.keys ? { keys: { ...r.keys, file: abs(r.keys.file) } } : {}),
});

/** Coherence input paths resolved. */
const coherenceOf = (c: CoherenceInput, abs: (f: string) => string): CoherenceInput => ({
  ...c, responses: abs(c.responses), ...(c.rubric ? { rubric: abs(c.rubric) } : {}), ...(c.matrix ? { matrix: abs(c.matrix) } : {}),
});

const keyPath = (path: readonly PropertyKey[]): string => (path.length === 0 ? '(top level)' : path.map(String).join('.'));

/** Reads and validates a pipeline file; steps are validated with the options schema of their definition in `steps`. */
export function loadPipeline(file: string, steps: ReadonlyMap<string, StepDefinition>): Pipeline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PipelineError([`${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`], `pipeline ${file}: cannot be read`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: true });
  const faults = [...doc.errors, ...doc.warnings];
  if (faults.length > 0) {
    throw new PipelineError(faults.map((e) => `${file}:${e.linePos?.[0]?.line ?? 1}:${e.linePos?.[0]?.col ?? 1}: ${e.message.split('\n')[0]}`), `pipeline ${file}: not valid YAML`);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new PipelineError([`${file}:1:1: a pipeline is a mapping of keys (pipeline:, title:, inputs:, steps:, ...)`], `pipeline ${file}: invalid`);
  const locate = yamlLocator(file, doc, lines, data as Record<string, unknown>);
  const problems: string[] = [];
  const report = (path: readonly PropertyKey[], message: string): void => {
    problems.push(`${locate(path.map((p) => (typeof p === 'number' ? p : String(p))))}: ${keyPath(path)}: ${message}`);
  };
  const parsed = FileSchema.safeParse(data);
  if (!parsed.success) {
    for (const i of parsed.error.issues) report(i.code === 'unrecognized_keys' ? [...i.path, i.keys[0]!] : i.path, i.message);
    throw new PipelineError(problems, `pipeline ${file}: ${problems.length} problem${problems.length > 1 ? 's' : ''}`);
  }
  const p = parsed.data;
  const entries: PipelineStepEntry[] = [];
  p.steps.forEach((raw, k) => {
    const def = steps.get(raw.step);
    if (!def) return report(['steps', k, 'step'], `unknown step "${raw.step}"; steps: ${[...steps.keys()].join(', ')}`);
    const o = def.options.safeParse(Object.fromEntries(Object.entries(raw).filter(([key]) => key !== 'step')));
    if (!o.success) for (const i of o.error.issues) report(['steps', k, ...(i.code === 'unrecognized_keys' ? [...i.path, i.keys[0]!] : i.path)], i.message);
    else entries.push({ name: def.name, options: o.data as Record<string, unknown>, where: locate(['steps', k]) });
  });
  const names = p.steps.map((s) => s.step);
  names.forEach((n, k) => {
    if (names.indexOf(n) !== k) report(['steps', k, 'step'], `step "${n}" is listed twice`);
  });
  const labels = p.inputs.survey?.rounds.map((r) => r.label) ?? [];
  labels.forEach((l, k) => {
    if (labels.indexOf(l) !== k) report(['inputs', 'survey', 'rounds', k, 'label'], `round ${l} is listed twice`);
  });
  if (problems.length > 0) throw new PipelineError(problems, `pipeline ${file}: ${problems.length} problem${problems.length > 1 ? 's' : ''}`);
  const dir = dirname(file);
  const abs = (f: string): string => (isAbsolute(f) ? f : join(dir, f));
  const survey = p.inputs.survey && {
    ...p.inputs.survey,
    rounds: p.inputs.survey.rounds.map((r) => ({ ...r, profile: abs(r.profile), tables: Object.fromEntries(Object.entries(r.tables).map(([n, f]) => [n, abs(f)])) })),
  };
  const rc = p.inputs.recruitment_costs;
  const recruitmentCosts = rc && {
    ...rc, profile: abs(rc.profile), exchange_rates: abs(rc.exchange_rates), ...(rc.deflator ? { deflator: abs(rc.deflator) } : {}),
    tables: Object.fromEntries(Object.entries(rc.tables).map(([n, f]) => [n, abs(f)])),
  };
  return {
    file, dir, title: p.title, output: abs(p.output), sourceNote: p.source_note ?? `Source: ${survey?.name ?? p.title}; migstat estimates`,
    ...(survey ? { survey } : {}), ...(recruitmentCosts ? { recruitmentCosts } : {}), ...(p.inputs.rds ? { rds: { ...p.inputs.rds, file: abs(p.inputs.rds.file) } } : {}),
    ...(p.inputs.registers ? { registers: registersOf(p.inputs.registers, abs) } : {}),
    ...(p.inputs.coherence ? { coherence: coherenceOf(p.inputs.coherence, abs) } : {}),
    ...(p.inputs.observatory ? { observatory: { files: p.inputs.observatory.files.map(abs) } } : {}), options: p.options, steps: entries, locate,
  };
}
