/** Hand-built register records for the unit tests: dates as ISO text, everything else defaulted. */
import { type PermitRecord, isoToDays } from '../../src/admin/registers.js';

export interface RecordInput extends Partial<Omit<PermitRecord, 'application' | 'issue' | 'start' | 'end' | 'cancellation' | 'birth'>> {
  readonly application?: string;
  readonly issue?: string;
  readonly start?: string;
  readonly end?: string;
  readonly cancellation?: string;
  readonly birth?: string;
}

let row = 0;

/** A register record (granted unless said otherwise). */
export function rec(r: RecordInput): PermitRecord {
  const d = (s: string | undefined): number => (s === undefined ? NaN : isoToDays(s));
  row++;
  return {
    register: r.register ?? 'wp', source: r.source ?? 'wp.csv', row: r.row ?? row,
    person: r.person === undefined ? null : r.person, permit: r.permit === undefined ? null : r.permit, previous: r.previous ?? null,
    type: r.type ?? null, decision: r.decision === undefined ? 'granted' : r.decision,
    application: d(r.application), issue: d(r.issue), start: d(r.start), end: d(r.end), cancellation: d(r.cancellation), birth: d(r.birth),
    sex: r.sex ?? null, nationality: r.nationality ?? null, occupation: r.occupation ?? null, industry: r.industry ?? null, region: r.region ?? null,
    employer: r.employer ?? null, labourMarketTest: r.labourMarketTest ?? null, vacancy: r.vacancy ?? null,
  };
}

export const day = isoToDays;
