import { describe, expect, it } from 'vitest';
import { solveLinearProgram, type LinearProgram } from '../../src/indicators/linear-program.js';
import { SeededRandom } from '../support/random.js';

describe('solveLinearProgram: textbook problems', () => {
  it('Wyndor Glass (Hillier & Lieberman): max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18 -> (2, 6), 36', () => {
    // Slack form: x + s1 = 4, 2y + s2 = 12, 3x + 2y + s3 = 18.
    const s = solveLinearProgram({
      sense: 'max',
      objective: [3, 5, 0, 0, 0],
      A: [
        [1, 0, 1, 0, 0],
        [0, 2, 0, 1, 0],
        [3, 2, 0, 0, 1],
      ],
      b: [4, 12, 18],
    });
    expect(s.status).toBe('optimal');
    expect(s.value).toBeCloseTo(36, 10);
    expect(s.x[0]).toBeCloseTo(2, 10);
    expect(s.x[1]).toBeCloseTo(6, 10);
    expect(s.residual).toBeLessThan(1e-12);
  });

  it('the same problem with the first two constraints as upper bounds (bound flips)', () => {
    const s = solveLinearProgram({ sense: 'max', objective: [3, 5, 0], A: [[3, 2, 1]], b: [18], upper: [4, 6, Infinity] });
    expect(s.status).toBe('optimal');
    expect(s.value).toBeCloseTo(36, 10);
    expect([...s.x].map((v) => Math.round(v * 1e9) / 1e9)).toEqual([2, 6, 0]);
  });

  it("Beale's cycling example terminates under Bland's rule at -5/4", () => {
    // min -3/4 x4 + 20 x5 - 1/2 x6 + 6 x7 (Beale 1955; cycles under Dantzig's largest-coefficient rule).
    const s = solveLinearProgram({
      objective: [0, 0, 0, -0.75, 20, -0.5, 6],
      A: [
        [1, 0, 0, 0.25, -8, -1, 9],
        [0, 1, 0, 0.5, -12, -0.5, 3],
        [0, 0, 1, 0, 0, 1, 0],
      ],
      b: [0, 0, 1],
    });
    expect(s.status).toBe('optimal');
    expect(s.value).toBeCloseTo(-1.25, 12);
    expect(s.x[3]).toBeCloseTo(1, 12);
    expect(s.x[5]).toBeCloseTo(1, 12);
  });

  it('minimisation with a >= constraint (diet-type): min 2x + 3y, x + y >= 4, x + 3y >= 6 -> (3, 1), 9', () => {
    const s = solveLinearProgram({
      objective: [2, 3, 0, 0],
      A: [
        [1, 1, -1, 0],
        [1, 3, 0, -1],
      ],
      b: [4, 6],
    });
    expect(s.status).toBe('optimal');
    expect(s.value).toBeCloseTo(9, 10);
    expect(s.x[0]).toBeCloseTo(3, 10);
    expect(s.x[1]).toBeCloseTo(1, 10);
  });

  it('free and negative-bounded variables', () => {
    // min x subject to x + y = 3, y <= 5, x free -> x = -2.
    const free = solveLinearProgram({ objective: [1, 0], A: [[1, 1]], b: [3], lower: [-Infinity, 0], upper: [Infinity, 5] });
    expect(free.status).toBe('optimal');
    expect(free.value).toBeCloseTo(-2, 12);
    // max x subject to x - y = 0, x <= -1 (y has no lower bound) -> -1.
    const neg = solveLinearProgram({ sense: 'max', objective: [1, 0], A: [[1, -1]], b: [0], lower: [-Infinity, -Infinity], upper: [-1, Infinity] });
    expect(neg.status).toBe('optimal');
    expect(neg.value).toBeCloseTo(-1, 12);
    expect(neg.x[1]).toBeCloseTo(-1, 12);
  });

  it('redundant equality rows and fixed variables', () => {
    const s = solveLinearProgram({
      sense: 'max',
      objective: [1, 1, 1],
      A: [
        [1, 1, 0],
        [2, 2, 0],
        [1, 1, 0],
      ],
      b: [5, 10, 5],
      lower: [0, 0, 2],
      upper: [Infinity, Infinity, 2],
    });
    expect(s.status).toBe('optimal');
    expect(s.value).toBeCloseTo(7, 12);
    expect(s.x[2]).toBe(2);
  });

  it('a problem without constraints optimises each variable at its bound', () => {
    const s = solveLinearProgram({ sense: 'max', objective: [1, -1], A: [], b: [], lower: [0, 1], upper: [3, 4] });
    expect(s.status).toBe('optimal');
    expect(s.value).toBe(2);
  });
});

