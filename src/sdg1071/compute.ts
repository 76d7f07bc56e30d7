/**
 * SDG indicator 10.7.1, recruitment cost borne by employee as a proportion of monthly income earned in the country of
 * destination (spec sdg1071.md), from recruitment-cost survey microdata: scope, costs, earnings, the per-worker ratios,
 * and every table as survey estimates on the in-scope workers as a domain of the full design, with reliability flags
 * and disclosure control as the ILMS tables have them (src/pipeline/indicators.ts runIndicators). README.md here lists
 * every rule with its spec rule number and confidence tag.
 */
import type { Breakdown, IndicatorTable } from '../indicators/cell.js';
import { flagReliability } from '../indicators/reliability.js';
import { propagateSuppression, suppressTables } from '../indicators/suppression.js';
import type { Table } from '../io/table.js';
import { type Design, estimate } from '../survey/estimate.js';
import { type RowClassification, breakdownLabel, classify, missingVariables } from './breakdowns.js';
import type { CostItemCounts } from './cost-items.js';
import { Sdg1071Error } from './errors.js';
import { type Sdg1071Statistic, estimateCells, withRatioColumns } from './estimators.js';
import type { Deflator, ExchangeRates } from './exchange-rates.js';
import { type Sdg1071Estimator, type Sdg1071Options, resolveOptions } from './options.js';
import { EXCLUSION_ORDER, EXCLUSION_REASONS, type ExclusionReason } from './scope.js';
import { type UnSdgRow, unSdgRows } from './un-sdg.js';
import { workerRatios } from './worker-ratios.js';

export interface Sdg1071Input {
  /** The standard person table (one row per person, or per worker): the design's rows. */
  readonly workers: Table;
  /** The standard cost-item table, keyed to the workers by household_id/person_id (profile/apply.ts `linked`). */
  readonly costs?: Table;
  /** The design, built on the workers table (its rows are the workers table's rows). */
  readonly design: Design;
  readonly rates: ExchangeRates;
  /** Constant prices: a price index by year applied to RC and E (rule 24). */
  readonly deflator?: Deflator;
  /** ISO3 code of the measuring country (the profile's survey.country). */
  readonly country: string;
  readonly surveyYear: number;
}

/** Records left out of the indicator, by reason, with their weights. */
export interface Sdg1071Exclusion {
  readonly code: ExclusionReason;
  readonly reason: string;
  /** The spec rule applied. */
  readonly rule: string;
  readonly count: number;
  readonly weight: number;
}

/** The choices a run made, for the output metadata (every [I]/[R] choice of the spec). */
export interface Sdg1071Choices {
  readonly indicator: string;
  readonly unit: string;
  readonly estimator: Sdg1071Estimator;
  readonly headline: string;
  readonly surveyYear: number;
  readonly windowYears: number;
  readonly windowStart: string;
  readonly scope: string;
  readonly interest: string;
  readonly costRule: string;
  readonly fx: { readonly base: string; readonly source: string; readonly rule: string };
  readonly deflator: { readonly source: string; readonly baseYear: number; readonly rule: string } | null;
  readonly earnings: { readonly rule: string; readonly netAddedBack: number; readonly netAsGiven: number; readonly basisNotStated: number };
  readonly ratioLimit: number;
  readonly aboveRatioLimit: { readonly count: number; readonly weight: number; readonly rule: string };
  readonly median: string;
  readonly percent: boolean;
  readonly breakdowns: readonly string[];
  readonly skippedBreakdowns: readonly string[];
  readonly costItems: CostItemCounts;
  readonly level: number;
  readonly df: number;
  readonly disclosure: { readonly suppressedCountCells: number; readonly incompleteLines: number };
}

/** Counts of the per-worker computation (no identifiers). */
export interface Sdg1071WorkerSummary {
  readonly records: number;
  readonly inScope: number;
  readonly inScopeWeight: number;
  readonly zeroCost: number;
  readonly positiveCost: number;
  readonly excluded: number;
  readonly excludedWeight: number;
  readonly aboveRatioLimit: number;
}

