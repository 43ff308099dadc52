/**
 * Proposes where a document can be cut into chunks that Markdown parses independently: before
 * each ATX heading that starts in column 0 outside fenced code and HTML blocks. Subsection headings
 * cut too, so that a keystroke re-parses a subsection, not a whole section of a long blueprint.
 * Such a line closes every open paragraph, list and block quote, so the text before it parses the
 * same alone as in the whole document. The scan is cheap and errs towards cutting; the parser then
 * checks each chunk (ChunkFacts.endsOpen) and joins it to the next when a cut was wrong.
 *
 * Returns the offsets where chunks start; the first is always 0.
 */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  const lines = new LineReader(text);
  // Only lines that may start a heading, a fence or an HTML block matter; the native regular
  // expression engine finds them, so a keystroke does not run JavaScript for every line.
  const candidate = /^(?:#{1,6}(?=[ \t\r\n]|$)| {0,3}(?:`{3,}|~{3,}|<))/gm;
  let match: RegExpExecArray | null;
  while ((match = candidate.exec(text)) !== null) {
    const offset = match.index;
    if (!lines.startsAt(offset)) {
      // `^` also matches after U+2028 and U+2029, which do not end a Markdown line.
      candidate.lastIndex = offset + 1;
      continue;
    }
    const lineEnd = lines.endOf(offset);
    let resume = lineEnd;
    if (text.charCodeAt(offset) === 35 /* # */) {
      if (offset > 0 && isAtxHeading(text, offset, lineEnd)) starts.push(offset);
    } else {
      const line = text.slice(offset, lineEnd);
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) {
        resume = fenceEnd(text, lines, lineEnd, open[1]!);
      } else if (open === null) {
        resume = htmlBlockEndOffset(text, lines, lineEnd, htmlBlockEnd(line));
      }
    }
    if (resume >= text.length) break;
    candidate.lastIndex = resume;
  }
  return starts;
}

/** Line boundaries as Markdown has them: `\n`, `\r\n` and `\r` end a line. */
class LineReader {
  private readonly lineEnd: RegExp;

  constructor(private readonly text: string) {
    // Most documents end lines with \n alone, and the native search for one character is fastest.
    this.lineEnd = text.includes('\r') ? /[\r\n]/g : /\n/g;
  }

  startsAt(offset: number): boolean {
    if (offset === 0) return true;
    const before = this.text.charCodeAt(offset - 1);
    // Between the \r and the \n of a \r\n is no line start.
    return before === 10 || (before === 13 && this.text.charCodeAt(offset) !== 10);
  }

  endOf(offset: number): number {
    this.lineEnd.lastIndex = offset;
    return this.lineEnd.exec(this.text)?.index ?? this.text.length;
  }

  /** Where the line after the one ending at `lineEnd` starts. */
  next(lineEnd: number): number {
    if (lineEnd >= this.text.length) return this.text.length;
    return this.text.charCodeAt(lineEnd) === 13 && this.text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
  }
}

/** The end of the line that closes a fence opened by `marks`, or the text's end when none does. */
function fenceEnd(text: string, lines: LineReader, openingLineEnd: number, marks: string): number {
  const closing = new RegExp(`^ {0,3}${marks[0] === '`' ? '`' : '~'}{${marks.length},}[ \\t]*$`, 'gm');
  closing.lastIndex = openingLineEnd;
  let match: RegExpExecArray | null;
  while ((match = closing.exec(text)) !== null) {
    const end = match.index + match[0].length;
    if (lines.startsAt(match.index) && lines.endOf(match.index) === end) return end;
    closing.lastIndex = match.index + 1;
  }
  return text.length;
}

/** The end of the line on which an HTML block opened on the line ending at `openingLineEnd` ends. */
function htmlBlockEndOffset(text: string, lines: LineReader, openingLineEnd: number, end: RegExp | 'blank-line' | undefined): number {
  if (end === undefined) return openingLineEnd;
  const search = end === 'blank-line' ? /^[ \t]*$/gm : new RegExp(end.source, end.flags + 'g');
  search.lastIndex = lines.next(openingLineEnd);
  let match: RegExpExecArray | null;
  while ((match = search.exec(text)) !== null) {
    if (end !== 'blank-line') return lines.endOf(match.index);
    if (lines.startsAt(match.index) && lines.endOf(match.index) === match.index + match[0].length) return match.index + match[0].length;
    search.lastIndex = match.index + 1;
  }
  return text.length;
}

function isAtxHeading(text: string, offset: number, lineEnd: number): boolean {
  let i = offset;
  while (i < lineEnd && text.charCodeAt(i) === 35) i++;
  const marks = i - offset;
  if (marks < 1 || marks > 6) return false;
  const after = text.charCodeAt(i);
  return i === lineEnd || after === 32 || after === 9;
}

/** How an HTML block that this line may open ends; any `<` line counts, as cutting less is always safe. */
function htmlBlockEnd(line: string): RegExp | 'blank-line' | undefined {
  const rest = line.replace(/^ {0,3}/, '');
  let end: RegExp | 'blank-line';
  let skip: number;
  if (/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i.test(rest)) [end, skip] = [/<\/(?:script|pre|style|textarea)>/i, 1];
  else if (rest.startsWith('<!--')) [end, skip] = [/-->/, 4];
  else if (rest.startsWith('<?')) [end, skip] = [/\?>/, 2];
  else if (rest.startsWith('<![CDATA[')) [end, skip] = [/\]\]>/, 9];
  else if (/^<![A-Za-z]/.test(rest)) [end, skip] = [/>/, 2];
  else return rest.trim() === '<' ? undefined : 'blank-line';
  // The block may end on the line it starts.
  return end.test(rest.slice(skip)) ? undefined : end;
}
