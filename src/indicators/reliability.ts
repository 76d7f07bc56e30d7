/**
 * Reliability flags of indicator cells by a policy that is data (a zod-validated object with strict keys), and the
 * ILOSTAT `obs_status` code of a cell.
 *
 * A policy has three independent rules; a cell takes the worst grade any rule gives it:
 * - `cv`: coefficient of variation se/|estimate| in percent: <= `reliable` reliable, <= `less_reliable` less reliable,
 *   above unreliable; applied to the units listed in `units` (GAP is left out by the presets: the CV of a difference
 *   that may be near 0 measures nothing).
 * - `min_n`: a cell whose unweighted base (`n_domain`: the persons counted for NB, the denominator of a rate, the
 *   domain of a mean; spec icls.md para 30) is below it is unreliable.
 * - `proportion`: rules for proportions (unit RT, estimate in [0, 100] percent), after the NCHS Data Presentation
 *   Standards for Proportions (Parker JD, Talih M, Malec DJ et al., Vital Health Stat 2(175), 2017):
 *   effective sample size (Korn EL, Graubard BI, "Confidence intervals for proportions with small expected number of
 *   positive counts estimated from survey data", Survey Methodology 24(2):193-201, 1998):
 *       n_eff = min(n, p(1 - p) / se(p)^2)                    (n_eff = n when se = 0, i.e. p = 0 or 1)
 *       n_eff <- n_eff * (t_{0.975, n-1} / t_{0.975, df})^2   when `df_adjusted` and df < n - 1,
 *   where n is the unweighted denominator and df the design degrees of freedom of the cell; the t-ratio adjustment is
 *   applied only where it lowers n_eff (so n_eff never exceeds n). A proportion is unreliable when n < `min_n` or
 *   n_eff < `min_effective_n`; when the Korn-Graubard interval (Clopper-Pearson with n_eff trials and p n_eff successes,
 *   as R survey `svyciprop(method = "beta")`) has absolute width > `max_ci_width`; or when its width exceeds
 *   `relative_width_above` and its width relative to p exceeds `max_relative_ci_width` percent. A design with
 *   df < `review_df_below` is flagged less reliable (NCHS: "statistical review"). `ci: 'cell'` uses the cell's own
 *   ci_low/ci_high instead of the Korn-Graubard interval.
 *
 * Presets (`RELIABILITY_PRESETS`); their values are configurable conventions, not ILO rules:
 * - `ilo` (the default): CV 16.5% / 33.3% (the "use with caution" and "too unreliable to publish" bands that many
 *   labour force surveys use, e.g. Statistics Canada's; neither ILOSTAT nor the ICLS prescribes thresholds), min_n 20
 *   (a migstat convention: below 20 observations a design-based variance is itself too unstable to grade a cell by),
 *   and Korn-Graubard n_eff >= 30 for proportions (the NCHS value).
 * - `nchs`: the NCHS 2017 proportion standard as published (n >= 30, n_eff >= 30, absolute Korn-Graubard CI width
 *   <= 0.30, relative width <= 130% when the absolute width exceeds 0.05, df < 8 flagged for review); counts and means
 *   get NCHS's earlier presentation rule (as in its survey documentation): n >= 30 and RSE (CV) <= 30%.
 * - `none`: every cell reliable.
 * A policy object may name a `preset` and override any block or key of it: `{ preset: 'nchs', cv: null }`.
 */
import * as z from 'zod';
import { qbeta, qt } from '../survey/distributions.js';
import type { IndicatorCell, Reliability } from './cell.js';

/** A policy file or object that does not validate: the message names the key and what is allowed. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}

type Unit = IndicatorCell['unit'];
const UNITS = ['NB', 'RT', 'MEAN', 'MEDIAN', 'GAP'] as const satisfies readonly Unit[];

export interface CvRule {
  /** CV in percent at or below which a cell is reliable. */
  readonly reliable: number;
  /** CV in percent at or below which a cell is less reliable (above: unreliable); >= `reliable`. */
  readonly less_reliable: number;
  readonly units: readonly Unit[];
}

