/** Derivation and the indicator engine on a small hand-built standard table, against direct calls of the estimation core. */
import { describe, expect, it } from 'vitest';
import { ILMS_CORE, resolveCriterion } from '../../src/indicators/catalogue.js';
import { computeIndicators } from '../../src/indicators/compute.js';
import { deriveIndicatorData } from '../../src/indicators/derive.js';
import { tableFromArrays } from '../../src/io/table.js';
import { svyDesign } from '../../src/survey/design.js';
import { estimate } from '../../src/survey/estimate.js';

// 14 records: 12 persons (one not usual resident, one aged 10) and 2 members abroad; yes/no items as the profile gives them
const Y = 'yes';
const N = 'no';
const rows: [string, string, number, string | null, string, string | null, string | null, string | null, string | null, number, number, number, number][] = [
  // record, sex, age, cob, citizenship, worked, absent, search, avail, months, intended, weight, psu
  ['person', 'M', 30, 'ATL', 'ATL', Y, null, null, null, NaN, NaN, 10, 1],
  ['person', 'F', 41, 'ATL', 'ATL', N, Y, null, null, NaN, NaN, 12, 1],
  ['person', 'F', 25, 'IND', 'IND', N, N, Y, Y, 40, 996, 8, 2],
  ['person', 'M', 52, 'IND', 'ATL', Y, null, null, null, 200, 996, 9, 2],
  ['person', 'F', 67, 'ATL', 'ATL', N, N, N, N, NaN, NaN, 11, 3],
  ['person', 'M', 19, 'PHL', 'PHL', N, N, Y, N, 6, 24, 7, 3],
  ['person', 'F', 33, 'PHL', 'PHL', Y, null, null, null, 3, 6, 9, 4],
  ['person', 'M', 10, 'ATL', 'ATL', null, null, null, null, NaN, NaN, 10, 4],
  ['person', 'F', 45, null, 'ATL', Y, null, null, null, NaN, NaN, 10, 5],
  ['person', 'M', 38, 'ATL', 'IND', N, N, Y, Y, NaN, NaN, 13, 5],
  ['person', 'F', 29, 'ROU', 'ROU', Y, null, null, null, 30, 996, 6, 6],
  ['person', 'M', 60, 'ATL', 'ATL', Y, null, null, null, NaN, NaN, 14, 6],
  ['absent_member', 'M', 28, null, 'ATL', null, null, null, null, NaN, NaN, 10, 1],
  ['absent_member', 'F', 12, null, 'ATL', null, null, null, null, NaN, NaN, 8, 3],
];
const col = <T>(k: number): T[] => rows.map((r) => r[k] as T);
const table = tableFromArrays({
  record: col<string>(0), sex: col<string>(1), age: Float64Array.from(col<number>(2)), country_of_birth: col<string | null>(3), citizenship: col<string>(4),
  worked_for_pay_or_profit: col<string | null>(5), temporary_absence: col<string | null>(6), job_search_4_weeks: col<string | null>(7), available: col<string | null>(8),
  months_in_country: Float64Array.from(col<number>(9)), intended_stay_months: Float64Array.from(col<number>(10)),
  weight: Float64Array.from(col<number>(11)), psu: Float64Array.from(col<number>(12)),
});

