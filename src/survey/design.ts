import { type SurveyData, type Vector, labelAt } from './data.js';
import type { CalibrationStep } from './calibration.js';
import { DesignError, describeRows } from './errors.js';

/** What to do with a stratum that has a single PSU (R survey option `survey.lonely.psu`). */
export type LonelyPsu = 'fail' | 'remove' | 'adjust' | 'average' | 'certainty';
export const LONELY_PSU_RULES: readonly LonelyPsu[] = ['fail', 'remove', 'adjust', 'average', 'certainty'];

/** A sample design, named by columns, as R's `svydesign(ids, strata, weights, fpc, nest)`. */
export interface DesignSpec {
  /** Sampling weight column; without it weights come from the fpc (as R), or are 1. */
  readonly weight?: string;
  /** First-stage strata column. */
  readonly strata?: string;
  /** Cluster id column per stage; none means every row is its own PSU (`ids = ~1`). */
  readonly psu?: readonly string[];
  /** Finite population correction per stage: population count (all >= 1) or sampling fraction (all <= 1). */
  readonly fpc?: readonly string[];
  /** PSU ids are unique only within strata. */
  readonly nest?: boolean;
  /** Lonely-PSU rule; default `fail`, as R. */
  readonly lonelyPsu?: LonelyPsu;
  /** Apply the lonely-PSU rule to strata that have one PSU only inside a domain (`survey.adjust.domain.lonely`). */
  readonly adjustDomainLonely?: boolean;
  /** First-stage (with-replacement, ultimate cluster) variance only (`survey.ultimate.cluster`). */
  readonly ultimateCluster?: boolean;
}

/** One sampling stage: strata and units as dense codes per row, with design sample and population counts. */
export interface Stage {
  readonly stratumOfRow: Int32Array;
  readonly unitOfRow: Int32Array;
  readonly nStrata: number;
  readonly nUnits: number;
  readonly stratumLabels: readonly string[];
  /** Stratum of each unit. */
  readonly stratumOfUnit: Int32Array;
  /** Units of each stratum, CSR-style: units `unitsByStratum[start[h]..start[h+1])`. */
  readonly stratumStart: Int32Array;
  readonly unitsByStratum: Int32Array;
  /** Enclosing unit of the previous stage for each stratum (-1 at stage 1). */
  readonly parentOfStratum: Int32Array;
  /** n_h: units sampled in the stratum (design count, kept for domains). */
  readonly sampled: Int32Array;
  /** N_h: population units in the stratum; Infinity means sampled with replacement. */
  readonly population: Float64Array;
}

/** A survey design held on typed arrays: everything Taylor linearisation needs (cf. R `survey.design2`). */
export interface SurveyDesign {
  readonly kind: 'taylor';
  readonly data: SurveyData;
  readonly n: number;
  readonly weights: Float64Array;
  /** Stages used for variance (the recursion stops at a with-replacement stage, or after stage 1 for ultimate cluster). */
  readonly stages: readonly Stage[];
  readonly hasStrata: boolean;
  readonly lonelyPsu: LonelyPsu;
  readonly adjustDomainLonely: boolean;
  readonly spec: DesignSpec;
  /** Weighting steps (post-stratification, raking, calibration) whose residuals the variance uses, in order. */
  readonly calibration?: readonly CalibrationStep[];
  /** Warnings from building or reweighting the design (reported with every estimate). */
  readonly warnings?: readonly string[];
}

function requireColumn(data: SurveyData, name: string, role: string): Vector {
  try {
    return data.column(name);
  } catch (e) {
    throw new DesignError(`${role} column "${name}": ${(e as Error).message}`);
  }
}

function missingRows(v: Vector, n: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (labelAt(v, i) === null) rows.push(i);
  return rows;
}

/** Dense codes 0..k-1 for arbitrary numeric keys, in first-seen order. */
function densify(keys: ArrayLike<number>): { codes: Int32Array; count: number; firstRow: number[] } {
  const codes = new Int32Array(keys.length);
  const seen = new Map<number, number>();
  const firstRow: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    let c = seen.get(k);
    if (c === undefined) {
      c = seen.size;
      seen.set(k, c);
      firstRow.push(i);
    }
    codes[i] = c;
  }
  return { codes, count: seen.size, firstRow };
}

/** Raw per-row keys of an id column (category code or numeric value). */
function idKeys(v: Vector): ArrayLike<number> {
  return v.kind === 'category' ? v.codes : v.values;
}

/** Dense codes of the interaction of two coded variables. */
function interact(a: Int32Array, b: Int32Array, nb: number): { codes: Int32Array; count: number; firstRow: number[] } {
  const keys = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) keys[i] = a[i]! * nb + b[i]!;
  return densify(keys);
}

function checkNumeric(v: Vector, name: string, role: string): Float64Array {
  if (v.kind !== 'number') {
    throw new DesignError(`${role} column "${name}" must be numeric, found text values such as "${v.levels[0] ?? ''}"`);
  }
  return v.values;
}

