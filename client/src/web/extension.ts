import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { BlueprintExtension, type BlueprintExtensionApi } from '../blueprint-extension';
import { BLUEPRINT_WEB_DOCUMENTS, blueprintClientOptions } from '../client-options';

// The browser's Worker, Blob and URL (the client is type-checked with Node's libraries).
interface ServerWorker {
  terminate(): void;
}
declare const Worker: new (url: string) => ServerWorker;
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => unknown;
declare const URL: { createObjectURL(blob: unknown): string };

let running: BlueprintExtension | undefined;

// The web extension (package.json `browser`; vscode.dev, github.dev): the server in a web worker
// (dist/web/server.js), LSP over postMessage. No tasks: the browser runs no command line.
export function activate(context: vscode.ExtensionContext): BlueprintExtensionApi {
  let worker: ServerWorker | undefined;
  running = new BlueprintExtension(context, {
    createClient: (extensionContext, output) =>
      new LanguageClient(
        'blueprint',
        'Blueprint Language Server',
        // A new worker for each start (a restart ends the last one). Its transports, not the worker:
        // the extension host's Worker returns workers that are no `instanceof Worker`, which the client tests.
        async () => {
          worker?.terminate();
          worker = new Worker(await serverScriptUrl(extensionContext.extensionUri));
          return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
        },
        blueprintClientOptions(extensionContext, output, BLUEPRINT_WEB_DOCUMENTS),
      ),
  });
  return running.api;
}

/**
 * Where the worker loads the server from: the extension's own URL (vscode.dev and github.dev serve
 * extensions over https). An extension in a VS Code server's folder (`vscode-remote:`, as when it is
 * developed or tested there) is a location the extension host will not start a worker from: the
 * script is read through the editor's file system and started from memory.
 */
async function serverScriptUrl(extensionUri: vscode.Uri): Promise<string> {
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'server.js');
  if (script.scheme !== 'vscode-remote') return script.toString(true);
  return URL.createObjectURL(new Blob([await vscode.workspace.fs.readFile(script)], { type: 'text/javascript' }));
}

export function deactivate(): Promise<void> | undefined {
  const extension = running;
  running = undefined;
  return extension?.stop();
}
