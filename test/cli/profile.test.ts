import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { profileCommand } from '../../src/cli/profile-command.js';

const fixtures = new URL('../fixtures/profile/', import.meta.url).pathname;
let dir: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-profile-cli-'));
  for (const f of ['base.yaml', 'wave.yaml', 'person.csv', 'household.csv', 'absent.csv', 'costs.csv']) copyFileSync(join(fixtures, f), join(dir, f));
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

/** Runs `migstat profile ...` as src/cli/main.ts would: exit 0, or 2 for bad input and usage (1 for a fault). */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command('migstat').exitOverride().configureOutput({ writeErr: (s) => void err.push(s), writeOut: (s) => void out.push(s) });
  program.addCommand(profileCommand().exitOverride());
  let code = 0;
  try {
    await program.parseAsync(['profile', ...args], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode === 0 ? 0 : 2;
    else {
      const known = ['InputError', 'UsageError', 'DesignError'].includes((e as Error).name);
      err.push(`migstat: ${(e as Error).message}\n`);
      code = known ? 2 : 1;
    }
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const p = (name: string): string => join(dir, name);
const tablesArgs = (): string[] => ['--table', `household=${p('household.csv')}`, '--table', `absent=${p('absent.csv')}`, '--table', `costs=${p('costs.csv')}`];
const files = (): string[] => readdirSync(dir).sort();
const before = ['absent.csv', 'base.yaml', 'costs.csv', 'household.csv', 'person.csv', 'wave.yaml'];

describe('migstat profile init', () => {
  it('writes a draft profile from the file\'s variables', async () => {
    const r = await run(['init', p('person.csv'), '-o', p('draft.yaml')]);
    expect(r.code).toBe(0);
    const draft = parse(readFileSync(p('draft.yaml'), 'utf8'));
    expect(draft.tables.person.variables.household_id).toBe('hhid');
    expect(readFileSync(p('draft.yaml'), 'utf8')).toContain('# Columns not mapped');
  });

  it('prints to standard output without -o', async () => {
    const r = await run(['init', p('person.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('role: person');
  });

  it('does not overwrite a profile unless --force', async () => {
    writeFileSync(p('mine.yaml'), 'hand work\n');
    const r = await run(['init', p('person.csv'), '-o', p('mine.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p('mine.yaml')} exists`);
    expect(readFileSync(p('mine.yaml'), 'utf8')).toBe('hand work\n');
    expect((await run(['init', p('person.csv'), '-o', p('mine.yaml'), '--force'])).code).toBe(0);
    expect(readFileSync(p('mine.yaml'), 'utf8')).toContain('role: person');
  });

  it('bad input (a ragged CSV, a missing file) exits 2 and writes nothing', async () => {
    writeFileSync(p('ragged.csv'), 'a,b\n1,2\n3\n');
    const r = await run(['init', p('ragged.csv'), '-o', p('draft.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p('ragged.csv')}: line 3: 1 fields, expected 2`);
    expect((await run(['init', p('none.csv'), '-o', p('draft.yaml')])).code).toBe(2);
    expect(files()).toEqual([...before, 'ragged.csv'].sort());
    expect((await run(['init'])).code).toBe(2);
  });
});

describe('migstat profile check', () => {
  it('clean data: exit 0 and a report of every mapping', async () => {
    const r = await run(['check', p('person.csv'), '-p', p('wave.yaml'), ...tablesArgs()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`profile ${p('wave.yaml')} (extends ${p('base.yaml')})`);
    expect(r.stdout).toContain('person.sex <- B4: 0, 10, 0, 0, 0');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('ok: 0 warnings');
    expect(files()).toEqual(before);
  });

  it('JSON report', async () => {
    const r = await run(['check', p('person.csv'), '-p', p('wave.yaml'), ...tablesArgs(), '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, errors: 0, files: [p('wave.yaml'), p('base.yaml')] });
    expect(report.log.find((e: { variable: string }) => e.variable === 'age')).toMatchObject({ kept: 9, setMissing: 1 });
  });

  it('bad data: every problem with counts and examples, exit 2', async () => {
    const person = readFileSync(p('person.csv'), 'utf8').replace('\n1,2,2,31,', '\n1,2,5,31,').replace('\n2,2,2,9,', '\n2,2,5,9,').replace(',608,PH,', ',608,QQ,');
    writeFileSync(p('person.csv'), person);
    const r = await run(['check', p('person.csv'), '-p', p('wave.yaml'), ...tablesArgs()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`error {3}${p('base.yaml')}:\\d+:\\d+: tables\\.person\\.variables\\.sex: ${p('person.csv')} column "B4": 2 rows with values that are not known codes of sex: 5 \\(2 rows: 2, 4\\); allowed: M, F, O, not-stated`));
    expect(r.stdout).toContain('tables.person.variables.citizenship');
    expect(r.stdout).toContain('"QQ" (1 row: 1)');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 errors, 0 warnings');
    expect(r.stderr).toContain(`migstat: profile check: 2 errors in the data for ${p('wave.yaml')} (listed above)`);
  });

  it('an invalid profile: its problems with file and position, exit 2', async () => {
    writeFileSync(p('bad.yaml'), 'extends: base.yaml\nsurvey:\n  country: Philippines\ntables:\n  person:\n    variables:\n      sexe: B4\n');
    const r = await run(['check', p('person.csv'), '-p', p('bad.yaml'), ...tablesArgs()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${p('bad.yaml')}:3:3: survey.country: expected the ISO 3166-1 alpha-3 code`);
    expect(r.stdout).toContain(`${p('bad.yaml')}:7:7: tables.person.variables.sexe: unknown key "sexe"; allowed keys: household_id, person_id,`);
    expect(r.stderr).toContain(`profile ${p('bad.yaml')} is invalid: 2 problems (listed above)`);
  });

  it('usage: a table of the profile without data, a table it does not have', async () => {
    const r = await run(['check', p('person.csv'), '-p', p('wave.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('maps tables "household", "absent", "costs" too: give each as --table NAME=FILE');
    const r2 = await run(['check', p('person.csv'), '-p', p('wave.yaml'), ...tablesArgs(), '--table', 'hh=x.csv']);
    expect(r2.stderr).toContain('has no table "hh"; its tables: person, household, absent, costs');
  });
});

describe('migstat profile apply', () => {
  it('writes the standard table, the linked cost items and the log', async () => {
    const r = await run(['apply', p('person.csv'), '-p', p('wave.yaml'), ...tablesArgs(), '-o', p('std.csv'), '--log', p('log.json')]);
    expect(r.code).toBe(0);
    expect(files()).toEqual([...before, 'log.json', 'std.costs.csv', 'std.csv'].sort());
    const std = readFileSync(p('std.csv'), 'utf8').split('\n');
    expect(std[0]).toBe('record,household_id,person_id,region,urban_rural,sex,age,country_of_birth,citizenship,country_of_usual_residence,reason_for_migration,worked_for_pay_or_profit,temporary_absence,job_search_4_weeks,available,wants_more_hours,hours_actual,occupation_isco08,industry_isic4,status_icse93,education_isced11,weight,strata,psu1');
    expect(std[1]).toBe('person,1,1,North,urban,M,34,PHL,PHL,,,yes,,,,no,40,2411,64,1,6,100.5,1,11');
    expect(std[13]).toBe('absent_member,4,3,South,urban,F,33,,,HKG,family,,,,,,,,,,,,2,22');
    expect(readFileSync(p('std.costs.csv'), 'utf8')).toBe('household_id,person_id,cost_item,cost_amount,cost_currency\n1,1,fee,5000,PHP\n1,1,visa,1200,PHP\n3,1,fee,3000,PHP\n');
    const log = JSON.parse(readFileSync(p('log.json'), 'utf8'));
    expect(log).toMatchObject({ rows: 13, estimate: { weight: 'weight', strata: 'strata', psu: ['psu1'], lonelyPsu: 'adjust' } });
  });

  it('the log goes to standard error without --log', async () => {
    const r = await run(['apply', p('person.csv'), '-p', p('wave.yaml'), ...tablesArgs(), '-o', p('std.csv')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stderr).log.length).toBeGreaterThan(20);
  });

  it('an unknown code under error: exit 2, the profile file, position, key, value and allowed codes, no output', async () => {
    writeFileSync(p('person.csv'), readFileSync(p('person.csv'), 'utf8').replace('\n1,2,2,31,', '\n1,2,7,31,'));
    const r = await run(['apply', p('person.csv'), '-p', p('wave.yaml'), ...tablesArgs(), '-o', p('std.csv'), '--log', p('log.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${p('base.yaml')}:\\d+:\\d+: tables\\.person\\.variables\\.sex: .*column "B4": 1 row with values that are not known codes of sex: 7 \\(1 row: 2\\); allowed: M, F, O, not-stated`));
    expect(files()).toEqual(before);
  });

  it('a profile naming a missing column: exit 2, no output', async () => {
    writeFileSync(p('wave2.yaml'), 'extends: base.yaml\ntables:\n  person:\n    variables:\n      hours_usual: HRS_U\n');
    const r = await run(['apply', p('person.csv'), '-p', p('wave2.yaml'), ...tablesArgs(), '-o', p('std.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p('wave2.yaml')}:5:20: tables.person.variables.hours_usual.from: column "HRS_U" is not in ${p('person.csv')}; columns are: hhid, line, B4,`);
    expect(files()).toEqual([...before, 'wave2.yaml'].sort());
  });

  it('an invalid profile: exit 2, no output', async () => {
    writeFileSync(p('wave3.yaml'), 'extends: base.yaml\nlabour_force: null\n');
    const r = await run(['apply', p('person.csv'), '-p', p('wave3.yaml'), ...tablesArgs(), '-o', p('std.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('labour_force.underemployment_hours_threshold is required because labour force items are mapped');
    expect(existsSync(p('std.csv'))).toBe(false);
  });
});
