/**
 * The Atlantis work permit register: the stock of persons holding a valid permit counted three ways and reported side
 * by side — with the register's own person ids (duplicates count twice), with migstat's own linkage (deduplication
 * within the register: exact identifiers, then Fellegi-Sunter), and with the true person key (truth.json).
 */
import { describe, expect, it } from 'vitest';
import { isoToDays, readRegisterFile } from '../../src/admin/registers.js';
import { evaluateLinkage, linkRecords } from '../../src/admin/linkage.js';
import { checkPermits } from '../../src/admin/spells.js';
import { stockTables } from '../../src/admin/stocks.js';
import { linkageRecords, mapRegisters } from '../../src/pipeline/registers.js';
import { loadProfile } from '../../src/profile/load.js';
import { ATLANTIS, atlantisWorkPermits, hasAtlantis, truth } from './atlantis-support.js';

describe.skipIf(!hasAtlantis)('Atlantis work permits: persons in the stock by register ids, by migstat linkage, by the true key', () => {
  it('the linked count is within 1% of the truth; the register ids overcount', async () => {
    const loaded = loadProfile(`${ATLANTIS}profile_work_permits.yaml`);
    const mapped = mapRegisters(loaded, { work_permits: await readRegisterFile(`${ATLANTIS}work_permits.csv`) });
    const { records, permitIds } = linkageRecords(mapped);
    const linked = linkRecords(records, { pairs: 'within' });
    const byPermit = new Map<string, { linked: string; register: string | null }>();
    permitIds.forEach((p, i) => {
      if (p !== null) byPermit.set(p, { linked: `L${linked.person[i]}`, register: records[i]!.id ?? null });
    });
    const withTruth = await atlantisWorkPermits();
    const truthKeys = withTruth.map((r) => r.person);
    const truePerson = new Map(withTruth.map((r) => [r.permit, r.person]));
    const quality = evaluateLinkage(withTruth.map((r) => Number((byPermit.get(r.permit ?? '')?.linked ?? 'L-1').slice(1))), truthKeys);
    const count = (key: (permit: string | null) => string | null, date: string): number =>
      stockTables(checkPermits(withTruth.map((r) => ({ ...r, person: key(r.permit) }))).permits, isoToDays(date), {}).persons;
    const t = truth();
    for (const date of Object.keys(t.reference_dates)) {
      const trueKey = count((p) => truePerson.get(p) ?? null, date);
      const linkedKey = count((p) => byPermit.get(p ?? '')?.linked ?? null, date);
      const registerIds = count((p) => byPermit.get(p ?? '')?.register ?? null, date);
      const published = t.reference_dates[date].work_permits.persons as number;
      console.log(`${date}: persons holding a valid permit: truth ${published}; true key ${trueKey}; migstat linkage ${linkedKey} (${(100 * (linkedKey / published - 1)).toFixed(2)}%); register person ids ${registerIds} (${(100 * (registerIds / published - 1)).toFixed(2)}%)`);
      expect(trueKey).toBe(published);
      expect(Math.abs(linkedKey / published - 1)).toBeLessThan(0.01);
      expect(registerIds).toBeGreaterThan(published);
    }
    console.log(`linkage within the work permit register: precision ${quality.precision.toFixed(4)}, recall ${quality.recall.toFixed(4)}`);
    expect(quality.precision).toBeGreaterThanOrEqual(0.95);
    expect(quality.recall).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
