/** Evidence from statistics: cells with their intervals, migrant gaps of two cells, thresholds and the previous round. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type IndicatorRow, assessEvidence, indicatorRowsFromTables, readIndicatorRows } from '../../src/coherence/evidence.js';
import type { IndicatorTable } from '../../src/indicators/cell.js';
import type { EvidenceLink } from '../../src/coherence/rubric.js';
import { critical } from '../../src/survey/distributions.js';
import { INDICATORS, atlantis } from './support.js';

const link = (over: Partial<EvidenceLink>): EvidenceLink => ({ id: 'e', dimension: 'd', label: 'L', indicator: 'X', kind: 'value', sex: 'SEX_T', unit: 'pp', adverse: 'above', ...over });
const row = (over: Partial<IndicatorRow>): IndicatorRow => ({ indicator: 'X', sex: 'SEX_T', classif1: null, classif2: null, time: '2024', estimate: 1, se: 1, ci_low: null, ci_high: null, df: 100, suppressed: null, ...over });

describe('evidence', () => {
  it('a value cell keeps its published interval; the status reads the whole interval against the threshold', () => {
    const rows = [row({ estimate: 4, se: 1.2, ci_low: 1.6, ci_high: 6.4 })];
    expect(assessEvidence([link({ threshold: 0 })], rows)[0]).toMatchObject({ estimate: 4, ci_low: 1.6, ci_high: 6.4, status: 'adverse' });
    expect(assessEvidence([link({ threshold: 2 })], rows)[0]!.status).toBe('inconclusive');
    expect(assessEvidence([link({ threshold: 7 })], rows)[0]!.status).toBe('favourable');
    expect(assessEvidence([link({ threshold: 0, adverse: 'below' })], rows)[0]!.status).toBe('favourable');
    expect(assessEvidence([link({ threshold: 0 })], [row({ suppressed: 'primary', estimate: null })])[0]!.status).toBe('not available');
  });

  it('migrant-gap: migrant minus non-migrant cell, SE sqrt(se1^2 + se2^2), t interval on the smaller df; {MIG} resolved', () => {
    const rows = [
      row({ indicator: 'R_CCT', classif1: 'CCT_CIT_NONCIT', estimate: 20, se: 3, df: 50 }),
      row({ indicator: 'R_CCT', classif1: 'CCT_CIT_CITIZEN', estimate: 12, se: 4, df: 80 }),
      row({ indicator: 'R_CCT', classif1: 'CCT_CIT_TOTAL', estimate: 13, se: 1 }),
    ];
    const e = assessEvidence([link({ indicator: 'R_{MIG}', kind: 'migrant-gap' })], rows)[0]!;
    expect(e.indicator).toBe('R_CCT');
    expect(e.estimate).toBe(8);
    expect(e.se).toBeCloseTo(5, 14);
    expect(e.ci_low).toBeCloseTo(8 - critical(0.95, 50) * 5, 12);
    expect(e.status).toBe('inconclusive');
  });

  it('the previous round: the earlier time in the rows, or the previous rows given; without a threshold the change decides', () => {
    const rows = [row({ time: '2024Q1', estimate: 10, se: 1 }), row({ time: '2024Q2', estimate: 14, se: 1 })];
    const e = assessEvidence([link({})], rows)[0]!;
    expect([e.time, e.previous_time, e.previous_estimate, e.change]).toEqual(['2024Q2', '2024Q1', 10, 4]);
    expect(e.change_ci_low).toBeCloseTo(4 - critical(0.95, 100) * Math.SQRT2, 12);
    expect(e.status).toBe('adverse');
    const p = assessEvidence([link({})], [rows[1]!], { previous: [row({ time: '2023Q4', estimate: 15, se: 1 })] })[0]!;
    expect([p.previous_time, p.change, p.status]).toEqual(['2023Q4', -1, 'inconclusive']);
  });

  it('Atlantis: the linked indicators from migstat results (json), the latest quarter against the one before; permit time not available', async () => {
    const { result } = await atlantis();
    const file = JSON.parse(readFileSync(`${INDICATORS}/indicators.json`, 'utf8')) as IndicatorRow[];
    const un = result.evidence.find((e) => e.id === 'unemployment-gap')!;
    const cell = file.find((r) => r.indicator === 'MGS_GAP_TUNE_SEX_CBR_RT' && r.sex === 'SEX_T' && r.time === '2024Q2')!;
    expect([un.estimate, un.ci_low, un.ci_high, un.time, un.previous_time]).toEqual([cell.estimate, cell.ci_low, cell.ci_high, '2024Q2', '2024Q1']);
    expect(result.evidence.find((e) => e.id === 'recruitment-cost')).toMatchObject({ indicator: 'MGS_RCI_SEX_MO', time: '2024', status: 'adverse' });
    expect(result.evidence.find((e) => e.id === 'permit-processing')).toMatchObject({ status: 'not available', estimate: null });
    expect(result.gaps.map((g) => g.dimension)).toContain('recruitment');
    for (const g of result.gaps) expect(g.low_score || g.adverse_evidence.length > 0).toBe(true);
    expect((await readIndicatorRows([INDICATORS, `${INDICATORS}/indicators.json`])).length).toBe(file.length);
  });

  it('indicator tables held in memory (IndicatorTable) give the same evidence as their tidy rows', () => {
    const cell = { indicator: 'MGS_GAP_TUNE_SEX_CBR_RT', sex: 'SEX_T', classif1: null, classif2: null, unit: 'GAP' as const, estimate: 4, se: 1, ci_low: 2, ci_high: 6, df: 90, deff: NaN, cv: 0.25, n: NaN, n_domain: NaN, N: NaN, reliability: 'reliable' as const };
    const tables: IndicatorTable[] = [{ indicator: cell.indicator, label: 'gap', cells: [cell, { ...cell, sex: 'SEX_M', suppressed: 'primary' }] }];
    const rows = indicatorRowsFromTables(tables, '2024Q1');
    expect(rows[1]).toMatchObject({ sex: 'SEX_M', suppressed: 'primary', time: '2024Q1' });
    const e = assessEvidence([link({ indicator: 'MGS_GAP_TUNE_SEX_{MIG}_RT', threshold: 0 })], rows)[0]!;
    expect([e.estimate, e.ci_low, e.ci_high, e.status, e.time]).toEqual([4, 2, 6, 'adverse', '2024Q1']);
  });
});
