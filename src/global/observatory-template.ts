/**
 * The national data collection template: an ILMS-style workbook (xlsx) per country and year, which national focal
 * points fill and migstat also writes from its own results (OBSERVATORY.md §4.3).
 *
 * Sheet `Metadata`: header on row 3 (`Field`, `Value`, `Description`), one field per row from row 4: `template`
 * (`migstat-ilms-1`), `country` (ISO3), `year`, `reference_year`, `source`, `criterion` (`birth`|`citizenship`),
 * `standard` (`ICLS19`|`ICLS13`), `unit` (`persons`|`thousands`), `working_age_min`, `contact`, `notes`.
 *
 * Data sheets, one per measure: `T1_WAP` working-age population, `T2_LF` labour force, `T3_EMP` employment, `T4_UNE`
 * unemployment, `T5_OLF` outside the labour force. Row 1 the title, row 2 the unit, header on row 4, data from row 5:
 * `A` Sex (`Total`, `Men`, `Women`), `B` Age group (`15+`, `15-24`, `25-54`, `55-64`, `65+`; other bands may be added
 * as rows), `C` Total, `D` Migrants, `E` Non-migrants, `F` Not stated, `G` Total SE, `H` Migrants SE, `I`
 * Non-migrants SE, `J` Flags (letters of QUALITY_FLAGS, for the whole row: `U`, `B`), `K` Note. Empty cells are "not
 * available". Rates are not entered: the observatory derives them from the counts.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { IngestBatch, SeriesRow } from './observatory-db.js';
import { ObservatoryError } from './observatory-errors.js';
import { type CountMeasure, QUALITY_FLAGS, ageLabel, ageOrder, parseAge, parseSex } from './observatory-codes.js';
import { countryByIso3 } from '../classifications/countries.js';
import { createHash } from 'node:crypto';

/** The template's version tag (Metadata `template`). */
export const TEMPLATE_VERSION = 'migstat-ilms-1';

/** The data sheets: name, measure, title. */
export const TEMPLATE_SHEETS: readonly { readonly sheet: string; readonly measure: CountMeasure; readonly title: string }[] = [
  { sheet: 'T1_WAP', measure: 'XWAP', title: 'Table 1. Working-age population by sex, age group and migrant status' },
  { sheet: 'T2_LF', measure: 'TEAP', title: 'Table 2. Labour force by sex, age group and migrant status' },
  { sheet: 'T3_EMP', measure: 'TEMP', title: 'Table 3. Employment by sex, age group and migrant status' },
  { sheet: 'T4_UNE', measure: 'TUNE', title: 'Table 4. Unemployment by sex, age group and migrant status' },
  { sheet: 'T5_OLF', measure: 'TEIP', title: 'Table 5. Persons outside the labour force by sex, age group and migrant status' },
];

/** The data columns: letter, header, migrant status, whether an SE. */
export const TEMPLATE_COLUMNS: readonly { readonly col: string; readonly header: string; readonly migrant?: string; readonly se?: string }[] = [
  { col: 'A', header: 'Sex' },
  { col: 'B', header: 'Age group' },
  { col: 'C', header: 'Total', migrant: 'TOTAL' },
  { col: 'D', header: 'Migrants', migrant: 'MIGRANT' },
  { col: 'E', header: 'Non-migrants', migrant: 'NONMIGRANT' },
  { col: 'F', header: 'Not stated', migrant: 'UNKNOWN' },
  { col: 'G', header: 'Total SE', se: 'TOTAL' },
  { col: 'H', header: 'Migrants SE', se: 'MIGRANT' },
  { col: 'I', header: 'Non-migrants SE', se: 'NONMIGRANT' },
  { col: 'J', header: 'Flags' },
  { col: 'K', header: 'Note' },
];

