/**
 * Design effects for planning, from a pilot or a previous round: the deff of each indicator (the survey core's, R
 * survey `deff = TRUE`), Kish's effective sample size and weighting design effect, the cluster design effect and the
 * intraclass correlation it implies, and Kish's design effect of disproportionate allocation (spec survey.md section 4).
 */
import type { SurveyDesign } from '../survey/design.js';
import { type Design, type EstimateOptions, type StatRequest, estimate } from '../survey/estimate.js';
import { weightDiagnostics } from '../survey/weighting.js';
import { SamplingDesignError } from './design-error.js';

/** Kish's effective sample size of a set of weights. */
export interface EffectiveSize {
  readonly n: number;
  /** (sum w)^2 / sum w^2. */
  readonly n_eff: number;
  /** n sum w^2 / (sum w)^2 = 1 + cv^2. */
  readonly deff_w: number;
  /** CV of the weights, divisor n. */
  readonly cv: number;
}

/**
 * Kish (1965, section 11.7; 1992 "Weighting for unequal P_i", J. Off. Stat. 8:183-200) effective sample size
 * n_eff = (sum w)^2 / sum w^2 and weighting design effect deff_w = n sum w^2 / (sum w)^2 = 1 + CV^2(w), by the survey
 * core's `weightDiagnostics` (spec: apistrat deff_w 1.18637, n_eff 168.58 of 200).
 */
export function effectiveSize(weights: ArrayLike<number>): EffectiveSize {
  const d = weightDiagnostics(weights);
  return { n: d.n, n_eff: d.nEff, deff_w: d.deffW, cv: d.cv };
}

/** Cluster design effect 1 + (mbar - 1) rho (Kish 1965 section 5.4): mbar units per cluster, intraclass correlation rho. */
export function clusterDeff(meanClusterSize: number, rho: number): number {
  if (!(meanClusterSize >= 1 && Number.isFinite(meanClusterSize))) throw new SamplingDesignError(`mean cluster size ${meanClusterSize}: expected a number >= 1`);
  if (!Number.isFinite(rho)) throw new SamplingDesignError(`intraclass correlation ${rho}: expected a finite number`);
  const deff = 1 + (meanClusterSize - 1) * rho;
  if (!(deff > 0)) throw new SamplingDesignError(`intraclass correlation ${rho} with mean cluster size ${meanClusterSize} gives deff ${deff}: expected a positive design effect`);
  return deff;
}

/**
 * The intraclass correlation (Kish's synthetic roh) a cluster design effect implies: (deff - 1) / (mbar - 1). A deff that
 * also carries unequal weighting gives a roh that absorbs it (it can exceed 1): divide deff by deff_w first, as
 * `designEffects` does for `roh_net`.
 */
export function rhoFromDeff(deff: number, meanClusterSize: number): number {
  if (!(deff > 0 && Number.isFinite(deff))) throw new SamplingDesignError(`deff ${deff}: expected a design effect > 0`);
  if (!(meanClusterSize > 1 && Number.isFinite(meanClusterSize))) throw new SamplingDesignError(`mean cluster size ${meanClusterSize}: expected a number > 1 (no clustering, no intraclass correlation)`);
  return (deff - 1) / (meanClusterSize - 1);
}

/**
 * Kish's design effect of disproportionate allocation, (sum W_h k_h)(sum W_h / k_h) (Kish 1965 section 11.7; Kish 1992,
 * spec section 4, which marks the form as recalled, not fetched: the tests check it against 1 + CV^2 of apistrat's weights), W_h the population shares of the strata (normalised here to sum 1) and k_h their
 * relative weights (any scale; the expression is the same for k_h and 1/k_h, so sampling rates serve as well). It
 * equals the weighting deff 1 + CV^2 of the weights when each stratum's sample is exactly n W_h / k_h (normalised).
 */
