/**
 * Several rounds of a survey together: stacked into one table, pooled into annual (multi-round) estimates, and
 * compared as changes between the first and the last round, with standard errors that see the rounds' overlap.
 *
 * Stacking. The rounds' standard tables (profile/apply.ts) are put one under the other with a `round` column (the
 * round labels, in the order given). Strata and PSUs keep their ids: the same enumeration area in two quarters is one
 * PSU of the stacked design, and a household interviewed in both rounds is one second-stage unit. Linearisation
 * (Taylor) sums the scores of a PSU over all its rows, so the covariance between rounds that a shared PSU (or a shared
 * household) induces enters every variance. This needs the Taylor design: replicate weights drawn for each round
 * separately (as the Atlantis LFS's bootstrap replicates) resample different PSUs in each round and cannot be stacked.
 *
 * Pooling (annual averages). With R rounds and round weights w_ri, the pooled estimator of a total is the average of
 * the round totals, Y = (1/R) sum_r sum_i w_ri y_ri: a total over the stacked table with weights w_ri / R. Rates and
 * means are ratios of such totals, Y / X. This is the annual average of quarterly LFS samples (Eurostat describes
 * how EU-LFS annual results are produced from the quarters in the metadata of "LFS series - detailed annual survey
 * results", 18.5 Data compilation). Its variance is the Taylor variance of the stacked
 * design, V(Y) = (1/R^2) [sum_r V(Y_r) + sum_{r != s} C(Y_r, Y_s)], the covariances coming from the shared PSUs.
 *
 * Changes. For a count, Y_last - Y_first; for a rate or mean, R_last - R_first (rates in percentage points): one
 * estimate pass on the stacked design (round weights, not divided) with `by` the cell's classifications and `round`
 * and the covariance of all domain estimates (R `svyby(..., covmat = TRUE)`), then the linear contrast +1/-1 (R
 * `svycontrast`): V(R_2 - R_1) = V(R_2) + V(R_1) - 2 C(R_1, R_2), the covariance estimated from the PSUs the rounds
 * share (cf. Berger 2004, "Variance estimation for measures of change in probability sampling", Canadian Journal of
 * Statistics 32(4)). Change tables have unit `GAP` and the code `MGS_CHG_<indicator>`.
 */
import type { IndicatorDefinition } from '../indicators/catalogue.js';
import type { IndicatorCell, IndicatorTable } from '../indicators/cell.js';
import { type DerivedData, dimsOf, orderCells, unweightedCounts, withDerivedColumns } from '../indicators/compute.js';
import { type Derivation, deriveIndicatorData } from '../indicators/derive.js';
import { IndicatorError } from '../indicators/errors.js';
import { flagReliability } from '../indicators/reliability.js';
import { parseSuppressionPolicy } from '../indicators/suppression.js';
import { InputError } from '../io/errors.js';
import { type Column, type ColumnMeta, Table } from '../io/table.js';
import type { LoadedProfile } from '../profile/load.js';
import { contrast, type ContrastSpec } from '../survey/contrast.js';
import type { Vector } from '../survey/data.js';
import { type DesignSpec, type LonelyPsu, type SurveyDesign, svyDesign } from '../survey/design.js';
import { DesignError } from '../survey/errors.js';
import { type StatRequest, estimate } from '../survey/estimate.js';
import { type IndicatorRun, type IndicatorRunOptions, deriveOptionsOf, runIndicators, selectDefinitions } from './indicators.js';

/** The column of the stacked table that holds the round label. */
export const ROUND_COLUMN = 'round';

/** The weight column of a pooled table: the round weight divided by the number of rounds. */
export const POOLED_WEIGHT_COLUMN = 'weight_pooled';

/** The prefix of change indicator codes: `MGS_CHG_MST_TEAP_SEX_AGE_CBR_RT` is the change of `MST_TEAP_SEX_AGE_CBR_RT`. */
export const CHANGE_PREFIX = 'MGS_CHG_';

