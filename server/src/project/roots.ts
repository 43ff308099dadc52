import { dirname, join, relativeSlashed } from './file-paths';
import type { FileAccess } from './file-access';
import { isInside } from './rc-file';

/**
 * The root of the files in a folder: the rc file lookup (`.blueprintrc.json`, `.blueprintrc.jsonc`)
 * goes from the folder up to it and never above it (rc-file.ts, `findRcFile`), an rc file's `extends`
 * stays inside it, and `templates.folder` is relative to it and must stay inside it (settings-resolution.ts).
 * The two rules, one per program, are here side by side.
 */
export type RootOf = (directory: string) => Promise<string>;

/**
 * The language server's roots: for a folder, the innermost workspace folder holding it; a folder
 * outside every workspace folder is its own root, so only an rc file right beside its files applies.
 */
export class WorkspaceRoots {
  private folders: readonly string[] = [];

  /** The workspace folders with files (paths; virtual folders have none), as the client names them. */
  get all(): readonly string[] {
    return this.folders;
  }

  set(folders: readonly string[]): void {
    this.folders = folders;
  }

  /** The innermost workspace folder holding a path, if any. */
  folderOf(path: string): string | undefined {
    return this.folders.filter((folder) => isInside(path, folder)).sort((a, b) => b.length - a.length)[0];
  }

  /** A path as users read it in the workspace: relative to its workspace folder, forward slashes (the path itself outside every folder). */
  shownPath(path: string): string {
    const folder = this.folderOf(path);
    return folder === undefined ? path : relativeSlashed(folder, path) || path;
  }

  readonly rootOf: RootOf = (directory) => Promise.resolve(this.folderOf(directory) ?? directory);

  /**
   * A glob for a file watcher matching the Markdown files of a folder inside a workspace folder
   * (`**\/.blueprints/*.md`); undefined for a folder that is no workspace folder's descendant.
   */
  markdownGlob(folder: string): string | undefined {
    const workspaceFolder = this.folderOf(folder);
    const inside = workspaceFolder === undefined ? undefined : relativeSlashed(workspaceFolder, folder);
    return inside === undefined || inside === '' ? undefined : `**/${inside}/*.md`;
  }
}

/**
 * The CLI's roots: for a folder, the nearest folder at or above it that holds `.git` (a repository,
 * a worktree or a submodule); outside any repository, the current folder when the files are in it,
 * else their own folder.
 */
export function repositoryRoots(files: FileAccess, cwd: string): RootOf {
  const known = new Map<string, Promise<string | undefined>>();
  const gitRootAbove = (dir: string): Promise<string | undefined> => {
    let found = known.get(dir);
    if (!found) {
      found = files.stat(join(dir, '.git')).then((s) => {
        if (s.kind === 'file' || s.kind === 'folder') return dir;
        const up = dirname(dir);
        return up === dir ? undefined : gitRootAbove(up);
      });
      known.set(dir, found);
    }
    return found;
  };
  return async (directory) => (await gitRootAbove(directory)) ?? (isInside(directory, cwd) ? cwd : directory);
}
