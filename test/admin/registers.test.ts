/** Reading registers: .xlsx (written here with exceljs) and CSV, the register profile (role register), standard records and their errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AdminError, daysToIso, isoToDays, parseDateOption, readRegisterFile, registerRecords } from '../../src/admin/registers.js';
import { bindFiles, mapRegisters, PERSON_KEY_COLUMN, periodTime } from '../../src/pipeline/registers.js';
import { readTable } from '../../src/io/read.js';
import { tableFromArrays } from '../../src/io/table.js';
import { loadProfile } from '../../src/profile/load.js';
import { ATLANTIS, hasAtlantis, truth } from './atlantis-support.js';
import { profileFromObject } from '../../src/profile/load.js';
import { ProfileError } from '../../src/profile/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'migstat-registers-'));

const profileObject = {
  survey: { country: 'ATL', reference_period: 2024 },
  tables: {
    wp: {
      role: 'register',
      variables: {
        permit_id: 'permit', previous_permit_id: 'renews', person_id: 'holder', sex: { from: 'gender', map: { 1: 'M', 2: 'F' } },
        citizenship: { from: 'nat', country: 'iso3' }, start_date: 'from', end_date: 'to', decision: { from: 'status', map: { G: 'granted', R: 'refused' } },
        occupation_isco08: { from: 'isco', pad: 4 }, permit_type: 'type', birth_date: 'dob',
      },
    },
  },
};

async function writeXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('permits');
  ws.addRow(['permit', 'renews', 'holder', 'gender', 'nat', 'from', 'to', 'status', 'isco', 'type', 'dob']);
  ws.addRow(['P1', null, 'H1', 1, 'PHL', new Date(Date.UTC(2023, 0, 1)), new Date(Date.UTC(2023, 11, 31)), 'G', 712, 'work', '1990-05-01']);
  ws.addRow(['P2', 'P1', 'H1', 1, 'PHL', new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 11, 31)), 'G', 712, 'work', '1990-05-01']);
  ws.addRow([]);
  ws.addRow(['P3', null, 'H2', 2, 'IND', '2024-03-01', '2024-08-31', 'R', 2512, 'seasonal', null]);
  await wb.xlsx.writeFile(path);
}

describe('registers', () => {
  it('reads an .xlsx register (dates as ISO text, empty rows skipped) and maps it through a register profile', async () => {
    const path = join(dir, 'permits.xlsx');
    await writeXlsx(path);
    const t = await readRegisterFile(path);
    expect(t.names).toEqual(['permit', 'renews', 'holder', 'gender', 'nat', 'from', 'to', 'status', 'isco', 'type', 'dob']);
    expect(t.nrows).toBe(3);
    const loaded = profileFromObject(profileObject, 'register.yaml');
    const mapped = mapRegisters(loaded, { wp: t });
    const r = registerRecords(mapped.wp!, { register: 'wp' });
    expect(r.map((x) => [x.permit, x.previous, x.person, x.sex, x.nationality, daysToIso(x.start), daysToIso(x.end), x.decision, x.occupation, x.type])).toEqual([
      ['P1', null, 'H1', 'M', 'PHL', '2023-01-01', '2023-12-31', 'granted', '0712', 'work'],
      ['P2', 'P1', 'H1', 'M', 'PHL', '2024-01-01', '2024-12-31', 'granted', '0712', 'work'],
      ['P3', null, 'H2', 'F', 'IND', '2024-03-01', '2024-08-31', 'refused', '2512', 'seasonal'],
    ]);
    expect(r[0]!.birth).toBe(isoToDays('1990-05-01'));
    expect(Number.isNaN(r[2]!.birth)).toBe(true);
    expect(r[2]).toMatchObject({ register: 'wp', row: 3 });
  });

  it('reads CSV and the other formats of src/io; a person key may be a column of the file', async () => {
    const path = join(dir, 'permits.csv');
    writeFileSync(path, 'permit,renews,holder,gender,nat,from,to,status,isco,type,dob,truth\nP1,,H1,1,PHL,2023-01-01,2023-12-31,G,7112,work,,T9\nP2,P1,H1b,1,PHL,2024-01-01,2024-12-31,G,7112,work,,T9\n');
    const loaded = profileFromObject(profileObject, 'register.yaml');
    const mapped = mapRegisters(loaded, { wp: await readRegisterFile(path) }, { personKey: 'truth' });
    expect(registerRecords(mapped.wp!, { personKey: PERSON_KEY_COLUMN }).map((x) => x.person)).toEqual(['T9', 'T9']);
    // or the keys of another file, joined on permit_id
    const keys = tableFromArrays({ row_id: ['P1', 'P2'], key: ['K1', 'K1'] }, 'links.csv');
    const viaKeys = mapRegisters(loaded, { wp: await readRegisterFile(path) }, { personKey: 'key', keys });
    expect(registerRecords(viaKeys.wp!, { personKey: PERSON_KEY_COLUMN }).map((x) => x.person)).toEqual(['K1', 'K1']);
    expect(() => mapRegisters(loaded, { wp: minimalTable(path) }, { personKey: 'nope' })).toThrow('--person-key nope: not a standard variable of the profile and not a column of');
  });

  it('collects every error of the mapping, naming the file, row, column and value', () => {
    const t = tableFromArrays({ permit: ['P1', 'P2', 'P3'], renews: [null, null, null], holder: ['H1', 'H2', 'H3'], gender: [1, 3, 1], nat: ['PHL', 'XXX', 'IND'], from: ['2023-01-01', '2023-02-30', '2023-01-01'], to: ['2023-12-31', '2023-12-31', '2023-12-31'], status: ['G', 'G', 'G'], isco: ['7112', '7112', '7112'], type: ['w', 'w', 'w'] }, 'bad.csv');
    const loaded = profileFromObject(profileObject, 'register.yaml');
    let e: unknown;
    try {
      mapRegisters(loaded, { wp: t });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(AdminError);
    const m = (e as Error).message;
    expect(m).toContain('bad.csv column gender (tables.wp.variables.sex): 1 row(s) with values that are not valid values of sex: 3 (row 2)');
    expect(m).toContain('bad.csv column nat (tables.wp.variables.citizenship)');
    expect(m).toContain('"XXX" (row 2)');
    expect(m).toContain('bad.csv column from (tables.wp.variables.start_date): 1 row(s) with values that are not valid values of start_date: "2023-02-30" (row 2)');
    expect(m).toContain('column "dob" of tables.wp.variables.birth_date is not in the file');
  });

  it('standard records from a table of standard columns: ISO text dates; bad dates and decisions name file, row, column, value', () => {
    const ok = tableFromArrays({ permit_id: ['A'], person_id: ['p'], start_date: ['2024-01-01'], end_date: [''], decision: ['granted'] }, 'std.csv');
    const [r] = registerRecords(ok);
    expect([r!.start, Number.isNaN(r!.end), r!.decision]).toEqual([isoToDays('2024-01-01'), true, 'granted']);
    expect(() => registerRecords(tableFromArrays({ start_date: ['2024-01-01', '01/02/2024'] }, 'std.csv'))).toThrow('std.csv row 2 column start_date: "01/02/2024" is not a date YYYY-MM-DD');
    expect(() => registerRecords(tableFromArrays({ decision: ['yes'] }, 'std.csv'))).toThrow('std.csv row 1 column decision: "yes" is not a decision; allowed: granted, refused, pending');
    expect(() => registerRecords(ok, { personKey: 'nope' })).toThrow('std.csv: no column "nope" for the person key');
    expect(() => parseDateOption('--date', '2024-13-01')).toThrow('--date "2024-13-01": expected a date YYYY-MM-DD');
  });

  it('register profiles: role register without a person table; files bound by name or order; period time codes', () => {
    const loaded = profileFromObject({ ...profileObject, tables: { ...profileObject.tables, rp: { role: 'register', variables: { permit_id: 'id' } } } }, 'two.yaml');
    expect(bindFiles(loaded, ['a.csv', 'b.csv'])).toEqual({ wp: 'a.csv', rp: 'b.csv' });
    expect(bindFiles(loaded, ['rp=b.csv', 'a.csv'])).toEqual({ wp: 'a.csv', rp: 'b.csv' });
    expect(() => bindFiles(loaded, ['a.csv'])).toThrow('maps 2 register(s) (wp, rp) and 1 file(s) are given');
    // a register variable outside a register table is an error naming the allowed keys
    expect(() => profileFromObject({ survey: { country: 'ATL', reference_period: 2024 }, tables: { p: { role: 'person', variables: { permit_id: 'x' } } } })).toThrow(ProfileError);
    expect([periodTime(isoToDays('2023-01-01'), isoToDays('2023-12-31')), periodTime(isoToDays('2023-04-01'), isoToDays('2023-06-30')), periodTime(isoToDays('2024-02-01'), isoToDays('2024-02-29')), periodTime(isoToDays('2023-01-01'), isoToDays('2023-01-30'))]).toEqual(['2023', '2023Q2', '2024M02', undefined]);
  });

  it('the register profile example of src/profile/README.md validates', () => {
    const readme = readFileSync(new URL('../../src/profile/README.md', import.meta.url), 'utf8');
    const example = /## Register profiles[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const path = join(dir, 'readme-register.yaml');
    writeFileSync(path, example);
    return import('../../src/profile/load.js').then(({ loadProfile }) => {
      const p = loadProfile(path);
      expect(Object.values(p.profile.tables).map((t) => t.role)).toEqual(['register']);
    });
  });
});

/** A register table with one column only (its other columns missing). */
function minimalTable(path: string): ReturnType<typeof tableFromArrays> {
  return tableFromArrays({ permit: ['P1'] }, path);
}

