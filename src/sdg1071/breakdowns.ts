/**
 * The classifications of the SDG 10.7.1 tables (spec sdg1071.md §7, rules 30-31) for the in-scope workers, as
 * ILOSTAT-style item codes with a total and the items that partition it (a missing value goes to the `_X` item, so that
 * count tables stay additive):
 * - sex: `SEX_T` = `SEX_M` + `SEX_F` (+ `SEX_O` when present). A worker without sex is in `SEX_T` only; then the sex
 *   lines are not additive and disclosure control leaves them out of its relations (suppression.ts incompleteLines);
 * - corridor: migstat codes `MGS_COR_<ORIGIN>_<DESTINATION>` (ISO3, e.g. `MGS_COR_BGD_SAU`), total `MGS_COR_TOTAL`,
 *   origin or destination not stated `MGS_COR_X`; from origin_country and destination_country;
 * - destination: ILOSTAT `CDS_DES_<ISO3>`, `CDS_DES_TOTAL`, not stated `CDS_DES_X`; from destination_country;
 * - occupation: ILOSTAT ISCO-08 major groups `OCU_ISCO08_1` .. `_9`, `_0`, `_X`; from occupation_isco08 (the profile
 *   should map the occupation of the reference job abroad);
 * - education: ILOSTAT aggregate levels `EDU_AGGREGATE_LTB/BAS/INT/ADV/X`; from education_isced11;
 * - recruitment channel: migstat codes `MGS_RCH_AGENCY`, `_PUBLIC`, `_EMPLOYER`, `_NETWORK`, `_OTHER`, `_X`, total
 *   `MGS_RCH_TOTAL`; from recruitment_channel.
 * Corridor and destination items are the codes present among the in-scope workers (in code order), then `_X`.
 */
import { EDU_AGGREGATE_BREAKDOWN, ISCO08_BREAKDOWN, iscedAggregateCodes, iscoMajorGroupCodes } from '../concepts/derived-groups.js';
import type { Breakdown } from '../indicators/cell.js';
import type { Table } from '../io/table.js';
import { textColumn } from './columns.js';
import type { Sdg1071Breakdown } from './options.js';

/** A classification of the rows: codes into `levels` (-1 outside the scope or not classified), with its breakdown. */
export interface RowClassification {
  /** Name of the breakdown (`sex`, `corridor`, ...) and its token in indicator codes (`SEX`, `COR`, ...). */
  readonly name: 'sex' | Sdg1071Breakdown;
  readonly token: string;
  readonly label: string;
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  readonly breakdown: Breakdown;
}

/** The codes of recruitment channels (standard variable recruitment_channel). */
export const CHANNEL_CODES: Readonly<Record<string, string>> = {
  'private-agency': 'MGS_RCH_AGENCY',
  'public-service': 'MGS_RCH_PUBLIC',
  employer: 'MGS_RCH_EMPLOYER',
  network: 'MGS_RCH_NETWORK',
  other: 'MGS_RCH_OTHER',
};
export const CHANNEL_BREAKDOWN: Breakdown = { total: 'MGS_RCH_TOTAL', items: [...Object.values(CHANNEL_CODES), 'MGS_RCH_X'] };

const TOKENS: Readonly<Record<'sex' | Sdg1071Breakdown, { token: string; label: string; needs: readonly string[] }>> = {
  sex: { token: 'SEX', label: 'sex', needs: ['sex'] },
  corridor: { token: 'COR', label: 'corridor (origin to destination)', needs: ['origin_country', 'destination_country'] },
  destination: { token: 'DES', label: 'country of destination', needs: ['destination_country'] },
  occupation: { token: 'OCU', label: 'occupation (ISCO-08 major group)', needs: ['occupation_isco08'] },
  education: { token: 'EDU', label: 'education (aggregate levels)', needs: ['education_isced11'] },
  channel: { token: 'RCH', label: 'recruitment channel', needs: ['recruitment_channel'] },
};

