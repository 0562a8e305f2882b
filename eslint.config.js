// @ts-check
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/ and which of them each may import: architecture.json, which the README's
 * folder table is also written from (`npm run readme`).
 * @type {{ folders: Array<{ folder: string, holds: string, mayImport: string[] | 'everything', uiFree: boolean }> }}
 */
const architecture = JSON.parse(readFileSync(new URL('./architecture.json', import.meta.url), 'utf8'));
const allowedImports = Object.fromEntries(
  architecture.folders.map((f) => [f.folder, f.mayImport === 'everything' ? null : f.mayImport]),
);
const folders = Object.keys(allowedImports);
const uiLibraries = [
  'react',
  'react-dom',
  'react-dom/*',
  '@xyflow/react',
  'zustand',
  'zustand/*',
  'framer-motion',
];
const pureFolders = architecture.folders.filter((f) => f.uiFree).map((f) => f.folder);

const testDoubles = {
  group: ['**/testing', '**/testing/*'],
  message: 'Test doubles (fake clock, fake engine, test diagrams) are for tests only.',
};

/** zod's classic API can't be tree-shaken (every method comes along): the app uses zod/mini. */
const classicZod = {
  regex: '^zod(/v4(/classic)?)?$',
  message:
    "Import 'zod/mini': the classic API adds about 14 kB gzipped to the schema's chunk, which a page reading a stored diagram or a link loads before its first draw (issue 10).",
};

const boundaryConfigs = Object.entries(allowedImports).map(([folder, allowed]) => {
  const patterns = [testDoubles, classicZod];
  if (allowed !== null) {
    const forbidden = folders.filter((f) => f !== folder && !allowed.includes(f));
    patterns.push({
      group: forbidden.flatMap((f) => [`**/${f}`, `**/${f}/**`]),
      message: `src/${folder} may import only ${allowed.join(', ') || 'nothing else in src'} (architecture.json).`,
    });
  }
  if (pureFolders.includes(folder)) {
    patterns.push({
      group: uiLibraries,
      message: `src/${folder} is UI-free: no React, zustand or framer-motion.`,
    });
  }
  return {
    files: [`src/${folder}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});

/** React Flow's standalone helper logs a warning on every call (it can't see sub flows). */
const standaloneNodesBounds = {
  selector: "ImportDeclaration[source.value='@xyflow/react'] ImportSpecifier[imported.name='getNodesBounds']",
  message:
    'Use getNodesBounds from useReactFlow() (flow.getNodesBounds): the standalone one warns on every call.',
};

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report', 'schema'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', standaloneNodesBounds] },
  },
  {
    // Outside tests (whose proxies ask `prop in target`), as well: `key in object` with a key known
    // only at run time finds inherited names, so a typed "constructor" is "in" any plain object.
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        standaloneNodesBounds,
        {
          selector: "BinaryExpression[operator='in'][left.type!='Literal']",
          message: 'The key may be an inherited name (constructor, __proto__…): use a Map, or Object.hasOwn.',
        },
      ],
    },
  },
  ...boundaryConfigs,
  {
    // The engine is deterministic: time and randomness come in from outside.
    files: ['src/runtime/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'performance',
        'setTimeout',
        'setInterval',
        'requestAnimationFrame',
        'Date',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG passed to the engine.' },
        { object: 'Date', property: 'now', message: 'Use simulated time.' },
      ],
    },
  },
);
