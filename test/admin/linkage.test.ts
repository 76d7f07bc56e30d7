import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BLOCKING,
  type LinkRecord,
  civilFromDays,
  daysFromCivil,
  describePattern,
  evaluateLinkage,
  linkRecords,
  recordsFromTable,
  reviewTable,
} from '../../src/admin/linkage.js';
import { captureHistories } from '../../src/admin/multiple-systems.js';
import { readCsv } from '../../src/io/csv.js';
import { type Table, tableFromArrays } from '../../src/io/table.js';
import { syntheticRecords } from './linkage-synthetic.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 864e5;

function rec(list: string, row: number, familyName: string | null, givenName: string | null, birth: string | null, extra: Partial<LinkRecord> = {}): LinkRecord {
  return { list, row, familyName, givenName, birthDate: birth === null ? null : day(birth), sex: 'F', nationality: 'PHL', ...extra };
}

/**
 * Background records of synthetic persons on the lists (overlapping, or with within-list duplicates for one list), so
 * that EM has matches and non-matches to learn from: EM needs both among the compared pairs.
 */
function background(lists: readonly string[], k: number, seed: number): LinkRecord[] {
  const s = syntheticRecords({ persons: k, inclusion: lists.map(() => 0.7), duplicate: lists.length === 1 ? 0.2 : 0, seed, passport: lists.map(() => 0) });
  return s.records.map((r, i) => ({ ...r, list: lists[Number(r.list.slice(4)) - 1]!, row: 1000 + i }));
}

describe('dates', () => {
  it('civil <-> days', () => {
    expect(civilFromDays(0)).toEqual([1970, 1, 1]);
    expect(civilFromDays(day('1988-02-29'))).toEqual([1988, 2, 29]);
    expect(daysFromCivil(1955, 12, 31)).toBe(day('1955-12-31'));
  });
});

describe('exact stage', () => {
  it('links on any shared non-missing identifier; missing identifiers never link', () => {
    const records: LinkRecord[] = [
      rec('permits', 0, 'Santos', 'Maria', '1990-03-04', { keys: { passport: 'P123 456', ssn: null } }),
      rec('social', 0, 'Reyes', 'Ana', '1971-07-08', { keys: { passport: 'p123-456', ssn: '' } }), // same passport, other names
      rec('permits', 1, 'Cruz', 'Jose', '1985-01-01', { keys: { passport: null, ssn: '99' } }),
      rec('social', 1, 'Lim', 'Ramon', '1960-01-01', { keys: { passport: null, ssn: '99' } }), // same ssn
      rec('permits', 2, 'Garcia', 'Luz', '1975-05-05', { keys: { passport: null, ssn: null } }),
      rec('social', 2, 'Bautista', 'Rey', '1999-09-09', { keys: { passport: '  ', ssn: null } }), // blank: missing
      rec('permits', 3, 'Tan', 'Lea', '1966-06-06', { id: 'A7' }),
      rec('permits', 4, 'Uy', 'Leo', '1967-06-06', { id: 'A7' }), // same list id: same person
      rec('social', 3, 'Go', 'Ben', '1968-06-06', { id: 'A7' }), // another list's id: not compared
    ];
    const r = linkRecords(records, { pairs: 'across' });
    expect(r.person[0]).toBe(r.person[1]);
    expect(r.person[2]).toBe(r.person[3]);
    expect(r.person[4]).not.toBe(r.person[5]);
    expect(r.person[6]).toBe(r.person[7]);
    expect(r.person[8]).not.toBe(r.person[6]);
    expect(r.counts.exactLinks).toBe(3);
    expect(r.persons).toBe(6);
    // the list-id duplicate is reported: lists were said to be free of duplicates
    expect(r.conflicts.filter((c) => c.kind === 'same-list').map((c) => c.records)).toEqual([[6, 7]]);
  });
});

