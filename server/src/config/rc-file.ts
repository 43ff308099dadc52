import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_SETTINGS } from '../settings';

/** The project configuration file, read by the CLI and the language server alike. */
export const RC_FILE_NAME = '.blueprintrc.json';

export interface RcFile {
  readonly path: string;
  /** The settings object as written (same keys as the `blueprint.*` settings); empty when unreadable. */
  readonly settings: Record<string, unknown>;
  /** Why the file could not be used at all. */
  readonly error?: string;
  /** Keys that mean nothing to Blueprint (probably misspelt). */
  readonly warnings: readonly string[];
}

/** Reads an rc file's text: a JSON object, or problems saying exactly what is wrong and where. */
export function parseRcText(text: string, path: string): RcFile {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { path, settings: {}, error: `${path}: not valid JSON (${describeJsonError(text, error)})`, warnings: [] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { path, settings: {}, error: `${path}: must hold a JSON object such as { "diagnostics": { "placeholder": "warning" } }`, warnings: [] };
  }
  const known = new Set([...Object.keys(DEFAULT_SETTINGS), '$schema']);
  const warnings = Object.keys(value).filter((key) => !known.has(key)).map((key) => `${path}: unknown setting '${key}' is ignored`);
  return { path, settings: value as Record<string, unknown>, warnings };
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  // An unfinished file is wrong where it ends.
  const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (offset === undefined) return message;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** The nearest rc file in `directory` or above it, stopping after `root` (inclusive) when given. */
export function findRcFile(directory: string, root?: string): string | undefined {
  const stop = root === undefined ? undefined : resolve(root);
  for (let dir = resolve(directory); ; dir = dirname(dir)) {
    const candidate = join(dir, RC_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dir === stop || dirname(dir) === dir) return undefined;
  }
}

export function readRcFile(path: string): RcFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { path, settings: {}, error: `${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`, warnings: [] };
  }
  return parseRcText(text, path);
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
