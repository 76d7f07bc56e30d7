/**
 * DuckDB floor for the foundation benchmark: how fast can a columnar engine produce the
 * per-(stratum, PSU, domain) sums that a one-pass Taylor engine needs?
 *
 *   npx tsx bench/duckdb-floor.ts [csv] [--runs 5] [--threads N]
 *
 * Defaults: bench/data/estimate-1m.csv, 5 timed runs (after 1 untimed warm-up), and both
 * DuckDB's default thread count and threads=1 (a single-threaded JS engine's fair floor).
 * 1. loads the CSV into an in-memory DuckDB table (timed separately, once per configuration);
 * 2. times one GROUP BY stratum, psu, domain computing sum(weight), sum(weight*y), sum(weight*x),
 *    with the result materialised on the Node side (runAndReadAll) — median of the runs;
 *    also the extra time to turn that result into JS arrays (getColumnsObjectJS), and the same
 *    GROUP BY written to a temp table inside DuckDB (no transfer to Node), for reference.
 * Not timed: from those sums it computes the domain total, mean and ratio with their Taylor SEs
 * (with-replacement first stage, no fpc) and, if bench/out/r-survey.csv exists, compares them to
 * R survey (the sums suffice for all three statistics).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { median, ms, nowMs } from './support.js';

const benchDir = dirname(fileURLToPath(import.meta.url));

interface Args {
  csv: string;
  runs: number;
  threads: (number | undefined)[]; // undefined = DuckDB's default
}

function parseArgs(argv: string[]): Args {
  let csv = `${benchDir}/data/estimate-1m.csv`;
  let runs = 5;
  let threads: (number | undefined)[] = [undefined, 1];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--runs') runs = Number(argv[++i]);
    else if (a === '--threads') threads = [Number(argv[++i])];
    else if (a.startsWith('--')) throw new Error(`unknown option: ${a}`);
    else csv = a;
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  if (!existsSync(csv)) throw new Error(`no such file: ${csv} (run: npx tsx bench/generate.ts)`);
  return { csv: resolve(csv), runs, threads };
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

const GROUP_SQL = `
  SELECT stratum, psu, domain,
         sum(weight)     AS sw,
         sum(weight * y) AS swy,
         sum(weight * x) AS swx
  FROM t
  GROUP BY stratum, psu, domain`;

interface Cells {
  stratum: number[];
  psu: number[];
  domain: string[];
  sw: number[];
  swy: number[];
  swx: number[];
}

async function runConfig(csv: string, runs: number, threads: number | undefined) {
  const instance = await DuckDBInstance.create(':memory:', threads === undefined ? {} : { threads: String(threads) });
  const con = await instance.connect();
  const setting = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]![0];

  const t0 = nowMs();
  await con.run(`
    CREATE TABLE t AS SELECT * FROM read_csv(${sqlString(csv)}, header = true, columns = {
      'stratum': 'INTEGER', 'psu': 'INTEGER', 'weight': 'DOUBLE', 'domain': 'VARCHAR',
      'y': 'DOUBLE', 'x': 'DOUBLE', 'emp': 'INTEGER'})`);
  const loadMs = nowMs() - t0;
  const nRows = Number((await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0]![0]);

  const queryMs: number[] = [];
  const toJsMs: number[] = [];
  const inEngineMs: number[] = [];
  let cells: Cells | undefined;
  for (let r = 0; r <= runs; r++) {
    const a = nowMs();
    const reader = await con.runAndReadAll(GROUP_SQL);
    const b = nowMs();
    const cols = reader.getColumnsObjectJS() as unknown as Cells;
    const c = nowMs();
    if (r === 0) {
      cells = cols; // warm-up run: not timed
      continue;
    }
    queryMs.push(b - a);
    toJsMs.push(c - b);
  }
  // The same GROUP BY kept inside DuckDB (no transfer to Node), for reference.
  for (let r = 0; r <= runs; r++) {
    const a = nowMs();
    await con.run(`CREATE OR REPLACE TEMP TABLE g AS ${GROUP_SQL}`);
    if (r > 0) inEngineMs.push(nowMs() - a);
  }
  con.closeSync();
  instance.closeSync();
  return { setting: String(setting), loadMs, nRows, queryMs, toJsMs, inEngineMs, cells: cells! };
}

/** Domain total, mean and ratio with Taylor SEs (with replacement, no fpc) from the per-PSU-domain sums. */
function estimatesFromSums(c: Cells) {
  const psuStratum = new Map<number, number>();
  const domains = [...new Set(c.domain)].sort();
  const dIndex = new Map(domains.map((d, i) => [d, i]));
  const nD = domains.length;
  // per PSU: [sw, swy, swx] per domain
  const psuSums = new Map<number, Float64Array>();
  for (let i = 0; i < c.psu.length; i++) {
    const p = c.psu[i]!;
    psuStratum.set(p, c.stratum[i]!);
    let s = psuSums.get(p);
    if (!s) psuSums.set(p, (s = new Float64Array(3 * nD)));
    const k = 3 * dIndex.get(c.domain[i]!)!;
    s[k] = c.sw[i]!;
    s[k + 1] = c.swy[i]!;
    s[k + 2] = c.swx[i]!;
  }
  const W = new Float64Array(nD);
  const Y = new Float64Array(nD);
  const X = new Float64Array(nD);
  for (const s of psuSums.values())
    for (let d = 0; d < nD; d++) {
      W[d]! += s[3 * d]!;
      Y[d]! += s[3 * d + 1]!;
      X[d]! += s[3 * d + 2]!;
    }
  const strata = new Map<number, number[]>();
  for (const [p, h] of psuStratum) {
    const l = strata.get(h);
    if (l) l.push(p);
    else strata.set(h, [p]);
  }
  const out: { domain: string; statistic: string; estimate: number; se: number }[] = [];
  for (let d = 0; d < nD; d++) {
    const mean = Y[d]! / W[d]!;
    const ratio = Y[d]! / X[d]!;
    // linearised PSU totals: total -> swy; mean -> (swy - mean*sw)/W; ratio -> (swy - ratio*swx)/X
    const lin = [
      (s: Float64Array) => s[3 * d + 1]!,
      (s: Float64Array) => (s[3 * d + 1]! - mean * s[3 * d]!) / W[d]!,
      (s: Float64Array) => (s[3 * d + 1]! - ratio * s[3 * d + 2]!) / X[d]!,
    ];
    const v = [0, 0, 0];
    for (const psus of strata.values()) {
      const n = psus.length;
      if (n < 2) continue;
      for (let k = 0; k < 3; k++) {
        const z = psus.map((p) => lin[k]!(psuSums.get(p)!));
        const zbar = z.reduce((a, b) => a + b, 0) / n;
        v[k]! += (n / (n - 1)) * z.reduce((a, b) => a + (b - zbar) ** 2, 0);
      }
    }
    const name = domains[d]!;
    out.push({ domain: name, statistic: 'total', estimate: Y[d]!, se: Math.sqrt(v[0]!) });
    out.push({ domain: name, statistic: 'mean', estimate: mean, se: Math.sqrt(v[1]!) });
    out.push({ domain: name, statistic: 'ratio', estimate: ratio, se: Math.sqrt(v[2]!) });
  }
  return out;
}

