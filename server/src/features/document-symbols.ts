import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Section, Structure, StructureKind } from '../model/blueprint';
import type { Span } from '../model/span';
import type { OutlineContent } from '../protocol';
import { toRange } from '../lsp-ranges';

export const STRUCTURE_KINDS: Record<StructureKind, SymbolKind> = {
  interface: SymbolKind.Interface,
  type: SymbolKind.Struct,
  class: SymbolKind.Class,
  enum: SymbolKind.Enum,
};

/**
 * The outline: title, then sections, subsections, the structures they declare and their fields (or
 * only the structures). Editors ask for it many times per version (outline view, breadcrumbs,
 * sticky scroll): it is built once per version and kept with it.
 */
export function documentSymbols(analysed: AnalysedBlueprint, content: OutlineContent = 'full'): DocumentSymbol[] {
  return analysed.derived(OUTLINES[content]);
}

const OUTLINES: Record<OutlineContent, (analysed: AnalysedBlueprint) => DocumentSymbol[]> = {
  full: (analysed) => buildOutline(analysed, 'full'),
  structures: (analysed) => buildOutline(analysed, 'structures'),
};

function buildOutline({ document, model }: AnalysedBlueprint, content: OutlineContent): DocumentSymbol[] {
  // A leaf has no `children` at all: a 10,000-line blueprint's outline has thousands of fields, and
  // the answer's size is most of what the request costs.
  const symbol = (name: string, kind: SymbolKind, span: Span, selection: Span, children: DocumentSymbol[] = []): DocumentSymbol => ({
    name: name === '' ? '(untitled)' : name,
    kind,
    range: toRange(document, span),
    selectionRange: toRange(document, selection),
    ...(children.length > 0 ? { children } : {}),
  });
  const structureSymbol = (s: Structure): DocumentSymbol =>
    symbol(
      s.name,
      STRUCTURE_KINDS[s.kind],
      s.span,
      s.nameSpan,
      s.fields.map((f) => symbol(f.name, s.kind === 'enum' ? SymbolKind.EnumMember : SymbolKind.Field, f.span, f.nameSpan)),
    );
  if (content === 'structures') return model.structures.map(structureSymbol);
  // Structures are in document order: find the first one at or after a span by binary search.
  const firstFrom = (offset: number): number => {
    let lo = 0;
    let hi = model.structures.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (model.structures[mid]!.span.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const structuresIn = (span: Span, exclude: readonly Section[] = []): DocumentSymbol[] => {
    const found: DocumentSymbol[] = [];
    for (let i = firstFrom(span.start); i < model.structures.length && model.structures[i]!.span.start < span.end; i++) {
      const s = model.structures[i]!;
      if (s.span.end > span.end || exclude.some((sub) => s.span.start >= sub.span.start && s.span.end <= sub.span.end)) continue;
      found.push(structureSymbol(s));
    }
    return found;
  };

  const sections = model.sections.map((section) =>
    symbol(
      section.heading.text,
      SymbolKind.Module,
      section.span,
      section.heading.textSpan,
      [
        ...section.subsections.map((sub) =>
          symbol(sub.heading.text, SymbolKind.Namespace, sub.span, sub.heading.textSpan, structuresIn(sub.span)),
        ),
        ...structuresIn(section.span, section.subsections),
      ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
    ),
  );

  if (!model.title) return sections;
  const lastEnd = Math.max(
    model.title.span.end,
    model.sections[model.sections.length - 1]?.span.end ?? 0,
    model.footer[model.footer.length - 1]?.span.end ?? 0,
  );
  return [symbol(model.title.text, SymbolKind.File, { start: model.title.span.start, end: lastEnd }, model.title.textSpan, sections)];
}
