import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { DIAGNOSTIC_DEFAULTS } from '../../server/src/diagnostic-codes';
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
  teamFolderFile,
  workbench,
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

  test('a "[markdown]" value reaches the server, and wins over the same setting without a language', async () => {
    await api();
    const uri = workspaceFile('ledger-draft.blueprint.md');
    await open(uri);
    await diagnosticsWithCodes(uri, ['missing-section', 'placeholder', 'placeholder']);
    const plain = vscode.workspace.getConfiguration('blueprint');
    const markdown = vscode.workspace.getConfiguration('blueprint', { languageId: 'markdown' });
    try {
      // "[markdown]": { "blueprint.diagnostics.placeholder": "off" } in the user settings.
      await markdown.update('diagnostics.placeholder', 'off', vscode.ConfigurationTarget.Global, true);
      assert.equal(markdown.inspect('diagnostics.placeholder')?.globalLanguageValue, 'off');
      await diagnosticsWithCodes(uri, ['missing-section']);
      // VS Code's precedence: a language-specific value beats one without a language, whatever their scopes.
      await plain.update('diagnostics.placeholder', 'error', vscode.ConfigurationTarget.Global);
      await plain.update('diagnostics.missing-section', 'hint', vscode.ConfigurationTarget.Global);
      const [missing] = await eventually('missing-section as a hint, placeholders still off', () => {
        const found = blueprintDiagnostics(uri);
        return found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Hint ? found : undefined;
      });
      assert.equal(codeOf(missing!), 'missing-section');
      if (workbench) {
        // The Settings editor offers the severities for Markdown, with the value just set.
        await vscode.commands.executeCommand('workbench.action.openSettings', '@lang:markdown blueprint.diagnostics');
        await workbench.text('.settings-editor .setting-item-contents');
        await workbench.screenshot('settings-for-markdown');
      }
    } finally {
      await markdown.update('diagnostics.placeholder', undefined, vscode.ConfigurationTarget.Global, true);
      await plain.update('diagnostics.placeholder', undefined, vscode.ConfigurationTarget.Global);
      await plain.update('diagnostics.missing-section', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsWithCodes(uri, ['missing-section', 'placeholder', 'placeholder']);
  });

  test('a folder\'s settings reach the server for that folder\'s documents only, its "[markdown]" values too', async () => {
    await api();
    // The same blueprint in both folders; team-folder/.vscode/settings.json turns placeholders off and,
    // under "[markdown]", makes missing-section an error.
    const elsewhere = workspaceFile('ledger-draft.blueprint.md');
    const inTeamFolder = teamFolderFile('ledger-draft.blueprint.md');
    await open(elsewhere);
    await open(inTeamFolder);
    const severities = (uri: vscode.Uri) =>
      blueprintDiagnostics(uri)
        .map((d) => `${codeOf(d)}:${vscode.DiagnosticSeverity[d.severity]}`)
        .sort();
    await eventually(`the team folder's settings to apply (have ${severities(inTeamFolder).join(', ')})`, () =>
      severities(inTeamFolder).join(', ') === 'missing-section:Error' ? true : undefined,
    );
    await eventually(`the defaults elsewhere (have ${severities(elsewhere).join(', ')})`, () =>
      severities(elsewhere).join(', ') === 'missing-section:Warning, placeholder:Warning, placeholder:Warning' ? true : undefined,
    );
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
