/**
 * Validation of country submissions in the observatory (OBSERVATORY.md §5):
 * - internal consistency of each submission (the national values of one country, year, file and source): counts not
 *   negative; sexes add up (T = M + F [+ O]); migrant status adds up (TOTAL = MIGRANT + NONMIGRANT [+ UNKNOWN]); age
 *   bands add up (a band equals the sum of any set of bands present that partitions it: 15+ = 15-24 + 25-54 + 55-64 +
 *   65+); measures add up (labour force = employment + unemployment; working-age population = labour force + outside
 *   the labour force); a part never exceeds its whole (migrants <= total, labour force <= working-age population);
 *   rates within 0-100 and equal to the rate of the counts when both are there;
 * - comparison with the previous year held for the same country and series: a count that changes by more than
 *   `yearChange` (relative) or a rate by more than `ratePoints` points, and a change of migrant criterion;
 * - conflicts: two values for one key (both kept in the database);
 * - a comparability table across countries: criteria, age limits, reference years, sources, standards.
 * Problems name the file and the place (sheet, row, column, or line) of the value.
 */
import type { Conflict, StoredRow } from './observatory-db.js';
import { RATE_PARTS, type RateMeasure, ageInterval, ageOrder, isRate } from './observatory-codes.js';

export type Severity = 'error' | 'warning';

/** The checks (OBSERVATORY.md §5). */
export const CHECKS = [
  'negative', 'sexes-add-up', 'migrants-add-up', 'ages-add-up', 'measures-add-up', 'part-exceeds-whole', 'rate-bounds', 'rate-consistency',
  'year-change', 'criterion-change', 'conflict',
] as const;
export type Check = (typeof CHECKS)[number];

/** One problem found. */
export interface Problem {
  readonly severity: Severity;
  readonly check: Check;
  readonly ref_area: string;
  readonly year: number;
  readonly indicator: string;
  readonly sex: string;
  readonly age: string;
  readonly migrant: string;
  readonly criterion: string;
  readonly value: number | null;
  /** What the value should be (the sum of the parts, the previous year's value, the rate of the counts). */
  readonly expected: number | null;
  readonly file: string;
  readonly location: string;
  readonly message: string;
}

export interface ValidateOptions {
  /** Tolerance of sums of counts: relative to the larger side (default 0.0005) ... */
  readonly relative?: number;
  /** ... and absolute, persons per part summed (default 1). */
  readonly absolute?: number;
  /** Tolerance of a rate against the rate of its counts, points (default 0.15). */
  readonly rateTolerance?: number;
  /** Relative change of a count from the previous year flagged (default 0.25). */
  readonly yearChange?: number;
  /** Change of a rate from the previous year flagged, points (default 5). */
  readonly ratePoints?: number;
  /** Only the submissions of this country / year (the previous year is still read for the comparison). */
  readonly country?: string;
  readonly year?: number;
}

export const VALIDATE_DEFAULTS = { relative: 0.0005, absolute: 1, rateTolerance: 0.15, yearChange: 0.25, ratePoints: 5 } as const;

/** The columns of the problems CSV. */
export const PROBLEM_COLUMNS = ['severity', 'check', 'ref_area', 'year', 'indicator', 'sex', 'age', 'migrant', 'criterion', 'value', 'expected', 'file', 'location', 'message'] as const;

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000));

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** Partitions of the interval [low, high] into two or more of `bands` (by index; the whole band itself excluded), at most `limit` of them. */
export function agePartitions(target: { low: number; high: number }, bands: readonly { low: number; high: number }[], limit = 50): number[][] {
  const out: number[][] = [];
  const walk = (from: number, chosen: number[]): void => {
    if (out.length >= limit) return;
    if (from === target.high + 1 || (target.high === Infinity && from === Infinity)) {
      if (chosen.length >= 2) out.push([...chosen]);
      return;
    }
    bands.forEach((b, i) => {
      if (b.low !== from || b.high > target.high || (b.low === target.low && b.high === target.high)) return;
      walk(b.high === Infinity ? Infinity : b.high + 1, [...chosen, i]);
    });
  };
  walk(target.low, []);
  return out;
}

