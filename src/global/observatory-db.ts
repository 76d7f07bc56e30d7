/**
 * The observatory database: one DuckDB file (no server) holding the national and benchmark series of many countries
 * and years, every value with its source, reference year, criterion, standard, quality flags and provenance
 * (src/global/OBSERVATORY.md §3).
 *
 * Tables:
 * - `series`: one row per value. Key: ref_area, year, indicator, sex, age, migrant, criterion, layer (criterion is
 *   empty for `TOTAL` rows; layer `national` or `benchmark`, so that a benchmark and a survey figure are never a
 *   conflict). Fields: value, se, unit, source, source_type, reference_year, reference_period, standard, flags,
 *   file, location (sheet and cell, or line), ingest_id.
 * - `conflicts`: pairs of series rows with the same key and different values. Both rows stay; neither is overwritten.
 * - `ingests`: one row per ingested file: its SHA-256, kind, and the counts of rows read, added, already present,
 *   skipped (with the reasons) and conflicting.
 * - `estimates`: the regional and global estimates of `observatory estimate`.
 * - `meta`: the schema version.
 *
 * The DuckDB file itself is not byte-deterministic; every export from it is (rows sorted by key, ids left out).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ObservatoryError } from './observatory-errors.js';

/** The schema version written in `meta`. */
export const OBSERVATORY_SCHEMA_VERSION = '1';

/** One value of a series, as the readers produce it (OBSERVATORY.md §3). */
export interface SeriesRow {
  /** ISO 3166-1 alpha-3 code of the country. */
  readonly ref_area: string;
  /** The observatory year the value is filed under. */
  readonly year: number;
  /** The observatory measure (`XWAP`, `TEAP`, `TEAP_RT`, ...; observatory-codes.ts). */
  readonly indicator: string;
  readonly sex: string;
  /** Age band (`YGE15`, `Y15-24`, `TOTAL`). */
  readonly age: string;
  /** `TOTAL`, `MIGRANT`, `NONMIGRANT`, `UNKNOWN`. */
  readonly migrant: string;
  /** `birth`, `citizenship`, or empty (totals; benchmarks without a criterion). */
  readonly criterion: string;
  readonly layer: 'national' | 'benchmark';
  readonly value: number;
  /** Standard error, in the unit of the value; null when not given. */
  readonly se: number | null;
  /** `persons` or `percent`. */
  readonly unit: string;
  /** The source as given (`LFS 2024`, `BA:453`, `UN WPP 2024`). */
  readonly source: string;
  /** `migstat`, `ilostat`, `template`, `wpp`, `desa`, `ilo-modelled`. */
  readonly source_type: string;
  /** The year the data refer to (may differ from `year`: a census of 2020 reported for 2022). */
  readonly reference_year: number;
  /** The period as the source codes it (`2024`, `2024Q2`). */
  readonly reference_period: string;
  /** `ICLS19`, `ICLS13` or empty. */
  readonly standard: string;
  /** Quality flags, one letter each, sorted (`BU`); observatory-codes.ts QUALITY_FLAGS. */
  readonly flags: string;
  /** The input file as given. */
  readonly file: string;
  /** Where in the file: `line 12`, `sheet T2_LF, row 7, column D`. */
  readonly location: string;
}

/** A stored row: a series row with its id and the ingest it came from. */
export interface StoredRow extends SeriesRow {
  readonly row_id: number;
  readonly ingest_id: number;
}

/** Rows a reader left out, with the reason. */
export interface Skipped {
  readonly reason: string;
  readonly count: number;
}

/** One file's rows to ingest. */
export interface IngestBatch {
  readonly file: string;
  readonly sha256: string;
  /** The reader used (`template`, `ilostat`, `migstat`, `wpp`, `desa`, `ilo-modelled`). */
  readonly kind: string;
  readonly rows: readonly SeriesRow[];
  readonly skipped: readonly Skipped[];
}

/** A conflict: two rows with the same key and different values. */
export interface Conflict {
  readonly key: string;
  readonly a: StoredRow;
  readonly b: StoredRow;
}

