/** The gold cases of replicate weights, calibration and svyglm, run end to end through the public estimation API. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv.js';
import { type Column, Table } from '../../src/io/table.js';
import { parseMargins } from '../../src/survey/calibration.js';
import { svyDesign } from '../../src/survey/design.js';
import { parseCondition } from '../../src/survey/domains.js';
import { type Design, estimate } from '../../src/survey/estimate.js';
import { svyglm } from '../../src/survey/glm.js';
import { asReplicateDesign, svrepDesign } from '../../src/survey/replicate-design.js';
import { calibrate, postStratify, rake } from '../../src/survey/reweight.js';
import { type GoldCase, designs, gold, plan, root, table } from './gold-harness.js';

const scope: { replicate_calibration_glm: string[] } = JSON.parse(readFileSync(`${root}test/gold-scope.json`, 'utf8'));

const margins = {
  'pop.types': 'variable,level,total\nstype,E,4421\nstype,H,755\nstype,M,1018\n',
  'pop.schwide': 'variable,level,total\nsch.wide,No,1072\nsch.wide,Yes,5122\n',
  popt: 'variable,level,total\n(Intercept),,6194\nstype,H,755\nstype,M,1018\napi99,,3914069\n',
} as const;
const margin = (name: string) => parseMargins(margins[name as keyof typeof margins], name);

/** apiclus1 with the 50 bootstrap replicate columns (rows in the same order; checked on dnum and snum). */
function apiclus1b(): Table {
  const base = table('apiclus1');
  const reps = readCsv(`${root}test/fixtures/survey-gold/apiclus1_bootrep50.csv`);
  for (const id of ['snum', 'dnum']) expect(Array.from((reps.column(id) as { values: Float64Array }).values)).toEqual(Array.from((base.column(id) as { values: Float64Array }).values));
  const names = [...base.names, ...reps.names.filter((n) => n.startsWith('bw'))];
  const columns = new Map<string, Column>([...base.columns, ...reps.names.filter((n) => n.startsWith('bw')).map((n) => [n, reps.column(n)] as const)]);
  return new Table(names, columns, base.nrows, 'apiclus1_b');
}

/** scd with R's BRR half-sample columns `2*cbind(...)` of the gold setup. */
function scdBrr(): Table {
  const base = table('scd');
  const half = [[1, 0, 1, 0, 1, 0], [1, 0, 0, 1, 0, 1], [0, 1, 1, 0, 0, 1], [0, 1, 0, 1, 1, 0]];
  const columns = new Map<string, Column>(base.columns);
  half.forEach((h, r) => columns.set(`rep${r + 1}`, { kind: 'number', values: Float64Array.from(h, (x) => 2 * x) }));
  return new Table([...base.names, 'rep1', 'rep2', 'rep3', 'rep4'], columns, base.nrows, 'scd');
}

/** The text of the balanced call starting at `at`. */
function balanced(s: string, at: number): string {
  let depth = 0;
  for (let i = s.indexOf('(', at); i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return s.slice(at, i + 1);
  }
  throw new Error(`unbalanced ${s}`);
}

/** Top-level arguments of a call. */
function args(call: string): string[] {
  const inner = call.slice(call.indexOf('(') + 1, -1);
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of inner) {
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    cur += ch;
  }
  return [...out, cur.trim()];
}

const named = (a: string[], key: string): string | undefined => a.find((x) => x.startsWith(`${key}=`))?.slice(key.length + 1).replace(/^'|'$/g, '');
const bool = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v === 'TRUE');

