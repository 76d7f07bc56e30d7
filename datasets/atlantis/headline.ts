/**
 * Headline indicators of the Atlantis LFS, defined once for the truth (computed on the whole population) and for the
 * estimates (computed on a sample with its weights): labour force status by the 19th ICLS from the questionnaire
 * items (src/concepts), migrant status by country of birth (ILO default) and by citizenship (20th ICLS guidelines),
 * and the cells of the headline table as ratios or totals of person-level variables within a domain.
 */
import { LF_STATUS, labourForceStatus, potentialLabourForce, timeRelatedUnderemployment } from '../../src/concepts/labour-force-status.js';
import { type MigrantCriterion, migrantStatus } from '../../src/concepts/migrant-status.js';
import type { Table } from '../../src/io/table.js';
import type { SurveyDesign } from '../../src/survey/design.js';
import { type EstimateRow, type StatRequest, estimate } from '../../src/survey/estimate.js';
import type { ReplicateDesign } from '../../src/survey/replicate-design.js';
import { ATL, QUARTERS, UNDEREMPLOYMENT_HOURS, type Quarter } from './country.js';
import { type NewColumn, withColumns } from './tables.js';

/** Person-level columns by their name in the person file: numbers (NaN missing) or text (null missing). */
export interface PersonSource {
  readonly n: number;
  num(name: string): ArrayLike<number>;
  text(name: string): ArrayLike<string | null>;
}

/** Members living abroad, by the household identifier of the person file. */
export interface AbsentSource {
  readonly hhId: ArrayLike<number>;
  readonly sex: ArrayLike<number>;
  readonly age: ArrayLike<number>;
  readonly citizenship: ArrayLike<string | null>;
}

/** Yes/no answers coded 1 yes, 2 no (missing otherwise) as the concepts' 1 / 0 / NaN. */
export function yesNo(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x, (v) => (v === 1 ? 1 : v === 2 ? 0 : NaN));
}

/** Person-level 0/1 (or amount) variables the headline cells are ratios and totals of. */
export type Derived = Readonly<Record<string, Float64Array>>;

/** Derives the headline variables of every person (labour force status by the 19th ICLS; migrant status both ways). */
export function derive(src: PersonSource, absent?: AbsentSource): Derived {
  const n = src.n;
  const age = src.num('age');
  const lf = labourForceStatus({
    age, worked: yesNo(src.num('q_work')), temporaryAbsence: yesNo(src.num('q_absent')), ownUseProductionOnly: yesNo(src.num('q_ownuse')),
    jobSearch: yesNo(src.num('q_search')), available: yesNo(src.num('q_avail')), futureStarter: yesNo(src.num('q_future')),
  });
  if (lf.undetermined.count > 0) throw new Error(`labour force status undetermined for ${lf.undetermined.count} persons: ${JSON.stringify(lf.undetermined.reasons)}`);
  const status = lf.status;
  const plf = potentialLabourForce({ jobSearch: yesNo(src.num('q_search')), available: yesNo(src.num('q_avail')), wantsToWork: yesNo(src.num('q_want')) }, status);
  const tru = timeRelatedUnderemployment({ status, wantsMoreHours: yesNo(src.num('q_morehrs')), availableMoreHours: yesNo(src.num('q_availhrs')), hours: src.num('hrs_actual') }, UNDEREMPLOYMENT_HOURS);
  const input = { countryOfBirth: src.text('cob'), citizenship: src.text('citizen') };
  const byBirth = migrantStatus(input, { country: ATL, criterion: 'birth' }).migrant;
  const byCitizenship = migrantStatus(input, { country: ATL, criterion: 'citizenship' }).migrant;
  const sex = src.num('sex');
  const icse = src.num('icse18');
  const earnings = src.num('earn_month');
  const months = src.num('months_here');
  const reason = src.num('reason');
  const abroad = src.num('abroad_work');
  const out = {
    one: new Float64Array(n).fill(1), wap: new Float64Array(n), employed: new Float64Array(n), unemployed: new Float64Array(n),
    lf: new Float64Array(n), outside: new Float64Array(n), plf: new Float64Array(n), tru: new Float64Array(n), lu3_num: new Float64Array(n),
    lu3_den: new Float64Array(n), employee: new Float64Array(n), earnings: new Float64Array(n), return_worker: new Float64Array(n),
    for_work_recent: new Float64Array(n), nationals_abroad: new Float64Array(n), nationals_abroad_M: new Float64Array(n),
    nationals_abroad_F: new Float64Array(n), sex: Float64Array.from(sex),
    migrant_birth: Float64Array.from(byBirth), migrant_citizenship: Float64Array.from(byCitizenship),
  };
  for (let i = 0; i < n; i++) {
    const s = status[i]!;
    if (s === LF_STATUS.notWorkingAge) continue;
    out.wap[i] = 1;
    out.employed[i] = s === LF_STATUS.employed ? 1 : 0;
    out.unemployed[i] = s === LF_STATUS.unemployed ? 1 : 0;
    out.lf[i] = out.employed[i]! + out.unemployed[i]!;
    out.outside[i] = s === LF_STATUS.outside ? 1 : 0;
    out.plf[i] = plf[i] === 1 ? 1 : 0;
    out.tru[i] = tru[i] === 1 ? 1 : 0;
    out.lu3_num[i] = out.unemployed[i]! + out.plf[i]!;
    out.lu3_den[i] = out.lf[i]! + out.plf[i]!;
    if (s === LF_STATUS.employed && icse[i]! >= 41 && icse[i]! <= 44) {
      out.employee[i] = 1;
      out.earnings[i] = earnings[i]!;
    }
    out.return_worker[i] = abroad[i] === 1 ? 1 : 0;
    // for-work international migrants of the last 12 months: arrived within it, to take up or seek work (20th ICLS)
    out.for_work_recent[i] = byBirth[i] === 1 && months[i]! < 12 && (reason[i] === 1 || reason[i] === 2) ? 1 : 0;
  }
  if (absent) {
    // nationals abroad (working age, Atlantean citizens), counted on the household head's row
    const headRow = new Map<number, number>();
    const hh = src.num('hh_id');
    const line = src.num('line');
    for (let i = 0; i < n; i++) if (line[i] === 1) headRow.set(hh[i]!, i);
    for (let j = 0; j < absent.hhId.length; j++) {
      if (absent.citizenship[j] !== ATL || !(absent.age[j]! >= 15)) continue;
      const i = headRow.get(absent.hhId[j]!);
      if (i === undefined) throw new Error(`member abroad ${j + 1}: no household head with hh_id ${absent.hhId[j]}`);
      out.nationals_abroad[i]! += 1;
      (absent.sex[j] === 1 ? out.nationals_abroad_M : out.nationals_abroad_F)[i]! += 1;
    }
  }
  return out;
}

