import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DIAGNOSTIC_DEFAULTS } from '../../server/src/diagnostic-codes';
import { SEVERITY_NAMES } from '../../server/src/settings';
import { repoRoot } from '../support/documents';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const properties: Record<
  string,
  { type: string; default: unknown; scope?: string; enum?: string[]; markdownDescription?: string; description?: string }
> = manifest.contributes.configuration.properties;

test('every diagnostic code has a blueprint.diagnostics.<code> setting with the server default', () => {
  for (const [code, severity] of Object.entries(DIAGNOSTIC_DEFAULTS)) {
    const setting = properties[`blueprint.diagnostics.${code}`];
    assert.ok(setting, `blueprint.diagnostics.${code} is declared`);
    assert.equal(setting.default, severity, code);
    assert.deepEqual(setting.enum, SEVERITY_NAMES);
  }
  // blueprint.diagnostics.scope sits among them: whose problems are listed, no code.
  const declared = Object.keys(properties)
    .filter((k) => k.startsWith('blueprint.diagnostics.') && k !== 'blueprint.diagnostics.scope')
    .map((k) => k.slice('blueprint.diagnostics.'.length));
  assert.deepEqual(declared.sort(), Object.keys(DIAGNOSTIC_DEFAULTS).sort());
});

test('every setting has a type, a default and a description', () => {
  for (const [name, setting] of Object.entries(properties)) {
    assert.ok(name.startsWith('blueprint.'), name);
    assert.ok(setting.type, `${name} has a type`);
    assert.ok('default' in setting, `${name} has a default`);
    assert.ok(setting.markdownDescription ?? setting.description, `${name} has a description`);
  }
});

test("every setting declares its scope: what a document is checked with can be set per language, the project's settings per folder", () => {
  const scopes = Object.fromEntries(Object.entries(properties).map(([name, setting]) => [name, setting.scope]));
  for (const [name, scope] of Object.entries(scopes)) {
    // Under "[markdown]" in settings.json; VS Code refuses language-specific values for the other scopes.
    if (name.startsWith('blueprint.diagnostics.') && name !== 'blueprint.diagnostics.scope')
      assert.equal(scope, 'language-overridable', name);
  }
  assert.deepEqual(
    Object.fromEntries(
      Object.entries(scopes).filter(([name]) => !name.startsWith('blueprint.diagnostics.') || name === 'blueprint.diagnostics.scope'),
    ),
    {
      'blueprint.author': 'resource',
      // Read by vscode-languageclient itself, for the whole window.
      'blueprint.trace.server': 'window',
      'blueprint.maxDocumentSize': 'language-overridable',
      'blueprint.severityByStatus': 'language-overridable',
      'blueprint.templates.folder': 'resource',
      'blueprint.codeLens.enabled': 'language-overridable',
      // What the workspace index holds and how names resolve: per workspace folder.
      'blueprint.diagnostics.scope': 'resource',
      'blueprint.workspace.index': 'resource',
      'blueprint.workspace.exclude': 'resource',
      'blueprint.structures.scope': 'resource',
    },
  );
});

test("the README's settings table gives every setting the scope the manifest declares", () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('\n## Settings\n'), readme.indexOf('\n## ', readme.indexOf('\n## Settings\n') + 1));
  // Cells are separated by `|`; `\|` inside a cell is an escaped bar (`off` \| `messages`).
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('| `blueprint.'))
    .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/^`|`$/g, '')))
    .map((cells) => [cells[1]!, cells[4]!] as const);
  const documented = new Map(rows);
  for (const [name, setting] of Object.entries(properties)) {
    const isCode = name.startsWith('blueprint.diagnostics.') && name !== 'blueprint.diagnostics.scope';
    const row = isCode ? 'blueprint.diagnostics.<code>' : name;
    assert.equal(documented.get(row), setting.scope, `the README's row for ${row}`);
  }
  const notCodes = Object.keys(properties).filter(
    (name) => !name.startsWith('blueprint.diagnostics.') || name === 'blueprint.diagnostics.scope',
  );
  assert.equal(rows.length, notCodes.length + 1);
});

test('commands are in the Blueprint category; keybindings and menus name declared commands', () => {
  const commands: Array<{ command: string; category: string }> = manifest.contributes.commands;
  for (const c of commands) assert.equal(c.category, 'Blueprint', c.command);
  const ids = new Set(commands.map((c) => c.command));
  for (const k of manifest.contributes.keybindings) assert.ok(ids.has(k.command), k.command);
  for (const entries of Object.values<Array<{ command: string }>>(manifest.contributes.menus)) {
    for (const m of entries) assert.ok(ids.has(m.command), m.command);
  }
});

