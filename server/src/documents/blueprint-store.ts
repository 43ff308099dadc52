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
  /** False when the templates changed since the model was matched against them. */
  fresh: boolean;
  analysed: AnalysedBlueprint | undefined;
}

/**
 * Parses each open document at most once per version and hands every feature the same model.
 * Documents that follow no template (plain Markdown) analyse to undefined.
 */
export class BlueprintStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private templates: readonly TemplateSchema[] = builtinTemplates) {}

  setTemplates(templates: readonly TemplateSchema[]): void {
    this.templates = templates;
    for (const entry of this.entries.values()) entry.fresh = false;
  }

  get(document: TextDocument): AnalysedBlueprint | undefined {
    if (!ANALYSED_SCHEMES.test(document.uri)) return undefined;
    const entry = this.entryFor(document.uri);
    if (entry.version === document.version && entry.fresh) return entry.analysed;
    const model = entry.parser.parse(document.getText());
    const schema = templateFor(model, document.uri, this.templates);
    entry.version = document.version;
    entry.fresh = true;
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
  async getInSlices(document: TextDocument, sliceMs = 20): Promise<AnalysedBlueprint | undefined> {
    if (!ANALYSED_SCHEMES.test(document.uri)) return undefined;
    const entry = this.entryFor(document.uri);
    if (entry.version === document.version && entry.fresh) return entry.analysed;
    if (!entry.parser.hasParsed) {
      const version = document.version;
      const text = document.getText();
      let deadline = performance.now() + sliceMs;
      while (!entry.parser.prepare(text, () => performance.now() > deadline)) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.entries.get(document.uri) !== entry) return undefined;
        if (document.version !== version) return this.getInSlices(document, sliceMs);
        if (entry.version === version && entry.fresh) return entry.analysed;
        deadline = performance.now() + sliceMs;
      }
    }
    return this.get(document);
  }

  private entryFor(uri: string): Entry {
    let entry = this.entries.get(uri);
    if (!entry) {
      entry = { parser: new BlueprintParser(), version: -1, fresh: false, analysed: undefined };
      this.entries.set(uri, entry);
    }
    return entry;
  }

  /** Whether a text would be a blueprint, without caching anything (for text too large to analyse). */
  isBlueprintText(text: string, uri: string): boolean {
    return ANALYSED_SCHEMES.test(uri) && templateFor(parseBlueprint(text), uri, this.templates) !== undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
