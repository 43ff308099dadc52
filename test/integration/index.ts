// The tests entry VS Code loads (`--extensionTestsPath`), under code-server and @vscode/test-electron
// alike: runs the suites with mocha inside the extension host and rejects when any test fails or is skipped.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** In this order: activation first, while no Markdown document has been opened yet. */
const SUITES = ['activation', 'language-features', 'commands', 'status-bar', 'manifest', 'tasks', 'blueprints-view', 'diagrams'];

export async function run(): Promise<void> {
  // VS Code in the browser saves after a delay by default; the tests must never save into the workspace.
  await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  // The chat view VS Code opens beside the editor takes a third of the screenshots the workbench driver takes.
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, slow: 5_000, forbidOnly: true, forbidPending: true });
  if (process.env['BLUEPRINT_TEST_GREP']) mocha.grep(process.env['BLUEPRINT_TEST_GREP']);
  for (const suite of SUITES) mocha.addFile(join(__dirname, `${suite}.suite.js`));

  // The report also goes to a file: the code-server runner prints it, since the extension host's
  // console only reaches the browser page.
  const report: string[] = [];
  const consoleLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    report.push(format(...args));
    consoleLog(...args);
  };
  const reportFile = process.env['BLUEPRINT_TEST_REPORT'];
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (reportFile) writeFileSync(reportFile, report.join('\n') + '\n');
        if (failures > 0) reject(new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`));
        else resolve();
      });
    } catch (error) {
      if (reportFile) writeFileSync(reportFile, `${report.join('\n')}\n${String(error instanceof Error ? error.stack : error)}\n`);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
