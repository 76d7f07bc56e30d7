/**
 * The publication report as one self-contained HTML5 file that opens offline: inline CSS (screen and print), charts
 * as inline SVG, no script and no reference to any other file or URL. Content (report-content.ts): title, table of
 * contents, key figures of the main section, charts, how to read the tables, every table of every section with its
 * flags and notes, and the methodology. Every text inserted is escaped; the same input gives the same bytes.
 */
import {
  type KeyFigure, type MethodologyContent, type ReportContent, type ShownSection, type ShownTable, reportContent,
} from './report-content.js';
import { STAT_COLUMNS, formatNumber } from './report-format.js';
import type { ReportInput } from './report-model.js';
import { escapeHtml as e, inlineSvg } from './report-svg.js';

const CSS = `
:root{--fg:#1b1f24;--muted:#555d66;--rule:#c9d1d9;--faint:#eaeef2;--alt:#f6f8fa;--accent:#0b4f8a;--e-bg:#fff1c2;--e-fg:#5c4300;--u-bg:#fbdcdc;--u-fg:#7d1414;--x-bg:#e3e6ea;--x-fg:#24292f}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:16px;line-height:1.45;color:var(--fg);background:#fff}
body{margin:0 auto;max-width:75rem;padding:1.5rem 1.25rem 3rem}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .3rem}
h2{font-size:1.4rem;margin:2.5rem 0 .8rem;padding-bottom:.3rem;border-bottom:2px solid var(--accent)}
h3{font-size:1.08rem;margin:1.8rem 0 .3rem}
h4{font-size:1rem;margin:1.2rem 0 .3rem}
a{color:var(--accent)}
p{margin:.4rem 0}
.subtitle{font-size:1.15rem;color:var(--muted);margin:0 0 .8rem}
.facts{display:flex;flex-wrap:wrap;gap:.2rem 1.6rem;margin:0 0 1rem;color:var(--muted)}
.facts div{display:flex;gap:.4rem}
dt{font-weight:600}
dd{margin:0}
nav.toc{background:var(--alt);border:1px solid var(--faint);border-radius:6px;padding:.6rem 1.2rem;margin:1rem 0}
nav.toc h2{font-size:1.1rem;border:0;margin:.2rem 0 .4rem;padding:0}
nav.toc ol{margin:0;padding-left:1.3rem}
nav.toc ol ol{font-size:.88rem;columns:2 22rem;column-gap:2rem}
nav.toc li{margin:.1rem 0;break-inside:avoid}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem}
.card{border:1px solid var(--rule);border-radius:6px;padding:.7rem 1rem .6rem}
.card h3{font-size:1rem;margin:0}
.card .scope{font-size:.8rem;color:var(--muted);margin:.1rem 0 .4rem}
.kv{display:flex;justify-content:space-between;align-items:baseline;gap:.6rem;border-top:1px solid var(--faint);padding:.35rem 0}
.kv .group{font-size:.92rem;min-width:6.5rem}
.kv .value{font-size:1.4rem;font-weight:650;font-variant-numeric:tabular-nums;white-space:nowrap}
.kv .ci{display:block;font-size:.75rem;font-weight:400;color:var(--muted);text-align:right}
.card .src{font-size:.75rem;margin:.3rem 0 0}
figure.chart{margin:1rem 0 2rem;break-inside:avoid}
figure.chart svg{display:block;max-width:100%;height:auto}
figcaption{font-size:.92rem;margin-top:.4rem}
.legend{display:grid;grid-template-columns:auto 1fr;gap:.3rem .8rem;align-items:baseline;margin:.6rem 0}
.unit{font-size:.85rem;color:var(--muted);margin:0 0 .4rem}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
table.data{font-size:.84rem}
th,td{padding:.22rem .6rem;border-bottom:1px solid var(--faint);text-align:left;vertical-align:top}
thead th{background:var(--alt);border-bottom:2px solid var(--rule);font-weight:600;vertical-align:bottom;white-space:nowrap}
thead th.group{text-align:center;border-bottom:1px solid var(--rule)}
.num{text-align:right;white-space:nowrap}
tbody th{font-weight:400}
tr.group-start>*{border-top:2px solid var(--rule)}
tr.total>*{font-weight:650}
tr.row-E>*{background:#fffaeb}
tr.row-U>*{background:#fdf1f1}
tr.row-U td.num{font-style:italic}
tr.row-x>*{background:#f3f4f6}
tr.row-x td.num{color:var(--muted);text-align:center}
.flag{display:inline-block;min-width:1.5em;padding:0 .3em;border-radius:3px;font-weight:700;font-style:normal;text-align:center;text-decoration:none}
.flag-E{background:var(--e-bg);color:var(--e-fg)}
.flag-U{background:var(--u-bg);color:var(--u-fg)}
.flag-x{background:var(--x-bg);color:var(--x-fg)}
.notes{font-size:.8rem;color:var(--muted);margin:.35rem 0 0;padding-left:1.1rem}
.note{color:var(--muted)}
code,.sha{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:.85em}
.sha{word-break:break-all}
dl.defs dt{margin-top:.6rem}
dl.defs dd{margin-left:1.2rem}
footer{margin-top:3rem;padding-top:.6rem;border-top:1px solid var(--rule);font-size:.85rem;color:var(--muted)}
@media print{
@page{margin:14mm 12mm}
html{font-size:10pt}
body{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
nav.toc{break-after:page;background:none;border:0;padding:0}
section.report-section,section#methodology{break-before:page}
h2,h3,h4,.unit{break-after:avoid}
.table-wrap{overflow:visible}
table.data{font-size:7.5pt}
thead{display:table-header-group}
tr,.card,figure.chart,.kv{break-inside:avoid}
.flag,thead th,tbody tr>*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`.trim();

