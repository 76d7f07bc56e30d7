/**
 * `observatory estimate`: the inputs of the regional and global estimates built from the observatory's series, and
 * the estimates stored back (OBSERVATORY.md §6). The method itself is estimateGlobal (uncertainty.ts; METHOD.md).
 *
 * For a year Y and each country, by sex (M, F) and age group (default 15-24, 25-64, 65+):
 * - benchmark margins: population P (`POP`, migrant `TOTAL`, UN WPP), migrant stock M (`POP`, `MIGRANT`, UN DESA) and
 *   labour force L (`TEAP`, `TOTAL`, ILO modelled), each summed from the bands held when they partition the group
 *   (five-year bands of WPP and DESA; 25-54 + 55-64 for 25-64);
 * - national data: the 2x2 table migrants/non-migrants x in/outside the labour force from `TEAP` and `XWAP` (`TEIP`
 *   when `XWAP` is missing) of year Y, giving log θ and its SE (delta method on the cell SEs; a table without SEs
 *   counts as exact, SE 0, so that its survey error is left out of the intervals, and its source says "no SE given").
 * A country without all three benchmarks for a cell is left out, and said so; a country without national data is
 * imputed. When two values conflict for one key, `onConflict` decides: `error` (default; the message names both),
 * `first` or `latest` ingested.
 */
import { crossProductRatio, logCrossProductRatioSe, type TwoByTwo } from './cross-product-ratio.js';
import type { CountryCellInput, CountryInput } from './imputation.js';
import type { EstimateRow, StoredRow } from './observatory-db.js';
import { ObservatoryError } from './observatory-errors.js';
import { ageInterval, ageLabel } from './observatory-codes.js';
import { agePartitions } from './observatory-validate.js';
import { estimateGlobal, type GlobalEstimates } from './uncertainty.js';
import { AGGREGATE_MEASURES } from './aggregation.js';
import { type InterpolationMethod, interpolateStock } from './interpolation.js';

export type OnConflict = 'error' | 'first' | 'latest';

export interface ObservatoryEstimateOptions {
  readonly year: number;
  /** Age groups of the cells (default Y15-24, Y25-64, YGE65: the 2nd and 3rd editions). */
  readonly ages?: readonly string[];
  readonly onConflict?: OnConflict;
  /** Bootstrap replicates (default 200; 0 for point estimates only). */
  readonly replicates?: number;
  readonly seed?: number;
  /** Benchmarks missing in the year: interpolated between the bracketing years held (default `linear`), or not (`none`). */
  readonly interpolation?: InterpolationMethod | 'none';
}

export const ESTIMATE_AGES: readonly string[] = ['Y15-24', 'Y25-64', 'YGE65'];
const SEXES = ['M', 'F'] as const;

/** One value per key: conflicts resolved by `onConflict`. */
function resolve(rows: readonly StoredRow[], onConflict: OnConflict): Map<string, StoredRow> {
  const out = new Map<string, StoredRow>();
  const key = (r: StoredRow): string => [r.ref_area, r.layer, r.indicator, r.sex, r.age, r.migrant, r.migrant === 'TOTAL' ? '' : r.criterion, r.year].join('|');
  for (const r of [...rows].sort((a, b) => a.row_id - b.row_id)) {
    const k = key(r);
    const prev = out.get(k);
    if (!prev) out.set(k, r);
    else if (onConflict === 'latest') out.set(k, r);
    else if (onConflict === 'error') {
      throw new ObservatoryError(`two values for ${k.replace(/\|\d+$/, '').replace(/\|/g, ' ')} in ${r.year}: ${prev.value} (${prev.file}, ${prev.location}) and ${r.value} (${r.file}, ${r.location}); resolve the conflict or give --on-conflict first|latest`);
    }
  }
  return out;
}

/**
 * Benchmark values for `year` where a benchmark key has none in that year but values before and after it: interpolated
 * between the two bracketing years (interpolation.ts `interpolateStock`; no extrapolation), with the flag `I` and the
 * source saying so. UN DESA's migrant stock, published every five years, is the usual case.
 */
export function interpolatedBenchmarks(rows: readonly StoredRow[], year: number, method: InterpolationMethod = 'linear', onConflict: OnConflict = 'error'): StoredRow[] {
  const bench = [...resolve(rows.filter((r) => r.layer === 'benchmark'), onConflict).values()];
  const series = new Map<string, StoredRow[]>();
  for (const r of bench) {
    const k = [r.ref_area, r.indicator, r.sex, r.age, r.migrant, r.criterion, r.source_type].join('|');
    series.set(k, [...(series.get(k) ?? []), r]);
  }
  const out: StoredRow[] = [];
  for (const rs of series.values()) {
    if (rs.some((r) => r.year === year) || !rs.some((r) => r.year < year) || !rs.some((r) => r.year > year)) continue;
    const v = interpolateStock(rs.map((r) => ({ year: r.year, value: r.value })), year, { method });
    const base = rs.find((r) => r.year === v.from[0])!;
    out.push({ ...base, year, reference_year: year, reference_period: String(year), value: v.value, se: null, flags: [...new Set(`${base.flags}I`)].sort().join(''), source: `${base.source} (interpolated ${v.from.join('-')}, ${v.method})`, location: `interpolated from ${v.from.join(' and ')}` });
  }
  return out;
}

