import { Command, Option } from 'commander';
import { toCsv, toJson, writeFileAtomic } from '../io/write.js';
import { type RdsAnalysis, type RdsOptions, rdsEstimate } from '../sampling/rds-analysis.js';
import { type RdsSample, rdsFromCoupons, rdsFromRecruiters, rdsSummary } from '../sampling/rds-data.js';
import { rdsBottlenecks, rdsConvergence, rdsHomophily } from '../sampling/rds-diagnostics.js';
import { DEGREE_RULES, RDS_ESTIMATORS, type RdsEstimator } from '../sampling/rds-estimators.js';
import { list } from './design-options.js';
import { addReadOptions, readInput } from './read-options.js';
import { UsageError } from './usage-error.js';

/** Columns of a result row, in the order `--format json` and `--format csv` print them. */
export const RDS_RESULT_COLUMNS = ['estimator', 'outcome', 'level', 'estimate', 'se', 'ci_low', 'ci_high', 'n'] as const;

function wholeNumber(name: string, text: unknown, min: number): number | undefined {
  if (text === undefined) return undefined;
  const x = Number(text);
  if (!Number.isInteger(x) || x < min) throw new UsageError(`--${name} must be a whole number >= ${min}, got "${String(text)}"`);
  return x;
}

/**
 * `migstat rds`: RDS estimates (one row per outcome level, or the mean of a numeric outcome) with Salganik bootstrap or
 * EL standard errors; JSON `{"results": [...], "sample", "uncertainty", "degree", "exclusions", "warnings", "diagnostics"?}`.
 */
