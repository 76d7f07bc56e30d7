/**
 * Issue 13 section 1: every notebook in notebooks/ runs top to bottom headless (`jupyter nbconvert --execute` with the
 * tslab kernel) into a temporary folder, exits 0, and leaves outputs without any error; the notebooks that draw charts
 * display at least one SVG. The committed notebooks carry no outputs (deterministic text) and name the tslab kernel.
 * Without Jupyter or the tslab kernelspec the execution tests skip (fail under MIGSTAT_CI=1, where .ci/run installs them).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { itWith } from '../support/components.js';

const root = new URL('../../', import.meta.url).pathname;
const dir = join(root, 'notebooks');
const notebooks = readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();
/** Notebooks that draw charts inline. */
const CHART_NOTEBOOKS = ['atlantis-migrant-workers.ipynb', 'sdg1071.ipynb', 'registers.ipynb', 'sampling.ipynb'];
const INSTALL = 'apt-get install jupyter-nbconvert python3-ipykernel jupyter-client (or pip install nbconvert ipykernel), then npx tslab install --python=python3';

/** The kernel runs `tslab` from PATH: the project's node_modules/.bin first. */
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`, PYDEVD_DISABLE_FILE_VALIDATION: '1' };

function jupyterWithTslab(): boolean {
  if (spawnSync('jupyter', ['nbconvert', '--version'], { stdio: 'ignore', env }).status !== 0) return false;
  const specs = spawnSync('jupyter', ['kernelspec', 'list', '--json'], { encoding: 'utf8', env });
  if (specs.status !== 0) return false;
  try {
    return 'tslab' in (JSON.parse(specs.stdout) as { kernelspecs: Record<string, unknown> }).kernelspecs;
  } catch {
    return false;
  }
}
const present = jupyterWithTslab();

interface Output {
  readonly output_type: string;
  readonly name?: string;
  readonly text?: string | string[];
  readonly data?: Record<string, string | string[]>;
  readonly ename?: string;
  readonly evalue?: string;
}
interface Cell {
  readonly cell_type: string;
  readonly source: string | string[];
  readonly outputs?: Output[];
  readonly execution_count?: number | null;
}
interface Notebook {
  readonly nbformat: number;
  readonly metadata: { readonly kernelspec?: { name: string; display_name: string; language: string } };
  readonly cells: Cell[];
}

const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join('') : (v ?? ''));

function execute(file: string, outDir: string): Promise<{ status: number | null; log: string }> {
  return new Promise((done) => {
    const child = spawn('jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=300', file, '--output-dir', outDir], { cwd: dir, env });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('close', (status) => done({ status, log }));
  });
}

describe('notebooks/', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'migstat-notebooks-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('holds the six notebooks, committed without outputs, on the tslab kernel, each opening with a markdown cell', () => {
    expect(notebooks).toEqual(['atlantis-migrant-workers.ipynb', 'observatory.ipynb', 'quick-start.ipynb', 'registers.ipynb', 'sampling.ipynb', 'sdg1071.ipynb']);
    for (const f of notebooks) {
      const nb = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Notebook;
      expect(nb.nbformat, f).toBe(4);
      expect(nb.metadata.kernelspec, f).toEqual({ name: 'tslab', display_name: 'TypeScript', language: 'typescript' });
      expect(nb.cells[0]?.cell_type, f).toBe('markdown');
      for (const c of nb.cells.filter((x) => x.cell_type === 'code')) {
        expect(c.outputs ?? [], `${f}: stored outputs`).toEqual([]);
        expect(c.execution_count ?? null, `${f}: stored execution count`).toBeNull();
      }
    }
  });

  for (const f of notebooks) {
    itWith(`Jupyter with the tslab kernel (${INSTALL})`, present, `${f} runs top to bottom without an error`, async () => {
      expect(existsSync(join(root, 'dist', 'index.js')), 'the notebooks load ../dist/index.js: run npm ci or npm run build').toBe(true);
      const { status, log } = await execute(f, outDir);
      expect(status, `jupyter nbconvert --execute ${f} failed:\n${log.slice(-4000)}`).toBe(0);
      const nb = JSON.parse(readFileSync(join(outDir, f), 'utf8')) as Notebook;
      const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
      expect(outputs.length, `${f}: no outputs`).toBeGreaterThan(0);
      const errors = outputs.filter((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr'));
      expect(errors.map((o) => (o.output_type === 'error' ? `${o.ename}: ${o.evalue}` : text(o.text))), `${f}: error outputs`).toEqual([]);
      if (CHART_NOTEBOOKS.includes(f)) {
        const svgs = outputs.filter((o) => text(o.data?.['image/svg+xml']).includes('<svg') || text(o.data?.['text/html']).includes('<svg'));
        expect(svgs.length, `${f}: no SVG chart displayed`).toBeGreaterThan(0);
      }
    }, 240_000);
  }
});
