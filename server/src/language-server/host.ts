import type { FileAccess } from '../project/file-access';

/**
 * What the platform gives the language server. Node gives its file system, its `file:` URIs, the
 * operating system user and garbage collection (server/src/node-host.ts); a browser build (a web
 * worker) will give the editor's file system through the client, its own URIs and no user.
 * Nothing under language-server/ reaches the platform any other way. Its functions are called
 * detached from it (`host.nextTurn` is handed on as a function).
 */
export interface ServerHost {
  /** How rc files and templates folders are read (bounded, regular files only: project/file-access.ts). */
  readonly files: FileAccess;
  /** The path `files` knows a document's URI by; undefined for a document with no file (a new, unsaved one). */
  readonly pathOf: (uri: string) => string | undefined;
  /** The URI of a path of `files`, as the client names it. */
  readonly uriOf: (path: string) => string;
  /** The operating system user's name, for the Author field when `blueprint.author` is empty; undefined where there is none. */
  readonly systemUserName: () => string | undefined;
  /** Now: today's date for Last Updated. */
  readonly now: () => Date;
  /**
   * Resolves after one turn of the event loop, once the messages already read have been handled:
   * the scheduler waits two of them before it analyses, and long work pauses for one every 20 ms.
   */
  readonly nextTurn: () => Promise<void>;
  /** Told after work that allocated (an analysis, a closed document); a host that can collect garbage once idle does (Node: idle-collection.ts). */
  readonly workDone: () => void;
}
