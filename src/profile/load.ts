/**
 * Loading a profile: YAML or JSON (JSON is read as YAML 1.2, which it is a subset of), `extends:` resolved relative
 * to the file that names it, with cycle detection, then the merged profile validated (schema.ts). Nothing in a profile
 * is evaluated: YAML tags make no objects and aliases are capped by the parser.
 *
 * Merge rules (child = the file that extends, parent = the file it names; chains apply from the root parent down):
 * - objects merge key by key, the child's value winning: top level, `survey`, `tables`, each table, its `variables`,
 *   `design`, `labour_force`, `informality`;
 * - these are replaced whole, never merged: a variable's mapping (`tables.T.variables.V`), every `design` entry
 *   (`weight`, `psu`, `replicate_weights`, `calibration`, ...), `survey.reference_period`, and every array and scalar;
 * - `null` in the child removes the inherited key (e.g. `variables: { wants_more_hours: null }` to unmap it);
 * - `extends` itself is not inherited; relative paths (`design.calibration.pop_totals`) are resolved against the
 *   directory of the file that names them, before merging.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { type Document, LineCounter, type Node, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { type Problem, ProfileError, keyPath } from './errors.js';
import { type Profile, type SchemaIssue, crossCheck, profileSchema } from './schema.js';

/** A validated profile with where each key was written, for messages. */
export interface LoadedProfile {
  readonly profile: Profile;
  /** The profile file as given (or a name for an in-memory profile). */
  readonly source: string;
  /** Files read: the profile first, then the files it extends, in order. */
  readonly files: readonly string[];
  /** `file:line:col` of a key path in the file that set it (the nearest enclosing key when the key is absent). */
  locate(path: readonly (string | number)[]): string;
}

interface Layer {
  readonly file: string;
  readonly doc?: Document;
  readonly lines?: LineCounter;
  readonly data: Record<string, unknown>;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys replaced whole when a child overrides its parent (see the merge rules above). */
function replacedWhole(path: readonly string[]): boolean {
  if (path.length === 4 && path[0] === 'tables' && path[2] === 'variables') return true;
  if (path.length === 2 && path[0] === 'design') return true;
  return path.length === 2 && path[0] === 'survey' && path[1] === 'reference_period';
}

function merge(parent: unknown, child: unknown, path: string[] = []): unknown {
  if (!isPlain(parent) || !isPlain(child) || replacedWhole(path)) return child;
  const out: Record<string, unknown> = { ...parent };
  for (const [k, v] of Object.entries(child)) {
    if (v === null) delete out[k];
    else out[k] = k in parent ? merge(parent[k], v, [...path, k]) : v;
  }
  return out;
}

/** The node of a key path in a YAML document: the key's own node when the path ends at a map key. */
function findNode(doc: Document, path: readonly (string | number)[]): { depth: number; node?: Node } {
  let current: unknown = doc.contents;
  let found: { depth: number; node?: Node } = { depth: 0, node: (doc.contents as Node | null) ?? undefined };
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(k));
      if (!pair) break;
      found = { depth: i + 1, node: (pair.key as Node | null) ?? undefined };
      current = pair.value;
    } else if (isSeq(current) && typeof k === 'number' && k < current.items.length) {
      current = current.items[k];
      found = { depth: i + 1, node: (current as Node | null) ?? undefined };
    } else {
      // A shorthand (`age: B5` for `age: { from: B5 }`): point at the value itself.
      if (isScalar(current) && current.range) found = { depth: i, node: current };
      break;
    }
  }
  return found;
}

function dataDepth(data: unknown, path: readonly (string | number)[]): number {
  let current = data;
  for (let i = 0; i < path.length; i++) {
    const k = path[i]!;
    if (isPlain(current) && Object.hasOwn(current, String(k)) && current[String(k)] !== null) current = current[String(k)];
    else if (Array.isArray(current) && typeof k === 'number' && k < current.length) current = current[k];
    else return i;
  }
  return path.length;
}

function locator(layers: readonly Layer[]): (path: readonly (string | number)[]) => string {
  return (path) => {
    // The layer that has the longest part of the path; the child first on ties (it overrides its parents).
    let best = layers[0]!;
    let bestDepth = -1;
    for (const layer of layers) {
      const d = dataDepth(layer.data, path);
      if (d > bestDepth) {
        best = layer;
        bestDepth = d;
      }
    }
    if (!best.doc || !best.lines) return best.file;
    const { node } = findNode(best.doc, path.slice(0, bestDepth + 1));
    const offset = node?.range?.[0];
    if (offset === undefined) return best.file;
    const { line, col } = best.lines.linePos(offset);
    return `${best.file}:${line}:${col}`;
  };
}

