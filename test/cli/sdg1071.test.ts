/** `migstat sdg1071` on a tiny hand-built recruitment cost survey (test/sdg1071/fixtures): outputs, metadata, determinism, errors. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkIlostatCsv } from '../../src/indicators/ilostat.js';
import { parseCsvRecords } from '../../src/indicators/codes/parse-csv.js';

const fx = new URL('../sdg1071/fixtures/', import.meta.url).pathname;
const args = (out: string, ...more: string[]): string[] => [
  'sdg1071', `${fx}rcs-workers.csv`, '-p', `${fx}rcs-profile.yaml`, '--table', `costs=${fx}rcs-costs.csv`, '--fx', `${fx}rcs-fx.csv`, '-o', out, ...more,
];
let dir: string;
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-sdg1071-'));
  err = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

/** The expected headline of the fixture, worked by hand (USD at the month of each amount). */
function expectedRci(): number {
  // in scope: workers 1, 2, 3, 10 (4: work-seeking but net; see below), 4 included; 5 earnings 0; 6 self-employed; 7 short-term;
  // 8 family reason; 9 job before 2021; worker 3 has an employer-paid visa without amount (does not count)
  const w = { 1: 100, 2: 50, 3: 150, 4: 100, 10: 60 };
  const rc = { 1: 250000 / 106.5, 2: 0, 3: 130000 / 93, 4: 660 / 3.6725, 10: 40000 / 108.5 };
  const e = { 1: 1200 / 3.75, 2: 1000 / 3.75, 3: 1600 / 4.45, 4: 900 / 3.6725 + 660 / 3.6725, 10: 1400 / 4.6 };
  let num = 0;
  let den = 0;
  for (const k of [1, 2, 3, 4, 10] as const) {
    num += w[k] * (rc[k] / e[k]);
    den += w[k];
  }
  return num / den;
}

