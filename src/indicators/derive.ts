/**
 * From the standard table (profile/apply.ts) to the derived variables and classifications of the indicator catalogue,
 * with the concepts of src/concepts: labour force status (19th ICLS, or 13th), usual residence (12-month rule),
 * migrant status (one criterion per dataset), potential labour force, time-related underemployment, informality
 * (21st ICLS, or 17th), for-work and return migrant workers, nationals abroad, and ILOSTAT classification codes.
 * Every person left out of the working-age population is counted with its reason.
 */
import { ageBandCodes, icse93Codes, iloRegionCodes, incomeGroupCodes, iscedAggregateCodes, iscoMajorGroupCodes, isicSectionCodes, AGE_BREAKDOWNS, EDU_AGGREGATE_BREAKDOWN, ICSE93_BREAKDOWN, ILO_REGION_BREAKDOWNS, INCOME_GROUP_BREAKDOWN, ISCO08_BREAKDOWN, ISIC4_BREAKDOWN } from '../concepts/derived-groups.js';
import { type InformalityStandard, informalEmployment } from '../concepts/informality.js';
import { forWorkMigrants, nationalsAbroad, returnMigrantWorkers } from '../concepts/international-migrant-workers.js';
import { LF_STATUS, type LabourForceStandard, labourForceStatus, potentialLabourForce, timeRelatedUnderemployment } from '../concepts/labour-force-status.js';
import { type MigrantCriterion, chooseMigrantCriterion, ilostatMigrantCodes, migrantStatus, migrantStatusBreakdown } from '../concepts/migrant-status.js';
import { type ResidenceRule, usualResident } from '../concepts/usual-residence.js';
import type { SurveyData } from '../survey/data.js';
import type { ClassificationName, DerivedVariable } from './catalogue.js';
import type { Breakdown } from './cell.js';
import type { DerivedClassification, DerivedData } from './compute.js';
import { IndicatorError } from './errors.js';

export interface DeriveOptions {
  /** ISO3 code of the country of measurement (profile `survey.country`). */
  readonly country: string;
  /** Default: birth when the table has country of birth, else citizenship (chooseMigrantCriterion). */
  readonly criterion?: MigrantCriterion;
  /** Default ICLS19. */
  readonly standard?: LabourForceStandard;
  readonly workingAgeMin?: number;
  /** Time-related underemployment: hours threshold and which hours (profile `labour_force`); required with the items. */
  readonly underemploymentThreshold?: number;
  readonly underemploymentHours?: 'actual' | 'usual';
  /** Default ICLS21. */
  readonly informality?: InformalityStandard;
  /** Default 12-months. */
  readonly residenceRule?: ResidenceRule;
  /** For-work migrants: arrived within this many months; default 12. */
  readonly forWorkPeriodMonths?: number;
  /** Countries of origin tabulated one by one (the largest by unweighted migrant labour force); default 10. */
  readonly topCountries?: number;
}

/** What derivation decided and left out, for the run metadata. */
export interface Derivation {
  readonly data: DerivedData;
  readonly criterion: MigrantCriterion;
  readonly standard: LabourForceStandard;
  readonly informality: InformalityStandard;
  readonly residenceRule: ResidenceRule;
  readonly workingAgeMin: number;
  /** Rows left out of the working-age population (or of a classification), by reason. */
  readonly exclusions: readonly { readonly reason: string; readonly count: number }[];
}

/** The columns of a standard table: codes as text (null missing), numbers (NaN missing); an unmapped variable reads as all missing. */
function reader(table: SurveyData): { text(name: string): (string | null)[]; num(name: string): Float64Array; has(name: string): boolean } {
  const has = (name: string): boolean => {
    try {
      table.column(name);
      return true;
    } catch {
      return false;
    }
  };
  return {
    has,
    text: (name) => {
      if (!has(name)) return new Array<string | null>(table.nrows).fill(null);
      const c = table.column(name);
      if (c.kind === 'number') return Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)));
      return Array.from(c.codes, (k) => (k < 0 || c.levels[k] === 'not-stated' ? null : c.levels[k]!));
    },
    num: (name) => {
      if (!has(name)) return new Float64Array(table.nrows).fill(NaN);
      const c = table.column(name);
      return c.kind === 'number' ? c.values : Float64Array.from(c.codes, (k) => (k < 0 ? NaN : Number(c.levels[k])));
    },
  };
}

