// The tests entry VS Code's web-worker extension host loads (scripts/vscode-test/run-in-code-server.cjs
// --web): mocha's browser build, since a web worker has no Node, and the suite of what the web
// extension must do there. Mocha's report goes to the console, which the workbench forwards to the page.
import 'mocha/mocha';
import * as vscode from 'vscode';

declare const mocha: BrowserMocha;
declare const Mocha: { reporters: { Base: { consoleLog: (...args: unknown[]) => void } } };
interface BrowserMocha {
  setup(options: { ui: string; reporter: string; color: boolean; timeout: number; forbidOnly: boolean; forbidPending: boolean }): void;
  run(done: (failures: number) => void): void;
}

export async function run(): Promise<void> {
  await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  // Mocha reads its options from the page's query; the extension host's worker has no location.
  (globalThis as { location?: { search: string } }).location ??= { search: '' };
  mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000, forbidOnly: true, forbidPending: true });
  await import('./web-extension.suite');
  // Each line of the report, formatted here and marked, for the runner to pick out of the page's console.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(`${REPORT_MARK}${formatted(args)}`);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} web integration test${failures === 1 ? '' : 's'} failed`));
      else resolve();
    });
  });
}

/** What the runner looks for in the page's console (scripts/vscode-test/run-in-code-server.cjs). */
const REPORT_MARK = '[blueprint-report] ';

/** `console.log`'s `%s` and `%d` substitutions, as the spec reporter uses them. */
function formatted([format, ...args]: unknown[]): string {
  if (format === undefined) return '';
  if (typeof format !== 'string') return [format, ...args].map(String).join(' ');
  let rest = args;
  const line = format.replace(/%[sdi]/g, () => {
    const [next, ...after] = rest;
    rest = after;
    return String(next);
  });
  return [line, ...rest.map(String)].join(' ');
}