/** One round: its standard table and its label (an ILOSTAT time code such as `2024Q1`). */
export interface Round {
  readonly table: Table;
  readonly label: string;
}

/** A profiled round: its standard table, the profile that made it, and the profile's design as estimate options. */
export interface ProfiledRound extends Round {
  readonly profile: LoadedProfile;
  /** `applyProfile(...).estimateOptions`: weight, strata, psu1.., fpc1.. (standard column names). */
  readonly design: Readonly<Record<string, unknown>> | undefined;
}

const allMissing = (c: Column): boolean => (c.kind === 'number' ? c.values.every((v) => Number.isNaN(v)) : c.codes.every((k) => k < 0));

/**
 * Stacks the standard tables of the rounds, in the order given, with a `round` column of their labels. The tables
 * must have the same columns (an error names the round, its file and the columns that differ); a column numeric in one
 * round and text in another is an error unless it is all missing in one of them. Text columns are re-encoded over the
 * union of their levels (first round's first).
 */
export function stackRounds(rounds: readonly Round[]): Table {
  if (rounds.length < 2) throw new InputError(`stacking needs at least two rounds (got ${rounds.length})`);
  const labels = rounds.map((r) => r.label);
  const dup = labels.find((l, i) => labels.indexOf(l) !== i);
  if (dup !== undefined) throw new InputError(`round label "${dup}" is given twice; labels: ${labels.join(', ')}`);
  const first = rounds[0]!;
  const names = first.table.names;
  if (names.includes(ROUND_COLUMN)) throw new InputError(`round ${first.label} (${first.table.source}): the table already has a column "${ROUND_COLUMN}"; stacking adds it`);
  for (const r of rounds.slice(1)) {
    const missing = names.filter((n) => !r.table.columns.has(n));
    const extra = r.table.names.filter((n) => !first.table.columns.has(n));
    if (missing.length || extra.length) {
      throw new InputError(
        `round ${r.label} (${r.table.source}) has other columns than round ${first.label} (${first.table.source}):` +
        `${missing.length ? ` missing ${missing.map((n) => `"${n}"`).join(', ')};` : ''}${extra.length ? ` not in round ${first.label}: ${extra.map((n) => `"${n}"`).join(', ')};` : ''}` +
        ' rounds are stacked column by column: map the same variables in every round',
      );
    }
  }
  const nrows = rounds.reduce((a, r) => a + r.table.nrows, 0);
  const columns = new Map<string, Column>();
  for (const name of names) {
    const parts = rounds.map((r) => r.table.column(name));
    const kinds = new Set(parts.filter((c) => !allMissing(c)).map((c) => c.kind));
    if (kinds.size > 1) {
      const num = rounds.find((_, k) => parts[k]!.kind === 'number' && !allMissing(parts[k]!))!;
      const txt = rounds.find((_, k) => parts[k]!.kind === 'category' && !allMissing(parts[k]!))!;
      throw new InputError(`column "${name}" is numeric in round ${num.label} (${num.table.source}) and text in round ${txt.label} (${txt.table.source}): a column must have one type in every round`);
    }
    const kind = kinds.size === 1 ? [...kinds][0]! : parts[0]!.kind;
    if (kind === 'number') {
      const values = new Float64Array(nrows);
      let at = 0;
      for (const c of parts) {
        if (c.kind === 'number') values.set(c.values, at);
        else values.fill(NaN, at, at + c.codes.length);
        at += c.kind === 'number' ? c.values.length : c.codes.length;
      }
      columns.set(name, { kind: 'number', values });
    } else {
      const index = new Map<string, number>();
      const levels: string[] = [];
      const codes = new Int32Array(nrows);
      let at = 0;
      for (const c of parts) {
        if (c.kind === 'number') {
          codes.fill(-1, at, at + c.values.length);
          at += c.values.length;
          continue;
        }
        const map = c.levels.map((l) => {
          let k = index.get(l);
          if (k === undefined) {
            index.set(l, (k = levels.length));
            levels.push(l);
          }
          return k;
        });
        for (let i = 0; i < c.codes.length; i++) codes[at + i] = c.codes[i]! < 0 ? -1 : map[c.codes[i]!]!;
        at += c.codes.length;
      }
      columns.set(name, { kind: 'category', codes, levels });
    }
  }
  const roundCodes = new Int32Array(nrows);
  let at = 0;
  rounds.forEach((r, k) => {
    roundCodes.fill(k, at, at + r.table.nrows);
    at += r.table.nrows;
  });
  columns.set(ROUND_COLUMN, { kind: 'category', codes: roundCodes, levels: labels });
  const meta = new Map<string, ColumnMeta>(first.table.meta.columns ?? []);
  meta.set(ROUND_COLUMN, { label: 'Survey round (stacked rounds)', type: 'string' });
  return new Table([...names, ROUND_COLUMN], columns, nrows, `rounds ${labels.join('+')}`, { columns: meta });
}

