/**
 * Helpers shared by the bench scripts: timing, formatting, memory probes (Linux /proc), running commands, the
 * comparison with R survey's CSV of estimates, and the chunked line writer of the generators.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { EstimateResult, StatRequest, Table } from '../src/index.js';

/** The bench/ folder. */
export const benchDir = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const rootDir = resolve(benchDir, '..');
/** Largest relative difference from R survey's estimates and SEs that counts as agreement. */
export const TOLERANCE = 1e-9;
/** The estimates of the estimation benchmarks, as R survey computes them (bench/r-survey*.R): total y, mean y, ratio y/x. */
export const REQUESTS: readonly StatRequest[] = [
  { statistic: 'total', variable: 'y' },
  { statistic: 'mean', variable: 'y' },
  { statistic: 'ratio', numerator: 'y', denominator: 'x' },
];

/** Runs a command from the repository root, its output shown, failing loudly. */
export function run(command: string, args: readonly string[]): void {
  console.log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd: rootDir, stdio: 'inherit' });
}

/** A monotonic clock in milliseconds. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
/** The median of a non-empty list of numbers. */
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Bytes as MiB with one decimal, e.g. "12.3 MiB". */
export const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
/** Milliseconds with one decimal, e.g. "12.3 ms". */
export const ms = (t: number): string => `${t.toFixed(1)} ms`;

let gcFn: (() => void) | undefined;
/** V8's full GC, exposed at run time (--expose-gc and a fresh vm context, made on the first call). */
export function exposeGc(): () => void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  return gcFn;
}

/** A field of /proc/self/status in bytes (Linux), or NaN. */
export function procStatus(field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Two full GCs, then a pause: V8 frees the memory of dead typed arrays on a background thread after the GC, and these
 * are hundreds of MiB here; without the pause the RSS at a peak reset still holds them.
 */
export async function releaseGarbage(): Promise<void> {
  const gc = exposeGc();
  gc();
  gc();
  await new Promise((done) => setTimeout(done, 200));
}

/** Resets the kernel's peak-RSS counter (VmHWM) of this process to the current RSS; false where not allowed. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Bytes held by the typed arrays of the table's columns (values or codes; level strings not counted). */
export function typedColumnBytes(table: Table): number {
  let bytes = 0;
  for (const c of table.columns.values()) bytes += c.kind === 'number' ? c.values.byteLength : c.codes.byteLength;
  return bytes;
}

/** What timeRuns measured: the time of each run (ms) and the state around the runs. */
export interface TimedRuns {
  readonly times: number[];
  readonly usage0: NodeJS.ResourceUsage;
  readonly usage1: NodeJS.ResourceUsage;
  /** VmHWM right after the runs (bytes). */
  readonly peak: number;
  /** process.memoryUsage() right after the runs. */
  readonly after: NodeJS.MemoryUsage;
  /** Total GC pauses during the runs (ms). */
  readonly gcMs: number;
}

/** Times `runs` calls of fn, with the resource usage, GC pauses, peak RSS and memory usage around them. */
export async function timeRuns(runs: number, fn: () => void): Promise<TimedRuns> {
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const usage0 = process.resourceUsage();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const a = nowMs();
    fn();
    times.push(nowMs() - a);
  }
  const usage1 = process.resourceUsage();
  const peak = procStatus('VmHWM');
  const after = process.memoryUsage();
  await new Promise((done) => setTimeout(done, 50)); // GC entries arrive asynchronously
  gcObserver.disconnect();
  return { times, usage0, usage1, peak, after, gcMs };
}

/** The "per timed run" line: CPU time, GC pauses and minor page faults per run. */
export function perRunLine(t: TimedRuns): string {
  const runs = t.times.length;
  const perRun = (x: number): string => (x / runs).toFixed(1);
  return (
    `  per timed run: CPU ${perRun((t.usage1.userCPUTime - t.usage0.userCPUTime) / 1000)} ms user + ${perRun((t.usage1.systemCPUTime - t.usage0.systemCPUTime) / 1000)} ms system ` +
    `(all threads), GC pauses ${perRun(t.gcMs)} ms, minor page faults ${perRun(t.usage1.minorPageFault - t.usage0.minorPageFault)}`
  );
}

/** The "memoryUsage around the timed estimates" line. */
export function memoryAroundLine(before: NodeJS.MemoryUsage, after: NodeJS.MemoryUsage): string {
  return (
    `memoryUsage around the timed estimates: heap used ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}, ` +
    `array buffers ${mb(before.arrayBuffers)} -> ${mb(after.arrayBuffers)} (garbage included)`
  );
}

/** Compares the 60 domain estimates and SEs with R's; returns the largest relative differences, throws on any mismatch. */
export function checkAgainstR(result: EstimateResult, rPath: string): { estimate: number; se: number; matched: number } {
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

/** A UTF-8 file written as raw text or as lines buffered in chunks of chunkRows; its folder is made; close() gives its bytes. */
export function lineWriter(path: string, chunkRows: number): { write(s: string): void; line(s: string): void; close(): number } {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let bytes = 0;
  const write = (s: string): void => {
    const b = Buffer.from(s, 'utf8');
    writeSync(fd, b);
    bytes += b.length;
  };
  let lines: string[] = [];
  return {
    write,
    line(s: string): void {
      lines.push(s);
      if (lines.length === chunkRows) {
        write(lines.join('\n') + '\n');
        lines = [];
      }
    },
    close(): number {
      if (lines.length > 0) write(lines.join('\n') + '\n');
      closeSync(fd);
      return bytes;
    },
  };
}
