import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { completions } from '../../server/src/features/completion';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import type { FooterValues } from '../../server/src/template/footer-values';
import { fuzzParameters, testTimeout } from '../support/arbitraries';
import { applyEdits, fixture, settings, templateText, textDocument, messageOf } from '../support/documents';
import { expandSnippet } from '../support/snippets';

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };

const BLUEPRINTS = [
  fixture('fulfilment-ledger.md'),
  fixture('order-ledger.md'),
  fixture('order-ledger.md').replace(/\n/g, '\r\n'),
  '\uFEFF' + fixture('fulfilment-ledger.md'),
];

/** Where an author starts a new section or subsection: on a new line before a heading or the footer rule. */
function headingLineStarts(text: string): number[] {
  return [...text.matchAll(/^(?:##? |### |---\r?$)/gm)].map((m) => m.index).filter((at) => at > 0);
}

/** A blueprint with some of its sections and subsections cut, and a cursor after `typed` on a new line. */
const typing = fc
  .tuple(
    fc.constantFrom(...BLUEPRINTS),
    fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    fc.nat(),
    fc.constantFrom('## ', '### ', '#', '##', '## D', '### C', '## s'),
  )
  .map(([blueprint, cuts, where, typed]) => {
    let text = blueprint;
    for (const cut of cuts) {
      const starts = [...text.matchAll(/^#{2,3} /gm)].map((m) => m.index);
      if (starts.length === 0) break;
      const start = starts[cut % starts.length]!;
      const next = text.slice(start + 1).search(/^#{2,3} |^---\r?$/m);
      text = text.slice(0, start) + (next < 0 ? '' : text.slice(start + 1 + next));
    }
    const lineBreak = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = headingLineStarts(text);
    const at = lines[where % lines.length]!;
    return { text: text.slice(0, at) + typed + lineBreak + lineBreak + text.slice(at), cursor: at + typed.length };
  });

function accept(text: string, item: CompletionItem): { after: string; insertedFrom: number; insertedTo: number } {
  const edit = item.textEdit as TextEdit;
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? expandSnippet(edit.newText) : edit.newText;
  const document = textDocument(text);
  const insertedFrom = document.offsetAt(edit.range.start);
  return { after: applyEdits(text, [{ range: edit.range, newText }]), insertedFrom, insertedTo: insertedFrom + newText.length };
}

test(
  'every section and subsection completion is valid snippet syntax, and what it inserts has no diagnostic but its placeholders',
  { timeout: testTimeout(180_000) },
  () => {
    let accepted = 0;
    const parameters = fuzzParameters(40);
    fc.assert(
      fc.property(typing, ({ text, cursor }) => {
        const analysed = new BlueprintStore().get(textDocument(text))!;
        for (const item of completions(analysed, analysed.document.positionAt(cursor), values)) {
          const { after, insertedFrom, insertedTo } = accept(text, item);
          accepted++;
          const document = textDocument(after);
          const inserted = computeDiagnostics(new BlueprintStore().get(document)!, settings()).filter(
            (d) => document.offsetAt(d.range.start) >= insertedFrom && document.offsetAt(d.range.end) <= insertedTo,
          );
          // Where the author typed the heading is theirs to choose: a section typed out of template order says so.
          const unexpected = inserted.filter((d) => d.code !== 'placeholder' && d.code !== 'section-order');
          assert.deepEqual(
            unexpected.map((d) => `${String(d.code)}: ${messageOf(d)}`),
            [],
            `after accepting '${item.label}'`,
          );
        }
      }),
      parameters,
    );
    assert.ok(accepted >= parameters.numRuns * 0.3, `only ${accepted} completions accepted`);
  },
);

test('the whole-template completion of an empty blueprint file is valid snippet syntax and leaves only placeholders', () => {
  const analysed = new BlueprintStore().get(textDocument('', 'file:///work/payments.blueprint.md'))!;
  const items = completions(analysed, { line: 0, character: 0 }, values);
  assert.equal(items.length, 1);
  for (const item of items) {
    const { after } = accept('', item);
    const diagnostics = computeDiagnostics(new BlueprintStore().get(textDocument(after))!, settings());
    assert.deepEqual(
      diagnostics.filter((d) => d.code !== 'placeholder').map((d) => messageOf(d)),
      [],
    );
    assert.ok(after.startsWith(templateText.split('\n')[0]!.split(':')[0]!));
  }
});
