import { describe, expect, it } from 'vitest';
import {
  forWorkMigrants, nationalsAbroad, nonResidentForeignWorkers, recentMigrants, residentMigrantWorkers, returnMigrantWorkers,
} from '../../src/concepts/international-migrant-workers.js';
import { LF_STATUS } from '../../src/concepts/labour-force-status.js';
import { migrantStatus } from '../../src/concepts/migrant-status.js';
import { usualResident } from '../../src/concepts/usual-residence.js';

const N = NaN;
const { notWorkingAge: NWA, employed: E, unemployed: U, outside: O } = LF_STATUS;

/** A hand-built person of the decision table (spec icls.md section 1.4), measured in Atlantis (ATL). */
interface Person {
  row: string;
  status: number;
  cob: string;
  months: number;
  intended: number;
  present: number;
  /** The employer is a resident producer unit (employed persons). */
  forResidentUnit: number;
  /** The job search is in Atlantis (unemployed persons). */
  seekingHere: number;
  militaryDiplomatic: number;
  purpose: string | null;
  /** Expected category (a) and (b) flags. */
  a: number;
  b: number;
}

// Every row of the decision table in spec icls.md section 1.4, plus the 'present >= 12 months' and under-age cases.
const PERSONS: Person[] = [
  { row: 'foreign-born usual resident, employed', status: E, cob: 'MAR', months: 60, intended: 996, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 1, b: 0 },
  { row: 'foreign-born usual resident, unemployed', status: U, cob: 'SEN', months: 30, intended: 996, present: 1, forResidentUnit: N, seekingHere: 1, militaryDiplomatic: 0, purpose: null, a: 1, b: 0 },
  { row: 'foreign-born usual resident, outside the labour force', status: O, cob: 'PRT', months: 40, intended: 996, present: 1, forResidentUnit: N, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 0, b: 0 },
  { row: 'native-born returnee who worked abroad, employed', status: E, cob: 'ATL', months: 8, intended: 996, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 0, b: 0 },
  { row: 'frontier worker living in Spain, commuting daily', status: E, cob: 'ESP', months: 0, intended: 0, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 0, b: 1 },
  { row: 'seasonal worker present < 12 months', status: E, cob: 'MAR', months: 4, intended: 8, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 0, b: 1 },
  { row: 'seasonal worker who intends to stay >= 12 months', status: E, cob: 'UKR', months: 4, intended: 14, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 1, b: 0 },
  { row: 'project-tied worker present < 12 months', status: E, cob: 'CHN', months: 5, intended: 10, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 0, b: 1 },
  { row: 'project-tied worker present >= 12 months', status: E, cob: 'CHN', months: 13, intended: 18, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 1, b: 0 },
  { row: 'seafarer on a ship of a resident operator', status: E, cob: 'PHL', months: 0, intended: 0, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 0, b: 1 },
  { row: 'foreign student working, usual resident', status: E, cob: 'BRA', months: 24, intended: 48, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 1, b: 0 },
  { row: 'foreign student seeking work, not a usual resident', status: U, cob: 'BRA', months: 5, intended: 10, present: 1, forResidentUnit: N, seekingHere: 1, militaryDiplomatic: 0, purpose: 'education', a: 0, b: 1 },
  { row: 'tourist whose main purpose is to be employed here', status: E, cob: 'GBR', months: 1, intended: 3, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: 'employment', a: 0, b: 1 },
  { row: 'tourist on holiday who does some paid work', status: E, cob: 'GBR', months: 1, intended: 2, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: 'holidays', a: 0, b: 0 },
  { row: 'tourist not working', status: O, cob: 'DEU', months: 0, intended: 1, present: 1, forResidentUnit: N, seekingHere: N, militaryDiplomatic: 0, purpose: 'holidays', a: 0, b: 0 },
  { row: 'refugee, usual resident, working', status: E, cob: 'SYR', months: 14, intended: 996, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 1, b: 0 },
  { row: 'asylum-seeker, not yet a usual resident, seeking work', status: U, cob: 'SYR', months: 3, intended: 6, present: 1, forResidentUnit: N, seekingHere: 1, militaryDiplomatic: 0, purpose: null, a: 0, b: 1 },
  { row: 'foreign diplomat posted here (not resident)', status: E, cob: 'USA', months: 6, intended: 10, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 1, purpose: null, a: 0, b: 0 },
  { row: 'foreign military personnel stationed here >= 12 months', status: E, cob: 'USA', months: 20, intended: 36, present: 1, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 1, purpose: null, a: 0, b: 0 },
  { row: 'call-centre staff serving a resident unit from abroad (not present)', status: E, cob: 'IND', months: 0, intended: 0, present: 0, forResidentUnit: 1, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 0, b: 0 },
  { row: 'non-resident employed by a non-resident unit (business visitor)', status: E, cob: 'FRA', months: 0, intended: 1, present: 1, forResidentUnit: 0, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 0, b: 0 },
  { row: 'non-resident unemployed, seeking work in another country', status: U, cob: 'ROU', months: 2, intended: 4, present: 1, forResidentUnit: N, seekingHere: 0, militaryDiplomatic: 0, purpose: null, a: 0, b: 0 },
  { row: 'child of a seasonal worker (under working age)', status: NWA, cob: 'MAR', months: 4, intended: 8, present: 1, forResidentUnit: N, seekingHere: N, militaryDiplomatic: 0, purpose: null, a: 0, b: 0 },
];

