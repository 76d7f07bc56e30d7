import { describe, expect, it } from 'vitest';
import {
  AGE_BREAKDOWNS, EDU_AGGREGATE_BREAKDOWN, ICSE93_BREAKDOWN, ILO_REGION_BREAKDOWNS, INCOME_GROUP_BREAKDOWN, ISCED11_BREAKDOWN,
  ISCO08_BREAKDOWN, ISIC4_BREAKDOWN, SECTOR_BREAKDOWN, SKILL_BREAKDOWN, STE_AGGREGATE_BREAKDOWN, ageBandCodes, icse93Codes,
  icseAggregateCodes, iloRegionCodes, incomeGroupCodes, iscedAggregateCodes, iscedLevelCodes, iscoMajorGroupCodes,
  iscoSkillLevelCodes, isicSectionCodes, isicSectorCodes, type Breakdown,
} from '../../src/concepts/derived-groups.js';

const N = NaN;
const AGES = [0, 4, 5, 14, 14.9, 15, 19, 20, 24, 25, 34, 35, 54, 55, 64, 64.5, 65, 99, N];

describe('age bands', () => {
  it('youth and adults: 15-24, 25+; none under 15', () => {
    const y = 'AGE_YTHADULT_Y15-24', a = 'AGE_YTHADULT_YGE25';
    expect(ageBandCodes(AGES, 'YTHADULT')).toEqual([null, null, null, null, null, y, y, y, y, a, a, a, a, a, a, a, a, a, null]);
  });

  it('aggregate bands: <15, 15-24, 25-54, 55-64, 65+', () => {
    const p = 'AGE_AGGREGATE_';
    expect(ageBandCodes(AGES, 'AGGREGATE')).toEqual([
      `${p}YLT15`, `${p}YLT15`, `${p}YLT15`, `${p}YLT15`, `${p}YLT15`, `${p}Y15-24`, `${p}Y15-24`, `${p}Y15-24`, `${p}Y15-24`,
      `${p}Y25-54`, `${p}Y25-54`, `${p}Y25-54`, `${p}Y25-54`, `${p}Y55-64`, `${p}Y55-64`, `${p}Y55-64`, `${p}YGE65`, `${p}YGE65`, null,
    ]);
  });

  it('5-year bands (zero-padded under 10) and 10-year bands', () => {
    const p = 'AGE_5YRBANDS_';
    expect(ageBandCodes(AGES, '5YRBANDS')).toEqual([
      `${p}Y00-04`, `${p}Y00-04`, `${p}Y05-09`, `${p}Y10-14`, `${p}Y10-14`, `${p}Y15-19`, `${p}Y15-19`, `${p}Y20-24`, `${p}Y20-24`,
      `${p}Y25-29`, `${p}Y30-34`, `${p}Y35-39`, `${p}Y50-54`, `${p}Y55-59`, `${p}Y60-64`, `${p}Y60-64`, `${p}YGE65`, `${p}YGE65`, null,
    ]);
    const q = 'AGE_10YRBANDS_';
    expect(ageBandCodes(AGES, '10YRBANDS')).toEqual([
      `${q}YLT15`, `${q}YLT15`, `${q}YLT15`, `${q}YLT15`, `${q}YLT15`, `${q}Y15-24`, `${q}Y15-24`, `${q}Y15-24`, `${q}Y15-24`,
      `${q}Y25-34`, `${q}Y25-34`, `${q}Y35-44`, `${q}Y45-54`, `${q}Y55-64`, `${q}Y55-64`, `${q}Y55-64`, `${q}YGE65`, `${q}YGE65`, null,
    ]);
  });

  it('every code of a working-age person is an item of its breakdown, and the items are exactly those', () => {
    const working = Array.from({ length: 86 }, (_, k) => 15 + k);
    for (const scheme of ['YTHADULT', 'AGGREGATE', '5YRBANDS', '10YRBANDS'] as const) {
      const seen = [...new Set(ageBandCodes(working, scheme))];
      expect(seen, scheme).toEqual(AGE_BREAKDOWNS[scheme].items);
    }
    expect(AGE_BREAKDOWNS.YTHADULT.total).toBe('AGE_YTHADULT_YGE15');
    expect(AGE_BREAKDOWNS['10YRBANDS'].items).toContain('AGE_10YRBANDS_Y25-34');
  });

  it('rejects negative ages and unknown schemes', () => {
    expect(() => ageBandCodes([20, -1], 'AGGREGATE')).toThrow(/age -1 at index 1/);
    expect(() => ageBandCodes([20], 'YOUTH' as never)).toThrow(/scheme "YOUTH"/);
  });
});

