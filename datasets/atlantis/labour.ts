/**
 * Labour market of the Atlantis population, one quarter at a time: a latent labour force status (19th ICLS) drawn
 * from a participation and an unemployment model, the answers to the LFS labour force questions that status implies
 * (with the questionnaire's skip pattern), and the job of the employed (ISCO-08, ISIC Rev.4, ICSE-18/93, informality
 * markers, hours and monthly earnings with a migrant pay gap). Persons keep their latent draws between quarters with
 * high probability, so that the two rounds are correlated as real panel rounds are.
 */
import { LF_STATUS } from '../../src/concepts/labour-force-status.js';
import { CORRIDORS, type Quarter } from './country.js';
import { SeededRandom, between, chance, childSeed, logistic, normal, pick } from './draw.js';
import { NA, NO_SCHOOLING, type Population } from './population.js';

/** Yes/no answers: 1 yes, 2 no, 0 not asked. */
export const YES = 1;
export const NO = 2;
export const NOT_ASKED = 0;

export interface QuarterOutcomes {
  readonly quarter: Quarter;
  /** The latent status the answers were drawn from (LF_STATUS codes); the shipped data carry only the answers. */
  readonly latent: Uint8Array;
  readonly worked: Uint8Array;
  readonly temporaryAbsence: Uint8Array;
  readonly ownUseOnly: Uint8Array;
  readonly jobSearch: Uint8Array;
  readonly futureStarter: Uint8Array;
  readonly available: Uint8Array;
  readonly wantsToWork: Uint8Array;
  readonly wantsMoreHours: Uint8Array;
  readonly availableMoreHours: Uint8Array;
  /** Hours per week, NA when not employed. */
  readonly hoursUsual: Uint8Array;
  readonly hoursActual: Uint8Array;
  /** ISCO-08 sub-major group (2 digits, 1-3 for armed forces), NA when not employed. */
  readonly occupation: Uint8Array;
  /** ISIC Rev.4 section as 1 (A) .. 21 (U), 0 when not employed. */
  readonly industry: Uint8Array;
  readonly icse18: Uint8Array;
  readonly icse93: Uint8Array;
  readonly socialInsurance: Uint8Array;
  readonly paidAnnualLeave: Uint8Array;
  readonly paidSickLeave: Uint8Array;
  readonly unitRegistered: Uint8Array;
  /** Monthly earnings of employees (ICSE-18 41-44), NaN otherwise. */
  readonly earnings: Float64Array;
}

/** A person's job, drawn once: used in every quarter the person is employed. */
interface Jobs {
  readonly occupation: Uint8Array;
  readonly industry: Uint8Array;
  readonly icse18: Uint8Array;
  readonly hoursUsual: Uint8Array;
  readonly socialInsurance: Uint8Array;
  readonly paidAnnualLeave: Uint8Array;
  readonly paidSickLeave: Uint8Array;
  readonly unitRegistered: Uint8Array;
  readonly earnings: Float64Array;
}

/** Sub-major groups of each ISCO-08 major group (index 0 = armed forces). */
const SUB_MAJOR: readonly (readonly number[])[] = [
  [1, 2, 3], [11, 12, 13, 14], [21, 22, 23, 24, 25, 26], [31, 32, 33, 34, 35], [41, 42, 43, 44], [51, 52, 53, 54],
  [61, 62, 63], [71, 72, 73, 74, 75], [81, 82, 83], [91, 92, 93, 94, 95, 96],
];
/** Major group mix by education: low, medium (3-4), high (5-8); index = major group 0..9. */
const MAJOR_BY_EDUCATION = [
  [0.002, 0.01, 0, 0.02, 0.03, 0.2, 0.1, 0.2, 0.14, 0.3],
  [0.005, 0.04, 0.04, 0.14, 0.16, 0.26, 0.04, 0.15, 0.1, 0.07],
  [0.003, 0.12, 0.45, 0.22, 0.08, 0.08, 0.005, 0.02, 0.01, 0.02],
];
const SECTIONS = 'ABCDEFGHIJKLMNOPQRSTU';
const section = (letter: string): number => SECTIONS.indexOf(letter) + 1;
/** Industry mix by major group: [section letter, weight]. */
const INDUSTRY_BY_MAJOR: readonly (readonly (readonly [string, number])[])[] = [
  [['O', 1]],
  [['G', 0.2], ['C', 0.15], ['K', 0.1], ['M', 0.15], ['O', 0.15], ['P', 0.1], ['Q', 0.15]],
  [['M', 0.2], ['P', 0.25], ['Q', 0.25], ['J', 0.15], ['K', 0.1], ['O', 0.05]],
  [['M', 0.15], ['K', 0.15], ['C', 0.15], ['Q', 0.15], ['J', 0.1], ['O', 0.15], ['G', 0.15]],
  [['O', 0.2], ['K', 0.15], ['G', 0.2], ['H', 0.15], ['N', 0.15], ['Q', 0.15]],
  [['G', 0.33], ['I', 0.3], ['Q', 0.1], ['S', 0.1], ['T', 0.12], ['O', 0.05]],
  [['A', 1]],
  [['F', 0.5], ['C', 0.4], ['S', 0.1]],
  [['C', 0.5], ['H', 0.35], ['B', 0.05], ['D', 0.05], ['E', 0.05]],
  [['N', 0.2], ['A', 0.22], ['F', 0.15], ['T', 0.18], ['I', 0.12], ['G', 0.13]],
];
/** Log-earnings effects of education (EDUCATION_CODES order: X, 1..8) and of the ISCO major group (0..9). */
const PAY_EDUCATION: Readonly<Record<number, number>> = { 10: -0.45, 1: -0.35, 2: -0.25, 3: 0, 4: 0.08, 5: 0.2, 6: 0.4, 7: 0.6, 8: 0.75 };
const PAY_MAJOR = [0.1, 0.5, 0.35, 0.2, 0, -0.1, -0.2, 0, 0, -0.25];
/** ICSE-93 group of each ICSE-18 category (owner-operators of corporations count as employees in ICSE-93). */
export const ICSE93_OF_ICSE18: Readonly<Record<number, number>> = { 11: 2, 12: 2, 21: 1, 22: 3, 30: 3, 41: 1, 42: 1, 43: 1, 44: 1, 51: 5 };

