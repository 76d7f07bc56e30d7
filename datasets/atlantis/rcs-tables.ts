/**
 * The files of the Atlantis recruitment cost survey: the worker table (one row per responding worker: design columns,
 * weights, replicate weights and the SDG 10.7.1 variables) and the cost-item table (one row per cost item of those
 * workers), with variable labels and value labels, built from the population and a sample (or any population rows).
 */
import { ISCED2011_LEVELS } from '../../src/classifications/isced2011.js';
import { ISCO08_MAJOR_GROUPS } from '../../src/classifications/isco08.js';
import { type Column, type ColumnMeta, Table, type ValueLabel, encode } from '../../src/io/table.js';
import { CHANNELS, CURRENCIES, RCS_CORRIDORS, REGIONS } from './rcs-country.js';
import { COST_ITEMS, COST_TYPES, JOB_STATUS, PAID_BY, REASON_CODES, type RcsPopulation } from './rcs-population.js';
import { rcsAreasInStratum, type RcsSample } from './rcs-sample.js';

const labels = (pairs: readonly (readonly [number, string])[]): ValueLabel[] => pairs.map(([value, label]) => ({ value, label }));
const SEX = labels([[1, 'Male'], [2, 'Female']]);
const REGION = labels(REGIONS.map((r) => [r.code, r.name]));
const URBAN = labels([[1, 'Urban'], [2, 'Rural']]);
const STRATUM = labels(REGIONS.flatMap((r) => [[(r.code - 1) * 2 + 1, `${r.name} urban`], [(r.code - 1) * 2 + 2, `${r.name} rural`]] as const));
const EDUCATION = labels([...ISCED2011_LEVELS.filter((l) => /^[1-8]$/.test(l.level)).map((l) => [Number(l.level), `ISCED ${l.level} ${l.title}`] as const), [10, 'No schooling']]);
const ISCO = labels(ISCO08_MAJOR_GROUPS.filter((g) => /^[1-9]$/.test(g.code)).map((g) => [Number(g.code), g.title] as const));

/** A column: name, label, value labels, type (date: days since 1970-01-01) and its value for a row. */
interface ColumnDef {
  readonly name: string;
  readonly label: string;
  readonly valueLabels?: readonly ValueLabel[];
  readonly date?: boolean;
  readonly num?: (row: number) => number;
  readonly text?: (row: number) => string | null;
}

function build(defs: readonly ColumnDef[], rows: ArrayLike<number>, fileLabel: string): Table {
  const columns = new Map<string, Column>();
  const meta = new Map<string, ColumnMeta>();
  const n = rows.length;
  for (const d of defs) {
    // plain loops: Float64Array.from(rows, f) is several times slower in V8
    if (d.num) {
      const values = new Float64Array(n);
      for (let k = 0; k < n; k++) values[k] = d.num(rows[k]!);
      columns.set(d.name, { kind: 'number', values });
    } else {
      const values = new Array<string | null>(n);
      for (let k = 0; k < n; k++) values[k] = d.text!(rows[k]!);
      columns.set(d.name, encode(values));
    }
    meta.set(d.name, { label: d.label, ...(d.valueLabels ? { valueLabels: d.valueLabels } : {}), ...(d.date ? { type: 'date' as const } : {}) });
  }
  return new Table([...columns.keys()], columns, rows.length, '<atlantis-rcs>', { columns: meta, fileLabel });
}

/** Design columns of a worker row (the k-th responding worker of a sample). */
export interface DesignColumns {
  readonly baseWeight: Float64Array;
  readonly weight: Float64Array;
  readonly replicates: readonly Float64Array[];
  readonly replicateScale?: number;
}

export const repName = (r: number): string => `repw_${String(r + 1).padStart(3, '0')}`;

/**
 * The worker table of population rows `workers` (file order). With `design`, it carries base_weight, weight and the
 * replicate weights of those rows (k-th entry for the k-th row); without, no weight columns (the whole population).
 */
