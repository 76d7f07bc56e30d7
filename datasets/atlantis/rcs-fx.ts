/**
 * Exchange rates and the deflator of the Atlantis recruitment cost survey: monthly average rates (units of each
 * currency per US dollar) from a seeded random walk (rcs-country.ts FX), dates as days since 1970-01-01 and months as
 * year * 12 + month - 1, and the text of fx_rates.csv and deflator.csv.
 */
import { CURRENCIES, type Currency, FX, FX_START, INFLATION, RCS_SURVEY_YEAR, RCS_STREAMS } from './rcs-country.js';
import { SeededRandom, childSeed, normal } from './draw.js';

const DAY_MS = 86_400_000;

/** Month index of a year and month (1-12): year * 12 + month - 1. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

/** Days since 1970-01-01 of a date. */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The month index of a day (days since 1970-01-01). */
export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The first day (days since 1970-01-01) of a month index. */
export function firstDayOfMonth(m: number): number {
  return Date.UTC(Math.floor(m / 12), m % 12, 1) / DAY_MS;
}

/** The last day of a month index. */
export function lastDayOfMonth(m: number): number {
  return firstDayOfMonth(m + 1) - 1;
}

/** YYYY-MM of a month index. */
export function monthLabel(m: number): string {
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/** YYYY-MM-DD of a day. */
export function dateLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monthly average exchange rates: units of each currency per US dollar, from FX_START to December of the survey year. */
export interface FxTable {
  /** Month index of the first month. */
  readonly first: number;
  /** Month index of the last month (December of the survey year). */
  readonly last: number;
  /** rates[currency index in CURRENCIES][month - first], rounded to 6 significant digits (the values fx_rates.csv holds). */
  readonly rates: readonly Float64Array[];
}

/** Rounds to 6 significant digits (the text of fx_rates.csv reads back to exactly this number). */
function sig6(x: number): number {
  return Number(x.toPrecision(6));
}

/** Draws the monthly rates of every currency (its own stream, RCS_STREAMS.fx). */
export function generateFx(seed: number): FxTable {
  const rng = new SeededRandom(childSeed(seed, RCS_STREAMS.fx));
  const first = monthIndex(FX_START.year, FX_START.month);
  const last = monthIndex(RCS_SURVEY_YEAR, 12);
  const n = last - first + 1;
  const rates = CURRENCIES.map((c) => {
    const p = FX[c];
    const out = new Float64Array(n);
    let log = Math.log(p.start);
    for (let k = 0; k < n; k++) {
      out[k] = sig6(Math.exp(log));
      if (p.sd > 0 || p.drift !== 0) log += p.drift / 12 + p.sd * normal(rng);
    }
    return out;
  });
  return { first, last, rates };
}

/** Index of a currency code in CURRENCIES (-1 if unknown). */
export function currencyIndex(code: string): number {
  return (CURRENCIES as readonly string[]).indexOf(code);
}

/** Units of currency `c` (index) per US dollar in month `m`. */
export function rateOf(fx: FxTable, c: number, m: number): number {
  if (m < fx.first || m > fx.last) throw new RangeError(`no exchange rate for ${monthLabel(m)} (the table covers ${monthLabel(fx.first)} to ${monthLabel(fx.last)})`);
  return fx.rates[c]![m - fx.first]!;
}

/** fx_rates.csv: `currency,month,rate,base`, every currency for every month from `from` (a month index) to the last, base USD. */
export function fxCsv(fx: FxTable, from: number): string {
  const lines = ['currency,month,rate,base'];
  CURRENCIES.forEach((c: Currency, k) => {
    for (let m = from; m <= fx.last; m++) lines.push(`${c},${monthLabel(m)},${fx.rates[k]![m - fx.first]!},USD`);
  });
  return `${lines.join('\n')}\n`;
}

/** The deflator: a US-CPI-like annual index, 2024 = 100 (INFLATION chained from the first year of FX_START). */
export function deflator(): { year: number; index: number }[] {
  const years: number[] = [];
  for (let y = FX_START.year; y <= RCS_SURVEY_YEAR; y++) years.push(y);
  const level = new Map<number, number>([[FX_START.year, 1]]);
  for (const y of years.slice(1)) level.set(y, level.get(y - 1)! * (1 + INFLATION[y]! / 100));
  const base = level.get(RCS_SURVEY_YEAR)!;
  return years.map((y) => ({ year: y, index: Number(((100 * level.get(y)!) / base).toFixed(3)) }));
}

/** deflator.csv: `year,index`. */
export function deflatorCsv(): string {
  return `${['year,index', ...deflator().map((d) => `${d.year},${d.index}`)].join('\n')}\n`;
}
