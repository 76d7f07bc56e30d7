/**
 * Permit spells: validity, renewal episodes and person spells.
 *
 * - A permit is a spell [start, last day] with last day = end date, or the day before the cancellation date when it
 *   was cancelled earlier (a permit cancelled on day c is not valid from c on). It is valid at day d when
 *   start <= d <= last day: a permit starting on the reference date counts there, one ending on it too.
 * - A permit without an end date is open-ended (permanent); one without a start date cannot be placed in time and is
 *   left out of every statistic (counted). Refused and pending applications are not permits (counted); a record
 *   without a decision is taken as granted.
 * - End before start is an error naming the file, row and values, or, with `fixReversed`, corrected: `drop` leaves
 *   the record out, `swap` exchanges the dates. Either way the records are counted and listed (first rows).
 * - Renewals: `previous_permit_id` links a permit to the one it renews; the chains are episodes (a link to a permit
 *   not in the registers is counted, and the permit starts its own episode).
 * - Person spells: the permits of one person (by the person key) merged where they overlap or touch (the next starts
 *   at most `gap` days after the previous ends; default 1, the next day): overlapping permits count once per person.
 */
import { AdminError, type PermitRecord, daysToIso } from './registers.js';

/** What to do with a record whose end date is before its start date. */
export type FixReversed = 'error' | 'drop' | 'swap';
export const FIX_REVERSED: readonly FixReversed[] = ['error', 'drop', 'swap'];

/** Counts of what the checks found and did (for the run log and metadata). */
export interface SpellLog {
  readonly records: number;
  /** Records that are permits (granted or without a decision) with a start date: the ones used. */
  readonly permits: number;
  readonly notGranted: number;
  readonly missingStart: number;
  readonly openEnded: number;
  readonly reversed: number;
  readonly reversedDropped: number;
  readonly reversedSwapped: number;
  /** First reversed records: file, row, dates. */
  readonly reversedExamples: readonly string[];
  readonly missingPerson: number;
  readonly missingPermitId: number;
  readonly duplicatePermitIds: number;
  /** previous_permit_id values not found among the permits. */
  readonly brokenRenewalLinks: number;
}

export interface CheckedPermits {
  /** The permits used (granted, with a start date, reversed dates corrected or dropped). */
  readonly permits: readonly PermitRecord[];
  /** Every record after the reversed-date rule (applications too), for demand statistics. */
  readonly records: readonly PermitRecord[];
  readonly log: SpellLog;
}

const EXAMPLES = 5;

/** The last day a permit is valid: the end date, or the day before an earlier cancellation (Infinity when open-ended). */
export function lastValidDay(p: PermitRecord): number {
  const end = Number.isNaN(p.end) ? Infinity : p.end;
  return Number.isNaN(p.cancellation) ? end : Math.min(end, p.cancellation - 1);
}

/** Whether a permit is valid on day d (start <= d <= last valid day). */
export function isValidAt(p: PermitRecord, d: number): boolean {
  return p.start <= d && d <= lastValidDay(p);
}

const isPermit = (r: PermitRecord): boolean => r.decision === null || r.decision === 'granted';

/** Checks and prepares register records (module comment): reversed dates, missing identifiers and dates, links. */
export function checkPermits(records: readonly PermitRecord[], options: { fixReversed?: FixReversed } = {}): CheckedPermits {
  const fix = options.fixReversed ?? 'error';
  const kept: PermitRecord[] = [];
  let reversed = 0;
  let dropped = 0;
  let swapped = 0;
  const examples: string[] = [];
  for (const r of records) {
    if (!Number.isNaN(r.start) && !Number.isNaN(r.end) && r.end < r.start) {
      reversed++;
      const what = `${r.source} row ${r.row}${r.permit !== null ? ` (permit ${r.permit})` : ''}: end_date ${daysToIso(r.end)} is before start_date ${daysToIso(r.start)}`;
      if (examples.length < EXAMPLES) examples.push(what);
      if (fix === 'error') throw new AdminError(`${what}; correct the register, or give --fix-reversed drop (leave such records out) or swap (exchange the dates)`);
      if (fix === 'drop') {
        dropped++;
        continue;
      }
      swapped++;
      kept.push({ ...r, start: r.end, end: r.start });
      continue;
    }
    kept.push(r);
  }
  let notGranted = 0;
  let missingStart = 0;
  let openEnded = 0;
  let missingPerson = 0;
  let missingPermitId = 0;
  const permits: PermitRecord[] = [];
  for (const r of kept) {
    if (!isPermit(r)) {
      notGranted++;
      continue;
    }
    if (Number.isNaN(r.start)) {
      missingStart++;
      continue;
    }
    if (Number.isNaN(r.end)) openEnded++;
    if (r.person === null) missingPerson++;
    if (r.permit === null) missingPermitId++;
    permits.push(r);
  }
  const ids = new Set<string>();
  let duplicatePermitIds = 0;
  for (const p of permits) {
    if (p.permit === null) continue;
    const k = `${p.register}\u0001${p.permit}`;
    if (ids.has(k)) duplicatePermitIds++;
    ids.add(k);
  }
  const known = new Set(permits.filter((p) => p.permit !== null).map((p) => p.permit!));
  const brokenRenewalLinks = permits.filter((p) => p.previous !== null && !known.has(p.previous)).length;
  return {
    permits,
    records: kept,
    log: {
      records: records.length, permits: permits.length, notGranted, missingStart, openEnded,
      reversed, reversedDropped: dropped, reversedSwapped: swapped, reversedExamples: examples,
      missingPerson, missingPermitId, duplicatePermitIds, brokenRenewalLinks,
    },
  };
}

