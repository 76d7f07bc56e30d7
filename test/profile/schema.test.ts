import { describe, expect, it } from 'vitest';
import { LONELY_PSU_RULES as SURVEY_LONELY_PSU_RULES } from '../../src/survey/design.js';
import { loadProfile, profileFromObject } from '../../src/profile/load.js';
import { LONELY_PSU_RULES } from '../../src/profile/schema.js';
import { STANDARD_VARIABLES, TABLE_ROLES } from '../../src/profile/variables.js';
import { minimal, profileError, tempDir, write } from './support.js';

const load = (text: string, name = 'p.yaml') => loadProfile(write(tempDir(), { [name]: text }));

describe('profile schema: a valid profile', () => {
  it('loads with shorthand mappings expanded and defaults applied', () => {
    const p = load(minimal);
    expect(p.profile.tables.person!.variables.age).toEqual({ from: 'B5' });
    expect(p.profile.tables.person!.variables.sex).toEqual({ from: 'B4', map: { 1: 'M', 2: 'F' } });
    expect(p.profile.survey).toEqual({ country: 'PHL', reference_period: '2024Q1' });
    expect(p.profile.informality).toEqual({ standard: 'ICLS21' });
    expect(load(minimal + 'informality: { standard: ICLS17 }\n').profile.informality).toEqual({ standard: 'ICLS17' });
  });

  it('reads JSON too, with positions', () => {
    const dir = tempDir();
    const file = write(dir, { 'p.json': JSON.stringify({ survey: { country: 'PHL', reference_period: 2024 }, tables: { person: { role: 'person', variables: { sex: { from: 'B4', mapp: {} } } } } }, null, 2) });
    const e = profileError(() => loadProfile(file));
    expect(e.message).toContain(`${file}:12:11: tables.person.variables.sex.mapp: unknown key "mapp"; allowed keys: from, value, missing, missing_range, file_missing, unknown, note, by, map, ranges, pad`);
  });
});

