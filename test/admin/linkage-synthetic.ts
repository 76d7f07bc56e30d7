/**
 * Synthetic persons and their records on two (or more) lists, with known truth, for the linkage tests and
 * bench/linkage.bench.ts. Seeded (SeededRandom): the same arguments give the same records.
 *
 * A person has a given name (from 120 per sex, some accented or two-token), a family name (made of syllables: about
 * 27,000 distinct, a fifth of them two-token), a birth date (1950-2006), sex, nationality (24 codes, unequal) and a
 * passport number. Each record copies the person with errors: family name typo (`typo`, a substitution, deletion,
 * insertion or transposition), given name typo, token order reversed, accents dropped and random case, day and month
 * swapped (`swap`, when day <= 12), birth date missing (2%), another day of the same year (1%) or a year off (1%), sex or nationality missing,
 * passport present with probability `passport` per list.
 */
import type { LinkRecord } from '../../src/admin/linkage.js';
import { SeededRandom } from '../../src/survey/random.js';

const GIVEN_M = [
  'José', 'Juan', 'Luis', 'Carlos', 'Jorge', 'Pedro', 'Miguel', 'Ángel', 'Andrés', 'Raúl', 'Mohamed', 'Ahmed', 'Ali', 'Omar',
  'Youssef', 'Hassan', 'Karim', 'Mehmet', 'Mustafa', 'Emre', 'Arjun', 'Rahul', 'Vikram', 'Sanjay', 'Anil', 'Ravi', 'Nguyễn Văn',
  'Minh', 'Tuấn', 'Hùng', 'Jean', 'Pierre', 'François', 'Étienne', 'Luc', 'André', 'Giovanni', 'Marco', 'Luca', 'Paolo',
  'Piotr', 'Paweł', 'Łukasz', 'Tomasz', 'Jakub', 'Ivan', 'Dmitri', 'Sergei', 'Oleksandr', 'Andriy', 'Kwame', 'Kofi', 'Chinedu',
  'Emeka', 'Tunde', 'John', 'James', 'David', 'Michael', 'Joseph', 'Jose Maria', 'Juan Carlos', 'Abdul Rahman', 'Jan Erik',
];
const GIVEN_F = [
  'María', 'Ana', 'Lucía', 'Carmen', 'Rosa', 'Isabel', 'Sofía', 'Elena', 'Inés', 'Pilar', 'Fatima', 'Aisha', 'Khadija', 'Mariam',
  'Leila', 'Yasmin', 'Zeynep', 'Elif', 'Ayşe', 'Emine', 'Priya', 'Anjali', 'Sunita', 'Kavya', 'Lakshmi', 'Deepa', 'Thị Lan',
  'Hoa', 'Mai', 'Linh', 'Marie', 'Sophie', 'Chloé', 'Hélène', 'Léa', 'Zoé', 'Giulia', 'Francesca', 'Chiara', 'Sara', 'Agnieszka',
  'Małgorzata', 'Katarzyna', 'Joanna', 'Zofia', 'Olga', 'Natalia', 'Svetlana', 'Oksana', 'Iryna', 'Ama', 'Abena', 'Ngozi',
  'Chioma', 'Funmilayo', 'Mary', 'Elizabeth', 'Sarah', 'Grace', 'Ruth', 'Maria Jose', 'Ana Sofia', 'Nur Aini', 'Anne Marie',
];
const SYLLABLES = [
  'al', 'ba', 'be', 'bo', 'ca', 'da', 'de', 'di', 'do', 'el', 'fa', 'ga', 'gu', 'ha', 'ib', 'ka', 'ki', 'ko', 'la', 'le', 'li',
  'lo', 'ma', 'me', 'mi', 'mo', 'na', 'ne', 'ni', 'no', 'or', 'pa', 'pe', 'ra', 're', 'ri', 'ro', 'sa', 'se', 'si', 'so', 'ta',
  'te', 'ti', 'to', 'va', 'vi', 'ya', 'za', 'zo',
];
const ENDINGS = ['', 'n', 'z', 's', 'r', 'ski', 'ez', 'ov', 'ić', 'ta', 'ma', 'ni', 'ş', 'é', 'ez'];
const NATIONALITIES = ['PHL', 'IND', 'NPL', 'BGD', 'IDN', 'VNM', 'EGY', 'MAR', 'TUR', 'UKR', 'POL', 'ROU', 'MEX', 'COL', 'VEN', 'PER', 'NGA', 'GHA', 'ETH', 'KEN', 'PAK', 'LKA', 'CHN', 'BRA'];

const ACCENTS: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u', ñ: 'n', ç: 'c', ş: 's', ł: 'l', ć: 'c', ã: 'a', ü: 'u', ö: 'o', ễ: 'e', ă: 'a', ấ: 'a', ù: 'u', ị: 'i', ể: 'e' };

