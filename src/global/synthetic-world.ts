/**
 * A seeded synthetic world with known truth, for validating the regional and global estimates (src/global/METHOD.md
 * §6; docs/validation.md): real ISO3 codes, ILO regions and income groups from src/classifications, synthetic values.
 * Each country has a true population, migrant stock and labour force by sex and age group and a true cross-product
 * ratio drawn around regional patterns; a subset has a simulated labour force survey (estimates of the 2x2 cells with
 * sampling error and SEs), the others have no national data.
 */
import { SeededRandom } from '../survey/random.js';
import { iloCountries } from '../classifications/ilo-regions.js';
import { solveMigrantLabourForce, crossProductRatio, logCrossProductRatioSe, type TwoByTwo } from './cross-product-ratio.js';
import { aggregate, type AggregateOptions, type AggregateRow } from './aggregation.js';
import type { CountryGroups, CountryInput } from './imputation.js';
import { estimateGlobal, normalDraw, type GlobalEstimateOptions, type GlobalEstimates } from './uncertainty.js';

/** Sex codes of the synthetic world. */
export const SYNTHETIC_SEXES = ['M', 'F'] as const;
/** Age groups of the synthetic world (ILOSTAT's aggregate bands, as the 4th edition publishes). */
export const SYNTHETIC_AGES = ['Y15-24', 'Y25-54', 'Y55-64', 'YGE65'] as const;

type Income = 'LIC' | 'LMC' | 'UMC' | 'HIC';

/** Options of the synthetic world. */
export interface SyntheticWorldOptions {
  readonly seed?: number;
  /** Number of countries, drawn from those ILOSTAT includes in its estimates (default 150, at most 189). */
  readonly countries?: number;
  /** Probability that a country has national data, by income group (default HIC 0.85, UMC 0.6, LMC 0.5, LIC 0.4). */
  readonly observedProbability?: Partial<Record<Income, number>>;
  /** SD of the country effect on log θ (default 0.35) and of the cell effect (default 0.15). */
  readonly countryEffectSd?: number;
  readonly cellEffectSd?: number;
  /** SD of the broad-subregion effect on log θ (default 0.2). */
  readonly subregionEffectSd?: number;
  /** Median survey sample size (persons 15+; default 20 000, log-normal with SD 0.7, within 3 000-150 000) and design effect (default 2). */
  readonly medianSampleSize?: number;
  readonly designEffect?: number;
}

/** The national survey of one cell: estimated cell totals, their SEs, and the effective sample size of the cell. */
export interface SyntheticSurveyCell {
  readonly table: TwoByTwo;
  /** SEs of the four cell estimates, order a, b, c, d. */
  readonly se: readonly number[];
  /** Their 4x4 covariance: multinomial on the effective sample, scaled to the cell's population, P²(δ_ij p_i − p_i p_j)/n. */
  readonly vcov: readonly (readonly number[])[];
  readonly effectiveSampleSize: number;
}

/** One country x sex x age cell of the synthetic world (true values). */
export interface SyntheticCell {
  readonly sex: string;
  readonly age: string;
  readonly population: number;
  readonly migrants: number;
  readonly labourForce: number;
  readonly migrantWorkers: number;
  readonly logTheta: number;
  /** The regional pattern of log θ (without the country and cell effects): what an oracle imputation would use. */
  readonly patternLogTheta: number;
  readonly survey?: SyntheticSurveyCell;
}

/** One synthetic country. */
export interface SyntheticCountry {
  readonly iso3: string;
  readonly groups: CountryGroups;
  readonly observed: boolean;
  readonly cells: readonly SyntheticCell[];
}

/** A synthetic world. */
export interface SyntheticWorld {
  readonly seed: number;
  readonly countries: readonly SyntheticCountry[];
}

