/**
 * Aggregation of country x sex x age estimates to ILO regions and subregions, World Bank income groups and the world,
 * by sex and age group (spec icls.md §3.2 item 36 "aggregated to ILO regions/subregions and World Bank income groups;
 * disaggregated to sex and age groups"; src/global/METHOD.md §3), and the published 4th-edition regional figures for
 * 2022 (icls.md §3.1) with the check that an aggregation reproduces them to the published rounding.
 */
import { ILO_REGIONS, ILO_SUBREGIONS_BROAD, ILO_SUBREGIONS_DETAILED, INCOME_GROUPS } from '../classifications/ilo-regions.js';
import type { CountryGroups } from './imputation.js';

/** What an aggregate groups by. */
export type AggregateDimension = 'world' | 'region' | 'subregionBroad' | 'subregionDetailed' | 'income';
export const AGGREGATE_DIMENSIONS: readonly AggregateDimension[] = ['world', 'region', 'subregionBroad', 'subregionDetailed', 'income'];

/** Disaggregation: all ages and both sexes, by sex, by age group, by sex and age group. */
export type Breakdown = 'total' | 'sex' | 'age' | 'sex-age';
export const BREAKDOWNS: readonly Breakdown[] = ['total', 'sex', 'age', 'sex-age'];

/** One input row: a country x sex x age cell (or any unit that carries the groups), with its counts. NaN counts are allowed. */
export interface AggregateInput {
  readonly iso3?: string;
  readonly groups: Partial<CountryGroups>;
  readonly sex: string;
  readonly age: string;
  readonly population: number;
  readonly migrants: number;
  readonly labourForce: number;
  readonly migrantWorkers: number;
  readonly imputed?: boolean;
}

/** Options of the aggregation. */
export interface AggregateOptions {
  readonly dimensions?: readonly AggregateDimension[];
  readonly breakdowns?: readonly Breakdown[];
  /** Codes of the totals over sex and over age (default `T` and `TOTAL`). */
  readonly totalSex?: string;
  readonly totalAge?: string;
}

/** The key of one aggregate. */
export interface AggregateKey {
  readonly dimension: AggregateDimension;
  readonly code: string;
  readonly name: string;
  readonly sex: string;
  readonly age: string;
}

/** One aggregate row (METHOD.md §3 gives the formulas). */
export interface AggregateRow extends AggregateKey {
  readonly population: number;
  readonly migrants: number;
  readonly labourForce: number;
  /** Migrant workers X = Σ x (migrants in the labour force). */
  readonly migrantWorkers: number;
  /** X / L. */
  readonly shareOfLabourForce: number;
  /** X / M. */
  readonly migrantLfpr: number;
  /** (L − X) / (P − M). */
  readonly nonMigrantLfpr: number;
  /** X / X(world, same sex and age). */
  readonly shareOfWorld: number;
  /** Share of X that comes from imputed cells. */
  readonly imputedShare: number;
  readonly countries: number;
  readonly countriesWithImputation: number;
}

/** Measures with intervals (uncertainty.ts). */
export type AggregateMeasure = 'migrantWorkers' | 'shareOfLabourForce' | 'migrantLfpr' | 'nonMigrantLfpr' | 'shareOfWorld';
export const AGGREGATE_MEASURES: readonly AggregateMeasure[] = ['migrantWorkers', 'shareOfLabourForce', 'migrantLfpr', 'nonMigrantLfpr', 'shareOfWorld'];

const NAMES: Record<Exclude<AggregateDimension, 'world'>, Map<string, string>> = {
  region: new Map(ILO_REGIONS.map((r) => [r.code, r.name])),
  subregionBroad: new Map(ILO_SUBREGIONS_BROAD.map((r) => [r.code, r.name])),
  subregionDetailed: new Map(ILO_SUBREGIONS_DETAILED.map((r) => [r.code, r.name])),
  income: new Map(INCOME_GROUPS.map((r) => [r.code, r.name])),
};