function compareWithR(est: ReturnType<typeof estimatesFromSums>) {
  const rPath = `${benchDir}/out/r-survey.csv`;
  if (!existsSync(rPath)) {
    console.log(`check against R: skipped (no ${rPath}; run Rscript bench/r-survey.R first)`);
    return;
  }
  const rRows = readFileSync(rPath, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const r = new Map(rRows.map(([d, s, e, se]) => [`${d}|${s}`, [Number(e), Number(se)] as const]));
  let maxEst = 0;
  let maxSe = 0;
  let matched = 0;
  for (const e of est) {
    const ref = r.get(`${e.domain}|${e.statistic}`);
    if (!ref) continue;
    matched++;
    maxEst = Math.max(maxEst, Math.abs(e.estimate - ref[0]) / Math.abs(ref[0]));
    maxSe = Math.max(maxSe, Math.abs(e.se - ref[1]) / Math.abs(ref[1]));
  }
  console.log(
    `check against R (${rPath}): ${matched}/${rRows.length} estimates matched; ` +
      `max relative difference: estimate ${maxEst.toExponential(2)}, SE ${maxSe.toExponential(2)}`,
  );
  if (matched !== rRows.length || maxEst > 1e-9 || maxSe > 1e-9) {
    console.log('  WARNING: DuckDB-sum estimates differ from R survey (is r-survey.csv from the same CSV?)');
    process.exitCode = 1;
  }
}

async function main() {
  const { csv, runs, threads } = parseArgs(process.argv.slice(2));
  const vInst = await DuckDBInstance.create(':memory:');
  const vCon = await vInst.connect();
  const version = String((await vCon.runAndReadAll('SELECT version()')).getRows()[0]![0]);
  vCon.closeSync();
  vInst.closeSync();
  console.log(`DuckDB ${version} (@duckdb/node-api), Node ${process.version}; ${csv}`);

  let cells: Cells | undefined;
  for (const th of threads) {
    const res = await runConfig(csv, runs, th);
    cells ??= res.cells;
    console.log(`threads=${res.setting}${th === undefined ? ' (default)' : ''}:`);
    console.log(`  load CSV -> table: ${ms(res.loadMs)} (${res.nRows} rows)`);
    console.log(
      `  GROUP BY stratum, psu, domain (${res.cells.psu.length} groups), runAndReadAll: median ${ms(median(res.queryMs))} ` +
        `of ${runs} [${res.queryMs.map((m) => m.toFixed(1)).join(', ')}]`,
    );
    console.log(`  + result to JS arrays (getColumnsObjectJS): median ${ms(median(res.toJsMs))}`);
    console.log(`  same GROUP BY into a temp table (no transfer to Node): median ${ms(median(res.inEngineMs))}`);
  }
  console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  compareWithR(estimatesFromSums(cells!));
}

await main();
