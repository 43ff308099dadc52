import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folderWith, runCli } from '../support/cli-runner';
import { fixture } from '../support/documents';

// `blueprint diagram FILE [--kind data-model|state] [--format mermaid|svg]`, as a process.

const ledger = fixture('order-ledger.md');

test('prints the data model as Mermaid text, as Insert data model diagram writes it', () => {
  const root = folderWith({ 'ledger.blueprint.md': ledger });
  const run = runCli(['diagram', 'ledger.blueprint.md'], root);
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  assert.ok(run.stdout.startsWith('classDiagram\n  class Order {\n    id : string\n'), run.stdout);
  assert.ok(run.stdout.endsWith('  Order ..> OrderLine : contains\n  Customer ..> Order : places\n'), run.stdout);
});

test('--kind state prints the state diagram', () => {
  const root = folderWith({ 'ledger.blueprint.md': ledger });
  const run = runCli(['diagram', 'ledger.blueprint.md', '--kind', 'state'], root);
  assert.equal(
    run.stdout,
    'stateDiagram-v2\n  state "empty ledger" as S0\n  [*] --> S0\n  S0 --> open : order placed\n  open --> paid : payment confirmed\n',
  );
  assert.equal(run.status, 0);
});

test('--format svg prints an SVG drawn by Mermaid, with a box per structure and the text decoded', () => {
  const root = folderWith({ 'ledger.blueprint.md': ledger });
  const run = runCli(['diagram', 'ledger.blueprint.md', '--format', 'svg'], root);
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  assert.ok(run.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg '), run.stdout.slice(0, 200));
  assert.match(run.stdout, /aria-roledescription="classDiagram"/);
  const nodes = [...run.stdout.matchAll(/id="[^"]*-classId-([A-Za-z]+)-\d+"/g)].map((m) => m[1]);
  assert.deepEqual(nodes, ['Order', 'OrderLine', 'Customer', 'LedgerState']);
  // Mermaid writes each word in its own tspan.
  assert.ok(
    run.stdout.includes('> Map&#60;string,</tspan>') && run.stdout.includes('> Order&#62;</tspan>'),
    'entity codes are character references, drawn as < and >',
  );
  assert.doesNotMatch(run.stdout, /https?:\/\/(?!www\.w3\.org)/, 'nothing fetched when the SVG is opened');
});

test('bad usage, a missing file and a document that is not a blueprint: exit code 2, said on stderr', () => {
  const root = folderWith({ 'notes.md': '# Notes\n\nNothing here.\n', 'ledger.blueprint.md': ledger });
  assert.equal(runCli(['diagram'], root).status, 2);
  const kind = runCli(['diagram', 'ledger.blueprint.md', '--kind', 'sequence'], root);
  assert.equal(kind.status, 2);
  assert.match(kind.stderr, /--kind must be one of data-model, state, not 'sequence'/);
  const missing = runCli(['diagram', 'gone.md'], root);
  assert.equal(missing.stderr, 'blueprint: gone.md does not exist\n');
  assert.equal(missing.status, 2);
  const notes = runCli(['diagram', 'notes.md'], root);
  assert.equal(notes.stderr, 'blueprint: notes.md is not a blueprint\n');
  assert.equal(notes.status, 2);
});

test('blueprint check reports stale-diagram as the editor does, and --fix updates the diagram', () => {
  const stale = ledger.replace(
    '- **Customer** -> **places** -> **Order**\n',
    '- **Customer** -> **places** -> **Order**\n\n<!-- blueprint:diagram data-model -->\n\n```mermaid\nclassDiagram\n  class Order\n```\n',
  );
  const root = folderWith({ 'ledger.blueprint.md': stale });
  const check = runCli(['check', '--format', 'json'], root);
  const items = JSON.parse(check.stdout) as { code: string; severity: string; line: number }[];
  assert.deepEqual(
    items.map((d) => [d.code, d.severity, d.line]),
    [['stale-diagram', 'information', stale.split('\n').indexOf('<!-- blueprint:diagram data-model -->') + 1]],
  );
  assert.equal(runCli(['check', '--fix'], root).status, 0);
  const diagram = runCli(['diagram', 'ledger.blueprint.md'], root).stdout;
  const after = runCli(['check', '--format', 'json'], root);
  assert.deepEqual(JSON.parse(after.stdout), []);
  assert.ok(diagram.startsWith('classDiagram\n  class Order {'));
});
