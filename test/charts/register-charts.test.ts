/** Register charts (stock by nationality, flows by nationality) from the Atlantis work permit register. */
import { describe, expect, it } from 'vitest';
import { flowTables } from '../../src/admin/flows.js';
import { isoToDays } from '../../src/admin/registers.js';
import { stockTables } from '../../src/admin/stocks.js';
import { ChartError } from '../../src/charts/chart.js';
import { registerFlowsChart, registerStockChart } from '../../src/charts/register-charts.js';
import { chartSvg } from '../../src/charts/render.js';
import { loadRegisters } from '../../src/pipeline/registers.js';
import { drawn, expectCommon } from './support.js';

const dir = new URL('../../datasets/atlantis-permits/', import.meta.url).pathname;
const SOURCE = 'Source: Atlantis work permit register; migstat';

async function permits() {
  return (await loadRegisters([`work_permits=${dir}work_permits.csv`], { profile: `${dir}profile_work_permits.yaml`, fixReversed: 'swap', keysId: 'row_id' })).permits;
}

describe('register charts', () => {
  it('stock: one bar per nationality, largest first, the persons of the table; title, units, source, alt text', async () => {
    const stock = stockTables(await permits(), isoToDays('2023-12-31'), { by: ['nationality'] });
    const chart = registerStockChart(stock.tables, { source: SOURCE, date: '2023-12-31', area: 'Atlantis' });
    expectCommon(chart, ['Persons'], SOURCE);
    const values = drawn(chart) as { nationality: string; persons: number }[];
    const cells = stock.tables.find((t) => t.indicator === 'MGS_PRMP_SEX_CCT_NB')!.cells.filter((c) => c.sex === 'SEX_T' && c.classif1 !== 'CCT_CTZ_TOTAL' && !c.classif1!.endsWith('_X'));
    expect(values.reduce((a, v) => a + v.persons, 0)).toBe(cells.reduce((a, c) => a + c.estimate, 0));
    expect(values.map((v) => v.persons)).toEqual([...values.map((v) => v.persons)].sort((a, b) => b - a));
    expect(await chartSvg(chart)).toContain('Foreign workers holding a valid permit by nationality, Atlantis, 2023-12-31');
    expect(() => registerStockChart([], { date: '2023-12-31' })).toThrow(ChartError);
  });

  it('flows: inflows, renewals and outflows by nationality, suppressed cells left out and counted', async () => {
    const flows = flowTables(await permits(), isoToDays('2023-01-01'), isoToDays('2023-12-31'), { by: ['nationality'] });
    const hide = (c: { sex: string; classif1: string | null }) => c.sex === 'SEX_T' && c.classif1 === 'CCT_CTZ_IND';
    const tables = flows.tables.map((t) => (t.indicator === 'MGS_OFL_SEX_CCT_NB' ? { ...t, cells: t.cells.map((c) => (hide(c) ? { ...c, suppressed: 'primary' as const } : c)) } : t));
    const chart = registerFlowsChart(tables, { source: SOURCE, period: '2023' });
    expectCommon(chart, ['Permits or persons in the period'], SOURCE);
    const flowsDrawn = new Set((drawn(chart) as { flow: string }[]).map((v) => v.flow));
    expect([...flowsDrawn].sort()).toEqual(['First permits (inflows)', 'Outflows', 'Renewals']);
    expect(chart.suppressed).toBe(1);
    expect((drawn(chart) as { flow: string; nationality: string }[]).filter((v) => v.nationality === 'India').map((v) => v.flow).sort()).toEqual(['First permits (inflows)', 'Renewals']);
    expect(chart.alt).toMatch(/first permits \(inflows\) [\d,]+, renewals [\d,]+, outflows [\d,]+/);
  });
});
