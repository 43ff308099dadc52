import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from './model/span';

/**
 * The one conversion between model offsets and LSP positions. Model offsets are UTF-16 offsets into
 * the document text exactly as the client sent it (BOM included), which is what TextDocument counts,
 * with `\r\n`, `\r` and `\n` all ending a line.
 */
export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toPosition(document: TextDocument, offset: number): Position {
  return document.positionAt(offset);
}

/** A position's offset, clamped into the document (clients may send positions past a line's end). */
export function toOffset(document: TextDocument, position: Position): number {
  return document.offsetAt(position);
}
