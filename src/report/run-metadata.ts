/**
 * The metadata file of an indicator run (`metadata.json`): the input files with their SHA-256, the profile and its
 * hash, the options, the standards applied, every exclusion with its reason and count, the versions of migstat and
 * Node.js, and (added by the writer) the output files with their hashes.
 *
 * Deterministic: the same run gives the same bytes. Object keys are written sorted (at every depth), arrays in the
 * order given, paths as given (relative paths stay relative), no wall-clock time: a `generated` time is written only
 * when SOURCE_DATE_EPOCH is set (or `sourceDateEpoch` is given), as that time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrantCriterion } from '../concepts/migrant-status.js';
import type { LabourForceStandard } from '../concepts/labour-force-status.js';
import { openForReading } from '../io/read-util.js';
import { toJson } from '../io/write.js';

/** The standards a run applied (each recorded as the option value used). */
export interface RunStandards {
  /** Labour force standard: `ICLS19` (19th ICLS, default) or `ICLS13`. */
  readonly labourForce: LabourForceStandard;
  /** Migrant criterion of the dataset: `birth` (country of birth) or `citizenship` (20th ICLS). */
  readonly migrantCriterion: MigrantCriterion;
  /** Usual-residence rule: `12-month` (20th ICLS default) or `6-month`. */
  readonly usualResidence: string;
  /** Informality standard: `ICLS21` (21st ICLS, default) or `ICLS17`. */
  readonly informality: string;
  /** Any further choice the run made (working age, ...), by name. */
  readonly [other: string]: string;
}

/** Records excluded from the estimates: the reason, how many, and where (step, variable) when known. */
export interface RunExclusion {
  readonly reason: string;
  readonly count: number;
  readonly step?: string;
  readonly variable?: string;
}

/** An input file: its path as given, its role (`microdata`, `register`, ...), its SHA-256 and size. */
export interface RunFile {
  readonly path: string;
  readonly role?: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** An output file written by the run: its name in the output folder, SHA-256 and size. */
export interface RunOutput {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface RunMetadata {
  readonly kind: 'migstat-run-metadata';
  /** Version of this file's layout. */
  readonly schema: 1;
  /** SOURCE_DATE_EPOCH as ISO 8601 (UTC), only when it was set. */
  readonly generated?: string;
  /** Reference area, source and period of the outputs (ILOSTAT codes), when known. */
  readonly reference?: { readonly ref_area: string; readonly source: string; readonly time: string };
  readonly inputs: readonly RunFile[];
  readonly profile?: RunFile;
  readonly options: Readonly<Record<string, unknown>>;
  readonly standards: RunStandards;
  readonly exclusions: readonly RunExclusion[];
  readonly versions: { readonly migstat: string; readonly node: string };
  readonly outputs?: readonly RunOutput[];
}

export interface RunMetadataInput {
  /** Input files, as paths or with a role; hashed here. */
  readonly inputs: readonly (string | { readonly path: string; readonly role?: string })[];
  /** The dataset profile's path; hashed here. */
  readonly profile?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly standards: RunStandards;
  readonly exclusions?: readonly RunExclusion[];
  readonly reference?: { readonly ref_area: string; readonly source: string; readonly time: string };
  /** Override the recorded versions (tests); default this package's version and `process.version`. */
  readonly versions?: { readonly migstat?: string; readonly node?: string };
  /** Seconds since 1970-01-01 for `generated`; default SOURCE_DATE_EPOCH when set, else no `generated`. */
  readonly sourceDateEpoch?: number;
}

/** SHA-256 (hex) and size of a file, read in 1 MiB pieces. */
export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const fh = await openForReading(path);
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1 << 20);
    let bytes = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      bytes += bytesRead;
    }
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    await fh.close();
  }
}

/** SHA-256 (hex) of bytes or text (UTF-8). */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

let cachedVersion: string | undefined;

/** migstat's version, from the package.json above this module (src/report or dist/report); `unknown` if not found. */
export function migstatVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'migstat' && pkg.version) return (cachedVersion = pkg.version);
    }
    dir = dirname(dir);
  }
  return (cachedVersion = 'unknown');
}

/** SOURCE_DATE_EPOCH in seconds, or undefined when it is not set; a value that is not a whole number is an error. */
export function sourceDateEpochIfSet(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const s = env.SOURCE_DATE_EPOCH;
  if (s === undefined || s.trim() === '') return undefined;
  if (!/^\d+$/.test(s.trim())) throw new RangeError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, not "${s}"`);
  return Number(s.trim());
}

/** The run's metadata: hashes the inputs and the profile; everything else as given. */
export async function buildRunMetadata(input: RunMetadataInput): Promise<RunMetadata> {
  const inputs: RunFile[] = [];
  for (const f of input.inputs) {
    const { path, role } = typeof f === 'string' ? { path: f, role: undefined } : f;
    inputs.push({ path, ...(role !== undefined ? { role } : {}), ...(await sha256File(path)) });
  }
  const profile = input.profile !== undefined ? { path: input.profile, ...(await sha256File(input.profile)) } : undefined;
  for (const e of input.exclusions ?? []) {
    if (!Number.isInteger(e.count) || e.count < 0) throw new RangeError(`exclusion "${e.reason}": count must be a whole number >= 0, not ${e.count}`);
  }
  const epoch = input.sourceDateEpoch ?? sourceDateEpochIfSet();
  return {
    kind: 'migstat-run-metadata',
    schema: 1,
    ...(epoch !== undefined ? { generated: new Date(epoch * 1000).toISOString().replace('.000Z', 'Z') } : {}),
    ...(input.reference ? { reference: input.reference } : {}),
    inputs,
    ...(profile ? { profile } : {}),
    options: input.options ?? {},
    standards: input.standards,
    exclusions: input.exclusions ?? [],
    versions: { migstat: input.versions?.migstat ?? migstatVersion(), node: input.versions?.node ?? process.version },
  };
}

/** A copy of a JSON-like value with object keys sorted at every depth (arrays keep their order). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => [k, sortKeys(o[k])]));
  }
  return value;
}

/** The JSON text of run metadata: keys sorted, two-space indent, NaN as null, a final line end. */
export function runMetadataJson(meta: RunMetadata): string {
  return toJson(sortKeys(meta)) + '\n';
}
