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
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { estimate, readCsv, svyDesign } from '../src/index.js';
import { REQUESTS, TOLERANCE, benchDir, checkAgainstR, exposeGc, mb, median, memoryAroundLine, ms, nowMs, perRunLine, procStatus, resetPeakRss, rootDir, run, timeRuns, typedColumnBytes } from './support.js';

const DEFAULT_CSV = resolve(benchDir, 'data/estimate-1m.csv');
const DEFAULT_R = resolve(benchDir, 'out/r-survey.csv');
const WARMUPS = 5;

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

const gc = exposeGc();

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
  const timed = await timeRuns(runs, () => {
    result = estimate(design, REQUESTS, opts);
  });
  const { times: estimateMs, peak: estimatePeak, after } = timed;
  const nDomains = new Set(result.results.map((r) => r.domain['domain'])).size;
  console.log(
    `estimate (total + mean + ratio by domain, ${nDomains} domains, ${result.results.length} rows): ` +
      `median ${ms(median(estimateMs))} of ${runs} after ${WARMUPS} warm-ups [${estimateMs.map((t) => t.toFixed(1)).join(', ')}]; min ${ms(Math.min(...estimateMs))}`,
  );
  console.log(perRunLine(timed));

  // 4. Memory.
  console.log(`peak RSS (VmHWM): Node + tsx at start ${mb(startRss)} (RSS); the read (readCsv) ${mb(readPeak)} (resourceUsage().maxRSS)`);
  if (canResetPeak) {
    console.log(`  building the design ${mb(designPeak)} (RSS at reset: ${mb(baseline.rss)}); estimating ${mb(estimatePeak)} (RSS at reset: ${mb(before.rss)})`);
  } else {
    console.log('  of the design and estimation steps: not available (/proc/self/clear_refs not writable)');
  }
  console.log(memoryAroundLine(before, after));

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
