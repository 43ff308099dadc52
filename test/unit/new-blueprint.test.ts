import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blueprintFileName, newBlueprint, templateSnippetFor } from '../../server/src/template/new-blueprint';
import { builtinTemplates } from '../../server/src/template/builtin-templates';
import { writtenTemplateText } from '../support/documents';

const footer = { date: '2026-11-25', author: 'Ada Lovelace' };

test('a new blueprint fills the title, the first status, today and the author, and points at its first remaining placeholder', () => {
  const created = newBlueprint(builtinTemplates, { name: '  Order Ledger ' }, footer)!;
  assert.equal(created.kind, 'Data Blueprint');
  assert.ok(created.text.startsWith('# Data Blueprint: Order Ledger\n\n## Purpose\n'));
  assert.ok(created.text.endsWith('\n---\n\n**Blueprint Status**: Draft\\\n**Last Updated**: 2026-11-25\\\n**Author**: Ada Lovelace\n'));
  assert.equal(created.fileName, 'order-ledger.blueprint.md');
  // "[Describe the data system's purpose, …]" on line 6.
  assert.deepEqual(created.firstPlaceholder, { start: { line: 6, character: 0 }, end: { line: 6, character: 80 } });
  const lines = created.text.split('\n');
  assert.equal(lines[6], "[Describe the data system's purpose, what data it manages, and why it's needed.]");
});

test('the request’s author and date win over the defaults; an empty author falls back to them', () => {
  const given = newBlueprint(builtinTemplates, { name: 'Ledger', author: 'Grace Hopper', date: '2027-01-02' }, footer)!;
  assert.ok(given.text.endsWith('**Last Updated**: 2027-01-02\\\n**Author**: Grace Hopper\n'));
  const blank = newBlueprint(builtinTemplates, { name: 'Ledger', author: ' ' }, footer)!;
  assert.ok(blank.text.endsWith('**Author**: Ada Lovelace\n'));
  const nobody = newBlueprint(builtinTemplates, { name: 'Ledger' }, { date: '2026-11-25', author: undefined })!;
  assert.ok(nobody.text.endsWith('**Author**: [Name]\n'));
});

test('templates are named by id or kind; an unknown kind gets null', () => {
  assert.equal(newBlueprint(builtinTemplates, { name: 'X', kind: 'data-blueprint' }, footer)?.kind, 'Data Blueprint');
  assert.equal(newBlueprint(builtinTemplates, { name: 'X', kind: 'Data Blueprint' }, footer)?.kind, 'Data Blueprint');
  assert.equal(newBlueprint(builtinTemplates, { name: 'X', kind: 'API Blueprint' }, footer), null);
  assert.equal(templateSnippetFor(builtinTemplates, { kind: 'nope' }), null);
});

test('file names are the name in kebab case, any script kept, never empty', () => {
  assert.equal(blueprintFileName('Order Ledger (v2)'), 'order-ledger-v2.blueprint.md');
  assert.equal(blueprintFileName('Übersicht Aufträge'), 'übersicht-aufträge.blueprint.md');
  assert.equal(blueprintFileName('注文 台帳'), '注文-台帳.blueprint.md');
  assert.equal(blueprintFileName(' ?! '), 'blueprint.blueprint.md');
});

test('the template snippet writes a new blueprint: status Draft, footer breaks, every other placeholder a tab stop', () => {
  const { kind, snippet } = templateSnippetFor(builtinTemplates, {})!;
  assert.equal(kind, 'Data Blueprint');
  assert.ok(snippet.startsWith('# Data Blueprint: ${1:[Data System Name]}\n\n## Purpose\n'));
  assert.ok(snippet.endsWith('**Blueprint Status**: Draft\\\\\n**Last Updated**: ${76:[Date]}\\\\\n**Author**: ${77:[Name]}\n'));
  // Unescaped and without tab stops, the snippet is the template with those two changes.
  const plain = snippet.replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1').replace(/\\([$}\\])/g, '$1');
  assert.equal(
    plain,
    writtenTemplateText
      .replace(/\s*$/, '\n')
      .replace(
        '**Blueprint Status**: [Draft/Review/Approved]\n**Last Updated**: [Date]\n',
        '**Blueprint Status**: Draft\\\n**Last Updated**: [Date]\\\n',
      ),
  );
});
