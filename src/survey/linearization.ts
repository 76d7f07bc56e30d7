import type { Stage, SurveyDesign } from './design.js';
import { DesignError } from './errors.js';

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
  const stages = design.stages;
  const S = stages.length;
  // Unit totals and domain row counts, finest stage first, then summed up the hierarchy.
  const totals: Float64Array[] = new Array(S);
  const counts: Int32Array[] = new Array(S);
  const fin = stages[S - 1]!;
  totals[S - 1] = new Float64Array(fin.nUnits * K);
  counts[S - 1] = new Int32Array(fin.nUnits);
  {
    const t = totals[S - 1]!;
    const c = counts[S - 1]!;
    const unit = fin.unitOfRow;
    for (let j = 0; j < rows.length; j++) {
      const u = unit[rows[j]!]!;
      c[u]!++;
      for (let k = 0; k < K; k++) t[u * K + k]! += z[j * K + k]!;
    }
  }
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
  const d = new Float64Array(K);
  present.forEach((h, idx) => {
    const nh = st.sampled[h]!;
    const Nh = st.population[h]!;
    const oneMinusF = Number.isFinite(Nh) ? (Nh - nh) / Nh : 1;
    if (oneMinusF < 1e-7) {
      ok++; // self-representing (certainty) stratum: no variance at this stage
      return;
    }
    const nsub = observed[idx]!;
    const label = st.stratumLabels[h]!;
    if (nh === 1) {
      if (rule === 'fail') {
        throw new DesignError(
          `Stratum (${label}) has only one PSU at stage ${stageNumber}: choose a lonely-PSU rule (--lonely-psu remove|adjust|average|certainty)`,
        );
      }
      if (rule === 'average') return;
    } else if (nsub === 1 && design.adjustDomainLonely) {
      warnings?.add(`Stratum (${label}) has only one PSU at stage ${stageNumber} in this domain`);
      if (rule === 'average') return;
    }
    const useGrand = rule === 'adjust' && nsub === 1 && (nh === 1 || design.adjustDomainLonely);
    if (useGrand) centre.set(grand);
    else {
      centre.fill(0);
      for (let p = st.stratumStart[h]!; p < st.stratumStart[h + 1]!; p++) {
        const u = st.unitsByStratum[p]!;
        for (let k = 0; k < K; k++) centre[k]! += unitTotals[u * K + k]!;
      }
      for (let k = 0; k < K; k++) centre[k]! /= nh;
    }
    const scale = nh > 1 ? (oneMinusF * nh) / (nh - 1) : oneMinusF;
    for (let p = st.stratumStart[h]!; p < st.stratumStart[h + 1]!; p++) {
      const u = st.unitsByStratum[p]!;
      for (let k = 0; k < K; k++) d[k] = unitTotals[u * K + k]! - centre[k]!;
      for (let a = 0; a < K; a++) {
        const da = d[a]! * scale;
        for (let b = 0; b < K; b++) V[a * K + b]! += da * d[b]!;
      }
    }
    ok++;
  });
  const factor = present.length / ok; // `average`: scale up for the strata left out (R: nstrat/nokstrat)
  if (factor !== 1) for (let i = 0; i < V.length; i++) V[i]! *= factor;
  return V;
}

/** Design degrees of freedom of the rows given: PSUs minus strata among rows with non-zero weight (R 4.5 `degf`). */
export function designDf(design: SurveyDesign, rows: Int32Array): number {
  const st = design.stages[0]!;
  const seenUnit = new Uint8Array(st.nUnits);
  const seenStratum = new Uint8Array(st.nStrata);
  let units = 0;
  let strata = 0;
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j]!;
    if (design.weights[r] === 0) continue;
    const u = st.unitOfRow[r]!;
    if (!seenUnit[u]) {
      seenUnit[u] = 1;
      units++;
    }
    const h = st.stratumOfRow[r]!;
    if (!seenStratum[h]) {
      seenStratum[h] = 1;
      strata++;
    }
  }
  return units - strata;
}
