/**
 * The Markdown report (markdown-report.ts) on real Atlantis tables: the same content as the HTML report as GitHub-
 * flavoured Markdown (pipe tables with one cell per column on every row, charts as image links, anchors that the
 * links reach), escaped text, deterministic output, and no value of a suppressed cell.
 */
import { describe, expect, it } from 'vitest';
import type { IndicatorTable } from '../../src/indicators/cell.js';
import { escapeMarkdown, markdownReport } from '../../src/report/markdown-report.js';
import { reportContent } from '../../src/report/report-content.js';
import { formatNumber } from '../../src/report/report-format.js';
import { atlantisReportInput, expectNoSentinel, withSentinels } from './report-fixture.js';

/** The cells of a pipe-table line, split at unescaped `|` (outside code spans, where `\|` stays a pipe). */
function pipeCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 1; i < line.length - 1; i++) {
    const ch = line[i]!;
    if (ch === '\\') {
      cur += ch + (line[i + 1] ?? '');
      i++;
    } else if (ch === '|') {
      cells.push(cur.trim());
      cur = '';
    } else {
      cur += ch;
    }
  }
  cells.push(cur.trim());
  return cells;
}

/** Every pipe table of a Markdown text: its header cells and rows. */
function pipeTables(md: string): { head: string[]; rows: string[][] }[] {
  const lines = md.split('\n');
  const tables: { head: string[]; rows: string[][] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('| ') || !/^\|(:?-{3}:?\|)+$/.test(lines[i + 1] ?? '')) continue;
    const head = pipeCells(lines[i]!);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j]!.startsWith('|'); j++) rows.push(pipeCells(lines[j]!));
    expect(pipeCells(lines[i + 1]!.replace(/^\|/, '| ').replace(/\|$/, ' |'))).toHaveLength(head.length);
    tables.push({ head, rows });
    i = j;
  }
  return tables;
}

