/**
 * Replicate-weight SEs against Taylor-linearisation SEs on the API gold designs. Acceptance item: "Replicate SEs agree
 * with Taylor SEs on the API data for the statistics of the gold set, within the Monte Carlo tolerance that the
 * replicate count allows".
 *
 * The decomposition used throughout. Every statistic of the gold set is a total or a ratio theta = Y / X of weighted
 * totals over rows D (mean: x = 1; proportion: y an indicator; stype-domain mean: D the domain; api.stu/enroll). With
 * e_i = y_i - theta x_i and L_r = sum_D (w_ri - w_i) e_i, a replicate estimate is exactly
 *     theta_r - theta = L_r / X_r = (L_r / X) g_r,      g_r = X / X_r      (a total: L_r = sum (w_ri - w_i) y_i, g_r = 1),
 * so the replicate variance, centred at theta (mse), is
 *     V_rep = sum_r c_r L_r^2 g_r^2 / X^2,   c_r = scale * rscale_r,
 * which splits into
 *   (a) the linear part  V_lin = sum_r c_r L_r^2 / X^2: the replicate variance of the linearised statistic, the only
 *       thing the theory of each replicate method speaks about (below: exactly the Taylor variance for the jackknife and
 *       BRR, the Taylor variance +- Monte Carlo error for the bootstraps); and
 *   (b) the denominator factor  V_rep / V_lin = the (c_r L_r^2)-weighted mean of g_r^2, which is 1 when the replicate
 *       denominators do not move (totals; dstrat means, proportions and stype domains, whose weights are constant within
 *       strata, so a replicate keeps every stratum's weight total; scd means), and which Taylor linearisation drops
 *       (it is second order). On apiclus1/apiclus2 (15 / 40 clusters of very unequal size) (b) is far from 1: the
 *       jackknife and bootstrap SEs of means, proportions, ratios and domain means are up to 32 % above the Taylor SEs
 *       (JK1, dclus2, mean api00 in stype H), more than any Monte Carlo tolerance; JK1 on dclus1, mean api00, gives
 *       26.33 against 23.54, R's own values (gold cases rclus1_JK1.nomse.mean.api00, dclus1.mean.api00_api99); and BRR
 *       on scd gives 0.96 of the Taylor SE of alive/arrests (gold scd.BRR_auto.ratio). Such rows are printed as
 *       "explained": the test checks their linear part against the theory and that their SE is exactly (a) x (b).
 *
 * Jackknife (JKn: dstrat, scd; JK1: dclus1, dclus2): replicate (h, j) drops PSU j of stratum h and multiplies the
 * stratum's other PSUs by n_h/(n_h-1), which moves a total by -n_h (z_hj - zbar_h)/(n_h-1); with rscale
 * (1-f_h)(n_h-1)/n_h the sum over j is (1-f_h) n_h/(n_h-1) sum_j (z_hj - zbar_h)^2, the Taylor variance of stratum h.
 * So (a) equals Taylor exactly (asserted to 1e-9 relative) and, where g = 1, so do the SEs -- including the JKn mean,
 * proportions and domain means of the stratified SRS dstrat, with or without fpc. Otherwise, as (b) is a weighted mean
 * of g_r^2, SE_rep(mse) / SE_Taylor lies in [min g_r, max g_r] (asserted); on dstrat (n_h >= 50) that range is within
 * 1 +- 0.01, and the ratio api.stu/enroll differs by 0.2 % (asserted <= 1 %).
 * dclus2 has an fpc at both stages; as.svrepdesign keeps only the stage-1 fpc ("Finite population corrections after
 * first stage have been dropped"), so its replicate SEs are compared with the ultimate-cluster Taylor SE with the stage-1
 * fpc (`ultimateCluster: true`); the ratio to the full recursive Taylor SE is printed beside it.
 *
 * BRR / Fay on scd (3 strata of 2 PSUs, Hadamard order 4): a replicate moves a total by sum_h s_rh (1 - rho) d_h,
 * d_h = z_h1 - z_h2, s_rh = +-1; the Hadamard columns are orthogonal and balanced, so sum_r (.)^2 / (R (1-rho)^2) =
 * sum_h d_h^2 = the Taylor variance without fpc, exactly (BRR drops the fpc, with R's warning: scd_fpc's BRR is
 * compared with the Taylor SE without fpc, SE_fpc / sqrt(1 - 2/5), n_h/N_h = 2/5 in every stratum).
 *
 * Bootstrap (Canty-Davison rescaled, R bootweights), R = 2000 seeded replicates. In stratum h the PSU counts are n_h
 * draws with replacement (no fpc): Var*(sum_j m_hj z_hj) = sum_j (z_hj - zbar_h)^2 = ((n_h-1)/n_h) V_T,h; with an fpc,
 * n_h draws without replacement from N_h copies of the PSUs: Var* = ((N_h-n_h)/(N_h-1)) sum_j (z_hj - zbar_h)^2 =
 * (N_h/(N_h-1)) ((n_h-1)/n_h) V_T,h (equal copies). The scale nbar/((nbar-1)(R-1)), nbar the harmonic mean of the n_h,
 * gives E(a) = sum_h k_h V_T,h, k_h = nbar/(nbar-1) (n_h-1)/n_h N_h/(N_h-1). So the bootstrap does use the (stage-1)
 * fpc and is compared with the fpc Taylor SE (dclus2: ultimate cluster with stage-1 fpc, as for the jackknife). Design
 * allowance delta = max_h |sqrt(k_h) - 1| (0.0035 on dstrat, whose strata have 100, 50, 50 PSUs; 0.0007 on dclus1)
 * + 0.005 for N_h not a multiple of n_h (some PSUs have one copy more; over seeds 1..100 the mean linear-part ratio
 * stayed within 1 +- 0.005 on every design and statistic).
 * Subbootstrap (Rao-Wu, n_h - 1 draws, factor n_h/(n_h-1)): Var* = (n_h/(n_h-1))^2 (n_h-1) (1/n_h) sum_j (z_hj - zbar_h)^2
 * = V_T,h without fpc, exactly unbiased; it ignores the fpc, so it is compared with the no-fpc Taylor SE
 * (dstrat_nofpc, dclus1_nofpc, dclus2wr); delta = 0.
 * Monte Carlo tolerance: the variance estimate c sum_r (L_r - Lbar)^2 is a mean of R - 1 (independent replicates,
 * roughly normal L_r) chi-square(1) terms, so V_hat / E V_hat ~ chi2_{R-1}/(R-1), relative sd sqrt(2/(R-1)); the SE, its
 * square root, has relative sd 1/sqrt(2(R-1)) = 0.0158 for R = 2000 (an excess kurtosis kappa of the L_r widens it by
 * sqrt(1 + kappa/2); kappa is printed, -0.2 to 0.7 for the compared statistics). Asserted: |SE_lin / SE_Taylor - 1| <= 4/sqrt(2(R-1)) + delta
 * = 0.0633 + delta for every statistic, and the same for SE_rep / SE_Taylor wherever (b) is 1 to first order (totals,
 * and every statistic on dstrat); elsewhere a ratio outside the tolerance is an "explained" row. Seeds 1..200 were run
 * outside this file with the same checks (18,000 linear-part checks, 6,000 SE checks): 4 linear-part checks left the
 * band, in 2 of the 1,800 seeded runs (seed 29, dclus2wr bootstrap, prop stype=E: 0.0640 against 0.0633; seed 163,
 * dclus1_nofpc subbootstrap, mean api00 and its E and M domains, up to 0.0768), about what a 4-sd band gives over
 * that many partly correlated checks; no SE check did. The committed seed 1 uses at most 0.55 of its tolerances.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Table } from '../../src/io/table.js';
import { type DesignSpec, type SurveyDesign, svyDesign } from '../../src/survey/design.js';
import { type Design, type EstimateOptions, type StatRequest, estimate } from '../../src/survey/estimate.js';
import { type AsReplicateSpec, type ReplicateDesign, asReplicateDesign } from '../../src/survey/replicate-design.js';
import { designs, table } from './gold-harness.js';

const R_BOOT = 2000;
const SEED = 1;
const MC_BAND = 4 / Math.sqrt(2 * (R_BOOT - 1));
const EXACT = 1e-9;
/** Unequal copies of the PSUs in the fpc bootstrap (see the header). */
const COPIES_ALLOWANCE = 0.005;

