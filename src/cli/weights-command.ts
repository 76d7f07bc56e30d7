import { Command } from 'commander';
import { readCsv } from '../io/csv.js';
import { type Table } from '../io/table.js';
import { toCsv, toJson, writeFileAtomic } from '../io/write.js';
import { weightDiagnostics } from '../survey/weighting.js';
import { addDesignOptions, designFromOptions } from './design-options.js';
import { UsageError } from './usage-error.js';

/** The table's rows as records (codes as their labels, missing as null), with extra numeric columns appended. */
function records(table: Table, extra: Readonly<Record<string, Float64Array>>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < table.nrows; i++) {
    const r: Record<string, unknown> = {};
    for (const name of table.names) {
      const c = table.column(name);
      r[name] = c.kind === 'number' ? c.values[i] : c.codes[i]! < 0 ? null : c.levels[c.codes[i]!];
    }
    for (const [name, v] of Object.entries(extra)) r[name] = v[i];
    out.push(r);
  }
  return out;
}

/** `migstat weights`: writes the data with final (calibrated) weights and replicate weights; diagnostics to standard error. */
export function weightsCommand(): Command {
  return addDesignOptions(
    new Command('weights')
      .description('compute final weights (post-stratified, raked or calibrated) and replicate weights, and write them with the data')
      .argument('<file>', 'CSV file of microdata'),
  )
    .option('--weight-name <name>', 'name of the final weight column', 'final_weight')
    .option('--replicate-prefix <prefix>', 'prefix of the replicate weight columns', 'repw')
    .requiredOption('-o, --output <file>', 'CSV file to write (atomically)')
    .action((file: string, o: Record<string, unknown>) => {
      const table = readCsv(file);
      const design = designFromOptions(table, o);
      const name = o.weightName as string;
      const prefix = o.replicatePrefix as string;
      const extra: Record<string, Float64Array> = { [name]: design.weights };
      if (design.kind === 'replicate') design.replicates.forEach((w, r) => (extra[`${prefix}${r + 1}`] = w));
      const clash = Object.keys(extra).find((c) => table.names.includes(c));
      if (clash) throw new UsageError(`${file} already has a column "${clash}": choose another --weight-name or --replicate-prefix`);
      writeFileAtomic(o.output as string, toCsv([...table.names, ...Object.keys(extra)], records(table, extra)));
      const input = o.weight ? table.column(o.weight as string) : undefined;
      const before = input?.kind === 'number' ? weightDiagnostics(input.values) : null;
      const after = weightDiagnostics(design.weights);
      process.stderr.write(toJson({ weights: { before, after }, replicates: design.kind === 'replicate' ? design.replicates.length : 0, warnings: design.warnings ?? [] }) + '\n');
    });
}
