/**
 * Charts of register statistics (src/admin): persons holding a valid permit by nationality at a reference date, and
 * the flows of a period (first permits, renewals, outflows) by nationality. Register counts are exact (no intervals);
 * suppressed cells are not drawn and are counted in the note.
 */
import { countryByIso3 } from '../classifications/countries.js';
import type { IndicatorCell, IndicatorTable } from '../indicators/cell.js';
import { type Chart, ChartError, type ChartOptions, assembleChart } from './chart.js';
import { OKABE_ITO, SINGLE_COLOUR } from './style.js';

const WIDTH = 460;

/** Both-sexes cells of a table by nationality (`CCT_CTZ_<ISO3>`, totals and not-stated left out). */
function byNationality(table: IndicatorTable | undefined, code: string): { cells: IndicatorCell[]; suppressed: number } {
  if (!table) throw new ChartError(`register chart needs table ${code}: run the statistics by nationality`);
  const cells = table.cells.filter((c) => c.sex === 'SEX_T' && c.classif1 !== null && /^CCT_CTZ_[A-Z]{3}$/.test(c.classif1) && c.classif1 !== 'CCT_CTZ_TOTAL');
  return { cells: cells.filter((c) => !c.suppressed), suppressed: cells.filter((c) => c.suppressed).length };
}

const countryName = (classif1: string): string => {
  const iso3 = classif1.slice(-3);
  return countryByIso3(iso3)?.name ?? iso3;
};

const suppressedNote = (n: number): string[] => (n > 0 ? [`${n} suppressed cells (small counts) are not drawn.`] : []);

/** Persons holding a valid permit at the reference date by nationality (MGS_PRMP_SEX_CCT_NB), largest first. */
export function registerStockChart(tables: readonly IndicatorTable[], options: ChartOptions & { readonly date: string; readonly area?: string } = { date: '' }): Chart {
  const code = 'MGS_PRMP_SEX_CCT_NB';
  const { cells, suppressed } = byNationality(tables.find((t) => t.indicator === code), code);
  const values = cells.map((c) => ({ nationality: countryName(c.classif1!), persons: c.estimate })).sort((a, b) => b.persons - a.persons || a.nationality.localeCompare(b.nationality));
  const total = values.reduce((a, v) => a + v.persons, 0);
  const title = `Foreign workers holding a valid permit by nationality${options.area ? `, ${options.area}` : ''}, ${options.date}`;
  const top = values.slice(0, 3).map((v) => `${v.nationality} ${v.persons.toLocaleString('en-US')}`).join(', ');
  const alt = `Bar chart of the persons holding a valid permit on ${options.date} by nationality, from the register (exact counts): ${values.length} nationalities, ${total.toLocaleString('en-US')} persons drawn; largest ${top}.`
    + (suppressed > 0 ? ` ${suppressed} small cells are suppressed and not shown.` : '');
  return assembleChart({
    id: 'register-stock', title, alt, suppressed, drawn: values.length, source: options.source ?? 'Source: administrative registers; migstat', width: WIDTH,
    notes: ['Register counts: exact, no sampling error. A person with several valid permits counts once.', ...suppressedNote(suppressed)],
    body: {
      width: WIDTH, height: { step: 16 }, data: { values },
      mark: { type: 'bar', color: SINGLE_COLOUR },
      encoding: {
        y: { field: 'nationality', type: 'nominal', title: 'Nationality', sort: values.map((v) => v.nationality), axis: { labelLimit: 260 } },
        x: { field: 'persons', type: 'quantitative', title: 'Persons' },
        tooltip: [{ field: 'nationality' }, { field: 'persons', format: ',' }],
      },
    },
  });
}

/** The flows of a period by nationality: first permits, renewals and outflows side by side. */
export function registerFlowsChart(tables: readonly IndicatorTable[], options: ChartOptions & { readonly period: string; readonly area?: string } = { period: '' }): Chart {
  const inflow = tables.find((t) => t.indicator === 'MFL_NCIT_SEX_CCT_NB' || t.indicator === 'MGS_MFL_SEX_CCT_NB');
  const series = [
    ['First permits (inflows)', inflow, inflow?.indicator ?? 'MFL_NCIT_SEX_CCT_NB', OKABE_ITO.blue],
    ['Renewals', tables.find((t) => t.indicator === 'MGS_RNW_SEX_CCT_NB'), 'MGS_RNW_SEX_CCT_NB', OKABE_ITO.bluishGreen],
    ['Outflows', tables.find((t) => t.indicator === 'MGS_OFL_SEX_CCT_NB'), 'MGS_OFL_SEX_CCT_NB', OKABE_ITO.vermillion],
  ] as const;
  let suppressed = 0;
  const values = series.flatMap(([flow, table, code]) => {
    const r = byNationality(table, code);
    suppressed += r.suppressed;
    return r.cells.map((c) => ({ nationality: countryName(c.classif1!), flow, persons: c.estimate }));
  });
  const order = [...new Set(values.filter((v) => v.flow === series[0][0]).sort((a, b) => b.persons - a.persons || a.nationality.localeCompare(b.nationality)).map((v) => v.nationality))];
  const sum = (flow: string): number => values.filter((v) => v.flow === flow).reduce((a, v) => a + v.persons, 0);
  const title = `Permit flows by nationality${options.area ? `, ${options.area}` : ''}, ${options.period}`;
  const alt = `Grouped bar chart of the register flows of ${options.period} by nationality: ${series.map(([flow]) => `${flow.toLowerCase()} ${sum(flow).toLocaleString('en-US')}`).join(', ')} (exact counts).`
    + (suppressed > 0 ? ` ${suppressed} small cells are suppressed and not shown.` : '');
  return assembleChart({
    id: 'register-flows', title, alt, suppressed, drawn: values.length, source: options.source ?? 'Source: administrative registers; migstat', width: WIDTH,
    notes: ['Inflows: a person\'s first permit; outflows: a permit ending without renewal within the grace period, or cancelled.', ...suppressedNote(suppressed)],
    body: {
      width: WIDTH, height: { step: 8 }, data: { values },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'nationality', type: 'nominal', title: 'Nationality', sort: order, axis: { labelLimit: 260 } },
        yOffset: { field: 'flow', sort: series.map(([f]) => f) },
        x: { field: 'persons', type: 'quantitative', title: 'Permits or persons in the period' },
        color: { field: 'flow', type: 'nominal', title: 'Flow', sort: series.map(([f]) => f), scale: { domain: series.map(([f]) => f), range: series.map(([, , , c]) => c) } },
        tooltip: [{ field: 'nationality' }, { field: 'flow' }, { field: 'persons', format: ',' }],
      },
    },
  });
}
