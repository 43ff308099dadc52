import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { HEAD_BYTES, type FileAccess, type Listing, type ReadText, type Stat } from './file-access';
import { decodeText, textEncodingOf } from './text-decoding';

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one (the fstat
// after it then refuses the FIFO); O_NOCTTY: a terminal device never becomes ours. Both are 0 where
// the platform has no such flag.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Node's file system, read as file-access.ts says: regular files only, bounded, errors without content. */
export const nodeFileAccess: FileAccess = {
  async readText(path: string, maxBytes: number): Promise<ReadText> {
    let handle;
    try {
      handle = await open(path, OPEN_FLAGS);
    } catch (error) {
      return missingOrProblem(path, error);
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return { kind: 'problem', problem: notRegular(stats) };
      // The size stat gives is not trusted (files in /proc say 0, a file may grow while it is read):
      // reading stops one byte past the limit, and a file that has that byte is too large.
      const chunks: Uint8Array[] = [];
      let length = 0;
      const chunkSize = Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024));
      while (length <= maxBytes) {
        const chunk = new Uint8Array(Math.min(chunkSize, maxBytes + 1 - length));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        length += bytesRead;
      }
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      if (length > maxBytes) {
        return {
          kind: 'too-large',
          bytes: Math.max(stats.size, length),
          head: decodeText(bytes.subarray(0, Math.min(length, HEAD_BYTES))),
        };
      }
      return { kind: 'text', text: decodeText(bytes), encoding: textEncodingOf(bytes) };
    } catch (error) {
      return { kind: 'problem', problem: cannot('be read', error) };
    } finally {
      await handle.close().catch(() => undefined);
    }
  },

  async stat(path: string): Promise<Stat> {
    try {
      const stats = await stat(path);
      if (stats.isFile()) return { kind: 'file' };
      if (stats.isDirectory()) return { kind: 'folder' };
      return { kind: 'other', problem: notRegular(stats) };
    } catch (error) {
      return missingOrProblem(path, error);
    }
  },

  async list(folder: string): Promise<Listing> {
    try {
      const entries = await readdir(folder, { withFileTypes: true });
      return {
        kind: 'entries',
        entries: entries.map((e) => ({
          name: e.name,
          kind: e.isFile() ? 'file' : e.isDirectory() ? 'folder' : e.isSymbolicLink() ? 'link' : 'other',
        })),
      };
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return { kind: 'missing' };
      if (codeOf(error) === 'ENOTDIR') return { kind: 'problem', problem: 'is not a folder' };
      return { kind: 'problem', problem: cannot('be listed', error) };
    }
  },
};

/** Nothing there is `missing`; a link to nothing, a name too long, no permission are problems. */
async function missingOrProblem(path: string, error: unknown): Promise<{ kind: 'missing' } | { kind: 'problem'; problem: string }> {
  const code = codeOf(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    const link = await lstat(path).then(
      (s) => s.isSymbolicLink(),
      () => false,
    );
    return link ? { kind: 'problem', problem: 'is a symbolic link to nothing (its target does not exist)' } : { kind: 'missing' };
  }
  if (code === 'ENXIO') return { kind: 'problem', problem: 'is a socket, not a regular file' };
  return { kind: 'problem', problem: cannot('be opened', error) };
}

function notRegular(stats: Stats): string {
  const what = stats.isDirectory()
    ? 'a folder'
    : stats.isFIFO()
      ? 'a FIFO'
      : stats.isSocket()
        ? 'a socket'
        : stats.isCharacterDevice()
          ? 'a character device'
          : stats.isBlockDevice()
            ? 'a block device'
            : 'something else';
  return `is ${what}, not a regular file`;
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENAMETOOLONG: 'its name is too long for the file system',
  ELOOP: 'too many symbolic links (a loop?)',
  EISDIR: 'it is a folder',
  EMFILE: 'too many files open',
  ENFILE: 'too many files open',
  EIO: 'input/output error',
  EAGAIN: 'it is not ready to be read',
};

/** `cannot be read: permission denied` — the reason by error code; Node's message would repeat the path. */
function cannot(what: string, error: unknown): string {
  const code = codeOf(error);
  return `cannot ${what}: ${(code && REASONS[code]) ?? code ?? 'unknown error'}`;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
