import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { classifyDocument } from '../../server/src/documents/classification';
import { builtinTemplates } from '../../server/src/template/builtin-templates';
import { settings, textDocument, templateText } from '../support/documents';

/** The kind of blueprint a document is, as the server and the CLI classify it (a document with no file). */
function kindOf(text: string, uri: string): string | undefined {
  const place = { path: undefined, context: { settings: settings(), templates: builtinTemplates, templatesFolder: undefined } };
  const classified = classifyDocument(textDocument(text, uri), place, new BlueprintStore());
  return classified.kind === 'blueprint' ? classified.analysed.schema.kind : undefined;
}

test('a Markdown document whose first heading is the template title is a blueprint', () => {
  assert.equal(kindOf('# Data Blueprint: Orders\n\nText.\n', 'file:///docs/orders.md'), 'Data Blueprint');
  assert.equal(kindOf('\uFEFF# Data Blueprint: Orders\n', 'file:///docs/orders.md'), 'Data Blueprint');
  assert.equal(kindOf('Intro paragraph.\n\n# Data Blueprint: Orders\n', 'untitled:Untitled-1'), 'Data Blueprint');
});

test('a file named *.blueprint.md is a blueprint whatever its first heading', () => {
  assert.equal(kindOf('', 'file:///docs/orders.blueprint.md'), 'Data Blueprint');
  assert.equal(kindOf('# Notes\n', 'file:///docs/My%20Orders.Blueprint.md'), 'Data Blueprint');
});

test('any other Markdown is not a blueprint', () => {
  assert.equal(kindOf('# Notes\n\n# Data Blueprint: later\n', 'file:///docs/notes.md'), undefined);
  assert.equal(kindOf('## Data Blueprint: Orders\n', 'file:///docs/notes.md'), undefined);
  assert.equal(kindOf('Data Blueprint: Orders\n', 'file:///docs/notes.md'), undefined);
  assert.equal(kindOf(templateText.replace('# Data Blueprint', '# Design'), 'file:///docs/blueprint.md.txt'), undefined);
});

test('only file and untitled documents are analysed', () => {
  assert.equal(kindOf(templateText, 'git:/docs/orders.md?ref=HEAD'), undefined);
  assert.equal(kindOf(templateText, 'vscode-notebook-cell:/docs/a.ipynb#1'), undefined);
  assert.equal(kindOf(templateText, 'untitled:Untitled-2'), 'Data Blueprint');
});

test('the store parses a version once and again only when the version changes', () => {
  const store = new BlueprintStore();
  const first = store.get(textDocument(templateText, 'file:///a.md', 1));
  assert.equal(store.get(textDocument(templateText, 'file:///a.md', 1)), first);
  const next = store.get(textDocument(templateText + '\nMore.\n', 'file:///a.md', 2));
  assert.notEqual(next, first);
});