/** Builds a design from a table and a spec, with the checks of R `svydesign` made into errors that name rows and values. */
export function svyDesign(data: SurveyData, spec: DesignSpec): SurveyDesign {
  const n = data.nrows;
  if (n === 0) throw new DesignError('the data have no rows');
  const lonelyPsu = spec.lonelyPsu ?? 'fail';
  if (!LONELY_PSU_RULES.includes(lonelyPsu)) {
    throw new DesignError(`lonely-PSU rule "${lonelyPsu}" is not one of ${LONELY_PSU_RULES.join(', ')}`);
  }
  const psuNames = spec.psu ?? [];
  const fpcNames = spec.fpc ?? [];
  const nStagesSpec = Math.max(1, psuNames.length);
  if (fpcNames.length > nStagesSpec) {
    throw new DesignError(`${fpcNames.length} fpc columns given for ${nStagesSpec} sampling stage(s): give at most one fpc per PSU stage`);
  }

  for (const [role, names] of [['strata', spec.strata ? [spec.strata] : []], ['PSU', psuNames], ['fpc', fpcNames]] as const) {
    for (const name of names) {
      const v = requireColumn(data, name, role);
      const miss = missingRows(v, n);
      if (miss.length > 0) throw new DesignError(`${role} column "${name}" has missing values at ${describeRows(miss)}`);
    }
  }

  // Stage-1 strata.
  let stratum1: Int32Array;
  let nStrata1: number;
  let strata1Labels: string[];
  if (spec.strata) {
    const v = data.column(spec.strata);
    const d = densify(idKeys(v));
    stratum1 = d.codes;
    nStrata1 = d.count;
    strata1Labels = d.firstRow.map((r) => labelAt(v, r)!);
  } else {
    stratum1 = new Int32Array(n);
    nStrata1 = 1;
    strata1Labels = ['1'];
  }

  // Units per stage: forced nested in earlier stages (and in strata with nest), as R.
  const unitCodes: { codes: Int32Array; count: number; firstRow: number[] }[] = [];
  const unitLabelOf: ((row: number) => string)[] = [];
  if (psuNames.length === 0) {
    unitCodes.push({ codes: Int32Array.from({ length: n }, (_, i) => i), count: n, firstRow: Array.from({ length: n }, (_, i) => i) });
    unitLabelOf.push((r) => String(r + 1));
  } else {
    psuNames.forEach((name, s) => {
      const v = data.column(name);
      const raw = densify(idKeys(v));
      let d = raw;
      if (s > 0) d = interact(unitCodes[s - 1]!.codes, raw.codes, raw.count);
      else if (spec.nest && spec.strata) d = interact(stratum1, raw.codes, raw.count);
      unitCodes.push(d);
      unitLabelOf.push((r) => labelAt(v, r)!);
    });
  }
  if (unitCodes[0]!.count === 1 && !(spec.nest && spec.strata)) {
    throw new DesignError('the design has only one primary sampling unit');
  }
  if (spec.strata && !spec.nest) {
    const stratumOfPsu = new Int32Array(unitCodes[0]!.count).fill(-1);
    const rowOfPsu = new Int32Array(unitCodes[0]!.count);
    for (let i = 0; i < n; i++) {
      const u = unitCodes[0]!.codes[i]!;
      const h = stratumOfPsu[u]!;
      if (h < 0) {
        stratumOfPsu[u] = stratum1[i]!;
        rowOfPsu[u] = i;
      } else if (h !== stratum1[i]) {
        const first = rowOfPsu[u]!;
        throw new DesignError(
          `PSU "${unitLabelOf[0]!(i)}" (column "${psuNames[0]}") lies in stratum "${strata1Labels[h]}" at row ${first + 1} ` +
            `and in stratum "${strata1Labels[stratum1[i]!]}" at row ${i + 1}: PSU ids must be unique across strata, or use --nest`,
        );
      }
    }
  }

  // Strata per stage: stage 1 as given; stage s > 1 is the enclosing unit of stage s-1 (R forces substrata nested in clusters).
  const stages: Stage[] = [];
  let fpcKind: 'count' | 'fraction' | undefined;
  for (let s = 0; s < unitCodes.length; s++) {
    const units = unitCodes[s]!;
    const stratumOfRow = s === 0 ? stratum1 : unitCodes[s - 1]!.codes;
    const nStrata = s === 0 ? nStrata1 : unitCodes[s - 1]!.count;
    const stratumOfUnit = new Int32Array(units.count);
    for (let i = 0; i < n; i++) stratumOfUnit[units.codes[i]!] = stratumOfRow[i]!;
    const sampled = new Int32Array(nStrata);
    for (let u = 0; u < units.count; u++) sampled[stratumOfUnit[u]!]!++;
    const stratumStart = new Int32Array(nStrata + 1);
    for (let h = 0; h < nStrata; h++) stratumStart[h + 1] = stratumStart[h]! + sampled[h]!;
    const fill = stratumStart.slice(0, nStrata);
    const unitsByStratum = new Int32Array(units.count);
    for (let u = 0; u < units.count; u++) unitsByStratum[fill[stratumOfUnit[u]!]!++] = u;
    const parentOfStratum = new Int32Array(nStrata).fill(-1);
    if (s > 0) for (let h = 0; h < nStrata; h++) parentOfStratum[h] = h;

    const population = new Float64Array(nStrata).fill(Infinity);
    const fpcName = fpcNames[s];
    if (fpcName !== undefined) {
      const fpc = checkNumeric(data.column(fpcName), fpcName, 'fpc');
      const kind = fpc.some((x) => x > 1) ? 'count' : 'fraction';
      if (fpcKind !== undefined && kind !== fpcKind) {
        throw new DesignError(`fpc columns mix population counts and sampling fractions: give all as counts (>= 1) or all as fractions (<= 1)`);
      }
      fpcKind = kind;
      const seenRow = new Int32Array(nStrata).fill(-1);
      for (let i = 0; i < n; i++) {
        const h = stratumOfRow[i]!;
        const x = fpc[i]!;
        if (kind === 'count' && x < 1) {
          throw new DesignError(`fpc column "${fpcName}" row ${i + 1}: value ${x} is below 1 while other rows give population counts; give all as counts or all as fractions`);
        }
        if (!(x >= 0)) throw new DesignError(`fpc column "${fpcName}" row ${i + 1}: value ${x} is negative`);
        const N = kind === 'count' ? x : x === 0 ? Infinity : sampled[h]! / x;
        if (seenRow[h]! < 0) {
          seenRow[h] = i;
          population[h] = N;
        } else if (population[h] !== N) {
          throw new DesignError(
            `fpc column "${fpcName}" varies within a stage-${s + 1} stratum: ${fpc[seenRow[h]!]} at row ${seenRow[h]! + 1}, ${x} at row ${i + 1}`,
          );
        }
        if (N < sampled[h]!) {
          throw new DesignError(
            `fpc column "${fpcName}" row ${i + 1}: population ${kind === 'count' ? x : `${sampled[h]} / ${x} = ${N}`} is smaller than the ${sampled[h]} units sampled in its stage-${s + 1} stratum`,
          );
        }
      }
    }
    const stratumLabels = s === 0 ? strata1Labels : Array.from({ length: nStrata }, (_, h) => `${h + 1}`);
    stages.push({ stratumOfRow, unitOfRow: units.codes, nStrata, nUnits: units.count, stratumLabels, stratumOfUnit, stratumStart, unitsByStratum, parentOfStratum, sampled, population });
  }
  if (psuNames.length > 1) {
    // Stage-s strata are the stage s-1 units: label them by the enclosing PSU id path.
    for (let s = 1; s < stages.length; s++) {
      const labels = new Array<string>(stages[s]!.nStrata);
      const codes = unitCodes[s - 1]!;
      codes.firstRow.forEach((r, u) => (labels[u] = psuNames.slice(0, s).map((_, t) => unitLabelOf[t]!(r)).join('/')));
      (stages[s] as { stratumLabels: readonly string[] }).stratumLabels = labels;
    }
  }

  const weights = designWeights(data, spec, stages, fpcNames.length);
  // Variance recursion: stage s+1 contributes only below a without-replacement stage s (finite N), as R.
  let used = 1;
  if (!spec.ultimateCluster) {
    while (used < stages.length && stages[used - 1]!.population.some((N) => Number.isFinite(N))) used++;
  }
  return {
    kind: 'taylor',
    data,
    n,
    weights,
    stages: stages.slice(0, used),
    hasStrata: Boolean(spec.strata),
    lonelyPsu,
    adjustDomainLonely: spec.adjustDomainLonely ?? false,
    spec,
  };
}

