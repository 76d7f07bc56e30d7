/** `migstat indicators --rounds ... --annual --change` on the bundled Atlantis LFS rounds: outputs, values, errors. */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkIlostatCsv } from '../../src/indicators/ilostat.js';

const data = new URL('../../datasets/atlantis-lfs/', import.meta.url).pathname;
const file = (q: string, t: string): string => `${data}lfs_${q}_${t}.parquet`;
const tables = (...qs: string[]): string[] => ['households', 'absent'].flatMap((t) => qs.flatMap((q) => ['--table', `${t}=${file(q, t)}`]));
const LFPR = 'MST_TEAP_SEX_AGE_CBR_RT';
const rounds = (profiles: string[] = ['profile.yaml']): string[] => [
  'indicators', file('2024q1', 'persons'), file('2024q2', 'persons'), ...profiles.flatMap((p) => ['-p', `${data}${p}`]),
  '--rounds', '2024Q1,2024Q2', ...tables('2024q1', '2024q2'),
];
let dir: string;
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-rounds-'));
  err = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

interface TidyCell { indicator: string; sex: string; classif1: string | null; classif2: string | null; unit: string; estimate: number | null; se: number | null; time: string }
const json = (path: string): TidyCell[] => JSON.parse(readFileSync(path, 'utf8')) as TidyCell[];
const nationalOf = (cells: TidyCell[], code: string): TidyCell => cells.find((c) => c.indicator === code && c.sex === 'SEX_T' && c.classif1 === 'AGE_YTHADULT_YGE15' && c.classif2 === 'CBR_BIR_TOTAL')!;

