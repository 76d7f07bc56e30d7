import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readTable } from '../../src/io/read.js';

const fixture = (p: string): string => new URL(`../fixtures/io/${p}`, import.meta.url).pathname;
const api = new URL('../../datasets/api/apistrat.csv', import.meta.url).pathname;
let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-conv-'));
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('migstat info', () => {
  it('reports variables, labels, value labels, missing declarations and rows of a .sav file', async () => {
    expect(await main(['info', fixture('sav/cp1252-byte.sav')]), err.join('')).toBe(0);
    const info = JSON.parse(out.join(''));
    expect(info).toMatchObject({ format: 'sav', encoding: 'windows-1252', rows: 5 });
    expect(info.variables[0].value_labels[0]).toEqual({ value: 1, label: 'Un été' });
  });

  it('fails with exit 2 on a file it cannot read', async () => {
    writeFileSync(join(dir, 'x.sav'), 'not a system file');
    expect(await main(['info', join(dir, 'x.sav')])).toBe(2);
    expect(err.join('')).toMatch(/x\.sav/);
  });
});

describe('migstat convert', () => {
  it('CSV -> .dta -> .parquet -> CSV keeps every cell; --columns projects', async () => {
    const dta = join(dir, 'a.dta');
    const pq = join(dir, 'a.parquet');
    const csv = join(dir, 'a.csv');
    for (const [a, b] of [[api, dta], [dta, pq], [pq, csv]] as const) expect(await main(['convert', a, b]), err.join('')).toBe(0);
    const [src, back] = [await readTable(api), await readTable(csv)];
    expect(back.nrows).toBe(src.nrows);
    const v = (t: typeof src, c: string): number[] => Array.from((t.column(c) as { values: Float64Array }).values);
    expect(v(back, 'api00')).toEqual(v(src, 'api00'));
    expect(v(back, 'pw')).toEqual(v(src, 'pw'));
    const sub = join(dir, 'sub.csv');
    expect(await main(['convert', api, sub, '--columns', 'stype,api00'])).toBe(0);
    expect(readFileSync(sub, 'utf8').split('\n')[0]).toBe('stype,api00');
  });

  it('an unknown output extension is an error and leaves no file', async () => {
    expect(await main(['convert', api, join(dir, 'out.xyz')])).toBe(2);
    expect(err.join('')).toMatch(/unknown file extension "\.xyz"/);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(dir, 'out.xyz'))).toBe(false);
  });
});
