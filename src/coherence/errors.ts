/** Errors of the coherence module: every problem names its file, the place in it (`file:line:col` or row) and the key or column. */

/** One problem: where (`rubric.yaml:12:7`, `responses.csv row 14`), what key or column, and what is wrong. */
export interface CoherenceProblem {
  readonly where: string;
  readonly key: string;
  readonly message: string;
}

/** A rubric, responses file, interaction matrix or indicator file that cannot be used: carries every problem found. */
export class CoherenceError extends Error {
  override readonly name = 'CoherenceError';
  constructor(
    readonly problems: readonly CoherenceProblem[],
    headline?: string,
  ) {
    const shown = problems.slice(0, 20).map((p) => `${p.where}: ${p.key}: ${p.message}`);
    const more = problems.length > 20 ? [`... and ${problems.length - 20} more problems`] : [];
    super([...(headline ? [headline] : []), ...shown, ...more].join('\n'));
  }
}

/** A CoherenceError with one problem. */
export function coherenceError(where: string, key: string, message: string): CoherenceError {
  return new CoherenceError([{ where, key, message }]);
}
