import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { alignmentOf } from '../../server/src/alignment/alignment';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { blueprintDiagnostics } from '../../server/src/features/checked-diagnostics';
import { documentsTellingEdits } from '../../server/src/language-server/document-pipeline';
import { BlueprintParser } from '../../server/src/model/blueprint-parser';
import { chunkStarts } from '../../server/src/model/section-chunks';
import { fuzzParameters } from '../support/arbitraries';
import { fixture, settings, templateText, textDocument } from '../support/documents';
import { generateBlueprint } from '../support/generate-blueprint';

// Edits that move chunk boundaries or change what a chunk means: headings at every level, fences
// opened and closed, HTML blocks, reference definitions and their uses, list and quote markers,
// emphasis, line ends of every kind, and characters outside the BMP; paragraph boundaries (a blank
// line, then a paragraph, quote, definition, table or list item in column 0), front matter opened,
// closed and commented, and GitHub alerts.
const FRAGMENTS = [
  '\n\nA paragraph.\n',
  '\n\n',
  '\n  \n',
  '\n\n> quoted\n',
  '\n\n> [!NOTE]\n> alert\n',
  '[!TIP]',
  '\n\n[def]: /d\n',
  '[def]',
  '\n\n1. first\n',
  '\n\n2) second\n',
  '\n\n+ plus\n',
  '\n\n* star\n',
  '\n\n    indented\n',
  '\n\n<!-- a\n\nb -->\n',
  '\n\n[^n]: note\n\n    more\n',
  '[^n]',
  '\n\n***\n',
  '\n\n___\n',
  '\n\n===\n',
  '\n\n| a |\n| - |\n',
  '\n\n  - nested\n',
  '---\n',
  '+++\n',
  '---\ntitle: x\n---\n',
  '# yaml comment\n',
  'tags: [a, b]\n',
  '\uFEFF---\n',
  '- a\n- b\n',
  '1. x\n2. y\n',
  '3) z\n',
  '- [ ] t\n',
  'text\n2. a\n3. b\n',
  '* a\n- b\n',
  '-\n',
  '- - -\n',
  '  ```\n',
  '**L**: v\n',
  '#',
  '# ',
  '## ',
  '### ',
  '#### Notes\n',
  '\n## Data Model\n',
  '\n### Core Data Structures\n',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '```',
  '```typescript\n',
  '\n```\n',
  '~~~',
  '    ',
  '> ',
  '- ',
  '1. ',
  '- [x] ',
  '[',
  ']',
  '[Name]',
  '(',
  ')',
  '*',
  '**',
  '_',
  '`',
  '<!--',
  '-->',
  '<div>',
  '</div>',
  '<pre>',
  '</pre>',
  '[ref]: https://example.com/ref\n',
  '\n[Name]: /name\n',
  '[ref]',
  '[^1]',
  '\n[^1]: note\n',
  '|',
  '| a | b |\n| - | - |\n',
  '---',
  '***',
  '===',
  'interface Order {\n  id: string;\n}\n',
  '**A** → **has** → **B**',
  '**Author**: Ada\n',
  'text',
  ' ',
  '\t',
  '😀',
  '漢字',
  '\uFEFF',
  '\\',
];

interface Edit {
  readonly at: number;
  readonly atLineStart: boolean;
  readonly remove: number;
  readonly insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  atLineStart: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 80 })),
  insert: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constant('') },
  ),
});

function apply(text: string, e: Edit): string {
  let at = e.at % (text.length + 1);
  if (e.atLineStart) at = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

const generated = generateBlueprint({ lines: 300, seed: 7 });
const teamWritten = fixture('payments-ledger.md');
const headingless = generated.replace(/^#{1,6} .*\n/gm, '').slice(0, 4000);
const listed = Array.from({ length: 40 }, (_, i) =>
  i % 7 === 3 ? `${i}. step [${i}]\n` : `- **Item${i}** → **has** → **Part${i}**\n`,
).join('');
const STARTS = [
  teamWritten.slice(0, 3000),
  `# Data Blueprint: Lists\n\n${listed}\nText\n2. not an item\n3. nor this\n\n1. one\n1. two\n1) other list\n`,
  teamWritten.slice(teamWritten.indexOf('## Data Integrity')),
  headingless,
  '---\ntitle: Ledger\n# a comment, not a heading\ntags: [a, b]\n---\n\n' + templateText.slice(0, 1500),
  '+++\ntitle = "Ledger"\n+++\n---\n\n# Data Blueprint: X\n\nText.\n\n---\nnot: front matter\n---\n',
  templateText,
  fixture('order-ledger.md'),
  generated.slice(0, 3000),
  generated.slice(generated.length - 3000),
  generateBlueprint({ lines: 300, seed: 11, newline: '\r\n' }).slice(0, 2500),
  '\uFEFF' + templateText.slice(0, 1200),
];

// The parser as documents get it, and one that cuts at every paragraph boundary, not one in eight.
const CHUNKINGS = [{}, { paragraphBoundaryOneIn: 1 }];

test('after every edit of a random sequence, the incremental model equals a parse of the whole text as one chunk', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...STARTS),
      fc.constantFrom(...CHUNKINGS),
      fc.array(edit, { minLength: 1, maxLength: 12 }),
      (start, chunking, edits) => {
        const incremental = new BlueprintParser({ chunking });
        let text = start;
        assert.deepEqual(incremental.parse(text), new BlueprintParser({ chunked: false }).parse(text));
        for (const e of edits) {
          text = apply(text, e);
          assert.deepEqual(incremental.parse(text), new BlueprintParser({ chunked: false }).parse(text), `after edit ${JSON.stringify(e)}`);
        }
      },
    ),
    { seed: 20260305, numRuns: 160 },
  );
});

