import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './language-server/start-server';
import { nodeHost } from './node-host';

// `blueprint-language-server`: the connection its command line names (`--stdio`, `--node-ipc`,
// `--socket=<port>`), Node as the host, and everything else in language-server/start-server.ts.
startServer(createConnection(ProposedFeatures.all), nodeHost());
