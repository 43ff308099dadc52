import type { CancellationToken, Connection, Diagnostic, TextDocuments, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BlueprintStore } from '../documents/blueprint-store';
import { classifyDocumentInSlices, type DocumentClass } from '../documents/classification';
import { checkedDiagnostics } from '../features/checked-diagnostics';
import { resolveStructureDiagnostics } from '../features/workspace-structures';
import type { BlueprintSettings } from '../settings';
import { indexedFile, type WorkspaceIndex } from '../workspace/workspace-index';
import type { FolderContext } from '../project/project';
import type { DiagnosticsPublisher } from './diagnostics-publisher';
import type { ServerHost } from './host';
import { SLICE_MS, type ProjectFiles } from './project-files';
import { describeError, throwIfCancelled } from './request-guard';
import type { SettingsStore } from './settings-store';
import { ValidationScheduler } from './validation-scheduler';

/** An open document as the pipeline sees it at its current version: what applies to it, and what it is. */
export interface ClassifiedDocument {
  readonly document: TextDocument;
  readonly context: FolderContext;
  readonly classified: DocumentClass;
}

/**
 * How the open documents are made and changed, telling `edited` every change as offsets into the
 * text just before it (the changes of one notification are applied one after another, as
 * `TextDocument.update` applies them), so that the analysis re-cuts only the edited region.
 */
export function documentsTellingEdits(
  edited: (uri: string, start: number, end: number, insertedLength: number) => void,
): TextDocumentsConfiguration<TextDocument> {
  return {
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => {
      for (const change of changes) {
        if ('range' in change) {
          edited(document.uri, document.offsetAt(change.range.start), document.offsetAt(change.range.end), change.text.length);
        } else {
          edited(document.uri, 0, document.getText().length, change.text.length);
        }
        TextDocument.update(document, [change], version);
      }
      return document;
    },
  };
}

/**
 * The open documents, from a keystroke to published diagnostics: each change schedules a check
 * (validation-scheduler.ts), which classifies the document (documents/classification.ts, the same
 * classification `blueprint check` uses), analyses a blueprint through the store (a first analysis
 * in slices), works out its diagnostics and hands them to the publishing policy
 * (diagnostics-publisher.ts). Requests get the same classification of the same version.
 */
