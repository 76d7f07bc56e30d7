/**
 * Status in employment: ICSE-93 (15th ICLS, 1993) and ICSE-18 (20th ICLS, 2018, with its ICSE-18-A and ICSE-18-R
 * groupings). Compiled facts (ILO): see README.md here; the ICSE-18-R letters F/G are flagged there as unverified.
 */
export interface Icse93Group {
  readonly code: string;
  readonly title: string;
  readonly ilostatCode: string;
  /** ILOSTAT aggregate: EES employees, SLF self-employed, X not classifiable. */
  readonly ilostatAggregate: 'EES' | 'SLF' | 'X';
}

export const ICSE93_GROUPS: readonly Icse93Group[] = [
  { code: '1', title: 'Employees', ilostatCode: 'STE_ICSE93_1', ilostatAggregate: 'EES' },
  { code: '2', title: 'Employers', ilostatCode: 'STE_ICSE93_2', ilostatAggregate: 'SLF' },
  { code: '3', title: 'Own-account workers', ilostatCode: 'STE_ICSE93_3', ilostatAggregate: 'SLF' },
  { code: '4', title: "Members of producers' cooperatives", ilostatCode: 'STE_ICSE93_4', ilostatAggregate: 'SLF' },
  { code: '5', title: 'Contributing family workers', ilostatCode: 'STE_ICSE93_5', ilostatAggregate: 'SLF' },
  { code: '6', title: 'Workers not classifiable by status', ilostatCode: 'STE_ICSE93_6', ilostatAggregate: 'X' },
];

export interface Icse18Category {
  readonly code: string;
  readonly title: string;
  readonly groupA: string;
  readonly topA: 'Independent workers' | 'Dependent workers';
  readonly groupR: string;
  readonly topR: 'Workers in employment for pay' | 'Workers in employment for profit';
}

export const ICSE18_CATEGORIES: readonly Icse18Category[] = [
  { code: '11', title: 'Employers in corporations', groupA: 'A Employers', topA: 'Independent workers', groupR: 'G Owner-operators of corporations', topR: 'Workers in employment for pay' },
  { code: '12', title: 'Employers in household market enterprises', groupA: 'A Employers', topA: 'Independent workers', groupR: 'F Independent workers in household market enterprises', topR: 'Workers in employment for profit' },
  { code: '21', title: 'Owner-operators of corporations without employees', groupA: 'B Independent workers without employees', topA: 'Independent workers', groupR: 'G Owner-operators of corporations', topR: 'Workers in employment for pay' },
  { code: '22', title: 'Own-account workers in household market enterprises without employees', groupA: 'B Independent workers without employees', topA: 'Independent workers', groupR: 'F Independent workers in household market enterprises', topR: 'Workers in employment for profit' },
  { code: '30', title: 'Dependent contractors', groupA: 'C Dependent contractors', topA: 'Dependent workers', groupR: 'C Dependent contractors', topR: 'Workers in employment for profit' },
  { code: '41', title: 'Permanent employees', groupA: 'D Employees', topA: 'Dependent workers', groupR: 'D Employees', topR: 'Workers in employment for pay' },
  { code: '42', title: 'Fixed-term employees', groupA: 'D Employees', topA: 'Dependent workers', groupR: 'D Employees', topR: 'Workers in employment for pay' },
  { code: '43', title: 'Short-term and casual employees', groupA: 'D Employees', topA: 'Dependent workers', groupR: 'D Employees', topR: 'Workers in employment for pay' },
  { code: '44', title: 'Paid apprentices, trainees and interns', groupA: 'D Employees', topA: 'Dependent workers', groupR: 'D Employees', topR: 'Workers in employment for pay' },
  { code: '51', title: 'Contributing family workers', groupA: 'E Family helpers', topA: 'Dependent workers', groupR: 'E Family helpers', topR: 'Workers in employment for profit' },
];
