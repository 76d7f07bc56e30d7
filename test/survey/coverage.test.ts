/**
 * Monte Carlo check of the estimation core, independent of R (foundation issue): stratified samples drawn from the
 * API population, interval coverage and the ratio of mean estimated variance to the empirical variance of the
 * estimates.
 *
 * Frame: datasets/api/apipop.csv (6,194 schools). Schools with a missing `api99` (the stratifier), `api00` or
 * `sch.wide` are dropped from the frame before stratifying, and counted; the true values are those of the frame so
 * defined. The bundled file has no missing value in any of the three columns, so none is dropped (asserted below: if
 * the data change, this comment and the assertion change with them).
 *
 * Strata: api99 quartile groups of the frame, as R `cut(api99, quantile(api99), include.lowest = TRUE)` (type-7
 * quantiles; a school on a cut point goes to the lower group). N_h = frame schools in the group.
 *
 * Each replication draws 50 schools per stratum without replacement (seeded partial Fisher-Yates shuffle), builds a
 * table (stratum, fpc = N_h, weight = N_h / 50, api00, sch.wide) and analyses it twice:
 *  - as drawn: `svyDesign(t, { strata, fpc, weight })`; mean of api00 (t interval on the design df, 200 - 4 = 196)
 *    and proportion sch.wide == "Yes" (`logit` and `beta` intervals). Coverage must be in [93%, 97%] and mean
 *    estimated variance / empirical variance of the estimates in [0.85, 1.15]. (Monte Carlo SEs at 1,000
 *    replications: about 0.7 points of coverage and 4.5% of a variance ratio.)
 *  - strata ignored: `svyDesign(t, { weight })` (no strata, no fpc). api99 quartiles remove most of the variance of
 *    api00, so a design-blind SE is far too large and the api00 interval must cover more than 99% of the time; this
 *    is what tells a design-blind engine from a correct one. The proportion is reported, not asserted (sch.wide is
 *    only weakly related to api99, so its design-blind coverage stays near nominal).
 *
 * The run is deterministic (fixed seed, no Math.random): it passes or fails the same way every time.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv.js';
import { tableFromArrays } from '../../src/io/table.js';
import { type DesignSpec, svyDesign } from '../../src/survey/design.js';
import { type EstimateRow, type StatRequest, estimate } from '../../src/survey/estimate.js';
import type { ProportionCiMethod } from '../../src/survey/proportion-interval.js';
import { SeededRandom, sampleInPlace } from '../support/random.js';

const SEED = 20_240_917;
const REPLICATIONS = 1000;
const PER_STRATUM = 50;
const STRATA = 4;
const METHODS: readonly ProportionCiMethod[] = ['logit', 'beta'];
const REQUESTS: readonly StatRequest[] = [
  { statistic: 'mean', variable: 'api00' },
  { statistic: 'proportion', variable: 'sch.wide', value: 'Yes' },
];

/** The population frame, stratified by api99 quartile. */
interface Frame {
  readonly api00: Float64Array;
  readonly yes: Uint8Array;
  readonly stratum: Int32Array;
  /** Frame rows of each stratum. */
  readonly members: readonly Int32Array[];
  readonly dropped: { readonly api99: number; readonly api00: number; readonly schWide: number; readonly total: number };
  readonly truth: { readonly mean: number; readonly share: number };
  /** Exact design variances of the two estimators under stratified SRS without replacement. */
  readonly variance: { readonly mean: number; readonly share: number };
}

/** Type-7 quantile (R default) of sorted values. */
function quantile7(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!);
}

