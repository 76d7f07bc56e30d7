/**
 * ILO regions, broad and detailed subregions, and World Bank income groups of countries, from ILOSTAT's country list.
 *
 * The data (`ILO_COUNTRIES_CSV`, at the end of this module) are copied byte for byte, without the UTF-8 byte order
 * mark, from EXIOBASE/labor_extension @ 67a5c27923105cc6103e52a2424959bd1a3b037f, path aux/countries_en.csv: ILOSTAT's
 * own export of its country list (237 countries and areas; ISO3 codes, including ILOSTAT's `ANT`, `CHA` and `KOS`).
 * Data: International Labour Organization (ILOSTAT), reused with attribution; the repository has no licence file. The
 * World Bank income groups are those of the export date (about 2024): re-derive them for another reference year. See
 * README.md here. Do not edit the text by hand: replace it with a newer export of the same file.
 *
 * The region, subregion and income-group codes (`AFR`, `SSA`, `WAF`, `HIC`, ...) are migstat's short codes for the
 * ILO names (ILOSTAT publishes these aggregates only as `ref_area` codes `X..`, which the project does not hold in
 * full); the income codes are the World Bank's own (LIC, LMC, UMC, HIC). The fictional `ATL` (Atlantis) is not in the
 * list: it has no ILO region and no income group (the functions return undefined).
 */
import { csvRows } from './countries.js';

/** An ILO region (spec icls.md para 55: 5 regions). */
export interface IloRegion {
  readonly code: string;
  readonly name: string;
}

/** An ILO broad subregion, with the code of its region (spec icls.md para 55: 11 broad subregions). */
export interface IloSubregionBroad {
  readonly code: string;
  readonly name: string;
  readonly region: string;
}

/** An ILO detailed subregion, with the code of its broad subregion (spec icls.md para 55: 20 detailed subregions). */
export interface IloSubregionDetailed {
  readonly code: string;
  readonly name: string;
  readonly broad: string;
}

/** A World Bank income group (code as the World Bank's API spells it). */
export interface IncomeGroup {
  readonly code: 'LIC' | 'LMC' | 'UMC' | 'HIC';
  readonly name: string;
}

/** The ILO regions, in ILOSTAT's order. */
export const ILO_REGIONS: readonly IloRegion[] = [
  { code: 'AFR', name: 'Africa' },
  { code: 'AME', name: 'Americas' },
  { code: 'ARB', name: 'Arab States' },
  { code: 'ASP', name: 'Asia and the Pacific' },
  { code: 'ECA', name: 'Europe and Central Asia' },
];

/** The ILO broad subregions, by region. */
export const ILO_SUBREGIONS_BROAD: readonly IloSubregionBroad[] = [
  { code: 'NAF', name: 'Northern Africa', region: 'AFR' },
  { code: 'SSA', name: 'Sub-Saharan Africa', region: 'AFR' },
  { code: 'LAC', name: 'Latin America and the Caribbean', region: 'AME' },
  { code: 'NAM', name: 'Northern America', region: 'AME' },
  { code: 'ARB', name: 'Arab States', region: 'ARB' },
  { code: 'EAS', name: 'Eastern Asia', region: 'ASP' },
  { code: 'SEAP', name: 'South-Eastern Asia and the Pacific', region: 'ASP' },
  { code: 'SAS', name: 'Southern Asia', region: 'ASP' },
  { code: 'NSWE', name: 'Northern, Southern and Western Europe', region: 'ECA' },
  { code: 'EEU', name: 'Eastern Europe', region: 'ECA' },
  { code: 'CWA', name: 'Central and Western Asia', region: 'ECA' },
];

