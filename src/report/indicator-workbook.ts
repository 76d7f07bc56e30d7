/**
 * An Excel workbook (xlsx, written with exceljs) of indicator tables for publication: one formatted sheet per table,
 * named by its indicator code, with
 * - the title (the table's label) and notes: indicator code, reference area, period, source, migrant criterion,
 *   labour force standard, unit;
 * - a header row and one row per cell (ILOSTAT row order): sex, classifications (labels of the pinned ILOSTAT code
 *   list), estimate, SE, confidence interval, CV (%), unweighted n, flags. Counts are in thousands (as ILOSTAT publishes
 *   them), rates in percent; values rounded as in the ILOSTAT CSV (3 decimals) and shown with one;
 * - suppressed cells shown as `x` (no statistic of theirs is written), unreliable estimates in brackets and flagged `U`,
 *   less reliable ones flagged `L`, each mark explained in a footnote under the table.
 *
 * Same tables, same bytes: the workbook's creation and modification dates are the fixed timestamp (SOURCE_DATE_EPOCH,
 * default 1970-01-01), and so are the zip entries' dates, which exceljs (through JSZip) sets to the current time and
 * migstat rewrites afterwards (`fixZipTimestamps`; zip dates cannot go before 1980-01-01, so earlier timestamps give
 * 1980-01-01 00:00:00 there).
 */
import ExcelJS from 'exceljs';
import type { IndicatorCell, IndicatorTable } from '../indicators/cell.js';
import { ilostatClassifLabel } from '../indicators/codes/ilostat-classif-codes.js';
import { ILOSTAT_DECIMALS, type ObsStatusOf, formatDecimal, ilostatScale, orderedCells } from '../indicators/ilostat.js';
import { sourceDateEpoch } from '../io/dta-writer.js';

/** The mark of a suppressed cell. */
export const SUPPRESSED_MARK = 'x';

export interface WorkbookOptions {
  readonly ref_area: string;
  readonly source: string;
  readonly time: string;
  /** Migrant criterion (`birth`, `citizenship`), shown in the notes when given. */
  readonly criterion?: string;
  /** Labour force standard (`ICLS19`, `ICLS13`), shown in the notes when given. */
  readonly standard?: string;
  /** Decimals the values are rounded to (default 3, as in the ILOSTAT CSV). */
  readonly decimals?: number;
  /** Seconds since 1970-01-01 for the workbook's dates; default SOURCE_DATE_EPOCH, else 0. */
  readonly timestamp?: number;
  /** Accepted for symmetry with the other writers; the sheet's flags come from the cells' reliability and suppression. */
  readonly obsStatus?: ObsStatusOf;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7ECF2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF7F7F7F' } };

/** The unit line of a table's notes. */
function unitNote(cells: readonly IndicatorCell[]): string {
  const units = new Set(cells.map((c) => c.unit));
  const names = [...units].map((u) => (u === 'NB' ? 'thousands of persons' : u === 'RT' ? 'percent' : u === 'GAP' ? 'difference, in the unit of the variable' : 'unit of the variable'));
  return `Unit: ${names.join('; ') || 'none'}`;
}

/** Unique sheet names of at most 31 characters without the characters Excel forbids. */
function sheetNames(tables: readonly IndicatorTable[]): string[] {
  const used = new Set<string>();
  return tables.map((t) => {
    const base = t.indicator.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 1)}~${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Fills one sheet with a table. */
function fillSheet(ws: ExcelJS.Worksheet, table: IndicatorTable, options: WorkbookOptions): void {
  const decimals = options.decimals ?? ILOSTAT_DECIMALS;
  const cells = orderedCells(table);
  const has1 = cells.some((c) => c.classif1 !== null);
  const has2 = cells.some((c) => c.classif2 !== null);
  const notes = [
    `Indicator: ${table.indicator}`,
    `Reference area: ${options.ref_area}. Reference period: ${options.time}. Source: ${options.source}.`,
    [options.criterion ? `Migrant criterion: ${options.criterion}.` : '', options.standard ? `Labour force standard: ${options.standard}.` : ''].filter(Boolean).join(' '),
    unitNote(cells),
  ].filter((s) => s !== '');
  const title = ws.getCell(1, 1);
  title.value = table.label;
  title.font = { bold: true, size: 13 };
  notes.forEach((text, i) => {
    const c = ws.getCell(2 + i, 1);
    c.value = text;
    c.font = { italic: true, size: 9 };
  });
  const headerRow = notes.length + 3;
  const headers = ['Sex', ...(has1 ? ['Classification 1'] : []), ...(has2 ? ['Classification 2'] : []), 'Estimate', 'SE', 'CI low', 'CI high', 'CV (%)', 'n', 'Flags'];
  headers.forEach((h, j) => {
    const c = ws.getCell(headerRow, j + 1);
    c.value = h;
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = { top: THIN, bottom: THIN };
    c.alignment = { horizontal: j < 1 + Number(has1) + Number(has2) ? 'left' : 'right' };
  });
  const firstStat = 2 + Number(has1) + Number(has2);
  const round = (x: number): number | null => (Number.isFinite(x) ? Number(formatDecimal(x, decimals)) : null);
  const used = { x: false, U: false, L: false };
  cells.forEach((cell, i) => {
    const r = headerRow + 1 + i;
    ws.getCell(r, 1).value = ilostatClassifLabel(cell.sex);
    if (has1) ws.getCell(r, 2).value = cell.classif1 === null ? '' : ilostatClassifLabel(cell.classif1);
    if (has2) ws.getCell(r, 2 + Number(has1)).value = cell.classif2 === null ? '' : ilostatClassifLabel(cell.classif2);
    const flags = ws.getCell(r, firstStat + 6);
    if (cell.suppressed) {
      const e = ws.getCell(r, firstStat);
      e.value = SUPPRESSED_MARK;
      e.alignment = { horizontal: 'right' };
      flags.value = SUPPRESSED_MARK;
      used.x = true;
      return;
    }
    const scale = ilostatScale(cell);
    const unreliable = cell.reliability === 'unreliable';
    const fmt = '#,##0.0';
    const stats: readonly [number | null, string][] = [
      [round(cell.estimate * scale), unreliable ? `(${fmt})` : fmt],
      [round(cell.se * scale), fmt],
      [round(cell.ci_low * scale), fmt],
      [round(cell.ci_high * scale), fmt],
      [round(cell.cv * 100), '0.0'],
      [Number.isFinite(cell.n) ? cell.n : null, '#,##0'],
    ];
    stats.forEach(([value, numFmt], j) => {
      const c = ws.getCell(r, firstStat + j);
      c.value = value;
      c.numFmt = numFmt;
    });
    if (unreliable) {
      flags.value = 'U';
      used.U = true;
    } else if (cell.reliability === 'less-reliable') {
      flags.value = 'L';
      used.L = true;
    }
  });
  const footnotes = [
    used.x ? `${SUPPRESSED_MARK}: suppressed to protect confidentiality (too few sample observations, or to protect another suppressed cell).` : '',
    used.U ? '( ) U: unreliable estimate (sampling error or sample size outside the reliability policy); for information only.' : '',
    used.L ? 'L: less reliable estimate; use with caution.' : '',
    'SE: standard error; CI: confidence interval; CV: coefficient of variation; n: unweighted sample observations.',
  ].filter((s) => s !== '');
  const footRow = headerRow + cells.length + 2;
  footnotes.forEach((text, i) => {
    const c = ws.getCell(footRow + i, 1);
    c.value = text;
    c.font = { size: 9 };
  });
  ws.columns = headers.map((h, j) => ({ width: j === 0 ? 12 : j < firstStat - 1 ? 34 : h === 'Flags' ? 7 : 12 }));
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }];
}

/** The xlsx bytes of the tables, one sheet per table (see the module comment). */
export async function indicatorWorkbook(tables: readonly IndicatorTable[], options: WorkbookOptions): Promise<Uint8Array> {
  const seconds = options.timestamp ?? sourceDateEpoch();
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`timestamp must be seconds since 1970-01-01, not ${seconds}`);
  const when = new Date(Math.floor(seconds) * 1000);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'migstat';
  wb.lastModifiedBy = 'migstat';
  wb.created = when;
  wb.modified = when;
  const names = sheetNames(tables);
  tables.forEach((t, i) => fillSheet(wb.addWorksheet(names[i]), t, options));
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return fixZipTimestamps(bytes, when);
}

