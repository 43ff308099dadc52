import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, eventually, openCopy, workbench } from './helpers';

suite('Diagrams', () => {
  teardown(closeAllEditors);

  test('Show Data Model opens a view beside the editor drawing one node per structure, redrawn after an edit', async function () {
    const { dataModelView } = await api();
    const editor = await openCopy('ledger-draft.blueprint.md');
    await vscode.commands.executeCommand('blueprint.showDataModel');
    assert.ok(dataModelView.isOpen);
    // ledger-draft declares Order, OrderLine, Customer and LedgerState.
    await eventually(`the view to draw 4 structures (it drew ${dataModelView.renderedNodes})`, () =>
      dataModelView.renderedNodes === 4 ? true : undefined,
    );
    if (workbench) {
      const names = await workbench.frameElements('g.node[data-structure] .label-group', 4);
      assert.deepEqual(names.map((n) => n.trim()).sort(), ['Customer', 'LedgerState', 'Order', 'OrderLine']);
      await workbench.screenshot('data-model-view');
    }
    const at = editor.document.getText().indexOf('```typescript\ninterface OrderLine');
    assert.ok(at >= 0);
    await editor.edit((edit) =>
      edit.insert(editor.document.positionAt(at), '```typescript\ninterface Shipment {\n  carrier: string;\n  order: Order;\n}\n```\n\n'),
    );
    await eventually(`the view to draw 5 structures after the edit (it draws ${dataModelView.renderedNodes})`, () =>
      dataModelView.renderedNodes === 5 ? true : undefined,
    );
    if (workbench) {
      const names = await workbench.frameElements('g.node[data-structure] .label-group', 5);
      assert.deepEqual(names.map((n) => n.trim()).sort(), ['Customer', 'LedgerState', 'Order', 'OrderLine', 'Shipment']);
      await workbench.screenshot('data-model-view-after-edit');
    }
    this.timeout(60_000);
  });

  test("the Markdown preview marks a blueprint's placeholders and hands its mermaid blocks to the preview script", async function () {
    this.timeout(120_000);
    const { statusBar } = await api();
    const editor = await openCopy('ledger-draft.blueprint.md');
    await eventually('the status bar to show the blueprint', () => (statusBar.visible ? true : undefined));
    const at = editor.document.getText().indexOf('## State Management');
    assert.ok(at > 0);
    const block = '```mermaid\nclassDiagram\n  class Order\n  class OrderLine\n  Order --> OrderLine : lines\n```\n\n';
    await editor.edit((edit) => edit.insert(editor.document.positionAt(at), block));
    await vscode.commands.executeCommand('markdown.showPreviewToSide');
    if (!workbench) return;
    const marks = await workbench.frameElements('span.blueprint-placeholder');
    assert.ok(marks.includes('[Name]'), `placeholders marked: ${marks.join(', ')}`);
    // The block is handed to the preview script to draw (drawing it is not waited for here: see the README).
    const blocks = await workbench.frameElements('div.blueprint-mermaid', 1);
    assert.match(blocks[0] ?? '', /classDiagram|Order/);
    await workbench.screenshot('markdown-preview');
  });
});
