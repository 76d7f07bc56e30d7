/**
 * The standard variables a dataset profile maps source variables to: one list, in one place. Each entry says what
 * the variable means, where it may be mapped (table roles), and what values it takes (a code list, ISO3 countries,
 * numbers in bounds, years, dates, identifiers or text). The schema (schema.ts), recoding (recode.ts), the standard
 * table (apply.ts) and the profile draft (init.ts) all read this list; README.md here documents it.
 */
import { COUNTRIES } from '../classifications/countries.js';
import { ICSE18_CATEGORIES, ICSE93_GROUPS } from '../classifications/icse.js';
import { ISCED2011_LEVELS } from '../classifications/isced2011.js';
import { ISCO08_MAJOR_GROUPS, isIsco08Code, isco08MajorGroup } from '../classifications/isco08.js';
import { ISIC4_SECTIONS, isIsic4Code } from '../classifications/isic4.js';

/**
 * What a table holds: the persons interviewed, their households, household members living abroad, cost items of a
 * person, or the records of an administrative register (work or residence permits, social security registrations:
 * one row per permit or registration; src/admin reads them).
 */
export type TableRole = 'person' | 'household' | 'absent_member' | 'cost_item' | 'register';
export const TABLE_ROLES: readonly TableRole[] = ['person', 'household', 'absent_member', 'cost_item', 'register'];

/**
 * Value types: `id` identifier (text; may be composed of several columns), `code` a code of a code list, `country`
 * an ISO 3166-1 alpha-3 code of the M49 list, `number` a number within bounds, `year` a calendar year, `date` a day
 * (held as days since 1970-01-01), `text` free text.
 */
export type VariableType = 'id' | 'code' | 'country' | 'number' | 'year' | 'date' | 'text';

/** The code given to a value that is stated but not a known code, under `unknown: not-stated` (or mapped to it). */
export const NOT_STATED = 'not-stated';

/** A standard code list: its codes with titles; `accepts` widens it to the codes of a hierarchical classification. */
export interface CodeList {
  readonly name: string;
  readonly codes: readonly { readonly code: string; readonly title: string }[];
  /** For hierarchical classifications (ISCO-08, ISIC Rev.4): accepts every valid code, not only the listed top level. */
  readonly accepts?: (code: string) => boolean;
  /** What the allowed values are, for messages, when `codes` alone does not say it. */
  readonly describe?: string;
}

export interface StandardVariable {
  readonly name: string;
  readonly group: 'identifier' | 'geography' | 'demography' | 'migration' | 'presence' | 'labour_force' | 'job' | 'education' | 'informality' | 'return_migration' | 'recruitment' | 'cost' | 'register';
  readonly type: VariableType;
  /** Table roles in which the variable may be mapped. */
  readonly roles: readonly TableRole[];
  readonly description: string;
  readonly codes?: CodeList;
  /** Bounds (inclusive) of a number or year; values outside are unknown values. */
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** A pattern that text values must match (currency codes). */
  readonly pattern?: RegExp;
  /** Words that, in a source variable's name or label, suggest this variable (for `profile init`; the first match wins). */
  readonly hints?: RegExp;
}

const list = (name: string, codes: readonly (readonly [string, string])[]): CodeList => ({ name, codes: codes.map(([code, title]) => ({ code, title })) });

