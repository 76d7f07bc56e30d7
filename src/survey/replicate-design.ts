import type { SurveyData, Vector } from './data.js';
import type { LonelyPsu, Stage, SurveyDesign } from './design.js';
import { DesignError, describeRows } from './errors.js';
import { applyHouseholder, householderQr, householderVector, norm2 } from './linear-algebra.js';
import { SeededRandom } from './random.js';

/** Replicate-weight types of R `svrepdesign` / `as.svrepdesign`. */
export type ReplicateType = 'JK1' | 'JKn' | 'BRR' | 'Fay' | 'bootstrap' | 'subbootstrap' | 'successive-difference' | 'ACS' | 'JK2' | 'other';

/** A replicate-weight design (R `svyrep.design`): full-sample and replicate analysis weights, and the variance constants. */
export interface ReplicateDesign {
  readonly kind: 'replicate';
  readonly data: SurveyData;
  readonly n: number;
  /** Full-sample analysis weights. */
  readonly weights: Float64Array;
  /** Analysis weights of each replicate (combined: they include the sampling weight). */
  readonly replicates: readonly Float64Array[];
  readonly type: ReplicateType;
  /** Overall multiplier of the replicate variance. */
  readonly scale: number;
  /** Per-replicate multipliers. */
  readonly rscales: Float64Array;
  /** Centre the replicates at the full-sample estimate (true) or at their mean (false). */
  readonly mse: boolean;
  /** User-given design df; otherwise the rank of the replicate weights of the (domain) rows minus 1, as R `degf`. */
  readonly df?: number;
  /** Warnings raised while building the design (R's warnings of `svrepdesign` / `as.svrepdesign`). */
  readonly warnings?: readonly string[];
}

/**
 * Replicate covariance of K statistics, R `svrVar`: scale * sum_r rscales_r (theta_r - centre)(theta_r - centre)',
 * centre = the full-sample estimate (mse) or the mean of the replicates with rscales > 0.
 * `reps` is row-major R x K; replicates with a NaN statistic are dropped, as R (the count is returned).
 */
export function replicateCovariance(
  design: Pick<ReplicateDesign, 'scale' | 'rscales' | 'mse'>,
  full: readonly number[],
  reps: Float64Array,
): { covariance: Float64Array; dropped: number } {
  const K = full.length;
  const R = design.rscales.length;
  const ok: number[] = [];
  for (let r = 0; r < R; r++) {
    let finite = true;
    for (let k = 0; k < K; k++) if (Number.isNaN(reps[r * K + k]!)) finite = false;
    if (finite) ok.push(r);
  }
  const centre = new Float64Array(K);
  if (design.mse) centre.set(full);
  else {
    let used = 0;
    for (const r of ok) {
      if (!(design.rscales[r]! > 0)) continue;
      used++;
      for (let k = 0; k < K; k++) centre[k]! += reps[r * K + k]!;
    }
    for (let k = 0; k < K; k++) centre[k]! /= used;
  }
  const V = new Float64Array(K * K);
  for (const r of ok) {
    const s = design.rscales[r]! * design.scale;
    for (let a = 0; a < K; a++) {
      const da = (reps[r * K + a]! - centre[a]!) * s;
      for (let b = 0; b < K; b++) V[a * K + b]! += da * (reps[r * K + b]! - centre[b]!);
    }
  }
  return { covariance: V, dropped: R - ok.length };
}

// ---------------------------------------------------------------------------------------------------------------
// svrepdesign: a design from replicate-weight columns.

/** Types accepted by `svrepDesign` (R `svrepdesign`'s `type`). */
export type SvrepType = Exclude<ReplicateType, 'subbootstrap'>;
const SVREP_TYPES: readonly SvrepType[] = ['BRR', 'Fay', 'JK1', 'JKn', 'bootstrap', 'ACS', 'successive-difference', 'JK2', 'other'];

/** Replicate-weight columns and variance constants: the arguments of R `svrepdesign`. */
export interface SvrepSpec {
  /** Sampling (full-sample) weight column; without it the weights are 1, with R's warning. */
  readonly weight?: string;
  /** Replicate-weight columns, or a pattern matched against the column names in table order (R `repweights = "regex"`). */
  readonly repweights: readonly string[] | RegExp;
  readonly type: SvrepType;
  /** Fay's coefficient: required for `Fay`, in [0, 1). */
  readonly rho?: number;
  /** Overall variance multiplier (JK1, JKn, bootstrap, other; fixed by the type for BRR, Fay, ACS, successive-difference, JK2). */
  readonly scale?: number;
  /** Per-replicate multipliers: one per replicate column, or one for all. */
  readonly rscales?: readonly number[];
  /** Centre at the full-sample estimate; default false (R option `survey.replicates.mse`), true for ACS. */
  readonly mse?: boolean;
  /** The replicate columns already include the sampling weight; default true, as R. */
  readonly combinedWeights?: boolean;
  /** Number of bootstrap replicates averaged in each column (R `bootstrap.average`, mean bootstrap); default 1. */
  readonly bootstrapAverage?: number;
  /** Design degrees of freedom for every domain, instead of the rank rule of `replicateDf`. */
  readonly df?: number;
}

