/**
 * A pipeline from the library: check examples/atlantis/pipeline.yaml (dry run), then run only its `indicators` step
 * (the ILMS tables of each round) into a temporary folder instead of the file's `output`, and read the run summary.
 *
 * Run: npx tsx examples/library/pipeline.ts [out-folder]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// In your own code: import { ... } from 'migstat';
import { formatRunSummary, runPipeline, type RunSummary } from '../../src/index.js';

const file = fileURLToPath(new URL('../atlantis/pipeline.yaml', import.meta.url));

export async function main(out = join(mkdtempSync(join(tmpdir(), 'migstat-pipeline-')), 'out'), log: (line: string) => void = console.log): Promise<RunSummary> {
  // Everything is checked first: the file, every input, every profile and the data against it.
  const check = await runPipeline(file, { dryRun: true, output: out });
  log(`dry run: ${check.rounds.length} rounds (${check.rounds.join(', ')}), steps ${check.written.join(', ')}`);

  const summary = await runPipeline(file, { only: ['indicators'], output: out });
  log(formatRunSummary(summary));
  return summary;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main(process.argv[2]);
