import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { noLiteralUiStrings } from './scripts/eslint/no-literal-ui-strings.js';

// Node's I/O has no place in the pure core or in the browser app.
const NODE_BUILTINS = builtinModules.flatMap((name) => [name, `node:${name}`]);
const DRIVERS_AND_SERVERS = ['pg', 'better-sqlite3', 'kysely', 'fastify', 'nodemailer', 'pino', 'exceljs'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'src/web/api/schema.ts', 'bench/results', 'e2e/screenshots'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The style guide's layers (docs/ARCHITECTURE.md): src/core imports nothing of ours and does no I/O.
    files: ['src/core/**/*.{ts,tsx}'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_BUILTINS, ...DRIVERS_AND_SERVERS].map((name) => ({
            name,
            message: 'src/core is pure: no I/O (time and data come in as parameters).',
          })),
          patterns: [
            {
              regex: '^(?:\\.\\./)+(?:server|db|web|cli|bench|scripts|e2e)(?:/|$)',
              message: 'src/core imports nothing of ours outside src/core.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app talks to the server over HTTP only.
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: DRIVERS_AND_SERVERS.map((name) => ({ name, message: 'src/web runs in the browser.' })),
          patterns: [
            {
              regex: '^(?:\\.\\./)+(?:server|db|cli)(?:/|$)',
              message: 'src/web reaches the server through the generated API client, never by import.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...NODE_BUILTINS.map((name) => ({
              name,
              message: 'src/web runs in the browser: no Node modules.',
            })),
            ...DRIVERS_AND_SERVERS.map((name) => ({ name, message: 'src/web runs in the browser.' })),
          ],
          patterns: [
            {
              regex: '^(?:\\.\\./)+(?:server|db|cli)(?:/|$)',
              message: 'src/web reaches the server through the generated API client, never by import.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every visible string through i18next (src/web/i18n), so zh-CN and en stay complete.
    files: ['src/web/**/*.tsx'],
    plugins: { opsplan: { rules: { 'no-literal-ui-strings': noLiteralUiStrings } } },
    rules: {
      'opsplan/no-literal-ui-strings': [
        'error',
        { allow: ['OpsPlan', 'https://', 'RRULE', 'FREQ=WEEKLY;BYDAY=MO', 'plan.schema.json'] },
      ],
    },
  },
);