/** MS-DOS time and date words of a UTC time (2-second resolution), clamped to 1980-01-01 .. 2107-12-31. */
function dosDateTime(when: Date): { time: number; date: number } {
  const year = when.getUTCFullYear();
  if (year < 1980) return { time: 0, date: (0 << 9) | (1 << 5) | 1 };
  if (year > 2107) return { time: (23 << 11) | (59 << 5) | 29, date: (127 << 9) | (12 << 5) | 31 };
  return {
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | Math.floor(when.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
  };
}

/** Extra-field ids that carry timestamps (extended timestamp `UT`, NTFS, Info-ZIP Unix). */
const TIME_EXTRA = new Set([0x5455, 0x000a, 0x5855, 0x7855]);

function checkExtra(dv: DataView, at: number, length: number, name: string): void {
  for (let p = at; p + 4 <= at + length; p += 4 + dv.getUint16(p + 2, true)) {
    if (TIME_EXTRA.has(dv.getUint16(p, true))) throw new Error(`zip entry ${name}: an extra field with a timestamp (0x${dv.getUint16(p, true).toString(16)}) cannot be fixed`);
  }
}

/**
 * A copy of a zip file with every entry's modification date and time (local file headers and central directory) set
 * to `when`. The data and CRCs are untouched. Throws when the bytes are not a zip this function understands (no end
 * of central directory record, ZIP64, or timestamps in extra fields), rather than leave a date unfixed.
 */
export function fixZipTimestamps(zip: Uint8Array, when: Date): Uint8Array {
  const out = Uint8Array.from(zip);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let eocd = -1;
  for (let i = out.length - 22; i >= 0 && i >= out.length - 22 - 0xffff; i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory record');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) throw new Error('ZIP64 files are not supported');
  const { time, date } = dosDateTime(when);
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > out.length || dv.getUint32(p, true) !== 0x02014b50) throw new Error(`zip central directory entry ${k} not found`);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const name = decoder.decode(out.subarray(p + 46, p + 46 + nameLength));
    checkExtra(dv, p + 46 + nameLength, extraLength, name);
    dv.setUint16(p + 12, time, true);
    dv.setUint16(p + 14, date, true);
    const local = dv.getUint32(p + 42, true);
    if (local + 30 > out.length || dv.getUint32(local, true) !== 0x04034b50) throw new Error(`zip entry ${name}: local header not found`);
    checkExtra(dv, local + 30 + dv.getUint16(local + 26, true), dv.getUint16(local + 28, true), name);
    dv.setUint16(local + 10, time, true);
    dv.setUint16(local + 12, date, true);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}
