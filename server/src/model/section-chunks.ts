import { frontMatterEnd } from './markdown-parser';

export interface ChunkingOptions {
  /**
   * One in how many paragraph boundaries is a cut, chosen by the text of the line after it (1: every
   * one). Tests cut at every boundary; a document uses a few, so a chunk holds a few paragraphs.
   */
  readonly paragraphBoundaryOneIn?: number;
}

/** About one paragraph boundary in eight cuts: chunks of a few KB, cheap to parse in one slice. */
const PARAGRAPH_BOUNDARY_ONE_IN = 8;
/**
 * A picked paragraph boundary this close to the last cut does not cut: a text whose every boundary
 * is picked (the same paragraph over and over) still gets chunks of several paragraphs, and a
 * keystroke walks a few hundred chunks, not one per paragraph.
 */
const SHORTEST_PARAGRAPH_CHUNK = 1024;
/**
 * A run of paragraph boundaries none of which the text picks (the same paragraph repeated, say) is cut
 * at the first boundary this far past the last cut, so that no chunk gets much longer than this.
 */
const LONGEST_UNCUT_RUN = 8192;

/**
 * Proposes where a document can be cut into chunks that Markdown parses independently, in one pass
 * that the native regular-expression engine drives (a keystroke does not run JavaScript for every
 * line):
 * - after YAML or TOML front matter, which is then a chunk of its own (the only one parsed with
 *   front matter support, as only a document's first line can open it); nothing inside it is a cut,
 *   not even a `# comment`;
 * - before each ATX heading that starts in column 0 outside fenced code and HTML blocks. Subsection
 *   headings cut too, so that a keystroke re-parses a subsection, not a whole section. Such a line
 *   closes every open paragraph, list and block quote;
 * - between two items of a list in column 0 whose first lines follow one another, so that a long
 *   list is not one chunk; the parser joins the two lists again (see sameListMarker);
 * - at paragraph boundaries, so that a document without headings is not one chunk: a blank line
 *   followed by a line that starts in column 0 outside fenced code and HTML blocks and cannot
 *   continue what came before it. After a blank line no paragraph, table, definition or block
 *   quote goes on, and a line in column 0 is not indented enough to continue a list item, a
 *   footnote definition or indented code; the line may not be a list item (`- `, `* `, `+ `,
 *   `1. `, `1) `), which would join the list before the blank line, nor U+FEFF (which micromark
 *   drops at a text's start). A `---` there is a thematic break in the chunk as in the document:
 *   only the first chunk is parsed with front matter support. Only some boundaries cut, picked by
 *   a hash of the line's own text (and none within SHORTEST_PARAGRAPH_CHUNK of the last cut), so
 *   a cut depends on the text around it: an edit moves no boundary much after it, and the chunks
 *   after an edit keep their text and their cached facts.
 * The scan errs towards cutting; the parser checks each chunk (ChunkFacts.endsOpen: a fence or HTML
 * block nested in a list or quote that the cut would close early) and joins it to the next when a
 * cut was wrong.
 *
 * Returns the offsets where chunks start; the first is always 0.
 */
export function chunkStarts(text: string, options: ChunkingOptions = {}): number[] {
  return [0, ...cutsAfter(text, 0, options)];
}

/**
 * The cuts of `text` after `from`, in order, as `chunkStarts` finds them: `from` is 0 or a cut that
 * `chunkStarts` finds in this text. What the scan decides after a cut depends only on the text from
 * that cut on (and on the line break before it), so an edited text is cut again from a cut before
 * the edit, and once the scan cuts where the previous text had a cut after the edit, every later
 * cut is the previous text's, shifted: the parser stops pulling there.
 */
