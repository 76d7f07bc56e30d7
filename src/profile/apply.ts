/**
 * Applying a profile to data: every mapped variable of every table recoded (recode.ts), household tables joined to
 * persons (and absent members) on household_id, absent members stacked under the persons as records of their own,
 * cost items kept as linked tables keyed by the persons' identifiers, and the design columns carried under standard
 * names. The result is the person-level standard table, the linked tables, and a log of what was recoded, set missing
 * or rejected, with counts and example rows.
 */
import { type Column, type ColumnMeta, Table, type ValueLabel, encode } from '../io/table.js';
import { countryByIso3 } from '../classifications/countries.js';
import { type Problem, ProfileError, keyPath } from './errors.js';
import type { LoadedProfile } from './load.js';
import { type RecodeResult, isNumericType, recodeColumns } from './recode.js';
import type { ColumnRef, Mapping, TableSpec, UnknownTreatment } from './schema.js';
import { NOT_STATED, RECORD_COLUMN, STANDARD_VARIABLES, type StandardVariable, type TableRole, allowedValues, standardVariable } from './variables.js';

/** What one mapping did: counts by outcome and examples (distinct source values, their standard value, first rows). */
export interface LogEntry {
  readonly table: string;
  readonly variable: string;
  /** Source column(s), or null for a constant. */
  readonly column: string | null;
  readonly rows: number;
  readonly kept: number;
  readonly recoded: number;
  /** Missing in the source. */
  readonly missing: number;
  /** Set missing by the profile's or the file's missing codes. */
  readonly setMissing: number;
  /** Not known codes: errors under `unknown: error`, set to not-stated (numbers: missing) under `unknown: not-stated`. */
  readonly rejected: number;
  readonly unknown: UnknownTreatment;
  readonly examples: readonly { readonly outcome: string; readonly value: string | number; readonly to: string | number | null; readonly count: number; readonly rows: readonly number[] }[];
}

/** How a table was linked: rows, rows matched and not, duplicate keys. */
export interface JoinLog {
  readonly table: string;
  readonly role: TableRole;
  readonly rows: number;
  /** Household tables: person and absent-member rows matched; cost items: cost rows matched to a person. */
  readonly matched: number;
  readonly unmatched: number;
  readonly duplicateKeys: number;
}

export interface ProfileResult {
  /** Standard variables, one row per person (then per absent member), with `record` and the design columns. */
  readonly table: Table;
  /** Cost-item tables (one row per item), with the persons' identifiers, by profile table name. */
  readonly linked: Readonly<Record<string, Table>>;
  readonly log: readonly LogEntry[];
  readonly joins: readonly JoinLog[];
  /** Errors and warnings (applyProfile throws on errors, so its result has warnings only). */
  readonly problems: readonly Problem[];
  /**
   * The profile's design as the options of `migstat estimate` on the standard table (commander option names, numbers
   * as text): weight `weight`, strata `strata`, PSUs `psu1..`, fpc `fpc1..`, replicate weights `repw1..`.
   */
  readonly estimateOptions: Readonly<Record<string, unknown>> | undefined;
}

const EXAMPLES = 5;
type Values = Float64Array | (string | null)[];

interface MappedTable {
  readonly name: string;
  readonly spec: TableSpec;
  readonly data: Table;
  readonly values: Map<string, Values>;
}

