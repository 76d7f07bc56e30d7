/**
 * Everything a report section on policy coherence needs, from an assessment (src/coherence/assess.ts): the tables as
 * plain rows, the radar chart of the dimension scores and the interaction heat map as Chart objects, and the notes
 * (aggregation and missing-answer rule, agreement, approximations). The pipeline's `coherence` step and its report
 * section call this; `migstat coherence score` writes the same tables and charts.
 */
import { type CoherenceResult, type PlainTable, coherenceTables } from '../coherence/assess.js';
import type { Chart } from './chart.js';
import { coherenceHeatmapChart } from './coherence-heatmap.js';
import { type CoherenceChartOptions, coherenceRadarChart } from './coherence-radar.js';

export interface CoherenceReportSection {
  readonly title: string;
  /** One paragraph: overall score, lowest dimensions, agreement, gaps. */
  readonly summary: string;
  /** dimensions, overall, questions, contributions, by-assessor, missing, agreement, evidence, gaps (+ interactions, interaction-pairs, interaction-summary with a matrix). */
  readonly tables: readonly PlainTable[];
  /** The radar chart, then the heat map when the assessment has an interaction matrix. */
  readonly charts: readonly Chart[];
  readonly notes: readonly string[];
}

/** The report section of an assessment: tables, charts and notes. */
export function coherenceReportSection(result: CoherenceResult, options: CoherenceChartOptions = {}): CoherenceReportSection {
  const charts: Chart[] = [coherenceRadarChart(result.scores, options)];
  if (result.matrix) charts.push(coherenceHeatmapChart(result.matrix, options));
  const s = result.scores;
  const scored = s.dimensions.filter((d) => d.score !== null).sort((a, b) => a.score! - b.score!);
  const interval = s.agreement.find((a) => a.scope === 'all' && a.metric === 'interval');
  const summary = [
    `Overall policy coherence score ${s.overall.score === null ? 'not available' : `${s.overall.score.toFixed(1)} of 100`} (rubric ${result.rubric.id}, ${s.assessors.length} assessors in ${s.groups.length} stakeholder groups).`,
    scored.length > 0 ? `Lowest dimensions: ${scored.slice(0, 3).map((d) => `${d.title} ${d.score!.toFixed(1)}`).join(', ')}.` : '',
    `Agreement among assessors (Krippendorff's alpha, interval): ${interval?.alpha === null || interval === undefined ? 'n/a' : interval.alpha.toFixed(3)}.`,
    result.gaps.length > 0 ? `${result.gaps.length} dimension${result.gaps.length > 1 ? 's' : ''} in the gap table: ${result.gaps.map((g) => g.title).join(', ')}.` : 'No dimension in the gap table.',
  ].filter((x) => x !== '').join(' ');
  return { title: `Policy coherence: ${result.rubric.title}`, summary, tables: coherenceTables(result), charts, notes: result.notes };
}
