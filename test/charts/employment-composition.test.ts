import { describe, expect, it } from 'vitest';
import { employmentCompositionChart } from '../../src/charts/employment-composition.js';
import { Q1, SOURCE, drawn, expectCommon, expectReliabilityMarked, rows } from './support.js';

describe('employmentCompositionChart', () => {
  it('draws shares of each group\u2019s employment by occupation that add up to 100 per group', () => {
    const chart = employmentCompositionChart(rows(Q1), 'occupation', { source: SOURCE });
    expectCommon(chart, ['Share of the group\u2019s employment (%)']);
    expect(chart.id).toBe('employment-occupation');
    const data = drawn(chart);
    for (const group of ['Migrants (foreign-born)', 'Non-migrants (native-born)']) {
      const total = data.filter((d) => d['group'] === group).reduce((a, d) => a + (d['share'] as number), 0);
      expect(total).toBeCloseTo(100, 6);
    }
    expect(data.map((d) => d['category'])).toContain('1. Managers');
    expect(chart.alt).toMatch(/Largest for migrants: .+ \([\d.]+%\); for non-migrants: .+ \([\d.]+%\)\./);
    expectReliabilityMarked(chart);
  });

  it('leaves the suppressed industry cells out of the data and notes how many', () => {
    const input = rows(Q1);
    const suppressed = input.filter((r) => r.indicator === 'MST_TEMP_SEX_ECO_CBR_NB' && r.suppressed !== null);
    expect(suppressed.length).toBe(3);
    const chart = employmentCompositionChart(input, 'industry', { source: SOURCE });
    expectCommon(chart, ['Share of the group\u2019s employment (%)']);
    expect(chart.suppressed).toBe(3);
    const keys = new Set(drawn(chart).map((d) => `${d['category']}|${d['group']}`));
    const cells = input.filter((r) => r.indicator === 'MST_TEMP_SEX_ECO_CBR_NB' && r.classif1 !== 'ECO_ISIC4_TOTAL');
    expect(drawn(chart).length).toBe(cells.length - 3);
    expect(keys.size).toBe(cells.length - 3);
    expect(JSON.stringify(chart.spec)).toContain('3 cells not shown: suppressed for confidentiality.');
    expect(chart.alt).toContain('3 suppressed cells are not shown.');
  });

  it('draws status in employment and names its indicator when missing', () => {
    expect(drawn(employmentCompositionChart(rows(Q1), 'status')).map((d) => d['category'])).toContain('1. Employees');
    expect(() => employmentCompositionChart(rows(Q1).filter((r) => !String(r.indicator).includes('_STE_')), 'status'))
      .toThrow('chart employment-status needs indicator not in the rows: MST_TEMP_SEX_STE_CBR_NB or MST_TEMP_SEX_STE_CCT_NB');
  });
});
