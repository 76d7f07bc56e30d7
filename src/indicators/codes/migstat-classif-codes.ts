/**
 * Classification codes migstat tabulates where ILOSTAT has none (src/indicators/README.md, "Code lists"): ILO regions
 * and subregions and World Bank income groups of the country of origin (src/concepts/derived-groups.ts), the rest
 * of a top-countries list (`CBR_BRT_OTH`, `CCT_CTZ_OTH`: origins not tabulated one by one), and the SDG 10.7.1
 * classifications (src/sdg1071/breakdowns.ts): migration corridors `MGS_COR_<ORIGIN ISO3>_<DESTINATION ISO3>` (with
 * `MGS_COR_TOTAL`, `MGS_COR_X` not stated) and recruitment channels `MGS_RCH_*`.
 */
import { countryByIso3 } from '../../classifications/countries.js';
import { ILO_REGION_BREAKDOWNS, INCOME_GROUP_BREAKDOWN } from '../../concepts/derived-groups.js';

const CODES = new Set<string>([
  ...Object.values(ILO_REGION_BREAKDOWNS).flatMap((b) => [b.total, ...b.items]),
  INCOME_GROUP_BREAKDOWN.total, ...INCOME_GROUP_BREAKDOWN.items,
  'CBR_BRT_OTH', 'CCT_CTZ_OTH',
  'MGS_COR_TOTAL', 'MGS_COR_X',
  'MGS_RCH_TOTAL', 'MGS_RCH_AGENCY', 'MGS_RCH_PUBLIC', 'MGS_RCH_EMPLOYER', 'MGS_RCH_NETWORK', 'MGS_RCH_OTHER', 'MGS_RCH_X',
]);

const CORRIDOR = /^MGS_COR_([A-Z]{3})_([A-Z]{3})$/;

/** Whether `code` is one of migstat's own classification codes. */
export function isMigstatClassifCode(code: string): boolean {
  if (CODES.has(code)) return true;
  const m = CORRIDOR.exec(code);
  return m !== null && countryByIso3(m[1]!) !== undefined && countryByIso3(m[2]!) !== undefined;
}
