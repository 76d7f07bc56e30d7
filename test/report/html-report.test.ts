/**
 * The HTML report (html-report.ts) and its content (report-content.ts, report-format.ts, report-svg.ts) on real
 * Atlantis tables and on small hand-made ones: self-contained, well-formed HTML5, deterministic, escaped, every table
 * with readable labels and units, key figures for either migrant criterion, methodology described from the policy
 * objects, and no value of a suppressed cell anywhere in the output.
 */
import { describe, expect, it } from 'vitest';
import type { IndicatorCell, IndicatorTable } from '../../src/indicators/cell.js';
import { RELIABILITY_PRESETS } from '../../src/indicators/reliability.js';
import { DEFAULT_SUPPRESSION_POLICY } from '../../src/indicators/suppression.js';
import { htmlReport } from '../../src/report/html-report.js';
import { describeReliability, describeSuppression, keyFigures, reportContent } from '../../src/report/report-content.js';
import { classificationLabel, displayTable, formatNumber } from '../../src/report/report-format.js';
import { ReportError, type ReportInput } from '../../src/report/report-model.js';
import { inlineSvg } from '../../src/report/report-svg.js';
import { SENTINEL, atlantisReportInput, expectNoSentinel, withSentinels } from './report-fixture.js';

function cell(p: Partial<IndicatorCell> & Pick<IndicatorCell, 'indicator'>): IndicatorCell {
  return {
    sex: 'SEX_T', classif1: null, classif2: null, unit: 'RT', estimate: 50, se: 2, ci_low: 46, ci_high: 54, df: 100, deff: 1.2,
    cv: 0.04, n: 400, n_domain: 800, N: 1e5, reliability: 'reliable', ...p,
  };
}

/** A small report input around the given tables. */
function smallInput(tables: readonly IndicatorTable[], over: Partial<ReportInput> = {}): ReportInput {
  return {
    title: 'Small report', ref_area: 'ATL', source: 'BA:1',
    sections: [{ id: 'main', heading: 'Main', time: '2024Q1', tables }],
    charts: [],
    methodology: {
      standards: { labourForce: 'ICLS19', migrantCriterion: 'citizenship', usualResidence: '12-months', informality: 'ICLS21' },
      design: 'Simple random sample', variance: 'Taylor linearisation', reliability: 'ilo', suppression: {},
      exclusions: [{ reason: 'age not stated', count: 12, step: 'concepts', variable: 'age' }],
      inputs: [{ path: '/data/secret/folder/persons.csv', role: 'person', sha256: 'ab'.repeat(32), bytes: 1234 }],
    },
    generated: { migstat: '9.9.9' },
    ...over,
  };
}

const VOID = new Set(['meta', 'link', 'br', 'hr', 'img', 'input', 'col', 'wbr', 'source', 'area', 'base', 'embed', 'track']);

