import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repoRoot } from './documents';

export interface InitializeOptions {
  /** Whether the client answers workspace/configuration (it does unless told otherwise). */
  readonly configuration?: boolean;
  readonly initializationOptions?: unknown;
  /** Whether the client resolves code actions' edits (`codeAction/resolve`), as VS Code does (it does not unless told). */
  readonly resolvesCodeActionEdits?: boolean;
}

/**
 * A client talking LSP to the language server, as Neovim or Helix would: the spawned
 * dist/server.js (`LspClient`, below) or the real server started inside the test process
 * (`InProcessClient`, in-process-client.ts). Answers the server's workspace/configuration requests
 * from `settings`, and keeps every diagnostics publication.
 */
export abstract class TestClient {
  /** Diagnostics as last published per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publication, in the order received. */
  readonly publications: PublishDiagnosticsParams[] = [];
  settings: Record<string, unknown> = {};
  /** Called with the scope URIs of each workspace/configuration request, before it is answered. */
  onConfiguration: ((scopeUris: string[]) => void) | undefined;
  /** What the server logged (`window/logMessage`), one line per message. */
  readonly logged: string[] = [];
  private readonly diagnosticWaiters: Array<() => void> = [];

  protected constructor(readonly connection: MessageConnection) {
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
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logged.push(params.message);
    });
    this.connection.listen();
  }

  /** What the server said outside the protocol's answers, for failure messages: its log (and a process's stderr). */
  get output(): string {
    return this.logged.join('\n');
  }

  async initialize(options: InitializeOptions = {}): Promise<InitializeResult> {
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
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } },
            ...(options.resolvesCodeActionEdits ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}),
          },
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
          `no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(current)?.slice(0, 500)}\n${this.output}`,
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

  /** Asks the server to shut down and exit, within a deadline, and closes the connection. */
  abstract stop(): Promise<void>;

  /** `shutdown`, then `exit`; a server that does not answer within 2 s is not waited for. */
  protected async shutDown(): Promise<void> {
    try {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.connection.sendRequest('shutdown'),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 2000);
        }),
      ]).finally(() => clearTimeout(timer));
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
  }
}

/**
 * Spawns the bundled dist/server.js and talks LSP to it over stdio: the tests of what only the
 * real process shows (start-up, stdio framing, exit codes, memory, surviving hostile input) and
 * the Neovim test use it; the others use the in-process server, which is faster to start and debug.
 */
export class LspClient extends TestClient {
  readonly process: ChildProcess;
  stderr = '';

  constructor(args: string[] = ['--stdio']) {
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'server.js'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    super(createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)));
    this.process = child;
    this.process.stderr!.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
  }

  /** Spawns, initializes (with workspace/configuration support unless told otherwise) and returns the client. */
  static async start(options: InitializeOptions = {}): Promise<LspClient> {
    const client = new LspClient();
    await client.initialize(options);
    return client;
  }

  override get output(): string {
    return [super.output, this.stderr].filter((part) => part !== '').join('\n');
  }

  async stop(): Promise<void> {
    await this.shutDown();
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
