import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';

describe('parseCsv', () => {
  it('types columns: numbers when every value is a number, codes stay text with leading zeros; NA and empty are missing', () => {
    const t = parseCsv('\ufeffid,code,x,s\n1,0888,1.5,a\n2,0123,NA,\n3,9,-2e3,b\n', 'mem.csv');
    expect(t.names).toEqual(['id', 'code', 'x', 's']);
    expect(t.column('x')).toMatchObject({ kind: 'number' });
    expect(Array.from((t.column('x') as { values: Float64Array }).values)).toEqual([1.5, NaN, -2000]);
    expect(t.column('code')).toMatchObject({ kind: 'category', levels: ['0888', '0123', '9'] });
    const s = t.column('s') as { codes: Int32Array; levels: readonly string[] };
    expect(Array.from(s.codes)).toEqual([0, -1, 1]);
    const c2 = parseCsv('code\n0888\nA1\n', 'mem.csv').column('code') as { levels: readonly string[] };
    expect(c2.levels).toEqual(['0888', 'A1']);
  });

  it('detects the delimiter and reads quoted fields', () => {
    const t = parseCsv('a;b\n"x;y";2\n', 'mem.csv');
    expect((t.column('a') as { levels: readonly string[] }).levels).toEqual(['x;y']);
  });

  it('names the file and line of bad input', () => {
    expect(() => parseCsv('', 'e.csv')).toThrow('e.csv: the file is empty');
    expect(() => parseCsv('a,a\n1,2\n', 'd.csv')).toThrow('d.csv: line 1: column name "a" appears twice (columns 1 and 2)');
    expect(() => parseCsv('a,b\n1,2,3\n', 'r.csv')).toThrow('r.csv: line 2: 3 fields, expected 2');
    expect(() => parseCsv('a,b\n"1,2\n', 'q.csv')).toThrow(/q.csv: line \d+: .*[Qq]uote/);
    expect(() => parseCsv('a\n1\n', 'x.csv').column('b')).toThrow('x.csv: no column "b"; columns are: a');
  });
});
