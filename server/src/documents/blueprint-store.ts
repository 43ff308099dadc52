import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BlueprintParser } from '../model/blueprint-parser';
import type { ChunkingOptions } from '../model/section-chunks';
import { builtinTemplates } from '../template/builtin-templates';
import { templateFor } from '../template/registry';
import type { TemplateSchema } from '../template/schema';
import type { Slicing } from '../template/template-folder';
import { AnalysedBlueprint } from './analysed-document';

interface Entry {
  readonly parser: BlueprintParser;
  version: number;
  /** The templates the model was matched against: other templates (a reload, another folder) match it again. */
  templates: readonly TemplateSchema[] | undefined;
  analysed: AnalysedBlueprint | undefined;
  /** What features worked out per chunk, kept while the document is open (see `AnalysedBlueprint.perChunk`). */
  readonly chunkValues: WeakMap<object, Map<unknown, unknown>>;
}

export interface BlueprintStoreOptions {
  /**
   * How a first analysis yields (`getInSlices`): the language server pauses for a turn of its
   * event loop every `sliceMs` (its host says how); by default a zero-delay timer every 20 ms,
   * which exists in Node and in browsers alike.
   */
  readonly slicing?: Slicing;
  /**
   * `false` parses each text whole (the same model, as the property tests check): for texts read
   * once, as the CLI reads files, cutting them into chunks only costs, since no later edit reuses them.
   */
  readonly chunked?: boolean;
  /** Where texts may be cut (tests cut at every paragraph boundary). */
  readonly chunking?: ChunkingOptions;
}

const DEFAULT_SLICING: Slicing = { sliceMs: 20, pause: () => new Promise((resolve) => setTimeout(resolve, 0)) };

/**
 * Parses each open document at most once per version and hands every feature the same entry for
 * that version (values derived from it are kept on it: see analysed-document.ts). A document that
 * follows no template (plain Markdown) analyses to undefined. Which documents are analysed at all
 * (their scheme, their size, template files) is for the classification to say (classification.ts).
 */
export class BlueprintStore {
  private readonly entries = new Map<string, Entry>();
  private readonly slicing: Slicing;

  /** `templates`: those in force for documents whose calls name none. */
  constructor(
    private readonly templates: readonly TemplateSchema[] = builtinTemplates,
    private readonly options: BlueprintStoreOptions = {},
  ) {
    this.slicing = options.slicing ?? DEFAULT_SLICING;
  }

  /** The analysed blueprint of a document, matched against `templates` (those of its folder). */
  get(document: TextDocument, templates: readonly TemplateSchema[] = this.templates): AnalysedBlueprint | undefined {
    const entry = this.entryFor(document.uri);
    if (entry.version === document.version && entry.templates === templates) return entry.analysed;
    const model = entry.parser.parse(document.getText());
    const schema = templateFor(model, document.uri, templates);
    entry.version = document.version;
    entry.templates = templates;
    entry.analysed = schema ? new AnalysedBlueprint(document, model, schema, entry.chunkValues) : undefined;
    return entry.analysed;
  }

  /**
   * The same as `get`, but a document's first analysis is done in slices of about `sliceMs`, with a
   * pause between them, so that a server stays responsive while it reads a long document (a 1 MB
   * blueprint takes over a second). Later versions re-parse only changed chunks and take no slices.
   * A version that arrives in the meantime is read instead, keeping the chunks analysed so far; a
   * document closed (forgotten) in the meantime analyses to undefined.
   */
  async getInSlices(document: TextDocument, templates: readonly TemplateSchema[] = this.templates): Promise<AnalysedBlueprint | undefined> {
    const entry = this.entryFor(document.uri);
    if (entry.version === document.version && entry.templates === templates) return entry.analysed;
    if (!entry.parser.hasParsed) {
      const { sliceMs, pause } = this.slicing;
      const version = document.version;
      const text = document.getText();
      let deadline = performance.now() + sliceMs;
      while (!entry.parser.prepare(text, () => performance.now() > deadline)) {
        await pause();
        if (this.entries.get(document.uri) !== entry) return undefined;
        if (document.version !== version) return this.getInSlices(document, templates);
        if (entry.version === version && entry.templates === templates) return entry.analysed;
        deadline = performance.now() + sliceMs;
      }
    }
    return this.get(document, templates);
  }

  /**
   * An open document was edited: `start` to `end` (offsets in its text just before this edit)
   * replaced by `insertedLength` characters. Told every edit in order, the store re-cuts only the
   * region the edits touched at the next analysis; an edit it is not told of is found by comparing texts.
   */
  edited(uri: string, start: number, end: number, insertedLength: number): void {
    this.entries.get(uri)?.parser.edited(start, end, insertedLength);
  }

  private entryFor(uri: string): Entry {
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = {
        parser: new BlueprintParser({ chunked: this.options.chunked, chunking: this.options.chunking }),
        version: -1,
        templates: undefined,
        analysed: undefined,
        chunkValues: new WeakMap(),
      };
      this.entries.set(uri, entry);
    }
    return entry;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
