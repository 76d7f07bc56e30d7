/**
 * What several steps write the same way: charts in the asked formats (one SVG render per chart, the PNG drawn from
 * it) with the report's view of them, and run metadata whose file paths are shown relative to the pipeline file.
 */
import { relative } from 'node:path';
import type { Chart } from '../charts/chart.js';
import { type ChartFormat, chartJson, chartSvg, svgToPng } from '../charts/render.js';
import type { ReportChart } from '../report/report-model.js';
import type { RunMetadata } from '../report/run-metadata.js';
import type { PipelineContext } from './steps.js';

/** Writes each chart as `<folder>/<id>.<format>` (id: the chart's, or `ids[k]`) into the stage; returns the report's charts. */
export async function writeCharts(ctx: PipelineContext, folder: string, charts: readonly Chart[], formats: readonly ChartFormat[], ids?: readonly string[]): Promise<ReportChart[]> {
  const out: ReportChart[] = [];
  for (const [k, chart] of charts.entries()) {
    const id = ids?.[k] ?? chart.id;
    const svg = await chartSvg(chart);
    const bytes: Record<ChartFormat, () => Uint8Array | string> = { 'vl.json': () => chartJson(chart), svg: () => svg, png: () => svgToPng(svg) };
    for (const format of formats) {
      await ctx.stage.write(`${folder}/${id}.${format}`, bytes[format]());
      ctx.progress.tick(`${id}.${format}`);
    }
    out.push({ id, title: chart.title, alt: chart.alt, svg, ...(formats.includes('png') ? { png: `${folder}/${id}.png` } : {}) });
  }
  return out;
}

/** A path relative to a folder, with `/`. */
export const relativeTo = (dir: string) => (path: string): string => relative(dir, path).split('\\').join('/');

/** Run metadata with its input and profile paths shown as `shown` maps them (hashes identify the files). */
export function withShownPaths(meta: RunMetadata, shown: (path: string) => string): RunMetadata {
  return { ...meta, inputs: meta.inputs.map((f) => ({ ...f, path: shown(f.path) })), ...(meta.profile ? { profile: { ...meta.profile, path: shown(meta.profile.path) } } : {}) };
}
