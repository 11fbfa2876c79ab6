// ESLint flat config. Layering rules make the architecture a lint error:
// renderer never imports main, shared never imports platform code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'util',
];
const nodeBuiltinPatterns = ['node:*', ...nodeBuiltins];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'src-shared is pure: no main or renderer code.',
            },
            {
              group: [...nodeBuiltinPatterns, 'electron', 'react', 'react-dom'],
              message: 'src-shared is pure: no Node, DOM or Electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**'],
              message: 'The renderer talks to main only through the IPC contract (api/client.ts).',
            },
            {
              group: [...nodeBuiltinPatterns, 'electron'],
              message: 'The renderer is sandboxed: no Node or Electron modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/web/browser/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
