// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Allowed imports between src/ modules (DESIGN.md "Rules of the house"): dependencies point one way. sdg1071 also reads
 * indicators (cells, reliability flags, disclosure control and the ILOSTAT/tidy writers), which never reads it back.
 */
const layers = {
  io: [],
  classifications: [],
  survey: [],
  profile: ['io', 'classifications'],
  concepts: ['classifications'],
  indicators: ['survey', 'concepts', 'classifications'],
  sdg1071: ['survey', 'concepts', 'classifications', 'io', 'indicators'],
  admin: ['survey', 'concepts', 'classifications', 'io', 'indicators'],
  sampling: ['survey', 'concepts', 'classifications', 'io'],
  global: ['survey', 'concepts', 'classifications', 'io'],
  coherence: ['survey', 'concepts', 'classifications', 'io', 'profile'],
  charts: ['io', 'classifications', 'survey', 'profile', 'concepts', 'indicators', 'sdg1071', 'admin', 'sampling', 'global', 'coherence'],
  report: ['io', 'classifications', 'survey', 'profile', 'concepts', 'indicators', 'sdg1071', 'admin', 'sampling', 'global', 'coherence', 'charts'],
  pipeline: ['io', 'classifications', 'survey', 'profile', 'concepts', 'indicators', 'sdg1071', 'admin', 'sampling', 'global', 'coherence', 'charts', 'report'],
  cli: ['io', 'classifications', 'survey', 'profile', 'concepts', 'indicators', 'sdg1071', 'admin', 'sampling', 'global', 'coherence', 'charts', 'report', 'pipeline'],
};
const all = Object.keys(layers);

const boundaries = Object.entries(layers).map(([layer, allowed]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        {
          group: [...all.filter((l) => l !== layer && !allowed.includes(l)).map((l) => `**/${l}/*`), '**/index.js'],
          message: `src/${layer}/ may import only from: ${allowed.join(', ') || 'nothing of ours'} (DESIGN.md).`,
        },
      ],
    }],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/data/**', 'bench/out/**', 'notebooks/**', 'docs/api/**', 'out/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...boundaries,
);
