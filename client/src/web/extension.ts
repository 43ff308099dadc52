import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { BlueprintExtension, type BlueprintExtensionApi } from '../blueprint-extension';
import { BLUEPRINT_WEB_DOCUMENTS, blueprintClientOptions } from '../client-options';

// The browser's Worker (the client's types are Node's).
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

let running: BlueprintExtension | undefined;

// The web extension (package.json `browser`; vscode.dev, github.dev): the server in a web worker
// (dist/web/server.js), LSP over postMessage. No tasks: the browser runs no command line.
export function activate(context: vscode.ExtensionContext): BlueprintExtensionApi {
  running = new BlueprintExtension(context, {
    createClient: (extensionContext, output) => {
      const serverMain = vscode.Uri.joinPath(extensionContext.extensionUri, 'dist/web/server.js');
      const worker = new Worker(serverMain.toString(true));
      return new LanguageClient(
        'blueprint',
        'Blueprint Language Server',
        blueprintClientOptions(extensionContext, output, BLUEPRINT_WEB_DOCUMENTS),
        worker,
      );
    },
  });
  return running.api;
}

export function deactivate(): Promise<void> | undefined {
  const extension = running;
  running = undefined;
  return extension?.stop();
}
