/** RDS ingest: recruiter ids and coupons, waves, broken chains reported with counts and rows; the degree rule. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { rdsEstimate } from '../../src/sampling/rds-analysis.js';
import { rdsFromCoupons, rdsFromRecruiters, rdsSummary } from '../../src/sampling/rds-data.js';
import { rdsBottlenecks, rdsConvergence, rdsHomophily } from '../../src/sampling/rds-diagnostics.js';
import { readCsv } from '../../src/io/csv.js';

const csv = (text: string) => parseCsv(text, 'test.csv');
const byRecruiter = (text: string, orphans: 'error' | 'seed' = 'error') => rdsFromRecruiters(csv(text), { id: 'id', recruiter: 'rec' }, { degree: 'd', orphans });
const base = 'id,rec,d,y\n1,seed,4,a\n2,1,3,b\n3,1,5,a\n4,2,2,b\n5,,6,a\n6,5,1,a\n7,4,3,b\n';

describe('recruiter-id format', () => {
  it('links recruits to recruiters and computes waves and trees (seeds: "seed" or empty)', () => {
    const s = byRecruiter(base);
    expect(Array.from(s.recruiter)).toEqual([-1, 0, 0, 1, -1, 4, 3]);
    expect(Array.from(s.wave)).toEqual([0, 1, 1, 2, 0, 1, 3]);
    expect(Array.from(s.tree)).toEqual([0, 0, 0, 0, 4, 4, 0]);
    expect(rdsSummary(s)).toEqual({ n: 7, seeds: 2, trees: 2, maxWave: 3, orphans: 0, recruitsPerWave: [2, 3, 1, 1] });
  });

  it('0 marks a seed unless some respondent has the id 0', () => {
    expect(Array.from(byRecruiter('id,rec,d\n1,0,4\n2,1,3\n').recruiter)).toEqual([-1, 0]);
    expect(Array.from(byRecruiter('id,rec,d\n0,seed,4\n2,0,3\n').recruiter)).toEqual([-1, 0]);
  });

  it('an unknown recruiter is an error naming the column, rows and values', () => {
    expect(() => byRecruiter(base.replace('4,2,2,b', '4,99,2,b').replace('7,4,3,b', '7,98,3,b'))).toThrow(
      /test\.csv: broken recruitment chains: 2 recruiter id\(s\) that match no respondent's id \(column "rec", rows 4, 7: "99", "98"\).*--orphans seed/,
    );
  });

  it('under the seed rule an orphan starts a new tree, listed and counted', () => {
    const s = byRecruiter(base.replace('4,2,2,b', '4,99,2,b'), 'seed');
    expect(s.orphanRows).toEqual([3]);
    expect(s.problems).toEqual([expect.objectContaining({ kind: 'unknown-recruiter', count: 1, rows: [3], values: ['99'] })]);
    expect(Array.from(s.wave)).toEqual([0, 1, 1, 0, 0, 1, 1]);
    expect(rdsSummary(s)).toMatchObject({ seeds: 2, trees: 3, orphans: 1 });
    expect(rdsEstimate(s, 'y').warnings).toContain('1 respondent(s) whose recruiter matched nobody were made seeds of new trees');
  });

  it('duplicate ids, missing ids, self-recruitment and cycles are errors with rows', () => {
    expect(() => byRecruiter(base.replace('3,1,5,a', '2,1,5,a'))).toThrow(/1 id\(s\) given to more than one respondent \(column "id", row 3: "2"\)/);
    expect(() => byRecruiter(base.replace('3,1,5,a', ',1,5,a'))).toThrow(/1 respondent\(s\) without an id \(column "id", row 3/);
    expect(() => byRecruiter(base.replace('6,5,1,a', '6,6,1,a'))).toThrow(/recorded as their own recruiter \(column "rec", row 6: "6"\)/);
    // 8 -> 9 -> 8 is a cycle, 10 hangs below it
    expect(() => byRecruiter(`${base}8,9,2,a\n9,8,2,b\n10,9,2,a\n`)).toThrow(/3 respondent\(s\) in a recruitment cycle or below one \(no path to a seed\) \(column "rec", rows 8, 9, 10: "8 <- 9", "9 <- 8", "10 <- 9"\)/);
  });

  it('degree: text, negative values are errors naming the row', () => {
    expect(() => byRecruiter(base.replace('2,1,3,b', '2,1,many,b'))).toThrow(/degree column "d" must be numeric, row 2 has "many"/);
    expect(() => byRecruiter(base.replace('2,1,3,b', '2,1,-3,b'))).toThrow(/degree column "d" has negative or infinite values at row 2 \(-3\)/);
  });
});

describe('coupon format', () => {
  const coupons = 'id,own,given,d\nA,,c1;c2;c3,4\nB,c1,c4;c5;c6,3\nC,c2,c7|c8|c9,5\nD,c5,c10 c11 c12,2\nE,,c13;c14;c15,6\n';
  const read = (text: string, orphans: 'error' | 'seed' = 'error') => rdsFromCoupons(csv(text), { id: 'id', coupon: 'own', issued: ['given'] }, { degree: 'd', orphans });

  it('links a redeemed coupon to the respondent who was given it (one column with separators)', () => {
    const s = read(coupons);
    expect(Array.from(s.recruiter)).toEqual([-1, 0, 0, 1, -1]);
    expect(Array.from(s.wave)).toEqual([0, 1, 1, 2, 0]);
  });

  it('links through one column per coupon, as the shipped Atlantis sample, to the recruiter ids it also carries', () => {
    const t = readCsv(new URL('../../datasets/atlantis-hidden/rds_sample.csv', import.meta.url).pathname);
    const a = rdsFromCoupons(t, { id: 'respondent_id', coupon: 'coupon', issued: ['coupon_given_1', 'coupon_given_2', 'coupon_given_3'] }, { degree: 'network_size' });
    const b = rdsFromRecruiters(t, { id: 'respondent_id', recruiter: 'recruiter_id' }, { degree: 'network_size' });
    expect(Array.from(a.recruiter)).toEqual(Array.from(b.recruiter));
    const wave = t.column('wave');
    expect(wave.kind === 'number' && Array.from(wave.values)).toEqual(Array.from(a.wave));
  });

  it('unknown, doubly given and doubly redeemed coupons are reported', () => {
    expect(() => read(coupons.replace('D,c5,', 'D,c99,'))).toThrow(/1 redeemed coupon\(s\) that no respondent was given \(column "own", row 4: "c99"\)/);
    expect(read(coupons.replace('D,c5,', 'D,c99,'), 'seed').orphanRows).toEqual([3]);
    expect(() => read(coupons.replace('c13;c14', 'c1;c14'))).toThrow(/1 coupon\(s\) given out to more than one respondent \(column "given", row 5: "c1"\)/);
    expect(() => read(coupons.replace('D,c5,', 'D,c1,'))).toThrow(/1 coupon\(s\) redeemed by more than one respondent \(column "own", row 4: "c1"\)/);
  });
});

describe('degree rule', () => {
  const t = 'id,rec,d,y\n1,seed,4,1\n2,1,0,0\n3,1,NA,1\n4,2,8,0\n5,2,2,1\n';
  it('max (default) sets zero and missing degrees to the largest, counted', () => {
    const a = rdsEstimate(byRecruiter(t), 'y');
    expect(a.degree).toEqual({ rule: 'max', zero: 1, missing: 1, changed: 2, excluded: 0, value: 8 });
    expect(a.results[0]!.n).toBe(5);
    const w = [1 / 4, 1 / 8, 1 / 8, 1 / 8, 1 / 2];
    expect(a.results[0]!.estimate).toBeCloseTo((w[0]! + w[2]! + w[4]!) / w.reduce((x, y) => x + y), 14);
    expect(a.warnings[0]).toBe('1 zero and 1 missing degree(s) in "d": 2 set to 8, 0 left out (rule max)');
  });
  it('one sets a zero to 1 and leaves a missing one out; drop leaves both out', () => {
    const one = rdsEstimate(byRecruiter(t), 'y', { degreeRule: 'one' });
    expect(one.degree).toMatchObject({ changed: 1, excluded: 1, value: 1 });
    expect(one.results[0]!.n).toBe(4);
    const drop = rdsEstimate(byRecruiter(t), 'y', { degreeRule: 'drop' });
    expect(drop.degree).toMatchObject({ changed: 0, excluded: 2 });
    expect(drop.exclusions).toEqual([{ reason: 'zero or missing degree "d" (rule drop)', count: 2 }]);
  });
  it('a missing outcome is left out and counted', () => {
    const a = rdsEstimate(byRecruiter(base.replace('6,5,1,a', '6,5,1,')), 'y');
    expect(a.exclusions).toEqual([{ reason: 'missing outcome "y"', count: 1 }]);
    expect(a.results.map((r) => [r.level, r.n])).toEqual([['a', 6], ['b', 6]]);
  });
});

describe('diagnostics on fauxmadrona', () => {
  const s = rdsFromRecruiters(readCsv(new URL('../fixtures/rds/rds_fauxmadrona.csv', import.meta.url).pathname), { id: 'id', recruiter: 'recruiter.id' }, { degree: 'degree' });
  it('convergence: cumulative by wave, the last wave gives the full estimate', () => {
    const rows = rdsConvergence(s, 'disease', { estimator: 'rds2' });
    expect(rows.map((r) => r.wave)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.map((r) => r.n)).toEqual([10, 30, 70, 147, 296, 500]);
    expect(rows.at(-1)!.estimate).toBeCloseTo(0.164149290444997, 9);
    expect(Object.keys(rows[0]!)).toEqual(['outcome', 'level', 'wave', 'n', 'estimate']);
  });
  it('bottlenecks: one row per seed tree, the trees partition the sample', () => {
    const rows = rdsBottlenecks(s, 'disease', { estimator: 'rds2', outcomeKind: 'categorical' });
    expect(rows.length).toBe(20);
    expect(rows.filter((r) => r.level === '1').reduce((a, r) => a + r.n, 0)).toBe(500);
    for (const r of rows) expect(r.estimate).toBeGreaterThanOrEqual(0);
  });
  it("recruitment homophily: R RDS's overall ratio from the transition counts", () => {
    const rows = rdsHomophily(s, 'disease');
    const overall = rows.at(-1)!;
    expect(overall.group).toBeNull();
    expect(overall.within).toBe(369);
    expect(overall.homophily).toBeCloseTo(369 / ((356 * 363 + 134 * 127) / 490), 12);
    expect(rows[1]).toMatchObject({ group: '1', recruitments: 134, within: 70 });
  });
});
