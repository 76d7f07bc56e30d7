import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv.js';
import type { Table } from '../../src/io/table.js';
import { type DesignSpec, svyDesign } from '../../src/survey/design.js';
import { DesignError } from '../../src/survey/errors.js';
import { type GlmResult, type GlmSpec, svyglm } from '../../src/survey/glm.js';
import { type ReplicateDesign, asReplicateDesign } from '../../src/survey/replicate-design.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface GlmGold {
  readonly id: string;
  readonly estimate: Record<string, number>;
  readonly se: Record<string, number>;
  readonly df_residual: number;
}
const gold: { cases: GlmGold[] } = JSON.parse(readFileSync(`${root}test/fixtures/survey-gold/survey_gold.json`, 'utf8'));
const goldCase = (id: string): GlmGold => {
  const c = gold.cases.find((x) => x.id === id);
  if (!c) throw new Error(`no gold case ${id}`);
  return c;
};

const tables = new Map<string, Table>();
function table(name: string): Table {
  let t = tables.get(name);
  if (!t) tables.set(name, (t = readCsv(`${root}datasets/api/${name}.csv`)));
  return t;
}
const design = (file: string, spec: DesignSpec) => svyDesign(table(file), spec);
const dstrat = () => design('apistrat', { strata: 'stype', weight: 'pw', fpc: ['fpc'] });
const dclus1 = () => design('apiclus1', { psu: ['dnum'], weight: 'pw', fpc: ['fpc'] });
const dclus2 = () => design('apiclus2', { psu: ['dnum', 'snum'], fpc: ['fpc1', 'fpc2'] });

/**
 * R `as.svrepdesign(dclus1, mse = TRUE)`, built by hand (independent of asReplicateDesign): JK1 over the 15 districts; replicate r gives the schools of
 * district r weight 0 and multiplies the others' by 15/14; scale (1 - f) 14/15 with f = 15/757; rscales 1.
 */
function rclus1(): ReplicateDesign {
  const d = dclus1();
  const psu = d.stages[0]!.unitOfRow;
  const k = d.stages[0]!.nUnits;
  const replicates = Array.from({ length: k }, (_, r) => Float64Array.from(d.weights, (w, i) => (psu[i] === r ? 0 : (w * k) / (k - 1))));
  const f = k / 757;
  return {
    kind: 'replicate',
    data: d.data,
    n: d.n,
    weights: d.weights,
    replicates,
    type: 'JK1',
    scale: ((1 - f) * (k - 1)) / k,
    rscales: new Float64Array(k).fill(1),
    mse: true,
  };
}

const relErr = (a: number, g: number): number => (g === 0 ? Math.abs(a) : Math.abs(a - g) / Math.abs(g));

/** Largest relative error of the estimates and SEs against R's, per term; reported on the console. */
function expectMatches(label: string, fit: GlmResult, estimate: Record<string, number>, se: Record<string, number>, rel = 1e-9): number {
  expect(fit.coefficients.map((c) => c.term)).toEqual(Object.keys(estimate));
  let worst = 0;
  for (const c of fit.coefficients) {
    const e = relErr(c.estimate, estimate[c.term]!);
    const s = relErr(c.se, se[c.term]!);
    worst = Math.max(worst, e, s);
    expect(e, `${label} ${c.term} estimate: migstat ${c.estimate}, R ${estimate[c.term]}`).toBeLessThanOrEqual(rel);
    expect(s, `${label} ${c.term} SE: migstat ${c.se}, R ${se[c.term]}`).toBeLessThanOrEqual(rel);
  }
  console.log(`${label}: largest relative error of estimates and SEs ${worst.toExponential(2)}`);
  return worst;
}

const named = (terms: readonly string[], values: readonly number[]): Record<string, number> =>
  Object.fromEntries(terms.map((t, i) => [t, values[i]!]));

