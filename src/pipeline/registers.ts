/**
 * Administrative registers read through a register profile, for `migstat admin` and the pipeline's `admin` step:
 * files bound to the profile's register tables, mapped to register standard variables with the profile's recoding
 * (src/profile/recode.ts), turned into permit records and checked (src/admin/spells.ts); linkage records and capture
 * histories for `link` and `mse`. Every problem of the mapping is collected into one AdminError naming file, row,
 * column and value.
 */
import { AdminError, type PermitRecord, daysToIso, readRegisterFile, registerRecords } from '../admin/registers.js';
import { type FixReversed, type SpellLog, checkPermits, isValidAt } from '../admin/spells.js';
import type { LinkRecord } from '../admin/linkage.js';
import { ADMIN_SEX_CODES, isAdminClassifCode } from '../admin/stocks.js';
import { isIlostatClassifCode, isIlostatSexCode } from '../indicators/codes/ilostat-classif-codes.js';
import { isMigstatClassifCode } from '../indicators/codes/migstat-classif-codes.js';
import type { IlostatCheckOptions } from '../indicators/ilostat.js';
import { readTable } from '../io/read.js';
import { type Column, type ColumnMeta, Table, encode } from '../io/table.js';
import { type LoadedProfile, loadProfile } from '../profile/load.js';
import { recodeColumns } from '../profile/recode.js';
import { NOT_STATED, STANDARD_VARIABLES, allowedValues, standardVariable } from '../profile/variables.js';
import type { RunExclusion } from '../report/run-metadata.js';

/** The name of the person key column added to a mapped register when the key is not a standard variable. */
export const PERSON_KEY_COLUMN = 'person_key';

export interface MapRegisterOptions {
  /** A standard identifier variable, a column of the register file, or (with `keys`) a column of the keys table. */
  readonly personKey?: string;
  /** A table of person keys joined on permit_id (`keysId` column of it), e.g. a linkage result or truth links. */
  readonly keys?: Table;
  readonly keysId?: string;
}

/**
 * Maps register files to register standard variables with a register profile: every register table of the profile
 * recoded (src/profile/recode.ts). Unknown codes under `unknown: error`, missing columns and an unknown person key
 * are all collected into one AdminError naming the file, row, column and value. Missing identifiers are not errors
 * (src/admin counts them).
 */
export function mapRegisters(loaded: LoadedProfile, data: Readonly<Record<string, Table>>, options: MapRegisterOptions = {}): Record<string, Table> {
  const specs = Object.entries(loaded.profile.tables).filter(([, t]) => t.role === 'register');
  if (specs.length === 0) throw new AdminError(`profile ${loaded.source}: no table with role: register; a register profile maps each register as a table of role register`);
  const errors: string[] = [];
  const out: Record<string, Table> = {};
  let keyIndex: Map<string, string> | undefined;
  if (options.keys) {
    const idCol = options.keysId ?? 'row_id';
    const kt = options.keys;
    const key = options.personKey;
    if (!key) throw new AdminError('--keys needs --person-key COL: the column of the keys file that holds the person key');
    for (const c of [idCol, key]) if (!kt.columns.has(c)) throw new AdminError(`${kt.source}: no column "${c}"; columns are: ${kt.names.join(', ')}`);
    keyIndex = new Map();
    const text = (c: Column, i: number): string | null => (c.kind === 'number' ? (Number.isNaN(c.values[i]!) ? null : String(c.values[i])) : c.codes[i]! < 0 ? null : c.levels[c.codes[i]!]!);
    const ic = kt.column(idCol);
    const kc = kt.column(key);
    for (let i = 0; i < kt.nrows; i++) {
      const id = text(ic, i);
      const k = text(kc, i);
      if (id === null || k === null) continue;
      const prev = keyIndex.get(id);
      if (prev !== undefined && prev !== k) throw new AdminError(`${kt.source} row ${i + 1}: ${idCol} ${id} has person key ${k} and, on an earlier row, ${prev}`);
      keyIndex.set(id, k);
    }
  }
  for (const [name, spec] of specs) {
    const t = data[name];
    if (!t) throw new AdminError(`no data file for register "${name}" of the profile ${loaded.source}`);
    const names: string[] = [];
    const columns = new Map<string, Column>();
    const meta = new Map<string, ColumnMeta>();
    for (const [variable, m] of Object.entries(spec.variables)) {
      const def = standardVariable(variable);
      const from = m.from === undefined ? [] : typeof m.from === 'string' ? [m.from] : [...m.from];
      const absent = from.filter((c) => !t.columns.has(c));
      if (absent.length) {
        errors.push(`${t.source}: column ${absent.map((c) => `"${c}"`).join(', ')} of tables.${name}.variables.${variable} is not in the file; columns are: ${t.names.join(', ')}`);
        continue;
      }
      const r = recodeColumns(def, m, from.map((c) => t.column(c)), from.map((c) => t.meta.columns?.get(c)), t.nrows);
      const rejected = r.stats.filter((s) => s.resolved.outcome === 'rejected');
      if (rejected.length && (m.unknown ?? 'error') === 'error') {
        const shown = rejected.slice(0, 5).map((s) => `${JSON.stringify(s.value)} (row${s.rows.length > 1 ? 's' : ''} ${s.rows.join(', ')}${s.count > s.rows.length ? ', ...' : ''})`).join(', ');
        errors.push(`${t.source} column ${from.join('+') || '(constant)'} (tables.${name}.variables.${variable}): ${r.counts.rejected} row(s) with values that are not valid values of ${variable}: ${shown}; allowed: ${allowedValues(def)} (map them, declare them missing, or set unknown: ${NOT_STATED})`);
      }
      names.push(variable);
      columns.set(variable, r.values instanceof Float64Array ? { kind: 'number', values: r.values } : encode(r.values));
      meta.set(variable, { label: def.description, type: def.type === 'date' ? 'date' : r.values instanceof Float64Array ? 'numeric' : 'string' });
    }
    const key = options.personKey;
    if (key !== undefined && !STANDARD_VARIABLES.some((v) => v.name === key)) {
      if (keyIndex) {
        const pid = columns.get('permit_id');
        if (!pid || pid.kind !== 'category') errors.push(`profile ${loaded.source}: register "${name}" maps no permit_id, which --keys joins on`);
        else {
          names.push(PERSON_KEY_COLUMN);
          columns.set(PERSON_KEY_COLUMN, encode(Array.from(pid.codes, (c) => (c < 0 ? null : (keyIndex!.get(pid.levels[c]!) ?? null)))));
        }
      } else if (t.columns.has(key)) {
        const c = t.column(key);
        names.push(PERSON_KEY_COLUMN);
        columns.set(PERSON_KEY_COLUMN, c.kind === 'number' ? encode(Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)))) : c);
      } else errors.push(`--person-key ${key}: not a standard variable of the profile and not a column of ${t.source}; columns are: ${t.names.join(', ')}`);
    } else if (key !== undefined && !columns.has(key)) {
      errors.push(`--person-key ${key}: register "${name}" of the profile ${loaded.source} does not map ${key}`);
    }
    out[name] = new Table(names, columns, t.nrows, t.source, { columns: meta, format: 'register' });
  }
  if (errors.length) throw new AdminError(`profile ${loaded.source}: ${errors.length} error(s) in the registers; nothing written:\n  ${errors.join('\n  ')}`);
  return out;
}

