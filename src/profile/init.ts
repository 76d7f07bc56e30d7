/**
 * A draft profile from a table's variable names, labels and value labels, for a person to complete: obvious
 * mappings are guessed (by the `hints` of variables.ts, value labels such as Male/Female, Yes/No, country names, and
 * missing-value labels such as "Don't know"), and everything left to decide is a `TODO` (a YAML comment, or a
 * placeholder value that fails validation until it is replaced). Columns not mapped are listed at the end.
 */
import { Document, type Node, type Pair, Scalar, type YAMLMap, isMap, isPair, isScalar } from 'yaml';
import { countryByIso2, countryByIso3, countryByName } from '../classifications/countries.js';
import type { Column, ColumnMeta, Table } from '../io/table.js';
import { LABOUR_FORCE_ITEMS, STANDARD_VARIABLES, type StandardVariable, isStandardCode } from './variables.js';

export interface DraftOptions {
  /** Name of the table in the profile (default `person`). */
  readonly tableName?: string;
}

const TODO = 'TODO';
const normalizeTitle = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const MISSING_LABEL = /don.?t know|\bdk\b|refus|not stated|no answer|missing|not applicable|\bn\/?a\b|unknown|no response/i;
const MAX_LEVELS = 40;
const DESIGN_HINTS: readonly [string, RegExp][] = [
  ['weight', /weight|\bwgt\b|\bwt\b|pweight|expansion|\bfactor\b/i],
  ['strata', /strat/i],
  ['psu', /\bpsu\b|cluster|\bea\b|enumeration area/i],
  ['fpc', /\bfpc\b|population size/i],
];

interface Draft {
  mapping: Record<string, unknown>;
  /** Comments for map keys (the source label), and notes on the mapping. */
  keyComments: Map<string, string>;
  notes: string[];
}

/** The distinct values of a column with their labels (value labels from the file, or the text itself), when there are few. */
function valuesWithLabels(c: Column, meta: ColumnMeta | undefined): { value: string | number; label: string }[] | undefined {
  const labels = meta?.valueLabels;
  if (labels?.length) return labels.map((l) => ({ value: l.value, label: l.label }));
  if (c.kind === 'category') return c.levels.length <= MAX_LEVELS ? c.levels.map((l) => ({ value: l, label: l })) : undefined;
  const distinct = [...new Set(Array.from(c.values).filter((x) => !Number.isNaN(x)))].sort((a, b) => a - b);
  return distinct.length <= 12 && distinct.every(Number.isInteger) ? distinct.map((x) => ({ value: x, label: '' })) : undefined;
}

/** The standard code a label suggests, if it is obvious. */
function guessCode(def: StandardVariable, label: string): string | undefined {
  const l = label.trim();
  if (l === '') return undefined;
  if (def.name === 'sex') {
    if (/^(m|male|man|men|masculin[oe]?|homme|hombre)$/i.test(l)) return 'M';
    if (/^(f|female|woman|women|feminin[oe]?|femme|mujer)$/i.test(l)) return 'F';
  }
  if (def.codes?.name === 'yes/no') {
    if (/^(y|yes|oui|s[ií])\b/i.test(l)) return 'yes';
    if (/^(n|no|non)\b/i.test(l)) return 'no';
  }
  const n = normalizeTitle(l);
  const hit = def.codes?.codes.find((c) => normalizeTitle(c.title) === n || normalizeTitle(c.code) === n);
  return hit?.code;
}

