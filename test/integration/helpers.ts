import assert from 'node:assert/strict';
import { existsSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { BlueprintExtensionApi } from '../../client/src/extension';

export const EXTENSION_ID = 'blueprint-authoring.blueprint-authoring';

export function extension(): vscode.Extension<BlueprintExtensionApi> {
  const found = vscode.extensions.getExtension<BlueprintExtensionApi>(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not loaded`);
  return found;
}

/** The extension's API once its language server is running. */
export async function api(): Promise<BlueprintExtensionApi> {
  const ext = extension();
  const exports = ext.isActive ? ext.exports : await ext.activate();
  await exports.ready;
  return exports;
}

/** A file in the workspace's first folder, test/integration/workspace. Tests never save into it. */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens test/integration/workspace as the workspace folder');
  return vscode.Uri.file(join(folder.uri.fsPath, name));
}

/**
 * The workspace's second folder, test/integration/team-folder: its `.vscode/settings.json` holds folder
 * settings that apply to its documents only.
 */
export function teamFolderFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === 'team-folder');
  assert.ok(folder, 'the runner opens blueprints.code-workspace, whose second folder is team-folder');
  return vscode.Uri.file(join(folder.uri.fsPath, name));
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

/**
 * An unsaved copy of a workspace file, for tests that edit: files in the workspace are never changed,
 * not even in memory, so every test sees them as they are on disk.
 */
export async function openCopy(name: string): Promise<vscode.TextEditor> {
  return openUntitled(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(name))));
}

export async function openUntitled(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(document);
}

/**
 * Waits until `probe` returns something other than undefined; fails with `what` and the last value seen
 * when it does not within the time limit. For what the editor does asynchronously (diagnostics, status).
 * The probe runs again whenever the editor reports a change (`changes`), and at the latest after
 * RECHECK_MS for what changes without an event (the workbench's own UI, the status bar, an answer the
 * server gives once it has analysed a document).
 */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
  changes: (listener: () => void) => vscode.Disposable = editorChanges,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    const left = deadline - Date.now();
    if (left <= 0) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await nextChange(changes, Math.min(left, RECHECK_MS));
  }
}

/** The longest wait between two probes when nothing the editor reports has changed. */
const RECHECK_MS = 250;

/** Resolves at the next change `changes` reports, or after `ms` at the latest. */
function nextChange(changes: (listener: () => void) => vscode.Disposable, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const subscription = changes(done);
  });
}

/** Every change the editor reports to extensions that may be what a test waits for. */
function editorChanges(listener: () => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.onDidChangeDiagnostics(listener),
    vscode.workspace.onDidOpenTextDocument(listener),
    vscode.workspace.onDidChangeTextDocument(listener),
    vscode.workspace.onDidSaveTextDocument(listener),
    vscode.workspace.onDidCloseTextDocument(listener),
    vscode.workspace.onDidChangeConfiguration(listener),
    vscode.window.onDidChangeActiveTextEditor(listener),
    vscode.window.onDidChangeVisibleTextEditors(listener),
    vscode.window.onDidChangeTextEditorSelection(listener),
    vscode.window.tabGroups.onDidChangeTabs(listener),
    vscode.extensions.onDidChange(listener),
  );
}

/** Changes to the files of a folder (the workbench driver's answers). */
function folderChanges(folder: string): (listener: () => void) => vscode.Disposable {
  return (listener) => {
    const watcher = watch(folder, listener);
    return new vscode.Disposable(() => watcher.close());
  };
}

/** The diagnostics the blueprint server published for a document. */
export function blueprintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'blueprint');
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** Waits until the server has published diagnostics whose codes are exactly `codes` (in any order). */
export function diagnosticsWithCodes(uri: vscode.Uri, codes: readonly string[]): Promise<vscode.Diagnostic[]> {
  const wanted = [...codes].sort().join(',');
  return eventually(
    `diagnostics [${wanted}] for ${uri.toString()}; have [${blueprintDiagnostics(uri).map(codeOf).sort().join(',')}]`,
    () => {
      const diagnostics = blueprintDiagnostics(uri);
      return diagnostics.map(codeOf).sort().join(',') === wanted ? diagnostics : undefined;
    },
  );
}

/** The text a range covers. */
export function textAt(document: vscode.TextDocument, range: vscode.Range): string {
  return document.getText(range);
}

/** Closes every editor without saving anything (untitled and changed documents are reverted first). */
export async function closeAllEditors(): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.isDirty) {
        await vscode.window.showTextDocument((tab.input as { uri: vscode.Uri }).uri, { viewColumn: group.viewColumn, preview: false });
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

type WindowFunction = 'showInputBox' | 'showQuickPick' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/**
 * Answers a `vscode.window` prompt in place of the user while `body` runs: the extension and these tests
 * share one `vscode` API object, so the command's own call is answered. Records every call's arguments.
 */
export async function answering<T>(
  name: WindowFunction,
  answer: (...args: unknown[]) => unknown,
  body: (calls: unknown[][]) => PromiseLike<T>,
): Promise<T> {
  const window = vscode.window as unknown as Record<WindowFunction, (...args: unknown[]) => unknown>;
  const original = window[name];
  const calls: unknown[][] = [];
  window[name] = (...args: unknown[]) => {
    calls.push(args);
    return Promise.resolve(answer(...args));
  };
  try {
    return await body(calls);
  } finally {
    window[name] = original;
  }
}

/** Today in the local time zone, YYYY-MM-DD, as the date field wants it. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** What VS Code's input box shows, read from the workbench's page. */
export interface QuickInputState {
  readonly visible: boolean;
  readonly value: string;
  /** The message under the input: the prompt, or the reason `validateInput` gives. */
  readonly message: string;
  /** Whether the message is an error, which keeps Enter from accepting the value. */
  readonly error: boolean;
}

/**
 * The workbench itself, driven with Playwright by the code-server runner (scripts/vscode-test/workbench-driver.cjs),
 * for what the `vscode` API cannot reach: the real input box, keys, screenshots. Each request is a console line
 * the runner acts on; its answer comes back as a file. Undefined under other runners (`npm run test:electron`).
 */
export class Workbench {
  private constructor(private readonly answersDir: string) {}

  static fromEnvironment(): Workbench | undefined {
    const dir = process.env['BLUEPRINT_TEST_WORKBENCH'];
    return dir ? new Workbench(dir) : undefined;
  }

  quickInput(): Promise<QuickInputState> {
    return this.request('quickInput', {});
  }

  /** Replaces the text of the open input box, as typing it would. */
  fillQuickInput(text: string): Promise<QuickInputState> {
    return this.request('fillQuickInput', { text });
  }

  /** The text of the first element a Playwright selector finds, once it is in the page. */
  async text(selector: string): Promise<string> {
    return (await this.request<{ text: string }>('text', { selector })).text;
  }

  /** Clicks the first element a Playwright selector finds. */
  async click(selector: string): Promise<void> {
    await this.request('click', { selector });
  }

  /** In the first frame (a webview, the Markdown preview) where the selector finds elements (`count` of them, when given): their texts. */
  async frameElements(selector: string, count?: number): Promise<string[]> {
    return (
      await this.request<{ count: number; texts: string[] }>('frameElements', { selector, ...(count !== undefined ? { count } : {}) })
    ).texts;
  }

  /** A key as Playwright names it: `Enter`, `Escape`. */
  async press(key: string): Promise<void> {
    await this.request('press', { key });
  }

  /** A picture of the whole workbench, as `<name>.png` in the runner's screenshots folder (out/screenshots/). */
  async screenshot(name: string): Promise<string> {
    return (await this.request<{ file: string }>('screenshot', { name })).file;
  }

  private async request<T>(action: string, params: Record<string, unknown>): Promise<T> {
    // Each suite is its own bundle with its own Workbench: the ids are counted across them, on the
    // extension host's global object, so that no suite reads another's answer file.
    const counter = globalThis as { blueprintWorkbenchRequests?: number };
    const id = (counter.blueprintWorkbenchRequests = (counter.blueprintWorkbenchRequests ?? 0) + 1);
    console.log(`[blueprint-ui] ${JSON.stringify({ id, action, ...params })}`);
    const file = join(this.answersDir, `answer-${id}.json`);
    const answer = await eventually(
      `the workbench to carry out ${action}`,
      () => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { ok: boolean; result?: T; error?: string }) : undefined),
      20_000,
      folderChanges(this.answersDir),
    );
    if (!answer.ok) assert.fail(`the workbench could not ${action}: ${answer.error}`);
    return answer.result as T;
  }
}

export const workbench = Workbench.fromEnvironment();
