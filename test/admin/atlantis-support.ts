/** Shared by the register tests: the Atlantis work permit register read through its profile, with the truth key. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { truthKeyedWorkPermits } from '../../datasets/atlantis/permits-records.js';
import type { PermitRecord } from '../../src/admin/registers.js';

export const ATLANTIS = fileURLToPath(new URL('../../datasets/atlantis-permits/', import.meta.url));
export const hasAtlantis = existsSync(`${ATLANTIS}work_permits.csv`) && existsSync(`${ATLANTIS}truth.json`) && existsSync(`${ATLANTIS}truth_links.csv`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const truth = (): any => JSON.parse(readFileSync(`${ATLANTIS}truth.json`, 'utf8'));

/** Work permit records with the truth person key and the true end dates (datasets/atlantis/permits-records.ts). */
export const atlantisWorkPermits = (): Promise<PermitRecord[]> => truthKeyedWorkPermits(ATLANTIS);
