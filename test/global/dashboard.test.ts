/**
 * The static dashboard on the bundled example (plus Atlantis, a country outside the ILO regions): the files, the same
 * bytes on a second build, a replaced dashboard only once the new one is complete, and headless Chromium: no console
 * error, no request outside the folder, every shown chart drawn with its title, filters by year, sex and region that
 * work, and CSV links that resolve to the table's rows.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { withObservatory } from '../../src/global/observatory-db.js';
import { observatoryEstimates } from '../../src/global/observatory-estimate.js';
import { ingestFiles } from '../../src/global/observatory-ingest.js';
import { type DashboardModel, dashboardModel } from '../../src/report/dashboard-data.js';
import { writeDashboard } from '../../src/report/dashboard-site.js';
import { chromiumAvailable, openInBrowser } from '../report/browser.js';
import { itWith } from '../support/components.js';
import { ALL_INPUTS, atlantisIlostat, tempDir } from './observatory-support.js';

const screenshots = new URL('../../test-output/', import.meta.url).pathname;
let model: DashboardModel;
let out: string;

/** Every file under a folder with its text, by relative path. */
function snapshot(dir: string, rel = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(files, snapshot(dir, path));
    else files[path] = readFileSync(join(dir, path), 'utf8');
  }
  return files;
}

beforeAll(async () => {
  const dir = tempDir('migstat-dashboard-');
  const atl = join(dir, 'atlantis.csv');
  writeFileSync(atl, atlantisIlostat());
  model = await withObservatory(join(dir, 'o.duckdb'), async (db) => {
    await ingestFiles(db, [...ALL_INPUTS, atl]);
    const rows = await db.series();
    await db.saveEstimates([2024], observatoryEstimates(rows, { year: 2024, replicates: 50 }).rows);
    return dashboardModel(rows, await db.estimates());
  });
  out = join(dir, 'dashboard');
  await writeDashboard(model, out);
}, 120_000);

