/**
 * Pooling and changes of survey rounds (src/pipeline/rounds.ts) on the bundled Atlantis LFS (2024Q1 and 2024Q2: the
 * same 240 areas, half of the households in both rounds), with the profile's Taylor design:
 * (a) pooled counts are the averages of the rounds' counts (weights / 2), with smaller SEs than either round's;
 * (b) changes are the differences of the rounds' estimates, and the overlap's positive covariance makes the SE of the
 *     change in the LFPR smaller than the independent-rounds SE sqrt(se1^2 + se2^2);
 * (c) over 200 pairs of rounds drawn from one Atlantis population, the SE of the change in the national LFPR matches
 *     the empirical SD of the changes.
 * Plus stacking and design errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERSONS, DEFAULT_SEED, generateWorld } from '../../datasets/atlantis/build.js';
import { derive } from '../../datasets/atlantis/headline.js';
import { selectAreas, selectRound } from '../../datasets/atlantis/sample.js';
import { personTable, populationSource, respondingPersons, tableSource, withColumns } from '../../datasets/atlantis/tables.js';
import { nonresponseClasses } from '../../datasets/atlantis/weights.js';
import type { IndicatorCell, IndicatorTable } from '../../src/indicators/cell.js';
import { readTable } from '../../src/io/read.js';
import { tableFromArrays } from '../../src/io/table.js';
import { type IndicatorRun, runIndicators } from '../../src/pipeline/indicators.js';
import { CHANGE_PREFIX, type ProfiledRound, ROUND_COLUMN, poolRounds, roundChanges, roundsDesignSpec, stackRounds, stackedDesign } from '../../src/pipeline/rounds.js';
import { applyProfile } from '../../src/profile/apply.js';
import { loadProfile } from '../../src/profile/load.js';
import { contrast } from '../../src/survey/contrast.js';
import type { SurveyData } from '../../src/survey/data.js';
import { svyDesign } from '../../src/survey/design.js';
import { estimate } from '../../src/survey/estimate.js';
import { nonresponseAdjustment } from '../../src/survey/weighting.js';

const dir = new URL('../../datasets/atlantis-lfs/', import.meta.url).pathname;

async function profiled(q: '2024q1' | '2024q2', profile = 'profile.yaml'): Promise<ProfiledRound> {
  const loaded = loadProfile(`${dir}${profile}`);
  const applied = applyProfile(loaded, {
    person: await readTable(`${dir}lfs_${q}_persons.parquet`), absent: await readTable(`${dir}lfs_${q}_absent.parquet`),
    households: await readTable(`${dir}lfs_${q}_households.parquet`),
  });
  return { table: applied.table, label: q.toUpperCase(), profile: loaded, design: applied.estimateOptions };
}

const key = (c: Pick<IndicatorCell, 'sex' | 'classif1' | 'classif2'>): string => `${c.sex}|${c.classif1}|${c.classif2}`;
const cellsOf = (tables: readonly IndicatorTable[], code: string): Map<string, IndicatorCell> => {
  const t = tables.find((x) => x.indicator === code);
  if (!t) throw new Error(`no table ${code}`);
  return new Map(t.cells.map((c) => [key(c), c]));
};
const national = (c: IndicatorCell): boolean => c.sex === 'SEX_T' && [c.classif1, c.classif2].every((k) => k === null || k.endsWith('TOTAL') || k === 'AGE_YTHADULT_YGE15');

const OFF = { suppression: { enabled: false } } as const;
const LFPR = 'MST_TEAP_SEX_AGE_CBR_RT';
// the counts and rates compared: every table but the top countries of origin, which are chosen on the rows at hand
// (the stacked rounds' top 10 need not be each round's)
const CODES = ['MST_XWAP_SEX_AGE_CBR_NB', 'MST_TEAP_SEX_AGE_CBR_NB', 'MST_TEMP_SEX_AGE_CBR_NB', 'MST_TUNE_SEX_AGE_CBR_NB', 'MST_TEIP_SEX_EDU_CBR_NB', 'MGS_MIGW_SEX_REG_NB', LFPR, 'MST_TUNE_SEX_AGE_CBR_RT', 'MGS_HOW_SEX_CBR_MEAN'];

describe('pooling and changes of the Atlantis LFS rounds (Taylor design)', () => {
  let rounds: ProfiledRound[];
  let perRound: IndicatorRun[];

  beforeAll(async () => {
    rounds = [await profiled('2024q1'), await profiled('2024q2')];
    const spec = roundsDesignSpec(rounds);
    perRound = rounds.map((r) => runIndicators(r.profile, r.table, svyDesign(r.table, spec), { ...OFF, codes: CODES }));
  }, 120_000);

  it('stacks the rounds with a round column: same columns, rows of both, PSUs and households shared', () => {
    const stacked = stackRounds(rounds);
    expect(stacked.nrows).toBe(rounds[0]!.table.nrows + rounds[1]!.table.nrows);
    expect(stacked.names).toEqual([...rounds[0]!.table.names, ROUND_COLUMN]);
    const round = stacked.column(ROUND_COLUMN);
    expect(round.kind === 'category' && round.levels).toEqual(['2024Q1', '2024Q2']);
    const design = stackedDesign(stacked, roundsDesignSpec(rounds));
    // the 240 areas of the year are 240 PSUs of the stacked design, as of each round
    expect(design.stages[0]!.nUnits).toBe(240);
    expect(svyDesign(rounds[1]!.table, roundsDesignSpec(rounds)).stages[0]!.nUnits).toBe(240);
    // half of the households are in both rounds: fewer distinct households than the rounds' sum
    const households = (t: SurveyData): number => new Set((t.column('psu2') as { values: Float64Array }).values).size;
    expect(households(stacked)).toBeLessThan(households(rounds[0]!.table) + households(rounds[1]!.table));
    expect(households(stacked)).toBeGreaterThan(1.3 * households(rounds[0]!.table));
  });

  it('(a) pooled counts are the average of the rounds, with smaller SEs than either round', () => {
    const pooled = poolRounds(rounds, { ...OFF, codes: CODES });
    expect(pooled.rounds).toEqual(['2024Q1', '2024Q2']);
    let compared = 0;
    for (const t of pooled.tables.filter((x) => x.cells[0]!.unit === 'NB')) {
      const [a, b] = perRound.map((r) => cellsOf(r.tables, t.indicator));
      for (const c of t.cells) {
        const average = ((a!.get(key(c))?.estimate ?? 0) + (b!.get(key(c))?.estimate ?? 0)) / 2;
        expect(c.estimate, `${t.indicator} ${key(c)}`).toBeCloseTo(average, 6);
        compared++;
        if (!national(c)) continue;
        const [s1, s2] = [a!.get(key(c))!.se, b!.get(key(c))!.se];
        expect(c.se, `${t.indicator} ${key(c)}: pooled SE below both rounds' (${s1}, ${s2})`).toBeLessThan(Math.min(s1, s2));
      }
    }
    expect(compared).toBeGreaterThan(100);
    // rates are ratios of the averaged counts
    const lfpr = [...cellsOf(pooled.tables, LFPR).values()].find(national)!;
    const [lf, wap] = ['MST_TEAP_SEX_AGE_CBR_NB', 'MST_XWAP_SEX_AGE_CBR_NB'].map((code) => [...cellsOf(pooled.tables, code).values()].find(national)!.estimate);
    expect(lfpr.estimate).toBeCloseTo((100 * lf!) / wap!, 9);
    // the pooled design: round weights halved, one design df
    expect(pooled.design.weights[0]).toBeCloseTo((rounds[0]!.table.column('weight') as { values: Float64Array }).values[0]! / 2, 9);
  }, 120_000);

  it('(b) changes are the differences of the rounds; the overlap makes the LFPR change SE smaller than the independent-rounds SE', () => {
    const changes = roundChanges(rounds, { ...OFF, codes: CODES });
    expect(changes.first).toBe('2024Q1');
    expect(changes.last).toBe('2024Q2');
    expect(changes.tables.map((t) => t.indicator)).toEqual(CODES.map((c) => `${CHANGE_PREFIX}${c}`));
    for (const t of changes.tables) {
      const base = t.indicator.slice(CHANGE_PREFIX.length);
      const [a, b] = perRound.map((r) => cellsOf(r.tables, base));
      expect(t.cells.length).toBe(a!.size);
      for (const c of t.cells) {
        expect(c.unit).toBe('GAP');
        const [e1, e2] = [a!.get(key(c))!, b!.get(key(c))!];
        expect(c.estimate, `${t.indicator} ${key(c)}`).toBeCloseTo(e2.estimate - e1.estimate, 6);
        expect(c.n).toBe(Math.min(e1.n, e2.n));
        expect(c.n_domain).toBe(Math.min(e1.n_domain, e2.n_domain));
      }
    }
    const lfpr = changes.tables.find((t) => t.indicator === `${CHANGE_PREFIX}${LFPR}`)!;
    expect(lfpr.label).toMatch(/^Change from 2024Q1 to 2024Q2: Labour force participation rate .*\(percentage points\)$/);
    const change = lfpr.cells.find(national)!;
    const [r1, r2] = perRound.map((r) => [...cellsOf(r.tables, LFPR).values()].find(national)!);
    const independent = Math.hypot(r1!.se, r2!.se);
    expect(change.se).toBeLessThan(0.9 * independent);
    expect(change.se).toBeGreaterThan(0.5 * independent);
    // the same as an estimate by round on the stacked design and the contrast 100 (R2 - R1)
    const stacked = stackedDesign(stackRounds(rounds), roundsDesignSpec(rounds));
    const v = changes.derivation.data.variables;
    const view: SurveyData = { nrows: stacked.n, column: (n) => (n === 'lf' || n === 'wap' ? { kind: 'number', values: v[n] } : stacked.data.column(n)) };
    const result = estimate({ ...stacked, data: view }, [{ statistic: 'ratio', numerator: 'lf', denominator: 'wap' }], { by: [ROUND_COLUMN], covariance: true });
    const direct = contrast(result, [{ name: 'chg', linear: [{ row: { domain: { round: '2024Q2' } }, coef: 100 }, { row: { domain: { round: '2024Q1' } }, coef: -100 }] }]).results[0]!;
    expect(change.estimate).toBeCloseTo(direct.estimate, 10);
    expect(change.se).toBeCloseTo(direct.se, 10);
    // and the covariance is positive: V(R2 - R1) < V(R1) + V(R2)
    const V = result.covariance!;
    expect(V[1]!).toBeGreaterThan(0);
    // every cell with enough data has a finite SE and a t interval on the design df
    for (const c of lfpr.cells) {
      expect(Number.isFinite(c.se)).toBe(true);
      expect(c.df).toBe(230);
    }
  }, 120_000);

  it('changes follow the rounds\' disclosure control: a change is published only where both rounds publish the cell', () => {
    const codes = ['MST_TUNE_SEX_AGE_CBR_NB', 'MST_TUNE_SEX_AGE_CBR_RT', 'MGS_MIGW_SEX_REG_NB'];
    const changes = roundChanges(rounds, { codes });
    const spec = roundsDesignSpec(rounds);
    const runs = [rounds[0]!, rounds[1]!].map((r) => runIndicators(r.profile, r.table, svyDesign(r.table, spec), { codes }));
    let suppressed = 0;
    for (const t of changes.tables) {
      const base = t.indicator.slice(CHANGE_PREFIX.length);
      const [a, b] = runs.map((r) => cellsOf(r.tables, base));
      for (const c of t.cells) {
        const hidden = [a!.get(key(c)), b!.get(key(c))].some((x) => x === undefined || x.suppressed !== undefined);
        expect(c.suppressed !== undefined, `${t.indicator} ${key(c)}`).toBe(hidden);
        if (hidden) suppressed++;
      }
    }
    expect(suppressed).toBeGreaterThan(0);
    expect(changes.roundRuns).toHaveLength(2);
  }, 120_000);

  it('medians and gaps have no change table: skipped from a set, an error when asked for', () => {
    expect(() => roundChanges(rounds, { ...OFF, codes: ['MGS_EARM_SEX_CBR_MEDIAN'] })).toThrow(/MGS_EARM_SEX_CBR_MEDIAN has no change table: a median/);
    expect(() => roundChanges(rounds, { ...OFF, codes: ['MGS_GAP_TEAP_SEX_CBR_RT'] })).toThrow(/no change table: a gap/);
  });

  it('errors: replicate designs, different designs, different columns, a single round', async () => {
    const replicate = await profiled('2024q2', 'profile_2024q2.yaml');
    expect(() => poolRounds([rounds[0]!, replicate])).toThrow(/round 2024Q2 \(profile .*profile_2024q2\.yaml\) uses replicate weights: .*cannot be stacked.*Taylor design/);
    expect(() => roundChanges([rounds[0]!, replicate])).toThrow(/replicate weights/);
    const noFpc = { ...rounds[1]!, design: Object.fromEntries(Object.entries(rounds[1]!.design!).filter(([k]) => k !== 'fpc')) };
    expect(() => poolRounds([rounds[0]!, noFpc])).toThrow(/round 2024Q2 .* has another design than round 2024Q1/);
    expect(() => poolRounds([rounds[0]!])).toThrow(/at least two rounds/);
    const a = tableFromArrays({ x: [1, 2], y: ['a', 'b'] }, 'a.csv');
    const b = tableFromArrays({ x: [3], z: ['c'] }, 'b.csv');
    expect(() => stackRounds([{ table: a, label: '2024Q1' }, { table: b, label: '2024Q2' }])).toThrow(/round 2024Q2 \(b\.csv\) has other columns than round 2024Q1 \(a\.csv\): missing "y"; not in round 2024Q1: "z"/);
    const c = tableFromArrays({ x: ['p'], y: ['c'] }, 'c.csv');
    expect(() => stackRounds([{ table: a, label: '2024Q1' }, { table: c, label: '2024Q2' }])).toThrow(/column "x" is numeric in round 2024Q1 \(a\.csv\) and text in round 2024Q2 \(c\.csv\)/);
    expect(() => stackRounds([{ table: a, label: '2024Q1' }, { table: a, label: '2024Q1' }])).toThrow(/round label "2024Q1" is given twice/);
    // text columns are re-encoded over their levels; an all-missing column takes the other rounds' type
    const d = tableFromArrays({ x: [null], y: ['b'] }, 'd.csv');
    const e = tableFromArrays({ x: [5], y: [null] }, 'e.csv');
    const s = stackRounds([{ table: a, label: '2024Q1' }, { table: d, label: '2024Q2' }, { table: e, label: '2024Q3' }]);
    const y = s.column('y');
    expect(y.kind === 'category' && Array.from(y.codes, (k) => (k < 0 ? null : y.levels[k]))).toEqual(['a', 'b', 'b', null]);
    expect(Array.from((s.column('x') as { values: Float64Array }).values)).toEqual([1, 2, NaN, 5]);
    // a PSU id in another stratum in another round: the design error says which stacked rows are which round's
    const r1 = tableFromArrays({ weight: [1, 1, 1, 1], strata: [1, 1, 2, 2], psu: [1, 2, 3, 4] }, 'r1.csv');
    const r2 = tableFromArrays({ weight: [1, 1, 1, 1], strata: [1, 1, 2, 2], psu: [1, 3, 2, 4] }, 'r2.csv');
    const spec = { weight: 'weight', strata: 'strata', psu: ['psu'] };
    expect(() => stackedDesign(stackRounds([{ table: r1, label: '2024Q1' }, { table: r2, label: '2024Q2' }]), spec, { pool: true }))
      .toThrow(/PSU "\d" .*lies in stratum .*\(rows of the stacked rounds: 2024Q1 rows 1-4, 2024Q2 rows 5-8; a PSU or stratum id must mean the same unit in every round\)/);
  });
});

describe('Monte Carlo: the SE of a change between overlapping rounds', () => {
  it('200 pairs of rounds of one population: SE of the national LFPR change vs the empirical SD of the changes', () => {
    const R = 200;
    const { pop, quarters } = generateWorld(DEFAULT_PERSONS, DEFAULT_SEED);
    const lfpr = quarters.map((q) => {
      const d = derive(populationSource(pop, q));
      return d.lf!.reduce((a, v) => a + v, 0) / d.wap!.reduce((a, v) => a + v, 0);
    });
    const truth = 100 * (lfpr[1]! - lfpr[0]!);
    const changes = new Float64Array(R);
    const variances = new Float64Array(R);
    const independent = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const seed = 700_000 + r;
      const areas = selectAreas(pop, seed);
      const tables = quarters.map((q) => {
        const round = selectRound(pop, areas, q.quarter, seed);
        const persons = personTable(pop, q, round);
        // nonresponse-adjusted design weights, not calibrated: the weights the Taylor design takes as fixed
        const classes = nonresponseClasses(pop, round);
        const hw = nonresponseAdjustment(round.baseWeight, round.responded, classes.codes, classes.labels).weights;
        const { sampleRow } = respondingPersons(pop, round);
        const d = derive(tableSource(persons));
        const cols = { weight: Float64Array.from(sampleRow, (k) => hw[k]!), lf: d.lf!, wap: d.wap! };
        return { label: q.quarter, table: withColumns(persons, Object.fromEntries(Object.entries(cols).map(([k, values]) => [k, { values, label: k }]))) };
      });
      const design = stackedDesign(stackRounds(tables), { weight: 'weight', strata: 'stratum', psu: ['ea', 'hh_id'], fpc: ['ea_total'] });
      const result = estimate(design, [{ statistic: 'ratio', numerator: 'lf', denominator: 'wap' }], { by: [ROUND_COLUMN], covariance: true });
      const [q1, q2] = quarters.map((q) => ({ domain: { [ROUND_COLUMN]: q.quarter } }));
      const c = contrast(result, [{ name: 'change', linear: [{ row: q2!, coef: 100 }, { row: q1!, coef: -100 }] }]).results[0]!;
      changes[r] = c.estimate;
      variances[r] = c.se ** 2;
      independent[r] = 1e4 * (result.results[0]!.se ** 2 + result.results[1]!.se ** 2);
    }
    const mean = changes.reduce((a, v) => a + v, 0) / R;
    const sd = Math.sqrt(changes.reduce((a, v) => a + (v - mean) ** 2, 0) / (R - 1));
    const se = Math.sqrt(variances.reduce((a, v) => a + v, 0) / R);
    const seIndependent = Math.sqrt(independent.reduce((a, v) => a + v, 0) / R);
    const ratio = se / sd;
    expect(ratio, `SE ${se} / empirical SD ${sd}`).toBeGreaterThanOrEqual(0.8);
    expect(ratio, `SE ${se} / empirical SD ${sd}`).toBeLessThanOrEqual(1.25);
    // ignoring the overlap overstates the SE of the change
    expect(seIndependent / sd, `independent-rounds SE ${seIndependent} / empirical SD ${sd}`).toBeGreaterThan(ratio * 1.1);
    // and the change is unbiased for the population change
    expect(Math.abs(mean - truth) / (sd / Math.sqrt(R)), `mean change ${mean} vs truth ${truth}`).toBeLessThan(3.5);
  }, 300_000);
});
