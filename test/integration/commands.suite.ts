import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  answering,
  api,
  blueprintDiagnostics,
  closeAllEditors,
  codeOf,
  eventually,
  extension,
  open,
  openUntitled,
  today,
  workbench,
  workspaceFile,
} from './helpers';

const FIRST_PLACEHOLDER = "[Describe the data system's purpose, what data it manages, and why it's needed.]";

function selectedText(editor: vscode.TextEditor): string {
  return editor.document.getText(editor.selection);
}

async function setAuthor(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('blueprint').update('author', value, vscode.ConfigurationTarget.Global);
  // The client tells the server when the extension host sees the change.
  await eventually(`blueprint.author to be '${value ?? ''}'`, () =>
    vscode.workspace.getConfiguration('blueprint').get('author') === (value ?? '') ? true : undefined,
  );
}

suite('Commands', () => {
  suiteSetup(async () => {
    await api();
  });
  teardown(closeAllEditors);
  suiteTeardown(() => setAuthor(undefined));

  test('New Data Blueprint asks for the name and opens the filled-in template, named <name>.blueprint.md, with the first placeholder selected', async () => {
    await setAuthor('Ada Lovelace');
    const uri = await answering(
      'showInputBox',
      () => 'Order Ledger',
      async (calls) => {
        const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('blueprint.newDataBlueprint');
        assert.equal(calls.length, 1);
        const options = calls[0]![0] as vscode.InputBoxOptions;
        assert.equal(options.title, 'New Data Blueprint');
        assert.equal(await options.validateInput?.('  '), 'Give the blueprint a name, such as "Order Ledger".');
        assert.equal(await options.validateInput?.('Payments Ledger'), undefined);
        return created;
      },
    );
    assert.ok(uri);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    // Unsaved, and associated with the file the first save writes: in the first workspace folder.
    assert.equal(editor.document.isUntitled, true);
    assert.equal(uri.toString(), workspaceFile('order-ledger.blueprint.md').with({ scheme: 'untitled' }).toString());
    assert.equal(editor.document.languageId, 'markdown');
    const text = editor.document.getText();
    assert.ok(text.startsWith('# Data Blueprint: Order Ledger\n\n## Purpose\n'));
    // A Draft, its footer lines but the last ending with a hard break so that it renders one field per line.
    assert.ok(text.endsWith(`**Blueprint Status**: Draft\\\n**Last Updated**: ${today()}\\\n**Author**: Ada Lovelace\n`));
    assert.equal(selectedText(editor), FIRST_PLACEHOLDER);
    // The new blueprint is checked like any other: only its placeholders are left, hints while it is a Draft.
    const found = await eventually('diagnostics for the new blueprint', () => {
      const diagnostics = blueprintDiagnostics(uri);
      return diagnostics.length > 0 ? diagnostics : undefined;
    });
    assert.ok(
      found.every((d) => codeOf(d) === 'placeholder' && d.severity === vscode.DiagnosticSeverity.Hint),
      found.map((d) => `${codeOf(d)} ${d.severity}`).join(', '),
    );
    await workbench?.screenshot('new-data-blueprint');
  });

  test('the first save of a new blueprint writes <name>.blueprint.md in the first workspace folder, with no dialog', async () => {
    const file = workspaceFile('stock-levels.blueprint.md');
    assert.equal(existsSync(file.fsPath), false);
    try {
      await answering(
        'showInputBox',
        () => 'Stock Levels',
        () => vscode.commands.executeCommand('blueprint.newDataBlueprint'),
      );
      const document = vscode.window.activeTextEditor!.document;
      const text = document.getText();
      // As Ctrl+S saves it: VS Code writes the file and the editor shows it in place of the unsaved one.
      await vscode.commands.executeCommand('workbench.action.files.save');
      await eventually('the editor to show the saved file', () =>
        vscode.window.activeTextEditor?.document.uri.toString() === file.toString() ? true : undefined,
      );
      assert.equal(readFileSync(file.fsPath, 'utf8'), text);
      assert.equal(document.isClosed || !vscode.workspace.textDocuments.includes(document), true);
    } finally {
      await closeAllEditors();
      rmSync(file.fsPath, { force: true });
    }
  });

  test('without blueprint.author the Author is the operating system user', async () => {
    await setAuthor('');
    await answering(
      'showInputBox',
      () => 'Warehouse Stock',
      () => vscode.commands.executeCommand('blueprint.newDataBlueprint'),
    );
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.ok(text.endsWith(`**Author**: ${userInfo().username}\n`), text.slice(-80));
  });

  test('Esc in the name box changes nothing', async () => {
    const editor = await open(workspaceFile('notes.md'));
    const documents = vscode.workspace.textDocuments.length;
    const created = await answering(
      'showInputBox',
      () => undefined,
      () => vscode.commands.executeCommand('blueprint.newDataBlueprint'),
    );
    assert.equal(created, undefined);
    assert.equal(vscode.window.activeTextEditor, editor);
    assert.equal(vscode.workspace.textDocuments.length, documents);
    assert.equal(editor.document.isDirty, false);
  });

  test('on an Explorer folder it creates <name>.blueprint.md there, and never overwrites one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'blueprint-explorer-'));
    try {
      const created = await answering(
        'showInputBox',
        () => 'Order Ledger (EU)',
        () => vscode.commands.executeCommand<vscode.Uri | undefined>('blueprint.newDataBlueprint', vscode.Uri.file(folder)),
      );
      const file = join(folder, 'order-ledger-eu.blueprint.md');
      assert.equal(created?.fsPath, file);
      assert.ok(readFileSync(file, 'utf8').startsWith('# Data Blueprint: Order Ledger (EU)\n'));
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.fsPath, file);
      assert.equal(selectedText(editor), FIRST_PLACEHOLDER);

      // A file that appears once the name was accepted is left as it is too.
      writeFileSync(file, 'kept as it is\n');
      const again = await answering(
        'showWarningMessage',
        () => undefined,
        (warnings) =>
          answering(
            'showInputBox',
            () => 'Order Ledger (EU)',
            async () => {
              const result = await vscode.commands.executeCommand('blueprint.newDataBlueprint', vscode.Uri.file(folder));
              assert.deepEqual(
                warnings.map((w) => w[0]),
                ['order-ledger-eu.blueprint.md already exists in this folder. It was left as it is: choose another name.'],
              );
              return result;
            },
          ),
      );
      assert.equal(again, undefined);
      assert.equal(readFileSync(file, 'utf8'), 'kept as it is\n');
    } finally {
      await closeAllEditors();
      rmSync(folder, { recursive: true, force: true });
      assert.equal(existsSync(folder), false);
    }
  });

  test('a name whose file exists is refused in the input box, the file named as the workspace names it', async () => {
    /** The validation the command gives its input box, for a new blueprint in `folder` (from the palette when undefined). */
    const validationFor = (folder?: vscode.Uri) =>
      answering(
        'showInputBox',
        () => undefined,
        async (calls) => {
          assert.equal(await vscode.commands.executeCommand('blueprint.newDataBlueprint', ...(folder ? [folder] : [])), undefined);
          const options = calls[0]![0] as vscode.InputBoxOptions;
          return async (name: string) => options.validateInput!(name);
        },
      );
    const [first, team] = vscode.workspace.workspaceFolders!;
    const inFirstFolder = await validationFor(first!.uri);
    // test/integration/workspace/ledger-draft.blueprint.md exists.
    assert.equal(await inFirstFolder('Ledger Draft'), 'workspace/ledger-draft.blueprint.md already exists. Choose another name.');
    assert.equal(await inFirstFolder('Ledger Draft 2'), undefined);
    assert.equal(await inFirstFolder(' '), 'Give the blueprint a name, such as "Order Ledger".');
    // From the palette the blueprint goes to the first workspace folder.
    assert.equal(await (await validationFor())('ledger draft'), 'workspace/ledger-draft.blueprint.md already exists. Choose another name.');
    assert.equal(
      await (
        await validationFor(team!.uri)
      )('Ledger Draft'),
      'team-folder/ledger-draft.blueprint.md already exists. Choose another name.',
    );

    const outside = mkdtempSync(join(tmpdir(), 'blueprint-explorer-'));
    try {
      writeFileSync(join(outside, 'ledger-draft.blueprint.md'), 'kept as it is\n');
      const message = await (await validationFor(vscode.Uri.file(outside)))('Ledger Draft');
      assert.equal(message, 'ledger-draft.blueprint.md already exists in this folder. Choose another name.');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }

    // An unsaved new blueprint of that name is taken too.
    await answering(
      'showInputBox',
      () => 'Order Ledger',
      () => vscode.commands.executeCommand('blueprint.newDataBlueprint'),
    );
    assert.equal(
      await (
        await validationFor()
      )('Order Ledger'),
      'workspace/order-ledger.blueprint.md is already open in an unsaved editor. Choose another name.',
    );
  });

  // Only the code-server runner can drive the workbench's own input box (there is no API to type into it).
  if (workbench) {
    const ui = workbench;
    test('in the real input box a taken name stays, with the reason under it, and Enter does not accept it', async () => {
      const file = workspaceFile('ledger-draft.blueprint.md');
      const before = readFileSync(file.fsPath, 'utf8');
      const running = vscode.commands.executeCommand<vscode.Uri | undefined>(
        'blueprint.newDataBlueprint',
        vscode.workspace.workspaceFolders![0]!.uri,
      );
      await ui.fillQuickInput('Ledger Draft');
      const refused = await eventually('the reason under the name', async () => {
        const state = await ui.quickInput();
        return state.error ? state : undefined;
      });
      assert.deepEqual(refused, {
        visible: true,
        value: 'Ledger Draft',
        message: 'workspace/ledger-draft.blueprint.md already exists. Choose another name.',
        error: true,
      });
      await ui.screenshot('new-data-blueprint-taken-name');
      await ui.press('Enter');
      assert.deepEqual(await ui.quickInput(), refused);
      await ui.fillQuickInput('Ledger Draft 2');
      await eventually('the reason to go once the name is free', async () => ((await ui.quickInput()).error ? undefined : true));
      await ui.press('Escape');
      assert.equal(await running, undefined);
      assert.equal(readFileSync(file.fsPath, 'utf8'), before);
    });
  }

  test('New Blueprint… offers every template, built-in first, and creates one of the kind picked', async () => {
    await setAuthor('Ada Lovelace');
    const uri = await answering(
      'showQuickPick',
      (items) => (items as Array<{ label: string }>).find((i) => i.label === 'API Blueprint'),
      (picks) =>
        answering(
          'showInputBox',
          () => 'Payments API',
          async () => {
            const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('blueprint.newBlueprint');
            const items = picks[0]![0] as Array<{ label: string; detail: string }>;
            assert.deepEqual(
              items.map((i) => [i.label, i.detail]),
              [
                ['Data Blueprint', 'Data Blueprint: [Data System Name]'],
                ['API Blueprint', 'API Blueprint: [API Name]'],
              ],
            );
            return created;
          },
        ),
    );
    assert.ok(uri);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(
      editor.document.getText(),
      `# API Blueprint: Payments API\n\n## Endpoints\n\n**What the API offers.**\n\n[Describe each endpoint.]\n\n---\n\n**Blueprint Status**: Draft\\\n**Last Updated**: ${today()}\\\n**Author**: Ada Lovelace\n`,
    );
    assert.equal(selectedText(editor), '[Describe each endpoint.]');
  });

  test('Insert Data Blueprint Template inserts the template as a snippet, a Draft with a hard break ending each footer line but the last; Tab walks its placeholders', async () => {
    const editor = await openUntitled('');
    assert.equal(await vscode.commands.executeCommand('blueprint.insertTemplate'), true);
    const template = readFileSync(join(extension().extensionPath, 'templates', 'data-blueprint.md'), 'utf8');
    // As every text written from the template: a blank line after each heading, as markdownlint wants.
    assert.equal(
      editor.document.getText(),
      template
        .replace(/^(#{1,6} .*)\n(?=[^\n])/gm, '$1\n\n')
        .replace(/\s*$/, '\n')
        .replace(
          '**Blueprint Status**: [Draft/Review/Approved]\n**Last Updated**: [Date]\n',
          '**Blueprint Status**: Draft\\\n**Last Updated**: [Date]\\\n',
        ),
    );
    assert.equal(selectedText(editor), '[Data System Name]');
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    assert.equal(selectedText(editor), FIRST_PLACEHOLDER);
  });

  test('Go to Next / Previous Placeholder select the placeholders the server finds, wrapping around', async () => {
    const editor = await open(workspaceFile('ledger-draft.blueprint.md'));
    await eventually('diagnostics for the draft', () => (blueprintDiagnostics(editor.document.uri).length === 3 ? true : undefined));
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const where = () => [editor.selection.start.line, editor.selection.start.character, selectedText(editor)];
    await vscode.commands.executeCommand('blueprint.nextPlaceholder');
    assert.deepEqual(where(), [76, 22, '[How data is stored]']);
    await vscode.commands.executeCommand('blueprint.nextPlaceholder');
    assert.deepEqual(where(), [173, 12, '[Name]']);
    await vscode.commands.executeCommand('blueprint.nextPlaceholder');
    assert.deepEqual(where(), [76, 22, '[How data is stored]']);
    await vscode.commands.executeCommand('blueprint.previousPlaceholder');
    assert.deepEqual(where(), [173, 12, '[Name]']);
    await vscode.commands.executeCommand('blueprint.previousPlaceholder');
    assert.deepEqual(where(), [76, 22, '[How data is stored]']);
  });

  test('in plain Markdown the placeholder commands say it is not a blueprint and move nothing', async () => {
    const editor = await open(workspaceFile('notes.md'));
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await answering(
      'showInformationMessage',
      () => undefined,
      async (messages) => {
        await vscode.commands.executeCommand('blueprint.nextPlaceholder');
        assert.equal(messages.length, 1);
        assert.match(String(messages[0]![0]), /not a blueprint/);
      },
    );
    assert.ok(editor.selection.isEmpty && editor.selection.start.line === 0);
  });

  test('Restart Language Server brings the server back', async () => {
    const exports = await api();
    await vscode.commands.executeCommand('blueprint.restartServer');
    await exports.ready;
    assert.equal(exports.client.isRunning(), true);
    const editor = await open(workspaceFile('ledger-draft.blueprint.md'));
    await vscode.commands.executeCommand('blueprint.nextPlaceholder');
    assert.equal(selectedText(editor).startsWith('['), true);
  });
});
