/** The indicator catalogue: valid definitions, codes checked against the pinned ILOSTAT list or migstat's own shape. */
import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS, DERIVED_VARIABLES, ILMS_CORE, IndicatorDefinitionSchema, resolveCriterion } from '../../src/indicators/catalogue.js';
import { isIlostatIndicatorCode, isMigstatIndicatorCode } from '../../src/indicators/codes/ilostat-indicator-codes.js';

describe('ILMS core catalogue', () => {
  it('every definition is valid, complete for its unit, and its code is ILOSTAT\'s (pinned list) or a migstat MGS_ code, for both criteria', () => {
    for (const criterion of ['birth', 'citizenship'] as const) {
      const codes = new Set<string>();
      for (const raw of ILMS_CORE) {
        const def = resolveCriterion(raw, criterion);
        expect(IndicatorDefinitionSchema.parse(def)).toEqual(def);
        expect(codes.has(def.code), def.code).toBe(false);
        codes.add(def.code);
        expect(def.code).not.toMatch(/[{}]/);
        if (def.origin === 'ILOSTAT') expect(isIlostatIndicatorCode(def.code), def.code).toBe(true);
        else expect(isMigstatIndicatorCode(def.code) && !isIlostatIndicatorCode(def.code), def.code).toBe(true);
        if (def.unit === 'NB') expect(def.numerator && def.measure, def.code).toBeTruthy();
        if (def.unit === 'RT') expect(def.numerator && def.denominator, def.code).toBeTruthy();
        if (def.unit === 'MEAN' || def.unit === 'MEDIAN') expect(def.amount && def.denominator, def.code).toBeTruthy();
        if (def.unit === 'GAP') expect(ILMS_CORE.map((d) => resolveCriterion(d, criterion).code)).toContain(def.of);
        for (const v of [def.numerator, def.denominator, def.amount]) if (v) expect(Object.keys(DERIVED_VARIABLES)).toContain(v);
        for (const c of [def.classif1, def.classif2]) if (c) expect(CLASSIFICATIONS).toContain(c);
        expect(def.label).toMatch(criterion === 'birth' ? /^(?!.*citizenship)/ : /^(?!.*place of birth)/);
      }
    }
  });

  it('covers the ILMS core set the issue lists', () => {
    const codes = ILMS_CORE.map((d) => resolveCriterion(d, 'birth').code);
    for (const v of ['XWAP', 'TEAP', 'TEMP', 'TUNE', 'TEIP']) for (const by of ['AGE', 'EDU']) expect(codes).toContain(`MST_${v}_SEX_${by}_CBR_NB`);
    for (const v of ['TEAP', 'TEMP', 'TUNE']) expect(codes).toContain(`MST_${v}_SEX_AGE_CBR_RT`);
    for (const c of ['MGS_LU2_SEX_CBR_RT', 'MGS_LU3_SEX_CBR_RT', 'MGS_LU4_SEX_CBR_RT', 'MST_TEMP_SEX_OCU_CBR_NB', 'MST_TEMP_SEX_ECO_CBR_NB', 'MST_TEMP_SEX_STE_CBR_NB',
      'MGS_IFL_SEX_CBR_RT', 'MGS_HOW_SEX_CBR_MEAN', 'MST_EARA_SEX_CBR_NB', 'MGS_EARM_SEX_CBR_MEDIAN', 'MGS_PGAP_SEX_CBR_RT', 'MGS_OVQ_SEX_CBR_RT',
      'MGS_MSHR_SEX_TEAP_RT', 'MGS_MSHR_SEX_TEMP_RT', 'MGS_MIGW_SEX_REG_NB', 'MGS_MIGW_SEX_INC_NB', 'MGS_MIGW_SEX_CTY_NB', 'MGS_FWRK_SEX_AGE_NB', 'MGS_RETW_SEX_AGE_NB']) {
      expect(codes).toContain(c);
    }
  });
});