const columnList = (t: Table): string => `${t.names.slice(0, 40).join(', ')}${t.names.length > 40 ? ', ...' : ''}`;
const quote = (v: string | number): string => (typeof v === 'number' ? String(v) : JSON.stringify(v));
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Maps the data to standard variables and collects every problem; never throws for problems in the data. */
export function mapProfile(loaded: LoadedProfile, tables: Readonly<Record<string, Table>>): ProfileResult {
  const { profile, locate } = loaded;
  const problems: Problem[] = [];
  const log: LogEntry[] = [];
  const joins: JoinLog[] = [];
  const specs = Object.entries(profile.tables);
  for (const [name, spec] of specs) {
    if (!tables[name]) {
      problems.push({ severity: 'error', kind: 'table', where: locate(['tables', name]), key: keyPath(['tables', name]), table: name, message: `no data given for table "${name}" (role ${spec.role}); tables given: ${Object.keys(tables).join(', ') || 'none'}` });
    }
  }
  for (const name of Object.keys(tables)) {
    if (!profile.tables[name]) {
      problems.push({ severity: 'error', kind: 'table', where: locate(['tables']), key: 'tables', table: name, source: tables[name]!.source, message: `data given for table "${name}", which the profile does not declare; its tables: ${specs.map(([n]) => n).join(', ')}` });
    }
  }
  const personEntry = specs.find(([, s]) => s.role === 'person');
  if (!personEntry) {
    problems.push({ severity: 'error', kind: 'table', where: locate(['tables']), key: 'tables', message: 'a register profile (tables of role register only) maps administrative registers: read them with `migstat admin` (src/admin), not as a survey' });
  }
  if (problems.length > 0 || !personEntry) return empty(loaded, problems);

  // 1. Recode every mapping of every table.
  const mapped = new Map<string, MappedTable>();
  for (const [name, spec] of specs) {
    const data = tables[name]!;
    const values = new Map<string, Values>();
    for (const [variable, mapping] of Object.entries(spec.variables)) {
      const result = recodeMapping(loaded, name, data, variable, mapping, problems, log);
      if (result) values.set(variable, result.values);
    }
    mapped.set(name, { name, spec, data, values });
  }
  const person = mapped.get(personEntry[0])!;
  const households = [...mapped.values()].filter((t) => t.spec.role === 'household');
  const absents = [...mapped.values()].filter((t) => t.spec.role === 'absent_member');
  const costs = [...mapped.values()].filter((t) => t.spec.role === 'cost_item');

  // 2. Keys: persons unique by (household_id, person_id); households unique by household_id.
  const personKeys = keysOf(person);
  const personIndex = uniqueIndex(loaded, person, personKeys, problems);
  for (const a of absents) uniqueIndex(loaded, a, keysOf(a), problems);
  const hhIndex = new Map<string, Map<string, number>>();
  for (const h of households) hhIndex.set(h.name, uniqueIndex(loaded, h, keysOf(h), problems));

  // 3. Join household tables to persons and absent members.
  const stacked = [person, ...absents];
  const nrows = stacked.reduce((s, t) => s + t.data.nrows, 0);
  /** For each household table: its row for each output row (-1 none). */
  const hhRow = new Map<string, Int32Array>();
  for (const h of households) {
    const index = hhIndex.get(h.name)!;
    const rows = new Int32Array(nrows).fill(-1);
    let offset = 0;
    let matched = 0;
    const unmatched: { row: number; value: string; table: string }[] = [];
    let unmatchedCount = 0;
    for (const t of stacked) {
      const ids = t.values.get('household_id') as (string | null)[] | undefined;
      for (let i = 0; i < t.data.nrows; i++) {
        const id = ids?.[i] ?? null;
        const r = id === null ? undefined : index.get(id);
        if (r !== undefined) {
          rows[offset + i] = r;
          matched++;
        } else {
          unmatchedCount++;
          if (unmatched.length < EXAMPLES) unmatched.push({ row: i + 1, value: id ?? '(missing)', table: t.name });
        }
      }
      offset += t.data.nrows;
    }
    hhRow.set(h.name, rows);
    joins.push({ table: h.name, role: 'household', rows: h.data.nrows, matched, unmatched: unmatchedCount, duplicateKeys: 0 });
    if (unmatchedCount > 0) {
      const shown = unmatched.map((u) => `${u.table} row ${u.row} (household_id ${u.value})`).join(', ');
      problems.push({
        severity: h.spec.unmatched === 'missing' ? 'warning' : 'error',
        kind: 'unmatched-key',
        where: locate(['tables', h.name]),
        key: keyPath(['tables', h.name]),
        table: h.name,
        source: h.data.source,
        count: unmatchedCount,
        examples: unmatched.map((u) => ({ row: u.row, value: u.value })),
        message: `${plural(unmatchedCount, 'person/member row')} ${unmatchedCount === 1 ? 'has' : 'have'} no household in ${h.data.source}: ${shown}${h.spec.unmatched === 'missing' ? '; their household variables are missing (unmatched: missing)' : '; set unmatched: missing to keep them with missing household variables'}`,
      });
    }
  }

  // 4. Standard columns over the stacked rows.
  const names: string[] = [RECORD_COLUMN];
  const columns = new Map<string, Column>();
  const meta = new Map<string, ColumnMeta>();
  const record: string[] = [];
  for (const t of stacked) for (let i = 0; i < t.data.nrows; i++) record.push(t.spec.role);
  columns.set(RECORD_COLUMN, encode(record));
  meta.set(RECORD_COLUMN, { label: 'Record type: person (interviewed) or absent_member (household member abroad)', type: 'string' });
  for (const def of STANDARD_VARIABLES) {
    if (def.roles.length === 1 && def.roles[0] === 'cost_item') continue;
    const sources = stacked.map((t) => t.values.get(def.name));
    const hh = households.find((h) => h.values.has(def.name));
    if (sources.every((s) => s === undefined) && !hh) continue;
    const out = gather(def, nrows, (k, i, offset) => {
      const own = sources[k];
      if (own) return own[i]!;
      if (hh) {
        const r = hhRow.get(hh.name)![offset + i]!;
        return r < 0 ? null : (hh.values.get(def.name)![r] ?? null);
      }
      return null;
    }, stacked);
    names.push(def.name);
    columns.set(def.name, out);
    meta.set(def.name, standardMeta(def, out));
  }

  // 5. Design columns.
  const estimateOptions = designColumns(loaded, mapped, stacked, hhRow, nrows, names, columns, meta, problems);

  // 6. Cost items, linked to persons.
  const linked: Record<string, Table> = {};
  for (const c of costs) linked[c.name] = costTable(loaded, c, personIndex, problems, joins);

  const table = new Table(names, columns, nrows, `${person.data.source} (standard variables, profile ${loaded.source})`, {
    columns: meta,
    fileLabel: profile.name ?? profile.survey.name,
    format: 'standard',
  });
  return { table, linked, log, joins, problems, estimateOptions };
}

