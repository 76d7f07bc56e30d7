import { describe, expect, it } from 'vitest';
import {
  chooseMigrantCriterion, ilostatMigrantCode, ilostatMigrantCodes, migrantStatus, migrantStatusBreakdown,
} from '../../src/concepts/migrant-status.js';

// 0 native-born citizen; 1 foreign-born foreign citizen; 2 naturalised foreign-born citizen;
// 3 native-born foreign citizen; 4 birth missing, foreign citizen; 5 birth not stated, citizen;
// 6 birth '' and citizenship missing; 7 birth foreign, citizenship missing
const countryOfBirth = ['ZAF', 'ZWE', 'MOZ', 'ZAF', null, 'not-stated', '', 'LSO'];
const citizenship = ['ZAF', 'ZWE', 'ZAF', 'GBR', 'NAM', 'ZAF', null, 'not-stated'];

describe('migrantStatus', () => {
  it('by country of birth (default): the naturalised foreign-born are migrants, native-born foreign citizens not', () => {
    const r = migrantStatus({ countryOfBirth, citizenship }, { country: 'ZAF' });
    expect(Array.from(r.migrant)).toEqual([0, 1, 1, 0, 255, 255, 255, 1]);
    expect(r).toMatchObject({ criterion: 'birth', fallbackRows: 0, unknown: 3 });
  });

  it('by citizenship: native-born foreign citizens are migrants, the naturalised foreign-born not', () => {
    const r = migrantStatus({ countryOfBirth, citizenship }, { country: 'ZAF', criterion: 'citizenship' });
    expect(Array.from(r.migrant)).toEqual([0, 1, 0, 1, 1, 0, 255, 255]);
    expect(r).toMatchObject({ criterion: 'citizenship', fallbackRows: 0, unknown: 2 });
  });

  it('falls back to citizenship where the birth country is missing, and counts the rows', () => {
    const r = migrantStatus({ countryOfBirth, citizenship }, { country: 'ZAF', fallback: true });
    expect(Array.from(r.migrant)).toEqual([0, 1, 1, 0, 1, 0, 255, 1]);
    expect(r).toMatchObject({ criterion: 'birth', fallbackRows: 2, unknown: 1 });
  });

  it('falls back to birth under the citizenship criterion only when asked', () => {
    const r = migrantStatus({ countryOfBirth, citizenship }, { country: 'ZAF', criterion: 'citizenship', fallback: true });
    expect(Array.from(r.migrant)).toEqual([0, 1, 0, 1, 1, 0, 255, 1]);
    expect(r).toMatchObject({ criterion: 'citizenship', fallbackRows: 1, unknown: 1 });
  });

  it('works from the criterion variable alone', () => {
    const r = migrantStatus({ countryOfBirth: ['FRA', 'DEU', null] }, { country: 'FRA' });
    expect(Array.from(r.migrant)).toEqual([0, 1, 255]);
    expect(r.unknown).toBe(1);
  });

  it('rejects a bad country code, a missing criterion variable and non-ISO3 data codes', () => {
    for (const country of ['za', 'zaf', 'ZA', 'ZAFR', '710', '']) {
      expect(() => migrantStatus({ countryOfBirth }, { country }), country).toThrow(/country ".*" must be a 3-letter uppercase ISO 3166-1 alpha-3 code/);
    }
    expect(() => migrantStatus({ citizenship }, { country: 'ZAF' })).toThrow(/criterion "birth" needs countryOfBirth/);
    expect(() => migrantStatus({ countryOfBirth }, { country: 'ZAF', fallback: true })).toThrow(/fallback: true needs citizenship/);
    expect(() => migrantStatus({ countryOfBirth: ['ZAF', 'zwe'] }, { country: 'ZAF' })).toThrow(/countryOfBirth "zwe" at index 1/);
    expect(() => migrantStatus({ countryOfBirth: ['ZAF'], citizenship: [] }, { country: 'ZAF' })).toThrow(/citizenship has 0 rows/);
  });
});

describe('the migrant criterion per dataset and ILOSTAT codes', () => {
  it('chooses birth when the dataset maps country of birth, else citizenship, and refuses neither', () => {
    expect(chooseMigrantCriterion({ hasCountryOfBirth: true, hasCitizenship: true })).toBe('birth');
    expect(chooseMigrantCriterion({ hasCountryOfBirth: true, hasCitizenship: false })).toBe('birth');
    expect(chooseMigrantCriterion({ hasCountryOfBirth: false, hasCitizenship: true })).toBe('citizenship');
    expect(() => chooseMigrantCriterion({ hasCountryOfBirth: false, hasCitizenship: false })).toThrow(/neither country_of_birth nor citizenship/);
  });

  it('by birth (the ILO default, no fallback), a missing country of birth stays not stated, CBR_BIR_X, even with a citizenship', () => {
    const criterion = chooseMigrantCriterion({ hasCountryOfBirth: true, hasCitizenship: true });
    const r = migrantStatus({ countryOfBirth, citizenship }, { country: 'ZAF', criterion });
    expect(r.fallbackRows).toBe(0);
    expect(ilostatMigrantCodes(r.migrant, r.criterion)).toEqual([
      'CBR_BIR_NATIVE', 'CBR_BIR_FOREIGN', 'CBR_BIR_FOREIGN', 'CBR_BIR_NATIVE', 'CBR_BIR_X', 'CBR_BIR_X', 'CBR_BIR_X', 'CBR_BIR_FOREIGN',
    ]);
    expect(r.unknown).toBe(3);
  });

  it('by citizenship, CCT_CIT codes', () => {
    const r = migrantStatus({ countryOfBirth, citizenship }, { country: 'ZAF', criterion: 'citizenship' });
    expect(ilostatMigrantCodes(r.migrant, 'citizenship')).toEqual([
      'CCT_CIT_CITIZEN', 'CCT_CIT_NONCIT', 'CCT_CIT_CITIZEN', 'CCT_CIT_NONCIT', 'CCT_CIT_NONCIT', 'CCT_CIT_CITIZEN', 'CCT_CIT_X', 'CCT_CIT_X',
    ]);
  });

  it('maps single codes and gives the breakdowns', () => {
    expect([1, 0, 255].map((c) => ilostatMigrantCode(c, 'birth'))).toEqual(['CBR_BIR_FOREIGN', 'CBR_BIR_NATIVE', 'CBR_BIR_X']);
    expect([1, 0, 255].map((c) => ilostatMigrantCode(c, 'citizenship'))).toEqual(['CCT_CIT_NONCIT', 'CCT_CIT_CITIZEN', 'CCT_CIT_X']);
    expect(() => ilostatMigrantCode(2, 'birth')).toThrow(/migrant-status code 2/);
    expect(() => ilostatMigrantCodes([0, 3], 'birth')).toThrow(/migrant-status code 3/);
    expect(() => ilostatMigrantCode(1, 'residence' as never)).toThrow(/criterion "residence"/);
    expect(migrantStatusBreakdown('birth')).toEqual({ total: 'CBR_BIR_TOTAL', items: ['CBR_BIR_NATIVE', 'CBR_BIR_FOREIGN', 'CBR_BIR_X'] });
    expect(migrantStatusBreakdown('citizenship')).toEqual({ total: 'CCT_CIT_TOTAL', items: ['CCT_CIT_CITIZEN', 'CCT_CIT_NONCIT', 'CCT_CIT_X'] });
  });
});
