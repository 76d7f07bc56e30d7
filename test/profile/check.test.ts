import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv } from '../../src/io/csv.js';
import { checkProfile, failedLoadReport, formatCheckReport } from '../../src/profile/check.js';
import { loadProfile } from '../../src/profile/load.js';
import { fixtures, profileError, tempDir, write } from './support.js';

describe('profile check: every problem, with counts and examples', () => {
  const loaded = loadProfile(join(fixtures, 'base.yaml'));
  const household = readCsv(join(fixtures, 'household.csv'));
  const absent = readCsv(join(fixtures, 'absent.csv'));
  const costs = readCsv(join(fixtures, 'costs.csv'));

  it('clean data: ok, with what each mapping and link did', () => {
    const r = checkProfile(loaded, { person: readCsv(join(fixtures, 'person.csv')), household, absent, costs });
    expect(r).toMatchObject({ ok: true, errors: 0, warnings: 0, problems: [] });
    expect(r.tables.person).toEqual({ source: join(fixtures, 'person.csv'), rows: 10 });
    const text = formatCheckReport(r);
    expect(text).toContain('person.sex <- B4: 0, 10, 0, 0, 0');
    expect(text).toContain('person.age <- B5: 9, 0, 0, 1, 0');
    expect(text).toContain('household (household, 5 rows): 13 matched, 0 unmatched');
    expect(text.trimEnd().split('\n').at(-1)).toBe('ok: 0 warnings');
  });

  it('bad data: all problems, not just the first, each with counts and example rows', () => {
    const person = parseCsv(
      [
        'hhid,line,B4,B5,cob,citz,arr_year,reason,wrk,absent_job,search,avail,want_more,hrs,isco,isic,icse,edu,wgt',
        '1,1,1,34,608,PH,,,1,,,,2,40,2411,64,1,6,100.5',
        '1,2,3,31,608,XX,,,2,2,1,1,,,,,,3,100.5',
        '2,1,1,200,999,IN,2015,1,1,,,,1,30,7112,34,1,3,120',
        '2,2,3,9,356,IN,2015,7,,,,,,,,,,1,120',
        '9,1,2,28,704,VN,2019,1,1,,,,2,48,9111,97,1,2,95',
      ].join('\n'),
      'bad.csv',
    );
    const r = checkProfile(loaded, { person, household, absent, costs });
    expect(r.ok).toBe(false);
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.key, p.count])).toEqual([
      ['tables.person.variables.sex', 2],
      ['tables.person.variables.age', 1],
      ['tables.person.variables.country_of_birth', 1],
      ['tables.person.variables.citizenship', 1],
      ['tables.person.variables.reason_for_migration', 1],
      ['tables.person.variables.industry_isic4', 1],
      ['tables.household', 1],
      ['tables.costs', 1],
    ]);
    expect(errors[0]!.examples).toEqual([{ row: 2, value: 3 }]);
    expect(errors[0]!.message).toContain('bad.csv column "B4": 2 rows with values that are not known codes of sex: 3 (2 rows: 2, 4)');
    expect(errors[1]!.message).toContain('1 row with values that are not valid values of age: 200 (1 row: 3); allowed: numbers (whole) >= 0 and <= 130');
    expect(errors[5]!.message).toContain('bad.csv column "isic": 1 row with values that are not known codes of industry_isic4: 34 (1 row: 3)');
    expect(errors[6]!.message).toContain('person row 5 (household_id 9)');
    expect(errors[7]!.message).toContain('row 3 (3/1)');
    expect(r.errors).toBe(8);
    const text = formatCheckReport(r);
    expect(text).toMatch(/error {3}.*base\.yaml:\d+:\d+: tables\.person\.variables\.sex: /);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^8 errors, \d+ warnings?$/);
  });

  it('a profile that does not load reports its schema problems the same way', () => {
    const file = write(tempDir(), { 'p.yaml': 'survey: { country: XX, reference_period: 2024 }\ntables: {}\n' });
    const e = profileError(() => loadProfile(file));
    const text = formatCheckReport(failedLoadReport(file, e.problems));
    expect(text).toContain(`error   ${file}:1:11: survey.country: expected the ISO 3166-1 alpha-3 code`);
    expect(text).toContain(`error   ${file}:2:1: tables: a profile maps at least one table (role: person)`);
    expect(text.trimEnd().split('\n').at(-1)).toBe('2 errors, 0 warnings');
  });
});