/** Maps the data to standard variables; throws a ProfileError listing every error (warnings are returned in `problems`). */
export function applyProfile(loaded: LoadedProfile, tables: Readonly<Record<string, Table>>): ProfileResult {
  const result = mapProfile(loaded, tables);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new ProfileError(result.problems, `profile ${loaded.source}: ${plural(errors.length, 'error')} in the data (profile check lists them all with counts)`);
  }
  return result;
}

function empty(loaded: LoadedProfile, problems: Problem[]): ProfileResult {
  return { table: new Table([], new Map(), 0, loaded.source), linked: {}, log: [], joins: [], problems, estimateOptions: undefined };
}

function recodeMapping(loaded: LoadedProfile, tableName: string, data: Table, variable: string, m: Mapping, problems: Problem[], log: LogEntry[]): RecodeResult | undefined {
  const def = standardVariable(variable);
  const path = ['tables', tableName, 'variables', variable];
  const from = m.from === undefined ? [] : typeof m.from === 'string' ? [m.from] : [...m.from];
  const absent = from.filter((c) => !data.columns.has(c));
  // Where a problem of this mapping is: profile position and key, and the data table.
  const at = (p: Parameters<typeof keyPath>[0]) => ({ where: loaded.locate(p), key: keyPath(p), table: tableName, source: data.source });
  if (absent.length > 0) {
    for (const c of absent) {
      problems.push({
        severity: 'error',
        kind: 'column',
        ...at([...path, 'from']),
        column: c,
        message: `column "${c}" is not in ${data.source}; columns are: ${columnList(data)}`,
        allowed: columnList(data),
      });
    }
    return undefined;
  }
  const cols = from.map((c) => data.columns.get(c)!);
  const metas = from.map((c) => data.meta.columns?.get(c));
  const result = recodeColumns(def, m, cols, metas, data.nrows);
  const unknown: UnknownTreatment = m.unknown ?? 'error';
  log.push({
    table: tableName,
    variable,
    column: from.length ? from.join('+') : null,
    rows: data.nrows,
    ...result.counts,
    unknown,
    examples: result.stats.slice(0, EXAMPLES * 2).map((s) => ({ outcome: s.resolved.outcome, value: s.value, to: s.resolved.value, count: s.count, rows: s.rows })),
  });
  const column = from.length ? `column "${from.join('+')}"` : 'the constant value';
  const rejected = result.stats.filter((s) => s.resolved.outcome === 'rejected');
  if (rejected.length > 0 && unknown === 'error') {
    const shown = rejected.slice(0, 8).map((s) => `${quote(s.value)} (${plural(s.count, 'row')}: ${s.rows.join(', ')}${s.count > s.rows.length ? ', ...' : ''})`).join(', ');
    const more = rejected.length > 8 ? ` and ${rejected.length - 8} more values` : '';
    problems.push({
      severity: 'error',
      kind: 'unknown-value',
      ...at(path),
      column: from.join('+') || undefined,
      count: result.counts.rejected,
      examples: rejected.slice(0, EXAMPLES).map((s) => ({ row: s.rows[0]!, value: s.value })),
      allowed: allowedValues(def),
      message: `${data.source} ${column}: ${plural(result.counts.rejected, 'row')} with values that are not ${def.type === 'number' || def.type === 'year' ? 'valid values' : 'known codes'} of ${variable}: ${shown}${more}; allowed: ${allowedValues(def)} (map them, declare them missing, or set unknown: ${NOT_STATED})`,
    });
  }
  if (def.type === 'id' && result.counts.missing + result.counts.setMissing > 0) {
    problems.push({
      severity: 'error',
      kind: 'unknown-value',
      ...at(path),
      count: result.counts.missing + result.counts.setMissing,
      message: `${data.source} ${column}: ${plural(result.counts.missing + result.counts.setMissing, 'row')} without ${variable}; identifiers must be complete`,
    });
  }
  for (const k of result.unusedMapKeys) {
    problems.push({ severity: 'warning', kind: 'unused-map-key', ...at([...path, 'map', k]), message: `no value ${quote(k)} in ${data.source} ${column} (a typo, or a code this wave does not have?)` });
  }
  return result;
}

