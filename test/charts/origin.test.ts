import { describe, expect, it } from 'vitest';
import { originCountryChart, originMapChart, originRegionChart } from '../../src/charts/origin.js';
import { chartSvg } from '../../src/charts/render.js';
import { Q1, SOURCE, collect, drawn, expectCommon, expectReliabilityMarked, rows } from './support.js';

describe('origin charts', () => {
  it('draws migrant workers by ILO region of origin, largest first, in thousands with intervals', () => {
    const chart = originRegionChart(rows(Q1), { source: SOURCE });
    expectCommon(chart, ['Thousands of persons']);
    const data = drawn(chart);
    expect(data.map((d) => d['origin'])).toEqual(['Asia and the Pacific', 'Europe and Central Asia', 'Africa', 'Arab States', 'Americas']);
    expect(chart.alt).toContain('Largest: Asia and the Pacific 42.1 thousand');
    expectReliabilityMarked(chart);
  });

  it('draws migrant workers by country of origin with country names and other countries last', () => {
    const chart = originCountryChart(rows(Q1), { source: SOURCE });
    expectCommon(chart, ['Thousands of persons']);
    const names = drawn(chart).map((d) => d['origin']);
    expect(names[0]).toBe('India');
    expect(names.at(-1)).toBe('Other countries');
    expect(names).toContain('Philippines');
    expectReliabilityMarked(chart);
  });

  it('maps countries of origin on inline world-atlas TopoJSON, with no URL anywhere in the spec', async () => {
    const chart = originMapChart(rows(Q1), { source: SOURCE });
    expectCommon(chart, []);
    const body = (chart.spec as unknown as { vconcat: { data: { values: { type: string; objects: Record<string, unknown> }; format: unknown } }[] }).vconcat[0]!;
    expect(body.data.values.type).toBe('Topology');
    expect(Object.keys(body.data.values.objects)).toContain('countries');
    expect(body.data.format).toEqual({ type: 'topojson', feature: 'countries' });
    expect(collect(chart.spec, 'url')).toEqual([]);
    const lookup = collect(chart.spec, 'lookup');
    expect(lookup).toEqual(['id']);
    const mapped = (collect(chart.spec, 'from')[0] as { data: { values: { m49: string; origin: string }[] } }).data.values;
    expect(mapped.find((m) => m.origin === 'India')?.m49).toBe('356');
    expect(chart.alt).toContain('Not on the map: Other countries');
    expect(JSON.stringify(collect(chart.spec, 'strokeDash'))).toContain('"field":"reliability_label"');
    expect(await chartSvg(chart)).toContain('International migrant workers by country of origin, Atlantis, 2024Q1</text>');
  });

  it('names the missing indicator', () => {
    expect(() => originRegionChart(rows(Q1).filter((r) => r.indicator !== 'MGS_MIGW_SEX_REG_NB'))).toThrow('chart origin-region needs indicator not in the rows: MGS_MIGW_SEX_REG_NB');
    expect(() => originMapChart([])).toThrow('chart origin-map needs indicator not in the rows: MGS_MIGW_SEX_CTY_NB');
  });
});
