import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver';
import { applyEdits, textDocument } from './documents';

/**
 * Applies edits and checks that every character outside their ranges is as it was: everything before
 * the first edit and after the last one is unchanged.
 */
export function applyMinimal(before: string, edits: readonly TextEdit[]): string {
  const after = applyEdits(before, edits);
  const document = textDocument(before);
  const starts = edits.map((e) => document.offsetAt(e.range.start));
  const ends = edits.map((e) => document.offsetAt(e.range.end));
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  // Measured independently of the prefix: an insertion may repeat the text either side of it.
  while (suffix < before.length && suffix < after.length && before[before.length - 1 - suffix] === after[after.length - 1 - suffix])
    suffix++;
  if (before !== after) {
    assert.ok(prefix >= Math.min(...starts), `text changed at ${prefix}, before the first edit at ${Math.min(...starts)}`);
    assert.ok(
      before.length - suffix <= Math.max(...ends),
      `text changed up to ${before.length - suffix}, after the last edit at ${Math.max(...ends)}`,
    );
  }
  return after;
}
