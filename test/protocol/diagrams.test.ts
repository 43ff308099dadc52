import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { Diagram } from '../../server/src/protocol';
import { fixture } from '../support/documents';
import { InProcessClient } from '../support/in-process-client';

// The diagram cycle over the protocol: insert the diagram (a source action), edit the structures,
// see `stale-diagram`, apply its preferred quick fix, and the blueprint is clean again; the
// `blueprint/diagram` request the Show Data Model view draws from.

let client: InProcessClient;
const uri = 'file:///work/diagrams.blueprint.md';

before(async () => {
  client = await InProcessClient.start();
});
after(async () => {
  await client.stop();
});

function applied(text: string, edits: CodeAction['edit']): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), edits!.changes![uri]!);
}

test('a client that resolves edits (VS Code) gets the insert-diagram actions without their edit, and the same edit on codeAction/resolve', async () => {
  const resolving = await InProcessClient.start({ resolvesCodeActionEdits: true });
  const own = 'file:///work/diagrams-resolved.blueprint.md';
  try {
    const text = fixture('order-ledger.md');
    await Promise.all([resolving.open(own, text), client.open(own, text)]);
    const params = {
      textDocument: { uri: own },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.insertDiagram'] },
    };
    const eager = await client.request<CodeAction[]>('textDocument/codeAction', params);
    const deferred = await resolving.request<CodeAction[]>('textDocument/codeAction', params);
    assert.deepEqual(
      deferred.map((a) => [a.title, a.edit, a.data]),
      [
        ['Insert data model diagram', undefined, { uri: own, version: 1, diagram: 'data-model' }],
        ['Insert state diagram', undefined, { uri: own, version: 1, diagram: 'state' }],
      ],
    );
    assert.equal(eager.length, 2);
    for (const [i, action] of deferred.entries()) {
      const resolved = await resolving.request<CodeAction>('codeAction/resolve', action);
      assert.ok(resolved.edit?.changes?.[own]?.length === 1, 'the resolved action has its edit');
      assert.deepEqual(resolved.edit, eager[i]!.edit);
    }
  } finally {
    await client.notify('textDocument/didClose', { textDocument: { uri: own } });
    await resolving.stop();
  }
});

test('insert, go stale, update: the stale-diagram cycle through the protocol', async () => {
  let text = fixture('order-ledger.md');
  await client.open(uri, text);
  assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const sources = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics: [], only: ['source.insertDiagram'] },
  });
  assert.deepEqual(
    sources.map((a) => a.title),
    ['Insert data model diagram', 'Insert state diagram'],
  );
  text = applied(text, sources[0]!.edit);
  await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
  assert.deepEqual(await client.diagnosticsFor(uri, 2), [], 'a diagram just inserted is current');

  text = text.replace('  email: string;\n', '  email: string;\n  loyaltyTier: number;\n');
  await client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  const diagnostics: Diagnostic[] = await client.diagnosticsFor(uri, 3);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.message, d.data]),
    [['stale-diagram', 3, 'The data model diagram no longer matches the blueprint: update it', { diagram: 'data-model' }]],
  );
  const fixes = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0]!.range,
    context: { diagnostics, only: ['quickfix'] },
  });
  const update = fixes.find((f) => f.isPreferred);
  assert.equal(update?.title, 'Update diagram');
  text = applied(text, update.edit);
  assert.ok(text.includes('    email : string\n    loyaltyTier : number\n'));
  await client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text }] });
  assert.deepEqual(await client.diagnosticsFor(uri, 4), []);

  const diagram = await client.request<Diagram | null>('blueprint/diagram', { uri });
  assert.equal(diagram?.kind, 'data-model');
  assert.ok(diagram?.mermaid.startsWith('classDiagram\n  class Order {\n'));
  assert.deepEqual(
    diagram?.structures.map((s) => [s.name, s.id, s.range.start.line]),
    [
      ['Order', 'Order', text.split('\n').findIndex((l) => l.startsWith('interface Order '))],
      ['OrderLine', 'OrderLine', text.split('\n').findIndex((l) => l.startsWith('interface OrderLine '))],
      ['Customer', 'Customer', text.split('\n').findIndex((l) => l.startsWith('type Customer '))],
      ['LedgerState', 'LedgerState', text.split('\n').findIndex((l) => l.startsWith('interface LedgerState '))],
    ],
  );
  const state = await client.request<Diagram | null>('blueprint/diagram', { uri, kind: 'state' });
  assert.equal(
    state?.mermaid,
    'stateDiagram-v2\n  state "empty ledger" as S0\n  [*] --> S0\n  S0 --> open : order placed\n  open --> paid : payment confirmed',
  );
  assert.equal(await client.request('blueprint/diagram', { uri: 'file:///work/none.md' }), null);
});
