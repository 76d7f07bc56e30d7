/** Fixtures and spec helpers of the chart tests (fixtures: aggregated Atlantis tidy rows, see fixtures/make-fixtures.mjs). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Chart } from '../../src/charts/chart.js';
import { compileChart } from '../../src/charts/render.js';
import { MAP_RAMP, OKABE_ITO } from '../../src/charts/style.js';
import type { TidyRow } from '../../src/indicators/tidy.js';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
export const Q1 = `${FIXTURES}atlantis-2024q1.json`;
export const CHANGE = `${FIXTURES}atlantis-change.json`;
export const SOURCE = 'Source: Atlantis LFS 2024Q1, migstat estimates';

/** The rows of a fixture file. */
export function rows(path: string): TidyRow[] {
  return JSON.parse(readFileSync(path, 'utf8')) as TidyRow[];
}

/** Every value of a key anywhere in a spec (depth first). */
export function collect(spec: unknown, key: string): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === key) out.push(x);
        walk(x);
      }
    }
  };
  walk(spec);
  return out;
}

/** The drawn data of a chart: the `values` of the body's data (the footer's and the map's TopoJSON left out). */
export function drawn(chart: Chart): Record<string, unknown>[] {
  const body = (chart.spec as unknown as { vconcat: Record<string, unknown>[] }).vconcat[0]!;
  const values = (body['data'] as { values: unknown } | undefined)?.values;
  return Array.isArray(values) ? (values as Record<string, unknown>[]) : [];
}

const PALETTE = new Set<string>([...Object.values(OKABE_ITO), ...MAP_RAMP].map((c) => c.toUpperCase()));

/** What every chart carries: title, alt text as description, theme font, source line, axis titles with units, Okabe-Ito colours, a clean compile. */
export function expectCommon(chart: Chart, units: readonly string[], source = SOURCE): void {
  const spec = chart.spec as unknown as Record<string, unknown>;
  expect((spec['title'] as { text: string }).text).toBe(chart.title);
  expect(spec['description']).toBe(chart.alt);
  expect(chart.alt.length).toBeGreaterThan(100);
  expect((spec['config'] as { font: string }).font).toBe('DejaVu Sans');
  expect(JSON.stringify((spec['vconcat'] as unknown[])[1])).toContain(JSON.stringify(source));
  const titles = collect(spec, 'x').map((x) => (x as { title?: unknown }).title).filter((t): t is string => typeof t === 'string');
  for (const unit of units) expect(titles.some((t) => t.includes(unit)), `an x axis title with "${unit}" in ${titles.join(' | ')}`).toBe(true);
  const colours = collect(spec, 'range').flat().filter((c): c is string => typeof c === 'string' && c.startsWith('#'));
  const values = collect(spec, 'color').map((c) => (c as { value?: unknown }).value).filter((c): c is string => typeof c === 'string' && c.startsWith('#'));
  for (const c of [...colours, ...values]) expect(PALETTE.has(c.toUpperCase()), `${c} is an Okabe-Ito colour`).toBe(true);
  expect(compileChart(chart).warnings).toEqual([]);
}

/** Reliability is marked: every drawn datum carries its label, the opacity channel maps the levels, and the tooltip shows it. */
export function expectReliabilityMarked(chart: Chart): void {
  const data = drawn(chart);
  expect(data.some((d) => d['reliability'] !== 'reliable')).toBe(true);
  for (const d of data) expect(d['reliability_label']).toBe({ reliable: 'Reliable', 'less-reliable': 'Less reliable', unreliable: 'Unreliable' }[d['reliability'] as string]);
  const channels = [...collect(chart.spec, 'opacity'), ...collect(chart.spec, 'strokeDash')].filter((o) => (o as { field?: string }).field === 'reliability_label');
  expect(channels.length).toBeGreaterThan(0);
  expect((channels[0] as { scale: { domain: string[] } }).scale.domain).toEqual(['Reliable', 'Less reliable', 'Unreliable']);
  const tooltips = JSON.stringify(collect(chart.spec, 'tooltip'));
  expect(tooltips).toContain('"field":"reliability_label"');
}
