/**
 * Issue 6 acceptance on the bundled Atlantis LFS: every headline cell of truth.json estimated by the indicator
 * pipeline (profile -> concepts -> catalogue -> survey core, replicate weights), z = (estimate - truth) / se within
 * |z| <= 3.5 with mean z^2 in [0.3, 2.5]; and every point estimate equal to an independent recomputation with plain
 * weighted sums over the standard table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { designFromOptions } from '../../src/pipeline/design-options.js';
import type { IndicatorCell, IndicatorTable } from '../../src/indicators/cell.js';
import { type IndicatorRun, runIndicators } from '../../src/pipeline/indicators.js';
import { applyProfile } from '../../src/profile/apply.js';
import { loadProfile } from '../../src/profile/load.js';
import { readTable } from '../../src/io/read.js';
import type { Table } from '../../src/io/table.js';

const dir = new URL('../../datasets/atlantis-lfs/', import.meta.url).pathname;

interface TruthCell {
  readonly id: string;
  readonly quarter: string;
  readonly indicator: string;
  readonly sex: 'T' | 'M' | 'F';
  readonly criterion: 'birth' | 'citizenship';
  readonly group: 'total' | 'migrant' | 'non-migrant';
  readonly calibrated?: boolean;
  readonly value: number;
}
const truth = (JSON.parse(readFileSync(`${dir}truth.json`, 'utf8')) as { cells: TruthCell[] }).cells;

/** The pipeline cell of a truth cell: indicator code, sex, classifications, and the factor from the pipeline's unit (percent) to truth's (proportion). */
function cellOf(c: TruthCell): { code: string; sex: string; classif1: string | null; classif2: string | null; scale: number } {
  const tok = c.criterion === 'birth' ? 'CBR' : 'CCT';
  const mig = { birth: { total: 'CBR_BIR_TOTAL', migrant: 'CBR_BIR_FOREIGN', 'non-migrant': 'CBR_BIR_NATIVE' }, citizenship: { total: 'CCT_CIT_TOTAL', migrant: 'CCT_CIT_NONCIT', 'non-migrant': 'CCT_CIT_CITIZEN' } }[c.criterion][c.group];
  const sex = `SEX_${c.sex}`;
  const age = 'AGE_YTHADULT_YGE15';
  const counts: Record<string, string> = { WAP: 'XWAP', LF: 'TEAP', EMP: 'TEMP', UNE: 'TUNE', OLF: 'TEIP' };
  const rates: Record<string, string> = { LFPR: 'TEAP', EPR: 'TEMP', UR: 'TUNE' };
  if (counts[c.indicator]) return { code: `MST_${counts[c.indicator]}_SEX_AGE_${tok}_NB`, sex, classif1: age, classif2: mig, scale: 1 };
  if (rates[c.indicator]) return { code: `MST_${rates[c.indicator]}_SEX_AGE_${tok}_RT`, sex, classif1: age, classif2: mig, scale: 0.01 };
  switch (c.indicator) {
    case 'MIG_SHARE_WAP': return { code: 'MGS_MSHR_SEX_XWAP_RT', sex, classif1: null, classif2: null, scale: 0.01 };
    case 'MIG_SHARE_LF': return { code: 'MGS_MSHR_SEX_TEAP_RT', sex, classif1: null, classif2: null, scale: 0.01 };
    case 'MIG_SHARE_EMP': return { code: 'MGS_MSHR_SEX_TEMP_RT', sex, classif1: null, classif2: null, scale: 0.01 };
    case 'EARN_MEAN': return { code: `MST_EARA_SEX_${tok}_NB`, sex, classif1: mig, classif2: null, scale: 1 };
    case 'RETURN_WORKERS': return { code: 'MGS_RETW_SEX_AGE_NB', sex, classif1: age, classif2: null, scale: 1 };
    case 'NATIONALS_ABROAD': return { code: 'MGS_NATA_SEX_NB', sex, classif1: null, classif2: null, scale: 1 };
    case 'TRU_RATE': return { code: `MGS_TRU_SEX_${tok}_RT`, sex, classif1: mig, classif2: null, scale: 0.01 };
    case 'LU3': return { code: `MGS_LU3_SEX_${tok}_RT`, sex, classif1: mig, classif2: null, scale: 0.01 };
    case 'FOR_WORK_MIGRANTS_12M': return { code: 'MGS_FWRK_SEX_AGE_NB', sex, classif1: age, classif2: null, scale: 1 };
    default: throw new Error(`no pipeline indicator for ${c.id}`);
  }
}

async function run(quarter: string, criterion: 'birth' | 'citizenship'): Promise<{ result: IndicatorRun; table: Table }> {
  const q = quarter.toLowerCase();
  const loaded = loadProfile(`${dir}${q === '2024q1' ? 'profile_replicates.yaml' : 'profile_2024q2.yaml'}`);
  const applied = applyProfile(loaded, {
    person: await readTable(`${dir}lfs_${q}_persons.parquet`), absent: await readTable(`${dir}lfs_${q}_absent.parquet`),
    households: await readTable(`${dir}lfs_${q}_households.parquet`),
  });
  const design = designFromOptions(applied.table, applied.estimateOptions as Record<string, unknown>);
  return { result: runIndicators(loaded, applied.table, design, { criterion, suppression: { enabled: false } }), table: applied.table };
}

function find(tables: readonly IndicatorTable[], k: ReturnType<typeof cellOf>): IndicatorCell {
  const t = tables.find((x) => x.indicator === k.code);
  const cell = t?.cells.find((c) => c.sex === k.sex && c.classif1 === k.classif1 && c.classif2 === k.classif2);
  if (!cell) throw new Error(`no cell ${JSON.stringify(k)}`);
  return cell;
}