export interface ProportionRule {
  /** Minimum unweighted denominator n (NCHS: 30). */
  readonly min_n: number;
  /** Minimum effective sample size (Korn-Graubard; NCHS: 30). */
  readonly min_effective_n: number;
  /** Adjust n_eff by (t_{n-1} / t_df)^2 (Korn & Graubard 1998). */
  readonly df_adjusted: boolean;
  /** The interval whose widths are judged: Korn-Graubard from n_eff, or the cell's own ci_low/ci_high. */
  readonly ci: 'korn-graubard' | 'cell';
  /** Confidence level of the Korn-Graubard interval and of the t quantiles of the df adjustment. */
  readonly level: number;
  /** Largest absolute CI width on the proportion scale (NCHS: 0.30); null: no limit. */
  readonly max_ci_width: number | null;
  /** Largest CI width relative to p, in percent (NCHS: 130); null: no limit. */
  readonly max_relative_ci_width: number | null;
  /** The relative-width rule applies only when the absolute width exceeds this (NCHS: 0.05). */
  readonly relative_width_above: number;
  /** Design df below which a proportion is less reliable (NCHS "statistical review": 8); null: no rule. */
  readonly review_df_below: number | null;
}

export interface ReliabilityPolicy {
  readonly cv: CvRule | null;
  /** Minimum unweighted base `n_domain`; 0: no rule. */
  readonly min_n: number;
  readonly proportion: ProportionRule | null;
}

export const RELIABILITY_PRESET_NAMES = ['ilo', 'nchs', 'none'] as const;
export type ReliabilityPresetName = (typeof RELIABILITY_PRESET_NAMES)[number];

const NCHS_PROPORTION: ProportionRule = {
  min_n: 30,
  min_effective_n: 30,
  df_adjusted: true,
  ci: 'korn-graubard',
  level: 0.95,
  max_ci_width: 0.3,
  max_relative_ci_width: 130,
  relative_width_above: 0.05,
  review_df_below: 8,
};

/** The presets (module doc); `ilo` is the default. */
export const RELIABILITY_PRESETS: Readonly<Record<ReliabilityPresetName, ReliabilityPolicy>> = {
  ilo: {
    cv: { reliable: 16.5, less_reliable: 33.3, units: ['NB', 'RT', 'MEAN', 'MEDIAN'] },
    min_n: 20,
    proportion: { ...NCHS_PROPORTION, min_n: 0, max_ci_width: null, max_relative_ci_width: null, review_df_below: null },
  },
  nchs: {
    cv: { reliable: 30, less_reliable: 30, units: ['NB', 'MEAN', 'MEDIAN'] },
    min_n: 30,
    proportion: NCHS_PROPORTION,
  },
  none: { cv: null, min_n: 0, proportion: null },
};

export const DEFAULT_RELIABILITY_POLICY: ReliabilityPolicy = RELIABILITY_PRESETS.ilo;

