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
    let entry = this.entries.get(document.uri);
    if (!entry) {
      entry = { parser: new BlueprintParser(), version: -1, fresh: false, analysed: undefined };
      this.entries.set(document.uri, entry);
    }
    if (entry.version === document.version && entry.fresh) return entry.analysed;
    const model = entry.parser.parse(document.getText());
    const schema = templateFor(model, document.uri, this.templates);
    entry.version = document.version;
    entry.fresh = true;
    entry.analysed = schema ? { document, model, schema } : undefined;
    return entry.analysed;
  }

  /** Whether a text would be a blueprint, without caching anything (for text too large to analyse). */
  isBlueprintText(text: string, uri: string): boolean {
    return ANALYSED_SCHEMES.test(uri) && templateFor(parseBlueprint(text), uri, this.templates) !== undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