/** What one ingest did. */
export interface IngestSummary {
  readonly ingest_id: number;
  readonly file: string;
  readonly kind: string;
  readonly read: number;
  readonly added: number;
  /** Rows whose key and value were already in the database (not added again). */
  readonly duplicates: number;
  readonly skipped: readonly Skipped[];
  /** New conflicts: pairs of rows with the same key and different values (both kept). */
  readonly conflicts: readonly Conflict[];
}

/** One regional, global or country estimate (observatory estimate). */
export interface EstimateRow {
  /** `country`, `region`, `subregion`, `income`, `world`. */
  readonly level: string;
  /** ISO3 for a country, the ILO region/subregion or income code, `WORLD`. */
  readonly area: string;
  readonly year: number;
  readonly sex: string;
  readonly age: string;
  /** `TEAP` (migrant workers), `TEAP_SHARE` (share of migrants in the labour force, %), ... */
  readonly measure: string;
  readonly value: number;
  readonly low: number | null;
  readonly high: number | null;
  /** Whether the value rests on imputation (the country's θ imputed, or an aggregate with imputed countries). */
  readonly imputed: boolean;
  /** Method and inputs, as text (JSON). */
  readonly note: string;
}

const SERIES_COLUMNS = [
  'row_id', 'ref_area', 'year', 'indicator', 'sex', 'age', 'migrant', 'criterion', 'layer', 'value', 'se', 'unit', 'source', 'source_type',
  'reference_year', 'reference_period', 'standard', 'flags', 'file', 'location', 'ingest_id',
] as const;

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)',
  `CREATE TABLE IF NOT EXISTS ingests (ingest_id INTEGER PRIMARY KEY, file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    rows_read INTEGER NOT NULL, rows_added INTEGER NOT NULL, rows_duplicate INTEGER NOT NULL, rows_skipped INTEGER NOT NULL, conflicts INTEGER NOT NULL, skipped VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS series (row_id INTEGER PRIMARY KEY, ref_area VARCHAR NOT NULL, year INTEGER NOT NULL, indicator VARCHAR NOT NULL,
    sex VARCHAR NOT NULL, age VARCHAR NOT NULL, migrant VARCHAR NOT NULL, criterion VARCHAR NOT NULL, layer VARCHAR NOT NULL, value DOUBLE NOT NULL, se DOUBLE,
    unit VARCHAR NOT NULL, source VARCHAR NOT NULL, source_type VARCHAR NOT NULL, reference_year INTEGER NOT NULL, reference_period VARCHAR NOT NULL,
    standard VARCHAR NOT NULL, flags VARCHAR NOT NULL, file VARCHAR NOT NULL, location VARCHAR NOT NULL, ingest_id INTEGER NOT NULL)`,
  'CREATE TABLE IF NOT EXISTS conflicts (row_a INTEGER NOT NULL, row_b INTEGER NOT NULL, ingest_id INTEGER NOT NULL, PRIMARY KEY (row_a, row_b))',
  `CREATE TABLE IF NOT EXISTS estimates (level VARCHAR NOT NULL, area VARCHAR NOT NULL, year INTEGER NOT NULL, sex VARCHAR NOT NULL, age VARCHAR NOT NULL,
    measure VARCHAR NOT NULL, value DOUBLE NOT NULL, low DOUBLE, high DOUBLE, imputed BOOLEAN NOT NULL, note VARCHAR NOT NULL)`,
];