describe('svyglm against R survey 4.5 gold (test/fixtures/survey-gold)', () => {
  it('dclus2.svyglm.api00_ell_meals_mobility: gaussian, two-stage cluster design with fpc at both stages', () => {
    const g = goldCase('dclus2.svyglm.api00_ell_meals_mobility');
    const fit = svyglm(dclus2(), { response: 'api00', predictors: ['ell', 'meals', 'mobility'], family: 'gaussian' });
    expectMatches(g.id, fit, g.estimate, g.se);
    expect(fit.df).toBe(g.df_residual);
    expect(fit.coefficients.every((c) => c.df === 36)).toBe(true);
    expect(fit.n).toBe(126);
  });

  it('dclus1.svyglm.logit.schwide: quasibinomial on I(sch.wide == "Yes")', () => {
    const g = goldCase('dclus1.svyglm.logit.schwide');
    const spec: GlmSpec = { response: 'sch.wide', responseLevel: 'Yes', predictors: ['ell', 'meals'], family: 'quasibinomial' };
    const fit = svyglm(dclus1(), spec);
    expectMatches(g.id, fit, g.estimate, g.se);
    expect(fit.df).toBe(g.df_residual);
    expect(fit.iterations).toBe(5); // R: m$iter
    // Iterated to full convergence the estimates move by ~1e-12 relative, but the SEs by ~2e-7: at R's default
    // tolerance the working weights behind A and the scores are those of the iteration before the last. migstat follows
    // R's glm.fit step by step, so it matches R at either tolerance (R 4.1.1, glm.control(epsilon = 1e-14, maxit = 50)).
    const full = svyglm(dclus1(), { ...spec, epsilon: 1e-14, maxit: 50 });
    const moved = (key: 'estimate' | 'se'): number => Math.max(...full.coefficients.map((c, i) => relErr(c[key], fit.coefficients[i]![key])));
    console.log(`${g.id}: R's tolerance (1e-8) vs full convergence (1e-14): estimates differ by ${moved('estimate').toExponential(2)}, SEs by ${moved('se').toExponential(2)} relative`);
    expect(moved('estimate')).toBeLessThan(1e-12);
    expect(full.iterations).toBe(6);
    expectMatches(
      `${g.id} (epsilon 1e-14)`,
      full,
      { '(Intercept)': 1.899556911136405457, ell: 0.039925410797830241, meals: -0.019114682466154241 },
      { '(Intercept)': 0.5099148045071695279, ell: 0.0124426727779435222, meals: 0.0088254448408749062 },
    );
    // R 4.1.1 summary(): t values, p-values and the dispersion.
    const t = [3.7252434972534147, 3.2087495396884997, -2.1658607896673669];
    const pv = [0.0028989847538091369, 0.0075096136883027161, 0.0511723347761664157];
    fit.coefficients.forEach((c, i) => {
      expect(relErr(c.t, t[i]!)).toBeLessThan(1e-9);
      expect(relErr(c.p_value, pv[i]!)).toBeLessThan(1e-8);
    });
    expect(relErr(fit.dispersion, 0.96277339277703278)).toBeLessThan(1e-9);
  });

  it('rclus1.svyglm.api00_ell_meals: replicate (JK1, mse) design', () => {
    const g = goldCase('rclus1.svyglm.api00_ell_meals');
    const fit = svyglm(rclus1(), { response: 'api00', predictors: ['ell', 'meals'], family: 'gaussian' });
    expectMatches(g.id, fit, g.estimate, g.se);
    expect(fit.df).toBe(g.df_residual);
    // R 4.5 summary.svyglm: svyvar of the Pearson residuals on the replicate design = that of the Taylor design.
    expect(relErr(fit.dispersion, 3161.2069026711)).toBeLessThan(1e-9);
    // The same design from asReplicateDesign (R as.svrepdesign) gives the same fit.
    const converted = svyglm(asReplicateDesign(dclus1(), { type: 'JK1', mse: true }), { response: 'api00', predictors: ['ell', 'meals'], family: 'gaussian' });
    expectMatches(`${g.id} (asReplicateDesign)`, converted, g.estimate, g.se);
    expect(converted.df).toBe(g.df_residual);
  });
});