/** Builds a replicate design from replicate-weight columns, R `svrepdesign` (type defaults of scale, rscales and mse as R 4.5). */
export function svrepDesign(data: SurveyData, spec: SvrepSpec): ReplicateDesign {
  const n = data.nrows;
  if (n === 0) throw new DesignError('the data have no rows');
  const type = spec.type;
  if (!SVREP_TYPES.includes(type)) throw new DesignError(`replicate type "${type}" is not one of ${SVREP_TYPES.join(', ')}`);
  const warnings: string[] = [];
  const { rho } = spec;
  if (type === 'Fay') {
    if (rho === undefined) throw new DesignError('type Fay needs rho, the Fay coefficient of the replicate weights (R: "With type=\'Fay\' you must supply the correct rho")');
    checkRho(rho);
  } else if (rho !== undefined) {
    if (type === 'other') warnings.push('rho ignored.');
    else if (type !== 'BRR' && type !== 'bootstrap') warnings.push(`rho not relevant to ${type} design: ignored.`);
  }

  const repNames = replicateColumns(data, spec.repweights);
  const raw = repNames.map((name) => checkedWeights(data, name, 'replicate weight'));
  const R = raw.length;
  let weights: Float64Array;
  if (spec.weight !== undefined) weights = Float64Array.from(checkedWeights(data, spec.weight, 'weight'));
  else {
    warnings.push('No sampling weights provided: equal probability assumed');
    weights = new Float64Array(n).fill(1);
  }

  if (spec.df !== undefined) {
    if (Number.isNaN(spec.df)) throw new DesignError('df is NaN: give a number of degrees of freedom');
    if (spec.df > R) warnings.push(`degf (${spec.df}) is larger than number of replicates (${R})`);
    if (spec.df <= 1) warnings.push('degf is <=1');
  }

  const combined = spec.combinedWeights ?? true;
  let repMean = 0;
  for (const col of raw) repMean += mean(col) / R;
  const wMean = mean(weights);
  if (combined && repMean < 5 && wMean / repMean > 5) {
    warnings.push(`Data do not look like combined weights: mean replication weight is ${repMean} and mean sampling weight is ${wMean}`);
  }
  if (!combined && repMean > 5 && wMean / repMean < 5) {
    warnings.push(`Data look like combined weights: mean replication weight is ${repMean} and mean sampling weight is ${wMean}`);
  }

  let rscales: Float64Array | undefined;
  if (spec.rscales !== undefined) {
    const given = spec.rscales;
    if (given.length !== 1 && given.length !== R) {
      throw new DesignError(`rscales has ${given.length} values, but there are ${R} replicate-weight columns: give one per column, or a single value`);
    }
    const bad = given.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new DesignError(`rscales value ${bad + 1} is ${given[bad]}: rscales must be finite`);
    rscales = Float64Array.from({ length: R }, (_, r) => given[given.length === 1 ? 0 : r]!);
  }
  let scale = spec.scale;
  if (scale !== undefined && !Number.isFinite(scale)) throw new DesignError(`scale is ${scale}: it must be a finite number`);

  switch (type) {
    case 'BRR':
      if (scale !== undefined) warnings.push("type='BRR' does not use 'scale=' argument");
      if (rho !== undefined) warnings.push("type='BRR' does not use 'rho=' argument, you may want type='Fay'");
      scale = 1 / R;
      break;
    case 'Fay':
      scale = 1 / (R * (1 - rho!) * (1 - rho!));
      break;
    case 'bootstrap':
      scale ??= (spec.bootstrapAverage ?? 1) / (R - 1);
      break;
    case 'JK1':
      if (scale === undefined && !combined) {
        warnings.push('scale (n-1)/n not provided: guessing from weights');
        scale = 1 / max(raw[0]!);
      } else if (scale === undefined) {
        warnings.push('scale (n-1)/n not provided: guessing n=number of replicates');
        scale = (R - 1) / R;
      }
      break;
    case 'JKn':
      if (rscales === undefined && combined) {
        throw new DesignError('type JKn with combined weights needs rscales, (n_h - 1)/n_h for the stratum of each replicate (R: "Must provide rscales for combined JKn weights")');
      }
      if (rscales === undefined) {
        warnings.push('rscales (n-1)/n not provided:guessing from weights');
        rscales = Float64Array.from(raw, (col) => 1 / max(col));
      }
      break;
    case 'ACS':
    case 'successive-difference':
    case 'JK2':
      if (spec.scale !== undefined || spec.rscales !== undefined) {
        warnings.push(`with type ${type} scale= and rscales= are not needed and will be ignored`);
      }
      rscales = undefined;
      scale = type === 'JK2' ? 1 : 4 / R;
      break;
    case 'other':
      if (scale === undefined || rscales === undefined) warnings.push('scale or rscales not specified, set to 1');
      break;
  }

  let mse = spec.mse ?? false;
  if (type === 'ACS') {
    if (spec.mse === undefined) mse = true;
    else if (!spec.mse) warnings.push('The ACS uses MSE standard errors but you have specified mse=FALSE');
  }
  return {
    kind: 'replicate',
    data,
    n,
    weights,
    // Combined weights are used as they are, without a copy: `checkedWeights` has checked them (finite, >= 0), and
    // nothing in migstat writes into a design's or a table's columns.
    replicates: combined ? raw : raw.map((col) => col.map((x, i) => x * weights[i]!)),
    type,
    scale: scale ?? 1,
    rscales: rscales ?? new Float64Array(R).fill(1),
    mse,
    ...(spec.df !== undefined ? { df: spec.df } : {}),
    warnings,
  };
}

