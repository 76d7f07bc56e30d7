/**
 * Assessors' responses: one row per assessor x question, from CSV (any delimiter src/io reads) or an Excel workbook
 * (.xlsx, first sheet, first row the header). Columns: `assessor`, `group` (the stakeholder group: labour ministry,
 * employers, ...), `question` (a question id of the rubric), `score`, and optionally `evidence` (the evidence note).
 *
 * A missing answer is a row whose score is empty, `NA`, `n/a`, `DK` or `don't know` (any case), or a question the
 * assessor has no row for: scores.ts applies the rubric's missing-answer rule and reports each one. Every problem
 * (missing column, unknown question, score outside the scale or not whole, assessor in two groups, the same question
 * answered twice) is an error naming the file, the row (the header is row 1) and the column; all are reported at once.
 */
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { readCsv } from '../io/csv.js';
import { InputError } from '../io/errors.js';
import { CoherenceError, type CoherenceProblem } from './errors.js';
import { type RubricData, questionIndex } from './rubric.js';

/** One response: an assessor's score (null when missing) for a question, with the evidence note. */
export interface Response {
  /** Row of the file (the header is row 1). */
  readonly row: number;
  readonly assessor: string;
  readonly group: string;
  readonly question: string;
  readonly score: number | null;
  readonly evidence: string;
}

export interface Assessor {
  readonly id: string;
  readonly group: string;
}

/** The responses of a file, validated against a rubric. */
export interface ResponseSet {
  readonly source: string;
  readonly responses: readonly Response[];
  /** Assessors in order of first appearance. */
  readonly assessors: readonly Assessor[];
  /** Stakeholder groups in order of first appearance. */
  readonly groups: readonly string[];
}

export const RESPONSE_COLUMNS = ['assessor', 'group', 'question', 'score'] as const;
/** Scores read as a missing answer (compared trimmed, case-insensitive). */
export const MISSING_SCORES: readonly string[] = ['', 'na', 'n/a', 'dk', "don't know", 'dont know'];

/** A file read as text rows: header and records, with the row number of each record. */
export interface RawRows {
  readonly source: string;
  readonly header: readonly string[];
  readonly rows: readonly { readonly row: number; readonly values: readonly string[] }[];
}

function csvRows(path: string): RawRows {
  let table;
  try {
    table = readCsv(path);
  } catch (e) {
    if (e instanceof InputError) throw new CoherenceError([{ where: path, key: '(file)', message: e.message }]);
    throw e;
  }
  const cols = table.names.map((n) => table.column(n));
  const rows = Array.from({ length: table.nrows }, (_, i) => ({
    row: i + 2,
    values: cols.map((c) => {
      if (c.kind === 'number') return Number.isNaN(c.values[i]!) ? '' : String(c.values[i]);
      const code = c.codes[i]!;
      return code < 0 ? '' : c.levels[code]!;
    }),
  }));
  return { source: path, header: table.names.map((n) => n.trim()), rows };
}

/** The text of an exceljs cell value (formulas by their result, rich text joined, dates as ISO dates). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
  }
  return '';
}

async function xlsxRows(path: string): Promise<RawRows> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new CoherenceError([{ where: path, key: '(file)', message: `not a readable .xlsx workbook (${(e as Error).message})` }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new CoherenceError([{ where: path, key: '(file)', message: 'the workbook has no worksheet' }]);
  const header: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col - 1] = cellText(cell.value).trim()));
  const rows: { row: number; values: string[] }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values = header.map((_, c) => cellText(row.getCell(c + 1).value));
    if (values.every((v) => v.trim() === '')) continue;
    rows.push({ row: r, values });
  }
  return { source: `${path} sheet ${ws.name}`, header, rows };
}

/** Reads a responses file as text rows (.xlsx with exceljs, anything else as delimited text). */
export async function readRawRows(path: string): Promise<RawRows> {
  return extname(path).toLowerCase() === '.xlsx' ? xlsxRows(path) : csvRows(path);
}

