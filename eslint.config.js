import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The engine must stay pure and deterministic: data in, data out, the same on every machine.
const engineImportBans = {
  patterns: [
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'engine/ must not depend on React.' },
    { group: ['d3', 'd3-*'], message: 'engine/ must not depend on d3: charts belong in app/.' },
    { group: ['zustand', 'zustand/*'], message: 'engine/ must not depend on zustand: stores belong in app/.' },
    { group: ['@xyflow/*'], message: 'engine/ must not depend on React Flow.' },
    { group: ['**/app/**', '**/app'], message: 'engine/ knows nothing of app/.' },
    { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'engine/ runs in browsers and workers too: no Node modules.' },
  ],
};
const nondeterminism = 'The engine is deterministic: take randomness from engine/core/random.ts and time from the simulation clock.';

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-results/', 'test-results-*/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', engineImportBans],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: nondeterminism },
        { object: 'Date', property: 'now', message: nondeterminism },
        { object: 'performance', property: 'now', message: nondeterminism },
      ],
      'no-restricted-globals': [
        'error',
        ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'requestAnimationFrame',
          'queueMicrotask', 'performance', 'Date', 'window', 'document', 'process', 'crypto'].map((name) => ({
          name,
          message: nondeterminism,
        })),
      ],
    },
  },
);
