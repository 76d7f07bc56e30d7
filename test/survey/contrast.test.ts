import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { svyDesign } from '../../src/survey/design.js';
import { contrast } from '../../src/survey/contrast.js';
import { type EstimateResult, type EstimateRow, type StatRequest, estimate } from '../../src/survey/estimate.js';
import { designs, root, table } from './gold-harness.js';

interface Case {
  id: string;
  class: string;
  r_call: string;
  input?: string;
  kind?: string;
  estimate: Record<string, number>;
  se: Record<string, number>;
  vcov?: { names: string[]; values: number[][] };
  contrast_matrix?: { rownames: string[]; colnames: string[]; values: number[][] };
}
const gold: { cases: Case[] } = JSON.parse(readFileSync(`${root}test/fixtures/r/contrast_gold.json`, 'utf8'));

const rel = (a: number, g: number, scale: number): boolean => (g === 0 ? Math.abs(a) <= 1e-12 * scale : Math.abs(a - g) <= 1e-9 * Math.abs(g));

/** Reads an input call (svyby(..., covmat=TRUE) or svymean) into migstat terms. */
function inputOf(c: Case): { design: string; requests: StatRequest[]; by: string[] } {
  const call = c.r_call;
  const design = /(dclus1|dclus2|dstrat)/.exec(call)![1]!;
  const by = /~[^,]+,\s*~(\w+)/.exec(call)?.[1];
  const vars = /~([\w.+]+)/.exec(call)?.[1]?.split('+') ?? [];
  if (/sch\.wide/.test(call)) return { design, requests: [{ statistic: 'mean', variable: 'sch.wide' }], by: by ? [by] : [] };
  if (/svyratio/.test(call)) return { design, requests: [{ statistic: 'ratio', numerator: vars[0]!, denominator: /denominator=~([\w.]+)/.exec(call)![1]! }], by: [by!] };
  const statistic = /svytotal/.test(call) ? 'total' : 'mean';
  return { design, requests: vars.map((variable) => ({ statistic, variable })), by: by ? [by] : [] };
}

/** R's coefficient name of a result row. */
function rName(r: EstimateRow, multi: boolean): string {
  const d = Object.values(r.domain).join('.');
  if (r.variable === 'sch.wide') return `${d}:I(sch.wide == "Yes")${r.level === 'Yes' ? 'TRUE' : 'FALSE'}`;
  if (!d) return r.variable;
  return multi ? `${d}:${r.variable}` : d;
}

const results = new Map<string, { result: EstimateResult; names: string[] }>();

describe('contrasts and covariances across domains, against R svycontrast(svyby(covmat = TRUE))', () => {
  for (const c of gold.cases.filter((x) => x.class === 'svyby' || x.class === 'svystat')) {
    it(`${c.id}: estimates, SEs and full covariance`, () => {
      const { design, requests, by } = inputOf(c);
      const d = designs[design]!;
      const result = estimate(svyDesign(table(d.file), d.spec), requests, { by, covariance: true });
      const names = result.results.map((r) => rName(r, requests.length > 1));
      results.set(c.id, { result, names });
      expect([...names].sort()).toEqual(Object.keys(c.estimate).sort());
      result.results.forEach((r, i) => {
        expect(rel(r.estimate, c.estimate[names[i]!]!, 1), `${names[i]} estimate`).toBe(true);
        expect(rel(r.se, c.se[names[i]!]!, Math.abs(r.estimate)), `${names[i]} se`).toBe(true);
      });
      if (c.vcov) {
        const R = names.length;
        const scale = Math.max(...c.vcov.values.flat().map(Math.abs));
        names.forEach((a, i) =>
          names.forEach((b, j) => {
            const g = c.vcov!.values[c.vcov!.names.indexOf(a)]![c.vcov!.names.indexOf(b)]!;
            expect(rel(result.covariance![i * R + j]!, g, scale), `cov(${a}, ${b}) ${result.covariance![i * R + j]} vs ${g}`).toBe(true);
          }),
        );
      }
    });
  }

  for (const c of gold.cases.filter((x) => x.class === 'svycontrast')) {
    it(`${c.id}: ${c.r_call}`, () => {
      const input = results.get(c.input!);
      expect(input, `input ${c.input} computed first`).toBeDefined();
      const { result, names } = input!;
      const idx = (name: string): number => {
        const i = names.indexOf(name.replace(/`/g, ''));
        expect(i, `row ${name}`).toBeGreaterThanOrEqual(0);
        return i;
      };
      const out = c.contrast_matrix
        ? contrast(result, c.contrast_matrix.rownames.map((name, k) => ({
            name,
            linear: c.contrast_matrix!.colnames.map((col, j) => ({ row: idx(col), coef: c.contrast_matrix!.values[k]![j]! })).filter((t) => t.coef !== 0),
          })))
        : contrast(result, [{ name: 'contrast', ratio: /quote\((\w+)\/(\w+)\)/.exec(c.r_call)!.slice(1, 3).map(idx) as [number, number] }]);
      out.results.forEach((r, k) => {
        const name = Object.keys(c.estimate)[k]!;
        expect(rel(r.estimate, c.estimate[name]!, 1), `${name} estimate ${r.estimate} vs ${c.estimate[name]}`).toBe(true);
        expect(rel(r.se, c.se[name]!, Math.abs(r.estimate)), `${name} se ${r.se} vs ${c.se[name]}`).toBe(true);
      });
      if (c.vcov) {
        const C = out.results.length;
        c.vcov.values.forEach((rowv, a) => rowv.forEach((g, b) => expect(rel(out.covariance[a * C + b]!, g, 1)).toBe(true)));
      }
    });
  }

  it('refuses a contrast without the covariance, and a row reference that is ambiguous', () => {
    const d = designs.dclus1!;
    const res = estimate(svyDesign(table(d.file), d.spec), [{ statistic: 'mean', variable: 'api00' }], { by: ['stype'] });
    expect(() => contrast(res, [{ name: 'x', linear: [{ row: 0, coef: 1 }] }])).toThrow(/covariance: true/);
    const withCov = estimate(svyDesign(table(d.file), d.spec), [{ statistic: 'mean', variable: 'api00' }], { by: ['stype'], covariance: true });
    expect(() => contrast(withCov, [{ name: 'x', linear: [{ row: { variable: 'api00' }, coef: 1 }] }])).toThrow(/matches 3 result rows/);
    const byDomain = contrast(withCov, [{ name: 'E-H', linear: [{ row: { domain: { stype: 'E' } }, coef: 1 }, { row: { domain: { stype: 'H' } }, coef: -1 }] }]);
    expect(byDomain.results[0]!.estimate).toBeCloseTo(30.296626984126988, 9);
  });
});
