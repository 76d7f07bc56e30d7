/**
 * `migstat admin stock|flows|demand|link|mse`: statistics from administrative registers read through a register
 * profile (src/profile/README.md "Register profiles"; src/admin/README.md). The registers are mapped here, with the
 * profile's recoding (src/profile/recode.ts), to register standard variables; src/admin computes the tables; the
 * indicator writers write them (tidy CSV/JSON, ILOSTAT bulk CSV) with metadata.json, atomically as a set. Any error
 * (a file, row, column or value the profile does not allow; end before start without --fix-reversed) exits 2 and
 * writes nothing.
 */
import { Command, Option } from 'commander';
import { demandTables, rankDemand, DEMAND_RANK_COLUMNS } from '../admin/demand.js';
import { flowTables } from '../admin/flows.js';
import { AdminError, parseDateOption, readRegisterFile } from '../admin/registers.js';
import { FIX_REVERSED, type FixReversed } from '../admin/spells.js';
import { type AdminDimension, adminSuppression, parseDimensions, stockTables } from '../admin/stocks.js';
import { COMPARISON_COLUMNS, compareWithSurvey, surveyCellsFromTable } from '../admin/survey-comparison.js';
import { evaluateLinkage, linkRecords, reviewTable } from '../admin/linkage.js';
import { historyTable, multipleSystems } from '../admin/multiple-systems.js';
import { twoListEstimate } from '../admin/capture-recapture.js';
import type { LabourForceStandard } from '../concepts/labour-force-status.js';
import type { IndicatorTable } from '../indicators/cell.js';
import { obsStatusOf } from '../indicators/reliability.js';
import { readTable } from '../io/read.js';
import { ADMIN_ILOSTAT_CHECK, bindFiles, linkageRecords, loadRegisters, mapRegisters, periodTime, registerExclusions, registerHistories, textOf } from '../pipeline/registers.js';
import type { Table } from '../io/table.js';
import { toCsv } from '../io/write.js';
import { type LoadedProfile, loadProfile } from '../profile/load.js';
import { METADATA_FILE, type WrittenFile, indicatorOutputBytes, writeFilesAtomically } from '../report/indicator-files.js';
import { type RunExclusion, buildRunMetadata, runMetadataJson, sha256 } from '../report/run-metadata.js';
import { list, number } from './design-options.js';
import { UsageError } from './usage-error.js';

/** The output formats of `migstat admin`. */
export const ADMIN_FORMATS = ['csv', 'json', 'ilostat'] as const;
export type AdminFormat = (typeof ADMIN_FORMATS)[number];

interface AdminFlags {
  profile: string;
  date?: string;
  from?: string;
  to?: string;
  by: string[];
  personKey?: string;
  keys?: string;
  keysId: string;
  fixReversed: FixReversed;
  graceDays: string;
  format: AdminFormat;
  output: string;
  time?: string;
  source: string;
  minCount?: string;
  protection?: string;
  suppression: boolean;
  sheet?: string;
  employment?: string;
  employmentIndicator?: string;
  survey?: string;
  surveyIndicator?: string;
  registerIndicator?: string;
  surveyClassif1?: string;
  surveyClassif2?: string;
  level: string;
  ilostatCodes: boolean;
  pairs: 'across' | 'within' | 'all';
  clustering: 'transitive' | 'one-to-one';
  truth?: string;
  truthId: string;
  truthKey: string;
  criterion: 'aic' | 'bic';
  twoList: 'chapman' | 'lincoln-petersen';
}

interface Extra {
  readonly file: string;
  readonly text: string;
}