function loadFrame(): Frame {
  const pop = readCsv(fileURLToPath(new URL('../../datasets/api/apipop.csv', import.meta.url)));
  const api99 = pop.column('api99');
  const api00 = pop.column('api00');
  const schWide = pop.column('sch.wide');
  if (api99.kind !== 'number' || api00.kind !== 'number' || schWide.kind !== 'category') throw new Error('apipop.csv: unexpected column types');
  const yesCode = schWide.levels.indexOf('Yes');
  const keep: number[] = [];
  const dropped = { api99: 0, api00: 0, schWide: 0, total: 0 };
  for (let i = 0; i < pop.nrows; i++) {
    const m99 = Number.isNaN(api99.values[i]!);
    const m00 = Number.isNaN(api00.values[i]!);
    const mSw = schWide.codes[i]! < 0;
    if (m99) dropped.api99++;
    if (m00) dropped.api00++;
    if (mSw) dropped.schWide++;
    if (m99 || m00 || mSw) dropped.total++;
    else keep.push(i);
  }
  const N = keep.length;
  const x99 = Float64Array.from(keep, (i) => api99.values[i]!);
  const sorted = Float64Array.from(x99).sort();
  const cuts = [0.25, 0.5, 0.75].map((p) => quantile7(sorted, p));
  const stratum = Int32Array.from(x99, (x) => cuts.filter((q) => x > q).length);
  const y = Float64Array.from(keep, (i) => api00.values[i]!);
  const yes = Uint8Array.from(keep, (i) => (schWide.codes[i] === yesCode ? 1 : 0));
  const members = Array.from({ length: STRATA }, (_, h) => Int32Array.from(stratum.keys()).filter((r) => stratum[r] === h));

  const mean = y.reduce((a, b) => a + b, 0) / N;
  const share = yes.reduce((a, b) => a + b, 0) / N;
  // V = sum_h (N_h/N)^2 (1 - n/N_h) S_h^2 / n, S_h^2 with divisor N_h - 1.
  const exact = (v: ArrayLike<number>): number =>
    members.reduce((acc, rows) => {
      const Nh = rows.length;
      let m = 0;
      for (const r of rows) m += v[r]!;
      m /= Nh;
      let ss = 0;
      for (const r of rows) ss += (v[r]! - m) ** 2;
      return acc + (Nh / N) ** 2 * (1 - PER_STRATUM / Nh) * (ss / (Nh - 1)) / PER_STRATUM;
    }, 0);
  return { api00: y, yes, stratum, members, dropped, truth: { mean, share }, variance: { mean: exact(y), share: exact(yes) } };
}

/** Per analysis and statistic: the estimates, their estimated variances and how often each interval covered. */
interface Tally {
  readonly estimates: Float64Array;
  readonly variances: Float64Array;
  readonly covered: Map<string, number>;
  readonly df: Set<number>;
}

const newTally = (): Tally => ({ estimates: new Float64Array(REPLICATIONS), variances: new Float64Array(REPLICATIONS), covered: new Map(), df: new Set() });

type Analysis = 'stratified' | 'strata ignored';
const SPECS: Record<Analysis, DesignSpec> = {
  stratified: { strata: 'stratum', fpc: ['fpc'], weight: 'weight' },
  'strata ignored': { weight: 'weight' },
};

interface Simulation {
  readonly frame: Frame;
  readonly tallies: Record<Analysis, { mean: Tally; share: Tally }>;
  readonly seconds: number;
}

function find(rows: readonly EstimateRow[], statistic: string): EstimateRow {
  const r = rows.find((x) => x.statistic === statistic && (statistic !== 'proportion' || x.level === 'Yes'));
  if (!r) throw new Error(`no ${statistic} row in the result (a sample without any sch.wide == "Yes"?)`);
  return r;
}

