// The ES module build: the package's main entry is a UMD wrapper whose dynamic requires esbuild cannot bundle.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { dirname, isInsideFolder, join, resolve } from './file-paths';
import { DIAGNOSTIC_DEFAULTS } from '../diagnostic-codes';
import { DEFAULT_SETTINGS, describeSettingProblem, DIAGNOSTICS_SCOPE_KEY, readSettings, SETTING_KEYS, withoutProblems } from '../settings';
import type { FileAccess } from './file-access';

/**
 * The project configuration file, read by the CLI and the language server alike: in each folder the
 * first of these names that exists. Both are JSON with comments and trailing commas (JSONC).
 */
export const RC_FILE_NAMES = ['.blueprintrc.json', '.blueprintrc.jsonc'] as const;

/** A configuration file is a few lines; anything larger is not one. */
export const MAX_RC_BYTES = 256 * 1024;

/** How many rc files an `extends` chain may hold: more is surely a mistake, and reading stays bounded. */
const MAX_EXTENDS_DEPTH = 10;

/** A glob of the rc file's `ignores` list, and the folder it is relative to (the folder of the file that lists it). */
export interface IgnorePattern {
  readonly pattern: string;
  readonly base: string;
}

export interface RcFile {
  readonly path: string;
  /**
   * The settings to use (same keys as the `blueprint.*` settings): the valid values written in this
   * file, over those of the file it extends; empty when the file is unusable.
   */
  readonly settings: Record<string, unknown>;
  /** Why the file could not be used at all (it is then ignored). Never quotes the file's content. */
  readonly error?: string;
  /**
   * Every unknown key and invalid value, in this file or a file it extends, each as
   * `file:line:column: key: what is wrong`; the value is not used. Never quotes a value longer than 40 characters.
   */
  readonly problems: readonly string[];
  /** Files not to check (the CLI), from this file and the files it extends. */
  readonly ignores: readonly IgnorePattern[];
  /** Where `templates.folder` was set (the folder it is relative to, and `file:line:column`), if it was. */
  readonly templatesFolder?: { readonly base: string; readonly at: string };
  /** The file this one extends, as written, with where (`file:line:column`); resolved by `readRcFile`. */
  readonly extends?: { readonly target: string; readonly at: string };
}

/** Keys an rc file may hold besides the settings. */
const FILE_KEYS = ['$schema', 'extends', 'ignores'];

/**
 * Reads one rc file's text (JSON with comments and trailing commas): its valid settings, and every
 * unknown key and invalid value located by line and column; or, when it is no JSON object at all, an
 * error saying what is wrong and where. Nothing quotes the text beyond a key or a short value: the
 * file may be a link to any other file. `extends` is recorded, not followed (see `readRcFile`).
 */
