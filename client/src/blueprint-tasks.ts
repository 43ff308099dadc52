import * as vscode from 'vscode';

/** The task type the manifest declares (`contributes.taskDefinitions`), and its problem matcher. */
export const BLUEPRINT_TASK_TYPE = 'blueprint';
export const BLUEPRINT_PROBLEM_MATCHER = '$blueprint';

interface BlueprintTaskDefinition extends vscode.TaskDefinition {
  readonly command: 'check' | 'fix';
  readonly paths?: readonly string[];
  readonly args?: readonly string[];
}

/**
 * Tasks that run the bundled command line (`dist/cli.js`, the same `blueprint check` as in CI) in
 * a workspace folder, their output read by the `$blueprint` problem matcher into the Problems view,
 * for every blueprint of the folder, open or not: "blueprint: check" and "blueprint: fix" for each
 * folder on disk, and any `{ "type": "blueprint", … }` task of tasks.json.
 */
export function registerBlueprintTasks(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = context.asAbsolutePath('dist/cli.js');
  return vscode.tasks.registerTaskProvider(BLUEPRINT_TASK_TYPE, {
    provideTasks: () =>
      (vscode.workspace.workspaceFolders ?? [])
        .filter((folder) => folder.uri.scheme === 'file')
        .flatMap((folder) =>
          (['check', 'fix'] as const).map((command) => blueprintTask(cli, folder, { type: BLUEPRINT_TASK_TYPE, command })),
        ),
    resolveTask: (task) => {
      const definition = task.definition as BlueprintTaskDefinition;
      if (definition.command !== 'check' && definition.command !== 'fix') return undefined;
      const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
      return folder && folder.uri.scheme === 'file' ? blueprintTask(cli, folder, definition) : undefined;
    },
  });
}

function blueprintTask(cli: string, folder: vscode.WorkspaceFolder, definition: BlueprintTaskDefinition): vscode.Task {
  const args = [
    cli,
    'check',
    ...(definition.command === 'fix' ? ['--fix'] : []),
    '--no-color',
    ...(definition.args ?? []),
    ...(definition.paths ?? []),
  ];
  // The extension host's own executable runs the CLI: desktop VS Code's as Node (ELECTRON_RUN_AS_NODE),
  // a remote or web host's is Node already. Nothing needs to be installed.
  const execution = new vscode.ProcessExecution(process.execPath, args, { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
  const task = new vscode.Task(definition, folder, definition.command, BLUEPRINT_TASK_TYPE, execution, BLUEPRINT_PROBLEM_MATCHER);
  task.detail =
    definition.command === 'fix'
      ? 'blueprint check --fix: apply the safe fixes, then report what remains'
      : 'blueprint check: the problems of every blueprint in the folder';
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent };
  return task;
}
