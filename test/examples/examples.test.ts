/**
 * Every library example (examples/library/*.ts) runs as a user would run it (`tsx <script> <out-folder>`, cwd the repo
 * root) and exits 0 with a sensible output; every pipeline file under examples/ passes its checks (dry run), and the
 * pipeline example's real run (only the indicators step, to a temporary folder) writes the tables.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runPipeline } from '../../src/pipeline/run.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const scripts = readdirSync(join(root, 'examples/library')).filter((f) => f.endsWith('.ts')).sort();

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly out: string;
}

let tmp: string;
const runs = new Map<string, Promise<Ran>>();

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'migstat-examples-'));
  // all scripts at once: the suite takes as long as the slowest (the pipeline run)
  for (const script of scripts) {
    const out = join(tmp, script.replace(/\.ts$/, ''));
    runs.set(script, new Promise((done) => {
      execFile(tsx, [join('examples/library', script), out], { cwd: root, timeout: 120_000, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, out });
      });
    }));
  }
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const ran = async (script: string): Promise<Ran> => {
  const r = await runs.get(script)!;
  if (r.code !== 0) throw new Error(`${script} exited ${r.code}:\n${r.stderr}`);
  return r;
};

/** Pipeline files under examples/ (YAML files with a `pipeline:` version key). */
function pipelineFiles(dir = join(root, 'examples')): string[] {
  const found: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) found.push(...pipelineFiles(p));
    else if (/\.ya?ml$/.test(e.name)) {
      const doc = parse(readFileSync(p, 'utf8')) as unknown;
      if (doc && typeof doc === 'object' && 'pipeline' in doc) found.push(p);
    }
  }
  return found;
}

describe('examples/library scripts', () => {
  it('are all covered here', () => {
    expect(scripts).toEqual(['charts.ts', 'custom-indicator.ts', 'custom-profile.ts', 'design-and-estimates.ts', 'pipeline.ts']);
  });

  it.each(scripts)('%s runs to exit 0', async (script) => {
    const r = await ran(script);
    expect(r.stdout.length).toBeGreaterThan(0);
  }, 120_000);

  it('design-and-estimates matches R survey on apistrat (svymean(~api00): 662.29, SE 9.41)', async () => {
    const { stdout } = await ran('design-and-estimates.ts');
    expect(stdout).toContain('mean(api00) = 662.287  se 9.409');
    expect(stdout).toMatch(/E - H, api00: 48\.610/);
  }, 120_000);

  it('custom-indicator computes its own definition on the Atlantis LFS', async () => {
    const { stdout } = await ran('custom-indicator.ts');
    expect(stdout).toMatch(/MGS_IFL_SEX_OCU_CBR_RT: \d+ cells/);
    expect(stdout).toMatch(/CBR_BIR_FOREIGN: \d+\.\d% \(95% CI/);
    expect(stdout).toMatch(/MST_TUNE_SEX_AGE_CBR_RT: \d+ tidy rows/);
  }, 120_000);

  it('custom-profile maps its CSV and estimates by migrant status', async () => {
    const { stdout } = await ran('custom-profile.ts');
    expect(stdout).toContain('standard table: 12 rows');
    expect(stdout).toMatch(/mean hours_actual \| migrant: 53\.3/);
  }, 120_000);

  it('charts writes an SVG, a PNG and the Vega-Lite spec', async () => {
    const { out } = await ran('charts.ts');
    const svg = readFileSync(join(out, 'labour-rates.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('aria-label');
    expect([...readFileSync(join(out, 'labour-rates.png')).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(JSON.parse(readFileSync(join(out, 'labour-rates.vl.json'), 'utf8'))).toHaveProperty('$schema');
  }, 120_000);

  it('pipeline runs only the indicators step into its output folder', async () => {
    const { out } = await ran('pipeline.ts');
    expect(readdirSync(join(out, 'tables')).sort()).toEqual(['2024Q1', '2024Q2']);
    expect(existsSync(join(out, 'tables/2024Q1/ilostat'))).toBe(true);
    const summary = JSON.parse(readFileSync(join(out, 'run-summary.json'), 'utf8')) as { written: string[] };
    expect(summary.written).toEqual(['indicators']);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  }, 120_000);
});

describe('examples/ pipeline files', () => {
  const files = pipelineFiles();

  it('include the Atlantis publication', () => {
    expect(files.map((f) => f.slice(root.length))).toContain('examples/atlantis/pipeline.yaml');
  });

  it.each(files.map((f) => [f.slice(root.length), f]))('%s passes its checks (dry run)', async (_name, file) => {
    const summary = await runPipeline(file, { dryRun: true, output: join(tmp, 'dry-run') });
    expect(summary.dryRun).toBe(true);
    expect(summary.written.length).toBeGreaterThan(0);
    expect(existsSync(join(tmp, 'dry-run'))).toBe(false);
  }, 60_000);
});
