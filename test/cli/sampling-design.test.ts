import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliHarness } from '../support/cli.js';

const cli = cliHarness('sampling');
const run = (args: string[]) => cli.run(args);

function csv(name: string, text: string): string {
  const p = join(cli.dir(), name);
  writeFileSync(p, text);
  return p;
}

describe('migstat sample-size', () => {
  it('spec survey.md section 4: p 0.5, moe 0.05, deff 2 gives 769 interviews; prevalence 8%, RR 0.7: 13,733 to screen', async () => {
    const r = await run(['sample-size', '--proportion', '0.5', '--moe', '0.05', '--deff', '2', '--prevalence', '0.08', '--response-rate', '0.7']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ parameter: 'proportion', target: 'moe', n: 769, n_select: 13733, deff: 2, prevalence: 0.08, response_rate: 0.7 });
  });

  it('a mean with a CV target and a finite population (VDK 2018 ch. 3: nCont(CV0 = 0.05, CVpop = 2, N = 500) = 381), as CSV to a file', async () => {
    const target = join(cli.dir(), 'n.csv');
    const r = await run(['sample-size', '--mean', '1', '--sd', '2', '--cv', '0.05', '--population', '500', '--format', 'csv', '-o', target]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const [header, row] = readFileSync(target, 'utf8').trim().split('\n');
    const rec = Object.fromEntries(header!.split(',').map((k, i) => [k, row!.split(',')[i]]));
    expect(rec).toMatchObject({ parameter: 'mean', target: 'cv', n: '381', n_select: '381', population: '500' });
  });

  it('--n gives the precision of n selected units (the domain CV of a subpopulation with --prevalence)', async () => {
    const r = await run(['sample-size', '--proportion', '0.3', '--n', '20000', '--prevalence', '0.05', '--deff', '1.8']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.n).toBeCloseTo(1000, 9);
    expect(j.cv).toBeCloseTo(Math.sqrt((1.8 * 0.7) / (1000 * 0.3)), 12);
  });

  it('--relative margin', async () => {
    const r = await run(['sample-size', '--proportion', '0.2', '--moe', '0.1', '--relative']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ target: 'relative_moe', n: Math.ceil((1.959963984540054 ** 2 * 0.8) / (0.2 * 0.01)) });
  });

  it('help documents the JSON output', async () => {
    const r = await run(['sample-size', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/n_srs \(SRS size, no deff, no fpc\), n0 \(x deff\), n_fpc \(after the fpc\)/);
  });

  const bad: [string, string[], RegExp][] = [
    ['p above 1', ['--proportion', '1.5', '--moe', '0.05'], /--proportion 1.5: expected a number strictly between 0 and 1/],
    ['p of 0', ['--proportion', '0', '--moe', '0.05'], /--proportion 0: expected a number strictly between 0 and 1/],
    ['not a number', ['--proportion', '0.5', '--moe', 'five'], /--moe five: expected a number/],
    ['negative deff', ['--proportion', '0.5', '--moe', '0.05', '--deff', '-2'], /--deff -2: expected a number > 0/],
    ['response rate above 1', ['--proportion', '0.5', '--moe', '0.05', '--response-rate', '70'], /--response-rate 70: expected a number in \(0, 1\]/],
    ['level as a percentage', ['--proportion', '0.5', '--moe', '0.05', '--level', '95'], /--level 95: expected a number strictly between 0 and 1/],
    ['no target', ['--proportion', '0.5'], /give a target: --moe E/],
    ['two targets', ['--proportion', '0.5', '--moe', '0.05', '--cv', '0.1'], /give one of --moe, --cv, --n \(got --moe, --cv\)/],
    ['no parameter', ['--moe', '0.05'], /give --proportion P, or --sd S/],
    ['both parameters', ['--proportion', '0.5', '--sd', '3', '--moe', '0.05'], /give --proportion P, or --sd S/],
    ['cv of a mean without the mean', ['--sd', '3', '--cv', '0.05'], /--cv for a mean needs --mean/],
    ['absolute moe of 1 on a proportion', ['--proportion', '0.5', '--moe', '1'], /--moe 1: a margin on the proportion scale must be below 1/],
    ['--relative alone', ['--proportion', '0.5', '--cv', '0.1', '--relative'], /--relative qualifies --moe/],
    ['n above the population', ['--proportion', '0.5', '--n', '600', '--population', '500'], /600 expected interviews exceed the population size 500/],
  ];
  for (const [label, args, message] of bad) {
    it(`exit 2: ${label}`, async () => {
      const target = join(cli.dir(), 'out.json');
      const r = await run(['sample-size', ...args, '-o', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(existsSync(target)).toBe(false);
    });
  }
});

// Strata of a migrant survey frame, constructed: population sizes, migrant prevalence, unit SD of earnings, cost per interview.
const strataCsv = 'stratum,N,prev,sd,cost\ncapital,40000,0.2,900,20\nnorth,25000,0.05,500,30\nsouth,30000,0.02,450,35\nborder,800,0.6,1500,80\n';

describe('migstat allocate', () => {
  it('neyman on prevalences: sums to n, expected migrants, deff and deff_w; same result from the library', async () => {
    const file = csv('strata.csv', strataCsv);
    const r = await run(['allocate', file, '--n', '2000', '--method', 'neyman', '--size', 'N', '--prevalence', 'prev']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.method).toBe('neyman');
    expect(j.n).toBe(2000);
    expect(j.strata.map((s: { n: number }) => s.n).reduce((a: number, b: number) => a + b, 0)).toBe(2000);
    expect(j.strata.map((s: { stratum: string }) => s.stratum)).toEqual(['capital', 'north', 'south', 'border']);
    expect(j.deff_w).toBeGreaterThan(1);
    expect(j.deff).toBeGreaterThan(0);
    expect(j.cv).toBeCloseTo(j.se / j.mean, 12);
    expect(j.expected).toBeCloseTo(j.strata.reduce((s: number, x: { n: number; mean: number }) => s + x.n * x.mean, 0), 9);
  });

  it('take-all strata, costs and the CSV form with its (all) row', async () => {
    // border: 20 units with a large SD; its optimal share of 3000, 20 x 50000 / sqrt(80) against the others, is 26 > 20: take-all
    const file = csv('strata.csv', strataCsv.replace('border,800,0.6,1500', 'border,20,0.6,50000'));
    const target = join(cli.dir(), 'alloc.csv');
    const r = await run(['allocate', file, '--n', '3000', '--method', 'optimal', '--size', 'N', '--sd', 'sd', '--cost', 'cost', '--format', 'csv', '-o', target]);
    expect(r.code).toBe(0);
    const lines = readFileSync(target, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual(['stratum', 'N', 'W', 'sd', 'mean', 'cost', 'target', 'n', 'f', 'weight', 'take_all', 'bound', 'se', 'cv', 'expected', 'deff', 'deff_w']);
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    expect(rows.map((x) => x.stratum)).toEqual(['capital', 'north', 'south', 'border', '(all)']);
    expect(rows[3]).toMatchObject({ n: '20', take_all: 'true', bound: 'take-all', se: '0' });
    expect(rows.slice(0, 4).reduce((s, x) => s + Number(x.n), 0)).toBe(3000);
    expect(rows[4]).toMatchObject({ n: '3000' });
    expect(Number(rows[4]!.deff_w)).toBeGreaterThan(1);
  });

  it('power allocation with --power and --budget', async () => {
    const file = csv('strata.csv', strataCsv);
    const r = await run(['allocate', file, '--budget', '60000', '--method', 'power', '--power', '0.3', '--size', 'N', '--prevalence', 'prev', '--cost', 'cost']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.power).toBe(0.3);
    expect(j.budget).toBe(60000);
    expect(j.cost).toBeLessThanOrEqual(60000 + 80);
  });

  const bad: [string, string, string[], RegExp][] = [
    ['missing column', strataCsv, ['--method', 'neyman', '--n', '100', '--size', 'N', '--sd', 'sigma'], /strata\.csv: no column "sigma"; columns are: stratum, N, prev, sd, cost/],
    ['missing stratum column', strataCsv.replace('stratum,', 'area,'), ['--method', 'proportional', '--n', '100', '--size', 'N'], /strata\.csv: no column "stratum"/],
    ['text in a numeric column', strataCsv.replace('40000', 'many'), ['--method', 'proportional', '--n', '100', '--size', 'N'], /strata\.csv: --size column "N" must be numeric; it has text such as "many"/],
    ['missing value', strataCsv.replace('0.05,500', 'NA,500'), ['--method', 'neyman', '--n', '100', '--size', 'N', '--prevalence', 'prev'], /strata\.csv row 2 \(stratum "north"\): --prevalence column "prev" is missing/],
    ['prevalence out of range', strataCsv.replace('0.05,500', '5,500'), ['--method', 'neyman', '--n', '100', '--size', 'N', '--prevalence', 'prev'], /strata\.csv: stratum "north" \(2\): prevalence 5: expected a proportion in \[0, 1\]/],
    ['n not whole', strataCsv, ['--method', 'proportional', '--n', '10.5', '--size', 'N'], /--n 10.5: expected a whole number >= 0/],
    ['n not a number', strataCsv, ['--method', 'proportional', '--n', 'lots', '--size', 'N'], /--n lots: expected a number/],
    ['n beyond the frame', strataCsv, ['--method', 'proportional', '--n', '100000', '--size', 'N'], /n = 100000 exceeds the 95800 units the strata can give/],
    ['neyman without sd', strataCsv, ['--method', 'neyman', '--n', '100', '--size', 'N'], /--method neyman needs --sd COL or --prevalence COL/],
    ['optimal without cost', strataCsv, ['--method', 'optimal', '--n', '100', '--size', 'N', '--sd', 'sd'], /--method optimal needs --cost COL/],
    ['both sd and prevalence', strataCsv, ['--method', 'neyman', '--n', '100', '--size', 'N', '--sd', 'sd', '--prevalence', 'prev'], /give --sd or --prevalence, not both/],
    ['no n nor budget', strataCsv, ['--method', 'proportional', '--size', 'N'], /give --n N or --budget C/],
    ['unknown method', strataCsv, ['--method', 'random', '--n', '100', '--size', 'N'], /argument 'random' is invalid/],
    ['duplicate stratum', strataCsv + 'north,10,0.1,1,1\n', ['--method', 'proportional', '--n', '100', '--size', 'N'], /stratum "north" is listed twice/],
  ];
  for (const [label, text, args, message] of bad) {
    it(`exit 2: ${label}`, async () => {
      const file = csv('strata.csv', text);
      const target = join(cli.dir(), 'out.json');
      const r = await run(['allocate', file, ...args, '-o', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(readdirSync(cli.dir())).toEqual(['strata.csv']);
    });
  }

  it('help documents the JSON output', async () => {
    const r = await run(['allocate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Output \(JSON\): \{ method, power, n, N, budget, cost, se, mean, cv, deff, deff_w/);
  });
});
