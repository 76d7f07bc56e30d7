/**
 * Person linkage across administrative lists and registers, and deduplication within a list: exact identifiers first,
 * then Fellegi-Sunter probabilistic matching (Fellegi & Sunter 1969, JASA 64:1183) on blocked pairs, with m from the
 * pairs that identifiers joined and u by EM under conditional independence (Jaro 1989, JASA 84:414; Winkler 1988), per
 * blocking pass, match weights
 * log2(m/u), two thresholds, and a clustering of the links into persons (union-find, or one-to-one). See
 * src/admin/LINKAGE.md for the method, the options and their defaults.
 */
import { type Table, tableFromArrays } from '../io/table.js';
import { SeededRandom } from '../survey/random.js';
import { jaroWinkler, normaliseKey, normaliseName } from './string-similarity.js';

/** Raised for input or options linkage cannot use; the message names the record or option. */
export class LinkageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkageError';
  }
}

/** One record of a list or register to link. */
export interface LinkRecord {
  /** The list (register) it comes from, e.g. "permits". */
  readonly list: string;
  /** Its row in that list (for the review file and messages). */
  readonly row: number;
  /** The list's own person id: records of the same list with the same id are the same person. Not compared across lists. */
  readonly id?: string | null;
  /**
   * Exact identifiers shared across lists (passport, foreigner id, social security number), by name: two records with
   * the same non-missing value under the same name are linked. Values are compared after {@link normaliseKey}.
   */
  readonly keys?: Readonly<Record<string, string | null>>;
  readonly givenName: string | null;
  readonly familyName: string | null;
  /** Days since 1970-01-01, or null. */
  readonly birthDate: number | null;
  readonly sex: 'M' | 'F' | null;
  /** ISO 3166-1 alpha-3 code, or null. */
  readonly nationality: string | null;
}

/** Columns of a table that make the records of one list ({@link recordsFromTable}). */
export interface RecordColumns {
  readonly givenName: string;
  readonly familyName: string;
  /** Numeric days since 1970-01-01, or text YYYY-MM-DD. */
  readonly birthDate: string;
  /** Codes M/MALE/1 and F/FEMALE/2 (any case); anything else is missing. */
  readonly sex?: string;
  readonly nationality?: string;
  /** The list's person id column. */
  readonly id?: string;
  /** Exact identifier columns: key name → column name. */
  readonly keys?: Readonly<Record<string, string>>;
}

/** The comparison fields of a record pair. */
export type LinkField = 'familyName' | 'givenName' | 'birthDate' | 'sex' | 'nationality';
export const LINK_FIELDS: readonly LinkField[] = ['familyName', 'givenName', 'birthDate', 'sex', 'nationality'];
/** Agreement levels of each field, best first (missing on either side is a separate outcome with weight 0). */
export const FIELD_LEVELS: Readonly<Record<LinkField, readonly string[]>> = {
  familyName: ['exact', 'close', 'similar', 'different'],
  givenName: ['exact', 'close', 'similar', 'different'],
  birthDate: ['exact', 'day-month swapped', 'same year', 'different'],
  sex: ['agree', 'disagree'],
  nationality: ['agree', 'disagree'],
};
const NLEV = [4, 4, 4, 2, 2];
/** Radix of each field in the pattern code (levels + missing). */
const RADIX = [5, 5, 5, 3, 3];
const MULT = [1, 5, 25, 125, 375];
const NPATTERNS = 1125;

/** What a blocking key may be made of. */
export type BlockingField =
  | 'birthYear'
  | 'birthDate'
  | 'birthMonthDay'
  | 'familyName'
  | 'familyInitial'
  | 'familyPrefix3'
  | 'givenName'
  | 'givenInitial'
  | 'sex'
  | 'nationality';

/** m and u probabilities of one field, one value per level of {@link FIELD_LEVELS}. */
export interface FieldProbabilities {
  readonly m: readonly number[];
  readonly u: readonly number[];
}

/** Options of {@link linkRecords}. */
export interface LinkageOptions {
  /** Which pairs are compared: records of different lists ('across', linkage), of the same list ('within', deduplication) or both ('all', default). */
  readonly pairs?: 'across' | 'within' | 'all';
  /**
   * Blocking passes: records are compared when they agree on every field of a pass (and on no earlier pass, so that
   * no pair is compared twice). Names are the normalised names. Default [['birthYear', 'familyInitial'],
   * ['nationality', 'sex', 'birthDate'], ['familyName', 'givenName']]: the third pass finds records without a birth date.
   */
  readonly blocking?: readonly (readonly BlockingField[])[];
  /** Blocks with more records are skipped and reported in `blocking` (default 5000). */
  readonly maxBlockSize?: number;
  /** Jaro-Winkler cut points of the name levels: >= close is 'close', >= similar is 'similar' (default 0.94, 0.85). */
  readonly nameLevels?: { readonly close: number; readonly similar: number };
  /** Given m and u probabilities by field; fields not given are estimated by EM (all given and `em: false`: no EM). */
  readonly probabilities?: Partial<Record<LinkField, FieldProbabilities>>;
  /** Estimate the probabilities by EM (default true). */
  readonly em?: boolean;
  /**
   * Where u comes from: 'em' (default) — estimated by EM with m, on the pairs of each blocking pass, hence u conditional
   * on the blocking, which is what weighs blocked pairs; 'random' — the level frequencies over `randomPairs` record pairs
   * drawn at random (nearly all non-matches), held fixed while EM estimates m and the match rate. 'random' ignores that
   * blocked non-matches agree on the blocking fields: with tight blocking (most blocked pairs matches) EM then fails.
   */
  readonly uFrom?: 'random' | 'em';
  /**
   * Where m comes from: 'identifiers' (default) — in each blocking pass with at least `minIdentifierPairs` (default 100)
   * compared pairs that the exact stage joined (a shared identifier or list id), the level frequencies among those
   * pairs (half a count added to each level), held fixed while EM estimates u and the match rate; other passes, or
   * 'em': m estimated by EM too. Fixing m keeps EM from taking a cluster of similar non-matches (a common surname within
   * a nationality) for the match class; it assumes the records with identifiers are recorded like the others.
   */
  readonly mFrom?: 'identifiers' | 'em';
  readonly minIdentifierPairs?: number;
  /** A blocking pass with fewer compared pairs takes the global parameters (see {@link PassParameters.source}; default 1000). */
  readonly minPassPairs?: number;
  /** Random pairs drawn for u (default 200,000), and the seed of the draw (default 1). */
  readonly randomPairs?: number;
  readonly seed?: number;
  /** Starting proportion of matches among compared pairs for EM (default 0.1). */
  readonly startMatchRate?: number;
  /**
   * Thresholds on the match weight (bits, sum of log2(m/u)): >= upper links, < lower does not link, between goes to
   * review. Default: where the posterior match probability of the EM model is 0.95 (upper) and 0.05 (lower):
   * log2((1 − p)/p) ± log2(19), p the estimated match rate.
   */
  readonly upper?: number;
  readonly lower?: number;
  /**
   * How links make persons: 'transitive' (default) joins all linked records (union-find); 'one-to-one' takes the links
   * by decreasing weight and refuses one that would put two records of the same list in a person (needs pairs 'across').
   */
  readonly clustering?: 'transitive' | 'one-to-one';
  /** Name normaliser options: keep the token order (default false: tokens are sorted). */
  readonly keepTokenOrder?: boolean;
  /** Called at the end of each stage with its name and wall time (ms), e.g. for memory probes. */
  readonly onStage?: (stage: string, ms: number) => void;
}

