import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { DiagnosticsPublisher } from '../../server/src/language-server/diagnostics-publisher';

const placeholder: Diagnostic = {
  range: { start: { line: 6, character: 4 }, end: { line: 6, character: 17 } },
  severity: 2,
  code: 'placeholder',
  source: 'blueprint',
  message: "Placeholder '[Ledger name]' is not filled in",
};
const invalidTemplate: Diagnostic = {
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
  severity: 1,
  code: 'invalid-template',
  source: 'blueprint',
  message: 'A template starts with a title line; this template is not used until it is fixed',
};

/** A publisher whose client has the documents of `open` open (URI → version), and what it was sent. */
function publisherWith(open: Map<string, number>): { publisher: DiagnosticsPublisher; sent: PublishDiagnosticsParams[] } {
  const sent: PublishDiagnosticsParams[] = [];
  const publisher = new DiagnosticsPublisher(
    (params) => {
      sent.push(params);
      return Promise.resolve();
    },
    (uri) => open.get(uri),
  );
  return { publisher, sent };
}

const ledger = 'file:///work/ledger.md';
const notes = 'file:///work/notes.md';

test('a checked document is published for its version, also when it is clean: "checked, clean" is said', () => {
  const open = new Map([[ledger, 1]]);
  const { publisher, sent } = publisherWith(open);
  publisher.document(ledger, 1, [placeholder]);
  open.set(ledger, 2);
  publisher.document(ledger, 2, []);
  assert.deepEqual(sent, [
    { uri: ledger, version: 1, diagnostics: [placeholder] },
    { uri: ledger, version: 2, diagnostics: [] },
  ]);
});

test('a document that is not checked gets nothing; one that stops being checked is cleared once', () => {
  const open = new Map([
    [ledger, 1],
    [notes, 1],
  ]);
  const { publisher, sent } = publisherWith(open);
  publisher.document(notes, 1, undefined);
  assert.deepEqual(sent, [], 'plain Markdown: not even an empty list');
  publisher.document(ledger, 1, []);
  open.set(ledger, 2);
  publisher.document(ledger, 2, undefined);
  open.set(ledger, 3);
  publisher.document(ledger, 3, undefined);
  assert.deepEqual(sent, [
    { uri: ledger, version: 1, diagnostics: [] },
    { uri: ledger, version: 2, diagnostics: [] },
  ]);
});

test('a stale version and a closed document are never published', () => {
  const open = new Map([[ledger, 3]]);
  const { publisher, sent } = publisherWith(open);
  publisher.document(ledger, 2, [placeholder]);
  publisher.document(notes, 1, [placeholder]);
  assert.deepEqual(sent, []);
});

test('closing clears what a document had, and says nothing about one that had nothing', () => {
  const open = new Map([
    [ledger, 1],
    [notes, 1],
  ]);
  const { publisher, sent } = publisherWith(open);
  publisher.document(ledger, 1, [placeholder]);
  publisher.document(notes, 1, undefined);
  open.clear();
  publisher.closed(ledger);
  publisher.closed(notes);
  publisher.closed(ledger);
  assert.deepEqual(sent, [
    { uri: ledger, version: 1, diagnostics: [placeholder] },
    { uri: ledger, diagnostics: [] },
  ]);
});

test('malformed templates on disk are published while closed, cleared once fixed, and left to the document while open', () => {
  const broken = 'file:///work/.blueprints/broken.md';
  const other = 'file:///work/.blueprints/other.md';
  const open = new Map<string, number>();
  const { publisher, sent } = publisherWith(open);
  publisher.templateFilesOnDisk([
    { uri: broken, diagnostics: [invalidTemplate] },
    { uri: other, diagnostics: [invalidTemplate] },
  ]);
  assert.deepEqual(sent.splice(0), [
    { uri: broken, diagnostics: [invalidTemplate] },
    { uri: other, diagnostics: [invalidTemplate] },
  ]);
  // `other` was fixed on disk; `broken` is opened and fixed in the editor.
  open.set(broken, 4);
  publisher.templateFilesOnDisk([{ uri: broken, diagnostics: [invalidTemplate] }]);
  assert.deepEqual(sent.splice(0), [{ uri: other, diagnostics: [] }]);
  publisher.document(broken, 4, []);
  assert.deepEqual(sent.splice(0), [{ uri: broken, version: 4, diagnostics: [] }]);
  // Closed unsaved: cleared, and the file's problems come back with the next reading of the folder.
  open.delete(broken);
  publisher.closed(broken);
  publisher.templateFilesOnDisk([{ uri: broken, diagnostics: [invalidTemplate] }]);
  assert.deepEqual(sent, [
    { uri: broken, diagnostics: [] },
    { uri: broken, diagnostics: [invalidTemplate] },
  ]);
});

test('a template published from disk that stops being a template when opened is cleared', () => {
  const moved = 'file:///work/.blueprints/moved.md';
  const open = new Map<string, number>();
  const { publisher, sent } = publisherWith(open);
  publisher.templateFilesOnDisk([{ uri: moved, diagnostics: [invalidTemplate] }]);
  open.set(moved, 1);
  publisher.document(moved, 1, undefined);
  assert.deepEqual(sent.slice(1), [{ uri: moved, version: 1, diagnostics: [] }]);
});

test('once disposed, nothing more is sent; a send that fails (the client is gone) is no error', async () => {
  const open = new Map([[ledger, 1]]);
  let sends = 0;
  const publisher = new DiagnosticsPublisher(
    () => {
      sends++;
      return Promise.reject(new Error('Connection is disposed'));
    },
    (uri) => open.get(uri),
  );
  publisher.document(ledger, 1, [placeholder]);
  await new Promise((resolve) => setImmediate(resolve));
  publisher.dispose();
  publisher.closed(ledger);
  assert.equal(sends, 1);
});

test('a document checked again at the same version is published again only when its diagnostics changed', () => {
  const open = new Map([[ledger, 1]]);
  const { publisher, sent } = publisherWith(open);
  publisher.document(ledger, 1, [placeholder]);
  // Another blueprint's declarations changed: the document is checked again, at the same version.
  publisher.document(ledger, 1, [{ ...placeholder }]);
  assert.deepEqual(sent, [{ uri: ledger, version: 1, diagnostics: [placeholder] }]);
  publisher.document(ledger, 1, []);
  open.set(ledger, 2);
  publisher.document(ledger, 2, []);
  assert.deepEqual(
    sent.map((p) => [p.version, p.diagnostics.length]),
    [
      [1, 1],
      [1, 0],
      [2, 0],
    ],
  );
  // Closed and opened again at version 1: published again, whatever was said before.
  publisher.closed(ledger);
  open.set(ledger, 1);
  publisher.document(ledger, 1, [placeholder]);
  assert.deepEqual(sent.at(-1), { uri: ledger, version: 1, diagnostics: [placeholder] });
});
