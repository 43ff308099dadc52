import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repoRoot } from './documents';

/**
 * Spawns the bundled dist/server.js and talks LSP to it over stdio, as Neovim or Helix would.
 * Answers the server's workspace/configuration requests from `settings`.
 */
export class LspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  /** Diagnostics as last published per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publication, in the order received. */
  readonly publications: PublishDiagnosticsParams[] = [];
  settings: Record<string, unknown> = {};
  /** Called with the scope URIs of each workspace/configuration request, before it is answered. */
  onConfiguration: ((scopeUris: string[]) => void) | undefined;
  stderr = '';
  private readonly diagnosticWaiters: Array<() => void> = [];

  constructor(args: string[] = ['--stdio']) {
    this.process = spawn(process.execPath, [join(repoRoot, 'dist', 'server.js'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.publications.push(params);
      for (const wake of this.diagnosticWaiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string; scopeUri?: string }> }) => {
      this.onConfiguration?.(params.items.map((item) => item.scopeUri ?? ''));
      return params.items.map((item) => (item.section === 'blueprint' ? this.settings : null));
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  /** Spawns, initializes (with workspace/configuration support unless told otherwise) and returns the client. */
  static async start(options: { configuration?: boolean; initializationOptions?: unknown } = {}): Promise<LspClient> {
    const client = new LspClient();
    await client.initialize(options);
    return client;
  }

  async initialize(options: { configuration?: boolean; initializationOptions?: unknown } = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: options.configuration ?? true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } } },
        },
      },
      initializationOptions: options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  /** Waits until diagnostics for `uri` satisfy `ready` (by default: any published for `version` or later). */
  async waitForDiagnostics(
    uri: string,
    ready: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && ready(current)) return current.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(current)?.slice(0, 500)}\n${this.stderr}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.diagnosticWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Diagnostics published for exactly this version. */
  diagnosticsFor(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, (p) => p.version === version, timeoutMs);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill('SIGKILL');
        resolve();
      }, 2000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
