/**
 * The dataset profile schema (zod). Every object is strict: an unknown key is an error that lists the allowed keys.
 * Standard variables and their values come from variables.ts; the rules that tie several keys together (one person
 * table, join keys, the hours threshold when labour force items are mapped, ...) are in crossCheck below. README.md
 * here describes the format with an example.
 */
import * as z from 'zod';
import { COUNTRY_SCHEMES, type CountryScheme, countryByIso3 } from '../classifications/countries.js';
import {
  LABOUR_FORCE_ITEMS,
  NOT_STATED,
  STANDARD_VARIABLES,
  STANDARD_VARIABLE_NAMES,
  type StandardVariable,
  TABLE_ROLES,
  type TableRole,
  allowedValues,
  isStandardCode,
  isStandardNumber,
  standardVariable,
} from './variables.js';

// Option lists mirrored from the survey layer (src/survey/ may not be imported here; test/profile/schema.test.ts checks they agree).
export const LONELY_PSU_RULES = ['fail', 'remove', 'adjust', 'average', 'certainty'] as const;
export const REPLICATE_TYPES = ['JK1', 'JKn', 'BRR', 'Fay', 'bootstrap', 'successive-difference', 'ACS', 'JK2', 'other'] as const;
export const GENERATED_REPLICATE_TYPES = ['JK1', 'JKn', 'BRR', 'Fay', 'bootstrap', 'subbootstrap'] as const;
export const CALIBRATION_METHODS = ['poststratify', 'rake', 'calibrate'] as const;
export const CALIBRATION_FUNCTIONS = ['linear', 'raking', 'logit'] as const;
export const UNKNOWN_TREATMENTS = ['error', NOT_STATED] as const;
export const DATE_FORMATS = ['iso', 'yyyymmdd', 'days-since-1970'] as const;

export type UnknownTreatment = (typeof UNKNOWN_TREATMENTS)[number];
export type Code = string | number;

/** How one standard variable is read from its source column(s). */
export interface Mapping {
  /** Source column; identifiers may combine several columns (joined with `-`). */
  readonly from?: string | readonly string[];
  /** A constant instead of a column (e.g. the currency of all earnings). */
  readonly value?: Code;
  /** Match `map` keys and country names against the value (default) or its value label from the file. */
  readonly by?: 'value' | 'label';
  /** Left-pad codes with zeros to this width before lookup (ISCO `110` -> `0110`). */
  readonly pad?: number;
  /** Source value (as text) -> standard value. */
  readonly map?: Readonly<Record<string, Code>>;
  /** Numeric source values from min to max (both inclusive) -> standard value. */
  readonly ranges?: readonly { readonly min?: number; readonly max?: number; readonly to: Code }[];
  /** Country variables: how the source names countries. */
  readonly country?: CountryScheme;
  /** Date variables: how numeric source values encode a date (ISO text is always read). */
  readonly date_format?: (typeof DATE_FORMATS)[number];
  /** Source codes that mean missing. */
  readonly missing?: readonly Code[];
  readonly missing_range?: readonly [number, number];
  /** Honour the missing values the file declares (SPSS user-missing, Stata extended missing); default true. */
  readonly file_missing?: boolean;
  /** A stated value that is not a known code: `error` (default) or `not-stated`. */
  readonly unknown?: UnknownTreatment;
  /** Free text for the reader (JSON has no comments). */
  readonly note?: string;
}

export interface TableSpec {
  readonly role: TableRole;
  readonly description?: string;
  /** Household and cost-item tables: a person (or cost item) without a matching row is an `error` (default) or gets `missing` values. */
  readonly unmatched?: 'error' | 'missing';
  readonly variables: Readonly<Record<string, Mapping>>;
}

/** A source column for a design option: in the person table, or in the named (household) table. */
export interface ColumnRef {
  readonly column: string;
  readonly table?: string;
}

