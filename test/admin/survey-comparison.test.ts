/** Survey-register comparison: coverage ratio arithmetic (delta method), cell matching, filters, suppressed cells. */
import { describe, expect, it } from 'vitest';
import { COMPARISON_COLUMNS, compareWithSurvey, coverageRatio, surveyCellsFromIndicators, surveyCellsFromTable } from '../../src/admin/survey-comparison.js';
import { registerCell } from '../../src/admin/stocks.js';
import type { IndicatorTable } from '../../src/indicators/cell.js';
import { tableFromArrays } from '../../src/io/table.js';

const Z = 1.959963984540054;

describe('coverageRatio', () => {
  it('R / S with se = R se(S) / S^2 and a normal interval', () => {
    const c = coverageRatio(900, 1000, 50);
    expect(c.coverage).toBe(0.9);
    expect(c.se).toBeCloseTo(0.045, 15);
    expect(c.ci_low).toBeCloseTo(0.9 - Z * 0.045, 12);
    expect(c.ci_high).toBeCloseTo(0.9 + Z * 0.045, 12);
    const c90 = coverageRatio(1200, 1000, 100, 0.9);
    expect(c90.se).toBeCloseTo(0.12, 15);
    expect(c90.ci_high - c90.coverage).toBeCloseTo(1.6448536269514722 * 0.12, 12);
    // truncated at 0
    expect(coverageRatio(10, 100, 80).ci_low).toBe(0);
    expect(() => coverageRatio(1, 1, 1, 1.5)).toThrow('level 1.5');
  });
});

describe('compareWithSurvey', () => {
  const register: IndicatorTable[] = [
    { indicator: 'MGS_PRMP_SEX_NB', label: 'persons', measure: 'P', cells: [registerCell('MGS_PRMP_SEX_NB', 'SEX_T', null, 'NB', 900, 900), registerCell('MGS_PRMP_SEX_NB', 'SEX_M', null, 'NB', 600, 600), { ...registerCell('MGS_PRMP_SEX_NB', 'SEX_F', null, 'NB', 3, 3), suppressed: 'primary' }] },
    { indicator: 'MGS_PRMP_SEX_CCT_NB', label: 'persons', measure: 'P', cells: [registerCell('MGS_PRMP_SEX_CCT_NB', 'SEX_T', 'CCT_CTZ_PHL', 'NB', 300, 300), registerCell('MGS_PRMP_SEX_CCT_NB', 'SEX_T', 'CCT_CTZ_IND', 'NB', 200, 200)] },
  ];
  // tidy rows as migstat indicators writes them
  const tidy = tableFromArrays({
    indicator: ['MST_TEMP_SEX_AGE_CCT_NB', 'MST_TEMP_SEX_AGE_CCT_NB', 'MST_TEMP_SEX_AGE_CCT_NB', 'MST_TEMP_SEX_AGE_CCT_NB', 'MGS_MIGW_SEX_CTY_NB'],
    sex: ['SEX_T', 'SEX_T', 'SEX_M', 'SEX_F', 'SEX_T'],
    classif1: ['AGE_YTHADULT_YGE15', 'AGE_YTHADULT_YGE15', 'AGE_YTHADULT_YGE15', 'AGE_YTHADULT_YGE15', 'CCT_CTZ_PHL'],
    classif2: ['CCT_CIT_NONCIT', 'CCT_CIT_CITIZEN', 'CCT_CIT_NONCIT', 'CCT_CIT_NONCIT', null],
    estimate: [1000, 50000, 640, 360, 400],
    se: [50, 900, 40, 30, 80],
    ci_low: [902, 48236, 561.6, 301.2, 243.2],
    ci_high: [1098, 51764, 718.4, 418.8, 556.8],
  }, 'indicators.csv');

  it('matches on sex, narrowed by fixed codes; the ratio and interval per cell', () => {
    const rows = compareWithSurvey(register, surveyCellsFromTable(tidy), { registerIndicator: 'MGS_PRMP_SEX_NB', surveyIndicator: 'MST_TEMP_SEX_AGE_CCT_NB', surveyFilter: { classif1: 'AGE_YTHADULT_YGE15', classif2: 'CCT_CIT_NONCIT' } });
    expect(rows.map((r) => [r.sex, r.register, r.survey, r.coverage, r.note])).toEqual([
      ['SEX_T', 900, 1000, 0.9, null],
      ['SEX_M', 600, 640, 600 / 640, null],
      ['SEX_F', null, 360, null, 'register suppressed'],
    ]);
    expect(rows[0]).toMatchObject({ survey_se: 50, survey_ci_low: 902, survey_ci_high: 1098 });
    expect(rows[1]!.coverage_se).toBeCloseTo((600 * 40) / 640 ** 2, 15);
    expect(Object.keys(rows[0]!)).toEqual([...COMPARISON_COLUMNS]);
  });

  it('matches a classification in classif1 or classif2; several survey cells for a total are an error', () => {
    const rows = compareWithSurvey(register, surveyCellsFromTable(tidy), { registerIndicator: 'MGS_PRMP_SEX_CCT_NB', surveyIndicator: 'MGS_MIGW_SEX_CTY_NB' });
    expect(rows.map((r) => [r.classif, r.coverage, r.note])).toEqual([['CCT_CTZ_PHL', 0.75, null], ['CCT_CTZ_IND', null, 'no survey cell']]);
    expect(() => compareWithSurvey(register, surveyCellsFromTable(tidy), { registerIndicator: 'MGS_PRMP_SEX_NB', surveyIndicator: 'MST_TEMP_SEX_AGE_CCT_NB' })).toThrow('has 2 cells for SEX_T');
    expect(() => compareWithSurvey(register, surveyCellsFromTable(tidy), { registerIndicator: 'MGS_PRMP_SEX_NB', surveyIndicator: 'NOPE' })).toThrow('no survey cells of NOPE');
  });

  it('survey cells from IndicatorCells: suppressed ones give no coverage', () => {
    const s = surveyCellsFromIndicators([{ ...registerCell('X', 'SEX_T', null, 'NB', 1000, 10), se: 100, suppressed: 'secondary' }]);
    const rows = compareWithSurvey(register, s, { registerIndicator: 'MGS_PRMP_SEX_NB', surveyIndicator: 'X' });
    expect(rows[0]).toMatchObject({ survey: null, coverage: null, note: 'survey suppressed' });
  });
});
