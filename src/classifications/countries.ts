import { UN_M49_CSV } from './m49-data.js';

/** A country or area of the UN M49 list, with its ISO 3166-1 codes and M49 regions. */
export interface Country {
  /** M49 numeric code, three digits with leading zeros (`004`). */
  readonly m49: string;
  readonly iso2: string;
  readonly iso3: string;
  /** The UNSD English name (`Viet Nam`, `Türkiye`, `Bolivia (Plurinational State of)`). */
  readonly name: string;
  readonly region: string;
  readonly subRegion: string;
  readonly intermediateRegion: string;
  readonly ldc: boolean;
  readonly lldc: boolean;
  readonly sids: boolean;
  /** The fictional country of migstat's training data (`ATL`), on ISO 3166 user-assigned codes; not in M49. */
  readonly fictional?: boolean;
}

/** How a source value names a country: M49 numeric code, ISO alpha-2, ISO alpha-3, English name, or guessed from its shape. */
export type CountryScheme = 'm49' | 'iso2' | 'iso3' | 'name' | 'auto';
export const COUNTRY_SCHEMES: readonly CountryScheme[] = ['m49', 'iso2', 'iso3', 'name', 'auto'];

/** Splits CSV text (RFC 4180 quoting; the M49 and ILO exports have commas inside quoted names) into rows of fields. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function parseM49(): Country[] {
  const [header, ...rows] = csvRows(UN_M49_CSV);
  const at = (name: string): number => {
    const j = header!.indexOf(name);
    if (j < 0) throw new Error(`M49 list: no column "${name}"`);
    return j;
  };
  const c = {
    m49: at('M49 Code'), iso2: at('ISO-alpha2 Code'), iso3: at('ISO-alpha3 Code'), name: at('Country or Area'),
    region: at('Region Name'), sub: at('Sub-region Name'), inter: at('Intermediate Region Name'),
    ldc: at('Least Developed Countries (LDC)'), lldc: at('Land Locked Developing Countries (LLDC)'), sids: at('Small Island Developing States (SIDS)'),
  };
  return rows.map((r) => ({
    m49: r[c.m49]!, iso2: r[c.iso2]!, iso3: r[c.iso3]!, name: r[c.name]!,
    region: r[c.region]!, subRegion: r[c.sub]!, intermediateRegion: r[c.inter]!,
    ldc: r[c.ldc] === 'x', lldc: r[c.lldc] === 'x', sids: r[c.sids] === 'x',
  }));
}

/**
 * Atlantis, the fictional country of the bundled training datasets (datasets/atlantis-lfs): ISO3 `ATL` as the datasets
 * use it, with the ISO 3166 user-assigned alpha-2 `XA` and numeric `900` so that no real code is taken.
 */
export const ATLANTIS: Country = {
  m49: '900', iso2: 'XA', iso3: 'ATL', name: 'Atlantis', region: '', subRegion: '', intermediateRegion: '',
  ldc: false, lldc: false, sids: true, fictional: true,
};

/** The 249 countries and areas of the UN M49 list, in the list's order (by region), then the fictional Atlantis. */
export const COUNTRIES: readonly Country[] = [...parseM49(), ATLANTIS];

/**
 * Common English names that differ from the UNSD names, compiled for this project (facts, no third-party text):
 * normalised alias -> ISO alpha-3. Names that only add or drop a parenthesis, an accent or "the" need no alias.
 */