export interface DesignSpec {
  readonly weight?: ColumnRef;
  readonly strata?: ColumnRef;
  /** Cluster (PSU) column per stage. */
  readonly psu?: readonly ColumnRef[];
  /** Finite population correction per stage. */
  readonly fpc?: readonly ColumnRef[];
  readonly nest?: boolean;
  readonly lonely_psu?: (typeof LONELY_PSU_RULES)[number];
  readonly adjust_domain_lonely?: boolean;
  readonly ultimate_cluster?: boolean;
  readonly replicate_weights?: {
    readonly columns?: readonly ColumnRef[];
    readonly regex?: string;
    readonly table?: string;
    readonly type: (typeof REPLICATE_TYPES)[number];
    readonly rho?: number;
    readonly scale?: number;
    readonly rscales?: readonly number[];
    readonly mse?: boolean;
    readonly combined_weights?: boolean;
  };
  readonly replicates?: { readonly type: (typeof GENERATED_REPLICATE_TYPES)[number]; readonly n?: number; readonly seed?: number; readonly rho?: number; readonly mse?: boolean };
  readonly calibration?: {
    readonly method: (typeof CALIBRATION_METHODS)[number];
    /** Standard variables (columns of the standard table) the margins are given for. */
    readonly variables: readonly string[];
    /** CSV `variable,level,total`, relative to the profile file that names it (resolved to an absolute path on load). */
    readonly pop_totals: string;
    readonly calfun?: (typeof CALIBRATION_FUNCTIONS)[number];
    readonly bounds?: readonly [number, number];
    readonly epsilon?: number;
    readonly maxit?: number;
  };
}

export interface Profile {
  readonly migstat_profile?: 1;
  readonly name?: string;
  readonly description?: string;
  /** Resolved by load.ts; never present in a loaded profile. */
  readonly extends?: string;
  readonly survey: {
    readonly name?: string;
    /** ISO3 code of the country of measurement. */
    readonly country: string;
    /** `2024`, `2024Q1`, `2024M03`, or start and end dates. */
    readonly reference_period: string | { readonly start: string; readonly end: string };
  };
  readonly tables: Readonly<Record<string, TableSpec>>;
  readonly design?: DesignSpec;
  readonly labour_force?: {
    readonly underemployment_hours_threshold?: number;
    readonly underemployment_hours?: 'actual' | 'usual';
    readonly status_standard?: 'ICLS13' | 'ICLS19';
  };
  /** Informality markers' standard: ICLS21 (21st ICLS, the default when the block is left out) or ICLS17. */
  readonly informality: { readonly standard: 'ICLS21' | 'ICLS17' };
}

