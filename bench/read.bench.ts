/**
 * Reader benchmark: a 1,000,000-row, 60-column CSV (bench/generate-read.ts) and the same data as Parquet, .sav and
 * .dta, read into typed columns; next to DuckDB's read_csv, arquero's loadCSV and a papaparse-based reader.
 *
 *   npx tsx bench/read.bench.ts [--runs 3] [--only name,name] [--csv PATH]
 *
 * Each run of each reader is a fresh Node process (so that its peak RSS is its own): it loads its modules, notes its
 * RSS, reads the file (timed: wall clock around the read call alone), and reports the time, its peak RSS
 * (VmHWM) and the bytes of the typed columns it made. The Parquet, .sav and .dta files are written from the
 * CSV's table by writeTable the first time (bench/data/, gitignored; the writers' times are printed then).
 *
 * Readers:
 *   migstat-csv          readTable(csv): the streaming CSV reader (readCsvStream)
 *   migstat-csv-sync     readCsv(csv): the same tokenizer with synchronous reads
 *   migstat-csv-5cols    readTable(csv, { columns: 5 of them }): projection
 *   papaparse            papaparse streaming (step per row, strings) + the same typing rule into typed columns
 *   duckdb-read_csv      DuckDB: CREATE TABLE AS SELECT * FROM read_csv(csv, nullstr = ['NA', '']), default threads (2 here)
 *   duckdb-read_csv-1t   the same with threads = 1
 *   arquero-loadCSV      arquero 8.0.3 loadCSV, code columns parsed as String
 *   migstat-parquet      readTable(parquet) (DuckDB read_parquet, streamed into typed columns)
 *   migstat-sav          readTable(sav)  (the SPSS reader)
 *   migstat-dta          readTable(dta)  (the Stata reader)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRead } from './generate-read.js';
import { median, procStatus, typedColumnBytes } from './support.js';

const benchDir = dirname(fileURLToPath(import.meta.url));
const self = fileURLToPath(import.meta.url);

const READERS = [
  'migstat-csv',
  'migstat-csv-sync',
  'migstat-csv-5cols',
  'papaparse',
  'duckdb-read_csv',
  'duckdb-read_csv-1t',
  'arquero-loadCSV',
  'migstat-parquet',
  'migstat-sav',
  'migstat-dta',
] as const;
type Reader = (typeof READERS)[number];

interface Result {
  readonly ms: number;
  /** RSS after the modules loaded, before the read (MiB). */
  readonly baseMiB: number;
  /** Peak RSS of the process (MiB). */
  readonly peakMiB: number;
  /** Bytes of the typed columns made (MiB), where the reader makes them. */
  readonly typedMiB?: number;
  readonly rows?: number;
  readonly columns?: number;
}

const MiB = 1 << 20;
const rssMiB = () => process.memoryUsage().rss / MiB;
/** Peak RSS of this process image (VmHWM: getrusage's maxrss would carry the parent's peak over the fork). */
const peakMiB = () => procStatus('VmHWM') / MiB;
const CODE_COLUMNS = ['hhid', 'region', 'district', 'isco', 'interview_date'];

