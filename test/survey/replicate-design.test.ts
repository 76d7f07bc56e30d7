/**
 * Replicate-weight designs against R survey 4.5: `svrepDesign` (R svrepdesign), `asReplicateDesign` (R
 * as.svrepdesign) and `replicateDf` (R degf). Estimates are computed here from the replicate weights (a weighted
 * mean, total or ratio per replicate, variance by `replicateCovariance`) and compared with the gold file at 1e-9.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv.js';
import { type Column, Table, tableFromArrays } from '../../src/io/table.js';
import { type DesignSpec, type LonelyPsu, type SurveyDesign, svyDesign } from '../../src/survey/design.js';
import { DesignError } from '../../src/survey/errors.js';
import {
  type AsReplicateSpec,
  type ReplicateDesign,
  type SvrepSpec,
  asReplicateDesign,
  replicateCovariance,
  replicateDf,
  svrepDesign,
} from '../../src/survey/replicate-design.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface GoldCase {
  readonly id: string;
  readonly estimate?: Record<string, number> | number;
  readonly se?: Record<string, number> | number;
  readonly value?: number;
  readonly error?: string;
  readonly warnings?: string | string[];
}
const goldCases: GoldCase[] = JSON.parse(readFileSync(`${root}test/fixtures/survey-gold/survey_gold.json`, 'utf8')).cases;
const gold = new Map(goldCases.map((c) => [c.id, c]));

const api = (name: string): Table => readCsv(`${root}datasets/api/${name}.csv`);

function num(t: Table, name: string): Float64Array {
  const c = t.column(name);
  if (c.kind !== 'number') throw new Error(`${name} is not numeric`);
  return c.values;
}

function withColumns(base: Table, extra: Record<string, Float64Array>): Table {
  const columns = new Map<string, Column>(base.columns);
  for (const [name, values] of Object.entries(extra)) columns.set(name, { kind: 'number', values });
  return new Table([...base.names, ...Object.keys(extra)], columns, base.nrows, base.source);
}

function rowsWhere(t: Table, name: string, keep: (label: string) => boolean): Int32Array {
  const c = t.column(name);
  const rows: number[] = [];
  for (let i = 0; i < t.nrows; i++) {
    const label = c.kind === 'number' ? String(c.values[i]) : c.levels[c.codes[i]!]!;
    if (keep(label)) rows.push(i);
  }
  return Int32Array.from(rows);
}

const allRows = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** A statistic of one set of analysis weights. */
type Stat = (w: Float64Array) => number;

const total = (y: Float64Array, rows: Int32Array = allRows(y.length)): Stat => (w) => {
  let s = 0;
  for (const i of rows) s += w[i]! * y[i]!;
  return s;
};
const ratio = (a: Float64Array, b: Float64Array, rows: Int32Array = allRows(a.length)): Stat => (w) => total(a, rows)(w) / total(b, rows)(w);
const mean = (y: Float64Array, rows: Int32Array = allRows(y.length)): Stat => ratio(y, new Float64Array(y.length).fill(1), rows);

/** Full-sample estimate and replicate SE of a statistic (R svrVar through `replicateCovariance`). */
function replicateSe(d: ReplicateDesign, f: Stat): { estimate: number; se: number } {
  const estimate = f(d.weights);
  const { covariance, dropped } = replicateCovariance(d, [estimate], Float64Array.from(d.replicates, f));
  expect(dropped).toBe(0);
  return { estimate, se: Math.sqrt(covariance[0]!) };
}

const first = (x: Record<string, number> | number | undefined): number => (typeof x === 'number' ? x : Object.values(x!)[0]!);

function expectClose(got: number, want: number, tol = 1e-9): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.abs(want));
}

function expectGold(id: string, got: { estimate: number; se: number }): void {
  const g = gold.get(id);
  if (!g) throw new Error(`no gold case ${id}`);
  expectClose(got.estimate, first(g.estimate));
  expectClose(got.se, first(g.se));
}

const goldWarnings = (g: GoldCase): string[] => (g.warnings === undefined ? [] : typeof g.warnings === 'string' ? [g.warnings] : g.warnings);

const clus1 = api('apiclus1');
const strat = api('apistrat');
const scd = api('scd');

