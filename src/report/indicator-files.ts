/**
 * Writes indicator tables to an output folder in one format, with the run's `metadata.json`:
 * - `ilostat`: one ILOSTAT bulk CSV per indicator, `<indicator>.csv` (src/indicators/ilostat.ts), each passing the
 *   schema check `checkIlostatCsv` (a file with problems is an error, and nothing is written);
 * - `sdmx`: one SDMX-CSV file, `indicators.sdmx.csv` (src/indicators/sdmx.ts);
 * - `csv`, `json`: one tidy file, `indicators.csv` / `indicators.json` (src/indicators/tidy.ts);
 * - `xlsx`: one workbook, `indicators.xlsx`, a sheet per table (indicator-workbook.ts).
 * `metadata.json` is the run metadata (run-metadata.ts) with the output files and their SHA-256 added.
 *
 * Atomic as a set: every file's bytes are built first (an error there writes nothing); then each file goes to a
 * temporary file beside its target, and only when all temporary files are complete are they renamed over their targets
 * (src/io/atomic.ts, nested), so a failure while writing leaves no output file changed and no temporary file behind.
 * (The renames themselves, one per file, are not undone if one of them fails.)
 */
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndicatorTable } from '../indicators/cell.js';
import { ILOSTAT_COLUMNS, type IlostatCheckOptions, type ObsStatusOf, checkIlostatCsv, ilostatFiles } from '../indicators/ilostat.js';
import { sdmxCsv } from '../indicators/sdmx.js';
import { TIDY_COLUMNS, tidyRows } from '../indicators/tidy.js';
import { atomicWrite } from '../io/atomic.js';
import { toCsv, toJson } from '../io/write.js';
import { indicatorWorkbook } from './indicator-workbook.js';
import { type RunMetadata, type RunOutput, runMetadataJson, sha256 } from './run-metadata.js';

export type IndicatorOutputFormat = 'ilostat' | 'sdmx' | 'csv' | 'json' | 'xlsx';

export const INDICATOR_OUTPUT_FORMATS: readonly IndicatorOutputFormat[] = ['ilostat', 'sdmx', 'csv', 'json', 'xlsx'];

/** The name of the run metadata file in the output folder. */
export const METADATA_FILE = 'metadata.json';

export interface IndicatorOutputOptions {
  readonly format: IndicatorOutputFormat;
  /** The output folder (created when missing). */
  readonly outDir: string;
  /** ISO3 reference area (`ATL`). */
  readonly ref_area: string;
  /** ILOSTAT source (`BA:1`). */
  readonly source: string;
  /** ILOSTAT period (`2024Q1`, `2024`). */
  readonly time: string;
  /** ILOSTAT obs_status of a cell (the reliability policy's); default: `C` suppressed, `U` unreliable. */
  readonly obsStatus?: ObsStatusOf;
  /** The run's metadata (run-metadata.ts `buildRunMetadata`); its standards give the criterion and standard shown. */
  readonly metadata: RunMetadata;
  /** Decimals of published values (ILOSTAT, SDMX, xlsx); default 3. */
  readonly decimals?: number;
  /** Code lists of the ILOSTAT schema check, or false to skip the check (ilostat format only). */
  readonly check?: IlostatCheckOptions | false;
  /** UNIT_MEASURE of SDMX tables that are neither counts nor rates. */
  readonly unitMeasure?: (table: IndicatorTable) => string;
  /** Seconds since 1970-01-01 for the xlsx dates; default SOURCE_DATE_EPOCH, else 0. */
  readonly timestamp?: number;
}

/** A file written: its name in the output folder, full path, SHA-256 and size. */
export interface WrittenFile extends RunOutput {
  readonly path: string;
}

/** A set of files that failed the ILOSTAT schema check. */
export class IlostatSchemaError extends Error {
  override readonly name = 'IlostatSchemaError';
  constructor(readonly problems: readonly { readonly file: string; readonly message: string }[]) {
    super(`ILOSTAT schema check failed (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` + problems.slice(0, 20).map((p) => `  ${p.file}: ${p.message}`).join('\n') + (problems.length > 20 ? '\n  ...' : ''));
  }
}

const encoder = new TextEncoder();

