import { Command } from 'commander';
import { type Column, Table } from '../io/table.js';
import { toJson } from '../io/write.js';
import { writeTable } from '../io/write-table.js';
import { weightDiagnostics } from '../survey/weighting.js';
import { addReadOptions, readInput } from './read-options.js';
import { addDesignOptions, designFromOptions } from './design-options.js';
import { UsageError } from './usage-error.js';

/** `migstat weights`: writes the data with final (calibrated) weights and replicate weights appended; diagnostics to standard error. */
export function weightsCommand(): Command {
  return addReadOptions(addDesignOptions(
    new Command('weights')
      .description('compute final weights (post-stratified, raked or calibrated) and replicate weights, and write them with the data')
      .argument('<file>', 'microdata: .csv/.tsv, .sav, .zsav, .dta, .parquet, .arrow, .json, .ndjson'),
  ))
    .option('--weight-name <name>', 'name of the final weight column', 'final_weight')
    .option('--replicate-prefix <prefix>', 'prefix of the replicate weight columns', 'repw')
    .requiredOption('-o, --output <file>', 'file to write (atomically), in the format of its extension (.csv, .parquet, .sav, .dta, ...)')
    .action(async (file: string, o: Record<string, unknown>) => {
      const table = await readInput(file, o);
      const design = designFromOptions(table, o);
      const name = o.weightName as string;
      const prefix = o.replicatePrefix as string;
      const extra: Record<string, Float64Array> = { [name]: design.weights };
      if (design.kind === 'replicate') design.replicates.forEach((w, r) => (extra[`${prefix}${r + 1}`] = w));
      const clash = Object.keys(extra).find((c) => table.names.includes(c));
      if (clash) throw new UsageError(`${file} already has a column "${clash}": choose another --weight-name or --replicate-prefix`);
      const columns = new Map<string, Column>(table.columns);
      for (const [c, values] of Object.entries(extra)) columns.set(c, { kind: 'number', values });
      await writeTable(new Table([...table.names, ...Object.keys(extra)], columns, table.nrows, table.source, table.meta), o.output as string);
      const input = o.weight ? table.column(o.weight as string) : undefined;
      const before = input?.kind === 'number' ? weightDiagnostics(input.values) : null;
      const after = weightDiagnostics(design.weights);
      process.stderr.write(toJson({ weights: { before, after }, replicates: design.kind === 'replicate' ? design.replicates.length : 0, warnings: design.warnings ?? [] }) + '\n');
    });
}
