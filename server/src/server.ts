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
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
import { nameKey, type TemplateSchema } from './model/schema';
import { builtinTemplates } from './model/templates';
import { nodeFileAccess } from './project/node-file-access';
import { systemUserName } from './project/system-user';
import { Project, type FolderContext } from './project/project';
import { isInside } from './project/rc-file';
import type { SettingsProblem } from './project/settings-resolution';
import type { TemplateSet } from './project/template-folder';
import {
  DocumentStatusRequest,
  NewBlueprintRequest,
  TemplateSnippetRequest,
  type BlueprintInitializationOptions,
  type OutlineContent,
} from './protocol';
import type { BlueprintSettings } from './settings';

// Wiring only: every answer comes from a feature module working on the cached model.
const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const store = new BlueprintStore();
/** Workspace folders with files (`file:` ones), as paths. */
let workspaceFolders: string[] = [];
// Reading rc files and templates yields to other messages every 20 ms, like a document's first analysis.
const project = new Project({
  files: nodeFileAccess,
  rootOf: (directory) => Promise.resolve(workspaceFolderOf(directory) ?? directory),
  slicing: { sliceMs: 20, pause: () => new Promise((resolve) => setImmediate(resolve)) },
});
const collectGarbage = fullGarbageCollection();
const idleCollection = collectGarbage ? new IdleCollection(collectGarbage) : undefined;

let pullsConfiguration = false;
/** Clients without snippet support get completion text without tab stops. */
let takesSnippets = true;
/** The settings as the client gave them, before `.blueprintrc.json` is merged under them. */
let initialRaw: unknown = {};
let watchesFiles = false;
/** What applies to each document (settings, templates), until the configuration or the files change. */
const contextByUri = new Map<string, Promise<FolderContext>>();
/** A client with a Markdown outline of its own asks for the structures only. */
let outlineContent: OutlineContent = 'full';

connection.onInitialize((params): InitializeResult => {
  pullsConfiguration = params.capabilities.workspace?.configuration === true;
  takesSnippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  // Editors pass settings as `{ settings: {...} }` or, like Helix's `config`, as `{ blueprint: {...} }`.
  const options = params.initializationOptions as BlueprintInitializationOptions | undefined;
  const given = options?.settings ?? options?.blueprint;
  if (given !== undefined) initialRaw = given;
  if (options?.outline === 'structures') outlineContent = 'structures';
  watchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceFolders = (params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : [])).flatMap(
    (uri) => pathOf(uri) ?? [],
  );
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
  if (pullsConfiguration)
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'blueprint' }).catch(() => undefined);
  void reloadWorkspaceFiles();
});

connection.onDidChangeConfiguration((change) => {
  contextByUri.clear();
  const pushed = (change.settings as { blueprint?: unknown } | undefined)?.blueprint;
  if (!pullsConfiguration && pushed !== undefined) initialRaw = pushed;
  void reloadWorkspaceFiles();
});

// Rc files (`.blueprintrc.json`, `.blueprintrc.jsonc`) and templates apply as soon as they are saved, without a restart.
connection.onDidChangeWatchedFiles(() => {
  project.forgetFiles();
  contextByUri.clear();
  void reloadWorkspaceFiles();
});
// A template closed unsaved is judged from disk again (closing cleared what its open text had).
documents.onDidClose((e) => {
  void contextByUri.get(e.document.uri)?.then((context) => {
    if (isTemplate(e.document.uri, context)) void reloadWorkspaceFiles();
  });
});

let watcherRegistration: Promise<{ dispose(): void } | undefined> = Promise.resolve(undefined);
/** Settings problems already shown: each distinct one is shown once, not on every keystroke. */
const reportedProblems = new Set<string>();
/** Template files on disk whose problems are published (cleared once fixed). */
const publishedTemplateProblems = new Set<string>();
/** Templates folders whose malformed files have been published since they were read. */
const publishedSets = new WeakSet<TemplateSet>();

