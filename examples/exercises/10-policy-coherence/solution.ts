/**
 * Exercise 10: policy coherence assessment. Part A: agreement of two assessors on five questions (Krippendorff's
 * alpha, nominal and interval). Part B: a weighted rubric score: question scores averaged within each dimension,
 * dimensions weighted.
 */
import { fileURLToPath } from 'node:url';
import { krippendorffAlpha, readCsv, weightedMean, type Table } from '../../../src/index.js';

const here = fileURLToPath(new URL('./', import.meta.url));

const num = (t: Table, name: string): Float64Array => {
  const c = t.column(name);
  if (c.kind !== 'number') throw new Error(`${name}: expected numbers`);
  return c.values;
};
const text = (t: Table, name: string): string[] => {
  const c = t.column(name);
  if (c.kind !== 'category') throw new Error(`${name}: expected text`);
  return Array.from(c.codes, (k) => c.levels[k]!);
};

export async function solve(): Promise<Record<string, number>> {
  const r = readCsv(`${here}ratings.csv`);
  const a = num(r, 'assessor_a');
  const b = num(r, 'assessor_b');
  // one unit (question) per row, the values of the assessors; a missing rating is null
  const units = Array.from(a, (v, i) => [v, b[i]!].map((x) => (Number.isNaN(x) ? null : x)));
  const nominal = krippendorffAlpha(units, 'nominal');
  const interval = krippendorffAlpha(units, 'interval');

  const s = readCsv(`${here}rubric-scores.csv`);
  const dims = text(s, 'dimension');
  const weights = num(s, 'dimension_weight');
  const scores = num(s, 'score');
  const names = [...new Set(dims)];
  const dimension = names.map((d) => {
    const rows = dims.flatMap((x, i) => (x === d ? [i] : []));
    return { name: d, weight: weights[rows[0]!]!, value: weightedMean(rows.map((i) => ({ value: scores[i]!, weight: 1 }))) };
  });
  const out: Record<string, number> = {
    alpha_nominal: nominal.alpha,
    alpha_interval: interval.alpha,
    pairable_values: nominal.values,
  };
  for (const d of dimension) out[`score_${d.name}`] = d.value;
  out.overall_score = weightedMean(dimension);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