/** A cell of the headline table: a total, or a ratio of totals, of derived variables within a sex x migrant domain. */
export interface Cell {
  readonly id: string;
  readonly quarter: Quarter;
  readonly indicator: string;
  readonly unit: 'count' | 'rate' | 'share' | 'mean';
  readonly sex: 'T' | 'M' | 'F';
  readonly criterion: MigrantCriterion;
  readonly group: 'total' | 'migrant' | 'non-migrant';
  readonly numerator: string;
  readonly denominator?: string;
  /** The estimate equals a calibration total: it has no sampling error. */
  readonly calibrated?: boolean;
  /** `sex` is that of the members abroad the numerator counts, not a domain of persons. */
  readonly sexOfMembers?: boolean;
}

const SEXES = ['T', 'M', 'F'] as const;
const GROUPS = ['total', 'migrant', 'non-migrant'] as const;
const COUNTS = [['WAP', 'wap'], ['LF', 'lf'], ['EMP', 'employed'], ['UNE', 'unemployed'], ['OLF', 'outside']] as const;
const RATES = [['LFPR', 'lf', 'wap'], ['EPR', 'employed', 'wap'], ['UR', 'unemployed', 'lf']] as const;

/** The headline cells of each quarter. */
export function headlineCells(): Cell[] {
  const cells: Cell[] = [];
  for (const quarter of QUARTERS) {
    const add = (c: Omit<Cell, 'id' | 'quarter'>): void => {
      cells.push({ id: `${quarter}/${c.indicator}/${c.sex}/${c.criterion}/${c.group}`, quarter, ...c });
    };
    for (const sex of SEXES) {
      for (const group of GROUPS) {
        for (const [indicator, numerator] of COUNTS) add({ indicator, unit: 'count', sex, criterion: 'birth', group, numerator, ...(indicator === 'WAP' && sex === 'T' && group === 'total' ? { calibrated: true } : {}) });
        for (const [indicator, numerator, denominator] of RATES) add({ indicator, unit: 'rate', sex, criterion: 'birth', group, numerator, denominator });
      }
      for (const [indicator, numerator] of [['MIG_SHARE_WAP', 'wap'], ['MIG_SHARE_LF', 'lf'], ['MIG_SHARE_EMP', 'employed']] as const) {
        add({ indicator, unit: 'share', sex, criterion: 'birth', group: 'total', numerator: `${numerator}*migrant_birth`, denominator: numerator });
      }
      for (const group of ['migrant', 'non-migrant'] as const) add({ indicator: 'EARN_MEAN', unit: 'mean', sex, criterion: 'birth', group, numerator: 'earnings', denominator: 'employee' });
      add({ indicator: 'RETURN_WORKERS', unit: 'count', sex, criterion: 'birth', group: 'total', numerator: 'return_worker' });
      add({ indicator: 'NATIONALS_ABROAD', unit: 'count', sex, criterion: 'birth', group: 'total', numerator: sex === 'T' ? 'nationals_abroad' : `nationals_abroad_${sex}`, sexOfMembers: true });
    }
    for (const group of ['migrant', 'non-migrant'] as const) {
      add({ indicator: 'LF', unit: 'count', sex: 'T', criterion: 'citizenship', group, numerator: 'lf' });
      add({ indicator: 'LFPR', unit: 'rate', sex: 'T', criterion: 'citizenship', group, numerator: 'lf', denominator: 'wap' });
      add({ indicator: 'UR', unit: 'rate', sex: 'T', criterion: 'citizenship', group, numerator: 'unemployed', denominator: 'lf' });
    }
    for (const group of GROUPS) {
      add({ indicator: 'TRU_RATE', unit: 'rate', sex: 'T', criterion: 'birth', group, numerator: 'tru', denominator: 'employed' });
      add({ indicator: 'LU3', unit: 'rate', sex: 'T', criterion: 'birth', group, numerator: 'lu3_num', denominator: 'lu3_den' });
    }
    add({ indicator: 'FOR_WORK_MIGRANTS_12M', unit: 'count', sex: 'T', criterion: 'birth', group: 'total', numerator: 'for_work_recent' });
  }
  return cells;
}

