/**
 * Evidence from statistics: outcome indicators computed by migstat (tidy rows of `migstat indicators`, `migstat
 * sdg1071` or the pipeline, JSON or CSV), linked to the rubric's dimensions by its `evidence` entries, each with its
 * interval and compared with a threshold or with the previous round.
 *
 * - `kind: value`: the cell of the indicator for the link's sex (`SEX_T` by default) without classification; gap
 *   indicators (`MGS_GAP_TUNE_SEX_CBR_RT`, `MGS_PGAP_SEX_CBR_RT`) carry the delta-method interval of the estimation
 *   core's contrast (src/survey/contrast.ts), SDG 10.7.1 its design-based interval.
 * - `kind: migrant-gap`: the migrant cell minus the non-migrant cell of a rate (`CBR_BIR_FOREIGN` - `CBR_BIR_NATIVE`,
 *   or `CCT_CIT_NONCIT` - `CCT_CIT_CITIZEN`), with SE sqrt(se_m^2 + se_n^2): tidy rows do not carry the covariance of
 *   the two domains, so their covariance is taken as 0 (an approximation, noted in the output); t interval on the
 *   smaller df of the two cells.
 * - `{MIG}` in a code stands for the criterion: `CBR` (place of birth) when the rows have it, else `CCT` (citizenship).
 * - Rounds: the latest `time` of the indicator in the rows is the current round; the previous round is the `previous`
 *   rows when given, else the next-latest `time` in the rows (text order). The change has SE sqrt(se^2 + se_prev^2)
 *   (independent rounds: sample overlap ignored, noted).
 * - Status: with a threshold, `adverse` when the whole interval lies on the link's adverse side of it, `favourable`
 *   when it lies wholly on the other side, else `inconclusive`; without a threshold, the same with the change against
 *   0; `not available` when the cell is missing or suppressed.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { critical } from '../survey/distributions.js';
import { CoherenceError } from './errors.js';
import { readRawRows } from './responses.js';
import type { EvidenceLink } from './rubric.js';

/** The fields of a tidy indicator row that evidence reads (src/indicators/tidy.ts TidyRow has them all). */
export interface IndicatorRow {
  readonly indicator: string;
  readonly sex: string | null;
  readonly classif1: string | null;
  readonly classif2?: string | null;
  readonly time?: string | null;
  readonly estimate: number | null;
  readonly se?: number | null;
  readonly ci_low?: number | null;
  readonly ci_high?: number | null;
  readonly df?: number | null;
  readonly suppressed?: string | null;
}

export type EvidenceStatus = 'adverse' | 'favourable' | 'inconclusive' | 'not available';

export interface EvidenceResult {
  readonly id: string;
  readonly dimension: string;
  readonly label: string;
  /** The code read, `{MIG}` resolved; the link's code when no row matched. */
  readonly indicator: string;
  readonly kind: EvidenceLink['kind'];
  readonly sex: string;
  readonly unit: string;
  readonly adverse: EvidenceLink['adverse'];
  readonly time: string | null;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly threshold: number | null;
  readonly previous_time: string | null;
  readonly previous_estimate: number | null;
  readonly change: number | null;
  readonly change_ci_low: number | null;
  readonly change_ci_high: number | null;
  readonly status: EvidenceStatus;
  /** How the interval was obtained, and why a value is missing. */
  readonly note: string;
}

const MIGRANT = ['CBR_BIR_FOREIGN', 'CCT_CIT_NONCIT'];
const NON_MIGRANT = ['CBR_BIR_NATIVE', 'CCT_CIT_CITIZEN'];
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

interface Estimate {
  readonly time: string | null;
  readonly estimate: number;
  readonly se: number;
  readonly df: number;
  readonly ci_low: number;
  readonly ci_high: number;
}

/** A cell's estimate and SE (SE from the interval when the row has none). */
function cellEstimate(r: IndicatorRow, level: number): Estimate | null {
  const est = num(r.estimate);
  if (est === null || (r.suppressed ?? null) !== null) return null;
  const df = num(r.df) ?? Infinity;
  const lo = num(r.ci_low);
  const hi = num(r.ci_high);
  const se = num(r.se) ?? (lo !== null && hi !== null ? (hi - lo) / (2 * critical(level, df)) : null);
  if (se === null) return null;
  const t = critical(level, df);
  return { time: r.time ?? null, estimate: est, se, df, ci_low: lo ?? est - t * se, ci_high: hi ?? est + t * se };
}

