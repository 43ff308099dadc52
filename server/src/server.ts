import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  CodeActionKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { effectiveSettings } from './config/effective-settings';
import { WorkspaceFiles } from './config/workspace-files';
import type { AnalysedBlueprint } from './documents/analysed-document';
import { BlueprintStore } from './documents/blueprint-store';
import { codeActions, CODE_ACTION_KINDS, wants } from './features/code-actions';
import { completions, COMPLETION_TRIGGER_CHARACTERS } from './features/completion';
import { checkDocument } from './features/checked-diagnostics';
import { REVEAL_PLACEHOLDER_COMMAND, sectionCodeLenses, type RevealPlaceholderArguments } from './features/code-lens';
import { documentStatus } from './features/document-status';
import { documentSymbols } from './features/document-symbols';
import { FIX_ALL_KIND, fixAllActions } from './features/fix-all';
import { footerValues } from './features/footer-values';
import { hover } from './features/hover';
import { newBlueprint, templateSnippetFor } from './features/new-blueprint';
import { definition, documentHighlights, prepareRename, references, rename } from './features/navigation';
import { semanticTokens, SEMANTIC_TOKENS_LEGEND } from './features/semantic-tokens';
import { ignoreDiagnosticActions } from './features/rule-control';
import { isTooLarge, looksLikeBlueprint } from './features/size-limit';
import { templateDiagnostics } from './features/template-diagnostics';
import { templateSummaries, TemplatesRequest } from './features/template-list';
import { fullGarbageCollection, IdleCollection } from './idle-collection';
import { DocumentStatusRequest, NewBlueprintRequest, TemplateSnippetRequest, type BlueprintInitializationOptions, type OutlineContent } from './protocol';
import type { BlueprintSettings } from './settings';

// Wiring only: every answer comes from a feature module working on the cached model.
const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const store = new BlueprintStore();
const workspaceFiles = new WorkspaceFiles();
const collectGarbage = fullGarbageCollection();
const idleCollection = collectGarbage ? new IdleCollection(collectGarbage) : undefined;

let pullsConfiguration = false;
/** Clients without snippet support get completion text without tab stops. */
let takesSnippets = true;
/** The settings as the client gave them, before `.blueprintrc.json` is merged under them. */
let initialRaw: unknown = {};
let watchesFiles = false;
/** A client with a Markdown outline of its own asks for the structures only. */
let outlineContent: OutlineContent = 'full';
const settingsByUri = new Map<string, Promise<BlueprintSettings>>();

connection.onInitialize((params): InitializeResult => {
  pullsConfiguration = params.capabilities.workspace?.configuration === true;
  takesSnippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  // Editors pass settings as `{ settings: {...} }` or, like Helix's `config`, as `{ blueprint: {...} }`.
  const options = params.initializationOptions as BlueprintInitializationOptions | undefined;
  const given = options?.settings ?? options?.blueprint;
  if (given !== undefined) initialRaw = given;
  if (options?.outline === 'structures') outlineContent = 'structures';
  watchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceFiles.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: 'Blueprint' },
      hoverProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
      codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS, FIX_ALL_KIND] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [REVEAL_PLACEHOLDER_COMMAND] },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
    },
    serverInfo: { name: 'blueprint-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (pullsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'blueprint' }).catch(() => undefined);
  void reloadWorkspaceFiles();
});

connection.onDidChangeConfiguration((change) => {
  settingsByUri.clear();
  const pushed = (change.settings as { blueprint?: unknown } | undefined)?.blueprint;
  if (!pullsConfiguration && pushed !== undefined) initialRaw = pushed;
  void reloadWorkspaceFiles();
});

// `.blueprintrc.json` files and templates apply as soon as they are saved, without a restart.
connection.onDidChangeWatchedFiles(() => {
  workspaceFiles.forgetRcFiles();
  settingsByUri.clear();
  void reloadWorkspaceFiles();
});
// A template closed unsaved is judged from disk again (closing cleared what its open text had).
documents.onDidClose((e) => {
  if (workspaceFiles.isTemplateFile(e.document.uri)) void reloadWorkspaceFiles();
});

let watcherRegistration: Promise<{ dispose(): void } | undefined> = Promise.resolve(undefined);
const reportedRcErrors = new Set<string>();
/** Template files on disk whose problems are published (cleared once fixed). */
const publishedTemplateProblems = new Set<string>();

