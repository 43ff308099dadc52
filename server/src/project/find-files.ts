import { dirname, join, relativeSlashed, resolve } from './file-paths';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { FileAccess } from './file-access';
import { ignoreMatcher } from './ignores';

/** Arguments that name nothing: a path that does not exist, a glob that matches nothing (the CLI's bad usage). */
export class NothingNamedError extends Error {}

/** Never searched, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
const MARKDOWN = /\.md$/i;
/** Larger than any real .gitignore; a bigger "one" is not read. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

interface IgnoreRules {
  readonly base: string;
  readonly rules: Ignore;
}

/** A file or folder the CLI could not use, and why (a phrase such as `is a FIFO, not a regular file`). */
export interface FileProblem {
  readonly path: string;
  readonly problem: string;
}

/**
 * `path` relative to the folder `base`, with forward slashes as .gitignore patterns and globs are
 * written; `..` for a path on another root (outside `base` either way).
 */
function relativeTo(base: string, path: string): string {
  return relativeSlashed(base, path) ?? '..';
}

/**
 * Finds the Markdown files that may be blueprints, through `files` only: the one discovery rule of
 * `blueprint check` and the language server's workspace index (which of them are blueprints, the
 * classification says: `*.blueprint.md`, or a first heading that is a template's title). Folders are searched recursively in name
 * order, skipping what .gitignore files exclude (from the repository root down, as git does: a
 * deeper file's rule wins, a negation `!x` re-includes, and nothing in an excluded folder can be).
 * Folders reached through symbolic links are not searched, so a link cannot make the search loop;
 * a Markdown name that is a link, a FIFO or a device is kept, for the reader to refuse by name.
 */
export class FileFinder {
  readonly problems: FileProblem[] = [];

  /**
   * `excluded`: files and folders left out of every search (the `blueprint.workspace.exclude`
   * globs); a file named on the command line is still checked.
   */
  constructor(
    private readonly files: FileAccess,
    private readonly cwd: string,
    private readonly excluded: (path: string) => boolean = () => false,
  ) {}

  /**
   * The files the arguments name: files as given (checked even when .gitignore ignores them),
   * folders searched, globs matched (picomatch: `*`, `**`, `{a,b}`, classes; relative to `cwd` or
   * absolute) against the Markdown files under their base folder, and `!glob` leaving out what it
   * matches (and everything in a folder it matches) from all the rest. No positive argument: `cwd`.
   * A path that does not exist, or a glob matching nothing, is bad usage; a path that exists but
   * cannot be used (a name too long, a link to nothing, no permission) is a problem, reported by name.
   */
  async fromArguments(args: readonly string[]): Promise<{ files: string[]; explicit: Set<string> }> {
    const found: string[] = [];
    const explicit = new Set<string>();
    const negations = args.filter((arg) => arg.startsWith('!') && arg.length > 1);
    const positives = args.filter((arg) => !negations.includes(arg));
    for (const arg of positives.length ? positives : ['.']) {
      const path = resolve(this.cwd, arg);
      const stat = await this.files.stat(path);
      if (stat.kind === 'folder') {
        found.push(...(await this.markdownFilesUnder(path)));
      } else if (stat.kind === 'file' || stat.kind === 'other') {
        found.push(path);
        explicit.add(path);
      } else if (stat.kind === 'problem') {
        this.problems.push({ path, problem: stat.problem });
      } else if (picomatch.scan(arg).isGlob) {
        const matched = await this.matching(arg);
        if (matched.length === 0) throw new NothingNamedError(`No Markdown files match '${arg}'.`);
        found.push(...matched);
      } else {
        throw new NothingNamedError(`No such file or folder: ${arg}`);
      }
    }
    const left = ignoreMatcher(negations.map((arg) => ({ pattern: arg.slice(1), base: this.cwd })));
    return { files: [...new Set(found)].filter((path) => !left(path)), explicit };
  }

  /** The Markdown files under a glob's base folder that the glob matches. */
  private async matching(glob: string): Promise<string[]> {
    const { base, glob: pattern } = picomatch.scan(glob);
    const folder = resolve(this.cwd, base || '.');
    if ((await this.files.stat(folder)).kind !== 'folder') return [];
    const matches = picomatch(pattern, { dot: true });
    return (await this.markdownFilesUnder(folder)).filter((file) => matches(relativeTo(folder, file)));
  }

