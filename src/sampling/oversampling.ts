/**
 * Oversampling areas with a high concentration of migrants (disproportionate stratified screening; Kalton & Anderson
 * 1986, "Sampling rare populations", JRSS A 149:65-82; Kish 1965 section 11.7): the expected migrant sample, the
 * screening saved, and what it costs in design effect.
 *
 * Strata h have population shares W_h (normalised to sum 1), migrant prevalences P_h and relative sampling rates k_h
 * (any scale: only ratios matter; or an oversampling factor for strata at or above a prevalence threshold). With n
 * units screened, stratum h gets n W_h k_h / sum W_j k_j of them. Then:
 * - overall prevalence P = sum W_h P_h; yield (migrants found per unit screened) = sum W_h k_h P_h / sum W_h k_h;
 * - Kish design effect of the weights (1/k_h) for whole-population estimates: (sum W_h k_h)(sum W_h / k_h);
 *   for estimates on migrants, the same with their shares W'_h = W_h P_h / P: (sum W'_h k_h)(sum W'_h / k_h)
 *   (Kish 1992, "Weighting for unequal P_i", J. Off. Stat. 8:183-200);
 * - effective migrant sample = migrants found / migrant deff.
 * For a target of m migrants: screening needed m / yield against m / P with proportional allocation (saved: the
 * difference), and m deff_migrants / yield for m *effective* migrants, the fair comparison.
 */
import { roundAllocation, stratumWeightDeff } from './allocation.js';
import { allocationDeff } from './design-effects.js';
import { SamplingDesignError } from './design-error.js';
import { roundUp } from './sample-size.js';

/** A stratum of areas: its population share (or size), migrant prevalence and, optionally, relative sampling rate. */
export interface ConcentrationStratum {
  readonly name: string;
  /** Population share W_h, or population size N_h (normalised either way). */
  readonly share: number;
  /** Migrant prevalence P_h in [0, 1]. */
  readonly prevalence: number;
  /** Relative sampling rate k_h > 0 (default: 1, or `factor` when prevalence >= `threshold`). */
  readonly rate?: number;
}

export interface OversamplingOptions {
  /** Oversampling factor for strata whose prevalence is at or above `threshold` (strata without their own rate). */
  readonly factor?: number;
  readonly threshold?: number;
  /** Units to screen: gives the expected samples, migrants found and the rounded allocation. */
  readonly screened?: number;
  /** Migrants wanted: gives the screening needed with and without oversampling. */
  readonly migrants?: number;
}

export interface OversampledStratum {
  readonly stratum: string;
  readonly W: number;
  readonly prevalence: number;
  /** Relative sampling rate, scaled so that the population average sum W_h k_h is 1. */
  readonly rate: number;
  /** Share of the screened sample, W_h k_h. */
  readonly sample_share: number;
  /** Share of the migrants found, W_h k_h P_h / sum. */
  readonly migrant_share: number;
  /** Units screened and migrants expected (with `screened`; n_h rounded by largest remainder). */
  readonly screened: number | null;
  readonly migrants: number | null;
}

export interface Oversampling {
  readonly prevalence: number;
  /** Migrants found per unit screened. */
  readonly yield: number;
  /** yield / prevalence: how many times more migrants per unit screened than with proportional allocation. */
  readonly yield_gain: number;
  /** Kish allocation deff for whole-population estimates and for estimates on migrants. */
  readonly deff_all: number;
  readonly deff_migrants: number;
  /** yield_gain / deff_migrants: effective migrants per unit screened, relative to proportional allocation. */
  readonly efficiency: number;
  readonly screened: number | null;
  /** With `screened`: migrants expected, their effective number, and 1 + CV^2 of the weights of the rounded allocation. */
  readonly migrants: number | null;
  readonly migrants_effective: number | null;
  readonly deff_w: number | null;
  /** With `migrants`: units to screen with this allocation, proportionally, and the saving; then for as many effective migrants. */
  readonly target_migrants: number | null;
  readonly screen_needed: number | null;
  readonly screen_proportional: number | null;
  readonly screening_saved: number | null;
  readonly screen_needed_effective: number | null;
  readonly screening_saved_effective: number | null;
  readonly strata: OversampledStratum[];
}

