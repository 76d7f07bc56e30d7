/**
 * DuckDB floor of the ILMS indicator benchmark (issue 6): the same table set as migstat's totals, rates and means
 * (weighted totals and ratios of totals by sex x classif1 x classif2 and every subset of them), point estimates only,
 * in ONE SQL pass: a GROUP BY GROUPING SETS over the derived table that `npx tsx bench/indicators.bench.ts --only
 * export` writes (the standard table's design columns with the catalogue's variables and classifications: the
 * derivation itself is not part of the floor).
 *
 *   npx tsx bench/indicators-duckdb.ts [--data DIR] [--runs 5] [--threads N] [--psu-sums]
 *
 * Defaults: bench/data/atlantis-1m (derived.csv, tableset.json), 5 timed runs after one untimed warm-up, at DuckDB's
 * default thread count and at threads=1 (the fair match for single-threaded JS). Per configuration:
 * 1. load derived.csv into an in-memory table (explicit types; timed once);
 * 2. the one-pass query: sum(weight * v) for every variable v of the set over the union of the grouping sets of all
 *    groups (a by-variable's NULL, a row outside that classification's tabulation, is left out of that set's cells,
 *    as migstat's domains leave it out), result materialised in Node (`runAndReadAll`): median of the runs;
 *    The same with one GROUP BY of the rows by all the by-columns together first (the finest cross-classification,
 *    a few thousand cells), then the grouping sets over those partial sums: still one scan of the rows, and faster.
 * 3. with --psu-sums, for reference, the first with the first-stage units (strata, psu1) added to every grouping set:
 *    the per-PSU sums from which the first-stage part of a Taylor SE follows (not the SEs themselves; 7-15 GiB RSS).
 * Untimed: the totals and ratios from the sums of (2), checked against bench/out/indicators-migstat-<data folder>.csv (every key,
 * 1e-9 relative; exit code 1 otherwise).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { benchDir, median, ms, nowMs, procStatus, rootDir } from './support.js';

interface Task {
  readonly group: string;
  readonly by: string[];
  readonly totals: string[];
  readonly ratios: { den: string; nums: string[] }[];
}
interface TableSet {
  readonly rows: number;
  readonly design: { weight: string; strata: string; psu: string[]; fpc: string[] };
  readonly levels: Record<string, string[]>;
  readonly tasks: Task[];
}

function parseArgs(argv: readonly string[]): { data: string; runs: number; threads: (number | undefined)[]; psuSums: boolean } {
  let data = join(benchDir, 'data/atlantis-1m');
  let runs = 5;
  let threads: (number | undefined)[] = [undefined, 1];
  let psuSums = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data') data = argv[++i]!;
    else if (a === '--runs') runs = Number(argv[++i]);
    else if (a === '--threads') threads = [Number(argv[++i])];
    else if (a === '--psu-sums') psuSums = true;
    else throw new Error(`unknown argument ${a}; usage: npx tsx bench/indicators-duckdb.ts [--data DIR] [--runs 5] [--threads N] [--psu-sums]`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive whole number');
  if (!existsSync(join(data, 'tableset.json'))) throw new Error(`no ${join(data, 'tableset.json')}: run npx tsx bench/indicators.bench.ts --only export first`);
  return { data: resolve(data), runs, threads, psuSums };
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The variables summed, the distinct grouping sets (as in the tasks' order of dimensions) and the by-columns. */
function plan(set: TableSet): { variables: string[]; sets: string[][]; dims: string[] } {
  const variables = [...new Set(set.tasks.flatMap((t) => [...t.totals, ...t.ratios.flatMap((r) => [r.den, ...r.nums])]))];
  const sets = new Map<string, string[]>();
  for (const t of set.tasks) sets.set(t.by.join('+'), t.by);
  const dims = [...new Set(set.tasks.flatMap((t) => t.by))];
  return { variables, sets: [...sets.values()], dims };
}

