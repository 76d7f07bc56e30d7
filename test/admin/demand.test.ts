/** Demand for foreign labour on a hand-built table of applications (hand-computed), and the Atlantis applications against truth.json. */
import { describe, expect, it } from 'vitest';
import type { IndicatorTable } from '../../src/indicators/cell.js';
import { demandTables, rankDemand } from '../../src/admin/demand.js';
import { checkPermits } from '../../src/admin/spells.js';
import { atlantisWorkPermits, hasAtlantis, truth } from './atlantis-support.js';
import { day, rec } from './records.js';

const cell = (tables: readonly IndicatorTable[], indicator: string, sex: string, classif1: string | null = null) => {
  const c = tables.find((x) => x.indicator === indicator)?.cells.find((x) => x.sex === sex && x.classif1 === classif1);
  if (!c) throw new Error(`no cell ${indicator} ${sex} ${classif1}`);
  return c;
};

// 2024 applications: occupation 7 (5: 3 granted, 1 refused, 1 pending), occupation 2 (3: 2 granted, 1 refused),
// occupation 9 (1 refused); one 2023 application and one without an application date are not counted.
const apps = () => [
  rec({ application: '2024-01-10', decision: 'granted', occupation: '7112', industry: 'F', sex: 'M', labourMarketTest: 'passed', vacancy: 'V1' }),
  rec({ application: '2024-02-10', decision: 'granted', occupation: '7115', industry: 'F', sex: 'M', labourMarketTest: 'passed', vacancy: 'V1' }),
  rec({ application: '2024-03-10', decision: 'granted', occupation: '7', industry: 'C', sex: 'F', labourMarketTest: 'exempt', vacancy: 'V2' }),
  rec({ application: '2024-04-10', decision: 'refused', occupation: '7112', industry: 'F', sex: 'M', labourMarketTest: 'failed', vacancy: 'V3' }),
  rec({ application: '2024-05-10', decision: 'pending', occupation: '7112', industry: 'F', sex: 'M' }),
  rec({ application: '2024-06-10', decision: 'granted', occupation: '2512', industry: 'J', sex: 'F', labourMarketTest: 'exempt' }),
  rec({ application: '2024-07-10', decision: 'granted', occupation: '2512', industry: 'J', sex: 'M', labourMarketTest: 'exempt' }),
  rec({ application: '2024-08-10', decision: 'refused', occupation: '2511', industry: 'J', sex: 'M', labourMarketTest: 'exempt' }),
  rec({ application: '2024-12-31', decision: 'refused', occupation: '9312', industry: 'F', sex: 'M', labourMarketTest: 'failed' }),
  rec({ application: '2023-12-31', decision: 'granted', occupation: '7112', industry: 'F', sex: 'M' }),
  rec({ decision: 'granted', occupation: '7112', industry: 'F', sex: 'M' }),
];

