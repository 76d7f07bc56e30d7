import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profile/load.js';
import { fixtures, minimal, profileError, tempDir, write } from './support.js';

describe('extends: a wave completes its base profile', () => {
  const wave = loadProfile(join(fixtures, 'wave.yaml'));
  const base = loadProfile(join(fixtures, 'base.yaml'));

  it('records the files read, the profile first', () => {
    expect(wave.files).toEqual([join(fixtures, 'wave.yaml'), join(fixtures, 'base.yaml')]);
    expect(base.files).toEqual([join(fixtures, 'base.yaml')]);
  });

  it('merges objects key by key: the wave sets the period, keeps the rest of survey and the other tables', () => {
    expect(wave.profile.survey).toEqual({ name: 'Example labour force survey', country: 'PHL', reference_period: '2024Q1' });
    expect(base.profile.survey.reference_period).toBe('2024');
    expect(Object.keys(wave.profile.tables)).toEqual(['person', 'household', 'absent', 'costs']);
    expect(wave.profile.tables.household).toEqual(base.profile.tables.household);
    expect(wave.profile.design).toEqual(base.profile.design);
  });

  it('replaces a mapping whole, and null removes an inherited mapping', () => {
    expect(wave.profile.tables.person!.variables.reason_for_migration).toEqual({ from: 'reason', map: { 1: 'work-job-found', 2: 'family', 3: 'study' }, unknown: 'not-stated' });
    expect(base.profile.tables.person!.variables.year_of_arrival).toEqual({ from: 'arr_year' });
    expect(wave.profile.tables.person!.variables.year_of_arrival).toBeUndefined();
    expect(wave.profile.tables.person!.variables.sex).toEqual(base.profile.tables.person!.variables.sex);
  });

  it('a design entry is replaced whole (a column reference loses the parent\'s table)', () => {
    const dir = tempDir();
    write(dir, { 'base.yaml': minimal + '  hh:\n    role: household\n    variables: { household_id: h }\ndesign:\n  weight: { table: hh, column: w }\n  nest: true\n' });
    const child = write(dir, { 'child.yaml': 'extends: base.yaml\ndesign:\n  weight: pw\n' });
    expect(() => loadProfile(child)).toThrow(/needs household_id/);
    write(dir, { 'base.yaml': minimal.replace('age: B5', 'age: B5\n      household_id: h') + '  hh:\n    role: household\n    variables: { household_id: h }\ndesign:\n  weight: { table: hh, column: w }\n  nest: true\n' });
    expect(loadProfile(child).profile.design).toEqual({ weight: { column: 'pw' }, nest: true });
  });

  it('locates a problem in the file that set the key', () => {
    const dir = tempDir();
    write(dir, { 'base.yaml': minimal.replace('2: F', '2: W') });
    const child = write(dir, { 'child.yaml': 'extends: base.yaml\nsurvey:\n  country: ZZZ\n' });
    const e = profileError(() => loadProfile(child));
    expect(e.problems.map((p) => `${p.where}: ${p.key}`)).toEqual([`${join(dir, 'base.yaml')}:8:37: tables.person.variables.sex.map.2`, `${child}:3:3: survey.country`]);
  });

  it('resolves paths relative to the file that names them', () => {
    const dir = tempDir();
    write(dir, { 'base.yaml': minimal + 'design:\n  calibration: { method: poststratify, variables: [sex], pop_totals: margins/2024.csv }\n' });
    const sub = join(dir, 'waves');
    mkdirSync(sub, { recursive: true });
    const child = write(sub, { 'q1.yaml': 'extends: ../base.yaml\n' });
    expect(loadProfile(child).profile.design!.calibration!.pop_totals).toBe(join(dir, 'margins/2024.csv'));
  });
});

describe('extends: errors', () => {
  it('a cycle names the chain and where the loop closes', () => {
    const e = profileError(() => loadProfile(join(fixtures, 'cycle-a.yaml')));
    expect(e.message).toContain(`${join(fixtures, 'cycle-b.yaml')}:1:1: extends: extends cycle: ${join(fixtures, 'cycle-a.yaml')} -> ${join(fixtures, 'cycle-b.yaml')} -> ${join(fixtures, 'cycle-a.yaml')}`);
  });

  it('a profile extending itself', () => {
    const file = write(tempDir(), { 'p.yaml': 'extends: p.yaml\n' });
    expect(() => loadProfile(file)).toThrow(/extends cycle: .*p\.yaml -> .*p\.yaml/);
  });

  it('a missing parent names the file and the extends key', () => {
    const dir = tempDir();
    const file = write(dir, { 'p.yaml': '# wave\nextends: nowhere.yaml\n' });
    const e = profileError(() => loadProfile(file));
    expect(e.message).toContain(`${file}:2:1: extends: cannot read "${join(dir, 'nowhere.yaml')}" (ENOENT)`);
  });

  it('a bad extends value, a missing profile, YAML syntax errors and duplicate keys', () => {
    const dir = tempDir();
    expect(() => loadProfile(write(dir, { 'a.yaml': 'extends: [x]\n' }))).toThrow(/a\.yaml:1:1: extends: expected the path of the profile this one extends/);
    expect(() => loadProfile(join(dir, 'none.yaml'))).toThrow(/none\.yaml: \(file\): cannot read the profile \(ENOENT\)/);
    const e = profileError(() => loadProfile(write(dir, { 'b.yaml': 'survey:\n  country: PHL\n  country: DEU\ntables: [\n' })));
    expect(e.problems[0]!.where).toBe(`${join(dir, 'b.yaml')}:3:3`);
    expect(e.problems[0]!.message).toMatch(/Map keys must be unique/);
    expect(() => loadProfile(write(dir, { 'c.yaml': '- a\n- b\n' }))).toThrow(/c\.yaml:1:1: \(top level\): a profile is a mapping of keys/);
  });

  it('YAML tags make no objects: a profile never runs code', () => {
    const file = write(tempDir(), { 'p.yaml': minimal.replace('age: B5', 'age: !!js/function "function () { return 1 }"') });
    const e = profileError(() => loadProfile(file));
    expect(e.problems).toHaveLength(1);
    expect(e.message).toMatch(/p\.yaml:9:12: \(syntax\): Unresolved tag: tag:yaml.org,2002:js\/function/);
  });
});