export const SEX = list('sex', [['M', 'Male'], ['F', 'Female'], ['O', 'Other']]);
export const YES_NO = list('yes/no', [['yes', 'Yes'], ['no', 'No']]);
export const URBAN_RURAL = list('urban/rural', [['urban', 'Urban'], ['rural', 'Rural']]);
/** Main reason for the (last) international move (20th ICLS guidelines: for-work migrants; spec/icls.md 1.7). */
export const REASON_FOR_MIGRATION = list('reason for migration', [
  ['work-job-found', 'Work: to take up a job already found'],
  ['work-seeking', 'Work: to seek work'],
  ['work', 'Work (not said whether a job was already found)'],
  ['family', 'Family (formation, reunification, accompanying)'],
  ['study', 'Study or training'],
  ['protection', 'International protection (refugee, asylum)'],
  ['other', 'Other reason'],
]);
/** Main purpose of a visit (UN IRTS 2008 purposes), with employment in the country of visit as its own code (20th ICLS). */
export const PURPOSE_OF_VISIT = list('purpose of visit', [
  ['employment', 'To be employed in the country of visit'],
  ['business', 'Business and professional'],
  ['holidays', 'Holidays, leisure and recreation'],
  ['visiting', 'Visiting friends and relatives'],
  ['education', 'Education and training'],
  ['health', 'Health and medical care'],
  ['religion', 'Religion and pilgrimages'],
  ['shopping', 'Shopping'],
  ['transit', 'Transit'],
  ['other', 'Other purpose'],
]);
export const LABOUR_FORCE_STATUS = list('labour force status', [['employed', 'Employed'], ['unemployed', 'Unemployed'], ['outside', 'Outside the labour force']]);
export const EARNINGS_PERIOD = list('earnings period', [['hour', 'Hour'], ['day', 'Day'], ['week', 'Week'], ['fortnight', 'Two weeks'], ['month', 'Month'], ['year', 'Year']]);
export const ISCO08: CodeList = {
  name: 'ISCO-08',
  codes: ISCO08_MAJOR_GROUPS.map((g) => ({ code: g.code, title: g.title })),
  accepts: (c) => isIsco08Code(c) && isco08MajorGroup(c) !== undefined,
  describe: 'ISCO-08 codes of 1 to 4 digits (major group = first digit: 1-9, 0 armed forces) or X',
};
export const ISIC4: CodeList = {
  name: 'ISIC Rev.4',
  codes: ISIC4_SECTIONS.map((s) => ({ code: s.section, title: s.title })),
  accepts: isIsic4Code,
  describe: 'ISIC Rev.4 section letters A-U or X, or codes of 2 to 4 digits whose division (01-99) lies in a section',
};
export const ICSE93 = list('ICSE-93', ICSE93_GROUPS.map((g) => [g.code, g.title] as const));
export const ICSE18 = list('ICSE-18', ICSE18_CATEGORIES.map((g) => [g.code, g.title] as const));
export const ISCED2011 = list('ISCED 2011', ISCED2011_LEVELS.map((l) => [l.level, l.title] as const));

const PERSON: readonly TableRole[] = ['person', 'absent_member'];
const HOUSEHOLD: readonly TableRole[] = ['person', 'household', 'absent_member'];
/** Person variables that registers carry too. */
const PERSON_REGISTER: readonly TableRole[] = ['person', 'absent_member', 'register'];
const REGISTER: readonly TableRole[] = ['register'];
const yesNo = (name: string, group: StandardVariable['group'], description: string, hints?: RegExp): StandardVariable => ({ name, group, type: 'code', roles: PERSON, description, codes: YES_NO, hints });

