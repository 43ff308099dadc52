import * as vscode from 'vscode';

/**
 * The `blueprint.*` settings the user set, in any scope, as the nested object the server reads
 * (`diagnostics.placeholder` under `diagnostics`), without the defaults.
 *
 * VS Code answers `getConfiguration` with every declared setting, defaults included, so a value the
 * user set equal to its default could not be told from one never set, and could not pin a severity
 * against `.blueprintrc.json` or the Blueprint Status. `inspect` tells them apart.
 */
export function explicitSettings(section: string, keys: readonly string[], scope: vscode.Uri | undefined): Record<string, unknown> {
  // Language-specific values (`"[markdown]": { … }`) are read too: blueprints are Markdown.
  const configuration = vscode.workspace.getConfiguration(section, { uri: scope, languageId: 'markdown' });
  const settings: Record<string, unknown> = {};
  for (const key of keys) {
    const inspected = configuration.inspect(key);
    const value =
      inspected?.workspaceFolderLanguageValue ??
      inspected?.workspaceLanguageValue ??
      inspected?.globalLanguageValue ??
      inspected?.workspaceFolderValue ??
      inspected?.workspaceValue ??
      inspected?.globalValue;
    if (value !== undefined) setPath(settings, key.split('.'), value);
  }
  return settings;
}

/** The keys of a section's settings as the extension's manifest declares them, relative to the section. */
export function declaredKeys(
  packageJSON: { contributes?: { configuration?: { properties?: Record<string, unknown> } } },
  section: string,
): string[] {
  return Object.keys(packageJSON.contributes?.configuration?.properties ?? {})
    .filter((key) => key.startsWith(`${section}.`))
    .map((key) => key.slice(section.length + 1));
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    node = (typeof next === 'object' && next !== null ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