function resolveCode(code: string, rows: readonly IndicatorRow[]): string {
  if (!code.includes('{MIG}')) return code;
  const codes = new Set(rows.map((r) => r.indicator));
  return ['CBR', 'CCT'].map((m) => code.replace('{MIG}', m)).find((c) => codes.has(c)) ?? code.replace('{MIG}', 'CBR');
}

/** The link's estimate in one round (rows of one time). */
function linkEstimate(link: EvidenceLink, code: string, rows: readonly IndicatorRow[], level: number): Estimate | null {
  const of = rows.filter((r) => r.indicator === code && r.sex === link.sex && (r.classif2 ?? null) === null);
  if (link.kind === 'value') {
    const cell = of.find((r) => r.classif1 === null || r.classif1 === '' || /_TOTAL$/.test(r.classif1));
    return cell ? cellEstimate(cell, level) : null;
  }
  const m = of.find((r) => r.classif1 !== null && MIGRANT.includes(r.classif1));
  const n = of.find((r) => r.classif1 !== null && NON_MIGRANT.includes(r.classif1));
  const a = m && cellEstimate(m, level);
  const b = n && cellEstimate(n, level);
  if (!a || !b) return null;
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  const df = Math.min(a.df, b.df);
  const t = critical(level, df);
  const estimate = a.estimate - b.estimate;
  return { time: a.time, estimate, se, df, ci_low: estimate - t * se, ci_high: estimate + t * se };
}

const timesOf = (rows: readonly IndicatorRow[], code: string): string[] => [...new Set(rows.filter((r) => r.indicator === code).map((r) => r.time ?? ''))].sort();

/** Where an interval lies against a reference value, read on the link's adverse side. */
function side(lo: number, hi: number, ref: number, adverse: EvidenceLink['adverse']): EvidenceStatus {
  if (lo > ref) return adverse === 'above' ? 'adverse' : 'favourable';
  if (hi < ref) return adverse === 'above' ? 'favourable' : 'adverse';
  return 'inconclusive';
}

/** The evidence of the rubric's links from indicator rows (see the module comment). */
export function assessEvidence(
  links: readonly EvidenceLink[],
  rows: readonly IndicatorRow[],
  options: { readonly previous?: readonly IndicatorRow[]; readonly level?: number } = {},
): EvidenceResult[] {
  const level = options.level ?? 0.95;
  return links.map((link) => {
    const code = resolveCode(link.indicator, rows);
    const times = timesOf(rows, code);
    const current = times.at(-1);
    const cur = current === undefined ? null : linkEstimate(link, code, rows.filter((r) => (r.time ?? '') === current), level);
    let prev: Estimate | null = null;
    if (options.previous) {
      const pc = resolveCode(link.indicator, options.previous);
      const pt = timesOf(options.previous, pc).at(-1);
      prev = pt === undefined ? null : linkEstimate(link, pc, options.previous.filter((r) => (r.time ?? '') === pt), level);
    } else if (times.length > 1) {
      const pt = times.at(-2)!;
      prev = linkEstimate(link, code, rows.filter((r) => (r.time ?? '') === pt), level);
    }
    const notes: string[] = [];
    if (!cur) notes.push(current === undefined ? `no rows of ${code} in the indicators given` : `no published ${link.kind === 'migrant-gap' ? 'migrant and non-migrant cells' : 'cell'} of ${code} for ${link.sex} (missing or suppressed)`);
    else if (link.kind === 'migrant-gap') notes.push('migrant minus non-migrant cell; SE sqrt(se1^2 + se2^2), the covariance of the two domains taken as 0');
    else notes.push('interval of the published cell');
    let change: { est: number; lo: number; hi: number } | null = null;
    if (cur && prev) {
      const se = Math.sqrt(cur.se ** 2 + prev.se ** 2);
      const t = critical(level, Math.min(cur.df, prev.df));
      const est = cur.estimate - prev.estimate;
      change = { est, lo: est - t * se, hi: est + t * se };
      notes.push('change: SE sqrt(se^2 + se_prev^2), rounds taken as independent');
    }
    const threshold = link.threshold ?? null;
    let status: EvidenceStatus = 'not available';
    if (cur && threshold !== null) status = side(cur.ci_low, cur.ci_high, threshold, link.adverse);
    else if (cur && change) status = side(change.lo, change.hi, 0, link.adverse);
    else if (cur) {
      status = 'inconclusive';
      notes.push('no threshold and no previous round to compare with');
    }
    return {
      id: link.id, dimension: link.dimension, label: link.label, indicator: code, kind: link.kind, sex: link.sex, unit: link.unit, adverse: link.adverse,
      time: cur ? cur.time : null, estimate: cur?.estimate ?? null, se: cur?.se ?? null, ci_low: cur?.ci_low ?? null, ci_high: cur?.ci_high ?? null,
      threshold, previous_time: prev?.time ?? null, previous_estimate: prev?.estimate ?? null,
      change: change?.est ?? null, change_ci_low: change?.lo ?? null, change_ci_high: change?.hi ?? null, status, note: notes.join('; '),
    };
  });
}

