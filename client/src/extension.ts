import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BlueprintServer } from './blueprint-server';
import { registerBlueprintTasks } from './blueprint-tasks';
import { DataModelView } from './data-model-view';
import { createLanguageClient } from './language-client';
import { BlueprintPreview } from './markdown-preview';
import type MarkdownIt from 'markdown-it';
import { insertTemplate, newBlueprint, newBlueprintOfAnyKind } from './new-blueprint';
import { goToPlaceholder } from './placeholder-navigation';
import { BlueprintStatusBar } from './status-bar';

/** What `activate()` returns: the integration tests (and other extensions) wait on `ready`. */
export interface BlueprintExtensionApi {
  readonly client: LanguageClient;
  /** Settles once the language server is running (again after a restart). */
  readonly ready: Promise<void>;
  readonly statusBar: BlueprintStatusBar;
  /** The Show Data Model view. */
  readonly dataModelView: DataModelView;
  /** VS Code's Markdown preview calls it (`markdown.markdownItPlugins`): blueprints' diagrams and placeholders. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

let running: BlueprintServer | undefined;

// A thin client: the server does every analysis; this file starts it and owns the VS Code UI.
export function activate(context: vscode.ExtensionContext): BlueprintExtensionApi {
  const output = vscode.window.createOutputChannel('Blueprint Language Server', { log: true });
  const server = new BlueprintServer(createLanguageClient(context, output));
  running = server;
  const statusBar = new BlueprintStatusBar((document) => server.status(document));
  const afterStart = () => statusBar.update();
  server.ready.then(afterStart, (error: unknown) => reportStartFailure(output, error));
  const dataModelView = new DataModelView(context.extensionUri, (document, kind) => server.diagram(document, kind));
  const preview = new BlueprintPreview((document) => server.status(document));

  context.subscriptions.push(
    output,
    statusBar,
    dataModelView,
    preview,
    registerBlueprintTasks(context),
    vscode.commands.registerCommand('blueprint.showDataModel', () => dataModelView.open(vscode.window.activeTextEditor?.document)),
    vscode.commands.registerCommand('blueprint.newDataBlueprint', (folder?: unknown) =>
      newBlueprint(server, folder instanceof vscode.Uri ? folder : undefined),
    ),
    vscode.commands.registerCommand('blueprint.newBlueprint', (folder?: unknown) =>
      newBlueprintOfAnyKind(server, folder instanceof vscode.Uri ? folder : undefined),
    ),
    vscode.commands.registerCommand('blueprint.insertTemplate', () => insertTemplate(server)),
    vscode.commands.registerCommand('blueprint.nextPlaceholder', () => goToPlaceholder(server, 'next')),
    vscode.commands.registerCommand('blueprint.previousPlaceholder', () => goToPlaceholder(server, 'previous')),
    vscode.commands.registerCommand('blueprint.restartServer', async () => {
      try {
        await server.restart();
        await afterStart();
      } catch (error) {
        reportStartFailure(output, error);
      }
    }),
  );

  return {
    client: server.client,
    get ready() {
      return server.ready;
    },
    statusBar,
    dataModelView,
    extendMarkdownIt: (md) => preview.extendMarkdownIt(md),
  };
}

function reportStartFailure(output: vscode.LogOutputChannel, error: unknown): void {
  output.error(`The Blueprint language server could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void vscode.window
    .showErrorMessage(
      'The Blueprint language server could not start. See the "Blueprint Language Server" output for details.',
      'Show Output',
    )
    .then((choice) => choice && output.show());
}

/** VS Code waits for the returned promise: the server gets its shutdown and exit. */
export function deactivate(): Promise<void> | undefined {
  const server = running;
  running = undefined;
  return server?.client.dispose().catch(() => undefined);
}
