import { describe, expect, it } from 'vitest';
import { interpolateStock, interpolateSeries } from '../../src/global/interpolation.js';

const stock = [{ year: 2015, value: 100 }, { year: 2020, value: 121 }, { year: 2024, value: 130 }];

describe('reference-year interpolation of stocks', () => {
  it('linear between the bracketing years', () => {
    expect(interpolateStock(stock, 2017)).toMatchObject({ value: 100 + 21 * 0.4, kind: 'interpolated', from: [2015, 2020], method: 'linear' });
    expect(interpolateStock(stock, 2022).value).toBeCloseTo(125.5, 12);
    expect(interpolateStock(stock, 2020)).toMatchObject({ value: 121, kind: 'observed' });
  });

  it('log-linear: constant growth rate (121/100 over 5 years: 10% every 2.5 years)', () => {
    expect(interpolateStock(stock, 2017.5, { method: 'log-linear' }).value).toBeCloseTo(110, 10);
    expect(interpolateStock([{ year: 2010, value: 0 }, { year: 2020, value: 10 }], 2015, { method: 'log-linear' })).toMatchObject({ value: 5, method: 'linear' });
  });

  it('outside the range: an error by default, else constant or trend', () => {
    expect(() => interpolateStock(stock, 2025)).toThrow(/outside/);
    expect(interpolateStock(stock, 2025, { extrapolation: 'constant' })).toMatchObject({ value: 130, kind: 'extrapolated', method: 'constant' });
    expect(interpolateStock(stock, 2026, { extrapolation: 'trend' }).value).toBeCloseTo(134.5, 12);
    expect(interpolateStock(stock, 2010, { extrapolation: 'trend' }).value).toBeCloseTo(79, 12);
  });

  it('validates the series; keyed series keep their keys', () => {
    expect(() => interpolateStock([{ year: 2015, value: 1 }, { year: 2015, value: 2 }], 2016)).toThrow(/twice/);
    expect(() => interpolateStock([{ year: 2015, value: -1 }], 2015)).toThrow(/>= 0/);
    const out = interpolateSeries([{ key: { iso3: 'DEU', sex: 'F' }, series: stock }], 2019);
    expect(out[0]!.key).toEqual({ iso3: 'DEU', sex: 'F' });
    expect(out[0]!.value.value).toBeCloseTo(116.8, 12);
  });
});
