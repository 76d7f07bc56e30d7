/** Scores: on the Atlantis example every score is recomputed from the responses and weights the output names; a small case by hand; the missing-answer rule. */
import { describe, expect, it } from 'vitest';
import { responsesFromRows } from '../../src/coherence/responses.js';
import { parseRubric } from '../../src/coherence/rubric.js';
import { scoreResponses } from '../../src/coherence/scores.js';
import { atlantis } from './support.js';

const recompute = (cs: readonly { value: number; weight: number }[]): number => cs.reduce((s, c) => s + c.weight * c.value, 0) / cs.reduce((s, c) => s + c.weight, 0);

describe('scores', () => {
  it('Atlantis: every question, dimension and overall score is recomputed from its contributions, which are the responses and weights', async () => {
    const { rubric, responses, result } = await atlantis();
    const s = result.scores;
    const byRow = new Map(responses.responses.map((r) => [r.row, r]));
    expect(s.questions.length).toBe(25);
    for (const q of s.questions) {
      expect(q.status, q.question).toBe('scored');
      expect(recompute(q.contributions)).toBeCloseTo(q.score!, 12);
      // each contribution is a response of the file: same assessor, question and score at the row named
      for (const c of q.contributions) {
        const r = byRow.get(c.row!)!;
        expect([r.assessor, r.question, r.score, r.group]).toEqual([c.ref, q.question, c.value, c.group]);
      }
      // equal-groups: each answering group weighs the same
      const groups = [...new Set(q.contributions.map((c) => c.group))];
      for (const g of groups) expect(q.contributions.filter((c) => c.group === g).reduce((t, c) => t + c.weight, 0)).toBeCloseTo(1 / groups.length, 12);
      expect(q.score_100).toBeCloseTo((100 * q.score!) / 4, 12);
    }
    for (const d of s.dimensions) {
      expect(recompute(d.contributions)).toBeCloseTo(d.score!, 12);
      const qs = rubric.dimensions.find((x) => x.id === d.dimension)!.questions;
      expect(d.contributions.map((c) => c.ref)).toEqual(qs.map((q) => q.id));
      for (const c of d.contributions) {
        expect(c.value).toBe(s.questions.find((q) => q.question === c.ref)!.score_100);
        expect(c.weight).toBe(qs.find((q) => q.id === c.ref)!.weight);
      }
    }
    expect(recompute(s.overall.contributions)).toBeCloseTo(s.overall.score!, 12);
    expect(s.overall.contributions.map((c) => c.value)).toEqual(s.dimensions.map((d) => d.score));
    // missing answers: 2 education-ministry assessors x 4 recruitment questions (DK) and one question without a row
    expect(s.missing.length).toBe(9);
    expect(s.missing.filter((m) => m.reason === 'no row')).toEqual([{ assessor: 'WRK-3', group: 'workers', question: 'RET3', row: null, reason: 'no row' }]);
    expect(s.agreement.filter((a) => a.scope === 'all').map((a) => a.metric)).toEqual(['nominal', 'ordinal', 'interval']);
    expect(result.notes.join(' ')).toMatch(/Missing answers: 9 of 275/);
  });

  it('a case by hand: equal-groups against equal-assessors, rescaling, weights, spread and group means', () => {
    const rubric = parseRubric(`rubric: 1
id: hand
title: Hand
scale: { min: 1, max: 5 }
aggregation: { assessors: equal-groups }
dimensions:
  - id: a
    title: A
    weight: 2
    questions:
      - { id: Q1, text: q1, weight: 3 }
      - { id: Q2, text: q2 }
  - id: b
    title: B
    questions:
      - { id: Q3, text: q3 }
`, 'hand.yaml');
    const rows = [
      ['x1', 'g1', 'Q1', '5'], ['x2', 'g1', 'Q1', '3'], ['y1', 'g2', 'Q1', '1'],
      ['x1', 'g1', 'Q2', '2'], ['x2', 'g1', 'Q2', '2'], ['y1', 'g2', 'Q2', '4'],
      ['x1', 'g1', 'Q3', '5'], ['x2', 'g1', 'Q3', 'DK'], ['y1', 'g2', 'Q3', '3'],
    ].map((values, i) => ({ row: i + 2, values }));
    const set = responsesFromRows({ source: 'hand.csv', header: ['assessor', 'group', 'question', 'score'], rows }, rubric);
    const s = scoreResponses(rubric, set);
    const q = (id: string) => s.questions.find((x) => x.question === id)!;
    // Q1: g1 mean 4 and g2 1 weigh 1/2 each -> 2.5 -> 100 * (2.5 - 1) / 4 = 37.5
    expect(q('Q1').score).toBeCloseTo(2.5, 14);
    expect(q('Q1').score_100).toBeCloseTo(37.5, 14);
    expect(q('Q1').contributions.map((c) => c.weight)).toEqual([0.25, 0.25, 0.5]);
    expect(q('Q1').spread.sd).toBeCloseTo(2, 14);
    expect(q('Q1').group_means).toEqual({ g1: 4, g2: 1 });
    // Q2: (2 + 4) / 2 = 3 -> 50; Q3: x2 DK, so x1 weighs 1/2 and y1 1/2 -> 4 -> 75
    expect(q('Q2').score_100).toBeCloseTo(50, 14);
    expect(q('Q3').score).toBeCloseTo(4, 14);
    expect(q('Q3').answered).toBe(2);
    // dimension a: (3 * 37.5 + 1 * 50) / 4 = 40.625; overall (2 * 40.625 + 1 * 75) / 3
    expect(s.dimensions[0]!.score).toBeCloseTo(40.625, 14);
    expect(s.overall.score).toBeCloseTo((2 * 40.625 + 75) / 3, 14);
    expect(s.missing).toEqual([{ assessor: 'x2', group: 'g1', question: 'Q3', row: 9, reason: 'no score given' }]);
    // equal-assessors: Q1 = (5 + 3 + 1) / 3
    const flat = scoreResponses({ ...rubric, aggregation: { ...rubric.aggregation, assessors: 'equal-assessors' } }, set);
    expect(flat.questions[0]!.score).toBeCloseTo(3, 14);
  });

  it('missing rule: a question answered by fewer than min_answered_share of the assessors is missing; a dimension below min_weight_share too', () => {
    const rubric = parseRubric(`rubric: 1
id: miss
title: Missing
scale: { min: 0, max: 4 }
aggregation: { min_answered_share: 0.6, min_weight_share: 0.5 }
dimensions:
  - id: a
    title: A
    questions:
      - { id: Q1, text: q1, weight: 1 }
      - { id: Q2, text: q2, weight: 3 }
  - id: b
    title: B
    questions:
      - { id: Q3, text: q3 }
`, 'miss.yaml');
    const rows = [
      ['x', 'g', 'Q1', '4'], ['y', 'g', 'Q1', '2'], ['z', 'h', 'Q1', '0'],
      ['x', 'g', 'Q2', '3'], ['y', 'g', 'Q2', 'NA'], ['z', 'h', 'Q2', ''],
      ['x', 'g', 'Q3', '1'], ['y', 'g', 'Q3', '1'], ['z', 'h', 'Q3', '3'],
    ].map((values, i) => ({ row: i + 2, values }));
    const s = scoreResponses(rubric, responsesFromRows({ source: 'm.csv', header: ['assessor', 'group', 'question', 'score'], rows }, rubric));
    // Q2: 1 of 3 answered < 0.6 -> missing; dimension a keeps 1/4 of its weight < 0.5 -> missing; overall from b only (1/2 of the weight)
    expect(s.questions[1]).toMatchObject({ status: 'missing', score: null, answered: 1, contributions: [] });
    expect(s.dimensions[0]).toMatchObject({ status: 'missing', score: null, weight_share: 0.25 });
    expect(s.dimensions[1]!.score).toBeCloseTo(50, 14);
    expect(s.overall).toMatchObject({ status: 'scored', dimensions_scored: 1, weight_share: 0.5 });
    expect(s.overall.score).toBeCloseTo(50, 14);
    expect(s.missing.map((m) => m.question)).toEqual(['Q2', 'Q2']);
  });
});