/** How registers are read: the profile, the person key (and a keys file joined on permit_id), end-before-start rule, xlsx sheet. */
export interface RegisterLoadOptions {
  readonly profile: string;
  readonly personKey?: string;
  readonly keys?: string;
  readonly keysId: string;
  readonly fixReversed: FixReversed;
  readonly sheet?: string;
}

/** Register files bound to the profile's register tables: `NAME=FILE`, or plain files in the order of the tables. */
export function bindFiles(loaded: LoadedProfile, files: readonly string[]): Record<string, string> {
  const names = Object.entries(loaded.profile.tables).filter(([, t]) => t.role === 'register').map(([n]) => n);
  const out: Record<string, string> = {};
  const plain: string[] = [];
  for (const f of files) {
    const at = f.indexOf('=');
    const name = at > 0 ? f.slice(0, at) : undefined;
    if (name !== undefined && names.includes(name)) {
      if (out[name]) throw new AdminError(`register "${name}" is given twice`);
      out[name] = f.slice(at + 1);
    } else plain.push(f);
  }
  const left = names.filter((n) => !out[n]);
  if (plain.length !== left.length) {
    throw new AdminError(`the profile ${loaded.source} maps ${names.length} register(s) (${names.join(', ')}) and ${files.length} file(s) are given: give one file per register, as NAME=FILE or in the order of the profile's tables`);
  }
  left.forEach((n, i) => (out[n] = plain[i]!));
  return out;
}

/** Reads, maps and checks the registers: records and the spell log. */
export async function loadRegisters(files: readonly string[], o: RegisterLoadOptions): Promise<{ loaded: LoadedProfile; bound: Record<string, string>; records: PermitRecord[]; log: SpellLog; permits: readonly PermitRecord[]; all: readonly PermitRecord[] }> {
  const loaded = loadProfile(o.profile);
  const bound = bindFiles(loaded, files);
  const data: Record<string, Table> = {};
  for (const [name, path] of Object.entries(bound)) data[name] = await readRegisterFile(path, o.sheet !== undefined ? { sheet: /^\d+$/.test(o.sheet) ? Number(o.sheet) : o.sheet } : {});
  const keys = o.keys ? await readTable(o.keys) : undefined;
  const mapped = mapRegisters(loaded, data, { ...(o.personKey ? { personKey: o.personKey } : {}), ...(keys ? { keys, keysId: o.keysId } : {}) });
  const personColumn = o.personKey === undefined ? 'person_id' : STANDARD_VARIABLES.some((v) => v.name === o.personKey) ? o.personKey : PERSON_KEY_COLUMN;
  const records: PermitRecord[] = [];
  for (const [name, t] of Object.entries(mapped)) {
    const opts = t.columns.has(personColumn) ? { register: name, personKey: personColumn } : { register: name };
    records.push(...registerRecords(t, opts));
  }
  const checked = checkPermits(records, { fixReversed: o.fixReversed });
  return { loaded, bound, records, log: checked.log, permits: checked.permits, all: checked.records };
}

