import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { fixture } from '../support/documents';
import { InProcessClient } from '../support/in-process-client';

// The features compute each family of code actions without looking at `context.only`; the server's
// code-action providers decide which families a request wants, with one rule (`isAskedFor`, unit-tested
// in test/unit/code-action-providers.test.ts): a kind is wanted when `only` is absent or names it or a
// prefix of it. Fix-all is the exception: it is offered only when asked for by name. Here, over the protocol.

const ledger = fixture('fulfilment-ledger.md');
let client: InProcessClient;
const uri = 'file:///work/kinds.blueprint.md';
let diagnostics: Diagnostic[];

before(async () => {
  client = await InProcessClient.start();
  // A missing section (its quick fix, and "Add all missing sections") and an impossible date (fix-all's).
  const start = ledger.indexOf('## Data Flow');
  const text = (ledger.slice(0, start) + ledger.slice(ledger.indexOf('## State Management', start))).replace(
    /\*\*Last Updated\*\*: [^\n]*/,
    '**Last Updated**: 2026-02-30',
  );
  await client.open(uri, text);
  diagnostics = await client.diagnosticsFor(uri, 1);
});
after(async () => {
  await client.stop();
});

async function kindsFor(only: string[] | undefined): Promise<Array<[string, string | undefined]>> {
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: only ? { diagnostics, only } : { diagnostics },
  });
  // Today's date, whatever day the test runs.
  return actions.map((a) => [a.title.replace(/\d{4}-\d{2}-\d{2}/, 'YYYY-MM-DD'), a.kind]);
}

test('without only: the quick fixes, "Add all missing sections" and the ignore actions, but not fix-all', async () => {
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['missing-section', 'invalid-date'],
  );
  assert.deepEqual(await kindsFor(undefined), [
    ["Add section 'Data Flow'", 'quickfix'],
    ['Set Last Updated to today (YYYY-MM-DD)', 'quickfix'],
    ['Add all missing sections', 'source.addMissingSections.blueprint'],
    ['Insert data model diagram', 'source.insertDiagram.blueprint'],
    ['Insert state diagram', 'source.insertDiagram.blueprint'],
    ['Ignore this diagnostic on this line (missing-section)', 'quickfix'],
    ['Ignore this diagnostic on this line (invalid-date)', 'quickfix'],
  ]);
});

test('only quickfix: the quick fixes and the ignore actions', async () => {
  assert.deepEqual(
    (await kindsFor(['quickfix'])).map(([, kind]) => kind),
    ['quickfix', 'quickfix', 'quickfix', 'quickfix'],
  );
});

test('only source, or the kind itself or a prefix of it: "Add all missing sections" alone; fix-all only by name', async () => {
  for (const only of [['source.addMissingSections'], ['source.addMissingSections.blueprint']]) {
    assert.deepEqual(await kindsFor(only), [['Add all missing sections', 'source.addMissingSections.blueprint']], only.join());
  }
  // `source` also holds the insert-diagram actions (the blueprint has structures and states to draw).
  assert.deepEqual(await kindsFor(['source']), [
    ['Add all missing sections', 'source.addMissingSections.blueprint'],
    ['Insert data model diagram', 'source.insertDiagram.blueprint'],
    ['Insert state diagram', 'source.insertDiagram.blueprint'],
  ]);
  for (const only of [['source.fixAll'], ['source.fixAll.blueprint']]) {
    assert.deepEqual(await kindsFor(only), [['Fix all safe blueprint problems', 'source.fixAll.blueprint']], only.join());
  }
  assert.deepEqual(await kindsFor(['refactor']), []);
});
