import { describe, expect, it } from 'vitest';
import type { IndicatorCell } from '../../src/indicators/cell.js';
import {
  PolicyError, RELIABILITY_PRESETS, assessReliability, flagReliability, kornGraubardEffectiveN, kornGraubardInterval,
  obsStatus, obsStatusOf, parseReliabilityPolicy,
} from '../../src/indicators/reliability.js';

function cell(over: Partial<IndicatorCell>): IndicatorCell {
  return {
    indicator: 'MST_XWAP_SEX_CBR_NB', sex: 'SEX_T', classif1: 'CBR_BIR_FOREIGN', classif2: null, unit: 'NB',
    estimate: 1000, se: 100, ci_low: 800, ci_high: 1200, df: 100, deff: 1, cv: 0.1, n: 200, n_domain: 200, N: 1000,
    reliability: 'reliable', ...over,
  };
}
/** A rate cell: p in percent, se(p) in points, denominator n, design df. */
function rate(p: number, se: number, n: number, df: number): IndicatorCell {
  return cell({ unit: 'RT', estimate: p, se, n: Math.round((n * p) / 100), n_domain: n, df, ci_low: p - 2 * se, ci_high: p + 2 * se });
}
/** se in points of a proportion p (percent) with effective sample size nEff. */
const seFor = (p: number, nEff: number) => 100 * Math.sqrt(((p / 100) * (1 - p / 100)) / nEff);

const ilo = RELIABILITY_PRESETS.ilo;
const nchs = RELIABILITY_PRESETS.nchs;

describe('CV thresholds (preset ilo: 16.5% / 33.3%)', () => {
  it('grades counts by CV, the boundaries inclusive', () => {
    expect(assessReliability(cell({ se: 100 }), ilo).reliability).toBe('reliable');
    expect(assessReliability(cell({ se: 165 }), ilo).reliability).toBe('reliable');
    expect(assessReliability(cell({ se: 166 }), ilo).reliability).toBe('less-reliable');
    expect(assessReliability(cell({ se: 333 }), ilo).reliability).toBe('less-reliable');
    const bad = assessReliability(cell({ se: 400 }), ilo);
    expect(bad.reliability).toBe('unreliable');
    expect(bad.reasons).toEqual(['cv 40% > 33.3%']);
  });
  it('a zero estimate with a positive se is unreliable; an exact zero is not judged by CV', () => {
    expect(assessReliability(cell({ estimate: 0, se: 5 }), ilo).reliability).toBe('unreliable');
    expect(assessReliability(cell({ estimate: 0, se: 0 }), ilo).reliability).toBe('reliable');
  });
  it('leaves gaps out of the CV rule', () => {
    expect(assessReliability(cell({ unit: 'GAP', estimate: 0.5, se: 2 }), ilo).reliability).toBe('reliable');
  });
  it('a base below min_n (20) is unreliable', () => {
    const a = assessReliability(cell({ n: 15, n_domain: 15 }), ilo);
    expect(a.reliability).toBe('unreliable');
    expect(a.reasons).toEqual(['n 15 < 20']);
  });
  it('a non-finite estimate is unreliable (except under none)', () => {
    expect(assessReliability(cell({ estimate: NaN }), ilo).reliability).toBe('unreliable');
    expect(assessReliability(cell({ estimate: NaN }), RELIABILITY_PRESETS.none).reliability).toBe('reliable');
  });
});

