import { dirname, resolve } from 'node:path';
import { DEFAULT_SETTINGS, describeSettingProblem, readSettings, type BlueprintSettings, type SettingProblem } from '../settings';
import { isInside, mergeSettingsSources, type RcFile } from './rc-file';

/** Something wrong with the settings, to tell the user: an error means a value (or a whole rc file) is not used. */
export interface SettingsProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface ResolvedSettings {
  readonly settings: BlueprintSettings;
  /** The templates folder, absolute; undefined when there is no root to resolve it in (an unsaved file in no workspace). */
  readonly templatesFolder: string | undefined;
  readonly problems: readonly SettingsProblem[];
}

/**
 * The settings for the files of one folder, for the language server and the CLI alike: the rc file
 * that governs the folder, under what the user set in the editor (`editor`; the CLI has none).
 * Each source is read by `readSettings`; a value it cannot use is reported, and the other source's
 * value (else the default) applies. Clients send only what the user set (the VS Code client leaves
 * out the defaults VS Code would add), so a value equal to its default still wins over the rc file.
 *
 * `templates.folder` is relative to the folder of the rc file that sets it; set in the editor, or not
 * at all, it is relative to `root` (the workspace folder; for the CLI the repository root). It must
 * be inside `root`: a repository cannot make the server read Markdown files elsewhere.
 */
export function resolveSettings(rc: RcFile | undefined, editor: unknown, root: string | undefined): ResolvedSettings {
  const problems: SettingsProblem[] = [];
  let rcRaw: Record<string, unknown> = {};
  if (rc?.error) {
    problems.push({ severity: 'error', message: `${rc.error}; its settings are not used` });
  } else if (rc) {
    for (const warning of rc.warnings) problems.push({ severity: 'warning', message: warning });
    const read = readSettings(rc.settings);
    for (const p of read.problems) problems.push({ severity: 'error', message: describeSettingProblem(p, `${rc.path}: `) });
    rcRaw = withoutProblems(rc.settings, read.problems);
  }
  const editorRead = readSettings(editor);
  for (const p of editorRead.problems) problems.push({ severity: 'error', message: describeSettingProblem(p, 'blueprint.') });
  const editorRaw = withoutProblems(editor, editorRead.problems);

  const { settings } = readSettings(mergeSettingsSources(rcRaw, editorRaw));
  let templatesFolder: string | undefined;
  if (root !== undefined) {
    const setInEditor = hasFolder(editorRaw);
    const base = !setInEditor && rc && hasFolder(rcRaw) ? dirname(rc.path) : root;
    templatesFolder = resolve(base, settings.templates.folder);
    if (!isInside(templatesFolder, root)) {
      const where = setInEditor ? 'blueprint.' : `${rc!.path}: `;
      problems.push({
        severity: 'error',
        message: `${where}templates.folder: ${JSON.stringify(settings.templates.folder)} is outside ${root}; the default (${JSON.stringify(DEFAULT_SETTINGS.templates.folder)}) applies`,
      });
      templatesFolder = resolve(root, DEFAULT_SETTINGS.templates.folder);
    }
  }
  return { settings, templatesFolder, problems };
}

function hasFolder(raw: Record<string, unknown>): boolean {
  const templates = raw['templates'];
  return (
    typeof templates === 'object' &&
    templates !== null &&
    (templates as Record<string, unknown>)['folder'] !== undefined &&
    (templates as Record<string, unknown>)['folder'] !== null
  );
}

/** A copy of `raw` without the values that were reported, so another source's value applies instead. */
function withoutProblems(raw: unknown, problems: readonly SettingProblem[]): Record<string, unknown> {
  const copy: Record<string, unknown> = isObject(raw) ? { ...raw } : {};
  for (const { path } of problems) removeAt(copy, path);
  return copy;
}

function removeAt(object: Record<string, unknown>, path: readonly string[]): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (rest.length === 0) {
    delete object[key];
    return;
  }
  const inner = object[key];
  if (!isObject(inner)) return;
  const copy = { ...inner };
  object[key] = copy;
  removeAt(copy, rest);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
