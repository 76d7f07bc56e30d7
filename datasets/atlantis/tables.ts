/**
 * The Atlantis LFS files: the person, household and absent-member tables of a round, their columns in one list with
 * variable labels and value labels (kept by the .sav and .dta writers), built from the population and a sample.
 */
import { ICSE18_CATEGORIES, ICSE93_GROUPS } from '../../src/classifications/icse.js';
import { ISCED2011_LEVELS } from '../../src/classifications/isced2011.js';
import { ISIC4_SECTIONS } from '../../src/classifications/isic4.js';
import { type Column, type ColumnMeta, Table, type ValueLabel, encode } from '../../src/io/table.js';
import { AGE_GROUPS, REGIONS } from './country.js';
import type { PersonSource } from './headline.js';
import type { QuarterOutcomes } from './labour.js';
import { COUNTRY_CODES, NA, NO_SCHOOLING, ageGroup, type Population } from './population.js';
import { type RoundSample, sizeClass } from './sample.js';

const labels = (pairs: readonly (readonly [number, string])[]): ValueLabel[] => pairs.map(([value, label]) => ({ value, label }));
const YES_NO = labels([[1, 'Yes'], [2, 'No']]);
const SEX = labels([[1, 'Male'], [2, 'Female']]);
const REGION = labels(REGIONS.map((r) => [r.code, r.name]));
const URBAN = labels([[1, 'Urban'], [2, 'Rural']]);
const STRATUM = labels(REGIONS.flatMap((r) => [[(r.code - 1) * 2 + 1, `${r.name} urban`], [(r.code - 1) * 2 + 2, `${r.name} rural`]] as const));
const AGEGRP = labels(AGE_GROUPS.map((lo, g) => [g + 1, g + 1 < AGE_GROUPS.length ? `${lo}-${AGE_GROUPS[g + 1]! - 1}` : `${lo}+`]));
const RELATION = labels([[1, 'Head'], [2, 'Spouse or partner'], [3, 'Child'], [4, 'Parent'], [5, 'Other relative'], [6, 'Not related']]);
const REASON = labels([[1, 'Work: had a job offer'], [2, 'Work: to look for work'], [3, 'Family'], [4, 'Study'], [5, 'International protection'], [6, 'Other']]);
const EDUCATION = labels([...ISCED2011_LEVELS.filter((l) => /^[1-8]$/.test(l.level)).map((l) => [Number(l.level), `ISCED ${l.level} ${l.title}`] as const), [NO_SCHOOLING, 'No schooling']]);
const ICSE18 = labels(ICSE18_CATEGORIES.map((c) => [Number(c.code), c.title]));
const ICSE93 = labels(ICSE93_GROUPS.map((g) => [Number(g.code), g.title]));
const ROTATION = labels([[1, 'Group 1: interviewed in 2024Q1 only'], [2, 'Group 2: interviewed in 2024Q1 and 2024Q2'], [3, 'Group 3: interviewed in 2024Q2 only']]);
const SIZE_CLASS = labels([[1, '1 person'], [2, '2 persons'], [3, '3-4 persons'], [4, '5 or more persons']]);
const STAY = labels([[996, 'Indefinitely']]);
const ABSENT_REASON = labels([[1, 'Work'], [2, 'Study'], [3, 'Family'], [4, 'Other']]);

/** A column added to a table: its values and variable label. */
export interface NewColumn {
  readonly values: Float64Array;
  readonly label: string;
}

/** One column of a file: name, label, value labels and its value for a population row (NaN or null when missing). */
interface ColumnDef<Ctx> {
  readonly name: string;
  readonly label: string;
  readonly valueLabels?: readonly ValueLabel[];
  readonly num?: (ctx: Ctx, i: number) => number;
  readonly text?: (ctx: Ctx, i: number) => string | null;
}

interface PersonContext {
  readonly pop: Population;
  readonly q: QuarterOutcomes;
}

const code = (x: number, missing: number): number => (x === missing ? NaN : x);
const answer = (x: number): number => (x === 0 ? NaN : x);
const country = (x: number): string | null => (x === NA ? null : COUNTRY_CODES[x]!);
const hh = (c: PersonContext, i: number): number => c.pop.persons.household[i]!;

