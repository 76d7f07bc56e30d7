/** Paths of the bundled Atlantis coherence example and a loader of its assessment. */
import { assessCoherence } from '../../src/coherence/assess.js';
import { readIndicatorRows } from '../../src/coherence/evidence.js';
import { readInteractionMatrix } from '../../src/coherence/interaction-matrix.js';
import { readResponses } from '../../src/coherence/responses.js';
import { loadRubric } from '../../src/coherence/rubric.js';

export const EXAMPLE = new URL('../../examples/coherence/', import.meta.url).pathname;
export const RUBRIC = `${EXAMPLE}rubric.yaml`;
export const RESPONSES = `${EXAMPLE}responses.csv`;
export const MATRIX = `${EXAMPLE}matrix.csv`;
export const INDICATORS = `${EXAMPLE}indicators`;

/** The example's whole assessment. */
export async function atlantis() {
  const rubric = loadRubric(RUBRIC);
  const responses = await readResponses(RESPONSES, rubric);
  const matrix = await readInteractionMatrix(MATRIX);
  const indicators = await readIndicatorRows([INDICATORS]);
  return { rubric, responses, matrix, indicators, result: assessCoherence(rubric, responses, { matrix, indicators }) };
}
