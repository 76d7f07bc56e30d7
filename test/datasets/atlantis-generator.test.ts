/** The Atlantis generator: what the population holds, answers consistent with the latent status, and the sample design. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PERSONS, DEFAULT_SEED, generateWorld } from '../../datasets/atlantis/build.js';
import { CROSS_BORDER, LFS_DESIGN, QUARTERS, REFERENCE_YEAR, SEASONAL } from '../../datasets/atlantis/country.js';
import { derive, yesNo } from '../../datasets/atlantis/headline.js';
import { nonResidentWorkers, nonResidentTruth } from '../../datasets/atlantis/non-residents.js';
import { selectAreas, selectRound } from '../../datasets/atlantis/sample.js';
import { populationSource } from '../../datasets/atlantis/tables.js';
import { labourForceStatus } from '../../src/concepts/labour-force-status.js';

const { pop, quarters } = generateWorld(DEFAULT_PERSONS, DEFAULT_SEED);
const P = pop.persons;

describe('Atlantis population', () => {
  it('has about the persons asked for, in households within enumeration areas', () => {
    expect(Math.abs(P.count - DEFAULT_PERSONS) / DEFAULT_PERSONS).toBeLessThan(0.01);
    let members = 0;
    for (let h = 0; h < pop.households.count; h++) members += pop.households.size[h]!;
    expect(members).toBe(P.count);
    for (let e = 0; e < pop.areas.count; e++) expect(pop.areas.mos[e]).toBeGreaterThan(0);
  });

  it('holds usual residents only (12-month rule), recent arrivals who intend to stay among them', () => {
    let recent = 0;
    for (let i = 0; i < P.count; i++) {
      if (P.monthsInCountry[i]! < 0) continue;
      expect(P.monthsInCountry[i]! >= 12 || P.intendedStay[i]! >= 12).toBe(true);
      if (P.monthsInCountry[i]! < 12) recent++;
    }
    expect(recent).toBeGreaterThan(1000);
  });

  it('has naturalised foreign-born persons and native-born foreign citizens, so the two migrant criteria differ', () => {
    let naturalised = 0;
    let nativeForeign = 0;
    for (let i = 0; i < P.count; i++) {
      if (P.birth[i] !== 0 && P.citizenship[i] === 0) naturalised++;
      if (P.birth[i] === 0 && P.citizenship[i] !== 0) nativeForeign++;
    }
    expect(naturalised).toBeGreaterThan(1000);
    expect(nativeForeign).toBeGreaterThan(1000);
  });

  it('gives return migrants a plausible stay abroad, ended before the reference year', () => {
    for (let i = 0; i < P.count; i++) {
      if (P.workedAbroad[i] !== 1) continue;
      expect(P.yearsAbroad[i]! >= 1 && P.yearsAbroad[i]! <= P.age[i]! - 20).toBe(true);
      expect(P.yearOfReturn[i]! <= REFERENCE_YEAR && P.yearOfReturn[i]! > 1900).toBe(true);
    }
  });

  for (const [k, quarter] of QUARTERS.entries()) {
    it(`${quarter}: the questionnaire answers give back the latent labour force status by the 19th ICLS rules`, () => {
      const q = quarters[k]!;
      const status = labourForceStatus({
        age: P.age, worked: yesNo(q.worked), temporaryAbsence: yesNo(q.temporaryAbsence), ownUseProductionOnly: yesNo(q.ownUseOnly),
        jobSearch: yesNo(q.jobSearch), available: yesNo(q.available), futureStarter: yesNo(q.futureStarter),
      });
      expect(status.undetermined.count).toBe(0);
      let differ = 0;
      for (let i = 0; i < P.count; i++) if (status.status[i] !== q.latent[i]) differ++;
      expect(differ).toBe(0);
      const d = derive(populationSource(pop, q));
      let ownUse = 0;
      for (let i = 0; i < P.count; i++) if (q.ownUseOnly[i] === 1 && d.outside![i] === 1) ownUse++;
      expect(ownUse, 'own-use producers outside the labour force (employed under the 13th ICLS only)').toBeGreaterThan(1000);
    });
  }

  it('keeps most persons in the same status from one quarter to the next, with gross flows', () => {
    let same = 0;
    let working = 0;
    for (let i = 0; i < P.count; i++) {
      if (P.age[i]! < 15) continue;
      working++;
      if (quarters[0]!.latent[i] === quarters[1]!.latent[i]) same++;
    }
    expect(same / working).toBeGreaterThan(0.8);
    expect(same / working).toBeLessThan(0.98);
  });
});

describe('non-resident foreign workers', () => {
  it('are a separate frame: commuters in both quarters, seasonal workers mostly in the second', () => {
    const lf = { '2024Q1': 500_000, '2024Q2': 520_000 } as const;
    const nr = nonResidentWorkers(lf, DEFAULT_SEED);
    const [t1, t2] = QUARTERS.map((q) => nonResidentTruth(nr, q));
    expect(t1!.cross_border).toBe(Math.round(CROSS_BORDER.perLabourForce * lf['2024Q1']));
    expect(t2!.cross_border).toBe(t1!.cross_border);
    expect(t1!.seasonal).toBe(Math.round(SEASONAL.perLabourForce['2024Q1'] * lf['2024Q1']));
    expect(t2!.seasonal).toBe(Math.round(SEASONAL.perLabourForce['2024Q2'] * lf['2024Q2']));
    expect((t1!.employed as number) + (t1!.seeking_work as number)).toBe(t1!.total);
  });
});

describe('LFS sample', () => {
  const areas = selectAreas(pop, DEFAULT_SEED);
  const [r1, r2] = QUARTERS.map((q) => selectRound(pop, areas, q, DEFAULT_SEED));

  it(`selects ${LFS_DESIGN.areas} areas and ${LFS_DESIGN.householdsPerArea} households in each, half of them again in the next quarter`, () => {
    expect(areas.areas.length).toBe(LFS_DESIGN.areas);
    expect(r1!.household.length).toBe(LFS_DESIGN.areas * LFS_DESIGN.householdsPerArea);
    const first = new Set(r1!.household);
    const again = r2!.household.filter((h) => first.has(h));
    expect(again.length).toBe(r1!.household.length / 2);
    r2!.household.forEach((h, k) => expect(first.has(h)).toBe(r2!.rotation[k] === 2));
  });

  it('has unbiased base weights: over 300 samples the mean weighted household count is the frame count (|z| < 3.5)', () => {
    const R = 300;
    const sums = Array.from({ length: R }, (_, r) => {
      const round = selectRound(pop, selectAreas(pop, 5000 + r), QUARTERS[0], 5000 + r);
      return round.baseWeight.reduce((a, b) => a + b, 0);
    });
    const mean = sums.reduce((a, b) => a + b, 0) / R;
    const sd = Math.sqrt(sums.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1));
    expect(Math.abs(mean - pop.households.count) / (sd / Math.sqrt(R))).toBeLessThan(3.5);
  });
});
