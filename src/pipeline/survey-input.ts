/**
 * The survey input of a pipeline: each round's profile loaded, its data files read and mapped to the standard
 * variables (profile/apply.ts `mapProfile`). Every problem of every round (profile, files, tables, data) is gathered and
 * reported at once, before anything is estimated.
 */
import { existsSync } from 'node:fs';
import { readTable } from '../io/read.js';
import type { Table } from '../io/table.js';
import { ProfileError, formatProblem } from '../profile/errors.js';
import { type ProfileResult, mapProfile } from '../profile/apply.js';
import { type LoadedProfile, loadProfile } from '../profile/load.js';
import type { ColumnRef, DesignSpec } from '../profile/schema.js';
import type { Pipeline } from './pipeline-file.js';

/** A profiled input ready to estimate: its profile, files and standard table (with the profile's design options). */
export interface ProfiledInput {
  readonly profilePath: string;
  readonly profile: LoadedProfile;
  /** Data files by the profile's table names. */
  readonly files: Readonly<Record<string, string>>;
  readonly applied: ProfileResult;
}

/** A survey round: a profiled input with its label (an ILOSTAT time code). */
export interface SurveyRound extends ProfiledInput {
  readonly label: string;
}

/**
 * Loads a profile, reads the data files of its tables and maps them (`mapProfile`); every problem is pushed to
 * `problems` as a message starting with `at(key path...)`, and the input is returned only when it has none.
 */
export async function loadProfiledInput(
  profilePath: string, files: Readonly<Record<string, string>>, at: (...path: (string | number)[]) => string, problems: string[],
): Promise<ProfiledInput | undefined> {
  let profile: LoadedProfile;
  try {
    profile = loadProfile(profilePath);
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    problems.push(`${at('profile')}: the profile ${profilePath} cannot be used:`, ...e.problems.filter((p) => p.severity === 'error').map((p) => `  ${formatProblem(p)}`));
    return undefined;
  }
  const expected = Object.keys(profile.profile.tables);
  const given = Object.keys(files);
  const before = problems.length;
  for (const name of given.filter((n) => !expected.includes(n))) problems.push(`${at('tables', name)}: the profile ${profilePath} has no table "${name}"; its tables: ${expected.join(', ')}`);
  for (const name of expected.filter((n) => !given.includes(n))) problems.push(`${at('tables')}: no data file for the profile's table "${name}"; give tables.${name}: FILE`);
  const tables: Record<string, Table> = {};
  for (const name of expected.filter((n) => given.includes(n))) {
    const file = files[name]!;
    if (!existsSync(file)) problems.push(`${at('tables', name)}: data file ${file} does not exist`);
    else {
      try {
        tables[name] = await readTable(file);
      } catch (e) {
        problems.push(`${at('tables', name)}: ${(e as Error).message}`);
      }
    }
  }
  if (problems.length > before) return undefined;
  const applied = mapProfile(profile, tables);
  const errors = applied.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    problems.push(`${at('profile')}: the data do not fit the profile ${profilePath} (${errors.length} problem${errors.length > 1 ? 's' : ''}; migstat profile check lists them with counts):`, ...errors.slice(0, 10).map((p) => `  ${formatProblem(p)}`));
    return undefined;
  }
  if (!applied.estimateOptions) {
    problems.push(`${at('profile')}: the profile ${profilePath} has no design: estimates need its weights (design: weight, strata, psu, ... or replicate_weights)`);
    return undefined;
  }
  return { profilePath, profile, files, applied };
}

/** `file:line:col: key.path: what` for messages about a part of the pipeline file. */
export function keyLocator(pipeline: Pipeline, base: readonly (string | number)[], what: string): (...path: (string | number)[]) => string {
  return (...path) => {
    const key = [...base, ...path];
    return `${pipeline.locate(key)}: ${key.join('.')}: ${what}`;
  };
}

/** The pipeline's inputs, read and mapped: the survey rounds (empty without a survey) and the recruitment cost survey. */
export interface LoadedInputs {
  readonly rounds: readonly SurveyRound[];
  readonly recruitmentCosts?: ProfiledInput;
}

/** Loads and checks every input of the pipeline; problems are returned as messages, none thrown. */
export async function loadInputs(pipeline: Pipeline): Promise<{ inputs: LoadedInputs; problems: string[] }> {
  const rounds: SurveyRound[] = [];
  const problems: string[] = [];
  for (const [k, r] of (pipeline.survey?.rounds ?? []).entries()) {
    const input = await loadProfiledInput(r.profile, r.tables, keyLocator(pipeline, ['inputs', 'survey', 'rounds', k], `round ${r.label}`), problems);
    if (input) rounds.push({ ...input, label: r.label });
  }
  const rcs = pipeline.recruitmentCosts;
  const recruitmentCosts = rcs && (await loadProfiledInput(rcs.profile, rcs.tables, keyLocator(pipeline, ['inputs', 'recruitment_costs'], 'recruitment cost survey'), problems));
  return { inputs: { rounds, ...(recruitmentCosts ? { recruitmentCosts } : {}) }, problems };
}

const ref = (r: ColumnRef): string => (r.table ? `${r.table}.${r.column}` : r.column);

/** The sample design of a profile in words, for the metadata and the report's methodology. */
export function describeDesign(design: DesignSpec): { design: string; variance: string } {
  const parts = [
    design.weight ? `weights ${ref(design.weight)}` : 'equal weights',
    ...(design.strata ? [`strata ${ref(design.strata)}`] : []),
    ...(design.psu?.length ? [`${design.psu.length}-stage clusters ${design.psu.map(ref).join(' > ')}`] : []),
    ...(design.fpc?.length ? [`finite population corrections ${design.fpc.map(ref).join(', ')}`] : []),
    ...(design.calibration ? [`${design.calibration.method} to population totals of ${design.calibration.variables.join(', ')}`] : []),
  ];
  const rw = design.replicate_weights;
  const gen = design.replicates;
  const variance = rw
    ? `replicate weights (${rw.type}${rw.scale !== undefined ? `, scale ${rw.scale}` : ''}${rw.table ? `, from table ${rw.table}` : ''}), as R survey svrepdesign`
    : gen
      ? `${gen.n ?? ''} ${gen.type} replicates generated from the design (R survey as.svrepdesign${gen.seed !== undefined ? `, seed ${gen.seed}` : ''})`.trim()
      : `Taylor linearisation (R survey svydesign)${design.psu?.length ? ', with-replacement first stage unless an fpc is given' : ''}${design.lonely_psu ? `; single-PSU strata: ${design.lonely_psu}` : ''}`;
  return { design: parts.join('; '), variance };
}