/** Exclusion records of the spell checks. */
export function registerExclusions(log: SpellLog): RunExclusion[] {
  const e: RunExclusion[] = [];
  const add = (count: number, reason: string): void => {
    if (count > 0) e.push({ reason, count, step: 'registers' });
  };
  add(log.notGranted, 'refused or pending applications: not permits (demand statistics use them)');
  add(log.missingStart, 'permits without a start date: left out of every statistic');
  add(log.reversedDropped, 'end date before start date: dropped (--fix-reversed drop)');
  add(log.reversedSwapped, 'end date before start date: dates swapped (--fix-reversed swap; kept)');
  add(log.missingPerson, 'permits without a person key: in permit counts, not in person counts or flows');
  add(log.missingPermitId, 'permits without a permit id: renewal links to them cannot be followed (kept)');
  add(log.duplicatePermitIds, 'permit ids repeated within a register (kept)');
  add(log.brokenRenewalLinks, 'previous_permit_id not found among the permits (still a renewal; starts its own episode)');
  add(log.openEnded, 'permits without an end date: open-ended (valid from their start on; no duration)');
  return e;
}

/** The ILOSTAT time code of a period: a calendar year, quarter or month; otherwise --time is needed. */
export function periodTime(from: number, to: number): string | undefined {
  const f = daysToIso(from);
  const t = daysToIso(to);
  const y = f.slice(0, 4);
  if (t.slice(0, 4) !== y) return undefined;
  if (f.slice(5) === '01-01' && t.slice(5) === '12-31') return y;
  const last = (m: number): string => daysToIso(Date.UTC(Number(y), m, 0) / 86_400_000);
  const fm = Number(f.slice(5, 7));
  if (f.slice(8) === '01' && t === last(fm)) return `${y}M${f.slice(5, 7)}`;
  if (f.slice(8) === '01' && (fm - 1) % 3 === 0 && t === last(fm + 2)) return `${y}Q${(fm - 1) / 3 + 1}`;
  return undefined;
}

/** Text of a column value (null when missing). */
export function textOf(c: Column | undefined, i: number): string | null {
  if (!c) return null;
  if (c.kind === 'number') return Number.isNaN(c.values[i]!) ? null : String(c.values[i]);
  const k = c.codes[i]!;
  return k < 0 || c.levels[k] === NOT_STATED ? null : c.levels[k]!;
}

/** Linkage records of mapped registers: names, birth date, sex, nationality, the register's person id and the shared identifiers. */
export function linkageRecords(mapped: Readonly<Record<string, Table>>): { records: LinkRecord[]; permitIds: (string | null)[] } {
  const records: LinkRecord[] = [];
  const permitIds: (string | null)[] = [];
  for (const [list, t] of Object.entries(mapped)) {
    const col = (n: string): Column | undefined => t.columns.get(n);
    const birth = col('birth_date');
    for (let i = 0; i < t.nrows; i++) {
      const sex = textOf(col('sex'), i);
      const b = birth?.kind === 'number' ? birth.values[i]! : NaN;
      const keys: Record<string, string | null> = {};
      for (const k of ['passport_number', 'foreigner_id', 'social_security_number']) if (col(k)) keys[k] = textOf(col(k), i);
      records.push({
        list, row: i + 1, id: textOf(col('person_id'), i), keys,
        givenName: textOf(col('given_name'), i), familyName: textOf(col('family_name'), i), birthDate: Number.isNaN(b) ? null : b,
        sex: sex === 'M' || sex === 'F' ? sex : null, nationality: textOf(col('citizenship'), i),
      });
      permitIds.push(textOf(col('permit_id'), i));
    }
  }
  return { records, permitIds };
}

/** Which registers hold each person on day d (person keys across registers): the capture histories for `mse`. */
export function registerHistories(permits: readonly PermitRecord[], registers: readonly string[], d: number): Map<string, string> {
  const inList = new Map<string, boolean[]>();
  for (const p of permits) {
    if (p.person === null || !isValidAt(p, d)) continue;
    const k = registers.indexOf(p.register);
    if (k < 0) continue;
    let h = inList.get(p.person);
    if (!h) inList.set(p.person, (h = registers.map(() => false)));
    h[k] = true;
  }
  const counts = new Map<string, string>();
  for (const [person, h] of inList) counts.set(person, h.map((x) => (x ? '1' : '0')).join(''));
  return counts;
}

/** The ILOSTAT schema check of register tables: ILOSTAT, migstat and register classification codes, and sex not stated. */
export const ADMIN_ILOSTAT_CHECK: IlostatCheckOptions = {
  classifCodes: (c: string): boolean => (isIlostatClassifCode(c) && !isIlostatSexCode(c)) || isMigstatClassifCode(c) || isAdminClassifCode(c),
  sexCodes: ADMIN_SEX_CODES,
};
