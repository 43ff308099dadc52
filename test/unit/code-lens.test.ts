import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REVEAL_PLACEHOLDER_COMMAND, sectionCodeLenses } from '../../server/src/features/code-lens';
import { withCursors } from '../support/cursor';
import { analyse, fixture, settings, templateText, textDocument } from '../support/documents';

test('a lens on each section heading: placeholders left, jumping to the first; what else is missing', () => {
  const { text, offsets } = withCursors(
    '# Data Blueprint: Ledger 📒\r\n\r\n$0## Purpose$1\r\n\r\nThe $2[What]$3 and [Why] of it — 台帳.\r\n\r\n$4## Data Flow$5\r\n\r\nAll written down.\r\n',
  );
  const document = textDocument(text);
  const lenses = sectionCodeLenses(analyse(text), settings());
  assert.deepEqual(lenses, [
    {
      range: { start: document.positionAt(offsets[0]!), end: document.positionAt(offsets[1]!) },
      command: {
        title: '2 placeholders left',
        command: REVEAL_PLACEHOLDER_COMMAND,
        arguments: [document.uri, { start: document.positionAt(offsets[2]!), end: document.positionAt(offsets[3]!) }],
      },
    },
    {
      range: { start: document.positionAt(offsets[4]!), end: document.positionAt(offsets[5]!) },
      command: { title: '3 subsections missing', command: '' },
    },
  ]);
});

const ledger = fixture('order-ledger.md');
const titles = (text: string, raw: Record<string, unknown> = {}) =>
  sectionCodeLenses(analyse(text), settings(raw)).map((l) => l.command!.title);

test('complete only when nothing is left: on a filled-in blueprint every section is complete', () => {
  assert.deepEqual(titles(ledger), Array(9).fill('complete'));
});

test('an empty section is "empty", not complete, and not also missing its subsections', () => {
  const emptyPurpose = ledger.replace(/(## Purpose\n\n\*\*What this data system manages and why it exists.\*\*\n\n)[\s\S]*?(?=---)/, '$1');
  assert.deepEqual(titles(emptyPurpose)[0], 'empty');
  const emptyModel = ledger.replace(/(## Data Model\n\n\*\*Complete data structure definition.\*\*\n\n)[\s\S]*?(?=---)/, '$1');
  assert.deepEqual(titles(emptyModel)[1], 'empty');
});

test('missing and empty subsections and placeholders are each counted; a code turned off is not', () => {
  const text = ledger
    .replace(/### Alerts\n[\s\S]*?(?=### Health Checks)/, '')
    .replace(/(### Metrics\n)[^#]*?(?=### )/, '$1\n')
    .replace('- **Replica lag**: below 5 seconds', '- **[Check 2]**: [What to check]');
  assert.deepEqual(titles(text)[8], '1 subsection missing · 1 empty subsection · 2 placeholders left');
  assert.deepEqual(titles(text, { diagnostics: { 'missing-subsection': 'off', 'empty-section': 'off' } })[8], '2 placeholders left');
  assert.deepEqual(titles(text, { diagnostics: { placeholder: 'off' } })[8], '1 subsection missing · 1 empty subsection');
  const lens = sectionCodeLenses(analyse(text), settings())[8]!;
  assert.equal(lens.command!.command, REVEAL_PLACEHOLDER_COMMAND);
  const document = textDocument(text);
  assert.equal(document.getText(lens.command!.arguments![1]), '[Check 2]');
});

test('on the untouched template, every section has its placeholders left, subsections included', () => {
  const lenses = sectionCodeLenses(analyse(templateText), settings());
  assert.equal(lenses.length, 9);
  assert.ok(lenses.every((l) => /^\d+ placeholders? left$/.test(l.command!.title)));
  const counted = lenses.reduce((sum, l) => sum + Number(l.command!.title.split(' ')[0]), 0);
  assert.equal(counted, 78 - 1 - 3, 'all but the title and footer placeholders');
});