/** The Metadata fields with their descriptions. */
export const TEMPLATE_FIELDS: readonly { readonly field: string; readonly description: string; readonly required: boolean }[] = [
  { field: 'template', description: `Template version: ${TEMPLATE_VERSION} (do not change)`, required: true },
  { field: 'country', description: 'ISO 3166-1 alpha-3 code of the reporting country (THA)', required: true },
  { field: 'year', description: 'Year of the data collection round the figures are reported for', required: true },
  { field: 'reference_year', description: 'Year the figures refer to (default: year)', required: false },
  { field: 'source', description: 'Source of the figures (Labour Force Survey 2024, Population Census 2020, ...)', required: true },
  { field: 'criterion', description: 'Migrant criterion: birth (foreign-born) or citizenship (foreign citizens)', required: true },
  { field: 'standard', description: 'Labour force standard: ICLS19 (19th ICLS, 2013) or ICLS13 (13th ICLS, 1982)', required: true },
  { field: 'unit', description: 'Unit of the counts: persons or thousands', required: true },
  { field: 'working_age_min', description: 'Lower age limit of the working-age population (15)', required: false },
  { field: 'contact', description: 'National focal point (name, office)', required: false },
  { field: 'notes', description: 'Anything a user of the figures should know', required: false },
];

/** The standard rows of each data sheet: sex x age group. */
export const TEMPLATE_SEXES = ['T', 'M', 'F'] as const;
export const TEMPLATE_AGES = ['YGE15', 'Y15-24', 'Y25-54', 'Y55-64', 'YGE65'] as const;
const SEX_TEXT: Readonly<Record<string, string>> = { T: 'Total', M: 'Men', F: 'Women', O: 'Other' };

/** The metadata of a template. */
export interface TemplateMetadata {
  readonly country: string;
  readonly year: number;
  readonly reference_year?: number;
  readonly source: string;
  readonly criterion: string;
  readonly standard: string;
  readonly unit?: 'persons' | 'thousands';
  readonly working_age_min?: number;
  readonly contact?: string;
  readonly notes?: string;
}

/** The text of a cell value (formula results, rich text), empty for none. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return String(v).trim();
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String((v as { text: unknown }).text).trim();
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v as unknown);
}

/** A number of a cell: a number, or text of a plain decimal number (spaces and thousands commas allowed). */
function cellNumber(v: ExcelJS.CellValue): number | undefined {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof (v as ExcelJS.CellFormulaValue).result === 'number') return (v as ExcelJS.CellFormulaValue).result as number;
  const t = cellText(v).replace(/[\s\u00a0]/g, '').replace(/,(?=\d{3}(\D|$))/g, '');
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : undefined;
}