describe('Korn-Graubard effective sample size', () => {
  // t quantiles from R: qt(0.975, 99) = 1.984217, qt(0.975, 10) = 2.228139, qt(0.975, 3) = 3.182446.
  it('n_eff = p(1-p)/se^2 when df >= n - 1', () => {
    expect(kornGraubardEffectiveN(0.5, Math.sqrt(0.25 / 40), 100, 99)).toBeCloseTo(40, 10);
    expect(kornGraubardEffectiveN(0.5, Math.sqrt(0.25 / 40), 100, Infinity)).toBeCloseTo(40, 10);
  });
  it('is scaled by (t_{n-1} / t_df)^2 when df < n - 1', () => {
    expect(kornGraubardEffectiveN(0.5, Math.sqrt(0.25 / 50), 100, 10)).toBeCloseTo(50 * (1.984217 / 2.228139) ** 2, 4);
    expect(kornGraubardEffectiveN(0.5, Math.sqrt(0.25 / 50), 100, 3)).toBeCloseTo(50 * (1.984217 / 3.182446) ** 2, 4);
    expect(kornGraubardEffectiveN(0.5, Math.sqrt(0.25 / 50), 100, 3, 0.95, false)).toBeCloseTo(50, 10);
  });
  it('is truncated at n (design effect below 1) and is n at p = 0 or 1', () => {
    expect(kornGraubardEffectiveN(0.5, 0.01, 100, 99)).toBe(100);
    expect(kornGraubardEffectiveN(0, 0, 80, 79)).toBe(80);
    expect(kornGraubardEffectiveN(1, 0, 80, 79)).toBe(80);
  });
  it('the interval is Clopper-Pearson at n_eff (R binom.test(10, 50): 0.1003022, 0.3371831)', () => {
    const [lo, hi] = kornGraubardInterval(0.2, 50);
    expect(lo).toBeCloseTo(0.1003022, 6);
    expect(hi).toBeCloseTo(0.3371831, 6);
    // No successes: the upper limit is 1 - (alpha/2)^(1/n) in closed form.
    const [lo0, hi0] = kornGraubardInterval(0, 40);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(1 - 0.025 ** (1 / 40), 10);
  });
  it('preset ilo: a proportion with n_eff < 30 is unreliable even with a small CV', () => {
    const a = assessReliability(rate(90, seFor(90, 25), 100, 99), ilo);
    expect(a.effectiveN).toBeCloseTo(25, 8);
    expect(a.reliability).toBe('unreliable');
    expect(a.reasons).toEqual(['n_eff 25 < 30']);
    expect(assessReliability(rate(90, seFor(90, 60), 100, 99), ilo).reliability).toBe('reliable');
    // The df adjustment takes n_eff = 50 under 30 with 3 design df.
    expect(assessReliability(rate(90, seFor(90, 50), 100, 3), ilo).reliability).toBe('unreliable');
    expect(assessReliability(rate(90, seFor(90, 50), 100, 10), ilo).reliability).toBe('reliable');
  });
});

describe('preset nchs (NCHS 2017 proportion standards)', () => {
  it('suppresses (unreliable) below n = 30 or n_eff = 30', () => {
    const small = assessReliability(rate(50, seFor(50, 29), 29, 28), nchs);
    expect(small.reliability).toBe('unreliable');
    expect(small.reasons).toEqual(expect.arrayContaining(['denominator n 29 < 30', 'n_eff 29 < 30']));
    const design = assessReliability(rate(50, seFor(50, 29), 300, 299), nchs);
    expect(design.reasons).toEqual(expect.arrayContaining(['n_eff 29 < 30']));
    expect(design.reasons.some((r) => r.startsWith('n ') || r.startsWith('denominator'))).toBe(false);
    expect(assessReliability(rate(50, seFor(50, 100), 100, 99), nchs).reliability).toBe('reliable');
  });
  it('absolute Korn-Graubard width > 0.30 is unreliable', () => {
    const a = assessReliability(rate(50, seFor(50, 35), 200, 199), nchs);
    expect(a.ci![1] - a.ci![0]).toBeGreaterThan(0.3);
    expect(a.reliability).toBe('unreliable');
    expect(a.reasons[0]).toMatch(/^CI width 0\.3\d+ > 0\.3$/);
  });
  it('relative width > 130% is unreliable when the absolute width exceeds 0.05, not otherwise', () => {
    const wide = assessReliability(rate(5, seFor(5, 100), 500, 499), nchs);
    expect(wide.reliability).toBe('unreliable');
    expect(wide.reasons.some((r) => r.startsWith('relative CI width'))).toBe(true);
    // p = 2% with n_eff = 1000: width about 0.018 <= 0.05, relative width not judged.
    expect(assessReliability(rate(2, seFor(2, 1000), 2000, 1999), nchs).reliability).toBe('reliable');
  });
  it('fewer than 8 design df: less reliable (statistical review)', () => {
    const a = assessReliability(rate(50, seFor(50, 2000), 5000, 6), nchs);
    expect(a.reliability).toBe('less-reliable');
    expect(a.reasons).toEqual(['df 6 < 8']);
  });
  it("counts: NCHS's n >= 30 and RSE <= 30%", () => {
    expect(assessReliability(cell({ se: 300 }), nchs).reliability).toBe('reliable');
    expect(assessReliability(cell({ se: 301 }), nchs).reliability).toBe('unreliable');
    expect(assessReliability(cell({ n: 29, n_domain: 29 }), nchs).reliability).toBe('unreliable');
  });
  it("ci: 'cell' judges the cell's own interval", () => {
    const policy = parseReliabilityPolicy({ preset: 'nchs', proportion: { ci: 'cell' } });
    const c = { ...rate(50, seFor(50, 2000), 5000, 4999), ci_low: 30, ci_high: 70 };
    expect(assessReliability(c, policy).reasons).toEqual(['CI width 0.4 > 0.3']);
  });
});

