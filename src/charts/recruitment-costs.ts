/**
 * Recruitment costs by migration corridor with confidence intervals (SDG indicator 10.7.1: recruitment cost borne by
 * an employee as a proportion of monthly income earned in the country of destination). The corridor estimates come
 * from the SDG 10.7.1 module; this builder takes them as a small table of its own.
 */
import type { Reliability, Suppression } from '../indicators/cell.js';
import { type Chart, type ChartOptions, ChartError, assembleChart } from './chart.js';
import { commonNotes, fmt, intervalNote } from './data.js';
import { intervalLayers } from './marks.js';
import { RELIABILITY_LABELS, SINGLE_COLOUR } from './style.js';

/** One corridor's recruitment cost estimate; estimate and bounds null when suppressed. */
export interface RecruitmentCostRow {
  /** The corridor, origin to destination (`Nepal - Atlantis`). */
  readonly corridor: string;
  readonly estimate: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly reliability: Reliability;
  readonly suppressed: Suppression | null;
}

/** Options of the recruitment cost chart: the common ones, the unit of the estimates and the reference. */
export interface RecruitmentCostOptions extends ChartOptions {
  /** Axis title with the unit; default `Months of earnings at destination` (SDG 10.7.1 as a ratio to monthly earnings). */
  readonly unit?: string;
  /** Area and period of the survey, for the title (`Atlantis, 2024`). */
  readonly reference?: string;
}

const WIDTH = 460;

/** Recruitment costs (SDG 10.7.1) by corridor, highest first, with confidence intervals. */
export function recruitmentCostChart(rows: readonly RecruitmentCostRow[], options: RecruitmentCostOptions = {}): Chart {
  if (rows.length === 0) throw new ChartError('chart recruitment-costs needs corridor estimates (SDG 10.7.1): none given');
  const unit = options.unit ?? 'Months of earnings at destination';
  const drawn = rows.filter((r) => r.suppressed === null && r.estimate !== null && Number.isFinite(r.estimate));
  const suppressed = rows.length - drawn.length;
  const values = drawn.map((r) => ({
    corridor: r.corridor, value: r.estimate!, low: r.ci_low ?? r.estimate!, high: r.ci_high ?? r.estimate!,
    reliability: r.reliability, reliability_label: RELIABILITY_LABELS[r.reliability],
  })).sort((a, b) => b.value - a.value || a.corridor.localeCompare(b.corridor));
  const body = {
    width: WIDTH, height: { step: 20 },
    data: { values },
    layer: intervalLayers({
      y: { field: 'corridor', type: 'ordinal', title: null, sort: values.map((v) => v.corridor), axis: { labelLimit: 400 } },
      x: { field: 'value', type: 'quantitative', title: unit },
      color: { value: SINGLE_COLOUR }, interval: true,
      tooltip: [
        { field: 'corridor', title: 'Corridor' }, { field: 'value', type: 'quantitative', title: unit, format: ',.2f' },
        { field: 'low', type: 'quantitative', title: 'Lower bound', format: ',.2f' }, { field: 'high', type: 'quantitative', title: 'Upper bound', format: ',.2f' },
        { field: 'reliability_label', title: 'Reliability' },
      ],
    }),
  };
  const where = options.reference ? `, ${options.reference}` : '';
  const title = `Recruitment costs by corridor (SDG 10.7.1)${where}`;
  const top = values[0];
  const alt = `Bar chart of recruitment costs borne by workers, SDG indicator 10.7.1, for ${values.length} migration corridors${where}, in ${unit.toLowerCase()}, with confidence intervals.`
    + (top ? ` Highest: ${top.corridor}, ${fmt(top.value, 2)} (${fmt(top.low, 2)} to ${fmt(top.high, 2)}).` : '')
    + (suppressed > 0 ? ` ${suppressed} suppressed corridors are not shown.` : '');
  return assembleChart({
    drawn: values.length, id: 'recruitment-costs', title, alt, suppressed, width: WIDTH, body,
    source: options.source ?? 'Source: migstat estimates (SDG 10.7.1)',
    notes: ['Recruitment costs paid by the worker, relative to monthly earnings at destination.', `Corridors: origin - destination. ${intervalNote(options)}`, ...commonNotes(suppressed, values, 'Lighter bars')],
  });
}
