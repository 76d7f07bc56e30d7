/**
 * Standard errors of SDG 10.7.1 on a small stratified cluster sample: the in-scope workers are a domain of the full
 * design. Gold values from R survey (svymean / svyratio / svyby / svyquantile on subset(design, in_scope == 1), and
 * as.svrepdesign JKn), written by r/gold.R into fixtures/gold.json: the test needs no R.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeSdg1071, exchangeRates } from '../../src/index.js';
import { readTable } from '../../src/io/read.js';
import type { Table } from '../../src/io/table.js';
import { svyDesign } from '../../src/survey/design.js';
import { estimate } from '../../src/survey/estimate.js';
import { asReplicateDesign } from '../../src/survey/replicate-design.js';
import { type Cost, type Worker, costsTable, workersTable } from './helpers.js';

const fixture = (f: string) => new URL(`./fixtures/${f}`, import.meta.url).pathname;
interface Gold {
  n_in_scope: number; N_in_scope: number; degf: number; mean_r: number; se_mean_r: number; deff_mean_r: number; ratio: number; se_ratio: number;
  mean_r_F: number; se_mean_r_F: number; mean_r_M: number; se_mean_r_M: number; median_r: number; median_ci: [number, number];
  jkn_mean_r: number; jkn_se_mean_r: number;
}
const gold = JSON.parse(readFileSync(fixture('gold.json'), 'utf8')) as Gold;
const rates = exchangeRates('USD', {});
let workers: Table;
let costs: Table;

beforeAll(async () => {
  workers = await readTable(fixture('gold-workers.csv'));
  costs = await readTable(fixture('gold-costs.csv'));
});

const taylor = () => svyDesign(workers, { weight: 'weight', strata: 'stratum', psu: ['psu'] });
const run = (design = taylor() as Parameters<typeof computeSdg1071>[0]['design']) =>
  computeSdg1071({ workers, costs, design, rates, country: 'BGD', surveyYear: 2024 }, { suppression: { enabled: false }, breakdowns: [] });
const headline = (r: ReturnType<typeof run>, sex = 'SEX_T', code = 'MGS_RCI_SEX_MO') => r.tables.find((t) => t.indicator === code)!.cells.find((c) => c.sex === sex)!;

describe('SDG 10.7.1 standard errors (Taylor, stratified clusters)', () => {
  it('the in-scope workers and the mean of ratios with its SE, deff and df match R svymean on subset()', () => {
    const r = run();
    expect(r.workers.inScope).toBe(gold.n_in_scope);
    const c = headline(r);
    expect(c.N).toBeCloseTo(gold.N_in_scope, 8);
    expect(c.estimate).toBeCloseTo(gold.mean_r, 12);
    expect(c.se).toBeCloseTo(gold.se_mean_r, 12);
    expect(c.deff).toBeCloseTo(gold.deff_mean_r, 10);
    expect(c.df).toBe(gold.degf);
    expect(c.ci_high - c.estimate).toBeCloseTo(c.se * 2.306004135, 8);
  });

  it('is the core\'s domain mean of r_i computed directly (the same number)', () => {
    const r = run();
    const design = taylor();
    const extra = { sdg_r: Float64Array.from(r.rows.r), in_scope: Float64Array.from(r.rows.inScope) };
    const data = { nrows: workers.nrows, column: (n: string) => (n in extra ? { kind: 'number' as const, values: extra[n as keyof typeof extra] } : design.data.column(n)) };
    const direct = estimate({ ...design, data }, [{ statistic: 'mean', variable: 'sdg_r' }], { where: [{ column: 'in_scope', op: '=', value: '1' }] }).results[0]!;
    expect(headline(r).estimate).toBe(direct.estimate);
    expect(headline(r).se).toBe(direct.se);
    // the domain keeps the design's strata and PSUs: one df for the design, not the in-scope rows' own
    expect(direct.n).toBe(gold.n_in_scope);
    expect(direct.df).toBe(gold.degf);
  });

  it('ratio of means, by sex, and the median match R svyratio, svyby and svyquantile(qrule = "math")', () => {
    const r = run();
    const rom = headline(r, 'SEX_T', 'MGS_RCIROM_SEX_MO');
    expect(rom.estimate).toBeCloseTo(gold.ratio, 12);
    expect(rom.se).toBeCloseTo(gold.se_ratio, 12);
    expect(headline(r, 'SEX_F').estimate).toBeCloseTo(gold.mean_r_F, 12);
    expect(headline(r, 'SEX_F').se).toBeCloseTo(gold.se_mean_r_F, 12);
    expect(headline(r, 'SEX_M').estimate).toBeCloseTo(gold.mean_r_M, 12);
    expect(headline(r, 'SEX_M').se).toBeCloseTo(gold.se_mean_r_M, 12);
    const med = headline(r, 'SEX_T', 'MGS_RCIMED_SEX_MO');
    expect(med.estimate).toBeCloseTo(gold.median_r, 12);
    expect(med.ci_low).toBeCloseTo(gold.median_ci[0], 8);
    expect(med.ci_high).toBeCloseTo(gold.median_ci[1], 8);
  });

  it('replicate designs: JKn replicates of the design give R as.svrepdesign(type = "JKn")', () => {
    const r = run(asReplicateDesign(taylor(), { type: 'JKn' }));
    const c = headline(r);
    expect(c.estimate).toBeCloseTo(gold.jkn_mean_r, 12);
    expect(c.se).toBeCloseTo(gold.jkn_se_mean_r, 10);
    expect(r.tables.every((t) => t.cells.every((x) => Number.isFinite(x.estimate)))).toBe(true);
  });

  it('is fast: about 3,000 workers with every breakdown and disclosure control in well under a second', () => {
    const ws: Worker[] = [];
    const cs: Cost[] = [];
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const dests = ['SAU', 'MYS', 'ARE', 'QAT', 'KWT'];
    for (let i = 0; i < 3000; i++) {
      const id = String(i);
      ws.push({ id, w: 50 + Math.floor(rnd() * 100), sex: rnd() < 0.6 ? 'M' : 'F', dest: dests[Math.floor(rnd() * 5)]!, earn: 200 + Math.floor(rnd() * 600), occ: String(1 + Math.floor(rnd() * 9)), stratum: `s${i % 10}`, psu: `p${i % 100}` });
      for (let k = Math.floor(rnd() * 3); k > 0; k--) cs.push({ id, amount: Math.floor(rnd() * 2000), by: rnd() < 0.2 ? 'employer' : 'worker' });
    }
    const w = workersTable(ws);
    const input = { workers: w, costs: costsTable(cs), design: svyDesign(w, { weight: 'weight', strata: 'stratum', psu: ['psu'] }), rates, country: 'BGD', surveyYear: 2024 };
    computeSdg1071(input);
    const t0 = performance.now();
    const r = computeSdg1071(input);
    const ms = performance.now() - t0;
    expect(r.workers.inScope).toBe(3000);
    expect(r.tables.length).toBe(42);
    expect(ms).toBeLessThan(1000);
  });
});
