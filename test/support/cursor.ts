/**
 * Fixtures are real blueprint text with `$0` where the cursor is (and `$1`… for more positions).
 * Returns the text without the markers and the offset of each.
 */
export function withCursors(marked: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(/\$(\d)/g)) {
    text += marked.slice(last, m.index);
    offsets[Number(m[1])] = text.length;
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  return { text, offsets };
}

/** The text with one `$0` cursor marker removed, and the cursor's offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const { text, offsets } = withCursors(marked);
  if (offsets[0] === undefined) throw new Error('fixture has no $0 cursor marker');
  return { text, offset: offsets[0] };
}