/** Status of the reference job abroad (SDG 10.7.1 scope: employees only; spec sdg1071.md rule 8). */
export const JOB_STATUS_ABROAD = list('status of the job abroad', [['employee', 'Employee (wage or salary earner)'], ['self-employed', 'Self-employed'], ['other', 'Other']]);
/** How the worker was recruited for the job abroad (spec sdg1071.md rule 31). */
export const RECRUITMENT_CHANNEL = list('recruitment channel', [
  ['private-agency', 'Private recruitment agency or broker'],
  ['public-service', 'Public employment service or government-to-government scheme'],
  ['employer', 'Directly by the employer'],
  ['network', 'Relatives, friends or other personal network'],
  ['other', 'Other'],
]);
/** Earnings before or after deductions (spec sdg1071.md rule 17: gross, before deductions recovering recruitment costs). */
export const EARNINGS_BASIS = list('earnings basis', [['gross', 'Gross (before taxes, contributions and deductions)'], ['net', 'Net (after deductions)']]);
/** Kinds of recruitment fees and related costs (ILO 2019 definition; spec sdg1071.md rule 11), plus loan interest and other. */
export const COST_TYPE = list('recruitment cost type', [
  ['recruitment-fee', 'Recruitment fees paid to labour recruiters or the employer'],
  ['medical', 'Medical examinations, tests and vaccinations'],
  ['insurance', 'Insurance, including migrant welfare funds'],
  ['skills-test', 'Skills, qualification and language tests, certification, licensing'],
  ['training', 'Training and orientation, pre-departure or post-arrival'],
  ['equipment', 'Equipment: tools, uniforms, safety gear'],
  ['travel-lodging', 'Travel and lodging: internal and international travel, subsistence'],
  ['administrative', 'Administrative costs: passport, visa, permits, clearances, contract legalisation'],
  ['irregular', 'Irregular payments: bribes, tributes, extortion, kickbacks, bonds, collateral'],
  ['loan-interest', 'Interest on loans taken to pay for migration'],
  ['other', 'Other recruitment-related costs'],
]);
/** Who paid a cost item (spec sdg1071.md rule 12: only what the worker or the family paid counts). */
export const COST_PAID_BY = list('cost paid by', [['worker', 'The worker'], ['family', 'The family of the worker'], ['employer', 'The employer'], ['other', 'Someone else (government, ...)']]);

/** Decision on a permit application (registers). */
export const DECISION = list('decision', [['granted', 'Granted'], ['refused', 'Refused'], ['pending', 'Pending (no decision yet)']]);
/** Outcome of the labour market test of a permit application (registers). */
export const LABOUR_MARKET_TEST = list('labour market test', [['passed', 'Passed (no suitable resident worker found)'], ['exempt', 'Exempt (occupation or scheme without a test)'], ['failed', 'Failed (a resident worker was available)']]);

