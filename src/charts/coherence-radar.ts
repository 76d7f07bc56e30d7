/**
 * Radar (polar line) chart of the policy coherence scores by dimension (src/coherence/scores.ts), 0-100 from the
 * centre out: the overall assessment in black, each stakeholder group's mean of its assessors' own dimension scores in
 * an Okabe-Ito colour. Vega-Lite has no polar line mark, so the points are placed on x/y by angle (dimension i at
 * 360 i / D degrees, clockwise from the top) and joined in order, with rings at 25, 50, 75 and 100 and a spoke per dimension.
 */
import type { ScoreResult } from '../coherence/scores.js';
import { type Chart, ChartError, type ChartOptions, assembleChart } from './chart.js';
import { OKABE_ITO } from './style.js';

/** Options of the radar: the common ones and the name of the assessment (`Atlantis 2026`). */
export interface CoherenceChartOptions extends ChartOptions {
  readonly assessment?: string;
}

const SIZE = 420;
/** Plot width: room for the dimension labels left and right at the scale of the height (the polygon stays regular). */
const WIDTH = 680;
const X_DOMAIN = 135 * (WIDTH / SIZE);
const RINGS = [25, 50, 75, 100];
/** The overall line in black; groups in Okabe-Ito colours (yellow left out: too light for a thin line on white). */
const GROUP_COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue];
export const OVERALL_SERIES = 'All assessors';

const round = (x: number): number => Math.round(x * 1e9) / 1e9;
const at = (i: number, n: number, r: number): { x: number; y: number } => {
  const a = (2 * Math.PI * i) / n;
  return { x: round(r * Math.sin(a)), y: round(r * Math.cos(a)) };
};

/** The mean of each group's assessors' own dimension scores (null when none of them answered the dimension). */
export function groupDimensionScores(scores: ScoreResult): { group: string; dimension: string; score: number | null }[] {
  return scores.groups.flatMap((group) =>
    scores.dimensions.map((d) => {
      const xs = scores.by_assessor.filter((a) => a.group === group && a.dimension === d.dimension && a.score !== null).map((a) => a.score!);
      return { group, dimension: d.dimension, score: xs.length > 0 ? xs.reduce((s, v) => s + v, 0) / xs.length : null };
    }),
  );
}