export function* cutsAfter(text: string, from: number, options: ChunkingOptions = {}): Generator<number, void> {
  const oneIn = options.paragraphBoundaryOneIn ?? PARAGRAPH_BOUNDARY_ONE_IN;
  const minimum = oneIn <= 1 ? 0 : SHORTEST_PARAGRAPH_CHUNK;
  let lastCut = from;
  const lines = new LineReader(text);
  const cuts: number[] = [];
  const cut = (offset: number) => {
    if (offset > lastCut && offset < text.length) {
      lastCut = offset;
      cuts.push(offset);
    }
  };
  const afterFrontMatter = from === 0 ? frontMatterEnd(text) : undefined;
  if (afterFrontMatter !== undefined) cut(afterFrontMatter);
  // Only lines that may start a heading, a fence or an HTML block, blank lines before a line
  // starting in column 0, and list items followed by another, matter.
  const candidate =
    /^(?:#{1,6}(?=[ \t\r\n]|$)| {0,3}(?:`{3,}|~{3,}|<)|[ \t]*(?:\r\n|\r|\n)(?=[^ \t\r\n])|(?:[-+*]|\d{1,9}[.)])(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n)(?=(?:[-+*]|\d{1,9}[.)])(?:[ \t\r\n]|$)))/gm;
  candidate.lastIndex = afterFrontMatter ?? from;
  let match: RegExpExecArray | null;
  while ((match = candidate.exec(text)) !== null) {
    // Hand over the cuts found so far before scanning on: a caller that has what it needs stops here.
    for (const offset of cuts) yield offset;
    cuts.length = 0;
    const offset = match.index;
    if (!lines.startsAt(offset)) {
      // `^` also matches after U+2028 and U+2029, which do not end a Markdown line.
      candidate.lastIndex = offset + 1;
      continue;
    }
    const last = match[0].charCodeAt(match[0].length - 1);
    if (last === 10 || last === 13) {
      // A blank line, or a list item's line, and the next line starts in column 0. That line's own
      // kind (heading, fence, HTML, list item) is read next.
      const next = offset + match[0].length;
      const sinceCut = next - lastCut;
      if (offset > 0 && sinceCut >= minimum) {
        const first = text.charCodeAt(offset);
        const boundary =
          first === 32 || first === 9 || first === 10 || first === 13 ? mayStartChunk(text, next) : sameListMarker(text, offset, next);
        if (boundary && (sinceCut >= LONGEST_UNCUT_RUN || picked(text, next, lines.endOf(next), oneIn))) cut(next);
      }
      candidate.lastIndex = next;
      continue;
    }
    const lineEnd = lines.endOf(offset);
    let resume = lineEnd;
    if (text.charCodeAt(offset) === 35 /* # */) {
      if (offset > 0 && isAtxHeading(text, offset, lineEnd)) cut(offset);
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
  yield* cuts;
}

/**
 * Whether a line that starts in column 0 after a blank line can start a chunk (see chunkStarts): not
 * a list item, which would join a list before the blank line, nor U+FEFF, which micromark drops at
 * the start of its input.
 */
function mayStartChunk(text: string, offset: number): boolean {
  return text.charCodeAt(offset) !== 0xfeff && !LIST_ITEM.test(text.slice(offset, offset + 12));
}

/**
 * Whether the list item on the line at `next` takes the same marker as the one on the line before,
 * at `previous` (both in column 0): the same bullet, or a number and the same delimiter. The next
 * item then belongs to the same list as the one before; cut between them, the two lists are joined
 * again when the chunks are assembled. (The line before may yet continue a paragraph, `2. x` after
 * text: the chunk before the cut then does not end with a list and is joined to the next.)
 */
function sameListMarker(text: string, previous: number, next: number): boolean {
  return markerOf(text, previous) === markerOf(text, next);
}

function markerOf(text: string, lineStart: number): string {
  let i = lineStart;
  while (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return text[i]!;
}

/** A bullet or ordered list item's marker, followed by white space or the line's end. */
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t\r\n]|$)/;

/**
 * Whether this paragraph boundary is one of the few that cut: a hash of the first 64 characters
 * of the line after it (FNV-1a, then mixed so every bit counts) picks one in `oneIn`.
 */
function picked(text: string, lineStart: number, lineEnd: number, oneIn: number): boolean {
  if (oneIn <= 1) return true;
  let hash = 0x811c9dc5;
  const end = Math.min(lineEnd, lineStart + 64);
  for (let i = lineStart; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) % oneIn === 0;
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