/** Builds the design of an R design expression: a gold design name, as.svrepdesign, svrepdesign, postStratify, rake, calibrate, subset. */
function build(expr: string, c: GoldCase): { design: Design; where: string[] } {
  const lonely = (c.options?.['survey.lonely.psu'] as 'fail') ?? 'fail';
  const name = /^[\w.]+$/.exec(expr)?.[0];
  if (name) {
    const d = designs[name === 'ds_lonely' ? 'ds_lonely' : name]!;
    return { design: svyDesign(table(d.file), { ...d.spec, lonelyPsu: lonely }), where: [] };
  }
  const fn = /^([\w.]+)\(/.exec(expr)![1]!;
  const a = args(expr);
  if (fn === 'svydesign') return build('scd_nofpc', c);
  if (fn === 'subset') {
    const inner = build(a[0]!, c);
    return { design: inner.design, where: [...inner.where, a[1]!.replace('==', '=').replace(/'/g, '')] };
  }
  if (fn === 'svrepdesign') {
    const scd = named(a, 'data') === 'scd';
    const rscales = named(a, 'rscales');
    return {
      design: svrepDesign(scd ? scdBrr() : apiclus1b(), {
        weight: named(a, 'weights')?.replace('~', ''),
        repweights: scd ? ['rep1', 'rep2', 'rep3', 'rep4'] : /^bw/,
        type: named(a, 'type') as 'BRR',
        rho: named(a, 'rho') === undefined ? undefined : Number(named(a, 'rho')),
        scale: named(a, 'scale') === undefined ? undefined : Number(eval(named(a, 'scale')!)),
        rscales: rscales ? Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 1 : 2) / 25) : undefined,
        mse: bool(named(a, 'mse')),
        combinedWeights: bool(named(a, 'combined.weights')),
      }),
      where: [],
    };
  }
  const inner = build(a[0]!, c);
  switch (fn) {
    case 'as.svrepdesign':
      return { design: asReplicateDesign(inner.design as never, { type: (named(a, 'type') ?? 'auto') as 'JK1', mse: bool(named(a, 'mse')) }), where: inner.where };
    case 'postStratify':
      return { design: postStratify(inner.design, { variables: [a[1]!.replace('~', '')], margins: margin(a[2]!) }), where: inner.where };
    case 'rake': {
      const vars = args(a[1]!).map((v) => v.replace('~', ''));
      const [m1, m2] = args(a[2]!).map((m) => parseMargins(margins[m as keyof typeof margins], m).entries);
      return { design: rake(inner.design, { variables: vars, margins: { source: 'rake', entries: [...m1!, ...m2!] } }), where: inner.where };
    }
    case 'calibrate': {
      const bounds = named(a, 'bounds')?.replace(/^c\(|\)$/g, '').split(',').map(Number) as [number, number] | undefined;
      return {
        design: calibrate(inner.design, { variables: a[1]!.replace('~', '').split('+'), margins: margin(a[2]!), calfun: (named(a, 'calfun') ?? 'linear') as 'linear', bounds }),
        where: inner.where,
      };
    }
    default:
      throw new Error(`no builder for ${fn}`);
  }
}

const DESIGN_FUNS = ['as.svrepdesign(', 'svrepdesign(', 'postStratify(', 'rake(', 'calibrate(', 'subset('];

/** The design expression inside a statistic call, and the call with it replaced by a placeholder design name. */
function split(call: string): { expr: string; stat: string } {
  const at = Math.min(...DESIGN_FUNS.map((f) => call.indexOf(f)).filter((i) => i >= 0 && (i === 0 || !/[\w.]/.test(call[i - 1]!))));
  const expr = Number.isFinite(at) ? balanced(call, at) : /design=(\w+)/.exec(call)![1]!;
  return { expr, stat: call.replace(expr, 'dclus1') };
}

const rel = (a: number, g: number, scale = 1): boolean => (g === 0 ? Math.abs(a) <= 1e-12 * Math.max(scale, 1) : Math.abs(a - g) <= 1e-9 * Math.abs(g));
let covered = 0;

describe('R survey 4.5 gold cases: replicate weights, calibration, svyglm (end to end)', () => {
  for (const c of gold.cases.filter((x) => scope.replicate_calibration_glm.includes(x.id))) {
    it(c.id, () => {
      const call = c.r_call!;
      const inner = /^(summary|range)\(weights\((.*)\)\)$/.exec(call);
      if (inner) {
        const w = Array.from(build(inner[2]!, c).design.weights).sort((x, y) => x - y);
        const q = (p: number): number => {
          const h = (w.length - 1) * p;
          return w[Math.floor(h)]! + (h - Math.floor(h)) * (w[Math.ceil(h)]! - w[Math.floor(h)]!);
        };
        const mean = w.reduce((s, x) => s + x, 0) / w.length;
        const mine = inner[1] === 'range' ? [w[0]!, w[w.length - 1]!] : [w[0]!, q(0.25), q(0.5), mean, q(0.75), w[w.length - 1]!];
        ([] as number[]).concat(Object.values(c.value as object) as number[]).forEach((g, i) => expect(rel(mine[i]!, g), `${i}: ${mine[i]} vs ${g}`).toBe(true));
        covered++;
        return;
      }
      if (/^degf\(/.test(call)) {
        const { design } = build(balanced(call, call.indexOf('svrepdesign(')), c);
        expect(estimate(design, []).design.df).toBe(c.value);
        covered++;
        return;
      }
      const { expr, stat } = split(call);
      if (c.error) {
        expect(() => build(expr, c)).toThrow(/has only one PSU/);
        covered++;
        return;
      }
      const { design, where } = build(expr, c);
      if (/^svyglm\(/.test(call)) {
        const f = /svyglm\(([^~]+)~([^,]+),/.exec(call)!;
        const ind = /^I\(([\w.]+)=='(\w+)'\)$/.exec(f[1]!.trim());
        const fit = svyglm(design, {
          response: ind ? ind[1]! : f[1]!.trim(), responseLevel: ind?.[2], predictors: f[2]!.split('+').map((p) => p.trim()),
          family: /quasibinomial/.test(call) ? 'quasibinomial' : 'gaussian',
        });
        const est = c.estimate as Record<string, number>;
        fit.coefficients.forEach((k) => {
          expect(rel(k.estimate, est[k.term]!), `${k.term} estimate`).toBe(true);
          expect(rel(k.se, (c.se as Record<string, number>)[k.term]!), `${k.term} se`).toBe(true);
        });
        expect(fit.df).toBe((c as { df_residual?: number }).df_residual);
        covered++;
        return;
      }
      const p = plan({ ...c, r_call: stat, options: null })!;
      const result = estimate(design, p.requests, { ...p.options, where: where.map(parseCondition) });
      if (c.ci_lower) {
        const r = result.results[0]!;
        const pick = (v: unknown): number => ([] as number[]).concat(Object.values(v as Record<string, number>)[0]!)[0]!;
        expect(rel(r.estimate, pick(c.estimate))).toBe(true);
        expect(rel(r.ci_low, pick(c.ci_lower)), `ci low ${r.ci_low}`).toBe(true);
        expect(rel(r.ci_high, pick(c.ci_upper)), `ci high ${r.ci_high}`).toBe(true);
        expect(rel(r.se, pick(c.se)), `se ${r.se}`).toBe(true);
      } else {
        const est = typeof c.estimate === 'number' ? [c.estimate] : Object.values(c.estimate as Record<string, number>);
        const se = typeof c.se === 'number' ? [c.se] : Object.values(c.se as Record<string, number>);
        result.results.forEach((r, i) => {
          expect(rel(r.estimate, est[i]!), `estimate ${r.estimate} vs ${est[i]}`).toBe(true);
          expect(rel(r.se, se[i]!, Math.abs(r.estimate)), `se ${r.se} vs ${se[i]}`).toBe(true);
        });
      }
      covered++;
    });
  }
  afterAll(() => console.log(`gold cases reproduced: ${covered} of ${scope.replicate_calibration_glm.length} assigned to the replicate/calibration/glm issue`));
});
