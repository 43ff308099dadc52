import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeLens, DocumentSymbol, Hover, InitializeResult } from 'vscode-languageserver-protocol';
import { fixture, templateText } from '../support/documents';
import { InProcessClient } from '../support/in-process-client';

const filled = fixture('order-ledger.md');
let client: InProcessClient;
let initializeResult: InitializeResult;

before(async () => {
  client = new InProcessClient();
  initializeResult = await client.initialize();
});
after(async () => {
  await client.stop();
});

test('the server announces incremental sync, outline and hover', () => {
  const caps = initializeResult.capabilities;
  assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  assert.ok(caps.documentSymbolProvider);
  assert.equal(caps.hoverProvider, true);
  assert.equal(initializeResult.serverInfo?.name, 'blueprint-language-server');
});

test('an opened template gets its 78 placeholder diagnostics for that version, hints since its unfilled status makes it a draft', async () => {
  const uri = 'file:///work/new-system.md';
  await client.open(uri, templateText, 3);
  const diagnostics = await client.diagnosticsFor(uri, 3);
  assert.equal(diagnostics.length, 78);
  assert.deepEqual(diagnostics[0], {
    range: { start: { line: 0, character: 18 }, end: { line: 0, character: 36 } },
    severity: 4,
    code: 'placeholder',
    source: 'blueprint',
    message: "Placeholder '[Data System Name]' is not filled in",
  });
});

test('plain Markdown gets no diagnostics, not even an empty list, no symbols and no hover', async () => {
  // Like the ESLint server for a file it does not validate: not checked, so nothing is said about it.
  const plain = 'file:///work/notes.md';
  await client.open(plain, '# Notes\n\n## Purpose\n\nSee [Owner].\n');
  // A blueprint opened afterwards is answered after the plain document was processed.
  await client.open('file:///work/after-notes.blueprint.md', templateText);
  await client.diagnosticsFor('file:///work/after-notes.blueprint.md', 1);
  assert.equal(
    client.publications.some((p) => p.uri === plain),
    false,
  );
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: plain } }), []);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: plain }, position: { line: 2, character: 5 } }), null);
});

test('clean is said: a blueprint with no problem gets an empty list for its version, from its first analysis on', async () => {
  // A team's blueprint: reference links, footnotes, Mermaid, SQL and YAML blocks, CJK, a footer of hard breaks.
  const stock = fixture('stock-levels.md');
  const uri = 'file:///work/clean/stock-levels.md';
  await client.open(uri, stock, 1);
  assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
  // Every version is said, clean or not.
  const line = stock.split('\n').findIndex((l) => l.startsWith('**Author**'));
  const change = (version: number, text: string, character = 12, length = 0) =>
    client.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + length } }, text }],
    });
  await change(2, '[Name] and ');
  assert.deepEqual(
    (await client.diagnosticsFor(uri, 2)).map((d) => d.code),
    ['placeholder'],
  );
  await change(3, '', 12, '[Name] and '.length);
  assert.deepEqual(await client.diagnosticsFor(uri, 3), []);
  // Closing clears it, as it does a blueprint with problems.
  await client.notify('textDocument/didClose', { textDocument: { uri } });
  const closed = client.publications.filter((p) => p.uri === uri);
  await client.waitForDiagnostics(uri, () => client.publications.filter((p) => p.uri === uri).length > closed.length);
  assert.deepEqual(client.diagnostics.get(uri), { uri, diagnostics: [] });
});

test('a clean blueprint that stops being one is told so once, then nothing more is said about it', async () => {
  const uri = 'file:///work/clean/becomes-notes.md';
  await client.open(uri, filled, 1);
  assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
  await client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 16 } }, text: 'Meeting notes' }],
  });
  // Cleared: an empty list without a version, since the document is no longer checked.
  await client.waitForDiagnostics(uri, (p) => p.version === undefined || p.version === 2);
  await client.notify('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
  });
  // A blueprint opened afterwards is answered after version 3 was processed.
  await client.open('file:///work/clean/after.md', filled);
  await client.diagnosticsFor('file:///work/clean/after.md', 1);
  assert.deepEqual(
    client.publications.filter((p) => p.uri === uri).map((p) => [p.version, p.diagnostics.length]),
    [
      [1, 0],
      [2, 0],
    ],
  );
});

test('an incremental edit that fills a placeholder is reflected in the next version', async () => {
  const uri = 'file:///work/ledger.md';
  await client.open(uri, filled.replace('**Author**: Ada Lovelace', '**Author**: [Name]'), 1);
  assert.deepEqual(
    (await client.diagnosticsFor(uri, 1)).map((d) => d.code),
    ['placeholder'],
  );
  const line = filled.split('\n').findIndex((l) => l.startsWith('**Author**'));
  await client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line, character: 12 }, end: { line, character: 18 } }, text: 'Grace Hopper' }],
  });
  assert.deepEqual(await client.diagnosticsFor(uri, 2), []);
});

test('a document that stops being a blueprint has its diagnostics cleared, and closing clears them too', async () => {
  const uri = 'file:///work/changing.md';
  await client.open(uri, templateText, 1);
  assert.equal((await client.diagnosticsFor(uri, 1)).length, 78);
  await client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 16 } }, text: 'Meeting notes' }],
  });
  assert.deepEqual(await client.diagnosticsFor(uri, 2), []);
  const closing = 'file:///work/closing.md';
  await client.open(closing, templateText, 1);
  await client.diagnosticsFor(closing, 1);
  await client.notify('textDocument/didClose', { textDocument: { uri: closing } });
  assert.deepEqual(await client.waitForDiagnostics(closing, (p) => p.diagnostics.length === 0), []);
});