/** Person file columns (one row per usual resident of a responding household), in file order. */
export const PERSON_COLUMNS: readonly ColumnDef<PersonContext>[] = [
  { name: 'hh_id', label: 'Household identifier (the same household keeps it across rounds)', num: (c, i) => hh(c, i) + 1 },
  { name: 'line', label: 'Person line number in the household', num: (c, i) => c.pop.persons.line[i]! },
  { name: 'region', label: 'Region', valueLabels: REGION, num: (c, i) => c.pop.households.region[hh(c, i)]! },
  { name: 'urban', label: 'Area type', valueLabels: URBAN, num: (c, i) => c.pop.households.urban[hh(c, i)]! },
  { name: 'stratum', label: 'Design stratum (region x area type)', valueLabels: STRATUM, num: (c, i) => c.pop.households.stratum[hh(c, i)]! },
  { name: 'ea', label: 'Enumeration area (primary sampling unit)', num: (c, i) => c.pop.households.ea[hh(c, i)]! + 1 },
  { name: 'ea_total', label: 'Enumeration areas in the stratum (frame count: first-stage fpc)', num: (c, i) => areasInStratum(c.pop)[c.pop.households.stratum[hh(c, i)]!]! },
  { name: 'relation', label: 'Relation to the household head', valueLabels: RELATION, num: (c, i) => c.pop.persons.relation[i]! },
  { name: 'sex', label: 'Sex', valueLabels: SEX, num: (c, i) => c.pop.persons.sex[i]! },
  { name: 'age', label: 'Age in completed years', num: (c, i) => c.pop.persons.age[i]! },
  { name: 'agegrp', label: 'Age group of the calibration', valueLabels: AGEGRP, num: (c, i) => ageGroup(c.pop.persons.age[i]!) + 1 },
  { name: 'educ', label: 'Highest level of education completed (ISCED 2011; persons 15+)', valueLabels: EDUCATION, num: (c, i) => code(c.pop.persons.education[i]!, NA) },
  { name: 'cob', label: 'Country of birth (ISO 3166-1 alpha-3)', text: (c, i) => country(c.pop.persons.birth[i]!) },
  { name: 'citizen', label: 'Country of citizenship (ISO 3166-1 alpha-3)', text: (c, i) => country(c.pop.persons.citizenship[i]!) },
  { name: 'yr_arrive', label: 'Year of arrival in Atlantis (born abroad)', num: (c, i) => code(c.pop.persons.arrivalYear[i]!, 0) },
  { name: 'months_here', label: 'Months lived in Atlantis since arrival (born abroad)', num: (c, i) => monthsInCountry(c, i) },
  { name: 'intend_stay', label: 'Total intended stay in Atlantis since arrival, months (born abroad)', valueLabels: STAY, num: (c, i) => code(c.pop.persons.intendedStay[i]!, -1) },
  { name: 'reason', label: 'Main reason for coming to Atlantis (born abroad)', valueLabels: REASON, num: (c, i) => code(c.pop.persons.reason[i]!, 0) },
  { name: 'prev_res', label: 'Country of residence before coming to Atlantis (ISO3; born abroad)', text: (c, i) => country(c.pop.persons.previousResidence[i]!) },
  { name: 'q_work', label: 'Last week, did you work for at least one hour for pay or profit?', valueLabels: YES_NO, num: (c, i) => answer(c.q.worked[i]!) },
  { name: 'q_absent', label: 'Did you have a job or business from which you were temporarily absent?', valueLabels: YES_NO, num: (c, i) => answer(c.q.temporaryAbsence[i]!) },
  { name: 'q_ownuse', label: 'Last week, did you only produce goods for the use of your own household (farming, fishing, ...)?', valueLabels: YES_NO, num: (c, i) => answer(c.q.ownUseOnly[i]!) },
  { name: 'q_search', label: 'In the last four weeks, did you do anything to find a paid job or start a business?', valueLabels: YES_NO, num: (c, i) => answer(c.q.jobSearch[i]!) },
  { name: 'q_future', label: 'Have you already found a job that will start within three months?', valueLabels: YES_NO, num: (c, i) => answer(c.q.futureStarter[i]!) },
  { name: 'q_avail', label: 'Could you start working within the next two weeks if a job were offered?', valueLabels: YES_NO, num: (c, i) => answer(c.q.available[i]!) },
  { name: 'q_want', label: 'Would you like to have a paid job or business?', valueLabels: YES_NO, num: (c, i) => answer(c.q.wantsToWork[i]!) },
  { name: 'q_morehrs', label: 'Would you like to work more hours than you usually do?', valueLabels: YES_NO, num: (c, i) => answer(c.q.wantsMoreHours[i]!) },
  { name: 'q_availhrs', label: 'Could you start working more hours within the next two weeks?', valueLabels: YES_NO, num: (c, i) => answer(c.q.availableMoreHours[i]!) },
  { name: 'hrs_usual', label: 'Hours usually worked per week, all jobs', num: (c, i) => code(c.q.hoursUsual[i]!, NA) },
  { name: 'hrs_actual', label: 'Hours actually worked last week, all jobs', num: (c, i) => code(c.q.hoursActual[i]!, NA) },
  { name: 'isco2', label: 'Occupation, main job (ISCO-08 sub-major group, 2 digits; 1-3 armed forces)', num: (c, i) => code(c.q.occupation[i]!, NA) },
  { name: 'isic', label: 'Industry, main job (ISIC Rev.4 section)', text: (c, i) => (c.q.industry[i] ? ISIC4_SECTIONS[c.q.industry[i]! - 1]!.section : null) },
  { name: 'icse18', label: 'Status in employment, main job (ICSE-18)', valueLabels: ICSE18, num: (c, i) => code(c.q.icse18[i]!, 0) },
  { name: 'icse93', label: 'Status in employment, main job (ICSE-93)', valueLabels: ICSE93, num: (c, i) => code(c.q.icse93[i]!, 0) },
  { name: 'soc_ins', label: 'Does your employer pay social insurance contributions for you? (employees)', valueLabels: YES_NO, num: (c, i) => answer(c.q.socialInsurance[i]!) },
  { name: 'paid_leave', label: 'Are you entitled to paid annual leave? (employees)', valueLabels: YES_NO, num: (c, i) => answer(c.q.paidAnnualLeave[i]!) },
  { name: 'sick_leave', label: 'Are you entitled to paid sick leave? (employees)', valueLabels: YES_NO, num: (c, i) => answer(c.q.paidSickLeave[i]!) },
  { name: 'unit_reg', label: 'Is the business registered? (employers, own-account workers, dependent contractors)', valueLabels: YES_NO, num: (c, i) => answer(c.q.unitRegistered[i]!) },
  { name: 'earn_month', label: 'Monthly earnings from the main job, ATD (employees)', num: (c, i) => c.q.earnings[i]! },
  { name: 'abroad_work', label: 'Have you ever worked or looked for work in another country?', valueLabels: YES_NO, num: (c, i) => answer(c.pop.persons.workedAbroad[i]!) },
  { name: 'abroad_last', label: 'Last country where you worked or looked for work abroad (ISO3)', text: (c, i) => country(c.pop.persons.lastCountryAbroad[i]!) },
  { name: 'abroad_years', label: 'Years spent abroad in that stay', num: (c, i) => code(c.pop.persons.yearsAbroad[i]!, NA) },
  { name: 'return_year', label: 'Year of return from that stay', num: (c, i) => code(c.pop.persons.yearOfReturn[i]!, 0) },
];