/** Keys of the profile design options that pooling and changes cannot use, with why. */
const NOT_STACKABLE: readonly [string, string][] = [
  ['repweights', 'replicate weights'],
  ['repweightsRegex', 'replicate weights'],
  ['replicates', 'replicates generated from the design'],
  ['poststratify', 'post-stratification'],
  ['rake', 'raking'],
  ['calibrate', 'calibration'],
];

const canonical = (o: Readonly<Record<string, unknown>>): string => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));

/**
 * The one Taylor design spec of the rounds, from their profiles' design options: every round must have a design, with
 * a weight column, no replicate weights and no reweighting step, and all rounds the same design. Errors
 * (DesignError) name the round, its profile and what is wrong.
 */
export function roundsDesignSpec(rounds: readonly ProfiledRound[]): DesignSpec {
  for (const r of rounds) {
    const where = `round ${r.label} (profile ${r.profile.source})`;
    if (!r.design) throw new DesignError(`${where} has no design: pooling and changes need the weights, strata and PSUs of every round`);
    for (const [key, what] of NOT_STACKABLE) {
      if (r.design[key] === undefined) continue;
      throw new DesignError(
        key.startsWith('rep')
          ? `${where} uses ${what}: replicate weights drawn for each round separately resample different PSUs in each round, so they cannot be stacked and would lose the covariance between rounds; pool and compare rounds with the profile's Taylor design (design: weight, strata, psu, fpc; e.g. datasets/atlantis-lfs/profile.yaml)`
          : `${where} uses ${what} (design.${key === 'replicates' ? 'replicates' : 'calibration'}): pooling and changes take each round's weights as final and use the Taylor design (weight, strata, psu, fpc); calibrate each round's weights before, and remove design.${key === 'replicates' ? 'replicates' : 'calibration'} from the profile`,
      );
    }
    if (typeof r.design.weight !== 'string') throw new DesignError(`${where} has no design weight: pooling divides the round weights by the number of rounds (design.weight)`);
  }
  const d0 = rounds[0]!;
  for (const r of rounds.slice(1)) {
    if (canonical(r.design!) !== canonical(d0.design!)) {
      const show = (o: Readonly<Record<string, unknown>>): string => Object.entries(o).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ');
      throw new DesignError(`round ${r.label} (profile ${r.profile.source}) has another design than round ${d0.label} (profile ${d0.profile.source}): ${show(r.design!)} vs ${show(d0.design!)}; the rounds must share one design (the same strata, PSU stages and fpc)`);
    }
  }
  const o = d0.design!;
  return {
    weight: o.weight as string,
    strata: o.strata as string | undefined,
    psu: o.psu as string[] | undefined,
    fpc: o.fpc as string[] | undefined,
    nest: Boolean(o.nest),
    lonelyPsu: o.lonelyPsu as LonelyPsu | undefined,
    adjustDomainLonely: Boolean(o.adjustDomainLonely),
    ultimateCluster: Boolean(o.ultimateCluster),
  };
}