/** A SQL literal of a value: text quoted, numbers in full precision, null NULL. */
function lit(v: string | number | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replace(/'/g, "''")}'`;
}

/** The key of a series row (OBSERVATORY.md §3): criterion is left out of `TOTAL` rows. */
export function seriesKey(r: Pick<SeriesRow, 'ref_area' | 'year' | 'indicator' | 'sex' | 'age' | 'migrant' | 'criterion' | 'layer'>): string {
  return [r.ref_area, r.year, r.indicator, r.sex, r.age, r.migrant, r.migrant === 'TOTAL' ? '' : r.criterion, r.layer].join('|');
}

/** Whether two values are the same (relative difference under 1e-9). */
export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A natural order of series rows: by key, then value, source and file (ids left out: exports repeat byte for byte). */
export function compareRows(a: SeriesRow, b: SeriesRow): number {
  const t = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return t(a.ref_area, b.ref_area) || a.year - b.year || t(a.layer, b.layer) || t(a.indicator, b.indicator) || t(a.sex, b.sex) || t(a.age, b.age)
    || t(a.migrant, b.migrant) || t(a.criterion, b.criterion) || a.value - b.value || t(a.source, b.source) || t(a.file, b.file) || t(a.location, b.location);
}

/** The observatory database in a DuckDB file (module doc). Open with `ObservatoryDb.open`, close when done. */
export class ObservatoryDb {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
  ) {}

  /** Opens (or creates) the database file and makes its tables. */
  static async open(path: string): Promise<ObservatoryDb> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    } catch (e) {
      throw new ObservatoryError(`${path}: cannot open the observatory database: ${(e as Error).message.split('\n')[0]}`);
    }
    const db = await instance.connect();
    const o = new ObservatoryDb(path, instance, db);
    try {
      for (const s of SCHEMA) await db.run(s);
      const v = await o.query<{ value: string }>("SELECT value FROM meta WHERE key = 'schema'");
      if (v.length === 0) await db.run(`INSERT INTO meta VALUES ('schema', ${lit(OBSERVATORY_SCHEMA_VERSION)})`);
      else if (v[0]!.value !== OBSERVATORY_SCHEMA_VERSION) throw new ObservatoryError(`${path}: observatory schema version ${v[0]!.value}, this migstat reads version ${OBSERVATORY_SCHEMA_VERSION}`);
    } catch (e) {
      o.close();
      if (e instanceof ObservatoryError) throw e;
      throw new ObservatoryError(`${path}: not an observatory database: ${(e as Error).message.split('\n')[0]}`);
    }
    return o;
  }

  /** Closes the database. */
  close(): void {
    this.db.closeSync();
    this.instance.closeSync();
  }

  /** Rows of a query as plain objects (BIGINT as number). */
  async query<T>(sql: string): Promise<T[]> {
    const r = await this.db.runAndReadAll(sql);
    return r.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]))) as T[];
  }

  /** Every series row (optionally filtered by a SQL condition), in the natural order (compareRows). */
  async series(where?: string): Promise<StoredRow[]> {
    const rows = await this.query<StoredRow>(`SELECT ${SERIES_COLUMNS.join(', ')} FROM series${where ? ` WHERE ${where}` : ''}`);
    return rows.sort((a, b) => compareRows(a, b) || a.row_id - b.row_id);
  }

  /** Every conflict, in the natural order of its rows. */
  async conflicts(): Promise<Conflict[]> {
    const pairs = await this.query<{ row_a: number; row_b: number }>('SELECT row_a, row_b FROM conflicts');
    if (pairs.length === 0) return [];
    const byId = new Map((await this.series()).map((r) => [r.row_id, r]));
    return pairs
      .map((p) => {
        const [a, b] = [byId.get(p.row_a)!, byId.get(p.row_b)!].sort(compareRows);
        return { key: seriesKey(a!), a: a!, b: b! };
      })
      .sort((x, y) => compareRows(x.a, y.a) || compareRows(x.b, y.b));
  }

  /** The ingests, in order. */
  async ingests(): Promise<{ ingest_id: number; file: string; sha256: string; kind: string; rows_read: number; rows_added: number; rows_duplicate: number; rows_skipped: number; conflicts: number; skipped: string }[]> {
    return this.query('SELECT * FROM ingests ORDER BY ingest_id');
  }

  /**
   * Ingests batches of rows in one transaction (all or nothing): a row whose key and value are already there is not
   * added again (counted as a duplicate); a row whose key is there with another value is added, and the pair is
   * recorded as a conflict (both kept).
   */
  async ingest(batches: readonly IngestBatch[]): Promise<IngestSummary[]> {
    const existing = new Map<string, StoredRow[]>();
    for (const r of await this.series()) {
      const k = seriesKey(r);
      const list = existing.get(k);
      if (list) list.push(r);
      else existing.set(k, [r]);
    }
    const maxId = async (table: string, col: string): Promise<number> => Number((await this.query<{ m: number | null }>(`SELECT max(${col}) AS m FROM ${table}`))[0]?.m ?? 0);
    let rowId = await maxId('series', 'row_id');
    let ingestId = await maxId('ingests', 'ingest_id');
    const summaries: IngestSummary[] = [];
    await this.db.run('BEGIN TRANSACTION');
    try {
      for (const batch of batches) {
        ingestId++;
        const added: StoredRow[] = [];
        const conflicts: Conflict[] = [];
        let duplicates = 0;
        for (const row of batch.rows) {
          const k = seriesKey(row);
          const list = existing.get(k) ?? [];
          if (list.some((r) => sameValue(r.value, row.value))) {
            duplicates++;
            continue;
          }
          const stored: StoredRow = { ...row, criterion: row.migrant === 'TOTAL' ? '' : row.criterion, row_id: ++rowId, ingest_id: ingestId };
          for (const other of list) conflicts.push({ key: k, a: other, b: stored });
          list.push(stored);
          existing.set(k, list);
          added.push(stored);
        }
        for (let i = 0; i < added.length; i += 400) {
          const values = added.slice(i, i + 400).map((r) => `(${SERIES_COLUMNS.map((c) => lit(r[c])).join(', ')})`);
          await this.db.run(`INSERT INTO series (${SERIES_COLUMNS.join(', ')}) VALUES ${values.join(',\n')}`);
        }
        for (let i = 0; i < conflicts.length; i += 400) {
          const values = conflicts.slice(i, i + 400).map((c) => `(${c.a.row_id}, ${c.b.row_id}, ${ingestId})`);
          await this.db.run(`INSERT INTO conflicts VALUES ${values.join(', ')}`);
        }
        const skippedCount = batch.skipped.reduce((s, x) => s + x.count, 0);
        await this.db.run(`INSERT INTO ingests VALUES (${[ingestId, batch.file, batch.sha256, batch.kind, batch.rows.length, added.length, duplicates, skippedCount, conflicts.length, JSON.stringify(batch.skipped)].map(lit).join(', ')})`);
        summaries.push({ ingest_id: ingestId, file: batch.file, kind: batch.kind, read: batch.rows.length, added: added.length, duplicates, skipped: batch.skipped, conflicts });
      }
      await this.db.run('COMMIT');
    } catch (e) {
      await this.db.run('ROLLBACK');
      throw e;
    }
    return summaries;
  }

  /** Replaces the estimates of the given years with new ones (one transaction). */
  async saveEstimates(years: readonly number[], rows: readonly EstimateRow[]): Promise<void> {
    await this.db.run('BEGIN TRANSACTION');
    try {
      if (years.length > 0) await this.db.run(`DELETE FROM estimates WHERE year IN (${years.map((y) => lit(y)).join(', ')})`);
      const cols = ['level', 'area', 'year', 'sex', 'age', 'measure', 'value', 'low', 'high', 'imputed', 'note'] as const;
      for (let i = 0; i < rows.length; i += 400) {
        const values = rows.slice(i, i + 400).map((r) => `(${cols.map((c) => lit(r[c])).join(', ')})`);
        await this.db.run(`INSERT INTO estimates (${cols.join(', ')}) VALUES ${values.join(',\n')}`);
      }
      await this.db.run('COMMIT');
    } catch (e) {
      await this.db.run('ROLLBACK');
      throw e;
    }
  }

  /** The estimates, sorted by level, area, year, measure, sex, age. */
  async estimates(): Promise<EstimateRow[]> {
    const rows = await this.query<EstimateRow>('SELECT * FROM estimates');
    const t = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    return rows.sort((a, b) => t(a.level, b.level) || t(a.area, b.area) || a.year - b.year || t(a.measure, b.measure) || t(a.sex, b.sex) || t(a.age, b.age));
  }
}

/** Opens the database, runs `f`, closes it. */
export async function withObservatory<T>(path: string, f: (db: ObservatoryDb) => Promise<T>): Promise<T> {
  const db = await ObservatoryDb.open(path);
  try {
    return await f(db);
  } finally {
    db.close();
  }
}