/** A cell's variable: a derived variable, or a product `a*b` of two. */
function factors(d: Derived, name: string): [Float64Array, Float64Array | undefined] {
  const [a, b] = name.split('*');
  const x = d[a!];
  const y = b === undefined ? undefined : d[b];
  if (!x || (b !== undefined && !y)) throw new Error(`no derived variable "${!x ? a : b}"`);
  return [x, y];
}

/** Values of a cell's variable per person. */
export function cellVariable(d: Derived, name: string): Float64Array {
  const [x, y] = factors(d, name);
  return y ? Float64Array.from(x, (v, i) => v * y[i]!) : x;
}

/** The domain of a cell: wanted sex code (0 any) and migrant code (-1 any) on the criterion's migrant variable. */
function domainOf(d: Derived, cell: Cell): { sex: number; migrant: Float64Array; want: number } {
  return {
    sex: cell.sexOfMembers || cell.sex === 'T' ? 0 : cell.sex === 'M' ? 1 : 2,
    migrant: cell.criterion === 'birth' ? d.migrant_birth! : d.migrant_citizenship!,
    want: cell.group === 'migrant' ? 1 : cell.group === 'non-migrant' ? 0 : -1,
  };
}

/** 1 for the persons in a cell's sex x migrant domain, 0 elsewhere. */
export function cellDomain(d: Derived, cell: Cell): Float64Array {
  const { sex, migrant, want } = domainOf(d, cell);
  return Float64Array.from(d.sex!, (s, i) => ((sex === 0 || s === sex) && (want < 0 || migrant[i] === want) ? 1 : 0));
}

/**
 * A cell's support: the persons (members abroad for NATIONALS_ABROAD, employees for a mean) its numerator counts in the
 * population; times the sampling fraction it is the expected sample count, which says whether a z-score is meaningful.
 */
export function cellSupport(d: Derived, cell: Cell): number {
  return cellValue(d, cell.unit === 'mean' ? { ...cell, numerator: cell.denominator!, denominator: undefined } : { ...cell, denominator: undefined });
}

/** A cell's value with weights w (1 for the population truth): sum of w x numerator over the domain, over the denominator's. */
export function cellValue(d: Derived, cell: Cell, w?: ArrayLike<number>): number {
  const { sex, migrant, want } = domainOf(d, cell);
  const sexOf = d.sex!;
  const [x, y] = factors(d, cell.numerator);
  const [u, v] = cell.denominator ? factors(d, cell.denominator) : [undefined, undefined];
  let a = 0;
  let b = 0;
  for (let i = 0; i < sexOf.length; i++) {
    if ((sex !== 0 && sexOf[i] !== sex) || (want >= 0 && migrant[i] !== want)) continue;
    const wi = w ? w[i]! : 1;
    a += wi * x[i]! * (y ? y[i]! : 1);
    if (u) b += wi * u[i]! * (v ? v[i]! : 1);
  }
  return u ? a / b : a;
}

/**
 * Estimates of headline cells on a design over a person file whose derived variables are `d`: totals, or ratios of
 * domain totals (the ratio estimator; domains never subset the design).
 */
export function estimateCells(design: SurveyDesign | ReplicateDesign, d: Derived, cells: readonly Cell[]): EstimateRow[] {
  const extra: Record<string, NewColumn> = {};
  const requests: StatRequest[] = cells.map((c, k) => {
    const dom = cellDomain(d, c);
    const times = (x: Float64Array): NewColumn => ({ values: Float64Array.from(x, (v, i) => v * dom[i]!), label: c.id });
    extra[`num${k}`] = times(cellVariable(d, c.numerator));
    if (!c.denominator) return { statistic: 'total', variable: `num${k}` };
    extra[`den${k}`] = times(cellVariable(d, c.denominator));
    return { statistic: 'ratio', numerator: `num${k}`, denominator: `den${k}` };
  });
  const data = withColumns(design.data as Table, extra);
  return estimate({ ...design, data }, requests).results;
}