describe.skipIf(!hasAtlantis)('the Atlantis register profiles', () => {
  it('map the three registers without an error; the person key comes from truth_links.csv', async () => {
    const loaded = loadProfile(`${ATLANTIS}profile.yaml`);
    expect(Object.entries(loaded.profile.tables).map(([n, t]) => [n, t.role])).toEqual([['work_permits', 'register'], ['residence_permits', 'register'], ['social_security', 'register']]);
    const data = Object.fromEntries(await Promise.all(['work_permits', 'residence_permits', 'social_security'].map(async (n) => [n, await readRegisterFile(`${ATLANTIS}${n}.csv`)] as const)));
    const mapped = mapRegisters(loaded, data, { personKey: 'person_key', keys: await readTable(`${ATLANTIS}truth_links.csv`) });
    const ss = registerRecords(mapped.social_security!, { personKey: PERSON_KEY_COLUMN });
    expect(ss.every((r) => r.person !== null)).toBe(true);
    // open registrations (empty end date) stay open; every row is read
    const rawEnd = data.social_security!.column('end_date');
    const emptyEnds = rawEnd.kind === 'category' ? Array.from(rawEnd.codes).filter((c) => c < 0).length : -1;
    expect(ss.filter((r) => Number.isNaN(r.end)).length).toBe(emptyEnds);
    expect(emptyEnds).toBeGreaterThan(0);
    expect(ss.length).toBe(truth().rows.social_security);
    expect(registerRecords(mapped.work_permits!).filter((r) => r.type === 'highly-skilled').length).toBeGreaterThan(0);
  });
});
