/** Nonresponse adjustment, integrated household weighting, weight diagnostics (spec survey.md section 4) and trimming (R trimWeights). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv.js';
import { svyDesign } from '../../src/survey/design.js';
import { applyCalibrationResiduals, modelMatrix, parseMargins } from '../../src/survey/calibration.js';
import { DesignError } from '../../src/survey/errors.js';
import { scoreCovariance } from '../../src/survey/linearization.js';
import { estimate } from '../../src/survey/estimate.js';
import { calibrate } from '../../src/survey/reweight.js';
import { asReplicateDesign } from '../../src/survey/replicate-design.js';
import { householdAverage, householdWeights, nonresponseAdjustment, trimWeights, weightDiagnostics } from '../../src/survey/weighting.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function near(label: string, a: number, g: number, rel = 1e-9): void {
  expect(Math.abs(a - g) <= rel * Math.abs(g), `${label}: migstat ${a}, reference ${g} (relative error ${Math.abs(a - g) / Math.abs(g)})`).toBe(true);
}
/** Within half a unit of the last printed digit. */
function nearPrinted(label: string, a: number, printed: number, decimals: number): void {
  expect(Math.abs(a - printed) <= 0.5 * 10 ** -decimals, `${label}: migstat ${a}, spec ${printed}`).toBe(true);
}
const uniqueSorted = (w: Float64Array): number[] => [...new Set(w)].sort((a, b) => a - b);

const apiclus1 = readCsv(`${root}datasets/api/apiclus1.csv`);
const dclus1 = svyDesign(apiclus1, { psu: ['dnum'], weight: 'pw', fpc: ['fpc'] });
const dstrat = svyDesign(readCsv(`${root}datasets/api/apistrat.csv`), { strata: 'stype', weight: 'pw', fpc: ['fpc'] });
const dclus2 = svyDesign(readCsv(`${root}datasets/api/apiclus2.csv`), { psu: ['dnum', 'snum'], fpc: ['fpc1', 'fpc2'] });

describe('weightDiagnostics (spec survey.md section 4)', () => {
  it('apistrat: deff_w 1.18637, n_eff 168.58 of 200', () => {
    const d = weightDiagnostics(dstrat.weights);
    expect(d.n).toBe(200);
    nearPrinted('deff_w', d.deffW, 1.18637, 5);
    nearPrinted('n_eff', d.nEff, 168.58, 2);
    near('deff_w = 1 + cv^2', d.deffW, 1 + d.cv * d.cv, 1e-12);
    near('n_eff = n / deff_w', d.nEff, d.n / d.deffW, 1e-12);
  });

  it('apiclus2 (dclus2 weights): deff_w 2.81403, n_eff 44.78 of 126; summary as R 4.1-1', () => {
    const d = weightDiagnostics(dclus2.weights);
    expect(d.n).toBe(126);
    nearPrinted('deff_w', d.deffW, 2.81403, 5);
    nearPrinted('n_eff', d.nEff, 44.78, 2);
    // R: summary(weights(dclus2)) = 18.925, 18.925, 18.925, 40.70376984127, 26.495, 272.52.
    near('min', d.min, 18.925, 1e-12);
    near('1st Qu.', d.q1, 18.925, 1e-12);
    near('median', d.median, 18.925, 1e-12);
    near('mean', d.mean, 40.70376984127, 1e-11);
    near('3rd Qu.', d.q3, 26.495, 1e-12);
    near('max', d.max, 272.52, 1e-12);
  });

  it('apiclus1 (equal weights): deff_w 1', () => {
    const d = weightDiagnostics(dclus1.weights);
    near('deff_w', d.deffW, 1, 1e-12);
    near('n_eff', d.nEff, 183, 1e-12);
    expect(d.cv).toBeLessThan(1e-12);
  });

  it('rejects negative or missing weights naming the rows', () => {
    expect(() => weightDiagnostics(Float64Array.from([1, -2, NaN]))).toThrow(/2 are not, at rows 2, 3/);
    expect(() => weightDiagnostics(new Float64Array(0))).toThrow(DesignError);
  });
});

