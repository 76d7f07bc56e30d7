/**
 * From a profiled survey to published indicator tables: the concepts the profile asks for (derive.ts), every cell of
 * the chosen indicators (compute.ts), reliability flags, and disclosure control of the count tables with its
 * propagation to the rates and means built on them. The design comes built from the profile's design columns.
 */
import { type LabourForceStandard } from '../concepts/labour-force-status.js';
import type { MigrantCriterion } from '../concepts/migrant-status.js';
import type { ResidenceRule } from '../concepts/usual-residence.js';
import { INDICATOR_SETS, type IndicatorDefinition, resolveCriterion } from '../indicators/catalogue.js';
import type { IndicatorTable } from '../indicators/cell.js';
import { computeIndicators } from '../indicators/compute.js';
import { IndicatorError } from '../indicators/errors.js';
import { type DeriveOptions, type Derivation, deriveIndicatorData } from '../indicators/derive.js';
import { type ReliabilityPolicyInput, flagReliability } from '../indicators/reliability.js';
import { type SuppressionPolicyInput, type SuppressionResult, propagateSuppression, suppressTables } from '../indicators/suppression.js';
import type { LoadedProfile } from '../profile/load.js';
import type { RunExclusion, RunStandards } from '../report/run-metadata.js';
import type { SurveyData } from '../survey/data.js';
import type { SurveyDesign } from '../survey/design.js';
import type { ReplicateDesign } from '../survey/replicate-design.js';

export interface IndicatorRunOptions {
  /** A named set (default `ilms-core`), or the codes to compute (with `{MIG}` resolved, e.g. MST_TEAP_SEX_AGE_CBR_RT). */
  readonly set?: string;
  readonly codes?: readonly string[];
  readonly criterion?: MigrantCriterion;
  readonly standard?: LabourForceStandard;
  readonly residenceRule?: ResidenceRule;
  readonly level?: number;
  readonly reliability?: ReliabilityPolicyInput;
  /** Disclosure control policy; default on (suppression.ts DEFAULT_SUPPRESSION_POLICY). */
  readonly suppression?: SuppressionPolicyInput;
}

export interface IndicatorRun {
  readonly tables: IndicatorTable[];
  readonly derivation: Derivation;
  readonly suppression: SuppressionResult;
}

/** The definitions a run computes: a set, or codes of it (an unknown code is an error listing the set's codes). */
export function selectDefinitions(options: IndicatorRunOptions, criterion: MigrantCriterion): IndicatorDefinition[] {
  const name = options.set ?? 'ilms-core';
  const set = INDICATOR_SETS[name];
  if (!set) throw new IndicatorError(`indicator set "${name}" is not known; sets: ${Object.keys(INDICATOR_SETS).join(', ')}`);
  const all = set.map((d) => resolveCriterion(d, criterion));
  if (!options.codes?.length) return all;
  const byCode = new Map(all.map((d) => [d.code, d]));
  const chosen = options.codes.map((c) => byCode.get(c) ?? (() => { throw new IndicatorError(`indicator ${c} is not in set ${name} (criterion ${criterion}); codes: ${[...byCode.keys()].join(', ')}`); })());
  // a gap needs the table it compares
  for (const d of [...chosen]) if (d.of && !chosen.some((x) => x.code === d.of)) chosen.push(byCode.get(d.of)!);
  return chosen;
}

/** The derivation options of a run: the profile's country, labour force and informality settings, and the run's choices. */
export function deriveOptionsOf(loaded: LoadedProfile, options: IndicatorRunOptions): DeriveOptions {
  const p = loaded.profile;
  return {
    country: p.survey.country,
    criterion: options.criterion,
    standard: options.standard ?? p.labour_force?.status_standard,
    underemploymentThreshold: p.labour_force?.underemployment_hours_threshold,
    underemploymentHours: p.labour_force?.underemployment_hours,
    informality: p.informality.standard,
    residenceRule: options.residenceRule,
  };
}

/** Computes, flags and protects the indicator tables of a profiled standard table on its design. */
export function runIndicators(loaded: LoadedProfile, table: SurveyData, design: SurveyDesign | ReplicateDesign, options: IndicatorRunOptions = {}): IndicatorRun {
  const derivation = deriveIndicatorData(table, deriveOptionsOf(loaded, options));
  const definitions = selectDefinitions(options, derivation.criterion);
  const computed = computeIndicators(design, derivation.data, definitions, { level: options.level });
  const flagged = computed.map((t) => ({ ...t, cells: flagReliability(t.cells, options.reliability) }));
  const breakdowns = Object.values(derivation.data.classifications).map((c) => c.breakdown);
  const counts = flagged.filter((t) => t.measure);
  const suppression = suppressTables(counts, breakdowns, options.suppression);
  const protectedCounts = new Map(suppression.tables.map((t) => [t.indicator, t]));
  const others = propagateSuppression(flagged.filter((t) => !t.measure), suppression.tables, { breakdowns, policy: options.suppression });
  const protectedOthers = new Map(others.map((t) => [t.indicator, t]));
  const tables = flagged.map((t) => protectedCounts.get(t.indicator) ?? protectedOthers.get(t.indicator)!);
  return { tables: suppressGaps(tables, definitions, derivation), derivation, suppression };
}

/** A gap (migrants vs non-migrants of one sex) is not published when either estimate it compares is suppressed. */
function suppressGaps(tables: IndicatorTable[], definitions: readonly IndicatorDefinition[], derivation: Derivation): IndicatorTable[] {
  const byCode = new Map(tables.map((t) => [t.indicator, t]));
  const margins = new Set(Object.values(derivation.data.classifications).map((c) => c.breakdown.total));
  const { migrant, nonMigrant } = derivation.data.migrantItems;
  return tables.map((t) => {
    const def = definitions.find((d) => d.code === t.indicator);
    if (def?.unit !== 'GAP') return t;
    const base = byCode.get(def.of!)!;
    const compared = (sex: string) => base.cells.filter((c) => c.sex === sex && [c.classif1, c.classif2].every((k) => k === null || margins.has(k) || k === migrant || k === nonMigrant) && (c.classif1 === migrant || c.classif1 === nonMigrant || c.classif2 === migrant || c.classif2 === nonMigrant));
    return { ...t, cells: t.cells.map((c) => (c.suppressed || !compared(c.sex).some((b) => b.suppressed) ? c : { ...c, suppressed: 'secondary' as const })) };
  });
}

/** The standards a derivation applied, as run metadata records them. */
export const runStandards = (d: Derivation): RunStandards => ({
  labourForce: d.standard, migrantCriterion: d.criterion, usualResidence: d.residenceRule, informality: d.informality, workingAge: `${d.workingAgeMin}+`,
});

/** Cells withheld by disclosure control, by kind, as exclusion records (`what`: "count cells", "change cells"). */
export function suppressedExclusions(cells: readonly { suppressed?: 'primary' | 'secondary' }[], what: string): RunExclusion[] {
  const follow = what === 'count cells' ? ' (rates and means on them follow)' : '';
  return (['primary', 'secondary'] as const)
    .map((kind) => ({ reason: `${what} not published: ${kind} suppression${follow}`, count: cells.filter((c) => c.suppressed === kind).length, step: 'disclosure control' }))
    .filter((e) => e.count > 0);
}