/** The file names and bytes of the tables in a format (without metadata.json). */
export async function indicatorOutputBytes(tables: readonly IndicatorTable[], options: Omit<IndicatorOutputOptions, 'outDir'>): Promise<{ file: string; bytes: Uint8Array }[]> {
  const run = { ref_area: options.ref_area, source: options.source, time: options.time };
  const criterion = options.metadata.standards.migrantCriterion;
  const standard = options.metadata.standards.labourForce;
  const common = { ...run, ...(options.obsStatus ? { obsStatus: options.obsStatus } : {}), ...(options.decimals !== undefined ? { decimals: options.decimals } : {}) };
  switch (options.format) {
    case 'ilostat': {
      const files = ilostatFiles(tables, common).map((f) => ({ file: `${f.indicator}.csv`, text: toCsv(ILOSTAT_COLUMNS, f.rows) }));
      const names = new Set<string>();
      for (const f of files) {
        if (!/^[A-Za-z0-9_.-]+\.csv$/.test(f.file) || f.file.startsWith('.')) throw new Error(`indicator code "${f.file.slice(0, -4)}" cannot name a file`);
        if (names.has(f.file.toLowerCase()) || f.file.toLowerCase() === METADATA_FILE) throw new Error(`two outputs would be named ${f.file}`);
        names.add(f.file.toLowerCase());
      }
      if (options.check !== false) {
        const problems = files.flatMap((f) => checkIlostatCsv(f.text, options.check || {}).map((p) => ({ file: f.file, message: p.message })));
        if (problems.length > 0) throw new IlostatSchemaError(problems);
      }
      return files.map((f) => ({ file: f.file, bytes: encoder.encode(f.text) }));
    }
    case 'sdmx': {
      const csv = sdmxCsv(tables, { ...common, ...(options.unitMeasure ? { unitMeasure: options.unitMeasure } : {}) });
      return [{ file: 'indicators.sdmx.csv', bytes: encoder.encode(toCsv(csv.columns, csv.rows)) }];
    }
    case 'csv':
    case 'json': {
      const rows = tidyRows(tables, { ...run, criterion, standard, ...(options.obsStatus ? { obsStatus: options.obsStatus } : {}) });
      const text = options.format === 'csv' ? toCsv(TIDY_COLUMNS, rows) : toJson(rows) + '\n';
      return [{ file: `indicators.${options.format}`, bytes: encoder.encode(text) }];
    }
    case 'xlsx': {
      const bytes = await indicatorWorkbook(tables, {
        ...common, criterion, standard, ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
      });
      return [{ file: 'indicators.xlsx', bytes }];
    }
    default:
      throw new Error(`unknown output format "${String(options.format)}"; formats are: ${INDICATOR_OUTPUT_FORMATS.join(', ')}`);
  }
}

/** Fills a temporary file with bytes and syncs it to disk. */
async function fill(tmp: string, bytes: Uint8Array): Promise<void> {
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Writes files into a folder atomically as a set (all temporary files first, then the renames); returns what was written. */
export async function writeFilesAtomically(outDir: string, files: readonly { file: string; bytes: Uint8Array }[]): Promise<WrittenFile[]> {
  await mkdir(outDir, { recursive: true });
  await writeAll(files.map((f) => ({ path: join(outDir, f.file), bytes: f.bytes })));
  return files.map((f) => ({ file: f.file, path: join(outDir, f.file), sha256: sha256(f.bytes), bytes: f.bytes.length }));
}

/** Writes every file to its temporary file, then renames them all (innermost first): see the module comment. */
async function writeAll(files: readonly { path: string; bytes: Uint8Array }[], i = 0): Promise<void> {
  const f = files[i];
  if (!f) return;
  await atomicWrite(f.path, async (tmp) => {
    await fill(tmp, f.bytes);
    await writeAll(files, i + 1);
  });
}

/**
 * Writes the tables in `options.format` to `options.outDir`, with `metadata.json`, atomically as a set (see the module
 * comment). Returns the files written, metadata.json last.
 */
export async function writeIndicatorOutputs(tables: readonly IndicatorTable[], options: IndicatorOutputOptions): Promise<WrittenFile[]> {
  const outputs = await indicatorOutputBytes(tables, options);
  const described: WrittenFile[] = outputs.map((o) => ({ file: o.file, path: join(options.outDir, o.file), sha256: sha256(o.bytes), bytes: o.bytes.length }));
  const metadata: RunMetadata = {
    ...options.metadata,
    reference: options.metadata.reference ?? { ref_area: options.ref_area, source: options.source, time: options.time },
    outputs: described.map(({ file, sha256: h, bytes }) => ({ file, sha256: h, bytes })),
  };
  const metaBytes = encoder.encode(runMetadataJson(metadata));
  const all = [...outputs.map((o, i) => ({ path: described[i]!.path, bytes: o.bytes })), { path: join(options.outDir, METADATA_FILE), bytes: metaBytes }];
  await mkdir(options.outDir, { recursive: true });
  await writeAll(all);
  return [...described, { file: METADATA_FILE, path: join(options.outDir, METADATA_FILE), sha256: sha256(metaBytes), bytes: metaBytes.length }];
}
