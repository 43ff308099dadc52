import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, codeOf, eventually, workspaceFile } from './helpers';

/** Waits for a task's process to end, and gives its exit code; fails past the deadline. */
function endOf(task: vscode.Task, deadlineMs = 60_000): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`task ${task.name} did not end within ${deadlineMs} ms`));
    }, deadlineMs);
    const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.source !== task.source || event.execution.task.name !== task.name) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(event.exitCode);
    });
  });
}

suite('Tasks: blueprint check in the Problems view', () => {
  test('the blueprint task type offers check and fix for each folder, and $blueprint puts what check reports in the Problems view, for files never opened', async () => {
    await api();
    const tasks = await vscode.tasks.fetchTasks({ type: 'blueprint' });
    const folderOf = (t: vscode.Task) => (typeof t.scope === 'object' ? t.scope.name : undefined);
    // The integration workspace has two folders (blueprints.code-workspace).
    assert.deepEqual(tasks.map((t) => [folderOf(t), t.source, t.name, t.definition['command']]).sort(), [
      ['team-folder', 'blueprint', 'check', 'check'],
      ['team-folder', 'blueprint', 'fix', 'fix'],
      ['workspace', 'blueprint', 'check', 'check'],
      ['workspace', 'blueprint', 'fix', 'fix'],
    ]);
    const check = tasks.find((t) => t.name === 'check' && folderOf(t) === 'workspace')!;
    assert.deepEqual(check.problemMatchers, ['$blueprint']);
    const execution = check.execution as vscode.ProcessExecution;
    assert.ok(execution instanceof vscode.ProcessExecution);
    assert.deepEqual(execution.args.slice(1), ['check', '--no-color']);
    assert.match(execution.args[0]!, /dist[\\/]cli\.js$/);
    assert.equal(execution.options?.cwd, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, 'it runs in its own folder');

    // The same task on an approved copy of the workspace's blueprint in a folder of its own, which the
    // language server never sees (and the workspace is never written): whatever the Problems view
    // shows for it comes from the task's output.
    const folder = mkdtempSync(join(tmpdir(), 'blueprint-task-'));
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('ledger-draft.blueprint.md')));
    writeFileSync(join(folder, 'ledger.md'), text.replace('**Blueprint Status**: Review', '**Blueprint Status**: Approved'));
    const elsewhere = new vscode.Task(
      check.definition,
      check.scope as vscode.WorkspaceFolder,
      'check elsewhere',
      'blueprint',
      new vscode.ProcessExecution(execution.process, [...execution.args, folder], execution.options),
      '$blueprint',
    );
    const ended = endOf(elsewhere);
    await vscode.tasks.executeTask(elsewhere);
    assert.equal(await ended, 1, 'an approved blueprint with holes fails the check');
    const uri = vscode.Uri.file(join(folder, 'ledger.md'));
    const found = await eventually("the problem matcher's markers", () =>
      vscode.languages.getDiagnostics(uri).length === 3 ? vscode.languages.getDiagnostics(uri) : undefined,
    );
    // Positions, severities and codes as `blueprint check` printed them (1-based there, 0-based here).
    assert.deepEqual(
      found.map((d) => [codeOf(d), d.severity, d.range.start.line, d.range.start.character, d.source]).sort(),
      [
        ['missing-section', vscode.DiagnosticSeverity.Error, 0, 2, 'blueprint'],
        ['placeholder', vscode.DiagnosticSeverity.Error, 76, 22, 'blueprint'],
        ['placeholder', vscode.DiagnosticSeverity.Error, 173, 12, 'blueprint'],
      ].sort(),
    );
    assert.equal(found.find((d) => codeOf(d) === 'missing-section')?.message, "Missing section 'Data Flow'");
  });
});
