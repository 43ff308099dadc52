import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { version } from '../../package.json';
import { startServer } from './language-server/start-server';
import { nodeHost } from './node-host';

// `blueprint-language-server`: the connection its command line names (`--stdio`, `--node-ipc`,
// `--socket=<port>`, `--pipe=<name>`), Node as the host, and everything else in language-server/start-server.ts.
const USAGE = `Usage: blueprint-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The Blueprint Authoring language server (${version}). An editor starts it and talks LSP over the transport named.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
} else if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${version}\n`);
} else if (!args.some((arg) => /^--(stdio|node-ipc|socket|pipe)(=.+)?$/.test(arg))) {
  // Started by hand without a transport: say how to start it, not vscode-languageserver's stack trace.
  process.stderr.write(`blueprint-language-server: no transport given.\n${USAGE}\n`);
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all), nodeHost());
}
