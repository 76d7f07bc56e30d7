/**
 * One call from files to an assessment, for the CLI and the pipeline's `coherence` step: reads and checks the rubric
 * (default: the built-in ILO rubric), the responses, the interaction matrix and the indicator rows, then assesses.
 * Nothing is written; every input problem is a CoherenceError naming the file and the place in it.
 */
import { type CoherenceResult, assessCoherence } from './assess.js';
import { type IndicatorRow, readIndicatorRows } from './evidence.js';
import { type InteractionMatrix, readInteractionMatrix } from './interaction-matrix.js';
import { readResponses } from './responses.js';
import { type Rubric, defaultRubric, loadRubric } from './rubric.js';

export interface CoherenceFiles {
  readonly responses: string;
  /** Rubric file; default the built-in ILO rubric. */
  readonly rubric?: string;
  readonly matrix?: string;
  /** Tidy indicator files or folders of migstat results. */
  readonly indicators?: readonly string[];
  /** Tidy indicator rows of the previous round (default: the earlier time in `indicators`). */
  readonly previous?: readonly string[];
  /** Confidence level of the indicator intervals; default 0.95. */
  readonly level?: number;
}

export interface CoherenceRun {
  readonly rubric: Rubric;
  readonly result: CoherenceResult;
  readonly indicatorRows: number;
  readonly previousRows: number;
}

/** Reads the inputs of an assessment and assesses it (see assess.ts). */
export async function assessCoherenceFiles(files: CoherenceFiles): Promise<CoherenceRun> {
  const rubric = files.rubric ? loadRubric(files.rubric) : defaultRubric();
  const responses = await readResponses(files.responses, rubric);
  const matrix: InteractionMatrix | undefined = files.matrix ? await readInteractionMatrix(files.matrix) : undefined;
  const indicators: IndicatorRow[] | undefined = files.indicators?.length ? await readIndicatorRows(files.indicators) : undefined;
  const previous: IndicatorRow[] | undefined = files.previous?.length ? await readIndicatorRows(files.previous) : undefined;
  const result = assessCoherence(rubric, responses, { ...(matrix ? { matrix } : {}), ...(indicators ? { indicators } : {}), ...(previous ? { previous } : {}), level: files.level ?? 0.95 });
  return { rubric, result, indicatorRows: indicators?.length ?? 0, previousRows: previous?.length ?? 0 };
}
