/**
 * Every chart of tidy result rows by kind, and `chartsFor`: all the charts some rows support, with the kinds skipped
 * and why (the pipeline calls it). Recruitment costs (SDG 10.7.1) take corridor estimates, not tidy rows: see
 * recruitment-costs.ts.
 */
import type { TidyRow } from '../indicators/tidy.js';
import { type Chart, ChartError, type ChartOptions } from './chart.js';
import { employmentCompositionChart } from './employment-composition.js';
import { labourRatesChart } from './labour-rates.js';
import { originCountryChart, originMapChart, originRegionChart } from './origin.js';
import { pyramidChart } from './pyramid.js';
import { roundChangeChart } from './round-change.js';

/** The chart kinds of tidy rows, in the order `chartsFor` builds them. */
export const CHART_KINDS = [
  'pyramid', 'labour-rates', 'employment-occupation', 'employment-industry', 'employment-status',
  'origin-region', 'origin-country', 'origin-map', 'round-change',
] as const;

export type ChartKind = (typeof CHART_KINDS)[number];

const BUILDERS: Readonly<Record<ChartKind, (rows: readonly TidyRow[], options: ChartOptions) => Chart>> = {
  pyramid: pyramidChart,
  'labour-rates': labourRatesChart,
  'employment-occupation': (rows, o) => employmentCompositionChart(rows, 'occupation', o),
  'employment-industry': (rows, o) => employmentCompositionChart(rows, 'industry', o),
  'employment-status': (rows, o) => employmentCompositionChart(rows, 'status', o),
  'origin-region': originRegionChart,
  'origin-country': originCountryChart,
  'origin-map': originMapChart,
  'round-change': roundChangeChart,
};

/** Whether a name is a chart kind. */
export function isChartKind(name: string): name is ChartKind {
  return (CHART_KINDS as readonly string[]).includes(name);
}

/** The chart of a kind from tidy rows; a ChartError names the indicators missing. */
export function chartFor(kind: ChartKind, rows: readonly TidyRow[], options: ChartOptions = {}): Chart {
  const build = BUILDERS[kind];
  if (!build) throw new ChartError(`unknown chart kind "${String(kind)}"; kinds are: ${CHART_KINDS.join(', ')}`);
  return build(rows, options);
}

/** A chart kind not built, with the reason (the builder's error message). */
export interface SkippedChart {
  readonly kind: ChartKind;
  readonly reason: string;
}

/** Every chart the rows support, in CHART_KINDS order, and the kinds skipped with the reason. */
export function chartsFor(rows: readonly TidyRow[], options: ChartOptions = {}): { charts: Chart[]; skipped: SkippedChart[] } {
  const charts: Chart[] = [];
  const skipped: SkippedChart[] = [];
  for (const kind of CHART_KINDS) {
    try {
      charts.push(chartFor(kind, rows, options));
    } catch (e) {
      if (!(e instanceof ChartError)) throw e;
      skipped.push({ kind, reason: e.message });
    }
  }
  return { charts, skipped };
}
