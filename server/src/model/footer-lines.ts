import type { FieldLine } from './blueprint';

/**
 * The hard line break the server writes at the end of each footer line but the last: the footer's
 * lines form one paragraph, which GitHub and VS Code's preview would otherwise render as one line.
 * A backslash, as CommonMark spells a hard break, being visible (trailing spaces are not) and not HTML.
 */
export const FOOTER_LINE_BREAK = '\\';

/** Where the line holding `offset` ends (before its line break). */
export function lineEndAt(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The line's text after the field's value: its hard break (`\`, `<br>`, two spaces…) and trailing white space. */
export function textAfterValue(text: string, field: FieldLine): string {
  return text.slice(field.valueSpan.end, lineEndAt(text, field.span.end));
}

/**
 * Whether the line ends with a hard break, or with a backslash that would be one if a line
 * followed (a paragraph's last backslash is text, and so part of the value).
 */
export function endsWithHardBreak(text: string, field: FieldLine): boolean {
  const after = textAfterValue(text, field);
  if (after.trim() !== '' || / {2,}$/.test(after)) return true;
  const backslashes = /\\*$/.exec(text.slice(field.span.start, field.valueSpan.end))![0].length;
  return backslashes % 2 === 1;
}

/**
 * The hard break a footer's lines end with, to be copied onto lines added to it: the break of its
 * first line that has one, none ('') for a footer of several lines without any, and the backslash
 * for a single line, which shows no style yet.
 */
export function footerBreakStyle(text: string, footer: readonly FieldLine[]): string {
  for (const field of footer) {
    const after = textAfterValue(text, field);
    if (after.trim() !== '') return after.trim();
    if (/ {2,}$/.test(after)) return '  ';
  }
  return footer.length > 1 ? '' : FOOTER_LINE_BREAK;
}

/** Whether the footer's next field line follows this one in the same paragraph (on the very next line). */
export function continuesOnNextLine(text: string, footer: readonly FieldLine[], index: number): boolean {
  const next = footer[index + 1];
  if (!next) return false;
  const end = lineEndAt(text, footer[index]!.span.end);
  const nextLine = text.startsWith('\r\n', end) ? end + 2 : end + 1;
  return next.span.start === nextLine;
}