/** The standard variables, in the order of the standard table's columns. */
export const STANDARD_VARIABLES: readonly StandardVariable[] = [
  // identifiers: tables are joined on them
  { name: 'household_id', group: 'identifier', type: 'id', roles: ['person', 'household', 'absent_member', 'cost_item'], description: 'Household identifier (the key joining household, person, absent-member and cost-item tables)', hints: /\b(hh|household)[ _.-]?(id|no|num|number|key|code)\b|^hhid$|^hh$/i },
  { name: 'person_id', group: 'identifier', type: 'id', roles: ['person', 'absent_member', 'cost_item', 'register'], description: 'Person identifier within the household (or overall), as in the person table; in a register, the register\'s own person identifier', hints: /\b(person|pers|indiv|individual|member|line)[ _.-]?(id|no|num|number)\b|^pid$|^line$|^ln$/i },
  // geography (household level)
  { name: 'region', group: 'geography', type: 'text', roles: [...HOUSEHOLD, 'register'], description: 'Region or province of the household (free text codes); in a register, of the place of work or residence', hints: /\bregion\b|province/i },
  { name: 'urban_rural', group: 'geography', type: 'code', roles: HOUSEHOLD, description: 'Urban or rural area of the household', codes: URBAN_RURAL, hints: /urban|rural/i },
  // demography
  { name: 'sex', group: 'demography', type: 'code', roles: PERSON_REGISTER, description: 'Sex', codes: SEX, hints: /\b(sex|gender)\b/i },
  { name: 'age_group', group: 'demography', type: 'text', roles: PERSON, description: 'Age group (free text codes, e.g. for calibration; typically ranges of the age column)', hints: /age[ _.-]?(group|band|grp|class)/i },
  { name: 'age', group: 'demography', type: 'number', roles: PERSON, description: 'Age in completed years', min: 0, max: 130, integer: true, hints: /^age$|\bage\b(?!.*(group|band|grp|class|abroad))/i },
  // migration
  { name: 'country_of_birth', group: 'migration', type: 'country', roles: PERSON, description: 'Country of birth (ISO3)', hints: /(country|place)\b.{0,12}\bbirth|birth.{0,6}(country|place)|\bcob\b/i },
  { name: 'citizenship', group: 'migration', type: 'country', roles: PERSON_REGISTER, description: 'Country of citizenship (ISO3); in a register, the nationality of the permit holder', hints: /citizen|nationalit|\bcitz\b/i },
  { name: 'year_of_arrival', group: 'migration', type: 'year', roles: PERSON, description: 'Year of arrival in the country (of the last international move)', min: 1900, max: 2100, hints: /year.{0,12}arr(iv)?|arr(iv\w*)?.{0,6}year/i },
  { name: 'date_of_arrival', group: 'migration', type: 'date', roles: PERSON, description: 'Date of arrival in the country (of the last international move)', hints: /date.{0,12}arriv|arriv.{0,12}date/i },
  { name: 'previous_country_of_residence', group: 'migration', type: 'country', roles: PERSON, description: 'Previous country of usual residence (ISO3)', hints: /(previous|prior|last).{0,20}(country.{0,10}residence|residence)/i },
  { name: 'country_of_usual_residence', group: 'migration', type: 'country', roles: PERSON, description: 'Current country of usual residence (ISO3): for absent household members, the country where they live now', hints: /(current|present).{0,10}country.{0,10}residence|country.{0,10}(where|of).{0,10}(lives|living|residence)|destination/i },
  { name: 'reason_for_migration', group: 'migration', type: 'code', roles: PERSON, description: 'Main reason for migration (for-work international migrants)', codes: REASON_FOR_MIGRATION, hints: /reason.{0,25}(migrat|mov|came|coming|leav)|why.{0,20}(move|came|migrat|left)/i },
  { name: 'months_in_country', group: 'migration', type: 'number', roles: PERSON, description: 'Months lived in the country since arrival (duration of stay so far)', min: 0, max: 1560, hints: /months?.{0,20}(in|living).{0,10}country|duration.{0,10}(of )?(stay|residence)|length.{0,6}(of )?stay/i },
  { name: 'intended_stay_months', group: 'migration', type: 'number', roles: PERSON, description: 'Total intended duration of stay since arrival, in months', min: 0, max: 1560, hints: /intend/i },
  // presence and attachment (non-resident workers)
  yesNo('present_in_country', 'presence', 'Present in the country of measurement during the reference period', /\bpresen(t|ce)\b/i),
  yesNo('employer_resident_unit', 'presence', 'The employer is a resident producer unit of the country of measurement', /resident.{0,12}(unit|employer|producer)/i),
  yesNo('foreign_military_diplomatic', 'presence', 'Foreign military or diplomatic personnel (excluded from international migrant workers)', /diplomat|military/i),
  { name: 'purpose_of_visit', group: 'presence', type: 'code', roles: PERSON, description: 'Main purpose of the visit (international travellers)', codes: PURPOSE_OF_VISIT, hints: /purpose.{0,12}(visit|trip|stay)|(visit|trip).{0,12}purpose/i },
  // labour force items (19th ICLS); or the source's derived status
  yesNo('worked_for_pay_or_profit', 'labour_force', 'Worked for pay or profit for at least one hour in the reference week', /work(ed)?.{0,25}(pay|profit)/i),
  yesNo('temporary_absence', 'labour_force', 'Had a job or business but was temporarily absent from it', /temporar.{0,12}absen|absent.{0,12}(from )?(job|work)/i),
  yesNo('own_use_production_only', 'labour_force', 'Worked only in production of goods for own final use', /own.?use/i),
  yesNo('job_search_4_weeks', 'labour_force', 'Looked for work in the last four weeks', /(look|search|seek)(ed|ing)?.{0,20}(job|work)/i),
  yesNo('available', 'labour_force', 'Available to start work in the reference week (or the two weeks after)', /^avail|\bavailab(le|ility)\b(?!.{0,25}hours)/i),
  yesNo('future_starter', 'labour_force', 'Has arranged to start a job within a short period (future starter)', /future.?start|start.{0,25}(later|within|future)/i),
  yesNo('wants_to_work', 'labour_force', 'Wants to work (willing non-jobseekers, potential labour force)', /want(s|ed)?.{0,6}(to )?work\b/i),
  yesNo('wants_more_hours', 'labour_force', 'Wants to work more hours (time-related underemployment)', /want.{0,20}(more|additional).{0,10}hours/i),
  yesNo('available_more_hours', 'labour_force', 'Available to work more hours', /availab.{0,25}(more|additional).{0,10}hours/i),
  { name: 'hours_usual', group: 'labour_force', type: 'number', roles: PERSON, description: 'Hours usually worked per week, all jobs', min: 0, max: 168, hints: /usual.{0,12}hours|hours.{0,12}usual/i },
  { name: 'hours_actual', group: 'labour_force', type: 'number', roles: PERSON, description: 'Hours actually worked in the reference week, all jobs', min: 0, max: 168, hints: /actual.{0,12}hours|hours.{0,12}actual|hours.{0,12}(last|reference) week/i },
  { name: 'labour_force_status', group: 'labour_force', type: 'code', roles: PERSON, description: "Labour force status as derived by the source (its standard is labour_force.status_standard)", codes: LABOUR_FORCE_STATUS, hints: /labou?r.?force.?status|\blf.?stat(us)?\b|ilo.?status|activity.?status/i },
  // job
  { name: 'earnings', group: 'job', type: 'number', roles: PERSON, description: 'Earnings from employment, in earnings_currency per earnings_period', min: 0, hints: /earn|wage|salary|income/i },
  { name: 'earnings_currency', group: 'job', type: 'text', roles: PERSON, description: 'Currency of the earnings (ISO 4217 code, e.g. PHP)', pattern: /^[A-Z]{3}$/, hints: /currenc/i },
  { name: 'earnings_period', group: 'job', type: 'code', roles: PERSON, description: 'Period the earnings refer to', codes: EARNINGS_PERIOD, hints: /(pay|earn|wage|salary).{0,12}period|period.{0,12}(pay|earn)/i },
  { name: 'occupation_isco08', group: 'job', type: 'code', roles: PERSON_REGISTER, description: 'Occupation of the main job (ISCO-08, 1 to 4 digits); in a register, of the permit\'s job', codes: ISCO08, hints: /isco|occupation/i },
  { name: 'industry_isic4', group: 'job', type: 'code', roles: PERSON_REGISTER, description: 'Industry (economic activity) of the main job (ISIC Rev.4 section or 2-4 digit code); in a register, of the employer', codes: ISIC4, hints: /isic|industry|economic activity|\bnace\b/i },
  { name: 'status_icse93', group: 'job', type: 'code', roles: PERSON, description: 'Status in employment of the main job (ICSE-93)', codes: ICSE93, hints: /icse.?93|^icse$|status in employment|employment status/i },
  { name: 'status_icse18', group: 'job', type: 'code', roles: PERSON, description: 'Status in employment of the main job (ICSE-18)', codes: ICSE18, hints: /icse.?18/i },
  // education
  { name: 'education_isced11', group: 'education', type: 'code', roles: PERSON, description: 'Highest level of education completed (ISCED 2011)', codes: ISCED2011, hints: /isced|educat|^edu$/i },
  // informality markers (21st ICLS by default; informality.standard)
  yesNo('social_insurance', 'informality', 'The employer contributes to social insurance (pension) for this job', /social.{0,6}(insurance|security)|pension/i),
  yesNo('paid_annual_leave', 'informality', 'Entitled to paid annual leave in this job', /annual.{0,6}leave|paid.{0,6}(holiday|vacation)/i),
  yesNo('paid_sick_leave', 'informality', 'Entitled to paid sick leave in this job', /sick.{0,6}leave/i),
  yesNo('unit_registered', 'informality', 'The economic unit (enterprise) is registered', /regist/i),
  yesNo('unit_complete_accounts', 'informality', 'The economic unit keeps a complete set of accounts', /account/i),
  { name: 'unit_size', group: 'informality', type: 'number', roles: PERSON, description: 'Number of persons working in the economic unit (17th ICLS size criterion)', min: 0, integer: true, hints: /(firm|enterprise|establishment|unit|business).{0,10}size|number of (employees|workers|persons)/i },
  // return migrants' history
  yesNo('ever_worked_abroad', 'return_migration', 'Ever worked or sought work abroad', /(work|job).{0,25}abroad|abroad.{0,25}(work|job)/i),
  { name: 'last_country_abroad', group: 'return_migration', type: 'country', roles: PERSON, description: 'Last country abroad where the person lived or worked (ISO3)', hints: /(last|most recent).{0,12}country/i },
  { name: 'years_abroad', group: 'return_migration', type: 'number', roles: PERSON, description: 'Years spent abroad (last stay)', min: 0, max: 130, hints: /years?.{0,12}abroad|(time|duration).{0,12}abroad/i },
  { name: 'year_of_return', group: 'return_migration', type: 'year', roles: PERSON, description: 'Year of return to the country', min: 1900, max: 2100, hints: /year.{0,12}return|return.{0,12}year/i },
  // recruitment cost surveys (SDG 10.7.1): the reference job, the first job in the last country of destination
  { name: 'origin_country', group: 'recruitment', type: 'country', roles: PERSON, description: 'Country of origin of the migrant worker, where the recruitment started (ISO3; corridor origin)', hints: /origin.{0,12}country|country.{0,12}origin/i },
  { name: 'destination_country', group: 'recruitment', type: 'country', roles: PERSON, description: 'Last country of destination, where the reference job was (ISO3; corridor destination)', hints: /destination/i },
  { name: 'job_start_date', group: 'recruitment', type: 'date', roles: PERSON, description: 'Start date of the first job in the last country of destination (the reference job)', hints: /(job|work|employment).{0,12}start|start.{0,12}(job|work|employment)/i },
  { name: 'job_status_abroad', group: 'recruitment', type: 'code', roles: PERSON, description: 'Status in employment of the reference job abroad', codes: JOB_STATUS_ABROAD, hints: /status.{0,20}abroad/i },
  yesNo('changed_usual_residence', 'recruitment', 'Changed country of usual residence for the job (stayed or intended to stay 12 months or more)', /usual.{0,6}residence|long.?term/i),
  { name: 'recruitment_channel', group: 'recruitment', type: 'code', roles: PERSON, description: 'How the worker was recruited for the reference job', codes: RECRUITMENT_CHANNEL, hints: /channel|recruit(ed|ment).{0,12}(by|through|via)/i },
  { name: 'first_month_earnings', group: 'recruitment', type: 'number', roles: PERSON, description: 'Earnings of the first month of the reference job, in first_month_earnings_currency', min: 0, hints: /first.{0,12}month.{0,12}(earn|wage|salary|pay)/i },
  { name: 'first_month_earnings_currency', group: 'recruitment', type: 'text', roles: PERSON, description: 'Currency of the first-month earnings (ISO 4217)', pattern: /^[A-Z]{3}$/, hints: /first.{0,12}month.{0,20}currenc/i },
  { name: 'first_month_earnings_basis', group: 'recruitment', type: 'code', roles: PERSON, description: 'First-month earnings gross (before deductions) or net', codes: EARNINGS_BASIS, hints: /gross|net/i },
  // cost items (SDG 10.7.1 recruitment costs), one row per item and person
  { name: 'cost_item', group: 'cost', type: 'text', roles: ['cost_item'], description: 'Kind of recruitment cost (free text codes: fee, transport, visa, medical, ...)', hints: /cost.{0,10}(item|type|kind)|item/i },
  { name: 'cost_type', group: 'cost', type: 'code', roles: ['cost_item'], description: 'Kind of cost under the ILO 2019 definition of recruitment fees and related costs', codes: COST_TYPE, hints: /cost.{0,10}(type|categ)/i },
  { name: 'cost_amount', group: 'cost', type: 'number', roles: ['cost_item'], description: 'Amount paid for the cost item, in cost_currency', min: 0, hints: /amount|paid|cost/i },
  { name: 'cost_currency', group: 'cost', type: 'text', roles: ['cost_item'], description: 'Currency of the cost amount (ISO 4217)', pattern: /^[A-Z]{3}$/, hints: /currenc/i },
  { name: 'cost_date', group: 'cost', type: 'date', roles: ['cost_item'], description: 'Date the cost was paid (or deducted), for the exchange rate', hints: /(pay|paid|cost).{0,12}date|date.{0,12}(pay|paid)/i },
  { name: 'cost_paid_by', group: 'cost', type: 'code', roles: ['cost_item'], description: 'Who paid the cost', codes: COST_PAID_BY, hints: /paid.{0,6}by|payer/i },
  { name: 'cost_deducted', group: 'cost', type: 'code', roles: ['cost_item'], description: 'The employer deducted the cost from the worker\'s wages (then the worker paid it)', codes: YES_NO, hints: /deduct/i },
  // administrative registers (role register): one row per permit, application or registration (src/admin)
  { name: 'passport_number', group: 'register', type: 'id', roles: REGISTER, description: 'Passport number of the permit holder (a person identifier for linkage)', hints: /passport/i },
  { name: 'foreigner_id', group: 'register', type: 'id', roles: REGISTER, description: 'Foreigner (alien) registration number of the permit holder (a person identifier for linkage)', hints: /foreign(er)?.{0,6}(id|no|number)|alien/i },
  { name: 'social_security_number', group: 'register', type: 'id', roles: REGISTER, description: 'Social security number of the person (a person identifier for linkage)', hints: /social.{0,6}security.{0,6}(id|no|num)|\bssn\b/i },
  { name: 'given_name', group: 'register', type: 'text', roles: REGISTER, description: 'Given (first) name of the person, for linkage', hints: /given.?name|first.?name|forename/i },
  { name: 'family_name', group: 'register', type: 'text', roles: REGISTER, description: 'Family name (surname) of the person, for linkage', hints: /family.?name|surname|last.?name/i },
  { name: 'birth_date', group: 'register', type: 'date', roles: REGISTER, description: 'Date of birth of the person (age at the reference date is derived from it)', hints: /(birth|dob).{0,6}date|date.{0,6}(of )?birth|^dob$/i },
  { name: 'permit_id', group: 'register', type: 'id', roles: REGISTER, description: 'Identifier of the permit, application or registration (one row each)', hints: /(permit|application|registration).{0,6}(id|no|num)/i },
  { name: 'previous_permit_id', group: 'register', type: 'id', roles: REGISTER, description: 'The permit this one renews (renewals chain into episodes); empty for a first permit', hints: /(previous|prior|renew).{0,12}(permit|id)/i },
  { name: 'permit_type', group: 'register', type: 'text', roles: REGISTER, description: 'Type of permit (free text codes of the register, e.g. work, seasonal, highly-skilled, family)', hints: /permit.{0,6}(type|categ|class)|visa.{0,6}type/i },
  { name: 'application_date', group: 'register', type: 'date', roles: REGISTER, description: 'Date the application was lodged', hints: /appl(ication|ied).{0,6}date|date.{0,6}appl/i },
  { name: 'decision', group: 'register', type: 'code', roles: REGISTER, description: 'Decision on the application', codes: DECISION, hints: /decision|outcome|status/i },
  { name: 'issue_date', group: 'register', type: 'date', roles: REGISTER, description: 'Date the permit was issued (decision date of a grant)', hints: /issue.{0,6}date|date.{0,6}issue|decision.{0,6}date/i },
  { name: 'start_date', group: 'register', type: 'date', roles: REGISTER, description: 'First day of validity of the permit or registration', hints: /(start|valid.{0,6}from|begin).{0,6}(date)?/i },
  { name: 'end_date', group: 'register', type: 'date', roles: REGISTER, description: 'Last day of validity of the permit or registration (expiry), inclusive', hints: /(end|expir|valid.{0,6}(to|until)).{0,6}(date)?/i },
  { name: 'cancellation_date', group: 'register', type: 'date', roles: REGISTER, description: 'Date the permit was cancelled or withdrawn (it is not valid from that day on)', hints: /cancel|withdraw|revok/i },
  { name: 'employer_id', group: 'register', type: 'id', roles: REGISTER, description: 'Identifier of the employer', hints: /employer.{0,6}(id|no|num)/i },
  { name: 'labour_market_test', group: 'register', type: 'code', roles: REGISTER, description: 'Outcome of the labour market test (resident labour market test) of the application', codes: LABOUR_MARKET_TEST, hints: /labou?r.{0,6}market.{0,6}test|\blmt\b/i },
  { name: 'vacancy_id', group: 'register', type: 'id', roles: REGISTER, description: 'Identifier of the vacancy the permit fills (public employment service)', hints: /vacanc/i },
];

