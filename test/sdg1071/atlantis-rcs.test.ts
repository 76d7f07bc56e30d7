/**
 * SDG 10.7.1 on the Atlantis recruitment cost survey against the population truth (datasets/atlantis-rcs/truth.json,
 * computed from every worker of the population by the generator, not by src/sdg1071): z-scores of every truth cell on
 * the shipped sample (Taylor and bootstrap replicate designs), and the coverage of the headline intervals over 500
 * seeded samples of the same population.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawRcsSample, generateRcsWorld } from '../../datasets/atlantis/rcs-build.js';
import type { IndicatorCell, IndicatorTable } from '../../src/indicators/cell.js';
import { readTable } from '../../src/io/read.js';
import type { Table } from '../../src/io/table.js';
import { designFromOptions } from '../../src/pipeline/design-options.js';
import { mapProfile } from '../../src/profile/apply.js';
import { type LoadedProfile, loadProfile } from '../../src/profile/load.js';
import { computeSdg1071 } from '../../src/sdg1071/compute.js';
import { readExchangeRates } from '../../src/sdg1071/exchange-rates.js';
import type { Sdg1071Options } from '../../src/sdg1071/options.js';

const data = new URL('../../datasets/atlantis-rcs/', import.meta.url).pathname;

interface Truth {
  readonly indicator: {
    readonly rci: number;
    readonly by_sex: Record<string, { rci: number }>;
    readonly by_destination: Record<string, { rci: number }>;
    readonly by_channel: Record<string, { rci: number }>;
    readonly by_occupation_isco08_major: Record<string, { rci: number }>;
    readonly median: number;
    readonly ratio_of_means: number;
    readonly share_rc_positive: number;
    readonly mean_rc_usd: number;
    readonly mean_e_usd: number;
  };
}
const truth = (JSON.parse(readFileSync(`${data}truth.json`, 'utf8')) as Truth).indicator;

const CHANNEL: Record<string, string> = { 'private-agency': 'MGS_RCH_AGENCY', 'public-service': 'MGS_RCH_PUBLIC', employer: 'MGS_RCH_EMPLOYER', network: 'MGS_RCH_NETWORK', other: 'MGS_RCH_OTHER' };

/** Every truth cell as (table, sex, classif1, true value in the table's unit). */
function truthCells(): { table: string; sex: string; classif1: string | null; value: number }[] {
  const t = truth;
  return [
    { table: 'MGS_RCI_SEX_MO', sex: 'SEX_T', classif1: null, value: t.rci },
    ...Object.entries(t.by_sex).map(([s, v]) => ({ table: 'MGS_RCI_SEX_MO', sex: `SEX_${s}`, classif1: null, value: v.rci })),
    ...Object.entries(t.by_destination).map(([d, v]) => ({ table: 'MGS_RCI_SEX_DES_MO', sex: 'SEX_T', classif1: `CDS_DES_${d}`, value: v.rci })),
    ...Object.entries(t.by_channel).map(([c, v]) => ({ table: 'MGS_RCI_SEX_RCH_MO', sex: 'SEX_T', classif1: CHANNEL[c]!, value: v.rci })),
    ...Object.entries(t.by_occupation_isco08_major).map(([o, v]) => ({ table: 'MGS_RCI_SEX_OCU_MO', sex: 'SEX_T', classif1: `OCU_ISCO08_${o}`, value: v.rci })),
    { table: 'MGS_RCIMED_SEX_MO', sex: 'SEX_T', classif1: null, value: t.median },
    { table: 'MGS_RCIROM_SEX_MO', sex: 'SEX_T', classif1: null, value: t.ratio_of_means },
    { table: 'MGS_RCPOS_SEX_RT', sex: 'SEX_T', classif1: null, value: 100 * t.share_rc_positive },
    { table: 'MGS_RCC_SEX_MEAN', sex: 'SEX_T', classif1: null, value: t.mean_rc_usd },
    { table: 'MGS_RCE_SEX_MEAN', sex: 'SEX_T', classif1: null, value: t.mean_e_usd },
  ];
}

function cellOf(tables: readonly IndicatorTable[], code: string, sex: string, classif1: string | null): IndicatorCell {
  const t = tables.find((x) => x.indicator === code);
  if (!t) throw new Error(`no table ${code}; tables: ${tables.map((x) => x.indicator).join(', ')}`);
  const c = t.cells.find((x) => x.sex === sex && x.classif1 === classif1 && x.classif2 === null);
  if (!c) throw new Error(`${code}: no cell ${sex} ${classif1}; cells: ${t.cells.map((x) => `${x.sex}/${x.classif1}`).join(', ')}`);
  return c;
}

