/**
 * The shipped Atlantis recruitment cost survey 2024 (datasets/atlantis-rcs): byte-identical regeneration, the weights
 * against the population size, truth.json recomputed by a second, simple code path (from the population's tables
 * and fx_rates.csv, not from the generator's arrays), every rule-exercising case present in the sample, the exchange
 * rates covering every amount, the profiles, and the codebook.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAtlantisRcs, generateRcsWorld } from '../../datasets/atlantis/rcs-build.js';
import { costsTable, workersTable } from '../../datasets/atlantis/rcs-tables.js';
import { checkProfile } from '../../src/profile/check.js';
import { loadProfile } from '../../src/profile/load.js';
import { readTable } from '../../src/io/read.js';
import type { Table } from '../../src/io/table.js';
import { numbers, root } from './support.js';

const dir = `${root}datasets/atlantis-rcs/`;
interface Checksums {
  readonly seed: number;
  readonly workers: number;
  readonly node: string;
  readonly duckdb: string;
  readonly selected: number;
  readonly responded: number;
  readonly replicate_scale: number;
  readonly sha256: Readonly<Record<string, string>>;
}
const checksums = JSON.parse(readFileSync(`${dir}checksums.json`, 'utf8')) as Checksums;
const truth = JSON.parse(readFileSync(`${dir}truth.json`, 'utf8')) as {
  population: { workers: number };
  indicator: Record<string, unknown> & { rci: number; N: number };
  scope: Record<string, unknown>;
};
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

// ------------------------------------------------------------------------------------------------------------------
// The second code path: SDG 10.7.1 per worker from tables shaped like the files and the text of fx_rates.csv.

const text = (t: Table, name: string): (string | null)[] => {
  const c = t.column(name);
  if (c.kind === 'number') throw new Error(`${name} is numeric`);
  return Array.from(c.codes, (k) => (k < 0 ? null : c.levels[k]!));
};
const isoDay = (days: number): string => new Date(days * 86_400_000).toISOString().slice(0, 10);

function readFx(): Map<string, number> {
  const lines = readFileSync(`${dir}fx_rates.csv`, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('currency,month,rate,base');
  const fx = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const [currency, month, rate, base] = line.split(',');
    expect(base).toBe('USD');
    expect(fx.has(`${currency} ${month}`), `${currency} ${month} twice`).toBe(false);
    fx.set(`${currency} ${month}`, Number(rate));
  }
  return fx;
}

interface Row {
  readonly status: string;
  readonly rc: number;
  readonly e: number;
  readonly r: number;
}

/** Status (used, an out-of-scope or exclusion reason) and RC, E, r in USD of every worker row, rules of truth.json. */
function simpleRatios(workers: Table, costs: Table, fx: Map<string, number>, includeLoanInterest = false): Row[] {
  const toUsd = (amount: number, currency: string, day: number): number => {
    const rate = fx.get(`${currency} ${isoDay(day).slice(0, 7)}`);
    if (rate === undefined) throw new Error(`no rate for ${currency} ${isoDay(day).slice(0, 7)}`);
    return amount / rate;
  };
  const items = new Map<number, number[]>();
  numbers(costs, 'worker_id').forEach((id, k) => {
    const list = items.get(id);
    if (list) list.push(k);
    else items.set(id, [k]);
  });
  const [amount, date] = [numbers(costs, 'cost_amount'), numbers(costs, 'cost_date')];
  const [currency, paidBy, deducted, type] = [text(costs, 'cost_currency'), text(costs, 'cost_paid_by'), text(costs, 'cost_deducted'), text(costs, 'cost_type')];
  const ids = numbers(workers, 'worker_id');
  const [earnings, start] = [numbers(workers, 'first_month_earnings'), numbers(workers, 'job_start_date')];
  const [status, moved, reason] = [text(workers, 'job_status_abroad'), text(workers, 'changed_usual_residence'), text(workers, 'reason_for_migration')];
  const [earnCurrency, basis] = [text(workers, 'first_month_earnings_currency'), text(workers, 'first_month_earnings_basis')];
  return Array.from(ids, (id, i): Row => {
    const out = (s: string): Row => ({ status: s, rc: NaN, e: NaN, r: NaN });
    if (status[i] === 'self-employed') return out('self-employed');
    if (status[i] !== 'employee') return out('other-status');
    if (moved[i] === 'no') return out('short-term');
    if (!['work-job-found', 'work-seeking', 'work'].includes(reason[i]!)) return out('non-work-migrant');
    if (isoDay(start[i]!) < '2021-01-01') return out('job-before-window');
    if (Number.isNaN(earnings[i]!)) return out('earnings-missing');
    if (earnings[i]! <= 0) return out('earnings-zero');
    let rc = 0;
    let back = 0;
    for (const k of items.get(id) ?? []) {
      const isDeducted = deducted[k] === 'yes';
      const counts = (paidBy[k] === 'worker' || paidBy[k] === 'family' || isDeducted) && (includeLoanInterest || type[k] !== 'loan-interest');
      if (!counts && !isDeducted) continue;
      if (Number.isNaN(amount[k]!)) {
        if (counts) return out('cost-amount-missing');
        continue;
      }
      const usd = toUsd(amount[k]!, currency[k]!, date[k]!);
      if (counts) rc += usd;
      if (isDeducted) back += usd;
    }
    const e = toUsd(earnings[i]!, earnCurrency[i]!, start[i]!) + (basis[i] === 'net' ? back : 0);
    return { status: 'used', rc, e, r: rc / e };
  });
}

