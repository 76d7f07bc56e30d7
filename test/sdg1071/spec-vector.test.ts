/** The worked test vector of spec sdg1071.md §10 through the public API, on a design built on hand-made tables. */
import { describe, expect, it } from 'vitest';
import { computeSdg1071, corridorRows, exchangeRates, sdg1071Code } from '../../src/index.js';
import { svyDesign } from '../../src/survey/design.js';
import { SPEC_COSTS, SPEC_WORKERS, costsTable, workersTable } from './helpers.js';

const workers = workersTable(SPEC_WORKERS);
const costs = costsTable(SPEC_COSTS);
const design = svyDesign(workers, { weight: 'weight' });
const rates = exchangeRates('USD', {});
const run = (o = {}) => computeSdg1071({ workers, costs, design, rates, country: 'BGD', surveyYear: 2024 }, { suppression: { enabled: false }, ...o });

const cell = (code: string, sex = 'SEX_T', classif1: string | null = null) => {
  const r = run();
  const t = r.tables.find((x) => x.indicator === code);
  if (!t) throw new Error(`no table ${code}: ${r.tables.map((x) => x.indicator).join(', ')}`);
  const c = t.cells.find((x) => x.sex === sex && x.classif1 === classif1);
  if (!c) throw new Error(`no cell ${sex} ${classif1} in ${code}`);
  return c;
};

describe('SDG 10.7.1 spec §10 test vector', () => {
  it('RCI 4.875 (published 4.9), male 7.0, female 1.333', () => {
    expect(cell('MGS_RCI_SEX_MO').estimate).toBeCloseTo(4.875, 12);
    expect(cell('MGS_RCI_SEX_MO', 'SEX_M').estimate).toBeCloseTo(7, 12);
    expect(cell('MGS_RCI_SEX_MO', 'SEX_F').estimate).toBeCloseTo(4 / 3, 12);
    expect(cell('MGS_RCI_SEX_MO').N).toBe(400);
  });

  it('corridors SAU 6.667 (N 150), MYS 5.0, ARE 2.0; corridor means weighted by N give the country value (rule 28)', () => {
    const code = sdg1071Code('headline', 'COR');
    expect(code).toBe('MGS_RCI_SEX_COR_MO');
    const sau = cell(code, 'SEX_T', 'MGS_COR_BGD_SAU');
    expect(sau.estimate).toBeCloseTo(20 / 3, 12);
    expect(sau.N).toBe(150);
    expect(cell(code, 'SEX_T', 'MGS_COR_BGD_MYS').estimate).toBeCloseTo(5, 12);
    expect(cell(code, 'SEX_T', 'MGS_COR_BGD_ARE').estimate).toBeCloseTo(2, 12);
    const items = run().tables.find((t) => t.indicator === code)!.cells.filter((c) => c.sex === 'SEX_T' && c.classif1 !== 'MGS_COR_TOTAL');
    expect(items.map((c) => c.classif1)).toEqual(['MGS_COR_BGD_ARE', 'MGS_COR_BGD_MYS', 'MGS_COR_BGD_SAU']);
    const weighted = items.reduce((a, c) => a + c.N * c.estimate, 0) / items.reduce((a, c) => a + c.N, 0);
    expect(weighted).toBeCloseTo(4.875, 12);
    expect(cell(code, 'SEX_T', 'MGS_COR_TOTAL').estimate).toBeCloseTo(4.875, 12);
    expect(corridorRows(run().tables).map((c) => `${c.corridor} ${c.estimate}`)).toEqual(['Bangladesh - United Arab Emirates 2', 'Bangladesh - Malaysia 5', `Bangladesh - Saudi Arabia ${sau.estimate}`]);
    // destination table: ILOSTAT CDS_DES_ codes
    expect(cell('MGS_RCI_SEX_DES_MO', 'SEX_T', 'CDS_DES_SAU').estimate).toBeCloseTo(20 / 3, 12);
  });

  it('weighted median 5.0 (lower median, qrule math), ratio of means 5.098', () => {
    expect(cell('MGS_RCIMED_SEX_MO').estimate).toBe(5);
    expect(cell('MGS_RCIROM_SEX_MO').estimate).toBeCloseTo(650_000 / 127_500, 12);
    expect(Number((650_000 / 127_500).toFixed(3))).toBe(5.098);
  });

  it('share with costs, mean cost and mean earnings', () => {
    expect(cell('MGS_RCPOS_SEX_RT').estimate).toBeCloseTo(87.5, 10);
    expect(cell('MGS_RCC_SEX_MEAN').estimate).toBeCloseTo(650_000 / 400, 10);
    expect(cell('MGS_RCE_SEX_MEAN').estimate).toBeCloseTo(127_500 / 400, 10);
    expect(cell('MGS_RCW_SEX_NB').estimate).toBe(400);
    expect(cell('MGS_RCW_SEX_NB', 'SEX_M').n).toBe(2);
  });

  it('the SE is that of a domain of the full design (5 PSUs), not of a design on the 4 in-scope workers', () => {
    // with-replacement linearisation, each row its own PSU: V = n/(n-1) sum z_i^2, z_i = w_i (r_i - m) / N over the domain, 0 outside
    const z = [[100, 10], [50, 0], [150, 5], [100, 2]].map(([w, r]) => (w! * (r! - 4.875)) / 400);
    const ss = z.reduce((a, x) => a + x * x, 0);
    expect(cell('MGS_RCI_SEX_MO').se).toBeCloseTo(Math.sqrt((5 / 4) * ss), 12);
    expect(cell('MGS_RCI_SEX_MO').se).not.toBeCloseTo(Math.sqrt((4 / 3) * ss), 6);
    expect(cell('MGS_RCI_SEX_MO').df).toBe(4);
  });

  it('excluded: 1 worker (weight 80), E = 0 (rule 18)', () => {
    const r = run();
    expect(r.exclusions).toEqual([expect.objectContaining({ code: 'earnings-zero', count: 1, weight: 80, rule: '18' })]);
    expect(r.workers).toMatchObject({ records: 5, inScope: 4, inScopeWeight: 400, zeroCost: 1, positiveCost: 3, excluded: 1, excludedWeight: 80 });
  });

  it('UN SDG rows: 4.9 bothsex, 1.3 female, 7.0 male for M49 50', () => {
    expect(run().unSdgRows.map((r) => `${r.geo_area},${r.sex},${r.sl_emp_rcost_mo}`)).toEqual(['50,bothsex,4.9', '50,female,1.3', '50,male,7.0']);
  });

  it('ratio-of-means as the headline; percent display', () => {
    const r = run({ estimator: 'ratio-of-means' });
    expect(r.tables.find((t) => t.indicator === 'MGS_RCI_SEX_MO')!.cells[0]!.estimate).toBeCloseTo(5.098039, 5);
    expect(r.tables.some((t) => t.indicator === 'MGS_RCIMOR_SEX_MO')).toBe(true);
    expect(r.choices.estimator).toBe('ratio-of-means');
    const p = run({ percent: true });
    expect(p.tables.find((t) => t.indicator === 'MGS_RCI_SEX_MO')!.cells[0]!.estimate).toBeCloseTo(487.5, 10);
    expect(p.unSdgRows[0]!.sl_emp_rcost_mo).toBe('4.9');
  });
});
