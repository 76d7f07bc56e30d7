/**
 * ILMS indicator benchmark (issue 6): the full ILMS core set on the ~1,000,000-person Atlantis sample, by stage, with
 * the Taylor profile (datasets/atlantis-lfs/profile.yaml: strata, areas then households, first-stage fpc); and two
 * scaling series: rows (a systematic 1/8, 1/4, 1/2 and all of the areas) and indicators sharing one pass group.
 *
 *   npm run datasets -- --persons 14000000 --areas 9600 --take 40 --replicates 0 --out bench/data/atlantis-1m
 *   npx tsx bench/indicators.bench.ts [--data DIR] [--runs N] [--only stages,rows,indicators,export] [--every 8,4,2,1]
 *                                     [--profile FILE] [--quarter 2024q1]
 *
 * Defaults: bench/data/atlantis-1m, 3 timed runs of each step (median shown, after one untimed warm-up of the
 * estimation steps), all parts. Each step's peak RSS is VmHWM from /proc/self/status, reset (clear_refs) after forced
 * GCs before the step, so it is the process's peak during that step (Node + tsx, the data already held, and the step).
 *
 * stages      read (the person, absent-member and household Parquet files, `readTable`), profile apply
 *             (`applyProfile`), design (`designFromOptions`, as the CLI), derive (`deriveIndicatorData`), compute
 *             (`computeIndicators`, the whole core set), reliability + suppression (`flagReliability`, `suppressTables`,
 *             `propagateSuppression`, as `runIndicators` calls them), run metadata (`buildRunMetadata`: hashes the
 *             inputs) and write (`writeIndicatorOutputs`, ILOSTAT bulk CSV, into bench/out/indicators-ilostat/).
 *             Also compute of the totals, ratios and means only (no medians, no gaps): the cells R and DuckDB compute.
 * rows        design + derive + compute + reliability/suppression on the rows of every 8th, 4th, 2nd and every area
 *             (--every; areas in order of first appearance: a systematic subsample across all strata, as
 *             bench/r-indicators.R --every takes it).
 * indicators  compute of 1, 3, 5 and 9 indicators of one group (sex x age x migrant status: one `estimate` pass per
 *             subset of the three dimensions, shared by all of them), and of the whole set (11 groups).
 * export      (for bench/indicators-duckdb.ts and bench/r-indicators.R) writes into the data folder `derived.csv`
 *             (design columns, the catalogue's variables and classifications as level numbers) and `tableset.json`
 *             (the levels, and for every group and subset of its dimensions the totals and ratios to compute, as
 *             computeIndicators does), and bench/out/indicators-migstat-<data folder name>.csv: migstat's estimate and SE of every
 *             total and ratio cell, keyed as the other two write theirs.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { designFromOptions } from '../src/cli/design-options.js';
import type { IndicatorDefinition } from '../src/indicators/catalogue.js';
import type { IndicatorCell, IndicatorTable } from '../src/indicators/cell.js';
import { type DerivedData, computeIndicators } from '../src/indicators/compute.js';
import { type Derivation, deriveIndicatorData } from '../src/indicators/derive.js';
import { flagReliability, obsStatusOf } from '../src/indicators/reliability.js';
import { propagateSuppression, suppressTables } from '../src/indicators/suppression.js';
import { readTable } from '../src/io/read.js';
import { type Column, Table } from '../src/io/table.js';
import { runIndicators, selectDefinitions } from '../src/pipeline/indicators.js';
import { applyProfile } from '../src/profile/apply.js';
import { type LoadedProfile, loadProfile } from '../src/profile/load.js';
import { writeIndicatorOutputs } from '../src/report/indicator-files.js';
import { buildRunMetadata } from '../src/report/run-metadata.js';
import { benchDir, lineWriter, mb, median, nowMs, procStatus, releaseGarbage, resetPeakRss, rootDir, typedColumnBytes } from './support.js';

interface Args {
  readonly data: string;
  readonly runs: number;
  readonly only: ReadonlySet<string>;
  readonly profile: string;
  readonly quarter: string;
  /** The rows series: every k-th area for each k. */
  readonly every: readonly number[];
}

