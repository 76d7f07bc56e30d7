import { describe, expect, it } from 'vitest';
import { ChartError } from '../../src/charts/chart.js';
import { pyramidChart } from '../../src/charts/pyramid.js';
import { MIGRANT_COLOURS } from '../../src/charts/style.js';
import { Q1, SOURCE, collect, drawn, expectCommon, expectReliabilityMarked, rows } from './support.js';

describe('pyramidChart', () => {
  const chart = pyramidChart(rows(Q1), { source: SOURCE });

  it('draws men to the left and women to the right by five-year band and migrant status, in thousands', () => {
    expectCommon(chart, ['Thousands of persons']);
    expect(chart.id).toBe('pyramid');
    expect(chart.title).toBe('Working-age population by sex, age and migrant status, Atlantis, 2024Q1');
    const data = drawn(chart);
    expect(data.length).toBe(2 * 11 * 2);
    expect(data.filter((d) => d['sex'] === 'Men').every((d) => (d['x'] as number) < 0)).toBe(true);
    expect(data.filter((d) => d['sex'] === 'Women').every((d) => (d['x'] as number) > 0)).toBe(true);
    expect(new Set(data.map((d) => d['age']))).toEqual(new Set(['15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65+']));
    expect(collect(chart.spec, 'range')).toContainEqual([MIGRANT_COLOURS.nonMigrant, MIGRANT_COLOURS.migrant]);
    expect(chart.alt).toMatch(/Population pyramid .* Atlantis, 2024Q1 .* thousand persons, of whom [\d.,]+ thousand \([\d.]+%\) are migrants/);
  });

  it('marks less reliable and unreliable bands', () => expectReliabilityMarked(chart));

  it('leaves suppressed cells out and says how many', () => {
    const input = rows(Q1).map((r) => (r.indicator === 'MGS_XWAP_SEX_AGE5_CBR_NB' && r.sex === 'SEX_F' && r.classif1 === 'AGE_5YRBANDS_YGE65' && r.classif2 === 'CBR_BIR_FOREIGN'
      ? { ...r, estimate: null, ci_low: null, ci_high: null, suppressed: 'primary' as const } : r));
    const c = pyramidChart(input, { source: SOURCE });
    expect(c.suppressed).toBe(1);
    expect(drawn(c).length).toBe(43);
    expect(drawn(c).some((d) => d['sex'] === 'Women' && d['age'] === '65+' && String(d['group']).startsWith('Migrants'))).toBe(false);
    expect(JSON.stringify(c.spec)).toContain('1 cell not shown: suppressed for confidentiality.');
  });

  it('names the missing indicator', () => {
    expect(() => pyramidChart(rows(Q1).filter((r) => !String(r.indicator).includes('AGE5')))).toThrow(ChartError);
    expect(() => pyramidChart([])).toThrow('chart pyramid needs indicator not in the rows: MGS_XWAP_SEX_AGE5_CBR_NB or MGS_XWAP_SEX_AGE5_CCT_NB');
  });
});
