import { describe, expect, it } from 'vitest';
import type { IndicatorCell, IndicatorTable } from '../../src/indicators/cell.js';
import { SDMX_COLUMNS, sdmxCsv, sdmxDataflow, sdmxTimePeriod } from '../../src/indicators/sdmx.js';

function cell(p: Partial<IndicatorCell> & Pick<IndicatorCell, 'indicator' | 'sex'>): IndicatorCell {
  return {
    classif1: null, classif2: null, unit: 'NB', estimate: 1000, se: 100, ci_low: 800, ci_high: 1200, df: 50, deff: 1.5,
    cv: 0.1, n: 40, n_domain: 40, N: 1000, reliability: 'reliable', ...p,
  };
}

const EMP = 'MST_TEMP_SEX_AGE_CBR_NB';
const LFPR = 'MST_TEAP_SEX_EDU_CBR_RT';
const PAY = 'MGS_EARN_MEAN_SEX_CBR';

const employment: IndicatorTable = {
  indicator: EMP,
  label: 'Employment by sex, age and place of birth',
  cells: [
    cell({ indicator: EMP, sex: 'SEX_M', classif1: 'AGE_YTHADULT_YGE15', classif2: 'CBR_BIR_FOREIGN', estimate: 2500, suppressed: 'primary', n: 2 }),
    cell({ indicator: EMP, sex: 'SEX_T', classif1: 'AGE_YTHADULT_YGE15', classif2: 'CBR_BIR_FOREIGN', estimate: 45_678.9 }),
  ],
};
const lfpr: IndicatorTable = {
  indicator: LFPR,
  label: 'Labour force participation rate by sex, education and place of birth',
  cells: [cell({ indicator: LFPR, sex: 'SEX_T', classif1: 'EDU_AGGREGATE_ADV', unit: 'RT', estimate: 71.23456, reliability: 'unreliable' })],
};
const pay: IndicatorTable = {
  indicator: PAY,
  label: 'Mean monthly earnings of employees by sex',
  cells: [cell({ indicator: PAY, sex: 'SEX_T', unit: 'MEAN', estimate: 1234.5 })],
};

const RUN = { ref_area: 'ATL', time: '2024Q1' };

describe('sdmxCsv', () => {
  it('names the dataflow ILO:DF_<indicator>(1.0) and converts periods to SDMX form', () => {
    expect(sdmxDataflow(EMP)).toBe('ILO:DF_MST_TEMP_SEX_AGE_CBR_NB(1.0)');
    expect(sdmxTimePeriod('2024')).toBe('2024');
    expect(sdmxTimePeriod('2024Q1')).toBe('2024-Q1');
    expect(sdmxTimePeriod('2024q4')).toBe('2024-Q4');
    expect(sdmxTimePeriod('2024M03')).toBe('2024-03');
    expect(() => sdmxTimePeriod('2024-Q1')).toThrow(/ILOSTAT period/);
  });

  it('writes the dimensions, measure and attributes, counts in thousands with UNIT_MULT 3', () => {
    const { columns, rows } = sdmxCsv([employment], RUN);
    expect(columns).toEqual([...SDMX_COLUMNS]);
    expect(rows).toEqual([
      {
        DATAFLOW: 'ILO:DF_MST_TEMP_SEX_AGE_CBR_NB(1.0)', REF_AREA: 'ATL', SEX: 'SEX_T', CLASSIF1: 'AGE_YTHADULT_YGE15', CLASSIF2: 'CBR_BIR_FOREIGN',
        TIME_PERIOD: '2024-Q1', OBS_VALUE: '45.679', OBS_STATUS: '', UNIT_MEASURE: 'PS', UNIT_MULT: '3',
      },
      {
        DATAFLOW: 'ILO:DF_MST_TEMP_SEX_AGE_CBR_NB(1.0)', REF_AREA: 'ATL', SEX: 'SEX_M', CLASSIF1: 'AGE_YTHADULT_YGE15', CLASSIF2: 'CBR_BIR_FOREIGN',
        TIME_PERIOD: '2024-Q1', OBS_VALUE: '', OBS_STATUS: 'C', UNIT_MEASURE: 'PS', UNIT_MULT: '3',
      },
    ]);
  });

  it('leaves out classification columns no table has', () => {
    const { columns, rows } = sdmxCsv([lfpr], { ...RUN, time: '2024' });
    expect(columns).toEqual(['DATAFLOW', 'REF_AREA', 'SEX', 'CLASSIF1', 'TIME_PERIOD', 'OBS_VALUE', 'OBS_STATUS', 'UNIT_MEASURE', 'UNIT_MULT']);
    expect(rows[0]).toEqual({
      DATAFLOW: 'ILO:DF_MST_TEAP_SEX_EDU_CBR_RT(1.0)', REF_AREA: 'ATL', SEX: 'SEX_T', CLASSIF1: 'EDU_AGGREGATE_ADV', TIME_PERIOD: '2024',
      OBS_VALUE: '71.235', OBS_STATUS: 'U', UNIT_MEASURE: 'PT', UNIT_MULT: '0',
    });
    expect(sdmxCsv([pay], RUN).columns).not.toContain('CLASSIF1');
  });

  it('writes _Z for a classification a table lacks in a mixed file, and the unit of means from the option', () => {
    const { columns, rows } = sdmxCsv([lfpr, pay], { ...RUN, unitMeasure: (t) => (t.indicator === PAY ? 'ATL_DOLLAR' : '') , obsStatus: () => 'B' });
    expect(columns).toContain('CLASSIF1');
    expect(columns).not.toContain('CLASSIF2');
    expect(rows[1]).toMatchObject({ DATAFLOW: 'ILO:DF_MGS_EARN_MEAN_SEX_CBR(1.0)', CLASSIF1: '_Z', OBS_VALUE: '1234.5', UNIT_MEASURE: 'ATL_DOLLAR', UNIT_MULT: '0', OBS_STATUS: 'B' });
    expect(sdmxCsv([pay], RUN).rows[0]).toMatchObject({ UNIT_MEASURE: '' });
  });
});
