/**
 * migstat side of the foundation benchmark: total, mean and ratio with SEs by domain on 1,000,000 rows.
 *
 *   npm run bench -- [csv] [--runs 15] [--r PATH]
 *   (= npx tsx bench/estimate.bench.ts ...)
 *
 * Defaults: bench/data/estimate-1m.csv (written by `npx tsx bench/generate.ts` if absent), 15 timed runs after 5
 * untimed warm-ups, R's values from bench/out/r-survey.csv (written by `Rscript bench/r-survey.R` if absent and the
 * CSV is the default one).
 * 1. reads the CSV into typed columns with `readCsv` (timed on its own: reading is not the thing timed);
 * 2. builds the design, `svyDesign(table, {strata, psu, weight})` (timed on its own: median of the runs after a warm-up);
 * 3. times `estimate(design, [total y, mean y, ratio y/x], {by: ['domain']})`: median of the runs after the warm-ups,
 *    with the CPU time, GC pauses and minor page faults of the timed runs;
 * 4. memory: peak RSS (VmHWM from /proc/self/status, Linux) of each step: the read (resourceUsage().maxRSS), then,
 *    reset through /proc/self/clear_refs after forced GCs, the design runs and the estimation runs; also
 *    process.memoryUsage() around the estimation runs and the bytes of the typed columns for comparison;
 * 5. checks the 60 estimates and SEs against R survey to 1e-9 relative: exit code 1 on any disagreement.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type EstimateResult, type StatRequest, type Table, estimate, readCsv, svyDesign } from '../src/index.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const rootDir = resolve(benchDir, '..');
const DEFAULT_CSV = resolve(benchDir, 'data/estimate-1m.csv');
const DEFAULT_R = resolve(benchDir, 'out/r-survey.csv');
const TOLERANCE = 1e-9;
const WARMUPS = 5;

const REQUESTS: readonly StatRequest[] = [
  { statistic: 'total', variable: 'y' },
  { statistic: 'mean', variable: 'y' },
  { statistic: 'ratio', numerator: 'y', denominator: 'x' },
];

interface Args {
  csv: string;
  runs: number;
  rPath: string;
}

function parseArgs(argv: readonly string[]): Args {
  let csv = DEFAULT_CSV;
  let runs = 15;
  let rPath = DEFAULT_R;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--runs') runs = Number(argv[++i]);
    else if (a === '--r') rPath = resolve(argv[++i] ?? '');
    else if (a.startsWith('--')) throw new Error(`unknown option: ${a}`);
    else csv = resolve(a);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  return { csv, runs, rPath };
}

/** Runs a command from the repository root, its output shown, failing loudly. */
function run(command: string, args: readonly string[]): void {
  console.log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: rootDir, stdio: 'inherit' });
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const ms = (t: number): string => `${t.toFixed(1)} ms`;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A field of /proc/self/status in bytes (Linux), or NaN. */
function procStatus(field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Resets the kernel's peak-RSS counter (VmHWM) of this process to the current RSS; false where not allowed. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Bytes held by the typed arrays of the table's columns (values or codes; level strings not counted). */
function typedColumnBytes(table: Table): number {
  let bytes = 0;
  for (const c of table.columns.values()) bytes += c.kind === 'number' ? c.values.byteLength : c.codes.byteLength;
  return bytes;
}

/** Compares the 60 domain estimates and SEs with R's; returns the largest relative differences, throws on any mismatch. */
function checkAgainstR(result: EstimateResult, rPath: string): { estimate: number; se: number; matched: number } {
  const lines = readFileSync(rPath, 'utf8').trim().split('\n').slice(1);
  const ours = new Map<string, { estimate: number; se: number }>();
  for (const r of result.results) ours.set(`${r.domain['domain']}|${r.statistic}`, r);
  if (ours.size !== result.results.length) throw new Error('duplicate (domain, statistic) rows in the migstat result');
  let maxEst = 0;
  let maxSe = 0;
  const bad: string[] = [];
  for (const line of lines) {
    const [domain, statistic, est, se] = line.split(',');
    const key = `${domain}|${statistic}`;
    const mine = ours.get(key);
    if (!mine) {
      bad.push(`${key}: missing from the migstat result`);
      continue;
    }
    const dEst = Math.abs(mine.estimate - Number(est)) / Math.abs(Number(est));
    const dSe = Math.abs(mine.se - Number(se)) / Math.abs(Number(se));
    maxEst = Math.max(maxEst, dEst);
    maxSe = Math.max(maxSe, dSe);
    if (!(dEst <= TOLERANCE && dSe <= TOLERANCE)) bad.push(`${key}: migstat ${mine.estimate} (se ${mine.se}), R ${est} (se ${se})`);
  }
  if (lines.length !== result.results.length) bad.push(`R has ${lines.length} rows, migstat ${result.results.length}`);
  if (bad.length > 0) {
    throw new Error(`migstat disagrees with R survey (${relative(rootDir, rPath)}) beyond ${TOLERANCE} relative:\n  ${bad.join('\n  ')}`);
  }
  return { estimate: maxEst, se: maxSe, matched: lines.length };
}

async function main(): Promise<void> {
  const { csv, runs, rPath } = parseArgs(process.argv.slice(2));
  if (!existsSync(csv)) {
    if (csv !== DEFAULT_CSV) throw new Error(`no such file: ${csv} (write it with: npx tsx bench/generate.ts ROWS --out ${csv})`);
    run('npx', ['tsx', 'bench/generate.ts']);
  }
  if (!existsSync(rPath)) {
    if (rPath !== DEFAULT_R || csv !== DEFAULT_CSV) throw new Error(`no R reference ${rPath}: run Rscript bench/r-survey.R ${csv} ${rPath}`);
    run('Rscript', ['bench/r-survey.R']);
  }
  console.log(`migstat estimate benchmark, Node ${process.version}; ${relative(rootDir, csv)}`);
  const startRss = procStatus('VmRSS');

  // 1. Read (not the thing timed).
  const t0 = nowMs();
  const table = readCsv(csv);
  const readMs = nowMs() - t0;
  const columnBytes = typedColumnBytes(table);
  console.log(`read CSV -> typed columns (readCsv): ${ms(readMs)}; ${table.nrows} rows x ${table.names.length} columns, typed columns ${mb(columnBytes)}`);
  const readPeak = process.resourceUsage().maxRSS * 1024;
  gc();
  gc(); // the second full GC is the one that hands the read's garbage back to the OS here
  const baseline = process.memoryUsage();
  console.log(`after the read and two full GCs: RSS ${mb(baseline.rss)}, heap used ${mb(baseline.heapUsed)}, array buffers ${mb(baseline.arrayBuffers)}`);
  const canResetPeak = resetPeakRss();

  // 2. Design.
  const spec = { strata: 'stratum', psu: ['psu'], weight: 'weight' } as const;
  const designMs: number[] = [];
  let design = svyDesign(table, spec); // warm-up, untimed
  for (let r = 0; r < runs; r++) {
    const a = nowMs();
    design = svyDesign(table, spec);
    designMs.push(nowMs() - a);
  }
  const designPeak = procStatus('VmHWM');
  console.log(
    `svyDesign: median ${ms(median(designMs))} of ${runs} [${designMs.map((t) => t.toFixed(1)).join(', ')}]; ` +
      `${design.stages[0]!.nStrata} strata, ${design.stages[0]!.nUnits} PSUs`,
  );

  // 3. Estimation.
  const opts = { by: ['domain'] } as const;
  gc(); // before the warm-ups: the runs right after a full GC are slower (freed buffers are faulted back in)
  let result = estimate(design, REQUESTS, opts);
  for (let r = 1; r < WARMUPS; r++) result = estimate(design, REQUESTS, opts);
  const before = process.memoryUsage();
  if (canResetPeak) resetPeakRss();
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const usage0 = process.resourceUsage();
  const estimateMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const a = nowMs();
    result = estimate(design, REQUESTS, opts);
    estimateMs.push(nowMs() - a);
  }
  const usage1 = process.resourceUsage();
  const estimatePeak = procStatus('VmHWM');
  const after = process.memoryUsage();
  await new Promise((done) => setTimeout(done, 50)); // GC entries arrive asynchronously
  gcObserver.disconnect();
  const nDomains = new Set(result.results.map((r) => r.domain['domain'])).size;
  console.log(
    `estimate (total + mean + ratio by domain, ${nDomains} domains, ${result.results.length} rows): ` +
      `median ${ms(median(estimateMs))} of ${runs} after ${WARMUPS} warm-ups [${estimateMs.map((t) => t.toFixed(1)).join(', ')}]; min ${ms(Math.min(...estimateMs))}`,
  );
  const perRun = (x: number): string => (x / runs).toFixed(1);
  console.log(
    `  per timed run: CPU ${perRun((usage1.userCPUTime - usage0.userCPUTime) / 1000)} ms user + ${perRun((usage1.systemCPUTime - usage0.systemCPUTime) / 1000)} ms system ` +
      `(all threads), GC pauses ${perRun(gcMs)} ms, minor page faults ${perRun(usage1.minorPageFault - usage0.minorPageFault)}`,
  );

  // 4. Memory.
  console.log(`peak RSS (VmHWM): Node + tsx at start ${mb(startRss)} (RSS); the read (readCsv) ${mb(readPeak)} (resourceUsage().maxRSS)`);
  if (canResetPeak) {
    console.log(`  building the design ${mb(designPeak)} (RSS at reset: ${mb(baseline.rss)}); estimating ${mb(estimatePeak)} (RSS at reset: ${mb(before.rss)})`);
  } else {
    console.log('  of the design and estimation steps: not available (/proc/self/clear_refs not writable)');
  }
  console.log(
    `memoryUsage around the timed estimates: heap used ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}, ` +
      `array buffers ${mb(before.arrayBuffers)} -> ${mb(after.arrayBuffers)} (garbage included)`,
  );

  // 5. Check against R.
  const diff = checkAgainstR(result, rPath);
  console.log(
    `check against R (${relative(rootDir, rPath)}): ${diff.matched}/${diff.matched} estimates and SEs within ${TOLERANCE}; ` +
      `max relative difference: estimate ${diff.estimate.toExponential(2)}, SE ${diff.se.toExponential(2)}`,
  );
}

try {
  await main();
} catch (e) {
  console.error(`BENCHMARK FAILED: ${(e as Error).message}`);
  process.exitCode = 1;
}
