import * as vscode from 'vscode';

/** A setting as the extension's manifest declares it. */
export interface DeclaredSetting {
  /** Relative to its section: `diagnostics.placeholder`. */
  readonly key: string;
  /** Only `language-overridable` settings take `"[markdown]"` values: VS Code refuses them for the others. */
  readonly languageOverridable: boolean;
}

/** The language of every document the server checks. */
const BLUEPRINT_LANGUAGE = 'markdown';

/**
 * The `blueprint.*` settings the user set for a document or folder (`scope`; the window's when undefined), as
 * the nested object the server reads (`diagnostics.placeholder` under `diagnostics`), without the defaults.
 *
 * VS Code answers `getConfiguration` with every declared setting, defaults included, so a value the
 * user set equal to its default could not be told from one never set, and could not pin a severity
 * against `.blueprintrc.json` or the Blueprint Status. `inspect` tells them apart. Of what it reports,
 * the value VS Code itself would use wins: a folder's over the workspace's over the user's, and for
 * language-overridable settings a `"[markdown]"` value over any value without a language.
 */
export function explicitSettings(
  section: string,
  settings: readonly DeclaredSetting[],
  scope: vscode.Uri | undefined,
): Record<string, unknown> {
  const configuration = vscode.workspace.getConfiguration(section, { uri: scope, languageId: BLUEPRINT_LANGUAGE });
  const explicit: Record<string, unknown> = {};
  for (const { key, languageOverridable } of settings) {
    const inspected = configuration.inspect(key);
    if (!inspected) continue;
    const forMarkdown = languageOverridable
      ? (inspected.workspaceFolderLanguageValue ?? inspected.workspaceLanguageValue ?? inspected.globalLanguageValue)
      : undefined;
    const value = forMarkdown ?? inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue;
    if (value !== undefined) setPath(explicit, key.split('.'), value);
  }
  return explicit;
}

export interface Manifest {
  contributes?: { configuration?: { properties?: Record<string, { scope?: string }> } };
}

/** A section's settings as the extension's manifest declares them. */
export function declaredSettings(packageJSON: Manifest, section: string): DeclaredSetting[] {
  return Object.entries(packageJSON.contributes?.configuration?.properties ?? {})
    .filter(([name]) => name.startsWith(`${section}.`))
    .map(([name, declared]) => ({ key: name.slice(section.length + 1), languageOverridable: declared.scope === 'language-overridable' }));
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    node = (typeof next === 'object' && next !== null ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
