/**
 * A rubric as data: dimensions of policy coherence, questions with their scoring scale and the evidence each requires,
 * weights, the aggregation rule, and the outcome indicators linked to dimensions. Read from YAML (or JSON) and validated
 * with zod; every problem names the file, the key with its `line:col`, and what is wrong (CoherenceError).
 * The default rubric (rubrics/ilo-default.ts) cites for each question the ILO instrument it draws on.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { yamlLocator } from '../profile/load.js';
import { CoherenceError, type CoherenceProblem } from './errors.js';
import { ILO_DEFAULT_RUBRIC_YAML } from './rubrics/ilo-default.js';

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'expected an identifier: a letter, then letters, digits, _ . -');
const weight = z.number().positive('a weight is a number > 0');

const scaleSchema = z.strictObject({
  min: z.number().int('scale bounds are whole numbers'),
  max: z.number().int('scale bounds are whole numbers'),
  /** What each score means: `0: No policy ...`. */
  anchors: z.record(z.string(), z.string().min(1)).optional(),
});

const questionSchema = z.strictObject({
  id,
  text: z.string().min(1),
  weight: weight.default(1),
  /** The evidence an assessor is asked to cite for a score. */
  evidence: z.array(z.string().min(1)).default([]),
  /** Instruments the question draws on. */
  sources: z.array(z.string().min(1)).default([]),
  scale: scaleSchema.optional(),
});

const dimensionSchema = z.strictObject({
  id,
  title: z.string().min(1),
  weight: weight.default(1),
  questions: z.array(questionSchema).min(1, 'a dimension has at least one question'),
});

const aggregationSchema = z.strictObject({
  assessors: z.enum(['equal-groups', 'equal-assessors']).default('equal-groups'),
  question: z.literal('weighted-mean').default('weighted-mean'),
  dimension: z.literal('weighted-mean').default('weighted-mean'),
  overall: z.literal('weighted-mean').default('weighted-mean'),
  min_answered_share: z.number().min(0).max(1).default(0.5),
  min_weight_share: z.number().min(0).max(1).default(0.5),
  low_score: z.number().min(0).max(100).default(50),
});

const evidenceSchema = z.strictObject({
  id,
  dimension: id,
  label: z.string().min(1),
  /** Indicator code; `{MIG}` stands for the migrant criterion code found in the rows (CBR, else CCT). */
  indicator: z.string().min(1),
  kind: z.enum(['value', 'migrant-gap']).default('value'),
  sex: z.string().default('SEX_T'),
  unit: z.string().min(1),
  /** Which side of the threshold (or which direction of change) is adverse. */
  adverse: z.enum(['above', 'below']),
  threshold: z.number().optional(),
});

export const rubricSchema = z.strictObject({
  rubric: z.literal(1, 'expected rubric: 1 (the version of the rubric format)'),
  id,
  title: z.string().min(1),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  scale: scaleSchema,
  aggregation: aggregationSchema.default(aggregationSchema.parse({})),
  dimensions: z.array(dimensionSchema).min(1, 'a rubric has at least one dimension'),
  evidence: z.array(evidenceSchema).default([]),
});

export type RubricData = z.infer<typeof rubricSchema>;
export type RubricScale = z.infer<typeof scaleSchema>;
export type RubricQuestion = z.infer<typeof questionSchema>;
export type RubricDimension = z.infer<typeof dimensionSchema>;
export type RubricAggregation = z.infer<typeof aggregationSchema>;
export type EvidenceLink = z.infer<typeof evidenceSchema>;

/** A validated rubric, with the file it came from and where each key is written. */
export interface Rubric extends RubricData {
  /** The file (or `<ilo-default>` for the built-in rubric). */
  readonly source: string;
  /** `file:line:col` of a key path. */
  readonly locate: (path: readonly (string | number)[]) => string;
}

/** A question with its dimension and its own scale (the rubric's unless it gives one). */
export interface QuestionRef {
  readonly question: RubricQuestion;
  readonly dimension: RubricDimension;
  readonly scale: RubricScale;
}

/** The questions of a rubric by id. */
export function questionIndex(rubric: RubricData): Map<string, QuestionRef> {
  const out = new Map<string, QuestionRef>();
  for (const dimension of rubric.dimensions) for (const question of dimension.questions) out.set(question.id, { question, dimension, scale: question.scale ?? rubric.scale });
  return out;
}

const keyPath = (path: readonly (string | number)[]): string => (path.length === 0 ? '(top level)' : path.map(String).join('.'));

