/**
 * Respondent-driven sampling (RDS) data: recruitment trees from a recruiter-id column or from coupon numbers, with every
 * broken chain (unknown recruiter or coupon, duplicate id or coupon, cycle) counted and named by row, and the waves computed.
 */
import { InputError } from '../io/errors.js';
import type { Column, Table } from '../io/table.js';

/** Kinds of broken recruitment chain. */
export type ChainProblemKind =
  | 'missing-id'
  | 'duplicate-id'
  | 'unknown-recruiter'
  | 'self-recruitment'
  | 'cycle'
  | 'unknown-coupon'
  | 'duplicate-coupon-issued'
  | 'duplicate-coupon-redeemed';

/** One kind of broken chain: how many rows, which (0-based), the offending values, and a sentence. */
export interface ChainProblem {
  readonly kind: ChainProblemKind;
  readonly column: string;
  readonly count: number;
  readonly rows: readonly number[];
  readonly values: readonly string[];
  readonly message: string;
}

/** What to do with a respondent whose recruiter (or coupon) matches nobody: fail (default) or start a new tree (reported). */
export type OrphanRule = 'error' | 'seed';

/** Recruiter-id format: one row per respondent, with its own id and its recruiter's id. */
export interface RecruiterFormat {
  readonly id: string;
  readonly recruiter: string;
  /**
   * Recruiter values that mark a seed besides a missing or empty value; default `['seed', '0']`, where `0` counts only
   * when no respondent has the id `0`. Compared without regard to case.
   */
  readonly seedMarkers?: readonly string[];
}

/** Coupon format: each respondent's own coupon (empty for seeds) and the coupons given out to recruit others. */
export interface CouponFormat {
  readonly id: string;
  /** The coupon the respondent came in with; missing, empty or a seed marker for seeds. */
  readonly coupon: string;
  /** Columns of the coupons handed out (one column per coupon), or one column holding them separated by `separator`. */
  readonly issued: readonly string[];
  /** Separator inside a single issued-coupons column (default: any of `;`, `|`, space). */
  readonly separator?: string;
  readonly seedMarkers?: readonly string[];
}

export interface RdsReadOptions {
  /** Self-reported network size (degree) column. */
  readonly degree: string;
  readonly orphans?: OrphanRule;
}

/** A respondent-driven sample: recruitment trees over the rows of a table. */
export interface RdsSample {
  readonly table: Table;
  readonly n: number;
  /** Respondent ids as text. */
  readonly ids: readonly string[];
  /** Row of each respondent's recruiter; -1 for seeds (and, under `orphans: 'seed'`, for orphans). */
  readonly recruiter: Int32Array;
  /** 1 for seeds given as such in the data (orphans made seeds are not counted here). */
  readonly isSeed: Uint8Array;
  /** Wave: 0 for the root of a tree, recruiter's wave + 1 otherwise. */
  readonly wave: Int32Array;
  /** Row of the root (seed) of each respondent's tree. */
  readonly tree: Int32Array;
  /** Self-reported degree as read (NaN missing). */
  readonly degree: Float64Array;
  readonly degreeColumn: string;
  /** Broken chains found (empty when the trees are whole). */
  readonly problems: readonly ChainProblem[];
  /** Rows made roots under `orphans: 'seed'`. */
  readonly orphanRows: readonly number[];
}

const DEFAULT_MARKERS = ['seed', '0'];
const SHOW = 5;

/** Text of row i of a column (numbers as JavaScript prints them), or null when missing or empty. */
export function textAt(c: Column, i: number): string | null {
  if (c.kind === 'number') {
    const x = c.values[i]!;
    return Number.isNaN(x) ? null : String(x);
  }
  const k = c.codes[i]!;
  if (k < 0) return null;
  const s = c.levels[k]!.trim();
  return s === '' ? null : s;
}

function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, SHOW).map((r) => r + 1).join(', ');
  return `${rows.length === 1 ? 'row' : 'rows'} ${shown}${rows.length > SHOW ? ` (and ${rows.length - SHOW} more)` : ''}`;
}

function problem(kind: ChainProblemKind, column: string, rows: number[], values: string[], what: string): ChainProblem {
  const shown = values.slice(0, SHOW).map((v) => `"${v}"`).join(', ');
  return { kind, column, count: rows.length, rows, values, message: `${what} (column "${column}", ${rowList(rows)}: ${shown}${values.length > SHOW ? ', ...' : ''})` };
}

function isMarker(value: string | null, markers: readonly string[], ids: ReadonlySet<string>): boolean {
  if (value === null) return true;
  const v = value.toLowerCase();
  return markers.some((m) => m.toLowerCase() === v) && !ids.has(value);
}