test('the extension works in untrusted workspaces and in virtual ones, with a web build for the browser', () => {
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
  assert.equal(manifest.capabilities.virtualWorkspaces.supported, true);
  assert.equal(manifest.browser, './dist/web/client.js');
  assert.ok(existsSync(join(repoRoot, manifest.browser)), 'npm run build writes the browser entry');
  assert.ok(manifest.capabilities.virtualWorkspaces.description);
  // Markdown documents start the server; running a `blueprint` task activates the task provider.
  assert.deepEqual(manifest.activationEvents, ['onLanguage:markdown', 'onTaskType:blueprint']);
});

test('each contributed grammar exists, has the scope name it is registered under and injects into Markdown', () => {
  const grammars: Array<{ scopeName: string; path: string; injectTo: string[] }> = manifest.contributes.grammars;
  assert.ok(grammars.length > 0);
  for (const g of grammars) {
    const grammar = JSON.parse(readFileSync(join(repoRoot, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName, g.path);
    assert.match(grammar.injectionSelector, /^L:/, `${g.path} injects with priority`);
    assert.deepEqual(g.injectTo, ['text.html.markdown']);
  }
});

test('the .vsix ships the bundles and every file they load (the command line too: the blueprint task runs it), every file the manifest names, and nothing from the source tree', () => {
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const files = new Set(listed.stdout.split(/\r?\n/).filter(Boolean));
  // The web build too: its client starts dist/web/server.js in a worker, by URI.
  for (const bundle of [
    'dist/client.js',
    'dist/server.js',
    'dist/cli.js',
    'dist/web/client.js',
    'dist/web/server.js',
    'dist/diagram-svg.js',
  ]) {
    assert.ok(files.has(bundle), bundle);
    // Files a bundle requires next to itself (the server loads dist/babel-parser.js on first use).
    for (const [, loaded] of readFileSync(join(repoRoot, bundle), 'utf8').matchAll(/require\(["']\.\/([^"']+)["']\)/g)) {
      assert.ok(files.has(`dist/${loaded}`), `${bundle} loads dist/${loaded}`);
    }
  }
  // Every file the manifest names ships: the `files` list of package.json (which vsce follows) covers them all.
  const named: string[] = [
    manifest.main,
    manifest.browser,
    manifest.icon,
    ...Object.values<string>(manifest.bin),
    ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
    ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
    ...manifest.contributes.jsonValidation.map((j: { url: string }) => j.url),
    ...manifest.contributes['markdown.previewScripts'],
  ];
  // The Show Data Model view and the preview script load these beside them.
  for (const loaded of ['dist/mermaid.js', 'dist/data-model-view.js']) assert.ok(files.has(loaded), loaded);
  for (const path of named.map((p) => p.replace(/^\.\//, '')))
    assert.ok(files.has(path), `${path}, named in package.json, is in the .vsix`);
  assert.deepEqual(
    [...files].filter((f) => /^(node_modules|test|out|server|client|scripts|bench)\/|\.map$/.test(f)),
    [],
  );
});

test('the diagram code loads on first use: the server bundle holds neither the Mermaid writer nor Mermaid', () => {
  const server = readFileSync(join(repoRoot, 'dist', 'server.js'), 'utf8');
  assert.match(server, /require\(["']\.\/diagrams\.js["']\)/, 'the server requires dist/diagrams.js when a diagram is first wanted');
  assert.doesNotMatch(server, /stateDiagram-v2|No structures declared yet/, 'the Mermaid writer is not in the server bundle');
  assert.doesNotMatch(server, /mermaid\.js|classDiagram-v2/, 'Mermaid is not loaded by the server');
  assert.match(readFileSync(join(repoRoot, 'dist', 'diagrams.js'), 'utf8'), /stateDiagram-v2/);
  const cli = readFileSync(join(repoRoot, 'dist', 'cli.js'), 'utf8');
  assert.match(cli, /require\(["']\.\/diagram-svg\.js["']\)/, 'the command line loads the SVG renderer only for --format svg');
  assert.ok(cli.length < 2_000_000, `dist/cli.js is ${cli.length} bytes: Mermaid stays out of it`);
});
