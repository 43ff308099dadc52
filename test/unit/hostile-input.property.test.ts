import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { MAX_TEMPLATE_SIZE, templateFromText } from '../../server/src/template/template-file';
import { documentSymbols } from '../../server/src/features/document-symbols';
import { INLINE_DELIMITER_BUDGET, maskOverBudgetParagraphs } from '../../server/src/model/inline-budget';
import { builtinTemplates } from '../../server/src/template/builtin-templates';
import { nodeFileAccess } from '../../server/src/project/node-file-access';
import { TemplateFolderReader } from '../../server/src/template/template-folder';
import { adversarialParagraph, fuzzParameters, insideBlueprint, REAL_BLUEPRINTS, testTimeout } from '../support/arbitraries';
import { checkDocument, settings, templateText, textDocument, messageOf } from '../support/documents';

// A hang guard, not a speed target (those are `npm run bench`'s): a case that takes longer than this
// has gone quadratic or worse.
const HANG_MS = 10_000;

function analysedWithin(text: string): { placeholders: string[]; ms: number } {
  const started = performance.now();
  const document = textDocument(text);
  const store = new BlueprintStore();
  // Analysed, not refused: the 1 MB lines take a document past the default blueprint.maxDocumentSize.
  const diagnostics = checkDocument(document, store, settings({ maxDocumentSize: 10_000_000 })) ?? [];
  const analysed = store.get(document);
  if (analysed) documentSymbols(analysed);
  const ms = performance.now() - started;
  return {
    placeholders: diagnostics
      .filter((d) => d.code === 'placeholder')
      .map((d) => `${d.range.start.line}:${d.range.start.character} ${messageOf(d)}`),
    ms,
  };
}

const templatePlaceholders = analysedWithin(templateText).placeholders.length;

test(
  'adversarial paragraphs inside a blueprint are analysed without hanging, and the rest of the blueprint still is',
  { timeout: testTimeout(300_000) },
  () => {
    fc.assert(
      fc.property(adversarialParagraph(40_000), (paragraph) => {
        const { placeholders, ms } = analysedWithin(insideBlueprint(paragraph));
        assert.ok(ms < HANG_MS, `${ms.toFixed(0)} ms for ${JSON.stringify(paragraph.slice(0, 40))}… (${paragraph.length} characters)`);
        // An unclosed fence or HTML block may rightly swallow the rest; elsewhere nothing after it is lost.
        if (!/`{3}|~{3}|</.test(paragraph))
          assert.ok(
            placeholders.length >= templatePlaceholders,
            `${placeholders.length} placeholders found, the template has ${templatePlaceholders}`,
          );
      }),
      fuzzParameters(25),
    );
  },
);

const HOSTILE: Array<[string, string]> = [
  ['200-deep block quotes', '> '.repeat(200) + 'deep'],
  ['200-deep nested list', Array.from({ length: 200 }, (_, i) => '  '.repeat(i) + '- level').join('\n')],
  ['200 quote levels, one per line', Array.from({ length: 200 }, (_, i) => '> '.repeat(i + 1) + 'level').join('\n')],
  ['100,000 brackets', '['.repeat(50_000) + ']'.repeat(50_000)],
  ['100,000 brackets over many lines', ('['.repeat(100) + '\n').repeat(500) + (']'.repeat(100) + '\n').repeat(500)],
  ['25,000 unclosed links', '[a]('.repeat(25_000)],
  ['32 KB of emphasis pairs', '*_'.repeat(16_000)],
  ['a 1 MB line', 'x'.repeat(1_000_000)],
  ['a 1 MB line of words and placeholders', 'word [Name] **bold** '.repeat(50_000)],
];

for (const [name, paragraph] of HOSTILE) {
  test(`hostile document: ${name} is analysed in bounded time`, { timeout: 120_000 }, () => {
    const { placeholders, ms } = analysedWithin(insideBlueprint(paragraph));
    assert.ok(ms < HANG_MS * 3, `${ms.toFixed(0)} ms`);
    assert.ok(
      placeholders.length >= templatePlaceholders,
      `${placeholders.length} placeholders found, the template has ${templatePlaceholders}`,
    );
  });
}

test('a paragraph over the inline budget still has its placeholders found, at exact offsets, and so do the paragraphs after it', () => {
  const runaway = '*_'.repeat(INLINE_DELIMITER_BUDGET);
  const text = insideBlueprint(`😀 ${runaway} [In It]\n[On Its Next Line] ${runaway}\n\nAfter it: [Seen] and 😀 [Also Seen]`);
  const analysed = new BlueprintStore().get(textDocument(text))!;
  const names = analysed.model.placeholders.map((p) => text.slice(p.span.start, p.span.end));
  for (const name of ['[In It]', '[On Its Next Line]', '[Seen]', '[Also Seen]']) assert.ok(names.includes(name), `${name} not found`);
  assert.equal(names.length, templatePlaceholders + 4);
});

test('the inline budget keeps the length, every code block and every line under it; real blueprints are untouched', () => {
  for (const text of REAL_BLUEPRINTS) assert.equal(maskOverBudgetParagraphs(text).text, text);
  const runaway = '*_'.repeat(INLINE_DELIMITER_BUDGET);
  const fenced = '```typescript\n' + `const x = ${'[]'.repeat(INLINE_DELIMITER_BUDGET)};\n` + '```\n';
  const text = `- ${runaway}\r\n${fenced}> under the budget: [a](b) *c*\n`;
  const masked = maskOverBudgetParagraphs(text).text;
  assert.equal(masked.length, text.length);
  assert.equal(masked, `- ${'x'.repeat(runaway.length)}\r\n${fenced}> under the budget: [a](b) *c*\n`);
});

test('a huge file in the templates folder is refused with a problem on its first line, unparsed', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'blueprint-templates-'));
  try {
    const huge = templateText.replace('Data Blueprint', 'Huge Blueprint') + '\n' + '['.repeat(MAX_TEMPLATE_SIZE);
    writeFileSync(join(folder, 'huge.md'), huge);
    writeFileSync(join(folder, 'event.md'), templateText.replace('Data Blueprint', 'Event Blueprint'));
    const started = performance.now();
    const { files } = await new TemplateFolderReader(nodeFileAccess).read(folder);
    assert.ok(performance.now() - started < HANG_MS);
    assert.deepEqual(
      files.map((f) => [f.path.endsWith('event.md'), f.schema?.kind ?? null, f.problems.map((p) => p.message)]),
      [
        [true, 'Event Blueprint', []],
        [false, null, [`This template has ${huge.length.toLocaleString('en-US')} characters; templates over 1,000,000 are not read`]],
      ],
    );
    assert.deepEqual(templateFromText('huge', huge, builtinTemplates).problems[0]!.span, { start: 0, end: huge.indexOf('\n') });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
