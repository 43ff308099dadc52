import { readFileSync } from 'node:fs';
import type { Diagnostic, InitializeResult, Position, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../test/support/lsp-client';
import { now, percentile } from './statistics';

/** What a client sees of the real dist/server.js over stdio: timings of notifications answered by diagnostics, and of requests. */
export class ServerSession {
  private version = new Map<string, number>();
  private readonly texts = new Map<string, TextDocument>();

  private constructor(
    readonly client: LspClient,
    readonly capabilities: InitializeResult['capabilities'],
    readonly startMs: number,
  ) {}

  static async start(): Promise<ServerSession> {
    const started = now();
    const client = new LspClient();
    // The 100,000-line blueprint (2.7 MB) is above the default blueprint.maxDocumentSize: the bench measures its analysis.
    const result = await client.initialize({
      configuration: false,
      // As VS Code: code actions whose edit is large (Insert diagram) come without it, resolved when picked.
      resolvesCodeActionEdits: true,
      initializationOptions: { settings: { maxDocumentSize: Number.MAX_SAFE_INTEGER } },
    });
    const startMs = now() - started;
    return new ServerSession(client, result.capabilities, startMs);
  }

  /** Opens a document and returns how long its first diagnostics took. */
  async open(uri: string, text: string): Promise<number> {
    const started = now();
    this.version.set(uri, 1);
    this.texts.set(uri, TextDocument.create(uri, 'markdown', 1, text));
    await this.client.open(uri, text, 1);
    await this.client.diagnosticsFor(uri, 1, 600_000);
    return now() - started;
  }

  /**
   * Opens a document without waiting for diagnostics (a blueprint with no problems gets none): the
   * outline's answer says the model is built.
   */
  async openAndOutline(uri: string, text: string): Promise<void> {
    await this.client.open(uri, text, 1);
    await this.client.request('textDocument/documentSymbol', { textDocument: { uri } });
  }

  /** One incremental didChange, timed until the diagnostics of the new version arrive. */
  change(uri: string, at: Position, removeCharacters: number, insert: string): Promise<number> {
    return this.replace(uri, { start: at, end: { line: at.line, character: at.character + removeCharacters } }, insert);
  }

  /** Replaces a range with `insert` in one incremental didChange, timed until the new version's diagnostics arrive. */
  async replace(uri: string, range: Range, insert: string): Promise<number> {
    const version = this.version.get(uri)! + 1;
    this.version.set(uri, version);
    const document = this.texts.get(uri)!;
    this.texts.set(uri, TextDocument.update(document, [{ range, text: insert }], version));
    const started = now();
    await this.client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
    await this.client.diagnosticsFor(uri, version, 600_000);
    return now() - started;
  }

  /**
   * Types a character in the middle of the document and deletes it again, `count` edits in all, after
   * 20 untimed edits: the figures are of an author typing, with the server's code compiled, as the
   * in-process baselines are measured after a warm-up run.
   */
  async keystrokes(uri: string, count: number): Promise<number[]> {
    const at = middleOfText(this.texts.get(uri)!);
    const times: number[] = [];
    for (let i = -20; i < count; i++) {
      const time = i % 2 === 0 ? await this.change(uri, at, 0, 'x') : await this.change(uri, at, 1, '');
      if (i >= 0) times.push(time);
    }
    // An odd count leaves the character typed: take it out so the document is as opened.
    if (count % 2 === 1) await this.change(uri, at, 1, '');
    return times;
  }

  async requestTimes(method: string, params: unknown, count: number): Promise<number[]> {
    await this.client.request(method, params);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = now();
      await this.client.request(method, params);
      times.push(now() - started);
    }
    return times;
  }

  diagnostics(uri: string): readonly Diagnostic[] {
    return this.client.diagnostics.get(uri)?.diagnostics ?? [];
  }

  text(uri: string): TextDocument {
    return this.texts.get(uri)!;
  }

  /** The server's resident set size, from the kernel. */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.client.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)![1]) * 1024;
  }

  stop(): Promise<void> {
    return this.client.stop();
  }
}

/** Middle of the line that holds the document's middle offset: an edit inside ordinary content. */
export function middleOfText(document: TextDocument): Position {
  const middle = document.positionAt(Math.floor(document.getText().length / 2));
  const lineText = document
    .getText({ start: { line: middle.line, character: 0 }, end: { line: middle.line + 1, character: 0 } })
    .replace(/\r?\n$/, '');
  return { line: middle.line, character: Math.floor(lineText.length / 2) };
}

export function p50(values: readonly number[]): number {
  return percentile(values, 50);
}

export function p95(values: readonly number[]): number {
  return percentile(values, 95);
}