/** Row keys of a table: household_id and person_id joined, as far as the table maps them (persons, absent members) or household_id (households, cost items use the person key). */
function keysOf(t: MappedTable): (string | null)[] {
  const hh = t.values.get('household_id') as (string | null)[] | undefined;
  const pid = t.spec.role === 'household' ? undefined : (t.values.get('person_id') as (string | null)[] | undefined);
  const out: (string | null)[] = [];
  for (let i = 0; i < t.data.nrows; i++) {
    if (!hh && !pid) out.push(null);
    else if ((hh && hh[i] === null) || (pid && pid[i] === null)) out.push(null);
    else out.push(pid ? `${hh ? `${hh[i]}\u0001` : ''}${pid[i]}` : hh![i]!);
  }
  return out;
}

/** Key -> row; duplicate keys are errors naming rows and values. Tables without a (person) key give an empty index. */
function uniqueIndex(loaded: LoadedProfile, t: MappedTable, keys: (string | null)[], problems: Problem[]): Map<string, number> {
  const index = new Map<string, number>();
  const dups: { row: number; value: string; first: number }[] = [];
  let dupCount = 0;
  const personKeyed = t.spec.role !== 'household';
  if (personKeyed && !t.values.has('person_id')) return index;
  keys.forEach((k, i) => {
    if (k === null) return;
    const prev = index.get(k);
    if (prev === undefined) index.set(k, i);
    else {
      dupCount++;
      if (dups.length < EXAMPLES) dups.push({ row: i + 1, value: k.replace('\u0001', '/'), first: prev + 1 });
    }
  });
  if (dupCount > 0) {
    const what = personKeyed ? (t.values.has('household_id') ? 'household_id/person_id' : 'person_id') : 'household_id';
    problems.push({
      severity: 'error',
      kind: 'duplicate-key',
      where: loaded.locate(['tables', t.name, 'variables', personKeyed ? 'person_id' : 'household_id']),
      key: keyPath(['tables', t.name, 'variables', personKeyed ? 'person_id' : 'household_id']),
      table: t.name,
      source: t.data.source,
      count: dupCount,
      examples: dups.map((d) => ({ row: d.row, value: d.value })),
      message: `${t.data.source}: ${plural(dupCount, 'row')} ${dupCount === 1 ? 'repeats' : 'repeat'} a ${what} of an earlier row: ${dups.map((d) => `row ${d.row} repeats ${d.value} of row ${d.first}`).join(', ')}; each ${t.spec.role.replace('_', ' ')} must have one row`,
    });
  }
  return index;
}

/** A standard column over the stacked tables (k = table index, i = row in it, offset = first output row of the table). */
function gather(def: StandardVariable, nrows: number, at: (k: number, i: number, offset: number) => string | number | null, stacked: readonly MappedTable[]): Column {
  if (isNumericType(def)) {
    const values = new Float64Array(nrows);
    let offset = 0;
    stacked.forEach((t, k) => {
      for (let i = 0; i < t.data.nrows; i++) {
        const v = at(k, i, offset);
        values[offset + i] = v === null ? NaN : (v as number);
      }
      offset += t.data.nrows;
    });
    return { kind: 'number', values };
  }
  const text: (string | null)[] = new Array<string | null>(nrows);
  let offset = 0;
  stacked.forEach((t, k) => {
    for (let i = 0; i < t.data.nrows; i++) text[offset + i] = at(k, i, offset) as string | null;
    offset += t.data.nrows;
  });
  return encode(text);
}

