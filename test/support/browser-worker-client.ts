import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  Disposable,
  type DataCallback,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-jsonrpc';
import type { FileAccess } from '../../server/src/project/file-access';
import { nodeFileAccess } from '../../server/src/project/node-file-access';
import { ListFolderRequest, ReadFileRequest, StatFileRequest } from '../../server/src/protocol';
import { repoRoot } from './documents';
import { TestClient, type InitializeOptions } from './lsp-client';

/** Debian's Chromium, as the integration runner uses it (never a downloaded browser). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// The page the worker runs under: it starts dist/web/server.js as VS Code's web extension host does
// (`new Worker(url)`), relays LSP messages both ways, and can time an open to its first diagnostics
// inside the page, with no relay in the measurement.
const PAGE = `<!doctype html><meta charset="utf-8"><title>Blueprint web server</title><script>
const worker = new Worker('/server.js');
const timed = new Map();
worker.onmessage = (event) => {
  const message = event.data;
  if (message.method === 'textDocument/publishDiagnostics') {
    const waiting = timed.get(message.params.uri);
    if (waiting && message.params.version === waiting.version) {
      timed.delete(message.params.uri);
      waiting.resolve(performance.now() - waiting.started);
    }
  }
  window.fromWorker(message);
};
worker.onerror = (event) => window.workerFailed(String(event.message));
window.toWorker = (message) => worker.postMessage(message);
window.openTimed = (uri, text) =>
  new Promise((resolve) => {
    timed.set(uri, { version: 1, started: performance.now(), resolve });
    worker.postMessage({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } });
  });
</script>`;

/** A folder on disk served as the files under a URI of another scheme. */
export interface Mount {
  readonly uri: string;
  readonly folder: string;
}

/** Messages from the worker, as the page hands them over. */
class RelayReader extends AbstractMessageReader implements MessageReader {
  private callback: DataCallback | undefined;
  private readonly early: Message[] = [];

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    for (const message of this.early.splice(0)) callback(message);
    return Disposable.create(() => {
      this.callback = undefined;
    });
  }

  deliver(message: Message): void {
    if (this.callback) this.callback(message);
    else this.early.push(message);
  }
}

/** Messages to the worker, posted by the page in the order written. */
class RelayWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly page: Page) {
    super();
  }

  write(message: Message): Promise<void> {
    this.queue = this.queue.then(() =>
      this.page.evaluate((m) => (globalThis as unknown as { toWorker(m: unknown): void }).toWorker(m), message as unknown),
    );
    return this.queue.catch((error: unknown) => this.fireError(error));
  }

  end(): void {}
}

/**
 * The web build of the language server (dist/web/server.js) in a real browser: Chromium, driven by
 * playwright-core, runs it in a web worker of a page served from dist/web/, and this client talks
 * LSP to it over the worker's `postMessage`. It answers the server's file requests
 * (`blueprint/readFile`, `blueprint/statFile`, `blueprint/listFolder`) for `file:` URIs from the
 * disk, with the same bounds as every reader — what the VS Code web client does from `workspace.fs`.
 */
export class BrowserWorkerClient extends TestClient {
  /** Errors the worker threw (its script failed to load or run), for failure messages. */
  readonly workerErrors: string[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly http: Server,
    readonly page: Page,
    reader: RelayReader,
    files: FileAccess,
    mount: Mount | undefined,
  ) {
    super(createMessageConnection(reader, new RelayWriter(page)));
    const path = (uri: string) => {
      if (mount && (uri === mount.uri || uri.startsWith(`${mount.uri}/`)))
        return join(mount.folder, ...uri.slice(mount.uri.length).split('/').map(decodeURIComponent));
      return fileURLToPath(uri);
    };
    this.connection.onRequest(ReadFileRequest, ({ uri, maxBytes }) => files.readText(path(uri), maxBytes));
    this.connection.onRequest(StatFileRequest, ({ uri }) => files.stat(path(uri)));
    this.connection.onRequest(ListFolderRequest, ({ uri }) => files.list(path(uri)));
  }

  /** Launches Chromium with the web server in a worker, and initializes it. */
  static async start(options: InitializeOptions = {}): Promise<BrowserWorkerClient> {
    const client = await BrowserWorkerClient.launch();
    await client.initialize(options);
    return client;
  }

  /**
   * Chromium, the page and the worker, not yet initialized. The server's file requests are answered
   * for `file:` URIs, and for those under `mount.uri` (a virtual workspace's, `vscode-vfs://github/…`)
   * from `mount.folder`.
   */
  static async launch(mount?: Mount, files: FileAccess = nodeFileAccess): Promise<BrowserWorkerClient> {
    const serverScript = readFileSync(join(repoRoot, 'dist', 'web', 'server.js'));
    const http = createServer((request, response) => {
      if (request.url === '/server.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(serverScript);
      else if (request.url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const page = await browser.newPage();
      const reader = new RelayReader();
      const client = new BrowserWorkerClient(browser, http, page, reader, files, mount);
      await page.exposeFunction('fromWorker', (message: Message) => reader.deliver(message));
      await page.exposeFunction('workerFailed', (message: string) => client.workerErrors.push(message));
      await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
      return client;
    } catch (error) {
      await browser.close();
      http.close();
      throw error;
    }
  }

  override get output(): string {
    return [...this.workerErrors, ...this.logged].join('\n');
  }

  /** Opens a document (version 1) and returns how long its first diagnostics took, timed inside the page. */
  openTimed(uri: string, text: string): Promise<number> {
    return this.page.evaluate(
      ([u, t]) => (globalThis as unknown as { openTimed(uri: string, text: string): Promise<number> }).openTimed(u, t),
      [uri, text] as const,
    );
  }

  async stop(): Promise<void> {
    await this.shutDown();
    this.connection.dispose();
    await this.browser.close();
    this.http.close();
  }
}
