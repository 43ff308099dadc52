import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveSchema } from '../../server/src/model/schema';
import { builtinTemplates } from '../../server/src/model/templates';
import { newBlueprintText, snippetFromTemplateText, today } from '../../server/src/features/template-text';
import { analyse, templateText, settings } from '../support/documents';
import { computeDiagnostics } from '../../server/src/features/diagnostics';

const schema = builtinTemplates[0]!;

test('a template section becomes a snippet whose tab stops are its placeholders', () => {
  const purpose = schema.sections[0]!;
  const { snippet, nextTabStop } = snippetFromTemplateText(purpose.source, 3);
  assert.equal(
    snippet,
    "## Purpose\n\n**What this data system manages and why it exists.**\n\n${3:[Describe the data system's purpose, what data it manages, and why it's needed.]}\n\n---\n\n",
  );
  assert.equal(nextTabStop, 4);
});

test('snippet text escapes what a snippet would otherwise expand', () => {
  const { snippet } = snippetFromTemplateText('## Cost\n\nCosts $5 {a} \\ [Price $]\n');
  assert.equal(snippet, '## Cost\n\nCosts \\$5 {a\\} \\\\ ${1:[Price \\$]}\n');
});

test('a new blueprint has its title, first status, date and author filled and every other placeholder left', () => {
  const text = newBlueprintText(schema, { name: 'Order Ledger', date: '2026-11-25', author: 'Ada Lovelace' });
  assert.ok(text.startsWith('# Data Blueprint: Order Ledger\n'));
  assert.ok(text.endsWith('\n---\n\n**Blueprint Status**: Draft\\\n**Last Updated**: 2026-11-25\\\n**Author**: Ada Lovelace\n'));
  const diagnostics = computeDiagnostics(analyse(text), settings());
  assert.equal(diagnostics.length, 74);
  assert.ok(diagnostics.every((d) => d.code === 'placeholder'));
  // The footer's values end before the breaks.
  assert.deepEqual(
    analyse(text).model.footer.map((f) => f.value),
    ['Draft', '2026-11-25', 'Ada Lovelace'],
  );
});

test('a template whose footer lines already end with a break, or stand in paragraphs of their own, keeps them', () => {
  const broken = templateText.replace(
    '**Blueprint Status**: [Draft/Review/Approved]\n',
    '**Blueprint Status**: [Draft/Review/Approved]<br>\n',
  );
  const custom = deriveSchema('data-blueprint', broken);
  assert.ok(
    newBlueprintText(custom, { name: 'X' }).endsWith('**Blueprint Status**: Draft<br>\n**Last Updated**: [Date]\\\n**Author**: [Name]\n'),
  );
  const apart = deriveSchema('data-blueprint', templateText.replace('**Last Updated**: [Date]\n', '\n**Last Updated**: [Date]\n\n'));
  assert.ok(
    newBlueprintText(apart, { name: 'X' }).endsWith('**Blueprint Status**: Draft\n\n**Last Updated**: [Date]\n\n**Author**: [Name]\n'),
  );
});

test('today is written YYYY-MM-DD', () => {
  assert.equal(today(new Date(2026, 0, 5)), '2026-01-05');
});
