import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { IndicatorCell, IndicatorTable } from '../../src/indicators/cell.js';
import { INDICATOR_OUTPUT_FORMATS, IlostatSchemaError, type IndicatorOutputFormat, writeIndicatorOutputs } from '../../src/report/indicator-files.js';
import { fixZipTimestamps, indicatorWorkbook } from '../../src/report/indicator-workbook.js';
import { type RunMetadata, buildRunMetadata, runMetadataJson, sha256 } from '../../src/report/run-metadata.js';

function cell(p: Partial<IndicatorCell> & Pick<IndicatorCell, 'indicator' | 'sex'>): IndicatorCell {
  return {
    classif1: null, classif2: null, unit: 'NB', estimate: 1000, se: 100, ci_low: 800, ci_high: 1200, df: 50, deff: 1.5,
    cv: 0.1, n: 40, n_domain: 40, N: 1000, reliability: 'reliable', ...p,
  };
}

const LF = 'MST_TEAP_SEX_AGE_CBR_NB';
const UR = 'MST_TUNE_SEX_AGE_CBR_RT';

const SECRET = 7777.123456;

const tables: IndicatorTable[] = [
  {
    indicator: LF,
    label: 'Labour force by sex, age and place of birth',
    measure: 'LF',
    cells: [
      cell({ indicator: LF, sex: 'SEX_T', classif1: 'AGE_YTHADULT_YGE15', classif2: 'CBR_BIR_TOTAL', estimate: 1_234_567.8, se: 20_000, ci_low: 1_195_000, ci_high: 1_274_000, cv: 0.0162, n: 5200 }),
      cell({ indicator: LF, sex: 'SEX_T', classif1: 'AGE_YTHADULT_YGE15', classif2: 'CBR_BIR_FOREIGN', estimate: 98_765.4, reliability: 'unreliable', cv: 0.4 }),
      cell({ indicator: LF, sex: 'SEX_M', classif1: 'AGE_YTHADULT_YGE15', classif2: 'CBR_BIR_FOREIGN', estimate: SECRET, se: 888.25, n: 3, N: SECRET, suppressed: 'primary' }),
      cell({ indicator: LF, sex: 'SEX_F', classif1: 'AGE_YTHADULT_YGE15', classif2: 'CBR_BIR_FOREIGN', estimate: 94_444.3, reliability: 'less-reliable' }),
    ],
  },
  {
    indicator: UR,
    label: 'Unemployment rate by sex',
    cells: [cell({ indicator: UR, sex: 'SEX_T', unit: 'RT', estimate: 6.54321, se: 0.4, ci_low: 5.7, ci_high: 7.3, cv: 0.061 })],
  },
];

const RUN = { ref_area: 'ATL', source: 'BA:1', time: '2024Q1' };

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'migstat-indicator-files-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

let metadataCache: RunMetadata | undefined;
async function metadata(): Promise<RunMetadata> {
  if (metadataCache) return metadataCache;
  const d = tempDir();
  writeFileSync(join(d, 'lfs.csv'), 'abc');
  writeFileSync(join(d, 'profile.yaml'), 'name: atlantis\n');
  metadataCache = await buildRunMetadata({
    inputs: [{ path: join(d, 'lfs.csv'), role: 'microdata' }],
    profile: join(d, 'profile.yaml'),
    options: { set: 'ilms-core', format: 'ilostat', criterion: 'birth' },
    standards: { labourForce: 'ICLS19', migrantCriterion: 'birth', usualResidence: '12-month', informality: 'ICLS21' },
    exclusions: [{ reason: 'age not stated', count: 12, step: 'concepts', variable: 'age' }],
    versions: { migstat: '0.1.0', node: 'v20.0.0' },
  });
  return metadataCache;
}

async function writeAll(format: IndicatorOutputFormat, outDir = tempDir()): Promise<{ outDir: string; files: Map<string, Buffer> }> {
  await writeIndicatorOutputs(tables, { format, outDir, ...RUN, metadata: await metadata() });
  const files = new Map(readdirSync(outDir).sort().map((f) => [f, readFileSync(join(outDir, f))] as const));
  return { outDir, files };
}

