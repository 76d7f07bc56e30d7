import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IndicatorCell, IndicatorTable } from '../../src/indicators/cell.js';
import { ILOSTAT_CLASSIF_CSV, ILOSTAT_CLASSIF_SOURCE_SHA256 } from '../../src/indicators/codes/ilostat-classif-data.js';
import {
  ILOSTAT_SEX_CODES, ilostatClassifLabel, isIlostatClassifCode, isIlostatSexCode,
} from '../../src/indicators/codes/ilostat-classif-codes.js';
import { ILOSTAT_INDICATOR_CSV, ILOSTAT_INDICATOR_SOURCE_SHA256 } from '../../src/indicators/codes/ilostat-indicator-data.js';
import { ILOSTAT_INDICATORS, isIlostatIndicatorCode, isMigstatIndicatorCode } from '../../src/indicators/codes/ilostat-indicator-codes.js';
import {
  ILOSTAT_COLUMNS, type IlostatProblemKind, type IlostatRow, checkIlostatCsv, formatDecimal, ilostatFiles, ilostatRows,
} from '../../src/indicators/ilostat.js';
import { toCsv } from '../../src/io/write.js';

/** A cell with plausible statistics; override what the test is about. */
function cell(p: Partial<IndicatorCell> & Pick<IndicatorCell, 'indicator' | 'sex'>): IndicatorCell {
  return {
    classif1: null, classif2: null, unit: 'NB', estimate: 1000, se: 100, ci_low: 800, ci_high: 1200, df: 50, deff: 1.5,
    cv: 0.1, n: 40, n_domain: 40, N: 1000, reliability: 'reliable', ...p,
  };
}

const LF = 'MST_TEAP_SEX_AGE_CBR_NB';
const UR = 'MST_TUNE_SEX_AGE_CBR_RT';

/** Labour force by sex and place of birth (age 15+), cells given out of order, one suppressed, one unreliable. */
function lfTable(): IndicatorTable {
  const c = (sex: string, classif2: string, estimate: number, extra: Partial<IndicatorCell> = {}): IndicatorCell =>
    cell({ indicator: LF, sex, classif1: 'AGE_YTHADULT_YGE15', classif2, estimate, ...extra });
  return {
    indicator: LF,
    label: 'Labour force by sex, age and place of birth',
    measure: 'LF',
    cells: [
      c('SEX_F', 'CBR_BIR_TOTAL', 500_000),
      c('SEX_T', 'CBR_BIR_TOTAL', 1_234_567.89),
      c('SEX_T', 'CBR_BIR_FOREIGN', 12_000, { reliability: 'unreliable' }),
      c('SEX_M', 'CBR_BIR_FOREIGN', 7_000, { suppressed: 'primary', n: 3 }),
      c('SEX_M', 'CBR_BIR_TOTAL', 734_567.89),
      c('SEX_F', 'CBR_BIR_FOREIGN', 5_000, { suppressed: 'secondary' }),
    ],
  };
}

/** Unemployment rate by sex only (no classification). */
function urTable(): IndicatorTable {
  return {
    indicator: UR,
    label: 'Unemployment rate by sex',
    cells: [
      cell({ indicator: UR, sex: 'SEX_M', unit: 'RT', estimate: 4.56789 }),
      cell({ indicator: UR, sex: 'SEX_T', unit: 'RT', estimate: 5.1 }),
    ],
  };
}

const RUN = { ref_area: 'ATL', source: 'BA:1', time: '2024Q1' };

const csvOf = (rows: readonly IlostatRow[]): string => toCsv(ILOSTAT_COLUMNS, rows);