  /** Markdown files under a folder, skipping what .gitignore files exclude. */
  async markdownFilesUnder(folder: string): Promise<string[]> {
    const found: string[] = [];
    const walk = async (dir: string, inherited: readonly IgnoreRules[]): Promise<void> => {
      const listing = await this.files.list(dir);
      if (listing.kind === 'problem') this.problems.push({ path: dir, problem: listing.problem });
      if (listing.kind !== 'entries') return;
      const rules = await this.withRulesOf(dir, inherited);
      const entries = [...listing.entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (ALWAYS_SKIPPED.has(entry.name)) continue;
        const path = join(dir, entry.name);
        const isFolder = entry.kind === 'folder';
        if (!isFolder && !MARKDOWN.test(entry.name)) continue;
        if (isIgnored(rules, path, isFolder) || this.excluded(path)) continue;
        if (isFolder) await walk(path, rules);
        else found.push(path);
      }
    };
    const start = resolve(this.cwd, folder);
    await walk(start, await this.ancestorRules(start));
    return found;
  }

  /**
   * Whether searching `cwd` finds a file (a watcher's news of one file): a Markdown file under it, in
   * no folder that is always skipped, ignored by a .gitignore or excluded, and itself neither.
   */
  async wouldFind(path: string): Promise<boolean> {
    const root = resolve(this.cwd, '.');
    const rel = relativeTo(root, path);
    if (!MARKDOWN.test(path) || rel === '' || rel.startsWith('..')) return false;
    const segments = rel.split('/');
    if (segments.some((segment) => ALWAYS_SKIPPED.has(segment))) return false;
    let rules = await this.ancestorRules(root);
    let dir = root;
    for (const [i, segment] of segments.entries()) {
      rules = await this.withRulesOf(dir, rules);
      const next = join(dir, segment);
      const isFolder = i < segments.length - 1;
      if (isIgnored(rules, next, isFolder) || this.excluded(next)) return false;
      dir = next;
    }
    return true;
  }

  /** The .gitignore rules of the folders above `start`, from the repository root down. */
  private async ancestorRules(start: string): Promise<IgnoreRules[]> {
    const ancestors: string[] = [];
    let root: string | undefined;
    for (let dir = dirname(start); ; dir = dirname(dir)) {
      ancestors.unshift(dir);
      const git = await this.files.stat(join(dir, '.git'));
      if (git.kind === 'file' || git.kind === 'folder') {
        root = dir;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    if (root === undefined) return [];
    let rules: IgnoreRules[] = [];
    for (const dir of ancestors) rules = await this.withRulesOf(dir, rules);
    return rules;
  }

  private async withRulesOf(dir: string, rules: readonly IgnoreRules[]): Promise<IgnoreRules[]> {
    const path = join(dir, '.gitignore');
    const read = await this.files.readText(path, MAX_GITIGNORE_BYTES);
    if (read.kind === 'text') return [...rules, { base: dir, rules: ignore().add(read.text) }];
    if (read.kind === 'too-large')
      this.problems.push({
        path,
        problem: `is ${read.bytes.toLocaleString('en-US')} bytes, more than the ${MAX_GITIGNORE_BYTES.toLocaleString('en-US')} read; its rules are not applied`,
      });
    if (read.kind === 'problem') this.problems.push({ path, problem: `${read.problem}; its rules are not applied` });
    return [...rules];
  }
}

/** As git decides: the deepest .gitignore with a rule matching the path decides, its last matching rule winning. */
function isIgnored(rules: readonly IgnoreRules[], path: string, isFolder: boolean): boolean {
  for (let i = rules.length - 1; i >= 0; i--) {
    const { base, rules: r } = rules[i]!;
    const rel = relativeTo(base, path);
    if (rel === '' || rel.startsWith('..')) continue;
    const result = safeTest(r, isFolder ? `${rel}/` : rel);
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/** `ignore` throws on paths it does not accept (it wants `path.relative()`d ones); such a path is matched by nothing. */
function safeTest(rules: Ignore, path: string): { ignored: boolean; unignored: boolean } {
  try {
    return rules.test(path);
  } catch {
    return { ignored: false, unignored: false };
  }
}

/** The `blueprint.workspace.exclude` globs (picomatch, relative to `root`) as a test of a path: a glob matching a folder leaves out everything in it. */
export function excludedBy(globs: readonly string[], root: string): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const matches = picomatch(
    globs.map((g) => g.replace(/^\.\//, '').replace(/\/+$/, '')),
    { dot: true },
  );
  return (path) => {
    const rel = relativeTo(root, path);
    return rel !== '' && !rel.startsWith('..') && matches(rel);
  };
}
