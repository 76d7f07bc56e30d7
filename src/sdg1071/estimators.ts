/**
 * The SDG 10.7.1 estimates as indicator cells (spec sdg1071.md §5, rules 19-22), every one a survey estimate of the
 * estimation core (src/survey/estimate.ts) with SE, CI, df, deff, CV, n and N, on the in-scope workers as a DOMAIN of the
 * full design (`where sdg_in = 1`: the rows outside keep their PSUs and strata in the variance, R `subset(design, ...)`):
 * - mean of ratios  sum w r / sum w                      R svymean(~r, subset(design, in_scope))   (rule 20)
 * - ratio of means  sum w RC / sum w E                   R svyratio(~rc, ~e, subset(...))           (rule 21b)
 * - median of r     weighted quantile, qrule `math` (R qrule_math = hf1, the lower median), Woodruff CI  (rule 21a)
 * - share RC > 0    svymean of the 0/1 indicator x 100 (percent)                                     (rule 21c)
 * - mean RC, mean E svymean in the common currency                                                   (rule 21c)
 * - workers         svytotal of the in-scope indicator (the count behind every cell, for disclosure control) (rule 21d)
 * One `estimate` pass per subset of the table's dimensions (none, sex, classification, sex x classification) with all
 * the statistics (the passes without the classification are shared by all tables: `bySex`); every interval uses one
 * design df for the table set (as src/indicators/compute.ts).
 */
import type { Breakdown, IndicatorCell } from '../indicators/cell.js';
import type { SurveyData, Vector } from '../survey/data.js';
import { type Design, type EstimateRow, type StatRequest, estimate } from '../survey/estimate.js';
import type { QuantileRule } from '../survey/quantile.js';
import type { RowClassification } from './breakdowns.js';

/** The statistics of every pass, in order. */
export const STATISTICS = ['mor', 'rom', 'pos', 'rc', 'e', 'count', 'median'] as const;
export type Sdg1071Statistic = (typeof STATISTICS)[number];

const REQUESTS: readonly StatRequest[] = [
  { statistic: 'mean', variable: 'sdg_r' },
  { statistic: 'ratio', numerator: 'sdg_rc', denominator: 'sdg_e' },
  { statistic: 'mean', variable: 'sdg_pos' },
  { statistic: 'mean', variable: 'sdg_rc' },
  { statistic: 'mean', variable: 'sdg_e' },
  { statistic: 'total', variable: 'sdg_in' },
  { statistic: 'quantile', variable: 'sdg_r', probs: [0.5] },
];

const UNIT: Readonly<Record<Sdg1071Statistic, IndicatorCell['unit']>> = {
  mor: 'MEAN', rom: 'MEAN', pos: 'RT', rc: 'MEAN', e: 'MEAN', count: 'NB', median: 'MEDIAN',
};

/** Per-row columns of the computation, aligned with the design's rows. */
export interface RatioColumns {
  readonly inScope: Uint8Array;
  readonly rc: Float64Array;
  readonly e: Float64Array;
  readonly r: Float64Array;
}

/** The design with the computation's columns (`sdg_in`, `sdg_r`, `sdg_rc`, `sdg_e`, `sdg_pos`, `sdg_c_<name>`) added to its data. */
export function withRatioColumns(design: Design, cols: RatioColumns, classifications: readonly RowClassification[]): Design {
  const extra = new Map<string, Vector>();
  const num = (values: Float64Array): Vector => ({ kind: 'number', values });
  extra.set('sdg_in', num(Float64Array.from(cols.inScope)));
  extra.set('sdg_r', num(cols.r));
  extra.set('sdg_rc', num(cols.rc));
  extra.set('sdg_e', num(cols.e));
  extra.set('sdg_pos', num(Float64Array.from(cols.rc, (x, i) => (cols.inScope[i] && x > 0 ? 1 : 0))));
  for (const c of classifications) extra.set(`sdg_c_${c.name}`, { kind: 'category', codes: c.codes, levels: c.levels });
  const base = design.data;
  const data: SurveyData = { nrows: base.nrows, column: (name) => extra.get(name) ?? base.column(name) };
  return { ...design, data } as Design;
}