/**
 * The Taylor design of a stacked table (stackRounds) under the rounds' design spec. With `pool`, the weights are divided
 * by the number of rounds (a column `weight_pooled` is added to the table): the design of pooled (annual) estimates.
 * Without, the round weights: the design of per-round domains and changes.
 */
export function stackedDesign(stacked: Table, spec: DesignSpec, options: { readonly pool?: boolean } = {}): SurveyDesign {
  const rounds = stacked.column(ROUND_COLUMN);
  if (rounds.kind !== 'category') throw new InputError(`column "${ROUND_COLUMN}" of ${stacked.source} must hold round labels`);
  if (!options.pool) return designOf(stacked, spec, rounds);
  const R = rounds.levels.length;
  const w = stacked.column(spec.weight!);
  if (w.kind !== 'number') throw new DesignError(`weight column "${spec.weight}" must be numeric`);
  const columns = new Map(stacked.columns);
  columns.set(POOLED_WEIGHT_COLUMN, { kind: 'number', values: Float64Array.from(w.values, (v) => v / R) });
  const meta = new Map(stacked.meta.columns ?? []);
  meta.set(POOLED_WEIGHT_COLUMN, { label: `Pooled weight: ${spec.weight} / ${R} rounds`, type: 'numeric' });
  const pooled = new Table([...stacked.names, POOLED_WEIGHT_COLUMN], columns, stacked.nrows, stacked.source, { ...stacked.meta, columns: meta });
  return designOf(pooled, { ...spec, weight: POOLED_WEIGHT_COLUMN }, rounds);
}

/** svyDesign on a stacked table; its errors (which name rows of the stacked table) say which rows are which round's. */
function designOf(table: Table, spec: DesignSpec, rounds: Extract<Column, { kind: 'category' }>): SurveyDesign {
  try {
    return svyDesign(table, spec);
  } catch (e) {
    if (!(e instanceof DesignError)) throw e;
    const spans = rounds.levels.map((label, k) => {
      const first = rounds.codes.indexOf(k);
      const last = rounds.codes.lastIndexOf(k);
      return `${label} rows ${first + 1}-${last + 1}`;
    });
    throw new DesignError(`${e.message} (rows of the stacked rounds: ${spans.join(', ')}; a PSU or stratum id must mean the same unit in every round)`);
  }
}

/** The derivation options of a profile (as runIndicators derives). */
/** The rounds' profiles must derive the concepts alike (country, labour force settings, informality). */
function checkProfiles(rounds: readonly ProfiledRound[]): void {
  const key = (r: ProfiledRound): string => JSON.stringify({ country: r.profile.profile.survey.country, labour_force: r.profile.profile.labour_force ?? null, informality: r.profile.profile.informality });
  const k0 = key(rounds[0]!);
  for (const r of rounds.slice(1)) {
    if (key(r) !== k0) throw new IndicatorError(`round ${r.label} (profile ${r.profile.source}) derives the concepts otherwise than round ${rounds[0]!.label} (profile ${rounds[0]!.profile.source}): survey.country, labour_force and informality must be the same in every round's profile (${key(r)} vs ${k0})`);
  }
}

function checkRounds(rounds: readonly ProfiledRound[]): DesignSpec {
  if (rounds.length < 2) throw new IndicatorError(`pooling and changes need at least two rounds (got ${rounds.length})`);
  checkProfiles(rounds);
  return roundsDesignSpec(rounds);
}

/** A pooled run: the tables of the pooled (annual) estimates, with the stacked table and design behind them. */
export interface PooledRun extends IndicatorRun {
  /** The round labels, in order. */
  readonly rounds: readonly string[];
  /** The stacked table (with `round` and `weight_pooled`) and its design (weights divided by the number of rounds). */
  readonly design: SurveyDesign;
}

