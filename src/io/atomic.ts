import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temporary file beside `path` that an atomic write fills before the rename. */
export function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/** Fills a temporary file beside `path` (`fill(tmp)`), then renames it over `path`; on failure the temporary file is removed, so no partial output is left. */
export async function atomicWrite<T>(path: string, fill: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = tempPath(path);
  try {
    const result = await fill(tmp);
    await rename(tmp, path);
    return result;
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
