/**
 * `migstat coherence score`: scores a participatory assessment of policy coherence between employment,
 * education/training and labour migration policies (src/coherence): question, dimension and overall scores with the
 * contributions that make each one, spread and agreement among assessors, the interaction matrix, outcome indicators
 * from migstat results, the gap table, and the radar and heat map charts. Everything is read and checked before
 * anything is written; the outputs go to one folder atomically as a set, with metadata.json.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { renderChart } from '../charts/render.js';
import { coherenceReportSection } from '../charts/coherence-report.js';
import { coherenceJson, plainTableCsv } from '../coherence/assess.js';
import { assessCoherenceFiles } from '../coherence/run.js';
import { writeFilesAtomically } from '../report/indicator-files.js';
import { migstatVersion, sha256 } from '../report/run-metadata.js';
import { collect, number } from './design-options.js';
import { UsageError } from './usage-error.js';

export const COHERENCE_FORMATS = ['json', 'csv'] as const;
export type CoherenceFormat = (typeof COHERENCE_FORMATS)[number];

interface ScoreFlags {
  rubric?: string;
  matrix?: string;
  indicators: string[];
  previous: string[];
  format: CoherenceFormat;
  output: string;
  level: string;
  assessment?: string;
  source?: string;
  charts: boolean;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

async function score(responsesPath: string, o: ScoreFlags): Promise<void> {
  const level = number('--level', o.level);
  if (!(level > 0 && level < 1)) throw new UsageError(`--level ${o.level}: expected a confidence level between 0 and 1`);
  if (o.previous.length > 0 && o.indicators.length === 0) throw new UsageError('--previous needs --indicators (the current round)');
  const { rubric, result, indicatorRows, previousRows } = await assessCoherenceFiles({
    responses: responsesPath, ...(o.rubric ? { rubric: o.rubric } : {}), ...(o.matrix ? { matrix: o.matrix } : {}), indicators: o.indicators, previous: o.previous, level,
  });
  const section = coherenceReportSection(result, { ...(o.assessment ? { assessment: o.assessment } : {}), ...(o.source ? { source: o.source } : {}) });
  const files: { file: string; bytes: Uint8Array }[] = [];
  if (o.format === 'json') files.push({ file: 'coherence.json', bytes: text(coherenceJson(result)) });
  else for (const t of section.tables) files.push({ file: `${t.name}.csv`, bytes: text(plainTableCsv(t)) });
  if (o.charts) {
    for (const chart of section.charts) {
      for (const format of ['vl.json', 'svg', 'png'] as const) files.push({ file: `${chart.id}.${format}`, bytes: await renderChart(chart, format) });
    }
  }
  const input = (role: string, path: string): { role: string; file: string; sha256: string; bytes: number } => {
    const bytes = readFileSync(path);
    return { role, file: path, sha256: sha256(bytes), bytes: bytes.length };
  };
  const metadata = {
    command: 'migstat coherence score',
    migstat: migstatVersion(),
    rubric: { id: rubric.id, title: rubric.title, version: rubric.version ?? null, source: rubric.source },
    inputs: [
      input('responses', responsesPath),
      ...(o.rubric ? [input('rubric', o.rubric)] : []),
      ...(o.matrix ? [input('interaction matrix', o.matrix)] : []),
    ],
    indicators: { paths: o.indicators, previous: o.previous, rows: indicatorRows, previous_rows: previousRows },
    options: { format: o.format, level, charts: o.charts },
    summary: section.summary,
    notes: section.notes,
    outputs: files.map((f) => ({ file: f.file, sha256: sha256(f.bytes), bytes: f.bytes.length })),
  };
  files.push({ file: 'metadata.json', bytes: text(JSON.stringify(metadata, null, 2) + '\n') });
  const written = await writeFilesAtomically(o.output, files);
  process.stderr.write(`migstat coherence: ${section.summary} ${written.length} files in ${o.output}\n`);
}

const HELP = `
Inputs:
  <responses>      CSV or .xlsx, one row per assessor x question: assessor, group, question, score, evidence
                   (an empty, NA or DK score is a missing answer; see src/coherence/README.md for the rule)
  --rubric         YAML rubric (default: the built-in ILO rubric, a copy in examples/coherence/rubric.yaml)
  --matrix         CSV or .xlsx: objective, domain (employment|education), migration_objective, score (-3..+3), rationale
  --indicators     tidy indicator rows (JSON or CSV of migstat indicators / sdg1071), files or folders (repeatable)

Outputs (-o folder, written atomically as a set):
  json: coherence.json (every score with the responses and weights that made it)
  csv:  dimensions, overall, questions, contributions, by-assessor, missing, agreement, evidence, gaps
        (+ interactions, interaction-pairs, interaction-summary with --matrix) .csv
  charts: coherence-radar and coherence-heatmap as .vl.json, .svg, .png (unless --no-charts); metadata.json

Example:
  migstat coherence score examples/coherence/responses.csv --rubric examples/coherence/rubric.yaml \\
    --matrix examples/coherence/matrix.csv --indicators examples/coherence/indicators -o out/coherence
`;

/** `migstat coherence`: policy coherence assessment. */
export function coherenceCommand(): Command {
  const cmd = new Command('coherence').description('policy coherence between employment, education/training and labour migration policies: scores from stakeholder assessments');
  cmd.addCommand(
    new Command('score')
      .description('score stakeholder responses with a rubric: question, dimension and overall scores traced to their responses and weights, agreement (Krippendorff alpha), interaction matrix, outcome indicators, gap table, radar and heat map')
      .argument('<responses>', 'responses file (CSV or .xlsx): assessor, group, question, score, evidence')
      .option('--rubric <file>', 'rubric (YAML or JSON); default the built-in ILO rubric')
      .option('--matrix <file>', 'interaction matrix (CSV or .xlsx), scores -3..+3')
      .option('--indicators <path>', 'tidy indicator rows (JSON/CSV file or a folder of migstat outputs); repeatable', collect, [])
      .option('--previous <path>', 'tidy indicator rows of the previous round (default: the earlier time in --indicators); repeatable', collect, [])
      .addOption(new Option('--format <f>', 'table format').choices([...COHERENCE_FORMATS]).default('json'))
      .requiredOption('-o, --output <dir>', 'output folder (files written atomically, with metadata.json)')
      .option('--level <p>', 'confidence level of the indicator intervals', '0.95')
      .option('--assessment <name>', 'name of the assessment in chart titles (e.g. "Atlantis 2026")')
      .option('--source <line>', 'source line under the charts')
      .option('--no-charts', 'write no charts')
      .addHelpText('after', HELP)
      .exitOverride()
      .action((file: string, o: ScoreFlags) => score(file, o)),
  );
  return cmd;
}
