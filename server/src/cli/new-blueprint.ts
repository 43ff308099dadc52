import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { templateByKind } from '../template/registry';
import { systemUserName } from '../project/system-user';
import { blueprintFileName } from '../template/new-blueprint';
import { newBlueprintText, today } from '../template/template-text';
import type { FileAccess } from '../project/file-access';
import { Project } from '../project/project';
import { repositoryRoots } from '../project/roots';
import type { SettingsProblem } from '../project/settings-resolution';
import { UsageError } from './usage';

/**
 * Writes a new blueprint of a template's kind; returns the path written and any problems with the
 * settings (a bad value is reported, and its default used). Never overwrites a file, also when
 * another `blueprint new` creates the same file at the same moment.
 */
export async function writeNewBlueprint(
  kind: string,
  title: string,
  output: string | undefined,
  cwd: string,
  files: FileAccess,
  now = new Date(),
): Promise<{ path: string; problems: readonly SettingsProblem[] }> {
  if (title.trim() === '') throw new UsageError('The new blueprint needs a name, such as "Order Ledger".');
  const project = new Project({ files, rootOf: repositoryRoots(files, cwd) });
  const where = resolve(cwd, output ?? blueprintFileName(title));
  const context = await project.contextFor(dirname(where));
  const { templates } = context;
  const template = templateByKind(templates, kind);
  if (!template) {
    throw new UsageError(
      `No template of kind '${kind}'. Known kinds: ${templates.map((t) => `${t.id.replace(/-blueprint$/i, '')} (${t.kind})`).join(', ')}.`,
    );
  }
  const folder = await files.stat(dirname(where));
  if (folder.kind !== 'folder') throw new UsageError(`The folder ${dirname(where)} does not exist.`);
  const author = context.settings.author || systemUserName();
  const text = newBlueprintText(template, { name: title, date: today(now), ...(author ? { author } : {}) });
  try {
    // `wx`: created only if absent, atomically; of two runs racing for one name, one loses here.
    await writeFile(where, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EEXIST') throw new ExistingFileError(`${where} already exists; not overwriting it. Choose another name or --output.`);
    throw new FileWriteError(
      `${where} cannot be written: ${WRITE_FAILURES[String(code)] ?? (typeof code === 'string' ? code : 'unknown error')}`,
    );
  }
  return { path: where, problems: context.problems };
}

const WRITE_FAILURES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENAMETOOLONG: 'its name is too long for the file system',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
};

/** Refusing to overwrite is a failed run (exit 1), not bad usage. */
export class ExistingFileError extends Error {}

/** The file could not be created (exit 2). */
export class FileWriteError extends Error {}
