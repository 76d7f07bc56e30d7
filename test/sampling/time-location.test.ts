/** Time-location sampling: weights, errors, the design for estimate(), and a simulation of the multiplicity adjustment. */
import { describe, expect, it } from 'vitest';
import { generateHiddenPopulation, hiddenTruth } from '../../datasets/atlantis/hidden-population.js';
import { drawTlsSample, tlsSampleTable } from '../../datasets/atlantis/hidden-tls.js';
import { parseCsv } from '../../src/io/csv.js';
import { tlsDesign, tlsWeights } from '../../src/sampling/time-location.js';
import { estimate } from '../../src/survey/estimate.js';
import { svyDesign } from '../../src/survey/design.js';
import { tableFromArrays } from '../../src/io/table.js';

const text = 'vdt,h,pi,M,m,visits,y\nv1,a,0.5,10,2,1,1\nv1,a,0.5,10,2,4,0\nv2,a,0.5,6,3,2,1\nv2,a,0.5,6,3,1,1\nv2,a,0.5,6,3,3,0\nv3,b,0.25,8,1,2,1\nv4,b,0.25,12,2,6,0\nv4,b,0.25,12,2,1,1\n';
const spec = { vdt: 'vdt', vdtProbability: 'pi', attendance: 'M', visits: 'visits', strata: 'h' };