export interface Sdg1071Result {
  readonly tables: IndicatorTable[];
  readonly workers: Sdg1071WorkerSummary;
  readonly exclusions: Sdg1071Exclusion[];
  readonly choices: Sdg1071Choices;
  readonly unSdgRows: UnSdgRow[];
  /** Per row of the workers table: 1 in the indicator, RC_i, E_i and r_i in the common currency (0 outside). */
  readonly rows: { readonly inScope: Uint8Array; readonly rc: Float64Array; readonly e: Float64Array; readonly r: Float64Array };
}

/** Indicator codes (src/sdg1071/README.md): `MGS_<measure>_SEX[_<classification>]_<unit>`. */
export const SDG1071_MEASURES: Readonly<Record<Sdg1071Statistic | 'headline', { readonly code: string; readonly unit: string; readonly label: string }>> = {
  headline: { code: 'RCI', unit: 'MO', label: 'SDG 10.7.1 recruitment cost indicator: recruitment cost borne by employee in months of first-month earnings in the country of destination' },
  mor: { code: 'RCIMOR', unit: 'MO', label: 'Recruitment cost indicator, mean of individual ratios (months of earnings)' },
  rom: { code: 'RCIROM', unit: 'MO', label: 'Recruitment cost indicator, ratio of mean costs to mean earnings (months of earnings; QA, not the SDG value)' },
  median: { code: 'RCIMED', unit: 'MO', label: 'Recruitment cost indicator, median of individual ratios (months of earnings)' },
  pos: { code: 'RCPOS', unit: 'RT', label: 'Migrant workers who paid recruitment costs (RC > 0), percent' },
  rc: { code: 'RCC', unit: 'MEAN', label: 'Mean recruitment cost borne by employee' },
  e: { code: 'RCE', unit: 'MEAN', label: 'Mean first-month earnings in the country of destination' },
  count: { code: 'RCW', unit: 'NB', label: 'Migrant workers in the scope of SDG 10.7.1 (recruited as employees in the reference window)' },
};

/** The indicator code of a measure by sex and an optional classification token (`MGS_RCI_SEX_COR_MO`). */
export function sdg1071Code(measure: keyof typeof SDG1071_MEASURES, token?: string): string {
  const m = SDG1071_MEASURES[measure];
  return `MGS_${m.code}_SEX${token ? `_${token}` : ''}_${m.unit}`;
}

/** The measure whose count tables carry disclosure control. */
const MEASURE = 'SDG1071_WORKERS';

/**
 * Computes SDG 10.7.1 from in-memory tables (no files): the indicator tables, the UN SDG rows, exclusions by reason,
 * the choices made and per-worker counts. Throws Sdg1071Error for a missing exchange rate, deflator year, currency or
 * required variable.
 */