function fail(message: string): never {
  throw new SamplingDesignError(message);
}

/** Expected migrant sample, screening saved and design effects of oversampling high-concentration strata (module comment). */
export function oversampling(strata: readonly ConcentrationStratum[], options: OversamplingOptions = {}): Oversampling {
  if (strata.length === 0) fail('oversampling: no strata');
  const { factor, threshold } = options;
  if (factor !== undefined && !(factor > 0 && Number.isFinite(factor))) fail(`oversampling factor ${factor}: expected a number > 0`);
  if ((factor === undefined) !== (threshold === undefined)) fail('oversampling: give the factor and the prevalence threshold together');
  strata.forEach((s, i) => {
    const at = `stratum "${s.name}" (${i + 1})`;
    if (!(s.share >= 0 && Number.isFinite(s.share))) fail(`${at}: share ${s.share}: expected a number >= 0`);
    if (!(s.prevalence >= 0 && s.prevalence <= 1)) fail(`${at}: prevalence ${s.prevalence}: expected a proportion in [0, 1]`);
    if (s.rate !== undefined && !(s.rate > 0 && Number.isFinite(s.rate))) fail(`${at}: sampling rate ${s.rate}: expected a number > 0`);
  });
  const total = strata.reduce((s, x) => s + x.share, 0);
  if (!(total > 0)) fail('oversampling: the population shares sum to 0');
  const W = strata.map((s) => s.share / total);
  const rawK = strata.map((s) => s.rate ?? (factor !== undefined && s.prevalence >= threshold! ? factor : 1));
  const meanK = W.reduce((s, w, h) => s + w * rawK[h]!, 0);
  const k = rawK.map((x) => x / meanK);
  const P = W.reduce((s, w, h) => s + w * strata[h]!.prevalence, 0);
  if (!(P > 0)) fail('oversampling: every stratum has prevalence 0');
  const found = W.map((w, h) => w * k[h]! * strata[h]!.prevalence);
  const yieldRate = found.reduce((s, v) => s + v, 0); // sum W_h k_h = 1 after scaling
  const deffAll = allocationDeff(W, k);
  const deffMig = allocationDeff(W.map((w, h) => w * strata[h]!.prevalence), k);
  const efficiency = yieldRate / P / deffMig;

  let screenedRows: number[] | null = null;
  const n = options.screened;
  if (n !== undefined) {
    if (!(Number.isInteger(n) && n > 0)) fail(`screened ${n}: expected a whole number of units > 0`);
    screenedRows = roundAllocation(W.map((w, h) => n * w * k[h]!), n);
  }
  const migrantsRows = screenedRows?.map((v, h) => v * strata[h]!.prevalence) ?? null;
  const migrants = migrantsRows ? migrantsRows.reduce((s, v) => s + v, 0) : null;
  const m = options.migrants;
  if (m !== undefined && !(m > 0 && Number.isFinite(m))) fail(`migrants ${m}: expected a number > 0`);
  const screenNeeded = m === undefined ? null : roundUp(m / yieldRate);
  const screenProp = m === undefined ? null : roundUp(m / P);
  const screenEff = m === undefined ? null : roundUp((m * deffMig) / yieldRate);
  return {
    prevalence: P,
    yield: yieldRate,
    yield_gain: yieldRate / P,
    deff_all: deffAll,
    deff_migrants: deffMig,
    efficiency,
    screened: n ?? null,
    migrants,
    migrants_effective: migrants === null ? null : migrants / deffMig,
    deff_w: screenedRows ? stratumWeightDeff(W, screenedRows) : null,
    target_migrants: m ?? null,
    screen_needed: screenNeeded,
    screen_proportional: screenProp,
    screening_saved: screenProp === null ? null : screenProp - screenNeeded!,
    screen_needed_effective: screenEff,
    screening_saved_effective: screenProp === null ? null : screenProp - screenEff!,
    strata: strata.map((s, h) => ({
      stratum: s.name,
      W: W[h]!,
      prevalence: s.prevalence,
      rate: k[h]!,
      sample_share: W[h]! * k[h]!,
      migrant_share: found[h]! / yieldRate,
      screened: screenedRows ? screenedRows[h]! : null,
      migrants: migrantsRows ? migrantsRows[h]! : null,
    })),
  };
}