const yesNo = (codes: readonly (string | null)[]): Float64Array => Float64Array.from(codes, (c) => (c === 'yes' ? 1 : c === 'no' ? 0 : NaN));

/** Encodes ILOSTAT item codes of the rows (null: outside the tabulation, or `missing` where given) as a classification. */
function classification(codes: readonly (string | null)[], breakdown: Breakdown, keep: (i: number) => boolean, missing?: string): DerivedClassification {
  const index = new Map<string, number>(breakdown.items.map((c, k) => [c, k]));
  const levels = [...breakdown.items];
  const out = new Int32Array(codes.length);
  codes.forEach((c, i) => {
    const code = keep(i) ? (c ?? missing ?? null) : null;
    if (code === null) {
      out[i] = -1;
      return;
    }
    let k = index.get(code);
    if (k === undefined) {
      index.set(code, (k = levels.length));
      levels.push(code);
    }
    out[i] = k;
  });
  return { codes: out, levels, breakdown: { total: breakdown.total, items: levels } };
}

/** ILO normative skill requirement of an ISCO-08 major group, in ISCED terms: over-qualified above it (ILO skills mismatch, normative approach). */
function overqualifiedFlag(major: string | null, isced: string | null): number {
  if (major === null || isced === null || isced === 'X' || isced === '9' || major === 'OCU_ISCO08_0' || major === 'OCU_ISCO08_X') return NaN;
  const level = Number(isced);
  const group = Number(major.slice(-1));
  // groups 1-3 need tertiary education (ISCED 5-8), 4-8 secondary (2-4), 9 primary (1)
  if (group <= 3) return 0;
  if (group <= 8) return level >= 5 ? 1 : 0;
  return level >= 2 ? 1 : 0;
}

/** Monthly amount of earnings reported per period (a month is 52/12 weeks). */
const PER_MONTH: Readonly<Record<string, number>> = { month: 1, week: 52 / 12, fortnight: 26 / 12, year: 1 / 12 };

