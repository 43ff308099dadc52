import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { completions } from '../../server/src/features/completion';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { footerValues, type FooterValues } from '../../server/src/template/footer-values';
import { withCursor } from '../support/cursor';
import { analyse, applyEdits, fixture, settings, writtenTemplateText } from '../support/documents';
import { expandSnippet, tabStops } from '../support/snippets';

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };
const ledger = fixture('fulfilment-ledger.md');

function complete(marked: string, options: { uri?: string; values?: FooterValues } = {}) {
  const { text, offset } = withCursor(marked);
  const analysed = analyse(text, options.uri);
  const items = completions(analysed, analysed.document.positionAt(offset), options.values ?? values);
  return { items, labels: items.map((i) => i.label), text, document: analysed.document };
}

/** The document after accepting an item, each tab stop left at its default. */
function accept(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  return applyEdits(text, [{ range: edit.range, newText: item.insertTextFormat === 2 ? expandSnippet(edit.newText) : edit.newText }]);
}

/** The text between two markers of the template, e.g. a whole section. */
function without(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  return text.slice(0, start) + text.slice(text.indexOf(to, start));
}

const lacksDataFlowAndScaling = without(without(ledger, '## Data Flow', '## State Management'), '## Scaling Paths', '## Monitoring Points');

test('at a ## line: the missing sections in template order, present ones not offered', () => {
  const { labels, items } = complete(lacksDataFlowAndScaling.replace('## State Management', '## $0\n\n## State Management'));
  assert.deepEqual(labels, ['Data Flow', 'Scaling Paths']);
  assert.deepEqual(
    items.map((i) => i.sortText),
    ['002', '007'],
  );
  assert.deepEqual(
    items.map((i) => i.filterText),
    ['## Data Flow', '## Scaling Paths'],
  );
  assert.equal(items[0]!.detail, 'Data Blueprint section');
});

test('a section item inserts the template skeleton with its placeholders as tab stops', () => {
  const marked = lacksDataFlowAndScaling.replace('## State Management', '## Da$0\n\n## State Management');
  const { items, text, document } = complete(marked);
  const edit = items[0]!.textEdit as TextEdit;
  assert.equal(document.getText(edit.range), '## Da');
  assert.ok(
    edit.newText.startsWith(
      '## Data Flow\n\n**How data moves through the system.**\n\n### Input Sources\n\n- **${1:[Source 1]}**: ${2:[What data comes from here]}\n',
    ),
  );
  assert.ok(edit.newText.endsWith('- **${13:[Destination 2]}**: ${14:[What data goes here]}\n\n---'));
  assert.deepEqual(
    tabStops(edit.newText).map(([n]) => n),
    Array.from({ length: 14 }, (_, i) => i + 1),
  );
  const after = accept(text, items[0]!);
  const codes = computeDiagnostics(analyse(after), settings()).map((d) => [d.code, d.data?.section]);
  assert.ok(
    codes.every(([code, section]) => code === 'placeholder' || section === 'Scaling Paths'),
    JSON.stringify(codes),
  );
  assert.equal(codes.filter(([code]) => code === 'placeholder').length, 14);
  assert.ok(after.includes('---\n\n## State Management'));
});

test('a # line offers the sections too; the heading being typed does not count as present', () => {
  assert.deepEqual(complete(lacksDataFlowAndScaling.replace('## State Management', '#$0\n\n## State Management')).labels, [
    'Data Flow',
    'Scaling Paths',
  ]);
  const typedInFull = complete(lacksDataFlowAndScaling.replace('## State Management', '## Data Flow$0\n\n## State Management'));
  assert.deepEqual(typedInFull.labels, ['Data Flow', 'Scaling Paths']);
});

