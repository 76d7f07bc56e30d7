/**
 * Exchange rates and deflators for SDG 10.7.1 (spec sdg1071.md rules 23-24).
 *
 * Exchange-rate file: CSV with the columns `currency,month,rate,base` (any order, header required). `rate` is the
 * number of units of `currency` per 1 unit of `base` (a monthly average), `month` is `YYYY-MM`. One base currency for
 * the whole file: the common currency every amount is converted to (typically USD); the base itself needs no row (a row
 * for it must have rate 1). An amount a in currency c referring to month m is a / rate(c, m) in the base currency.
 * A rate that is missing is an error naming the currency, the month, the file and the record that needs it: never a
 * silent exclusion.
 *
 * Deflator file: CSV `year,index`. Amounts in the base currency of year y are expressed in constant prices of the base
 * year b as a * index(b) / index(y). Applied to both RC and E (rule 24).
 */
import { readFile } from 'node:fs/promises';
import { parseCsvRecords } from '../indicators/codes/parse-csv.js';
import { Sdg1071Error } from './errors.js';

const CURRENCY = /^[A-Z]{3}$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Monthly exchange rates to one base currency. */
export interface ExchangeRates {
  /** The common currency (ISO 4217), e.g. USD. */
  readonly base: string;
  /** Where the rates came from (a file path, or `<memory>`), for messages. */
  readonly source: string;
  /** Units of currency per 1 base, by `CUR|YYYY-MM`. */
  readonly rates: ReadonlyMap<string, number>;
}

/** A price index by year, for constant prices. */
export interface Deflator {
  readonly source: string;
  readonly index: ReadonlyMap<number, number>;
}

/** The month `YYYY-MM` of a date held as days since 1970-01-01. */
export function monthOfDays(days: number): string {
  return new Date(Math.round(days) * 86_400_000).toISOString().slice(0, 7);
}

function header(records: string[][], expected: readonly string[], source: string): Map<string, number> {
  const head = records[0];
  if (!head) throw new Sdg1071Error(`${source}: the file is empty; expected a header ${expected.join(',')}`);
  const cols = head.map((h) => h.trim().replace(/^\uFEFF/, '').toLowerCase());
  const at = new Map<string, number>();
  for (const name of expected) {
    const j = cols.indexOf(name);
    if (j < 0) throw new Sdg1071Error(`${source}: no column "${name}" in the header (${head.join(',')}); expected the columns ${expected.join(',')}`);
    at.set(name, j);
  }
  return at;
}

/** Parses an exchange-rate CSV (module doc); errors name the file, line, column and value. */
export function parseExchangeRates(text: string, source = '<memory>'): ExchangeRates {
  const records = parseCsvRecords(text);
  const at = header(records, ['currency', 'month', 'rate', 'base'], source);
  const rates = new Map<string, number>();
  let base: string | undefined;
  let baseLine = 0;
  records.slice(1).forEach((rec, k) => {
    const line = k + 2;
    if (rec.length === 1 && rec[0]!.trim() === '') return;
    const field = (name: string): string => (rec[at.get(name)!] ?? '').trim();
    const where = (name: string): string => `${source} line ${line}, column ${name}`;
    const cur = field('currency');
    const month = field('month');
    const b = field('base');
    const rateText = field('rate');
    if (!CURRENCY.test(cur)) throw new Sdg1071Error(`${where('currency')}: "${cur}" is not an ISO 4217 code (three capital letters)`);
    if (!CURRENCY.test(b)) throw new Sdg1071Error(`${where('base')}: "${b}" is not an ISO 4217 code (three capital letters)`);
    if (!MONTH.test(month)) throw new Sdg1071Error(`${where('month')}: "${month}" is not a month YYYY-MM`);
    const rate = Number(rateText);
    if (rateText === '' || !Number.isFinite(rate) || rate <= 0) throw new Sdg1071Error(`${where('rate')}: "${rateText}" is not a positive number (units of ${cur} per 1 ${b})`);
    if (base === undefined) {
      base = b;
      baseLine = line;
    } else if (b !== base) {
      throw new Sdg1071Error(`${where('base')}: base ${b} differs from base ${base} of line ${baseLine}; one base currency for the whole file`);
    }
    if (cur === base && rate !== 1) throw new Sdg1071Error(`${where('rate')}: the base currency ${cur} has rate ${rateText}; it needs no row (or rate 1)`);
    const key = `${cur}|${month}`;
    if (rates.has(key)) throw new Sdg1071Error(`${source} line ${line}: a second rate for ${cur} in ${month}`);
    rates.set(key, rate);
  });
  if (base === undefined) throw new Sdg1071Error(`${source}: no rates (only a header)`);
  return { base, source, rates };
}

