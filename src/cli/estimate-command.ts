import { Command, Option } from 'commander';
import { toCsv, toJson, writeFileAtomic } from '../io/write.js';
import { parseCondition } from '../survey/domains.js';
import { type EstimateResult, type StatRequest, estimate } from '../survey/estimate.js';
import { PROPORTION_CI_METHODS, type ProportionCiMethod } from '../survey/proportion-interval.js';
import { QUANTILE_INTERVAL_TYPES, QUANTILE_RULES, type QuantileIntervalType, type QuantileRule } from '../survey/quantile.js';
import { addReadOptions, readInput } from './read-options.js';
import { addDesignOptions, collect, designColumns, designFromOptions, list, number } from './design-options.js';
import { UsageError } from './usage-error.js';

/** Turns one statistic flag into a request; order of flags on the command line is kept. */
function request(flag: string, v: string): StatRequest {
  switch (flag) {
    case 'total':
    case 'mean':
    case 'var':
      return { statistic: flag, variable: v };
    case 'prop':
      return { statistic: 'proportion', variable: v };
    case 'ratio': {
      const [num, den, ...rest] = v.split('/');
      if (!num || !den || rest.length) throw new UsageError(`--ratio ${v}: expected NUM/DEN`);
      return { statistic: 'ratio', numerator: num, denominator: den };
    }
    case 'ciprop': {
      const at = v.indexOf('=');
      if (at <= 0) throw new UsageError(`--ciprop ${v}: expected COL=VALUE`);
      return { statistic: 'proportion', variable: v.slice(0, at), value: v.slice(at + 1) };
    }
    default: {
      const at = v.lastIndexOf(':');
      const probs = at > 0 ? list(v.slice(at + 1)).map((p) => number('--quantile', p)) : [];
      if (at <= 0 || probs.length === 0 || probs.some((p) => p < 0 || p > 1)) {
        throw new UsageError(`--quantile ${v}: expected COL:P1,P2,... with probabilities in [0, 1]`);
      }
      return { statistic: 'quantile', variable: v.slice(0, at), probs };
    }
  }
}

/** Tidy records: domain variables as columns. */
function records(result: EstimateResult, by: readonly string[]): Record<string, unknown>[] {
  return result.results.map(({ domain, ...r }) => ({ ...Object.fromEntries(by.map((b) => [b, domain[b]])), ...r }));
}

/** `migstat estimate`: design-based estimates from a CSV file. */
export function estimateCommand(): Command {
  const requests: StatRequest[] = [];
  const cmd = addReadOptions(addDesignOptions(
    new Command('estimate')
      .description('design-based estimates (Taylor linearisation or replicate weights, as R survey) with SE, CI, df, deff, cv')
      .argument('<file>', 'microdata: .csv/.tsv (NA and empty are missing), .sav, .zsav, .dta, .parquet, .arrow, .json, .ndjson'),
  ))
    .option('--total <col>', 'total (one row per level of a categorical column)', collect, [])
    .option('--mean <col>', 'mean (proportions of each level of a categorical column)', collect, [])
    .option('--ratio <num/den>', 'ratio of two totals', collect, [])
    .option('--prop <col>', 'proportion of every level, CI by --ci-method', collect, [])
    .option('--var <col>', 'population variance (svyvar)', collect, [])
    .option('--quantile <col:p1,p2>', 'quantiles with Woodruff intervals', collect, [])
    .addOption(new Option('--qrule <rule>', 'quantile rule').choices(QUANTILE_RULES).default('math'))
    .addOption(new Option('--interval-type <type>', 'quantile interval').choices(QUANTILE_INTERVAL_TYPES).default('mean'))
    .option('--ciprop <col=value>', 'proportion of one value, CI by --ci-method', collect, [])
    .addOption(new Option('--ci-method <method>', 'proportion CI').choices(PROPORTION_CI_METHODS).default('logit'))
    .option('--categorical <col>', 'treat a numeric code column as categorical', collect, [])
    .option('--by <cols>', 'domain variables, comma-separated', list)
    .option('--where <cond>', 'subset condition COL=V, COL!=V, COL>X, COL>=X, COL<X, COL<=X (repeatable, ANDed)', collect, [])
    .option('--level <p>', 'confidence level', '0.95')
    .option('--df <n>', 'degrees of freedom of every interval (Inf: normal); default the design df of each domain')
    .option('--deff-replace', 'design effect against SRS with replacement')
    .option('--na-rm', 'leave out (and count) rows with missing analysis values')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output');
  for (const flag of ['total', 'mean', 'ratio', 'prop', 'var', 'quantile', 'ciprop']) {
    cmd.on(`option:${flag}`, (v: string) => requests.push(request(flag, v)));
  }
  return cmd.action(async (file: string, o: Record<string, unknown>) => {
    if (requests.length === 0) throw new UsageError('no statistic requested: give --total, --mean, --ratio, --prop, --var, --quantile or --ciprop');
    const by = (o.by as string[] | undefined) ?? [];
    const where = (o.where as string[]).map(parseCondition);
    // Read only the columns the design, the statistics and the domains use.
    const design = designColumns(o);
    const columns = design && [...new Set([
      ...design,
      ...requests.flatMap((r) => (r.statistic === 'ratio' ? [r.numerator, r.denominator] : [r.variable])),
      ...by,
      ...where.map((c) => c.column),
      ...(o.categorical as string[]),
    ])];
    const table = await readInput(file, o, columns);
    const result = estimate(designFromOptions(table, o), requests, {
      by,
      where,
      level: number('--level', o.level as string),
      df: o.df === undefined ? undefined : number('--df', o.df as string),
      deffReplace: Boolean(o.deffReplace),
      naRm: Boolean(o.naRm),
      categorical: o.categorical as string[],
      ciMethod: o.ciMethod as ProportionCiMethod,
      qrule: o.qrule as QuantileRule,
      intervalType: o.intervalType as QuantileIntervalType,
    });
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    for (const e of result.exclusions) process.stderr.write(`excluded: ${e.count} row(s): ${e.reason}${e.variable ? ` (${e.variable})` : ''}\n`);
    const text = o.format === 'csv'
      ? toCsv([...by, 'statistic', 'variable', 'level', 'estimate', 'se', 'ci_low', 'ci_high', 'df', 'deff', 'cv', 'n', 'n_eff', 'N'], records(result, by))
      : toJson({ design: result.design, results: result.results, exclusions: result.exclusions, warnings: result.warnings }) + '\n';
    if (o.output) writeFileAtomic(o.output as string, text);
    else process.stdout.write(text);
  });
}