// ---------------------------------------------------------------------------------------------------------------
// Statistics of the gold set, each as a total or a ratio of weighted totals over rows D.

interface Stat {
  readonly label: string;
  readonly request: StatRequest;
  readonly by?: string;
  readonly level?: string;
  readonly domain?: string;
  readonly y: Float64Array;
  /** Denominator values; none for a total. */
  readonly x?: Float64Array;
  readonly rows: Int32Array;
}

function num(t: Table, name: string): Float64Array {
  const c = t.column(name);
  if (c.kind !== 'number') throw new Error(`${name} is not numeric`);
  return c.values;
}

function labels(t: Table, name: string): string[] {
  const c = t.column(name);
  return c.kind === 'number' ? Array.from(c.values, String) : Array.from(c.codes, (k) => c.levels[k]!);
}

const rowsWhere = (n: number, keep: (i: number) => boolean): Int32Array => Int32Array.from({ length: n }, (_, i) => i).filter(keep);

/** mean api00, total enroll, ratio api.stu/enroll, proportions of stype and sch.wide, mean api00 by stype. */
function apiStats(t: Table): Stat[] {
  const n = t.nrows;
  const one = new Float64Array(n).fill(1);
  const api00 = num(t, 'api00');
  const enroll = num(t, 'enroll');
  const stype = labels(t, 'stype');
  const all = rowsWhere(n, () => true);
  const withEnroll = rowsWhere(n, (i) => !Number.isNaN(enroll[i]!)); // apiclus2 has 6 missing (na.rm = TRUE, as the gold calls)
  const stats: Stat[] = [
    { label: 'mean api00', request: { statistic: 'mean', variable: 'api00' }, y: api00, x: one, rows: all },
    { label: 'total enroll', request: { statistic: 'total', variable: 'enroll' }, y: enroll, rows: withEnroll },
    { label: 'ratio api.stu/enroll', request: { statistic: 'ratio', numerator: 'api.stu', denominator: 'enroll' }, y: num(t, 'api.stu'), x: enroll, rows: withEnroll },
  ];
  for (const variable of ['stype', 'sch.wide']) {
    const v = labels(t, variable);
    for (const level of [...new Set(v)].sort()) {
      stats.push({ label: `prop ${variable}=${level}`, request: { statistic: 'proportion', variable }, level, y: Float64Array.from(v, (s) => (s === level ? 1 : 0)), x: one, rows: all });
    }
  }
  for (const domain of [...new Set(stype)].sort()) {
    stats.push({ label: `mean api00 | stype=${domain}`, request: { statistic: 'mean', variable: 'api00' }, by: 'stype', domain, y: api00, x: one, rows: rowsWhere(n, (i) => stype[i] === domain) });
  }
  return stats;
}

