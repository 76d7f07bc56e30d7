/**
 * Classification codes migstat tabulates where ILOSTAT has none (src/indicators/README.md, "Code lists"): ILO regions
 * and subregions and World Bank income groups of the country of origin (src/concepts/derived-groups.ts), and the rest
 * of a top-countries list (`CBR_BRT_OTH`, `CCT_CTZ_OTH`: origins not tabulated one by one).
 */
import { ILO_REGION_BREAKDOWNS, INCOME_GROUP_BREAKDOWN } from '../../concepts/derived-groups.js';

const CODES = new Set<string>([
  ...Object.values(ILO_REGION_BREAKDOWNS).flatMap((b) => [b.total, ...b.items]),
  INCOME_GROUP_BREAKDOWN.total, ...INCOME_GROUP_BREAKDOWN.items,
  'CBR_BRT_OTH', 'CCT_CTZ_OTH',
]);

/** Whether `code` is one of migstat's own classification codes. */
export function isMigstatClassifCode(code: string): boolean {
  return CODES.has(code);
}