function checkRho(rho: number): void {
  if (!(rho >= 0 && rho < 1)) throw new DesignError(`rho = ${rho}: Fay's coefficient must be in [0, 1)`);
}

function max(x: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! > m) m = x[i]!;
  return m;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/** Column names of a table that has them (migstat's `Table`); the survey core itself only needs `column(name)`. */
function columnNames(data: SurveyData): readonly string[] | undefined {
  const names = (data as { readonly names?: unknown }).names;
  return Array.isArray(names) && names.every((x) => typeof x === 'string') ? names : undefined;
}

function replicateColumns(data: SurveyData, spec: readonly string[] | RegExp): readonly string[] {
  if (!(spec instanceof RegExp)) {
    if (spec.length === 0) throw new DesignError('no replicate-weight columns given');
    return spec;
  }
  const names = columnNames(data);
  if (!names) throw new DesignError(`replicate-weight pattern ${spec} needs a table with column names: give the columns by name`);
  const matched = names.filter((name) => name.search(spec) >= 0);
  if (matched.length === 0) {
    throw new DesignError(`no column name matches the replicate-weight pattern ${spec}; columns are: ${names.slice(0, 40).join(', ')}${names.length > 40 ? ', ...' : ''}`);
  }
  return matched;
}

/** A weight column: numeric, with every value finite and >= 0; errors name the column, the rows and a value. */
function checkedWeights(data: SurveyData, name: string, role: string): Float64Array {
  let v: Vector;
  try {
    v = data.column(name);
  } catch (e) {
    throw new DesignError(`${role} column "${name}": ${(e as Error).message}`);
  }
  if (v.kind !== 'number') throw new DesignError(`${role} column "${name}" must be numeric, found text values such as "${v.levels[0] ?? ''}"`);
  const x = v.values;
  const bad: number[] = [];
  for (let i = 0; i < x.length; i++) if (!(x[i]! >= 0 && x[i]! < Infinity)) bad.push(i);
  if (bad.length > 0) {
    const r = bad[0]!;
    throw new DesignError(
      `${role} column "${name}" has ${bad.length} missing, negative or non-finite value(s) at ${describeRows(bad)} ` +
        `(row ${r + 1}: ${Number.isNaN(x[r]!) ? 'NA' : x[r]}): ${role}s must be finite and >= 0`,
    );
  }
  return x;
}

// ---------------------------------------------------------------------------------------------------------------
// as.svrepdesign: replicate weights built from a design's first-stage strata and PSUs.

/** Conversion of a Taylor design to replicate weights: the arguments of R `as.svrepdesign`. */
export interface AsReplicateSpec {
  /** Default `auto`, as R: JK1 without strata, JKn with strata. */
  readonly type?: 'auto' | 'JK1' | 'JKn' | 'BRR' | 'Fay' | 'bootstrap' | 'subbootstrap';
  /** Number of bootstrap replicates; default 50, as R. */
  readonly replicates?: number;
  /** Seed of the bootstrap draws (an integer; default 1). */
  readonly seed?: number;
  /** Centre at the full-sample estimate; default false (R option `survey.replicates.mse`). */
  readonly mse?: boolean;
  /** Fay's coefficient for BRR/Fay, in [0, 1); default 0 (R `fay.rho`), which is plain BRR. */
  readonly rho?: number;
}

