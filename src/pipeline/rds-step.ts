/**
 * The `rds` step: estimates from the pipeline's respondent-driven sample (inputs.rds) for each outcome, with Salganik
 * bootstrap intervals and the convergence and bottleneck diagnostics (src/sampling), written under `rds/`
 * (estimates.csv, estimates.json, the diagnostic charts), and their charts and estimates in the report.
 */
import { z } from 'zod';
import { RDS_ESTIMATOR_NAMES, rdsBottleneckChart, rdsConvergenceChart } from '../charts/rds-diagnostics.js';
import { CHART_FORMATS, type ChartFormat } from '../charts/render.js';
import { readTable } from '../io/read.js';
import { toCsv } from '../io/write.js';
import type { ReportChart } from '../report/report-model.js';
import { type RdsAnalysis, rdsEstimate } from '../sampling/rds-analysis.js';
import { rdsFromRecruiters } from '../sampling/rds-data.js';
import { rdsBottlenecks, rdsConvergence, rdsHomophily } from '../sampling/rds-diagnostics.js';
import { RDS_ESTIMATORS, type RdsEstimator } from '../sampling/rds-estimators.js';
import { writeCharts } from './step-files.js';
import { type AnyStep, step } from './steps.js';

/** The step's result: each outcome's analysis and the charts drawn. */
interface RdsStepResult {
  readonly analyses: readonly { readonly outcome: string; readonly analysis: RdsAnalysis }[];
  readonly charts: readonly ReportChart[];
  readonly population: string;
}

const CSV_COLUMNS = ['estimator', 'outcome', 'level', 'estimate', 'se', 'ci_low', 'ci_high', 'n'] as const;

const rds = step({
  name: 'rds',
  summary: 'respondent-driven sampling estimates (RDS-I, RDS-II, SS) with bootstrap intervals and diagnostics of the hidden-population sample',
  options: z.strictObject({
    estimator: z.enum(RDS_ESTIMATORS as readonly [RdsEstimator, ...RdsEstimator[]]).default('rds2'),
    seeds: z.enum(['include', 'exclude']).default('include'),
    /** Salganik bootstrap replicates (0: the empirical-likelihood SE and a normal interval). */
    bootstrap: z.number().int().min(0).default(1000),
    seed: z.number().int().min(0).default(1),
    chart_formats: z.array(z.enum(CHART_FORMATS as readonly [ChartFormat, ...ChartFormat[]])).default([...CHART_FORMATS]),
  }),
  needs: () => [],
  check: (p, _inputs, o, where) => [
    ...(p.rds ? [] : [`${where}: rds: the step needs inputs.rds (file, id, recruiter, degree, outcomes)`]),
    ...(o.estimator === 'ss' && !p.rds?.population_size ? [`${where}: rds: the successive-sampling estimator needs inputs.rds.population_size`] : []),
  ],
  units: (p, o) => (p.rds?.outcomes.length ?? 0) * (1 + 2 * o.chart_formats.length),
  async run(ctx, o) {
    const input = ctx.pipeline.rds!;
    const table = await readTable(input.file);
    const sample = rdsFromRecruiters(table, { id: input.id, recruiter: input.recruiter }, { degree: input.degree });
    for (const pr of sample.problems) ctx.warn('rds', `${input.file}: ${pr.message}`);
    const population = input.name ?? 'the hidden population';
    const options = { estimator: o.estimator, seeds: o.seeds, outcomeKind: 'categorical' as const, bootstrap: o.bootstrap, seed: o.seed, level: ctx.pipeline.options.level, ...(input.population_size ? { populationSize: input.population_size } : {}) };
    ctx.stage.claim('rds', 'rds');
    const analyses: { outcome: string; analysis: RdsAnalysis }[] = [];
    const charts: ReportChart[] = [];
    const diagnostics: Record<string, unknown> = {};
    for (const outcome of input.outcomes) {
      const analysis = rdsEstimate(sample, outcome, options);
      analyses.push({ outcome, analysis });
      for (const w of analysis.warnings) ctx.warn('rds', `${outcome}: ${w}`);
      ctx.exclude('rds', analysis.exclusions.map((e) => ({ reason: `${outcome}: ${e.reason}`, count: e.count, step: 'rds' })));
      ctx.progress.tick(`${outcome} estimated`);
      const convergence = rdsConvergence(sample, outcome, options);
      const bottlenecks = rdsBottlenecks(sample, outcome, options);
      diagnostics[outcome] = { convergence, bottlenecks, homophily: rdsHomophily(sample, outcome, options) };
      const chartOptions = { source: ctx.pipeline.sourceNote, population };
      const drawn = [rdsConvergenceChart(convergence, analysis.results, chartOptions), rdsBottleneckChart(bottlenecks, analysis.results, chartOptions)];
      charts.push(...(await writeCharts(ctx, 'rds', drawn, o.chart_formats, drawn.map((c) => `${c.id}-${outcome}`))));
    }
    const rows = analyses.flatMap((a) => a.analysis.results);
    await ctx.stage.write('rds/estimates.csv', toCsv(CSV_COLUMNS, rows as unknown as Record<string, unknown>[]));
    const json = {
      results: rows, options: { ...options, seedsConvention: o.seeds },
      outcomes: analyses.map(({ outcome, analysis: a }) => ({ outcome, uncertainty: a.uncertainty, bootstrap: a.bootstrap ?? null, degree: a.degree, exclusions: a.exclusions, warnings: a.warnings })),
      diagnostics,
    };
    await ctx.stage.write('rds/estimates.json', `${JSON.stringify(json, null, 2)}\n`);
    return { analyses, charts, population } satisfies RdsStepResult;
  },
  report: (result) => {
    const r = result as RdsStepResult;
    const pct = (x: number): string => (100 * x).toFixed(1);
    const lines = r.analyses.flatMap(({ outcome, analysis: a }) => a.results.map((x) =>
      `${RDS_ESTIMATOR_NAMES[x.estimator]} estimate of ${outcome} = ${x.level}: ${pct(x.estimate)}% (${a.uncertainty === 'bootstrap' ? `Salganik bootstrap, ${a.bootstrap?.replicates ?? 0} replicates` : 'empirical-likelihood SE'}; interval ${pct(x.ci_low)}-${pct(x.ci_high)}%), n = ${x.n}`));
    return {
      charts: r.charts,
      notes: [`Respondent-driven sample of ${r.population}: ${lines.join('; ')}. RDS estimates rest on the assumptions of the estimator (recruitment as a random walk, reported degrees proportional to inclusion); the diagnostics charts show whether the estimate settled across waves and seed trees.`],
    };
  },
});

export const RDS_STEPS: readonly AnyStep[] = [rds];