/** The English name of a group code (the code itself when unknown). */
export function groupName(dimension: AggregateDimension, code: string): string {
  return dimension === 'world' ? 'World' : NAMES[dimension].get(code) ?? code;
}

/**
 * Which aggregate rows each input row adds to: the plan the bootstrap reuses for every replicate. Keys are ordered
 * by dimension (in `dimensions` order), group code (in the code list's order), sex and age (first appearance); `world[k]` is the world key with the same sex and age.
 */
export interface AggregationPlan {
  readonly keys: readonly AggregateKey[];
  /** CSR: the keys of input row r are memberIndex[memberStart[r] .. memberStart[r+1]). */
  readonly memberStart: Int32Array;
  readonly memberIndex: Int32Array;
  readonly world: Int32Array;
  /** Which keys the caller asked for (world keys are always built, for the shares). */
  readonly requested: Uint8Array;
}

export function aggregationPlan(rows: readonly Pick<AggregateInput, 'groups' | 'sex' | 'age'>[], options: AggregateOptions = {}): AggregationPlan {
  const dims = options.dimensions ?? AGGREGATE_DIMENSIONS;
  const bds = options.breakdowns ?? BREAKDOWNS;
  for (const d of dims) if (!AGGREGATE_DIMENSIONS.includes(d)) throw new RangeError(`aggregate dimension "${d}" is not one of ${AGGREGATE_DIMENSIONS.join(', ')}`);
  for (const b of bds) if (!BREAKDOWNS.includes(b)) throw new RangeError(`breakdown "${b}" is not one of ${BREAKDOWNS.join(', ')}`);
  const tSex = options.totalSex ?? 'T';
  const tAge = options.totalAge ?? 'TOTAL';
  const allDims: AggregateDimension[] = dims.includes('world') ? [...dims] : ['world', ...dims];
  const codeOf = (g: Partial<CountryGroups>, d: AggregateDimension): string => {
    if (d === 'world') return 'WORLD';
    const v = g[d === 'region' ? 'region' : d === 'income' ? 'income' : d];
    if (v === undefined) throw new Error(`aggregation by ${d}: an input row has no ${d} code`);
    return v;
  };
  const sexAge = (r: { sex: string; age: string }, b: Breakdown): [string, string] =>
    b === 'total' ? [tSex, tAge] : b === 'sex' ? [r.sex, tAge] : b === 'age' ? [tSex, r.age] : [r.sex, r.age];
  const keyMap = new Map<string, number>();
  const keys: AggregateKey[] = [];
  const requested: number[] = [];
  const perRow: number[][] = rows.map(() => []);
  rows.forEach((r, i) => {
    for (const d of allDims) {
      const code = codeOf(r.groups, d);
      for (const b of bds) {
        const [sex, age] = sexAge(r, b);
        const k = `${d}\u0000${code}\u0000${sex}\u0000${age}`;
        let ix = keyMap.get(k);
        if (ix === undefined) {
          ix = keys.length;
          keyMap.set(k, ix);
          keys.push({ dimension: d, code, name: groupName(d, code), sex, age });
          requested.push(dims.includes(d) ? 1 : 0);
        }
        perRow[i]!.push(ix);
      }
    }
  });
  // order the keys: dimension order, then the code's rank in its code list (ILOSTAT order; unknown codes after), then
  // first appearance (of the code, sex, age)
  const rank = (k: AggregateKey): number => {
    if (k.dimension === 'world') return 0;
    const i = [...NAMES[k.dimension].keys()].indexOf(k.code);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const order = keys.map((_, i) => i).sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    return allDims.indexOf(ka.dimension) - allDims.indexOf(kb.dimension) || rank(ka) - rank(kb) || a - b;
  });
  const newIndex = new Int32Array(keys.length);
  order.forEach((old, nw) => { newIndex[old] = nw; });
  const sortedKeys = order.map((o) => keys[o]!);
  const memberStart = new Int32Array(rows.length + 1);
  const flat: number[] = [];
  perRow.forEach((ks, i) => { memberStart[i] = flat.length; for (const k of ks) flat.push(newIndex[k]!); });
  memberStart[rows.length] = flat.length;
  const worldOf = new Map<string, number>();
  sortedKeys.forEach((k, i) => { if (k.dimension === 'world') worldOf.set(`${k.sex}\u0000${k.age}`, i); });
  const world = Int32Array.from(sortedKeys.map((k) => worldOf.get(`${k.sex}\u0000${k.age}`)!));
  return { keys: sortedKeys, memberStart, memberIndex: Int32Array.from(flat), world, requested: Uint8Array.from(order.map((o) => requested[o]!)) };
}