/**
 * The one-pass query: every variable's weighted sum over every grouping set (extra columns prefixed to every set).
 * `fine`: first one GROUP BY of the rows by all the by-columns together (the finest cross-classification), then the
 * grouping sets over those partial sums (still one scan of the rows; the sums are re-associated, so they can differ
 * from the direct ones in the last bits).
 */
function onePassSql(set: TableSet, extra: readonly string[] = [], fine = false): string {
  const { variables, sets, dims } = plan(set);
  const w = ident(set.design.weight);
  const groupingSets = sets.map((s) => `(${[...extra, ...s].map(ident).join(', ')})`).join(',\n      ');
  const nullInSet = dims.map((d) => `(GROUPING(${ident(d)}) = 0 AND ${ident(d)} IS NULL)`).join(' OR ');
  const cols = [...extra, ...dims].map(ident).join(', ');
  const from = fine
    ? `(SELECT ${cols}, ${variables.map((v) => `sum(${w} * ${ident(v)}) AS ${ident(`p_${v}`)}`).join(', ')} FROM t GROUP BY ${cols})`
    : 't';
  const summed = (v: string): string => (fine ? `sum(${ident(`p_${v}`)})` : `sum(${w} * ${ident(v)})`);
  return `
    SELECT GROUPING(${dims.map(ident).join(', ')}) AS g, ${cols},
      ${variables.map((v) => `${summed(v)} AS ${ident(`s_${v}`)}`).join(',\n      ')}
    FROM ${from}
    GROUP BY GROUPING SETS (
      ${groupingSets})
    HAVING NOT (${nullInSet})`;
}

interface Timing {
  readonly label: string;
  readonly times: number[];
  readonly rows: number;
  /** VmHWM during the runs (reset before them). */
  readonly peak: number;
  readonly result: Record<string, unknown[]>;
}

interface Config {
  readonly setting: string;
  readonly loadMs: number;
  readonly rows: number;
  readonly timings: Timing[];
}

/** Resets the kernel's peak-RSS counter (VmHWM) of this process; false where not allowed. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function runConfig(data: string, set: TableSet, runs: number, threads: number | undefined, psuSums: boolean): Promise<Config> {
  const instance = await DuckDBInstance.create(':memory:', threads === undefined ? {} : { threads: String(threads) });
  const con = await instance.connect();
  const setting = String((await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]![0]);
  const header = readFileSync(join(data, 'derived.csv'), 'utf8').slice(0, 4096).split('\n')[0]!.split(',');
  const types = header.map((c) => `${sqlString(c)}: '${c.startsWith('c_') ? 'INTEGER' : 'DOUBLE'}'`).join(', ');
  const t0 = nowMs();
  await con.run(`CREATE TABLE t AS SELECT * FROM read_csv(${sqlString(join(data, 'derived.csv'))}, header = true, columns = {${types}})`);
  const loadMs = nowMs() - t0;
  const rows = Number((await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]![0]);
  const queries: [string, string][] = [
    ['one pass, GROUPING SETS over the rows', onePassSql(set)],
    ['one pass, finest cross-classification first, then GROUPING SETS', onePassSql(set, [], true)],
  ];
  // per-PSU sums (the first-stage part of Taylor SEs) need 7-15 GiB of RSS here: only on request
  if (psuSums) {
    const psu = [set.design.strata, set.design.psu[0]!];
    queries.push(['(reference) GROUPING SETS by (strata, psu1) too: per-PSU sums', onePassSql(set, psu)]);
  }
  const timings: Timing[] = [];
  for (const [label, sql] of queries) {
    const times: number[] = [];
    let result: Record<string, unknown[]> = {};
    let count = 0;
    resetPeak();
    for (let r = 0; r <= runs; r++) {
      const a = nowMs();
      const reader = await con.runAndReadAll(sql);
      const b = nowMs();
      if (r > 0) times.push(b - a);
      else {
        count = reader.currentRowCount;
        if (timings.length < 2) result = reader.getColumnsObjectJS() as Record<string, unknown[]>;
      }
    }
    timings.push({ label, times, rows: count, peak: procStatus('VmHWM'), result });
  }
  con.closeSync();
  instance.closeSync();
  return { setting, loadMs, rows, timings };
}

/** Totals and ratios of every task from the sums, keyed as bench/out/indicators-migstat-<data folder>.csv. */
function cells(set: TableSet, result: Record<string, unknown[]>): Map<string, number> {
  const { dims } = plan(set);
  const out = new Map<string, number>();
  const g = result['g'] as number[];
  for (let i = 0; i < g.length; i++) {
    const grouped = dims.filter((_, k) => (Number(g[i]) & (1 << (dims.length - 1 - k))) === 0); // GROUPING: 1 = rolled up
    const sum = (v: string): number => Number(result[`s_${v}`]![i]);
    for (const t of set.tasks) {
      if (t.by.length !== grouped.length || !t.by.every((d) => grouped.includes(d))) continue;
      const key = t.by.join('+');
      const levels = t.by.map((d) => set.levels[d]![Number(result[d]![i])]!).join('+');
      for (const v of t.totals) out.set(`${key}|${levels}|total:${v}`, sum(v));
      for (const r of t.ratios) for (const n of r.nums) out.set(`${key}|${levels}|ratio:${n}/${r.den}`, sum(n) / sum(r.den));
    }
  }
  return out;
}

