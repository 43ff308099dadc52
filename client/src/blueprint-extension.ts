import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { BlueprintServer } from './blueprint-server';
import { BLUEPRINTS_VIEW, blueprintOf, BlueprintsView } from './blueprints-view';
import { serveFileRequests } from './file-requests';
import { insertTemplate, newBlueprint, newBlueprintOfAnyKind } from './new-blueprint';
import { goToPlaceholder } from './placeholder-navigation';
import { BlueprintStatusBar } from './status-bar';
import { DataModelView } from './data-model-view';
import { BlueprintPreview } from './markdown-preview';
import type MarkdownIt from 'markdown-it';

/** What `activate()` returns: the integration tests (and other extensions) wait on `ready`. */
export interface BlueprintExtensionApi {
  readonly client: BaseLanguageClient;
  /** Settles once the language server is running (again after a restart). */
  readonly ready: Promise<void>;
  readonly statusBar: BlueprintStatusBar;
  readonly blueprintsView: BlueprintsView;
  /** The Show Data Model view. */
  readonly dataModelView: DataModelView;
  /** VS Code's Markdown preview calls it (`markdown.markdownItPlugins`): blueprints' diagrams and placeholders. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

/** What differs between the desktop (extension.ts) and the browser (web/extension.ts). */
export interface ClientPlatform {
  /** The client of the platform's server: Node's over IPC, or a web worker's over postMessage. */
  createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): BaseLanguageClient;
  /** What only the platform has (the desktop's `blueprint` tasks run the command line). */
  extras?(context: vscode.ExtensionContext): vscode.Disposable[];
}

/**
 * A thin client: the server does every analysis; this starts it, answers its file requests from the
 * editor's file systems, and owns the VS Code UI — the same commands and status bar on every platform.
 */
export class BlueprintExtension {
  private readonly server: BlueprintServer;
  readonly api: BlueprintExtensionApi;

  constructor(context: vscode.ExtensionContext, platform: ClientPlatform) {
    const output = vscode.window.createOutputChannel('Blueprint Language Server', { log: true });
    const client = platform.createClient(context, output);
    const fileRequests = serveFileRequests(client);
    const server = new BlueprintServer(client);
    this.server = server;
    const statusBar = new BlueprintStatusBar((document) => server.status(document));
    const blueprintsView = new BlueprintsView(() => server.workspaceSummary());
    const dataModelView = new DataModelView(context.extensionUri, (document, kind) => server.diagram(document, kind));
    const preview = new BlueprintPreview((document) => server.status(document));
    const afterStart = () => {
      blueprintsView.refresh();
      return statusBar.update();
    };
    server.ready.then(afterStart, (error: unknown) => reportStartFailure(output, error));

    context.subscriptions.push(
      output,
      statusBar,
      dataModelView,
      preview,
      vscode.commands.registerCommand('blueprint.showDataModel', () => dataModelView.open(vscode.window.activeTextEditor?.document)),
      ...fileRequests,
      ...(platform.extras?.(context) ?? []),
      vscode.commands.registerCommand('blueprint.newDataBlueprint', (folder?: unknown) =>
        newBlueprint(server, folder instanceof vscode.Uri ? folder : undefined),
      ),
      vscode.commands.registerCommand('blueprint.newBlueprint', (folder?: unknown) =>
        newBlueprintOfAnyKind(server, folder instanceof vscode.Uri ? folder : undefined),
      ),
      vscode.commands.registerCommand('blueprint.insertTemplate', () => insertTemplate(server)),
      vscode.commands.registerCommand('blueprint.nextPlaceholder', () => goToPlaceholder(server, 'next')),
      vscode.commands.registerCommand('blueprint.previousPlaceholder', () => goToPlaceholder(server, 'previous')),
      blueprintsView,
      vscode.window.registerTreeDataProvider(BLUEPRINTS_VIEW, blueprintsView),
      server.onWorkspaceChanged(() => blueprintsView.refresh()),
      vscode.commands.registerCommand('blueprint.view.refresh', () => blueprintsView.refresh()),
      vscode.commands.registerCommand('blueprint.view.nextPlaceholder', async (node?: unknown) => {
        const summary = blueprintOf(node);
        if (!summary) return;
        const editor = await vscode.window.showTextDocument(vscode.Uri.parse(summary.uri));
        // From the start of the blueprint: the first placeholder left.
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        await goToPlaceholder(server, 'next');
      }),
      vscode.commands.registerCommand('blueprint.view.revealInExplorer', async (node?: unknown) => {
        const summary = blueprintOf(node);
        if (summary) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.parse(summary.uri));
      }),
      vscode.commands.registerCommand('blueprint.restartServer', async () => {
        try {
          await server.restart();
          await afterStart();
        } catch (error) {
          reportStartFailure(output, error);
        }
      }),
    );

    this.api = {
      client,
      get ready() {
        return server.ready;
      },
      statusBar,
      blueprintsView,
      dataModelView,
      extendMarkdownIt: (md) => preview.extendMarkdownIt(md),
    };
  }

  /** VS Code waits for the returned promise: the server gets its shutdown and exit. */
  stop(): Promise<void> {
    return this.server.client.dispose().catch(() => undefined);
  }
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