/** A strict object whose unknown-key message lists the allowed keys. */
function strict<T extends Record<string, z.ZodType>>(shape: T) {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}; allowed keys: ${Object.keys(shape).join(', ')}`
        : undefined,
  });
}

const percent = z.number().min(0);
const cvShape = {
  reliable: percent,
  less_reliable: percent,
  units: z.array(z.enum(UNITS)).min(1),
};
const proportionShape = {
  min_n: z.number().min(0),
  min_effective_n: z.number().min(0),
  df_adjusted: z.boolean(),
  ci: z.enum(['korn-graubard', 'cell']),
  level: z.number().gt(0).lt(1),
  max_ci_width: z.number().gt(0).max(1).nullable(),
  max_relative_ci_width: z.number().gt(0).nullable(),
  relative_width_above: z.number().min(0).max(1),
  review_df_below: z.number().min(0).nullable(),
};
const CvSchema = strict(cvShape).refine((c) => c.less_reliable >= c.reliable, {
  message: 'less_reliable must be at least reliable',
  path: ['less_reliable'],
});

/** The full policy (every key present). */
export const ReliabilityPolicySchema = strict({
  cv: CvSchema.nullable(),
  min_n: z.number().min(0),
  proportion: strict(proportionShape).nullable(),
});

const partial = <T extends Record<string, z.ZodType>>(shape: T) =>
  strict(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> });

/** What a user writes: a preset name, or an object naming a preset (default `ilo`) and overriding blocks or keys. */
export const ReliabilityPolicyInputSchema = z.union([
  z.enum(RELIABILITY_PRESET_NAMES),
  strict({
    preset: z.enum(RELIABILITY_PRESET_NAMES).optional(),
    cv: partial(cvShape).nullable().optional(),
    min_n: z.number().min(0).optional(),
    proportion: partial(proportionShape).nullable().optional(),
  }),
]);
export type ReliabilityPolicyInput = z.input<typeof ReliabilityPolicyInputSchema>;

/** Formats zod issues as `where: key.path: message` lines. */
export function formatIssues(where: string, error: z.ZodError): string {
  return error.issues
    .map((i) => `${where}: ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`)
    .join('\n');
}

/**
 * Validates a reliability policy: a preset name (`ilo`, `nchs`, `none`), a full policy, or `{ preset?, ...overrides }`
 * (blocks merge key by key onto the preset's; `null` switches a rule off). Throws a PolicyError naming `where`, the key
 * and the allowed values.
 */
export function parseReliabilityPolicy(input: unknown, where = 'reliability policy'): ReliabilityPolicy {
  if (input === undefined) return DEFAULT_RELIABILITY_POLICY;
  if (typeof input === 'string' && !(RELIABILITY_PRESET_NAMES as readonly string[]).includes(input)) {
    throw new PolicyError(`${where}: unknown preset "${input}"; allowed: ${RELIABILITY_PRESET_NAMES.join(', ')}`);
  }
  if (typeof input !== 'string' && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    throw new PolicyError(`${where}: expected a preset name (${RELIABILITY_PRESET_NAMES.join(', ')}) or a policy object, got ${JSON.stringify(input)}`);
  }
  const parsed = ReliabilityPolicyInputSchema.safeParse(input);
  if (!parsed.success) {
    // The union hides the object's own issues: re-run the object branch for its messages.
    const detail = typeof input === 'object' ? ReliabilityPolicyInputSchema.options[1].safeParse(input) : parsed;
    throw new PolicyError(formatIssues(where, detail.success ? parsed.error : detail.error));
  }
  const v = parsed.data;
  if (typeof v === 'string') return RELIABILITY_PRESETS[v];
  const base = RELIABILITY_PRESETS[v.preset ?? 'ilo'];
  const merged = {
    cv: v.cv === null ? null : v.cv === undefined ? base.cv : { ...(base.cv ?? RELIABILITY_PRESETS.ilo.cv!), ...v.cv },
    min_n: v.min_n ?? base.min_n,
    proportion:
      v.proportion === null ? null : v.proportion === undefined ? base.proportion : { ...(base.proportion ?? NCHS_PROPORTION), ...v.proportion },
  };
  const full = ReliabilityPolicySchema.safeParse(merged);
  if (!full.success) throw new PolicyError(formatIssues(where, full.error));
  return full.data;
}

/** The grade of a cell and why: every rule that lowered it, and the Korn-Graubard statistics of a proportion. */
export interface ReliabilityAssessment {
  readonly reliability: Reliability;
  /** Rules that lowered the grade, e.g. `cv 41.2% > 33.3%`, `n_eff 12.4 < 30`. */
  readonly reasons: readonly string[];
  /** Proportions: the (df-adjusted, truncated) effective sample size. */
  readonly effectiveN?: number;
  /** Proportions: the interval judged, on the proportion scale. */
  readonly ci?: readonly [number, number];
}

const RANK: Record<Reliability, number> = { reliable: 0, 'less-reliable': 1, unreliable: 2 };

/** Korn-Graubard effective sample size of a proportion p with standard error se, n observations and df (module doc). */
export function kornGraubardEffectiveN(p: number, se: number, n: number, df: number, level = 0.95, dfAdjusted = true): number {
  let nEff = se > 0 && p > 0 && p < 1 ? Math.min(n, (p * (1 - p)) / (se * se)) : n;
  if (dfAdjusted && df < n - 1 && n > 1 && df > 0) {
    const alpha = 1 - level;
    nEff *= (qt(1 - alpha / 2, n - 1) / qt(1 - alpha / 2, df)) ** 2;
  }
  return nEff;
}

/** Korn-Graubard interval: Clopper-Pearson with n_eff trials and p n_eff successes (R survey svyciprop "beta"). */
export function kornGraubardInterval(p: number, nEff: number, level = 0.95): [number, number] {
  const alpha = 1 - level;
  if (!(nEff > 0)) return [0, 1];
  const x = p * nEff;
  return [qbeta(alpha / 2, x, nEff - x + 1), qbeta(1 - alpha / 2, x + 1, nEff - x)];
}

/** Grades one cell under a (parsed) policy; see the module doc for the rules. */
export function assessReliability(cell: IndicatorCell, policy: ReliabilityPolicy = DEFAULT_RELIABILITY_POLICY): ReliabilityAssessment {
  let grade: Reliability = 'reliable';
  const reasons: string[] = [];
  const lower = (to: Reliability, why: string) => {
    if (RANK[to] > RANK[grade]) grade = to;
    reasons.push(why);
  };
  const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 1000) / 1000) : String(x));
  const none = policy.cv === null && policy.min_n === 0 && policy.proportion === null;
  if (!none && (!Number.isFinite(cell.estimate) || !(cell.se >= 0))) lower('unreliable', `estimate ${cell.estimate}, se ${cell.se}`);
  if (policy.min_n > 0 && cell.n_domain < policy.min_n) lower('unreliable', `n ${cell.n_domain} < ${policy.min_n}`);
  if (policy.cv && policy.cv.units.includes(cell.unit)) {
    const cv = cell.estimate === 0 ? (cell.se > 0 ? Infinity : NaN) : (100 * cell.se) / Math.abs(cell.estimate);
    if (cv > policy.cv.less_reliable) lower('unreliable', `cv ${fmt(cv)}% > ${policy.cv.less_reliable}%`);
    else if (cv > policy.cv.reliable) lower('less-reliable', `cv ${fmt(cv)}% > ${policy.cv.reliable}%`);
  }
  let effectiveN: number | undefined;
  let ci: [number, number] | undefined;
  const rule = policy.proportion;
  if (rule && cell.unit === 'RT' && cell.estimate >= 0 && cell.estimate <= 100 && cell.se >= 0) {
    const p = cell.estimate / 100;
    const n = cell.n_domain;
    effectiveN = kornGraubardEffectiveN(p, cell.se / 100, n, cell.df, rule.level, rule.df_adjusted);
    ci = rule.ci === 'cell' ? [cell.ci_low / 100, cell.ci_high / 100] : kornGraubardInterval(p, effectiveN, rule.level);
    if (rule.min_n > 0 && n < rule.min_n) lower('unreliable', `denominator n ${n} < ${rule.min_n}`);
    if (effectiveN < rule.min_effective_n) lower('unreliable', `n_eff ${fmt(effectiveN)} < ${rule.min_effective_n}`);
    const width = ci[1] - ci[0];
    if (rule.max_ci_width !== null && width > rule.max_ci_width) lower('unreliable', `CI width ${fmt(width)} > ${rule.max_ci_width}`);
    if (rule.max_relative_ci_width !== null && width > rule.relative_width_above) {
      const relative = p > 0 ? (100 * width) / p : Infinity;
      if (relative > rule.max_relative_ci_width) lower('unreliable', `relative CI width ${fmt(relative)}% > ${rule.max_relative_ci_width}%`);
    }
    if (rule.review_df_below !== null && cell.df < rule.review_df_below) lower('less-reliable', `df ${cell.df} < ${rule.review_df_below}`);
  }
  return { reliability: grade, reasons, ...(effectiveN !== undefined ? { effectiveN } : {}), ...(ci ? { ci } : {}) };
}

/**
 * Sets `reliability` on every cell under a policy (a preset name, a policy object, or overrides; default `ilo`).
 * Returns new cells; the input is not modified.
 */
export function flagReliability<C extends IndicatorCell>(cells: readonly C[], policy?: ReliabilityPolicyInput | ReliabilityPolicy): C[] {
  const p = parseReliabilityPolicy(policy);
  return cells.map((c) => ({ ...c, reliability: assessReliability(c, p).reliability }));
}

export interface ObsStatusOptions {
  /**
   * The `obs_status` of a suppressed cell. Default `C` (confidential). UNVERIFIED: the ILOSTAT obs_status code list
   * (dic/obs_status_en.csv) has not been seen first-hand (spec icls.md para 47 and section 6 point 64); `C` is the
   * confidential code of SDMX CL_CONF_STATUS and of Eurostat's flags, and SDMX CL_OBS_STATUS has `Q` (missing value;
   * suppressed). Set this to ILOSTAT's code once confirmed.
   */
  readonly confidential?: string;
  /** The `obs_status` of an unreliable cell: `U` (spec icls.md para 47: `U` = unreliable). */
  readonly unreliable?: string;
}

/**
 * The ILOSTAT `obs_status` of a cell: the confidential code (default `C`, unverified) when suppressed, `U` when
 * unreliable, '' otherwise (ILOSTAT has no code for "less reliable": it is reported in the tidy output only).
 */
export function obsStatus(cell: Pick<IndicatorCell, 'reliability' | 'suppressed'>, options: ObsStatusOptions = {}): string {
  if (cell.suppressed) return options.confidential ?? 'C';
  if (cell.reliability === 'unreliable') return options.unreliable ?? 'U';
  return '';
}

/** `obsStatus` with fixed options, as a `(cell) => string` callback for the writers. */
export function obsStatusOf(options: ObsStatusOptions = {}): (cell: Pick<IndicatorCell, 'reliability' | 'suppressed'>) => string {
  return (cell) => obsStatus(cell, options);
}