/** Writes the tables, extra files and metadata.json atomically as a set. */
async function writeAdmin(tables: readonly IndicatorTable[], extra: readonly Extra[], o: AdminFlags, run: { loaded: LoadedProfile; inputs: { path: string; role: string }[]; time: string; options: Record<string, unknown>; exclusions: RunExclusion[] }): Promise<WrittenFile[]> {
  const reference = { ref_area: run.loaded.profile.survey.country, source: o.source, time: run.time };
  const standards = { labourForce: 'not-applicable' as LabourForceStandard, migrantCriterion: 'citizenship' as const, usualResidence: 'not-applicable', informality: 'not-applicable', registers: 'exact counts: se 0, intervals equal to the estimate' };
  const metadata = await buildRunMetadata({ inputs: run.inputs, profile: o.profile, options: run.options, standards, exclusions: run.exclusions, reference });
  const outputs = await indicatorOutputBytes(tables, { format: o.format, ...reference, obsStatus: obsStatusOf(), metadata, check: ADMIN_ILOSTAT_CHECK });
  const enc = new TextEncoder();
  const files = [...outputs, ...extra.map((e) => ({ file: e.file, bytes: enc.encode(e.text) }))];
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.file.toLowerCase()) || f.file === METADATA_FILE) throw new AdminError(`two outputs would be named ${f.file}`);
    names.add(f.file.toLowerCase());
  }
  const meta = runMetadataJson({ ...metadata, reference, outputs: files.map((f) => ({ file: f.file, sha256: sha256(f.bytes), bytes: f.bytes.length })) });
  return writeFilesAtomically(o.output, [...files, { file: METADATA_FILE, bytes: enc.encode(meta) }]);
}

function suppressionPolicy(o: AdminFlags): Record<string, unknown> {
  return o.suppression
    ? { ...(o.minCount ? { min_count: number('--min-count', o.minCount) } : {}), ...(o.protection ? { protection: number('--protection', o.protection) } : {}) }
    : { enabled: false };
}

const inputsOf = (bound: Record<string, string>, o: AdminFlags): { path: string; role: string }[] => [
  ...Object.entries(bound).map(([name, path]) => ({ path, role: `register ${name}` })),
  ...(o.keys ? [{ path: o.keys, role: 'person keys' }] : []),
  ...(o.survey ? [{ path: o.survey, role: 'survey estimates' }] : []),
  ...(o.employment ? [{ path: o.employment, role: 'employment by occupation' }] : []),
];

function period(o: AdminFlags): { from: number; to: number; time: string } {
  if (!o.from || !o.to) throw new UsageError('give the period with --from YYYY-MM-DD and --to YYYY-MM-DD');
  const from = parseDateOption('--from', o.from);
  const to = parseDateOption('--to', o.to);
  if (from > to) throw new UsageError(`--from ${o.from} is after --to ${o.to}`);
  const time = o.time ?? periodTime(from, to);
  if (!time) throw new UsageError(`the period ${o.from} to ${o.to} is not a calendar year, quarter or month: give its ILOSTAT time code with --time`);
  return { from, to, time };
}

function commonOptions(o: AdminFlags, dims: readonly AdminDimension[]): Record<string, unknown> {
  return { by: dims, personKey: o.personKey ?? 'person_id', keys: o.keys ?? null, fixReversed: o.fixReversed, format: o.format, suppression: suppressionPolicy(o), graceDays: Number(o.graceDays) };
}

function graceDays(o: AdminFlags): number {
  const g = number('--grace-days', o.graceDays);
  if (!Number.isInteger(g) || g < 0) throw new UsageError(`--grace-days ${o.graceDays}: expected a whole number of days >= 0`);
  return g;
}

async function stockRun(files: string[], o: AdminFlags): Promise<void> {
  if (!o.date) throw new UsageError("required option '--date <YYYY-MM-DD>' not specified: the reference date of the stock");
  const d = parseDateOption('--date', o.date);
  const dims = parseDimensions(o.by);
  const reg = await loadRegisters(files, o);
  const stock = stockTables(reg.permits, d, { by: dims });
  const s = adminSuppression(stock.tables, suppressionPolicy(o));
  const extra: Extra[] = [];
  if (o.survey) {
    if (!o.surveyIndicator) throw new UsageError('--survey needs --survey-indicator CODE (the survey indicator compared)');
    const survey = surveyCellsFromTable(await readTable(o.survey));
    const rows = compareWithSurvey(s.tables, survey, {
      registerIndicator: o.registerIndicator ?? 'MGS_PRMP_SEX_NB', surveyIndicator: o.surveyIndicator, level: number('--level', o.level),
      surveyFilter: { ...(o.surveyClassif1 ? { classif1: o.surveyClassif1 } : {}), ...(o.surveyClassif2 ? { classif2: o.surveyClassif2 } : {}) },
    });
    extra.push({ file: 'survey-comparison.csv', text: toCsv(COMPARISON_COLUMNS, rows as unknown as Record<string, unknown>[]) });
  }
  const time = o.time ?? o.date.slice(0, 4);
  const written = await writeAdmin(s.tables, extra, o, {
    loaded: reg.loaded, inputs: inputsOf(reg.bound, o), time,
    options: { command: 'stock', date: o.date, ...commonOptions(o, dims), ...(o.survey ? { surveyIndicator: o.surveyIndicator, registerIndicator: o.registerIndicator ?? 'MGS_PRMP_SEX_NB', surveyFilter: [o.surveyClassif1 ?? null, o.surveyClassif2 ?? null], level: o.level } : {}) },
    exclusions: [...registerExclusions(reg.log), ...(s.suppressed.length ? [{ reason: 'count cells suppressed (disclosure control)', count: s.suppressed.length, step: 'suppression' }] : [])],
  });
  process.stderr.write(`migstat admin stock: ${o.date}: ${stock.permits} valid permits, ${stock.persons} persons (${stock.renewalsStartingOnDate} renewals starting that day); ${reg.log.records} records, ${reg.log.reversed} with end before start; ${s.suppressed.length} cells suppressed; ${written.length} files in ${o.output}\n`);
}

