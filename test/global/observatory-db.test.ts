/**
 * The observatory database: every value keeps its source, reference year, criterion, standard, flags and provenance;
 * the same key ingested twice with another value is a conflict (both kept, neither overwritten); the same value again
 * is not added twice; an unreadable input ingests nothing; exports repeat byte for byte whatever the ingest order.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SeriesRow, seriesKey, withObservatory } from '../../src/global/observatory-db.js';
import { conflictsCsv, seriesCsv } from '../../src/global/observatory-export.js';
import { ingestFiles } from '../../src/global/observatory-ingest.js';
import { ALL_INPUTS, TEMPLATES, atlantisIlostat, tempDir } from './observatory-support.js';

const row = (over: Partial<SeriesRow> = {}): SeriesRow => ({
  ref_area: 'THA', year: 2024, indicator: 'TEAP', sex: 'T', age: 'YGE15', migrant: 'MIGRANT', criterion: 'birth', layer: 'national', value: 1000, se: 12,
  unit: 'persons', source: 'LFS 2024', source_type: 'template', reference_year: 2023, reference_period: '2023', standard: 'ICLS19', flags: 'U', file: 'a.xlsx', location: 'sheet T2_LF, row 5, column D (Migrants)',
  ...over,
});

describe('the observatory database', () => {
  it('keeps source, reference year, criterion, standard, flags and provenance of every value', async () => {
    const dir = tempDir();
    await withObservatory(join(dir, 'o.duckdb'), async (db) => {
      await db.ingest([{ file: 'a.xlsx', sha256: 'x', kind: 'template', rows: [row()], skipped: [] }]);
    });
    // reopened: the file holds it
    await withObservatory(join(dir, 'o.duckdb'), async (db) => {
      const [r] = await db.series();
      expect(r).toMatchObject({ ...row(), row_id: 1, ingest_id: 1 });
      expect((await db.ingests())[0]).toMatchObject({ file: 'a.xlsx', kind: 'template', rows_read: 1, rows_added: 1, rows_duplicate: 0, conflicts: 0 });
    });
  });

  it('reports a second value for the same key as a conflict and keeps both; the same value again is a duplicate', async () => {
    await withObservatory(join(tempDir(), 'o.duckdb'), async (db) => {
      await db.ingest([{ file: 'a.xlsx', sha256: 'x', kind: 'template', rows: [row()], skipped: [] }]);
      const [same] = await db.ingest([{ file: 'b.csv', sha256: 'y', kind: 'ilostat', rows: [row({ file: 'b.csv', source: 'BA:1' })], skipped: [] }]);
      expect(same).toMatchObject({ added: 0, duplicates: 1, conflicts: [] });
      const [other] = await db.ingest([{ file: 'c.csv', sha256: 'z', kind: 'ilostat', rows: [row({ value: 1250, file: 'c.csv', location: 'line 7' })], skipped: [] }]);
      expect(other!.added).toBe(1);
      expect(other!.conflicts).toHaveLength(1);
      expect(other!.conflicts[0]!.key).toBe(seriesKey(row()));
      const stored = await db.series();
      expect(stored.map((r) => r.value)).toEqual([1000, 1250]);
      const conflicts = await db.conflicts();
      expect(conflicts).toHaveLength(1);
      expect([conflicts[0]!.a.value, conflicts[0]!.b.value]).toEqual([1000, 1250]);
      expect(conflictsCsv(conflicts)).toContain('1000,LFS 2024,a.xlsx,"sheet T2_LF, row 5, column D (Migrants)",1250,LFS 2024,c.csv,line 7');
      // a birth and a citizenship value, or a benchmark and a national value, are different keys
      const [diff] = await db.ingest([{ file: 'd', sha256: 'w', kind: 'x', rows: [row({ criterion: 'citizenship', value: 7 }), row({ layer: 'benchmark', value: 9 })], skipped: [] }]);
      expect(diff!.conflicts).toEqual([]);
    });
  });

  it('ingests nothing when one input cannot be read, and names the file, line, column and value', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, atlantisIlostat().replace('ATL,BA:900,MST_TEAP_SEX_AGE_CBR_NB,SEX_M,AGE_YTHADULT_YGE15,CBR_BIR_FOREIGN,2024,90', 'ATL,BA:900,MST_TEAP_SEX_AGE_CBR_NB,SEX_M,AGE_YTHADULT_YGE15,CBR_BIR_FOREIGN,2024,9O'));
    await withObservatory(join(dir, 'o.duckdb'), async (db) => {
      await expect(ingestFiles(db, [TEMPLATES[0]!, bad])).rejects.toThrow(/bad\.csv: line 16, column obs_value: "9O" is not a number/);
      expect(await db.series()).toEqual([]);
      expect(await db.ingests()).toEqual([]);
    });
  });

  it('exports the same bytes whatever the order of ingestion', async () => {
    const dir = tempDir();
    const csvOf = async (name: string, inputs: readonly string[]): Promise<string> =>
      withObservatory(join(dir, name), async (db) => {
        await ingestFiles(db, inputs);
        return seriesCsv(await db.series());
      });
    const a = await csvOf('a.duckdb', ALL_INPUTS);
    const b = await csvOf('b.duckdb', [...ALL_INPUTS].reverse());
    expect(a.split('\n').length).toBe(1 + 5 * 225 + 630 + 510 + 150 + 1);
    expect(b).toBe(a);
  });
});
