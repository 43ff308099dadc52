import { dirname } from '../project/file-paths';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import { BlueprintStore } from '../documents/blueprint-store';
import { classifyDocumentInSlices, classifyUnreadFile } from '../documents/classification';
import { blueprintFacts, type BlueprintFacts } from '../features/blueprint-facts';
import { unresolvedBlueprintDiagnostics } from '../features/checked-diagnostics';
import { tooLargeDiagnostics } from '../features/size-limit';
import { StructureTable } from '../features/workspace-structures';
import type { FileAccess } from '../project/file-access';
import { excludedBy, FileFinder } from '../project/find-files';
import { Project, type FolderContext } from '../project/project';
import type { Slicing } from '../template/template-folder';

/** The most bytes a file of `maxDocumentSize` characters can take (three bytes a character in UTF-8), as `blueprint check` reads it. */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
/**
 * Files up to this long are parsed whole, as `blueprint check` parses them (a few milliseconds);
 * longer ones in chunks, with pauses between them, so that no file holds the server for long.
 */
const WHOLE_PARSE_CHARACTERS = 64 * 1024;

/** What the index knows of one file of the workspace. */
export interface IndexedFile {
  readonly uri: string;
  /** Its facts as a blueprint; undefined for one too large to analyse. */
  readonly facts: BlueprintFacts | undefined;
  /** Its diagnostics before structures are resolved (a too-large file: its one `too-large`). */
  readonly diagnostics: readonly Diagnostic[];
  /** Its kind, for a file too large to analyse too. */
  readonly kind: string;
  readonly settings: FolderContext['settings'];
}

export interface WorkspaceIndexOptions {
  readonly files: FileAccess;
  readonly project: Project;
  readonly uriOf: (path: string) => string;
  readonly slicing: Slicing;
  /** What applies to the files of a folder, the user's editor settings included. */
  readonly contextOf: (folder: string) => Promise<FolderContext>;
  /** Whether a document is open: the editor's text then wins over the file on disk. */
  readonly isOpen: (uri: string) => boolean;
  /**
   * Told when files entered, left or changed: `declarations`, the structure names declared, removed
   * or moved; `fromDisk`, whether it was a file on disk (not an open document's edit).
   */
  readonly changed: (declarations: ReadonlySet<string>, fromDisk: boolean) => void;
  readonly logError: (message: string) => void;
}

/**
 * Every blueprint of the workspace folders, found by the one discovery rule `blueprint check` uses
 * (project/find-files.ts: Markdown files, .gitignore honoured, `blueprint.workspace.exclude`; then
 * the rc file's `ignores`, templates left out, and the classification: `*.blueprint.md` or a
 * template's title), kept as compact facts per file (features/blueprint-facts.ts), never texts or
 * syntax trees. Built in the background, file by file, pausing every slice so that requests are
 * answered in between; kept current by watched-file events, and by the open documents, whose facts
 * the document pipeline hands over (an open document's unsaved text wins over the file).
 */
export class WorkspaceIndex {
  readonly structures = new StructureTable();
  private readonly entries = new Map<string, IndexedFile>();
  /** Files found on disk, by URI, with their paths: what an open document falls back to when it is closed. */
  private readonly onDisk = new Map<string, string>();
  private readonly small = new BlueprintStore(undefined, { chunked: false });
  private readonly large: BlueprintStore;
  private generation = 0;
  private building: Promise<void> = Promise.resolve();
  private sliceStart = 0;
  private disposed = false;

  constructor(private readonly options: WorkspaceIndexOptions) {
    this.large = new BlueprintStore(undefined, { slicing: options.slicing });
  }

  /** Whether a build is under way. */
  indexing = false;

  /** Every indexed file, open documents as they are now. */
  all(): IterableIterator<IndexedFile> {
    return this.entries.values();
  }

  get(uri: string): IndexedFile | undefined {
    return this.entries.get(uri);
  }

  /** Finished once the build under way (if any) is. */
  whenBuilt(): Promise<void> {
    return this.building;
  }

