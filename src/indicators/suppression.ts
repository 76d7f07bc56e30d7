/**
 * Disclosure control of count tables, on by default: primary suppression of small cells and secondary suppression so
 * that no suppressed cell can be recomputed, or narrowed below its protection interval, from the published cells of
 * every table that shares its margins; then the rates and means built on suppressed counts are suppressed too.
 *
 * Cells as quantities. A count table (cells of unit NB, a `measure`) is a cross-classification by sex, classif1 and
 * classif2. A code is a margin when it is the total of a `Breakdown` and an item of none (`SEX_T`, `AGE_YTHADULT_YGE15`,
 * `CBR_BIR_TOTAL`; a null classification is a margin too). Cells of tables with the same measure and the same set of
 * non-margin codes are one quantity: `WAP` by (`SEX_M`, `AGE_YTHADULT_YGE15`, `CBR_BIR_FOREIGN`) in a sex x age x birth
 * table is `WAP` by (`SEX_M`, `EDU_AGGREGATE_TOTAL`, `CBR_BIR_FOREIGN`) in a sex x education x birth table. Their
 * estimates must agree (to 1e-8 relative), or the tables are refused.
 *
 * The additivity system. Every line of every table along every breakdown gives a relation total = sum of items
 * (the cell with the breakdown's total code and the cells with its item codes, all other codes fixed). The relations
 * are written over quantities, so that a quantity shared by several tables is one variable; duplicate relations are
 * kept once. They must hold in the data (to 1e-8 relative) or the tables are refused. A line with its total and only
 * some of its items is not a relation: it is reported in `incompleteLines` (tables should carry zero cells).
 *
 * The policy (`SuppressionPolicy`, defaults in `DEFAULT_SUPPRESSION_POLICY`):
 * - primary suppression: a cell with 0 < n < `min_count` unweighted observations (default 5: the frequency rule's
 *   common threshold; statistical offices use 3 to 10). Zero cells (n = 0) are not sensitive: a published zero
 *   discloses nothing about a person, and suppressing structural zeros would only invite false inference.
 * - protection (percent, default 20): the feasible range of a primary cell of value v, given every published cell of
 *   every table and non-negative suppressed cells, must reach v (1 - p/100) and v (1 + p/100): neither the cell nor a
 *   coalition of it with other suppressed respondents can narrow it to within p% (the p% protection level of
 *   Hundepool et al. 2012, Statistical Disclosure Control, Wiley, section 4.3).
 * - secondary cells (n >= min_count) are not sensitive; by default (`secondary_protection: 'no-recompute'`) they must
 *   not be recomputable: their feasible range must have positive width. `'interval'` requires the p% interval of
 *   them as well (stricter, and it can cascade into much more suppression).
 *
 * The algorithm (deterministic: quantities, relations and candidates are ordered by their keys, not by input order):
 * 1. Primary: mark every quantity with 0 < n < min_count.
 * 2. Heuristic: while a relation has exactly one suppressed quantity, suppress a published quantity of that relation,
 *    chosen by, in order: its value can carry the protection the suppressed one needs (p% of its value for a primary
 *    cell), else it is positive (zero cells give no protection); it leaves the fewest other relations with a single
 *    suppressed quantity (each would cascade into one more suppression); the smallest value; the key.
 * 3. Audit: for each suppressed quantity in key order, solve min and max of it by linear programming
 *    (linear-program.ts) over its connected component of suppressed quantities, subject to the relations with the
 *    published quantities fixed and the suppressed ones >= 0. When the range misses the required interval, suppress one
 *    more published quantity chosen as in step 2 among the relations through it (or, if those have none, through the
 *    suppressed quantities next to it, and so on), repeat step 2, and audit it again. Suppressing more only widens
 *    ranges, so a quantity that passes stays passing and the loop ends (at worst with every cell suppressed).
 * The final range of every suppressed cell is reported (`SuppressionResult.suppressed`), so the protection can be
 * audited. Rates and means: `propagateSuppression`.
 */
import * as z from 'zod';
import type { Breakdown, IndicatorCell, IndicatorTable, Suppression } from './cell.js';
import { solveLinearProgram } from './linear-program.js';
import { PolicyError, formatIssues } from './reliability.js';

