/**
 * Exercise 8: sampling migrant populations. Part A: the sample size of a migrant survey and the households to screen.
 * Part B: the RDS-II (Volz-Heckathorn) estimate of the share of domestic workers paid below the minimum wage from the
 * respondent-driven sample of datasets/atlantis-hidden.
 */
import { fileURLToPath } from 'node:url';
import { rdsEstimate, rdsFromCoupons, readCsv, sampleSize } from '../../../src/index.js';

const hidden = fileURLToPath(new URL('../../../datasets/atlantis-hidden/', import.meta.url));

export async function solve(): Promise<Record<string, number>> {
  // A: p = 0.5, margin of error 0.05 (95%), design effect 2; 8% of the screened units are migrants, response rate 0.7
  const s = sampleSize({ proportion: 0.5 }, { moe: 0.05 }, { deff: 2, prevalence: 0.08, responseRate: 0.7 });
  // B: recruitment through the coupons; degree = network_size; RDS-II with its normal interval (EL standard error)
  const t = readCsv(`${hidden}rds_sample.csv`);
  const sample = rdsFromCoupons(t, { id: 'respondent_id', coupon: 'coupon', issued: ['coupon_given_1', 'coupon_given_2', 'coupon_given_3'] }, { degree: 'network_size' });
  const below = rdsEstimate(sample, 'below_min_wage', { estimator: 'rds2', outcomeKind: 'numeric' }).results[0]!;
  return {
    sample_size: s.n,
    screen: s.n_select!,
    rds2_below_min_wage: below.estimate,
    rds2_below_min_wage_se: below.se,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