/** Internal consistency of one submission's rows (one value per key: the first of a conflicting pair). */
function consistency(rows: readonly StoredRow[], o: Required<Omit<ValidateOptions, 'country' | 'year'>>, add: (p: Omit<Problem, 'severity'> & { severity?: Severity }) => void): void {
  const byKey = new Map<string, StoredRow>();
  const k = (r: { indicator: string; sex: string; age: string; migrant: string; criterion: string }): string => [r.indicator, r.sex, r.age, r.migrant, r.migrant === 'TOTAL' ? '' : r.criterion].join('|');
  for (const r of rows) if (!byKey.has(k(r))) byKey.set(k(r), r);
  const get = (indicator: string, sex: string, age: string, migrant: string, criterion: string): StoredRow | undefined => byKey.get(k({ indicator, sex, age, migrant, criterion }));
  const tol = (a: number, b: number, parts: number): number => Math.max(o.absolute * parts, o.relative * Math.max(Math.abs(a), Math.abs(b)));
  const base = (r: StoredRow) => ({ ref_area: r.ref_area, year: r.year, indicator: r.indicator, sex: r.sex, age: r.age, migrant: r.migrant, criterion: r.criterion, file: r.file, location: r.location });
  const sumCheck = (check: Check, whole: StoredRow | undefined, parts: readonly (StoredRow | undefined)[], what: string, optional: readonly (StoredRow | undefined)[] = []): void => {
    if (!whole || parts.some((p) => !p)) return;
    const all = [...parts, ...optional.filter((p) => p)] as StoredRow[];
    const sum = all.reduce((s, p) => s + p.value, 0);
    if (Math.abs(whole.value - sum) > tol(whole.value, sum, all.length)) {
      add({ ...base(whole), check, value: whole.value, expected: sum, message: `${whole.indicator} ${whole.sex} ${whole.age} ${whole.migrant}: ${fmt(whole.value)} is not the sum of ${what} (${all.map((p) => fmt(p.value)).join(' + ')} = ${fmt(sum)}; ${all.map((p) => p.location).join('; ')})` });
    }
  };
  const counts = rows.filter((r) => !isRate(r.indicator));
  for (const r of counts) if (r.value < 0) add({ ...base(r), check: 'negative', value: r.value, expected: null, message: `${r.indicator} ${r.sex} ${r.age} ${r.migrant}: a count cannot be negative (${fmt(r.value)})` });
  const criteria = [...new Set(rows.filter((r) => r.migrant !== 'TOTAL').map((r) => r.criterion))];
  const cells = [...byKey.values()];
  for (const r of cells) {
    if (isRate(r.indicator)) continue;
    // sexes
    if (r.sex === 'T') sumCheck('sexes-add-up', r, [get(r.indicator, 'M', r.age, r.migrant, r.criterion), get(r.indicator, 'F', r.age, r.migrant, r.criterion)], 'men and women', [get(r.indicator, 'O', r.age, r.migrant, r.criterion)]);
    // migrant status
    if (r.migrant === 'TOTAL') {
      for (const c of criteria) {
        const m = get(r.indicator, r.sex, r.age, 'MIGRANT', c);
        sumCheck('migrants-add-up', r, [m, get(r.indicator, r.sex, r.age, 'NONMIGRANT', c)], `migrants and non-migrants (${c || 'criterion not stated'})`, [get(r.indicator, r.sex, r.age, 'UNKNOWN', c)]);
        if (m && m.value > r.value + tol(m.value, r.value, 1)) add({ ...base(m), check: 'part-exceeds-whole', value: m.value, expected: r.value, message: `${m.indicator} ${m.sex} ${m.age}: migrants (${fmt(m.value)}) exceed the total (${fmt(r.value)}, ${r.location})` });
      }
    }
    // measures
    if (r.indicator === 'TEAP') sumCheck('measures-add-up', r, [get('TEMP', r.sex, r.age, r.migrant, r.criterion), get('TUNE', r.sex, r.age, r.migrant, r.criterion)], 'employment and unemployment');
    if (r.indicator === 'XWAP') {
      sumCheck('measures-add-up', r, [get('TEAP', r.sex, r.age, r.migrant, r.criterion), get('TEIP', r.sex, r.age, r.migrant, r.criterion)], 'the labour force and persons outside it');
      const lf = get('TEAP', r.sex, r.age, r.migrant, r.criterion);
      if (lf && lf.value > r.value + tol(lf.value, r.value, 1)) add({ ...base(lf), check: 'part-exceeds-whole', value: lf.value, expected: r.value, message: `TEAP ${lf.sex} ${lf.age} ${lf.migrant}: the labour force (${fmt(lf.value)}) exceeds the working-age population (${fmt(r.value)}, ${r.location})` });
    }
  }
  // ages
  for (const [, group] of groupBy(cells.filter((r) => !isRate(r.indicator)), (r) => [r.indicator, r.sex, r.migrant, r.criterion].join('|'))) {
    const banded = group.map((r) => ({ r, i: ageInterval(r.age) })).filter((x) => x.i !== undefined) as { r: StoredRow; i: { low: number; high: number } }[];
    for (const whole of banded) {
      for (const p of agePartitions(whole.i, banded.map((b) => b.i))) {
        const parts = p.map((j) => banded[j]!.r).sort((a, b) => ageOrder(a.age, b.age));
        sumCheck('ages-add-up', whole.r, parts, `the age groups ${parts.map((x) => x.age).join(', ')}`);
      }
    }
  }
  // rates
  for (const r of cells) {
    if (!isRate(r.indicator)) continue;
    if (r.value < 0 || r.value > 100) {
      add({ ...base(r), check: 'rate-bounds', value: r.value, expected: null, message: `${r.indicator} ${r.sex} ${r.age} ${r.migrant}: a rate of ${fmt(r.value)}% is outside 0-100` });
      continue;
    }
    const parts = RATE_PARTS[r.indicator as RateMeasure];
    const num = get(parts.numerator, r.sex, r.age, r.migrant, r.criterion);
    const den = get(parts.denominator, r.sex, r.age, r.migrant, r.criterion);
    if (num && den && den.value > 0) {
      const rate = (100 * num.value) / den.value;
      if (Math.abs(rate - r.value) > o.rateTolerance) {
        add({ ...base(r), severity: 'warning', check: 'rate-consistency', value: r.value, expected: rate, message: `${r.indicator} ${r.sex} ${r.age} ${r.migrant}: ${fmt(r.value)}% is not ${parts.numerator}/${parts.denominator} = ${fmt(num.value)}/${fmt(den.value)} = ${fmt(rate)}%` });
      }
    }
  }
}

