import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  InitializeResult,
  Location,
  Range,
  SemanticTokens,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import type { NewBlueprint } from '../../server/src/protocol';
import { today } from '../../server/src/template/template-text';
import { applyEdits, fixture, writtenTemplateText } from '../support/documents';
import { expandSnippet } from '../support/snippets';
import { InProcessClient } from '../support/in-process-client';

const ledger = fixture('fulfilment-ledger.md');
let client: InProcessClient;
let initializeResult: InitializeResult;

before(async () => {
  client = new InProcessClient();
  client.settings = { author: 'Grace Hopper' };
  initializeResult = await client.initialize();
});
after(async () => {
  await client.stop();
});

function cut(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  return text.slice(0, start) + text.slice(text.indexOf(to, start));
}

/** Where a string first occurs, as an LSP position (text split on `\n` only, so for LF text). */
function positionOf(text: string, marker: string, shift = 0) {
  const offset = text.indexOf(marker) + shift;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

function itemsOf(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

test('the server announces completion, code actions, navigation, rename and semantic tokens', () => {
  const caps = initializeResult.capabilities;
  assert.deepEqual(caps.completionProvider, { triggerCharacters: ['#', '*', ' ', '<', '|'] });
  assert.deepEqual(caps.codeActionProvider, {
    codeActionKinds: ['quickfix', 'source.addMissingSections.blueprint', 'source.insertDiagram.blueprint', 'source.fixAll.blueprint'],
    resolveProvider: true,
  });
  assert.equal(caps.definitionProvider, true);
  assert.equal(caps.referencesProvider, true);
  assert.equal(caps.documentHighlightProvider, true);
  assert.deepEqual(caps.renameProvider, { prepareProvider: true });
  assert.deepEqual(caps.semanticTokensProvider, { legend: { tokenTypes: ['blueprintPlaceholder'], tokenModifiers: [] }, full: true });
});

test('completion at ## offers the missing sections; after **Author**: the configured author', async () => {
  const uri = 'file:///work/completion.md';
  const text = cut(ledger, '## Data Flow', '## State Management')
    .replace('## State Management', '## \n\n## State Management')
    .replace('**Author**: Ada Lovelace', '**Author**: ');
  await client.open(uri, text);
  const sections = itemsOf(
    await client.request('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(text, '## \n', 3),
      context: { triggerKind: 2, triggerCharacter: ' ' },
    }),
  );
  assert.deepEqual(
    sections.map((i) => i.label),
    ['Data Flow'],
  );
  assert.equal(sections[0]!.insertTextFormat, 2);
  assert.match(
    (sections[0]!.textEdit as TextEdit).newText,
    /^## Data Flow\n\n\*\*How data moves through the system\.\*\*\n\n### Input Sources\n\n- \*\*\$\{1:\[Source 1\]\}\*\*/,
  );
  const author = itemsOf(
    await client.request('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '**Author**: ', 12) }),
  );
  assert.deepEqual(
    author.map((i) => i.label),
    ['Grace Hopper'],
  );
});

test('completion in a CRLF blueprint: structures at a relationship end, with exact UTF-16 ranges', async () => {
  const uri = 'file:///work/completion-crlf.md';
  const text = ledger
    .replace('- **Payment** -> **settles** -> **Order**', '- **Payment** -> **精算 💳** -> **Ord**')
    .replace(/\n/g, '\r\n');
  await client.open(uri, text);
  const lines = text.split('\r\n');
  const line = lines.findIndex((l) => l.includes('精算'));
  const character = lines[line]!.indexOf('Ord**') + 3;
  const items = itemsOf(await client.request('textDocument/completion', { textDocument: { uri }, position: { line, character } }));
  assert.deepEqual(items.map((i) => i.label).slice(0, 3), ['Order', 'OrderLine', 'Customer']);
  assert.deepEqual((items[0]!.textEdit as TextEdit).range, { start: { line, character: character - 3 }, end: { line, character } });
});

test('quiet while drafting: every way the server writes a new blueprint opens with hints only, its footer one field per line', async () => {
  // New Data Blueprint, New Blueprint… and the Explorer's command: the text blueprint/newBlueprint returns.
  const created = await client.request<NewBlueprint>('blueprint/newBlueprint', { name: 'Order Ledger' });
  assert.ok(
    created.text.endsWith(
      '**Blueprint Status**: Draft\\\n**Last Updated**: ' + created.text.match(/\d{4}-\d{2}-\d{2}/)![0] + '\\\n**Author**: Grace Hopper\n',
    ),
  );
  // Insert Data Blueprint Template: the snippet blueprint/templateSnippet returns, each tab stop left as it is.
  const { snippet } = await client.request<{ snippet: string }>('blueprint/templateSnippet', {});
  // The whole template offered on the first line of an empty blueprint.
  const empty = 'file:///work/drafting/empty.blueprint.md';
  await client.open(empty, '');
  await client.diagnosticsFor(empty, 1);
  const [whole] = itemsOf(
    await client.request('textDocument/completion', { textDocument: { uri: empty }, position: { line: 0, character: 0 } }),
  );
  const completed = expandSnippet((whole!.textEdit as TextEdit).newText);
  const inserted = expandSnippet(snippet);

  for (const [name, text, placeholders] of [
    ['newBlueprint', created.text, 74],
    ['templateSnippet', inserted, 77],
    ['completion', completed, 75],
  ] as const) {
    const uri = `file:///work/drafting/${name}.md`;
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    assert.equal(diagnostics.length, placeholders, name);
    assert.deepEqual([...new Set(diagnostics.map((d) => `${String(d.code)} ${d.severity}`))], ['placeholder 4'], name);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  }
});

test('a quick fix received over the protocol fixes its diagnostic in the next version', async () => {
  const uri = 'file:///work/quick-fix.md';
  const text = cut(ledger, '## Data Flow', '## State Management').replace('**Blueprint Status**: Review', '**Blueprint Status**: Done');
  await client.open(uri, text, 1);
  const diagnostics = await client.diagnosticsFor(uri, 1);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['missing-section', 'invalid-status'],
  );
  const missing = diagnostics[0]!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: missing.range,
    context: { diagnostics: [missing], only: ['quickfix'] },
  });
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind, a.isPreferred]),
    [
      ["Add section 'Data Flow'", 'quickfix', true],
      ['Ignore this diagnostic on this line (missing-section)', 'quickfix', undefined],
    ],
  );
  const fixed = applyEdits(text, actions[0]!.edit!.changes![uri]!);
  await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const next = await client.diagnosticsFor(uri, 2);
  assert.ok(!next.some((d) => d.code === 'missing-section'));
  assert.deepEqual(
    next.filter((d) => d.code !== 'placeholder').map((d) => d.code),
    ['invalid-status'],
  );

  const status = next.find((d) => d.code === 'invalid-status') as Diagnostic;
  const statusFixes = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: status.range,
    context: { diagnostics: [status] },
  });
  assert.deepEqual(
    statusFixes.filter((a) => a.title.startsWith('Set ')).map((a) => a.title),
    ["Set Blueprint Status to 'Draft'", "Set Blueprint Status to 'Review'", "Set Blueprint Status to 'Approved'"],
  );
});

