import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  Location,
  SymbolInformation,
  WorkspaceDiagnosticReport,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { nodeHost } from '../../server/src/node-host';
import type { WorkspaceSummary } from '../../server/src/protocol';
import { folderWith } from '../support/cli-runner';
import { applyEdits, fixture } from '../support/documents';
import { generateBlueprint } from '../support/generate-blueprint';
import { InProcessClient } from '../support/in-process-client';
import { LspClient } from '../support/lsp-client';
import type { TestClient } from '../support/lsp-client';
import { PULLS_DIAGNOSTICS, startInWorkspace } from '../support/workspace-client';

/** The customer profiles' order ledger: declares Order, OrderLine and Customer. */
const orders = fixture('order-ledger.md');
/** An invoice ledger that declares Invoice, InvoiceLine and Payer, and refers to the order ledger's Order and Customer. */
const invoices = orders
  .replace('# Data Blueprint: Order Ledger', '# Data Blueprint: Invoice Ledger')
  .replace('interface Order {\n  id: string;', 'interface Invoice {\n  id: string;\n  customer: Customer;')
  .replace('lines: OrderLine[];', 'lines: InvoiceLine[];')
  .replace('interface OrderLine {', 'interface InvoiceLine {')
  .replace('type Customer = {', 'type Payer = {')
  .replace('- **Order** → **contains** → **OrderLine**', '- **Invoice** → **bills** → **Order**')
  .replace('- **Customer** -> **places** -> **Order**', '- **Payer** -> **pays** -> **Invoice**');

const clients: TestClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

const uriOf = (folder: string, path: string) => pathToFileURL(join(folder, path)).href;
const codes = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`);
/** Where an exact text starts in a document (its first occurrence after `after`). */
function positionOf(text: string, needle: string, after = ''): { line: number; character: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** The workspace summary once the index has read every file (the index reads in the background; a deadline, no sleep). */
async function indexed(client: TestClient, blueprints: number, deadlineMs = 10_000): Promise<WorkspaceSummary> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const summary = await client.request<WorkspaceSummary>('blueprint/workspaceSummary', {});
    if (!summary.indexing && summary.blueprints.length === blueprints) return summary;
    if (Date.now() > deadline) assert.fail(`the index holds ${JSON.stringify(summary)}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('a relationship end and a field type naming a structure of another blueprint, never opened, resolve: no unknown-structure, go to definition opens it', async () => {
  const folder = folderWith({ 'docs/orders.blueprint.md': orders, 'docs/notes.md': '# Notes\n\nNot a blueprint.\n' });
  const { client } = await startInWorkspace(folder, clients);
  await indexed(client, 1);
  const uri = uriOf(folder, 'docs/invoices.blueprint.md');
  await client.open(uri, invoices);
  assert.deepEqual(
    codes(await client.diagnosticsFor(uri, 1)).filter((c) => c.includes('structure')),
    [],
  );
  const ordersUri = uriOf(folder, 'docs/orders.blueprint.md');
  const declaration = {
    uri: ordersUri,
    range: { start: positionOf(orders, 'Order {'), end: { ...positionOf(orders, 'Order {'), character: 15 } },
  };
  const fromRelationship = await client.request<Location[]>('textDocument/definition', {
    textDocument: { uri },
    position: positionOf(invoices, 'Order**', '**bills**'),
  });
  assert.deepEqual(fromRelationship, [declaration]);
  const fromFieldType = await client.request<Location[]>('textDocument/definition', {
    textDocument: { uri },
    position: positionOf(invoices, 'Customer;'),
  });
  assert.deepEqual(fromFieldType, [
    { uri: ordersUri, range: { start: positionOf(orders, 'Customer = {'), end: { ...positionOf(orders, 'Customer = {'), character: 13 } } },
  ]);
});

test('once the index has read the workspace, the server asks for its idle collection: the build left every file it parsed behind as garbage', async () => {
  const folder = folderWith({ 'docs/orders.blueprint.md': orders, 'docs/invoices.blueprint.md': invoices });
  // No document is opened: only the index's build can have done work worth collecting after.
  let workDone = 0;
  const host = { ...nodeHost({ idleCollection: false }), workDone: () => void workDone++ };
  const { client } = await startInWorkspace(folder, clients, {}, () => new InProcessClient(host));
  await indexed(client, 2);
  const deadline = Date.now() + 5_000;
  while (workDone === 0) {
    if (Date.now() > deadline) assert.fail('the server never asked for its idle collection after building the index');
    await new Promise((resolve) => setImmediate(resolve));
  }
  // A file changed on disk is read again: that too is work to collect after.
  const before = workDone;
  writeFileSync(join(folder, 'docs/orders.blueprint.md'), orders.replace('Order Ledger', 'Order Book'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf(folder, 'docs/orders.blueprint.md'), type: 2 }],
  });
  while (workDone === before) {
    if (Date.now() > deadline + 5_000) assert.fail('the server never asked for its idle collection after reading a changed file');
    await new Promise((resolve) => setImmediate(resolve));
  }
});

