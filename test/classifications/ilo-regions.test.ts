import { describe, expect, it } from 'vitest';
import {
  ILO_COUNTRIES_CSV, ILO_REGIONS, ILO_SUBREGIONS_BROAD, ILO_SUBREGIONS_DETAILED, INCOME_GROUPS, iloCountries, iloCountryOf,
  iloRegionOf, incomeGroupOf,
} from '../../src/classifications/ilo-regions.js';

describe('ILO regions (ILOSTAT country list)', () => {
  it('holds the 237 countries of the export, without a byte order mark', () => {
    expect(ILO_COUNTRIES_CSV.charCodeAt(0)).toBe(0x22); // the opening quote of "ISO3 Code"
    expect(iloCountries()).toHaveLength(237);
    expect(new Set(iloCountries().map((c) => c.iso3)).size).toBe(237);
    expect(iloCountries().filter((c) => c.inIloEstimates !== 'No')).toHaveLength(189);
    expect(iloCountries().filter((c) => c.iloMember)).toHaveLength(179);
  });

  it('has 5 regions, 11 broad and 20 detailed subregions, all used, with the country counts of the hierarchy', () => {
    expect(ILO_REGIONS.map((r) => r.code)).toEqual(['AFR', 'AME', 'ARB', 'ASP', 'ECA']);
    expect(ILO_SUBREGIONS_BROAD).toHaveLength(11);
    expect(ILO_SUBREGIONS_DETAILED).toHaveLength(20);
    const count = (pick: (c: ReturnType<typeof iloCountries>[number]) => string) => {
      const m: Record<string, number> = {};
      for (const c of iloCountries()) m[pick(c)] = (m[pick(c)] ?? 0) + 1;
      return m;
    };
    expect(count((c) => c.region.code)).toEqual({ AFR: 58, AME: 54, ARB: 12, ASP: 52, ECA: 61 });
    expect(count((c) => c.subregionDetailed.code)).toEqual({
      NAF: 7, CAF: 9, EAF: 20, SAF: 5, WAF: 17, CAR: 27, CAM: 8, SAM: 14, NAM: 5, ARB: 12, EAS: 8, PAC: 24, SEA: 11, SAS: 9,
      CAS: 5, WAS: 6, EEU: 10, NEU: 13, SEU: 16, WEU: 11,
    });
    expect(count((c) => c.incomeGroup.code)).toEqual({ LIC: 29, LMC: 54, UMC: 60, HIC: 94 });
  });

  it('puts the Arab States and Northern Africa as the spec lists them; Cyprus, Israel and Turkiye in Central and Western Asia', () => {
    const arab = iloCountries().filter((c) => c.region.code === 'ARB').map((c) => c.iso3).sort();
    expect(arab).toEqual(['ARE', 'BHR', 'IRQ', 'JOR', 'KWT', 'LBN', 'OMN', 'PSE', 'QAT', 'SAU', 'SYR', 'YEM']);
    const northAfrica = iloCountries().filter((c) => c.subregionBroad.code === 'NAF').map((c) => c.iso3).sort();
    expect(northAfrica).toEqual(['DZA', 'EGY', 'ESH', 'LBY', 'MAR', 'SDN', 'TUN']);
    for (const iso3 of ['CYP', 'ISR', 'TUR']) {
      expect(iloRegionOf(iso3)).toEqual({
        region: { code: 'ECA', name: 'Europe and Central Asia' },
        subregionBroad: { code: 'CWA', name: 'Central and Western Asia', region: 'ECA' },
        subregionDetailed: { code: 'WAS', name: 'Western Asia', broad: 'CWA' },
      });
    }
  });

  it('gives region and income group of a country', () => {
    expect(iloRegionOf('PHL')?.subregionDetailed.name).toBe('South-Eastern Asia');
    expect(iloRegionOf('PHL')?.subregionBroad.name).toBe('South-Eastern Asia and the Pacific');
    expect(iloRegionOf('MEX')?.subregionDetailed.name).toBe('Central America');
    expect(iloRegionOf('UKR')?.region.name).toBe('Europe and Central Asia');
    expect(incomeGroupOf('AFG')).toEqual({ code: 'LIC', name: 'Low income' });
    expect(incomeGroupOf('DZA')?.code).toBe('LMC');
    expect(incomeGroupOf('ALB')?.code).toBe('UMC');
    expect(incomeGroupOf('DEU')?.code).toBe('HIC');
    expect(iloCountryOf('KOS')?.region.code).toBe('ECA');
    expect(iloCountryOf('ASM')).toMatchObject({ name: 'American Samoa', iloMember: false, inIloEstimates: 'No' });
    expect(INCOME_GROUPS.map((g) => g.code)).toEqual(['LIC', 'LMC', 'UMC', 'HIC']);
  });

  it('has no region or income group for the fictional ATL, for areas outside the list, or for lower-case codes', () => {
    for (const code of ['ATL', 'ATA', 'VAT', 'deu', '', 'XXX']) {
      expect(iloRegionOf(code), code).toBeUndefined();
      expect(incomeGroupOf(code), code).toBeUndefined();
    }
  });
});
