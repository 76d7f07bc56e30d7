import { describe, expect, it } from 'vitest';
import { SamplingDesignError } from '../../src/sampling/design-error.js';
import { type Precision, type PrecisionTarget, domainCv, precision, predictCells, roundUp, sampleSize } from '../../src/sampling/sample-size.js';

const near = (a: number, b: number, rel = 1e-12): void => {
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));
};

describe('sampleSize: published worked examples', () => {
  it('spec survey.md section 4: p = 0.5, e = 0.05, deff = 2 gives 769; prevalence 8%, RR 0.7: screen 13,733', () => {
    const s = sampleSize({ proportion: 0.5 }, { moe: 0.05 }, { deff: 2, prevalence: 0.08, responseRate: 0.7 });
    expect(s.n).toBe(769);
    expect(s.n_select).toBe(13733);
    near(s.n_srs, (s.z! ** 2 * 0.25) / 0.0025);
    near(s.n0, 2 * s.n_srs);
    expect(s.n_fpc).toBe(s.n0);
  });

  it('Valliant, Dever & Kreuter (2018) ch. 3, PracTools vignette Example 3: nPropMoe(e = 0.01..0.08, pU = 0.5)', () => {
    // "Sample Size Calculation in Single-stage Sampling" (PracTools vignette): ceiling(nPropMoe(moe.sw=1, e=seq(0.01,0.08,0.01), alpha=0.05, pU=0.5))
    const published = [9604, 2401, 1068, 601, 385, 267, 196, 151];
    const ours = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08].map((e) => sampleSize({ proportion: 0.5 }, { moe: e }).n);
    expect(ours).toEqual(published);
  });

  it('Valliant, Dever & Kreuter (2018) ch. 3, PracTools vignette Example 1: nCont(CV0 = 0.05, CVpop = 2) is 1,600; with N = 500, 381', () => {
    // a unit CV of 2 is S / mean = 2
    expect(sampleSize({ sd: 2, mean: 1 }, { cv: 0.05 }).n).toBe(1600);
    const s = sampleSize({ sd: 2, mean: 1 }, { cv: 0.05 }, { population: 500 });
    expect(s.n).toBe(381);
    near(s.n_fpc, 1600 / (1 + 1600 / 500));
    // Example 2 of the same vignette: ceiling(nCont(CV0 = seq(0.01, 0.21, 0.02), CVpop = 2))
    const published = [40000, 4445, 1600, 817, 494, 331, 237, 178, 139, 111, 91];
    const cvs = Array.from({ length: 11 }, (_, i) => 0.01 + 0.02 * i);
    expect(cvs.map((cv) => sampleSize({ sd: 2, mean: 1 }, { cv }).n)).toEqual(published);
  });

  it('finite population: the samplics / Cochran form n0 N / (N + n0 - 1) for proportions, which SRSWOR variance confirms', () => {
    const N = 2000;
    const s = sampleSize({ proportion: 0.3 }, { moe: 0.04 }, { population: N, level: 0.9, deff: 1.5 });
    near(s.n_fpc, (s.n0 * N) / (N + s.n0 - 1));
    // At n_fpc the exact SRSWOR margin deff z sqrt((N - n)/(N - 1) p q / n) is the target.
    const p = precision({ proportion: 0.3 }, s.n_fpc, { population: N, level: 0.9, deff: 1.5 });
    near(p.moe, 0.04, 1e-12);
    // and n = ceil(n_fpc) meets it
    expect(precision({ proportion: 0.3 }, s.n, { population: N, level: 0.9, deff: 1.5 }).moe).toBeLessThanOrEqual(0.04);
    expect(precision({ proportion: 0.3 }, s.n - 1, { population: N, level: 0.9, deff: 1.5 }).moe).toBeGreaterThan(0.04);
  });

  it('relative margin and CV targets for a proportion: deff z^2 (1-p)/(p r^2) and deff (1-p)/(p c^2)', () => {
    const r = sampleSize({ proportion: 0.2 }, { moe: 0.1, relative: true }, { deff: 2 });
    near(r.n0, (2 * r.z! ** 2 * 0.8) / (0.2 * 0.01));
    const c = sampleSize({ proportion: 0.2 }, { cv: 0.1 }, { deff: 2 });
    expect(c.z).toBeNull();
    near(c.n0, (2 * 0.8) / (0.2 * 0.01));
    expect(c.n).toBe(800);
  });

  it('a mean with an absolute margin needs only the SD; screening inflation divides by P RR e from the rounded n', () => {
    const s = sampleSize({ sd: 1200 }, { moe: 100 }, { responseRate: 0.8, eligibility: 0.9, prevalence: 0.1 });
    near(s.n0, (s.z! ** 2 * 1200 ** 2) / 100 ** 2);
    expect(s.n).toBe(554);
    expect(s.n_select).toBe(Math.ceil(554 / (0.8 * 0.9 * 0.1)));
  });

  it('rejects parameters out of range, naming them', () => {
    expect(() => sampleSize({ proportion: 1.2 }, { moe: 0.05 })).toThrow(/proportion 1.2: expected a proportion strictly between 0 and 1/);
    expect(() => sampleSize({ proportion: 0 }, { moe: 0.05 })).toThrow(SamplingDesignError);
    expect(() => sampleSize({ proportion: 0.5 }, { moe: -1 })).toThrow(/margin of error -1/);
    expect(() => sampleSize({ proportion: 0.5 }, { moe: 0.05 }, { responseRate: 0 })).toThrow(/response rate 0: expected a rate in \(0, 1\]/);
    expect(() => sampleSize({ proportion: 0.5 }, { moe: 0.05 }, { level: 95 })).toThrow(/level 95/);
    expect(() => sampleSize({ sd: 2 }, { cv: 0.1 })).toThrow(/needs the expected mean/);
    expect(() => sampleSize({ sd: 2 }, { moe: 0.1, relative: true })).toThrow(/needs the expected mean/);
    expect(() => sampleSize({ sd: 0 }, { moe: 0.1 })).toThrow(/sd 0/);
  });
});