/** A flag as a badge with its meaning as title (nothing for a reliable cell). */
function badge(flag: string): string {
  const title = { E: 'less reliable: use with caution', U: 'unreliable', x: 'not published (confidentiality)' }[flag];
  return title === undefined ? '' : `<abbr class="flag flag-${flag}" title="${title}">${flag}</abbr>`;
}

/** The table of contents. */
function toc(c: ReportContent): string {
  const items: string[] = [];
  if (c.keyFigures.figures.length > 0) items.push('<li><a href="#key-figures">Key figures</a></li>');
  if (c.charts.length > 0) items.push('<li><a href="#charts">Charts</a></li>');
  items.push('<li><a href="#reading">Reading the tables</a></li>');
  for (const s of c.sections) {
    const tables = s.tables.map((t) => `<li><a href="#t-${e(t.table.id)}">Table ${t.number}. ${e(t.table.heading)}</a></li>`);
    items.push(`<li><a href="#s-${e(s.id)}">${e(s.heading)} (${e(s.time)})</a>${tables.length > 0 ? `<ol>${tables.join('')}</ol>` : ''}</li>`);
  }
  items.push('<li><a href="#methodology">Methodology</a></li>');
  return `<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">Contents</h2><ol>\n${items.join('\n')}\n</ol></nav>`;
}

/** A key figure as a card: one line per group, value with its interval and flag. */
function card(f: KeyFigure, level: string): string {
  const values = f.values.map((v) =>
    `<div class="kv"><span class="group">${e(v.group)}</span><span class="value">${e(v.value)}${v.flag ? ` ${badge(v.flag)}` : ''}${v.ci ? `<span class="ci">${level} CI ${e(v.ci)}</span>` : ''}</span></div>`);
  return [
    `<div class="card" id="kf-${e(f.id)}">`,
    `<h3>${e(f.label)}</h3>`,
    `<p class="scope">${e(f.scope)}; ${e(f.unit.text)}</p>`,
    ...values,
    `<p class="src">Table <a href="#t-${e(f.tableId)}"><code>${e(f.code)}</code></a></p>`,
    '</div>',
  ].join('\n');
}

