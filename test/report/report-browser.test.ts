/**
 * The HTML report in a real browser (headless Chromium): it opens offline from file:// with no console error and no
 * request besides the file, every figure shows its SVG with the chart title as visible text, the page is HTML5 with
 * lang and charset and no script, suppressed rows show only `x`, the flags have their own colours, and printing
 * gives a PDF; on a 400 px screen the page does not scroll sideways. The screenshots and the PDF are left in
 * test-output/report/ to look at.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { htmlReport } from '../../src/report/html-report.js';
import { itWith } from '../support/components.js';
import { chromiumAvailable, openInBrowser } from './browser.js';
import { atlantisReportInput } from './report-fixture.js';

const out = new URL('../../test-output/report/', import.meta.url).pathname;

describe('HTML report in Chromium', () => {
  itWith('Chromium', chromiumAvailable(), 'opens offline, shows its charts and tables, prints, and fits a narrow screen', async () => {
    const { input } = await atlantisReportInput();
    mkdirSync(out, { recursive: true });
    const file = join(out, 'report.html');
    writeFileSync(file, htmlReport(input));
    const opened = await openInBrowser(file, join(out, 'report.png'));
    try {
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.failedRequests).toEqual([]);
      expect(opened.requests).toEqual([]);
      expect(opened.figures.map((f) => f.id)).toEqual(input.charts.map((c) => `chart-${c.id}`));
      for (const f of opened.figures) {
        expect(f.hasSvg, f.id).toBe(true);
        expect(f.width, f.id).toBeGreaterThan(100);
        expect(f.height, f.id).toBeGreaterThan(50);
        expect(f.titleVisible, `${f.id}: title "${f.title}" visible in its SVG`).toBe(true);
      }
      const doc = await opened.evaluate<{ lang: string; charset: string; scripts: number; tables: number; svgLabels: string[] }>(`({
        lang: document.documentElement.lang, charset: document.characterSet, scripts: document.scripts.length,
        tables: document.querySelectorAll('table.data').length,
        svgLabels: [...document.querySelectorAll('figure svg')].map((s) => s.getAttribute('role') + ':' + s.getAttribute('aria-label')),
      })`);
      expect(doc).toEqual({
        lang: 'en', charset: 'UTF-8', scripts: 0, tables: input.sections.reduce((a, s) => a + s.tables.length, 0),
        svgLabels: input.charts.map((c) => `img:${c.alt}`),
      });
      // clip paths resolve inside their own chart (ids prefixed per chart)
      const clips = await opened.evaluate<string[]>(`[...document.querySelectorAll('figure [clip-path]')].map((g) => {
        const id = g.getAttribute('clip-path').slice(5, -1);
        const target = document.getElementById(id);
        return target && target.closest('figure') === g.closest('figure') ? 'ok' : 'broken ' + id;
      })`);
      expect(clips).toEqual(['ok', 'ok']);
      // suppressed rows show x and nothing else; the rows are there
      const suppressed = await opened.evaluate<string[][]>(`[...document.querySelectorAll('tr.row-x')].map((r) => [...r.querySelectorAll('td.num')].map((td) => td.textContent))`);
      expect(suppressed.length).toBeGreaterThan(0);
      for (const r of suppressed) expect(r).toEqual(['x', 'x', 'x', 'x', 'x', 'x']);
      // flags stand apart: E, U and x badges have three different background colours
      const colours = await opened.evaluate<string[]>(`['E', 'U', 'x'].map((f) => getComputedStyle(document.querySelector('.legend .flag-' + f)).backgroundColor)`);
      expect(new Set(colours).size).toBe(3);
      // the tables fit the page width at 1280 px (no horizontal scrolling of the document)
      expect(await opened.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await opened.page.emulateMedia({ media: 'print' });
      const pdf = join(out, 'report.pdf');
      await opened.page.pdf({ path: pdf, format: 'A4', printBackground: true });
      expect(statSync(pdf).size).toBeGreaterThan(20_000);
      expect(statSync(join(out, 'report.png')).size).toBeGreaterThan(50_000);
    } finally {
      await opened.close();
    }
    // on a phone-sized screen the page does not scroll sideways: wide tables scroll in their own box
    const narrow = await openInBrowser(file, join(out, 'report-narrow.png'), { width: 400 });
    try {
      expect(await narrow.evaluate<number[]>('[document.documentElement.scrollWidth, window.innerWidth]')).toEqual([400, 400]);
    } finally {
      await narrow.close();
    }
  }, 60_000);
});
