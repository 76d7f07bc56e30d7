/**
 * Reference years: benchmark stocks (migrant stock, population, labour force) interpolated between the years a source
 * publishes (UN DESA's International Migrant Stock comes every five years, e.g. 2015, 2020, 2024) to the reference year
 * of the estimates (spec icls.md §3.2 item 36 "Benchmarks"; src/global/METHOD.md §5).
 */

/** One published value of a series. */
export interface YearValue {
  readonly year: number;
  readonly value: number;
}

/** Linear (default) or log-linear (constant growth rate) between the two bracketing years. */
export type InterpolationMethod = 'linear' | 'log-linear';
export const INTERPOLATION_METHODS: readonly InterpolationMethod[] = ['linear', 'log-linear'];

/** What to do outside the published years: an error (default), the nearest value, or the trend of the two nearest years. */
export type Extrapolation = 'error' | 'constant' | 'trend';

/** Options of `interpolateStock`. */
export interface InterpolationOptions {
  readonly method?: InterpolationMethod;
  readonly extrapolation?: Extrapolation;
}

/** An interpolated value, with how it was obtained. */
export interface InterpolatedValue {
  readonly year: number;
  readonly value: number;
  /** 'observed', 'interpolated', 'extrapolated'. */
  readonly kind: 'observed' | 'interpolated' | 'extrapolated';
  /** The years used (one for observed or constant, two otherwise). */
  readonly from: readonly number[];
  /** The method used; 'linear' also when log-linear was asked but an end value is 0. */
  readonly method: InterpolationMethod | 'constant';
}

/**
 * The value of a series in `year` (METHOD.md §5): with the bracketing published years y0 < year < y1,
 * linear v0 + (v1 − v0)(year − y0)/(y1 − y0), or log-linear v0 (v1/v0)^((year − y0)/(y1 − y0)) (constant growth
 * rate; falls back to linear when v0 or v1 is 0). A published year returns its value. Outside the range: an error,
 * the nearest value (`constant`), or the line (or growth) of the two nearest years (`trend`, floored at 0).
 */
export function interpolateStock(series: readonly YearValue[], year: number, options: InterpolationOptions = {}): InterpolatedValue {
  const method = options.method ?? 'linear';
  if (!INTERPOLATION_METHODS.includes(method)) throw new RangeError(`interpolation method "${method}" is not one of ${INTERPOLATION_METHODS.join(', ')}`);
  const ext = options.extrapolation ?? 'error';
  const s = [...series].sort((a, b) => a.year - b.year);
  if (s.length === 0) throw new RangeError('interpolateStock: empty series');
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i]!.value) || s[i]!.value < 0) throw new RangeError(`interpolateStock: the value of ${s[i]!.year} must be finite and >= 0`);
    if (i > 0 && s[i]!.year === s[i - 1]!.year) throw new RangeError(`interpolateStock: year ${s[i]!.year} appears twice`);
  }
  const exact = s.find((p) => p.year === year);
  if (exact) return { year, value: exact.value, kind: 'observed', from: [year], method };
  const between = (a: YearValue, b: YearValue, kind: 'interpolated' | 'extrapolated'): InterpolatedValue => {
    const t = (year - a.year) / (b.year - a.year);
    if (method === 'log-linear' && a.value > 0 && b.value > 0) {
      return { year, value: a.value * (b.value / a.value) ** t, kind, from: [a.year, b.year], method: 'log-linear' };
    }
    return { year, value: Math.max(0, a.value + (b.value - a.value) * t), kind, from: [a.year, b.year], method: 'linear' };
  };
  const first = s[0]!;
  const last = s[s.length - 1]!;
  if (year < first.year || year > last.year) {
    if (ext === 'error' || (ext === 'trend' && s.length < 2)) {
      throw new RangeError(`interpolateStock: ${year} is outside the published years ${first.year}-${last.year} (extrapolation: ${ext})`);
    }
    if (ext === 'constant') {
      const p = year < first.year ? first : last;
      return { year, value: p.value, kind: 'extrapolated', from: [p.year], method: 'constant' };
    }
    return year < first.year ? between(first, s[1]!, 'extrapolated') : between(s[s.length - 2]!, last, 'extrapolated');
  }
  let i = 1;
  while (s[i]!.year < year) i++;
  return between(s[i - 1]!, s[i]!, 'interpolated');
}

/** A keyed series (country x sex x age x variable) of published years. */
export interface KeyedSeries<K> {
  readonly key: K;
  readonly series: readonly YearValue[];
}

/** Interpolates every keyed series to `year` (same options for all); the result keeps the key. */
export function interpolateSeries<K>(series: readonly KeyedSeries<K>[], year: number, options: InterpolationOptions = {}): { key: K; value: InterpolatedValue }[] {
  return series.map((s) => ({ key: s.key, value: interpolateStock(s.series, year, options) }));
}