/** One indicator table with its heading, unit line and notes. */
function table(t: ShownTable, level: string): string {
  const d = t.table;
  const labelHeads = d.columns.map((c) => `<th scope="col" rowspan="2">${e(c)}</th>`).join('');
  const head = [
    `<tr>${labelHeads}<th scope="col" rowspan="2" class="num">Estimate</th><th scope="col" rowspan="2" class="num">SE</th>`,
    `<th scope="colgroup" colspan="2" class="group">${level} CI</th><th scope="col" rowspan="2" class="num">CV %</th>`,
    '<th scope="col" rowspan="2" class="num">n</th><th scope="col" rowspan="2">Flag</th></tr>',
    '<tr><th scope="col" class="num">lower</th><th scope="col" class="num">upper</th></tr>',
  ].join('');
  const rows = d.rows.map((r) => {
    const cls = [r.groupStart ? 'group-start' : '', r.total ? 'total' : '', r.flag ? `row-${r.flag}` : ''].filter(Boolean).join(' ');
    const [first, ...rest] = r.labels;
    const labels = `<th scope="row">${e(first!)}</th>${rest.map((l) => `<td>${e(l)}</td>`).join('')}`;
    const stats = STAT_COLUMNS.map((k) => `<td class="num">${e(r.stats[k])}</td>`).join('');
    return `<tr${cls ? ` class="${cls}"` : ''}>${labels}${stats}<td>${badge(r.flag)}</td></tr>`;
  });
  const notes = t.notes.length > 0 ? `\n<ul class="notes">${t.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : '';
  const body = d.rows.length > 0
    ? `<div class="table-wrap"><table class="data" aria-labelledby="h-${e(d.id)}">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table></div>`
    : '<p class="note">This table has no cells.</p>';
  return [
    `<section class="table-block" id="t-${e(d.id)}">`,
    `<h3 id="h-${e(d.id)}">Table ${t.number}. ${e(d.heading)}</h3>`,
    `<p class="unit">Unit: ${e(d.unit.text)} · <code>${e(d.code)}</code></p>`,
    `${body}${notes}`,
    '</section>',
  ].join('\n');
}

function section(s: ShownSection, level: string): string {
  return [
    `<section class="report-section" id="s-${e(s.id)}">`,
    `<h2>${e(s.heading)} <span class="note">(${e(s.time)})</span></h2>`,
    ...(s.note !== undefined ? [`<p>${e(s.note)}</p>`] : []),
    ...s.tables.map((t) => table(t, level)),
    ...s.plainTables.map((t) => `<h3>${e(t.title)}</h3>\n${plainTable(t.columns, t.rows, t.columns.map((_, i) => i).filter((i) => t.rows.length > 0 && t.rows.every((r) => /^-?[\d.]+$|^–$/.test(r[i] ?? ''))))}`),
    '</section>',
  ].join('\n');
}

/** A definition list. */
const defs = (items: readonly { term: string; text: string }[]): string =>
  `<dl class="defs">\n${items.map((d) => `<dt>${e(d.term)}</dt><dd>${e(d.text)}</dd>`).join('\n')}\n</dl>`;

/** A plain table with a header row; `num` marks right-aligned columns. */
function plainTable(head: readonly string[], rows: readonly (readonly string[])[], num: readonly number[], cls: readonly (string | undefined)[] = []): string {
  const cell = (tag: string, text: string, i: number) => {
    const c = [num.includes(i) ? 'num' : '', cls[i] ?? ''].filter(Boolean).join(' ');
    return `<${tag}${tag === 'th' ? ' scope="col"' : ''}${c ? ` class="${c}"` : ''}>${e(text)}</${tag}>`;
  };
  return `<div class="table-wrap"><table>\n<thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>\n<tbody>\n${rows.map((r) => `<tr>${r.map((x, i) => cell('td', x, i)).join('')}</tr>`).join('\n')}\n</tbody></table></div>`;
}

function methodology(m: MethodologyContent): string {
  const paras = (lines: readonly string[]) => lines.map((l) => `<p>${e(l)}</p>`).join('\n');
  return [
    '<section id="methodology">',
    '<h2>Methodology</h2>',
    '<h3 id="m-definitions">Definitions applied</h3>',
    defs(m.definitions),
    '<h3 id="m-design">Sample design and variance</h3>',
    defs([{ term: 'Sample design', text: m.design }, { term: 'Variance estimation', text: m.variance }, { term: 'Confidence intervals', text: `${m.level} confidence intervals from the design-based standard errors.` }]),
    '<h3 id="m-quality">Quality: reliability flags</h3>',
    paras(m.reliability),
    '<h3 id="m-suppression">Suppression: confidentiality</h3>',
    paras(m.suppression),
    '<h3 id="m-exclusions">Exclusions</h3>',
    m.exclusions.length > 0
      ? plainTable(['Reason', 'Step', 'Variable', 'Count'], m.exclusions.map((x) => [x.reason, x.step ?? '', x.variable ?? '', formatNumber(x.count, 0)]), [3])
      : '<p>No record was excluded.</p>',
    '<h3 id="m-inputs">Input files</h3>',
    m.inputs.length > 0
      ? plainTable(['File', 'Role', 'Bytes', 'SHA-256'], m.inputs.map((f) => [f.name, f.role, f.bytes, f.sha256]), [2], [undefined, undefined, undefined, 'sha'])
      : '<p>No input file was recorded.</p>',
    ...(m.options.length > 0 ? ['<h3 id="m-options">Options of the run</h3>', defs(m.options)] : []),
    ...(m.notes.length > 0 ? ['<h3 id="m-notes">Notes</h3>', paras(m.notes)] : []),
    '</section>',
  ].join('\n');
}

/** The report as one self-contained HTML5 document (module doc). Throws a ReportError for an input it cannot show. */
export function htmlReport(input: ReportInput): string {
  const c = reportContent(input);
  const level = c.level;
  const charts = c.charts.map((ch, i) => [
    `<figure class="chart" id="chart-${e(ch.id)}">`,
    inlineSvg(ch.svg, ch.id, ch.alt),
    `<figcaption><strong>Figure ${i + 1}.</strong> <span class="chart-title">${e(ch.title)}</span></figcaption>`,
    '</figure>',
  ].join('\n'));
  const main = c.keyFigures.section;
  const body = [
    '<header>',
    `<h1>${e(c.title)}</h1>`,
    ...(c.subtitle !== undefined ? [`<p class="subtitle">${e(c.subtitle)}</p>`] : []),
    `<dl class="facts">${c.facts.map((f) => `<div><dt>${e(f.term)}:</dt><dd>${e(f.text)}</dd></div>`).join('')}</dl>`,
    '</header>',
    toc(c),
    '<main>',
    ...(c.keyFigures.figures.length > 0 && main
      ? [
        '<section id="key-figures">',
        '<h2>Key figures</h2>',
        `<p>${e(main.heading)} (${e(main.time)}). Estimates with their ${level} confidence interval (CI); flags as in the tables.</p>`,
        `<div class="cards">\n${c.keyFigures.figures.map((f) => card(f, level)).join('\n')}\n</div>`,
        '</section>',
      ]
      : []),
    ...(charts.length > 0 ? ['<section id="charts">', '<h2>Charts</h2>', ...charts, '</section>'] : []),
    '<section id="reading">',
    '<h2>Reading the tables</h2>',
    `<p>${e(c.reading)} Rows of totals are in bold.</p>`,
    `<div class="legend">${c.legend.map((l) => `${l.symbol === '–' ? `<span class="flag">${e(l.symbol)}</span>` : badge(l.symbol)}<span>${e(l.text)}</span>`).join('')}</div>`,
    '</section>',
    ...c.sections.map((s) => section(s, level)),
    methodology(c.methodology),
    '</main>',
    `<footer><p>${e(c.footer)}</p></footer>`,
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="migstat ${e(input.generated.migstat)}">`,
    `<title>${e(c.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
