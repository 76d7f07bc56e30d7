/**
 * The publication report as GitHub-flavoured Markdown: the content of the HTML report (report-content.ts) with the
 * tables as GFM pipe tables, the charts as `![alt](png)` image links to the PNGs beside the report, and anchors as
 * `<a id>` before the headings (the same anchors as the HTML). Every text inserted is escaped; the same input gives
 * the same bytes.
 */
import { type KeyFigure, type MethodologyContent, type ReportContent, type ShownSection, reportContent } from './report-content.js';
import { STAT_COLUMNS, formatNumber } from './report-format.js';
import type { ReportInput } from './report-model.js';
import { escapeHtml } from './report-svg.js';

/** Escapes text for inline Markdown (a table cell, a heading, a link text): inline syntax and `|`; line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|&~!#]/g, (ch) => `\\${ch}`);
}

/** Escapes text that starts a paragraph: inline syntax, and a list, heading or rule mark at its start. */
function paragraph(text: string): string {
  return escapeMarkdown(text).replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A code span (codes, hashes): backticks longer than any run inside, `|` escaped for tables. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const body = text.replace(/\|/g, '\\|');
  return `${fence}${body.startsWith('`') || body.endsWith('`') ? ` ${body} ` : body}${fence}`;
}

/** A link target: `#anchor` or a relative file, with spaces and parentheses percent-encoded. */
const target = (url: string): string => encodeURI(url).replace(/\(/g, '%28').replace(/\)/g, '%29');

const anchor = (id: string): string => `<a id="${escapeHtml(id)}"></a>`;

/** A GFM table; `align` gives `l`, `r` or `c` per column. */
function pipeTable(head: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const rule = head.map((_, i) => ({ l: '---', r: '---:', c: ':---:' })[align[i] ?? 'l'] ?? '---');
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  return [line(head), `|${rule.join('|')}|`, ...rows.map(line)].join('\n');
}