async function flowsRun(files: string[], o: AdminFlags): Promise<void> {
  const p = period(o);
  const dims = parseDimensions(o.by);
  const reg = await loadRegisters(files, o);
  const f = flowTables(reg.permits, p.from, p.to, { by: dims, graceDays: graceDays(o), ilostatCodes: o.ilostatCodes });
  const s = adminSuppression(f.tables, suppressionPolicy(o));
  const c = f.counts;
  const written = await writeAdmin(s.tables, [], o, {
    loaded: reg.loaded, inputs: inputsOf(reg.bound, o), time: p.time,
    options: { command: 'flows', from: o.from, to: o.to, ilostatCodes: o.ilostatCodes, ...commonOptions(o, dims), counts: { ...c, meanDurationDays: c.meanDurationDays, medianDurationDays: c.medianDurationDays } },
    exclusions: [...registerExclusions(reg.log), ...(s.suppressed.length ? [{ reason: 'count cells suppressed (disclosure control)', count: s.suppressed.length, step: 'suppression' }] : [])],
  });
  process.stderr.write(`migstat admin flows: ${o.from} to ${o.to}: ${c.inflows} inflows, ${c.renewals} renewals, ${c.outflows} persons leaving (${c.expiredWithoutRenewal} expired without renewal, ${c.cancellations} cancelled), mean duration ${Number.isNaN(c.meanDurationDays) ? '-' : c.meanDurationDays.toFixed(1)} days; ${written.length} files in ${o.output}\n`);
}

/** Employment by ISCO-08 major group from tidy indicator rows: SEX_T cells of the indicator, classif1 OCU_ISCO08_*, classif2 a total or none. */
function employmentByOccupation(t: Table, indicator: string | undefined): Map<string, number> {
  const cells = surveyCellsFromTable(t);
  const code = indicator ?? cells.find((c) => /_TEMP_SEX_OCU_/.test(c.indicator))?.indicator;
  if (!code) throw new AdminError(`${t.source}: no employment by occupation (an indicator such as MST_TEMP_SEX_OCU_CBR_NB); give --employment-indicator CODE`);
  const out = new Map<string, number>();
  for (const c of cells) {
    if (c.indicator !== code || c.sex !== 'SEX_T' || c.classif1 === null || !c.classif1.startsWith('OCU_ISCO08_') || c.estimate === null) continue;
    if (c.classif2 !== null && !c.classif2.endsWith('_TOTAL')) continue;
    out.set(c.classif1, c.estimate);
  }
  if (out.size === 0) throw new AdminError(`${t.source}: indicator ${code} has no SEX_T cells by OCU_ISCO08_* with a total (or no) classif2`);
  return out;
}