/** Files of tidy indicator rows under a path: the file itself, or `indicators.json` / `indicators.csv` found below a folder. */
function indicatorFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new CoherenceError([{ where: path, key: '--indicators', message: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
  }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'indicators.json' || name === 'indicators.csv') out.push(p);
    }
  };
  walk(path);
  return out;
}

/** Tidy rows of one JSON (an array of rows) or CSV file; an error names the file and what is missing. */
async function readIndicatorFile(path: string): Promise<IndicatorRow[]> {
  const need = ['indicator', 'sex', 'classif1', 'estimate'];
  let records: Record<string, unknown>[];
  if (extname(path).toLowerCase() === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new CoherenceError([{ where: path, key: '(file)', message: `not readable JSON (${(e as Error).message})` }]);
    }
    if (!Array.isArray(data)) throw new CoherenceError([{ where: path, key: '(top level)', message: 'expected an array of tidy indicator rows (migstat indicators --format json)' }]);
    records = data as Record<string, unknown>[];
  } else {
    const raw = await readRawRows(path);
    records = raw.rows.map((r) => Object.fromEntries(raw.header.map((h, i) => [h, r.values[i] === '' ? null : r.values[i]])));
  }
  return records.map((r, i) => {
    const absent = need.filter((k) => !(k in r));
    if (absent.length > 0) throw new CoherenceError([{ where: `${path} row ${i + (extname(path).toLowerCase() === '.json' ? 1 : 2)}`, key: absent.join(', '), message: `missing: a tidy indicator row has ${need.join(', ')} (migstat indicators --format json or csv)` }]);
    const s = (k: string): string | null => (r[k] === null || r[k] === undefined || r[k] === '' ? null : String(r[k]));
    return {
      indicator: String(r.indicator), sex: s('sex'), classif1: s('classif1'), classif2: s('classif2'), time: s('time'),
      estimate: num(r.estimate), se: num(r.se), ci_low: num(r.ci_low), ci_high: num(r.ci_high), df: num(r.df), suppressed: s('suppressed'),
    };
  });
}

/**
 * Tidy indicator rows from files or folders (folders are searched for `indicators.json` and `indicators.csv`, in name
 * order); a cell met twice (same indicator, sex, classifications and time, as in the json/ and csv/ copies of one
 * run) is kept once, the first read.
 */
export async function readIndicatorRows(paths: readonly string[]): Promise<IndicatorRow[]> {
  const out: IndicatorRow[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    for (const f of indicatorFiles(p)) {
      for (const r of await readIndicatorFile(f)) {
        const key = [r.indicator, r.sex, r.classif1, r.classif2, r.time].join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(r);
      }
    }
  }
  return out;
}

/**
 * Indicator rows from indicator tables held in memory (src/indicators IndicatorTable, or any table of cells with the
 * same fields), all of one round `time`: for library use without writing the tables out first.
 */
export function indicatorRowsFromTables(tables: readonly { readonly cells: readonly Omit<IndicatorRow, 'time'>[] }[], time: string | null = null): IndicatorRow[] {
  return tables.flatMap((t) => t.cells.map((c) => ({
    indicator: c.indicator, sex: c.sex, classif1: c.classif1, classif2: c.classif2 ?? null, time,
    estimate: c.estimate, se: c.se ?? null, ci_low: c.ci_low ?? null, ci_high: c.ci_high ?? null, df: c.df ?? null, suppressed: c.suppressed ?? null,
  })));
}