function scdStats(t: Table): Stat[] {
  const all = rowsWhere(t.nrows, () => true);
  return [
    { label: 'total arrests', request: { statistic: 'total', variable: 'arrests' }, y: num(t, 'arrests'), rows: all },
    { label: 'mean alive', request: { statistic: 'mean', variable: 'alive' }, y: num(t, 'alive'), x: new Float64Array(t.nrows).fill(1), rows: all },
    { label: 'ratio alive/arrests', request: { statistic: 'ratio', numerator: 'alive', denominator: 'arrests' }, y: num(t, 'alive'), x: num(t, 'arrests'), rows: all },
  ];
}

/** The library's estimate of one statistic: SE and warnings. */
function libraryEstimate(design: Design, s: Stat): { se: number; warnings: string[] } {
  const options: EstimateOptions = { naRm: true, ...(s.by ? { by: [s.by] } : {}) };
  const out = estimate(design, [s.request], options);
  const rows = out.results.filter((r) => (s.level === undefined || r.level === s.level) && (s.domain === undefined || r.domain[s.by!] === s.domain));
  if (rows.length !== 1) throw new Error(`${s.label}: ${rows.length} result rows`);
  return { se: rows[0]!.se, warnings: out.warnings };
}

// ---------------------------------------------------------------------------------------------------------------
// The decomposition of the header, from the replicate weights.

interface Parts {
  /** (a): replicate SE of the linearised statistic, centred at the mean of the L_r (as R's mse = FALSE). */
  readonly seLinear: number;
  /** (a) centred at 0 (mse). */
  readonly seLinearMse: number;
  /** Replicate SE of the statistic centred at the full-sample estimate, sqrt(sum c_r (L_r g_r)^2) / X, over replicates with X_r > 0. */
  readonly seMse: number;
  /** sqrt((b)) = seMse / seLinearMse. */
  readonly inflation: number;
  readonly gMin: number;
  readonly gMax: number;
  /** Excess kurtosis of the L_r (it widens the Monte Carlo sd of a bootstrap SE by sqrt(1 + kappa/2)). */
  readonly kurtosis: number;
}

