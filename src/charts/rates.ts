/**
 * Rates of migrants and non-migrants by sex at the age total (AGE_YTHADULT_YGE15, or no age breakdown), as the points
 * of a rate chart: the cells of labour-rates.ts (levels, %) and round-change.ts (changes, percentage points).
 */
import { AGE_BREAKDOWNS } from '../concepts/derived-groups.js';
import type { Reliability } from '../indicators/cell.js';
import type { TidyRow } from '../indicators/tidy.js';
import { type MigrantItems, drawable, num, reliabilityFields, sexLabel, statusOf } from './data.js';
import { intervalLayers } from './marks.js';
import { MIGRANT_COLOURS } from './style.js';

/** One drawn rate: the measure, sex, migrant status, value and interval, reliability. */
export interface RateDatum {
  readonly measure: string;
  readonly sex: string;
  readonly group: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly reliability: Reliability;
  readonly reliability_label: string;
}

const SEXES = ['SEX_T', 'SEX_M', 'SEX_F'];
const AGE_TOTAL = AGE_BREAKDOWNS.YTHADULT.total;

/** The drawn rates of the indicators (code to measure label) for migrants and non-migrants, and the suppressed cells left out. */
export function rateData(rows: readonly TidyRow[], measures: ReadonlyMap<string, string>, mig: MigrantItems): { values: RateDatum[]; suppressed: number } {
  const cells = rows.filter((r) => measures.has(String(r.indicator)) && SEXES.includes(String(r.sex)) && statusOf(r, mig) !== undefined
    && (r.classif2 === null || r.classif1 === AGE_TOTAL));
  const { drawn, suppressed } = drawable(cells);
  const values = drawn.map((r) => {
    const value = num(r.estimate)!;
    return {
      measure: measures.get(String(r.indicator))!, sex: sexLabel(r.sex), group: statusOf(r, mig) === 'migrant' ? mig.migrantLabel : mig.nonMigrantLabel,
      value, low: num(r.ci_low) ?? value, high: num(r.ci_high) ?? value, ...reliabilityFields(r),
    };
  });
  return { values, suppressed };
}

/** The sex labels in chart order. */
export const SEX_ORDER: readonly string[] = SEXES.map(sexLabel);

/** The panel grid of a rate chart: one panel per measure (two columns), sex down the side, migrants and non-migrants side by side. */
export function rateBody(values: readonly RateDatum[], measures: readonly string[], mig: MigrantItems, axis: { title: string; unit: string; zero: boolean; mark: 'bar' | 'point' }): Record<string, unknown> {
  const y = { field: 'sex', type: 'ordinal', title: null, sort: SEX_ORDER };
  const yOffset = { field: 'group', type: 'nominal', sort: [mig.nonMigrantLabel, mig.migrantLabel] };
  const layers = intervalLayers({
    y, yOffset, interval: true, mark: axis.mark,
    x: { field: 'value', type: 'quantitative', title: axis.title },
    color: { field: 'group', type: 'nominal', title: 'Migrant status', legend: { symbolOpacity: 1 }, scale: { domain: [mig.nonMigrantLabel, mig.migrantLabel], range: [MIGRANT_COLOURS.nonMigrant, MIGRANT_COLOURS.migrant] } },
    tooltip: [
      { field: 'measure', title: 'Indicator' }, { field: 'sex', title: 'Sex' }, { field: 'group', title: 'Migrant status' },
      { field: 'value', type: 'quantitative', title: axis.unit, format: '.1f' }, { field: 'low', type: 'quantitative', title: 'Lower bound', format: '.1f' },
      { field: 'high', type: 'quantitative', title: 'Upper bound', format: '.1f' }, { field: 'reliability_label', title: 'Reliability' },
    ],
  });
  const zero = { mark: { type: 'rule', color: '#222' }, encoding: { x: { datum: 0, type: 'quantitative' } } };
  return {
    data: { values },
    facet: { field: 'measure', type: 'nominal', sort: measures, title: null, header: { labelAnchor: 'start', labelLimit: RATE_PANEL_WIDTH } },
    columns: 2,
    spec: { width: RATE_PANEL_WIDTH, height: { step: 13 }, layer: axis.zero ? [zero, ...layers] : layers },
    resolve: { scale: { x: 'independent' } },
  };
}

/** Width of one panel of a rate chart, and of the whole grid (two panels and the gap). */
export const RATE_PANEL_WIDTH = 300;
export const RATE_GRID_WIDTH = 2 * RATE_PANEL_WIDTH + 60;