export const STANDARD_VARIABLE_NAMES: readonly string[] = STANDARD_VARIABLES.map((v) => v.name);
const byName = new Map(STANDARD_VARIABLES.map((v) => [v.name, v]));

/** The definition of a standard variable; throws for a name not in the list. */
export function standardVariable(name: string): StandardVariable {
  const v = byName.get(name);
  if (!v) throw new Error(`no standard variable "${name}"`);
  return v;
}

/** Labour force items: mapping any of them requires labour_force.underemployment_hours_threshold and underemployment_hours. */
export const LABOUR_FORCE_ITEMS: readonly string[] = STANDARD_VARIABLES.filter((v) => v.group === 'labour_force' && v.name !== 'labour_force_status').map((v) => v.name);

/** Names of the columns apply adds besides the standard variables: the record type and design columns. */
export const RECORD_COLUMN = 'record';
export const DESIGN_COLUMN_PREFIXES = ['weight', 'strata', 'psu', 'fpc', 'repw'] as const;

const ISO3 = new Set(COUNTRIES.map((c) => c.iso3));

/** Whether `code` is a valid standard code of a code/country variable (not-stated included). */
export function isStandardCode(def: StandardVariable, code: string): boolean {
  if (code === NOT_STATED) return def.type === 'code' || def.type === 'country' || def.type === 'text';
  if (def.type === 'country') return ISO3.has(code);
  if (def.type === 'text') return def.pattern ? def.pattern.test(code) : code !== '';
  const list = def.codes;
  if (!list) return false;
  return list.codes.some((c) => c.code === code) || (list.accepts?.(code) ?? false);
}

