/**
 * The pinned ILOSTAT classification item codes (sex and classif1/classif2 items) that migstat writes and checks, from
 * the copied code list in ilostat-classif-data.ts. Rows of that list that stand for a family of codes are expanded here:
 * `CBR_BRT_<ISO3>`-style rows accept the prefix followed by an ISO 3166-1 alpha-3 code of the UN M49 list (and the
 * fictional Atlantis, `ATL`, of the bundled data); the ISCED-11, ISIC Rev.4, ISCO-08 and ICSE-93 rows expand to the
 * items of src/classifications (with `_TOTAL`); the 5-year age bands expand to `Y00-04` ... `Y60-64`, `YGE65` and `TOTAL`
 * (ILOSTAT's AGE_5YRBANDS items as ILO processing scripts use them). See src/indicators/README.md, "Code lists".
 */
import { countryByIso3 } from '../../classifications/countries.js';
import { ICSE93_GROUPS } from '../../classifications/icse.js';
import { ISCED2011_LEVELS } from '../../classifications/isced2011.js';
import { ISCO08_MAJOR_GROUPS } from '../../classifications/isco08.js';
import { ISIC4_SECTIONS } from '../../classifications/isic4.js';
import { ILOSTAT_CLASSIF_CSV } from './ilostat-classif-data.js';
import { parseCsvRecords } from './parse-csv.js';

/** The date the ILOSTAT code lists (classification items and indicators) were pinned in migstat. */
export const ILOSTAT_CODES_PINNED = '2026-11-28';

/** One classification item of the pinned list. */
export interface IlostatClassifItem {
  readonly code: string;
  /** The list's dimension (`sex`, `age`, `education`, `country_of_birth`, ...). */
  readonly dimension: string;
  readonly label: string;
  /** Where the code (or the row it was expanded from) was seen. */
  readonly evidence: string;
}

/** A row of the list that stands for a family of codes, and how it expands. */
interface Family {
  readonly row: string;
  readonly items: () => readonly (readonly [code: string, label: string])[];
}

const FIVE_YEAR_BANDS = ['00-04', '05-09', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64'];

const FAMILIES: readonly Family[] = [
  {
    row: 'AGE_5YRBANDS_Y15-19 ... AGE_5YRBANDS_YGE65',
    items: () => [
      ['AGE_5YRBANDS_TOTAL', 'Age (5-year bands): Total'],
      ...FIVE_YEAR_BANDS.map((b) => [`AGE_5YRBANDS_Y${b}`, `Age (5-year bands): ${b.replace(/^0/, '').replace('-0', '-')}`] as const),
      ['AGE_5YRBANDS_YGE65', 'Age (5-year bands): 65+'],
    ],
  },
  {
    row: 'EDU_ISCED11_TOTAL | _X | _0 .. _9',
    items: () => [['EDU_ISCED11_TOTAL', 'Education (ISCED-11): Total'], ...ISCED2011_LEVELS.map((l) => [l.ilostatCode, `Education (ISCED-11): ${l.title}`] as const)],
  },
  {
    row: 'ECO_ISIC4_TOTAL | _A .. _U | _X',
    items: () => [['ECO_ISIC4_TOTAL', 'Economic activity (ISIC-Rev.4): Total'], ...ISIC4_SECTIONS.map((s) => [s.ilostatCode, `Economic activity (ISIC-Rev.4): ${s.section}. ${s.title}`] as const)],
  },
  {
    row: 'OCU_ISCO08_TOTAL | _0 .. _9 | _X',
    items: () => [['OCU_ISCO08_TOTAL', 'Occupation (ISCO-08): Total'], ...ISCO08_MAJOR_GROUPS.map((g) => [g.ilostatCode, `Occupation (ISCO-08): ${g.code}. ${g.title}`] as const)],
  },
  {
    row: 'STE_ICSE93_TOTAL | _1 .. _6',
    items: () => [['STE_ICSE93_TOTAL', 'Status in employment (ICSE-93): Total'], ...ICSE93_GROUPS.map((g) => [g.ilostatCode, `Status in employment (ICSE-93): ${g.code}. ${g.title}`] as const)],
  },
];

/** Prefixes followed by an ISO3 country code (`CBR_BRT_<ISO3>` rows), with the label's stem. */
const COUNTRY_PREFIXES = new Map<string, { readonly dimension: string; readonly stem: string; readonly evidence: string }>();

function build(): ReadonlyMap<string, IlostatClassifItem> {
  const [header, ...rows] = parseCsvRecords(ILOSTAT_CLASSIF_CSV);
  if (header?.join(',') !== 'dimension,code,label,evidence') throw new Error('ilostat-classif-data.ts: unexpected header');
  const items = new Map<string, IlostatClassifItem>();
  for (const [dimension, code, label, evidence] of rows as [string, string, string, string][]) {
    const iso = /^([A-Z]+_[A-Z]+_)<ISO3>$/.exec(code);
    if (iso) {
      COUNTRY_PREFIXES.set(iso[1]!, { dimension, stem: label.replace(/<country>.*$/, ''), evidence });
      continue;
    }
    if (/[\s|<.]/.test(code)) {
      const family = FAMILIES.find((f) => f.row === code);
      if (!family) throw new Error(`ilostat-classif-data.ts: no expansion for the row "${code}"`);
      for (const [c, l] of family.items()) items.set(c, { code: c, dimension, label: l, evidence: `${evidence} (expanded from "${code}")` });
      continue;
    }
    items.set(code, { code, dimension, label, evidence });
  }
  return items;
}

/** Every literal or expanded item of the pinned list, by code (the ISO3 families are matched by `ilostatClassifItem`). */
export const ILOSTAT_CLASSIF_ITEMS: ReadonlyMap<string, IlostatClassifItem> = build();

/** The sex codes of the pinned list: `SEX_T`, `SEX_M`, `SEX_F`, `SEX_O`. */
export const ILOSTAT_SEX_CODES: readonly string[] = [...ILOSTAT_CLASSIF_ITEMS.values()].filter((i) => i.dimension === 'sex').map((i) => i.code);

/** The item of a classification code of the pinned list, with ISO3 families expanded (`CBR_BRT_IND`); undefined if unknown. */
export function ilostatClassifItem(code: string): IlostatClassifItem | undefined {
  const item = ILOSTAT_CLASSIF_ITEMS.get(code);
  if (item) return item;
  const m = /^([A-Z]+_[A-Z]+_)([A-Z]{3})$/.exec(code);
  if (!m) return undefined;
  const family = COUNTRY_PREFIXES.get(m[1]!);
  const country = family ? countryByIso3(m[2]!) : undefined;
  if (!family || !country || country.iso3 !== m[2]) return undefined;
  return { code, dimension: family.dimension, label: `${family.stem}${country.name}`, evidence: `${family.evidence} (ISO3 ${country.iso3})` };
}

/** Whether `code` is a classification item (sex or classif1/classif2) of the pinned ILOSTAT list. */
export function isIlostatClassifCode(code: string): boolean {
  return ilostatClassifItem(code) !== undefined;
}

/** Whether `code` is an ILOSTAT sex code (`SEX_T`, `SEX_M`, `SEX_F`, `SEX_O`). */
export function isIlostatSexCode(code: string): boolean {
  return ILOSTAT_SEX_CODES.includes(code);
}

/** The label of a classification code (`Age (Youth, adults): 15+`), or the code itself when it is not in the list. */
export function ilostatClassifLabel(code: string): string {
  return ilostatClassifItem(code)?.label ?? code;
}
