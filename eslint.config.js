import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noHtmlSinks = [
  { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Build DOM with textContent/el(): never assign HTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never inject HTML strings.' },
  { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: 'Never inject HTML strings.' },
  { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: 'No eval.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'src/generated/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/tmp/**', 'tests/fixtures/pages/generated/**', '.browsers/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'no-restricted-syntax': ['error', ...noHtmlSinks],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The core is pure: it runs in Node, the CLI, the service worker and the content script alike.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['webextension-polyfill', 'node:*', '../shared/*', '../ui/*', '../content/*', '../background/*'] }],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'document', 'window', 'navigator', 'localStorage', 'fetch', 'process'],
    },
  },
  {
    files: ['tests/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-syntax': 'off', 'no-empty-pattern': 'off' },
  },
);