describe('probabilistic stage', () => {
  const people: LinkRecord[] = [
    // swapped day and month, accents and case
    rec('permits', 0, 'Dela Cruz', 'María José', '1987-03-11'),
    rec('social', 0, 'DELA CRUZ', 'Jose Maria', '1987-11-03'),
    // birth date missing on one side: found by the third default pass (exact normalised names)
    rec('permits', 1, 'Villanueva', 'Rosalinda', '1979-08-21'),
    rec('social', 1, 'VILLANUEVA', 'Rosalinda', null),
    // same birth date, sex and nationality, other names: different persons
    rec('permits', 2, 'Ramos', 'Ana', '1990-01-15'),
    rec('social', 2, 'Aquino', 'Lorna', '1990-01-15'),
    // a typo and no birth date: in no default block; a pass on the family name's first 3 letters finds it
    rec('permits', 3, 'Macapagal', 'Evangeline', '1958-12-01'),
    rec('social', 3, 'Macapagla', 'Evangeline', null),
  ];
  const records = [...people, ...background(['permits', 'social'], 600, 11)];

  it('swapped day/month, missing birth date, other names on the same birth date', () => {
    const r = linkRecords(records, { pairs: 'across' });
    expect(r.person[0]).toBe(r.person[1]);
    expect(r.person[2]).toBe(r.person[3]);
    expect(r.person[4]).not.toBe(r.person[5]);
    expect(r.person[6]).not.toBe(r.person[7]);
    const wider = linkRecords(records, { pairs: 'across', blocking: [...DEFAULT_BLOCKING, ['familyPrefix3', 'givenInitial']] });
    expect(wider.person[6]).toBe(wider.person[7]);
    expect(wider.person[0]).toBe(wider.person[1]);
    const f = r.parameters[0]!.fields.find((x) => x.field === 'birthDate')!;
    expect(f.levels[1]).toBe('day-month swapped');
    expect(f.weights[1]).toBeGreaterThan(0);
    expect(f.weights[3]).toBeLessThan(0);
    expect(r.blocking).toHaveLength(DEFAULT_BLOCKING.length);
    expect(r.parameters[0]!.matchRate).toBeGreaterThan(0);
    expect(r.parameters[1]!.source).toBe('global');
    expect(describePattern(0)).toBe('familyName=exact givenName=exact birthDate=exact sex=agree nationality=agree');
  });

  it('review band: pairs between the thresholds, with the compared fields', () => {
    // a very wide band sends every compared non-exact pair with weight in it to review
    const r = linkRecords(records, { pairs: 'across', upper: 1000, lower: -5 });
    expect(r.counts.links).toBe(0);
    expect(r.counts.review).toBeGreaterThan(2);
    const t = reviewTable(r, records);
    expect(t.nrows).toBe(r.counts.review);
    expect(t.names).toContain('birth_date');
    const w = t.column('weight');
    expect(w.kind === 'number' && w.values[0]! >= w.values[1]!).toBe(true);
    expect(() => linkRecords(records, { upper: 1, lower: 2 })).toThrow(/lower/);
  });

  it('within-list deduplication', () => {
    const list = [
      rec('permits', 0, 'Mendoza', 'Carlo', '1992-04-02'),
      rec('permits', 1, 'MENDOZA', 'Carlo', '1992-04-02', { nationality: null }),
      rec('permits', 2, 'Mendosa', 'Karlo', '1992-04-02'),
      rec('permits', 3, 'Aquino', 'Paolo', '1992-04-02'),
      ...background(['permits'], 600, 21),
    ];
    const r = linkRecords(list, { pairs: 'within' });
    expect(r.person[0]).toBe(r.person[1]);
    expect(r.person[0]).toBe(r.person[2]);
    expect(r.person[3]).not.toBe(r.person[0]);
    expect(() => linkRecords(list, { pairs: 'within', clustering: 'one-to-one' })).toThrow(/one-to-one/);
  });

  it('union-find conflicts: two records of one list, two values of one identifier; one-to-one refuses the weaker link', () => {
    const list = [
      rec('permits', 0, 'Navarro', 'Teresa', '1983-10-20', { keys: { passport: 'X1' } }),
      rec('permits', 1, 'Navarro', 'Teresa', '1983-10-20', { keys: { passport: 'X2' } }),
      rec('social', 0, 'Navarro', 'Teresita', '1983-10-20'),
      ...background(['permits', 'social'], 400, 31),
    ];
    const r = linkRecords(list, { pairs: 'across' });
    // both permits records link to the social record: transitive closure puts all three in one person
    expect(r.person[0]).toBe(r.person[2]);
    expect(r.person[1]).toBe(r.person[2]);
    const kinds = r.conflicts.map((c) => c.kind).sort();
    expect(kinds).toEqual(['key', 'same-list']);
    expect(r.conflicts.find((c) => c.kind === 'key')!.detail).toMatch(/passport.*X1, X2/);
    const o = linkRecords(list, { pairs: 'across', clustering: 'one-to-one' });
    expect(o.person[0]).not.toBe(o.person[1]);
    expect(o.person[2] === o.person[0] || o.person[2] === o.person[1]).toBe(true);
    expect(o.conflicts.filter((c) => c.kind === 'one-to-one')).toHaveLength(1);
  });
});

