import { describe, expect, it } from 'vitest';
import { COUNTRIES, COUNTRY_NAME_ALIASES, countryByIso2, countryByIso3, countryByM49, countryByName, lookupCountry, normalizeCountryName } from '../../src/classifications/countries.js';

describe('UN M49 country list', () => {
  it('has the 249 M49 countries or areas and the fictional Atlantis, with unique M49, ISO2 and ISO3 codes', () => {
    expect(COUNTRIES).toHaveLength(250);
    expect(COUNTRIES.filter((c) => c.fictional).map((c) => c.iso3)).toEqual(['ATL']);
    for (const key of ['m49', 'iso2', 'iso3'] as const) expect(new Set(COUNTRIES.map((c) => c[key])).size).toBe(250);
    expect(COUNTRIES.every((c) => /^\d{3}$/.test(c.m49) && /^[A-Z]{2}$/.test(c.iso2) && /^[A-Z]{3}$/.test(c.iso3))).toBe(true);
  });

  it('reads quoted names with commas, flags and regions', () => {
    expect(countryByIso3('HKG')).toMatchObject({ name: 'China, Hong Kong Special Administrative Region', m49: '344', region: 'Asia', subRegion: 'Eastern Asia' });
    expect(countryByIso3('BES')?.name).toBe('Bonaire, Sint Eustatius and Saba');
    expect(countryByIso3('AFG')).toMatchObject({ ldc: true, lldc: true, sids: false });
    expect(countryByIso3('ATA')?.region).toBe('');
  });

  it('keeps Namibia\'s ISO2 code NA (not a missing value)', () => {
    expect(countryByIso2('NA')?.iso3).toBe('NAM');
    expect(lookupCountry('NA', 'auto')?.iso3).toBe('NAM');
  });

  it('looks up by M49 code with or without leading zeros, ISO2 and ISO3 in any case', () => {
    expect(countryByM49('608')?.iso3).toBe('PHL');
    expect(countryByM49(4)?.iso3).toBe('AFG');
    expect(countryByM49('004')?.iso3).toBe('AFG');
    expect(countryByM49('4.5')).toBeUndefined();
    expect(countryByM49(999)).toBeUndefined();
    expect(countryByIso2('ph')?.iso3).toBe('PHL');
    expect(countryByIso3('deu')?.name).toBe('Germany');
  });

  it('finds names: UNSD names, without their parenthesis, accents or punctuation, and common aliases', () => {
    const cases: [string, string][] = [
      ['Viet Nam', 'VNM'], ['Vietnam', 'VNM'], ['Türkiye', 'TUR'], ['Turkiye', 'TUR'], ['Turkey', 'TUR'],
      ['Bolivia', 'BOL'], ['Iran', 'IRN'], ['Venezuela (Bolivarian Republic of)', 'VEN'], ["Côte d'Ivoire", 'CIV'],
      ['Ivory Coast', 'CIV'], ['UK', 'GBR'], ['United Kingdom', 'GBR'], ['united states of america', 'USA'],
      ['Hong Kong', 'HKG'], ['St. Lucia', 'LCA'], ['Saint Lucia', 'LCA'], ['South Korea', 'KOR'], ['Republic of Korea', 'KOR'],
      ['Democratic Republic of the Congo', 'COD'], ['Congo', 'COG'], ['Bosnia & Herzegovina', 'BIH'], ['Curacao', 'CUW'],
      ['the Netherlands', 'NLD'], ['Taiwan', 'TWN'], ['Falkland Islands (Malvinas)', 'FLK'],
    ];
    for (const [name, iso3] of cases) expect(countryByName(name)?.iso3, name).toBe(iso3);
    expect(countryByName('Atlantis')?.iso3).toBe('ATL');
    expect(countryByName('Lemuria')).toBeUndefined();
    expect(normalizeCountryName(' Côte  d’Ivoire ')).toBe('cote divoire');
  });

  it('every alias names a country of the list', () => {
    for (const iso3 of Object.values(COUNTRY_NAME_ALIASES)) expect(countryByIso3(iso3), iso3).toBeDefined();
  });

  it('auto takes digits as M49, two letters as ISO2, three as ISO3, else a name', () => {
    expect(lookupCountry('608', 'auto')?.iso3).toBe('PHL');
    expect(lookupCountry('DE', 'auto')?.iso3).toBe('DEU');
    expect(lookupCountry('IND', 'auto')?.iso3).toBe('IND');
    expect(lookupCountry('UAE', 'auto')?.iso3).toBe('ARE');
    expect(lookupCountry('Philippines', 'auto')?.iso3).toBe('PHL');
    expect(lookupCountry('PH', 'iso3')).toBeUndefined();
    expect(lookupCountry('Philippines', 'm49')).toBeUndefined();
  });
});
