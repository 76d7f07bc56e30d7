/**
 * Exercise 3: weighted means and totals with design-based standard errors on two samples of California schools:
 * apistrat (stratified by school type, without replacement) and apiclus1 (one-stage cluster sample of districts).
 */
import { fileURLToPath } from 'node:url';
import { estimate, readCsv, svyDesign } from '../../../src/index.js';

const api = fileURLToPath(new URL('../../../datasets/api/', import.meta.url));

export async function solve(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const designs = {
    // R: svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
    strat: svyDesign(readCsv(`${api}apistrat.csv`), { strata: 'stype', weight: 'pw', fpc: ['fpc'] }),
    // R: svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
    clus1: svyDesign(readCsv(`${api}apiclus1.csv`), { psu: ['dnum'], weight: 'pw', fpc: ['fpc'] }),
  };
  for (const [name, design] of Object.entries(designs)) {
    const { results } = estimate(design, [{ statistic: 'mean', variable: 'api00' }, { statistic: 'total', variable: 'enroll' }]);
    const mean = results.find((r) => r.statistic === 'mean')!;
    const total = results.find((r) => r.statistic === 'total')!;
    out[`${name}_mean_api00`] = mean.estimate;
    out[`${name}_mean_api00_se`] = mean.se;
    out[`${name}_total_enroll`] = total.estimate;
    out[`${name}_total_enroll_se`] = total.se;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
