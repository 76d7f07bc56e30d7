/**
 * Weights of an Atlantis LFS round, with the estimation core: base weights, a weighting-class nonresponse adjustment
 * (stratum x listed household size class), and integrated raking calibration of persons to the population by
 * region, sex and age group (one weight per household, R `calibrate(aggregate.index=)`); bootstrap replicate weights
 * (Canty-Davison rescaled bootstrap of areas with the first-stage fpc, R `as.svrepdesign(type = "bootstrap")`; variance
 * scale n/((n-1)(R-1)), n the harmonic mean of areas per stratum) go through the same nonresponse adjustment and
 * calibration.
 */
import { type CalibrateSpec, calibrate } from '../../src/survey/reweight.js';
import { type Margins, parseMargins } from '../../src/survey/calibration.js';
import { svyDesign, type SurveyDesign } from '../../src/survey/design.js';
import { asReplicateDesign, type ReplicateDesign } from '../../src/survey/replicate-design.js';
import { nonresponseAdjustment } from '../../src/survey/weighting.js';
import { type Table, tableFromArrays } from '../../src/io/table.js';
import { AGE_GROUPS, REGIONS } from './country.js';
import { ageGroup, type Population } from './population.js';
import { type RoundSample, sizeClass } from './sample.js';
import { areasInStratum, respondingPersons, withColumns } from './tables.js';

/**
 * The design of the person files: strata, areas then households, the first-stage fpc from the frame's area counts (an
 * approximation for PPS; later stages with replacement, as R).
 */
export const DESIGN = { strata: 'stratum', psu: ['ea', 'hh_id'], fpc: ['ea_total'] } as const;

/** Calibration of every round: variables of the person file, raking, epsilon 1e-10, one weight per household. */
export function calibrationSpec(margins: Margins): CalibrateSpec {
  return { variables: ['region', 'sex', 'agegrp'], margins, calfun: 'raking', epsilon: 1e-10, aggregate: 'hh_id' };
}

/** Population totals of the calibration (persons in households by region, sex and age group), as a margin file. */
export function populationMargins(pop: Population): { text: string; margins: Margins } {
  const region = new Float64Array(REGIONS.length + 1);
  const sex = new Float64Array(3);
  const age = new Float64Array(AGE_GROUPS.length + 1);
  const P = pop.persons;
  for (let i = 0; i < P.count; i++) {
    region[pop.households.region[P.household[i]!]!]!++;
    sex[P.sex[i]!]!++;
    age[ageGroup(P.age[i]!) + 1]!++;
  }
  const lines = ['variable,level,total', `(Intercept),,${P.count}`];
  for (const r of REGIONS) lines.push(`region,${r.code},${region[r.code]}`);
  for (const s of [1, 2]) lines.push(`sex,${s},${sex[s]}`);
  AGE_GROUPS.forEach((_, g) => lines.push(`agegrp,${g + 1},${age[g + 1]}`));
  const text = `${lines.join('\n')}\n`;
  return { text, margins: parseMargins(text, 'margins.csv') };
}

/** Nonresponse classes: stratum x listed size class; a class with fewer than 15 respondents joins its stratum's pooled class. */
export function nonresponseClasses(pop: Population, round: RoundSample): { codes: Int32Array; labels: string[] } {
  const cell = (k: number): string => `${pop.households.stratum[round.household[k]!]}:${sizeClass(pop.households.size[round.household[k]!]!)}`;
  const respondents = new Map<string, number>();
  round.household.forEach((_, k) => respondents.set(cell(k), (respondents.get(cell(k)) ?? 0) + round.responded[k]!));
  const classOf = (k: number): string => ((respondents.get(cell(k)) ?? 0) >= 15 ? cell(k) : `${pop.households.stratum[round.household[k]!]}:pooled`);
  const labels: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(round.household, (_, k) => {
    const c = classOf(k);
    let code = index.get(c);
    if (code === undefined) {
      index.set(c, (code = labels.length));
      labels.push(c);
    }
    return code;
  });
  return { codes, labels };
}

export interface WeightedRound {
  /** Nonresponse-adjusted household weights (0 for nonrespondents), per selected household. */
  readonly nonresponseWeight: Float64Array;
  /** Calibrated Taylor design on the person table (DESIGN): its weights are the final weights. */
  readonly design: SurveyDesign;
  /** Calibrated bootstrap replicate design, when replicates were asked for. */
  readonly replicate?: ReplicateDesign;
}

/** Weights a round whose person table (from personTable) is `persons`: nonresponse, calibration and, optionally, bootstrap replicates. */
export function weightRound(pop: Population, round: RoundSample, persons: Table, options: { margins: Margins; replicates?: number; seed?: number }): WeightedRound {
  const classes = nonresponseClasses(pop, round);
  const nr = nonresponseAdjustment(round.baseWeight, round.responded, classes.codes, classes.labels);
  const { sampleRow } = respondingPersons(pop, round);
  const toPersons = (w: Float64Array): Float64Array => Float64Array.from(sampleRow, (k) => w[k]!);
  const data = withColumns(persons, { nr_weight: { values: toPersons(nr.weights), label: 'Design weight after the nonresponse adjustment' } });
  const spec = calibrationSpec(options.margins);
  const design = calibrate(svyDesign(data, { weight: 'nr_weight', ...DESIGN }), spec) as SurveyDesign;
  if (!options.replicates) return { nonresponseWeight: nr.weights, design };
  const H = pop.households;
  const households = tableFromArrays({
    stratum: Float64Array.from(round.household, (h) => H.stratum[h]!),
    ea: Float64Array.from(round.household, (h) => H.ea[h]!),
    ea_total: Float64Array.from(round.household, (h) => areasInStratum(pop)[H.stratum[h]!]!),
    w: round.baseWeight,
  });
  const boot = asReplicateDesign(svyDesign(households, { weight: 'w', strata: 'stratum', psu: ['ea'], fpc: ['ea_total'] }), { type: 'bootstrap', replicates: options.replicates, seed: options.seed ?? 1 });
  const replicates = boot.replicates.map((w) => toPersons(nonresponseAdjustment(w, round.responded, classes.codes, classes.labels).weights));
  const uncalibrated: ReplicateDesign = { ...boot, data, n: data.nrows, weights: toPersons(nr.weights), replicates };
  return { nonresponseWeight: nr.weights, design, replicate: calibrate(uncalibrated, spec) as ReplicateDesign };
}
