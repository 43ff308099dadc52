import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedBlueprint } from './documents/analysed-document';
import { BlueprintStore } from './documents/blueprint-store';
import { codeActions, CODE_ACTION_KINDS } from './features/code-actions';
import { completions, COMPLETION_TRIGGER_CHARACTERS } from './features/completion';
import { computeDiagnostics } from './features/diagnostics';
import { documentStatus } from './features/document-status';
import { documentSymbols } from './features/document-symbols';
import { footerValues } from './features/footer-values';
import { hover } from './features/hover';
import { definition, documentHighlights, prepareRename, references, rename } from './features/navigation';
import { semanticTokens, SEMANTIC_TOKENS_LEGEND } from './features/semantic-tokens';
import { isTooLarge, looksLikeBlueprint, tooLargeDiagnostics } from './features/size-limit';
import { DocumentStatusRequest } from './protocol';
import { DEFAULT_SETTINGS, readSettings, type BlueprintSettings } from './settings';

// Wiring only: every answer comes from a feature module working on the cached model.
const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const store = new BlueprintStore();

let pullsConfiguration = false;
/** Clients without snippet support get completion text without tab stops. */
let takesSnippets = true;
let initialSettings: BlueprintSettings = DEFAULT_SETTINGS;
const settingsByUri = new Map<string, Promise<BlueprintSettings>>();

connection.onInitialize((params): InitializeResult => {
  pullsConfiguration = params.capabilities.workspace?.configuration === true;
  takesSnippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  // Editors pass settings as `{ settings: {...} }` or, like Helix's `config`, as `{ blueprint: {...} }`.
  const options = params.initializationOptions as { settings?: unknown; blueprint?: unknown } | undefined;
  const given = options?.settings ?? options?.blueprint;
  if (given !== undefined) initialSettings = readSettings(given);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: 'Blueprint' },
      hoverProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
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
});

connection.onDidChangeConfiguration((change) => {
  settingsByUri.clear();
  const pushed = (change.settings as { blueprint?: unknown } | undefined)?.blueprint;
  if (!pullsConfiguration && pushed !== undefined) initialSettings = readSettings(pushed);
  for (const document of documents.all()) scheduleValidation(document);
});

function settingsFor(uri: string): Promise<BlueprintSettings> {
  if (!pullsConfiguration) return Promise.resolve(initialSettings);
  let settings = settingsByUri.get(uri);
  if (!settings) {
    settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'blueprint' })
      .then((raw) => (raw === null || raw === undefined ? initialSettings : readSettings(raw)), () => initialSettings);
    settingsByUri.set(uri, settings);
  }
  return settings;
}

/** The analysed blueprint for a document, or undefined for plain Markdown and for documents too large to analyse. */
async function analysed(uri: string) {
  const document = documents.get(uri);
  if (!document) return undefined;
  const settings = await settingsFor(uri);
  if (isTooLarge(document, settings)) return undefined;
  return store.get(document);
}

// Diagnostics are computed once the burst of changes a client sends has been read, and only for the
// latest version: a version that is already stale is never published.
const pending = new Map<string, NodeJS.Immediate>();
const published = new Set<string>();

function scheduleValidation(document: TextDocument): void {
  const uri = document.uri;
  const queued = pending.get(uri);
  if (queued) clearImmediate(queued);
  pending.set(uri, setImmediate(() => {
    pending.delete(uri);
    void validate(uri).catch((error: unknown) => connection.console.error(`Could not check ${uri}: ${describeError(error)}`));
  }));
}

async function validate(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const settings = await settingsFor(uri);
  let diagnostics;
  if (isTooLarge(document, settings)) {
    diagnostics = looksLikeBlueprint(document, store) ? tooLargeDiagnostics(document, settings) : [];
  } else {
    const blueprint = store.get(document);
    diagnostics = blueprint ? computeDiagnostics(blueprint, settings) : [];
  }
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
  settingsByUri.delete(uri);
  if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onDocumentSymbol(guard('documentSymbol', [], async (params) => {
  const blueprint = await analysed(params.textDocument.uri);
  return blueprint ? documentSymbols(blueprint) : [];
}));

connection.onHover(guard('hover', null, async (params) => {
  const blueprint = await analysed(params.textDocument.uri);
  return blueprint ? hover(blueprint, params.position) : null;
}));

connection.onCompletion(forBlueprint('completion', [], (blueprint, params, settings) => completions(blueprint, params.position, footerValues(settings), takesSnippets)));
connection.onCodeAction(forBlueprint('codeAction', [], (blueprint, params, settings) => codeActions(blueprint, params.context, footerValues(settings))));
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
  return guard<P, R | F>(name, fallback, async (params) => {
    const blueprint = await analysed(params.textDocument.uri);
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
  const blueprint = store.get(document);
  return blueprint ? documentStatus(blueprint) : null;
}));

/** A failing feature answers with its empty result and a log line; it never takes the server down. */
function guard<P, R>(name: string, fallback: R, handler: (params: P) => Promise<R> | R): (params: P) => Promise<R> {
  return async (params: P) => {
    try {
      return await handler(params);
    } catch (error) {
      connection.console.error(`${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

documents.listen(connection);
connection.listen();
