/**
 * migstat observatory: ingest, validate, estimate, dashboard, export and template on the bundled example; exports that
 * repeat byte for byte; bad input that exits 2 naming the file, row, column and value, and leaves the database as it was.
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readTemplate } from '../../src/global/observatory-template.js';
import { ALL_INPUTS, BENCHMARKS, TEMPLATES, tempDir } from '../global/observatory-support.js';

let dir: string;
let err: string[];
beforeEach(() => {
  dir = tempDir('migstat-cli-observatory-');
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  err.length = 0;
  const code = await main(args);
  return { code, stderr: err.join('') };
}

describe('migstat observatory', () => {
  it('ingests, validates, estimates, writes the dashboard and exports; the same bytes from a second database', async () => {
    const db = join(dir, 'o.duckdb');
    const ingest = await run(['observatory', 'ingest', ...ALL_INPUTS, '--db', db]);
    expect(ingest.code).toBe(0);
    expect(ingest.stderr).toContain('THA-2024.xlsx (template): 225 values read, 225 added, 0 already present, 0 conflict(s)');
    expect(ingest.stderr).toContain('wpp-population.csv (wpp): 630 values read, 630 added');
    const validate = await run(['observatory', 'validate', '--db', db, '-o', join(dir, 'validation')]);
    expect(validate.code).toBe(0);
    expect(validate.stderr).toMatch(/5 submission\(s\); 0 error\(s\), \d+ warning\(s\)/);
    expect(readdirSync(join(dir, 'validation')).sort()).toEqual(['comparability.csv', 'conflicts.csv', 'problems.csv']);
    expect((await run(['observatory', 'validate', '--db', db, '--fail-on', 'warning'])).code).toBe(2);
    // files checked alone, before ingesting: the same problems without a database
    const alone = await run(['observatory', 'validate', ...TEMPLATES, '-o', join(dir, 'alone')]);
    expect(alone.code).toBe(0);
    expect(readFileSync(join(dir, 'alone/problems.csv'), 'utf8')).toBe(readFileSync(join(dir, 'validation/problems.csv'), 'utf8'));
    expect((await run(['observatory', 'validate'])).stderr).toMatch(/give --db/);
    const estimate = await run(['observatory', 'estimate', '--db', db, '--year', '2024', '--replicates', '30']);
    expect(estimate.code).toBe(0);
    expect(estimate.stderr).toContain('2024: 5 countries (1 with imputed cells), 0 left out');
    const dash = await run(['observatory', 'dashboard', '--db', db, '-o', join(dir, 'dashboard')]);
    expect(dash.code).toBe(0);
    expect(existsSync(join(dir, 'dashboard/index.html'))).toBe(true);
    expect((await run(['observatory', 'export', '--db', db, '-o', join(dir, 'export')])).code).toBe(0);
    // a second database from the same inputs in another order gives the same exports and dashboard
    const db2 = join(dir, 'o2.duckdb');
    expect((await run(['observatory', 'ingest', ...[...ALL_INPUTS].reverse(), '--db', db2])).code).toBe(0);
    expect((await run(['observatory', 'estimate', '--db', db2, '--year', '2024', '--replicates', '30'])).code).toBe(0);
    expect((await run(['observatory', 'export', '--db', db2, '-o', join(dir, 'export2')])).code).toBe(0);
    expect((await run(['observatory', 'dashboard', '--db', db2, '-o', join(dir, 'dashboard2')])).code).toBe(0);
    for (const f of ['series.csv', 'conflicts.csv', 'estimates.csv']) expect(readFileSync(join(dir, 'export2', f), 'utf8'), f).toBe(readFileSync(join(dir, 'export', f), 'utf8'));
    expect(readFileSync(join(dir, 'dashboard2/index.html'), 'utf8')).toBe(readFileSync(join(dir, 'dashboard/index.html'), 'utf8'));
  }, 120_000);

  it('reports a conflicting second submission, keeps both values, and estimate stops on it unless told', async () => {
    const db = join(dir, 'o.duckdb');
    expect((await run(['observatory', 'ingest', ...ALL_INPUTS, '--db', db])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(TEMPLATES[2]!);
    const cell = wb.getWorksheet('T2_LF')!.getCell('D5');
    cell.value = (cell.value as number) + 5000;
    const revised = join(dir, 'MYS-2024-revised.xlsx');
    await wb.xlsx.writeFile(revised);
    const r = await run(['observatory', 'ingest', revised, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/MYS-2024-revised\.xlsx \(template\): 225 values read, 1 added, 224 already present, 1 conflict\(s\); [1-9]\d* consistency error\(s\)/);
    expect(r.stderr).toMatch(/error sexes-add-up: sheet T2_LF, row 5, column D \(Migrants\): TEAP T YGE15 MIGRANT: \d+ is not the sum of men and women/); // the revised value no longer adds up with the rest of the file
    expect(r.stderr).toMatch(/conflict: MYS 2024 TEAP T YGE15 MIGRANT birth national: \d+ \(.*MYS-2024\.xlsx, sheet T2_LF, row 5, column D \(Migrants\)\) and \d+ \(.*MYS-2024-revised\.xlsx, sheet T2_LF, row 5, column D \(Migrants\)\); both kept/);
    const e = await run(['observatory', 'estimate', '--db', db, '--year', '2024', '--replicates', '0']);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/migstat: two values for MYS national TEAP T YGE15 MIGRANT birth in 2024/);
    expect((await run(['observatory', 'estimate', '--db', db, '--year', '2024', '--replicates', '0', '--on-conflict', 'latest'])).code).toBe(0);
    const v = await run(['observatory', 'validate', '--db', db, '--country', 'MYS', '--fail-on', 'never']);
    expect(v.stderr).toMatch(/warning conflict: MYS 2024/);
  }, 120_000);

  it('exits 2 on bad input, naming the file, row, column and value, and ingests nothing', async () => {
    const db = join(dir, 'o.duckdb');
    const bad = join(dir, 'wpp.csv');
    writeFileSync(bad, readFileSync(BENCHMARKS[0]!, 'utf8').replace(/^(THA,Thailand,2023,15-19,15,5,)[\d.]+/m, '$1n/a'));
    const r = await run(['observatory', 'ingest', TEMPLATES[0]!, bad, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`migstat: ${bad}: line 5, column PopMale: "n/a" is not a number\n`);
    const exp = await run(['observatory', 'export', '--db', db, '-o', join(dir, 'x')]);
    expect(exp.code).toBe(0);
    expect(readFileSync(join(dir, 'x/series.csv'), 'utf8').trim().split('\n')).toHaveLength(1);
    const unknown = join(dir, 'mystery.csv');
    writeFileSync(unknown, 'a,b\n1,2\n');
    expect((await run(['observatory', 'ingest', unknown, '--db', db])).stderr).toMatch(/mystery\.csv: line 1: cannot tell the layout from the header "a,b": give --kind/);
    expect((await run(['observatory', 'estimate', '--db', db, '--year', '2024'])).stderr).toMatch(/no country has the benchmarks of 2024/);
  });

  it('writes a template from a migstat output, which reads back to its values; and a blank one', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const head = 'ref_area,source,time,indicator,label,sex,classif1,classif2,unit,estimate,se,ci_low,ci_high,df,deff,cv,n,n_domain,N,reliability,suppressed,obs_status,criterion,standard';
    writeFileSync(join(out, 'indicators.csv'), [head,
      'ATL,BA:1,2024,MST_XWAP_SEX_AGE_CBR_NB,WAP,SEX_T,AGE_YTHADULT_YGE15,CBR_BIR_FOREIGN,NB,50000,900,,,,,,,,,reliable,,,birth,ICLS19',
      'ATL,BA:1,2024,MST_TEAP_SEX_AGE_CBR_NB,LF,SEX_T,AGE_YTHADULT_YGE15,CBR_BIR_FOREIGN,NB,40000,800,,,,,,,,,unreliable,,U,birth,ICLS19',
    ].join('\n') + '\n');
    writeFileSync(join(out, 'metadata.json'), JSON.stringify({ standards: { labourForce: 'ICLS19', migrantCriterion: 'birth' } }));
    const xlsx = join(dir, 'ATL-2024.xlsx');
    const r = await run(['observatory', 'template', '--from', out, '-o', xlsx]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('ATL 2024');
    const b = await readTemplate(xlsx);
    expect(b.rows.map((x) => [x.indicator, x.sex, x.age, x.migrant, x.value, x.se, x.flags, x.source, x.criterion])).toEqual([
      ['XWAP', 'T', 'YGE15', 'MIGRANT', 50000, 900, '', 'BA:1', 'birth'],
      ['TEAP', 'T', 'YGE15', 'MIGRANT', 40000, 800, 'U', 'BA:1', 'birth'],
    ]);
    const blank = join(dir, 'KHM-2025.xlsx');
    expect((await run(['observatory', 'template', '--country', 'KHM', '--year', '2025', '-o', blank])).code).toBe(0);
    const blank2 = join(dir, 'KHM-2025-again.xlsx');
    expect((await run(['observatory', 'template', '--country', 'KHM', '--year', '2025', '-o', blank2])).code).toBe(0);
    expect(readFileSync(blank2).equals(readFileSync(blank))).toBe(true); // same bytes: fixed workbook and zip dates
    await expect(readTemplate(blank)).rejects.toThrow(/KHM-2025\.xlsx: sheet Metadata: the field "source" is missing or empty/); // to be filled
    expect((await run(['observatory', 'template', '--country', 'KHM', '-o', blank])).stderr).toMatch(/give --country and --year/);
  });
});
