import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { Range } from 'vscode-languageserver-protocol';
import {
  DiagramRequest,
  DocumentStatusRequest,
  type Diagram,
  type DiagramKind,
  NewBlueprintRequest,
  TemplateSnippetRequest,
  TemplatesRequest,
  WorkspaceSummaryChangedNotification,
  WorkspaceSummaryRequest,
  type DocumentStatus,
  type NewBlueprint,
  type NewBlueprintParams,
  type TemplateSnippet,
  type TemplateSnippetParams,
  type TemplateSummary,
  type WorkspaceSummary,
} from '../../server/src/protocol';

/** The running language server as the extension's commands and status bar use it: its custom requests. */
export class BlueprintServer {
  private starting: Promise<void>;

  constructor(readonly client: BaseLanguageClient) {
    this.starting = client.start();
  }

  /** Settles once the server has answered `initialize` (again after a restart); rejects when it could not start. */
  get ready(): Promise<void> {
    return this.starting;
  }

  async restart(): Promise<void> {
    this.starting = this.client.isRunning() ? this.client.stop().then(() => this.client.start()) : this.client.start();
    await this.starting;
  }

  /** How complete a document is; null when it is not a blueprint. */
  async status(document: vscode.TextDocument): Promise<DocumentStatus | null> {
    await this.starting;
    return this.client.sendRequest(DocumentStatusRequest, { uri: this.client.code2ProtocolConverter.asUri(document.uri) });
  }

  /** A blueprint's diagram as Mermaid text; null when the document is not a blueprint. */
  async diagram(document: vscode.TextDocument, kind: DiagramKind): Promise<Diagram | null> {
    await this.starting;
    return this.client.sendRequest(DiagramRequest, { uri: this.client.code2ProtocolConverter.asUri(document.uri), kind });
  }

  async newBlueprint(params: NewBlueprintParams): Promise<NewBlueprint | null> {
    await this.starting;
    return this.client.sendRequest(NewBlueprintRequest, params);
  }

  async templateSnippet(params: TemplateSnippetParams): Promise<TemplateSnippet | null> {
    await this.starting;
    return this.client.sendRequest(TemplateSnippetRequest, params);
  }

  /** Every template in force, built-in first. */
  async templates(): Promise<TemplateSummary[]> {
    await this.starting;
    return this.client.sendRequest(TemplatesRequest, {});
  }

  /** Every blueprint of the workspace with its progress and problems (the Blueprints view). */
  async workspaceSummary(): Promise<WorkspaceSummary> {
    await this.starting;
    return this.client.sendRequest(WorkspaceSummaryRequest, {});
  }

  /** Calls `listener` whenever the server says the workspace summary changed. */
  onWorkspaceChanged(listener: () => void): vscode.Disposable {
    return this.client.onNotification(WorkspaceSummaryChangedNotification, listener);
  }

  asRange(range: Range): vscode.Range {
    return this.client.protocol2CodeConverter.asRange(range);
  }
}
