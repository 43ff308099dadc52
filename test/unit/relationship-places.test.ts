import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, Location, WorkspaceEdit } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../../server/src/documents/analysed-document';
import { completions } from '../../server/src/features/completion';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { references, rename } from '../../server/src/features/navigation';
import { templateRelationships } from '../../server/src/features/template-places';
import { withCursor, withCursors } from '../support/cursor';
import { analyse, applyEdits, fixture, settings, textDocument } from '../support/documents';

// Bold-arrow bullets are relationships only where the template has relationship bullets (Data
// Relationships, in the Data Blueprint); the fixtures name no section in code, the template does.
const teamWritten = fixture('payments-ledger.md');
const filled = fixture('order-ledger.md');

const statePipeline =
  '### State Transitions\n\n- **live** → **freeze()** → **frozen**\n- **frozen** -> **thaw()** -> **live**\n- **Order** → **archived by** → **Archiver**\n\n';
const withProse = filled
  .replace('### State Transitions\n\n', statePipeline)
  .replace(
    '### Output Destinations',
    'The pipeline, end to end:\n\n- **checkout** → **emits** → **order.recorded**\n- **Order** -> **feeds** -> **warehouse**\n\n### Output Destinations',
  );

function named(analysed: AnalysedBlueprint, locations: Location[]): string[] {
  return locations.map((l) => `${analysed.document.getText(l.range)}@${l.range.start.line + 1}`);
}

test('only bullets where the template has relationships are relationships; the model still lists every bold-arrow bullet', () => {
  const analysed = analyse(withProse);
  assert.equal(analysed.model.relationships.length, 7);
  assert.deepEqual(
    templateRelationships(analysed).map((r) => `${r.from.text} ${r.verb.text} ${r.to.text}`),
    ['Order contains OrderLine', 'Customer places Order'],
  );
});

test('bold-arrow prose under State Transitions and Data Flow gets no unknown-structure', () => {
  assert.deepEqual(computeDiagnostics(analyse(withProse), settings()), []);
  assert.deepEqual(computeDiagnostics(analyse(teamWritten), settings()), []);
});

test('a relationship under Data Relationships still has to name declared structures', () => {
  const { text, offsets } = withCursors(
    withProse.replace('- **Customer** -> **places** -> **Order**', '- **Customer** -> **places** -> **$0Invoice$1**'),
  );
  const document = textDocument(text);
  assert.deepEqual(
    computeDiagnostics(analyse(text), settings()).map((d) => [d.code, d.range]),
    [['unknown-structure', { start: document.positionAt(offsets[0]!), end: document.positionAt(offsets[1]!) }]],
  );
});

test('references and rename of a structure leave bold-arrow prose alone', () => {
  const { text, offset } = withCursor(withProse.replace('interface Order {', 'interface Or$0der {'));
  const analysed = analyse(text);
  const position = analysed.document.positionAt(offset);
  const lineOf = (fragment: string) => text.slice(0, text.indexOf(fragment)).split('\n').length;
  // The declaration, the relationships under Data Relationships and the field types: not the bullets under State Transitions or Data Flow.
  assert.deepEqual(named(analysed, references(analysed, position, true)), [
    `Order@${lineOf('interface Order {')}`,
    `Order@${lineOf('- **Order** → **contains**')}`,
    `Order@${lineOf('- **Customer** -> **places** -> **Order**')}`,
    `Order@${lineOf('orders: Map<string, Order>')}`,
    `Order@${lineOf('pending: Order[]')}`,
  ]);
  const edit = rename(analysed, position, 'Purchase') as WorkspaceEdit;
  const expected = text
    .replace('interface Order {', 'interface Purchase {')
    .replace('- **Order** → **contains**', '- **Purchase** → **contains**')
    .replace('- **Customer** -> **places** -> **Order**', '- **Customer** -> **places** -> **Purchase**')
    .replace('orders: Map<string, Order>', 'orders: Map<string, Purchase>')
    .replace('pending: Order[]', 'pending: Purchase[]');
  assert.equal(applyEdits(text, edit.changes![analysed.document.uri]!), expected);
});

test('completion offers structures at relationship ends only where the template has relationships', () => {
  const complete = (marked: string): string[] => {
    const { text, offset } = withCursor(marked);
    const analysed = analyse(text);
    return completions(analysed, analysed.document.positionAt(offset), { date: '2026-11-25', author: 'Ada' }).map(
      (i: CompletionItem) => i.label,
    );
  };
  assert.deepEqual(complete(withProse.replace('- **frozen** -> **thaw()** -> **live**', '- **frozen** -> **thaw()** -> **li$0ve**')), []);
  assert.deepEqual(complete(withProse.replace('- **live** → **freeze()**', '- **li$0ve** → **freeze()**')), []);
  assert.deepEqual(
    complete(withProse.replace('- **Customer** -> **places** -> **Order**', '- **Customer** -> **places** -> **Or$0der**')),
    ['Order', 'OrderLine', 'Customer', 'LedgerState'],
  );
});
