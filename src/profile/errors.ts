import { InputError } from '../io/errors.js';

/** Where in the profile, and what: every message names the profile file and position, the key, the value and what is allowed. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  /** Kind of problem: `schema`, `extends`, `table`, `column`, `unknown-value`, `duplicate-key`, `unmatched-key`, `column-type`, `unused-map-key`. */
  readonly kind: string;
  /** Profile file and position of the key, `p.yaml:12:7` (or the file alone when the key is not in any file). */
  readonly where: string;
  /** Dotted path of the key in the profile, `tables.person.variables.sex.map`. */
  readonly key: string;
  readonly message: string;
  /** Data table (profile name), its source file and column, for data problems. */
  readonly table?: string;
  readonly source?: string;
  readonly column?: string;
  /** Rows concerned (count) and examples: 1-based data rows with their values. */
  readonly count?: number;
  readonly examples?: readonly { readonly row: number; readonly value: string | number }[];
  readonly allowed?: string;
}

/** One problem as a line of text. */
export function formatProblem(p: Problem): string {
  return `${p.where}: ${p.key}: ${p.message}`;
}

/** A profile that cannot be loaded, or data that do not fit it: carries every problem found, not just the first. */
export class ProfileError extends InputError {
  constructor(
    readonly problems: readonly Problem[],
    headline?: string,
  ) {
    const errors = problems.filter((p) => p.severity === 'error');
    const shown = errors.slice(0, 20).map(formatProblem);
    const more = errors.length > 20 ? [`... and ${errors.length - 20} more problems`] : [];
    super([...(headline ? [headline] : []), ...shown, ...more].join('\n'));
  }
}

/** Dotted form of a key path (`tables.person.variables.sex.map.3`). */
export function keyPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}
