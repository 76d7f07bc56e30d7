/**
 * Design and estimates: a stratified sample of California schools (datasets/api/apistrat.csv, the R `survey` example),
 * its design, totals and means by school type, a proportion, and contrasts between domains.
 *
 * Run: npx tsx examples/library/design-and-estimates.ts
 * The R equivalent: svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat);
 * svyby(~api00, ~stype, dstrat, svymean, covmat = TRUE); svycontrast(...).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
// In your own code: import { ... } from 'migstat';
import { contrast, estimate, readCsv, svyDesign, type ContrastResult, type EstimateResult } from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface DesignAndEstimates {
  readonly overall: EstimateResult;
  readonly byType: EstimateResult;
  readonly contrasts: ContrastResult;
}

export async function main(log: (line: string) => void = console.log): Promise<DesignAndEstimates> {
  const apistrat = readCsv(`${root}datasets/api/apistrat.csv`);
  const design = svyDesign(apistrat, { strata: 'stype', weight: 'pw', fpc: ['fpc'] });

  // Whole population: total enrolment, mean API score 2000, share of schools meeting their growth target.
  const overall = estimate(design, [
    { statistic: 'total', variable: 'enroll' },
    { statistic: 'mean', variable: 'api00' },
    { statistic: 'proportion', variable: 'sch.wide', value: 'Yes' },
  ]);
  log(`design: ${overall.design.n} schools, N = ${overall.design.N.toFixed(0)}, df = ${overall.design.df} (${overall.design.variance})`);
  for (const r of overall.results) {
    log(`${r.statistic}(${r.variable}${r.level === null ? '' : ` = ${r.level}`}) = ${r.estimate.toFixed(3)}  se ${r.se.toFixed(3)}  95% CI [${r.ci_low.toFixed(3)}, ${r.ci_high.toFixed(3)}]  deff ${r.deff?.toFixed(2) ?? '-'}`);
  }

  // Domains: mean API 2000 and 1999 by school type (E, H, M), with the covariance of all rows for contrasts.
  const byType = estimate(design, [{ statistic: 'mean', variable: 'api00' }, { statistic: 'mean', variable: 'api99' }], { by: ['stype'], covariance: true });
  for (const r of byType.results) log(`mean ${r.variable} | stype = ${r.domain['stype']}: ${r.estimate.toFixed(2)} (se ${r.se.toFixed(2)}, cv ${(100 * r.cv).toFixed(1)}%)`);

  // Contrasts: elementary minus high schools in 2000, growth 1999 -> 2000 of elementary schools, and their ratio.
  const row = (variable: string, stype: string) => ({ statistic: 'mean' as const, variable, domain: { stype } });
  const contrasts = contrast(byType, [
    { name: 'E - H, api00', linear: [{ row: row('api00', 'E'), coef: 1 }, { row: row('api00', 'H'), coef: -1 }] },
    { name: 'growth of E, api00 - api99', linear: [{ row: row('api00', 'E'), coef: 1 }, { row: row('api99', 'E'), coef: -1 }] },
    { name: 'E / H, api00', ratio: [row('api00', 'E'), row('api00', 'H')] },
  ]);
  for (const c of contrasts.results) log(`${c.name}: ${c.estimate.toFixed(3)} (se ${c.se.toFixed(3)}, 95% CI [${c.ci_low.toFixed(3)}, ${c.ci_high.toFixed(3)}])`);
  return { overall, byType, contrasts };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