/** Checks zod cannot express: unique ids, scales with min < max and anchors inside them, evidence naming a dimension. */
function crossCheck(r: RubricData): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const checkScale = (s: RubricScale, path: (string | number)[]): void => {
    if (s.min >= s.max) issues.push({ path: [...path, 'max'], message: `scale max (${s.max}) must be greater than min (${s.min})` });
    for (const k of Object.keys(s.anchors ?? {})) {
      const v = Number(k);
      if (!Number.isInteger(v) || v < s.min || v > s.max) issues.push({ path: [...path, 'anchors', k], message: `anchor ${k} is not a whole score of the scale ${s.min}..${s.max}` });
    }
  };
  checkScale(r.scale, ['scale']);
  const dims = new Map<string, number>();
  const questions = new Map<string, string>();
  r.dimensions.forEach((d, i) => {
    if (dims.has(d.id)) issues.push({ path: ['dimensions', i, 'id'], message: `dimension id "${d.id}" is used twice (also dimensions.${dims.get(d.id)})` });
    else dims.set(d.id, i);
    d.questions.forEach((q, j) => {
      const at = `dimensions.${i}.questions.${j}`;
      if (questions.has(q.id)) issues.push({ path: ['dimensions', i, 'questions', j, 'id'], message: `question id "${q.id}" is used twice (also ${questions.get(q.id)})` });
      else questions.set(q.id, at);
      if (q.scale) checkScale(q.scale, ['dimensions', i, 'questions', j, 'scale']);
    });
  });
  const evidence = new Set<string>();
  r.evidence.forEach((e, i) => {
    if (!dims.has(e.dimension)) issues.push({ path: ['evidence', i, 'dimension'], message: `unknown dimension "${e.dimension}"; dimensions are: ${[...dims.keys()].join(', ')}` });
    if (evidence.has(e.id)) issues.push({ path: ['evidence', i, 'id'], message: `evidence id "${e.id}" is used twice` });
    evidence.add(e.id);
  });
  return issues;
}

/** The keys allowed at a path of the rubric (for unknown-key messages). */
function allowedKeys(path: readonly (string | number)[]): string[] | undefined {
  const names = path.filter((p) => typeof p === 'string');
  const last = names.at(-1);
  const shape =
    names.length === 0 ? rubricSchema.shape
    : last === 'scale' ? scaleSchema.shape
    : last === 'aggregation' ? aggregationSchema.shape
    : last === 'questions' ? questionSchema.shape
    : last === 'dimensions' ? dimensionSchema.shape
    : last === 'evidence' && typeof path.at(-1) === 'number' ? evidenceSchema.shape
    : undefined;
  return shape ? Object.keys(shape) : undefined;
}

/** Parses and validates rubric text (YAML or JSON); `source` names it in messages. */
export function parseRubric(text: string, source: string): Rubric {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const faults = [...doc.errors, ...doc.warnings];
  if (faults.length > 0) {
    throw new CoherenceError(
      faults.map((e) => {
        const pos = e.linePos?.[0];
        return { where: pos ? `${source}:${pos.line}:${pos.col}` : source, key: '(syntax)', message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') };
      }),
      `rubric ${source}: not valid YAML/JSON`,
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CoherenceError([{ where: `${source}:1:1`, key: '(top level)', message: 'a rubric is a mapping of keys (rubric:, id:, title:, scale:, dimensions:, ...)' }], `rubric ${source}: invalid`);
  }
  const locate = yamlLocator(source, doc, lines, data as Record<string, unknown>);
  const parsed = rubricSchema.safeParse(data);
  if (!parsed.success) {
    const problems: CoherenceProblem[] = parsed.error.issues.map((i) => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const unknown = i.code === 'unrecognized_keys' ? i.keys[0] : undefined;
      const at = unknown !== undefined ? [...path, unknown] : path;
      const allowed = unknown !== undefined ? allowedKeys(path) : undefined;
      const message = allowed ? `unknown key "${unknown}"; the keys here are: ${allowed.join(', ')}` : i.message.replace(/^Invalid input: /, '');
      return { where: locate(at), key: keyPath(at), message };
    });
    throw new CoherenceError(problems, `rubric ${source}: ${problems.length} problem${problems.length > 1 ? 's' : ''}`);
  }
  const cross = crossCheck(parsed.data);
  if (cross.length > 0) {
    throw new CoherenceError(cross.map((c) => ({ where: locate(c.path), key: keyPath(c.path), message: c.message })), `rubric ${source}: ${cross.length} problem${cross.length > 1 ? 's' : ''}`);
  }
  return { ...parsed.data, source, locate };
}

/** Reads and validates a rubric file (YAML or JSON). */
export function loadRubric(path: string): Rubric {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CoherenceError([{ where: path, key: '(file)', message: `cannot read the rubric (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
  return parseRubric(text, path);
}

/** The built-in rubric (rubrics/ilo-default.ts; the same text as examples/coherence/rubric.yaml). */
export function defaultRubric(): Rubric {
  return parseRubric(ILO_DEFAULT_RUBRIC_YAML, '<ilo-default>');
}
