/**
 * The indicator engine: every cell of every indicator as a survey estimate of the estimation core. Indicators that
 * share their classifications share the passes: for each subset of their dimensions (sex, classif1, classif2) one
 * `estimate` call with all their statistics and `by` that subset, the other dimensions at their total. Counts are
 * totals, rates ratios of totals (x 100), means ratios of an amount's total to the population's, medians domain
 * quantiles, gaps delta-method contrasts of the domain estimates (R `svycontrast`); domains never subset the design.
 */
import type { SurveyData, Vector } from '../survey/data.js';
import type { SurveyDesign } from '../survey/design.js';
import { contrast, type ContrastSpec } from '../survey/contrast.js';
import { type EstimateRow, type StatRequest, estimate } from '../survey/estimate.js';
import type { ReplicateDesign } from '../survey/replicate-design.js';
import type { ClassificationName, DerivedVariable, IndicatorDefinition } from './catalogue.js';
import type { Breakdown, IndicatorCell, IndicatorTable } from './cell.js';
import { IndicatorError } from './errors.js';

type Design = SurveyDesign | ReplicateDesign;

/** A classification of every row: codes into `levels` (ILOSTAT item codes); -1 for rows outside its tabulation. */
export interface DerivedClassification {
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  readonly breakdown: Breakdown;
}

/** The derived variables and classifications of the rows of a design (derive.ts). */
export interface DerivedData {
  readonly nrows: number;
  readonly variables: Readonly<Record<DerivedVariable, Float64Array>>;
  readonly classifications: Readonly<Record<ClassificationName | 'sex', DerivedClassification>>;
  /** The item codes of migrants and non-migrants in the `migrant` classification. */
  readonly migrantItems: { readonly migrant: string; readonly nonMigrant: string };
}

export interface ComputeOptions {
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /**
   * Degrees of freedom of every interval; default the design's (Taylor: PSUs minus strata; replicates: rank of the
   * replicate weights minus 1, R `degf`), one for the whole table set, as published tables use.
   */
  readonly df?: number;
}

/** The design's data with the derived variables, the classifications (`c_<name>`) and any `extra` columns (rows aligned). */
export function withDerivedColumns<D extends Design>(design: D, data: DerivedData, extra: ReadonlyMap<string, Vector> = new Map()): D {
  if (data.nrows !== design.n) throw new IndicatorError(`derived data has ${data.nrows} rows, the design ${design.n}`);
  const cols = new Map<string, Vector>(extra);
  for (const [name, values] of Object.entries(data.variables)) cols.set(name, { kind: 'number', values });
  for (const [name, c] of Object.entries(data.classifications)) cols.set(`c_${name}`, { kind: 'category', codes: c.codes, levels: c.levels });
  const base = design.data;
  const view: SurveyData = { nrows: base.nrows, column: (name) => cols.get(name) ?? base.column(name) };
  return { ...design, data: view };
}

/** Product of an amount and a 0/1 population (0 outside it, whatever the amount there). */
function amountColumn(data: DerivedData, amount: DerivedVariable, population: DerivedVariable): Float64Array {
  const a = data.variables[amount];
  const p = data.variables[population];
  return Float64Array.from(p, (pi, i) => (pi ? a[i]! : 0));
}

/** The dimensions of an indicator's cells: sex, then its classifications. */
export const dimsOf = (def: IndicatorDefinition): ('sex' | ClassificationName)[] => ['sex', ...(def.classif1 ? [def.classif1] : []), ...(def.classif2 ? [def.classif2] : [])];

/** Unweighted counts of rows with a nonzero value of each variable, per domain of `by` (keys joined codes). */
export function unweightedCounts(data: DerivedData, by: readonly ('sex' | ClassificationName)[], variables: readonly Float64Array[]): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  const cls = by.map((b) => data.classifications[b]);
  for (let i = 0; i < data.nrows; i++) {
    let key = '';
    let skip = false;
    for (const c of cls) {
      const code = c.codes[i]!;
      if (code < 0) {
        skip = true;
        break;
      }
      key += `${c.levels[code]}|`;
    }
    if (skip) continue;
    let counts = out.get(key);
    if (!counts) out.set(key, (counts = new Int32Array(variables.length)));
    for (let k = 0; k < variables.length; k++) if (variables[k]![i]) counts[k]!++;
  }
  return out;
}

