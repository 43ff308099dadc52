import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { checkFiles } from '../../server/src/cli/check';
import { nodeFileAccess } from '../../server/src/project/node-file-access';
import type { DocumentStatus } from '../../server/src/protocol';
import { apiTemplate, paymentsApi } from '../support/api-template';
import { folderWith } from '../support/cli-runner';
import { fixture } from '../support/documents';
import type { TestClient } from '../support/lsp-client';
import { startInWorkspace } from '../support/workspace-client';

// The document pipeline through the real server, in-process: what each class of document gets, and
// that `blueprint check` sees the same classes and the same diagnostics.

const filled = fixture('order-ledger.md');
const onePlaceholder = filled.replace('The order ledger records', 'The [Ledger name] records');
const notes = '# Meeting notes\n\n## Purpose\n\nSee [Owner].\n';
const appendix = '\nA line of a very long appendix, [with a placeholder].\n'.repeat(400);

const clients: TestClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

/** A repository of every class of document: templates (one malformed), blueprints, plain Markdown, a too-large blueprint and a too-large note. */
function repository(): string {
  return folderWith({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.blueprintrc.json': JSON.stringify({ maxDocumentSize: 20_000, diagnostics: { 'section-order': 'warning' } }),
    '.blueprints/api-blueprint.md': apiTemplate,
    '.blueprints/broken.md': '# Notes about APIs\n\nNo sections here.\n',
    'docs/ledger.md': onePlaceholder,
    'docs/clean.md': filled,
    'docs/payments.md': paymentsApi,
    'docs/notes.md': notes,
    'docs/long.md': filled + appendix,
    'docs/long-notes.md': notes + appendix,
  });
}

test('the server and blueprint check classify a repository alike and give each file the same diagnostics', async () => {
  const root = repository();
  const cli = await checkFiles([], { cwd: root, files: nodeFileAccess, fix: 'none', concurrency: 1 });
  const fromCli = new Map(cli.reports.map((r) => [r.path, r.diagnostics]));
  const { client } = await startInWorkspace(root, clients);
  const uriOf = (path: string) => pathToFileURL(join(root, path)).href;
  // The notes first: by the time the documents opened after them are published, they have been checked.
  for (const path of ['docs/notes.md', 'docs/long-notes.md']) await client.open(uriOf(path), fixtureAt(root, path));
  const checked = ['docs/ledger.md', 'docs/clean.md', 'docs/payments.md', 'docs/long.md'];
  for (const path of checked) await client.open(uriOf(path), fixtureAt(root, path));
  for (const path of checked) await client.diagnosticsFor(uriOf(path), 1);
  await client.waitForDiagnostics(uriOf('.blueprints/broken.md'));
  const fromServer = new Map(
    [...client.diagnostics.values()].map((p) => [relative(root, new URL(p.uri).pathname), p.diagnostics] as [string, Diagnostic[]]),
  );
  assert.deepEqual([...fromServer.keys()].sort(), [
    '.blueprints/broken.md',
    'docs/clean.md',
    'docs/ledger.md',
    'docs/long.md',
    'docs/payments.md',
  ]);
  assert.deepEqual([...fromCli.keys()].sort(), [...fromServer.keys()].sort());
  for (const [path, diagnostics] of fromServer) assert.deepEqual(diagnostics, fromCli.get(path), path);
  assert.deepEqual(
    fromServer.get('docs/long.md')!.map((d) => d.code),
    ['too-large'],
  );
  assert.deepEqual(fromServer.get('docs/clean.md'), [], 'checked, clean');
});

test('documentStatus follows the classification: a status for a blueprint, "too large", nothing for notes and templates', async () => {
  const root = repository();
  const { client } = await startInWorkspace(root, clients);
  const status = async (path: string, text = fixtureAt(root, path)) => {
    const uri = pathToFileURL(join(root, path)).href;
    await client.open(uri, text);
    return client.request<DocumentStatus | null>('blueprint/documentStatus', { uri });
  };
  assert.deepEqual(await status('docs/ledger.md'), {
    kind: 'Data Blueprint',
    sectionsPresent: 9,
    sectionsTotal: 9,
    emptySections: 0,
    missingSubsections: 0,
    placeholders: [{ start: { line: 6, character: 4 }, end: { line: 6, character: 17 } }],
    tooLarge: false,
  });
  assert.deepEqual(await status('docs/long.md'), {
    kind: '',
    sectionsPresent: 0,
    sectionsTotal: 0,
    emptySections: 0,
    missingSubsections: 0,
    placeholders: [],
    tooLarge: true,
  });
  assert.equal(await status('docs/notes.md'), null);
  assert.equal(await status('docs/long-notes.md'), null);
  assert.equal(await status('.blueprints/api-blueprint.md'), null, 'a template is no blueprint of its own kind');
});

test('a document that changes class is published as its new class says: blueprint, too large, plain, blueprint again', async () => {
  const root = repository();
  const { client } = await startInWorkspace(root, clients);
  const uri = pathToFileURL(join(root, 'docs/changing.md')).href;
  let version = 1;
  await client.open(uri, onePlaceholder, version);
  const codes = async (text: string) => {
    version++;
    await client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return (await client.diagnosticsFor(uri, version)).map((d) => d.code);
  };
  assert.deepEqual(
    (await client.diagnosticsFor(uri, 1)).map((d) => d.code),
    ['placeholder'],
  );
  assert.deepEqual(await codes(onePlaceholder + appendix), ['too-large']);
  assert.deepEqual(await codes(notes), [], 'no longer checked: cleared');
  assert.deepEqual(await codes(filled), [], 'a blueprint again: checked, clean');
  assert.deepEqual(
    client.publications.filter((p) => p.uri === uri).map((p) => [p.version, p.diagnostics.length]),
    [
      [1, 1],
      [2, 1],
      [3, 0],
      [4, 0],
    ],
  );
});

/** A file of the repository as the test wrote it. */
function fixtureAt(root: string, path: string): string {
  return readFileSync(join(root, path), 'utf8');
}
