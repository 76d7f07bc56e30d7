/**
 * Renders a chart to bytes: the Vega-Lite spec as stable pretty JSON (`vl.json`), SVG from vega's headless view
 * (`new vega.View(vega.parse(vl.compile(spec).spec), {renderer: 'none'}).toSVG()`), and PNG from that SVG with resvg at
 * twice the size, given the DejaVu Sans files (resvg draws no text without fonts; spec/toolchain.md). Same chart, same bytes.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { Chart } from './chart.js';
import { FONT } from './style.js';

/** The output formats of a chart. */
export type ChartFormat = 'vl.json' | 'svg' | 'png';
export const CHART_FORMATS: readonly ChartFormat[] = ['vl.json', 'svg', 'png'];

/** PNG pixels per SVG pixel. */
export const PNG_SCALE = 2;

const require = createRequire(import.meta.url);

/** The DejaVu Sans regular and bold font files of the dejavu-fonts-ttf package. */
export function fontFiles(): string[] {
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
}

/** The format of an output path by its extension (`.vl.json`, `.svg`, `.png`); undefined for any other. */
export function chartFormatOf(path: string): ChartFormat | undefined {
  const lower = path.toLowerCase();
  return CHART_FORMATS.find((f) => lower.endsWith(`.${f}`));
}

/** A vega logger that keeps warnings (to return them) and drops info and debug messages. */
function collectingLogger(warnings: string[]): vega.LoggerInterface {
  const logger: vega.LoggerInterface = {
    level: () => vega.Warn,
    error: (...args: readonly unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
    warn: (...args: readonly unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  } as unknown as vega.LoggerInterface;
  return logger;
}

/** The Vega spec of a chart, with the warnings Vega-Lite gave while compiling it. */
export function compileChart(chart: Chart): { spec: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const spec = compile(chart.spec, { logger: collectingLogger(warnings) }).spec;
  return { spec, warnings };
}

/** Text escaped for an XML attribute or element. */
function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The chart as SVG text from vega's headless renderer, made accessible: vega's string renderer leaves the spec's
 * description out, so the root gets `role="img"` and the alt text as `aria-label`, with `<title>` and `<desc>` (SVG 2, 5.9).
 */
export function chartSvg(chart: Chart): Promise<string> {
  const next = svgQueue.then(() => renderSvg(chart));
  svgQueue = next.catch(() => undefined);
  return next;
}

/** Renders go one at a time: vega numbers gradient and clip ids in a module-wide counter, reset before each render. */
let svgQueue: Promise<unknown> = Promise.resolve();

/** One render of `chartSvg`. */
async function renderSvg(chart: Chart): Promise<string> {
  const view = new vega.View(vega.parse(compileChart(chart).spec), { renderer: 'none', logLevel: vega.Error });
  let svg: string;
  try {
    vega.resetSVGDefIds(); // gradient and clip ids count up per process: start them at 0 so that the bytes repeat
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const at = svg.indexOf('<svg');
  if (at < 0) throw new Error(`vega returned no SVG for chart ${chart.id}`);
  const open = svg.indexOf('>', at) + 1;
  const head = svg.slice(0, open - 1) + ` role="img" aria-label="${xmlEscape(chart.alt)}">`;
  return `${head}<title>${xmlEscape(chart.title)}</title><desc>${xmlEscape(chart.alt)}</desc>${svg.slice(open)}`;
}

/** PNG bytes of SVG text with resvg at PNG_SCALE, with the given font files (none: resvg draws no text). */
export function svgToPng(svg: string, fonts: readonly string[] = fontFiles()): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: { loadSystemFonts: false, fontFiles: [...fonts], defaultFontFamily: FONT },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** The Vega-Lite spec as pretty JSON with a final newline (keys in the order the builder wrote them). */
export function chartJson(chart: Chart): string {
  return JSON.stringify(chart.spec, null, 2) + '\n';
}

/** The bytes of a chart in a format: deterministic (same chart, same bytes). */
export async function renderChart(chart: Chart, format: ChartFormat): Promise<Uint8Array> {
  switch (format) {
    case 'vl.json':
      return new TextEncoder().encode(chartJson(chart));
    case 'svg':
      return new TextEncoder().encode(await chartSvg(chart));
    case 'png':
      return svgToPng(await chartSvg(chart));
    default:
      throw new Error(`unknown chart format "${String(format)}"; formats are: ${CHART_FORMATS.join(', ')}`);
  }
}

