/**
 * The dashboard's charts (Vega-Lite, drawn to inline SVG at build time; charts/render.ts): the world choropleth of
 * migrant workers by country for a year and sex (world-atlas TopoJSON inlined, as charts/origin.ts), and a country's
 * labour force participation by migrant status, its migrant workers by age group, and its migrant stock by age group
 * (UN DESA benchmark, for countries without national data).
 */
import { type Chart, assembleChart } from '../charts/chart.js';
import { worldTopology } from '../charts/origin.js';
import { MAP_RAMP, MIGRANT_COLOURS, OKABE_ITO } from '../charts/style.js';
import type { StoredRow } from '../global/observatory-db.js';
import { SEX_LABELS, type Sex, ageLabel, ageOrder } from '../global/observatory-codes.js';
import type { DashboardCountry, DashboardModel } from './dashboard-data.js';

const fmt = (x: number, d = 1): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const sexName = (s: string): string => SEX_LABELS[s as Sex] ?? s;
const sexWords = (s: string): string => (s === 'T' ? 'both sexes' : s === 'M' ? 'men' : s === 'F' ? 'women' : s);

/** World map of migrant workers by country (thousands) for a year and sex; countries without a value in grey. */
export function mapChart(model: DashboardModel, year: number, sex: string): Chart | undefined {
  const values = model.mapValues.filter((v) => v.year === year && v.sex === sex);
  if (values.length === 0) return undefined;
  const byIso = new Map(model.countries.map((c) => [c.iso3, c]));
  const data = values.map((v) => ({ m49: byIso.get(v.iso3)?.m49 ?? null, country: byIso.get(v.iso3)?.name ?? v.iso3, thousands: v.value / 1000, basis: v.basis }));
  const mapped = data.filter((d) => d.m49 !== null);
  const rest = data.filter((d) => d.m49 === null);
  const ranked = [...data].sort((a, b) => b.thousands - a.thousands || (a.country < b.country ? -1 : 1));
  const title = `Migrant workers by country, ${year}, ${sexWords(sex)}`;
  const alt = `World map of international migrant workers (migrants in the labour force) in ${year}, ${sexWords(sex)}, shaded by thousands of persons; ${data.length} countries have a value. `
    + `Largest: ${ranked.slice(0, 3).map((d) => `${d.country} ${fmt(d.thousands)} thousand`).join(', ')}.`;
  const noData = 'datum.thousands == null';
  const body = {
    width: 640, height: 330,
    data: { values: worldTopology(), format: { type: 'topojson', feature: 'countries' } },
    transform: [{ lookup: 'id', from: { data: { values: mapped }, key: 'm49', fields: ['country', 'thousands', 'basis'] } }],
    projection: { type: 'equalEarth' },
    mark: { type: 'geoshape', invalid: 'show', stroke: '#FFFFFF', strokeWidth: 0.4 },
    encoding: {
      color: { condition: { test: noData, value: '#E3E3E3' }, field: 'thousands', type: 'quantitative', title: 'Thousands', scale: { range: MAP_RAMP, zero: true } },
      tooltip: [{ field: 'country', title: 'Country' }, { field: 'thousands', type: 'quantitative', title: 'Thousands', format: ',.1f' }, { field: 'basis', title: 'Basis' }],
    },
  };
  return assembleChart({
    drawn: Math.max(1, mapped.length), id: `map-${year}-${sex}`, title, alt, suppressed: 0, width: 640, body,
    source: 'Source: observatory estimates (imputed where marked) and national submissions',
    notes: [
      'Migrants in the labour force, thousands; grey: no value.',
      ...(rest.length > 0 ? [`Too small for the map: ${rest.map((d) => `${d.country} ${fmt(d.thousands)} thousand`).join('; ')}.`] : []),
    ],
  });
}

/** The national value of a key (the first held), or undefined. */
function natValue(rows: readonly StoredRow[], indicator: string, sex: string, age: string, migrant: string): number | undefined {
  return rows.find((r) => r.layer === 'national' && r.indicator === indicator && r.sex === sex && r.age === age && r.migrant === migrant)?.value;
}

/** Labour force participation rate (15+) of migrants and non-migrants by sex, from a country's national data of a year. */
export function participationChart(country: DashboardCountry, year: number, rows: readonly StoredRow[]): Chart | undefined {
  const values: { sex: string; status: string; rate: number }[] = [];
  for (const sex of ['T', 'M', 'F']) {
    for (const [migrant, status] of [['MIGRANT', 'Migrants'], ['NONMIGRANT', 'Non-migrants']] as const) {
      const rate = natValue(rows, 'TEAP_RT', sex, 'YGE15', migrant);
      const lf = natValue(rows, 'TEAP', sex, 'YGE15', migrant);
      const wap = natValue(rows, 'XWAP', sex, 'YGE15', migrant);
      const r = rate ?? (lf !== undefined && wap !== undefined && wap > 0 ? (100 * lf) / wap : undefined);
      if (r !== undefined) values.push({ sex: sexName(sex), status, rate: r });
    }
  }
  if (values.length === 0) return undefined;
  const title = `Labour force participation rate by migrant status, ${country.name}, ${year}`;
  const alt = `Bar chart of the labour force participation rate (15+) of migrants and non-migrants in ${country.name} in ${year} by sex: `
    + values.map((v) => `${v.status.toLowerCase()} ${v.sex.toLowerCase()} ${fmt(v.rate)}%`).join(', ') + '.';
  const body = {
    width: 420, height: 220,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'sex', type: 'nominal', title: null, sort: ['Total', 'Men', 'Women'], axis: { labelAngle: 0 } },
      xOffset: { field: 'status', sort: ['Migrants', 'Non-migrants'] },
      y: { field: 'rate', type: 'quantitative', title: 'Percent of the working-age population', scale: { domain: [0, 100] } },
      color: { field: 'status', type: 'nominal', title: null, scale: { domain: ['Migrants', 'Non-migrants'], range: [MIGRANT_COLOURS.migrant, MIGRANT_COLOURS.nonMigrant] } },
      tooltip: [{ field: 'sex', title: 'Sex' }, { field: 'status', title: 'Status' }, { field: 'rate', type: 'quantitative', title: 'Rate (%)', format: '.1f' }],
    },
  };
  return assembleChart({
    drawn: values.length, id: `lfpr-${country.iso3}-${year}`, title, alt, suppressed: 0, width: 420, body,
    source: `Source: ${[...new Set(rows.filter((r) => r.layer === 'national').map((r) => r.source))].join('; ')}`,
    notes: [`Aged 15 and over; percent; migrants by ${criteriaOf(rows)}.`],
  });
}

