import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a hostile repository can hold, made for real in a test's temporary folder: FIFOs, links to
 * devices and to other files, huge (sparse) files, folders nested past the path length limit.
 */

/** Root reads every file whatever its mode: a test of unreadable files cannot make one then. */
export const RUNNING_AS_ROOT = process.getuid?.() === 0;

export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

export function makeLink(target: string, path: string): void {
  symlinkSync(target, path);
}

/** A file of `bytes` bytes that takes no disk space (all zero bytes), as `truncate -s` makes. */
export function makeSparseFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

/**
 * Folders nested deeper than PATH_MAX (4,096 bytes on Linux), with a Markdown file at the bottom.
 * No single path to the bottom can be opened: the last levels are made by a process whose current
 * folder is already deep, with a relative path. Returns the name each level has.
 */
export function makeFoldersTooDeep(root: string, text: string): string {
  const name = 'n'.repeat(200);
  const half = join(root, ...Array.from({ length: 12 }, () => name));
  mkdirSync(half, { recursive: true });
  const rest = Array.from({ length: 13 }, () => name).join('/');
  execFileSync('sh', ['-c', 'mkdir -p "$1" && printf "%s" "$2" > "$1/deep.md"', 'sh', rest, text], { cwd: half });
  return name;
}

/** A template of `count` tiny sections, as a hostile repository would hold (about 470 KB for 20,000). */
export function manySectionTemplate(count: number, kind = 'Big Blueprint'): string {
  const sections: string[] = [];
  for (let i = 0; i < count; i++) sections.push(`## Part ${i}\n\n[Notes]\n`);
  return `# ${kind}: [Name]\n\n${sections.join('\n')}\n---\n\n**Blueprint Status**: [Draft/Review/Approved]\n**Last Updated**: [Date]\n**Author**: [Name]\n`;
}

/** A blueprint of that template, every section filled but the last, which it lacks. */
export function manySectionBlueprint(count: number, kind = 'Big Blueprint'): string {
  const sections: string[] = [];
  for (let i = 0; i < count - 1; i++) sections.push(`## Part ${i}\n\nFilled.\n`);
  return `# ${kind}: Stress\n\n${sections.join('\n')}\n---\n\n**Blueprint Status**: Review\n**Last Updated**: 2026-11-20\n**Author**: Ada Lovelace\n`;
}