/** The truth cell's value recomputed from the standard table with plain weighted sums and the rules written out here. */
function recompute(t: Table, c: TruthCell): number {
  const text = (name: string): (string | null)[] => {
    const col = t.column(name);
    return col.kind === 'number' ? Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v))) : Array.from(col.codes, (k) => (k < 0 ? null : col.levels[k]!));
  };
  const num = (name: string): Float64Array => {
    const col = t.column(name);
    return col.kind === 'number' ? col.values : Float64Array.from(col.codes, (k) => (k < 0 ? NaN : Number(col.levels[k])));
  };
  const [record, sex, cob, cit, worked, absent, search, future, avail, want, more, availMore, reason, icse, abroad] =
    ['record', 'sex', 'country_of_birth', 'citizenship', 'worked_for_pay_or_profit', 'temporary_absence', 'job_search_4_weeks', 'future_starter', 'available', 'wants_to_work', 'wants_more_hours', 'available_more_hours', 'reason_for_migration', 'status_icse18', 'ever_worked_abroad'].map(text);
  const [age, w, hours, earnings, months] = ['age', 'weight', 'hours_actual', 'earnings', 'months_in_country'].map(num);
  let a = 0;
  let b = 0;
  for (let i = 0; i < t.nrows; i++) {
    const wi = w![i]!;
    const member = record![i] === 'absent_member';
    if (c.indicator === 'NATIONALS_ABROAD') {
      if (member && cit![i] === 'ATL' && age![i]! >= 15 && (c.sex === 'T' || sex![i] === c.sex)) a += wi;
      continue;
    }
    if (member || !(age![i]! >= 15)) continue;
    if (c.sex !== 'T' && sex![i] !== c.sex) continue;
    const migrant = (c.criterion === 'birth' ? cob![i] : cit![i]) !== 'ATL';
    if ((c.group === 'migrant' && !migrant) || (c.group === 'non-migrant' && migrant)) continue;
    const emp = worked![i] === 'yes' || absent![i] === 'yes';
    const une = !emp && avail![i] === 'yes' && (search![i] === 'yes' || future![i] === 'yes');
    const lf = emp || une;
    const plf = !lf && ((search![i] === 'yes' && avail![i] === 'no') || (search![i] === 'no' && avail![i] === 'yes' && want![i] === 'yes'));
    const employee = emp && Number(icse![i]) >= 41 && Number(icse![i]) <= 44 && Number.isFinite(earnings![i]!);
    const [num, den] = ({
      WAP: [1, 0], LF: [+lf, 0], EMP: [+emp, 0], UNE: [+une, 0], OLF: [+!lf, 0], LFPR: [+lf, 1], EPR: [+emp, 1], UR: [+une, +lf],
      MIG_SHARE_WAP: [+migrant, 1], MIG_SHARE_LF: [+(migrant && lf), +lf], MIG_SHARE_EMP: [+(migrant && emp), +emp],
      EARN_MEAN: [employee ? earnings![i]! : 0, +employee], RETURN_WORKERS: [+(abroad![i] === 'yes'), 0],
      TRU_RATE: [+(emp && more![i] === 'yes' && availMore![i] === 'yes' && hours![i]! < 35), +emp], LU3: [+une + +plf, +lf + +plf],
      FOR_WORK_MIGRANTS_12M: [+(migrant && months![i]! < 12 && ['work-job-found', 'work-seeking', 'work'].includes(reason![i]!)), 0],
    } as Record<string, [number, number]>)[c.indicator]!;
    a += wi * num;
    b += wi * den;
  }
  return ['WAP', 'LF', 'EMP', 'UNE', 'OLF', 'RETURN_WORKERS', 'FOR_WORK_MIGRANTS_12M', 'NATIONALS_ABROAD'].includes(c.indicator) ? a : a / b;
}

describe('ILMS indicators of the Atlantis LFS against the population truth', () => {
  it('every headline cell of both rounds: |z| <= 3.5, mean z^2 in [0.3, 2.5], point estimates = plain weighted sums', async () => {
    const zs: number[] = [];
    for (const quarter of ['2024Q1', '2024Q2']) {
      for (const criterion of ['birth', 'citizenship'] as const) {
        const { result, table } = await run(quarter, criterion);
        expect(result.derivation.criterion).toBe(criterion);
        for (const c of truth.filter((x) => x.quarter === quarter && x.criterion === criterion)) {
          const k = cellOf(c);
          const cell = find(result.tables, k);
          const estimate = cell.estimate * k.scale;
          expect(Math.abs(estimate - recompute(table, c)), `${c.id}: pipeline ${estimate}, plain sums ${recompute(table, c)}`).toBeLessThanOrEqual(1e-9 * Math.abs(estimate));
          if (c.calibrated) {
            expect(Math.abs(estimate - c.value) / c.value, c.id).toBeLessThan(1e-9);
            continue;
          }
          const z = (estimate - c.value) / (cell.se * k.scale);
          expect(Math.abs(z), `${c.id}: estimate ${estimate}, truth ${c.value}, se ${cell.se * k.scale}`).toBeLessThanOrEqual(3.5);
          zs.push(z);
        }
      }
    }
    expect(zs.length).toBe(truth.length - 2);
    const meanZ2 = zs.reduce((s, z) => s + z * z, 0) / zs.length;
    expect(meanZ2).toBeGreaterThanOrEqual(0.3);
    expect(meanZ2).toBeLessThanOrEqual(2.5);
  }, 300_000);
});
