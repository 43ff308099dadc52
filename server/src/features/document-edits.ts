import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../model/span';
import { toRange } from '../lsp-ranges';

/** The document's own line break (its first one), so inserted text matches the lines around it. */
export function lineBreakOf(document: TextDocument): string {
  const text = document.getText();
  const at = text.search(/\r\n|\r|\n/);
  if (at < 0) return '\n';
  return text.startsWith('\r\n', at) ? '\r\n' : text[at]!;
}

/** Text written with `\n` line breaks (template text) given the document's; breaks already `\r\n` stay. */
export function withLineBreaks(text: string, lineBreak: string): string {
  return lineBreak === '\n' ? text : text.replace(/(?<!\r)\n/g, lineBreak);
}

export function replaceSpan(document: TextDocument, span: Span, text: string): TextEdit {
  return { range: toRange(document, span), newText: withLineBreaks(text, lineBreakOf(document)) };
}

/**
 * Inserts a block (Markdown without leading or trailing blank lines) at an offset, adding just the
 * line breaks that keep one blank line between it and the text on either side.
 */
export function insertBlock(document: TextDocument, offset: number, block: string): TextEdit {
  const text = document.getText();
  const lineBreak = lineBreakOf(document);
  const before = offset === 0 ? 2 : trailingLineBreaks(text.slice(Math.max(0, offset - 8), offset));
  const after = offset >= text.length ? 1 : leadingLineBreaks(text.slice(offset, offset + 8));
  const newText =
    lineBreak.repeat(Math.max(0, 2 - before)) +
    withLineBreaks(block, lineBreak) +
    lineBreak.repeat(offset >= text.length ? 1 : Math.max(0, 2 - after));
  return { range: toRange(document, { start: offset, end: offset }), newText };
}

function trailingLineBreaks(text: string): number {
  return /(?:\r\n|\r|\n)*$/.exec(text)![0].replace(/\r\n/g, '\n').length;
}

function leadingLineBreaks(text: string): number {
  return /^(?:\r\n|\r|\n)*/.exec(text)![0].replace(/\r\n/g, '\n').length;
}
