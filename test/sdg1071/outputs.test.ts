/** UN SDG CSV byte format, exchange-rate and deflator files, disclosure control and the corridor identity (rule 28). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Sdg1071Error, computeSdg1071, exchangeRates, parseDeflator, parseExchangeRates, unSdgCsv } from '../../src/index.js';
import { checkIlostatCsv, ilostatFiles } from '../../src/indicators/ilostat.js';
import { toCsv } from '../../src/io/write.js';
import { ILOSTAT_COLUMNS } from '../../src/indicators/ilostat.js';
import { oneDecimal } from '../../src/sdg1071/un-sdg.js';
import { svyDesign } from '../../src/survey/design.js';
import { type Cost, SPEC_COSTS, SPEC_WORKERS, type Worker, costsTable, workersTable } from './helpers.js';

const layout = readFileSync(new URL('./fixtures/un_sdg_layout.csv', import.meta.url), 'utf8');

const spec = (o = {}) => {
  const workers = workersTable(SPEC_WORKERS);
  return computeSdg1071({ workers, costs: costsTable(SPEC_COSTS), design: svyDesign(workers, { weight: 'weight' }), rates: exchangeRates('USD', {}), country: 'BGD', surveyYear: 2024 }, o);
};

describe('UN SDG series CSV', () => {
  it('has the bytes of the UN database layout: header, codes, one decimal, LF, final line end', () => {
    expect(unSdgCsv(spec({ suppression: { enabled: false } }).unSdgRows)).toBe(layout);
  });
  it('rounds half away from zero to one decimal and keeps the trailing zero', () => {
    expect([4.875, 7, 4 / 3, 0.05, 17.649, 0].map(oneDecimal)).toEqual(['4.9', '7.0', '1.3', '0.1', '17.6', '0.0']);
  });
  it('leaves suppressed cells out', () => {
    // 7 workers, 2 women: under the default disclosure control (min count 5) women are suppressed (primary) and men too
    // (secondary: men = total - women)
    const ws: Worker[] = [...SPEC_WORKERS, { id: '6', sex: 'M' }, { id: '7', sex: 'M' }, { id: '8', sex: 'M' }];
    const workers = workersTable(ws);
    const r = computeSdg1071({ workers, costs: costsTable(SPEC_COSTS), design: svyDesign(workers, { weight: 'weight' }), rates: exchangeRates('USD', {}), country: 'BGD', surveyYear: 2024 });
    expect(r.unSdgRows.map((x) => x.sex)).toEqual(['bothsex']);
    const cells = r.tables.find((t) => t.indicator === 'MGS_RCI_SEX_MO')!.cells;
    expect(cells.map((c) => [c.sex, c.suppressed ?? null])).toEqual([['SEX_T', null], ['SEX_M', 'secondary'], ['SEX_F', 'primary']]);
    expect(spec().unSdgRows).toEqual([]);
  });
});

describe('exchange-rate and deflator files', () => {
  it('parses rates (rate = units of currency per 1 base) and needs no row for the base', () => {
    const fx = parseExchangeRates('currency,month,rate,base\r\nBDT,2023-02,110,USD\r\nUSD,2023-02,1,USD\r\n', 'fx.csv');
    expect(fx.base).toBe('USD');
    expect(fx.rates.get('BDT|2023-02')).toBe(110);
  });
  it('errors name the file, line, column and value', () => {
    const bad = (text: string) => () => parseExchangeRates(`currency,month,rate,base\n${text}\n`, 'fx.csv');
    expect(bad('bdt,2023-02,110,USD')).toThrowError(/fx\.csv line 2, column currency: "bdt"/);
    expect(bad('BDT,2023-2,110,USD')).toThrowError(/fx\.csv line 2, column month: "2023-2"/);
    expect(bad('BDT,2023-02,abc,USD')).toThrowError(/fx\.csv line 2, column rate: "abc"/);
    expect(bad('BDT,2023-02,110,USD\nSAR,2023-02,3.75,EUR')).toThrowError(/line 3, column base: base EUR differs from base USD of line 2/);
    expect(bad('BDT,2023-02,110,USD\nBDT,2023-02,111,USD')).toThrowError(/line 3: a second rate for BDT in 2023-02/);
    expect(bad('USD,2023-02,2,USD')).toThrowError(/the base currency USD has rate 2/);
    expect(() => parseExchangeRates('currency,month,base\nBDT,2023-02,USD\n', 'fx.csv')).toThrowError(/fx\.csv: no column "rate"/);
    expect(() => parseExchangeRates('currency,month,rate,base\n', 'fx.csv')).toThrowError(Sdg1071Error);
    expect(() => parseDeflator('year,index\n2023,0\n', 'cpi.csv')).toThrowError(/cpi\.csv line 2, column index: "0"/);
  });
  it('a missing deflator year is an error naming it', () => {
    const workers = workersTable(SPEC_WORKERS);
    const input = { workers, costs: costsTable(SPEC_COSTS), design: svyDesign(workers, { weight: 'weight' }), rates: exchangeRates('USD', {}), deflator: parseDeflator('year,index\n2024,100\n', 'cpi.csv'), country: 'BGD', surveyYear: 2024 };
    expect(() => computeSdg1071(input)).toThrowError(/no deflator index for 2023 in cpi\.csv/);
  });
});

describe('tables', () => {
  const many = (): ReturnType<typeof computeSdg1071> => {
    const ws: Worker[] = [];
    const cs: Cost[] = [];
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const dests = ['SAU', 'MYS', 'ARE', 'QAT'];
    for (let i = 0; i < 400; i++) {
      const id = String(i);
      ws.push({ id, w: 20 + Math.floor(rnd() * 200), sex: rnd() < 0.6 ? 'M' : 'F', dest: dests[Math.floor(rnd() * 4)]!, origin: rnd() < 0.5 ? 'BGD' : 'NPL', earn: 150 + Math.floor(rnd() * 700), stratum: `s${i % 4}`, psu: `p${i % 40}`, channel: rnd() < 0.1 ? null : 'network' });
      if (rnd() < 0.8) cs.push({ id, amount: Math.floor(rnd() * 3000) });
    }
    const w = workersTable(ws);
    return computeSdg1071({ workers: w, costs: costsTable(cs), design: svyDesign(w, { weight: 'weight', strata: 'stratum', psu: ['psu'] }), rates: exchangeRates('USD', {}), country: 'BGD', surveyYear: 2024 });
  };

  it('corridor values weighted by their N give the country value, for every sex (rule 28 identity)', () => {
    const r = many();
    const t = r.tables.find((x) => x.indicator === 'MGS_RCI_SEX_COR_MO')!;
    for (const sex of ['SEX_T', 'SEX_M', 'SEX_F']) {
      const items = t.cells.filter((c) => c.sex === sex && c.classif1 !== 'MGS_COR_TOTAL');
      expect(items.length).toBe(8);
      const total = t.cells.find((c) => c.sex === sex && c.classif1 === 'MGS_COR_TOTAL')!;
      expect(items.reduce((a, c) => a + c.N * c.estimate, 0) / items.reduce((a, c) => a + c.N, 0)).toBeCloseTo(total.estimate, 10);
      expect(total.estimate).toBe(r.tables[0]!.cells.find((c) => c.sex === sex)!.estimate);
      expect(total.se).toBe(r.tables[0]!.cells.find((c) => c.sex === sex)!.se);
    }
  });

  it('every table passes the ILOSTAT schema check; channel not stated is MGS_RCH_X; reliability flags are set', () => {
    const r = many();
    expect(r.tables.length).toBe(42);
    for (const f of ilostatFiles(r.tables, { ref_area: 'BGD', source: 'XX:1', time: '2024' })) {
      expect(checkIlostatCsv(toCsv(ILOSTAT_COLUMNS, f.rows)), f.indicator).toEqual([]);
    }
    const ch = r.tables.find((t) => t.indicator === 'MGS_RCW_SEX_RCH_NB')!;
    expect(ch.cells.find((c) => c.sex === 'SEX_T' && c.classif1 === 'MGS_RCH_X')!.n).toBeGreaterThan(10);
    expect(ch.cells.filter((c) => c.sex === 'SEX_T').map((c) => c.classif1)).toEqual(['MGS_RCH_TOTAL', 'MGS_RCH_AGENCY', 'MGS_RCH_PUBLIC', 'MGS_RCH_EMPLOYER', 'MGS_RCH_NETWORK', 'MGS_RCH_OTHER', 'MGS_RCH_X']);
    const occ = r.tables.find((t) => t.indicator === 'MGS_RCI_SEX_OCU_MO')!;
    expect(occ.cells.some((c) => c.classif1 === 'OCU_ISCO08_9')).toBe(true);
    expect(new Set(r.tables.flatMap((t) => t.cells.map((c) => c.reliability))).has('reliable')).toBe(true);
    // suppression: a mean is suppressed where its count is
    const counts = r.tables.find((t) => t.indicator === 'MGS_RCW_SEX_RCH_NB')!.cells;
    const means = r.tables.find((t) => t.indicator === 'MGS_RCI_SEX_RCH_MO')!.cells;
    for (const m of means) {
      const c = counts.find((x) => x.sex === m.sex && x.classif1 === m.classif1)!;
      if (c.suppressed) expect(m.suppressed).toBeDefined();
    }
  });
});