describe('ilostatRows', () => {
  it('writes counts in thousands, rates in percent, codes and run options in the twelve columns', () => {
    const rows = ilostatRows([lfTable(), urTable()], RUN);
    expect(Object.keys(rows[0]!)).toEqual([...ILOSTAT_COLUMNS]);
    expect(rows[0]).toEqual({
      ref_area: 'ATL', source: 'BA:1', indicator: LF, sex: 'SEX_T', classif1: 'AGE_YTHADULT_YGE15', classif2: 'CBR_BIR_TOTAL',
      time: '2024Q1', obs_value: '1234.568', obs_status: '', note_classif: '', note_indicator: '', note_source: '',
    });
    const ur = rows.filter((r) => r.indicator === UR);
    expect(ur.map((r) => [r.sex, r.obs_value, r.classif1, r.classif2])).toEqual([['SEX_T', '5.1', '', ''], ['SEX_M', '4.568', '', '']]);
  });

  it('orders rows by sex T, M, F, then classifications in their order of first appearance', () => {
    const rows = ilostatRows([lfTable()], RUN);
    expect(rows.map((r) => `${r.sex} ${r.classif2}`)).toEqual([
      'SEX_T CBR_BIR_TOTAL', 'SEX_T CBR_BIR_FOREIGN', 'SEX_M CBR_BIR_TOTAL', 'SEX_M CBR_BIR_FOREIGN', 'SEX_F CBR_BIR_TOTAL', 'SEX_F CBR_BIR_FOREIGN',
    ]);
  });

  it('leaves suppressed cells without a value, with their status (callback, else C)', () => {
    const rows = ilostatRows([lfTable()], RUN);
    const suppressed = rows.filter((r) => r.obs_value === '');
    expect(suppressed.map((r) => [r.sex, r.obs_status])).toEqual([['SEX_M', 'C'], ['SEX_F', 'C']]);
    expect(rows.find((r) => r.sex === 'SEX_T' && r.classif2 === 'CBR_BIR_FOREIGN')).toMatchObject({ obs_value: '12', obs_status: 'U' });

    const custom = ilostatRows([lfTable()], { ...RUN, obsStatus: (c) => (c.suppressed === 'secondary' ? 'Q' : '') });
    expect(custom.filter((r) => r.obs_value === '').map((r) => r.obs_status)).toEqual(['C', 'Q']);
    expect(custom.find((r) => r.classif2 === 'CBR_BIR_FOREIGN' && r.sex === 'SEX_T')!.obs_status).toBe('');
  });

  it('gives a cell without a finite estimate an empty value and status O', () => {
    const t: IndicatorTable = { indicator: UR, label: 'x', cells: [cell({ indicator: UR, sex: 'SEX_T', unit: 'RT', estimate: NaN })] };
    expect(ilostatRows([t], RUN)[0]).toMatchObject({ obs_value: '', obs_status: 'O' });
  });

  it('rounds to the decimals asked for and writes notes', () => {
    const rows = ilostatRows([lfTable()], { ...RUN, decimals: 0, notes: { note_source: 'R1:3513', note_indicator: 'T2:85' } });
    expect(rows[0]).toMatchObject({ obs_value: '1235', note_source: 'R1:3513', note_indicator: 'T2:85', note_classif: '' });
  });

  it('makes one file per indicator', () => {
    const files = ilostatFiles([lfTable(), urTable()], RUN);
    expect(files.map((f) => [f.indicator, f.rows.length])).toEqual([[LF, 6], [UR, 2]]);
  });

  it('formats decimals plainly', () => {
    expect(formatDecimal(1234.5678, 3)).toBe('1234.568');
    expect(formatDecimal(12, 3)).toBe('12');
    expect(formatDecimal(-0.0001, 3)).toBe('0');
    expect(formatDecimal(1e-7, 3)).toBe('0');
    expect(formatDecimal(0.5, 0)).toBe('1');
    expect(() => formatDecimal(NaN, 3)).toThrow(/finite/);
  });
});

