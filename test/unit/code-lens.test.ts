import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REVEAL_PLACEHOLDER_COMMAND, sectionCodeLenses } from '../../server/src/features/code-lens';
import { withCursors } from '../support/cursor';
import { analyse, templateText, textDocument } from '../support/documents';

test('a lens on each section heading: placeholders left, jumping to the first; complete when none', () => {
  const { text, offsets } = withCursors('# Data Blueprint: Ledger 📒\r\n\r\n$0## Purpose$1\r\n\r\nThe $2[What]$3 and [Why] of it — 台帳.\r\n\r\n$4## Data Flow$5\r\n\r\nAll written down.\r\n');
  const document = textDocument(text);
  const lenses = sectionCodeLenses(analyse(text));
  assert.deepEqual(lenses, [
    {
      range: { start: document.positionAt(offsets[0]!), end: document.positionAt(offsets[1]!) },
      command: { title: '2 placeholders left', command: REVEAL_PLACEHOLDER_COMMAND, arguments: [document.uri, { start: document.positionAt(offsets[2]!), end: document.positionAt(offsets[3]!) }] },
    },
    { range: { start: document.positionAt(offsets[4]!), end: document.positionAt(offsets[5]!) }, command: { title: 'complete', command: '' } },
  ]);
});

test('on the untouched template, every section has its placeholders left, subsections included', () => {
  const lenses = sectionCodeLenses(analyse(templateText));
  assert.equal(lenses.length, 9);
  assert.ok(lenses.every((l) => /^\d+ placeholders? left$/.test(l.command!.title)));
  const counted = lenses.reduce((sum, l) => sum + Number(l.command!.title.split(' ')[0]), 0);
  assert.equal(counted, 78 - 1 - 3, 'all but the title and footer placeholders');
});