describe('svyglm: spec F13 (dstrat api00 ~ ell + meals + mobility) and R 4.1.1 reference values', () => {
  // Full-precision values from the Debian R survey 4.1.1 on the same CSVs (the gold cases above agree with it to
  // ~1e-14); the spec's values are these rounded.
  const terms = ['(Intercept)', 'ell', 'meals', 'mobility'];
  const est = [820.88731590562315432, -0.48058661217194942, -3.14153530998456132, 0.22571321022963628];
  const se = [10.07773594988539045, 0.39197340322252833, 0.28394650641650149, 0.39321836202252897];

  it('matches the spec (rounded) and R (1e-9), with df 194, covariance, intervals and dispersion', () => {
    const fit = svyglm(dstrat(), { response: 'api00', predictors: ['ell', 'meals', 'mobility'], family: 'gaussian' });
    const spec = { est: [820.8873, -0.48059, -3.14154, 0.22571], se: [10.07774, 0.39197, 0.28395, 0.39322] };
    fit.coefficients.forEach((c, i) => {
      const digits = (x: number): number => 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - 6 + 1);
      expect(Math.abs(c.estimate - spec.est[i]!)).toBeLessThanOrEqual(digits(spec.est[i]!) * 10);
      expect(Math.abs(c.se - spec.se[i]!)).toBeLessThanOrEqual(digits(spec.se[i]!) * 10);
    });
    expectMatches('dstrat api00~ell+meals+mobility', fit, named(terms, est), named(terms, se));
    expect(fit.df).toBe(194);
    const V = [
      101.560761875612385552, 0.523701995783543039, -1.359543643235269883, -1.951537091046228412, 0.523701995783543039,
      0.153643148833850801, -0.088715408861698833, 0.023244775173084365, -1.359543643235269883, -0.088715408861698833,
      0.080625618506136310, -0.026538230073557975, -1.951537091046228412, 0.023244775173084365, -0.026538230073557975,
      0.154620680231680629,
    ];
    V.forEach((v, i) => expect(relErr(fit.covariance[i]!, v), `covariance[${i}]`).toBeLessThan(1e-9));
    const ci = [
      [801.01132448972839484, 840.76330732151791381],
      [-1.25366302898346693, 0.29248980463956842],
      [-3.70155378557995141, -2.58151683438917079],
      [-0.54981859840252478, 1.00124501886179784],
    ];
    fit.coefficients.forEach((c, i) => {
      expect(relErr(c.ci_low, ci[i]![0]!)).toBeLessThan(1e-9);
      expect(relErr(c.ci_high, ci[i]![1]!)).toBeLessThan(1e-9);
    });
    expect(relErr(fit.dispersion, 5171.9659872824959)).toBeLessThan(1e-9);
    expect(fit.n).toBe(200);
    expect(relErr(fit.N, 6193.99995803833)).toBeLessThan(1e-12);
  });

  it('categorical predictor: treatment dummies named as R (stypeH, stypeM), E the reference', () => {
    const fit = svyglm(dstrat(), { response: 'api00', predictors: ['ell', 'stype'], family: 'gaussian' });
    const t = ['(Intercept)', 'ell', 'stypeH', 'stypeM'];
    expectMatches(
      'dstrat api00~ell+stype',
      fit,
      named(t, [775.7306583868245298, -4.0294613519021798, -94.3040917305710593, -59.7502697543481744]),
      named(t, [11.8496490185739844, 0.3094400140647055, 13.7628827334802857, 15.8584819963020909]),
    );
    expect(fit.df).toBe(194);
    expect(relErr(fit.dispersion, 7720.1616180892943)).toBeLessThan(1e-9);
  });

  it('numeric code column made categorical: levels in numeric order (R factor(cnum))', () => {
    const fit = svyglm(dstrat(), { response: 'api00', predictors: ['ell', 'cnum'], categorical: ['cnum'], family: 'gaussian' });
    expect(fit.coefficients).toHaveLength(41);
    const pick = ['(Intercept)', 'ell', 'cnum2', 'cnum3', 'cnum56'];
    const rows = pick.map((t) => fit.coefficients.find((c) => c.term === t)!);
    expect(fit.coefficients.at(-1)!.term).toBe('cnum56');
    const est = [794.0137127001959243, -3.9818213596940026, -51.0137127001922437, -143.1227845420281426, -65.1547965149882344];
    const se = [38.54806297774577217, 0.31657521688903395, 38.54806297774572243, 38.07587035382496765, 37.39886314824526892];
    rows.forEach((c, i) => {
      expect(relErr(c.estimate, est[i]!), c.term).toBeLessThan(1e-9);
      expect(relErr(c.se, se[i]!), c.term).toBeLessThan(1e-9);
    });
    expect(fit.df).toBe(157);
  });

  it('quasibinomial with a factor response (No = 0, Yes = 1, as R) and a factor predictor', () => {
    const fit = svyglm(dstrat(), { response: 'sch.wide', predictors: ['ell', 'stype'], family: 'quasibinomial' });
    const t = ['(Intercept)', 'ell', 'stypeH', 'stypeM'];
    expectMatches(
      'dstrat sch.wide~ell+stype quasibinomial',
      fit,
      named(t, [2.763351529791215455, -0.015681699105177284, -2.467056494103652575, -1.5962241598141651]),
      named(t, [0.562266051102482289, 0.011419176567463664, 0.527388190759985886, 0.501432598209215818]),
    );
    expect(fit.iterations).toBe(4);
    expect(relErr(fit.dispersion, 1.0635277364335975)).toBeLessThan(1e-9);
    // The same with the level named.
    const named2 = svyglm(dstrat(), { response: 'sch.wide', responseLevel: 'Yes', predictors: ['ell', 'stype'], family: 'quasibinomial' });
    expect(named2.coefficients).toEqual(fit.coefficients);
  });

  it('a domain (where): the design is kept, df from the domain (R subset = stype != "E")', () => {
    const t = ['(Intercept)', 'ell', 'meals'];
    const spec: GlmSpec = { response: 'api00', predictors: ['ell', 'meals'], family: 'gaussian', where: [{ column: 'stype', op: '!=', value: 'E' }] };
    const fit = svyglm(dclus1(), spec);
    expectMatches(
      'dclus1 subset stype!=E',
      fit,
      named(t, [788.36441920126139848, -0.53181947508528005, -3.67248198172671803]),
      named(t, [24.76737980093447078, 0.86486772370955622, 0.61712878043636843]),
    );
    expect(fit.df).toBe(9);
    expect(relErr(fit.dispersion, 3413.5814067344813)).toBeLessThan(1e-9);
    // Replicate design: R drops the rows outside the domain and refits each replicate on the rest.
    const rep = svyglm(rclus1(), spec);
    expectMatches(
      'rclus1 subset stype!=E',
      rep,
      named(t, [788.36441920126139848, -0.53181947508528005, -3.67248198172671803]),
      named(t, [30.92289854288939566, 1.3159812627072407, 0.72800300188377465]),
    );
    // degf of the subset replicate design: rank of the replicate weights of its rows (11 districts, +1) - 1.
    expect(rep.df).toBe(9);
  });

  it('replicate design, quasibinomial: replicate fits start from the full-sample coefficients', () => {
    const fit = svyglm(rclus1(), { response: 'sch.wide', responseLevel: 'Yes', predictors: ['ell', 'meals'], family: 'quasibinomial' });
    const t = ['(Intercept)', 'ell', 'meals'];
    expectMatches(
      'rclus1 logit sch.wide',
      fit,
      named(t, [1.899556911136325299, 0.039925410797801229, -0.019114682466144801]),
      named(t, [0.5355438306227402467, 0.0135920641257785829, 0.0096164343424678268]),
    );
    expect(fit.df).toBe(12);
  });

  it('naRm leaves out rows with a missing model variable, counts them, and keeps R dispersion', () => {
    const t = ['(Intercept)', 'ell', 'avg.ed'];
    const spec: GlmSpec = { response: 'api00', predictors: ['ell', 'avg.ed'], family: 'gaussian', naRm: true };
    const fit = svyglm(dclus1(), spec);
    expectMatches(
      'dclus1 api00~ell+avg.ed',
      fit,
      named(t, [511.4316521811109624, -2.0393666879032324, 71.1852784928108377]),
      named(t, [110.7350901221540767, 0.8701941634626037, 32.6576177964731897]),
    );
    expect(fit.df).toBe(12);
    expect(fit.exclusions).toEqual([{ reason: 'missing model variable', variable: 'api00/ell/avg.ed', count: 26 }]);
    expect(fit.n).toBe(157);
    // R rescales the prior weights over the rows with the missing values, the sampling weights without: its Pearson
    // residuals carry that ratio, reproduced here.
    expect(relErr(fit.dispersion, 6202.6023535972026)).toBeLessThan(1e-9);
    const rep = svyglm(rclus1(), spec);
    expectMatches(
      'rclus1 api00~ell+avg.ed',
      rep,
      named(t, [511.4316521811109624, -2.0393666879032324, 71.1852784928108377]),
      named(t, [153.5025141021397417, 1.2052832229378905, 44.7458567269960099]),
    );
    const logit = svyglm(dclus1(), { response: 'sch.wide', responseLevel: 'Yes', predictors: ['avg.ed', 'meals'], family: 'quasibinomial', naRm: true });
    const tl = ['(Intercept)', 'avg.ed', 'meals'];
    expectMatches(
      'dclus1 logit avg.ed+meals',
      logit,
      named(tl, [2.9222695822425421852, -0.2156532084833556462, -0.0083404111646338212]),
      named(tl, [2.485690384860609559, 0.640355952623688718, 0.016074019269998484]),
    );
    expect(relErr(logit.dispersion, 1.0094721626804342)).toBeLessThan(1e-9);
  });
});

