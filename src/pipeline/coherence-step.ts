/**
 * The `coherence` step: the policy coherence assessment of the pipeline's inputs.coherence (stakeholders' responses
 * scored with the rubric, interaction matrix), with the evidence from the statistics the pipeline computed itself
 * (the last round's ILMS tables and SDG 10.7.1 when listed), written under `coherence/` (coherence.json, one CSV per
 * table, the radar and heat map charts), and its section with tables and charts in the report.
 */
import { z } from 'zod';
import { coherenceReportSection } from '../charts/coherence-report.js';
import { CHART_FORMATS, type ChartFormat } from '../charts/render.js';
import { assessCoherence, coherenceJson, plainTableCsv } from '../coherence/assess.js';
import { indicatorRowsFromTables } from '../coherence/evidence.js';
import { readInteractionMatrix } from '../coherence/interaction-matrix.js';
import { readResponses } from '../coherence/responses.js';
import { defaultRubric, loadRubric } from '../coherence/rubric.js';
import type { ReportChart, ReportSection } from '../report/report-model.js';
import type { Sdg1071Run } from './sdg1071.js';
import { writeCharts } from './step-files.js';
import { type AnyStep, step } from './steps.js';
import { type TableSet, mainSet } from './survey-steps.js';

interface CoherenceStepResult {
  readonly section: ReportSection;
  readonly charts: readonly ReportChart[];
  readonly notes: readonly string[];
}

/** The inputs read: problems as messages (for the check), or the rubric, responses and matrix. */
async function readInputs(c: { responses: string; rubric?: string; matrix?: string }) {
  const rubric = c.rubric ? loadRubric(c.rubric) : defaultRubric();
  return { rubric, responses: await readResponses(c.responses, rubric), matrix: c.matrix ? await readInteractionMatrix(c.matrix) : undefined };
}

const coherence = step({
  name: 'coherence',
  summary: 'policy coherence assessment: rubric scores with agreement, interaction matrix, evidence from the statistics computed',
  options: z.strictObject({
    formats: z.array(z.enum(['json', 'csv'])).min(1).default(['json', 'csv']),
    chart_formats: z.array(z.enum(CHART_FORMATS as readonly [ChartFormat, ...ChartFormat[]])).default([...CHART_FORMATS]),
  }),
  needs: (_o, listed) => ['indicators', 'sdg1071'].filter((n) => listed.includes(n)),
  async check(p, _inputs, _o, where) {
    if (!p.coherence) return [`${where}: coherence: the step needs inputs.coherence (responses, and a rubric and interaction matrix if not the defaults)`];
    try {
      await readInputs(p.coherence);
      return [];
    } catch (e) {
      return [`${p.locate(['inputs', 'coherence'])}: inputs.coherence: ${(e as Error).message}`];
    }
  },
  units: (_p, o) => 1 + o.formats.length + 2 * o.chart_formats.length,
  async run(ctx, o) {
    const input = await readInputs(ctx.pipeline.coherence!);
    const sets = ctx.results.get('indicators') as TableSet[] | undefined;
    const sdg = ctx.results.get('sdg1071') as { run: Sdg1071Run } | undefined;
    const main = sets ? mainSet(sets, undefined) : undefined;
    const indicators = [
      ...indicatorRowsFromTables(main?.tables ?? [], main?.time ?? null),
      ...(sdg ? indicatorRowsFromTables(sdg.run.result.tables, sdg.run.reference.time) : []),
    ];
    const result = assessCoherence(input.rubric, input.responses, { ...(input.matrix ? { matrix: input.matrix } : {}), indicators, level: ctx.pipeline.options.level });
    ctx.progress.tick('assessed');
    const name = ctx.pipeline.coherence!.name;
    const part = coherenceReportSection(result, { source: ctx.pipeline.sourceNote, ...(name ? { assessment: name } : {}) });
    ctx.stage.claim('coherence', 'coherence');
    for (const format of o.formats) {
      if (format === 'json') await ctx.stage.write('coherence/coherence.json', coherenceJson(result));
      else for (const t of part.tables) await ctx.stage.write(`coherence/${t.name}.csv`, plainTableCsv(t));
      ctx.progress.tick(format);
    }
    const charts = await writeCharts(ctx, 'coherence/charts', part.charts, o.chart_formats);
    const shown = new Set(['dimensions', 'overall', 'gaps', 'evidence', 'agreement', 'interaction-pairs']);
    const section: ReportSection = {
      id: 'coherence', heading: part.title, time: main?.time ?? '', tables: [], note: part.summary,
      plainTables: part.tables.filter((t) => shown.has(t.name)).map((t) => ({ title: t.title, columns: t.columns, rows: t.rows })),
    };
    return { section, charts, notes: part.notes.map((n) => `Policy coherence: ${n}`) } satisfies CoherenceStepResult;
  },
  report: (result) => {
    const r = result as CoherenceStepResult;
    return { sections: [r.section], charts: r.charts, notes: r.notes };
  },
});

export const COHERENCE_STEPS: readonly AnyStep[] = [coherence];
