import { basename, join } from '../project/file-paths';
import type { FileAccess } from '../project/file-access';
import { builtinTemplates } from './builtin-templates';
import { nameKey } from './names';
import { templatesWith } from './registry';
import { TemplateSchema } from './schema';
import {
  firstLineOf,
  MAX_TEMPLATE_SIZE,
  templateSizeProblem,
  usableTemplate,
  withRivals,
  type DerivedTemplate,
  type TemplateFile,
  type TemplateProblem,
} from './template-file';

/** The templates of one templates folder. */
export interface TemplateSet {
  readonly folder: string;
  /** Every Markdown file directly in the folder, by name, usable or not. */
  readonly files: readonly TemplateFile[];
  /** The templates in force: the built-in ones first, then the usable ones of the folder. */
  readonly templates: readonly TemplateSchema[];
  /** Why the folder could not be read, when it exists but cannot be (it then has no templates). */
  readonly problem: string | undefined;
}

/**
 * How long work may hold the thread before it lets others run: the language server pauses for a
 * turn of its event loop every `sliceMs`; the CLI has nobody to wait for and does not pause.
 */
export interface Slicing {
  readonly sliceMs: number;
  readonly pause: () => Promise<void>;
}

/** A UTF-8 file of MAX_TEMPLATE_SIZE characters has at most three bytes per character; more bytes are surely too many. */
const MAX_TEMPLATE_BYTES = 3 * MAX_TEMPLATE_SIZE + 3;

const MARKDOWN = /\.md$/i;

/** Whether a file of a templates folder is a template: every Markdown file directly in it is (a malformed one is reported). */
export function isTemplateFileName(name: string): boolean {
  return MARKDOWN.test(name);
}

/**
 * Reads templates folders. It remembers what each file's text derived to, so that reading a folder
 * again (after any file in the workspace changed) derives only the templates whose text changed,
 * and gives back the very same TemplateSet when nothing did.
 */
export class TemplateFolderReader {
  private readonly derivedByFolder = new Map<string, Map<string, DerivedTemplate>>();
  private readonly lastSets = new Map<string, TemplateSet>();

  constructor(
    private readonly files: FileAccess,
    private readonly slicing?: Slicing,
  ) {}

  /** Every Markdown file directly in `folder`, read as a template, by file name. A missing folder has none. */
  async read(folder: string): Promise<TemplateSet> {
    const listing = await this.files.list(folder);
    if (listing.kind !== 'entries') {
      const set: TemplateSet = {
        folder,
        files: [],
        templates: builtinTemplates,
        problem: listing.kind === 'problem' ? listing.problem : undefined,
      };
      this.lastSets.delete(folder);
      return set;
    }
    // Links are followed (and must reach a regular file); a FIFO or device named *.md is reported, never opened for long.
    const names = listing.entries
      .filter((e) => e.kind !== 'folder' && isTemplateFileName(e.name))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const previous = this.derivedByFolder.get(folder) ?? new Map<string, DerivedTemplate>();
    const derivedNow = new Map<string, DerivedTemplate>();
    const byTitle = new Map(builtinTemplates.map((t) => [nameKey(t.titlePrefix), t]));
    const files: TemplateFile[] = [];
    for (const name of names) {
      const path = join(folder, name);
      const id = basename(name).replace(MARKDOWN, '');
      const read = await this.files.readText(path, MAX_TEMPLATE_BYTES);
      if (read.kind === 'missing') continue; // removed since the folder was listed
      if (read.kind === 'problem') {
        files.push({
          path,
          text: '',
          schema: undefined,
          problems: [{ span: { start: 0, end: 0 }, message: `This template cannot be read: it ${read.problem}` }],
        });
        continue;
      }
      if (read.kind === 'too-large') {
        const message = `This template has ${read.bytes.toLocaleString('en-US')} bytes; templates over ${MAX_TEMPLATE_SIZE.toLocaleString('en-US')} characters are not read`;
        files.push({ path, text: read.head, schema: undefined, problems: [{ span: firstLineOf(read.head), message }] });
        continue;
      }
      const { text } = read;
      const key = `${id}\u0000${text}`;
      let derived = previous.get(key) ?? derivedNow.get(key);
      if (!derived) {
        const tooLarge = templateSizeProblem(text);
        derived = tooLarge ? { schema: undefined, problems: [tooLarge] } : await this.derive(id, text);
      }
      derivedNow.set(key, derived);
      const { schema, problems } = withRivals(derived, (titlePrefix) => byTitle.get(nameKey(titlePrefix)));
      if (schema) byTitle.set(nameKey(schema.titlePrefix), schema);
      files.push({ path, text, schema, problems });
      await this.slicing?.pause();
    }
    this.derivedByFolder.set(folder, derivedNow);
    const last = this.lastSets.get(folder);
    if (last && sameFiles(last.files, files)) return last;
    const set: TemplateSet = { folder, files, templates: templatesWith(files), problem: undefined };
    this.lastSets.set(folder, set);
    return set;
  }

  /**
   * The problems of a template with this text (an open, perhaps unsaved, template of `set`): as on
   * disk, it competes only with the templates read before it. Parsed in slices like any template.
   */
  async problemsOfText(set: TemplateSet | undefined, path: string, text: string): Promise<readonly TemplateProblem[]> {
    const id = basename(path).replace(MARKDOWN, '');
    const tooLarge = templateSizeProblem(text);
    const derived = tooLarge ? { schema: undefined, problems: [tooLarge] } : await this.derive(id, text);
    const files = set?.files ?? [];
    const index = files.findIndex((f) => f.path === path);
    const earlier = templatesWith(index < 0 ? files : files.slice(0, index));
    const byTitle = new Map(earlier.map((t) => [nameKey(t.titlePrefix), t]));
    return withRivals(derived, (titlePrefix) => byTitle.get(nameKey(titlePrefix))).problems;
  }

  /**
   * A template read like a document's first analysis: parsed and derived in slices, so that a long
   * one never holds the server for long (only assembling the parsed chunks is one step).
   */
  private async derive(id: string, text: string): Promise<DerivedTemplate> {
    const schema = new TemplateSchema(id, text);
    const slicing = this.slicing;
    if (slicing) {
      let deadline = performance.now() + slicing.sliceMs;
      try {
        while (!schema.prepare(() => performance.now() > deadline)) {
          await slicing.pause();
          deadline = performance.now() + slicing.sliceMs;
        }
      } catch {
        // A template that cannot be derived says why below, where it is derived whole.
      }
      await slicing.pause();
    }
    return usableTemplate(schema);
  }
}

function sameFiles(a: readonly TemplateFile[], b: readonly TemplateFile[]): boolean {
  return (
    a.length === b.length &&
    a.every((file, i) => {
      const other = b[i]!;
      return (
        file.path === other.path &&
        file.text === other.text &&
        file.schema === other.schema &&
        file.problems.length === other.problems.length &&
        file.problems.every((p, j) => p.message === other.problems[j]!.message)
      );
    })
  );
}
