/** `migstat coherence score` on the Atlantis example: outputs, traceable contributions, determinism, errors exit 2 with nothing written. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCsvRecords } from '../../src/indicators/codes/parse-csv.js';
import { INDICATORS, MATRIX, RESPONSES, RUBRIC } from '../coherence/support.js';

let dir: string;
let err: string[];
const args = (out: string, ...more: string[]): string[] => ['coherence', 'score', RESPONSES, '--rubric', RUBRIC, '--matrix', MATRIX, '--indicators', INDICATORS, '-o', out, ...more];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-coherence-'));
  err = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('migstat coherence score', () => {
  it('json: coherence.json with every score and its contributions, charts and metadata.json', async () => {
    const out = join(dir, 'json');
    expect(await main(args(out, '--assessment', 'Atlantis 2026')), err.join('')).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'coherence-heatmap.png', 'coherence-heatmap.svg', 'coherence-heatmap.vl.json', 'coherence-radar.png', 'coherence-radar.svg', 'coherence-radar.vl.json', 'coherence.json', 'metadata.json',
    ]);
    const r = JSON.parse(readFileSync(join(out, 'coherence.json'), 'utf8'));
    const recompute = (cs: { value: number; weight: number }[]): number => cs.reduce((s, c) => s + c.weight * c.value, 0) / cs.reduce((s, c) => s + c.weight, 0);
    for (const q of r.scores.questions) expect(recompute(q.contributions)).toBeCloseTo(q.score, 12);
    for (const d of r.scores.dimensions) expect(recompute(d.contributions)).toBeCloseTo(d.score, 12);
    expect(recompute(r.scores.overall.contributions)).toBeCloseTo(r.scores.overall.score, 12);
    expect(r.rubric).toMatchObject({ id: 'ilo-default', source: RUBRIC });
    expect(r.matrix.interactions.length).toBe(19);
    const meta = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
    expect(meta.inputs.map((i: { role: string }) => i.role)).toEqual(['responses', 'rubric', 'interaction matrix']);
    expect(meta.outputs.map((o: { file: string }) => o.file)).toContain('coherence.json');
    expect(err.join('')).toMatch(/^migstat coherence: Overall policy coherence score 45\.8 of 100/);
  });

  it('csv: one file per table; the contributions rewrite each score; same bytes twice in both formats', async () => {
    const a = join(dir, 'a');
    expect(await main(args(a, '--format', 'csv')), err.join('')).toBe(0);
    const contributions = parseCsvRecords(readFileSync(join(a, 'contributions.csv'), 'utf8'));
    expect(contributions[0]).toEqual(['level', 'score_of', 'ref', 'group', 'row', 'value', 'weight']);
    const dims = parseCsvRecords(readFileSync(join(a, 'dimensions.csv'), 'utf8'));
    const admission = dims.find((d) => d[0] === 'admission')!;
    const terms = contributions.filter((c) => c[0] === 'dimension' && c[1] === 'admission').map((c) => ({ v: Number(c[5]), w: Number(c[6]) }));
    expect(terms.reduce((s, t) => s + t.v * t.w, 0) / terms.reduce((s, t) => s + t.w, 0)).toBeCloseTo(Number(admission[3]), 12);
    expect(readdirSync(a)).toEqual(expect.arrayContaining(['gaps.csv', 'evidence.csv', 'agreement.csv', 'missing.csv', 'interactions.csv', 'interaction-pairs.csv']));
    for (const format of ['csv', 'json']) {
      const x = join(dir, `x-${format}`);
      const y = join(dir, `y-${format}`);
      expect(await main(args(x, '--format', format))).toBe(0);
      expect(await main(args(y, '--format', format))).toBe(0);
      for (const f of readdirSync(x)) expect(readFileSync(join(y, f)).equals(readFileSync(join(x, f))), f).toBe(true);
    }
  });

  it('the default rubric without --rubric; --no-charts', async () => {
    const out = join(dir, 'd');
    expect(await main(['coherence', 'score', RESPONSES, '-o', out, '--no-charts']), err.join('')).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['coherence.json', 'metadata.json']);
    expect(JSON.parse(readFileSync(join(out, 'coherence.json'), 'utf8')).rubric.source).toBe('<ilo-default>');
  });

  it('errors exit 2 naming file, row or key and value, with nothing written', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'assessor,group,question,score\nA,g,ADM1,2\nA,g,ZZZ1,3\n');
    const out = join(dir, 'none');
    expect(await main(['coherence', 'score', bad, '-o', out])).toBe(2);
    expect(err.join('')).toMatch(/bad\.csv row 3: question: unknown question "ZZZ1"/);
    expect(existsSync(out)).toBe(false);
    const rubric = join(dir, 'r.yaml');
    writeFileSync(rubric, readFileSync(RUBRIC, 'utf8').replace('    weight: 1\n', '    weight: -1\n'));
    err = [];
    expect(await main(['coherence', 'score', RESPONSES, '--rubric', rubric, '-o', out])).toBe(2);
    expect(err.join('')).toMatch(/r\.yaml:\d+:\d+: dimensions\.0\.weight: a weight is a number > 0/);
    err = [];
    expect(await main(['coherence', 'score', RESPONSES, '--matrix', join(dir, 'nope.csv'), '-o', out])).toBe(2);
    expect(err.join('')).toMatch(/nope\.csv/);
    err = [];
    expect(await main(['coherence', 'score', RESPONSES, '--level', '2', '-o', out])).toBe(2);
    expect(err.join('')).toMatch(/--level 2/);
    expect(existsSync(out)).toBe(false);
  });
});
