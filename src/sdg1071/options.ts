/**
 * Options of the SDG 10.7.1 computation, with their defaults in one place, and the record of the choices a run made
 * (spec sdg1071.md: every [I]/[R] choice is an option with a documented default, recorded in the output metadata).
 */
import type { ReliabilityPolicy, ReliabilityPolicyInput } from '../indicators/reliability.js';
import type { SuppressionPolicy, SuppressionPolicyInput } from '../indicators/suppression.js';
import type { QuantileRule } from '../survey/quantile.js';
import { Sdg1071Error } from './errors.js';

/** The headline estimator (rule 20 [I]/[R]): weighted mean of the individual ratios, or ratio of the weighted means. */
export type Sdg1071Estimator = 'mean-of-ratios' | 'ratio-of-means';
export const SDG1071_ESTIMATORS: readonly Sdg1071Estimator[] = ['mean-of-ratios', 'ratio-of-means'];

/** Net first-month earnings (rule 17 [I]): add back the wages deducted for recruitment costs, or take them as given. */
export type NetEarningsRule = 'add-back-deductions' | 'as-given';
export const NET_EARNINGS_RULES: readonly NetEarningsRule[] = ['add-back-deductions', 'as-given'];

/** Breakdowns of the tables besides sex (rules 30-31). */
export type Sdg1071Breakdown = 'corridor' | 'destination' | 'occupation' | 'education' | 'channel';
export const SDG1071_BREAKDOWNS: readonly Sdg1071Breakdown[] = ['corridor', 'destination', 'occupation', 'education', 'channel'];

export interface Sdg1071Options {
  /** Reference window in years (rule 9 [I]): reference jobs starting on or after 1 January of surveyYear - windowYears. Default 3. */
  readonly windowYears?: number;
  /** Count interest on loans taken to pay for migration (cost_type loan-interest) in RC (rule 13 [R]). Default false. */
  readonly includeInterest?: boolean;
  /** Headline estimator (rule 20). Default mean-of-ratios. */
  readonly estimator?: Sdg1071Estimator;
  /** Workers with r_i above this many months are counted in the metadata, never trimmed (rule 26). Default 24. */
  readonly ratioLimit?: number;
  /** Net earnings rule (rule 17). Default add-back-deductions. */
  readonly netEarnings?: NetEarningsRule;
  /** Months tables (RCI, median, ratio of means) in percent of one month's earnings (months x 100): display only (rule 22). */
  readonly percent?: boolean;
  /** Breakdowns tabulated besides sex; default all. */
  readonly breakdowns?: readonly Sdg1071Breakdown[];
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** Interval df; default the design df (one for the table set, as compute.ts). */
  readonly df?: number;
  /** Quantile rule of the median; default `math` (R qrule_math: the lower median, spec §10 convention). */
  readonly qrule?: QuantileRule;
  /** Reliability flag policy (indicators/reliability.ts); default `ilo`. */
  readonly reliability?: ReliabilityPolicyInput | ReliabilityPolicy;
  /** Disclosure control (indicators/suppression.ts); default on. */
  readonly suppression?: SuppressionPolicyInput | SuppressionPolicy;
  /** Base year of constant prices when a deflator is given; default the survey year. */
  readonly deflatorBaseYear?: number;
}

/** The options with every default filled in. */
export interface ResolvedSdg1071Options {
  readonly windowYears: number;
  readonly includeInterest: boolean;
  readonly estimator: Sdg1071Estimator;
  readonly ratioLimit: number;
  readonly netEarnings: NetEarningsRule;
  readonly percent: boolean;
  readonly breakdowns: readonly Sdg1071Breakdown[];
  readonly level: number;
  readonly df: number | undefined;
  readonly qrule: QuantileRule;
  readonly reliability: ReliabilityPolicyInput | ReliabilityPolicy | undefined;
  readonly suppression: SuppressionPolicyInput | SuppressionPolicy | undefined;
  readonly deflatorBaseYear: number | undefined;
}

export const SDG1071_DEFAULTS = {
  windowYears: 3,
  includeInterest: false,
  estimator: 'mean-of-ratios',
  ratioLimit: 24,
  netEarnings: 'add-back-deductions',
  percent: false,
  breakdowns: SDG1071_BREAKDOWNS,
  level: 0.95,
  qrule: 'math',
} as const satisfies Partial<ResolvedSdg1071Options>;

/** Fills the defaults and checks the values; an invalid value is an Sdg1071Error naming the option. */
export function resolveOptions(o: Sdg1071Options = {}): ResolvedSdg1071Options {
  const r: ResolvedSdg1071Options = {
    windowYears: o.windowYears ?? SDG1071_DEFAULTS.windowYears,
    includeInterest: o.includeInterest ?? SDG1071_DEFAULTS.includeInterest,
    estimator: o.estimator ?? SDG1071_DEFAULTS.estimator,
    ratioLimit: o.ratioLimit ?? SDG1071_DEFAULTS.ratioLimit,
    netEarnings: o.netEarnings ?? SDG1071_DEFAULTS.netEarnings,
    percent: o.percent ?? SDG1071_DEFAULTS.percent,
    breakdowns: o.breakdowns ?? SDG1071_DEFAULTS.breakdowns,
    level: o.level ?? SDG1071_DEFAULTS.level,
    df: o.df,
    qrule: o.qrule ?? SDG1071_DEFAULTS.qrule,
    reliability: o.reliability,
    suppression: o.suppression,
    deflatorBaseYear: o.deflatorBaseYear,
  };
  if (!(Number.isInteger(r.windowYears) && r.windowYears >= 0)) throw new Sdg1071Error(`windowYears ${r.windowYears}: expected a whole number of years >= 0`);
  if (!SDG1071_ESTIMATORS.includes(r.estimator)) throw new Sdg1071Error(`estimator "${r.estimator}": expected one of ${SDG1071_ESTIMATORS.join(', ')}`);
  if (!NET_EARNINGS_RULES.includes(r.netEarnings)) throw new Sdg1071Error(`netEarnings "${r.netEarnings}": expected one of ${NET_EARNINGS_RULES.join(', ')}`);
  if (!(r.ratioLimit > 0)) throw new Sdg1071Error(`ratioLimit ${r.ratioLimit}: expected a number of months > 0`);
  if (!(r.level > 0 && r.level < 1)) throw new Sdg1071Error(`level ${r.level}: expected a confidence level between 0 and 1`);
  const bad = r.breakdowns.find((b) => !SDG1071_BREAKDOWNS.includes(b));
  if (bad !== undefined) throw new Sdg1071Error(`breakdown "${bad}": expected some of ${SDG1071_BREAKDOWNS.join(', ')}`);
  return r;
}
