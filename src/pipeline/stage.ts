/**
 * Atomic outputs of a pipeline run: every step writes into a staging folder beside the output folder; only when every
 * step has succeeded are the outputs moved in, each output root (a folder such as `tables/2024Q1`, or a file such as
 * `report.html`) replacing the previous one whole by renames. A failed run removes the staging folder and leaves the
 * previous outputs untouched.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { atomicWrite } from '../io/atomic.js';
import { sha256File } from '../report/run-metadata.js';

/** An output file of the run: its path in the output folder (with `/`), SHA-256 and size. */
export interface OutputFile {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

export class StagedOutputs {
  private readonly roots = new Map<string, string>();

  private constructor(
    /** The output folder. */
    readonly output: string,
    /** The staging folder beside it. */
    readonly dir: string,
  ) {}

  /** A new, empty staging folder beside `output`. */
  static async open(output: string): Promise<StagedOutputs> {
    const dir = join(dirname(output), `.${basename(output)}.migstat-staging-${process.pid}`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    return new StagedOutputs(output, dir);
  }

  /** Claims an output root for a step (`tables/2024Q1`, `report.html`) and returns its path in the staging folder. */
  claim(root: string, step: string): string {
    const owner = this.roots.get(root);
    if (owner !== undefined) throw new Error(`output ${root} is written by two steps (${owner} and ${step})`);
    this.roots.set(root, step);
    return join(this.dir, ...root.split('/'));
  }

  /** Writes bytes (or text) to a file under a claimed root, given by its path in the output folder. */
  async write(file: string, data: Uint8Array | string): Promise<void> {
    const path = join(this.dir, ...file.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await atomicWrite(path, (tmp) => writeFile(tmp, data));
  }

  /** The files staged under the roots of the given steps, with their hashes, sorted by path. */
  async files(steps?: ReadonlySet<string>): Promise<{ step: string; files: OutputFile[] }[]> {
    const out = new Map<string, OutputFile[]>();
    for (const [root, step] of [...this.roots].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (steps && !steps.has(step)) continue;
      const list = out.get(step) ?? [];
      for (const path of await walk(join(this.dir, ...root.split('/')))) {
        list.push({ file: relative(this.dir, path).split(sep).join('/'), ...(await sha256File(path)) });
      }
      out.set(step, list);
    }
    return [...out].map(([step, files]) => ({ step, files }));
  }

  /** Moves the roots of the given steps into the output folder, each replacing the previous one; removes the staging folder. */
  async commit(steps: ReadonlySet<string>): Promise<void> {
    await mkdir(this.output, { recursive: true });
    const trash = join(this.dir, '.previous');
    for (const [root, step] of this.roots) {
      if (!steps.has(step)) continue;
      const from = join(this.dir, ...root.split('/'));
      if (!(await exists(from))) continue;
      const to = join(this.output, ...root.split('/'));
      await mkdir(dirname(to), { recursive: true });
      if (await exists(to)) {
        const old = join(trash, ...root.split('/'));
        await mkdir(dirname(old), { recursive: true });
        await rename(to, old);
      }
      await rename(from, to);
    }
    await this.discard();
  }

  /** Removes the staging folder (after a failure, or after the commit). */
  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** Every file under a path (the path itself when it is a file), in sorted order. */
async function walk(path: string): Promise<string[]> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return [];
  if (!s.isDirectory()) return [path];
  const out: string[] = [];
  for (const e of (await readdir(path)).sort()) out.push(...(await walk(join(path, e))));
  return out;
}
