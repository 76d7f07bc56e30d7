/** Flows and durations on a hand-built register (hand-computed), and the Atlantis work permits against truth.json. */
import { describe, expect, it } from 'vitest';
import type { IndicatorTable } from '../../src/indicators/cell.js';
import { durationDays, flowTables, inflowCode } from '../../src/admin/flows.js';
import { checkPermits } from '../../src/admin/spells.js';
import { adminSuppression } from '../../src/admin/stocks.js';
import { atlantisWorkPermits, hasAtlantis, truth } from './atlantis-support.js';
import { day, rec } from './records.js';

const cell = (tables: readonly IndicatorTable[], indicator: string, sex: string, classif1: string | null = null) => {
  const c = tables.find((x) => x.indicator === indicator)?.cells.find((x) => x.sex === sex && x.classif1 === classif1);
  if (!c) throw new Error(`no cell ${indicator} ${sex} ${classif1}`);
  return c;
};

// Period 2023. p1: first permit 2023-03-01 (inflow), expires 2023-08-31, renewed 2023-09-20 (within 30 days: no
// outflow). p2: first permit 2021 (not an inflow), renewed 2023-01-01 (a renewal), expires 2023-12-31 without renewal
// (outflow). p3: first permit 2023-05-01 (inflow), cancelled 2023-10-01 (outflow by cancellation; last valid day
// 2023-09-30). p4: expires 2023-06-30, next permit 2023-08-15 (46 days: outflow with grace 30, not with grace 60).
// p5: open-ended permit starting 2023-02-01 (inflow, no duration).
const register = () => [
  rec({ permit: 'A1', person: 'p1', sex: 'F', nationality: 'PHL', start: '2023-03-01', end: '2023-08-31' }),
  rec({ permit: 'A2', person: 'p1', sex: 'F', nationality: 'PHL', previous: 'A1', start: '2023-09-20', end: '2024-09-19' }),
  rec({ permit: 'B1', person: 'p2', sex: 'M', nationality: 'IND', start: '2021-01-01', end: '2022-12-31' }),
  rec({ permit: 'B2', person: 'p2', sex: 'M', nationality: 'IND', previous: 'B1', start: '2023-01-01', end: '2023-12-31' }),
  rec({ permit: 'C1', person: 'p3', sex: 'M', nationality: 'PHL', start: '2023-05-01', end: '2025-04-30', cancellation: '2023-10-01' }),
  rec({ permit: 'D1', person: 'p4', sex: 'F', nationality: 'NPL', start: '2020-07-01', end: '2023-06-30' }),
  rec({ permit: 'D2', person: 'p4', sex: 'F', nationality: 'NPL', start: '2023-08-15', end: '2024-08-14' }),
  rec({ permit: 'E1', person: 'p5', sex: 'M', nationality: 'IND', start: '2023-02-01' }),
];

