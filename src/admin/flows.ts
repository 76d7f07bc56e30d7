/**
 * Register flows over a period [from, to] (both days included), and permit durations.
 *
 * - Inflows: persons whose first permit ever (earliest start among all their permits in the registers) starts in the
 *   period; counted once, with the characteristics of that permit (age at its start). ILOSTAT codes where the pinned
 *   list has them: by nationality `MFL_NCIT_SEX_CCT_NB`, by occupation `MFL_NEMP_SEX_OCU_NB`, by economic activity
 *   `MFL_NEMP_SEX_ECO_NB` (ILOSTAT's inflows of foreign citizens; a work permit register measures the employed ones);
 *   otherwise `MGS_MFL_SEX[_<DIM>]_NB`. `ilostatCodes: false` uses the migstat codes throughout.
 * - Renewals `MGS_RNW_SEX[_<DIM>]_NB`: permits that renew another (previous_permit_id set) starting in the period.
 * - Permits starting in the period `MGS_PRG_SEX[_<DIM>]_NB` (first permits and renewals).
 * - Outflows `MGS_OFL_SEX[_<DIM>]_NB`: persons with an outflow event in the period. An outflow event is a permit
 *   whose last valid day (its end date, or the day before its cancellation) falls in the period and that was
 *   cancelled, or that no other permit of the same person follows: starting after its start and at most the grace
 *   period (default 30 days) after its last valid day (expiry without renewal). A person is counted once, with the
 *   characteristics of the event's permit that ends last (age on that day). The events by reason are in `counts`
 *   only: tables of both parts beside the total would let a suppressed cell of one be recomputed from the other.
 * - Cancellations `MGS_CNL_SEX[_<DIM>]_NB`: permits cancelled (cancellation date not after the end date) whose last
 *   valid day falls in the period.
 * - Durations of the permits starting in the period, in days (start to last valid day, both included):
 *   `MGS_PRD_SEX[_<DIM>]_MEAN` and `MGS_PRD_SEX[_<DIM>]_MEDIAN` (the middle value, or the mean of the two middle
 *   values). Open-ended permits have no duration and are left out (counted).
 * Persons are identified by the person key; permits without one are left out of the person flows (counted).
 */
import type { IndicatorTable } from '../indicators/cell.js';
import { AdminError, type PermitRecord } from './registers.js';
import { lastValidDay } from './spells.js';
import { type AdminDimension, DIMENSION_TOKENS, byLabel, tabulate } from './stocks.js';

export interface FlowOptions {
  readonly by?: readonly AdminDimension[];
  /** Days after a permit's last valid day within which a new permit continues the stay (default 30). */
  readonly graceDays?: number;
  /** Inflows under ILOSTAT's MFL codes where they exist (default true). */
  readonly ilostatCodes?: boolean;
}

export interface FlowCounts {
  readonly inflows: number;
  readonly renewals: number;
  readonly started: number;
  /** Persons with an outflow event. */
  readonly outflows: number;
  /** Outflow events (permits): expired without renewal plus cancelled. */
  readonly outflowPermits: number;
  readonly expiredWithoutRenewal: number;
  readonly cancellations: number;
  readonly meanDurationDays: number;
  readonly medianDurationDays: number;
  /** Permits starting in the period without an end date (no duration). */
  readonly openEnded: number;
  /** Permits without a person key (left out of the person flows). */
  readonly withoutPerson: number;
}

export interface FlowResult {
  readonly tables: IndicatorTable[];
  readonly counts: FlowCounts;
}

const recordKey = (p: PermitRecord): string => `${p.permit ?? ''}\u0001${p.register}\u0001${String(p.row).padStart(12, '0')}`;
/** Cancelled: the cancellation ends the permit before (or on) its end date. */
const isCancelled = (p: PermitRecord): boolean => !Number.isNaN(p.cancellation) && (Number.isNaN(p.end) || p.cancellation <= p.end);
const firstOf = (a: PermitRecord, b: PermitRecord): boolean => a.start < b.start || (a.start === b.start && recordKey(a) < recordKey(b));

/** The inflow indicator code of a dimension. */
export function inflowCode(dim: AdminDimension | null, ilostat = true): string {
  if (ilostat && dim === 'nationality') return 'MFL_NCIT_SEX_CCT_NB';
  if (ilostat && dim === 'occupation') return 'MFL_NEMP_SEX_OCU_NB';
  if (ilostat && dim === 'sector') return 'MFL_NEMP_SEX_ECO_NB';
  return `MGS_MFL_SEX${dim === null ? '' : `_${DIMENSION_TOKENS[dim]}`}_NB`;
}

