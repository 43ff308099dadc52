import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  api,
  blueprintDiagnostics,
  closeAllEditors,
  codeOf,
  diagnosticsWithCodes,
  eventually,
  open,
  openCopy,
  openUntitled,
  workspaceFile,
} from './helpers';

const draft = () => workspaceFile('ledger-draft.blueprint.md');
const notes = () => workspaceFile('notes.md');
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function completionsAt(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
  return list.items;
}

async function symbolsOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
}

suite('Language features in a real VS Code', () => {
  suiteSetup(async () => {
    await api();
  });
  teardown(closeAllEditors);

  test('completion at "## " offers the missing section as a snippet, and no section already there', async () => {
    const text = readFileSync(draft().fsPath, 'utf8').replace('## State Management', '## \n\n## State Management');
    const editor = await openUntitled(text);
    const line = editor.document.getText().split('\n').indexOf('## ');
    assert.ok(line > 0);
    const items = await completionsAt(editor.document.uri, new vscode.Position(line, 3), ' ');
    const labels = items.map(labelOf);
    assert.ok(labels.includes('Data Flow'), `completion offers: ${labels.join(', ')}`);
    for (const present of ['Purpose', 'Data Model', 'State Management', 'Monitoring Points'])
      assert.ok(!labels.includes(present), `${present} is already there`);
    const dataFlow = items.find((i) => labelOf(i) === 'Data Flow')!;
    assert.ok(dataFlow.insertText instanceof vscode.SnippetString);
    assert.match(dataFlow.insertText.value, /\*\*How data moves through the system\.\*\*/);
    assert.match(dataFlow.insertText.value, /\$\{1:\[Source 1\]\}/);
  });

  test('the outline has the title, the sections and the declared structures', async () => {
    await open(draft());
    const symbols = await eventually('the blueprint outline', async () => {
      const found = (await symbolsOf(draft())).find((s) => s.kind === vscode.SymbolKind.File);
      return found;
    });
    assert.equal(symbols.name, 'Data Blueprint: Order Ledger');
    assert.deepEqual(
      symbols.children.map((s) => s.name),
      [
        'Purpose',
        'Data Model',
        'State Management',
        'Data Validation',
        'Data Integrity',
        'Performance Characteristics',
        'Scaling Paths',
        'Monitoring Points',
      ],
    );
    const dataModel = symbols.children[1]!;
    assert.deepEqual(
      dataModel.children.map((s) => s.name),
      ['Core Data Structures', 'Related Data Structures', 'Data Relationships'],
    );
    const order = dataModel.children[0]!.children[0]!;
    assert.equal(order.name, 'Order');
    assert.equal(order.kind, vscode.SymbolKind.Interface);
    assert.deepEqual(
      order.children.map((f) => f.name),
      ['id', 'customerId', 'lines', 'totals', 'status'],
    );
    assert.deepEqual([order.selectionRange.start.line, order.selectionRange.start.character], [23, 10]);
  });

  test('the missing-section quick fix adds the section where the template puts it and clears the diagnostic', async () => {
    const editor = await openCopy('ledger-draft.blueprint.md');
    const document = editor.document;
    const before = document.getText();
    const [missing] = await diagnosticsWithCodes(document.uri, ['missing-section', 'placeholder', 'placeholder']).then((ds) =>
      ds.filter((d) => codeOf(d) === 'missing-section'),
    );
    assert.ok(missing);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === "Add section 'Data Flow'");
    assert.ok(fix, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

    const after = document.getText();
    const inserted = after.indexOf('## Data Flow\n');
    assert.ok(inserted > 0);
    assert.ok(inserted < after.indexOf('## State Management') && inserted > after.indexOf('## Data Model'));
    // Everything else is as it was: the text is the old one with the section inserted in one place.
    const added = after.length - before.length;
    assert.equal(after.slice(0, inserted), before.slice(0, inserted));
    assert.equal(after.slice(inserted + added), before.slice(inserted));
    assert.match(after.slice(inserted, inserted + added), /^## Data Flow\n\n\*\*How data moves through the system\.\*\*\n/);
    await eventually('the missing-section diagnostic to go', () => {
      const codes = blueprintDiagnostics(document.uri).map(codeOf);
      return !codes.includes('missing-section') && codes.filter((c) => c === 'placeholder').length > 2 ? codes : undefined;
    });
  });

  test('plain Markdown gets nothing from the server', async () => {
    const plain = await open(notes());
    await open(draft());
    // The server answers in order: once the blueprint opened after the notes has diagnostics, the notes were handled.
    await diagnosticsWithCodes(draft(), ['missing-section', 'placeholder', 'placeholder']);
    const uri = plain.document.uri;
    assert.deepEqual(blueprintDiagnostics(uri), []);
    const ours = (await symbolsOf(uri)).filter((s) => s.kind !== vscode.SymbolKind.String);
    assert.deepEqual(
      ours.map((s) => s.name),
      [],
    );
    const atHeading = await completionsAt(uri, new vscode.Position(2, 3), ' ');
    assert.deepEqual(
      atHeading.map(labelOf).filter((l) => ['Data Model', 'Data Flow'].includes(l)),
      [],
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(0, 0, 8, 0),
    );
    assert.deepEqual(
      actions.map((a) => a.title).filter((t) => /section|placeholder|Blueprint|Set /i.test(t)),
      [],
    );
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 6));
    assert.deepEqual(
      hover
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .filter((v) => /placeholder/i.test(v)),
      [],
    );
  });

  test('Markdown keeps working on a blueprint: folding, links and the preview', async () => {
    const editor = await open(draft());
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', editor.document.uri);
    assert.ok(
      folds.some((f) => f.start === 2),
      'the Markdown extension folds the Purpose section',
    );
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    assert.ok(
      links.some((l) => l.target?.toString().startsWith('https://example.com/finance')),
      'the Markdown extension finds links',
    );
    await vscode.commands.executeCommand('markdown.showPreview', editor.document.uri);
    await eventually('the Markdown preview', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)),
    );
  });
});
