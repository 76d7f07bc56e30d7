import { critical, qbeta, qt } from './distributions.js';

/** Confidence-interval methods for a proportion, as R survey 4.5 `svyciprop`. */
export type ProportionCiMethod = 'logit' | 'likelihood' | 'asin' | 'beta' | 'mean' | 'xlogit' | 'wilson';
export const PROPORTION_CI_METHODS: readonly ProportionCiMethod[] = ['logit', 'likelihood', 'asin', 'beta', 'mean', 'xlogit', 'wilson'];

/** What a closed-form proportion interval needs. */
export interface ProportionIntervalInput {
  readonly p: number;
  /** Design-based variance of p. */
  readonly variance: number;
  /** Degrees of freedom of the interval (Infinity: normal). */
  readonly df: number;
  /** Rows of the (sub)design and its design df: used by Korn-Graubard, which ignores `df` (as R). */
  readonly nRows: number;
  readonly designDf: number;
  readonly level: number;
}

const logit = (p: number): number => Math.log(p / (1 - p));
const expit = (x: number): number => 1 / (1 + Math.exp(-x));

/** Closed-form svyciprop intervals (spec survey.md §1.4); `likelihood` is computed by `likelihoodInterval`. */
export function proportionInterval(method: Exclude<ProportionCiMethod, 'likelihood'>, x: ProportionIntervalInput): [number, number] {
  const { p, variance: v, df, level } = x;
  const se = Math.sqrt(v);
  const t = critical(level, df);
  switch (method) {
    case 'mean':
      return [p - t * se, p + t * se];
    case 'logit':
    case 'xlogit': {
      // logit: Wald interval of the quasibinomial intercept, numerically the same as xlogit (delta method on logit p).
      const h = (t * se) / (p * (1 - p));
      return [expit(logit(p) - h), expit(logit(p) + h)];
    }
    case 'asin': {
      const a = Math.asin(Math.sqrt(p));
      const h = (t * se) / (2 * Math.sqrt(p * (1 - p)));
      return [Math.sin(a - h) ** 2, Math.sin(a + h) ** 2];
    }
    case 'beta': {
      // Korn-Graubard: n_eff scaled by (t_{n-1}/t_{degf})^2; at p = 0 or 1 (no variance) n_eff = n, giving Clopper-Pearson.
      const alpha = 1 - level;
      const nEff = v > 0 ? ((p * (1 - p)) / v) * (qt(alpha / 2, x.nRows - 1) / qt(alpha / 2, x.designDf)) ** 2 : x.nRows;
      return [qbeta(alpha / 2, nEff * p, nEff * (1 - p) + 1), qbeta(1 - alpha / 2, nEff * p + 1, nEff * (1 - p))];
    }
    case 'wilson': {
      const nEff = (p * (1 - p)) / v;
      const t2 = t * t;
      const root = Math.sqrt(4 * nEff * p * (1 - p) + t2);
      const denom = 1 + t2 / nEff;
      return [(p + t2 / (2 * nEff) - (t / (2 * nEff)) * root) / denom, (p + t2 / (2 * nEff) + (t / (2 * nEff)) * root) / denom];
    }
  }
}