/** A blocking pass's counts. */
export interface BlockingReport {
  readonly fields: readonly BlockingField[];
  readonly blocks: number;
  /** Pairs compared in this pass (not compared in an earlier one). */
  readonly pairs: number;
  readonly skippedBlocks: number;
  readonly skippedRecords: number;
  /** Records missing a field of the key, hence not in any block of this pass. */
  readonly recordsWithoutKey: number;
}

/** Estimated or given parameters of one field. */
export interface FieldParameters extends FieldProbabilities {
  readonly field: LinkField;
  readonly levels: readonly string[];
  /** log2(m/u) per level. */
  readonly weights: readonly number[];
}

/** The parameters of one blocking pass's pairs. */
export interface PassParameters {
  readonly fields: readonly FieldParameters[];
  /** Estimated proportion of matches among the pass's compared pairs. */
  readonly matchRate: number;
  readonly emIterations: number;
  readonly emConverged: boolean;
  /** m taken from the pairs joined by identifiers (see {@link LinkageOptions.mFrom}). */
  readonly mFromIdentifiers: boolean;
  /**
   * 'pass': m, u and match rate estimated by EM on the pass's own pairs (u conditional on its blocking). 'global': the
   * pass had fewer than `minPassPairs` pairs, or its EM did not converge or found a field its blocking leaves free no
   * evidence: m from all compared pairs joined by identifiers (or, without enough, of each field from the largest 'pass'
   * pass that does not block the field), u from random pairs, the
   * match rate of a random pair (matches found by the 'pass' passes over all possible pairs); `matchRate` is then that.
   */
  readonly source: 'pass' | 'global';
  /** Thresholds on the weight (bits): log2((1 − p)/p) ± log2(19) by default, p = `matchRate`. */
  readonly upper: number;
  readonly lower: number;
}

/** The comparison field a blocking field fixes within its blocks. */
const BLOCKED_FIELD: Readonly<Record<BlockingField, LinkField>> = {
  birthYear: 'birthDate',
  birthDate: 'birthDate',
  birthMonthDay: 'birthDate',
  familyName: 'familyName',
  familyInitial: 'familyName',
  familyPrefix3: 'familyName',
  givenName: 'givenName',
  givenInitial: 'givenName',
  sex: 'sex',
  nationality: 'nationality',
};

/** A conflict found when making persons. */
export interface LinkageConflict {
  /**
   * 'same-list': a person holds several records of one list though pairs were 'across' (lists supposed free of duplicates);
   * 'key': a person holds two different values of one identifier; 'one-to-one': a link refused by the one-to-one rule.
   */
  readonly kind: 'same-list' | 'key' | 'one-to-one';
  /** Record indices (into the input). */
  readonly records: readonly number[];
  readonly detail: string;
}

/** Uncertain pairs (weight between the thresholds), for clerical review. */
export interface ReviewPairs {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly weight: Float64Array;
  readonly pattern: Uint16Array;
  /** The blocking pass (index into `blocking`) whose parameters weighed the pair. */
  readonly pass: Uint8Array;
}

/** What {@link linkRecords} returns. */
export interface LinkageResult {
  readonly n: number;
  /** Person (cluster) of each record, 0.. persons − 1, numbered in the order of their first record. */
  readonly person: Int32Array;
  readonly persons: number;
  /** List names, and the list of each record as an index into them. */
  readonly lists: readonly string[];
  readonly listOf: Int32Array;
  readonly counts: {
    /** Record pairs joined by a shared identifier or list id (edges of the union-find, not all implied pairs). */
    readonly exactLinks: number;
    /** Blocked pairs compared. */
    readonly compared: number;
    /** Compared pairs already joined by the exact stage. */
    readonly comparedExact: number;
    readonly links: number;
    readonly review: number;
    readonly nonLinks: number;
  };
  readonly blocking: readonly BlockingReport[];
  /** The m and u probabilities, weights and thresholds of each blocking pass, in the order of `blocking`. */
  readonly parameters: readonly PassParameters[];
  readonly review: ReviewPairs;
  readonly conflicts: readonly LinkageConflict[];
  /** Things to check: blocks skipped, EM not converged, a field whose agreement EM found no evidence of a match. */
  readonly warnings: readonly string[];
  /** Wall time by stage (ms). */
  readonly timings: readonly { readonly stage: string; readonly ms: number }[];
}

const NO_DATE = -2147483648;
/** The default blocking passes (see {@link LinkageOptions.blocking}). */
export const DEFAULT_BLOCKING: readonly (readonly BlockingField[])[] = [['birthYear', 'familyInitial'], ['nationality', 'sex', 'birthDate'], ['familyName', 'givenName']];

