import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readTemplateFolder, templateFromText, templatesWith, type TemplateFile, type TemplateProblem } from '../documents/template-registry';
import type { TemplateSchema } from '../model/schema';
import type { BlueprintSettings } from '../settings';
import { findRcFile, readRcFile, type RcFile } from './rc-file';

/**
 * What the language server reads from the workspace's files rather than from the client: the
 * `.blueprintrc.json` nearest each document (within its workspace folder) and the templates in
 * each folder's templates folder. Both are read again when the client reports the files changed.
 */
export class WorkspaceFiles {
  private folders: string[] = [];
  private readonly rcByDirectory = new Map<string, RcFile | undefined>();
  private templateFolders: string[] = [];
  private templateFolderSettings: string[] = [];
  private files: TemplateFile[] = [];
  private templates: readonly TemplateSchema[] = templatesWith([]);

  /** Workspace folder URIs (only `file:` ones have files to read). */
  setFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((uri) => pathOf(uri) ?? []);
  }

  folderUris(): string[] {
    return this.folders.map((folder) => pathToFileURL(folder).href);
  }

  /** The rc file governing a document: the nearest one up to its workspace folder (the first folder's for unsaved documents). */
  rcFor(uri: string): RcFile | undefined {
    const path = pathOf(uri);
    const directory = path ? dirname(path) : this.folders[0];
    if (directory === undefined) return undefined;
    if (this.rcByDirectory.has(directory)) return this.rcByDirectory.get(directory);
    const root = this.folders.filter((f) => isWithin(directory, f)).sort((a, b) => b.length - a.length)[0];
    const rcPath = findRcFile(directory, root);
    const rc = rcPath ? readRcFile(rcPath) : undefined;
    this.rcByDirectory.set(directory, rc);
    return rc;
  }

  /** Forgets every rc file read, so the next settings come from the files as they are now. */
  forgetRcFiles(): void {
    this.rcByDirectory.clear();
  }

  /** Reads every workspace folder's templates folder (as that folder's settings name it); returns the templates in force. */
  async loadTemplates(settingsOf: (folderUri: string) => Promise<BlueprintSettings>): Promise<readonly TemplateSchema[]> {
    const folders: string[] = [];
    const named: string[] = [];
    for (const folder of this.folders) {
      const setting = (await settingsOf(pathToFileURL(folder).href)).templates.folder;
      named.push(setting);
      folders.push(resolve(folder, setting));
    }
    this.templateFolderSettings = [...new Set(named)];
    const files: TemplateFile[] = [];
    for (const folder of [...new Set(folders)]) files.push(...readTemplateFolder(folder, templatesWith(files)));
    this.templateFolders = folders;
    this.files = files;
    this.templates = templatesWith(files);
    return this.templates;
  }

  currentTemplates(): readonly TemplateSchema[] {
    return this.templates;
  }

  /** Globs of the template files, for the client to watch (relative folders as the settings name them). */
  templateGlobs(): string[] {
    return this.templateFolderSettings.map((folder) => `**/${folder.split('\\').join('/').replace(/^\.\/|\/+$/g, '')}/*.md`);
  }

  isTemplateFile(uri: string): boolean {
    const path = pathOf(uri);
    return path !== undefined && /\.md$/i.test(path) && this.templateFolders.includes(dirname(path));
  }

  /** The problems of a template file with this text (an open, perhaps unsaved, template). */
  templateProblems(uri: string, text: string): TemplateProblem[] {
    const path = pathOf(uri);
    const id = basename(path ?? uri).replace(/\.md$/i, '');
    // Like on disk, a template competes only with those read before it.
    const index = this.files.findIndex((f) => f.path === path);
    return templateFromText(id, text, templatesWith(index < 0 ? this.files : this.files.slice(0, index))).problems;
  }

  /** Template files on disk with problems, by URI, with their text (for files not open in the editor). */
  malformedTemplateFiles(): Array<{ uri: string; text: string; problems: readonly TemplateProblem[] }> {
    return this.files.filter((f) => f.problems.length > 0).map((f) => ({ uri: pathToFileURL(f.path).href, text: f.text, problems: f.problems }));
  }
}

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') || folder.endsWith('\\') ? folder : folder + (folder.includes('\\') ? '\\' : '/'));
}