/** Ids of the table: text per row, with missing and duplicate ids reported. */
function readIds(table: Table, idName: string): { ids: string[]; byId: Map<string, number>; problems: ChainProblem[] } {
  const c = table.column(idName);
  const ids: string[] = [];
  const byId = new Map<string, number>();
  const missing: number[] = [];
  const dupRows: number[] = [];
  const dupValues: string[] = [];
  for (let i = 0; i < table.nrows; i++) {
    const v = textAt(c, i);
    ids.push(v ?? '');
    if (v === null) missing.push(i);
    else if (byId.has(v)) {
      dupRows.push(i);
      dupValues.push(v);
    } else byId.set(v, i);
  }
  const problems: ChainProblem[] = [];
  if (missing.length) problems.push(problem('missing-id', idName, missing, missing.map(() => ''), `${missing.length} respondent(s) without an id`));
  if (dupRows.length) problems.push(problem('duplicate-id', idName, dupRows, dupValues, `${dupRows.length} id(s) given to more than one respondent`));
  return { ids, byId, problems };
}

/**
 * Follows the recruiter links: waves and trees; members of a cycle (no path to a seed) are reported. Orphans
 * (recruiter -2) become roots under the `seed` rule.
 */
function buildTrees(n: number, ids: string[], link: Int32Array, linkColumn: string, problems: ChainProblem[]): { recruiter: Int32Array; wave: Int32Array; tree: Int32Array; orphanRows: number[] } {
  const recruiter = Int32Array.from(link, (r) => (r === -2 ? -1 : r));
  const orphanRows: number[] = [];
  for (let i = 0; i < n; i++) if (link[i] === -2) orphanRows.push(i);
  const wave = new Int32Array(n).fill(-1);
  const tree = new Int32Array(n).fill(-1);
  const children: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = recruiter[i]!;
    if (r < 0) roots.push(i);
    else children[r]!.push(i);
  }
  for (const root of roots) {
    wave[root] = 0;
    tree[root] = root;
    const stack = [root];
    while (stack.length) {
      const p = stack.pop()!;
      for (const c of children[p]!) {
        wave[c] = wave[p]! + 1;
        tree[c] = root;
        stack.push(c);
      }
    }
  }
  const cyc: number[] = [];
  for (let i = 0; i < n; i++) if (wave[i]! < 0) cyc.push(i);
  if (cyc.length) {
    problems.push(problem('cycle', linkColumn, cyc, cyc.map((i) => `${ids[i]} <- ${ids[recruiter[i]!] ?? ''}`), `${cyc.length} respondent(s) in a recruitment cycle or below one (no path to a seed)`));
  }
  return { recruiter, wave, tree, orphanRows };
}

function finish(table: Table, ids: string[], link: Int32Array, isSeed: Uint8Array, problems: ChainProblem[], linkColumn: string, options: RdsReadOptions): RdsSample {
  const orphans = options.orphans ?? 'error';
  const { recruiter, wave, tree, orphanRows } = buildTrees(table.nrows, ids, link, linkColumn, problems);
  const fatal = problems.filter((p) => !(orphans === 'seed' && (p.kind === 'unknown-recruiter' || p.kind === 'unknown-coupon')));
  if (fatal.length) {
    throw new InputError(`${table.source}: broken recruitment chains: ${fatal.map((p) => p.message).join('; ')}${fatal.some((p) => p.kind === 'unknown-recruiter' || p.kind === 'unknown-coupon') ? '; use the orphan rule "seed" (--orphans seed) to start new trees there' : ''}`);
  }
  const dc = table.column(options.degree);
  if (dc.kind !== 'number') {
    const bad = dc.codes.findIndex((k) => k >= 0 && !Number.isFinite(Number(dc.levels[k])));
    throw new InputError(`${table.source}: degree column "${options.degree}" must be numeric, row ${bad + 1} has "${dc.levels[dc.codes[bad]!] ?? ''}"`);
  }
  const neg: number[] = [];
  dc.values.forEach((d, i) => {
    if (d < 0 || d === Infinity) neg.push(i);
  });
  if (neg.length) throw new InputError(`${table.source}: degree column "${options.degree}" has negative or infinite values at ${rowList(neg)} (${neg.slice(0, SHOW).map((i) => dc.values[i]).join(', ')})`);
  return { table, n: table.nrows, ids, recruiter, isSeed, wave, tree, degree: dc.values, degreeColumn: options.degree, problems, orphanRows };
}

/**
 * Reads recruitment trees from an id and a recruiter-id column (R RDS `as.rds.data.frame` layout). Seeds have a missing,
 * empty or marker recruiter. Missing or duplicate ids and cycles are errors; an unknown recruiter is an error unless
 * `orphans: 'seed'` (then the respondent starts a new tree and is listed in `orphanRows` and `problems`).
 */
