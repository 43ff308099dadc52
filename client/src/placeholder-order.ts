// No `vscode` import: unit tests run this without an editor.

export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

export interface LineRange {
  readonly start: LinePosition;
  readonly end: LinePosition;
}

export type Direction = 'next' | 'previous';

function compare(a: LinePosition, b: LinePosition): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * The placeholder to go to from a selection starting at `from`: the first one starting after it, or for
 * `previous` the last one starting before it; past the last (or first) one it wraps around, as F8 does
 * for problems. `placeholders` are in document order, as the server sends them.
 */
export function placeholderFrom<R extends LineRange>(placeholders: readonly R[], from: LinePosition, direction: Direction): R | undefined {
  if (direction === 'next') return placeholders.find((p) => compare(p.start, from) > 0) ?? placeholders[0];
  const before = placeholders.filter((p) => compare(p.start, from) < 0);
  return before[before.length - 1] ?? placeholders[placeholders.length - 1];
}
