// The ES module build: the package's main entry is a UMD wrapper whose dynamic requires esbuild cannot bundle.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { DEFAULT_SETTINGS } from '../settings';
import type { FileAccess } from './file-access';

/** The project configuration file, read by the CLI and the language server alike. */
export const RC_FILE_NAME = '.blueprintrc.json';

/** A configuration file is a few lines; anything larger is not one. */
export const MAX_RC_BYTES = 256 * 1024;

export interface RcFile {
  readonly path: string;
  /** The settings object as written (same keys as the `blueprint.*` settings); empty when unusable. */
  readonly settings: Record<string, unknown>;
  /** Why the file could not be used at all (it is then ignored). Never quotes the file's content. */
  readonly error?: string;
  /** Keys that mean nothing to Blueprint (probably misspelt). */
  readonly warnings: readonly string[];
}

/**
 * Reads an rc file's text: a JSON object, or an error saying what is wrong and where (line and
 * column). The error never quotes the text: the file may be a link to any other file.
 */
export function parseRcText(written: string, path: string): RcFile {
  const text = written.replace(/^\uFEFF/, '');
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = JSON.parse(text);
    } catch {
      return { path, settings: {}, error: `${path}: not valid JSON`, warnings: [] };
    }
  } else {
    const [first] = errors;
    return {
      path,
      settings: {},
      error: `${path}: not valid JSON (${describeParseError(first!.error)} at ${lineAndColumn(text, first!.offset)})`,
      warnings: [],
    };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {
      path,
      settings: {},
      error: `${path}: must hold a JSON object such as { "diagnostics": { "placeholder": "warning" } }`,
      warnings: [],
    };
  }
  const known = new Set([...Object.keys(DEFAULT_SETTINGS), '$schema']);
  const warnings = Object.keys(value)
    .filter((key) => !known.has(key))
    .map((key) => `${path}: unknown setting '${key.slice(0, 60)}' is ignored`);
  return { path, settings: value as Record<string, unknown>, warnings };
}

const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidCommentToken: 'a comment, which JSON does not allow',
  PropertyNameExpected: 'a property name expected (a trailing comma?)',
  ValueExpected: 'a value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'more text after the end of the JSON value',
  UnexpectedEndOfComment: 'an unfinished comment',
  UnexpectedEndOfString: 'an unfinished string',
  UnexpectedEndOfNumber: 'an unfinished number',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape',
  InvalidCharacter: 'a control character in a string',
};

function describeParseError(code: ParseError['error']): string {
  const name = printParseErrorCode(code);
  return PARSE_ERRORS[name] ?? name;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/**
 * The rc file that governs a folder: the nearest `.blueprintrc.json` in `directory` or a folder
 * above it, up to `root` and never above it (a folder outside `root` has only its own). One rule
 * for the server (root: the workspace folder) and the CLI (root: the repository root).
 * Undefined when there is none; an rc file that cannot be read is returned with its error.
 */
export async function findRcFile(files: FileAccess, directory: string, root: string): Promise<RcFile | undefined> {
  for (const dir of foldersUpTo(directory, root)) {
    const path = join(dir, RC_FILE_NAME);
    const read = await files.readText(path, MAX_RC_BYTES);
    if (read.kind === 'missing') continue;
    if (read.kind === 'text') return parseRcText(read.text, path);
    const problem =
      read.kind === 'too-large'
        ? `is ${read.bytes.toLocaleString('en-US')} bytes, more than the ${MAX_RC_BYTES.toLocaleString('en-US')} an rc file may have`
        : read.problem;
    return { path, settings: {}, error: `${path}: ${problem}; not read`, warnings: [] };
  }
  return undefined;
}

/** `directory`, then each folder above it up to `root` inclusive; only `directory` when it is not inside `root`. */
export function foldersUpTo(directory: string, root: string): string[] {
  if (!isInside(directory, root)) return [directory];
  const folders = [directory];
  for (let dir = directory; dir !== root;) {
    const up = dirname(dir);
    if (up === dir) break;
    folders.push(up);
    dir = up;
  }
  return folders;
}

/** Whether `path` is `folder` or inside it (both absolute and normalised). */
export function isInside(path: string, folder: string): boolean {
  const inside = relative(folder, path);
  return inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
}

/**
 * Settings from two sources, `over` winning key by key; nested objects (`diagnostics`, `templates`)
 * merge so that a client setting one code keeps the rc file's other codes.
 */
export function mergeSettingsSources(under: unknown, over: unknown): Record<string, unknown> {
  const base = isObject(under) ? under : {};
  if (!isObject(over)) return { ...base };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined || value === null) continue;
    merged[key] = isObject(value) && isObject(base[key]) ? mergeSettingsSources(base[key], value) : value;
  }
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