function draftMapping(def: StandardVariable, name: string, c: Column, meta: ColumnMeta | undefined): Draft {
  const draft: Draft = { mapping: { from: name }, keyComments: new Map(), notes: [] };
  const values = def.type === 'id' || def.type === 'date' ? undefined : valuesWithLabels(c, meta);
  const missing: (string | number)[] = [];
  for (const v of values ?? []) if (v.label && MISSING_LABEL.test(v.label)) missing.push(v.value);
  const rest = (values ?? []).filter((v) => !missing.includes(v.value));
  if (def.type === 'code') {
    const map: Record<string, string> = {};
    let todo = 0;
    for (const v of rest) {
      const key = String(v.value);
      const guess = guessCode(def, v.label);
      const identity = isStandardCode(def, key) && (v.label === '' || v.label === key || guess === key);
      if (identity && !meta?.valueLabels?.length) continue;
      if (guess !== undefined) map[key] = guess;
      else if (isStandardCode(def, key) && v.label === '') continue;
      else {
        map[key] = TODO;
        todo++;
      }
      if (v.label && v.label !== key) draft.keyComments.set(key, JSON.stringify(v.label));
    }
    if (Object.keys(map).length) draft.mapping.map = map;
    if (todo) draft.notes.push(`TODO: replace each TODO in map: with a code of ${def.name}: ${def.codes!.codes.map((x) => x.code).join(', ')} (or not-stated)`);
    if (!values) draft.notes.push(`TODO: check that the values are codes of ${def.name} (${def.codes!.codes.map((x) => x.code).join(', ')}), or add map:`);
  } else if (def.type === 'country') {
    const labelled = rest.filter((v) => v.label !== '' && v.label !== String(v.value));
    if (labelled.length) {
      const found = labelled.map((v) => ({ v, c: countryByName(v.label) }));
      if (found.every((f) => f.c)) Object.assign(draft.mapping, { by: 'label', country: 'name' });
      else {
        const map: Record<string, string> = {};
        for (const f of found) {
          map[String(f.v.value)] = f.c?.iso3 ?? TODO;
          draft.keyComments.set(String(f.v.value), JSON.stringify(f.v.label));
        }
        draft.mapping.map = map;
        draft.notes.push('TODO: replace each TODO in map: with an ISO3 code (or not-stated)');
      }
    } else {
      const texts = rest.map((v) => String(v.value));
      if (texts.length && texts.every((t) => countryByIso3(t))) draft.notes.push('values look like ISO3 codes');
      else if (texts.length && texts.every((t) => countryByIso2(t))) draft.mapping.country = 'iso2';
      else if (texts.length && texts.every((t) => /^\d{1,3}$/.test(t))) {
        draft.mapping.country = 'm49';
        draft.notes.push('TODO: numeric codes taken as UN M49 codes: check, or map national codes to ISO3');
      } else {
        draft.mapping.country = 'auto';
        draft.notes.push('TODO: check how the values name countries (country: m49, iso2, iso3 or name)');
      }
    }
  } else if ((def.type === 'number' || def.type === 'year') && c.kind === 'category') {
    draft.notes.push('TODO: the column has text values: declare the non-numeric codes in missing: or map them');
  }
  if (missing.length) draft.mapping.missing = missing;
  if (meta?.missing) draft.notes.push('the file declares missing values: they are read as missing (file_missing: true)');
  return draft;
}

const hintText = (name: string, meta: ColumnMeta | undefined): string => `${name} ${meta?.label ?? ''}`.replace(/[_.]/g, ' ').trim();

function setKeyComment(map: unknown, key: string, comment: string): void {
  if (!isMap(map)) return;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  if (!pair) return;
  const k = isScalar(pair.key) ? pair.key : new Scalar(key);
  k.commentBefore = comment;
  pair.key = k;
}

function setValueComment(map: unknown, key: string, comment: string): void {
  if (!isMap(map)) return;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair<unknown, unknown> | undefined;
  if (!pair) return;
  const v = isScalar(pair.value) ? pair.value : undefined;
  if (v) v.comment = ` ${comment}`;
  else if (pair.value && typeof pair.value === 'object') (pair.value as Node).comment = ` ${comment}`;
}