function simulate(frame: Frame, seed: number): Simulation {
  const start = performance.now();
  const rng = new SeededRandom(seed);
  const pool = frame.members.map((m) => Int32Array.from(m));
  const tallies = {
    stratified: { mean: newTally(), share: newTally() },
    'strata ignored': { mean: newTally(), share: newTally() },
  };
  const n = STRATA * PER_STRATUM;
  for (let rep = 0; rep < REPLICATIONS; rep++) {
    const stratum = new Float64Array(n);
    const fpc = new Float64Array(n);
    const weight = new Float64Array(n);
    const api00 = new Float64Array(n);
    const schWide = new Array<string>(n);
    let j = 0;
    for (let h = 0; h < STRATA; h++) {
      const Nh = frame.members[h]!.length;
      pool[h]!.set(frame.members[h]!); // same start every replication: the sample depends on the PRNG stream only
      for (const r of sampleInPlace(pool[h]!, PER_STRATUM, rng)) {
        stratum[j] = h + 1;
        fpc[j] = Nh;
        weight[j] = Nh / PER_STRATUM;
        api00[j] = frame.api00[r]!;
        schWide[j] = frame.yes[r] ? 'Yes' : 'No';
        j++;
      }
    }
    const table = tableFromArrays({ stratum, fpc, weight, api00, 'sch.wide': schWide }, `replication ${rep + 1}`);
    for (const analysis of Object.keys(SPECS) as Analysis[]) {
      const design = svyDesign(table, SPECS[analysis]);
      const t = tallies[analysis];
      for (const ciMethod of METHODS) {
        const { results } = estimate(design, REQUESTS, { ciMethod });
        const pairs: [Tally, EstimateRow, number][] = [
          [t.mean, find(results, 'mean'), frame.truth.mean],
          [t.share, find(results, 'proportion'), frame.truth.share],
        ];
        for (const [tally, row, truth] of pairs) {
          // The CI method changes the proportion's interval only: estimate and SE are taken from the first run.
          if (ciMethod === METHODS[0]) {
            tally.estimates[rep] = row.estimate;
            tally.variances[rep] = row.se ** 2;
          } else if (row.estimate !== tally.estimates[rep] || row.se ** 2 !== tally.variances[rep]) {
            throw new Error(`replication ${rep + 1}: ${row.variable} estimate or SE changed with the CI method`);
          }
          tally.df.add(row.df);
          const key = row.statistic === 'proportion' ? ciMethod : 't';
          if (row.statistic === 'mean' && ciMethod !== METHODS[0]) continue;
          if (row.ci_low <= truth && truth <= row.ci_high) tally.covered.set(key, (tally.covered.get(key) ?? 0) + 1);
          else tally.covered.set(key, tally.covered.get(key) ?? 0);
        }
      }
    }
  }
  return { frame, tallies, seconds: (performance.now() - start) / 1000 };
}

function meanOf(x: Float64Array): number {
  return x.reduce((a, b) => a + b, 0) / x.length;
}

/** Empirical variance of the estimates across replications (divisor R - 1). */
function empiricalVariance(x: Float64Array): number {
  const m = meanOf(x);
  return x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
}

const coverage = (t: Tally, key: string): number => t.covered.get(key)! / REPLICATIONS;
const varianceRatio = (t: Tally): number => meanOf(t.variances) / empiricalVariance(t.estimates);

function report(sim: Simulation): string {
  const { frame } = sim;
  const lines = [
    `Monte Carlo coverage (seed ${SEED}, ${REPLICATIONS} stratified samples of ${PER_STRATUM} per api99 quartile; ` +
      `frame ${frame.api00.length} schools, ${frame.dropped.total} dropped for missing values; N_h = ${frame.members.map((m) => m.length).join(', ')}; ` +
      `${sim.seconds.toFixed(1)} s)`,
    `${'analysis'.padEnd(15)} ${'statistic'.padEnd(22)} ${'interval'.padEnd(8)} ${'coverage'.padStart(8)} ${'df'.padStart(4)} ` +
      `${'mean est. var'.padStart(13)} ${'empirical var'.padStart(13)} ${'ratio'.padStart(6)} ${'exact var'.padStart(11)}`,
  ];
  for (const analysis of Object.keys(sim.tallies) as Analysis[]) {
    const t = sim.tallies[analysis];
    const stats: [string, Tally, string[], number][] = [
      ['mean api00', t.mean, ['t'], frame.variance.mean],
      ['sch.wide == "Yes"', t.share, [...METHODS], frame.variance.share],
    ];
    for (const [name, tally, keys, exact] of stats) {
      for (const key of keys) {
        lines.push(
          `${analysis.padEnd(15)} ${name.padEnd(22)} ${key.padEnd(8)} ${(100 * coverage(tally, key)).toFixed(1).padStart(7)}% ` +
            `${[...tally.df].join('/').padStart(4)} ${meanOf(tally.variances).toPrecision(5).padStart(13)} ` +
            `${empiricalVariance(tally.estimates).toPrecision(5).padStart(13)} ${varianceRatio(tally).toFixed(3).padStart(6)} ` +
            `${exact.toPrecision(5).padStart(11)}`,
        );
      }
    }
  }
  lines.push(`true values: mean api00 ${frame.truth.mean.toFixed(3)}, share sch.wide == "Yes" ${frame.truth.share.toFixed(4)}; exact var: stratified SRSWOR design variance`);
  return lines.join('\n');
}

