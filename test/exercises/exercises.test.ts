/**
 * The course exercises (examples/exercises/): every solution's answers against the frozen answers.json of its
 * exercise (hand calculations, truth.json population values, R survey gold), within each answer's tolerance: an
 * absolute tolerance, or `{ se_multiple: k }`, |estimate - truth| <= k x the standard error the solution reports as
 * `<key>_se`. Solutions never write answers.json; this test only reads it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../examples/exercises/', import.meta.url));

type Tolerance = number | { readonly se_multiple: number };
interface Answers {
  readonly exercise: string;
  readonly answers: Record<string, { readonly value: number; readonly tolerance: Tolerance; readonly source: string }>;
}

const exercises = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort();

describe('course exercises: solutions against their frozen answers', () => {
  it('ten exercises, each with a statement, a solution and answers', () => {
    expect(exercises).toHaveLength(10);
    for (const e of exercises) for (const f of ['README.md', 'solution.ts', 'answers.json']) expect(statSync(join(root, e, f)).isFile(), `${e}/${f}`).toBe(true);
  });

  for (const e of exercises) {
    it(e, async () => {
      const expected = JSON.parse(readFileSync(join(root, e, 'answers.json'), 'utf8')) as Answers;
      expect(expected.exercise).toBe(e);
      const mod = (await import(pathToFileURL(join(root, e, 'solution.ts')).href)) as { solve: () => Promise<Record<string, number>> };
      const got = await mod.solve();
      const keys = Object.keys(expected.answers);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const a = expected.answers[key]!;
        expect(a.source, `${e} ${key}: source`).toMatch(/\S/);
        const value = got[key];
        expect(typeof value, `${e} ${key}: the solution gives no number`).toBe('number');
        const diff = Math.abs(value! - a.value);
        if (typeof a.tolerance === 'number') {
          expect(diff, `${e} ${key}: ${value} vs ${a.value} (tolerance ${a.tolerance})`).toBeLessThanOrEqual(a.tolerance);
        } else {
          const se = got[`${key}_se`];
          expect(Number.isFinite(se) && se! > 0, `${e} ${key}: the solution gives no positive ${key}_se`).toBe(true);
          expect(diff / se!, `${e} ${key}: ${value} (SE ${se}) vs truth ${a.value}`).toBeLessThanOrEqual(a.tolerance.se_multiple);
        }
      }
    }, 60_000);
  }
});