/** Replicate factors per stage-1 PSU (R's compressed replicate weights) and the variance constants. */
interface Replication {
  readonly factors: readonly Float64Array[];
  readonly scale: number;
  readonly rscales: Float64Array;
}

/**
 * Converts a design to replicate weights, R `as.svrepdesign` (jk1weights, jknweights, brrweights, bootweights,
 * subbootweights) on the stage-1 strata and PSUs. Bootstrap draws use migstat's seeded generator, not R's stream.
 */
export function asReplicateDesign(design: SurveyDesign, spec: AsReplicateSpec = {}): ReplicateDesign {
  if (design.calibration && design.calibration.length > 0) {
    throw new DesignError('the design is post-stratified, raked or calibrated: build the replicate weights first, then calibrate the replicate design');
  }
  const requested = spec.type ?? 'auto';
  const type = requested === 'auto' ? (design.hasStrata ? 'JKn' : 'JK1') : requested;
  if (type === 'JK1' && design.hasStrata) throw new DesignError("Can't use JK1 for a stratified design: use JKn, BRR, Fay or bootstrap");
  if ((type === 'JKn' || type === 'BRR' || type === 'Fay') && !design.hasStrata) {
    throw new DesignError(`Must use JK1 or bootstrap for an unstratified design (type ${type} needs strata)`);
  }
  const st = design.stages[0]!;
  const warnings: string[] = [];
  const brr = type === 'BRR' || type === 'Fay';
  if (st.population.some(Number.isFinite)) {
    if (brr) warnings.push('Finite population correction dropped in conversion');
    else if ((design.spec.fpc?.length ?? 0) > 1) warnings.push('Finite population corrections after first stage have been dropped');
  }
  const rho = spec.rho ?? 0;
  checkRho(rho);
  if (type === 'Fay' && spec.rho === undefined) warnings.push('type Fay without rho: rho = 0 (R fay.rho default), which is plain BRR');
  if (!brr && spec.rho !== undefined) warnings.push(`rho is used only by BRR and Fay replicates: ignored for ${type}`);

  let rep: Replication;
  if (type === 'JK1') rep = jk1(st);
  else if (type === 'JKn') rep = jkn(st, design.lonelyPsu, design.spec.strata);
  else if (brr) rep = brrReplicates(st, rho);
  else {
    const R = spec.replicates ?? 50;
    if (!(Number.isInteger(R) && R >= 2)) throw new DesignError(`replicates = ${R}: the number of bootstrap replicates must be an integer >= 2`);
    const seed = spec.seed ?? 1;
    if (!Number.isSafeInteger(seed)) throw new DesignError(`seed = ${seed} must be an integer`);
    const rng = new SeededRandom(seed);
    rep = type === 'bootstrap' ? bootstrapReplicates(st, R, rng, warnings) : subbootstrapReplicates(st, R, rng);
  }
  const w = design.weights;
  const unit = st.unitOfRow;
  return {
    kind: 'replicate',
    data: design.data,
    n: design.n,
    weights: Float64Array.from(w),
    replicates: rep.factors.map((f) => w.map((wi, i) => f[unit[i]!]! * wi)),
    type: brr ? (rho === 0 ? 'BRR' : 'Fay') : type,
    scale: rep.scale,
    rscales: rep.rscales,
    mse: spec.mse ?? false,
    warnings,
  };
}

/** Finite population correction 1 - n/N of stratum h, as R computes it ((N - n)/N); 1 without an fpc. */
function fpcFactor(st: Stage, h: number): number {
  const N = st.population[h]!;
  return Number.isFinite(N) ? (N - st.sampled[h]!) / N : 1;
}

function unitsOf(st: Stage, h: number): Int32Array {
  return st.unitsByStratum.subarray(st.stratumStart[h]!, st.stratumStart[h + 1]!);
}

/** R `jk1weights`: replicate r drops PSU r and multiplies the others by n/(n-1); scale (1-f)(n-1)/n; none when f = 1. */
function jk1(st: Stage): Replication {
  const n = st.nUnits;
  const fpc = fpcFactor(st, 0);
  if (fpc === 0) return { factors: [], scale: 0, rscales: new Float64Array(0) };
  const factors = Array.from({ length: n }, (_, r) => {
    const f = new Float64Array(n).fill(n / (n - 1));
    f[r] = 0;
    return f;
  });
  return { factors, scale: (fpc * (n - 1)) / n, rscales: new Float64Array(n).fill(1) };
}