describe('migstat indicators --rounds', () => {
  it('writes the pooled tables to OUT/annual and the changes to OUT/change (ILOSTAT CSV that passes the schema check)', async () => {
    const out = join(dir, 'out');
    expect(await main([...rounds(), '--annual', '--change', '--indicator', LFPR, '--indicator', 'MST_TUNE_SEX_AGE_CBR_NB', '-o', out]), err.join('')).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['annual', 'change']);
    expect(readdirSync(join(out, 'annual')).sort()).toEqual([`${LFPR}.csv`, 'MST_TUNE_SEX_AGE_CBR_NB.csv', 'metadata.json']);
    expect(readdirSync(join(out, 'change')).sort()).toEqual([`MGS_CHG_${LFPR}.csv`, 'MGS_CHG_MST_TUNE_SEX_AGE_CBR_NB.csv', 'metadata.json']);
    for (const sub of ['annual', 'change']) {
      for (const f of readdirSync(join(out, sub)).filter((x) => x.endsWith('.csv'))) {
        const text = readFileSync(join(out, sub, f), 'utf8');
        expect(checkIlostatCsv(text), `${sub}/${f}`).toEqual([]);
      }
    }
    const annual = readFileSync(join(out, 'annual', `${LFPR}.csv`), 'utf8').split('\n')[1]!.split(',');
    expect(annual.slice(0, 7)).toEqual(['ATL', 'BA:0', LFPR, 'SEX_T', 'AGE_YTHADULT_YGE15', 'CBR_BIR_TOTAL', '2024']);
    const change = readFileSync(join(out, 'change', `MGS_CHG_${LFPR}.csv`), 'utf8').split('\n')[1]!.split(',');
    expect(change.slice(0, 7)).toEqual(['ATL', 'BA:0', `MGS_CHG_${LFPR}`, 'SEX_T', 'AGE_YTHADULT_YGE15', 'CBR_BIR_TOTAL', '2024Q2']);
    const meta = JSON.parse(readFileSync(join(out, 'change', 'metadata.json'), 'utf8')) as { options: Record<string, unknown>; inputs: { role: string }[]; reference: { time: string } };
    expect(meta.options.mode).toBe('change');
    expect(meta.options.change).toBe('2024Q2 minus 2024Q1');
    expect(meta.options.rounds).toEqual(['2024Q1', '2024Q2']);
    expect(meta.inputs.map((i) => i.role)).toEqual(['person 2024Q1', 'households 2024Q1', 'absent 2024Q1', 'person 2024Q2', 'households 2024Q2', 'absent 2024Q2']);
    expect(meta.reference.time).toBe('2024Q2');
    expect(JSON.parse(readFileSync(join(out, 'annual', 'metadata.json'), 'utf8')).options.mode).toBe('annual');
    expect(err.join('')).toMatch(/annual estimates of 2024 from 2 of 4 quarters/);
  }, 120_000);

  it('the change is the difference of the single-round runs, and the pooled rate lies between them', async () => {
    const out = join(dir, 'json');
    expect(await main([...rounds(), '--annual', '--change', '--indicator', LFPR, '--format', 'json', '--no-suppression', '--time', '2024S1', '-o', out]), err.join('')).toBe(0);
    const single = async (q: string): Promise<TidyCell> => {
      const o = join(dir, q);
      expect(await main(['indicators', file(q, 'persons'), '-p', `${data}profile.yaml`, ...tables(q), '--indicator', LFPR, '--format', 'json', '--no-suppression', '-o', o]), err.join('')).toBe(0);
      return nationalOf(json(join(o, 'indicators.json')), LFPR);
    };
    const [q1, q2] = [await single('2024q1'), await single('2024q2')];
    const change = nationalOf(json(join(out, 'change', 'indicators.json')), `MGS_CHG_${LFPR}`);
    expect(change.unit).toBe('GAP');
    expect(change.estimate!).toBeCloseTo(q2.estimate! - q1.estimate!, 9);
    expect(change.se!).toBeLessThan(Math.hypot(q1.se!, q2.se!));
    const pooled = nationalOf(json(join(out, 'annual', 'indicators.json')), LFPR);
    expect(pooled.time).toBe('2024S1');
    expect(pooled.estimate!).toBeGreaterThan(Math.min(q1.estimate!, q2.estimate!));
    expect(pooled.estimate!).toBeLessThan(Math.max(q1.estimate!, q2.estimate!));
    expect(pooled.se!).toBeLessThan(Math.min(q1.se!, q2.se!));
  }, 120_000);

  it('errors name what is wrong, exit 2 and write nothing', async () => {
    const out = join(dir, 'bad');
    const cases: [string[], RegExp][] = [
      [[...rounds(['profile_replicates.yaml', 'profile_2024q2.yaml']), '--annual'], /round 2024Q1 \(profile .*profile_replicates\.yaml\) uses replicate weights: .*cannot be stacked/],
      [[...rounds(['profile.yaml', 'profile_2024q2.yaml']), '--change'], /round 2024Q2 \(profile .*profile_2024q2\.yaml\) uses replicate weights/],
      [[...rounds(), '--change', '--indicator', 'MGS_EARM_SEX_CBR_MEDIAN'], /MGS_EARM_SEX_CBR_MEDIAN has no change table/],
      [[...rounds()], /--rounds: give --annual .* and\/or --change/],
      [['indicators', file('2024q1', 'persons'), '-p', `${data}profile.yaml`, ...tables('2024q1'), '--annual'], /--annual needs several rounds: give --rounds/],
      [['indicators', file('2024q1', 'persons'), file('2024q2', 'persons'), '-p', `${data}profile.yaml`, ...tables('2024q1', '2024q2')], /2 data files given: .*--rounds/],
      [['indicators', file('2024q1', 'persons'), '-p', `${data}profile.yaml`, '--rounds', '2024Q1,2024Q2', ...tables('2024q1', '2024q2'), '--annual'], /names 2 rounds but 1 data file/],
      [['indicators', file('2024q1', 'persons'), file('2024q2', 'persons'), '-p', `${data}profile.yaml`, '--rounds', '2024Q1,2024Q2', ...tables('2024q1'), '--annual'], /--table households=\.\.\.: given 1 time\(s\) for 2 rounds/],
      [['indicators', file('2024q1', 'persons'), file('2024q2', 'persons'), '-p', `${data}profile.yaml`, '--rounds', 'spring,summer', ...tables('2024q1', '2024q2'), '--annual'], /"spring" is not an ILOSTAT time code/],
      [['indicators', file('2024q1', 'persons'), file('2024q2', 'persons'), '-p', `${data}profile.yaml`, '-p', `${data}profile.yaml`, '-p', `${data}profile.yaml`, '--rounds', '2024Q1,2024Q2', ...tables('2024q1', '2024q2'), '--change'], /-p\/--profile is given 3 times for 2 rounds/],
      [['indicators', file('2024q1', 'persons'), file('2024q2', 'persons'), '-p', `${data}profile.yaml`, '--rounds', '2023Q4,2024Q2', ...tables('2024q1', '2024q2'), '--annual'], /not the quarters or months of one year: .*--time/],
    ];
    for (const [args, message] of cases) {
      err.length = 0;
      expect(await main([...args, '-o', out]), `${args.join(' ')}: ${err.join('')}`).toBe(2);
      expect(err.join('')).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  }, 300_000);

  it('documents the rounds in --help', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    expect(await main(['indicators', '--help'])).toBe(0);
    const help = out.join('');
    for (const s of ['--rounds <labels>', '--annual', '--change', 'OUT/annual', 'OUT/change', 'MGS_CHG_<indicator>', 'replicate weights']) expect(help).toContain(s);
  });
});
