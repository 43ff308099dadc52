import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, closeAllEditors, eventually, workbench, workspaceFile } from './helpers';

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

/** What the Blueprints view shows: each group with its blueprints' labels and descriptions. */
async function shownTree(): Promise<string[]> {
  const { blueprintsView } = await api();
  const lines: string[] = [];
  for (const group of await blueprintsView.getChildren()) {
    const groupItem = blueprintsView.getTreeItem(group);
    lines.push(`${labelOf(groupItem)} (${String(groupItem.description)})`);
    for (const child of await blueprintsView.getChildren(group)) {
      const item = blueprintsView.getTreeItem(child);
      lines.push(`  ${labelOf(item)}: ${String(item.description)} [${(item.iconPath as vscode.ThemeIcon).id}]`);
    }
  }
  return lines;
}

suite('Blueprints view', () => {
  const added = workspaceFile('view-test.blueprint.md');
  teardown(async () => {
    rmSync(added.fsPath, { force: true });
    await closeAllEditors();
  });

  test('lists every blueprint of the workspace, open or not, grouped by status, and refreshes when a file changes on disk', async () => {
    // Both folders' ledger-draft.blueprint.md, in Review; notes.md is no blueprint.
    const before = await eventually('the view to list the workspace blueprints', async () => {
      const tree = await shownTree();
      // Other suites may leave blueprints of their own open (new ones, in other groups): the Review group is the workspace's.
      const review = tree.indexOf('Review (2)');
      return review >= 0 ? tree.slice(review, review + 3) : undefined;
    });
    // The team folder's settings turn placeholders off and make a missing section an error.
    assert.deepEqual(before.slice(0, 1), ['Review (2)']);
    assert.deepEqual(before.slice(1).sort(), [
      '  ledger-draft.blueprint.md: 8/9 sections · 2 placeholders · 1 error [error]',
      '  ledger-draft.blueprint.md: 8/9 sections · 2 placeholders · 3 warnings [circle-large-filled]',
    ]);

    // A new blueprint written outside the editor, Approved: the view shows it without being asked.
    const approved = readFileSync(workspaceFile('ledger-draft.blueprint.md').fsPath, 'utf8').replace(
      /\*\*Blueprint Status\*\*: \w+/,
      '**Blueprint Status**: Approved',
    );
    writeFileSync(added.fsPath, approved);
    const tree = await eventually('the view to show the new blueprint', async () => {
      const lines = await shownTree();
      return lines.some((line) => line.startsWith('Approved')) ? lines : undefined;
    });
    assert.ok(tree.includes('Approved (1)'), tree.join('\n'));
    assert.ok(
      tree.some((line) => line.startsWith('  view-test.blueprint.md: 8/9 sections · 2 placeholders · 3 errors')),
      tree.join('\n'),
    );

    if (workbench) {
      // The folders' tree collapsed, so that the Blueprints view has the Explorer's height.
      await vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders');
      await vscode.commands.executeCommand('workbench.explorer.fileView.toggleVisibility');
      await vscode.commands.executeCommand('blueprint.blueprints.focus');
      await workbench.text('text=view-test.blueprint.md >> nth=-1');
      await workbench.screenshot('blueprints-view');
    }
  });

  test('clicking a blueprint opens it; "Go to Next Placeholder" selects its first placeholder', async () => {
    const { blueprintsView } = await api();
    const [group] = await blueprintsView.getChildren();
    assert.ok(group);
    const [entry] = await blueprintsView.getChildren(group);
    assert.ok(entry);
    const item = blueprintsView.getTreeItem(entry);
    await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), item.resourceUri?.toString());
    await vscode.commands.executeCommand('blueprint.view.nextPlaceholder', entry);
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.getText(editor.selection), /^\[[^\]]+\]$/);
  });
});
