/** `migstat run`: a pipeline file from the command line, its summary, --dry-run, --only and errors. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const data = new URL('../../datasets/atlantis-lfs/', import.meta.url).pathname;
const pipeline = (steps: string): string => `pipeline: 1
title: CLI test
output: out
inputs:
  survey:
    rounds:
      - label: 2024Q1
        profile: ${data}profile.yaml
        tables: { person: ${data}lfs_2024q1_persons.parquet, households: ${data}lfs_2024q1_households.parquet, absent: ${data}lfs_2024q1_absent.parquet }
steps:
${steps}`;
const INDICATORS = '  - step: indicators\n    indicators: [MST_TUNE_SEX_AGE_CBR_RT]\n    formats: [json]\n';

let dir: string;
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-run-'));
  err = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

const file = (text: string): string => {
  const f = join(dir, 'pipeline.yaml');
  writeFileSync(f, text);
  return f;
};

describe('migstat run', () => {
  it('runs the steps and ends with a summary of outputs (no progress bar off a terminal)', async () => {
    expect(await main(['run', file(pipeline(INDICATORS))]), err.join('')).toBe(0);
    const text = err.join('');
    expect(text).toMatch(/^CLI test: 2 files in .*out\n {2}indicators: 2 files \(tables\/2024Q1\)\n/);
    expect(text).toContain('summary: run-summary.json');
    expect(text).not.toContain('\r');
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['run-summary.json', 'tables']);
  });

  it('--dry-run says the file is valid and writes nothing', async () => {
    expect(await main(['run', file(pipeline(INDICATORS)), '--dry-run']), err.join('')).toBe(0);
    expect(err.join('')).toMatch(/pipeline\.yaml: valid\. Steps: indicators; rounds: 2024Q1; .*Nothing computed \(dry run\)/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a bad pipeline exits 2 with every problem and writes nothing', async () => {
    expect(await main(['run', file(pipeline('  - step: indicators\n    formats: [pdf]\n  - step: plot\n'))])).toBe(2);
    const text = err.join('');
    expect(text).toMatch(/^migstat: pipeline .*pipeline\.yaml: 2 problems/);
    expect(text).toMatch(/pipeline\.yaml:\d+:\d+: steps\.0\.formats\.0: /);
    expect(text).toMatch(/pipeline\.yaml:\d+:\d+: steps\.1\.step: unknown step "plot"/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--only with a step the file does not list exits 2; a missing file exits 2', async () => {
    expect(await main(['run', file(pipeline(INDICATORS)), '--only', 'report'])).toBe(2);
    expect(err.join('')).toMatch(/--only report: not a step of this pipeline; its steps: indicators/);
    expect(await main(['run', join(dir, 'nope.yaml')])).toBe(2);
    expect(err.join('')).toMatch(/nope\.yaml: cannot be read/);
  });
});
