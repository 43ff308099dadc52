// Lint is part of `npm test`. Type-aware rules from typescript-eslint, and the import boundaries of
// ARCHITECTURE.md: the server never imports `vscode`; the model, the documents, the templates, the features and the
// composed server import no Node module.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['dist/', 'out/', '.vscode-test/', 'node_modules/', 'test/grammar/vendor/', 'scripts/vscode-test/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-duplicates': 'error',
      'import-x/no-self-import': 'error',
      'import-x/first': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The server runs in any editor: no VS Code API here.' }] }],
    },
  },
  {
    // The model, the documents, the templates, the features and the composed server run in a browser too (a
    // web worker, scripts/build.mjs fails its build on any Node import): what the platform gives reaches them
    // through the host (language-server/host.ts); paths are taken apart by project/file-paths.ts. Only Node's
    // file access and user name in the project layer are Node's.
    files: [
      'server/src/model/**/*.ts',
      'server/src/documents/**/*.ts',
      'server/src/template/**/*.ts',
      'server/src/features/**/*.ts',
      'server/src/language-server/**/*.ts',
      'server/src/project/**/*.ts',
      'server/src/web/**/*.ts',
      'server/src/diagrams/**/*.ts',
      'server/src/workspace/**/*.ts',
    ],
    ignores: ['server/src/project/node-file-access.ts', 'server/src/project/system-user.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The server runs in any editor: no VS Code API here.' },
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'No Node module here (this code also runs in a browser): take it from the host (language-server/host.ts).',
            })),
          ],
        },
      ],
    },
  },
  {
    // No feature compares a blueprint's names with the template's: the alignment (server/src/alignment/)
    // does, once per version, and features read it. So features may neither import the name helpers
    // nor look a template name up themselves.
    files: ['server/src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The server runs in any editor: no VS Code API here.' },
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'No Node module here (this code also runs in a browser): take it from the host (language-server/host.ts).',
            })),
          ],
          patterns: [
            {
              group: ['**/template/names'],
              message: 'Features read the alignment (alignmentOf) instead of comparing names with the template.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression > MemberExpression.callee > Identifier.property[name=/^(sectionIndexOf|subsectionIndexOf|footerFieldIndexOf)$/]',
          message: 'Features read the alignment (alignmentOf) instead of looking template names up.',
        },
      ],
    },
  },
  {
    // Tests read the JSON the CLI prints and the server answers; their assertions check its shape.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests feed control characters to the CLI and look for them in its output.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
