/** migstat rds: the JSON shape, CSV, coupons, diagnostics, and errors that exit 2 naming the file, row and column. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from '../support/cli.js';

const faux = new URL('../fixtures/rds/rds_fauxmadrona.csv', import.meta.url).pathname;
const atlantis = new URL('../../datasets/atlantis-hidden/rds_sample.csv', import.meta.url).pathname;
const cli = cliHarness('rds');
const run = (args: string[]) => cli.run(args);

const fauxArgs = ['rds', faux, '--id', 'id', '--recruiter', 'recruiter.id', '--degree', 'degree', '--outcome', 'disease'];

describe('migstat rds', () => {
  it('--format json prints {"results": [...]} with exactly the result keys, one row per level, then the documented extras', async () => {
    const r = await run([...fauxArgs, '--categorical', '--estimator', 'rds1']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { results: Record<string, unknown>[] } & Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['results', 'sample', 'uncertainty', 'degree', 'exclusions', 'problems', 'warnings']);
    expect(j.results.map((x) => Object.keys(x))).toEqual([0, 1].map(() => ['estimator', 'outcome', 'level', 'estimate', 'se', 'ci_low', 'ci_high', 'n']));
    expect(j.results.map((x) => [x.estimator, x.outcome, x.level, x.n])).toEqual([['rds1', 'disease', '0', 500], ['rds1', 'disease', '1', 500]]);
    expect(j.results[1]!.estimate as number).toBeCloseTo(0.15919809380965, 9);
    expect(j.sample).toEqual({ n: 500, seeds: 10, trees: 10, max_wave: 5, orphans_made_seeds: 0, respondents_by_wave: [10, 20, 40, 77, 149, 204] });
    expect(j.uncertainty).toEqual({ method: 'empirical-likelihood', interval: 'normal', level: 0.95 });
  });

  it('a numeric outcome gives its mean with level null; --exclude-seeds; --bootstrap gives percentile intervals, same seed same bytes', async () => {
    const a = await run([...fauxArgs, '--exclude-seeds', '--bootstrap', '200', '--seed', '7']);
    expect(a.code).toBe(0);
    const j = JSON.parse(a.stdout) as { results: { level: unknown; estimate: number; ci_low: number; ci_high: number; n: number }[]; uncertainty: unknown; exclusions: unknown };
    expect(j.results).toHaveLength(1);
    expect(j.results[0]!.level).toBeNull();
    expect(j.results[0]!.estimate).toBeCloseTo(0.164393171405101, 9);
    expect(j.results[0]!.n).toBe(490);
    expect(j.results[0]!.ci_low).toBeLessThan(j.results[0]!.ci_high);
    expect(j.uncertainty).toEqual({ method: 'salganik-bootstrap', replicates: 200, seed: 7, resample: 'uniform', interval: 'percentile', level: 0.95 });
    expect(j.exclusions).toEqual([{ outcome: 'disease', rows: [{ reason: 'seed (seeds excluded)', count: 10 }] }]);
    cli.clear();
    expect((await run([...fauxArgs, '--exclude-seeds', '--bootstrap', '200', '--seed', '7'])).stdout).toBe(a.stdout);
  });

  it('--format csv: the result columns; -o writes the file', async () => {
    const target = join(cli.dir(), 'r.csv');
    const r = await run([...fauxArgs, '--estimator', 'ss', '--population-size', '1000', '--format', 'csv', '-o', target]);
    expect(r.code).toBe(0);
    const lines = readFileSync(target, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('estimator,outcome,level,estimate,se,ci_low,ci_high,n');
    expect(lines[1]).toMatch(/^ss,disease,,0\.19\d+,0\.0\d+,0\.\d+,0\.\d+,500$/);
  });

  it('coupon format, several outcomes and --diagnostics on the Atlantis sample', async () => {
    const r = await run(['rds', atlantis, '--id', 'respondent_id', '--coupon', 'coupon', '--coupons-given', 'coupon_given_1,coupon_given_2,coupon_given_3', '--degree', 'network_size', '--outcome', 'below_min_wage,nationality', '--diagnostics']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { results: { outcome: string; level: string | null }[]; warnings: string[]; degree: { missing: number }; diagnostics: Record<string, { outcome: string }[]> };
    expect(j.results.map((x) => [x.outcome, x.level])).toEqual([['below_min_wage', null], ['nationality', 'ETH'], ['nationality', 'IDN'], ['nationality', 'NPL'], ['nationality', 'PHL']]);
    expect(j.degree.missing).toBeGreaterThan(0);
    expect(j.warnings[0]).toMatch(/missing degree\(s\) in "network_size": \d+ set to \d+, 0 left out \(rule max\)/);
    expect(Object.keys(j.diagnostics)).toEqual(['convergence', 'bottlenecks', 'homophily']);
    expect(new Set(j.diagnostics.homophily!.map((x) => x.outcome))).toEqual(new Set(['below_min_wage', 'nationality']));
  });

  it('--help documents the output', async () => {
    const r = await run(['rds', '--help']);
    expect(r.code).toBe(0);
    for (const s of ['"results"', '"estimator", "outcome", "level", "estimate", "se", "ci_low", "ci_high", "n"', '--exclude-seeds', '--population-size', '--coupons-given']) expect(r.stdout).toContain(s);
  });

  const bad: [string, (file: string) => string[], string, RegExp][] = [
    ['unknown recruiter', (f) => ['rds', f, '--id', 'id', '--recruiter', 'rec', '--degree', 'd', '--outcome', 'y'], 'id,rec,d,y\n1,seed,3,a\n2,1,4,b\n3,9,2,a\n',
      /data\.csv: broken recruitment chains: 1 recruiter id\(s\) that match no respondent's id \(column "rec", row 3: "9"\)/],
    ['unknown column', (f) => ['rds', f, '--id', 'id', '--recruiter', 'rec', '--degree', 'deg', '--outcome', 'y'], 'id,rec,d,y\n1,seed,3,a\n', /data\.csv: no column "deg"; columns are: id, rec, d, y/],
    ['text degree', (f) => ['rds', f, '--id', 'id', '--recruiter', 'rec', '--degree', 'd', '--outcome', 'y'], 'id,rec,d,y\n1,seed,3,a\n2,1,lots,b\n', /data\.csv: degree column "d" must be numeric, row 2 has "lots"/],
    ['ss without N', (f) => ['rds', f, '--id', 'id', '--recruiter', 'rec', '--degree', 'd', '--outcome', 'y', '--estimator', 'ss'], 'id,rec,d,y\n1,seed,3,a\n', /--estimator ss .* needs --population-size N/],
    ['N below n', (f) => ['rds', f, '--id', 'id', '--recruiter', 'rec', '--degree', 'd', '--outcome', 'y', '--population-size', '1'], 'id,rec,d,y\n1,seed,3,a\n2,1,4,b\n', /population size 1 must be .* at least the sample size 2/],
    ['both formats', (f) => ['rds', f, '--id', 'id', '--recruiter', 'rec', '--coupon', 'c', '--degree', 'd', '--outcome', 'y'], 'id,rec,d,y\n1,seed,3,a\n', /either --recruiter .* or --coupon/],
    ['bad estimator', (f) => ['rds', f, '--id', 'id', '--recruiter', 'rec', '--degree', 'd', '--outcome', 'y', '--estimator', 'rds3'], 'id,rec,d,y\n1,seed,3,a\n', /argument 'rds3' is invalid/],
  ];
  for (const [label, args, text, message] of bad) {
    it(`error exits 2: ${label}`, async () => {
      const f = join(cli.dir(), 'data.csv');
      writeFileSync(f, text);
      const r = await run(args(f));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }
});