describe('Monte Carlo coverage: stratified samples from the API population (independent of R)', () => {
  let sim: Simulation;
  beforeAll(() => {
    sim = simulate(loadFrame(), SEED);
    console.log(report(sim));
  }, 120_000);

  it('builds the frame: no school dropped for a missing api99, api00 or sch.wide; four api99 quartile strata', () => {
    expect(sim.frame.dropped).toEqual({ api99: 0, api00: 0, schWide: 0, total: 0 });
    expect(sim.frame.api00.length).toBe(6194);
    expect(sim.frame.members.reduce((a, m) => a + m.length, 0)).toBe(6194);
    for (const m of sim.frame.members) expect(Math.abs(m.length - 6194 / 4)).toBeLessThan(30);
  });

  it('the sampler is unbiased and has the exact stratified variance (checks the simulation itself)', () => {
    const { frame, tallies } = sim;
    for (const [t, truth, exact] of [
      [tallies.stratified.mean, frame.truth.mean, frame.variance.mean],
      [tallies.stratified.share, frame.truth.share, frame.variance.share],
    ] as const) {
      expect(Math.abs(meanOf(t.estimates) - truth)).toBeLessThan(4 * Math.sqrt(exact / REPLICATIONS));
      const ratio = empiricalVariance(t.estimates) / exact;
      expect(ratio).toBeGreaterThanOrEqual(0.85);
      expect(ratio).toBeLessThanOrEqual(1.15);
    }
  });

  it('intervals use the design df: 196 stratified (200 PSUs - 4 strata), 199 with the strata ignored', () => {
    for (const t of [sim.tallies.stratified.mean, sim.tallies.stratified.share]) expect([...t.df]).toEqual([196]);
    for (const t of [sim.tallies['strata ignored'].mean, sim.tallies['strata ignored'].share]) expect([...t.df]).toEqual([199]);
  });

  it('mean of api00, t interval: coverage in [93%, 97%], variance ratio in [0.85, 1.15]', () => {
    const t = sim.tallies.stratified.mean;
    expect(coverage(t, 't')).toBeGreaterThanOrEqual(0.93);
    expect(coverage(t, 't')).toBeLessThanOrEqual(0.97);
    expect(varianceRatio(t)).toBeGreaterThanOrEqual(0.85);
    expect(varianceRatio(t)).toBeLessThanOrEqual(1.15);
  });

  for (const method of METHODS) {
    it(`proportion sch.wide == "Yes", ${method} interval: coverage in [93%, 97%], variance ratio in [0.85, 1.15]`, () => {
      const t = sim.tallies.stratified.share;
      expect(coverage(t, method)).toBeGreaterThanOrEqual(0.93);
      expect(coverage(t, method)).toBeLessThanOrEqual(0.97);
      expect(varianceRatio(t)).toBeGreaterThanOrEqual(0.85);
      expect(varianceRatio(t)).toBeLessThanOrEqual(1.15);
    });
  }

  it('with the strata ignored, the api00 interval covers more than 99%: the check tells a design-blind engine apart', () => {
    expect(coverage(sim.tallies['strata ignored'].mean, 't')).toBeGreaterThan(0.99);
  });
});