const PARTS = ['stages', 'rows', 'indicators', 'export'] as const;

function parseArgs(argv: readonly string[]): Args {
  let data = join(benchDir, 'data/atlantis-1m');
  let runs = 3;
  let only: string[] = [...PARTS];
  let profile = join(rootDir, 'datasets/atlantis-lfs/profile.yaml');
  let quarter = '2024q1';
  let every = [8, 4, 2, 1];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => argv[++i] ?? (() => { throw new Error(`${a} needs a value`); })();
    if (a === '--data') data = next();
    else if (a === '--runs') runs = Number(next());
    else if (a === '--only') only = next().split(',');
    else if (a === '--profile') profile = next();
    else if (a === '--quarter') quarter = next();
    else if (a === '--every') every = next().split(',').map(Number);
    else throw new Error(`unknown argument ${a}; usage: npx tsx bench/indicators.bench.ts [--data DIR] [--runs N] [--only ${PARTS.join(',')}] [--every 8,4,2,1] [--profile FILE] [--quarter 2024q1]`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive whole number');
  if (!every.every((k) => Number.isInteger(k) && k >= 1)) throw new Error('--every: positive whole numbers, e.g. 8,4,2,1');
  for (const p of only) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`--only ${p}: parts are ${PARTS.join(', ')}`);
  const persons = join(data, `lfs_${quarter}_persons.parquet`);
  if (!existsSync(persons)) {
    throw new Error(`no ${persons}: generate the sample first (npm run datasets -- --persons 14000000 --areas 9600 --take 40 --replicates 0 --out ${relative(rootDir, data)})`);
  }
  return { data: resolve(data), runs, only: new Set(only), profile: resolve(profile), quarter, every };
}

const MiB = 2 ** 20;
const s = (msec: number): string => (msec >= 1000 ? `${(msec / 1000).toFixed(2)} s` : `${msec.toFixed(1)} ms`);

/** A step's timed runs: median, all runs, and the peak RSS of the process during them. */
interface Timed<T> {
  readonly median: number;
  readonly times: number[];
  readonly peak: number;
  readonly before: number;
  readonly value: T;
}

/** Runs `fn` (after `warmups` untimed calls) `runs` times; peak RSS is reset after forced GCs before the runs. */
async function time<T>(runs: number, fn: () => T | Promise<T>, warmups = 0): Promise<Timed<T>> {
  for (let w = 0; w < warmups; w++) await fn();
  await releaseGarbage();
  const before = procStatus('VmRSS');
  resetPeakRss();
  const times: number[] = [];
  let value: T | undefined;
  for (let r = 0; r < runs; r++) {
    value = undefined; // let the previous run's result go before the next one
    const a = nowMs();
    value = await fn();
    times.push(nowMs() - a);
  }
  return { median: median(times), times, peak: procStatus('VmHWM'), before, value: value as T };
}

const report = (rows: string[][]): void => {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  for (const r of rows) console.log(`  ${r.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ')}`);
};
const line = (label: string, t: Timed<unknown>): string[] => [label, s(t.median), t.times.map((x) => s(x)).join(' / '), `${(t.before / MiB).toFixed(0)} MiB`, `${(t.peak / MiB).toFixed(0)} MiB`];
const HEADER = ['step', 'median', 'runs', 'RSS before', 'peak RSS'];

/** The rows of a table where keep[i] is 1 (every column). */
function keepRows(table: Table, keep: Uint8Array): Table {
  let n = 0;
  for (let i = 0; i < keep.length; i++) n += keep[i]!;
  const idx = new Int32Array(n);
  for (let i = 0, j = 0; i < keep.length; i++) if (keep[i]) idx[j++] = i;
  const columns = new Map<string, Column>();
  for (const [name, c] of table.columns) {
    if (c.kind === 'number') columns.set(name, { ...c, values: Float64Array.from(idx, (i) => c.values[i]!) });
    else columns.set(name, { ...c, codes: Int32Array.from(idx, (i) => c.codes[i]!) });
  }
  return new Table(table.names, columns, n, table.source, table.meta);
}

