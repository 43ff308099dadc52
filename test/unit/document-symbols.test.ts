import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import { documentSymbols } from '../../server/src/features/document-symbols';
import { withCursors } from '../support/cursor';
import { analyse, fixture, textDocument } from '../support/documents';

function inside(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function walk(symbols: DocumentSymbol[], visit: (s: DocumentSymbol, parent?: DocumentSymbol) => void, parent?: DocumentSymbol): void {
  for (const s of symbols) {
    visit(s, parent);
    walk(s.children ?? [], visit, s);
  }
}

test('the outline is title, sections, subsections, structures and their fields', () => {
  const symbols = documentSymbols(analyse(fixture('order-ledger.md')));
  assert.equal(symbols.length, 1);
  const [title] = symbols;
  assert.deepEqual([title!.name, title!.kind], ['Data Blueprint: Order Ledger', SymbolKind.File]);
  assert.equal(title!.children!.length, 9);
  const dataModel = title!.children![1]!;
  assert.deepEqual([dataModel.name, dataModel.kind], ['Data Model', SymbolKind.Module]);
  const related = dataModel.children![1]!;
  assert.deepEqual([related.name, related.kind], ['Related Data Structures', SymbolKind.Namespace]);
  assert.deepEqual(
    related.children!.map((s) => [s.name, s.kind, s.children!.map((f) => [f.name, f.kind])]),
    [
      [
        'OrderLine',
        SymbolKind.Interface,
        [
          ['sku', SymbolKind.Field],
          ['quantity', SymbolKind.Field],
          ['attributes', SymbolKind.Field],
        ],
      ],
      [
        'Customer',
        SymbolKind.Struct,
        [
          ['id', SymbolKind.Field],
          ['email', SymbolKind.Field],
        ],
      ],
    ],
  );
});

test('every selectionRange lies inside its range and every child inside its parent', () => {
  walk(documentSymbols(analyse(fixture('order-ledger.md'))), (s, parent) => {
    assert.ok(inside(s.selectionRange, s.range), s.name);
    if (parent) assert.ok(inside(s.range, parent.range), `${s.name} in ${parent.name}`);
  });
});

test('symbol ranges are exact, also after CRLF, emoji and CJK', () => {
  const marked =
    '\uFEFF$0# $1Data Blueprint: 台帳 🧾$2\r\n\r\n$3## $4Data Model$5\r\n\r\n$6### $7Core Data Structures$8\r\n\r\n```typescript\r\n$9interface Ledger { id: string }\r\n```';
  const { text, offsets } = withCursors(marked + '\r\n');
  const doc = textDocument(text);
  const at = (i: number) => doc.positionAt(offsets[i]!);
  const [title] = documentSymbols(analyse(text));
  assert.deepEqual(title!.selectionRange, { start: at(1), end: at(2) });
  assert.deepEqual(title!.range.start, at(0));
  const section = title!.children![0]!;
  assert.deepEqual(section.selectionRange, { start: at(4), end: at(5) });
  assert.deepEqual(section.range.start, at(3));
  const sub = section.children![0]!;
  assert.deepEqual(sub.selectionRange, { start: at(7), end: at(8) });
  assert.deepEqual(sub.range.start, at(6));
  assert.deepEqual(sub.children![0]!.range.start, at(9));
  assert.equal(doc.getText(sub.children![0]!.selectionRange), 'Ledger');
});

test('fields are leaves without a children list, which keeps a long outline small on the wire', () => {
  const [title] = documentSymbols(analyse(fixture('order-ledger.md')));
  const sku = title!.children![1]!.children![1]!.children![0]!.children![0]!;
  assert.equal(sku.name, 'sku');
  assert.equal('children' in sku, false);
});

test('for a client that lists headings itself, the outline is the structures and their fields, nothing else', () => {
  const analysed = analyse(fixture('order-ledger.md'));
  const symbols = documentSymbols(analysed, 'structures');
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind, s.children?.map((f) => f.name)]),
    [
      ['Order', SymbolKind.Interface, ['id', 'customerId', 'lines', 'totals', 'status']],
      ['OrderLine', SymbolKind.Interface, ['sku', 'quantity', 'attributes']],
      ['Customer', SymbolKind.Struct, ['id', 'email']],
      ['LedgerState', SymbolKind.Interface, ['orders', 'pending']],
    ],
  );
  // The same symbols as in the full outline, ranges included: only the headings around them are left out.
  const full: DocumentSymbol[] = [];
  walk(documentSymbols(analysed), (s) => {
    if (s.kind === SymbolKind.Interface || s.kind === SymbolKind.Struct) full.push(s);
  });
  assert.deepEqual(symbols, full);
});
