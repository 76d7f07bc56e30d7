/** Interaction matrix: the Atlantis example summarised into reinforcing and conflicting pairs; errors by row and column. */
import { describe, expect, it } from 'vitest';
import { CoherenceError } from '../../src/coherence/errors.js';
import { INTERACTION_SCALE, interactionsFromRows, readInteractionMatrix } from '../../src/coherence/interaction-matrix.js';
import { MATRIX } from './support.js';

const raw = (rows: string[][]) => ({ source: 'm.csv', header: ['objective', 'domain', 'migration_objective', 'score'], rows: rows.map((values, i) => ({ row: i + 2, values })) });

describe('interaction matrix', () => {
  it('the seven-point scale of Nilsson, Griggs and Visbeck (2016)', () => {
    expect(INTERACTION_SCALE).toEqual({ '3': 'indivisible', '2': 'reinforcing', '1': 'enabling', '0': 'consistent', '-1': 'constraining', '-2': 'counteracting', '-3': 'cancelling' });
  });

  it('Atlantis: 5 x 4 objectives, 19 pairs scored, reinforcing and conflicting pairs strongest first, sums by objective', async () => {
    const m = await readInteractionMatrix(MATRIX);
    expect(m.objectives.map((o) => o.domain)).toEqual(['employment', 'employment', 'employment', 'education', 'education']);
    expect(m.migrationObjectives.length).toBe(4);
    expect(m.interactions.length).toBe(19);
    expect(m.unscored).toBe(1);
    expect(m.reinforcing.length).toBe(12);
    expect(m.conflicting.map((i) => i.score)).toEqual([-2, -2, -1, -1]);
    expect(m.reinforcing.slice(0, 2).map((i) => [i.score, i.label])).toEqual([[3, 'indivisible'], [3, 'indivisible']]);
    const e2 = m.summary.find((x) => x.objective.startsWith('E2'))!;
    expect(e2).toMatchObject({ domain: 'employment', positive: 4, negative: 0, net: 7 });
    const m1 = m.summary.find((x) => x.objective.startsWith('M1'))!;
    expect(m1).toMatchObject({ domain: 'migration', positive: 3, negative: 2, net: 2 });
  });

  it('errors name the file, row and column: score off the scale, unknown domain, a pair twice', () => {
    let err: CoherenceError | undefined;
    try {
      interactionsFromRows(raw([['E1', 'employment', 'M1', '4'], ['E1', 'labour', 'M2', '1'], ['E2', 'education', 'M1', '-1'], ['E2', 'education', 'M1', '2'], ['E3', 'employment', 'M1', '1.5']]));
    } catch (e) {
      err = e as CoherenceError;
    }
    expect(err?.problems).toEqual([
      { where: 'm.csv row 2', key: 'score', message: '"4" is not a score of the seven-point scale: whole numbers -3 (cancelling) to +3 (indivisible)' },
      { where: 'm.csv row 3', key: 'domain', message: '"labour" is not a domain; domains are: employment, education' },
      { where: 'm.csv row 5', key: 'migration_objective', message: 'the pair "E2" x "M1" is scored twice (also row 4)' },
      { where: 'm.csv row 6', key: 'score', message: '"1.5" is not a score of the seven-point scale: whole numbers -3 (cancelling) to +3 (indivisible)' },
    ]);
  });
});