export class DocumentPipeline {
  private readonly store: BlueprintStore;
  private readonly scheduler: ValidationScheduler;
  /**
   * What each open document was last checked at: its version, and the context that applied. Asked to
   * check every document again (at start-up, when settings or files change), the pipeline skips those
   * whose version and context are the ones it already published for.
   */
  private readonly checked = new Map<string, { readonly version: number; readonly context: FolderContext }>();
  private disposed = false;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly host: ServerHost,
    private readonly settings: SettingsStore,
    private readonly files: ProjectFiles,
    private readonly publisher: DiagnosticsPublisher,
    private readonly index: WorkspaceIndex,
    private readonly events: {
      readonly logError: (message: string) => void;
      /** A template was closed: its file on disk is what counts again. */
      readonly templateClosed: () => void;
      /** A blueprint's name in messages (its path in the workspace). */
      readonly describe: (uri: string) => string;
    },
  ) {
    this.store = new BlueprintStore(undefined, { slicing: { sliceMs: SLICE_MS, pause: host.nextTurn } });
    this.scheduler = new ValidationScheduler(host.nextTurn, (uri) => this.check(uri));
    documents.onDidOpen((e) => this.scheduler.schedule(e.document.uri));
    documents.onDidChangeContent((e) => this.scheduler.schedule(e.document.uri));
    documents.onDidClose((e) => this.closed(e.document.uri));
  }

  /** An open document was edited (see `documentsTellingEdits`). */
  edited(uri: string, start: number, end: number, insertedLength: number): void {
    this.store.edited(uri, start, end, insertedLength);
  }

  listen(connection: Connection): void {
    this.documents.listen(connection);
  }

  isOpen(uri: string): boolean {
    return this.documents.get(uri) !== undefined;
  }

  /** Every open document is checked again (the settings or the files changed). */
  checkAll(): void {
    for (const document of this.documents.all()) this.scheduler.schedule(document.uri);
  }

  /**
   * Open documents that name any of `names` are checked again: a structure of that name was
   * declared, removed or moved in another blueprint, so what they refer to changed.
   */
  recheckUsing(names: ReadonlySet<string>): void {
    if (names.size === 0) return;
    for (const document of this.documents.all()) {
      const facts = this.index.get(document.uri)?.facts;
      if (!facts?.names.some((place) => place.role !== 'declaration' && names.has(place.name))) continue;
      this.checked.delete(document.uri);
      this.scheduler.schedule(document.uri);
    }
  }

  /**
   * The diagnostics of an open document at its current version (structures resolved across the
   * workspace): what a pull (`textDocument/diagnostic`) answers. Undefined for one that is not
   * open or not checked (plain Markdown).
   */
  async diagnosticsOf(uri: string, token?: CancellationToken): Promise<Diagnostic[] | undefined> {
    const found = await this.classify(uri, token);
    return found && (await this.diagnosticsOfClassified(uri, found));
  }

  /** The workspace's structures where a document's settings look for them (`blueprint.structures.scope`). */
  structuresFor(settings: BlueprintSettings): WorkspaceIndex['structures'] | undefined {
    return settings.structures.scope === 'workspace' ? this.index.structures : undefined;
  }

  /** An open document at its current version, classified (a blueprint analysed); undefined for one that is not open. */
  async classify(uri: string, token?: CancellationToken): Promise<ClassifiedDocument | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const context = await this.settings.contextFor(uri);
    throwIfCancelled(token);
    const classified = await classifyDocumentInSlices(document, { path: this.host.pathOf(uri), context }, this.store);
    return { document, context, classified };
  }

  /** Nothing more is checked (the server is stopping). */
  dispose(): void {
    this.disposed = true;
    this.scheduler.dispose();
    // A first analysis under way stops at its next pause.
    for (const document of this.documents.all()) this.store.forget(document.uri);
  }

  private async check(uri: string): Promise<void> {
    try {
      if (this.disposed) return;
      const document = this.documents.get(uri);
      if (!document) return;
      const version = document.version;
      const found = await this.classify(uri);
      if (!found || document.version !== version || this.documents.get(uri) !== document) return;
      const { context } = found;
      const last = this.checked.get(uri);
      if (last?.version === version && last.context === context) return;
      const diagnostics = await this.diagnosticsOfClassified(uri, found);
      this.host.workDone();
      if (this.disposed || this.documents.get(uri) !== document) return;
      this.checked.set(uri, { version, context });
      this.publisher.document(uri, version, diagnostics);
    } catch (error) {
      this.events.logError(`Could not check ${uri}: ${describeError(error)}`);
    }
  }

  /** A classified document's diagnostics; its facts handed to the workspace index on the way. */
  private async diagnosticsOfClassified(
    uri: string,
    { document, context, classified }: ClassifiedDocument,
  ): Promise<Diagnostic[] | undefined> {
    if (classified.kind === 'blueprint' || classified.kind === 'too-large') {
      const file = indexedFile(document, classified, context.settings);
      // A new, unsaved blueprint resolves its structures against the workspace but is none of its files yet.
      if (this.host.pathOf(uri) !== undefined) this.index.documentChanged(uri, file);
      return file && resolveStructureDiagnostics(file.diagnostics, uri, this.structuresFor(context.settings), this.events.describe);
    }
    this.index.documentChanged(uri, undefined);
    const path = this.host.pathOf(uri);
    const problems =
      classified.kind === 'template' && path !== undefined ? await this.files.templateProblems(context, path, document.getText()) : [];
    return checkedDiagnostics(document, classified, context.settings, problems);
  }

  private closed(uri: string): void {
    this.scheduler.cancel(uri);
    this.checked.delete(uri);
    this.store.forget(uri);
    this.host.workDone();
    const context = this.settings.forget(uri);
    this.publisher.closed(uri);
    void this.index.documentClosed(uri, this.host.pathOf(uri));
    // A template closed unsaved is judged from disk again (closing cleared what its open text had).
    const path = this.host.pathOf(uri);
    void context?.then(
      (resolved) => {
        if (this.files.isTemplate(path, resolved)) this.events.templateClosed();
      },
      () => undefined,
    );
  }
}