/** Rows of the areas (first-stage PSU column) whose rank in order of first appearance is a multiple of `every`. */
function everyNthArea(table: Table, psu: string, every: number): Uint8Array {
  const col = table.column(psu);
  const ids = col.kind === 'number' ? col.values : Float64Array.from(col.codes);
  const rank = new Map<number, number>();
  const keep = new Uint8Array(table.nrows);
  for (let i = 0; i < table.nrows; i++) {
    let r = rank.get(ids[i]!);
    if (r === undefined) rank.set(ids[i]!, (r = rank.size));
    keep[i] = r % every === 0 ? 1 : 0;
  }
  return keep;
}

/** runIndicators' derivation options for a profile. */
function deriveOptions(loaded: LoadedProfile) {
  const p = loaded.profile;
  return {
    country: p.survey.country, standard: p.labour_force?.status_standard, underemploymentThreshold: p.labour_force?.underemployment_hours_threshold,
    underemploymentHours: p.labour_force?.underemployment_hours, informality: p.informality.standard,
  };
}

/** Reliability flags and disclosure control, as runIndicators applies them (its last step, gaps following their base cells, left out). */
function protect(computed: IndicatorTable[], derivation: Derivation): IndicatorTable[] {
  const flagged = computed.map((t) => ({ ...t, cells: flagReliability(t.cells) }));
  const breakdowns = Object.values(derivation.data.classifications).map((c) => c.breakdown);
  const suppression = suppressTables(flagged.filter((t) => t.measure), breakdowns);
  const others = propagateSuppression(flagged.filter((t) => !t.measure), suppression.tables, { breakdowns });
  return [...suppression.tables, ...others];
}

type Dim = keyof DerivedData['classifications'];
const dimsOf = (def: IndicatorDefinition): Dim[] => ['sex', ...(def.classif1 ? [def.classif1] : []), ...(def.classif2 ? [def.classif2] : [])];
const amountName = (def: IndicatorDefinition): string => `a_${def.amount}_${def.denominator}`;

/** One estimation task of the table set: for a subset of a group's dimensions, the totals and the ratios (by denominator). */
interface Task {
  readonly group: string;
  readonly by: string[];
  readonly totals: string[];
  readonly ratios: { den: string; nums: string[] }[];
}

