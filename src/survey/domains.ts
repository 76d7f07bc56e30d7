import { type SurveyData, type Vector, compareLevels, labelAt } from './data.js';
import { DesignError } from './errors.js';

/** A row filter `COL op VALUE` (R `subset(design, ...)`): the design is kept, rows outside get no weight in the estimate. */
export interface Condition {
  readonly column: string;
  readonly op: '=' | '!=' | '>' | '>=' | '<' | '<=';
  readonly value: string;
}
export const CONDITION_OPS: readonly Condition['op'][] = ['!=', '>=', '<=', '=', '>', '<'];

/** Parses `COL=V`, `COL!=V`, `COL>X`, `COL>=X`, `COL<X`, `COL<=X`. */
export function parseCondition(text: string): Condition {
  for (const op of CONDITION_OPS) {
    const at = text.indexOf(op);
    if (at > 0) return { column: text.slice(0, at).trim(), op, value: text.slice(at + op.length).trim() };
  }
  throw new DesignError(`condition "${text}" is not of the form COL=V, COL!=V, COL>X, COL>=X, COL<X or COL<=X`);
}

/** One estimation domain: its by-variable values and its rows (ascending). */
export interface Domain {
  readonly key: Readonly<Record<string, string>>;
  readonly rows: Int32Array;
}

/** The rows kept by the `where` conditions, the domains of the `by` variables within them, and rows left out for a missing by-value. */
export interface DomainSet {
  readonly subset: Int32Array;
  readonly domains: readonly Domain[];
  readonly missingBy: number;
  /** For each row, 1 + its index in the domains' rows laid end to end (domain after domain); 0 for rows in no domain. */
  readonly position: Int32Array;
}

function matches(v: Vector, i: number, c: Condition, x: number): boolean {
  const label = labelAt(v, i);
  if (label === null) return false;
  if (c.op === '=' || c.op === '!=') {
    const equal = v.kind === 'number' && Number.isFinite(x) ? v.values[i] === x : label === c.value;
    return c.op === '=' ? equal : !equal;
  }
  const y = (v as { values: Float64Array }).values[i]!;
  switch (c.op) {
    case '>':
      return y > x;
    case '>=':
      return y >= x;
    case '<':
      return y < x;
    default:
      return y <= x;
  }
}

/** Splits the rows into domains by stable counting sorts on the by-variables' level ranks (last variable first), domains in R's level order. */
export function buildDomains(data: SurveyData, by: readonly string[], where: readonly Condition[]): DomainSet {
  const n = data.nrows;
  const subset = rowsWhere(data, where);
  const levels = by.map((name) => byLevels(data.column(name), n));
  let missingBy = 0;
  for (let j = 0; j < subset.length; j++) if (!hasLevels(levels, subset[j]!)) missingBy++;
  // Sorted last variable first, so the first variable's buckets come out of the last sort; runs within them split by the others.
  let sorted: Int32Array = missingBy > 0 ? subset.filter((i) => hasLevels(levels, i)) : subset;
  let bucketStart: Int32Array = Int32Array.of(0, sorted.length);
  const position = new Int32Array(n);
  if (by.length === 0) for (let k = 0; k < sorted.length; k++) position[sorted[k]!] = k + 1;
  for (let b = by.length - 1; b >= 0; b--) {
    const byRank = sortByRank(sorted, levels[b]!, position);
    sorted = byRank.rows;
    bucketStart = byRank.start;
  }
  const others = levels.slice(1);
  const domains: Domain[] = [];
  for (let bucket = 0; bucket + 1 < bucketStart.length; bucket++) {
    for (let begin = bucketStart[bucket]!, end = begin; begin < bucketStart[bucket + 1]!; begin = end) {
      end = runEnd(others, sorted, begin, bucketStart[bucket + 1]!);
      const first = sorted[begin]!;
      domains.push({ key: Object.fromEntries(by.map((name, b) => [name, levels[b]!.sorted[rankAt(levels[b]!, first)]!])), rows: sorted.subarray(begin, end) });
    }
  }
  return { subset, domains, missingBy, position };
}