function cellOf(def: IndicatorDefinition, row: EstimateRow, dims: readonly ('sex' | ClassificationName)[], by: readonly string[], data: DerivedData, n: number, nDomain: number, scale: number): IndicatorCell {
  const code = (k: number): string | null => {
    const dim = dims[k];
    if (!dim) return null;
    return by.includes(dim) ? row.domain[`c_${dim}`]! : data.classifications[dim].breakdown.total;
  };
  return {
    indicator: def.code, sex: code(0)!, classif1: code(1), classif2: code(2), unit: def.unit,
    estimate: row.estimate * scale, se: row.se * scale, ci_low: row.ci_low * scale, ci_high: row.ci_high * scale,
    df: row.df, deff: row.deff ?? NaN, cv: row.estimate !== 0 ? row.se / Math.abs(row.estimate) : NaN, n, n_domain: nDomain, N: row.N,
    reliability: 'reliable',
  };
}

/** Cells of a group of indicators with the same dimensions: one estimate pass per subset of the dimensions. */
function groupCells(design: Design, data: DerivedData, defs: readonly IndicatorDefinition[], level: number, df: number): Map<string, IndicatorCell[]> {
  const dims = dimsOf(defs[0]!);
  const out = new Map<string, IndicatorCell[]>(defs.map((d) => [d.code, []]));
  const amounts = new Map<string, Float64Array>();
  const requests: StatRequest[] = [];
  const owners: IndicatorDefinition[] = [];
  for (const def of defs) {
    if (def.unit === 'NB') requests.push({ statistic: 'total', variable: def.numerator! });
    else if (def.unit === 'RT') requests.push({ statistic: 'ratio', numerator: def.numerator!, denominator: def.denominator! });
    else if (def.unit === 'MEAN') {
      const name = `a_${def.amount}_${def.denominator}`;
      amounts.set(name, amountColumn(data, def.amount!, def.denominator!));
      requests.push({ statistic: 'ratio', numerator: name, denominator: def.denominator! });
    } else continue;
    owners.push(def);
  }
  const base = design.data;
  const withAmounts: Design = { ...design, data: { nrows: base.nrows, column: (name) => (amounts.has(name) ? { kind: 'number', values: amounts.get(name)! } : base.column(name)) } };
  const counted = (def: IndicatorDefinition): Float64Array[] => [data.variables[def.numerator ?? def.denominator!], data.variables[def.denominator ?? def.numerator!]];
  const countVars = owners.flatMap(counted);
  for (let mask = 0; mask < 1 << dims.length; mask++) {
    const by = dims.filter((_, k) => mask & (1 << k));
    const byCols = by.map((b) => `c_${b}`);
    if (requests.length > 0) {
      const result = estimate(withAmounts, requests, { by: byCols, level, df });
      const counts = unweightedCounts(data, by, countVars);
      const perRequest = result.results.length / requests.length;
      result.results.forEach((row, r) => {
        const k = Math.floor(r / perRequest);
        const def = owners[k]!;
        const key = by.map((b) => `${row.domain[`c_${b}`]}|`).join('');
        const c = counts.get(key);
        out.get(def.code)!.push(cellOf(def, row, dims, by, data, c ? c[2 * k]! : 0, c ? c[2 * k + 1]! : 0, def.unit === 'RT' ? 100 : 1));
      });
    }
    for (const def of defs.filter((d) => d.unit === 'MEDIAN')) {
      const result = estimate(design, [{ statistic: 'quantile', variable: def.amount!, probs: [0.5] }], {
        by: byCols, level, df, naRm: true, where: [{ column: def.denominator!, op: '=', value: '1' }],
      });
      const counts = unweightedCounts(data, by, [data.variables[def.denominator!]]);
      for (const row of result.results) {
        const c = counts.get(by.map((b) => `${row.domain[`c_${b}`]}|`).join(''))?.[0] ?? 0;
        out.get(def.code)!.push(cellOf(def, row, dims, by, data, c, c, 1));
      }
    }
  }
  return out;
}

/** Sorts cells in the breakdowns' order of `dims`: sex, then classif1, then classif2, totals first. */
export function orderCells(cells: IndicatorCell[], dims: readonly ('sex' | ClassificationName)[], data: DerivedData): IndicatorCell[] {
  const rank = dims.map((d) => {
    const b = data.classifications[d].breakdown;
    return new Map([b.total, ...b.items].map((c, i) => [c, i]));
  });
  const key = (c: IndicatorCell): number[] => [c.sex, c.classif1, c.classif2].slice(0, dims.length).map((v, k) => rank[k]!.get(v!) ?? 1e9);
  return cells.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return ka[k]! - kb[k]!;
    return 0;
  });
}

