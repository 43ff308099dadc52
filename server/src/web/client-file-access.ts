import type { Connection } from 'vscode-languageserver';
import type { FileAccess } from '../project/file-access';
import { ListFolderRequest, ReadFileRequest, StatFileRequest } from '../protocol';

/**
 * Files read through the client (the web worker has none of its own): each call is one of the
 * protocol's file requests, which the client answers from `workspace.fs` with the same rules as Node's
 * file access (client/src/file-requests.ts). A client that does not answer leaves the worker with
 * nothing to read: a problem, never a crash.
 */
export function clientFileAccess(connection: Connection, uriOf: (path: string) => string): FileAccess {
  const failed = (error: unknown) => ({
    kind: 'problem' as const,
    problem: `cannot be read: the editor did not answer (${error instanceof Error ? error.message : 'unknown error'})`,
  });
  return {
    readText: (path, maxBytes) => connection.sendRequest(ReadFileRequest, { uri: uriOf(path), maxBytes }).catch(failed),
    stat: (path) => connection.sendRequest(StatFileRequest, { uri: uriOf(path) }).catch(failed),
    list: (folder) => connection.sendRequest(ListFolderRequest, { uri: uriOf(folder) }).catch(failed),
  };
}
