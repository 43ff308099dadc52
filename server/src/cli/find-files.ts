import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { UsageError } from './usage';

/** Never searched, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
const MARKDOWN = /\.md$/i;

interface IgnoreRules {
  readonly base: string;
  readonly rules: Ignore;
}

/** Forward slashes, as .gitignore patterns and globs are written. */
export function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Markdown files under a folder, skipping what .gitignore files (from the repository root down) exclude. */
export function markdownFilesUnder(folder: string): string[] {
  const start = resolve(folder);
  const found: string[] = [];
  const walk = (dir: string, rules: readonly IgnoreRules[]): void => {
    const here = withRulesOf(dir, rules);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const isDirectory = entry.isDirectory();
      if (!isDirectory && !entry.isFile()) continue;
      if (isIgnored(here, path, isDirectory)) continue;
      if (isDirectory) walk(path, here);
      else if (MARKDOWN.test(entry.name)) found.push(path);
    }
  };
  walk(start, ancestorRules(start));
  return found;
}

/** The .gitignore rules of the folders above `start`, up to the repository root. */
function ancestorRules(start: string): IgnoreRules[] {
  const ancestors: string[] = [];
  for (let dir = dirname(start); ; dir = dirname(dir)) {
    ancestors.unshift(dir);
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  if (!existsSync(join(ancestors[0]!, '.git'))) return [];
  return ancestors.reduce<IgnoreRules[]>((rules, dir) => withRulesOf(dir, rules), []);
}

function withRulesOf(dir: string, rules: readonly IgnoreRules[]): IgnoreRules[] {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return [...rules];
  try {
    return [...rules, { base: dir, rules: ignore().add(readFileSync(file, 'utf8')) }];
  } catch {
    return [...rules];
  }
}

function isIgnored(rules: readonly IgnoreRules[], path: string, isDirectory: boolean): boolean {
  return rules.some(({ base, rules: r }) => {
    const rel = toSlashes(relative(base, path));
    return rel !== '' && !rel.startsWith('..') && r.ignores(isDirectory ? `${rel}/` : rel);
  });
}

const GLOB_CHARACTERS = /[*?[\]{}!]/;

/**
 * The files the arguments name: files as given (checked even when ignored), folders searched,
 * globs (gitignore-style patterns, relative to `cwd`) matched against the files under `cwd`.
 * A path that does not exist, or a glob matching nothing, is bad usage.
 */
export function filesFromArguments(args: readonly string[], cwd: string): { files: string[]; explicit: Set<string> } {
  const files: string[] = [];
  const explicit = new Set<string>();
  const globs: string[] = [];
  for (const arg of args.length ? args : ['.']) {
    const path = resolve(cwd, arg);
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) files.push(...markdownFilesUnder(path));
      else {
        files.push(path);
        explicit.add(path);
      }
    } else if (GLOB_CHARACTERS.test(arg)) {
      globs.push(arg);
    } else {
      throw new UsageError(`No such file or folder: ${arg}`);
    }
  }
  if (globs.length) {
    const candidates = markdownFilesUnder(cwd);
    for (const glob of globs) {
      const matcher = ignore().add(toSlashes(glob).replace(/^\.\//, ''));
      const matched = candidates.filter((file) => {
        const rel = toSlashes(relative(cwd, file));
        return !rel.startsWith('..') && matcher.ignores(rel);
      });
      if (matched.length === 0) throw new UsageError(`No Markdown files match '${glob}'.`);
      files.push(...matched);
    }
  }
  return { files: [...new Set(files)], explicit };
}