describe('markdownReport on Atlantis 2024Q1 tables', () => {
  it('has the content of the HTML report as GFM: every table with one cell per column, charts as image links', async () => {
    const { input, tables } = await atlantisReportInput();
    const md = markdownReport(input);
    const content = reportContent(input);
    expect(md.startsWith('# Labour migration statistics: Atlantis, 2024 Q1\n\n*International migrants in the labour market')).toBe(true);
    expect(md.endsWith('Produced with migstat 0.1.0.\n')).toBe(true);
    const found = pipeTables(md);
    for (const t of found) for (const r of t.rows) expect(r, r.join(' | ')).toHaveLength(t.head.length);
    // key figures + legend + every indicator table + exclusions + inputs
    expect(found).toHaveLength(1 + 1 + tables.length + 1 + 1);
    const data = found.filter((t) => t.head.includes('CV %'));
    expect(data.map((t) => t.rows.length)).toEqual(content.sections[0]!.tables.map((t) => t.table.rows.length));
    for (const [i, shown] of content.sections[0]!.tables.entries()) {
      expect(md).toContain(`### ${escapeMarkdown(`Table 1.${i + 1}. ${shown.table.heading}`)}`);
      expect(md).toContain(`Unit: ${shown.table.unit.text} · \`${shown.table.code}\``);
      expect(data[i]!.head).toEqual([...shown.table.columns, 'Estimate', 'SE', '95% CI lower', '95% CI upper', 'CV %', 'n', 'Flag']);
      expect(data[i]!.rows).toEqual(shown.table.rows.map((r) => [...r.labels, r.stats.estimate, r.stats.se, r.stats.ci_low, r.stats.ci_high, r.stats.cv, r.stats.n, r.flag]));
    }
    // key figures with their values, intervals and a link to their table
    const kf = found[0]!;
    expect(kf.head).toEqual(['Indicator', 'Group', 'Estimate', '95% CI', 'Flag', 'Table']);
    expect(kf.rows.map((r) => [r[1], r[2], r[3]])).toEqual(content.keyFigures.figures.flatMap((f) => f.values.map((v) => [v.group, v.value, v.ci])));
    expect(kf.rows[0]![5]).toBe('[`MGS_MSHR_SEX_TEAP_RT`](#t-q1-MGS_MSHR_SEX_TEAP_RT)');
    // charts: an image link to the PNG, or a note when the chart has none
    expect(md).toContain(`### Figure 1. Labour force participation rate by place of birth\n\n![${input.charts[0]!.alt}](charts/lfpr.png)`);
    expect(md).toContain("*Line chart: migrants' share of the labour force by sex.* (The chart is in the HTML version of this report.)");
    // every internal link reaches an anchor
    const anchors = new Set([...md.matchAll(/<a id="([^"]*)"><\/a>/g)].map((m) => m[1]));
    const links = [...md.matchAll(/\]\(#([^)]*)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(tables.length);
    for (const l of links) expect(anchors.has(l), `#${l}`).toBe(true);
    // methodology: policies, exclusions with counts, files by name with SHA-256
    for (const line of content.methodology.reliability) expect(md).toContain(escapeMarkdown(line));
    for (const f of input.methodology.inputs) expect(md).toContain(`| \`${f.path.split('/').pop()}\` | ${f.role} | ${formatNumber(f.bytes, 0)} | \`${f.sha256}\` |`);
    expect(md).not.toContain('datasets/atlantis-lfs');
    expect(md).not.toMatch(/https?:/);
  });

  it('is deterministic, and shows no value of a suppressed cell', async () => {
    const { input, tables } = await atlantisReportInput();
    expect(markdownReport(structuredClone(input))).toBe(markdownReport(input));
    const md = markdownReport({ ...input, sections: [{ ...input.sections[0]!, tables: withSentinels(tables) }] });
    expectNoSentinel(md);
    const suppressed = pipeTables(md).flatMap((t) => t.rows).filter((r) => r[r.length - 1] === 'x');
    expect(suppressed.length).toBe(tables.flatMap((t) => t.cells).filter((c) => c.suppressed).length);
    for (const r of suppressed) expect(r.slice(-7)).toEqual(['x', 'x', 'x', 'x', 'x', 'x', 'x']);
  });

  it('escapes text: pipes, emphasis, HTML and links cannot break a table or the page', async () => {
    const { input } = await atlantisReportInput();
    const t: IndicatorTable = {
      indicator: 'MGS_X', label: 'A | *starred* _label_ <b>bold</b> [link](x)',
      cells: [{ indicator: 'MGS_X', sex: 'SEX_T', classif1: 'A|B', classif2: null, unit: 'RT', estimate: 1, se: 0.1, ci_low: 0.8, ci_high: 1.2, df: 9, deff: 1, cv: 0.1, n: 50, n_domain: 100, N: 1000, reliability: 'reliable' }],
    };
    const md = markdownReport({
      ...input, title: 'Title # with | pipe', charts: [{ ...input.charts[0]!, alt: 'alt ] with ( brackets', png: 'my charts/a (1).png' }],
      sections: [{ id: 's', heading: '1. Heading', time: 'T', tables: [t], note: '- not a list\nsecond line' }],
    });
    expect(md).toContain('# Title \\# with \\| pipe');
    expect(md).toContain('### Table 1.1. A \\| \\*starred\\* \\_label\\_ \\<b\\>bold\\</b\\> \\[link\\](x)');
    expect(md).toContain('![alt \\] with ( brackets](my%20charts/a%20%281%29.png)');
    expect(md).toContain('\\- not a list second line');
    const [table] = pipeTables(md).filter((x) => x.head.includes('CV %'));
    expect(table!.rows).toEqual([['Total', 'A\\|B', '1.0', '0.1', '0.8', '1.2', '10.0', '100', '']]);
    expect(md).not.toContain('<b>');
  });
});
