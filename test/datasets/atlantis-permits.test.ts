/**
 * The shipped Atlantis registers of foreign workers (datasets/atlantis-permits): byte-identical regeneration,
 * truth.json recomputed by a second, simple code path (from the CSV files, truth_links.csv and the population's
 * stays), every defect at about its documented rate, the capture rates by group against the capture model, and the
 * simulation API (fresh draws, two lists, heterogeneous capture).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAtlantisPermits, captureProbabilities, drawCapture, drawPermitsRegisters, generatePermitsWorld, type PermitsPopulation } from '../../datasets/atlantis/permits-build.js';
import { CAPTURE, DEFECTS, FLOW_YEAR, NATIONALITIES, REFERENCE_DATES, RENEWAL_WINDOW_DAYS } from '../../datasets/atlantis/permits-country.js';
import { DIACRITICS } from '../../datasets/atlantis/permits-names.js';
import { root } from './support.js';

const dir = `${root}datasets/atlantis-permits/`;
const checksums = JSON.parse(readFileSync(`${dir}checksums.json`, 'utf8')) as { seed: number; persons: number; sha256: Record<string, string> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const truth = JSON.parse(readFileSync(`${dir}truth.json`, 'utf8')) as any;
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

type Row = Record<string, string>;
/** A CSV file of the dataset as records (no field is quoted: the test checks that). */
function readRows(name: string): Row[] {
  const text = readFileSync(`${dir}${name}`, 'utf8');
  expect(text.includes('"'), `${name} has quoted fields`).toBe(false);
  const lines = text.trimEnd().split('\n');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line) => {
    const f = line.split(',');
    if (f.length !== header.length) throw new Error(`${name}: ${f.length} fields in ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, f[i]!]));
  });
}
const day = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

let pop: PermitsPopulation;
let wp: Row[];
let rp: Row[];
let ss: Row[];
let links: Row[];
const linkOf = new Map<string, Row>();
const personOf = new Map<string, PermitsPopulation['persons'][number]>();

beforeAll(() => {
  pop = generatePermitsWorld({ seed: checksums.seed, persons: checksums.persons });
  for (const p of [...pop.persons, ...pop.applicants]) personOf.set(p.key, p);
  wp = readRows('work_permits.csv');
  rp = readRows('residence_permits.csv');
  ss = readRows('social_security.csv');
  links = readRows('truth_links.csv');
  for (const l of links) linkOf.set(l.row_id!, l);
});

describe('atlantis-permits files', () => {
  it('regenerates byte for byte (sha256 against checksums.json)', async () => {
    for (const [file, hash] of Object.entries(checksums.sha256)) expect(sha256(`${dir}${file}`), file).toBe(hash);
    const out = mkdtempSync(join(tmpdir(), 'migstat-permits-'));
    const built = await buildAtlantisPermits({ out, seed: checksums.seed, persons: checksums.persons });
    expect(built.sha256).toEqual(checksums.sha256);
    expect(Object.keys(built.sha256).sort()).toEqual(['residence_permits.csv', 'social_security.csv', 'truth.json', 'truth_links.csv', 'work_permits.csv']);
  }, 60_000);

  it('links every row once, to a person of the population or a refused applicant', () => {
    expect(links.length).toBe(wp.length + rp.length + ss.length);
    const bad: string[] = [];
    for (const [rows, id, pid, reg] of [[wp, 'permit_id', 'person_id', 'wp'], [rp, 'permit_id', 'person_id', 'rp'], [ss, 'registration_id', 'insured_id', 'ss']] as const) {
      for (const r of rows) {
        const l = linkOf.get(r[id]!);
        if (!l || l.register !== reg || l.register_person_id !== r[pid] || !personOf.has(l.person_key!)) bad.push(r[id]!);
      }
    }
    expect(bad).toEqual([]);
    // a register person id never points to two persons
    const owner = new Map<string, string>();
    const shared: string[] = [];
    for (const l of links) {
      const k = `${l.register} ${l.register_person_id}`;
      if ((owner.get(k) ?? l.person_key) !== l.person_key) shared.push(k);
      owner.set(k, l.person_key!);
    }
    expect(shared).toEqual([]);
    // the codebook describes every column of every file
    const readme = readFileSync(`${dir}README.md`, 'utf8');
    for (const name of ['work_permits.csv', 'residence_permits.csv', 'social_security.csv', 'truth_links.csv']) {
      const header = readFileSync(`${dir}${name}`, 'utf8').split('\n', 1)[0]!.split(',');
      expect(header.filter((c) => !readme.includes(`\`${c}\``)), name).toEqual([]);
    }
    // refused applicants who never came only apply and are refused
    expect(wp.filter((r) => linkOf.get(r.permit_id!)!.person_key!.startsWith('A') && r.decision !== 'refused')).toEqual([]);
  });
});

