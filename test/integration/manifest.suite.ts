import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { DIAGNOSTIC_DEFAULTS } from '../../server/src/features/diagnostics';
import {
  api,
  blueprintDiagnostics,
  closeAllEditors,
  codeOf,
  diagnosticsWithCodes,
  eventually,
  extension,
  open,
  openUntitled,
  workspaceFile,
} from './helpers';

interface Keybinding {
  readonly key: string;
  readonly command: string;
  readonly when?: string;
}

/** VS Code's default keybindings as its "Open Default Keyboard Shortcuts (JSON)" shows them. */
async function defaultKeybindings(): Promise<Keybinding[]> {
  await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
  const editor = await eventually('the default keybindings', () =>
    vscode.window.activeTextEditor?.document.uri.toString() === 'vscode://defaultsettings/keybindings.json'
      ? vscode.window.activeTextEditor
      : undefined,
  );
  const text = editor.document.getText();
  // JSON with `//` comment lines (none of them inside a string).
  return JSON.parse(
    text
      .split('\n')
      .filter((line) => !/^\s*\/\//.test(line))
      .join('\n'),
  ) as Keybinding[];
}

suite('Manifest as VS Code reads it', () => {
  teardown(closeAllEditors);

  test('every diagnostic code has its blueprint.diagnostics setting with the server default', () => {
    const configuration = vscode.workspace.getConfiguration('blueprint');
    for (const [code, severity] of Object.entries(DIAGNOSTIC_DEFAULTS)) {
      assert.equal(configuration.inspect(`diagnostics.${code}`)?.defaultValue, severity, `blueprint.diagnostics.${code}`);
    }
    assert.equal(configuration.inspect('author')?.defaultValue, '');
    assert.equal(configuration.inspect('maxDocumentSize')?.defaultValue, 1_000_000);
  });

  test('a changed severity setting reaches the server', async () => {
    await api();
    const uri = workspaceFile('ledger-draft.blueprint.md');
    await open(uri);
    await diagnosticsWithCodes(uri, ['missing-section', 'placeholder', 'placeholder']);
    const configuration = vscode.workspace.getConfiguration('blueprint');
    try {
      await configuration.update('diagnostics.placeholder', 'off', vscode.ConfigurationTarget.Global);
      await diagnosticsWithCodes(uri, ['missing-section']);
      await configuration.update('diagnostics.missing-section', 'error', vscode.ConfigurationTarget.Global);
      const [missing] = await eventually('missing-section as an error', () => {
        const found = blueprintDiagnostics(uri);
        return found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Error ? found : undefined;
      });
      assert.equal(codeOf(missing!), 'missing-section');
    } finally {
      await configuration.update('diagnostics.placeholder', undefined, vscode.ConfigurationTarget.Global);
      await configuration.update('diagnostics.missing-section', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsWithCodes(uri, ['missing-section', 'placeholder', 'placeholder']);
  });

  test('a severity set to its default value still counts: it pins placeholders against the Blueprint Status', async () => {
    await api();
    const draft = readFileSync(workspaceFile('ledger-draft.blueprint.md').fsPath, 'utf8').replace(
      '**Blueprint Status**: Review',
      '**Blueprint Status**: Draft',
    );
    const editor = await openUntitled(draft);
    const placeholdersAre = (severity: vscode.DiagnosticSeverity, what: string) =>
      eventually(what, () => {
        const found = blueprintDiagnostics(editor.document.uri).filter((d) => codeOf(d) === 'placeholder');
        return found.length === 2 && found.every((d) => d.severity === severity) ? found : undefined;
      });
    await placeholdersAre(vscode.DiagnosticSeverity.Hint, 'placeholders as hints in a Draft');
    const configuration = vscode.workspace.getConfiguration('blueprint');
    try {
      await configuration.update('diagnostics.placeholder', 'warning', vscode.ConfigurationTarget.Global);
      await placeholdersAre(vscode.DiagnosticSeverity.Warning, 'placeholders as warnings, as set');
    } finally {
      await configuration.update('diagnostics.placeholder', undefined, vscode.ConfigurationTarget.Global);
    }
    await placeholdersAre(vscode.DiagnosticSeverity.Hint, 'placeholders as hints again once the setting is removed');
  });

  test('the commands are registered, and New Data Blueprint is in File > New File and the Explorer', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'blueprint.newDataBlueprint',
      'blueprint.newBlueprint',
      'blueprint.insertTemplate',
      'blueprint.nextPlaceholder',
      'blueprint.previousPlaceholder',
      'blueprint.restartServer',
    ]) {
      assert.ok(commands.includes(id), id);
    }
    const menus = extension().packageJSON.contributes.menus as Record<string, Array<{ command: string; when?: string }>>;
    assert.ok(menus['file/newFile']!.some((m) => m.command === 'blueprint.newDataBlueprint'));
    assert.ok(menus['explorer/context']!.some((m) => m.command === 'blueprint.newDataBlueprint' && m.when === 'explorerResourceIsFolder'));
  });

  test("the placeholder keybindings are VS Code's and no other default's", async () => {
    const ours = extension().packageJSON.contributes.keybindings as Keybinding[];
    assert.deepEqual(ours.map((k) => k.command).sort(), ['blueprint.nextPlaceholder', 'blueprint.previousPlaceholder']);
    const defaults = await defaultKeybindings();
    for (const binding of ours) {
      const registered = defaults.filter((k) => k.key === binding.key);
      assert.deepEqual(
        registered.map((k) => k.command),
        [binding.command],
        `${binding.key} is bound to ${registered.map((k) => k.command).join(', ')}`,
      );
    }
  });
});
