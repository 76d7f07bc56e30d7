/**
 * The content of the publication report, shared by its HTML and Markdown writers: the key figures of the main
 * section (found by indicator code, for either migrant criterion: CBR country of birth, CCT citizenship), every table
 * as displayed (report-format.ts), and the methodology: the definitions of the standards applied, the design and
 * variance method, the quality and suppression rules described from the policy objects themselves, the exclusions and
 * the input files. Pure and deterministic: the same input gives the same content.
 */
import { type MigrantCriterion, migrantStatusBreakdown } from '../concepts/migrant-status.js';
import type { IndicatorCell, IndicatorTable } from '../indicators/cell.js';
import { type ReliabilityPolicy, parseReliabilityPolicy } from '../indicators/reliability.js';
import { type SuppressionPolicy, parseSuppressionPolicy } from '../indicators/suppression.js';
import {
  type DisplayTable, type DisplayUnit, FLAG_LEGEND, NOT_APPLICABLE, type ReportFlag, SUPPRESSED_MARK, cellFlag, classificationLabel, displayStats, displayTable, displayUnit,
  formatNumber, isTotalCode, levelLabel,
} from './report-format.js';
import { type ReportChart, type ReportInput, checkReportInput } from './report-model.js';
import type { RunExclusion } from './run-metadata.js';

/** One value of a key figure: a group (`Foreign-born`, `Both sexes`), the value with its unit, its interval and flag. */
export interface KeyValue {
  readonly group: string;
  /** `71.2%`, `93.6 thousand`; `x` when suppressed. */
  readonly value: string;
  /** `69.0 to 73.4` in the figure's unit; '' when suppressed or not finite. */
  readonly ci: string;
  readonly flag: ReportFlag;
}

/** A headline number of the main section, with the table it comes from. */
export interface KeyFigure {
  readonly id: string;
  readonly label: string;
  /** The cells' fixed codes in words: `Both sexes; Age (Youth, adults): 15+`. */
  readonly scope: string;
  readonly unit: DisplayUnit;
  readonly code: string;
  /** Anchor of the table in the report. */
  readonly tableId: string;
  readonly values: readonly KeyValue[];
}

/** Which cells a key figure shows: the all-total cell, the migrants' cell, or migrants and non-migrants. */
export type KeyGroups = 'total' | 'migrant' | 'compare';

/** A key figure by indicator code; sources are tried in order, the first table present is used. */
export interface KeyFigureSpec {
  readonly id: string;
  readonly label: string;
  readonly sources: readonly { readonly code: RegExp; readonly groups: KeyGroups }[];
}

/** The key figures, in the order shown; a figure whose tables are all absent is left out. */
export const KEY_FIGURES: readonly KeyFigureSpec[] = [
  { id: 'migrant-share-lf', label: "Migrants' share of the labour force", sources: [{ code: /^MGS_MSHR_SEX_TEAP_RT$/, groups: 'total' }] },
  {
    id: 'migrant-workers',
    label: 'International migrant workers (migrants in the labour force)',
    sources: [{ code: /^MST_TEAP_SEX_AGE_(CBR|CCT)_NB$/, groups: 'migrant' }, { code: /^MGS_MIGW_SEX_(REG|INC|CTY)_NB$/, groups: 'total' }],
  },
  { id: 'lfpr', label: 'Labour force participation rate', sources: [{ code: /^MST_TEAP_SEX_AGE_(CBR|CCT)_RT$/, groups: 'compare' }] },
  { id: 'epr', label: 'Employment-to-population ratio', sources: [{ code: /^MST_TEMP_SEX_AGE_(CBR|CCT)_RT$/, groups: 'compare' }] },
  { id: 'ur', label: 'Unemployment rate', sources: [{ code: /^MST_TUNE_SEX_AGE_(CBR|CCT)_RT$/, groups: 'compare' }] },
  { id: 'informality', label: 'Informal employment rate', sources: [{ code: /^MGS_IFL_SEX_(CBR|CCT)_RT$/, groups: 'compare' }] },
  { id: 'pay-gap', label: 'Migrant pay gap (mean monthly earnings of employees)', sources: [{ code: /^MGS_PGAP_SEX_(CBR|CCT)_RT$/, groups: 'total' }] },
];

