import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { available, itWith } from '../support/components.js';

const root = new URL('../../', import.meta.url).pathname;

describe('test/fixtures/r/contrast_gold.R', () => {
  itWith('R with the survey package', available('Rscript', ['-e', 'library(survey); library(jsonlite)']), 're-runs with R and reproduces the committed gold values', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'migstat-r-')), 'contrast_gold.json');
    const p = spawnSync('Rscript', ['test/fixtures/r/contrast_gold.R'], { cwd: root, encoding: 'utf8', env: { ...process.env, CONTRAST_GOLD_OUT: out } });
    expect(p.status, p.stderr).toBe(0);
    const fresh = JSON.parse(readFileSync(out, 'utf8'));
    const committed = JSON.parse(readFileSync(join(root, 'test/fixtures/r/contrast_gold.json'), 'utf8'));
    const values = (x: unknown): number[] => JSON.stringify((x as { cases: unknown }).cases).match(/-?\d+\.?\d*(e[-+]?\d+)?/gi)!.map(Number);
    const [a, b] = [values(fresh), values(committed)];
    expect(a.length).toBe(b.length);
    a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b[i]!))));
  }, 120_000);
});
