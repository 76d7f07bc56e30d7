/**
 * Readers of the observatory's inputs (src/global/OBSERVATORY.md §4), each giving an IngestBatch of series rows:
 * - `ilostat`: ILOSTAT bulk CSV (icls.md §4.3; label columns ignored, `classif2`, `source`, `obs_status` and notes
 *   optional). Counts (`_NB`) are in thousands and stored in persons. Rows of indicators the observatory does not hold,
 *   of aggregate areas (`X..`), of quarters and months, and without a value are skipped and counted by reason. ILO
 *   modelled benchmarks in this layout (`EAP_2EAP_SEX_AGE_NB`, `POP_2POP_SEX_AGE_NB`) are stored as benchmarks
 *   (source_type `ilo-modelled`).
 * - `migstat`: a migstat indicator output folder (`indicators.csv`, `indicators.json`, or ILOSTAT files, with its
 *   `metadata.json` giving the standard and criterion), or a tidy CSV/JSON file. Suppressed cells are skipped and
 *   counted; reliability becomes the flags E (less reliable) and U (unreliable).
 * - `wpp`: UN World Population Prospects, population by sex and five-year age group (OBSERVATORY.md §4.4).
 * - `desa`: UN DESA International Migrant Stock by sex and age (OBSERVATORY.md §4.5).
 * - `template`: the national data collection workbook (observatory-template.ts).
 * An input that cannot be read is an ObservatoryError naming the file, the line (or sheet, row and column), the column
 * and the value; nothing of any file is ingested then.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { csvRows, countryByIso3 } from '../classifications/countries.js';
import { type IngestBatch, type IngestSummary, type ObservatoryDb, type SeriesRow, type Skipped, type StoredRow } from './observatory-db.js';
import { ObservatoryError } from './observatory-errors.js';
import { isRate, mapIndicator, parseAge, parseMigrantCode, parseSex } from './observatory-codes.js';
import { readTemplate } from './observatory-template.js';
import { type Problem, validateSeries } from './observatory-validate.js';

/** The input kinds. */
export const INPUT_KINDS = ['template', 'ilostat', 'migstat', 'wpp', 'desa'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** SHA-256 (hex) of bytes. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Counts skipped rows by reason, in first-seen order. */
class SkipCounter {
  private readonly counts = new Map<string, number>();
  add(reason: string, n = 1): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + n);
  }
  list(): Skipped[] {
    return [...this.counts].map(([reason, count]) => ({ reason, count }));
  }
}

/** An ObservatoryError naming the file, where, the column and the value. */
function bad(file: string, where: string, column: string, value: string, expected: string): ObservatoryError {
  return new ObservatoryError(`${file}: ${where}, column ${column}: "${value}" ${expected}`);
}

/** A number of a CSV field (plain decimal, `.` mark, optional exponent); throws naming the place. */
function numberField(file: string, where: string, column: string, value: string): number {
  const t = value.trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) throw bad(file, where, column, value, 'is not a number');
  return Number(t);
}

/** CSV text of a file: records with the header and a column finder. */
function csvTable(file: string, text: string): { header: string[]; rows: string[][]; col: (name: string) => number } {
  const records = csvRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = (records[0] ?? []).map((h) => h.trim());
  if (header.length === 0) throw new ObservatoryError(`${file}: line 1: the file is empty (no header)`);
  return { header, rows: records.slice(1), col: (name) => header.indexOf(name) };
}

/** Checks the required columns are there. */
function requireColumns(file: string, header: readonly string[], required: readonly string[], layout: string): void {
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ObservatoryError(`${file}: line 1: the ${layout} layout needs the column(s) ${missing.join(', ')}; the header is ${header.join(',')}`);
}

/** An ISO3 code of a country (or ATL); throws naming the place. */
function country(file: string, where: string, column: string, value: string): string {
  const t = value.trim().toUpperCase();
  if (!countryByIso3(t)) throw bad(file, where, column, value, 'is not an ISO 3166-1 alpha-3 country code');
  return t;
}

