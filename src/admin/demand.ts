/**
 * Demand for foreign labour from permit applications lodged in a period [from, to] (by application date; records
 * without one are left out and counted):
 * - applications `MGS_DAPP_SEX[_<DIM>]_NB` by sex and each dimension (default occupation and sector), and by labour
 *   market test outcome (`MGS_DAPP_SEX_LMT_NB`, classif1 `MGS_LMT_PASSED|EXEMPT|FAILED|X`);
 * - grant rate `MGS_DGRT_SEX[_<DIM>]_RT` = 100 x granted / (granted + refused): pending applications and those without
 *   a decision are not decided yet and stay out of the rate; n is the granted, n_domain the decided applications;
 * - vacancies filled by foreign workers: distinct vacancy_id of granted applications (counts, by occupation in the
 *   ranking), where the register gives vacancy ids;
 * - a ranking of ISCO-08 major groups by demand intensity: applications per 1,000 employed in the occupation when the
 *   LFS employment by occupation is given (`employment`, e.g. `MST_TEMP_SEX_OCU_*_NB` at SEX_T of `migstat
 *   indicators`), else the occupation's share (%) of all applications. Rank 1 is the highest intensity; ties share the
 *   better rank. Occupations whose application count is suppressed (disclosure control of the applications table)
 *   are listed without values or rank.
 */
import type { IndicatorCell, IndicatorTable } from '../indicators/cell.js';
import { AdminError, type PermitRecord } from './registers.js';
import { type AdminDimension, DIMENSION_TOKENS, byLabel, dimensionCodes, registerCell, tabulate } from './stocks.js';

export interface DemandOptions {
  /** Dimensions of the tables (default occupation, sector). */
  readonly by?: readonly AdminDimension[];
  /** Employed persons by ISCO-08 major group code (`OCU_ISCO08_1` ...), for applications per 1,000 employed. */
  readonly employment?: ReadonlyMap<string, number>;
}

/** One occupation of the ranking. */
export interface DemandRankRow {
  readonly occupation: string;
  readonly applications: number | null;
  readonly granted: number | null;
  readonly refused: number | null;
  readonly pending: number | null;
  /** 100 x granted / decided. */
  readonly grant_rate: number | null;
  readonly lmt_passed: number | null;
  readonly lmt_exempt: number | null;
  readonly lmt_failed: number | null;
  readonly vacancies_filled: number | null;
  /** LFS employment in the occupation (when given). */
  readonly employed: number | null;
  readonly intensity: number | null;
  readonly intensity_basis: 'per-1000-employed' | 'share-of-applications-percent';
  readonly rank: number | null;
  readonly suppressed: string | null;
}

export const DEMAND_RANK_COLUMNS: readonly (keyof DemandRankRow)[] = [
  'rank', 'occupation', 'applications', 'granted', 'refused', 'pending', 'grant_rate', 'lmt_passed', 'lmt_exempt', 'lmt_failed', 'vacancies_filled', 'employed', 'intensity', 'intensity_basis', 'suppressed',
];

export interface DemandResult {
  readonly tables: IndicatorTable[];
  readonly applications: number;
  readonly granted: number;
  readonly refused: number;
  readonly pending: number;
  /** Applications without a decision (neither granted, refused nor pending). */
  readonly undecided: number;
  readonly vacanciesFilled: number;
  /** Records without an application date (left out). */
  readonly withoutApplicationDate: number;
  /** The ranking before disclosure control: `rankDemand` applies it. */
  readonly occupations: readonly Omit<DemandRankRow, 'rank' | 'suppressed' | 'intensity_basis' | 'intensity' | 'employed'>[];
}

