import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { CodeAction, CodeLens, Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { apiTemplate, paymentsApi } from '../support/api-template';
import { folderWith } from '../support/cli-runner';
import { applyEdits, fixture } from '../support/documents';
import { InProcessClient } from '../support/in-process-client';
import { startInWorkspace } from '../support/workspace-client';

const filled = fixture('order-ledger.md');
const onePlaceholder = filled.replace('The order ledger records', 'The [Ledger name] records');

const clients: InProcessClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

const startIn = (folder: string, settings: Record<string, unknown> = {}) => startInWorkspace(folder, clients, settings);

const uriOf = (folder: string, path: string) => pathToFileURL(join(folder, path)).href;
const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${String(d.code)}`);

test('.blueprintrc.json settings apply under the editor settings the user set, also one set to its default', async () => {
  const folder = folderWith({ '.blueprintrc.json': JSON.stringify({ diagnostics: { placeholder: 'error', 'invalid-status': 'off' } }) });
  const { client } = await startIn(folder, { diagnostics: { 'invalid-status': 'error' } });
  const uri = uriOf(folder, 'ledger.md');
  await client.open(uri, onePlaceholder.replace('**Blueprint Status**: Review', '**Blueprint Status**: Done'));
  // placeholder: the rc file's error; invalid-status: the editor's error (its default, but set) over the rc file's off.
  assert.deepEqual(summary(await client.diagnosticsFor(uri, 1)), ['6:4 1 placeholder', '192:22 1 invalid-status']);
});

test('the Blueprint Status sets the placeholder severity: Draft hint, Approved error', async () => {
  const folder = folderWith({});
  const { client } = await startIn(folder);
  const draft = uriOf(folder, 'draft.md');
  const approved = uriOf(folder, 'approved.md');
  await client.open(draft, onePlaceholder.replace('**Blueprint Status**: Review', '**Blueprint Status**: Draft'));
  await client.open(approved, onePlaceholder.replace('**Blueprint Status**: Review', '**Blueprint Status**: Approved'));
  assert.deepEqual(summary(await client.diagnosticsFor(draft, 1)), ['6:4 4 placeholder']);
  assert.deepEqual(summary(await client.diagnosticsFor(approved, 1)), ['6:4 1 placeholder']);
});

test('rule-control comments silence diagnostics, and "Ignore this diagnostic on this line" adds one', async () => {
  const folder = folderWith({});
  const { client } = await startIn(folder);
  const uri = uriOf(folder, 'ledger.md');
  await client.open(uri, onePlaceholder);
  const [diagnostic] = await client.diagnosticsFor(uri, 1);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic!.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  const ignore = actions.find((a) => a.title === 'Ignore this diagnostic on this line (placeholder)');
  assert.ok(ignore, JSON.stringify(actions.map((a) => a.title)));
  assert.deepEqual(ignore.edit!.changes![uri], [
    {
      range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
      newText: '<!-- blueprint-disable-next-line placeholder -->\n',
    },
  ]);
  const ignored = applyEdits(onePlaceholder, ignore.edit!.changes![uri]);
  await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: ignored }] });
  assert.deepEqual(await client.diagnosticsFor(uri, 2), []);
});

test('a custom template from .blueprints/ gives its documents diagnostics and outline, and changes apply when the file watcher reports them', async () => {
  const folder = folderWith({ '.blueprints/api-blueprint.md': apiTemplate });
  const { client, registrations } = await startIn(folder);
  const uri = uriOf(folder, 'payments.md');
  await client.open(uri, paymentsApi);
  assert.deepEqual(summary(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0)), ['10:0 2 placeholder']);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    symbols[0]!.children!.map((s) => s.name),
    ['Endpoints', 'Errors'],
  );
  const watchers = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')?.registerOptions as {
    watchers: Array<{ globPattern: string }>;
  };
  assert.deepEqual(
    watchers.watchers.map((w) => w.globPattern),
    ['**/.blueprintrc.{json,jsonc}', '**/*.md', '**/.blueprints/*.md'],
  );

  writeFileSync(join(folder, '.blueprints/api-blueprint.md'), apiTemplate.replace('---', '## Versioning\n\n[Versioning policy]\n\n---'));
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(folder, '.blueprints/api-blueprint.md'), type: 2 }] });
  const after = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'missing-section'));
  assert.deepEqual(
    after.map((d) => d.message),
    ["Placeholder '[Error format]' is not filled in", "Missing section 'Versioning'"],
  );
});

test('a malformed template gets diagnostics in its own file, and breaks nothing else', async () => {
  const folder = folderWith({
    '.blueprints/broken.md': '# Notes about APIs\n\nNo sections here.\n',
    '.blueprints/api-blueprint.md': apiTemplate,
  });
  const { client } = await startIn(folder);
  const brokenUri = uriOf(folder, '.blueprints/broken.md');
  const published = await client.waitForDiagnostics(brokenUri);
  assert.deepEqual(
    published.map((d) => [d.code, d.message, d.range.start.line]),
    [
      [
        'invalid-template',
        "The title 'Notes about APIs' needs the form '<Kind>: [<Name>]', such as 'API Blueprint: [API Name]'; this template is not used until it is fixed",
        0,
      ],
      ['invalid-template', 'A template needs at least one `##` section; this template is not used until it is fixed', 0],
    ],
  );
  const uri = uriOf(folder, 'payments.md');
  await client.open(uri, paymentsApi);
  assert.deepEqual(summary(await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0)), ['10:0 2 placeholder']);
  // An open template is checked as it is typed, and is not itself checked as a blueprint.
  const templateUri = uriOf(folder, '.blueprints/api-blueprint.md');
  await client.open(templateUri, apiTemplate.replace('## Errors', '## Endpoints'), 5);
  assert.deepEqual(
    (await client.diagnosticsFor(templateUri, 5)).map((d) => [d.code, d.range.start.line]),
    [['invalid-template', 8]],
  );
});