/** Permit duration in days: start to last valid day, both included (Infinity when open-ended). */
export function durationDays(p: PermitRecord): number {
  return lastValidDay(p) - p.start + 1;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/** Flows and durations over [from, to] (module comment). Not suppressed: apply adminSuppression for publication. */
export function flowTables(permits: readonly PermitRecord[], from: number, to: number, options: FlowOptions = {}): FlowResult {
  if (!(from <= to)) throw new AdminError('the period is empty: --from is after --to');
  const grace = options.graceDays ?? 30;
  if (!Number.isInteger(grace) || grace < 0) throw new AdminError(`grace period ${grace}: expected a whole number of days >= 0`);
  const dims = options.by ?? [];
  const inPeriod = (d: number): boolean => d >= from && d <= to;
  const tok = (dim: AdminDimension | null): string => (dim === null ? '' : `_${DIMENSION_TOKENS[dim]}`);
  const atStart = (r: PermitRecord): number => r.start;

  // inflows: first permit of each person
  const first = new Map<string, PermitRecord>();
  for (const p of permits) {
    if (p.person === null) continue;
    const f = first.get(p.person);
    if (!f || firstOf(p, f)) first.set(p.person, p);
  }
  const inflows = [...first.keys()].sort().map((k) => first.get(k)!).filter((p) => inPeriod(p.start));
  const started = permits.filter((p) => inPeriod(p.start));
  const renewals = started.filter((p) => p.previous !== null);

  // outflows: permits whose last valid day falls in the period, cancelled or not followed within the grace period
  const byPerson = new Map<string, PermitRecord[]>();
  for (const p of permits) {
    if (p.person === null) continue;
    const g = byPerson.get(p.person);
    if (g) g.push(p);
    else byPerson.set(p.person, [p]);
  }
  const events: { record: PermitRecord; reason: 'expiry' | 'cancellation' }[] = [];
  for (const person of [...byPerson.keys()].sort()) {
    const ps = byPerson.get(person)!;
    for (const p of ps) {
      const last = lastValidDay(p);
      if (!Number.isFinite(last) || !inPeriod(last)) continue;
      if (isCancelled(p)) events.push({ record: p, reason: 'cancellation' });
      else if (!ps.some((q) => q !== p && q.start > p.start && q.start <= last + grace)) events.push({ record: p, reason: 'expiry' });
    }
  }
  const leaver = new Map<string, PermitRecord>();
  for (const e of events) {
    const b = leaver.get(e.record.person!);
    if (!b || lastValidDay(e.record) > lastValidDay(b) || (lastValidDay(e.record) === lastValidDay(b) && recordKey(e.record) > recordKey(b))) leaver.set(e.record.person!, e.record);
  }
  const outflows = [...leaver.keys()].sort().map((k) => leaver.get(k)!);
  const cancellations = events.filter((e) => e.reason === 'cancellation').map((e) => e.record);
  const atOut = (r: PermitRecord): number => lastValidDay(r);

  const durations = started.filter((p) => Number.isFinite(durationDays(p)));
  const ilostat = options.ilostatCodes ?? true;
  const count = (code: (d: AdminDimension | null) => string, label: string, measure: string) => ({ code, label: (d: AdminDimension | null) => `${label} ${byLabel(d)}`, statistic: 'count' as const, measure });
  const tables = [
    ...tabulate(inflows.map((record) => ({ record })), dims, count((d) => inflowCode(d, ilostat), 'Inflows: persons with a first permit in the period', 'INFLOW'), atStart),
    ...tabulate(started.map((record) => ({ record })), dims, count((d) => `MGS_PRG_SEX${tok(d)}_NB`, 'Permits starting in the period (first permits and renewals)', 'PERMITS_STARTED'), atStart),
    ...tabulate(renewals.map((record) => ({ record })), dims, count((d) => `MGS_RNW_SEX${tok(d)}_NB`, 'Renewals: permits renewing another, starting in the period', 'RENEWALS'), atStart),
    ...tabulate(outflows.map((record) => ({ record })), dims, count((d) => `MGS_OFL_SEX${tok(d)}_NB`, `Outflows: persons with a permit ending in the period, cancelled or not renewed within ${grace} days`, 'OUTFLOW'), atOut),
    ...tabulate(cancellations.map((record) => ({ record })), dims, count((d) => `MGS_CNL_SEX${tok(d)}_NB`, 'Permits cancelled in the period', 'CANCELLATIONS'), atOut),
    ...tabulate(durations.map((record) => ({ record, value: durationDays(record) })), dims, { code: (d) => `MGS_PRD_SEX${tok(d)}_MEAN`, label: (d) => `Mean duration (days) of permits starting in the period ${byLabel(d)}`, statistic: 'mean', measure: 'PERMITS_STARTED' }, atStart),
    ...tabulate(durations.map((record) => ({ record, value: durationDays(record) })), dims, { code: (d) => `MGS_PRD_SEX${tok(d)}_MEDIAN`, label: (d) => `Median duration (days) of permits starting in the period ${byLabel(d)}`, statistic: 'median', measure: 'PERMITS_STARTED' }, atStart),
  ];
  const ds = durations.map(durationDays);
  return {
    tables,
    counts: {
      inflows: inflows.length, renewals: renewals.length, started: started.length, outflows: outflows.length, outflowPermits: events.length,
      expiredWithoutRenewal: events.length - cancellations.length, cancellations: cancellations.length, meanDurationDays: ds.length ? ds.reduce((a, b) => a + b, 0) / ds.length : NaN, medianDurationDays: median(ds),
      openEnded: started.length - durations.length, withoutPerson: permits.filter((p) => p.person === null).length,
    },
  };
}