const educationLevel = (code: number): number => (code === NO_SCHOOLING || code <= 2 ? 0 : code <= 4 ? 1 : 2);

/** Draws every person's job (used when employed): occupation, industry, status, usual hours, informality markers, earnings. */
function drawJobs(pop: Population, rng: SeededRandom): Jobs {
  const P = pop.persons;
  const n = P.count;
  const jobs: Jobs = {
    occupation: new Uint8Array(n).fill(NA), industry: new Uint8Array(n), icse18: new Uint8Array(n), hoursUsual: new Uint8Array(n).fill(NA),
    socialInsurance: new Uint8Array(n), paidAnnualLeave: new Uint8Array(n), paidSickLeave: new Uint8Array(n), unitRegistered: new Uint8Array(n),
    earnings: new Float64Array(n).fill(NaN),
  };
  for (let i = 0; i < n; i++) {
    const age = P.age[i]!;
    if (age < 15) continue;
    const c = P.corridor[i]!;
    const migrant = c >= 0;
    const lowPay = migrant && CORRIDORS[c]!.pay < -0.12;
    const rural = pop.households.urban[P.household[i]!] === 2;
    const women = P.sex[i] === 2;
    const recent = migrant && P.monthsInCountry[i]! < 36;
    const mix = [...MAJOR_BY_EDUCATION[educationLevel(P.education[i]!)]!];
    if (migrant) mix[0] = 0;
    if (lowPay) {
      mix[9]! *= 1.7;
      mix[5]! *= 1.25;
      mix[2]! *= 0.6;
      mix[1]! *= 0.5;
    }
    if (rural) mix[6]! *= 3;
    const major = pick(rng, mix);
    let sub = SUB_MAJOR[major]!;
    // women from low-pay corridors in services and elementary jobs: personal care and domestic cleaning
    if (lowPay && women && (major === 5 || major === 9) && chance(rng, 0.5)) sub = [major === 5 ? 53 : 91];
    jobs.occupation[i] = sub[rng.below(sub.length)]!;
    const ind = INDUSTRY_BY_MAJOR[major]!;
    const letter = ind[pick(rng, ind.map(([, w]) => w))]![0];
    jobs.industry[i] = section(sub[0] === 91 && lowPay && women ? 'T' : letter);
    const sec = SECTIONS[jobs.industry[i]! - 1]!;
    const independent = sec === 'A' ? 0.55 : sec === 'G' || sec === 'I' || sec === 'F' ? 0.25 : sec === 'T' || sec === 'O' ? 0 : 0.1;
    let icse: number;
    if (chance(rng, independent * (migrant ? 0.8 : 1))) {
      icse = [11, 12, 21, 22, 30, 51][pick(rng, sec === 'A' ? [0.02, 0.08, 0.01, 0.66, 0.05, 0.18] : [0.1, 0.16, 0.06, 0.5, 0.1, 0.08])]!;
    } else {
      icse = [41, 42, 43, 44][pick(rng, migrant ? [0.55, 0.22, 0.2, 0.03] : age < 25 ? [0.5, 0.2, 0.15, 0.15] : [0.72, 0.15, 0.11, 0.02])]!;
    }
    jobs.icse18[i] = icse;
    const partTime = chance(rng, P.student[i] ? 0.6 : (women ? 0.22 : 0.08) + (migrant ? 0.05 : 0));
    jobs.hoursUsual[i] = partTime ? between(rng, 8, 30) : Math.max(35, Math.min(72, Math.round(42 + normal(rng) * 5)));
    const employee = icse >= 41 && icse <= 44;
    if (employee || icse === 21) {
      let p = icse === 41 || icse === 21 ? 0.88 : icse === 42 ? 0.68 : icse === 43 ? 0.3 : 0.55;
      if (migrant) p *= recent ? 0.68 : 0.86;
      if (sec === 'T') p *= 0.5;
      if (sec === 'A') p *= 0.7;
      const insured = chance(rng, p);
      jobs.socialInsurance[i] = insured ? YES : NO;
      jobs.paidAnnualLeave[i] = chance(rng, insured ? 0.93 : 0.2) ? YES : NO;
      jobs.paidSickLeave[i] = chance(rng, insured ? 0.9 : 0.15) ? YES : NO;
    }
    if (icse !== 51 && !employee) {
      const p = icse === 11 || icse === 21 ? 0.98 : icse === 12 ? 0.75 : icse === 30 ? 0.4 : rural ? 0.3 : 0.45;
      jobs.unitRegistered[i] = chance(rng, p) ? YES : NO;
    }
    if (employee) {
      const experience = Math.min(age - 18, 30);
      const log = 7.6 + PAY_EDUCATION[P.education[i]!]! + PAY_MAJOR[major]! + (women ? -0.12 : 0) + (migrant ? CORRIDORS[c]!.pay : 0) +
        (recent ? -0.1 : 0) + 0.02 * Math.max(experience, 0) - 0.0003 * Math.max(experience, 0) ** 2 +
        0.9 * Math.log(jobs.hoursUsual[i]! / 40) + 0.4 * normal(rng);
      jobs.earnings[i] = Math.round(Math.exp(log) / 10) * 10;
    }
  }
  return jobs;
}

