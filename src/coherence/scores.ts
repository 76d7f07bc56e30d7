/**
 * Scores per question, dimension and overall, each with the contributions that made it, so that every score can be
 * recomputed by hand: score = sum(weight x value) / sum(weight) over its `contributions`.
 *
 * Aggregation rule (the rubric's `aggregation`; the default rubric uses every default):
 * - question: the weighted mean of the assessors' scores on the question's own scale. `equal-groups` (default): each
 *   stakeholder group that answered weighs the same and its answering assessors share its weight equally (weight
 *   1 / (groups answering x assessors of the group answering)); `equal-assessors`: each answering assessor weighs 1 / n.
 *   It is then rescaled to 0-100: 100 x (score - min) / (max - min).
 * - dimension: the weighted mean of its question scores (0-100) with the question weights;
 * - overall: the weighted mean of the dimension scores with the dimension weights.
 * Missing answers (an empty/NA/DK score, or no row for an assessor x question) are left out, never imputed: a question
 * is scored from the answers given when at least `min_answered_share` of the assessors answered it (else it is
 * missing); a dimension (and the overall score) is the weighted mean of the parts scored when they carry at least
 * `min_weight_share` of its weight (else missing), the weights of the missing parts being spread over the others by the
 * division. Every missing answer, question and dimension is reported.
 *
 * Spread: per question the standard deviation (n - 1), minimum and maximum of the assessors' scores and each group's
 * mean; per dimension the same over the assessors' own dimension scores (each assessor's weighted mean of the
 * questions they answered, 0-100). Agreement: Krippendorff's alpha over the questions as units and the assessors as
 * coders (krippendorff.ts), for all questions and per dimension.
 */
import { type AlphaMetric, krippendorffAlpha } from './krippendorff.js';
import type { ResponseSet } from './responses.js';
import type { RubricData } from './rubric.js';

/** One term of a score: a value and its weight (the score is sum(weight x value) / sum(weight) over them). */
export interface Contribution {
  /** What the value is: an assessor (question scores), a question id (dimension scores) or a dimension id (overall). */
  readonly ref: string;
  readonly value: number;
  readonly weight: number;
  /** For question scores: the assessor's group and the row of the responses file. */
  readonly group?: string;
  readonly row?: number;
}

export interface Spread {
  readonly sd: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface QuestionScore {
  readonly dimension: string;
  readonly question: string;
  readonly weight: number;
  readonly scale_min: number;
  readonly scale_max: number;
  /** Weighted mean on the question's scale; null when missing. */
  readonly score: number | null;
  /** The score rescaled to 0-100; null when missing. */
  readonly score_100: number | null;
  readonly answered: number;
  readonly assessors: number;
  readonly spread: Spread;
  /** Mean score of each group's answering assessors (null: no answer from the group). */
  readonly group_means: Readonly<Record<string, number | null>>;
  readonly contributions: readonly Contribution[];
  readonly status: 'scored' | 'missing';
}

export interface DimensionScore {
  readonly dimension: string;
  readonly title: string;
  readonly weight: number;
  /** 0-100; null when missing. */
  readonly score: number | null;
  readonly questions: number;
  readonly questions_scored: number;
  /** Share of the dimension's question weight that was scored. */
  readonly weight_share: number;
  /** Spread of the assessors' own dimension scores (0-100). */
  readonly spread: Spread;
  readonly contributions: readonly Contribution[];
  readonly status: 'scored' | 'missing';
}

export interface OverallScore {
  readonly score: number | null;
  readonly dimensions: number;
  readonly dimensions_scored: number;
  readonly weight_share: number;
  readonly contributions: readonly Contribution[];
  readonly status: 'scored' | 'missing';
}

/** A missing answer: an assessor x question without a score. */
export interface MissingAnswer {
  readonly assessor: string;
  readonly group: string;
  readonly question: string;
  /** Row of the responses file, null when the assessor has no row for the question. */
  readonly row: number | null;
  readonly reason: 'no score given' | 'no row';
}

export interface AgreementRow {
  /** `all` or a dimension id. */
  readonly scope: string;
  readonly metric: AlphaMetric;
  readonly alpha: number | null;
  readonly units: number;
  readonly values: number;
}

/** An assessor's own score of a dimension (0-100): the weighted mean of the questions they answered. */
export interface AssessorDimensionScore {
  readonly assessor: string;
  readonly group: string;
  readonly dimension: string;
  readonly score: number | null;
  readonly answered: number;
}

export interface ScoreResult {
  readonly rubric: string;
  readonly assessors: readonly { readonly id: string; readonly group: string }[];
  readonly groups: readonly string[];
  readonly questions: readonly QuestionScore[];
  readonly dimensions: readonly DimensionScore[];
  readonly overall: OverallScore;
  readonly by_assessor: readonly AssessorDimensionScore[];
  readonly missing: readonly MissingAnswer[];
  readonly agreement: readonly AgreementRow[];
  /** The aggregation and missing-answer rule applied, in words (for notes). */
  readonly rule: string;
}

/** The metrics of the agreement table. */
export const AGREEMENT_METRICS: readonly AlphaMetric[] = ['nominal', 'ordinal', 'interval'];

/** Weighted mean of contributions: sum(w v) / sum(w). */
export function weightedMean(contributions: readonly Pick<Contribution, 'value' | 'weight'>[]): number {
  let num = 0;
  let den = 0;
  for (const c of contributions) {
    num += c.weight * c.value;
    den += c.weight;
  }
  return num / den;
}

function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { sd: null, min: null, max: null };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : null;
  return { sd, min: Math.min(...values), max: Math.max(...values) };
}