test('with blueprint.structures.scope "document" only the blueprint itself counts, as before', async () => {
  const folder = folderWith({ 'orders.blueprint.md': orders });
  const { client } = await startInWorkspace(folder, clients, { structures: { scope: 'document' } });
  await indexed(client, 1);
  const uri = uriOf(folder, 'invoices.blueprint.md');
  await client.open(uri, invoices);
  const line = positionOf(invoices, '- **Invoice** → **bills**').line;
  assert.deepEqual(
    codes(await client.diagnosticsFor(uri, 1)).filter((c) => c.includes('structure')),
    [`${line}:30 unknown-structure`],
  );
});

test('a name declared in two other blueprints is ambiguous-structure, with related information at both declarations', async () => {
  const folder = folderWith({ 'a/orders.blueprint.md': orders, 'b/orders.blueprint.md': orders });
  const { client } = await startInWorkspace(folder, clients);
  await indexed(client, 2);
  const uri = uriOf(folder, 'invoices.blueprint.md');
  await client.open(uri, invoices);
  const ambiguous = (await client.diagnosticsFor(uri, 1)).filter((d) => d.code === 'ambiguous-structure');
  const line = positionOf(invoices, '- **Invoice** → **bills**').line;
  assert.deepEqual(codes(ambiguous), [`${line}:30 ambiguous-structure`]);
  assert.equal(ambiguous[0]!.severity, 2);
  assert.equal(
    ambiguous[0]!.message,
    "Ambiguous structure 'Order': this blueprint does not declare it, and 2 other blueprints do (a/orders.blueprint.md, b/orders.blueprint.md)",
  );
  const at = positionOf(orders, 'Order {');
  assert.deepEqual(
    ambiguous[0]!.relatedInformation!.map((r) => [r.location.uri, r.location.range.start, r.message]),
    [
      [uriOf(folder, 'a/orders.blueprint.md'), at, "'Order' is declared in a/orders.blueprint.md"],
      [uriOf(folder, 'b/orders.blueprint.md'), at, "'Order' is declared in b/orders.blueprint.md"],
    ],
  );
});

test('references include the other blueprints, rename edits every blueprint at once and refuses a name any blueprint declares', async () => {
  const folder = folderWith({ 'orders.blueprint.md': orders });
  const { client } = await startInWorkspace(folder, clients);
  await indexed(client, 1);
  const uri = uriOf(folder, 'invoices.blueprint.md');
  const ordersUri = uriOf(folder, 'orders.blueprint.md');
  await client.open(uri, invoices);
  await client.diagnosticsFor(uri, 1);
  const position = positionOf(invoices, 'Order**', '**bills**');
  const references = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri },
    position,
    context: { includeDeclaration: true },
  });
  assert.deepEqual(
    references.map((r) => `${r.uri === uri ? 'invoices' : 'orders'} ${r.range.start.line}:${r.range.start.character}`).sort(),
    [
      ...[position, positionOf(invoices, 'Order>'), positionOf(invoices, 'Order[];')].map((p) => `invoices ${p.line}:${p.character}`),
      ...[
        positionOf(orders, 'Order {'),
        positionOf(orders, 'Order**'),
        positionOf(orders, 'Order**', '**places**'),
        positionOf(orders, 'Order>'),
        positionOf(orders, 'Order[];'),
      ].map((p) => `orders ${p.line}:${p.character}`),
    ].sort(),
  );
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'Purchase' });
  assert.deepEqual(Object.keys(edit.changes!).sort(), [uri, ordersUri].sort());
  const inState = (text: string) =>
    text.replace('Map<string, Order>', 'Map<string, Purchase>').replace('pending: Order[]', 'pending: Purchase[]');
  assert.equal(applyEdits(invoices, edit.changes![uri]!), inState(invoices.replace('→ **Order**', '→ **Purchase**')));
  assert.equal(
    applyEdits(orders, edit.changes![ordersUri]!),
    inState(
      orders
        .replace('interface Order {', 'interface Purchase {')
        .replace('**Order** →', '**Purchase** →')
        .replace('-> **Order**', '-> **Purchase**'),
    ),
  );
  await assert.rejects(
    client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'OrderLine' }),
    /Another blueprint already declares a structure named 'OrderLine'/,
  );
});

test('workspace/symbol finds blueprints, sections and structures of files never opened, by fuzzy name', async () => {
  const folder = folderWith({ 'orders.blueprint.md': orders, 'invoices.blueprint.md': invoices });
  const { client } = await startInWorkspace(folder, clients);
  await indexed(client, 2);
  const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'ordlin' });
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind, s.containerName, s.location.range.start.line]),
    [['OrderLine', 11, 'orders.blueprint.md', positionOf(orders, 'OrderLine {').line]],
  );
  const titles = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'invoice ledger' });
  assert.deepEqual(
    titles.map((s) => [s.name, s.kind]),
    [['Data Blueprint: Invoice Ledger', 1]],
  );
});