/** The DOS date and time words of every local file header and central directory entry of a zip. */
function zipDates(bytes: Uint8Array): { time: number; date: number }[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { time: number; date: number }[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50) out.push({ time: dv.getUint16(i + 10, true), date: dv.getUint16(i + 12, true) });
    else if (sig === 0x02014b50) out.push({ time: dv.getUint16(i + 12, true), date: dv.getUint16(i + 14, true) });
  }
  return out;
}

describe('run metadata', () => {
  it('hashes inputs and profile, records options, standards, exclusions and versions', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', '');
    const m = await metadata();
    expect(m.inputs).toEqual([{ path: m.inputs[0]!.path, role: 'microdata', sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', bytes: 3 }]);
    expect(m.profile).toMatchObject({ sha256: sha256('name: atlantis\n'), bytes: 15 });
    expect(m.standards.migrantCriterion).toBe('birth');
    expect(m.exclusions).toEqual([{ reason: 'age not stated', count: 12, step: 'concepts', variable: 'age' }]);
    expect(m.versions).toEqual({ migstat: '0.1.0', node: 'v20.0.0' });
    const fresh = await buildRunMetadata({ inputs: [], standards: m.standards });
    expect(fresh.generated).toBeUndefined();
    expect(fresh.versions.migstat).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(fresh.versions.node).toBe(process.version);
  });

  it('writes a time only from SOURCE_DATE_EPOCH, and sorted keys', async () => {
    const m = await metadata();
    vi.stubEnv('SOURCE_DATE_EPOCH', '86400');
    const dated = await buildRunMetadata({ inputs: [], standards: m.standards });
    expect(dated.generated).toBe('1970-01-02T00:00:00Z');
    vi.stubEnv('SOURCE_DATE_EPOCH', 'yesterday');
    await expect(buildRunMetadata({ inputs: [], standards: m.standards })).rejects.toThrow(/SOURCE_DATE_EPOCH/);
    const text = runMetadataJson({ ...m, options: { zeta: 1, alpha: { b: 2, a: 1 } } });
    expect(text.indexOf('"alpha"')).toBeLessThan(text.indexOf('"zeta"'));
    expect(text.indexOf('"a": 1')).toBeLessThan(text.indexOf('"b": 2'));
    expect(Object.keys(JSON.parse(text))).toEqual(Object.keys(JSON.parse(text)).sort());
    await expect(buildRunMetadata({ inputs: [], standards: m.standards, exclusions: [{ reason: 'r', count: -1 }] })).rejects.toThrow(/count/);
  });
});

describe('writeIndicatorOutputs', () => {
  it('writes one ILOSTAT CSV per indicator and metadata.json with the outputs hashed', async () => {
    const { files } = await writeAll('ilostat');
    expect([...files.keys()]).toEqual([`${LF}.csv`, `${UR}.csv`, 'metadata.json']);
    const lf = files.get(`${LF}.csv`)!.toString('utf8').split('\n');
    expect(lf[0]).toBe('ref_area,source,indicator,sex,classif1,classif2,time,obs_value,obs_status,note_classif,note_indicator,note_source');
    expect(lf[1]).toBe(`ATL,BA:1,${LF},SEX_T,AGE_YTHADULT_YGE15,CBR_BIR_TOTAL,2024Q1,1234.568,,,,`);
    expect(lf).toContain(`ATL,BA:1,${LF},SEX_M,AGE_YTHADULT_YGE15,CBR_BIR_FOREIGN,2024Q1,,C,,,`);
    expect(files.get(`${UR}.csv`)!.toString('utf8')).toContain(`ATL,BA:1,${UR},SEX_T,,,2024Q1,6.543,,,,`);
    const meta = JSON.parse(files.get('metadata.json')!.toString('utf8')) as RunMetadata;
    expect(meta.outputs).toEqual([
      { file: `${LF}.csv`, sha256: sha256(files.get(`${LF}.csv`)!), bytes: files.get(`${LF}.csv`)!.length },
      { file: `${UR}.csv`, sha256: sha256(files.get(`${UR}.csv`)!), bytes: files.get(`${UR}.csv`)!.length },
    ]);
    expect(meta.reference).toEqual(RUN);
    expect(meta.standards.labourForce).toBe('ICLS19');
  });

  it('writes every format, the same bytes twice', async () => {
    for (const format of INDICATOR_OUTPUT_FORMATS) {
      const a = await writeAll(format);
      await new Promise((r) => setTimeout(r, format === 'xlsx' ? 2100 : 0)); // zip times have a 2-second resolution
      const b = await writeAll(format);
      expect([...a.files.keys()], format).toEqual([...b.files.keys()]);
      expect(a.files.size, format).toBeGreaterThanOrEqual(2);
      for (const [name, bytes] of a.files) expect(sha256(bytes), `${format} ${name}`).toBe(sha256(b.files.get(name)!));
    }
  }, 30_000);

  it('never writes a statistic of a suppressed cell in the tidy outputs, but keeps its flags', async () => {
    const json = JSON.parse((await writeAll('json')).files.get('indicators.json')!.toString('utf8')) as Record<string, unknown>[];
    expect(json).toHaveLength(5);
    const s = json.find((r) => r.suppressed !== null)!;
    expect(s).toMatchObject({
      indicator: LF, sex: 'SEX_M', classif2: 'CBR_BIR_FOREIGN', suppressed: 'primary', reliability: 'reliable', obs_status: 'C',
      estimate: null, se: null, ci_low: null, ci_high: null, df: null, deff: null, cv: null, n: null, n_domain: null, N: null,
      criterion: 'birth', standard: 'ICLS19', ref_area: 'ATL', time: '2024Q1', source: 'BA:1',
    });
    expect(json[0]).toMatchObject({ estimate: 1_234_567.8, n: 5200, label: 'Labour force by sex, age and place of birth' });
    for (const format of INDICATOR_OUTPUT_FORMATS) {
      const { files } = await writeAll(format);
      for (const [name, bytes] of files) {
        const text = bytes.toString('latin1');
        for (const secret of ['7777', '7.777', '888.25']) expect(text.includes(secret), `${format} ${name} ${secret}`).toBe(false);
      }
    }
    const csv = (await writeAll('csv')).files.get('indicators.csv')!.toString('utf8').split('\n');
    expect(csv[0]).toBe('ref_area,source,time,indicator,label,sex,classif1,classif2,unit,estimate,se,ci_low,ci_high,df,deff,cv,n,n_domain,N,reliability,suppressed,obs_status,criterion,standard');
    expect(csv.find((l) => l.includes('primary'))).toBe(`ATL,BA:1,2024Q1,${LF},"Labour force by sex, age and place of birth",SEX_M,AGE_YTHADULT_YGE15,CBR_BIR_FOREIGN,NB,,,,,,,,,,,reliable,primary,C,birth,ICLS19`);
  });

  it('writes an SDMX-CSV file', async () => {
    const text = (await writeAll('sdmx')).files.get('indicators.sdmx.csv')!.toString('utf8').split('\n');
    expect(text[0]).toBe('DATAFLOW,REF_AREA,SEX,CLASSIF1,CLASSIF2,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,UNIT_MULT');
    expect(text).toContain(`ILO:DF_${UR}(1.0),ATL,SEX_T,_Z,_Z,2024-Q1,6.543,,PT,0`);
  });

  it('writes a workbook that reads back: sheets, values, the suppression mark and footnotes', async () => {
    const { files } = await writeAll('xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files.get('indicators.xlsx')! as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([LF, UR]);
    expect(wb.created.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    const ws = wb.getWorksheet(LF)!;
    expect(ws.getCell('A1').value).toBe('Labour force by sex, age and place of birth');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.find((r) => r[0] === 'Sex')!;
    expect(header).toEqual(['Sex', 'Classification 1', 'Classification 2', 'Estimate', 'SE', 'CI low', 'CI high', 'CV (%)', 'n', 'Flags']);
    const total = rows.find((r) => r[0] === 'Total' && r[2] === 'Place of birth: Total')!;
    expect(total.slice(0, 4)).toEqual(['Total', 'Age (Youth, adults): 15+', 'Place of birth: Total', 1234.568]);
    expect(total[8]).toBe(5200);
    const suppressed = rows.find((r) => r[0] === 'Male')!;
    expect(suppressed[3]).toBe('x');
    expect(suppressed.slice(4, 9).every((v) => v === undefined || v === null)).toBe(true);
    expect(suppressed[9]).toBe('x');
    const unreliableRow = rows.findIndex((r) => r[0] === 'Total' && r[2] === 'Place of birth: Foreign-born');
    expect(rows[unreliableRow]![9]).toBe('U');
    let unreliableCell: ExcelJS.Cell | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'Total' && row.getCell(3).value === 'Place of birth: Foreign-born') unreliableCell = row.getCell(4);
    });
    expect(unreliableCell!.numFmt).toMatch(/^\(.*\)$/);
    expect(rows.find((r) => r[0] === 'Female')![9]).toBe('L');
    const text = rows.map((r) => String(r[0])).join('\n');
    expect(text).toMatch(/^x: suppressed to protect confidentiality/m);
    expect(text).toMatch(/^\( \) U: unreliable/m);
    expect(text).toMatch(/Migrant criterion: birth\. Labour force standard: ICLS19\./);
    const ur = wb.getWorksheet(UR)!;
    const urRows: unknown[][] = [];
    ur.eachRow((row) => urRows.push((row.values as unknown[]).slice(1)));
    expect(urRows.find((r) => r[0] === 'Sex')).toEqual(['Sex', 'Estimate', 'SE', 'CI low', 'CI high', 'CV (%)', 'n', 'Flags']);
    expect(urRows.find((r) => r[0] === 'Total')!.slice(0, 2)).toEqual(['Total', 6.543]);
  });

  it('sets every zip entry date to the fixed timestamp (1980-01-01 for dates before 1980)', async () => {
    const bytes = await indicatorWorkbook(tables, RUN);
    const dates = zipDates(bytes);
    expect(dates.length).toBeGreaterThan(10);
    expect(dates.every((d) => d.time === 0 && d.date === 33)).toBe(true); // 1980-01-01 00:00:00
    const at = Date.UTC(2024, 2, 15, 10, 30, 20) / 1000;
    const later = zipDates(await indicatorWorkbook(tables, { ...RUN, timestamp: at }));
    expect(later.every((d) => d.date === ((2024 - 1980) << 9 | 3 << 5 | 15) && d.time === (10 << 11 | 30 << 5 | 10))).toBe(true);
    expect(() => fixZipTimestamps(new Uint8Array(100), new Date(0))).toThrow(/not a zip/);
  });

  it('writes nothing when the ILOSTAT schema check fails', async () => {
    const outDir = tempDir();
    const bad: IndicatorTable[] = [{ ...tables[1]!, cells: [{ ...tables[1]!.cells[0]!, sex: 'SEX_X' }] }];
    const err = await writeIndicatorOutputs([tables[0]!, ...bad], { format: 'ilostat', outDir, ...RUN, metadata: await metadata() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IlostatSchemaError);
    expect((err as IlostatSchemaError).problems).toEqual([{ file: `${UR}.csv`, message: expect.stringMatching(/sex "SEX_X"/) as unknown as string }]);
    expect(readdirSync(outDir)).toEqual([]);
    await writeIndicatorOutputs(bad, { format: 'ilostat', outDir, ...RUN, metadata: await metadata(), check: false });
    expect(readdirSync(outDir).sort()).toEqual([`${UR}.csv`, 'metadata.json']);
  });

  it('leaves no file changed and no temporary file behind when a write fails', async () => {
    const outDir = tempDir();
    writeFileSync(join(outDir, `${LF}.csv`), 'old\n');
    mkdirSync(join(outDir, 'metadata.json')); // a folder where the metadata file should go: its rename fails
    await expect(writeIndicatorOutputs(tables, { format: 'ilostat', outDir, ...RUN, metadata: await metadata() })).rejects.toThrow();
    expect(readdirSync(outDir).sort()).toEqual([`${LF}.csv`, 'metadata.json']);
    expect(readFileSync(join(outDir, `${LF}.csv`), 'utf8')).toBe('old\n');
  });
});
