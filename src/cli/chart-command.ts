import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import { ChartError } from '../charts/chart.js';
import { CHART_KINDS, chartFor, isChartKind } from '../charts/charts-for.js';
import { readTidyRows } from '../charts/read.js';
import { CHART_FORMATS, type ChartFormat, chartFormatOf, renderChart } from '../charts/render.js';
import type { TidyRow } from '../indicators/tidy.js';
import { atomicWrite } from '../io/atomic.js';
import { number } from './design-options.js';
import { UsageError } from './usage-error.js';

interface ChartFlags {
  output: string;
  format?: ChartFormat;
  source?: string;
  criterion?: 'birth' | 'citizenship';
  level: string;
}

/** The output format: --format, else the extension of -o. */
function formatOf(o: ChartFlags): ChartFormat {
  const byPath = chartFormatOf(o.output);
  if (o.format && byPath && o.format !== byPath) throw new UsageError(`--format ${o.format} does not match the output file ${o.output} (.${byPath})`);
  const format = o.format ?? byPath;
  if (!format) throw new UsageError(`-o ${o.output}: cannot tell the format from the extension; name the file .svg, .png or .vl.json, or give --format (${CHART_FORMATS.join(', ')})`);
  return format;
}

/** Tidy rows of every file, concatenated; a file that cannot be read as a tidy result table is a usage error naming it. */
async function readAll(files: readonly string[]): Promise<TidyRow[]> {
  const rows: TidyRow[] = [];
  for (const file of files) {
    try {
      rows.push(...(await readTidyRows(file)));
    } catch (e) {
      if (e instanceof ChartError) throw new UsageError(e.message);
      throw e;
    }
  }
  return rows;
}

/** `migstat chart`: one chart of tidy result tables (`migstat indicators --format json|csv`) to SVG, PNG or Vega-Lite JSON. */
export function chartCommand(): Command {
  return new Command('chart')
    .description('draw a chart of tidy indicator results (migstat indicators --format json or csv) as SVG, PNG or Vega-Lite JSON')
    .argument('<kind>', `chart kind: ${CHART_KINDS.join(', ')}`)
    .argument('<result-files...>', 'tidy result files (.json or .csv); rows of several files are concatenated')
    .requiredOption('-o, --output <file>', 'output file: .svg, .png or .vl.json (written atomically)')
    .addOption(new Option('--format <f>', 'output format (default: from the extension of -o)').choices([...CHART_FORMATS]))
    .option('--source <text>', 'source line under the chart (default: "Source: migstat estimates, <area>, <period>")')
    .addOption(new Option('--criterion <c>', 'migrant criterion to draw when the results hold both (default: birth)').choices(['birth', 'citizenship']))
    .option('--level <p>', 'confidence level of the intervals in the results, for the notes', '0.95')
    .action(async (kind: string, files: string[], o: ChartFlags) => {
      if (!isChartKind(kind)) throw new UsageError(`unknown chart kind "${kind}"; kinds are: ${CHART_KINDS.join(', ')}`);
      const format = formatOf(o);
      const level = number('--level', o.level);
      if (!(level > 0 && level < 1)) throw new UsageError(`--level ${o.level}: give a confidence level between 0 and 1 (e.g. 0.95)`);
      const rows = await readAll(files);
      let bytes: Uint8Array;
      try {
        const chart = chartFor(kind, rows, { level, ...(o.source !== undefined ? { source: o.source } : {}), ...(o.criterion ? { criterion: o.criterion } : {}) });
        bytes = await renderChart(chart, format);
      } catch (e) {
        if (e instanceof ChartError) throw new UsageError(`${files.join(', ')}: ${e.message}`);
        throw e;
      }
      await mkdir(dirname(o.output), { recursive: true });
      await atomicWrite(o.output, (tmp) => writeFile(tmp, bytes));
      process.stderr.write(`migstat chart: ${kind} (${rows.length} rows) written to ${o.output}\n`);
    });
}
