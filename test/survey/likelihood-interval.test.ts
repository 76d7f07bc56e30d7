import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { likelihoodInterval } from '../../src/survey/likelihood-interval.js';

/** Reads the named columns of a simple CSV (no embedded commas; "NA" = missing) as raw strings. */
function readColumns(file: string, names: readonly string[]): Map<string, string[]> {
  const lines = readFileSync(new URL(`../../datasets/api/${file}`, import.meta.url), 'utf8').trim().split(/\r?\n/);
  const unquote = (s: string): string => s.replace(/^"(.*)"$/, '$1');
  const header = lines[0]!.split(',').map(unquote);
  const rows = lines.slice(1).map((l) => l.split(',').map(unquote));
  const out = new Map<string, string[]>();
  for (const name of names) {
    const j = header.indexOf(name);
    if (j < 0) throw new Error(`${file}: no column ${name}`);
    out.set(name, rows.map((r) => r[j]!));
  }
  return out;
}

function relErr(a: number, g: number): number {
  return Math.abs(a - g) / Math.abs(g);
}

// Gold: R survey 4.5 svyciprop(~y, design, method = "likelihood", df = ...) confidence limits.
describe('likelihoodInterval (R svyciprop method = "likelihood")', () => {
  const clus1 = readColumns('apiclus1.csv', ['sch.wide', 'pw']);
  const yClus = Float64Array.from(clus1.get('sch.wide')!, (v) => (v === 'Yes' ? 1 : 0));
  const wClus = Float64Array.from(clus1.get('pw')!, Number);
  const seClus = 0.0203594772446274;

  it('apiclus1 sch.wide, cluster design, df = 14', () => {
    expect(yClus.length).toBe(183);
    const ci = likelihoodInterval({ y: yClus, w: wClus, varP: seClus ** 2, df: 14, level: 0.95 });
    expect(relErr(ci[0], 0.826288241963576)).toBeLessThan(1e-9);
    expect(relErr(ci[1], 0.913694491892495)).toBeLessThan(1e-9);
  });

  it('apiclus1 sch.wide, df = Inf', () => {
    const ci = likelihoodInterval({ y: yClus, w: wClus, varP: seClus ** 2, df: Infinity, level: 0.95 });
    expect(relErr(ci[0], 0.830751619660483)).toBeLessThan(1e-9);
    expect(relErr(ci[1], 0.910652187460014)).toBeLessThan(1e-9);
  });

  it('apistrat api00 > 875, stratified design, df = 197', () => {
    const strat = readColumns('apistrat.csv', ['api00', 'pw']);
    const api00 = strat.get('api00')!;
    expect(api00).not.toContain('NA');
    const y = Float64Array.from(api00, (v) => (Number(v) > 875 ? 1 : 0));
    const w = Float64Array.from(strat.get('pw')!, Number);
    const ci = likelihoodInterval({ y, w, varP: 0.0142621133698589 ** 2, df: 197, level: 0.95 });
    expect(relErr(ci[0], 0.0111694297725077)).toBeLessThan(1e-9);
    expect(relErr(ci[1], 0.0683433151028075)).toBeLessThan(1e-9);
  });

  it('rejects a proportion of 0 or 1 and a non-positive df', () => {
    const w = new Float64Array([1, 2, 3]);
    expect(() => likelihoodInterval({ y: new Float64Array(3), w, varP: 0.01, df: 2, level: 0.95 })).toThrow(/0 < p < 1/);
    expect(() => likelihoodInterval({ y: new Float64Array([0, 1, 1]), w, varP: 0.01, df: 0, level: 0.95 })).toThrow(/df/);
  });
});