/** Civil date from days since 1970-01-01 (Hinnant's algorithm). */
export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Days since 1970-01-01 of a civil date (Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const isoDate = (days: number): string => {
  const [y, m, d] = civilFromDays(days);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/**
 * Builds the records of one list from a table (src/io): the name, birth date, sex and nationality columns, and
 * optionally the list's id and exact identifier columns. `row` is the table row.
 */
export function recordsFromTable(table: Table, list: string, columns: RecordColumns): LinkRecord[] {
  const text = (name: string | undefined): ((i: number) => string | null) => {
    if (!name) return () => null;
    const c = table.column(name);
    if (c.kind === 'category') return (i) => (c.codes[i]! < 0 ? null : c.levels[c.codes[i]!]!);
    return (i) => (Number.isNaN(c.values[i]!) ? null : String(c.values[i]!));
  };
  const bd = table.column(columns.birthDate);
  const birth = (i: number): number | null => {
    if (bd.kind === 'number') return Number.isNaN(bd.values[i]!) ? null : Math.round(bd.values[i]!);
    const code = bd.codes[i]!;
    if (code < 0) return null;
    const s = bd.levels[code]!;
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
    if (!m) throw new LinkageError(`${table.source}: row ${i + 1}, column "${columns.birthDate}": "${s}" is not a date YYYY-MM-DD`);
    return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  };
  const given = text(columns.givenName);
  const family = text(columns.familyName);
  const sexText = text(columns.sex);
  const nat = text(columns.nationality);
  const id = text(columns.id);
  const keyCols = Object.entries(columns.keys ?? {}).map(([k, col]) => [k, text(col)] as const);
  const out: LinkRecord[] = [];
  for (let i = 0; i < table.nrows; i++) {
    const s = sexText(i)?.trim().toUpperCase() ?? null;
    const sex = s === 'M' || s === 'MALE' || s === '1' ? 'M' : s === 'F' || s === 'FEMALE' || s === '2' ? 'F' : null;
    const keys: Record<string, string | null> = {};
    for (const [k, f] of keyCols) keys[k] = f(i);
    out.push({ list, row: i, id: id(i), keys, givenName: given(i), familyName: family(i), birthDate: birth(i), sex, nationality: nat(i)?.trim().toUpperCase() ?? null });
  }
  return out;
}

/** Union-find with path halving and union by size. */
class UnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  /** Joins the sets of a and b; returns the new root, or -1 if they were already joined. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return -1;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return ra;
  }
}

/** Records in typed columns, names normalised. */
interface Prepared {
  n: number;
  list: Int32Array;
  lists: string[];
  family: string[];
  given: string[];
  birth: Int32Array;
  year: Int32Array;
  month: Int8Array;
  day: Int8Array;
  sex: Int8Array;
  nat: Int32Array;
  natLevels: string[];
}

function prepare(records: readonly LinkRecord[], keepTokenOrder: boolean): Prepared {
  const n = records.length;
  const list = new Int32Array(n);
  const listIdx = new Map<string, number>();
  const family = new Array<string>(n);
  const given = new Array<string>(n);
  const birth = new Int32Array(n);
  const year = new Int32Array(n);
  const month = new Int8Array(n);
  const day = new Int8Array(n);
  const sex = new Int8Array(n);
  const nat = new Int32Array(n);
  const natIdx = new Map<string, number>();
  const opts = { sortTokens: !keepTokenOrder };
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    let l = listIdx.get(r.list);
    if (l === undefined) listIdx.set(r.list, (l = listIdx.size));
    list[i] = l;
    family[i] = normaliseName(r.familyName, opts);
    given[i] = normaliseName(r.givenName, opts);
    if (r.birthDate === null || r.birthDate === undefined || !Number.isFinite(r.birthDate)) {
      birth[i] = NO_DATE;
    } else {
      const b = Math.round(r.birthDate);
      birth[i] = b;
      const [y, m, d] = civilFromDays(b);
      year[i] = y;
      month[i] = m;
      day[i] = d;
    }
    sex[i] = r.sex === 'M' ? 1 : r.sex === 'F' ? 2 : 0;
    if (r.nationality) {
      let c = natIdx.get(r.nationality);
      if (c === undefined) natIdx.set(r.nationality, (c = natIdx.size));
      nat[i] = c;
    } else nat[i] = -1;
  }
  return { n, list, lists: [...listIdx.keys()], family, given, birth, year, month, day, sex, nat, natLevels: [...natIdx.keys()] };
}

/** Dense block id per record for a blocking pass (-1: a key field is missing). */
function blockKeys(p: Prepared, fields: readonly BlockingField[]): Int32Array {
  const n = p.n;
  let key = new Float64Array(n);
  let card = 1;
  for (const f of fields) {
    const ids = new Int32Array(n);
    const dict = new Map<number | string, number>();
    const intern = (v: number | string): number => {
      let c = dict.get(v);
      if (c === undefined) dict.set(v, (c = dict.size));
      return c;
    };
    for (let i = 0; i < n; i++) {
      let v: number | string;
      switch (f) {
        case 'birthYear':
          v = p.birth[i] === NO_DATE ? -1 : p.year[i]!;
          break;
        case 'birthDate':
          v = p.birth[i] === NO_DATE ? -1 : p.birth[i]! - NO_DATE;
          break;
        case 'birthMonthDay':
          v = p.birth[i] === NO_DATE ? -1 : p.month[i]! * 32 + p.day[i]!;
          break;
        case 'familyInitial':
          v = p.family[i]!.length ? p.family[i]!.charCodeAt(0) : -1;
          break;
        case 'givenInitial':
          v = p.given[i]!.length ? p.given[i]!.charCodeAt(0) : -1;
          break;
        case 'familyName':
          v = p.family[i]!.length ? p.family[i]! : -1;
          break;
        case 'givenName':
          v = p.given[i]!.length ? p.given[i]! : -1;
          break;
        case 'familyPrefix3':
          v = p.family[i]!.length ? p.family[i]!.slice(0, 3) : -1;
          break;
        case 'sex':
          v = p.sex[i] ? p.sex[i]! : -1;
          break;
        case 'nationality':
          v = p.nat[i]!;
          break;
        default:
          throw new LinkageError(`unknown blocking field "${String(f)}"; allowed: birthYear, birthDate, birthMonthDay, familyName, familyInitial, familyPrefix3, givenName, givenInitial, sex, nationality`);
      }
      ids[i] = v === -1 ? -1 : intern(v);
    }
    const c = Math.max(1, dict.size);
    if (card * c > 2 ** 52) {
      // re-densify the key so far
      const d2 = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        if (key[i]! < 0) continue;
        let v = d2.get(key[i]!);
        if (v === undefined) d2.set(key[i]!, (v = d2.size));
        key[i] = v;
      }
      card = Math.max(1, d2.size);
    }
    for (let i = 0; i < n; i++) key[i] = key[i]! < 0 || ids[i]! < 0 ? -1 : key[i]! * c + ids[i]!;
    card *= c;
  }
  const dense = new Int32Array(n);
  const d = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (key[i]! < 0) {
      dense[i] = -1;
      continue;
    }
    let v = d.get(key[i]!);
    if (v === undefined) d.set(key[i]!, (v = d.size));
    dense[i] = v;
  }
  key = new Float64Array(0);
  return dense;
}

