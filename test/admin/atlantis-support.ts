/** Shared by the register tests: the Atlantis work permit register read through its profile, with the truth key. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type PermitRecord, isoToDays, readRegisterFile, registerRecords } from '../../src/admin/registers.js';
import { mapRegisters, PERSON_KEY_COLUMN } from '../../src/pipeline/registers.js';
import { readTable } from '../../src/io/read.js';
import { loadProfile } from '../../src/profile/load.js';

export const ATLANTIS = fileURLToPath(new URL('../../datasets/atlantis-permits/', import.meta.url));
export const hasAtlantis = existsSync(`${ATLANTIS}work_permits.csv`) && existsSync(`${ATLANTIS}truth.json`) && existsSync(`${ATLANTIS}truth_links.csv`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const truth = (): any => JSON.parse(readFileSync(`${ATLANTIS}truth.json`, 'utf8'));

/**
 * Work permit records with the truth person key (truth_links.csv person_key), and the true end date of the rows the
 * generator reversed (truth.json rules: the truth is computed with it).
 */
export async function atlantisWorkPermits(): Promise<PermitRecord[]> {
  const loaded = loadProfile(`${ATLANTIS}profile_work_permits.yaml`);
  const keys = await readTable(`${ATLANTIS}truth_links.csv`);
  const wp = await readRegisterFile(`${ATLANTIS}work_permits.csv`);
  const mapped = mapRegisters(loaded, { work_permits: wp }, { personKey: 'person_key', keys, keysId: 'row_id' });
  const records = registerRecords(mapped.work_permits!, { register: 'work_permits', personKey: PERSON_KEY_COLUMN });
  const trueEnd = new Map<string, number>();
  const id = keys.column('row_id');
  const te = keys.column('true_end_date');
  if (id.kind !== 'category' || te.kind !== 'category') throw new Error('truth_links.csv: unexpected column types');
  for (let i = 0; i < keys.nrows; i++) if (te.codes[i]! >= 0) trueEnd.set(id.levels[id.codes[i]!]!, isoToDays(te.levels[te.codes[i]!]!));
  return records.map((r) => (r.permit !== null && trueEnd.has(r.permit) ? { ...r, end: trueEnd.get(r.permit)! } : r));
}