/** The value of a band: held as such, or the sum of held bands partitioning it; undefined when neither. */
function bandValue(rows: readonly StoredRow[], age: string): { value: number; se: number | null; rows: StoredRow[] } | undefined {
  const exact = rows.find((r) => r.age === age);
  if (exact) return { value: exact.value, se: exact.se, rows: [exact] };
  const target = ageInterval(age);
  if (!target) return undefined;
  const banded = rows.map((r) => ({ r, i: ageInterval(r.age) })).filter((x) => x.i !== undefined) as { r: StoredRow; i: { low: number; high: number } }[];
  // an open band 65+ may be matched by 65-69, ..., 95-99, 100+; a WPP 100+ row is an open band too
  const parts = agePartitions(target, banded.map((b) => b.i), 1)[0];
  if (!parts) return undefined;
  const rs = parts.map((j) => banded[j]!.r);
  const ses = rs.map((r) => r.se);
  return { value: rs.reduce((s, r) => s + r.value, 0), se: ses.every((s) => s !== null) ? Math.sqrt(ses.reduce((s, x) => s + x! ** 2, 0)) : null, rows: rs };
}

/** The estimation inputs of a year: countries with their cells, and the countries left out with the reason. */
export function estimationInputs(rows: readonly StoredRow[], options: ObservatoryEstimateOptions): { countries: CountryInput[]; leftOut: { iso3: string; reason: string }[] } {
  const ages = options.ages ?? ESTIMATE_AGES;
  const resolved = [...resolve(rows.filter((r) => r.year === options.year), options.onConflict ?? 'error').values()];
  if ((options.interpolation ?? 'linear') !== 'none') resolved.push(...interpolatedBenchmarks(rows, options.year, options.interpolation === 'log-linear' ? 'log-linear' : 'linear', options.onConflict ?? 'error'));
  const byCountry = new Map<string, StoredRow[]>();
  for (const r of resolved) byCountry.set(r.ref_area, [...(byCountry.get(r.ref_area) ?? []), r]);
  const countries: CountryInput[] = [];
  const leftOut: { iso3: string; reason: string }[] = [];
  for (const iso3 of [...byCountry.keys()].sort()) {
    const rs = byCountry.get(iso3)!;
    const pick = (layer: string, indicator: string, sex: string, migrant: string, criterion?: string): StoredRow[] =>
      rs.filter((r) => r.layer === layer && r.indicator === indicator && r.sex === sex && r.migrant === migrant && (criterion === undefined || r.criterion === criterion));
    const cells: CountryCellInput[] = [];
    const missing: string[] = [];
    // the national criterion: birth when the country has it, else citizenship (icls.md para 12)
    const crit = rs.some((r) => r.layer === 'national' && r.migrant === 'MIGRANT' && r.criterion === 'birth') ? 'birth' : 'citizenship';
    for (const sex of SEXES) {
      for (const age of ages) {
        const p = bandValue(pick('benchmark', 'POP', sex, 'TOTAL'), age);
        const desa = pick('benchmark', 'POP', sex, 'MIGRANT');
        const m = bandValue(desa.some((r) => r.criterion === 'birth') ? desa.filter((r) => r.criterion === 'birth') : desa, age);
        const l = bandValue(pick('benchmark', 'TEAP', sex, 'TOTAL'), age);
        if (!p || !m || !l) {
          missing.push(`${sex} ${ageLabel(age)}: ${[!p ? 'population (WPP)' : '', !m ? 'migrant stock (DESA)' : '', !l ? 'labour force (ILO modelled)' : ''].filter(Boolean).join(', ')}`);
          continue;
        }
        const lfM = bandValue(pick('national', 'TEAP', sex, 'MIGRANT', crit), age);
        const lfN = bandValue(pick('national', 'TEAP', sex, 'NONMIGRANT', crit), age);
        const wapM = bandValue(pick('national', 'XWAP', sex, 'MIGRANT', crit), age);
        const wapN = bandValue(pick('national', 'XWAP', sex, 'NONMIGRANT', crit), age);
        const olfM = bandValue(pick('national', 'TEIP', sex, 'MIGRANT', crit), age);
        const olfN = bandValue(pick('national', 'TEIP', sex, 'NONMIGRANT', crit), age);
        let national: CountryCellInput['national'];
        if (lfM && lfN && (wapM || olfM) && (wapN || olfN)) {
          const b = olfM ?? { value: wapM!.value - lfM.value, se: wapM!.se !== null && lfM.se !== null ? Math.sqrt(wapM!.se ** 2 + lfM.se ** 2) : null, rows: [] };
          const d = olfN ?? { value: wapN!.value - lfN.value, se: wapN!.se !== null && lfN.se !== null ? Math.sqrt(wapN!.se ** 2 + lfN.se ** 2) : null, rows: [] };
          const table: TwoByTwo = { migrantInLf: lfM.value, migrantOutLf: b.value, nonMigrantInLf: lfN.value, nonMigrantOutLf: d.value };
          const theta = crossProductRatio(table);
          if (Number.isFinite(theta)) {
            const ses = [lfM.se, b.se, lfN.se, d.se];
            const se = ses.every((s) => s !== null) ? logCrossProductRatioSe(table, ses as number[]) : NaN;
            const sources = [...new Set([...lfM.rows, ...lfN.rows].map((r) => r.source))].join('; ');
            // without cell SEs the national θ counts as exact: its survey error is left out of the intervals (OBSERVATORY.md §6)
            national = { logTheta: Math.log(theta), logThetaSe: Number.isFinite(se) ? se : 0, table, source: `${sources} (${crit})${Number.isFinite(se) ? '' : '; no SE given'}` };
          }
        }
        cells.push({ sex, age, population: p.value, migrants: m.value, labourForce: l.value, ...(national ? { national } : {}) });
      }
    }
    if (missing.length > 0 || cells.length === 0) {
      leftOut.push({ iso3, reason: `no benchmark for ${missing.join('; ') || 'any cell'}` });
      continue;
    }
    countries.push({ iso3, cells });
  }
  return { countries, leftOut };
}

