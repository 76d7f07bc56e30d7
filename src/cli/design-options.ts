import { type Command, Option } from 'commander';
import { LONELY_PSU_RULES } from '../survey/design.js';
import type { SvrepType } from '../survey/replicate-design.js';
export { designFromOptions, optionNumber as number } from '../pipeline/design-options.js';

export const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter((s) => s !== '');
export const collect = (v: string, prev: string[]): string[] => [...prev, v];

const SVREP_TYPES: readonly SvrepType[] = ['JK1', 'JKn', 'BRR', 'Fay', 'bootstrap', 'successive-difference', 'ACS', 'JK2', 'other'];
const GENERATED_TYPES = ['JK1', 'JKn', 'BRR', 'Fay', 'bootstrap', 'subbootstrap'] as const;

/** Adds the design, replicate-weight and calibration options shared by `estimate` and `weights`. */
export function addDesignOptions(cmd: Command): Command {
  return cmd
    .option('--weight <col>', 'sampling weight column (without it: from the fpc, or 1)')
    .option('--strata <col>', 'stratum column')
    .option('--psu <cols>', 'cluster id column per stage, comma-separated', list)
    .option('--fpc <cols>', 'finite population correction per stage (population count or fraction)', list)
    .option('--nest', 'PSU ids are unique only within strata')
    .addOption(new Option('--lonely-psu <rule>', 'single-PSU strata').choices(LONELY_PSU_RULES).default('fail'))
    .option('--adjust-domain-lonely', 'apply the lonely-PSU rule to strata lonely only inside a domain')
    .option('--ultimate-cluster', 'first-stage (with-replacement) variance only')
    .option('--repweights <cols>', 'replicate weight columns, comma-separated', list)
    .option('--repweights-regex <re>', 'replicate weight columns matching a regular expression')
    .addOption(new Option('--rep-type <type>', 'type of the replicate weights').choices(SVREP_TYPES))
    .option('--rho <r>', "Fay's coefficient")
    .option('--scale <s>', 'replicate variance multiplier')
    .option('--rscales <list>', 'per-replicate multipliers, comma-separated', list)
    .option('--mse', 'centre replicates at the full-sample estimate (default as R: off; on for ACS)')
    .option('--no-mse', 'centre replicates at their mean')
    .option('--combined-weights', 'replicate weights include the sampling weight (default)')
    .option('--no-combined-weights', 'replicate weights are factors to multiply by the sampling weight')
    .addOption(new Option('--replicates <type>', 'generate replicate weights from the design').choices(GENERATED_TYPES))
    .option('--replicates-n <n>', 'number of bootstrap replicates (default 50)')
    .option('--seed <n>', 'seed of the bootstrap draws (default 1)')
    .option('--poststratify <cols>', 'post-stratify on these (crossed) columns to --pop-totals', list)
    .option('--rake <cols>', 'rake to the --pop-totals margins of these columns', list)
    .option('--calibrate <cols>', 'calibrate to the --pop-totals of these columns', list)
    .option('--pop-totals <file>', 'population totals: CSV variable,level,total')
    .addOption(new Option('--calfun <f>', 'calibration function').choices(['linear', 'raking', 'logit']).default('linear'))
    .option('--bounds <lo,hi>', 'bounds on the calibration g-weights', list)
    .option('--epsilon <e>', 'calibration (or raking) convergence tolerance')
    .option('--maxit <n>', 'calibration (or raking) iterations');
}

/** The columns the design options read, or undefined when they cannot be known before reading (a replicate-weight pattern). */
export function designColumns(o: Record<string, unknown>): string[] | undefined {
  if (o.repweightsRegex) return undefined;
  const names = [o.weight, o.strata, o.psu, o.fpc, o.repweights, o.poststratify, o.rake, o.calibrate].flat();
  return names.filter((n): n is string => typeof n === 'string');
}
