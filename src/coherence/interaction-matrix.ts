/**
 * The interaction matrix between policy objectives: how far each employment or education/training objective (rows)
 * advances or hinders each labour migration objective (columns), on the seven-point scale of Nilsson, Griggs and
 * Visbeck (2016, "Policy: Map the interactions between Sustainable Development Goals", Nature 534: 320-322):
 * +3 indivisible, +2 reinforcing, +1 enabling, 0 consistent, -1 constraining, -2 counteracting, -3 cancelling.
 *
 * Input: CSV or .xlsx, one row per pair, columns `objective` (the employment or education/training objective), `domain`
 * (`employment` or `education`), `migration_objective`, `score` (-3..+3) and optionally `rationale`. Summary: the
 * reinforcing pairs (score > 0) and the conflicting pairs (score < 0), strongest first, and per objective the number of
 * positive and negative interactions and their sum. Pairs of the grid that were not scored are counted, not guessed.
 */
import { CoherenceError, type CoherenceProblem } from './errors.js';
import { type RawRows, readRawRows } from './responses.js';

/** The seven points of the scale, by score. */
export const INTERACTION_SCALE: Readonly<Record<string, string>> = {
  '3': 'indivisible', '2': 'reinforcing', '1': 'enabling', '0': 'consistent', '-1': 'constraining', '-2': 'counteracting', '-3': 'cancelling',
};

export const INTERACTION_DOMAINS = ['employment', 'education'] as const;
export type InteractionDomain = (typeof INTERACTION_DOMAINS)[number];

export interface Interaction {
  readonly row: number;
  readonly objective: string;
  readonly domain: InteractionDomain;
  readonly migration_objective: string;
  readonly score: number;
  /** The scale's word for the score (`reinforcing`, `counteracting`, ...). */
  readonly label: string;
  readonly rationale: string;
}

export interface ObjectiveSummary {
  readonly objective: string;
  /** `employment`, `education` (rows) or `migration` (columns). */
  readonly domain: InteractionDomain | 'migration';
  readonly positive: number;
  readonly negative: number;
  readonly net: number;
}

export interface InteractionMatrix {
  readonly source: string;
  /** Row objectives (employment, then education; in order of first appearance) and column objectives. */
  readonly objectives: readonly { readonly objective: string; readonly domain: InteractionDomain }[];
  readonly migrationObjectives: readonly string[];
  readonly interactions: readonly Interaction[];
  /** Score > 0, strongest first. */
  readonly reinforcing: readonly Interaction[];
  /** Score < 0, strongest (most negative) first. */
  readonly conflicting: readonly Interaction[];
  readonly summary: readonly ObjectiveSummary[];
  /** Pairs of the objectives x migration objectives grid with no row. */
  readonly unscored: number;
}

export const INTERACTION_COLUMNS = ['objective', 'domain', 'migration_objective', 'score'] as const;

const order = (a: Interaction, b: Interaction): number => a.row - b.row;

/** Validates text rows of an interaction matrix (see the module comment); every problem in one CoherenceError. */
export function interactionsFromRows(raw: RawRows): InteractionMatrix {
  const col = new Map(raw.header.map((h, i) => [h.toLowerCase(), i]));
  const missingCols = INTERACTION_COLUMNS.filter((c) => !col.has(c));
  if (missingCols.length > 0) {
    throw new CoherenceError([{ where: raw.source, key: missingCols.join(', '), message: `missing column${missingCols.length > 1 ? 's' : ''}; the columns are: ${raw.header.join(', ')} (needed: ${INTERACTION_COLUMNS.join(', ')}; optional: rationale)` }]);
  }
  const problems: CoherenceProblem[] = [];
  const seen = new Map<string, number>();
  const domainOf = new Map<string, { domain: InteractionDomain; row: number }>();
  const interactions: Interaction[] = [];
  const rationaleCol = col.get('rationale');
  for (const { row, values } of raw.rows) {
    const get = (c: string): string => (values[col.get(c)!] ?? '').trim();
    const where = `${raw.source} row ${row}`;
    const before = problems.length;
    const objective = get('objective');
    const domain = get('domain').toLowerCase();
    const mig = get('migration_objective');
    const scoreText = get('score');
    if (objective === '') problems.push({ where, key: 'objective', message: 'empty: name the employment or education/training objective' });
    if (mig === '') problems.push({ where, key: 'migration_objective', message: 'empty: name the labour migration objective' });
    if (!(INTERACTION_DOMAINS as readonly string[]).includes(domain)) problems.push({ where, key: 'domain', message: `"${get('domain')}" is not a domain; domains are: ${INTERACTION_DOMAINS.join(', ')}` });
    const score = Number(scoreText);
    if (!/^[-+]?\d+$/.test(scoreText) || score < -3 || score > 3) {
      problems.push({ where, key: 'score', message: `"${scoreText}" is not a score of the seven-point scale: whole numbers -3 (cancelling) to +3 (indivisible)` });
    }
    const d = domainOf.get(objective);
    if (d && objective !== '' && d.domain !== domain) problems.push({ where, key: 'domain', message: `objective "${objective}" is in domain "${domain}" here but "${d.domain}" at row ${d.row}` });
    const key = `${objective}\u0000${mig}`;
    if (seen.has(key)) problems.push({ where, key: 'migration_objective', message: `the pair "${objective}" x "${mig}" is scored twice (also row ${seen.get(key)})` });
    if (problems.length > before) continue;
    seen.set(key, row);
    if (!d) domainOf.set(objective, { domain: domain as InteractionDomain, row });
    interactions.push({
      row, objective, domain: domain as InteractionDomain, migration_objective: mig, score, label: INTERACTION_SCALE[String(score)]!,
      rationale: rationaleCol === undefined ? '' : (values[rationaleCol] ?? '').trim(),
    });
  }
  if (raw.rows.length === 0) problems.push({ where: raw.source, key: '(file)', message: 'no interactions: the file has a header and no rows' });
  if (problems.length > 0) throw new CoherenceError(problems, `interaction matrix ${raw.source}: ${problems.length} problem${problems.length > 1 ? 's' : ''}`);
  const objectives = INTERACTION_DOMAINS.flatMap((dom) => [...domainOf.entries()].filter(([, v]) => v.domain === dom).map(([objective]) => ({ objective, domain: dom })));
  const migrationObjectives = [...new Set(interactions.map((i) => i.migration_objective))];
  const tally = (xs: readonly Interaction[]) => ({ positive: xs.filter((x) => x.score > 0).length, negative: xs.filter((x) => x.score < 0).length, net: xs.reduce((s, x) => s + x.score, 0) });
  const summary: ObjectiveSummary[] = [
    ...objectives.map((o) => ({ objective: o.objective, domain: o.domain, ...tally(interactions.filter((i) => i.objective === o.objective)) })),
    ...migrationObjectives.map((m) => ({ objective: m, domain: 'migration' as const, ...tally(interactions.filter((i) => i.migration_objective === m)) })),
  ];
  return {
    source: raw.source, objectives, migrationObjectives, interactions,
    reinforcing: interactions.filter((i) => i.score > 0).sort((a, b) => b.score - a.score || order(a, b)),
    conflicting: interactions.filter((i) => i.score < 0).sort((a, b) => a.score - b.score || order(a, b)),
    summary, unscored: objectives.length * migrationObjectives.length - interactions.length,
  };
}

/** Reads and validates an interaction matrix file (CSV or .xlsx). */
export async function readInteractionMatrix(path: string): Promise<InteractionMatrix> {
  return interactionsFromRows(await readRawRows(path));
}