/** Tag nesting of an HTML document (foreign SVG elements may self-close); returns the problems found. */
function nestingProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = html.replace(/<style>[\s\S]*?<\/style>/g, '<style></style>').replace(/^<!DOCTYPE html>/, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g)) {
    const [, close, rawName, rest] = m as unknown as [string, string, string, string];
    const name = rawName.toLowerCase();
    if (close) {
      const top = stack.pop();
      if (top !== name) problems.push(`</${name}> closes <${top}>`);
    } else if (!VOID.has(name) && !rest.trimEnd().endsWith('/')) {
      stack.push(name);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}

describe('htmlReport on Atlantis 2024Q1 tables', () => {
  it('is a self-contained, well-formed HTML5 document with every table, the charts and the methodology', async () => {
    const { input, tables } = await atlantisReportInput();
    const html = htmlReport(input);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">')).toBe(true);
    expect(html).toContain('<title>Labour migration statistics: Atlantis, 2024 Q1</title>');
    expect(html).toContain('@media print');
    expect(nestingProblems(html)).toEqual([]);
    // nothing outside the file: no script, no URL of any kind, no external resource
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|src=|https?:|\/\/[a-z]/i);
    expect([...html.matchAll(/url\(([^)]*)\)/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
    expect([...html.matchAll(/href="([^"]*)"/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
    // ids unique, and every internal link lands on one
    const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/href="#([^"]*)"/g)) expect(ids, `link #${m[1]}`).toContain(m[1]);
    // every table, with its number, heading, unit and code
    for (const [i, t] of tables.entries()) {
      expect(html).toContain(`id="t-q1-${t.indicator}"`);
      expect(html).toContain(`<code>${t.indicator}</code>`);
      expect(html).toContain(`Table 1.${i + 1}. `);
    }
    expect(html.match(/<table class="data"/g)).toHaveLength(tables.length);
    // readable labels: dimension headers and items, sex, migstat's own codes
    for (const s of ['<th scope="col" rowspan="2">Place of birth</th>', '<td>Foreign-born</td>', '<td>Native-born</td>', 'Age (Youth, adults)', '<th scope="row">Female</th>', 'ILO region of origin', '<td>Asia and the Pacific</td>', 'Country of birth', '<td>India</td>']) {
      expect(html).toContain(s);
    }
    // counts in thousands, rates in percent, with the unit stated
    const lf = tables.find((t) => t.indicator === 'MST_TEAP_SEX_AGE_CBR_NB')!.cells.find((c) => c.sex === 'SEX_T' && c.classif1 === 'AGE_YTHADULT_YGE15' && c.classif2 === 'CBR_BIR_TOTAL')!;
    expect(html).toContain(`<td class="num">${formatNumber(lf.estimate / 1000, 1)}</td><td class="num">${formatNumber(lf.se / 1000, 1)}</td>`);
    expect(html).toContain('Unit: thousands of persons · <code>MST_TEAP_SEX_AGE_CBR_NB</code>');
    const ur = tables.find((t) => t.indicator === 'MST_TUNE_SEX_AGE_CBR_RT')!.cells[0]!;
    expect(html).toContain(`<td class="num">${formatNumber(ur.estimate, 1)}</td>`);
    expect(html).toContain('Unit: percent · <code>MST_TUNE_SEX_AGE_CBR_RT</code>');
    // flags: the legend, and a badge on every flagged row
    const flagged = (f: string) => tables.flatMap((t) => t.cells).filter((c) => (f === 'x' ? c.suppressed : !c.suppressed && c.reliability === f)).length;
    expect(flagged('x')).toBeGreaterThan(0);
    expect(flagged('unreliable')).toBeGreaterThan(0);
    expect(html.match(/<tr class="[^"]*row-x/g)).toHaveLength(flagged('x'));
    expect(html.match(/<tr class="[^"]*row-U/g)).toHaveLength(flagged('unreliable'));
    expect(html.match(/<tr class="[^"]*row-E/g)).toHaveLength(flagged('less-reliable'));
    expect(html).toContain('<abbr class="flag flag-U" title="unreliable">U</abbr><span>unreliable');
    // charts inline, labelled, ids prefixed per chart
    expect(html).toContain('<figure class="chart" id="chart-lfpr">');
    expect(html).toContain(`role="img" aria-label="${input.charts[0]!.alt}"`);
    expect(html).toContain('<clipPath id="lfpr-clip1">');
    expect(html).toContain('clip-path="url(#migrant-share-clip1)"');
    expect(html).toContain('<figcaption><strong>Figure 2.</strong> <span class="chart-title">Migrants&#39; share of the labour force</span></figcaption>');
    // methodology: standards, design, policies, exclusions with counts, inputs by name with their SHA-256
    for (const s of ['19th International Conference of Labour Statisticians', '20th ICLS (2018)', 'UN 12-month rule', '21st ICLS (2023)', input.methodology.design, input.methodology.variance]) {
      expect(html).toContain(s);
    }
    for (const line of describeReliability(RELIABILITY_PRESETS.ilo)) expect(html).toContain(line.replace(/'/g, '&#39;'));
    for (const line of describeSuppression(DEFAULT_SUPPRESSION_POLICY)) expect(html).toContain(line.replace(/'/g, '&#39;'));
    for (const f of input.methodology.inputs) {
      expect(html).toContain(f.sha256);
      expect(html).toContain(`<td>${f.path.split('/').pop()}</td>`);
    }
    expect(html).not.toContain('datasets/atlantis-lfs');
    for (const x of input.methodology.exclusions) expect(html).toContain(`<td class="num">${formatNumber(x.count, 0)}</td>`);
    expect(html).toContain('<footer><p>Produced with migstat 0.1.0.</p></footer>');
  });

  it('is deterministic: the same input gives the same bytes, also from a copy', async () => {
    const { input } = await atlantisReportInput();
    const a = htmlReport(input);
    expect(htmlReport(structuredClone(input))).toBe(a);
    expect(htmlReport({ ...input, generated: { migstat: '0.1.0', date: '2024-05-01T00:00:00Z' } })).toContain('Produced with migstat 0.1.0 on 2024-05-01T00:00:00Z.');
  });

  it('shows no value of a suppressed cell: its row is all x, and its statistics appear nowhere', async () => {
    const { input, tables } = await atlantisReportInput();
    const secret = withSentinels(tables);
    const html = htmlReport({ ...input, sections: [{ ...input.sections[0]!, tables: secret }] });
    expectNoSentinel(html);
    const rows = [...html.matchAll(/<tr class="[^"]*row-x[^"]*">(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((c) => c[1]));
    expect(rows.length).toBe(tables.flatMap((t) => t.cells).filter((c) => c.suppressed).length);
    for (const r of rows) expect(r).toEqual(['x', 'x', 'x', 'x', 'x', 'x']);
  });
});

describe('key figures', () => {
  const lfpr = (mig: 'CBR' | 'CCT', suppressMigrants = false): IndicatorTable => {
    const [non, m, total] = mig === 'CBR' ? ['CBR_BIR_NATIVE', 'CBR_BIR_FOREIGN', 'CBR_BIR_TOTAL'] : ['CCT_CIT_CITIZEN', 'CCT_CIT_NONCIT', 'CCT_CIT_TOTAL'];
    const indicator = `MST_TEAP_SEX_AGE_${mig}_RT`;
    const c = (classif2: string, estimate: number, more: Partial<IndicatorCell> = {}) => cell({ indicator, classif1: 'AGE_YTHADULT_YGE15', classif2, estimate, ci_low: estimate - 3, ci_high: estimate + 3, ...more });
    return {
      indicator, label: 'Labour force participation rate by sex, age and citizenship (%)',
      cells: [
        c(total, 61), c(non, 60), c(m, 70.25, suppressMigrants ? { suppressed: 'secondary', ...SENTINEL } : { reliability: 'less-reliable' }),
        c(m, 55, { sex: 'SEX_F' }), c(m, 44, { classif1: 'AGE_YTHADULT_Y15-24' }),
      ],
    };
  };

  it('finds a figure by code for either criterion, both sexes and the total of the other classifications', () => {
    for (const mig of ['CBR', 'CCT'] as const) {
      const [f] = keyFigures([lfpr(mig)], 'main');
      expect(f!.id).toBe('lfpr');
      expect(f!.scope).toBe('Both sexes; Age (Youth, adults): 15+');
      expect(f!.tableId).toBe(`main-MST_TEAP_SEX_AGE_${mig}_RT`);
      const groups = mig === 'CBR' ? ['Foreign-born', 'Native-born'] : ['Non-citizens', 'Citizens'];
      expect(f!.values).toEqual([
        { group: groups[0], value: '70.3%', ci: '67.3 to 73.3', flag: 'E' },
        { group: groups[1], value: '60.0%', ci: '57.0 to 63.0', flag: '' },
      ]);
    }
  });

  it('leaves out figures whose tables are absent, and never shows a suppressed value', () => {
    expect(keyFigures([], 'main')).toEqual([]);
    const [f] = keyFigures([lfpr('CCT', true)], 'main');
    expect(f!.values[0]).toEqual({ group: 'Non-citizens', value: 'x', ci: '', flag: 'x' });
    const html = htmlReport(smallInput([lfpr('CCT', true)]));
    expectNoSentinel(html);
    expect(html).toContain('<span class="group">Non-citizens</span><span class="value">x <abbr class="flag flag-x"');
  });

  it('shows counts in thousands and falls back to the migrant workers table', () => {
    const migw: IndicatorTable = {
      indicator: 'MGS_MIGW_SEX_REG_NB', label: 'International migrant workers (labour force) by sex and ILO region of origin (persons)', measure: 'MIGLF',
      cells: [cell({ indicator: 'MGS_MIGW_SEX_REG_NB', unit: 'NB', classif1: 'ILO_REGION_TOTAL', estimate: 93_642.6, ci_low: 81_000, ci_high: 105_700 }), cell({ indicator: 'MGS_MIGW_SEX_REG_NB', unit: 'NB', classif1: 'ILO_REGION_AFR', estimate: 20_000 })],
    };
    const [f] = keyFigures([migw], 's');
    expect(f).toMatchObject({ id: 'migrant-workers', scope: 'Both sexes', values: [{ group: 'Total', value: '93.6 thousand', ci: '81.0 to 105.7', flag: '' }] });
  });
});

describe('table display', () => {
  it('labels codes readably, states units and blanks suppressed cells', () => {
    const t: IndicatorTable = {
      indicator: 'MGS_MIGW_SEX_INC_NB', label: 'Migrant workers by income group (persons)', measure: 'MIGLF',
      cells: [
        cell({ indicator: 'MGS_MIGW_SEX_INC_NB', unit: 'NB', classif1: 'WB_INCOME_TOTAL', estimate: 1_234_567, se: 12_345, ci_low: 1_210_000, ci_high: 1_259_000, cv: 0.01, n_domain: 5000 }),
        cell({ indicator: 'MGS_MIGW_SEX_INC_NB', unit: 'NB', classif1: 'WB_INCOME_LIC', ...SENTINEL, suppressed: 'primary' }),
        cell({ indicator: 'MGS_MIGW_SEX_INC_NB', unit: 'NB', sex: 'SEX_M', classif1: 'WB_INCOME_HIC', estimate: 2000, cv: Number.NaN, reliability: 'unreliable' }),
      ],
    };
    const d = displayTable(t, 's');
    expect(d.heading).toBe('Migrant workers by income group');
    expect(d.unit.text).toBe('thousands of persons');
    expect(d.columns).toEqual(['Sex', 'Income group of the country of origin']);
    expect(d.rows.map((r) => [r.labels, r.flag, r.total, r.groupStart])).toEqual([
      [['Total', 'Total'], '', true, true], [['Total', 'Low income'], 'x', false, false], [['Male', 'High income'], 'U', false, true],
    ]);
    expect(d.rows[0]!.stats).toEqual({ estimate: '1,234.6', se: '12.3', ci_low: '1,210.0', ci_high: '1,259.0', cv: '1.0', n: '5,000' });
    expect(d.rows[1]!.stats).toEqual({ estimate: 'x', se: 'x', ci_low: 'x', ci_high: 'x', cv: 'x', n: 'x' });
    expect(d.rows[2]!.stats.cv).toBe('–');
    expect(d.flags).toEqual({ E: 0, U: 1, x: 1 });
    expect(classificationLabel('CCT_CTZ_OTH')).toBe('Country of citizenship: Other countries');
    expect(classificationLabel('NO_SUCH_CODE')).toBe('NO_SUCH_CODE');
    expect([formatNumber(-0.04, 1), formatNumber(-1234.56, 1), formatNumber(999.96, 1), formatNumber(Number.NaN, 1)]).toEqual(['0.0', '-1,234.6', '1,000.0', '–']);
  });

  it('states the unit of gaps, changes and means from the label', () => {
    const t = (unit: IndicatorCell['unit'], label: string) => displayTable({ indicator: 'X', label, cells: [cell({ indicator: 'X', unit, estimate: 12_345 })] }, 's');
    expect(t('GAP', 'Change from 2024Q1 to 2024Q2: Labour force (persons)')).toMatchObject({ unit: { text: 'thousands of persons' }, heading: 'Change from 2024Q1 to 2024Q2: Labour force', rows: [{ stats: { estimate: '12.3' } }] });
    expect(t('GAP', 'Unemployment rate: migrants minus non-migrants (percentage points)')).toMatchObject({ unit: { text: 'percentage points' } });
    expect(t('MEAN', 'Mean monthly earnings (local currency)')).toMatchObject({ unit: { text: 'local currency' }, heading: 'Mean monthly earnings', rows: [{ stats: { estimate: '12,345.0' } }] });
    expect(t('MEAN', 'Mean weekly hours actually worked')).toMatchObject({ unit: { text: 'mean, in the unit of the variable' }, heading: 'Mean weekly hours actually worked' });
    expect(t('NB', 'Employment by sex and economic activity (ISIC Rev.4)').heading).toBe('Employment by sex and economic activity (ISIC Rev.4)');
  });
});

describe('methodology from the policies', () => {
  it('describes the reliability and suppression policies given, not fixed prose', () => {
    const ilo = RELIABILITY_PRESETS.ilo;
    expect(describeReliability(ilo)[0]).toBe(`Coefficient of variation (CV = SE / |estimate|) of counts, rates, means and medians: reliable up to ${ilo.cv!.reliable}%, less reliable (E) up to ${ilo.cv!.less_reliable}%, unreliable (U) above.`);
    const html = htmlReport(smallInput([], { methodology: { ...smallInput([]).methodology, reliability: { preset: 'ilo', cv: { reliable: 10, less_reliable: 25 }, min_n: 50 }, suppression: { min_count: 10, protection: 15 } } }));
    expect(html).toContain('reliable up to 10%, less reliable (E) up to 25%');
    expect(html).toContain('fewer than 50 unweighted observations');
    expect(html).toContain('resting on 1 to 9 unweighted observations');
    expect(html).toContain('within 15% of its value');
    const nchs = describeReliability(RELIABILITY_PRESETS.nchs).join(' ');
    expect(nchs).toContain('wider than 30 percentage points');
    expect(nchs).toContain('fewer than 8 degrees of freedom');
    const full = htmlReport(smallInput([], { methodology: { ...smallInput([]).methodology, reliability: RELIABILITY_PRESETS.nchs, suppression: DEFAULT_SUPPRESSION_POLICY } }));
    for (const line of describeReliability(RELIABILITY_PRESETS.nchs)) expect(full).toContain(line);
    expect(describeReliability(RELIABILITY_PRESETS.none)).toEqual(['No reliability rule was applied: every cell is shown as reliable.']);
    expect(describeSuppression({ ...DEFAULT_SUPPRESSION_POLICY, enabled: false })).toEqual(['Disclosure control was switched off for this run: no cell is suppressed.']);
  });

  it('states the standards, exclusions and input files by name (never the folder)', () => {
    const c = reportContent(smallInput([]));
    expect(c.methodology.definitions.map((d) => d.term)).toEqual(['Labour force', 'International migrants', 'Usual residence', 'Informal employment']);
    expect(c.methodology.definitions[1]!.text).toContain('country of citizenship (foreign citizens)');
    const html = htmlReport(smallInput([]));
    expect(html).toContain('<tr><td>age not stated</td><td>concepts</td><td>age</td><td class="num">12</td></tr>');
    expect(html).toContain(`<td>persons.csv</td><td>person</td><td class="num">1,234</td><td class="sha">${'ab'.repeat(32)}</td>`);
    expect(html).not.toContain('secret');
  });
});

describe('escaping and input checks', () => {
  it('escapes every text it inserts', () => {
    const t: IndicatorTable = { indicator: 'MGS_X', label: 'A <i>label</i> & "quotes"', cells: [cell({ indicator: 'MGS_X', classif1: '<b>code</b>' })] };
    const html = htmlReport(smallInput([t], {
      title: 'Title <script>alert(1)</script>', subtitle: "it's <b>", source: 'BA:1 & <src>',
      sections: [{ id: 'main', heading: 'Heading <hr>', time: '2024"Q1', tables: [t], note: '<em>note</em>', tableNotes: { MGS_X: 'note <u>' } }],
      charts: [{ id: 'c1', title: 'Chart <title>', alt: 'Alt "text" <x>', svg: '<svg width="10" height="10"><text>T</text></svg>' }],
    }));
    expect(html).not.toMatch(/<script|<b>|<i>|<hr>|<em>|<u>|<src>|<x>/);
    for (const s of ['Title &lt;script&gt;alert(1)&lt;/script&gt;', 'it&#39;s &lt;b&gt;', 'A &lt;i&gt;label&lt;/i&gt; &amp; &quot;quotes&quot;', '&lt;b&gt;code&lt;/b&gt;', '2024&quot;Q1', 'note &lt;u&gt;', 'aria-label="Alt &quot;text&quot; &lt;x&gt;"', 'Chart &lt;title&gt;']) {
      expect(html).toContain(s);
    }
    expect(nestingProblems(html)).toEqual([]);
  });

  it('refuses SVG that runs code or reaches outside the file, and inputs it cannot anchor', () => {
    const bad = [
      '<svg><script>alert(1)</script></svg>', '<svg onload="x()"><rect/></svg>', '<svg><image href="https://example.org/a.png"/></svg>',
      '<svg><rect style="fill:url(http://x/y)"/></svg>', '<svg><foreignObject><p>x</p></foreignObject></svg>', '<svg><style>@import "x.css";</style></svg>',
      '<div>not svg</div>',
    ];
    for (const svg of bad) expect(() => inlineSvg(svg, 'c', 'alt'), svg).toThrow(ReportError);
    expect(inlineSvg('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" role="x" aria-label="old"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use xlink:href="#g"/><image href="data:image/png;base64,AAAA"/></svg>', 'c', 'New'))
      .toBe('<svg role="img" aria-label="New"><defs><linearGradient id="c-g"/></defs><rect fill="url(#c-g)"/><use xlink:href="#c-g"/><image href="data:image/png;base64,AAAA"/></svg>');
    const base = smallInput([]);
    expect(() => htmlReport({ ...base, sections: [...base.sections, ...base.sections] })).toThrow(/section id "main" is used twice/);
    expect(() => htmlReport({ ...base, sections: [{ ...base.sections[0]!, id: 'a b' }] })).toThrow(ReportError);
    expect(() => htmlReport({ ...base, charts: [{ id: 'c', title: 't', alt: 'a', svg: '<svg></svg>', png: 'https://x/y.png' }] })).toThrow(/relative file name/);
    expect(() => htmlReport({ ...base, methodology: { ...base.methodology, level: 95 } })).toThrow(/between 0 and 1/);
  });
});