/** Tables that cannot be put under disclosure control: the message names the table and the cells. */
export class SuppressionError extends Error {
  override readonly name = 'SuppressionError';
}

export interface SuppressionPolicy {
  /** Disclosure control on (default true). */
  readonly enabled: boolean;
  /** Primary suppression of cells with 0 < n < min_count unweighted observations (default 5). */
  readonly min_count: number;
  /** Protection level p in percent (default 20): a primary cell's feasible range must reach v (1 -/+ p/100). */
  readonly protection: number;
  /** What secondary cells need: a range of positive width (default 'no-recompute'), or the p% interval ('interval'). */
  readonly secondary_protection: 'no-recompute' | 'interval';
}

export const DEFAULT_SUPPRESSION_POLICY: SuppressionPolicy = {
  enabled: true,
  min_count: 5,
  protection: 20,
  secondary_protection: 'no-recompute',
};

const policyShape = {
  enabled: z.boolean(),
  min_count: z.number().int().min(1),
  protection: z.number().min(0).max(100),
  secondary_protection: z.enum(['no-recompute', 'interval']),
};

/** The policy as a user writes it: any subset of the keys, the rest from the defaults. */
export const SuppressionPolicyInputSchema = z.strictObject(
  Object.fromEntries(Object.entries(policyShape).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof policyShape]: z.ZodOptional<(typeof policyShape)[K]> },
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}; allowed keys: ${Object.keys(policyShape).join(', ')}`
        : undefined,
  },
);
export type SuppressionPolicyInput = z.input<typeof SuppressionPolicyInputSchema>;

/** Validates a suppression policy (keys left out take the defaults); throws a PolicyError naming the key and the allowed values. */
export function parseSuppressionPolicy(input: unknown, where = 'suppression policy'): SuppressionPolicy {
  if (input === undefined) return DEFAULT_SUPPRESSION_POLICY;
  const parsed = SuppressionPolicyInputSchema.safeParse(input);
  if (!parsed.success) throw new PolicyError(formatIssues(where, parsed.error));
  return { ...DEFAULT_SUPPRESSION_POLICY, ...Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) };
}

/** The sex breakdown, added when no breakdown has the total `SEX_T`. */
export const SEX_BREAKDOWN: Breakdown = { total: 'SEX_T', items: ['SEX_M', 'SEX_F'] };

/** One distinct quantity (cells of one measure with the same non-margin codes). */
export interface Quantity {
  /** `measure|code,code` (non-margin codes sorted); `measure|` for the grand total. */
  readonly key: string;
  readonly measure: string;
  readonly codes: readonly string[];
  readonly value: number;
  readonly n: number;
  /** The cells that show it: table index and cell index. */
  readonly cells: readonly { readonly table: number; readonly cell: number }[];
}

/** A relation total = sum of items over quantity indices. */
export interface Relation {
  readonly total: number;
  readonly items: readonly number[];
}

/** A line with its total and only some items: not a relation (reported, not used). */
export interface IncompleteLine {
  readonly table: string;
  readonly total: string;
  readonly missing: readonly string[];
  /** The other codes of the line. */
  readonly at: readonly string[];
}

/** The quantities (in key order) and additivity relations (in key order) of a set of count tables. */
export interface AdditivitySystem {
  readonly quantities: readonly Quantity[];
  readonly relations: readonly Relation[];
  readonly incompleteLines: readonly IncompleteLine[];
}

const cellCodes = (c: IndicatorCell): (string | null)[] => [c.sex, c.classif1, c.classif2];
const cellName = (c: IndicatorCell): string => cellCodes(c).filter((x) => x !== null).join(' x ');

/** Margin codes: totals of breakdowns that are items of none. */
function marginCodes(breakdowns: readonly Breakdown[]): Set<string> {
  const items = new Set(breakdowns.flatMap((b) => b.items));
  return new Set(breakdowns.map((b) => b.total).filter((t) => !items.has(t)));
}

function withSex(breakdowns: readonly Breakdown[]): readonly Breakdown[] {
  return breakdowns.some((b) => b.total === SEX_BREAKDOWN.total) ? breakdowns : [SEX_BREAKDOWN, ...breakdowns];
}

/** The quantity key of a cell in a table of `measure`. */
export function quantityKey(measure: string, cell: Pick<IndicatorCell, 'sex' | 'classif1' | 'classif2'>, margins: ReadonlySet<string>): string {
  const codes = [cell.sex, cell.classif1, cell.classif2].filter((c): c is string => c !== null && !margins.has(c)).sort();
  return `${measure}|${codes.join(',')}`;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-8 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The additivity system of count tables (module doc): one quantity per measure and set of non-margin codes, one
 * relation per complete line. Throws a SuppressionError when a table is not a count table, has a cell twice, or is not
 * additive, or when two tables disagree on a quantity.
 */
export function buildAdditivitySystem(tables: readonly IndicatorTable[], breakdownsIn: readonly Breakdown[]): AdditivitySystem {
  const breakdowns = withSex(breakdownsIn);
  const margins = marginCodes(breakdowns);
  const byKey = new Map<string, { measure: string; codes: string[]; value: number; n: number; cells: { table: number; cell: number }[] }>();
  const cellKeys: string[][] = [];
  tables.forEach((t, ti) => {
    if (!t.measure) throw new SuppressionError(`table ${t.indicator}: a count table needs a measure (the population counted) for disclosure control`);
    const keys: string[] = [];
    const seen = new Set<string>();
    t.cells.forEach((c, ci) => {
      if (c.unit !== 'NB') throw new SuppressionError(`table ${t.indicator}: cell ${cellName(c)} has unit ${c.unit}; disclosure control of tables works on counts (NB); rates and means follow with propagateSuppression`);
      if (!(Number.isFinite(c.estimate) && c.estimate >= 0)) throw new SuppressionError(`table ${t.indicator}: cell ${cellName(c)} has estimate ${c.estimate}; a count must be finite and >= 0`);
      const coords = cellCodes(c).join('\u0000');
      if (seen.has(coords)) throw new SuppressionError(`table ${t.indicator}: cell ${cellName(c)} appears twice`);
      seen.add(coords);
      const key = quantityKey(t.measure!, c, margins);
      keys.push(key);
      const q = byKey.get(key);
      if (!q) {
        byKey.set(key, { measure: t.measure!, codes: key.slice(key.indexOf('|') + 1).split(',').filter(Boolean), value: c.estimate, n: c.n, cells: [{ table: ti, cell: ci }] });
        return;
      }
      if (!close(q.value, c.estimate) || q.n !== c.n) {
        const first = tables[q.cells[0]!.table]!;
        throw new SuppressionError(
          `${key.endsWith('|') ? `${key}(all totals)` : key}: table ${t.indicator} has ${c.estimate} (n ${c.n}) but table ${first.indicator} has ${q.value} (n ${q.n}) for the same quantity (same measure and non-total codes)`,
        );
      }
      q.cells.push({ table: ti, cell: ci });
    });
    cellKeys.push(keys);
  });
  const sortedKeys = [...byKey.keys()].sort();
  const index = new Map(sortedKeys.map((k, i) => [k, i]));
  const quantities: Quantity[] = sortedKeys.map((key) => ({ key, ...byKey.get(key)! }));

  const relations = new Map<string, Relation>();
  const incompleteLines: IncompleteLine[] = [];
  tables.forEach((t, ti) => {
    const at = new Map<string, number>();
    t.cells.forEach((c, ci) => at.set(cellCodes(c).join('\u0000'), ci));
    for (let pos = 0; pos < 3; pos++) {
      for (const b of breakdowns) {
        for (const [ci, c] of t.cells.entries()) {
          const codes = cellCodes(c);
          if (codes[pos] !== b.total) continue;
          const items: number[] = [];
          const missing: string[] = [];
          for (const item of b.items) {
            const other = [...codes];
            other[pos] = item;
            const ii = at.get(other.join('\u0000'));
            if (ii === undefined) missing.push(item);
            else items.push(ii);
          }
          if (items.length === 0) continue;
          const others = codes.filter((_, p) => p !== pos).filter((x): x is string => x !== null);
          if (missing.length > 0) {
            incompleteLines.push({ table: t.indicator, total: b.total, missing, at: others });
            continue;
          }
          const sum = items.reduce((s, ii) => s + t.cells[ii]!.estimate, 0);
          if (!close(sum, c.estimate)) {
            throw new SuppressionError(
              `table ${t.indicator}: not additive: ${b.total} at ${others.join(' x ') || 'the total'} is ${c.estimate} but its items ${b.items.join(' + ')} sum to ${sum}`,
            );
          }
          const total = index.get(cellKeys[ti]![ci]!)!;
          const itemQ = items.map((ii) => index.get(cellKeys[ti]![ii]!)!).sort((x, y) => x - y);
          if (itemQ.includes(total)) continue; // an item with the total's own codes: a tautology
          const rk = `${total}=${itemQ.join('+')}`;
          if (!relations.has(rk)) relations.set(rk, { total, items: itemQ });
        }
      }
    }
  });
  const sortedRelations = [...relations.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  return { quantities, relations: sortedRelations, incompleteLines };
}

/** A suppressed quantity in the result: why, what it needed, and the range its published neighbours leave it. */
export interface SuppressedQuantity {
  readonly key: string;
  readonly measure: string;
  readonly codes: readonly string[];
  readonly suppressed: Suppression;
  readonly value: number;
  readonly n: number;
  /** The interval the range must cover: [v (1 - p), v (1 + p)] for primary cells (and secondary under 'interval'); [v, v] plus positive width otherwise. */
  readonly required: readonly [number, number];
  /** Minimum and maximum of the cell over the published tables (LP); max may be Infinity. */
  readonly range: readonly [number, number];
  /** Indicator codes of the tables that show it. */
  readonly tables: readonly string[];
}

export interface SuppressionResult {
  /** The tables with `suppressed` set on every suppressed cell (and removed from the others). */
  readonly tables: IndicatorTable[];
  readonly suppressed: readonly SuppressedQuantity[];
  /** Distinct additivity relations used. */
  readonly relations: number;
  readonly incompleteLines: readonly IncompleteLine[];
  readonly policy: SuppressionPolicy;
}

const PUBLISHED = 0;
const PRIMARY = 1;
const SECONDARY = 2;

/**
 * Primary and secondary suppression of count tables that share margins (module doc). `breakdowns` lists every
 * classification's total and items (sex is added when absent). Returns new tables and the audit of every suppressed
 * cell; the input is not modified.
 */
export function suppressTables(
  tables: readonly IndicatorTable[],
  breakdowns: readonly Breakdown[],
  policyInput?: SuppressionPolicyInput | SuppressionPolicy,
): SuppressionResult {
  const policy = parseSuppressionPolicy(policyInput);
  if (!policy.enabled) return { tables: tables.map((t) => ({ ...t })), suppressed: [], relations: 0, incompleteLines: [], policy };
  const system = buildAdditivitySystem(tables, breakdowns);
  const { quantities, relations } = system;
  const Q = quantities.length;
  const p = policy.protection / 100;
  const status = new Uint8Array(Q);
  const value = Float64Array.from(quantities, (q) => q.value);
  const through: number[][] = Array.from({ length: Q }, () => []);
  const members = relations.map((r) => [r.total, ...r.items]);
  members.forEach((ms, ri) => ms.forEach((m) => through[m]!.push(ri)));
  for (let q = 0; q < Q; q++) if (quantities[q]!.n > 0 && quantities[q]!.n < policy.min_count) status[q] = PRIMARY;

  const needsInterval = (q: number) => status[q] === PRIMARY || policy.secondary_protection === 'interval';
  /** Protection a complement of q should be able to carry: p% of q's value when q needs the interval. */
  const need = (q: number) => (needsInterval(q) ? p * Math.abs(value[q]!) : 0);
  /** Relations through c that would have c as their only suppressed quantity if c were suppressed. */
  const newSingletons = (c: number): number => {
    let k = 0;
    for (const r of through[c]!) if (!members[r]!.some((m) => m !== c && status[m] !== PUBLISHED)) k++;
    return k;
  };
  /** The best complement among published candidates (module doc, step 2), or -1. */
  const pick = (candidates: Iterable<number>, amount: number): number => {
    let best = -1;
    let bestRank: number[] = [];
    for (const c of candidates) {
      if (status[c] !== PUBLISHED || c === best) continue;
      const v = value[c]!;
      const rank = [v > 0 && v >= amount ? 0 : v > 0 ? 1 : 2, newSingletons(c), v, c];
      let better = best < 0;
      for (let i = 0; !better && i < rank.length; i++) {
        if (rank[i]! !== bestRank[i]!) {
          better = rank[i]! < bestRank[i]!;
          break;
        }
      }
      if (better) {
        best = c;
        bestRank = rank;
      }
    }
    return best;
  };
  const closeSingletons = () => {
    for (let changed = true; changed; ) {
      changed = false;
      members.forEach((ms) => {
        let count = 0;
        let lone = -1;
        for (const m of ms) {
          if (status[m] === PUBLISHED) continue;
          count++;
          lone = m;
        }
        if (count !== 1) return;
        const c = pick(ms, need(lone));
        if (c >= 0) {
          status[c] = SECONDARY;
          changed = true;
        }
      });
    }
  };
  /** A published quantity on the relations nearest to q (through q, then through the suppressed cells next to it, ...). */
  const complementFor = (q: number): number => {
    const seenQ = new Set([q]);
    const seenR = new Set<number>();
    let frontier = [q];
    while (frontier.length > 0) {
      const rels = [...new Set(frontier.flatMap((f) => through[f]!))].filter((r) => !seenR.has(r)).sort((a, b) => a - b);
      rels.forEach((r) => seenR.add(r));
      const c = pick(rels.flatMap((r) => members[r]!), need(q));
      if (c >= 0) return c;
      frontier = rels.flatMap((r) => members[r]!).filter((m) => status[m] !== PUBLISHED && !seenQ.has(m));
      frontier.forEach((m) => seenQ.add(m));
    }
    return -1;
  };
  const range = (q: number) => feasibleRange(q, status, value, members, through);
  const required = (q: number): [number, number] => (needsInterval(q) ? [value[q]! * (1 - p), value[q]! * (1 + p)] : [value[q]!, value[q]!]);
  const protectedEnough = (q: number, [lo, hi]: readonly [number, number], scale: number): boolean => {
    const eps = 1e-7 * (1 + scale);
    if (needsInterval(q)) {
      const [a, b] = required(q);
      return lo <= a + eps && hi >= b - eps;
    }
    return hi - lo > eps;
  };

  closeSingletons();
  const checked = new Uint8Array(Q);
  for (let progress = true; progress; ) {
    progress = false;
    for (let q = 0; q < Q; q++) {
      if (status[q] === PUBLISHED || checked[q]) continue;
      for (;;) {
        const r = range(q);
        if (protectedEnough(q, r.range, r.scale)) break;
        const c = complementFor(q);
        if (c < 0) throw new SuppressionError(`${quantities[q]!.key}: cannot be protected (no published cell left to suppress); range [${r.range.join(', ')}]`);
        status[c] = SECONDARY;
        closeSingletons();
        progress = true;
      }
      checked[q] = 1;
    }
  }

  const kind = (q: number): Suppression | undefined => (status[q] === PRIMARY ? 'primary' : status[q] === SECONDARY ? 'secondary' : undefined);
  const cellStatus = tables.map((t) => new Array<Suppression | undefined>(t.cells.length));
  quantities.forEach((qu, q) => qu.cells.forEach(({ table, cell }) => (cellStatus[table]![cell] = kind(q))));
  const out = tables.map((t, ti) => ({
    ...t,
    cells: t.cells.map((c, ci) => {
      const s = cellStatus[ti]![ci];
      const rest: IndicatorCell = { ...c };
      delete (rest as { suppressed?: Suppression }).suppressed;
      return s ? { ...rest, suppressed: s } : rest;
    }),
  }));
  const suppressed: SuppressedQuantity[] = [];
  for (let q = 0; q < Q; q++) {
    if (status[q] === PUBLISHED) continue;
    const qu = quantities[q]!;
    suppressed.push({
      key: qu.key,
      measure: qu.measure,
      codes: qu.codes,
      suppressed: kind(q)!,
      value: qu.value,
      n: qu.n,
      required: required(q),
      range: range(q).range,
      tables: [...new Set(qu.cells.map((c) => tables[c.table]!.indicator))],
    });
  }
  return { tables: out, suppressed, relations: relations.length, incompleteLines: system.incompleteLines, policy };
}

/**
 * Minimum and maximum of suppressed quantity q given the published quantities, over its connected component of
 * suppressed quantities (those linked to it through relations); `scale` is the largest value involved (for tolerances).
 */
function feasibleRange(
  q: number,
  status: Uint8Array,
  value: Float64Array,
  members: readonly (readonly number[])[],
  through: readonly (readonly number[])[],
): { range: [number, number]; scale: number } {
  const local = new Map<number, number>([[q, 0]]);
  const rels: number[] = [];
  const seenR = new Set<number>();
  for (let i = 0, order = [q]; i < order.length; i++) {
    for (const r of through[order[i]!]!) {
      if (seenR.has(r)) continue;
      seenR.add(r);
      rels.push(r);
      for (const m of members[r]!) {
        if (status[m] !== PUBLISHED && !local.has(m)) {
          local.set(m, local.size);
          order.push(m);
        }
      }
    }
  }
  const nv = local.size;
  let scale = Math.abs(value[q]!);
  const A: Float64Array[] = [];
  const b: number[] = [];
  for (const r of rels.sort((x, y) => x - y)) {
    const row = new Float64Array(nv);
    let rhs = 0;
    members[r]!.forEach((m, k) => {
      const coef = k === 0 ? 1 : -1; // total - sum of items = 0
      scale = Math.max(scale, Math.abs(value[m]!));
      if (status[m] === PUBLISHED) rhs -= coef * value[m]!;
      else row[local.get(m)!]! += coef;
    });
    A.push(row);
    b.push(rhs);
  }
  const objective = new Float64Array(nv);
  objective[0] = 1;
  const bMax = b.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
  // Data are additive to 1e-8 relative (buildAdditivitySystem): accept that much inconsistency, whatever |b| is.
  const options = { feasibilityTolerance: (1e-8 * (1 + scale) * Math.max(1, A.length)) / (1 + bMax) };
  const lo = solveLinearProgram({ sense: 'min', objective, A, b }, options);
  const hi = solveLinearProgram({ sense: 'max', objective, A, b }, options);
  if (lo.status === 'infeasible' || hi.status === 'infeasible') {
    throw new SuppressionError(`internal: the published cells leave no feasible value for suppressed quantity ${q} (inconsistent relations)`);
  }
  return { range: [lo.status === 'optimal' ? lo.value : -Infinity, hi.status === 'optimal' ? hi.value : Infinity], scale };
}

export interface PropagationOptions {
  /** The breakdowns of the count tables (sex is added when absent): they identify a rate cell's count cells. */
  readonly breakdowns?: readonly Breakdown[];
  /** The policy (its `min_count` applies to the rate's own n and n_domain); default DEFAULT_SUPPRESSION_POLICY. */
  readonly policy?: SuppressionPolicyInput | SuppressionPolicy;
}

/**
 * Suppresses rates and means that would disclose a suppressed count: a cell of a rate (or mean, median) table is
 * suppressed as `secondary` when the count cell of its `numeratorMeasure` or `denominatorMeasure` with the same
 * non-margin codes is suppressed in `countTables` (rate x denominator recomputes the numerator), and as `primary` when
 * its own 0 < n < min_count or 0 < n_domain < min_count. A cell already suppressed stays suppressed. Count cells are
 * matched through the same quantity keys as `suppressTables`; a rate whose count is in no count table is judged on its
 * own n alone.
 */
export function propagateSuppression(
  rateTables: readonly IndicatorTable[],
  countTables: readonly IndicatorTable[],
  options: PropagationOptions = {},
): IndicatorTable[] {
  const policy = parseSuppressionPolicy(options.policy);
  if (!policy.enabled) return rateTables.map((t) => ({ ...t }));
  const margins = marginCodes(withSex(options.breakdowns ?? []));
  const suppressedCounts = new Set<string>();
  for (const t of countTables) {
    if (!t.measure) continue;
    for (const c of t.cells) if (c.suppressed) suppressedCounts.add(quantityKey(t.measure, c, margins));
  }
  const small = (n: number) => n > 0 && n < policy.min_count;
  return rateTables.map((t) => ({
    ...t,
    cells: t.cells.map((c) => {
      if (c.suppressed) return c;
      if (small(c.n) || small(c.n_domain)) return { ...c, suppressed: 'primary' as const };
      const hit = [t.numeratorMeasure, t.denominatorMeasure].some((m) => m !== undefined && suppressedCounts.has(quantityKey(m, c, margins)));
      return hit ? { ...c, suppressed: 'secondary' as const } : c;
    }),
  }));
}
