import * as vscode from 'vscode';
import type { NewBlueprint, TemplateSummary } from '../../server/src/protocol';
import type { BlueprintServer } from './blueprint-server';

/**
 * New Data Blueprint (or, given a template, a new blueprint of its kind): asks for the name (Esc changes
 * nothing) and opens the new blueprint with its first placeholder selected. From the Explorer, on a folder,
 * it creates `<name-in-kebab-case>.blueprint.md` there, never overwriting a file; from anywhere else it opens
 * an unsaved editor for `<name-in-kebab-case>.blueprint.md` in the first workspace folder, where the first
 * save puts it (a window with no folder gets a plain unsaved editor). A name whose file exists keeps the
 * input box open with the reason. The text and the file name come from the server. Returns the new
 * document's URI, or undefined when nothing was created.
 */
export async function newBlueprint(
  server: BlueprintServer,
  folder?: vscode.Uri,
  template?: TemplateSummary,
): Promise<vscode.Uri | undefined> {
  const destination = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const kind = template?.id;
  const name = await vscode.window.showInputBox({
    title: template ? `New ${template.kind}` : 'New Data Blueprint',
    prompt: template ? `The name to put in its title, ${template.title}` : 'The name of the data system the blueprint describes',
    placeHolder: 'Order Ledger',
    ignoreFocusOut: true,
    validateInput: (value) => nameProblem(server, value, destination, kind),
  });
  if (name === undefined || name.trim() === '') return undefined;
  const created = await server.newBlueprint({ name, ...(kind ? { kind } : {}), ...(destination ? { uri: destination.toString() } : {}) });
  if (!created) {
    void vscode.window.showErrorMessage(`The language server has no ${template?.kind ?? 'Data Blueprint'} template.`);
    return undefined;
  }
  const document = folder
    ? await createFile(vscode.Uri.joinPath(folder, created.fileName), created)
    : destination
      ? await openUnsaved(vscode.Uri.joinPath(destination, created.fileName), created)
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

/**
 * Why a new blueprint cannot be called `name` in `folder`, as the input box shows it under the name;
 * undefined when it can. The file name is the one the server gives the blueprint; the file is named
 * relative to the workspace, never by its absolute path. Without a folder only an empty name is refused.
 */
async function nameProblem(
  server: BlueprintServer,
  name: string,
  folder: vscode.Uri | undefined,
  kind?: string,
): Promise<string | undefined> {
  if (name.trim() === '') return 'Give the blueprint a name, such as "Order Ledger".';
  if (!folder) return undefined;
  let fileName: string | undefined;
  try {
    fileName = (await server.newBlueprint({ name, ...(kind ? { kind } : {}) }))?.fileName;
  } catch {
    return undefined; // the server is restarting: the file is looked for again before anything is written
  }
  if (!fileName) return undefined;
  const file = vscode.Uri.joinPath(folder, fileName);
  if (await exists(file)) return `${alreadyExists(file)} Choose another name.`;
  if (unsavedEditorFor(file)) return `${shown(file)} is already open in an unsaved editor. Choose another name.`;
  return undefined;
}

/** A file as the workspace names it (`docs/order-ledger.blueprint.md`); outside the workspace, its name alone. */
function shown(file: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(file)
    ? vscode.workspace.asRelativePath(file)
    : file.path.slice(file.path.lastIndexOf('/') + 1);
}

function alreadyExists(file: vscode.Uri): string {
  return `${shown(file)} already exists${vscode.workspace.getWorkspaceFolder(file) ? '' : ' in this folder'}.`;
}

async function createFile(file: vscode.Uri, created: NewBlueprint): Promise<vscode.TextDocument | undefined> {
  // The name was checked in the input box; a file may have appeared since.
  if (await exists(file)) {
    void vscode.window.showWarningMessage(`${alreadyExists(file)} It was left as it is: choose another name.`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(created.text));
  return vscode.workspace.openTextDocument(file);
}

/**
 * An unsaved editor whose document is associated with `file`: named after it, and saved there by the
 * first save (VS Code asks before replacing a file that appeared in the meantime).
 */
async function openUnsaved(file: vscode.Uri, created: NewBlueprint): Promise<vscode.TextDocument | undefined> {
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(file.with({ scheme: 'untitled' }));
  } catch {
    // VS Code refuses an unsaved editor for a file that exists: it appeared after the name was checked.
    void vscode.window.showWarningMessage(`${alreadyExists(file)} It was left as it is: choose another name.`);
    return undefined;
  }
  if (document.getText() !== '') {
    void vscode.window.showWarningMessage(`${shown(file)} is already open in an unsaved editor. Choose another name.`);
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(0, 0), created.text);
  return (await vscode.workspace.applyEdit(edit)) ? document : undefined;
}

function unsavedEditorFor(file: vscode.Uri): vscode.TextDocument | undefined {
  const untitled = file.with({ scheme: 'untitled' }).toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === untitled);
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