/** Weights from the weight column, else the product of N/n over fpc stages (R `weights.survey_fpc`), else 1. */
function designWeights(data: SurveyData, spec: DesignSpec, stages: readonly Stage[], nFpc: number): Float64Array {
  const n = data.nrows;
  if (spec.weight) {
    const w = checkNumeric(requireColumn(data, spec.weight, 'weight'), spec.weight, 'weight');
    const bad: number[] = [];
    for (let i = 0; i < n; i++) if (!(w[i]! >= 0) || !Number.isFinite(w[i]!)) bad.push(i);
    if (bad.length > 0) {
      const r = bad[0]!;
      throw new DesignError(
        `weight column "${spec.weight}" has ${bad.length} missing, negative or non-finite value(s) at ${describeRows(bad)} (row ${r + 1}: ${w[r]}): weights must be finite and >= 0`,
      );
    }
    return Float64Array.from(w);
  }
  const w = new Float64Array(n).fill(1);
  if (nFpc > 0) {
    if (nFpc < stages.length || stages.some((st) => st.population.some((N) => !Number.isFinite(N)))) {
      throw new DesignError('no weight column, and the fpc does not give a finite population at every stage: give --weight, or an fpc for every stage');
    }
    for (let s = 0; s < nFpc; s++) {
      const st = stages[s]!;
      for (let i = 0; i < n; i++) {
        const h = st.stratumOfRow[i]!;
        w[i]! *= st.population[h]! / st.sampled[h]!;
      }
    }
  }
  return w;
}
