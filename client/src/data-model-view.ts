import * as vscode from 'vscode';
import type { Diagram, DiagramKind } from '../../server/src/protocol';

/** Asks the server for a blueprint's diagram; null for a document that is not a blueprint. */
export type DiagramSource = (document: vscode.TextDocument, kind: DiagramKind) => Promise<Diagram | null>;

/** What the view's script sends back. */
type ViewMessage =
  | { readonly type: 'reveal'; readonly id: string }
  | { readonly type: 'copy' }
  | { readonly type: 'save-svg'; readonly svg: string }
  | { readonly type: 'rendered'; readonly nodes: number }
  | { readonly type: 'ready' };

/** How long typing pauses before the diagram is drawn again. */
const REDRAW_DELAY_MS = 250;

/**
 * "Blueprint: Show Data Model": a webview beside the editor drawing the active blueprint's data
 * model as the server writes it (`blueprint/diagram`), redrawn as the document changes. Mermaid
 * (dist/mermaid.js) is loaded only here and in the Markdown preview: no network, a Content
 * Security Policy that runs only this view's scripts (by nonce), colours from the theme.
 */
export class DataModelView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private diagram: Diagram | null = null;
  private readonly subscriptions: vscode.Disposable[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** Answers may arrive out of order; only the latest request's answer is drawn. */
  private latest = 0;
  /** How many nodes the view drew last (read by the integration tests). */
  renderedNodes = -1;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly diagramOf: DiagramSource,
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor?.document.languageId === 'markdown') void this.show(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document === this.document) this.redrawSoon();
      }),
    );
  }

  /** Opens the view beside the editor (or brings it forward) for a document. */
  async open(document: vscode.TextDocument | undefined): Promise<void> {
    if (!document) {
      void vscode.window.showInformationMessage('Open a blueprint to see its data model.');
      return;
    }
    if (!this.panel) {
      const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
      this.panel = vscode.window.createWebviewPanel(
        'blueprint.dataModel',
        'Data Model',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [dist], retainContextWhenHidden: true },
      );
      this.panel.webview.html = this.html(this.panel.webview, dist);
      this.panel.webview.onDidReceiveMessage((message: ViewMessage) => void this.received(message));
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.document = undefined;
      });
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    await this.show(document);
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  private async show(document: vscode.TextDocument): Promise<void> {
    this.document = document;
    await this.redraw();
  }

  private redrawSoon(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.redraw();
    }, REDRAW_DELAY_MS);
  }

  private async redraw(): Promise<void> {
    const document = this.document;
    if (!document || !this.panel) return;
    const request = ++this.latest;
    const diagram = await this.diagramOf(document, 'data-model').catch(() => null);
    if (request !== this.latest || !this.panel) return;
    this.diagram = diagram;
    this.panel.title = `Data Model: ${document.uri.path.split('/').pop() ?? ''}`;
    void this.panel.webview.postMessage(
      diagram
        ? { type: 'diagram', mermaid: diagram.mermaid, ids: diagram.structures.map((s) => s.id) }
        : { type: 'none', message: 'The active document is not a blueprint.' },
    );
  }

  private async received(message: ViewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.redraw();
        return;
      case 'rendered':
        this.renderedNodes = message.nodes;
        return;
      case 'copy':
        if (this.diagram) await vscode.env.clipboard.writeText(this.diagram.mermaid);
        return;
      case 'reveal': {
        const structure = this.diagram?.structures.find((s) => s.id === message.id);
        if (!structure || !this.document) return;
        const { start, end } = structure.range;
        const selection = new vscode.Range(start.line, start.character, end.line, end.character);
        await vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.One, selection });
        return;
      }
      case 'save-svg': {
        const base = this.document
          ? vscode.Uri.joinPath(this.document.uri, '..', `${baseName(this.document.uri)}.data-model.svg`)
          : undefined;
        const target = await vscode.window.showSaveDialog({ filters: { SVG: ['svg'] }, ...(base ? { defaultUri: base } : {}) });
        if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(message.svg));
        return;
      }
    }
  }

  private html(webview: vscode.Webview, dist: vscode.Uri): string {
    const nonce = newNonce();
    const script = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(dist, name)).toString();
    // Mermaid writes <style> elements into each SVG it draws: styles are allowed inline, scripts only by nonce.
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      `style-src ${webview.cspSource} 'unsafe-inline'`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Data Model</title>
<style>
  body { padding: 0 1em; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
  .toolbar { position: sticky; top: 0; display: flex; gap: 0.5em; padding: 0.5em 0; background: var(--vscode-editor-background); }
  button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 0.3em 0.8em; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  #message { color: var(--vscode-descriptionForeground); }
  #diagram svg { max-width: 100%; height: auto; }
  #diagram g.node { cursor: pointer; }
</style>
</head>
<body>
<div class="toolbar"><button id="copy" title="Copy the Mermaid text">Copy Mermaid</button><button id="save" title="Save the diagram as an SVG file">Save SVG</button></div>
<p id="message"></p>
<div id="diagram"></div>
<script nonce="${nonce}" src="${script('mermaid.js')}"></script>
<script nonce="${nonce}" src="${script('data-model-view.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function baseName(uri: vscode.Uri): string {
  const name = uri.path.split('/').pop() ?? 'blueprint';
  return name.replace(/(\.blueprint)?\.md$/i, '');
}

function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