/** Reads and parses an exchange-rate CSV file. */
export async function readExchangeRates(path: string): Promise<ExchangeRates> {
  return parseExchangeRates(await readFile(path, 'utf8'), path);
}

/** Exchange rates from a plain object `{ 'PHP|2023-04': 55.1, ... }` (for scripts and tests), validated as a file would be. */
export function exchangeRates(base: string, rates: Readonly<Record<string, number>>, source = '<memory>'): ExchangeRates {
  if (!CURRENCY.test(base)) throw new Sdg1071Error(`${source}: base "${base}" is not an ISO 4217 code`);
  const lines = Object.entries(rates).map(([k, r]) => `${k.replace('|', ',')},${r},${base}`);
  if (lines.length === 0) return { base, source, rates: new Map() };
  return parseExchangeRates(['currency,month,rate,base', ...lines].join('\n'), source);
}

/**
 * Converts `amount` in `currency` for `month` to the base currency. `what` names the record (`workers row 12,
 * first_month_earnings`) for the error when the rate is missing.
 */
export function convert(fx: ExchangeRates, amount: number, currency: string, month: string, what: string): number {
  if (currency === fx.base) return amount;
  const rate = fx.rates.get(`${currency}|${month}`);
  if (rate === undefined) {
    throw new Sdg1071Error(`no exchange rate for ${currency} in ${month} (to ${fx.base}) in ${fx.source}, needed by ${what}: add a row ${currency},${month},RATE,${fx.base}`);
  }
  return amount / rate;
}

/** Parses a deflator CSV `year,index` (positive index values, one row per year). */
export function parseDeflator(text: string, source = '<memory>'): Deflator {
  const records = parseCsvRecords(text);
  const at = header(records, ['year', 'index'], source);
  const index = new Map<number, number>();
  records.slice(1).forEach((rec, k) => {
    const line = k + 2;
    if (rec.length === 1 && rec[0]!.trim() === '') return;
    const y = (rec[at.get('year')!] ?? '').trim();
    const v = (rec[at.get('index')!] ?? '').trim();
    if (!/^\d{4}$/.test(y)) throw new Sdg1071Error(`${source} line ${line}, column year: "${y}" is not a year`);
    const x = Number(v);
    if (v === '' || !Number.isFinite(x) || x <= 0) throw new Sdg1071Error(`${source} line ${line}, column index: "${v}" is not a positive number`);
    if (index.has(Number(y))) throw new Sdg1071Error(`${source} line ${line}: year ${y} is given twice`);
    index.set(Number(y), x);
  });
  if (index.size === 0) throw new Sdg1071Error(`${source}: no years (only a header)`);
  return { source, index };
}

/** Reads and parses a deflator CSV file. */
export async function readDeflator(path: string): Promise<Deflator> {
  return parseDeflator(await readFile(path, 'utf8'), path);
}

/** The factor index(baseYear) / index(year) that expresses an amount of `year` in prices of `baseYear`. */
export function deflatorFactor(d: Deflator, year: number, baseYear: number, what: string): number {
  const a = d.index.get(baseYear);
  const b = d.index.get(year);
  if (a === undefined) throw new Sdg1071Error(`no deflator index for the base year ${baseYear} in ${d.source}`);
  if (b === undefined) throw new Sdg1071Error(`no deflator index for ${year} in ${d.source}, needed by ${what}`);
  return a / b;
}
