/**
 * International migrant workers (migrants in the labour force, 20th ICLS) by origin, both sexes: by ILO region of
 * origin (MGS_MIGW_SEX_REG_NB) and by country of origin (MGS_MIGW_SEX_CTY_NB, the top countries and the rest) as bars
 * with confidence intervals, and by country as a world choropleth on world-atlas `countries-110m` (TopoJSON inlined in
 * the spec: no network, no URL data; ISO 3166 numeric ids matched through the M49 list).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { countryByIso3 } from '../classifications/countries.js';
import { ILO_REGIONS } from '../classifications/ilo-regions.js';
import type { Reliability } from '../indicators/cell.js';
import type { TidyRow } from '../indicators/tidy.js';
import { type Chart, type ChartOptions, ChartError, assembleChart } from './chart.js';
import { cellsOf, commonNotes, drawable, fmt, intervalNote, itemLabel, lowerFirst, num, reference, reliabilityFields, resolveIndicators, sourceLine } from './data.js';
import { intervalLayers } from './marks.js';
import { MAP_RAMP, SINGLE_COLOUR, reliabilityDash } from './style.js';

export const ORIGIN_REGION_INDICATOR = 'MGS_MIGW_SEX_REG_NB';
export const ORIGIN_COUNTRY_INDICATOR = 'MGS_MIGW_SEX_CTY_NB';

const WIDTH = 480;
const MAP_WIDTH = 640;

/** One drawn origin: its label, M49 code (countries), thousands of migrant workers with the interval, reliability. */
interface OriginDatum {
  readonly origin: string;
  readonly m49: string | null;
  readonly thousands: number;
  readonly low: number;
  readonly high: number;
  readonly reliability: Reliability;
  readonly reliability_label: string;
}

/** The label of an origin item: the ILO region's name, the country's M49 name, `Other countries` for `_OTH`. */
function originLabel(code: string): { label: string; m49: string | null } {
  const region = /^ILO_REGION_([A-Z]+)$/.exec(code);
  if (region) return { label: ILO_REGIONS.find((r) => r.code === region[1])?.name ?? code, m49: null };
  if (/_OTH$/.test(code)) return { label: 'Other countries', m49: null };
  const country = countryByIso3(code.slice(-3));
  return { label: country?.name ?? itemLabel(code), m49: country?.m49 ?? null };
}

/** The drawn origins of an indicator (both sexes, items other than the total), largest first and `Other countries` last. */
function originData(rows: readonly TidyRow[], indicator: string): { values: OriginDatum[]; suppressed: number } {
  const cells = cellsOf(rows, indicator, (r) => r.sex === 'SEX_T' && r.classif1 !== null && !String(r.classif1).endsWith('_TOTAL'));
  const { drawn, suppressed } = drawable(cells);
  const values = drawn.map((r) => {
    const { label, m49 } = originLabel(String(r.classif1));
    const est = num(r.estimate)!;
    return { origin: label, m49, thousands: est / 1000, low: (num(r.ci_low) ?? est) / 1000, high: (num(r.ci_high) ?? est) / 1000, ...reliabilityFields(r) };
  });
  const other = (d: OriginDatum): number => (d.origin === 'Other countries' ? 1 : 0);
  values.sort((a, b) => other(a) - other(b) || b.thousands - a.thousands || a.origin.localeCompare(b.origin));
  return { values, suppressed };
}

/** Alt-text figures: the largest origins (other than `Other countries`) with their thousands and share of `total`. */
function largest(values: readonly OriginDatum[], k: number, total: number): string {
  return values.filter((v) => v.origin !== 'Other countries').slice(0, k)
    .map((v) => `${v.origin} ${fmt(v.thousands)} thousand (${fmt(total > 0 ? (100 * v.thousands) / total : 0)}%)`).join(', ');
}

/** Thousands of persons over all drawn origins. */
function sum(values: readonly OriginDatum[]): number {
  return values.reduce((a, v) => a + v.thousands, 0);
}

/** Bars of migrant workers by origin with intervals. */
function originBars(id: string, rows: readonly TidyRow[], indicator: string, what: string, options: ChartOptions): Chart {
  const { values, suppressed } = originData(rows, indicator);
  const y = { field: 'origin', type: 'ordinal', title: null, sort: values.map((v) => v.origin), axis: { labelLimit: 400 } };
  const body = {
    width: WIDTH, height: { step: 20 },
    data: { values },
    layer: intervalLayers({
      y, interval: true,
      x: { field: 'thousands', type: 'quantitative', title: 'Thousands of persons' },
      color: { value: SINGLE_COLOUR },
      tooltip: [
        { field: 'origin', title: what }, { field: 'thousands', type: 'quantitative', title: 'Thousands of persons', format: ',.1f' },
        { field: 'low', type: 'quantitative', title: 'Lower bound', format: ',.1f' }, { field: 'high', type: 'quantitative', title: 'Upper bound', format: ',.1f' },
        { field: 'reliability_label', title: 'Reliability' },
      ],
    }),
  };
  const title = `International migrant workers by ${lowerFirst(what)}, ${reference(rows)}`;
  const alt = `Bar chart of international migrant workers (migrants in the labour force) in ${reference(rows)} by ${lowerFirst(what)}, both sexes, in thousands of persons with confidence intervals. `
    + `Largest: ${largest(values, 3, sum(values))}.` + (suppressed > 0 ? ` ${suppressed} suppressed cells are not shown.` : '');
  return assembleChart({
    drawn: values.length, id, title, alt, suppressed, source: sourceLine(rows, options), width: WIDTH, body,
    notes: [`Migrants in the labour force, both sexes, thousands. ${intervalNote(options)}`, ...commonNotes(suppressed, values, 'Lighter bars')],
  });
}

