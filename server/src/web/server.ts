import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../language-server/start-server';
import { webHost } from './web-host';

// The language server in a web worker (vscode.dev, github.dev; dist/web/server.js): LSP over the
// worker's postMessage, the web worker as the host, and everything else as in Node
// (language-server/start-server.ts).
// The worker's own scope is its port (the DOM's types are not in this build's libraries).
const worker = globalThis as never;
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
startServer(connection, webHost(connection));