/** Reads a filled template workbook into series rows (national layer, source_type `template`). */
export async function readTemplate(path: string, name: string = path): Promise<IngestBatch> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ObservatoryError(`${name}: cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new ObservatoryError(`${name}: not an xlsx workbook: ${(e as Error).message}`);
  }
  const meta = wb.getWorksheet('Metadata');
  if (!meta) throw new ObservatoryError(`${name}: no sheet "Metadata": not a ${TEMPLATE_VERSION} template (sheets: ${wb.worksheets.map((w) => w.name).join(', ')})`);
  const fields = new Map<string, { text: string; row: number }>();
  meta.eachRow((row, r) => {
    if (r < 4) return;
    const f = cellText(row.getCell(1).value).toLowerCase();
    if (f !== '') fields.set(f, { text: cellText(row.getCell(2).value), row: r });
  });
  const at = (f: string): string => `sheet Metadata, row ${fields.get(f)?.row ?? '?'}, column B (${f})`;
  for (const f of TEMPLATE_FIELDS) {
    if (f.required && !(fields.get(f.field)?.text)) throw new ObservatoryError(`${name}: sheet Metadata: the field "${f.field}" is missing or empty (${f.description})`);
  }
  const get = (f: string): string => fields.get(f)?.text ?? '';
  if (get('template') !== TEMPLATE_VERSION) throw new ObservatoryError(`${name}: ${at('template')}: "${get('template')}" is not the template version ${TEMPLATE_VERSION}`);
  const countryCode = get('country').toUpperCase();
  if (!countryByIso3(countryCode)) throw new ObservatoryError(`${name}: ${at('country')}: "${get('country')}" is not an ISO 3166-1 alpha-3 country code`);
  const year = Number(get('year'));
  if (!/^\d{4}$/.test(get('year'))) throw new ObservatoryError(`${name}: ${at('year')}: "${get('year')}" is not a year`);
  const refText = get('reference_year') || get('year');
  if (!/^\d{4}$/.test(refText)) throw new ObservatoryError(`${name}: ${at('reference_year')}: "${refText}" is not a year`);
  const criterion = get('criterion').toLowerCase();
  if (criterion !== 'birth' && criterion !== 'citizenship') throw new ObservatoryError(`${name}: ${at('criterion')}: "${get('criterion')}" is not birth or citizenship`);
  const standard = get('standard').toUpperCase();
  if (standard !== 'ICLS19' && standard !== 'ICLS13') throw new ObservatoryError(`${name}: ${at('standard')}: "${get('standard')}" is not ICLS19 or ICLS13`);
  const unit = get('unit').toLowerCase();
  if (unit !== 'persons' && unit !== 'thousands') throw new ObservatoryError(`${name}: ${at('unit')}: "${get('unit')}" is not persons or thousands`);
  const scale = unit === 'thousands' ? 1000 : 1;
  const out: SeriesRow[] = [];
  const skipped: { reason: string; count: number }[] = [];
  for (const s of TEMPLATE_SHEETS) {
    const ws = wb.getWorksheet(s.sheet);
    if (!ws) {
      skipped.push({ reason: `sheet ${s.sheet} is not in the workbook (${s.measure} not reported)`, count: 0 });
      continue;
    }
    const header = TEMPLATE_COLUMNS.map((c) => cellText(ws.getCell(`${c.col}4`).value));
    TEMPLATE_COLUMNS.forEach((c, j) => {
      if (header[j] !== c.header) throw new ObservatoryError(`${name}: sheet ${s.sheet}, row 4, column ${c.col}: "${header[j]}" should be the header "${c.header}" (the layout of ${TEMPLATE_VERSION} must not be changed)`);
    });
    const seen = new Map<string, number>();
    for (let r = 5; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const sexText = cellText(row.getCell(1).value);
      const ageText = cellText(row.getCell(2).value);
      const values = TEMPLATE_COLUMNS.slice(2, 9).map((c) => cellText(row.getCell(c.col).value));
      if (sexText === '' && ageText === '' && values.every((v) => v === '')) continue;
      const where = (col: string, header: string): string => `sheet ${s.sheet}, row ${r}, column ${col} (${header})`;
      const sex = parseSex(sexText);
      if (!sex) throw new ObservatoryError(`${name}: ${where('A', 'Sex')}: "${sexText}" is not a sex (Total, Men, Women)`);
      const age = parseAge(ageText);
      if (!age) throw new ObservatoryError(`${name}: ${where('B', 'Age group')}: "${ageText}" is not an age group (15+, 15-24, 25-54, 55-64, 65+)`);
      const dup = seen.get(`${sex}|${age}`);
      if (dup !== undefined) throw new ObservatoryError(`${name}: ${where('B', 'Age group')}: "${ageText}" for ${sexText} is given twice (rows ${dup} and ${r})`);
      seen.set(`${sex}|${age}`, r);
      const flagText = cellText(row.getCell('J').value).toUpperCase().replace(/[\s,;]/g, '');
      const unknown = [...flagText].find((f) => !(f in QUALITY_FLAGS));
      if (unknown !== undefined) throw new ObservatoryError(`${name}: ${where('J', 'Flags')}: "${cellText(row.getCell('J').value)}" has the flag "${unknown}", not one of ${Object.keys(QUALITY_FLAGS).join(', ')}`);
      const flags = [...new Set(flagText)].sort().join('');
      const number = (c: (typeof TEMPLATE_COLUMNS)[number]): number | null => {
        const v = row.getCell(c.col).value;
        if (cellText(v) === '') return null;
        const x = cellNumber(v);
        if (x === undefined || !Number.isFinite(x)) throw new ObservatoryError(`${name}: ${where(c.col, c.header)}: "${cellText(v)}" is not a number`);
        if (x < 0) throw new ObservatoryError(`${name}: ${where(c.col, c.header)}: "${cellText(v)}" is negative: a count cannot be`);
        return x * scale;
      };
      for (const c of TEMPLATE_COLUMNS) {
        if (!c.migrant) continue;
        const value = number(c);
        if (value === null) continue;
        const seCol = TEMPLATE_COLUMNS.find((x) => x.se === c.migrant);
        const se = seCol ? number(seCol) : null;
        out.push({
          ref_area: countryCode, year, indicator: s.measure, sex, age, migrant: c.migrant, criterion: c.migrant === 'TOTAL' ? '' : criterion,
          layer: 'national', value, se, unit: 'persons', source: get('source'), source_type: 'template', reference_year: Number(refText),
          reference_period: refText, standard, flags, file: name, location: where(c.col, c.header),
        });
      }
    }
  }
  return { file: name, sha256: createHash('sha256').update(bytes).digest('hex'), kind: 'template', rows: out, skipped };
}

/**
 * The xlsx bytes of a template for a country and year, filled with `rows` (national counts of the measures of
 * TEMPLATE_SHEETS, in persons; other rows are ignored) or blank. The workbook's dates are `timestamp` (seconds,
 * default 0); the zip entries' dates are exceljs's (report/indicator-workbook.ts `fixZipTimestamps` fixes them, as
 * the CLI does).
 */
export async function templateWorkbook(meta: TemplateMetadata, rows: readonly SeriesRow[] = [], timestamp = 0): Promise<Uint8Array> {
  const when = new Date(Math.floor(timestamp) * 1000);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'migstat';
  wb.lastModifiedBy = 'migstat';
  wb.created = when;
  wb.modified = when;
  const ms = wb.addWorksheet('Metadata');
  ms.getCell('A1').value = 'National data collection template: international labour migration statistics (ILMS-style)';
  ms.getCell('A1').font = { bold: true, size: 13 };
  ms.getCell('A2').value = 'Fill column B. Then fill the tables T1-T5: one row per sex and age group; leave a cell empty when the figure is not available.';
  ['Field', 'Value', 'Description'].forEach((h, j) => {
    const c = ms.getCell(3, j + 1);
    c.value = h;
    c.font = { bold: true };
  });
  const values: Record<string, string | number> = {
    template: TEMPLATE_VERSION, country: meta.country, year: meta.year, reference_year: meta.reference_year ?? meta.year, source: meta.source,
    criterion: meta.criterion, standard: meta.standard, unit: meta.unit ?? 'persons', working_age_min: meta.working_age_min ?? 15,
    contact: meta.contact ?? '', notes: meta.notes ?? '',
  };
  TEMPLATE_FIELDS.forEach((f, i) => {
    ms.getCell(4 + i, 1).value = f.field;
    ms.getCell(4 + i, 2).value = values[f.field] === '' ? null : values[f.field]!;
    ms.getCell(4 + i, 3).value = f.description;
  });
  ms.columns = [{ width: 18 }, { width: 34 }, { width: 80 }];
  const scale = meta.unit === 'thousands' ? 1 / 1000 : 1;
  for (const s of TEMPLATE_SHEETS) {
    const ws = wb.addWorksheet(s.sheet);
    ws.getCell('A1').value = s.title;
    ws.getCell('A1').font = { bold: true, size: 12 };
    ws.getCell('A2').value = `Unit: ${meta.unit ?? 'persons'}. Migrants by the criterion of the Metadata sheet. Flags: ${Object.entries(QUALITY_FLAGS).map(([k, v]) => `${k} ${v}`).join('; ')}.`;
    ws.getCell('A2').font = { italic: true, size: 9 };
    TEMPLATE_COLUMNS.forEach((c) => {
      const cell = ws.getCell(`${c.col}4`);
      cell.value = c.header;
      cell.font = { bold: true };
    });
    const mine = rows.filter((r) => r.indicator === s.measure && r.ref_area === meta.country && r.layer === 'national');
    const ages = [...new Set([...TEMPLATE_AGES, ...mine.map((r) => r.age)])].sort(ageOrder);
    const sexes = [...new Set([...TEMPLATE_SEXES, ...mine.map((r) => r.sex)])];
    let r = 5;
    for (const sex of sexes) {
      for (const age of ages) {
        const row = ws.getRow(r++);
        row.getCell('A').value = SEX_TEXT[sex] ?? sex;
        row.getCell('B').value = ageLabel(age);
        const flags = new Set<string>();
        for (const c of TEMPLATE_COLUMNS) {
          const m = c.migrant ?? c.se;
          if (!m) continue;
          const hit = mine.find((x) => x.sex === sex && x.age === age && x.migrant === m);
          if (!hit) continue;
          const v = c.migrant ? hit.value : hit.se;
          if (v === null) continue;
          row.getCell(c.col).value = v * scale;
          for (const f of hit.flags) flags.add(f);
        }
        if (flags.size > 0) row.getCell('J').value = [...flags].sort().join('');
      }
    }
    ws.columns = TEMPLATE_COLUMNS.map((c) => ({ width: c.col === 'K' ? 30 : c.col === 'A' ? 10 : 14 }));
    ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 4 }];
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
