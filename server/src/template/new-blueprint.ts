import { TextDocument } from 'vscode-languageserver-textdocument';
import { templateByKind } from './registry';
import { parseBlueprint } from '../model/blueprint-parser';
import type { TemplateSchema } from './schema';
import type { NewBlueprint, NewBlueprintParams, TemplateSnippet, TemplateSnippetParams } from '../protocol';
import type { FooterValues } from './footer-values';
import { toRange } from '../lsp-ranges';
import { kebabCase, newBlueprintSnippet } from './snippets';
import { newBlueprintText } from './template-text';

/** The template a request names by id or kind; the first (built-in) one when it names none. */
export function requestedTemplate(templates: readonly TemplateSchema[], kind: string | undefined): TemplateSchema | undefined {
  return kind === undefined || kind.trim() === '' ? templates[0] : templateByKind(templates, kind);
}

/**
 * A new blueprint for an editor to open: the template with its title, date and person filled in
 * (from the request, else `footer`), a file name for it, and where its first remaining placeholder is.
 */
export function newBlueprint(templates: readonly TemplateSchema[], params: NewBlueprintParams, footer: FooterValues): NewBlueprint | null {
  const schema = requestedTemplate(templates, params.kind);
  if (!schema) return null;
  const author = params.author?.trim() || footer.author;
  const text = newBlueprintText(schema, { name: params.name, date: params.date?.trim() || footer.date, ...(author ? { author } : {}) });
  const first = parseBlueprint(text).placeholders[0];
  return {
    kind: schema.kind,
    text,
    fileName: blueprintFileName(params.name),
    firstPlaceholder: first ? toRange(TextDocument.create('untitled:new-blueprint', 'markdown', 1, text), first.span) : null,
  };
}

/** `Order Ledger` → `order-ledger.blueprint.md`, the name that marks a file as a blueprint. */
export function blueprintFileName(name: string): string {
  return `${kebabCase(name.trim()) || 'blueprint'}.blueprint.md`;
}

/** The whole template as a snippet that writes a new blueprint, its placeholders tab stops. */
export function templateSnippetFor(templates: readonly TemplateSchema[], params: TemplateSnippetParams): TemplateSnippet | null {
  const schema = requestedTemplate(templates, params.kind);
  return schema ? { kind: schema.kind, snippet: newBlueprintSnippet(schema) } : null;
}
