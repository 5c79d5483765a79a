import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureFolders = ['definitions', 'rules', 'statistics'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'test-output/**', 'src/db/migrations/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment only in src/config.ts.' }],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/config.ts', 'scripts/**', 'test/**', '**/*.test.ts', 'vitest.config.ts', 'drizzle.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  ...pureFolders.map((folder) => ({
    files: [`src/modules/${folder}/**/*.ts`],
    ignores: ['**/*.test.ts', `src/modules/${folder}/load-*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['express', 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'node:fs', 'fs', 'node:fs/*'], message: 'Pure module: pass data in.' },
          ],
        },
      ],
    },
  })),
  {
    // The paper form's geometry and the scanner's measures are pure: images and layouts are passed in.
    files: [
      'src/modules/printing/skip-instructions.ts',
      'src/modules/printing/qr-payload.ts',
      'src/modules/scanning/register-page.ts',
      'src/modules/scanning/measure-fill.ts',
      'src/modules/scanning/decide-marks.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['express', 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'node:fs', 'fs', 'node:fs/*', 'sharp', 'pdfkit'],
              message: 'Pure module: pass data in.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every request of the respondents and the server's HTTP code pass here. V8 (Node 20) moves an
    // object that gets a property after a spread ({ ...a, b }, { ...a, ...b }) to the old
    // generation, and young collections slow down (docs/decisions/0011).
    files: ['src/http/**/*.ts', 'src/modules/questionnaire/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > SpreadElement ~ :matches(Property, SpreadElement)',
          message: 'A property after a spread makes V8 promote the object: use Object.assign({}, a, { b }) (or put the properties first).',
        },
      ],
    },
  },
  {
    // A unit past 80 lines is asking to be split by concern (STYLE: routes thin, views in *-view.ts).
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
);
