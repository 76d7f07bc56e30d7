/** Rubrics: the default ILO rubric, and validation errors that name the file, the key with line:col, and the problem. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoherenceError } from '../../src/coherence/errors.js';
import { defaultRubric, loadRubric, parseRubric } from '../../src/coherence/rubric.js';
import { ILO_DEFAULT_RUBRIC_YAML } from '../../src/coherence/rubrics/ilo-default.js';
import { RUBRIC } from './support.js';

const MINIMAL = `rubric: 1
id: mini
title: Minimal rubric
scale:
  min: 0
  max: 4
dimensions:
  - id: d1
    title: One
    questions:
      - id: Q1
        text: First question?
      - id: Q2
        text: Second question?
`;

function problems(text: string, file = 'r.yaml'): { where: string; key: string; message: string }[] {
  try {
    parseRubric(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(CoherenceError);
    return [...(e as CoherenceError).problems];
  }
  throw new Error('expected a CoherenceError');
}

describe('rubric', () => {
  it('the default rubric: 7 dimensions of 3-5 questions, each citing an instrument, 0-4 anchors, weighted means; the example copy is the same text', () => {
    const r = defaultRubric();
    expect(r.dimensions.map((d) => d.id)).toEqual(['admission', 'skills', 'recruitment', 'rights', 'protection', 'return', 'coordination']);
    for (const d of r.dimensions) {
      expect(d.questions.length, d.id).toBeGreaterThanOrEqual(3);
      expect(d.questions.length, d.id).toBeLessThanOrEqual(5);
      for (const q of d.questions) {
        expect(q.sources.length, q.id).toBeGreaterThan(0);
        expect(q.evidence.length, q.id).toBeGreaterThan(0);
        expect(q.sources.some((s) => /ILO|ICLS|SDG|Global Compact/.test(s)), q.id).toBe(true);
      }
    }
    expect(Object.keys(r.scale.anchors ?? {})).toEqual(['0', '1', '2', '3', '4']);
    expect(r.aggregation).toMatchObject({ assessors: 'equal-groups', question: 'weighted-mean', dimension: 'weighted-mean', overall: 'weighted-mean' });
    expect(r.evidence.map((e) => e.id)).toEqual(['unemployment-gap', 'overqualification-gap', 'recruitment-cost', 'pay-gap', 'informality-gap', 'permit-processing']);
    expect(readFileSync(RUBRIC, 'utf8')).toBe(ILO_DEFAULT_RUBRIC_YAML);
    expect(loadRubric(RUBRIC).locate(['dimensions', 2, 'questions', 0, 'id'])).toMatch(/rubric\.yaml:\d+:\d+$/);
  });

  it('defaults: weight 1, the aggregation rule, no evidence', () => {
    const r = parseRubric(MINIMAL, 'mini.yaml');
    expect(r.dimensions[0]!.weight).toBe(1);
    expect(r.dimensions[0]!.questions[1]!.weight).toBe(1);
    expect(r.aggregation.min_answered_share).toBe(0.5);
    expect(r.evidence).toEqual([]);
  });

  it('an unknown key, a wrong type and a missing key: file:line:col, the key path and the problem', () => {
    const text = MINIMAL.replace('        text: First question?\n', '        text: First question?\n        wieght: 2\n').replace('  max: 4', '  max: four');
    const ps = problems(text);
    expect(ps).toContainEqual({ where: 'r.yaml:6:3', key: 'scale.max', message: expect.stringMatching(/expected number/) });
    expect(ps).toContainEqual({ where: 'r.yaml:13:9', key: 'dimensions.0.questions.0.wieght', message: 'unknown key "wieght"; the keys here are: id, text, weight, evidence, sources, scale' });
    const noText = problems(MINIMAL.replace('        text: Second question?\n', ''));
    expect(noText[0]!.key).toBe('dimensions.0.questions.1.text');
    expect(noText[0]!.where).toBe('r.yaml:13:9');
  });

  it('cross-checks: duplicate question ids, anchors outside the scale, min >= max, evidence of an unknown dimension', () => {
    const dup = problems(MINIMAL.replace('id: Q2', 'id: Q1'));
    expect(dup).toEqual([{ where: 'r.yaml:13:9', key: 'dimensions.0.questions.1.id', message: 'question id "Q1" is used twice (also dimensions.0.questions.0)' }]);
    const anchors = problems(MINIMAL.replace('  max: 4\n', '  max: 4\n  anchors:\n    0: none\n    5: beyond\n'));
    expect(anchors).toEqual([{ where: 'r.yaml:9:5', key: 'scale.anchors.5', message: 'anchor 5 is not a whole score of the scale 0..4' }]);
    expect(problems(MINIMAL.replace('  max: 4', '  max: 0'))[0]).toMatchObject({ key: 'scale.max', message: 'scale max (0) must be greater than min (0)' });
    const ev = problems(`${MINIMAL}evidence:\n  - id: e1\n    dimension: nowhere\n    label: x\n    indicator: X\n    unit: u\n    adverse: above\n`);
    expect(ev).toEqual([{ where: 'r.yaml:17:5', key: 'evidence.0.dimension', message: 'unknown dimension "nowhere"; dimensions are: d1' }]);
  });

  it('YAML syntax errors and unreadable files name the file', () => {
    expect(problems('rubric: 1\nid: [unclosed\n')[0]!.where).toMatch(/^r\.yaml:\d+:\d+$/);
    const dir = mkdtempSync(join(tmpdir(), 'migstat-rubric-'));
    expect(() => loadRubric(join(dir, 'none.yaml'))).toThrow(/none\.yaml: \(file\): cannot read the rubric \(ENOENT\)/);
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    expect(() => loadRubric(join(dir, 'list.yaml'))).toThrow(/list\.yaml:1:1: \(top level\): a rubric is a mapping/);
  });
});