describe('checkIlostatCsv', () => {
  const good = (): IlostatRow[] => ilostatRows([lfTable(), urTable()], RUN);
  const kinds = (text: string): IlostatProblemKind[] => checkIlostatCsv(text).map((p) => p.kind);
  const withRow = (i: number, patch: Partial<IlostatRow>): string => csvOf(good().map((r, j) => (j === i ? { ...r, ...patch } : r)));

  it('passes the files migstat writes', () => {
    expect(checkIlostatCsv(csvOf(good()))).toEqual([]);
    for (const f of ilostatFiles([lfTable(), urTable()], RUN)) expect(checkIlostatCsv(csvOf(f.rows))).toEqual([]);
  });

  it('catches a header that is not exactly the twelve columns', () => {
    const text = csvOf(good()).replace('obs_value,obs_status', 'obs_status,obs_value');
    expect(checkIlostatCsv(text)).toMatchObject([{ kind: 'header', line: 1 }]);
    expect(kinds('')).toEqual(['header']);
    expect(kinds(csvOf(good()).replace('ref_area', 'collection,ref_area'))).toEqual(['header']);
  });

  it('catches a row with the wrong number of fields', () => {
    expect(kinds(csvOf(good()) + 'ATL,BA:1\n')).toEqual(['fields']);
  });

  it('catches codes outside the code lists', () => {
    expect(checkIlostatCsv(withRow(0, { sex: 'SEX_X' }))).toMatchObject([{ kind: 'code', column: 'sex', value: 'SEX_X', line: 2 }]);
    expect(checkIlostatCsv(withRow(1, { classif2: 'NAT_CIT_FOREIGN' }))).toMatchObject([{ kind: 'code', column: 'classif2' }]);
    expect(checkIlostatCsv(withRow(1, { classif1: 'SEX_T' }))).toMatchObject([{ kind: 'code', column: 'classif1' }]);
    // an indicator code not in the list (its classification use is then also inconsistent with nothing: one problem)
    const rows = good().map((r) => (r.indicator === UR ? { ...r, indicator: 'MST_TUNE_SEX_NB' } : r));
    expect(checkIlostatCsv(csvOf(rows)).map((p) => [p.kind, p.column, p.value])).toEqual([
      ['code', 'indicator', 'MST_TUNE_SEX_NB'], ['code', 'indicator', 'MST_TUNE_SEX_NB'],
    ]);
    // caller-given lists replace the defaults
    expect(checkIlostatCsv(csvOf(good()), { indicatorCodes: [LF], classifCodes: new Set(['AGE_YTHADULT_YGE15', 'CBR_BIR_TOTAL', 'CBR_BIR_FOREIGN']) })
      .map((p) => p.value)).toEqual([UR, UR]);
    expect(checkIlostatCsv(csvOf(good()), { classifCodes: (c) => c.startsWith('AGE_') }).map((p) => p.value)).toEqual(
      ['CBR_BIR_TOTAL', 'CBR_BIR_FOREIGN', 'CBR_BIR_TOTAL', 'CBR_BIR_FOREIGN', 'CBR_BIR_TOTAL', 'CBR_BIR_FOREIGN'],
    );
  });

  it('catches two values for one key', () => {
    const rows = good();
    const text = csvOf([...rows, { ...rows[2]!, obs_value: '99' }]);
    expect(checkIlostatCsv(text)).toMatchObject([{ kind: 'key', line: rows.length + 2 }]);
    expect(checkIlostatCsv(text)[0]!.message).toMatch(/first on line 4/);
  });

  it('catches an empty value whose status does not say not published, and a value with such a status', () => {
    expect(checkIlostatCsv(withRow(0, { obs_value: '' }))).toMatchObject([{ kind: 'value', column: 'obs_value', line: 2 }]);
    expect(checkIlostatCsv(withRow(0, { obs_value: '', obs_status: 'U' }))).toMatchObject([{ kind: 'value' }]);
    expect(checkIlostatCsv(withRow(0, { obs_value: '', obs_status: 'Q' }))).toEqual([]);
    const suppressedLine = good().findIndex((r) => r.obs_value === '');
    expect(checkIlostatCsv(withRow(suppressedLine, { obs_value: '7' }))).toMatchObject([{ kind: 'value', value: '7' }]);
    expect(checkIlostatCsv(withRow(0, { obs_value: '', obs_status: 'X' }), { notPublished: ['X', 'C'] })).toEqual([]);
  });

  it('catches values that are not plain decimal numbers', () => {
    for (const v of ['1,5', '1e3', 'NaN', '.5', '1.', '01', 'x']) {
      expect(kinds(withRow(0, { obs_value: v })), v).toEqual(['value']);
    }
    for (const v of ['0', '-2.5', '1234.568']) expect(kinds(withRow(0, { obs_value: v })), v).toEqual([]);
  });

  it('catches bad periods, areas and sources', () => {
    expect(kinds(withRow(0, { time: '2024-Q1' }))).toEqual(['time']);
    for (const t of ['2024', '2024Q4', '2024q1', '2024M12', '2024m03']) expect(kinds(csvOf(good().map((r) => ({ ...r, time: t })))), t).toEqual([]);
    expect(kinds(withRow(0, { time: '2024Q5' }))).toEqual(['time']);
    expect(kinds(withRow(0, { ref_area: 'atl' }))).toEqual(['ref_area']);
    expect(kinds(withRow(0, { source: 'LFS 2024' }))).toEqual(['source']);
  });

  it('catches classif2 without classif1, and an indicator using a classification on some rows only', () => {
    expect(kinds(withRow(6, { classif2: 'CBR_BIR_TOTAL' }))).toEqual(['classif', 'classif']);
    expect(kinds(withRow(6, { classif1: 'AGE_YTHADULT_YGE15' }))).toEqual(['classif']);
  });
});