test('the section code lens counts placeholders left and jumps to the first through window/showDocument', async () => {
  const folder = folderWith({});
  const { client, shown } = await startIn(folder);
  const uri = uriOf(folder, 'ledger.md');
  await client.open(uri, onePlaceholder);
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(lenses[0], {
    range: { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } },
    command: {
      title: '1 placeholder left',
      command: 'blueprint.server.revealPlaceholder',
      arguments: [uri, { start: { line: 6, character: 4 }, end: { line: 6, character: 17 } }],
    },
  });
  assert.ok(lenses.slice(1).every((l) => l.command?.title === 'complete' && l.command.command === ''));
  await client.request('workspace/executeCommand', { command: lenses[0].command.command, arguments: lenses[0].command.arguments });
  assert.deepEqual(shown, [{ uri, selection: { start: { line: 6, character: 4 }, end: { line: 6, character: 17 } }, takeFocus: true }]);

  client.settings = { codeLens: { enabled: false } };
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
});

test('source.fixAll.blueprint applies the safe fixes: status casing, impossible dates, missing sections', async () => {
  const folder = folderWith({});
  const { client } = await startIn(folder);
  const uri = uriOf(folder, 'ledger.md');
  const broken = filled
    .replace('**Blueprint Status**: Review', '**Blueprint Status**: review')
    .replace('2026-11-20', '2026-02-30')
    .replace(/## Purpose[^]*?(?=## )/, '');
  await client.open(uri, broken);
  assert.deepEqual(
    (await client.diagnosticsFor(uri, 1)).map((d) => d.code),
    ['missing-section', 'invalid-status', 'invalid-date'],
  );
  const quickFixesOnly = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source'] },
  });
  assert.ok(!quickFixesOnly.some((a) => a.kind === 'source.fixAll.blueprint'), 'fix-all is offered only when asked for by name');
  const [fixAll, ...others] = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.equal(others.length, 0);
  assert.equal(fixAll!.kind, 'source.fixAll.blueprint');
  const fixed = applyEdits(broken, fixAll!.edit!.changes![uri]!);
  assert.match(fixed, /\*\*Blueprint Status\*\*: Review\n\*\*Last Updated\*\*: \d{4}-\d{2}-\d{2}\n/);
  assert.doesNotMatch(fixed, /2026-02-30/);
  await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  assert.deepEqual([...new Set((await client.diagnosticsFor(uri, 2)).map((d) => d.code))], ['placeholder']);
});

