import { applyCalibrationResiduals } from './calibration.js';
import type { Stage, SurveyDesign } from './design.js';
import { DesignError } from './errors.js';

/** Of some rows: how many have a non-zero weight, the sum of their weights (in row order) and their design df. */
export interface RowsSummary {
  readonly n: number;
  readonly N: number;
  /** Design degrees of freedom (R 4.5 `degf`, as `designDf`). */
  readonly df: number;
}

/** The rows of a domain as the variance estimator uses them, gathered once and shared by every statistic on the domain. */
export interface DomainRows extends RowsSummary {
  /** Rows of the domain, ascending. */
  readonly rows: Int32Array;
  /** Weight of each row. */
  readonly w: Float64Array;
  /** Unit of each row at the finest variance stage, and the domain's row count in each such unit. */
  readonly unit: Int32Array;
  readonly unitCounts: Int32Array;
}

/** Gathers the weights and finest-stage units of the rows, then completes the domain (`domainFrom`). */
export function domainRows(design: SurveyDesign, rows: Int32Array): DomainRows {
  const weights = design.weights;
  const unitOfRow = design.stages[design.stages.length - 1]!.unitOfRow;
  const w = new Float64Array(rows.length);
  const unit = new Int32Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    w[j] = weights[r]!;
    unit[j] = unitOfRow[r]!;
  }
  return domainFrom(design, rows, w, unit);
}

/** A domain from its rows' weights and finest-stage units, already gathered: adds the row counts per unit and the summary. */
export function domainFrom(design: SurveyDesign, rows: Int32Array, w: Float64Array, unit: Int32Array): DomainRows {
  const fin = design.stages[design.stages.length - 1]!;
  const unitCounts = new Int32Array(fin.nUnits);
  const weighted = new Uint8Array(fin.nUnits);
  let n = 0;
  let N = 0;
  for (let j = 0; j < unit.length; j++) {
    const u = unit[j]!;
    unitCounts[u]!++;
    N += w[j]!;
    if (w[j] !== 0) {
      n++;
      weighted[u] = 1;
    }
  }
  return { rows, w, unit, unitCounts, n, N, df: dfOfWeightedUnits(design, weighted) };
}

/**
 * Taylor-linearisation covariance of K weighted score totals over the rows of a (sub)design:
 * R survey 4.5 `svyrecvar` (Bellhouse 1985 recursive multistage estimator, lonely-PSU rules as `onestage`/`onestrat`).
 * `rows` lists the rows of the domain (the design's strata and PSU counts are kept, as R's `subset()`),
 * `z` holds their scores row-major (`z[j*K + k]` for `rows[j]`). Returns the K x K matrix, row-major.
 */
export function scoreCovariance(
  design: SurveyDesign,
  rows: Int32Array,
  z: Float64Array,
  K: number,
  warnings?: Set<string>,
): Float64Array {
  if (design.calibration?.length) return calibratedCovariance(design, rows, z, K, warnings);
  const fin = design.stages[design.stages.length - 1]!;
  const t = new Float64Array(fin.nUnits * K);
  const c = new Int32Array(fin.nUnits);
  for (let j = 0; j < rows.length; j++) {
    const u = fin.unitOfRow[rows[j]!]!;
    c[u]!++;
    for (let k = 0; k < K; k++) t[u * K + k]! += z[j * K + k]!;
  }
  return unitTotalCovariance(design, t, c, K, warnings);
}

/**
 * `scoreCovariance` of a domain's unweighted scores u (`u[j*K + k]` for `domain.rows[j]`), weighted here by the domain's
 * weights; also returns the domain totals of the weighted scores, sum_j w_j u_jk in row order (for the design effect).
 */
export function domainScoreCovariance(
  design: SurveyDesign,
  domain: DomainRows,
  u: Float64Array,
  K: number,
  warnings?: Set<string>,
): { V: Float64Array; totals: Float64Array } {
  const { w, unit } = domain;
  if (design.calibration?.length) {
    const z = new Float64Array(u.length);
    const totals = new Float64Array(K);
    for (let j = 0; j < w.length; j++) {
      for (let k = 0; k < K; k++) {
        z[j * K + k] = w[j]! * u[j * K + k]!;
        totals[k]! += z[j * K + k]!;
      }
    }
    return { V: calibratedCovariance(design, domain.rows, z, K, warnings), totals };
  }
  const m = unit.length;
  const t = new Float64Array(design.stages[design.stages.length - 1]!.nUnits * K);
  const totals = new Float64Array(K);
  // Rows of a unit usually come in runs; a run is summed in a local variable, row by row (the same sums, faster).
  for (let begin = 0, end = 0; begin < m; begin = end) {
    const v = unit[begin]!;
    while (end < m && unit[end] === v) end++;
    for (let k = 0; k < K; k++) {
      let s = t[v * K + k]!;
      let all = totals[k]!;
      for (let j = begin; j < end; j++) {
        const z = w[j]! * u[j * K + k]!;
        s += z;
        all += z;
      }
      t[v * K + k] = s;
      totals[k] = all;
    }
  }
  return { V: unitTotalCovariance(design, t, domain.unitCounts, K, warnings), totals };
}