async function demandRun(files: string[], o: AdminFlags): Promise<void> {
  const p = period(o);
  const dims = o.by.length ? parseDimensions(o.by) : (['occupation', 'sector'] as AdminDimension[]);
  const reg = await loadRegisters(files, o);
  const employment = o.employment ? employmentByOccupation(await readTable(o.employment), o.employmentIndicator) : undefined;
  const dm = demandTables(reg.all, p.from, p.to, { by: dims, ...(employment ? { employment } : {}) });
  const s = adminSuppression(dm.tables, suppressionPolicy(o));
  const occTable = s.tables.find((t) => t.indicator === 'MGS_DAPP_SEX_OCU_NB');
  const hidden = new Set((occTable?.cells ?? []).filter((c) => c.sex === 'SEX_T' && c.suppressed && c.classif1 !== null).map((c) => c.classif1!));
  if (!occTable && o.suppression) for (const r of dm.occupations) if (r.applications! > 0 && r.applications! < number('--min-count', o.minCount ?? '5')) hidden.add(r.occupation);
  const ranking = rankDemand(dm, { ...(employment ? { employment } : {}), suppressedOccupations: hidden });
  const written = await writeAdmin(s.tables, [{ file: 'demand-ranking.csv', text: toCsv(DEMAND_RANK_COLUMNS, ranking as unknown as Record<string, unknown>[]) }], o, {
    loaded: reg.loaded, inputs: inputsOf(reg.bound, o), time: p.time,
    options: {
      command: 'demand', from: o.from, to: o.to, ...commonOptions(o, dims), employmentIndicator: o.employmentIndicator ?? null,
      counts: { applications: dm.applications, granted: dm.granted, refused: dm.refused, pending: dm.pending, undecided: dm.undecided, vacanciesFilled: dm.vacanciesFilled },
    },
    exclusions: [
      ...registerExclusions(reg.log).filter((e) => !e.reason.startsWith('refused or pending')),
      ...(dm.withoutApplicationDate ? [{ reason: 'records without an application date: not counted as applications', count: dm.withoutApplicationDate, step: 'demand' }] : []),
      ...(s.suppressed.length ? [{ reason: 'count cells suppressed (disclosure control)', count: s.suppressed.length, step: 'suppression' }] : []),
    ],
  });
  process.stderr.write(`migstat admin demand: ${o.from} to ${o.to}: ${dm.applications} applications (${dm.granted} granted, ${dm.refused} refused, ${dm.pending} pending), ${dm.vacanciesFilled} vacancies filled; ${written.length} files in ${o.output}\n`);
}

function tableRecords(t: Table): Record<string, unknown>[] {
  return Array.from({ length: t.nrows }, (_, i) => Object.fromEntries(t.names.map((n) => {
    const c = t.column(n);
    return [n, c.kind === 'number' ? c.values[i]! : textOf(c, i)];
  })));
}

async function linkRun(files: string[], o: AdminFlags): Promise<void> {
  const loaded = loadProfile(o.profile);
  const bound = bindFiles(loaded, files);
  const data: Record<string, Table> = {};
  for (const [name, path] of Object.entries(bound)) data[name] = await readRegisterFile(path, o.sheet !== undefined ? { sheet: /^\d+$/.test(o.sheet) ? Number(o.sheet) : o.sheet } : {});
  const mapped = mapRegisters(loaded, data);
  const { records, permitIds } = linkageRecords(mapped);
  const result = linkRecords(records, { pairs: o.pairs, clustering: o.clustering });
  const width = String(result.persons).length;
  const links = records.map((r, i) => ({ register: r.list, row: r.row, permit_id: permitIds[i], linked_person: `L${String(result.person[i]! + 1).padStart(width, '0')}` }));
  let quality: ReturnType<typeof evaluateLinkage> | undefined;
  if (o.truth) {
    const tt = await readTable(o.truth);
    for (const c of [o.truthId, o.truthKey]) if (!tt.columns.has(c)) throw new AdminError(`${tt.source}: no column "${c}"; columns are: ${tt.names.join(', ')}`);
    const key = new Map<string, string>();
    for (let i = 0; i < tt.nrows; i++) {
      const id = textOf(tt.column(o.truthId), i);
      const k = textOf(tt.column(o.truthKey), i);
      if (id !== null && k !== null) key.set(id, k);
    }
    quality = evaluateLinkage(result.person, permitIds.map((id) => (id === null ? null : (key.get(id) ?? null))));
  }
  const review = reviewTable(result, records);
  const extra: Extra[] = [
    { file: 'links.csv', text: toCsv(['register', 'row', 'permit_id', 'linked_person'], links) },
    { file: 'review.csv', text: toCsv(review.names, tableRecords(review)) },
  ];
  const enc = new TextEncoder();
  const standards = { labourForce: 'not-applicable' as LabourForceStandard, migrantCriterion: 'citizenship' as const, usualResidence: 'not-applicable', informality: 'not-applicable', linkage: 'exact identifiers, then Fellegi-Sunter with Jaro-Winkler name comparisons (src/admin/linkage.ts)' };
  const metadata = await buildRunMetadata({
    inputs: inputsOf(bound, o), profile: o.profile, standards,
    options: { command: 'link', pairs: o.pairs, clustering: o.clustering, records: result.n, persons: result.persons, counts: result.counts, conflicts: result.conflicts.length, warnings: result.warnings, ...(quality ? { quality } : {}) },
  });
  const files2 = extra.map((e) => ({ file: e.file, bytes: enc.encode(e.text) }));
  const meta = runMetadataJson({ ...metadata, outputs: files2.map((f) => ({ file: f.file, sha256: sha256(f.bytes), bytes: f.bytes.length })) });
  const written = await writeFilesAtomically(o.output, [...files2, { file: METADATA_FILE, bytes: enc.encode(meta) }]);
  process.stderr.write(`migstat admin link: ${result.n} records -> ${result.persons} persons (${result.counts.exactLinks} exact links, ${result.counts.links} probabilistic links, ${result.counts.review} pairs to review)${quality ? `; against the truth: precision ${quality.precision.toFixed(4)}, recall ${quality.recall.toFixed(4)}` : ''}; ${written.length} files in ${o.output}\n`);
}

