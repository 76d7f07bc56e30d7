/**
 * Recoding one source column (or several, for a composite identifier) to a standard variable, as its mapping says.
 * Each source value goes through these steps, the first that applies deciding:
 * 1. missing in the source (empty, NA, NaN) -> missing;
 * 2. one of the mapping's `missing` codes, inside `missing_range`, or declared missing by the file (unless
 *    `file_missing: false`) -> set missing;
 * 3. `pad` left-pads digit codes with zeros; with `by: label` the value's label (from the file) is looked up instead;
 * 4. `map` (exact text, else the number the text spells: key `1` matches `1`, `01` and `1.0`) -> recoded;
 * 5. `ranges` (numbers; both ends inclusive) -> recoded;
 * 6. country variables with `country:` -> the ISO3 code of the M49 entry found by that scheme -> recoded;
 * 7. already a standard value (a code of the list, an ISO3 code, a number within bounds, a year, a date, an
 *    identifier; text only when there is no map or ranges) -> kept;
 * 8. otherwise unknown -> `unknown: error` (the default) makes it an error; `unknown: not-stated` sets the code
 *    `not-stated` (numbers, years and dates: missing). Either way it is counted as rejected.
 */
import { type CountryScheme, lookupCountry } from '../classifications/countries.js';
import type { Column, ColumnMeta } from '../io/table.js';
import { type Code, type Mapping, isoDateToDays } from './schema.js';
import { NOT_STATED, type StandardVariable, isStandardCode, isStandardNumber } from './variables.js';

export type Outcome = 'kept' | 'recoded' | 'missing' | 'set-missing' | 'rejected';

/** What became of one source value. */
export interface Resolved {
  readonly outcome: Outcome;
  /** The standard value: text for codes, countries, identifiers and text; a number for numbers, years and dates (days since 1970-01-01); null when missing. */
  readonly value: string | number | null;
  /** The map key that matched, if any. */
  readonly mapKey?: string;
}

/** A distinct source value with what became of it, how often, and its first rows (1-based). */
export interface ValueStat {
  readonly value: string | number;
  readonly resolved: Resolved;
  count: number;
  readonly rows: number[];
}

export interface RecodeResult {
  /** Numbers, years and dates: Float64Array (NaN missing); the other types: text or null. */
  readonly values: Float64Array | (string | null)[];
  readonly counts: { kept: number; recoded: number; missing: number; setMissing: number; rejected: number };
  /** Every distinct source value that was recoded, set missing or rejected, most frequent first. */
  readonly stats: readonly ValueStat[];
  /** Keys of `map` that no value matched. */
  readonly unusedMapKeys: readonly string[];
}

const NUMERIC_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const EXAMPLE_ROWS = 5;

export const isNumericType = (def: StandardVariable): boolean => def.type === 'number' || def.type === 'year' || def.type === 'date';

/** Text of a source value as the profile writes it (`1`, `1.5`, `01` kept as text). */
export function valueText(v: string | number): string {
  return typeof v === 'number' ? String(v) : v.trim();
}

