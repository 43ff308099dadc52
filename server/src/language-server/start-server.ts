import {
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import { REVEAL_PLACEHOLDER_COMMAND, sectionCodeLenses, type RevealPlaceholderArguments } from '../features/code-lens';
import { completions, COMPLETION_TRIGGER_CHARACTERS } from '../features/completion';
import { documentStatus, TOO_LARGE_STATUS } from '../features/document-status';
import { documentSymbols } from '../features/document-symbols';
import { footerValues, type FooterValues } from '../template/footer-values';
import { hover } from '../features/hover';
import { definition, documentHighlights, prepareRename, references, rename } from '../features/navigation';
import { newBlueprint, templateSnippetFor } from '../template/new-blueprint';
import { semanticTokens, SEMANTIC_TOKENS_LEGEND } from '../features/semantic-tokens';
import { templateSummaries, TemplatesRequest } from '../template/template-list';
import { DiagramRequest, DocumentStatusRequest, NewBlueprintRequest, TemplateSnippetRequest, WorkspaceSummaryRequest } from '../protocol';
import { workspaceSymbols } from '../features/workspace-symbols';
import { WorkspaceIndex } from '../workspace/workspace-index';
import { WorkspaceChanges, WorkspaceDiagnostics } from './workspace-diagnostics';
import { diagramOf, isInsertDiagramData, resolveInsertDiagram } from '../features/diagrams';
import type { BlueprintSettings } from '../settings';
import { clientOptions, type ClientOptions } from './client-options';
import { codeActionKinds, provideCodeActions } from './code-action-providers';
import { DiagnosticsPublisher } from './diagnostics-publisher';
import { DocumentPipeline, documentsTellingEdits } from './document-pipeline';
import type { ServerHost } from './host';
import { ProjectFiles, SLICE_MS } from './project-files';
import { describeError, guarded } from './request-guard';
import { SettingsStore } from './settings-store';
import { TemplateRequests } from './template-requests';

/** A running server, for a program that starts it in-process and must stop it (the tests' harness). */
export interface RunningServer {
  /** Stops checking documents and publishing; the connection is the caller's to close. */
  dispose(): void;
}

/**
 * The language server on a connection: composes the owners of its state — the settings store,
 * the project files, the document pipeline and the publishing policy — and answers every request
 * from a feature (a pure function of the analysed blueprint). `host` is what the platform gives
 * (language-server/host.ts). Calls `connection.listen()`.
 */
export function startServer(connection: Connection, host: ServerHost): RunningServer {
  const logError = (message: string) => connection.console.error(message);
  // The pipeline is told each edit of the documents it checks.
  const editsFor: { pipeline?: DocumentPipeline } = {};
  const documents = new TextDocuments(documentsTellingEdits((...edit) => editsFor.pipeline?.edited(...edit)));
  const publisher = new DiagnosticsPublisher(
    (params) => connection.sendDiagnostics(params),
    (uri) => documents.get(uri)?.version,
  );
  const files = new ProjectFiles(connection, host, publisher);
  const settings = new SettingsStore(connection, host, files);
  const describe = (uri: string) => {
    const path = host.pathOf(uri);
    return path === undefined ? uri : files.shownPath(path);
  };
  const index = new WorkspaceIndex({
    files: host.files,
    project: files.project,
    uriOf: host.uriOf,
    slicing: { sliceMs: SLICE_MS, pause: host.nextTurn },
    contextOf: (folder) => settings.folderContext(folder),
    isOpen: (uri) => documents.get(uri) !== undefined,
    changed: (declarations, fromDisk) => workspaceChanges.changed(fromDisk || declarations.size > 0, declarations),
    logError,
  });
  const pipeline = new DocumentPipeline(documents, host, settings, files, publisher, index, {
    logError,
    templateClosed: () => void reloadWorkspaceFiles(),
    describe,
  });
  editsFor.pipeline = pipeline;
  const workspaceDiagnostics = new WorkspaceDiagnostics(index, pipeline, describe);
  const workspaceChanges = new WorkspaceChanges(
    connection,
    () => client?.refreshesDiagnostics === true && publisher.pulled,
    (names) => pipeline.recheckUsing(names),
  );
  const templates = new TemplateRequests(host, settings, files);
  let client: ClientOptions | undefined;

  connection.onInitialize((params): InitializeResult => {
    client = clientOptions(params);
    settings.initialize(client);
    files.setWorkspaceFolders(client.workspaceFolders);
    publisher.pulled = client.pullsDiagnostics;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Blueprint' },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
        codeActionProvider: { codeActionKinds: codeActionKinds(), resolveProvider: true },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [REVEAL_PLACEHOLDER_COMMAND] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        workspaceSymbolProvider: true,
        // A blueprint's problems depend on the others (structures across blueprints); every blueprint's are pulled, open or not.
        ...(client.pullsDiagnostics
          ? { diagnosticProvider: { identifier: 'blueprint', interFileDependencies: true, workspaceDiagnostics: true } }
          : {}),
      },
      serverInfo: { name: 'blueprint-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (settings.pullsFromClient)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'blueprint' }).catch(() => undefined);
    void reloadWorkspaceFiles();
  });

  connection.onDidChangeConfiguration((change) => {
    settings.configurationChanged((change as { settings?: { blueprint?: unknown } | null } | null)?.settings?.blueprint);
    void reloadWorkspaceFiles();
  });

  // Rc files (`.blueprintrc.json`, `.blueprintrc.jsonc`) and templates apply as soon as they are saved, without a restart;
  // any other Markdown file is the workspace index's to read again.
  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    const changed = changes.flatMap((change) => {
      const path = host.pathOf(change.uri);
      return path === undefined ? [] : [{ path, deleted: change.type === FileChangeType.Deleted }];
    });
    const projectFiles = await Promise.all(changed.map((change) => files.isProjectFile(change.path)));
    if (projectFiles.some(Boolean) || changed.length < changes.length) {
      files.filesChanged();
      settings.filesChanged();
      void reloadWorkspaceFiles();
      return;
    }
    // Reading files leaves their syntax trees behind as garbage: the idle collection gives it back.
    void index.filesChanged(changed, files.workspaceFolders).then(host.workDone);
  });

  /** Reads the workspace folders' rc files and templates again, tells the client which files to watch, and checks every open document again. */
  async function reloadWorkspaceFiles(): Promise<void> {
    try {
      await Promise.all(files.workspaceFolders.map((folder) => settings.folderContext(folder)));
      if (client?.watchesFiles) await files.watchFiles();
      await files.publishTemplateFiles();
    } catch (error) {
      logError(`Could not read the templates: ${describeError(error)}`);
    }
    pipeline.checkAll();
    // The build parses every blueprint of the workspace, in the background long after the documents
    // were checked: once it is done, the idle collection gives back what it allocated.
    void index.rebuild(files.workspaceFolders).then(host.workDone);
  }

  const values = (settingsInForce: BlueprintSettings): FooterValues => footerValues(settingsInForce, host.now(), host.systemUserName);

  /** A guarded handler answering from the document's analysed blueprint, with `fallback` for every other document. */
  function forBlueprint<P extends { textDocument: { uri: string } }, R, F>(
    name: string,
    fallback: F,
    answer: (blueprint: AnalysedBlueprint, params: P, settings: BlueprintSettings) => R,
  ): (params: P, token?: CancellationToken) => Promise<R | F> {
    return guarded<P, R | F>(
      name,
      fallback,
      async (params, token) => {
        const found = await pipeline.classify(params.textDocument.uri, token);
        return found?.classified.kind === 'blueprint' ? answer(found.classified.analysed, params, found.context.settings) : fallback;
      },
      logError,
    );
  }

  connection.onDocumentSymbol(forBlueprint('documentSymbol', [], (blueprint) => documentSymbols(blueprint, client?.outline)));
  connection.onHover(forBlueprint('hover', null, (blueprint, params) => hover(blueprint, params.position)));
  connection.onCompletion(
    forBlueprint('completion', [], (blueprint, params, inForce) =>
      completions(blueprint, params.position, values(inForce), client?.takesSnippets ?? true),
    ),
  );
  connection.onCodeAction(
    forBlueprint('codeAction', [], (blueprint, params, inForce) =>
      provideCodeActions(
        {
          analysed: blueprint,
          diagnostics: params.context.diagnostics,
          settings: inForce,
          values: values(inForce),
          resolvesEdits: client?.resolvesCodeActionEdits,
        },
        params.context.only,
      ),
    ),
  );
  // An action sent without its edit (the client resolves edits) gets it here, at the document's current version.
  const resolveCodeAction = async (action: CodeAction, token?: CancellationToken): Promise<CodeAction> => {
    const data: unknown = action.data;
    if (!isInsertDiagramData(data)) return action;
    const found = await pipeline.classify(data.uri, token);
    return found?.classified.kind === 'blueprint' ? resolveInsertDiagram(found.classified.analysed, action, data) : action;
  };
  connection.onCodeActionResolve((action, token) => guarded('codeAction/resolve', action, resolveCodeAction, logError)(action, token));
  connection.onCodeLens(
    forBlueprint('codeLens', [], (blueprint, _params, inForce) => (inForce.codeLens.enabled ? sectionCodeLenses(blueprint, inForce) : [])),
  );
  const structures = (inForce: BlueprintSettings) => pipeline.structuresFor(inForce);
  connection.onDefinition(
    forBlueprint('definition', [], (blueprint, params, inForce) => definition(blueprint, params.position, structures(inForce))),
  );
  connection.onReferences(
    forBlueprint('references', [], (blueprint, params, inForce) =>
      references(blueprint, params.position, params.context.includeDeclaration, structures(inForce)),
    ),
  );
  connection.onDocumentHighlight(
    forBlueprint('documentHighlight', [], (blueprint, params, inForce) =>
      documentHighlights(blueprint, params.position, structures(inForce)),
    ),
  );
  connection.onPrepareRename(
    forBlueprint('prepareRename', null, (blueprint, params, inForce) => prepareRename(blueprint, params.position, structures(inForce))),
  );
  connection.onRenameRequest(
    forBlueprint('rename', null, (blueprint, params, inForce) => rename(blueprint, params.position, params.newName, structures(inForce))),
  );
  connection.onWorkspaceSymbol(guarded('workspaceSymbol', [], (params) => workspaceSymbols(index.all(), params.query, describe), logError));
  connection.languages.diagnostics.on(
    guarded(
      'diagnostic',
      { kind: DocumentDiagnosticReportKind.Full, items: [] },
      (params, token) => workspaceDiagnostics.document(params, token),
      logError,
    ),
  );
  connection.languages.diagnostics.onWorkspace(
    guarded('workspaceDiagnostic', { items: [] }, (params) => workspaceDiagnostics.workspace(params), logError),
  );
  connection.onRequest(
    WorkspaceSummaryRequest,
    guarded('workspaceSummary', { statuses: [], blueprints: [], indexing: false }, () => workspaceDiagnostics.summary(), logError),
  );
  connection.languages.semanticTokens.on(forBlueprint('semanticTokens', { data: [] }, (blueprint) => semanticTokens(blueprint)));

  connection.onExecuteCommand(
    guarded(
      'executeCommand',
      null,
      async (params) => {
        if (params.command !== REVEAL_PLACEHOLDER_COMMAND) return null;
        const [uri, selection] = (params.arguments ?? []) as RevealPlaceholderArguments;
        await connection.window.showDocument({ uri, selection, takeFocus: true });
        return null;
      },
      logError,
    ),
  );

  connection.onRequest(
    DocumentStatusRequest,
    guarded(
      'documentStatus',
      null,
      async (params) => {
        const found = await pipeline.classify(params.uri);
        switch (found?.classified.kind) {
          case 'blueprint':
            return documentStatus(found.classified.analysed);
          case 'too-large':
            return TOO_LARGE_STATUS;
          default:
            return null;
        }
      },
      logError,
    ),
  );
  connection.onRequest(
    DiagramRequest,
    guarded(
      'diagram',
      null,
      async (params) => {
        const found = await pipeline.classify(params.uri);
        return found?.classified.kind === 'blueprint' ? diagramOf(found.classified.analysed, params.kind ?? 'data-model') : null;
      },
      logError,
    ),
  );
  connection.onRequest(
    TemplatesRequest,
    guarded('templates', [], async () => templateSummaries(await templates.inWorkspace()), logError),
  );
  connection.onRequest(
    NewBlueprintRequest,
    guarded(
      'newBlueprint',
      null,
      async (params) => {
        const forNew = await templates.forNewBlueprint(params.uri);
        return newBlueprint(forNew.templates, params, values(forNew.settings));
      },
      logError,
    ),
  );
  connection.onRequest(
    TemplateSnippetRequest,
    guarded('templateSnippet', null, async (params) => templateSnippetFor(await templates.inWorkspace(), params), logError),
  );

  pipeline.listen(connection);
  connection.listen();
  return {
    dispose() {
      index.dispose();
      workspaceChanges.dispose();
      pipeline.dispose();
      publisher.dispose();
    },
  };
}
