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

/** Splits the rows into domains in one pass (counting sort on the domain code), levels in R's order. */
export function buildDomains(data: SurveyData, by: readonly string[], where: readonly Condition[]): DomainSet {
  const n = data.nrows;
  const keep = new Uint8Array(n).fill(1);
  for (const c of where) {
    const v = data.column(c.column);
    const x = c.value.trim() === '' ? NaN : Number(c.value);
    if (c.op !== '=' && c.op !== '!=' && (v.kind !== 'number' || !Number.isFinite(x))) {
      throw new DesignError(`condition ${c.column}${c.op}${c.value}: "${c.op}" needs a numeric column and a number`);
    }
    for (let i = 0; i < n; i++) if (keep[i] && !matches(v, i, c, x)) keep[i] = 0;
  }
  const vectors = by.map((name) => data.column(name));
  // Level lists per by-variable, sorted; a row's domain is the mixed-radix code of its levels.
  const levelCodes = vectors.map((v) => {
    const labels = new Map<string, number>();
    const rowLevel = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const l = labelAt(v, i);
      if (l === null) {
        rowLevel[i] = -1;
        continue;
      }
      if (!labels.has(l)) labels.set(l, labels.size);
      rowLevel[i] = labels.get(l)!;
    }
    const sorted = [...labels.keys()].sort(compareLevels);
    const rank = new Int32Array(labels.size);
    sorted.forEach((l, r) => (rank[labels.get(l)!] = r));
    for (let i = 0; i < n; i++) if (rowLevel[i]! >= 0) rowLevel[i] = rank[rowLevel[i]!]!;
    return { rowLevel, sorted };
  });
  const code = new Float64Array(n);
  let missingBy = 0;
  let subsetSize = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) {
      code[i] = -1;
      continue;
    }
    subsetSize++;
    let c = 0;
    for (const { rowLevel, sorted } of levelCodes) {
      const l = rowLevel[i]!;
      if (l < 0) {
        c = -1;
        break;
      }
      c = c * sorted.length + l;
    }
    if (c < 0) missingBy++;
    code[i] = c;
  }
  const subset = new Int32Array(subsetSize);
  const present = new Map<number, number>();
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    subset[j++] = i;
    if (code[i]! >= 0) present.set(code[i]!, (present.get(code[i]!) ?? 0) + 1);
  }
  const codes = [...present.keys()].sort((a, b) => a - b);
  const slot = new Map(codes.map((c, k) => [c, k]));
  const rows = codes.map((c) => new Int32Array(present.get(c)!));
  const fill = new Int32Array(codes.length);
  for (let i = 0; i < n; i++) {
    if (code[i]! < 0) continue;
    const k = slot.get(code[i]!)!;
    rows[k]![fill[k]!++] = i;
  }
  const domains = codes.map((c, k) => {
    const key: Record<string, string> = {};
    let rest = c;
    for (let b = by.length - 1; b >= 0; b--) {
      const { sorted } = levelCodes[b]!;
      key[by[b]!] = sorted[rest % sorted.length]!;
      rest = Math.floor(rest / sorted.length);
    }
    return { key: Object.fromEntries(by.map((name) => [name, key[name]!])), rows: rows[k]! };
  });
  return { subset, domains, missingBy };
}
