import { type Command, Option } from 'commander';
import { type ReadOptions, TABLE_FORMATS, readTable } from '../io/read.js';
import type { Table } from '../io/table.js';
import { list } from './design-options.js';

/** Adds the input options every command that reads a data file shares. */
export function addReadOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--input-format <format>', 'format of the input, instead of its extension').choices(TABLE_FORMATS))
    .option('--encoding <enc>', 'text encoding of CSV/TSV/JSON (default UTF-8), or instead of a .sav/.dta file\'s own: latin1, windows-1252, ...')
    .option('--delimiter <char>', 'CSV delimiter (default: detected)')
    .option('--na <values>', 'CSV/JSON strings read as missing, comma-separated (default NA and empty)', list)
    .addOption(new Option('--user-missing <how>', '.sav user-missing values: missing (default) or keep').choices(['missing', 'keep']));
}

/** Reads the data file with the shared input options (and, where given, only the columns needed). */
export function readInput(file: string, o: Record<string, unknown>, columns?: readonly string[]): Promise<Table> {
  const options: ReadOptions = {
    format: o.inputFormat as ReadOptions['format'],
    encoding: o.encoding as string | undefined,
    delimiter: o.delimiter as string | undefined,
    na: o.na as string[] | undefined,
    userMissing: o.userMissing as ReadOptions['userMissing'],
    columns,
  };
  return readTable(file, options);
}