/** Label, value labels and storage type of a standard column. */
function standardMeta(def: StandardVariable, c: Column): ColumnMeta {
  let valueLabels: ValueLabel[] | undefined;
  if (def.type === 'code' && def.codes) valueLabels = [...def.codes.codes.map((x) => ({ value: x.code, label: x.title })), { value: NOT_STATED, label: 'Not stated' }];
  if (def.type === 'country' && c.kind === 'category') valueLabels = c.levels.map((l) => ({ value: l, label: countryByIso3(l)?.name ?? 'Not stated' }));
  return { label: def.description, ...(valueLabels ? { valueLabels } : {}), type: def.type === 'date' ? 'date' : isNumericType(def) ? 'numeric' : 'string' };
}

/** Copies the design columns into the standard table under standard names; returns the matching `estimate` options. */
function designColumns(
  loaded: LoadedProfile,
  mapped: Map<string, MappedTable>,
  stacked: readonly MappedTable[],
  hhRow: Map<string, Int32Array>,
  nrows: number,
  names: string[],
  columns: Map<string, Column>,
  meta: Map<string, ColumnMeta>,
  problems: Problem[],
): Record<string, unknown> | undefined {
  const d = loaded.profile.design;
  if (!d) return undefined;
  const person = stacked[0]!;
  const add = (path: (string | number)[], ref: ColumnRef, out: string, numeric: boolean, label: string): boolean => {
    const t = ref.table ? mapped.get(ref.table)! : person;
    const src = t.data.columns.get(ref.column);
    if (!src) {
      problems.push({ severity: 'error', kind: 'column', where: loaded.locate(path), key: keyPath(path), table: t.name, source: t.data.source, column: ref.column, message: `column "${ref.column}" is not in ${t.data.source}; columns are: ${columnList(t.data)}` });
      return false;
    }
    if (numeric && src.kind !== 'number') {
      const bad = src.levels.filter((l) => Number.isNaN(Number(l))).slice(0, 3);
      problems.push({ severity: 'error', kind: 'column-type', where: loaded.locate(path), key: keyPath(path), table: t.name, source: t.data.source, column: ref.column, message: `column "${ref.column}" of ${t.data.source} must be numeric (${label}); it has values such as ${bad.map((b) => JSON.stringify(b)).join(', ')}` });
      return false;
    }
    const rows = t.spec.role === 'household' ? hhRow.get(t.name)! : undefined;
    const valueAt = (i: number): string | number | null => {
      const r = rows ? rows[i]! : i < person.data.nrows ? i : -1;
      if (r < 0) return null;
      if (src.kind === 'number') return src.values[r]!;
      const k = src.codes[r]!;
      return k < 0 ? null : src.levels[k]!;
    };
    if (src.kind === 'number') {
      const values = new Float64Array(nrows);
      for (let i = 0; i < nrows; i++) {
        const v = valueAt(i);
        values[i] = v === null ? NaN : (v as number);
      }
      columns.set(out, { kind: 'number', values });
    } else columns.set(out, encode(Array.from({ length: nrows }, (_, i) => valueAt(i) as string | null)));
    if (names.includes(out)) throw new Error(`design column ${out} twice`);
    names.push(out);
    meta.set(out, { label: `${label} (design; source column ${t.name}.${ref.column})`, type: src.kind === 'number' ? 'numeric' : 'string' });
    return true;
  };
  const o: Record<string, unknown> = {};
  if (d.weight && add(['design', 'weight'], d.weight, 'weight', true, 'sampling weight')) o.weight = 'weight';
  if (d.strata && add(['design', 'strata'], d.strata, 'strata', false, 'stratum')) o.strata = 'strata';
  if (d.psu) o.psu = d.psu.map((r, i) => (add(['design', 'psu', i], r, `psu${i + 1}`, false, `PSU stage ${i + 1}`), `psu${i + 1}`));
  if (d.fpc) o.fpc = d.fpc.map((r, i) => (add(['design', 'fpc', i], r, `fpc${i + 1}`, true, `fpc stage ${i + 1}`), `fpc${i + 1}`));
  if (d.nest) o.nest = true;
  if (d.lonely_psu) o.lonelyPsu = d.lonely_psu;
  if (d.adjust_domain_lonely) o.adjustDomainLonely = true;
  if (d.ultimate_cluster) o.ultimateCluster = true;
  const rw = d.replicate_weights;
  if (rw) {
    let refs: { ref: ColumnRef; path: (string | number)[] }[] = (rw.columns ?? []).map((ref, i) => ({ ref, path: ['design', 'replicate_weights', 'columns', i] }));
    if (rw.regex !== undefined) {
      const t = rw.table ? mapped.get(rw.table)! : person;
      const re = new RegExp(rw.regex);
      refs = t.data.names.filter((n) => re.test(n)).map((column) => ({ ref: { column, table: rw.table }, path: ['design', 'replicate_weights', 'regex'] }));
      if (refs.length === 0) {
        problems.push({ severity: 'error', kind: 'column', where: loaded.locate(['design', 'replicate_weights', 'regex']), key: 'design.replicate_weights.regex', table: t.name, source: t.data.source, message: `no column of ${t.data.source} matches /${rw.regex}/; columns are: ${columnList(t.data)}` });
      }
    }
    o.repweights = refs.map(({ ref, path }, i) => (add(path, ref, `repw${i + 1}`, true, `replicate weight ${i + 1}`), `repw${i + 1}`));
    o.repType = rw.type;
    if (rw.rho !== undefined) o.rho = String(rw.rho);
    if (rw.scale !== undefined) o.scale = String(rw.scale);
    if (rw.rscales) o.rscales = rw.rscales.map(String);
    if (rw.mse !== undefined) o.mse = rw.mse;
    if (rw.combined_weights !== undefined) o.combinedWeights = rw.combined_weights;
  }
  const gen = d.replicates;
  if (gen) {
    o.replicates = gen.type;
    if (gen.n !== undefined) o.replicatesN = String(gen.n);
    if (gen.seed !== undefined) o.seed = String(gen.seed);
    if (gen.rho !== undefined) o.rho = String(gen.rho);
    if (gen.mse !== undefined) o.mse = gen.mse;
  }
  const cal = d.calibration;
  if (cal) {
    o[cal.method] = [...cal.variables];
    o.popTotals = cal.pop_totals;
    if (cal.calfun) o.calfun = cal.calfun;
    if (cal.bounds) o.bounds = cal.bounds.map(String);
    if (cal.epsilon !== undefined) o.epsilon = String(cal.epsilon);
    if (cal.maxit !== undefined) o.maxit = String(cal.maxit);
  }
  return o;
}