/** papaparse, streaming, strings only (no dynamicTyping), then the migstat typing rule into typed columns. */
async function papaparse(path: string): Promise<{ rows: number; columns: number; bytes: number }> {
  const Papa = (await import('papaparse')).default;
  const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  const LEADING_ZERO = /^[-+]?0\d/;
  let names: string[] | undefined;
  let nums: (Float64Array | undefined)[] = [];
  let texts: ({ codes: Int32Array; index: Map<string, number> } | undefined)[] = [];
  let cap = 1 << 16;
  let row = 0;
  const grow = () => {
    cap *= 2;
    nums = nums.map((a) => (a ? Float64Array.from({ length: cap }, (_, i) => (i < a.length ? a[i]! : 0)) : a));
    texts = texts.map((t) => {
      if (!t) return t;
      const c = new Int32Array(cap);
      c.set(t.codes);
      return { codes: c, index: t.index };
    });
  };
  await new Promise<void>((done, fail) => {
    Papa.parse<string[]>(createReadStream(path, 'utf8') as unknown as File, {
      header: false,
      skipEmptyLines: true,
      step: (r) => {
        const f = r.data;
        if (!names) {
          names = f;
          nums = f.map(() => new Float64Array(cap));
          texts = f.map(() => undefined);
          return;
        }
        if (row === cap) grow();
        for (let j = 0; j < f.length; j++) {
          const v = f[j]!;
          const s = v.trim();
          const missing = s === '' || s === 'NA';
          const t = texts[j];
          if (t) {
            if (missing) t.codes[row] = -1;
            else {
              let c = t.index.get(v);
              if (c === undefined) t.index.set(v, (c = t.index.size));
              t.codes[row] = c;
            }
          } else if (missing) nums[j]![row] = NaN;
          else if (NUMBER.test(s) && !LEADING_ZERO.test(s)) nums[j]![row] = Number(s);
          else {
            // Turns text: the numbers so far become their text.
            const index = new Map<string, number>();
            const codes = new Int32Array(cap);
            const a = nums[j]!;
            for (let i = 0; i < row; i++) {
              if (Number.isNaN(a[i])) codes[i] = -1;
              else {
                const k = String(a[i]);
                let c = index.get(k);
                if (c === undefined) index.set(k, (c = index.size));
                codes[i] = c;
              }
            }
            let c = index.get(v);
            if (c === undefined) index.set(v, (c = index.size));
            codes[row] = c;
            texts[j] = { codes, index };
            nums[j] = undefined;
          }
        }
        row++;
      },
      complete: () => done(),
      error: (e: Error) => fail(e),
    });
  });
  const bytes = nums.reduce((s, a) => s + (a ? row * 8 : 0), 0) + texts.reduce((s, t) => s + (t ? row * 4 : 0), 0);
  return { rows: row, columns: names!.length, bytes };
}

/** One measured read, in this process. */
async function one(reader: Reader, path: string): Promise<Result> {
  const { readTable } = await import('../src/io/read.js');
  const { readCsv } = await import('../src/io/csv.js');
  if (reader === 'migstat-parquet') await import('../src/io/parquet.js');
  let duck: import('@duckdb/node-api').DuckDBConnection | undefined;
  if (reader.startsWith('duckdb')) {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    duck = await (await DuckDBInstance.create(':memory:', reader.endsWith('-1t') ? { threads: '1' } : {})).connect();
  }
  const aq = reader === 'arquero-loadCSV' ? await import('arquero') : undefined;
  if (reader === 'papaparse') await import('papaparse');
  const baseMiB = rssMiB();
  const t0 = performance.now();
  let typed: number | undefined;
  let rows: number | undefined;
  let columns: number | undefined;
  switch (reader) {
    case 'migstat-csv':
    case 'migstat-csv-sync':
    case 'migstat-csv-5cols':
    case 'migstat-parquet':
    case 'migstat-sav':
    case 'migstat-dta': {
      const t =
        reader === 'migstat-csv-sync'
          ? readCsv(path)
          : await readTable(path, reader === 'migstat-csv-5cols' ? { columns: ['stratum', 'psu', 'weight', 'sex', 'country_birth'] } : {});
      typed = typedColumnBytes(t);
      rows = t.nrows;
      columns = t.names.length;
      break;
    }
    case 'papaparse': {
      const r = await papaparse(path);
      typed = r.bytes;
      rows = r.rows;
      columns = r.columns;
      break;
    }
    case 'duckdb-read_csv':
    case 'duckdb-read_csv-1t': {
      await duck!.run(`CREATE TABLE t AS SELECT * FROM read_csv('${path.replace(/'/g, "''")}', nullstr = ['NA', ''])`);
      const r = await duck!.runAndReadAll('SELECT count(*), (SELECT count(*) FROM (DESCRIBE t)) FROM t');
      [rows, columns] = r.getRowsJS()[0]!.map(Number);
      break;
    }
    case 'arquero-loadCSV': {
      const t = await aq!.loadCSV(path, { parse: Object.fromEntries(CODE_COLUMNS.map((c) => [c, String])) });
      rows = t.numRows();
      columns = t.numCols();
      break;
    }
  }
  const ms = performance.now() - t0;
  return { ms, baseMiB, peakMiB: peakMiB(), ...(typed !== undefined ? { typedMiB: typed / MiB } : {}), rows, columns };
}