/** The ILO detailed subregions, by broad subregion. */
export const ILO_SUBREGIONS_DETAILED: readonly IloSubregionDetailed[] = [
  { code: 'NAF', name: 'Northern Africa', broad: 'NAF' },
  { code: 'CAF', name: 'Central Africa', broad: 'SSA' },
  { code: 'EAF', name: 'Eastern Africa', broad: 'SSA' },
  { code: 'SAF', name: 'Southern Africa', broad: 'SSA' },
  { code: 'WAF', name: 'Western Africa', broad: 'SSA' },
  { code: 'CAR', name: 'Caribbean', broad: 'LAC' },
  { code: 'CAM', name: 'Central America', broad: 'LAC' },
  { code: 'SAM', name: 'South America', broad: 'LAC' },
  { code: 'NAM', name: 'Northern America', broad: 'NAM' },
  { code: 'ARB', name: 'Arab States', broad: 'ARB' },
  { code: 'EAS', name: 'Eastern Asia', broad: 'EAS' },
  { code: 'PAC', name: 'Pacific Islands', broad: 'SEAP' },
  { code: 'SEA', name: 'South-Eastern Asia', broad: 'SEAP' },
  { code: 'SAS', name: 'Southern Asia', broad: 'SAS' },
  { code: 'CAS', name: 'Central Asia', broad: 'CWA' },
  { code: 'WAS', name: 'Western Asia', broad: 'CWA' },
  { code: 'EEU', name: 'Eastern Europe', broad: 'EEU' },
  { code: 'NEU', name: 'Northern Europe', broad: 'NSWE' },
  { code: 'SEU', name: 'Southern Europe', broad: 'NSWE' },
  { code: 'WEU', name: 'Western Europe', broad: 'NSWE' },
];

/** The World Bank income groups, from low to high. */
export const INCOME_GROUPS: readonly IncomeGroup[] = [
  { code: 'LIC', name: 'Low income' },
  { code: 'LMC', name: 'Lower-middle income' },
  { code: 'UMC', name: 'Upper-middle income' },
  { code: 'HIC', name: 'High income' },
];

/** A country of ILOSTAT's list with its ILO region, subregions, income group and ILO status. */
export interface IloCountry {
  readonly iso3: string;
  /** ILOSTAT's English name. */
  readonly name: string;
  readonly region: IloRegion;
  readonly subregionBroad: IloSubregionBroad;
  readonly subregionDetailed: IloSubregionDetailed;
  readonly incomeGroup: IncomeGroup;
  readonly iloMember: boolean;
  /** Included in the ILO modelled estimates: `Yes`, `Yes (*)` or `No`, as ILOSTAT marks it. */
  readonly inIloEstimates: 'Yes' | 'Yes (*)' | 'No';
}

/** The region, broad and detailed subregion of a country. */
export interface IloRegionOfCountry {
  readonly region: IloRegion;
  readonly subregionBroad: IloSubregionBroad;
  readonly subregionDetailed: IloSubregionDetailed;
}


function byName<T extends { readonly name: string }>(list: readonly T[], what: string): (name: string, iso3: string) => T {
  const index = new Map(list.map((x) => [x.name, x]));
  return (name, iso3) => {
    const x = index.get(name);
    if (!x) throw new Error(`ILO country list: ${iso3} has ${what} "${name}", which is not one of ${list.map((l) => l.name).join('; ')}`);
    return x;
  };
}

function parseIloCountries(): IloCountry[] {
  const [header, ...rows] = csvRows(ILO_COUNTRIES_CSV);
  const at = (name: string): number => {
    const j = header!.indexOf(name);
    if (j < 0) throw new Error(`ILO country list: no column "${name}"`);
    return j;
  };
  const c = {
    iso3: at('ISO3 Code'), name: at('Country'), region: at('ILO Region'), broad: at('ILO Subregion - Broad'),
    detailed: at('ILO Subregion - Detailed'), income: at('World Bank Income Group'), member: at('Is ILO member?'),
    estimates: at('Included in ILO estimates?'),
  };
  const region = byName(ILO_REGIONS, 'ILO region');
  const broad = byName(ILO_SUBREGIONS_BROAD, 'broad subregion');
  const detailed = byName(ILO_SUBREGIONS_DETAILED, 'detailed subregion');
  const income = byName(INCOME_GROUPS, 'income group');
  return rows.map((r) => {
    const iso3 = r[c.iso3]!;
    const country: IloCountry = {
      iso3, name: r[c.name]!, region: region(r[c.region]!, iso3), subregionBroad: broad(r[c.broad]!, iso3),
      subregionDetailed: detailed(r[c.detailed]!, iso3), incomeGroup: income(r[c.income]!, iso3),
      iloMember: r[c.member] === 'Yes', inIloEstimates: r[c.estimates] as IloCountry['inIloEstimates'],
    };
    if (country.subregionDetailed.broad !== country.subregionBroad.code || country.subregionBroad.region !== country.region.code) {
      throw new Error(`ILO country list: ${iso3}'s subregions do not nest in its region`);
    }
    return country;
  });
}

