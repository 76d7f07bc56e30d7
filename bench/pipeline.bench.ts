/**
 * Pipeline benchmark (issue 7): `migstat run` on a pipeline file (default the demo, examples/atlantis/pipeline.yaml:
 * two Atlantis quarters, the ILMS core set in five formats, pooled and change tables, nine charts in three formats,
 * the HTML and Markdown report), timed by phase: loading and checks, each step, moving the outputs in.
 *
 *   npx tsx bench/pipeline.bench.ts [--pipeline FILE] [--runs N]
 *
 * Each run writes to a fresh folder under bench/out/pipeline/; the median of N runs (default 3) is shown, after one
 * untimed warm-up run, with the process's peak RSS (VmHWM) over all runs.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../src/pipeline/run.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const file = opt('--pipeline', 'examples/atlantis/pipeline.yaml');
const runs = Number(opt('--runs', '3'));
const out = 'bench/out/pipeline';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const times = new Map<string, number[]>();
let files = 0;
for (let r = 0; r <= runs; r++) {
  rmSync(out, { recursive: true, force: true });
  const laps: [string, number][] = [];
  const t0 = performance.now();
  const summary = await runPipeline(file, { output: join(out, `run-${r}`), onTiming: (phase, ms) => laps.push([phase, ms]) });
  laps.push(['total', performance.now() - t0]);
  files = summary.outputs.reduce((a, o) => a + o.files.length, 0);
  if (r === 0) continue;
  for (const [phase, ms] of laps) times.set(phase, [...(times.get(phase) ?? []), ms]);
}
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
console.log(`pipeline ${file}: ${files} files, median of ${runs} runs (ms); peak RSS ${hwm ? Math.round(Number(hwm) / 1024) : '?'} MiB`);
for (const [phase, ms] of times) console.log(`${phase.padEnd(12)} ${median(ms).toFixed(0).padStart(7)}   (${ms.map((x) => x.toFixed(0)).join(', ')})`);