describe('flowTables', () => {
  const f = flowTables(register(), day('2023-01-01'), day('2023-12-31'), { by: ['nationality'] });

  it('inflows, renewals, outflows, cancellations (hand-computed)', () => {
    expect(f.counts).toMatchObject({ inflows: 3, renewals: 2, started: 6, outflows: 3, outflowPermits: 3, expiredWithoutRenewal: 2, cancellations: 1, openEnded: 1 });
    expect(cell(f.tables, 'MGS_MFL_SEX_NB', 'SEX_T').estimate).toBe(3);
    expect(cell(f.tables, 'MFL_NCIT_SEX_CCT_NB', 'SEX_T', 'CCT_CTZ_PHL').estimate).toBe(2);
    expect(cell(f.tables, 'MFL_NCIT_SEX_CCT_NB', 'SEX_M', 'CCT_CTZ_IND').estimate).toBe(1);
    expect(cell(f.tables, 'MGS_RNW_SEX_NB', 'SEX_T').estimate).toBe(2);
    expect(cell(f.tables, 'MGS_OFL_SEX_CCT_NB', 'SEX_T', 'CCT_CTZ_NPL').estimate).toBe(1);
    expect(cell(f.tables, 'MGS_CNL_SEX_NB', 'SEX_M').estimate).toBe(1);
    // a longer grace period: p4's next permit (46 days later) continues the stay
    const g = flowTables(register(), day('2023-01-01'), day('2023-12-31'), { graceDays: 60 });
    expect([g.counts.outflows, g.counts.expiredWithoutRenewal]).toEqual([2, 1]);
    expect(inflowCode('nationality', false)).toBe('MGS_MFL_SEX_CCT_NB');
  });

  it('durations of the permits starting in the period, in days (start to last valid day, both included)', () => {
    // A1 184, A2 366, B2 365, C1 153 (cancelled: 2023-05-01 to 2023-09-30), D2 366; E1 open-ended, left out
    const d = [184, 366, 365, 153, 366];
    expect(durationDays(register()[4]!)).toBe(153);
    expect(f.counts.meanDurationDays).toBeCloseTo(d.reduce((a, b) => a + b) / 5, 12);
    expect(f.counts.medianDurationDays).toBe(365);
    expect(cell(f.tables, 'MGS_PRD_SEX_MEAN', 'SEX_T').estimate).toBeCloseTo(1434 / 5, 12);
    expect(cell(f.tables, 'MGS_PRD_SEX_MEDIAN', 'SEX_F').estimate).toBe(366); // 184, 366, 366
    expect(cell(f.tables, 'MGS_PRD_SEX_MEDIAN', 'SEX_M').estimate).toBe((365 + 153) / 2);
    expect(cell(f.tables, 'MGS_PRD_SEX_MEAN', 'SEX_M')).toMatchObject({ unit: 'MEAN', se: 0, n: 2 });
  });

  it('means of suppressed counts are suppressed too', () => {
    const s = adminSuppression(f.tables);
    const mean = s.tables.find((t) => t.indicator === 'MGS_PRD_SEX_MEAN')!;
    // SEX_T: 5 durations of 6 permits started, published; SEX_M, SEX_F: 2 and 3 durations, suppressed
    expect(Object.fromEntries(mean.cells.map((c) => [c.sex, c.suppressed ?? null]))).toEqual({ SEX_T: null, SEX_M: 'primary', SEX_F: 'primary' });
    expect(s.tables.find((t) => t.indicator === 'MGS_PRG_SEX_NB')!.cells.find((c) => c.sex === 'SEX_T')!.suppressed).toBeUndefined();
    expect(() => flowTables(register(), day('2023-12-31'), day('2023-01-01'))).toThrow('the period is empty');
  });
});

describe.skipIf(!hasAtlantis)('Atlantis work permits: flows with the truth key equal truth.json', () => {
  it('inflows (overall and by nationality), renewals, outflows, cancellations, durations', async () => {
    const t = truth();
    const y = t.flows.year as number;
    const { permits } = checkPermits(await atlantisWorkPermits());
    const f = flowTables(permits, day(`${y}-01-01`), day(`${y}-12-31`), { by: ['nationality'] });
    expect(f.counts.inflows).toBe(t.flows.inflows.persons);
    for (const [iso3, n] of Object.entries(t.flows.inflows.by_nationality as Record<string, number>)) {
      expect(cell(f.tables, 'MFL_NCIT_SEX_CCT_NB', 'SEX_T', `CCT_CTZ_${iso3}`).estimate, iso3).toBe(n);
    }
    expect(f.counts.renewals).toBe(t.flows.renewals);
    expect([f.counts.expiredWithoutRenewal, f.counts.cancellations, f.counts.outflowPermits, f.counts.outflows]).toEqual([
      t.flows.outflows.expired_without_renewal, t.flows.outflows.cancelled, t.flows.outflows.total, t.flows.outflows.persons,
    ]);
    expect(f.counts.started - f.counts.openEnded).toBe(t.flows.durations.permits);
    expect(Math.round(f.counts.meanDurationDays * 100) / 100).toBe(t.flows.durations.mean_days);
    expect(f.counts.medianDurationDays).toBe(t.flows.durations.median_days);
  });
});
