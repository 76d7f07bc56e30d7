/**
 * The whole assessment: scores (scores.ts), the interaction matrix (interaction-matrix.ts), the evidence from
 * statistics (evidence.ts) and the gap table, with the notes a report needs; and the result as plain tables (rows of
 * text and numbers) for CSV, JSON and report sections.
 */
import { type EvidenceResult, type IndicatorRow, assessEvidence } from './evidence.js';
import { INTERACTION_SCALE, type InteractionMatrix } from './interaction-matrix.js';
import { MISSING_SCORES, type ResponseSet } from './responses.js';
import type { Rubric } from './rubric.js';
import { type ScoreResult, scoreResponses } from './scores.js';

/** A dimension that needs attention: a low score, adverse outcome indicators, or both. */
export interface GapRow {
  readonly dimension: string;
  readonly title: string;
  readonly score: number | null;
  readonly low_score: boolean;
  /** Ids of the adverse evidence of the dimension. */
  readonly adverse_evidence: readonly string[];
  readonly reason: string;
}

export interface CoherenceResult {
  readonly rubric: { readonly id: string; readonly title: string; readonly version: string | null; readonly source: string; readonly low_score: number };
  readonly responses: { readonly source: string; readonly rows: number; readonly assessors: number; readonly groups: readonly string[] };
  readonly scores: ScoreResult;
  readonly matrix: InteractionMatrix | null;
  readonly evidence: readonly EvidenceResult[];
  readonly gaps: readonly GapRow[];
  /** Notes for readers: the rule, missing answers, agreement, approximations. */
  readonly notes: readonly string[];
}

export interface AssessOptions {
  readonly matrix?: InteractionMatrix;
  /** Tidy indicator rows for the evidence (none: the evidence table lists every link as not available). */
  readonly indicators?: readonly IndicatorRow[];
  readonly previous?: readonly IndicatorRow[];
  /** Confidence level of the evidence intervals; default 0.95. */
  readonly level?: number;
}

const fmt = (x: number | null, d = 1): string => (x === null ? 'n/a' : x.toFixed(d));

/** The gap table: dimensions scoring below the rubric's `low_score`, or with adverse outcome indicators. */
export function gapTable(rubric: Rubric, scores: ScoreResult, evidence: readonly EvidenceResult[]): GapRow[] {
  const low = rubric.aggregation.low_score;
  return scores.dimensions.flatMap((d) => {
    const adverse = evidence.filter((e) => e.dimension === d.dimension && e.status === 'adverse');
    const isLow = d.score !== null && d.score < low;
    if (!isLow && adverse.length === 0) return [];
    const reasons = [
      ...(isLow ? [`score ${fmt(d.score)} below ${low}`] : []),
      ...adverse.map((e) => `${e.label}: ${fmt(e.estimate, 2)} ${e.unit} [${fmt(e.ci_low, 2)}, ${fmt(e.ci_high, 2)}]${e.threshold !== null ? ` vs threshold ${e.threshold}` : ''}`),
    ];
    return [{ dimension: d.dimension, title: d.title, score: d.score, low_score: isLow, adverse_evidence: adverse.map((e) => e.id), reason: reasons.join('; ') }];
  });
}

