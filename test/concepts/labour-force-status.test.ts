import { describe, expect, it } from 'vitest';
import {
  LF_STATUS, labourForceStatus, potentialLabourForce, timeRelatedUnderemployment, type LabourForceItems,
} from '../../src/concepts/labour-force-status.js';

const N = NaN;
const { notWorkingAge: A0, employed: E, unemployed: U, outside: O, undetermined: X } = LF_STATUS;

/** Builds items from rows [age, worked, absence, ownUse, search, available, future]. */
function items(rows: number[][]): Required<LabourForceItems> {
  const col = (k: number) => Float64Array.from(rows, (r) => r[k]!);
  return {
    age: col(0), worked: col(1), temporaryAbsence: col(2), ownUseProductionOnly: col(3),
    jobSearch: col(4), available: col(5), futureStarter: col(6),
  };
}

describe('labourForceStatus', () => {
  //           age worked absent ownUse search avail future
  const rows = [
    [30, 1, N, N, N, N, N], // 0 employed: worked (nothing else asked)
    [30, 0, 1, N, N, N, N], // 1 employed: temporarily absent
    [30, 0, 0, 1, 0, 0, 0], // 2 own-use production only: outside (ICLS19), employed (ICLS13)
    [30, 0, 0, 0, 1, 1, 0], // 3 unemployed: searched and available
    [30, 0, 0, 0, 0, 1, 1], // 4 unemployed: future starter, available
    [30, 0, 0, 0, 1, 0, 0], // 5 outside: searched, not available
    [30, 0, 0, 0, 0, 0, 0], // 6 outside: nothing
    [14, N, N, N, N, N, N], // 7 under working age
    [15, 1, N, N, N, N, N], // 8 working age starts at 15
    [N, 1, N, N, N, N, N], // 9 undetermined: age missing
    [40, N, N, N, N, N, N], // 10 undetermined: worked missing
    [40, 0, N, N, N, N, N], // 11 undetermined: temporaryAbsence missing
    [40, 0, 0, 0, N, 1, 0], // 12 undetermined: jobSearch missing (available)
    [40, 0, 0, 0, 1, N, 0], // 13 undetermined: available missing (searched)
    [40, 0, 0, 0, N, 0, N], // 14 outside: not available, search not needed
    [40, 0, 0, 0, 0, N, 0], // 15 outside: neither searched nor future starter, availability not needed
    [40, N, 1, N, N, N, N], // 16 employed: absent, worked not needed
    [40, 0, 0, 0, 0, 1, N], // 17 undetermined: futureStarter missing
  ];

  it('classifies every branch under the 19th ICLS (default), with undetermined rows counted by reason', () => {
    const r = labourForceStatus(items(rows));
    expect(Array.from(r.status)).toEqual([E, E, O, U, U, O, O, A0, E, X, X, X, X, X, O, O, E, X]);
    expect(r.undetermined).toEqual({
      count: 6,
      rows: [9, 10, 11, 12, 13, 17],
      reasons: {
        'age missing': 1, 'worked missing': 1, 'temporaryAbsence missing': 1,
        'jobSearch missing': 1, 'futureStarter missing': 1, 'available missing': 1,
      },
    });
    expect(r.standard).toBe('ICLS19');
    expect(r.workingAgeMin).toBe(15);
  });

  it('counts own-use production only as employment under the 13th ICLS', () => {
    const r = labourForceStatus(items(rows), { standard: 'ICLS13' });
    expect(Array.from(r.status)).toEqual([E, E, E, U, U, O, O, A0, E, X, X, X, X, X, O, O, E, X]);
    expect(r.standard).toBe('ICLS13');
  });

  it('under ICLS13 a missing own-use item decides, under ICLS19 it is ignored', () => {
    const it13 = items([[30, 0, 0, N, 0, 0, 0], [30, 0, 0, N, 1, 1, 0]]);
    const r13 = labourForceStatus(it13, { standard: 'ICLS13' });
    expect(Array.from(r13.status)).toEqual([X, X]);
    expect(r13.undetermined.reasons).toEqual({ 'ownUseProductionOnly missing': 2 });
    expect(Array.from(labourForceStatus(it13).status)).toEqual([O, U]);
  });

  it('requires the own-use item under ICLS13', () => {
    const rest: LabourForceItems = { ...items([[30, 0, 0, 1, 0, 0, 0]]), ownUseProductionOnly: undefined };
    expect(() => labourForceStatus(rest, { standard: 'ICLS13' })).toThrow(/ICLS13 standard needs items.ownUseProductionOnly/);
    expect(Array.from(labourForceStatus(rest).status)).toEqual([O]);
  });

  it('treats an absent future-starter item as no', () => {
    const rest: LabourForceItems = { ...items([[30, 0, 0, 0, 0, 1, N], [30, 0, 0, 0, 1, 1, N]]), futureStarter: undefined };
    expect(Array.from(labourForceStatus(rest).status)).toEqual([O, U]);
  });

  it('applies a national working-age limit', () => {
    const r = labourForceStatus(items([[14, 1, N, N, N, N, N], [13, 1, N, N, N, N, N], [16, 0, 0, 0, 0, 0, 0]]), { workingAgeMin: 14 });
    expect(Array.from(r.status)).toEqual([E, A0, O]);
    expect(r.undetermined).toEqual({ count: 0, rows: [], reasons: {} });
  });

  it('lists only the first 20 undetermined rows but counts them all', () => {
    const r = labourForceStatus(items(Array.from({ length: 25 }, () => [30, N, N, N, N, N, N])));
    expect(r.undetermined.count).toBe(25);
    expect(r.undetermined.rows).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(r.undetermined.reasons).toEqual({ 'worked missing': 25 });
  });

  it('rejects codes other than 1, 0, NaN, items of the wrong length and bad options', () => {
    expect(() => labourForceStatus(items([[30, 2, N, N, N, N, N]]))).toThrow(/worked: value 2 at index 0/);
    expect(() => labourForceStatus({ ...items([[30, 1, N, N, N, N, N]]), jobSearch: [0, 0] })).toThrow(/jobSearch has 2 rows, age has 1/);
    expect(() => labourForceStatus(items([]), { workingAgeMin: NaN })).toThrow(/workingAgeMin/);
    expect(() => labourForceStatus(items([]), { standard: 'ICLS20' as 'ICLS19' })).toThrow(/standard "ICLS20"/);
  });

  it('accepts plain number arrays', () => {
    const r = labourForceStatus({ age: [20, 20], worked: [0, 1], temporaryAbsence: [0, N], jobSearch: [1, N], available: [1, N] });
    expect(Array.from(r.status)).toEqual([U, E]);
  });
});

