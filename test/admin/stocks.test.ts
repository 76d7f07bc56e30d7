/** Stocks on hand-built registers (hand-computed), register cells, suppression, and the Atlantis work permits against truth.json. */
import { describe, expect, it } from 'vitest';
import type { IndicatorTable } from '../../src/indicators/cell.js';
import { checkPermits } from '../../src/admin/spells.js';
import { adminSuppression, ageOn, dimensionCodes, parseDimensions, stockTables } from '../../src/admin/stocks.js';
import { AdminError } from '../../src/admin/registers.js';
import { atlantisWorkPermits, hasAtlantis, truth } from './atlantis-support.js';
import { day, rec } from './records.js';

const cell = (tables: readonly IndicatorTable[], indicator: string, sex: string, classif1: string | null = null) => {
  const t = tables.find((x) => x.indicator === indicator);
  if (!t) throw new Error(`no table ${indicator}`);
  const c = t.cells.find((x) => x.sex === sex && x.classif1 === classif1);
  if (!c) throw new Error(`no cell ${indicator} ${sex} ${classif1}`);
  return c;
};

// On 2024-06-30: p1 (PHL, F, two overlapping permits), p2 (PHL, M), p3 (IND, M, born 2000-07-01: 23), p4 (not valid:
// expired), p5 (cancelled 2024-06-30: not valid), p6 (no sex, no nationality, occupation 7112)
const register = () => [
  rec({ permit: 'A', person: 'p1', sex: 'F', nationality: 'PHL', birth: '1990-01-15', occupation: '5322', industry: 'Q', type: 'work', start: '2024-01-01', end: '2024-12-31' }),
  rec({ permit: 'B', person: 'p1', sex: 'F', nationality: 'PHL', birth: '1990-01-15', occupation: '5322', industry: 'Q', type: 'work', start: '2024-06-01', end: '2025-05-31' }),
  rec({ permit: 'C', person: 'p2', sex: 'M', nationality: 'PHL', birth: '1985-03-01', occupation: '7112', industry: 'F', type: 'seasonal', start: '2024-03-01', end: '2024-09-30' }),
  rec({ permit: 'D', person: 'p3', sex: 'M', nationality: 'IND', birth: '2000-07-01', occupation: '2512', industry: 'J', type: 'highly skilled', start: '2023-01-01', end: '2025-12-31' }),
  rec({ permit: 'E', person: 'p4', sex: 'F', nationality: 'IND', start: '2023-01-01', end: '2024-06-29' }),
  rec({ permit: 'F', person: 'p5', sex: 'M', nationality: 'NPL', start: '2023-01-01', end: '2025-06-29', cancellation: '2024-06-30' }),
  rec({ permit: 'G', person: 'p6', occupation: '7112', start: '2024-06-30', end: '2024-07-01' }),
];