/** The rule of a rubric in words. */
export function aggregationRule(rubric: RubricData): string {
  const a = rubric.aggregation;
  return [
    `Question score: weighted mean of the assessors' scores (${a.assessors === 'equal-groups' ? 'each stakeholder group that answered weighs the same, shared equally by its answering assessors' : 'each answering assessor weighs the same'}), rescaled to 0-100.`,
    'Dimension score: weighted mean of its question scores (0-100) with the question weights; overall: weighted mean of the dimension scores with the dimension weights.',
    `Missing answers are left out, never imputed: a question needs answers from at least ${Math.round(100 * a.min_answered_share)}% of the assessors; a dimension (and the overall score) needs at least ${Math.round(100 * a.min_weight_share)}% of its weight scored, the missing weight being spread over the parts scored.`,
  ].join(' ');
}

/** Scores of a rubric from validated responses (see the module comment for the rule). */
export function scoreResponses(rubric: RubricData, set: ResponseSet): ScoreResult {
  const agg = rubric.aggregation;
  const byKey = new Map(set.responses.map((r) => [`${r.assessor}\u0000${r.question}`, r]));
  const missing: MissingAnswer[] = [];
  const questions: QuestionScore[] = [];
  const dimensions: DimensionScore[] = [];
  const byAssessor: AssessorDimensionScore[] = [];
  const nAssessors = set.assessors.length;
  for (const dim of rubric.dimensions) {
    for (const q of dim.questions) {
      const scale = q.scale ?? rubric.scale;
      const answers: { assessor: string; group: string; score: number; row: number }[] = [];
      for (const a of set.assessors) {
        const r = byKey.get(`${a.id}\u0000${q.id}`);
        if (r && r.score !== null) answers.push({ assessor: a.id, group: a.group, score: r.score, row: r.row });
        else missing.push({ assessor: a.id, group: a.group, question: q.id, row: r ? r.row : null, reason: r ? 'no score given' : 'no row' });
      }
      const groupsAnswering = [...new Set(answers.map((x) => x.group))];
      const perGroup = new Map(groupsAnswering.map((g) => [g, answers.filter((x) => x.group === g).length]));
      const contributions: Contribution[] = answers.map((x) => ({
        ref: x.assessor, group: x.group, row: x.row, value: x.score,
        weight: agg.assessors === 'equal-groups' ? 1 / (groupsAnswering.length * perGroup.get(x.group)!) : 1 / answers.length,
      }));
      const enough = answers.length > 0 && answers.length >= agg.min_answered_share * nAssessors;
      const score = enough ? weightedMean(contributions) : null;
      const groupMeans: Record<string, number | null> = {};
      for (const g of set.groups) {
        const xs = answers.filter((x) => x.group === g).map((x) => x.score);
        groupMeans[g] = xs.length > 0 ? xs.reduce((s, v) => s + v, 0) / xs.length : null;
      }
      questions.push({
        dimension: dim.id, question: q.id, weight: q.weight, scale_min: scale.min, scale_max: scale.max,
        score, score_100: score === null ? null : (100 * (score - scale.min)) / (scale.max - scale.min),
        answered: answers.length, assessors: nAssessors, spread: spread(answers.map((x) => x.score)), group_means: groupMeans,
        contributions: enough ? contributions : [], status: enough ? 'scored' : 'missing',
      });
    }
    const qs = questions.filter((q) => q.dimension === dim.id);
    const scored = qs.filter((q) => q.score_100 !== null);
    const total = qs.reduce((s, q) => s + q.weight, 0);
    const share = scored.reduce((s, q) => s + q.weight, 0) / total;
    const ok = scored.length > 0 && share >= agg.min_weight_share;
    const contributions = ok ? scored.map((q) => ({ ref: q.question, value: q.score_100!, weight: q.weight })) : [];
    // each assessor's own dimension score, for the spread across assessors
    const own: number[] = [];
    for (const a of set.assessors) {
      const terms = dim.questions.flatMap((q) => {
        const r = byKey.get(`${a.id}\u0000${q.id}`);
        const s = q.scale ?? rubric.scale;
        return r && r.score !== null ? [{ value: (100 * (r.score - s.min)) / (s.max - s.min), weight: q.weight }] : [];
      });
      const v = terms.length > 0 ? weightedMean(terms) : null;
      if (v !== null) own.push(v);
      byAssessor.push({ assessor: a.id, group: a.group, dimension: dim.id, score: v, answered: terms.length });
    }
    dimensions.push({
      dimension: dim.id, title: dim.title, weight: dim.weight, score: ok ? weightedMean(contributions) : null,
      questions: qs.length, questions_scored: scored.length, weight_share: share, spread: spread(own), contributions, status: ok ? 'scored' : 'missing',
    });
  }
  const scoredDims = dimensions.filter((d) => d.score !== null);
  const dimTotal = dimensions.reduce((s, d) => s + d.weight, 0);
  const dimShare = scoredDims.reduce((s, d) => s + d.weight, 0) / dimTotal;
  const overallOk = scoredDims.length > 0 && dimShare >= agg.min_weight_share;
  const overallContributions = overallOk ? scoredDims.map((d) => ({ ref: d.dimension, value: d.score!, weight: d.weight })) : [];
  const overall: OverallScore = {
    score: overallOk ? weightedMean(overallContributions) : null, dimensions: dimensions.length, dimensions_scored: scoredDims.length,
    weight_share: dimShare, contributions: overallContributions, status: overallOk ? 'scored' : 'missing',
  };
  return {
    rubric: rubric.id, assessors: set.assessors.map((a) => ({ id: a.id, group: a.group })), groups: [...set.groups],
    questions, dimensions, overall, by_assessor: byAssessor, missing, agreement: agreement(rubric, set), rule: aggregationRule(rubric),
  };
}

