import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { apiTemplate, paymentsApi } from '../support/api-template';
import { folderWith } from '../support/cli-runner';
import { fixture } from '../support/documents';
import { makeFifo, makeLink, manySectionBlueprint, manySectionTemplate } from '../support/hostile-files';
import { LspClient } from '../support/lsp-client';
import { startInWorkspace } from '../support/workspace-client';
import { DIAGNOSTIC_DEFAULTS } from '../../server/src/diagnostic-codes';

// The spawned dist/server.js in a workspace folder built to do harm: it must keep answering, read
// nothing it should not, and say what it could not use.

const filled = fixture('order-ledger.md');
const onePlaceholder = filled.replace('The order ledger records', 'The [Ledger name] records');

const clients: LspClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});
/** Spawned, as an editor starts it: a hostile file that froze or crashed the server must not take the test process with it. */
const startSpawnedIn = (folder: string, settings: Record<string, unknown> = {}) =>
  startInWorkspace(folder, clients, settings, () => new LspClient());
const uriOf = (folder: string, path: string) => pathToFileURL(join(folder, path)).href;
const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${String(d.code)}`);

/** A request that must be answered within a deadline: the server may be busy, never frozen. */
async function answeredWithin<R>(
  client: LspClient,
  method: string,
  params: unknown,
  deadlineMs: number,
): Promise<{ result: R; ms: number }> {
  const started = performance.now();
  const result = await Promise.race([
    client.request<R>(method, params),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${method} not answered within ${deadlineMs} ms`)), deadlineMs)),
  ]);
  return { result, ms: performance.now() - started };
}

test(".blueprintrc.json is read from the workspace folder and below, never above it; the root's and a nested rc's templates.folder apply", async () => {
  const outer = folderWith({
    '.blueprintrc.json': JSON.stringify({ diagnostics: { placeholder: 'off' }, templates: { folder: 'elsewhere' } }),
    'ws/.blueprintrc.json': JSON.stringify({ diagnostics: { placeholder: 'error' }, templates: { folder: 'kinds' } }),
    'ws/kinds/api-blueprint.md': apiTemplate,
    'ws/team/.blueprintrc.json': JSON.stringify({ templates: { folder: 'team-kinds' } }),
    'ws/team/team-kinds/event-blueprint.md': apiTemplate.replace('API Blueprint', 'Event Blueprint'),
  });
  const ws = join(outer, 'ws');
  const { client, messages } = await startSpawnedIn(ws);
  const payments = uriOf(ws, 'payments.md');
  await client.open(payments, paymentsApi);
  assert.deepEqual(
    summary(await client.diagnosticsFor(payments, 1)),
    ['10:0 1 placeholder'],
    "the workspace folder's rc: its severity and its templates folder",
  );
  const ledger = uriOf(ws, 'ledger.md');
  await client.open(ledger, onePlaceholder);
  assert.deepEqual(
    summary(await client.diagnosticsFor(ledger, 1)),
    ['6:4 1 placeholder'],
    'the rc above the workspace folder (placeholder off) is not read',
  );
  const events = uriOf(ws, 'team/events.md');
  await client.open(events, paymentsApi.replace('API Blueprint', 'Event Blueprint'));
  assert.deepEqual(
    summary(await client.diagnosticsFor(events, 1)),
    ['10:0 2 placeholder'],
    "a nested rc's templates folder, relative to that rc, as in the CLI",
  );
  assert.deepEqual(messages, []);
});

test('FIFOs and links to /dev/zero as rc file and templates: the server keeps answering and says what it could not read', async () => {
  const ws = folderWith({ '.blueprints/api-blueprint.md': apiTemplate });
  makeFifo(join(ws, '.blueprintrc.json'));
  makeFifo(join(ws, '.blueprints/fifo.md'));
  makeLink('/dev/zero', join(ws, '.blueprints/zero.md'));
  const { client, messages } = await startSpawnedIn(ws);
  const zero = await client.waitForDiagnostics(uriOf(ws, '.blueprints/zero.md'));
  assert.deepEqual(
    zero.map((d) => d.message),
    ['This template cannot be read: it is a character device, not a regular file; this template is not used until it is fixed'],
  );
  assert.deepEqual(
    (await client.waitForDiagnostics(uriOf(ws, '.blueprints/fifo.md'))).map((d) => d.message),
    ['This template cannot be read: it is a FIFO, not a regular file; this template is not used until it is fixed'],
  );
  const payments = uriOf(ws, 'payments.md');
  await client.open(payments, paymentsApi);
  assert.deepEqual(summary(await client.diagnosticsFor(payments, 1)), ['10:0 2 placeholder']);
  const { result } = await answeredWithin<DocumentSymbol[]>(
    client,
    'textDocument/documentSymbol',
    { textDocument: { uri: payments } },
    5_000,
  );
  assert.deepEqual(
    result[0]!.children!.map((s) => s.name),
    ['Endpoints', 'Errors'],
  );
  assert.deepEqual(
    messages.map((m) => [m.type, m.message]),
    [[2, `Blueprint: ${join(ws, '.blueprintrc.json')}: is a FIFO, not a regular file; not read; its settings are not used.`]],
  );
});

