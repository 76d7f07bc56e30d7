/** Shared by exercises 5 and 6: the Atlantis work permit register read through its register profile. */
import { fileURLToPath } from 'node:url';
import { truthKeyedWorkPermits } from '../../datasets/atlantis/permits-records.js';
import { isoToDays, type PermitRecord } from '../../src/index.js';

export const PERMITS_DIR = fileURLToPath(new URL('../../datasets/atlantis-permits/', import.meta.url));

/** A date as the day number the register functions use. */
export const day = (iso: string): number => isoToDays(iso);

/**
 * Work permit records, one person per `person_key` of truth_links.csv (the linkage the codebook documents), with the
 * true end date of the rows whose end date came before their start date.
 */
export const workPermits = (): Promise<PermitRecord[]> => truthKeyedWorkPermits(PERMITS_DIR);