function arrays(persons: Person[]) {
  const status = Uint8Array.from(persons.map((p) => p.status));
  const migrant = migrantStatus({ countryOfBirth: persons.map((p) => p.cob) }, { country: 'ATL' }).migrant;
  const resident = usualResident({ monthsInCountry: persons.map((p) => p.months), intendedStayMonths: persons.map((p) => p.intended) }).resident;
  return {
    status, migrant, resident,
    present: persons.map((p) => p.present),
    employerResidentUnit: persons.map((p) => p.forResidentUnit),
    seekingWorkHere: persons.map((p) => p.seekingHere),
    foreignMilitaryDiplomatic: persons.map((p) => p.militaryDiplomatic),
    purposeOfVisit: persons.map((p) => p.purpose),
  };
}

describe('international migrant workers: every row of the decision table (spec icls.md 1.4)', () => {
  const x = arrays(PERSONS);
  const a = residentMigrantWorkers({ status: x.status, migrant: x.migrant, resident: x.resident, foreignMilitaryDiplomatic: x.foreignMilitaryDiplomatic });
  const b = nonResidentForeignWorkers(x);

  for (const [i, p] of PERSONS.entries()) {
    it(`${p.row}: (a) ${p.a}, (b) ${p.b}`, () => {
      expect([a.flag[i], b.flag[i]]).toEqual([p.a, p.b]);
    });
  }

  it('the two categories as exact arrays, disjoint, nothing undetermined', () => {
    expect(Array.from(a.flag)).toEqual([1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(b.flag)).toEqual([0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(a.undetermined.count + b.undetermined.count).toBe(0);
  });

  it('migrants outside the labour force are migrants but not migrant workers; the native-born returnee is no migrant', () => {
    expect([x.migrant[2], a.flag[2]]).toEqual([1, 0]);
    expect([x.migrant[3], x.resident[3], a.flag[3]]).toEqual([0, 1, 0]);
  });
});

describe('three-valued logic and reasons', () => {
  it('category (a): a deciding unknown is undetermined with the first unknown input; a deciding 0 wins', () => {
    const r = residentMigrantWorkers({
      status: Uint8Array.from([255, E, E, O, E, E]),
      migrant: Uint8Array.from([1, 255, 1, 255, 0, 1]),
      resident: Uint8Array.from([1, 1, 255, 255, 255, 1]),
      foreignMilitaryDiplomatic: [0, 0, 0, 0, 0, N],
    });
    expect(Array.from(r.flag)).toEqual([255, 255, 255, 0, 0, 255]);
    expect(r.undetermined).toEqual({
      count: 4, rows: [0, 1, 2, 5],
      reasons: { 'status undetermined': 1, 'migrant status unknown': 1, 'usual residence undetermined': 1, 'foreignMilitaryDiplomatic missing': 1 },
    });
  });

  it('category (a) without the military/diplomatic item', () => {
    const r = residentMigrantWorkers({ status: Uint8Array.from([E, U]), migrant: Uint8Array.from([1, 1]), resident: Uint8Array.from([1, 1]) });
    expect(Array.from(r.flag)).toEqual([1, 1]);
  });

  it('category (b): missing presence, attachment and visit purpose', () => {
    const r = nonResidentForeignWorkers({
      status: Uint8Array.from([E, E, U, E, 255, 255]),
      resident: Uint8Array.from([0, 0, 0, 0, 0, 0]),
      present: [N, 1, 1, 1, 1, 1],
      employerResidentUnit: [1, N, N, 1, 0, 1],
      seekingWorkHere: [N, N, 1, N, 0, N],
      purposeOfVisit: [null, '', null, 'not-stated', null, null],
    });
    expect(Array.from(r.flag)).toEqual([255, 255, 1, 255, 0, 255]);
    expect(r.undetermined.reasons).toEqual({
      'present missing': 1,
      'labour attachment undetermined (employerResidentUnit or seekingWorkHere missing)': 1,
      'purposeOfVisit not stated': 1,
      'status undetermined': 1,
    });
  });

  it('category (b): excluded purposes are configurable and checked', () => {
    const input = { status: Uint8Array.from([E]), resident: Uint8Array.from([0]), present: [1], employerResidentUnit: [1], purposeOfVisit: ['business'] };
    expect(Array.from(nonResidentForeignWorkers(input).flag)).toEqual([0]);
    expect(Array.from(nonResidentForeignWorkers(input, { nonWorkPurposes: ['holidays'] }).flag)).toEqual([1]);
    expect(() => nonResidentForeignWorkers(input, { nonWorkPurposes: ['fun' as never] })).toThrow(/nonWorkPurposes "fun"/);
    expect(() => nonResidentForeignWorkers({ ...input, purposeOfVisit: ['work'] })).toThrow(/purposeOfVisit "work" at index 0/);
  });

  it('rejects codes that are not flags, statuses or yes/no values', () => {
    expect(() => residentMigrantWorkers({ status: Uint8Array.from([4]), migrant: Uint8Array.from([1]), resident: Uint8Array.from([1]) })).toThrow(/status code 4 at index 0/);
    expect(() => residentMigrantWorkers({ status: Uint8Array.from([E]), migrant: Uint8Array.from([2]), resident: Uint8Array.from([1]) })).toThrow(/migrant code 2 at index 0/);
    expect(() => residentMigrantWorkers({ status: Uint8Array.from([E]), migrant: Uint8Array.from([1]), resident: Uint8Array.from([1, 1]) })).toThrow(/resident has 2 rows/);
    expect(() => nonResidentForeignWorkers({ status: Uint8Array.from([E]), resident: Uint8Array.from([0]), present: [2], employerResidentUnit: [1] })).toThrow(/present value 2 at index 0/);
  });
});

describe('forWorkMigrants', () => {
  // 0 arrived 3 months ago for a job found; 1 seeking work; 2 'work'; 3 family; 4 work, 12 months ago (outside);
  // 5 native-born; 6 migrant, months missing, work; 7 migrant, 2 months, reason missing; 8 migrant status unknown, family
  const input = {
    migrant: Uint8Array.from([1, 1, 1, 1, 1, 0, 1, 1, 255]),
    monthsInCountry: [3, 11, 0, 5, 12, N, N, 2, 4],
    reason: ['work-job-found', 'work-seeking', 'work', 'family', 'work-job-found', null, 'work', 'not-stated', 'family'],
  };

  it('arrived within 12 months (default) for work, whatever the labour force status', () => {
    const r = forWorkMigrants(input);
    expect(Array.from(r.flag)).toEqual([1, 1, 1, 0, 0, 0, 255, 255, 0]);
    expect(r.undetermined.reasons).toEqual({ 'monthsInCountry missing': 1, 'reason missing': 1 });
  });

  it('takes another reference period, work reasons, and usual residence', () => {
    expect(Array.from(forWorkMigrants(input, { periodMonths: 24 }).flag)).toEqual([1, 1, 1, 0, 1, 0, 255, 255, 0]);
    expect(Array.from(forWorkMigrants(input, { workReasons: ['work-job-found'] }).flag)).toEqual([1, 0, 0, 0, 0, 0, 0, 255, 0]);
    const resident = Uint8Array.from([1, 0, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(forWorkMigrants({ ...input, resident }).flag)).toEqual([1, 0, 1, 0, 0, 0, 255, 255, 0]);
    expect(() => forWorkMigrants({ ...input, reason: ['job', ...input.reason.slice(1)] })).toThrow(/reason "job" at index 0/);
    expect(() => forWorkMigrants(input, { periodMonths: 0 })).toThrow(/periodMonths/);
  });
});

describe('returnMigrantWorkers', () => {
  // 0 native-born returnee, employed; 1 native-born returnee outside the labour force (current status irrelevant);
  // 2 foreign citizen now resident who worked abroad; 3 never abroad; 4 item missing; 5 aged 14;
  // 6 non-resident frontier worker; 7 returned 10 years before
  const input = {
    everWorkedAbroad: [1, 1, 1, 0, N, 1, 1, 1],
    resident: Uint8Array.from([1, 1, 1, 1, 1, 1, 0, 1]),
    age: [34, 61, 45, 30, 50, 14, 40, 55],
    yearOfReturn: [2023, 2020, 2019, N, N, 2023, 2024, 2014],
  };

  it('usual residents of working age who ever worked or sought work abroad, irrespective of citizenship, birth or status', () => {
    const r = returnMigrantWorkers(input);
    expect(Array.from(r.flag)).toEqual([1, 1, 1, 0, 255, 0, 0, 1]);
    expect(r.undetermined).toEqual({ count: 1, rows: [4], reasons: { 'everWorkedAbroad missing': 1 } });
  });

  it('within a window of years: the reference year and the windowYears - 1 before it', () => {
    const r = returnMigrantWorkers(input, { windowYears: 5, referenceYear: 2024 });
    expect(Array.from(r.flag)).toEqual([1, 1, 0, 0, 255, 0, 0, 0]);
    expect(() => returnMigrantWorkers(input, { windowYears: 5 })).toThrow(/referenceYear/);
    expect(() => returnMigrantWorkers(input, { windowYears: 5, referenceYear: 2022 })).toThrow(/yearOfReturn 2023 at index 0/);
  });

  it('without residence and age, the item alone', () => {
    expect(Array.from(returnMigrantWorkers({ everWorkedAbroad: [1, 0, N] }).flag)).toEqual([1, 0, 255]);
  });
});

describe('recentMigrants', () => {
  it('arrived within 5 years (default), from months in the country or the year of arrival', () => {
    const migrant = Uint8Array.from([1, 1, 1, 0, 255, 1]);
    expect(Array.from(recentMigrants({ migrant, monthsInCountry: [0, 59, 60, N, 10, N] }).flag)).toEqual([1, 1, 0, 0, 255, 255]);
    expect(Array.from(recentMigrants({ migrant, yearOfArrival: [2024, 2020, 2019, N, 2000, N] }, { referenceYear: 2024 }).flag)).toEqual([1, 1, 0, 0, 0, 255]);
    expect(Array.from(recentMigrants({ migrant, monthsInCountry: [0, 59, 60, N, 10, N] }, { years: 10 }).flag)).toEqual([1, 1, 1, 0, 255, 255]);
    expect(() => recentMigrants({ migrant })).toThrow(/monthsInCountry or input.yearOfArrival/);
    expect(() => recentMigrants({ migrant, yearOfArrival: [2024, 2020, 2019, N, 2000, N] })).toThrow(/referenceYear/);
  });
});

describe('nationalsAbroad', () => {
  it('absent members who are citizens of the country and of working age', () => {
    const r = nationalsAbroad({ citizenship: ['ATL', 'ATL', 'ESP', null, 'ATL'], age: [30, 14, 40, 25, N] }, { country: 'ATL' });
    expect(Array.from(r.flag)).toEqual([1, 0, 0, 255, 255]);
    expect(r.undetermined.reasons).toEqual({ 'citizenship missing': 1, 'age missing': 1 });
    expect(() => nationalsAbroad({ citizenship: ['atl'], age: [30] }, { country: 'ATL' })).toThrow(/citizenship "atl" at index 0/);
  });
});
