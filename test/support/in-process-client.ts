import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  createConnection,
  createProtocolConnection,
  ProposedFeatures,
  type Connection,
  type WatchDog,
  type _,
} from 'vscode-languageserver';
import { startServer, type RunningServer } from '../../server/src/language-server/start-server';
import type { ServerHost } from '../../server/src/language-server/host';
import { nodeHost } from '../../server/src/node-host';
import { TestClient, type InitializeOptions } from './lsp-client';

/**
 * The real language server (`startServer`, as dist/server.js runs it) inside the test process,
 * talking LSP to this client over two in-memory streams with the same framing as stdio. No process
 * to spawn: a test starts in milliseconds, and a debugger stops in the server's code. Its host is
 * Node's, without the idle collection (the test process's heap is not the server's to compact).
 */
export class InProcessClient extends TestClient {
  /** The exit code the server asked for (`exit` after `shutdown`: 0, without: 1); undefined while it runs. */
  exitCode: number | undefined;
  private readonly server: RunningServer;
  private readonly serverSide: Connection;

  constructor(host: ServerHost = nodeHost({ idleCollection: false })) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    super(createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)));
    let shutdownReceived = false;
    // What the server's process would do on `exit` (vscode-languageserver's Node watchdog ends the process): here it stops the server.
    const watchDog: WatchDog = {
      get shutdownReceived() {
        return shutdownReceived;
      },
      set shutdownReceived(value: boolean) {
        shutdownReceived = value;
      },
      initialize: () => undefined,
      exit: (code) => {
        this.exitCode = code;
        this.server.dispose();
        this.serverSide.dispose();
      },
    };
    this.serverSide = createConnection<_, _, _, _, _, _, _, _>(
      (logger) => createProtocolConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient), logger),
      watchDog,
      ProposedFeatures.all,
    );
    this.server = startServer(this.serverSide, host);
  }

  /** Starts the server, initializes it (with workspace/configuration support unless told otherwise) and returns the client. */
  static async start(options: InitializeOptions = {}): Promise<InProcessClient> {
    const client = new InProcessClient();
    await client.initialize(options);
    return client;
  }

  async stop(): Promise<void> {
    await this.shutDown();
    if (this.exitCode === undefined) {
      this.server.dispose();
      this.serverSide.dispose();
    }
    this.connection.dispose();
  }
}