/** The totals and ratios of the definitions (counts, rates, means), per group and subset of dimensions, as computeIndicators passes them. */
function tableSet(defs: readonly IndicatorDefinition[]): Task[] {
  const groups = new Map<string, IndicatorDefinition[]>();
  for (const d of defs) {
    if (d.unit !== 'NB' && d.unit !== 'RT' && d.unit !== 'MEAN') continue;
    const key = dimsOf(d).join('|');
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const tasks: Task[] = [];
  for (const [key, ds] of groups) {
    const dims = dimsOf(ds[0]!);
    const totals = [...new Set(ds.filter((d) => d.unit === 'NB').map((d) => d.numerator!))];
    const ratios = new Map<string, string[]>();
    for (const d of ds) {
      if (d.unit === 'NB') continue;
      const num = d.unit === 'RT' ? d.numerator! : amountName(d);
      const nums = ratios.get(d.denominator!) ?? [];
      if (!nums.includes(num)) nums.push(num);
      ratios.set(d.denominator!, nums);
    }
    for (let mask = 0; mask < 1 << dims.length; mask++) {
      tasks.push({ group: key, by: dims.filter((_, k) => mask & (1 << k)).map((d) => `c_${d}`), totals, ratios: [...ratios].map(([den, nums]) => ({ den, nums })) });
    }
  }
  return tasks;
}

/** The key of a total or ratio cell: by-columns, their levels, and the statistic (the three tools write the same keys). */
function cellKey(def: IndicatorDefinition, cell: IndicatorCell, data: DerivedData): { key: string; scale: number } {
  const dims = dimsOf(def);
  const values = [cell.sex, cell.classif1, cell.classif2];
  const by: string[] = [];
  const levels: string[] = [];
  dims.forEach((d, k) => {
    if (values[k] !== data.classifications[d].breakdown.total) {
      by.push(`c_${d}`);
      levels.push(values[k]!);
    }
  });
  const stat = def.unit === 'NB' ? `total:${def.numerator}` : def.unit === 'RT' ? `ratio:${def.numerator}/${def.denominator}` : `ratio:${amountName(def)}/${def.denominator}`;
  return { key: `${by.join('+')}|${levels.join('+')}|${stat}`, scale: def.unit === 'RT' ? 100 : 1 };
}

/** Writes derived.csv and tableset.json (data folder) and bench/out/indicators-migstat-<data folder name>.csv. */
function exportTableSet(dir: string, table: Table, estimateOptions: Readonly<Record<string, unknown>>, derivation: Derivation, defs: readonly IndicatorDefinition[], tables: readonly IndicatorTable[]): void {
  const data = derivation.data;
  const o = estimateOptions as { weight: string; strata: string; psu: string[]; fpc: string[] };
  const designCols = [o.strata, ...o.psu, ...o.fpc, o.weight];
  const numeric = (name: string): Float64Array => {
    const c = table.column(name);
    return c.kind === 'number' ? c.values : Float64Array.from(c.codes, (k) => Number(c.levels[k]!));
  };
  const tasks = tableSet(defs);
  const variables = [...new Set(tasks.flatMap((t) => [...t.totals, ...t.ratios.flatMap((r) => [r.den, ...r.nums])]))];
  const columns: [string, ArrayLike<number>][] = designCols.map((c) => [c, numeric(c)]);
  for (const v of variables) {
    if (v.startsWith('a_')) {
      const def = defs.find((d) => d.unit === 'MEAN' && amountName(d) === v)!;
      const a = data.variables[def.amount!];
      const p = data.variables[def.denominator!];
      columns.push([v, Float64Array.from(p, (pi, i) => (pi ? a[i]! : 0))]);
    } else columns.push([v, data.variables[v as keyof DerivedData['variables']]]);
  }
  const dims = [...new Set(tasks.flatMap((t) => t.by))];
  for (const d of dims) columns.push([d, data.classifications[d.slice(2) as Dim].codes]);
  const csv = lineWriter(join(dir, 'derived.csv'), 20_000);
  csv.line(columns.map(([n]) => n).join(','));
  for (let i = 0; i < data.nrows; i++) {
    let l = '';
    for (let k = 0; k < columns.length; k++) {
      const x = columns[k]![1][i]!;
      l += (k ? ',' : '') + (Number.isNaN(x) || (x < 0 && k >= columns.length - dims.length) ? '' : String(x));
    }
    csv.line(l);
  }
  const bytes = csv.close();
  const levels = Object.fromEntries(dims.map((d) => [d, data.classifications[d.slice(2) as Dim].levels]));
  const design = { weight: o.weight, strata: o.strata, psu: o.psu, fpc: o.fpc };
  writeFileSync(join(dir, 'tableset.json'), `${JSON.stringify({ rows: data.nrows, design, levels, tasks }, null, 1)}\n`);
  // migstat's cells of the same set, one per key (a key shared by several tables has the same estimate in each)
  const byCode = new Map(defs.map((d) => [d.code, d]));
  const seen = new Map<string, IndicatorCell & { scale: number }>();
  for (const t of tables) {
    const def = byCode.get(t.indicator)!;
    if (def.unit !== 'NB' && def.unit !== 'RT' && def.unit !== 'MEAN') continue;
    for (const c of t.cells) {
      const { key, scale } = cellKey(def, c, data);
      if (!seen.has(key)) seen.set(key, { ...c, scale });
    }
  }
  const out = lineWriter(join(benchDir, `out/indicators-migstat-${basename(dir)}.csv`), 10_000);
  out.line('key,estimate,se');
  for (const [key, c] of [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out.line(`${key},${(c.estimate / c.scale).toPrecision(17)},${(c.se / c.scale).toPrecision(17)}`);
  out.close();
  console.log(`\nexport: ${relative(rootDir, join(dir, 'derived.csv'))} (${data.nrows} rows, ${columns.length} columns, ${mb(bytes)}), ` +
    `${relative(rootDir, join(dir, 'tableset.json'))} (${tasks.length} tasks: ${new Set(tasks.map((t) => t.group)).size} groups x subsets of their dimensions), ` +
    `bench/out/indicators-migstat-${basename(dir)}.csv (${seen.size} distinct total and ratio cells)`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { runs } = args;
  const file = (t: string): string => join(args.data, `lfs_${args.quarter}_${t}.parquet`);
  console.log(`ILMS core set, Taylor profile ${relative(rootDir, args.profile)}, data ${relative(rootDir, args.data)} (${args.quarter}); ${runs} timed run(s) per step`);
  console.log(`Node ${process.version}; RSS at start ${(procStatus('VmRSS') / MiB).toFixed(0)} MiB`);
  const loaded = loadProfile(args.profile);

  const read = await time(runs, async () => ({ person: await readTable(file('persons')), absent: await readTable(file('absent')), households: await readTable(file('households')) }));
  const tables = read.value;
  const apply = await time(runs, () => applyProfile(loaded, tables));
  const applied = apply.value;
  const std = applied.table;
  if (!applied.estimateOptions) throw new Error(`${args.profile} has no design`);
  const opts = applied.estimateOptions as Record<string, unknown>;
  const design = await time(runs, () => designFromOptions(std, opts));
  console.log(`standard table: ${std.nrows} rows (${tables.person.nrows} persons, ${tables.absent.nrows} absent members; ${tables.households.nrows} households), ${std.names.length} columns, typed ${mb(typedColumnBytes(std))}`);

  const derive = await time(runs, () => deriveIndicatorData(std, deriveOptions(loaded)));
  const derivation = derive.value;
  const all = selectDefinitions({}, derivation.criterion);
  const pointDefs = all.filter((d) => d.unit === 'NB' || d.unit === 'RT' || d.unit === 'MEAN');
  const compute = await time(runs, () => computeIndicators(design.value, derivation.data, all), 1);
  const cells = compute.value.reduce((a, t) => a + t.cells.length, 0);

  if (args.only.has('stages')) {
    const computePoint = await time(runs, () => computeIndicators(design.value, derivation.data, pointDefs), 1);
    const prot = await time(runs, () => protect(compute.value, derivation));
    const whole = await time(runs, () => runIndicators(loaded, std, design.value), 0);
    const run = whole.value;
    const outDir = join(benchDir, 'out/indicators-ilostat');
    const reference = { ref_area: loaded.profile.survey.country, source: 'BA:0', time: args.quarter.toUpperCase() };
    const d = run.derivation;
    const metadata = await time(runs, () => buildRunMetadata({
      inputs: [{ path: file('persons'), role: 'person' }, { path: file('absent'), role: 'absent' }, { path: file('households'), role: 'households' }],
      profile: args.profile, options: { set: 'ilms-core', format: 'ilostat' },
      standards: { labourForce: d.standard, migrantCriterion: d.criterion, usualResidence: d.residenceRule, informality: d.informality, workingAge: `${d.workingAgeMin}+` },
      exclusions: d.exclusions.map((e) => ({ ...e, step: 'concepts' })), reference,
    }));
    rmSync(outDir, { recursive: true, force: true });
    const write = await time(runs, () => writeIndicatorOutputs(run.tables, { format: 'ilostat', outDir, ...reference, obsStatus: obsStatusOf(), metadata: metadata.value }));
    console.log(`\nstages (${all.length} tables, ${cells} cells; ${groupsOf(all)} groups of indicators sharing their dimensions; ` +
      `${run.suppression.suppressed.length} count cells suppressed; ${write.value.length} files written to ${relative(rootDir, outDir)}):`);
    report([
      HEADER,
      line('read (3 Parquet files)', read),
      line('profile apply', apply),
      line('design (Taylor)', design),
      line('derive', derive),
      line(`compute: all ${all.length} tables`, compute),
      line(`compute: ${pointDefs.length} tables of totals, ratios, means`, computePoint),
      line('reliability + suppression', prot),
      line('  (runIndicators: derive..suppression)', whole),
      line('run metadata (hashes inputs)', metadata),
      line('write (ILOSTAT CSV)', write),
    ]);
    const sum = [apply, design, derive, compute, prot, metadata, write].reduce((a, t) => a + t.median, 0);
    console.log(`  sum of the medians after the read: ${s(sum)}; with the read: ${s(sum + read.median)}`);
  }

  if (args.only.has('rows')) {
    console.log('\nrows (areas in file order, every k-th; design + derive + compute + reliability/suppression):');
    const rowsTable: string[][] = [['fraction', 'rows', 'design', 'derive', 'compute', 'rel+supp', 'total', 'ms per 100k rows', 'peak RSS']];
    for (const every of args.every) {
      const sub = every === 1 ? std : keepRows(std, everyNthArea(std, (opts.psu as string[])[0]!, every));
      const des = await time(runs, () => designFromOptions(sub, opts));
      const der = await time(runs, () => deriveIndicatorData(sub, deriveOptions(loaded)));
      const com = await time(runs, () => computeIndicators(des.value, der.value.data, all), 1);
      const pro = await time(runs, () => protect(com.value, der.value));
      const total = des.median + der.median + com.median + pro.median;
      rowsTable.push([`1/${every}`, String(sub.nrows), s(des.median), s(der.median), s(com.median), s(pro.median), s(total), (total / (sub.nrows / 1e5)).toFixed(1),
        `${(Math.max(des.peak, der.peak, com.peak, pro.peak) / MiB).toFixed(0)} MiB`]);
    }
    report(rowsTable);
  }

  if (args.only.has('indicators')) {
    console.log('\nindicators (compute only, full sample):');
    const group = all.filter((d) => dimsOf(d).join('|') === 'sex|age_ythadult|migrant' && d.unit !== 'GAP');
    const order = [...group.filter((d) => d.unit === 'RT'), ...group.filter((d) => d.unit === 'NB')];
    const rowsTable: string[][] = [['indicators', 'groups', 'estimate passes', 'median', 'runs', 'per indicator', 'peak RSS']];
    const sets: [string, IndicatorDefinition[]][] = [1, 3, 5, order.length].map((k) => [`${k} (sex x age x migrant)`, order.slice(0, k)]);
    sets.push([`${pointDefs.length} (totals, ratios, means)`, pointDefs], [`${all.length} (all)`, all]);
    for (const [label, defs] of sets) {
      const t = await time(runs, () => computeIndicators(design.value, derivation.data, defs), 1);
      rowsTable.push([label, String(groupsOf(defs)), String(passesOf(defs)), s(t.median), t.times.map((x) => s(x)).join(' / '), s(t.median / defs.length), `${(t.peak / MiB).toFixed(0)} MiB`]);
    }
    report(rowsTable);
  }

  if (args.only.has('export')) {
    const run = runIndicators(loaded, std, design.value);
    mkdirSync(join(benchDir, 'out'), { recursive: true });
    exportTableSet(args.data, std, applied.estimateOptions, run.derivation, all, run.tables);
  }
}

/** Groups of indicators sharing their dimensions (gaps apart). */
const groupsOf = (defs: readonly IndicatorDefinition[]): number => new Set(defs.filter((d) => d.unit !== 'GAP').map((d) => dimsOf(d).join('|'))).size;
/** `estimate` calls of computeIndicators: per group, one per subset of its dimensions (and one more per median), plus two per gap and the df. */
function passesOf(defs: readonly IndicatorDefinition[]): number {
  let n = 1;
  const groups = new Map<string, IndicatorDefinition[]>();
  for (const d of defs) {
    if (d.unit === 'GAP') n += 2;
    else groups.set(dimsOf(d).join('|'), [...(groups.get(dimsOf(d).join('|')) ?? []), d]);
  }
  for (const ds of groups.values()) {
    const subsets = 1 << dimsOf(ds[0]!).length;
    n += (ds.some((d) => d.unit !== 'MEDIAN') ? subsets : 0) + subsets * ds.filter((d) => d.unit === 'MEDIAN').length;
  }
  return n;
}

await main();
