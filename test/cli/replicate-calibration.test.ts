import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const api = (f: string): string => new URL(`../../datasets/api/${f}`, import.meta.url).pathname;
const dclus1 = [api('apiclus1.csv'), '--psu', 'dnum', '--weight', 'pw', '--fpc', 'fpc'];
let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-rep-'));
  writeFileSync(join(dir, 'types.csv'), 'variable,level,total\nstype,E,4421\nstype,H,755\nstype,M,1018\n');
  writeFileSync(join(dir, 'popt.csv'), 'variable,level,total\n(Intercept),,6194\nstype,H,755\nstype,M,1018\napi99,,3914069\n');
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

async function json(args: string[]): Promise<{ design: Record<string, unknown>; results: { estimate: number; se: number; df: number }[] }> {
  const code = await main(['estimate', ...args]);
  expect(code, err.join('')).toBe(0);
  return JSON.parse(out.join(''));
}

const close = (a: number, g: number): void => expect(Math.abs(a - g) / Math.abs(g)).toBeLessThan(1e-9);

describe('migstat estimate with replicate weights and calibration (values of R survey 4.5)', () => {
  it('--replicates JK1 --mse: SE of mean api00 26.3348576685, df 14', async () => {
    const r = await json([...dclus1, '--replicates', 'JK1', '--mse', '--mean', 'api00']);
    close(r.results[0]!.se, 26.3348576685);
    expect(r.results[0]!.df).toBe(14);
    expect(r.design).toMatchObject({ variance: 'replicate:JK1', replicates: 15, strata: null });
  });

  it('--poststratify stype --pop-totals: mean api00 642.310788 (SE 23.920486), total enroll SE 406,293', async () => {
    const r = await json([...dclus1, '--poststratify', 'stype', '--pop-totals', join(dir, 'types.csv'), '--mean', 'api00', '--total', 'enroll']);
    expect(r.results[0]!.estimate).toBeCloseTo(642.310788, 6);
    expect(r.results[0]!.se).toBeCloseTo(23.920486, 6);
    expect(r.results[1]!.se).toBeCloseTo(406292.6, 0);
  });

  it('--calibrate stype,api99 --calfun raking: mean api00 665.393796 (SE 3.437754)', async () => {
    const r = await json([...dclus1, '--calibrate', 'stype,api99', '--pop-totals', join(dir, 'popt.csv'), '--calfun', 'raking', '--mean', 'api00']);
    expect(r.results[0]!.estimate).toBeCloseTo(665.393796, 6);
    expect(r.results[0]!.se).toBeCloseTo(3.437754, 6);
  });

  it('--repweights-regex with --rep-type bootstrap on the 50 R replicates: SE 21.5192156662 (mse off)', async () => {
    const base = readFileSync(api('apiclus1.csv'), 'utf8').trim().split('\n');
    const reps = readFileSync(new URL('../fixtures/survey-gold/apiclus1_bootrep50.csv', import.meta.url), 'utf8').trim().split('\n');
    const joined = base.map((line, i) => `${line},${reps[i]!.split(',').slice(3).join(',')}`).join('\n');
    writeFileSync(join(dir, 'b.csv'), joined);
    const r = await json([join(dir, 'b.csv'), '--weight', 'pw', '--repweights-regex', '^"?bw', '--rep-type', 'bootstrap', '--mean', 'api00']);
    close(r.results[0]!.se, 21.5192156662);
  });

  it('errors: repweights without a type, reweighting without totals, two reweightings', async () => {
    expect(await main(['estimate', ...dclus1, '--repweights', 'pw', '--mean', 'api00'])).toBe(2);
    expect(err.join('')).toMatch(/--repweights needs --rep-type/);
    expect(await main(['estimate', ...dclus1, '--calibrate', 'stype', '--mean', 'api00'])).toBe(2);
    expect(err.join('')).toMatch(/--calibrate needs --pop-totals FILE/);
    expect(await main(['estimate', ...dclus1, '--rake', 'stype', '--calibrate', 'stype', '--pop-totals', join(dir, 'types.csv'), '--mean', 'api00'])).toBe(2);
    expect(err.join('')).toMatch(/give one of --poststratify, --rake, --calibrate/);
  });
});

describe('migstat weights', () => {
  it('writes the data with the calibrated and replicate weights, and diagnostics', async () => {
    const target = join(dir, 'w.csv');
    const code = await main(['weights', ...dclus1, '--replicates', 'JK1', '--poststratify', 'stype', '--pop-totals', join(dir, 'types.csv'), '-o', target]);
    expect(code, err.join('')).toBe(0);
    const lines = readFileSync(target, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(-16)).toEqual(['final_weight', ...Array.from({ length: 15 }, (_, i) => `repw${i + 1}`)]);
    expect(lines).toHaveLength(184);
    const w = lines.slice(1).map((l) => Number(l.split(',')[header.indexOf('final_weight')]));
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(6194, 6);
    const diag = JSON.parse(err.join(''));
    expect(diag.weights.after.sum).toBeCloseTo(6194, 6);
    expect(diag.replicates).toBe(15);
  });

  it('needs -o and refuses to overwrite an input column', async () => {
    expect(await main(['weights', ...dclus1])).toBe(2);
    expect(await main(['weights', ...dclus1, '--weight-name', 'pw', '-o', join(dir, 'x.csv')])).toBe(2);
    expect(err.join('')).toMatch(/already has a column "pw"/);
  });
});
