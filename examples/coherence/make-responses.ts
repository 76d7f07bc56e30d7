/**
 * Writes responses.csv: synthetic answers of Atlantis stakeholders to the default rubric (examples/coherence/rubric.yaml),
 * 11 assessors in 4 groups, with evidence notes and a few missing answers. Deterministic (seeded); run from the repository:
 *   npx tsx examples/coherence/make-responses.ts
 */
import { writeFileSync } from 'node:fs';
import { defaultRubric } from '../../src/coherence/rubric.js';

/** Mulberry32: a small seeded generator (same seed, same numbers). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where Atlantis stands, by dimension (0-4), as the synthetic truth the assessors see through their group's lens. */
const LEVEL: Record<string, number> = { admission: 2.6, skills: 1.6, recruitment: 1.3, rights: 2.1, protection: 1.9, return: 0.9, coordination: 2.0 };
const GROUPS = [
  { group: 'labour-ministry', prefix: 'LAB', n: 3, bias: 0.5, lens: 'as the labour ministry reads it' },
  { group: 'education-ministry', prefix: 'EDU', n: 2, bias: 0.2, lens: 'from the education/training side' },
  { group: 'employers', prefix: 'EMP', n: 3, bias: 0.3, lens: "from the employers' federation's experience" },
  { group: 'workers', prefix: 'WRK', n: 3, bias: -0.7, lens: "from the trade unions' case files" },
];
const FOCUS: Record<string, string> = { admission: 'quota decree 2023 and permit statistics', skills: 'recognition procedure (fee 120 ATD) and TVET strategy 2022-2026', recruitment: 'Private Employment Agencies Act 2018 and agency register', rights: 'Labour Code 2019 and inspection reports 2024', protection: 'Social Security Act and two bilateral agreements', return: 'returnee desk pilot in two provinces', coordination: 'inter-ministerial committee minutes 2024' };

const rand = mulberry32(20260101);
const rubric = defaultRubric();
const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const lines = ['assessor,group,question,score,evidence'];
for (const g of GROUPS) {
  for (let k = 1; k <= g.n; k++) {
    const assessor = `${g.prefix}-${k}`;
    for (const d of rubric.dimensions) {
      for (const q of d.questions) {
        // the education ministry does not answer on recruitment (DK); one union assessor skips the return questions' last one
        if (g.group === 'education-ministry' && d.id === 'recruitment') {
          lines.push([assessor, g.group, q.id, 'DK', quote('outside our mandate; no evidence at hand')].join(','));
          continue;
        }
        if (assessor === 'WRK-3' && q.id === 'RET3') continue;
        const bias = g.group === 'education-ministry' && d.id === 'skills' ? 0.7 : g.bias;
        const noise = (rand() + rand() + rand() - 1.5) * 1.1;
        const score = Math.max(0, Math.min(4, Math.round(LEVEL[d.id]! + bias + noise)));
        const note = `${q.evidence[0] ?? 'policy documents'}: ${FOCUS[d.id]}, ${g.lens}`;
        lines.push([assessor, g.group, q.id, String(score), quote(note)].join(','));
      }
    }
  }
}
writeFileSync(new URL('./responses.csv', import.meta.url), lines.join('\n') + '\n');
process.stdout.write(`responses.csv: ${lines.length - 1} rows\n`);
