import { URI } from 'vscode-uri';

/**
 * In the web worker every file is the editor's, named by a URI: the project layer's path of one is
 * the URI with its path decoded (`vscode-vfs://github/ann/repo/docs/a.md`), which
 * project/file-paths.ts takes apart with `scheme://authority` as its root, and which messages show
 * as the user reads it. A document with no file (`untitled:`) has no path.
 */
export function pathOfUri(uri: string): string | undefined {
  let parsed: URI;
  try {
    parsed = URI.parse(uri, true);
  } catch {
    return undefined;
  }
  if (parsed.scheme === 'untitled' || !uri.startsWith(`${parsed.scheme}://`)) return undefined;
  return `${parsed.scheme}://${parsed.authority}${parsed.path}`;
}

/** The URI of such a path, spelled as VS Code spells it. */
export function uriOfPath(path: string): string {
  const root = /^([a-zA-Z][a-zA-Z0-9+.-]+):\/\/([^/]*)/.exec(path);
  if (!root) throw new Error(`not a path of the web worker: ${path}`);
  return URI.from({ scheme: root[1]!, authority: root[2]!, path: path.slice(root[0].length) || '/' }).toString();
}