async function mseRun(files: string[], o: AdminFlags): Promise<void> {
  if (!o.date) throw new UsageError("required option '--date <YYYY-MM-DD>' not specified: the reference date of the capture histories");
  const d = parseDateOption('--date', o.date);
  const reg = await loadRegisters(files, o);
  const lists = Object.keys(reg.bound);
  if (lists.length < 2) throw new UsageError(`mse needs two registers or more (the profile ${o.profile} maps ${lists.length})`);
  if (o.personKey === undefined) process.stderr.write('migstat admin mse: note: no --person-key: persons are matched across registers by person_id, which registers rarely share; give a linked key (--keys links.csv --keys-id permit_id --person-key linked_person)\n');
  const histories = registerHistories(reg.permits, lists, d);
  const counts: Record<string, number> = {};
  for (const h of histories.values()) counts[h] = (counts[h] ?? 0) + 1;
  const level = number('--level', o.level);
  const ordered = Object.keys(counts).sort().map((h) => ({ history: h, persons: counts[h]! }));
  let models: { model: string; label: string; N: number; se: number; ci_low: number; ci_high: number; deviance: number | null; df: number | null; aic: number | null; bic: number | null; chosen: boolean }[];
  let observed: number;
  if (lists.length === 2) {
    // two lists: Chapman's estimator (capture-recapture.ts), the independence model of two lists
    const n1 = (counts['10'] ?? 0) + (counts['11'] ?? 0);
    const n2 = (counts['01'] ?? 0) + (counts['11'] ?? 0);
    const e = twoListEstimate({ n1, n2, m: counts['11'] ?? 0 }, o.twoList, { level });
    observed = e.observed;
    models = [{ model: e.method, label: `${e.method} (${lists.join(', ')})`, N: e.N, se: e.se, ci_low: e.ciLow, ci_high: e.ciHigh, deviance: null, df: null, aic: null, bic: null, chosen: true }];
  } else {
    const result = multipleSystems(historyTable(lists, counts), { criterion: o.criterion, level });
    observed = result.observed;
    models = result.models.map((m) => ({ model: m.name, label: m.label, N: m.N, se: m.se, ci_low: m.ciLow, ci_high: m.ciHigh, deviance: m.deviance, df: m.df, aic: m.aic, bic: m.bic, chosen: m === result.chosen }));
  }
  const chosen = models.find((m) => m.chosen)!;
  const extra: Extra[] = [
    { file: 'histories.csv', text: toCsv(['history', 'persons'], ordered) },
    { file: 'mse-models.csv', text: toCsv(['model', 'label', 'N', 'se', 'ci_low', 'ci_high', 'deviance', 'df', 'aic', 'bic', 'chosen'], models) },
  ];
  const enc = new TextEncoder();
  const standards = { labourForce: 'not-applicable' as LabourForceStandard, migrantCriterion: 'citizenship' as const, usualResidence: 'not-applicable', informality: 'not-applicable', mse: 'log-linear models to two-way interactions (src/admin/multiple-systems.ts, as Rcapture)' };
  const metadata = await buildRunMetadata({
    inputs: inputsOf(reg.bound, o), profile: o.profile, standards, exclusions: registerExclusions(reg.log),
    options: { command: 'mse', date: o.date, lists, personKey: o.personKey ?? 'person_id', keys: o.keys ?? null, criterion: o.criterion, twoList: o.twoList, level: o.level, observed, chosen: chosen.model },
  });
  const files2 = extra.map((e) => ({ file: e.file, bytes: enc.encode(e.text) }));
  const meta = runMetadataJson({ ...metadata, outputs: files2.map((f) => ({ file: f.file, sha256: sha256(f.bytes), bytes: f.bytes.length })) });
  const written = await writeFilesAtomically(o.output, [...files2, { file: METADATA_FILE, bytes: enc.encode(meta) }]);
  process.stderr.write(`migstat admin mse: ${o.date}: ${observed} persons in ${lists.length} registers; ${chosen.label}${lists.length > 2 ? ` (${o.criterion})` : ''}: N = ${chosen.N.toFixed(0)} (${chosen.ci_low.toFixed(0)} to ${Number.isFinite(chosen.ci_high) ? chosen.ci_high.toFixed(0) : 'Inf'}); ${written.length} files in ${o.output}\n`);
}

