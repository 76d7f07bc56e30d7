/**
 * Administrative registers (work and residence permits, social security registrations) as records: reading a register
 * file of any format migstat reads (src/io/read.ts) or an Excel workbook (.xlsx, with exceljs), and turning a table of
 * register standard variables (the columns a register profile maps, src/profile/README.md "Register profiles") into one
 * `PermitRecord` per row, with dates as days since 1970-01-01.
 *
 * The profile mapping itself happens above this layer (src/cli/admin-command.ts maps each register table with the
 * profile's recoding and passes the standard table in), so src/admin reads standard columns only. Dates may be numbers
 * (days since 1970-01-01, as the mapping gives them) or ISO text `YYYY-MM-DD`; any other value is an `AdminError` that
 * names the file, the row, the column and the value.
 */
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { readTable } from '../io/read.js';
import { type Column, Table, encode } from '../io/table.js';

/** Bad register data or options: the message names the file, row, column and value where known. The CLI exits 2. */
export class AdminError extends Error {
  override readonly name = 'AdminError';
}

/** Decision on an application. */
export type Decision = 'granted' | 'refused' | 'pending';

/** One row of a register: a permit, an application or a registration. Dates are days since 1970-01-01 (NaN missing). */
export interface PermitRecord {
  /** The register (profile table) it comes from. */
  readonly register: string;
  /** The file (for messages). */
  readonly source: string;
  /** 1-based data row in the file (the header not counted). */
  readonly row: number;
  /** The person key (register person id, a linked key or a truth key); null when missing. */
  readonly person: string | null;
  readonly permit: string | null;
  /** The permit this one renews. */
  readonly previous: string | null;
  readonly type: string | null;
  readonly decision: Decision | null;
  readonly application: number;
  readonly issue: number;
  readonly start: number;
  readonly end: number;
  readonly cancellation: number;
  readonly birth: number;
  /** `M`, `F`, `O`, or null (not stated). */
  readonly sex: string | null;
  /** ISO3 nationality (citizenship), or null. */
  readonly nationality: string | null;
  readonly occupation: string | null;
  readonly industry: string | null;
  readonly region: string | null;
  readonly employer: string | null;
  readonly labourMarketTest: string | null;
  readonly vacancy: string | null;
}

/** The register standard variables src/admin reads (src/profile/variables.ts, role register), by PermitRecord field. */
export const REGISTER_COLUMNS = {
  permit: 'permit_id',
  previous: 'previous_permit_id',
  type: 'permit_type',
  decision: 'decision',
  application: 'application_date',
  issue: 'issue_date',
  start: 'start_date',
  end: 'end_date',
  cancellation: 'cancellation_date',
  birth: 'birth_date',
  sex: 'sex',
  nationality: 'citizenship',
  occupation: 'occupation_isco08',
  industry: 'industry_isic4',
  region: 'region',
  employer: 'employer_id',
  labourMarketTest: 'labour_market_test',
  vacancy: 'vacancy_id',
} as const;

/** Person identifiers of the register variables, usable as `personKey`. */
export const PERSON_IDENTIFIERS = ['person_id', 'passport_number', 'foreigner_id', 'social_security_number'] as const;

const NOT_STATED = 'not-stated';
const DATE_FIELDS = ['application', 'issue', 'start', 'end', 'cancellation', 'birth'] as const;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (NaN when not a valid date). */
export function isoToDays(s: string): number {
  const m = ISO.exec(s.trim());
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t / 86_400_000;
}

/** ISO date `YYYY-MM-DD` of days since 1970-01-01. */
export function daysToIso(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Days of an option value `YYYY-MM-DD`; an AdminError naming the option otherwise. */
export function parseDateOption(name: string, value: string): number {
  const d = isoToDays(value);
  if (Number.isNaN(d)) throw new AdminError(`${name} ${JSON.stringify(value)}: expected a date YYYY-MM-DD`);
  return d;
}

export interface ReadRegisterOptions {
  /** .xlsx: the worksheet to read (name or 1-based number); default the first. */
  readonly sheet?: string | number;
}

/** Reads a register file: .xlsx with exceljs (first row the header), every other format with src/io readTable. */
export async function readRegisterFile(path: string, options: ReadRegisterOptions = {}): Promise<Table> {
  if (extname(path).toLowerCase() === '.xlsx') return readXlsx(path, options.sheet);
  return readTable(path);
}

/** The text or number of an exceljs cell value (dates as ISO text; formulas by their result; rich text joined). */
function cellValue(v: ExcelJS.CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return null;
  }
  return String(v as unknown);
}

