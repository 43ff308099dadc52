import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  api,
  blueprintDiagnostics,
  closeAllEditors,
  codeOf,
  diagnosticsWithCodes,
  eventually,
  extension,
  open,
  openCopy,
  workspaceFile,
} from './helpers';

suite('Activation', () => {
  suiteTeardown(closeAllEditors);

  test('the extension stays asleep until a Markdown document opens', async () => {
    assert.equal(extension().isActive, false);
    const text = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '# Data Blueprint: [Data System Name]\n' });
    await vscode.window.showTextDocument(text);
    assert.equal(extension().isActive, false);
  });

  test('opening a blueprint activates it, starts the server and brings the diagnostics', async () => {
    const uri = workspaceFile('ledger-draft.blueprint.md');
    await open(uri);
    const exports = await eventually('the extension to activate', () => (extension().isActive ? extension().exports : undefined));
    await exports.ready;
    // The first analysis includes the server's start-up: give it the time a loaded machine needs.
    await eventually('the first diagnostics', () => (blueprintDiagnostics(uri).length > 0 ? true : undefined), 30_000);
    assert.equal(exports.client.isRunning(), true);
    assert.equal(exports.client.outputChannel.name, 'Blueprint Language Server');

    const diagnostics = await diagnosticsWithCodes(uri, ['missing-section', 'placeholder', 'placeholder']);
    const summary = diagnostics
      .map((d) => ({
        code: codeOf(d),
        message: d.message,
        severity: d.severity,
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      }))
      .sort((a, b) => a.range[0]! - b.range[0]!);
    assert.deepEqual(summary, [
      {
        code: 'missing-section',
        message: "Missing section 'Data Flow'",
        severity: vscode.DiagnosticSeverity.Warning,
        range: [0, 2, 0, 30],
      },
      {
        code: 'placeholder',
        message: "Placeholder '[How data is stored]' is not filled in",
        severity: vscode.DiagnosticSeverity.Warning,
        range: [76, 22, 76, 42],
      },
      {
        code: 'placeholder',
        message: "Placeholder '[Name]' is not filled in",
        severity: vscode.DiagnosticSeverity.Warning,
        range: [173, 12, 173, 18],
      },
    ]);
  });

  test('an edit reaches the server: filling a placeholder removes its diagnostic', async () => {
    await api();
    const editor = await openCopy('ledger-draft.blueprint.md');
    const uri = editor.document.uri;
    await diagnosticsWithCodes(uri, ['missing-section', 'placeholder', 'placeholder']);
    const name = blueprintDiagnostics(uri).find((d) => d.message.includes('[Name]'));
    assert.ok(name);
    await editor.edit((edit) => edit.replace(name.range, 'Grace Hopper'));
    await diagnosticsWithCodes(uri, ['missing-section', 'placeholder']);
    const filled = new vscode.Range(name.range.start, name.range.start.translate(0, 'Grace Hopper'.length));
    await editor.edit((edit) => edit.replace(filled, '[Name]'));
    await diagnosticsWithCodes(uri, ['missing-section', 'placeholder', 'placeholder']);
  });
});