describe('truth.json by a second code path', () => {
  const trueEnd = (row: Row, id: string): number => {
    const l = linkOf.get(row[id]!)!;
    const text = l.error === 'end_before_start' ? l.true_end_date! : row.end_date!;
    return text === '' ? Infinity : day(text);
  };
  const lastValidOf = (r: Row): number => Math.min(trueEnd(r, 'permit_id'), r.cancellation_date === '' ? Infinity : day(r.cancellation_date!) - 1);
  const year = (iso: string): number => Number(iso.slice(0, 4));

  it('stocks and list coverage on the reference dates', () => {
    for (const ref of REFERENCE_DATES) {
      const d = day(ref);
      const t = truth.reference_dates[ref];
      const validPermits = new Map<string, number>();
      for (const r of wp) {
        if (r.decision !== 'granted' || day(r.start_date!) > d || d > lastValidOf(r)) continue;
        const key = linkOf.get(r.permit_id!)!.person_key!;
        validPermits.set(key, (validPermits.get(key) ?? 0) + 1);
      }
      const inList = (rows: Row[], id: string): Set<string> => {
        const s = new Set<string>();
        for (const r of rows) if (day(r.start_date!) <= d && d <= trueEnd(r, id)) s.add(linkOf.get(r[id]!)!.person_key!);
        return s;
      };
      const inRp = inList(rp, 'permit_id');
      const inSs = inList(ss, 'registration_id');
      const histories: Record<string, number> = {};
      let present = 0;
      for (const p of pop.persons) {
        if (!p.stays.some((s) => s.entry <= d && d <= s.exit)) continue;
        present += 1;
        const h = `${validPermits.has(p.key) ? 1 : 0}${inRp.has(p.key) ? 1 : 0}${inSs.has(p.key) ? 1 : 0}`;
        histories[h] = (histories[h] ?? 0) + 1;
      }
      expect(present).toBe(t.present);
      expect(histories).toEqual(t.histories);
      let permits = 0;
      for (const n of validPermits.values()) permits += n;
      expect(permits).toBe(t.work_permits.valid_permits);
      expect(validPermits.size).toBe(t.work_permits.persons);
      const cells: Record<string, { valid_permits: number; persons: number }> = {};
      for (const [key, n] of validPermits) {
        const p = personOf.get(key)!;
        const c = (cells[`${NATIONALITIES[p.nat]!.iso3} ${p.sex}`] ??= { valid_permits: 0, persons: 0 });
        c.valid_permits += n;
        c.persons += 1;
      }
      for (const c of t.work_permits.by_nationality_sex) expect(cells[`${c.nationality} ${c.sex}`]).toEqual({ valid_permits: c.valid_permits, persons: c.persons });
      expect(Object.keys(cells).length).toBe(t.work_permits.by_nationality_sex.length);
      expect(wp.filter((r) => r.start_date === ref && r.previous_permit_id !== '').length).toBe(t.work_permits.renewals_starting_on_date);
    }
  });

  it('flows, durations and applications of the flow year', () => {
    const granted = new Map<string, Row[]>();
    for (const r of wp) {
      if (r.decision !== 'granted') continue;
      const key = linkOf.get(r.permit_id!)!.person_key!;
      const list = granted.get(key) ?? [];
      list.push(r);
      granted.set(key, list);
    }
    let inflows = 0;
    let renewals = 0;
    let cancelled = 0;
    let expired = 0;
    const durations: number[] = [];
    for (const rows of granted.values()) {
      const first = rows.map((r) => r.start_date!).sort()[0]!;
      if (year(first) === FLOW_YEAR) inflows += 1;
      for (const r of rows) {
        const start = day(r.start_date!);
        const last = lastValidOf(r);
        if (year(r.start_date!) === FLOW_YEAR) {
          if (r.previous_permit_id !== '') renewals += 1;
          durations.push(last - start + 1);
        }
        if (new Date(last * 86_400_000).getUTCFullYear() !== FLOW_YEAR) continue;
        if (r.cancellation_date !== '') cancelled += 1;
        else if (!rows.some((q) => q !== r && day(q.start_date!) > start && day(q.start_date!) <= last + RENEWAL_WINDOW_DAYS)) expired += 1;
      }
    }
    expect(inflows).toBe(truth.flows.inflows.persons);
    expect(renewals).toBe(truth.flows.renewals);
    expect(cancelled).toBe(truth.flows.outflows.cancelled);
    expect(expired).toBe(truth.flows.outflows.expired_without_renewal);
    durations.sort((a, b) => a - b);
    const m = durations.length >> 1;
    expect(durations.length % 2 ? durations[m] : (durations[m - 1]! + durations[m]!) / 2).toBe(truth.flows.durations.median_days);
    expect(durations.reduce((a, b) => a + b, 0) / durations.length).toBeCloseTo(truth.flows.durations.mean_days, 2);

    const applied = wp.filter((r) => year(r.application_date!) === FLOW_YEAR);
    expect(applied.length).toBe(truth.applications.total.applications);
    expect(applied.filter((r) => r.decision === 'refused').length).toBe(truth.applications.total.refused);
    expect(applied.filter((r) => r.lmt_outcome === 'failed').length).toBe(truth.applications.total.lmt_failed);
    expect(new Set(applied.filter((r) => r.decision === 'granted' && r.vacancy_id !== '').map((r) => r.vacancy_id)).size).toBe(truth.applications.vacancies_filled);
    for (const g of truth.applications.by_isco_major_group) {
      const rows = applied.filter((r) => r.occupation![0] === g.isco_major);
      expect([rows.length, rows.filter((r) => r.decision === 'granted').length]).toEqual([g.applications, g.granted]);
    }
    for (const g of truth.applications.by_sector) expect(applied.filter((r) => r.sector === g.sector).length).toBe(g.applications);
    // a failed labour market test is always refused
    expect(wp.filter((r) => r.lmt_outcome === 'failed' && r.decision === 'granted').length).toBe(0);
  });
});