/** Growable typed arrays of compared pairs. */
class PairBuffer {
  a = new Uint32Array(1 << 16);
  b = new Uint32Array(1 << 16);
  pattern = new Uint16Array(1 << 16);
  length = 0;
  push(a: number, b: number, pat: number): void {
    if (this.length === this.a.length) {
      const cap = this.a.length * 2;
      const na = new Uint32Array(cap);
      na.set(this.a);
      this.a = na;
      const nb = new Uint32Array(cap);
      nb.set(this.b);
      this.b = nb;
      const np = new Uint16Array(cap);
      np.set(this.pattern);
      this.pattern = np;
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.pattern[this.length++] = pat;
  }
}

function nameLevel(x: string, y: string, close: number, similar: number): number {
  if (x.length === 0 || y.length === 0) return 4;
  if (x === y) return 0;
  const s = jaroWinkler(x, y);
  return s >= close ? 1 : s >= similar ? 2 : 3;
}

function comparePair(p: Prepared, i: number, j: number, close: number, similar: number): number {
  const fam = nameLevel(p.family[i]!, p.family[j]!, close, similar);
  const giv = nameLevel(p.given[i]!, p.given[j]!, close, similar);
  let bd: number;
  if (p.birth[i] === NO_DATE || p.birth[j] === NO_DATE) bd = 4;
  else if (p.birth[i] === p.birth[j]) bd = 0;
  else if (p.year[i] === p.year[j] && p.month[i] === p.day[j] && p.day[i] === p.month[j]) bd = 1;
  else if (p.year[i] === p.year[j]) bd = 2;
  else bd = 3;
  const sx = p.sex[i] === 0 || p.sex[j] === 0 ? 2 : p.sex[i] === p.sex[j] ? 0 : 1;
  const nt = p.nat[i]! < 0 || p.nat[j]! < 0 ? 2 : p.nat[i] === p.nat[j] ? 0 : 1;
  return fam + 5 * giv + 25 * bd + 125 * sx + 375 * nt;
}

/** The level (0-based, NLEV[f] = missing) of field f in a pattern code. */
export function patternLevel(pattern: number, f: number): number {
  return Math.floor(pattern / MULT[f]!) % RADIX[f]!;
}

/** A comparison pattern in words, e.g. "familyName=exact givenName=close birthDate=day-month swapped sex=agree nationality=missing". */
export function describePattern(pattern: number): string {
  return LINK_FIELDS.map((f, k) => {
    const l = patternLevel(pattern, k);
    return `${f}=${l >= NLEV[k]! ? 'missing' : FIELD_LEVELS[f][l]}`;
  }).join(' ');
}

const START_M: readonly (readonly number[])[] = [
  [0.85, 0.07, 0.04, 0.04],
  [0.85, 0.07, 0.04, 0.04],
  [0.85, 0.05, 0.05, 0.05],
  [0.95, 0.05],
  [0.9, 0.1],
];
const FLOOR = 1e-6;

interface EmResult {
  m: number[][];
  u: number[][];
  p: number;
  iterations: number;
  converged: boolean;
}

/**
 * EM for the two-class mixture of comparison patterns under conditional independence (Jaro 1989; Winkler 1988), on
 * the pattern counts. Starting values: match rate `p0`; m as START_M (most mass on full agreement); u the marginal
 * frequencies of the levels over all compared pairs (nearly all of which are non-matches). Given fields stay fixed.
 * Probabilities are floored at 1e-6. The class more likely to agree (Σ log(m/u) at full agreement > 0) is the match class.
 */
function em(counts: Float64Array, p0: number, fixed: Partial<Record<LinkField, FieldProbabilities>>, run: boolean, uFixed: number[][] | null, mFixed: number[][] | null = null): EmResult {
  const F = LINK_FIELDS.length;
  const m: number[][] = [];
  const u: number[][] = [];
  for (let f = 0; f < F; f++) {
    const given = fixed[LINK_FIELDS[f]!];
    if (given) {
      if (given.m.length !== NLEV[f] || given.u.length !== NLEV[f]) throw new LinkageError(`probabilities.${LINK_FIELDS[f]}: m and u need ${NLEV[f]} values (${FIELD_LEVELS[LINK_FIELDS[f]!].join(', ')})`);
      m.push([...given.m]);
      u.push([...given.u]);
      continue;
    }
    m.push(mFixed ? [...mFixed[f]!] : [...START_M[f]!]);
    if (uFixed) {
      u.push([...uFixed[f]!]);
      continue;
    }
    const marg = new Array<number>(NLEV[f]!).fill(0);
    let tot = 0;
    for (let pat = 0; pat < NPATTERNS; pat++) {
      const c = counts[pat]!;
      if (c === 0) continue;
      const l = patternLevel(pat, f);
      if (l < NLEV[f]!) {
        marg[l]! += c;
        tot += c;
      }
    }
    u.push(marg.map((x) => Math.max(FLOOR, tot > 0 ? x / tot : 1 / NLEV[f]!)));
  }
  let p = p0;
  let iterations = 0;
  let converged = !run;
  const free = LINK_FIELDS.map((f) => !fixed[f]);
  if (run) {
    const g = new Float64Array(NPATTERNS);
    for (iterations = 1; iterations <= 1000; iterations++) {
      let sg = 0, tot = 0;
      for (let pat = 0; pat < NPATTERNS; pat++) {
        const c = counts[pat]!;
        if (c === 0) continue;
        let lm = Math.log(p), lu = Math.log(1 - p);
        for (let f = 0; f < F; f++) {
          const l = patternLevel(pat, f);
          if (l >= NLEV[f]!) continue;
          lm += Math.log(m[f]![l]!);
          lu += Math.log(u[f]![l]!);
        }
        const gp = 1 / (1 + Math.exp(lu - lm));
        g[pat] = gp;
        sg += c * gp;
        tot += c;
      }
      let change = Math.abs(sg / tot - p);
      p = Math.min(1 - FLOOR, Math.max(FLOOR, sg / tot));
      for (let f = 0; f < F; f++) {
        if (!free[f]) continue;
        const nm = new Array<number>(NLEV[f]!).fill(0);
        const nu = new Array<number>(NLEV[f]!).fill(0);
        for (let pat = 0; pat < NPATTERNS; pat++) {
          const c = counts[pat]!;
          if (c === 0) continue;
          const l = patternLevel(pat, f);
          if (l >= NLEV[f]!) continue;
          nm[l]! += c * g[pat]!;
          nu[l]! += c * (1 - g[pat]!);
        }
        const sm = nm.reduce((s, x) => s + x, 0);
        const su = nu.reduce((s, x) => s + x, 0);
        for (let l = 0; l < NLEV[f]!; l++) {
          const mv = mFixed ? m[f]![l]! : Math.max(FLOOR, sm > 0 ? nm[l]! / sm : m[f]![l]!);
          const uv = uFixed ? u[f]![l]! : Math.max(FLOOR, su > 0 ? nu[l]! / su : u[f]![l]!);
          change = Math.max(change, Math.abs(mv - m[f]![l]!), Math.abs(uv - u[f]![l]!));
          m[f]![l] = mv;
          u[f]![l] = uv;
        }
      }
      if (change < 1e-9) {
        converged = true;
        break;
      }
    }
    let agree = 0;
    for (let f = 0; f < F; f++) agree += Math.log(m[f]![0]! / u[f]![0]!);
    if (!uFixed && !mFixed && agree < 0) {
      // label switching: the "match" class agrees less than the other: swap
      for (let f = 0; f < F; f++) if (free[f]) [m[f], u[f]] = [u[f]!, m[f]!];
      p = 1 - p;
    }
  }
  return { m, u, p, iterations, converged };
}

/**
 * u probabilities from random record pairs (of the kind `mode` compares): per field, the frequency of each level among
 * the pairs where the field is not missing, with half a count added to each level so that none is 0.
 */
function randomU(p: Prepared, mode: 'across' | 'within' | 'all', draws: number, seed: number, close: number, similar: number): number[][] {
  const rng = new SeededRandom(seed);
  const n = p.n;
  const F = LINK_FIELDS.length;
  const tally = NLEV.map((L) => new Float64Array(L));
  // records by list, for 'within'
  const byList: number[][] = p.lists.map(() => []);
  if (mode === 'within') for (let i = 0; i < n; i++) byList[p.list[i]!]!.push(i);
  const multi = byList.filter((l) => l.length > 1);
  let got = 0;
  for (let t = 0; t < draws * 20 && got < draws; t++) {
    let i: number, j: number;
    if (mode === 'within') {
      if (multi.length === 0) break;
      const l = multi[rng.below(multi.length)]!;
      i = l[rng.below(l.length)]!;
      j = l[rng.below(l.length)]!;
    } else {
      i = rng.below(n);
      j = rng.below(n);
    }
    if (i === j || (mode === 'across' && p.list[i] === p.list[j])) continue;
    const pat = comparePair(p, i, j, close, similar);
    for (let f = 0; f < F; f++) {
      const l = patternLevel(pat, f);
      if (l < NLEV[f]!) tally[f]![l]!++;
    }
    got++;
  }
  return tally.map((c) => {
    const tot = c.reduce((s, x) => s + x, 0) + 0.5 * c.length;
    return Array.from(c, (x) => (x + 0.5) / tot);
  });
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * Links records across lists and/or deduplicates them within lists (see {@link LinkageOptions}):
 * 1. exact stage: records sharing a non-missing identifier value under the same key name, or the same list id within
 *    a list, are joined (union-find);
 * 2. blocking: the pairs agreeing on every field of a blocking pass (pairs already compared in an earlier pass are
 *    not compared again);
 * 3. comparison vectors: family and given name (normalised; exact, Jaro-Winkler >= close, >= similar, different),
 *    birth date (exact, day and month swapped, same year, different), sex, nationality; missing on either side is
 *    its own outcome with weight 0;
 * 4. per blocking pass: m from the pairs the identifiers joined (or by EM), u and the match rate by EM on the pass's
 *    pattern counts; small or uninformative passes take global parameters (u from random pairs); weight of a pair =
 *    Σ log2(m/u) of its levels;
 * 5. weight >= upper: link; >= lower: review; else no link (thresholds per pass);
 * 6. persons: the links clustered transitively (union-find) or one-to-one; conflicts reported.
 */
export function linkRecords(records: readonly LinkRecord[], options: LinkageOptions = {}): LinkageResult {
  const timings: { stage: string; ms: number }[] = [];
  let t0 = nowMs();
  const stage = (name: string): void => {
    const t = nowMs();
    timings.push({ stage: name, ms: t - t0 });
    options.onStage?.(name, t - t0);
    t0 = nowMs();
  };
  const mode = options.pairs ?? 'all';
  const clustering = options.clustering ?? 'transitive';
  if (clustering === 'one-to-one' && mode !== 'across') throw new LinkageError("clustering 'one-to-one' needs pairs: 'across' (linkage between lists, each without duplicates)");
  const passes = options.blocking ?? DEFAULT_BLOCKING;
  if (passes.length > 255) throw new LinkageError('blocking: at most 255 passes');
  if (passes.length === 0 || passes.some((b) => b.length === 0)) throw new LinkageError('blocking: at least one pass, each with at least one field');
  const maxBlock = options.maxBlockSize ?? 5000;
  const close = options.nameLevels?.close ?? 0.94;
  const similar = options.nameLevels?.similar ?? 0.85;
  if (!(similar <= close && close <= 1)) throw new LinkageError(`nameLevels: need similar <= close <= 1, got ${similar}, ${close}`);
  if (records.length >= 2 ** 31) throw new LinkageError('too many records');

  const p = prepare(records, options.keepTokenOrder ?? false);
  const n = p.n;
  if (clustering === 'one-to-one' && p.lists.length > 31) throw new LinkageError("clustering 'one-to-one' handles at most 31 lists");
  stage('prepare');

  // 1. exact stage
  const uf = new UnionFind(n);
  let exactLinks = 0;
  const firstOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    if (r.id !== null && r.id !== undefined && r.id !== '') {
      const k = `\u0001${p.list[i]}\u0000${r.id}`;
      const f = firstOf.get(k);
      if (f === undefined) firstOf.set(k, i);
      else if (uf.union(f, i) >= 0) exactLinks++;
    }
    if (r.keys) {
      for (const name in r.keys) {
        const v = normaliseKey(r.keys[name]);
        if (v === '') continue;
        const k = `${name}\u0000${v}`;
        const f = firstOf.get(k);
        if (f === undefined) firstOf.set(k, i);
        else if (uf.union(f, i) >= 0) exactLinks++;
      }
    }
  }
  firstOf.clear();
  // the exact components, frozen for the probabilistic stage
  const exactRoot = new Int32Array(n);
  for (let i = 0; i < n; i++) exactRoot[i] = uf.find(i);
  stage('exact');

  // 2-3. blocking and comparison
  const buf = new PairBuffer();
  const blocking: BlockingReport[] = [];
  const earlier: Int32Array[] = [];
  const passStartOf: number[] = [];
  for (const fields of passes) {
    passStartOf.push(buf.length);
    const key = blockKeys(p, fields);
    let nb = 0;
    for (let i = 0; i < n; i++) if (key[i]! + 1 > nb) nb = key[i]! + 1;
    const start = new Int32Array(nb + 1);
    let without = 0;
    for (let i = 0; i < n; i++) {
      if (key[i]! < 0) without++;
      else start[key[i]! + 1]!++;
    }
    for (let b = 0; b < nb; b++) start[b + 1]! += start[b]!;
    const fill = start.slice(0, nb);
    const members = new Int32Array(n - without);
    for (let i = 0; i < n; i++) if (key[i]! >= 0) members[fill[key[i]!]!++] = i;
    let pairs = 0, skippedBlocks = 0, skippedRecords = 0;
    for (let b = 0; b < nb; b++) {
      const s = start[b]!;
      const e = start[b + 1]!;
      if (e - s < 2) continue;
      if (e - s > maxBlock) {
        skippedBlocks++;
        skippedRecords += e - s;
        continue;
      }
      for (let x = s; x < e; x++) {
        const i = members[x]!;
        const li = p.list[i]!;
        for (let y = x + 1; y < e; y++) {
          const j = members[y]!;
          const same = p.list[j] === li;
          if ((mode === 'across' && same) || (mode === 'within' && !same)) continue;
          let seen = false;
          for (const k of earlier) {
            if (k[i]! >= 0 && k[i] === k[j]) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          buf.push(i, j, comparePair(p, i, j, close, similar));
          pairs++;
        }
      }
    }
    earlier.push(key);
    blocking.push({ fields: [...fields], blocks: nb, pairs, skippedBlocks, skippedRecords, recordsWithoutKey: without });
  }
  earlier.length = 0;
  stage('block-compare');

  // 4. EM on the pattern counts, per blocking pass (pairs first compared in that pass); global parameters otherwise
  const nPass = passes.length;
  const passEnd = blocking.map((_, i) => passStartOf[i]! + blocking[i]!.pairs);
  const given = options.probabilities ?? {};
  const allGiven = LINK_FIELDS.every((f) => given[f]);
  const runEm = (options.em ?? true) && !(allGiven && options.em === undefined);
  const minPass = options.minPassPairs ?? 1000;
  const passCounts = passes.map(() => new Float64Array(NPATTERNS));
  for (let q = 0; q < nPass; q++) {
    for (let k = passStartOf[q]!; k < passEnd[q]!; k++) {
      passCounts[q]![buf.pattern[k]!]!++;
    }
  }
  const p0 = options.startMatchRate ?? 0.1;
  const uRandom = n > 1 ? randomU(p, mode, options.randomPairs ?? 200_000, options.seed ?? 1, close, similar) : null;
  const uFixed = options.uFrom === 'random' ? uRandom : null;
  const warnings: string[] = [];
  // EM on each pass's own pairs (u conditional on the pass's blocking)
  const blockedIn = passes.map((ps) => new Set(ps.map((b) => BLOCKED_FIELD[b])));
  // m from the pairs the identifiers joined, where a pass has enough of them (then EM estimates u and the match rate only)
  const minId = options.minIdentifierPairs ?? 100;
  const mFromPairs = (from: number, to: number): number[][] | null => {
    if ((options.mFrom ?? 'identifiers') !== 'identifiers') return null;
    const tally = NLEV.map((L) => new Float64Array(L));
    let joined = 0;
    for (let k = from; k < to; k++) {
      if (exactRoot[buf.a[k]!] !== exactRoot[buf.b[k]!]) continue;
      joined++;
      const pat = buf.pattern[k]!;
      for (let f = 0; f < NLEV.length; f++) {
        const l = patternLevel(pat, f);
        if (l < NLEV[f]!) tally[f]![l]!++;
      }
    }
    if (joined < minId) return null;
    return tally.map((c) => {
      const tot = c.reduce((s, x) => s + x, 0) + 0.5 * c.length;
      return Array.from(c, (x) => (x + 0.5) / tot);
    });
  };
  const mFromIds = passes.map((_, q) => mFromPairs(passStartOf[q]!, passEnd[q]!));
  const mAllIds = mFromPairs(0, buf.length);
  const ests = passes.map((_, q) => (runEm && blocking[q]!.pairs >= minPass ? em(passCounts[q]!, p0, given, true, uFixed, mFromIds[q]) : null));
  const ownOk = ests.map((e, q) => {
    if (!e) return false;
    const name = passes[q]!.join(' + ');
    if (!e.converged) {
      warnings.push(`pass ${name}: EM did not converge in ${e.iterations - 1} iterations; global parameters used`);
      return false;
    }
    const flat = LINK_FIELDS.filter((f, k) => !blockedIn[q]!.has(f) && !(e.m[k]![0]! > e.u[k]![0]! && e.m[k]![NLEV[k]! - 1]! < e.u[k]![NLEV[k]! - 1]!));
    if (flat.length) {
      warnings.push(`pass ${name}: EM found no evidence in ${flat.join(', ')}; global parameters used`);
      return false;
    }
    return true;
  });
  // global parameters: m from all compared pairs joined by identifiers, else from the largest pass with its own EM that
  // does not block the field; u from random pairs
  const mGlobal: number[][] = [];
  const uGlobal: number[][] = [];
  LINK_FIELDS.forEach((f, k) => {
    const g = given[f];
    let best = -1;
    for (let q = 0; q < nPass; q++) if (ownOk[q] && !blockedIn[q]!.has(f) && (best < 0 || blocking[q]!.pairs > blocking[best]!.pairs)) best = q;
    mGlobal.push(g ? [...g.m] : mAllIds ? [...mAllIds[k]!] : best >= 0 ? [...ests[best]!.m[k]!] : [...START_M[k]!]);
    uGlobal.push(g ? [...g.u] : uRandom ? [...uRandom[k]!] : new Array<number>(NLEV[k]!).fill(1 / NLEV[k]!));
  });
  // prior match rate of a random pair: the matches the passes' EM found, over the pairs there are
  const listSize = p.lists.map(() => 0);
  for (let i = 0; i < n; i++) listSize[p.list[i]!]!++;
  let possible = 0;
  if (mode === 'within' || mode === 'all') for (const c of listSize) possible += (c * (c - 1)) / 2;
  if (mode === 'across' || mode === 'all') for (let x = 0; x < listSize.length; x++) for (let y = x + 1; y < listSize.length; y++) possible += listSize[x]! * listSize[y]!;
  let matches = 0;
  ests.forEach((e, q) => {
    if (ownOk[q]) matches += e!.p * blocking[q]!.pairs;
  });
  if (!(matches > 0)) matches = mode === 'across' && listSize.length > 1 ? Math.min(...listSize) : n / 10;
  const pGlobal = Math.min(0.5, Math.max(1e-12, matches / Math.max(1, possible)));
  const passParams: PassParameters[] = [];
  const weights = new Float64Array(NPATTERNS * nPass);
  const upperOf = new Float64Array(nPass);
  const lowerOf = new Float64Array(nPass);
  for (let q = 0; q < nPass; q++) {
    const own = ownOk[q]!;
    const est: EmResult = own ? ests[q]! : { m: mGlobal, u: uGlobal, p: pGlobal, iterations: 0, converged: true };
    const fields: FieldParameters[] = LINK_FIELDS.map((f, k) => ({
      field: f,
      levels: FIELD_LEVELS[f],
      m: est.m[k]!,
      u: est.u[k]!,
      weights: est.m[k]!.map((mv, l) => Math.log2(mv / est.u[k]![l]!)),
    }));
    for (let pat = 0; pat < NPATTERNS; pat++) {
      let w = 0;
      for (let f = 0; f < LINK_FIELDS.length; f++) {
        const l = patternLevel(pat, f);
        if (l < NLEV[f]!) w += fields[f]!.weights[l]!;
      }
      weights[q * NPATTERNS + pat] = w;
    }
    const prior = Math.log2((1 - est.p) / est.p);
    upperOf[q] = options.upper ?? prior + Math.log2(19);
    lowerOf[q] = options.lower ?? prior - Math.log2(19);
    if (!(lowerOf[q]! <= upperOf[q]!)) throw new LinkageError(`thresholds: lower (${lowerOf[q]}) must not exceed upper (${upperOf[q]})`);
    passParams.push({ fields, matchRate: est.p, emIterations: est.iterations, emConverged: est.converged, mFromIdentifiers: own && mFromIds[q] !== null, source: own ? 'pass' : 'global', upper: upperOf[q]!, lower: lowerOf[q]! });
  }
  for (const b of blocking) {
    if (b.skippedBlocks > 0) warnings.push(`blocking on ${b.fields.join(' + ')}: ${b.skippedBlocks} blocks over ${maxBlock} records skipped (${b.skippedRecords} records); add a field to the pass or raise maxBlockSize`);
  }
  stage('em');

  // 5. classification
  let links = 0, review = 0, nonLinks = 0, comparedExact = 0;
  const linkIdx: number[] = [];
  const revIdx: number[] = [];
  const pairWeight = (k: number): number => {
    let q = 0;
    while (k >= passEnd[q]!) q++;
    return weights[q * NPATTERNS + buf.pattern[k]!]!;
  };
  for (let q = 0; q < nPass; q++) {
    const up = upperOf[q]!;
    const lo = lowerOf[q]!;
    const off = q * NPATTERNS;
    for (let k = passStartOf[q]!; k < passEnd[q]!; k++) {
      const a = buf.a[k]!;
      const b = buf.b[k]!;
      if (exactRoot[a] === exactRoot[b]) {
        comparedExact++;
        continue;
      }
      const w = weights[off + buf.pattern[k]!]!;
      if (w >= up) {
        links++;
        linkIdx.push(k);
      } else if (w >= lo) {
        review++;
        revIdx.push(k);
      } else nonLinks++;
    }
  }
  const rev: ReviewPairs = {
    a: Uint32Array.from(revIdx, (k) => buf.a[k]!),
    b: Uint32Array.from(revIdx, (k) => buf.b[k]!),
    weight: Float64Array.from(revIdx, pairWeight),
    pattern: Uint16Array.from(revIdx, (k) => buf.pattern[k]!),
    pass: Uint8Array.from(revIdx, (k) => {
      let q = 0;
      while (k >= passEnd[q]!) q++;
      return q;
    }),
  };
  stage('classify');

  // 6. clustering
  const conflicts: LinkageConflict[] = [];
  if (clustering === 'transitive') {
    for (const k of linkIdx) uf.union(buf.a[k]!, buf.b[k]!);
  } else {
    const mask = new Int32Array(n);
    for (let i = 0; i < n; i++) mask[uf.find(i)]! |= 1 << p.list[i]!;
    // links by decreasing weight (weights depend on the pattern only: sort the patterns), ties in input order
    const wOf = new Map<number, number>(linkIdx.map((k) => [k, pairWeight(k)]));
    const order = [...linkIdx].sort((x, y) => wOf.get(y)! - wOf.get(x)! || x - y);
    for (const k of order) {
      const a = buf.a[k]!;
      const b = buf.b[k]!;
      const ra = uf.find(a);
      const rb = uf.find(b);
      if (ra === rb) continue;
      if ((mask[ra]! & mask[rb]!) !== 0) {
        conflicts.push({ kind: 'one-to-one', records: [a, b], detail: `link refused (weight ${wOf.get(k)!.toFixed(2)}): both persons already hold a record of the same list` });
        continue;
      }
      const r = uf.union(a, b);
      mask[r] = mask[ra]! | mask[rb]!;
    }
  }
  const person = new Int32Array(n);
  const idOfRoot = new Int32Array(n).fill(-1);
  let persons = 0;
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    if (idOfRoot[r]! < 0) idOfRoot[r] = persons++;
    person[i] = idOfRoot[r]!;
  }
  // conflicts within persons: records grouped by person (counting sort)
  const start = new Int32Array(persons + 1);
  for (let i = 0; i < n; i++) start[person[i]! + 1]!++;
  for (let q = 0; q < persons; q++) start[q + 1]! += start[q]!;
  const fill = start.slice(0, persons);
  const byPerson = new Int32Array(n);
  for (let i = 0; i < n; i++) byPerson[fill[person[i]!]!++] = i;
  for (let q = 0; q < persons; q++) {
    const s = start[q]!;
    const e = start[q + 1]!;
    if (e - s < 2) continue;
    const members = Array.from(byPerson.subarray(s, e));
    if (mode === 'across' && clustering === 'transitive') {
      const seenList = new Set<number>();
      let dup = false;
      for (const i of members) {
        if (seenList.has(p.list[i]!)) dup = true;
        seenList.add(p.list[i]!);
      }
      if (dup) conflicts.push({ kind: 'same-list', records: members, detail: `person ${q} holds ${members.length} records, several of one list` });
    }
    const values = new Map<string, Set<string>>();
    for (const i of members) {
      const keys = records[i]!.keys;
      if (!keys) continue;
      for (const name in keys) {
        const v = normaliseKey(keys[name]);
        if (v === '') continue;
        let set = values.get(name);
        if (!set) values.set(name, (set = new Set()));
        set.add(v);
      }
    }
    for (const [name, set] of values) {
      if (set.size > 1) conflicts.push({ kind: 'key', records: members, detail: `person ${q} holds ${set.size} values of "${name}": ${[...set].slice(0, 5).join(', ')}` });
    }
  }
  stage('cluster');

  return {
    n,
    person,
    persons,
    lists: p.lists,
    listOf: p.list,
    counts: { exactLinks, compared: buf.length, comparedExact, links, review, nonLinks },
    blocking,
    parameters: passParams,
    review: rev,
    conflicts,
    warnings,
    timings,
  };
}

/**
 * The review file: one row per uncertain pair (weight between the thresholds), heaviest first, with the pair's lists
 * and rows, weight, and the compared fields of both records with their agreement level.
 */
export function reviewTable(result: LinkageResult, records: readonly LinkRecord[]): Table {
  const r = result.review;
  const order = Array.from({ length: r.a.length }, (_, k) => k).sort((x, y) => r.weight[y]! - r.weight[x]! || x - y);
  const col = <T>(f: (k: number) => T): T[] => order.map(f);
  const rec = (k: number, side: 'a' | 'b'): LinkRecord => records[r[side][k]!]!;
  const level = (k: number, f: number): string => {
    const l = patternLevel(r.pattern[k]!, f);
    return l >= NLEV[f]! ? 'missing' : FIELD_LEVELS[LINK_FIELDS[f]!][l]!;
  };
  const date = (d: number | null): string | null => (d === null ? null : isoDate(d));
  return tableFromArrays(
    {
      list_a: col((k) => rec(k, 'a').list),
      row_a: Float64Array.from(order, (k) => rec(k, 'a').row),
      list_b: col((k) => rec(k, 'b').list),
      row_b: Float64Array.from(order, (k) => rec(k, 'b').row),
      weight: Float64Array.from(order, (k) => r.weight[k]!),
      family_name_a: col((k) => rec(k, 'a').familyName),
      family_name_b: col((k) => rec(k, 'b').familyName),
      family_name: col((k) => level(k, 0)),
      given_name_a: col((k) => rec(k, 'a').givenName),
      given_name_b: col((k) => rec(k, 'b').givenName),
      given_name: col((k) => level(k, 1)),
      birth_date_a: col((k) => date(rec(k, 'a').birthDate)),
      birth_date_b: col((k) => date(rec(k, 'b').birthDate)),
      birth_date: col((k) => level(k, 2)),
      sex_a: col((k) => rec(k, 'a').sex),
      sex_b: col((k) => rec(k, 'b').sex),
      nationality_a: col((k) => rec(k, 'a').nationality),
      nationality_b: col((k) => rec(k, 'b').nationality),
    },
    'linkage review',
  );
}

/** Pairwise and person-level agreement of a linkage with the truth. */
export interface LinkageQuality {
  /** Record pairs put in the same person, truly the same person, and both. */
  readonly predictedPairs: number;
  readonly truePairs: number;
  readonly correctPairs: number;
  /** correct / predicted (1 when nothing is linked). */
  readonly precision: number;
  /** correct / true (1 when there is nothing to find). */
  readonly recall: number;
  readonly f1: number;
  /** True persons whose records form exactly one linked person, and their share of the true persons. */
  readonly personsExact: number;
  readonly personsExactShare: number;
}

/**
 * Precision and recall of a linkage against a ground-truth person key per record (null: a person of its own), pairwise:
 * the pairs of records linked versus the pairs truly the same person.
 */
export function evaluateLinkage(person: ArrayLike<number>, truth: readonly (string | number | null)[]): LinkageQuality {
  const n = person.length;
  if (truth.length !== n) throw new LinkageError(`evaluateLinkage: ${truth.length} truth keys for ${n} records`);
  const tIdx = new Map<string | number, number>();
  const t = new Float64Array(n);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const v = truth[i];
    if (v === null || v === undefined) {
      t[i] = -1 - i;
      continue;
    }
    let c = tIdx.get(v);
    if (c === undefined) tIdx.set(v, (c = next++));
    t[i] = c;
  }
  const pairsOf = (m: Map<number, number>): number => {
    let s = 0;
    for (const c of m.values()) s += (c * (c - 1)) / 2;
    return s;
  };
  const byPerson = new Map<number, number>();
  const byTruth = new Map<number, number>();
  const both = new Map<number, number>();
  const span = n + 1;
  for (let i = 0; i < n; i++) {
    byPerson.set(person[i]!, (byPerson.get(person[i]!) ?? 0) + 1);
    byTruth.set(t[i]!, (byTruth.get(t[i]!) ?? 0) + 1);
    const k = person[i]! * 2 * span + (t[i]! + span);
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  const predictedPairs = pairsOf(byPerson);
  const truePairs = pairsOf(byTruth);
  const correctPairs = pairsOf(both);
  // a true person is recovered exactly when its records are one linked person holding nothing else
  let personsExact = 0;
  for (const [k, c] of both) {
    const q = Math.floor(k / (2 * span));
    const tv = (k % (2 * span)) - span;
    if (byPerson.get(q) === c && byTruth.get(tv) === c) personsExact++;
  }
  const precision = predictedPairs > 0 ? correctPairs / predictedPairs : 1;
  const recall = truePairs > 0 ? correctPairs / truePairs : 1;
  return {
    predictedPairs,
    truePairs,
    correctPairs,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    personsExact,
    personsExactShare: byTruth.size > 0 ? personsExact / byTruth.size : 1,
  };
}
