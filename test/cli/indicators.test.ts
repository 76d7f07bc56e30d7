/** `migstat indicators` on the bundled Atlantis LFS: every output format, the ILOSTAT schema check, metadata, errors. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ILMS_CORE } from '../../src/indicators/catalogue.js';
import { checkIlostatCsv } from '../../src/indicators/ilostat.js';

const data = new URL('../../datasets/atlantis-lfs/', import.meta.url).pathname;
const q1 = (t: string, f = 'parquet'): string => `${data}lfs_2024q1_${t}.${f}`;
const base = (profile = 'profile.yaml', f = 'parquet'): string[] => [
  'indicators', q1('persons', f), '-p', `${data}${profile}`, '--table', `absent=${q1('absent', f)}`, '--table', `households=${q1('households', f)}`,
];
let dir: string;
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-indicators-'));
  err = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('migstat indicators', () => {
  it('writes one ILOSTAT bulk CSV per indicator of the ILMS core set that passes the schema check, and metadata.json', async () => {
    const out = join(dir, 'ilostat');
    expect(await main([...base(), '-o', out, '--source', 'BA:9999']), err.join('')).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toContain('metadata.json');
    const csvs = files.filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBe(ILMS_CORE.length);
    for (const f of csvs) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(checkIlostatCsv(text), f).toEqual([]);
      expect(text.split('\n')[0]).toBe('ref_area,source,indicator,sex,classif1,classif2,time,obs_value,obs_status,note_classif,note_indicator,note_source');
      expect(text).toContain('ATL,BA:9999,');
      expect(text).toContain(',2024Q1,');
    }
    // counts in thousands, as ILOSTAT publishes them; suppressed cells without a value, status C
    const lf = readFileSync(join(out, 'MST_TEAP_SEX_AGE_CBR_NB.csv'), 'utf8').split('\n')[1]!.split(',');
    expect(Number(lf[7])).toBeGreaterThan(300);
    expect(Number(lf[7])).toBeLessThan(700);
    const eco = readFileSync(join(out, 'MST_TEMP_SEX_ECO_CBR_NB.csv'), 'utf8');
    expect(eco).toMatch(/,,C,/);
    const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
    expect(meta.standards).toMatchObject({ labourForce: 'ICLS19', migrantCriterion: 'birth', usualResidence: '12-months', informality: 'ICLS21' });
    expect(meta.inputs.map((i: { role: string }) => i.role)).toEqual(['person', 'absent', 'households']);
    expect(meta.exclusions.some((e: { step: string }) => e.step === 'disclosure control')).toBe(true);
    expect(meta.outputs.length).toBe(csvs.length);
  }, 120_000);

  it('by citizenship, the 13th ICLS, one indicator, to tidy CSV, JSON, SDMX-CSV and xlsx', async () => {
    const args = [...base('profile_replicates.yaml'), '--criterion', 'citizenship', '--standard', 'icls13', '--indicator', 'MST_TEAP_SEX_AGE_CCT_RT'];
    for (const format of ['csv', 'json', 'sdmx', 'xlsx']) {
      const out = join(dir, format);
      expect(await main([...args, '--format', format, '-o', out]), err.join('')).toBe(0);
      expect(readdirSync(out).length).toBe(2);
    }
    const tidy = readFileSync(join(dir, 'csv', 'indicators.csv'), 'utf8');
    expect(tidy).toContain('MST_TEAP_SEX_AGE_CCT_RT');
    expect(tidy).not.toContain('CBR_BIR');
    const json = JSON.parse(readFileSync(join(dir, 'json', 'indicators.json'), 'utf8'));
    expect(JSON.stringify(json)).toContain('ICLS13');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(dir, 'xlsx', 'indicators.xlsx')) as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBe(1);
  }, 120_000);

  it('is deterministic: the same run writes the same bytes', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const args = [...base(), '--indicator', 'MST_TUNE_SEX_AGE_CBR_RT', '--format', 'csv'];
    expect(await main([...args, '-o', a])).toBe(0);
    expect(await main([...args, '-o', b])).toBe(0);
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f))).toEqual(readFileSync(join(a, f)));
  }, 120_000);

  it('errors name what is wrong, exit 2 and write nothing', async () => {
    const out = join(dir, 'bad');
    expect(await main([...base(), '--indicator', 'MST_NOPE_NB', '-o', out])).toBe(2);
    expect(err.join('')).toMatch(/indicator MST_NOPE_NB is not in set ilms-core/);
    expect(existsSync(out)).toBe(false);
    const noDesign = join(dir, 'nodesign.yaml');
    writeFileSync(noDesign, readFileSync(`${data}profile.yaml`, 'utf8').replace(/\ndesign:[\s\S]*?\nlabour_force:/, '\nlabour_force:'));
    err.length = 0;
    expect(await main(['indicators', q1('persons'), '-p', noDesign, '--table', `absent=${q1('absent')}`, '--table', `households=${q1('households')}`, '-o', out])).toBe(2);
    expect(err.join('')).toMatch(/has no design/);
    err.length = 0;
    expect(await main(['indicators', q1('persons'), '-p', `${data}profile.yaml`, '-o', out])).toBe(2);
    expect(err.join('')).toMatch(/--table NAME=FILE/);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