describe('TLS weights w = 1 / [pi (m/M) a]', () => {
  it('base weights, multiplicity, m counted from the rows when no column is given', () => {
    const t = parseCsv(text, 'tls.csv');
    const w = tlsWeights(t, spec);
    expect(Array.from(w.base)).toEqual([10, 10, 4, 4, 4, 32, 24, 24]);
    expect(Array.from(w.weights)).toEqual([10, 2.5, 2, 4, 4 / 3, 16, 4, 24]);
    expect(Array.from(tlsWeights(t, { ...spec, interviewed: 'm' }).weights)).toEqual(Array.from(w.weights));
    expect(Array.from(tlsWeights(t, { ...spec, visits: undefined }).weights)).toEqual(Array.from(w.base));
  });

  it('the design clusters on the VDT unit within strata: estimate() equals svyDesign on the same weights', () => {
    const t = parseCsv(text, 'tls.csv');
    const { design, weights } = tlsDesign(t, spec);
    const a = estimate(design, [{ statistic: 'mean', variable: 'y' }, { statistic: 'total', variable: 'y' }]);
    const data = tableFromArrays({ vdt: ['v1', 'v1', 'v2', 'v2', 'v2', 'v3', 'v4', 'v4'], h: ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b'], w: weights.weights, y: [1, 0, 1, 1, 0, 1, 0, 1] });
    const b = estimate(svyDesign(data, { weight: 'w', psu: ['vdt'], strata: 'h', nest: true }), [{ statistic: 'mean', variable: 'y' }, { statistic: 'total', variable: 'y' }]);
    expect(a.results.map((r) => [r.estimate, r.se])).toEqual(b.results.map((r) => [r.estimate, r.se]));
    expect(a.design.psu).toBe(4);
    expect(a.results[1]!.estimate).toBe(10 + 2 + 4 + 16 + 24);
    // units drawn without replacement from frames of 4 (stratum a) and 8 (stratum b): the fpc shrinks the SE
    const withFpc = parseCsv(text.replace('vdt,h,pi,M,m,visits,y', 'vdt,h,pi,M,m,visits,y,N').replace(/\n(v[12],.*)/g, '\n$1,4').replace(/\n(v[34],.*)/g, '\n$1,8'), 'tls.csv');
    const f = estimate(tlsDesign(withFpc, { ...spec, fpc: 'N' }).design, [{ statistic: 'total', variable: 'y' }]);
    expect(f.results[0]!.estimate).toBe(a.results[1]!.estimate);
    expect(f.results[0]!.se).toBeLessThan(a.results[1]!.se);
  });

  it('bad values are errors naming the file, column and rows', () => {
    const bad = (from: string, to: string, s: object = spec) => () => tlsWeights(parseCsv(text.replace(from, to), 'tls.csv'), s as typeof spec);
    expect(bad('v3,b,0.25,8,1,2,1', 'v3,b,0,8,1,2,1')).toThrow(/tls\.csv: VDT selection probability column "pi" must be in \(0, 1\], row 6 \(0\)/);
    expect(bad('v3,b,0.25,8,1,2,1', 'v3,b,0.25,0,1,2,1')).toThrow(/tls\.csv: attendance "M" \(M\) must be at least the interviewed count \(m\) >= 1, row 6 \(row 6: M = 0, m = 1\)/);
    expect(bad('v3,b,0.25,8,1,2,1', ',b,0.25,8,1,2,1')).toThrow(/tls\.csv: VDT column "vdt" is missing at row 6/);
    expect(bad('v3,b,0.25,8,1,2,1', 'v3,b,0.25,8,1,0,1')).toThrow(/visits column "visits" must be >= 1 .*row 6 \(0\); use the visits rule "one"/);
    const one = tlsWeights(parseCsv(text.replace('v3,b,0.25,8,1,2,1', 'v3,b,0.25,8,1,NA,1'), 'tls.csv'), { ...spec, visitsRule: 'one' });
    expect(one.visitsChanged).toBe(1);
    expect(one.weights[5]).toBe(32);
    expect(one.warnings).toEqual(['1 zero or missing visits in "visits" set to 1']);
  });
});

describe('TLS simulation on the generated hidden population: 1,000 seeded samples', () => {
  it('multiplicity-adjusted weights are unbiased (|bias| < 2 MC SE), unadjusted ones biased (|bias| > 3 MC SE)', () => {
    const pop = generateHiddenPopulation(20240501);
    const truth = hiddenTruth(pop).venue_attenders;
    const R = 1000;
    const adjusted: number[] = [];
    const unadjusted: number[] = [];
    const totals: number[] = [];
    let covered = 0;
    for (let s = 0; s < R; s++) {
      const t = tlsSampleTable(pop, drawTlsSample(pop, 9000 + s));
      const base = { vdt: 'vdt', vdtProbability: 'vdt_prob', attendance: 'attendance_count', interviewed: 'interviewed', strata: 'venue_type' };
      const a = estimate(tlsDesign(t, { ...base, visits: 'visits' }).design, [{ statistic: 'mean', variable: 'below_min_wage' }, { statistic: 'total', variable: 'below_min_wage' }]);
      const u = estimate(tlsDesign(t, base).design, [{ statistic: 'mean', variable: 'below_min_wage' }]);
      adjusted.push(a.results[0]!.estimate);
      totals.push(a.results[1]!.estimate);
      unadjusted.push(u.results[0]!.estimate);
      if (a.results[0]!.ci_low <= truth.below_min_wage && truth.below_min_wage <= a.results[0]!.ci_high) covered++;
    }
    const summary = (x: number[], target: number) => {
      const m = x.reduce((p, q) => p + q, 0) / x.length;
      const sd = Math.sqrt(x.reduce((p, q) => p + (q - m) ** 2, 0) / (x.length - 1));
      return { bias: m - target, mcse: sd / Math.sqrt(x.length) };
    };
    const adj = summary(adjusted, truth.below_min_wage);
    const un = summary(unadjusted, truth.below_min_wage);
    const tot = summary(totals, truth.below_min_wage * truth.N);
    console.log(`TLS share below minimum wage, truth ${truth.below_min_wage.toFixed(4)}: adjusted bias ${adj.bias.toFixed(4)} (MC SE ${adj.mcse.toFixed(4)}, ${(adj.bias / adj.mcse).toFixed(2)} SE), unadjusted bias ${un.bias.toFixed(4)} (MC SE ${un.mcse.toFixed(4)}, ${(un.bias / un.mcse).toFixed(1)} SE); total: bias ${tot.bias.toFixed(1)} (${(tot.bias / tot.mcse).toFixed(2)} SE); 95% CI coverage of the adjusted mean ${(covered / R).toFixed(3)}`);
    expect(Math.abs(adj.bias)).toBeLessThan(2 * adj.mcse);
    expect(Math.abs(tot.bias)).toBeLessThan(2 * tot.mcse);
    expect(Math.abs(un.bias)).toBeGreaterThan(3 * un.mcse);
    // the unadjusted weights estimate the visit-weighted share
    expect(Math.abs(un.bias + truth.below_min_wage - truth.below_min_wage_visit_weighted)).toBeLessThan(3 * un.mcse);
  });
});
