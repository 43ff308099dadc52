import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import type { TemplateSummary } from '../../server/src/protocol';
import { apiTemplate, paymentsApi } from '../support/api-template';
import { BrowserWorkerClient, type Mount } from '../support/browser-worker-client';
import { folderWith } from '../support/cli-runner';
import { applyEdits, fixture } from '../support/documents';

// The web build (dist/web/server.js, as vscode.dev and github.dev run it) in a real browser: a web
// worker in Chromium, LSP over postMessage, a GitHub repository's files (`vscode-vfs:` URIs, as
// github.dev names them) read through the client's file requests.

const REPOSITORY = 'vscode-vfs://github/blueprint-authoring/ledgers';
const ledger = fixture('fulfilment-ledger.md');
const onePlaceholder = fixture('order-ledger.md').replace('The order ledger records', 'The [Ledger name] records');

const clients: BrowserWorkerClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

/** The web server in Chromium, in a virtual workspace of one repository whose files are `files`. */
async function inRepository(files: Record<string, string>): Promise<{ client: BrowserWorkerClient; messages: string[] }> {
  const mount: Mount = { uri: REPOSITORY, folder: folderWith(files) };
  const client = await BrowserWorkerClient.launch(mount);
  clients.push(client);
  const messages: string[] = [];
  client.connection.onNotification('window/showMessage', (params: { message: string }) => {
    messages.push(params.message);
  });
  client.connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
    messages.push(params.message);
    return null;
  });
  await client.request('initialize', {
    processId: null,
    rootUri: REPOSITORY,
    workspaceFolders: [{ uri: REPOSITORY, name: 'ledgers' }],
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        completion: { completionItem: { snippetSupport: true } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
      },
    },
  });
  await client.notify('initialized', {});
  return { client, messages };
}

const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${String(d.code)}`);

function itemsOf(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

function cut(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  return text.slice(0, start) + text.slice(text.indexOf(to, start));
}

test('in a web worker: diagnostics, completion at ## and a quick fix applied, for a blueprint in a GitHub repository', async () => {
  const { client } = await inRepository({});
  const uri = `${REPOSITORY}/docs/fulfilment%20ledger.md`;
  const text = cut(ledger, '## Data Flow', '## State Management').replace('## State Management', '## \n\n## State Management');
  await client.open(uri, text);
  const diagnostics = await client.diagnosticsFor(uri, 1);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['missing-section'],
    client.output,
  );

  const lines = text.split('\n');
  const line = lines.indexOf('## ');
  const sections = itemsOf(
    await client.request('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 3 },
      context: { triggerKind: 2, triggerCharacter: ' ' },
    }),
  );
  assert.deepEqual(
    sections.map((i) => i.label),
    ['Data Flow'],
  );

  const missing = diagnostics[0]!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: missing.range,
    context: { diagnostics: [missing], only: ['quickfix'] },
  });
  assert.equal(actions[0]!.title, "Add section 'Data Flow'");
  const fixed = applyEdits(text, actions[0]!.edit!.changes![uri]!);
  assert.ok(fixed.includes('## Data Flow\n\n**How data moves through the system.**'), fixed);
  await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  assert.ok(!(await client.diagnosticsFor(uri, 2)).some((d) => d.code === 'missing-section'));
});

test("in a web worker: the repository's .blueprintrc.json and .blueprints/ templates are read through the client", async () => {
  const { client, messages } = await inRepository({
    '.blueprintrc.json': JSON.stringify({ diagnostics: { placeholder: 'error' }, autor: 'Ada' }),
    '.blueprints/api-blueprint.md': apiTemplate,
  });
  const ledgerUri = `${REPOSITORY}/docs/ledger.md`;
  await client.open(ledgerUri, onePlaceholder);
  // placeholder: the rc file's error.
  assert.deepEqual(summary(await client.diagnosticsFor(ledgerUri, 1)), ['6:4 1 placeholder'], client.output);
  // Its problem is named by the file as the user reads it, with line and column.
  assert.deepEqual(messages, [
    `Blueprint: ${REPOSITORY}/.blueprintrc.json:1:40: autor: is not a setting (settings: diagnostics, author, maxDocumentSize, severityByStatus, templates, codeLens, workspace, structures, $schema, extends, ignores).`,
  ]);

  const apiUri = `${REPOSITORY}/api/payments.md`;
  await client.open(apiUri, paymentsApi);
  assert.deepEqual(summary(await client.diagnosticsFor(apiUri, 1)), ['10:0 1 placeholder']);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: apiUri } });
  assert.deepEqual(
    symbols[0]!.children!.map((s) => s.name),
    ['Endpoints', 'Errors'],
  );
  const templates = await client.request<TemplateSummary[]>('blueprint/templates', {});
  assert.deepEqual(
    templates.map((t) => [t.id, t.builtin]),
    [
      ['data-blueprint', true],
      ['api-blueprint', false],
    ],
  );
});

test('in a web worker: a new, unsaved blueprint is checked, and the typescript blocks are parsed', async () => {
  const { client } = await inRepository({});
  const uri = 'untitled:Untitled-1';
  await client.open(uri, ledger.replace('interface Order {', 'interface Order {{'));
  const diagnostics = await client.diagnosticsFor(uri, 1);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['typescript-syntax'],
    client.output,
  );
});
