import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { designFromOptions } from '../../src/pipeline/design-options.js';
import { parseCsv, readCsv } from '../../src/io/csv.js';
import { readTable } from '../../src/io/read.js';
import type { Table } from '../../src/io/table.js';
import { applyProfile, mapProfile } from '../../src/profile/apply.js';
import { ProfileError } from '../../src/profile/errors.js';
import { loadProfile } from '../../src/profile/load.js';
import { estimate } from '../../src/survey/estimate.js';
import { fixtures, minimal, tempDir, write } from './support.js';

/** A column's values as plain JS (codes as text, NaN and missing as null). */
function values(t: Table, name: string): unknown[] {
  const c = t.column(name);
  return Array.from({ length: t.nrows }, (_, i) => (c.kind === 'number' ? (Number.isNaN(c.values[i]!) ? null : c.values[i]) : c.codes[i]! < 0 ? null : c.levels[c.codes[i]!]));
}

const data = (): Record<string, Table> => ({
  person: readCsv(join(fixtures, 'person.csv')),
  household: readCsv(join(fixtures, 'household.csv')),
  absent: readCsv(join(fixtures, 'absent.csv')),
  costs: readCsv(join(fixtures, 'costs.csv')),
});

describe('applyProfile: person + household + absent members + cost items', () => {
  const loaded = loadProfile(join(fixtures, 'wave.yaml'));
  const r = applyProfile(loaded, data());
  const t = r.table;

  it('stacks persons then absent members, with household variables joined on household_id', () => {
    expect(t.nrows).toBe(13);
    expect(values(t, 'record')).toEqual([...Array(10).fill('person'), 'absent_member', 'absent_member', 'absent_member']);
    expect(values(t, 'household_id')).toEqual(['1', '1', '2', '2', '3', '3', '4', '4', '5', '5', '1', '2', '4']);
    expect(values(t, 'person_id')).toEqual(['1', '2', '1', '2', '1', '2', '1', '2', '1', '2', '3', '3', '3']);
    expect(values(t, 'region')).toEqual(['North', 'North', 'North', 'North', 'South', 'South', 'South', 'South', 'South', 'South', 'North', 'North', 'South']);
    expect(values(t, 'urban_rural')).toEqual(['urban', 'urban', 'rural', 'rural', 'urban', 'urban', 'urban', 'urban', 'rural', 'rural', 'urban', 'rural', 'urban']);
  });

  it('recodes each table with its own mapping', () => {
    expect(values(t, 'sex')).toEqual(['M', 'F', 'M', 'F', 'F', 'M', 'M', 'F', 'M', 'F', 'F', 'M', 'F']);
    expect(values(t, 'age')).toEqual([34, 31, 45, 9, 28, 60, null, 25, 52, 50, 29, 40, 33]);
    expect(values(t, 'country_of_birth').slice(0, 10)).toEqual(['PHL', 'PHL', 'IND', 'IND', 'VNM', 'PHL', 'PHL', 'PHL', 'USA', 'USA']);
    expect(values(t, 'citizenship').slice(10)).toEqual([null, null, null]);
    expect(values(t, 'country_of_usual_residence')).toEqual([...Array(10).fill(null), 'SAU', 'ARE', 'HKG']);
    expect(values(t, 'reason_for_migration')).toEqual([null, null, 'work-job-found', 'family', 'work-job-found', null, null, null, 'study', 'family', 'work-job-found', 'work-job-found', 'family']);
    expect(values(t, 'occupation_isco08').slice(0, 3)).toEqual(['2411', null, '7112']);
    expect(t.names).not.toContain('year_of_arrival');
  });

  it('carries the design under standard names, household design columns joined, with the estimate options', () => {
    expect(t.names.slice(-3)).toEqual(['weight', 'strata', 'psu1']);
    expect(values(t, 'weight')).toEqual([100.5, 100.5, 120, 120, 95, 95, 110, 110, 80, 80, null, null, null]);
    expect(values(t, 'strata')).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 2]);
    expect(r.estimateOptions).toEqual({ weight: 'weight', strata: 'strata', psu: ['psu1'], lonelyPsu: 'adjust' });
  });

  it('labels the standard columns', () => {
    expect(t.meta.columns?.get('sex')).toMatchObject({ label: 'Sex', type: 'string', valueLabels: [{ value: 'M', label: 'Male' }, { value: 'F', label: 'Female' }, { value: 'O', label: 'Other' }, { value: 'not-stated', label: 'Not stated' }] });
    expect(t.meta.columns?.get('country_of_birth')?.valueLabels).toContainEqual({ value: 'VNM', label: 'Viet Nam' });
    expect(t.meta.columns?.get('age')).toMatchObject({ type: 'numeric' });
  });

  it('keeps cost items as a linked table keyed by the persons\' identifiers', () => {
    const costs = r.linked.costs!;
    expect(costs.names).toEqual(['household_id', 'person_id', 'cost_item', 'cost_amount', 'cost_currency']);
    expect(values(costs, 'cost_amount')).toEqual([5000, 1200, 3000]);
    expect(values(costs, 'cost_currency')).toEqual(['PHP', 'PHP', 'PHP']);
    expect(r.joins).toEqual([
      { table: 'household', role: 'household', rows: 5, matched: 13, unmatched: 0, duplicateKeys: 0 },
      { table: 'costs', role: 'cost_item', rows: 3, matched: 3, unmatched: 0, duplicateKeys: 0 },
    ]);
  });

  it('logs what each mapping did, with counts and examples', () => {
    const sex = r.log.find((e) => e.table === 'person' && e.variable === 'sex')!;
    expect(sex).toMatchObject({ column: 'B4', rows: 10, kept: 0, recoded: 10, missing: 0, setMissing: 0, rejected: 0, unknown: 'error' });
    expect(sex.examples).toEqual([{ outcome: 'recoded', value: 1, to: 'M', count: 5, rows: [1, 3, 6, 7, 9] }, { outcome: 'recoded', value: 2, to: 'F', count: 5, rows: [2, 4, 5, 8, 10] }]);
    expect(r.log.find((e) => e.variable === 'age' && e.table === 'person')).toMatchObject({ kept: 9, setMissing: 1 });
    expect(r.log.find((e) => e.variable === 'cost_currency')).toMatchObject({ column: null, kept: 3 });
    expect(r.problems).toEqual([]);
  });

  it('the design options build a survey design on the standard table (persons of a profile without absent members)', () => {
    const dir = tempDir();
    const p = write(dir, { 'p.yaml': 'extends: ' + join(fixtures, 'base.yaml') + '\ntables:\n  absent: null\n  costs: null\n' });
    const d = data();
    const res = applyProfile(loadProfile(p), { person: d.person!, household: d.household! });
    const design = designFromOptions(res.table, res.estimateOptions!);
    const est = estimate(design, [{ statistic: 'proportion', variable: 'sex' }], {});
    expect(est.results.map((x) => [x.level, x.n])).toEqual([['F', 10], ['M', 10]]);
    expect(est.results[0]!.estimate).toBeCloseTo((100.5 + 120 + 95 + 110 + 80) / (2 * (100.5 + 120 + 95 + 110 + 80)), 12);
    expect(est.design).toMatchObject({ strata: 2 });
  });
});