function readLayer(file: string, from?: { layer: Layer; where: string }): Layer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    const problem: Problem = from
      ? { severity: 'error', kind: 'extends', where: from.where, key: 'extends', message: `cannot read "${file}" (${why})` }
      : { severity: 'error', kind: 'file', where: file, key: '(file)', message: `cannot read the profile (${why})` };
    throw new ProfileError([problem], `profile ${from?.layer.file ?? file}: cannot be read`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  // Warnings (an unresolved tag such as !!js/function, ...) are errors too: a profile is plain data.
  const faults = [...doc.errors, ...doc.warnings];
  if (faults.length > 0) {
    const problems: Problem[] = faults.map((e) => {
      const pos = e.linePos?.[0];
      return { severity: 'error', kind: 'syntax', where: pos ? `${file}:${pos.line}:${pos.col}` : file, key: '(syntax)', message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') };
    });
    throw new ProfileError(problems, `profile ${file}: not valid YAML/JSON`);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isPlain(data)) {
    throw new ProfileError([{ severity: 'error', kind: 'schema', where: `${file}:1:1`, key: '(top level)', message: 'a profile is a mapping of keys (survey:, tables:, ...)' }], `profile ${file}: invalid`);
  }
  // Paths in a file are relative to that file.
  const cal = isPlain(data.design) && isPlain(data.design.calibration) ? data.design.calibration : undefined;
  if (cal && typeof cal.pop_totals === 'string' && !isAbsolute(cal.pop_totals)) cal.pop_totals = join(dirname(file), cal.pop_totals);
  return { file, doc, lines, data };
}

/** A zod or cross-check issue as a problem naming file, position and key. */
function issueProblem(issue: SchemaIssue & { keys?: readonly string[] }, locate: (p: readonly (string | number)[]) => string, data?: unknown): Problem {
  const at = issue.keys?.length ? [...issue.path, issue.keys[0]!] : issue.path;
  const absent = data !== undefined && at.length > 0 && dataDepth(data, at) === at.length - 1 && !issue.keys?.length;
  const message = absent ? `missing: a value is required (${issue.message.replace(/^Invalid input: /, '').replace(/, received (undefined|null)$/, '')})` : issue.message;
  return { severity: 'error', kind: 'schema', where: locate(at), key: keyPath(at), message };
}

/** Problems in reading order: by file, then line and column. */
function byPosition(problems: Problem[]): Problem[] {
  const pos = (p: Problem): [string, number, number] => {
    const m = /^(.*?):(\d+):(\d+)$/.exec(p.where);
    return m ? [m[1]!, Number(m[2]), Number(m[3])] : [p.where, 0, 0];
  };
  return problems
    .map((p, i) => ({ p, i, k: pos(p) }))
    .sort((a, b) => (a.k[0] < b.k[0] ? -1 : a.k[0] > b.k[0] ? 1 : a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.i - b.i))
    .map((x) => x.p);
}

function validate(merged: Record<string, unknown>, layers: readonly Layer[], source: string, files: readonly string[]): LoadedProfile {
  const locate = locator(layers);
  const parsed = profileSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = byPosition(
      parsed.error.issues.map((i) =>
        issueProblem({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, keys: i.code === 'unrecognized_keys' ? i.keys : undefined }, locate, merged),
      ),
    );
    throw new ProfileError(problems, `profile ${source}: ${problems.length} problem${problems.length > 1 ? 's' : ''}`);
  }
  const profile = parsed.data as unknown as Profile;
  const cross = byPosition(crossCheck(profile).map((i) => issueProblem(i, locate)));
  if (cross.length > 0) throw new ProfileError(cross, `profile ${source}: ${cross.length} problem${cross.length > 1 ? 's' : ''}`);
  return { profile, source, files, locate };
}

/** `file:line:col` of key paths in one parsed YAML document: positions in other YAML files migstat reads (pipeline files). */
export function yamlLocator(file: string, doc: Document, lines: LineCounter, data: Record<string, unknown>): (path: readonly (string | number)[]) => string {
  return locator([{ file, doc, lines, data }]);
}

/** Reads, resolves `extends:` and validates a profile file; every problem (not just the first) is in the ProfileError thrown. */
export function loadProfile(path: string): LoadedProfile {
  const layers: Layer[] = [];
  const seen: string[] = [];
  let file = path;
  let from: { layer: Layer; where: string } | undefined;
  while (true) {
    const abs = resolve(file);
    if (seen.includes(abs)) {
      const chain = [...layers.map((l) => l.file), file].join(' -> ');
      throw new ProfileError([{ severity: 'error', kind: 'extends', where: from!.where, key: 'extends', message: `extends cycle: ${chain}` }], `profile ${path}: extends cycle`);
    }
    seen.push(abs);
    const layer = readLayer(file, from);
    layers.push(layer);
    const ext = layer.data.extends;
    if (ext === undefined) break;
    const where = locator([layer])(['extends']);
    if (typeof ext !== 'string' || ext.trim() === '') {
      throw new ProfileError([{ severity: 'error', kind: 'extends', where, key: 'extends', message: 'expected the path of the profile this one extends, relative to this file' }], `profile ${path}: invalid`);
    }
    file = isAbsolute(ext) ? ext : join(dirname(layer.file), ext);
    from = { layer, where };
  }
  let merged: unknown = undefined;
  for (let i = layers.length - 1; i >= 0; i--) {
    const data = { ...layers[i]!.data };
    delete data.extends;
    merged = merged === undefined ? data : merge(merged, data);
  }
  return validate(merged as Record<string, unknown>, layers, path, layers.map((l) => l.file));
}

/** Validates a profile given as an object (library use, tests); `extends` is not allowed here (it needs a file). */
export function profileFromObject(value: unknown, source = '<profile>'): LoadedProfile {
  if (!isPlain(value)) throw new ProfileError([{ severity: 'error', kind: 'schema', where: source, key: '(top level)', message: 'a profile is an object of keys (survey, tables, ...)' }], `profile ${source}: invalid`);
  if (value.extends !== undefined) throw new ProfileError([{ severity: 'error', kind: 'extends', where: source, key: 'extends', message: 'extends needs a profile file: use loadProfile' }], `profile ${source}: invalid`);
  const layer: Layer = { file: source, data: value };
  return validate(structuredClone(value), [layer], source, []);
}