const HELP = `
Registers are read through a register profile (role: register tables; src/profile/README.md), one file per register
table: NAME=FILE or in the order of the profile's tables (.csv, .tsv, .xlsx, .sav, .dta, .parquet, .arrow, .json).
Person key (--person-key): a standard identifier (person_id by default, passport_number, foreigner_id,
social_security_number), a column of the register files, or with --keys FILE a column of FILE joined on permit_id
(--keys-id, default row_id): a linkage result or, for validation, the truth key.
Counts are exact (se 0, intervals equal to the estimate); small cells are suppressed (primary and secondary) unless
--no-suppression. Outputs (atomic, with metadata.json): indicators.csv|json or one ILOSTAT CSV per indicator;
stock --survey adds survey-comparison.csv; demand adds demand-ranking.csv.

Examples:
  migstat admin stock wp=work_permits.csv -p profile.yaml --date 2023-12-31 --by nationality,occupation -o out
  migstat admin flows work_permits.csv -p profile.yaml --from 2023-01-01 --to 2023-12-31 --fix-reversed swap -o out
  migstat admin demand work_permits.csv -p profile.yaml --from 2023-01-01 --to 2023-12-31 --employment lfs/indicators.csv -o out
`;

function addCommon(cmd: Command): Command {
  return cmd
    .argument('<registers...>', 'register files: NAME=FILE, or one per register table of the profile in its order')
    .requiredOption('-p, --profile <file>', 'register profile (YAML or JSON; tables of role register)')
    .option('--by <dims>', 'breakdowns, comma-separated: sex, nationality, nationality_region, nationality_income, age, occupation, sector, permit_type, region, labour_market_test', list, [])
    .option('--person-key <col>', 'person key: a standard identifier, a register column, or a column of --keys')
    .option('--keys <file>', 'person keys joined on permit_id (a linkage result, or truth links for validation)')
    .option('--keys-id <col>', 'column of --keys holding the permit id', 'row_id')
    .addOption(new Option('--fix-reversed <rule>', 'end date before start date: error, or drop the record, or swap the dates (counted)').choices([...FIX_REVERSED]).default('error'))
    .option('--grace-days <n>', 'a permit not followed by another within this many days is an outflow', '30')
    .addOption(new Option('--format <f>', 'output format').choices([...ADMIN_FORMATS]).default('csv'))
    .requiredOption('-o, --output <dir>', 'output folder (files written atomically, with metadata.json)')
    .option('--time <code>', 'ILOSTAT time code (default: the year of --date, or the period of --from/--to)')
    .option('--source <code>', 'ILOSTAT source code TYPE:ID', 'XA:0')
    .option('--sheet <name>', '.xlsx registers: the worksheet (name or number; default the first)')
    .option('--min-count <n>', 'primary suppression: cells under this count (default 5)')
    .option('--protection <percent>', 'protection interval of a suppressed cell, percent of its value (default 20)')
    .option('--no-suppression', 'publish every cell (disclosure control off)')
    .option('--level <p>', 'confidence level (survey comparison)', '0.95')
    .option('--no-ilostat-codes', 'flows: migstat codes (MGS_MFL_...) for every inflow table');
}