/** A cost-item table with the standard cost variables, linked to the persons' key; unmatched items are reported. */
function costTable(loaded: LoadedProfile, c: MappedTable, personIndex: Map<string, number>, problems: Problem[], joins: JoinLog[]): Table {
  const keys = keysOf(c);
  let matched = 0;
  let unmatchedCount = 0;
  const examples: { row: number; value: string }[] = [];
  keys.forEach((k, i) => {
    if (k !== null && personIndex.has(k)) matched++;
    else {
      unmatchedCount++;
      if (examples.length < EXAMPLES) examples.push({ row: i + 1, value: k === null ? '(missing)' : k.replace('\u0001', '/') });
    }
  });
  joins.push({ table: c.name, role: 'cost_item', rows: c.data.nrows, matched, unmatched: unmatchedCount, duplicateKeys: 0 });
  if (unmatchedCount > 0) {
    problems.push({
      severity: c.spec.unmatched === 'missing' ? 'warning' : 'error',
      kind: 'unmatched-key',
      where: loaded.locate(['tables', c.name]),
      key: keyPath(['tables', c.name]),
      table: c.name,
      source: c.data.source,
      count: unmatchedCount,
      examples,
      message: `${c.data.source}: ${plural(unmatchedCount, 'cost item')} ${unmatchedCount === 1 ? 'belongs' : 'belong'} to no person of the person table: ${examples.map((e) => `row ${e.row} (${e.value})`).join(', ')}${c.spec.unmatched === 'missing' ? ' (kept: unmatched: missing)' : '; set unmatched: missing to keep them'}`,
    });
  }
  const names: string[] = [];
  const columns = new Map<string, Column>();
  const meta = new Map<string, ColumnMeta>();
  for (const def of STANDARD_VARIABLES) {
    const v = c.values.get(def.name);
    if (!v) continue;
    names.push(def.name);
    const col: Column = v instanceof Float64Array ? { kind: 'number', values: v } : encode(v);
    columns.set(def.name, col);
    meta.set(def.name, standardMeta(def, col));
  }
  return new Table(names, columns, c.data.nrows, `${c.data.source} (standard variables, profile ${loaded.source})`, { columns: meta, format: 'standard' });
}
