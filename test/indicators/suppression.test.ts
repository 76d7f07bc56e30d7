import { describe, expect, it } from 'vitest';
import type { Breakdown, IndicatorCell, IndicatorTable } from '../../src/indicators/cell.js';
import { solveLinearProgram } from '../../src/indicators/linear-program.js';
import { PolicyError } from '../../src/indicators/reliability.js';
import {
  DEFAULT_SUPPRESSION_POLICY, SuppressionError, buildAdditivitySystem, parseSuppressionPolicy, propagateSuppression,
  suppressTables, type SuppressionPolicy,
} from '../../src/indicators/suppression.js';
import { SeededRandom } from '../support/random.js';

// ---------------------------------------------------------------------------------------------------------------------
// Synthetic microdata and the count tables built from them (plain weighted sums, so the tables are additive).

const SEX = { name: 'sex', total: 'SEX_T', items: ['SEX_M', 'SEX_F'] };
const AGE = { name: 'age', total: 'AGE_AGGREGATE_TOTAL', items: ['AGE_AGGREGATE_Y15-24', 'AGE_AGGREGATE_Y25-54', 'AGE_AGGREGATE_Y55-64', 'AGE_AGGREGATE_YGE65'] };
const EDU = { name: 'edu', total: 'EDU_AGGREGATE_TOTAL', items: ['EDU_AGGREGATE_LTB', 'EDU_AGGREGATE_BAS', 'EDU_AGGREGATE_INT', 'EDU_AGGREGATE_ADV', 'EDU_AGGREGATE_X'] };
const BIR = { name: 'birth', total: 'CBR_BIR_TOTAL', items: ['CBR_BIR_NATIVE', 'CBR_BIR_FOREIGN', 'CBR_BIR_X'] };
interface Dim {
  readonly name: string;
  readonly total: string;
  readonly items: readonly string[];
}
const BREAKDOWNS: Breakdown[] = [SEX, AGE, EDU, BIR].map(({ total, items }) => ({ total, items }));
const TOTALS = new Set(BREAKDOWNS.map((b) => b.total));

interface Person {
  readonly sex: string;
  readonly age: string;
  readonly edu: string;
  readonly birth: string;
  readonly employed: boolean;
  readonly w: number;
}

function persons(seed: number, size: number): Person[] {
  const rng = new SeededRandom(seed);
  const draw = (items: readonly string[], probs: readonly number[]) => {
    let u = rng.next();
    for (let i = 0; i < items.length; i++) if ((u -= probs[i]!) < 0) return items[i]!;
    return items[items.length - 1]!;
  };
  return Array.from({ length: size }, () => ({
    sex: draw(SEX.items, [0.5, 0.5]),
    age: draw(AGE.items, [0.2, 0.55, 0.15, 0.1]),
    edu: draw(EDU.items, [0.1, 0.3, 0.35, 0.2, 0.05]),
    birth: draw(BIR.items, [0.8, 0.15, 0.05]),
    employed: rng.next() < 0.6,
    // Integer weights on even seeds, fractional on odd ones (additivity then holds to rounding only).
    w: seed % 2 === 0 ? 80 + rng.below(320) : 80 + 320 * rng.next(),
  }));
}

/** A count table over sex x dims (classif1, classif2), every combination present (zero cells included). */
function countTable(indicator: string, measure: string, people: readonly Person[], dims: readonly Dim[]): IndicatorTable {
  const cells: IndicatorCell[] = [];
  const codes = (d: Dim) => [d.total, ...d.items];
  const value = (p: Person, d: Dim) => p[d.name as 'sex' | 'age' | 'edu' | 'birth'];
  const combos: string[][] = [[]];
  for (const d of [SEX, ...dims]) combos.splice(0, combos.length, ...combos.flatMap((c) => codes(d).map((x) => [...c, x])));
  for (const combo of combos) {
    let n = 0;
    let est = 0;
    for (const p of people) {
      if ([SEX, ...dims].every((d, i) => combo[i] === d.total || value(p, d) === combo[i])) {
        n++;
        est += p.w;
      }
    }
    cells.push(cell(indicator, combo[0]!, combo[1] ?? null, combo[2] ?? null, est, n));
  }
  return { indicator, label: indicator, measure, cells };
}

