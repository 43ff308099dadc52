import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { BLUEPRINT_DOCUMENTS, blueprintClientOptions } from './client-options';

/** The port `npm run watch` + F5 attaches to: the server of an extension host started for debugging listens here. */
export const SERVER_INSPECT_PORT = 6009;

/**
 * The client for the bundled `dist/server.js`, over Node IPC. When the extension host itself runs under a
 * debugger (F5), the server starts with `--inspect` so the "Attach to Language Server" configuration can attach.
 */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${SERVER_INSPECT_PORT}`] } },
  };
  return new LanguageClient(
    'blueprint',
    'Blueprint Language Server',
    serverOptions,
    blueprintClientOptions(context, outputChannel, BLUEPRINT_DOCUMENTS),
  );
}
