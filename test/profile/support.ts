import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ProfileError } from '../../src/profile/errors.js';

export const fixtures = new URL('../fixtures/profile/', import.meta.url).pathname;

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'migstat-profile-'));
}

/** Writes files into a directory; returns the path of the first. */
export function write(dir: string, files: Readonly<Record<string, string>>): string {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return join(dir, Object.keys(files)[0]!);
}

/** A minimal valid profile (YAML) to build cases from. */
export const minimal = `survey:
  country: PHL
  reference_period: 2024Q1
tables:
  person:
    role: person
    variables:
      sex: { from: B4, map: { 1: M, 2: F } }
      age: B5
`;

/** Runs f, expects a ProfileError, returns it. */
export function profileError(f: () => unknown): ProfileError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return e as ProfileError;
  }
  throw new Error('expected a ProfileError');
}
