/**
 * The observatory's readers: the national data collection template (written by migstat, read back to the same values;
 * errors naming sheet, row, column and value), ILOSTAT bulk CSV (thousands to persons, skipped rows counted by reason),
 * migstat tidy outputs (suppressed cells skipped, reliability as flags), and the WPP and DESA benchmark layouts.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind, readDesaText, readIlostatText, readMigstatOutput, readWppText } from '../../src/global/observatory-ingest.js';
import { TEMPLATE_VERSION, readTemplate, templateWorkbook } from '../../src/global/observatory-template.js';
import { BENCHMARKS, TEMPLATES, atlantisIlostat, tempDir } from './observatory-support.js';

describe('the national data collection template', () => {
  it('reads the bundled THA 2024 template: 5 measures x 3 sexes x 5 ages x 3 migrant statuses, with SEs and provenance', async () => {
    const b = await readTemplate(TEMPLATES[1]!);
    expect(b.kind).toBe('template');
    expect(b.rows).toHaveLength(225);
    const r = b.rows.find((x) => x.indicator === 'TEAP' && x.sex === 'F' && x.age === 'Y15-24' && x.migrant === 'MIGRANT')!;
    expect(r).toMatchObject({ ref_area: 'THA', year: 2024, criterion: 'birth', standard: 'ICLS19', source: 'Thailand Labour Force Survey 2024', source_type: 'template', reference_year: 2024, layer: 'national', unit: 'persons' });
    expect(r.location).toBe('sheet T2_LF, row 16, column D (Migrants)');
    expect(r.se).toBeGreaterThan(0);
    expect(b.rows.find((x) => x.migrant === 'TOTAL')!.criterion).toBe('');
  });

  it('writes what it reads: template -> workbook -> the same values; in thousands too', async () => {
    const b = await readTemplate(TEMPLATES[1]!);
    const dir = tempDir();
    for (const unit of ['persons', 'thousands'] as const) {
      const p = join(dir, `t-${unit}.xlsx`);
      writeFileSync(p, await templateWorkbook({ country: 'THA', year: 2024, source: 'Thailand Labour Force Survey 2024', criterion: 'birth', standard: 'ICLS19', unit }, b.rows));
      const again = await readTemplate(p);
      expect(again.rows.map((r) => [r.indicator, r.sex, r.age, r.migrant, Math.round(r.value), r.se === null ? null : Math.round(r.se)]))
        .toEqual(b.rows.map((r) => [r.indicator, r.sex, r.age, r.migrant, Math.round(r.value), r.se === null ? null : Math.round(r.se)]));
    }
  });

  it('a blank template reads to no value', async () => {
    const p = join(tempDir(), 'blank.xlsx');
    writeFileSync(p, await templateWorkbook({ country: 'KHM', year: 2025, source: 'LFS 2025', criterion: 'birth', standard: 'ICLS19' }));
    const b = await readTemplate(p);
    expect(b.rows).toEqual([]);
  });

  it('names the sheet, row, column and value of a bad cell, and checks the metadata', async () => {
    const dir = tempDir();
    const edit = async (name: string, f: (wb: ExcelJS.Workbook) => void): Promise<string> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(TEMPLATES[2]!);
      f(wb);
      const p = join(dir, name);
      await wb.xlsx.writeFile(p);
      return p;
    };
    await expect(readTemplate(await edit('a.xlsx', (wb) => { wb.getWorksheet('T3_EMP')!.getCell('D7').value = '12 3x'; })))
      .rejects.toThrow(/a\.xlsx: sheet T3_EMP, row 7, column D \(Migrants\): "12 3x" is not a number/);
    await expect(readTemplate(await edit('b.xlsx', (wb) => { wb.getWorksheet('T1_WAP')!.getCell('A9').value = 'Both'; })))
      .rejects.toThrow(/b\.xlsx: sheet T1_WAP, row 9, column A \(Sex\): "Both" is not a sex/);
    await expect(readTemplate(await edit('c.xlsx', (wb) => { wb.getWorksheet('T2_LF')!.getCell('J5').value = 'Z'; })))
      .rejects.toThrow(/c\.xlsx: sheet T2_LF, row 5, column J \(Flags\): "Z" has the flag "Z"/);
    await expect(readTemplate(await edit('d.xlsx', (wb) => { wb.getWorksheet('Metadata')!.getCell('B9').value = 'residence'; })))
      .rejects.toThrow(/d\.xlsx: sheet Metadata, row 9, column B \(criterion\): "residence" is not birth or citizenship/);
    await expect(readTemplate(await edit('e.xlsx', (wb) => { wb.getWorksheet('Metadata')!.getCell('B4').value = 'other-1'; })))
      .rejects.toThrow(new RegExp(`e\\.xlsx: sheet Metadata, row 4, column B \\(template\\): "other-1" is not the template version ${TEMPLATE_VERSION}`));
    await expect(readTemplate(await edit('f.xlsx', (wb) => { wb.getWorksheet('T4_UNE')!.getCell('E4').value = 'Natives'; })))
      .rejects.toThrow(/f\.xlsx: sheet T4_UNE, row 4, column E: "Natives" should be the header "Non-migrants"/);
  });
});

describe('ILOSTAT bulk CSV', () => {
  it('stores counts in persons, codes as the observatory vocabulary, and counts what it skips by reason', () => {
    const text = atlantisIlostat()
      + 'ATL,BA:900,MST_TEAP_SEX_AGE_CBR_NB,SEX_T,AGE_YTHADULT_YGE15,CBR_BIR_TOTAL,2024Q1,1,,,,\n'
      + 'X01,XA:1,MST_TEAP_SEX_AGE_CBR_NB,SEX_T,AGE_YTHADULT_YGE15,CBR_BIR_TOTAL,2024,1,,,,\n'
      + 'ATL,BA:900,UNE_DEAP_SEX_AGE_RT,SEX_T,AGE_YTHADULT_YGE15,,2024,5,,,,\n'
      + 'ATL,BA:900,MST_TEAP_SEX_AGE_CBR_RT,SEX_T,AGE_YTHADULT_Y15-24,CBR_BIR_FOREIGN,2024,61.5,U,,,\n'
      + 'ATL,BA:900,MST_TUNE_SEX_AGE_CBR_NB,SEX_T,AGE_YTHADULT_YGE15,CBR_BIR_FOREIGN,2024,,C,,,\n';
    const b = readIlostatText('atl.csv', text);
    expect(b.rows).toHaveLength(19);
    expect(b.rows[0]).toMatchObject({ ref_area: 'ATL', year: 2024, indicator: 'XWAP', sex: 'T', age: 'YGE15', migrant: 'TOTAL', criterion: '', value: 1000000, source: 'BA:900', location: 'line 2' });
    expect(b.rows.find((r) => r.migrant === 'MIGRANT')!.criterion).toBe('birth');
    expect(b.rows.at(-1)).toMatchObject({ indicator: 'TEAP_RT', age: 'Y15-24', value: 61.5, unit: 'percent', flags: 'U' });
    expect(b.skipped).toEqual([
      { reason: 'quarterly and monthly values are not ingested (annual only)', count: 1 },
      { reason: 'aggregate areas (X..) are not ingested', count: 1 },
      { reason: 'indicator UNE_DEAP_SEX_AGE_RT is not held by the observatory', count: 1 },
      { reason: 'no value (obs_value empty)', count: 1 },
    ]);
    expect(() => readIlostatText('z.csv', atlantisIlostat().replace('SEX_F,AGE_YTHADULT_YGE15,CBR_BIR_TOTAL', 'SEX_F,AGE_YTHADULT_YGE15,CBR_XX')))
      .toThrow(/z\.csv: line 8, column classif2: "CBR_XX" is not a migrant status item/);
    expect(() => readIlostatText('y.csv', atlantisIlostat().replace(/^ATL,/m, 'ZZZ,'))).toThrow(/y\.csv: line 2, column ref_area: "ZZZ" is not an ISO 3166-1 alpha-3 country code/);
  });

  it('stores ILO modelled labour force in the same layout as a benchmark', () => {
    expect(detectKind(BENCHMARKS[2]!)).toBe('ilostat');
    const b = readIlostatText('ilo.csv', 'ref_area,indicator,sex,classif1,time,obs_value\nTHA,EAP_2EAP_SEX_AGE_NB,SEX_M,AGE_AGGREGATE_Y25-54,2024,1234.5\n');
    expect(b.rows).toEqual([expect.objectContaining({ indicator: 'TEAP', layer: 'benchmark', source_type: 'ilo-modelled', age: 'Y25-54', sex: 'M', migrant: 'TOTAL', value: 1234500 })]);
  });
});

describe('migstat outputs', () => {
  it('reads a tidy indicators.csv with its metadata.json: persons, SEs, reliability flags; suppressed cells skipped', () => {
    const dir = join(tempDir(), 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ standards: { labourForce: 'ICLS19', migrantCriterion: 'birth' } }));
    const head = 'ref_area,source,time,indicator,label,sex,classif1,classif2,unit,estimate,se,ci_low,ci_high,df,deff,cv,n,n_domain,N,reliability,suppressed,obs_status,criterion,standard';
    writeFileSync(join(dir, 'indicators.csv'), [head,
      'ATL,BA:1,2024,MST_TEAP_SEX_AGE_CBR_NB,LF,SEX_F,AGE_YTHADULT_Y15-24,CBR_BIR_FOREIGN,NB,12345.6,800,,,,,,,,,less-reliable,,,birth,ICLS19',
      'ATL,BA:1,2024,MST_TEAP_SEX_AGE_CBR_NB,LF,SEX_M,AGE_YTHADULT_Y15-24,CBR_BIR_FOREIGN,NB,,,,,,,,,,,reliable,primary,C,birth,ICLS19',
      'ATL,BA:1,2024,MGS_MSHR_SEX_TEAP_RT,share,SEX_T,,,RT,12,1,,,,,,,,,reliable,,,birth,ICLS19',
    ].join('\n') + '\n');
    const [b] = readMigstatOutput(dir);
    expect(b!.rows).toEqual([expect.objectContaining({ ref_area: 'ATL', indicator: 'TEAP', sex: 'F', age: 'Y15-24', migrant: 'MIGRANT', criterion: 'birth', value: 12345.6, se: 800, flags: 'E', standard: 'ICLS19', source_type: 'migstat', location: 'line 2' })]);
    expect(b!.skipped).toEqual([{ reason: 'suppressed cells (no value published)', count: 1 }, { reason: 'indicator MGS_MSHR_SEX_TEAP_RT is not held by the observatory', count: 1 }]);
  });
});

describe('benchmark layouts', () => {
  it('reads UN WPP (thousands, by sex) and UN DESA (persons, type of data as criterion and flags)', () => {
    const w = readWppText('wpp.csv', 'ISO3_code,Location,Time,AgeGrp,PopMale,PopFemale,PopTotal\nTHA,Thailand,2024,15-19,2000.5,1999.5,4000\n,World,2024,15-19,1,1,2\n');
    expect(w.rows.map((r) => [r.sex, r.age, r.value, r.indicator, r.migrant, r.layer])).toEqual([['T', 'Y15-19', 4000000, 'POP', 'TOTAL', 'benchmark'], ['M', 'Y15-19', 2000500, 'POP', 'TOTAL', 'benchmark'], ['F', 'Y15-19', 1999500, 'POP', 'TOTAL', 'benchmark']]);
    expect(w.skipped).toEqual([{ reason: 'aggregate locations (no ISO3_code)', count: 1 }]);
    const d = readDesaText('desa.csv', 'ISO3_code,Location,Year,Sex,AgeGrp,MigrantStock,TypeOfData\nKHM,Cambodia,2024,Female,75+,123,B R\nSGP,Singapore,2024,Both sexes,Total,456,C\n');
    expect(d.rows.map((r) => [r.ref_area, r.sex, r.age, r.criterion, r.flags, r.value, r.migrant])).toEqual([['KHM', 'F', 'YGE75', 'birth', 'R', 123, 'MIGRANT'], ['SGP', 'T', 'TOTAL', 'citizenship', '', 456, 'MIGRANT']]);
    expect(() => readDesaText('desa.csv', 'ISO3_code,Location,Year,Sex,AgeGrp,MigrantStock,TypeOfData\nKHM,Cambodia,2024,Female,75+,123,Q\n')).toThrow(/desa\.csv: line 2, column TypeOfData: "Q" is not a UN DESA type of data/);
    expect(() => readWppText('wpp.csv', 'ISO3_code,Time,AgeGrp,PopMale\n')).toThrow(/wpp\.csv: line 1: the UN WPP layout needs the column\(s\) PopFemale, PopTotal/);
    expect(BENCHMARKS.map(detectKind)).toEqual(['wpp', 'desa', 'ilostat']);
  });
});