/** Draft profile YAML for a table: guessed mappings, TODOs for the rest, unmapped columns listed at the end. */
export function draftProfile(table: Table, options: DraftOptions = {}): string {
  const tableName = options.tableName ?? 'person';
  const metaOf = (n: string): ColumnMeta | undefined => table.meta.columns?.get(n);
  const taken = new Set<string>();
  const used = new Set<string>();
  const design: Record<string, unknown> = {};
  const designComments: [string, string][] = [];
  for (const name of table.names) {
    const text = hintText(name, metaOf(name));
    for (const [key, re] of DESIGN_HINTS) {
      if (used.has(name) || design[key] !== undefined || !re.test(text)) continue;
      design[key] = name;
      used.add(name);
      designComments.push([key, `${name}${metaOf(name)?.label ? ` "${metaOf(name)!.label}"` : ''}: guessed from the name`]);
    }
  }
  const variables: Record<string, unknown> = {};
  const drafts = new Map<string, { column: string; draft: Draft }>();
  for (const def of STANDARD_VARIABLES) {
    if (!def.roles.includes('person') || !def.hints) continue;
    const column = table.names.find((n) => !used.has(n) && def.hints!.test(hintText(n, metaOf(n))));
    if (!column) continue;
    used.add(column);
    taken.add(def.name);
    const draft = draftMapping(def, column, table.column(column), metaOf(column));
    drafts.set(def.name, { column, draft });
    const onlyFrom = Object.keys(draft.mapping).length === 1;
    variables[def.name] = onlyFrom ? column : draft.mapping;
  }
  const lfItems = LABOUR_FORCE_ITEMS.filter((v) => taken.has(v));
  const profile: Record<string, unknown> = {
    migstat_profile: 1,
    survey: { country: null, reference_period: null },
    tables: { [tableName]: { role: 'person', variables } },
  };
  if (Object.keys(design).length) profile.design = design;
  if (lfItems.length || taken.has('labour_force_status')) {
    const lf: Record<string, unknown> = {};
    if (lfItems.length) Object.assign(lf, { underemployment_hours_threshold: null, underemployment_hours: null });
    if (taken.has('labour_force_status')) lf.status_standard = null;
    profile.labour_force = lf;
  }

  const doc = new Document(profile);
  doc.commentBefore = [
    ` Draft dataset profile for ${table.source}, written by \`migstat profile init\`.`,
    ' Guessed mappings need checking; complete every TODO (a null or TODO value fails validation until replaced),',
    ` then run: migstat profile check ${table.source} -p <this file>`,
    ' Standard variables, their codes and the options of each mapping: src/profile/README.md.',
  ].join('\n');
  const survey = doc.getIn(['survey'], true) as YAMLMap;
  setValueComment(survey, 'country', 'TODO: ISO3 code of the country of measurement, e.g. PHL');
  setValueComment(survey, 'reference_period', 'TODO: 2024, 2024Q1, 2024M03, or {start: 2024-01-01, end: 2024-03-31}');
  const vars = doc.getIn(['tables', tableName, 'variables'], true);
  for (const [variable, { column, draft }] of drafts) {
    const label = metaOf(column)?.label;
    const lines = [` ${column}${label ? ` "${label}"` : ''}: guessed from the ${label && !STANDARD_VARIABLES.find((v) => v.name === variable)!.hints!.test(column.replace(/[_.]/g, ' ')) ? 'label' : 'name'}`, ...draft.notes.map((n) => ` ${n}`)];
    setKeyComment(vars, variable, lines.join('\n'));
    const map = doc.getIn(['tables', tableName, 'variables', variable, 'map'], true);
    for (const [k, comment] of draft.keyComments) setValueComment(map, k, comment);
  }
  const designNode = doc.getIn(['design'], true);
  for (const [key, comment] of designComments) setKeyComment(designNode, key, ` ${comment}`);
  const lf = doc.getIn(['labour_force'], true);
  setValueComment(lf, 'underemployment_hours_threshold', `TODO: required because labour force items are mapped (${lfItems.join(', ')}); the national threshold, e.g. 35 or 40`);
  setValueComment(lf, 'underemployment_hours', 'TODO: actual or usual: the hours compared with the threshold');
  setValueComment(lf, 'status_standard', 'TODO: ICLS13 or ICLS19: the standard the source derived labour_force_status by');
  const unmapped = table.names.filter((n) => !used.has(n));
  if (unmapped.length) {
    doc.comment = [' Columns not mapped (map them to a standard variable, or leave them out):', ...unmapped.map((n) => `   ${n}${metaOf(n)?.label ? ` "${metaOf(n)!.label}"` : ''}`)].join('\n');
  }
  return doc.toString({ lineWidth: 0 });
}

