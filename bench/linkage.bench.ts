/**
 * Person linkage benchmark: 1,000,000 records of one list against 1,000,000 of another, with blocking.
 *
 *   npx tsx bench/linkage.bench.ts [--records 1000000] [--seed 20261129] [--blocking bench|default]
 *
 * 1. generates the records, seeded (test/admin/linkage-synthetic.ts: a population of records/0.7 persons, each on
 *    each list with probability 0.7, with typos, swapped day/month, missing dates, sex and nationality, token order
 *    and accents; a passport on 30% of each list's records) — timed apart, not part of the linkage;
 * 2. runs `linkRecords(records, {pairs: 'across', blocking})`, with the wall and CPU time and peak RSS (VmHWM, reset through
 *    /proc/self/clear_refs after each stage) of each stage: prepare (normalise names, dates), exact (identifiers),
 *    block-compare (blocking passes and comparison vectors), em (random-pair u, EM, weights), classify, cluster;
 * 3. scores the persons against the truth (pairwise precision and recall) and prints the counts.
 * Blocking 'bench' (default here): [birthDate + familyInitial], [birthYear + familyPrefix3 + givenInitial],
 * [familyName + givenName]; 'default': the library's default passes (birthYear + familyInitial first: about 870
 * million pairs at this size, too many for a few minutes).
 */
import { DEFAULT_BLOCKING, type BlockingField, evaluateLinkage, linkRecords } from '../src/admin/linkage.js';
import { syntheticRecords } from '../test/admin/linkage-synthetic.js';
import { exposeGc, mb, nowMs, procStatus, resetPeakRss } from './support.js';

const BENCH_BLOCKING: readonly (readonly BlockingField[])[] = [
  ['birthDate', 'familyInitial'],
  ['birthYear', 'familyPrefix3', 'givenInitial'],
  ['familyName', 'givenName'],
];

function parseArgs(argv: readonly string[]): { records: number; seed: number; blocking: 'bench' | 'default' } {
  const a = { records: 1_000_000, seed: 20261129, blocking: 'bench' as 'bench' | 'default' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--records') a.records = Number(argv[++i]);
    else if (arg === '--seed') a.seed = Number(argv[++i]);
    else if (arg === '--blocking') {
      const b = argv[++i];
      if (b !== 'bench' && b !== 'default') throw new Error('--blocking bench|default');
      a.blocking = b;
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (!(Number.isInteger(a.records) && a.records >= 1000)) throw new Error('--records must be an integer >= 1000');
  return a;
}

const args = parseArgs(process.argv.slice(2));
const gc = exposeGc();
const canReset = resetPeakRss();
console.log(`linkage bench: ${args.records.toLocaleString('en')} x ${args.records.toLocaleString('en')} records, seed ${args.seed}, blocking ${args.blocking}, Node ${process.version}`);

let t = nowMs();
const { records, truth } = syntheticRecords({ persons: Math.round(args.records / 0.7), inclusion: [0.7, 0.7], seed: args.seed });
const genMs = nowMs() - t;
gc();
console.log(`generate: ${records.length.toLocaleString('en')} records in ${(genMs / 1000).toFixed(1)} s; RSS ${mb(procStatus('VmRSS'))}, heap ${mb(process.memoryUsage().heapUsed)}`);

const rows: { stage: string; ms: number; cpu: number; peak: number }[] = [];
let cpu0 = process.cpuUsage();
if (canReset) resetPeakRss();
t = nowMs();
const result = linkRecords(records, {
  pairs: 'across',
  blocking: args.blocking === 'bench' ? BENCH_BLOCKING : DEFAULT_BLOCKING,
  onStage: (stage, ms) => {
    const c = process.cpuUsage(cpu0);
    rows.push({ stage, ms, cpu: (c.user + c.system) / 1000, peak: procStatus('VmHWM') });
    cpu0 = process.cpuUsage();
    if (canReset) resetPeakRss();
  },
});
const totalMs = nowMs() - t;
t = nowMs();
const q = evaluateLinkage(result.person, truth);
const evalMs = nowMs() - t;

console.log('\n| stage | wall (s) | CPU (s) | peak RSS |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.stage} | ${(r.ms / 1000).toFixed(2)} | ${(r.cpu / 1000).toFixed(2)} | ${mb(r.peak)} |`);
console.log(`| **linkRecords total** | **${(totalMs / 1000).toFixed(2)}** | **${(rows.reduce((s, r) => s + r.cpu, 0) / 1000).toFixed(2)}** | |`);
console.log(`| evaluate (truth) | ${(evalMs / 1000).toFixed(2)} | | |`);
console.log(`\npeak RSS of the process ${mb(process.resourceUsage().maxRSS * 1024)}${canReset ? '' : ' (per-stage peaks not resettable here: each is the peak so far)'}`);
console.log('blocking:', result.blocking.map((b) => `${b.fields.join('+')}: ${b.blocks.toLocaleString('en')} blocks, ${b.pairs.toLocaleString('en')} pairs, ${b.skippedBlocks} skipped, ${b.recordsWithoutKey.toLocaleString('en')} without key`).join('; '));
console.log('counts:', JSON.stringify(result.counts), `persons ${result.persons.toLocaleString('en')}, conflicts ${result.conflicts.length}`);
result.parameters.forEach((q, i) =>
  console.log(`pass ${i + 1}: ${q.source === 'global' ? 'global parameters' : `EM ${q.emIterations} iterations`}, match rate ${q.matchRate.toFixed(4)}, thresholds ${q.lower.toFixed(2)} / ${q.upper.toFixed(2)}`),
);
console.log(`truth: precision ${q.precision.toFixed(4)}, recall ${q.recall.toFixed(4)}, persons recovered exactly ${q.personsExactShare.toFixed(4)} (${q.correctPairs.toLocaleString('en')} of ${q.truePairs.toLocaleString('en')} true pairs, ${q.predictedPairs.toLocaleString('en')} linked)`);
if (result.warnings.length) console.log('warnings:', result.warnings.join(' | '));
