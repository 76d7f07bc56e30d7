import { describe, expect, it } from 'vitest';
import { labourRatesChart } from '../../src/charts/labour-rates.js';
import type { TidyRow } from '../../src/indicators/tidy.js';
import { Q1, SOURCE, collect, drawn, expectCommon, rows } from './support.js';

/** The rows with women migrants' LFPR suppressed, as tidyRows blanks a suppressed cell. */
function withSuppressed(): TidyRow[] {
  return rows(Q1).map((r) => (r.indicator === 'MST_TEAP_SEX_AGE_CBR_RT' && r.sex === 'SEX_F' && r.classif2 === 'CBR_BIR_FOREIGN'
    ? { ...r, estimate: null, se: null, ci_low: null, ci_high: null, suppressed: 'secondary' as const } : r));
}

describe('labourRatesChart', () => {
  const chart = labourRatesChart(rows(Q1), { source: SOURCE });

  it('draws LFPR, EPR, UR and LU3 of migrants and non-migrants by sex, in per cent, with interval rules', () => {
    expectCommon(chart, ['Per cent (%)']);
    const data = drawn(chart);
    expect(new Set(data.map((d) => d['measure']))).toEqual(new Set(['Labour force participation rate', 'Employment-to-population ratio', 'Unemployment rate', 'Labour underutilization LU3']));
    expect(data.length).toBe(4 * 3 * 2);
    for (const d of data) expect(d['low'] as number).toBeLessThanOrEqual(d['value'] as number);
    expect(collect(chart.spec, 'x2')).toContainEqual({ field: 'high' });
    expect(chart.alt).toMatch(/Labour force participation rate: migrants \(foreign-born\) [\d.]+%, non-migrants \(native-born\) [\d.]+%\./);
    expect(JSON.stringify(chart.spec)).toContain('Lines: 95% confidence intervals.');
  });

  it('marks the less reliable rate (women migrants\u2019 unemployment) in data, legend and tooltip', () => {
    const weak = drawn(chart).filter((d) => d['reliability'] !== 'reliable');
    expect(weak.map((d) => [d['measure'], d['sex'], d['reliability_label']])).toEqual([['Unemployment rate', 'Women', 'Less reliable']]);
    expect(JSON.stringify(chart.spec)).toContain('Lighter bars: 1 less reliable or unreliable estimate (see legend).');
    expect(JSON.stringify(collect(chart.spec, 'opacity'))).toContain('"range":[1,0.45,0.12]');
  });

  it('leaves a suppressed rate out of the data and counts it in the notes and alt text', () => {
    const c = labourRatesChart(withSuppressed(), { source: SOURCE });
    expect(c.suppressed).toBe(1);
    expect(drawn(c).length).toBe(23);
    expect(drawn(c).some((d) => d['measure'] === 'Labour force participation rate' && d['sex'] === 'Women' && String(d['group']).startsWith('Migrants'))).toBe(false);
    expect(JSON.stringify(c.spec)).toContain('1 cell not shown: suppressed for confidentiality.');
    expect(c.alt).toContain('1 suppressed cells are not shown.');
  });

  it('draws without LU3 and names the missing rates', () => {
    const noLu3 = labourRatesChart(rows(Q1).filter((r) => r.indicator !== 'MGS_LU3_SEX_CBR_RT'));
    expect(new Set(drawn(noLu3).map((d) => d['measure'])).size).toBe(3);
    expect(() => labourRatesChart(rows(Q1).filter((r) => r.indicator !== 'MST_TUNE_SEX_AGE_CBR_RT')))
      .toThrow('chart labour-rates needs indicator not in the rows: MST_TUNE_SEX_AGE_CBR_RT or MST_TUNE_SEX_AGE_CCT_RT');
  });

  it('draws the citizenship criterion when asked, and says the birth indicators are missing otherwise', () => {
    const cct = rows(Q1).map((r) => ({ ...r, indicator: String(r.indicator).replace('_CBR_', '_CCT_'), classif1: r.classif1 === null ? null : String(r.classif1).replace('CBR_BIR_FOREIGN', 'CCT_CIT_NONCIT').replace('CBR_BIR_NATIVE', 'CCT_CIT_CITIZEN'), classif2: r.classif2 === null ? null : String(r.classif2).replace('CBR_BIR_FOREIGN', 'CCT_CIT_NONCIT').replace('CBR_BIR_NATIVE', 'CCT_CIT_CITIZEN') }));
    const c = labourRatesChart(cct, { criterion: 'citizenship' });
    expect(new Set(drawn(c).map((d) => d['group']))).toEqual(new Set(['Migrants (non-citizens)', 'Non-migrants (citizens)']));
    expect(() => labourRatesChart(cct, { criterion: 'birth' })).toThrow(/MST_TEAP_SEX_AGE_CBR_RT, MST_TEMP_SEX_AGE_CBR_RT, MST_TUNE_SEX_AGE_CBR_RT$/);
  });
});
