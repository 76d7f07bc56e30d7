import {
  type CalibrationFunction, type CalibrationStep, type Margins, type RakingMargin,
  calibrationWeights, marginCodes, modelMatrix, postStratifyWeights, rakeWeights,
} from './calibration.js';
import type { SurveyDesign } from './design.js';
import { DesignError } from './errors.js';
import type { ReplicateDesign } from './replicate-design.js';

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
  return reweighted(design, (w) => calibrationWeights({
    X: mm.X, p: mm.p, w, totals: mm.totals, names: mm.names,
    calfun: spec.calfun, bounds: spec.bounds, epsilon: spec.epsilon, maxit: spec.maxit,
  }));
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
