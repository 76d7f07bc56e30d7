/**
 * The `charts` step: every chart the published tables support (src/charts `chartsFor`), drawn from one round's tables
 * and, when the pipeline has a change step, the changes between rounds; written to `charts/<kind>.vl.json|svg|png`.
 * Suppressed cells are left out by the builders (tidy rows blank them); charts the tables cannot support are listed
 * as warnings.
 */
import { z } from 'zod';
import { type Chart, type ChartOptions } from '../charts/chart.js';
import { CHART_KINDS, type ChartKind, chartFor, chartsFor } from '../charts/charts-for.js';
import { CHART_FORMATS, type ChartFormat } from '../charts/render.js';
import { type TidyRow, tidyRows } from '../indicators/tidy.js';
import type { ReportChart } from '../report/report-model.js';
import { writeCharts } from './step-files.js';
import { type AnyStep, step } from './steps.js';
import { type TableSet, mainSet } from './survey-steps.js';

/** Tidy rows of a table set, with its reference and standards. */
export const setRows = (set: TableSet): TidyRow[] =>
  tidyRows(set.tables, { ...set.metadata.reference!, criterion: set.metadata.standards.migrantCriterion, standard: set.metadata.standards.labourForce });

const charts = step({
  name: 'charts',
  summary: 'charts of the published tables (pyramid, labour force rates, employment, origin, changes) as Vega-Lite, SVG and PNG',
  options: z.strictObject({
    formats: z.array(z.enum(CHART_FORMATS as readonly [ChartFormat, ...ChartFormat[]])).min(1).default([...CHART_FORMATS]),
    /** Chart kinds to draw (each must be drawable); default every kind the tables support. */
    kinds: z.array(z.enum(CHART_KINDS)).min(1).optional(),
    /** The round drawn; default the last round of the indicators step. */
    round: z.string().optional(),
  }),
  needs: (_o, listed) => ['indicators', ...(listed.includes('change') ? ['change'] : [])],
  check: (p, _rounds, o, where) =>
    o.round !== undefined && !p.survey?.rounds.some((r) => r.label === o.round) ? [`${where}: charts: round ${o.round} is not among inputs.survey.rounds`] : [],
  units: (_p, o) => (o.kinds?.length ?? CHART_KINDS.length) * o.formats.length,
  async run(ctx, o) {
    const sets = ctx.results.get('indicators') as TableSet[];
    const change = ctx.results.get('change') as TableSet | undefined;
    const main = mainSet(sets, o.round);
    if (o.round !== undefined && main.id !== o.round) throw new Error(`charts: round ${o.round} was not computed by the indicators step (rounds: ${sets.map((s) => s.id).join(', ')})`);
    const rows = [...setRows(main), ...(change ? setRows(change) : [])];
    const options: ChartOptions = { source: ctx.pipeline.sourceNote, criterion: main.metadata.standards.migrantCriterion as ChartOptions['criterion'], level: ctx.pipeline.options.level };
    let drawn: Chart[];
    if (o.kinds) drawn = o.kinds.map((k: ChartKind) => chartFor(k, rows, options));
    else {
      const all = chartsFor(rows, options);
      for (const s of all.skipped) ctx.warn('charts', `${s.kind} not drawn: ${s.reason}`);
      drawn = all.charts;
    }
    ctx.stage.claim('charts', 'charts');
    return writeCharts(ctx, 'charts', drawn, o.formats);
  },
  report: (result) => ({ charts: result as ReportChart[] }),
});

export const CHART_STEPS: readonly AnyStep[] = [charts];