export function allocationDeff(shares: readonly number[], relativeWeights: readonly number[]): number {
  if (shares.length === 0 || shares.length !== relativeWeights.length) {
    throw new SamplingDesignError(`allocation deff: ${shares.length} shares and ${relativeWeights.length} relative weights: give one of each per stratum`);
  }
  shares.forEach((w, h) => {
    if (!(w >= 0 && Number.isFinite(w))) throw new SamplingDesignError(`allocation deff: share ${w} of stratum ${h + 1}: expected a number >= 0`);
    const k = relativeWeights[h]!;
    if (!(k > 0 && Number.isFinite(k))) throw new SamplingDesignError(`allocation deff: relative weight ${k} of stratum ${h + 1}: expected a number > 0`);
  });
  const total = shares.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new SamplingDesignError('allocation deff: the shares sum to 0');
  let a = 0;
  let b = 0;
  shares.forEach((w, h) => {
    a += (w / total) * relativeWeights[h]!;
    b += w / total / relativeWeights[h]!;
  });
  return a * b;
}

/** One indicator of a design-effect table. */
export interface DesignEffectRow {
  /** statistic:variable[=level] */
  readonly indicator: string;
  readonly statistic: string;
  readonly variable: string;
  readonly level: string | number | null;
  readonly domain: Readonly<Record<string, string>>;
  readonly estimate: number;
  readonly se: number;
  readonly cv: number;
  readonly deff: number | null;
  readonly n: number;
  readonly n_eff: number | null;
  /** Kish's synthetic roh (deff - 1) / (mbar - 1), mbar the rows per first-stage PSU; whole-sample rows of clustered designs only. */
  readonly roh: number | null;
  /**
   * roh net of unequal weighting, (deff / deff_w - 1) / (mbar - 1), from the product form deff = deff_w [1 + (mbar - 1)
   * rho] (Gabler, Haeder & Lahiri 1999; spec section 4 marks this form unverified). Plan with deff_w x clusterDeff(m, roh_net).
   */
  readonly roh_net: number | null;
}

export interface DesignEffectTable {
  readonly rows: DesignEffectRow[];
  /** Kish n_eff and deff_w of the design's weights (rows with weight > 0 of the whole sample). */
  readonly weights: EffectiveSize;
  /** Taylor designs with clusters: first-stage PSUs and mean rows per PSU (null otherwise). */
  readonly psu: number | null;
  readonly mean_cluster_size: number | null;
  readonly warnings: string[];
}

/** First-stage PSUs and rows per PSU of a clustered Taylor design. */
function clusterSizes(design: Design): { psu: number; mbar: number } | null {
  if (design.kind !== 'taylor') return null;
  const d = design as SurveyDesign;
  if (!d.spec.psu || d.spec.psu.length === 0 || d.stages.length === 0) return null;
  const psu = d.stages[0]!.nUnits;
  return { psu, mbar: d.n / psu };
}

/**
 * Design effects of indicators from a pilot or a previous round: the survey core's `estimate` (deff against SRS
 * without replacement by default, as R `deff = TRUE`; n_eff = n / deff), one row per indicator x level x domain, with
 * Kish's weighting deff of the design and, for clustered designs, the synthetic roh of whole-sample rows (gross, and
 * net of the weighting effect).
 */
export function designEffects(design: Design, requests: readonly StatRequest[], options: EstimateOptions = {}): DesignEffectTable {
  const result = estimate(design, requests, options);
  const clusters = clusterSizes(design);
  const whole = (options.by ?? []).length === 0 && (options.where ?? []).length === 0;
  const positive = Array.from(design.weights).filter((w) => w > 0);
  const weights = effectiveSize(positive);
  const clustered = whole && clusters !== null && clusters.mbar > 1;
  const rows = result.results.map((r): DesignEffectRow => ({
    indicator: `${r.statistic}:${r.variable}${r.level === null ? '' : `=${r.level}`}`,
    statistic: r.statistic,
    variable: r.variable,
    level: r.level,
    domain: r.domain,
    estimate: r.estimate,
    se: r.se,
    cv: r.cv,
    deff: r.deff,
    n: r.n,
    n_eff: r.n_eff,
    roh: clustered && r.deff !== null ? rhoFromDeff(r.deff, clusters.mbar) : null,
    roh_net: clustered && r.deff !== null ? rhoFromDeff(r.deff / weights.deff_w, clusters.mbar) : null,
  }));
  return {
    rows,
    weights,
    psu: clusters?.psu ?? null,
    mean_cluster_size: clusters?.mbar ?? null,
    warnings: result.warnings,
  };
}