const lower = (values: number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[s.findIndex((_, k) => k + 1 >= p * s.length)]!;
};

// ------------------------------------------------------------------------------------------------------------------

describe('shipped files', () => {
  it('are the files of checksums.json with their hashes, a few MB in all', () => {
    for (const [name, hash] of Object.entries(checksums.sha256)) expect(sha256(`${dir}${name}`), name).toBe(hash);
    const files = readdirSync(dir);
    const generated = files.filter((f) => !['README.md', 'checksums.json'].includes(f) && !f.startsWith('profile'));
    expect(generated.sort()).toEqual(Object.keys(checksums.sha256).sort());
    expect(generated.sort()).toEqual(['deflator.csv', 'fx_rates.csv', 'rcs_2024_costs.csv', 'rcs_2024_costs.parquet', 'rcs_2024_workers.csv', 'rcs_2024_workers.parquet', 'truth.json']);
    const bytes = files.reduce((a, f) => a + statSync(join(dir, f)).size, 0);
    expect(bytes).toBeLessThan(4 * 1024 * 1024);
  });

  it('are regenerated byte for byte by the same seed (hashes pinned to the Node and DuckDB versions of package.json)', async () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { dependencies: Record<string, string> };
    expect(checksums.duckdb, 'regenerate with npm run datasets after changing DuckDB').toBe(pkg.dependencies['@duckdb/node-api']);
    expect(checksums.node, 'the hashes were made with another Node major version').toBe(process.versions.node.split('.')[0]);
    const out = mkdtempSync(join(tmpdir(), 'migstat-atlantis-rcs-'));
    const built = await buildAtlantisRcs({ out, seed: checksums.seed, workers: checksums.workers });
    expect(built.sha256).toEqual(checksums.sha256);
    expect(built.replicateScale).toBe(checksums.replicate_scale);
    expect([built.selected, built.responded]).toEqual([checksums.selected, checksums.responded]);
  }, 120_000);
});