/** Gap cells: migrants vs non-migrants by sex, from one estimate pass with the covariance of the domain estimates. */
function gapCells(design: Design, data: DerivedData, def: IndicatorDefinition, base: IndicatorDefinition, level: number, df: number): IndicatorCell[] {
  const { migrant, nonMigrant } = data.migrantItems;
  const request: StatRequest = base.unit === 'RT'
    ? { statistic: 'ratio', numerator: base.numerator!, denominator: base.denominator! }
    : { statistic: 'ratio', numerator: `a_${base.amount}_${base.denominator}`, denominator: base.denominator! };
  const amount = base.unit === 'MEAN' ? amountColumn(data, base.amount!, base.denominator!) : undefined;
  const baseData = design.data;
  const d: Design = { ...design, data: { nrows: baseData.nrows, column: (name) => (amount && name === request.numerator ? { kind: 'number', values: amount } : baseData.column(name)) } };
  const cells: IndicatorCell[] = [];
  for (const bySex of [false, true]) {
    const result = estimate(d, [request], { by: bySex ? ['c_sex', 'c_migrant'] : ['c_migrant'], level, df, covariance: true });
    const sexes = bySex ? data.classifications.sex.breakdown.items : [data.classifications.sex.breakdown.total];
    const specs: ContrastSpec[] = [];
    const present: string[] = [];
    for (const sex of sexes) {
      const dom = (m: string): Record<string, string> => (bySex ? { c_sex: sex, c_migrant: m } : { c_migrant: m });
      const has = (m: string): boolean => result.results.some((r) => Object.entries(dom(m)).every(([k, v]) => r.domain[k] === v));
      if (!has(migrant) || !has(nonMigrant)) continue;
      const m = { domain: dom(migrant) };
      const n = { domain: dom(nonMigrant) };
      specs.push(def.gap === 'relative'
        ? { name: sex, rows: [m, n], fn: ([a, b]) => 100 * (1 - a! / b!), gradient: ([a, b]) => [-100 / b!, (100 * a!) / (b! * b!)] }
        : { name: sex, linear: [{ row: m, coef: 100 }, { row: n, coef: -100 }] });
      present.push(sex);
    }
    if (specs.length === 0) continue;
    const con = contrast(result, specs, { level, df });
    con.results.forEach((r, k) => {
      cells.push({
        indicator: def.code, sex: present[k]!, classif1: null, classif2: null, unit: 'GAP', estimate: r.estimate, se: r.se, ci_low: r.ci_low, ci_high: r.ci_high,
        df: r.df, deff: NaN, cv: r.estimate !== 0 ? r.se / Math.abs(r.estimate) : NaN, n: NaN, n_domain: NaN, N: NaN, reliability: 'reliable',
      });
    });
  }
  return cells.sort((a, b) => Number(a.sex !== data.classifications.sex.breakdown.total) - Number(b.sex !== data.classifications.sex.breakdown.total));
}

/** Computes the tables of the given definitions (criterion already resolved) on a design whose rows the derived data describe. */
export function computeIndicators(design: Design, data: DerivedData, definitions: readonly IndicatorDefinition[], options: ComputeOptions = {}): IndicatorTable[] {
  const level = options.level ?? 0.95;
  const d = withDerivedColumns(design, data);
  const df = options.df ?? estimate(d, [{ statistic: 'total', variable: 'person' }]).design.df;
  const groups = new Map<string, IndicatorDefinition[]>();
  for (const def of definitions) {
    if (def.unit === 'GAP') continue;
    const key = dimsOf(def).join('|');
    groups.set(key, [...(groups.get(key) ?? []), def]);
  }
  const cells = new Map<string, IndicatorCell[]>();
  for (const defs of groups.values()) for (const [code, cs] of groupCells(d, data, defs, level, df)) cells.set(code, cs);
  // the count tables' measures, so that a rate names the counts behind it (disclosure control)
  const measureOf = new Map(definitions.filter((x) => x.unit === 'NB' && x.measure).map((x) => [x.numerator!, x.measure!]));
  const measures = (def: IndicatorDefinition): Partial<IndicatorTable> => {
    if (def.unit === 'NB') return def.measure ? { measure: def.measure } : {};
    const num = def.numerator ? measureOf.get(def.numerator) : undefined;
    const den = def.denominator ? measureOf.get(def.denominator) : undefined;
    return { ...(num ? { numeratorMeasure: num } : {}), ...(den ? { denominatorMeasure: den } : {}) };
  };
  return definitions.map((def) => {
    if (def.unit !== 'GAP') return { indicator: def.code, label: def.label, ...measures(def), cells: orderCells(cells.get(def.code)!, dimsOf(def), data) };
    const base = definitions.find((b) => b.code === def.of) ?? (() => { throw new IndicatorError(`${def.code}: compares ${def.of}, which is not in the set computed`); })();
    return { indicator: def.code, label: def.label, cells: gapCells(d, data, def, base, level, df) };
  });
}
