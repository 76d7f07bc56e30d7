import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readCsv } from '../../src/io/csv.js';
import { type Column, type ColumnMeta, Table } from '../../src/io/table.js';
import { draftProfile } from '../../src/profile/init.js';
import { profileFromObject } from '../../src/profile/load.js';
import { fixtures, profileError } from './support.js';

/** A parsed draft. */
interface Yaml {
  survey: unknown;
  design?: unknown;
  labour_force?: unknown;
  tables: Record<string, { variables: Record<string, unknown> }>;
}

/** A small labelled table, as read from a .sav file. */
function labelled(): Table {
  const num = (xs: number[]): Column => ({ kind: 'number', values: Float64Array.from(xs) });
  const cols = new Map<string, Column>([
    ['hhid', num([1, 1, 2])],
    ['q4', num([1, 2, 9])],
    ['q5', num([30, 31, 98])],
    ['q7', num([1, 2, 3])],
    ['q8', num([1, 2, 1])],
    ['q20', num([1, 2, 1])],
    ['q21', num([40, 20, 0])],
    ['wgt', num([10, 10, 12])],
    ['x9', num([1, 1, 1])],
  ]);
  const meta = new Map<string, ColumnMeta>([
    ['q4', { label: 'Sex of respondent', valueLabels: [{ value: 1, label: 'Male' }, { value: 2, label: 'Female' }, { value: 9, label: "Don't know" }] }],
    ['q5', { label: 'Age in completed years', valueLabels: [{ value: 98, label: 'DK' }] }],
    ['q7', { label: 'Country of birth', valueLabels: [{ value: 1, label: 'Philippines' }, { value: 2, label: 'Viet Nam' }, { value: 3, label: 'Other Asia' }] }],
    ['q8', { label: 'Country of citizenship', valueLabels: [{ value: 1, label: 'Philippines' }, { value: 2, label: 'Vietnam' }] }],
    ['q20', { label: 'Did you work for pay or profit last week?', valueLabels: [{ value: 1, label: 'Yes' }, { value: 2, label: 'No' }] }],
    ['q21', { label: 'Hours actually worked last week' }],
    ['x9', { label: 'Interviewer code' }],
  ]);
  return new Table([...cols.keys()], cols, 3, 'lfs.sav', { columns: meta });
}

describe('profile init: a draft from names, labels and value labels', () => {
  const text = draftProfile(labelled());
  const draft = parse(text) as Yaml;
  const vars = draft.tables.person!.variables;

  it('guesses variables by name and label, codes by value labels, missing codes by their labels', () => {
    expect(vars.household_id).toBe('hhid');
    expect(vars.sex).toEqual({ from: 'q4', map: { 1: 'M', 2: 'F' }, missing: [9] });
    expect(vars.age).toEqual({ from: 'q5', missing: [98] });
    expect(vars.worked_for_pay_or_profit).toEqual({ from: 'q20', map: { 1: 'yes', 2: 'no' } });
    expect(vars.hours_actual).toBe('q21');
    expect(draft.design).toEqual({ weight: 'wgt' });
  });

  it('countries: labels that all name countries are looked up by label; others get a map with TODOs', () => {
    expect(vars.citizenship).toEqual({ from: 'q8', by: 'label', country: 'name' });
    expect(vars.country_of_birth).toEqual({ from: 'q7', map: { 1: 'PHL', 2: 'VNM', 3: 'TODO' } });
    expect(text).toContain('"3": TODO # "Other Asia"');
  });

  it('leaves what a person must decide as TODO: survey, the hours threshold, unmapped columns', () => {
    expect(draft.survey).toEqual({ country: null, reference_period: null });
    expect(draft.labour_force).toEqual({ underemployment_hours_threshold: null, underemployment_hours: null });
    expect(text).toMatch(/underemployment_hours_threshold: null # TODO: required because labour force items are mapped \(worked_for_pay_or_profit, hours_actual\)/);
    expect(text).toContain('# q4 "Sex of respondent": guessed from the label');
    expect(text).toContain('# Columns not mapped (map them to a standard variable, or leave them out):\n#   x9 "Interviewer code"');
  });

  it('the draft fails validation until completed, naming each TODO, then validates', () => {
    const e = profileError(() => profileFromObject(draft, 'draft.yaml'));
    expect(e.problems.map((p) => p.key)).toEqual([
      'survey.country',
      'survey.reference_period',
      'tables.person.variables.country_of_birth.map.3',
      'labour_force.underemployment_hours_threshold',
      'labour_force.underemployment_hours',
    ]);
    expect(e.message).toContain('draft.yaml: survey.country: missing: a value is required (expected string)');
    expect(e.message).toContain('tables.person.variables.country_of_birth.map.3: source value "3" maps to "TODO" is not a code of country_of_birth');
    draft.survey = { country: 'PHL', reference_period: '2024Q1' };
    (vars.country_of_birth as { map: Record<string, string> }).map[3] = 'not-stated';
    expect(() => profileFromObject(draft)).toThrow(/labour_force\.underemployment_hours_threshold: missing: a value is required \(expected number\)/);
    draft.labour_force = undefined;
    expect(() => profileFromObject(draft)).toThrow(/labour_force\.underemployment_hours_threshold is required because labour force items are mapped/);
    draft.labour_force = { underemployment_hours_threshold: 40, underemployment_hours: 'actual' };
    expect(profileFromObject(draft).profile.tables.person!.variables.sex).toEqual({ from: 'q4', map: { 1: 'M', 2: 'F' }, missing: [9] });
  });

  it('from a CSV without labels: names, and TODO maps for small code sets', () => {
    const d = parse(draftProfile(readCsv(join(fixtures, 'person.csv')))) as Yaml;
    const v = d.tables.person!.variables;
    expect(v.household_id).toBe('hhid');
    expect(v.person_id).toBe('line');
    expect(v.citizenship).toEqual({ from: 'citz', country: 'iso2' });
    expect(v.country_of_birth).toEqual({ from: 'cob', country: 'm49' });
    expect(v.temporary_absence).toEqual({ from: 'absent_job', map: { 1: 'TODO', 2: 'TODO' } });
    expect(v.occupation_isco08).toBe('isco');
  });

  it('text levels that name the codes are mapped', () => {
    const t = new Table(['gender', 'wt'], new Map<string, Column>([
      ['gender', { kind: 'category', codes: Int32Array.from([0, 1, 2]), levels: ['Male', 'Female', 'Refused'] }],
      ['wt', { kind: 'number', values: Float64Array.from([1, 1, 1]) }],
    ]), 3, 't.csv');
    const d = parse(draftProfile(t, { tableName: 'persons' })) as Yaml;
    expect(d.tables.persons!.variables.sex).toEqual({ from: 'gender', map: { Male: 'M', Female: 'F' }, missing: ['Refused'] });
    expect(d.labour_force).toBeUndefined();
  });
});