/** Tables and the per-occupation counts of applications lodged in [from, to]. Not suppressed: see adminSuppression and rankDemand. */
export function demandTables(records: readonly PermitRecord[], from: number, to: number, options: DemandOptions = {}): DemandResult {
  if (!(from <= to)) throw new AdminError('the period is empty: --from is after --to');
  const dims = options.by ?? ['occupation', 'sector'];
  const apps = records.filter((r) => !Number.isNaN(r.application) && r.application >= from && r.application <= to);
  const withoutApplicationDate = records.filter((r) => Number.isNaN(r.application)).length;
  const atApp = (r: PermitRecord): number => r.application;
  const tok = (d: AdminDimension | null): string => (d === null ? '' : `_${DIMENSION_TOKENS[d]}`);
  const appTables = tabulate(apps.map((record) => ({ record })), dims, { code: (d) => `MGS_DAPP_SEX${tok(d)}_NB`, label: (d) => `Permit applications lodged in the period ${byLabel(d)}`, statistic: 'count', measure: 'APPLICATIONS' }, atApp);
  const lmt = dims.includes('labour_market_test') ? [] : tabulate(apps.map((record) => ({ record })), ['labour_market_test'], { code: (d) => `MGS_DAPP_SEX${tok(d)}_NB`, label: (d) => `Permit applications lodged in the period ${byLabel(d)}`, statistic: 'count', measure: 'APPLICATIONS' }, atApp).slice(1);
  // grant rates: granted over decided, in the same cells as the applications tables
  const decided = apps.filter((r) => r.decision === 'granted' || r.decision === 'refused');
  const granted = (r: PermitRecord): number => (r.decision === 'granted' ? 1 : 0);
  const decidedTables = tabulate(decided.map((record) => ({ record, value: granted(record) })), dims, { code: (d) => `MGS_DGRT_SEX${tok(d)}_RT`, label: (d) => `Grant rate (% of decided applications granted) ${byLabel(d)}`, statistic: 'mean', measure: 'APPLICATIONS' }, atApp);
  const rateTables: IndicatorTable[] = decidedTables.map((t) => ({
    ...t,
    cells: t.cells.map((c): IndicatorCell => {
      const g = Math.round(c.estimate * c.n);
      const cell = registerCell(c.indicator, c.sex, c.classif1, 'RT', c.n > 0 ? (100 * g) / c.n : NaN, g);
      return { ...cell, n_domain: c.n, N: c.n };
    }),
  }));
  // per occupation
  const occ = dimensionCodes(apps, 'occupation', atApp);
  const byOcc = new Map<string, PermitRecord[]>();
  apps.forEach((r, i) => {
    const g = byOcc.get(occ[i]!);
    if (g) g.push(r);
    else byOcc.set(occ[i]!, [r]);
  });
  const vacancies = (rs: readonly PermitRecord[]): number => new Set(rs.filter((r) => r.decision === 'granted' && r.vacancy !== null).map((r) => r.vacancy)).size;
  const occupations = [...byOcc.keys()].sort().map((code) => {
    const rs = byOcc.get(code)!;
    const g = rs.filter((r) => r.decision === 'granted').length;
    const f = rs.filter((r) => r.decision === 'refused').length;
    return {
      occupation: code, applications: rs.length, granted: g, refused: f, pending: rs.filter((r) => r.decision === 'pending').length,
      grant_rate: g + f > 0 ? (100 * g) / (g + f) : null,
      lmt_passed: rs.filter((r) => r.labourMarketTest === 'passed').length, lmt_exempt: rs.filter((r) => r.labourMarketTest === 'exempt').length, lmt_failed: rs.filter((r) => r.labourMarketTest === 'failed').length,
      vacancies_filled: vacancies(rs),
    };
  });
  return {
    tables: [...appTables, ...lmt, ...rateTables],
    applications: apps.length,
    granted: apps.filter((r) => r.decision === 'granted').length,
    refused: apps.filter((r) => r.decision === 'refused').length,
    pending: apps.filter((r) => r.decision === 'pending').length,
    undecided: apps.filter((r) => r.decision === null).length,
    vacanciesFilled: vacancies(apps),
    withoutApplicationDate,
    occupations,
  };
}

/**
 * The ranking of occupations by demand intensity (module comment). `suppressedOccupations`: ISCO major group codes
 * whose application count (SEX_T) is suppressed; their rows keep only the code and `suppressed`.
 */
export function rankDemand(result: DemandResult, options: { employment?: ReadonlyMap<string, number>; suppressedOccupations?: ReadonlySet<string> } = {}): DemandRankRow[] {
  const emp = options.employment;
  const basis = emp && emp.size > 0 ? 'per-1000-employed' : 'share-of-applications-percent';
  const total = result.applications;
  const rows: DemandRankRow[] = result.occupations.map((o) => {
    const hidden = options.suppressedOccupations?.has(o.occupation) ?? false;
    const employed = emp?.get(o.occupation) ?? null;
    const intensity = basis === 'per-1000-employed' ? (employed !== null && employed > 0 ? (1000 * o.applications!) / employed : null) : total > 0 ? (100 * o.applications!) / total : null;
    if (hidden) {
      return { occupation: o.occupation, applications: null, granted: null, refused: null, pending: null, grant_rate: null, lmt_passed: null, lmt_exempt: null, lmt_failed: null, vacancies_filled: null, employed, intensity: null, intensity_basis: basis, rank: null, suppressed: 'C' };
    }
    return { ...o, employed, intensity, intensity_basis: basis, rank: null, suppressed: null };
  });
  const ranked = rows.filter((r) => r.intensity !== null).sort((a, b) => b.intensity! - a.intensity! || (a.occupation < b.occupation ? -1 : 1));
  const rankOf = new Map<string, number>();
  ranked.forEach((r, i) => rankOf.set(r.occupation, i > 0 && ranked[i - 1]!.intensity === r.intensity ? rankOf.get(ranked[i - 1]!.occupation)! : i + 1));
  return [...ranked, ...rows.filter((r) => r.intensity === null)].map((r) => ({ ...r, rank: rankOf.get(r.occupation) ?? null }));
}
