import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { DocumentStatus } from '../../server/src/protocol';
import { blueprintMarkdownIt } from './preview-markdown-it';

/** Asks the server about a document; null when it is not a blueprint. */
export type BlueprintStatusSource = (document: vscode.TextDocument) => Promise<DocumentStatus | null>;

/**
 * The built-in Markdown preview, for blueprints only: their `mermaid` blocks are drawn (written as
 * `<div class="blueprint-mermaid">` for dist/markdown-preview.js) and their unfilled placeholders
 * marked. Which documents are blueprints, and where their placeholders are, the server says
 * (`blueprint/documentStatus`, asked as their diagnostics change): the client parses nothing.
 */
export class BlueprintPreview implements vscode.Disposable {
  /** Per blueprint URI: its placeholders as written (`[Name]`), by line. */
  private readonly blueprints = new Map<string, Map<number, Set<string>>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly statusOf: BlueprintStatusSource) {
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) {
          const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (document?.languageId === 'markdown') void this.learn(document);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.blueprints.delete(document.uri.toString())),
    );
    for (const document of vscode.workspace.textDocuments) if (document.languageId === 'markdown') void this.learn(document);
  }

  /** Asks the server whether a document is a blueprint and where its placeholders are; refreshes the preview when that changed. */
  async learn(document: vscode.TextDocument): Promise<void> {
    const status = await this.statusOf(document).catch(() => null);
    const key = document.uri.toString();
    const before = this.blueprints.get(key);
    if (!status) {
      if (this.blueprints.delete(key)) void vscode.commands.executeCommand('markdown.preview.refresh');
      return;
    }
    const byLine = new Map<number, Set<string>>();
    for (const range of status.placeholders) {
      const text = document.getText(new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character));
      let line = byLine.get(range.start.line);
      if (!line) byLine.set(range.start.line, (line = new Set()));
      line.add(text);
    }
    this.blueprints.set(key, byLine);
    if (!before || !samePlaceholders(before, byLine)) void vscode.commands.executeCommand('markdown.preview.refresh');
  }

  /** The markdown-it plugin, for `extendMarkdownIt`. */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt {
    return blueprintMarkdownIt(md, (env) => {
      const uri = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
      return uri ? this.blueprints.get(uri.toString()) : undefined;
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function samePlaceholders(a: ReadonlyMap<number, ReadonlySet<string>>, b: ReadonlyMap<number, ReadonlySet<string>>): boolean {
  if (a.size !== b.size) return false;
  for (const [line, set] of a) {
    const other = b.get(line);
    if (!other || other.size !== set.size || [...set].some((p) => !other.has(p))) return false;
  }
  return true;
}