const areaCounts = new WeakMap<Population, Int32Array>();
/** Enumeration areas of each stratum (1..10) in the frame. */
export function areasInStratum(pop: Population): Int32Array {
  let counts = areaCounts.get(pop);
  if (!counts) {
    counts = new Int32Array(11);
    for (let e = 0; e < pop.areas.count; e++) counts[pop.areas.stratum[e]!]!++;
    areaCounts.set(pop, counts);
  }
  return counts;
}

/** Months in the country at the quarter: three more in the second quarter. */
function monthsInCountry(c: PersonContext, i: number): number {
  const m = c.pop.persons.monthsInCountry[i]!;
  return m < 0 ? NaN : m + (c.q.quarter === '2024Q2' ? 3 : 0);
}

/** A table with numeric columns added (or replaced), with their labels. */
export function withColumns(table: Table, extra: Readonly<Record<string, NewColumn>>): Table {
  const columns = new Map<string, Column>(table.columns);
  const meta = new Map<string, ColumnMeta>(table.meta.columns);
  for (const [name, { values, label }] of Object.entries(extra)) {
    columns.set(name, { kind: 'number', values });
    meta.set(name, { label });
  }
  return new Table([...new Set([...table.names, ...Object.keys(extra)])], columns, table.nrows, table.source, { ...table.meta, columns: meta });
}