/**
 * R `jknweights`: per stratum (in order of appearance) one replicate per PSU, rscale (1-f_h)(n_h-1)/n_h; a
 * self-representing stratum gets none; single-PSU strata follow the lonely-PSU rule (adjust: one replicate zeroing the
 * stratum, the rest times H/(H-1), rscale (H-1)/H; average: scale #PSU/#replicates).
 */
function jkn(st: Stage, lonely: LonelyPsu, strataColumn: string | undefined): Replication {
  const H = st.nStrata;
  const nU = st.nUnits;
  const factors: Float64Array[] = [];
  const rscales: number[] = [];
  for (let h = 0; h < H; h++) {
    const fpc = fpcFactor(st, h);
    if (fpc === 0) continue;
    const units = unitsOf(st, h);
    const nh = units.length;
    if (nh === 1) {
      if (lonely === 'fail') {
        const row = st.unitOfRow.indexOf(units[0]!);
        throw new DesignError(
          `Stratum (${st.stratumLabels[h]}) has only one PSU${strataColumn ? ` (column "${strataColumn}", row ${row + 1})` : ''}: ` +
            'jackknife replicates need two PSUs per stratum under the lonely-PSU rule "fail"; choose remove, certainty, adjust or average',
        );
      }
      if (lonely === 'adjust') {
        const f = new Float64Array(nU).fill(H / (H - 1));
        f[units[0]!] = 0;
        factors.push(f);
        rscales.push((H - 1) / H);
      }
      continue;
    }
    for (const j of units) {
      const f = new Float64Array(nU).fill(1);
      for (const u of units) f[u] = u === j ? 0 : nh / (nh - 1);
      factors.push(f);
      rscales.push((fpc * (nh - 1)) / nh);
    }
  }
  if (factors.length === 0) throw new DesignError('All strata were exhaustively sampled: you have the whole population (no jackknife replicate remains)');
  const scale = lonely === 'average' && factors.length < nU ? nU / factors.length : 1;
  return { factors, scale, rscales: Float64Array.from(rscales) };
}

/**
 * R `brrweights` (small = "fail", large = "split"): strata sorted by label, PSUs paired in order of appearance
 * (a stratum with an even number > 2 of PSUs is split into pairs), pair k takes row k of R's Hadamard matrix;
 * the PSU picked gets 2 - rho, its partner rho. Scale 1/(R (1-rho)^2).
 */
function brrReplicates(st: Stage, rho: number): Replication {
  const labels = st.stratumLabels;
  const small = [...Array(st.nStrata).keys()].filter((h) => st.sampled[h]! < 2);
  if (small.length > 0) {
    throw new DesignError(
      `BRR needs at least two PSUs in every stratum: ${small.map((h) => `stratum "${labels[h]}"`).slice(0, 5).join(', ')} ` +
        `${small.length === 1 ? 'has' : 'have'} one (R: "Some strata have fewer than 2 PSUs")`,
    );
  }
  const odd = [...Array(st.nStrata).keys()].find((h) => st.sampled[h]! > 2 && st.sampled[h]! % 2 === 1);
  if (odd !== undefined) {
    throw new DesignError(`BRR cannot split stratum "${labels[odd]}" into pairs: it has ${st.sampled[odd]} PSUs, an odd number (R: "Can't split with odd numbers of PSUs in a stratum")`);
  }
  const order = [...Array(st.nStrata).keys()].sort((a, b) => (labels[a]! < labels[b]! ? -1 : labels[a]! > labels[b]! ? 1 : a - b));
  const first = new Uint8Array(st.nUnits); // 1 when the PSU is the one chosen by a Hadamard entry of 1
  const pair = new Int32Array(st.nUnits); // Hadamard row of the PSU's pair (1-based: row 0 is not used)
  let pairs = 0;
  for (const large of [true, false]) {
    for (const h of order) {
      if (st.sampled[h]! > 2 !== large) continue;
      unitsOf(st, h).forEach((u, i) => {
        first[u] = i % 2 === 0 ? 1 : 0;
        pair[u] = pairs + (i >> 1) + 1;
      });
      pairs += st.sampled[h]! >> 1;
    }
  }
  const had = hadamard(pairs);
  const factors = had.map((_, r) =>
    Float64Array.from({ length: st.nUnits }, (_, u) => {
      const chosen = had[pair[u]!]![r] === first[u] ? 1 : 0;
      return chosen * (2 - rho) + (1 - chosen) * rho;
    }),
  );
  const R = factors.length;
  return { factors, scale: 1 / (R * (1 - rho) * (1 - rho)), rscales: new Float64Array(R).fill(1) };
}

