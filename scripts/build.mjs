// Bundles the extension client, the language server (also the `blueprint-language-server` bin),
// and, with --tests, the test and benchmark entry points. One esbuild configuration for all of them
// so tests exercise exactly the code that ships.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules, createRequire } from 'node:module';
import { spawn } from 'node:child_process';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  loader: { '.md': 'text' },
  logLevel: 'warning',
  // Some ESM dependencies read import.meta.url; in a CJS bundle point it at the bundle itself.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

// The server and the CLI load @babel/parser from its own file when they first read a typescript block
// (see server/src/model/typescript-blocks.ts): starting the server does not compile it.
const babelParserApart = {
  name: 'babel-parser-apart',
  setup(build) {
    build.onResolve({ filter: /^@babel\/parser$/ }, () => ({ path: './babel-parser.js', external: true }));
  },
};

// The Mermaid writer (server/src/diagrams/mermaid-text.ts) likewise: loaded when a diagram is first wanted.
const diagramsApart = {
  name: 'diagrams-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/mermaid-text$/ }, () => ({ path: './diagrams.js', external: true }));
  },
};

// `blueprint diagram --format svg` loads its renderer, and the renderer Mermaid, from their own files.
const svgApart = {
  name: 'svg-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/diagram-svg$/ }, () => ({ path: './diagram-svg.js', external: true }));
    build.onResolve({ filter: /\/diagrams\/mermaid-library$/ }, () => ({ path: './mermaid.js', external: true }));
  },
};

/**
 * Mermaid, once, for the view, the Markdown preview (a <script>: it sets `blueprintMermaid`) and
 * the SVG renderer of the command line (`require`: the footer exports the same object).
 */
const mermaidLibrary = {
  entryPoints: { mermaid: 'server/src/diagrams/mermaid-library.ts' },
  outdir: 'dist',
  platform: 'browser',
  format: 'iife',
  globalName: 'blueprintMermaid',
  footer: { js: "if (typeof module === 'object') module.exports = blueprintMermaid;" },
  define: {},
  banner: {},
  // Minified and without a source map in every build: 12 MB of Mermaid otherwise.
  minify: true,
  sourcemap: false,
};

const shipped = [
  { entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  {
    entryPoints: { server: 'server/src/server.ts' },
    outdir: 'dist',
    plugins: [babelParserApart, diagramsApart],
    banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
  },
  { entryPoints: { 'babel-parser': createRequire(import.meta.url).resolve('@babel/parser') }, outdir: 'dist' },
  { entryPoints: { diagrams: 'server/src/diagrams/mermaid-text.ts' }, outdir: 'dist' },
  { entryPoints: { 'diagram-svg': 'server/src/cli/diagram-svg.ts' }, outdir: 'dist', plugins: [svgApart] },
  mermaidLibrary,
  // The scripts of the Show Data Model view and of the Markdown preview, run in a browser page.
  {
    entryPoints: { 'data-model-view': 'client/webview/data-model-view.ts', 'markdown-preview': 'client/webview/markdown-preview.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    define: {},
    banner: {},
  },
];
if (existsSync('server/src/cli/main.ts')) {
  shipped.push({
    entryPoints: { cli: 'server/src/cli/main.ts' },
    outdir: 'dist',
    plugins: [babelParserApart, diagramsApart, svgApart],
    banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
  });
}
// The Node API (`import { check, fix } from 'blueprint-authoring'`): its own bundle, no vscode, and its declarations.
const API_ENTRY = 'server/src/api/index.ts';
shipped.push({ entryPoints: { api: API_ENTRY }, outdir: 'dist', plugins: [babelParserApart, diagramsApart] });

// The web extension (vscode.dev, github.dev): the client for VS Code's web-worker extension host and the
// language server for a web worker. Built for the browser platform, where any Node import is an error
// (not a silent shim), and the server within its size budget.
const WEB_SERVER_BUDGET_BYTES = 1024 * 1024;
const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const noNodeModules = {
  name: 'no-node-modules',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const name = args.path.replace(/\/.*$/, '');
      if (!args.path.startsWith('node:') && !nodeBuiltins.has(args.path) && !nodeBuiltins.has(name)) return undefined;
      return { errors: [{ text: `${args.path} is a Node module: the web build runs in a browser (imported by ${args.importer})` }] };
    });
  },
};
const web = { ...common, platform: 'browser', target: 'es2022', plugins: [noNodeModules], banner: {}, define: {} };
const webBuilds = [
  { ...web, entryPoints: { client: 'client/src/web/extension.ts' }, outdir: 'dist/web', format: 'cjs', external: ['vscode'] },
  // Minified in every build, so that the budget checked is the one that ships. `worker`: packages with
  // a build for web workers use it (decode-named-character-reference's `browser` build needs a DOM).
  {
    ...web,
    entryPoints: { server: 'server/src/web/server.ts' },
    outdir: 'dist/web',
    format: 'iife',
    conditions: ['worker'],
    minify: true,
    metafile: true,
  },
];