/** International migrant workers by ILO region of origin (bars with confidence intervals). */
export function originRegionChart(rows: readonly TidyRow[], options: ChartOptions = {}): Chart {
  resolveIndicators(rows, 'origin-region', [ORIGIN_REGION_INDICATOR], options);
  return originBars('origin-region', rows, ORIGIN_REGION_INDICATOR, 'ILO region of origin', options);
}

/** International migrant workers by country of origin: the top countries and the rest (bars with confidence intervals). */
export function originCountryChart(rows: readonly TidyRow[], options: ChartOptions = {}): Chart {
  resolveIndicators(rows, 'origin-country', [ORIGIN_COUNTRY_INDICATOR], options);
  return originBars('origin-country', rows, ORIGIN_COUNTRY_INDICATOR, 'Country of origin', options);
}

const require = createRequire(import.meta.url);
let topology: unknown;

/** The world-atlas `countries-110m.json` TopoJSON (object `countries`, ids ISO 3166 numeric = M49), read once. */
export function worldTopology(): unknown {
  topology ??= JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as unknown;
  return topology;
}

/** World choropleth of international migrant workers by country of origin (countries without an estimate in grey). */
export function originMapChart(rows: readonly TidyRow[], options: ChartOptions = {}): Chart {
  resolveIndicators(rows, 'origin-map', [ORIGIN_COUNTRY_INDICATOR], options);
  const { values, suppressed } = originData(rows, ORIGIN_COUNTRY_INDICATOR);
  const mapped = values.filter((v) => v.m49 !== null);
  if (mapped.length === 0) throw new ChartError(`chart origin-map: ${ORIGIN_COUNTRY_INDICATOR} has no country of origin to map (only totals, other countries or suppressed cells)`);
  const unmapped = values.filter((v) => v.m49 === null);
  const noData = 'datum.thousands == null';
  const body = {
    width: MAP_WIDTH, height: 330,
    data: { values: worldTopology(), format: { type: 'topojson', feature: 'countries' } },
    transform: [{ lookup: 'id', from: { data: { values: mapped }, key: 'm49', fields: ['origin', 'thousands', 'low', 'high', 'reliability_label'] } }],
    projection: { type: 'equalEarth' },
    mark: { type: 'geoshape', invalid: 'show' },
    encoding: {
      color: { condition: { test: noData, value: '#E3E3E3' }, field: 'thousands', type: 'quantitative', title: 'Thousands of persons', scale: { range: MAP_RAMP, zero: true } },
      stroke: { condition: { test: noData, value: '#FFFFFF' }, value: '#222222' },
      strokeWidth: { condition: { test: noData, value: 0.4 }, value: 1 },
      strokeDash: { condition: { test: noData, value: [1, 0] }, ...reliabilityDash() },
      tooltip: [
        { field: 'origin', title: 'Country of origin' }, { field: 'thousands', type: 'quantitative', title: 'Thousands of persons', format: ',.1f' },
        { field: 'reliability_label', title: 'Reliability' },
      ],
    },
  };
  const title = `International migrant workers by country of origin, ${reference(rows)}`;
  const rest = unmapped.map((v) => `${v.origin}: ${fmt(v.thousands)} thousand`).join('; ');
  const alt = `World map of international migrant workers (migrants in the labour force) in ${reference(rows)} by country of origin, shaded by thousands of persons; `
    + `${mapped.length} countries are shown. Largest: ${largest(mapped, 3, sum(values))}.` + (rest ? ` Not on the map: ${rest}.` : '')
    + (suppressed > 0 ? ` ${suppressed} suppressed cells are not shown.` : '');
  return assembleChart({
    drawn: mapped.length, id: 'origin-map', title, alt, suppressed, source: sourceLine(rows, options), width: MAP_WIDTH, body,
    notes: [
      'Migrants in the labour force, both sexes, thousands; grey: no estimate published for the country.',
      ...(rest ? [`Not on the map: ${rest}.`] : []),
      ...commonNotes(suppressed, mapped, 'Dashed or dotted outlines'),
    ],
  });
}
