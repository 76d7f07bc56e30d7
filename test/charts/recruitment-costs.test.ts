import { describe, expect, it } from 'vitest';
import { type RecruitmentCostRow, recruitmentCostChart } from '../../src/charts/recruitment-costs.js';
import { chartSvg } from '../../src/charts/render.js';
import { drawn, expectCommon, expectReliabilityMarked } from './support.js';

/** A constructed SDG 10.7.1 table: four corridors, one less reliable, one unreliable, one suppressed. */
const TABLE: RecruitmentCostRow[] = [
  { corridor: 'Nepal - Atlantis', estimate: 2.4, ci_low: 1.9, ci_high: 2.9, reliability: 'reliable', suppressed: null },
  { corridor: 'Philippines - Atlantis', estimate: 1.1, ci_low: 0.8, ci_high: 1.4, reliability: 'less-reliable', suppressed: null },
  { corridor: 'Senegal - Atlantis', estimate: 3.2, ci_low: 1.0, ci_high: 5.4, reliability: 'unreliable', suppressed: null },
  { corridor: 'Bangladesh - Atlantis', estimate: null, ci_low: null, ci_high: null, reliability: 'unreliable', suppressed: 'primary' },
];
const SOURCE = 'Source: Atlantis recruitment cost survey 2024, migstat estimates';

describe('recruitmentCostChart', () => {
  const chart = recruitmentCostChart(TABLE, { source: SOURCE, reference: 'Atlantis, 2024' });

  it('draws corridors, highest first, with intervals, in months of earnings', () => {
    expectCommon(chart, ['Months of earnings at destination'], SOURCE);
    expect(chart.title).toBe('Recruitment costs by corridor (SDG 10.7.1), Atlantis, 2024');
    expect(drawn(chart).map((d) => [d['corridor'], d['value'], d['low'], d['high']])).toEqual([
      ['Senegal - Atlantis', 3.2, 1.0, 5.4], ['Nepal - Atlantis', 2.4, 1.9, 2.9], ['Philippines - Atlantis', 1.1, 0.8, 1.4],
    ]);
    expect(chart.alt).toContain('Highest: Senegal - Atlantis, 3.20 (1.00 to 5.40).');
    expectReliabilityMarked(chart);
  });

  it('leaves the suppressed corridor out, says so, and draws the title', async () => {
    expect(chart.suppressed).toBe(1);
    expect(JSON.stringify(drawn(chart))).not.toContain('Bangladesh');
    expect(JSON.stringify(chart.spec)).toContain('1 cell not shown: suppressed for confidentiality.');
    expect(await chartSvg(chart)).toContain('>Recruitment costs by corridor (SDG 10.7.1), Atlantis, 2024</text>');
  });

  it('takes another unit and needs at least one corridor', () => {
    expectCommon(recruitmentCostChart(TABLE, { unit: 'US dollars (PPP)', source: SOURCE }), ['US dollars (PPP)'], SOURCE);
    expect(() => recruitmentCostChart([])).toThrow('chart recruitment-costs needs corridor estimates (SDG 10.7.1): none given');
  });
});