let countries: readonly IloCountry[] | undefined;
let byIso3: Map<string, IloCountry> | undefined;

function index(): Map<string, IloCountry> {
  if (byIso3 === undefined) {
    countries = parseIloCountries();
    byIso3 = new Map(countries.map((x) => [x.iso3, x]));
  }
  return byIso3;
}

/** The 237 countries and areas of ILOSTAT's list, in its order (spec icls.md para 55). */
export function iloCountries(): readonly IloCountry[] {
  index();
  return countries!;
}

/** The ILOSTAT country-list entry of an ISO3 code (exact, upper case), or undefined (ATL and codes not in the list). */
export function iloCountryOf(iso3: string): IloCountry | undefined {
  return index().get(iso3);
}

/**
 * ILO region, broad and detailed subregion of an ISO3 code (spec icls.md para 55; ILOSTAT country list); undefined
 * for a code not in ILOSTAT's list, such as the fictional ATL or Antarctica (ATA).
 */
export function iloRegionOf(iso3: string): IloRegionOfCountry | undefined {
  const c = index().get(iso3);
  return c === undefined ? undefined : { region: c.region, subregionBroad: c.subregionBroad, subregionDetailed: c.subregionDetailed };
}

/**
 * World Bank income group of an ISO3 code as ILOSTAT's list gives it (spec icls.md para 55; groups of about 2024);
 * undefined for a code not in the list, such as the fictional ATL.
 */
export function incomeGroupOf(iso3: string): IncomeGroup | undefined {
  return index().get(iso3)?.incomeGroup;
}

