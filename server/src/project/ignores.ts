import picomatch from 'picomatch';
import { relativeSlashed } from './file-paths';
import type { IgnorePattern } from './rc-file';

/**
 * Whether a file is ignored by the `ignores` globs of an rc file (picomatch: `*`, `**`, braces, `?`,
 * classes; dot files matched too). Each glob is relative to the folder of the rc file that lists it,
 * and matches a file when it matches the file's path or the path of a folder above it, so that
 * `vendor` and `vendor/` ignore everything in `vendor/`, as in a .gitignore. A glob starting with `!`
 * takes back what earlier globs ignored; the last glob that matches decides.
 */
export function ignoreMatcher(patterns: readonly IgnorePattern[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  const compiled = patterns.map(({ pattern, base }) => {
    const negated = pattern.startsWith('!');
    const glob = (negated ? pattern.slice(1) : pattern).replace(/^\.\//, '').replace(/\/+$/, '');
    return { negated, base, matches: picomatch(glob, { dot: true }) };
  });
  return (path) => {
    let ignored = false;
    for (const { negated, base, matches } of compiled) {
      const rel = relativeSlashed(base, path);
      if (rel === undefined || rel === '' || rel === '..' || rel.startsWith('../')) continue;
      if (ignored === negated && pathOrFolderMatches(rel, matches)) ignored = !negated;
    }
    return ignored;
  };
}

function pathOrFolderMatches(rel: string, matches: (path: string) => boolean): boolean {
  if (matches(rel)) return true;
  for (let slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) {
    if (matches(rel.slice(0, slash))) return true;
  }
  return false;
}