describe('the sample', () => {
  let workers: Table;
  let costs: Table;
  let fx: Map<string, number>;
  let rows: Row[];
  beforeAll(async () => {
    workers = await readTable(`${dir}rcs_2024_workers.parquet`);
    costs = await readTable(`${dir}rcs_2024_costs.parquet`);
    fx = readFx();
    rows = simpleRatios(workers, costs, fx);
  });

  it('has 2,000-3,000 workers, one row each, and 100 replicate weights', () => {
    expect(workers.nrows).toBe(checksums.responded);
    expect(workers.nrows).toBeGreaterThanOrEqual(2000);
    expect(workers.nrows).toBeLessThanOrEqual(3000);
    expect(new Set(numbers(workers, 'worker_id')).size).toBe(workers.nrows);
    expect(workers.names.filter((n) => /^repw_\d{3}$/.test(n))).toHaveLength(100);
    const ids = new Set(numbers(workers, 'worker_id'));
    for (const id of numbers(costs, 'worker_id')) expect(ids.has(id)).toBe(true);
  });

  it('the weights add up to the population size within 3.5 design standard errors (and 3%)', () => {
    // The weights are Horvitz-Thompson weights (PPS areas on an outdated measure of size, SRS of workers) adjusted for
    // nonresponse within strata, which keeps each stratum's sum of base weights: their total is an unbiased estimate
    // of N whose only error is sampling error. Its SE (strata, areas with replacement, first-stage fpc) sets the tolerance.
    const w = numbers(workers, 'weight');
    const [stratum, ea, eaTotal] = [numbers(workers, 'stratum'), numbers(workers, 'ea'), numbers(workers, 'ea_total')];
    const byArea = new Map<number, { h: number; z: number; N: number }>();
    w.forEach((wi, i) => {
      const a = byArea.get(ea[i]!) ?? { h: stratum[i]!, z: 0, N: eaTotal[i]! };
      a.z += wi;
      byArea.set(ea[i]!, a);
    });
    let variance = 0;
    for (let h = 1; h <= 10; h++) {
      const z = [...byArea.values()].filter((a) => a.h === h);
      const mean = z.reduce((s, a) => s + a.z, 0) / z.length;
      const f = 1 - z.length / z[0]!.N;
      variance += (f * z.length) / (z.length - 1) * z.reduce((s, a) => s + (a.z - mean) ** 2, 0);
    }
    const total = w.reduce((a, b) => a + b, 0);
    const N = truth.population.workers;
    expect(Math.abs(total - N) / Math.sqrt(variance), `sum of weights ${total}, N ${N}, se ${Math.sqrt(variance)}`).toBeLessThan(3.5);
    expect(Math.abs(total - N) / N).toBeLessThan(0.03);
    // every replicate weight set estimates N too, with the spread the scale turns into a variance close to the Taylor one
    const reps = workers.names.filter((n) => /^repw_\d{3}$/.test(n)).map((n) => numbers(workers, n).reduce((a, b) => a + b, 0));
    const repMean = reps.reduce((a, b) => a + b, 0) / reps.length;
    const repVar = checksums.replicate_scale * reps.reduce((a, t) => a + (t - repMean) ** 2, 0);
    expect(repVar / variance).toBeGreaterThan(0.5);
    expect(repVar / variance).toBeLessThan(2);
  });

  it('exercises every rule of the indicator', () => {
    const used = rows.map((r, i) => [r, i] as const).filter(([r]) => r.status === 'used');
    const count = (s: string): number => rows.filter((r) => r.status === s).length;
    // out of scope by each reason, and the exclusions of in-scope workers
    for (const s of ['self-employed', 'other-status', 'short-term', 'non-work-migrant', 'job-before-window', 'earnings-missing', 'earnings-zero', 'cost-amount-missing']) {
      expect(count(s), s).toBeGreaterThanOrEqual(s === 'other-status' || s === 'earnings-zero' ? 2 : 5);
    }
    expect(used.length).toBeGreaterThan(1000);
    // zero-cost workers kept, and a heavy right tail
    expect(used.filter(([r]) => r.rc === 0).length).toBeGreaterThan(50);
    expect(used.filter(([r]) => r.r > 24).length).toBeGreaterThanOrEqual(5);
    // items of the used workers: employer-paid (excluded), deducted (included, also when the employer is the payer),
    // loan interest (excluded), paid by the family, irregular payments, and mixed currencies
    const usedIds = new Set(used.map(([, i]) => numbers(workers, 'worker_id')[i]!));
    const itemRows = Array.from(numbers(costs, 'worker_id'), (id, k) => [id, k] as const).filter(([id]) => usedIds.has(id)).map(([, k]) => k);
    const [paidBy, deducted, type, currency] = [text(costs, 'cost_paid_by'), text(costs, 'cost_deducted'), text(costs, 'cost_type'), text(costs, 'cost_currency')];
    const some = (f: (k: number) => boolean): number => itemRows.filter(f).length;
    expect(some((k) => paidBy[k] === 'employer' && deducted[k] === 'no')).toBeGreaterThan(100);
    expect(some((k) => paidBy[k] === 'other' && deducted[k] === 'no')).toBeGreaterThan(5);
    expect(some((k) => deducted[k] === 'yes' && paidBy[k] === 'employer')).toBeGreaterThan(20);
    expect(some((k) => deducted[k] === 'yes' && paidBy[k] === 'worker')).toBeGreaterThan(5);
    expect(some((k) => type[k] === 'loan-interest')).toBeGreaterThan(50);
    expect(some((k) => paidBy[k] === 'family')).toBeGreaterThan(100);
    expect(some((k) => type[k] === 'irregular')).toBeGreaterThan(20);
    expect(new Set(itemRows.map((k) => currency[k])).size).toBeGreaterThanOrEqual(7);
    const currencies = new Map<number, Set<string>>();
    numbers(costs, 'worker_id').forEach((id, k) => usedIds.has(id) && currencies.set(id, (currencies.get(id) ?? new Set()).add(currency[k]!)));
    expect([...currencies.values()].filter((s) => s.size >= 2).length).toBeGreaterThan(100);
    // net-basis earnings with deductions to add back
    const basis = text(workers, 'first_month_earnings_basis');
    const withDeduction = new Set(itemRows.filter((k) => deducted[k] === 'yes').map((k) => numbers(costs, 'worker_id')[k]!));
    expect(used.filter(([, i]) => basis[i] === 'net' && withDeduction.has(numbers(workers, 'worker_id')[i]!)).length).toBeGreaterThan(10);
  });

  it('estimates the truth: the weighted mean of ratios is within 3.5 replicate standard errors of the population RCI', () => {
    const reps = [numbers(workers, 'weight'), ...workers.names.filter((n) => /^repw_\d{3}$/.test(n)).map((n) => numbers(workers, n))];
    const est = reps.map((w) => {
      let num = 0;
      let den = 0;
      rows.forEach((r, i) => {
        if (r.status !== 'used') return;
        num += w[i]! * r.r;
        den += w[i]!;
      });
      return num / den;
    });
    const repMean = est.slice(1).reduce((a, b) => a + b, 0) / (est.length - 1);
    const se = Math.sqrt(checksums.replicate_scale * est.slice(1).reduce((a, t) => a + (t - repMean) ** 2, 0));
    expect(Math.abs(est[0]! - truth.indicator.rci) / se, `estimate ${est[0]}, truth ${truth.indicator.rci}, se ${se}`).toBeLessThan(3.5);
  });

  it('fx_rates.csv has every currency for every month from the earliest date of the population to 2024-12', () => {
    const months = new Set([...fx.keys()].map((k) => k.split(' ')[1]!));
    const currencies = new Set([...fx.keys()].map((k) => k.split(' ')[0]!));
    expect([...currencies].sort()).toEqual(['AED', 'ATD', 'EUR', 'KRW', 'MYR', 'QAR', 'SAR', 'USD']);
    expect(fx.size).toBe(months.size * currencies.size);
    const sorted = [...months].sort();
    expect(sorted.at(-1)).toBe('2024-12');
    for (let k = 1; k < sorted.length; k++) {
      const [y, m] = sorted[k - 1]!.split('-').map(Number);
      expect(sorted[k]).toBe(m === 12 ? `${y! + 1}-01` : `${y}-${String(m! + 1).padStart(2, '0')}`);
    }
    // every amount of the sample has its rate (simpleRatios throws otherwise), and so does every date of the files
    for (const d of [...numbers(costs, 'cost_date'), ...numbers(workers, 'job_start_date')]) expect(isoDay(d).slice(0, 7) >= sorted[0]!).toBe(true);
    // ATD depreciates; the Gulf pegs hold
    expect(fx.get(`ATD 2024-12`)! / fx.get(`ATD ${sorted[0]}`)!).toBeGreaterThan(1.2);
    expect(fx.get('SAR 2024-12')).toBe(3.75);
    const deflator = readFileSync(`${dir}deflator.csv`, 'utf8').trim().split('\n');
    expect(deflator[0]).toBe('year,index');
    expect(deflator.at(-1)).toBe('2024,100');
    expect(Number(deflator[1]!.split(',')[0])).toBeLessThanOrEqual(Number(sorted[0]!.slice(0, 4)));
  });
});

