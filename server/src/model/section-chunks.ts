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
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | 'blank-line' | undefined;
  let offset = 0;
  const length = text.length;
  while (offset < length) {
    let lineEnd = offset;
    while (lineEnd < length) {
      const c = text.charCodeAt(lineEnd);
      if (c === 10 || c === 13) break;
      lineEnd++;
    }
    const next = lineEnd >= length ? length : text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
    const first = text.charCodeAt(offset);
    if (fence) {
      if ((first === 32 || first === 96 || first === 126) && closesFence(text.slice(offset, lineEnd), fence)) fence = undefined;
    } else if (htmlEnd) {
      const line = text.slice(offset, lineEnd);
      if (htmlEnd === 'blank-line' ? line.trim() === '' : htmlEnd.test(line)) htmlEnd = undefined;
    } else if (first === 35 /* # */ && offset > 0 && isAtxHeading(text, offset, lineEnd)) {
      starts.push(offset);
    } else if (first === 32 || first === 96 || first === 126 || first === 60 /* < */) {
      const line = text.slice(offset, lineEnd);
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open && !(open[1]![0] === '`' && line.slice(open[0].length).includes('`'))) {
        fence = { char: open[1]![0]!, length: open[1]!.length };
      } else if (/^ {0,3}</.test(line)) {
        htmlEnd = htmlBlockEnd(line);
      }
    }
    offset = next;
  }
  return starts;
}

function isAtxHeading(text: string, offset: number, lineEnd: number): boolean {
  let i = offset;
  while (i < lineEnd && text.charCodeAt(i) === 35) i++;
  const marks = i - offset;
  if (marks < 1 || marks > 6) return false;
  return i === lineEnd || text[i] === ' ' || text[i] === '\t';
}

function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return m !== null && m[1]![0] === fence.char && m[1]!.length >= fence.length;
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
