import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BlueprintParser } from '../../server/src/model/blueprint-parser';
import { fuzzParameters } from '../support/arbitraries';
import { fixture, templateText } from '../support/documents';
import { generateBlueprint } from '../support/generate-blueprint';

// Edits that move chunk boundaries or change what a chunk means: headings at every level, fences
// opened and closed, HTML blocks, reference definitions and their uses, list and quote markers,
// emphasis, line ends of every kind, and characters outside the BMP.
const FRAGMENTS = [
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
const STARTS = [
  templateText,
  fixture('order-ledger.md'),
  generated.slice(0, 3000),
  generated.slice(generated.length - 3000),
  generateBlueprint({ lines: 300, seed: 11, newline: '\r\n' }).slice(0, 2500),
  '\uFEFF' + templateText.slice(0, 1200),
];

test('after every edit of a random sequence, the incremental model equals a parse of the whole text as one chunk', () => {
  fc.assert(
    fc.property(fc.constantFrom(...STARTS), fc.array(edit, { minLength: 1, maxLength: 12 }), (start, edits) => {
      const incremental = new BlueprintParser();
      let text = start;
      assert.deepEqual(incremental.parse(text), new BlueprintParser({ chunked: false }).parse(text));
      for (const e of edits) {
        text = apply(text, e);
        assert.deepEqual(incremental.parse(text), new BlueprintParser({ chunked: false }).parse(text), `after edit ${JSON.stringify(e)}`);
      }
    }),
    { seed: 20260305, numRuns: 120 },
  );
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
        const incremental = new BlueprintParser();
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
