import { describe, expect, it } from 'vitest';
import { roundChangeChart } from '../../src/charts/round-change.js';
import { CHANGE, Q1, collect, drawn, expectCommon, rows } from './support.js';

const SOURCE = 'Source: Atlantis LFS 2024Q1 and 2024Q2, migstat estimates';

describe('roundChangeChart', () => {
  const chart = roundChangeChart(rows(CHANGE), { source: SOURCE });

  it('draws changes in percentage points with intervals around a zero line, titled with the rounds', () => {
    expectCommon(chart, ['Change (percentage points)'], SOURCE);
    expect(chart.title).toBe('Change in labour force rates of migrants and non-migrants, Atlantis, 2024Q1 to 2024Q2');
    const data = drawn(chart);
    expect(new Set(data.map((d) => d['measure']))).toEqual(new Set(['Labour force participation rate', 'Unemployment rate', 'Employment-to-population ratio', 'Labour underutilization LU3']));
    expect(data.length).toBe(24);
    expect(data.some((d) => (d['low'] as number) < 0 && (d['high'] as number) > 0)).toBe(true);
    expect(collect(chart.spec, 'x')).toContainEqual({ datum: 0, type: 'quantitative' });
    expect(chart.alt).toMatch(/Labour force participation rate: migrants \(foreign-born\) [+-][\d.]+ pp, non-migrants \(native-born\) [+-][\d.]+ pp\./);
  });

  it('marks an unreliable change and leaves a suppressed one out', () => {
    const input = rows(CHANGE).map((r) => (r.indicator === 'MGS_CHG_MST_TUNE_SEX_AGE_CBR_RT' && r.sex === 'SEX_F' && r.classif2 === 'CBR_BIR_FOREIGN'
      ? { ...r, reliability: 'unreliable' as const } : r.indicator === 'MGS_CHG_MST_TEAP_SEX_AGE_CBR_RT' && r.sex === 'SEX_M' && r.classif2 === 'CBR_BIR_FOREIGN'
        ? { ...r, estimate: null, ci_low: null, ci_high: null, suppressed: 'secondary' as const } : r));
    const c = roundChangeChart(input, { source: SOURCE });
    expect(drawn(c).filter((d) => d['reliability'] === 'unreliable').map((d) => [d['measure'], d['sex']])).toEqual([['Unemployment rate', 'Women']]);
    expect(c.suppressed).toBe(1);
    expect(drawn(c).length).toBe(23);
    expect(JSON.stringify(c.spec)).toContain('Lighter dots: 1 less reliable or unreliable estimate (see legend).');
  });

  it('names the missing change tables (level tables are not changes)', () => {
    expect(() => roundChangeChart(rows(Q1))).toThrow('chart round-change needs indicators not in the rows: MGS_CHG_MST_TEAP_SEX_AGE_CBR_RT or MGS_CHG_MST_TEAP_SEX_AGE_CCT_RT, MGS_CHG_MST_TUNE_SEX_AGE_CBR_RT or MGS_CHG_MST_TUNE_SEX_AGE_CCT_RT');
  });
});
