/**
 * The `admin` step: statistics of the pipeline's administrative registers (inputs.registers): the stock of valid
 * permits and of persons at a reference date, the flows and durations of a period, and the demand for foreign labour
 * (applications and grants), each written in the chosen formats under `admin/<stock|flows|demand>-<time>/<format>/`,
 * with the stock and flows charts, and their sections and charts in the report. Register counts are exact (se 0);
 * small cells are suppressed as survey cells are.
 */
import { z } from 'zod';
import { demandTables } from '../admin/demand.js';
import { flowTables } from '../admin/flows.js';
import { daysToIso, parseDateOption } from '../admin/registers.js';
import { type AdminDimension, ADMIN_DIMENSIONS, adminSuppression, stockTables } from '../admin/stocks.js';
import { registerFlowsChart, registerStockChart } from '../charts/register-charts.js';
import { countryByIso3 } from '../classifications/countries.js';
import { CHART_FORMATS, type ChartFormat } from '../charts/render.js';
import type { IndicatorTable } from '../indicators/cell.js';
import { obsStatusOf } from '../indicators/reliability.js';
import { INDICATOR_OUTPUT_FORMATS, type IndicatorOutputFormat, writeIndicatorOutputs } from '../report/indicator-files.js';
import type { ReportChart, ReportSection } from '../report/report-model.js';
import { type RunExclusion, buildRunMetadata } from '../report/run-metadata.js';
import { ADMIN_ILOSTAT_CHECK, loadRegisters, periodTime, registerExclusions } from './registers.js';
import { relativeTo, withShownPaths, writeCharts } from './step-files.js';
import { type AnyStep, step } from './steps.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface AdminStepResult {
  readonly sections: readonly ReportSection[];
  readonly charts: readonly ReportChart[];
  readonly exclusions: readonly RunExclusion[];
}

