/**
 * The `report` step: `report.html` (one self-contained file) and `report.md`, from what every step listed before it
 * adds (tables by round, pooled and change sections, charts; later modules add their own sections) with the
 * methodology of the run: definitions, design and variance method, quality and suppression rules, exclusions, inputs.
 */
import { z } from 'zod';
import { htmlReport } from '../report/html-report.js';
import { markdownReport } from '../report/markdown-report.js';
import type { ReportChart, ReportInput, ReportSection } from '../report/report-model.js';
import { type RunExclusion, type RunFile, migstatVersion, sourceDateEpochIfSet } from '../report/run-metadata.js';
import { type AnyStep, step } from './steps.js';
import { describeDesign } from './survey-input.js';
import { type TableSet, mainSet } from './survey-steps.js';

const REPORT_FORMATS = ['html', 'md'] as const;

/** Input files, each once (by path and hash). */
function unique(files: readonly RunFile[]): RunFile[] {
  const seen = new Map<string, RunFile>();
  for (const f of files) if (!seen.has(`${f.path} ${f.sha256}`)) seen.set(`${f.path} ${f.sha256}`, f);
  return [...seen.values()];
}

const report = step({
  name: 'report',
  summary: 'the publication: report.html (self-contained, opens offline) and report.md, with key figures, tables, charts and methodology',
  options: z.strictObject({
    formats: z.array(z.enum(REPORT_FORMATS)).min(1).default([...REPORT_FORMATS]),
    subtitle: z.string().min(1).optional(),
    /** The round whose key figures open the report; default the last round. */
    round: z.string().optional(),
  }),
  needs: (_o, listed) => [...new Set(['indicators', ...listed.slice(0, listed.indexOf('report'))])],
  check: (p, _rounds, o, where) =>
    o.round !== undefined && !p.survey?.rounds.some((r) => r.label === o.round) ? [`${where}: report: round ${o.round} is not among inputs.survey.rounds`] : [],
  units: (_p, o) => o.formats.length,
  async run(ctx, o) {
    const sets = ctx.results.get('indicators') as TableSet[];
    const main = mainSet(sets, o.round);
    const sections: ReportSection[] = [];
    const charts: ReportChart[] = [];
    const notes: string[] = [];
    const exclusions: RunExclusion[] = [];
    const files: RunFile[] = [];
    for (const part of ctx.reportParts()) {
      sections.push(...(part.sections ?? []));
      charts.push(...(part.charts ?? []));
      notes.push(...(part.notes ?? []));
      exclusions.push(...(part.exclusions ?? []));
      files.push(...(part.inputs ?? []));
    }
    // the main round first: the key figures come from the first section
    sections.sort((a, b) => Number(b.id === main.id) - Number(a.id === main.id));
    const round = ctx.inputs.rounds.find((r) => r.label === main.id) ?? ctx.inputs.rounds[0]!;
    const { design, variance } = describeDesign(round.profile.profile.design ?? {});
    const epoch = sourceDateEpochIfSet();
    const input: ReportInput = {
      title: ctx.pipeline.title,
      ...(o.subtitle ? { subtitle: o.subtitle } : { subtitle: ctx.pipeline.sourceNote }),
      ref_area: main.metadata.reference!.ref_area,
      source: ctx.pipeline.survey?.name ? `${ctx.pipeline.survey.name} (${ctx.pipeline.survey.source})` : ctx.pipeline.survey!.source,
      sections, charts,
      methodology: {
        standards: main.metadata.standards, design, variance, level: ctx.pipeline.options.level,
        reliability: ctx.pipeline.options.reliability, suppression: ctx.pipeline.options.suppression,
        exclusions, inputs: unique(files), options: ctx.pipeline.options, notes,
      },
      generated: { migstat: migstatVersion(), ...(epoch !== undefined ? { date: new Date(epoch * 1000).toISOString().slice(0, 10) } : {}) },
    };
    const out: string[] = [];
    for (const format of o.formats) {
      const file = `report.${format}`;
      ctx.stage.claim(file, 'report');
      await ctx.stage.write(file, format === 'html' ? htmlReport(input) : markdownReport(input));
      ctx.progress.tick(file);
      out.push(file);
    }
    return out;
  },
});

export const REPORT_STEPS: readonly AnyStep[] = [report];