/** Resolves source values of one mapping; `meta` is the source column's metadata (labels, declared missing, date type). */
export function makeResolver(def: StandardVariable, m: Mapping, meta?: ColumnMeta): (raw: string | number | null) => Resolved {
  const missingCodes = new Set((m.missing ?? []).map((c) => valueText(c)));
  const missingNumbers = new Set((m.missing ?? []).filter((c) => typeof c === 'number' || NUMERIC_TEXT.test(c.trim())).map(Number));
  const fileMissing = m.file_missing === false ? undefined : meta?.missing;
  const fileCodes = new Set((fileMissing?.values ?? []).map((c) => valueText(c)));
  const labels = new Map((meta?.valueLabels ?? []).map((l) => [valueText(l.value), l.label]));
  const map = m.map ?? {};
  const mapNumeric = new Map<number, string>();
  for (const k of Object.keys(map)) if (NUMERIC_TEXT.test(k)) mapNumeric.set(Number(k), k);
  const notStatedValue = def.type === 'code' || def.type === 'country' || def.type === 'text' ? NOT_STATED : null;

  const target = (t: Code, mapKey?: string): Resolved => {
    if (isNumericType(def)) return { outcome: 'recoded', value: def.type === 'date' ? isoDateToDays(String(t)) : Number(t), mapKey };
    return { outcome: 'recoded', value: String(t), mapKey };
  };
  const asNumber = (raw: string | number): number => (typeof raw === 'number' ? raw : NUMERIC_TEXT.test(raw.trim()) ? Number(raw) : NaN);

  const fileNumbers = new Set((fileMissing?.values ?? []).filter((c) => typeof c === 'number' || NUMERIC_TEXT.test(c.trim())).map(Number));
  const inRange = (x: number, r: readonly [number, number] | undefined): boolean => r !== undefined && x >= r[0] && x <= r[1];
  /** Numbers of a number/year variable without map, pad or labels need no text: the hot path of big numeric columns. */
  const plainNumber = (def.type === 'number' || def.type === 'year') && !m.map && m.pad === undefined && m.by !== 'label';

  return (raw) => {
    if (raw === null || (typeof raw === 'number' && Number.isNaN(raw)) || (typeof raw === 'string' && raw.trim() === '')) return { outcome: 'missing', value: null };
    const x = asNumber(raw);
    if (!Number.isNaN(x) && (missingNumbers.has(x) || fileNumbers.has(x) || inRange(x, m.missing_range) || inRange(x, fileMissing?.range))) return { outcome: 'set-missing', value: null };
    if (typeof raw === 'string' && (missingCodes.has(raw.trim()) || fileCodes.has(raw.trim()))) return { outcome: 'set-missing', value: null };
    if (plainNumber && typeof raw === 'number') {
      const r = m.ranges?.find((q) => (q.min === undefined || x >= q.min) && (q.max === undefined || x <= q.max));
      if (r) return target(r.to);
      if (isStandardNumber(def, x)) return { outcome: 'kept', value: x };
      return { outcome: 'rejected', value: null };
    }
    let text = valueText(raw);
    if (m.pad !== undefined && /^\d+$/.test(text)) text = text.padStart(m.pad, '0');
    const key = m.by === 'label' ? (labels.get(valueText(raw)) ?? text) : text;

    if (Object.hasOwn(map, key)) return target(map[key]!, key);
    if (NUMERIC_TEXT.test(key)) {
      const k = mapNumeric.get(Number(key));
      if (k !== undefined) return target(map[k]!, k);
    }
    if (m.ranges) {
      const kx = m.by === 'label' ? asNumber(key) : x;
      if (!Number.isNaN(kx)) {
        const r = m.ranges.find((q) => (q.min === undefined || kx >= q.min) && (q.max === undefined || kx <= q.max));
        if (r) return target(r.to);
      }
    }
    switch (def.type) {
      case 'country': {
        const scheme: CountryScheme = m.country ?? 'iso3';
        const c = lookupCountry(key, scheme);
        if (c) return { outcome: c.iso3 === key ? 'kept' : 'recoded', value: c.iso3 };
        break;
      }
      case 'code':
        if (isStandardCode(def, key)) return { outcome: 'kept', value: key };
        break;
      case 'text':
        if (!m.map && !m.ranges && isStandardCode(def, key)) return { outcome: 'kept', value: key };
        break;
      case 'id':
        return { outcome: 'kept', value: key };
      case 'number':
      case 'year': {
        const kx = asNumber(key);
        if (isStandardNumber(def, kx)) return { outcome: 'kept', value: kx };
        break;
      }
      case 'date': {
        const days = dateDays(raw, m, meta);
        if (!Number.isNaN(days)) return { outcome: 'kept', value: days };
        break;
      }
    }
    return { outcome: 'rejected', value: m.unknown === NOT_STATED ? notStatedValue : null };
  };
}

