/** Pipeline files and runs on the bundled Atlantis LFS: validation before computing, atomic outputs, --only, dry run, determinism. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/pipeline/pipeline-file.js';
import { Progress } from '../../src/pipeline/progress.js';
import { SUMMARY_FILE, runPipeline } from '../../src/pipeline/run.js';

const data = new URL('../../datasets/atlantis-lfs/', import.meta.url).pathname;
const LFPR = 'MST_TEAP_SEX_AGE_CBR_RT';
const LF = 'MST_TEAP_SEX_AGE_CBR_NB';

const round = (q: string, profile = `${data}profile.yaml`): string => `
      - label: 2024${q.toUpperCase()}
        profile: ${profile}
        tables:
          person: ${data}lfs_2024${q}_persons.parquet
          households: ${data}lfs_2024${q}_households.parquet
          absent: ${data}lfs_2024${q}_absent.parquet`;

/** A small pipeline (two indicators, CSV) over both quarters, with the given steps. */
const pipelineText = (steps: string, rounds = round('q1') + round('q2')): string => `pipeline: 1
title: Test pipeline
output: out
inputs:
  survey:
    source: BA:0
    rounds:${rounds}
options:
  criterion: birth
steps:
${steps}`;

const rcsData = new URL('../../datasets/atlantis-rcs/', import.meta.url).pathname;
/** The recruitment cost survey input of a pipeline (with another exchange-rate file name). */
const rcs = (fx = 'fx_rates.csv'): string => `  recruitment_costs:
    profile: ${rcsData}profile.yaml
    tables: { workers: ${rcsData}rcs_2024_workers.parquet, costs: ${rcsData}rcs_2024_costs.parquet }
    exchange_rates: ${rcsData}${fx}
`;

/** The hidden-population RDS input of a pipeline, without a population size. */
const hidden = `  rds:
    file: ${new URL('../../datasets/atlantis-hidden/rds_sample.csv', import.meta.url).pathname}
    id: respondent_id
    recruiter: recruiter_id
    degree: network_size
    outcomes: [below_min_wage]
`;