/** The Parquet, .sav and .dta copies of the CSV, written by writeTable when absent. */
async function derived(csv: string): Promise<Record<'parquet' | 'sav' | 'dta', string>> {
  const base = csv.replace(/\.csv$/, '');
  const files = { parquet: `${base}.parquet`, sav: `${base}.sav`, dta: `${base}.dta` };
  if (Object.values(files).every(existsSync)) return files;
  const { readCsv } = await import('../src/io/csv.js');
  const { writeTable } = await import('../src/io/write-table.js');
  const t = readCsv(csv);
  for (const [format, path] of Object.entries(files)) {
    if (existsSync(path)) continue;
    const t0 = performance.now();
    await writeTable(t, path);
    console.log(`wrote ${path} (${format}, ${(statSync(path).size / MiB).toFixed(1)} MiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return files;
}

async function mainBench(argv: string[]): Promise<void> {
  let runs = 3;
  let csv = `${benchDir}/data/read-1m.csv`;
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--runs') runs = Number(argv[++i]);
    else if (a === '--only') only = argv[++i]!.split(',');
    else if (a === '--csv') csv = resolve(argv[++i]!);
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!existsSync(csv)) {
    console.log(`generating ${csv} ...`);
    generateRead(1_000_000, 20240607, csv);
  }
  const files = await derived(csv);
  const fileOf = (r: Reader) => (r === 'migstat-parquet' ? files.parquet : r === 'migstat-sav' ? files.sav : r === 'migstat-dta' ? files.dta : csv);
  console.log(`CSV ${csv}: ${(statSync(csv).size / MiB).toFixed(1)} MiB; ${runs} runs each, a fresh process per run`);
  const rows: string[] = [];
  for (const reader of READERS.filter((r) => !only || only.includes(r))) {
    const results: Result[] = [];
    for (let k = 0; k < runs; k++) {
      const p = spawnSync(process.execPath, [...process.execArgv, self, '--one', reader, fileOf(reader)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (p.status !== 0) throw new Error(`${reader} failed:\n${p.stderr}`);
      results.push(JSON.parse(p.stdout.trim().split('\n').at(-1)!) as Result);
    }
    const r0 = results[0]!;
    const line =
      `| ${reader} | ${results.map((r) => (r.ms / 1000).toFixed(2)).join(' / ')} s | median ${(median(results.map((r) => r.ms)) / 1000).toFixed(2)} s | ` +
      `${Math.round(Math.min(...results.map((r) => r.peakMiB)))}–${Math.round(Math.max(...results.map((r) => r.peakMiB)))} MiB | ` +
      `${Math.round(median(results.map((r) => r.baseMiB)))} MiB | ${r0.typedMiB !== undefined ? `${r0.typedMiB.toFixed(1)} MiB` : ''} | ${r0.rows} x ${r0.columns} |`;
    console.log(line);
    rows.push(line);
  }
  console.log('\n| reader | runs | time | peak RSS | RSS before the read | typed columns | rows x columns |\n| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
}

const argv = process.argv.slice(2);
if (argv[0] === '--one') {
  const r = await one(argv[1] as Reader, argv[2]!);
  console.log(JSON.stringify(r));
} else await mainBench(argv);
