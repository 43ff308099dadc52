import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blueprintDiagnostics } from '../../server/src/features/checked-diagnostics';
import { ignoreDiagnosticActions, isSilenced, scanComments } from '../../server/src/features/rule-control';
import { analyse, applyEdits, fixture, settings } from '../support/documents';

const filled = fixture('order-ledger.md');
/** The filled blueprint with a Purpose paragraph made of the given lines (it starts on line 6, 0-based). */
const withPurpose = (lines: string) => filled.replace(/The order ledger records[^]*?\n\n/, `${lines}\n\n`);
const codesAndLines = (text: string) =>
  blueprintDiagnostics(analyse(text), settings()).map((d) => `${d.range.start.line} ${String(d.code)}`);

test('disable-next-line silences the named codes on the next line only', () => {
  const text = withPurpose('<!-- blueprint-disable-next-line placeholder -->\nThe [A] ledger.\nThe [B] ledger.');
  assert.deepEqual(codesAndLines(text), ['8 placeholder']);
});

test('disable and enable bracket a region; no code means every code', () => {
  const text = withPurpose('<!-- blueprint-disable -->\n\nThe [A] ledger.\n\n<!-- blueprint-enable -->\n\nThe [B] ledger.');
  assert.deepEqual(codesAndLines(text), ['12 placeholder']);
});

test('several codes, separated by spaces or commas; other codes still report', () => {
  const text = withPurpose('<!-- blueprint-disable-next-line invalid-status, unknown-structure -->\nThe [A] ledger.');
  assert.deepEqual(codesAndLines(text), ['7 placeholder']);
});

test('enable of one code after disabling all re-enables just that code', () => {
  const text = withPurpose('<!-- blueprint-disable -->\n<!-- blueprint-enable placeholder -->\n\nThe [A] ledger.').replace(
    '**Blueprint Status**: Review',
    '**Blueprint Status**: Done',
  );
  assert.deepEqual(codesAndLines(text), ['9 placeholder']);
});

test('a directive inside a code block or inline code is not a comment and silences nothing', () => {
  const text = withPurpose('```html\n<!-- blueprint-disable -->\n```\n\n`<!-- blueprint-disable-next-line -->`\nThe [A] ledger.');
  assert.deepEqual(codesAndLines(text), ['11 placeholder']);
});

test('a comment spanning lines silences the line after its end; an inline comment counts too', () => {
  assert.deepEqual(codesAndLines(withPurpose('<!--\n  blueprint-disable-next-line placeholder\n-->\nThe [A] ledger.')), []);
  assert.deepEqual(codesAndLines(withPurpose('Intro <!-- blueprint-disable-next-line placeholder -->\nThe [A] ledger.')), []);
});

test('isSilenced follows the directives in order', () => {
  const directives = scanComments(
    analyse('<!-- blueprint-disable a -->\n\ntext\n\n<!-- blueprint-enable a -->\n', 'file:///work/rules.blueprint.md'),
  ).directives;
  assert.deepEqual(
    directives.map((d) => [d.kind, d.codes, d.line, d.endLine]),
    [
      ['disable', ['a'], 0, 0],
      ['enable', ['a'], 4, 4],
    ],
  );
  assert.equal(isSilenced(directives, 'a', 2), true);
  assert.equal(isSilenced(directives, 'b', 2), false);
  assert.equal(isSilenced(directives, 'a', 4), false);
});

function ignoreEdits(text: string, code: string, line: number) {
  const analysed = analyse(text);
  const diagnostic = blueprintDiagnostics(analysed, settings()).find((d) => d.code === code && d.range.start.line === line)!;
  assert.ok(diagnostic, `${code} on line ${line}`);
  const actions = ignoreDiagnosticActions(analysed, [diagnostic]);
  assert.equal(actions.length, 1);
  return { action: actions[0]!, after: applyEdits(text, actions[0]!.edit!.changes![analysed.document.uri]!) };
}

test('"Ignore this diagnostic on this line" inserts a disable-next-line comment with the line\'s indentation and line break', () => {
  const text = withPurpose('- The [A] ledger.\n  and the [B] one.').replace(/\n/g, '\r\n');
  const { action, after } = ignoreEdits(text, 'placeholder', 7);
  assert.equal(action.title, 'Ignore this diagnostic on this line (placeholder)');
  assert.ok(after.includes('- The [A] ledger.\r\n  <!-- blueprint-disable-next-line placeholder -->\r\n  and the [B] one.'));
  assert.deepEqual(codesAndLines(after), ['6 placeholder']);
});

test('a second ignore on the same line joins the existing comment instead of stacking another', () => {
  const text = withPurpose('<!-- blueprint-disable-next-line unknown-structure -->\nThe [A] ledger.');
  const { after } = ignoreEdits(text, 'placeholder', 7);
  assert.ok(after.includes('<!-- blueprint-disable-next-line unknown-structure placeholder -->\nThe [A] ledger.'));
  assert.deepEqual(codesAndLines(after), []);
});

test('a diagnostic in a code block is ignored by disable/enable comments around the block', () => {
  const text = withPurpose('```typescript\ninterface [Ledger] {\n}\n```');
  const { action, after } = ignoreEdits(text, 'placeholder', 7);
  assert.equal(action.title, 'Ignore this diagnostic in this code block (placeholder)');
  assert.ok(
    after.includes(
      '<!-- blueprint-disable placeholder -->\n\n```typescript\ninterface [Ledger] {\n}\n```\n\n<!-- blueprint-enable placeholder -->',
    ),
  );
  assert.deepEqual(codesAndLines(after), []);
});

test('ignoring a diagnostic on the title line of a document with a BOM keeps the BOM first', () => {
  const text = '\uFEFF' + filled.replace(/## Purpose[^]*?(?=## )/, '');
  const { after } = ignoreEdits(text, 'missing-section', 0);
  assert.ok(after.startsWith('\uFEFF<!-- blueprint-disable-next-line missing-section -->\n# Data Blueprint: Order Ledger'));
  assert.deepEqual(codesAndLines(after), []);
});

test('ignoring a footer diagnostic keeps the footer a footer: the other fields are still checked', () => {
  const text = filled.replace('**Blueprint Status**: Review', '**Blueprint Status**: Done').replace('2026-11-20', '2026-11-31');
  const statusLine = text.split('\n').findIndex((l) => l.startsWith('**Blueprint Status**'));
  const { after } = ignoreEdits(text, 'invalid-status', statusLine);
  assert.deepEqual(codesAndLines(after), [`${statusLine + 2} invalid-date`]);
});
