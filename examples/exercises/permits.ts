/** Shared by exercises 5 and 6: the Atlantis work permit register read through its register profile. */
import { fileURLToPath } from 'node:url';
import { isoToDays, loadProfile, readRegisterFile, readTable, registerRecords, type PermitRecord } from '../../src/index.js';
import { mapRegisters, PERSON_KEY_COLUMN } from '../../src/pipeline/registers.js';

export const PERMITS_DIR = fileURLToPath(new URL('../../datasets/atlantis-permits/', import.meta.url));

/** A date as the day number the register functions use. */
export const day = (iso: string): number => isoToDays(iso);

/**
 * Work permit records, one person per `person_key` of truth_links.csv (the linkage the codebook documents), with the
 * true end date of the rows whose end date came before their start date.
 */
export async function workPermits(): Promise<PermitRecord[]> {
  const profile = loadProfile(`${PERMITS_DIR}profile_work_permits.yaml`);
  const keys = await readTable(`${PERMITS_DIR}truth_links.csv`);
  const wp = await readRegisterFile(`${PERMITS_DIR}work_permits.csv`);
  const mapped = mapRegisters(profile, { work_permits: wp }, { personKey: 'person_key', keys, keysId: 'row_id' });
  const records = registerRecords(mapped.work_permits!, { register: 'work_permits', personKey: PERSON_KEY_COLUMN });
  const trueEnd = new Map<string, number>();
  const id = keys.column('row_id');
  const te = keys.column('true_end_date');
  if (id.kind !== 'category' || te.kind !== 'category') throw new Error('truth_links.csv: unexpected column types');
  for (let i = 0; i < keys.nrows; i++) if (te.codes[i]! >= 0) trueEnd.set(id.levels[id.codes[i]!]!, isoToDays(te.levels[te.codes[i]!]!));
  return records.map((r) => (r.permit !== null && trueEnd.has(r.permit) ? { ...r, end: trueEnd.get(r.permit)! } : r));
}
