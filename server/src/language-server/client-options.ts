import type { InitializeParams } from 'vscode-languageserver';
import type { BlueprintInitializationOptions, OutlineContent } from '../protocol';

/** What the client said about itself in `initialize`, as far as the server acts on it. */
export interface ClientOptions {
  /** It answers `workspace/configuration`: settings are pulled per document; else they come pushed or as initialization options. */
  readonly pullsConfiguration: boolean;
  /** It inserts snippets (tab stops); clients without snippet support get completion text without them. */
  readonly takesSnippets: boolean;
  /** It lets the server register file watchers (rc files, templates folders). */
  readonly watchesFiles: boolean;
  /** The settings it passed as initialization options (`{ settings }`, or `{ blueprint }` as Helix's `config` does). */
  readonly initialSettings: unknown;
  /** A client with a Markdown outline of its own (VS Code) asks for the structures only. */
  readonly outline: OutlineContent;
  /** It pulls diagnostics (`textDocument/diagnostic`): then the server answers pulls, for every blueprint of the workspace, and pushes none. */
  readonly pullsDiagnostics: boolean;
  /** It re-pulls every diagnostic when told to (`workspace/diagnostic/refresh`). */
  readonly refreshesDiagnostics: boolean;
  /** It resolves a code action's edit when the user picks the action (`codeAction/resolve`), as VS Code does. */
  readonly resolvesCodeActionEdits: boolean;
  /** Its workspace folders, as URIs (`rootUri` for a client that names no folders). */
  readonly workspaceFolders: readonly string[];
}

export function clientOptions(params: InitializeParams): ClientOptions {
  const options = params.initializationOptions as BlueprintInitializationOptions | null | undefined;
  return {
    pullsConfiguration: params.capabilities.workspace?.configuration === true,
    takesSnippets: params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
    watchesFiles: params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    initialSettings: options?.settings ?? options?.blueprint ?? {},
    outline: options?.outline === 'structures' ? 'structures' : 'full',
    pullsDiagnostics: params.capabilities.textDocument?.diagnostic !== undefined,
    refreshesDiagnostics: params.capabilities.workspace?.diagnostics?.refreshSupport === true,
    resolvesCodeActionEdits: params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
    workspaceFolders: params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []),
  };
}