/** The migrant criterion of an indicator code by its token (`_CBR_` birth, `_CCT_` citizenship). */
function criterionOf(code: string): MigrantCriterion | undefined {
  return /_CBR(_|$)/.test(code) ? 'birth' : /_CCT(_|$)/.test(code) ? 'citizenship' : undefined;
}

/** A key value of a cell: `x` and no interval when suppressed (no statistic of it is read). */
function keyValue(group: string, cell: IndicatorCell, unit: DisplayUnit): KeyValue {
  const flag = cellFlag(cell);
  if (cell.suppressed) return { group, value: SUPPRESSED_MARK, ci: '', flag };
  const s = displayStats(cell, unit);
  const finite = Number.isFinite(cell.ci_low) && Number.isFinite(cell.ci_high);
  return { group, value: Number.isFinite(cell.estimate) ? `${s.estimate}${unit.suffix}` : s.estimate, ci: finite ? `${s.ci_low} to ${s.ci_high}` : '', flag };
}

/** The key figure of a spec from a section's tables, or undefined when no source table (or cell) is present. */
function keyFigure(spec: KeyFigureSpec, tables: readonly IndicatorTable[], sectionId: string): KeyFigure | undefined {
  for (const source of spec.sources) {
    const table = tables.find((t) => source.code.test(t.indicator));
    const criterion = table ? criterionOf(table.indicator) : undefined;
    if (!table || (source.groups !== 'total' && !criterion)) continue;
    const [nonMigrant, migrant] = criterion ? migrantStatusBreakdown(criterion).items : [];
    const wanted: readonly { group: string; code?: string }[] =
      source.groups === 'total' ? [{ group: 'Total' }]
        : source.groups === 'migrant' ? [{ group: classificationItem(migrant!), code: migrant! }]
          : [{ group: classificationItem(migrant!), code: migrant! }, { group: classificationItem(nonMigrant!), code: nonMigrant! }];
    const codes = (c: IndicatorCell) => [c.classif1, c.classif2];
    /** Both sexes, the wanted migrant code (if any), every other code a total. */
    const matches = (c: IndicatorCell, code: string | undefined) =>
      c.sex === 'SEX_T' && (code === undefined || codes(c).includes(code)) && codes(c).every((k) => k === code || isTotalCode(k));
    const found = wanted.flatMap((w) => {
      const cell = table.cells.find((c) => matches(c, w.code));
      return cell ? [{ w, cell }] : [];
    });
    if (found.length === 0) continue;
    const unit = displayUnit(table);
    const fixed = codes(found[0]!.cell).filter((k): k is string => k !== null && k !== found[0]!.w.code && !k.endsWith('_TOTAL'));
    return {
      id: spec.id,
      label: spec.label,
      scope: ['Both sexes', ...fixed.map(classificationLabel)].join('; '),
      unit,
      code: table.indicator,
      tableId: `${sectionId}-${table.indicator}`,
      values: found.map((f) => keyValue(f.w.group, f.cell, unit)),
    };
  }
  return undefined;
}

/** The item part of a classification label (`Foreign-born` of `Place of birth: Foreign-born`). */
function classificationItem(code: string): string {
  const label = classificationLabel(code);
  const at = label.indexOf(': ');
  return at < 0 ? label : label.slice(at + 2);
}

/** The key figures of the main section's tables (KEY_FIGURES order; absent ones left out). */
export function keyFigures(tables: readonly IndicatorTable[], sectionId: string): KeyFigure[] {
  return KEY_FIGURES.map((spec) => keyFigure(spec, tables, sectionId)).filter((f): f is KeyFigure => f !== undefined);
}

/** A term and its definition. */
export interface Definition {
  readonly term: string;
  readonly text: string;
}