describe('trimWeights (R trimWeights.survey.design2)', () => {
  it('dstrat to [20, 40]: cut amount shared equally among untrimmed units, sum kept (R 4.1-1: 20, 23.8799991608, 40)', () => {
    const r = trimWeights(dstrat.weights, { lower: 20, upper: 40 });
    const u = uniqueSorted(r.weights);
    expect(u.length).toBe(3);
    near('lower', u[0]!, 20, 0);
    near('middle', u[1]!, 23.879999160800001, 1e-10);
    near('upper', u[2]!, 40, 0);
    near('sum', r.weights.reduce((a, b) => a + b, 0), 6193.9999580383346, 1e-12);
    expect(r.count).toBe(150);
    expect(r.warnings).toEqual([]);
  });

  it('dclus2 to [10, 60]: one pass leaves weights above 60; strict iterates (R 4.1-1 values)', () => {
    const once = uniqueSorted(trimWeights(dclus2.weights, { lower: 10, upper: 60 }).weights);
    const rOnce = [34.004279279279288, 37.789279279279285, 41.574279279279281, 49.144279279279289, 56.714279279279289, 60, 68.069279279279286];
    expect(once.length).toBe(rOnce.length);
    once.forEach((x, i) => near(`non-strict ${i}`, x, rOnce[i]!, 1e-12));
    const strict = trimWeights(dclus2.weights, { lower: 10, upper: 60, strict: true });
    const rStrict = [34.384905660377356, 38.169905660377353, 41.954905660377349, 49.524905660377350, 57.094905660377350, 60];
    const u = uniqueSorted(strict.weights);
    expect(u.length).toBe(rStrict.length);
    u.forEach((x, i) => near(`strict ${i}`, x, rStrict[i]!, 1e-12));
    near('sum', strict.weights.reduce((a, b) => a + b, 0), 5128.675, 1e-12);
    const u45 = uniqueSorted(trimWeights(dclus2.weights, { upper: 45, strict: true }).weights);
    [38.48546511627908, 42.270465116279091, 45].forEach((x, i) => near(`strict 45 ${i}`, u45[i]!, x, 1e-12));
  });

  it('warns "trimming failed" when no unit can take the amount; no-op inside the bounds', () => {
    const r = trimWeights(Float64Array.from([50, 60, 70]), { upper: 40 });
    expect(r.warnings).toEqual(['trimming failed']);
    expect(Array.from(r.weights)).toEqual([40, 40, 40]);
    const same = trimWeights(dclus1.weights, { lower: 1, upper: 100 });
    expect(same.weights).toEqual(dclus1.weights);
    expect(same.count).toBe(0);
    expect(() => trimWeights(dclus1.weights, { lower: 5, upper: 1 })).toThrow(/lower bound 5 must not exceed upper bound 1/);
  });
});

describe('nonresponseAdjustment (weighting classes)', () => {
  const w = Float64Array.from([10, 20, 30, 40, 5, 5, 50]);
  const resp = Uint8Array.from([1, 0, 1, 1, 0, 1, 1]);
  const cls = Int32Array.from([0, 0, 0, 1, 1, 1, 2]);

  it('keeps class weight totals on respondents and zeroes nonrespondents', () => {
    const r = nonresponseAdjustment(w, resp, cls, ['A', 'B', 'C']);
    expect(Array.from(r.weights)).toEqual([15, 0, 45, 40 * (50 / 45), 0, 5 * (50 / 45), 50]);
    expect(r.classes.map((c) => [c.label, c.n, c.respondents, c.weightSum, c.respondentWeightSum])).toEqual([
      ['A', 3, 2, 60, 40],
      ['B', 3, 2, 50, 45],
      ['C', 1, 1, 50, 50],
    ]);
    near('factor A', r.classes[0]!.factor, 1.5, 0);
  });

  it('a class without respondents, or a row without class, is an error naming it', () => {
    expect(() => nonresponseAdjustment(w, Uint8Array.from([1, 0, 1, 0, 0, 0, 1]), cls, ['A', 'B', 'C'])).toThrow(/weighting class "B" has 3 row\(s\) and no respondents/);
    expect(() => nonresponseAdjustment(w, resp, Int32Array.from([0, 0, 0, 1, -1, 1, 2]))).toThrow(/weighting class is missing at row 5/);
    expect(() => nonresponseAdjustment(w, resp, Int32Array.from([0, 1]))).toThrow(/give one of each per row/);
  });
});

