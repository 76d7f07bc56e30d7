import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv.js';
import { stratumWeightDeff } from '../../src/sampling/allocation.js';
import { allocationDeff, clusterDeff, designEffects, effectiveSize, rhoFromDeff } from '../../src/sampling/design-effects.js';
import { oversampling } from '../../src/sampling/oversampling.js';
import { svyDesign } from '../../src/survey/design.js';
import { estimate } from '../../src/survey/estimate.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const apistrat = readCsv(`${root}datasets/api/apistrat.csv`);
const dstrat = svyDesign(apistrat, { strata: 'stype', weight: 'pw', fpc: ['fpc'] });
const dclus2 = svyDesign(readCsv(`${root}datasets/api/apiclus2.csv`), { psu: ['dnum', 'snum'], fpc: ['fpc1', 'fpc2'] });

/** Within half a unit of the last printed digit. */
const printed = (a: number, p: number, decimals: number): void => {
  expect(Math.abs(a - p), `${a} vs ${p}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals);
};
const near = (a: number, b: number, rel = 1e-12): void => {
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));
};

describe('Kish effective sample size and weighting deff (spec survey.md section 4)', () => {
  it('apistrat: deff_w 1.18637, n_eff 168.58 of 200', () => {
    const e = effectiveSize(dstrat.weights);
    expect(e.n).toBe(200);
    printed(e.deff_w, 1.18637, 5);
    printed(e.n_eff, 168.58, 2);
  });

  it('apiclus2 (dclus2 weights): deff_w 2.81403, n_eff 44.78 of 126', () => {
    const e = effectiveSize(dclus2.weights);
    expect(e.n).toBe(126);
    printed(e.deff_w, 2.81403, 5);
    printed(e.n_eff, 44.78, 2);
  });

  it("Kish's allocation deff (sum W_h k_h)(sum W_h / k_h) of apistrat's strata equals 1 + CV^2 of its 200 weights", () => {
    // apistrat: population schools N_h by school type (its fpc column), sample n_h; W_h = N_h / N, k_h = N_h / n_h.
    const stype = apistrat.column('stype');
    const fpc = apistrat.column('fpc');
    if (stype.kind !== 'category' || fpc.kind !== 'number') throw new Error('apistrat columns');
    const pw = apistrat.column('pw');
    if (stype.kind !== 'category' || fpc.kind !== 'number' || pw.kind !== 'number') throw new Error('apistrat columns');
    const N = new Map<string, number>();
    const n = new Map<string, number>();
    const w = new Map<string, number>();
    for (let i = 0; i < apistrat.nrows; i++) {
      const s = stype.levels[stype.codes[i]!]!;
      N.set(s, fpc.values[i]!);
      w.set(s, pw.values[i]!);
      n.set(s, (n.get(s) ?? 0) + 1);
    }
    const types = [...N.keys()];
    const sizes = types.map((t) => N.get(t)!);
    const counts = types.map((t) => n.get(t)!);
    const fromWeights = effectiveSize(dstrat.weights).deff_w;
    // with the file's weights (pw is N_h / n_h stored in single precision) the identity is exact
    near(allocationDeff(types.map((t) => n.get(t)! * w.get(t)!), types.map((t) => w.get(t)!)), fromWeights, 1e-12);
    near(stratumWeightDeff(types.map((t) => n.get(t)! * w.get(t)!), counts), fromWeights, 1e-12);
    // from the population sizes (fpc) and sample counts, to the precision of pw
    near(allocationDeff(sizes, sizes.map((s, h) => s / counts[h]!)), fromWeights, 1e-7);
    printed(allocationDeff(sizes, sizes.map((s, h) => s / counts[h]!)), 1.18637, 5);
    // symmetric in k and 1/k (sampling rates serve as well as relative weights); 1 for proportional allocation
    near(allocationDeff(sizes, counts.map((c, h) => c / sizes[h]!)), fromWeights, 1e-7);
    near(allocationDeff([0.2, 0.5, 0.3], [3, 3, 3]), 1);
  });
});

describe('cluster design effect and roh', () => {
  it('1 + (mbar - 1) rho: the samplics OneSampleSize.deff test values (30, 0.01) 1.29; (15.5, 0.03) 1.435; (50, 0.10) 5.9', () => {
    near(clusterDeff(30, 0.01), 1.29);
    near(clusterDeff(15.5, 0.03), 1.435);
    near(clusterDeff(50, 0.1), 5.9);
    near(rhoFromDeff(1.435, 15.5), 0.03);
    near(rhoFromDeff(clusterDeff(12.3, 0.047), 12.3), 0.047);
    expect(() => rhoFromDeff(2, 1)).toThrow(/no clustering/);
    expect(() => clusterDeff(0.5, 0.1)).toThrow(/mean cluster size 0.5/);
    expect(() => clusterDeff(11, -0.2)).toThrow(/gives deff -1/);
  });
});

describe('designEffects: a deff table from a previous round', () => {
  it('wraps the survey core: indicator, estimate, se, deff, n, n_eff as estimate() gives them', () => {
    const requests = [{ statistic: 'mean', variable: 'api00' }, { statistic: 'proportion', variable: 'stype' }] as const;
    const t = designEffects(dstrat, requests);
    const core = estimate(dstrat, requests);
    expect(t.rows.map((r) => r.indicator)).toEqual(['mean:api00', 'proportion:stype=E', 'proportion:stype=H', 'proportion:stype=M']);
    t.rows.forEach((r, i) => {
      const c = core.results[i]!;
      expect([r.estimate, r.se, r.deff, r.n, r.n_eff]).toEqual([c.estimate, c.se, c.deff, c.n, c.n_eff]);
    });
    // spec section 6: dstrat mean api00 662.29, SE 9.4089
    printed(t.rows[0]!.estimate, 662.29, 2);
    printed(t.rows[0]!.se, 9.4089, 4);
    near(t.rows[0]!.n_eff!, 200 / t.rows[0]!.deff!);
    printed(t.weights.deff_w, 1.18637, 5);
    expect(t.psu).toBeNull();
    expect(t.rows[0]!.roh).toBeNull();
  });

  it('clustered design: 40 first-stage PSUs, mbar 3.15, roh = (deff - 1)/(mbar - 1) on whole-sample rows only', () => {
    const t = designEffects(dclus2, [{ statistic: 'mean', variable: 'api00' }]);
    expect(t.psu).toBe(40);
    near(t.mean_cluster_size!, 126 / 40);
    const r = t.rows[0]!;
    printed(r.se, 30.099, 3); // spec section 6: dclus2 mean api00 SE 30.099
    near(r.roh!, (r.deff! - 1) / (126 / 40 - 1));
    near(clusterDeff(t.mean_cluster_size!, r.roh!), r.deff!);
    // dclus2's deff carries its unequal weights (deff_w 2.81403): the net roh removes them
    printed(t.weights.deff_w, 2.81403, 5);
    near(r.roh_net!, (r.deff! / t.weights.deff_w - 1) / (126 / 40 - 1));
    near(t.weights.deff_w * clusterDeff(t.mean_cluster_size!, r.roh_net!), r.deff!);
    const byType = designEffects(dclus2, [{ statistic: 'mean', variable: 'api00' }], { by: ['stype'] });
    expect(byType.rows.every((x) => x.roh === null)).toBe(true);
  });
});

describe('oversampling high-concentration areas', () => {
  // Constructed: 90% of the population in areas with 5% migrants, 10% in areas with 50%; the latter sampled at 4 times
  // the rate. By hand: P = 0.095; rates scaled to average 1: k = (1, 4)/1.3; yield = (0.9*0.05 + 0.1*4*0.5)/1.3 =
  // 0.245/1.3; Kish deff (1.3)(0.9 + 0.1/4) = 1.2025; for migrants, shares (0.045, 0.05)/0.095:
  // (0.045 + 0.2)/0.095 * (0.045 + 0.0125)/0.095 = 1.560941828...
  const strata = [
    { name: 'dispersed', share: 0.9, prevalence: 0.05 },
    { name: 'concentrated', share: 0.1, prevalence: 0.5 },
  ];

  it('expected migrant sample, yield and the two Kish design effects (hand-computed)', () => {
    const o = oversampling(strata, { factor: 4, threshold: 0.3, screened: 1300, migrants: 769 });
    near(o.prevalence, 0.095);
    near(o.yield, 0.245 / 1.3);
    near(o.deff_all, 1.2025);
    near(o.deff_migrants, ((0.245 / 0.095) * 0.0575) / 0.095);
    expect(o.strata.map((s) => s.screened)).toEqual([900, 400]);
    near(o.migrants!, 900 * 0.05 + 400 * 0.5);
    near(o.migrants_effective!, o.migrants! / o.deff_migrants);
    // 1 + CV^2 of the resulting weights (N_h / n_h) equals Kish's formula when the allocation is exact
    near(o.deff_w!, 1.2025);
    // screening for 769 migrants (the spec's n): 769/0.095 proportionally, 769/yield with oversampling
    expect(o.screen_proportional).toBe(Math.ceil(769 / 0.095));
    expect(o.screen_needed).toBe(Math.ceil(769 / (0.245 / 1.3)));
    expect(o.screening_saved).toBe(o.screen_proportional! - o.screen_needed!);
    expect(o.screen_needed_effective).toBe(Math.ceil((769 * o.deff_migrants) / o.yield));
    expect(o.screening_saved_effective!).toBeLessThan(o.screening_saved!);
    near(o.efficiency, o.yield_gain / o.deff_migrants);
  });

  it('explicit rates are equivalent to the factor; equal rates are proportional allocation (deff 1, no saving)', () => {
    const a = oversampling(strata, { factor: 4, threshold: 0.3 });
    const b = oversampling(strata.map((s, h) => ({ ...s, rate: h === 0 ? 0.01 : 0.04 })));
    near(a.deff_migrants, b.deff_migrants);
    near(a.yield, b.yield);
    const p = oversampling(strata, { migrants: 769 });
    near(p.deff_all, 1);
    near(p.deff_migrants, 1);
    expect(p.screening_saved).toBe(0);
  });

  it('errors name the stratum and value', () => {
    expect(() => oversampling([{ name: 'x', share: 1, prevalence: 1.2 }])).toThrow(/stratum "x" \(1\): prevalence 1.2/);
    expect(() => oversampling(strata, { factor: 4 })).toThrow(/factor and the prevalence threshold together/);
    expect(() => oversampling([{ name: 'x', share: 1, prevalence: 0 }])).toThrow(/every stratum has prevalence 0/);
  });
});