function cell(indicator: string, sex: string, classif1: string | null, classif2: string | null, estimate: number, n: number): IndicatorCell {
  return {
    indicator, sex, classif1, classif2, unit: 'NB', estimate, se: 0, ci_low: estimate, ci_high: estimate, df: 10, deff: 1,
    cv: NaN, n, n_domain: n, N: estimate, reliability: 'reliable',
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// The independent audit: one LP variable per distinct quantity (measure and non-total codes), every additivity relation
// of every table written from the table's own dimensions, published cells fixed, suppressed cells >= 0.

interface Spec {
  readonly table: IndicatorTable;
  readonly dims: readonly Dim[];
}

const auditKey = (measure: string, codes: readonly (string | null)[]) => `${measure}|${codes.filter((c): c is string => c !== null && !TOTALS.has(c)).sort().join(',')}`;

function audit(specs: readonly Spec[], suppressedTables: readonly IndicatorTable[], policy: SuppressionPolicy) {
  const vars = new Map<string, { value: number; suppressed: boolean; primary: boolean }>();
  suppressedTables.forEach((t) => {
    for (const c of t.cells) {
      const k = auditKey(t.measure!, [c.sex, c.classif1, c.classif2]);
      const v = vars.get(k);
      const s = c.suppressed !== undefined;
      if (v) {
        expect(s, `${k} suppressed in one table and published in another`).toBe(v.suppressed);
        expect(c.estimate).toBeCloseTo(v.value, 6);
      } else vars.set(k, { value: c.estimate, suppressed: s, primary: c.suppressed === 'primary' });
    }
  });
  const keys = [...vars.keys()].sort();
  const idx = new Map(keys.map((k, i) => [k, i]));
  const rows: number[][] = [];
  for (const { table, dims } of specs) {
    const all = [SEX, ...dims];
    const at = new Map(table.cells.map((c) => [[c.sex, c.classif1, c.classif2].slice(0, all.length).join('|'), c]));
    for (let pos = 0; pos < all.length; pos++) {
      for (const c of table.cells) {
        const coords = [c.sex, c.classif1, c.classif2].slice(0, all.length) as string[];
        if (coords[pos] !== all[pos]!.total) continue;
        const row = new Array<number>(keys.length).fill(0);
        row[idx.get(auditKey(table.measure!, coords))!]! += 1;
        for (const item of all[pos]!.items) {
          const o = [...coords];
          o[pos] = item;
          const ic = at.get(o.join('|'))!;
          row[idx.get(auditKey(table.measure!, [ic.sex, ic.classif1, ic.classif2]))!]! -= 1;
        }
        rows.push(row);
      }
    }
  }
  const lower = keys.map((k) => (vars.get(k)!.suppressed ? 0 : vars.get(k)!.value));
  const upper = keys.map((k) => (vars.get(k)!.suppressed ? Infinity : vars.get(k)!.value));
  const b = rows.map(() => 0);
  const ranges = new Map<string, [number, number]>();
  const p = policy.protection / 100;
  for (const k of keys) {
    const v = vars.get(k)!;
    if (!v.suppressed) continue;
    const objective = keys.map((x) => (x === k ? 1 : 0));
    const lo = solveLinearProgram({ sense: 'min', objective, A: rows, b, lower, upper });
    const hi = solveLinearProgram({ sense: 'max', objective, A: rows, b, lower, upper });
    expect(lo.status, k).toBe('optimal');
    expect(hi.status, k).not.toBe('infeasible');
    const range: [number, number] = [lo.value, hi.status === 'optimal' ? hi.value : Infinity];
    ranges.set(k, range);
    const tol = 1e-6 * (1 + v.value);
    if (v.primary || policy.secondary_protection === 'interval') {
      expect(range[0], `${k} (value ${v.value}) can be narrowed from below: ${range}`).toBeLessThanOrEqual(v.value * (1 - p) + tol);
      expect(range[1], `${k} (value ${v.value}) can be narrowed from above: ${range}`).toBeGreaterThanOrEqual(v.value * (1 + p) - tol);
    } else {
      expect(range[1] - range[0], `${k} (value ${v.value}) can be recomputed: ${range}`).toBeGreaterThan(tol);
    }
  }
  return { ranges, vars };
}

function scenario(seed: number): Spec[] {
  const people = persons(seed, 90 + (seed % 5) * 30);
  const specs: Spec[] = [
    { table: countTable('MST_XWAP_SEX_AGE_CBR_NB', 'WAP', people, [AGE, BIR]), dims: [AGE, BIR] },
    { table: countTable('MST_XWAP_SEX_EDU_CBR_NB', 'WAP', people, [EDU, BIR]), dims: [EDU, BIR] },
  ];
  // A third table sharing margins on most seeds: by birth alone (birth in classif1 here, classif2 above).
  if (seed % 3 !== 0) specs.push({ table: countTable('MST_XWAP_SEX_CBR_NB', 'WAP', people, [BIR]), dims: [BIR] });
  // Employment by age and birth: another measure, audited on its own.
  if (seed % 2 === 1) specs.push({ table: countTable('MST_TEMP_SEX_AGE_CBR_NB', 'EMP', people.filter((p) => p.employed), [AGE, BIR]), dims: [AGE, BIR] });
  return specs;
}

describe('suppressTables: audit by linear programming on random tables sharing margins', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  for (const seed of seeds) {
    it(`seed ${seed}: every suppressed cell keeps its protection interval given all published cells`, () => {
      const specs = scenario(seed);
      const result = suppressTables(specs.map((s) => s.table), BREAKDOWNS);
      const primaries = result.suppressed.filter((s) => s.suppressed === 'primary');
      expect(primaries.length, 'the scenario should have small cells').toBeGreaterThan(0);
      // Every cell with 0 < n < min_count is suppressed as primary; zero cells are not primary.
      result.tables.forEach((t) =>
        t.cells.forEach((c) => {
          if (c.n > 0 && c.n < DEFAULT_SUPPRESSION_POLICY.min_count) expect(c.suppressed).toBe('primary');
          else expect(c.suppressed).not.toBe('primary');
        }),
      );
      const auditSpecs = specs.map((s, i) => ({ ...s, table: result.tables[i]! }));
      const { ranges } = audit(auditSpecs, result.tables, result.policy);
      // The module's own reported ranges agree with the independent LP over all tables.
      expect(ranges.size).toBe(result.suppressed.length);
      for (const s of result.suppressed) {
        const r = ranges.get(s.key)!;
        expect(s.range[0]).toBeCloseTo(r[0], 4);
        if (r[1] === Infinity) expect(s.range[1]).toBe(Infinity);
        else expect(s.range[1]).toBeCloseTo(r[1], 4);
      }
      // Not everything is suppressed.
      const cells = result.tables.flatMap((t) => t.cells);
      expect(cells.filter((c) => c.suppressed).length).toBeLessThan(cells.length);
    });
  }

  it("secondary_protection 'interval': every suppressed cell (primary and secondary) keeps the p% interval", () => {
    for (const seed of [2, 5]) {
      const specs = scenario(seed);
      const policy = parseSuppressionPolicy({ secondary_protection: 'interval', protection: 15 });
      const result = suppressTables(specs.map((s) => s.table), BREAKDOWNS, policy);
      audit(specs.map((s, i) => ({ ...s, table: result.tables[i]! })), result.tables, policy);
    }
  });

  it('a higher min_count suppresses a superset of primary cells, still protected', () => {
    const specs = scenario(4);
    const policy = parseSuppressionPolicy({ min_count: 10, protection: 30 });
    const result = suppressTables(specs.map((s) => s.table), BREAKDOWNS, policy);
    const base = suppressTables(specs.map((s) => s.table), BREAKDOWNS);
    const primary = (r: typeof result) => new Set(r.suppressed.filter((s) => s.suppressed === 'primary').map((s) => s.key));
    for (const k of primary(base)) expect(primary(result).has(k)).toBe(true);
    audit(specs.map((s, i) => ({ ...s, table: result.tables[i]! })), result.tables, policy);
  });
});

describe('suppressTables: determinism', () => {
  it('gives the same result twice, and whatever the order of tables and cells', () => {
    const specs = scenario(7);
    const a = suppressTables(specs.map((s) => s.table), BREAKDOWNS);
    const b = suppressTables(specs.map((s) => s.table), BREAKDOWNS);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const rng = new SeededRandom(99);
    const shuffled = specs.map((s) => {
      const cells = [...s.table.cells];
      for (let i = cells.length - 1; i > 0; i--) {
        const j = rng.below(i + 1);
        [cells[i], cells[j]] = [cells[j]!, cells[i]!];
      }
      return { ...s.table, cells };
    }).reverse();
    const c = suppressTables(shuffled, [...BREAKDOWNS].reverse());
    expect(c.suppressed.map((s) => [s.key, s.suppressed])).toEqual(a.suppressed.map((s) => [s.key, s.suppressed]));
  });
});

describe('suppressTables: small hand-made cases', () => {
  const BIRTH2: Breakdown = { total: 'CBR_BIR_TOTAL', items: ['CBR_BIR_NATIVE', 'CBR_BIR_FOREIGN'] };
  /** A sex x birth table from [sex][birth] = [estimate, n] for M and F, NATIVE and FOREIGN; margins summed. */
  function sexBirth(inner: Record<'M' | 'F', Record<'NATIVE' | 'FOREIGN', [number, number]>>, indicator = 'MST_XWAP_SEX_CBR_NB'): IndicatorTable {
    const cells: IndicatorCell[] = [];
    for (const s of ['T', 'M', 'F'] as const) {
      for (const b of ['TOTAL', 'NATIVE', 'FOREIGN'] as const) {
        const sexes = s === 'T' ? (['M', 'F'] as const) : [s];
        const births = b === 'TOTAL' ? (['NATIVE', 'FOREIGN'] as const) : [b];
        let est = 0;
        let n = 0;
        for (const x of sexes) {
          for (const y of births) {
            est += inner[x][y][0];
            n += inner[x][y][1];
          }
        }
        cells.push(cell(indicator, `SEX_${s}`, `CBR_BIR_${b}`, null, est, n));
      }
    }
    return { indicator, label: indicator, measure: 'WAP', cells };
  }
  const status = (t: IndicatorTable) => Object.fromEntries(t.cells.map((c) => [`${c.sex} ${c.classif1}`, c.suppressed ?? '-']));

  it('publishes everything when no cell is small', () => {
    const t = sexBirth({ M: { NATIVE: [5000, 50], FOREIGN: [900, 9] }, F: { NATIVE: [5200, 52], FOREIGN: [800, 8] } });
    const r = suppressTables([t], [BIRTH2]);
    expect(r.suppressed).toEqual([]);
    expect(r.tables[0]!.cells.every((c) => c.suppressed === undefined)).toBe(true);
    expect(r.relations).toBe(6);
  });

  it('one small cell in a 2 x 2 table: exactly the rectangle of four inner cells, margins published', () => {
    const t = sexBirth({ M: { NATIVE: [5000, 50], FOREIGN: [300, 3] }, F: { NATIVE: [5200, 52], FOREIGN: [800, 8] } });
    const r = suppressTables([t], [BIRTH2]);
    expect(status(r.tables[0]!)).toEqual({
      'SEX_T CBR_BIR_TOTAL': '-', 'SEX_T CBR_BIR_NATIVE': '-', 'SEX_T CBR_BIR_FOREIGN': '-',
      'SEX_M CBR_BIR_TOTAL': '-', 'SEX_M CBR_BIR_NATIVE': 'secondary', 'SEX_M CBR_BIR_FOREIGN': 'primary',
      'SEX_F CBR_BIR_TOTAL': '-', 'SEX_F CBR_BIR_NATIVE': 'secondary', 'SEX_F CBR_BIR_FOREIGN': 'secondary',
    });
    // M-FOREIGN = 300 ranges over [300 - min(300, 5200), 300 + min(800, 5000)] = [0, 1100].
    const primary = r.suppressed.find((s) => s.suppressed === 'primary')!;
    expect(primary.key).toBe('WAP|CBR_BIR_FOREIGN,SEX_M');
    expect(primary.range[0]).toBeCloseTo(0, 9);
    expect(primary.range[1]).toBeCloseTo(1100, 9);
    expect(primary.required).toEqual([240, 360]);
  });

  it('a complement too small to protect is passed over for one that can carry the protection', () => {
    // M-FOREIGN = 1000 (n 3) needs +-200. In the FOREIGN line F-FOREIGN (100) could move it up by 100 only, so
    // T-FOREIGN (1100) is taken; in the SEX_M line M-NATIVE (5000), and T-NATIVE closes the NATIVE line.
    const t = sexBirth({ M: { NATIVE: [5000, 50], FOREIGN: [1000, 3] }, F: { NATIVE: [5200, 52], FOREIGN: [100, 6] } });
    const r = suppressTables([t], [BIRTH2]);
    expect(status(r.tables[0]!)).toEqual({
      'SEX_T CBR_BIR_TOTAL': '-', 'SEX_T CBR_BIR_NATIVE': 'secondary', 'SEX_T CBR_BIR_FOREIGN': 'secondary',
      'SEX_M CBR_BIR_TOTAL': '-', 'SEX_M CBR_BIR_NATIVE': 'secondary', 'SEX_M CBR_BIR_FOREIGN': 'primary',
      'SEX_F CBR_BIR_TOTAL': '-', 'SEX_F CBR_BIR_NATIVE': '-', 'SEX_F CBR_BIR_FOREIGN': '-',
    });
    const primary = r.suppressed.find((s) => s.suppressed === 'primary')!;
    expect(primary.range[0]).toBeCloseTo(0, 9);
    expect(primary.range[1]).toBeCloseTo(6000, 9);
  });

  it('zero cells are not sensitive, and are not used as complements', () => {
    // M-FOREIGN = 0 is published; F-FOREIGN (n 2) and T-FOREIGN (= F-FOREIGN, n 2) are both primary. Among the
    // complements of equal capacity, F-NATIVE is taken over M-NATIVE: it leaves no line with a single suppressed cell.
    const t = sexBirth({ M: { NATIVE: [5000, 50], FOREIGN: [0, 0] }, F: { NATIVE: [5200, 52], FOREIGN: [300, 2] } });
    const r = suppressTables([t], [BIRTH2]);
    expect(status(r.tables[0]!)).toEqual({
      'SEX_T CBR_BIR_TOTAL': '-', 'SEX_T CBR_BIR_NATIVE': 'secondary', 'SEX_T CBR_BIR_FOREIGN': 'primary',
      'SEX_M CBR_BIR_TOTAL': '-', 'SEX_M CBR_BIR_NATIVE': '-', 'SEX_M CBR_BIR_FOREIGN': '-',
      'SEX_F CBR_BIR_TOTAL': '-', 'SEX_F CBR_BIR_NATIVE': 'secondary', 'SEX_F CBR_BIR_FOREIGN': 'primary',
    });
    audit([{ table: r.tables[0]!, dims: [{ name: 'birth', ...BIRTH2 }] }], r.tables, r.policy);
  });

  it('policy enabled: false publishes everything', () => {
    const t = sexBirth({ M: { NATIVE: [5000, 50], FOREIGN: [300, 3] }, F: { NATIVE: [5200, 52], FOREIGN: [800, 8] } });
    const r = suppressTables([t], [BIRTH2], { enabled: false });
    expect(r.tables[0]!.cells.every((c) => c.suppressed === undefined)).toBe(true);
  });

  it('reports a line with only some of its items, and does not use it', () => {
    const t = sexBirth({ M: { NATIVE: [5000, 50], FOREIGN: [900, 9] }, F: { NATIVE: [5200, 52], FOREIGN: [800, 8] } });
    const r = suppressTables([t], [{ total: 'CBR_BIR_TOTAL', items: ['CBR_BIR_NATIVE', 'CBR_BIR_FOREIGN', 'CBR_BIR_X'] }]);
    expect(r.incompleteLines.length).toBe(3);
    expect(r.incompleteLines[0]).toEqual({ table: 'MST_XWAP_SEX_CBR_NB', total: 'CBR_BIR_TOTAL', missing: ['CBR_BIR_X'], at: ['SEX_T'] });
    expect(r.relations).toBe(3); // the sex lines only
  });

  it('refuses tables that are not additive, disagree on a shared quantity, or lack a measure', () => {
    const t = sexBirth({ M: { NATIVE: [5000, 50], FOREIGN: [900, 9] }, F: { NATIVE: [5200, 52], FOREIGN: [800, 8] } });
    const broken = { ...t, cells: t.cells.map((c) => (c.sex === 'SEX_T' && c.classif1 === 'CBR_BIR_TOTAL' ? { ...c, estimate: 1 } : c)) };
    expect(() => suppressTables([broken], [BIRTH2])).toThrow(SuppressionError);
    expect(() => suppressTables([broken], [BIRTH2])).toThrow(/not additive/);
    const other = sexBirth({ M: { NATIVE: [5001, 50], FOREIGN: [900, 9] }, F: { NATIVE: [5200, 52], FOREIGN: [800, 8] } }, 'OTHER');
    expect(() => suppressTables([t, other], [BIRTH2])).toThrow(/table OTHER has 11901 \(n 119\) but table MST_XWAP_SEX_CBR_NB has 11900/);
    const noMeasure: IndicatorTable = { indicator: t.indicator, label: t.label, cells: t.cells };
    expect(() => suppressTables([noMeasure], [BIRTH2])).toThrow(/needs a measure/);
    const negative = { ...t, cells: t.cells.map((c, i) => (i === 4 ? { ...c, estimate: -1 } : c)) };
    expect(() => suppressTables([negative], [BIRTH2])).toThrow(/SEX_M x CBR_BIR_NATIVE has estimate -1; a count must be finite and >= 0/);
  });

  it('identifies a quantity across tables whatever classification slot holds its codes', () => {
    const people = persons(3, 60);
    const a = countTable('A', 'WAP', people, [AGE, BIR]);
    const b = countTable('B', 'WAP', people, [BIR]);
    const sys = buildAdditivitySystem([a, b], BREAKDOWNS);
    // Table B's cells are all in table A (age total): no new quantities.
    expect(sys.quantities.length).toBe(a.cells.length);
    const foreignMen = sys.quantities.find((q) => q.key === 'WAP|CBR_BIR_FOREIGN,SEX_M')!;
    expect(foreignMen.cells.map((c) => c.table)).toEqual([0, 1]);
  });
});

describe('parseSuppressionPolicy', () => {
  it('defaults: on, min_count 5, protection 20%, secondary cells not recomputable', () => {
    expect(parseSuppressionPolicy(undefined)).toEqual({ enabled: true, min_count: 5, protection: 20, secondary_protection: 'no-recompute' });
    expect(parseSuppressionPolicy({ min_count: 3 })).toEqual({ ...DEFAULT_SUPPRESSION_POLICY, min_count: 3 });
  });
  it('names the key and the allowed values', () => {
    expect(() => parseSuppressionPolicy({ minCount: 3 })).toThrow(PolicyError);
    expect(() => parseSuppressionPolicy({ minCount: 3 })).toThrow(/unknown key "minCount"; allowed keys: enabled, min_count, protection, secondary_protection/);
    expect(() => parseSuppressionPolicy({ secondary_protection: 'all' })).toThrow(/secondary_protection: .*"no-recompute"\|"interval"/);
    expect(() => parseSuppressionPolicy({ protection: 120 }, 'pipeline.yaml: suppression')).toThrow(/^pipeline\.yaml: suppression: protection: /);
  });
});

describe('propagateSuppression', () => {
  it('suppresses a rate whose numerator or denominator count is suppressed, and small rates on their own n', () => {
    const people = persons(12, 150);
    const wap = countTable('MST_XWAP_SEX_CBR_NB', 'WAP', people, [BIR]);
    const emp = countTable('MST_TEMP_SEX_CBR_NB', 'EMP', people.filter((p) => p.employed), [BIR]);
    const counts = suppressTables([wap, emp], BREAKDOWNS).tables;
    const suppressedKey = (t: IndicatorTable) => new Set(t.cells.filter((c) => c.suppressed).map((c) => `${c.sex} ${c.classif1}`));
    const wapS = suppressedKey(counts[0]!);
    const empS = suppressedKey(counts[1]!);
    expect(wapS.size + empS.size).toBeGreaterThan(0);
    // The employment-to-population ratio by sex and birth, rows in the same codes.
    const rate: IndicatorTable = {
      indicator: 'MST_TEMP_SEX_CBR_RT', label: 'EPR', numeratorMeasure: 'EMP', denominatorMeasure: 'WAP',
      cells: emp.cells.map((c, i) => ({ ...c, indicator: 'MST_TEMP_SEX_CBR_RT', unit: 'RT' as const, estimate: 100 * c.estimate / wap.cells[i]!.estimate, n_domain: wap.cells[i]!.n })),
    };
    const [out] = propagateSuppression([rate], counts, { breakdowns: BREAKDOWNS });
    for (const c of out!.cells) {
      const k = `${c.sex} ${c.classif1}`;
      const small = (c.n > 0 && c.n < 5) || (c.n_domain > 0 && c.n_domain < 5);
      if (small) expect(c.suppressed, k).toBe('primary');
      else if (wapS.has(k) || empS.has(k)) expect(c.suppressed, k).toBe('secondary');
      else expect(c.suppressed, k).toBeUndefined();
    }
    // Without measures, only the rate's own n counts.
    const bare: IndicatorTable = { indicator: rate.indicator, label: rate.label, cells: rate.cells };
    const [alone] = propagateSuppression([bare], counts, { breakdowns: BREAKDOWNS });
    expect(alone!.cells.filter((c) => c.suppressed === 'secondary')).toEqual([]);
  });
});
