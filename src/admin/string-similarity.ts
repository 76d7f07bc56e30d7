/**
 * String similarity for person linkage: the Jaro-Winkler similarity and a name normaliser.
 *
 * Jaro (1989, JASA 84:414) with Winkler's (1990, Proc. Section on Survey Research Methods, ASA, 354-359) common-prefix
 * boost: jw = j + l·p·(1 − j), l the common prefix length up to 4, p = 0.1; the reference pairs of Winkler (1990) and
 * the usual references: MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.840, DIXON/DICKSONX 0.813.
 */

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/**
 * Jaro similarity of two strings (UTF-16 code units): (m/|a| + m/|b| + (m − t)/m) / 3, where m counts characters equal
 * within a window of floor(max(|a|, |b|)/2) − 1 positions and t is half the number of matched characters out of order.
 * Two empty strings have similarity 1, one empty string 0.
 */
export function jaro(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 && lb === 0) return 1;
  if (la === 0 || lb === 0) return 0;
  if (a === b) return 1;
  if (flagsA.length < la) flagsA = new Uint8Array(la * 2);
  if (flagsB.length < lb) flagsB = new Uint8Array(lb * 2);
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  let k = 0;
  let half = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) half++;
    k++;
  }
  const t = half / 2;
  return (m / la + m / lb + (m - t) / m) / 3;
}

/**
 * Jaro-Winkler similarity (Winkler 1990): the Jaro similarity raised for a common prefix of up to 4 characters,
 * jw = j + l·p·(1 − j). `prefixScale` p defaults to 0.1 (at most 0.25, so that jw <= 1).
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  if (!(prefixScale >= 0 && prefixScale <= 0.25)) throw new RangeError(`jaroWinkler: prefixScale must be in [0, 0.25], got ${prefixScale}`);
  const j = jaro(a, b);
  if (j === 1 || j === 0) return j;
  let l = 0;
  const max = Math.min(4, a.length, b.length);
  while (l < max && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return j + l * prefixScale * (1 - j);
}

/** Options of {@link normaliseName}. */
export interface NormaliseNameOptions {
  /** Sort the name's tokens alphabetically, so that "Garcia Lopez" and "Lopez Garcia" agree (default true). */
  readonly sortTokens?: boolean;
  /** Tokens dropped after normalisation, e.g. particles or titles (default none). Compared upper-case, ASCII. */
  readonly dropTokens?: readonly string[];
}

/** Letters that Unicode canonical decomposition does not reduce to an ASCII base letter. */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'SS', ẞ: 'SS', Æ: 'AE', æ: 'AE', Œ: 'OE', œ: 'OE', Ø: 'O', ø: 'O', Đ: 'D', đ: 'D', Ð: 'D', ð: 'D', Þ: 'TH', þ: 'TH',
  Ł: 'L', ł: 'L', ı: 'I', Ħ: 'H', ħ: 'H', ŋ: 'NG', Ŋ: 'NG',
};

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/**
 * Normalises a person name for comparison: Unicode NFKD with the combining marks removed (diacritics folded to ASCII:
 * "Müller" → "MULLER", "Ñúñez" → "NUNEZ"), the letters NFKD keeps (ß, æ, ø, ł, ...) spelled in ASCII, upper case,
 * apostrophes removed ("O'Brien" → "OBRIEN"), any other non-letter-or-digit (hyphen, dot, comma) made a token break,
 * whitespace collapsed and, by default, the tokens sorted. Non-Latin scripts are kept as they are (transliteration is
 * out of scope). Null, undefined and names left empty give "".
 */
export function normaliseName(name: string | null | undefined, options: NormaliseNameOptions = {}): string {
  if (name === null || name === undefined) return '';
  const sortTokens = options.sortTokens ?? true;
  const useCache = sortTokens && !options.dropTokens;
  if (useCache) {
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
  }
  let s = '';
  if (/^[A-Za-z ]*$/.test(name)) s = name; // plain ASCII: nothing to fold
  else for (const ch of name.normalize('NFKD')) {
    const special = SPECIAL[ch];
    if (special) s += special;
    else if (/\p{M}/u.test(ch)) continue;
    else if (ch === "'" || ch === '’' || ch === '`' || ch === 'ʼ') continue;
    else if (/[\p{L}\p{N}]/u.test(ch)) s += ch;
    else s += ' ';
  }
  let tokens = s.toUpperCase().split(' ').filter((t) => t.length > 0);
  if (options.dropTokens) {
    const drop = new Set(options.dropTokens.map((t) => normaliseName(t, { sortTokens: false })));
    tokens = tokens.filter((t) => !drop.has(t));
  }
  if (sortTokens) tokens.sort();
  const out = tokens.join(' ');
  if (useCache) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(name, out);
  }
  return out;
}

/** Normalises an identifier (passport, foreigner id, social security number): upper case, letters and digits only; "" if none. */
export function normaliseKey(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value.toUpperCase().replace(/[^0-9A-Z]/g, '');
}