test('no section items where # is not a heading: in a code block, in prose, on the title line', () => {
  assert.deepEqual(complete(ledger.replace('interface Tracked {', '## $0\ninterface Tracked {')).labels, []);
  assert.deepEqual(complete(ledger.replace('interface Tracked {', '#$0\ninterface Tracked {')).labels, []);
  assert.deepEqual(complete(ledger.replace('One primary database', 'One ## $0primary database')).labels, []);
  assert.deepEqual(complete(ledger.replace('# Data Blueprint', '#$0 Data Blueprint')).labels, []);
  assert.deepEqual(complete(ledger.replace('## State Management', '## $0\n\n## State Management')).labels, []);
});

test('at ### inside a section: its missing subsections only', () => {
  const marked = without(ledger, '### Processing Steps', '### Output Destinations').replace(
    '### Output Destinations',
    '### $0\n\n### Output Destinations',
  );
  const { items, labels, text } = complete(marked);
  assert.deepEqual(labels, ['Processing Steps']);
  const newText = (items[0]!.textEdit as TextEdit).newText;
  assert.equal(
    newText,
    '### Processing Steps\n\n1. **${1:[Step 1]}**: ${2:[What happens]}\n2. **${3:[Step 2]}**: ${4:[What happens]}\n3. **${5:[Step 3]}**: ${6:[What happens]}',
    'the blank line after the inserted text is already there',
  );
  const after = accept(text, items[0]!);
  assert.ok(
    after.includes(
      '### Processing Steps\n\n1. **[Step 1]**: [What happens]\n2. **[Step 2]**: [What happens]\n3. **[Step 3]**: [What happens]\n\n### Output Destinations',
    ),
  );
  assert.deepEqual(
    computeDiagnostics(analyse(after), settings()).map((d) => d.code),
    Array(6).fill('placeholder'),
  );
});

test('no subsection items in a section the template does not have, nor when none is missing', () => {
  assert.deepEqual(complete(ledger.replace('## Monitoring Points', '## Glossary\n\n### $0\n\n## Monitoring Points')).labels, []);
  assert.deepEqual(complete(ledger.replace('### Output Destinations', '### $0\n\n### Output Destinations')).labels, []);
});

test('after **Blueprint Status**: the template values; inside its placeholder every value stays listed', () => {
  const empty = complete(ledger.replace('**Blueprint Status**: Review', '**Blueprint Status**: $0'));
  assert.deepEqual(empty.labels, ['Draft', 'Review', 'Approved']);
  const inPlaceholder = complete(ledger.replace('**Blueprint Status**: Review', '**Blueprint Status**: [Dr$0aft/Review/Approved]'));
  assert.deepEqual(inPlaceholder.labels, ['Draft', 'Review', 'Approved']);
  assert.deepEqual(
    inPlaceholder.items.map((i) => i.filterText),
    ['[DrDraft', '[DrReview', '[DrApproved'],
  );
  const edit = inPlaceholder.items[2]!.textEdit as TextEdit;
  assert.equal(inPlaceholder.document.getText(edit.range), '[Draft/Review/Approved]');
  assert.ok(
    accept(inPlaceholder.text, inPlaceholder.items[2]!).endsWith(
      '**Blueprint Status**: Approved\n**Last Updated**: 2026-11-20\n**Author**: Ada Lovelace\n',
    ),
  );
  const noSpace = complete(ledger.replace('**Blueprint Status**: Review', '**Blueprint Status**:$0'));
  assert.equal((noSpace.items[0]!.textEdit as TextEdit).newText, ' Draft');
});

test('after **Last Updated**: today; after **Author**: the setting, else the system user, else nothing', () => {
  assert.deepEqual(complete(ledger.replace('**Last Updated**: 2026-11-20', '**Last Updated**: $0')).labels, ['2026-11-25']);
  const author = ledger.replace('**Author**: Ada Lovelace', '**Author**: $0');
  assert.deepEqual(complete(author).labels, ['Ada Lovelace']);
  assert.deepEqual(complete(author, { values: { date: '2026-11-25', author: undefined } }).labels, []);
  assert.deepEqual(complete(ledger.replace('**Author**: Ada Lovelace', '**Au$0thor**: Ada Lovelace')).labels, []);
});