function parts(rd: ReplicateDesign, s: Stat): Parts {
  const w = rd.weights;
  let Y = 0;
  let X = 0;
  for (const i of s.rows) {
    Y += w[i]! * s.y[i]!;
    if (s.x) X += w[i]! * s.x[i]!;
  }
  const theta = s.x ? Y / X : 0;
  const e = Float64Array.from(s.rows, (i) => s.y[i]! - (s.x ? theta * s.x[i]! : 0));
  const nr = rd.replicates.length;
  const L = new Float64Array(nr);
  const g = new Float64Array(nr);
  rd.replicates.forEach((wr, r) => {
    let l = 0;
    let xr = 0;
    s.rows.forEach((i, j) => {
      l += (wr[i]! - w[i]!) * e[j]!;
      if (s.x) xr += wr[i]! * s.x[i]!;
    });
    L[r] = l;
    g[r] = s.x ? X / xr : 1;
  });
  let Lbar = 0;
  let used = 0;
  for (let r = 0; r < nr; r++) {
    if (rd.rscales[r]! > 0) {
      Lbar += L[r]!;
      used++;
    }
  }
  Lbar /= used;
  let vLin = 0;
  let vLinMse = 0;
  let vMse = 0;
  let gMin = Infinity;
  let gMax = -Infinity;
  let m2 = 0;
  let m4 = 0;
  for (let r = 0; r < nr; r++) {
    const c = rd.scale * rd.rscales[r]!;
    m2 += (L[r]! - Lbar) ** 2 / nr;
    m4 += (L[r]! - Lbar) ** 4 / nr;
    vLin += c * (L[r]! - Lbar) ** 2;
    vLinMse += c * L[r]! ** 2;
    if (Number.isFinite(g[r]!)) vMse += c * (L[r]! * g[r]!) ** 2; // X_r = 0: no estimate, dropped as R (and the library) drop it
    gMin = Math.min(gMin, g[r]!);
    gMax = Math.max(gMax, g[r]!);
  }
  const X2 = s.x ? X : 1;
  return { seLinear: Math.sqrt(vLin) / X2, seLinearMse: Math.sqrt(vLinMse) / X2, seMse: Math.sqrt(vMse) / X2, inflation: Math.sqrt(vMse / vLinMse), gMin, gMax, kurtosis: m4 / (m2 * m2) - 3 };
}

// ---------------------------------------------------------------------------------------------------------------
// Designs and comparisons.

function goldDesign(name: string, extra: Partial<DesignSpec> = {}): SurveyDesign {
  const g = designs[name];
  if (!g) throw new Error(`no gold design ${name}`);
  return svyDesign(table(g.file), { ...g.spec, ...extra });
}

/** The replicate design; df fixed because R's rank rule (a QR of n x 2000 weights) only matters for intervals, not SEs. */
function replicateOf(d: SurveyDesign, spec: AsReplicateSpec): ReplicateDesign {
  const rd = asReplicateDesign(d, spec);
  return { ...rd, df: rd.replicates.length - 1 };
}

/** A Taylor reference: a design, or a design whose SEs are rescaled (scd: BRR drops the fpc). */
interface Reference {
  readonly label: string;
  readonly se: (s: Stat) => number;
  /** The full recursive Taylor SE, when the reference is the ultimate-cluster one. */
  readonly full?: (s: Stat) => number;
}

const taylor = (label: string, d: SurveyDesign, full?: SurveyDesign): Reference => ({
  label,
  se: (s) => libraryEstimate(d, s).se,
  ...(full ? { full: (s: Stat) => libraryEstimate(full, s).se } : {}),
});

type Status = 'exact' | 'agree' | 'explained' | 'zero';

interface Row {
  readonly design: string;
  readonly method: string;
  readonly stat: string;
  readonly reference: string;
  readonly taylor: number;
  readonly replicate: number;
  readonly ratio: number;
  readonly linear: number;
  readonly inflation: number;
  readonly tolerance: number;
  readonly status: Status;
  readonly note: string;
}

const printed: Row[] = [];

interface Case {
  readonly design: string;
  readonly method: string;
  readonly taylorDesign: SurveyDesign;
  readonly spec: AsReplicateSpec;
  readonly reference: Reference;
  readonly stats: readonly Stat[];
}

interface Compared {
  readonly rows: Row[];
  readonly parts: Parts[];
  readonly replicateMse: number[];
  readonly replicateDesign: ReplicateDesign;
}

const cache = new Map<string, Compared>();