describe('applyProfile: errors name the profile file and position, the key, the data file, values, rows and what is allowed', () => {
  const profileText = minimal.replace('age: B5', 'age: { from: B5, missing: [98] }\n      household_id: hh\n      person_id: ln') + '  households:\n    role: household\n    variables: { household_id: hh, region: reg }\n';
  const person = (text: string) => parseCsv(text, 'person.csv');
  const households = parseCsv('hh,reg\n1,N\n2,S\n', 'hh.csv');

  it('an unknown code under unknown: error', () => {
    const p = loadProfile(write(tempDir(), { 'p.yaml': profileText }));
    const e = (() => {
      try {
        applyProfile(p, { person: person('hh,ln,B4,B5\n1,1,1,30\n1,2,3,31\n2,1,2,98\n2,2,3,40\n2,3,X,41\n'), households });
      } catch (err) {
        return err as ProfileError;
      }
      throw new Error('no error');
    })();
    expect(e).toBeInstanceOf(ProfileError);
    expect(e.message).toContain(`${p.source}:8:7: tables.person.variables.sex: person.csv column "B4": 3 rows with values that are not known codes of sex: "3" (2 rows: 2, 4), "X" (1 row: 5); allowed: M, F, O, not-stated (map them, declare them missing, or set unknown: not-stated)`);
    expect(e.problems[0]).toMatchObject({ kind: 'unknown-value', count: 3, examples: [{ row: 2, value: '3' }, { row: 5, value: 'X' }], column: 'B4', source: 'person.csv' });
  });

  it('a missing column, a duplicate person, a person without a household: all at once', () => {
    const p = loadProfile(write(tempDir(), { 'p.yaml': profileText.replace('from: B4', 'from: SEX') }));
    const r = mapProfile(p, { person: person('hh,ln,B4,B5\n1,1,1,30\n1,1,2,31\n3,1,2,40\n'), households });
    expect(r.problems.map((x) => `${x.where.replace(/^.*\//, '')} ${x.key}: ${x.message}`)).toEqual([
      'p.yaml:8:14 tables.person.variables.sex.from: column "SEX" is not in person.csv; columns are: hh, ln, B4, B5',
      'p.yaml:11:7 tables.person.variables.person_id: person.csv: 1 row repeats a household_id/person_id of an earlier row: row 2 repeats 1/1 of row 1; each person must have one row',
      'p.yaml:12:3 tables.households: 1 person/member row has no household in hh.csv: person row 3 (household_id 3); set unmatched: missing to keep them with missing household variables',
    ]);
    expect(() => applyProfile(p, { person: person('hh,ln,B4,B5\n1,1,1,30\n'), households })).toThrow(/column "SEX" is not in person.csv/);
  });

  it('unmatched: missing keeps the persons with missing household variables, as a warning', () => {
    const p = loadProfile(write(tempDir(), { 'p.yaml': profileText.replace('role: household', 'role: household\n    unmatched: missing') }));
    const r = applyProfile(p, { person: person('hh,ln,B4,B5\n1,1,1,30\n3,1,2,40\n'), households });
    expect(values(r.table, 'region')).toEqual(['N', null]);
    expect(r.problems.map((x) => [x.severity, x.kind, x.count])).toEqual([['warning', 'unmatched-key', 1]]);
  });

  it('duplicate household rows, and data for tables the profile does not declare or lacks', () => {
    const p = loadProfile(write(tempDir(), { 'p.yaml': profileText }));
    const r = mapProfile(p, { person: person('hh,ln,B4,B5\n1,1,1,30\n'), households: parseCsv('hh,reg\n1,N\n1,S\n', 'hh.csv') });
    expect(r.problems.filter((x) => x.severity === 'error').map((x) => x.message)).toEqual(['hh.csv: 1 row repeats a household_id of an earlier row: row 2 repeats 1 of row 1; each household must have one row']);
    const r2 = mapProfile(p, { person: person('hh,ln,B4,B5\n1,1,1,30\n'), hh: households });
    expect(r2.problems.map((x) => x.message)).toEqual([
      'no data given for table "households" (role household); tables given: person, hh',
      'data given for table "hh", which the profile does not declare; its tables: person, households',
    ]);
  });

  it('missing identifiers, design columns that are absent or not numeric', () => {
    const p = loadProfile(write(tempDir(), { 'p.yaml': profileText + 'design:\n  weight: W\n  strata: { table: households, column: st }\n' }));
    const r = mapProfile(p, { person: person('hh,ln,B4,B5,W\n1,1,1,30,x\n1,,2,31,2\n'), households });
    expect(r.problems.map((x) => x.message)).toEqual([
      'person.csv column "ln": 1 row without person_id; identifiers must be complete',
      'column "W" of person.csv must be numeric (sampling weight); it has values such as "x"',
      'column "st" is not in hh.csv; columns are: hh, reg',
    ]);
  });
});

describe('mapProfile on a register profile', () => {
  it('says that registers are read by migstat admin (no person table), instead of failing', async () => {
    const dir = new URL('../../datasets/atlantis-permits/', import.meta.url).pathname;
    const loaded = loadProfile(`${dir}profile_work_permits.yaml`);
    const name = Object.keys(loaded.profile.tables)[0]!;
    const result = mapProfile(loaded, { [name]: await readTable(`${dir}work_permits.csv`) });
    expect(result.problems.map((p) => p.message)).toEqual([expect.stringMatching(/register profile .* read them with `migstat admin`/)]);
  });
});
