import { randomBytes } from 'node:crypto';
import { chown, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { encodeText, type TextEncoding } from '../project/text-decoding';

/**
 * Replaces a file's content at once, never leaving it half written: the text goes to a new file
 * in the same folder (so that the rename stays on one file system), with the file's permissions
 * (and its owner, where we may set it), then is renamed over it. A symbolic link is kept: its
 * target is replaced. The text is written in the file's own encoding, byte order mark included;
 * its line breaks are the text's own. Returns why it could not be written, or undefined.
 */
export async function writeTextAtomically(path: string, text: string, encoding: TextEncoding): Promise<string | undefined> {
  let temporary: string | undefined;
  try {
    const target = await realpath(path);
    const stats = await stat(target);
    temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.blueprint-fix`);
    const handle = await open(temporary, 'wx', stats.mode & 0o777);
    try {
      await handle.writeFile(encodeText(text, encoding));
      // open's mode is narrowed by the umask; the file's own mode is what it keeps.
      await handle.chmod(stats.mode & 0o7777);
    } finally {
      await handle.close();
    }
    await chown(temporary, stats.uid, stats.gid).catch(() => undefined);
    await rename(temporary, target);
    temporary = undefined;
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // Node's system errors carry a string code (EACCES); anything else is named no further.
    return typeof code === 'string' ? (WRITE_FAILURES[code] ?? code) : 'unknown error';
  } finally {
    if (temporary !== undefined) await unlink(temporary).catch(() => undefined);
  }
}

const WRITE_FAILURES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  ENOENT: 'it vanished while it was fixed',
  ELOOP: 'too many symbolic links',
};