/** Runs the estimation of a year on the observatory's series; returns the rows to store and the full result. */
export function observatoryEstimates(rows: readonly StoredRow[], options: ObservatoryEstimateOptions): { rows: EstimateRow[]; result: GlobalEstimates; leftOut: { iso3: string; reason: string }[] } {
  const { countries, leftOut } = estimationInputs(rows, options);
  if (countries.length === 0) throw new ObservatoryError(`no country has the benchmarks of ${options.year} (population, migrant stock, labour force by sex and age): ${leftOut.map((l) => `${l.iso3}: ${l.reason}`).join('; ') || 'the database holds no series of that year'}`);
  if (!countries.some((c) => c.cells.some((x) => x.national))) throw new ObservatoryError(`no country has national data (labour force and working-age population of migrants and non-migrants by sex and age) for ${options.year}: nothing to impute from`);
  const replicates = options.replicates ?? 200;
  const result = estimateGlobal(countries, { bootstrap: replicates > 0 ? { replicates, ...(options.seed !== undefined ? { seed: options.seed } : {}) } : false });
  const out: EstimateRow[] = [];
  const year = options.year;
  for (const c of result.countries) {
    out.push({ level: 'country', area: c.iso3, year, sex: c.sex, age: c.age, measure: 'migrantWorkers', value: c.migrantWorkers, low: null, high: null, imputed: c.imputed, note: c.flag });
  }
  // country totals over sex and age
  const byIso = new Map<string, typeof result.countries[number][]>();
  for (const c of result.countries) byIso.set(c.iso3, [...(byIso.get(c.iso3) ?? []), c]);
  for (const [iso3, cs] of byIso) {
    const x = cs.reduce((s, c) => s + c.migrantWorkers, 0);
    const l = cs.reduce((s, c) => s + c.labourForce, 0);
    const imputed = cs.some((c) => c.imputed);
    out.push({ level: 'country', area: iso3, year, sex: 'T', age: 'TOTAL', measure: 'migrantWorkers', value: x, low: null, high: null, imputed, note: imputed ? 'imputed' : 'national' });
    out.push({ level: 'country', area: iso3, year, sex: 'T', age: 'TOTAL', measure: 'shareOfLabourForce', value: l > 0 ? x / l : NaN, low: null, high: null, imputed, note: imputed ? 'imputed' : 'national' });
    for (const sex of SEXES) {
      const s = cs.filter((c) => c.sex === sex);
      const xs = s.reduce((a, c) => a + c.migrantWorkers, 0);
      const ls = s.reduce((a, c) => a + c.labourForce, 0);
      const imp = s.some((c) => c.imputed);
      out.push({ level: 'country', area: iso3, year, sex, age: 'TOTAL', measure: 'migrantWorkers', value: xs, low: null, high: null, imputed: imp, note: imp ? 'imputed' : 'national' });
      out.push({ level: 'country', area: iso3, year, sex, age: 'TOTAL', measure: 'shareOfLabourForce', value: ls > 0 ? xs / ls : NaN, low: null, high: null, imputed: imp, note: imp ? 'imputed' : 'national' });
    }
  }
  for (const a of result.aggregates) {
    for (const m of AGGREGATE_MEASURES) {
      const v = a[m];
      if (!Number.isFinite(v)) continue;
      const iv = 'intervals' in a ? (a as { intervals?: Record<string, { low: number; high: number }> }).intervals?.[m] : undefined;
      out.push({
        level: a.dimension, area: a.code, year, sex: a.sex, age: a.age, measure: m, value: v, low: iv ? iv.low : null, high: iv ? iv.high : null,
        imputed: a.countriesWithImputation > 0, note: JSON.stringify({ name: a.name, countries: a.countries, countriesWithImputation: a.countriesWithImputation, imputedShare: a.imputedShare }),
      });
    }
  }
  return { rows: out.filter((r) => Number.isFinite(r.value)), result, leftOut };
}
