/** Hand-built SDG 10.7.1 tables for the tests: workers and cost items as applyProfile returns them (standard variables). */
import { type Table, tableFromArrays } from '../../src/io/table.js';

/** Days since 1970-01-01 of an ISO date. */
export const day = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

export interface Worker {
  id: string;
  w?: number;
  sex?: string | null;
  origin?: string | null;
  dest?: string | null;
  status?: string | null;
  changed?: string | null;
  reason?: string | null;
  start?: string | null;
  earn?: number | null;
  cur?: string | null;
  basis?: string | null;
  occ?: string | null;
  edu?: string | null;
  channel?: string | null;
  stratum?: string;
  psu?: string;
}

export interface Cost {
  id: string;
  amount: number | null;
  cur?: string;
  date?: string | null;
  by?: string | null;
  type?: string | null;
  deducted?: string | null;
}

const orNull = <T>(v: T | undefined, d: T | null): T | null => (v === undefined ? d : v);

/** The workers table (with a `weight`, `stratum` and `psu` design column). */
export function workersTable(ws: readonly Worker[]): Table {
  return tableFromArrays({
    household_id: ws.map((w) => `h${w.id}`),
    person_id: ws.map(() => '1'),
    sex: ws.map((w) => orNull(w.sex, 'M')),
    origin_country: ws.map((w) => orNull(w.origin, 'BGD')),
    destination_country: ws.map((w) => orNull(w.dest, 'SAU')),
    job_status_abroad: ws.map((w) => orNull(w.status, 'employee')),
    changed_usual_residence: ws.map((w) => orNull(w.changed, 'yes')),
    reason_for_migration: ws.map((w) => orNull(w.reason, 'work-job-found')),
    job_start_date: Float64Array.from(ws, (w) => { const s = orNull(w.start, '2023-03-15'); return s === null ? NaN : day(s); }),
    first_month_earnings: Float64Array.from(ws, (w) => { const e = orNull(w.earn, 300); return e === null ? NaN : e; }),
    first_month_earnings_currency: ws.map((w) => orNull(w.cur, 'USD')),
    first_month_earnings_basis: ws.map((w) => orNull(w.basis, 'gross')),
    occupation_isco08: ws.map((w) => orNull(w.occ, '9')),
    education_isced11: ws.map((w) => orNull(w.edu, '2')),
    recruitment_channel: ws.map((w) => orNull(w.channel, 'private-agency')),
    weight: Float64Array.from(ws, (w) => w.w ?? 1),
    stratum: ws.map((w) => w.stratum ?? 's1'),
    psu: ws.map((w, i) => w.psu ?? `p${i}`),
  }, 'workers.csv');
}

/** The cost-item table keyed by household_id/person_id. */
export function costsTable(cs: readonly Cost[]): Table {
  return tableFromArrays({
    household_id: cs.map((c) => `h${c.id}`),
    person_id: cs.map(() => '1'),
    cost_type: cs.map((c) => orNull(c.type, 'recruitment-fee')),
    cost_amount: Float64Array.from(cs, (c) => (c.amount === null ? NaN : c.amount)),
    cost_currency: cs.map((c) => c.cur ?? 'USD'),
    cost_date: Float64Array.from(cs, (c) => { const d = orNull(c.date, '2023-02-10'); return d === null ? NaN : day(d); }),
    cost_paid_by: cs.map((c) => orNull(c.by, 'worker')),
    cost_deducted: cs.map((c) => orNull(c.deducted, 'no')),
  }, 'costs.csv');
}

/** The worked test vector of spec sdg1071.md §10 (five workers). */
export const SPEC_WORKERS: Worker[] = [
  { id: '1', w: 100, sex: 'M', dest: 'SAU', earn: 300 },
  { id: '2', w: 50, sex: 'F', dest: 'SAU', earn: 250 },
  { id: '3', w: 150, sex: 'M', dest: 'MYS', earn: 400 },
  { id: '4', w: 100, sex: 'F', dest: 'ARE', earn: 250 },
  { id: '5', w: 80, sex: 'M', dest: 'QAT', earn: 0 },
];
export const SPEC_COSTS: Cost[] = [
  { id: '1', amount: 3000 },
  { id: '3', amount: 2000 },
  { id: '4', amount: 500 },
  { id: '5', amount: 1000 },
];
