import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, blueprintDiagnostics, closeAllEditors, eventually, extension, open, openCopy, openUntitled, workspaceFile } from './helpers';

suite('Status bar', () => {
  teardown(closeAllEditors);

  async function statusText(expected: string): Promise<void> {
    const { statusBar } = await api();
    await eventually(
      `the status bar to read '${expected}' (it reads '${statusBar.text}', ${statusBar.visible ? 'shown' : 'hidden'})`,
      () => (statusBar.visible && statusBar.text === expected ? true : undefined),
    );
  }

  test('shows how complete the active blueprint is and follows its edits', async () => {
    const { statusBar } = await api();
    const editor = await openCopy('ledger-draft.blueprint.md');
    await statusText('$(checklist) 8/9 sections · 2 placeholders');
    assert.equal(statusBar.tooltip, 'Data Blueprint: 8 of 9 sections present, 2 placeholders left. Click to go to the next placeholder.');
    assert.equal(statusBar.command, 'blueprint.nextPlaceholder');

    const name = await eventually('the [Name] diagnostic', () =>
      blueprintDiagnostics(editor.document.uri).find((d) => d.message.includes('[Name]')),
    );
    await editor.edit((edit) => edit.replace(name.range, 'Grace Hopper'));
    await statusText('$(checklist) 8/9 sections · 1 placeholder');
  });

  test('clicking it goes to the next placeholder', async () => {
    const { statusBar } = await api();
    const editor = await open(workspaceFile('ledger-draft.blueprint.md'));
    await statusText('$(checklist) 8/9 sections · 2 placeholders');
    editor.selection = new vscode.Selection(100, 0, 100, 0);
    await vscode.commands.executeCommand(statusBar.command!);
    assert.equal(editor.document.getText(editor.selection), '[Name]');
  });

  test('a finished blueprint reads complete', async () => {
    const filled = readFileSync(join(extension().extensionPath, 'test', 'fixtures', 'order-ledger.md'), 'utf8');
    await openUntitled(filled);
    await statusText('$(pass) 9/9 sections · no placeholders');
  });

  test('hidden for plain Markdown and for other files', async () => {
    const { statusBar } = await api();
    await open(workspaceFile('ledger-draft.blueprint.md'));
    await statusText('$(checklist) 8/9 sections · 2 placeholders');
    await open(workspaceFile('notes.md'));
    await eventually('the status bar to hide for notes.md', () => (statusBar.visible ? undefined : true));
    await open(workspaceFile('ledger-draft.blueprint.md'));
    await statusText('$(checklist) 8/9 sections · 2 placeholders');
    const plainText = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '# Data Blueprint: [Data System Name]\n' });
    await vscode.window.showTextDocument(plainText);
    await eventually('the status bar to hide for a plain text file', () => (statusBar.visible ? undefined : true));
  });
});
