/**
 * The `sdg1071` step: SDG indicator 10.7.1 from the pipeline's recruitment cost survey (inputs.recruitment_costs),
 * written as the UN SDG database CSV and the indicator formats under `sdg1071/<format>/`, with the chart of the
 * corridors under `sdg1071/`, and its section, chart and choices in the report.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { recruitmentCostChart } from '../charts/recruitment-costs.js';
import { CHART_FORMATS, type ChartFormat } from '../charts/render.js';
import type { ReportChart } from '../report/report-model.js';
import { corridorRows } from '../sdg1071/corridors.js';
import { parseDeflator, parseExchangeRates } from '../sdg1071/exchange-rates.js';
import { NET_EARNINGS_RULES, SDG1071_DEFAULTS, SDG1071_ESTIMATORS } from '../sdg1071/options.js';
import { SDG1071_FORMATS, type Sdg1071Run, runSdg1071, writeSdg1071 } from './sdg1071.js';
import { relativeTo, writeCharts } from './step-files.js';
import { type AnyStep, step } from './steps.js';

/** What the step keeps for the report: the run and its chart. */
interface Sdg1071StepResult {
  readonly run: Sdg1071Run;
  readonly chart?: ReportChart;
}

const sdg1071 = step({
  name: 'sdg1071',
  summary: 'SDG indicator 10.7.1 (recruitment costs in months of first-month earnings) from the recruitment cost survey',
  options: z.strictObject({
    formats: z.array(z.enum(SDG1071_FORMATS)).min(1).default([...SDG1071_FORMATS]),
    chart_formats: z.array(z.enum(CHART_FORMATS as readonly [ChartFormat, ...ChartFormat[]])).default([...CHART_FORMATS]),
    window_years: z.number().int().min(0).default(SDG1071_DEFAULTS.windowYears),
    include_interest: z.boolean().default(SDG1071_DEFAULTS.includeInterest),
    estimator: z.enum(SDG1071_ESTIMATORS as readonly ['mean-of-ratios', 'ratio-of-means']).default(SDG1071_DEFAULTS.estimator),
    net_earnings: z.enum(NET_EARNINGS_RULES as readonly ['add-back-deductions', 'as-given']).default(SDG1071_DEFAULTS.netEarnings),
    ratio_limit: z.number().positive().default(SDG1071_DEFAULTS.ratioLimit),
    percent: z.boolean().default(false),
    survey_year: z.number().int().optional(),
    time: z.string().optional(),
  }),
  needs: () => [],
  check: (p, inputs, _o, where) => {
    const rc = p.recruitmentCosts;
    if (!rc) return [`${where}: sdg1071: the step needs inputs.recruitment_costs (profile, tables, exchange_rates)`];
    const problems: string[] = [];
    const parse = (key: string, path: string, parser: (text: string, source: string) => unknown): void => {
      try {
        parser(readFileSync(path, 'utf8'), path);
      } catch (e) {
        problems.push(`${p.locate(['inputs', 'recruitment_costs', key])}: inputs.recruitment_costs.${key}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? `${path} does not exist` : (e as Error).message}`);
      }
    };
    parse('exchange_rates', rc.exchange_rates, parseExchangeRates);
    if (rc.deflator) parse('deflator', rc.deflator, parseDeflator);
    const loaded = inputs.recruitmentCosts;
    if (loaded && Object.keys(loaded.applied.linked).length !== 1) problems.push(`${p.locate(['inputs', 'recruitment_costs', 'profile'])}: inputs.recruitment_costs.profile: the profile needs exactly one table of role cost_item (the workers' cost items)`);
    return problems;
  },
  units: (_p, o) => 1 + o.formats.length + o.chart_formats.length,
  async run(ctx, o) {
    const rc = ctx.pipeline.recruitmentCosts!;
    const input = ctx.inputs.recruitmentCosts!;
    const run = await runSdg1071(
      {
        profilePath: input.profilePath, profile: input.profile, applied: input.applied, exchangeRates: rc.exchange_rates,
        ...(rc.deflator ? { deflator: rc.deflator } : {}),
        files: Object.entries(input.files).map(([role, path]) => ({ path, role })),
      },
      {
        windowYears: o.window_years, includeInterest: o.include_interest, estimator: o.estimator, netEarnings: o.net_earnings, ratioLimit: o.ratio_limit,
        percent: o.percent, level: ctx.pipeline.options.level, reliability: ctx.pipeline.options.reliability, suppression: ctx.pipeline.options.suppression,
        source: rc.source, ...(o.survey_year !== undefined ? { surveyYear: o.survey_year } : {}), ...(o.time ? { time: o.time } : {}),
      },
      { options: { level: ctx.pipeline.options.level, reliability: ctx.pipeline.options.reliability, suppression: ctx.pipeline.options.suppression }, shown: relativeTo(ctx.pipeline.dir) },
    );
    ctx.progress.tick('computed');
    ctx.exclude('sdg1071', run.metadata.exclusions);
    const dir = ctx.stage.claim('sdg1071', 'sdg1071');
    for (const format of o.formats) {
      await writeSdg1071(run, format, `${dir}/${format}`, o.percent);
      ctx.progress.tick(format);
    }
    const rows = corridorRows(run.result.tables);
    if (rows.length === 0 || rows.every((r) => r.suppressed !== null)) {
      ctx.warn('sdg1071', 'recruitment-costs chart not drawn: no corridor estimate published');
      return { run } satisfies Sdg1071StepResult;
    }
    const chart = recruitmentCostChart(rows, { source: ctx.pipeline.sourceNote, reference: `${run.reference.ref_area}, ${run.reference.time}`, level: ctx.pipeline.options.level });
    const [drawn] = await writeCharts(ctx, 'sdg1071', [chart], o.chart_formats);
    return { run, chart: drawn! } satisfies Sdg1071StepResult;
  },
  report: (result) => {
    const { run, chart } = result as Sdg1071StepResult;
    const c = run.result.choices;
    const note = `${c.headline}. Estimator ${c.estimator}; reference jobs starting on or after ${c.windowStart}; ${c.interest}; amounts in ${c.fx.base} (${c.fx.rule}). ${run.result.workers.inScope} workers in scope of ${run.result.workers.records}, ${run.result.workers.excluded} excluded (by reason under Exclusions).`;
    return {
      sections: [{ id: 'sdg1071', heading: 'SDG indicator 10.7.1: recruitment costs', time: run.reference.time, tables: run.result.tables, note }],
      ...(chart ? { charts: [chart] } : {}),
      exclusions: run.metadata.exclusions.map((e) => ({ ...e, step: e.step ? `sdg1071: ${e.step}` : 'sdg1071' })),
      inputs: run.metadata.inputs,
      notes: [`SDG 10.7.1: ${c.scope}; ${c.costRule}; ${c.earnings.rule}; ratios above ${c.ratioLimit} months: ${c.aboveRatioLimit.count} workers, flagged and kept (${c.aboveRatioLimit.rule}).`],
    };
  },
});

export const SDG1071_STEPS: readonly AnyStep[] = [sdg1071];
