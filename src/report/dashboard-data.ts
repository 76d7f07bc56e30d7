/**
 * The content of the observatory dashboard (src/global/OBSERVATORY.md §7), built from the database's series,
 * estimates and comparability table: the years, the countries with their ILO region and income group, the map values
 * by year and sex, the regional tables, and each country's series, sources and estimates. Everything sorted, so that
 * the same database content gives the same dashboard bytes.
 */
import { countryByIso3 } from '../classifications/countries.js';
import { ILO_REGIONS, ILO_SUBREGIONS_BROAD, ILO_SUBREGIONS_DETAILED, iloCountryOf } from '../classifications/ilo-regions.js';
import type { EstimateRow, StoredRow } from '../global/observatory-db.js';
import { ageOrder } from '../global/observatory-codes.js';
import { type ComparabilityRow, comparabilityTable } from '../global/observatory-validate.js';

/** A country of the dashboard. */
export interface DashboardCountry {
  readonly iso3: string;
  readonly name: string;
  readonly m49: string | null;
  /** ILO region code and name (`ASP`, `Asia and the Pacific`); `NONE` when the country is not in ILOSTAT's list. */
  readonly region: string;
  readonly regionName: string;
  readonly income: string;
  readonly incomeName: string;
  readonly hasNational: readonly number[];
}

/** A map value: migrant workers of a country in a year, for a sex. */
export interface MapValue {
  readonly iso3: string;
  readonly year: number;
  readonly sex: string;
  readonly value: number;
  /** `estimate` (observatory estimate, possibly imputed), `imputed`, or `national` (the national series itself). */
  readonly basis: string;
}

export interface DashboardModel {
  readonly title: string;
  readonly years: readonly number[];
  readonly sexes: readonly string[];
  readonly countries: readonly DashboardCountry[];
  readonly regions: readonly { readonly code: string; readonly name: string }[];
  readonly mapValues: readonly MapValue[];
  /** Estimates at region, subregion, income group and world level (age TOTAL). */
  readonly aggregates: readonly EstimateRow[];
  /** Country estimates (all cells). */
  readonly countryEstimates: readonly EstimateRow[];
  readonly series: readonly StoredRow[];
  readonly comparability: readonly ComparabilityRow[];
}

export interface DashboardOptions {
  readonly title?: string;
}

/** The dashboard's model from the database's rows (module doc). */
export function dashboardModel(series: readonly StoredRow[], estimates: readonly EstimateRow[], options: DashboardOptions = {}): DashboardModel {
  const isos = [...new Set([...series.map((r) => r.ref_area), ...estimates.filter((e) => e.level === 'country').map((e) => e.area)])].sort();
  const countries: DashboardCountry[] = isos.map((iso3) => {
    const c = countryByIso3(iso3);
    const ilo = iloCountryOf(iso3);
    return {
      iso3, name: c?.name ?? iso3, m49: c && !c.fictional ? c.m49 : null,
      region: ilo?.region.code ?? 'NONE', regionName: ilo?.region.name ?? 'Not in an ILO region',
      income: ilo?.incomeGroup.code ?? 'NONE', incomeName: ilo?.incomeGroup.name ?? 'No income group',
      hasNational: [...new Set(series.filter((r) => r.ref_area === iso3 && r.layer === 'national').map((r) => r.year))].sort((a, b) => a - b),
    };
  });
  const years = [...new Set([...series.filter((r) => r.layer === 'national').map((r) => r.year), ...estimates.map((e) => e.year)])].sort((a, b) => a - b);
  const mapValues: MapValue[] = [];
  for (const year of years) {
    for (const sex of ['T', 'M', 'F']) {
      for (const c of countries) {
        const est = estimates.find((e) => e.level === 'country' && e.area === c.iso3 && e.year === year && e.sex === sex && e.age === 'TOTAL' && e.measure === 'migrantWorkers');
        if (est) {
          mapValues.push({ iso3: c.iso3, year, sex, value: est.value, basis: est.imputed ? 'imputed' : 'estimate' });
          continue;
        }
        const nat = series.find((r) => r.ref_area === c.iso3 && r.year === year && r.layer === 'national' && r.indicator === 'TEAP' && r.sex === sex && r.age === 'YGE15' && r.migrant === 'MIGRANT');
        if (nat) mapValues.push({ iso3: c.iso3, year, sex, value: nat.value, basis: 'national' });
      }
    }
  }
  const usedRegions = new Set(countries.map((c) => c.region));
  const regions = [...ILO_REGIONS.filter((r) => usedRegions.has(r.code)), ...(usedRegions.has('NONE') ? [{ code: 'NONE', name: 'Not in an ILO region' }] : [])];
  const levelRank: Record<string, number> = { world: 0, region: 1, subregionBroad: 2, subregionDetailed: 3, income: 4 };
  const aggregates = estimates
    .filter((e) => e.level !== 'country' && e.age === 'TOTAL')
    .sort((a, b) => a.year - b.year || (levelRank[a.level] ?? 9) - (levelRank[b.level] ?? 9) || (a.area < b.area ? -1 : a.area > b.area ? 1 : 0) || (a.sex < b.sex ? -1 : a.sex > b.sex ? 1 : 0) || (a.measure < b.measure ? -1 : 1));
  const countryEstimates = estimates.filter((e) => e.level === 'country')
    .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : 0) || a.year - b.year || (a.measure < b.measure ? -1 : a.measure > b.measure ? 1 : 0) || (a.sex < b.sex ? -1 : a.sex > b.sex ? 1 : 0) || ageOrder(a.age, b.age));
  return {
    title: options.title ?? 'Labour migration observatory',
    years, sexes: ['T', 'M', 'F'], countries, regions, mapValues, aggregates, countryEstimates, series, comparability: comparabilityTable(series),
  };
}

/** The ILO region of an aggregate, for the region filter: itself, the region of a subregion, or empty (world, income groups). */
export function regionOfAggregate(level: string, code: string): string {
  if (level === 'region') return code;
  if (level === 'subregionBroad') return ILO_SUBREGIONS_BROAD.find((s) => s.code === code)?.region ?? '';
  if (level === 'subregionDetailed') {
    const broad = ILO_SUBREGIONS_DETAILED.find((s) => s.code === code)?.broad;
    return ILO_SUBREGIONS_BROAD.find((s) => s.code === broad)?.region ?? '';
  }
  return '';
}