/** Adds `values[r]` of every input row to the aggregates it belongs to (out has one slot per key; it is zeroed first). */
export function sumByPlan(plan: AggregationPlan, values: ArrayLike<number>, out: Float64Array = new Float64Array(plan.keys.length)): Float64Array {
  out.fill(0);
  const { memberStart, memberIndex } = plan;
  for (let r = 0; r < values.length; r++) {
    const v = values[r]!;
    for (let p = memberStart[r]!; p < memberStart[r + 1]!; p++) out[memberIndex[p]!]! += v;
  }
  return out;
}

/** The measures of one aggregate from its sums (METHOD.md §3). */
export function measuresOf(p: number, m: number, l: number, x: number, xWorld: number): Record<AggregateMeasure, number> {
  return {
    migrantWorkers: x,
    shareOfLabourForce: x / l,
    migrantLfpr: x / m,
    nonMigrantLfpr: (l - x) / (p - m),
    shareOfWorld: x / xWorld,
  };
}

/**
 * Aggregates country x sex x age rows to the groups and breakdowns asked for (default: every dimension and breakdown),
 * summing P, M, L and X and deriving the shares and participation rates (METHOD.md §3).
 */
export function aggregate(rows: readonly AggregateInput[], options: AggregateOptions = {}): AggregateRow[] {
  const plan = aggregationPlan(rows, options);
  const col = (f: (r: AggregateInput) => number): Float64Array => sumByPlan(plan, Float64Array.from(rows, f));
  const p = col((r) => r.population);
  const m = col((r) => r.migrants);
  const l = col((r) => r.labourForce);
  const x = col((r) => r.migrantWorkers);
  const xi = col((r) => (r.imputed === true ? r.migrantWorkers : 0));
  const countries = plan.keys.map(() => new Set<string>());
  const imputedCountries = plan.keys.map(() => new Set<string>());
  rows.forEach((r, i) => {
    const id = r.iso3 ?? `#${i}`;
    for (let q = plan.memberStart[i]!; q < plan.memberStart[i + 1]!; q++) {
      const k = plan.memberIndex[q]!;
      countries[k]!.add(id);
      if (r.imputed === true) imputedCountries[k]!.add(id);
    }
  });
  const out: AggregateRow[] = [];
  plan.keys.forEach((k, i) => {
    if (plan.requested[i] !== 1) return;
    const w = plan.world[i]!;
    out.push({
      ...k, population: p[i]!, migrants: m[i]!, labourForce: l[i]!,
      ...measuresOf(p[i]!, m[i]!, l[i]!, x[i]!, x[w]!),
      imputedShare: xi[i]! / x[i]!, countries: countries[i]!.size, countriesWithImputation: imputedCountries[i]!.size,
    });
  });
  return out;
}

/** A published figure by ILO region: migrant workers (millions) and the published share of the world total (%). */
export interface PublishedRegionFigure {
  readonly region: string;
  readonly migrantWorkers: number;
  readonly sharePercent: number;
}

/**
 * ILO Global Estimates, 4th edition (pub. 16 Dec 2024), reference year 2022 (spec icls.md §3.1, "By region" and
 * "Migrant workers (LF)"): migrant workers (millions, rounded to 0.1) by ILO region and their share of the world total
 * (%, rounded to 0.1); the world total is 167.7 million.
 */
