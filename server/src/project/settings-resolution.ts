import { resolve } from './file-paths';
import { DEFAULT_SETTINGS, describeSettingProblem, readSettings, withoutProblems, type BlueprintSettings } from '../settings';
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
    // Read and checked with the file (rc-file.ts), each problem located by line and column.
    for (const message of rc.problems) problems.push({ severity: 'error', message });
    rcRaw = rc.settings;
  }
  const editorRead = readSettings(editor);
  for (const p of editorRead.problems) problems.push({ severity: 'error', message: describeSettingProblem(p, 'blueprint.') });
  const editorRaw = withoutProblems(editor, editorRead.problems);

  const { settings } = readSettings(mergeSettingsSources(rcRaw, editorRaw));
  let templatesFolder: string | undefined;
  if (root !== undefined) {
    const setInEditor = hasFolder(editorRaw);
    const setInRc = !setInEditor && rc?.templatesFolder !== undefined && hasFolder(rcRaw) ? rc.templatesFolder : undefined;
    templatesFolder = resolve(setInRc?.base ?? root, settings.templates.folder);
    if (!isInside(templatesFolder, root)) {
      const where = setInRc ? `${setInRc.at}: ` : 'blueprint.';
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