/** Whether `x` is a valid value of a number or year variable. */
export function isStandardNumber(def: StandardVariable, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  if ((def.integer || def.type === 'year') && !Number.isInteger(x)) return false;
  return (def.min === undefined || x >= def.min) && (def.max === undefined || x <= def.max);
}

/** The allowed values of a variable, in words, for messages. */
export function allowedValues(def: StandardVariable): string {
  switch (def.type) {
    case 'country':
      return `ISO 3166-1 alpha-3 codes of the UN M49 list (e.g. PHL, DEU) or ${NOT_STATED}`;
    case 'number':
      return `numbers${def.integer ? ' (whole)' : ''}${def.min !== undefined ? ` >= ${def.min}` : ''}${def.max !== undefined ? ` and <= ${def.max}` : ''}`;
    case 'year':
      return `years ${def.min}-${def.max}`;
    case 'date':
      return 'dates YYYY-MM-DD';
    case 'id':
      return 'identifiers (text or numbers)';
    case 'text':
      return def.pattern ? `codes matching ${def.pattern.source} or ${NOT_STATED}` : `any text or ${NOT_STATED}`;
    default: {
      const list = def.codes!;
      const shown = list.codes.map((c) => c.code).join(', ');
      return list.describe ? `${list.describe} (${shown}) or ${NOT_STATED}` : `${shown}, ${NOT_STATED}`;
    }
  }
}