/** The result of a validation: problems (errors first, then by country, year, place) and the comparability table. */
export interface Validation {
  readonly problems: readonly Problem[];
  readonly comparability: readonly ComparabilityRow[];
  /** The submissions checked: country, year, file, source. */
  readonly submissions: number;
}

/**
 * Validates the national series (module doc). `rows` are the database's rows (benchmarks are ignored but for the
 * comparability table), `conflicts` its conflicts.
 */
export function validateSeries(rows: readonly StoredRow[], conflicts: readonly Conflict[] = [], options: ValidateOptions = {}): Validation {
  const o = { ...VALIDATE_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<Omit<ValidateOptions, 'country' | 'year'>> & ValidateOptions;
  const national = rows.filter((r) => r.layer === 'national');
  const inScope = (r: { ref_area: string; year: number }): boolean => (o.country === undefined || r.ref_area === o.country) && (o.year === undefined || r.year === o.year);
  const problems: Problem[] = [];
  const add = (p: Omit<Problem, 'severity'> & { severity?: Severity }): void => {
    problems.push({ ...p, severity: p.severity ?? 'error' } as Problem);
  };
  const submissions = groupBy(national.filter(inScope), (r) => [r.ref_area, r.year, r.file, r.source].join('|'));
  for (const [, rs] of submissions) consistency(rs, o, add);
  // previous year
  const series = groupBy(national, (r) => [r.ref_area, r.indicator, r.sex, r.age, r.migrant, r.migrant === 'TOTAL' ? '' : r.criterion].join('|'));
  for (const [, rs] of series) {
    const byYear = new Map<number, StoredRow>();
    for (const r of rs) if (!byYear.has(r.year)) byYear.set(r.year, r);
    const years = [...byYear.keys()].sort((a, b) => a - b);
    for (let i = 1; i < years.length; i++) {
      const cur = byYear.get(years[i]!)!;
      const prev = byYear.get(years[i - 1]!)!;
      if (!inScope(cur)) continue;
      const rate = isRate(cur.indicator);
      const change = rate ? Math.abs(cur.value - prev.value) : prev.value > 0 ? Math.abs(cur.value / prev.value - 1) : cur.value > 0 ? Infinity : 0;
      if (change > (rate ? o.ratePoints : o.yearChange)) {
        const what = rate ? `${fmt(cur.value - prev.value)} points` : `${prev.value > 0 ? fmt(100 * (cur.value / prev.value - 1)) : '+inf'}%`;
        add({
          severity: 'warning', check: 'year-change', ref_area: cur.ref_area, year: cur.year, indicator: cur.indicator, sex: cur.sex, age: cur.age, migrant: cur.migrant, criterion: cur.criterion,
          value: cur.value, expected: prev.value, file: cur.file, location: cur.location,
          message: `${cur.indicator} ${cur.sex} ${cur.age} ${cur.migrant}: ${fmt(cur.value)} in ${cur.year} against ${fmt(prev.value)} in ${prev.year} (${what}; threshold ${rate ? `${o.ratePoints} points` : `${100 * o.yearChange}%`}; previous: ${prev.file}, ${prev.location})`,
        });
      }
    }
  }
  // criterion changes
  const comparability = comparabilityTable(rows);
  for (const [, cs] of groupBy(comparability.filter((c) => c.layer === 'national'), (c) => c.ref_area)) {
    const sorted = [...cs].sort((a, b) => a.year - b.year);
    for (let i = 1; i < sorted.length; i++) {
      const [p, c] = [sorted[i - 1]!, sorted[i]!];
      if (!inScope(c) || p.criteria === '' || c.criteria === '' || p.criteria === c.criteria) continue;
      add({
        severity: 'warning', check: 'criterion-change', ref_area: c.ref_area, year: c.year, indicator: '', sex: '', age: '', migrant: 'MIGRANT', criterion: c.criteria,
        value: null, expected: null, file: c.sources, location: '', message: `${c.ref_area}: migrants by ${c.criteria} in ${c.year}, by ${p.criteria} in ${p.year}: a break in the series`,
      });
    }
  }
  for (const c of conflicts) {
    if (!inScope(c.b)) continue;
    add({
      severity: 'warning', check: 'conflict', ref_area: c.b.ref_area, year: c.b.year, indicator: c.b.indicator, sex: c.b.sex, age: c.b.age, migrant: c.b.migrant, criterion: c.b.criterion,
      value: c.b.value, expected: c.a.value, file: c.b.file, location: c.b.location,
      message: `two values for one key (${c.key.replace(/\|/g, ' ')}): ${fmt(c.a.value)} (${c.a.source}; ${c.a.file}, ${c.a.location}) and ${fmt(c.b.value)} (${c.b.source}; ${c.b.file}, ${c.b.location}); both kept`,
    });
  }
  const rank = (s: Severity): number => (s === 'error' ? 0 : 1);
  const t = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  problems.sort((a, b) => rank(a.severity) - rank(b.severity) || t(a.ref_area, b.ref_area) || a.year - b.year || t(a.check, b.check) || t(a.file, b.file) || t(a.location, b.location) || t(a.message, b.message));
  return { problems, comparability: comparability.filter((c) => inScope(c)), submissions: submissions.size };
}

/** One row of the comparability table: what a country's series of a year rest on. */
export interface ComparabilityRow {
  readonly ref_area: string;
  readonly year: number;
  readonly layer: string;
  /** Migrant criteria of the migrant series (`birth`, `citizenship`, both joined by `; `). */
  readonly criteria: string;
  /** Lowest age of any band; the working-age lower limit (lowest `YGE` band); highest finite upper age, or `none`. */
  readonly age_min: number | null;
  readonly working_age_min: number | null;
  readonly age_max: string;
  readonly reference_years: string;
  readonly sources: string;
  readonly source_types: string;
  readonly standards: string;
  readonly measures: string;
  readonly flags: string;
  readonly values: number;
  /** Differences from the observatory's norm (migrants by birth, working age 15+, ICLS19, reference year = year). */
  readonly notes: string;
}

export const COMPARABILITY_COLUMNS = [
  'ref_area', 'year', 'layer', 'criteria', 'age_min', 'working_age_min', 'age_max', 'reference_years', 'sources', 'source_types', 'standards', 'measures', 'flags', 'values', 'notes',
] as const;

const joined = (xs: Iterable<string | number>): string => [...new Set([...xs].map(String))].filter((x) => x !== '').sort().join('; ');

/** The comparability table (module doc): one row per country, year and layer, sorted. */
export function comparabilityTable(rows: readonly StoredRow[]): ComparabilityRow[] {
  const out: ComparabilityRow[] = [];
  for (const [, rs] of groupBy(rows, (r) => [r.ref_area, r.year, r.layer].join('|'))) {
    const r0 = rs[0]!;
    const bands = rs.map((r) => ageInterval(r.age)).filter((i) => i !== undefined && !(i.low === 0 && i.high === Infinity)) as { low: number; high: number }[];
    const ge = bands.filter((b) => b.high === Infinity).map((b) => b.low);
    const finite = bands.filter((b) => b.high !== Infinity).map((b) => b.high);
    const criteria = joined(rs.filter((r) => r.migrant !== 'TOTAL').map((r) => r.criterion));
    const standards = joined(rs.map((r) => r.standard));
    const refYears = joined(rs.map((r) => r.reference_year));
    const wam = ge.length > 0 ? Math.min(...ge) : null;
    const notes: string[] = [];
    if (r0.layer === 'national') {
      if (criteria !== '' && criteria !== 'birth') notes.push(`migrants by ${criteria}`);
      if (wam !== null && wam !== 15) notes.push(`working age ${wam}+`);
      if (standards !== '' && standards !== 'ICLS19') notes.push(`standard ${standards}`);
      if (refYears !== String(r0.year)) notes.push(`reference year ${refYears}`);
    }
    out.push({
      ref_area: r0.ref_area, year: r0.year, layer: r0.layer, criteria, age_min: bands.length > 0 ? Math.min(...bands.map((b) => b.low)) : null,
      working_age_min: wam, age_max: ge.length > 0 || finite.length === 0 ? 'none' : String(Math.max(...finite)), reference_years: refYears,
      sources: joined(rs.map((r) => r.source)), source_types: joined(rs.map((r) => r.source_type)), standards, measures: joined(rs.map((r) => r.indicator)),
      flags: joined(rs.flatMap((r) => [...r.flags])), values: rs.length, notes: notes.join('; '),
    });
  }
  const t = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort((a, b) => t(a.ref_area, b.ref_area) || a.year - b.year || t(a.layer, b.layer));
}
