import { basename, dirname } from './file-paths';
import { builtinTemplates } from '../template/builtin-templates';
import type { TemplateSchema } from '../template/schema';
import type { TemplateProblem } from '../template/template-file';
import type { BlueprintSettings } from '../settings';
import type { FileAccess } from './file-access';
import { ignoreMatcher } from './ignores';
import { findRcFile, readRcFile, type RcFile } from './rc-file';
import type { RootOf } from './roots';
import { resolveSettings, type SettingsProblem } from './settings-resolution';
import { isTemplateFileName, TemplateFolderReader, type Slicing, type TemplateSet } from '../template/template-folder';

/** What applies to the files of one folder. */
export interface FolderContext {
  readonly settings: BlueprintSettings;
  /** The rc file in force, if any. */
  readonly rc: RcFile | undefined;
  /** The folder whose Markdown files are templates here (absolute); undefined without a root. */
  readonly templatesFolder: string | undefined;
  /** The templates in force here: the built-in ones, then the templates folder's usable ones. */
  readonly templates: readonly TemplateSchema[];
  /** The templates folder as read (its malformed files are reported in them). */
  readonly templateSet: TemplateSet | undefined;
  readonly problems: readonly SettingsProblem[];
  /** Whether a file (absolute path) is one the rc file's `ignores` excludes from `blueprint check`. */
  isIgnored(path: string): boolean;
}

export interface ProjectOptions {
  readonly files: FileAccess;
  /**
   * The folder that bounds the rc lookup for files in a directory and that `templates.folder` is
   * relative to: the workspace folder in the server, the repository root in the CLI (roots.ts).
   */
  readonly rootOf: RootOf;
  readonly slicing?: Slicing;
  /** An rc file that applies everywhere instead of the one each folder would find (the CLI's `--config`). */
  readonly configFile?: string;
}

/**
 * The project layer the language server and the CLI share: for a folder, the rc file that governs
 * it (looked up from the folder to its root, never above), the settings (rc file under editor
 * settings, every invalid value a problem) and the templates of its templates folder. Files are
 * read only through `FileAccess`. What it has read is kept until `forgetFiles()`; templates whose
 * text did not change are not derived again even then.
 */
export class Project {
  private readonly rcByDirectory = new Map<string, Promise<{ rc: RcFile | undefined; root: string }>>();
  private readonly sets = new Map<string, Promise<TemplateSet>>();
  private readonly reader: TemplateFolderReader;
  private config: Promise<RcFile> | undefined;

  constructor(private readonly options: ProjectOptions) {
    this.reader = new TemplateFolderReader(options.files, options.slicing);
  }

  /**
   * What applies to files directly in `directory` (undefined: an unsaved file with no folder),
   * with `editor` the settings the user set in the editor for them.
   */
  async contextFor(directory: string | undefined, editor?: unknown): Promise<FolderContext> {
    const { rc, root } = directory === undefined ? { rc: undefined, root: undefined } : await this.rcFor(directory);
    const { settings, templatesFolder, problems } = resolveSettings(rc, editor, root);
    const templateSet = templatesFolder === undefined ? undefined : await this.templateSet(templatesFolder);
    const all = templateSet?.problem
      ? [...problems, { severity: 'error' as const, message: `${templateSet.folder}: the templates folder ${templateSet.problem}` }]
      : problems;
    return {
      settings,
      rc,
      templatesFolder,
      templates: templateSet?.templates ?? builtinTemplates,
      templateSet,
      problems: all,
      isIgnored: ignoreMatcher(rc?.error ? [] : (rc?.ignores ?? [])),
    };
  }

  /** What applies to a file (an absolute path): the context of its folder. */
  contextForFile(path: string, editor?: unknown): Promise<FolderContext> {
    return this.contextFor(dirname(path), editor);
  }

  /** Whether a file is a template of a context (a Markdown file directly in its templates folder). */
  static isTemplateFile(path: string, context: Pick<FolderContext, 'templatesFolder'>): boolean {
    return context.templatesFolder !== undefined && dirname(path) === context.templatesFolder && isTemplateFileName(basename(path));
  }

  /** The problems of an open template (`path`, in the templates folder of `context`) with this text. */
  templateProblems(context: FolderContext, path: string, text: string): Promise<readonly TemplateProblem[]> {
    return this.reader.problemsOfText(context.templateSet, path, text);
  }

  /** The templates folders read so far, as last read. */
  async templateSets(): Promise<TemplateSet[]> {
    return Promise.all(this.sets.values());
  }

  /** Files changed: rc files and templates folders are read again when next asked for. */
  forgetFiles(): void {
    this.config = undefined;
    this.rcByDirectory.clear();
    this.sets.clear();
  }

  private rcFor(directory: string): Promise<{ rc: RcFile | undefined; root: string }> {
    let found = this.rcByDirectory.get(directory);
    if (!found) {
      const { configFile, files } = this.options;
      found = this.options.rootOf(directory).then(async (root) => ({
        rc: configFile === undefined ? await findRcFile(files, directory, root) : await this.configured(configFile),
        root,
      }));
      this.rcByDirectory.set(directory, found);
    }
    return found;
  }

  /** The `configFile` for every folder, read once; its `extends` stays within its own root. */
  private configured(path: string): Promise<RcFile> {
    this.config ??= this.options.rootOf(dirname(path)).then(
      async (root) =>
        (await readRcFile(this.options.files, path, root)) ?? {
          path,
          settings: {},
          error: `${path}: does not exist`,
          problems: [],
          ignores: [],
        },
    );
    return this.config;
  }

  private templateSet(folder: string): Promise<TemplateSet> {
    let set = this.sets.get(folder);
    if (!set) {
      set = this.reader.read(folder);
      this.sets.set(folder, set);
    }
    return set;
  }
}