export interface ReadOptions {
  /** The file name recorded as provenance (default: the path as given). */
  readonly name?: string;
  /** Source type of the rows (`ilostat`, or `migstat` for migstat's own ILOSTAT files). */
  readonly sourceType?: string;
  /** Defaults for what the file does not say: the labour force standard and the migrant criterion. */
  readonly standard?: string;
  readonly criterion?: string;
}

const QUALITY_STATUSES = new Set(['B', 'E', 'I', 'P', 'U']);

/** Rows of ILOSTAT bulk CSV text (module doc). */
export function readIlostatText(file: string, text: string, options: ReadOptions = {}): IngestBatch {
  const { header, rows, col } = csvTable(file, text);
  requireColumns(file, header, ['ref_area', 'indicator', 'sex', 'time', 'obs_value'], 'ILOSTAT bulk CSV');
  const c = {
    area: col('ref_area'), source: col('source'), indicator: col('indicator'), sex: col('sex'), c1: col('classif1'), c2: col('classif2'),
    time: col('time'), value: col('obs_value'), status: col('obs_status'),
  };
  const skip = new SkipCounter();
  const out: SeriesRow[] = [];
  const unflagged = new Map<string, number>();
  rows.forEach((r, i) => {
    const line = i + 2;
    const where = `line ${line}`;
    const f = (j: number): string => (j >= 0 ? (r[j] ?? '').trim() : '');
    if (r.length !== header.length) throw new ObservatoryError(`${file}: ${where}: ${r.length} fields, the header has ${header.length}`);
    const indicator = f(c.indicator);
    const mapping = mapIndicator(indicator);
    if (!mapping) return skip.add(`indicator ${indicator} is not held by the observatory`);
    const area = f(c.area);
    if (/^X\d\d$/.test(area)) return skip.add('aggregate areas (X..) are not ingested');
    const refArea = country(file, where, 'ref_area', area);
    const time = f(c.time);
    if (!/^\d{4}$/.test(time)) {
      if (/^\d{4}([QM]\d{1,2})$/i.test(time)) return skip.add('quarterly and monthly values are not ingested (annual only)');
      throw bad(file, where, 'time', time, 'is not an ILOSTAT time code (YYYY, YYYYQn, YYYYMmm)');
    }
    const raw = f(c.value);
    const status = f(c.status).toUpperCase();
    if (raw === '') return skip.add('no value (obs_value empty)');
    const value = numberField(file, where, 'obs_value', raw);
    const sex = parseSex(f(c.sex));
    if (!sex) throw bad(file, where, 'sex', f(c.sex), 'is not a sex code (SEX_T, SEX_M, SEX_F, SEX_O)');
    let age = mapping.measure === 'POP' ? 'TOTAL' : 'YGE15';
    if (mapping.age && f(c.c1) !== '') {
      const a = parseAge(f(c.c1), mapping.measure === 'POP' ? 'TOTAL' : 'YGE15');
      if (!a) {
        if (/^AGE_[A-Z0-9]+_X$/i.test(f(c.c1))) return skip.add('age not stated (AGE_..._X)');
        throw bad(file, where, 'classif1', f(c.c1), 'is not an ILOSTAT age item (AGE_YTHADULT_Y15-24, AGE_5YRBANDS_Y20-24, ...)');
      }
      age = a;
    }
    let migrant = 'TOTAL';
    let criterion = '';
    if (mapping.migrant) {
      const code = f(c.c2);
      const m = parseMigrantCode(code);
      if (!m) throw bad(file, where, 'classif2', code, 'is not a migrant status item (CBR_BIR_*, CCT_CIT_*, MIG_STATUS_*)');
      migrant = m.migrant;
      criterion = m.migrant === 'TOTAL' ? '' : m.criterion ?? '';
    }
    let flags = '';
    if (status !== '') {
      if (QUALITY_STATUSES.has(status)) flags = status;
      else unflagged.set(status, (unflagged.get(status) ?? 0) + 1);
    }
    const benchmark = mapping.layer === 'benchmark';
    out.push({
      ref_area: refArea, year: Number(time), indicator: mapping.measure, sex, age, migrant, criterion, layer: mapping.layer,
      value: isRate(mapping.measure) ? value : value * 1000, se: null, unit: isRate(mapping.measure) ? 'percent' : 'persons',
      source: f(c.source) || (benchmark ? 'ILO modelled estimates' : 'ILOSTAT'), source_type: benchmark ? 'ilo-modelled' : (options.sourceType ?? 'ilostat'),
      reference_year: Number(time), reference_period: time, standard: options.standard ?? '', flags, file: options.name ?? file, location: where,
    });
  });
  for (const [status, n] of unflagged) skip.add(`obs_status "${status}" is not a quality flag of the observatory: ${n} row(s) kept without it`, 0);
  return { file: options.name ?? file, sha256: sha256Hex(text), kind: 'ilostat', rows: out, skipped: skip.list() };
}

