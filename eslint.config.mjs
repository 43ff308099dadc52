// Lint is part of `npm test`. Type-aware rules from typescript-eslint, and the import boundaries of
// ARCHITECTURE.md: the server never imports `vscode`; each folder of server/src imports only the layers below it;
// the code that also runs in a browser imports no Node module; the client shares only the protocol file.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/**
 * The layers of ARCHITECTURE.md, lowest first, and what each may not import. A folder imports only from
 * the layers below it; the shared vocabulary at the top of server/src (protocol, settings, diagnostic codes,
 * LSP ranges) is below all of them. `browser` marks code that also runs in a web worker: no Node module.
 */
const LAYERS = [
  {
    folder: 'model',
    browser: true,
    forbidden: [
      'template',
      'project',
      'documents',
      'alignment',
      'diagrams',
      'features',
      'workspace',
      'language-server',
      'web',
      'cli',
      'api',
    ],
  },
  {
    folder: 'template',
    browser: true,
    forbidden: ['documents', 'alignment', 'diagrams', 'features', 'workspace', 'language-server', 'web', 'cli', 'api'],
  },
  {
    folder: 'project',
    browser: true,
    forbidden: ['documents', 'alignment', 'diagrams', 'features', 'workspace', 'language-server', 'web', 'cli', 'api'],
  },
  {
    folder: 'documents',
    browser: true,
    forbidden: ['alignment', 'diagrams', 'features', 'workspace', 'language-server', 'web', 'cli', 'api'],
  },
  {
    folder: 'alignment',
    browser: true,
    forbidden: ['project', 'diagrams', 'features', 'workspace', 'language-server', 'web', 'cli', 'api'],
  },
  { folder: 'diagrams', browser: true, forbidden: ['project', 'features', 'workspace', 'language-server', 'web', 'cli', 'api'] },
  { folder: 'features', browser: true, forbidden: ['project', 'workspace', 'language-server', 'web', 'cli', 'api'] },
  { folder: 'workspace', browser: true, forbidden: ['language-server', 'web', 'cli', 'api'] },
  { folder: 'language-server', browser: true, forbidden: ['web', 'cli', 'api'] },
  { folder: 'web', browser: true, forbidden: ['cli', 'api'] },
  { folder: 'cli', browser: false, forbidden: ['language-server', 'web', 'api'] },
];

/** Node's own file access and user name: the project layer's only Node code (node-host.ts hands them to the server). */
const NODE_ONLY = ['server/src/project/node-file-access.ts', 'server/src/project/system-user.ts'];

const noVscode = { name: 'vscode', message: 'The server runs in any editor: no VS Code API here.' };
const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'No Node module here (this code also runs in a browser): take it from the host (language-server/host.ts).',
}));

/** What a file of `folder` may not import: the layers above it, and the exceptions ARCHITECTURE.md names. */
function forbiddenFor(folder, forbidden) {
  return [
    ...forbidden.map((layer) => ({
      group: [`../${layer}/*`, `../../${layer}/*`],
      message: `server/src/${folder}/ may not import server/src/${layer}/ (ARCHITECTURE.md: each folder imports only the layers below it).`,
    })),
    ...(folder === 'template'
      ? [
          {
            regex: '^\\.\\./project/(?!file-access$|file-paths$)',
            message:
              'server/src/template/ reads files only through project/file-access.ts and names them with project/file-paths.ts (ARCHITECTURE.md).',
          },
        ]
      : []),
    ...(folder === 'features'
      ? [
          {
            group: ['**/template/names'],
            message: 'Features read the alignment (alignmentOf) instead of comparing names with the template.',
          },
        ]
      : []),
  ];
}

function layerBoundaries() {
  return [
    { files: ['server/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] } },
    ...LAYERS.map(({ folder, browser, forbidden }) => ({
      files: [`server/src/${folder}/**/*.ts`],
      ...(folder === 'project' ? { ignores: NODE_ONLY } : {}),
      rules: {
        'no-restricted-imports': [
          'error',
          { paths: browser ? [noVscode, ...noNode] : [noVscode], patterns: forbiddenFor(folder, forbidden) },
        ],
      },
    })),
    {
      files: NODE_ONLY,
      rules: {
        'no-restricted-imports': [
          'error',
          { paths: [noVscode], patterns: forbiddenFor('project', LAYERS.find((layer) => layer.folder === 'project').forbidden) },
        ],
      },
    },
    {
      files: ['client/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: '^(\\.\\./)+server/src/(?!protocol$|project/file-access$|project/text-decoding$)',
                message:
                  'The client talks to the server over LSP: it shares only server/src/protocol.ts, and the file-reading rules it applies for the web server (project/file-access.ts, text-decoding.ts).',
              },
            ],
          },
        ],
      },
    },
  ];
}

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
  ...layerBoundaries(),
  {
    // No feature compares a blueprint's names with the template's: the alignment (server/src/alignment/)
    // does, once per version, and features read it. So features may not look a template name up themselves.
    files: ['server/src/features/**/*.ts'],
    rules: {
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
