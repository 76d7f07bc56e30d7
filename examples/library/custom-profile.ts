/**
 * A custom profile: a small survey file of our own (written here to a temporary folder as CSV), mapped to migstat's
 * standard variables by a profile built in code with profileFromObject (the same keys as a profile YAML file),
 * applied with applyProfile, then the design the profile declares and an estimate by migrant status.
 *
 * Run: npx tsx examples/library/custom-profile.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
// In your own code: import { ... } from 'migstat';
import { applyProfile, designFromOptions, estimate, migrantStatus, profileFromObject, readTable, tableFromArrays, type EstimateResult } from '../../src/index.js';

/** 12 persons in 4 clusters of 2 strata: sex 1/2, country of birth, employed 1/2, weekly hours, weight. */
const CSV = `id,hh,cluster,stratum,w,sex,cob,work,hours
1,1,11,1,120,1,MYS,1,40
2,1,11,1,120,2,MYS,2,
3,2,11,1,120,1,PHL,1,48
4,3,12,1,95,2,MYS,1,38
5,3,12,1,95,1,IDN,1,52
6,4,12,1,95,2,MYS,2,
7,5,21,2,150,1,MYS,1,44
8,5,21,2,150,2,PHL,1,60
9,6,21,2,150,1,MYS,2,
10,7,22,2,80,2,MYS,1,35
11,7,22,2,80,1,IDN,1,50
12,8,22,2,80,2,MYS,1,40
`;

/** The profile, as the object a YAML profile file would parse to. */
export const PROFILE = {
  migstat_profile: 1,
  name: 'Mini LFS of Malaysia (example)',
  survey: { country: 'MYS', reference_period: '2024Q1' },
  tables: {
    person: {
      role: 'person',
      variables: {
        household_id: 'hh',
        person_id: 'id',
        sex: { from: 'sex', map: { 1: 'M', 2: 'F' } },
        country_of_birth: 'cob',
        worked_for_pay_or_profit: { from: 'work', map: { 1: 'yes', 2: 'no' } },
        hours_actual: 'hours',
      },
    },
  },
  design: {
    weight: { table: 'person', column: 'w' },
    strata: { table: 'person', column: 'stratum' },
    psu: [{ table: 'person', column: 'cluster' }],
  },
  labour_force: { underemployment_hours_threshold: 40, underemployment_hours: 'actual' },
};

export async function main(log: (line: string) => void = console.log): Promise<EstimateResult> {
  const dir = mkdtempSync(join(tmpdir(), 'migstat-profile-'));
  try {
    const file = join(dir, 'mini-lfs.csv');
    writeFileSync(file, CSV);
    const profile = profileFromObject(PROFILE, 'PROFILE (custom-profile.ts)');
    const mapped = applyProfile(profile, { person: await readTable(file) });
    const t = mapped.table;
    log(`standard table: ${t.nrows} rows; columns ${t.names.join(', ')}`);

    // Migrant status by country of birth (20th ICLS) as a new column, then the design the profile declares.
    const cob = t.column('country_of_birth');
    const born = cob.kind === 'category' ? Array.from(cob.codes, (k) => (k < 0 ? null : cob.levels[k]!)) : [];
    const { migrant } = migrantStatus({ countryOfBirth: born }, { country: 'MYS', criterion: 'birth' });
    const worked = t.column('worked_for_pay_or_profit');
    const extra = tableFromArrays({
      migrant: Array.from(migrant, (m) => (m === 1 ? 'migrant' : m === 0 ? 'non-migrant' : null)),
      employed: worked.kind === 'category' ? Array.from(worked.codes, (k) => (worked.levels[k] === 'yes' ? 1 : 0)) : [],
    });
    const data = { nrows: t.nrows, column: (name: string) => (extra.columns.has(name) ? extra.column(name) : t.column(name)) };
    const design = designFromOptions(t, mapped.estimateOptions ?? {});
    const withMigrant = { ...design, data };

    const result = estimate(withMigrant, [
      { statistic: 'total', variable: 'employed' },
      { statistic: 'mean', variable: 'employed' },
      { statistic: 'mean', variable: 'hours_actual' },
    ], { by: ['migrant'], naRm: true });
    for (const r of result.results) log(`${r.statistic} ${r.variable} | ${r.domain['migrant']}: ${r.estimate.toFixed(1)} (se ${r.se.toFixed(1)}, n ${r.n})`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