/**
 * Covariance after calibration: the domain's weighted scores are spread over all design rows (zero outside the domain,
 * as R keeps a calibrated design's rows with weight 0 in a subset), replaced by their calibration residuals
 * (`applyCalibrationResiduals`, R `svyrecvar` with `postStrata`), then taken through the multistage estimator.
 */
function calibratedCovariance(design: SurveyDesign, rows: Int32Array, z: Float64Array, K: number, warnings?: Set<string>): Float64Array {
  const full = new Float64Array(design.n * K);
  for (let j = 0; j < rows.length; j++) for (let k = 0; k < K; k++) full[rows[j]! * K + k] = z[j * K + k]!;
  applyCalibrationResiduals(design.calibration!, full, K);
  const all = Int32Array.from({ length: design.n }, (_, i) => i);
  return scoreCovariance({ ...design, calibration: undefined }, all, full, K, warnings);
}

/** The covariance from the score totals and domain row counts of the finest-stage units. */
function unitTotalCovariance(
  design: SurveyDesign,
  finestTotals: Float64Array,
  finestCounts: Int32Array,
  K: number,
  warnings: Set<string> | undefined,
): Float64Array {
  const stages = design.stages;
  const S = stages.length;
  // Unit totals and domain row counts, finest stage first, then summed up the hierarchy.
  const totals: Float64Array[] = new Array(S);
  const counts: Int32Array[] = new Array(S);
  totals[S - 1] = finestTotals;
  counts[S - 1] = finestCounts;
  for (let s = S - 1; s > 0; s--) {
    const parent = stages[s]!.stratumOfUnit; // a stage-s stratum is a stage-(s-1) unit
    const up = stages[s - 1]!;
    const t = new Float64Array(up.nUnits * K);
    const c = new Int32Array(up.nUnits);
    const tin = totals[s]!;
    const cin = counts[s]!;
    for (let u = 0; u < stages[s]!.nUnits; u++) {
      const p = parent[u]!;
      c[p]! += cin[u]!;
      for (let k = 0; k < K; k++) t[p * K + k]! += tin[u * K + k]!;
    }
    totals[s - 1] = t;
    counts[s - 1] = c;
  }

  const V = new Float64Array(K * K);
  // Stage 1: all strata form one call of onestage.
  const st1 = stages[0]!;
  addScaled(V, onestage(design, st1, 1, allStrata(st1), totals[0]!, counts[0]!, K, warnings), 1);
  // Later stages: each stratum is one enclosing unit, weighted by the product of sampling fractions above it.
  let mult = new Float64Array(st1.nStrata).fill(1);
  for (let s = 1; s < S; s++) {
    const st = stages[s]!;
    const up = stages[s - 1]!;
    const next = new Float64Array(st.nStrata);
    for (let h = 0; h < st.nStrata; h++) {
      const g = up.stratumOfUnit[h]!; // stratum (at stage s-1) of the enclosing unit
      const N = up.population[g]!;
      next[h] = Number.isFinite(N) ? mult[g]! * (up.sampled[g]! / N) : 0;
    }
    mult = next;
    for (let h = 0; h < st.nStrata; h++) {
      if (mult[h] === 0 || counts[s - 1]![h] === 0) continue;
      addScaled(V, onestage(design, st, s + 1, [h], totals[s]!, counts[s]!, K, warnings), mult[h]!);
    }
  }
  // As R's C++ path: take |diagonal| and zero a row/column whose variance is below 1e-16 (rounding noise).
  for (let a = 0; a < K; a++) {
    V[a * K + a] = Math.abs(V[a * K + a]!);
    if (V[a * K + a]! < 1e-16) {
      for (let b = 0; b < K; b++) {
        V[a * K + b] = 0;
        V[b * K + a] = 0;
      }
    }
  }
  return V;
}

function allStrata(st: Stage): number[] {
  return Array.from({ length: st.nStrata }, (_, h) => h);
}

function addScaled(target: Float64Array, src: Float64Array, scale: number): void {
  for (let i = 0; i < target.length; i++) target[i]! += scale * src[i]!;
}

