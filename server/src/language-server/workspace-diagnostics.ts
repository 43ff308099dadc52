import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { resolveStructureDiagnostics } from '../features/workspace-structures';
import { blueprintSummary, byPath, statusValues } from '../features/workspace-summary';
import { WorkspaceSummaryChangedNotification, type WorkspaceSummary } from '../protocol';
import type { IndexedFile, WorkspaceIndex } from '../workspace/workspace-index';
import type { DocumentPipeline } from './document-pipeline';

/**
 * Problems of every blueprint, open or not, for a client that pulls diagnostics (LSP 3.17): the
 * open documents' through `textDocument/diagnostic` (their current text, from the document
 * pipeline), every other indexed blueprint's through `workspace/diagnostic` (from the workspace
 * index's facts). Each report carries a result id made from its content, so a file whose problems
 * did not change is answered `unchanged`, without its diagnostics. A client pulls the open
 * documents itself and prefers their reports over the workspace's (vscode-languageclient does), so
 * nothing is listed twice; closing a document keeps its problems (the next workspace report has
 * them) unless `blueprint.diagnostics.scope` is `openFiles`. The Blueprints view's summary is read
 * from the same place.
 */
export class WorkspaceDiagnostics {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly pipeline: DocumentPipeline,
    private readonly describe: (uri: string) => string,
  ) {}

  async document(params: DocumentDiagnosticParams, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const items = (await this.pipeline.diagnosticsOf(uri, token)) ?? this.closedFile(this.index.get(uri)) ?? [];
    return report(items, params.previousResultId);
  }

  workspace(params: WorkspaceDiagnosticParams): WorkspaceDiagnosticReport {
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const reported = new Set<string>();
    for (const file of this.index.all()) {
      if (this.pipeline.isOpen(file.uri)) continue;
      const diagnostics = this.closedFile(file);
      if (diagnostics === undefined) continue;
      reported.add(file.uri);
      items.push({ uri: file.uri, version: null, ...report(diagnostics, previous.get(file.uri)) });
    }
    // A file that left the index (deleted, no longer a blueprint, excluded) loses what it had.
    for (const [uri, resultId] of previous) {
      if (reported.has(uri) || this.pipeline.isOpen(uri)) continue;
      items.push({ uri, version: null, ...report([], resultId) });
    }
    return { items };
  }

  summary(): WorkspaceSummary {
    const files = [...this.index.all()].map((file) => ({
      uri: file.uri,
      path: this.describe(file.uri),
      facts: file.facts,
      diagnostics: this.resolved(file),
    }));
    return {
      statuses: statusValues(files),
      blueprints: files.map(blueprintSummary).sort(byPath),
      indexing: this.index.indexing,
    };
  }

  /** A file's problems as a closed file lists them: none with `blueprint.diagnostics.scope` `openFiles`. */
  private closedFile(file: IndexedFile | undefined): Diagnostic[] | undefined {
    if (!file || file.settings.diagnosticsScope === 'openFiles') return undefined;
    return this.resolved(file);
  }

  private resolved(file: IndexedFile): Diagnostic[] {
    return resolveStructureDiagnostics(file.diagnostics, file.uri, this.pipeline.structuresFor(file.settings), this.describe);
  }
}

/** A full report, or `unchanged` when the client already has these diagnostics (same result id). */
function report(items: Diagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport {
  const resultId = resultIdOf(items);
  return resultId === previousResultId
    ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId }
    : { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}

/** A result id from the diagnostics themselves (FNV-1a of their JSON): the same problems, the same id, across restarts too. */
export function resultIdOf(items: readonly Diagnostic[]): string {
  const text = JSON.stringify(items);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${items.length}-${(hash >>> 0).toString(16)}`;
}

/** How long changes of the index are gathered before the client is told (a build stores many files in a row). */
const CHANGES_GATHERED_MS = 200;

/**
 * Tells the client that the workspace changed, once per burst of changes: the Blueprints view asks
 * for the summary again (`blueprint/workspaceSummaryChanged`), and a client that pulls diagnostics
 * pulls them again (`workspace/diagnostic/refresh`).
 */
export class WorkspaceChanges {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refresh = false;
  private readonly declarations = new Set<string>();
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly refreshesDiagnostics: () => boolean,
    /** Checks the open documents that use any of these names again (the document pipeline's `recheckUsing`). */
    private readonly recheckUsing: (names: ReadonlySet<string>) => void,
  ) {}

  /**
   * `otherFiles`: the change reaches other files' problems (a structure declared, removed, moved; a
   * file read from disk): diagnostics are pulled again. An edit that changes only the document's own
   * problems needs no refresh: the client pulls an edited document itself. `declarations`: the
   * structure names declared, removed or moved, whose users among the open documents are checked
   * again, once per burst (a build stores many files in a row).
   */
  changed(otherFiles: boolean, declarations: ReadonlySet<string>): void {
    if (this.disposed) return;
    this.refresh ||= otherFiles;
    for (const name of declarations) this.declarations.add(name);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.disposed) return;
      const names = new Set(this.declarations);
      this.declarations.clear();
      this.recheckUsing(names);
      void this.connection.sendNotification(WorkspaceSummaryChangedNotification, {}).catch(() => undefined);
      if (this.refresh && this.refreshesDiagnostics()) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      this.refresh = false;
    }, CHANGES_GATHERED_MS);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }
}