/** Runs a case once (memoised: the domain test reuses it) and records its rows for the printed table. */
function compare(c: Case, tolerance: number): Compared {
  const key = `${c.design} ${c.method}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const rd = replicateOf(c.taylorDesign, c.spec);
  const rows: Row[] = [];
  const ps: Parts[] = [];
  const mses: number[] = [];
  for (const s of c.stats) {
    const T = c.reference.se(s);
    const rep = libraryEstimate(rd, s);
    const mse = libraryEstimate({ ...rd, mse: true }, s).se;
    const p = parts(rd, s);
    ps.push(p);
    mses.push(mse);
    const ratio = rep.se / T;
    const linear = p.seLinear / T;
    const notes: string[] = [];
    if (c.reference.full) notes.push(`vs full recursive Taylor ${(rep.se / c.reference.full(s)).toFixed(4)}`);
    if (c.spec.type === 'bootstrap' || c.spec.type === 'subbootstrap') notes.push(`kappa ${p.kurtosis.toFixed(2)}`);
    else notes.push(`g in [${p.gMin.toFixed(3)}, ${p.gMax.toFixed(3)}]`);
    notes.push(...rep.warnings.filter((m) => m.includes('NaN')));
    const status: Status = T === 0 ? 'zero' : Math.abs(ratio - 1) <= EXACT ? 'exact' : Math.abs(ratio - 1) <= tolerance ? 'agree' : 'explained';
    rows.push({ design: c.design, method: c.method, stat: s.label, reference: c.reference.label, taylor: T, replicate: rep.se, ratio, linear, inflation: p.inflation, tolerance, status, note: notes.join('; ') });
  }
  printed.push(...rows);
  const out = { rows, parts: ps, replicateMse: mses, replicateDesign: rd };
  cache.set(key, out);
  return out;
}

const fixedDenominator = (p: Parts): boolean => Math.abs(p.gMin - 1) <= 1e-12 && Math.abs(p.gMax - 1) <= 1e-12;

afterAll(() => {
  const f = (x: number, d = 4): string => (Number.isFinite(x) ? x.toFixed(d) : String(x));
  const head = ['design', 'method', 'statistic', 'Taylor reference', 'SE Taylor', 'SE replicate', 'rep/Taylor', 'linear/Taylor', 'denominator', 'tolerance', 'status', 'note'];
  const body = printed.map((r) => [
    r.design, r.method, r.stat, r.reference, r.taylor.toPrecision(6), r.replicate.toPrecision(6),
    r.status === 'zero' ? '-' : f(r.ratio), r.status === 'zero' ? '-' : f(r.linear), f(r.inflation),
    r.tolerance === EXACT ? '1e-9' : `+-${r.tolerance.toFixed(4)}`, r.status, r.note,
  ]);
  const width = head.map((h, k) => Math.max(h.length, ...body.map((b) => b[k]!.length)));
  const line = (cells: string[]): string => cells.map((c, k) => c.padEnd(width[k]!)).join('  ').trimEnd();
  console.log(
    `Replicate vs Taylor SEs (bootstrap R = ${R_BOOT}, seed ${SEED}; Monte Carlo band 4/sqrt(2(R-1)) = ${MC_BAND.toFixed(4)}).\n` +
      'linear/Taylor: replicate SE of the linearised statistic; denominator: sqrt of the L^2-weighted mean of (X/X_r)^2;\n' +
      'tolerance: the "agree" threshold (jackknife, BRR, Fay: 1 %, exactness asserted separately; bootstraps: Monte Carlo band + design allowance);\n' +
      'status: exact (1e-9), agree (within the tolerance), explained (outside it, and equal to linear x denominator), zero (Taylor SE 0).\n' +
      `${[line(head), ...body.map(line)].join('\n')}`,
  );
});

// ---------------------------------------------------------------------------------------------------------------

const api = (name: string): Stat[] => apiStats(table(designs[name]!.file));
const ref = (name: string): Reference => taylor(name, goldDesign(name));
const dclus2Uc: Reference = taylor('dclus2 ultimate cluster, stage-1 fpc', goldDesign('dclus2', { ultimateCluster: true }), goldDesign('dclus2'));

/** Jackknife status tolerance ("agree" within 1 %: the few-percent claim, which holds on dstrat only). */
const JK_AGREE = 0.01;

const jk = (design: string, type: 'JK1' | 'JKn', reference: Reference = ref(design)): Case => ({
  design, method: type, taylorDesign: goldDesign(design), spec: { type }, reference, stats: api(design),
});
const jackknifeCases: readonly Case[] = [
  jk('dstrat', 'JKn'),
  jk('dstrat_nofpc', 'JKn'),
  jk('dclus1', 'JK1'),
  jk('dclus1_nofpc', 'JK1'),
  jk('dclus2', 'JK1', dclus2Uc),
  jk('dclus2wr', 'JK1'),
];
const jackknife = (design: string): Compared => compare(jackknifeCases.find((c) => c.design === design)!, JK_AGREE);

const scd = scdStats(table('scd'));
const scdFpcWithout: Reference = { label: 'scd_fpc Taylor / sqrt(1 - 2/5)', se: (s) => libraryEstimate(goldDesign('scd_fpc'), s).se / Math.sqrt(1 - 2 / 5) };
const scdCases: readonly Case[] = [
  { design: 'scd_nofpc', method: 'BRR', taylorDesign: goldDesign('scd_nofpc'), spec: { type: 'BRR' }, reference: ref('scd_nofpc'), stats: scd },
  { design: 'scd_fpc', method: 'BRR (fpc dropped)', taylorDesign: goldDesign('scd_fpc'), spec: { type: 'BRR' }, reference: scdFpcWithout, stats: scd },
  { design: 'scd_nofpc', method: 'Fay rho=0.3', taylorDesign: goldDesign('scd_nofpc'), spec: { type: 'Fay', rho: 0.3 }, reference: ref('scd_nofpc'), stats: scd },
  { design: 'scd_fpc', method: 'JKn', taylorDesign: goldDesign('scd_fpc'), spec: { type: 'JKn' }, reference: ref('scd_fpc'), stats: scd },
  { design: 'scd_nofpc', method: 'JKn', taylorDesign: goldDesign('scd_nofpc'), spec: { type: 'JKn' }, reference: ref('scd_nofpc'), stats: scd },
];

/** Design allowance of the bootstrap: max_h |sqrt(k_h) - 1| (harmonic-mean scale, fpc N_h/(N_h-1)) + unequal copies. */
function bootstrapAllowance(d: SurveyDesign): number {
  const st = d.stages[0]!;
  let inv = 0;
  for (let h = 0; h < st.nStrata; h++) inv += 1 / st.sampled[h]!;
  const nbar = st.nStrata / inv;
  let worst = 0;
  let fpc = false;
  for (let h = 0; h < st.nStrata; h++) {
    const n = st.sampled[h]!;
    const N = st.population[h]!;
    if (Number.isFinite(N)) fpc = true;
    const k = (nbar / (nbar - 1)) * ((n - 1) / n) * (Number.isFinite(N) ? N / (N - 1) : 1);
    worst = Math.max(worst, Math.abs(Math.sqrt(k) - 1));
  }
  return worst + (fpc ? COPIES_ALLOWANCE : 0);
}

interface BootCase extends Case {
  readonly allowance: number;
}
const BOOT = `bootstrap R=${R_BOOT}`;
const SUB = `subbootstrap R=${R_BOOT}`;
const boot = (design: string, reference: Reference = ref(design)): BootCase => ({
  design, method: BOOT, taylorDesign: goldDesign(design), spec: { type: 'bootstrap', replicates: R_BOOT, seed: SEED }, reference, stats: api(design),
  allowance: bootstrapAllowance(goldDesign(design)),
});
/** The subbootstrap ignores the fpc (checked below), so it runs on the no-fpc designs against their Taylor SEs. */
const sub = (design: string): BootCase => ({
  design, method: SUB, taylorDesign: goldDesign(design), spec: { type: 'subbootstrap', replicates: R_BOOT, seed: SEED }, reference: ref(design), stats: api(design),
  allowance: 0,
});
const bootCases: readonly BootCase[] = [
  boot('dstrat'),
  boot('dstrat_nofpc'),
  boot('dclus1'),
  boot('dclus1_nofpc'),
  boot('dclus2', dclus2Uc),
  boot('dclus2wr'),
  sub('dstrat_nofpc'),
  sub('dclus1_nofpc'),
  sub('dclus2wr'),
];
const bootstrap = (design: string, method: string): Compared => {
  const c = bootCases.find((b) => b.design === design && b.method === method)!;
  return compare(c, MC_BAND + c.allowance);
};

// ---------------------------------------------------------------------------------------------------------------

describe('jackknife (JKn with strata, JK1 without): deterministic', () => {
  for (const c of jackknifeCases) {
    const stratified = c.design.startsWith('dstrat');
    it(`${c.design} ${c.method}: linear part = Taylor exactly; SE = Taylor where the denominators are fixed, else within [min g, max g]`, () => {
      const { rows, parts: ps, replicateMse } = jackknife(c.design);
      rows.forEach((row, k) => {
        const s = c.stats[k]!;
        const p = ps[k]!;
        if (row.status === 'zero') {
          // dstrat: the stype proportions are the known N_h / N, SE 0; the replicates reproduce them to rounding.
          expect(stratified && s.label.startsWith('prop stype')).toBe(true);
          expect(row.replicate).toBeLessThan(1e-12);
          return;
        }
        expect(Math.abs(p.seLinear / row.taylor - 1), `${row.stat} linear part`).toBeLessThanOrEqual(EXACT);
        expect(Math.abs(p.seLinearMse / row.taylor - 1), `${row.stat} linear part (mse)`).toBeLessThanOrEqual(EXACT); // the L_r average 0 in every stratum
        expect(Math.abs(replicateMse[k]! / p.seMse - 1), `${row.stat} = (a) x (b)`).toBeLessThanOrEqual(EXACT);
        // Totals everywhere, and on dstrat every statistic but the ratio, keep their replicate denominators.
        const fixed = !s.x || (stratified && s.request.statistic !== 'ratio');
        expect(fixedDenominator(p), row.stat).toBe(fixed);
        if (fixed) {
          expect(row.status, row.stat).toBe('exact');
          return;
        }
        const r = replicateMse[k]! / row.taylor;
        expect(r).toBeGreaterThanOrEqual(p.gMin * (1 - EXACT));
        expect(r).toBeLessThanOrEqual(p.gMax * (1 + EXACT));
        if (stratified) {
          // n_h >= 50 schools: the replicate denominators move by < 1 %, hence so does the SE.
          expect(Math.max(1 - p.gMin, p.gMax - 1)).toBeLessThan(JK_AGREE);
          expect(Math.abs(row.ratio - 1)).toBeLessThanOrEqual(JK_AGREE);
        }
      });
    });
  }

  it('dclus1 JK1 mean api00 is R\'s 26.33 (gold rclus1_JK1.nomse.mean.api00) against the Taylor 23.54 (gold dclus1.mean.api00_api99)', () => {
    const row = jackknife('dclus1').rows.find((r) => r.stat === 'mean api00')!;
    expect(Math.abs(row.replicate / 26.3293605895276 - 1)).toBeLessThanOrEqual(EXACT);
    expect(Math.abs(row.taylor / 23.542240693781 - 1)).toBeLessThanOrEqual(EXACT);
    expect(row.status).toBe('explained');
  });
});

describe('BRR, Fay and JKn on scd (3 strata of 2 PSUs): deterministic', () => {
  for (const c of scdCases) {
    it(`${c.design} ${c.method}: total and mean equal Taylor exactly; the ratio within [min g, max g]`, () => {
      const { rows, parts: ps, replicateMse, replicateDesign } = compare(c, JK_AGREE);
      if (c.method.startsWith('BRR') && c.design === 'scd_fpc') expect(replicateDesign.warnings).toContain('Finite population correction dropped in conversion');
      rows.forEach((row, k) => {
        const p = ps[k]!;
        expect(Math.abs(p.seLinear / row.taylor - 1), `${row.stat} linear part`).toBeLessThanOrEqual(EXACT);
        expect(Math.abs(replicateMse[k]! / p.seMse - 1), `${row.stat} = (a) x (b)`).toBeLessThanOrEqual(EXACT);
        if (c.stats[k]!.request.statistic !== 'ratio') {
          expect(fixedDenominator(p)).toBe(true);
          expect(row.status, row.stat).toBe('exact');
        } else {
          const r = replicateMse[k]! / row.taylor;
          expect(r).toBeGreaterThanOrEqual(p.gMin * (1 - EXACT));
          expect(r).toBeLessThanOrEqual(p.gMax * (1 + EXACT));
        }
      });
    });
  }

  it('BRR ratio alive/arrests is R\'s (gold scd.BRR_auto.ratio): 0.960 of the Taylor SE, from the denominators alone', () => {
    const row = compare(scdCases[0]!, JK_AGREE).rows.find((r) => r.stat === 'ratio alive/arrests')!;
    expect(Math.abs(row.replicate / 0.00941840066991849 - 1)).toBeLessThanOrEqual(EXACT);
    expect(Math.abs(row.linear - 1)).toBeLessThanOrEqual(EXACT);
  });
});

describe(`bootstrap and subbootstrap, R = ${R_BOOT} replicates (seed ${SEED}): within 4/sqrt(2(R-1)) + design allowance`, () => {
  it('the design allowances are as stated: 0.0035 + 0.005 (copies) on dstrat; < 0.001 + 0.005 on the one-stratum designs with fpc; 0 otherwise', () => {
    expect(bootstrapAllowance(goldDesign('dstrat')) - COPIES_ALLOWANCE).toBeCloseTo(0.0035, 4);
    expect(bootstrapAllowance(goldDesign('dstrat_nofpc'))).toBeCloseTo(0.0034, 4);
    for (const name of ['dclus1', 'dclus2']) expect(bootstrapAllowance(goldDesign(name)) - COPIES_ALLOWANCE).toBeLessThan(0.001);
    for (const name of ['dclus1_nofpc', 'dclus2wr']) expect(bootstrapAllowance(goldDesign(name))).toBeLessThan(1e-12);
  });

  for (const c of bootCases) {
    const tolerance = MC_BAND + c.allowance;
    it(`${c.design} ${c.method}: linear part within +-${tolerance.toFixed(4)} of Taylor for every statistic; the SE too where the denominators are fixed to first order`, () => {
      const { rows, parts: ps, replicateMse } = bootstrap(c.design, c.method);
      rows.forEach((row, k) => {
        const s = c.stats[k]!;
        const p = ps[k]!;
        if (row.status === 'zero') {
          expect(c.design.startsWith('dstrat') && s.label.startsWith('prop stype')).toBe(true);
          expect(row.replicate).toBeLessThan(1e-12);
          return;
        }
        // (a), the Monte Carlo claim, for every statistic.
        expect(Math.abs(p.seLinear / row.taylor - 1), `${row.stat} linear part`).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(p.seLinearMse / row.taylor - 1), `${row.stat} linear part (mse)`).toBeLessThanOrEqual(tolerance);
        // The replicate SE is exactly (a) x (b).
        expect(Math.abs(replicateMse[k]! / p.seMse - 1), `${row.stat} = (a) x (b)`).toBeLessThanOrEqual(EXACT);
        // The SE itself where (b) is 1 to first order: totals, and every statistic of the stratified element sample.
        if (c.design.startsWith('dstrat') || !s.x) expect(Math.abs(row.ratio - 1), `${row.stat} SE ratio`).toBeLessThanOrEqual(tolerance);
      });
    });
  }

  it('the subbootstrap ignores the fpc: the same replicate weights with and without it', () => {
    const pairs = [['dstrat', 'dstrat_nofpc'], ['dclus1', 'dclus1_nofpc']] as const;
    for (const [withFpc, without] of pairs) {
      const spec: AsReplicateSpec = { type: 'subbootstrap', replicates: 50, seed: SEED };
      const a = asReplicateDesign(goldDesign(withFpc), spec);
      const b = asReplicateDesign(goldDesign(without), spec);
      expect(a.scale).toBe(b.scale);
      a.replicates.forEach((w, r) => expect(Array.from(w)).toEqual(Array.from(b.replicates[r]!)));
    }
  });
});

describe('domains (mean api00 by stype): replicate SEs track the Taylor ones', () => {
  const domainRows = (x: Compared): Row[] => x.rows.filter((r) => r.stat.startsWith('mean api00 |'));

  it('dstrat: JKn equals Taylor in every domain; the bootstrap agrees within the Monte Carlo tolerance', () => {
    for (const r of domainRows(jackknife('dstrat'))) expect(r.status, r.stat).toBe('exact');
    for (const r of domainRows(bootstrap('dstrat', BOOT))) expect(r.status, r.stat).toBe('agree');
  });

  it('cluster designs: every method ranks the three domains as Taylor does, and each domain\'s linear part is Taylor\'s', () => {
    const runs: [string, Compared][] = [];
    for (const d of ['dclus1', 'dclus1_nofpc', 'dclus2', 'dclus2wr']) runs.push([`${d} JK1`, jackknife(d)], [`${d} ${BOOT}`, bootstrap(d, BOOT)]);
    for (const d of ['dclus1_nofpc', 'dclus2wr']) runs.push([`${d} ${SUB}`, bootstrap(d, SUB)]);
    for (const [name, run] of runs) {
      const rows = domainRows(run);
      expect(rows).toHaveLength(3);
      const order = (key: 'taylor' | 'replicate'): string[] => [...rows].sort((a, b) => a[key] - b[key]).map((r) => r.stat);
      expect(order('replicate'), name).toEqual(order('taylor'));
      for (const r of rows) expect(Math.abs(r.linear - 1), `${name} ${r.stat}`).toBeLessThanOrEqual(r.method === 'JK1' ? EXACT : r.tolerance);
    }
  });
});