describe('precision: the inverse', () => {
  it('inverts sampleSize for every target kind', () => {
    const opts = { deff: 1.7, population: 50_000, level: 0.95 };
    const targets: [PrecisionTarget, (p: Precision) => number, number][] = [
      [{ moe: 0.03 }, (p) => p.moe, 0.03],
      [{ moe: 0.15, relative: true }, (p) => p.relative_moe!, 0.15],
      [{ cv: 0.08 }, (p) => p.cv!, 0.08],
    ];
    for (const [target, achieved, value] of targets) {
      const s = sampleSize({ proportion: 0.12 }, target, opts);
      near(achieved(precision({ proportion: 0.12 }, s.n_fpc, opts)), value, 1e-10);
    }
    const m = sampleSize({ sd: 3, mean: 10 }, { cv: 0.02 }, opts);
    near(precision({ sd: 3, mean: 10 }, m.n_fpc, opts).cv!, 0.02, 1e-10);
  });

  it('selected units become expected interviews n P RR e; a census has se 0; more than N is an error', () => {
    const p = precision({ proportion: 0.5 }, 13733, { deff: 2, prevalence: 0.08, responseRate: 0.7 });
    near(p.n, 13733 * 0.056);
    expect(p.moe).toBeLessThanOrEqual(0.05);
    expect(precision({ proportion: 0.4 }, 500, { population: 500 }).se).toBe(0);
    expect(() => precision({ proportion: 0.4 }, 501, { population: 500 })).toThrow(/exceed the population size 500/);
  });
});

describe('domain CV prediction (spec section 4)', () => {
  it('domainCv is the precision of the domain sample n P_D without fpc', () => {
    const cv = domainCv({ n: 20_000, share: 0.03, p: 0.6, deff: 1.8 });
    near(cv, Math.sqrt((1.8 * 0.4) / (20_000 * 0.03 * 0.6)));
    near(precision({ proportion: 0.6 }, 20_000, { prevalence: 0.03, deff: 1.8 }).cv!, cv, 1e-12);
  });

  it('predictCells grades cells by the CV bands 16.5% / 33.3% and a minimum domain n of 20', () => {
    const cells = predictCells([
      { name: 'migrants, employed', share: 0.06, p: 0.7 },
      { name: 'migrants, unemployed', share: 0.06, p: 0.05 },
      { name: 'recent migrants, unemployed', share: 0.01, p: 0.08 },
      { name: 'tiny', share: 0.0005, p: 0.9 },
    ], 10_000, { deff: 2 });
    expect(cells.map((c) => c.reliability)).toEqual(['reliable', 'less_reliable', 'unreliable', 'unreliable']);
    near(cells[1]!.cv, Math.sqrt((2 * 0.95) / (600 * 0.05)));
    expect(cells[3]!.n_domain).toBe(5);
  });

  it('roundUp ignores floating-point noise only', () => {
    expect(roundUp(1600.0000000000002)).toBe(1600);
    expect(roundUp(1600.001)).toBe(1601);
    expect(roundUp(768.29)).toBe(769);
  });
});
