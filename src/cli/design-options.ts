import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { Table } from '../io/table.js';
import { type CalibrationFunction, parseMargins } from '../survey/calibration.js';
import { LONELY_PSU_RULES, type LonelyPsu, svyDesign } from '../survey/design.js';
import type { Design } from '../survey/estimate.js';
import { type AsReplicateSpec, type SvrepType, asReplicateDesign, svrepDesign } from '../survey/replicate-design.js';
import { calibrate, postStratify, rake } from '../survey/reweight.js';
import { UsageError } from './usage-error.js';

export const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter((s) => s !== '');
export const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** A number option's value; `--df` also takes Inf. */
export function number(flag: string, v: string): number {
  if (flag === '--df' && /^inf$/i.test(v)) return Infinity;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`${flag} ${v}: expected a number${flag === '--df' ? ' or Inf' : ''}`);
  return x;
}

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

/** Builds the design the options describe: Taylor or replicate weights, then replicates generated, then reweighting. */
export function designFromOptions(table: Table, o: Record<string, unknown>): Design {
  const opt = (name: string): number | undefined => (o[name] === undefined ? undefined : number(`--${name}`, o[name] as string));
  const repweights = (o.repweights as string[] | undefined) ?? (o.repweightsRegex ? new RegExp(o.repweightsRegex as string) : undefined);
  let design: Design;
  if (repweights) {
    if (!o.repType) throw new UsageError('--repweights needs --rep-type (JK1, JKn, BRR, Fay, bootstrap, successive-difference, ACS, JK2, other)');
    if (o.replicates) throw new UsageError('give either --repweights or --replicates, not both');
    design = svrepDesign(table, {
      weight: o.weight as string | undefined,
      repweights,
      type: o.repType as SvrepType,
      rho: opt('rho'),
      scale: opt('scale'),
      rscales: (o.rscales as string[] | undefined)?.map((r) => number('--rscales', r)),
      mse: o.mse as boolean | undefined,
      combinedWeights: o.combinedWeights as boolean | undefined,
    });
  } else {
    design = svyDesign(table, {
      weight: o.weight as string | undefined,
      strata: o.strata as string | undefined,
      psu: o.psu as string[] | undefined,
      fpc: o.fpc as string[] | undefined,
      nest: Boolean(o.nest),
      lonelyPsu: o.lonelyPsu as LonelyPsu,
      adjustDomainLonely: Boolean(o.adjustDomainLonely),
      ultimateCluster: Boolean(o.ultimateCluster),
    });
    if (o.replicates) {
      design = asReplicateDesign(design, {
        type: o.replicates as AsReplicateSpec['type'],
        replicates: opt('replicatesN'),
        seed: opt('seed'),
        mse: o.mse as boolean | undefined,
        rho: opt('rho'),
      });
    }
  }
  return reweight(design, o, opt);
}

function reweight(design: Design, o: Record<string, unknown>, opt: (name: string) => number | undefined): Design {
  const steps = (['poststratify', 'rake', 'calibrate'] as const).filter((s) => o[s]);
  if (steps.length === 0) return design;
  if (steps.length > 1) throw new UsageError(`give one of --poststratify, --rake, --calibrate (got ${steps.map((s) => `--${s}`).join(', ')})`);
  const file = o.popTotals as string | undefined;
  if (!file) throw new UsageError(`--${steps[0]} needs --pop-totals FILE (CSV: variable,level,total)`);
  const margins = parseMargins(readFileSync(file, 'utf8'), file);
  const variables = o[steps[0]!] as string[];
  if (steps[0] === 'poststratify') return postStratify(design, { variables, margins });
  if (steps[0] === 'rake') return rake(design, { variables, margins, epsilon: opt('epsilon'), maxit: opt('maxit') });
  const bounds = o.bounds as string[] | undefined;
  if (bounds && bounds.length !== 2) throw new UsageError(`--bounds ${bounds.join(',')}: expected LO,HI`);
  return calibrate(design, {
    variables,
    margins,
    calfun: o.calfun as CalibrationFunction,
    bounds: bounds ? [number('--bounds', bounds[0]!), number('--bounds', bounds[1]!)] : undefined,
    epsilon: opt('epsilon'),
    maxit: opt('maxit'),
  });
}
