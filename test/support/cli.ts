/** The harness of CLI tests: a fresh temporary folder per test, and `main` run with stdout and stderr captured. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

export interface CliHarness {
  /** The test's temporary folder. */
  dir(): string;
  /** Runs the CLI; stdout and stderr accumulate over the test (`clear` empties them). */
  run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  clear(): void;
}

/** Registers the hooks of a CLI test file (call at the top level of the file). */
export function cliHarness(prefix: string): CliHarness {
  let dir = '';
  const out: string[] = [];
  const err: string[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `migstat-${prefix}-`));
    out.length = 0;
    err.length = 0;
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return {
    dir: () => dir,
    async run(args) {
      const code = await main([...args]);
      return { code, stdout: out.join(''), stderr: err.join('') };
    },
    clear() {
      out.length = 0;
      err.length = 0;
    },
  };
}
