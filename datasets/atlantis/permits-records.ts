/**
 * The shipped Atlantis work permit register read through its register profile with the true person key of
 * truth_links.csv, and the true end date of the rows the generator reversed (truth.json is computed with both): the
 * reading that tests and course exercises compare with truth.json.
 */
import { fileURLToPath } from 'node:url';
import { type PermitRecord, isoToDays, readRegisterFile, registerRecords } from '../../src/admin/registers.js';
import { readTable } from '../../src/io/read.js';
import { PERSON_KEY_COLUMN, mapRegisters } from '../../src/pipeline/registers.js';
import { loadProfile } from '../../src/profile/load.js';

/** The folder of the shipped registers. */
export const PERMITS_DATA = fileURLToPath(new URL('../atlantis-permits/', import.meta.url));

/** Work permit records keyed by the true person, with the true end dates. */
export async function truthKeyedWorkPermits(dir: string = PERMITS_DATA): Promise<PermitRecord[]> {
  const loaded = loadProfile(`${dir}profile_work_permits.yaml`);
  const keys = await readTable(`${dir}truth_links.csv`);
  const mapped = mapRegisters(loaded, { work_permits: await readRegisterFile(`${dir}work_permits.csv`) }, { personKey: 'person_key', keys, keysId: 'row_id' });
  const records = registerRecords(mapped.work_permits!, { register: 'work_permits', personKey: PERSON_KEY_COLUMN });
  const trueEnd = new Map<string, number>();
  const id = keys.column('row_id');
  const te = keys.column('true_end_date');
  if (id.kind !== 'category' || te.kind !== 'category') throw new Error('truth_links.csv: unexpected column types');
  for (let i = 0; i < keys.nrows; i++) if (te.codes[i]! >= 0) trueEnd.set(id.levels[id.codes[i]!]!, isoToDays(te.levels[te.codes[i]!]!));
  return records.map((r) => (r.permit !== null && trueEnd.has(r.permit) ? { ...r, end: trueEnd.get(r.permit)! } : r));
}