function toc(c: ReportContent): string {
  const items: string[] = [];
  if (c.keyFigures.figures.length > 0) items.push('- [Key figures](#key-figures)');
  if (c.charts.length > 0) items.push('- [Charts](#charts)');
  items.push('- [Reading the tables](#reading)');
  for (const s of c.sections) {
    items.push(`- [${escapeMarkdown(`${s.heading} (${s.time})`)}](${target(`#s-${s.id}`)})`);
    for (const t of s.tables) items.push(`  - [${escapeMarkdown(`Table ${t.number}. ${t.table.heading}`)}](${target(`#t-${t.table.id}`)})`);
  }
  items.push('- [Methodology](#methodology)');
  return ['## Contents', '', ...items].join('\n');
}

function keyFigures(figures: readonly KeyFigure[], level: string): string {
  const rows = figures.flatMap((f) => f.values.map((v, i) => [
    i === 0 ? `${escapeMarkdown(f.label)} (${escapeMarkdown(f.scope)}; ${escapeMarkdown(f.unit.text)})` : '',
    escapeMarkdown(v.group),
    escapeMarkdown(v.value),
    escapeMarkdown(v.ci),
    v.flag,
    i === 0 ? `[${code(f.code)}](${target(`#t-${f.tableId}`)})` : '',
  ]));
  return pipeTable(['Indicator', 'Group', 'Estimate', `${level} CI`, 'Flag', 'Table'], rows, 'llrlcl');
}

function section(s: ShownSection, level: string): string {
  const out = [anchor(`s-${s.id}`), `## ${escapeMarkdown(s.heading)} (${escapeMarkdown(s.time)})`, ''];
  if (s.note !== undefined) out.push(paragraph(s.note), '');
  for (const t of s.tables) {
    const d = t.table;
    out.push(anchor(`t-${d.id}`), `### ${escapeMarkdown(`Table ${t.number}. ${d.heading}`)}`, '', `Unit: ${escapeMarkdown(d.unit.text)} · ${code(d.code)}`, '');
    if (d.rows.length > 0) {
      const head = [...d.columns.map(escapeMarkdown), 'Estimate', 'SE', `${level} CI lower`, `${level} CI upper`, 'CV %', 'n', 'Flag'];
      const rows = d.rows.map((r) => [...r.labels.map(escapeMarkdown), ...STAT_COLUMNS.map((k) => escapeMarkdown(r.stats[k])), r.flag]);
      out.push(pipeTable(head, rows, `${'l'.repeat(d.columns.length)}rrrrrrc`), '');
    } else {
      out.push('This table has no cells.', '');
    }
    for (const n of t.notes) out.push(`*Note:* ${escapeMarkdown(n)}`, '');
  }
  for (const t of s.plainTables) {
    out.push(`### ${escapeMarkdown(t.title)}`, '', pipeTable(t.columns.map(escapeMarkdown), t.rows.map((r) => r.map(escapeMarkdown)), 'l'.repeat(t.columns.length)), '');
  }
  return out.join('\n');
}

function methodology(m: MethodologyContent): string {
  const defs = (items: readonly { term: string; text: string }[]) => items.flatMap((d) => [`**${escapeMarkdown(d.term)}.** ${escapeMarkdown(d.text)}`, '']);
  const paras = (lines: readonly string[]) => lines.flatMap((l) => [paragraph(l), '']);
  return [
    anchor('methodology'), '## Methodology', '',
    anchor('m-definitions'), '### Definitions applied', '', ...defs(m.definitions),
    anchor('m-design'), '### Sample design and variance', '',
    ...defs([{ term: 'Sample design', text: m.design }, { term: 'Variance estimation', text: m.variance }, { term: 'Confidence intervals', text: `${m.level} confidence intervals from the design-based standard errors.` }]),
    anchor('m-quality'), '### Quality: reliability flags', '', ...paras(m.reliability),
    anchor('m-suppression'), '### Suppression: confidentiality', '', ...paras(m.suppression),
    anchor('m-exclusions'), '### Exclusions', '',
    m.exclusions.length > 0
      ? pipeTable(['Reason', 'Step', 'Variable', 'Count'], m.exclusions.map((x) => [escapeMarkdown(x.reason), escapeMarkdown(x.step ?? ''), escapeMarkdown(x.variable ?? ''), formatNumber(x.count, 0)]), 'lllr')
      : 'No record was excluded.',
    '',
    anchor('m-inputs'), '### Input files', '',
    m.inputs.length > 0
      ? pipeTable(['File', 'Role', 'Bytes', 'SHA-256'], m.inputs.map((f) => [code(f.name), escapeMarkdown(f.role), f.bytes, code(f.sha256)]), 'llrl')
      : 'No input file was recorded.',
    '',
    ...(m.options.length > 0 ? [anchor('m-options'), '### Options of the run', '', ...defs(m.options)] : []),
    ...(m.notes.length > 0 ? [anchor('m-notes'), '### Notes', '', ...paras(m.notes)] : []),
  ].join('\n');
}

/** The report as GitHub-flavoured Markdown (module doc). Throws a ReportError for an input it cannot show. */
export function markdownReport(input: ReportInput): string {
  const c = reportContent(input);
  const level = c.level;
  const main = c.keyFigures.section;
  const out: string[] = [`# ${escapeMarkdown(c.title)}`, ''];
  if (c.subtitle !== undefined) out.push(`*${escapeMarkdown(c.subtitle)}*`, '');
  out.push(c.facts.map((f) => `**${escapeMarkdown(f.term)}:** ${escapeMarkdown(f.text)}`).join(' · '), '', toc(c), '');
  if (c.keyFigures.figures.length > 0 && main) {
    out.push(anchor('key-figures'), '## Key figures', '', `${paragraph(`${main.heading} (${main.time})`)}. Estimates with their ${level} confidence interval (CI); flags as in the tables.`, '', keyFigures(c.keyFigures.figures, level), '');
  }
  if (c.charts.length > 0) {
    out.push(anchor('charts'), '## Charts', '');
    c.charts.forEach((ch, i) => {
      out.push(anchor(`chart-${ch.id}`), `### ${escapeMarkdown(`Figure ${i + 1}. ${ch.title}`)}`, '');
      out.push(ch.png !== undefined ? `![${escapeMarkdown(ch.alt)}](${target(ch.png)})` : `*${escapeMarkdown(ch.alt)}* (The chart is in the HTML version of this report.)`, '');
    });
  }
  out.push(anchor('reading'), '## Reading the tables', '', paragraph(c.reading), '');
  out.push(pipeTable(['Symbol', 'Meaning'], c.legend.map((l) => [escapeMarkdown(l.symbol), escapeMarkdown(l.text)]), 'cl'), '');
  for (const s of c.sections) out.push(section(s, level));
  out.push(methodology(c.methodology), '---', '', paragraph(c.footer), '');
  return out.join('\n');
}