describe('flagReliability and obsStatus', () => {
  it('sets reliability on new cells, default policy ilo', () => {
    const cells = [cell({ se: 100 }), cell({ se: 200 }), cell({ se: 400, reliability: 'reliable' })];
    const out = flagReliability(cells);
    expect(out.map((c) => c.reliability)).toEqual(['reliable', 'less-reliable', 'unreliable']);
    expect(cells[2]!.reliability).toBe('reliable');
    expect(flagReliability(cells, 'none').map((c) => c.reliability)).toEqual(['reliable', 'reliable', 'reliable']);
    expect(flagReliability(cells, { cv: { less_reliable: 50 } }).map((c) => c.reliability)).toEqual(['reliable', 'less-reliable', 'less-reliable']);
  });
  it('obs_status: U unreliable, C (option) suppressed, empty otherwise', () => {
    expect(obsStatus(cell({ reliability: 'unreliable' }))).toBe('U');
    expect(obsStatus(cell({ reliability: 'less-reliable' }))).toBe('');
    expect(obsStatus(cell({}))).toBe('');
    expect(obsStatus(cell({ reliability: 'unreliable', suppressed: 'primary' }))).toBe('C');
    expect(obsStatus(cell({ suppressed: 'secondary' }), { confidential: 'Q' })).toBe('Q');
    expect(obsStatusOf({ confidential: 'Q' })(cell({ suppressed: 'primary' }))).toBe('Q');
  });
});

describe('parseReliabilityPolicy', () => {
  it('takes a preset name, a preset with overrides, or a full policy', () => {
    expect(parseReliabilityPolicy('nchs')).toBe(RELIABILITY_PRESETS.nchs);
    expect(parseReliabilityPolicy(undefined)).toBe(RELIABILITY_PRESETS.ilo);
    expect(parseReliabilityPolicy({ preset: 'nchs', cv: null }).cv).toBeNull();
    expect(parseReliabilityPolicy({ preset: 'nchs', proportion: { min_effective_n: 50 } }).proportion).toEqual({ ...RELIABILITY_PRESETS.nchs.proportion, min_effective_n: 50 });
    expect(parseReliabilityPolicy({ cv: { reliable: 10, less_reliable: 20 } }).cv).toEqual({ reliable: 10, less_reliable: 20, units: ['NB', 'RT', 'MEAN', 'MEDIAN'] });
    expect(parseReliabilityPolicy(RELIABILITY_PRESETS.nchs)).toEqual(RELIABILITY_PRESETS.nchs);
  });
  it('names the key and the allowed values', () => {
    const fails = (input: unknown, message: RegExp) => {
      expect(() => parseReliabilityPolicy(input, 'p.yaml: reliability')).toThrow(PolicyError);
      expect(() => parseReliabilityPolicy(input, 'p.yaml: reliability')).toThrow(message);
    };
    fails('ilostat', /^p\.yaml: reliability: unknown preset "ilostat"; allowed: ilo, nchs, none$/);
    fails({ preset: 'x' }, /preset: .*"ilo"\|"nchs"\|"none"/);
    fails({ cv_threshold: 3 }, /unknown key "cv_threshold"; allowed keys: preset, cv, min_n, proportion/);
    fails({ cv: { reliable: 20, less_reliable: 10 } }, /cv\.less_reliable: less_reliable must be at least reliable/);
    fails({ cv: { units: ['NB', 'XX'] } }, /cv\.units\.1: .*"NB"\|"RT"\|"MEAN"\|"MEDIAN"\|"GAP"/);
    fails({ proportion: { ci: 'wald' } }, /proportion\.ci: .*"korn-graubard"\|"cell"/);
    fails({ proportion: { level: 95 } }, /proportion\.level: /);
    fails({ proportion: { minimum: 1 } }, /proportion: unknown key "minimum"; allowed keys: min_n, min_effective_n, df_adjusted, ci, level/);
    fails(5, /expected a preset name \(ilo, nchs, none\) or a policy object/);
  });
});
