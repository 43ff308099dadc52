/** A half-open range of UTF-16 offsets into a document's text, as LSP counts them. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function shiftSpan(s: Span, by: number): Span {
  return by === 0 ? s : { start: s.start + by, end: s.end + by };
}

export function spanContains(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}
