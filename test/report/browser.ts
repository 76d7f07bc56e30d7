/**
 * Opens an HTML file in headless Chromium (Debian `chromium`, driven by playwright-core; spec toolchain.md) with the
 * network off, and reports what a reader's browser would see: console errors and page errors, failed requests, every
 * request other than the file itself (a self-contained report makes none), and for each <figure> whether its SVG
 * shows visible <text> holding the chart's title. Optionally saves a full-page screenshot.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';

/** The Chromium of the machine (.ci/run installs Debian's `chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags of spec toolchain.md: headless, no sandbox (containers), nothing fetched in the background. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Whether Chromium is installed here (for `itWith('Chromium', ...)`). */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** What a <figure> shows: its chart title (`.chart-title`, else the figcaption), its SVG's size and visible texts. */
export interface FigureCheck {
  readonly id: string;
  readonly title: string;
  readonly hasSvg: boolean;
  /** The SVG's rendered size in CSS pixels (0 when absent or hidden). */
  readonly width: number;
  readonly height: number;
  /** <text> elements of the SVG with a non-empty rendered box, not hidden and not transparent. */
  readonly visibleTexts: number;
  /** One of those visible texts contains the title. */
  readonly titleVisible: boolean;
}

export interface OpenedPage {
  /** The file:// URL opened. */
  readonly url: string;
  readonly page: Page;
  /** console.error messages and uncaught page errors. */
  readonly consoleErrors: readonly string[];
  /** Requests that failed, as `url: reason`. */
  readonly failedRequests: readonly string[];
  /** Every request except the file itself. */
  readonly requests: readonly string[];
  readonly figures: readonly FigureCheck[];
  /** Evaluates a JavaScript expression in the page (a string: the test program has no DOM types). */
  evaluate<T>(expression: string): Promise<T>;
  /** Closes the browser. */
  close(): Promise<void>;
}

/** The figure checks, evaluated in the page. */
const FIGURES = `[...document.querySelectorAll('figure')].map((f) => {
  const title = (f.querySelector('.chart-title') ?? f.querySelector('figcaption'))?.textContent?.trim() ?? '';
  const svg = f.querySelector('svg');
  const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
  const visible = svg ? [...svg.querySelectorAll('text')].filter((t) => {
    const s = getComputedStyle(t);
    const b = t.getBBox();
    return b.width > 0 && b.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0 && (t.textContent ?? '').trim() !== '';
  }) : [];
  return { id: f.id, title, hasSvg: !!svg, width: box.width, height: box.height, visibleTexts: visible.length,
    titleVisible: title !== '' && visible.some((t) => (t.textContent ?? '').includes(title)) };
})`;

/**
 * Opens `htmlFile` in headless Chromium, offline, at `width` CSS pixels (default 1280), waits for the load event, and
 * saves a full-page screenshot to `screenshotPath` when given (its folder is created). Close the result when done.
 */
export async function openInBrowser(htmlFile: string, screenshotPath?: string, options: { readonly width?: number } = {}): Promise<OpenedPage> {
  const url = pathToFileURL(resolve(htmlFile)).href;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ offline: true, viewport: { width: options.width ?? 1280, height: 900 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    page.on('requestfailed', (r) => failedRequests.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
    await page.goto(url, { waitUntil: 'load' });
    const figures = await page.evaluate<FigureCheck[]>(FIGURES);
    if (screenshotPath !== undefined) {
      mkdirSync(dirname(screenshotPath), { recursive: true });
      await page.screenshot({ path: screenshotPath, fullPage: true });
    }
    return {
      url, page, consoleErrors, failedRequests, requests, figures,
      evaluate: <T>(expression: string) => page.evaluate<T>(expression),
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
