/**
 * The paths `FileAccess` names files by, taken apart and put together without Node's `path`, so that
 * the project layer is one code in the Node server, the CLI and the web worker. A path is one of:
 * - POSIX, `/home/ann/docs/a.md` (Node on Linux and macOS);
 * - Windows, `C:\Users\ann\a.md` or `\\server\share\a.md` (Node on Windows; `/` is a separator too,
 *   names compare without case);
 * - a URI with its path decoded, `vscode-vfs://github/ann/repo/docs/a.md` (the web worker: every
 *   file is the editor's, named by its URI; `scheme://authority` is the root, like a drive).
 * Each function agrees with Node's `path` (posix or win32) on absolute paths; a relative part
 * (`extends`, `templates.folder`) is read with the separators of the path it is resolved against.
 */

interface ParsedPath {
  /** `/`, `C:\`, `\\server\share\` or `scheme://authority/`; empty for a relative path. */
  readonly root: string;
  readonly names: readonly string[];
  readonly windows: boolean;
}

const URI_ROOT = /^[a-zA-Z][a-zA-Z0-9+.-]+:\/\/[^/]*/;
const DRIVE_ROOT = /^[a-zA-Z]:[\\/]/;
const UNC_ROOT = /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)/;

function parse(path: string, windowsRelative = false): ParsedPath {
  const uri = URI_ROOT.exec(path);
  if (uri) return { root: `${uri[0]}/`, names: namesOf(path.slice(uri[0].length), false), windows: false };
  const unc = UNC_ROOT.exec(path);
  if (unc) return { root: `\\\\${unc[1]}\\${unc[2]}\\`, names: namesOf(path.slice(unc[0].length), true), windows: true };
  if (DRIVE_ROOT.test(path)) return { root: `${path.slice(0, 2)}\\`, names: namesOf(path.slice(3), true), windows: true };
  if (path.startsWith('/')) return { root: '/', names: namesOf(path, false), windows: false };
  return { root: '', names: namesOf(path, windowsRelative), windows: windowsRelative };
}

function namesOf(rest: string, windows: boolean): string[] {
  return rest.split(windows ? /[\\/]/ : '/').filter((name) => name !== '' && name !== '.');
}

/** `..` taken out (never above the root). */
function normalised(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (name === '..') out.pop();
    else out.push(name);
  }
  return out;
}

function format(root: string, names: readonly string[], windows: boolean): string {
  return root + names.join(windows ? '\\' : '/');
}

export function isAbsolute(path: string): boolean {
  return parse(path).root !== '';
}

/** The folder a path is in; a root is its own. */
export function dirname(path: string): string {
  const { root, names, windows } = parse(path);
  return format(root, normalised(names).slice(0, -1), windows);
}

/** The last name of a path (`a.md`); empty for a root. */
export function basename(path: string): string {
  return normalised(parse(path).names).at(-1) ?? '';
}

/** `folder` with `relative` after it (an absolute `relative` too is appended), normalised. */
export function join(folder: string, relative: string): string {
  const base = parse(folder);
  return format(base.root, normalised([...base.names, ...namesOf(relative, base.windows)]), base.windows);
}

/** `relative` resolved against the absolute `base` (an absolute `relative` stands alone), normalised. */
export function resolve(base: string, relative: string): string {
  const from = parse(base);
  const to = parse(relative, from.windows);
  if (to.root !== '') return format(to.root, normalised(to.names), to.windows);
  // `\x` on Windows: the root of the base's drive.
  if (from.windows && /^[\\/]/.test(relative)) return format(from.root, normalised(to.names), true);
  return format(from.root, normalised([...from.names, ...to.names]), from.windows);
}

/**
 * The names leading from the folder `from` to `to` (`..` to go up), joined by `/` whatever the
 * separator (`docs/a.md`, `''` for the folder itself); undefined when they have different roots.
 */
export function relativeSlashed(from: string, to: string): string | undefined {
  const a = parse(from);
  const b = parse(to);
  const same = (x: string, y: string) => (a.windows ? x.toLowerCase() === y.toLowerCase() : x === y);
  if (a.root === '' || !same(a.root, b.root)) return undefined;
  const fromNames = normalised(a.names);
  const toNames = normalised(b.names);
  let common = 0;
  while (common < fromNames.length && common < toNames.length && same(fromNames[common]!, toNames[common]!)) common++;
  return [...fromNames.slice(common).map(() => '..'), ...toNames.slice(common)].join('/');
}

/** Whether `path` is `folder` or inside it (both absolute). */
export function isInsideFolder(path: string, folder: string): boolean {
  const inside = relativeSlashed(folder, path);
  return inside !== undefined && inside !== '..' && !inside.startsWith('../');
}