/** Reads the templates again, tells the client which files to watch, and re-checks every open document. */
async function reloadWorkspaceFiles(): Promise<void> {
  try {
    await Promise.all(workspaceFolders.map((folder) => folderContext(folder)));
    if (watchesFiles) {
      const watchers = ['**/.blueprintrc.{json,jsonc}', ...(await templateGlobs())].map((globPattern) => ({ globPattern }));
      const previous = watcherRegistration;
      watcherRegistration = previous
        .then((old) => {
          old?.dispose();
          return connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
        })
        .catch(() => undefined);
    }
    await publishTemplateFiles();
  } catch (error) {
    connection.console.error(`Could not read the templates: ${describeError(error)}`);
  }
  for (const document of documents.all()) scheduleValidation(document);
}

/** The malformed template files on disk (not open in the editor), published in the files themselves. */
async function publishTemplateFiles(): Promise<void> {
  const sets = await project.templateSets();
  const malformed = sets
    .flatMap((set) => set.files)
    .filter((f) => f.problems.length > 0)
    .map((f) => ({ ...f, uri: pathToFileURL(f.path).href }))
    .filter((f) => !documents.get(f.uri));
  for (const uri of publishedTemplateProblems) {
    if (!malformed.some((f) => f.uri === uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
  publishedTemplateProblems.clear();
  for (const set of sets) publishedSets.add(set);
  for (const file of malformed) {
    publishedTemplateProblems.add(file.uri);
    // So that opening the template and fixing it clears them.
    published.add(file.uri);
    void connection.sendDiagnostics({
      uri: file.uri,
      diagnostics: templateDiagnostics(TextDocument.create(file.uri, 'markdown', 0, file.text), file.problems),
    });
  }
}

/** Globs of the template files, for the client to watch: each templates folder read, relative to its workspace folder. */
async function templateGlobs(): Promise<string[]> {
  const globs = (await project.templateSets()).flatMap((set) => {
    const folder = workspaceFolderOf(set.folder);
    const inside = folder === undefined ? '' : relative(folder, set.folder).split('\\').join('/');
    return inside === '' ? [] : [`**/${inside}/*.md`];
  });
  return [...new Set(globs)];
}

/** The innermost workspace folder holding a path. */
function workspaceFolderOf(path: string): string | undefined {
  return workspaceFolders.filter((folder) => isInside(path, folder)).sort((a, b) => b.length - a.length)[0];
}

/** The settings the user set in the editor for a document or folder. */
function editorSettings(uri: string): Promise<unknown> {
  return pullsConfiguration
    ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'blueprint' }).then(
        (raw: unknown) => raw ?? initialRaw,
        () => initialRaw,
      )
    : Promise.resolve(initialRaw);
}

/**
 * What applies to a document: its folder's rc file (up to its workspace folder) under the editor
 * settings, and the templates of its templates folder. Unsaved documents belong to the first
 * workspace folder. Problems with the settings are shown once each.
 */
function contextFor(uri: string): Promise<FolderContext> {
  let context = contextByUri.get(uri);
  if (!context) {
    const path = pathOf(uri);
    context = resolvedContext(uri, path ? dirname(path) : workspaceFolders[0]);
    contextByUri.set(uri, context);
  }
  return context;
}

/** What applies to the files directly in a folder (a workspace folder, or one a new blueprint goes to). */
function folderContext(folder: string): Promise<FolderContext> {
  const uri = pathToFileURL(folder).href;
  let context = contextByUri.get(uri);
  if (!context) {
    context = resolvedContext(uri, folder);
    contextByUri.set(uri, context);
  }
  return context;
}

async function resolvedContext(uri: string, directory: string | undefined): Promise<FolderContext> {
  const context = await project.contextFor(directory, await editorSettings(uri));
  reportSettingsProblems(context.problems);
  if (context.templateSet && !publishedSets.has(context.templateSet)) void publishTemplateFiles();
  return context;
}

function reportSettingsProblems(problems: readonly SettingsProblem[]): void {
  for (const problem of problems) {
    if (reportedProblems.has(problem.message)) continue;
    reportedProblems.add(problem.message);
    connection.console.warn(problem.message);
    void connection.window.showWarningMessage(`Blueprint: ${problem.message}.`);
  }
}

async function settingsFor(uri: string): Promise<BlueprintSettings> {
  return (await contextFor(uri)).settings;
}

function isTemplate(uri: string, context: FolderContext): boolean {
  const path = pathOf(uri);
  return path !== undefined && Project.isTemplateFile(path, context);
}

/** Every template of the workspace folders, built-in first, each title once (for pickers that name no document). */
async function workspaceTemplates(): Promise<readonly TemplateSchema[]> {
  const contexts = await Promise.all(workspaceFolders.map((folder) => folderContext(folder)));
  const byTitle = new Map<string, TemplateSchema>();
  for (const template of [...builtinTemplates, ...contexts.flatMap((c) => c.templates)]) {
    const key = nameKey(template.titlePrefix);
    if (!byTitle.has(key)) byTitle.set(key, template);
  }
  return [...byTitle.values()];
}

/** The templates for a new blueprint that goes to `uri` (a file or a folder), else those of the whole workspace. */
async function templatesForNew(uri: string | undefined): Promise<{ templates: readonly TemplateSchema[]; settings: BlueprintSettings }> {
  const path = uri === undefined ? undefined : pathOf(uri);
  if (uri === undefined || path === undefined) return { templates: await workspaceTemplates(), settings: await settingsFor(uri ?? '') };
  const context = (await nodeFileAccess.stat(path)).kind === 'folder' ? await folderContext(path) : await contextFor(uri);
  return { templates: context.templates, settings: context.settings };
}

/** The analysed blueprint for a document, or undefined for plain Markdown and for documents too large to analyse. */
async function analysed(uri: string, token?: CancellationToken) {
  const document = documents.get(uri);
  if (!document) return undefined;
  const context = await contextFor(uri);
  throwIfCancelled(token);
  if (isTemplate(uri, context) || isTooLarge(document, context.settings)) return undefined;
  return store.getInSlices(document, undefined, context.templates);
}

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

// Diagnostics are computed once the burst of changes a client sends has been read, and only for the
// latest version: a version that is already stale is never published.
const pending = new Map<string, NodeJS.Immediate>();
/** Documents whose diagnostics (maybe none) were published: closing them, or their ceasing to be checked, clears them. */
const published = new Set<string>();

function scheduleValidation(document: TextDocument): void {
  const uri = document.uri;
  const queued = pending.get(uri);
  if (queued) clearImmediate(queued);
  // Two turns of the event loop: vscode-jsonrpc handles one queued message per turn, so a change that
  // is already read from the pipe arrives in between and replaces this validation before it runs.
  pending.set(
    uri,
    setImmediate(() => {
      pending.set(
        uri,
        setImmediate(() => {
          pending.delete(uri);
          void validate(uri).catch((error: unknown) => connection.console.error(`Could not check ${uri}: ${describeError(error)}`));
        }),
      );
    }),
  );
}

async function validate(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const context = await contextFor(uri);
  const { settings, templates } = context;
  const template = isTemplate(uri, context);
  // A long document's first analysis yields to other requests between slices; checkDocument then reads the cache.
  if (!template && !isTooLarge(document, settings)) await store.getInSlices(document, undefined, templates);
  if (documents.get(uri)?.version !== version) return;
  // Undefined for plain Markdown, which is not checked.
  const diagnostics = template
    ? templateDiagnostics(document, await project.templateProblems(context, pathOf(uri)!, document.getText()))
    : checkDocument(document, store, settings, templates);
  idleCollection?.workDone();
  if (documents.get(uri)?.version !== version) return;
  // A checked document's diagnostics are published even when there are none, as the ESLint and
  // TypeScript servers do: a client can tell "checked, clean" from "not checked yet". A document
  // that is not checked gets nothing, unless it had diagnostics (it stopped being a blueprint): they are cleared.
  if (diagnostics === undefined && !published.has(uri)) return;
  if (diagnostics !== undefined) published.add(uri);
  else published.delete(uri);
  await connection.sendDiagnostics({ uri, version, diagnostics: diagnostics ?? [] });
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
  contextByUri.delete(uri);
  if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onDocumentSymbol(
  guard('documentSymbol', [], async (params, token) => {
    const blueprint = await analysed(params.textDocument.uri, token);
    return blueprint ? documentSymbols(blueprint, outlineContent) : [];
  }),
);

connection.onHover(
  guard('hover', null, async (params, token) => {
    const blueprint = await analysed(params.textDocument.uri, token);
    return blueprint ? hover(blueprint, params.position) : null;
  }),
);

connection.onCompletion(
  forBlueprint('completion', [], (blueprint, params, settings) =>
    completions(blueprint, params.position, footerValues(settings, new Date(), systemUserName), takesSnippets),
  ),
);
connection.onCodeAction(
  forBlueprint('codeAction', [], (blueprint, params, settings) => [
    ...codeActions(blueprint, params.context, footerValues(settings, new Date(), systemUserName)),
    ...(wants(params.context.only, CodeActionKind.QuickFix) ? ignoreDiagnosticActions(blueprint, params.context.diagnostics) : []),
    ...fixAllActions(blueprint, params.context, settings, footerValues(settings, new Date(), systemUserName)),
  ]),
);
connection.onCodeLens(
  forBlueprint('codeLens', [], (blueprint, _params, settings) => (settings.codeLens.enabled ? sectionCodeLenses(blueprint, settings) : [])),
);
connection.onExecuteCommand(
  guard('executeCommand', null, async (params) => {
    if (params.command !== REVEAL_PLACEHOLDER_COMMAND) return null;
    const [uri, selection] = (params.arguments ?? []) as RevealPlaceholderArguments;
    await connection.window.showDocument({ uri, selection, takeFocus: true });
    return null;
  }),
);
connection.onRequest(
  TemplatesRequest,
  guard('templates', [], async () => templateSummaries(await workspaceTemplates())),
);
connection.onDefinition(forBlueprint('definition', [], (blueprint, params) => definition(blueprint, params.position)));
connection.onReferences(
  forBlueprint('references', [], (blueprint, params) => references(blueprint, params.position, params.context.includeDeclaration)),
);
connection.onDocumentHighlight(
  forBlueprint('documentHighlight', [], (blueprint, params) => documentHighlights(blueprint, params.position)),
);
connection.onPrepareRename(forBlueprint('prepareRename', null, (blueprint, params) => prepareRename(blueprint, params.position)));
connection.onRenameRequest(forBlueprint('rename', null, (blueprint, params) => rename(blueprint, params.position, params.newName)));
connection.languages.semanticTokens.on(forBlueprint('semanticTokens', { data: [] }, (blueprint) => semanticTokens(blueprint)));

/** A guarded handler answering from the document's analysed blueprint, with `fallback` for plain Markdown. */
function forBlueprint<P extends { textDocument: { uri: string } }, R, F>(
  name: string,
  fallback: F,
  answer: (blueprint: AnalysedBlueprint, params: P, settings: BlueprintSettings) => R,
): (params: P) => Promise<R | F> {
  return guard<P, R | F>(name, fallback, async (params, token) => {
    const blueprint = await analysed(params.textDocument.uri, token);
    return blueprint ? answer(blueprint, params, await settingsFor(params.textDocument.uri)) : fallback;
  });
}

connection.onRequest(
  DocumentStatusRequest,
  guard('documentStatus', null, async (params) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    const { settings, templates } = await contextFor(params.uri);
    if (isTooLarge(document, settings)) {
      return looksLikeBlueprint(document, store, templates)
        ? { kind: '', sectionsPresent: 0, sectionsTotal: 0, placeholders: [], tooLarge: true }
        : null;
    }
    const blueprint = await store.getInSlices(document, undefined, templates);
    return blueprint ? documentStatus(blueprint) : null;
  }),
);

connection.onRequest(
  NewBlueprintRequest,
  guard('newBlueprint', null, async (params) => {
    const { templates, settings } = await templatesForNew(params.uri);
    return newBlueprint(templates, params, footerValues(settings, new Date(), systemUserName));
  }),
);

connection.onRequest(
  TemplateSnippetRequest,
  guard('templateSnippet', null, async (params) => templateSnippetFor(await workspaceTemplates(), params)),
);

/** A failing feature answers with its empty result and a log line; it never takes the server down. */
function guard<P, R>(
  name: string,
  fallback: R,
  handler: (params: P, token?: CancellationToken) => Promise<R> | R,
): (params: P, token?: CancellationToken) => Promise<R> {
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
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

documents.listen(connection);
connection.listen();
