import { type Command, Option } from 'commander';
import { RELIABILITY_PRESET_NAMES } from '../indicators/reliability.js';
import type { SuppressionPolicyInput } from '../indicators/suppression.js';
import { number } from './design-options.js';

/** The flags of reliability flagging, disclosure control and the confidence level. */
export interface PublicationFlags {
  reliability: string;
  minCount?: string;
  protection?: string;
  suppression: boolean;
  level: string;
}

/** Adds the options of published tables: reliability preset, primary suppression threshold, protection, --no-suppression, level. */
export function addPublicationOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--reliability <preset>', 'reliability flag policy').choices([...RELIABILITY_PRESET_NAMES]).default('ilo'))
    .option('--min-count <n>', 'primary suppression: cells under this unweighted count (default of the suppression policy)')
    .option('--protection <percent>', 'protection interval of a suppressed cell, percent of its value (default of the policy)')
    .option('--no-suppression', 'publish every cell (disclosure control off)')
    .option('--level <p>', 'confidence level', '0.95');
}

/** The suppression policy the flags ask for. */
export function suppressionOf(o: PublicationFlags): SuppressionPolicyInput {
  return o.suppression
    ? { ...(o.minCount ? { min_count: number('--min-count', o.minCount) } : {}), ...(o.protection ? { protection: number('--protection', o.protection) } : {}) }
    : { enabled: false };
}