/** Validates text rows of responses against a rubric (see the module comment); every problem in one CoherenceError. */
export function responsesFromRows(raw: RawRows, rubric: RubricData): ResponseSet {
  const problems: CoherenceProblem[] = [];
  const col = new Map(raw.header.map((h, i) => [h.toLowerCase(), i]));
  const missingCols = RESPONSE_COLUMNS.filter((c) => !col.has(c));
  if (missingCols.length > 0) {
    throw new CoherenceError([{ where: raw.source, key: missingCols.join(', '), message: `missing column${missingCols.length > 1 ? 's' : ''}; the columns are: ${raw.header.join(', ')} (needed: ${RESPONSE_COLUMNS.join(', ')}; optional: evidence)` }]);
  }
  const questions = questionIndex(rubric);
  const noteCol = col.get('evidence') ?? col.get('note');
  const groupOf = new Map<string, { group: string; row: number }>();
  const seen = new Map<string, number>();
  const responses: Response[] = [];
  const groups: string[] = [];
  const assessors: Assessor[] = [];
  for (const { row, values } of raw.rows) {
    const get = (c: string): string => (values[col.get(c)!] ?? '').trim();
    const where = `${raw.source} row ${row}`;
    const assessor = get('assessor');
    const group = get('group');
    const question = get('question');
    const scoreText = get('score');
    let bad = false;
    const fail = (key: string, message: string): void => {
      problems.push({ where, key, message });
      bad = true;
    };
    if (assessor === '') fail('assessor', 'empty: every row names its assessor');
    if (group === '') fail('group', 'empty: every row names the stakeholder group of its assessor');
    const ref = questions.get(question);
    if (!ref) fail('question', `unknown question "${question}"; the questions of rubric ${rubric.id} are: ${[...questions.keys()].join(', ')}`);
    let score: number | null = null;
    if (!MISSING_SCORES.includes(scoreText.toLowerCase())) {
      const v = Number(scoreText);
      if (!/^[-+]?\d+(\.\d+)?$/.test(scoreText) || !Number.isFinite(v)) fail('score', `"${scoreText}" is not a score (a whole number, or empty/NA/DK for no answer)`);
      else if (ref && (!Number.isInteger(v) || v < ref.scale.min || v > ref.scale.max)) fail('score', `${scoreText} is outside the scale of question ${question}: whole numbers ${ref.scale.min} to ${ref.scale.max}`);
      else score = v;
    }
    if (assessor !== '' && group !== '') {
      const g = groupOf.get(assessor);
      if (g && g.group !== group) fail('group', `assessor "${assessor}" is in group "${group}" here but in "${g.group}" at row ${g.row}`);
      else if (!g) {
        groupOf.set(assessor, { group, row });
        assessors.push({ id: assessor, group });
        if (!groups.includes(group)) groups.push(group);
      }
    }
    const key = `${assessor}\u0000${question}`;
    if (assessor !== '' && ref) {
      const first = seen.get(key);
      if (first !== undefined) fail('question', `assessor "${assessor}" answers question ${question} twice (also row ${first})`);
      else seen.set(key, row);
    }
    if (!bad) responses.push({ row, assessor, group, question, score, evidence: noteCol === undefined ? '' : (values[noteCol] ?? '').trim() });
  }
  if (raw.rows.length === 0) problems.push({ where: raw.source, key: '(file)', message: 'no responses: the file has a header and no rows' });
  if (problems.length > 0) throw new CoherenceError(problems, `responses ${raw.source}: ${problems.length} problem${problems.length > 1 ? 's' : ''}`);
  return { source: raw.source, responses, assessors, groups };
}

/** Reads and validates a responses file (CSV or .xlsx) against a rubric. */
export async function readResponses(path: string, rubric: RubricData): Promise<ResponseSet> {
  return responsesFromRows(await readRawRows(path), rubric);
}
