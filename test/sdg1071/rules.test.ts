/** Every scope, cost, currency and earnings rule of SDG 10.7.1 on hand-built workers (spec sdg1071.md §2-§5). */
import { describe, expect, it } from 'vitest';
import { Sdg1071Error, computeSdg1071, exchangeRates, parseDeflator } from '../../src/index.js';
import type { Sdg1071Options } from '../../src/sdg1071/options.js';
import { svyDesign } from '../../src/survey/design.js';
import { type Cost, type Worker, costsTable, workersTable } from './helpers.js';

const USD = exchangeRates('USD', {
  'BDT|2023-02': 100, 'BDT|2023-03': 110, 'SAR|2023-03': 4, 'SAR|2023-04': 5, 'BDT|2021-06': 80, 'SAR|2021-07': 3.75,
});

function run(ws: Worker[], cs: Cost[], o: Sdg1071Options = {}, rates = USD) {
  const workers = workersTable(ws);
  const r = computeSdg1071(
    { workers, costs: costsTable(cs), design: svyDesign(workers, { weight: 'weight' }), rates, country: 'BGD', surveyYear: 2024 },
    { suppression: { enabled: false }, breakdowns: [], ...o },
  );
  return { ...r, costItems: r.choices.costItems, rc: (k: number) => r.rows.rc[k]!, e: (k: number) => r.rows.e[k]!, r: (k: number) => r.rows.r[k]!, excl: Object.fromEntries(r.exclusions.map((x) => [x.code, x.count])) };
}
/** Two workers by default: w1 (the one under test) and w2, a plain worker, so that the scope is never empty. */
const base = (w: Partial<Worker> = {}): Worker[] => [{ id: '1', earn: 500, ...w }, { id: '2', earn: 400 }];

describe('cost items (rules 10-14, 25)', () => {
  it('zero costs are kept: no items, and only employer-paid items, give RC = 0 in the indicator', () => {
    const r = run(base(), [{ id: '2', amount: 800, by: 'employer' }]);
    expect(r.rows.inScope).toEqual(Uint8Array.of(1, 1));
    expect([r.rc(0), r.rc(1)]).toEqual([0, 0]);
    expect(r.costItems.employerPaidExcluded).toBe(1);
    expect(r.tables[0]!.cells[0]!.estimate).toBe(0);
  });
  it('employer-paid excluded; deducted from wages included; family-paid included', () => {
    const r = run(base(), [
      { id: '1', amount: 100, by: 'employer' },
      { id: '1', amount: 200, by: 'employer', deducted: 'yes' },
      { id: '1', amount: 300, by: 'family' },
      { id: '1', amount: 50, by: 'other' },
      { id: '1', amount: 25, by: 'worker', type: 'irregular' },
    ]);
    expect(r.rc(0)).toBe(525);
    expect(r.r(0)).toBeCloseTo(525 / 500, 12);
    expect(r.costItems).toMatchObject({ counted: 3, employerPaidExcluded: 2, deductedFromWages: 1, paidByFamily: 1, irregularIncluded: 1 });
  });
  it('loan interest excluded by default, included with includeInterest', () => {
    const cs: Cost[] = [{ id: '1', amount: 1000 }, { id: '1', amount: 400, type: 'loan-interest' }];
    expect(run(base(), cs).rc(0)).toBe(1000);
    expect(run(base(), cs).costItems.interestExcluded).toBe(1);
    expect(run(base(), cs).choices.interest).toMatch(/excluded/);
    expect(run(base(), cs, { includeInterest: true }).rc(0)).toBe(1400);
  });
  it('a missing amount of an item that counts excludes the worker (counted); of an item that does not count, not', () => {
    const r = run(base(), [{ id: '1', amount: 100 }, { id: '1', amount: null }, { id: '2', amount: null, by: 'employer' }]);
    expect(r.rows.inScope).toEqual(Uint8Array.of(0, 1));
    expect(r.excl).toEqual({ 'cost-amount-missing': 1 });
    expect(r.costItems.amountMissing).toBe(1);
  });
  it('items of no worker are counted, not used', () => {
    expect(run(base(), [{ id: '9', amount: 100 }]).costItems.unmatched).toBe(1);
  });
});

