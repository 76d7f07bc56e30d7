/**
 * Country inputs of the regional and global estimates, and the imputation of the cross-product ratio (or of the migrant
 * participation rate) for country x sex x age cells without national data (spec icls.md §3.2 item 36 "Missing
 * countries"; src/global/METHOD.md §2).
 *
 * The work is done on an `EstimationFrame`: the countries in a fixed order, the sex x age cells in a fixed order, and
 * typed arrays of n x K values, so that the bootstrap (uncertainty.ts) can re-impute hundreds of times cheaply.
 */
import { iloRegionOf, incomeGroupOf } from '../classifications/ilo-regions.js';
import { feasibleRange, solveMigrantLabourForce, type Margins, type TwoByTwo } from './cross-product-ratio.js';

/** The groups a country belongs to: ILO region, broad and detailed subregion, World Bank income group (codes of src/classifications/ilo-regions.ts). */
export interface CountryGroups {
  readonly region: string;
  readonly subregionBroad: string;
  readonly subregionDetailed: string;
  readonly income: string;
}

/** National data for one country x sex x age cell: the estimate of the imputation target and its SE. */
export interface NationalEstimate {
  /** log θ from national data (target `logTheta`). */
  readonly logTheta?: number;
  readonly logThetaSe?: number;
  /** logit of the migrant LFPR a/(a+b) from national data (target `logitMigrantRate`). */
  readonly logitMigrantRate?: number;
  readonly logitMigrantRateSe?: number;
  /** The national 2x2 table it came from, if any (kept as metadata). */
  readonly table?: TwoByTwo;
  /** Free text: survey, year, criterion (birth or citizenship). */
  readonly source?: string;
}

/** One country x sex x age cell: benchmark margins, and national data when there are any. */
export interface CountryCellInput extends Margins {
  readonly sex: string;
  readonly age: string;
  readonly national?: NationalEstimate;
}

/** One country: ISO3 code, groups (looked up in the ILO country list when not given) and its cells. */
export interface CountryInput {
  readonly iso3: string;
  readonly groups?: Partial<CountryGroups>;
  readonly cells: readonly CountryCellInput[];
}

/** What is imputed: log θ (default), or the logit of the migrant LFPR x/M. */
export type ImputationTarget = 'logTheta' | 'logitMigrantRate';
export const IMPUTATION_TARGETS: readonly ImputationTarget[] = ['logTheta', 'logitMigrantRate'];

/** Levels of the imputation hierarchy, narrowest first (METHOD.md §2.2); every level is also split by sex and age. */
export type ImputationLevel = 'subregion-income' | 'region-income' | 'region' | 'income' | 'world';
export const IMPUTATION_LEVELS: readonly ImputationLevel[] = ['subregion-income', 'region-income', 'region', 'income', 'world'];

/** Donor weights within a group: each donor country equally (default), or by its migrant stock in the cell. */
export type DonorWeighting = 'equal' | 'migrants';
export const DONOR_WEIGHTINGS: readonly DonorWeighting[] = ['equal', 'migrants'];

/** Options of the imputation. */
export interface ImputationOptions {
  readonly target?: ImputationTarget;
  /** Fewest donor countries a group needs before its mean is used; otherwise the next level (default 3). */
  readonly minDonors?: number;
  readonly weighting?: DonorWeighting;
  /** The hierarchy, narrowest first (default IMPUTATION_LEVELS; `world` must be last). */
  readonly levels?: readonly ImputationLevel[];
}

/** The arrays of one estimation: n countries x K cells, cell j of country i at i*K + j. */
export interface EstimationFrame {
  readonly countries: readonly { readonly iso3: string; readonly groups: CountryGroups }[];
  readonly cells: readonly { readonly sex: string; readonly age: string }[];
  readonly n: number;
  readonly K: number;
  readonly population: Float64Array;
  readonly migrants: Float64Array;
  readonly labourForce: Float64Array;
  /** The target value from national data (NaN without usable national data). */
  readonly value: Float64Array;
  readonly valueSe: Float64Array;
  /** 1 where the cell has usable national data. */
  readonly observed: Uint8Array;
  /** Why a cell with national data was not used (zero cell, missing SE, ...), by flat index. */
  readonly unusable: ReadonlyMap<number, string>;
  readonly sources: readonly (string | undefined)[];
  readonly target: ImputationTarget;
}

/** Groups of a country: those given, completed from the ILOSTAT country list; an error names the country and what is missing. */
export function groupsOf(iso3: string, given?: Partial<CountryGroups>): CountryGroups {
  const r = iloRegionOf(iso3);
  const inc = incomeGroupOf(iso3);
  const g = {
    region: given?.region ?? r?.region.code,
    subregionBroad: given?.subregionBroad ?? r?.subregionBroad.code,
    subregionDetailed: given?.subregionDetailed ?? r?.subregionDetailed.code,
    income: given?.income ?? inc?.code,
  };
  for (const [k, v] of Object.entries(g)) {
    if (v === undefined) throw new Error(`global estimates: country ${iso3} has no ${k}: it is not in the ILO country list; give groups.${k}`);
  }
  return g as CountryGroups;
}