  /** Finds and reads every blueprint of `folders` again (start-up, settings changed), replacing what the index held. */
  rebuild(folders: readonly string[]): Promise<void> {
    const generation = ++this.generation;
    this.indexing = true;
    this.building = this.build(folders, generation).then(
      () => {
        if (generation === this.generation) this.indexing = false;
      },
      (error: unknown) => {
        if (generation === this.generation) this.indexing = false;
        this.options.logError(`Could not index the workspace: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return this.building;
  }

  /** An open document's facts as it is now (undefined: it is not a blueprint). */
  documentChanged(uri: string, file: IndexedFile | undefined): void {
    if (file) this.store(file, false);
    else this.drop(uri, false);
  }

  /** A document was closed: the file on disk counts again. */
  async documentClosed(uri: string, path: string | undefined): Promise<void> {
    this.drop(uri);
    if (path !== undefined && this.onDisk.has(uri)) await this.readFile(path, this.generation);
  }

  /** Files changed on disk (watched-file events): each is read again, or dropped when it is gone. */
  async filesChanged(changes: readonly { readonly path: string; readonly deleted: boolean }[], folders: readonly string[]): Promise<void> {
    const generation = this.generation;
    for (const change of changes) {
      const uri = this.options.uriOf(change.path);
      if (this.options.isOpen(uri)) continue;
      if (change.deleted) {
        this.onDisk.delete(uri);
        this.drop(uri);
        continue;
      }
      const folder = folders.find((f) => change.path.startsWith(f));
      if (folder === undefined || !(await this.isDiscovered(folder, change.path))) {
        this.onDisk.delete(uri);
        this.drop(uri);
        continue;
      }
      this.onDisk.set(uri, change.path);
      await this.readFile(change.path, generation);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
  }

  private async build(folders: readonly string[], generation: number): Promise<void> {
    const found = new Map<string, string>();
    for (const folder of folders) {
      const context = await this.options.contextOf(folder);
      if (!context.settings.workspace.index) continue;
      const finder = new FileFinder(this.options.files, folder, excludedBy(context.settings.workspace.exclude, folder));
      for (const path of await finder.markdownFilesUnder(folder)) found.set(this.options.uriOf(path), path);
      if (generation !== this.generation) return;
    }
    for (const uri of [...this.entries.keys()]) {
      if (!found.has(uri) && !this.options.isOpen(uri)) this.drop(uri);
    }
    this.onDisk.clear();
    for (const [uri, path] of found) this.onDisk.set(uri, path);
    this.sliceStart = performance.now();
    for (const [uri, path] of found) {
      if (generation !== this.generation || this.disposed) return;
      if (this.options.isOpen(uri)) continue;
      await this.readFile(path, generation);
    }
  }

  /** Whether a file found by a watcher is one the index holds: the same rule as the search, for one file. */
  private async isDiscovered(folder: string, path: string): Promise<boolean> {
    const context = await this.options.contextOf(folder);
    if (!context.settings.workspace.index || !/\.md$/i.test(path)) return false;
    return new FileFinder(this.options.files, folder, excludedBy(context.settings.workspace.exclude, folder)).wouldFind(path);
  }

  /** Reads one file from disk and keeps its facts (or drops it: not a blueprint, ignored, unreadable). */
  private async readFile(path: string, generation: number): Promise<void> {
    const uri = this.options.uriOf(path);
    try {
      await this.pauseIfDue();
      if (generation !== this.generation || this.options.isOpen(uri)) return;
      const context = await this.options.contextOf(dirname(path));
      if (Project.isTemplateFile(path, context) || context.isIgnored(path)) return this.drop(uri);
      const { settings } = context;
      const place = { path, context };
      const read = await this.options.files.readText(path, Math.min(MAX_DOCUMENT_BYTES, 3 * settings.maxDocumentSize + 3));
      if (generation !== this.generation || this.options.isOpen(uri)) return;
      if (read.kind === 'too-large') {
        const head = TextDocument.create(uri, 'markdown', 0, read.head);
        const classified = classifyUnreadFile(uri, read.head, read.bytes, place);
        if (classified.kind !== 'too-large') return this.drop(uri);
        const diagnostics = tooLargeDiagnostics(head, settings, read.bytes);
        return this.store({ uri, facts: undefined, diagnostics, kind: '', settings });
      }
      if (read.kind !== 'text') return this.drop(uri);
      const document = TextDocument.create(uri, 'markdown', 0, read.text);
      const store = read.text.length > WHOLE_PARSE_CHARACTERS ? this.large : this.small;
      try {
        const classified = await classifyDocumentInSlices(document, place, store);
        if (generation !== this.generation || this.options.isOpen(uri)) return;
        this.store(indexedFile(document, classified, settings));
      } finally {
        store.forget(uri);
      }
    } catch (error) {
      this.options.logError(`Could not index ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async pauseIfDue(): Promise<void> {
    if (performance.now() - this.sliceStart < this.options.slicing.sliceMs) return;
    await this.options.slicing.pause();
    this.sliceStart = performance.now();
  }

  private store(file: IndexedFile | undefined, fromDisk = true): void {
    if (!file) return;
    this.entries.set(file.uri, file);
    this.options.changed(this.structures.set(file.uri, file.facts?.names ?? []), fromDisk);
  }

  private drop(uri: string, fromDisk = true): void {
    const had = this.entries.delete(uri);
    const declarations = this.structures.delete(uri);
    if (had) this.options.changed(declarations, fromDisk);
  }
}

/**
 * What the index keeps of a classified document: a blueprint's facts and diagnostics before
 * structures are resolved, a too-large blueprint's one diagnostic; undefined for anything else.
 */
export function indexedFile(
  document: TextDocument,
  classified: Awaited<ReturnType<typeof classifyDocumentInSlices>>,
  settings: FolderContext['settings'],
): IndexedFile | undefined {
  switch (classified.kind) {
    case 'blueprint': {
      // A copy, for the index keeps it long after the document's text: a name, a heading or a message
      // built from the text is a V8 slice or concatenation that holds the whole text alive; the
      // structured clone's strings are flat copies of their own (the facts keep their diagnostics'
      // identity: `facts.diagnostics === diagnostics`).
      const { facts, diagnostics } = structuredClone(compactCopy(classified.analysed, settings));
      return { uri: document.uri, facts, diagnostics, kind: facts.progress.kind, settings };
    }
    case 'too-large':
      return {
        uri: document.uri,
        facts: undefined,
        diagnostics: tooLargeDiagnostics(document, settings, classified.bytes),
        kind: '',
        settings,
      };
    default:
      return undefined;
  }
}

function compactCopy(
  analysed: AnalysedBlueprint,
  settings: FolderContext['settings'],
): { readonly facts: BlueprintFacts; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics = unresolvedBlueprintDiagnostics(analysed, settings);
  return { facts: blueprintFacts(analysed, diagnostics), diagnostics };
}
