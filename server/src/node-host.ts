import { fileURLToPath, pathToFileURL } from 'node:url';
import { fullGarbageCollection, IdleCollection } from './idle-collection';
import type { ServerHost } from './language-server/host';
import { nodeFileAccess } from './project/node-file-access';
import { systemUserName } from './project/system-user';

export interface NodeHostOptions {
  /**
   * Whether memory is given back once the server is idle (idle-collection.ts). The server's own
   * process does; a server started inside another program (the tests' in-process harness) leaves
   * that program's heap alone.
   */
  readonly idleCollection?: boolean;
}

/** Node as the language server's host: its file system, `file:` URIs, the operating system user, `setImmediate` and V8's collector. */
export function nodeHost(options: NodeHostOptions = {}): ServerHost {
  const collect = options.idleCollection === false ? undefined : fullGarbageCollection();
  const idle = collect ? new IdleCollection(collect) : undefined;
  return {
    files: nodeFileAccess,
    pathOf,
    uriOf: (path) => pathToFileURL(path).href,
    systemUserName,
    now: () => new Date(),
    nextTurn: () => new Promise((resolve) => setImmediate(resolve)),
    workDone: () => idle?.workDone(),
  };
}

/** The path of a `file:` URI; undefined for any other scheme (`untitled:`) and for a URI that names no path. */
function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