describe('occupation (ISCO-08)', () => {
  const codes = ['1', '2411', '3', '41', '522', '6', '7', '8', '9', '911', '0', '01', '0210', '031', 'X', null, '', 'not-stated'];
  it('major groups', () => {
    expect(iscoMajorGroupCodes(codes)).toEqual([
      'OCU_ISCO08_1', 'OCU_ISCO08_2', 'OCU_ISCO08_3', 'OCU_ISCO08_4', 'OCU_ISCO08_5', 'OCU_ISCO08_6', 'OCU_ISCO08_7', 'OCU_ISCO08_8',
      'OCU_ISCO08_9', 'OCU_ISCO08_9', 'OCU_ISCO08_0', 'OCU_ISCO08_0', 'OCU_ISCO08_0', 'OCU_ISCO08_0', 'OCU_ISCO08_X', null, null, null,
    ]);
  });
  it('skill levels: 1-3 high, 4-8 medium, 9 low; armed forces by sub-major group', () => {
    const H = 'OCU_SKILL_L3-4', M = 'OCU_SKILL_L2', L = 'OCU_SKILL_L1', X = 'OCU_SKILL_X';
    expect(iscoSkillLevelCodes(codes)).toEqual([H, H, H, M, M, M, M, M, L, L, X, H, M, L, X, null, null, null]);
  });
  it('rejects codes that are not ISCO-08', () => {
    expect(() => iscoMajorGroupCodes(['1', '24111'])).toThrow(/code "24111" at index 1 is not an ISCO-08 code/);
    expect(() => iscoSkillLevelCodes(['04'])).toThrow(/code "04" at index 0/);
    expect(ISCO08_BREAKDOWN.items).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'X'].map((g) => `OCU_ISCO08_${g}`));
    expect(SKILL_BREAKDOWN).toEqual({ total: 'OCU_SKILL_TOTAL', items: ['OCU_SKILL_L1', 'OCU_SKILL_L2', 'OCU_SKILL_L3-4', 'OCU_SKILL_X'] });
  });
});

describe('industry (ISIC Rev.4)', () => {
  const codes = ['A', '0111', '05', 'C', '35', '41', 'G', '970', '99', 'X', null];
  it('sections and broad sectors', () => {
    expect(isicSectionCodes(codes)).toEqual([
      'ECO_ISIC4_A', 'ECO_ISIC4_A', 'ECO_ISIC4_B', 'ECO_ISIC4_C', 'ECO_ISIC4_D', 'ECO_ISIC4_F', 'ECO_ISIC4_G', 'ECO_ISIC4_T', 'ECO_ISIC4_U', 'ECO_ISIC4_X', null,
    ]);
    const A = 'ECO_SECTOR_AGR', I = 'ECO_SECTOR_IND', S = 'ECO_SECTOR_SER';
    expect(isicSectorCodes(codes)).toEqual([A, A, I, I, I, I, S, S, S, 'ECO_SECTOR_X', null]);
  });
  it('rejects divisions that do not exist', () => {
    expect(() => isicSectionCodes(['A', '04'])).toThrow(/code "04" at index 1 is not an ISIC Rev.4/);
    expect(ISIC4_BREAKDOWN.items).toHaveLength(22);
    expect(SECTOR_BREAKDOWN.items).toEqual(['ECO_SECTOR_AGR', 'ECO_SECTOR_IND', 'ECO_SECTOR_SER', 'ECO_SECTOR_X']);
  });
});

describe('status in employment', () => {
  it('ICSE-93 groups and the employee / self-employed aggregate', () => {
    expect(icse93Codes(['1', '2', '3', '4', '5', '6', null, 3])).toEqual([
      'STE_ICSE93_1', 'STE_ICSE93_2', 'STE_ICSE93_3', 'STE_ICSE93_4', 'STE_ICSE93_5', 'STE_ICSE93_6', null, 'STE_ICSE93_3',
    ]);
    const E = 'STE_AGGREGATE_EES', S = 'STE_AGGREGATE_SLF';
    expect(icseAggregateCodes(['1', '2', '3', '4', '5', '6', null])).toEqual([E, S, S, S, S, 'STE_AGGREGATE_X', null]);
  });
  it('ICSE-18 through its ICSE-93 group: owner-operators of corporations are employees', () => {
    const codes = ['11', '12', '21', '22', '30', '41', '42', '43', '44', '51', 41, N];
    expect(icse93Codes(codes, 'ICSE18')).toEqual([...['2', '2', '1', '3', '3', '1', '1', '1', '1', '5', '1'].map((g) => `STE_ICSE93_${g}`), null]);
    const E = 'STE_AGGREGATE_EES', S = 'STE_AGGREGATE_SLF';
    expect(icseAggregateCodes(codes, 'ICSE18')).toEqual([S, S, E, S, S, E, E, E, E, S, E, null]);
  });
  it('rejects codes of the other version', () => {
    expect(() => icse93Codes(['11'])).toThrow(/code "11" at index 0 is not an ICSE-93 code/);
    expect(() => icseAggregateCodes(['1'], 'ICSE18')).toThrow(/code "1" at index 0 is not an ICSE-18 code/);
    expect(ICSE93_BREAKDOWN.items).toHaveLength(6);
    expect(STE_AGGREGATE_BREAKDOWN.items).toEqual(['STE_AGGREGATE_EES', 'STE_AGGREGATE_SLF', 'STE_AGGREGATE_X']);
  });
});

