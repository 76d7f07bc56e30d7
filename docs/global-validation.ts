/**
 * Validation of the regional and global estimates on seeded synthetic worlds (src/global/METHOD.md §6): prints the
 * markdown tables of docs/validation.md. Run from the repository root:
 *
 *   npx tsx docs/global-validation.ts
 *
 * About 3 minutes on one core. Every number is seeded: the same command prints the same tables.
 */
import { coverageStudy, runSyntheticWorld, type CoverageStudy } from '../src/global/synthetic-world.js';
import { replicatePublished, GLOBAL_ESTIMATES_2022 } from '../src/global/aggregation.js';
import type { GlobalEstimateOptions } from '../src/global/uncertainty.js';
import type { SyntheticWorldOptions } from '../src/global/synthetic-world.js';

const pct = (v: number, d = 1): string => `${(100 * v).toFixed(d)}%`;

function coverageTable(title: string, s: CoverageStudy): void {
  console.log(`\n#### ${title}\n`);
  console.log('| aggregate | coverage | MC SE | mean half-width (% of truth) | mean error of the point estimate |');
  console.log('|---|---|---|---|---|');
  for (const r of s.rows) console.log(`| ${r.dimension === 'world' ? 'World' : r.code} | ${r.coverage.toFixed(3)} | ${r.monteCarloSe.toFixed(3)} | ${pct(r.meanRelativeHalfWidth, 2)} | ${pct(r.meanRelativeError, 2)} |`);
  const p = s.pooledRegions;
  console.log(`| regions pooled | ${p.coverage.toFixed(3)} (${p.covered}/${p.intervals}) | ${p.monteCarloSe.toFixed(4)} | | |`);
  const a = s.meanAccuracy;
  console.log(`\nImputation accuracy (mean over worlds; ${a.countries.toFixed(1)} countries without national data a world): `
    + `mean |X̂ − X|/X ${a.meanAbsoluteRelativeError.toFixed(4)}, median ${a.medianAbsoluteRelativeError.toFixed(4)}, `
    + `Σ|X̂ − X|/ΣX ${a.weightedAbsoluteRelativeError.toFixed(4)}; oracle ${a.oracleMeanAbsoluteRelativeError.toFixed(4)}; `
    + `naive θ = 1 ${a.naiveMeanAbsoluteRelativeError.toFixed(4)}.`);
}

const t0 = Date.now();
console.log('### One world (seed 1), 500 bootstrap replicates\n');
const one = runSyntheticWorld({ seed: 1 }, { dimensions: ['world', 'region'], breakdowns: ['total'], bootstrap: { replicates: 500, seed: 1 } });
const obs = one.world.countries.filter((c) => c.observed).length;
console.log(`${one.world.countries.length} countries, ${obs} with national data; ${one.estimates.imputations.length} of ${one.estimates.countries.length} country x sex x age cells imputed.\n`);
console.log('| aggregate | truth (m) | estimate (m) | 95% interval (m) | imputed share |');
console.log('|---|---|---|---|---|');
for (const a of one.estimates.aggregates) {
  const t = one.truth.find((x) => x.dimension === a.dimension && x.code === a.code)!;
  const iv = a.intervals!.migrantWorkers;
  console.log(`| ${a.name} | ${(t.migrantWorkers / 1e6).toFixed(2)} | ${(a.migrantWorkers / 1e6).toFixed(2)} | ${(iv.low / 1e6).toFixed(2)}-${(iv.high / 1e6).toFixed(2)} | ${pct(a.imputedShare)} |`);
}

console.log('\n### Coverage and accuracy over repeated synthetic worlds');
coverageTable('Default method, 200 worlds (seeds 1-200), 200 bootstrap replicates (the test)', coverageStudy({ replications: 200, replicates: 200, seed: 1 }));
coverageTable('Default method, 1000 worlds (seeds 1001-2000), 200 bootstrap replicates', coverageStudy({ replications: 1000, replicates: 200, seed: 1001 }));

const variants: [string, GlobalEstimateOptions, SyntheticWorldOptions?][] = [
  ['every country observed (survey error only, nothing imputed)', {}, { observedProbability: { HIC: 1, UMC: 1, LMC: 1, LIC: 1 } }],
  ['bootstrap without the survey draw (surveyError: false)', { bootstrap: { surveyError: false } }],
  ['bootstrap without the donor residual (predictionError: false)', { bootstrap: { predictionError: false } }],
  ['bootstrap without the √(n/(n − 1)) rescaling (rescale: false)', { bootstrap: { rescale: false } }],
  ['bootstrap without the spread factor √((n − 1)/χ²) (spreadUncertainty: false)', { bootstrap: { spreadUncertainty: false } }],
  ['bootstrap over all donors, no strata (strata: none)', { bootstrap: { strata: 'none' } }],
  ['minDonors 2', { minDonors: 2 }],
  ['minDonors 5', { minDonors: 5 }],
  ['donor weights by migrant stock', { weighting: 'migrants' }],
  ['imputing the logit of the migrant LFPR instead of log θ', { target: 'logitMigrantRate' }],
];
console.log('\n### Variants, 200 worlds (seeds 1-200), 200 bootstrap replicates\n');
console.log('| variant | World | ECA | AFR | AME | ARB | ASP | regions pooled | mean abs. rel. error of imputed countries (oracle) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, est, world] of variants) {
  const s = coverageStudy({ replications: 200, replicates: 200, seed: 1, estimate: est, ...(world ? { world } : {}) });
  const c = (code: string): string => s.rows.find((r) => r.code === code)!.coverage.toFixed(3);
  console.log(`| ${name} | ${c('WORLD')} | ${c('ECA')} | ${c('AFR')} | ${c('AME')} | ${c('ARB')} | ${c('ASP')} | ${s.pooledRegions.coverage.toFixed(3)} | ${Number.isNaN(s.meanAccuracy.meanAbsoluteRelativeError) ? '—' : `${s.meanAccuracy.meanAbsoluteRelativeError.toFixed(4)} (${s.meanAccuracy.oracleMeanAbsoluteRelativeError.toFixed(4)})`} |`);
}

console.log('\n### Course-style replication: 4th edition, 2022\n');
const rep = replicatePublished(GLOBAL_ESTIMATES_2022.regions, GLOBAL_ESTIMATES_2022.worldMigrantWorkers);
console.log(`World total from the regions: ${rep.worldTotal.toFixed(2)} m, rounded ${rep.worldTotalRounded} (published ${GLOBAL_ESTIMATES_2022.worldMigrantWorkers}).\n`);
console.log('| region | migrant workers (m) | computed share | rounded | published |');
console.log('|---|---|---|---|---|');
for (const s of rep.shares) {
  const r = GLOBAL_ESTIMATES_2022.regions.find((x) => x.region === s.region)!;
  console.log(`| ${rep.rows.find((x) => x.code === s.region)!.name} | ${r.migrantWorkers} | ${s.computed.toFixed(3)}% | ${s.rounded}% | ${s.published}% |`);
}
console.log(`\n(${((Date.now() - t0) / 1000).toFixed(0)} s)`);