/**
 * Builds the estimation frame. Every country must have the same set of sex x age cells (the union of all countries'
 * keys; an absent cell is an error naming the country and cell). A national estimate is used when its target value
 * and SE are finite (SE >= 0); otherwise the cell is imputed and the reason is kept in `unusable`.
 */
export function buildFrame(countries: readonly CountryInput[], target: ImputationTarget = 'logTheta'): EstimationFrame {
  if (!IMPUTATION_TARGETS.includes(target)) throw new RangeError(`imputation target "${target}" is not one of ${IMPUTATION_TARGETS.join(', ')}`);
  const keyOf = (c: { sex: string; age: string }): string => `${c.sex}\u0000${c.age}`;
  const cellKeys = new Map<string, { sex: string; age: string }>();
  for (const c of countries) for (const cell of c.cells) if (!cellKeys.has(keyOf(cell))) cellKeys.set(keyOf(cell), { sex: cell.sex, age: cell.age });
  const cells = [...cellKeys.values()];
  const K = cells.length;
  const n = countries.length;
  const seen = new Set<string>();
  const frameCountries = countries.map((c) => {
    if (seen.has(c.iso3)) throw new Error(`global estimates: country ${c.iso3} appears twice`);
    seen.add(c.iso3);
    return { iso3: c.iso3, groups: groupsOf(c.iso3, c.groups) };
  });
  const population = new Float64Array(n * K);
  const migrants = new Float64Array(n * K);
  const labourForce = new Float64Array(n * K);
  const value = new Float64Array(n * K).fill(NaN);
  const valueSe = new Float64Array(n * K).fill(NaN);
  const observed = new Uint8Array(n * K);
  const unusable = new Map<number, string>();
  const sources: (string | undefined)[] = new Array(n * K).fill(undefined);
  const index = new Map(cells.map((c, j) => [keyOf(c), j]));
  countries.forEach((c, i) => {
    const got = new Set<number>();
    for (const cell of c.cells) {
      const j = index.get(keyOf(cell))!;
      if (got.has(j)) throw new Error(`global estimates: ${c.iso3} has cell sex=${cell.sex} age=${cell.age} twice`);
      got.add(j);
      const f = i * K + j;
      feasibleRange(cell); // checks the margins
      population[f] = cell.population;
      migrants[f] = cell.migrants;
      labourForce[f] = cell.labourForce;
      const nat = cell.national;
      if (nat !== undefined) {
        sources[f] = nat.source;
        const v = target === 'logTheta' ? nat.logTheta : nat.logitMigrantRate;
        const se = target === 'logTheta' ? nat.logThetaSe : nat.logitMigrantRateSe;
        if (v !== undefined && Number.isFinite(v) && se !== undefined && Number.isFinite(se) && se >= 0) {
          value[f] = v;
          valueSe[f] = se;
          observed[f] = 1;
        } else {
          unusable.set(f, v === undefined || !Number.isFinite(v) ? `no finite ${target} (a zero cell in the national table?)` : `no finite SE of ${target}`);
        }
      }
    }
    if (got.size !== K) {
      const missing = cells.filter((_, j) => !got.has(j)).map((x) => `${x.sex}/${x.age}`);
      throw new Error(`global estimates: ${c.iso3} lacks benchmark cells ${missing.join(', ')}`);
    }
  });
  return { countries: frameCountries, cells, n, K, population, migrants, labourForce, value, valueSe, observed, unusable, sources, target };
}

/** The group code of a country at a level (`ECA|HIC`, `ECA`, `HIC`, `WORLD`). */
export function groupKey(g: CountryGroups, level: ImputationLevel): string {
  switch (level) {
    case 'subregion-income': return `${g.subregionBroad}|${g.income}`;
    case 'region-income': return `${g.region}|${g.income}`;
    case 'region': return g.region;
    case 'income': return g.income;
    case 'world': return 'WORLD';
  }
}

/** Group indices of the countries at each level, for the array code. */
export interface LevelIndex {
  readonly levels: readonly ImputationLevel[];
  /** groupOf[l][i]: the group number of country i at level l. */
  readonly groupOf: readonly Int32Array[];
  readonly groupKeys: readonly (readonly string[])[];
}

