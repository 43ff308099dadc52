import * as vscode from 'vscode';
import type { NewBlueprint, TemplateSummary } from '../../server/src/protocol';
import type { BlueprintServer } from './blueprint-server';

/**
 * New Data Blueprint (or, given a template, a new blueprint of its kind): asks for the name (Esc changes
 * nothing) and opens the new blueprint with its first placeholder selected. From the Explorer, on a folder,
 * it creates `<name-in-kebab-case>.blueprint.md` there, never overwriting a file. The text comes from the
 * server. Returns the new document's URI, or undefined when nothing was created.
 */
export async function newBlueprint(
  server: BlueprintServer,
  folder?: vscode.Uri,
  template?: TemplateSummary,
): Promise<vscode.Uri | undefined> {
  const name = await vscode.window.showInputBox({
    title: template ? `New ${template.kind}` : 'New Data Blueprint',
    prompt: template ? `The name to put in its title, ${template.title}` : 'The name of the data system the blueprint describes',
    placeHolder: 'Order Ledger',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'Give the blueprint a name, such as "Order Ledger".' : undefined),
  });
  if (name === undefined || name.trim() === '') return undefined;
  const created = await server.newBlueprint({
    name,
    ...(template ? { kind: template.id } : {}),
    ...(folder ? { uri: folder.toString() } : {}),
  });
  if (!created) {
    void vscode.window.showErrorMessage(`The language server has no ${template?.kind ?? 'Data Blueprint'} template.`);
    return undefined;
  }
  const document = folder
    ? await createFile(folder, created)
    : await vscode.workspace.openTextDocument({ language: 'markdown', content: created.text });
  if (!document) return undefined;
  const editor = await vscode.window.showTextDocument(document);
  if (created.firstPlaceholder) {
    const range = server.asRange(created.firstPlaceholder);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return document.uri;
}

/** New Blueprint…: a quick pick of every template (built-in first, then the workspace's), then as above. */
export async function newBlueprintOfAnyKind(server: BlueprintServer, folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const templates = await server.templates();
  const picked = await vscode.window.showQuickPick(
    templates.map((template) => ({
      label: template.kind,
      description: template.builtin ? 'built-in' : 'workspace template',
      detail: template.title,
      template,
    })),
    { title: 'New Blueprint', placeHolder: 'Which kind of blueprint?' },
  );
  return picked ? newBlueprint(server, folder, picked.template) : undefined;
}

async function createFile(folder: vscode.Uri, created: NewBlueprint): Promise<vscode.TextDocument | undefined> {
  const file = vscode.Uri.joinPath(folder, created.fileName);
  if (await exists(file)) {
    void vscode.window.showWarningMessage(
      `${created.fileName} already exists in ${vscode.workspace.asRelativePath(folder)}; it was left as it is. Choose another name.`,
    );
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
