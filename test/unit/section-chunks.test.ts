import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BlueprintParser } from '../../server/src/model/blueprint-parser';
import { chunkStarts } from '../../server/src/model/section-chunks';
import { fixture } from '../support/documents';
import { generateBlueprint } from '../support/generate-blueprint';

/**
 * A blueprint file with no headings at all, as the issue found it: 600 KB of paragraphs (prose, field
 * lines, quotes, a table, definitions), the realistic content of a blueprint with its headings gone.
 */
const headingless = (() => {
  const body = generateBlueprint({ lines: 24_000, seed: 9 }).replace(/^#{1,6} .*\n/gm, '');
  return body.slice(0, body.indexOf('\n\n', 600_000) + 2);
})();

function chunkTexts(text: string, starts = chunkStarts(text)): string[] {
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

test('a blueprint without headings is cut at paragraph boundaries into chunks of a few KB', () => {
  const starts = chunkStarts(headingless);
  assert.ok(headingless.length > 600_000);
  assert.ok(starts.length > 100, `${starts.length} chunks`);
  const longest = Math.max(...chunkTexts(headingless, starts).map((t) => t.length));
  assert.ok(longest < 24_000, `the longest chunk has ${longest} characters`);
  // Every cut is a line in column 0 after a blank line, or between two list items.
  for (const start of starts.slice(1)) {
    const before = headingless.slice(Math.max(0, start - 200), start);
    assert.ok(/\n[ \t]*\n$/.test(before) || /(?:^|\n)(?:[-+*]|\d+[.)])[ \t][^\n]*\n$/.test(before), JSON.stringify(before.slice(-60)));
  }
  const part = headingless.slice(0, headingless.indexOf('\n\n', 100_000) + 2);
  assert.deepEqual(new BlueprintParser().parse(part), new BlueprintParser({ chunked: false }).parse(part));
});

test('boundaries are chosen by the text around them: an edit leaves every other chunk as it was', () => {
  const before = chunkTexts(headingless);
  for (const at of [1_000, 300_000, 599_000]) {
    const lineEnd = headingless.indexOf('\n', at);
    const edited = headingless.slice(0, lineEnd) + ' and one more word' + headingless.slice(lineEnd);
    const after = chunkTexts(edited);
    const kept = new Set(before);
    const changed = after.filter((t) => !kept.has(t));
    assert.ok(changed.length <= 2, `${changed.length} chunks changed after an edit at ${at}`);
  }
});

test('the same paragraph a thousand times is cut too, into chunks that are the same text', () => {
  const repeated = 'The export runs nightly and finance reads it in the morning.\n\n'.repeat(10_000);
  const texts = chunkTexts(repeated);
  assert.ok(texts.length > 50, `${texts.length} chunks`);
  assert.ok(new Set(texts.slice(1, -1)).size <= 3, 'a handful of distinct chunk texts, each parsed once');
});

test('no cut where the next line could continue what came before', () => {
  const cutAt = (text: string, line: string) => chunkStarts(text, { paragraphBoundaryOneIn: 1 }).includes(text.indexOf(line));
  const doc = [
    'Intro paragraph.',
    '',
    '- a bullet after a blank line joins the list above',
    '',
    '1. an ordered item likewise',
    '',
    '    indented code',
    '',
    '```',
    'in a fence',
    '',
    'still in the fence',
    '```',
    '',
    '<!--',
    'in a comment',
    '',
    'still in the comment',
    '-->',
    '',
    'A paragraph after them all.',
    '',
    '\uFEFFA paragraph starting with U+FEFF.',
    '',
    '> A quote.',
    '',
    '[def]: https://example.com',
    '',
    '---',
    '',
  ].join('\n');
  for (const line of [
    '- a bullet',
    '1. an ordered',
    '    indented',
    'in a fence',
    'still in the fence',
    'in a comment',
    'still in the comment',
    '\uFEFFA paragraph',
  ]) {
    assert.ok(!cutAt(doc, line), line);
  }
  for (const line of ['A paragraph after them all.', '> A quote.', '[def]:', '---']) assert.ok(cutAt(doc, line), line);
  assert.deepEqual(
    new BlueprintParser({ chunking: { paragraphBoundaryOneIn: 1 } }).parse(doc),
    new BlueprintParser({ chunked: false }).parse(doc),
  );
});

test('a long list is cut between its items and read back as one list; lists of other markers stay apart', () => {
  const bullets = Array.from({ length: 1_500 }, (_, i) => `- **Part${i}**: ${'a line of a long list '.repeat(4)}`).join('\n');
  const text = `# Data Blueprint: Parts\n\n## Purpose\n\n${bullets}\n* another list\n1. and\n2. another\n`;
  const starts = chunkStarts(text);
  assert.ok(starts.length > 10, `${starts.length} chunks`);
  const model = new BlueprintParser().parse(text);
  assert.deepEqual(model, new BlueprintParser({ chunked: false }).parse(text));
  // One list, then the `*` list and the ordered one: three blocks under Purpose.
  assert.equal(model.sections[0]!.contentBlockCount, 3);
  // `2.` after a paragraph line continues the paragraph: a cut there is undone.
  const continued = '# Data Blueprint: X\n\nSome text\n2. not an item\n3. nor this\n';
  assert.deepEqual(
    new BlueprintParser({ chunking: { paragraphBoundaryOneIn: 1 } }).parse(continued),
    new BlueprintParser({ chunked: false }).parse(continued),
  );
});

test("a first analysis stops after each chunk it parses, also when it re-reads chunks with other chunks' definitions", () => {
  // Every paragraph names [runbook], defined once at the end: each chunk is read alone, then again with the definition.
  const paragraphs = Array.from(
    { length: 400 },
    (_, i) => `Step ${i} of the export follows the [runbook] to the letter, whatever the weather.`,
  );
  const text = paragraphs.join('\n\n') + '\n\n[runbook]: https://example.com/runbook\n';
  const chunks = chunkStarts(text).length;
  assert.ok(chunks > 5);
  const parser = new BlueprintParser();
  let stops = 0;
  while (!parser.prepare(text, () => true)) stops++;
  assert.equal(stops, chunks + (chunks - 1));
  assert.deepEqual(parser.parse(text), new BlueprintParser({ chunked: false }).parse(text));
  assert.deepEqual(parser.parse(text).placeholders, []);
});

test('the fixtures and the template parse the same cut at every boundary', () => {
  for (const name of ['order-ledger.md', 'fulfilment-ledger.md', 'payments-ledger.md']) {
    const text = fixture(name);
    assert.deepEqual(
      new BlueprintParser({ chunking: { paragraphBoundaryOneIn: 1 } }).parse(text),
      new BlueprintParser({ chunked: false }).parse(text),
      name,
    );
  }
});