/** Builds a table from column definitions over the given population rows, with labels as metadata; `extra` columns are appended. */
function buildTable<Ctx>(defs: readonly ColumnDef<Ctx>[], ctx: Ctx, rows: Int32Array, extra: Readonly<Record<string, NewColumn>>, fileLabel: string): Table {
  const columns = new Map<string, Column>();
  const meta = new Map<string, ColumnMeta>();
  for (const d of defs) {
    if (d.num) {
      const f = d.num;
      columns.set(d.name, { kind: 'number', values: Float64Array.from(rows, (i) => f(ctx, i)) });
    } else {
      const f = d.text!;
      columns.set(d.name, encode(Array.from(rows, (i) => f(ctx, i))));
    }
    meta.set(d.name, { label: d.label, ...(d.valueLabels ? { valueLabels: d.valueLabels } : {}) });
  }
  for (const [name, { values, label }] of Object.entries(extra)) {
    columns.set(name, { kind: 'number', values });
    meta.set(name, { label });
  }
  return new Table([...columns.keys()], columns, rows.length, '<atlantis>', { columns: meta, fileLabel });
}

/** The persons of the responding households of a round, in sample order, and each one's row in the round. */
export function respondingPersons(pop: Population, round: RoundSample): { persons: Int32Array; sampleRow: Int32Array } {
  const persons: number[] = [];
  const sampleRow: number[] = [];
  round.household.forEach((h, k) => {
    if (!round.responded[k]) return;
    const first = pop.households.firstPerson[h]!;
    for (let j = 0; j < pop.households.size[h]!; j++) {
      persons.push(first + j);
      sampleRow.push(k);
    }
  });
  return { persons: Int32Array.from(persons), sampleRow: Int32Array.from(sampleRow) };
}

/** The person table of a round: usual residents of responding households, with their household's rotation group. */
export function personTable(pop: Population, q: QuarterOutcomes, round: RoundSample, extra: Readonly<Record<string, NewColumn>> = {}): Table {
  const { persons, sampleRow } = respondingPersons(pop, round);
  const rotation = Float64Array.from(sampleRow, (k) => round.rotation[k]!);
  const table = buildTable(PERSON_COLUMNS, { pop, q }, persons, { rotation: { values: rotation, label: 'Rotation group of the household' }, ...extra }, `Atlantis LFS ${q.quarter}: persons`);
  const meta = new Map(table.meta.columns);
  meta.set('rotation', { label: 'Rotation group of the household', valueLabels: ROTATION });
  return new Table(table.names, table.columns, table.nrows, table.source, { ...table.meta, columns: meta });
}

/** The household table of a round: every selected household, respondent or not, with its design and weighting variables. */
export function householdTable(pop: Population, round: RoundSample, extra: Readonly<Record<string, NewColumn>>): Table {
  const H = pop.households;
  const defs: ColumnDef<RoundSample>[] = [
    { name: 'hh_id', label: 'Household identifier', num: (r, k) => r.household[k]! + 1 },
    { name: 'region', label: 'Region', valueLabels: REGION, num: (r, k) => H.region[r.household[k]!]! },
    { name: 'urban', label: 'Area type', valueLabels: URBAN, num: (r, k) => H.urban[r.household[k]!]! },
    { name: 'stratum', label: 'Design stratum (region x area type)', valueLabels: STRATUM, num: (r, k) => H.stratum[r.household[k]!]! },
    { name: 'ea', label: 'Enumeration area (primary sampling unit)', num: (r, k) => H.ea[r.household[k]!]! + 1 },
    { name: 'ea_total', label: 'Enumeration areas in the stratum (frame count: first-stage fpc)', num: (r, k) => areasInStratum(pop)[H.stratum[r.household[k]!]!]! },
    { name: 'rotation', label: 'Rotation group', valueLabels: ROTATION, num: (r, k) => r.rotation[k]! },
    { name: 'size_class', label: 'Household size at listing (nonresponse class)', valueLabels: SIZE_CLASS, num: (r, k) => sizeClass(H.size[r.household[k]!]!) },
    { name: 'responded', label: 'The household responded', valueLabels: YES_NO, num: (r, k) => (r.responded[k] ? 1 : 2) },
    { name: 'base_weight', label: 'Design weight 1 / (pi1 pi2)', num: (r, k) => r.baseWeight[k]! },
  ];
  return buildTable(defs, round, Int32Array.from(round.household, (_, k) => k), extra, `Atlantis LFS ${round.quarter}: selected households`);
}

