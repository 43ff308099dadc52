import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { BlueprintInitializationOptions } from '../../server/src/protocol';
import { declaredSettings, explicitSettings, type Manifest } from './explicit-settings';

/** Where the language server runs: the documents it gets are Markdown files on disk and new, unsaved ones. */
export const BLUEPRINT_DOCUMENTS: DocumentSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
];

/** The port `npm run watch` + F5 attaches to: the server of an extension host started for debugging listens here. */
export const SERVER_INSPECT_PORT = 6009;

/**
 * The client for the bundled `dist/server.js`, over Node IPC. When the extension host itself runs under a
 * debugger (F5), the server starts with `--inspect` so the "Attach to Language Server" configuration can attach.
 */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const blueprintSettings = declaredSettings(context.extension.packageJSON as Manifest, 'blueprint');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${SERVER_INSPECT_PORT}`] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: BLUEPRINT_DOCUMENTS,
    // VS Code's Markdown extension already puts every heading in the Outline, breadcrumbs and Go to Symbol:
    // the server adds only the declared structures and their fields.
    initializationOptions: { outline: 'structures' } satisfies BlueprintInitializationOptions,
    // The server reads `blueprint.*` through workspace/configuration and hears when any of it changes.
    synchronize: { configurationSection: 'blueprint' },
    middleware: {
      workspace: {
        // Only what the user set, so that a value equal to its default still wins over the rc file.
        configuration: (params, token, next) => {
          if (!params.items.every((item) => item.section === 'blueprint')) return next(params, token);
          return params.items.map((item) =>
            explicitSettings('blueprint', blueprintSettings, item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined),
          );
        },
      },
    },
    outputChannel,
  };
  return new LanguageClient('blueprint', 'Blueprint Language Server', serverOptions, clientOptions);
}
