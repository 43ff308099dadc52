import * as vscode from 'vscode';
import type { BlueprintServer } from './blueprint-server';
import { placeholderFrom, type Direction } from './placeholder-order';

/**
 * Selects the next (or previous) placeholder of the active blueprint, as the server finds them. Says so
 * when there is none, or when the document is not a blueprint.
 */
export async function goToPlaceholder(server: BlueprintServer, direction: Direction): Promise<vscode.Range | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const status = await server.status(editor.document);
  if (!status) {
    void vscode.window.showInformationMessage('This document is not a blueprint, so it has no placeholders to go to.');
    return undefined;
  }
  if (status.tooLarge) {
    void vscode.window.showInformationMessage(
      'This blueprint is larger than blueprint.maxDocumentSize, so its placeholders are not looked for.',
    );
    return undefined;
  }
  const target = placeholderFrom(status.placeholders, editor.selection.start, direction);
  if (!target) {
    void vscode.window.showInformationMessage('No placeholders left in this blueprint.');
    return undefined;
  }
  const range = server.asRange(target);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return range;
}