describe('svyglm errors', () => {
  const base: GlmSpec = { response: 'api00', predictors: ['ell', 'meals'], family: 'gaussian' };

  it('unknown columns', () => {
    expect(() => svyglm(dstrat(), { ...base, response: 'nope' })).toThrow(DesignError);
    expect(() => svyglm(dstrat(), { ...base, response: 'nope' })).toThrow(/response column "nope"/);
    expect(() => svyglm(dstrat(), { ...base, predictors: ['ell', 'nope'] })).toThrow(/predictor column "nope"/);
    expect(() => svyglm(dstrat(), { ...base, where: [{ column: 'nope', op: '=', value: '1' }] })).toThrow(/where column "nope"/);
    expect(() => svyglm(dstrat(), { ...base, categorical: ['dnum'] })).toThrow(/not among the predictors/);
  });

  it('missing values name the variable and rows unless naRm', () => {
    expect(() => svyglm(dclus1(), { ...base, predictors: ['ell', 'avg.ed'] })).toThrow(DesignError);
    expect(() => svyglm(dclus1(), { ...base, predictors: ['ell', 'avg.ed'] })).toThrow(/"avg\.ed" at rows 68, 69, 70, 71, 72 \(and 21 more\): use naRm/);
  });

  it('a singular design matrix names the collinear term', () => {
    // growth = api00 - api99.
    expect(() => svyglm(dstrat(), { response: 'ell', predictors: ['api00', 'api99', 'growth'], family: 'gaussian' })).toThrow(
      /term "growth" is a linear combination of the terms before it \(\(Intercept\), api00, api99\)/,
    );
    // A predictor constant on the domain is collinear with the intercept; a factor with one level there is refused (R:
    // "contrasts can be applied only to factors with 2 or more levels").
    const inE = [{ column: 'stype', op: '=', value: 'E' }] as const;
    expect(() => svyglm(dstrat(), { ...base, predictors: ['ell', 'fpc'], where: inE })).toThrow(/term "fpc" is a linear combination/);
    expect(() => svyglm(dstrat(), { ...base, predictors: ['ell', 'stype'], where: inE })).toThrow(/"stype" has a single level \("E"\)/);
    expect(() => svyglm(dstrat(), { ...base, where: [{ column: 'stype', op: '=', value: 'X' }] })).toThrow(/no row meets/);
  });

  it('quasibinomial response outside [0, 1], categorical gaussian response, absent level', () => {
    expect(() => svyglm(dstrat(), { ...base, family: 'quasibinomial' })).toThrow(/must lie in \[0, 1\]: 200 value\(s\) outside at rows 1, 2/);
    expect(() => svyglm(dstrat(), { ...base, response: 'sch.wide' })).toThrow(/categorical: give responseLevel/);
    expect(() => svyglm(dstrat(), { ...base, response: 'sch.wide', responseLevel: 'Maybe' })).toThrow(/no value "Maybe".*levels are No, Yes/);
  });

  it('non-convergence', () => {
    expect(() =>
      svyglm(dclus1(), { response: 'sch.wide', responseLevel: 'Yes', predictors: ['ell', 'meals'], family: 'quasibinomial', maxit: 2 }),
    ).toThrow(/did not converge in 2 iterations/);
  });
});
