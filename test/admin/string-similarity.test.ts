import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler, normaliseKey, normaliseName } from '../../src/admin/string-similarity.js';

describe('jaroWinkler', () => {
  // Winkler (1990), "String comparator metrics and enhanced decision rules in the Fellegi-Sunter model of record
  // linkage", Proc. Section on Survey Research Methods, ASA, pp. 354-359; the same pairs and values are the usual
  // references (e.g. the Jaro-Winkler distance entry of Wikipedia, R stringdist `method = "jw", p = 0.1`).
  it.each([
    ['MARTHA', 'MARHTA', 0.961, 0.944],
    ['DWAYNE', 'DUANE', 0.84, 0.822],
    ['DIXON', 'DICKSONX', 0.813, 0.767],
  ])('%s / %s', (a, b, jw, j) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 3);
    expect(jaro(a, b)).toBeCloseTo(j, 3);
    expect(jaroWinkler(b, a)).toBeCloseTo(jw, 3);
  });

  it('edge cases', () => {
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('A', '')).toBe(0);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
    expect(jaroWinkler('SMITH', 'SMITH')).toBe(1);
    expect(() => jaroWinkler('A', 'B', 0.3)).toThrow(/prefixScale/);
    // a string longer than the scratch buffers
    const long = 'A'.repeat(300);
    expect(jaroWinkler(long, long + 'B')).toBeGreaterThan(0.99);
  });
});

describe('normaliseName', () => {
  it('folds accents, case and punctuation and sorts tokens', () => {
    expect(normaliseName('Müller')).toBe('MULLER');
    expect(normaliseName('Ñúñez-García')).toBe('GARCIA NUNEZ');
    expect(normaliseName("O'Brien")).toBe('OBRIEN');
    expect(normaliseName('Straße')).toBe('STRASSE');
    expect(normaliseName('  Łukasz   Øster ')).toBe('LUKASZ OSTER');
    expect(normaliseName('García López')).toBe(normaliseName('LOPEZ garcia'));
    expect(normaliseName('Nguyễn Văn', { sortTokens: false })).toBe('NGUYEN VAN');
    expect(normaliseName('Maria de la Cruz', { dropTokens: ['de', 'la'] })).toBe('CRUZ MARIA');
    expect(normaliseName(null)).toBe('');
    expect(normaliseName(' - ')).toBe('');
  });

  it('normalises identifiers', () => {
    expect(normaliseKey(' ab-12 345 ')).toBe('AB12345');
    expect(normaliseKey(null)).toBe('');
  });
});
