import {
  type CalibrationFunction, type CalibrationStep, type Margins, type RakingMargin,
  calibrationWeights, marginCodes, modelMatrix, postStratifyWeights, rakeWeights,
} from './calibration.js';
import type { SurveyData } from './data.js';
import type { SurveyDesign } from './design.js';
import { DesignError } from './errors.js';
import type { ReplicateDesign } from './replicate-design.js';
import { householdWeights } from './weighting.js';

type Design = SurveyDesign | ReplicateDesign;

/** Calibration to population totals, as R `calibrate(design, formula, population, calfun, bounds, epsilon, maxit)`. */
export interface CalibrateSpec {
  /** Calibration variables (`~v1 + v2`): categorical ones by level, numeric ones by their total. */
  readonly variables: readonly string[];
  readonly margins: Margins;
  readonly calfun?: CalibrationFunction;
  readonly bounds?: readonly [number, number];
  readonly epsilon?: number;
  readonly maxit?: number;
  /** A column (households) whose rows must share one calibrated weight: integrated weighting, R `calibrate(aggregate.index=~column)`. */
  readonly aggregate?: string;
}

/** Dense group codes of a column (numbers or categories); missing values get -1. */
function groupCodes(data: SurveyData, name: string): { codes: Int32Array; labels: string[] } {
  const v = data.column(name);
  if (v.kind === 'category') return { codes: v.codes, labels: [...v.levels] };
  const index = new Map<number, number>();
  const labels: string[] = [];
  const codes = new Int32Array(v.values.length);
  v.values.forEach((x, i) => {
    if (Number.isNaN(x)) {
      codes[i] = -1;
      return;
    }
    let c = index.get(x);
    if (c === undefined) {
      c = labels.length;
      index.set(x, c);
      labels.push(String(x));
    }
    codes[i] = c;
  });
  return { codes, labels };
}

/** A new design with the weights changed and, for a Taylor design, the step its variance must use; replicate designs redo the step on every replicate (as R). */
function reweighted(
  design: Design,
  apply: (w: Float64Array) => { weights: Float64Array; step: CalibrationStep; warnings?: readonly string[] },
): Design {
  const full = apply(design.weights);
  const warnings = [...(design.warnings ?? []), ...(full.warnings ?? [])];
  if (design.kind === 'taylor') return { ...design, weights: full.weights, calibration: [...(design.calibration ?? []), full.step], warnings };
  const replicates = design.replicates.map((w, r) => {
    let rep: ReturnType<typeof apply>;
    try {
      rep = apply(w);
    } catch (e) {
      throw new DesignError(`replicate ${r + 1} of ${design.replicates.length}: ${(e as Error).message}`);
    }
    for (const m of rep.warnings ?? []) warnings.push(`replicate ${r + 1}: ${m}`);
    return rep.weights;
  });
  return { ...design, weights: full.weights, replicates, warnings };
}

/** Calibrated weights w g, g = F(x'lambda) meeting the totals (R `calibrate`; Deville & Sarndal 1992); Taylor variance on GREG residuals (spec F12). */
export function calibrate(design: Design, spec: CalibrateSpec): Design {
  const mm = modelMatrix(design.data, spec.variables, spec.margins);
  const groups = spec.aggregate === undefined ? undefined : groupCodes(design.data, spec.aggregate);
  return reweighted(design, (w) => {
    const options = {
      X: mm.X, p: mm.p, w, totals: mm.totals, names: mm.names,
      calfun: spec.calfun, bounds: spec.bounds, epsilon: spec.epsilon, maxit: spec.maxit,
    };
    return groups ? householdWeights({ ...options, households: groups.codes, householdLabels: groups.labels }) : calibrationWeights(options);
  });
}

/** Post-stratification on one variable or crossed variables (`sex+agegroup`) to population counts (R `postStratify`). */
export function postStratify(design: Design, spec: { readonly variables: readonly string[]; readonly margins: Margins }): Design {
  const m = marginCodes(design.data, spec.variables.join('+'), spec.margins);
  return reweighted(design, (w) => postStratifyWeights(m.codes, w, m.totals, m));
}

/** Raking (iterative proportional fitting) to the margins of several variables (R `rake`, with its epsilon and maxit). */
export function rake(
  design: Design,
  spec: { readonly variables: readonly string[]; readonly margins: Margins; readonly epsilon?: number; readonly maxit?: number },
): Design {
  const margins: RakingMargin[] = spec.variables.map((v) => marginCodes(design.data, v, spec.margins));
  return reweighted(design, (w) => rakeWeights(margins, w, { epsilon: spec.epsilon, maxit: spec.maxit }));
}