export const GLOBAL_ESTIMATES_2022 = {
  edition: 4,
  referenceYear: 2022,
  worldMigrantWorkers: 167.7,
  regions: [
    { region: 'ECA', migrantWorkers: 57.8, sharePercent: 34.5 },
    { region: 'AME', migrantWorkers: 45.8, sharePercent: 27.3 },
    { region: 'ASP', migrantWorkers: 27.2, sharePercent: 16.2 },
    { region: 'ARB', migrantWorkers: 22.6, sharePercent: 13.5 },
    { region: 'AFR', migrantWorkers: 14.3, sharePercent: 8.5 },
  ] as readonly PublishedRegionFigure[],
  source: 'ILO Global Estimates on International Migrant Workers, 4th ed. (2024), via spec icls.md §3.1',
} as const;

/** The check of one published share. */
export interface PublishedShareCheck {
  readonly region: string;
  readonly published: number;
  /** Share computed from the aggregated (rounded) inputs, %. */
  readonly computed: number;
  /** `computed` rounded to the published decimals. */
  readonly rounded: number;
  readonly matches: boolean;
  /** Whether the published share is reachable with inputs anywhere in their rounding intervals (± half a unit). */
  readonly attainable: boolean;
}

/** The result of reproducing a published world total and regional shares by aggregation. */
export interface PublishedReplication {
  readonly rows: readonly AggregateRow[];
  readonly worldTotal: number;
  readonly worldTotalRounded: number;
  readonly worldTotalMatches: boolean;
  readonly shares: readonly PublishedShareCheck[];
}

/**
 * Course-style replication (METHOD.md §3.3): feeds the published regional figures to `aggregate` as one input row per
 * region (P, M, L unknown), and compares the world total and each region's share of it with the published ones, at
 * the published rounding (`decimals` for the figures, `shareDecimals` for the percentages).
 */
export function replicatePublished(
  regions: readonly PublishedRegionFigure[], publishedWorld: number, decimals = 1, shareDecimals = 1,
): PublishedReplication {
  const rows: AggregateInput[] = regions.map((r) => ({
    iso3: r.region, groups: { region: r.region }, sex: 'T', age: 'TOTAL',
    population: NaN, migrants: NaN, labourForce: NaN, migrantWorkers: r.migrantWorkers,
  }));
  const agg = aggregate(rows, { dimensions: ['world', 'region'], breakdowns: ['total'] });
  const world = agg.find((a) => a.dimension === 'world')!;
  const roundTo = (v: number, d: number): number => Math.round(v * 10 ** d) / 10 ** d;
  const half = 0.5 * 10 ** -decimals;
  const total = regions.reduce((s, r) => s + r.migrantWorkers, 0);
  const shares = regions.map((r) => {
    const a = agg.find((x) => x.dimension === 'region' && x.code === r.region)!;
    const computed = 100 * a.shareOfWorld;
    const others = total - r.migrantWorkers;
    const nOthers = regions.length - 1;
    const lo = (100 * (r.migrantWorkers - half)) / (r.migrantWorkers - half + others + nOthers * half);
    const hi = (100 * (r.migrantWorkers + half)) / (r.migrantWorkers + half + others - nOthers * half);
    const pHalf = 0.5 * 10 ** -shareDecimals;
    return {
      region: r.region, published: r.sharePercent, computed, rounded: roundTo(computed, shareDecimals),
      matches: roundTo(computed, shareDecimals) === r.sharePercent,
      attainable: hi >= r.sharePercent - pHalf && lo <= r.sharePercent + pHalf,
    };
  });
  const worldTotalRounded = roundTo(world.migrantWorkers, decimals);
  return { rows: agg, worldTotal: world.migrantWorkers, worldTotalRounded, worldTotalMatches: worldTotalRounded === publishedWorld, shares };
}