const INDICATORS = `  - step: indicators
    indicators: [${LFPR}, ${LF}]
    formats: [csv, json]
`;
const CHANGE = `  - step: change
    indicators: [${LFPR}]
    formats: [csv]
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migstat-pipeline-'));
});

const write = (text: string, name = 'pipeline.yaml'): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

/** Every file under a folder with its content, for comparing runs. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(join(d, e.name)).toString('base64');
    }
  };
  walk(root, '');
  return out;
}

async function failure(file: string, options = {}): Promise<PipelineError> {
  try {
    await runPipeline(file, options);
  } catch (e) {
    expect(e).toBeInstanceOf(PipelineError);
    return e as PipelineError;
  }
  throw new Error('expected the pipeline to fail');
}

describe('runPipeline', () => {
  it('runs every step into the output folder, with a summary, and the same bytes twice', async () => {
    const file = write(pipelineText(INDICATORS + CHANGE));
    const summary = await runPipeline(file);
    expect(summary.written).toEqual(['indicators', 'change']);
    expect(summary.rounds).toEqual(['2024Q1', '2024Q2']);
    const out = join(dir, 'out');
    expect(readdirSync(join(out, 'tables')).sort()).toEqual(['2024Q1', '2024Q2', 'change-2024Q1-2024Q2']);
    expect(readdirSync(join(out, 'tables', '2024Q1')).sort()).toEqual(['csv', 'json']);
    const files = summary.outputs.flatMap((o) => o.files.map((f) => f.file));
    expect(files).toContain('tables/2024Q1/csv/metadata.json');
    expect(files).toContain('tables/change-2024Q1-2024Q2/csv/indicators.csv');
    expect(readFileSync(join(out, 'tables/change-2024Q1-2024Q2/csv/indicators.csv'), 'utf8')).toContain(`MGS_CHG_${LFPR}`);
    const meta = JSON.parse(readFileSync(join(out, 'tables/2024Q1/csv/metadata.json'), 'utf8')) as { inputs: { path: string; role: string }[]; reference: { time: string } };
    expect(meta.reference.time).toBe('2024Q1');
    expect(meta.inputs.map((i) => i.role)).toEqual(['person', 'households', 'absent']);
    expect(meta.inputs[0]!.path).not.toMatch(/^\//);
    const recorded = JSON.parse(readFileSync(join(out, SUMMARY_FILE), 'utf8')) as { written: string[]; outputs: unknown[] };
    expect(recorded.written).toEqual(['indicators', 'change']);
    const first = snapshot(out);
    await runPipeline(file);
    expect(snapshot(out)).toEqual(first);
    expect(readdirSync(dir).sort()).toEqual(['out', 'pipeline.yaml']);
  });

  it('--only writes the named steps and leaves the other outputs as they were', async () => {
    const file = write(pipelineText(INDICATORS + CHANGE));
    await runPipeline(file);
    const out = join(dir, 'out');
    const before = snapshot(out);
    const changeFile = join(out, 'tables/change-2024Q1-2024Q2/csv/metadata.json');
    writeFileSync(changeFile, 'edited by hand');
    const summary = await runPipeline(file, { only: ['indicators'] });
    expect(summary.written).toEqual(['indicators']);
    expect(readFileSync(changeFile, 'utf8')).toBe('edited by hand');
    const after = snapshot(out);
    for (const k of Object.keys(before).filter((f) => f.startsWith('tables/2024Q'))) expect(after[k], k).toBe(before[k]);
  });

  it('a step that fails leaves the previous outputs untouched and no staging folder', async () => {
    const good = write(pipelineText(INDICATORS));
    await runPipeline(good);
    const out = join(dir, 'out');
    const before = snapshot(out);
    // medians have no change table: the change step fails after the indicators step has run
    const bad = write(pipelineText(`${INDICATORS}  - step: change\n    indicators: [MGS_EARM_SEX_CBR_MEDIAN]\n`));
    await expect(runPipeline(bad)).rejects.toThrow(/step change failed, no output was changed: .*MGS_EARM_SEX_CBR_MEDIAN has no change table/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['out', 'pipeline.yaml']);
  });

  it('charts and report: --only report computes the steps it reads without writing them; skipped charts are warnings', async () => {
    const file = write(pipelineText(`${INDICATORS}  - step: charts\n    formats: [svg]\n  - step: report\n`));
    const summary = await runPipeline(file, { only: ['report'] });
    expect(summary.written).toEqual(['report']);
    expect(summary.computedOnly).toEqual(['indicators', 'charts']);
    expect(summary.outputs.flatMap((o) => o.files.map((f) => f.file))).toEqual(['report.html', 'report.md']);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['report.html', 'report.md', SUMMARY_FILE]);
    expect(summary.warnings.some((w) => w.step === 'charts' && /^pyramid not drawn: /.test(w.message))).toBe(true);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain(LFPR);
    // the last round is the main one: its section comes first
    expect(html.indexOf('id="s-2024Q2"')).toBeGreaterThan(0);
    expect(html.indexOf('id="s-2024Q2"')).toBeLessThan(html.indexOf('id="s-2024Q1"'));
  });

  it('a chart kind the tables cannot draw fails the run with nothing written', async () => {
    const file = write(pipelineText(`${INDICATORS}  - step: charts\n    kinds: [pyramid]\n`));
    await expect(runPipeline(file)).rejects.toThrow(/step charts failed, no output was changed: .*MGS_XWAP_SEX_AGE5/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--dry-run checks the inputs and computes and writes nothing', async () => {
    const file = write(pipelineText(INDICATORS + CHANGE));
    const summary = await runPipeline(file, { dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(summary.outputs).toEqual([]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('bad pipeline files: every problem named with its position, before any computation, nothing written', async () => {
    const cases: [string, RegExp][] = [
      [pipelineText('  - step: draw\n'), /pipeline\.yaml:\d+:\d+: steps\.0\.step: unknown step "draw"; steps: indicators, annual, change, charts, sdg1071, admin, rds, coherence, observatory, report/],
      [pipelineText('  - step: indicators\n    formats: [pdf]\n'), /steps\.0\.formats\.0: Invalid option: expected one of "ilostat"\|"sdmx"\|"csv"\|"json"\|"xlsx"/],
      [pipelineText('  - step: indicators\n    colour: red\n'), /steps\.0\.colour: Unrecognized key/],
      [pipelineText('  - step: indicators\n    indicators: [MST_NOPE_RT]\n'), /indicators: indicator MST_NOPE_RT is not in set ilms-core/],
      [pipelineText(INDICATORS).replace('criterion: birth', 'criterion: residence'), /options\.criterion: Invalid option/],
      [pipelineText(INDICATORS).replace('pipeline: 1', 'pipeline: 2'), /pipeline: expected `pipeline: 1`/],
      [pipelineText(INDICATORS).replace('lfs_2024q1_persons', 'lfs_2024q9_persons'), /tables\.person: round 2024Q1: data file .*lfs_2024q9_persons\.parquet does not exist/],
      [pipelineText(INDICATORS).replace('          absent: ', '          missing: '), /no data file for the profile's table "absent"/],
      [pipelineText(CHANGE, round('q1')), /the change step needs inputs\.survey with at least 2 rounds \(given: 1\)/],
      [pipelineText(CHANGE, round('q1') + round('q2', `${data}profile_2024q2.yaml`)), /round 2024Q2: the change step stacks the rounds, which needs the profile's Taylor design/],
      [pipelineText(INDICATORS + INDICATORS), /steps\.1\.step: step "indicators" is listed twice/],
      [pipelineText(INDICATORS, round('q1') + round('q1')), /round 2024Q1 is listed twice/],
      ['steps: [\n', /not valid YAML/],
      [pipelineText('  - step: charts\n'), /step charts reads the results of step indicators, which the pipeline does not list/],
      [pipelineText(`  - step: report\n${INDICATORS}`), /step report reads the results of step indicators, listed after it: list indicators first/],
      [pipelineText(`${INDICATORS}  - step: charts\n    kinds: [bubbles]\n`), /steps\.1\.kinds\.0: Invalid option/],
      [pipelineText(`${INDICATORS}  - step: report\n    round: 2023Q4\n`), /report: round 2023Q4 is not among inputs\.survey\.rounds/],
      [pipelineText('  - step: sdg1071\n'), /sdg1071: the step needs inputs\.recruitment_costs/],
      [pipelineText('  - step: rds\n'), /rds: the step needs inputs\.rds/],
      [pipelineText('  - step: rds\n    estimator: ss\n').replace('options:', `${hidden}options:`), /rds: the successive-sampling estimator needs inputs\.rds\.population_size/],
      [pipelineText('  - step: coherence\n'), /coherence: the step needs inputs\.coherence/],
      [pipelineText('  - step: observatory\n    year: 2024\n'), /observatory: the step needs inputs\.observatory/],
      [pipelineText('  - step: admin\n    date: 2023-12-31\n    from: 2023-01-01\n    to: 2023-12-31\n'), /admin: the step needs inputs\.registers/],
      [pipelineText('  - step: admin\n    date: 2023-12-31\n    from: 2023-02-03\n    to: 2023-12-31\n'), /admin: the period 2023-02-03 to 2023-12-31 is not a calendar year, quarter or month/],
      [pipelineText('  - step: sdg1071\n').replace('options:', `${rcs('fx_rates_missing.csv')}options:`), /inputs\.recruitment_costs\.exchange_rates: .*fx_rates_missing\.csv does not exist/],
      [pipelineText('  - step: sdg1071\n    estimator: median\n').replace('options:', `${rcs()}options:`), /steps\.0\.estimator: Invalid option/],
    ];
    for (const [text, expected] of cases) {
      const e = await failure(write(text));
      expect(e.message, text).toMatch(expected);
      expect(existsSync(join(dir, 'out')), text).toBe(false);
    }
  });

  it('a profile that fails, or data that do not fit it, stop the run before computing', async () => {
    const badProfile = join(dir, 'profile.yaml');
    writeFileSync(badProfile, readFileSync(`${data}profile.yaml`, 'utf8').replace('design:', 'desing:'));
    let e = await failure(write(pipelineText(INDICATORS, round('q1', badProfile))));
    expect(e.message).toMatch(/round 2024Q1: the profile .*profile\.yaml cannot be used:\n {2}.*profile\.yaml:\d+:\d+: .*desing/);
    const misfit = join(dir, 'misfit.yaml');
    writeFileSync(misfit, readFileSync(`${data}profile.yaml`, 'utf8').replace(/column: stratum\b/, 'column: stratum_code'));
    e = await failure(write(pipelineText(INDICATORS, round('q1', misfit))));
    expect(e.message).toMatch(/the data do not fit the profile .*misfit\.yaml.*\n.*stratum_code/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('--only names a step the pipeline lists', async () => {
    const e = await failure(write(pipelineText(INDICATORS)), { only: ['change'] });
    expect(e.message).toMatch(/--only change: not a step of this pipeline; its steps: indicators/);
  });

  it('paths are relative to the pipeline file', async () => {
    const sub = join(dir, 'sub');
    const text = pipelineText(INDICATORS).replace('output: out', 'output: ../results');
    writeFileSync(join(dir, 'p.yaml'), text);
    copyFileSync(join(dir, 'p.yaml'), join(dir, 'q.yaml'));
    const summary = await runPipeline(join(dir, 'q.yaml'), { dryRun: true });
    expect(summary.output).toBe(join(dir, '..', 'results'));
    expect(existsSync(sub)).toBe(false);
  });
});

describe('Progress', () => {
  const stream = (isTTY: boolean) => {
    const text: string[] = [];
    return { isTTY, columns: 60, write: (s: string) => text.push(s), text };
  };

  it('draws a bar on a terminal and clears it at the end', () => {
    const s = stream(true);
    const p = Progress.forStream(4, s, { env: {} });
    p.begin('indicators');
    p.tick('2024Q1 computed');
    p.tick('2024Q1 csv');
    p.end();
    expect(s.text.join('')).toContain('[############------------] 2/4 indicators: 2024Q1 csv');
    expect(s.text.at(-1)).toBe('\r\x1b[2K');
  });

  it('is silent off a terminal, in CI and when quiet', () => {
    for (const [isTTY, env, quiet] of [[false, {}, false], [true, { CI: 'true' }, false], [true, {}, true]] as const) {
      const s = stream(isTTY);
      const p = Progress.forStream(2, s, { env, quiet });
      p.begin('indicators');
      p.tick('x');
      p.end();
      expect(s.text).toEqual([]);
    }
  });
});