/** Radar chart of the dimension scores (0-100), overall and by stakeholder group. */
export function coherenceRadarChart(scores: ScoreResult, options: CoherenceChartOptions = {}): Chart {
  const dims = scores.dimensions;
  if (dims.length < 3) throw new ChartError(`chart coherence-radar needs at least 3 dimensions (got ${dims.length})`);
  if (scores.groups.length > GROUP_COLOURS.length) throw new ChartError(`chart coherence-radar draws at most ${GROUP_COLOURS.length} stakeholder groups (got ${scores.groups.length})`);
  const n = dims.length;
  const series = [OVERALL_SERIES, ...scores.groups];
  const colours = [OKABE_ITO.black, ...GROUP_COLOURS.slice(0, scores.groups.length)];
  const points: Record<string, unknown>[] = [];
  const missing: string[] = [];
  // a series is cut where a dimension has no score, so that no line crosses a missing dimension
  const line = (name: string, values: readonly (number | null)[]): void => {
    let seg = 0;
    values.forEach((v, i) => {
      if (v === null) {
        missing.push(`${name}: ${dims[i]!.title}`);
        seg++;
        return;
      }
      points.push({ series: name, segment: `${name} ${seg}`, dimension: dims[i]!.title, score: v, order: i, ...at(i, n, v) });
    });
    // close the polygon from the last dimension back to the first when both have a score
    if (values[n - 1] !== null && values[0] !== null) points.push({ series: name, segment: `${name} ${seg}`, dimension: dims[0]!.title, score: values[0]!, order: n, closing: true, ...at(0, n, values[0]!) });
  };
  line(OVERALL_SERIES, dims.map((d) => d.score));
  const byGroup = groupDimensionScores(scores);
  for (const g of scores.groups) line(g, dims.map((d) => byGroup.find((x) => x.group === g && x.dimension === d.dimension)!.score));
  const drawn = points.filter((p) => p.series === OVERALL_SERIES).length;
  const rings = RINGS.flatMap((r) => Array.from({ length: n + 1 }, (_, i) => ({ ring: r, order: i, ...at(i % n, n, r) })));
  const spokes = dims.map((d, i) => ({ dimension: d.title, x0: 0, y0: 0, ...at(i, n, 100) }));
  const labels = dims.map((d, i) => {
    const p = at(i, n, 116);
    return { label: `${d.title} (${d.score === null ? 'n/a' : d.score.toFixed(0)})`, ...p, align: Math.abs(p.x) < 1 ? 'center' : p.x > 0 ? 'left' : 'right' };
  });
  const ringLabels = RINGS.map((r) => ({ text: String(r), x: 2, y: r + 2 }));
  const xScale = { domain: [-X_DOMAIN, X_DOMAIN], nice: false, zero: false };
  const yScale = { domain: [-135, 135], nice: false, zero: false };
  const xy = { x: { field: 'x', type: 'quantitative', scale: xScale, axis: null }, y: { field: 'y', type: 'quantitative', scale: yScale, axis: null } };
  const overall = scores.overall.score;
  const where = options.assessment ? `, ${options.assessment}` : '';
  const title = `Policy coherence score by dimension${where} (0-100)`;
  const ordered = [...dims].filter((d) => d.score !== null).sort((a, b) => b.score! - a.score!);
  const alt = `Radar chart of the policy coherence score of ${n} dimensions on a 0-100 scale (0 at the centre, 100 at the outer ring), `
    + `all assessors in black and each of ${scores.groups.length} stakeholder groups (${scores.groups.join(', ')}) in colour. `
    + `Overall score ${overall === null ? 'not available' : overall.toFixed(1)}. `
    + `Highest: ${ordered.slice(0, 2).map((d) => `${d.title} ${d.score!.toFixed(1)}`).join(', ')}; lowest: ${ordered.slice(-2).reverse().map((d) => `${d.title} ${d.score!.toFixed(1)}`).join(', ')}.`;
  const notes = [
    `Score 0-100: the weighted mean of the question scores rescaled from the rubric scale; rings at ${RINGS.join(', ')}. Overall score: ${overall === null ? 'n/a' : overall.toFixed(1)}.`,
    ...(missing.length > 0 ? [`Not drawn (no score): ${missing.join('; ')}.`] : []),
  ];
  const colour = { field: 'series', type: 'nominal', title: 'Assessors', sort: series, scale: { domain: series, range: colours } };
  return assembleChart({
    id: 'coherence-radar', title, alt, notes, suppressed: 0, drawn, source: options.source ?? 'Source: stakeholder assessment of policy coherence; migstat scores', width: WIDTH,
    body: {
      width: WIDTH, height: SIZE,
      layer: [
        { data: { values: rings }, mark: { type: 'line', color: '#d0d0d0', strokeWidth: 1 }, encoding: { ...xy, detail: { field: 'ring', type: 'nominal' }, order: { field: 'order', type: 'quantitative' } } },
        { data: { values: spokes }, mark: { type: 'rule', color: '#d0d0d0', strokeWidth: 1 }, encoding: { x: { field: 'x0', type: 'quantitative', scale: xScale, axis: null }, y: { field: 'y0', type: 'quantitative', scale: yScale, axis: null }, x2: { field: 'x' }, y2: { field: 'y' } } },
        { data: { values: ringLabels }, mark: { type: 'text', align: 'left', baseline: 'bottom', fontSize: 9, color: '#777' }, encoding: { ...xy, text: { field: 'text', type: 'nominal' } } },
        ...(['left', 'center', 'right'] as const).flatMap((align) => {
          const values = labels.filter((l) => l.align === align);
          return values.length === 0 ? [] : [{ data: { values }, mark: { type: 'text', fontSize: 11, baseline: 'middle', align }, encoding: { ...xy, text: { field: 'label', type: 'nominal' } } }];
        }),
        {
          data: { values: points }, mark: { type: 'line', strokeWidth: 2, point: { filled: true, size: 40 } },
          encoding: {
            ...xy, color: colour, detail: { field: 'segment', type: 'nominal' }, order: { field: 'order', type: 'quantitative' },
            strokeWidth: { condition: { test: `datum.series === '${OVERALL_SERIES}'`, value: 3 }, value: 1.5 },
            tooltip: [{ field: 'series', title: 'assessors' }, { field: 'dimension' }, { field: 'score', title: 'score (0-100)', format: '.1f' }],
          },
        },
      ],
    },
  });
}
