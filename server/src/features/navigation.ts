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
import { spanContains, type Span } from '../model/span';
import { nameOccurrences, type NameOccurrence } from './blueprint-facts';
import { toOffset, toRange } from '../lsp-ranges';
import { declarationsElsewhere, resolveName, type PlaceInFile, type StructureTable } from './workspace-structures';

/**
 * The structure name under the cursor and all its occurrences in this blueprint. A name counts as a
 * structure when a blueprint (this one, or another in `table`) declares it or a relationship names
 * it (so `Map` in `Map<string, Order>` does not).
 */
function symbolAt(
  analysed: AnalysedBlueprint,
  position: Position,
  table: StructureTable | undefined,
): { at: NameOccurrence; all: NameOccurrence[]; declaredHere: boolean } | undefined {
  const offset = toOffset(analysed.document, position);
  const all = nameOccurrences(analysed);
  const at = all.find((o) => spanContains(o.span, offset));
  if (!at) return undefined;
  const declaredHere = analysed.model.structures.some((s) => s.name === at.name);
  const isStructure =
    declaredHere || all.some((o) => o.role === 'relationship' && o.name === at.name) || (table?.declarationsOf(at.name).length ?? 0) > 0;
  return isStructure ? { at, all: all.filter((o) => o.name === at.name), declaredHere } : undefined;
}

/**
 * The places of the name in the other blueprints of the workspace. A name this blueprint declares is
 * its own, and another blueprint that declares it too has its own: their uses are not this one's.
 */
function placesElsewhere(
  analysed: AnalysedBlueprint,
  name: string,
  table: StructureTable | undefined,
  declaredHere: boolean,
): PlaceInFile[] {
  if (!table) return [];
  const uri = analysed.document.uri;
  const places = table.placesOf(name).filter((p) => p.uri !== uri);
  const declaringFiles = new Set(places.filter((p) => p.role === 'declaration').map((p) => p.uri));
  if (!declaredHere) return places;
  // Only blueprints that rely on a declaration elsewhere (they do not declare it) and, of those, the ones that find it here alone.
  return places.filter((p) => !declaringFiles.has(p.uri) && resolveName(table, p.uri, name).kind === 'resolved');
}

/** From a structure name (relationship end, field type, declaration) to its declaration. */
export function definition(analysed: AnalysedBlueprint, position: Position, table?: StructureTable): Location[] {
  const symbol = symbolAt(analysed, position, table);
  if (!symbol) return [];
  if (!symbol.declaredHere) return declarationsElsewhere(table, analysed.document.uri, symbol.at.name);
  return symbol.all.filter((o) => o.role === 'declaration').map((o) => location(analysed, o.span));
}

/** Every place the structure is named, in this blueprint and in the others of `table` that mean the same one. */
export function references(
  analysed: AnalysedBlueprint,
  position: Position,
  includeDeclaration: boolean,
  table?: StructureTable,
): Location[] {
  const symbol = symbolAt(analysed, position, table);
  if (!symbol) return [];
  const here = symbol.all.filter((o) => includeDeclaration || o.role !== 'declaration').map((o) => location(analysed, o.span));
  const elsewhere = placesElsewhere(analysed, symbol.at.name, table, symbol.declaredHere)
    .filter((p) => includeDeclaration || p.role !== 'declaration')
    .map((p) => ({ uri: p.uri, range: p.range }));
  return [...here, ...elsewhere];
}

/** The name's places in this document (highlights are per document); a name declared in another blueprint is highlighted as read here. */
export function documentHighlights(analysed: AnalysedBlueprint, position: Position, table?: StructureTable): DocumentHighlight[] {
  const symbol = symbolAt(analysed, position, table);
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
  table?: StructureTable,
): { range: Range; placeholder: string } | ResponseError<void> {
  const symbol = symbolAt(analysed, position, table);
  if (!symbol)
    return new ResponseError(
      ErrorCodes.InvalidRequest,
      'Only the name of a structure (interface, type, relationship end) can be renamed here',
    );
  return { range: toRange(analysed.document, symbol.at.span), placeholder: symbol.at.name };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Renames a structure in its declarations, the types that use it and the relationships that name it,
 * in every blueprint of `table` that means the same structure: one WorkspaceEdit. A new name that
 * any of those blueprints declares, or that any blueprint of the workspace declares, is refused.
 */
export function rename(
  analysed: AnalysedBlueprint,
  position: Position,
  newName: string,
  table?: StructureTable,
): WorkspaceEdit | ResponseError<void> {
  const symbol = symbolAt(analysed, position, table);
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
  const clash = name === symbol.at.name ? undefined : table?.declarationsOf(name).find((d) => d.uri !== analysed.document.uri);
  if (clash)
    return new ResponseError(ErrorCodes.InvalidParams, `Another blueprint already declares a structure named '${name}' (${clash.uri})`);
  const changes: Record<string, TextEdit[]> = {
    [analysed.document.uri]: symbol.all.map((o) => ({ range: toRange(analysed.document, o.span), newText: name })),
  };
  for (const p of placesElsewhere(analysed, symbol.at.name, table, symbol.declaredHere)) {
    (changes[p.uri] ??= []).push({ range: p.range, newText: name });
  }
  return { changes };
}

function location({ document }: AnalysedBlueprint, span: Span): Location {
  return { uri: document.uri, range: toRange(document, span) };
}