/** The token of a breakdown in indicator codes (`COR` for corridor). */
export const breakdownToken = (name: 'sex' | Sdg1071Breakdown): string => TOKENS[name].token;
export const breakdownLabel = (name: 'sex' | Sdg1071Breakdown): string => TOKENS[name].label;

/** The standard variables a breakdown needs that the table does not have (then it is skipped). */
export function missingVariables(workers: Table, name: 'sex' | Sdg1071Breakdown): string[] {
  return TOKENS[name].needs.filter((v) => !workers.columns.has(v));
}

const stated = (v: string | null): string | null => (v === null || v === 'not-stated' ? null : v);

function encodeRows(values: readonly (string | null)[], inScope: Uint8Array, items: readonly string[]): { codes: Int32Array; levels: string[] } {
  const index = new Map(items.map((c, k) => [c, k]));
  const codes = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (inScope[i] && v !== null && v !== undefined) codes[i] = index.get(v) ?? -1;
  }
  return { codes, levels: [...items] };
}

/** The classification of the in-scope rows by one breakdown (module doc). */
export function classify(workers: Table, name: 'sex' | Sdg1071Breakdown, inScope: Uint8Array): RowClassification {
  const n = workers.nrows;
  const { token, label } = TOKENS[name];
  const text = (v: string) => textColumn(workers, v)!;
  const rows = Array.from({ length: n }, (_, i) => i);
  let values: (string | null)[];
  let breakdown: Breakdown;
  switch (name) {
    case 'sex': {
      const sex = textColumn(workers, 'sex') ?? (() => null);
      values = rows.map((i) => {
        const s = stated(sex(i));
        return s === 'M' || s === 'F' || s === 'O' ? `SEX_${s}` : null;
      });
      const present = new Set(values.filter((v, i) => v !== null && inScope[i]));
      const unstated = values.some((v, i) => v === null && inScope[i]);
      breakdown = { total: 'SEX_T', items: ['SEX_M', 'SEX_F', ...(present.has('SEX_O') ? ['SEX_O'] : []), ...(unstated ? ['SEX_X'] : [])] };
      break;
    }
    case 'corridor':
    case 'destination': {
      const origin = name === 'corridor' ? text('origin_country') : undefined;
      const dest = text('destination_country');
      const prefix = name === 'corridor' ? 'MGS_COR' : 'CDS_DES';
      values = rows.map((i) => {
        const d = stated(dest(i));
        const o = origin ? stated(origin(i)) : '';
        return d === null || o === null ? `${prefix}_X` : name === 'corridor' ? `${prefix}_${o}_${d}` : `${prefix}_${d}`;
      });
      const items = [...new Set(values.filter((v, i) => inScope[i] && v !== `${prefix}_X`) as string[])].sort();
      breakdown = { total: `${prefix}_TOTAL`, items: [...items, `${prefix}_X`] };
      break;
    }
    case 'occupation': {
      const occ = text('occupation_isco08');
      values = iscoMajorGroupCodes(rows.map((i) => (inScope[i] ? stated(occ(i)) : null))).map((v) => v ?? 'OCU_ISCO08_X');
      breakdown = ISCO08_BREAKDOWN;
      break;
    }
    case 'education': {
      const edu = text('education_isced11');
      values = iscedAggregateCodes(rows.map((i) => (inScope[i] ? stated(edu(i)) : null))).map((v) => v ?? 'EDU_AGGREGATE_X');
      breakdown = EDU_AGGREGATE_BREAKDOWN;
      break;
    }
    case 'channel': {
      const ch = text('recruitment_channel');
      values = rows.map((i) => {
        const c = stated(ch(i));
        return c === null ? 'MGS_RCH_X' : (CHANNEL_CODES[c] ?? 'MGS_RCH_X');
      });
      breakdown = CHANNEL_BREAKDOWN;
      break;
    }
  }
  const { codes, levels } = encodeRows(values, inScope, breakdown.items);
  return { name, token, label, codes, levels, breakdown };
}