test('an rc file linked to another file is refused without a word of that file in the message', async () => {
  const ws = folderWith({ 'secret.env': 'API_TOKEN=ghp_verysecretvalue\n' });
  makeLink('secret.env', join(ws, '.blueprintrc.json'));
  const { client, messages } = await startSpawnedIn(ws);
  const ledger = uriOf(ws, 'ledger.md');
  await client.open(ledger, onePlaceholder);
  assert.deepEqual(summary(await client.diagnosticsFor(ledger, 1)), ['6:4 2 placeholder']);
  assert.deepEqual(
    messages.map((m) => m.message),
    [`Blueprint: ${join(ws, '.blueprintrc.json')}: not valid JSON (unexpected character at line 1, column 1); its settings are not used.`],
  );
});

test('a template of 20,000 tiny sections never freezes the server: requests are answered while it is read, and a blueprint of it is checked', async () => {
  const ws = folderWith({ '.blueprints/big.md': manySectionTemplate(20_000) });
  const { client } = await startSpawnedIn(ws);
  const stress = uriOf(ws, 'stress.md');
  await client.open(stress, manySectionBlueprint(20_000));
  // A document outside the workspace folder, whose templates do not wait for that folder's.
  const elsewhere = folderWith({});
  const ledger = uriOf(elsewhere, 'ledger.md');
  await client.open(ledger, onePlaceholder);
  // While the template is read and the blueprint analysed, the other document's requests are
  // answered, one after the other: each within a deadline far above a slice, far below the minutes
  // a frozen server takes.
  let slowest = 0;
  let answered = 0;
  while (!client.diagnostics.get(stress)) {
    const { ms } = await answeredWithin(client, 'textDocument/documentSymbol', { textDocument: { uri: ledger } }, 1_500);
    slowest = Math.max(slowest, ms);
    answered++;
  }
  assert.ok(answered > 3, `requests answered while the template was read: ${answered} (slowest ${Math.round(slowest)} ms)`);
  process.stderr.write(`# slowest answer while a 20,000-section template was read: ${Math.round(slowest)} ms, ${answered} answered\n`);
  assert.deepEqual(
    (await client.diagnosticsFor(stress, 1)).map((d) => d.message),
    ["Missing section 'Part 19999'"],
  );
  // Files changed: the template, unchanged, is not derived again; the server stays as responsive.
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(ws, 'docs/notes.md'), type: 1 }] });
  for (let i = 0; i < 5; i++) await answeredWithin(client, 'textDocument/documentSymbol', { textDocument: { uri: ledger } }, 2_000);
  assert.deepEqual(summary(await client.diagnosticsFor(ledger, 1)), ['6:4 2 placeholder']);
});

test("an invalid editor setting is shown once as a warning naming the setting, not on every keystroke, and the rc file's value applies", async () => {
  const ws = folderWith({ '.blueprintrc.json': '{ "diagnostics": { "placeholder": "error" } }' });
  const { client, messages } = await startSpawnedIn(ws, {
    diagnostics: { placeholder: 'warn', 'section-ordr': 'off' },
    maxDocumentSize: 'big',
  });
  const ledger = uriOf(ws, 'ledger.md');
  await client.open(ledger, onePlaceholder);
  assert.deepEqual(
    summary(await client.diagnosticsFor(ledger, 1)),
    ['6:4 1 placeholder'],
    "the editor's bad value is not used: the rc file's error applies",
  );
  for (let version = 2; version <= 4; version++) {
    await client.notify('textDocument/didChange', {
      textDocument: { uri: ledger, version },
      contentChanges: [{ text: onePlaceholder + '\n'.repeat(version) }],
    });
  }
  await client.diagnosticsFor(ledger, 4);
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.request('textDocument/documentSymbol', { textDocument: { uri: ledger } });
  assert.deepEqual(
    messages.map((m) => [m.type, m.message]),
    [
      [
        2,
        'Blueprint: blueprint.diagnostics.placeholder: "warn" is not a severity (error, warning, information, hint, off); the default applies.',
      ],
      [
        2,
        `Blueprint: blueprint.diagnostics.section-ordr: is not a diagnostic code (codes: ${Object.keys(DIAGNOSTIC_DEFAULTS).join(', ')}).`,
      ],
      [2, 'Blueprint: blueprint.maxDocumentSize: "big" is not a number above 0; the default (1000000) applies.'],
    ],
  );
});

test('blueprint/newBlueprint: a name or an author with a line break cannot add a heading or a line', async () => {
  const ws = folderWith({});
  const { client } = await startSpawnedIn(ws);
  const made = await client.request<{ text: string; fileName: string }>('blueprint/newBlueprint', {
    name: 'Orders\n## Injected',
    author: 'Eve\n**Blueprint Status**: Approved',
    date: '2026-11-25',
  });
  const lines = made.text.split('\n');
  assert.equal(lines[0], '# Data Blueprint: Orders ## Injected');
  assert.ok(!lines.some((line) => line.startsWith('## Injected')));
  assert.equal(lines.filter((line) => line.startsWith('**Blueprint Status**')).length, 1);
  assert.ok(lines.includes('**Author**: Eve **Blueprint Status**: Approved'));
  assert.equal(made.fileName, 'orders-injected.blueprint.md');
  writeFileSync(join(ws, made.fileName), made.text);
});