export function levelIndex(frame: EstimationFrame, levels: readonly ImputationLevel[] = IMPUTATION_LEVELS): LevelIndex {
  if (levels.length === 0 || levels[levels.length - 1] !== 'world') throw new RangeError('imputation levels must end with "world"');
  for (const l of levels) if (!IMPUTATION_LEVELS.includes(l)) throw new RangeError(`imputation level "${l}" is not one of ${IMPUTATION_LEVELS.join(', ')}`);
  const groupOf: Int32Array[] = [];
  const groupKeys: string[][] = [];
  for (const l of levels) {
    const keys = new Map<string, number>();
    const arr = new Int32Array(frame.n);
    frame.countries.forEach((c, i) => {
      const k = groupKey(c.groups, l);
      let g = keys.get(k);
      if (g === undefined) { g = keys.size; keys.set(k, g); }
      arr[i] = g;
    });
    groupOf.push(arr);
    groupKeys.push([...keys.keys()]);
  }
  return { levels, groupOf, groupKeys };
}

/** The arrays of one imputation pass. */
export interface ImputedValues {
  /** Target value per cell: national where observed, imputed otherwise. */
  readonly value: Float64Array;
  /** -1 where observed; else the index (into the levels) of the level used. */
  readonly level: Int8Array;
  /** Group number at that level (-1 where observed). */
  readonly group: Int32Array;
}

/**
 * One imputation pass over the frame (METHOD.md §2): for each cell without usable national data, the weighted mean of
 * the donors' values in the narrowest group of the hierarchy (same sex and age) with at least `minDonors` donor
 * countries. `values` replaces the national values (bootstrap draws); `multiplicity` gives each country's number of
 * copies in a bootstrap resample (default 1); `fixedLevel`/`fixedGroup` force the group of each cell (the point
 * estimate's choice) with a fall back to broader levels when the group has no donor weight.
 */
export function imputePass(
  frame: EstimationFrame, idx: LevelIndex, options: ImputationOptions,
  values: Float64Array = frame.value, multiplicity?: Float64Array, fixed?: { level: Int8Array },
): ImputedValues {
  const { n, K } = frame;
  const minDonors = options.minDonors ?? 3;
  const weighting = options.weighting ?? 'equal';
  const L = idx.levels.length;
  const sumW: Float64Array[] = [];
  const sumWV: Float64Array[] = [];
  const donors: Int32Array[] = [];
  for (let l = 0; l < L; l++) {
    const G = idx.groupKeys[l]!.length;
    const sw = new Float64Array(G * K);
    const swv = new Float64Array(G * K);
    const nd = new Int32Array(G * K);
    const gof = idx.groupOf[l]!;
    for (let i = 0; i < n; i++) {
      const mult = multiplicity === undefined ? 1 : multiplicity[i]!;
      if (mult === 0) continue;
      const g = gof[i]!;
      for (let j = 0; j < K; j++) {
        const f = i * K + j;
        if (frame.observed[f] !== 1) continue;
        const w = mult * (weighting === 'migrants' ? frame.migrants[f]! : 1);
        sw[g * K + j]! += w;
        swv[g * K + j]! += w * values[f]!;
        nd[g * K + j]! += 1;
      }
    }
    sumW.push(sw); sumWV.push(swv); donors.push(nd);
  }
  const value = new Float64Array(n * K);
  const level = new Int8Array(n * K).fill(-1);
  const group = new Int32Array(n * K).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < K; j++) {
      const f = i * K + j;
      if (frame.observed[f] === 1) { value[f] = values[f]!; continue; }
      let l = fixed === undefined ? 0 : fixed.level[f]!;
      for (; l < L; l++) {
        const gk = idx.groupOf[l]![i]! * K + j;
        const enough = fixed === undefined ? donors[l]![gk]! >= minDonors || l === L - 1 : sumW[l]![gk]! > 0;
        if (enough && sumW[l]![gk]! > 0) break;
      }
      if (l >= L) throw new Error(`global estimates: no country has national data for sex=${frame.cells[j]!.sex} age=${frame.cells[j]!.age}; nothing to impute from`);
      const gk = idx.groupOf[l]![i]! * K + j;
      value[f] = sumWV[l]![gk]! / sumW[l]![gk]!;
      level[f] = l;
      group[f] = idx.groupOf[l]![i]!;
    }
  }
  return { value, level, group };
}

/** Migrant workers of every cell from target values: the θ fit (logTheta) or rate x M clipped to the feasible range. */
export function migrantWorkersOf(frame: EstimationFrame, value: Float64Array, out: Float64Array = new Float64Array(frame.n * frame.K)): Float64Array {
  const { population: P, migrants: M, labourForce: L } = frame;
  const logTheta = frame.target === 'logTheta';
  for (let f = 0; f < out.length; f++) {
    const v = value[f]!;
    if (logTheta) {
      out[f] = solveMigrantLabourForce(P[f]!, M[f]!, L[f]!, Math.exp(v));
    } else {
      const lo = Math.max(0, M[f]! + L[f]! - P[f]!);
      const hi = Math.min(M[f]!, L[f]!);
      out[f] = Math.min(hi, Math.max(lo, M[f]! / (1 + Math.exp(-v))));
    }
  }
  return out;
}