/**
 * R `bootweights` (Canty-Davison rescaled bootstrap): per stratum, n_h PSUs drawn with replacement (without an fpc)
 * or n_h drawn without replacement from N_h copies cycling through the PSUs (with one); a PSU's factor is its count.
 * Scale n/((n-1)(R-1)), n the harmonic mean of PSUs per stratum.
 */
function bootstrapReplicates(st: Stage, R: number, rng: SeededRandom, warnings: string[]): Replication {
  const factors = Array.from({ length: R }, () => new Float64Array(st.nUnits));
  let invSum = 0;
  for (let h = 0; h < st.nStrata; h++) {
    const units = unitsOf(st, h);
    const nh = units.length;
    invSum += 1 / nh;
    const N = st.population[h]!;
    if (!Number.isFinite(N)) {
      for (const f of factors) for (let k = 0; k < nh; k++) f[units[rng.below(nh)]!]! += 1;
      continue;
    }
    if (N > 100 * nh) warnings.push(`Sampling fraction <1% in stratum ${st.stratumLabels[h]}: the bootstrap still draws without replacement from its ${N} population units, as R`);
    const perm = shuffled(units, rng);
    // Population copies beyond 2^32 change nothing in practice; the cap keeps the draws within the generator's range.
    const popsize = Math.min(Math.floor(N), 0x1_0000_0000);
    for (const f of factors) for (const idx of distinctDraws(popsize, nh, rng)) f[perm[idx % nh]!]! += 1;
  }
  const nbar = 1 / (invSum / st.nStrata);
  return { factors, scale: nbar / ((nbar - 1) * (R - 1)), rscales: new Float64Array(R).fill(1) };
}

/** R `subbootweights` (Rao-Wu): per stratum n_h - 1 PSUs drawn with replacement, factor count * n_h/(n_h - 1); scale 1/(R-1). */
function subbootstrapReplicates(st: Stage, R: number, rng: SeededRandom): Replication {
  const lonely = [...Array(st.nStrata).keys()].find((h) => st.sampled[h]! < 2);
  if (lonely !== undefined) {
    throw new DesignError(`subbootstrap needs at least two PSUs per stratum: stratum "${st.stratumLabels[lonely]}" has one (R would give NaN weights)`);
  }
  const factors = Array.from({ length: R }, () => new Float64Array(st.nUnits));
  for (let h = 0; h < st.nStrata; h++) {
    const units = unitsOf(st, h);
    const nh = units.length;
    for (const f of factors) {
      for (let k = 0; k < nh - 1; k++) f[units[rng.below(nh)]!]! += 1;
      for (const u of units) f[u] = (f[u]! * nh) / (nh - 1);
    }
  }
  return { factors, scale: 1 / (R - 1), rscales: new Float64Array(R).fill(1) };
}