async function readXlsx(path: string, sheet: string | number | undefined): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new AdminError(`${path}: not a readable .xlsx workbook (${(e as Error).message})`);
  }
  const ws = sheet === undefined ? wb.worksheets[0] : wb.getWorksheet(sheet);
  if (!ws) throw new AdminError(`${path}: no worksheet ${sheet === undefined ? '(the workbook is empty)' : JSON.stringify(sheet)}; sheets: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    const v = cellValue(cell.value);
    header[col - 1] = v === null ? '' : String(v).trim();
  });
  const width = header.length;
  header.forEach((h, i) => {
    if (h === '') throw new AdminError(`${path} sheet ${ws.name}: column ${i + 1} of the header row is empty`);
    if (header.indexOf(h) !== i) throw new AdminError(`${path} sheet ${ws.name}: column name ${JSON.stringify(h)} appears twice in the header row`);
  });
  const rows: (string | number | null)[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values = Array.from({ length: width }, (_, c) => cellValue(row.getCell(c + 1).value));
    if (values.every((v) => v === null)) continue;
    rows.push(values);
  }
  const columns = new Map<string, Column>();
  header.forEach((name, c) => {
    const vals = rows.map((r) => r[c]!);
    if (vals.every((v) => v === null || typeof v === 'number')) columns.set(name, { kind: 'number', values: Float64Array.from(vals, (v) => (v === null ? NaN : (v as number))) });
    else columns.set(name, encode(vals.map((v) => (v === null ? null : String(v)))));
  });
  return new Table(header, columns, rows.length, `${path}`, { format: 'xlsx' });
}

export interface RegisterRecordOptions {
  /** The register's name (profile table name); default the table's source. */
  readonly register?: string;
  /** The column holding the person key (default `person_id`): a person identifier, a linked key or a truth key. */
  readonly personKey?: string;
}

function textAt(c: Column | undefined, i: number): string | null {
  if (!c) return null;
  if (c.kind === 'number') {
    const v = c.values[i]!;
    return Number.isNaN(v) ? null : String(v);
  }
  const k = c.codes[i]!;
  if (k < 0) return null;
  const s = c.levels[k]!.trim();
  return s === '' || s === NOT_STATED ? null : s;
}

/**
 * One PermitRecord per row of a table of register standard variables. Columns that are absent give missing values;
 * `personKey` must be a column of the table. A date that is neither a number nor a valid `YYYY-MM-DD`, or a decision
 * other than granted/refused/pending, is an AdminError naming the file, row, column and value.
 */
export function registerRecords(table: Table, options: RegisterRecordOptions = {}): PermitRecord[] {
  const register = options.register ?? table.source;
  const key = options.personKey ?? 'person_id';
  if (options.personKey !== undefined && !table.columns.has(key)) {
    throw new AdminError(`${table.source}: no column "${key}" for the person key; columns are: ${table.names.join(', ')}`);
  }
  const col = (name: string): Column | undefined => table.columns.get(name);
  const dates = Object.fromEntries(DATE_FIELDS.map((f) => {
    const name = REGISTER_COLUMNS[f];
    const c = col(name);
    const out = new Float64Array(table.nrows).fill(NaN);
    if (c?.kind === 'number') out.set(c.values);
    else if (c) {
      const byLevel = c.levels.map((l) => (l.trim() === '' || l === NOT_STATED ? NaN : isoToDays(l)));
      for (let i = 0; i < table.nrows; i++) {
        const k = c.codes[i]!;
        if (k < 0) continue;
        const d = byLevel[k]!;
        if (Number.isNaN(d) && c.levels[k]!.trim() !== '' && c.levels[k] !== NOT_STATED) {
          throw new AdminError(`${table.source} row ${i + 1} column ${name}: ${JSON.stringify(c.levels[k])} is not a date YYYY-MM-DD`);
        }
        out[i] = d;
      }
    }
    return [f, out];
  })) as Record<(typeof DATE_FIELDS)[number], Float64Array>;
  const personCol = col(key);
  const out: PermitRecord[] = [];
  for (let i = 0; i < table.nrows; i++) {
    const t = (f: keyof typeof REGISTER_COLUMNS): string | null => textAt(col(REGISTER_COLUMNS[f]), i);
    const decision = t('decision');
    if (decision !== null && decision !== 'granted' && decision !== 'refused' && decision !== 'pending') {
      throw new AdminError(`${table.source} row ${i + 1} column decision: ${JSON.stringify(decision)} is not a decision; allowed: granted, refused, pending`);
    }
    out.push({
      register, source: table.source, row: i + 1,
      person: textAt(personCol, i), permit: t('permit'), previous: t('previous'), type: t('type'), decision,
      application: dates.application[i]!, issue: dates.issue[i]!, start: dates.start[i]!, end: dates.end[i]!, cancellation: dates.cancellation[i]!, birth: dates.birth[i]!,
      sex: t('sex'), nationality: t('nationality'), occupation: t('occupation'), industry: t('industry'), region: t('region'),
      employer: t('employer'), labourMarketTest: t('labourMarketTest'), vacancy: t('vacancy'),
    });
  }
  return out;
}