const STANDARD_TEXTS: Readonly<Record<string, { readonly term: string; readonly texts: Readonly<Record<string, string>> }>> = {
  labourForce: {
    term: 'Labour force',
    texts: {
      ICLS19: 'Labour force status after the resolution concerning statistics of work, employment and labour underutilization of the 19th International Conference of Labour Statisticians (ICLS, 2013): employment is work for pay or profit; the unemployed are without employment, seeking and available; own-use production work is not employment.',
      ICLS13: 'Labour force status after the resolution concerning statistics of the economically active population of the 13th ICLS (1982): own-use production of goods counts as employment.',
    },
  },
  migrantCriterion: {
    term: 'International migrants',
    texts: {
      birth: 'International migrants are identified by country of birth (foreign-born persons), after the Guidelines concerning statistics of international labour migration of the 20th ICLS (2018). International migrant workers are the international migrants in the labour force (employed or unemployed).',
      citizenship: 'International migrants are identified by country of citizenship (foreign citizens), after the Guidelines concerning statistics of international labour migration of the 20th ICLS (2018). International migrant workers are the international migrants in the labour force (employed or unemployed).',
    },
  },
  usualResidence: {
    term: 'Usual residence',
    texts: {
      '12-months': 'The population is the usual residents, by the UN 12-month rule the 20th ICLS Guidelines follow: persons who have lived in the country for at least 12 months, or intend to stay at least 12 months since arrival.',
      '6-months': 'The population is the usual residents, by the 6-month variant of the UN rule the 20th ICLS Guidelines follow: persons who have lived in the country for at least 6 months, or intend to stay at least 6 months since arrival.',
    },
  },
  informality: {
    term: 'Informal employment',
    texts: {
      ICLS21: 'Informal employment after the resolution concerning statistics on the informal economy of the 21st ICLS (2023).',
      ICLS17: 'Informal employment after the guidelines concerning a statistical definition of informal employment of the 17th ICLS (2003).',
    },
  },
};