/**
 * Pooled (annual, or multi-round) estimates of the indicators: the rounds stacked, their weights divided by the number
 * of rounds, strata and PSUs kept (a PSU in several rounds is one PSU), then the indicator pipeline (runIndicators:
 * derive, compute, reliability, disclosure control) on that Taylor design. Counts are the averages of the rounds'
 * counts; rates are ratios of the averaged counts. `n` counts person-round records (a person interviewed in two
 * rounds counts twice).
 */
export function poolRounds(rounds: readonly ProfiledRound[], options: IndicatorRunOptions = {}): PooledRun {
  const spec = checkRounds(rounds);
  const stacked = stackRounds(rounds);
  const design = stackedDesign(stacked, spec, { pool: true });
  const run = runIndicators(rounds[0]!.profile, design.data, design, options);
  return { ...run, rounds: rounds.map((r) => r.label), design };
}

/** A change run: change tables (last round minus first), what could not be compared, and the rounds' own runs. */
export interface ChangeRun {
  readonly tables: IndicatorTable[];
  readonly first: string;
  readonly last: string;
  /** Derivation on the stacked rounds (exclusions counted over all rounds). */
  readonly derivation: Derivation;
  /** Indicators of the set left out, with why (medians and gaps have no change table). */
  readonly skipped: readonly { readonly indicator: string; readonly reason: string }[];
  /** The first and last rounds' own runs (Taylor design of each round), whose disclosure control the changes follow; empty when suppression is off. */
  readonly roundRuns: readonly IndicatorRun[];
}

/** Why an indicator has no change table, or undefined when it has one. */
function notComparable(def: IndicatorDefinition): string | undefined {
  if (def.unit === 'MEDIAN') return 'a median: the covariance of quantiles between rounds is not estimated';
  if (def.unit === 'GAP') return 'a gap between groups: its change (a difference in differences) is not tabulated';
  return undefined;
}

/**
 * The change cells of one indicator: per subset of its dimensions, one estimate pass by the dimensions and round with
 * the covariance of the domain estimates, then the contrasts last - first. `compared` codes each row 0 (first round),
 * 1 (last round) or -1 (another round), for the unweighted counts.
 */
