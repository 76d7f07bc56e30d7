/** Heat map of the interaction matrix: diverging colour-blind-safe palette for -3..+3, labels in cells, title, alt text, same bytes twice. */
import { describe, expect, it } from 'vitest';
import { ChartError } from '../../src/charts/chart.js';
import { INTERACTION_COLOURS, INTERACTION_LEGEND, coherenceHeatmapChart } from '../../src/charts/coherence-heatmap.js';
import { compileChart, renderChart } from '../../src/charts/render.js';
import { readInteractionMatrix } from '../../src/coherence/interaction-matrix.js';
import { MATRIX } from '../coherence/support.js';
import { collect, drawn } from './support.js';

/** Relative luminance (WCAG 2.x) of a #rrggbb colour. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}

describe('coherence heat map', () => {
  it('one cell per scored pair with its score as text; colours from the 7-class diverging palette; title, axis title, legend, alt text, source', async () => {
    const m = await readInteractionMatrix(MATRIX);
    const chart = coherenceHeatmapChart(m, { assessment: 'Atlantis 2026', source: 'Source: Atlantis, synthetic' });
    const spec = chart.spec as unknown as Record<string, unknown>;
    expect((spec['title'] as { text: string }).text).toBe(chart.title);
    expect(chart.title).toBe('Interactions between employment, education/training and labour migration objectives, Atlantis 2026');
    expect(spec['description']).toBe(chart.alt);
    expect(chart.alt).toMatch(/19 scored pairs .* -3 \(cancelling, dark orange\) .* \+3 \(indivisible, dark purple\).*12 pairs reinforce each other and 4 conflict/);
    expect(JSON.stringify(spec['vconcat'])).toContain('Source: Atlantis, synthetic');
    const data = drawn(chart);
    expect(data.length).toBe(19);
    expect(data.map((d) => d['text'])).toContain('+3');
    const colour = collect(spec, 'color').find((c) => (c as { field?: string }).field === 'score_label') as { scale: { domain: string[]; range: string[] }; title: string };
    expect(colour.title).toBe('Score (-3 to +3)');
    expect(colour.scale.domain).toEqual(INTERACTION_LEGEND);
    expect(colour.scale.range).toEqual(INTERACTION_COLOURS);
    expect(INTERACTION_LEGEND[0]).toBe('-3 cancelling');
    expect(INTERACTION_LEGEND[6]).toBe('+3 indivisible');
    // diverging: lightness rises from each end to the middle, so the scale also reads without hue
    const L = INTERACTION_COLOURS.map(luminance);
    for (let i = 0; i < 3; i++) {
      expect(L[i]!).toBeLessThan(L[i + 1]!);
      expect(L[6 - i]!).toBeLessThan(L[5 - i]!);
    }
    const titles = collect(spec, 'x').map((x) => (x as { title?: unknown }).title).filter((t): t is string => typeof t === 'string');
    expect(titles[0]).toMatch(/^Columns: labour migration objectives; rows: employment and education\/training objectives/);
    expect(compileChart(chart).warnings).toEqual([]);
  });

  it('svg and png: same bytes twice; an empty matrix is an error', async () => {
    const m = await readInteractionMatrix(MATRIX);
    const chart = coherenceHeatmapChart(m);
    for (const f of ['svg', 'png'] as const) expect(Buffer.from(await renderChart(chart, f)).equals(Buffer.from(await renderChart(chart, f)))).toBe(true);
    expect(() => coherenceHeatmapChart({ ...m, interactions: [] })).toThrow(ChartError);
  });
});