/** The migrant criteria of a country's national rows, in words (`country of birth`, `citizenship`). */
function criteriaOf(rows: readonly StoredRow[]): string {
  const c = [...new Set(rows.filter((r) => r.layer === 'national' && r.migrant !== 'TOTAL' && r.criterion !== '').map((r) => r.criterion))].sort();
  return c.map((x) => (x === 'birth' ? 'country of birth' : x)).join(' and ') || 'a criterion not stated';
}

/** Migrant workers (migrants in the labour force) by age group and sex, from a country's national data of a year. */
export function migrantAgeChart(country: DashboardCountry, year: number, rows: readonly StoredRow[]): Chart | undefined {
  const nat = rows.filter((r) => r.layer === 'national' && r.indicator === 'TEAP' && r.migrant === 'MIGRANT' && (r.sex === 'M' || r.sex === 'F') && r.age !== 'YGE15' && r.age !== 'TOTAL');
  const ages = [...new Set(nat.map((r) => r.age))].sort(ageOrder);
  if (ages.length === 0) return undefined;
  const values = nat.map((r) => ({ age: ageLabel(r.age), sex: sexName(r.sex), thousands: r.value / 1000 }));
  const title = `Migrant workers by age group and sex, ${country.name}, ${year}`;
  const alt = `Bar chart of migrant workers (migrants in the labour force) in ${country.name} in ${year} by age group and sex, thousands: `
    + values.map((v) => `${v.sex.toLowerCase()} ${v.age} ${fmt(v.thousands)}`).join(', ') + '.';
  const body = {
    width: 420, height: 220,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'age', type: 'ordinal', title: 'Age group', sort: ages.map(ageLabel), axis: { labelAngle: 0 } },
      xOffset: { field: 'sex', sort: ['Men', 'Women'] },
      y: { field: 'thousands', type: 'quantitative', title: 'Thousands' },
      color: { field: 'sex', type: 'nominal', title: null, scale: { domain: ['Men', 'Women'], range: [OKABE_ITO.bluishGreen, OKABE_ITO.orange] } },
      tooltip: [{ field: 'age', title: 'Age group' }, { field: 'sex', title: 'Sex' }, { field: 'thousands', type: 'quantitative', title: 'Thousands', format: ',.1f' }],
    },
  };
  return assembleChart({
    drawn: values.length, id: `migw-${country.iso3}-${year}`, title, alt, suppressed: 0, width: 420, body,
    source: `Source: ${[...new Set(nat.map((r) => r.source))].join('; ')}`,
    notes: [`Thousands of persons; migrants by ${criteriaOf(rows)}.`],
  });
}

/** International migrant stock by age group and sex (UN DESA benchmark) of a year, for any country. */
export function stockChart(country: DashboardCountry, year: number, rows: readonly StoredRow[]): Chart | undefined {
  const desa = rows.filter((r) => r.layer === 'benchmark' && r.indicator === 'POP' && r.migrant === 'MIGRANT' && (r.sex === 'M' || r.sex === 'F') && r.age !== 'TOTAL');
  if (desa.length === 0) return undefined;
  const ages = [...new Set(desa.map((r) => r.age))].sort(ageOrder).filter((a) => !/^YGE(0|15)$/.test(a));
  const values = desa.filter((r) => ages.includes(r.age)).map((r) => ({ age: ageLabel(r.age), sex: sexName(r.sex), thousands: r.value / 1000 }));
  const title = `International migrant stock by age group, ${country.name}, ${year}`;
  const alt = `Bar chart of the international migrant stock of ${country.name} in ${year} by age group and sex (UN DESA benchmark), thousands; `
    + `total ${fmt(values.reduce((s, v) => s + v.thousands, 0))} thousand.`;
  const body = {
    width: 520, height: 220,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'age', type: 'ordinal', title: 'Age group', sort: ages.map(ageLabel), axis: { labelAngle: -45 } },
      xOffset: { field: 'sex', sort: ['Men', 'Women'] },
      y: { field: 'thousands', type: 'quantitative', title: 'Thousands' },
      color: { field: 'sex', type: 'nominal', title: null, scale: { domain: ['Men', 'Women'], range: [OKABE_ITO.bluishGreen, OKABE_ITO.orange] } },
    },
  };
  return assembleChart({
    drawn: values.length, id: `stock-${country.iso3}-${year}`, title, alt, suppressed: 0, width: 520, body,
    source: `Source: ${[...new Set(desa.map((r) => r.source))].join('; ')}`, notes: ['Thousands of persons, all ages.'],
  });
}