/** The standard and criterion recorded in a migstat metadata.json (`standards.labourForce`, `standards.migrantCriterion`). */
function migstatStandards(path: string): { standard?: string; criterion?: string } {
  if (!existsSync(path)) return {};
  let m: { standards?: { labourForce?: string; migrantCriterion?: string } };
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as typeof m;
  } catch (e) {
    throw new ObservatoryError(`${path}: not JSON: ${(e as Error).message}`);
  }
  return { ...(m.standards?.labourForce ? { standard: m.standards.labourForce } : {}), ...(m.standards?.migrantCriterion ? { criterion: m.standards.migrantCriterion } : {}) };
}

const TIDY_REQUIRED = ['ref_area', 'source', 'time', 'indicator', 'sex', 'classif1', 'classif2', 'unit', 'estimate'] as const;

/** Rows of migstat tidy records (indicators.csv or indicators.json): estimates in persons (counts) or percent (rates). */
function readTidyRecords(file: string, records: readonly Record<string, unknown>[], where: (i: number) => string, text: string, defaults: ReadOptions): IngestBatch {
  const skip = new SkipCounter();
  const out: SeriesRow[] = [];
  records.forEach((r, i) => {
    const at = where(i);
    const s = (k: string): string => (r[k] === null || r[k] === undefined ? '' : String(r[k]).trim());
    for (const k of TIDY_REQUIRED) if (!(k in r)) throw new ObservatoryError(`${file}: ${at}: no field ${k} (a migstat tidy row has ${TIDY_REQUIRED.join(', ')}, ...)`);
    const indicator = s('indicator');
    const mapping = mapIndicator(indicator);
    if (!mapping) return skip.add(`indicator ${indicator} is not held by the observatory`);
    if (s('suppressed') !== '' && s('suppressed') !== 'false') return skip.add('suppressed cells (no value published)');
    const time = s('time');
    if (!/^\d{4}$/.test(time)) return skip.add('quarterly and monthly values are not ingested (annual only)');
    if (s('estimate') === '') return skip.add('no value (estimate empty)');
    const value = typeof r.estimate === 'number' ? r.estimate : numberField(file, at, 'estimate', s('estimate'));
    if (!Number.isFinite(value)) return skip.add('no finite estimate');
    const sex = parseSex(s('sex'));
    if (!sex) throw bad(file, at, 'sex', s('sex'), 'is not a sex code (SEX_T, SEX_M, SEX_F, SEX_O)');
    const age = s('classif1') === '' ? 'YGE15' : parseAge(s('classif1'));
    if (!age) throw bad(file, at, 'classif1', s('classif1'), 'is not an ILOSTAT age item');
    const m = parseMigrantCode(s('classif2'));
    if (!m) throw bad(file, at, 'classif2', s('classif2'), 'is not a migrant status item (CBR_BIR_*, CCT_CIT_*)');
    const seText = s('se');
    const se = seText === '' ? null : typeof r.se === 'number' ? r.se : numberField(file, at, 'se', seText);
    const rel = s('reliability');
    out.push({
      ref_area: country(file, at, 'ref_area', s('ref_area')), year: Number(time), indicator: mapping.measure, sex, age, migrant: m.migrant,
      criterion: m.migrant === 'TOTAL' ? '' : m.criterion ?? (s('criterion') || defaults.criterion || ''), layer: 'national', value, se: se !== null && Number.isFinite(se) ? se : null,
      unit: isRate(mapping.measure) ? 'percent' : 'persons', source: s('source') || 'migstat', source_type: 'migstat', reference_year: Number(time),
      reference_period: time, standard: s('standard') || defaults.standard || '', flags: rel === 'unreliable' ? 'U' : rel === 'less-reliable' ? 'E' : '',
      file, location: at,
    });
  });
  return { file, sha256: sha256Hex(text), kind: 'migstat', rows: out, skipped: skip.list() };
}