/** The indicator tables of standard-mapped tables with the profile's design. */
function compute(profile: LoadedProfile, workers: Table, costs: Table, rates: Awaited<ReturnType<typeof readExchangeRates>>, options: Sdg1071Options) {
  const mapped = mapProfile(profile, { workers, costs });
  const errors = mapped.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(errors.map((p) => p.message).join('\n'));
  const design = designFromOptions(mapped.table, mapped.estimateOptions as Record<string, unknown>);
  return computeSdg1071({ workers: mapped.table, costs: mapped.linked.costs!, design, rates, country: 'ATL', surveyYear: 2024 }, options);
}

describe('SDG 10.7.1 on the Atlantis recruitment cost survey', () => {
  for (const profileFile of ['profile.yaml', 'profile_replicates.yaml']) {
    it(`every truth cell on the shipped sample, ${profileFile}: |z| <= 3.5, mean z^2 in [0.3, 2.5]`, async () => {
      const profile = loadProfile(`${data}${profileFile}`);
      const [workers, costs, rates] = await Promise.all([readTable(`${data}rcs_2024_workers.parquet`), readTable(`${data}rcs_2024_costs.parquet`), readExchangeRates(`${data}fx_rates.csv`)]);
      const run = compute(profile, workers, costs, rates, { suppression: { enabled: false }, breakdowns: ['destination', 'channel', 'occupation'] });
      const all = truthCells().map((t) => {
        const c = cellOf(run.tables, t.table, t.sex, t.classif1);
        return { ...t, z: (c.estimate - t.value) / c.se, estimate: c.estimate, se: c.se, n: c.n_domain };
      });
      // a cell of fewer than 30 sample workers (the reliability policy's floor) has no usable SE: counted, not tested
      const z = all.filter((c) => c.n >= 30);
      console.log(`${profileFile}: cells with n < 30 left out: ${all.filter((c) => c.n < 30).map((c) => `${c.table} ${c.classif1} (n ${c.n})`).join(', ')}`);
      const worst = z.reduce((a, b) => (Math.abs(b.z) > Math.abs(a.z) ? b : a));
      const meanZ2 = z.reduce((a, b) => a + b.z * b.z, 0) / z.length;
      console.log(`${profileFile}: ${z.length} cells, max |z| ${Math.abs(worst.z).toFixed(2)} (${worst.table} ${worst.sex} ${worst.classif1}), mean z^2 ${meanZ2.toFixed(3)}`);
      expect(all.length).toBe(30);
      expect(z.length).toBeGreaterThanOrEqual(25);
      for (const c of z) expect(Math.abs(c.z), `${c.table} ${c.sex} ${c.classif1}: ${c.estimate} (SE ${c.se}) vs ${c.value}`).toBeLessThanOrEqual(3.5);
      expect(meanZ2).toBeGreaterThanOrEqual(0.3);
      expect(meanZ2).toBeLessThanOrEqual(2.5);
    }, 120_000);
  }

  it('headline intervals cover the truth in 95% +/- 3 Monte Carlo SE of 500 seeded samples', async () => {
    const R = 500;
    const pop = generateRcsWorld();
    const profile = loadProfile(`${data}profile.yaml`);
    const rates = await readExchangeRates(`${data}fx_rates.csv`);
    const targets = [
      { sex: 'SEX_T', value: truth.rci },
      { sex: 'SEX_M', value: truth.by_sex.M!.rci },
      { sex: 'SEX_F', value: truth.by_sex.F!.rci },
    ];
    const covered = targets.map(() => 0);
    let sumSe2 = 0;
    const estimates: number[] = [];
    for (let r = 0; r < R; r++) {
      const draw = drawRcsSample(pop, 1_000 + r, { replicates: 0 });
      const run = compute(profile, draw.workers, draw.costs, rates, { suppression: { enabled: false }, breakdowns: [] });
      targets.forEach((t, k) => {
        const c = cellOf(run.tables, 'MGS_RCI_SEX_MO', t.sex, null);
        if (c.ci_low <= t.value && t.value <= c.ci_high) covered[k]!++;
        if (k === 0) {
          estimates.push(c.estimate);
          sumSe2 += c.se * c.se;
        }
      });
    }
    const band = 3 * Math.sqrt((0.95 * 0.05) / R);
    const mean = estimates.reduce((a, b) => a + b, 0) / R;
    const empiricalVar = estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1);
    const rates95 = covered.map((c) => c / R);
    console.log(`coverage over ${R} samples: total ${rates95[0]}, men ${rates95[1]}, women ${rates95[2]} (band 0.95 +/- ${band.toFixed(4)}); mean estimate ${mean.toFixed(4)} vs truth ${truth.rci.toFixed(4)}; mean SE^2 / empirical variance ${(sumSe2 / R / empiricalVar).toFixed(3)}`);
    for (const [k, t] of targets.entries()) expect(Math.abs(rates95[k]! - 0.95), t.sex).toBeLessThanOrEqual(band);
  }, 600_000);
});