/** The absent-member table of a round: members living abroad reported by responding households. */
export function absentTable(pop: Population, round: RoundSample, extra: (sampleRow: Int32Array) => Readonly<Record<string, NewColumn>>): Table {
  const A = pop.absent;
  const rowOf = new Map<number, number>();
  round.household.forEach((h, k) => {
    if (round.responded[k]) rowOf.set(h, k);
  });
  const rows: number[] = [];
  const sampleRow: number[] = [];
  for (let j = 0; j < A.count; j++) {
    const k = rowOf.get(A.household[j]!);
    if (k === undefined) continue;
    rows.push(j);
    sampleRow.push(k);
  }
  const defs: ColumnDef<Population>[] = [
    { name: 'hh_id', label: 'Household identifier', num: (p, j) => p.absent.household[j]! + 1 },
    { name: 'am_line', label: 'Line number of the member living abroad', num: (p, j) => p.absent.line[j]! },
    { name: 'sex', label: 'Sex', valueLabels: SEX, num: (p, j) => p.absent.sex[j]! },
    { name: 'age', label: 'Age in completed years', num: (p, j) => p.absent.age[j]! },
    { name: 'citizen', label: 'Country of citizenship (ISO3)', text: (p, j) => country(p.absent.citizenship[j]!) },
    { name: 'country_res', label: 'Country where the member lives now (ISO3)', text: (p, j) => country(p.absent.residence[j]!) },
    { name: 'years_abroad', label: 'Years since the member left', num: (p, j) => p.absent.yearsAbroad[j]! },
    { name: 'reason_left', label: 'Main reason for leaving', valueLabels: ABSENT_REASON, num: (p, j) => p.absent.reason[j]! },
    { name: 'work_abroad', label: 'Is the member working abroad?', valueLabels: YES_NO, num: (p, j) => p.absent.working[j]! },
  ];
  const sr = Int32Array.from(sampleRow);
  return buildTable(defs, pop, Int32Array.from(rows), extra(sr), `Atlantis LFS ${round.quarter}: household members living abroad`);
}

/** The whole population as a person source for one quarter (columns computed on first use): the truth's input. */
export function populationSource(pop: Population, q: QuarterOutcomes): PersonSource {
  const ctx: PersonContext = { pop, q };
  const defs = new Map(PERSON_COLUMNS.map((d) => [d.name, d]));
  const cache = new Map<string, Float64Array | (string | null)[]>();
  const n = pop.persons.count;
  const get = (name: string): Float64Array | (string | null)[] => {
    let v = cache.get(name);
    if (v) return v;
    const d = defs.get(name);
    if (!d) throw new Error(`no person column "${name}"`);
    v = d.num ? Float64Array.from({ length: n }, (_, i) => d.num!(ctx, i)) : Array.from({ length: n }, (_, i) => d.text!(ctx, i));
    cache.set(name, v);
    return v;
  };
  return { n, num: (name) => get(name) as Float64Array, text: (name) => get(name) as (string | null)[] };
}

/** A person file read back (any format) as a person source. */
export function tableSource(table: Table): PersonSource {
  return {
    n: table.nrows,
    num: (name) => {
      const c = table.column(name);
      if (c.kind !== 'number') throw new Error(`${table.source}: column "${name}" is not numeric`);
      return c.values;
    },
    text: (name) => {
      const c = table.column(name);
      if (c.kind === 'number') return Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)));
      return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]!));
    },
  };
}

/** Rows [from, to) of the whole population as a person table of one quarter (benchmark files). */
export function populationTable(pop: Population, q: QuarterOutcomes, from: number, to: number): Table {
  return buildTable(PERSON_COLUMNS, { pop, q }, Int32Array.from({ length: to - from }, (_, k) => from + k), {}, `Atlantis population ${q.quarter}`);
}
