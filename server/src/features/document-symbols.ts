import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Section, Structure, StructureKind } from '../model/blueprint';
import type { Span } from '../model/span';
import { toRange } from './lsp-ranges';

const STRUCTURE_KINDS: Record<StructureKind, SymbolKind> = {
  interface: SymbolKind.Interface,
  type: SymbolKind.Struct,
  class: SymbolKind.Class,
  enum: SymbolKind.Enum,
};

/** The outline: title, then sections, subsections, the structures they declare and their fields. */
export function documentSymbols({ document, model }: AnalysedBlueprint): DocumentSymbol[] {
  const symbol = (name: string, kind: SymbolKind, span: Span, selection: Span, children: DocumentSymbol[] = []): DocumentSymbol => ({
    name: name === '' ? '(untitled)' : name,
    kind,
    range: toRange(document, span),
    selectionRange: toRange(document, selection),
    children,
  });
  const structureSymbol = (s: Structure): DocumentSymbol =>
    symbol(s.name, STRUCTURE_KINDS[s.kind], s.span, s.nameSpan,
      s.fields.map((f) => symbol(f.name, s.kind === 'enum' ? SymbolKind.EnumMember : SymbolKind.Field, f.span, f.nameSpan)));
  const structuresIn = (span: Span, exclude: readonly Section[] = []): DocumentSymbol[] =>
    model.structures
      .filter((s) => s.span.start >= span.start && s.span.end <= span.end && !exclude.some((sub) => s.span.start >= sub.span.start && s.span.end <= sub.span.end))
      .map(structureSymbol);

  const sections = model.sections.map((section) => symbol(section.heading.text, SymbolKind.Module, section.span, section.heading.textSpan, [
    ...section.subsections.map((sub) => symbol(sub.heading.text, SymbolKind.Namespace, sub.span, sub.heading.textSpan, structuresIn(sub.span))),
    ...structuresIn(section.span, section.subsections),
  ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)));

  if (!model.title) return sections;
  const lastEnd = Math.max(model.title.span.end, model.sections[model.sections.length - 1]?.span.end ?? 0, model.footer[model.footer.length - 1]?.span.end ?? 0);
  return [symbol(model.title.text, SymbolKind.File, { start: model.title.span.start, end: lastEnd }, model.title.textSpan, sections)];
}
