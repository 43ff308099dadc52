import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

/** A file whose diagnostics are published though it is not open: a malformed template on disk. */
export interface FileDiagnostics {
  readonly uri: string;
  readonly diagnostics: Diagnostic[];
}

/**
 * The publishing policy, the one place that sends `textDocument/publishDiagnostics`:
 * - a checked document's diagnostics are published for its version even when there are none, as
 *   the ESLint and TypeScript servers do, so that a client can tell "checked, clean" from "not
 *   checked yet";
 * - a document that is not checked (plain Markdown) gets nothing, unless it had a publication (it
 *   stopped being a blueprint): that is cleared, once; closing a document clears its publication;
 * - a version the editor has already replaced, or a document already closed, gets nothing: a stale
 *   result is never published;
 * - malformed templates on disk are published in their own files while they are not open, and
 *   cleared once they are fixed.
 */
export class DiagnosticsPublisher {
  /** Documents and files whose publication (maybe an empty list) is in force. */
  private readonly published = new Set<string>();
  /**
   * What each open document's last publication said, for its version: a document checked again at the
   * same version (another blueprint's declarations changed) is published again only when its
   * diagnostics did change.
   */
  private readonly lastSaid = new Map<string, { readonly version: number; readonly diagnostics: readonly Diagnostic[] }>();
  /** Template files on disk, not open, whose problems are published. */
  private templateFiles = new Set<string>();
  private disposed = false;
  /**
   * The client pulls the documents' diagnostics (`textDocument/diagnostic`, `workspace/diagnostic`):
   * a document's are then never pushed as well, which would list them twice (a client keeps pushed
   * and pulled diagnostics apart); what was pushed before (a template on disk, now open) is cleared.
   */
  pulled = false;

  /**
   * `send`: the connection's `sendDiagnostics`; `versionOf`: the version of an open document, undefined
   * for one that is not open.
   */
  constructor(
    private readonly send: (params: PublishDiagnosticsParams) => Promise<void>,
    private readonly versionOf: (uri: string) => number | undefined,
  ) {}

  /** The outcome of checking `version` of an open document: its diagnostics, or undefined when it is not checked. */
  document(uri: string, version: number, diagnostics: Diagnostic[] | undefined): void {
    if (this.versionOf(uri) !== version) return;
    if (diagnostics === undefined || this.pulled) {
      this.lastSaid.delete(uri);
      if (this.published.delete(uri)) this.publish({ uri, version, diagnostics: [] });
      return;
    }
    const last = this.lastSaid.get(uri);
    // Compared only for a version already published (never on a keystroke's new version).
    if (this.published.has(uri) && last?.version === version && JSON.stringify(last.diagnostics) === JSON.stringify(diagnostics)) return;
    this.lastSaid.set(uri, { version, diagnostics });
    this.published.add(uri);
    this.publish({ uri, version, diagnostics });
  }

  /** A document was closed: what it had is cleared (a template on disk gets its file's problems again with the next `templateFilesOnDisk`). */
  closed(uri: string): void {
    this.templateFiles.delete(uri);
    this.lastSaid.delete(uri);
    if (this.published.delete(uri)) this.publish({ uri, diagnostics: [] });
  }

  /** The malformed template files of the workspace as last read; those that are open are the documents' to publish. */
  templateFilesOnDisk(files: readonly FileDiagnostics[]): void {
    const closed = files.filter((file) => this.versionOf(file.uri) === undefined);
    const now = new Set(closed.map((file) => file.uri));
    for (const uri of this.templateFiles) {
      if (now.has(uri) || this.versionOf(uri) !== undefined) continue;
      this.published.delete(uri);
      this.publish({ uri, diagnostics: [] });
    }
    this.templateFiles = now;
    for (const file of closed) {
      // Published like a document's, so that opening the template and fixing it clears them.
      this.published.add(file.uri);
      this.publish({ uri: file.uri, diagnostics: file.diagnostics });
    }
  }

  /** Nothing more is sent (the server is stopping). */
  dispose(): void {
    this.disposed = true;
  }

  private publish(params: PublishDiagnosticsParams): void {
    if (this.disposed) return;
    // It fails only when the connection is gone, and then there is no one left to tell.
    this.send(params).catch(() => undefined);
  }
}