export const COUNTRY_NAME_ALIASES: Readonly<Record<string, string>> = {
  'vietnam': 'VNM', 'turkey': 'TUR', 'uk': 'GBR', 'united kingdom': 'GBR', 'great britain': 'GBR', 'britain': 'GBR',
  'united states': 'USA', 'usa': 'USA', 'us': 'USA', 'u s a': 'USA', 'russia': 'RUS', 'south korea': 'KOR',
  'korea republic of': 'KOR', 'korea republic': 'KOR', 'korea south': 'KOR', 'republic of korea': 'KOR',
  'north korea': 'PRK', 'korea democratic peoples republic of': 'PRK', 'korea dpr': 'PRK', 'korea north': 'PRK',
  'iran': 'IRN', 'syria': 'SYR', 'laos': 'LAO', 'lao pdr': 'LAO', 'tanzania': 'TZA', 'moldova': 'MDA',
  'czech republic': 'CZE', 'cote divoire': 'CIV', 'cote d ivoire': 'CIV', 'cape verde': 'CPV', 'swaziland': 'SWZ',
  'macedonia': 'MKD', 'fyr macedonia': 'MKD', 'burma': 'MMR', 'brunei': 'BRN', 'palestine': 'PSE',
  'occupied palestinian territory': 'PSE', 'palestinian territories': 'PSE', 'dr congo': 'COD', 'drc': 'COD',
  'congo democratic republic of the': 'COD', 'congo democratic republic': 'COD', 'democratic republic of congo': 'COD',
  'congo kinshasa': 'COD', 'congo brazzaville': 'COG', 'republic of the congo': 'COG', 'republic of congo': 'COG',
  'hong kong': 'HKG', 'hong kong sar': 'HKG', 'macau': 'MAC', 'macao': 'MAC', 'vatican': 'VAT', 'vatican city': 'VAT',
  'east timor': 'TLS', 'slovak republic': 'SVK', 'holland': 'NLD', 'uae': 'ARE', 'kyrgyz republic': 'KGZ',
  'bosnia': 'BIH', 'taiwan province of china': 'TWN', 'micronesia': 'FSM', 'bolivia': 'BOL', 'venezuela': 'VEN',
  'gambia the': 'GMB', 'bahamas the': 'BHS', 'falkland islands malvinas': 'FLK',
};

/** Lower case, accents and punctuation removed, `&` as `and`, `St.` as `saint`, a leading `the` dropped. */
export function normalizeCountryName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^st /, 'saint ')
    .replace(/ st /g, ' saint ')
    .replace(/^the /, '');
}

const byIso3 = new Map(COUNTRIES.map((c) => [c.iso3, c]));
const byIso2 = new Map(COUNTRIES.map((c) => [c.iso2, c]));
const byM49 = new Map(COUNTRIES.map((c) => [c.m49, c]));
const byName = (() => {
  const index = new Map<string, Country>();
  const short = new Map<string, Country[]>();
  for (const c of COUNTRIES) {
    index.set(normalizeCountryName(c.name), c);
    const bare = normalizeCountryName(c.name.replace(/\([^)]*\)/g, ' '));
    short.set(bare, [...(short.get(bare) ?? []), c]);
  }
  for (const [bare, cs] of short) if (cs.length === 1 && !index.has(bare)) index.set(bare, cs[0]!);
  for (const [alias, iso3] of Object.entries(COUNTRY_NAME_ALIASES)) {
    const c = byIso3.get(iso3);
    if (!c) throw new Error(`country alias "${alias}": no ISO3 ${iso3} in the M49 list`);
    if (!index.has(alias)) index.set(alias, c);
  }
  return index;
})();

/** The country of an ISO 3166-1 alpha-3 code (case-insensitive). */
export function countryByIso3(code: string): Country | undefined {
  return byIso3.get(code.trim().toUpperCase());
}

/** The country of an ISO 3166-1 alpha-2 code (case-insensitive). */
export function countryByIso2(code: string): Country | undefined {
  return byIso2.get(code.trim().toUpperCase());
}

/** The country of an M49 numeric code, with or without leading zeros (`4`, `004`). */
export function countryByM49(code: string | number): Country | undefined {
  const s = typeof code === 'number' ? (Number.isInteger(code) && code >= 0 ? String(code) : '') : code.trim();
  if (!/^\d{1,3}$/.test(s)) return undefined;
  return byM49.get(s.padStart(3, '0'));
}

/** The country of an English name: the UNSD name, that name without its parenthesis, or a common alias; accents, case and punctuation ignored. */
export function countryByName(name: string): Country | undefined {
  return byName.get(normalizeCountryName(name));
}

/** Looks a value up by the given scheme; `auto` takes digits as M49, two letters as ISO2, three as ISO3, and anything else (or a code not found) as a name. */
export function lookupCountry(value: string | number, scheme: CountryScheme): Country | undefined {
  const s = String(value).trim();
  switch (scheme) {
    case 'm49':
      return countryByM49(s);
    case 'iso2':
      return countryByIso2(s);
    case 'iso3':
      return countryByIso3(s);
    case 'name':
      return countryByName(s);
    default:
      if (/^\d+$/.test(s)) return countryByM49(s);
      if (/^[A-Za-z]{2}$/.test(s)) return countryByIso2(s) ?? countryByName(s);
      if (/^[A-Za-z]{3}$/.test(s)) return countryByIso3(s) ?? countryByName(s);
      return countryByName(s);
  }
}
