/** RDS diagnostic charts (convergence by wave, estimate by seed tree) on the Atlantis hidden-population sample. */
import { describe, expect, it } from 'vitest';
import { ChartError } from '../../src/charts/chart.js';
import { rdsBottleneckChart, rdsConvergenceChart } from '../../src/charts/rds-diagnostics.js';
import { chartSvg, renderChart } from '../../src/charts/render.js';
import { readTable } from '../../src/io/read.js';
import { rdsEstimate } from '../../src/sampling/rds-analysis.js';
import { rdsFromRecruiters } from '../../src/sampling/rds-data.js';
import { rdsBottlenecks, rdsConvergence } from '../../src/sampling/rds-diagnostics.js';
import { collect, expectCommon } from './support.js';

const file = new URL('../../datasets/atlantis-hidden/rds_sample.csv', import.meta.url).pathname;
const SOURCE = 'Source: Atlantis hidden-population RDS, migstat estimates';

async function diagnostics() {
  const sample = rdsFromRecruiters(await readTable(file), { id: 'respondent_id', recruiter: 'recruiter_id' }, { degree: 'network_size' });
  const options = { estimator: 'rds2' as const, outcomeKind: 'categorical' as const };
  return { final: rdsEstimate(sample, 'below_min_wage', options).results, convergence: rdsConvergence(sample, 'below_min_wage', options), bottlenecks: rdsBottlenecks(sample, 'below_min_wage', options) };
}

describe('RDS diagnostic charts', () => {
  it('convergence: one line per level by wave in percent, the final estimates as rules, title, units, source and alt text', async () => {
    const d = await diagnostics();
    const chart = rdsConvergenceChart(d.convergence, d.final, { source: SOURCE, population: 'domestic workers' });
    expectCommon(chart, ['Wave (0 = seeds)'], SOURCE);
    expect(chart.title).toBe('Convergence of the RDS-II estimate of below_min_wage by wave, domestic workers');
    const values = collect(chart.spec, 'values') as { level?: string; wave?: number; estimate: number }[][];
    const lines = values.find((v) => v[0]?.wave !== undefined)!;
    expect(lines.length).toBe(d.convergence.length);
    const last = Math.max(...d.convergence.map((r) => r.wave));
    for (const f of d.final) {
      const atLast = lines.find((v) => v.wave === last && v.level === `below_min_wage = ${f.level}`)!;
      expect(atLast.estimate).toBeCloseTo(100 * f.estimate, 9);
    }
    expect(chart.alt).toContain(`below_min_wage = 1 ${(100 * d.final[1]!.estimate).toFixed(1)}`);
    expect(await chartSvg(chart)).toContain('Convergence of the RDS-II estimate');
  });

  it('bottlenecks: one row per seed tree, sized by respondents; same bytes twice; empty input is an error', async () => {
    const d = await diagnostics();
    const chart = rdsBottleneckChart(d.bottlenecks, d.final, { source: SOURCE });
    expectCommon(chart, ['Per cent (%)'], SOURCE);
    const trees = new Set(d.bottlenecks.map((r) => r.seed));
    expect(trees.size).toBe(10);
    const png = await renderChart(chart, 'png');
    expect(Buffer.from(await renderChart(chart, 'png')).equals(Buffer.from(png))).toBe(true);
    expect(() => rdsBottleneckChart([], d.final)).toThrow(ChartError);
    expect(() => rdsConvergenceChart([], d.final)).toThrow(/needs the convergence table/);
  });
});