function changeCells(design: SurveyDesign, data: DerivedData, def: IndicatorDefinition, compared: Int32Array, labels: { first: string; last: string }, level: number, df: number): IndicatorCell[] {
  const dims = dimsOf(def);
  const extra = new Map<string, Vector>();
  let request: StatRequest;
  if (def.unit === 'NB') request = { statistic: 'total', variable: def.numerator! };
  else if (def.unit === 'RT') request = { statistic: 'ratio', numerator: def.numerator!, denominator: def.denominator! };
  else {
    const a = data.variables[def.amount!];
    const p = data.variables[def.denominator!];
    extra.set('chg_amount', { kind: 'number', values: Float64Array.from(p, (pi, i) => (pi ? a[i]! : 0)) });
    request = { statistic: 'ratio', numerator: 'chg_amount', denominator: def.denominator! };
  }
  const d = withDerivedColumns(design, data, extra);
  const scale = def.unit === 'RT' ? 100 : 1;
  const numVar = data.variables[def.numerator ?? def.denominator!];
  const denVar = data.variables[def.denominator ?? def.numerator!];
  // numerator (n) and denominator (n_domain) of the first and of the last round, for the unweighted counts
  const inRound = (x: Float64Array, r: number): Float64Array => Float64Array.from(x, (v, i) => (compared[i] === r ? v : 0));
  const roundCounted = [inRound(numVar, 0), inRound(denVar, 0), inRound(numVar, 1), inRound(denVar, 1)];
  const cells: IndicatorCell[] = [];
  for (let mask = 0; mask < 1 << dims.length; mask++) {
    const by = dims.filter((_, k) => mask & (1 << k));
    const result = estimate(d, [request], { by: [...by.map((b) => `c_${b}`), ROUND_COLUMN], level, df, covariance: true });
    // unweighted counts per domain and round: numerator (n) and denominator (n_domain)
    const counts = unweightedCounts(data, by, roundCounted);
    const domains = new Map<string, { first?: number; last?: number }>();
    result.results.forEach((row, k) => {
      const key = by.map((b) => `${row.domain[`c_${b}`]}|`).join('');
      const e = domains.get(key) ?? {};
      if (row.domain[ROUND_COLUMN] === labels.first) e.first = k;
      if (row.domain[ROUND_COLUMN] === labels.last) e.last = k;
      domains.set(key, e);
    });
    const specs: ContrastSpec[] = [];
    const keys: string[] = [];
    for (const [key, e] of domains) {
      if (e.first === undefined || e.last === undefined) continue;
      specs.push({ name: key, linear: [{ row: e.last, coef: scale }, { row: e.first, coef: -scale }] });
      keys.push(key);
    }
    if (specs.length === 0) continue;
    const con = contrast(result, specs, { level, df });
    con.results.forEach((r, k) => {
      const row = result.results[domains.get(keys[k]!)!.last!]!;
      const code = (j: number): string | null => {
        const dim = dims[j];
        if (!dim) return null;
        return by.includes(dim) ? row.domain[`c_${dim}`]! : data.classifications[dim].breakdown.total;
      };
      const c = counts.get(keys[k]!) ?? new Int32Array(4);
      cells.push({
        indicator: `${CHANGE_PREFIX}${def.code}`, sex: code(0)!, classif1: code(1), classif2: code(2), unit: 'GAP',
        estimate: r.estimate, se: r.se, ci_low: r.ci_low, ci_high: r.ci_high, df: r.df, deff: NaN,
        cv: r.estimate !== 0 ? r.se / Math.abs(r.estimate) : NaN, n: Math.min(c[0]!, c[2]!), n_domain: Math.min(c[1]!, c[3]!), N: NaN, reliability: 'reliable',
      });
    });
  }
  return orderCells(cells, dims, data);
}

/** A change table's label: the round span and the indicator's label, rates in percentage points, counts in persons. */
function changeLabel(def: IndicatorDefinition, first: string, last: string): string {
  const label = def.unit === 'RT' ? def.label.replace(/\(%\)$/, '(percentage points)') : def.label;
  return `Change from ${first} to ${last}: ${label}`;
}

const cellKey = (indicator: string, c: Pick<IndicatorCell, 'sex' | 'classif1' | 'classif2'>): string => `${indicator}|${c.sex}|${c.classif1 ?? ''}|${c.classif2 ?? ''}`;

/**
 * Changes between the first and the last round of the chosen indicators (counts, rates, means; not medians or gaps),
 * each cell the contrast last - first on the stacked Taylor design, so that the covariance from shared PSUs and
 * households is in its SE. Tables: unit `GAP`, code `MGS_CHG_<indicator>`, estimate in persons (counts), percentage
 * points (rates) or the unit of the mean; `n` and `n_domain` the smaller of the two rounds' unweighted counts, `N`
 * NaN. Reliability flags by the policy (GAP cells: its min_n on n_domain). Disclosure control (on by default): the
 * first and last rounds are each run through the indicator pipeline on their own Taylor design, and a change cell is
 * published only where both rounds publish the cell it compares (else it takes the rounds' suppression, primary when
 * either is primary): a change next to one published round would recompute the other.
 */