/** `workingAge` as `Working age`. */
function words(key: string): string {
  const w = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** The definitions of the standards a run applied: the known ones in words, other keys by name and value. */
export function standardDefinitions(standards: Readonly<Record<string, string>>): Definition[] {
  const known = Object.entries(STANDARD_TEXTS).map(([key, s]): Definition | undefined => {
    const value = standards[key];
    if (value === undefined) return undefined;
    return { term: s.term, text: s.texts[value] ?? `${value} (as recorded by the run).` };
  });
  const other = Object.keys(standards).filter((k) => !(k in STANDARD_TEXTS)).sort().map((k) => ({ term: words(k), text: standards[k]! }));
  return [...known.filter((d): d is Definition => d !== undefined), ...other];
}

const UNIT_WORDS: Readonly<Record<IndicatorCell['unit'], string>> = { NB: 'counts', RT: 'rates', MEAN: 'means', MEDIAN: 'medians', GAP: 'gaps and changes' };

/** A number as the policies write it (`16.5`, `30`), without binary noise. */
const num = (x: number): string => String(Number(x.toFixed(6)));

/** `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The reliability rules of a policy (reliability.ts), in words, read from the policy object. */
export function describeReliability(policy: ReliabilityPolicy): string[] {
  const lines: string[] = [];
  const { cv, min_n: minN, proportion: p } = policy;
  if (cv) {
    const middle = cv.less_reliable > cv.reliable ? `, less reliable (E) up to ${num(cv.less_reliable)}%` : '';
    lines.push(`Coefficient of variation (CV = SE / |estimate|) of ${list(cv.units.map((u) => UNIT_WORDS[u]))}: reliable up to ${num(cv.reliable)}%${middle}, unreliable (U) above.`);
  }
  if (minN > 0) lines.push(`A cell resting on fewer than ${num(minN)} unweighted observations (the persons counted; the base population of a rate or mean) is unreliable (U).`);
  if (p) {
    const interval = p.ci === 'korn-graubard' ? `Korn-Graubard ${levelLabel(p.level)} confidence interval` : "cell's own confidence interval";
    const when: string[] = [];
    if (p.min_n > 0) when.push(`the unweighted base is below ${num(p.min_n)}`);
    if (p.min_effective_n > 0) when.push(`the effective sample size (Korn and Graubard 1998${p.df_adjusted ? ', adjusted for the design degrees of freedom' : ''}) is below ${num(p.min_effective_n)}`);
    if (p.max_ci_width !== null) when.push(`the ${interval} is wider than ${num(p.max_ci_width * 100)} percentage points`);
    if (p.max_relative_ci_width !== null) when.push(`the ${interval} is wider than ${num(p.relative_width_above * 100)} percentage points and than ${num(p.max_relative_ci_width)}% of the rate`);
    if (when.length > 0) lines.push(`Rates (proportions) are unreliable (U) when ${when.join('; or when ')} (NCHS Data Presentation Standards for Proportions, 2017).`);
    if (p.review_df_below !== null) lines.push(`Rates are less reliable (E) when the design has fewer than ${num(p.review_df_below)} degrees of freedom.`);
  }
  if (lines.length === 0) return ['No reliability rule was applied: every cell is shown as reliable.'];
  if (lines.length > 1) lines.push('A cell takes the worst grade any of these rules gives it.');
  return lines;
}

/** The disclosure control rules of a policy (suppression.ts), in words, read from the policy object. */
export function describeSuppression(policy: SuppressionPolicy): string[] {
  if (!policy.enabled) return ['Disclosure control was switched off for this run: no cell is suppressed.'];
  const m = policy.min_count;
  return [
    m > 1
      ? `Primary suppression: a count cell resting on 1 to ${m - 1} unweighted observations is not published (a cell with none is: a zero discloses no one).`
      : 'Primary suppression: none (the minimum count is 1).',
    `Secondary suppression: further cells are suppressed so that, from the published cells of all the tables that share margins, no suppressed cell can be recomputed${policy.secondary_protection === 'interval' ? ' or narrowed to within ' + num(policy.protection) + '% of its value' : ''}, and no primary cell can be narrowed to within ${num(policy.protection)}% of its value (the p% rule; Hundepool et al. 2012, Statistical Disclosure Control, section 4.3). Each suppressed cell's feasible range is checked by linear programming.`,
    `Rates, means and gaps built on a suppressed count, or on fewer than ${m} unweighted observations, are suppressed too.`,
    'A suppressed cell is shown as x, with none of its values (estimate, SE, interval, CV, n).',
  ];
}

/** An input file as the report shows it: name (no folder), role, size and SHA-256. */
export interface ShownFile {
  readonly name: string;
  readonly role: string;
  readonly bytes: string;
  readonly sha256: string;
}

/** The methodology section's content. */
export interface MethodologyContent {
  readonly definitions: readonly Definition[];
  readonly design: string;
  readonly variance: string;
  /** `95%`. */
  readonly level: string;
  readonly reliability: readonly string[];
  readonly suppression: readonly string[];
  readonly exclusions: readonly RunExclusion[];
  readonly inputs: readonly ShownFile[];
  readonly options: readonly Definition[];
  readonly notes: readonly string[];
}

/** A table of a section with its number (`1.3`) and notes. */
export interface ShownTable {
  readonly number: string;
  readonly table: DisplayTable;
  readonly notes: readonly string[];
}

export interface ShownSection {
  readonly id: string;
  readonly heading: string;
  readonly time: string;
  readonly note?: string;
  readonly tables: readonly ShownTable[];
  /** Plain tables (report-model.ts `PlainReportTable`), cells as text (numbers with up to 3 decimals, missing as an en dash). */
  readonly plainTables: readonly { readonly title: string; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] }[];
}