describe('education (ISCED 2011)', () => {
  it('levels and aggregates: X, 0 less than basic; 1-2 basic; 3-4 intermediate; 5-8 advanced; 9 not stated', () => {
    const codes = ['X', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 6, null];
    expect(iscedLevelCodes(codes)).toEqual([...['X', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '6'].map((l) => `EDU_ISCED11_${l}`), null]);
    expect(iscedAggregateCodes(codes)).toEqual([...['LTB', 'LTB', 'BAS', 'BAS', 'INT', 'INT', 'ADV', 'ADV', 'ADV', 'ADV', 'X', 'ADV'].map((a) => `EDU_AGGREGATE_${a}`), null]);
    expect(() => iscedLevelCodes(['10'])).toThrow(/code "10" at index 0 is not an ISCED 2011 level/);
    expect(ISCED11_BREAKDOWN.items).toHaveLength(11);
    expect(EDU_AGGREGATE_BREAKDOWN.total).toBe('EDU_AGGREGATE_TOTAL');
  });
});

describe('ILO regions and income groups of a country (migstat codes)', () => {
  const codes = ['MAR', 'SEN', 'SYR', 'PHL', 'USA', 'TUR', 'KOS', 'ATL', 'ATA', null, 'not-stated'];
  it('region, broad and detailed subregion', () => {
    expect(iloRegionCodes(codes)).toEqual([...['AFR', 'AFR', 'ARB', 'ASP', 'AME', 'ECA', 'ECA', 'X', 'X'].map((r) => `ILO_REGION_${r}`), null, null]);
    expect(iloRegionCodes(codes, 'broad')).toEqual([...['NAF', 'SSA', 'ARB', 'SEAP', 'NAM', 'CWA', 'NSWE', 'X', 'X'].map((r) => `ILO_SUBREGION_BROAD_${r}`), null, null]);
    expect(iloRegionCodes(codes, 'detailed')).toEqual([...['NAF', 'WAF', 'ARB', 'SEA', 'NAM', 'WAS', 'SEU', 'X', 'X'].map((r) => `ILO_SUBREGION_DETAILED_${r}`), null, null]);
  });
  it('income groups', () => {
    expect(incomeGroupCodes(codes)).toEqual([...['LMC', 'LMC', 'LIC', 'LMC', 'HIC', 'UMC', 'UMC', 'X', 'X'].map((g) => `WB_INCOME_${g}`), null, null]);
  });
  it('rejects codes that are no country', () => {
    expect(() => iloRegionCodes(['MAR', 'XYZ'])).toThrow(/code "XYZ" at index 1 is not an ISO 3166-1 alpha-3 code/);
    expect(() => incomeGroupCodes(['mar'])).toThrow(/code "mar" at index 0/);
    expect(() => iloRegionCodes(['MAR'], 'continent' as never)).toThrow(/level "continent"/);
  });
  it('breakdowns list every item once, plus X', () => {
    const sizes = (b: Breakdown) => [b.items.length, new Set(b.items).size];
    expect(sizes(ILO_REGION_BREAKDOWNS.region)).toEqual([6, 6]);
    expect(sizes(ILO_REGION_BREAKDOWNS.broad)).toEqual([12, 12]);
    expect(sizes(ILO_REGION_BREAKDOWNS.detailed)).toEqual([21, 21]);
    expect(INCOME_GROUP_BREAKDOWN).toEqual({ total: 'WB_INCOME_TOTAL', items: ['WB_INCOME_LIC', 'WB_INCOME_LMC', 'WB_INCOME_UMC', 'WB_INCOME_HIC', 'WB_INCOME_X'] });
  });
});