test('footer values: blueprint.author first, then the operating system user, and today as YYYY-MM-DD', () => {
  const now = new Date(2026, 10, 5);
  assert.deepEqual(
    footerValues(settings({ author: 'Grace Hopper' }), now, () => 'grace'),
    { date: '2026-11-05', author: 'Grace Hopper' },
  );
  assert.deepEqual(
    footerValues(settings(), now, () => 'grace'),
    { date: '2026-11-05', author: 'grace' },
  );
  assert.deepEqual(
    footerValues(settings(), now, () => undefined),
    { date: '2026-11-05', author: undefined },
  );
});

const structureNames = ['Order', 'OrderLine', 'Customer', 'Payment', 'Shipment', 'Tracked', 'Money', 'LedgerState'];

test('in a relationship bullet: the declared structures, at either end but not at the verb', () => {
  const to = complete(ledger.replace('- **Order** → **contains** → **OrderLine**', '- **Order** → **contains** → **Ord$0**'));
  assert.deepEqual(to.labels, structureNames);
  const edit = to.items[1]!.textEdit as TextEdit;
  assert.equal(to.document.getText(edit.range), 'Ord');
  assert.equal(to.items[0]!.detail, 'interface Order');
  assert.equal(to.items[6]!.detail, 'type Money');
  assert.deepEqual(complete(ledger.replace('- **Customer** → **places**', '- **$0Customer** → **places**')).labels, structureNames);
  assert.deepEqual(complete(ledger.replace('- **Order** → **contains** → **OrderLine**', '- **Order** → **$0')).labels, []);
  assert.deepEqual(
    complete(ledger.replace('- **Customer** → **places** → **Order**', '- **Customer** -> **places** -> **$0')).labels,
    structureNames,
  );
});

test('a new bullet starts a relationship only where the template has relationships', () => {
  assert.deepEqual(
    complete(ledger.replace('- **Customer** → **places** → **Order**', '- **$0\n- **Customer** → **places** → **Order**')).labels,
    structureNames,
  );
  assert.deepEqual(complete(ledger.replace('- **Checkout service**', '- **$0\n- **Checkout service**')).labels, []);
  assert.deepEqual(complete(ledger.replace('- **Append latency**', '- **App$0\n- **Append latency**')).labels, []);
});

test('at a field type in a typescript block: the declared structures, even while the declaration does not parse yet', () => {
  // Shipment, whose declaration is being typed, stays declared: its name is read from its first line.
  assert.deepEqual(complete(ledger.replace('  carrier: string;', '  carrier: string;\n  returnedTo: $0')).labels, structureNames);
  assert.deepEqual(complete(ledger.replace('  unitPrice: Money;', '  unitPrice: Mo$0ney;')).labels, structureNames);
  const generic = complete(ledger.replace('  orders: Map<string, Order>;', '  orders: Map<string, $0'));
  assert.deepEqual(generic.labels, structureNames);
  assert.deepEqual(
    complete(ledger.replace('interface Shipment extends Tracked', 'interface Shipment extends $0Tracked')).labels,
    structureNames,
  );
});

test('no structure items outside typescript blocks, in comments, or at a field name', () => {
  assert.deepEqual(complete(ledger.replace('One primary database', 'Capacity: $0One primary database')).labels, []);
  assert.deepEqual(complete(ledger.replace('  // 数量 is always positive 📦', '  // note: $0')).labels, []);
  assert.deepEqual(complete(ledger.replace('  carrier: string;', '  carr$0ier: string;')).labels, []);
});

