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
  workbench,
  workspaceFile,
} from './helpers';

const draft = () => workspaceFile('ledger-draft.blueprint.md');
const notes = () => workspaceFile('notes.md');
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function completionsAt(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
  return list.items;
}

function flatten(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children)]);
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

  test('the Outline lists each heading once, from the Markdown extension, and the declared structures with their fields', async () => {
    await open(draft());
    const headings = readFileSync(draft().fsPath, 'utf8')
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) => line.replace(/^#+ /, ''));
    assert.equal(headings.length, 29);
    // Every provider's symbols, merged, as the Outline view, breadcrumbs and Go to Symbol get them: once the
    // Markdown extension's headings and the server's structures are both there.
    const symbols = await eventually('the headings and the declared structures', async () => {
      const found = await symbolsOf(draft());
      const names = flatten(found).map((s) => s.name);
      return names.includes('Order') && names.includes('# Data Blueprint: Order Ledger') ? found : undefined;
    });
    const all = flatten(symbols);
    // The Markdown extension names a heading with its hashes (`## Purpose`); the server would name it `Purpose`.
    const unhashed = all.map((s) => s.name.replace(/^#+ /, ''));
    for (const heading of headings) assert.equal(unhashed.filter((name) => name === heading).length, 1, `'${heading}' is listed once`);
    // The server's part: the structures in document order, each with its fields; no heading of its own.
    const structures = symbols.filter((s) => s.kind !== vscode.SymbolKind.String);
    assert.deepEqual(
      structures.map((s) => [s.name, vscode.SymbolKind[s.kind], s.children.map((f) => f.name)]),
      [
        ['Order', 'Interface', ['id', 'customerId', 'lines', 'totals', 'status']],
        ['OrderLine', 'Interface', ['sku', 'quantity', 'attributes']],
        ['Customer', 'Struct', ['id', 'email']],
        ['LedgerState', 'Interface', ['orders', 'pending']],
      ],
    );
    assert.deepEqual([structures[0]!.selectionRange.start.line, structures[0]!.selectionRange.start.character], [23, 10]);
    assert.deepEqual(
      all
        .filter((s) => [vscode.SymbolKind.File, vscode.SymbolKind.Module, vscode.SymbolKind.Namespace].includes(s.kind))
        .map((s) => s.name),
      [],
    );
    if (workbench) {
      // The cursor on a field of Order: the breadcrumbs show where it is.
      const editor = vscode.window.activeTextEditor!;
      editor.selection = new vscode.Selection(24, 4, 24, 4);
      await vscode.commands.executeCommand('outline.focus');
      // The folders' pane folded away, so that the Outline has the height of the side bar.
      await workbench.click('.pane-header:has-text("blueprints (Workspace)")');
      await workbench.screenshot('outline');
    }
  });

  // Only the code-server runner can read what the editor shows (Developer: Inspect Editor Tokens and Scopes).
  if (workbench) {
    const ui = workbench;
    /** What the token inspector shows for the first character of `text` on the line `line` (`selector` picks a part). */
    const inspect = async (editor: vscode.TextEditor, line: string, text: string, selector: string): Promise<string> => {
      const lineNumber = editor.document.getText().split('\n').indexOf(line);
      assert.ok(lineNumber >= 0, line);
      const position = new vscode.Position(lineNumber, line.indexOf(text));
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.inspectTMScopes');
      try {
        return await ui.text(`.token-inspect-widget ${selector}`);
      } finally {
        await vscode.commands.executeCommand('editor.action.inspectTMScopes');
      }
    };
    /** The TextMate scopes VS Code gives there, innermost first. */
    const scopesAt = async (editor: vscode.TextEditor, line: string, text: string): Promise<string[]> =>
      (await inspect(editor, line, text, '.tiw-metadata-scopes'))
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    const blueprintScopes = (scopes: string[]) => scopes.filter((s) => s.endsWith('.blueprint.markdown'));

    test('syntax colouring: VS Code gives a blueprint its scopes, and plain Markdown none', async () => {
      const blueprint = await open(draft());
      assert.deepEqual(blueprintScopes(await scopesAt(blueprint, '- **Order** → **contains** → **OrderLine**', '→')), [
        'keyword.operator.relationship.blueprint.markdown',
        'meta.document.blueprint.markdown',
      ]);
      assert.deepEqual(blueprintScopes(await scopesAt(blueprint, '# Data Blueprint: Order Ledger', 'Data')), [
        'entity.name.type.kind.blueprint.markdown',
        'meta.title.blueprint.markdown',
        'meta.document.blueprint.markdown',
      ]);
      assert.deepEqual(blueprintScopes(await scopesAt(blueprint, '**Last Updated**: 2026-11-20', 'Last')), [
        'entity.other.attribute-name.footer.blueprint.markdown',
        'meta.footer-field.blueprint.markdown',
        'meta.document.blueprint.markdown',
      ]);
      // Placeholders are coloured by the server's semantic tokens, with the theme's colour for the fallback scope.
      await eventually('the placeholder semantic token', async () =>
        /blueprintPlaceholder[\s\S]*variable\.other\.placeholder\.blueprint\.markdown/.test(
          await inspect(blueprint, '**Author**: [Name]', '[Name]', ''),
        )
          ? true
          : undefined,
      );
      await ui.screenshot('syntax-colouring-blueprint');

      // notes.md has a placeholder-like [Owner], a relationship bullet and a footer line, but no blueprint title.
      const plain = await open(notes());
      for (const [line, text] of [
        ['See [Owner] about the [Data System Name] and the [handbook](https://example.com/handbook).', 'Data System'],
        ['- **Order** → **contains** → **OrderLine**', '→'],
        ['**Blueprint Status**: [Draft/Review/Approved]', 'Blueprint'],
      ] as const) {
        const scopes = await scopesAt(plain, line, text);
        assert.ok(scopes.includes('text.html.markdown'), scopes.join(' '));
        assert.deepEqual(blueprintScopes(scopes), [], `${text} in ${line}`);
      }
      assert.doesNotMatch(await inspect(plain, '**Blueprint Status**: [Draft/Review/Approved]', '[Draft', ''), /blueprintPlaceholder/);
      await ui.screenshot('syntax-colouring-plain-markdown');
    });
  }

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
