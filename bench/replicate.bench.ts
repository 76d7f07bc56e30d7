/**
 * migstat side of the replicate-weight benchmark: total, mean and ratio with replicate SEs by 20 domains on 1,000,000
 * rows with 80 bootstrap replicate weights.
 *
 *   npx tsx bench/replicate.bench.ts [csv] [--runs 5] [--warmups 1] [--design-runs 3] [--r PATH] [--reader own|readCsv]
 *
 * Defaults: bench/data/estimate-1m-rep80.csv (written by `npx tsx bench/generate.ts --replicates 80` if absent), 5 timed
 * runs after 1 untimed warm-up, R's values from bench/out/r-survey-replicate.csv (written by
 * `Rscript bench/r-survey-replicate.R` if absent and the CSV is the default one).
 * 1. loads the CSV into typed columns (timed on its own). By default with a small streaming byte parser of this script
 *    (numbers: digits / 10^decimals, the correctly rounded value, as `Number(text)`) into the same `Table` of typed
 *    columns that `readCsv` builds: the papaparse-based `readCsv` of the foundation commit cannot take this file (it
 *    reads the whole file into one string, 558 MB, beyond V8's 512 MiB string limit, and would hold 87 million field
 *    strings). `--reader readCsv` reads it with migstat's `readCsv` instead;
 * 2. builds the design, `svrepDesign(table, {weight: 'weight', repweights: [rw1..rw80], type: 'bootstrap',
 *    scale: 20/(19*79), mse: false})` (the constants of R's rescaled bootstrap with 20 PSUs per stratum, as
 *    r-survey-replicate.R): median of the runs after a warm-up;
 * 3. times `estimate(design, [total y, mean y, ratio y/x], {by: ['domain']})`: median of the runs after the warm-ups,
 *    with the CPU time, GC pauses and minor page faults of the timed runs;
 * 4. memory: peak RSS (VmHWM from /proc/self/status, Linux) of the load (resourceUsage().maxRSS), then, reset through
 *    /proc/self/clear_refs after forced GCs, of the design runs and of the estimation runs; the bytes of the 81 weight
 *    columns (the target: the estimation's peak under 2x of them);
 * 5. checks the 60 estimates and SEs against R survey's svrepdesign to 1e-9 relative, and the design df against R's
 *    degf: exit code 1 on any disagreement.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { type Column, type EstimateResult, type ReplicateDesign, Table, estimate, readCsv, svrepDesign } from '../src/index.js';
import { REQUESTS, TOLERANCE, benchDir, checkAgainstR, exposeGc, mb, median, memoryAroundLine, ms, nowMs, perRunLine, procStatus, releaseGarbage, resetPeakRss, rootDir, run, timeRuns, typedColumnBytes } from './support.js';

const DEFAULT_CSV = resolve(benchDir, 'data/estimate-1m-rep80.csv');
const DEFAULT_R = resolve(benchDir, 'out/r-survey-replicate.csv');
/** PSUs per stratum of the generated file: the rescaled bootstrap's scale is n/((n-1)(R-1)) with n = 20. */
const PSU_PER_STRATUM = 20;
const TARGET_MS = 2000;
const TARGET_MEMORY_RATIO = 2;

