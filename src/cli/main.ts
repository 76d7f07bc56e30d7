import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { adminCommand } from './admin-command.js';
import { allocateCommand } from './allocate-command.js';
import { chartCommand } from './chart-command.js';
import { coherenceCommand } from './coherence-command.js';
import { convertCommand } from './convert-command.js';
import { estimateCommand } from './estimate-command.js';
import { indicatorsCommand } from './indicators-command.js';
import { infoCommand } from './info-command.js';
import { observatoryCommand } from './observatory-command.js';
import { profileCommand } from './profile-command.js';
import { rdsCommand } from './rds-command.js';
import { runCommand } from './run-command.js';
import { sampleSizeCommand } from './sample-size-command.js';
import { sdg1071Command } from './sdg1071-command.js';
import { weightsCommand } from './weights-command.js';

/** Runs the migstat CLI; returns the exit code (0 ok, 1 internal fault, 2 bad input or usage). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('migstat')
    .description('labour migration statistics: design-based survey estimation and ILO standards')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.addCommand(estimateCommand().exitOverride());
  program.addCommand(infoCommand().exitOverride());
  program.addCommand(convertCommand().exitOverride());
  program.addCommand(weightsCommand().exitOverride());
  program.addCommand(profileCommand().exitOverride());
  program.addCommand(indicatorsCommand().exitOverride());
  program.addCommand(chartCommand().exitOverride());
  program.addCommand(runCommand().exitOverride());
  program.addCommand(sampleSizeCommand().exitOverride());
  program.addCommand(allocateCommand().exitOverride());
  program.addCommand(rdsCommand().exitOverride());
  program.addCommand(sdg1071Command().exitOverride());
  program.addCommand(coherenceCommand().exitOverride());
  program.addCommand(observatoryCommand().exitOverride());
  program.addCommand(adminCommand().exitOverride());
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const err = e as Error;
    const known = ['DesignError', 'InputError', 'UsageError', 'OptionError', 'IndicatorError', 'PolicyError', 'SuppressionError', 'Sdg1071Error', 'AdminError', 'LinkageError', 'CaptureRecaptureError', 'CoherenceError', 'ObservatoryError'].includes(err.name);
    process.stderr.write(`migstat: ${known ? '' : 'internal error: '}${err.message}\n`);
    return known ? 2 : 1;
  }
}

const invoked = process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invoked) process.exitCode = await main(process.argv.slice(2));
