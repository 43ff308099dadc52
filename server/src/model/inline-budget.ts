import type { Span } from './span';

/**
 * Markdown's inline parser is quadratic in the number of delimiters a paragraph holds (micromark
 * resolves every `*`/`_` run and every `[` against all earlier ones): 16 KB of `*_` takes seconds,
 * 100,000 brackets minutes. No real paragraph holds that many, so the inline delimiters of a paragraph
 * over the budget are read as plain text: the document's text is untouched, offsets stay exact (one
 * code unit for one), and placeholders are still found (they are read from the source text); only
 * links, emphasis and code spans in that paragraph go unseen. Code blocks are not inline-parsed and
 * keep their text; list items are inline-parsed one by one, so each is a paragraph of its own here.
 */
export const INLINE_DELIMITER_BUDGET = 1000;

const DELIMITER = /[[\]()*_<!`~]/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Markdown's line endings: CRLF, LF and a lone CR. */
const LINE_BREAK = /\r\n?|\n/g;
/** List and quote markers in front of a line's inline content, which keep the line's block structure. */
const BLOCK_PREFIX = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))?/;
const STARTS_BLOCK = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|^ {0,3}#/;
/** What a delimiter is read as: a letter, so no masked line turns into a heading, list or code block. */
const PLAIN = 'x';

/**
 * The text with the inline delimiters of every over-budget paragraph outside code blocks replaced by
 * plain letters, and the paragraphs so masked: each from the start of its first line to the end of
 * its last, in order.
 */
export function maskOverBudgetParagraphs(text: string): { readonly text: string; readonly paragraphs: readonly Span[] } {
  if (!mayExceed(text)) return { text, paragraphs: [] };
  const over: Array<[start: number, end: number]> = [];
  const paragraphs: Span[] = [];
  let paragraph: Array<[start: number, end: number]> = [];
  let delimiters = 0;
  const endParagraph = () => {
    if (delimiters > INLINE_DELIMITER_BUDGET) {
      over.push(...paragraph);
      paragraphs.push({ start: paragraph[0]![0], end: paragraph[paragraph.length - 1]![1] });
    }
    paragraph = [];
    delimiters = 0;
  };
  let fence: string | undefined;
  for (let offset = 0; offset < text.length;) {
    LINE_BREAK.lastIndex = offset;
    const lineBreak = LINE_BREAK.exec(text);
    const lineEnd = lineBreak ? lineBreak.index : text.length;
    const nextLine = lineBreak ? lineEnd + lineBreak[0].length : text.length;
    const line = text.slice(offset, lineEnd);
    const opener = FENCE.exec(line);
    if (fence !== undefined) {
      if (opener && opener[1]![0] === fence[0] && opener[1]!.length >= fence.length && line.slice(opener[0].length).trim() === '')
        fence = undefined;
    } else if (opener && !(opener[1]![0] === '`' && line.slice(opener[0].length).includes('`'))) {
      endParagraph();
      fence = opener[1];
    } else if (line.trim() === '') {
      endParagraph();
    } else {
      if (STARTS_BLOCK.test(line)) endParagraph();
      paragraph.push([offset, lineEnd]);
      delimiters += delimiterCount(line);
    }
    offset = nextLine;
  }
  endParagraph();
  if (over.length === 0) return { text, paragraphs };
  let result = '';
  let copiedTo = 0;
  for (const [start, end] of over) {
    const inline = start + BLOCK_PREFIX.exec(text.slice(start, end))![0].length;
    result += text.slice(copiedTo, inline) + text.slice(inline, end).replace(DELIMITER, PLAIN);
    copiedTo = end;
  }
  return { text: result + text.slice(copiedTo), paragraphs };
}

/** Cheap pre-check: a text with fewer delimiters in all than the budget has no line over it. */
function mayExceed(text: string): boolean {
  return text.length > INLINE_DELIMITER_BUDGET && delimiterCount(text) > INLINE_DELIMITER_BUDGET;
}

function delimiterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x5b:
      case 0x5d:
      case 0x28:
      case 0x29:
      case 0x2a:
      case 0x5f:
      case 0x3c:
      case 0x21:
      case 0x60:
      case 0x7e:
        count++;
    }
  }
  return count;
}