/** A strict object whose unknown-key message lists the allowed keys. */
function strict<T extends Record<string, z.ZodType>>(shape: T) {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}; allowed keys: ${Object.keys(shape).join(', ')}`
        : undefined,
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Days since 1970-01-01 of an ISO date, or NaN when it is not a real date. */
export function isoDateToDays(s: string): number {
  const m = ISO_DATE.exec(s.trim());
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t / 86_400_000;
}

const isoDate = z.string().refine((s) => !Number.isNaN(isoDateToDays(s)), { message: 'expected a date YYYY-MM-DD' });
const code = z.union([z.string(), z.number()]);
const shorthand = (v: unknown): unknown => (typeof v === 'string' ? { from: v } : v);

/** Checks that a standard value (map target, range target, constant) is valid for the variable. */
function targetIssue(def: StandardVariable, v: Code): string | undefined {
  const numeric = def.type === 'number' || def.type === 'year';
  if (numeric) {
    if (typeof v !== 'number') return `${JSON.stringify(v)} is not a value of ${def.name}; allowed: ${allowedValues(def)}`;
    return isStandardNumber(def, v) ? undefined : `${v} is not a value of ${def.name}; allowed: ${allowedValues(def)}`;
  }
  if (def.type === 'date') return typeof v === 'string' && !Number.isNaN(isoDateToDays(v)) ? undefined : `${JSON.stringify(v)} is not a date YYYY-MM-DD`;
  if (def.type === 'id') return undefined;
  return isStandardCode(def, String(v)) ? undefined : `"${v}" is not a code of ${def.name}; allowed: ${allowedValues(def)}`;
}

/** The mapping schema of one standard variable: the keys its type allows, with its targets checked. */
function mappingSchema(def: StandardVariable) {
  const t = def.type;
  const coded = t === 'code' || t === 'country' || t === 'text';
  const numeric = t === 'number' || t === 'year';
  const shape: Record<string, z.ZodType> = {
    from: t === 'id' ? z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional() : z.string().min(1).optional(),
    value: code.optional(),
    missing: z.array(code).optional(),
    missing_range: z.tuple([z.number(), z.number()]).optional(),
    file_missing: z.boolean().optional(),
    unknown: z.enum(UNKNOWN_TREATMENTS).optional(),
    note: z.string().optional(),
  };
  if (t !== 'id') shape.by = z.enum(['value', 'label']).optional();
  if (coded || numeric || t === 'date') shape.map = z.record(z.string(), code).optional();
  if (coded || numeric) shape.ranges = z.array(strict({ min: z.number().optional(), max: z.number().optional(), to: code })).min(1).optional();
  if (coded || t === 'id') shape.pad = z.number().int().min(1).max(20).optional();
  if (t === 'country') shape.country = z.enum(COUNTRY_SCHEMES as [CountryScheme, ...CountryScheme[]]).optional();
  if (t === 'date') shape.date_format = z.enum(DATE_FORMATS).optional();
  return z.preprocess(
    shorthand,
    strict(shape).superRefine((m, ctx) => {
      const mapping = m as Mapping;
      if ((mapping.from === undefined) === (mapping.value === undefined)) {
        ctx.addIssue({ code: 'custom', message: `give either from: (the source column) or value: (a constant) for ${def.name}` });
      }
      if (mapping.value !== undefined) {
        const issue = targetIssue(def, mapping.value);
        if (issue) ctx.addIssue({ code: 'custom', path: ['value'], message: issue });
      }
      for (const [k, v] of Object.entries(mapping.map ?? {})) {
        const issue = targetIssue(def, v);
        if (issue) ctx.addIssue({ code: 'custom', path: ['map', k], message: `source value ${JSON.stringify(k)} maps to ${issue}` });
      }
      const ranges = mapping.ranges ?? [];
      ranges.forEach((r, i) => {
        if (r.min === undefined && r.max === undefined) ctx.addIssue({ code: 'custom', path: ['ranges', i], message: 'a range needs min:, max: or both' });
        else if (r.min !== undefined && r.max !== undefined && r.min > r.max) ctx.addIssue({ code: 'custom', path: ['ranges', i], message: `min ${r.min} is above max ${r.max}` });
        const issue = targetIssue(def, r.to);
        if (issue) ctx.addIssue({ code: 'custom', path: ['ranges', i, 'to'], message: issue });
        for (let j = 0; j < i && (r.min !== undefined || r.max !== undefined); j++) {
          const q = ranges[j]!;
          if ((r.min ?? -Infinity) <= (q.max ?? Infinity) && (q.min ?? -Infinity) <= (r.max ?? Infinity)) {
            ctx.addIssue({ code: 'custom', path: ['ranges', i], message: `overlaps range ${j + 1} (${q.min ?? '-inf'} to ${q.max ?? 'inf'}); ranges include both ends and must not overlap` });
          }
        }
      });
      if (mapping.missing_range && mapping.missing_range[0] > mapping.missing_range[1]) {
        ctx.addIssue({ code: 'custom', path: ['missing_range'], message: `low ${mapping.missing_range[0]} is above high ${mapping.missing_range[1]}` });
      }
    }),
  );
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function tableSchema(role: TableRole) {
  const vars = STANDARD_VARIABLES.filter((v) => v.roles.includes(role));
  const shape: Record<string, z.ZodType> = {
    role: z.literal(role),
    description: z.string().optional(),
    variables: strict(Object.fromEntries(vars.map((v) => [v.name, mappingSchema(v).optional()]))).default({}),
  };
  if (role === 'household' || role === 'cost_item') shape.unmatched = z.enum(['error', 'missing']).optional();
  return strict(shape);
}

const columnRef = z.preprocess((v) => (typeof v === 'string' ? { column: v } : v), strict({ column: z.string().min(1), table: z.string().min(1).optional() }));
const columnRefs = z.preprocess((v) => (v !== null && v !== undefined && !Array.isArray(v) ? [v] : v), z.array(columnRef).min(1));
const validRegex = z.string().refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

const designSchema = strict({
  weight: columnRef.optional(),
  strata: columnRef.optional(),
  psu: columnRefs.optional(),
  fpc: columnRefs.optional(),
  nest: z.boolean().optional(),
  lonely_psu: z.enum(LONELY_PSU_RULES).optional(),
  adjust_domain_lonely: z.boolean().optional(),
  ultimate_cluster: z.boolean().optional(),
  replicate_weights: strict({
    columns: columnRefs.optional(),
    regex: validRegex.optional(),
    table: z.string().min(1).optional(),
    type: z.enum(REPLICATE_TYPES),
    rho: z.number().min(0).lt(1).optional(),
    scale: z.number().positive().optional(),
    rscales: z.array(z.number().positive()).min(1).optional(),
    mse: z.boolean().optional(),
    combined_weights: z.boolean().optional(),
  }).optional(),
  replicates: strict({
    type: z.enum(GENERATED_REPLICATE_TYPES),
    n: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
    rho: z.number().min(0).lt(1).optional(),
    mse: z.boolean().optional(),
  }).optional(),
  calibration: strict({
    method: z.enum(CALIBRATION_METHODS),
    variables: z.array(z.enum(STANDARD_VARIABLE_NAMES as [string, ...string[]])).min(1),
    pop_totals: z.string().min(1),
    calfun: z.enum(CALIBRATION_FUNCTIONS).optional(),
    bounds: z.tuple([z.number(), z.number()]).optional(),
    epsilon: z.number().positive().optional(),
    maxit: z.number().int().positive().optional(),
  }).optional(),
});

const PERIOD = /^\d{4}(Q[1-4]|M(0[1-9]|1[0-2]))?$/;
const PERIOD_MESSAGE = 'expected a period code (2024, 2024Q1, 2024M03) or {start: YYYY-MM-DD, end: YYYY-MM-DD}';
const periodSchema = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().toUpperCase() : v),
  z.union([z.string().regex(PERIOD, { message: PERIOD_MESSAGE }), strict({ start: isoDate, end: isoDate }).refine((p) => p.start <= p.end, { message: 'start is after end', path: ['end'] })], { error: PERIOD_MESSAGE }),
);

const surveySchema = strict({
  name: z.string().optional(),
  country: z.string().refine((s) => countryByIso3(s)?.iso3 === s, { message: 'expected the ISO 3166-1 alpha-3 code (upper case) of a country of the UN M49 list, e.g. PHL' }),
  reference_period: periodSchema,
});

/** The profile schema: shape and per-key rules (cross-key rules: crossCheck). */
export const profileSchema = strict({
  migstat_profile: z.literal(1).optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  extends: z.string().optional(),
  survey: surveySchema,
  tables: z
    .record(z.string().regex(TABLE_NAME, { message: 'table names are letters, digits, _ and -' }), z.discriminatedUnion('role', TABLE_ROLES.map(tableSchema) as unknown as [ReturnType<typeof tableSchema>]))
    .refine((t) => Object.keys(t).length > 0, { message: 'a profile maps at least one table (role: person)' }),
  design: designSchema.optional(),
  labour_force: strict({
    underemployment_hours_threshold: z.number().positive().max(168).optional(),
    underemployment_hours: z.enum(['actual', 'usual']).optional(),
    status_standard: z.enum(['ICLS13', 'ICLS19']).optional(),
  }).optional(),
  informality: strict({ standard: z.enum(['ICLS21', 'ICLS17']).default('ICLS21') }).default({ standard: 'ICLS21' }),
});

/** A schema problem at a key path. */
export interface SchemaIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Rules across keys, checked on a profile that passed the schema. */
export function crossCheck(p: Profile): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const tables = Object.entries(p.tables);
  const persons = tables.filter(([, t]) => t.role === 'person');
  // A register profile (src/admin) maps register tables only: no person table, no design.
  if (persons.length === 0 && tables.every(([, t]) => t.role === 'register')) return issues;
  if (persons.length !== 1) {
    issues.push({ path: ['tables'], message: `a profile has exactly one table with role: person (found ${persons.length}${persons.length ? `: ${persons.map(([n]) => n).join(', ')}` : ''})` });
    return issues;
  }
  const [personName, person] = persons[0]!;
  const maps = (t: TableSpec, v: string): boolean => t.variables[v] !== undefined;
  for (const [name, t] of tables) {
    if (t.role === 'household') {
      if (!maps(t, 'household_id')) issues.push({ path: ['tables', name, 'variables'], message: `a household table needs household_id (the key it is joined on)` });
      if (!maps(person, 'household_id')) issues.push({ path: ['tables', personName, 'variables'], message: `the person table needs household_id to be joined with household table "${name}"` });
    }
    if (t.role === 'absent_member' && !maps(t, 'household_id')) issues.push({ path: ['tables', name, 'variables'], message: 'an absent_member table needs household_id (the household the member belongs to)' });
    if (t.role === 'cost_item') {
      if (!maps(t, 'person_id') || !maps(person, 'person_id')) issues.push({ path: ['tables', name, 'variables'], message: `a cost_item table and the person table both need person_id (the key cost items are linked on)` });
      if (maps(person, 'household_id') && !maps(t, 'household_id')) issues.push({ path: ['tables', name, 'variables'], message: 'the person table identifies persons by household_id and person_id: a cost_item table needs both' });
    }
  }
  // A person-level variable comes from one place: the person table or one household table.
  const owners = new Map<string, string>();
  for (const [name, t] of tables) {
    if (t.role !== 'person' && t.role !== 'household') continue;
    for (const v of Object.keys(t.variables)) {
      if (v === 'household_id') continue;
      const prev = owners.get(v);
      if (prev) issues.push({ path: ['tables', name, 'variables', v], message: `${v} is mapped in table "${prev}" too: map it in one of the person and household tables` });
      else owners.set(v, name);
    }
  }
  const mapped = new Set(tables.flatMap(([, t]) => Object.keys(t.variables)));
  const lfItems = LABOUR_FORCE_ITEMS.filter((v) => mapped.has(v));
  if (lfItems.length > 0) {
    const lf = p.labour_force;
    const because = `labour force items are mapped (${lfItems.join(', ')})`;
    if (lf?.underemployment_hours_threshold === undefined) {
      issues.push({ path: lf ? ['labour_force'] : [], message: `labour_force.underemployment_hours_threshold is required because ${because}: the hours threshold for time-related underemployment has no default (e.g. 35 or 40, as national practice)` });
    }
    if (lf?.underemployment_hours === undefined) {
      issues.push({ path: lf ? ['labour_force'] : [], message: `labour_force.underemployment_hours is required because ${because}: which hours are compared with the threshold (allowed: actual, usual)` });
    }
  }
  if (mapped.has('labour_force_status') && p.labour_force?.status_standard === undefined) {
    issues.push({ path: p.labour_force ? ['labour_force'] : [], message: 'labour_force.status_standard is required because labour_force_status is mapped: the standard the source derived it by (allowed: ICLS13, ICLS19)' });
  }
  const d = p.design;
  if (d) {
    const refs: [readonly (string | number)[], ColumnRef][] = [];
    if (d.weight) refs.push([['design', 'weight'], d.weight]);
    if (d.strata) refs.push([['design', 'strata'], d.strata]);
    d.psu?.forEach((r, i) => refs.push([['design', 'psu', i], r]));
    d.fpc?.forEach((r, i) => refs.push([['design', 'fpc', i], r]));
    d.replicate_weights?.columns?.forEach((r, i) => refs.push([['design', 'replicate_weights', 'columns', i], r]));
    const designTables = tables.filter(([, t]) => t.role === 'person' || t.role === 'household').map(([n]) => n);
    const checkTable = (path: readonly (string | number)[], table: string | undefined): void => {
      if (table !== undefined && !designTables.includes(table)) {
        issues.push({ path, message: `table "${table}" is not a person or household table of this profile; allowed: ${designTables.join(', ')}` });
      }
    };
    for (const [path, r] of refs) checkTable([...path, 'table'], r.table);
    const rw = d.replicate_weights;
    if (rw) {
      checkTable(['design', 'replicate_weights', 'table'], rw.table);
      if ((rw.columns === undefined) === (rw.regex === undefined)) issues.push({ path: ['design', 'replicate_weights'], message: 'give either columns: or regex: for the replicate weights' });
      if (rw.table !== undefined && rw.columns !== undefined) issues.push({ path: ['design', 'replicate_weights', 'table'], message: 'table: applies to regex:; give each column its own table: instead' });
    }
    if (rw && d.replicates) issues.push({ path: ['design', 'replicates'], message: 'give either replicate_weights (read from the file) or replicates (generated from the design), not both' });
    if (d.fpc && d.psu && d.fpc.length > d.psu.length + 1) issues.push({ path: ['design', 'fpc'], message: `${d.fpc.length} fpc columns for ${d.psu.length} PSU stage(s)` });
    const cal = d.calibration;
    if (cal) {
      cal.variables.forEach((v, i) => {
        const def = standardVariable(v);
        const ownerTable = owners.get(v);
        if (!ownerTable) issues.push({ path: ['design', 'calibration', 'variables', i], message: `${v} is not mapped in the person or a household table, so the standard table has no such column` });
        else if (def.type === 'id' || def.type === 'date') issues.push({ path: ['design', 'calibration', 'variables', i], message: `${v} is ${def.type === 'id' ? 'an identifier' : 'a date'}: calibrate on categorical or numeric variables` });
      });
      if (cal.bounds && cal.bounds[0] >= cal.bounds[1]) issues.push({ path: ['design', 'calibration', 'bounds'], message: `lower bound ${cal.bounds[0]} is not below upper bound ${cal.bounds[1]}` });
      if (cal.bounds && cal.method !== 'calibrate') issues.push({ path: ['design', 'calibration', 'bounds'], message: 'bounds apply to method: calibrate' });
    }
  }
  return issues;
}