/** Everything both writers show, in order. */
export interface ReportContent {
  readonly title: string;
  readonly subtitle?: string;
  /** Reference area, source, main period, ... */
  readonly facts: readonly Definition[];
  readonly keyFigures: { readonly section?: ShownSection; readonly figures: readonly KeyFigure[] };
  readonly charts: readonly ReportChart[];
  readonly legend: typeof FLAG_LEGEND;
  /** `95%`: the confidence level of the intervals. */
  readonly level: string;
  /** How to read the tables: units and column names. */
  readonly reading: string;
  readonly sections: readonly ShownSection[];
  readonly methodology: MethodologyContent;
  readonly footer: string;
}

/** The notes under a table: the caller's, then how many cells carry each flag. */
function tableNotes(table: DisplayTable, given: string | undefined): string[] {
  const f = table.flags;
  const counts = [
    f.x > 0 ? `${f.x} cell${f.x === 1 ? '' : 's'} not published for confidentiality (x)` : '',
    f.U > 0 ? `${f.U} unreliable (U)` : '',
    f.E > 0 ? `${f.E} less reliable (E)` : '',
  ].filter((s) => s !== '');
  return [...(given !== undefined ? [given] : []), ...(counts.length > 0 ? [`${counts.join('; ')}.`] : [])];
}

/** A file name without its folder. */
const fileName = (path: string): string => path.split(/[/\\]/).pop()!;

/** An option value as text: strings as they are, other values as JSON. */
const optionText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

/** The report's content (checks the input: see report-model.ts `checkReportInput`). */
export function reportContent(input: ReportInput): ReportContent {
  checkReportInput(input);
  const m = input.methodology;
  const level = levelLabel(m.level ?? 0.95);
  const sections = input.sections.map((s, si): ShownSection => ({
    id: s.id,
    heading: s.heading,
    time: s.time,
    ...(s.note !== undefined ? { note: s.note } : {}),
    tables: s.tables.map((t, ti) => {
      const table = displayTable(t, s.id);
      return { number: `${si + 1}.${ti + 1}`, table, notes: tableNotes(table, s.tableNotes?.[t.indicator]) };
    }),
    plainTables: (s.plainTables ?? []).map((t) => ({
      title: t.title, columns: t.columns,
      rows: t.rows.map((r) => r.map((v) => (v === null ? NOT_APPLICABLE : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000)) : v))),
    })),
  }));
  const main = input.sections[0];
  return {
    title: input.title,
    ...(input.subtitle !== undefined ? { subtitle: input.subtitle } : {}),
    facts: [
      { term: 'Reference area', text: input.ref_area },
      { term: 'Source', text: input.source },
      ...(main ? [{ term: 'Reference period', text: main.time }] : []),
    ],
    keyFigures: { ...(sections[0] ? { section: sections[0] } : {}), figures: main ? keyFigures(main.tables, main.id) : [] },
    charts: input.charts,
    legend: FLAG_LEGEND,
    level,
    reading: `Counts are in thousands of persons, rates in percent; each table states its unit. SE: standard error; ${level} CI: lower and upper bounds of the confidence interval; CV: coefficient of variation (SE / estimate) in percent; n: unweighted observations the estimate rests on (the persons counted, or the base population of a rate or mean).`,
    sections,
    methodology: {
      definitions: standardDefinitions(m.standards),
      design: m.design,
      variance: m.variance,
      level,
      reliability: describeReliability(parseReliabilityPolicy(m.reliability)),
      suppression: describeSuppression(parseSuppressionPolicy(m.suppression)),
      exclusions: m.exclusions,
      inputs: m.inputs.map((f) => ({ name: fileName(f.path), role: f.role ?? '', bytes: formatNumber(f.bytes, 0), sha256: f.sha256 })),
      options: Object.keys(m.options ?? {}).sort().filter((k) => m.options![k] !== undefined).map((k) => ({ term: k, text: optionText(m.options![k]) })),
      notes: m.notes ?? [],
    },
    footer: `Produced with migstat ${input.generated.migstat}${input.generated.date !== undefined ? ` on ${input.generated.date}` : ''}.`,
  };
}