const design = (t: Table, spec: DesignSpec): SurveyDesign => svyDesign(t, spec);
const dclus1 = design(clus1, { psu: ['dnum'], weight: 'pw', fpc: ['fpc'] });
const dstrat = design(strat, { strata: 'stype', weight: 'pw', fpc: ['fpc'] });
const dsLonely = (lonelyPsu: LonelyPsu): SurveyDesign => design(clus1, { strata: 'dnum', weight: 'pw', lonelyPsu });
const dscd = design(scd, { strata: 'ESA', psu: ['ambulance'], nest: true });

// ---------------------------------------------------------------------------------------------------------------

describe('svrepDesign on the 50 bootstrap replicate columns of apiclus1 (gold apiclus1_b)', () => {
  const boot = readCsv(`${root}test/fixtures/survey-gold/apiclus1_bootrep50.csv`);
  const bw = boot.names.filter((name) => name.startsWith('bw'));
  const apiclus1b = withColumns(clus1, Object.fromEntries(bw.map((name) => [name, num(boot, name)])));
  const base = { weight: 'pw', repweights: /^bw/ } as const;
  const variants: Record<string, Omit<SvrepSpec, 'mse'>> = {
    bootstrap: { ...base, type: 'bootstrap' },
    ACS: { ...base, type: 'ACS' },
    JK1_scale: { ...base, type: 'JK1', scale: 49 / 50 },
    other_scale_rscales: { ...base, type: 'other', scale: 0.5, rscales: Array.from({ length: 50 }, (_, r) => (r % 2 === 0 ? 1 : 2) / 25) },
    'Fay_rho0.3': { ...base, type: 'Fay', rho: 0.3 },
  };
  const stats: Record<string, Stat> = {
    'mean.api00': mean(num(clus1, 'api00')),
    'total.enroll': total(num(clus1, 'enroll')),
    ratio: ratio(num(clus1, 'api.stu'), num(clus1, 'enroll')),
  };

  it('joins the replicate file to apiclus1 by row order', () => {
    expect(boot.nrows).toBe(clus1.nrows);
    expect(bw).toHaveLength(50);
    expect(Array.from(num(boot, 'snum'))).toEqual(Array.from(num(clus1, 'snum')));
    expect(Array.from(num(boot, 'dnum'))).toEqual(Array.from(num(clus1, 'dnum')));
  });

  const cases = goldCases.filter((c) => /^bootrep50\..+\.mse_(TRUE|FALSE)\./.test(c.id));
  it('covers every bootrep50 estimate of the gold file', () => expect(cases).toHaveLength(22));
  for (const g of cases) {
    it(g.id, () => {
      const [, variant, mse, stat] = /^bootrep50\.(.+)\.mse_(TRUE|FALSE)\.(.+)$/.exec(g.id)!;
      const d = svrepDesign(apiclus1b, { ...variants[variant!]!, mse: mse === 'TRUE' });
      expect(d.replicates).toHaveLength(50);
      expectGold(g.id, replicateSe(d, stats[stat!]!));
      expect(d.warnings).toEqual(goldWarnings(g));
    });
  }

  it('degf is the rank of the replicate weights minus 1 (gold bootrep50.bootstrap.degf)', () => {
    const d = svrepDesign(apiclus1b, variants.bootstrap!);
    expect(replicateDf(d, allRows(d.n))).toBe(gold.get('bootrep50.bootstrap.degf')!.value);
    expect(replicateDf(d, allRows(d.n))).toBe(14);
    expect(replicateDf({ ...d, df: 30 }, allRows(10))).toBe(30);
    expect(svrepDesign(apiclus1b, { ...variants.bootstrap!, df: 30 }).df).toBe(30);
  });

  it('sets scale, rscales and mse per type as R svrepdesign', () => {
    const make = (spec: Partial<SvrepSpec> & Pick<SvrepSpec, 'type'>) => svrepDesign(apiclus1b, { ...base, ...spec });
    const ones = new Float64Array(50).fill(1);
    const cases: [Partial<SvrepSpec> & Pick<SvrepSpec, 'type'>, number, boolean, string[]][] = [
      [{ type: 'BRR' }, 1 / 50, false, []],
      [{ type: 'BRR', scale: 3, rho: 0.2 }, 1 / 50, false, ["type='BRR' does not use 'scale=' argument", "type='BRR' does not use 'rho=' argument, you may want type='Fay'"]],
      [{ type: 'Fay', rho: 0.3 }, 1 / (50 * 0.7 * 0.7), false, []],
      [{ type: 'JK1' }, 49 / 50, false, ['scale (n-1)/n not provided: guessing n=number of replicates']],
      [{ type: 'bootstrap' }, 1 / 49, false, []],
      [{ type: 'bootstrap', bootstrapAverage: 3 }, 3 / 49, false, []],
      [{ type: 'bootstrap', scale: 0.1 }, 0.1, false, []],
      [{ type: 'ACS' }, 4 / 50, true, []],
      [{ type: 'ACS', mse: true, scale: 2 }, 4 / 50, true, ['with type ACS scale= and rscales= are not needed and will be ignored']],
      [{ type: 'successive-difference' }, 4 / 50, false, []],
      [{ type: 'successive-difference', mse: true }, 4 / 50, true, []],
      [{ type: 'JK2' }, 1, false, []],
      [{ type: 'JK1', scale: 0.9, rho: 0.5 }, 0.9, false, ['rho not relevant to JK1 design: ignored.']],
      [{ type: 'other' }, 1, false, ['scale or rscales not specified, set to 1']],
      [{ type: 'other', scale: 2, rscales: [1], mse: true }, 2, true, []],
    ];
    for (const [spec, scale, mse, warnings] of cases) {
      const d = make(spec);
      expect(d.type).toBe(spec.type);
      expectClose(d.scale, scale, 1e-15);
      expect(d.rscales).toEqual(ones);
      expect(d.mse).toBe(mse);
      expect(d.warnings).toEqual(warnings);
    }
    const jkn = make({ type: 'JKn', rscales: Array.from({ length: 50 }, (_, r) => r / 50) });
    expect(jkn.scale).toBe(1);
    expect(jkn.rscales[7]).toBe(7 / 50);
  });

  it('multiplies uncombined replicate columns by the sampling weight and guesses JK1/JKn constants from them', () => {
    const factors = Object.fromEntries(['f1', 'f2', 'f3'].map((name, k) => [name, Float64Array.from({ length: clus1.nrows }, (_, i) => (i % 3 === k ? 0 : 1.5))]));
    const t = withColumns(clus1, factors);
    const pw = num(clus1, 'pw');
    const jk1 = svrepDesign(t, { type: 'JK1', weight: 'pw', repweights: /^f\d$/, combinedWeights: false });
    expect(jk1.replicates[1]).toEqual(factors.f2!.map((x, i) => x * pw[i]!));
    expect(jk1.weights).toEqual(pw);
    expect(jk1.scale).toBe(1 / 1.5);
    expect(jk1.warnings).toEqual(['scale (n-1)/n not provided: guessing from weights']);
    const jkn = svrepDesign(t, { type: 'JKn', weight: 'pw', repweights: ['f3', 'f1'], combinedWeights: false });
    expect(jkn.rscales).toEqual(Float64Array.of(1 / 1.5, 1 / 1.5));
    expect(jkn.replicates[0]).toEqual(factors.f3!.map((x, i) => x * pw[i]!));
    expect(jkn.warnings).toEqual(['rscales (n-1)/n not provided:guessing from weights']);
    expect(svrepDesign(t, { type: 'bootstrap', weight: 'pw', repweights: ['f1', 'f2'] }).warnings).toEqual([
      `Data do not look like combined weights: mean replication weight is 1 and mean sampling weight is ${pw.reduce((a, b) => a + b) / pw.length}`,
    ]);
  });

  it('reports bad replicate columns and constants, naming the column, row and value', () => {
    const err = (spec: Partial<SvrepSpec>, t: Table = apiclus1b) => () => svrepDesign(t, { ...variants.bootstrap!, ...spec } as SvrepSpec);
    expect(err({ repweights: ['bw1', 'nope'] })).toThrow(DesignError);
    expect(err({ repweights: ['bw1', 'nope'] })).toThrow(/replicate weight column "nope".*no column "nope"; columns are: cds, stype/);
    expect(err({ repweights: /^zz/ })).toThrow(/no column name matches the replicate-weight pattern \/\^zz\/; columns are: cds, stype, name/);
    expect(err({ repweights: ['bw1', 'stype'] })).toThrow(/replicate weight column "stype" must be numeric/);
    expect(err({ weight: 'nope' })).toThrow(/weight column "nope"/);
    const bad = (x: number) => withColumns(apiclus1b, { bad: Float64Array.from({ length: clus1.nrows }, (_, i) => (i === 4 || i === 9 ? x : 1)) });
    expect(err({ repweights: ['bw1', 'bad'] }, bad(NaN))).toThrow('replicate weight column "bad" has 2 missing, negative or non-finite value(s) at rows 5, 10 (row 5: NA)');
    expect(err({ repweights: ['bad'] }, bad(-2))).toThrow(/"bad" .* rows 5, 10 \(row 5: -2\)/);
    expect(err({ repweights: ['bad'] }, bad(Infinity))).toThrow(/row 5: Infinity/);
    expect(err({ rscales: [1, 2, 3] })).toThrow('rscales has 3 values, but there are 50 replicate-weight columns');
    expect(err({ type: 'Fay' })).toThrow(/type Fay needs rho/);
    expect(err({ type: 'Fay', rho: 1 })).toThrow(/rho = 1: Fay's coefficient must be in \[0, 1\)/);
    expect(err({ type: 'Fay', rho: -0.1 })).toThrow(DesignError);
    expect(err({ type: 'JKn' })).toThrow(/JKn with combined weights needs rscales/);
    expect(err({ repweights: [] })).toThrow(/no replicate-weight columns/);
    expect(() => svrepDesign({ nrows: 3, column: (n) => clus1.column(n) }, { type: 'BRR', repweights: /^bw/ })).toThrow(/needs a table with column names/);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('asReplicateDesign against R as.svrepdesign', () => {
  const api00 = num(clus1, 'api00');
  const enroll = num(clus1, 'enroll');
  const clusRatio = ratio(num(clus1, 'api.stu'), enroll);

  it('JK1 on dclus1 (gold rclus1_JK1.*)', () => {
    const mse = asReplicateDesign(dclus1, { type: 'JK1', mse: true });
    const nomse = asReplicateDesign(dclus1, { type: 'JK1' });
    expectGold('rclus1_JK1.mse.mean.api00', replicateSe(mse, mean(api00)));
    expectGold('rclus1_JK1.nomse.mean.api00', replicateSe(nomse, mean(api00)));
    expectGold('rclus1_JK1.mse.total.enroll', replicateSe(mse, total(enroll)));
    expectGold('rclus1_JK1.nomse.ratio', replicateSe(nomse, clusRatio));
    expect(asReplicateDesign(dclus1, { mse: true })).toEqual(mse);
  });

  it('JK1 deletes one PSU per replicate and rescales the others by n/(n-1)', () => {
    const d = asReplicateDesign(dclus1, { type: 'JK1' });
    const dnum = num(clus1, 'dnum');
    const psus = [...new Set(dnum)];
    const pw = num(clus1, 'pw');
    expect(d.type).toBe('JK1');
    expect(d.replicates).toHaveLength(15);
    d.replicates.forEach((w, r) => w.forEach((x, i) => expect(x).toBe(dnum[i] === psus[r] ? 0 : (15 / 14) * pw[i]!)));
    expectClose(d.scale, ((757 - 15) / 757) * (14 / 15), 1e-15);
    expect(d.rscales).toEqual(new Float64Array(15).fill(1));
    expect(d.mse).toBe(false);
    expect(d.warnings).toEqual([]);
    expect(replicateDf(d, allRows(d.n))).toBe(14);
    // R 4.1.1 (same degf and jk1weights code as 4.5): degf(subset(rclus1, stype == "E")) = 14.
    expect(replicateDf(d, rowsWhere(clus1, 'stype', (s) => s === 'E'))).toBe(14);
  });

  it('JKn on dstrat (gold rstrat_JKn.*, rstrat_nofpc_JKn.*)', () => {
    const y = num(strat, 'api00');
    expectGold('rstrat_JKn.mse.mean.api00', replicateSe(asReplicateDesign(dstrat, { type: 'JKn', mse: true }), mean(y)));
    expectGold('rstrat_JKn.nomse.mean.api00', replicateSe(asReplicateDesign(dstrat, { type: 'JKn' }), mean(y)));
    const nofpc = design(strat, { strata: 'stype', weight: 'pw' });
    expectGold('rstrat_nofpc_JKn.mse.mean.api00', replicateSe(asReplicateDesign(nofpc, { mse: true }), mean(y)));
    const yes = rowsWhere(strat, 'sch.wide', (s) => s === 'Yes');
    expectGold('rstrat_JKn.mse.domain_schwideYes.mean.api00', replicateSe(asReplicateDesign(dstrat, { mse: true }), mean(y, yes)));
  });

  it('JKn replicates run over strata in order of appearance, one per PSU, with rscale (1-f_h)(n_h-1)/n_h', () => {
    const d = asReplicateDesign(dstrat);
    const stype = strat.column('stype');
    if (stype.kind !== 'category') throw new Error('stype is categorical');
    const label = (i: number) => stype.levels[stype.codes[i]!]!;
    const order = [...new Set(Array.from({ length: strat.nrows }, (_, i) => label(i)))];
    const rowsOf = order.map((s) => rowsWhere(strat, 'stype', (x) => x === s));
    const N = num(strat, 'fpc');
    const pw = num(strat, 'pw');
    expect(d.replicates).toHaveLength(200);
    expect(d.scale).toBe(1);
    let r = 0;
    rowsOf.forEach((rows) => {
      const nh = rows.length;
      const Nh = N[rows[0]!]!;
      for (const dropped of rows) {
        expectClose(d.rscales[r]!, ((Nh - nh) / Nh) * ((nh - 1) / nh), 1e-15);
        const w = d.replicates[r]!;
        w.forEach((x, i) => expect(x).toBe(i === dropped ? 0 : rows.includes(i) ? (nh / (nh - 1)) * pw[i]! : pw[i]!));
        r++;
      }
    });
    expect(replicateDf(d, allRows(d.n))).toBe(197);
    // R 4.1.1 (same code as 4.5): degf(subset(as.svrepdesign(dstrat), sch.wide == "Yes")) = 151.
    expect(replicateDf(d, rowsWhere(strat, 'sch.wide', (s) => s === 'Yes'))).toBe(151);
  });

  it('a self-representing stratum (f = 1) yields no replicate', () => {
    const stype = strat.column('stype');
    if (stype.kind !== 'category') throw new Error('stype is categorical');
    const fpc = num(strat, 'fpc').map((x, i) => (stype.levels[stype.codes[i]!] === 'H' ? 50 : x));
    const d = asReplicateDesign(design(withColumns(strat, { fpcH: fpc }), { strata: 'stype', weight: 'pw', fpc: ['fpcH'] }));
    expect(d.replicates).toHaveLength(150);
    expect(replicateDf(d, allRows(d.n))).toBe(148);
    const all = design(withColumns(strat, { N: new Float64Array(strat.nrows).fill(1) }), { strata: 'stype', fpc: ['N'] });
    expect(() => asReplicateDesign(all)).toThrow(/All strata were exhaustively sampled/);
  });

  it('lonely PSUs in JKn follow the design rule (gold lonely.*.rep.mean.api00; average from spec F11)', () => {
    expectGold('lonely.remove.rep.mean.api00', replicateSe(asReplicateDesign(dsLonely('remove')), mean(api00)));
    expectGold('lonely.certainty.rep.mean.api00', replicateSe(asReplicateDesign(dsLonely('certainty')), mean(api00)));
    expectGold('lonely.adjust.rep.mean.api00', replicateSe(asReplicateDesign(dsLonely('adjust')), mean(api00)));
    const average = asReplicateDesign(dsLonely('average'));
    expectClose(replicateSe(average, mean(api00)).se, 5.82170566741, 1e-11);
    expect(average.scale).toBe(183 / 182);
    expect(average.replicates).toHaveLength(182);

    const adjust = asReplicateDesign(dsLonely('adjust'));
    expect(adjust.replicates).toHaveLength(183);
    const lonelyRow = Array.from(num(clus1, 'dnum')).indexOf(413);
    const r = adjust.replicates.findIndex((w) => w[lonelyRow] === 0);
    expect(adjust.rscales[r]).toBe(14 / 15);
    const pw = num(clus1, 'pw');
    adjust.replicates[r]!.forEach((x, i) => expect(x).toBe(i === lonelyRow ? 0 : (15 / 14) * pw[i]!));

    const fail = gold.get('lonely.fail.rep.mean.api00')!;
    expect(fail.error).toMatch(/has only one PSU/);
    expect(() => asReplicateDesign(dsLonely('fail'))).toThrow(DesignError);
    expect(() => asReplicateDesign(dsLonely('fail'))).toThrow(`Stratum (413) has only one PSU (column "dnum", row ${lonelyRow + 1})`);
    expect(() => asReplicateDesign(dsLonely('fail'))).toThrow(/has only one PSU/);
  });

  it('BRR on scd gives R half-samples (gold scd.BRR_auto.ratio)', () => {
    const f = ratio(num(scd, 'alive'), num(scd, 'arrests'));
    const d = asReplicateDesign(dscd, { type: 'BRR' });
    expectGold('scd.BRR_auto.ratio', replicateSe(d, f));
    // weights(as.svrepdesign(..., type = "BRR"), "analysis") in R: rows are the six ambulances.
    const R = [
      [2, 0, 2, 0],
      [0, 2, 0, 2],
      [2, 2, 0, 0],
      [0, 0, 2, 2],
      [2, 0, 0, 2],
      [0, 2, 2, 0],
    ];
    expect(d.replicates.map((w) => Array.from(w))).toEqual(R[0]!.map((_, r) => R.map((row) => row[r]!)));
    expect(d.type).toBe('BRR');
    expect(d.scale).toBe(1 / 4);
    expect(d.warnings).toEqual([]);

    const fay = asReplicateDesign(dscd, { type: 'Fay', rho: 0.5 });
    expect(fay.type).toBe('Fay');
    expect(fay.replicates.map((w) => Array.from(w))).toEqual(R[0]!.map((_, r) => R.map((row) => (row[r] === 2 ? 1.5 : 0.5))));
    expect(fay.scale).toBe(1);
    expect(asReplicateDesign(dscd, { type: 'Fay' }).warnings).toEqual(['type Fay without rho: rho = 0 (R fay.rho default), which is plain BRR']);

    const withFpc = design(withColumns(scd, { fpc5: new Float64Array(6).fill(5) }), { strata: 'ESA', psu: ['ambulance'], nest: true, fpc: ['fpc5'] });
    expect(asReplicateDesign(withFpc, { type: 'BRR' }).warnings).toEqual(['Finite population correction dropped in conversion']);
  });

  it('svrepDesign with the Levy-Lemeshow half-sample columns matches too (gold scd.BRR.ratio.alive_arrests)', () => {
    const cols = [
      [1, 0, 1, 0, 1, 0],
      [1, 0, 0, 1, 0, 1],
      [0, 1, 1, 0, 0, 1],
      [0, 1, 0, 1, 1, 0],
    ];
    const t = withColumns(scd, Object.fromEntries(cols.map((c, r) => [`h${r + 1}`, Float64Array.from(c, (x) => 2 * x)])));
    const d = svrepDesign(t, { type: 'BRR', repweights: ['h1', 'h2', 'h3', 'h4'], combinedWeights: false });
    const g = gold.get('scd.BRR.ratio.alive_arrests')!;
    expectGold(g.id, replicateSe(d, ratio(num(scd, 'alive'), num(scd, 'arrests'))));
    expect(d.warnings).toEqual(goldWarnings(g));
  });

  it("BRR uses R's choice of Hadamard order and is fully balanced", () => {
    // Number of replicates R survey's brrweights gives for k strata of two PSUs (R survey 4.1.1; same hadamard() as 4.5).
    const expected: [number, number][] = [
      [1, 4], [3, 4], [4, 8], [7, 8], [8, 12], [11, 12], [12, 16], [16, 20], [20, 24], [24, 28], [27, 28], [28, 32],
      [32, 36], [35, 36], [36, 40], [40, 44], [47, 48], [50, 56], [55, 56], [60, 64], [64, 68], [70, 72], [72, 80],
      [80, 84], [100, 104], [130, 132],
    ];
    for (const [k, R] of expected) {
      const rows = 2 * k;
      const y = Float64Array.from({ length: rows }, (_, i) => Math.sin(i + 1) * 10 + i);
      // Strata labelled in a scrambled order of appearance: pairing and Hadamard rows follow the sorted labels.
      const t = tableFromArrays({ st: Array.from({ length: rows }, (_, i) => `s${((i >> 1) * 7919) % k}`), id: Float64Array.from({ length: rows }, (_, i) => i), y });
      const d = asReplicateDesign(design(t, { strata: 'st', psu: ['id'] }), { type: 'BRR' });
      expect([k, d.replicates.length]).toEqual([k, R]);
      // Full orthogonal balance: the BRR variance of a total is the sum over strata of (y_h1 - y_h2)^2.
      let want = 0;
      for (let h = 0; h < k; h++) want += (y[2 * h]! - y[2 * h + 1]!) ** 2;
      expectClose(replicateSe(d, total(y)).se ** 2, want, 1e-12);
      expectClose(replicateSe({ ...d, mse: true }, total(y)).se ** 2, want, 1e-12);
    }
  });

  it('BRR splits an even stratum into pairs and rejects odd or single-PSU strata', () => {
    const t = tableFromArrays({ st: ['b', 'a', 'a', 'b', 'a', 'a', 'c', 'c'], id: Float64Array.from({ length: 8 }, (_, i) => i), w: [1, 2, 3, 4, 5, 6, 7, 8] });
    const d = asReplicateDesign(design(t, { strata: 'st', psu: ['id'], weight: 'w' }), { type: 'BRR', rho: 0.3 });
    expect(d.type).toBe('Fay');
    expect(d.replicates).toHaveLength(8);
    // R: weights(as.svrepdesign(..., type = "Fay", fay.rho = 0.3), "analysis")[, 2]
    expect(Array.from(d.replicates[1]!, (x) => Math.round(x * 1e12) / 1e12)).toEqual([0.3, 0.6, 5.1, 6.8, 8.5, 1.8, 11.9, 2.4]);
    expect(d.scale).toBe(1 / (8 * 0.7 * 0.7));
    const odd = tableFromArrays({ st: ['a', 'a', 'a', 'b', 'b'], id: [1, 2, 3, 4, 5] });
    expect(() => asReplicateDesign(design(odd, { strata: 'st', psu: ['id'] }), { type: 'BRR' })).toThrow(/stratum "a" .* 3 PSUs, an odd number/);
    expect(() => asReplicateDesign(dsLonely('remove'), { type: 'BRR' })).toThrow(/BRR needs at least two PSUs in every stratum: stratum "413" has one/);
  });

  it('bootstrap: Canty-Davison counts, harmonic-mean scale, seeded and deterministic', () => {
    const a = asReplicateDesign(dclus1, { type: 'bootstrap', seed: 7 });
    const b = asReplicateDesign(dclus1, { type: 'bootstrap', seed: 7 });
    const c = asReplicateDesign(dclus1, { type: 'bootstrap', seed: 8 });
    expect(a).toEqual(b);
    expect(a.replicates).not.toEqual(c.replicates);
    expect(a.replicates).toHaveLength(50);
    expect(a.type).toBe('bootstrap');
    expect(a.scale).toBe(15 / (14 * 49));
    const pw = num(clus1, 'pw');
    const dnum = num(clus1, 'dnum');
    for (const w of a.replicates) {
      const count = new Map<number, number>();
      w.forEach((x, i) => {
        const k = x / pw[i]!;
        expect(Number.isInteger(Math.round(k * 1e9) / 1e9)).toBe(true);
        count.set(dnum[i]!, k);
      });
      expect([...count.values()].reduce((s, k) => s + k, 0)).toBeCloseTo(15, 9);
    }
    const strat3 = asReplicateDesign(dstrat, { type: 'bootstrap', replicates: 20 });
    const nbar = 3 / (1 / 100 + 1 / 50 + 1 / 50);
    expectClose(strat3.scale, nbar / ((nbar - 1) * 19), 1e-15);
    expect(strat3.replicates).toHaveLength(20);
    // Sampling all of a fully enumerated stratum without replacement takes every PSU once.
    const census = design(withColumns(scd, { N: new Float64Array(6).fill(2) }), { strata: 'ESA', psu: ['ambulance'], nest: true, fpc: ['N'] });
    for (const w of asReplicateDesign(census, { type: 'bootstrap', replicates: 5 }).replicates) expect(Array.from(w)).toEqual([1, 1, 1, 1, 1, 1]);
    // 2000 replicates land near R's bootstrap SE (23.06 with set.seed(1)) and the Taylor SE of dclus1.
    const many = asReplicateDesign(dclus1, { type: 'bootstrap', replicates: 2000, seed: 1 });
    expect(replicateSe(many, mean(api00)).se / first(gold.get('dclus1.mean.api00_api99')!.se)).toBeGreaterThan(0.9);
    expect(replicateSe(many, mean(api00)).se / first(gold.get('dclus1.mean.api00_api99')!.se)).toBeLessThan(1.1);
  });

  it('subbootstrap: Rao-Wu n_h - 1 draws rescaled by n_h/(n_h - 1), scale 1/(R-1)', () => {
    const d = asReplicateDesign(dscd, { type: 'subbootstrap', replicates: 30, seed: 3 });
    expect(d.scale).toBe(1 / 29);
    expect(d.type).toBe('subbootstrap');
    for (const w of d.replicates) {
      for (let h = 0; h < 3; h++) {
        expect(w[2 * h]! + w[2 * h + 1]!).toBe(2);
        expect([0, 2]).toContain(w[2 * h]);
      }
    }
    expect(asReplicateDesign(dscd, { type: 'subbootstrap', replicates: 30, seed: 3 })).toEqual(d);
    expect(() => asReplicateDesign(dsLonely('adjust'), { type: 'subbootstrap' })).toThrow(/stratum "413" has one/);
  });

  it('reports invalid conversions', () => {
    const conv = (d: SurveyDesign, spec: AsReplicateSpec) => () => asReplicateDesign(d, spec);
    expect(conv(dstrat, { type: 'JK1' })).toThrow(/Can't use JK1 for a stratified design/);
    expect(conv(dclus1, { type: 'JKn' })).toThrow(/Must use JK1 or bootstrap for an unstratified design/);
    expect(conv(dclus1, { type: 'BRR' })).toThrow(DesignError);
    expect(conv(dclus1, { type: 'bootstrap', replicates: 1 })).toThrow(/integer >= 2/);
    expect(conv(dclus1, { type: 'bootstrap', seed: 0.5 })).toThrow(/seed = 0.5/);
    expect(conv(dscd, { type: 'Fay', rho: 1.5 })).toThrow(/\[0, 1\)/);
    expect(conv({ ...dclus1, calibration: [{} as never] }, {})).toThrow(/calibrated/);
    expect(asReplicateDesign(dclus1, { type: 'JK1', rho: 0.3 }).warnings).toEqual(['rho is used only by BRR and Fay replicates: ignored for JK1']);
    const dclus2 = design(api('apiclus2'), { psu: ['dnum', 'snum'], fpc: ['fpc1', 'fpc2'] });
    expect(asReplicateDesign(dclus2).warnings).toEqual(['Finite population corrections after first stage have been dropped']);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('replicateDf: R degf, the LINPACK dqrdc2 rank of the replicate weights minus 1', () => {
  const pw = num(clus1, 'pw');
  const col = (k: number) => Float64Array.from(pw, (w, i) => w * (1 + ((i * (k + 3)) % 7)));
  const d = (replicates: Float64Array[]): ReplicateDesign => ({
    kind: 'replicate',
    data: clus1,
    n: clus1.nrows,
    weights: pw,
    replicates,
    type: 'other',
    scale: 1,
    rscales: new Float64Array(replicates.length).fill(1),
    mse: false,
  });
  const rows = allRows(clus1.nrows);

  it('counts linearly independent replicate columns', () => {
    expect(replicateDf(d([col(0), col(1), col(2)]), rows)).toBe(2);
    expect(replicateDf(d([col(0), col(0), col(1)]), rows)).toBe(1);
    expect(replicateDf(d([col(0), col(1), col(0).map((x, i) => x + 2 * col(1)[i]!)]), rows)).toBe(1);
    expect(replicateDf(d([col(0), new Float64Array(clus1.nrows), col(1)]), rows)).toBe(1);
    expect(replicateDf(d([col(0), col(1), col(2)]), Int32Array.of(3, 8))).toBe(1);
  });

  it('drops a column whose residual norm is below 1e-5 of its own norm, as R qr(tol = 1e-5)', () => {
    const a = col(0);
    const b = col(1);
    const z = col(2);
    const near = (eps: number) => a.map((x, i) => x + eps * z[i]!);
    // R: qr(cbind(a, a + eps * z, b), tol = 1e-5)$rank is 2 for eps <= 1e-5 and 3 from 3e-5 (either column order).
    for (const [eps, df] of [[1e-7, 1], [1e-6, 1], [3e-6, 1], [1e-5, 1], [3e-5, 2], [1e-4, 2], [1e-3, 2]] as const) {
      expect([eps, replicateDf(d([a, near(eps), b]), rows)]).toEqual([eps, df]);
      expect([eps, replicateDf(d([a, b, near(eps)]), rows)]).toEqual([eps, df]);
    }
  });
});