export function parseRcText(written: string, path: string): RcFile {
  const text = written.replace(/^\uFEFF/, '');
  const unusable = (error: string): RcFile => ({ path, settings: {}, error: `${path}: ${error}`, problems: [], ignores: [] });
  const lines = new LinePositions(text);
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
  } catch {
    // jsonc-parser recurses once per nesting level: thousands of `[` overflow the stack.
    return unusable('not valid JSON (nested too deeply)');
  }
  const [first] = errors;
  if (first) return unusable(`not valid JSON (${describeParseError(first.error)} at ${lines.describe(first.offset)})`);
  if (!tree || tree.type !== 'object') return unusable('must hold a JSON object such as { "diagnostics": { "placeholder": "warning" } }');

  const found: Array<{ offset: number; message: string }> = [];
  const problem = (node: JsonNode, message: string) => found.push({ offset: node.offset, message });
  const settings: Record<string, unknown> = {};
  const ignores: IgnorePattern[] = [];
  let extendsTarget: RcFile['extends'];
  for (const [key, keyNode, valueNode] of propertiesOf(tree)) {
    if (key === '$schema') continue;
    if (key === 'extends') {
      if (valueNode.type === 'string' && String(valueNode.value).trim() !== '')
        extendsTarget = { target: String(valueNode.value), at: `${path}:${lines.at(valueNode.offset)}` };
      else problem(valueNode, `extends: ${describeValue(valueOf(valueNode))} is not the path of another rc file`);
      continue;
    }
    if (key === 'ignores') {
      if (valueNode.type !== 'array') {
        problem(valueNode, `ignores: ${describeValue(valueOf(valueNode))} is not a list of globs`);
        continue;
      }
      (valueNode.children ?? []).forEach((item, index) => {
        if (item.type === 'string' && String(item.value).trim() !== '')
          ignores.push({ pattern: String(item.value).trim(), base: dirname(path) });
        else problem(item, `ignores[${index}]: ${describeValue(valueOf(item))} is not a glob`);
      });
      continue;
    }
    if (!SETTING_KEYS.includes(key)) {
      problem(keyNode, `${shortKey(key)}: is not a setting (settings: ${[...SETTING_KEYS, ...FILE_KEYS].join(', ')})`);
      continue;
    }
    const value = valueOf(valueNode);
    const known = knownInnerKeys(key);
    if (known && valueNode.type === 'object' && isObject(value)) {
      for (const [innerKey, innerKeyNode] of propertiesOf(valueNode)) {
        if (known.includes(innerKey)) continue;
        problem(
          innerKeyNode,
          key === 'diagnostics'
            ? `diagnostics.${shortKey(innerKey)}: is not a diagnostic code (codes: ${known.join(', ')})`
            : `${key}.${shortKey(innerKey)}: is not a setting (${key} holds: ${known.join(', ')})`,
        );
        delete value[innerKey];
      }
    }
    defineOwn(settings, key, value);
  }
  const read = readSettings(settings);
  for (const p of read.problems) {
    const node = findNodeAtLocation(tree, [...p.path]) ?? tree;
    found.push({ offset: node.offset, message: describeSettingProblem(p) });
  }
  const valid = withoutProblems(settings, read.problems);
  const folderNode =
    isObject(valid['templates']) && valid['templates']['folder'] !== undefined
      ? findNodeAtLocation(tree, ['templates', 'folder'])
      : undefined;
  return {
    path,
    settings: valid,
    problems: found.sort((a, b) => a.offset - b.offset).map((p) => `${path}:${lines.at(p.offset)}: ${p.message}`),
    ignores,
    ...(folderNode ? { templatesFolder: { base: dirname(path), at: `${path}:${lines.at(folderNode.offset)}` } } : {}),
    ...(extendsTarget ? { extends: extendsTarget } : {}),
  };
}

/** The keys a settings group may hold: its defaults' keys (`templates`, `codeLens`), the diagnostic codes; undefined for plain values. */
function knownInnerKeys(key: string): string[] | undefined {
  if (key === 'diagnostics') return [...Object.keys(DIAGNOSTIC_DEFAULTS), DIAGNOSTICS_SCOPE_KEY];
  const defaults = (DEFAULT_SETTINGS as unknown as Record<string, unknown>)[key];
  return isObject(defaults) ? Object.keys(defaults) : undefined;
}

function shortKey(key: string): string {
  return forMessage(key.length > 60 ? `${key.slice(0, 60)}…` : key);
}

/** Control characters of a key or value written as escapes, so that a message stays one line. */
function forMessage(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return forMessage(JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value));
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  return String(value);
}

/** An object's properties as `[key, key node, value node]`. */
function propertiesOf(node: JsonNode): Array<[string, JsonNode, JsonNode]> {
  const properties: Array<[string, JsonNode, JsonNode]> = [];
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode && valueNode) properties.push([String(keyNode.value), keyNode, valueNode]);
  }
  return properties;
}

/** Settings are a few levels deep: anything deeper is no setting, and is not followed (the stack stays bounded). */
const MAX_VALUE_DEPTH = 16;

/**
 * A JSON node as a value, each key an own property: `"__proto__"` is a key like any other (an
 * unknown one), never the object's prototype.
 */