/** Scores, matrix summary, evidence and gap table of an assessment, with its notes. */
export function assessCoherence(rubric: Rubric, responses: ResponseSet, options: AssessOptions = {}): CoherenceResult {
  const scores = scoreResponses(rubric, responses);
  const evidence = assessEvidence(rubric.evidence, options.indicators ?? [], { ...(options.previous ? { previous: options.previous } : {}), level: options.level ?? 0.95 });
  const gaps = gapTable(rubric, scores, evidence);
  const alpha = scores.agreement.filter((a) => a.scope === 'all');
  const byReason = (r: string): number => scores.missing.filter((m) => m.reason === r).length;
  const missingQ = scores.questions.filter((q) => q.status === 'missing').map((q) => q.question);
  const missingD = scores.dimensions.filter((d) => d.status === 'missing').map((d) => d.dimension);
  const notes = [
    scores.rule,
    `Missing answers: ${scores.missing.length} of ${scores.assessors.length * scores.questions.length} assessor x question pairs (${byReason('no score given')} with an empty/NA/DK score — read as missing: ${MISSING_SCORES.filter((s) => s !== '').join(', ')} or empty — and ${byReason('no row')} without a row)${missingQ.length ? `; questions not scored: ${missingQ.join(', ')}` : ''}${missingD.length ? `; dimensions not scored: ${missingD.join(', ')}` : ''}.`,
    `Agreement among the ${scores.assessors.length} assessors (Krippendorff's alpha over ${alpha[0]?.units ?? 0} questions): ${alpha.map((a) => `${a.metric} ${fmt(a.alpha, 3)}`).join(', ')}; values below 0.667 are commonly read as too low to rely on the scores without discussion (Krippendorff 2004).`,
    ...(options.matrix
      ? [`Interaction matrix (Nilsson, Griggs and Visbeck 2016 scale: ${Object.entries(INTERACTION_SCALE).sort((a, b) => Number(b[0]) - Number(a[0])).map(([k, v]) => `${Number(k) > 0 ? '+' : ''}${k} ${v}`).join(', ')}): ${options.matrix.reinforcing.length} reinforcing pairs (score > 0) and ${options.matrix.conflicting.length} conflicting pairs (score < 0) of ${options.matrix.interactions.length} scored${options.matrix.unscored ? `; ${options.matrix.unscored} of the grid's pairs not scored` : ''}.`]
      : []),
    ...(evidence.length > 0
      ? [`Outcome indicators: ${evidence.filter((e) => e.status !== 'not available').length} of ${evidence.length} available; intervals at ${Math.round(100 * (options.level ?? 0.95))}%. A migrant-gap of two cells takes their covariance as 0 and a change takes the rounds as independent (approximations).`]
      : []),
  ];
  return {
    rubric: { id: rubric.id, title: rubric.title, version: rubric.version ?? null, source: rubric.source, low_score: rubric.aggregation.low_score },
    responses: { source: responses.source, rows: responses.responses.length, assessors: responses.assessors.length, groups: responses.groups },
    scores, matrix: options.matrix ?? null, evidence, gaps, notes,
  };
}

/** A plain table: named columns and rows of text, numbers or null. */
export interface PlainTable {
  readonly name: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** The result as plain tables (questions, dimensions, overall, contributions, missing, agreement, spread by assessor, interactions, evidence, gaps). */
export function coherenceTables(result: CoherenceResult): PlainTable[] {
  const s = result.scores;
  const tables: PlainTable[] = [
    {
      name: 'dimensions', title: 'Scores by dimension (0-100)',
      columns: ['dimension', 'title', 'weight', 'score', 'questions', 'questions_scored', 'weight_share', 'sd_assessors', 'min_assessors', 'max_assessors', 'status'],
      rows: s.dimensions.map((d) => [d.dimension, d.title, d.weight, d.score, d.questions, d.questions_scored, d.weight_share, d.spread.sd, d.spread.min, d.spread.max, d.status]),
    },
    {
      name: 'overall', title: 'Overall score (0-100)',
      columns: ['score', 'dimensions', 'dimensions_scored', 'weight_share', 'status'],
      rows: [[s.overall.score, s.overall.dimensions, s.overall.dimensions_scored, s.overall.weight_share, s.overall.status]],
    },
    {
      name: 'questions', title: 'Scores by question',
      columns: ['dimension', 'question', 'weight', 'scale_min', 'scale_max', 'score', 'score_100', 'answered', 'assessors', 'sd', 'min', 'max', ...s.groups.map((g) => `mean_${g}`), 'status'],
      rows: s.questions.map((q) => [q.dimension, q.question, q.weight, q.scale_min, q.scale_max, q.score, q.score_100, q.answered, q.assessors, q.spread.sd, q.spread.min, q.spread.max, ...s.groups.map((g) => q.group_means[g] ?? null), q.status]),
    },
    {
      name: 'contributions', title: 'What makes each score: score = sum(weight x value) / sum(weight) over its rows',
      columns: ['level', 'score_of', 'ref', 'group', 'row', 'value', 'weight'],
      rows: [
        ...s.questions.flatMap((q) => q.contributions.map((c) => ['question', q.question, c.ref, c.group ?? null, c.row ?? null, c.value, c.weight])),
        ...s.dimensions.flatMap((d) => d.contributions.map((c) => ['dimension', d.dimension, c.ref, null, null, c.value, c.weight])),
        ...s.overall.contributions.map((c) => ['overall', 'overall', c.ref, null, null, c.value, c.weight]),
      ],
    },
    {
      name: 'by-assessor', title: "Each assessor's own dimension score (0-100)",
      columns: ['assessor', 'group', 'dimension', 'score', 'answered'],
      rows: s.by_assessor.map((a) => [a.assessor, a.group, a.dimension, a.score, a.answered]),
    },
    { name: 'missing', title: 'Missing answers', columns: ['assessor', 'group', 'question', 'row', 'reason'], rows: s.missing.map((m) => [m.assessor, m.group, m.question, m.row, m.reason]) },
    { name: 'agreement', title: "Agreement among assessors (Krippendorff's alpha)", columns: ['scope', 'metric', 'alpha', 'units', 'values'], rows: s.agreement.map((a) => [a.scope, a.metric, a.alpha, a.units, a.values]) },
    {
      name: 'evidence', title: 'Outcome indicators linked to dimensions',
      columns: ['id', 'dimension', 'label', 'indicator', 'sex', 'unit', 'time', 'estimate', 'se', 'ci_low', 'ci_high', 'threshold', 'adverse', 'previous_time', 'previous_estimate', 'change', 'change_ci_low', 'change_ci_high', 'status', 'note'],
      rows: result.evidence.map((e) => [e.id, e.dimension, e.label, e.indicator, e.sex, e.unit, e.time, e.estimate, e.se, e.ci_low, e.ci_high, e.threshold, e.adverse, e.previous_time, e.previous_estimate, e.change, e.change_ci_low, e.change_ci_high, e.status, e.note]),
    },
    { name: 'gaps', title: 'Gap table: dimensions with low scores or adverse outcome indicators', columns: ['dimension', 'title', 'score', 'low_score', 'adverse_evidence', 'reason'], rows: result.gaps.map((g) => [g.dimension, g.title, g.score, g.low_score ? 'yes' : 'no', g.adverse_evidence.join(' '), g.reason]) },
  ];
  if (result.matrix) {
    const m = result.matrix;
    tables.push(
      { name: 'interactions', title: 'Interaction matrix (-3 cancelling .. +3 indivisible)', columns: ['objective', 'domain', 'migration_objective', 'score', 'label', 'rationale'], rows: m.interactions.map((i) => [i.objective, i.domain, i.migration_objective, i.score, i.label, i.rationale]) },
      {
        name: 'interaction-pairs', title: 'Reinforcing and conflicting pairs, strongest first', columns: ['kind', 'objective', 'migration_objective', 'score', 'label', 'rationale'],
        rows: [...m.reinforcing.map((i) => ['reinforcing', i.objective, i.migration_objective, i.score, i.label, i.rationale]), ...m.conflicting.map((i) => ['conflicting', i.objective, i.migration_objective, i.score, i.label, i.rationale])],
      },
      { name: 'interaction-summary', title: 'Interactions by objective', columns: ['objective', 'domain', 'positive', 'negative', 'net'], rows: m.summary.map((x) => [x.objective, x.domain, x.positive, x.negative, x.net]) },
    );
  }
  return tables;
}

/** A CSV field: numbers at full precision, null empty, text quoted when it holds a comma, quote or line break. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A plain table as CSV text (header, rows, final newline). */
export function plainTableCsv(t: PlainTable): string {
  return [t.columns.map(csvField).join(','), ...t.rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

/** The whole result as pretty JSON with a final newline (NaN and infinities written as null). */
export function coherenceJson(result: CoherenceResult): string {
  return JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