/** Log-odds of labour force participation by sex (1 M, 2 F) and age. */
function participationByAge(sex: number, age: number): number {
  const men = [[20, -1.8], [25, 0.3], [55, 2.4], [60, 1.2], [65, 0.2], [70, -1.5], [200, -3]];
  const women = [[20, -2.1], [25, 0], [55, 1.1], [60, 0.2], [65, -0.8], [70, -2.2], [200, -3.5]];
  for (const [upTo, x] of sex === 1 ? men : women) if (age < upTo!) return x!;
  return -3;
}

/** Participation and unemployment log-odds shifts of a reason for migration (1..6). */
const REASON_PARTICIPATION = [0, 1.2, 0.9, 0, -0.8, -0.4, 0];
const REASON_UNEMPLOYMENT = [0, -0.2, 0.5, 0.1, 0.2, 0.7, 0];

/**
 * Latent uniforms of each person, redrawn between quarters with probability 1 - persistence, and the jobs: the state
 * the generator carries from one quarter to the next.
 */
export interface LabourState {
  readonly participation: Float64Array;
  readonly unemployment: Float64Array;
  readonly rng: SeededRandom;
  readonly jobs: Jobs;
}

export function labourState(pop: Population, seed: number): LabourState {
  const rng = new SeededRandom(childSeed(seed, 2));
  const n = pop.persons.count;
  const participation = new Float64Array(n);
  const unemployment = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    participation[i] = rng.next();
    unemployment[i] = rng.next();
  }
  return { participation, unemployment, rng, jobs: drawJobs(pop, rng) };
}