describe('integrated household weighting (Lemaitre-Dufour; R calibrate(aggregate.stage=))', () => {
  // Districts of apiclus1 play the households: R 4.1-1 `calibrate(dclus1, ~stype+api99, popt, aggregate.stage=1)`.
  const mm = modelMatrix(apiclus1, ['stype', 'api99'], parseMargins('variable,level,total\n(Intercept),,6194\nstype,H,755\nstype,M,1018\napi99,,3914069\n', 'popt.csv'));
  const households = dclus1.stages[0]!.unitOfRow;
  const y = (apiclus1.column('api00') as { values: Float64Array }).values;
  const rows = Int32Array.from({ length: dclus1.n }, (_, i) => i);
  function meanSe(w: Float64Array, step: Parameters<typeof applyCalibrationResiduals>[0][number]): [number, number] {
    const N = w.reduce((a, b) => a + b, 0);
    const ybar = w.reduce((a, wi, i) => a + wi * y[i]!, 0) / N;
    const z = Float64Array.from(w, (wi, i) => (wi * (y[i]! - ybar)) / N);
    applyCalibrationResiduals([step], z, 1);
    return [ybar, Math.sqrt(scoreCovariance(dclus1, rows, z, 1)[0]!)];
  }

  it('householdAverage replaces each row by its household mean', () => {
    const Xbar = householdAverage(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, Int32Array.from([0, 1, 0]));
    expect(Array.from(Xbar)).toEqual([3, 4, 3, 4, 3, 4]);
    expect(() => householdAverage(new Float64Array(4), 2, Int32Array.from([0, -1]))).toThrow(/household id is missing at row 2/);
  });

  for (const [calfun, range, mean, se] of [
    ['linear', [-7.5673457649283415, 95.750099624207223], 666.83245353194923, 4.0178835038809035],
    ['raking', [8.0404329601059743, 101.71223763992447], 665.95680294542115, 3.8826734571239725],
  ] as const) {
    it(`${calfun}: equal weights within households, person totals met, weights and mean api00 with SE as R 4.1-1`, () => {
      const r = householdWeights({ X: mm.X, p: mm.p, w: dclus1.weights, totals: mm.totals, calfun, names: mm.names, households });
      const byHousehold = new Map<number, number>();
      households.forEach((h, i) => {
        const first = byHousehold.get(h);
        if (first === undefined) byHousehold.set(h, r.weights[i]!);
        else near(`household ${h}`, r.weights[i]!, first, 1e-12);
      });
      for (let j = 0; j < mm.p; j++) {
        let t = 0;
        for (let i = 0; i < dclus1.n; i++) t += mm.X[i * mm.p + j]! * r.weights[i]!;
        near(`person total ${mm.names[j]}`, t, mm.totals[j]!, 1e-7);
      }
      near('min weight', Math.min(...r.weights), range[0], 1e-8);
      near('max weight', Math.max(...r.weights), range[1], 1e-8);
      const [m, s] = meanSe(r.weights, r.step);
      near('mean api00', m, mean, 1e-9);
      near('SE mean api00', s, se, 1e-8);
    });
  }

  it('calibrate(design, { aggregate }) is the same integrated weighting on a design, its replicates recalibrated likewise', () => {
    const margins = parseMargins('variable,level,total\n(Intercept),,6194\nstype,H,755\nstype,M,1018\napi99,,3914069\n', 'popt.csv');
    const d = calibrate(dclus1, { variables: ['stype', 'api99'], margins, calfun: 'raking', aggregate: 'dnum' });
    const [row] = estimate(d, [{ statistic: 'mean', variable: 'api00' }]).results;
    near('mean api00', row!.estimate, 665.95680294542115, 1e-9);
    near('SE mean api00', row!.se, 3.8826734571239725, 1e-8);
    const rep = calibrate(asReplicateDesign(dclus1, { type: 'bootstrap', replicates: 5, seed: 3 }), { variables: ['stype', 'api99'], margins, calfun: 'raking', aggregate: 'dnum' });
    if (rep.kind !== 'replicate') throw new Error('expected a replicate design');
    for (const w of rep.replicates) {
      households.forEach((h, i) => near(`replicate weight row ${i + 1}`, w[i]!, w[households.indexOf(h)]!, 1e-12));
      near('replicate person total', w.reduce((a, b) => a + b, 0), 6194, 1e-7);
    }
  });

  it('design weights that differ within a household are an error naming it', () => {
    const w = Float64Array.from(dclus1.weights);
    w[1] = w[1]! * 2;
    expect(() => householdWeights({ X: mm.X, p: mm.p, w, totals: mm.totals, names: mm.names, households, householdLabels: ['h1'] })).toThrow(
      /household "h1" has weight .* at row 1 and .* at row 2/,
    );
  });
});