describe('the pinned ILOSTAT code lists', () => {
  it('are byte-for-byte copies of the shared code lists (CRLF restored)', () => {
    const sha = (t: string): string => createHash('sha256').update(t.replace(/\n/g, '\r\n')).digest('hex');
    expect(sha(ILOSTAT_CLASSIF_CSV)).toBe(ILOSTAT_CLASSIF_SOURCE_SHA256);
    expect(sha(ILOSTAT_INDICATOR_CSV)).toBe(ILOSTAT_INDICATOR_SOURCE_SHA256);
  });

  it('know classification codes, with families expanded', () => {
    for (const c of ['CBR_BIR_FOREIGN', 'CCT_CIT_NONCIT', 'MIG_STATUS_MIGRANT', 'AGE_YTHADULT_Y15-24', 'AGE_5YRBANDS_Y00-04', 'AGE_5YRBANDS_YGE65',
      'EDU_ISCED11_TOTAL', 'EDU_ISCED11_X', 'ECO_ISIC4_U', 'OCU_ISCO08_0', 'STE_ICSE93_6', 'CBR_BRT_IND', 'CCT_CTZ_ATL', 'CDS_DES_PHL', 'CBR_BRT_X']) {
      expect(isIlostatClassifCode(c), c).toBe(true);
    }
    for (const c of ['NAT_CIT_FOREIGN', 'CBR_BRT_ZZZ', 'CBR_BRT_<ISO3>', 'AGE_5YRBANDS_Y15-19 ... AGE_5YRBANDS_YGE65', 'cbr_bir_foreign', 'STE_ICSE93_7', '']) {
      expect(isIlostatClassifCode(c), c).toBe(false);
    }
    expect(ILOSTAT_SEX_CODES).toEqual(['SEX_T', 'SEX_M', 'SEX_F', 'SEX_O']);
    expect(isIlostatSexCode('SEX_F')).toBe(true);
    expect(isIlostatSexCode('CBR_BIR_X')).toBe(false);
    expect(ilostatClassifLabel('AGE_YTHADULT_YGE15')).toBe('Age (Youth, adults): 15+');
    expect(ilostatClassifLabel('AGE_5YRBANDS_Y05-09')).toBe('Age (5-year bands): 5-9');
    expect(ilostatClassifLabel('CBR_BRT_IND')).toBe('Country of birth: India');
    expect(ilostatClassifLabel('OCU_ISCO08_2')).toBe('Occupation (ISCO-08): 2. Professionals');
    expect(ilostatClassifLabel('UNKNOWN_CODE')).toBe('UNKNOWN_CODE');
  });

  it('know indicator codes in the bulk CSV form', () => {
    expect(ILOSTAT_INDICATORS.size).toBe(96);
    expect(isIlostatIndicatorCode('MST_TEAP_SEX_AGE_CBR_NB')).toBe(true);
    expect(isIlostatIndicatorCode('EMP_TEMP_SEX_OCU_CBR_NB')).toBe(true);
    expect(isIlostatIndicatorCode('DF_EMP_TEMP_SEX_OCU_CBR_NB')).toBe(false);
    expect(isIlostatIndicatorCode('MGS_SHARE_LF_RT')).toBe(false);
    expect(isMigstatIndicatorCode('MIG_SHARE_LF_RT')).toBe(false);
    expect(isMigstatIndicatorCode('MGS_SHARE_LF_RT')).toBe(true);
    expect(isMigstatIndicatorCode('MST_TEAP_SEX_AGE_CBR_NB')).toBe(false);
    expect(ILOSTAT_INDICATORS.get('UNE_DEAP_SEX_AGE_RT')).toMatchObject({ unit: 'RT', listed: 'UNE_DEAP_SEX_AGE_RT' });
  });
});