describe('truth.json', () => {
  it('is recomputed from every worker of the population by a second code path', () => {
    const pop = generateRcsWorld({ seed: checksums.seed, workers: checksums.workers });
    const all = Int32Array.from({ length: pop.workers.count }, (_, i) => i);
    const workers = workersTable(pop, all);
    const costs = costsTable(pop, all);
    const rows = simpleRatios(workers, costs, readFx());
    const ind = truth.indicator as Record<string, unknown>;
    const close = (a: number, b: number, what: string): void => expect(Math.abs(a - b) / Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`).toBeLessThan(1e-9);
    const used = rows.map((r, i) => [r, i] as const).filter(([r]) => r.status === 'used');
    const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(used.length).toBe(truth.indicator.N);
    close(mean(used.map(([r]) => r.r)), truth.indicator.rci, 'rci');
    close(lower(used.map(([r]) => r.r), 0.5), ind.median as number, 'median');
    close(lower(used.map(([r]) => r.r), 0.75), ind.p75 as number, 'p75');
    close(used.reduce((a, [r]) => a + r.rc, 0) / used.reduce((a, [r]) => a + r.e, 0), ind.ratio_of_means as number, 'ratio of means');
    close(used.filter(([r]) => r.rc > 0).length / used.length, ind.share_rc_positive as number, 'share RC > 0');
    close(mean(used.map(([r]) => r.rc)), ind.mean_rc_usd as number, 'mean RC');
    close(mean(used.map(([r]) => r.e)), ind.mean_e_usd as number, 'mean E');
    expect(used.filter(([r]) => r.r > 24).length).toBe(ind.above_24_months);
    const cells = (column: string, names: Readonly<Record<string, string>> = {}): Record<string, { rci: number; N: number }> => {
      const c = workers.column(column);
      const key = (i: number): string => (c.kind === 'number' ? String(c.values[i]) : c.levels[c.codes[i]!]!);
      const groups = new Map<string, number[]>();
      for (const [r, i] of used) {
        const k = names[key(i)] ?? key(i);
        const list = groups.get(k);
        if (list) list.push(r.r);
        else groups.set(k, [r.r]);
      }
      return Object.fromEntries([...groups].map(([k, rs]) => [k, { rci: mean(rs), N: rs.length }]));
    };
    for (const [name, got] of [
      ['by_sex', cells('sex', { 1: 'M', 2: 'F' })], ['by_destination', cells('destination_country')], ['by_channel', cells('recruitment_channel')],
      ['by_occupation_isco08_major', cells('occupation_isco08')],
    ] as const) {
      const want = ind[name] as Record<string, { rci: number; N: number }>;
      expect(Object.keys(got).sort(), name).toEqual(Object.keys(want).sort());
      for (const [k, v] of Object.entries(want)) {
        expect(got[k]!.N, `${name} ${k}`).toBe(v.N);
        close(got[k]!.rci, v.rci, `${name} ${k}`);
      }
    }
    const scope = truth.scope as { population: number; out_of_scope_first_reason: Record<string, number>; in_scope_excluded: Record<string, number>; used: number };
    expect(scope.population).toBe(pop.workers.count);
    for (const [reason, n] of [...Object.entries(scope.out_of_scope_first_reason), ...Object.entries(scope.in_scope_excluded)]) {
      expect(rows.filter((r) => r.status === reason).length, reason).toBe(n);
    }
    // the loan-interest alternative
    const withInterest = simpleRatios(workers, costs, readFx(), true).filter((r) => r.status === 'used');
    const alt = (truth as unknown as { alternatives: { include_loan_interest: { rci: number } } }).alternatives.include_loan_interest;
    close(mean(withInterest.map((r) => r.r)), alt.rci, 'rci with loan interest');
  }, 60_000);
});

describe('profiles and codebook', () => {
  it('map the worker and cost files without errors (Parquet and csv; Taylor and replicates)', async () => {
    for (const [profile, format] of [['profile.yaml', 'parquet'], ['profile.yaml', 'csv'], ['profile_replicates.yaml', 'parquet']] as const) {
      const report = checkProfile(loadProfile(`${dir}${profile}`), {
        workers: await readTable(`${dir}rcs_2024_workers.${format}`),
        costs: await readTable(`${dir}rcs_2024_costs.${format}`),
      });
      expect(report.problems, `${profile} on ${format}`).toEqual([]);
      expect(report.ok).toBe(true);
    }
    const taylor = loadProfile(`${dir}profile.yaml`).profile;
    expect(taylor.survey?.country).toBe('ATL');
    expect([taylor.design?.weight?.column, taylor.design?.strata?.column, taylor.design?.psu?.map((c) => c.column), taylor.design?.fpc?.map((c) => c.column)]).toEqual(['weight', 'stratum', ['ea', 'worker_id'], ['ea_total']]);
    const rep = loadProfile(`${dir}profile_replicates.yaml`).profile.design!;
    expect(rep.strata ?? rep.psu ?? rep.fpc).toBeUndefined();
    expect(rep.replicate_weights?.type).toBe('bootstrap');
    expect(rep.replicate_weights?.scale).toBe(checksums.replicate_scale);
  });

  it('README.md documents every column of both files, the rules and the licence', async () => {
    const readme = readFileSync(`${dir}README.md`, 'utf8');
    for (const f of ['workers', 'costs']) {
      const table = await readTable(`${dir}rcs_2024_${f}.parquet`);
      for (const name of table.names.filter((n) => !/^repw_\d{3}$/.test(n) || n === 'repw_001' || n === 'repw_100')) expect(readme, `${f}: column ${name}`).toContain(`\`${name}\``);
    }
    for (const words of ['truth.json', 'fx_rates.csv', 'deflator.csv', 'checksums.json', 'profile.yaml', 'profile_replicates.yaml', 'CC0', 'ATD']) expect(readme).toContain(words);
  });
});