describe('synthetic lists with known truth', () => {
  it('two lists: pairwise precision and recall >= 0.95', () => {
    const { records, truth } = syntheticRecords({ persons: 8000, inclusion: [0.7, 0.6], seed: 2026 });
    const r = linkRecords(records, { pairs: 'across' });
    const q = evaluateLinkage(r.person, truth);
    console.log(`two lists, ${records.length} records: precision ${q.precision.toFixed(4)}, recall ${q.recall.toFixed(4)}, persons recovered ${q.personsExactShare.toFixed(4)}; review ${r.counts.review}, conflicts ${r.conflicts.length}`);
    expect(q.precision).toBeGreaterThanOrEqual(0.95);
    expect(q.recall).toBeGreaterThanOrEqual(0.95);
    expect(r.warnings.filter((w) => /skipped/.test(w))).toEqual([]);
    const o = linkRecords(records, { pairs: 'across', clustering: 'one-to-one' });
    const qo = evaluateLinkage(o.person, truth);
    expect(qo.precision).toBeGreaterThanOrEqual(0.95);
    expect(qo.recall).toBeGreaterThanOrEqual(0.95);
    // the persons make the two-list counts of capture-recapture
    const { tables } = captureHistories(r.person, Array.from(r.listOf, (l) => r.lists[l]!));
    const t = tables.get('all')!;
    const trueBoth = new Set<number>();
    const seen = new Map<number, Set<string>>();
    records.forEach((x, i) => {
      const s = seen.get(truth[i]!) ?? new Set();
      s.add(x.list);
      seen.set(truth[i]!, s);
      if (s.size === 2) trueBoth.add(truth[i]!);
    });
    expect(Math.abs(t.counts[3]! - trueBoth.size) / trueBoth.size).toBeLessThan(0.05);
  });

  it('three lists with within-list duplicates, linked and deduplicated together: precision and recall >= 0.95', () => {
    const { records, truth } = syntheticRecords({ persons: 5000, inclusion: [0.6, 0.5, 0.4], duplicate: 0.05, seed: 99 });
    const r = linkRecords(records, { pairs: 'all' });
    const q = evaluateLinkage(r.person, truth);
    console.log(`three lists with duplicates, ${records.length} records: precision ${q.precision.toFixed(4)}, recall ${q.recall.toFixed(4)}`);
    expect(q.precision).toBeGreaterThanOrEqual(0.95);
    expect(q.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('evaluateLinkage counts pairs', () => {
    const q = evaluateLinkage([0, 0, 0, 1, 2], ['a', 'a', 'b', 'b', null]);
    expect(q.predictedPairs).toBe(3);
    expect(q.truePairs).toBe(2);
    expect(q.correctPairs).toBe(1);
    expect(q.precision).toBeCloseTo(1 / 3, 12);
    expect(q.recall).toBe(0.5);
    expect(q.personsExact).toBe(1); // the null record alone
  });
});

describe('recordsFromTable', () => {
  it('builds records from columns', () => {
    const t = tableFromArrays({
      given: ['Ana', 'Luis'],
      family: ['Reyes', null],
      dob: ['1990-02-03', null],
      sex: ['F', '1'],
      nat: ['phl', null],
      pass: ['P1', null],
      pid: [7, 8],
    });
    const r = recordsFromTable(t, 'permits', { givenName: 'given', familyName: 'family', birthDate: 'dob', sex: 'sex', nationality: 'nat', id: 'pid', keys: { passport: 'pass' } });
    expect(r[0]).toEqual({ list: 'permits', row: 0, id: '7', keys: { passport: 'P1' }, givenName: 'Ana', familyName: 'Reyes', birthDate: day('1990-02-03'), sex: 'F', nationality: 'PHL' });
    expect(r[1]).toMatchObject({ familyName: null, birthDate: null, sex: 'M', nationality: null, keys: { passport: null } });
    const bad = tableFromArrays({ g: ['A'], f: ['B'], d: ['03/02/1990'] });
    expect(() => recordsFromTable(bad, 'x', { givenName: 'g', familyName: 'f', birthDate: 'd' })).toThrow(/not a date/);
  });
});

const ATLANTIS = new URL('../../datasets/atlantis-permits/', import.meta.url);
describe.skipIf(!existsSync(new URL('truth_links.csv', ATLANTIS)))('Atlantis registers (datasets/atlantis-permits)', () => {
  it('work permits, residence permits and social security linked and deduplicated: precision and recall >= 0.95', () => {
    const text = (t: Table, name: string): ((i: number) => string | null) => {
      const c = t.column(name);
      return c.kind === 'category' ? (i) => (c.codes[i]! < 0 ? null : c.levels[c.codes[i]!]!) : (i) => String(c.values[i]);
    };
    const links = readCsv(fileURLToPath(new URL('truth_links.csv', ATLANTIS)));
    const [reg, rid, key] = ['register', 'row_id', 'person_key'].map((n) => text(links, n));
    const truthOf = new Map<string, string>();
    for (let i = 0; i < links.nrows; i++) truthOf.set(`${reg!(i)}:${rid!(i)}`, key!(i)!);
    const specs: { file: string; list: string; rowId: string; id: string; keys: Record<string, string> }[] = [
      { file: 'work_permits.csv', list: 'wp', rowId: 'permit_id', id: 'person_id', keys: { passport: 'passport_no' } },
      { file: 'residence_permits.csv', list: 'rp', rowId: 'permit_id', id: 'person_id', keys: { passport: 'passport_no', foreigner: 'foreigner_id' } },
      { file: 'social_security.csv', list: 'ss', rowId: 'registration_id', id: 'insured_id', keys: { foreigner: 'foreigner_id' } },
    ];
    // one record per register person id (its rows are permits or spells of that id); the second ids are the duplicates
    const records: LinkRecord[] = [];
    const truth: string[] = [];
    for (const s of specs) {
      const t = readCsv(fileURLToPath(new URL(s.file, ATLANTIS)));
      const rows = recordsFromTable(t, s.list, { givenName: 'given_name', familyName: 'family_name', birthDate: 'birth_date', sex: 'sex', nationality: 'nationality', id: s.id, keys: s.keys });
      const rowId = text(t, s.rowId);
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        if (seen.has(r.id!)) return;
        seen.add(r.id!);
        records.push(r);
        truth.push(truthOf.get(`${s.list}:${rowId(i)}`)!);
      });
    }
    const r = linkRecords(records, { pairs: 'all' });
    const q = evaluateLinkage(r.person, truth);
    console.log(`Atlantis registers, ${records.length} register ids: precision ${q.precision.toFixed(4)}, recall ${q.recall.toFixed(4)}, persons recovered ${q.personsExactShare.toFixed(4)}; review ${r.counts.review}, conflicts ${r.conflicts.length}`);
    expect(q.precision).toBeGreaterThanOrEqual(0.95);
    expect(q.recall).toBeGreaterThanOrEqual(0.95);
  });
});