/** A migstat output: a folder (indicators.csv, indicators.json or ILOSTAT files, with metadata.json) or a tidy file. */
export function readMigstatOutput(path: string, options: ReadOptions = {}): IngestBatch[] {
  const name = options.name ?? path;
  if (existsSync(path) && statSync(path).isDirectory()) {
    const defaults = { ...migstatStandards(join(path, 'metadata.json')), ...options };
    const files = readdirSync(path).sort();
    if (files.includes('indicators.csv')) return readMigstatOutput(join(path, 'indicators.csv'), { ...defaults, name: join(name, 'indicators.csv') });
    if (files.includes('indicators.json')) return readMigstatOutput(join(path, 'indicators.json'), { ...defaults, name: join(name, 'indicators.json') });
    const csvs = files.filter((f) => f.endsWith('.csv'));
    if (csvs.length === 0) throw new ObservatoryError(`${name}: no migstat output here (indicators.csv, indicators.json or ILOSTAT .csv files)`);
    return csvs.map((f) => readIlostatText(join(name, f), readText(join(path, f)), { ...defaults, sourceType: 'migstat', name: join(name, f) }));
  }
  const text = readText(path);
  const defaults = { ...migstatStandards(join(path, '..', 'metadata.json')), ...options };
  if (path.toLowerCase().endsWith('.json')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new ObservatoryError(`${name}: not JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(data)) throw new ObservatoryError(`${name}: a migstat tidy JSON file is an array of rows`);
    return [readTidyRecords(name, data as Record<string, unknown>[], (i) => `row ${i + 1}`, text, defaults)];
  }
  const { header, rows } = csvTable(name, text);
  if (header.includes('obs_value')) return [readIlostatText(name, text, { ...defaults, sourceType: 'migstat', name })];
  requireColumns(name, header, TIDY_REQUIRED, 'migstat tidy CSV');
  const records = rows.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
  return [readTidyRecords(name, records, (i) => `line ${i + 2}`, text, defaults)];
}

/** A WPP or DESA age group (`0-4`, `15-19`, `100+`, `Total`) as an age band. */
function benchmarkAge(file: string, where: string, column: string, value: string): string {
  const a = parseAge(value);
  if (!a) throw bad(file, where, column, value, 'is not an age group (0-4, 15-19, 100+, Total)');
  return a;
}

/** The WPP layout's columns (OBSERVATORY.md §4.4). */
export const WPP_COLUMNS = ['ISO3_code', 'Location', 'Time', 'AgeGrp', 'PopMale', 'PopFemale', 'PopTotal'] as const;

/** UN World Population Prospects population by sex and age (thousands), in the simplified layout of OBSERVATORY.md §4.4. */
export function readWppText(file: string, text: string): IngestBatch {
  const { header, rows, col } = csvTable(file, text);
  requireColumns(file, header, ['ISO3_code', 'Time', 'AgeGrp', 'PopMale', 'PopFemale', 'PopTotal'], 'UN WPP');
  const skip = new SkipCounter();
  const out: SeriesRow[] = [];
  const variant = col('Variant');
  rows.forEach((r, i) => {
    const where = `line ${i + 2}`;
    const f = (name: string): string => (r[col(name)] ?? '').trim();
    if (f('ISO3_code') === '') return skip.add('aggregate locations (no ISO3_code)');
    if (variant >= 0 && (r[variant] ?? '').trim() !== '' && (r[variant] ?? '').trim() !== 'Medium') return skip.add('projection variants other than Medium');
    const refArea = country(file, where, 'ISO3_code', f('ISO3_code'));
    const year = f('Time');
    if (!/^\d{4}$/.test(year)) throw bad(file, where, 'Time', year, 'is not a year');
    const age = benchmarkAge(file, where, 'AgeGrp', f('AgeGrp'));
    for (const [column, sex] of [['PopTotal', 'T'], ['PopMale', 'M'], ['PopFemale', 'F']] as const) {
      if (f(column) === '') continue;
      out.push({
        ref_area: refArea, year: Number(year), indicator: 'POP', sex, age, migrant: 'TOTAL', criterion: '', layer: 'benchmark',
        value: numberField(file, where, column, f(column)) * 1000, se: null, unit: 'persons', source: `UN World Population Prospects${col('Source') >= 0 && f('Source') ? ` ${f('Source')}` : ''}`,
        source_type: 'wpp', reference_year: Number(year), reference_period: year, standard: '', flags: '', file, location: `${where}, column ${column}`,
      });
    }
  });
  return { file, sha256: sha256Hex(text), kind: 'wpp', rows: out, skipped: skip.list() };
}

/** The DESA layout's columns (OBSERVATORY.md §4.5). */
export const DESA_COLUMNS = ['ISO3_code', 'Location', 'Year', 'Sex', 'AgeGrp', 'MigrantStock', 'TypeOfData'] as const;

/** UN DESA International Migrant Stock by sex and age (persons), in the simplified layout of OBSERVATORY.md §4.5. */
export function readDesaText(file: string, text: string): IngestBatch {
  const { header, rows, col } = csvTable(file, text);
  requireColumns(file, header, ['ISO3_code', 'Year', 'Sex', 'AgeGrp', 'MigrantStock', 'TypeOfData'], 'UN DESA International Migrant Stock');
  const skip = new SkipCounter();
  const out: SeriesRow[] = [];
  rows.forEach((r, i) => {
    const where = `line ${i + 2}`;
    const f = (name: string): string => (r[col(name)] ?? '').trim();
    if (f('ISO3_code') === '') return skip.add('aggregate locations (no ISO3_code)');
    const refArea = country(file, where, 'ISO3_code', f('ISO3_code'));
    const year = f('Year');
    if (!/^\d{4}$/.test(year)) throw bad(file, where, 'Year', year, 'is not a year');
    const sex = parseSex(f('Sex'));
    if (!sex) throw bad(file, where, 'Sex', f('Sex'), 'is not a sex (Both sexes, Male, Female)');
    const age = benchmarkAge(file, where, 'AgeGrp', f('AgeGrp'));
    const type = f('TypeOfData').toUpperCase().replace(/[^A-Z]/g, '');
    if (!/^[BCIR]+$/.test(type)) throw bad(file, where, 'TypeOfData', f('TypeOfData'), 'is not a UN DESA type of data (B foreign-born, C foreign citizens, I imputed, R refugees added)');
    if (f('MigrantStock') === '') return skip.add('no value (MigrantStock empty)');
    out.push({
      ref_area: refArea, year: Number(year), indicator: 'POP', sex, age, migrant: 'MIGRANT', criterion: type.includes('B') ? 'birth' : type.includes('C') ? 'citizenship' : '',
      layer: 'benchmark', value: numberField(file, where, 'MigrantStock', f('MigrantStock')), se: null, unit: 'persons',
      source: 'UN DESA International Migrant Stock', source_type: 'desa', reference_year: Number(year), reference_period: year, standard: '',
      flags: [...new Set(type.replace(/[BC]/g, ''))].sort().join(''), file, location: where,
    });
  });
  return { file, sha256: sha256Hex(text), kind: 'desa', rows: out, skipped: skip.list() };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ObservatoryError(`${path}: cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The kind of an input by its name and header (module doc); an ObservatoryError when it cannot be told. */
export function detectKind(path: string): InputKind {
  if (!existsSync(path)) throw new ObservatoryError(`${path}: no such file or folder`);
  if (statSync(path).isDirectory()) return 'migstat';
  const lower = path.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'template';
  if (lower.endsWith('.json')) return 'migstat';
  const first = readText(path).split(/\r?\n/, 1)[0]!.replace(/^\uFEFF/, '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  if (first.includes('PopTotal')) return 'wpp';
  if (first.includes('MigrantStock')) return 'desa';
  if (first.includes('estimate') && first.includes('indicator')) return 'migstat';
  if (first.includes('obs_value')) return 'ilostat';
  throw new ObservatoryError(`${path}: line 1: cannot tell the layout from the header "${first.join(',')}": give --kind (${INPUT_KINDS.join(', ')})`);
}

/** The batches of one input (a migstat folder may give several). */
export async function readInput(path: string, kind: InputKind = detectKind(path)): Promise<IngestBatch[]> {
  switch (kind) {
    case 'template':
      return [await readTemplate(path)];
    case 'ilostat':
      return [readIlostatText(path, readText(path))];
    case 'migstat':
      return readMigstatOutput(path);
    case 'wpp':
      return [readWppText(path, readText(path))];
    case 'desa':
      return [readDesaText(path, readText(path))];
    default:
      throw new ObservatoryError(`unknown input kind "${String(kind)}"; kinds are: ${INPUT_KINDS.join(', ')}`);
  }
}

/**
 * Reads every input first (an unreadable one is an error and nothing is ingested), then ingests them all in one
 * transaction. Returns what each file added, its duplicates, skipped rows and conflicts.
 */
export async function ingestFiles(db: ObservatoryDb, paths: readonly string[], kind?: InputKind): Promise<IngestSummary[]> {
  const batches: IngestBatch[] = [];
  for (const p of paths) batches.push(...(await readInput(p, kind ?? detectKind(p))));
  return db.ingest(batches);
}

/**
 * The internal-consistency problems of each batch as read, whole (observatory-validate.ts; no previous-year check):
 * a revised submission is checked as a whole here, before its values that duplicate held ones are dropped by ingest.
 */
export function batchProblems(batch: IngestBatch): Problem[] {
  const rows: StoredRow[] = batch.rows.map((r, i) => ({ ...r, row_id: i + 1, ingest_id: 0 }));
  return validateSeries(rows).problems.filter((p) => p.check !== 'year-change' && p.check !== 'criterion-change');
}

/** Reads and ingests like ingestFiles, and gives each summary the problems of its batch as read (batchProblems). */
export async function ingestAndCheck(db: ObservatoryDb, paths: readonly string[], kind?: InputKind): Promise<(IngestSummary & { problems: Problem[] })[]> {
  const batches: IngestBatch[] = [];
  for (const p of paths) batches.push(...(await readInput(p, kind ?? detectKind(p))));
  const problems = batches.map(batchProblems);
  const summaries = await db.ingest(batches);
  return summaries.map((s, i) => ({ ...s, problems: problems[i]! }));
}

/** A one-line description of an ingest summary. */
export function describeIngest(s: IngestSummary): string {
  const skipped = s.skipped.filter((x) => x.count > 0).map((x) => `${x.count} ${x.reason}`);
  const notes = s.skipped.filter((x) => x.count === 0).map((x) => x.reason);
  return `${basename(s.file)} (${s.kind}): ${s.read} values read, ${s.added} added, ${s.duplicates} already present, ${s.conflicts.length} conflict(s)`
    + (skipped.length ? `; skipped: ${skipped.join('; ')}` : '') + (notes.length ? `; note: ${notes.join('; ')}` : '');
}
