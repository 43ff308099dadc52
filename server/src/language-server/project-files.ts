import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidChangeWatchedFilesNotification, type Connection, type Disposable } from 'vscode-languageserver';
import type { TemplateProblem } from '../template/template-file';
import { templateDiagnostics } from '../template/template-diagnostics';
import { Project, type FolderContext } from '../project/project';
import { WorkspaceRoots } from '../project/roots';
import type { TemplateSet } from '../template/template-folder';
import type { DiagnosticsPublisher } from './diagnostics-publisher';
import type { ServerHost } from './host';

/** The rc files' names (rc-file.ts, `RC_FILE_NAMES`) as the client's watcher reads them. */
const RC_FILE_GLOB = '**/.blueprintrc.{json,jsonc}';
const RC_FILE = /(?:^|[\\/])\.blueprintrc\.jsonc?$/;
/** Every Markdown file, for the workspace index (a blueprint written, renamed or deleted outside the editor). */
const MARKDOWN_GLOB = '**/*.md';

/** Reading rc files and templates yields to other messages this often, like a document's first analysis. */
export const SLICE_MS = 20;

/**
 * The files of the workspace the server reads besides the documents: the workspace folders (the
 * roots of the rc lookup), rc files and templates through the shared project layer, the file
 * watchers that tell the server when they change, and the malformed templates, published in their
 * own files.
 */
export class ProjectFiles {
  readonly project: Project;
  private readonly roots = new WorkspaceRoots();
  private watcherRegistration: Promise<Disposable | undefined> = Promise.resolve(undefined);
  /** Templates folders whose malformed files have been published since they were read. */
  private readonly publishedSets = new WeakSet<TemplateSet>();

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly publisher: DiagnosticsPublisher,
  ) {
    this.project = new Project({ files: host.files, rootOf: this.roots.rootOf, slicing: { sliceMs: SLICE_MS, pause: host.nextTurn } });
  }

  /** The client's workspace folders (URIs); those with no path (virtual ones) have no files to read. */
  setWorkspaceFolders(uris: readonly string[]): void {
    this.roots.set(uris.flatMap((uri) => this.host.pathOf(uri) ?? []));
  }

  /** The workspace folders with files, as paths. */
  get workspaceFolders(): readonly string[] {
    return this.roots.all;
  }

  /** A path as users read it: relative to its workspace folder. */
  shownPath(path: string): string {
    return this.roots.shownPath(path);
  }

  /** Whether a changed file is an rc file or a template of a templates folder read so far: then settings and templates are read again. */
  async isProjectFile(path: string): Promise<boolean> {
    if (RC_FILE.test(path)) return true;
    const folders = (await this.project.templateSets()).map((set) => set.folder);
    return folders.some((folder) => path.startsWith(folder + '/') || path.startsWith(folder + '\\'));
  }

  /** Rc files or templates changed on disk: they are read again when next asked for. */
  filesChanged(): void {
    this.project.forgetFiles();
  }

  /** Whether a document (`path`: its file) is a template of the folder whose `context` applies to it. */
  isTemplate(path: string | undefined, context: FolderContext): boolean {
    return path !== undefined && Project.isTemplateFile(path, context);
  }

  /** The problems of an open template with this text. */
  templateProblems(context: FolderContext, path: string, text: string): Promise<readonly TemplateProblem[]> {
    return this.project.templateProblems(context, path, text);
  }

  /** A context was resolved: a templates folder read for the first time gets its malformed files published. */
  noticeContext(context: FolderContext): void {
    if (context.templateSet && !this.publishedSets.has(context.templateSet)) void this.publishTemplateFiles().catch(() => undefined);
  }

  /** Asks the client to watch the rc files and the template files of every templates folder read so far (replacing the last registration). */
  async watchFiles(): Promise<void> {
    const watchers = [RC_FILE_GLOB, MARKDOWN_GLOB, ...(await this.templateGlobs())].map((globPattern) => ({ globPattern }));
    this.watcherRegistration = this.watcherRegistration
      .then((old) => {
        old?.dispose();
        return this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      })
      .catch(() => undefined);
  }

  /** The malformed template files on disk (not open in the editor), published in the files themselves. */
  async publishTemplateFiles(): Promise<void> {
    const sets = await this.project.templateSets();
    for (const set of sets) this.publishedSets.add(set);
    this.publisher.templateFilesOnDisk(
      sets
        .flatMap((set) => set.files)
        .filter((file) => file.problems.length > 0)
        .map((file) => {
          const uri = this.host.uriOf(file.path);
          return { uri, diagnostics: templateDiagnostics(TextDocument.create(uri, 'markdown', 0, file.text), file.problems) };
        }),
    );
  }

  /** Globs of the template files, for the client to watch: each templates folder read, relative to its workspace folder. */
  private async templateGlobs(): Promise<string[]> {
    const globs = (await this.project.templateSets()).flatMap((set) => this.roots.markdownGlob(set.folder) ?? []);
    return [...new Set(globs)];
  }
}