const admin = step({
  name: 'admin',
  summary: 'statistics of administrative registers: stocks at a date, flows and durations of a period, demand for foreign labour',
  options: z.strictObject({
    /** Reference date of the stock. */
    date: z.string().regex(ISO_DATE, 'expected a date YYYY-MM-DD'),
    /** Period of the flows and the demand (a calendar year, quarter or month, or give `time`). */
    from: z.string().regex(ISO_DATE, 'expected a date YYYY-MM-DD'),
    to: z.string().regex(ISO_DATE, 'expected a date YYYY-MM-DD'),
    time: z.string().optional(),
    by: z.array(z.enum(ADMIN_DIMENSIONS as readonly [AdminDimension, ...AdminDimension[]])).default(['nationality', 'occupation']),
    grace_days: z.number().int().min(0).default(30),
    formats: z.array(z.enum(INDICATOR_OUTPUT_FORMATS as readonly [IndicatorOutputFormat, ...IndicatorOutputFormat[]])).min(1).default(['csv', 'json', 'ilostat']),
    chart_formats: z.array(z.enum(CHART_FORMATS as readonly [ChartFormat, ...ChartFormat[]])).default([...CHART_FORMATS]),
  }),
  needs: () => [],
  check: (p, _inputs, o, where) => {
    const problems = p.registers ? [] : [`${where}: admin: the step needs inputs.registers (profile, files)`];
    if (o.from > o.to) problems.push(`${where}: admin: from ${o.from} is after to ${o.to}`);
    else if (!o.time && !periodTime(parseDateOption('from', o.from), parseDateOption('to', o.to))) problems.push(`${where}: admin: the period ${o.from} to ${o.to} is not a calendar year, quarter or month: give its ILOSTAT time code with time`);
    return problems;
  },
  units: (_p, o) => 1 + 3 * o.formats.length + 2 * o.chart_formats.length,
  async run(ctx, o) {
    const r = ctx.pipeline.registers!;
    const reg = await loadRegisters(Object.entries(r.files).map(([name, file]) => `${name}=${file}`), {
      profile: r.profile, fixReversed: r.fix_reversed, keysId: r.keys?.id ?? 'row_id', ...(r.person_key ? { personKey: r.person_key } : {}), ...(r.keys ? { keys: r.keys.file } : {}),
    });
    ctx.progress.tick('registers read');
    const date = parseDateOption('date', o.date);
    const from = parseDateOption('from', o.from);
    const to = parseDateOption('to', o.to);
    const time = o.time ?? periodTime(from, to)!;
    const policy = ctx.pipeline.options.suppression;
    const stock = adminSuppression(stockTables(reg.permits, date, { by: o.by }).tables, policy);
    const flows = adminSuppression(flowTables(reg.permits, from, to, { by: o.by, graceDays: o.grace_days }).tables, policy);
    const demand = adminSuppression(demandTables(reg.all, from, to, { by: o.by.filter((d) => d === 'occupation' || d === 'sector') }).tables, policy);
    const country = reg.loaded.profile.survey.country;
    const base = registerExclusions(reg.log);
    const sets: { id: string; heading: string; time: string; tables: IndicatorTable[]; suppressed: number; options: Record<string, unknown> }[] = [
      { id: `stock-${o.date}`, heading: `Registers: stock of valid permits on ${o.date}`, time: o.date.slice(0, 4), tables: stock.tables, suppressed: stock.suppressed.length, options: { command: 'stock', date: o.date } },
      { id: `flows-${time}`, heading: `Registers: flows ${o.from} to ${o.to}`, time, tables: flows.tables, suppressed: flows.suppressed.length, options: { command: 'flows', from: o.from, to: o.to, graceDays: o.grace_days } },
      { id: `demand-${time}`, heading: `Registers: demand for foreign labour ${o.from} to ${o.to}`, time, tables: demand.tables, suppressed: demand.suppressed.length, options: { command: 'demand', from: o.from, to: o.to } },
    ];
    const exclusions: RunExclusion[] = base.map((e) => ({ ...e, step: `admin: ${e.step ?? 'registers'}` }));
    for (const set of sets) {
      const suppressed = set.suppressed ? [{ reason: `${set.id}: count cells suppressed (disclosure control)`, count: set.suppressed, step: 'suppression' }] : [];
      const setExclusions = [...base, ...suppressed];
      exclusions.push(...suppressed.map((e) => ({ ...e, step: 'admin: suppression' })));
      const reference = { ref_area: country, source: r.source, time: set.time };
      const meta = await buildRunMetadata({
        inputs: Object.entries(reg.bound).map(([name, path]) => ({ path, role: `register ${name}` })), profile: r.profile, reference, exclusions: setExclusions,
        options: { ...set.options, by: o.by, personKey: r.person_key ?? 'person_id', fixReversed: r.fix_reversed, suppression: policy },
        standards: { labourForce: 'not applied', migrantCriterion: 'citizenship', usualResidence: 'not applied', informality: 'not applied', registers: 'exact counts: se 0, intervals equal to the estimate' } as never,
      });
      const metadata = withShownPaths(meta, relativeTo(ctx.pipeline.dir));
      const dir = ctx.stage.claim(`admin/${set.id}`, 'admin');
      for (const format of o.formats) {
        await writeIndicatorOutputs(set.tables, { format, outDir: `${dir}/${format}`, ...reference, obsStatus: obsStatusOf(), metadata, check: ADMIN_ILOSTAT_CHECK });
        ctx.progress.tick(`${set.id} ${format}`);
      }
    }
    ctx.exclude('admin', exclusions);
    let charts: ReportChart[] = [];
    if (o.by.includes('nationality')) {
      ctx.stage.claim('admin/charts', 'admin');
      const chartOptions = { source: `Source: ${r.name ?? 'administrative registers'} (exact counts); migstat`, area: countryByIso3(country)?.name ?? country };
      charts = await writeCharts(ctx, 'admin/charts', [registerStockChart(stock.tables, { ...chartOptions, date: daysToIso(date) }), registerFlowsChart(flows.tables, { ...chartOptions, period: `${o.from} to ${o.to}` })], o.chart_formats);
    } else ctx.warn('admin', 'register charts are drawn by nationality: add nationality to by');
    const note = 'Register counts are exact (no sampling error: se 0); small cells are suppressed like survey cells.';
    return { sections: sets.map((s) => ({ id: `admin-${s.id}`, heading: s.heading, time: s.time, tables: s.tables, note })), charts, exclusions } satisfies AdminStepResult;
  },
  report: (result) => {
    const r = result as AdminStepResult;
    return { sections: r.sections, charts: r.charts, exclusions: r.exclusions };
  },
});

export const ADMIN_STEPS: readonly AnyStep[] = [admin];