test('a client that pulls diagnostics gets every blueprint from workspace/diagnostic, unchanged files as unchanged, and a file changed on disk again', async () => {
  const folder = folderWith({ 'orders.blueprint.md': orders, 'invoices.blueprint.md': invoices });
  const { client } = await startInWorkspace(folder, clients, {}, () => new LspClient(), PULLS_DIAGNOSTICS);
  await indexed(client, 2);
  const ordersUri = uriOf(folder, 'orders.blueprint.md');
  const invoicesUri = uriOf(folder, 'invoices.blueprint.md');
  const first = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
  assert.deepEqual(first.items.map((i) => [i.uri, i.kind, i.kind === 'full' ? i.items.length : -1]).sort(), [
    [invoicesUri, 'full', 0],
    [ordersUri, 'full', 0],
  ]);
  const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
  const second = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds });
  assert.deepEqual(
    second.items.map((i) => i.kind),
    ['unchanged', 'unchanged'],
  );

  // The order ledger loses its Order on disk: the invoices' relationship to it is unknown now.
  writeFileSync(join(folder, 'orders.blueprint.md'), orders.replace('interface Order {', 'interface Booking {'));
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ordersUri, type: 2 }] });
  const deadline = Date.now() + 10_000;
  let third: WorkspaceDiagnosticReport;
  do {
    third = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds });
    assert.ok(Date.now() < deadline, JSON.stringify(third));
  } while (!third.items.some((i) => i.uri === invoicesUri && i.kind === 'full'));
  const changed = third.items.find((i) => i.uri === invoicesUri && i.kind === 'full') as { items: Diagnostic[] };
  const line = positionOf(invoices, '- **Invoice** → **bills**').line;
  assert.deepEqual(codes(changed.items), [`${line}:30 unknown-structure`]);
  assert.equal(
    changed.items[0]!.message,
    "Unknown structure 'Order': no interface, type, class or enum of that name is declared in this blueprint or in any other blueprint of the workspace",
  );

  // An open document is the client's to pull itself; its report holds the same problems.
  await client.open(invoicesUri, invoices);
  const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: invoicesUri } });
  assert.equal(report.kind, 'full');
  assert.deepEqual(codes((report as { items: Diagnostic[] }).items), [`${line}:30 unknown-structure`]);
  const withOpen = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
  assert.deepEqual(
    withOpen.items.map((i) => i.uri),
    [ordersUri],
  );
});

test('the workspace summary gives each blueprint its status, sections, placeholders and problems, grouped by the template status values', async () => {
  const draft = orders
    .replace('**Blueprint Status**: Review', '**Blueprint Status**: Draft')
    .replace('The order ledger records', 'The [Ledger name] records');
  const folder = folderWith({
    'orders.blueprint.md': orders,
    'drafts/draft.blueprint.md': draft,
    'unfilled.blueprint.md': orders.replace('**Blueprint Status**: Review', '**Blueprint Status**: [Draft/Review/Approved]'),
  });
  const { client } = await startInWorkspace(folder, clients);
  const summary = await indexed(client, 3);
  assert.deepEqual(summary.statuses, ['Draft', 'Review', 'Approved']);
  assert.deepEqual(
    summary.blueprints.map((b) => [
      b.path,
      b.kind,
      b.status,
      `${b.sectionsPresent}/${b.sectionsTotal}`,
      b.placeholders,
      b.errors,
      b.warnings,
    ]),
    [
      ['drafts/draft.blueprint.md', 'Data Blueprint', 'Draft', '9/9', 1, 0, 0],
      ['orders.blueprint.md', 'Data Blueprint', 'Review', '9/9', 0, 0, 0],
      ['unfilled.blueprint.md', 'Data Blueprint', null, '9/9', 1, 0, 0],
    ],
  );
});

test('a workspace of 400 blueprints is indexed in the background: an open document is answered all along, and its problems come first', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 400; i++) files[`docs/area-${i % 10}/blueprint-${i}.md`] = generateBlueprint({ lines: 300, seed: i + 1 });
  const folder = folderWith(files);
  const { client } = await startInWorkspace(folder, clients, {}, () => new LspClient());
  const uri = uriOf(folder, 'invoices.blueprint.md');
  await client.open(uri, invoices);
  let answered = 0;
  let slowest = 0;
  for (let i = 0; ; i++) {
    if (i % 20 === 0) {
      const summary = await client.request<WorkspaceSummary>('blueprint/workspaceSummary', {});
      if (!summary.indexing && summary.blueprints.length === 401) break;
    }
    const started = performance.now();
    await Promise.race([
      client.request('textDocument/documentSymbol', { textDocument: { uri } }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('documentSymbol not answered within 2,000 ms')), 2_000)),
    ]);
    slowest = Math.max(slowest, performance.now() - started);
    answered++;
  }
  assert.ok(answered > 3, `requests answered while the workspace was indexed: ${answered} (slowest ${Math.round(slowest)} ms)`);
  process.stderr.write(`# slowest answer while 400 blueprints were indexed: ${Math.round(slowest)} ms, ${answered} answered\n`);
  assert.ok(client.diagnostics.get(uri), 'the open document was checked while the workspace was indexed');
});