/** A uniformly random permutation (Fisher-Yates). */
function shuffled(items: Int32Array, rng: SeededRandom): Int32Array {
  const a = Int32Array.from(items);
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** k distinct integers drawn uniformly from [0, N) (Floyd's algorithm). */
function distinctDraws(N: number, k: number, rng: SeededRandom): Set<number> {
  const chosen = new Set<number>();
  for (let j = N - k; j < N; j++) {
    const t = rng.below(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------------------------
// Hadamard matrices as R survey chooses them (R `hadamard`, `paley`), 0/1 coded, row 0 all ones.

type Hadamard = readonly Uint8Array[];

/** Orders of R survey's stored Hadamard matrices. */
const STORED_ORDERS = [4, 16, 28, 36] as const;
/** R survey's stored matrices of orders 28 and 36 (`hadamard.list`), rows as hexadecimal bit strings. */
const STORED_HEX: Readonly<Record<28 | 36, string>> = {
  28:
    'fffffff 9c71c78 83cd378 83b2e66 9a0f8d6 952c5ae 8cd239e 58aa7f0 45b59d4 46cbcac 561774a 4b64e9a 5959b26 2d1eae8 ' +
    '3666b34 2b3b51c 31d74b2 32f89ca 2ced646 ea545e4 f1632cc f09ce1c e54ad52 e6392b2 e8a792a dffe000 bf81f80 7f8007e',
  36:
    'fffffffff 5c7dc8564 b8fb90ac8 71f721592 e3ee42b24 c7dc8564a 8fb90ac96 1f721592e 3ee42b25c 7dc8564b8 fb90ac970 ' +
    'f721592e2 ee42b25c6 dc8564b8e b90ac971e 721592e3e e42b25c7c c8564b8fa 90ac971f6 21592e3ee 42b25c7dc 8564b8fb8 ' +
    '0ac971f72 1592e3ee4 2b25c7dc8 564b8fb90 ac971f720 592e3ee42 b25c7dc84 64b8fb90a c971f7214 92e3ee42a 25c7dc856 ' +
    '4b8fb90ac 971f72158 2e3ee42b2',
};

/** R `hadamard.doubler`: [[H, H], [H, 1 - H]]. */
function doubled(H: Hadamard): Hadamard {
  const top = H.map((row) => Uint8Array.from([...row, ...row]));
  const bottom = H.map((row) => Uint8Array.from([...row, ...row.map((x) => 1 - x)]));
  return [...top, ...bottom];
}

function stored(k: number): Hadamard {
  const order = STORED_ORDERS[k]!;
  if (order === 4 || order === 16) {
    let H: Hadamard = [Uint8Array.of(1)];
    while (H.length < order) H = doubled(H);
    return H;
  }
  return STORED_HEX[order].split(' ').map((hex) => Uint8Array.from({ length: order }, (_, j) => (parseInt(hex[j >> 2]!, 16) >> (3 - (j & 3))) & 1));
}

/** Primes p = 3 (mod 4) up to 7919: the Paley orders p + 1 that R survey builds. */
const PALEY_PRIMES: readonly number[] = (() => {
  const max = 7919;
  const composite = new Uint8Array(max + 1);
  const primes: number[] = [];
  for (let p = 2; p <= max; p++) {
    if (composite[p]) continue;
    if (p % 4 === 3) primes.push(p);
    for (let q = p * p; q <= max; q += p) composite[q] = 1;
  }
  return primes;
})();

/** Paley's construction of order p + 1: entry (i, j) of the core is 0 when (i + j) mod p is 0 or a quadratic residue. */
function paleyOfPrime(p: number): Hadamard {
  const residue = new Uint8Array(p);
  residue[0] = 1;
  for (let i = 1; i <= (p - 1) / 2; i++) residue[(i * i) % p] = 1;
  return Array.from({ length: p + 1 }, (_, i) =>
    Uint8Array.from({ length: p + 1 }, (_, j) => (i === 0 || j === 0 ? 1 : residue[(i - 1 + j - 1) % p] ? 0 : 1)),
  );
}

/** R `paley(n, nmax)`: a Paley matrix (possibly doubled) of order > n, or null when R finds none within nmax. */
function paley(n: number, nmax = 2 * n): Hadamard | null {
  const nceil = n + 4 - (n % 4);
  if ((n % 4) + 4 === n % 8) {
    let nn = nceil;
    while (nn % 8 === 0) nn /= 2;
    if (PALEY_PRIMES.includes(nn - 1)) {
      let H = paleyOfPrime(nn - 1);
      for (; nn < nceil; nn *= 2) H = doubled(H);
      return H;
    }
  }
  if (n > PALEY_PRIMES[PALEY_PRIMES.length - 1]!) return null;
  const p = PALEY_PRIMES.find((q) => q >= n)!;
  if (p + 1 > nceil + 4 && nceil + 4 < nmax) return paley(nceil + 3);
  return p > nmax ? null : paleyOfPrime(p);
}

/** R `hadamard(n)`: the Hadamard matrix of order > n that R survey's BRR uses (stored, Paley, or doubled stored). */
function hadamard(n: number): Hadamard {
  const m = n - (n % 4);
  const fit = STORED_ORDERS.findIndex((s) => m < s && m + 4 >= s);
  if (fit >= 0) return stored(fit);
  const sizes = STORED_ORDERS.map((s) => s * 2 ** Math.max(0, Math.ceil(Math.log2((n + 1) / s))));
  let best = 0;
  sizes.forEach((s, k) => {
    if (s < sizes[best]!) best = k;
  });
  const size = sizes[best]!;
  const fromPaley = size - n > 4 ? paley(n, size) : null;
  if (fromPaley) return fromPaley;
  let H = stored(best);
  while (H.length < size) H = doubled(H);
  return H;
}

// ---------------------------------------------------------------------------------------------------------------
// Degrees of freedom.

/** R's tolerance of `qr(..., tol = 1e-5)` in `degf.svyrep.design`. */
const RANK_TOL = 1e-5;
/** Rows of the subsample of the rank shortcut, per replicate column. */
const SUBSAMPLE_ROWS_PER_COLUMN = 8;
/** The shortcut is tried only with at least this many rows per replicate column (below, the full QR is cheap). */
const SHORTCUT_MIN_ROWS_PER_COLUMN = 32;
/** Factor by which every subsample residual must exceed R's tolerance test (see `subsampleHasFullRank`). */
const SHORTCUT_MARGIN = 100;

/** Design df of all rows, per design (R keeps `degf` in the design; it only depends on the replicate weights). */
const allRowsDf = new WeakMap<ReplicateDesign, number>();

/**
 * Design df of a replicate design over the given rows, R `degf.svyrep.design`: the user's df if set, else
 * qr(analysis replicate weights of the rows, tol = 1e-5)$rank - 1 with R's LINPACK rank rule (dqrdc2).
 * The df of all rows is computed once per design.
 */
export function replicateDf(design: ReplicateDesign, rows: Int32Array): number {
  if (design.df !== undefined) return design.df;
  const all = isAllRows(rows, design.n);
  if (all) {
    const cached = allRowsDf.get(design);
    if (cached !== undefined) return cached;
  }
  const df = replicateRank(design.replicates, rows) - 1;
  if (all) allRowsDf.set(design, df);
  return df;
}

function isAllRows(rows: Int32Array, n: number): boolean {
  if (rows.length !== n) return false;
  for (let j = 0; j < n; j++) if (rows[j] !== j) return false;
  return true;
}

/** The rows' values of the columns, column-major rows.length x columns.length (a plain loop: `Float64Array.from(rows, fn)` calls fn per element, 20x slower). */
function gatherRows(columns: readonly Float64Array[], rows: Int32Array): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * columns.length);
  columns.forEach((w, c) => {
    for (let j = 0; j < m; j++) out[c * m + j] = w[rows[j]!]!;
  });
  return out;
}

/**
 * Rank of the m x p matrix of the replicate weights of the rows by R's dqrdc2 rule (`householderQr`): p when a subsample
 * of the rows certifies full column rank (`subsampleHasFullRank`), else the full QR decides.
 */
function replicateRank(replicates: readonly Float64Array[], rows: Int32Array): number {
  const m = rows.length;
  const p = replicates.length;
  if (p > 0 && m >= SHORTCUT_MIN_ROWS_PER_COLUMN * p && subsampleHasFullRank(replicates, rows)) return p;
  return householderQr(gatherRows(replicates, rows), m, p, RANK_TOL, true).rank;
}

/**
 * A sufficient condition for R's rule to find full column rank p on all m rows (m >= p), checked on k = 8p of them.
 *
 * R's dqrdc2 (and `householderQr`) drops column l when its residual norm, after the reflections of the columns kept before
 * it, is below tol x its original norm ||a_l|| (over all m rows). If no column is dropped, column l meets the test
 * after exactly the columns 0..l-1, and its residual is rho_l = min_c ||a_l - A_{0..l-1} c||, the |R_ll| of an
 * unpivoted QR. Over a subset of the rows the same minimum can only be smaller or equal (the full data's minimiser c*
 * gives a subset residual <= ||a_l - A c*||), so rho_l(subset) <= rho_l(all rows). Hence, by induction over l: if the
 * subsample's unpivoted QR has |R_ll| >= tol x ||a_l|| (the norm of ALL the rows) for every l, then on all rows no
 * column is dropped and the rank is p. This is exact in exact arithmetic; the check asks for a margin of 100 over the
 * test (|R_ll| >= 100 tol ||a_l||): the full QR would have to misjudge a residual by a factor of 100 to drop a
 * certified column (its downdated norms stay within a relative ~p u (||a_l|| / rho_l)^2 <= 1e-8 of the exact residual
 * when rho_l >= 1e-3 ||a_l||), which only the rounding of a matrix so ill-conditioned that R's own rank depends on
 * its rounding could do. When the check fails (a column near the tolerance, a zero column, non-finite values),
 * nothing is concluded and the full QR decides.
 */
function subsampleHasFullRank(replicates: readonly Float64Array[], rows: Int32Array): boolean {
  const m = rows.length;
  const p = replicates.length;
  const k = SUBSAMPLE_ROWS_PER_COLUMN * p;
  // Original norms over all the rows, as dqrdc2 computes them (0 -> 1).
  const original = replicates.map((w) => {
    const norm = norm2(gatherRows([w], rows), 0, m);
    return norm === 0 ? 1 : norm;
  });
  // k distinct rows spread evenly over the rows (m >= k), the same for every column.
  const sub = new Int32Array(k);
  for (let j = 0; j < k; j++) sub[j] = rows[Math.floor((j * m) / k)]!;
  const x = gatherRows(replicates, sub);
  // Unpivoted Householder QR; |R_ll| is the norm of column l from row l on, before its reflection.
  for (let l = 0; l < p; l++) {
    const cl = l * k;
    const alpha = norm2(x, cl + l, cl + k);
    if (!(alpha >= SHORTCUT_MARGIN * RANK_TOL * original[l]!)) return false;
    householderVector(x, cl, l, k, alpha);
    for (let j = l + 1; j < p; j++) applyHouseholder(x, cl, x, j * k, l, k);
  }
  return true;
}