/** Draws one quarter: persons' latent draws persist with probability 0.88 from the previous quarter. */
export function drawQuarter(pop: Population, state: LabourState, quarter: Quarter, previous?: QuarterOutcomes): QuarterOutcomes {
  const P = pop.persons;
  const n = P.count;
  const { rng, jobs } = state;
  if (previous) {
    for (let i = 0; i < n; i++) {
      if (!chance(rng, 0.88)) state.participation[i] = rng.next();
      if (!chance(rng, 0.88)) state.unemployment[i] = rng.next();
    }
  }
  const q2 = quarter === '2024Q2';
  const u8 = () => new Uint8Array(n);
  const out: QuarterOutcomes = {
    quarter, latent: u8(), worked: u8(), temporaryAbsence: u8(), ownUseOnly: u8(), jobSearch: u8(), futureStarter: u8(), available: u8(),
    wantsToWork: u8(), wantsMoreHours: u8(), availableMoreHours: u8(), hoursUsual: u8().fill(NA), hoursActual: u8().fill(NA),
    occupation: u8().fill(NA), industry: u8(), icse18: u8(), icse93: u8(), socialInsurance: u8(), paidAnnualLeave: u8(), paidSickLeave: u8(),
    unitRegistered: u8(), earnings: new Float64Array(n).fill(NaN),
  };
  const yn = (b: boolean): number => (b ? YES : NO);
  for (let i = 0; i < n; i++) {
    const age = P.age[i]!;
    if (age < 15) {
      out.latent[i] = LF_STATUS.notWorkingAge;
      continue;
    }
    const sex = P.sex[i]!;
    const women = sex === 2;
    const edu = educationLevel(P.education[i]!);
    const migrant = P.corridor[i]! >= 0;
    const reason = P.reason[i]!;
    const urban = pop.households.urban[P.household[i]!] === 1;
    const recent = migrant && P.monthsInCountry[i]! < 24;
    let eta = participationByAge(sex, age) + (edu === 2 ? (women ? 0.8 : 0.5) : edu === 0 ? -0.4 : 0) + (P.student[i] ? -2 : 0) +
      REASON_PARTICIPATION[reason]! + (reason === 3 ? (women ? -0.5 : 0.2) : 0) + (urban ? (women ? 0.3 : 0.1) : 0);
    if (q2) eta += urban ? 0.08 : 0.2;
    let zeta = -2.9 + (age < 25 ? 0.8 : 0) + (edu === 0 ? 0.4 : edu === 2 ? -0.4 : 0) + (migrant ? 0.3 : 0) + REASON_UNEMPLOYMENT[reason]! +
      (recent ? 0.4 : 0) + (urban ? 0 : 0.15);
    if (q2) zeta -= 0.08;
    const inLf = state.participation[i]! < logistic(eta);
    const status = !inLf ? LF_STATUS.outside : state.unemployment[i]! < logistic(zeta) ? LF_STATUS.unemployed : LF_STATUS.employed;
    out.latent[i] = status;
    if (status === LF_STATUS.employed) {
      const absent = chance(rng, 0.06);
      out.worked[i] = yn(!absent);
      out.temporaryAbsence[i] = absent ? YES : NOT_ASKED;
      const usual = jobs.hoursUsual[i]!;
      out.hoursUsual[i] = usual;
      out.hoursActual[i] = absent ? 0 : chance(rng, 0.08) ? Math.max(1, Math.round(usual * (0.3 + 0.5 * rng.next()))) : Math.max(1, Math.min(98, usual + Math.round(normal(rng) * 3)));
      const wants = chance(rng, usual < 35 ? (migrant ? 0.45 : 0.35) : 0.04);
      out.wantsMoreHours[i] = yn(wants);
      out.availableMoreHours[i] = wants ? yn(chance(rng, 0.8)) : NOT_ASKED;
      out.occupation[i] = jobs.occupation[i]!;
      out.industry[i] = jobs.industry[i]!;
      out.icse18[i] = jobs.icse18[i]!;
      out.icse93[i] = ICSE93_OF_ICSE18[jobs.icse18[i]!]!;
      out.socialInsurance[i] = jobs.socialInsurance[i]!;
      out.paidAnnualLeave[i] = jobs.paidAnnualLeave[i]!;
      out.paidSickLeave[i] = jobs.paidSickLeave[i]!;
      out.unitRegistered[i] = jobs.unitRegistered[i]!;
      out.earnings[i] = jobs.earnings[i]!;
      continue;
    }
    out.worked[i] = NO;
    out.temporaryAbsence[i] = NO;
    // own-use production only (subsistence farming, mostly rural): not employment under the 19th ICLS
    out.ownUseOnly[i] = yn(chance(rng, (urban ? 0.02 : 0.09) * (status === LF_STATUS.outside ? 1 : 0.3)));
    if (status === LF_STATUS.unemployed) {
      const starter = chance(rng, 0.15);
      out.jobSearch[i] = yn(!starter);
      out.futureStarter[i] = starter ? YES : NOT_ASKED;
      out.available[i] = YES;
      continue;
    }
    // outside: unavailable jobseekers, available potential jobseekers, willing non-jobseekers, others
    const kind = pick(rng, [0.025, migrant ? 0.075 : 0.05, 0.04, migrant ? 0.86 : 0.885]);
    out.jobSearch[i] = yn(kind === 0);
    out.futureStarter[i] = kind === 0 ? NOT_ASKED : NO;
    out.available[i] = yn(kind === 1);
    out.wantsToWork[i] = kind === 0 ? NOT_ASKED : yn(kind === 1 || kind === 2);
  }
  return out;
}
