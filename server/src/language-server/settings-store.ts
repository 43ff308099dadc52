import type { Connection } from 'vscode-languageserver';
import type { FolderContext } from '../project/project';
import type { SettingsProblem } from '../project/settings-resolution';
import type { ClientOptions } from './client-options';
import type { ServerHost } from './host';
import type { ProjectFiles } from './project-files';

/**
 * The settings that apply to each document and folder: what the user set in the client (pulled
 * through `workspace/configuration` per document, or pushed, or given as initialization options)
 * over the rc file of its folder, with the templates in force there, resolved by the project layer
 * and kept until the configuration or the files change. Each distinct problem with the settings is
 * shown once, not on every keystroke.
 */
export class SettingsStore {
  private pullsConfiguration = false;
  /** The settings as the client gave them (initialization options or a push), before rc files are merged under them. */
  private clientSettings: unknown = {};
  /** What applies to each document (by URI) and folder (by its URI). */
  private readonly contexts = new Map<string, Promise<FolderContext>>();
  private readonly shownProblems = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly files: ProjectFiles,
  ) {}

  initialize(options: ClientOptions): void {
    this.pullsConfiguration = options.pullsConfiguration;
    this.clientSettings = options.initialSettings;
  }

  get pullsFromClient(): boolean {
    return this.pullsConfiguration;
  }

  /**
   * `workspace/didChangeConfiguration`: everything is resolved again. A client that is not asked
   * for its settings pushes them (`{ settings: { blueprint } }`); one that is asked sends nothing.
   */
  configurationChanged(pushed: unknown): void {
    this.contexts.clear();
    if (!this.pullsConfiguration && pushed !== undefined) this.clientSettings = pushed;
  }

  /** Rc files or templates changed: everything is resolved again. */
  filesChanged(): void {
    this.contexts.clear();
  }

  /**
   * What applies to a document: the rc file of its folder (up to its workspace folder) under the
   * client's settings, and the templates of its templates folder. An unsaved document belongs to
   * the first workspace folder.
   */
  contextFor(uri: string): Promise<FolderContext> {
    return this.resolved(uri, (editor) => {
      const path = this.host.pathOf(uri);
      const { project } = this.files;
      return path === undefined ? project.contextFor(this.files.workspaceFolders[0], editor) : project.contextForFile(path, editor);
    });
  }

  /** What applies to the files directly in a folder (a workspace folder, or one a new blueprint goes to). */
  folderContext(folder: string): Promise<FolderContext> {
    return this.resolved(this.host.uriOf(folder), (editor) => this.files.project.contextFor(folder, editor));
  }

  /** A document was closed: what applied to it is dropped, and returned (if it was resolved). */
  forget(uri: string): Promise<FolderContext> | undefined {
    const context = this.contexts.get(uri);
    this.contexts.delete(uri);
    return context;
  }

  private resolved(uri: string, resolve: (editor: unknown) => Promise<FolderContext>): Promise<FolderContext> {
    let context = this.contexts.get(uri);
    if (!context) {
      context = this.editorSettings(uri).then(async (editor) => {
        const resolvedContext = await resolve(editor);
        this.show(resolvedContext.problems);
        this.files.noticeContext(resolvedContext);
        return resolvedContext;
      });
      this.contexts.set(uri, context);
    }
    return context;
  }

  /** The settings the user set in the client for a document or folder. */
  private editorSettings(uri: string): Promise<unknown> {
    return this.pullsConfiguration
      ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'blueprint' }).then(
          (raw: unknown) => raw ?? this.clientSettings,
          () => this.clientSettings,
        )
      : Promise.resolve(this.clientSettings);
  }

  private show(problems: readonly SettingsProblem[]): void {
    for (const problem of problems) {
      if (this.shownProblems.has(problem.message)) continue;
      this.shownProblems.add(problem.message);
      this.connection.console.warn(problem.message);
      void this.connection.window.showWarningMessage(`Blueprint: ${problem.message}.`);
    }
  }
}
