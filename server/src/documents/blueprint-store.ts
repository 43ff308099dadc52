import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BlueprintParser, parseBlueprint } from '../model/blueprint-parser';
import type { TemplateSchema } from '../model/schema';
import { builtinTemplates, templateFor } from '../model/templates';
import type { AnalysedBlueprint } from './analysed-document';

// Files on disk and new unsaved files; not diff views (`git:`), previews or other virtual documents.
const ANALYSED_SCHEMES = /^(?:file|untitled):/i;

interface Entry {
  readonly parser: BlueprintParser;
  version: number;
  /** The templates the model was matched against: other templates (a reload, another folder) match it again. */
  templates: readonly TemplateSchema[] | undefined;
  analysed: AnalysedBlueprint | undefined;
}

/**
 * Parses each open document at most once per version and hands every feature the same model.
 * Documents that follow no template (plain Markdown) analyse to undefined.
 */
export class BlueprintStore {
  private readonly entries = new Map<string, Entry>();

  /**
   * `templates`: those in force for documents whose calls name none. `chunked: false` parses each
   * text whole (the same model, as the property tests check): for texts read once, as the CLI
   * reads files, cutting them into chunks only costs, since no later edit reuses the chunks.
   */
  constructor(
    private readonly templates: readonly TemplateSchema[] = builtinTemplates,
    private readonly options: { readonly chunked?: boolean } = {},
  ) {}

  /** The analysed blueprint of a document, matched against `templates` (those of its folder). */
  get(document: TextDocument, templates: readonly TemplateSchema[] = this.templates): AnalysedBlueprint | undefined {
    if (!ANALYSED_SCHEMES.test(document.uri)) return undefined;
    const entry = this.entryFor(document.uri);
    if (entry.version === document.version && entry.templates === templates) return entry.analysed;
    const model = entry.parser.parse(document.getText());
    const schema = templateFor(model, document.uri, templates);
    entry.version = document.version;
    entry.templates = templates;
    entry.analysed = schema ? { document, model, schema } : undefined;
    return entry.analysed;
  }

  /**
   * The same as `get`, but a document's first analysis is done in slices of about `sliceMs`, with a
   * turn of the event loop between them, so that a server stays responsive while it reads a long
   * document (a 1 MB blueprint takes over a second). Later versions re-parse only changed chunks and
   * take no slices. A version that arrives in the meantime is read instead, keeping the chunks
   * analysed so far; a document closed in the meantime analyses to undefined.
   */
  async getInSlices(
    document: TextDocument,
    sliceMs = 20,
    templates: readonly TemplateSchema[] = this.templates,
  ): Promise<AnalysedBlueprint | undefined> {
    if (!ANALYSED_SCHEMES.test(document.uri)) return undefined;
    const entry = this.entryFor(document.uri);
    if (entry.version === document.version && entry.templates === templates) return entry.analysed;
    if (!entry.parser.hasParsed) {
      const version = document.version;
      const text = document.getText();
      let deadline = performance.now() + sliceMs;
      while (!entry.parser.prepare(text, () => performance.now() > deadline)) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.entries.get(document.uri) !== entry) return undefined;
        if (document.version !== version) return this.getInSlices(document, sliceMs, templates);
        if (entry.version === version && entry.templates === templates) return entry.analysed;
        deadline = performance.now() + sliceMs;
      }
    }
    return this.get(document, templates);
  }

  private entryFor(uri: string): Entry {
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = { parser: new BlueprintParser(this.options), version: -1, templates: undefined, analysed: undefined };
      this.entries.set(uri, entry);
    }
    return entry;
  }

  /** Whether a text would be a blueprint, without caching anything (for text too large to analyse). */
  isBlueprintText(text: string, uri: string, templates: readonly TemplateSchema[] = this.templates): boolean {
    return ANALYSED_SCHEMES.test(uri) && templateFor(parseBlueprint(text), uri, templates) !== undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