describe('stockTables', () => {
  const s = stockTables(register(), day('2024-06-30'), { by: ['nationality', 'age', 'occupation', 'sector', 'permit_type', 'nationality_region', 'nationality_income'] });

  it('counts valid permits and distinct persons (hand-computed)', () => {
    expect([s.permits, s.persons]).toEqual([5, 4]);
    expect(cell(s.tables, 'MGS_PRM_SEX_NB', 'SEX_T').estimate).toBe(5);
    expect(cell(s.tables, 'MGS_PRM_SEX_NB', 'SEX_F').estimate).toBe(2);
    expect(cell(s.tables, 'MGS_PRM_SEX_NB', 'SEX_M').estimate).toBe(2);
    expect(cell(s.tables, 'MGS_PRM_SEX_NB', 'SEX_X').estimate).toBe(1);
    expect(cell(s.tables, 'MGS_PRMP_SEX_NB', 'SEX_F').estimate).toBe(1);
    expect(cell(s.tables, 'MGS_PRMP_SEX_CCT_NB', 'SEX_T', 'CCT_CTZ_PHL').estimate).toBe(2);
    expect(cell(s.tables, 'MGS_PRMP_SEX_CCT_NB', 'SEX_T', 'CCT_CTZ_X').estimate).toBe(1);
    expect(cell(s.tables, 'MGS_PRM_SEX_CCT_NB', 'SEX_F', 'CCT_CTZ_PHL').estimate).toBe(2);
    // zero cells are there, so that every line adds up
    expect(cell(s.tables, 'MGS_PRMP_SEX_CCT_NB', 'SEX_F', 'CCT_CTZ_IND').estimate).toBe(0);
    expect(cell(s.tables, 'MGS_PRMP_SEX_OCU_NB', 'SEX_T', 'OCU_ISCO08_7').estimate).toBe(2);
    expect(cell(s.tables, 'MGS_PRMP_SEX_ECO_NB', 'SEX_T', 'ECO_ISIC4_X').estimate).toBe(1);
    expect(cell(s.tables, 'MGS_PRMP_SEX_PRT_NB', 'SEX_M', 'MGS_PRT_HIGHLY_SKILLED').estimate).toBe(1);
    expect(cell(s.tables, 'MGS_PRMP_SEX_REG_NB', 'SEX_T', 'ILO_REGION_ASP').estimate).toBe(3);
    expect(cell(s.tables, 'MGS_PRMP_SEX_INC_NB', 'SEX_T', 'WB_INCOME_LMC').estimate).toBe(3);
    // age at the reference date: p3 turns 24 on 2024-07-01, so is 23 (15-24)
    expect(cell(s.tables, 'MGS_PRMP_SEX_AGE_NB', 'SEX_T', 'AGE_AGGREGATE_Y15-24').estimate).toBe(1);
    expect(cell(s.tables, 'MGS_PRMP_SEX_AGE_NB', 'SEX_T', 'AGE_AGGREGATE_Y25-54').estimate).toBe(2);
    expect(cell(s.tables, 'MGS_PRMP_SEX_AGE_NB', 'SEX_T', 'AGE_AGGREGATE_X').estimate).toBe(1);
  });

  it('register cells are exact: se 0, the interval is the estimate, reliable', () => {
    const c = cell(s.tables, 'MGS_PRM_SEX_NB', 'SEX_T');
    expect(c).toMatchObject({ unit: 'NB', se: 0, ci_low: 5, ci_high: 5, cv: 0, n: 5, n_domain: 5, N: 5, reliability: 'reliable' });
    expect(Number.isNaN(c.df) && Number.isNaN(c.deff)).toBe(true);
  });

  it('suppression: cells under the minimum count are suppressed, with complements so that none can be recomputed', () => {
    const sup = adminSuppression(s.tables, { min_count: 2 });
    const t = sup.tables.find((x) => x.indicator === 'MGS_PRMP_SEX_NB')!;
    const byCode = Object.fromEntries(t.cells.map((c) => [c.sex, c.suppressed ?? null]));
    // SEX_F = 1, SEX_X = 1 (primary); SEX_M = 2 stays; SEX_T = 4
    expect(byCode).toEqual({ SEX_T: null, SEX_M: null, SEX_F: 'primary', SEX_X: 'primary' });
    expect(sup.suppressed.length).toBeGreaterThan(0);
    // every line (total and items) with a suppressed cell has at least two
    for (const table of sup.tables) {
      for (const sex of ['SEX_T', 'SEX_M', 'SEX_F', 'SEX_X']) {
        const line = table.cells.filter((c) => c.sex === sex && c.classif1 !== null);
        expect(line.filter((c) => c.suppressed).length === 1, `${table.indicator} ${sex}`).toBe(false);
      }
    }
    expect(adminSuppression(s.tables, { enabled: false }).tables.every((x) => x.cells.every((c) => !c.suppressed))).toBe(true);
  });

  it('ages in completed years; unknown breakdowns are errors', () => {
    expect(ageOn(day('2000-07-01'), day('2024-06-30'))).toBe(23);
    expect(ageOn(day('2000-07-01'), day('2024-07-01'))).toBe(24);
    expect(ageOn(day('2000-02-29'), day('2023-02-28'))).toBe(22);
    expect(() => parseDimensions(['nationality', 'colour'])).toThrow('--by colour: not a breakdown; breakdowns: sex, nationality');
    expect(parseDimensions(['sex', 'age', 'age'])).toEqual(['age']);
    expect(() => dimensionCodes([rec({ nationality: 'XYZ' })], 'nationality_region', () => 0)).toThrow(AdminError);
  });
});

describe.skipIf(!hasAtlantis)('Atlantis work permits: stocks with the truth key equal truth.json', () => {
  it('valid permits, persons and renewals starting on the date, overall and by nationality and sex', async () => {
    const t = truth();
    const { permits, log } = checkPermits(await atlantisWorkPermits());
    expect(log.reversed).toBe(0);
    for (const date of Object.keys(t.reference_dates)) {
      const w = t.reference_dates[date].work_permits;
      const s = stockTables(permits, day(date), { by: ['nationality'] });
      expect([s.permits, s.persons, s.renewalsStartingOnDate], date).toEqual([w.valid_permits, w.persons, w.renewals_starting_on_date]);
      for (const r of w.by_nationality_sex as { nationality: string; sex: string; valid_permits: number; persons: number }[]) {
        const sex = `SEX_${r.sex}`;
        const code = `CCT_CTZ_${r.nationality}`;
        expect(cell(s.tables, 'MGS_PRM_SEX_CCT_NB', sex, code).estimate, `${date} ${code} ${sex}`).toBe(r.valid_permits);
        expect(cell(s.tables, 'MGS_PRMP_SEX_CCT_NB', sex, code).estimate, `${date} ${code} ${sex}`).toBe(r.persons);
      }
    }
  });
});
