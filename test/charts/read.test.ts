import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labourRatesChart } from '../../src/charts/labour-rates.js';
import { readTidyRows } from '../../src/charts/read.js';
import { TIDY_COLUMNS } from '../../src/indicators/tidy.js';
import { toCsv } from '../../src/io/write.js';
import { Q1, rows } from './support.js';

describe('readTidyRows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migstat-charts-read-'));

  it('reads tidy JSON as written, and tidy CSV to the same chart', async () => {
    expect(await readTidyRows(Q1)).toEqual(rows(Q1));
    const csv = join(dir, 'q1.csv');
    writeFileSync(csv, toCsv(TIDY_COLUMNS, rows(Q1)));
    const fromCsv = await readTidyRows(csv);
    expect(fromCsv.length).toBe(rows(Q1).length);
    expect(labourRatesChart(fromCsv).spec).toEqual(labourRatesChart(rows(Q1)).spec);
  });

  it('names the file and what is wrong', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ indicator: 'X' }]));
    await expect(readTidyRows(bad)).rejects.toThrow(`${bad}: row 1 has no sex, classif1, classif2, estimate, ci_low, ci_high, reliability, suppressed: not a tidy result table`);
    const notArray = join(dir, 'obj.json');
    writeFileSync(notArray, '{"rows": []}');
    await expect(readTidyRows(notArray)).rejects.toThrow(`${notArray}: expected a JSON array of tidy rows`);
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    await expect(readTidyRows(csv)).rejects.toThrow(`${csv}: no column indicator, sex,`);
    await expect(readTidyRows(join(dir, 'none.json'))).rejects.toThrow(`${join(dir, 'none.json')}: cannot read (ENOENT)`);
    expect(readFileSync(Q1, 'utf8').length).toBeGreaterThan(0);
  });
});
