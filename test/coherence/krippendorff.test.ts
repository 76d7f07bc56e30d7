/** Krippendorff's alpha: the worked example of Krippendorff (2011) against R irr (fixtures/krippendorff-gold.R), and a case worked by hand. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALPHA_METRICS, krippendorffAlpha } from '../../src/coherence/krippendorff.js';

const gold = JSON.parse(readFileSync(new URL('./fixtures/krippendorff-gold.json', import.meta.url), 'utf8')) as {
  data: (number | null)[][];
  published: Record<string, number>;
  alpha: Record<string, number>;
};
/** The fixture holds observers x units; alpha takes units x observers. */
const units = gold.data[0]!.map((_, u) => gold.data.map((row) => row[u]!));

describe("Krippendorff's alpha", () => {
  it('reproduces Krippendorff (2011): nominal .743, ordinal .815, interval .849, ratio .797 (R irr to 12 digits)', () => {
    for (const metric of ALPHA_METRICS) {
      const a = krippendorffAlpha(units, metric);
      expect(a.alpha, metric).toBeCloseTo(gold.alpha[metric]!, 12);
      expect(Number(a.alpha.toFixed(3)), metric).toBe(gold.published[metric]);
      // unit 12 has one value only: 11 pairable units, 40 pairable values (Krippendorff 2011, n = 40)
      expect(a.units).toBe(11);
      expect(a.values).toBeCloseTo(40, 12);
    }
  });

  it('a case worked by hand: 2 assessors, units (1,1) (1,2) (2,2) and one unpairable unit', () => {
    // coincidences o11 = 2, o12 = o21 = 1, o22 = 2; n1 = n2 = 3, n = 6
    // D_o = 2/6, D_e = (3*3 + 3*3) / (6*5) = 0.6, alpha = 1 - (1/3)/0.6 = 4/9 (nominal; interval the same as |1-2| = 1)
    const data = [[1, 1], [1, 2], [2, 2], [3, null]];
    for (const metric of ['nominal', 'interval', 'ordinal'] as const) {
      const a = krippendorffAlpha(data, metric);
      expect(a.alpha, metric).toBeCloseTo(4 / 9, 14);
      expect(a.coincidence).toEqual([[2, 1], [1, 2]]);
    }
    // ratio: d2 = ((1-2)/(1+2))^2 = 1/9 for every disagreement, which cancels in D_o / D_e
    expect(krippendorffAlpha(data, 'ratio').alpha).toBeCloseTo(4 / 9, 14);
    // ordinal with unequal margins: units (1,1) (1,2) (2,3) (3,3) -> n = (3, 2, 3)
    // d2(1,2) = (3+2 - 2.5)^2 = 6.25, d2(2,3) = (2+3 - 2.5)^2 = 6.25, d2(1,3) = (3+2+3 - 3)^2 = 25
    // D_o = (2*6.25 + 2*6.25) / 8; D_e = 2*(3*2*6.25 + 2*3*6.25 + 3*3*25) / (8*7)
    const o = krippendorffAlpha([[1, 1], [1, 2], [2, 3], [3, 3]], 'ordinal');
    expect(o.alpha).toBeCloseTo(1 - (25 / 8) / ((2 * (37.5 + 37.5 + 225)) / 56), 14);
  });

  it('perfect agreement gives 1; nothing pairable or no variation gives NaN; strings only nominal', () => {
    expect(krippendorffAlpha([[1, 1], [2, 2, 2], [3, null, 3]], 'interval').alpha).toBe(1);
    expect(krippendorffAlpha([[1, null], [2]], 'nominal').alpha).toBeNaN();
    expect(krippendorffAlpha([[2, 2], [2, 2]], 'nominal').alpha).toBeNaN();
    expect(krippendorffAlpha([['a', 'a'], ['a', 'b'], ['b', 'b']], 'nominal').alpha).toBeCloseTo(4 / 9, 14);
    expect(() => krippendorffAlpha([['a', 'b']], 'interval')).toThrow(/numeric/);
  });
});
