import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noHtmlSinks = [
  {
    selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
    message: 'Build DOM with textContent/el(): never assign HTML.',
  },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never inject HTML strings.' },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
    message: 'Never inject HTML strings.',
  },
  { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: 'No eval.' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'src/generated/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/tmp/**',
      'tests/fixtures/pages/generated/**',
      '.browsers/**',
    ],
  },
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
    // Type-aware rules: a promise nobody awaits or catches loses its error (a card that never shows, a setting never
    // saved) without a trace.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
    },
  },
  {
    // Every message goes through the typed contract (src/shared/messages.ts): askWorker and askTab are its only senders.
    files: ['src/**/*.ts'],
    ignores: ['src/content/ext.ts', 'src/shared/ask-worker.ts', 'src/shared/ask-tab.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'sendMessage', message: 'Send through the message contract: askWorker or askTab.' },
      ],
    },
  },
  {
    // The core is pure: it runs in Node, the CLI, the service worker and the content script alike.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['webextension-polyfill', 'node:*', '../shared/*', '../ui/*', '../content/*', '../background/*'] },
      ],
      'no-restricted-globals': [
        'error',
        'chrome',
        'browser',
        'document',
        'window',
        'navigator',
        'localStorage',
        'fetch',
        'process',
      ],
    },
  },
  {
    // The content script runs on every page: it finds IDs by grammar and asks the service worker what they mean. It
    // never carries the registry, the search index, the imported SecID 1.0 data or the knowledge shards, nor the
    // polyfill (its evaluation alone cost ~6 ms a page).
    files: ['src/content/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/generated/registry.json',
                '**/generated/search-index.json',
                '**/generated/kb/*',
                '**/generated/secid-1.0/*',
              ],
              message: 'The content script never carries registry data: ask the service worker.',
            },
            {
              group: [
                '**/shared/registry-data*',
                '**/shared/knowledge-loader*',
                '**/shared/v1-imported*',
                '**/core/search*',
                '**/core/v1/*',
                '**/core/resolve.ts',
                '**/core/registry.ts',
                'minisearch',
              ],
              message: 'Resolution and search run in the service worker, not in the content script.',
            },
            {
              group: ['webextension-polyfill', '**/shared/ask-worker*', '**/shared/ask-tab*'],
              message: 'The content script uses src/content/ext.ts (no polyfill on every page).',
            },
            {
              // The message contract's types are shared; its zod schemas stay in the service worker and extension
              // pages (the content script checks its requests with shared/tab-request.ts).
              group: ['zod', 'zod/*', '**/shared/messages*'],
              allowTypeImports: true,
              message: 'The content script imports only types from the message contract: no zod on every page.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-syntax': 'off', 'no-empty-pattern': 'off' },
  },
);