/** ILOSTAT's country list, copied from EXIOBASE/labor_extension @ 67a5c27923105cc6103e52a2424959bd1a3b037f aux/countries_en.csv (see the module comment). */
export const ILO_COUNTRIES_CSV = `"ISO3 Code","Country","ILO Region","ILO Subregion - Broad","ILO Subregion - Detailed","World Bank Income Group","Is ILO member?","Included in ILO estimates?"
"AFG","Afghanistan","Asia and the Pacific","Southern Asia","Southern Asia","Low income","Yes","Yes"
"ALB","Albania","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","Upper-middle income","Yes","Yes"
"DZA","Algeria","Africa","Northern Africa","Northern Africa","Lower-middle income","Yes","Yes"
"ASM","American Samoa","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Upper-middle income","No","No"
"AND","Andorra","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","No","No"
"AGO","Angola","Africa","Sub-Saharan Africa","Central Africa","Lower-middle income","Yes","Yes"
"AIA","Anguilla","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","No","No"
"ATG","Antigua and Barbuda","Americas","Latin America and the Caribbean","Caribbean","High income","Yes","No"
"ARG","Argentina","Americas","Latin America and the Caribbean","South America","Upper-middle income","Yes","Yes"
"ARM","Armenia","Europe and Central Asia","Central and Western Asia","Western Asia","Upper-middle income","Yes","Yes"
"ABW","Aruba","Americas","Latin America and the Caribbean","Caribbean","High income","No","No"
"AUS","Australia","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","Yes","Yes (*)"
"AUT","Austria","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","Yes","Yes (*)"
"AZE","Azerbaijan","Europe and Central Asia","Central and Western Asia","Western Asia","Upper-middle income","Yes","Yes"
"BHS","Bahamas","Americas","Latin America and the Caribbean","Caribbean","High income","Yes","Yes"
"BHR","Bahrain","Arab States","Arab States","Arab States","High income","Yes","Yes"
"BGD","Bangladesh","Asia and the Pacific","Southern Asia","Southern Asia","Lower-middle income","Yes","Yes"
"BRB","Barbados","Americas","Latin America and the Caribbean","Caribbean","High income","Yes","Yes"
"BLR","Belarus","Europe and Central Asia","Eastern Europe","Eastern Europe","Upper-middle income","Yes","Yes"
"BEL","Belgium","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","Yes","Yes (*)"
"BLZ","Belize","Americas","Latin America and the Caribbean","Central America","Upper-middle income","Yes","Yes"
"BEN","Benin","Africa","Sub-Saharan Africa","Western Africa","Lower-middle income","Yes","Yes"
"BMU","Bermuda","Americas","Northern America","Northern America","High income","No","No"
"BTN","Bhutan","Asia and the Pacific","Southern Asia","Southern Asia","Lower-middle income","No","Yes"
"BOL","Bolivia","Americas","Latin America and the Caribbean","South America","Lower-middle income","Yes","Yes"
"BIH","Bosnia and Herzegovina","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","Upper-middle income","Yes","Yes"
"BWA","Botswana","Africa","Sub-Saharan Africa","Southern Africa","Upper-middle income","Yes","Yes"
"BRA","Brazil","Americas","Latin America and the Caribbean","South America","Upper-middle income","Yes","Yes"
"VGB","British Virgin Islands","Americas","Latin America and the Caribbean","Caribbean","High income","No","No"
"BRN","Brunei Darussalam","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","High income","No","Yes"
"BGR","Bulgaria","Europe and Central Asia","Eastern Europe","Eastern Europe","Upper-middle income","Yes","Yes (*)"
"BFA","Burkina Faso","Africa","Sub-Saharan Africa","Western Africa","Low income","Yes","Yes"
"BDI","Burundi","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes"
"KHM","Cambodia","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","Lower-middle income","Yes","Yes"
"CMR","Cameroon","Africa","Sub-Saharan Africa","Central Africa","Lower-middle income","Yes","Yes"
"CAN","Canada","Americas","Northern America","Northern America","High income","Yes","Yes (*)"
"CPV","Cape Verde","Africa","Sub-Saharan Africa","Western Africa","Lower-middle income","Yes","Yes"
"CYM","Cayman Islands","Americas","Latin America and the Caribbean","Caribbean","High income","No","No"
"CAF","Central African Republic","Africa","Sub-Saharan Africa","Central Africa","Low income","Yes","Yes"
"TCD","Chad","Africa","Sub-Saharan Africa","Central Africa","Low income","Yes","Yes"
"CHA","Channel Islands","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","No","Yes (*)"
"CHL","Chile","Americas","Latin America and the Caribbean","South America","High income","Yes","Yes"
"CHN","China","Asia and the Pacific","Eastern Asia","Eastern Asia","Upper-middle income","Yes","Yes"
"COL","Colombia","Americas","Latin America and the Caribbean","South America","Upper-middle income","Yes","Yes"
"COM","Comoros","Africa","Sub-Saharan Africa","Eastern Africa","Lower-middle income","Yes","Yes"
"COG","Congo","Africa","Sub-Saharan Africa","Central Africa","Lower-middle income","Yes","Yes"
"COD","Congo, Democratic Republic of the","Africa","Sub-Saharan Africa","Central Africa","Low income","Yes","Yes"
"COK","Cook Islands","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Upper-middle income","No","No"
"CRI","Costa Rica","Americas","Latin America and the Caribbean","Central America","Upper-middle income","Yes","Yes"
"HRV","Croatia","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","Yes","Yes (*)"
"CUB","Cuba","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","Yes","Yes"
"CUW","Cura?ao","Americas","Latin America and the Caribbean","Caribbean","High income","No","No"
"CYP","Cyprus","Europe and Central Asia","Central and Western Asia","Western Asia","High income","Yes","Yes (*)"
"CZE","Czechia","Europe and Central Asia","Eastern Europe","Eastern Europe","High income","Yes","Yes (*)"
"CIV","C?te d'Ivoire","Africa","Sub-Saharan Africa","Western Africa","Lower-middle income","Yes","Yes"
"DNK","Denmark","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"DJI","Djibouti","Africa","Sub-Saharan Africa","Eastern Africa","Lower-middle income","Yes","Yes (*)"
"DMA","Dominica","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","Yes","No"
"DOM","Dominican Republic","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","Yes","Yes"
"ECU","Ecuador","Americas","Latin America and the Caribbean","South America","Upper-middle income","Yes","Yes"
"EGY","Egypt","Africa","Northern Africa","Northern Africa","Lower-middle income","Yes","Yes"
"SLV","El Salvador","Americas","Latin America and the Caribbean","Central America","Lower-middle income","Yes","Yes"
"GNQ","Equatorial Guinea","Africa","Sub-Saharan Africa","Central Africa","Upper-middle income","Yes","Yes"
"ERI","Eritrea","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes"
"EST","Estonia","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"ETH","Ethiopia","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes"
"FRO","Faeroe Islands","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","No","No"
"FLK","Falkland Islands (Malvinas)","Americas","Latin America and the Caribbean","South America","High income","No","No"
"FJI","Fiji","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Upper-middle income","Yes","Yes"
"FIN","Finland","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"FRA","France","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","Yes","Yes (*)"
"GUF","French Guiana","Americas","Latin America and the Caribbean","South America","High income","No","No"
"PYF","French Polynesia","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","No","Yes (*)"
"GAB","Gabon","Africa","Sub-Saharan Africa","Central Africa","Upper-middle income","Yes","Yes"
"GMB","Gambia","Africa","Sub-Saharan Africa","Western Africa","Low income","Yes","Yes"
"GEO","Georgia","Europe and Central Asia","Central and Western Asia","Western Asia","Upper-middle income","Yes","Yes"
"DEU","Germany","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","Yes","Yes (*)"
"GHA","Ghana","Africa","Sub-Saharan Africa","Western Africa","Lower-middle income","Yes","Yes"
"GIB","Gibraltar","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","No","No"
"GRC","Greece","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","Yes","Yes (*)"
"GRL","Greenland","Americas","Northern America","Northern America","High income","No","No"
"GRD","Grenada","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","Yes","No"
"GLP","Guadeloupe","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","No","No"
"GUM","Guam","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","No","Yes (*)"
"GTM","Guatemala","Americas","Latin America and the Caribbean","Central America","Upper-middle income","Yes","Yes"
"GGY","Guernsey","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","Yes","No"
"GIN","Guinea","Africa","Sub-Saharan Africa","Western Africa","Low income","Yes","Yes"
"GNB","Guinea-Bissau","Africa","Sub-Saharan Africa","Western Africa","Low income","Yes","Yes"
"GUY","Guyana","Americas","Latin America and the Caribbean","South America","Upper-middle income","Yes","Yes"
"HTI","Haiti","Americas","Latin America and the Caribbean","Caribbean","Low income","Yes","Yes"
"HND","Honduras","Americas","Latin America and the Caribbean","Central America","Lower-middle income","Yes","Yes"
"HKG","Hong Kong, China","Asia and the Pacific","Eastern Asia","Eastern Asia","High income","No","Yes"
"HUN","Hungary","Europe and Central Asia","Eastern Europe","Eastern Europe","High income","Yes","Yes (*)"
"ISL","Iceland","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"IND","India","Asia and the Pacific","Southern Asia","Southern Asia","Lower-middle income","Yes","Yes"
"IDN","Indonesia","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","Upper-middle income","Yes","Yes"
"IRN","Iran, Islamic Republic of","Asia and the Pacific","Southern Asia","Southern Asia","Upper-middle income","Yes","Yes"
"IRQ","Iraq","Arab States","Arab States","Arab States","Upper-middle income","Yes","Yes"
"IRL","Ireland","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"IMN","Isle of Man","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","No","No"
"ISR","Israel","Europe and Central Asia","Central and Western Asia","Western Asia","High income","Yes","Yes (*)"
"ITA","Italy","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","Yes","Yes (*)"
"JAM","Jamaica","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","Yes","Yes"
"JPN","Japan","Asia and the Pacific","Eastern Asia","Eastern Asia","High income","Yes","Yes (*)"
"JEY","Jersey","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","Yes","No"
"JOR","Jordan","Arab States","Arab States","Arab States","Upper-middle income","Yes","Yes"
"KAZ","Kazakhstan","Europe and Central Asia","Central and Western Asia","Central Asia","Upper-middle income","Yes","Yes"
"KEN","Kenya","Africa","Sub-Saharan Africa","Eastern Africa","Lower-middle income","Yes","Yes"
"KIR","Kiribati","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Lower-middle income","Yes","No"
"PRK","Korea, Democratic People's Republic of","Asia and the Pacific","Eastern Asia","Eastern Asia","Low income","No","Yes"
"KOR","Korea, Republic of","Asia and the Pacific","Eastern Asia","Eastern Asia","High income","Yes","Yes"
"KOS","Kosovo","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","Upper-middle income","No","No"
"KWT","Kuwait","Arab States","Arab States","Arab States","High income","Yes","Yes"
"KGZ","Kyrgyzstan","Europe and Central Asia","Central and Western Asia","Central Asia","Lower-middle income","Yes","Yes"
"LAO","Lao People's Democratic Republic","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","Lower-middle income","Yes","Yes"
"LVA","Latvia","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"LBN","Lebanon","Arab States","Arab States","Arab States","Upper-middle income","Yes","Yes"
"LSO","Lesotho","Africa","Sub-Saharan Africa","Southern Africa","Lower-middle income","Yes","Yes"
"LBR","Liberia","Africa","Sub-Saharan Africa","Western Africa","Low income","Yes","Yes"
"LBY","Libya","Africa","Northern Africa","Northern Africa","Upper-middle income","Yes","Yes"
"LIE","Liechtenstein","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","No","No"
"LTU","Lithuania","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"LUX","Luxembourg","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","Yes","Yes (*)"
"MAC","Macau, China","Asia and the Pacific","Eastern Asia","Eastern Asia","High income","No","Yes"
"MKD","Macedonia, the former Yugoslav Republic of","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","Upper-middle income","Yes","Yes"
"MDG","Madagascar","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes"
"MWI","Malawi","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes"
"MYS","Malaysia","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","Upper-middle income","Yes","Yes"
"MDV","Maldives","Asia and the Pacific","Southern Asia","Southern Asia","Upper-middle income","No","Yes"
"MLI","Mali","Africa","Sub-Saharan Africa","Western Africa","Low income","Yes","Yes"
"MLT","Malta","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","Yes","Yes (*)"
"MHL","Marshall Islands","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Upper-middle income","No","No"
"MTQ","Martinique","Americas","Latin America and the Caribbean","Caribbean","High income","No","No"
"MRT","Mauritania","Africa","Sub-Saharan Africa","Western Africa","Lower-middle income","Yes","Yes"
"MUS","Mauritius","Africa","Sub-Saharan Africa","Eastern Africa","High income","Yes","Yes"
"MYT","Mayotte","Africa","Sub-Saharan Africa","Eastern Africa","Lower-middle income","No","No"
"MEX","Mexico","Americas","Latin America and the Caribbean","Central America","Upper-middle income","Yes","Yes"
"FSM","Micronesia, Federated States of","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Lower-middle income","No","No"
"MDA","Moldova, Republic of","Europe and Central Asia","Eastern Europe","Eastern Europe","Lower-middle income","Yes","Yes"
"MCO","Monaco","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","No","No"
"MNG","Mongolia","Asia and the Pacific","Eastern Asia","Eastern Asia","Lower-middle income","Yes","Yes"
"MNE","Montenegro","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","Upper-middle income","Yes","Yes"
"MSR","Montserrat","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","No","No"
"MAR","Morocco","Africa","Northern Africa","Northern Africa","Lower-middle income","Yes","Yes"
"MOZ","Mozambique","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes"
"MMR","Myanmar","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","Lower-middle income","Yes","Yes"
"NAM","Namibia","Africa","Sub-Saharan Africa","Southern Africa","Upper-middle income","Yes","Yes"
"NRU","Nauru","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","No","No"
"NPL","Nepal","Asia and the Pacific","Southern Asia","Southern Asia","Lower-middle income","Yes","Yes"
"NLD","Netherlands","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","Yes","Yes (*)"
"ANT","Netherlands Antilles","Americas","Latin America and the Caribbean","Caribbean","High income","No","No"
"NCL","New Caledonia","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","No","Yes (*)"
"NZL","New Zealand","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","Yes","Yes (*)"
"NIC","Nicaragua","Americas","Latin America and the Caribbean","Central America","Lower-middle income","Yes","Yes"
"NER","Niger","Africa","Sub-Saharan Africa","Western Africa","Low income","Yes","Yes"
"NGA","Nigeria","Africa","Sub-Saharan Africa","Western Africa","Lower-middle income","Yes","Yes"
"NIU","Niue","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","No","No"
"NFK","Norfolk Island","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","No","No"
"MNP","Northern Mariana Islands","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","No","No"
"NOR","Norway","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"PSE","Occupied Palestinian Territory","Arab States","Arab States","Arab States","Lower-middle income","No","Yes"
"OMN","Oman","Arab States","Arab States","Arab States","High income","Yes","Yes"
"PAK","Pakistan","Asia and the Pacific","Southern Asia","Southern Asia","Lower-middle income","Yes","Yes"
"PLW","Palau","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","No","No"
"PAN","Panama","Americas","Latin America and the Caribbean","Central America","High income","Yes","Yes"
"PNG","Papua New Guinea","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Lower-middle income","Yes","Yes"
"PRY","Paraguay","Americas","Latin America and the Caribbean","South America","Upper-middle income","Yes","Yes"
"PER","Peru","Americas","Latin America and the Caribbean","South America","Upper-middle income","Yes","Yes"
"PHL","Philippines","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","Lower-middle income","Yes","Yes"
"POL","Poland","Europe and Central Asia","Eastern Europe","Eastern Europe","High income","Yes","Yes (*)"
"PRT","Portugal","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","Yes","Yes (*)"
"PRI","Puerto Rico","Americas","Latin America and the Caribbean","Caribbean","High income","No","Yes"
"QAT","Qatar","Arab States","Arab States","Arab States","High income","Yes","Yes"
"ROU","Romania","Europe and Central Asia","Eastern Europe","Eastern Europe","High income","Yes","Yes (*)"
"RUS","Russian Federation","Europe and Central Asia","Eastern Europe","Eastern Europe","Upper-middle income","Yes","Yes"
"RWA","Rwanda","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes"
"REU","R?union","Africa","Sub-Saharan Africa","Eastern Africa","High income","No","No"
"SHN","Saint Helena","Africa","Sub-Saharan Africa","Western Africa","Lower-middle income","No","No"
"KNA","Saint Kitts and Nevis","Americas","Latin America and the Caribbean","Caribbean","High income","Yes","No"
"LCA","Saint Lucia","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","Yes","Yes (*)"
"MAF","Saint Martin (French part)","Americas","Latin America and the Caribbean","Caribbean","High income","No","No"
"SPM","Saint Pierre and Miquelon","Americas","Northern America","Northern America","High income","No","No"
"VCT","Saint Vincent and the Grenadines","Americas","Latin America and the Caribbean","Caribbean","Upper-middle income","Yes","Yes (*)"
"WSM","Samoa","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Upper-middle income","No","Yes (*)"
"SMR","San Marino","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","Yes","No"
"STP","Sao Tome and Principe","Africa","Sub-Saharan Africa","Central Africa","Lower-middle income","Yes","Yes (*)"
"SAU","Saudi Arabia","Arab States","Arab States","Arab States","High income","Yes","Yes"
"SEN","Senegal","Africa","Sub-Saharan Africa","Western Africa","Lower-middle income","Yes","Yes"
"SRB","Serbia","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","Upper-middle income","Yes","Yes"
"SYC","Seychelles","Africa","Sub-Saharan Africa","Eastern Africa","High income","Yes","No"
"SLE","Sierra Leone","Africa","Sub-Saharan Africa","Western Africa","Low income","Yes","Yes"
"SGP","Singapore","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","High income","Yes","Yes"
"SXM","Sint Maarten (Kingdom of the Netherlands)","Americas","Latin America and the Caribbean","Caribbean","High income","No","No"
"SVK","Slovakia","Europe and Central Asia","Eastern Europe","Eastern Europe","High income","Yes","Yes (*)"
"SVN","Slovenia","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","Yes","Yes (*)"
"SLB","Solomon Islands","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Lower-middle income","Yes","Yes"
"SOM","Somalia","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes"
"ZAF","South Africa","Africa","Sub-Saharan Africa","Southern Africa","Upper-middle income","Yes","Yes"
"SSD","South Sudan","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes (*)"
"ESP","Spain","Europe and Central Asia","Northern, Southern and Western Europe","Southern Europe","High income","Yes","Yes (*)"
"LKA","Sri Lanka","Asia and the Pacific","Southern Asia","Southern Asia","Lower-middle income","Yes","Yes"
"SDN","Sudan","Africa","Northern Africa","Northern Africa","Low income","Yes","Yes"
"SUR","Suriname","Americas","Latin America and the Caribbean","South America","Upper-middle income","Yes","Yes"
"SWZ","Eswatini","Africa","Sub-Saharan Africa","Southern Africa","Lower-middle income","Yes","Yes"
"SWE","Sweden","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"CHE","Switzerland","Europe and Central Asia","Northern, Southern and Western Europe","Western Europe","High income","Yes","Yes (*)"
"SYR","Syrian Arab Republic","Arab States","Arab States","Arab States","Low income","Yes","Yes"
"TWN","Taiwan, China","Asia and the Pacific","Eastern Asia","Eastern Asia","High income","No","Yes"
"TJK","Tajikistan","Europe and Central Asia","Central and Western Asia","Central Asia","Low income","Yes","Yes"
"TZA","Tanzania, United Republic of","Africa","Sub-Saharan Africa","Eastern Africa","Lower-middle income","Yes","Yes"
"THA","Thailand","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","Upper-middle income","Yes","Yes"
"TLS","Timor-Leste","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","Lower-middle income","No","Yes"
"TGO","Togo","Africa","Sub-Saharan Africa","Western Africa","Low income","Yes","Yes"
"TKL","Tokelau","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Lower-middle income","No","No"
"TON","Tonga","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Upper-middle income","No","Yes (*)"
"TTO","Trinidad and Tobago","Americas","Latin America and the Caribbean","Caribbean","High income","Yes","Yes"
"TUN","Tunisia","Africa","Northern Africa","Northern Africa","Lower-middle income","Yes","Yes"
"TUR","Turkey","Europe and Central Asia","Central and Western Asia","Western Asia","Upper-middle income","Yes","Yes"
"TKM","Turkmenistan","Europe and Central Asia","Central and Western Asia","Central Asia","Upper-middle income","Yes","Yes"
"TCA","Turks and Caicos Islands","Americas","Latin America and the Caribbean","Caribbean","High income","No","No"
"TUV","Tuvalu","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Upper-middle income","No","No"
"UGA","Uganda","Africa","Sub-Saharan Africa","Eastern Africa","Low income","Yes","Yes"
"UKR","Ukraine","Europe and Central Asia","Eastern Europe","Eastern Europe","Lower-middle income","Yes","Yes"
"ARE","United Arab Emirates","Arab States","Arab States","Arab States","High income","Yes","Yes"
"GBR","United Kingdom","Europe and Central Asia","Northern, Southern and Western Europe","Northern Europe","High income","Yes","Yes (*)"
"USA","United States","Americas","Northern America","Northern America","High income","Yes","Yes (*)"
"VIR","United States Virgin Islands","Americas","Latin America and the Caribbean","Caribbean","High income","No","Yes (*)"
"URY","Uruguay","Americas","Latin America and the Caribbean","South America","High income","Yes","Yes"
"UZB","Uzbekistan","Europe and Central Asia","Central and Western Asia","Central Asia","Lower-middle income","Yes","Yes"
"VUT","Vanuatu","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","Lower-middle income","No","Yes (*)"
"VEN","Venezuela, Bolivarian Republic of","Americas","Latin America and the Caribbean","South America","Upper-middle income","Yes","Yes"
"VNM","Viet Nam","Asia and the Pacific","South-Eastern Asia and the Pacific","South-Eastern Asia","Lower-middle income","Yes","Yes"
"WLF","Wallis and Futuna Islands","Asia and the Pacific","South-Eastern Asia and the Pacific","Pacific Islands","High income","No","No"
"ESH","Western Sahara","Africa","Northern Africa","Northern Africa","Lower-middle income","No","Yes (*)"
"YEM","Yemen","Arab States","Arab States","Arab States","Low income","Yes","Yes"
"ZMB","Zambia","Africa","Sub-Saharan Africa","Eastern Africa","Lower-middle income","Yes","Yes"
"ZWE","Zimbabwe","Africa","Sub-Saharan Africa","Eastern Africa","Lower-middle income","Yes","Yes"
`;
