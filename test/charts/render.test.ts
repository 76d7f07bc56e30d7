import { describe, expect, it } from 'vitest';
import { labourRatesChart } from '../../src/charts/labour-rates.js';
import { originMapChart } from '../../src/charts/origin.js';
import { chartFormatOf, chartSvg, renderChart, svgToPng } from '../../src/charts/render.js';
import { Q1, SOURCE, rows } from './support.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('renderChart', () => {
  const chart = labourRatesChart(rows(Q1), { source: SOURCE });

  it('writes the Vega-Lite spec as stable pretty JSON', async () => {
    const a = await renderChart(chart, 'vl.json');
    expect(JSON.parse(text(a))).toEqual(JSON.parse(JSON.stringify(chart.spec)));
    expect(text(a)).toMatch(/^\{\n {2}"\$schema": "https:\/\/vega\.github\.io\/schema\/vega-lite\/v6\.json",\n/);
    expect(text(a).endsWith('}\n')).toBe(true);
    expect(await renderChart(labourRatesChart(rows(Q1), { source: SOURCE }), 'vl.json')).toEqual(a);
  });

  it('draws SVG with the title, notes, axis titles and source as text, the alt text as aria-label, the same bytes each time', async () => {
    const svg = text(await renderChart(chart, 'svg'));
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Bar charts of labour force participation rate/);
    expect(svg).toContain(`<title>${chart.title}</title>`);
    for (const t of [chart.title, 'Per cent (%)', SOURCE, 'Labour force participation rate', 'Migrant status', 'Reliability']) expect(svg).toContain(`>${t}</text>`);
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(await chartSvg(chart)).toBe(svg);
  });

  it('draws PNG with text (fonts make a difference), byte-identical across renders', async () => {
    const png = await renderChart(chart, 'png');
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(await renderChart(chart, 'png')).toEqual(png);
    const svg = await chartSvg(chart);
    expect(svgToPng(svg, [])).not.toEqual(png);
    expect(png.length).toBeGreaterThan(svgToPng(svg, []).length);
  });

  it('renders the world map (gradient legend, clip paths) to the same SVG and Vega-Lite bytes twice, also when renders overlap', async () => {
    const map = originMapChart(rows(Q1), { source: SOURCE });
    for (const format of ['vl.json', 'svg'] as const) expect(await renderChart(map, format)).toEqual(await renderChart(originMapChart(rows(Q1), { source: SOURCE }), format));
    const [a, b] = await Promise.all([chartSvg(map), chartSvg(map)]);
    expect(a).toBe(b);
    expect(a).toContain('id="gradient_0"');
  });

  it('tells the format from the output path', () => {
    expect(['a.svg', 'b.PNG', 'c.vl.json', 'd.json', 'e'].map(chartFormatOf)).toEqual(['svg', 'png', 'vl.json', undefined, undefined]);
  });
});
