import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { InputError } from '../../src/io/errors.js';
import { readTable } from '../../src/io/read.js';

const bad = new URL('../fixtures/bad/', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'migstat-bad-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Each corpus file and what its error must say (after the file's path). */
const CASES: [string, string | RegExp][] = [
  ['empty.csv', 'the file is empty'],
  ['ragged.csv', 'line 3: 2 fields, expected 3 as in the header'],
  ['invalid-utf8.csv', 'line 3, byte 6 (file offset 19): invalid UTF-8 (bytes 0xE9 0x0A)'],
  ['unterminated-quote.csv', 'line 3: field 2: unterminated quote'],
  ['duplicate-names.csv', 'line 1: column name "age" appears twice (columns 2 and 3)'],
  ['nul-bytes.csv', 'line 3, byte 3 (file offset 11): NUL byte (0x00)'],
  ['wrong-magic.sav', /not an SPSS system file.*byte/],
  ['wrong-magic.dta', /not a Stata \.dta file.*byte/],
  ['wrong-magic.parquet', 'byte 1: not a Parquet file'],
  ['wrong-magic.arrow', 'byte 1: not an Arrow IPC file'],
  ['truncated.sav', /truncated.*byte \d+/],
  ['truncated.dta', /truncated.*byte \d+/],
  ['truncated.parquet', /byte \d+: the Parquet file is truncated/],
];

describe('bad-input corpus: readTable names the file and the position', () => {
  for (const [name, message] of CASES) {
    it(name, async () => {
      const path = join(bad, name);
      const e = await readTable(path).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(InputError);
      expect((e as Error).message.startsWith(`${path}: `)).toBe(true);
      expect((e as Error).message).toMatch(message);
    });
  }

  it('a 10 MB single line (made here, not committed)', async () => {
    const path = join(out, 'one-line.csv');
    writeFileSync(path, 'x'.repeat(10 << 20));
    await expect(readTable(path)).rejects.toThrow(`${path}: line 1: no line end within 4194304 bytes`);
    const quoted = join(out, 'one-quote.csv');
    writeFileSync(quoted, 'a,b\n1,"' + 'x'.repeat(10 << 20));
    await expect(readTable(quoted)).rejects.toThrow(`${quoted}: line 2: a quoted field runs on for more than 4194304 bytes without its closing quote`);
  });
});

describe('bad-input corpus on the command line: exit code 2, the message, no output file', () => {
  let err: string[];
  beforeEach(() => {
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  const noOutput = (dir: string) => expect(readdirSync(dir)).toEqual([]);

  for (const [name, message] of CASES) {
    it(`migstat convert ${name}`, async () => {
      const dir = mkdtempSync(join(out, 'convert-'));
      for (const target of ['out.csv', 'out.parquet']) {
        const code = await main(['convert', join(bad, name), join(dir, target)]);
        expect(code).toBe(2);
        expect(err.join('')).toContain(join(bad, name));
        expect(err.join('')).toMatch(message);
      }
      noOutput(dir);
    });
  }

  for (const [profile, message] of [
    ['profile-missing-column.yaml', /profile-missing-column\.yaml:9:14: .*column "SEX" is not in .*profile-person\.csv/],
    ['profile-unknown-code.yaml', /profile-unknown-code\.yaml:10:7: .*column "B4": 1 row with values that are not known codes of sex: 3/],
  ] as const) {
    it(`migstat profile apply with ${profile}`, async () => {
      const dir = mkdtempSync(join(out, 'profile-'));
      const code = await main(['profile', 'apply', join(bad, 'profile-person.csv'), '-p', join(bad, profile), '-o', join(dir, 'standard.csv')]);
      expect(code).toBe(2);
      expect(err.join('')).toMatch(message);
      noOutput(dir);
    });
  }
});