describe('potentialLabourForce', () => {
  it('finds unavailable jobseekers and available potential jobseekers among persons outside the labour force', () => {
    //               0  1  2  3  4  5  6  7  8  9
    const status = Uint8Array.of(O, O, O, O, E, U, A0, X, O, O);
    const jobSearch = [1, 0, 0, 0, N, 1, N, N, N, 0];
    const available = [0, 1, 1, 0, N, 1, N, N, 0, 1];
    const wantsToWork = [N, 1, 0, 1, N, N, N, N, N, N];
    // 0 unavailable jobseeker; 1 available potential jobseeker; 2 does not want work; 3 neither searched nor available;
    // 4-6 not outside; 7 undetermined status; 8 search missing, not available: undetermined; 9 wants-to-work missing
    const plf = potentialLabourForce({ jobSearch, available, wantsToWork }, status);
    expect(Array.from(plf)).toEqual([1, 1, 0, 0, 0, 0, 0, 255, 255, 255]);
  });

  it('without a wants-to-work item, available non-searchers are undetermined and the rest decided', () => {
    const plf = potentialLabourForce({ jobSearch: [1, 0, 0], available: [0, 1, 0] }, Uint8Array.of(O, O, O));
    expect(Array.from(plf)).toEqual([1, 255, 0]);
  });

  it('takes the items object of labourForceStatus', () => {
    const it = items([[30, 0, 0, 0, 1, 0, 0], [30, 0, 0, 0, 1, 1, 0]]);
    const { status } = labourForceStatus(it);
    expect(Array.from(potentialLabourForce(it, status))).toEqual([1, 0]);
  });

  it('rejects unknown status codes and length mismatches', () => {
    expect(() => potentialLabourForce({ jobSearch: [0], available: [0] }, Uint8Array.of(7))).toThrow(/code 7 at index 0/);
    expect(() => potentialLabourForce({ jobSearch: [0, 0], available: [0] }, Uint8Array.of(O))).toThrow(/jobSearch has 2 rows/);
  });
});

describe('timeRelatedUnderemployment', () => {
  it('counts employed persons wanting and available for more hours strictly below the threshold', () => {
    //                            0   1   2   3   4   5  6  7  8   9
    const status = Uint8Array.of(E, E, E, E, E, E, U, X, E, E);
    const wantsMoreHours = [1, 1, 1, 0, 1, 1, 1, 1, N, 0];
    const availableMoreHours = [1, 1, 1, 1, 0, 1, 1, 1, 1, N];
    const hours = [34, 35, 35.5, 10, 10, N, 0, 10, 10, N];
    // 0 below 35; 1 at 35 (not below); 2 above; 3 does not want; 4 not available; 5 hours missing;
    // 6 not employed; 7 undetermined status; 8 wants missing; 9 does not want, so the NaNs do not matter
    const tru = timeRelatedUnderemployment({ status, wantsMoreHours, availableMoreHours, hours }, 35);
    expect(Array.from(tru)).toEqual([1, 0, 0, 0, 0, 255, 0, 255, 255, 0]);
  });

  it('requires a positive threshold', () => {
    const input = { status: Uint8Array.of(E), wantsMoreHours: [1], availableMoreHours: [1], hours: [10] };
    expect(() => timeRelatedUnderemployment(input, NaN)).toThrow(/threshold/);
    expect(() => timeRelatedUnderemployment(input, undefined as unknown as number)).toThrow(/threshold/);
    expect(() => timeRelatedUnderemployment(input, 0)).toThrow(/threshold/);
    expect(() => timeRelatedUnderemployment({ ...input, hours: [] }, 35)).toThrow(/hours has 0 rows/);
  });
});
