import type * as vscode from 'vscode';
import { BlueprintExtension, type BlueprintExtensionApi } from './blueprint-extension';
import { registerBlueprintTasks } from './blueprint-tasks';
import { createLanguageClient } from './language-client';

export type { BlueprintExtensionApi } from './blueprint-extension';

let running: BlueprintExtension | undefined;

// The desktop extension (package.json `main`): the Node server over IPC, and the `blueprint` tasks.
export function activate(context: vscode.ExtensionContext): BlueprintExtensionApi {
  running = new BlueprintExtension(context, {
    createClient: createLanguageClient,
    extras: (extensionContext) => [registerBlueprintTasks(extensionContext)],
  });
  return running.api;
}

export function deactivate(): Promise<void> | undefined {
  const extension = running;
  running = undefined;
  return extension?.stop();
}