/** Derives every variable and classification of the catalogue from a standard table. */
export function deriveIndicatorData(table: SurveyData, options: DeriveOptions): Derivation {
  const n = table.nrows;
  const r = reader(table);
  const exclusions: { reason: string; count: number }[] = [];
  const exclude = (reason: string, count: number): void => {
    if (count > 0) exclusions.push({ reason, count });
  };
  const record = r.text('record');
  const isPerson = Uint8Array.from(record, (v) => (v === null || v === 'person' ? 1 : 0));
  const age = r.num('age');
  const standard = options.standard ?? 'ICLS19';
  const workingAgeMin = options.workingAgeMin ?? 15;

  // labour force status: from the items (19th or 13th ICLS), else from the source's derived status
  let status: Uint8Array;
  if (r.has('worked_for_pay_or_profit')) {
    const lf = labourForceStatus({
      age, worked: yesNo(r.text('worked_for_pay_or_profit')), temporaryAbsence: yesNo(r.text('temporary_absence')),
      ownUseProductionOnly: yesNo(r.text('own_use_production_only')), jobSearch: yesNo(r.text('job_search_4_weeks')),
      available: yesNo(r.text('available')), futureStarter: r.has('future_starter') ? yesNo(r.text('future_starter')) : undefined,
    }, { standard, workingAgeMin });
    status = lf.status;
  } else if (r.has('labour_force_status')) {
    const code = { employed: LF_STATUS.employed, unemployed: LF_STATUS.unemployed, outside: LF_STATUS.outside } as Record<string, number>;
    status = Uint8Array.from(r.text('labour_force_status'), (s, i) => (!(age[i]! >= workingAgeMin) ? (Number.isNaN(age[i]!) ? LF_STATUS.undetermined : LF_STATUS.notWorkingAge) : s === null ? LF_STATUS.undetermined : code[s]!));
  } else throw new IndicatorError('the standard table has neither the labour force items nor labour_force_status: map them in the profile');

  const cob = r.text('country_of_birth');
  const citizenship = r.text('citizenship');
  const criterion = options.criterion ?? chooseMigrantCriterion({ hasCountryOfBirth: r.has('country_of_birth'), hasCitizenship: r.has('citizenship') });
  const residenceRule = options.residenceRule ?? '12-months';
  const resident = r.has('months_in_country') || r.has('intended_stay_months')
    ? usualResident({ monthsInCountry: r.num('months_in_country'), intendedStayMonths: r.num('intended_stay_months'), bornHere: Float64Array.from(cob, (c) => (c === null ? NaN : c === options.country ? 1 : 0)) }, { rule: residenceRule }).resident
    : new Uint8Array(n).fill(1);

  const v = Object.fromEntries(([
    'wap', 'lf', 'employed', 'unemployed', 'outside', 'plf', 'tru', 'lu2_num', 'lu3_num', 'lu3_den', 'lu4_num', 'informal',
    'employed_informality_known', 'employee', 'hours_actual', 'employed_hours', 'earnings_month', 'employee_earnings', 'overqualified',
    'employed_overqualification_known', 'migrant_wap', 'migrant_lf', 'migrant_employed', 'for_work_migrant', 'return_worker', 'person', 'national_abroad',
  ] as DerivedVariable[]).map((k) => [k, new Float64Array(n)])) as Record<DerivedVariable, Float64Array>;

  let notResident = 0;
  let residenceUnknown = 0;
  let statusUnknown = 0;
  for (let i = 0; i < n; i++) {
    if (!isPerson[i]) continue;
    v.person[i] = 1;
    if (status[i] === LF_STATUS.notWorkingAge) continue;
    if (status[i] === LF_STATUS.undetermined) statusUnknown++;
    else if (resident[i] === 0) notResident++;
    else {
      // a household survey covers usual residents: without the items to test it, a member is taken as one (counted)
      if (resident[i] !== 1) residenceUnknown++;
      v.wap[i] = 1;
    }
  }
  exclude('labour force status undetermined (an item needed is missing, or age missing)', statusUnknown);
  exclude(`not a usual resident (${residenceRule} rule): outside the LFS working-age population`, notResident);
  exclude('usual residence not determinable (country of birth, months in the country and intended stay missing): kept as a usual resident of the household, not excluded', residenceUnknown);

  const items = { jobSearch: yesNo(r.text('job_search_4_weeks')), available: yesNo(r.text('available')), wantsToWork: yesNo(r.text('wants_to_work')) };
  const plf = potentialLabourForce(items, status);
  const hours = r.num(options.underemploymentHours === 'usual' ? 'hours_usual' : 'hours_actual');
  const tru = options.underemploymentThreshold !== undefined && r.has('wants_more_hours')
    ? timeRelatedUnderemployment({ status, wantsMoreHours: yesNo(r.text('wants_more_hours')), availableMoreHours: yesNo(r.text('available_more_hours')), hours }, options.underemploymentThreshold)
    : new Uint8Array(n);
  const informalityStandard = options.informality ?? 'ICLS21';
  const hasIcse18 = r.has('status_icse18');
  const icse = hasIcse18 ? r.text('status_icse18') : r.text('status_icse93');
  const informal = informalEmployment({
    status, ...(hasIcse18 ? { icse18: icse } : { icse93: icse }), socialInsurance: yesNo(r.text('social_insurance')),
    paidAnnualLeave: r.has('paid_annual_leave') ? yesNo(r.text('paid_annual_leave')) : undefined,
    paidSickLeave: r.has('paid_sick_leave') ? yesNo(r.text('paid_sick_leave')) : undefined,
    unitRegistered: yesNo(r.text('unit_registered')), unitCompleteAccounts: r.has('unit_complete_accounts') ? yesNo(r.text('unit_complete_accounts')) : undefined,
  }, { standard: informalityStandard }).informal;
  const migrant = migrantStatus({ countryOfBirth: cob, citizenship }, { country: options.country, criterion }).migrant;
  const forWork = forWorkMigrants({ migrant, monthsInCountry: r.num('months_in_country'), reason: r.text('reason_for_migration'), resident }, { periodMonths: options.forWorkPeriodMonths ?? 12 }).flag;
  const returned = returnMigrantWorkers({ everWorkedAbroad: yesNo(r.text('ever_worked_abroad')), resident, age }, { workingAgeMin }).flag;
  const abroad = nationalsAbroad({ citizenship, age }, { country: options.country, workingAgeMin }).flag;
  const hoursActual = r.num('hours_actual');
  const earnings = r.num('earnings');
  const period = r.text('earnings_period');
  const major = iscoMajorGroupCodes(r.text('occupation_isco08'));
  const isced = r.text('education_isced11');

  for (let i = 0; i < n; i++) {
    if (!isPerson[i]) {
      v.national_abroad[i] = abroad[i] === 1 ? 1 : 0;
      continue;
    }
    if (!v.wap[i]) continue;
    const s = status[i]!;
    const emp = s === LF_STATUS.employed ? 1 : 0;
    const une = s === LF_STATUS.unemployed ? 1 : 0;
    v.employed[i] = emp;
    v.unemployed[i] = une;
    v.lf[i] = emp + une;
    v.outside[i] = s === LF_STATUS.outside ? 1 : 0;
    v.plf[i] = plf[i] === 1 ? 1 : 0;
    v.tru[i] = tru[i] === 1 ? 1 : 0;
    v.lu2_num[i] = v.tru[i]! + une;
    v.lu3_num[i] = une + v.plf[i]!;
    v.lu3_den[i] = emp + une + v.plf[i]!;
    v.lu4_num[i] = v.tru[i]! + une + v.plf[i]!;
    v.migrant_wap[i] = migrant[i] === 1 ? 1 : 0;
    v.migrant_lf[i] = migrant[i] === 1 ? v.lf[i]! : 0;
    v.migrant_employed[i] = migrant[i] === 1 ? emp : 0;
    v.for_work_migrant[i] = forWork[i] === 1 ? 1 : 0;
    v.return_worker[i] = returned[i] === 1 ? 1 : 0;
    if (!emp) continue;
    v.informal[i] = informal[i] === 1 ? 1 : 0;
    v.employed_informality_known[i] = informal[i] === 255 ? 0 : 1;
    const code = icse[i];
    v.employee[i] = hasIcse18 ? (code !== null && Number(code) >= 41 && Number(code) <= 44 ? 1 : 0) : code === '1' ? 1 : 0;
    if (Number.isFinite(hoursActual[i]!)) {
      v.hours_actual[i] = hoursActual[i]!;
      v.employed_hours[i] = 1;
    }
    const perMonth = PER_MONTH[period[i] ?? 'month'];
    if (v.employee[i] && perMonth !== undefined && Number.isFinite(earnings[i]!)) {
      v.earnings_month[i] = earnings[i]! * perMonth;
      v.employee_earnings[i] = 1;
    }
    const oq = overqualifiedFlag(major[i]!, isced[i]!);
    if (!Number.isNaN(oq)) {
      v.overqualified[i] = oq;
      v.employed_overqualification_known[i] = 1;
    }
  }

  const inWap = (i: number): boolean => v.wap[i] === 1;
  const migrantCodes = ilostatMigrantCodes(migrant, criterion);
  const origin = criterion === 'birth' ? cob : citizenship;
  const isMigrant = (i: number): boolean => inWap(i) && migrant[i] === 1;
  const sexCodes = r.text('sex').map((s) => (s === null ? null : `SEX_${s}`));
  const migrantBreakdown = migrantStatusBreakdown(criterion);
  const classifications: Record<ClassificationName | 'sex', DerivedClassification> = {
    sex: classification(sexCodes, { total: 'SEX_T', items: ['SEX_M', 'SEX_F'] }, (i) => isPerson[i] === 1 || v.national_abroad[i] === 1),
    age_ythadult: classification(ageBandCodes(age, 'YTHADULT'), AGE_BREAKDOWNS.YTHADULT, inWap),
    age_aggregate: classification(ageBandCodes(age, 'AGGREGATE'), AGE_BREAKDOWNS.AGGREGATE, inWap),
    age_5yrbands: classification(ageBandCodes(age, '5YRBANDS'), AGE_BREAKDOWNS['5YRBANDS'], inWap),
    edu_aggregate: classification(iscedAggregateCodes(isced), EDU_AGGREGATE_BREAKDOWN, inWap, 'EDU_AGGREGATE_X'),
    eco_isic4: classification(isicSectionCodes(r.text('industry_isic4')), ISIC4_BREAKDOWN, inWap, 'ECO_ISIC4_X'),
    ocu_isco08: classification(major, ISCO08_BREAKDOWN, inWap, 'OCU_ISCO08_X'),
    ste_icse93: classification(icse93Codes(icse, hasIcse18 ? 'ICSE18' : 'ICSE93'), ICSE93_BREAKDOWN, inWap, 'STE_ICSE93_6'),
    migrant: classification(migrantCodes, migrantBreakdown, inWap),
    region_of_origin: classification(iloRegionCodes(origin, 'region'), ILO_REGION_BREAKDOWNS.region, isMigrant, ILO_REGION_BREAKDOWNS.region.items.at(-1)),
    income_of_origin: classification(incomeGroupCodes(origin), INCOME_GROUP_BREAKDOWN, isMigrant, 'WB_INCOME_X'),
    country_of_origin: topCountries(origin, v.migrant_lf, isMigrant, criterion, options.topCountries ?? 10),
  };
  const sexMissing = sexCodes.filter((s, i) => s === null && inWap(i)).length;
  exclude('sex not stated: in the totals (SEX_T) only', sexMissing);
  const [non, mig, notStated] = migrantBreakdown.items;
  exclude(`migrant status not stated (${notStated}): in the totals and that item only`, migrantCodes.filter((c, i) => c === notStated && inWap(i)).length);
  return {
    data: { nrows: n, variables: v, classifications, migrantItems: { migrant: mig!, nonMigrant: non! } },
    criterion, standard, informality: informalityStandard, residenceRule, workingAgeMin, exclusions,
  };
}

/** Countries of origin one by one for the `top` largest (unweighted migrant labour force, ties by code), the rest together. */
function topCountries(origin: readonly (string | null)[], migrantLf: Float64Array, keep: (i: number) => boolean, criterion: MigrantCriterion, top: number): DerivedClassification {
  const prefix = criterion === 'birth' ? 'CBR_BRT_' : 'CCT_CTZ_';
  const counts = new Map<string, number>();
  origin.forEach((c, i) => {
    if (c !== null && keep(i) && migrantLf[i]) counts.set(c, (counts.get(c) ?? 0) + 1);
  });
  const chosen = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top).map(([c]) => c);
  const items = [...chosen.map((c) => `${prefix}${c}`), `${prefix}OTH`, `${prefix}X`];
  const codes = origin.map((c) => (c === null ? `${prefix}X` : chosen.includes(c) ? `${prefix}${c}` : `${prefix}OTH`));
  return classification(codes, { total: `${prefix}TOTAL`, items }, keep);
}
