/**
 * A report input built from real Atlantis LFS 2024Q1 tables (profile -> concepts -> indicators, with reliability flags
 * and disclosure control), two small hand-made SVG charts, and the run's methodology; and sentinel values for the
 * statistics of suppressed cells, that no report may show. Shared by the report tests.
 */
import { expect } from 'vitest';
import { designFromOptions } from '../../src/cli/design-options.js';
import { readTable } from '../../src/io/read.js';
import type { IndicatorTable } from '../../src/indicators/cell.js';
import { runIndicators } from '../../src/pipeline/indicators.js';
import { applyProfile } from '../../src/profile/apply.js';
import { loadProfile } from '../../src/profile/load.js';
import type { ReportChart, ReportInput } from '../../src/report/report-model.js';
import { buildRunMetadata } from '../../src/report/run-metadata.js';

const dir = new URL('../../datasets/atlantis-lfs/', import.meta.url).pathname;

/** The indicators of the fixture: every kind of key figure, counts with suppressed cells, a gap, a mean, migstat codes. */
export const FIXTURE_CODES = [
  'MGS_MSHR_SEX_TEAP_RT', 'MST_TEAP_SEX_AGE_CBR_NB', 'MST_TUNE_SEX_AGE_CBR_NB', 'MST_TEAP_SEX_AGE_CBR_RT', 'MST_TUNE_SEX_AGE_CBR_RT',
  'MGS_IFL_SEX_CBR_RT', 'MST_EARA_SEX_CBR_NB', 'MGS_PGAP_SEX_CBR_RT', 'MGS_MIGW_SEX_REG_NB', 'MGS_MIGW_SEX_CTY_NB', 'MGS_FWRK_SEX_AGE_NB',
  'MST_TEMP_SEX_STE_CBR_NB',
];