function valueOf(node: JsonNode, depth = 0): unknown {
  if (depth > MAX_VALUE_DEPTH) return undefined;
  if (node.type === 'array') return (node.children ?? []).map((child) => valueOf(child, depth + 1));
  if (node.type !== 'object') return node.value;
  const object: Record<string, unknown> = {};
  for (const [key, , valueNode] of propertiesOf(node)) defineOwn(object, key, valueOf(valueNode, depth + 1));
  return object;
}

function defineOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Offsets as 1-based line and column (UTF-16 code units, as editors count), found by binary search over the line starts. */
class LinePositions {
  private readonly starts = [0];

  constructor(text: string) {
    const lineEnd = /\r\n|\r|\n/g;
    while (lineEnd.exec(text) !== null) this.starts.push(lineEnd.lastIndex);
  }

  /** `line:column`. */
  at(offset: number): string {
    const { line, column } = this.position(offset);
    return `${line}:${column}`;
  }

  /** `line 3, column 5`. */
  describe(offset: number): string {
    const { line, column } = this.position(offset);
    return `line ${line}, column ${column}`;
  }

  private position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}

const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidCommentToken: 'an invalid comment',
  PropertyNameExpected: 'a property name expected',
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

/**
 * Reads the rc file at `path` and the files it extends, each bounded like every file (see
 * file-access.ts): the settings of the file it extends apply under its own, key by key, and their
 * `ignores` before its own. An extended file must be inside `root`, like the templates folder, and
 * the chain may not loop or be longer than MAX_EXTENDS_DEPTH. Undefined when there is no file at `path`.
 */
export async function readRcFile(
  files: FileAccess,
  path: string,
  root: string,
  chain: readonly string[] = [],
): Promise<RcFile | undefined> {
  const read = await files.readText(path, MAX_RC_BYTES);
  if (read.kind === 'missing') return undefined;
  if (read.kind !== 'text') {
    const problem =
      read.kind === 'too-large'
        ? `is ${read.bytes.toLocaleString('en-US')} bytes, more than the ${MAX_RC_BYTES.toLocaleString('en-US')} an rc file may have`
        : read.problem;
    return { path, settings: {}, error: `${path}: ${problem}; not read`, problems: [], ignores: [] };
  }
  const own = parseRcText(read.text, path);
  if (own.error || !own.extends) return own;
  const { target, at } = own.extends;
  const basePath = resolve(dirname(path), target);
  const refuse = (why: string): RcFile => ({
    ...own,
    problems: [...own.problems, `${at}: extends: ${describeValue(target)} ${why}; its settings are not used`],
  });
  if (basePath === path || chain.includes(basePath)) return refuse('extends a file that extends it (a loop)');
  if (!isInside(basePath, root)) return refuse(`is outside ${root}`);
  if (chain.length + 1 >= MAX_EXTENDS_DEPTH) return refuse(`is more than ${MAX_EXTENDS_DEPTH} files deep`);
  const base = await readRcFile(files, basePath, root, [...chain, path]);
  if (!base) return refuse('does not exist');
  if (base.error) return refuse(`cannot be used (${base.error})`);
  return {
    path,
    settings: mergeSettingsSources(base.settings, own.settings),
    problems: [...own.problems, ...base.problems],
    ignores: [...base.ignores, ...own.ignores],
    ...((own.templatesFolder ?? base.templatesFolder) ? { templatesFolder: own.templatesFolder ?? base.templatesFolder } : {}),
  };
}

/**
 * The rc file that governs a folder: the nearest `.blueprintrc.json` (or `.blueprintrc.jsonc`) in
 * `directory` or a folder above it, up to `root` and never above it (a folder outside `root` has
 * only its own). One rule for the server (root: the workspace folder) and the CLI (root: the
 * repository root). Undefined when there is none; an rc file that cannot be read is returned with its error.
 */
export async function findRcFile(files: FileAccess, directory: string, root: string): Promise<RcFile | undefined> {
  for (const dir of foldersUpTo(directory, root)) {
    for (const name of RC_FILE_NAMES) {
      const rc = await readRcFile(files, join(dir, name), isInside(dir, root) ? root : dir);
      if (rc) return rc;
    }
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
  return isInsideFolder(path, folder);
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
