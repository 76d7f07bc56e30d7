import { describe, expect, it } from 'vitest';
import { usualResident } from '../../src/concepts/usual-residence.js';

const N = NaN;

// 0 lived 24 months; 1 lived 12 exactly; 2 lived 3, intends 12 in total; 3 lived 3, intends 9;
// 4 lived 7, intends 9; 5 lived 6, intends 5; 6 lived 6, intends 6; 7 lived 11, intention missing;
// 8 months missing, intends 24; 9 months missing, intends 8; 10 never moved, born here;
// 11 both missing, born abroad; 12 both missing, birthplace missing; 13 lived 0.5, intends 12
const monthsInCountry = [24, 12, 3, 3, 7, 6, 6, 11, N, N, N, N, N, 0.5];
const intendedStayMonths = [N, N, 12, 9, 9, 5, 6, N, 24, 8, N, N, N, 12];
const bornHere = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, N, 0];

describe('usualResident', () => {
  it('12-month rule (criterion (b), default): 12 months lived or 12 months intended', () => {
    const r = usualResident({ monthsInCountry, intendedStayMonths, bornHere });
    expect(Array.from(r.resident)).toEqual([1, 1, 1, 0, 0, 0, 0, 255, 1, 255, 1, 255, 255, 1]);
    expect(r.rule).toBe('12-months');
    expect(r.neverMoved).toBe(1);
    expect(r.undetermined).toEqual({
      count: 4,
      rows: [7, 9, 11, 12],
      reasons: {
        'monthsInCountry and intendedStayMonths missing, not known to be born here': 2,
        'monthsInCountry missing': 1,
        'intendedStayMonths missing': 1,
      },
    });
  });

  it('6-month variant (criterion (a)): more than 6 months lived (6 months and a day) or 6 months intended', () => {
    const r = usualResident({ monthsInCountry, intendedStayMonths, bornHere }, { rule: '6-months' });
    expect(Array.from(r.resident)).toEqual([1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 255, 255, 1]);
    expect(r.undetermined.count).toBe(2);
  });

  it('without bornHere, a person with neither duration is undetermined', () => {
    const r = usualResident({ monthsInCountry: [N, 13], intendedStayMonths: [N, N] });
    expect(Array.from(r.resident)).toEqual([255, 1]);
    expect(r.neverMoved).toBe(0);
  });

  it('rejects negative durations, bad rules, bad bornHere codes and mismatched lengths', () => {
    expect(() => usualResident({ monthsInCountry: [-1], intendedStayMonths: [N] })).toThrow(/monthsInCountry -1 at index 0/);
    expect(() => usualResident({ monthsInCountry: [1], intendedStayMonths: [1, 2] })).toThrow(/intendedStayMonths has 2 rows/);
    expect(() => usualResident({ monthsInCountry: [N], intendedStayMonths: [N], bornHere: [2] })).toThrow(/bornHere value 2 at index 0/);
    expect(() => usualResident({ monthsInCountry: [], intendedStayMonths: [] }, { rule: '3-months' as never })).toThrow(/rule "3-months"/);
  });
});