/** Hand-made charts: a bar chart with a clip path (ids that a second chart repeats) and a line chart; their titles are in <text>. */
export const FIXTURE_CHARTS: readonly ReportChart[] = [
  {
    id: 'lfpr',
    title: 'Labour force participation rate by place of birth',
    alt: 'Bar chart: labour force participation rate of foreign-born and native-born persons aged 15+, 2024Q1.',
    png: 'charts/lfpr.png',
    svg: `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="420" height="220" viewBox="0 0 420 220">
<defs><clipPath id="clip1"><rect x="40" y="30" width="360" height="160"/></clipPath></defs>
<text x="210" y="18" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="14">Labour force participation rate by place of birth</text>
<g clip-path="url(#clip1)"><rect x="80" y="60" width="100" height="130" fill="#0b4f8a"/><rect x="240" y="85" width="100" height="105" fill="#7aa6d2"/></g>
<text x="130" y="205" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="12">Foreign-born</text>
<text x="290" y="205" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="12">Native-born</text>
</svg>`,
  },
  {
    id: 'migrant-share',
    title: "Migrants' share of the labour force",
    alt: "Line chart: migrants' share of the labour force by sex.",
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="200" viewBox="0 0 420 200">
<defs><clipPath id="clip1"><rect x="40" y="30" width="360" height="140"/></clipPath></defs>
<text x="210" y="18" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="14">Migrants' share of the labour force</text>
<g clip-path="url(#clip1)"><polyline points="40,150 160,120 280,110 400,80" fill="none" stroke="#0b4f8a" stroke-width="3"/></g>
<text x="40" y="190" font-family="DejaVu Sans, sans-serif" font-size="12">Total, men and women</text>
</svg>`,
  },
];

/** Values no real Atlantis cell has, for the statistics of suppressed cells: none may reach a report. */
export const SENTINEL = { estimate: 96_969_696.9, se: 87_878_787.8, ci_low: 76_767_676.7, ci_high: 65_656_565.6, cv: 98.989898, n: 8_675_309, n_domain: 8_675_309, N: 96_969_696.9, df: 4_242_424, deff: 31_313.13 };

/** The sentinels in every form a report could print them: thousands, percent, raw, with or without separators. */
const SENTINEL_TEXTS = ['96,969', '96969', '87,878', '87878', '76,767', '76767', '65,656', '65656', '9,899', '8,675,309', '8675309', '4242424', '4,242,424', '31313', '31,313'];

/** The tables with every statistic of their suppressed cells replaced by the sentinels. */
export function withSentinels(tables: readonly IndicatorTable[]): IndicatorTable[] {
  return tables.map((t) => ({ ...t, cells: t.cells.map((c) => (c.suppressed ? { ...c, ...SENTINEL } : c)) }));
}

/** Asserts that no sentinel value appears in a report's text. */
export function expectNoSentinel(text: string): void {
  for (const s of SENTINEL_TEXTS) expect(text.includes(s), `sentinel ${s} in the output`).toBe(false);
}

let cached: Promise<{ input: ReportInput; tables: IndicatorTable[] }> | undefined;

/** The fixture report input (computed once per test file: about a second). */
export function atlantisReportInput(): Promise<{ input: ReportInput; tables: IndicatorTable[] }> {
  cached ??= build();
  return cached;
}

async function build(): Promise<{ input: ReportInput; tables: IndicatorTable[] }> {
  const files = { person: `${dir}lfs_2024q1_persons.parquet`, absent: `${dir}lfs_2024q1_absent.parquet`, households: `${dir}lfs_2024q1_households.parquet` };
  const loaded = loadProfile(`${dir}profile.yaml`);
  const applied = applyProfile(loaded, {
    person: await readTable(files.person), absent: await readTable(files.absent), households: await readTable(files.households),
  });
  const design = designFromOptions(applied.table, applied.estimateOptions as Record<string, unknown>);
  const run = runIndicators(loaded, applied.table, design, { codes: FIXTURE_CODES, criterion: 'birth', reliability: 'ilo' });
  const d = run.derivation;
  const metadata = await buildRunMetadata({
    inputs: Object.entries(files).map(([role, path]) => ({ path, role })),
    standards: { labourForce: d.standard, migrantCriterion: d.criterion, usualResidence: d.residenceRule, informality: d.informality, workingAge: `${d.workingAgeMin}+` },
    options: { set: 'ilms-core', reliability: 'ilo', level: 0.95 },
    exclusions: [
      ...d.exclusions.map((e) => ({ ...e, step: 'concepts' })),
      { reason: 'count cells not published: primary suppression', count: run.suppression.suppressed.filter((s) => s.suppressed === 'primary').length, step: 'disclosure control' },
    ],
    versions: { migstat: '0.1.0', node: 'v20' },
  });
  const tables = run.tables;
  const input: ReportInput = {
    title: 'Labour migration statistics: Atlantis, 2024 Q1',
    subtitle: 'International migrants in the labour market, from the Atlantis Labour Force Survey (synthetic data)',
    ref_area: 'ATL',
    source: 'BA:0 Atlantis Labour Force Survey',
    sections: [
      { id: 'q1', heading: 'Labour force and migrant workers', time: '2024Q1', tables, note: 'Estimates for the usually resident population aged 15 and over.', tableNotes: { MGS_PGAP_SEX_CBR_RT: 'Gap of mean monthly earnings of employees, relative to non-migrants.' } },
    ],
    charts: FIXTURE_CHARTS,
    methodology: {
      standards: metadata.standards,
      design: 'Stratified two-stage sample of dwellings (primary sampling units: enumeration areas in strata by region and urban/rural).',
      variance: 'Taylor linearisation with the design degrees of freedom (PSUs minus strata).',
      reliability: 'ilo',
      suppression: {},
      exclusions: metadata.exclusions,
      inputs: metadata.inputs,
      options: metadata.options,
      notes: ['Synthetic training data: the figures describe no real country.'],
    },
    generated: { migstat: '0.1.0' },
  };
  return { input, tables };
}
