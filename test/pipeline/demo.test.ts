/**
 * The demo pipeline (examples/atlantis/pipeline.yaml, `npm run demo`) end to end: the tables in every format, the
 * charts in every format, SDG 10.7.1, the register statistics, the RDS estimates, the coherence assessment, the observatory, report.html and report.md; the same bytes on a second run; the report opened in headless
 * Chromium with no console error, no request and every chart drawn with its text; no microdata in the report.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHART_FORMATS } from '../../src/charts/render.js';
import { readTable } from '../../src/io/read.js';
import { INDICATOR_OUTPUT_FORMATS } from '../../src/report/indicator-files.js';
import { type RunSummary, runPipeline } from '../../src/pipeline/run.js';
import { itWith } from '../support/components.js';
import { chromiumAvailable, openInBrowser } from '../report/browser.js';

const root = new URL('../../', import.meta.url).pathname;
const demo = join(root, 'examples/atlantis/pipeline.yaml');
const screenshots = join(root, 'test-output');

/** Every file under a folder with its bytes as base64, by relative path. */
function snapshot(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, snapshot(dir, path));
    else out[path] = readFileSync(join(dir, path)).toString('base64');
  }
  return out;
}

let out: string;
let summary: RunSummary;
beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), 'migstat-demo-')), 'out');
  summary = await runPipeline(demo, { output: out });
}, 300_000);

describe('the demo pipeline', () => {
  it('writes the tables of both quarters, the annual and the change tables in every format, the charts and the report', () => {
    expect(summary.written).toEqual(['indicators', 'annual', 'change', 'charts', 'sdg1071', 'admin', 'rds', 'coherence', 'observatory', 'report']);
    for (const set of ['2024Q1', '2024Q2', 'annual-2024', 'change-2024Q1-2024Q2']) {
      expect(readdirSync(join(out, 'tables', set)).sort(), set).toEqual([...INDICATOR_OUTPUT_FORMATS].sort());
      for (const f of INDICATOR_OUTPUT_FORMATS) expect(existsSync(join(out, 'tables', set, f, 'metadata.json')), `${set}/${f}`).toBe(true);
    }
    const charts = readdirSync(join(out, 'charts'));
    for (const kind of ['pyramid', 'labour-rates', 'employment-occupation', 'employment-industry', 'employment-status', 'origin-region', 'origin-country', 'origin-map', 'round-change']) {
      for (const f of CHART_FORMATS) expect(charts, `${kind}.${f}`).toContain(`${kind}.${f}`);
    }
    expect(readdirSync(join(out, 'sdg1071')).sort()).toEqual(['csv', 'ilostat', 'json', 'recruitment-costs.png', 'recruitment-costs.svg', 'recruitment-costs.vl.json', 'un-sdg', 'xlsx']);
    expect(readFileSync(join(out, 'sdg1071/un-sdg/SL_EMP_RCOST_MO.csv'), 'utf8')).toMatch(/^geo_area,nature,sex,units,year,sl_emp_rcost_mo\n900,c,bothsex,mo_earn,2024,\d+\.\d\n900,c,female,mo_earn,2024,\d+\.\d\n900,c,male,mo_earn,2024,\d+\.\d\n$/);
    expect(readdirSync(join(out, 'admin')).sort()).toEqual(['charts', 'demand-2023', 'flows-2023', 'stock-2023-12-31']);
    expect(readdirSync(join(out, 'admin/stock-2023-12-31')).sort()).toEqual(['csv', 'ilostat', 'json']);
    for (const chart of ['register-stock', 'register-flows']) for (const f of CHART_FORMATS) expect(existsSync(join(out, 'admin/charts', `${chart}.${f}`)), `${chart}.${f}`).toBe(true);
    for (const f of ['coherence.json', 'dimensions.csv', 'evidence.csv', 'charts']) expect(existsSync(join(out, 'coherence', f)), f).toBe(true);
    for (const f of ['estimates.csv', 'validation/problems.csv', 'validation/comparability.csv', 'dashboard/index.html']) expect(existsSync(join(out, 'observatory', f)), f).toBe(true);
    const rds = readdirSync(join(out, 'rds'));
    for (const chart of ['rds-convergence-below_min_wage', 'rds-bottlenecks-live_in']) for (const f of CHART_FORMATS) expect(rds, `${chart}.${f}`).toContain(`${chart}.${f}`);
    expect(readFileSync(join(out, 'rds/estimates.csv'), 'utf8')).toMatch(/^estimator,outcome,level,estimate,se,ci_low,ci_high,n\nrds2,below_min_wage,0,/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('SDG indicator 10.7.1: recruitment costs');
    expect(html).toContain('Policy coherence:');
    expect(html).toContain('Regional observatory 2024');
    expect(html).toContain('Labour migration in Atlantis, 2024Q1-2024Q2');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('![');
    expect(md).toContain('(charts/pyramid.png)');
  });

  it('puts no microdata in the report: no household weight or replicate weight (the design is named by its columns only)', async () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const households = await readTable(join(root, 'datasets/atlantis-lfs/lfs_2024q2_households.parquet'));
    const w = households.column('weight');
    if (w.kind !== 'number') throw new Error('weight is numeric');
    const weights = Array.from({ length: 50 }, (_, k) => w.values[Math.floor((k * households.nrows) / 50)]!).filter(Number.isFinite).map(String);
    expect(weights.every((x) => x.length >= 8)).toBe(true);
    for (const x of weights) expect(html, x).not.toContain(x);
    expect(html).not.toContain('repw_001');
  });

  it('writes the same bytes on a second run', async () => {
    const again = join(mkdtempSync(join(tmpdir(), 'migstat-demo-')), 'out');
    await runPipeline(demo, { output: again });
    const a = snapshot(out);
    const b = snapshot(again);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const k of Object.keys(a)) expect(b[k] === a[k], k).toBe(true);
  }, 300_000);

  itWith('Chromium', chromiumAvailable(), 'opens in a browser offline: no console error, no request, every chart drawn with its text', async () => {
    const page = await openInBrowser(join(out, 'report.html'), join(screenshots, 'demo-report.png'));
    try {
      expect(page.consoleErrors).toEqual([]);
      expect(page.failedRequests).toEqual([]);
      expect(page.requests).toEqual([]);
      expect(page.figures.length).toBe(18);
      for (const f of page.figures) {
        expect(f.hasSvg, f.id).toBe(true);
        expect(f.width, f.id).toBeGreaterThan(200);
        expect(f.visibleTexts, f.id).toBeGreaterThan(5);
        expect(f.titleVisible, `${f.id}: ${f.title}`).toBe(true);
      }
    } finally {
      await page.close();
    }
    expect(existsSync(join(screenshots, 'demo-report.png'))).toBe(true);
  }, 120_000);
});
