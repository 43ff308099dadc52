import type { TextEncoding } from './text-decoding';

/**
 * The project layer's only way to files: the language server and the CLI give it Node's file
 * system (node-file-access.ts); a browser build can give it the editor's. Every file a repository
 * holds may be hostile (a FIFO, a device, a link to anywhere, huge), so reading is bounded here,
 * once, for everyone: only regular files, symbolic links followed to one, of at most a given size.
 * Problems are short phrases about the file (`is a FIFO, not a regular file`), never its content.
 */
export interface FileAccess {
  /** A regular file's text (BOM-sniffed: UTF-8, UTF-16 LE or BE; the BOM removed), or why not. */
  readText(path: string, maxBytes: number): Promise<ReadText>;
  /** What is at a path, symbolic links followed. */
  stat(path: string): Promise<Stat>;
  /** A folder's entries, as they are (a symbolic link is a `link`, whatever it points to). */
  list(folder: string): Promise<Listing>;
}

export type ReadText =
  /** `encoding`: how the bytes held the text (a writer keeps it); absent where the reader cannot tell. */
  | { readonly kind: 'text'; readonly text: string; readonly encoding?: TextEncoding }
  /** Nothing at the path (a dangling symbolic link is a problem instead). */
  | { readonly kind: 'missing' }
  /** A regular file over the limit: its size and its first bytes decoded (up to HEAD_BYTES, and never past the limit and one byte), so that callers can still say what it is. */
  | { readonly kind: 'too-large'; readonly bytes: number; readonly head: string }
  | { readonly kind: 'problem'; readonly problem: string };

export type Stat =
  | { readonly kind: 'file' | 'folder' }
  /** A FIFO, socket or device. */
  | { readonly kind: 'other'; readonly problem: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'problem'; readonly problem: string };

export interface FolderEntry {
  readonly name: string;
  readonly kind: 'file' | 'folder' | 'link' | 'other';
}

export type Listing =
  | { readonly kind: 'entries'; readonly entries: readonly FolderEntry[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'problem'; readonly problem: string };

/** How much of a file too large to read is decoded, to tell what it is (its title, say). */
export const HEAD_BYTES = 64 * 1024;
