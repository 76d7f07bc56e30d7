/** `migstat chart`: each format from tidy JSON and CSV results, and usage errors (exit 2) that leave no output file. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { TIDY_COLUMNS, type TidyRow } from '../../src/indicators/tidy.js';
import { toCsv } from '../../src/io/write.js';

const fixtures = new URL('../charts/fixtures/', import.meta.url).pathname;
const q1 = `${fixtures}atlantis-2024q1.json`;
const change = `${fixtures}atlantis-change.json`;
let dir: string;
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-chart-'));
  err = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('migstat chart', () => {
  it('renders SVG, PNG and Vega-Lite JSON from tidy JSON, with the source line given', async () => {
    for (const name of ['rates.svg', 'rates.png', 'rates.vl.json']) {
      const out = join(dir, name);
      expect(await main(['chart', 'labour-rates', q1, '-o', out, '--source', 'Source: Atlantis LFS 2024Q1, migstat estimates']), err.join('')).toBe(0);
      expect(existsSync(out)).toBe(true);
    }
    expect(readFileSync(join(dir, 'rates.svg'), 'utf8')).toContain('>Source: Atlantis LFS 2024Q1, migstat estimates</text>');
    expect([...readFileSync(join(dir, 'rates.png')).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(JSON.parse(readFileSync(join(dir, 'rates.vl.json'), 'utf8')).description).toMatch(/^Bar charts of labour force participation rate/);
    expect(readdirSync(dir).sort()).toEqual(['rates.png', 'rates.svg', 'rates.vl.json']);
  });

  it('renders from tidy CSV, and from several files concatenated (--format over a plain name)', async () => {
    const csv = join(dir, 'q1.csv');
    writeFileSync(csv, toCsv(TIDY_COLUMNS, JSON.parse(readFileSync(q1, 'utf8')) as TidyRow[]));
    expect(await main(['chart', 'pyramid', csv, '-o', join(dir, 'pyramid.svg')]), err.join('')).toBe(0);
    expect(readFileSync(join(dir, 'pyramid.svg'), 'utf8')).toContain('>Working-age population by sex, age and migrant status, Atlantis, 2024Q1</text>');
    expect(await main(['chart', 'round-change', csv, change, '-o', join(dir, 'change.out'), '--format', 'vl.json']), err.join('')).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'change.out'), 'utf8')).title.text).toContain('2024Q1 to 2024Q2');
  });

  it('exits 2 and writes nothing on a missing file, an unknown kind, results without the indicators, or an unknown extension', async () => {
    const out = join(dir, 'x.svg');
    const cases: [string[], string][] = [
      [['chart', 'labour-rates', join(dir, 'none.json'), '-o', out], `${join(dir, 'none.json')}: cannot read (ENOENT)`],
      [['chart', 'pie', q1, '-o', out], 'unknown chart kind "pie"; kinds are: pyramid, labour-rates,'],
      [['chart', 'round-change', q1, '-o', out], `${q1}: chart round-change needs indicators not in the rows: MGS_CHG_MST_TEAP_SEX_AGE_CBR_RT`],
      [['chart', 'labour-rates', q1, '-o', join(dir, 'x.pdf')], 'cannot tell the format from the extension'],
      [['chart', 'labour-rates', q1, '-o', out, '--format', 'png'], '--format png does not match the output file'],
    ];
    for (const [args, message] of cases) {
      err = [];
      expect(await main(args), args.join(' ')).toBe(2);
      expect(err.join('')).toContain(message);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
