/** Responses: CSV and xlsx, missing answers, and errors naming the file, the row and the column. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CoherenceError } from '../../src/coherence/errors.js';
import { readResponses, responsesFromRows } from '../../src/coherence/responses.js';
import { defaultRubric, loadRubric } from '../../src/coherence/rubric.js';
import { RESPONSES, RUBRIC } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'migstat-responses-'));
const rubric = defaultRubric();

function csv(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function problems(path: string): Promise<{ where: string; key: string; message: string }[]> {
  try {
    await readResponses(path, rubric);
  } catch (e) {
    expect(e).toBeInstanceOf(CoherenceError);
    return [...(e as CoherenceError).problems];
  }
  throw new Error('expected a CoherenceError');
}

describe('responses', () => {
  it('the Atlantis example: 11 assessors in 4 groups, evidence notes, DK read as missing', async () => {
    const set = await readResponses(RESPONSES, loadRubric(RUBRIC));
    expect(set.groups).toEqual(['labour-ministry', 'education-ministry', 'employers', 'workers']);
    expect(set.assessors.length).toBe(11);
    expect(set.responses.length).toBe(274);
    expect(set.responses.filter((r) => r.score === null).length).toBe(8);
    expect(set.responses[0]).toMatchObject({ row: 2, assessor: 'LAB-1', group: 'labour-ministry', question: 'ADM1' });
    expect(set.responses.every((r) => r.evidence.length > 0)).toBe(true);
  });

  it('a response to an unknown question is an error naming the file, row and question id; every problem is reported', async () => {
    const p = csv('bad.csv', 'assessor,group,question,score,evidence\nA,g1,ADM1,2,note\nA,g1,XYZ9,3,note\nB,g2,ADM1,7,note\nB,g3,ADM2,1,\nA,g1,ADM1,3,again\nC,g1,ADM3,two,\n');
    const ps = await problems(p);
    expect(ps[0]).toEqual({ where: `${p} row 3`, key: 'question', message: expect.stringMatching(/^unknown question "XYZ9"; the questions of rubric ilo-default are: ADM1, ADM2/) });
    expect(ps.slice(1)).toEqual([
      { where: `${p} row 4`, key: 'score', message: '7 is outside the scale of question ADM1: whole numbers 0 to 4' },
      { where: `${p} row 5`, key: 'group', message: 'assessor "B" is in group "g3" here but in "g2" at row 4' },
      { where: `${p} row 6`, key: 'question', message: 'assessor "A" answers question ADM1 twice (also row 2)' },
      { where: `${p} row 7`, key: 'score', message: '"two" is not a score (a whole number, or empty/NA/DK for no answer)' },
    ]);
    await expect(readResponses(p, rubric)).rejects.toThrow(/^responses .*bad\.csv: 5 problems\n.*bad\.csv row 3: question: unknown question "XYZ9"/);
  });

  it('a missing column names the file and the columns there are; empty and NA scores are missing answers', async () => {
    const p = csv('cols.csv', 'assessor,question,score\nA,ADM1,2\n');
    expect(await problems(p)).toEqual([{ where: p, key: 'group', message: 'missing column; the columns are: assessor, question, score (needed: assessor, group, question, score; optional: evidence)' }]);
    const q = csv('na.csv', 'assessor,group,question,score\nA,g,ADM1,\nA,g,ADM2,NA\nA,g,ADM3,n/a\nA,g,ADM4,2\n');
    const set = await readResponses(q, rubric);
    expect(set.responses.map((r) => r.score)).toEqual([null, null, null, 2]);
  });

  it('reads .xlsx (first sheet, header in row 1, rows numbered as in the sheet)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('answers');
    ws.addRow(['assessor', 'group', 'question', 'score', 'evidence']);
    ws.addRow(['A', 'workers', 'ADM1', 3, 'Decree 12/2023']);
    ws.addRow(['A', 'workers', 'NOPE', 1, '']);
    const p = join(dir, 'r.xlsx');
    await wb.xlsx.writeFile(p);
    const ps = await problems(p);
    expect(ps).toEqual([{ where: `${p} sheet answers row 3`, key: 'question', message: expect.stringMatching(/^unknown question "NOPE"/) }]);
    const ok = responsesFromRows({ source: 'x', header: ['assessor', 'group', 'question', 'score', 'evidence'], rows: [{ row: 2, values: ['A', 'workers', 'ADM1', '3', 'Decree 12/2023'] }] }, rubric);
    expect(ok.responses[0]).toMatchObject({ score: 3, evidence: 'Decree 12/2023' });
  });
});