/** Krippendorff's alpha over questions (units) x assessors (coders): all questions, then each dimension. */
function agreement(rubric: RubricData, set: ResponseSet): AgreementRow[] {
  const byKey = new Map(set.responses.map((r) => [`${r.assessor}\u0000${r.question}`, r]));
  const sameScale = rubric.dimensions.every((d) => d.questions.every((q) => !q.scale || (q.scale.min === rubric.scale.min && q.scale.max === rubric.scale.max)));
  const unit = (q: RubricData['dimensions'][number]['questions'][number]): (number | null)[] =>
    set.assessors.map((a) => {
      const r = byKey.get(`${a.id}\u0000${q.id}`);
      if (!r || r.score === null) return null;
      const s = q.scale ?? rubric.scale;
      return sameScale ? r.score : (100 * (r.score - s.min)) / (s.max - s.min);
    });
  const scopes: { scope: string; units: (number | null)[][] }[] = [
    { scope: 'all', units: rubric.dimensions.flatMap((d) => d.questions.map(unit)) },
    ...rubric.dimensions.map((d) => ({ scope: d.id, units: d.questions.map(unit) })),
  ];
  return scopes.flatMap(({ scope, units }) =>
    AGREEMENT_METRICS.map((metric) => {
      const a = krippendorffAlpha(units, metric);
      return { scope, metric, alpha: Number.isNaN(a.alpha) ? null : a.alpha, units: a.units, values: a.values };
    }),
  );
}
