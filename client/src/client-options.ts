import * as vscode from 'vscode';
import type { DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import type { BlueprintInitializationOptions } from '../../server/src/protocol';
import { declaredSettings, explicitSettings, type Manifest } from './explicit-settings';

/**
 * Where the language server runs on the desktop: Markdown files on disk and new, unsaved ones (the
 * Node server reads rc files and templates from disk).
 */
export const BLUEPRINT_DOCUMENTS: DocumentSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
];

/**
 * In the browser (vscode.dev, github.dev) every Markdown document the editor opens, whatever its
 * scheme (`vscode-vfs:` for a GitHub repository, `untitled:`): the web server reads the files beside
 * it through the client, from the same file systems.
 */
export const BLUEPRINT_WEB_DOCUMENTS: DocumentSelector = [{ language: 'markdown' }];

/** The client's options on every platform: the documents, the outline wanted, and `blueprint.*` as the user set it. */
export function blueprintClientOptions(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  documentSelector: DocumentSelector,
): LanguageClientOptions {
  const blueprintSettings = declaredSettings(context.extension.packageJSON as Manifest, 'blueprint');
  return {
    documentSelector,
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
}