describe('migstat sdg1071', () => {
  it('writes the UN SDG series file and metadata.json with the choices and exclusions by reason', async () => {
    const out = join(dir, 'un');
    expect(await main(args(out, '--no-suppression')), err.join('')).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['SL_EMP_RCOST_MO.csv', 'metadata.json']);
    const csv = readFileSync(join(out, 'SL_EMP_RCOST_MO.csv'), 'utf8');
    const lines = csv.split('\n');
    expect(lines[0]).toBe('geo_area,nature,sex,units,year,sl_emp_rcost_mo');
    expect(lines[1]).toBe(`50,c,bothsex,mo_earn,2024,${(Math.round(expectedRci() * 10) / 10).toFixed(1)}`);
    expect(lines.slice(2, 4).map((l) => l.split(',')[2])).toEqual(['female', 'male']);
    expect(csv.endsWith('\n')).toBe(true);
    const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
    expect(meta.reference).toEqual({ ref_area: 'BGD', source: 'XX:0', time: '2024' });
    expect(meta.inputs.map((i: { role: string }) => i.role)).toEqual(['person', 'costs', 'exchange rates']);
    expect(meta.options.sdg1071).toMatchObject({ estimator: 'mean-of-ratios', windowYears: 3, windowStart: '2021-01-01', ratioLimit: 24, fx: { base: 'USD' } });
    expect(meta.options.sdg1071.interest).toMatch(/excluded/);
    expect(meta.options.sdg1071.earnings.netAddedBack).toBe(1);
    expect(meta.options.workers).toMatchObject({ records: 10, inScope: 5, excluded: 5 });
    const reasons = meta.exclusions.filter((e: { step: string }) => e.step === 'sdg1071 scope').map((e: { reason: string; count: number }) => `${e.count} ${e.reason.split(' ')[0]}`);
    expect(reasons).toEqual(['1 moved', '1 short-term', '1 migrated', '1 reference', '1 first-month']);
    expect(meta.outputs).toEqual([expect.objectContaining({ file: 'SL_EMP_RCOST_MO.csv' })]);
  });

  it('the headline in the tidy CSV is the mean of ratios worked by hand; ILOSTAT files pass the schema check', async () => {
    const out = join(dir, 'csv');
    expect(await main(args(out, '--format', 'csv', '--no-suppression')), err.join('')).toBe(0);
    const rows = parseCsvRecords(readFileSync(join(out, 'indicators.csv'), 'utf8'));
    const columns = rows[0]!;
    const head = rows.find((r) => r[3] === 'MGS_RCI_SEX_MO' && r[5] === 'SEX_T')!;
    expect(Number(head[columns.indexOf('estimate')])).toBeCloseTo(expectedRci(), 10);
    const il = join(dir, 'ilostat');
    expect(await main(args(il, '--format', 'ilostat')), err.join('')).toBe(0);
    const files = readdirSync(il).filter((f) => f.endsWith('.csv'));
    expect(files).toContain('MGS_RCI_SEX_COR_MO.csv');
    for (const f of files) expect(checkIlostatCsv(readFileSync(join(il, f), 'utf8')), f).toEqual([]);
    // five workers: disclosure control on by default suppresses the small cells
    expect(readFileSync(join(il, 'MGS_RCW_SEX_COR_NB.csv'), 'utf8')).toMatch(/,,C,/);
  });

  it('same input, same bytes (twice, every format)', async () => {
    for (const format of ['un-sdg', 'json', 'sdmx', 'xlsx']) {
      const a = join(dir, `${format}-a`);
      const b = join(dir, `${format}-b`);
      expect(await main(args(a, '--format', format)), err.join('')).toBe(0);
      expect(await main(args(b, '--format', format)), err.join('')).toBe(0);
      for (const f of readdirSync(a)) {
        const x = readFileSync(join(a, f));
        const y = readFileSync(join(b, f));
        if (f === 'metadata.json') expect(x.toString().replace(new RegExp(`${format}-a`, 'g'), '')).toBe(y.toString().replace(new RegExp(`${format}-b`, 'g'), ''));
        else expect(x.equals(y), `${format} ${f}`).toBe(true);
      }
    }
  }, 60_000);

  it('options reach the computation: window, interest, estimator, percent', async () => {
    const out = join(dir, 'opts');
    expect(await main(args(out, '--window-years', '5', '--include-interest', '--estimator', 'ratio-of-means', '--percent', '--format', 'json', '--no-suppression')), err.join('')).toBe(0);
    const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
    expect(meta.options.sdg1071).toMatchObject({ estimator: 'ratio-of-means', windowYears: 5, windowStart: '2019-01-01', percent: true });
    expect(meta.options.workers.inScope).toBe(6);
    const json = JSON.parse(readFileSync(join(out, 'indicators.json'), 'utf8')) as { indicator: string; sex: string; classif1: string | null; estimate: number }[];
    expect(json.some((r) => r.indicator === 'MGS_RCIMOR_SEX_MO')).toBe(true);
    expect(json.find((r) => r.indicator === 'MGS_RCI_SEX_MO' && r.sex === 'SEX_T')!.estimate).toBeGreaterThan(100);
  });

  it('--deflator puts costs and earnings in constant prices (recorded); --survey-year moves the window', async () => {
    const cpi = join(dir, 'cpi.csv');
    writeFileSync(cpi, 'year,index\n2022,90\n2023,100\n2024,105\n');
    const out = join(dir, 'real');
    expect(await main(args(out, '--deflator', cpi, '--format', 'json', '--no-suppression')), err.join('')).toBe(0);
    const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
    expect(meta.options.sdg1071.deflator).toMatchObject({ source: cpi, baseYear: 2024 });
    expect(meta.inputs.map((i: { role: string }) => i.role)).toContain('deflator');
    const nominal = join(dir, 'nominal');
    expect(await main(args(nominal, '--format', 'json', '--no-suppression')), err.join('')).toBe(0);
    const value = (dirname: string, code: string) => (JSON.parse(readFileSync(join(dirname, 'indicators.json'), 'utf8')) as { indicator: string; sex: string; estimate: number }[]).find((r) => r.indicator === code && r.sex === 'SEX_T')!.estimate;
    // earnings of 2023 in 2024 prices: x 1.05 (worker 3's job started in 2022: x 105/90)
    expect(value(out, 'MGS_RCE_SEX_MEAN')).toBeGreaterThan(value(nominal, 'MGS_RCE_SEX_MEAN') * 1.05 - 1e-9);
    expect(await main(args(join(dir, 'y'), '--survey-year', '2030', '--format', 'json'))).toBe(2);
    expect(err.join('')).toMatch(/no worker in the scope/);
  });

  it('errors exit 2, name the file, row, column and value, and write nothing', async () => {
    const bad = join(dir, 'fx-bad.csv');
    writeFileSync(bad, readFileSync(`${fx}rcs-fx.csv`, 'utf8').replace('BDT,2023-02,106.5,USD\n', ''));
    const out = join(dir, 'never');
    expect(await main([...args(out), '--fx', bad])).toBe(2);
    expect(err.join('')).toMatch(/no exchange rate for BDT in 2023-02 \(to USD\) in .*fx-bad\.csv, needed by .*rcs-costs\.csv.* row 1/);
    expect(existsSync(out)).toBe(false);

    err.length = 0;
    const bad2 = join(dir, 'fx-bad2.csv');
    writeFileSync(bad2, 'currency,month,rate,base\nBDT,2023-13,100,USD\n');
    expect(await main([...args(out), '--fx', bad2])).toBe(2);
    expect(err.join('')).toMatch(/fx-bad2\.csv line 2, column month: "2023-13" is not a month YYYY-MM/);

    err.length = 0;
    writeFileSync(bad2, 'currency,month,rate,base\nBDT,2023-01,-3,USD\n');
    expect(await main([...args(out), '--fx', bad2])).toBe(2);
    expect(err.join('')).toMatch(/line 2, column rate: "-3" is not a positive number/);

    err.length = 0;
    expect(await main([...args(out), '--window-years', 'x'])).toBe(2);
    expect(err.join('')).toMatch(/--window-years x/);
    expect(existsSync(out)).toBe(false);
  });
});
