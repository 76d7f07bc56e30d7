import { Command, Option } from 'commander';
import { WRITE_FORMATS, type WriteFormat, writeTable } from '../io/write-table.js';
import { list } from './design-options.js';
import { addReadOptions, readInput } from './read-options.js';

/** `migstat convert`: any readable format to CSV, Parquet, JSON, .sav or .dta, by the output's extension. */
export function convertCommand(): Command {
  return addReadOptions(
    new Command('convert')
      .description('convert a data file to .csv, .tsv, .parquet, .json, .ndjson, .sav, .zsav or .dta (by extension), keeping labels')
      .argument('<in>', 'input data file')
      .argument('<out>', 'output file (written atomically)'),
  )
    .option('--columns <cols>', 'only these columns, in this order', list)
    .option('--labels', 'CSV/JSON: write value labels instead of codes')
    .addOption(new Option('--format <format>', 'output format, instead of the extension').choices(WRITE_FORMATS))
    .action(async (input: string, output: string, o: Record<string, unknown>) => {
      const columns = o.columns as string[] | undefined;
      const table = await readInput(input, o, columns);
      await writeTable(table, output, { format: o.format as WriteFormat | undefined, labels: Boolean(o.labels), columns });
    });
}