const AGE_STRUCTURE: Record<Income, readonly number[]> = {
  LIC: [0.33, 0.52, 0.09, 0.06], LMC: [0.26, 0.55, 0.11, 0.08], UMC: [0.2, 0.53, 0.14, 0.13], HIC: [0.14, 0.49, 0.16, 0.21],
};
const MIGRANT_SHARE: Record<Income, number> = { LIC: 0.02, LMC: 0.015, UMC: 0.03, HIC: 0.15 };
const MIGRANT_AGE = [0.6, 1.3, 0.9, 0.8];
const LFPR_NON_MIGRANT: Record<'M' | 'F', readonly number[]> = { M: [0.5, 0.92, 0.75, 0.2], F: [0.38, 0.65, 0.45, 0.09] };
const THETA_REGION: Record<string, Record<'M' | 'F', number>> = {
  AFR: { M: 0.2, F: 0.1 }, AME: { M: 0.3, F: 0.2 }, ARB: { M: 1.2, F: 0.9 }, ASP: { M: 0.4, F: 0.3 }, ECA: { M: 0.1, F: -0.1 },
};
const THETA_AGE = [-0.3, 0.2, 0.1, 0.3];
const THETA_INCOME: Record<Income, number> = { LIC: -0.1, LMC: 0, UMC: 0.1, HIC: 0.2 };
const OBSERVED: Record<Income, number> = { HIC: 0.85, UMC: 0.6, LMC: 0.5, LIC: 0.4 };

const logit = (p: number): number => Math.log(p / (1 - p));
const expit = (z: number): number => 1 / (1 + Math.exp(-z));
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** A binomial draw: inversion for a small mean, the rounded normal approximation otherwise. */
function binomial(rng: SeededRandom, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  if (n * p < 40) {
    const u = rng.next();
    let k = 0;
    let pmf = Math.exp(n * Math.log1p(-p));
    let cdf = pmf;
    while (u > cdf && k < n) {
      pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
      k++;
      cdf += pmf;
    }
    return k;
  }
  return clamp(Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normalDraw(rng)), 0, n);
}

