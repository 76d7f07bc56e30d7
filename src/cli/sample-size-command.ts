import { Command, Option } from 'commander';
import { toCsv, toJson, writeFileAtomic } from '../io/write.js';
import { SamplingDesignError } from '../sampling/design-error.js';
import { type PlannedParameter, type PlanningOptions, type PrecisionTarget, precision, sampleSize } from '../sampling/sample-size.js';
import { number } from './design-options.js';
import { UsageError } from './usage-error.js';

type Range = 'open01' | 'halfOpen01' | 'positive' | 'atLeast1';
const RANGE_TEXT: Record<Range, string> = {
  open01: 'a number strictly between 0 and 1',
  halfOpen01: 'a number in (0, 1]',
  positive: 'a number > 0',
  atLeast1: 'a number >= 1',
};

/** A number flag checked against its range; the message names the flag. */
function ranged(flag: string, v: unknown, range: Range): number | undefined {
  if (v === undefined) return undefined;
  const x = number(flag, v as string);
  const ok = range === 'open01' ? x > 0 && x < 1 : range === 'halfOpen01' ? x > 0 && x <= 1 : range === 'positive' ? x > 0 : x >= 1;
  if (!ok) throw new UsageError(`${flag} ${String(v)}: expected ${RANGE_TEXT[range]}`);
  return x;
}

/** Library errors of the sampling module are usage errors at the command line (exit 2). */
export function asUsage<T>(f: () => T, prefix = ''): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SamplingDesignError) throw new UsageError(prefix + e.message);
    throw e;
  }
}

const HELP = `
Output (JSON; --format csv gives the same fields as one row):
  with --moe or --cv: { parameter, p, mean, sd, target ("moe" | "relative_moe" | "cv"), target_value, level, z, deff,
    population, response_rate, prevalence, eligibility,
    n_srs (SRS size, no deff, no fpc), n0 (x deff), n_fpc (after the fpc), n (completed interviews, ceil(n_fpc)),
    n_select (units to select or screen: ceil(n / (prevalence x response_rate x eligibility))) }
  with --n: { parameter, p, mean, sd, level, z, deff, population, response_rate, prevalence, eligibility,
    n_select (as given), n (expected interviews), se, moe, relative_moe, cv }

Examples:
  migstat sample-size --proportion 0.5 --moe 0.05 --deff 2 --prevalence 0.08 --response-rate 0.7   (n 769, screen 13733)
  migstat sample-size --mean 1 --sd 2 --cv 0.05 --population 500                                 (n 381)
  migstat sample-size --proportion 0.3 --n 20000 --prevalence 0.05 --deff 1.8                    (precision of a domain)
`;

/** `migstat sample-size`: sample size for a proportion or a mean, or the precision of a given sample size. */
export function sampleSizeCommand(): Command {
  return new Command('sample-size')
    .description('sample size for a proportion or a mean (target margin of error or CV, deff, fpc, response, screening), or the precision of --n units')
    .option('--proportion <p>', 'expected proportion, strictly between 0 and 1')
    .option('--mean <m>', 'expected mean (for --relative and --cv targets on a mean)')
    .option('--sd <s>', 'unit standard deviation of the variable (a mean)')
    .option('--moe <e>', 'target margin of error (half-width of the interval)')
    .option('--relative', '--moe is relative to the parameter (e.g. 0.1 = within 10% of it)')
    .option('--cv <c>', 'target coefficient of variation of the estimate')
    .option('--n <n>', 'instead of a target: the precision that n selected units achieve')
    .option('--deff <d>', 'design effect', '1')
    .option('--level <p>', 'confidence level', '0.95')
    .option('--population <N>', 'size of the target (sub)population, for the finite population correction')
    .option('--response-rate <r>', 'response rate in (0, 1]')
    .option('--prevalence <p>', 'prevalence of the target subpopulation among the units screened, in (0, 1]')
    .option('--eligibility <e>', 'eligibility confirmation rate in (0, 1]')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .addHelpText('after', HELP)
    .action((o: Record<string, unknown>) => {
      const p = ranged('--proportion', o.proportion, 'open01');
      const sd = ranged('--sd', o.sd, 'positive');
      const mean = o.mean === undefined ? undefined : number('--mean', o.mean as string);
      if (mean === 0) throw new UsageError('--mean 0: a relative target needs a non-zero mean');
      if ((p === undefined) === (sd === undefined)) throw new UsageError('give --proportion P, or --sd S (with --mean M) for a mean');
      if (p !== undefined && mean !== undefined) throw new UsageError('--mean goes with --sd (a mean), not with --proportion');
      const param: PlannedParameter = p !== undefined ? { proportion: p } : { sd: sd!, mean };
      const given = ['moe', 'cv', 'n'].filter((k) => o[k] !== undefined);
      if (given.length !== 1) {
        throw new UsageError(given.length === 0 ? 'give a target: --moe E (with --relative), --cv C, or --n N for the precision of N units' : `give one of --moe, --cv, --n (got ${given.map((g) => `--${g}`).join(', ')})`);
      }
      if (o.relative && o.moe === undefined) throw new UsageError('--relative qualifies --moe');
      const options: PlanningOptions = {
        deff: ranged('--deff', o.deff, 'positive'),
        level: ranged('--level', o.level, 'open01'),
        population: ranged('--population', o.population, 'atLeast1'),
        responseRate: ranged('--response-rate', o.responseRate, 'halfOpen01'),
        prevalence: ranged('--prevalence', o.prevalence, 'halfOpen01'),
        eligibility: ranged('--eligibility', o.eligibility, 'halfOpen01'),
      };
      let result: object;
      if (o.n !== undefined) {
        const n = ranged('--n', o.n, 'positive')!;
        result = asUsage(() => precision(param, n, options));
      } else {
        const target: PrecisionTarget = o.cv !== undefined
          ? { cv: ranged('--cv', o.cv, 'positive')! }
          : { moe: ranged('--moe', o.moe, 'positive')!, relative: Boolean(o.relative) };
        if (p !== undefined && 'moe' in target && !target.relative && target.moe >= 1) {
          throw new UsageError(`--moe ${String(o.moe)}: a margin on the proportion scale must be below 1 (or add --relative)`);
        }
        if (sd !== undefined && mean === undefined && ('cv' in target || target.relative)) {
          throw new UsageError(`${'cv' in target ? '--cv' : '--relative'} for a mean needs --mean`);
        }
        result = asUsage(() => sampleSize(param, target, options));
      }
      const text = o.format === 'csv' ? toCsv(Object.keys(result), [result as Record<string, unknown>]) : toJson(result) + '\n';
      if (o.output) writeFileAtomic(o.output as string, text);
      else process.stdout.write(text);
    });
}