function checkWebBudget(result) {
  const bytes = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .reduce((sum, [, output]) => sum + output.bytes, 0);
  if (bytes > WEB_SERVER_BUDGET_BYTES)
    throw new Error(`dist/web/server.js is ${bytes} bytes, over its budget of ${WEB_SERVER_BUDGET_BYTES} (1 MB)`);
}

function testEntries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(test|bench|suite)\.ts$|^(index|bench)\.ts$/.test(f))
    .map((f) => join(dir, f));
}

const builds = [...shipped.map((b) => ({ ...common, ...b })), ...webBuilds];
if (args.has('--tests')) {
  for (const dir of ['test/unit', 'test/protocol', 'test/cli', 'test/browser', 'bench']) {
    const entryPoints = testEntries(dir);
    // playwright-core reads its own package.json and browser protocol files, and jsdom its own files too: they stay in node_modules.
    if (entryPoints.length)
      builds.push({ ...common, entryPoints, outdir: join('out', dir), external: ['vscode', 'playwright-core', 'jsdom'] });
  }
  // The suite of the web-worker extension host: a browser bundle, mocha's browser build inside.
  if (existsSync('test/web-integration/index.ts'))
    builds.push({
      ...web,
      entryPoints: { index: 'test/web-integration/index.ts' },
      outdir: 'out/test/web-integration',
      format: 'cjs',
      external: ['vscode'],
      plugins: [],
    });
  const integration = testEntries('test/integration');
  if (integration.length)
    builds.push({ ...common, entryPoints: integration, outdir: 'out/test/integration', external: ['vscode', 'mocha'] });
}

/**
 * dist/api.d.ts from the API's entry alone (TypeScript's isolated declarations: no type-checking of
 * the whole program, so it takes milliseconds). The entry writes every type it exports in full.
 */
async function writeApiDeclarations() {
  const { default: ts } = await import('typescript');
  const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
  const { outputText, diagnostics } = ts.transpileDeclaration(readFileSync(API_ENTRY, 'utf8'), {
    fileName: API_ENTRY,
    compilerOptions: { isolatedDeclarations: true, strict: true, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: true,
  });
  if (diagnostics?.length)
    throw new Error(`${API_ENTRY}: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  const imports = [...outputText.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
  if (imports.length) throw new Error(`dist/api.d.ts would import ${imports.join(', ')}: the API's types must stand alone`);
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/api.d.ts', outputText);
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching for changes');
  // esbuild only strips types: the type checker watches beside it, so a type error shows while you work.
  const require = createRequire(import.meta.url);
  spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', '--watch', '--preserveWatchOutput'], { stdio: 'inherit' });
} else {
  await Promise.all([
    ...builds.map(async (b) => {
      const result = await esbuild.build(b);
      if (b.entryPoints === webBuilds[1].entryPoints) checkWebBudget(result);
    }),
    writeApiDeclarations(),
  ]);
  // The snippets ship in the extension and are derived from the template, like everything else.
  await (await import('./generate-snippets.mjs')).generateSnippets();
}