describe('solveLinearProgram: infeasible and unbounded problems', () => {
  it('detects inconsistent equalities', () => {
    expect(solveLinearProgram({ objective: [1, 1], A: [[1, 1], [1, 1]], b: [1, 2] }).status).toBe('infeasible');
  });
  it('detects a negative right-hand side with non-negative variables', () => {
    const s = solveLinearProgram({ objective: [1, 1], A: [[1, 1]], b: [-1] });
    expect(s.status).toBe('infeasible');
    expect(Number.isNaN(s.value)).toBe(true);
  });
  it('detects bounds that cannot meet the constraints', () => {
    expect(solveLinearProgram({ objective: [0, 0], A: [[1, 1]], b: [10], upper: [4, 5] }).status).toBe('infeasible');
  });
  it('detects an unbounded maximum and minimum', () => {
    const up = solveLinearProgram({ sense: 'max', objective: [1, 0], A: [[1, -1]], b: [0] });
    expect(up.status).toBe('unbounded');
    expect(up.value).toBe(Infinity);
    const down = solveLinearProgram({ objective: [1, 0], A: [[1, 1]], b: [3], lower: [-Infinity, 0] });
    expect(down.status).toBe('unbounded');
    expect(down.value).toBe(-Infinity);
  });
  it('is bounded in one direction and unbounded in the other (the range of a suppressed cell)', () => {
    // Cells a, b, c >= 0 with a + b = 10 and c - a = 2: a in [0, 10], so c = a + 2 in [2, 12].
    const lp = (sense: 'min' | 'max', k: number): LinearProgram => ({
      sense,
      objective: [0, 1, 2].map((j) => (j === k ? 1 : 0)),
      A: [
        [1, 1, 0],
        [-1, 0, 1],
      ],
      b: [10, 2],
    });
    expect(solveLinearProgram(lp('min', 2)).value).toBeCloseTo(2, 12);
    expect(solveLinearProgram(lp('max', 2)).value).toBeCloseTo(12, 12);
    // Without the first relation, c is unbounded above.
    expect(solveLinearProgram({ sense: 'max', objective: [0, 0, 1], A: [[-1, 0, 1]], b: [2] }).status).toBe('unbounded');
  });
  it('rejects malformed input with a message naming the entry', () => {
    expect(() => solveLinearProgram({ objective: [1, 1], A: [[1]], b: [1] })).toThrow(/row 1 of A has 1 entries, expected 2/);
    expect(() => solveLinearProgram({ objective: [1], A: [[1]], b: [1], lower: [2], upper: [1] })).toThrow(/bounds of x\[1\]/);
    expect(() => solveLinearProgram({ objective: [NaN], A: [], b: [] })).toThrow(/objective\[1\]/);
  });
});

/** Brute force over all bases and nonbasic bound choices of a small bounded LP: the optimum vertex value. */
function bruteForce(lp: { objective: number[]; A: number[][]; b: number[]; upper: number[] }, sense: 'min' | 'max'): number {
  const n = lp.objective.length;
  const m = lp.b.length;
  let best = NaN;
  const choose = (start: number, picked: number[]): void => {
    if (picked.length === m) {
      const rest = [...Array(n).keys()].filter((k) => !picked.includes(k));
      for (let mask = 0; mask < 1 << rest.length; mask++) {
        const x = new Array<number>(n).fill(0);
        rest.forEach((k, r) => (x[k] = mask & (1 << r) ? lp.upper[k]! : 0));
        // Solve B x_B = b - N x_N by Gaussian elimination with partial pivoting.
        const M = lp.A.map((row, i) => [...picked.map((k) => row[k]!), lp.b[i]! - rest.reduce((s, k) => s + row[k]! * x[k]!, 0)]);
        let singular = false;
        for (let c = 0; c < m; c++) {
          let p = c;
          for (let r = c + 1; r < m; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
          if (Math.abs(M[p]![c]!) < 1e-10) {
            singular = true;
            break;
          }
          [M[c], M[p]] = [M[p]!, M[c]!];
          for (let r = 0; r < m; r++) {
            if (r === c) continue;
            const f = M[r]![c]! / M[c]![c]!;
            for (let k = c; k <= m; k++) M[r]![k]! -= f * M[c]![k]!;
          }
        }
        if (singular) continue;
        picked.forEach((k, c) => (x[k] = M[c]![m]! / M[c]![c]!));
        if (picked.some((k) => x[k]! < -1e-9 || x[k]! > lp.upper[k]! + 1e-9)) continue;
        const v = lp.objective.reduce((s, c, k) => s + c * x[k]!, 0);
        if (Number.isNaN(best) || (sense === 'min' ? v < best : v > best)) best = v;
      }
      return;
    }
    for (let k = start; k < n; k++) choose(k + 1, [...picked, k]);
  };
  choose(0, []);
  return best;
}

describe('solveLinearProgram: random bounded problems against vertex enumeration', () => {
  it('agrees with brute force on 300 random problems (feasible, infeasible, degenerate)', () => {
    const rng = new SeededRandom(20240607);
    let feasible = 0;
    let infeasible = 0;
    for (let trial = 0; trial < 300; trial++) {
      const m = 1 + rng.below(3);
      const n = m + 1 + rng.below(4);
      const int = (lo: number, hi: number) => lo + rng.below(hi - lo + 1);
      const A = Array.from({ length: m }, () => Array.from({ length: n }, () => int(-3, 3)));
      const upper = Array.from({ length: n }, () => int(1, 6));
      // Half the problems get b from a feasible point (often degenerate: integer point at bounds), half at random.
      let b: number[];
      if (trial % 2 === 0) {
        const x0 = upper.map((u) => int(0, u));
        b = A.map((row) => row.reduce((s, a, k) => s + a * x0[k]!, 0));
      } else b = Array.from({ length: m }, () => int(-8, 8));
      const objective = Array.from({ length: n }, () => int(-5, 5));
      const sense = trial % 3 === 0 ? 'max' : 'min';
      const expected = bruteForce({ objective, A, b, upper }, sense);
      const got = solveLinearProgram({ sense, objective, A, b, upper });
      if (Number.isNaN(expected)) {
        expect(got.status, `trial ${trial}`).toBe('infeasible');
        infeasible++;
      } else {
        expect(got.status, `trial ${trial}`).toBe('optimal');
        expect(got.value, `trial ${trial}`).toBeCloseTo(expected, 8);
        expect(got.residual).toBeLessThan(1e-9);
        for (let k = 0; k < n; k++) {
          expect(got.x[k]).toBeGreaterThanOrEqual(-1e-12);
          expect(got.x[k]).toBeLessThanOrEqual(upper[k]! + 1e-12);
        }
        feasible++;
      }
    }
    expect(feasible).toBeGreaterThan(150);
    expect(infeasible).toBeGreaterThan(10);
  });
});
