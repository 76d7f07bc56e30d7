import { describe, expect, it } from 'vitest';
import { CHART_KINDS, chartFor, chartsFor, isChartKind } from '../../src/charts/charts-for.js';
import { CHANGE, Q1, rows } from './support.js';

describe('chartsFor', () => {
  it('builds every chart of a round\u2019s results and skips the change chart with the reason', () => {
    const { charts, skipped } = chartsFor(rows(Q1), { source: 'S' });
    expect(charts.map((c) => c.id)).toEqual(CHART_KINDS.filter((k) => k !== 'round-change'));
    expect(skipped).toEqual([{ kind: 'round-change', reason: expect.stringContaining('chart round-change needs indicators not in the rows: MGS_CHG_MST_TEAP_SEX_AGE_CBR_RT') }]);
  });

  it('builds the change chart from change tables and skips the others', () => {
    const { charts, skipped } = chartsFor(rows(CHANGE));
    expect(charts.map((c) => c.id)).toEqual(['round-change']);
    expect(skipped.map((s) => s.kind)).toEqual(CHART_KINDS.filter((k) => k !== 'round-change'));
    expect(skipped.find((s) => s.kind === 'origin-map')?.reason).toBe('chart origin-map needs indicator not in the rows: MGS_MIGW_SEX_CTY_NB');
  });

  it('will not draw a chart whose cells are all suppressed', () => {
    const input = rows(Q1).map((r) => (r.indicator === 'MGS_MIGW_SEX_REG_NB' ? { ...r, estimate: null, suppressed: 'secondary' as const } : r));
    expect(() => chartFor('origin-region', input)).toThrow('chart origin-region: no cell to draw (all 5 suppressed)');
  });

  it('builds one kind, and knows its kinds', () => {
    expect(chartFor('employment-industry', rows(Q1)).id).toBe('employment-industry');
    expect(isChartKind('pyramid')).toBe(true);
    expect(isChartKind('pie')).toBe(false);
    expect(() => chartFor('pie' as never, rows(Q1))).toThrow('unknown chart kind "pie"');
  });
});
