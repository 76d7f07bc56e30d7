/**
 * The observatory's static dashboard (src/global/OBSERVATORY.md §7): one folder that opens offline.
 * - `index.html`: filters by year, sex and ILO region; the world map of migrant workers (one inline SVG per year and
 *   sex, drawn from a Vega-Lite choropleth at build time); the regional table (estimates with intervals), the country
 *   table (with links to the profiles) and the comparability table.
 * - `country/<ISO3>.html`: a country profile: its charts (participation by migrant status, migrant workers by age, the
 *   migrant stock benchmark) for each year, its estimates, national series and data sources, with year and sex filters.
 * - `csv/*.csv`: every table of every page as CSV (all years and sexes), linked under the table.
 * Filters are plain inline JavaScript that shows the elements whose `data-year`, `data-sex`, `data-region` match the
 * selection (without JavaScript every year and sex is shown). No file or URL outside the folder is referenced; CSS,
 * script and SVG are inline. Same model, same bytes. The folder is written to a staging folder beside the target and
 * renamed into place, so a failure leaves no partial dashboard.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Chart } from '../charts/chart.js';
import { chartSvg } from '../charts/render.js';
import { toCsv } from '../io/write.js';
import { MEASURE_LABELS, MIGRANT_LABELS, SEX_LABELS, ageLabel, isMeasure, type MigrantStatus, type Sex } from '../global/observatory-codes.js';
import { type DashboardCountry, type DashboardModel, regionOfAggregate } from './dashboard-data.js';
import { mapChart, migrantAgeChart, participationChart, stockChart } from './dashboard-charts.js';
import { escapeHtml as e, inlineSvg } from './report-svg.js';

type Cell = string | number | null;

/** A table of the dashboard: shown in HTML and written as CSV. */
interface Table {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly { readonly name: string; readonly num?: boolean; readonly decimals?: number }[];
  readonly rows: readonly { readonly values: readonly Cell[]; readonly year?: number; readonly sex?: string; readonly region?: string; readonly link?: string }[];
  readonly note?: string;
}