describe('the observatory dashboard', () => {
  it('writes index.html, a page per country and every table as CSV, with no reference outside the folder', () => {
    const files = Object.keys(snapshot(out));
    expect(files.filter((f) => f.endsWith('.html'))).toEqual(['country/ATL.html', 'country/KHM.html', 'country/MYS.html', 'country/PHL.html', 'country/SGP.html', 'country/THA.html', 'index.html']);
    expect(files.filter((f) => f.startsWith('csv/'))).toContain('csv/regional.csv');
    for (const f of files.filter((x) => x.endsWith('.html'))) {
      const html = readFileSync(join(out, f), 'utf8');
      expect(html, f).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(html, f).not.toMatch(/<script[^>]+src=/);
      for (const m of html.matchAll(/href="([^"#]+)"/g)) expect(existsSync(resolve(dirname(join(out, f)), m[1]!)), `${f}: ${m[1]}`).toBe(true);
    }
    expect(readFileSync(join(out, 'csv/THA-series.csv'), 'utf8').split('\n')[0]).toBe('Year,Layer,Indicator,Sex,Age,Migrant status,Criterion,Value,Unit,Flags,Source,Reference year,Standard,File,Location');
  });

  it('writes the same bytes again, and replaces an older dashboard as a whole', async () => {
    const again = join(tempDir('migstat-dashboard-'), 'd');
    writeFileSync(join(dirname(again), 'marker'), '');
    await writeDashboard(model, again);
    expect(snapshot(again)).toEqual(snapshot(out));
    writeFileSync(join(again, 'stale.html'), 'old');
    await writeDashboard(model, again);
    expect(existsSync(join(again, 'stale.html'))).toBe(false);
    expect(readdirSync(dirname(again)).sort()).toEqual(['d', 'marker']);
  });

  itWith('Chromium', chromiumAvailable(), 'opens offline in Chromium: no console error, no request, charts drawn, filters work, CSV links resolve', async () => {
    const page = await openInBrowser(join(out, 'index.html'), join(screenshots, 'observatory-dashboard.png'));
    try {
      expect(page.consoleErrors).toEqual([]);
      expect(page.failedRequests).toEqual([]);
      expect(page.requests).toEqual([]);
      const shown = page.figures.filter((f) => f.width > 0);
      expect(shown.map((f) => f.id)).toEqual(['fig-map-2024-T']);
      for (const f of shown) {
        expect(f.visibleTexts, f.id).toBeGreaterThan(3);
        expect(f.titleVisible, `${f.id}: ${f.title}`).toBe(true);
      }
      const visible = (sel: string): Promise<string[]> => page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(sel)})].filter((e) => !e.hidden && e.offsetParent !== null).map((e) => e.id || e.textContent.trim().slice(0, 60))`);
      const select = async (id: string, value: string): Promise<void> => {
        await page.page.selectOption(`#f-${id}`, value);
      };
      await select('sex', 'F');
      expect(await visible('figure')).toEqual(['fig-map-2024-F']);
      const rows = await page.evaluate<string[][]>('[...document.querySelectorAll("#countries tbody tr")].filter((r) => !r.hidden).map((r) => [...r.cells].map((c) => c.textContent))');
      expect(rows.map((r) => [r[1], r[5]])).toEqual([['ATL', 'Women'], ['KHM', 'Women'], ['MYS', 'Women'], ['PHL', 'Women'], ['SGP', 'Women'], ['THA', 'Women']]);
      await select('region', 'NONE');
      const none = await page.evaluate<string[]>('[...document.querySelectorAll("#countries tbody tr")].filter((r) => !r.hidden).map((r) => r.cells[1].textContent)');
      expect(none).toEqual(['ATL']);
      const regional = await page.evaluate<string[]>('[...document.querySelectorAll("#regional tbody tr")].filter((r) => !r.hidden).map((r) => r.cells[1].textContent)');
      expect(new Set(regional)).toEqual(new Set(['World', 'Income group'])); // no ILO region, subregion rows for "not in a region"
      await select('region', 'ASP');
      await select('year', '2023');
      expect(await visible('figure')).toEqual(['fig-map-2023-F']);
      const y2023 = await page.evaluate<string[]>('[...document.querySelectorAll("#countries tbody tr")].filter((r) => !r.hidden).map((r) => r.cells[1].textContent + " " + r.cells[4].textContent)');
      expect(y2023).toEqual(['THA 2023']);
      expect(page.consoleErrors).toEqual([]);
      // CSV links: every table's link resolves to a file in the folder with the table's rows
      const links = await page.evaluate<{ table: string; href: string; rows: number }[]>('[...document.querySelectorAll("a.csv-link")].map((a) => ({ table: a.closest("section").id, href: a.href, rows: a.closest("section").querySelectorAll("tbody tr").length }))');
      expect(links.map((l) => l.table)).toEqual(['regional', 'countries', 'comparability']);
      for (const l of links) {
        const path = fileURLToPath(l.href);
        expect(path.startsWith(out), l.href).toBe(true);
        expect(readFileSync(path, 'utf8').trim().split('\n').length - 1, l.table).toBe(l.rows);
      }
    } finally {
      await page.close();
    }
    const tha = await openInBrowser(join(out, 'country/THA.html'), join(screenshots, 'observatory-country-THA.png'));
    try {
      expect(tha.consoleErrors).toEqual([]);
      expect(tha.requests).toEqual([]);
      const shown = tha.figures.filter((f) => f.width > 0);
      expect(shown.map((f) => f.id)).toEqual(['fig-lfpr-THA-2024', 'fig-migw-THA-2024', 'fig-stock-THA-2024']);
      for (const f of shown) expect(f.titleVisible, `${f.id}: ${f.title}`).toBe(true);
      await tha.page.selectOption('#f-year', '2023');
      const figs = await tha.evaluate<string[]>('[...document.querySelectorAll("figure")].filter((f) => !f.hidden).map((f) => f.id)');
      expect(figs).toEqual(['fig-lfpr-THA-2023', 'fig-migw-THA-2023', 'fig-stock-THA-2023']);
      const hrefs = await tha.evaluate<string[]>('[...document.querySelectorAll("a.csv-link")].map((a) => a.href)');
      expect(hrefs).toHaveLength(3);
      for (const h of hrefs) expect(existsSync(fileURLToPath(h)), h).toBe(true);
    } finally {
      await tha.close();
    }
  }, 120_000);
});