export interface SyntheticOptions {
  /** Persons in the population. */
  readonly persons: number;
  /** Probability that a person is on each list (one per list). */
  readonly inclusion: readonly number[];
  readonly seed?: number;
  readonly typo?: number;
  readonly swap?: number;
  /** Probability that a person on a list is there twice (a within-list duplicate), default 0. */
  readonly duplicate?: number;
  /** Probability that a record carries the passport number, per list (default 0.3 each). */
  readonly passport?: readonly number[];
}

export interface SyntheticRecords {
  readonly records: LinkRecord[];
  /** Person id of each record. */
  readonly truth: number[];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function typo(rng: SeededRandom, s: string): string {
  if (s.length < 3) return s;
  const i = 1 + rng.below(s.length - 2);
  switch (rng.below(4)) {
    case 0:
      return s.slice(0, i) + LETTERS[rng.below(26)] + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + s.slice(i + 1);
    case 2:
      return s.slice(0, i) + LETTERS[rng.below(26)] + s.slice(i);
    default:
      return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
  }
}

function style(rng: SeededRandom, s: string): string {
  let out = s;
  if (rng.next() < 0.3) out = [...out].map((c) => ACCENTS[c] ?? ACCENTS[c.toLowerCase()]?.toUpperCase() ?? c).join('');
  const r = rng.next();
  if (r < 0.4) out = out.toUpperCase();
  else if (r < 0.5) out = out.toLowerCase();
  return out;
}

/** Synthetic records with truth (see the module comment). */
export function syntheticRecords(o: SyntheticOptions): SyntheticRecords {
  const rng = new SeededRandom(o.seed ?? 1);
  const typoP = o.typo ?? 0.08;
  const swapP = o.swap ?? 0.03;
  const dupP = o.duplicate ?? 0;
  const records: LinkRecord[] = [];
  const truth: number[] = [];
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const familyName = (): string => {
    const one = (): string => {
      const k = 2 + rng.below(2);
      let s = '';
      for (let i = 0; i < k; i++) s += SYLLABLES[rng.below(SYLLABLES.length)];
      return cap(s + ENDINGS[rng.below(ENDINGS.length)]);
    };
    return rng.next() < 0.2 ? `${one()} ${one()}` : one();
  };
  const lo = Date.UTC(1950, 0, 1) / 864e5;
  const hi = Date.UTC(2006, 11, 31) / 864e5;
  const natCum: number[] = [];
  let acc = 0;
  NATIONALITIES.forEach((_, i) => natCum.push((acc += 1 / (i + 2))));
  const pickNat = (): string => {
    const x = rng.next() * acc;
    let i = 0;
    while (natCum[i]! < x) i++;
    return NATIONALITIES[i]!;
  };
  const passportP = o.passport ?? o.inclusion.map(() => 0.3);
  const rows = o.inclusion.map(() => 0);
  for (let id = 0; id < o.persons; id++) {
    const sex: 'M' | 'F' = rng.next() < 0.55 ? 'M' : 'F';
    const given = (sex === 'M' ? GIVEN_M : GIVEN_F)[rng.below(64)]!;
    const family = familyName();
    const birth = lo + rng.below(hi - lo + 1);
    const nat = pickNat();
    const passport = `P${(id * 7919 + 104729).toString(36).toUpperCase()}`;
    o.inclusion.forEach((pl, l) => {
      if (rng.next() >= pl) return;
      const copies = rng.next() < dupP ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        let fam = family;
        let giv = given;
        if (rng.next() < typoP) fam = typo(rng, fam);
        if (rng.next() < typoP) giv = typo(rng, giv);
        if (fam.includes(' ') && rng.next() < 0.3) fam = fam.split(' ').reverse().join(' ');
        fam = style(rng, fam);
        giv = style(rng, giv);
        let bd: number | null = birth;
        const [y, m, d] = (() => {
          const dt = new Date(birth * 864e5);
          return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
        })();
        const r = rng.next();
        if (r < swapP && d <= 12 && d !== m) bd = Date.UTC(y, d - 1, m) / 864e5;
        else if (r < swapP + 0.02) bd = null;
        else if (r < swapP + 0.03) bd = Date.UTC(y, rng.below(12), 1 + rng.below(28)) / 864e5;
        else if (r < swapP + 0.04) bd = birth + (rng.next() < 0.5 ? -365 : 365);
        records.push({
          list: `list${l + 1}`,
          row: rows[l]!++,
          keys: { passport: rng.next() < passportP[l]! ? passport : null },
          givenName: giv,
          familyName: fam,
          birthDate: bd,
          sex: rng.next() < 0.02 ? null : sex,
          nationality: rng.next() < 0.05 ? null : nat,
        });
        truth.push(id);
      }
    });
  }
  return { records, truth };
}