export function rdsFromRecruiters(table: Table, format: RecruiterFormat, options: RdsReadOptions): RdsSample {
  const { ids, byId, problems } = readIds(table, format.id);
  const rc = table.column(format.recruiter);
  const markers = format.seedMarkers ?? DEFAULT_MARKERS;
  const idSet = new Set(byId.keys());
  const n = table.nrows;
  const link = new Int32Array(n);
  const isSeed = new Uint8Array(n);
  const unknown: number[] = [];
  const unknownValues: string[] = [];
  const self: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = textAt(rc, i);
    if (isMarker(v, markers, idSet)) {
      link[i] = -1;
      isSeed[i] = 1;
      continue;
    }
    const r = byId.get(v!);
    if (r === undefined) {
      link[i] = -2;
      unknown.push(i);
      unknownValues.push(v!);
    } else if (r === i) {
      self.push(i);
      link[i] = -1;
    } else link[i] = r;
  }
  if (unknown.length) problems.push(problem('unknown-recruiter', format.recruiter, unknown, unknownValues, `${unknown.length} recruiter id(s) that match no respondent's id`));
  if (self.length) problems.push(problem('self-recruitment', format.recruiter, self, self.map((i) => ids[i]!), `${self.length} respondent(s) recorded as their own recruiter`));
  return finish(table, ids, link, isSeed, problems, format.recruiter, options);
}

/**
 * Reads recruitment trees from coupons: a respondent who redeemed coupon c was recruited by the respondent who was given c.
 * A redeemed coupon nobody was given is an orphan (error unless `orphans: 'seed'`); a coupon given to two respondents, or
 * redeemed by two, is an error.
 */
export function rdsFromCoupons(table: Table, format: CouponFormat, options: RdsReadOptions): RdsSample {
  const { ids, problems } = readIds(table, format.id);
  const n = table.nrows;
  const markers = format.seedMarkers ?? DEFAULT_MARKERS;
  const issuedBy = new Map<string, number>();
  const dupIssued: number[] = [];
  const dupIssuedValues: string[] = [];
  const issuedCols = format.issued.map((name) => table.column(name));
  const split = format.separator === undefined ? /[;|\s]+/ : format.separator;
  for (let i = 0; i < n; i++) {
    for (const c of issuedCols) {
      const v = textAt(c, i);
      if (v === null) continue;
      const coupons = issuedCols.length === 1 ? v.split(split).map((s) => s.trim()).filter((s) => s !== '') : [v];
      for (const k of coupons) {
        const prev = issuedBy.get(k);
        if (prev !== undefined && prev !== i) {
          dupIssued.push(i);
          dupIssuedValues.push(k);
        } else issuedBy.set(k, i);
      }
    }
  }
  const own = table.column(format.coupon);
  const link = new Int32Array(n);
  const isSeed = new Uint8Array(n);
  const redeemed = new Map<string, number>();
  const unknown: number[] = [];
  const unknownValues: string[] = [];
  const dupRedeemed: number[] = [];
  const dupRedeemedValues: string[] = [];
  const self: number[] = [];
  const none = new Set<string>();
  for (let i = 0; i < n; i++) {
    const v = textAt(own, i);
    if (isMarker(v, markers, none) && !(v !== null && issuedBy.has(v))) {
      link[i] = -1;
      isSeed[i] = 1;
      continue;
    }
    if (redeemed.has(v!)) {
      dupRedeemed.push(i);
      dupRedeemedValues.push(v!);
    } else redeemed.set(v!, i);
    const r = issuedBy.get(v!);
    if (r === undefined) {
      link[i] = -2;
      unknown.push(i);
      unknownValues.push(v!);
    } else if (r === i) {
      self.push(i);
      link[i] = -1;
    } else link[i] = r;
  }
  const issuedName = format.issued.join(', ');
  if (dupIssued.length) problems.push(problem('duplicate-coupon-issued', issuedName, dupIssued, dupIssuedValues, `${dupIssued.length} coupon(s) given out to more than one respondent`));
  if (dupRedeemed.length) problems.push(problem('duplicate-coupon-redeemed', format.coupon, dupRedeemed, dupRedeemedValues, `${dupRedeemed.length} coupon(s) redeemed by more than one respondent`));
  if (unknown.length) problems.push(problem('unknown-coupon', format.coupon, unknown, unknownValues, `${unknown.length} redeemed coupon(s) that no respondent was given`));
  if (self.length) problems.push(problem('self-recruitment', format.coupon, self, self.map((i) => ids[i]!), `${self.length} respondent(s) who redeemed a coupon they were given themselves`));
  return finish(table, ids, link, isSeed, problems, format.coupon, options);
}

/** Number of seeds (roots of trees, orphans made seeds included) and waves of a sample. */
export function rdsSummary(s: RdsSample): { n: number; seeds: number; trees: number; maxWave: number; orphans: number; recruitsPerWave: number[] } {
  let roots = 0;
  let maxWave = 0;
  for (let i = 0; i < s.n; i++) {
    if (s.recruiter[i]! < 0) roots++;
    maxWave = Math.max(maxWave, s.wave[i]!);
  }
  const per = new Array<number>(maxWave + 1).fill(0);
  for (let i = 0; i < s.n; i++) per[s.wave[i]!]!++;
  return { n: s.n, seeds: roots - s.orphanRows.length, trees: roots, maxWave, orphans: s.orphanRows.length, recruitsPerWave: per };
}
