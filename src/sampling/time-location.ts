/**
 * Time-location (venue-based) sampling, analysed as Karon & Wejnert (2012, J Urban Health 89:565) recommend: a two-stage
 * sample whose PSUs are venue-day-time (VDT) units, weights the inverse of the approximate selection probability,
 * w = 1 / [pi_VDT (m_VDT / M_VDT)], divided by a frequency-of-attendance multiplicity, and SEs from the usual design
 * (strata and clusters on the VDT unit) through `estimate()`.
 *
 * The multiplicity chosen here is the number of VDT units of the sampling frame (in the frame's reference period) that the
 * respondent attends, as reported: w_j = 1 / [pi_VDT (m/M) a_j]. This is Sirken's (1970, JASA 65:257) multiplicity
 * estimator applied to attendance: summed over the VDT units a person attends, the expected weight is exactly 1, so
 * totals are unbiased (means nearly so) when a_j is right. migstat's spec marks the exact form of this adjustment in
 * Karon & Wejnert as unverified; reported visits counted over another period scale every weight alike, which changes
 * totals but not means or proportions.
 */
import { InputError } from '../io/errors.js';
import type { Table } from '../io/table.js';
import type { SurveyData, Vector } from '../survey/data.js';
import { type LonelyPsu, type SurveyDesign, svyDesign } from '../survey/design.js';

/** How zero or missing reported visits are handled: an error (default), or set to 1 (counted). */
export type VisitsRule = 'error' | 'one';

export interface TlsSpec {
  /** VDT unit id (the PSU). */
  readonly vdt: string;
  /** Selection probability of the VDT unit, in (0, 1]. */
  readonly vdtProbability: string;
  /** M_VDT: eligible attendees counted at the unit. */
  readonly attendance: string;
  /** m_VDT: attendees interviewed at the unit; default the rows of the unit in the data. */
  readonly interviewed?: string;
  /** Reported VDT units attended in the reference period; absent: no multiplicity adjustment. */
  readonly visits?: string;
  /** Stratum of the VDT selection. */
  readonly strata?: string;
  /** Frame units in the stratum (first-stage fpc), when the units were drawn without replacement. */
  readonly fpc?: string;
  readonly visitsRule?: VisitsRule;
  readonly lonelyPsu?: LonelyPsu;
}

export interface TlsWeights {
  /** Final weights 1 / [pi (m/M) a]. */
  readonly weights: Float64Array;
  /** Weights before the multiplicity adjustment, 1 / [pi (m/M)]. */
  readonly base: Float64Array;
  /** The multiplicity a_j used (1 without a visits column). */
  readonly multiplicity: Float64Array;
  /** Zero or missing visits set to 1 under the `one` rule. */
  readonly visitsChanged: number;
  readonly warnings: string[];
}

function numeric(table: Table, name: string, role: string): Float64Array {
  const c = table.column(name);
  if (c.kind !== 'number') throw new InputError(`${table.source}: ${role} column "${name}" must be numeric, found text such as "${c.levels[0] ?? ''}"`);
  return c.values;
}

function rows(list: number[]): string {
  return `${list.length === 1 ? 'row' : 'rows'} ${list.slice(0, 5).map((r) => r + 1).join(', ')}${list.length > 5 ? ` (and ${list.length - 5} more)` : ''}`;
}

/** Key of row i of an id column. */
function keyAt(c: Vector, i: number): number | null {
  if (c.kind === 'number') return Number.isNaN(c.values[i]!) ? null : c.values[i]!;
  return c.codes[i]! < 0 ? null : c.codes[i]!;
}

/** TLS weights, with every bad value named by file, column and row. */
export function tlsWeights(table: Table, spec: TlsSpec): TlsWeights {
  const n = table.nrows;
  const vdt = table.column(spec.vdt);
  const pi = numeric(table, spec.vdtProbability, 'VDT selection probability');
  const M = numeric(table, spec.attendance, 'attendance count (M)');
  const missingVdt: number[] = [];
  const perUnit = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = keyAt(vdt, i);
    if (k === null) missingVdt.push(i);
    else perUnit.set(k, (perUnit.get(k) ?? 0) + 1);
  }
  if (missingVdt.length) throw new InputError(`${table.source}: VDT column "${spec.vdt}" is missing at ${rows(missingVdt)}`);
  const m = spec.interviewed ? numeric(table, spec.interviewed, 'interviewed count (m)') : Float64Array.from({ length: n }, (_, i) => perUnit.get(keyAt(vdt, i)!)!);
  const badPi: number[] = [];
  const badM: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!(pi[i]! > 0 && pi[i]! <= 1)) badPi.push(i);
    if (!(m[i]! >= 1 && M[i]! >= m[i]! && Number.isFinite(M[i]!))) badM.push(i);
  }
  if (badPi.length) throw new InputError(`${table.source}: VDT selection probability column "${spec.vdtProbability}" must be in (0, 1], ${rows(badPi)} (${badPi.slice(0, 5).map((i) => pi[i]).join(', ')})`);
  if (badM.length) {
    const i = badM[0]!;
    throw new InputError(`${table.source}: attendance "${spec.attendance}" (M) must be at least the interviewed count (m) >= 1, ${rows(badM)} (row ${i + 1}: M = ${M[i]}, m = ${m[i]})`);
  }
  const base = Float64Array.from({ length: n }, (_, i) => M[i]! / (pi[i]! * m[i]!));
  const multiplicity = new Float64Array(n).fill(1);
  const warnings: string[] = [];
  let changed = 0;
  if (spec.visits) {
    const a = numeric(table, spec.visits, 'visits');
    const bad: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      if (x >= 1 && Number.isFinite(x)) multiplicity[i] = x;
      else bad.push(i);
    }
    if (bad.length && (spec.visitsRule ?? 'error') === 'error') {
      throw new InputError(`${table.source}: visits column "${spec.visits}" must be >= 1 (the respondent was met at a VDT unit), ${rows(bad)} (${bad.slice(0, 5).map((i) => (Number.isNaN(a[i]!) ? 'missing' : a[i])).join(', ')}); use the visits rule "one" to count them as 1`);
    }
    changed = bad.length;
    if (changed) warnings.push(`${changed} zero or missing visits in "${spec.visits}" set to 1`);
  }
  const weights = Float64Array.from(base, (w, i) => w / multiplicity[i]!);
  return { weights, base, multiplicity, visitsChanged: changed, warnings };
}

/** The name of the weight column a TLS design adds to its data. */
export const TLS_WEIGHT = '.tls_weight';

/**
 * The TLS design for `estimate()`: weights from `tlsWeights`, PSU = VDT unit (with-replacement first stage, the usual
 * ultimate-cluster variance, unless the fpc is given), strata as given, PSU ids nested in strata.
 */
export function tlsDesign(table: Table, spec: TlsSpec): { design: SurveyDesign; weights: TlsWeights } {
  const weights = tlsWeights(table, spec);
  const data: SurveyData = {
    nrows: table.nrows,
    column: (name: string): Vector => (name === TLS_WEIGHT ? { kind: 'number', values: weights.weights } : table.column(name)),
  };
  const design = svyDesign(data, {
    weight: TLS_WEIGHT,
    psu: [spec.vdt],
    ...(spec.strata ? { strata: spec.strata, nest: true } : {}),
    ...(spec.fpc ? { fpc: [spec.fpc] } : {}),
    lonelyPsu: spec.lonelyPsu ?? 'fail',
  });
  return { design: weights.warnings.length ? { ...design, warnings: [...(design.warnings ?? []), ...weights.warnings] } : design, weights };
}