describe('demandTables', () => {
  const d = demandTables(apps(), day('2024-01-01'), day('2024-12-31'));

  it('applications, decisions, grant rates, labour market tests and vacancies (hand-computed)', () => {
    expect(d).toMatchObject({ applications: 9, granted: 5, refused: 3, pending: 1, undecided: 0, vacanciesFilled: 2, withoutApplicationDate: 1 });
    expect(cell(d.tables, 'MGS_DAPP_SEX_OCU_NB', 'SEX_T', 'OCU_ISCO08_7').estimate).toBe(5);
    expect(cell(d.tables, 'MGS_DAPP_SEX_ECO_NB', 'SEX_M', 'ECO_ISIC4_F').estimate).toBe(5);
    expect(cell(d.tables, 'MGS_DAPP_SEX_LMT_NB', 'SEX_T', 'MGS_LMT_EXEMPT').estimate).toBe(4);
    expect(cell(d.tables, 'MGS_DAPP_SEX_LMT_NB', 'SEX_T', 'MGS_LMT_X').estimate).toBe(1);
    // grant rate: granted / (granted + refused): 5 / 8 overall, 3 / 4 in occupation 7, 0 / 1 in 9
    expect(cell(d.tables, 'MGS_DGRT_SEX_RT', 'SEX_T')).toMatchObject({ unit: 'RT', estimate: 62.5, n: 5, n_domain: 8, se: 0 });
    expect(cell(d.tables, 'MGS_DGRT_SEX_OCU_RT', 'SEX_T', 'OCU_ISCO08_7').estimate).toBe(75);
    expect(cell(d.tables, 'MGS_DGRT_SEX_OCU_RT', 'SEX_T', 'OCU_ISCO08_9').estimate).toBe(0);
    expect(d.occupations.find((o) => o.occupation === 'OCU_ISCO08_7')).toEqual({
      occupation: 'OCU_ISCO08_7', applications: 5, granted: 3, refused: 1, pending: 1, grant_rate: 75, lmt_passed: 2, lmt_exempt: 1, lmt_failed: 1, vacancies_filled: 2,
    });
  });

  it('ranks occupations by applications per 1,000 employed, else by their share of applications', () => {
    const employment = new Map([['OCU_ISCO08_7', 10_000], ['OCU_ISCO08_2', 1_000], ['OCU_ISCO08_9', 500]]);
    const r = rankDemand(d, { employment });
    // 2: 3 per 1,000 employed; 9: 2; 7: 0.5
    expect(r.map((x) => [x.rank, x.occupation, x.intensity])).toEqual([[1, 'OCU_ISCO08_2', 3], [2, 'OCU_ISCO08_9', 2], [3, 'OCU_ISCO08_7', 0.5]]);
    expect(r[0]!.intensity_basis).toBe('per-1000-employed');
    const share = rankDemand(d);
    expect(share.map((x) => [x.rank, x.occupation, x.intensity])).toEqual([[1, 'OCU_ISCO08_7', (100 * 5) / 9], [2, 'OCU_ISCO08_2', (100 * 3) / 9], [3, 'OCU_ISCO08_9', 100 / 9]]);
    const hidden = rankDemand(d, { suppressedOccupations: new Set(['OCU_ISCO08_9']) });
    expect(hidden.at(-1)).toMatchObject({ occupation: 'OCU_ISCO08_9', applications: null, intensity: null, rank: null, suppressed: 'C' });
  });
});

describe.skipIf(!hasAtlantis)('Atlantis work permits: applications equal truth.json', () => {
  it('applications by decision, labour market test, ISCO major group and sector; vacancies filled', async () => {
    const t = truth();
    const y = t.applications.year as number;
    const { records } = checkPermits(await atlantisWorkPermits());
    const d = demandTables(records, day(`${y}-01-01`), day(`${y}-12-31`), { by: ['occupation', 'sector', 'labour_market_test'] });
    const tot = t.applications.total;
    expect([d.applications, d.granted, d.refused, d.vacanciesFilled]).toEqual([tot.applications, tot.granted, tot.refused, t.applications.vacancies_filled]);
    expect(cell(d.tables, 'MGS_DAPP_SEX_LMT_NB', 'SEX_T', 'MGS_LMT_PASSED').estimate).toBe(tot.lmt_passed);
    expect(cell(d.tables, 'MGS_DAPP_SEX_LMT_NB', 'SEX_T', 'MGS_LMT_EXEMPT').estimate).toBe(tot.lmt_exempt);
    expect(cell(d.tables, 'MGS_DAPP_SEX_LMT_NB', 'SEX_T', 'MGS_LMT_FAILED').estimate).toBe(tot.lmt_failed);
    for (const r of t.applications.by_isco_major_group as { isco_major: string; applications: number; granted: number; refused: number; lmt_passed: number; lmt_exempt: number; lmt_failed: number }[]) {
      const o = d.occupations.find((x) => x.occupation === `OCU_ISCO08_${r.isco_major}`)!;
      expect([o.applications, o.granted, o.refused, o.lmt_passed, o.lmt_exempt, o.lmt_failed], r.isco_major).toEqual([r.applications, r.granted, r.refused, r.lmt_passed, r.lmt_exempt, r.lmt_failed]);
    }
    for (const r of t.applications.by_sector as { sector: string; applications: number }[]) {
      expect(cell(d.tables, 'MGS_DAPP_SEX_ECO_NB', 'SEX_T', `ECO_ISIC4_${r.sector}`).estimate, r.sector).toBe(r.applications);
    }
  });
});
