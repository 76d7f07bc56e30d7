/**
 * Heat map of the interaction matrix (src/coherence/interaction-matrix.ts): employment and education/training
 * objectives (rows) against labour migration objectives (columns), each cell coloured by its score on the seven-point
 * scale of Nilsson, Griggs and Visbeck (2016) and labelled with it, so that colour is never the only carrier.
 *
 * Palette: ColorBrewer PuOr with 7 classes (Brewer, colorbrewer2.org, marked there as colour-blind safe): orange for
 * the negative scores (constraining, counteracting, cancelling), light grey for 0 (consistent), purple for the
 * positive ones (enabling, reinforcing, indivisible). The orange-purple axis stays distinct under protan, deutan and
 * tritan vision, and lightness grows towards 0 so that the ends also read in greyscale.
 */
import type { InteractionMatrix } from '../coherence/interaction-matrix.js';
import { INTERACTION_SCALE } from '../coherence/interaction-matrix.js';
import { type Chart, ChartError, assembleChart } from './chart.js';
import type { CoherenceChartOptions } from './coherence-radar.js';

/** Colours of the scores -3..+3 (ColorBrewer PuOr, 7 classes), in score order. */
export const INTERACTION_COLOURS: readonly string[] = ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d8daeb', '#998ec3', '#542788'];
export const INTERACTION_SCORES: readonly number[] = [-3, -2, -1, 0, 1, 2, 3];
/** Legend labels of the scores: `-3 cancelling` .. `+3 indivisible`. */
export const INTERACTION_LEGEND: readonly string[] = INTERACTION_SCORES.map((s) => `${s > 0 ? '+' : ''}${s} ${INTERACTION_SCALE[String(s)]}`);

const CELL = 64;

/** Heat map of an interaction matrix, scores -3..+3. */
export function coherenceHeatmapChart(matrix: InteractionMatrix, options: CoherenceChartOptions = {}): Chart {
  if (matrix.interactions.length === 0) throw new ChartError('chart coherence-heatmap needs a scored interaction matrix: none given');
  const rows = matrix.objectives.map((o) => o.objective);
  const cols = matrix.migrationObjectives;
  const values = matrix.interactions.map((i) => ({
    objective: i.objective, domain: i.domain, migration_objective: i.migration_objective, score: i.score,
    score_label: INTERACTION_LEGEND[i.score + 3]!, text: `${i.score > 0 ? '+' : ''}${i.score}`, rationale: i.rationale,
  }));
  const width = CELL * cols.length;
  const where = options.assessment ? `, ${options.assessment}` : '';
  const title = `Interactions between employment, education/training and labour migration objectives${where}`;
  const strongest = (xs: readonly { objective: string; migration_objective: string; score: number }[]): string =>
    xs.slice(0, 2).map((x) => `${x.objective} with ${x.migration_objective} (${x.score > 0 ? '+' : ''}${x.score})`).join('; ');
  const alt = `Heat map of ${matrix.interactions.length} scored pairs of ${rows.length} employment and education/training objectives (rows) and ${cols.length} labour migration objectives (columns), `
    + `on the seven-point scale from -3 (cancelling, dark orange) through 0 (consistent, grey) to +3 (indivisible, dark purple), each cell labelled with its score. `
    + `${matrix.reinforcing.length} pairs reinforce each other and ${matrix.conflicting.length} conflict. `
    + `${matrix.reinforcing.length ? `Strongest reinforcing: ${strongest(matrix.reinforcing)}. ` : ''}${matrix.conflicting.length ? `Strongest conflicts: ${strongest(matrix.conflicting)}.` : ''}`;
  const notes = [
    'Score of each pair on the scale of Nilsson, Griggs and Visbeck (2016): how far the row objective advances (+) or hinders (-) the column objective.',
    ...(matrix.unscored > 0 ? [`${matrix.unscored} pair${matrix.unscored > 1 ? 's' : ''} of the grid not scored (blank).`] : []),
  ];
  const x = { field: 'migration_objective', type: 'nominal', title: 'Columns: labour migration objectives; rows: employment and education/training objectives', sort: cols, axis: { labelAngle: -30, labelLimit: 0, orient: 'top' } };
  const y = { field: 'objective', type: 'nominal', title: null, sort: rows, axis: { labelLimit: 0 } };
  return assembleChart({
    id: 'coherence-heatmap', title, alt, notes, suppressed: 0, drawn: values.length, source: options.source ?? 'Source: participatory assessment of policy interactions; migstat', width,
    body: {
      width, height: CELL * rows.length, data: { values },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
          encoding: {
            x, y,
            color: { field: 'score_label', type: 'ordinal', title: 'Score (-3 to +3)', sort: INTERACTION_LEGEND, scale: { domain: INTERACTION_LEGEND, range: INTERACTION_COLOURS }, legend: { symbolStrokeColor: '#999999', symbolStrokeWidth: 0.5 } },
            tooltip: [{ field: 'objective' }, { field: 'migration_objective', title: 'migration objective' }, { field: 'score_label', title: 'score' }, { field: 'rationale' }],
          },
        },
        {
          mark: { type: 'text', fontSize: 12 },
          encoding: { x, y, text: { field: 'text', type: 'nominal' }, color: { condition: { test: 'abs(datum.score) === 3', value: '#ffffff' }, value: '#000000' } },
        },
      ],
    },
  });
}