/** Generates a seeded synthetic world (METHOD.md §6 lists the generating model). */
export function syntheticWorld(options: SyntheticWorldOptions = {}): SyntheticWorld {
  const seed = options.seed ?? 1;
  const rng = new SeededRandom(seed);
  const nWanted = options.countries ?? 150;
  const obsP = { ...OBSERVED, ...options.observedProbability };
  const sdCountry = options.countryEffectSd ?? 0.35;
  const sdCell = options.cellEffectSd ?? 0.15;
  const sdSub = options.subregionEffectSd ?? 0.2;
  const medianN = options.medianSampleSize ?? 20_000;
  const deff = options.designEffect ?? 2;
  const pool = iloCountries().filter((c) => c.inIloEstimates !== 'No');
  if (!(Number.isInteger(nWanted) && nWanted >= 10 && nWanted <= pool.length)) throw new RangeError(`synthetic world: countries must be an integer in 10..${pool.length}`);
  // seeded partial Fisher-Yates, then ILOSTAT order
  const order = pool.map((_, i) => i);
  for (let i = 0; i < nWanted; i++) {
    const j = i + rng.below(order.length - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const chosen = order.slice(0, nWanted).sort((a, b) => a - b).map((i) => pool[i]!);
  const subEffect = new Map<string, number>();
  for (const c of chosen) if (!subEffect.has(c.subregionBroad.code)) subEffect.set(c.subregionBroad.code, sdSub * normalDraw(rng));
  const countries = chosen.map((c): SyntheticCountry => {
    const income = c.incomeGroup.code;
    const region = c.region.code;
    const groups: CountryGroups = { region, subregionBroad: c.subregionBroad.code, subregionDetailed: c.subregionDetailed.code, income };
    const total = clamp(Math.exp(Math.log(8e6) + 1.3 * normalDraw(rng)), 5e4, 1.2e9);
    const ageRaw = AGE_STRUCTURE[income].map((s) => s * Math.exp(0.1 * normalDraw(rng)));
    const ageSum = ageRaw.reduce((a, b) => a + b, 0);
    const arab = region === 'ARB';
    const migShare = clamp((arab && income === 'HIC' ? 0.55 : arab ? 0.05 : MIGRANT_SHARE[income]) * Math.exp(0.6 * normalDraw(rng)), 0.001, 0.85);
    const sexFactor = { M: arab ? 1.5 : Math.exp(0.1 * normalDraw(rng)), F: arab ? 0.5 : Math.exp(0.1 * normalDraw(rng)) };
    const countryLfpr = 0.3 * normalDraw(rng);
    const womenLfpr = region === 'ARB' ? 0.4 : c.subregionBroad.code === 'NAF' ? 0.5 : c.subregionBroad.code === 'SAS' ? 0.6 : income === 'LIC' ? 1.2 : 1;
    const u = sdCountry * normalDraw(rng);
    const observed = rng.next() < obsP[income];
    const sampleSize = Math.round(clamp(Math.exp(Math.log(medianN) + 0.7 * normalDraw(rng)), 3000, 150_000));
    const cells: SyntheticCell[] = [];
    for (const sex of SYNTHETIC_SEXES) {
      for (let a = 0; a < SYNTHETIC_AGES.length; a++) {
        const sexShare = sex === 'F' ? (a === 3 ? 0.55 : 0.5) : a === 3 ? 0.45 : 0.5;
        const population = Math.round(total * (ageRaw[a]! / ageSum) * sexShare);
        const migrants = Math.round(Math.min(0.95, migShare * MIGRANT_AGE[a]! * sexFactor[sex]) * population);
        const pn = clamp(expit(logit(clamp(LFPR_NON_MIGRANT[sex][a]! * (sex === 'F' ? womenLfpr : 1), 0.02, 0.98)) + countryLfpr + 0.1 * normalDraw(rng)), 0.02, 0.98);
        const pattern = THETA_REGION[region]![sex] + THETA_AGE[a]! + THETA_INCOME[income] + subEffect.get(groups.subregionBroad)!;
        const logTheta = pattern + u + sdCell * normalDraw(rng);
        const oddsM = Math.exp(logTheta) * (pn / (1 - pn));
        const pm = oddsM / (1 + oddsM);
        const migrantWorkers = pm * migrants;
        const labourForce = migrantWorkers + pn * (population - migrants);
        let survey: SyntheticSurveyCell | undefined;
        if (observed) {
          const nCell = Math.max(1, Math.round((sampleSize / deff) * (population / total)));
          const probs = [migrantWorkers, migrants - migrantWorkers, labourForce - migrantWorkers, population - migrants - labourForce + migrantWorkers].map((v) => v / population);
          const counts: number[] = [];
          let left = nCell;
          let pLeft = 1;
          for (let q = 0; q < 3; q++) {
            const k = binomial(rng, left, pLeft > 0 ? clamp(probs[q]! / pLeft, 0, 1) : 0);
            counts.push(k);
            left -= k;
            pLeft -= probs[q]!;
          }
          counts.push(left);
          const ph = counts.map((k) => k / nCell);
          survey = {
            table: { migrantInLf: ph[0]! * population, migrantOutLf: ph[1]! * population, nonMigrantInLf: ph[2]! * population, nonMigrantOutLf: ph[3]! * population },
            se: ph.map((p) => population * Math.sqrt((p * (1 - p)) / nCell)),
            vcov: ph.map((pi, i) => ph.map((pj, j) => (population ** 2 * ((i === j ? pi : 0) - pi * pj)) / nCell)),
            effectiveSampleSize: nCell,
          };
        }
        cells.push({ sex, age: SYNTHETIC_AGES[a]!, population, migrants, labourForce, migrantWorkers, logTheta, patternLogTheta: pattern, ...(survey ? { survey } : {}) });
      }
    }
    return { iso3: c.iso3, groups, observed, cells };
  });
  return { seed, countries };
}

/**
 * The estimation inputs of a synthetic world: the true P, M, L as benchmarks, and for observed countries the national
 * log θ (and logit migrant rate) with delta-method SEs from the survey cells (NaN where a survey cell is 0).
 */
export function syntheticInputs(world: SyntheticWorld): CountryInput[] {
  return world.countries.map((c) => ({
    iso3: c.iso3,
    groups: c.groups,
    cells: c.cells.map((cell) => {
      const base = { sex: cell.sex, age: cell.age, population: cell.population, migrants: cell.migrants, labourForce: cell.labourForce };
      if (cell.survey === undefined) return base;
      const t = cell.survey.table;
      const se = cell.survey.se;
      const theta = crossProductRatio(t);
      const a = t.migrantInLf;
      const b = t.migrantOutLf;
      const ok = a > 0 && b > 0;
      const v = cell.survey.vcov;
      return {
        ...base,
        national: {
          logTheta: Math.log(theta), logThetaSe: logCrossProductRatioSe(t, se, cell.survey.vcov),
          logitMigrantRate: ok ? Math.log(a / b) : NaN, logitMigrantRateSe: ok ? Math.sqrt(v[0]![0]! / a ** 2 + v[1]![1]! / b ** 2 - (2 * v[0]![1]!) / (a * b)) : NaN,
          table: t, source: 'synthetic labour force survey',
        },
      };
    }),
  }));
}

/** The true aggregates of a synthetic world. */
export function syntheticTruth(world: SyntheticWorld, options: AggregateOptions = {}): AggregateRow[] {
  return aggregate(world.countries.flatMap((c) => c.cells.map((cell) => ({ iso3: c.iso3, groups: c.groups, ...cell }))), options);
}

/** Accuracy of the imputed migrant workers of the countries without national data (whole-country totals). */
export interface ImputationAccuracy {
  /** Countries without any national data. */
  readonly countries: number;
  /** Mean over those countries of |X̂ − X| / X. */
  readonly meanAbsoluteRelativeError: number;
  readonly medianAbsoluteRelativeError: number;
  /** Σ|X̂ − X| / ΣX. */
  readonly weightedAbsoluteRelativeError: number;
  /** The same mean for the oracle (true regional pattern of log θ, no country or cell effect): the irreducible error. */
  readonly oracleMeanAbsoluteRelativeError: number;
  /** The same mean for the naive θ = 1 (migrants participate like non-migrants). */
  readonly naiveMeanAbsoluteRelativeError: number;
}

/** Measures the imputation accuracy against the truth, with the oracle and naive baselines. */
export function imputationAccuracy(world: SyntheticWorld, estimates: GlobalEstimates): ImputationAccuracy {
  const est = new Map<string, number>();
  for (const e of estimates.countries) est.set(e.iso3, (est.get(e.iso3) ?? 0) + e.migrantWorkers);
  const rel: number[] = [];
  const relOracle: number[] = [];
  const relNaive: number[] = [];
  let absSum = 0;
  let truthSum = 0;
  for (const c of world.countries) {
    if (c.observed) continue;
    let x = 0;
    let xo = 0;
    let xn = 0;
    for (const cell of c.cells) {
      x += cell.migrantWorkers;
      xo += solveMigrantLabourForce(cell.population, cell.migrants, cell.labourForce, Math.exp(cell.patternLogTheta));
      xn += solveMigrantLabourForce(cell.population, cell.migrants, cell.labourForce, 1);
    }
    const xh = est.get(c.iso3)!;
    if (!(x > 0)) continue;
    rel.push(Math.abs(xh - x) / x);
    relOracle.push(Math.abs(xo - x) / x);
    relNaive.push(Math.abs(xn - x) / x);
    absSum += Math.abs(xh - x);
    truthSum += x;
  }
  const mean = (v: number[]): number => v.reduce((s, a) => s + a, 0) / v.length;
  const sorted = [...rel].sort((a, b) => a - b);
  const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return {
    countries: rel.length, meanAbsoluteRelativeError: mean(rel), medianAbsoluteRelativeError: median,
    weightedAbsoluteRelativeError: absSum / truthSum, oracleMeanAbsoluteRelativeError: mean(relOracle), naiveMeanAbsoluteRelativeError: mean(relNaive),
  };
}

/** The estimation run on one synthetic world, with its truth and accuracy. */
export interface SyntheticRun {
  readonly world: SyntheticWorld;
  readonly estimates: GlobalEstimates;
  readonly truth: readonly AggregateRow[];
  readonly accuracy: ImputationAccuracy;
}

/** Generates a world and runs the whole estimation on it. */
export function runSyntheticWorld(worldOptions: SyntheticWorldOptions = {}, options: GlobalEstimateOptions = {}): SyntheticRun {
  const world = syntheticWorld(worldOptions);
  const estimates = estimateGlobal(syntheticInputs(world), options);
  return { world, estimates, truth: syntheticTruth(world, options), accuracy: imputationAccuracy(world, estimates) };
}

/** Coverage of one aggregate's intervals over the replications. */
export interface CoverageRow {
  readonly dimension: string;
  readonly code: string;
  readonly sex: string;
  readonly age: string;
  readonly replications: number;
  readonly covered: number;
  readonly coverage: number;
  /** Monte Carlo SE √(c(1 − c)/R). */
  readonly monteCarloSe: number;
  /** Mean relative half-width of the interval, (high − low)/(2 × truth). */
  readonly meanRelativeHalfWidth: number;
  /** Mean relative error of the point estimate (X̂ − X)/X. */
  readonly meanRelativeError: number;
}

/** The result of a coverage study. */
export interface CoverageStudy {
  readonly rows: readonly CoverageRow[];
  /** All region rows pooled. */
  readonly pooledRegions: { readonly intervals: number; readonly covered: number; readonly coverage: number; readonly monteCarloSe: number };
  readonly meanAccuracy: ImputationAccuracy;
}

/**
 * Coverage of the migrant-worker intervals (world and ILO regions, all sexes and ages by default) over `replications`
 * independent synthetic worlds (world seed = seed + r, bootstrap seed = seed + 10 000 + r).
 */
export function coverageStudy(options: {
  readonly replications?: number; readonly seed?: number; readonly world?: SyntheticWorldOptions;
  readonly estimate?: GlobalEstimateOptions; readonly replicates?: number;
} = {}): CoverageStudy {
  const R = options.replications ?? 200;
  const seed = options.seed ?? 1;
  const aggOpts: AggregateOptions = { dimensions: ['world', 'region'], breakdowns: ['total'] };
  const stats = new Map<string, { key: { dimension: string; code: string; sex: string; age: string }; n: number; cov: number; hw: number; err: number }>();
  const acc: ImputationAccuracy[] = [];
  for (let r = 0; r < R; r++) {
    const run = runSyntheticWorld({ ...options.world, seed: seed + r }, {
      ...aggOpts, ...options.estimate,
      bootstrap: { ...(options.estimate?.bootstrap || {}), replicates: options.replicates ?? 200, seed: seed + 10_000 + r },
    });
    acc.push(run.accuracy);
    const truth = new Map(run.truth.map((t) => [`${t.dimension}|${t.code}|${t.sex}|${t.age}`, t.migrantWorkers]));
    for (const a of run.estimates.aggregates) {
      const k = `${a.dimension}|${a.code}|${a.sex}|${a.age}`;
      const t = truth.get(k)!;
      const iv = a.intervals!.migrantWorkers;
      let s = stats.get(k);
      if (!s) { s = { key: { dimension: a.dimension, code: a.code, sex: a.sex, age: a.age }, n: 0, cov: 0, hw: 0, err: 0 }; stats.set(k, s); }
      s.n++;
      if (iv.low <= t && t <= iv.high) s.cov++;
      s.hw += (iv.high - iv.low) / (2 * t);
      s.err += (a.migrantWorkers - t) / t;
    }
  }
  const rows = [...stats.values()].map((s) => {
    const c = s.cov / s.n;
    return { ...s.key, replications: s.n, covered: s.cov, coverage: c, monteCarloSe: Math.sqrt((c * (1 - c)) / s.n), meanRelativeHalfWidth: s.hw / s.n, meanRelativeError: s.err / s.n };
  });
  const reg = rows.filter((x) => x.dimension === 'region');
  const n = reg.reduce((s, x) => s + x.replications, 0);
  const cov = reg.reduce((s, x) => s + x.covered, 0);
  const mean = (f: (a: ImputationAccuracy) => number): number => acc.reduce((s, a) => s + f(a), 0) / acc.length;
  return {
    rows,
    pooledRegions: { intervals: n, covered: cov, coverage: cov / n, monteCarloSe: Math.sqrt(((cov / n) * (1 - cov / n)) / n) },
    meanAccuracy: {
      countries: mean((a) => a.countries), meanAbsoluteRelativeError: mean((a) => a.meanAbsoluteRelativeError),
      medianAbsoluteRelativeError: mean((a) => a.medianAbsoluteRelativeError), weightedAbsoluteRelativeError: mean((a) => a.weightedAbsoluteRelativeError),
      oracleMeanAbsoluteRelativeError: mean((a) => a.oracleMeanAbsoluteRelativeError), naiveMeanAbsoluteRelativeError: mean((a) => a.naiveMeanAbsoluteRelativeError),
    },
  };
}
