import * as vscode from 'vscode';
import type { BlueprintExtensionApi } from '../../client/src/blueprint-extension';

// The web extension (package.json `browser`, dist/web/client.js) in VS Code's web-worker extension
// host, its server in a web worker of its own: what vscode.dev and github.dev run. The workspace's
// files are the VS Code server's (`vscode-remote:`), reached only through `workspace.fs`.

const EXTENSION_ID = 'blueprint-authoring.blueprint-authoring';

// node:assert is Node's: the two checks these tests need.
const assert: {
  ok(value: unknown, message?: string): asserts value;
  equal(actual: unknown, expected: unknown, message?: string): void;
} = {
  ok(value: unknown, message?: string): asserts value {
    if (!value) throw new Error(message ?? `expected a truthy value, got ${String(value)}`);
  },
  equal(actual: unknown, expected: unknown, message?: string): void {
    if (actual !== expected) throw new Error(message ?? `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  },
};

async function api(): Promise<BlueprintExtensionApi> {
  const extension = vscode.extensions.getExtension<BlueprintExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const exports = extension.isActive ? extension.exports : await extension.activate();
  await exports.ready;
  return exports;
}

function workspaceFile(...names: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace');
  return vscode.Uri.joinPath(folder.uri, ...names);
}

/** Waits (on the editor's diagnostics events, with a deadline) until `probe` returns something. */
function eventually<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = probe();
      if (found === undefined) return false;
      clearTimeout(timer);
      subscription.dispose();
      resolve(found);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(() => void check());
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`${what}: not within ${timeoutMs} ms`));
    }, timeoutMs);
    check();
  });
}

function blueprintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'blueprint');
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

suite('The web extension in the web-worker extension host', () => {
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('runs in a web worker, with no Node', async () => {
    const exports = await api();
    assert.equal(exports.client.isRunning(), true);
    assert.equal(typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node, 'undefined');
    assert.equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function');
  });

  test("a blueprint of the workspace gets diagnostics, and a document of the workspace's template its template's", async () => {
    await api();
    const ledger = workspaceFile('ledger-draft.blueprint.md');
    await vscode.window.showTextDocument(ledger);
    // The draft lacks its Data Flow section and has two placeholders left (as in the desktop's suite).
    await eventually('diagnostics of ledger-draft.blueprint.md', () =>
      blueprintDiagnostics(ledger).map(codeOf).sort().join() === 'missing-section,placeholder,placeholder' ? true : undefined,
    );

    // The API Blueprint is the workspace's own template (.blueprints/api-blueprint.md), read through workspace.fs.
    const apiBlueprint = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: '# API Blueprint: Payments API\n\nWhat the payments API offers.\n',
    });
    await vscode.window.showTextDocument(apiBlueprint);
    const apiDiagnostics = await eventually('diagnostics of the API blueprint', () => {
      const found = blueprintDiagnostics(apiBlueprint.uri);
      return found.some((d) => codeOf(d) === 'missing-section') ? found : undefined;
    });
    assert.ok(
      apiDiagnostics.some((d) => d.message === "Missing section 'Endpoints'"),
      apiDiagnostics.map((d) => d.message).join('\n'),
    );
  });

  test('completion at "## " offers the missing section, and its quick fix adds it', async () => {
    await api();
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('ledger-draft.blueprint.md')));
    const without = text.replace('## State Management', '## \n\n## State Management');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: without });
    const editor = await vscode.window.showTextDocument(document);
    const missing = await eventually('the missing-section diagnostic', () =>
      blueprintDiagnostics(document.uri).find((d) => codeOf(d) === 'missing-section'),
    );

    const at = document.positionAt(without.indexOf('## \n') + 3);
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      at,
      ' ',
    );
    assert.ok(
      completions.items.some((item) => item.label === 'Data Flow'),
      completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label)).join(),
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const add = actions.find((action) => action.title === "Add section 'Data Flow'");
    assert.ok(add?.edit, actions.map((action) => action.title).join());
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    assert.ok(editor.document.getText().includes('## Data Flow\n\n**How data moves through the system.**'));
    await eventually('the missing-section diagnostic gone', () =>
      blueprintDiagnostics(document.uri).some((d) => codeOf(d) === 'missing-section') ? undefined : true,
    );
  });

  test('New Data Blueprint on an Explorer folder writes the file there through workspace.fs', async () => {
    await api();
    // In the repository's git-ignored out/, not in the workspace the tests read.
    const folder = workspaceFile('..', '..', '..', 'out', `web-test-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    const window = vscode.window as unknown as { showInputBox: (...args: unknown[]) => Thenable<string | undefined> };
    const original = window.showInputBox;
    window.showInputBox = () => Promise.resolve('Web Ledger');
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('blueprint.newDataBlueprint', folder);
      const file = vscode.Uri.joinPath(folder, 'web-ledger.blueprint.md');
      assert.equal(created?.toString(), file.toString());
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      assert.ok(written.startsWith('# Data Blueprint: Web Ledger\n'), written.slice(0, 200));
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString());
    } finally {
      window.showInputBox = original;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });
});
