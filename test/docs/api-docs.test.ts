/**
 * The API reference (`npm run docs`: TypeDoc over src/index.ts with typedoc.json) builds, and has a page for the key
 * exports with their doc comments.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
let out: string;
let result: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'migstat-api-docs-'));
  result = await new Promise((done) => {
    execFile(join(root, 'node_modules/.bin/typedoc'), ['--out', out, 'src/index.ts'], { cwd: root, timeout: 170_000, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}, 180_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

describe('API reference (typedoc)', () => {
  it('builds without errors', () => {
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(/\[error\]/);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it.each([
    ['functions/svyDesign.html', 'svyDesign'],
    ['functions/estimate.html', 'estimate'],
    ['functions/runPipeline.html', 'runPipeline'],
    ['functions/computeSdg1071.html', 'computeSdg1071'],
    ['functions/toArrow.html', 'toArrow'],
    ['functions/toDataFrame.html', 'toDataFrame'],
    ['classes/Table.html', 'Table'],
    ['interfaces/DesignSpec.html', 'DesignSpec'],
  ])('has a page %s', (page, name) => {
    const html = readFileSync(join(out, page), 'utf8');
    expect(html).toContain(name);
    expect(html).toContain('src/');
  });

  it('carries the doc comments', () => {
    const html = readFileSync(join(out, 'interfaces/DesignSpec.html'), 'utf8');
    expect(html).toContain('Sampling weight column');
  });
});