/** The rows (ascending) that meet every condition. */
function rowsWhere(data: SurveyData, where: readonly Condition[]): Int32Array {
  const n = data.nrows;
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  if (where.length === 0) return rows;
  const keep = new Uint8Array(n).fill(1);
  for (const c of where) {
    const v = data.column(c.column);
    const x = c.value.trim() === '' ? NaN : Number(c.value);
    if (c.op !== '=' && c.op !== '!=' && (v.kind !== 'number' || !Number.isFinite(x))) {
      throw new DesignError(`condition ${c.column}${c.op}${c.value}: "${c.op}" needs a numeric column and a number`);
    }
    for (let i = 0; i < n; i++) if (keep[i] && !matches(v, i, c, x)) keep[i] = 0;
  }
  return rows.filter((i) => keep[i] === 1);
}

/** A by-variable: row codes (-1 when missing), each code's rank among the levels sorted in R's order, and those levels. */
interface ByLevels {
  readonly codes: Int32Array;
  readonly rankOfCode: Int32Array;
  readonly sorted: readonly string[];
}

function byLevels(v: Vector, n: number): ByLevels {
  if (v.kind === 'category') {
    const used = new Uint8Array(v.levels.length);
    for (let i = 0; i < n; i++) if (v.codes[i]! >= 0) used[v.codes[i]!] = 1;
    const sorted = [...new Set(v.levels.filter((_, c) => used[c]))].sort(compareLevels);
    const rank = new Map(sorted.map((l, r) => [l, r]));
    return { codes: v.codes, rankOfCode: Int32Array.from(v.levels, (l) => rank.get(l) ?? -1), sorted };
  }
  // Numbers: codes in first-seen order of the distinct values (labelled as `labelAt` does).
  const codes = new Int32Array(n);
  const codeOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = v.values[i]!;
    if (Number.isNaN(x)) {
      codes[i] = -1;
      continue;
    }
    let c = codeOf.get(x);
    if (c === undefined) codeOf.set(x, (c = codeOf.size));
    codes[i] = c;
  }
  const values = [...codeOf.keys()];
  const sorted = values.map(String).sort(compareLevels);
  const rank = new Map(sorted.map((l, r) => [l, r]));
  return { codes, rankOfCode: Int32Array.from(values, (x) => rank.get(String(x))!), sorted };
}

function rankAt(l: ByLevels, i: number): number {
  const c = l.codes[i]!;
  return c < 0 ? -1 : l.rankOfCode[c]!;
}

function hasLevels(levels: readonly ByLevels[], i: number): boolean {
  for (let b = 0; b < levels.length; b++) if (levels[b]!.codes[i]! < 0) return false;
  return true;
}

/** End of the run of rows from `begin` (before `end`) with the same levels as rows[begin]. */
function runEnd(levels: readonly ByLevels[], rows: Int32Array, begin: number, end: number): number {
  if (levels.length === 0) return end;
  let k = begin + 1;
  while (k < end && levels.every((l) => rankAt(l, rows[k]!) === rankAt(l, rows[begin]!))) k++;
  return k;
}

/** Stable counting sort of rows (all with a level) by their rank, with where each rank's bucket starts; writes 1 + each row's new index to `position`. */
function sortByRank(rows: Int32Array, l: ByLevels, position: Int32Array): { rows: Int32Array; start: Int32Array } {
  const { codes, rankOfCode } = l;
  const nRanks = l.sorted.length;
  const start = new Int32Array(nRanks + 1);
  for (let j = 0; j < rows.length; j++) start[rankOfCode[codes[rows[j]!]!]! + 1]!++;
  for (let r = 0; r < nRanks; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, nRanks);
  const out = new Int32Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const p = fill[rankOfCode[codes[rows[j]!]!]!]!++;
    out[p] = rows[j]!;
    position[rows[j]!] = p + 1;
  }
  return { rows: out, start };
}
