import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseError, type Location, type WorkspaceEdit } from 'vscode-languageserver';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { definition, documentHighlights, prepareRename, references, rename } from '../../server/src/features/navigation';
import { withCursor } from '../support/cursor';
import { analyse, fixture, settings } from '../support/documents';
import { applyMinimal } from '../support/edits';

const ledger = fixture('fulfilment-ledger.md');

/** The analysed fixture with the cursor at the `$0` put in place of the n-th (0-based) occurrence of `marked`. */
function at(marked: string, occurrence = 0, text = ledger) {
  const plain = marked.replace('$0', '');
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(plain, index + 1);
  assert.ok(index >= 0, `no ${plain} in the fixture`);
  const { text: withoutMarker, offset } = withCursor(text.slice(0, index) + marked + text.slice(index + plain.length));
  const analysed = analyse(withoutMarker);
  return { analysed, position: analysed.document.positionAt(offset) };
}

/** Each location as the text it covers and its line's start, for readable expectations. */
function described(analysed: ReturnType<typeof at>['analysed'], locations: Location[]): string[] {
  const lines = analysed.document.getText().split('\n');
  return locations.map((l) => `${analysed.document.getText(l.range)} @ ${lines[l.range.start.line]!.trim()}`);
}

test('go to definition from a relationship end, a field type and an extends clause', () => {
  const fromRelationship = at('- **Payment** -> **settles** -> **Or$0der**');
  assert.deepEqual(described(fromRelationship.analysed, definition(fromRelationship.analysed, fromRelationship.position)), [
    'Order @ interface Order {',
  ]);
  const fromField = at('  unitPrice: Mo$0ney;');
  const moneyDefinition = definition(fromField.analysed, fromField.position);
  assert.deepEqual(described(fromField.analysed, moneyDefinition), ['Money @ type Money = {']);
  assert.equal(moneyDefinition[0]!.uri, 'file:///work/order-ledger.md');
  const fromExtends = at('extends $0Tracked');
  assert.deepEqual(described(fromExtends.analysed, definition(fromExtends.analysed, fromExtends.position)), [
    'Tracked @ interface Tracked {',
  ]);
});

test('no definition on prose, a verb, a built-in type or a field name', () => {
  for (const [marked, n] of [
    ['**Initial State**: empty $0ledger', 0],
    ['**pla$0ces**', 0],
    ['Map<st$0ring', 0],
    ['  car$0rier: string;', 0],
    ['  orders: M$0ap<', 0],
  ] as const) {
    const { analysed, position } = at(marked, n);
    assert.deepEqual(definition(analysed, position), [], marked);
  }
});

const orderOccurrences = [
  'Order @ interface Order {',
  'Order @ order: Order;',
  'Order @ - **Customer** → **places** → **Order**',
  'Order @ - **Order** → **contains** → **OrderLine**',
  'Order @ - **Payment** -> **settles** -> **Order**',
  'Order @ - **Order** → **ships as** → **Shipment** 🚚 (one per order)',
  'Order @ orders: Map<string, Order>;',
  'Order @ pending: Order[];',
];

test('find all references of a structure, with and without its declaration', () => {
  const { analysed, position } = at('interface Or$0der {');
  assert.deepEqual(described(analysed, references(analysed, position, true)), orderOccurrences);
  assert.deepEqual(described(analysed, references(analysed, position, false)), orderOccurrences.slice(1));
  const fromBullet = at('**Customer** → **places** → **$0Order**');
  assert.deepEqual(described(fromBullet.analysed, references(fromBullet.analysed, fromBullet.position, true)), orderOccurrences);
});

test('document highlights: the declaration written, every use read', () => {
  const { analysed, position } = at('lastPayment?: Pay$0ment;');
  const highlights = documentHighlights(analysed, position);
  const lines = analysed.document.getText().split('\n');
  assert.deepEqual(
    highlights.map((h) => [lines[h.range.start.line]!.trim(), h.kind]),
    [
      ['payments: Array<Payment>;', 2],
      ['interface Payment {', 3],
      ['- **Payment** -> **settles** -> **Order**', 2],
      ['lastPayment?: Payment;', 2],
    ],
  );
});

test('rename a structure across its declaration, field types and relationships', () => {
  const { analysed, position } = at('- **Customer** → **places** → **Or$0der**');
  const line = analysed.document.getText().split('\n').indexOf('- **Customer** → **places** → **Order**');
  assert.deepEqual(prepareRename(analysed, position), {
    range: { start: { line, character: 32 }, end: { line, character: 37 } },
    placeholder: 'Order',
  });
  const edit = rename(analysed, position, 'PurchaseOrder') as WorkspaceEdit;
  const changes = edit.changes!['file:///work/order-ledger.md']!;
  assert.equal(changes.length, orderOccurrences.length);
  const after = applyMinimal(analysed.document.getText(), changes);
  assert.equal(
    after,
    ledger
      .replace('interface Order {', 'interface PurchaseOrder {')
      .replace('  order: Order;', '  order: PurchaseOrder;')
      .replace('**places** → **Order**', '**places** → **PurchaseOrder**')
      .replace('- **Order** → **contains**', '- **PurchaseOrder** → **contains**')
      .replace('**settles** -> **Order**', '**settles** -> **PurchaseOrder**')
      .replace('- **Order** → **ships as**', '- **PurchaseOrder** → **ships as**')
      .replace('Map<string, Order>', 'Map<string, PurchaseOrder>')
      .replace('pending: Order[]', 'pending: PurchaseOrder[]'),
  );
  assert.ok(after.includes('  lines: OrderLine[];'), 'OrderLine is another name');
  assert.deepEqual(computeDiagnostics(analyse(after), settings()), []);
});

test('rename refuses what is not a structure, names that are not identifiers, and names already taken', () => {
  const prose = at('**Initial State**: empty $0ledger');
  assert.ok(prepareRename(prose.analysed, prose.position) instanceof ResponseError);
  const { analysed, position } = at('interface Or$0der {');
  const invalid = rename(analysed, position, 'Purchase Order');
  assert.ok(invalid instanceof ResponseError);
  assert.match(invalid.message, /'Purchase Order' is not a valid structure name/);
  const taken = rename(analysed, position, 'Customer');
  assert.ok(taken instanceof ResponseError);
  assert.match(taken.message, /already declares a structure named 'Customer'/);
});

test('navigation in a CRLF blueprint with emoji and CJK before the name', () => {
  const text = ledger
    .replace(
      '- **Order** → **ships as** → **Shipment** 🚚 (one per order)',
      '- **注文 📦** → **ships as** → **Shipment**\n- **Order** → **ships as** → **Shipment** 🚚 (one per order)',
    )
    .replace(/\n/g, '\r\n');
  const { analysed, position } = at('interface Ship$0ment extends', 0, text);
  const lines = analysed.document.getText().split('\r\n');
  const found = references(analysed, position, true);
  assert.deepEqual(
    found.map((l) => lines[l.range.start.line]!.slice(l.range.start.character, l.range.end.character)),
    ['Shipment', 'Shipment', 'Shipment', 'Shipment'],
  );
  const edit = rename(analysed, position, 'Parcel') as WorkspaceEdit;
  const after = applyMinimal(analysed.document.getText(), edit.changes!['file:///work/order-ledger.md']!);
  assert.ok(after.includes('- **注文 📦** → **ships as** → **Parcel**\r\n- **Order** → **ships as** → **Parcel** 🚚'));
  assert.equal(after.split('Parcel').length - 1, 4);
});
