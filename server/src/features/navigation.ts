import {
  DocumentHighlightKind,
  ErrorCodes,
  ResponseError,
  type DocumentHighlight,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Blueprint } from '../model/blueprint';
import { spanContains, type Span } from '../model/span';
import { toOffset, toRange } from './lsp-ranges';
import { templateRelationships } from './template-places';

/** Where a structure's name is written: its declaration, a type in a typescript block, a relationship end. */
interface Occurrence {
  readonly name: string;
  readonly span: Span;
  readonly role: 'declaration' | 'type' | 'relationship';
}

/**
 * Every place a structure is named, in document order. Only text that reads exactly as the name
 * counts, so a rename never rewrites anything else (a bold end written with escapes is left alone).
 */
function occurrences(analysed: AnalysedBlueprint): Occurrence[] {
  const { document, model } = analysed;
  const text = document.getText();
  const found: Occurrence[] = [];
  for (const s of model.structures) {
    if (!s.nameIsPlaceholder) found.push({ name: s.name, span: s.nameSpan, role: 'declaration' });
    for (const r of s.typeReferences) found.push({ name: r.name, span: r.span, role: 'type' });
  }
  for (const r of templateRelationships(analysed)) {
    for (const end of [r.from, r.to]) {
      if (!end.isPlaceholder && end.text !== '') found.push({ name: end.text, span: end.span, role: 'relationship' });
    }
  }
  return found.filter((o) => text.slice(o.span.start, o.span.end) === o.name).sort((a, b) => a.span.start - b.span.start);
}

/**
 * The structure name under the cursor and all its occurrences. A name counts as a structure when the
 * blueprint declares it or a relationship names it (so `Map` in `Map<string, Order>` does not).
 */
function symbolAt(analysed: AnalysedBlueprint, position: Position): { at: Occurrence; all: Occurrence[] } | undefined {
  const offset = toOffset(analysed.document, position);
  const all = occurrences(analysed);
  const at = all.find((o) => spanContains(o.span, offset));
  if (!at || !isStructureName(analysed.model, all, at.name)) return undefined;
  return { at, all: all.filter((o) => o.name === at.name) };
}

function isStructureName(model: Blueprint, all: readonly Occurrence[], name: string): boolean {
  return model.structures.some((s) => s.name === name) || all.some((o) => o.role === 'relationship' && o.name === name);
}

/** From a structure name (relationship end, field type, declaration) to its declaration. */
export function definition(analysed: AnalysedBlueprint, position: Position): Location[] {
  const symbol = symbolAt(analysed, position);
  if (!symbol) return [];
  return symbol.all.filter((o) => o.role === 'declaration').map((o) => location(analysed, o.span));
}

export function references(analysed: AnalysedBlueprint, position: Position, includeDeclaration: boolean): Location[] {
  const symbol = symbolAt(analysed, position);
  if (!symbol) return [];
  return symbol.all.filter((o) => includeDeclaration || o.role !== 'declaration').map((o) => location(analysed, o.span));
}

export function documentHighlights(analysed: AnalysedBlueprint, position: Position): DocumentHighlight[] {
  const symbol = symbolAt(analysed, position);
  if (!symbol) return [];
  return symbol.all.map((o) => ({
    range: toRange(analysed.document, o.span),
    kind: o.role === 'declaration' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

/** The name's range and text when the cursor is on a structure name; an error saying why not otherwise. */
export function prepareRename(
  analysed: AnalysedBlueprint,
  position: Position,
): { range: Range; placeholder: string } | ResponseError<void> {
  const symbol = symbolAt(analysed, position);
  if (!symbol)
    return new ResponseError(
      ErrorCodes.InvalidRequest,
      'Only the name of a structure (interface, type, relationship end) can be renamed here',
    );
  return { range: toRange(analysed.document, symbol.at.span), placeholder: symbol.at.name };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Renames a structure in its declarations, the types that use it and the relationships that name it. */
export function rename(analysed: AnalysedBlueprint, position: Position, newName: string): WorkspaceEdit | ResponseError<void> {
  const symbol = symbolAt(analysed, position);
  if (!symbol) return new ResponseError(ErrorCodes.InvalidRequest, 'Only the name of a structure can be renamed here');
  const name = newName.trim();
  if (!IDENTIFIER.test(name))
    return new ResponseError(
      ErrorCodes.InvalidParams,
      `'${newName}' is not a valid structure name: use letters, digits, _ or $, not starting with a digit`,
    );
  if (name !== symbol.at.name && analysed.model.structures.some((s) => s.name === name)) {
    return new ResponseError(ErrorCodes.InvalidParams, `This blueprint already declares a structure named '${name}'`);
  }
  const edits: TextEdit[] = symbol.all.map((o) => ({ range: toRange(analysed.document, o.span), newText: name }));
  return { changes: { [analysed.document.uri]: edits } };
}

function location({ document }: AnalysedBlueprint, span: Span): Location {
  return { uri: document.uri, range: toRange(document, span) };
}
