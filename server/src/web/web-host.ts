import type { Connection } from 'vscode-languageserver';
import type { ServerHost } from '../language-server/host';
import { clientFileAccess } from './client-file-access';
import { pathOfUri, uriOfPath } from './uri-paths';

/**
 * A web worker as the language server's host: the editor's files through the client, URIs as paths,
 * no operating system user, and no garbage collection to ask for (the browser collects as it sees fit).
 */
export function webHost(connection: Connection): ServerHost {
  return {
    files: clientFileAccess(connection, uriOfPath),
    pathOf: pathOfUri,
    uriOf: uriOfPath,
    systemUserName: () => undefined,
    now: () => new Date(),
    nextTurn,
    workDone: () => undefined,
  };
}

/**
 * One turn of the worker's event loop: a message to itself is a task queued after the messages
 * already received. (`setTimeout(0)` would do, but nested timers are held back 4 ms each.)
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    // The browser's MessagePort (Node's types describe Node's).
    const port = channel.port1 as unknown as { onmessage: (() => void) | null; close(): void };
    port.onmessage = () => {
      port.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