/** The cells of every statistic for the dimensions sex x `classif` (or sex only), keyed by statistic. */
export function estimateCells(
  design: Design, cols: RatioColumns, sex: RowClassification, classif: RowClassification | undefined,
  o: { level: number; df: number; qrule: QuantileRule },
  bySex?: Record<Sdg1071Statistic, IndicatorCell[]>,
): Record<Sdg1071Statistic, IndicatorCell[]> {
  const dims = classif ? [sex, classif] : [sex];
  const out = Object.fromEntries(STATISTICS.map((s) => [s, [] as IndicatorCell[]])) as Record<Sdg1071Statistic, IndicatorCell[]>;
  const seen = new Set<string>();
  for (let mask = 0; mask < 1 << dims.length; mask++) {
    const by = dims.filter((_, k) => mask & (1 << k));
    if (classif && bySex && !by.includes(classif)) {
      // the passes without the classification are those of the sex-only tables: their cells, at the classification's total
      for (const stat of STATISTICS) {
        for (const c of bySex[stat]) {
          if ((c.sex === sex.breakdown.total) !== (by.length === 0) || (stat === 'count' && c.n_domain === 0 && c.N === 0)) continue;
          out[stat].push({ ...c, classif1: classif.breakdown.total });
          if (stat === 'count') seen.add(`${c.sex}|${classif.breakdown.total}`);
        }
      }
      continue;
    }
    const result = estimate(design, REQUESTS, {
      by: by.map((d) => `sdg_c_${d.name}`), where: [{ column: 'sdg_in', op: '=', value: '1' }], level: o.level, df: o.df, qrule: o.qrule,
    });
    const positives = positiveCounts(cols, by);
    const D = result.results.length / REQUESTS.length;
    result.results.forEach((row, k) => {
      const stat = STATISTICS[Math.floor(k / D)]!;
      const code = (d: RowClassification): string => (by.includes(d) ? row.domain[`sdg_c_${d.name}`]! : d.breakdown.total);
      const sexCode = code(sex);
      const c1 = classif ? code(classif) : null;
      const key = by.map((d) => row.domain[`sdg_c_${d.name}`]).join('|');
      const n = stat === 'pos' ? (positives.get(key) ?? 0) : row.n;
      out[stat].push(cellOf(stat, row, sexCode, c1, n));
      if (stat === 'count') seen.add(`${sexCode}|${c1}`);
    });
  }
  // zero cells of the count table for items without workers, so that its lines are complete (suppression.ts)
  const sexItems = sex.breakdown.items.filter((s) => s !== 'SEX_X');
  for (const s of [sex.breakdown.total, ...sexItems]) {
    for (const c of classif ? [classif.breakdown.total, ...classif.breakdown.items] : [null]) {
      if (c === 'SEX_X' || seen.has(`${s}|${c}`)) continue;
      out.count.push({
        indicator: '', sex: s, classif1: c, classif2: null, unit: 'NB', estimate: 0, se: 0, ci_low: 0, ci_high: 0, df: o.df, deff: NaN, cv: NaN,
        n: 0, n_domain: 0, N: 0, reliability: 'reliable',
      });
    }
  }
  for (const stat of STATISTICS) out[stat] = orderCells(out[stat], sex.breakdown, classif?.breakdown);
  return out;
}

/** Unweighted in-scope workers with RC > 0 per domain of `by` (keys: the codes joined with |). */
function positiveCounts(cols: RatioColumns, by: readonly RowClassification[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < cols.inScope.length; i++) {
    if (!cols.inScope[i] || !(cols.rc[i]! > 0)) continue;
    let key = '';
    let skip = false;
    for (const [k, d] of by.entries()) {
      const c = d.codes[i]!;
      if (c < 0) {
        skip = true;
        break;
      }
      key += (k > 0 ? '|' : '') + d.levels[c];
    }
    if (!skip) out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function cellOf(stat: Sdg1071Statistic, row: EstimateRow, sex: string, classif1: string | null, n: number): IndicatorCell {
  const scale = stat === 'pos' ? 100 : 1;
  return {
    indicator: '', sex, classif1, classif2: null, unit: UNIT[stat],
    estimate: row.estimate * scale, se: row.se * scale, ci_low: row.ci_low * scale, ci_high: row.ci_high * scale,
    df: row.df, deff: row.deff ?? NaN, cv: row.estimate !== 0 ? row.se / Math.abs(row.estimate) : NaN,
    n, n_domain: row.n, N: row.N, reliability: 'reliable',
  };
}

/** Cells in the breakdowns' order: sex total first, then items; classification total first, then items. */
function orderCells(cells: IndicatorCell[], sex: Breakdown, classif: Breakdown | undefined): IndicatorCell[] {
  const rank = (b: Breakdown | undefined) => new Map(b ? [b.total, ...b.items].map((c, i) => [c, i]) : []);
  const rs = rank(sex);
  const rc = rank(classif);
  const key = (c: IndicatorCell) => [rs.get(c.sex) ?? 1e9, c.classif1 === null ? 0 : (rc.get(c.classif1) ?? 1e9)];
  return cells.sort((a, b) => {
    const [a0, a1] = key(a);
    const [b0, b1] = key(b);
    return a0! - b0! || a1! - b1!;
  });
}