test('the source action adds every missing section and footer field; plain Markdown gets no action', async () => {
  const uri = 'file:///work/skeleton.blueprint.md';
  const purposeOnly =
    '# Data Blueprint: Payments\n\n## Purpose\n\n**What this data system manages and why it exists.**\n\nTakes payments.\n';
  await client.open(uri, purposeOnly);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source'] },
  });
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind]),
    [['Add all missing sections and footer fields', 'source.addMissingSections.blueprint']],
  );
  const completed = applyEdits(purposeOnly, actions[0]!.edit!.changes![uri]!);
  // The template's last section ends with its separator: the footer gets no second one.
  assert.equal(
    completed,
    purposeOnly +
      '\n' +
      writtenTemplateText.slice(writtenTemplateText.indexOf('## Data Model'), writtenTemplateText.indexOf('**Blueprint Status**')) +
      `**Blueprint Status**: [Draft/Review/Approved]\\\n**Last Updated**: ${today()}\\\n**Author**: Grace Hopper\n`,
  );
  const plain = 'file:///work/plain-notes.md';
  await client.open(plain, '# Notes\n\n## Purpose\n');
  assert.deepEqual(
    await client.request('textDocument/codeAction', {
      textDocument: { uri: plain },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    }),
    [],
  );
  assert.deepEqual(
    itemsOf(await client.request('textDocument/completion', { textDocument: { uri: plain }, position: { line: 2, character: 3 } })),
    [],
  );
});

test('definition, references, highlights and rename over the protocol', async () => {
  const uri = 'file:///work/navigation.md';
  await client.open(uri, ledger);
  const onMoney = positionOf(ledger, 'unitPrice: Money', 13);
  const definitions = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: onMoney });
  assert.deepEqual(definitions, [{ uri, range: { start: positionOf(ledger, 'Money = {'), end: positionOf(ledger, 'Money = {', 5) } }]);
  const refs = await client.request<Location[]>('textDocument/references', {
    textDocument: { uri },
    position: onMoney,
    context: { includeDeclaration: false },
  });
  assert.equal(refs.length, 2);
  const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', {
    textDocument: { uri },
    position: onMoney,
  });
  assert.deepEqual(
    highlights.map((h) => h.kind),
    [2, 2, 3],
  );
  const onCustomer = positionOf(ledger, '**Customer** → **places**', 4);
  const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
    textDocument: { uri },
    position: onCustomer,
  });
  assert.equal(prepared.placeholder, 'Customer');
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
    textDocument: { uri },
    position: onCustomer,
    newName: 'Buyer',
  });
  const renamed = applyEdits(ledger, edit.changes![uri]!);
  assert.equal(
    renamed,
    ledger
      .replace('  customer: Customer;', '  customer: Buyer;')
      .replace('interface Customer {', 'interface Buyer {')
      .replace('- **Customer** →', '- **Buyer** →'),
  );
  await assert.rejects(
    client.request('textDocument/rename', { textDocument: { uri }, position: onCustomer, newName: 'Two words' }),
    /not a valid structure name/,
  );
  await assert.rejects(
    client.request('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(ledger, 'empty ledger', 3) }),
    /can be renamed/,
  );
});

test('semantic tokens mark placeholders in blueprints only', async () => {
  const uri = 'file:///work/tokens.md';
  const text = ledger.replace('**Author**: Ada Lovelace', '**Author**: [Name]');
  await client.open(uri, text);
  const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  const line = text.split('\n').findIndex((l) => l.startsWith('**Author**'));
  assert.deepEqual(tokens.data, [line, 12, 6, 0, 0]);
  const plain = 'file:///work/plain-tokens.md';
  await client.open(plain, '# Notes\n\nSee [Owner] and [Date].\n');
  assert.deepEqual((await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: plain } })).data, []);
});
