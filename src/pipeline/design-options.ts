/**
 * A survey design from the options of `migstat estimate` (commander names, numbers as text), as the CLI parses them
 * and as a profile's design columns give them (profile/apply.ts `estimateOptions`): Taylor (R svydesign) or replicate
 * weights (R svrepdesign), replicates generated from the design (R as.svrepdesign), then post-stratification, raking
 * or calibration to population totals.
 */
import { readFileSync } from 'node:fs';
import type { Table } from '../io/table.js';
import { type CalibrationFunction, parseMargins } from '../survey/calibration.js';
import { type LonelyPsu, svyDesign } from '../survey/design.js';
import type { Design } from '../survey/estimate.js';
import { type AsReplicateSpec, type SvrepType, asReplicateDesign, svrepDesign } from '../survey/replicate-design.js';
import { calibrate, postStratify, rake } from '../survey/reweight.js';

/** Design options that cannot be used as given (named by their command-line flag). */
export class OptionError extends Error {
  override readonly name = 'OptionError';
}

/** A number option's value; `--df` also takes Inf. */
export function optionNumber(flag: string, v: string): number {
  if (flag === '--df' && /^inf$/i.test(v)) return Infinity;
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new OptionError(`${flag} ${v}: expected a number${flag === '--df' ? ' or Inf' : ''}`);
  return x;
}

/** Builds the design the options describe: Taylor or replicate weights, then replicates generated, then reweighting. */
export function designFromOptions(table: Table, o: Record<string, unknown>): Design {
  const opt = (name: string): number | undefined => (o[name] === undefined ? undefined : optionNumber(`--${name}`, o[name] as string));
  const repweights = (o.repweights as string[] | undefined) ?? (o.repweightsRegex ? new RegExp(o.repweightsRegex as string) : undefined);
  let design: Design;
  if (repweights) {
    if (!o.repType) throw new OptionError('--repweights needs --rep-type (JK1, JKn, BRR, Fay, bootstrap, successive-difference, ACS, JK2, other)');
    if (o.replicates) throw new OptionError('give either --repweights or --replicates, not both');
    design = svrepDesign(table, {
      weight: o.weight as string | undefined,
      repweights,
      type: o.repType as SvrepType,
      rho: opt('rho'),
      scale: opt('scale'),
      rscales: (o.rscales as string[] | undefined)?.map((r) => optionNumber('--rscales', r)),
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
  if (steps.length > 1) throw new OptionError(`give one of --poststratify, --rake, --calibrate (got ${steps.map((s) => `--${s}`).join(', ')})`);
  const file = o.popTotals as string | undefined;
  if (!file) throw new OptionError(`--${steps[0]} needs --pop-totals FILE (CSV: variable,level,total)`);
  const margins = parseMargins(readFileSync(file, 'utf8'), file);
  const variables = o[steps[0]!] as string[];
  if (steps[0] === 'poststratify') return postStratify(design, { variables, margins });
  if (steps[0] === 'rake') return rake(design, { variables, margins, epsilon: opt('epsilon'), maxit: opt('maxit') });
  const bounds = o.bounds as string[] | undefined;
  if (bounds && bounds.length !== 2) throw new OptionError(`--bounds ${bounds.join(',')}: expected LO,HI`);
  return calibrate(design, {
    variables,
    margins,
    calfun: o.calfun as CalibrationFunction,
    bounds: bounds ? [optionNumber('--bounds', bounds[0]!), optionNumber('--bounds', bounds[1]!)] : undefined,
    epsilon: opt('epsilon'),
    maxit: opt('maxit'),
  });
}
