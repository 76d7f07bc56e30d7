/**
 * Coverage of the Atlantis LFS design (issue 5): 1000 seeded samples of one generated population, each drawn,
 * nonresponse-adjusted and calibrated as the shipped rounds are, with Taylor-linearised standard errors (strata,
 * areas, households, first-stage fpc; calibration residuals). For the migrant labour force participation rate, the
 * migrant unemployment rate and the migrant share of the labour force (domain proportions, logit intervals as R
 * `svyciprop`): the 95% intervals cover the truth at 95% +/- 3 sqrt(0.95 x 0.05 / R), and the mean estimated variance
 * over the empirical variance of the estimates is within [0.85, 1.15].
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERSONS, DEFAULT_SEED, generateWorld } from '../../datasets/atlantis/build.js';
import { derive } from '../../datasets/atlantis/headline.js';
import { selectAreas, selectRound } from '../../datasets/atlantis/sample.js';
import { personTable, populationSource, respondingPersons, withColumns } from '../../datasets/atlantis/tables.js';
import { populationAbsent } from '../../datasets/atlantis/truth.js';
import { populationMargins, weightRound } from '../../datasets/atlantis/weights.js';
import { estimate } from '../../src/survey/estimate.js';

const R = 1000;

describe('coverage over repeated samples of one population', () => {
  it(`${R} samples: 95% intervals of migrant LFPR, UR and share of the labour force; variance ratio`, () => {
    const { pop, quarters } = generateWorld(DEFAULT_PERSONS, DEFAULT_SEED);
    const q = quarters[0]!;
    const d = derive(populationSource(pop, q), populationAbsent(pop));
    const margins = populationMargins(pop).margins;
    const mig = d.migrant_birth!;
    const times = (x: Float64Array): Float64Array => Float64Array.from(x, (v, i) => v * mig[i]!);
    const vars = { lf_m: times(d.lf!), wap_m: times(d.wap!), une_m: times(d.unemployed!), lf: d.lf! };
    const total = (x: Float64Array): number => x.reduce((a, b) => a + b, 0);
    // [indicator, numerator, domain]: a proportion of numerator = 1 within domain = 1
    const indicators = [['migrant LFPR', 'lf_m', 'wap_m'], ['migrant UR', 'une_m', 'lf_m'], ['migrant share of LF', 'lf_m', 'lf']] as const;
    const truth = indicators.map(([, num, dom]) => total(vars[num]) / total(vars[dom]));
    const est = indicators.map(() => new Float64Array(R));
    const variance = indicators.map(() => new Float64Array(R));
    const covered = indicators.map(() => 0);
    for (let r = 0; r < R; r++) {
      const seed = 100_000 + r;
      const round = selectRound(pop, selectAreas(pop, seed), q.quarter, seed);
      const w = weightRound(pop, round, personTable(pop, q, round), { margins });
      const { persons } = respondingPersons(pop, round);
      const cols = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, { values: Float64Array.from(persons, (i) => v[i]!), label: k }]));
      const design = { ...w.design, data: withColumns(w.design.data as Parameters<typeof withColumns>[0], cols) };
      indicators.forEach(([, num, dom], k) => {
        const [row] = estimate(design, [{ statistic: 'proportion', variable: num, value: '1' }], {
          where: [{ column: dom, op: '=', value: '1' }], categorical: [num], ciMethod: 'logit',
        }).results;
        est[k]![r] = row!.estimate;
        variance[k]![r] = row!.se ** 2;
        if (row!.ci_low <= truth[k]! && truth[k]! <= row!.ci_high) covered[k]!++;
      });
    }
    const band = 3 * Math.sqrt((0.95 * 0.05) / R);
    indicators.forEach(([name], k) => {
      const mean = est[k]!.reduce((a, b) => a + b, 0) / R;
      const empirical = est[k]!.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1);
      const ratio = variance[k]!.reduce((a, b) => a + b, 0) / R / empirical;
      const coverage = covered[k]! / R;
      expect(Math.abs(coverage - 0.95), `${name}: coverage ${coverage}`).toBeLessThanOrEqual(band);
      expect(ratio, `${name}: mean estimated variance / empirical variance`).toBeGreaterThanOrEqual(0.85);
      expect(ratio, `${name}: mean estimated variance / empirical variance`).toBeLessThanOrEqual(1.15);
      // and no bias beyond simulation error
      expect(Math.abs(mean - truth[k]!) / Math.sqrt(empirical / R), `${name}: bias z`).toBeLessThan(3.5);
    });
  }, 600_000);
});