function check(data: string, ours: Map<string, number>): void {
  const path = join(benchDir, `out/indicators-migstat-${basename(data)}.csv`);
  if (!existsSync(path)) {
    console.log(`check against migstat: skipped (no ${relative(rootDir, path)})`);
    return;
  }
  const ref = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  let max = 0;
  const bad: string[] = [];
  for (const [key, est] of ref) {
    const mine = ours.get(key!);
    if (mine === undefined) {
      bad.push(`${key}: not computed`);
      continue;
    }
    const d = Number(est) === 0 ? Math.abs(mine) : Math.abs(mine - Number(est)) / Math.abs(Number(est));
    max = Math.max(max, d);
    if (!(d <= 1e-9)) bad.push(`${key}: DuckDB ${mine}, migstat ${est}`);
  }
  const extra = [...ours.keys()].filter((k) => !ref.some(([key]) => key === k)).length;
  console.log(`  check against migstat (${relative(rootDir, path)}): ${ref.length - bad.length}/${ref.length} cells agree, max relative difference ${max.toExponential(2)}` +
    (extra ? `; ${extra} cells DuckDB has and migstat has not (domains with no rows: none expected)` : ''));
  if (bad.length) {
    console.log(`  DISAGREE:\n  ${bad.slice(0, 20).join('\n  ')}`);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  const { data, runs, threads, psuSums } = parseArgs(process.argv.slice(2));
  const set = JSON.parse(readFileSync(join(data, 'tableset.json'), 'utf8')) as TableSet;
  const { variables, sets } = plan(set);
  const v = await DuckDBInstance.create(':memory:');
  const vc = await v.connect();
  const version = String((await vc.runAndReadAll('SELECT version()')).getRows()[0]![0]);
  vc.closeSync();
  v.closeSync();
  console.log(`DuckDB ${version} (@duckdb/node-api), Node ${process.version}; ${relative(rootDir, join(data, 'derived.csv'))}: ` +
    `${set.tasks.length} tasks -> one query of ${variables.length} weighted sums over ${sets.length} grouping sets`);
  let first: Config | undefined;
  for (const th of threads) {
    const c = await runConfig(data, set, runs, th, psuSums);
    first ??= c;
    console.log(`threads=${c.setting}${th === undefined ? ' (default)' : ''}:`);
    console.log(`  load derived.csv -> table: ${ms(c.loadMs)} (${c.rows} rows)`);
    for (const t of c.timings) {
      console.log(`  ${t.label} (${t.rows} result rows) -> Node: median ${ms(median(t.times))} of ${runs} [${t.times.map((x) => x.toFixed(1)).join(', ')}]; ` +
        `peak RSS ${(t.peak / 2 ** 20).toFixed(0)} MiB`);
    }
  }
  for (const t of first!.timings.slice(0, 2)) {
    console.log(`${t.label}:`);
    check(data, cells(set, t.result));
  }
}

await main();