/** Reads the templates again, tells the client which files to watch, and re-checks every open document. */
async function reloadWorkspaceFiles(): Promise<void> {
  try {
    store.setTemplates(await workspaceFiles.loadTemplates((folderUri) => settingsFor(folderUri)));
    if (watchesFiles) {
      const watchers = ['**/.blueprintrc.json', ...workspaceFiles.templateGlobs()].map((globPattern) => ({ globPattern }));
      const previous = watcherRegistration;
      watcherRegistration = previous.then((old) => {
        old?.dispose();
        return connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      }).catch(() => undefined);
    }
    const malformed = workspaceFiles.malformedTemplateFiles().filter((f) => !documents.get(f.uri));
    for (const uri of publishedTemplateProblems) {
      if (!malformed.some((f) => f.uri === uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    publishedTemplateProblems.clear();
    for (const file of malformed) {
      publishedTemplateProblems.add(file.uri);
      // So that opening the template and fixing it clears them.
      published.add(file.uri);
      void connection.sendDiagnostics({ uri: file.uri, diagnostics: templateDiagnostics(TextDocument.create(file.uri, 'markdown', 0, file.text), file.problems) });
    }
  } catch (error) {
    connection.console.error(`Could not read the templates: ${describeError(error)}`);
  }
  for (const document of documents.all()) scheduleValidation(document);
}

function settingsFor(uri: string): Promise<BlueprintSettings> {
  let settings = settingsByUri.get(uri);
  if (!settings) {
    const clientRaw = pullsConfiguration
      ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'blueprint' }).then((raw: unknown) => raw ?? initialRaw, () => initialRaw)
      : Promise.resolve(initialRaw);
    settings = clientRaw.then((raw) => effectiveSettings(rcFileFor(uri), raw));
    settingsByUri.set(uri, settings);
  }
  return settings;
}

/** The `.blueprintrc.json` for a document; a broken one is reported once and then ignored. */
function rcFileFor(uri: string) {
  const rc = workspaceFiles.rcFor(uri);
  if (rc?.error && !reportedRcErrors.has(rc.error)) {
    reportedRcErrors.add(rc.error);
    connection.console.warn(rc.error);
    void connection.window.showWarningMessage(`Blueprint: ${rc.error}; its settings are not used.`);
  }
  return rc;
}

/** The analysed blueprint for a document, or undefined for plain Markdown and for documents too large to analyse. */
async function analysed(uri: string, token?: CancellationToken) {
  const document = documents.get(uri);
  if (!document || workspaceFiles.isTemplateFile(uri)) return undefined;
  const settings = await settingsFor(uri);
  throwIfCancelled(token);
  if (isTooLarge(document, settings)) return undefined;
  return store.getInSlices(document);
}

// Diagnostics are computed once the burst of changes a client sends has been read, and only for the
// latest version: a version that is already stale is never published.
const pending = new Map<string, NodeJS.Immediate>();
const published = new Set<string>();

function scheduleValidation(document: TextDocument): void {
  const uri = document.uri;
  const queued = pending.get(uri);
  if (queued) clearImmediate(queued);
  // Two turns of the event loop: vscode-jsonrpc handles one queued message per turn, so a change that
  // is already read from the pipe arrives in between and replaces this validation before it runs.
  pending.set(uri, setImmediate(() => {
    pending.set(uri, setImmediate(() => {
      pending.delete(uri);
      void validate(uri).catch((error: unknown) => connection.console.error(`Could not check ${uri}: ${describeError(error)}`));
    }));
  }));
}

async function validate(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const settings = await settingsFor(uri);
  const isTemplate = workspaceFiles.isTemplateFile(uri);
  // A long document's first analysis yields to other requests between slices; checkDocument then reads the cache.
  if (!isTemplate && !isTooLarge(document, settings)) await store.getInSlices(document);
  if (documents.get(uri)?.version !== version) return;
  const diagnostics = isTemplate
    ? templateDiagnostics(document, workspaceFiles.templateProblems(uri, document.getText()))
    : checkDocument(document, store, settings) ?? [];
  idleCollection?.workDone();
  if (documents.get(uri)?.version !== version) return;
  if (diagnostics.length === 0 && !published.has(uri)) return;
  if (diagnostics.length > 0) published.add(uri);
  else published.delete(uri);
  await connection.sendDiagnostics({ uri, version, diagnostics });
}

documents.onDidOpen((e) => scheduleValidation(e.document));
documents.onDidChangeContent((e) => scheduleValidation(e.document));
documents.onDidClose((e) => {
  const uri = e.document.uri;
  const queued = pending.get(uri);
  if (queued) clearImmediate(queued);
  pending.delete(uri);
  store.forget(uri);
  idleCollection?.workDone();
  settingsByUri.delete(uri);
  if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onDocumentSymbol(guard('documentSymbol', [], async (params, token) => {
  const blueprint = await analysed(params.textDocument.uri, token);
  return blueprint ? documentSymbols(blueprint, outlineContent) : [];
}));

connection.onHover(guard('hover', null, async (params, token) => {
  const blueprint = await analysed(params.textDocument.uri, token);
  return blueprint ? hover(blueprint, params.position) : null;
}));

connection.onCompletion(forBlueprint('completion', [], (blueprint, params, settings) => completions(blueprint, params.position, footerValues(settings), takesSnippets)));
connection.onCodeAction(forBlueprint('codeAction', [], (blueprint, params, settings) => [
  ...codeActions(blueprint, params.context, footerValues(settings)),
  ...(wants(params.context.only, CodeActionKind.QuickFix) ? ignoreDiagnosticActions(blueprint, params.context.diagnostics) : []),
  ...fixAllActions(blueprint, params.context, settings, footerValues(settings)),
]));
connection.onCodeLens(forBlueprint('codeLens', [], (blueprint, _params, settings) => (settings.codeLens.enabled ? sectionCodeLenses(blueprint) : [])));
connection.onExecuteCommand(guard('executeCommand', null, async (params) => {
  if (params.command !== REVEAL_PLACEHOLDER_COMMAND) return null;
  const [uri, selection] = (params.arguments ?? []) as RevealPlaceholderArguments;
  await connection.window.showDocument({ uri, selection, takeFocus: true });
  return null;
}));
connection.onRequest(TemplatesRequest, guard('templates', [], () => templateSummaries(workspaceFiles.currentTemplates())));
connection.onDefinition(forBlueprint('definition', [], (blueprint, params) => definition(blueprint, params.position)));
connection.onReferences(forBlueprint('references', [], (blueprint, params) => references(blueprint, params.position, params.context.includeDeclaration)));
connection.onDocumentHighlight(forBlueprint('documentHighlight', [], (blueprint, params) => documentHighlights(blueprint, params.position)));
connection.onPrepareRename(forBlueprint('prepareRename', null, (blueprint, params) => prepareRename(blueprint, params.position)));
connection.onRenameRequest(forBlueprint('rename', null, (blueprint, params) => rename(blueprint, params.position, params.newName)));
connection.languages.semanticTokens.on(forBlueprint('semanticTokens', { data: [] }, (blueprint) => semanticTokens(blueprint)));

/** A guarded handler answering from the document's analysed blueprint, with `fallback` for plain Markdown. */
function forBlueprint<P extends { textDocument: { uri: string } }, R, F>(
  name: string, fallback: F, answer: (blueprint: AnalysedBlueprint, params: P, settings: BlueprintSettings) => R,
): (params: P) => Promise<R | F> {
  return guard<P, R | F>(name, fallback, async (params, token) => {
    const blueprint = await analysed(params.textDocument.uri, token);
    return blueprint ? answer(blueprint, params, await settingsFor(params.textDocument.uri)) : fallback;
  });
}

connection.onRequest(DocumentStatusRequest, guard('documentStatus', null, async (params) => {
  const document = documents.get(params.uri);
  if (!document) return null;
  const settings = await settingsFor(params.uri);
  if (isTooLarge(document, settings)) {
    return looksLikeBlueprint(document, store) ? { kind: '', sectionsPresent: 0, sectionsTotal: 0, placeholders: [], tooLarge: true } : null;
  }
  const blueprint = await store.getInSlices(document);
  return blueprint ? documentStatus(blueprint) : null;
}));

connection.onRequest(NewBlueprintRequest, guard('newBlueprint', null, async (params) =>
  newBlueprint(workspaceFiles.currentTemplates(), params, footerValues(await settingsFor(params.uri ?? '')))));

connection.onRequest(TemplateSnippetRequest, guard('templateSnippet', null, (params) => templateSnippetFor(workspaceFiles.currentTemplates(), params)));

/** A failing feature answers with its empty result and a log line; it never takes the server down. */
function guard<P, R>(name: string, fallback: R, handler: (params: P, token?: CancellationToken) => Promise<R> | R): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params: P, token?: CancellationToken) => {
    try {
      throwIfCancelled(token);
      return await handler(params, token);
    } catch (error) {
      if (isCancellation(error)) throw error;
      connection.console.error(`${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/** A cancelled request answers RequestCancelled as soon as the server sees the cancellation, before any analysis. */
function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled');
}

function isCancellation(error: unknown): boolean {
  return error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

documents.listen(connection);
connection.listen();