/** |z| of an observed count against a binomial expectation. */
function z(count: number, n: number, p: number): number {
  return (count - n * p) / Math.sqrt(Math.max(n * p * (1 - p), 1e-9));
}

describe('defects at their documented rates', () => {
  const strip = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/Đ/g, 'D').replace(/đ/g, 'd').toUpperCase();
  const lists = [['wp', () => wp, 'permit_id'], ['rp', () => rp, 'permit_id'], ['ss', () => ss, 'registration_id']] as const;

  it('names: other transliterations and typos, swapped names, diacritics', () => {
    for (const [list, rows, id] of lists) {
      let exact = 0;
      let swapped = 0;
      for (const r of rows()) {
        const p = personOf.get(linkOf.get(r[id]!)!.person_key!)!;
        const g = strip(r.given_name!);
        const f = strip(r.family_name!);
        if (g === p.given.toUpperCase() && f === p.family.toUpperCase()) exact += 1;
        else if (g === p.family.toUpperCase() && f === p.given.toUpperCase() && p.given !== p.family) swapped += 1;
      }
      const n = rows().length;
      const keep = (1 - DEFECTS.transliteration[list]) * (1 - DEFECTS.typo[list]);
      expect(Math.abs(z(exact, n, keep * (1 - DEFECTS.swapped[list]))), `${list} exact names`).toBeLessThan(4.5);
      expect(Math.abs(z(swapped, n, keep * DEFECTS.swapped[list])), `${list} swapped names`).toBeLessThan(4.5);
    }
    // residence permits keep diacritics in DEFECTS.diacritics of the rows whose names have them
    let eligible = 0;
    let accented = 0;
    for (const r of rp) {
      const p = personOf.get(linkOf.get(r.permit_id!)!.person_key!)!;
      const accentedName = (DIACRITICS[p.family] ?? p.family) !== p.family;
      if (!accentedName || strip(r.family_name!) !== p.family.toUpperCase()) continue;
      eligible += 1;
      if (r.family_name !== p.family) accented += 1;
    }
    expect(eligible).toBeGreaterThan(500);
    expect(Math.abs(z(accented, eligible, DEFECTS.diacritics))).toBeLessThan(4.5);
  });

  it('birth dates: day and month swapped, missing', () => {
    for (const [list, rows, id] of lists) {
      let missing = 0;
      let eligible = 0;
      let swaps = 0;
      let wrong = 0;
      for (const r of rows()) {
        const p = personOf.get(linkOf.get(r[id]!)!.person_key!)!;
        const iso = new Date(p.birth * 86_400_000).toISOString().slice(0, 10);
        if (r.birth_date === '') {
          missing += 1;
          continue;
        }
        const [y, m, d] = iso.split('-');
        const canSwap = Number(d) <= 12 && d !== m;
        if (canSwap) eligible += 1;
        if (r.birth_date === iso) continue;
        if (canSwap && r.birth_date === `${y}-${d}-${m}`) swaps += 1;
        else wrong += 1;
      }
      expect(wrong, list).toBe(0);
      expect(Math.abs(z(missing, rows().length, DEFECTS.missingBirth[list])), `${list} missing birth`).toBeLessThan(4.5);
      expect(Math.abs(z(swaps, eligible * (1 - DEFECTS.missingBirth[list]), DEFECTS.dayMonthSwap[list])), `${list} swapped birth`).toBeLessThan(4.5);
    }
  });

  it('missing identifiers', () => {
    const rate = (rows: Row[], col: string): [number, number] => [rows.filter((r) => r[col] === '').length, rows.length];
    for (const [rows, col, p] of [[wp, 'passport_no', DEFECTS.missingPassport.wp], [rp, 'passport_no', DEFECTS.missingPassport.rp], [rp, 'foreigner_id', DEFECTS.missingForeignerId.rp], [ss, 'foreigner_id', DEFECTS.missingForeignerId.ss]] as const) {
      const [k, n] = rate(rows, col);
      expect(Math.abs(z(k, n, p)), col).toBeLessThan(4.5);
    }
    // the identifiers, where present, are the person's
    const wrong = rp.filter((r) => {
      const p = personOf.get(linkOf.get(r.permit_id!)!.person_key!)!;
      return (r.passport_no !== '' && r.passport_no !== p.passport) || (r.foreigner_id !== '' && r.foreigner_id !== p.foreignerId);
    });
    expect(wrong).toEqual([]);
  });

  it('end dates before start dates, all flagged', () => {
    for (const [list, rows, id] of lists) {
      const ended = rows().filter((r) => r.end_date !== '' && linkOf.get(r[id]!)!.error !== 'duplicate_spell');
      const before = ended.filter((r) => r.end_date! < r.start_date!);
      expect(before.filter((r) => linkOf.get(r[id]!)!.error !== 'end_before_start')).toEqual([]);
      expect(rows().filter((r) => linkOf.get(r[id]!)!.error === 'end_before_start').length).toBe(before.length);
      expect(Math.abs(z(before.length, ended.length, DEFECTS.endBeforeStart[list])), list).toBeLessThan(4.5);
    }
  });

  it('the same person under two register ids; duplicated social security spells', () => {
    for (const list of ['wp', 'rp', 'ss'] as const) {
      const rowsOf = new Map<string, Row[]>();
      for (const l of links) {
        if (l.register !== list || l.error === 'duplicate_spell') continue;
        const a = rowsOf.get(l.person_key!) ?? [];
        a.push(l);
        rowsOf.set(l.person_key!, a);
      }
      let eligible = 0;
      let split = 0;
      for (const rows of rowsOf.values()) {
        if (rows.length < 2) continue;
        eligible += 1;
        if (new Set(rows.map((r) => r.register_person_id)).size > 1) split += 1;
      }
      expect(Math.abs(z(split, eligible, DEFECTS.duplicateId[list])), list).toBeLessThan(4.5);
    }
    const dup = links.filter((l) => l.error === 'duplicate_spell').length;
    expect(Math.abs(z(dup, ss.length - dup, DEFECTS.ssDuplicateSpell))).toBeLessThan(4.5);
    // a duplicated spell overlaps the original under another id
    expect(links.filter((l) => l.error === 'duplicate_spell').every((l) => l.duplicate_id === '1')).toBe(true);
  });

  it('overlapping work permit spells and renewals on the reference dates', () => {
    const byPerson = new Map<string, Row[]>();
    for (const r of wp) {
      if (r.decision !== 'granted') continue;
      const key = linkOf.get(r.permit_id!)!.person_key!;
      byPerson.set(key, [...(byPerson.get(key) ?? []), r]);
    }
    let overlaps = 0;
    for (const rows of byPerson.values()) {
      rows.sort((a, b) => (a.start_date! < b.start_date! ? -1 : 1));
      for (let i = 1; i < rows.length; i++) if (rows[i - 1]!.end_date! >= rows[i]!.start_date! && rows[i - 1]!.end_date! >= rows[i - 1]!.start_date!) overlaps += 1;
    }
    expect(overlaps).toBeGreaterThan(500);
    for (const ref of REFERENCE_DATES) expect(truth.reference_dates[ref].work_permits.renewals_starting_on_date).toBeGreaterThan(20);
  });
});