/** Days since 1970-01-01 of a date value: ISO text, a number the file declares a date (days) or datetime (seconds), or per `date_format`. */
function dateDays(raw: string | number, m: Mapping, meta?: ColumnMeta): number {
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (m.date_format === 'yyyymmdd' && /^\d{8}$/.test(s)) return isoDateToDays(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`);
    return isoDateToDays(s);
  }
  if (meta?.type === 'date' && Number.isInteger(raw)) return raw;
  if (meta?.type === 'datetime') return Math.floor(raw / 86_400);
  if (m.date_format === 'days-since-1970' && Number.isInteger(raw)) return raw;
  if (m.date_format === 'yyyymmdd' && Number.isInteger(raw)) return dateDays(String(raw), m);
  return NaN;
}

/** A source column's value at a row: number, text level, or null when missing. */
function rawAt(c: Column, i: number): string | number | null {
  if (c.kind === 'number') return c.values[i]!;
  const k = c.codes[i]!;
  return k < 0 ? null : c.levels[k]!;
}

/**
 * Recodes a column (or, for a composite identifier, several joined with `-`; missing when any part is) over `nrows`
 * rows, or sets the mapping's constant `value` on every row.
 */
export function recodeColumns(def: StandardVariable, m: Mapping, columns: readonly Column[], metas: readonly (ColumnMeta | undefined)[], nrows: number): RecodeResult {
  const resolve = makeResolver(def, m, columns.length === 1 ? metas[0] : undefined);
  const numeric = isNumericType(def);
  const values: Float64Array | (string | null)[] = numeric ? new Float64Array(nrows) : new Array<string | null>(nrows);
  const counts = { kept: 0, recoded: 0, missing: 0, setMissing: 0, rejected: 0 };
  const byValue = new Map<string, ValueStat>();
  const usedKeys = new Set<string>();

  let rawOf: (i: number) => string | number | null;
  /** Category columns (and constants) resolve each level once; numbers and composite keys resolve per row (cheap, and memory stays flat). */
  let level: ((i: number) => number) | undefined;
  if (m.value !== undefined) {
    const constant = m.value;
    rawOf = () => constant;
    level = () => 0;
  } else if (columns.length === 1) {
    const c = columns[0]!;
    rawOf = (i) => rawAt(c, i);
    if (c.kind === 'category') level = (i) => c.codes[i]! + 1;
  } else {
    rawOf = (i) => {
      const parts = columns.map((c) => rawAt(c, i));
      if (parts.some((p) => p === null || (typeof p === 'number' && Number.isNaN(p)))) return null;
      return parts.map((p) => (m.pad !== undefined ? valueText(p!).padStart(m.pad, '0') : valueText(p!))).join('-');
    };
  }
  const byLevel: (Resolved | undefined)[] = [];
  for (let i = 0; i < nrows; i++) {
    let resolved: Resolved;
    let raw: string | number | null | undefined;
    if (level) {
      const k = level(i);
      resolved = byLevel[k] ?? (byLevel[k] = resolve((raw = rawOf(i))));
    } else resolved = resolve((raw = rawOf(i)));
    const v = resolved.value;
    if (numeric) (values as Float64Array)[i] = v === null ? NaN : (v as number);
    else (values as (string | null)[])[i] = v as string | null;
    switch (resolved.outcome) {
      case 'kept':
        counts.kept++;
        continue;
      case 'missing':
        counts.missing++;
        continue;
      case 'recoded':
        counts.recoded++;
        break;
      case 'set-missing':
        counts.setMissing++;
        break;
      default:
        counts.rejected++;
    }
    if (resolved.mapKey !== undefined) usedKeys.add(resolved.mapKey);
    const shown = raw === undefined ? rawOf(i)! : raw!;
    const key = `${typeof shown}:${shown}`;
    let stat = byValue.get(key);
    if (!stat) byValue.set(key, (stat = { value: shown, resolved, count: 0, rows: [] }));
    stat.count++;
    if (stat.rows.length < EXAMPLE_ROWS) stat.rows.push(i + 1);
  }
  const stats = [...byValue.values()].sort((a, b) => b.count - a.count || a.rows[0]! - b.rows[0]!);
  const unusedMapKeys = Object.keys(m.map ?? {}).filter((k) => !usedKeys.has(k));
  return { values, counts, stats, unusedMapKeys };
}