describe('currency (rules 23-24)', () => {
  it('converts each amount at the rate of its month: cost_date for costs, the job start month for earnings', () => {
    const r = run(base({ start: '2023-03-20', earn: 2000, cur: 'SAR' }), [
      { id: '1', amount: 10_000, cur: 'BDT', date: '2023-02-05' },
      { id: '1', amount: 11_000, cur: 'BDT', date: '2023-03-01' },
      { id: '1', amount: 40, cur: 'USD', date: '2023-03-01' },
    ]);
    expect(r.rc(0)).toBeCloseTo(100 + 100 + 40, 10);
    expect(r.e(0)).toBeCloseTo(500, 10);
    expect(r.r(0)).toBeCloseTo(240 / 500, 12);
    expect(r.choices.fx.base).toBe('USD');
  });
  it('an item without a date takes the month of the job start (counted)', () => {
    const r = run(base({ start: '2023-03-20' }), [{ id: '1', amount: 11_000, cur: 'BDT', date: null }]);
    expect(r.rc(0)).toBeCloseTo(100, 10);
    expect(r.costItems.dateFallback).toBe(1);
  });
  it('a missing rate is an error naming the currency, the month, the file and the row', () => {
    expect(() => run(base(), [{ id: '1', amount: 10, cur: 'NPR', date: '2023-01-09' }])).toThrowError(Sdg1071Error);
    expect(() => run(base(), [{ id: '1', amount: 10, cur: 'NPR', date: '2023-01-09' }])).toThrowError(/NPR in 2023-01 .*costs\.csv row 1/);
    expect(() => run(base({ cur: 'SAR', start: '2022-12-01' }), [])).toThrowError(/no exchange rate for SAR in 2022-12 .*workers\.csv row 1, first_month_earnings/);
  });
  it('a deflator puts RC and E in constant prices (the ratio only changes across years)', () => {
    const deflator = parseDeflator('year,index\n2021,90\n2023,100\n2024,110\n', 'cpi.csv');
    const ws = base({ start: '2023-03-20', earn: 2000, cur: 'SAR' });
    const cs: Cost[] = [{ id: '1', amount: 11_000, cur: 'BDT', date: '2023-03-01' }];
    const plain = run(ws, cs);
    const real = computeSdg1071(
      { workers: workersTable(ws), costs: costsTable(cs), design: svyDesign(workersTable(ws), { weight: 'weight' }), rates: USD, deflator, country: 'BGD', surveyYear: 2024 },
      { suppression: { enabled: false }, breakdowns: [] },
    );
    expect(real.rows.rc[0]).toBeCloseTo(100 * 1.1, 10);
    expect(real.rows.e[0]).toBeCloseTo(500 * 1.1, 10);
    expect(real.rows.r[0]).toBeCloseTo(plain.r(0), 12);
    expect(real.choices.deflator).toMatchObject({ source: 'cpi.csv', baseYear: 2024 });
  });
});

describe('scope (rules 7-9) and earnings (rules 15-18)', () => {
  it('self-employed, other status, short-term, non-work, job before the window, start missing, earnings zero and missing: excluded and counted', () => {
    const ws: Worker[] = [
      { id: '1', status: 'self-employed' },
      { id: '2', status: 'other' },
      { id: '3', changed: 'no' },
      { id: '4', reason: 'family' },
      { id: '5', start: '2020-12-31' },
      { id: '6', start: null },
      { id: '7', earn: 0 },
      { id: '8', earn: null },
      { id: '9', status: null },
      { id: '10', start: '2021-01-01' },
      { id: '11', reason: 'work-seeking', w: 2 },
    ];
    const r = run(ws, []);
    expect(r.excl).toEqual({
      'self-employed': 1, 'other-status': 1, 'short-term': 1, 'non-work-migrant': 1, 'job-before-window': 1, 'job-start-missing': 1,
      'earnings-zero': 1, 'earnings-missing': 1, 'no-reference-job': 1,
    });
    expect([...r.rows.inScope]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(r.choices.windowStart).toBe('2021-01-01');
    expect(r.workers).toMatchObject({ inScope: 2, inScopeWeight: 3, excluded: 9 });
  });
  it('the window is an option (windowYears)', () => {
    const ws: Worker[] = [{ id: '1', start: '2020-06-01' }, { id: '2' }];
    expect(run(ws, []).rows.inScope[0]).toBe(0);
    expect(run(ws, [], { windowYears: 4 }).rows.inScope[0]).toBe(1);
  });
  it('net earnings: deductions added back by default, or taken as given', () => {
    const ws = base({ earn: 300, basis: 'net' });
    const cs: Cost[] = [{ id: '1', amount: 200, by: 'employer', deducted: 'yes' }, { id: '1', amount: 100 }];
    const r = run(ws, cs);
    expect(r.e(0)).toBe(500);
    expect(r.rc(0)).toBe(300);
    expect(r.choices.earnings.netAddedBack).toBe(1);
    const g = run(ws, cs, { netEarnings: 'as-given' });
    expect(g.e(0)).toBe(300);
    expect(g.choices.earnings.netAsGiven).toBe(1);
  });
  it('ratios above the limit are counted, never trimmed', () => {
    const r = run(base({ earn: 100 }), [{ id: '1', amount: 3000 }]);
    expect(r.r(0)).toBe(30);
    expect(r.choices.aboveRatioLimit.count).toBe(1);
    expect(r.tables[0]!.cells[0]!.estimate).toBeCloseTo(15, 12);
    expect(run(base({ earn: 100 }), [{ id: '1', amount: 3000 }], { ratioLimit: 40 }).choices.aboveRatioLimit.count).toBe(0);
  });
  it('no worker in scope is an error that lists the reasons', () => {
    expect(() => run([{ id: '1', status: 'self-employed' }, { id: '2', earn: 0 }], [])).toThrowError(/no worker in the scope.*1 moved for self-employment.*1 first-month earnings zero/);
  });
});