/** How one cell was imputed: level and group of the hierarchy, donor countries and their weights. */
export interface ImputationRecord {
  readonly iso3: string;
  readonly sex: string;
  readonly age: string;
  readonly target: ImputationTarget;
  readonly value: number;
  readonly level: ImputationLevel;
  readonly group: string;
  readonly donors: readonly string[];
  /** Normalised donor weights, in the order of `donors`. */
  readonly weights: readonly number[];
  /** Why national data for the cell were not used, when there were some. */
  readonly reason?: string;
}

/** A country x sex x age estimate. */
export interface CountryCellEstimate extends Margins {
  readonly iso3: string;
  readonly groups: CountryGroups;
  readonly sex: string;
  readonly age: string;
  readonly migrantWorkers: number;
  /** θ of the fitted table (a·d/(b·c)). */
  readonly theta: number;
  readonly migrantLfpr: number;
  readonly nonMigrantLfpr: number;
  readonly imputed: boolean;
  /** 'national' or 'imputed:<level>'. */
  readonly flag: string;
  readonly source?: string;
}

/** The point estimate: imputed values, records of each imputed cell, and the country x sex x age estimates. */
export interface Imputation {
  readonly frame: EstimationFrame;
  readonly index: LevelIndex;
  readonly options: ImputationOptions;
  readonly pass: ImputedValues;
  readonly migrantWorkers: Float64Array;
  readonly records: readonly ImputationRecord[];
  readonly estimates: readonly CountryCellEstimate[];
}

/** Imputes every cell without national data and fits every cell to its margins (METHOD.md §1.3, §2). */
export function imputeFrame(frame: EstimationFrame, options: ImputationOptions = {}): Imputation {
  if (options.weighting !== undefined && !DONOR_WEIGHTINGS.includes(options.weighting)) {
    throw new RangeError(`donor weighting "${options.weighting}" is not one of ${DONOR_WEIGHTINGS.join(', ')}`);
  }
  if (options.minDonors !== undefined && !(Number.isInteger(options.minDonors) && options.minDonors >= 1)) throw new RangeError('minDonors must be an integer >= 1');
  const idx = levelIndex(frame, options.levels ?? IMPUTATION_LEVELS);
  const pass = imputePass(frame, idx, options);
  const x = migrantWorkersOf(frame, pass.value);
  const { n, K } = frame;
  const records: ImputationRecord[] = [];
  const estimates: CountryCellEstimate[] = [];
  for (let i = 0; i < n; i++) {
    const c = frame.countries[i]!;
    for (let j = 0; j < K; j++) {
      const f = i * K + j;
      const cell = frame.cells[j]!;
      const m = { population: frame.population[f]!, migrants: frame.migrants[f]!, labourForce: frame.labourForce[f]! };
      const imputed = frame.observed[f] !== 1;
      let flag = 'national';
      if (imputed) {
        const l = pass.level[f]!;
        const g = pass.group[f]!;
        const dn: string[] = [];
        const dw: number[] = [];
        for (let d = 0; d < n; d++) {
          if (idx.groupOf[l]![d] !== g || frame.observed[d * K + j] !== 1) continue;
          dn.push(frame.countries[d]!.iso3);
          dw.push(options.weighting === 'migrants' ? frame.migrants[d * K + j]! : 1);
        }
        const tw = dw.reduce((s, w) => s + w, 0);
        const reason = frame.unusable.get(f);
        records.push({
          iso3: c.iso3, sex: cell.sex, age: cell.age, target: frame.target, value: pass.value[f]!, level: idx.levels[l]!,
          group: idx.groupKeys[l]![g]!, donors: dn, weights: dw.map((w) => w / tw), ...(reason === undefined ? {} : { reason }),
        });
        flag = `imputed:${idx.levels[l]!}`;
      }
      const xf = x[f]!;
      const b = m.migrants - xf;
      const cc = m.labourForce - xf;
      const d = m.population - m.migrants - m.labourForce + xf;
      const src = frame.sources[f];
      estimates.push({
        iso3: c.iso3, groups: c.groups, sex: cell.sex, age: cell.age, ...m, migrantWorkers: xf,
        theta: (xf * d) / (b * cc), migrantLfpr: m.migrants > 0 ? xf / m.migrants : NaN,
        nonMigrantLfpr: m.population > m.migrants ? cc / (m.population - m.migrants) : NaN, imputed, flag,
        ...(src === undefined ? {} : { source: src }),
      });
    }
  }
  return { frame, index: idx, options, pass, migrantWorkers: x, records, estimates };
}