export function rdsCommand(): Command {
  return addReadOptions(
    new Command('rds')
      .description('respondent-driven sampling estimates (RDS-I, RDS-II, Gile\'s SS) with bootstrap intervals and diagnostics')
      .argument('<file>', 'RDS data: .csv/.tsv, .sav, .dta, .parquet, .arrow, .json, .ndjson'),
  )
    .requiredOption('--id <col>', 'respondent id column')
    .option('--recruiter <col>', 'recruiter id column (seeds: empty, "seed" or 0)')
    .option('--coupon <col>', 'coupon format: the coupon each respondent redeemed (empty for seeds), instead of --recruiter')
    .option('--coupons-given <cols>', 'coupon format: the columns of coupons given out (comma-separated), or one column holding them separated by ; | or spaces', list)
    .requiredOption('--degree <col>', 'reported network size (degree) column')
    .requiredOption('--outcome <cols>', 'outcome column(s), comma-separated: text gives one row per level, numbers a mean', list)
    .addOption(new Option('--estimator <name>', 'estimator').choices(RDS_ESTIMATORS).default('rds2'))
    .option('--exclude-seeds', 'leave the seeds out of the estimate (default: included, as the R RDS code)')
    .option('--population-size <N>', 'population size N (required by ss; gives the EL standard error its finite population factor)')
    .option('--bootstrap <R>', 'Salganik bootstrap replicates (percentile intervals); 0 or absent: R RDS empirical-likelihood SE, normal interval')
    .option('--seed <S>', 'seed of the bootstrap and of the SS Monte Carlo (default 1)')
    .addOption(new Option('--resample <how>', 'bootstrap draw within a group').choices(['uniform', 'degree']).default('uniform'))
    .addOption(new Option('--degree-rule <rule>', 'zero or missing degrees: max (set to the largest), one (zero to 1, missing left out), drop').choices(DEGREE_RULES).default('max'))
    .addOption(new Option('--orphans <rule>', 'respondents whose recruiter or coupon matches nobody: error, or seed (start a new tree, reported)').choices(['error', 'seed']).default('error'))
    .option('--categorical', 'treat numeric outcomes as categorical (one row per value)')
    .option('--level <p>', 'confidence level (default 0.95)')
    .option('--diagnostics', 'add convergence by wave, estimates by seed tree and recruitment homophily (JSON only)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .option('-o, --output <file>', 'write to this file (atomically) instead of standard output')
    .addHelpText('after', `
Output (--format json): {"results": [{"estimator", "outcome", "level", "estimate", "se", "ci_low", "ci_high", "n"}],
"sample", "uncertainty", "degree", "exclusions", "problems", "warnings", "diagnostics" (with --diagnostics)}: one result
row per level of a text outcome (level = the value), one row with level null for the mean of a numeric outcome; n is
the respondents used. --format csv prints the result columns only. Without --bootstrap the SE is R RDS's
empirical-likelihood SE with a normal interval; with --bootstrap R, Salganik's bootstrap with percentile intervals.
Formulas and sources: src/sampling/README.md.`)
    .action(async (file: string, o: Record<string, unknown>) => {
      if (!o.recruiter === !o.coupon) throw new UsageError('give either --recruiter (recruiter-id format) or --coupon with --coupons-given (coupon format)');
      if (o.coupon && !o.couponsGiven) throw new UsageError('--coupon needs --coupons-given, the columns of the coupons each respondent handed out');
      const estimator = o.estimator as RdsEstimator;
      const N = o.populationSize === undefined ? undefined : Number(o.populationSize);
      if (N !== undefined && !(Number.isFinite(N) && N > 0)) throw new UsageError(`--population-size must be a positive number, got "${String(o.populationSize)}"`);
      if (estimator === 'ss' && N === undefined) throw new UsageError("--estimator ss (Gile's successive sampling) needs --population-size N");
      const level = o.level === undefined ? 0.95 : Number(o.level);
      if (!(level > 0 && level < 1)) throw new UsageError(`--level must be between 0 and 1, got "${String(o.level)}"`);
      if (o.diagnostics && o.format === 'csv') throw new UsageError('--diagnostics is printed with --format json only');
      const outcomes = o.outcome as string[];
      const table = await readInput(file, o);
      const read = { degree: o.degree as string, orphans: o.orphans as 'error' | 'seed' };
      const sample: RdsSample = o.coupon
        ? rdsFromCoupons(table, { id: o.id as string, coupon: o.coupon as string, issued: o.couponsGiven as string[] }, read)
        : rdsFromRecruiters(table, { id: o.id as string, recruiter: o.recruiter as string }, read);
      const options: RdsOptions = {
        estimator, seeds: o.excludeSeeds ? 'exclude' : 'include', degreeRule: o.degreeRule as RdsOptions['degreeRule'], populationSize: N,
        outcomeKind: o.categorical ? 'categorical' : 'auto', bootstrap: wholeNumber('bootstrap', o.bootstrap, 0) ?? 0, seed: wholeNumber('seed', o.seed, 0) ?? 1,
        resample: o.resample as RdsOptions['resample'], level,
      };
      const analyses: RdsAnalysis[] = outcomes.map((outcome) => rdsEstimate(sample, outcome, options));
      const results = analyses.flatMap((a) => a.results.map((r) => Object.fromEntries(RDS_RESULT_COLUMNS.map((c) => [c, r[c]]))));
      const warnings = [...new Set(analyses.flatMap((a) => a.warnings))];
      let text: string;
      if (o.format === 'csv') {
        text = toCsv(RDS_RESULT_COLUMNS, results);
        for (const w of warnings) process.stderr.write(`migstat rds: warning: ${w}\n`);
      } else {
        const summary = rdsSummary(sample);
        const body: Record<string, unknown> = {
          results,
          sample: { n: summary.n, seeds: summary.seeds, trees: summary.trees, max_wave: summary.maxWave, orphans_made_seeds: summary.orphans, respondents_by_wave: summary.recruitsPerWave },
          uncertainty: analyses[0]!.uncertainty === 'bootstrap'
            ? { method: 'salganik-bootstrap', replicates: options.bootstrap, seed: options.seed, resample: options.resample, interval: 'percentile', level }
            : { method: 'empirical-likelihood', interval: 'normal', level },
          degree: analyses[0]!.degree,
          exclusions: analyses.map((a, k) => ({ outcome: outcomes[k], rows: a.exclusions })),
          problems: sample.problems.map((p) => ({ kind: p.kind, column: p.column, count: p.count, rows: p.rows.map((r) => r + 1) })),
          warnings,
        };
        if (o.diagnostics) {
          body.diagnostics = {
            convergence: outcomes.flatMap((y) => rdsConvergence(sample, y, options)),
            bottlenecks: outcomes.flatMap((y) => rdsBottlenecks(sample, y, options)),
            homophily: outcomes.flatMap((y) => rdsHomophily(sample, y, options)),
          };
        }
        text = toJson(body) + '\n';
      }
      if (o.output) writeFileAtomic(o.output as string, text);
      else process.stdout.write(text);
    });
}