/** One stage of R's `onestage()`/`onestrat()`: F2 with fpc and the lonely-PSU rules (spec survey.md F11, F11b). */
function onestage(
  design: SurveyDesign,
  st: Stage,
  stageNumber: number,
  strata: readonly number[],
  unitTotals: Float64Array,
  unitCounts: Int32Array,
  K: number,
  warnings: Set<string> | undefined,
): Float64Array {
  const rule = design.lonelyPsu;
  const present: number[] = [];
  const observed: number[] = [];
  for (const h of strata) {
    let rows = 0;
    let obs = 0;
    for (let p = st.stratumStart[h]!; p < st.stratumStart[h + 1]!; p++) {
      const c = unitCounts[st.unitsByStratum[p]!]!;
      rows += c;
      if (c > 0) obs++;
    }
    if (rows > 0) {
      present.push(h);
      observed.push(obs);
    }
  }
  const V = new Float64Array(K * K);
  if (present.length === 0) return V;

  // `adjust` centres lonely strata at the grand mean PSU total over the strata present (survey 4.5 `recentering`).
  const grand = new Float64Array(K);
  if (rule === 'adjust') {
    let nAll = 0;
    for (const h of present) {
      nAll += st.sampled[h]!;
      for (let p = st.stratumStart[h]!; p < st.stratumStart[h + 1]!; p++) {
        const u = st.unitsByStratum[p]!;
        for (let k = 0; k < K; k++) grand[k]! += unitTotals[u * K + k]!;
      }
    }
    for (let k = 0; k < K; k++) grand[k]! /= nAll;
  }

  let ok = 0;
  const centre = new Float64Array(K);
  for (let idx = 0; idx < present.length; idx++) {
    const h = present[idx]!;
    const nh = st.sampled[h]!;
    const Nh = st.population[h]!;
    const oneMinusF = Number.isFinite(Nh) ? (Nh - nh) / Nh : 1;
    if (oneMinusF < 1e-7) {
      ok++; // self-representing (certainty) stratum: no variance at this stage
      continue;
    }
    const nsub = observed[idx]!;
    const label = st.stratumLabels[h]!;
    if (nh === 1) {
      if (rule === 'fail') {
        throw new DesignError(
          `Stratum (${label}) has only one PSU at stage ${stageNumber}: choose a lonely-PSU rule (--lonely-psu remove|adjust|average|certainty)`,
        );
      }
      if (rule === 'average') continue;
    } else if (nsub === 1 && design.adjustDomainLonely) {
      warnings?.add(`Stratum (${label}) has only one PSU at stage ${stageNumber} in this domain`);
      if (rule === 'average') continue;
    }
    const [from, to] = [st.stratumStart[h]!, st.stratumStart[h + 1]!];
    const useGrand = rule === 'adjust' && nsub === 1 && (nh === 1 || design.adjustDomainLonely);
    if (useGrand) centre.set(grand);
    else {
      centre.fill(0);
      for (let p = from; p < to; p++) {
        const u = st.unitsByStratum[p]!;
        for (let k = 0; k < K; k++) centre[k]! += unitTotals[u * K + k]!;
      }
      for (let k = 0; k < K; k++) centre[k]! /= nh;
    }
    const scale = nh > 1 ? (oneMinusF * nh) / (nh - 1) : oneMinusF;
    // V[a, b] += scale (t_ua - centre_a)(t_ub - centre_b) over the stratum's units, each sum in a local variable.
    for (let a = 0; a < K; a++) {
      for (let b = 0; b < K; b++) {
        let v = V[a * K + b]!;
        for (let p = from; p < to; p++) {
          const u = st.unitsByStratum[p]!;
          v += (unitTotals[u * K + a]! - centre[a]!) * scale * (unitTotals[u * K + b]! - centre[b]!);
        }
        V[a * K + b] = v;
      }
    }
    ok++;
  }
  const factor = present.length / ok; // `average`: scale up for the strata left out (R: nstrat/nokstrat)
  if (factor !== 1) for (let i = 0; i < V.length; i++) V[i]! *= factor;
  return V;
}

/** Design degrees of freedom of the rows given: PSUs minus strata among rows with non-zero weight (R 4.5 `degf`). */
export function designDf(design: SurveyDesign, rows: Int32Array): number {
  return rowsSummary(design, rows).df;
}

/** n, N and design df of the rows given, in one pass. */
export function rowsSummary(design: SurveyDesign, rows: Int32Array): RowsSummary {
  const fin = design.stages[design.stages.length - 1]!;
  const weighted = new Uint8Array(fin.nUnits);
  let n = 0;
  let N = 0;
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    const w = design.weights[r]!;
    N += w;
    if (w !== 0) {
      n++;
      weighted[fin.unitOfRow[r]!] = 1;
    }
  }
  return { n, N, df: dfOfWeightedUnits(design, weighted) };
}

/** Design df from the finest-stage units holding a row of non-zero weight: marked up to the stage-1 PSUs, PSUs minus strata. */
function dfOfWeightedUnits(design: SurveyDesign, weighted: Uint8Array): number {
  const stages = design.stages;
  let marked = weighted;
  for (let s = stages.length - 1; s > 0; s--) {
    const parent = stages[s]!.stratumOfUnit; // a stage-s stratum is a stage-(s-1) unit
    const up = new Uint8Array(stages[s - 1]!.nUnits);
    for (let u = 0; u < marked.length; u++) if (marked[u]) up[parent[u]!] = 1;
    marked = up;
  }
  return psusMinusStrata(stages[0]!, marked);
}

/** PSUs flagged minus the strata they lie in (stage-1 PSUs nest in strata). */
function psusMinusStrata(st: Stage, flagged: Uint8Array): number {
  const seenStratum = new Uint8Array(st.nStrata);
  let df = 0;
  for (let u = 0; u < st.nUnits; u++) {
    if (!flagged[u]) continue;
    df++;
    const h = st.stratumOfUnit[u]!;
    if (!seenStratum[h]) {
      seenStratum[h] = 1;
      df--;
    }
  }
  return df;
}
