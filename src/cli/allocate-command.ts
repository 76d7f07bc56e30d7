import { Command, Option } from 'commander';
import type { Table } from '../io/table.js';
import { toCsv, toJson, writeFileAtomic } from '../io/write.js';
import { ALLOCATION_METHODS, type Allocation, type AllocationMethod, type StratumSpec, allocate } from '../sampling/allocation.js';
import { addReadOptions, readInput } from './read-options.js';
import { number } from './design-options.js';
import { asUsage } from './sample-size-command.js';
import { UsageError } from './usage-error.js';

const STRATUM_COLUMNS = ['stratum', 'N', 'W', 'sd', 'mean', 'cost', 'target', 'n', 'f', 'weight', 'take_all', 'bound', 'se', 'cv', 'expected'] as const;

/** CSV: one row per stratum, then a row "(all)" with the totals and the allocation's se, cv, deff and deff_w. */
function csvText(a: Allocation): string {
  const rows: Record<string, unknown>[] = a.strata.map((s) => ({ ...s }));
  rows.push({ stratum: '(all)', N: a.N, W: 1, mean: a.mean, cost: a.cost, n: a.n, f: a.n / a.N, se: a.se, cv: a.cv, expected: a.expected, deff: a.deff, deff_w: a.deff_w });
  return toCsv([...STRATUM_COLUMNS, 'deff', 'deff_w'], rows);
}

/** Reads the strata of a table: names and the numeric columns the flags name, with errors naming file, row and column. */
function readStrata(table: Table, file: string, o: Record<string, unknown>): StratumSpec[] {
  const nameCol = table.column(o.stratum as string);
  const numeric = (flag: string, col: string | undefined): Float64Array | undefined => {
    if (col === undefined) return undefined;
    const c = table.column(col);
    if (c.kind !== 'number') throw new UsageError(`${file}: ${flag} column "${col}" must be numeric; it has text such as "${c.levels[0] ?? ''}"`);
    return c.values;
  };
  const size = numeric('--size', o.size as string)!;
  const cols = {
    sd: numeric('--sd', o.sd as string | undefined),
    prevalence: numeric('--prevalence', o.prevalence as string | undefined),
    mean: numeric('--mean', o.mean as string | undefined),
    cost: numeric('--cost', o.cost as string | undefined),
  };
  const flagOf: Record<string, string> = { sd: '--sd', prevalence: '--prevalence', mean: '--mean', cost: '--cost' };
  const strata: StratumSpec[] = [];
  for (let i = 0; i < table.nrows; i++) {
    let name: string | null;
    if (nameCol.kind === 'number') name = Number.isNaN(nameCol.values[i]!) ? null : String(nameCol.values[i]);
    else name = nameCol.codes[i]! < 0 ? null : nameCol.levels[nameCol.codes[i]!]!;
    if (name === null) throw new UsageError(`${file} row ${i + 1}: the stratum name (column "${String(o.stratum)}") is missing`);
    const value = (key: keyof typeof cols | 'size', values: Float64Array | undefined, col: string): number | undefined => {
      if (values === undefined) return undefined;
      const v = values[i]!;
      if (Number.isNaN(v)) throw new UsageError(`${file} row ${i + 1} (stratum "${name}"): ${key === 'size' ? '--size' : flagOf[key]} column "${col}" is missing`);
      return v;
    };
    strata.push({
      name,
      size: value('size', size, o.size as string)!,
      sd: value('sd', cols.sd, o.sd as string),
      prevalence: value('prevalence', cols.prevalence, o.prevalence as string),
      mean: value('mean', cols.mean, o.mean as string),
      cost: value('cost', cols.cost, o.cost as string),
    });
  }
  if (strata.length === 0) throw new UsageError(`${file}: no strata (the file has no rows)`);
  return strata;
}