export function workersTable(pop: RcsPopulation, workers: Int32Array, design?: DesignColumns): Table {
  const W = pop.workers;
  const A = pop.areas;
  const frame = rcsAreasInStratum(pop);
  const area = (i: number): number => W.area[i]!;
  const corridor = (i: number): (typeof RCS_CORRIDORS)[number] => RCS_CORRIDORS[W.corridor[i]!]!;
  // defs address population rows; the k-th row of the table is workers[k]
  const defs: ColumnDef[] = [
    { name: 'worker_id', label: 'Worker identifier (links to the cost items)', num: (i) => i + 1 },
    { name: 'region', label: 'Region of residence', valueLabels: REGION, num: (i) => A.region[area(i)]! },
    { name: 'urban', label: 'Area type', valueLabels: URBAN, num: (i) => A.urban[area(i)]! },
    { name: 'stratum', label: 'Design stratum (region x area type)', valueLabels: STRATUM, num: (i) => A.stratum[area(i)]! },
    { name: 'ea', label: 'Enumeration area (primary sampling unit)', num: (i) => area(i) + 1 },
    { name: 'ea_total', label: 'Enumeration areas in the stratum (frame count: first-stage fpc)', num: (i) => frame[A.stratum[area(i)]!]! },
    { name: 'ea_listed', label: 'Return migrant workers listed in the enumeration area at fieldwork', num: (i) => A.workers[area(i)]! },
    { name: 'sex', label: 'Sex', valueLabels: SEX, num: (i) => W.sex[i]! },
    { name: 'age', label: 'Age in completed years (July 2024)', num: (i) => W.age[i]! },
    { name: 'educ', label: 'Highest level of education completed (ISCED 2011)', valueLabels: EDUCATION, num: (i) => W.education[i]! },
    { name: 'origin_country', label: 'Country of origin (ISO3; corridor origin)', text: () => 'ATL' },
    { name: 'destination_country', label: 'Last country of destination, where the first job was (ISO3)', text: (i) => corridor(i).iso3 },
    { name: 'occupation_isco08', label: 'Occupation of the first job abroad (ISCO-08 major group)', valueLabels: ISCO, num: (i) => W.occupation[i]! },
    { name: 'recruitment_channel', label: 'How the worker was recruited for the first job abroad', text: (i) => CHANNELS[W.channel[i]!]! },
    { name: 'job_status_abroad', label: 'Status in employment of the first job abroad', text: (i) => JOB_STATUS[W.status[i]!]! },
    { name: 'changed_usual_residence', label: 'Moved for 12 months or more (changed the country of usual residence)', text: (i) => (W.changedResidence[i] ? 'yes' : 'no') },
    { name: 'reason_for_migration', label: 'Main reason for going abroad', text: (i) => REASON_CODES[W.reason[i]!]! },
    { name: 'job_start_date', label: 'Start date of the first job in the last country of destination', date: true, num: (i) => W.jobStart[i]! },
    { name: 'months_abroad', label: 'Months spent abroad in the last stay', num: (i) => W.monthsAbroad[i]! },
    { name: 'year_of_return', label: 'Year of return to Atlantis', num: (i) => W.returnYear[i]! },
    { name: 'first_month_earnings', label: 'Earnings of the first month of that job, in first_month_earnings_currency', num: (i) => W.earnings[i]! },
    { name: 'first_month_earnings_currency', label: 'Currency of the first-month earnings (ISO 4217)', text: (i) => corridor(i).currency },
    { name: 'first_month_earnings_basis', label: 'First-month earnings gross, or net of the deductions from wages', text: (i) => (W.netBasis[i] ? 'net' : 'gross') },
  ];
  const table = build(defs, workers, 'Atlantis recruitment cost survey 2024: return migrant workers');
  if (!design) return table;
  const columns = new Map(table.columns);
  const meta = new Map(table.meta.columns);
  const add = (name: string, values: Float64Array, label: string): void => {
    columns.set(name, { kind: 'number', values });
    meta.set(name, { label });
  };
  add('base_weight', design.baseWeight, 'Design weight 1 / (pi1 pi2)');
  add('weight', design.weight, 'Final weight (design weight after the nonresponse adjustment within strata)');
  design.replicates.forEach((w, r) => add(repName(r), w, `Bootstrap replicate weight ${r + 1} (nonresponse-adjusted; variance scale ${design.replicateScale})`));
  return new Table([...columns.keys()], columns, table.nrows, table.source, { ...table.meta, columns: meta });
}

/** The cost-item table of the given workers (population rows, in that order): every item of each, in roster order. */
export function costsTable(pop: RcsPopulation, workers: Int32Array): Table {
  const W = pop.workers;
  const I = pop.items;
  let n = 0;
  for (const i of workers) n += W.items[i]!;
  const rows = new Int32Array(n);
  let k = 0;
  for (const i of workers) for (let j = 0; j < W.items[i]!; j++) rows[k++] = W.firstItem[i]! + j;
  const defs: ColumnDef[] = [
    { name: 'worker_id', label: 'Worker identifier (as in the worker file)', num: (r) => I.worker[r]! + 1 },
    { name: 'item', label: 'Line of the cost item in the worker roster', num: (r) => r - W.firstItem[I.worker[r]!]! + 1 },
    { name: 'cost_item', label: 'Cost item of the questionnaire roster', text: (r) => COST_ITEMS[I.item[r]!]![0] },
    { name: 'cost_type', label: 'Kind of cost (ILO 2019 definition of recruitment fees and related costs)', text: (r) => COST_TYPES[I.type[r]!]! },
    { name: 'cost_amount', label: 'Amount paid, in cost_currency', num: (r) => I.amount[r]! },
    { name: 'cost_currency', label: 'Currency of the amount (ISO 4217; ATD Atlantean drachma, fictional)', text: (r) => CURRENCIES[I.currency[r]!]! },
    { name: 'cost_date', label: 'Date the cost was paid (deductions: payday of the first month)', date: true, num: (r) => I.date[r]! },
    { name: 'cost_paid_by', label: 'Who paid the cost', text: (r) => PAID_BY[I.paidBy[r]!]! },
    { name: 'cost_deducted', label: 'The employer deducted the cost from the wages', text: (r) => (I.deducted[r] ? 'yes' : 'no') },
  ];
  return build(defs, rows, 'Atlantis recruitment cost survey 2024: cost items');
}

/** The tables of one sample. */
export function sampleTables(pop: RcsPopulation, sample: RcsSample): { workers: Table; costs: Table } {
  return { workers: workersTable(pop, sample.workers, sample), costs: costsTable(pop, sample.workers) };
}