export function computeSdg1071(input: Sdg1071Input, options: Sdg1071Options = {}): Sdg1071Result {
  const o = resolveOptions(options);
  const { workers, design } = input;
  if (design.n !== workers.nrows) throw new Sdg1071Error(`the design has ${design.n} rows but the workers table ${workers.source} has ${workers.nrows}: build the design on the workers table`);
  const w = workerRatios(input, o);
  const weights = design.weights;
  const nIn = w.inScope.reduce((a, b) => a + b, 0);
  if (nIn === 0) throw new Sdg1071Error(`${workers.source}: no worker in the scope of SDG 10.7.1 (${describeReasons(w.reason)})`);

  // exclusions by reason, with weights
  const exclusions: Sdg1071Exclusion[] = EXCLUSION_ORDER.map((code, k) => {
    let count = 0;
    let weight = 0;
    for (let i = 0; i < w.reason.length; i++) if (w.reason[i] === k) {
      count++;
      weight += weights[i]!;
    }
    return { code, reason: EXCLUSION_REASONS[code].text, rule: EXCLUSION_REASONS[code].rule, count, weight };
  }).filter((e) => e.count > 0);

  // classifications and the design with the computation's columns
  const skipped: string[] = [];
  const sex = classify(workers, 'sex', w.inScope);
  const classifs: RowClassification[] = [];
  for (const b of o.breakdowns) {
    const missing = missingVariables(workers, b);
    if (missing.length > 0) skipped.push(`${b}: ${missing.join(', ')} not mapped`);
    else classifs.push(classify(workers, b, w.inScope));
  }
  const d = withRatioColumns(design, w, [sex, ...classifs]);
  const df = o.df ?? estimate(d, [{ statistic: 'total', variable: 'sdg_in' }]).design.df;

  // the tables: for each breakdown (none first) every measure
  const tables: IndicatorTable[] = [];
  const headlineStat: Sdg1071Statistic = o.estimator === 'mean-of-ratios' ? 'mor' : 'rom';
  const otherStat: Sdg1071Statistic = o.estimator === 'mean-of-ratios' ? 'rom' : 'mor';
  const months = o.percent ? 100 : 1;
  const eo = { level: o.level, df, qrule: o.qrule };
  const bySex = estimateCells(d, w, sex, undefined, eo);
  for (const c of [undefined, ...classifs]) {
    const cells = c ? estimateCells(d, w, sex, c, eo, bySex) : bySex;
    const by = c ? `, by sex and ${breakdownLabel(c.name)}` : ', by sex';
    const unitNote = (m: 'MO' | string) => (m === 'MO' && o.percent ? ' [percent of monthly earnings: months x 100]' : '');
    const table = (measure: keyof typeof SDG1071_MEASURES, stat: Sdg1071Statistic): IndicatorTable => {
      const m = SDG1071_MEASURES[measure];
      const code = sdg1071Code(measure, c?.token);
      const scale = m.unit === 'MO' ? months : 1;
      const label = `${m.label}${measure === 'headline' ? ` (${o.estimator})` : ''}${by}${unitNote(m.unit)}`;
      return {
        indicator: code, label,
        ...(stat === 'count' ? { measure: MEASURE } : { numeratorMeasure: MEASURE, denominatorMeasure: MEASURE }),
        cells: cells[stat].map((x) => ({
          ...x, indicator: code,
          ...(scale !== 1 ? { estimate: x.estimate * scale, se: x.se * scale, ci_low: x.ci_low * scale, ci_high: x.ci_high * scale } : {}),
        })),
      };
    };
    tables.push(table('headline', headlineStat), table('median', 'median'), table(otherStat, otherStat), table('pos', 'pos'), table('rc', 'rc'), table('e', 'e'), table('count', 'count'));
  }

  // reliability flags and disclosure control, as runIndicators does for the ILMS tables
  const flagged = tables.map((t) => ({ ...t, cells: flagReliability(t.cells, o.reliability) }));
  const breakdowns: Breakdown[] = [sex.breakdown, ...classifs.map((c) => c.breakdown)];
  const counts = flagged.filter((t) => t.measure);
  const suppression = suppressTables(counts, breakdowns, o.suppression);
  const protectedCounts = new Map(suppression.tables.map((t) => [t.indicator, t]));
  const others = propagateSuppression(flagged.filter((t) => !t.measure), suppression.tables, { breakdowns, policy: o.suppression });
  const protectedOthers = new Map(others.map((t) => [t.indicator, t]));
  const final = flagged.map((t) => protectedCounts.get(t.indicator) ?? protectedOthers.get(t.indicator)!);

  // QA: ratios above the limit (counted, never trimmed: rule 26)
  let above = 0;
  let aboveWeight = 0;
  let zeroCost = 0;
  let inWeight = 0;
  for (let i = 0; i < w.inScope.length; i++) {
    if (!w.inScope[i]) continue;
    inWeight += weights[i]!;
    if (w.rc[i] === 0) zeroCost++;
    if (w.r[i]! > o.ratioLimit) {
      above++;
      aboveWeight += weights[i]!;
    }
  }
  const excluded = exclusions.reduce((a, e) => a + e.count, 0);
  const excludedWeight = exclusions.reduce((a, e) => a + e.weight, 0);
  const headline = final[0]!;
  const choices: Sdg1071Choices = {
    indicator: 'SDG 10.7.1 (UN series SL_EMP_RCOST_MO)',
    unit: o.percent ? 'percent of monthly earnings (months x 100; display option, rule 22)' : 'months of earnings (MO_EARN, rule 3)',
    estimator: o.estimator,
    headline: o.estimator === 'mean-of-ratios'
      ? 'weighted mean of individual ratios r_i = RC_i / E_i over in-scope workers, RC_i = 0 included (rule 20 [I]/[R])'
      : 'ratio of means sum w RC / sum w E (option; rule 21b says it is not the SDG value [I])',
    surveyYear: input.surveyYear,
    windowYears: o.windowYears,
    windowStart: w.windowStart,
    scope: 'employees (job_status_abroad) who changed usual residence (when mapped) for work (reason_for_migration, when mapped), first job in the last destination starting on or after the window start (rules 7-9); E_i > 0 (rule 18); RC_i known (rule 25)',
    interest: o.includeInterest ? 'loan interest included in RC (option)' : 'loan interest excluded from RC (rule 13 [R], default)',
    costRule: 'items paid by the worker or the family, and items deducted from wages, count; employer- or other-paid items not deducted do not; irregular payments count; zero costs kept (rules 11-14)',
    fx: { base: input.rates.base, source: input.rates.source, rule: 'each amount at the monthly average rate of its month: cost_date for cost items (job start month when missing), the month of job_start_date for first-month earnings (rule 23 [R])' },
    deflator: input.deflator
      ? { source: input.deflator.source, baseYear: o.deflatorBaseYear ?? input.surveyYear, rule: 'RC and E in constant prices of the base year, index(base)/index(year of the amount) (rule 24): the ratio r_i changes only where costs and earnings fall in different years; the mean costs and earnings are in constant prices' }
      : null,
    earnings: {
      rule: o.netEarnings === 'add-back-deductions'
        ? 'first-month earnings, gross; net records get the amounts deducted from wages for recruitment costs added back (rule 17 [I])'
        : 'first-month earnings as given; net records are taken as net (flagged) (rule 17 option)',
      netAddedBack: w.netAddedBack, netAsGiven: w.netAsGiven, basisNotStated: w.basisNotStated,
    },
    ratioLimit: o.ratioLimit,
    aboveRatioLimit: { count: above, weight: aboveWeight, rule: 'flagged, never trimmed (rule 26)' },
    median: `weighted median of r_i, quantile rule ${o.qrule}${o.qrule === 'math' ? ' (R qrule_math: the lower median, spec §10)' : ''}, Woodruff interval`,
    percent: o.percent,
    breakdowns: ['sex', ...classifs.map((c) => c.name)],
    skippedBreakdowns: skipped,
    costItems: w.costItems,
    level: o.level,
    df,
    disclosure: { suppressedCountCells: suppression.suppressed.length, incompleteLines: suppression.incompleteLines.length },
  };
  return {
    tables: final,
    workers: { records: workers.nrows, inScope: nIn, inScopeWeight: inWeight, zeroCost, positiveCost: nIn - zeroCost, excluded, excludedWeight, aboveRatioLimit: above },
    exclusions,
    choices,
    unSdgRows: unSdgRows(headline, input.country, input.surveyYear, months),
    rows: { inScope: w.inScope, rc: w.rc, e: w.e, r: w.r },
  };
}

function describeReasons(reason: Int8Array): string {
  const counts = new Map<number, number>();
  for (let i = 0; i < reason.length; i++) counts.set(reason[i]!, (counts.get(reason[i]!) ?? 0) + 1);
  return [...counts.entries()].filter(([k]) => k >= 0).map(([k, n]) => `${n} ${EXCLUSION_REASONS[EXCLUSION_ORDER[k]!].text}`).join('; ');
}

