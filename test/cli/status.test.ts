import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folderWith, runCli } from '../support/cli-runner';
import { fixture } from '../support/documents';

const orders = fixture('order-ledger.md');
const draft = orders
  .replace('# Data Blueprint: Order Ledger', '# Data Blueprint: Invoice Ledger')
  .replace('**Blueprint Status**: Review', '**Blueprint Status**: Draft')
  .replace('The order ledger records', 'The [Ledger name] records')
  .replace('interface Order {', 'interface Invoice {')
  .replace('- **Order** → **contains** → **OrderLine**', '- **Invoice** → **bills** → **Order**')
  .replace('interface OrderLine {', 'interface InvoiceLine {')
  .replace('type Customer = {', 'type Payer = {');
const unfilled = orders
  .replace('# Data Blueprint: Order Ledger', '# Data Blueprint: Stock Levels')
  .replace('**Blueprint Status**: Review', '**Blueprint Status**: [Draft/Review/Approved]')
  .replace('interface Order {', 'interface StockItem {')
  .replace('interface OrderLine {', 'interface Bin {')
  .replace('type Customer = {', 'type Supplier = {')
  .replace('- **Order** → **contains** → **OrderLine**', '- **StockItem** → **ships in** → **Parcel**')
  .replace('- **Customer** -> **places** -> **Order**', '- **Supplier** -> **restocks** -> **StockItem**');

/** A repository with three blueprints that refer to each other, and a Markdown file that is not one. */
function repository(): string {
  return folderWith({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'docs/orders.blueprint.md': orders,
    'docs/billing/invoices.blueprint.md': draft,
    'stock.md': unfilled,
    'README.md': '# Team docs\n\nSee docs/.\n',
  });
}

test('blueprint status prints a table of every blueprint: file, kind, status, sections, placeholders, errors and warnings', () => {
  const run = runCli(['status'], repository());
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  // Invoices resolve Order in the order ledger; stock's Parcel is declared nowhere (a warning), and its status is still the placeholder.
  assert.equal(
    run.stdout,
    [
      'file                                kind            status    sections  placeholders  errors  warnings',
      'docs/billing/invoices.blueprint.md  Data Blueprint  Draft          9/9             1       0         0',
      'docs/orders.blueprint.md            Data Blueprint  Review         9/9             0       0         0',
      'stock.md                            Data Blueprint  unfilled       9/9             1       0         1',
      '',
    ].join('\n'),
  );
});

test('blueprint status --format markdown writes a table for a README or a pull-request comment, one line per status first', () => {
  const run = runCli(['status', '--format', 'markdown', 'docs'], repository());
  assert.equal(run.status, 0);
  assert.equal(
    run.stdout,
    [
      '**2 blueprints**: 1 Draft, 1 Review',
      '',
      '| file | kind | status | sections | placeholders | errors | warnings |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: |',
      '| docs/billing/invoices.blueprint.md | Data Blueprint | Draft | 9/9 | 1 | 0 | 0 |',
      '| docs/orders.blueprint.md | Data Blueprint | Review | 9/9 | 0 | 0 | 0 |',
      '',
    ].join('\n'),
  );
});

test('blueprint status --format json gives the status values in order and each blueprint as the Blueprints view receives it', () => {
  const root = repository();
  const run = runCli(['status', '--format', 'json', 'stock.md'], root);
  assert.equal(run.status, 0);
  const json = JSON.parse(run.stdout);
  assert.deepEqual(json.statuses, ['Draft', 'Review', 'Approved']);
  assert.deepEqual(
    json.blueprints.map((b: { path: string; status: string | null; warnings: number }) => [b.path, b.status, b.warnings]),
    [['stock.md', null, 1]],
  );
  assert.match(json.blueprints[0].uri, /^file:\/\/.*\/stock\.md$/);
  assert.deepEqual(
    json.blueprints[0].firstPlaceholder.start.line,
    unfilled.split('\n').findIndex((l) => l.includes('[Draft/Review/Approved]')),
  );
});

test('blueprint status refuses an unknown format and stdin (exit 2)', () => {
  const root = repository();
  const bad = runCli(['status', '--format', 'sarif'], root);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--format must be one of table, json, markdown, not 'sarif'/);
  assert.equal(runCli(['status', '-'], root).status, 2);
});