describe('profile schema: errors name the file, the position, the key and what is allowed', () => {
  it('an unknown top-level key', () => {
    const file = write(tempDir(), { 'p.yaml': minimal + 'desing: {}\n' });
    const e = profileError(() => loadProfile(file));
    expect(e.problems).toHaveLength(1);
    expect(e.message).toContain(`${file}:10:1: desing: unknown key "desing"; allowed keys: migstat_profile, name, description, extends, survey, tables, design, labour_force, informality`);
  });

  it('an unknown standard variable lists the variables allowed in that table', () => {
    const e = profileError(() => load(minimal + '      sexx: B9\n'));
    expect(e.message).toMatch(/p\.yaml:10:7: tables\.person\.variables\.sexx: unknown key "sexx"; allowed keys: household_id, person_id, region, urban_rural, sex, age_group, age, /);
  });

  it('a person variable in a household table is not allowed there', () => {
    const e = profileError(() => load(minimal + '  hh:\n    role: household\n    variables:\n      household_id: id\n      sex: S\n'));
    expect(e.message).toContain('tables.hh.variables.sex: unknown key "sex"; allowed keys: household_id, region, urban_rural');
  });

  it('a bad type, a bad enum value, a bad country', () => {
    const text = minimal.replace('PHL', 'Philippines').replace('age: B5', 'age: { from: 5 }\n      sex_x: 1').replace('sex_x: 1', 'sex: { from: B4, unknown: ignore }');
    const e = profileError(() => load(text.replace('      sex: { from: B4, map: { 1: M, 2: F } }\n', '')));
    const lines = e.problems.map((p) => `${p.where.replace(/^.*\//, '')} ${p.key}: ${p.message}`);
    expect(lines).toContain('p.yaml:2:3 survey.country: expected the ISO 3166-1 alpha-3 code (upper case) of a country of the UN M49 list, e.g. PHL');
    expect(lines).toContain('p.yaml:8:14 tables.person.variables.age.from: Invalid input: expected string, received number');
    expect(lines).toContain('p.yaml:9:24 tables.person.variables.sex.unknown: Invalid option: expected one of "error"|"not-stated"');
  });

  it('a map target that is not a standard code names the variable and its codes', () => {
    const e = profileError(() => load(minimal.replace('2: F', '2: Female')));
    expect(e.message).toMatch(/p\.yaml:8:37: tables\.person\.variables\.sex\.map\.2: source value "2" maps to "Female" is not a code of sex; allowed: M, F, O, not-stated/);
  });

  it('a missing required key', () => {
    const e = profileError(() => load(minimal.replace('  reference_period: 2024Q1\n', '')));
    expect(e.message).toMatch(/p\.yaml:1:1: survey\.reference_period: missing: a value is required \(expected a period code/);
    const e2 = profileError(() => load(minimal.replace('    role: person\n', '')));
    expect(e2.message).toMatch(/tables\.person\.role: .*person.*household.*absent_member.*cost_item/);
  });

  it('all problems are reported at once', () => {
    const e = profileError(() => load(minimal.replace('PHL', 'XXX').replace('2024Q1', '2024Q5') + '      age_band: x\n'));
    expect(e.problems.map((p) => p.key)).toEqual(['survey.country', 'survey.reference_period', 'tables.person.variables.age_band']);
    expect(e.problems[1]!.message).toMatch(/expected a period code \(2024, 2024Q1, 2024M03\)/);
    expect(e.message.split('\n')[0]).toMatch(/profile .*p\.yaml: 3 problems/);
  });

  it('mapping both from: and value:, or neither', () => {
    const e = profileError(() => load(minimal.replace('age: B5', 'age: { from: B5, value: 3 }\n      sex: { map: { 1: M } }').replace('      sex: { from: B4, map: { 1: M, 2: F } }\n', '')));
    expect(e.problems.map((p) => `${p.key}: ${p.message}`)).toEqual([
      'tables.person.variables.age: give either from: (the source column) or value: (a constant) for age',
      'tables.person.variables.sex: give either from: (the source column) or value: (a constant) for sex',
    ]);
  });

  it('overlapping or empty ranges', () => {
    const e = profileError(() => load(minimal.replace('age: B5', 'age_group: { from: B5, ranges: [{ min: 0, max: 14, to: "0-14" }, { min: 14, max: 24, to: "15-24" }, { to: x }] }')));
    expect(e.problems.map((p) => `${p.key}: ${p.message}`)).toEqual([
      'tables.person.variables.age_group.ranges.1: overlaps range 1 (0 to 14); ranges include both ends and must not overlap',
      'tables.person.variables.age_group.ranges.2: a range needs min:, max: or both',
    ]);
  });
});

describe('profile schema: rules across keys', () => {
  const lf = minimal + '      wants_more_hours: { from: W, map: { 1: "yes", 2: "no" } }\n      hours_actual: H\n';

  it('the underemployment hours threshold is required when labour force items are mapped, with no default', () => {
    const file = write(tempDir(), { 'p.yaml': lf });
    const e = profileError(() => loadProfile(file));
    expect(e.problems.map((p) => p.key)).toEqual(['(top level)', '(top level)']);
    expect(e.message).toContain(`${file}:1:1: (top level): labour_force.underemployment_hours_threshold is required because labour force items are mapped (wants_more_hours, hours_actual)`);
    expect(e.message).toContain('labour_force.underemployment_hours is required');
    const e2 = profileError(() => load(lf + 'labour_force:\n  underemployment_hours: usual\n'));
    expect(e2.message).toMatch(/p\.yaml:12:1: labour_force: labour_force\.underemployment_hours_threshold is required/);
    expect(load(lf + 'labour_force: { underemployment_hours_threshold: 35, underemployment_hours: usual }\n').profile.labour_force?.underemployment_hours_threshold).toBe(35);
  });

  it('a derived labour force status needs the standard it was derived by', () => {
    const e = profileError(() => load(minimal + '      labour_force_status: { from: LF, map: { 1: employed, 2: unemployed, 3: outside } }\n'));
    expect(e.message).toContain('labour_force.status_standard is required because labour_force_status is mapped');
  });

  it('exactly one person table; join keys present; one source per variable', () => {
    expect(profileError(() => load(minimal.replace('role: person', 'role: absent_member'))).message).toContain('a profile has exactly one table with role: person (found 0)');
    const e = profileError(() => load(minimal + '  hh:\n    role: household\n    variables: { region: R }\n  costs:\n    role: cost_item\n    variables: { cost_amount: A }\n'));
    expect(e.problems.map((p) => `${p.key}: ${p.message}`)).toEqual([
      'tables.person.variables: the person table needs household_id to be joined with household table "hh"',
      'tables.hh.variables: a household table needs household_id (the key it is joined on)',
      'tables.costs.variables: a cost_item table and the person table both need person_id (the key cost items are linked on)',
    ]);
    const twice = profileError(() => load(minimal.replace('age: B5', 'age: B5\n      household_id: H\n      region: R') + '  hh:\n    role: household\n    variables: { household_id: H, region: R }\n'));
    expect(twice.message).toMatch(/tables\.hh\.variables\.region: region is mapped in table "person" too/);
  });

  it('design: tables of column references, replicate weights one way, calibration on mapped variables', () => {
    const e = profileError(() =>
      load(minimal + 'design:\n  weight: { table: hh, column: w }\n  replicate_weights: { type: JK1 }\n  replicates: { type: bootstrap }\n  calibration: { method: rake, variables: [sex, region], pop_totals: m.csv }\n'),
    );
    expect(e.problems.map((p) => `${p.key}: ${p.message}`)).toEqual([
      'design.weight.table: table "hh" is not a person or household table of this profile; allowed: person',
      'design.replicate_weights: give either columns: or regex: for the replicate weights',
      'design.replicates: give either replicate_weights (read from the file) or replicates (generated from the design), not both',
      'design.calibration.variables.1: region is not mapped in the person or a household table, so the standard table has no such column',
    ]);
    expect(profileError(() => load(minimal + 'design: { lonely_psu: drop }\n')).message).toContain('design.lonely_psu: Invalid option: expected one of "fail"|"remove"|"adjust"|"average"|"certainty"');
  });
});

describe('profile schema: the lists it mirrors', () => {
  it('lonely-PSU rules are those of the survey layer', () => {
    expect([...LONELY_PSU_RULES]).toEqual([...SURVEY_LONELY_PSU_RULES]);
  });

  it('every standard variable has a unique name, a role and a description; the README lists them all', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../src/profile/README.md', import.meta.url), 'utf8');
    expect(new Set(STANDARD_VARIABLES.map((v) => v.name)).size).toBe(STANDARD_VARIABLES.length);
    for (const v of STANDARD_VARIABLES) {
      expect(v.roles.every((r) => TABLE_ROLES.includes(r)), v.name).toBe(true);
      expect(v.description.length, v.name).toBeGreaterThan(2);
      expect(readme, v.name).toContain(`\`${v.name}\``);
    }
  });

  it('the example profile of the README validates', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../src/profile/README.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!.replace(/^extends: .*\n/m, '');
    const p = load(example);
    expect(Object.keys(p.profile.tables)).toEqual(['person', 'household', 'absent', 'costs']);
    expect(p.profile.labour_force).toEqual({ underemployment_hours_threshold: 40, underemployment_hours: 'actual' });
  });

  it('an in-memory profile validates the same way', () => {
    expect(profileFromObject({ survey: { country: 'PHL', reference_period: { start: '2024-01-01', end: '2024-03-31' } }, tables: { p: { role: 'person' } } }).profile.tables.p!.variables).toEqual({});
    const e = profileError(() => profileFromObject({ survey: { country: 'PHL', reference_period: { start: '2024-02-30', end: '2024-03-31' } }, tables: { p: { role: 'person' } } }, 'mem'));
    expect(e.message).toContain('mem: survey.reference_period.start: expected a date YYYY-MM-DD');
  });
});