describe('deriveIndicatorData', () => {
  const d = deriveIndicatorData(table, { country: 'ATL' });

  it('keeps usual residents aged 15+ of person records, counting who is left out and why', () => {
    expect(Array.from(d.data.variables.wap)).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0]);
    expect(d.exclusions).toEqual(expect.arrayContaining([{ reason: expect.stringMatching(/not a usual resident \(12-months rule\)/), count: 1 }]));
    expect(Array.from(d.data.variables.employed)).toEqual([1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0]);
    expect(Array.from(d.data.variables.unemployed)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(Array.from(d.data.variables.national_abroad)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('chooses birth when the table has country of birth; a missing one is CBR_BIR_X, counted, never replaced by citizenship', () => {
    expect(d.criterion).toBe('birth');
    const m = d.data.classifications.migrant;
    const code = (i: number) => (m.codes[i]! < 0 ? null : m.levels[m.codes[i]!]);
    expect([0, 2, 3, 8, 9].map(code)).toEqual(['CBR_BIR_NATIVE', 'CBR_BIR_FOREIGN', 'CBR_BIR_FOREIGN', 'CBR_BIR_X', 'CBR_BIR_NATIVE']);
    expect(d.exclusions).toEqual(expect.arrayContaining([{ reason: expect.stringMatching(/CBR_BIR_X/), count: 1 }]));
    const byCitizenship = deriveIndicatorData(table, { country: 'ATL', criterion: 'citizenship' });
    const c = byCitizenship.data.classifications.migrant;
    expect([3, 9].map((i) => c.levels[c.codes[i]!])).toEqual(['CCT_CIT_CITIZEN', 'CCT_CIT_NONCIT']);
    const noBirth = tableFromArrays({ ...Object.fromEntries(table.names.filter((n) => n !== 'country_of_birth').map((n) => [n, col<never>(table.names.indexOf(n))])), age: Float64Array.from(col<number>(2)) });
    expect(deriveIndicatorData(noBirth, { country: 'ATL' }).criterion).toBe('citizenship');
  });

  it('the 6-month rule takes in the person present 3 months who intends to stay 6', () => {
    expect(deriveIndicatorData(table, { country: 'ATL', residenceRule: '6-months' }).data.variables.wap[6]).toBe(1);
  });
});

describe('computeIndicators', () => {
  const d = deriveIndicatorData(table, { country: 'ATL' });
  const design = svyDesign(table, { weight: 'weight', psu: ['psu'] });
  const defs = ILMS_CORE.map((x) => resolveCriterion(x, 'birth')).filter((x) => ['MST_TEAP_SEX_AGE_CBR_NB', 'MST_TEAP_SEX_AGE_CBR_RT', 'MGS_NATA_SEX_NB', 'MGS_GAP_TEAP_SEX_CBR_RT'].includes(x.code));
  const tables = computeIndicators(design, d.data, defs);
  const cell = (code: string, sex: string, c1: string | null, c2: string | null) => tables.find((t) => t.indicator === code)!.cells.find((c) => c.sex === sex && c.classif1 === c1 && c.classif2 === c2)!;

  it('a rate cell is the core ratio estimator on its domain (x 100), with the design df of the table set', () => {
    const lfpr = cell('MST_TEAP_SEX_AGE_CBR_RT', 'SEX_F', 'AGE_YTHADULT_YGE15', 'CBR_BIR_FOREIGN');
    const data = { nrows: table.nrows, column: (n: string) => (n === 'lf' ? { kind: 'number' as const, values: d.data.variables.lf } : n === 'wap' ? { kind: 'number' as const, values: d.data.variables.wap } : n === 'dom' ? { kind: 'number' as const, values: Float64Array.from(d.data.classifications.sex.codes, (s, i) => (s === 1 && d.data.classifications.migrant.levels[d.data.classifications.migrant.codes[i]!] === 'CBR_BIR_FOREIGN' ? 1 : 0)) } : table.column(n)) };
    const [direct] = estimate({ ...design, data }, [{ statistic: 'ratio', numerator: 'lf', denominator: 'wap' }], { where: [{ column: 'dom', op: '=', value: '1' }] }).results;
    expect(lfpr.estimate).toBeCloseTo(direct!.estimate * 100, 12);
    expect(lfpr.se).toBeCloseTo(direct!.se * 100, 12);
    // persons 3 and 11 (weights 8 and 6): one in the labour force each
    expect(lfpr.estimate).toBeCloseTo(100, 12);
    expect([lfpr.n, lfpr.n_domain]).toEqual([2, 2]);
    expect(lfpr.df).toBe(5);
  });

  it('count tables add up over sex and classifications, totals included', () => {
    const t = tables.find((x) => x.indicator === 'MST_TEAP_SEX_AGE_CBR_NB')!;
    expect(t.measure).toBe('LF');
    for (const c1 of ['AGE_YTHADULT_YGE15', 'AGE_YTHADULT_Y15-24', 'AGE_YTHADULT_YGE25']) {
      for (const c2 of ['CBR_BIR_TOTAL', 'CBR_BIR_NATIVE', 'CBR_BIR_FOREIGN']) {
        const total = cell('MST_TEAP_SEX_AGE_CBR_NB', 'SEX_T', c1, c2)?.estimate ?? 0;
        const parts = ['SEX_M', 'SEX_F'].reduce((a, s) => a + (cell('MST_TEAP_SEX_AGE_CBR_NB', s, c1, c2)?.estimate ?? 0), 0);
        expect(total).toBeCloseTo(parts, 9);
      }
    }
    // labour force: 10 + 12 + 8 + 9 + 10 + 13 + 6 + 14 (the PHL jobseeker of 19 is not available)
    expect(cell('MST_TEAP_SEX_AGE_CBR_NB', 'SEX_T', 'AGE_YTHADULT_YGE15', 'CBR_BIR_TOTAL').estimate).toBe(82);
    expect(tables.find((x) => x.indicator === 'MST_TEAP_SEX_AGE_CBR_RT')).toMatchObject({ numeratorMeasure: 'LF' });
  });

  it('nationals abroad count the members abroad by their own sex; the gap is migrants minus non-migrants in points', () => {
    expect(cell('MGS_NATA_SEX_NB', 'SEX_T', null, null).estimate).toBe(10);
    expect(cell('MGS_NATA_SEX_NB', 'SEX_M', null, null).estimate).toBe(10);
    const gap = cell('MGS_GAP_TEAP_SEX_CBR_RT', 'SEX_T', null, null);
    const rate = (m: string) => cell('MST_TEAP_SEX_AGE_CBR_RT', 'SEX_T', 'AGE_YTHADULT_YGE15', m).estimate;
    expect(gap.estimate).toBeCloseTo(rate('CBR_BIR_FOREIGN') - rate('CBR_BIR_NATIVE'), 10);
    expect(gap.se).toBeGreaterThan(0);
  });
});