test('on the first line of an empty blueprint file: the whole template, status Draft, date and author filled', () => {
  const { items, text } = complete('$0', { uri: 'file:///work/payments.blueprint.md' });
  assert.deepEqual(
    items.map((i) => i.label),
    ['Data Blueprint'],
  );
  const after = accept(text, items[0]!);
  // A new blueprint is a Draft, and its footer renders one field per line.
  assert.equal(
    after,
    writtenTemplateText
      .replace(/\s*$/, '\n')
      .replace(
        '**Blueprint Status**: [Draft/Review/Approved]\n**Last Updated**: [Date]\n**Author**: [Name]',
        '**Blueprint Status**: Draft\\\n**Last Updated**: 2026-11-25\\\n**Author**: Ada Lovelace',
      ),
  );
  const snippet = (items[0]!.textEdit as TextEdit).newText;
  assert.equal(tabStops(snippet)[0]![1], '[Data System Name]');
  assert.deepEqual(complete('# Data$0', { uri: 'file:///work/payments.blueprint.md' }).labels, ['Data Blueprint']);
  assert.deepEqual(complete('$0\n\nSome notes.\n', { uri: 'file:///work/payments.blueprint.md' }).labels, []);
});

test('CRLF documents get CRLF snippets and exact ranges', () => {
  const crlf = lacksDataFlowAndScaling.replace('## State Management', '## $0\n## State Management').replace(/\n/g, '\r\n');
  const { items, document, text } = complete(crlf);
  const edit = items[0]!.textEdit as TextEdit;
  assert.equal(document.getText(edit.range), '## ');
  assert.ok(edit.newText.startsWith('## Data Flow\r\n\r\n**How data moves through the system.**\r\n'));
  assert.ok(!/[^\r]\n/.test(edit.newText));
  assert.ok(edit.newText.endsWith('---\r\n'), 'a blank line before the next heading');
  assert.ok(accept(text, items[0]!).includes('---\r\n\r\n## State Management'));
});

test('ranges count UTF-16 code units after emoji and CJK text', () => {
  const { items, document } = complete(
    ledger.replace('- **Payment** -> **settles** -> **Order**', '- **Payment** -> **精算する 💳** -> **Or$0der**'),
  );
  const edit = items[0]!.textEdit as TextEdit;
  assert.equal(document.getText(edit.range), 'Order');
  const line = document.getText().split('\n')[edit.range.start.line]!;
  assert.equal(edit.range.start.character, line.indexOf('Order'));
});

test('a client without snippet support gets the template text itself, placeholders in brackets', () => {
  const { text, offset } = withCursor(lacksDataFlowAndScaling.replace('## State Management', '## $0\n\n## State Management'));
  const analysed = analyse(text);
  const items = completions(analysed, analysed.document.positionAt(offset), values, false);
  assert.equal(items[0]!.insertTextFormat, 1);
  const newText = (items[0]!.textEdit as TextEdit).newText;
  assert.equal(
    newText,
    writtenTemplateText
      .slice(writtenTemplateText.indexOf('## Data Flow'), writtenTemplateText.indexOf('## State Management'))
      .replace(/\s+$/, ''),
  );
  const whole = completions(analyse('', 'file:///work/new.blueprint.md'), { line: 0, character: 0 }, values, false);
  assert.ok((whole[0]!.textEdit as TextEdit).newText.startsWith('# Data Blueprint: [Data System Name]\n\n## Purpose\n'));
});

test('a byte order mark stays in place and offsets after it stay exact', () => {
  const { items, text } = complete('\uFEFF$0', { uri: 'file:///work/bom.blueprint.md' });
  assert.ok(accept(text, items[0]!).startsWith('\uFEFF# Data Blueprint: [Data System Name]\n'));
  const withBom = complete('\uFEFF' + lacksDataFlowAndScaling.replace('## State Management', '## $0\n\n## State Management'));
  assert.deepEqual(withBom.labels, ['Data Flow', 'Scaling Paths']);
  assert.equal(withBom.document.getText((withBom.items[0]!.textEdit as TextEdit).range), '## ');
});
