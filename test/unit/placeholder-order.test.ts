import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeholderFrom } from '../../client/src/placeholder-order';

const at = (line: number, character: number) => ({ line, character });
const range = (line: number, start: number, end: number) => ({ start: at(line, start), end: at(line, end) });
const placeholders = [range(0, 18, 36), range(6, 0, 80), range(6, 90, 95), range(173, 12, 18)];

test('next goes to the first placeholder starting after the selection, then wraps to the first', () => {
  assert.equal(placeholderFrom(placeholders, at(0, 0), 'next'), placeholders[0]);
  // From a selected placeholder (selection starts at it) to the one after it, on the same line too.
  assert.equal(placeholderFrom(placeholders, at(6, 0), 'next'), placeholders[2]);
  assert.equal(placeholderFrom(placeholders, at(6, 40), 'next'), placeholders[2]);
  assert.equal(placeholderFrom(placeholders, at(173, 12), 'next'), placeholders[0]);
});

test('previous goes to the last placeholder starting before the selection, then wraps to the last', () => {
  assert.equal(placeholderFrom(placeholders, at(6, 90), 'previous'), placeholders[1]);
  assert.equal(placeholderFrom(placeholders, at(100, 0), 'previous'), placeholders[2]);
  assert.equal(placeholderFrom(placeholders, at(0, 18), 'previous'), placeholders[3]);
});

test('no placeholders, nowhere to go', () => {
  assert.equal(placeholderFrom([], at(3, 1), 'next'), undefined);
  assert.equal(placeholderFrom([], at(3, 1), 'previous'), undefined);
});