interface Args {
  csv: string;
  runs: number;
  warmups: number;
  designRuns: number;
  rPath: string;
  reader: 'own' | 'readCsv';
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { csv: DEFAULT_CSV, runs: 5, warmups: 1, designRuns: 3, rPath: DEFAULT_R, reader: 'own' };
  const count = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min} (got ${v})`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--runs') a.runs = count(arg, argv[++i], 1);
    else if (arg === '--warmups') a.warmups = count(arg, argv[++i], 0);
    else if (arg === '--design-runs') a.designRuns = count(arg, argv[++i], 1);
    else if (arg === '--r') a.rPath = resolve(argv[++i] ?? '');
    else if (arg === '--reader') {
      const r = argv[++i];
      if (r !== 'own' && r !== 'readCsv') throw new Error(`--reader must be own or readCsv (got ${r})`);
      a.reader = r;
    }
    else if (arg.startsWith('--')) throw new Error(`unknown option: ${arg}`);
    else a.csv = resolve(arg);
  }
  return a;
}

exposeGc(); // at start-up, as before the first measurement

// ---------------------------------------------------------------------------------------------------------------
// Loader: a streaming CSV reader for this file (plain fields, no quotes), into the Table that readCsv builds.

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact doubles up to 1e22
const NA_FIELDS = new Set(['', 'NA']);

/**
 * Reads a plain CSV (comma-separated, no quoted fields, `\n` or `\r\n` line ends) into typed columns. A column is
 * numeric when its first row's field is a number (as readCsv: `NA` and empty are missing), else dictionary-encoded
 * text (levels in first-seen order). A number [-]digits[.digits] of up to 15 digits is parsed as digits / 10^decimals,
 * one correctly rounded division (the value `Number(text)` gives); any other number through `Number(text)`. Errors name
 * the line and column.
 */
function loadCsv(path: string): Table {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const CHUNK = 1 << 24;
  let buf = Buffer.allocUnsafe(CHUNK + (1 << 20));
  try {
    // Pass 1: count the lines, so that every column is allocated once at its final size.
    let lines = 0;
    let lastByte = 10;
    for (let pos = 0; pos < size; ) {
      const got = readSync(fd, buf, 0, CHUNK, pos);
      for (let i = buf.indexOf(10, 0); i >= 0 && i < got; i = buf.indexOf(10, i + 1)) lines++;
      lastByte = buf[got - 1]!;
      pos += got;
    }
    if (lastByte !== 10) lines++;
    const nrows = lines - 1;
    if (nrows < 1) throw new Error(`${path}: no data rows`);

    // Pass 2: parse, complete lines chunk by chunk (a partial last line is carried over).
    let names: string[] = [];
    let numeric: boolean[] = [];
    let values: (Float64Array | null)[] = [];
    let codes: (Int32Array | null)[] = [];
    let levelIndex: Map<string, number>[] = [];
    let row = -1; // -1: the header
    let carry = 0;
    const parseLine = (b: Buffer, start: number, end: number): void => {
      if (end > start && b[end - 1] === 13) end--;
      if (row < 0) {
        names = b.toString('latin1', start, end).split(',').map((s) => s.trim());
        row = 0;
        return;
      }
      if (row === 0 && numeric.length === 0) {
        const fields = b.toString('latin1', start, end).split(',');
        numeric = fields.map((f) => NA_FIELDS.has(f.trim()) || Number.isFinite(Number(f)));
        values = numeric.map((isNum) => (isNum ? new Float64Array(nrows) : null));
        codes = numeric.map((isNum) => (isNum ? null : new Int32Array(nrows)));
        levelIndex = numeric.map(() => new Map());
      }
      let col = 0;
      let i = start;
      for (;;) {
        const fieldStart = i;
        let mantissa = 0;
        let digits = 0;
        let decimals = -1; // -1: no point seen
        let plain = true;
        let negative = false;
        if (b[i] === 45) {
          negative = true;
          i++;
        }
        for (; i < end; i++) {
          const c = b[i]!;
          if (c === 44) break;
          if (c >= 48 && c <= 57) {
            mantissa = mantissa * 10 + (c - 48);
            digits++;
            if (decimals >= 0) decimals++;
          } else if (c === 46 && decimals < 0) decimals = 0;
          else plain = false;
        }
        if (col >= names.length) throw new Error(`${path}: line ${row + 2}: more than ${names.length} fields`);
        const v = values[col];
        if (v) {
          if (plain && digits > 0 && digits <= 15) {
            const x = decimals > 0 ? mantissa / POW10[decimals]! : mantissa;
            v[row] = negative ? -x : x;
          } else {
            const text = b.toString('latin1', fieldStart, i).trim();
            const x = NA_FIELDS.has(text) ? NaN : Number(text);
            if (Number.isNaN(x) && !NA_FIELDS.has(text)) throw new Error(`${path}: line ${row + 2}, column "${names[col]}": "${text}" is not a number`);
            v[row] = x;
          }
        } else {
          const text = b.toString('latin1', fieldStart, i);
          const index = levelIndex[col]!;
          let code = NA_FIELDS.has(text.trim()) ? -1 : index.get(text);
          if (code === undefined) index.set(text, (code = index.size));
          codes[col]![row] = code;
        }
        col++;
        if (i >= end) break;
        i++; // the comma
      }
      if (col !== names.length) throw new Error(`${path}: line ${row + 2}: ${col} fields, expected ${names.length} as in the header`);
      row++;
    };
    for (let pos = 0; pos < size; ) {
      if (carry + CHUNK > buf.length) {
        const bigger = Buffer.allocUnsafe(carry + CHUNK);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      const got = readSync(fd, buf, carry, CHUNK, pos);
      pos += got;
      const filled = carry + got;
      let lineStart = 0;
      for (let nl = buf.indexOf(10, 0); nl >= 0 && nl < filled; nl = buf.indexOf(10, lineStart)) {
        if (nl > lineStart) parseLine(buf, lineStart, nl);
        lineStart = nl + 1;
      }
      carry = filled - lineStart;
      buf.copy(buf, 0, lineStart, filled);
    }
    if (carry > 0) parseLine(buf, 0, carry);
    if (row !== nrows) throw new Error(`${path}: read ${row} data rows, counted ${nrows} lines`);
    const columns = new Map<string, Column>();
    names.forEach((name, j) => {
      columns.set(name, values[j] ? { kind: 'number', values: values[j]! } : { kind: 'category', codes: codes[j]!, levels: [...levelIndex[j]!.keys()] });
    });
    return new Table(names, columns, nrows, path);
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** A metric of R's timings file (<out>-timings.csv), or undefined. */
function rMetric(rPath: string, metric: string): string | undefined {
  const path = rPath.replace(/(\.csv)?$/, '-timings.csv');
  if (!existsSync(path)) return undefined;
  for (const line of readFileSync(path, 'utf8').trim().split('\n').slice(1)) {
    const m = /^"?([^",]+)"?,"?([^"]*)"?$/.exec(line);
    if (m && m[1] === metric) return m[2];
  }
  return undefined;
}

async function main(): Promise<void> {
  const { csv, runs, warmups, designRuns, rPath, reader } = parseArgs(process.argv.slice(2));
  if (!existsSync(csv)) {
    if (csv !== DEFAULT_CSV) throw new Error(`no such file: ${csv} (write it with: npx tsx bench/generate.ts ROWS --replicates 80 --out ${csv})`);
    run('npx', ['tsx', 'bench/generate.ts', '--replicates', '80']);
  }
  if (!existsSync(rPath)) {
    if (rPath !== DEFAULT_R || csv !== DEFAULT_CSV) throw new Error(`no R reference ${rPath}: run Rscript bench/r-survey-replicate.R ${csv} ${rPath}`);
    run('Rscript', ['bench/r-survey-replicate.R']);
  }
  console.log(`migstat replicate-weight benchmark, Node ${process.version}; ${relative(rootDir, csv)}`);
  const startRss = procStatus('VmRSS');

  // 1. Load (not the thing timed).
  const t0 = nowMs();
  const table = reader === 'own' ? loadCsv(csv) : readCsv(csv);
  const loadMs = nowMs() - t0;
  const repNames = table.names.filter((n) => /^rw[0-9]+$/.test(n));
  const R = repNames.length;
  if (R < 2) throw new Error(`${csv}: no replicate-weight columns rw1, rw2, ...`);
  const columnBytes = typedColumnBytes(table);
  const weightBytes = ['weight', ...repNames].reduce((s, n) => s + (table.column(n) as { values: Float64Array }).values.byteLength, 0);
  console.log(
    `load CSV -> typed columns (${reader === 'own' ? "this script's streaming byte parser" : "migstat's readCsv"}): ${ms(loadMs)}; ${table.nrows} rows x ${table.names.length} columns ` +
      `(${R} replicate weights); typed columns ${mb(columnBytes)}, of which the ${R + 1} weight columns ${mb(weightBytes)}`,
  );
  const loadPeak = process.resourceUsage().maxRSS * 1024;
  await releaseGarbage();
  const baseline = process.memoryUsage();
  console.log(`after the load and two full GCs: RSS ${mb(baseline.rss)}, heap used ${mb(baseline.heapUsed)}, array buffers ${mb(baseline.arrayBuffers)}`);
  const canResetPeak = resetPeakRss();

  // 2. Design.
  const scale = PSU_PER_STRATUM / ((PSU_PER_STRATUM - 1) * (R - 1));
  const spec = { weight: 'weight', repweights: repNames, type: 'bootstrap', scale, mse: false, combinedWeights: true } as const;
  const designMs: number[] = [];
  let design: ReplicateDesign | undefined = svrepDesign(table, spec); // warm-up, untimed
  for (let r = 0; r < designRuns; r++) {
    design = undefined; // drop the previous design (its 81 weight columns) before building the next
    await releaseGarbage();
    const a = nowMs();
    design = svrepDesign(table, spec);
    designMs.push(nowMs() - a);
  }
  const designPeak = procStatus('VmHWM');
  if (!design) throw new Error('no design');
  const designMem = process.memoryUsage();
  console.log(
    `svrepDesign (bootstrap, ${R} replicates, scale ${scale}, mse false): median ${ms(median(designMs))} of ${designRuns} ` +
      `[${designMs.map((t) => t.toFixed(1)).join(', ')}]; warnings: ${design.warnings?.length ? design.warnings.join('; ') : 'none'}`,
  );
  console.log(`  after the design runs: RSS ${mb(designMem.rss)}, array buffers ${mb(designMem.arrayBuffers)} (the table's columns and the design's copies of the weights)`);

  // 3. Estimation.
  const opts = { by: ['domain'] } as const;
  await releaseGarbage();
  let result: EstimateResult | undefined;
  for (let r = 0; r < warmups; r++) result = estimate(design, REQUESTS, opts);
  await releaseGarbage();
  const before = process.memoryUsage();
  if (canResetPeak) resetPeakRss();
  const timed = await timeRuns(runs, () => {
    result = estimate(design, REQUESTS, opts);
  });
  const { times: estimateMs, peak: estimatePeak, after } = timed;
  const res = result!;
  const nDomains = new Set(res.results.map((r) => r.domain['domain'])).size;
  const medianMs = median(estimateMs);
  console.log(
    `estimate (total + mean + ratio by domain, ${nDomains} domains, ${res.results.length} rows, replicate SEs): ` +
      `median ${ms(medianMs)} of ${runs} after ${warmups} warm-up(s) [${estimateMs.map((t) => t.toFixed(1)).join(', ')}]; ` +
      `target ${TARGET_MS} ms: ${(medianMs / TARGET_MS).toFixed(2)}x of it, ${medianMs < TARGET_MS ? 'MET' : 'MISSED'}`,
  );
  console.log(perRunLine(timed));
  console.log(`  design summary: n ${res.design.n}, N ${res.design.N}, df ${res.design.df}, variance ${res.design.variance}, replicates ${res.design.replicates}`);

  // 4. Memory.
  console.log(`peak RSS (VmHWM): Node + tsx at start ${mb(startRss)} (RSS); the load ${mb(loadPeak)} (resourceUsage().maxRSS)`);
  if (canResetPeak) {
    const ratio = estimatePeak / weightBytes;
    console.log(`  building the design ${mb(designPeak)} (RSS at reset: ${mb(baseline.rss)}); estimating ${mb(estimatePeak)} (RSS at reset: ${mb(before.rss)})`);
    console.log(
      `  estimating: peak ${mb(estimatePeak)} = ${ratio.toFixed(2)}x the ${R + 1} weight columns (${mb(weightBytes)}); ` +
        `target < ${TARGET_MEMORY_RATIO}x: ${ratio < TARGET_MEMORY_RATIO ? 'MET' : 'MISSED'}; above the RSS at reset: ${mb(estimatePeak - before.rss)} ` +
        `(${((estimatePeak - before.rss) / weightBytes).toFixed(2)}x)`,
    );
  } else {
    console.log('  of the design and estimation steps: not available (/proc/self/clear_refs not writable)');
  }
  console.log(memoryAroundLine(before, after));

  // 5. Check against R.
  const diff = checkAgainstR(res, rPath);
  const rDf = rMetric(rPath, 'degf');
  if (rDf !== undefined && Number(rDf) !== res.design.df) throw new Error(`design df ${res.design.df}, R degf ${rDf}`);
  console.log(
    `check against R (${relative(rootDir, rPath)}): ${diff.matched}/${diff.matched} estimates and SEs within ${TOLERANCE}; ` +
      `max relative difference: estimate ${diff.estimate.toExponential(2)}, SE ${diff.se.toExponential(2)}; ` +
      `design df ${res.design.df}${rDf !== undefined ? ` = R degf ${rDf}` : ' (R degf not found)'}`,
  );
}

try {
  await main();
} catch (e) {
  console.error(`BENCHMARK FAILED: ${(e as Error).message}`);
  process.exitCode = 1;
}