/** `migstat admin`: register statistics. */
export function adminCommand(): Command {
  const cmd = new Command('admin').description('statistics from administrative registers (permits, social security): stocks, flows, durations, demand for foreign labour, survey comparison, linkage, capture-recapture');
  cmd.addCommand(addCommon(new Command('stock').description('stocks of valid permits and of persons holding one at a reference date (and the survey comparison)'))
    .option('--date <YYYY-MM-DD>', 'reference date')
    .option('--survey <file>', 'survey estimates to compare with: tidy rows of migstat indicators (indicators.csv or .json)')
    .option('--survey-indicator <code>', 'survey indicator compared (e.g. MGS_MIGW_SEX_CTY_NB)')
    .option('--register-indicator <code>', 'register indicator compared', 'MGS_PRMP_SEX_NB')
    .option('--survey-classif1 <code>', 'survey cells with this classif1 only')
    .option('--survey-classif2 <code>', 'survey cells with this classif2 only')
    .addHelpText('after', HELP)
    .action((files: string[], o: AdminFlags) => stockRun(files, o)).exitOverride());
  cmd.addCommand(addCommon(new Command('flows').description('inflows, renewals, outflows, cancellations and permit durations over a period'))
    .option('--from <YYYY-MM-DD>', 'first day of the period')
    .option('--to <YYYY-MM-DD>', 'last day of the period')
    .addHelpText('after', HELP)
    .action((files: string[], o: AdminFlags) => flowsRun(files, o)).exitOverride());
  cmd.addCommand(addCommon(new Command('demand').description('demand for foreign labour: applications, grant rates, labour market tests, vacancies filled, ranking of occupations'))
    .option('--from <YYYY-MM-DD>', 'first day of the period (application dates)')
    .option('--to <YYYY-MM-DD>', 'last day of the period')
    .option('--employment <file>', 'LFS employment by occupation: tidy rows of migstat indicators (applications per 1,000 employed)')
    .option('--employment-indicator <code>', 'indicator of --employment (default the first *_TEMP_SEX_OCU_* one)')
    .addHelpText('after', HELP)
    .action((files: string[], o: AdminFlags) => demandRun(files, o)).exitOverride());
  cmd.addCommand(addCommon(new Command('link').description('person linkage across the registers (and within them): exact identifiers, then Fellegi-Sunter with Jaro-Winkler; writes links.csv (a --keys file) and review.csv'))
    .addOption(new Option('--pairs <p>', 'pairs compared: across registers, within them, or all').choices(['across', 'within', 'all']).default('all'))
    .addOption(new Option('--clustering <c>', 'how links make persons').choices(['transitive', 'one-to-one']).default('transitive'))
    .option('--truth <file>', 'truth keys to evaluate the linkage (precision, recall in metadata.json)')
    .option('--truth-id <col>', 'column of --truth holding the permit id', 'row_id')
    .option('--truth-key <col>', 'column of --truth holding the true person key', 'person_key')
    .addHelpText('after', HELP)
    .action((files: string[], o: AdminFlags) => linkRun(files, o)).exitOverride());
  cmd.addCommand(addCommon(new Command('mse').description('multiple systems estimation of the persons holding a registration at a date: capture histories across the registers, log-linear models (Rcapture)'))
    .option('--date <YYYY-MM-DD>', 'reference date')
    .addOption(new Option('--criterion <c>', 'model choice (three registers or more)').choices(['aic', 'bic']).default('bic'))
    .addOption(new Option('--two-list <m>', 'estimator for two registers').choices(['chapman', 'lincoln-petersen']).default('chapman'))
    .addHelpText('after', HELP)
    .action((files: string[], o: AdminFlags) => mseRun(files, o)).exitOverride());
  return cmd;
}
