/** Radar chart of the coherence scores on the Atlantis example: title, units, alt text, Okabe-Ito colours, same bytes twice. */
import { describe, expect, it } from 'vitest';
import { ChartError } from '../../src/charts/chart.js';
import { OVERALL_SERIES, coherenceRadarChart, groupDimensionScores } from '../../src/charts/coherence-radar.js';
import { coherenceReportSection } from '../../src/charts/coherence-report.js';
import { chartSvg, renderChart } from '../../src/charts/render.js';
import { atlantis } from '../coherence/support.js';
import { collect, expectCommon } from './support.js';

const SOURCE = 'Source: Atlantis policy coherence assessment 2026 (synthetic); migstat scores';

describe('coherence radar chart', () => {
  it('one closed line per series at the dimension scores (0-100), title, units, source, alt text with the figures, Okabe-Ito colours', async () => {
    const { result } = await atlantis();
    const chart = coherenceRadarChart(result.scores, { source: SOURCE, assessment: 'Atlantis 2026' });
    expectCommon(chart, [], SOURCE);
    expect(chart.title).toBe('Policy coherence score by dimension, Atlantis 2026 (0-100)');
    expect(chart.alt).toContain(`Overall score ${result.scores.overall.score!.toFixed(1)}`);
    expect(chart.alt).toContain('Return and reintegration 22.2');
    const layers = collect(chart.spec, 'values') as Record<string, unknown>[][];
    const points = layers.find((v) => v[0]?.['series'] !== undefined)!;
    const overall = points.filter((p) => p['series'] === OVERALL_SERIES && !p['closing']);
    expect(overall.map((p) => p['score'])).toEqual(result.scores.dimensions.map((d) => d.score));
    // the point of dimension i lies at radius = score, angle 360 i / 7 clockwise from the top
    overall.forEach((p, i) => {
      const a = (2 * Math.PI * i) / 7;
      expect(p['x'] as number).toBeCloseTo((p['score'] as number) * Math.sin(a), 6);
      expect(p['y'] as number).toBeCloseTo((p['score'] as number) * Math.cos(a), 6);
    });
    // group means of the assessors' own scores; the education ministry gave no recruitment score: its line is cut there
    const edu = groupDimensionScores(result.scores).find((g) => g.group === 'education-ministry' && g.dimension === 'recruitment')!;
    expect(edu.score).toBeNull();
    expect(new Set(points.filter((p) => p['series'] === 'education-ministry').map((p) => p['segment'])).size).toBe(2);
    expect(JSON.stringify(chart.spec.description)).toContain('0-100');
    const notes = (chart.spec as unknown as { title: { subtitle: string[] } }).title.subtitle;
    expect(notes.join(' ')).toMatch(/Score 0-100.*Not drawn \(no score\): education-ministry: Fair recruitment/);
    expect(await chartSvg(chart)).toContain('aria-label="Radar chart of the policy coherence score');
  });

  it('svg and png: same bytes twice; fewer than 3 dimensions is an error; the report section holds both charts and the tables', async () => {
    const { result } = await atlantis();
    const chart = coherenceRadarChart(result.scores);
    for (const f of ['svg', 'png'] as const) expect(Buffer.from(await renderChart(chart, f)).equals(Buffer.from(await renderChart(chart, f)))).toBe(true);
    expect(() => coherenceRadarChart({ ...result.scores, dimensions: result.scores.dimensions.slice(0, 2) })).toThrow(ChartError);
    const section = coherenceReportSection(result, { assessment: 'Atlantis 2026' });
    expect(section.charts.map((c) => c.id)).toEqual(['coherence-radar', 'coherence-heatmap']);
    expect(section.tables.map((t) => t.name)).toEqual(['dimensions', 'overall', 'questions', 'contributions', 'by-assessor', 'missing', 'agreement', 'evidence', 'gaps', 'interactions', 'interaction-pairs', 'interaction-summary']);
    for (const t of section.tables) for (const r of t.rows) expect(r.length, t.name).toBe(t.columns.length);
    expect(section.summary).toMatch(/^Overall policy coherence score 45\.8 of 100/);
    expect(section.notes[0]).toMatch(/^Question score: weighted mean/);
  });
});
