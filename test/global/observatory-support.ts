/** Shared helpers of the observatory tests: the bundled example's files and a fresh database in a temporary folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EXAMPLE = new URL('../../examples/observatory/', import.meta.url).pathname;
export const TEMPLATES = ['THA-2023', 'THA-2024', 'MYS-2024', 'SGP-2024', 'PHL-2024'].map((t) => join(EXAMPLE, 'templates', `${t}.xlsx`));
export const BENCHMARKS = ['wpp-population.csv', 'desa-migrant-stock.csv', 'ilo-modelled-labour-force.csv'].map((b) => join(EXAMPLE, 'benchmarks', b));
export const ALL_INPUTS = [...TEMPLATES, ...BENCHMARKS];

/** A new temporary folder. */
export function tempDir(prefix = 'migstat-observatory-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An ILOSTAT bulk CSV of the fictional Atlantis (no ILO region): migrant stock indicators of 2024 by sex, age and place of birth. */
export function atlantisIlostat(): string {
  const lines = ['ref_area,source,indicator,sex,classif1,classif2,time,obs_value,obs_status,note_classif,note_indicator,note_source'];
  const wap: Record<'SEX_M' | 'SEX_F', [number, number]> = { SEX_M: [400, 100], SEX_F: [420, 80] };
  const lf: Record<'SEX_M' | 'SEX_F', [number, number]> = { SEX_M: [300, 90], SEX_F: [250, 50] };
  for (const [ind, data] of [['MST_XWAP_SEX_AGE_CBR_NB', wap], ['MST_TEAP_SEX_AGE_CBR_NB', lf]] as const) {
    for (const sex of ['SEX_T', 'SEX_M', 'SEX_F']) {
      const [n, f] = sex === 'SEX_T' ? [data.SEX_M[0] + data.SEX_F[0], data.SEX_M[1] + data.SEX_F[1]] : data[sex as 'SEX_M' | 'SEX_F'];
      for (const [mig, v] of [['CBR_BIR_TOTAL', n + f], ['CBR_BIR_NATIVE', n], ['CBR_BIR_FOREIGN', f]] as const) {
        lines.push(`ATL,BA:900,${ind},${sex},AGE_YTHADULT_YGE15,${mig},2024,${v},,,,`);
      }
    }
  }
  return lines.join('\n') + '\n';
}