export function roundChanges(rounds: readonly ProfiledRound[], options: IndicatorRunOptions = {}): ChangeRun {
  const spec = checkRounds(rounds);
  const stacked = stackRounds(rounds);
  const design = stackedDesign(stacked, spec);
  const first = rounds[0]!;
  const last = rounds[rounds.length - 1]!;
  const derivation = deriveIndicatorData(stacked, deriveOptionsOf(first.profile, options));
  const definitions = selectDefinitions(options, derivation.criterion);
  const asked = new Set(options.codes ?? []);
  const skipped: { indicator: string; reason: string }[] = [];
  const comparable: IndicatorDefinition[] = [];
  for (const def of definitions) {
    const why = notComparable(def);
    if (why === undefined) comparable.push(def);
    else if (asked.has(def.code)) throw new IndicatorError(`indicator ${def.code} has no change table: ${why}; changes are computed for counts, rates and means`);
    else skipped.push({ indicator: def.code, reason: why });
  }
  const level = options.level ?? 0.95;
  const roundCol = stacked.column(ROUND_COLUMN) as Extract<Column, { kind: 'category' }>;
  const codes = roundCol.codes;
  const labels = { first: first.label, last: last.label };
  const df = estimate(design, [{ statistic: 'total', variable: spec.weight! }]).design.df;
  const compared = Int32Array.from(codes, (c) => (c === 0 ? 0 : c === rounds.length - 1 ? 1 : -1));
  let tables: IndicatorTable[] = comparable.map((def) => ({
    indicator: `${CHANGE_PREFIX}${def.code}`,
    label: changeLabel(def, first.label, last.label),
    cells: flagReliability(changeCells(design, derivation.data, def, compared, labels, level, df), options.reliability),
  }));
  const policy = parseSuppressionPolicy(options.suppression);
  let roundRuns: IndicatorRun[] = [];
  if (policy.enabled) {
    const baseCodes = comparable.map((d) => d.code);
    roundRuns = [first, last].map((r) => runIndicators(r.profile, r.table, svyDesign(r.table, spec), { ...options, codes: baseCodes }));
    const published = roundRuns.map((run) => new Map(run.tables.flatMap((t) => t.cells.map((c) => [cellKey(t.indicator, c), c] as const))));
    tables = tables.map((t) => {
      const base = t.indicator.slice(CHANGE_PREFIX.length);
      return {
        ...t,
        cells: t.cells.map((c) => {
          const inRounds = published.map((m) => m.get(cellKey(base, c)));
          if (inRounds.every((b) => b !== undefined && !b.suppressed)) return c;
          return { ...c, suppressed: inRounds.some((b) => b?.suppressed === 'primary') ? ('primary' as const) : ('secondary' as const) };
        }),
      };
    });
  }
  return { tables, first: first.label, last: last.label, derivation, skipped, roundRuns };
}

/** An ILOSTAT time code of a round: a year, a quarter or a month. */
export const ROUND_LABEL = /^\d{4}(Q[1-4]|M(0[1-9]|1[0-2]))?$/;

/** The ILOSTAT time code of pooled rounds: --time, else the year when every label is a quarter or month of one year. */
export function pooledTime(labels: readonly string[], time: string | undefined): { time: string; note?: string } {
  if (time) return { time };
  const years = new Set(labels.map((l) => l.slice(0, 4)));
  const sub = labels.every((l) => l.length > 4);
  if (years.size !== 1 || !sub) throw new IndicatorError(`annual estimates: rounds ${labels.join(', ')} are not the quarters or months of one year: give the ILOSTAT time code of the pooled estimates (--time, or the time of the annual step)`);
  const year = [...years][0]!;
  const per = labels[0]!.includes('Q') ? 4 : 12;
  const kinds = new Set(labels.map((l) => l[4]));
  if (kinds.size !== 1) throw new IndicatorError(`annual estimates: rounds ${labels.join(', ')} mix quarters and months: give the time code of the pooled estimates (--time, or the time of the annual step)`);
  return labels.length === per ? { time: year } : { time: year, note: `annual estimates of ${year} from ${labels.length} of ${per} ${per === 4 ? 'quarters' : 'months'} (${labels.join(', ')}); give --time (or the annual step's time) to label them otherwise` };
}
