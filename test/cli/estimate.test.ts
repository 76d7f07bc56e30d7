import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const root = new URL('../../', import.meta.url).pathname;
let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-cli-'));
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

function csv(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** A small stratified cluster sample: 2 strata x 2 PSUs x 2 rows. */
const good = 'h,psu,w,N,y,g\n1,1,2,10,3,a\n1,1,2,10,4,b\n1,2,2,10,5,a\n1,2,2,10,6,b\n2,3,3,12,7,a\n2,3,3,12,8,b\n2,4,3,12,9,a\n2,4,3,12,1,b\n';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const code = await main(args);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('migstat estimate: design errors name the rows and values, exit 2, leave no output', () => {
  const cases: [string, string, string[], RegExp][] = [
    ['missing weight', good.replace('1,1,2,10,3,a', '1,1,NA,10,3,a'), ['--weight', 'w'], /weight column "w" has 1 missing, negative or non-finite value\(s\) at row 1/],
    ['negative weight', good.replace('2,4,3,12,9,a', '2,4,-3,12,9,a'), ['--weight', 'w'], /weight column "w".*row 7 \(row 7: -3\).*>= 0/],
    ['non-finite weight', good.replace('2,4,3,12,1,b', '2,4,Inf,12,1,b'), ['--weight', 'w'], /weight column "w" must be numeric|non-finite/],
    ['missing stratum', good.replace('2,3,3,12,7,a', ',3,3,12,7,a'), ['--weight', 'w', '--strata', 'h', '--psu', 'psu'], /strata column "h" has missing values at row 5/],
    ['missing PSU', good.replace('1,2,2,10,6,b', '1,NA,2,10,6,b'), ['--weight', 'w', '--strata', 'h', '--psu', 'psu'], /PSU column "psu" has missing values at row 4/],
    ['PSU crossing strata', good.replace('2,4,3,12,9,a', '2,1,3,12,9,a'), ['--weight', 'w', '--strata', 'h', '--psu', 'psu'], /PSU "1" \(column "psu"\) lies in stratum "1" at row 1 and in stratum "2" at row 7.*--nest/],
    ['fpc below sample count', good.replace(/,12,/g, ',1,'), ['--weight', 'w', '--strata', 'h', '--psu', 'psu', '--fpc', 'N'], /fpc column "N" row \d+: value 1 is below 1|population 1 is smaller than the 2 units sampled/],
    ['lonely PSU under fail', good.replace('2,4,3,12,9,a', '2,3,3,12,9,a').replace('2,4,3,12,1,b', '2,3,3,12,1,b'), ['--weight', 'w', '--strata', 'h', '--psu', 'psu'], /Stratum \(2\) has only one PSU at stage 1/],
    ['unknown column', good, ['--weight', 'wt'], /no column "wt"; columns are: h, psu, w, N, y, g/],
    ['missing analysis value', good.replace('1,2,2,10,5,a', '1,2,2,10,NA,a'), ['--weight', 'w'], /y has 1 missing value\(s\) at row 3: use --na-rm/],
  ];
  for (const [label, text, design, message] of cases) {
    it(label, async () => {
      const file = csv('data.csv', text);
      const target = join(dir, 'out.json');
      const r = await run(['estimate', file, ...design, '--mean', 'y', '-o', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(dir)).toEqual(['data.csv']);
    });
  }

  it('ragged CSV rows name the file and line', async () => {
    const file = csv('ragged.csv', 'a,b\n1,2\n3\n');
    const r = await run(['estimate', file, '--mean', 'a']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: line 3: 1 fields, expected 2`);
  });

  it('bad usage exits 2: no statistic, a malformed option', async () => {
    const file = csv('data.csv', good);
    expect((await run(['estimate', file, '--weight', 'w'])).code).toBe(2);
    expect((await run(['estimate', file, '--ratio', 'y'])).stderr).toMatch(/--ratio y: expected NUM\/DEN/);
    expect((await run(['estimate', file, '--mean', 'y', '--lonely-psu', 'drop'])).code).toBe(2);
    expect((await run(['estimate', file, '--mean', 'y', '--where', 'y~3'])).stderr).toMatch(/not of the form COL=V/);
  });
});

describe('migstat estimate: output', () => {
  it('writes JSON with the documented fields, domains and the subset df', async () => {
    const file = csv('data.csv', good);
    const r = await run(['estimate', file, '--weight', 'w', '--strata', 'h', '--psu', 'psu', '--mean', 'y', '--total', 'g', '--by', 'g', '--where', 'y>1']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json.results[0])).toEqual(['statistic', 'variable', 'level', 'domain', 'estimate', 'se', 'ci_low', 'ci_high', 'df', 'deff', 'cv', 'n', 'n_eff', 'N']);
    expect(json.design.n).toBe(7);
    expect(json.design.df).toBe(2);
    expect(json.results.map((x: { domain: { g: string } }) => x.domain.g)).toEqual(['a', 'b', 'a', 'a', 'b', 'b']);
    expect(json.results[2]).toMatchObject({ statistic: 'total', variable: 'g', level: 'a' });
  });

  it('--df Inf gives normal intervals, written as "Inf"; CSV has domain columns; -o writes the file', async () => {
    const file = csv('data.csv', good);
    const target = join(dir, 'out.csv');
    const r = await run(['estimate', file, '--weight', 'w', '--mean', 'y', '--by', 'g', '--df', 'Inf', '--format', 'csv', '-o', target]);
    expect(r.code).toBe(0);
    const lines = readFileSync(target, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('g,statistic,variable,level,estimate,se,ci_low,ci_high,df,deff,cv,n,n_eff,N');
    expect(lines[1]!.split(',')[8]).toBe('Inf');
    const json = JSON.parse((await run(['estimate', file, '--weight', 'w', '--mean', 'y', '--df', 'Inf'])).stdout.slice(r.stdout.length));
    expect(json.results[0].df).toBe('Inf');
  });

  it('--na-rm counts the rows left out', async () => {
    const file = csv('data.csv', good.replace('1,2,2,10,5,a', '1,2,2,10,NA,a'));
    const r = await run(['estimate', file, '--weight', 'w', '--mean', 'y', '--na-rm']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).exclusions).toEqual([{ reason: 'missing analysis value', variable: 'y', count: 1 }]);
    expect(r.stderr).toContain('excluded: 1 row(s): missing analysis value (y)');
  });

  it('runs as a process: the demo command prints the stratified estimates', () => {
    const p = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'estimate', 'datasets/api/apistrat.csv', '--weight', 'pw', '--strata', 'stype', '--fpc', 'fpc', '--mean', 'api00', '--format', 'csv'], { cwd: root, encoding: 'utf8' });
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/^statistic,variable,level,estimate,se/);
    expect(p.stdout).toContain('mean,api00,,662.287');
    const bad = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'estimate', 'datasets/api/apistrat.csv', '--weight', 'nope', '--mean', 'api00'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/apistrat.csv: no column "nope"/);
  });
});
