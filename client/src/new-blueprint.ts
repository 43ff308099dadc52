import * as vscode from 'vscode';
import type { NewBlueprint } from '../../server/src/protocol';
import type { BlueprintServer } from './blueprint-server';

/**
 * New Data Blueprint: asks for the data system's name (Esc changes nothing) and opens the new blueprint
 * with its first placeholder selected. From the Explorer, on a folder, it creates
 * `<name-in-kebab-case>.blueprint.md` there, never overwriting a file. The text comes from the server.
 * Returns the new document's URI, or undefined when nothing was created.
 */
export async function newBlueprint(server: BlueprintServer, folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'New Data Blueprint',
    prompt: 'The name of the data system the blueprint describes',
    placeHolder: 'Order Ledger',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Give the data system a name, such as "Order Ledger".' : undefined),
  });
  if (name === undefined || name.trim() === '') return undefined;
  const target = folder ? { uri: folder.toString() } : {};
  const created = await server.newBlueprint({ name, ...target });
  if (!created) {
    void vscode.window.showErrorMessage('The language server has no Data Blueprint template.');
    return undefined;
  }
  const document = folder ? await createFile(folder, created) : await vscode.workspace.openTextDocument({ language: 'markdown', content: created.text });
  if (!document) return undefined;
  const editor = await vscode.window.showTextDocument(document);
  if (created.firstPlaceholder) {
    const range = server.asRange(created.firstPlaceholder);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return document.uri;
}

async function createFile(folder: vscode.Uri, created: NewBlueprint): Promise<vscode.TextDocument | undefined> {
  const file = vscode.Uri.joinPath(folder, created.fileName);
  if (await exists(file)) {
    void vscode.window.showWarningMessage(`${created.fileName} already exists in ${vscode.workspace.asRelativePath(folder)}; it was left as it is. Choose another name.`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(created.text));
  return vscode.workspace.openTextDocument(file);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Insert Data Blueprint Template: the template at the cursor as a snippet, Tab walking its placeholders. */
export async function insertTemplate(server: BlueprintServer): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Open a Markdown document to insert the Data Blueprint template into.');
    return false;
  }
  const template = await server.templateSnippet({});
  if (!template) {
    void vscode.window.showErrorMessage('The language server has no Data Blueprint template.');
    return false;
  }
  return editor.insertSnippet(new vscode.SnippetString(template.snippet));
}