test('document symbols and hover over the protocol', async () => {
  const uri = 'file:///work/ledger-outline.md';
  await client.open(uri, filled);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(symbols[0]!.name, 'Data Blueprint: Order Ledger');
  assert.deepEqual(symbols[0]!.children!.map((s) => s.name).slice(0, 3), ['Purpose', 'Data Model', 'Data Flow']);
  const line = filled.split('\n').indexOf('## Data Flow');
  const result = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 5 } });
  assert.deepEqual(result.range, { start: { line, character: 3 }, end: { line, character: 12 } });
  assert.match((result.contents as { value: string }).value, /How data moves through the system\./);
});

test('messages, the placeholder hover and the code lens over the protocol say what is wrong and what is left', async () => {
  const uri = 'file:///work/messages/stock-levels.md';
  const stock = fixture('stock-levels.md');
  const text = stock
    .replace('2026-11-24<br>', '2026-02-30<br>')
    .replace('- **StockLevel** -> **is kept per** -> **Warehouse**', '- **StockLevel** -> **is kept per** -> **Depot**')
    .replace(/(## Data Integrity\n\n\*\*How data integrity is maintained\.\*\*\n\n)[\s\S]*?(?=---)/, '$1')
    .replace('- **Storefront**: availability per SKU', '- **[Destination 1]**: availability per SKU');
  await client.open(uri, text);
  const lines = text.split('\n');
  const lineOf = (start: string) => lines.findIndex((l) => l.startsWith(start));
  assert.deepEqual(
    (await client.diagnosticsFor(uri, 1)).map((d) => [d.code, d.message, d.range.start.line]),
    [
      ['placeholder', "Placeholder '[Destination 1]' is not filled in", lineOf('- **[Destination 1]**')],
      // The empty section alone, without one missing-subsection per subsection.
      ['empty-section', "Section 'Data Integrity' is empty", lineOf('## Data Integrity')],
      ['invalid-date', "Last Updated '2026-02-30' is a day that does not exist: February 2026 has 28 days", lineOf('**Last Updated**')],
      [
        'unknown-structure',
        "Unknown structure 'Depot': no interface, type, class or enum of that name is declared in this blueprint or in any other blueprint of the workspace",
        lineOf('- **StockLevel** ->'),
      ],
    ],
  );
  const line = lineOf('- **[Destination 1]**');
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 6 } });
  assert.deepEqual(hover.range, { start: { line, character: 4 }, end: { line, character: 19 } });
  assert.equal(
    (hover.contents as { value: string }).value,
    '**Placeholder** in *Data Flow › Output Destinations*: name the first destination.',
  );
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(
    lenses.map((l) => l.command!.title),
    ['complete', 'complete', '1 placeholder left', 'complete', 'complete', 'empty', 'complete', 'complete', 'complete'],
  );
});

test('a client whose own outline lists the headings (VS Code) asks for the structures only; others get the whole outline', async () => {
  const uri = 'file:///work/ledger-structures.md';
  const vscodeLike = new InProcessClient();
  try {
    await vscodeLike.initialize({ initializationOptions: { outline: 'structures' } });
    await vscodeLike.open(uri, filled);
    const structures = await vscodeLike.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      structures.map((s) => [s.name, s.children?.length]),
      [
        ['Order', 5],
        ['OrderLine', 3],
        ['Customer', 2],
        ['LedgerState', 2],
      ],
    );
  } finally {
    await vscodeLike.stop();
  }
  await client.open(uri, filled);
  const full = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(
    full.map((s) => s.name),
    ['Data Blueprint: Order Ledger'],
  );
});

test('severities come from workspace/configuration and follow didChangeConfiguration', async () => {
  const uri = 'file:///work/configured.md';
  client.settings = { diagnostics: { placeholder: 'hint' } };
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.open(uri, filled.replace('Review', 'Done').replace('Ada Lovelace', '[Name]'), 1);
  assert.deepEqual(
    (await client.diagnosticsFor(uri, 1)).map((d) => [d.code, d.severity]),
    [
      ['placeholder', 4],
      ['invalid-status', 1],
    ],
  );
  client.settings = { diagnostics: { placeholder: 'off', 'invalid-status': 'warning' } };
  await client.notify('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1).then((d) => d.map((x) => [x.code, x.severity])),
    [['invalid-status', 2]],
  );
  client.settings = {};
  await client.notify('workspace/didChangeConfiguration', { settings: null });
});

test('an editor without workspace/configuration passes settings as initialization options', async () => {
  const other = new InProcessClient();
  try {
    await other.initialize({ configuration: false, initializationOptions: { settings: { diagnostics: { placeholder: 'error' } } } });
    await other.open('file:///work/x.md', templateText);
    const diagnostics = await other.diagnosticsFor('file:///work/x.md', 1);
    assert.ok(diagnostics.length === 78 && diagnostics.every((d) => d.severity === 1));
    await other.notify('workspace/didChangeConfiguration', { settings: { blueprint: { diagnostics: { placeholder: 'off' } } } });
    assert.deepEqual(await other.waitForDiagnostics('file:///work/x.md', (p) => p.diagnostics.length === 0), []);
  } finally {
    await other.stop();
  }
});