test('cut at every paragraph boundary, each text of the model tests parses as in one chunk', () => {
  for (const text of [
    ...STARTS,
    teamWritten,
    teamWritten.replace(/\n/g, '\r\n'),
    '\uFEFF' + teamWritten,
    generated.replace(/^#{1,6} .*\n/gm, ''),
  ]) {
    const starts = chunkStarts(text, { paragraphBoundaryOneIn: 1 });
    assert.ok(starts.length > 1, JSON.stringify(text.slice(0, 80)));
    assert.ok(
      starts.slice(1).every((start) => !/^[ \t]/.test(text.slice(start, start + 1))),
      'no chunk starts indented',
    );
    assert.deepEqual(
      new BlueprintParser({ chunking: { paragraphBoundaryOneIn: 1 } }).parse(text),
      new BlueprintParser({ chunked: false }).parse(text),
    );
  }
});

test('undoing an edit gives back the first model, chunks served from the cache or not', () => {
  const parser = new BlueprintParser();
  const original = fixture('order-ledger.md');
  const before = parser.parse(original);
  const at = original.indexOf('### Related Data Structures');
  parser.parse(original.slice(0, at) + '```\n' + original.slice(at));
  assert.deepEqual(parser.parse(original), before);
});

test('preparing a text in slices, finished or left half-way by the next edit, changes no model', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...STARTS),
      fc.array(fc.record({ edit, slices: fc.nat({ max: 6 }) }), { minLength: 1, maxLength: 8 }),
      (start, steps) => {
        const incremental = new BlueprintParser({ chunking: { paragraphBoundaryOneIn: 1 } });
        let text = start;
        for (const { edit: e, slices } of steps) {
          // `slices` calls of prepare, each stopped after one chunk; the next edit may come before it is done.
          for (let i = 0; i < slices && !incremental.prepare(text, () => true); i++);
          text = apply(text, e);
          if (slices % 2 === 0)
            assert.deepEqual(
              incremental.parse(text),
              new BlueprintParser({ chunked: false }).parse(text),
              `after edit ${JSON.stringify(e)}`,
            );
        }
        while (!incremental.prepare(text, () => true));
        assert.deepEqual(incremental.parse(text), new BlueprintParser({ chunked: false }).parse(text));
      },
    ),
    fuzzParameters(80),
  );
});

/** An edit as an editor sends it: a range of the text as it is, and the new text. */
function asChange(
  text: string,
  e: Edit,
  positionAt: (offset: number) => { line: number; character: number },
): TextDocumentContentChangeEvent {
  let at = e.at % (text.length + 1);
  if (e.atLineStart) at = text.lastIndexOf('\n', at - 1) + 1;
  const end = Math.min(text.length, at + e.remove);
  return { range: { start: positionAt(at), end: positionAt(end) }, text: e.insert };
}

// One severity setting that reports every chunk's own findings, one that silences placeholders.
const SETTINGS = [settings(), settings({ diagnostics: { placeholder: 'off', 'typescript-syntax': 'error' } })];

test('after LSP changes, one or several per notification, the model, the alignment and the diagnostics equal a fresh analysis of the whole text', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...STARTS),
      fc.constantFrom(...CHUNKINGS),
      fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 }),
      (start, chunking, notifications) => {
        const uri = 'file:///work/ledger.blueprint.md';
        // The store as the server has it: told every change by the documents' configuration.
        const store = new BlueprintStore(undefined, { chunking });
        const documents = documentsTellingEdits((...change) => store.edited(...change));
        const document = documents.create(uri, 'markdown', 1, start);
        store.get(document);
        notifications.forEach((edits, n) => {
          const changes: TextDocumentContentChangeEvent[] = [];
          // Each change's range is in the text as the changes before it in the notification left it.
          let text = document.getText();
          for (const e of edits) {
            const before = textDocument(text);
            const change = asChange(text, e, (offset) => before.positionAt(offset));
            changes.push(change);
            text = applyChange(before, change);
          }
          documents.update(document, changes, document.version + 1);
          assert.equal(document.getText(), text);
          const analysed = store.get(document)!;
          const fresh = new BlueprintStore(undefined, { chunked: false }).get(textDocument(text, uri, document.version))!;
          const message = `after notification ${n}: ${JSON.stringify(edits)}`;
          assert.deepEqual(analysed.model, fresh.model, message);
          assert.deepEqual(alignmentOf(analysed), alignmentOf(fresh), message);
          const severities = SETTINGS[n % SETTINGS.length]!;
          assert.deepEqual(blueprintDiagnostics(analysed, severities), blueprintDiagnostics(fresh, severities), message);
        });
      },
    ),
    fuzzParameters(120),
  );
});

function applyChange(document: ReturnType<typeof textDocument>, change: TextDocumentContentChangeEvent): string {
  if (!('range' in change)) return change.text;
  const text = document.getText();
  return text.slice(0, document.offsetAt(change.range.start)) + change.text + text.slice(document.offsetAt(change.range.end));
}