const HELP = `
The strata file has one row per stratum: its name (--stratum), population size (--size), and as the method needs
the unit SD (--sd) or the prevalence of the subpopulation (--prevalence, which gives S_h^2 = N_h P_h (1 - P_h)/(N_h - 1)),
stratum means (--mean: for the CV, the design effect and power allocation) and costs per unit (--cost).

Methods: proportional (N_h), equal, neyman (N_h S_h), optimal (N_h S_h / sqrt(c_h)), power (Bankier 1988:
X_h^a S_h / Ybar_h with X_h = N_h Ybar_h, or N_h^a S_h without means). Bounds: --min (default 2) and --max per
stratum, capped at N_h (take-all strata). Integers by largest remainder, keeping the total (src/sampling/README.md).

Output (JSON): { method, power, n, N, budget, cost, se, mean, cv, deff, deff_w, expected, deff_w_expected,
  strata: [ { stratum, N, W, sd, mean, cost, target, n, f, weight, take_all, bound, se, cv, expected } ] }
  se/cv: expected SE and CV of the stratified mean; deff: its variance over SRS of the same n; deff_w: Kish 1 + CV^2
  of the weights N_h/n_h; expected: the subpopulation sample sum n_h P_h (with --prevalence).
CSV: one row per stratum, then a row "(all)" with the totals, se, cv, deff and deff_w.

Example:
  migstat allocate strata.csv --n 2000 --method neyman --size N --prevalence migrant_share --min 2
`;

/** `migstat allocate`: allocation of a sample across the strata of a CSV file. */
export function allocateCommand(): Command {
  return addReadOptions(
    new Command('allocate')
      .description('allocate a sample across strata (proportional, equal, Neyman, optimal with costs, power) with take-all strata and bounds')
      .argument('<strata>', 'strata table (.csv, ...): one row per stratum'),
  )
    .addOption(new Option('--method <method>', 'allocation method').choices(ALLOCATION_METHODS).makeOptionMandatory())
    .option('--n <n>', 'total sample size')
    .option('--budget <c>', 'total variable cost sum c_h n_h to spend instead of --n (needs --cost)')
    .option('--power <a>', 'exponent of the power allocation', '0.5')
    .option('--min <n>', 'minimum sample per stratum (capped at N_h)', '2')
    .option('--max <n>', 'maximum sample per stratum')
    .option('--stratum <col>', 'stratum name column', 'stratum')
    .requiredOption('--size <col>', 'population size column (N_h)')
    .option('--sd <col>', 'unit standard deviation column (S_h)')
    .option('--prevalence <col>', 'prevalence column (P_h), instead of --sd')
    .option('--mean <col>', 'stratum mean column (Ybar_h)')
    .option('--cost <col>', 'cost per unit column (c_h)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
    .addHelpText('after', HELP)
    .action(async (file: string, o: Record<string, unknown>) => {
      if ((o.n === undefined) === (o.budget === undefined)) throw new UsageError('give --n N or --budget C');
      if (o.sd !== undefined && o.prevalence !== undefined) throw new UsageError('give --sd or --prevalence, not both');
      if (o.budget !== undefined && o.cost === undefined) throw new UsageError('--budget needs --cost COL');
      const method = o.method as AllocationMethod;
      if ((method === 'neyman' || method === 'optimal' || method === 'power') && o.sd === undefined && o.prevalence === undefined) {
        throw new UsageError(`--method ${method} needs --sd COL or --prevalence COL`);
      }
      if (method === 'optimal' && o.cost === undefined) throw new UsageError('--method optimal needs --cost COL');
      const whole = (flag: string, v: unknown): number | undefined => {
        if (v === undefined) return undefined;
        const x = number(flag, v as string);
        if (!(Number.isInteger(x) && x >= 0)) throw new UsageError(`${flag} ${String(v)}: expected a whole number >= 0`);
        return x;
      };
      const n = whole('--n', o.n);
      if (n === 0) throw new UsageError('--n 0: expected a whole number > 0');
      const budget = o.budget === undefined ? undefined : number('--budget', o.budget as string);
      if (budget !== undefined && !(budget > 0)) throw new UsageError(`--budget ${String(o.budget)}: expected an amount > 0`);
      const power = number('--power', o.power as string);
      if (!(power >= 0)) throw new UsageError(`--power ${String(o.power)}: expected an exponent >= 0`);
      const min = whole('--min', o.min);
      const max = whole('--max', o.max);
      const columns = [o.stratum, o.size, o.sd, o.prevalence, o.mean, o.cost].filter((c): c is string => typeof c === 'string');
      const table = await readInput(file, o, [...new Set(columns)]);
      const strata = readStrata(table, file, o);
      const result = asUsage(() => allocate(strata, { method, n, budget, power, min, max }), `${file}: `);
      const text = o.format === 'csv' ? csvText(result) : toJson(result) + '\n';
      if (o.output) writeFileAtomic(o.output as string, text);
      else process.stdout.write(text);
    });
}