describe('capture model', () => {
  it('capture rates by nationality and sex within sampling error', () => {
    const inList = { wp: new Set<string>(), rp: new Set<string>(), ss: new Set<string>() };
    for (const l of links) inList[l.register as 'wp' | 'rp' | 'ss'].add(l.person_key!);
    let sumZ2 = 0;
    let cells = 0;
    for (let k = 0; k < NATIONALITIES.length; k++) {
      for (const sex of ['F', 'M'] as const) {
        const group = pop.persons.filter((p) => p.nat === k && p.sex === sex && !p.zeroChance);
        const [pWp, pRp] = captureProbabilities(group[0]!, false);
        const inWp = group.filter((p) => inList.wp.has(p.key));
        const outWp = group.filter((p) => !inList.wp.has(p.key));
        const checks: [number, number, number][] = [
          [inWp.length, group.length, pWp],
          [group.filter((p) => inList.rp.has(p.key)).length, group.length, pRp],
          [inWp.filter((p) => inList.ss.has(p.key)).length, inWp.length, captureProbabilities(group[0]!, true)[2]],
          [outWp.filter((p) => inList.ss.has(p.key)).length, outWp.length, captureProbabilities(group[0]!, false)[2]],
        ];
        for (const [count, n, p] of checks) {
          const zz = z(count, n, p);
          expect(Math.abs(zz), `${NATIONALITIES[k]!.iso3} ${sex}`).toBeLessThan(4);
          sumZ2 += zz * zz;
          cells += 1;
        }
      }
    }
    expect(sumZ2 / cells).toBeLessThan(1.6);
    // zero-chance persons are in no list, and the truth's model table is the model's
    expect(pop.persons.filter((p) => p.zeroChance && (inList.wp.has(p.key) || inList.rp.has(p.key) || inList.ss.has(p.key))).length).toBe(0);
    expect(truth.capture.model.parameters).toEqual(CAPTURE);
  });

  it('simulation API: fresh draws are fast, two lists, heterogeneous capture', () => {
    const t0 = performance.now();
    const c = drawCapture(pop, 7);
    expect(performance.now() - t0).toBeLessThan(500);
    const t1 = performance.now();
    const draw = drawPermitsRegisters(pop, 7, { lists: ['wp', 'ss'] });
    expect(performance.now() - t1).toBeLessThan(3000);
    expect(draw.residencePermits.length).toBe(0);
    expect(Array.from(draw.capture).every((b) => (b & 2) === 0)).toBe(true);
    expect(Array.from(c).filter((b) => b & 1).length).toBe(Array.from(draw.capture).filter((b) => b & 1).length);
    // positive dependence between work permits and social security
    const rate = (caps: Uint8Array, wpBit: number) => {
      let n = 0;
      let k = 0;
      caps.forEach((b, i) => {
        if (pop.persons[i]!.zeroChance || (b & 1) !== wpBit) return;
        n += 1;
        if (b & 4) k += 1;
      });
      return k / n;
    };
    expect(rate(c, 1) - rate(c, 0)).toBeGreaterThan(0.25);
    // heterogeneity: a shared frailty makes residence permits and social security depend on each other
    const odds = (caps: Uint8Array) => {
      const t = [0, 0, 0, 0];
      caps.forEach((b, i) => {
        if (!pop.persons[i]!.zeroChance && b & 1) t[((b >> 1) & 1) * 2 + ((b >> 2) & 1)]! += 1;
      });
      return (t[3]! * t[0]!) / (t[1]! * t[2]!);
    };
    const homogeneous = odds(c);
    const heterogeneous = odds(drawCapture(pop, 7, { capture: { heterogeneity: 1.5 } }));
    expect(heterogeneous).toBeGreaterThan(homogeneous * 1.5);
    // without the dependence, the social security rate barely differs by work permit status (only through nationality and sex)
    const independent = drawCapture(pop, 8, { capture: { wpOnSs: 0 } });
    expect(Math.abs(rate(independent, 1) - rate(independent, 0))).toBeLessThan(0.12);
  });
});