/** A renewal chain: the first permit and its renewals, in order of start. */
export interface Episode {
  /** The first permit's id (or `row:<register>:<row>` when it has none). */
  readonly id: string;
  readonly person: string | null;
  readonly permits: readonly PermitRecord[];
  readonly start: number;
  /** The last valid day of the chain's permits (Infinity when one is open-ended). */
  readonly end: number;
}

const recordId = (p: PermitRecord): string => p.permit ?? `row:${p.register}:${p.row}`;
const byStart = (a: PermitRecord, b: PermitRecord): number => a.start - b.start || (recordId(a) < recordId(b) ? -1 : recordId(a) > recordId(b) ? 1 : 0);

/** Renewal episodes: permits chained by previous_permit_id (ids are matched across registers), ordered by first start. */
export function renewalEpisodes(permits: readonly PermitRecord[]): Episode[] {
  const byId = new Map<string, PermitRecord>();
  for (const p of permits) if (p.permit !== null && !byId.has(p.permit)) byId.set(p.permit, p);
  const root = new Map<PermitRecord, PermitRecord>();
  const find = (p: PermitRecord): PermitRecord => {
    const seen = new Set<PermitRecord>();
    let q = p;
    while (!root.has(q)) {
      seen.add(q);
      const prev = q.previous !== null ? byId.get(q.previous) : undefined;
      if (!prev || prev === q || seen.has(prev)) break;
      q = prev;
    }
    const r = root.get(q) ?? q;
    for (const s of seen) root.set(s, r);
    return r;
  };
  const groups = new Map<PermitRecord, PermitRecord[]>();
  for (const p of permits) {
    const r = find(p);
    const g = groups.get(r);
    if (g) g.push(p);
    else groups.set(r, [p]);
  }
  const episodes: Episode[] = [];
  for (const [first, ps] of groups) {
    ps.sort(byStart);
    episodes.push({ id: recordId(first), person: first.person, permits: ps, start: ps[0]!.start, end: Math.max(...ps.map(lastValidDay)) });
  }
  return episodes.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A person's continuous stay: merged permits. */
export interface PersonSpell {
  readonly person: string;
  readonly start: number;
  /** Last valid day (Infinity when open-ended). */
  readonly end: number;
  /** The permits merged into it, in order of start. */
  readonly permits: readonly PermitRecord[];
}

/**
 * The spells of each person (permits with a person key), merged where the next permit starts at most `gap` days after
 * the last valid day so far (gap 1: overlapping or back-to-back permits merge). Persons in key order, spells by start.
 */
export function personSpells(permits: readonly PermitRecord[], gap = 1): Map<string, PersonSpell[]> {
  const byPerson = new Map<string, PermitRecord[]>();
  for (const p of permits) {
    if (p.person === null) continue;
    const g = byPerson.get(p.person);
    if (g) g.push(p);
    else byPerson.set(p.person, [p]);
  }
  const out = new Map<string, PersonSpell[]>();
  for (const person of [...byPerson.keys()].sort()) {
    const ps = byPerson.get(person)!.sort(byStart);
    const spells: PersonSpell[] = [];
    let cur: { start: number; end: number; permits: PermitRecord[] } | undefined;
    for (const p of ps) {
      const last = lastValidDay(p);
      if (cur && p.start <= cur.end + gap) {
        cur.end = Math.max(cur.end, last);
        cur.permits.push(p);
      } else {
        if (cur) spells.push({ person, ...cur });
        cur = { start: p.start, end: last, permits: [p] };
      }
    }
    if (cur) spells.push({ person, ...cur });
    out.set(person, spells);
  }
  return out;
}
