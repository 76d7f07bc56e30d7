/** Spells: validity (start, end, cancellation), renewals on the reference date, overlaps, reversed dates, missing identifiers, episodes. */
import { describe, expect, it } from 'vitest';
import { AdminError } from '../../src/admin/registers.js';
import { checkPermits, isValidAt, lastValidDay, personSpells, renewalEpisodes } from '../../src/admin/spells.js';
import { stockTables, validAt } from '../../src/admin/stocks.js';
import { day, rec } from './records.js';

describe('validity', () => {
  it('a permit is valid from its start to its end date, both included, and not from its cancellation date on', () => {
    const p = rec({ permit: 'A', person: 'p1', start: '2023-01-01', end: '2023-12-31' });
    expect(isValidAt(p, day('2022-12-31'))).toBe(false);
    expect(isValidAt(p, day('2023-01-01'))).toBe(true);
    expect(isValidAt(p, day('2023-12-31'))).toBe(true);
    expect(isValidAt(p, day('2024-01-01'))).toBe(false);
    const c = rec({ permit: 'C', person: 'p1', start: '2023-01-01', end: '2024-12-31', cancellation: '2023-06-01' });
    expect(isValidAt(c, day('2023-05-31'))).toBe(true);
    expect(isValidAt(c, day('2023-06-01'))).toBe(false);
    expect(lastValidDay(c)).toBe(day('2023-05-31'));
    // a cancellation after the end date changes nothing; no end date: open-ended
    expect(lastValidDay(rec({ start: '2023-01-01', end: '2023-03-31', cancellation: '2023-05-01' }))).toBe(day('2023-03-31'));
    expect(lastValidDay(rec({ start: '2023-01-01' }))).toBe(Infinity);
  });

  it('a renewal starting on the reference date counts there: two valid permits, one person', () => {
    const permits = [
      rec({ permit: 'A', person: 'p1', start: '2021-01-01', end: '2023-12-31', sex: 'F' }),
      rec({ permit: 'B', person: 'p1', previous: 'A', start: '2023-12-31', end: '2025-12-30', sex: 'F' }),
    ];
    const s = stockTables(permits, day('2023-12-31'));
    expect([s.permits, s.persons, s.renewalsStartingOnDate]).toEqual([2, 1, 1]);
    const next = stockTables(permits, day('2024-01-01'));
    expect([next.permits, next.persons, next.renewalsStartingOnDate]).toEqual([1, 1, 0]);
    // the person is counted with the permit that started last (the renewal)
    expect(validAt(permits, day('2023-12-31')).persons.map((p) => p.permit)).toEqual(['B']);
  });

  it('overlapping spells of one person merge: one person, each permit counted in the permit stock', () => {
    const permits = [
      rec({ permit: 'A', person: 'p1', start: '2023-01-01', end: '2023-09-30' }),
      rec({ permit: 'B', person: 'p1', start: '2023-06-01', end: '2024-05-31' }),
      rec({ permit: 'C', person: 'p1', start: '2024-06-01', end: '2024-12-31' }), // back to back: merges
      rec({ permit: 'D', person: 'p1', start: '2025-03-01', end: '2025-12-31' }), // a gap: a new spell
      rec({ permit: 'E', person: 'p2', start: '2023-03-01', end: '2023-03-31' }),
    ];
    const spells = personSpells(permits);
    expect(spells.get('p1')!.map((s) => [s.start, s.end, s.permits.map((p) => p.permit).join('')])).toEqual([
      [day('2023-01-01'), day('2024-12-31'), 'ABC'],
      [day('2025-03-01'), day('2025-12-31'), 'D'],
    ]);
    const s = stockTables(permits, day('2023-07-01'));
    expect([s.permits, s.persons]).toEqual([2, 1]);
    expect(stockTables(permits, day('2023-03-15')).persons).toBe(2);
  });
});

describe('checkPermits', () => {
  const reversed = () => [
    rec({ permit: 'A', person: 'p1', start: '2023-01-01', end: '2023-12-31', source: 'wp.csv', row: 1 }),
    rec({ permit: 'B', person: 'p2', start: '2023-05-01', end: '2023-02-01', source: 'wp.csv', row: 2 }),
  ];

  it('end before start is an error naming the file, row, permit and dates', () => {
    expect(() => checkPermits(reversed())).toThrow(AdminError);
    expect(() => checkPermits(reversed())).toThrow('wp.csv row 2 (permit B): end_date 2023-02-01 is before start_date 2023-05-01; correct the register, or give --fix-reversed drop');
  });

  it('or is corrected: drop leaves the record out, swap exchanges the dates; both counted', () => {
    const dropped = checkPermits(reversed(), { fixReversed: 'drop' });
    expect(dropped.permits.map((p) => p.permit)).toEqual(['A']);
    expect([dropped.log.reversed, dropped.log.reversedDropped, dropped.log.reversedSwapped]).toEqual([1, 1, 0]);
    expect(dropped.log.reversedExamples[0]).toContain('wp.csv row 2');
    const swapped = checkPermits(reversed(), { fixReversed: 'swap' });
    const b = swapped.permits.find((p) => p.permit === 'B')!;
    expect([b.start, b.end]).toEqual([day('2023-02-01'), day('2023-05-01')]);
    expect([swapped.log.reversed, swapped.log.reversedSwapped]).toEqual([1, 1]);
  });

  it('counts missing identifiers, missing start dates, applications and broken renewal links', () => {
    const c = checkPermits([
      rec({ permit: 'A', person: null, start: '2023-01-01', end: '2023-12-31' }),
      rec({ permit: null, person: 'p2', start: '2023-01-01', end: '2023-12-31' }),
      rec({ permit: 'C', person: 'p3', end: '2023-12-31' }),
      rec({ permit: 'D', person: 'p4', decision: 'refused' }),
      rec({ permit: 'E', person: 'p5', decision: 'pending' }),
      rec({ permit: 'F', person: 'p6', previous: 'ZZZ', start: '2023-01-01', end: '2023-12-31' }),
      rec({ permit: 'F', person: 'p6', start: '2024-01-01' }),
    ]);
    expect(c.log).toMatchObject({ records: 7, permits: 4, notGranted: 2, missingStart: 1, missingPerson: 1, missingPermitId: 1, brokenRenewalLinks: 1, duplicatePermitIds: 1, openEnded: 1 });
    // a permit without a person key is in the permit stock, not in the person stock
    const s = stockTables(c.permits, day('2023-06-30'));
    expect([s.permits, s.persons, s.permitsWithoutPerson]).toEqual([3, 2, 1]);
  });
});

describe('renewalEpisodes', () => {
  it('chains renewals by previous_permit_id, in order of start; a link to an unknown permit starts its own episode', () => {
    const permits = [
      rec({ permit: 'C', person: 'p1', previous: 'B', start: '2025-01-01', end: '2025-12-31' }),
      rec({ permit: 'A', person: 'p1', start: '2023-01-01', end: '2023-12-31' }),
      rec({ permit: 'B', person: 'p1', previous: 'A', start: '2024-01-01', end: '2024-12-31' }),
      rec({ permit: 'X', person: 'p2', previous: 'nowhere', start: '2023-06-01', end: '2024-05-31' }),
    ];
    const e = renewalEpisodes(permits);
    expect(e.map((x) => [x.id, x.person, x.permits.map((p) => p.permit).join(''), x.start, x.end])).toEqual([
      ['A', 'p1', 'ABC', day('2023-01-01'), day('2025-12-31')],
      ['X', 'p2', 'X', day('2023-06-01'), day('2024-05-31')],
    ]);
  });
});