test('blueprint/templates lists every template for a quick pick, built-in first, malformed ones left out', async () => {
  const folder = folderWith({ '.blueprints/api-blueprint.md': apiTemplate, '.blueprints/broken.md': 'notes\n' });
  const { client } = await startIn(folder);
  await client.waitForDiagnostics(uriOf(folder, '.blueprints/broken.md'));
  assert.deepEqual(await client.request('blueprint/templates', {}), [
    { id: 'data-blueprint', kind: 'Data Blueprint', title: 'Data Blueprint: [Data System Name]', builtin: true },
    { id: 'api-blueprint', kind: 'API Blueprint', title: 'API Blueprint: [API Name]', builtin: false },
  ]);
});

test('a broken .blueprintrc.json is reported once as a warning message and the defaults apply', async () => {
  const folder = folderWith({ '.blueprintrc.json': '{ "diagnostics": ' });
  const client = new InProcessClient();
  clients.push(client);
  const messages: Array<{ type: number; message: string }> = [];
  client.connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
    messages.push(params);
    return null;
  });
  client.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
    messages.push(params);
  });
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'p' }],
    capabilities: { workspace: { configuration: false }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await client.notify('initialized', {});
  const first = uriOf(folder, 'a.md');
  const second = uriOf(folder, 'b.md');
  await client.open(first, onePlaceholder);
  await client.open(second, onePlaceholder);
  assert.deepEqual(summary(await client.diagnosticsFor(first, 1)), ['6:4 2 placeholder']);
  assert.deepEqual(summary(await client.diagnosticsFor(second, 1)), ['6:4 2 placeholder']);
  assert.equal(messages.length, 1);
  assert.equal(messages[0]!.type, 2);
  assert.match(
    messages[0]!.message,
    /^Blueprint: .*\.blueprintrc\.json: not valid JSON \(.*line 1, column \d+\); its settings are not used\.$/,
  );
});

test('an rc file with comments and trailing commas is read; each unknown key and invalid value is a warning message with its line and column', async () => {
  const folder = folderWith({
    '.blueprintrc.jsonc':
      '{\n  // The team agreed: placeholders are errors.\n  "diagnostics": { "placeholder": "error", "section-ordr": "off", },\n  "autor": "Ada",\n}\n',
  });
  const client = new InProcessClient();
  clients.push(client);
  const messages: Array<{ type: number; message: string }> = [];
  client.connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
    messages.push(params);
    return null;
  });
  client.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
    messages.push(params);
  });
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'p' }],
    capabilities: { workspace: { configuration: false }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await client.notify('initialized', {});
  const uri = uriOf(folder, 'a.md');
  await client.open(uri, onePlaceholder);
  assert.deepEqual(summary(await client.diagnosticsFor(uri, 1)), ['6:4 1 placeholder'], "the rc file's valid value applies");
  const rc = join(folder, '.blueprintrc.jsonc');
  assert.deepEqual(
    messages.map((m) => [m.type, m.message]),
    [
      [
        2,
        `Blueprint: ${rc}:3:44: diagnostics.section-ordr: is not a diagnostic code (codes: placeholder, missing-section, missing-subsection, duplicate-section, section-order, empty-section, invalid-status, invalid-date, missing-footer-field, unknown-structure, ambiguous-structure, typescript-syntax, too-large, degraded-analysis, stale-diagram, scope).`,
      ],
      [
        2,
        `Blueprint: ${rc}:4:3: autor: is not a setting (settings: diagnostics, author, maxDocumentSize, severityByStatus, templates, codeLens, workspace, structures, $schema, extends, ignores).`,
      ],
    ],
  );
});

test('closing a malformed template that was open brings back the problems of the file on disk', async () => {
  const folder = folderWith({ '.blueprints/broken.md': 'notes\n' });
  const { client } = await startIn(folder);
  const uri = uriOf(folder, '.blueprints/broken.md');
  await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
  await client.open(uri, apiTemplate, 2);
  assert.deepEqual(await client.diagnosticsFor(uri, 2), []);
  await client.notify('textDocument/didClose', { textDocument: { uri } });
  const again = await client.waitForDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length === 1);
  assert.equal(again[0]!.code, 'invalid-template');
});