const CSS = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;font-size:16px;line-height:1.45;color:#1b1f24;background:#fff}
body{margin:0 auto;max-width:78rem;padding:1.2rem 1.25rem 3rem}
h1{font-size:1.8rem;margin:0 0 .3rem}
h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-bottom:.25rem;border-bottom:2px solid #0b4f8a}
a{color:#0b4f8a}
.lead{color:#555d66;margin:.2rem 0 1rem}
form.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;background:#f6f8fa;border:1px solid #eaeef2;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;position:sticky;top:0;z-index:1}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600}
form.filters select{font-size:1rem;padding:.15rem .3rem;min-width:9rem}
.status{font-size:.85rem;color:#555d66}
figure.chart{margin:1rem 0 1.5rem}
figure.chart svg{display:block;max-width:100%;height:auto}
figcaption{font-size:.9rem;margin-top:.3rem}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem;font-variant-numeric:tabular-nums}
th,td{padding:.2rem .55rem;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
thead th{background:#f6f8fa;border-bottom:2px solid #c9d1d9;white-space:nowrap}
.num{text-align:right;white-space:nowrap}
.csv{font-size:.85rem;margin:.3rem 0 1rem}
.note{font-size:.85rem;color:#555d66}
.facts{color:#555d66}
[hidden]{display:none!important}
footer{margin-top:3rem;padding-top:.6rem;border-top:1px solid #c9d1d9;font-size:.85rem;color:#555d66}
`.trim();

/** The filter script: shows elements whose data-year, data-sex and data-region match the selects (module doc). */
const SCRIPT = `
(function () {
  var ids = ['year', 'sex', 'region'];
  function val(k) { var s = document.getElementById('f-' + k); return s ? s.value : ''; }
  function apply() {
    var want = {}; ids.forEach(function (k) { want[k] = val(k); });
    var shown = 0;
    document.querySelectorAll('[data-year],[data-sex],[data-region]').forEach(function (el) {
      var ok = ids.every(function (k) { var v = el.getAttribute('data-' + k); return v === null || v === '' || want[k] === '' || v === want[k]; });
      el.hidden = !ok;
      if (ok && el.tagName === 'TR') shown++;
    });
    var st = document.getElementById('f-status');
    if (st) st.textContent = shown + ' table rows shown';
  }
  ids.forEach(function (k) { var s = document.getElementById('f-' + k); if (s) s.addEventListener('change', apply); });
  apply();
})();
`.trim();

const fmtNumber = (x: number, d: number): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const sexName = (s: string): string => SEX_LABELS[s as Sex] ?? s;

/** HTML of a table with its CSV link (`csvHref`). */
function tableHtml(t: Table, csvHref: string): string {
  const head = t.columns.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${e(c.name)}</th>`).join('');
  const rows = t.rows.map((r) => {
    const attrs = [r.year !== undefined ? ` data-year="${r.year}"` : '', r.sex !== undefined ? ` data-sex="${e(r.sex)}"` : '', r.region !== undefined ? ` data-region="${e(r.region)}"` : ''].join('');
    const cells = r.values.map((v, j) => {
      const c = t.columns[j]!;
      const text = v === null ? '' : typeof v === 'number' ? (!Number.isFinite(v) ? '' : c.decimals === undefined ? String(v) : fmtNumber(v, c.decimals)) : v;
      const inner = j === 0 && r.link ? `<a href="${e(r.link)}">${e(text)}</a>` : e(text);
      return `<td${c.num ? ' class="num"' : ''}>${inner}</td>`;
    }).join('');
    return `<tr${attrs}>${cells}</tr>`;
  });
  return [
    `<section class="table-block" id="${e(t.id)}">`,
    `<h2>${e(t.title)}</h2>`,
    ...(t.note ? [`<p class="note">${e(t.note)}</p>`] : []),
    rows.length > 0
      ? `<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table></div>`
      : '<p class="note">No rows.</p>',
    `<p class="csv"><a class="csv-link" href="${e(csvHref)}" download>Download this table as CSV</a></p>`,
    '</section>',
  ].join('\n');
}

/** CSV text of a table (raw values, every row). */
function tableCsv(t: Table): string {
  return toCsv(t.columns.map((c) => c.name), t.rows.map((r) => Object.fromEntries(t.columns.map((c, j) => [c.name, r.values[j] ?? null]))));
}

function selectHtml(id: string, label: string, options: readonly { value: string; text: string }[], selected: string): string {
  return `<label for="f-${id}">${e(label)}<select id="f-${id}">${options.map((o) => `<option value="${e(o.value)}"${o.value === selected ? ' selected' : ''}>${e(o.text)}</option>`).join('')}</select></label>`;
}

function page(title: string, body: readonly string[], generator: string): string {
  return [
    '<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${e(generator)}">`, `<title>${e(title)}</title>`, `<style>\n${CSS}\n</style>`, '</head>', '<body>',
    ...body, `<script>\n${SCRIPT}\n</script>`, '</body>', '</html>', '',
  ].join('\n');
}

/** A figure holding a chart's inline SVG, with filter attributes. */
async function figure(chart: Chart, attrs: { year?: number; sex?: string }): Promise<string> {
  const svg = inlineSvg(await chartSvg(chart), chart.id, chart.alt);
  const a = [attrs.year !== undefined ? ` data-year="${attrs.year}"` : '', attrs.sex !== undefined ? ` data-sex="${e(attrs.sex)}"` : ''].join('');
  return `<figure class="chart" id="fig-${e(chart.id)}"${a}>\n${svg}\n<figcaption><span class="chart-title">${e(chart.title)}</span></figcaption>\n</figure>`;
}

const measureName = (m: string): string => ({ migrantWorkers: 'Migrant workers', shareOfLabourForce: 'Share of migrants in the labour force', migrantLfpr: 'Participation rate of migrants', nonMigrantLfpr: 'Participation rate of non-migrants', shareOfWorld: 'Share of the world\'s migrant workers' } as Record<string, string>)[m] ?? m;
const levelName = (l: string): string => ({ world: 'World', region: 'ILO region', subregionBroad: 'Broad subregion', subregionDetailed: 'Detailed subregion', income: 'Income group', country: 'Country' } as Record<string, string>)[l] ?? l;
const isShare = (m: string): boolean => m !== 'migrantWorkers';

/** The tables of the index page. */
function indexTables(model: DashboardModel): Table[] {
  const byIso = new Map(model.countries.map((c) => [c.iso3, c]));
  const regional: Table = {
    id: 'regional', title: 'Regional and global estimates',
    note: model.aggregates.length === 0 ? 'No estimates in the database yet: run migstat observatory estimate.' : 'Migrant workers in thousands; shares and rates in percent; intervals from the bootstrap over countries (METHOD.md).',
    columns: [{ name: 'Area' }, { name: 'Level' }, { name: 'Year', num: true }, { name: 'Sex' }, { name: 'Measure' }, { name: 'Value', num: true, decimals: 1 }, { name: 'Low', num: true, decimals: 1 }, { name: 'High', num: true, decimals: 1 }, { name: 'Countries', num: true }, { name: 'Countries imputed', num: true }],
    rows: model.aggregates.map((a) => {
      const note = (() => {
        try {
          return JSON.parse(a.note) as { name?: string; countries?: number; countriesWithImputation?: number };
        } catch {
          return {};
        }
      })();
      const scale = isShare(a.measure) ? 100 : 1 / 1000;
      return {
        values: [note.name ?? a.area, levelName(a.level), a.year, sexName(a.sex), measureName(a.measure), a.value * scale, a.low === null ? null : a.low * scale, a.high === null ? null : a.high * scale, note.countries ?? null, note.countriesWithImputation ?? null],
        year: a.year, sex: a.sex, region: regionOfAggregate(a.level, a.area),
      };
    }),
  };
  const countries: Table = {
    id: 'countries', title: 'Countries: migrant workers',
    note: 'Thousands of migrants in the labour force. Basis: national (a national submission), estimate (observatory estimate from national data), imputed (observatory estimate with an imputed participation).',
    columns: [{ name: 'Country' }, { name: 'ISO3' }, { name: 'ILO region' }, { name: 'Income group' }, { name: 'Year', num: true }, { name: 'Sex' }, { name: 'Migrant workers (thousands)', num: true, decimals: 1 }, { name: 'Basis' }, { name: 'National data (years)' }],
    rows: model.mapValues.map((v) => {
      const c = byIso.get(v.iso3)!;
      return { values: [c.name, c.iso3, c.regionName, c.incomeName, v.year, sexName(v.sex), v.value / 1000, v.basis, c.hasNational.join(' ')], year: v.year, sex: v.sex, region: c.region, link: `country/${c.iso3}.html` };
    }),
  };
  const comparability: Table = {
    id: 'comparability', title: 'What is comparable across countries',
    note: 'National submissions: migrant criterion, age limits, reference years, sources and standards; notes name the differences from the observatory norm (migrants by birth, 15+, ICLS19, reference year = year).',
    columns: [{ name: 'Country' }, { name: 'Year', num: true }, { name: 'Criterion' }, { name: 'Working age from', num: true }, { name: 'Upper age' }, { name: 'Reference years' }, { name: 'Sources' }, { name: 'Standard' }, { name: 'Flags' }, { name: 'Notes' }],
    rows: model.comparability.filter((c) => c.layer === 'national').map((c) => {
      const country = byIso.get(c.ref_area);
      return { values: [country?.name ?? c.ref_area, c.year, c.criteria, c.working_age_min, c.age_max, c.reference_years, c.sources, c.standards, c.flags, c.notes], year: c.year, region: country?.region ?? '', link: `country/${c.ref_area}.html` };
    }),
  };
  return [regional, countries, comparability];
}

/** The tables of a country page. */
function countryTables(model: DashboardModel, c: DashboardCountry): Table[] {
  const est = model.countryEstimates.filter((x) => x.area === c.iso3);
  const series = model.series.filter((r) => r.ref_area === c.iso3);
  return [
    {
      id: 'estimates', title: 'Estimates',
      note: est.length === 0 ? 'No estimates for this country yet.' : 'Migrant workers in thousands, shares in percent; imputed: the participation of migrants was imputed from other countries.',
      columns: [{ name: 'Year', num: true }, { name: 'Sex' }, { name: 'Age' }, { name: 'Measure' }, { name: 'Value', num: true, decimals: 1 }, { name: 'Imputed' }, { name: 'Basis' }],
      rows: est.map((x) => ({ values: [x.year, sexName(x.sex), ageLabel(x.age), measureName(x.measure), isShare(x.measure) ? x.value * 100 : x.value / 1000, x.imputed ? 'yes' : 'no', x.note], year: x.year, sex: x.sex })),
    },
    {
      id: 'series', title: 'Series held',
      note: 'Every value held for the country: national submissions and benchmarks, with source, reference year, criterion, standard, quality flags and where the value came from.',
      columns: [{ name: 'Year', num: true }, { name: 'Layer' }, { name: 'Indicator' }, { name: 'Sex' }, { name: 'Age' }, { name: 'Migrant status' }, { name: 'Criterion' }, { name: 'Value', num: true, decimals: 1 }, { name: 'Unit' }, { name: 'Flags' }, { name: 'Source' }, { name: 'Reference year', num: true }, { name: 'Standard' }, { name: 'File' }, { name: 'Location' }],
      rows: series.map((r) => ({
        values: [r.year, r.layer, isMeasure(r.indicator) ? MEASURE_LABELS[r.indicator] : r.indicator, sexName(r.sex), ageLabel(r.age), MIGRANT_LABELS[r.migrant as MigrantStatus] ?? r.migrant, r.criterion, r.value, r.unit, r.flags, r.source, r.reference_year, r.standard, r.file.split('/').pop() ?? r.file, r.location],
        year: r.year, sex: r.sex,
      })),
    },
    {
      id: 'sources', title: 'Data sources',
      columns: [{ name: 'Year', num: true }, { name: 'Layer' }, { name: 'Sources' }, { name: 'Source types' }, { name: 'Criterion' }, { name: 'Reference years' }, { name: 'Standard' }, { name: 'Measures' }, { name: 'Values', num: true }, { name: 'Notes' }],
      rows: model.comparability.filter((x) => x.ref_area === c.iso3).map((x) => ({ values: [x.year, x.layer, x.sources, x.source_types, x.criteria, x.reference_years, x.standards, x.measures, x.values, x.notes], year: x.year })),
    },
  ];
}

export interface DashboardFiles {
  /** Relative path -> text, in a fixed order. */
  readonly files: ReadonlyMap<string, string>;
}

/** Every file of the dashboard (module doc): relative path and text. */
export async function dashboardFiles(model: DashboardModel, generator = 'migstat'): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const latest = model.years.at(-1);
  const yearOptions = model.years.map((y) => ({ value: String(y), text: String(y) }));
  const sexOptions = model.sexes.map((s) => ({ value: s, text: sexName(s) }));
  // index
  const maps: string[] = [];
  for (const year of model.years) {
    for (const sex of model.sexes) {
      const chart = mapChart(model, year, sex);
      if (chart) maps.push(await figure(chart, { year, sex }));
    }
  }
  const tables = indexTables(model);
  for (const t of tables) files.set(`csv/${t.id}.csv`, tableCsv(t));
  const countryLinks = model.countries.map((c) => `<li><a href="country/${e(c.iso3)}.html">${e(c.name)}</a> <span class="note">(${e(c.regionName)}; ${c.hasNational.length > 0 ? `national data ${c.hasNational.join(', ')}` : 'no national data: estimates imputed'})</span></li>`);
  files.set('index.html', page(model.title, [
    '<header>', `<h1>${e(model.title)}</h1>`,
    `<p class="lead">International migrant workers (migrants in the labour force, 15+) in ${model.countries.length} countries, ${model.years.length > 0 ? `${model.years[0]}-${latest}` : 'no year yet'}: national submissions, benchmarks and regional estimates (ILO Global Estimates method, 2nd and 3rd editions).</p>`,
    '</header>',
    `<form class="filters" aria-label="Filters">${selectHtml('year', 'Year', [{ value: '', text: 'All years' }, ...yearOptions], latest !== undefined ? String(latest) : '')}${selectHtml('sex', 'Sex', [{ value: '', text: 'All' }, ...sexOptions], 'T')}${selectHtml('region', 'ILO region', [{ value: '', text: 'All regions' }, ...model.regions.map((r) => ({ value: r.code, text: r.name }))], '')}<span class="status" id="f-status"></span></form>`,
    '<main>',
    '<section id="map"><h2>Migrant workers by country</h2>', ...(maps.length > 0 ? maps : ['<p class="note">No country has a value yet.</p>']), '</section>',
    ...tables.map((t) => tableHtml(t, `csv/${t.id}.csv`)),
    '<section id="profiles"><h2>Country profiles</h2>', `<ul>${countryLinks.join('\n')}</ul>`, '</section>',
    '</main>',
    `<footer><p>Made by ${e(generator)} observatory dashboard. Every table is also a CSV file in the folder csv/. Synthetic or national data as ingested: see each country's data sources.</p></footer>`,
  ], generator));
  // countries
  for (const c of model.countries) {
    const rows = model.series.filter((r) => r.ref_area === c.iso3);
    const figs: string[] = [];
    const years = [...new Set([...rows.map((r) => r.year), ...model.countryEstimates.filter((x) => x.area === c.iso3).map((x) => x.year)])].sort((a, b) => a - b);
    for (const year of years) {
      const ry = rows.filter((r) => r.year === year);
      for (const chart of [participationChart(c, year, ry), migrantAgeChart(c, year, ry), stockChart(c, year, ry)]) if (chart) figs.push(await figure(chart, { year }));
    }
    const ct = countryTables(model, c);
    for (const t of ct) files.set(`csv/${c.iso3}-${t.id}.csv`, tableCsv(t));
    const last = years.at(-1);
    files.set(`country/${c.iso3}.html`, page(`${c.name}: ${model.title}`, [
      '<header>', `<p><a href="../index.html">${e(model.title)}</a></p>`, `<h1>${e(c.name)}</h1>`,
      `<p class="facts">ISO3 ${e(c.iso3)} · ILO region: ${e(c.regionName)} · Income group: ${e(c.incomeName)} · National data: ${c.hasNational.length > 0 ? e(c.hasNational.join(', ')) : 'none (estimates imputed)'}</p>`,
      '</header>',
      `<form class="filters" aria-label="Filters">${selectHtml('year', 'Year', [{ value: '', text: 'All years' }, ...years.map((y) => ({ value: String(y), text: String(y) }))], last !== undefined ? String(last) : '')}${selectHtml('sex', 'Sex', [{ value: '', text: 'All' }, ...sexOptions], '')}<span class="status" id="f-status"></span></form>`,
      '<main>',
      '<section id="charts"><h2>Charts</h2>', ...(figs.length > 0 ? figs : ['<p class="note">No chart: the country has no national data and no migrant stock benchmark.</p>']), '</section>',
      ...ct.map((t) => tableHtml(t, `../csv/${c.iso3}-${t.id}.csv`)),
      '</main>',
      `<footer><p>Made by ${e(generator)} observatory dashboard. <a href="../index.html">Back to the overview</a>.</p></footer>`,
    ], generator));
  }
  return files;
}

/**
 * Writes the dashboard folder `outDir` (module doc): every file into a staging folder beside it, then the staging
 * folder renamed into place (an existing dashboard is replaced only once the new one is complete). Returns the
 * relative paths written.
 */
export async function writeDashboard(model: DashboardModel, outDir: string, generator = 'migstat'): Promise<string[]> {
  const files = await dashboardFiles(model, generator);
  const staging = `${outDir}.staging-${process.pid}`;
  const old = `${outDir}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    for (const [rel, text] of files) {
      const p = join(staging, rel);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, text);
    }
    await mkdir(dirname(outDir), { recursive: true });
    let hadOld = false;
    try {
      await rename(outDir, old);
      hadOld = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await rename(staging, outDir);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return [...files.keys()];
}
