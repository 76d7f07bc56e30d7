import { Command } from 'commander';
import { Progress } from '../pipeline/progress.js';
import { formatRunSummary, runPipeline } from '../pipeline/run.js';
import { PIPELINE_STEPS } from '../pipeline/step-list.js';
import { list } from './design-options.js';

interface RunFlags {
  dryRun?: boolean;
  only?: string[];
  quiet?: boolean;
  output?: string;
}

const STEPS_HELP = `
Steps a pipeline file can list:
${PIPELINE_STEPS.map((s) => `  ${s.name.padEnd(11)} ${s.summary}`).join('\n')}

Outputs are written to a staging folder and moved into the output folder only when every step has succeeded: a
failed run leaves the previous outputs as they were. See examples/atlantis/pipeline.yaml.
`;

/** `migstat run`: every step of a pipeline file, from microdata to the published tables, charts and report. */
export function runCommand(): Command {
  return new Command('run')
    .description('run a pipeline file: read the survey, apply the profiles, compute the tables, draw the charts, write the report')
    .argument('<pipeline>', 'pipeline file (YAML)')
    .option('--dry-run', 'check the file, its inputs, profiles and options; compute nothing')
    .option('--only <steps>', 'run only these steps (comma-separated); steps they read are computed, not written', list)
    .option('-o, --output <dir>', "output folder (default: the pipeline's output)")
    .option('-q, --quiet', 'no progress bar')
    .addHelpText('after', STEPS_HELP)
    .action(async (file: string, o: RunFlags) => {
      const summary = await runPipeline(file, {
        dryRun: o.dryRun, only: o.only, output: o.output,
        progress: (total) => Progress.forStream(total, process.stderr, { quiet: o.quiet }),
      });
      process.stderr.write(`${formatRunSummary(summary)}\n`);
    });
}
